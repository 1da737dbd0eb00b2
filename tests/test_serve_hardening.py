"""The endpoint under hostile requests: it never fetches, never leaks files, never falls over."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def _request(
    endpoint: str,
    path: str,
    *,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, Any, str]:
    req = urllib.request.Request(
        f"{endpoint}{path}", data=body, method=method, headers=headers or {}
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read().decode()


class _Listener:
    """A loopback TCP listener that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.received: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            conn.settimeout(1)
            try:
                self.received.append(conn.recv(4096) or b"(connected)")
            except OSError:
                self.received.append(b"(connected)")
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture()
def listener() -> Iterator[_Listener]:
    lst = _Listener()
    yield lst
    lst.close()


def test_no_query_makes_the_server_fetch(endpoint: str, listener: _Listener) -> None:
    target = f"http://127.0.0.1:{listener.port}/internal/admin?secret=1"
    attacks = [
        # '#' inside an IRI hid the rest of the line from a comment-stripping regex.
        f"PREFIX a: <http://a/#> SELECT ?x WHERE {{ SERVICE <{target}> {{ ?x ?y ?z }} }}",
        f"SELECT ?x WHERE {{ BIND(<http://x#> AS ?q) SERVICE <{target}> {{ ?x ?y ?z }} }}",
        # SERVICE glued to a prefixed name is still a SERVICE call to that IRI.
        f"PREFIX : <http://127.0.0.1:{listener.port}/> SELECT * WHERE {{ SERVICE:x{{?a ?b ?c}} }}",
        f"SELECT * WHERE {{ ?s ?p ?o .SERVICE SILENT <{target}> {{ }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{target}> }} SERVICE ?e {{ ?a ?b ?c }} }}",
    ]
    for q in attacks:
        status, _, body = _request(endpoint, "/sparql", method="POST", body=q.encode(),
                                   headers={"Content-Type": "application/sparql-query"})  # fmt: skip
        assert status == 403 and "SERVICE" in body, (q, status, body)
    time.sleep(0.5)
    assert listener.received == []


