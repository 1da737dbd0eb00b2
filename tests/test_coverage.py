"""The coverage report: cues on invented documents, what reads each, and the build's line."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from peelgraph.evaluate.testing import run_cli
from peelgraph.extract import extract
from peelgraph.extract.cues import CueReading, find_cues, read_cues
from peelgraph.ingest.read import ingest

ROOT = Path(__file__).resolve().parents[1]

PAGE = """Kent PEEL 2016

How effective is the force at investigating crime and reducing re-offending?

Good

Kent Police is good at investigating crime. The force has a good understanding of the \
threats it faces and shares good practice with partners. We grade forces as outstanding, \
good, requires improvement or inadequate.

Kent Police is superb at catching criminals, and the force is good overall at cutting burglary.

Areas for improvement

• The force should improve how it supervises investigations.

We must all work together. The force has two areas for improvement.
"""


SUMMARY = (
    "a call to improve in prose or a summary's list that no findings heading, named list "
    "or recommendation raises"
)


def _readings(tmp_path: Path, text: str) -> list[CueReading]:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return read_cues(extract(ingest(path)))


def _by_context(readings: list[CueReading], text: str, needle: str) -> CueReading:
    """The reading of the cue that starts the first occurrence of ``needle``."""
    at = text.index(needle)
    return next(r for r in readings if r.cue.start == at)


def test_cues_of_each_kind_are_found() -> None:
    text = (
        "The force is good at it. It should act, and it needs to act. Two areas for "
        "improvement remain. Since our last inspection it has improved. Status: complete. "
        "Since 2016 it has kept pace; the grade is the same as last year."
    )
    kinds = [(c.kind, c.word) for c in find_cues(text)]
    assert kinds == [
        ("grade", "good"),
        ("finding", "should"),
        ("finding", "needs to"),
        ("finding", "areas for improvement"),
        ("back-reference", "Since our last inspection"),
        ("status", "complete"),
        ("back-reference", "Since 2016"),
        ("back-reference", "as last year"),
    ]


def test_each_cue_is_accounted_for_ruled_out_or_not_read(tmp_path: Path) -> None:
    readings = _readings(tmp_path, PAGE)
    text = PAGE
    # The heading's grade is the judgement; the sentence after it states it again.
    assert _by_context(readings, text, "Good\n").accounted_by == "judgements"
    assert _by_context(readings, text, "good at investigating").accounted_by == "judgements"
    rules = {
        "good understanding": "an adjective before its noun",
        "good practice": "'good practice'",
        "outstanding, ": "the grading scale explained",
        "Areas for improvement\n": "a heading over findings that were read",
        "must all": "the speaker's own intention",
        "areas for improvement.": "a count or mention of findings",
    }
    for needle, rule in rules.items():
        r = _by_context(readings, text, needle)
        assert r.rule is not None and r.rule.startswith(rule), (needle, r)
    assert _by_context(readings, text, "should improve").accounted_by == "findings"
    # A grade in a form the extractor does not read is shown, not explained away.
    missed = _by_context(readings, text, "good overall at cutting")
    assert not missed.read
    assert [r.cue.word for r in readings if not r.read] == ["good"]


def test_adequate_before_the_five_point_scale_is_no_grade(tmp_path: Path) -> None:
    text = "Kent PEEL 2016\n\nThe force has adequate resources for its custody suites.\n"
    (r,) = _readings(tmp_path, text)
    assert r.rule == "'adequate' before the five-point scale"


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd)


def test_coverage_command_and_the_builds_line(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.txt").write_text(PAGE, encoding="utf-8")
    res = _cli("coverage", str(docs), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "page.txt: 13 cues, 1 not read" in res.stdout
    assert "[NOT READ]" in res.stdout and "»good« overall" in res.stdout
    assert "  grade          the grading scale explained" in res.stdout
    out = json.loads(_cli("coverage", "--json", str(docs), cwd=tmp_path).stdout)
    assert out["totals"]["grade"] == {"cues": 9, "accounted": 2, "ruled_out": 6, "not_read": 1}
    assert out["totals"]["finding"]["not_read"] == 0
    assert sum(1 for c in out["documents"][0]["cues"] if not c["read"]) == 1
    (docs / "empty.txt").write_bytes(b"")
    bad = _cli("coverage", str(docs), cwd=tmp_path)
    assert bad.returncode == 1 and "page.txt: 13 cues, 1 not read" in bad.stdout
    assert bad.stderr.strip() == f"Error: {docs / 'empty.txt'}: empty file (0 bytes)"
    (docs / "empty.txt").unlink()
    built = _cli("build", "--store", str(tmp_path / "store"), str(docs), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert built.stderr.strip().splitlines()[-1] == (
        "1 grade cue not read: peelgraph coverage shows them"
    )


def test_a_summary_call_to_improve_and_the_first_round_are_no_facts(tmp_path: Path) -> None:
    text = (
        "Kent PEEL 2014\n\nThis is the first PEEL assessment of Kent Police. The force "
        "needs to improve in some areas to provide a consistently good service. It must "
        "improve in some areas, including how it records crime.\n"
    )
    readings = _readings(tmp_path, text)
    # "the first PEEL assessment" names the page's own round: no back-reference cue.
    assert all(r.cue.kind != "back-reference" for r in readings)
    assert _by_context(readings, text, "needs to improve").rule == (
        "a call to improve that names no area ('needs to improve in some areas')"
    )
    # An area named in an overview's prose, which no findings heading, list or recommending
    # sentence raises, is the summary of a finding (the gold counts the finding itself).
    assert _by_context(readings, text, "must improve").rule == SUMMARY


def test_a_call_to_improve_under_a_findings_heading_is_never_a_summary(tmp_path: Path) -> None:
    text = (
        "Kent PEEL 2016\n\nAreas for improvement\n\nThe force must improve how it records "
        "crime, and it needs to review its custody checks.\n"
    )
    readings = _readings(tmp_path, text)
    for needle in ("must improve", "needs to review"):
        reading = _by_context(readings, text, needle)
        assert reading.rule != SUMMARY, reading


def test_modals_that_describe_or_suppose_are_no_findings(tmp_path: Path) -> None:
    text = (
        "Kent PEEL 2016\n\nStaff know how they should allocate crimes. The force can call "
        "on specialist officers should the need arise. The force should review its "
        "custody staffing.\n"
    )
    readings = _readings(tmp_path, text)
    assert _by_context(readings, text, "should allocate").rule.startswith(
        "a modal in a clause that describes"
    )
    assert _by_context(readings, text, "should the need").rule.startswith("a conditional")
    # The force told to act in a summary's prose: the gold counts the findings, not this.
    assert _by_context(readings, text, "should review").rule == SUMMARY


def test_should_said_of_others_praise_and_a_summary_list_are_no_findings(tmp_path: Path) -> None:
    text = (
        "Kent PEEL 2017\n\nKent Police should be commended for its progress. These "
        "principles should be used by every officer. Londoners should know the challenges.\n\n"
        "However, it needs to:\n\n  • improve how it updates victims; and\n"
        "  • review its custody checks.\n\n"
        "I will be closing the force’s cause of concern regarding custody. We will revisit "
        "this area for improvement next year.\n\n"
        "During our inspections, we will identify:\n- areas for improvement;\n"
        "- causes of concern – with recommendations\n"
        "- Inadequate – we have causes of concern and have made recommendations\n"
    )
    readings = _readings(tmp_path, text)
    assert _by_context(readings, text, "should be commended").rule.startswith("praise")
    for needle in ("should be used", "should know"):
        assert _by_context(readings, text, needle).rule.startswith("a 'should' said of others")
    assert _by_context(readings, text, "needs to:").rule == SUMMARY
    for needle in ("cause of concern regarding", "area for improvement next"):
        assert _by_context(readings, text, needle).rule.startswith("a finding named by")
    for needle in ("areas for improvement;", "causes of concern – with", "causes of concern and"):
        assert _by_context(readings, text, needle).rule.startswith("the kinds of findings"), needle


def test_findings_named_with_a_year_or_in_a_named_list_stay_alarms(tmp_path: Path) -> None:
    text = (
        "Kent PEEL 2017\n\nThe force has made progress in addressing the cause of concern in "
        "our 2015 report on custody\n\n"
        "The force must improve its custody checks.\n\n"
        "Areas for improvement\n\n"
        "• The force should review its custody checks.\n"
    )
    readings = _readings(tmp_path, text)
    assert not _by_context(readings, text, "cause of concern in").rule
    # A modal under a findings heading is read or an alarm, never a summary.
    assert _by_context(readings, text, "should review").accounted_by == "findings"
