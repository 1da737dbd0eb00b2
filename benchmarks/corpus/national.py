"""Documents about many forces: the inspectorate's press releases of a round, its grades
table of every force, and its own press release on one force's five-point report.

Grades come from :class:`World`, so a press release and the table agree with
each force's own pages and reports.
"""

from __future__ import annotations

import random

from peelgraph.reference.forces import FORCES, Force

from .common import YEAR_LABELS, DocSpec, World, long_date, publication_date, publisher
from .statements import phrases
from .words import PILLAR_OF_TOKEN, QUESTIONS_2015, areas_of

# The 2018/19 releases named the pillars in the words of its assessment.
PILLAR_CLAUSES_2018 = {
    "overall": "effectively reducing crime and keeping people safe",
    "efficiency": "operating efficiently and providing sustainable services",
    "legitimacy": "how legitimately it treats the public and its workforce",
}


def _list_grade(grade: str, clause: str, end: str) -> str:
    """One bullet: "is 'good' at ...;", "'requires improvement' in ...; and"."""
    word = f"‘{grade.lower()}’"
    if grade == "Requires improvement":
        return f"  • {word} in {clause}{end}"
    return f"  • is {word} at {clause}{end}"


def press_releases(
    world: World, rng: random.Random, year: int, forces: list[Force], spec: DocSpec
) -> str:
    """A page of the round's press releases: for each force, "Inspectors found that X:" and
    a bullet per grade."""
    if year == 2018:
        title = (
            "PEEL: Police effectiveness, efficiency and legitimacy 2018/19 – force press releases"
        )
        clauses = PILLAR_CLAUSES_2018
    else:
        title = f"PEEL: Police effectiveness {year} – press releases for each force"
        clauses = {"overall": "keeping people safe and reducing crime"} | {
            q: phrases(q, year)[0] for q in QUESTIONS_2015
        }
    who = publisher(year + 1)
    out = [
        title, "",
        f"{who} has today published its assessment of each force in England and Wales. The "
        "release for each force follows; the full reports are on our website.", "",
    ]  # fmt: skip
    for force in forces:
        lead = rng.choice(("Inspectors found that", f"{who} judged that"))
        out += [force.name, "", f"{lead} {force.name}:", ""]
        items = list(clauses.items())
        for i, (q, clause) in enumerate(items):
            grade = world.grade(force.slug, year, q)
            spec.grade(force.slug, year, q, grade, "inspectorate-press-release")
            end = "." if i == len(items) - 1 else "; and" if i == len(items) - 2 else ";"
            out.append(_list_grade(grade, clause, end))
        out += ["", f"The full report on {force.name} is published today.", ""]
    spec.form = "inspectorate-press-releases"
    return "\n".join(out)


def grades_table(
    world: World, rng: random.Random, year: int, by_question: bool, spec: DocSpec
) -> str:
    """The grades of every force in a round: a header of pillars or questions, a row each."""
    if by_question:
        title = f"PEEL: Police effectiveness {year} – grades of each force"
        columns = {
            "overall": "Overall effectiveness",
            "preventing-crime": "Preventing crime",
            "investigating-crime": "Investigating crime",
            "protecting-vulnerable": "Protecting vulnerable people",
            "serious-organised-crime": "Serious and organised crime",
        }
    else:
        title = f"PEEL {year}: grades of each force"
        columns = {t: p.capitalize() for t, p in PILLAR_OF_TOKEN.items()}
    sep = "\t" if rng.random() < 0.6 else " | "
    out = [
        title, "",
        f"The table below sets out the grades forces in England and Wales received in PEEL "
        f"{year}. Select a force to read its assessment.", "",
        sep.join(["Force", *columns.values()]),
    ]  # fmt: skip
    for force in FORCES:
        row = [world.grade(force.slug, year, q) for q in columns]
        for q, grade in zip(columns, row, strict=True):
            spec.grade(force.slug, year, q, grade)
        out.append(sep.join([force.name, *row]))
    spec.form = "national-grades-table" + ("-questions" if by_question else "")
    return "\n".join([*out, ""])


def _sentence(force: Force, q: str, grade: str, year: int) -> str:
    phrase = phrases(q, year)[0]
    if grade == "Requires improvement":
        return f"{force.name} requires improvement in {phrase}."
    return f"{force.name} is {grade.lower()} at {phrase}."


def single_release(world: World, rng: random.Random, force: Force, year: int, spec: DocSpec) -> str:
    """The inspectorate's news release on one force's five-point report."""
    areas = [t for t in areas_of(year) if phrases(t, year)]
    named = rng.sample(areas, k=2)
    grades = {q: world.grade(force.slug, year, q) for q in named}
    hmi = world.hmi(force, year)
    date = publication_date(rng, year)
    quote = " ".join(_sentence(force, q, g, year) for q, g in grades.items())
    for q, g in grades.items():
        spec.grade(force.slug, year, q, g, "inspectorate-press-release")
    spec.form = "inspectorate-press-release"
    label = YEAR_LABELS[year].replace("/", "–")
    return "\n".join([
        f"Inspectorate publishes its assessment of {force.name}", "", "Get the report", "",
        f"PEEL {label} – An inspection of {force.name}", "", long_date(date, th=False), "",
        f"{publisher(year + 1)} has assessed how well {force.name} keeps people safe and reduces "
        "crime, grading it on a five-point scale.", "",
        f"HM Inspector of Constabulary {hmi} said:", "", f"“{quote}”", "",
        "The full report sets out the areas where the force should improve.", "",
    ])  # fmt: skip