def test_query_workers_have_no_network_at_all(server, listener: _Listener) -> None:
    """The engine-level fence: even a SERVICE that got past every check reaches nothing."""
    if not server.pool.isolated:
        pytest.skip("this machine allows no network namespace (not root, no user namespaces)")
    code = f"""
import pyoxigraph, sys
from peelgraph.ingest.workers import drop_network
assert drop_network()
try:
    list(pyoxigraph.Store().query("SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?a ?b ?c }} }}"))
except OSError as exc:
    print("refused:", exc)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "refused" in out.stdout and "unreachable" in out.stdout, out.stdout + out.stderr
    time.sleep(0.3)
    assert listener.received == []


def test_saved_queries_over_http_are_names_never_paths(endpoint: str, tmp_path: Path) -> None:
    evil = tmp_path / "evil.rq"
    evil.write_text("SELECT ?x WHERE { BIND(1 AS ?x) }", encoding="utf-8")
    for path in (f"/queries/{evil}", "/queries/" + "../" * 8 + str(evil).lstrip("/"),
                 f"/queries/{urllib.parse.quote(str(evil), safe='')}", "/queries//etc/x.rq",
                 "/queries/..%2F..%2Fetc%2Fpasswd"):  # fmt: skip
        conn = http.client.HTTPConnection(*urllib.parse.urlsplit(endpoint).netloc.split(":"))
        conn.request("GET", path)  # sent as written: no client-side normalisation
        resp = conn.getresponse()
        body = resp.read().decode()
        conn.close()
        assert resp.status == 404, (path, resp.status, body)
        assert "x" not in body.split("\n")[0][:2]  # no result document
    # A missing file and an existing one answer the same: nothing is revealed.
    assert (
        _request(endpoint, "/queries/%2Fetc%2Fx.rq")[0]
        == _request(endpoint, f"/queries/{urllib.parse.quote(str(evil), safe='')}")[0]
    )


def test_host_header_must_name_this_server(endpoint: str, built_store) -> None:
    assert _request(endpoint, "/", headers={"Host": "evil.example"})[0] == 403
    status, _, body = _request(
        endpoint, "/sparql?query=ASK%7B%7D", headers={"Host": "evil.example:80"}
    )
    assert status == 403 and "--allow-host" in body
    for host in ("localhost", "127.0.0.1", "[::1]:7878", "LOCALHOST:1"):
        assert _request(endpoint, "/sparql?query=ASK%7B%7D", headers={"Host": host})[0] == 200, host
    from peelgraph.serve.app import ServerConfig

    assert ServerConfig(built_store.root, allow_hosts=("graph.example",)).allowed_hosts() >= {
        "graph.example",
        "localhost",
    }  # type: ignore[operator]
    assert ServerConfig(built_store.root, allow_hosts=("*",)).allowed_hosts() is None


def test_construct_is_cut_at_max_rows_and_stopped_at_the_time_limit(server, endpoint: str) -> None:
    everything = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    status, headers, body = _request(endpoint, f"/sparql?query={urllib.parse.quote(everything)}",
                                     headers={"Accept": "application/n-triples"})  # fmt: skip
    assert status == 200 and headers.get("X-Peelgraph-Truncated") == "max-rows=5000"
    assert len(body.strip().splitlines()) == 5000
    # A cross product: its triples are made (and would be serialised) inside the worker,
    # which is stopped at the limit; the server answers 503 and goes on.
    cross = "CONSTRUCT { ?a ?b ?o } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i BIND(CONCAT(STR(?c), STR(?f), STR(?i)) AS ?o) }"
    t = time.monotonic()
    status, _, body = _request(endpoint, f"/sparql?query={urllib.parse.quote(cross)}",
                               headers={"Accept": "text/turtle"})  # fmt: skip
    assert time.monotonic() - t < 2.0 + 3.0
    assert status in {200, 503}, body
    if status == 200:
        assert len(body) < 5_000_000
    assert _request(endpoint, "/sparql?query=ASK%7B%7D")[0] == 200


def _raw(endpoint: str, data: bytes, wait: float = 5.0) -> bytes:
    host, port = urllib.parse.urlsplit(endpoint).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as s:
        s.sendall(data)
        chunks = []
        try:
            while chunk := s.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            pass
        return b"".join(chunks)


def test_malformed_requests_get_400_not_a_hung_handler(endpoint: str) -> None:
    for length in (b"-1", b"abc", b"1e3"):
        t = time.monotonic()
        reply = _raw(
            endpoint,
            b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\nContent-Length: "
            + length
            + b"\r\n\r\nASK {}",
        )
        assert reply.startswith(b"HTTP/1.1 400"), (length, reply[:80])
        assert time.monotonic() - t < 4
    reply = _raw(endpoint, b"GARBAGE\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 400")


def test_idle_and_abandoned_connections_are_let_go(endpoint: str, server) -> None:
    host, port = urllib.parse.urlsplit(endpoint).netloc.split(":")
    # A client that disconnects mid-answer: no traceback, the server goes on.
    for _ in range(5):
        s = socket.create_connection((host, int(port)))
        s.sendall(
            b"GET /sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        s.close()
    # An idle connection after a request is closed by the server (keep-alive timeout).
    s = socket.create_connection((host, int(port)), timeout=15)
    s.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: localhost\r\n\r\n")
    data = b""
    t = time.monotonic()
    while chunk := s.recv(65536):
        data += chunk
    assert data.startswith(b"HTTP/1.1 200") and time.monotonic() - t < 12
    s.close()
    # Half a request, then silence: closed at the request timeout (2 s here).
    s = socket.create_connection((host, int(port)), timeout=15)
    s.sendall(b"GET /sparql?query=ASK HTTP/1.1\r\nHost: loc")
    t = time.monotonic()
    assert s.recv(100) == b"" and time.monotonic() - t < 5
    s.close()
    # A body that never comes: 408.
    reply = _raw(
        endpoint,
        b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nASK",
    )
    assert reply.startswith(b"HTTP/1.1 408")
    assert _request(endpoint, "/sparql?query=ASK%7B%7D")[0] == 200


def test_too_deep_and_bad_dataset_say_why(endpoint: str) -> None:
    deep = "SELECT * WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000
    status, _, body = _request(endpoint, "/sparql", method="POST", body=deep.encode(),
                               headers={"Content-Type": "application/sparql-query"})  # fmt: skip
    assert status == 400 and "nested too deeply" in body
    status, _, body = _request(endpoint, "/sparql?query=ASK%7B%7D&named-graph-uri=not%20an%20iri")
    assert status == 400 and "not an absolute IRI" in body and "internal" not in body


def test_two_hundred_clients_get_no_errors(built_store) -> None:
    """The load test at the issue's concurrency, briefly (the README has the 20 s figures)."""
    from peelgraph.serve.app import ServerConfig, make_server
    from peelgraph.serve.loadtest import run_load, saved_query_urls

    srv = make_server(ServerConfig(built_store.root, port=0, workers=2, timeout=30))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        report = run_load(saved_query_urls(f"http://127.0.0.1:{srv.server_address[1]}"),
                          clients=200, seconds=3.0)  # fmt: skip
    finally:
        srv.shutdown()
        srv.server_close()
    assert not report.errors, report.summary()
    assert report.requests >= 200


def test_all_workers_move_to_a_new_build_together(seeds: Path, tmp_path: Path) -> None:
    from peelgraph.pipeline import build
    from peelgraph.serve.app import ServerConfig, make_server
    from tests.conftest import SEED_FILES

    root = tmp_path / "store"
    assert build([seeds / SEED_FILES[0]], root).ok
    srv = make_server(ServerConfig(root, port=0, workers=3, timeout=30))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    ep = f"http://127.0.0.1:{srv.server_address[1]}"
    count = urllib.parse.quote("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")

    def graphs() -> int:
        return int(
            json.loads(_request(ep, f"/sparql?query={count}")[2])["results"]["bindings"][0]["n"][
                "value"
            ]
        )

    try:
        before = {graphs() for _ in range(9)}
        assert len(before) == 1
        assert build([seeds / SEED_FILES[1]], root).ok  # one more document's graph
        after = [graphs() for _ in range(12)]
        assert set(after) == {before.pop() + 1}, after  # every worker, from the first query
    finally:
        srv.shutdown()
        srv.server_close()
