"""The graded questions inside the efficiency and legitimacy pillars of 2016-2019.

PEEL 2016-2017 graded three questions under efficiency (understanding demand, using
resources to manage demand, planning for future demand) and three under legitimacy
(treating the people it serves with fairness and respect, ensuring the workforce behaves
ethically and lawfully, treating the workforce with fairness and respect); 2018/19 kept the
legitimacy three and merged efficiency into "meeting current demands and using resources"
and "planning for the future". Every text is invented, in the shapes those pages take.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from peelgraph.extract import extract
from peelgraph.extract.grade_relations import area_mentions
from peelgraph.ingest.read import ingest
from peelgraph.reference.questions import classify_question


def _grades(tmp_path: Path, text: str) -> set[tuple[str, str, int]]:
    p = tmp_path / "page.txt"
    p.write_text(text, encoding="utf-8")
    f = extract(ingest(p))
    return {(j.question, j.grade, j.last_inspected) for j in f.judgements}


@pytest.mark.parametrize(
    ("phrase", "year", "areas"),
    [
        (
            "treating all of the people it serves with fairness and respect",
            2017,
            {"treatment-of-the-public"},
        ),
        (
            "ensuring that its workforce behaves ethically and lawfully",
            2016,
            {"behaving-ethically"},
        ),
        (
            "how it ensures its workforce behaves ethically and lawfully",
            2017,
            {"behaving-ethically"},
        ),
        ("treating the workforce fairly", 2018, {"treatment-of-the-workforce"}),
        (
            "some aspects of how it treats its workforce with fairness and respect",
            2017,
            {"treatment-of-the-workforce"},
        ),
        ("its understanding of demand", 2017, {"understanding-demand"}),
        (
            "how well it understands current and likely future demand",
            2017,
            {"understanding-demand"},
        ),
        ("its use of resources to manage demand", 2017, {"use-of-resources"}),
        ("meeting current demands and using resources", 2018, {"use-of-resources"}),
        # 2021/22's strategic planning and value for money area, as reports and releases word it.
        (
            "strategic planning, organisational management and value for money",
            2022,
            {"use-of-resources"},
        ),
        (
            "how the force disrupts organised crime and how it achieves value for money",
            2021,
            {"serious-organised-crime", "use-of-resources"},
        ),
        ("value for money", 2021, set()),
        # A release's short name for the pillar in a list of graded areas.
        ("Force efficiency", 2014, {"efficiency"}),
        # One verb shared by two objects: two questions.
        (
            "treating both the public and its workforce fairly",
            2018,
            {"treatment-of-the-public", "treatment-of-the-workforce"},
        ),
        # The 2018/19 pillar's own question, as a gerund, is the pillar.
        ("treating the public and its workforce", 2018, {"legitimacy"}),
        # Near misses: the 2016-2019 questions were not asked in 2014, and a demand that is
        # not the force's understanding of it is no question.
        ("its understanding of demand", 2014, set()),
        ("treating the workforce fairly", 2022, set()),
        ("the demand for custody places", 2017, set()),
    ],
)
def test_the_sub_questions_by_name(phrase: str, year: int, areas: set[str]) -> None:
    assert {m.value for m in area_mentions(phrase, year)} == areas


def test_the_question_headings() -> None:
    assert (
        classify_question(
            "To what extent does the force treat all of the people it serves with fairness "
            "and respect?",
            2018,
        )
        == "treatment-of-the-public"
    )
    assert classify_question("How well does the force understand demand?", 2017) == (
        "understanding-demand"
    )
    assert (
        classify_question(
            "How well does the force meet its current demands and use resources?", 2018
        )
        == "use-of-resources"
    )
    assert classify_question("How well is the force planning for demand in the future?", 2016) == (
        "planning-for-the-future"
    )
    # The 2018/19 pillar question stays the pillar.
    assert (
        classify_question(
            "How legitimately does the force treat the public and its workforce?", 2018
        )
        == "legitimacy"
    )


def test_a_legitimacy_summary_grades_each_question(tmp_path: Path) -> None:
    got = _grades(
        tmp_path,
        "Kent PEEL 2017\n\nLegitimacy\n\n"
        "How legitimate is the force at keeping people safe and reducing crime?\n\n"
        "Kent Police is judged to be good at how legitimately it keeps people safe and "
        "reduces crime. The force is judged to be good at treating all of the people it serves "
        "with fairness and respect and good at ensuring that its workforce behaves ethically "
        "and lawfully. However, it is judged as requiring improvement in some aspects of how it "
        "treats its workforce with fairness and respect.\n",
    )
    assert {(q, g) for q, g, _ in got} >= {
        ("treatment-of-the-public", "Good"),
        ("behaving-ethically", "Good"),
        ("treatment-of-the-workforce", "Requires improvement"),
    }


def test_an_efficiency_summary_grades_each_question(tmp_path: Path) -> None:
    got = _grades(
        tmp_path,
        "Kent PEEL 2017\n\nEfficiency\n\n"
        "Kent Police is judged to be good in the efficiency with which it keeps people safe "
        "and reduces crime. The force is judged to be outstanding in its understanding of "
        "demand; its use of resources to manage demand is assessed to be good; and its planning "
        "for future demand is judged to require improvement.\n\n"
        "Its demand for custody places is judged to be good.\n",
    )
    assert {(q, g) for q, g, _ in got} == {
        ("efficiency", "Good"),
        ("understanding-demand", "Outstanding"),
        ("use-of-resources", "Good"),
        ("planning-for-the-future", "Requires improvement"),
    }


def test_a_carried_over_pair_of_questions(tmp_path: Path) -> None:
    got = _grades(
        tmp_path,
        "Kent PEEL 2018\n\n"
        "How legitimately does the force treat the public and its workforce?\n\n"
        "Kent Police is good at behaving ethically and lawfully.\n\n"
        "In 2017, we judged Kent Police to be good at treating both the public and its "
        "workforce fairly.\n",
    )
    # "In 2017, we judged": this round's grade, last inspected in 2017.
    assert got == {
        ("behaving-ethically", "Good", 2018),
        ("treatment-of-the-public", "Good", 2017),
        ("treatment-of-the-workforce", "Good", 2017),
    }


def test_a_grade_that_continues(tmp_path: Path) -> None:
    got = _grades(
        tmp_path,
        "Kent PEEL 2017\n\nThe force continues to be good at understanding the demands for its "
        "services and planning for the future. Officers continue to be good at listening.\n",
    )
    # "continues to be" is the verb's; officers are no force.
    assert {(q, g) for q, g, _ in got} == {
        ("understanding-demand", "Good"),
        ("planning-for-the-future", "Good"),
    }
