"""One short invented document per form a PEEL fact takes, and the facts it must yield.

Every text here is written for the test in the shape real pages have (title
lines, grade lines, status markup, the sentences a summary or a commissioner
uses); none is copied from a real document. Adding a form to the extractor is
one pass and one case here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from peelgraph.extract import extract
from peelgraph.extract.facts import Facts
from peelgraph.ingest.read import ingest


def _facts(tmp_path: Path, text: str, name: str = "doc.txt") -> Facts:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return extract(ingest(p))


def _grades(facts: Facts) -> dict[str, tuple[str, int, str]]:
    return {j.question: (j.grade, j.last_inspected, j.reported_by) for j in facts.judgements}


# --------------------------------------------------------------------------- documents and grades


def test_2014_effectiveness_page(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Skip to content\n\nKent PEEL 2014\n\nEffectiveness\n\nHow well the force tackles crime\n\n"
        "Last updated 05/12/2014\nUngraded\n\n"
        "Kent Police is good at reducing crime and preventing offending. The force requires "
        "improvement in investigating offending. It is outstanding at tackling anti-social "
        "behaviour.\n\nKent has a long coastline and a busy port.\n",
    )
    info = f.info
    assert (info.kind, info.force, info.inspection_year, info.programme) == (
        "force-page",
        "kent",
        2014,
        "PEEL effectiveness",
    )
    assert info.last_updated == "2014-12-05"
    assert {q: g for q, (g, _, _) in _grades(f).items()} == {
        "overall": "Ungraded",
        "preventing-crime": "Good",
        "investigating-crime": "Requires improvement",
        "tackling-anti-social-behaviour": "Outstanding",
    }
    assert all(j.scheme == "peel-2014" for j in f.judgements)


def test_force_summary_page_of_the_pillars(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Essex 2015\n\nRead more about Essex\n\nThis is HMIC’s second assessment of the "
        "effectiveness, efficiency and legitimacy with which Essex Police keeps people safe.\n\n"
        "The extent to which Essex Police is effective at keeping people safe and reducing crime "
        "requires improvement.\n\nThe extent to which Essex Police is efficient at keeping people "
        "safe and reducing crime is good.\n\nThe extent to which Essex Police is legitimate at "
        "keeping people safe and reducing crime is outstanding.\n\nJo Bloggs, HM Inspector\n\n"
        "Contact Jo Bloggs\n",
    )
    assert (f.info.kind, f.info.force, f.info.inspection_year) == ("force-page", "essex", 2015)
    grades = {q: g for q, (g, _, _) in _grades(f).items()}
    assert grades == {
        "overall": "Requires improvement",
        "efficiency": "Good",
        "legitimacy": "Outstanding",
    }


def test_ordinal_assessment_and_site_banner(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Have your say on our new inspection framework: for consultation\n\n"
        "This is HMIC’s third PEEL (police effectiveness, efficiency and legitimacy) assessment "
        "of Surrey Police. It is updated throughout the year.\n\n"
        "The extent to which the force is efficient at keeping people safe and reducing crime is "
        "good.\n",
    )
    assert (f.info.force, f.info.inspection_year) == ("surrey", 2016)
    assert _grades(f)["efficiency"][0] == "Good"


def test_split_year_page_with_carried_over_grade(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Dorset PEEL 2018\n\n\nHow effectively does the force reduce crime and keep people safe?"
        "\n\nLast updated 11/11/2019\n\nDorset Police is good at reducing crime and keeping "
        "people safe.\n\nHow effective is the force at preventing crime, tackling anti-social "
        "behaviour and keeping people safe?\n\nThis question was not subject to detailed "
        "inspection in 2018/19, and our judgment from the 2017 effectiveness inspection has "
        "been carried over.\n\nOutstanding\n",
    )
    assert (f.info.inspection_year, f.info.year_label) == (2018, "2018/19")
    grades = _grades(f)
    assert grades["overall"][0] == "Good"
    assert grades["preventing-crime"][:2] == ("Outstanding", 2017)


def test_five_point_report_with_ungraded_areas(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "PEEL 2021/22 – An inspection of Cumbria Constabulary\n\nOverall summary\n\n"
        "Investigating crime\nAdequate\n\nResponding to the public\nRequires improvement\n\n"
        "We also inspected how well the constabulary meets its obligations under the strategic "
        "policing requirement. We do not make graded judgments in this area.\n",
    )
    assert (f.info.kind, f.info.force, f.info.inspection_year, f.info.year_label) == (
        "inspection-report",
        "cumbria",
        2021,
        "2021/22",
    )
    grades = {q: g for q, (g, _, _) in _grades(f).items()}
    assert grades == {
        "investigating-crime": "Adequate",
        "responding-to-the-public": "Requires improvement",
        "strategic-policing-requirement": "Ungraded",
    }


def test_adequate_is_not_a_grade_before_the_five_point_scale(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Kent PEEL 2016\n\nEffectiveness\n\nThe force is adequate at investigating crime.\n",
    )
    assert "investigating-crime" not in _grades(f)


def test_commissioner_statement_reports_grades(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Commissioner responds to inspection report\n\n3rd March 2017\n\n"
        "The Police and Crime Commissioner for Cleveland, Jane Doe, said: “I note that Cleveland "
        "Police was rated ‘good’ for its overall effectiveness.\n\n“However, I am disappointed "
        "that the report concludes the force ‘requires improvement’ when it comes to the "
        "protection of vulnerable people.”\n",
    )
    info = f.info
    assert (info.kind, info.force, info.inspection_year, info.year_basis) == (
        "commissioner-page",
        "cleveland",
        2016,  # published in March 2017, when the 2016 round's reports came out
        "inferred",
    )
    assert info.published == "2017-03-03"
    grades = _grades(f)
    assert grades["overall"] == ("Good", 2016, "commissioner")
    assert grades["protecting-vulnerable"][0] == "Requires improvement"
    disputed = {(s.question, s.grade) for s in f.stances if s.stance == "disputes"}
    assert ("protecting-vulnerable", "Requires improvement") in disputed


def test_national_press_releases_grade_each_force_named(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "PEEL: police effectiveness 2016 - force press releases\n\nPublished on: 2 March 2017\n\n"
        "Police Forces: All local forces in England and Wales\n\n"
        "Durham Constabulary's effectiveness at keeping people safe and reducing crime is "
        "outstanding\n\nHMIC judged that Durham Constabulary:\n\n"
        "  • is ‘outstanding’ at how it investigates crime and reduces re-offending;\n"
        "  • is ‘good’ at how it protects those who are vulnerable from harm; and\n"
        "  • ‘requires improvement’ in how it tackles serious and organised crime.\n\n"
        "Kent Police's effectiveness at keeping people safe and reducing crime requires "
        "improvement\n\nHMIC judged that Kent Police:\n\n"
        "  • ‘requires improvement’ in how it protects those who are vulnerable from harm.\n",
    )
    assert f.info.scope == "national"
    got = {(j.force, j.question, j.grade) for j in f.judgements}
    assert got == {
        ("durham", "overall", "Outstanding"),
        ("durham", "investigating-crime", "Outstanding"),
        ("durham", "protecting-vulnerable", "Good"),
        ("durham", "serious-organised-crime", "Requires improvement"),
        ("kent", "overall", "Requires improvement"),
        ("kent", "protecting-vulnerable", "Requires improvement"),
    }


def test_integrated_press_releases_and_what_the_inspector_said_of_each(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "PEEL: Police effectiveness, efficiency and legitimacy 2018/19 – group 2 force press "
        "releases\n\nInspectors praise Lancashire Constabulary\n\nInspectors found that "
        "Lancashire Constabulary:\n\n  • is ‘good’ at effectively reducing crime and keeping "
        "people safe;\n  • is ‘good’ at operating efficiently and providing sustainable "
        "services to the public; and\n  • is ‘outstanding’ at how it treats the public and "
        "its workforce.\n\nThe inspector said: “The constabulary is good at investigating "
        "crime.\n\nInspectors concerned about Dyfed-Powys Police\n\nInspectors found that "
        "Dyfed-Powys Police:\n\n  • ‘requires improvement’ at effectively reducing crime and "
        "keeping people safe.\n\nThe inspector said: “It requires improvement at protecting "
        "vulnerable people.\n",
    )
    assert (f.info.scope, f.info.inspection_year) == ("national", 2018)
    got = {(j.force, j.question, j.grade) for j in f.judgements}
    assert got == {
        ("lancashire", "overall", "Good"),
        ("lancashire", "efficiency", "Good"),
        ("lancashire", "legitimacy", "Outstanding"),
        ("lancashire", "investigating-crime", "Good"),
        ("dyfed-powys", "overall", "Requires improvement"),
        ("dyfed-powys", "protecting-vulnerable", "Requires improvement"),
    }


def test_a_commissioners_page_listing_the_grades_of_a_round(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Inspection reports\n\nThe Police and Crime Commissioner for Norfolk publishes the "
        "inspectorate's reports on Norfolk Constabulary here.\n\n2018/19 grades\n\n"
        "How effectively does the force reduce crime and keep people safe?Good\n"
        "How efficiently does the force operate and how sustainable are its services to the "
        "public?Outstanding\n"
        "How legitimately does the force treat the public and its workforce?Requires improvement\n",
    )
    assert (f.info.kind, f.info.force, f.info.inspection_year) == (
        "commissioner-page",
        "norfolk",
        2018,
    )
    assert f.info.year_label == "2018/19"
    assert {(j.question, j.grade) for j in f.judgements} == {
        ("overall", "Good"),
        ("efficiency", "Outstanding"),
        ("legitimacy", "Requires improvement"),
    }


def test_commissioner_named_for_the_area_and_a_force_name_with_of(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Commissioner responds\n\nPEEL 2021/22\n\nThe Police and Crime Commissioner for Surrey, "
        "Ann Example, said: “The force was graded ‘good’ at use of resources.”\n",
    )
    assert (f.info.kind, f.info.force) == ("commissioner-page", "surrey")
    assert _grades(f)["use-of-resources"][0] == "Good"
    city = _facts(
        tmp_path,
        "City of London PEEL 2014\n\nEffectiveness\n\nCity of London Police requires "
        "improvement in reducing crime and preventing offending.\n",
        "city.txt",
    )
    assert _grades(city)["preventing-crime"][0] == "Requires improvement"


def test_later_round_heading_and_a_wrapped_note(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "PEEL 2023–2025 – An inspection of Dorset Police\n\nPolice powers and public treatment\n"
        "Requires improvement\n",
    )
    assert _grades(f)["treatment-of-the-public"][0] == "Requires improvement"
    wrapped = _facts(
        tmp_path,
        "Dorset PEEL 2018\n\nHow effective is the force at investigating crime?\n\n"
        "This question was not subject to detailed inspection and our judgment from the 2017 "
        "effectiveness\ninspection has been carried over.\n\nGood\n",
        "wrapped.txt",
    )
    assert _grades(wrapped)["investigating-crime"][:2] == ("Good", 2017)


def test_inspectorate_press_release(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Improvement needed in Norfolk\n\nGet the report\n\nPEEL 2021/22 – An inspection of "
        "Norfolk Constabulary\n\nThe inspectorate graded the constabulary in ten areas.\n\n"
        "HM Inspector of Constabulary Ann Other said:\n\n“The constabulary’s service to victims "
        "of crime is inadequate.”\n",
    )
    assert (f.info.kind, f.info.force, f.info.inspection_year) == ("other", "norfolk", 2021)
    assert _grades(f)["victim-service"] == ("Inadequate", 2021, "inspectorate-press-release")


def test_press_release_lists_of_several_forces(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "PEEL: Police effectiveness, efficiency and legitimacy 2018/19 – force press releases\n\n"
        "Inspectors found that Kent Police:\n\n"
        "  • is ‘good’ at effectively reducing crime and keeping people safe;\n"
        "  • is ‘outstanding’ at operating efficiently and providing sustainable services; and\n"
        "  • ‘requires improvement’ at how legitimately it treats the public and its workforce\n\n"
        "HMICFRS judged that Surrey Police:\n\n  • is ‘inadequate’ at preventing crime;\n",
    )
    rows = {(j.force, j.question): (j.grade, j.reported_by) for j in f.judgements}
    assert rows == {
        ("kent", "overall"): ("Good", "inspectorate-press-release"),
        ("kent", "efficiency"): ("Outstanding", "inspectorate-press-release"),
        ("kent", "legitimacy"): ("Requires improvement", "inspectorate-press-release"),
        ("surrey", "preventing-crime"): ("Inadequate", "inspectorate-press-release"),
    }


def test_national_grades_table(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "This is an overview of the grades forces in England and Wales received for PEEL 2016.\n\n"
        "Force\tEffectiveness\tEfficiency\tLegitimacy\n"
        "Kent Police\tGood\tGood\tOutstanding\n"
        "Surrey Police\tRequires improvement\tGood\tGood\n",
    )
    assert (f.info.force, f.info.scope, f.info.inspection_year) == (None, "national", 2016)
    rows = {(j.force, j.question): j.grade for j in f.judgements}
    assert rows[("kent", "legitimacy")] == "Outstanding"
    assert rows[("surrey", "overall")] == "Requires improvement"
    assert len(rows) == 6


def test_panel_minutes_report_grades(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Agendas, Meetings and Minutes - Agenda item\n\nInspection Report: PEEL 2021/22 - An "
        "inspection of Northumbria Police\n\nMinutes:\n\nThe Commissioner introduced the report. "
        "The inspectorate graded the force as follows:\n\n· Preventing crime - good\n\n"
        "· Investigating crime, responding to the public - requires improvement\n\n"
        "The Panel noted the report.\n",
    )
    assert (f.info.kind, f.info.force, f.info.inspection_year) == ("other", "northumbria", 2021)
    assert _grades(f) == {
        "preventing-crime": ("Good", 2021, "police-and-crime-panel"),
        "investigating-crime": ("Requires improvement", 2021, "police-and-crime-panel"),
        "responding-to-the-public": ("Requires improvement", 2021, "police-and-crime-panel"),
    }
    older = _facts(
        tmp_path,
        "Agenda item\n\nInspection report: PEEL 2018/19 - an inspection of Durham Constabulary\n\n"
        "Minutes:\n\nThe Police and Crime Panel noted that Durham Constabulary was judged as "
        "‘outstanding’ in all three areas: effectiveness, efficiency and legitimacy.\n",
        "older.txt",
    )
    assert {q: g for q, (g, _, _) in _grades(older).items()} == {
        "overall": "Outstanding",
        "efficiency": "Outstanding",
        "legitimacy": "Outstanding",
    }


def test_index_of_several_rounds_has_no_year(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Our responses to the inspectorate are published on this page by the PCC.\n"
        "PCC Response to PEEL Efficiency 2015\nPCC Response to PEEL Legitimacy 2016\n"
        "PCC Response to PEEL Effectiveness 2017\nPCC Response to an inspection of "
        "Lincolnshire Police 2018\n",
    )
    assert (f.info.kind, f.info.force, f.info.inspection_year) == (
        "commissioner-page",
        "lincolnshire",
        None,
    )


# --------------------------------------------------------------------------- tracking pages


_NATIONAL_REC = (
    "Causes of concern\n\nHMIC found that forces apply the new vetting standard in very "
    "different ways, which leaves gaps that offenders can exploit.\n\nRecommendation 2\n\n"
    "• By March 2018, all forces should adopt the national vetting standard in full.\n\n"
)


def test_recommendation_page_that_never_names_its_force(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "404 Page not found\n\n\n"
        + _NATIONAL_REC
        + "[on]2nd March 2017 [status]awaiting-review[/status][/on][on]4th May 2018 [comment]\n\n"
        "The force inspection confirmed that the standard is now applied in full.\n\n"
        "[/comment][/on][on]4th May 2018 [status]complete[/status][/on]\n",
    )
    info = f.info
    assert (info.kind, info.force, info.scope, info.inspection_year) == (
        "recommendation-page",
        None,
        "unknown",
        2016,  # first status in March 2017: the 2016 round
    )
    assert any("never names its force" in p.message for p in f.problems)
    assert {(x.type, x.scope, x.force) for x in f.findings} == {
        ("cause-of-concern", "national", None),
        ("recommendation", "national", None),
    }
    assert [(e.date, e.status) for e in f.status_events if e.event_type == "status"] == [
        ("2017-03-02", "awaiting-review"),
        ("2018-05-04", "complete"),
    ]
    (ref,) = f.back_references
    assert (ref.refers_to_year, ref.outcome) == (2016, "addressed")


def test_national_recommendation_tracked_on_a_named_forces_page(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        _NATIONAL_REC + "[on]2nd March 2017 [status]awaiting-review[/status][/on]"
        "[on]9th April 2018 [comment]\n\nTVP has not yet fully implemented the standard "
        "(expected June 2018).\n\n[/comment][/on]\n",
    )
    assert f.info.force == "thames-valley"  # by its abbreviation
    rec = next(x for x in f.findings if x.type == "recommendation")
    assert (rec.scope, rec.tracked_for, rec.tracked) == ("national", "thames-valley", True)
    (ref,) = f.back_references
    assert ref.outcome == "partly-addressed"


def test_register_entry_of_a_thematic_report(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Keeping the peace: an inspection of public order policing (4321)\n\n"
        "Within six months, all forces should review how they train public order commanders.\n\n"
        "[on]5th May 2015 [status]awaiting-review[/status][/on][on]1st June 2016\n\n"
        "This recommendation has subsequently been inspected in a later public order "
        "inspection.\n\n[/comment][/on]\n",
    )
    info = f.info
    assert (info.kind, info.scope, info.force) == ("register-entry", "national", None)
    assert info.programme.startswith("Keeping the peace")
    assert info.inspection_year == 2015  # the year of its first status: not a PEEL round
    (rec,) = f.findings
    assert rec.scope == "national" and rec.text.startswith("Within six months")
    comment = next(e for e in f.status_events if e.event_type == "comment")
    assert comment.date == "2016-06-01"  # an entry whose opening [comment] tag was lost


def test_rendered_status_history_without_markup(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Cause of concern\n\nThe force does not understand the demand on its control room.\n\n"
        "Recommendation\n\n• The force should review its control room staffing.\n\n"
        "4th April 2018\nBeing progressed\n\n5th April 2018\nThe force has reviewed its "
        "staffing and recruited twelve call handlers.\n\nA further review is planned for the "
        "autumn.\n",
    )
    assert [(e.date, e.event_type, e.status) for e in f.status_events] == [
        ("2018-04-04", "status", "being-progressed"),
        ("2018-04-05", "comment", None),
        ("2018-04-05", "comment", None),
    ]


def test_comment_cut_off_by_the_end_of_the_text_is_kept(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Recommendation\n\n• The force should train its supervisors.\n\n"
        "[on]2nd March 2017 [status]awaiting-review[/status][/on][on]3rd April 2018 [comment]\n\n"
        "Training began in January and has reached half of the supervis",
    )
    last = f.status_events[-1]
    assert (last.event_type, last.truncated) == ("comment", True)
    assert last.comment and last.comment.endswith("supervis")


# --------------------------------------------------------------------------- back-references


def test_back_reference_forms(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Norfolk PEEL 2017\n\nEffectiveness\n\nOur overall judgment this year is the same as "
        "last year, when we judged the force to require improvement in respect of "
        "effectiveness.\n\nGood progress has been made since investigations were found to require "
        "improvement in 2015; the force now manages them well.\n\nSome improvements have been "
        "made against HMIC’s 2016 recommendations, but progress is slow.\n\nIt has made "
        "improvements since the last inspection in how it answers calls.\n",
    )
    refs = {(b.refers_to_year, b.outcome) for b in f.back_references}
    assert (2016, "not-addressed") in refs
    assert (2015, "addressed") in refs
    assert (2016, "partly-addressed") in refs
    assert any(b.refers_to_year is None for b in f.back_references)


def test_a_grade_the_same_as_last_year_refers_back(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Durham PEEL 2016\n\nEffectiveness\n\nDurham Constabulary is good at keeping people "
        "safe and reducing crime. Our overall judgment is the same as last year, when we judged "
        "the force to be good.\n",
    )
    assert [b.refers_to_year for b in f.back_references] == [2015]


def test_a_rebutted_concession_disputes_and_money_challenges_do_not(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Chief Constable's Office\nWiltshire Police\n\n12 May 2017\n\nDear Sir Thomas,\n\n"
        "PEEL: Police effectiveness 2016 - Wiltshire Police\n\nThank you for the opportunity "
        "to comment on the above report.\n\nOver the last year, despite the financial "
        "challenges, we have invested in our analytical capability.\n\nWhile our picture of "
        "the threat was not brought together in a single document at the time of the "
        "inspection, we have sound processes for identifying our threat areas.\n\nYours "
        "sincerely,\n\nJane Example\nChief Constable\n",
    )
    assert f.info.kind == "force-response"
    (stance,) = f.stances
    assert stance.stance == "disputes"
    assert stance.evidence.quote.startswith("While our picture of the threat")


def test_referenced_findings_and_response_references(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Wiltshire PEEL 2017\n\nEffectiveness\n\nThe force has addressed both causes of concern "
        "HMIC identified during last year’s inspection.\n",
    )
    (coc,) = f.findings
    assert (coc.type, coc.quoted_from_year, coc.reference_only) == ("cause-of-concern", 2016, True)
    response = _facts(
        tmp_path,
        "PEEL: Police Effectiveness 2017 - the commissioner responds\n\nThe Police and Crime "
        "Commissioner for Wiltshire said: “Work to address the issues highlighted in the "
        "report is already under way.”\n",
        "response.txt",
    )
    assert [(b.refers_to_year, b.outcome) for b in response.back_references] == [(2017, "unclear")]


def test_a_page_explaining_peel_states_no_grades_and_no_findings(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "How the inspectorate grades\n\nWe inspect all 43 police forces in England and Wales.\n"
        "The grades are:\n- Outstanding – the force exceeds what good looks like\n"
        "- Good – the force shows what good looks like\n- Inadequate – we have causes of "
        "concern\n\nIn each inspection we may raise:\n- areas for improvement;\n"
        "- causes of concern, with recommendations\n",
    )
    assert not f.judgements and not f.findings, (f.judgements, f.findings)


def test_minutes_naming_offices_but_no_force_warn_of_no_unknown_force(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Agenda item\n\nInspection reports - Report of Acting Police, Crime and Victims' "
        "Commissioner\n\nThe Panel considered the findings of Her Majesty Inspectorate of "
        "Constabulary and Fire and Rescue Services.\n",
    )
    assert f.info.force is None
    assert not any("unknown force" in p.message for p in f.problems), f.problems


# --------------------------------------------------------------------------- organisations


def test_organisations_named_as_real_pages_name_them(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Gwent PEEL 2017\n\nEffectiveness\n\nThe force shares intelligence with EMSOU and with "
        "D&C. Gwent’s Police and Crime Commissioner funds the work. Crimes are recorded under the "
        "Home Office Counting Rules. The Regional Tasking Group meets monthly; organised crime "
        "groups are mapped.\n",
    )
    orgs = {o.canonical for o in f.organisations}
    assert "East Midlands Special Operations Unit (EMSOU)" in orgs
    assert "Devon and Cornwall Police" in orgs
    assert "Gwent Police and Crime Commissioner" in orgs
    assert "Home Office" not in orgs
    programmes = {p.canonical for p in f.programmes}
    assert "Regional Tasking Group" in programmes
    assert not any("Crime Group" in p for p in programmes)


def test_a_grade_on_the_peel_page_and_the_pillar_page_is_one_judgement(tmp_path: Path) -> None:
    from peelgraph.pipeline import build
    from peelgraph.query import run_saved
    from peelgraph.store.embedded import open_store

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "peel.txt").write_text(
        "Durham 2016\n\nThe extent to which the force is effective at keeping people safe and "
        "reducing crime is good.\n\nThe extent to which the force is efficient at keeping "
        "people safe and reducing crime is good.\n\nHowever, the way it tackles serious and "
        "organised crime requires improvement.\n",
        encoding="utf-8",
    )
    (docs / "effectiveness.txt").write_text(
        "Durham PEEL 2016\n\nEffectiveness\n\nHow effective is the force at keeping people "
        "safe and reducing crime?\n\nLast updated 02/03/2017\n\nGood\n\nHowever, the way it "
        "tackles serious and organised crime requires improvement.\n",
        encoding="utf-8",
    )
    assert build([docs], tmp_path / "store").ok
    store = open_store(tmp_path / "store")
    try:
        rows = run_saved(store, "grade-trajectory", {"force": "durham"}).rows
    finally:
        store.close()
    # One row per question and year, though two pages state them; the efficiency grade is
    # the efficiency inspection's, not the effectiveness page's.
    got = sorted((str(r["questionLabel"]), str(r["gradeLabel"])) for r in rows)
    assert got == [
        ("Overall effectiveness", "Good"),
        ("Overall efficiency", "Good"),
        ("Tackling serious and organised crime", "Requires improvement"),
    ]


def test_the_questions_a_sentence_is_about() -> None:
    from peelgraph.reference.questions import classify_question, questions_named

    assert classify_question("since investigations of crime were found wanting", 2015) == (
        "investigating-crime"
    )
    assert classify_question("body-worn cameras at domestic abuse incidents", 2017) == (
        "protecting-vulnerable"
    )
    named = questions_named(
        "The force needs to improve its approach to preventing crime, its investigative "
        "standards and the protection it provides to vulnerable people.",
        2016,
    )
    assert named == {"preventing-crime", "investigating-crime", "protecting-vulnerable"}


def test_the_inspection_of_a_grade_in_years_of_one_report_per_pillar() -> None:
    from peelgraph.reference.peel import judgement_programme

    assert judgement_programme("PEEL", "serious-organised-crime", 2016) == "PEEL effectiveness"
    assert judgement_programme("PEEL effectiveness", "efficiency", 2015) == "PEEL efficiency"
    assert judgement_programme("PEEL", "overall", 2017) == "PEEL effectiveness"
    # One integrated inspection from 2018/19; other programmes keep their own.
    assert judgement_programme("PEEL", "serious-organised-crime", 2018) == "PEEL"
    assert judgement_programme("Child protection", "overall", 2016) == "Child protection"


# --------------------------------------------------------------------------- the development set

DEV = Path(__file__).resolve().parents[2] / "shared" / "gold" / "dev"
# F1 floors on the real documents of other forces and years (60 since the development
# set grew from 30, whose new half the code had never seen), as measured; raise them as
# extraction improves, never lower them.
DEV_FLOORS = {
    "documents": 0.98,
    "judgements": 0.99,
    "findings": 0.99,
    "status_events": 1.0,
    "organisations": 0.92,
    "programmes": 0.91,
    "back_references": 0.95,
    "disputes": 1.0,
}


@pytest.fixture(scope="module")
def dev_result():
    from peelgraph.evaluate.facts import evaluate

    if not (DEV / "dev_gold.json").exists():
        pytest.skip(f"no development set at {DEV}")
    return evaluate(DEV / "dev_gold.json", DEV / "docs")


@pytest.mark.parametrize("fact_type", sorted(DEV_FLOORS))
def test_development_set_floor(dev_result, fact_type: str) -> None:
    f1 = dev_result.types[fact_type].f1
    assert f1 >= DEV_FLOORS[fact_type], f"{fact_type} F1 {f1:.3f} < {DEV_FLOORS[fact_type]}"


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real" / "docs"
# The share of grade cues read (accounted for by a fact or ruled out by a named rule) on the
# 308 real documents no gold covers, as measured; raise it as extraction improves.
CORPUS_GRADE_CUES_READ = 0.95


def test_grade_cues_read_on_the_real_corpus() -> None:
    from peelgraph.evaluate.coverage import coverage
    from peelgraph.ingest.read import collect_inputs

    if not CORPUS.is_dir():
        pytest.skip(f"no corpus at {CORPUS}")
    t = coverage(collect_inputs([CORPUS])).totals()["grade"]
    read = (t["accounted"] + t["ruled_out"]) / t["cues"]
    assert read >= CORPUS_GRADE_CUES_READ, t


def test_development_set_explicit_links(dev_result) -> None:
    # What the texts say (back-references, disputes), as measured under the gold's identity
    # convention (two statements of one fact are one node: their links are not scored).
    (row,) = [r for r in dev_result.links.rows() if r.tier == "explicit"]
    assert row.precision >= 0.83 and row.recall >= 0.58, row


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real" / "docs"
# Share of each kind's cues on the 308 real documents without gold that a fact accounts for
# or a named rule rules out (issue 27's alarm: at least 90 % of finding cues). Measured:
# findings 96.9 %, back-references 97.9 %.
CORPUS_COVERAGE_FLOORS = {"finding": 0.95, "back-reference": 0.95}


@pytest.fixture(scope="module")
def corpus_totals():
    from peelgraph.evaluate.coverage import coverage

    if not CORPUS.is_dir():
        pytest.skip(f"no corpus at {CORPUS}")
    return coverage(sorted(p for p in CORPUS.iterdir() if p.is_file())).totals()


@pytest.mark.parametrize("kind", sorted(CORPUS_COVERAGE_FLOORS))
def test_corpus_coverage_floor(corpus_totals, kind: str) -> None:
    t = corpus_totals[kind]
    read = (t["accounted"] + t["ruled_out"]) / t["cues"]
    assert read >= CORPUS_COVERAGE_FLOORS[kind], f"{kind} cues read {read:.3f}: {t}"


def test_development_set_evidence_is_verbatim(dev_result) -> None:
    assert dev_result.evidence_ok == 1.0, dev_result.evidence_failed


def test_no_development_document_is_refused(tmp_path: Path) -> None:
    from peelgraph.pipeline import build

    if not (DEV / "docs").is_dir():
        pytest.skip(f"no development set at {DEV}")
    report = build([DEV / "docs"], tmp_path / "store")
    files = [p for p in (DEV / "docs").iterdir() if p.is_file()]
    assert report.ok and len(report.built) == len(files), report.failures


def test_domain_words_are_one_list(tmp_path: Path) -> None:
    """The model's literal types and the reference lists name the same tokens."""
    from typing import get_args

    from peelgraph.extract.facts import DocumentKind, FindingType, Reporter
    from peelgraph.reference.kinds import DOCUMENT_KINDS, FINDING_TYPES, REPORTER_LABELS
    from peelgraph.reference.organisations import ORG_CATEGORIES, PROGRAMME_CATEGORIES

    assert set(get_args(DocumentKind)) == set(DOCUMENT_KINDS)
    assert set(get_args(FindingType)) == set(FINDING_TYPES)
    assert set(get_args(Reporter)) == set(REPORTER_LABELS)
    f = _facts(
        tmp_path,
        "Gwent PEEL 2017\n\nEffectiveness\n\nThe force works with Newport City Council, the "
        "Crown Prosecution Service and the University of Cardiff on Operation Bluebird, and "
        "its daily management meeting reviews every case.\n",
    )
    assert f.organisations and {o.category for o in f.organisations} <= set(ORG_CATEGORIES)
    assert f.programmes and {p.category for p in f.programmes} <= set(PROGRAMME_CATEGORIES)


