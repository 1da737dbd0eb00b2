"""Explicit links made sentence by sentence: what a text says, within one force.

* A back-reference whose earlier finding, judgement or report the resolver
  could not name (:mod:`peelgraph.resolve` tries those first) follows up the
  statement of the documents of the year it names that it most likely takes
  up, by the model's score: "although it has made progress in this area since
  2016" and the 2016 page's "The force needs to improve its approach to
  preventing crime". The reference is explicit; the choice of statement is the
  model's, and its probability is the link's score.
"""

from __future__ import annotations

from collections.abc import Container

from peelgraph.linking.features import Corpus
from peelgraph.linking.model import LinkModel
from peelgraph.linking.score import TextLink


def referenced_statements(
    corpus: Corpus, model: LinkModel, resolved: Container[str], years: dict[str, int | None]
) -> list[TextLink]:
    """Back-references the resolver left unresolved, each to the statement of the
    documents of the year it names (``years``: document -> inspection year) that it
    most likely takes up, among those that share a word with it."""
    out = []
    for i, ref in enumerate(corpus.sentences):
        if ref.node_kind != "back-reference" or ref.refers_to is None or ref.node in resolved:
            continue
        # Every statement of that year's report: few, and words too common in the force's
        # documents to find candidates by may be the ones that matter here.
        scored = [
            (model.score(corpus.features(i, j)), j)
            for j, tgt in enumerate(corpus.sentences)
            if years.get(tgt.doc) == ref.refers_to
            and corpus.eligible(i, j)
            and corpus.cosine(i, j) > 0
        ]
        if scored:
            p, j = max(scored, key=lambda x: (x[0], -x[1]))
            out.append(TextLink(ref, corpus.sentences[j], "follows-up", round(p, 3), explicit=True))
    return out


def said_pairs(links: list[TextLink]) -> set[tuple[str, str]]:
    """The node pairs of links whose two ends are facts."""
    return {(x.source.node, x.target.node) for x in links if x.source.node and x.target.node}
