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

from typing import Any

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
_PREFIX = """PREFIX peel: <https://w3id.org/peelgraph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX oa: <http://www.w3.org/ns/oa#>
"""


def _v(row: dict[str, Any], key: str) -> str | None:
    v = row.get(key)
    return None if v is None else str(v)


def _entities(store: Any, g: Any, force_iri: str | None) -> None:
    rows = run_local(
        store,
        _PREFIX
        + """SELECT ?force ?fl ?target ?tl ?kind ?cat (COUNT(DISTINCT ?doc) AS ?docs) (SAMPLE(?q) AS ?quote) WHERE {
          ?m a peel:Mention ; peel:force ?force ; peel:mentionOf ?target ; peel:inDocument ?doc ;
             peel:hasEvidence/oa:exact ?q .
          FILTER(?target != ?force)
          ?force skos:prefLabel ?fl . ?target rdfs:label ?tl .
          OPTIONAL { ?target peel:orgCategory ?oc } OPTIONAL { ?target peel:programmeCategory ?pc }
          BIND(IF(EXISTS { ?target a peel:Programme }, "programme", IF(EXISTS { ?target a peel:Force }, "force", "partner")) AS ?kind)
          BIND(COALESCE(?oc, ?pc, "police-force") AS ?cat)
        } GROUP BY ?force ?fl ?target ?tl ?kind ?cat""",
    ).rows
    for r in rows:
        force, target = _v(r, "force"), _v(r, "target")
        if force_iri and force != force_iri:
            continue
        assert force and target
        g.add_node(force, label=_v(r, "fl"), type="force", category="police-force")
        if target not in g or g.nodes[target].get("type") != "force":
            g.add_node(target, label=_v(r, "tl"), type=_v(r, "kind"), category=_v(r, "cat"))
        g.add_edge(
            force,
            target,
            weight=int(_v(r, "docs") or 1),
            relation=f"mentions {_v(r, 'kind')}",
            quote=_v(r, "quote") or "",
        )


def _lineage(store: Any, g: Any, force_iri: str | None) -> None:
    findings = run_local(
        store,
        _PREFIX
        + """SELECT ?f ?label ?type ?year ?force ?q (SAMPLE(?quote) AS ?evidence) WHERE {
          ?f a peel:Finding ; rdfs:label ?label ; peel:findingType/skos:notation ?type ; peel:force ?force .
          OPTIONAL { ?f peel:year ?year } OPTIONAL { ?f peel:question/skos:notation ?q }
          OPTIONAL { ?f peel:hasEvidence/oa:exact ?quote }
        } GROUP BY ?f ?label ?type ?year ?force ?q""",
    ).rows
    for r in findings:
        if force_iri and _v(r, "force") != force_iri:
            continue
        g.add_node(
            _v(r, "f"),
            label=_v(r, "label"),
            type=_v(r, "type"),
            year=int(_v(r, "year") or 0),
            question=_v(r, "q") or "",
            quote=_v(r, "evidence") or "",
        )
    judgements = run_local(
        store,
        _PREFIX
        + """SELECT ?j ?label ?year ?grade ?force ?q (SAMPLE(?quote) AS ?evidence) WHERE {
          ?j a peel:Judgement ; rdfs:label ?label ; peel:year ?year ; peel:grade/skos:prefLabel ?grade ;
             peel:force ?force ; peel:question/skos:notation ?q ; peel:hasEvidence/oa:exact ?quote .
        } GROUP BY ?j ?label ?year ?grade ?force ?q""",
    ).rows
    for r in judgements:
        if force_iri and _v(r, "force") != force_iri:
            continue
        grade = _v(r, "grade") or ""
        g.add_node(
            _v(r, "j"),
            label=_v(r, "label"),
            type="judgement",
            year=int(_v(r, "year") or 0),
            question=_v(r, "q") or "",
            grade=grade,
            colour=GRADE_COLOURS.get(grade, "#999999"),
            quote=_v(r, "evidence") or "",
        )
    edges = run_local(
        store,
        _PREFIX
        + """SELECT ?s ?o ?rel ?method ?score WHERE {
          { ?s peel:followsUp ?o . BIND("follows-up" AS ?rel) }
          UNION { ?s peel:hasRecommendation ?o . BIND("has-recommendation" AS ?rel) }
          UNION { ?st a peel:Stance ; peel:disputes ?o . ?st peel:inDocument ?s . BIND("disputes" AS ?rel) }
          OPTIONAL { ?l a peel:Link ; peel:linkFrom ?s ; peel:linkTo ?o ; peel:method ?method ; peel:score ?score }
        }""",
    ).rows
    for r in edges:
        s, o = _v(r, "s"), _v(r, "o")
        if (s in g and o in g) or (_v(r, "rel") == "disputes" and o in g):
            if s not in g:
                g.add_node(s, label="Response", type="response", year=g.nodes[o].get("year", 0))
            g.add_edge(
                s,
                o,
                relation=_v(r, "rel"),
                method=_v(r, "method") or "explicit",
                weight=float(_v(r, "score") or 1.0),
            )


