"""The findings rows derived at build time (peelgraph.link.derived.findings_rows, one
graph per force) give the saved query ``findings`` exactly the rows that joining the
finding, its evidence, the document and the labels node to node gives (the query as it
was before the rows were derived, kept here as the reference)."""

from __future__ import annotations

from typing import Any

# The node-to-node formulation: the tracking, its finding and evidence, the labels.
REFERENCE = """
PREFIX peel: <https://w3id.org/peelgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oa: <http://www.w3.org/ns/oa#>

SELECT DISTINCT ?force ?question ?forceName ?year ?typeLabel ?questionLabel ?finding ?text ?quote ?document ?page
WHERE {
  ?tr peel:trackingForce ?force ; peel:tracks ?finding ; peel:ownEvidence ?ev .
  ?finding peel:findingType ?type ; peel:text ?text .
  ?ev oa:exact ?quote ; oa:hasSource ?doc .
  ?doc rdfs:label ?dl .
  FILTER(!BOUND(?topic) || CONTAINS(LCASE(?text), LCASE(STR(?topic))))
  OPTIONAL { ?force skos:prefLabel ?fn }
  OPTIONAL { ?type skos:prefLabel ?tl }
  OPTIONAL { ?finding peel:year ?year }
  OPTIONAL {
    SELECT DISTINCT ?force ?finding ?question ?ql WHERE {
      ?tr peel:trackingForce ?force ; peel:tracks ?finding .
      ?finding peel:question ?question . ?question skos:prefLabel ?ql
    }
  }
  OPTIONAL { ?ev peel:page ?page }
  BIND(STR(?fn) AS ?forceName)
  BIND(STR(?tl) AS ?typeLabel)
  BIND(STR(?ql) AS ?questionLabel)
  BIND(STR(?dl) AS ?document)
}
ORDER BY (CONCAT("~", ?forceName)) ?year (CONCAT("~", ?typeLabel)) (CONCAT("~", STR(?finding))) (CONCAT("~", ?document)) (CONCAT("~", STR(?force))) (CONCAT("~", STR(?question))) (CONCAT("~", ?questionLabel)) (CONCAT("~", ?text)) (CONCAT("~", ?quote)) ?page
"""


def _forces(store: Any) -> list[str]:
    rows = store.ox.query(
        "SELECT DISTINCT ?f WHERE { ?t <https://w3id.org/peelgraph/ontology#trackingForce> ?f }"
    )
    return sorted(r[0].value.rsplit("/", 1)[-1] for r in rows)


def test_rows_give_what_the_join_gives(built_store: Any) -> None:
    from peelgraph.query import bind_params, load_query, run_local, run_saved

    q = load_query("findings")
    forces = _forces(built_store)
    assert forces
    cases: list[dict[str, str]] = [{}, {"question": "serious-organised-crime"}, {"year": "2016"}]
    cases += [{"type": "recommendation"}, {"topic": "the force"}]
    cases += [{"force": f} for f in forces]
    cases += [{"force": f, "question": "serious-organised-crime"} for f in forces]
    for params in cases:
        rows = run_saved(built_store, "findings", params).rows
        expected = run_local(built_store, REFERENCE, bind_params(q, params)).rows
        assert rows == expected, params
    assert run_saved(built_store, "findings", {}).rows


def test_each_force_rows_graph_names_its_force(built_store: Any) -> None:
    from peelgraph.link.derived import rows_graph

    graphs = {
        r[0].value: r[1].value
        for r in built_store.ox.query(
            "SELECT ?g ?f WHERE { GRAPH ?g { ?g <https://w3id.org/peelgraph/ontology#rowsForce> ?f } }"
        )
    }
    assert graphs
    assert all(rows_graph(force) == g for g, force in graphs.items())


def test_a_force_that_tracks_nothing_gets_an_empty_graph(built_store: Any) -> None:
    # Its graph is dropped on a rebuild that computes it (pipeline._load_rows).
    from peelgraph.link.derived import findings_rows, rows_graph

    nowhere = "https://w3id.org/peelgraph/id/force/nowhere"
    assert findings_rows(built_store.ox, {nowhere}) == {rows_graph(nowhere): b""}
