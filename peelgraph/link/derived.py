"""Facts derived from every document once, at build time, for the saved queries.

Some answers an analyst asks for are not stated by any one document but follow
from all of them: a force's latest status of a finding and its date, whether
the force reports it complete, the national finding as one force's page tracks
it, the next grade of a question a response disputed. Worked out inside a saved
query, each was a group or a sub-select over the whole country for every
question asked of one force (``open-recommendations`` took 1.4 s for one force
at full scale, ``disputes`` 5.3 s). Here they are worked out once per build,
from the same patterns those queries used, and written as plain triples in
:data:`peelgraph.graph.iris.DERIVED_GRAPH`:

* a ``peel:Tracking`` node per finding and force that tracks it (the finding's
  own force; for a national finding, each force whose page records a status of
  it) with ``peel:latestDate``, ``peel:latestStatus``, ``peel:complete`` and
  ``peel:ownEvidence`` (the finding's evidence in that force's own document), and
  ``peel:earliestTakenUp``, the earliest year of what the finding takes up (new or
  raised again, for ``year-diff``);
* ``peel:nextJudgement`` from a disputing stance to the graded judgement of the
  first later inspection of its question.

And, read from the trackings once they are written (:func:`findings_rows`), the row the
``findings`` query gives for each tracking, in a graph of the tracking force's own
(:func:`rows_graph`, ``graph/findings-rows/FORCE``, which names its force by
``peel:rowsForce``): the tracking's ``peel:tracks`` and copies of its finding's, its
force's and its own evidence's values (``peel:rowType``, ``rowTypeLabel``, ``rowText``,
``rowYear``, ``rowForceName``, ``rowQuote``, ``rowDocument``, ``rowPage``, ``rowQuestion``,
with each question's ``rowQuestionLabel`` said once in the graph). The query
reads each column in a scan of the force's graph (every force's, for the country),
joined by hashing: joined node to node, one index look-up for each column of each
row, the country's findings took 3.2 s of CPU at full scale, and a graph of its own is
what lets one force's query scan only its rows.
"""

from __future__ import annotations

from typing import Any

from rdflib import RDF, RDFS, XSD, Literal, URIRef

from peelgraph.graph import iris
from peelgraph.graph.triples import DocumentTriples, Terms, TripleSet, Written, integer, nt_term
from peelgraph.graph.vocab import PEEL
from peelgraph.link.aggregates import add_aggregates, sink_for
from peelgraph.store.sparql import bound, select, select_terms

_COMPLETE = iris.status("complete")

# The derived graph's terms looked up once, and its sinks writing each triple as its line
# when added (DocumentTriples, as a document's graph does): rdflib's vocabulary look-ups
# and Literals, written out again at the end, were a quarter of derived_parts' CPU at
# 100 %. The same lines: the booleans are rdflib's own, written once.
_P, _TYPE, _LABEL = Terms(PEEL), RDF.type, RDFS.label
_BOOLEAN = {b: Written(nt_term(Literal(b))) for b in (True, False)}


def derived_graph(ox: Any) -> bytes:
    """The derived facts of the store's current content, as N-Triples."""
    lines = {ln for data in derived_parts(ox).values() for ln in data.split(b"\n") if ln}
    return b"\n".join(sorted(lines))


def derived_parts(ox: Any, forces: set[str] | None = None) -> dict[str, bytes]:
    """The derived facts by the force they belong to (a tracking's force, a disputing
    stance's force), as N-Triples: the derived graph is their union. Each force's part
    reads only that force's facts (and the findings it tracks), so a rebuild computes
    the parts of the forces whose documents changed, not the country's. ``forces``:
    force IRIs to compute (every force's part when None); a force in it that has no
    derived facts any more gets an empty part."""
    sinks: dict[str, DocumentTriples] = {f: DocumentTriples() for f in forces or ()}
    _trackings(ox, sinks, forces)
    add_aggregates(ox, sinks, forces)  # the grouping queries' counts (link/aggregates.py)
    for stance, force, later in _next_judgements(ox, forces):
        sink_for(sinks, force).add((URIRef(stance), _P.nextJudgement, URIRef(later)))
    return {force: sink.ntriples() for force, sink in sorted(sinks.items())}


def _select(ox: Any, name: str, var: str, values: set[str] | None) -> list[dict[str, str]]:
    """Rows of internal query ``name`` for ``values`` of ``var``; for every value (None,
    a build from scratch) its ``-all`` twin, the same rows with each property joined by
    hashing (one scan each) rather than looked up a row: half the CPU or less for the
    country, where a few forces' (a rebuild) are cheaper looked up."""
    if values is None:
        return select(ox, f"{name}-all")
    return select(ox, name, **{var: bound(values)})


