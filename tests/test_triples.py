"""The N-Triples writer: literals written directly are written as rdflib's would be."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef

from peelgraph.graph.triples import DocumentTriples, TripleSet, nt_term

_AWKWARD = ["", "plain", 'a "quoted" word', "back\\slash", "two\nlines\r\n", "é’ – •", "\u2028"]


def test_a_written_literal_is_what_rdflib_literal_writes() -> None:
    sink = DocumentTriples()
    for value in _AWKWARD:
        assert nt_term(sink.literal(value)) == nt_term(Literal(value))
        assert nt_term(sink.literal(value, lang="en")) == nt_term(Literal(value, lang="en"))
    # Anything but a string is left to rdflib (a boolean is a typed literal).
    assert nt_term(sink.literal(True)) == nt_term(Literal(True))


def test_document_triples_write_the_same_lines_as_a_triple_set_of_rdflib_terms() -> None:
    s, p = URIRef("https://example.org/s"), URIRef("https://example.org/p")
    written, terms = DocumentTriples(), TripleSet()
    for value in [*_AWKWARD, *_AWKWARD]:  # each twice: one line each all the same
        written.add((s, p, written.literal(value)))
        terms.add((s, p, Literal(value)))
    assert written.ntriples() == terms.ntriples()
    assert len(written) == len(_AWKWARD)
    # And rdflib reads the lines back as the same literals.
    g = Graph().parse(data=written.ntriples().decode(), format="nt")
    assert set(g.objects(s, p)) == {Literal(v) for v in _AWKWARD}


def test_a_document_graph_written_directly_equals_rdflib_s_graph(tmp_path: Path) -> None:
    from peelgraph.extract import extract
    from peelgraph.graph.build import document_graph, document_ntriples
    from peelgraph.ingest.read import ingest

    path = tmp_path / "page.txt"
    path.write_text(
        "Exampleshire Constabulary PEEL 2017\n\n"
        'The force is "good" at investigating crime.\n\n'
        "Area for improvement\n\n"
        "The force should improve how it supervises investigations.\n",
        encoding="utf-8",
    )
    facts = extract(ingest(path))
    direct = Graph().parse(data=document_ntriples(facts).decode(), format="nt")
    assert len(direct) > 10
    assert set(direct) == set(document_graph(facts))


def test_document_triples_written_as_added_are_the_triple_set_s_lines() -> None:
    """Lines written when a triple is added (issue 24): the same bytes, count and objects
    as a set of the same rdflib terms written at the end, repeats included."""
    from rdflib import XSD

    from peelgraph.graph.triples import integer

    s, p, q = (URIRef(f"https://example.org/{x}") for x in "spq")
    written, terms = DocumentTriples(), TripleSet()
    objects = [
        URIRef("https://example.org/o"),
        integer(7),
        Literal(True),
        Literal("2016-05-01", datatype=XSD.date),
        Literal("étoile", lang="fr"),
    ]
    for o in [*objects, *objects]:
        written.add((s, p, o))
        terms.add((s, p, o))
    for value in _AWKWARD:
        written.add((s, q, written.literal(value)))
        terms.add((s, q, Literal(value)))
    assert written.ntriples() == terms.ntriples()
    assert len(written) == len(terms) == len(objects) + len(_AWKWARD)
    assert sorted(map(str, written.objects(None, p))) == sorted(map(str, terms.objects(None, p)))
    assert written.objects(q, p) == [] and len(written.objects(s, q)) == len(_AWKWARD)


def test_an_integer_written_directly_is_what_rdflib_s_integer_literal_writes() -> None:
    from peelgraph.graph.triples import integer

    sink = DocumentTriples()
    for n in (0, 7, -3, 2016, 10**20):
        assert sink.integer(n) == nt_term(integer(n))
        sink.add((URIRef("https://example.org/s"), URIRef("https://example.org/p"), integer(n)))
        sink.add(
            (URIRef("https://example.org/s"), URIRef("https://example.org/p"), sink.integer(n))
        )
    assert len(sink) == 5  # the same line either way
    assert sink.integer(True) == integer(True)  # not an int: rdflib's literal, as before
