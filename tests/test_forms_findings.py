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