# --------------------------------------------------------------------------- back-references (issue 27)


def test_back_references_without_a_dated_inspection_phrase(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Rutland PEEL 2017\n\nEffectiveness\n\n"
        "Since our inspection in March 2015, the force has made steady progress in how it "
        "records crime.\n\n"
        "It has performed well this year and has made good progress since last year.\n\n"
        "I welcome the progress the force has made in addressing some of the concerns that were "
        "raised by our inspection of police cells.\n\n"
        "There has been a marked improvement in the way it handles missing people since the "
        "initial inspection; however, supervision is still inconsistent.\n\n"
        "Although some improvements have been made in response to previous recommendations by "
        "HMIC, progress in other areas has been slow.\n\n"
        "This is worrying as I set out the weaknesses in detail last year and the force has "
        "made little progress on them.\n\n"
        "The force has responded positively to the findings of last year’s PEEL assessment.\n",
    )
    refs = {
        (b.evidence.quote.split()[0:3][-1], b.refers_to_year, b.outcome) for b in f.back_references
    }
    assert refs == {
        ("inspection", 2015, "partly-addressed"),  # a month before the year
        ("performed", 2016, "partly-addressed"),  # "progress since last year"
        ("the", None, "partly-addressed"),  # concerns raised by an inspection of no year
        ("been", None, "partly-addressed"),  # "since the initial inspection", with a gap
        ("improvements", None, "partly-addressed"),  # "previous recommendations"
        ("worrying", 2016, "not-addressed"),  # the inspector's own words "last year"
        ("has", 2016, "addressed"),  # "the findings of last year's PEEL assessment"
    }


