"""One timeline model: text, JSON and Mermaid give the same entries, years and order.

On the seeds and on invented documents of an invented thread (a report published
the year after its inspection, a response letter, a recommendation page whose
status comments answer the recommendations).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from peelgraph.query.timeline import (
    EVENT_DATE,
    INSPECTION_YEAR,
    PUBLICATION_DATE,
    Timeline,
    _mermaid,
    place,
)
from peelgraph.query.trace import trace

_HEAD = re.compile(
    r"^  (?P<date>\d{4}-\d{2}(?:-\d{2})?)?\s+(?P<label>\S.*?)(?: ×(?P<n>\d+))?"
    r"(?:  \[(?P<insp>\d{4}) inspection\])?$"
)


def _from_json(tl: Timeline) -> list[tuple]:
    return [
        (e["year"], e["date"], e["event"], e["inspection_year"] if e["year"] != e["inspection_year"] else None)
        for e in json.loads(tl.to_json())["entries"]
    ]  # fmt: skip


def _from_text(text: str) -> list[tuple[int, str | None, str, str | None]]:
    """(year, date, label, later inspection) per entry, a group of ×N counted N times."""
    out: list[tuple[int, str | None, str, str | None]] = []
    year = None
    # A heading wider than the text is continued on lines indented 18 columns: join them.
    lines: list[str] = []
    for line in text.splitlines():
        if re.match(r"^ {18}\S", line) and lines:
            rest = line.strip()  # "[2016 inspection]" stands two spaces from the label
            lines[-1] += ("  " if rest.startswith("[") else " ") + rest
        else:
            lines.append(line)
    for line in lines:
        if re.fullmatch(r"\d{4}", line):
            year = int(line)
        elif year is not None and re.match(r"^(?:  \d{4}-\d{2}(?:-\d{2})?\s+| {14})\S", line):
            m = _HEAD.match(line)
            assert m, line
            out += [(year, m["date"], m["label"], m["insp"])] * int(m["n"] or 1)
    return out


def _from_mermaid(text: str) -> list[tuple[int, str]]:
    out, year = [], None
    for line in text.splitlines()[2:]:
        m = re.match(r"^    (\d{4}|\s+) : (.*)$", line)
        if m:
            year = int(m[1]) if m[1].strip() else year
            # The label without the few words quoted after it (boxes a reader tells apart).
            out.append((year, re.sub(r" “[^”]*”$", "", m[2])))
    return out


def _assert_formats_agree(tl: Timeline) -> None:
    entries = tl.entries
    assert entries
    from_json = _from_json(tl)
    assert [(y, d) for y, d, _, _ in from_json] == [(e.year, e.date) for e in entries]
    want = [(e.year, e.date, e.label, str(e.inspection_year) if e.late else None) for e in entries]
    assert _from_text(tl.to_text(verbose=True)) == want
    assert _from_text(tl.to_text()) == want  # the short form groups, and counts what it groups
    mermaid = [
        (e.year, _mermaid((f"{e.date} " if e.date else "") + e.label + (f" ({e.inspection_year} inspection)" if e.late else "")))
        for e in entries
    ]  # fmt: skip
    assert _from_mermaid(tl.to_mermaid()) == mermaid
    # Years never go back within a question, in any format.
    for q in {e.question for e in entries}:
        years = [e.year or 0 for e in entries if e.question == q]
        assert years == sorted(years)


def test_placement_rule() -> None:
    assert place("2018-04-06", "event", 2016) == (2018, EVENT_DATE, "2018-04-06")
    assert place("2018-03", "published", 2017) == (2018, PUBLICATION_DATE, "2018-03")
    assert place(None, None, 2016) == (2016, INSPECTION_YEAR, None)
    assert place("sometime", "published", 2016) == (2016, INSPECTION_YEAR, None)


@pytest.mark.parametrize(
    ("force", "question"),
    [("gloucestershire", "serious-organised-crime"), ("gwent", None), ("avon-and-somerset", None)],
)
def test_seed_traces_agree_in_every_format(built_store, force: str, question: str | None) -> None:
    _assert_formats_agree(trace(built_store, force, question))


def test_seed_response_sits_under_its_letter_year_beside_its_inspection(built_store) -> None:
    tl = trace(built_store, "gloucestershire", "serious-organised-crime")
    disputes = [e for e in tl.entries if e.event == "Response disputes"]
    assert disputes and {(e.year, e.inspection_year, e.placed_by) for e in disputes} == {
        (2017, 2016, PUBLICATION_DATE)
    }
    statuses = [e for e in tl.entries if e.event == "Status"]
    assert all(e.placed_by == EVENT_DATE and e.year == int(e.date[:4]) for e in statuses)
    coc = next(e for e in tl.entries if e.event == "Cause of concern")
    assert (coc.year, coc.placed_by) == (2016, INSPECTION_YEAR)


# An invented thread: a 2019 inspection reported in March 2020, the force's letter of May
# 2020 disputing the grade, and a recommendation page whose statuses run into 2021.
_REPORT = """
PEEL: Police effectiveness 2019

An inspection of Dyfed-Powys Police

March 2020

© HMICFRS 2020

How effective is the force at protecting vulnerable people and supporting victims?


Requires improvement


The force has trained its call handlers to identify vulnerability. Officers attend incidents promptly.

Areas for improvement

- The force should make sure that every referral about a missing adult is reviewed by a supervisor within a day.
- The force should improve how it records the views of victims of stalking.
"""
_LETTER = """Chief Executive
Office of the Police and Crime Commissioner for Dyfed-Powys

12 May 2020

Dear Chief Executive

Comments on the PEEL Effectiveness Inspection 2019

I am disappointed that we have been graded as 'requires improvement' for protecting vulnerable people and supporting victims. I do not accept that this grade reflects the progress we have made.

