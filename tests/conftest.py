"""Shared fixtures: the seed documents and a store built from them once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("PEELGRAPH_SEEDS", ROOT.parent / "shared" / "seeds"))
GOLD = Path(os.environ.get("PEELGRAPH_GOLD", ROOT.parent / "shared" / "gold" / "seeds_gold.json"))

GLOUCS_PAGE = "000_e55f5fa657cfbcae.txt"
GLOUCS_REC = "001_3cf51c33481fae6e.txt"
GLOUCS_LETTER = "002_62425841c2a6e5f7.txt"
AVON_2015 = "003_7c51fcb2426508b5.txt"
GWENT_2017 = "004_c0b882532ab08302.txt"
SEED_FILES = (GLOUCS_PAGE, GLOUCS_REC, GLOUCS_LETTER, AVON_2015, GWENT_2017)


def seed_copies(seeds: Path, dest: Path, copies: int) -> Path:
    """``dest`` filled with ``copies`` distinct copies of each seed (a line added to each, so
    no two share a checksum): a corpus large enough to take time or space to build."""
    dest.mkdir()
    for i in range(copies):
        for name in SEED_FILES:
            text = (seeds / name).read_text(encoding="utf-8")
            (dest / f"{i:03d}_{name}").write_text(f"{text}\n\nCopy {i}.\n", encoding="utf-8")
    return dest


def pytest_configure(config: pytest.Config) -> None:
    if not SEEDS.is_dir():
        raise pytest.UsageError(f"seed documents not found at {SEEDS} (set PEELGRAPH_SEEDS)")


@pytest.fixture(scope="session")
def seeds() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def facts_by_file():
    from peelgraph.extract import extract
    from peelgraph.ingest.read import ingest

    return {name: extract(ingest(SEEDS / name)) for name in SEED_FILES}


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory):
    from peelgraph.pipeline import build
    from peelgraph.store.embedded import open_store

    root = tmp_path_factory.mktemp("store") / ".peelgraph"
    report = build([SEEDS], root)
    assert report.ok, report.failures
    return open_store(root)


@pytest.fixture(scope="session")
def server(built_store):
    """`peelgraph serve` on the seeds' store, on a free loopback port, for the whole session."""
    import threading

    from peelgraph.serve.app import ServerConfig, make_server

    server = make_server(
        ServerConfig(built_store.root, port=0, timeout=2.0, max_rows=5000, request_timeout=2.0)
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def endpoint(server) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"


CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory):
    """A real Virtuoso on loopback for the session (see tests/virtuoso.py)."""
    import shutil

    from tests.virtuoso import required, running_virtuoso

    if shutil.which("virtuoso-t") is None:
        message = "virtuoso-t is not installed (apt-get install virtuoso-opensource-7-bin)"
        if required():
            pytest.fail(message)
        pytest.skip(message)
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as v:
        yield v