def test_a_statistic_of_the_previous_year_or_a_scope_is_no_back_reference(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Rutland PEEL 2017\n\nEffectiveness\n\nRecorded crime rose by four percent since last "
        "year.\n\nOur inspection in 2017 looked at how forces keep people safe.\n\nThe "
        "force has recommendations from other bodies too.\n",
    )
    assert f.back_references == ()


def test_a_tracking_page_reports_its_latest_state_and_a_last_entry_without_tags(
    tmp_path: Path,
) -> None:
    f = _facts(
        tmp_path,
        "404 Page not found\n\n\n"
        + _NATIONAL_REC
        + "[on]2nd March 2017 [status]awaiting-review[/status][/on][on]4th May 2018 [comment]\n\n"
        "A regional vetting unit now deals with every application from the force. Staff were "
        "briefed in April.\n\n[/comment][/on][on]7th June 2018\n\nThis area of activity has "
        "subsequently been inspected in the 2018 integrated inspections.",
    )
    comments = [(e.date, e.truncated) for e in f.status_events if e.event_type == "comment"]
    # The last entry lost both tags: its comment runs to the end of the text.
    assert comments == [("2018-05-04", False), ("2018-06-07", False)]
    (ref,) = f.back_references
    # An inspection's verdict is the strongest cue; it is in the later comment.
    assert ref.evidence.quote.startswith("This area of activity has subsequently")
    g = _facts(
        tmp_path,
        "404 Page not found\n\n\n"
        + _NATIONAL_REC
        + "[on]2nd March 2017 [status]awaiting-review[/status][/on][on]4th May 2018 [comment]\n\n"
        "A regional vetting unit now deals with every application from the force. Staff were "
        "briefed in April.\n\n[/comment][/on]\n",
        "second.txt",
    )
    (ref,) = g.back_references
    assert (ref.refers_to_year, ref.outcome) == (2016, "addressed")
    assert ref.evidence.quote.startswith("A regional vetting unit now deals")


