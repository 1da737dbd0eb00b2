"""Terminal and errors (issue 26): one line and the README's exit codes for a port in use,
a port out of range, a missing --force or password variable and a phrase matching nothing;
output that fits an 80-column terminal."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.test_cli import run


@pytest.fixture(scope="module")
def wd(tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> Path:
    work = tmp_path_factory.mktemp("terminal")
    res = run("build", str(seeds), cwd=work, columns=80)
    assert res.returncode == 0, res.stderr
    (work / "build.txt").write_text(res.stdout, encoding="utf-8")
    return work


def _one_error(res, code: int, what: str) -> None:
    assert res.returncode == code, (res.returncode, res.stderr)
    lines = res.stderr.splitlines()
    assert lines[0].startswith("Error: ") and what in lines[0], res.stderr
    assert all(ln.startswith("Hint: ") for ln in lines[1:]), res.stderr
    assert "Traceback" not in res.stderr


def test_serve_port_out_of_range_and_in_use(wd: Path) -> None:
    _one_error(run("serve", "--port", "99999", cwd=wd), 2, "--port 99999")
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        _one_error(run("serve", "--port", str(port), cwd=wd), 2, "the port is in use")


def test_usage_errors_exit_2(wd: Path) -> None:
    res = run("export", "--format", "graphml", "--view", "force", "-o", "g.graphml", cwd=wd)
    _one_error(res, 2, "needs --force")
    res = run("trace", "zebra", cwd=wd)
    _one_error(res, 2, "no finding matches 'zebra'")
    res = run(
        "query", "trace", "--param", "force=gwent", "--endpoint", "http://127.0.0.1:9/sparql",
        "--user", "u", "--password-env", "PEELGRAPH_TEST_NO_SUCH_VARIABLE", cwd=wd,
    )  # fmt: skip
    _one_error(res, 2, "PEELGRAPH_TEST_NO_SUCH_VARIABLE is not set")


def _widest(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def test_output_fits_80_columns(wd: Path) -> None:
    table = (wd / "build.txt").read_text(encoding="utf-8").splitlines()
    assert _widest("\n".join(line for line in table if not line.startswith("Built"))) <= 80
    for args in (
        ("validate",),
        ("query", "--list"),
        ("analytics",),
        ("trace", "--force", "gloucestershire", "--question", "serious-organised-crime"),
        ("trace", "--force", "gwent", "--verbose"),
    ):
        res = run(*args, cwd=wd, columns=80)
        assert res.returncode == 0, (args, res.stderr)
        # An address is printed whole (a terminal opens it), whatever its length.
        lines = [ln for ln in res.stdout.splitlines() if not ln.strip().startswith("http")]
        assert _widest("\n".join(lines)) <= 80, args
