"""The W3C SPARQL 1.1 Protocol test manifest's query and bad-request tests, on the seeds.

Written from the manifest's test names and descriptions (nothing is fetched):
each test keeps its name, and where it needs data it uses the seeds' graphs
(the reference graph, the links graph and a document graph) instead of the
manifest's data files. The update tests become refusals: this endpoint is
read-only, and the store must be unchanged after every one. Then real clients
(SPARQLWrapper, rdflib's SPARQLStore) read every result format offered.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pytest

from peelgraph.graph import iris

SKOS = "http://www.w3.org/2004/02/skos/core#"
PEEL = iris.ONTOLOGY
REF_ONLY = f"ASK {{ ?s a <{PEEL}Force> }}"  # true in the reference graph only
JUDGEMENT = f"ASK {{ ?s a <{PEEL}Judgement> }}"  # true in a report's graph only
SELECT = f"SELECT ?j ?year WHERE {{ ?j a <{PEEL}Judgement> ; <{PEEL}year> ?year }} ORDER BY ?j"
CONSTRUCT = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s a <{PEEL}Force> ; ?p ?o }} LIMIT 30"
DESCRIBE = f"DESCRIBE ?s WHERE {{ ?s a <{PEEL}Force> }} LIMIT 2"


def call(
    endpoint: str,
    method: str = "GET",
    params: list[tuple[str, str]] | None = None,
    *,
    body: bytes | None = None,
    content_type: str | None = None,
    accept: str | None = None,
) -> tuple[int, str, bytes]:
    url = f"{endpoint}/sparql"
    if params and (method != "POST" or body is not None):
        url += "?" + urllib.parse.urlencode(params)
    elif params:
        body = urllib.parse.urlencode(params).encode()
        content_type = content_type or "application/x-www-form-urlencoded"
    headers = {k: v for k, v in (("Content-Type", content_type), ("Accept", accept)) if v}
    req = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read()


def ask(status_ctype_body: tuple[int, str, bytes]) -> bool:
    status, _, body = status_ctype_body
    assert status == 200, body
    return bool(json.loads(body)["boolean"])


@pytest.fixture(scope="module")
def doc_graph(built_store) -> str:
    """A seed report's named graph (the one holding judgements)."""
    rows = built_store.ox.query(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?j a <{PEEL}Judgement> }} }} ORDER BY ?g LIMIT 1"
    )
    return str(next(iter(rows))[0].value)


# ---------------------------------------------------------------- query tests


def test_query_post_form(endpoint: str) -> None:
    assert ask(call(endpoint, "POST", [("query", JUDGEMENT)]))


def test_query_get(endpoint: str) -> None:
    assert ask(call(endpoint, "GET", [("query", JUDGEMENT)]))


def test_query_post_direct(endpoint: str) -> None:
    assert ask(
        call(endpoint, "POST", body=JUDGEMENT.encode(), content_type="application/sparql-query")
    )


def test_query_dataset_default_graph(endpoint: str) -> None:
    params = [("default-graph-uri", iris.REFERENCE_GRAPH)]
    assert ask(call(endpoint, "GET", [("query", REF_ONLY), *params]))
    assert not ask(call(endpoint, "GET", [("query", JUDGEMENT), *params]))


def test_query_dataset_default_graphs_get(endpoint: str, doc_graph: str) -> None:
    both = f"ASK {{ ?a a <{PEEL}Force> . ?b a <{PEEL}Judgement> }}"
    params = [
        ("query", both),
        ("default-graph-uri", iris.REFERENCE_GRAPH),
        ("default-graph-uri", doc_graph),
    ]
    assert ask(call(endpoint, "GET", params))


