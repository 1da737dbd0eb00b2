"""Graph views for looking at: networkx graphs shaped for Gephi, Cytoscape and browsers.

The raw RDF is unreadable as a picture, so each view picks the nodes a person
wants to see and puts labels, types, years, grades and an evidence quote on
them as attributes:

* ``entities``: forces, partners and programmes; edges weighted by how many
  documents link them;
* ``lineage``: findings and judgements as nodes (judgements coloured by
  grade), follow-up, recommendation and dispute links as edges, with years so
  Gephi's timeline can play them;
* ``force``: the entities and lineage of one force;
* ``rdf``: every triple.
"""

from __future__ import annotations

import itertools
from typing import Any

from peelgraph.graph import iris
from peelgraph.query import run_local

VIEWS = ("entities", "lineage", "force", "rdf")
GRADE_COLOURS = {
    "Outstanding": "#1a9850",
    "Good": "#91cf60",
    "Adequate": "#d9ef8b",
    "Requires improvement": "#fc8d59",
    "Inadequate": "#d73027",
    "Ungraded": "#bdbdbd",
}


def _rows(store: Any, name: str, force_iri: str | None) -> list[dict[str, str | None]]:
    """Rows of ``queries/internal/views-NAME.rq``, bound to one force when given, as plain strings."""
    from peelgraph.query.saved import bind_params, parse_query_file
    from peelgraph.resources import resource_path

    q = parse_query_file(resource_path("queries", f"internal/views-{name}.rq"))
    bindings = bind_params(q, {"force": force_iri} if force_iri else {})
    return [
        {k: None if v is None else v.value for k, v in row.items()}
        for row in run_local(store, q.text, bindings).rows
    ]


def _slug(iri: str | None) -> str:
    return (iri or "").rsplit("/", 1)[-1]


def _entities(store: Any, g: Any, force_iri: str | None) -> None:
    for r in _rows(store, "entities", force_iri):
        force, target = r["force"], r["target"]
        assert force and target
        g.add_node(force, label=r["fl"], type="force", category="police-force")
        if target not in g or g.nodes[target].get("type") != "force":
            g.add_node(target, label=r["tl"], type=r["kind"], category=r["cat"])
        g.add_edge(
            force,
            target,
            weight=int(r["docs"] or 1),
            relation=f"mentions {r['kind']}",
            quote=r["quote"] or "",
        )


def _common(r: dict[str, str | None]) -> dict[str, Any]:
    """What every lineage node carries: where it sits (force, question, year) and its evidence.

    ``year`` places it as the trace does (peelgraph.query.timeline): the year of its own date
    (a status event's, a dated comment's, else the publication date of the document stating
    it), else the year of its inspection; ``inspection_year`` keeps the inspection's."""
    date = r.get("date") or None
    inspection = int(r["year"] or 0)
    return {
        "year": int(date[:4]) if date and date[:4].isdigit() else inspection,
        "inspection_year": inspection,
        "date": date or "",
        "force": _slug(r["force"]),
        "force_name": r["forceName"] or "",
        "question": r["question"] or "",
        "question_label": r["questionLabel"] or "",
        "quote": r["quote"] or "",
        "document": r["document"] or "",
        # Where to cite the quote: the document's public address (dcterms:source), if known.
        "address": r.get("address") or "",
    }


def _lineage_nodes(store: Any, g: Any, force_iri: str | None) -> dict[tuple[str, ...], str]:
    """Findings, judgements and later statements as nodes; judgements by (force, question, year)."""
    for r in _rows(store, "lineage-findings", force_iri):
        referenced = r["referenced"] == "true"
        g.add_node(
            r["node"],
            label=r["text"] or "",
            type="earlier-finding" if referenced else r["type"],
            **_common(r),
        )
    judgements: dict[tuple[str, ...], str] = {}
    for r in _rows(store, "lineage-judgements", force_iri):
        grade = r["grade"] or ""
        node = r["node"]
        assert node
        g.add_node(
            node,
            label=f"{r['questionLabel']}: {grade}",
            type="judgement",
            grade=grade,
            colour=GRADE_COLOURS.get(grade, "#999999"),
            last_inspected=int(r["lastInspected"] or r["year"] or 0),
            **_common(r),
        )
        judgements[(_slug(r["force"]), r["question"] or "", str(r["year"]))] = node
    for r in _rows(store, "lineage-statements", force_iri):
        kind, node = r["kind"], r["node"]
        outcome = r["outcome"] if kind == "back-reference" else None
        g.add_node(
            node,
            label=r["quote"] or "",
            type=kind,
            **({"outcome": outcome} if outcome else {}),
            **({"grade": r["grade"]} if r["grade"] else {}),
            **_common(r),
        )
        # A statement disputing a question's grade disputes that inspection's judgement of it.
        if kind == "dispute" and r["question"] and r["inspection"]:
            j = iris.judgement(r["inspection"], r["question"])
            if j in g:
                g.add_edge(node, j, relation="disputes", method="explicit", weight=1.0)
    return judgements


