"""Scoring: which later statement takes up which earlier one, and how.

Pure functions over :class:`Sentence` records; :mod:`peelgraph.link.read`
makes the records from the store, :mod:`peelgraph.link.features` describes a
pair, and :mod:`peelgraph.link.model` turns the description into a score.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container
from dataclasses import dataclass, replace

from peelgraph.link.features import (
    MIN_STEMS,
    Corpus,
    Sentence,
    asks,
    reports_outcome,
    statement_key,
    token_sets,
)
from peelgraph.link.model import LinkModel, load_model
from peelgraph.text.similarity import idf_weights, weighted_cosine

SAME_FINDING = 0.75  # cosine above which two statements are the same finding in other words
PARALLEL = 0.70  # findings of two forces in the same standard words
LEAD_FLOOR = 0.10  # the least probability a lead is kept with (below it, nothing to show)
MAX_TARGETS = 2  # per source statement: the earlier statements it most likely takes up
MAX_SOURCES = 8  # per earlier statement: the later ones kept as its leads, best first


@dataclass(frozen=True)
class TextLink:
    source: Sentence
    target: Sentence
    relation: str  # follows-up | same-finding | outcome-of | disputes
    score: float  # the model's probability (the cosine, for parallel findings)
    parallel: bool = False
    explicit: bool = False  # what a text says (a back-reference resolved to a statement)
    rank: int | None = None  # a lead's place among its earlier statement's leads, best first


def _relation(src: Sentence, tgt: Sentence, cosine: float) -> str:
    if src.node_kind == "stance" and src.stance == "disputes" and tgt.node_kind == "finding":
        return "disputes"
    if cosine >= SAME_FINDING and asks(src.text) == asks(tgt.text):
        # Nearly the same words in the same mood: a request restated as done is a follow-up.
        return "same-finding"
    if reports_outcome(src.text, tgt.text):
        return "outcome-of"
    return "follows-up"


def text_links(sentences: list[Sentence], model: LinkModel | None = None) -> list[TextLink]:
    """Leads from later statements to the earlier ones they take up, force by force,
    each with the model's probability (at least :data:`LEAD_FLOOR`).

    Each force's documents are their own corpus (word weights, acronyms,
    boilerplate), so a force's links depend on its documents alone: adding a
    document of one force relinks that force and leaves the others as they were.
    """
    return leads(sentences, set(), model)


def leads(
    sentences: list[Sentence], said: set[tuple[str, str]], model: LinkModel | None = None
) -> list[TextLink]:
    """The leads of :func:`text_links`, less the pairs in ``said`` (node to node): what
    the texts already say is an explicit link, not a lead."""
    model = model or load_model()
    by_force: dict[str, list[Sentence]] = defaultdict(list)
    for s in sentences:
        by_force[s.force].append(s)
    return [
        link
        for force in sorted(by_force)
        for link in proposed_links(Corpus(by_force[force]), model, said)
    ]


def proposed_links(
    corpus: Corpus, model: LinkModel, said: Container[tuple[str, str]] = frozenset()
) -> list[TextLink]:
    """One force's leads: for each statement, the earlier ones it most likely takes up
    (at most :data:`MAX_TARGETS`), and for each earlier statement the later ones that
    most likely take it up (at most :data:`MAX_SOURCES`), each with its probability."""
    sentences = corpus.sentences
    found: list[TextLink] = []
    # Every statement's candidates, their features and their scores, each in bulk: sparse
    # and dense matrix products rather than a Python loop per pair.
    first, second = corpus.all_candidates()
    pairs = list(zip(first.tolist(), second.tolist(), strict=True))
    probability = model.scores(corpus.pair_features(first, second))
    by_source: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), p in zip(pairs, probability, strict=True):
        by_source[i].append((p, j))
    for i, src in enumerate(sentences):
        scored = [(p, j) for p, j in by_source.get(i, ()) if p >= LEAD_FLOOR]
        scored.sort(key=lambda x: (-x[0], x[1]))
        for p, j in scored[:MAX_TARGETS]:
            tgt = sentences[j]
            if src.node and tgt.node and (src.node, tgt.node) in said:
                continue
            relation = _relation(src, tgt, corpus.cosine(i, j))
            found.append(TextLink(src, tgt, relation, round(p, 3)))
    # Statements of one day (or undated) may pair either way: keep the likelier direction.
    best: dict[frozenset[tuple[str, int]], TextLink] = {}
    for link in found:
        key = frozenset(
            {(link.source.doc, link.source.start), (link.target.doc, link.target.start)}
        )
        if key not in best or link.score > best[key].score:
            best[key] = link
    by_target: dict[tuple[str, int], list[TextLink]] = defaultdict(list)
    for link in best.values():
        by_target[(link.target.doc, link.target.start)].append(link)
    ranked = [
        replace(link, rank=n)
        for key in sorted(by_target)
        for n, link in enumerate(
            sorted(by_target[key], key=lambda x: (-x.score, statement_order(x.source)))[
                :MAX_SOURCES
            ],
            1,
        )
    ]
    return cap_pairs(ranked)


# Leads kept between one later and one earlier document, best first. A near-copy of
# a 47 KB document added 20,054 link triples (every statement leads to its twin);
# the seeds' busiest real pair has 56, and no pair of the development set reaches it.
MAX_PER_PAIR = 100


def cap_pairs(links: list[TextLink], cap: int = MAX_PER_PAIR) -> list[TextLink]:
    """``links`` with at most ``cap`` per (later document, earlier document), the likeliest
    kept; how many were left out is logged (a warning on the build's stderr)."""
    by_pair: dict[tuple[str, str], list[TextLink]] = defaultdict(list)
    for link in links:
        by_pair[(link.source.doc, link.target.doc)].append(link)
    dropped: set[int] = set()
    for pair, group in by_pair.items():
        if len(group) > cap:
            group.sort(key=lambda x: (-x.score, statement_order(x.source)))
            dropped.update(id(x) for x in group[cap:])
            import logging

            logging.getLogger("peelgraph.link").warning(
                "%d leads from %s to %s left out: at most %d per pair of documents"
                " (near-identical documents?)",
                len(group) - cap, pair[0], pair[1], cap,
            )  # fmt: skip
    return [link for link in links if id(link) not in dropped]


def parallel_links(findings: list[Sentence]) -> list[TextLink]:
    """The same standard finding given to two forces.

    Each finding points at the first finding of another force stated in nearly
    the same words (a star round the first use of a wording, not a clique of
    every pair), found among the findings that share its two rarest words.
    """
    tokens = token_sets([s.text for s in findings], {})
    weights = idf_weights(tokens)
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for k, s in enumerate(findings):
        if s.finding and len(tokens[k]) >= MIN_STEMS:
            key = tuple(sorted(tokens[k], key=lambda t: (-weights[t], t))[:2])
            groups[key].append(k)
    out: list[TextLink] = []
    for members in groups.values():
        members.sort(key=lambda k: statement_order(findings[k]))
        for n, a in enumerate(members):
            sa = findings[a]
            for b in members[:n]:
                sb = findings[b]
                if sb.force == sa.force or statement_order(sb) >= statement_order(sa):
                    continue
                score = weighted_cosine(tokens[a], tokens[b], weights)
                if score >= PARALLEL:
                    out.append(TextLink(sa, sb, "same-finding", round(score, 3), parallel=True))
                    break
    return out


statement_order = statement_key
