"""The command line: the README's main job, output formats and exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED_FILES


def run(*args: str, cwd: Path, columns: int | None = None) -> subprocess.CompletedProcess[str]:
    """``peelgraph ARGS`` in ``cwd``, in a terminal ``columns`` wide when given."""
    import os

    env = {**os.environ, **({"COLUMNS": str(columns)} if columns else {})}
    return subprocess.run(
        [sys.executable, "-m", "peelgraph", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> Path:
    wd = tmp_path_factory.mktemp("cli")
    res = run("build", str(seeds), cwd=wd)
    assert res.returncode == 0, res.stderr
    # The table is data: on stdout (`build > log` keeps it), nothing of it on stderr.
    assert "Built 5 document(s), 0 failed" in res.stdout
    for name in SEED_FILES:
        assert name in res.stdout and name not in res.stderr
    # The two counts, and what each counts; validate reports the same two numbers.
    statements, distinct = re.search(
        r"; (\d+) statements in its named graphs, (\d+) distinct triples", res.stdout
    ).groups()
    assert int(statements) >= int(distinct) > 1000
    checked = run("validate", cwd=wd).stdout
    assert f"{distinct} distinct triples ({statements} statements in the named graphs)" in checked
    return wd


def test_validate(workdir: Path) -> None:
    res = run("validate", cwd=workdir)
    assert res.returncode == 0
    assert res.stdout.startswith("Conforms")


def test_trace_prints_the_thread(workdir: Path) -> None:
    res = run(
        "trace", "--force", "gloucestershire", "--question", "serious-organised-crime", cwd=workdir
    )
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert "Cause of concern" in out and "2018-05-03  Status: Complete" in out
    assert "Grade: Requires improvement" in out
    assert out.index("2016") < out.index("2017-03-02") < out.index("2018-05-03")
    mermaid = run("trace", "does not have essential processes", "--format", "mermaid", cwd=workdir)
    assert mermaid.stdout.startswith("timeline")


def test_phrase_trace_says_what_it_traced_and_refuses_to_guess(workdir: Path) -> None:
    one = run("trace", "does not have essential processes", cwd=workdir)
    assert one.returncode == 0
    assert one.stdout.splitlines()[1].startswith("Finding: Cause of concern 2016: “It is a cause")
    # Three findings in one thread: traced, and said so.
    same = run("trace", "local profile", cwd=workdir)
    assert same.returncode == 0 and "3 findings match, all in this thread" in same.stderr
    # Findings of several forces and questions: listed, numbered, exit 2 until one is picked.
    many = run("trace", "the force should", cwd=workdir)
    assert many.returncode == 2 and not many.stdout
    listed = [line for line in many.stderr.splitlines() if line[:5].strip().rstrip(".").isdigit()]
    assert len(listed) > 10 and "--pick N" in many.stderr
    pick = next(i for i, line in enumerate(listed, 1) if "Gwent Police" in line)
    picked = run("trace", "the force should", "--pick", str(pick), cwd=workdir)
    assert picked.returncode == 0 and picked.stdout.startswith("Trace: Gwent Police")
    assert run("trace", "the force should", "--pick", "999", cwd=workdir).returncode == 2
    assert run("trace", cwd=workdir).returncode == 2


def test_query_formats(workdir: Path) -> None:
    j = run("query", "findings", "--param", "force=gwent", "--format", "json", cwd=workdir)
    data = json.loads(j.stdout)
    assert len(data["results"]["bindings"]) >= 8
    c = run("query", "findings", "-p", "force=Gwent Police", "-f", "csv", cwd=workdir)
    assert c.stdout.splitlines()[0].startswith("force,question,forceName")
    t = run("query", "findings", "-p", "force=gwent", cwd=workdir)
    assert "rows)" in t.stdout
    listing = run("query", "--list", cwd=workdir)
    assert "trace:" in listing.stdout and "--param force" in listing.stdout


def test_exit_codes_and_one_line_errors(workdir: Path, tmp_path: Path) -> None:
    res = run("query", "nonexistent", cwd=workdir)
    assert res.returncode == 2 and res.stderr.startswith("Error: unknown query")
    # Usage errors are 2, as the README's table says: a parameter without "=", an unknown
    # question as an unknown force.
    assert run("query", "trace", "--param", "force", cwd=workdir).returncode == 2
    res = run("trace", "--force", "gwent", "--question", "parking", cwd=workdir)
    assert res.returncode == 2 and "unknown question 'parking'" in res.stderr
    res = run("query", "findings", "--param", "year=soon", cwd=workdir)
    assert res.returncode == 2 and "not a whole number" in res.stderr
    res = run("query", "broken.rq", cwd=tmp_path)
    assert res.returncode == 2 and "no such query file" in res.stderr
    (tmp_path / "bad.rq").write_text("SELECT ?x WHERE { ?x ", encoding="utf-8")
    res = run(
        "query", str(tmp_path / "bad.rq"), "--store", str(workdir / ".peelgraph"), cwd=workdir
    )
    assert res.returncode == 4 and "malformed query" in res.stderr
    res = run("trace", "--force", "Narnia", cwd=workdir)
    assert res.returncode == 2 and "unknown force 'Narnia'" in res.stderr
    res = run("validate", "--store", str(tmp_path / "none"), cwd=workdir)
    assert res.returncode == 3 and "no graph here yet" in res.stderr
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    res = run("build", str(bad), "--store", str(tmp_path / "s"), cwd=workdir)
    assert res.returncode == 1
    assert f"Error: {bad}: " in res.stderr
    assert "Traceback" not in res.stderr


def test_export(workdir: Path) -> None:
    from rdflib import Dataset, Graph

    nq = run("export", "--format", "nquads", cwd=workdir)
    ds = Dataset()
    ds.parse(data=nq.stdout, format="nquads")
    assert len(list(ds.graphs())) >= 6
    ttl = run("export", "--format", "turtle", cwd=workdir)
    g = Graph().parse(data=ttl.stdout, format="turtle")
    assert len(g) > 1000


def test_a_force_with_no_documents_gets_a_hint(workdir: Path) -> None:
    res = run("query", "findings", "--param", "force=durham", cwd=workdir)
    assert res.returncode == 0 and res.stdout.strip() == "(0 rows)"
    assert "No document about Durham Constabulary is in the store" in res.stderr
    assert "Hint: peelgraph build" in res.stderr
    res = run("trace", "--force", "durham", cwd=workdir)
    assert "(nothing found)" in res.stdout and "No document about Durham" in res.stderr
    # A force the store knows, with nothing of that kind, gets no hint.
    res = run("query", "findings", "--param", "force=gwent", "--param", "topic=zebra", cwd=workdir)
    assert res.stdout.strip() == "(0 rows)" and not res.stderr.strip()


def test_tables_fit_the_terminal_and_print_iris_the_evidence_query_takes(workdir: Path) -> None:
    args = (
        "query",
        "grade-trajectory",
        "--param",
        "force=gwent",
        "--columns",
        "judgement,gradeLabel",
    )
    res = run(*args, cwd=workdir, columns=80)
    assert res.returncode == 0
    lines = res.stdout.splitlines()
    iri = lines[2].split()[0]
    assert iri.startswith("id:inspection/gwent/") and "…" not in res.stdout
    evidence = run("query", "evidence", "--param", f"node={iri}", "--format", "csv", cwd=workdir)
    assert evidence.returncode == 0 and "004_c0b882532ab08302.txt" in evidence.stdout
    wide = run("query", "findings", "--param", "force=gloucestershire", cwd=workdir, columns=80)
    assert all(len(line) <= 80 for line in wide.stdout.splitlines())