def _status_events(store: Any, g: Any, force_iri: str | None) -> None:
    """Each status change and dated comment of a finding the view shows, at its own date, from
    the finding it records (a cause of concern's, not again from each of its recommendations)."""
    by_event: dict[str, list[str]] = {}
    for r in _rows(store, "lineage-status", force_iri):
        node, finding = r["node"], r["finding"]
        assert node and finding
        if finding not in g:
            continue
        by_event.setdefault(node, []).append(finding)
        if node in g:
            continue
        status = r["status"]
        g.add_node(
            node,
            label=f"Status: {status}" if status else f"Comment: {r['comment'] or ''}",
            type="status",
            **({"status": status} if status else {}),
            **_common(r),
        )
    for node, findings in by_event.items():
        tracked = set(findings)
        for f in sorted(tracked):
            parents = {
                u for u, _, d in g.in_edges(f, data=True) if d["relation"] == "has-recommendation"
            }
            if not parents & tracked:
                g.add_edge(f, node, relation="status", method="explicit", weight=1.0)


def _lineage(store: Any, g: Any, force_iri: str | None) -> None:
    from peelgraph.link.model import load_model

    # A proposed link below the model's calibrated threshold is a lead to check, not a
    # line to draw: it stays in `query leads` and out of the view, as out of the trace.
    threshold = load_model().threshold
    judgements = _lineage_nodes(store, g, force_iri)
    for r in _rows(store, "lineage-links", force_iri):
        s, o = r["source"], r["target"]
        if r["method"] == "similarity" and float(r["score"] or 0.0) < threshold:
            continue
        if s in g and o in g:
            proposed = r["method"] == "similarity"
            g.add_edge(
                s,
                o,
                relation=r["relation"],
                method=r["method"] or "explicit",
                weight=float(r["score"] or 1.0),
                parallel=r["parallel"] == "true",
                # What the picture writes on a proposed link: its relation and score.
                **({"label": f"{r['relation']} {float(r['score'] or 0):.2f}"} if proposed else {}),
            )
    _status_events(store, g, force_iri)
    # Each grade leads to the next grade of the same question: the thread's backbone.
    by_thread: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for (force, question, year), node in judgements.items():
        by_thread.setdefault((force, question), []).append((int(year), node))
    for years in by_thread.values():
        years.sort()
        for (_, a), (_, b) in itertools.pairwise(years):
            g.add_edge(a, b, relation="next-grade", method="explicit", weight=1.0)


def to_networkx(store: Any, view: str = "entities", *, force: str | None = None) -> Any:
    """A networkx MultiDiGraph of the chosen view (``force`` is a force name, slug or IRI)."""
    import networkx as nx

    from peelgraph.errors import UsageError
    from peelgraph.reference import forces

    if view not in VIEWS:
        raise UsageError(f"unknown view {view!r}", hint="views: " + ", ".join(VIEWS))
    g = nx.MultiDiGraph()
    force_iri = None
    if force:
        force_iri = force if force.startswith("http") else iris.force(forces.resolve(force).slug)
    elif view == "force":
        # A missing argument: usage (exit 2), as the README's table of exit codes says.
        raise UsageError("the force view needs --force", hint="add --force NAME (e.g. gwent)")
    if view == "rdf":
        from peelgraph.query.saved import parse_query_file
        from peelgraph.resources import resource_path

        res = run_local(
            store, parse_query_file(resource_path("queries", "internal/views-rdf.rq")).text
        )
        from rdflib import Graph, Literal

        for s, p, o in Graph().parse(data=res.graph_ntriples, format="nt"):
            g.add_node(str(s), label=str(s).rsplit("/", 1)[-1])
            if isinstance(o, Literal):
                g.nodes[str(s)][str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1]] = str(o)[:200]
            else:
                g.add_node(str(o), label=str(o).rsplit("/", 1)[-1])
                g.add_edge(str(s), str(o), relation=str(p))
        return g
    if view in {"entities", "force"}:
        _entities(store, g, force_iri)
    if view in {"lineage", "force"}:
        _lineage(store, g, force_iri)
    g.graph["title"] = f"peelgraph: {view} view" + (f" of {force}" if force else "")
    return g


