"""The coverage report's rules for grade words that grade nothing, each with a near miss.

A rule rules a grade cue out only when it is true of the text (a legend of the scale, a
count of areas, a page cut off, a page with no year), so each test also has a grade that
the rule must leave to be read, or shown as not read. Every text is invented.
"""

from __future__ import annotations

from pathlib import Path

from peelgraph.extract import extract
from peelgraph.extract.cues import CueReading, read_cues
from peelgraph.ingest.read import ingest


def _readings(tmp_path: Path, text: str) -> list[CueReading]:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return read_cues(extract(ingest(path)))


class _Rules:
    """The rule or fact that reads the grade cue starting the first occurrence of a needle."""

    def __init__(self, tmp_path: Path, text: str) -> None:
        self.text = text
        self.by_start = {
            r.cue.start: r.rule or r.accounted_by
            for r in _readings(tmp_path, text)
            if r.cue.kind == "grade"
        }

    def __getitem__(self, needle: str) -> str | None:
        return self.by_start[self.text.index(needle)]


def _grade_rules(tmp_path: Path, text: str) -> _Rules:
    return _Rules(tmp_path, text)


def test_a_legend_of_the_scale_is_no_grade(tmp_path: Path) -> None:
    text = (
        "Kent PEEL 2023\n\nHow we grade\n\nThe grades we give are:\n\n"
        "1. Outstanding – the force goes well beyond what we expect\n"
        "2. Good – the force does what we expect\n"
        "3. Adequate\n"
        "4. Inadequate – we have causes of concern\n\n"
        "Kent Police was graded as follows:\n\n"
        "• Good – preventing crime\n"
        "• Adequate – investigating crime\n"
        "• Inadequate – responding to the public\n"
    )
    got = _grade_rules(tmp_path, text)
    legend = "a legend of the grading scale (a list of the grades, each defined)"
    assert got["Outstanding – the"] == legend
    assert got["Good – the forc"] == legend
    assert got["Adequate\n4. Inad"] == legend
    # A list of grades that each name an area is a list of judgements, never a legend.
    assert got["Good – preventin"] == "judgements"
    assert got["Inadequate – respon"] == "judgements"


def test_counted_areas_and_counted_grades(tmp_path: Path) -> None:
    text = (
        "Kent PEEL 2023\n\nThe commissioner said no areas of the inspection were deemed "
        "‘inadequate’, with most deemed to be ‘good’ or ‘adequate’. The force was awarded no "
        "requires improvement or inadequate grades.\n\nKent Police is adequate at preventing "
        "crime.\n"
    )
    got = _grade_rules(tmp_path, text)
    count = "a count of grades ('good in four areas')"
    assert got["inadequate’, with"] == count
    assert got["good’ or ‘adeq"] == count
    assert got["adequate’. The f"] == count
    assert got["requires improvement or ina"] == count
    assert got["adequate at prev"] == "judgements"


def test_a_page_cut_off_inside_its_grade(tmp_path: Path) -> None:
    text = "Kent PEEL 2016\n\nKent Police is good at investigating crime. It is now good at prev"
    got = _grade_rules(tmp_path, text)
    assert got["good at prev"] == (
        "the text ends inside the grade's sentence (a page cut off: 'good at prev')"
    )
    assert got["good at inves"] == "judgements"


def test_a_page_that_names_no_year(tmp_path: Path) -> None:
    text = (
        "Commissioner welcomes inspection report\n\nKent Police is good at preventing crime, "
        "the inspectors said. Kent Police is good overall at cutting burglary.\n"
    )
    got = _grade_rules(tmp_path, text)
    assert got["good at preven"] == (
        "bound to an area on a page that states no inspection year (no round to judge in)"
    )
    # A grade bound to nothing the lexicon knows stays not read, year or no year.
    assert got["good overall at"] is None


def test_general_statements_are_no_grades(tmp_path: Path) -> None:
    text = (
        "Kent PEEL 2021\n\nA reduction in grade, particularly from good to adequate, does not "
        "mean that performance fell unless we say so in the force's report. The public have "
        "many experiences of policing, not all of which will be good. Our report identifies "
        "good or poor performance in the region. More than half of forces were judged good.\n"
    )
    got = _grade_rules(tmp_path, text)
    assert (got["good to adequa"] or "").startswith("a change of grade in general")
    assert (got["good. Our repo"] or "").startswith("a degree or comparison")
    assert (got["good or poor pe"] or "").startswith("a grade paired with its opposite")
    assert (got["good.\n"] or "").startswith("said of forces in general")


def test_a_quoted_scale_is_the_scale(tmp_path: Path) -> None:
    text = (
        "Kent PEEL 2017\n\nThe reports gave a judgement grade of ‘outstanding’, ‘good’ "
        "‘requires improvement’ or ‘inadequate’. Kent Police was ‘good’ at investigating crime.\n"
    )
    got = _grade_rules(tmp_path, text)
    scale = "the grading scale explained ('outstanding, good, ... or inadequate')"
    assert got["outstanding’, ‘good"] == scale
    assert got["good’ ‘req"] == scale
    assert got["inadequate’."] == scale
    assert got["good’ at"] == "judgements"
