"""Leads bounded for near-identical documents (issue 25).

Probe: one near-copy of a 47 KB document added 20,054 link triples (every
statement leads to its twin). Here: at most MAX_PER_PAIR leads per pair of
documents, the likeliest kept, the rest counted in a warning.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from peelgraph.link.features import Sentence
from peelgraph.link.score import MAX_PER_PAIR, TextLink, cap_pairs


def _link(src_doc: str, tgt_doc: str, n: int, score: float) -> TextLink:
    def s(doc: str) -> Sentence:
        return Sentence(doc, "f", n * 10, n * 10 + 5, f"s{n}", "2018", "2018")

    return TextLink(s(src_doc), s(tgt_doc), "follows-up", score)


def test_each_pair_of_documents_keeps_its_likeliest_leads(caplog) -> None:
    links = [_link("b", "a", n, n / 1000) for n in range(MAX_PER_PAIR + 30)]
    links += [_link("c", "a", n, 0.5) for n in range(5)]
    with caplog.at_level(logging.WARNING, logger="peelgraph.link"):
        kept = cap_pairs(links)
    from_b = [x for x in kept if x.source.doc == "b"]
    assert len(from_b) == MAX_PER_PAIR and min(x.score for x in from_b) == 30 / 1000
    assert sum(x.source.doc == "c" for x in kept) == 5
    assert "30 leads from b to a left out" in caplog.text


@pytest.mark.slow
def test_a_near_copy_adds_a_bounded_number_of_leads(seeds: Path, tmp_path: Path) -> None:
    from peelgraph.pipeline import build
    from peelgraph.store.embedded import open_store
    from tests.conftest import GWENT_2017

    folder = tmp_path / "in"
    folder.mkdir()
    text = (seeds / GWENT_2017).read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(text.replace("\n\n", "\n\nA copy.\n\n", 1), encoding="utf-8")
    assert build([folder], tmp_path / "s").ok
    store = open_store(tmp_path / "s")
    q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?l ?p ?o } FILTER(CONTAINS(STR(?g), 'links-text')) }"
    n = int(next(iter(store.ox.query(q)))["n"].value)
    assert n < 2 * MAX_PER_PAIR * 30, n  # was 15,614 with the seeds (449 without the copy)
