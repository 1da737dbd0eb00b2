"""Each extractor on each seed (and on a seed turned into a PDF)."""

from __future__ import annotations

from pathlib import Path

import pytest

from peelgraph.evaluate.testing import make_pdf
from peelgraph.extract import extract
from peelgraph.extract.status import parse_status_markup
from peelgraph.ingest.read import ingest
from tests.conftest import (
    AVON_2015,
    GLOUCS_LETTER,
    GLOUCS_PAGE,
    GLOUCS_REC,
    GWENT_2017,
    SEED_FILES,
)

EXPECTED_INFO = {
    GLOUCS_PAGE: ("force-page", "gloucestershire", 2018, "PEEL effectiveness"),
    GLOUCS_REC: ("recommendation-page", "gloucestershire", 2016, "PEEL effectiveness"),
    GLOUCS_LETTER: ("force-response", "gloucestershire", 2016, "PEEL effectiveness"),
    AVON_2015: ("inspection-report", "avon-and-somerset", 2015, "PEEL effectiveness"),
    GWENT_2017: ("inspection-report", "gwent", 2017, "PEEL effectiveness"),
}


@pytest.mark.parametrize("name", SEED_FILES)
def test_document_facts(facts_by_file, name: str) -> None:
    info = facts_by_file[name].info
    assert (info.kind, info.force, info.inspection_year, info.programme) == EXPECTED_INFO[name]


def test_dates_and_letter_parties(facts_by_file) -> None:
    assert facts_by_file[GLOUCS_PAGE].info.last_updated == "2019-05-02"
    assert facts_by_file[AVON_2015].info.published == "2016-02"
    assert facts_by_file[GWENT_2017].info.published == "2018-03"
    letter = facts_by_file[GLOUCS_LETTER].info
    assert letter.published == "2017-05-05"
    assert letter.year_basis == "inferred"
    assert (letter.author, letter.addressee) == ("Rod Hansen", "Paul Trott")
    assert letter.author_role and "Chief Constable" in letter.author_role
    assert facts_by_file[GLOUCS_REC].info.url.endswith("/recommendation/gloucestershire/8786/")


def _grades(facts) -> dict[str, tuple[str, int]]:
    return {j.question: (j.grade, j.last_inspected) for j in facts.judgements}


def test_judgements_force_page(facts_by_file) -> None:
    assert _grades(facts_by_file[GLOUCS_PAGE]) == {
        "overall": ("Good", 2018),
        "preventing-crime": ("Good", 2018),
        "investigating-crime": ("Good", 2018),
        "protecting-vulnerable": ("Good", 2018),
        "serious-organised-crime": ("Requires improvement", 2018),
        "specialist-capabilities": ("Ungraded", 2018),
    }


def test_judgements_report_2015_has_no_specialist_question(facts_by_file) -> None:
    grades = _grades(facts_by_file[AVON_2015])
    assert grades == {
        "overall": ("Requires improvement", 2015),
        "preventing-crime": ("Good", 2015),
        "investigating-crime": ("Requires improvement", 2015),
        "protecting-vulnerable": ("Requires improvement", 2015),
        "serious-organised-crime": ("Good", 2015),
    }
    assert {j.scheme for j in facts_by_file[AVON_2015].judgements} == {"peel-2015"}


def test_judgements_table_with_carried_over_grades(facts_by_file) -> None:
    grades = _grades(facts_by_file[GWENT_2017])
    assert grades["preventing-crime"] == ("Good", 2016)
    assert grades["investigating-crime"] == ("Good", 2016)
    assert grades["protecting-vulnerable"] == ("Requires improvement", 2017)
    assert grades["serious-organised-crime"] == ("Requires improvement", 2017)
    assert grades["specialist-capabilities"] == ("Ungraded", 2017)
    assert grades["overall"] == ("Requires improvement", 2017)


def test_judgements_reported_by_a_letter(facts_by_file) -> None:
    js = facts_by_file[GLOUCS_LETTER].judgements
    assert {(j.question, j.grade) for j in js} == {
        ("preventing-crime", "Requires improvement"),
        ("serious-organised-crime", "Inadequate"),
    }
    assert {j.reported_by for j in js} == {"force-response"}


def _findings(facts, **match):
    return [f for f in facts.findings if all(getattr(f, k) == v for k, v in match.items())]


def test_findings_force_page(facts_by_file) -> None:
    fx = facts_by_file[GLOUCS_PAGE]
    afis = _findings(fx, type="area-for-improvement", quoted_from_year=None)
    assert [f.question for f in afis] == [
        "investigating-crime",
        "protecting-vulnerable",
        "serious-organised-crime",
        "serious-organised-crime",
    ]
    assert afis[0].text.startswith("The force should ensure regular and active supervision")
    quoted = _findings(fx, quoted_from_year=2017, reference_only=False)
    assert len(quoted) == 3
    # "In our 2017 effectiveness report we said this was an area for improvement": named only.
    (named,) = _findings(fx, quoted_from_year=2017, reference_only=True)
    assert named.type == "area-for-improvement"
    assert {f.question for f in quoted} == {
        "investigating-crime",
        "protecting-vulnerable",
        "serious-organised-crime",
    }
    prose = _findings(fx, type="recommendation")
    assert prose and prose[0].text.startswith("We recommend that the force reviews")


