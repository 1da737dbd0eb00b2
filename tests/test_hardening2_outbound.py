"""No request leaves, by any spelling, on any path (issue 25).

The attack of issue 25 put an escaped character in a prefixed name
(``ex:a\\'``) or a ``\\u`` escape in an IRI (``<http://x/\\u0041#>``) before a
``SERVICE <http://127.0.0.1:PORT/>`` clause: the old text check lexed a string
or a comment where the engine parsed syntax, and a loopback listener received
Oxigraph's request from ``peelgraph query FILE.rq`` every time, and from
``serve`` where the network namespace was refused. Each test here listens on
127.0.0.1 and requires 0 bytes, with and without the workers' network fences.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_serve_hardening import _Listener

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def listener() -> Iterator[_Listener]:
    lst = _Listener()
    yield lst
    lst.close()


def spellings(port: int) -> list[str]:
    """The issue's two spellings, the earlier rounds' ones, and the keyword escaped."""
    target = f"<http://127.0.0.1:{port}/leak>"
    return [
        f"PREFIX ex: <http://e/> SELECT * WHERE {{ ?s ex:a\\' ?o . SERVICE {target} {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ ?s <http://x/\\u0041#> ?o . SERVICE {target} {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ SERV\\u0049CE {target} {{ ?a ?b ?c }} }}",
        f"PREFIX a: <http://a/#> SELECT ?x WHERE {{ SERVICE {target} {{ ?x ?y ?z }} }}",
        f"PREFIX : <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE:x{{?a ?b ?c}} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ {target} }} SERVICE SILENT ?e {{ ?a ?b ?c }} }}",
    ]


def _wait_quiet(listener: _Listener) -> None:
    time.sleep(0.5)  # a connection made would be recorded by now
    assert listener.received == []


def test_the_parsed_query_decides() -> None:
    from peelgraph.query.guard import reaches_out

    for q in spellings(5):
        assert reaches_out(q), q
    for q in (
        'SELECT * WHERE { ?s ?p "service to victims" }',  # the word in a string: runs
        "SELECT ?service WHERE { ?service <http://x/service> ?o }",
        "SELECT * WHERE { ?s ?p ?o }",
    ):
        assert not reaches_out(q), q


def test_run_local_refuses_every_spelling(built_store, listener: _Listener) -> None:
    from peelgraph.errors import QueryError
    from peelgraph.query import run_local

    for q in spellings(listener.port):
        with pytest.raises(QueryError, match="SERVICE"):
            run_local(built_store, q)
    _wait_quiet(listener)


def test_query_file_refuses_every_spelling(built_store, listener: _Listener, tmp_path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for i, q in enumerate(spellings(listener.port)[:3]):
        f = tmp_path / f"q{i}.rq"
        f.write_text(q, encoding="utf-8")
        out = subprocess.run(
            [sys.executable, "-m", "peelgraph", "query", str(f), "--store", str(built_store.root)],
            capture_output=True, text=True, timeout=120, cwd=ROOT, env=env,
        )  # fmt: skip
        assert out.returncode == 4 and "SERVICE is not allowed" in out.stderr, out.stderr
        assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    _wait_quiet(listener)


def test_serve_refuses_every_spelling(endpoint: str, listener: _Listener) -> None:
    for q in spellings(listener.port):
        req = urllib.request.Request(
            f"{endpoint}/sparql", data=q.encode(), method="POST",
            headers={"Content-Type": "application/sparql-query"},
        )  # fmt: skip
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req, timeout=30)
        err.value.close()
        assert err.value.code == 403, q
    _wait_quiet(listener)


def test_saved_query_parameters_cannot_carry_a_service(endpoint, built_store, listener) -> None:
    """A parameter is a bound literal: a SERVICE written into it is text, never syntax."""
    from urllib.parse import quote

    from peelgraph.query import run_saved

    for q in spellings(listener.port)[:2]:
        value = f"x' }} {q} # "
        assert run_saved(built_store, "findings", {"topic": value}).rows == []
        with urllib.request.urlopen(
            f"{endpoint}/queries/findings?topic={quote(value)}", timeout=30
        ) as resp:
            assert resp.status == 200
    _wait_quiet(listener)


def test_the_socket_filter_alone_stops_the_engine(listener: _Listener) -> None:
    """Where no network namespace can be made, the seccomp filter still refuses the socket."""
    code = f"""
import pyoxigraph
from peelgraph.ingest.workers import deny_sockets
if not deny_sockets():
    print("unsupported")
    raise SystemExit
try:
    list(pyoxigraph.Store().query("SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?a ?b ?c }} }}"))
    print("fetched")
except OSError as exc:
    print("refused:", exc)
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env
    )
    if "unsupported" in out.stdout:
        pytest.skip("seccomp filters are not available on this machine")
    assert "refused" in out.stdout and "ermission denied" in out.stdout, out.stdout + out.stderr
    _wait_quiet(listener)


def test_serve_says_when_a_fence_is_missing(server) -> None:
    from peelgraph.serve.app import isolation_note

    class Pool:
        namespaced, sockets_denied = False, False

    assert "refused both network fences" in (isolation_note(Pool()) or "")  # type: ignore[arg-type]
    Pool.sockets_denied = True
    assert "network namespace was refused" in (isolation_note(Pool()) or "")  # type: ignore[arg-type]
    assert server.pool.isolated  # this machine: at least one fence on every worker
