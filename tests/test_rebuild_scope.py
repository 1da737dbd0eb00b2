"""What a rebuild recomputes (peelgraph.link.scope), on invented stores in memory."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest

from peelgraph.graph import iris
from peelgraph.graph.vocab import PEEL
from peelgraph.link import scope

_F1, _F2, _F3 = (f"https://example.org/finding/{n}" for n in (1, 2, 3))


def _tracking(ox: pyoxigraph.Store, node: str, finding: str, year: str) -> None:
    graph = pyoxigraph.NamedNode(iris.DERIVED_GRAPH)
    t = pyoxigraph.NamedNode(node)
    ox.add(
        pyoxigraph.Quad(
            t, pyoxigraph.NamedNode(str(PEEL.tracks)), pyoxigraph.NamedNode(finding), graph
        )
    )
    earliest = pyoxigraph.Literal(
        year, datatype=pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#gYear")
    )
    ox.add(pyoxigraph.Quad(t, pyoxigraph.NamedNode(str(PEEL.earliestTakenUp)), earliest, graph))


def test_the_kept_year_taken_up_is_read_from_the_derived_graph_alone() -> None:
    ox = pyoxigraph.Store()
    _tracking(ox, "https://example.org/t/1a", _F1, "2016")
    _tracking(ox, "https://example.org/t/1b", _F1, "2016")  # a second force tracking it
    _tracking(ox, "https://example.org/t/2", _F2, "2017")
    # The same statement in another graph is not what the last write derived.
    other = pyoxigraph.NamedNode("https://example.org/graph/other")
    ox.add(
        pyoxigraph.Quad(
            pyoxigraph.NamedNode("https://example.org/t/3"),
            pyoxigraph.NamedNode(str(PEEL.tracks)),
            pyoxigraph.NamedNode(_F3),
            other,
        )
    )
    kept = scope._kept_taken_up(ox, {_F1, _F2, _F3}, iris.DERIVED_GRAPH)
    assert kept == {_F1: 2016, _F2: 2017}


def test_a_finding_tracked_with_two_years_counts_as_changed() -> None:
    ox = pyoxigraph.Store()
    _tracking(ox, "https://example.org/t/1a", _F1, "2016")
    _tracking(ox, "https://example.org/t/1b", _F1, "2018")
    kept = scope._kept_taken_up(ox, {_F1}, iris.DERIVED_GRAPH)
    assert kept[_F1] not in (2016, 2018, None)
    # No link takes F1 up now: its trackings' year must be derived again.
    assert scope.taken_up_changed(ox, {_F1}, iris.DERIVED_GRAPH) == {_F1}


def test_rows_kept_by_an_older_text_of_a_query_are_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write keeps an internal query's rows graph by graph (Writer.rows_by_graph) and
    the next reads again only the graphs changed: rows kept by an older text of the
    query (other columns) are read whole again instead, and their file dropped."""
    from peelgraph.store import embedded, sparql

    g = "https://example.org/graph/doc/a"
    data = b'<https://example.org/x> <https://example.org/p> "one" .'
    texts = {"q": "SELECT ?g ?o WHERE { GRAPH ?g { ?s <https://example.org/p> ?o } }"}
    monkeypatch.setattr(sparql, "query_text", lambda name: texts[name])
    with embedded.writer(tmp_path / "s") as w:
        w.load([embedded.GraphWrite(g, data)])
        assert w.rows_by_graph("q", None) == [{"g": g, "o": "one"}]
    with embedded.writer(tmp_path / "s") as w:
        assert w.rows_by_graph("q", set()) == [{"g": g, "o": "one"}]  # kept, none changed
    texts["q"] = "SELECT ?g ?o ?s WHERE { GRAPH ?g { ?s <https://example.org/p> ?o } }"
    with embedded.writer(tmp_path / "s") as w:
        assert w.rows_by_graph("q", set()) == [{"g": g, "o": "one", "s": "https://example.org/x"}]
    assert len(list((tmp_path / "s").glob(f"*/{embedded.PARTS}/rows-q-*.json"))) == 1
