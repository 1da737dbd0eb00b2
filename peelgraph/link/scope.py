"""What a rebuild must recompute: the forces a set of changed documents reaches.

A build from scratch computes every force's explicit links and derived facts. A
rebuild after a few documents changed computes only the parts (one per force,
:meth:`peelgraph.store.embedded.Writer.load_parts`) that those documents can
reach, and keeps the others:

* the explicit links of a force read that force's facts and the findings stated in
  the documents of its back-references: every force a changed document names
  (``peel:force`` of any of its nodes, in its old graph or its new one);
* a derived tracking reads the tracking force's status events, the finding's
  evidence in any document, and the links from the finding with the years of
  what they point to (``earliestTakenUp``): the forces above, and every force
  tracking a finding that a changed document states, a changed link leads from,
  or a link leads from to a node whose years the change changed.

Reading the forces and findings of a graph is a lookup in the store's indexes,
never a scan of the country.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from peelgraph.graph.vocab import PEEL
from peelgraph.store.sparql import bound, select

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def mentioned(ox: Any, graphs: Iterable[str]) -> tuple[set[str], set[str]]:
    """(forces, findings): every ``peel:force`` object and every ``peel:Finding`` in the
    named ``graphs`` as the store holds them now."""
    import pyoxigraph

    force, rdf_type, finding = (
        pyoxigraph.NamedNode(str(PEEL.force)),
        pyoxigraph.NamedNode(_RDF_TYPE),
        pyoxigraph.NamedNode(str(PEEL.Finding)),
    )
    forces: set[str] = set()
    findings: set[str] = set()
    for g in graphs:
        node = pyoxigraph.NamedNode(g)
        forces.update(q.object.value for q in ox.quads_for_pattern(None, force, None, node))
        findings.update(
            q.subject.value for q in ox.quads_for_pattern(None, rdf_type, finding, node)
        )
    return forces, findings


def years(ox: Any, graphs: Iterable[str]) -> dict[str, set[str]]:
    """Every node that states a ``peel:year`` in the named ``graphs``, with all the years
    the store gives it now (in any graph): what ``earliestTakenUp`` reads of a link's
    earlier end."""
    import pyoxigraph

    year, default = pyoxigraph.NamedNode(str(PEEL.year)), pyoxigraph.DefaultGraph()
    nodes = {
        q.subject
        for g in graphs
        for q in ox.quads_for_pattern(None, year, None, pyoxigraph.NamedNode(g))
    }
    return {
        n.value: {q.object.value for q in ox.quads_for_pattern(n, year, None, default)}
        for n in nodes
    }


_ENDS = {f"<{PEEL[p]}>".encode(): p for p in ("linkFrom", "linkTo", "relation")}


def ends_in(lines: set[bytes]) -> set[tuple[str, str, str]]:
    """(from, to, relation) of every link node in a link graph's N-Triples lines: what
    ``earliestTakenUp`` reads of a link (its score and rank do not matter to it)."""
    ends: dict[bytes, dict[str, str]] = {}
    for line in lines:
        parts = line.split(b" ", 2)
        if len(parts) == 3 and parts[1] in _ENDS:
            obj = parts[2].rstrip(b" .")
            value = obj[1:-1] if obj.startswith(b"<") else obj[1 : obj.rindex(b'"')]
            ends.setdefault(parts[0], {})[_ENDS[parts[1]]] = value.decode()
    return {(e["linkFrom"], e["linkTo"], e["relation"]) for e in ends.values() if len(e) == 3}


def linking_to(ox: Any, findings: set[str]) -> set[str]:
    """The nodes any link leads from to one of ``findings``."""
    if not findings:
        return set()
    return {r["f"] for r in select(ox, "scope-linking-to", target=bound(findings))}


def taken_up_changed(ox: Any, nodes: set[str], derived_graph: str) -> set[str]:
    """Of ``nodes`` (the ends of changed links), the findings whose ``earliestTakenUp``
    the links in the store now give differently from ``derived_graph`` as the last write
    left it: the only derived fact a link changes. A changed document mints new passage
    nodes, so its links change by the hundred while the years they take up stay; each
    such finding's trackers were every force tracking it (a national finding: all 43)."""
    if not nodes:
        return set()
    now = {
        r["finding"]: _year(r["earliest"])
        for r in select(ox, "derive-taken-up", finding=bound(nodes))
    }
    kept = _kept_taken_up(ox, nodes, derived_graph)
    return {n for n in nodes if now.get(n) != kept.get(n)}


def _kept_taken_up(ox: Any, nodes: set[str], derived_graph: str) -> dict[str, object]:
    """``earliestTakenUp`` of each of ``nodes`` as ``derived_graph`` holds it, by index
    lookups from the node (the select it replaces read every tracking of the graph before
    its VALUES block: 0.14 s of a rebuild at 100 %). A node tracked with two different
    years (never, as derived facts are made) reads as a value no year equals: changed, so
    recomputed."""
    import pyoxigraph

    graph = pyoxigraph.NamedNode(derived_graph)
    tracks = pyoxigraph.NamedNode(str(PEEL.tracks))
    earliest = pyoxigraph.NamedNode(str(PEEL.earliestTakenUp))
    out: dict[str, object] = {}
    for n in sorted(nodes):
        found = {
            _year(e.object.value)
            for t in ox.quads_for_pattern(None, tracks, pyoxigraph.NamedNode(n), graph)
            for e in ox.quads_for_pattern(t.subject, earliest, None, graph)
        }
        if found:
            out[n] = found.pop() if len(found) == 1 else _TWO_YEARS
    return out


_TWO_YEARS = object()  # equal to no year, and to no absent one (None)


def _year(value: str) -> int | str:
    return int(value) if value.strip().lstrip("-").isdigit() else value


def trackers(ox: Any, findings: set[str]) -> set[str]:
    """The forces tracking any of ``findings`` (their derived ``peel:Tracking`` nodes)."""
    if not findings:
        return set()
    return {r["force"] for r in select(ox, "derive-tracking", finding=bound(findings))}