# --------------------------------------------------------------------------- programmes and partners (issue 27)


def test_programmes_read_by_how_the_text_introduces_them(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Westshire PEEL 2018\n\nEffectiveness\n\n"
        "The force has introduced a new case review framework to focus investigations.\n\n"
        "Officers were trained as part of the new neighbourhood operating model.\n\n"
        "The constabulary has adopted the MARSH process in line with the region.\n\n"
        "Representatives now attend the monthly Northshire and Westshire Joint Harm "
        "Assessment meeting.\n\n"
        "The chief constable attended the HMICFRS Force Performance Oversight Group.\n\n"
        "An initial meeting was held with the liaison officer.\n\n"
        "Officers were adjusting to a new IT system, and the new outcomes framework gives a "
        "fuller picture.\n\n"
        "The domestic abuse conference team reviews high-risk cases.\n",
    )
    names = {(p.name, p.category) for p in f.programmes}
    assert names == {
        ("new case review framework", "programme"),
        ("new neighbourhood operating model", "programme"),
        ("MARSH process", "tool-or-model"),
        ("Northshire and Westshire Joint Harm Assessment meeting", "meeting-or-board"),
        ("HMICFRS Force Performance Oversight Group", "meeting-or-board"),
    }
    # Neither the inspectorate's own programme nor an organisation's process is one.
    g = _facts(
        tmp_path,
        "Westshire PEEL 2018\n\nThe PEEL process and the CPS process were explained.\n",
        "other.txt",
    )
    assert g.programmes == ()


