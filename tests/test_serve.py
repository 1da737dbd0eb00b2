"""The SPARQL endpoint with real clients: SPARQLWrapper, rdflib's SPARQLStore, plain HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from peelgraph.query import run_saved

SELECT = """PREFIX peel: <https://w3id.org/peelgraph/ontology#>
SELECT ?j ?year WHERE { ?j a peel:Judgement ; peel:year ?year } ORDER BY ?j"""


def _get(url: str, accept: str = "application/sparql-results+json") -> tuple[int, str, str]:
    req = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read().decode()


def test_sparqlwrapper_gets_the_same_rows_as_the_local_store(endpoint: str, built_store) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    from peelgraph.query import run_local

    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setQuery(SELECT)
    client.setReturnFormat(JSON)
    remote = [
        (b["j"]["value"], b["year"]["value"])
        for b in client.query().convert()["results"]["bindings"]
    ]
    local = [(str(r["j"]), str(r["year"])) for r in run_local(built_store, SELECT).rows]
    assert remote == local and len(local) >= 19


def test_rdflib_sparqlstore(endpoint: str, built_store) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    from peelgraph.query import run_local

    store = SPARQLStore(f"{endpoint}/sparql", returnFormat="json")
    rows = [(str(r[0]), str(r[1])) for r in store.query(SELECT)]
    assert rows == [(str(r["j"]), str(r["year"])) for r in run_local(built_store, SELECT).rows]


def test_default_and_named_graph_uris(endpoint: str) -> None:
    from peelgraph.graph import iris

    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    whole = json.loads(_get(f"{endpoint}/sparql?query={urllib.parse.quote(count)}")[2])
    ref = json.loads(
        _get(
            f"{endpoint}/sparql?query={urllib.parse.quote(count)}&default-graph-uri={urllib.parse.quote(iris.REFERENCE_GRAPH)}"
        )[2]
    )
    n_whole = int(whole["results"]["bindings"][0]["n"]["value"])
    n_ref = int(ref["results"]["bindings"][0]["n"]["value"])
    assert 0 < n_ref < n_whole
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    named = json.loads(
        _get(
            f"{endpoint}/sparql?query={urllib.parse.quote(graphs)}&named-graph-uri={urllib.parse.quote(iris.LINKS_GRAPH)}"
        )[2]
    )
    assert [b["g"]["value"] for b in named["results"]["bindings"]] == [iris.LINKS_GRAPH]


def test_saved_query_over_http_matches_local(endpoint: str, built_store) -> None:
    status, ctype, body = _get(f"{endpoint}/queries/trace?force=gloucestershire")
    assert status == 200 and "sparql-results+json" in ctype
    remote = json.loads(body)["results"]["bindings"]
    local = run_saved(built_store, "trace", {"force": "gloucestershire"}).rows
    assert len(remote) == len(local) > 20
    listing = json.loads(_get(f"{endpoint}/queries", "application/json")[2])
    assert {"trace", "partners", "measures"} <= {q["name"] for q in listing}


@pytest.mark.parametrize(
    ("accept", "marker"),
    [
        ("text/csv", "j,year"),
        ("text/tab-separated-values", "?j\t?year"),
        ("application/sparql-results+xml", "<sparql"),
    ],
)
def test_content_negotiation(endpoint: str, accept: str, marker: str) -> None:
    status, ctype, body = _get(f"{endpoint}/sparql?query={urllib.parse.quote(SELECT)}", accept)
    assert status == 200 and ctype.startswith(accept) and marker in body


def test_construct_formats_and_post(endpoint: str) -> None:
    q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/peelgraph/ontology#Force> ; ?p ?o } LIMIT 20"
    for accept, check in (
        ("text/turtle", "@prefix"),
        ("application/n-triples", "> <"),
        ("application/ld+json", "@"),
    ):
        status, ctype, body = _get(f"{endpoint}/sparql?query={urllib.parse.quote(q)}", accept)
        assert status == 200 and ctype.startswith(accept) and check in body
    req = urllib.request.Request(
        f"{endpoint}/sparql",
        data=urllib.parse.urlencode({"query": SELECT}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        assert resp.status == 200


def test_refusals_errors_and_timeouts_keep_the_server_serving(server, endpoint: str) -> None:
    def post(body: str, ctype: str) -> tuple[int, str]:
        req = urllib.request.Request(
            f"{endpoint}/sparql", data=body.encode(), headers={"Content-Type": ctype}
        )
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status, resp.read().decode()
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode()

    code, msg = post(
        "INSERT DATA { <http://a> <http://b> <http://c> }", "application/sparql-update"
    )
    assert code == 403 and "read-only" in msg
    code, msg = post("DELETE WHERE { ?s ?p ?o }", "application/sparql-query")
    assert code == 403 and "read-only" in msg
    code, msg = post(
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "application/sparql-query",
    )
    assert code == 403 and "SERVICE" in msg
    code, msg = post("SELECT ?x WHERE { ?x ", "application/sparql-query")
    assert code == 400 and "malformed" in msg and "Traceback" not in msg
    # A cross product of the whole graph yields no row until it is done: its worker process
    # is killed at the time limit (so no core keeps spinning) and replaced.
    replaced = server.pool.replaced
    code, msg = post(
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        "application/sparql-query",
    )
    assert code == 503 and "limit" in msg and "Traceback" not in msg
    assert server.pool.replaced == replaced + 1
    status, _, body = _get(f"{endpoint}/sparql?query={urllib.parse.quote(SELECT)}")
    assert status == 200 and json.loads(body)["results"]["bindings"]
    # A request body over the limit is refused from its header, before any of it is read.
    import http.client

    conn = http.client.HTTPConnection(*server.server_address[:2], timeout=30)
    conn.putrequest("POST", "/sparql")
    conn.putheader("Content-Type", "application/sparql-query")
    conn.putheader("Content-Length", "50000000")
    conn.endheaders()
    resp = conn.getresponse()
    assert resp.status == 413 and "too large" in resp.read().decode()
    conn.close()
    code, msg = post("LOAD <http://example.org/data.ttl>", "application/sparql-query")
    assert code == 403 and "read-only" in msg
    # FROM names a graph of the store; nothing is fetched (port 9 would refuse anyway).
    code, msg = post(
        "SELECT * FROM <http://127.0.0.1:9/remote.ttl> WHERE { ?s ?p ?o }",
        "application/sparql-query",
    )
    assert code == 200 and json.loads(msg)["results"]["bindings"] == []


def test_row_limit_cuts_the_answer_and_says_so(endpoint: str) -> None:
    everything = urllib.parse.quote("SELECT * WHERE { ?s ?p ?o }")  # more triples than the limit
    with urllib.request.urlopen(f"{endpoint}/sparql?query={everything}", timeout=30) as resp:
        assert resp.headers.get("X-Peelgraph-Truncated") == "max-rows=5000"
        assert len(json.loads(resp.read())["results"]["bindings"]) == 5000
    with urllib.request.urlopen(f"{endpoint}/sparql?query={urllib.parse.quote(SELECT)}") as resp:
        assert resp.headers.get("X-Peelgraph-Truncated") is None


def test_loopback_and_no_cors_unless_asked(built_store, endpoint: str) -> None:
    import threading

    from peelgraph.serve.app import ServerConfig, make_server

    assert ServerConfig(built_store.root).host == "127.0.0.1"
    assert endpoint.startswith("http://127.0.0.1:")
    url = f"{endpoint}/sparql?query={urllib.parse.quote(SELECT)}"
    with urllib.request.urlopen(url, timeout=30) as resp:
        assert resp.headers.get("Access-Control-Allow-Origin") is None
    open_server = make_server(ServerConfig(built_store.root, port=0, cors=True, workers=1))
    threading.Thread(target=open_server.serve_forever, daemon=True).start()
    try:
        port = open_server.server_address[1]
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/sparql?query={urllib.parse.quote(SELECT)}", timeout=30
        ) as resp:
            assert resp.headers.get("Access-Control-Allow-Origin") == "*"
    finally:
        open_server.shutdown()
        open_server.server_close()


def test_bounded_load_gives_no_errors(endpoint: str) -> None:
    """Concurrent clients for a fixed time; the figures go to tests/artifacts/load-test.txt."""
    from pathlib import Path

    from peelgraph.serve.loadtest import run_load, saved_query_urls

    urls = saved_query_urls(endpoint)
    assert len(urls) >= 10
    report = run_load(urls, clients=4, seconds=3.0)
    assert not report.errors, report.summary()
    assert report.requests >= len(urls)
    assert 0 < report.percentile(50) <= report.percentile(95)
    out = Path(__file__).resolve().parent / "artifacts"
    out.mkdir(exist_ok=True)
    (out / "load-test.txt").write_text(report.summary() + "\n", encoding="utf-8")
    print(report.summary())


def test_page_is_served_without_external_resources(endpoint: str) -> None:
    status, ctype, body = _get(f"{endpoint}/", "text/html")
    assert status == 200 and ctype.startswith("text/html")
    import re

    # The editor, the drawing library and the page's own script are all inline: no element
    # or style names anything to fetch (the browser test also watches the requests made).
    assert 'data-from="vendor/editor.bundle.js"' in body and 'data-from="page.js"' in body
    assert not re.search(
        r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|@import|url\(\s*["']?https?:""", body
    )
    assert "__PREFIXES__" not in body and '"id": "https://w3id.org/peelgraph/id/"' in body


def test_query_cli_against_the_endpoint_matches_local(endpoint: str, built_store) -> None:
    import subprocess
    import sys

    from peelgraph.query import bind_params, load_query
    from peelgraph.query.remote import run_remote

    q = load_query("trace")
    remote = run_remote(f"{endpoint}/sparql", q.text, bind_params(q, {"force": "gwent"}))
    local = run_saved(built_store, "trace", {"force": "gwent"})
    assert remote.column("item") == local.column("item") and remote.rows
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "peelgraph",
            "query",
            "grade-trajectory",
            "-p",
            "force=gwent",
            "-f",
            "csv",
            "--endpoint",
            f"{endpoint}/sparql",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert res.returncode == 0, res.stderr
    assert len(res.stdout.strip().splitlines()) == 7  # header and the six 2017 grades
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "peelgraph",
            "query",
            "trace",
            "-p",
            "force=gwent",
            "--endpoint",
            "http://127.0.0.1:9/sparql",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 4 and "cannot reach the endpoint" in bad.stderr