def analytics(g: Any) -> dict[str, Any]:
    """Central partners, partners shared by forces, the longest finding chains, findings never followed up."""
    import networkx as nx

    simple = nx.DiGraph(g)
    out: dict[str, Any] = {}
    partners = [n for n, d in g.nodes(data=True) if d.get("type") in {"partner", "force"}]
    if partners:
        centrality = nx.degree_centrality(simple.to_undirected())
        out["central_organisations"] = sorted(
            ((g.nodes[n].get("label"), round(centrality[n], 3)) for n in partners),
            key=lambda x: -x[1],
        )[:10]
        out["shared_partners"] = sorted(
            (g.nodes[n].get("label"), len({u for u, _ in g.in_edges(n)}))
            for n in partners
            if g.nodes[n].get("type") == "partner" and len({u for u, _ in g.in_edges(n)}) > 1
        )
    follows = nx.DiGraph(
        [(u, v) for u, v, d in g.edges(data=True) if d.get("relation") == "follows-up"]
    )
    if follows.number_of_nodes():
        longest = nx.dag_longest_path(follows) if nx.is_directed_acyclic_graph(follows) else []
        out["longest_chain"] = [g.nodes[n].get("label") for n in longest]
    findings = [
        n
        for n, d in g.nodes(data=True)
        if d.get("type") in {"cause-of-concern", "recommendation", "area-for-improvement"}
    ]
    if findings:
        followed = {v for _, v, d in g.edges(data=True) if d.get("relation") == "follows-up"}
        out["never_followed_up"] = sorted(
            g.nodes[n].get("label") for n in findings if n not in followed
        )
    return out


def write_view(g: Any, fmt: str) -> bytes:
    """GraphML, GEXF (with years as a timeline attribute) or Cytoscape.js JSON."""
    import io
    import json

    import networkx as nx

    clean = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        clean.add_node(n, **{k: v for k, v in d.items() if v is not None})
    for u, v, d in g.edges(data=True):
        clean.add_edge(u, v, **{k: val for k, val in d.items() if val is not None})
    if fmt == "graphml":
        buf = io.BytesIO()
        nx.write_graphml(clean, buf)
        return buf.getvalue()
    if fmt == "gexf":
        for _, d in clean.nodes(data=True):
            if d.get("year"):
                d["start"] = f"{int(d['year'])}-01-01"
        buf = io.BytesIO()
        nx.write_gexf(clean, buf)
        return buf.getvalue()
    if fmt == "cytoscape":
        return json.dumps(
            nx.cytoscape_data(nx.DiGraph(clean)), indent=1, ensure_ascii=False
        ).encode("utf-8")
    if fmt == "html":
        clean.graph["title"] = g.graph.get("title", "peelgraph")
        return _html(clean)
    from peelgraph.errors import UsageError

    raise UsageError(f"unknown view format {fmt!r}", hint="graphml, gexf, cytoscape or html")


def _html(g: Any) -> bytes:
    """A self-contained page (static/view.html with cytoscape.js inlined): filters, years as
    columns and threads as bands, a legend, full labels on hover, a node's evidence on click."""
    from peelgraph.resources import script_json, static_page

    data = {
        "title": g.graph.get("title", "peelgraph"),
        "nodes": [{"id": str(n), **d} for n, d in g.nodes(data=True)],
        "edges": [{"source": str(u), "target": str(v), **d} for u, v, d in g.edges(data=True)],
    }
    payload = script_json(data)  # "<" escaped: no finding's text can end or comment out the script
    return static_page("view.html").replace("__GRAPH__", payload, 1).encode("utf-8")
