"""A broken store says so in one line (exit 3) and never loses the graph it holds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from peelgraph.errors import StoreError
from peelgraph.pipeline import build
from peelgraph.store.embedded import open_store
from tests.conftest import SEED_FILES, seed_copies


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "peelgraph", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture()
def small_store(seeds: Path, tmp_path: Path) -> Path:
    root = tmp_path / "store"
    assert build([seeds / SEED_FILES[0], seeds / SEED_FILES[4]], root).ok
    return root


@pytest.mark.parametrize("pointer", ["", "garbage\n", "v-000000000000", None])
def test_an_unreadable_pointer_is_refused_then_repaired(
    small_store: Path, seeds: Path, pointer: str | None
) -> None:
    before = open_store(small_store).dump("nquads")
    if pointer is None:
        (small_store / "CURRENT").unlink()
    else:
        (small_store / "CURRENT").write_text(pointer)
    with pytest.raises(StoreError) as exc:
        open_store(small_store)
    assert "corrupted" in exc.value.message and "store repair" in (exc.value.hint or "")
    # The next build refuses rather than starting empty and sweeping the versions away.
    with pytest.raises(StoreError):
        build([seeds / SEED_FILES[1]], small_store)
    assert len(list(small_store.glob("v-*"))) == 1
    res = _cli("store", "check", "--store", str(small_store))
    assert res.returncode == 3 and "needs attention" in res.stdout
    res = _cli("query", "trace", "-p", "force=gwent", "--store", str(small_store))
    assert (
        res.returncode == 3 and res.stderr.startswith("Error: ") and "Traceback" not in res.stderr
    )
    res = _cli("store", "repair", "--store", str(small_store))
    assert res.returncode == 0 and "healthy" in res.stdout
    assert open_store(small_store).dump("nquads") == before


def test_the_pointer_and_its_folder_are_fsynced(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced.append(
            os.readlink(f"/proc/self/fd/{fd}") if Path("/proc/self/fd").exists() else str(fd)
        )
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    root = tmp_path / "store"
    assert build([seeds / SEED_FILES[4]], root).ok
    assert any(p.endswith("CURRENT.tmp") or p.endswith("CURRENT") for p in synced), synced
    assert str(root.resolve()) in synced  # the folder, so the rename itself is durable


def test_a_truncated_manifest_is_one_line(small_store: Path) -> None:
    manifest = next(small_store.glob("v-*")) / "manifest.json"
    manifest.write_text(manifest.read_text()[:40])
    res = _cli("query", "trace", "-p", "force=gwent", "--store", str(small_store))
    assert res.returncode == 3 and "Traceback" not in res.stderr
    assert "corrupted" in res.stderr and "manifest.json" in res.stderr.splitlines()[0]


def test_a_corrupted_database_file_is_one_line(small_store: Path) -> None:
    for sst in (next(small_store.glob("v-*")) / "oxigraph").glob("*.sst"):
        data = bytearray(sst.read_bytes())
        data[len(data) // 2 : len(data) // 2 + 64] = b"\xff" * 64
        sst.write_bytes(bytes(data))
    res = _cli("query", "trace", "-p", "force=gwent", "--store", str(small_store))
    assert res.returncode == 3 and "Traceback" not in res.stderr, res.stderr
    first = res.stderr.splitlines()[0]
    assert first.startswith("Error: ") and "corrupted (" in first and ".sst)" in first
    assert _cli("store", "check", "--store", str(small_store)).returncode == 3


_SMALL_DISK = """
set -u
mount -t tmpfs -o size=3m tmpfs "$MNT" || exit 99
P="$PY -m peelgraph"
$P build "$SEEDS/$FIRST" --store "$MNT/s" -q || exit 98
$P query grade-trajectory -p force=gloucestershire --store "$MNT/s" -f csv > "$OUT/before.csv"
$P build "$SEEDS" "$EXTRA" --store "$MNT/s" -q 2> "$OUT/full.txt"; echo $? > "$OUT/full.rc"
$P query grade-trajectory -p force=gloucestershire --store "$MNT/s" -f csv > "$OUT/after-full.csv"
mount -o remount,ro "$MNT"
$P build "$SEEDS" --store "$MNT/s" -q 2> "$OUT/ro.txt"; echo $? > "$OUT/ro.rc"
$P query grade-trajectory -p force=gloucestershire --store "$MNT/s" -f csv > "$OUT/after-ro.csv"
"""


def test_a_full_disk_and_a_read_only_store_are_one_line_each(seeds: Path, tmp_path: Path) -> None:
    """A 3 MB tmpfs in a private mount namespace: the second build cannot fit."""
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare(1)")
    extra = seed_copies(seeds, tmp_path / "extra", 6)  # more than 3 MB of store
    (tmp_path / "mnt").mkdir()
    env = {**os.environ, "MNT": str(tmp_path / "mnt"), "PY": sys.executable, "SEEDS": str(seeds),
           "FIRST": SEED_FILES[0], "EXTRA": str(extra), "OUT": str(tmp_path)}  # fmt: skip
    res = subprocess.run(
        ["unshare", "-m", "bash", "-c", _SMALL_DISK],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if res.returncode == 99 or not (tmp_path / "full.rc").exists():
        pytest.skip(f"cannot mount a tmpfs here ({res.stderr.strip()[:120]})")
    full = (tmp_path / "full.txt").read_text()
    assert (tmp_path / "full.rc").read_text().strip() == "3", full
    assert (
        full.startswith("Error: ")
        and "no space left on device (needs about" in full
        and "Traceback" not in full
    )
    ro = (tmp_path / "ro.txt").read_text()
    assert (tmp_path / "ro.rc").read_text().strip() == "3", ro
    assert ro.startswith("Error: ") and "read-only" in ro and "Traceback" not in ro
    before = (tmp_path / "before.csv").read_text()
    assert before.count("\n") > 2
    assert (
        (tmp_path / "after-full.csv").read_text()
        == before
        == (tmp_path / "after-ro.csv").read_text()
    )