def test_query_dataset_default_graphs_post(endpoint: str, doc_graph: str) -> None:
    both = f"ASK {{ ?a a <{PEEL}Force> . ?b a <{PEEL}Judgement> }}"
    params = [
        ("query", both),
        ("default-graph-uri", iris.REFERENCE_GRAPH),
        ("default-graph-uri", doc_graph),
    ]
    assert ask(call(endpoint, "POST", params))


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_query_dataset_named_graphs(endpoint: str, doc_graph: str, method: str) -> None:
    """query_dataset_named_graphs_post and _get: GRAPH sees only the named graphs given,
    and the default graph is empty."""
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    params = [
        ("query", q),
        ("named-graph-uri", iris.REFERENCE_GRAPH),
        ("named-graph-uri", doc_graph),
    ]
    status, _, body = call(endpoint, method, params)
    assert status == 200
    assert [b["g"]["value"] for b in json.loads(body)["results"]["bindings"]] == sorted(
        [iris.REFERENCE_GRAPH, doc_graph]
    )
    assert not ask(
        call(endpoint, method, [("query", "ASK { ?s ?p ?o }"), ("named-graph-uri", doc_graph)])
    )


def test_query_dataset_full(endpoint: str, doc_graph: str) -> None:
    q = f"ASK {{ ?a a <{PEEL}Force> GRAPH ?g {{ ?b a <{PEEL}Judgement> }} FILTER(?g = <{doc_graph}>) }}"
    params = [
        ("query", q),
        ("default-graph-uri", iris.REFERENCE_GRAPH),
        ("named-graph-uri", doc_graph),
    ]
    assert ask(call(endpoint, "GET", params))
    wrong = [
        ("query", q),
        ("default-graph-uri", doc_graph),
        ("named-graph-uri", iris.REFERENCE_GRAPH),
    ]
    assert not ask(call(endpoint, "GET", wrong))


def test_query_multiple_dataset(endpoint: str, doc_graph: str) -> None:
    """The protocol's dataset overrides the query's FROM."""
    q = f"ASK FROM <{doc_graph}> {{ ?s a <{PEEL}Force> }}"
    assert not ask(call(endpoint, "GET", [("query", q)]))
    assert ask(call(endpoint, "GET", [("query", q), ("default-graph-uri", iris.REFERENCE_GRAPH)]))


@pytest.mark.parametrize(
    ("query", "allowed"),
    [
        (
            SELECT,
            {
                "application/sparql-results+xml",
                "application/sparql-results+json",
                "text/csv",
                "text/tab-separated-values",
            },
        ),
        (JUDGEMENT, {"application/sparql-results+xml", "application/sparql-results+json"}),
        (DESCRIBE, {"application/rdf+xml", "text/turtle", "application/n-triples"}),
        (CONSTRUCT, {"application/rdf+xml", "text/turtle", "application/n-triples"}),
    ],
    ids=[
        "query_content_type_select",
        "query_content_type_ask",
        "query_content_type_describe",
        "query_content_type_construct",
    ],
)
def test_query_content_type(endpoint: str, query: str, allowed: set[str]) -> None:
    accept = ", ".join(f"{m};q={0.9 - i / 10:.1f}" for i, m in enumerate(sorted(allowed)))
    status, ctype, body = call(endpoint, "GET", [("query", query)], accept=accept)
    assert status == 200 and ctype.split(";")[0] in allowed and body


# ---------------------------------------------------------------- bad requests


def test_bad_query_method(endpoint: str) -> None:
    for method in ("PUT", "DELETE", "PATCH"):
        status, ctype, body = call(endpoint, method, [("query", JUDGEMENT)])
        assert status == 405 and "text/plain" in ctype and b"<html" not in body.lower()


def test_bad_multiple_queries(endpoint: str) -> None:
    assert call(endpoint, "GET", [("query", JUDGEMENT), ("query", REF_ONLY)])[0] == 400
    assert call(endpoint, "POST", [("query", JUDGEMENT), ("query", REF_ONLY)])[0] == 400


def test_bad_query_wrong_media_type(endpoint: str) -> None:
    assert call(endpoint, "POST", body=JUDGEMENT.encode(), content_type="text/plain")[0] == 415


def _post_without_content_type(endpoint: str, body: bytes) -> int:
    """urllib adds a form Content-Type to any POST body; http.client sends none."""
    import http.client

    conn = http.client.HTTPConnection(urllib.parse.urlsplit(endpoint).netloc, timeout=30)
    conn.request("POST", "/sparql", body=body)
    status = conn.getresponse().status
    conn.close()
    return status


