"""Back-references in the forms the coverage report found unread on real pages, on invented
pages: a change measured "since last year", "since 2016", "since our last assessment", "in
our previous inspections"; and the back-reference cues that state none (a period of money, a
carried-over grade, a sentence the text cuts off)."""

from __future__ import annotations

from pathlib import Path

from peelgraph.extract import extract
from peelgraph.extract.cues import CueReading, read_cues
from peelgraph.extract.facts import Facts
from peelgraph.ingest.read import ingest

_HEAD = "Rutland PEEL 2017\n\nHMI's observations\n\n"


def _facts(tmp_path: Path, text: str) -> Facts:
    p = tmp_path / "doc.txt"
    p.write_text(_HEAD + text, encoding="utf-8")
    return extract(ingest(p))


def _refs(f: Facts) -> set[tuple[str, int | None, str]]:
    return {
        (" ".join(b.evidence.quote.split()[:3]), b.refers_to_year, b.outcome)
        for b in f.back_references
    }


def test_a_change_since_an_earlier_year_or_inspection(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "I am pleased with the progress that Rutland Police has made since last year.\n\n"
        "Since 2016 it has gained a better understanding of demand, but it needs to do more.\n\n"
        "My overall assessment is that the force’s performance has declined since last year.\n\n"
        "I am glad to note it has improved its approach to burglary since our last assessment.\n\n"
        "The force has successfully addressed the areas where we identified it could do better "
        "in our previous inspections.\n\n"
        "Following our last inspection, I was concerned that the force was slow to answer calls. "
        "I am disappointed that it hasn’t fully addressed this.\n\n"
        "I commend the force for maintaining the standard of its performance since last year.\n",
    )
    assert _refs(f) == {
        ("I am pleased", 2016, "partly-addressed"),  # progress made, no word it is complete
        ("Since 2016 it", 2016, "partly-addressed"),  # better, with a gap
        ("My overall assessment", 2016, "not-addressed"),  # performance declined
        ("I am glad", None, "addressed"),  # improved, no year
        ("The force has", None, "addressed"),
        ("Following our last", None, "not-addressed"),  # the next sentence: not fully addressed
        ("I commend the", 2016, "unclear"),  # a standard maintained leaves nothing to address
    }


def test_a_period_a_statistic_or_a_later_year_is_no_back_reference(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "It has made £20m of savings since 2011 and has invested in its control room.\n\n"
        "Recorded crime rose by four percent since last year.\n\n"
        "Since 2012 the force has improved its use of overtime.\n\n"  # before PEEL began
        "Since 2018 the inspectorate has issued one report to each force.\n",
    )
    assert f.back_references == ()


def _reading(readings: list[CueReading], text: str, needle: str) -> CueReading:
    at = (_HEAD + text).index(needle)
    return next(r for r in readings if r.cue.start == at and r.cue.kind == "back-reference")


def test_back_reference_cues_that_state_no_back_reference_are_ruled_out(tmp_path: Path) -> None:
    text = (
        "It has made £20m of savings since 2011 and has invested in its control room.\n\n"
        "In 2016, we judged the force to be good at meeting current demands.\n\n"
        "Questions for efficiency\n\n"
        "Since our 2015 inspec"
    )
    readings = read_cues(_facts(tmp_path, text))
    assert _reading(readings, text, "since 2011").rule == (
        "a period from a year, no change of the force's work said ('savings since 2011')"
    )
    assert _reading(readings, text, "In 2016, we judged").rule == (
        "an earlier grade carried over ('In 2017, we judged the force to be good')"
    )
    assert _reading(readings, text, "Since our 2015").rule == (
        "cut off by the end of the text before it says what it asks or what changed"
    )


def test_a_carried_over_grade_that_says_what_changed_stays_an_alarm(tmp_path: Path) -> None:
    text = "In 2016, we judged the force to be good at meeting demand, and it has improved since.\n"
    readings = read_cues(_facts(tmp_path, text))
    reading = _reading(readings, text, "In 2016, we judged")
    assert reading.rule is None


def test_an_earlier_finding_of_another_inspection_in_the_same_year(tmp_path: Path) -> None:
    p = tmp_path / "doc.txt"
    p.write_text(
        "PEEL: Police effectiveness 2015\n\nAn inspection of Rutland Police\n\n"
        "The force does not update victims well. This is disappointing because HMIC "
        "highlighted this as an area for improvement in an inspection of vulnerability in "
        "2015.\n\nHMICFRS will continue to monitor areas for improvement identified in "
        "previous inspections and will assess how well each force has responded.\n\n"
        "The force has made progress in addressing the areas for improvement identified in "
        "previous inspections.\n",
        encoding="utf-8",
    )
    f = extract(ingest(p))
    # A named inspection other than the round's own, earlier in the same year, raised it.
    assert [(x.type, x.quoted_from_year, x.reference_only) for x in f.findings] == [
        ("area-for-improvement", 2015, True)
    ]
    # The inspectorate's promise to monitor says nothing changed; the progress does.
    assert [(b.refers_to_year, b.evidence.quote[:12]) for b in f.back_references] == [
        (2015, "This is disa"),
        (None, "The force ha"),
    ]


def test_a_response_saying_the_force_progresses_in_response_to_the_report(tmp_path: Path) -> None:
    p = tmp_path / "response.txt"
    p.write_text(
        "PEEL: Police Effectiveness 2017 - the commissioner responds\n\nThe Police and Crime "
        "Commissioner for Wiltshire says the force is making real progress in response to the "
        "critical report by the inspectorate.\n",
        encoding="utf-8",
    )
    f = extract(ingest(p))
    assert f.info.is_response
    assert [(b.refers_to_year, b.outcome) for b in f.back_references] == [(2017, "unclear")]


def test_a_response_quoting_progress_since_an_earlier_inspection_reads_its_outcome(
    tmp_path: Path,
) -> None:
    p = tmp_path / "response.txt"
    p.write_text(
        "PEEL: Police Effectiveness 2017 - the commissioner responds\n\nThe Police and Crime "
        "Commissioner for Wiltshire welcomed the report, which says: “It has also made "
        "significant improvements since the last inspection in the way it handles missing "
        "people.”\n",
        encoding="utf-8",
    )
    f = extract(ingest(p))
    assert f.info.is_response
    # The earlier inspection is not the report the commissioner answers: its outcome is read.
    assert [(b.refers_to_year, b.outcome) for b in f.back_references] == [
        (None, "partly-addressed")
    ]


def test_a_letter_naming_an_earlier_round_at_length(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "In our 2016–17 police effectiveness, efficiency and legitimacy (PEEL) inspection, we "
        "raised a cause of concern about how the force answers calls. The force has since "
        "improved how quickly it answers them.\n",
    )
    assert [(b.refers_to_year, b.outcome) for b in f.back_references] == [(2016, "addressed")]


def test_an_earlier_round_of_a_split_year(tmp_path: Path) -> None:
    p = tmp_path / "doc.txt"
    p.write_text(
        "PEEL 2023–2025: An inspection of Rutland Police\n\nSince our 2021/22 inspection, the "
        "force has improved how it answers emergency calls, but it still misses its targets.\n",
        encoding="utf-8",
    )
    f = extract(ingest(p))
    assert [(b.refers_to_year, b.outcome) for b in f.back_references] == [
        (2021, "partly-addressed")
    ]
