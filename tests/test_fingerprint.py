"""What makes a store extract and derive everything again: the code that turns files
into graphs, the internal queries the links and derived facts are read with included."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from peelgraph import pipeline, resources


def test_an_internal_query_is_part_of_the_code_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    queries = tmp_path / "queries"
    shutil.copytree(resources.data_dir("queries"), queries)
    real = resources.data_dir
    monkeypatch.setattr(
        resources, "data_dir", lambda kind: queries if kind == "queries" else real(kind)
    )
    before = pipeline.code_fingerprint()
    assert pipeline.code_fingerprint() == before  # the same files: the same fingerprint
    derive = sorted((queries / "internal").glob("derive-*.rq"))[0]
    derive.write_text(derive.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert pipeline.code_fingerprint() != before
    # A saved query is read when asked, not when building: it does not count.
    changed = pipeline.code_fingerprint()
    saved = sorted(queries.glob("*.rq"))[0]
    saved.write_text(saved.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert pipeline.code_fingerprint() == changed
