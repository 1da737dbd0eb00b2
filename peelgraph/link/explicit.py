"""Explicit links made sentence by sentence: what a text says, within one force.

* A back-reference whose earlier finding, judgement or report the resolver
  could not name (:mod:`peelgraph.link.resolve` tries those first) follows up the
  statement of the documents of the year it names that it most likely takes
  up, by the model's score: "although it has made progress in this area since
  2016" and the 2016 page's "The force needs to improve its approach to
  preventing crime". The reference is explicit; the choice of statement is the
  model's, and its probability is the link's score. A reference about one
  question chooses among the statements about that question, where there are any.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from typing import Any

from peelgraph.link.features import Corpus, Sentence
from peelgraph.link.model import LinkModel
from peelgraph.link.score import TextLink
from peelgraph.reference.kinds import REPORT_KINDS
from peelgraph.reference.questions import PILLAR_TOKENS, questions_named

# A statement of something found wanting, in a reference ("were found to require
# improvement in 2014") and in what it refers to ("serious inconsistencies in ...").
SHORTFALL = re.compile(
    r"(?i)\b(?:requires?\s+improvement|required\s+improvement|requiring\s+improvement|inadequate|"
    r"(?:needs?|needed)\s+to\s+improve|causes?\s+of\s+concern|concerns?|inconsisten\w*|weak\w*|poor\w*|"
    r"lack\w*|insufficient\w*|shortcomings?|not\s+(?:always|consistently|effective\w*|good\s+enough))\b"
)


def report_years(docs: Mapping[str, Any]) -> dict[str, int | None]:
    """Document IRI -> the inspection year it states the findings of: the inspectorate's
    reports and pages, and its recommendation pages (whose status comments are later
    statements, see referenced_statements)."""
    return {d.iri: d.year for d in docs.values() if d.kind in REPORT_KINDS}


def referenced_statements(
    corpus: Corpus, model: LinkModel, resolved: Container[str], years: dict[str, int | None]
) -> list[TextLink]:
    """Back-references the resolver left unresolved, each to the statement of the
    documents of the year it names (``years``: document -> inspection year) that it
    most likely takes up: among those about the question it is about, if any, else
    among those that share a word with it."""
    out = []
    pools: list[tuple[int, list[int]]] = []  # (reference, the statements it may take up)
    # The statements of each year's reports, gathered once rather than by a pass over
    # every statement of the force for each back-reference.
    of_year: dict[int | None, list[int]] = {}
    for j, tgt in enumerate(corpus.sentences):
        if tgt.node_kind != "comment":  # a status comment speaks of a later time
            of_year.setdefault(years.get(tgt.doc), []).append(j)
    for i, ref in enumerate(corpus.sentences):
        if ref.reference is None or ref.refers_to is None or ref.reference in resolved:
            continue
        # Every statement of that year's report: few, and words too common in the force's
        # documents to find candidates by may be the ones that matter here.
        that_year = [j for j in of_year.get(ref.refers_to, ()) if corpus.eligible(i, j)]
        # A reference about one question ("progress in this area since 2016", under
        # preventing crime; "since investigations of crime were found to require
        # improvement") takes up what that year said about the question, in whatever words.
        question = ref.question if ref.question not in PILLAR_TOKENS else None
        # Failing that, what shares a word with it, but not what is about another
        # question (a recommendation page on organised crime for a reference to
        # neighbourhood policing).
        about = {j: _about(corpus.sentences[j], ref.refers_to) for j in that_year}
        pool = [j for j in that_year if question and question in about[j]] or [
            j
            for j in that_year
            if corpus.cosine(i, j) > 0 and not (question and about[j] - PILLAR_TOKENS)
        ]
        # What "was found to require improvement" takes up is what was found wanting.
        if SHORTFALL.search(ref.text):
            pool = [j for j in pool if SHORTFALL.search(corpus.sentences[j].text)] or pool
        if pool:
            pools.append((i, pool))
    # Every reference's pool scored in one product, then each reference's best taken.
    first = [i for i, pool in pools for _ in pool]
    second = [j for _, pool in pools for j in pool]
    probability = iter(model.scores(corpus.pair_features(first, second)))
    for i, pool in pools:
        scored = [(next(probability), j) for j in pool]
        p, j = max(scored, key=lambda x: (x[0], -x[1]))
        tgt = corpus.sentences[j]
        out.append(TextLink(corpus.sentences[i], tgt, "follows-up", round(p, 3), explicit=True))
    return out


def _about(s: Sentence, year: int | None) -> frozenset[str]:
    """The questions a statement is about: its own (or its section's), and those it names."""
    named = questions_named(s.text, year)
    return named | {s.question} if s.question else named


def said_pairs(links: list[TextLink]) -> set[tuple[str, str]]:
    """The node pairs of links whose two ends are facts."""
    return {(x.source.node, x.target.node) for x in links if x.source.node and x.target.node}
