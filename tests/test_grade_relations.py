"""Grade statements read by structure: each relation on invented text.

Every text is written for the test in a shape real pages take (a list of areas under a
grade, a sentence grading several areas, a lead-in and its items); none is copied from
a real document. A relation is a structure, so each case also has a near miss that the
relation must not read (a grade word that grades nothing, a subject that is not a force).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from peelgraph.extract import extract
from peelgraph.extract.grade_relations import (
    Binding,
    adjacent,
    area_clauses,
    area_mentions,
    grade_clauses,
    grade_headings,
    grade_mentions,
    subject_of,
)
from peelgraph.extract.text import lines
from peelgraph.ingest.document import Document
from peelgraph.ingest.read import ingest
from peelgraph.text.sentences import sentence_spans


def _doc(tmp_path: Path, text: str) -> Document:
    p = tmp_path / "doc.txt"
    p.write_text(text, encoding="utf-8")
    return ingest(p)


def _pairs(bindings: list[Binding]) -> set[tuple[str, str]]:
    return {(b.question, b.grade) for b in bindings}


def _clauses(tmp_path: Path, text: str, year: int) -> list[Binding]:
    doc = _doc(tmp_path, text)
    return list(grade_clauses(doc, sentence_spans(doc.text), year))


# --------------------------------------------------------------------------- mentions


def test_grade_vocabulary_follows_the_scheme() -> None:
    text = "It was adequate. It was good. The area was not graded."
    assert [m.value for m in grade_mentions(text, 2022)] == ["Adequate", "Good", "Ungraded"]
    # Before the five-point scale "adequate" is an ordinary word.
    assert [m.value for m in grade_mentions(text, 2016)] == ["Good", "Ungraded"]


@pytest.mark.parametrize(
    ("phrase", "year", "areas"),
    [
        (
            "preventing and investigating most types of crime",
            2018,
            {"preventing-crime", "investigating-crime"},
        ),
        ("crime prevention", 2022, {"preventing-crime"}),
        (
            "reducing crime, preventing offending and in investigating offending",
            2014,
            {"preventing-crime", "investigating-crime"},
        ),
        ("its effectiveness at investigating crime", 2016, {"investigating-crime"}),
        ("the ability of Kent Police to investigate crime", 2016, {"investigating-crime"}),
        ("vulnerability", 2016, {"protecting-vulnerable"}),
        ("crime data integrity", 2022, {"recording-data-about-crime"}),
        ("supporting victims", 2022, {"victim-service"}),
        (
            "several areas including dealing with serious and organised crime",
            2016,
            {"serious-organised-crime"},
        ),
        ("the way it investigates offending", 2014, {"investigating-crime"}),
        ("working with partners in the town centre", 2016, set()),
    ],
)
def test_area_mentions(phrase: str, year: int, areas: set[str]) -> None:
    assert {m.value for m in area_mentions(phrase, year)} == areas


# --------------------------------------------------------------------------- adjacency


def test_grade_first_items_with_their_preposition(tmp_path: Path) -> None:
    doc = _doc(
        tmp_path,
        "How the force was graded\n\n"
        "  • Good – in preventing crime and anti-social behaviour (ASB) and supporting the workforce\n"
        "  • Requires improvement – in responding to the public; investigating crime; managing "
        "offenders and crime recording\n",
    )
    got = _pairs(list(adjacent(doc, lines(doc), 2022)))
    assert got == {
        ("preventing-crime", "Good"),
        ("supporting-the-workforce", "Good"),
        ("responding-to-the-public", "Requires improvement"),
        ("investigating-crime", "Requires improvement"),
        ("managing-offenders", "Requires improvement"),
        ("recording-data-about-crime", "Requires improvement"),
    }


def test_adjacency_in_either_order(tmp_path: Path) -> None:
    doc = _doc(
        tmp_path,
        "Our grades\n\n• Preventing crime – Good\n• Inadequate: responding to the public\n"
        "Investigating crime\tRequires improvement\n"
        "Good practice: protecting vulnerable people\n"
        "Crime prevention and the town plan - good\n",
    )
    got = _pairs(list(adjacent(doc, lines(doc), 2022)))
    assert got == {
        ("preventing-crime", "Good"),
        ("responding-to-the-public", "Inadequate"),
        ("investigating-crime", "Requires improvement"),
    }


# --------------------------------------------------------------------------- grade clauses


def test_several_grades_in_one_sentence(tmp_path: Path) -> None:
    got = _clauses(
        tmp_path,
        "In general, the force is good at reducing crime and preventing offending, good at "
        "investigating offending and outstanding at tackling anti-social behaviour.\n",
        2014,
    )
    assert _pairs(got) == {
        ("preventing-crime", "Good"),
        ("investigating-crime", "Good"),
        ("tackling-anti-social-behaviour", "Outstanding"),
    }
    assert {b.subject for b in got} == {"the force"}


def test_a_turn_with_a_pronoun_and_the_way_it(tmp_path: Path) -> None:
    got = _clauses(
        tmp_path,
        "The force is good at tackling anti-social behaviour. However, it requires improvement "
        "in the way it investigates offending.\n",
        2014,
    )
    assert _pairs(got) == {
        ("tackling-anti-social-behaviour", "Good"),
        ("investigating-crime", "Requires improvement"),
    }


def test_shared_verb_and_elided_subject(tmp_path: Path) -> None:
    got = _clauses(
        tmp_path,
        "Inspectors found that Kent Police has a clear plan for its estate and is good at "
        "preventing and investigating crime.\n",
        2018,
    )
    assert _pairs(got) == {("preventing-crime", "Good"), ("investigating-crime", "Good")}
    assert {b.subject for b in got} == {"Kent Police"}


def test_reported_object_subject(tmp_path: Path) -> None:
    got = _clauses(
        tmp_path,
        "This year we judged Devon and Cornwall Police to be good in respect of the "
        "legitimacy with which it keeps people safe and reduces crime.\n",
        2016,
    )
    assert _pairs(got) == {("legitimacy", "Good")}
    assert got[0].subject == "Devon and Cornwall Police"


def test_lead_in_and_its_list(tmp_path: Path) -> None:
    got = _clauses(
        tmp_path,
        "Norfolk Constabulary was rated ‘good’ (one step below the top grade) at:\n\n"
        "  • preventing crime\n\n  • supporting the workforce\n\n"
        "It was rated ‘adequate’ at managing offenders and suspects, but ‘inadequate’ in:\n\n"
        "  • responding to the public\n  • the accuracy of its crime recording\n\n"
        "The commissioner will meet the chief constable.\n",
        2022,
    )
    assert _pairs(got) == {
        ("preventing-crime", "Good"),
        ("supporting-the-workforce", "Good"),
        ("managing-offenders", "Adequate"),
        ("responding-to-the-public", "Inadequate"),
        ("recording-data-about-crime", "Inadequate"),
    }


def test_list_items_take_the_lead_in_subject(tmp_path: Path) -> None:
    got = _clauses(
        tmp_path,
        "News\n\nInspectors found that Kent Police:\n\n"
        "  • is ‘good’ at preventing crime and tackling anti-social behaviour;\n"
        "  • ‘requires improvement’ in how it tackles serious and organised crime; and\n"
        "  • is good at working with its partners.\n\n"
        "The report highlights how the service:\n\n  • is good at investigating crime.\n",
        2016,
    )
    assert _pairs(got) == {
        ("preventing-crime", "Good"),
        ("serious-organised-crime", "Requires improvement"),
    }
    assert {b.subject for b in got} == {"Kent Police"}


def test_counted_areas_then_the_area_and_a_dashed_grade(tmp_path: Path) -> None:
    got = _clauses(
        tmp_path,
        "Inspectors found the force was ‘good’ in five areas and ‘requires improvement’ in one "
        "area – responding to the public. Kent Police was found to be Good – at crime "
        "prevention.\n",
        2022,
    )
    assert _pairs(got) == {
        ("responding-to-the-public", "Requires improvement"),
        ("preventing-crime", "Good"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Officers are good at investigating crime in the rural north.",
        "The force has a good understanding of crime prevention.",
        "This is good practice in protecting vulnerable people.",
        "Our overall judgment is the same as last year, when we judged the force to be good at "
        "preventing crime.",
        "Staff in the force are good at protecting vulnerable people.",
    ],
)
def test_grade_words_that_grade_nothing(tmp_path: Path, text: str) -> None:
    assert _clauses(tmp_path, text + "\n", 2016) == []


@pytest.mark.parametrize(
    ("pre", "subject"),
    [
        ("In terms of its effectiveness, in general, the force ", "the force"),
        ("In 2017, we judged Avon and Somerset Constabulary ", "Avon and Somerset Constabulary"),
        ("Kent Police has been ", "Kent Police"),
        (" reducing crime, and ", ""),
        ("Officers in the force ", None),
    ],
)
def test_subject_of(pre: str, subject: str | None) -> None:
    assert subject_of(pre)[0] == subject


# --------------------------------------------------------------------------- headings and area subjects


def test_grade_heading_governs_its_list(tmp_path: Path) -> None:
    doc = _doc(
        tmp_path,
        "How the force was graded\n\nRequires improvement\n\n• responding to the public\n"
        "• investigating crime\n\nGood\n\n• crime prevention\n\n"
        "Good\n\n• the new custody suite opened in May\n",
    )
    got = _pairs(list(grade_headings(doc, lines(doc), 2022)))
    assert got == {
        ("responding-to-the-public", "Requires improvement"),
        ("investigating-crime", "Requires improvement"),
        ("preventing-crime", "Good"),
    }


def test_area_as_subject(tmp_path: Path) -> None:
    doc = _doc(
        tmp_path,
        "In summary, the efficiency with which the force carries out its responsibilities is "
        "outstanding. The way it tackles serious and organised crime requires improvement. "
        "Its new building is good.\n",
    )
    got = _pairs(list(area_clauses(doc, sentence_spans(doc.text), 2014)))
    assert got == {
        ("efficiency", "Outstanding"),
        ("serious-organised-crime", "Requires improvement"),
    }


# --------------------------------------------------------------------------- whole documents


def test_commissioner_page_of_2021_grades(tmp_path: Path) -> None:
    p = tmp_path / "pcc.txt"
    p.write_text(
        "Commissioner responds to PEEL 2021/22 inspection of Suffolk Constabulary\n\n"
        "The Police and Crime Commissioner for Suffolk has responded to the inspectorate's "
        "PEEL 2021/22 report.\n\n"
        "Suffolk Constabulary was graded ‘good’ at:\n\n  • crime prevention\n\n"
        "  • treating the public with fairness and respect\n\n"
        "It was graded ‘requires improvement’ in responding to the public. Officers are good "
        "at investigating crime when the victim is known to them.\n",
        encoding="utf-8",
    )
    f = extract(ingest(p))
    assert f.info.force == "suffolk"
    grades = {(j.question, j.grade) for j in f.judgements}
    assert grades == {
        ("preventing-crime", "Good"),
        ("treatment-of-the-public", "Good"),
        ("responding-to-the-public", "Requires improvement"),
    }


def test_a_pillar_restated_by_its_other_name_is_read(tmp_path: Path) -> None:
    """A pillar's grade stated again in the lexicon's other name ("in respect of the
    efficiency with which it keeps people safe ...") is the judgement the graph holds; a
    grade of another force in the same words is not."""
    from peelgraph.extract.cues import read_cues

    p = tmp_path / "page.txt"
    p.write_text(
        "Dyfed-Powys 2016\n\n"
        "This is the inspectorate's PEEL assessment of Dyfed-Powys Police.\n\n"
        "The extent to which the force is efficient at keeping people safe and reducing "
        "crime is: good.\n\n"
        "Dyfed-Powys Police has been assessed as good in respect of the efficiency with "
        "which it keeps people safe and reduces crime.\n\n"
        "Gwent Police has been assessed as good in respect of the efficiency with which it "
        "keeps people safe and reduces crime.\n",
        encoding="utf-8",
    )
    f = extract(ingest(p))
    assert {(j.question, j.grade) for j in f.judgements} == {("efficiency", "Good")}
    unread = [f.document.text[r.cue.start - 40 : r.cue.start] for r in read_cues(f) if not r.read]
    assert len(unread) == 1 and "Gwent Police has been assessed as" in unread[0]


def test_a_conjunction_cut_off_at_the_scope_end_is_not_part_of_the_area(tmp_path: Path) -> None:
    text = (
        "The force is generally good at investigating crime and, over the past months, it has "
        "trained more detectives. Its detectives are good at investigating crime and, on the "
        "whole, they say so."
    )
    # The second grades detectives, not the force.
    got = [(b.question, b.grade, b.wording) for b in _clauses(tmp_path, text, 2016)]
    assert got == [("investigating-crime", "Good", " investigating crime")]


def test_an_elided_subject_inside_a_paragraph_is_the_first_clause_s(tmp_path: Path) -> None:
    # The sentence stands after another: its first subject is found all the same.
    text = (
        "Crime has fallen. The force works closely with councils and is good at preventing "
        "crime and anti-social behaviour. Officers work long hours and are good at "
        "investigating crime."
    )
    got = [(b.question, b.grade, b.subject) for b in _clauses(tmp_path, text, 2015)]
    assert got == [("preventing-crime", "Good", "The force")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A grade before its noun, owned by the page's force ("our") or the force ("its").
        (
            "Alongside our ‘good’ rating for crime recording, the report praised the control room.",
            {("recording-data-about-crime", "Good", "we")},
        ),
        (
            "This year the force kept its outstanding grade in crime recording.",
            {("recording-data-about-crime", "Outstanding", "it")},
        ),
        # "overall" between a grade and its scope.
        (
            "Cheshire Constabulary requires improvement overall in its effectiveness.",
            {("overall", "Requires improvement", "Cheshire Constabulary")},
        ),
        # Near misses: a grade before a noun no one owns, or a grade of another kind.
        ("Forces with a good rating for crime recording are few.", set()),
        ("A good grade in crime recording takes years of work.", set()),
        ("Officers have a good understanding of crime recording.", set()),
    ],
)
def test_owned_grade_nouns_and_overall(tmp_path: Path, text: str, expected: set) -> None:
    got = {(b.question, b.grade, b.subject) for b in _clauses(tmp_path, text, 2023)}
    assert got == expected


@pytest.mark.parametrize(
    ("phrase", "areas"),
    [
        ("how effective it is at keeping people safe and reducing crime", ["overall"]),
        (
            "how efficient Surrey Police is at reducing crime and keeping people safe",
            ["efficiency"],
        ),
        ("how legitimate the force is at keeping people safe and reducing crime", ["legitimacy"]),
        # Near miss: the question's frame around something that is no pillar.
        ("how effective it is at answering letters", []),
    ],
)
def test_a_pillar_named_by_its_question_as_a_clause(phrase: str, areas: list[str]) -> None:
    assert [m.value for m in area_mentions(phrase, 2016)] == areas


def test_an_area_judged_to_require_improvement(tmp_path: Path) -> None:
    doc = _doc(
        tmp_path,
        "Its planning for future demand is judged to require improvement. Its new estates "
        "plan is judged to require improvement. Officers are judged to require training.\n",
    )
    got = _pairs(list(area_clauses(doc, sentence_spans(doc.text), 2017)))
    assert got == {("planning-for-the-future", "Requires improvement")}


def test_counts_of_grades_are_ruled_out_not_read(tmp_path: Path) -> None:
    from peelgraph.extract.cues import read_cues

    p = tmp_path / "news.txt"
    p.write_text(
        "Commissioner welcomes PEEL 2023 report on Gwent Police\n\n"
        "The inspectorate found Gwent Police to be ‘good’ in two areas, ‘adequate’ in three "
        "and ‘requires improvement’ in the other four areas. It graded the force as ‘good’ "
        "in two out of nine areas.\n",
        encoding="utf-8",
    )
    f = extract(ingest(p))
    assert not f.judgements
    rules = [r.rule for r in read_cues(f) if r.cue.kind == "grade"]
    assert rules and all(r and "count of grades" in r for r in rules)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We have graded Kent Police as inadequate in each of the three pillars.",
            {("overall", "Inadequate"), ("efficiency", "Inadequate"), ("legitimacy", "Inadequate")},
        ),
        (
            "Inspectors rated Kent Police as good at investigating crime.",
            {("investigating-crime", "Good")},
        ),
        # Near misses: not a force after the reporting verb, pillars of forces in general,
        # and areas that are no pillars.
        ("We rated its officers as good at investigating crime.", set()),
        ("Most forces are good in all three pillars.", set()),
        ("Kent Police is good in each of its three areas.", set()),
    ],
)
def test_reported_grades_with_as_and_every_pillar(tmp_path: Path, text: str, expected: set) -> None:
    assert _pairs(_clauses(tmp_path, text, 2018)) == expected
