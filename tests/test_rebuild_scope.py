"""What a rebuild recomputes (peelgraph.link.scope), on invented stores in memory."""

from __future__ import annotations

import pyoxigraph

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