def test_bad_query_missing_form_type(endpoint: str) -> None:
    body = urllib.parse.urlencode({"query": JUDGEMENT}).encode()
    assert _post_without_content_type(endpoint, body) == 415


def test_bad_query_missing_direct_type(endpoint: str) -> None:
    assert _post_without_content_type(endpoint, JUDGEMENT.encode()) == 415


def test_bad_query_non_utf8(endpoint: str) -> None:
    utf16 = JUDGEMENT.encode("utf-16")
    assert call(endpoint, "POST", body=utf16, content_type="application/sparql-query")[0] == 400
    declared = call(
        endpoint, "POST", body=utf16, content_type="application/sparql-query; charset=UTF-16"
    )
    assert declared[0] == 415
    latin = 'ASK { ?s ?p "café" }'.encode("latin-1")
    assert call(endpoint, "POST", body=latin, content_type="application/sparql-query")[0] == 400
    assert (
        call(
            endpoint,
            "POST",
            [("query", "x")],
            body=b"query=%E9",
            content_type="application/x-www-form-urlencoded",
        )[0]
        == 400
    )


def test_bad_query_syntax(endpoint: str) -> None:
    status, _, body = call(endpoint, "GET", [("query", "SELECT * WHERE { ?s ?p ")])
    assert status == 400 and b"malformed" in body


UPDATES = {
    "update_post_form": (
        "POST",
        [("update", "INSERT DATA { <http://a> <http://b> <http://c> }")],
        None,
        None,
    ),
    "update_post_direct": (
        "POST",
        None,
        b"INSERT DATA { <http://a> <http://b> <http://c> }",
        "application/sparql-update",
    ),
    "update_base_uri": (
        "POST",
        None,
        b"BASE <http://a/> INSERT DATA { <x> <y> <z> }",
        "application/sparql-update",
    ),
    "update_dataset_default_graph": (
        "POST",
        [
            ("update", "INSERT { <http://a> <http://b> <http://c> } WHERE {}"),
            ("using-graph-uri", iris.REFERENCE_GRAPH),
        ],
        None,
        None,
    ),
    "update_dataset_named_graphs": (
        "POST",
        [
            ("update", "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }"),
            ("using-named-graph-uri", iris.LINKS_GRAPH),
        ],
        None,
        None,
    ),
    "bad_update_get": ("GET", [("update", "CLEAR ALL")], None, None),
    "bad_multiple_updates": ("POST", [("update", "CLEAR ALL"), ("update", "DROP ALL")], None, None),
    "bad_update_wrong_media_type": ("POST", None, b"CLEAR ALL", "text/plain"),
    "bad_update_syntax": ("POST", [("update", "INSERT DATA { <a> ")], None, None),
    "update_in_query": (
        "POST",
        None,
        b"PREFIX a: <http://a/#> DELETE WHERE { ?s ?p ?o }",
        "application/sparql-query",
    ),
}


@pytest.mark.parametrize("name", sorted(UPDATES))
def test_updates_are_refused_and_change_nothing(endpoint: str, built_store, name: str) -> None:
    before = len(built_store.ox)
    method, params, body, ctype = UPDATES[name]
    status, _, _ = call(endpoint, method, params, body=body, content_type=ctype)
    assert 400 <= status < 500, name
    assert len(built_store.ox) == before


# ---------------------------------------------------------------- the small print


def test_relative_iris_resolve_against_the_endpoint(endpoint: str) -> None:
    status, _, body = call(
        endpoint, "GET", [("query", "SELECT ?x WHERE { BIND(<relative> AS ?x) }")]
    )
    assert status == 200
    assert json.loads(body)["results"]["bindings"][0]["x"]["value"] == f"{endpoint}/relative"


def test_accept_q_values_and_406(endpoint: str) -> None:
    q = [("query", SELECT)]
    assert call(endpoint, "GET", q, accept="text/tab-separated-values;q=0.3, application/json")[
        1
    ].startswith("application/json")
    assert call(endpoint, "GET", q, accept="application/sparql-results+json;q=0, text/csv")[
        1
    ].startswith("text/csv")
    assert call(endpoint, "GET", q, accept="Application/SPARQL-Results+XML")[1].startswith(
        "application/sparql-results+xml"
    )
    assert call(endpoint, "GET", q, accept="image/png")[0] == 406
    assert call(endpoint, "GET", [("query", CONSTRUCT)], accept="application/rdf+xml")[
        1
    ].startswith("application/rdf+xml")
    media = call(endpoint, "POST", body=SELECT.encode(), content_type="Application/SPARQL-Query")
    assert media[0] == 200