def to_networkx(store: Any, view: str = "entities", *, force: str | None = None) -> Any:
    """A networkx MultiDiGraph of the chosen view (``force`` is a force name, slug or IRI)."""
    import networkx as nx

    from peelgraph import iris
    from peelgraph.errors import QueryError
    from peelgraph.reference import forces

    if view not in VIEWS:
        raise QueryError(f"unknown view {view!r}", hint="views: " + ", ".join(VIEWS))
    g = nx.MultiDiGraph()
    force_iri = None
    if force:
        force_iri = force if force.startswith("http") else iris.force(forces.resolve(force).slug)
    elif view == "force":
        raise QueryError("the force view needs --force")
    if view == "rdf":
        res = run_local(store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
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
    from peelgraph.errors import QueryError

    raise QueryError(f"unknown view format {fmt!r}", hint="graphml, gexf, cytoscape or html")


def _layout(g: Any) -> dict[Any, tuple[float, float]]:
    """Years left to right where nodes have one (lineage); a circle otherwise."""
    import math

    nodes = list(g.nodes)
    years = sorted({int(d["year"]) for _, d in g.nodes(data=True) if d.get("year")})
    pos: dict[Any, tuple[float, float]] = {}
    if years:
        column: dict[int, int] = {}
        for n in sorted(
            nodes,
            key=lambda n: (g.nodes[n].get("question", ""), g.nodes[n].get("type", ""), str(n)),
        ):
            year = int(g.nodes[n].get("year") or years[0])
            column[year] = column.get(year, 0) + 1
            pos[n] = (80 + 260 * years.index(year), 30 + 22 * column[year])
        return pos
    for i, n in enumerate(nodes):
        angle = 2 * math.pi * i / max(1, len(nodes))
        radius = 150 + 4 * len(nodes)
        pos[n] = (radius + 60 + radius * math.cos(angle), radius + 60 + radius * math.sin(angle))
    return pos


def _html(g: Any) -> bytes:
    """A self-contained page: pan, zoom, search by name, colour by type or grade, quotes on click."""
    import json
    from importlib import resources

    pos = _layout(g)
    index = {n: i for i, n in enumerate(g.nodes)}
    data = {
        "title": g.graph.get("title", "peelgraph"),
        "nodes": [
            {"id": str(n), **{k: v for k, v in d.items()}, "x": pos[n][0], "y": pos[n][1]}
            for n, d in g.nodes(data=True)
        ],
        "edges": [{"source": index[u], "target": index[v], **d} for u, v, d in g.edges(data=True)],
    }
    template = (resources.files("peelgraph") / "view.html").read_text(encoding="utf-8")
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return template.replace("__GRAPH__", payload).encode("utf-8")
