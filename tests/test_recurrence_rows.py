"""The recurrence rows derived at build time (peelgraph.link.rows.recurrence_rows, one
graph per force, each row with its rank) give the saved query ``recurring`` exactly the
rows, in the same order, that joining each later finding to its links and the earlier
finding gives (the query as it was before the rows were derived, kept here as the
reference)."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

# The join from the findings and links, sorted by its ten columns.
REFERENCE = """
PREFIX peel: <https://w3id.org/peelgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>

SELECT DISTINCT ?forceName ?laterYear ?earlierYear ?relation ?linkMethod ?score ?laterText ?earlierText ?later ?earlier
WHERE {
  # From the later finding (a force's, or every finding of the country) to its links: one
  # index look-up per finding, where starting from the links read every lead of the
  # country, most of them between sentences, before keeping those between findings.
  ?later peel:force ?force .
  ?later a peel:Finding .
  ?link peel:linkFrom ?later ; peel:relation ?relation .
  FILTER(?relation IN ("follows-up", "same-finding"))
  ?link peel:linkTo ?earlier .
  ?earlier a peel:Finding .
  # The same force: a parallel link to another force's finding is not a recurrence.
  ?earlier peel:force ?force .
  ?later peel:year ?laterYear .
  ?earlier peel:year ?earlierYear .
  FILTER(?laterYear > ?earlierYear)
  ?link a peel:Link ; peel:method ?linkMethod ; peel:score ?score .
  FILTER(!BOUND(?method) || ?linkMethod = STR(?method))
  ?later peel:text ?laterText .
  ?earlier peel:text ?earlierText .
  ?force skos:prefLabel ?fl .
  BIND(STR(?fl) AS ?forceName)
}
# The string and IRI sort keys are sorted as (CONCAT("~", ...)): the same order (one
# prefix before every value), but pyoxigraph 0.5 reads a stored string from the database
# again at every comparison of the sort, and a string the query made is kept in memory
# (measures for the country at 100 %: 945 -> 753 ms).
ORDER BY (CONCAT("~", ?forceName)) DESC(?score) ?laterYear ?earlierYear (CONCAT("~", ?relation)) (CONCAT("~", ?linkMethod)) (CONCAT("~", ?laterText)) (CONCAT("~", ?earlierText)) (CONCAT("~", STR(?later))) (CONCAT("~", STR(?earlier)))
"""


def _forces(store: Any) -> list[str]:
    rows = store.ox.query(
        "SELECT DISTINCT ?f WHERE { ?x <https://w3id.org/peelgraph/ontology#force> ?f }"
    )
    return sorted(r[0].value.rsplit("/", 1)[-1] for r in rows)


def test_rows_give_what_the_join_gives_in_its_order(built_store: Any) -> None:
    from peelgraph.query import bind_params, load_query, run_local, run_saved

    q = load_query("recurring")
    forces = _forces(built_store)
    assert forces
    cases: list[dict[str, str]] = [{}, {"method": "explicit"}, {"method": "similarity"}]
    cases += [{"force": f} for f in forces]
    cases += [{"force": f, "method": "explicit"} for f in forces]
    for params in cases:
        rows = run_saved(built_store, "recurring", params).rows
        expected = run_local(built_store, REFERENCE, bind_params(q, params)).rows
        assert rows == expected, params
    assert run_saved(built_store, "recurring", {}).rows


def test_each_force_rows_graph_names_its_force_and_ranks_from_zero(built_store: Any) -> None:
    from peelgraph.link.rows import recurrence_graph

    graphs = {
        r[0].value: r[1].value
        for r in built_store.ox.query(
            "SELECT ?g ?f WHERE { GRAPH ?g { ?g <https://w3id.org/peelgraph/ontology#recurrencesOf> ?f } }"
        )
    }
    assert graphs
    assert all(recurrence_graph(force) == g for g, force in graphs.items())
    for g in graphs:
        ranks = sorted(
            int(r[0].value)
            for r in built_store.ox.query(
                f"SELECT ?n WHERE {{ GRAPH <{g}> {{ ?r <https://w3id.org/peelgraph/ontology#recurrenceRank> ?n }} }}"
            )
        )
        assert ranks == list(range(len(ranks)))


def test_a_force_with_no_recurrence_gets_an_empty_graph(built_store: Any) -> None:
    # Its graph is dropped on a rebuild that computes it (pipeline._load_rows).
    from peelgraph.link.rows import recurrence_graph, recurrence_rows

    nowhere = "https://w3id.org/peelgraph/id/force/nowhere"
    assert recurrence_rows(built_store.ox, {nowhere}) == {recurrence_graph(nowhere): b""}


def _row(name: str, score: str, later_year: int, text: str, later: str) -> dict[str, Any]:
    xsd = "http://www.w3.org/2001/XMLSchema#"
    return {
        "forceName": ox.Literal(name),
        "laterYear": ox.Literal(str(later_year), datatype=ox.NamedNode(xsd + "integer")),
        "earlierYear": ox.Literal("2014", datatype=ox.NamedNode(xsd + "integer")),
        "relation": ox.Literal("follows-up"),
        "linkMethod": ox.Literal("similarity"),
        "score": ox.Literal(score, datatype=ox.NamedNode(xsd + "decimal")),
        "laterText": ox.Literal(text),
        "earlierText": ox.Literal("An earlier text."),
        "later": ox.NamedNode(later),
        "earlier": ox.NamedNode("https://example.org/finding/e"),
    }


def test_the_rank_order_is_the_engines_order_of_the_ten_columns() -> None:
    # Invented rows, sorted in Python (link.rows.order_key) and by the query's old ORDER BY.
    from peelgraph.link.rows import COLUMNS, order_key

    rows = [
        _row("Kent Police", "0.9", 2016, "b", "https://example.org/finding/1"),
        _row("Kent Police", "0.95", 2016, "a", "https://example.org/finding/2"),
        _row("Kent Police", "0.9", 2015, "c", "https://example.org/finding/3"),
        _row("Kent Police", "0.9", 2016, "B", "https://example.org/finding/4"),
        _row("Kent Police", "0.9", 2016, "é", "https://example.org/finding/5"),
        _row("Kent Police", "0.9", 2016, "b", "https://example.org/finding/10"),
        _row("Kent Police", "1", 2016, "z", "https://example.org/finding/6"),
        _row("Kent Police", "0.100", 2017, "z", "https://example.org/finding/7"),
        _row("Kent Police", "0.95", 2016, "a\u00a0", "https://example.org/finding/8"),
    ]
    store = ox.Store()
    g = ox.NamedNode("https://example.org/g")
    p = "https://example.org/p/"
    for n, row in enumerate(rows):
        node = ox.NamedNode(f"https://example.org/row/{n}")
        for col in COLUMNS:
            store.add(ox.Quad(node, ox.NamedNode(p + col), row[col], g))
    order = REFERENCE[REFERENCE.index("ORDER BY") :]
    text = (
        "SELECT * WHERE { GRAPH ?g { ?r "
        + " ; ".join(f"<{p}{col}> ?{col}" for col in COLUMNS)
        + " } } "
        + order
    )
    # Compared by the later finding (each row's own): the store writes "0.100" as "0.1".
    by_engine = [s["later"] for s in store.query(text)]
    assert by_engine == [r["later"] for r in sorted(rows, key=order_key)]


def test_each_force_has_one_name_of_its_own() -> None:
    # The recurring and findings queries sort by the force's name and then by a rank
    # counted within the force's rows (peel:recurrenceRank, peel:rowFindingRank): the
    # same order as sorting by the columns only while rows of one name are one force's.
    from rdflib import RDF, SKOS

    from peelgraph.graph.build import reference_graph
    from peelgraph.graph.vocab import PEEL

    g = reference_graph()
    forces = set(g.subjects(RDF.type, PEEL.Force))
    names = [str(n) for f in forces for n in g.objects(f, SKOS.prefLabel)]
    assert forces and len(names) == len(forces) == len(set(names))