def _next_judgements(ox: Any, forces: set[str] | None) -> list[tuple[str, str, str]]:
    """(stance, force, judgement): for each stance disputing a question, the graded
    judgements of its force and question at the first later year that question was
    inspected (a grade carried over, whose year is not its last inspection, is not).
    Joined here from two selects bound to the forces (a single query with a grouping
    sub-select joined every force's judgements before the binding applied: 0.15 s
    for one force of five)."""
    inspected: dict[tuple[str, str], set[int]] = {}
    graded: dict[tuple[str, str, int], set[str]] = {}
    for r in _select(ox, "derive-judgement-years", "force", forces):
        key = (r["force"], r["q"])
        if r["lastInspected"] == r["year"]:
            inspected.setdefault(key, set()).add(int(r["year"]))
        if r["graded"] == "true":
            graded.setdefault((*key, int(r["year"])), set()).add(r["j"])
    disputes: dict[tuple[str, str], tuple[set[str], set[int]]] = {}
    for r in select(ox, "derive-disputing-stances", force=bound(forces)):
        questions, years = disputes.setdefault((r["stance"], r["force"]), (set(), set()))
        questions.add(r["q"])
        years.add(int(r["disputedYear"]))
    out = set()
    for (stance, force), (questions, years) in disputes.items():
        later = [y for q in questions for y in inspected.get((force, q), ()) if y > min(years)]
        if later:
            for q in questions:
                out.update((stance, force, j) for j in graded.get((force, q, min(later)), ()))
    return sorted(out)


def _evidence_key(r: dict[str, str]) -> tuple[str, bool, int, int, str]:
    """The order evidence is picked in: document label, page, position (then IRI)."""
    return (
        r["label"],
        not r["page"],
        int(r["page"] or 0),
        int(r["start"] or 0),
        r["ev"],
    )


def _trackings(ox: Any, sinks: dict[str, DocumentTriples], forces: set[str] | None) -> None:
    pairs = {(r["finding"], r["force"]) for r in _select(ox, "derive-tracking", "force", forces)}
    # Only the findings these forces track: their links and evidence, whoever states them.
    findings = None if forces is None else {f for f, _ in pairs}
    # (finding, force) -> dated statuses, and whether any event says complete.
    dated: dict[tuple[str, str], list[tuple[str, str]]] = {}
    complete: set[tuple[str, str]] = set()
    for r in _select(ox, "derive-status", "force", forces):
        key = (r["finding"], r["force"])
        if r["status"] == _COMPLETE:
            complete.add(key)
        if r["date"]:
            dated.setdefault(key, []).append((r["date"], r["status"]))
    taken_up = {
        r["finding"]: r["earliest"] for r in _select(ox, "derive-taken-up", "finding", findings)
    }
    evidence: dict[str, list[dict[str, str]]] = {}
    for r in _select(ox, "derive-finding-evidence", "finding", findings):
        evidence.setdefault(r["finding"], []).append(r)
    for finding, force in sorted(pairs):
        sink = sink_for(sinks, force)
        node = URIRef(iris.tracking(finding, force))
        sink.add((node, _TYPE, _P.Tracking))
        sink.add((node, _P.tracks, URIRef(finding)))
        sink.add((node, _P.trackingForce, URIRef(force)))
        sink.add((node, _LABEL, sink.literal(f"Tracked by {force.rsplit('/', 1)[-1]}")))
        key = (finding, force)
        sink.add((node, _P.complete, _BOOLEAN[key in complete]))
        if key in dated:
            # xsd:date lexical forms (YYYY-MM-DD) sort as the dates do.
            latest = max(d for d, _ in dated[key])
            sink.add((node, _P.latestDate, Literal(latest, datatype=XSD.date)))
            for d, status in dated[key]:
                if d == latest:
                    sink.add((node, _P.latestStatus, URIRef(status)))
        if finding in taken_up:
            sink.add((node, _P.earliestTakenUp, sink.integer(int(taken_up[finding]))))
        evs = evidence.get(finding, [])
        own = [r for r in evs if r["docForce"] == force] or evs
        if own:
            sink.add((node, _P.ownEvidence, URIRef(min(own, key=_evidence_key)["ev"])))


ROWS_GRAPH = iris.GRAPH + "findings-rows/"