def test_partner_forces_sharing_a_head_and_units_named_beside_the_class(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Kent PEEL 2017\n\nSince then Essex and Kent Police have run a joint directorate.\n\n"
        "Mapping has been transferred to the regional organised crime unit, ERSOU.\n\n"
        "The force works with Tarian, the southern Wales unit, and with Devon and Cornwall "
        "Police.\n",
    )
    orgs = {o.canonical for o in f.organisations}
    assert {"Essex Police", "Kent Police", "Devon and Cornwall Police"} <= orgs
    assert "Eastern Region Special Operations Unit (ERSOU)" in orgs
    assert "Southern Wales Regional Organised Crime Unit (TARIAN)" in orgs
    # The class named beside its unit is that unit, not the force's own region's unit.
    assert not any(o.startswith("South East") for o in orgs)
    assert not any(o.startswith(("Devon Police", "Cornwall")) for o in orgs)


def test_a_page_about_an_inspection_reports_the_response_to_it(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Northshire Police and Crime Panel\n\nMinutes of the meeting held on 6 March 2018\n\n"
        "Item 5: HMICFRS PEEL effectiveness inspection 2017 of Northshire Police\n\n"
        "The Commissioner advised that there was continued scrutiny of the force's response to "
        "the inspection findings and he was pleased with the progress made to date.\n\n"
        "The Panel noted the report.\n",
    )
    (ref,) = f.back_references
    assert ref.refers_to_year == 2017
    assert ref.evidence.quote.startswith("The Commissioner advised")
    # The inspectorate's own report saying the same names no year: it is not read so.
    g = _facts(
        tmp_path,
        "PEEL: Police effectiveness 2017\n\nAn inspection of Norfolk Constabulary\n\nThe "
        "force is improving the way it treats its workforce in response to our "
        "recommendations.\n",
        "report.txt",
    )
    assert g.back_references == ()