def test_findings_recommendation_page(facts_by_file) -> None:
    fx = facts_by_file[GLOUCS_REC]
    (coc,) = _findings(fx, type="cause-of-concern")
    assert coc.text.endswith("yet little has been done to address them.")
    assert coc.question == "serious-organised-crime" and coc.tracked
    recs = _findings(fx, type="recommendation")
    assert len(recs) == 6
    assert all(
        r.parent == coc.key and r.lead_in == "The force should immediately take steps to:"
        for r in recs
    )
    assert all(r.question == "serious-organised-crime" for r in recs)
    assert recs[0].text.startswith("implement a structured process")
    assert recs[-1].text.startswith("enhance its approach to the 'lifetime management'")
    (afi,) = _findings(fx, type="area-for-improvement")
    assert afi.quoted_from_year == 2017 and afi.inspection_year == 2017


def test_findings_reports(facts_by_file) -> None:
    avon = _findings(facts_by_file[AVON_2015], type="area-for-improvement", quoted_from_year=None)
    assert len(avon) == 5 and {f.question for f in avon} == {"investigating-crime"}
    # The 2015 vulnerability inspection's AFI the report names ("highlighted this as an area
    # for improvement in an inspection of vulnerability in 2015"): its own year, another
    # inspection, no wording of its own.
    (earlier,) = _findings(
        facts_by_file[AVON_2015], type="area-for-improvement", quoted_from_year=2015
    )
    assert earlier.reference_only
    gwent = facts_by_file[GWENT_2017]
    current = _findings(gwent, type="area-for-improvement", quoted_from_year=None)
    assert len(current) == 6
    multi = next(f for f in current if f.sub_items)
    assert len(multi.sub_items) == 4
    assert multi.text.startswith("The force should improve its overall approach to safeguarding")
    assert multi.sub_items[-1].startswith("implementing a process to obtain feedback")
    earlier = _findings(gwent, quoted_from_year=2016)
    assert {f.type for f in earlier} == {"area-for-improvement", "recommendation"}


def test_no_findings_in_a_letter_without_structure(facts_by_file) -> None:
    assert not _findings(facts_by_file[GLOUCS_LETTER], quoted_from_year=None)


def test_status_history(facts_by_file) -> None:
    events = facts_by_file[GLOUCS_REC].status_events
    assert [(e.date, e.event_type, e.status) for e in events] == [
        ("2017-03-02", "status", "awaiting-review"),
        ("2018-04-06", "status", "being-progressed"),
        ("2018-04-06", "comment", None),
        ("2018-04-26", "comment", None),
        ("2018-05-03", "status", "complete"),
    ]
    assert events[2].comment.startswith(
        "This was assessed as part of the 2017 effectiveness inspection"
    )
    for name in SEED_FILES:
        if name != GLOUCS_REC:
            assert facts_by_file[name].status_events == ()


def test_malformed_status_markup_is_reported_not_invented(tmp_path: Path) -> None:
    p = tmp_path / "rec.txt"
    p.write_text(
        "Gwent Police recommendation\n[on]31st February 2017 [status]complete[/status][/on]"
        "[on]2nd March 2099 [status]complete[/status][/on][on]3rd March 2017 [comment] unclosed",
        encoding="utf-8",
    )
    events, problems = parse_status_markup(ingest(p))
    assert [e.date for e in events] == ["2017-03-03"]
    assert events[0].truncated  # cut off by the end of the text: kept, and marked
    messages = " | ".join(x.message for x in problems)
    assert "impossible date" in messages and "future" in messages and "unclosed" in messages


@pytest.mark.parametrize("name", SEED_FILES)
def test_every_quote_is_verbatim_at_its_offsets(facts_by_file, name: str) -> None:
    fx = facts_by_file[name]
    evs = [fx.info.evidence] + [
        x.evidence for x in (*fx.judgements, *fx.findings, *fx.status_events)
    ]
    for ev in evs:
        assert fx.document.text[ev.start : ev.end] == ev.quote
        assert ev.quote.strip()


def test_extraction_from_a_seed_turned_into_pdf(seeds: Path, tmp_path: Path) -> None:
    text = (seeds / GWENT_2017).read_text(encoding="utf-8")
    lines = text.split("\n")
    pdf = tmp_path / "gwent.pdf"
    page_of = make_pdf(pdf, text)
    from_pdf = extract(ingest(pdf))
    from_txt = extract(ingest(seeds / GWENT_2017))
    assert (from_pdf.info.kind, from_pdf.info.force, from_pdf.info.inspection_year) == (
        "inspection-report",
        "gwent",
        2017,
    )
    assert _grades(from_pdf) == _grades(from_txt)
    assert [f.text for f in from_pdf.findings] == [f.text for f in from_txt.findings]
    for f in from_pdf.findings:
        assert f.evidence.page is not None and 1 <= f.evidence.page <= max(page_of)
    # The 2017 table row sits on the page the text put it on.
    row = next(j for j in from_pdf.judgements if j.question == "preventing-crime")
    line_no = next(
        i for i, ln in enumerate(lines) if ln.startswith("Preventing crime and tackling")
    )
    assert row.evidence.page == page_of[line_no]
