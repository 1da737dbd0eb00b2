"""A national recommendation across forces (issue 26): ``query national`` and
``national-findings`` on invented recommendation pages, each force's own page tracking the
same national finding, one page that never names its force."""

from __future__ import annotations

from pathlib import Path

import pytest

from peelgraph.query import run_saved

# Invented: a cause of concern addressed to all forces and its recommendation.
_NATIONAL = (
    "Causes of concern\n\nHMIC found that forces record missing children in very different "
    "ways, which leaves gaps between neighbouring forces.\n\nRecommendation 3\n\n"
    "• By June 2018, all forces should adopt the national missing children standard.\n\n"
)

PAGES = {
    # Kent's page, an early snapshot and a later one: one row for Kent, its latest status.
    "kent_early.txt": _NATIONAL + "[on]2nd March 2017 [status]awaiting-review[/status][/on]"
    "[on]3rd March 2017 [comment]\n\nKent Police has appointed a lead for the standard.\n\n"
    "[/comment][/on]\n",
    "kent_late.txt": _NATIONAL + "[on]2nd March 2017 [status]awaiting-review[/status][/on]"
    "[on]9th April 2018 [comment]\n\nKent Police has adopted the standard in every "
    "district.\n\n[/comment][/on][on]4th May 2018 [status]complete[/status][/on]\n",
    "tvp.txt": _NATIONAL + "[on]2nd March 2017 [status]awaiting-review[/status][/on]"
    "[on]9th April 2018 [status]being-progressed[/status][/on][on]9th April 2018 [comment]"
    "\n\nTVP has adopted the standard in two of its three areas.\n\n[/comment][/on]\n",
    # A page that never says whose it is.
    "unnamed.txt": "404 Page not found\n\n\n"
    + _NATIONAL
    + "[on]2nd March 2017 [status]awaiting-review[/status][/on][on]1st June 2018 [comment]"
    "\n\nThe standard is applied in full.\n\n[/comment][/on]"
    "[on]1st June 2018 [status]complete[/status][/on]\n",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    from peelgraph.pipeline import build
    from peelgraph.store.embedded import open_store

    docs = tmp_path_factory.mktemp("national-docs")
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    root = tmp_path_factory.mktemp("national") / ".peelgraph"
    report = build([docs], root, jobs=1)
    assert report.ok, report.failures
    return open_store(root)


def _rows(store, name: str, params: dict[str, str]) -> list[dict[str, str | None]]:
    res = run_saved(store, name, params)
    return [{k: None if v is None else str(v) for k, v in r.items()} for r in res.rows]


def test_national_gives_each_force_once_with_its_latest_status_and_words(store) -> None:
    rows = _rows(store, "national", {"topic": "missing children standard"})
    tracked = [r for r in rows if r["record"] != "no page in the store"]
    assert [
        (r["forceName"], r["record"], r["latestStatus"], r["latestDate"], r["pages"])
        for r in tracked
    ] == [
        ("Kent Police", "own page", "Complete", "2018-05-04", "2"),
        ("Thames Valley Police", "own page", "Being progressed", "2018-04-09", "1"),
        ("(not named on its page)", "page names no force", "Complete", "2018-06-01", "1"),
    ]
    # Each force's own words: its latest comment, with the date it was written.
    assert tracked[0]["words"] == "Kent Police has adopted the standard in every district."
    assert tracked[0]["wordsDate"] == "2018-04-09"
    assert tracked[1]["words"] == "TVP has adopted the standard in two of its three areas."
    # The page naming no force is not given one.
    assert tracked[2]["force"] is None
    # Every other force of the 43 is listed once, with no page.
    missing = [r["forceName"] for r in rows if r["record"] == "no page in the store"]
    assert len(missing) == 41 == len(set(missing))
    assert "Kent Police" not in missing and "Gwent Police" in missing


def test_national_one_finding_by_its_iri(store) -> None:
    (finding,) = {
        r["finding"]
        for r in _rows(store, "national-findings", {})
        if r["typeLabel"] == "Recommendation"
    }
    assert finding is not None
    rows = _rows(store, "national", {"finding": finding})
    assert {r["finding"] for r in rows} == {finding}
    assert len(rows) == 2 + 1 + 41


def test_national_findings_counts_forces_reporting_complete(store) -> None:
    rows = _rows(store, "national-findings", {})
    assert sorted(
        (r["typeLabel"], r["forces"], r["complete"], r["unnamedPages"], r["unnamedComplete"])
        for r in rows
    ) == [
        ("Cause of concern", "2", "1", "1", "1"),
        ("Recommendation", "2", "1", "1", "1"),
    ]


def test_trace_of_a_national_finding_is_each_forces_progress(store, tmp_path) -> None:
    """`trace PHRASE` on a national finding: each force's latest status, not one force's thread."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    res = subprocess.run(
        [sys.executable, "-m", "peelgraph", "trace", "missing children standard",
         "--store", str(store.root)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(root), "COLUMNS": "100"},
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert out.startswith("National recommendation:")  # the phrase is the recommendation's
    assert "Tracked by 2 force(s) on their own pages and 1 page(s) that name no force" in out
    assert "Kent Police" in out and "Complete" in out and "2018-05-04" in out
    assert "page names no force" in out
    assert "No page in the store for 41 force(s)" in out