def test_one_sentence_referring_back_to_two_findings_gives_two_references(tmp_path: Path) -> None:
    f = _facts(
        tmp_path,
        "Rutland PEEL 2017\n\nEffectiveness\n\nThe force has improved its investigations and "
        "addressed both causes of concern HMIC identified during last year’s inspection by "
        "improving how it responds to missing children and domestic abuse.\n\n"
        "It has made improvements since the last inspection in the areas of stalking and "
        "serious organised crime, and has improved the way it prioritises investigations.\n",
    )
    refs = [(b.refers_to_year, b.topic) for b in f.back_references]
    assert refs == [
        (2016, "missing children"),
        (2016, "domestic abuse"),
        (None, "stalking"),
        (None, "serious organised crime"),
    ]
    first, second = f.back_references[:2]
    # The first keeps the sentence, the second starts at the pair's cue: two nodes.
    assert first.evidence.quote.startswith("The force has improved")
    assert second.evidence.quote.startswith("both causes of concern")
    assert first.evidence.start != second.evidence.start
    assert f.back_references[3].question == "serious-organised-crime"
    # The two causes of concern it names are two referenced findings of 2016, one each.
    cocs = [x for x in f.findings if x.type == "cause-of-concern"]
    assert [(x.quoted_from_year, x.reference_only) for x in cocs] == [(2016, True), (2016, True)]
    assert len({x.key for x in cocs}) == 2
