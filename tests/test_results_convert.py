"""Result conversion: each distinct term converted once (query.results.oxigraph_rows) gives
the rows that converting every term on its own gives. Invented terms only."""

from __future__ import annotations

import pyoxigraph as ox

from peelgraph.query.results import Value, from_oxigraph, oxigraph_rows

XSD = "http://www.w3.org/2001/XMLSchema#"


def test_terms_alike_in_value_stay_apart_and_repeats_convert_the_same() -> None:
    # Terms a cache could confuse: equal values of other datatypes, a language tag, an
    # explicit xsd:string, an IRI and a literal of the same text, a blank node.
    terms = [
        ox.Literal("1", datatype=ox.NamedNode(XSD + "integer")),
        ox.Literal("01", datatype=ox.NamedNode(XSD + "integer")),
        ox.Literal("1", datatype=ox.NamedNode(XSD + "decimal")),
        ox.Literal("1"),
        ox.Literal("1", language="en"),
        ox.Literal("1", datatype=ox.NamedNode(XSD + "string")),
        ox.NamedNode("https://example.org/1"),
        ox.Literal("https://example.org/1"),
        ox.BlankNode("b1"),
        None,
    ]
    store = ox.Store()
    subject, predicate = (
        ox.NamedNode("https://example.org/s"),
        ox.NamedNode("https://example.org/p"),
    )
    store.extend(ox.Quad(subject, predicate, t) for t in terms if t is not None)
    res = store.query(
        "SELECT ?o ?again ?none WHERE { ?s ?p ?o . BIND(?o AS ?again) OPTIONAL { ?s ?q ?none FILTER(false) } }"
    )
    rows = oxigraph_rows(res, ["o", "again", "none"])
    solutions = list(store.query("SELECT ?o WHERE { ?s ?p ?o }"))
    expected = sorted((from_oxigraph(s[0]) for s in solutions), key=repr)
    assert sorted((r["o"] for r in rows), key=repr) == expected
    assert len({r["o"] for r in rows}) == len(solutions)
    for r in rows:
        assert r["again"] == r["o"] and r["none"] is None
    assert Value("literal", "1", XSD + "integer") in expected
    assert Value("literal", "1", None, "en") in expected
    assert Value("iri", "https://example.org/1") in expected


def test_solutions_as_terms_made_here_convert_as_each_term_alone() -> None:
    # Terms not from a store keep their lexical forms ("01" and "1" as integers: two terms).
    one, zero_one = (ox.Literal(v, datatype=ox.NamedNode(XSD + "integer")) for v in ("1", "01"))
    solutions = [[one, zero_one, None], [zero_one, one, ox.Literal("1", language="en")]] * 3
    rows = oxigraph_rows(solutions, ["a", "b", "c"])
    assert rows == [
        dict(zip("abc", [from_oxigraph(t) for t in sol], strict=True)) for sol in solutions
    ]
    assert rows[0]["a"] == Value("literal", "1", XSD + "integer")
    assert rows[0]["b"] == Value("literal", "01", XSD + "integer")
