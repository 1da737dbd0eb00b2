"""Following a finding across years: back-references, disputes, links and the analyst queries."""

from __future__ import annotations

from peelgraph.query import run_saved
from peelgraph.query.trace import find_finding, trace
from tests.conftest import AVON_2015, GLOUCS_LETTER, GLOUCS_REC, GWENT_2017


def _refs(facts) -> list[tuple[int, str]]:
    return [(b.refers_to_year, b.outcome) for b in facts.back_references]


def test_gwent_2017_refers_to_its_2016_findings(facts_by_file) -> None:
    refs = facts_by_file[GWENT_2017].back_references

    def ref(prefix: str) -> tuple[int, str]:
        (b,) = [b for b in refs if b.evidence.quote.startswith(prefix)]
        return b.refers_to_year, b.outcome

    assert ref("This was an area for improvement in 2016") == (2016, "not-addressed")
    assert (
        ref("In 2016, we identified, as an area for improvement")[0] == 2016
    )  # lifetime management
    assert ref("In 2016, we recommended that the force")[0] == 2016  # the action plan with the ROCU
    assert ref("In HMICFRS' 2016 effectiveness report")[1] in {
        "addressed",
        "partly-addressed",
    }  # local profile
    assert ref("In 2016, HMICFRS also identified")[0] == 2016  # mapping organised crime groups
    assert all(year == 2016 for year, _ in _refs(facts_by_file[GWENT_2017]))


def test_avon_2015_refers_to_2014_crime_and_2015_vulnerability(facts_by_file) -> None:
    refs = facts_by_file[AVON_2015].back_references
    kinds = {(b.refers_to_year, b.refers_to_kind) for b in refs}
    assert (2014, "crime inspection") in kinds
    assert (2015, "vulnerability inspection") in kinds
    assert all(b.outcome == "not-addressed" for b in refs if b.refers_to_year == 2014)


def test_recommendation_page_refers_to_2015(facts_by_file) -> None:
    assert (2015, "not-addressed") in _refs(facts_by_file[GLOUCS_REC])


def test_letter_disputes_both_grades(facts_by_file) -> None:
    disputes = [s for s in facts_by_file[GLOUCS_LETTER].stances if s.stance == "disputes"]
    graded = {(s.question, s.grade) for s in disputes if s.target == "grade" and s.question}
    assert graded == {
        ("preventing-crime", "Requires improvement"),
        ("serious-organised-crime", "Inadequate"),
    }
    assert any(
        s.target == "area-for-improvement" and s.question == "preventing-crime" for s in disputes
    )


def test_trace_shows_the_whole_chain_in_order(built_store) -> None:
    force, question = find_finding(built_store, "does not have essential processes")
    events = [
        (e.event, e.date, e.year, e.status, e.grade)
        for e in trace(built_store, force, question).entries
    ]
    kinds = [e[0] for e in events]
    first = kinds.index("Earlier finding (referenced; its report is not in the corpus)")
    coc = kinds.index("Cause of concern")
    dispute = kinds.index("Response disputes")
    complete = next(i for i, e in enumerate(events) if e[3] == "Complete")
    grade_2018 = next(i for i, e in enumerate(events) if e[0] == "Grade" and e[2] == 2018)
    assert first < coc < dispute < complete < grade_2018
    assert kinds.count("Recommendation") == 6
    assert events[dispute][1] == "2017-05-05" and events[dispute][4] == "Inadequate"
    assert events[grade_2018][4] == "Requires improvement"
    assert any(k.startswith("Area for improvement (as a later document quotes it)") for k in kinds)
    # Later statements are marked: explicit (a fact) or proposed (a lead, with its score).
    later = [k for k in kinds if k.startswith("Later statement")]
    assert later and all(
        k.startswith(("Later statement (explicit): ", "Later statement (proposed, score "))
        for k in later
    )


def test_links_explicit_and_similarity(built_store) -> None:
    rows = run_saved(built_store, "recurring", {"force": "gloucestershire"}).rows
    methods = {str(r["linkMethod"]) for r in rows}
    assert methods == {"explicit", "similarity"}
    # The 2018 AFI on the local profile follows up the 2016 recommendation on it.
    assert any(
        str(r["laterText"]).startswith(
            "The force should further develop its serious and organised crime local profile"
        )
        and str(r["earlierText"]).startswith("produce a serious and organised crime local profile")
        for r in rows
    )


