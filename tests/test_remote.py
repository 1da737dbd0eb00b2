"""Remote stores: push to a real Virtuoso over the Graph Store Protocol, query it there."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from peelgraph.query import bind_params, load_query, run_local
from peelgraph.query.remote import Credentials, RemoteError, push, run_remote

DBA = Credentials("dba", "dba", "digest")  # Virtuoso's stock administrator, on loopback only


_BOOL = {"0": "false", "1": "true"}


def _norm(value: object) -> str:
    """Engines differ in lexical details only: Virtuoso writes computed booleans
    as 0 and 1, and GROUP_CONCAT's order is unspecified."""
    s = "" if value is None else str(value)
    if "; " in s:
        s = "; ".join(sorted(s.split("; ")))
    return _BOOL.get(s, s)


def _rows(result) -> set[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return {tuple(_norm(r.get(v)) for v in result.variables) for r in result.rows}


def _count(virtuoso, graph_prefix: str) -> int:  # type: ignore[no-untyped-def]
    q = (
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{graph_prefix}")) }}'
    )
    return int(str(run_remote(virtuoso.sparql, q).rows[0]["n"]))


def test_push_then_trace_gives_the_same_rows_remotely(built_store, virtuoso) -> None:
    from peelgraph.graph import iris

    report = push(built_store, virtuoso.graph_store, credentials=DBA)
    assert report.graphs == len(built_store.named_graphs())
    assert report.triples == len(built_store)
    assert _count(virtuoso, iris.GRAPH) == len(built_store)

    q = load_query("trace")
    bindings = bind_params(q, {"force": "gloucestershire", "question": "serious-organised-crime"})
    local = run_local(built_store, q.text, bindings)
    remote = run_remote(virtuoso.sparql, q.text, bindings)
    assert len(local.rows) > 20
    assert remote.variables == local.variables
    assert _rows(remote) == _rows(local)
    # The chain an analyst asks for is there remotely too: the dispute and the 2018 grade.
    text = " ".join(" ".join(r) for r in _rows(remote))
    assert "inadequate" in text.lower() and "2018" in text

    # Pushing again replaces each graph: nothing is duplicated on the server.
    push(built_store, virtuoso.graph_store, credentials=DBA)
    assert _count(virtuoso, iris.GRAPH) == len(built_store)


def test_every_saved_query_runs_on_virtuoso(built_store, virtuoso) -> None:
    from peelgraph.query import saved_queries

    push(built_store, virtuoso.graph_store, credentials=DBA)
    for name, q in saved_queries().items():
        params = {"force": "gloucestershire"} if any(p.name == "force" for p in q.params) else {}
        if name == "year-diff":
            params["year"] = "2018"
        if name == "evidence":
            finding = run_local(
                built_store,
                "SELECT ?f WHERE { ?f a <https://w3id.org/peelgraph/ontology#Finding> } LIMIT 1",
            )
            params["node"] = str(finding.rows[0]["f"])
        if name == "leads":
            params = q.example_params()  # a finding with leads
        bindings = bind_params(q, params)
        local = run_local(built_store, q.text, bindings)
        remote = run_remote(virtuoso.sparql, q.text, bindings)
        if local.kind == "SELECT":
            # SAMPLE() may pick another quote on another engine; every other value must agree.
            keep = [
                i for i, v in enumerate(local.variables) if v != "quote" or "SAMPLE" not in q.text
            ]
            assert {tuple(r[i] for i in keep) for r in _rows(remote)} == {
                tuple(r[i] for i in keep) for r in _rows(local)
            }, name


def test_wrong_password_is_one_clear_error(built_store, virtuoso) -> None:
    with pytest.raises(RemoteError) as exc:
        push(built_store, virtuoso.graph_store, credentials=Credentials("dba", "wrong", "digest"))
    assert "HTTP 401" in exc.value.message and virtuoso.graph_store in exc.value.message


def test_push_command_and_remote_query_command(built_store, virtuoso) -> None:
    env = {**os.environ, "VIRTUOSO_PASSWORD": "dba"}
    cmd = [sys.executable, "-m", "peelgraph"]
    out = subprocess.run(
        [*cmd, "push", "--endpoint", virtuoso.graph_store, "--store", str(built_store.root),
         "--user", "dba", "--password-env", "VIRTUOSO_PASSWORD", "--auth", "digest", "-q"],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    out = subprocess.run(
        [*cmd, "query", "grade-trajectory", "--endpoint", virtuoso.sparql,
         "--param", "force=gloucestershire", "--format", "csv"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Requires improvement" in out.stdout
    # No password in the environment: told how to give it, not a stack trace.
    out = subprocess.run(
        [*cmd, "push", "--endpoint", virtuoso.graph_store, "--store", str(built_store.root),
         "--user", "dba", "--password-env", "NO_SUCH_VARIABLE"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert out.returncode != 0 and "NO_SUCH_VARIABLE" in out.stderr
    assert "Traceback" not in out.stderr
