"""Internal queries: files with a summary, bound by VALUES, never formatted by hand."""

from __future__ import annotations

import pyoxigraph
import pytest

from peelgraph.store.sparql import bind, internal_queries, query_text, select


def test_every_internal_query_has_a_summary_and_parses() -> None:
    names = internal_queries()
    assert "link-units" in names and "resolve-back-references" in names
    store = pyoxigraph.Store()
    for name in names:
        text = query_text(name)
        assert "#+ summary:" in text, name
        store.query(text)  # parses, with the prefixes from vocab, on an empty store


def test_bindings_are_escaped_terms_placed_first_in_the_where_group() -> None:
    text = bind("SELECT ?s WHERE { ?s ?p ?o }", s=["http://x/b", "http://x/a"], o=None)
    assert text == "SELECT ?s WHERE { VALUES ?s { <http://x/a> <http://x/b> } ?s ?p ?o }"
    lit = bind("SELECT ?s WHERE { ?s ?p ?o }", o=pyoxigraph.Literal('say "no"'))
    assert 'VALUES ?o { "say \\"no\\"" }' in lit
    with pytest.raises(ValueError):
        bind("SELECT ?s WHERE { ?s ?p ?o }", s="not an iri")


def test_select_binds_and_reads_rows() -> None:
    store = pyoxigraph.Store()
    ex = "http://example.org/"
    for n in ("a", "b"):
        store.add(
            pyoxigraph.Quad(
                pyoxigraph.NamedNode(ex + n),
                pyoxigraph.NamedNode("https://w3id.org/peelgraph/ontology#hasEvidence"),
                pyoxigraph.NamedNode(ex + "ev-" + n),
            )
        )
    assert select(store, "evidence-of", node=ex + "b") == [{"ev": ex + "ev-b"}]
    with pytest.raises(KeyError):
        query_text("no-such-query")