def test_head_options_and_trailing_slash(endpoint: str) -> None:
    req = urllib.request.Request(
        f"{endpoint}/sparql?query={urllib.parse.quote(JUDGEMENT)}", method="HEAD"
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        assert resp.status == 200 and resp.read() == b""
    req = urllib.request.Request(f"{endpoint}/sparql", method="OPTIONS")
    with urllib.request.urlopen(req, timeout=30) as resp:
        assert {"GET", "POST", "HEAD"} <= {m.strip() for m in resp.headers["Allow"].split(",")}
    with urllib.request.urlopen(
        f"{endpoint}/sparql/?query={urllib.parse.quote(JUDGEMENT)}", timeout=30
    ) as resp:
        assert resp.status == 200


def test_csv_lines_end_in_crlf_and_tsv_is_sparql_tsv(endpoint: str) -> None:
    q = 'SELECT ?i ?t ?n ?b WHERE { VALUES (?i ?t ?n) { (<http://x/a> "tab\\there\\nnew \\"q\\""@en 3) } BIND(BNODE() AS ?b) }'
    status, _, body = call(endpoint, "GET", [("query", q)], accept="text/csv")
    assert status == 200 and body.startswith(b"i,t,n,b\r\n") and body.endswith(b"\r\n")
    status, _, body = call(endpoint, "GET", [("query", q)], accept="text/tab-separated-values")
    head, row = body.decode().rstrip("\n").split("\n")
    assert head == "?i\t?t\t?n\t?b"
    i, t, n, b = row.split("\t")
    assert i == "<http://x/a>" and t == '"tab\\there\\nnew \\"q\\""@en'
    assert n == '"3"^^<http://www.w3.org/2001/XMLSchema#integer>' and b.startswith("_:")


# ---------------------------------------------------------------- real clients


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_rdflib_reads_every_select_format(endpoint: str, built_store, fmt: str) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    from peelgraph.query import run_local

    store = SPARQLStore(f"{endpoint}/sparql", returnFormat=fmt)
    rows = [(str(r[0]), str(r[1])) for r in store.query(SELECT)]
    assert rows == [(str(r["j"]), str(r["year"])) for r in run_local(built_store, SELECT).rows]


@pytest.mark.parametrize("fmt", ["JSON", "XML", "CSV", "TSV"])
def test_sparqlwrapper_reads_every_select_format(endpoint: str, fmt: str) -> None:
    import SPARQLWrapper as sw
    from rdflib.query import Result

    client = sw.SPARQLWrapper(f"{endpoint}/sparql")
    client.setQuery(SELECT)
    client.setReturnFormat(getattr(sw, fmt))
    converted: Any = client.query().convert()
    if fmt == "JSON":
        n = len(converted["results"]["bindings"])
    elif fmt == "XML":
        n = len(converted.getElementsByTagName("result"))
    else:  # SPARQLWrapper hands CSV and TSV over as bytes: rdflib's parsers read them
        n = len(Result.parse(source=__import__("io").BytesIO(converted), format=fmt.lower()))
    assert n >= 19


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("fmt", ["TURTLE", "N3", "RDFXML", "JSONLD", "XML"])
def test_sparqlwrapper_reads_every_graph_format(endpoint: str, fmt: str) -> None:
    import SPARQLWrapper as sw

    client = sw.SPARQLWrapper(f"{endpoint}/sparql")
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(getattr(sw, fmt))
    graph = client.query().convert()
    if isinstance(graph, bytes):  # Turtle and N3 come as text: parse it
        from rdflib import Graph

        graph = Graph().parse(data=graph, format="turtle")
    assert len(graph) == 30


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_rdflib_reads_construct(endpoint: str) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    assert len(SPARQLStore(f"{endpoint}/sparql").query(CONSTRUCT)) == 30
