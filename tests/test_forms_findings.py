"""Findings in the forms issue 27 found on documents the code had never seen, on invented pages:
a lead-in line whose items follow after a blank line, with or without bullets; items run
together after the lead-in's colon; several lead-in groups under one heading."""

from __future__ import annotations

from pathlib import Path

from peelgraph.extract import extract
from peelgraph.extract.facts import Facts
from peelgraph.ingest.read import ingest

_HEAD = "PEEL: Police effectiveness 2016\n\nAn inspection of Norfolk Constabulary\n\n"


def _facts(tmp_path: Path, text: str) -> Facts:
    p = tmp_path / "doc.txt"
    p.write_text(_HEAD + text, encoding="utf-8")
    return extract(ingest(p))


def _recs(f: Facts) -> list[tuple[str, str | None]]:
    return [(x.text, x.lead_in) for x in f.findings if x.type == "recommendation"]


def test_a_lead_in_whose_bulleted_items_follow_after_a_blank_line(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Recommendations\n\nThe force should immediately:\n\n"
        "• ensure that call handlers assess the risk to every caller;\n\n"
        "• review how quickly officers attend calls from vulnerable people.\n\n"
        "Areas for improvement\n\nThe force should improve how it shares information.\n",
    )
    lead = "The force should immediately:"
    assert _recs(f) == [
        ("ensure that call handlers assess the risk to every caller;", lead),
        ("review how quickly officers attend calls from vulnerable people.", lead),
    ]
    assert [x.type for x in f.findings].count("area-for-improvement") == 1


def test_a_lead_in_whose_items_continue_its_sentence_without_bullets(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Recommendations\n\nThe force should immediately:\n\n"
        "ensure that call handlers assess the risk to every caller;\n\n"
        "review how quickly officers attend calls from vulnerable people; and\n\n"
        "appoint a lead for vulnerability.\n\nThe inspection took place in May.\n",
    )
    assert [t for t, _ in _recs(f)] == [
        "ensure that call handlers assess the risk to every caller;",
        "review how quickly officers attend calls from vulnerable people; and",
        "appoint a lead for vulnerability.",
    ]
    # Each item keeps its own evidence, and the paragraph after the list is not one.
    assert all(x.evidence.quote in f.document.text for x in f.findings)


def test_recommendations_run_together_and_several_lead_ins(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Cause of concern\n\nThe force's approach to missing children is weak.\n\n"
        "Recommendations\n\nTo address this cause of concern, we recommend that, within three "
        "months, the force should: ensure that every missing child is visited on return; "
        "review how repeat cases are managed; and train supervisors in safeguarding.\n\n"
        "Within six months the force should also: • publish its plan for missing children "
        "• appoint a lead officer for missing children\n",
    )
    recs = _recs(f)
    assert [t for t, _ in recs] == [
        "ensure that every missing child is visited on return;",
        "review how repeat cases are managed;",
        "train supervisors in safeguarding.",
        "publish its plan for missing children",
        "appoint a lead officer for missing children",
    ]
    assert recs[0][1] is not None and recs[0][1].endswith("the force should:")
    assert recs[-1][1] == "Within six months the force should also:"
    # Every recommendation serves the cause of concern above it.
    (coc,) = [x for x in f.findings if x.type == "cause-of-concern"]
    assert {x.parent for x in f.findings if x.type == "recommendation"} == {coc.key}


def test_one_request_after_a_colon_is_one_recommendation(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Recommendations\n\nBy March 2017, the force should do one thing: publish its plan "
        "for missing children.\n",
    )
    assert _recs(f) == [
        (
            "By March 2017, the force should do one thing: publish its plan for missing children.",
            None,
        )
    ]


def test_a_list_after_a_paragraph_that_names_its_kind(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Responding to the public\n\nWe made the following recommendations:\n\n"
        "  • The force should immediately review how it grades calls for service.\n"
        "  • Within three months, the force should train every call handler in risk.\n",
    )
    assert _recs(f) == [
        ("The force should immediately review how it grades calls for service.", None),
        ("Within three months, the force should train every call handler in risk.", None),
    ]


def test_earlier_findings_listed_by_a_later_page_with_its_remarks(tmp_path: Path) -> None:
    p = tmp_path / "doc.txt"
    p.write_text(
        "PEEL: Police efficiency 2018\n\nAn inspection of Norfolk Constabulary\n\n"
        "Norfolk Constabulary had two areas for improvement in our 2017 efficiency inspection. "
        "These were:\n\n"
        "  • The force should audit the skills of its leaders.This has been addressed.\n"
        "  • The force should plan how to answer abandoned calls. This is in progress.\n",
        encoding="utf-8",
    )
    f = extract(ingest(p))
    assert [(x.type, x.text, x.quoted_from_year) for x in f.findings] == [
        ("area-for-improvement", "The force should audit the skills of its leaders.", 2017),
        ("area-for-improvement", "The force should plan how to answer abandoned calls.", 2017),
    ]


def test_a_cause_of_concern_heading_naming_its_topic_and_its_recommendations(
    tmp_path: Path,
) -> None:
    f = _facts(
        tmp_path,
        "Cause of concern: responding to the public\n\n"
        "The force needs to answer non-emergency calls sooner\n\n"
        "Our cause of concern had two accompanying recommendations:\n\n"
        "Within three months, Norfolk Constabulary should:\n\n"
        "  • review how it staffs its control room; and\n"
        "  • publish how long callers wait.\n",
    )
    assert [(x.type, x.text, x.lead_in) for x in f.findings] == [
        ("cause-of-concern", "The force needs to answer non-emergency calls sooner", None),
        (
            "recommendation",
            "review how it staffs its control room; and",
            "Within three months, Norfolk Constabulary should:",
        ),
        (
            "recommendation",
            "publish how long callers wait.",
            "Within three months, Norfolk Constabulary should:",
        ),
    ]


def test_a_list_of_the_kinds_of_findings_or_a_summary_list_raises_none(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "During our inspections, we will identify the following kinds of recommendations:\n\n"
        "- areas for improvement;\n- causes of concern.\n\n"
        "My principal findings are as follows:\n\n"
        "• The force needs to improve how it answers calls.\n",
    )
    assert f.findings == ()


def test_numbered_finding_headings(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Cause of concern 1\n\nThe force is too slow to answer emergency calls.\n\n"
        "Area for improvement 1\n\nThe force should record why it stops people.\n\n"
        "Area for improvement 2\n\nNorfolk Constabulary should supervise investigations better.\n",
    )
    assert [(x.type, x.text) for x in f.findings] == [
        ("cause-of-concern", "The force is too slow to answer emergency calls."),
        ("area-for-improvement", "The force should record why it stops people."),
        ("area-for-improvement", "Norfolk Constabulary should supervise investigations better."),
    ]


def test_earlier_recommendations_named_by_a_change_since_their_year(tmp_path: Path) -> None:
    p = tmp_path / "doc.txt"
    p.write_text(
        "Rutland PEEL 2017\n\nHMI's observations\n\nI am pleased to see that Rutland Police "
        "has acted on our recommendations since 2016.\n",
        encoding="utf-8",
    )
    f = extract(ingest(p))
    assert [(x.type, x.quoted_from_year, x.reference_only) for x in f.findings] == [
        ("recommendation", 2016, True)
    ]
