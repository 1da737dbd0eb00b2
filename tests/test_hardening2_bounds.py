"""Every query bounded: memory, answer size, time; the command line under the same bounds.

Issue 25's probes: a worker reached 2.7-4.9 GB on queries of 61-590 bytes and
ORDER BY over a cross product crashed it at a 6 GB cap; GROUP_CONCAT answered a
2-billion-character string; long flat chains (``||`` x 20,000, ``+`` x
100,000, 8,000 UNIONs) were a segmentation fault (exit 139, no message) from
``peelgraph query``. Here the same shapes, at the seeds' size.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from peelgraph.evaluate.testing import run_cli

ROOT = Path(__file__).resolve().parents[1]

CHAINS = {
    "plus": "SELECT (1" + " + 1" * 100_000 + " AS ?x) WHERE {}",
    "or": "SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(["?o = 1"] * 20_000) + ") }",
    "union": "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 8_000) + " }",
}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=ROOT, timeout=180)


@pytest.mark.parametrize("name", sorted(CHAINS))
def test_long_chains_are_one_line_and_exit_4(name: str, built_store, tmp_path: Path) -> None:
    f = tmp_path / f"{name}.rq"
    f.write_text(CHAINS[name], encoding="utf-8")
    out = _cli("query", str(f), "--store", str(built_store.root), "--timeout", "60")
    assert out.returncode == 4, (out.returncode, out.stderr[-500:])  # was 139 (SIGSEGV)
    assert out.stderr.startswith("Error: ") and len(out.stderr.strip().splitlines()) == 1


def test_cli_time_limit_is_one_line_and_exit_4(built_store, tmp_path: Path) -> None:
    f = tmp_path / "cross.rq"
    f.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    t = time.monotonic()
    out = _cli("query", str(f), "--store", str(built_store.root), "--timeout", "2")
    assert out.returncode == 4 and "2 s limit" in out.stderr, out.stderr
    assert time.monotonic() - t < 30


def test_cli_answers_as_before(built_store) -> None:
    out = _cli("query", "grade-trajectory", "-p", "force=gwent", "--store", str(built_store.root),
               "--format", "csv")  # fmt: skip
    assert out.returncode == 0 and out.stdout.count("\n") > 3, out.stderr


def test_an_answer_is_capped_in_characters(built_store) -> None:
    """One GROUP_CONCAT value is refused by size, where a row limit cannot cut it."""
    from peelgraph.errors import QueryError
    from peelgraph.query import run_local

    q = "SELECT (GROUP_CONCAT(STR(?o)) AS ?all) WHERE { ?s ?p ?o }"
    assert len(run_local(built_store, q).rows[0]["all"].value) > 10_000
    with pytest.raises(QueryError, match="larger than the 10,000-character limit"):
        run_local(built_store, q, max_bytes=10_000)
    with pytest.raises(QueryError, match="character limit"):
        run_local(built_store, "SELECT * WHERE { ?s ?p ?o }", limit=100_000, max_bytes=50_000)


def test_memory_is_capped_per_worker_and_the_pool_goes_on(built_store) -> None:
    """ORDER BY over a cross product fails its worker at the address-space cap, quickly."""
    from peelgraph.errors import QueryError
    from peelgraph.serve.pool import QueryPool

    pool = QueryPool(built_store.root, 1, memory_mb=1000)
    try:
        t = time.monotonic()
        with pytest.raises(QueryError, match=r"crashed its worker|limit"):
            pool.run("SELECT ?a ?o WHERE { ?a ?b ?c . ?s ?p ?o } ORDER BY ?o ?a", timeout=40)
        assert time.monotonic() - t < 45
        deadline = time.monotonic() + 60
        while True:  # the replacement worker starts in the background
            try:
                assert pool.run("ASK {}", timeout=5).boolean is True
                break
            except QueryError:
                assert time.monotonic() < deadline
    finally:
        pool.close()


def test_serve_refuses_a_group_concat_past_the_answer_cap(built_store) -> None:
    """GROUP_CONCAT answered a 2-billion-character string (200, 7.7 s); past the cap it is 400."""
    import threading
    import urllib.error
    import urllib.parse
    import urllib.request

    from peelgraph.serve.app import ServerConfig, make_server

    server = make_server(
        ServerConfig(built_store.root, port=0, timeout=20.0, workers=1, max_bytes=100_000)
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        q = "SELECT (GROUP_CONCAT(STR(?o)) AS ?all) WHERE { ?s ?p ?o }"
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql?query={urllib.parse.quote(q)}"
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(url, timeout=60)
        with err.value:
            assert err.value.code == 400 and b"character limit" in err.value.read()
    finally:
        server.shutdown()
        server.server_close()