More broadly, I do not accept that the grades in this report reflect the work of our officers.

Yours sincerely

T. Rees
Chief Constable
Dyfed-Powys Police
"""
_REC = """Dyfed-Powys Police recommendation

Cause of concern

It is a cause of concern to HMICFRS that Dyfed-Powys Police is not protecting vulnerable people well enough, as it does not manage the risk posed by registered sex offenders. This was raised in the 2019 effectiveness inspection.

Recommendation

The force should immediately take steps to:

• clear its backlog of home visits to registered sex offenders; • train its offender managers in the active risk management system.

[on]3rd June 2020 [status]awaiting-review[/status][/on][on]14th January 2021 [status]being-progressed[/status][/on][on]14th January 2021 [comment]

The force has cleared its backlog of home visits to registered sex offenders since the 2019 inspection.

[/comment][/on][on]2nd November 2021 [status]complete[/status][/on]
"""


def _later_report(year: int, grade: str) -> str:
    """An integrated report of a later year, published the next spring."""
    return (
        f"\nPEEL {year}/{year - 1999}\n\nAn inspection of Dyfed-Powys Police\n\n"
        f"May {year + 1}\n\n© HMICFRS {year + 1}\n\nProtecting vulnerable people\n\n\n{grade}\n\n\n"
        "The force works well with the local safeguarding partnership and reviews referrals daily.\n"
    )


@pytest.fixture(scope="module")
def invented_store(tmp_path_factory: pytest.TempPathFactory):
    from peelgraph.pipeline import build
    from peelgraph.store.embedded import open_store

    docs = tmp_path_factory.mktemp("invented")
    for name, text in (
        ("report.txt", _REPORT),
        ("letter.txt", _LETTER),
        ("rec.txt", _REC),
        ("report-2021.txt", _later_report(2021, "Adequate")),
        ("report-2023.txt", _later_report(2023, "Good")),
    ):
        (docs / name).write_text(text, encoding="utf-8")
    root = docs / ".store"
    report = build([docs], root)
    assert report.ok, report.failures
    return open_store(Path(root))


@pytest.fixture(scope="module")
def invented(invented_store) -> Timeline:
    return trace(invented_store, "dyfed-powys", "protecting-vulnerable")


def test_invented_thread_is_placed_by_the_rule(invented: Timeline) -> None:
    by_event: dict[str, list] = {}
    for e in invented.entries:
        by_event.setdefault(e.event, []).append(e)
    # Reported late: the 2019 inspection's findings and grade sit under 2020, its publication.
    for kind in ("Area for improvement", "Grade"):
        assert {
            (e.year, e.placed_by, e.date) for e in by_event[kind] if e.inspection_year == 2019
        } == {(2020, PUBLICATION_DATE, "2020-03")}
    grades = [(e.year, e.inspection_year, e.grade) for e in by_event["Grade"]]
    assert grades == [
        (2020, 2019, "Requires improvement"),
        (2022, 2021, "Adequate"),
        (2024, 2023, "Good"),
    ]
    (dispute,) = by_event["Response disputes"]
    assert (dispute.year, dispute.date, dispute.inspection_year) == (2020, "2020-05-12", 2019)
    # The recommendation page has no date of its own: its findings stay in their inspection.
    assert {(e.year, e.placed_by) for e in by_event["Recommendation"]} == {(2019, INSPECTION_YEAR)}
    assert [(e.date, e.status) for e in by_event["Status"]] == [
        ("2020-06-03", "Awaiting review"),
        ("2021-01-14", "Being progressed"),
        ("2021-11-02", "Complete"),
    ]
    # What a status comment says about the recommendation is dated by the comment.
    (answer,) = [e for e in invented.entries if e.event.startswith("Later document")]
    assert (answer.year, answer.date, answer.placed_by) == (2021, "2021-01-14", EVENT_DATE)
    order = [e.event for e in invented.entries]
    assert order.index("Recommendation") < order.index("Area for improvement")
    assert order.index("Response disputes") < order.index("Status")


def test_invented_thread_agrees_in_every_format(invented: Timeline) -> None:
    _assert_formats_agree(invented)
    text = invented.to_text()
    assert "[2019 inspection]" in text and "Recommendation ×2" in text


def test_proposed_links_show_their_tier_and_score() -> None:
    row = {
        "year": "2018",
        "date": "2019-02-01",
        "dateBasis": "published",
        "event": "Later statement",
        "questionLabel": "Q",
        "item": "x",
        "quote": "It now reviews every case.",
        "document": "Report",
        "start": "5",
        "method": "similarity",
        "score": "0.61",
    }
    tl = Timeline.from_rows("A Police", "Q", [row, {**row, "method": "explicit", "item": "y"}])
    labels = [e.label for e in tl.entries]
    assert labels == ["Later statement (proposed, score 0.61)", "Later statement"]
    assert (tl.entries[0].year, tl.entries[0].inspection_year) == (2019, 2018)
    _assert_formats_agree(tl)


def test_disputes_one_row_per_statement_with_the_next_grade_only(invented_store) -> None:
    from peelgraph.query import run_saved

    rows = run_saved(invented_store, "disputes", {"force": "dyfed-powys"}).rows
    # Three disputing statements, one row each; the one naming a question gets the grade of
    # that question's next inspection (2021), not every later one; the others none.
    assert len(rows) == len({str(r["stance"]) for r in rows}) == 3
    answered = {
        (str(r["disputedGrade"]), str(r["nextYear"]), str(r["nextGrade"]))
        for r in rows
        if r["questionLabel"] is not None
    }
    assert answered == {("Requires improvement", "2021", "Adequate")}
    assert all(r["nextGrade"] is None for r in rows if r["questionLabel"] is None)