def rows_graph(force: str) -> str:
    """The graph of one force's findings rows."""
    return ROWS_GRAPH + force.rsplit("/", 1)[-1]


# The findings row's columns, by the variable of the internal query that reads it.
_ROW = {
    "type": PEEL.rowType,
    "text": PEEL.rowText,
    "year": PEEL.rowYear,
    "quote": PEEL.rowQuote,
    "page": PEEL.rowPage,
}


def findings_rows(ox: Any, forces: set[str] | None = None) -> dict[str, bytes]:
    """Each force's findings rows (its graph's IRI -> N-Triples), read from the trackings
    of the derived graph as written (:func:`derived_parts`): the forces of ``forces``
    (every force's when None; a force in it that tracks nothing gets an empty graph, to
    drop). The values are copied as stored, datatype and language kept; labels as the
    query gave them, their strings."""
    sinks: dict[str, TripleSet] = {f: TripleSet() for f in forces or ()}
    # Two reads from the trackings (the finding's columns, the evidence's), each column's
    # values gathered as a set: a value missing is unbound, several multiply the rows.
    # The labels are read once for the types and documents found.
    trackings = select_terms(ox, "derive-row-findings", force=bound(forces))
    evidence = select_terms(ox, "derive-row-evidence", force=bound(forces))
    values: dict[str, set[tuple[Any, Written]]] = {}
    types: dict[str, set[str]] = {}
    docs: dict[str, set[str]] = {}
    for t in [*trackings, *evidence]:
        tr = t["tr"].value
        column = values.setdefault(tr, set())
        for key, prop in _ROW.items():
            if t.get(key) is not None:
                column.add((prop, _written(t[key])))
        if t.get("type") is not None:
            types.setdefault(t["type"].value, set()).add(tr)
        if t.get("doc") is not None and t.get("quote") is not None:
            docs.setdefault(t["doc"].value, set()).add(tr)
    for query, nodes, prop in (
        ("derive-pref-labels", types, PEEL.rowTypeLabel),
        ("derive-doc-labels", docs, PEEL.rowDocument),
    ):
        for t in select_terms(ox, query, node=bound(set(nodes))):
            for tr in nodes[t["node"].value]:
                values[tr].add((prop, _written(t["label"])))
    # The finding's questions that have a label (the query's OPTIONAL pairs a question
    # with its label): the question on the row, its label said of the question once in
    # the force's graph, so that the pair is joined by the question, never crossed.
    labels: dict[str, set[tuple[str, Written]]] = {}
    for t in select_terms(ox, "derive-row-questions", force=bound(forces)):
        values.setdefault(t["tr"].value, set()).add((PEEL.rowQuestion, _written(t["question"])))
        labels.setdefault(t["force"].value, set()).add((t["question"].value, _written(t["label"])))
    names: dict[str, set[Written]] = {}
    for t in select_terms(
        ox, "derive-force-names", force=bound({t["force"].value for t in trackings})
    ):
        names.setdefault(t["force"].value, set()).add(_written(t["name"]))
    # Each tracking's place among its force's by its finding's IRI (code-point order, as
    # SPARQL compares strings): the query sorts by it where it sorted by STR(?finding),
    # which read the IRI from the database again at every comparison.
    by_force: dict[str, set[tuple[str, str]]] = {}
    for t in trackings:
        by_force.setdefault(t["force"].value, set()).add((t["finding"].value, t["tr"].value))
    ranks = {
        tr: integer(n) for pairs in by_force.values() for n, (_, tr) in enumerate(sorted(pairs))
    }
    for t in trackings:
        force, node = t["force"].value, URIRef(t["tr"].value)
        sink = sinks.setdefault(force, TripleSet())
        sink.add((node, PEEL.tracks, URIRef(t["finding"].value)))
        sink.add((node, PEEL.rowFindingRank, ranks[t["tr"].value]))
        for p, o in values.get(t["tr"].value, ()):
            sink.add((node, p, o))
        for name in names.get(force, ()):
            sink.add((node, PEEL.rowForceName, name))
    for force, pairs in labels.items():
        sink = sinks.setdefault(force, TripleSet())
        for question, label in pairs:
            sink.add((URIRef(question), PEEL.rowQuestionLabel, label))
    out = {}
    for force, sink in sorted(sinks.items()):
        if len(sink):
            sink.add((URIRef(rows_graph(force)), PEEL.rowsForce, URIRef(force)))
        out[rows_graph(force)] = sink.ntriples()
    return out


def _written(term: Any) -> Written:
    """A pyoxigraph term as the N-Triples text it is written as."""
    return Written(str(term))
