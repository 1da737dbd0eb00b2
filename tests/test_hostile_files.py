"""Hostile files: decompression bombs, runaway readers and killed builds cost only themselves."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from peelgraph.evaluate.testing import make_pdf_bomb
from tests.conftest import SEED_FILES, seed_copies

# Runs the CLI and prints the largest resident size any process under it reached.
_MEASURE = """
import json, resource, subprocess, sys
res = subprocess.run(sys.argv[1:], capture_output=True, text=True)
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rc": res.returncode, "stderr": res.stderr, "peak_kb": peak_kb}))
"""


def _build_measured(args: list[str], env: dict[str, str]) -> dict[str, object]:
    cmd = [sys.executable, "-c", _MEASURE, sys.executable, "-m", "peelgraph", "build", *args]
    out = subprocess.run(
        cmd, capture_output=True, text=True, timeout=240, env={**os.environ, **env}
    )
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def bomb_docs(tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> Path:
    docs = tmp_path_factory.mktemp("bombs")
    assert make_pdf_bomb(docs / "operators.pdf", 300) < 1_000_000  # ~300 MB of text operators
    assert make_pdf_bomb(docs / "spaces.pdf", 1024, operator=b" ") < 1_200_000  # 1 GiB of spaces
    for name in SEED_FILES[3:]:
        (docs / name).write_bytes((seeds / name).read_bytes())
    return docs


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_pdf_bombs_fail_alone_in_bounded_memory(bomb_docs: Path, tmp_path: Path, jobs: str) -> None:
    t = time.monotonic()
    res = _build_measured(
        [str(bomb_docs), "--store", str(tmp_path / "s"), "-q", "-j", jobs],
        {"PEELGRAPH_WORKER_MEMORY_MB": "700", "PEELGRAPH_DOC_TIMEOUT": "60"},
    )
    assert time.monotonic() - t < 60
    stderr = str(res["stderr"])
    assert res["rc"] == 1, stderr  # some files failed; the good ones were built
    for bomb in ("operators.pdf", "spaces.pdf"):
        lines = [ln for ln in stderr.splitlines() if bomb in ln]
        assert len(lines) == 1 and lines[0].startswith("Error: ") and "memory limit" in lines[0], (
            stderr
        )
    assert "Traceback" not in stderr and "BrokenProcessPool" not in stderr
    assert int(res["peak_kb"]) < 900 * 1024  # no process went far past the 700 MB limit
    from peelgraph.store.embedded import open_store

    assert len(open_store(tmp_path / "s").documents) == 2


def test_a_reader_past_its_time_limit_is_stopped(bomb_docs: Path, tmp_path: Path) -> None:
    from peelgraph.ingest.bounded import Limits
    from peelgraph.pipeline import build

    os.environ["PEELGRAPH_DOC_TIMEOUT"] = "2"  # read by Limits.from_env() in the build
    try:
        assert Limits.from_env().seconds == 2
        t = time.monotonic()
        report = build(
            [bomb_docs / "operators.pdf", bomb_docs / SEED_FILES[4]], tmp_path / "s", jobs=2
        )
        assert time.monotonic() - t < 30
    finally:
        del os.environ["PEELGRAPH_DOC_TIMEOUT"]
    [failure] = report.failures
    assert failure.path.endswith("operators.pdf") and "over 2 s" in failure.message
    assert [Path(d.path).name for d in report.built] == [SEED_FILES[4]]


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_die_with_a_killed_build(seeds: Path, tmp_path: Path) -> None:
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc")
    many = seed_copies(seeds, tmp_path / "many", 40)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "peelgraph",
            "build",
            str(many),
            "--store",
            str(tmp_path / "s"),
            "-q",
            "-j",
            "2",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = [
            p
            for p in _children(proc.pid)
            if b"peelgraph" in Path(f"/proc/{p}/cmdline").read_bytes() or True
        ]
        workers = [
            p for p in workers if b"multiprocessing" in Path(f"/proc/{p}/cmdline").read_bytes()
        ]
        time.sleep(0.1)
    assert len(workers) >= 2, "the build started no extraction workers"
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers), "extraction workers outlived the killed build"


def test_a_worker_imports_its_readers_before_its_time_limit_starts(tmp_path: Path) -> None:
    """The imports run before "ready" cover everything reading a document imports, so a
    worker's first document is not charged a fresh interpreter's imports (on a loaded
    machine, more than a short limit)."""
    doc = tmp_path / "page.txt"
    doc.write_text("Kent Police\n\nPEEL 2016: Effectiveness\n\nWe found the force good.\n")
    code = (
        "import sys\n"
        "from peelgraph.pipeline import _load_readers, _safe\n"
        "from pathlib import Path\n"
        "_load_readers()\n"
        "before = {m for m in sys.modules if m.startswith('peelgraph')}\n"
        f"_safe(Path({str(doc)!r}))\n"
        "print(sorted({m for m in sys.modules if m.startswith('peelgraph')} - before))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]", out