def test_analyst_queries_on_the_seeds(built_store) -> None:
    traj = run_saved(built_store, "grade-trajectory", {"force": "gwent"}).rows
    carried = {str(r["questionLabel"]): str(r["carriedOver"]) for r in traj}
    assert carried["Preventing crime and tackling anti-social behaviour"] == "true"
    assert carried["Tackling serious and organised crime"] == "false"
    disputes = run_saved(built_store, "disputes", {"force": "gloucestershire"}).rows
    soc = [
        r
        for r in disputes
        if str(r["disputedGrade"]) == "Inadequate" and r["nextGrade"] is not None
    ]
    assert soc and {(str(r["nextYear"]), str(r["nextGrade"])) for r in soc} == {
        ("2018", "Requires improvement")
    }
    open_recs = run_saved(
        built_store, "open-recommendations", {"force": "gloucestershire", "as_of_year": "2019"}
    ).rows
    assert all(
        "cause of concern to HMIC" not in str(r["text"]) for r in open_recs
    )  # it is complete
    diff = run_saved(built_store, "year-diff", {"force": "gloucestershire", "year": "2018"}).rows
    changes = {str(r["change"]) for r in diff}
    assert {"new", "raised again", "reported addressed"} <= changes
    node = str(traj[0]["judgement"])
    ev = run_saved(built_store, "evidence", {"node": node}).rows
    assert ev and str(ev[0]["file"]) == "004_c0b882532ab08302.txt"


_REC_PAGE = """Durham Constabulary recommendation

Cause of concern

It is a cause of concern to HMIC that Durham Constabulary does not have adequate arrangements to protect children who go missing from home.

Recommendation

The force should immediately take steps to:

• introduce a daily review of every missing child report by a supervisor with safeguarding training; • agree a joint protocol with the local authority for return home interviews of children who go missing; and • train all call handlers to recognise signs of child sexual exploitation in missing reports.

[on]4th May 2016 [status]awaiting-review[/status][/on][on]9th June 2017 [comment]

The force now conducts a daily review of every missing child report by a supervisor with safeguarding training, and the force still needs to agree a joint protocol with the local authority for return home interviews. Training of call handlers will begin next year.

[/comment][/on]
"""


def test_status_comment_answering_recommendations_point_by_point(tmp_path) -> None:
    from peelgraph.extract import extract
    from peelgraph.ingest.read import ingest

    p = tmp_path / "rec.txt"
    p.write_text(_REC_PAGE, encoding="utf-8")
    facts = extract(ingest(p))
    answers = {
        b.evidence.quote.split()[2]: (b.refers_to_year, b.outcome)
        for b in facts.back_references
        if b.evidence.quote.startswith(("The force", "the force"))
    }
    recs = [f for f in facts.findings if f.type == "recommendation"]
    assert len(recs) == 3
    year = recs[0].inspection_year
    assert answers == {"now": (year, "addressed"), "still": (year, "not-addressed")}
    # Each answer is quoted from the comment at its own offsets.
    for b in facts.back_references:
        assert facts.document.text[b.evidence.start : b.evidence.end] == b.evidence.quote


def test_outcome_reads_what_followed_the_reference() -> None:
    from peelgraph.extract.outcomes import outcome as _outcome

    said = "In 2019, we identified that the force had not developed a plan for its custody suites."
    assert _outcome(said, ["It now has a plan which covers every suite."]) == "addressed"
    assert (
        _outcome(said, ["It now has a plan.", "However, the plan is not always followed."])
        == "partly-addressed"
    )
    assert _outcome(said, ["The plan is still not in place."]) == "not-addressed"
    assert _outcome(said, ["Custody suites are busy at weekends."]) == "unclear"
    assert (
        _outcome("Since our 2019 inspection the force has made considerable progress.", [])
        == "partly-addressed"
    )
    assert (
        _outcome("This is disappointing because HMIC highlighted this in 2019.", [])
        == "not-addressed"
    )
