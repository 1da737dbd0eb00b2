"""Store faults that escaped (issue 25): manifests of the wrong shape, flipped bytes, a bad pointer.

The probes: ``"format": "two"`` and ``"documents": [1, 2]`` gave a traceback
(exit 1) from query, validate, trace and build, "internal error: ValueError"
from serve, and ``store check`` called the store healthy; bytes flipped in the
largest table passed ``store check``; damaging CURRENT while ``serve`` ran made
every query fail although the version it had open was intact.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from peelgraph.evaluate.testing import run_cli

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def store_copy(built_store, tmp_path: Path) -> Path:
    root = tmp_path / "store"
    shutil.copytree(built_store.root, root)
    return root


def _manifest(root: Path) -> Path:
    return root / (root / "CURRENT").read_text().strip() / "manifest.json"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=ROOT, timeout=180)


@pytest.mark.parametrize(
    "change", [{"format": "two"}, {"documents": [1, 2]}, {"documents": {"a": {"graph": 5}}}]
)
def test_a_manifest_of_the_wrong_shape_is_a_store_error(store_copy: Path, change) -> None:
    from peelgraph.errors import StoreError
    from peelgraph.store.embedded import open_store
    from peelgraph.store.files import check, repair

    path = _manifest(store_copy)
    data = json.loads(path.read_text())
    path.write_text(json.dumps({**data, **change}))
    with pytest.raises(StoreError, match=r"corrupted .*manifest\.json"):
        open_store(store_copy)
    report = check(store_copy)
    assert not report.ok and "manifest.json" in report.summary()
    fixed = repair(store_copy)
    assert fixed.ok, fixed.summary()
    store = open_store(store_copy)
    assert len(store) > 0
    if "format" in change:  # the entries were sound: all kept, the format read from the data
        assert len(store.documents) == len(data["documents"]) and store.union_in_default


def test_commands_exit_3_in_one_line_on_a_bad_manifest(store_copy: Path) -> None:
    path = _manifest(store_copy)
    path.write_text(json.dumps({**json.loads(path.read_text()), "format": "two"}))
    for args in (["query", "grade-trajectory", "-p", "force=gwent"], ["validate"],
                 ["store", "check"]):  # fmt: skip
        out = _cli(*args, "--store", str(store_copy))
        assert out.returncode == 3, (args, out.stderr)
        assert "Traceback" not in out.stderr and "manifest.json" in out.stdout + out.stderr


def test_store_check_finds_a_flipped_byte_in_any_table(store_copy: Path) -> None:
    from peelgraph.store.files import check

    assert check(store_copy).ok
    version = store_copy / (store_copy / "CURRENT").read_text().strip()
    largest = max((version / "oxigraph").glob("*.sst"), key=lambda p: p.stat().st_size)
    data = bytearray(largest.read_bytes())
    data[len(data) // 2] ^= 0xFF
    largest.write_bytes(bytes(data))
    report = check(store_copy)
    assert not report.ok and f"{largest.name} does not match its checksum" in report.summary()


def test_store_check_finds_a_damaged_part(store_copy: Path) -> None:
    """The link and derived graphs' parts beside the database are what the next build
    patches those graphs from: a damaged one is found by the check, not written unseen."""
    from peelgraph.store.files import check

    version = store_copy / (store_copy / "CURRENT").read_text().strip()
    parts = sorted((version / "parts").rglob("*.nt"), key=lambda p: (-p.stat().st_size, p))
    assert parts, "a build writes its link graphs' parts"
    part = parts[0]
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 0x20
    # A new file, as the build writes parts: the folder's files are hard links another
    # version may share.
    part.unlink()
    part.write_bytes(bytes(data))
    report = check(store_copy)
    name = part.relative_to(version).as_posix()
    assert not report.ok and f"{name} does not match its checksum" in report.summary()


@pytest.mark.parametrize("damage", ["garbage", "missing version", "deleted"])
def test_serve_keeps_answering_from_the_version_it_opened(store_copy: Path, damage: str) -> None:
    from peelgraph.serve.pool import QueryPool

    pool = QueryPool(store_copy, 1)
    try:
        q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        before = pool.run(q, timeout=10).rows
        pointer = store_copy / "CURRENT"
        if damage == "garbage":
            pointer.write_bytes(b"\xff\x00garbage\n")
        elif damage == "missing version":
            pointer.write_text("v-000000000000")
        else:
            pointer.unlink()
        assert pool.run(q, timeout=10).rows == before
    finally:
        pool.close()
