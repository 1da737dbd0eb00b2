"""What forces and commissioners say about a report: chief constables' letters,
commissioners' press releases and statements, and a commissioner's index page.

A statement reports the grades it names (``reported_by`` the force or the
commissioner), disputes some ("I am disappointed that ..."), and says work on
the report is under way; some state the year, others only carry a date line from
which the round is known.
"""

from __future__ import annotations

from .common import (
    MONTHS,
    YEAR_LABELS,
    DocSpec,
    ForceState,
    long_date,
    para,
    publication_date,
    publisher,
    seeded,
)
from .words import (
    CHIEF_CONSTABLE_SURNAMES,
    COMMISSIONER_NAMES,
    QUESTIONS_2014,
    QUESTIONS_2015,
    REPORTED_PHRASES,
    areas_of,
)

POOR = ("Requires improvement", "Inadequate")


def _quoted(grade: str) -> str:
    return f"‘{grade.lower()}’"


def phrases(q: str, year: int) -> tuple[str, ...]:
    """How a statement names question ``q`` of the round of ``year`` (none: it does not)."""
    if year == 2014:
        return (QUESTIONS_2014[q][1],) if q in QUESTIONS_2014 else ()
    return REPORTED_PHRASES.get(q, ())


def graded(st: ForceState, year: int) -> list[str]:
    """The questions the round of ``year`` graded afresh for the force, that statements name."""
    if year == 2014:
        found = list(QUESTIONS_2014)
    elif year >= 2021:
        found = list(areas_of(year))
    else:
        found = ["overall", *QUESTIONS_2015, "efficiency", "legitimacy"]
    # 2018/19 carried one question over from 2017: statements speak of the new grades.
    return [q for q in found if phrases(q, year) and not (year == 2018 and q == st.carried)]


def letter(st: ForceState, year: int, spec: DocSpec) -> str:
    """A chief constable's letter to the commissioner's office on the effectiveness report."""
    rng, force = st.rng, st.force
    questions = [q for q in graded(st, year) if q != "efficiency"]
    poor = [q for q in questions if st.grade(year, q) in POOR and q != "legitimacy"]
    subject = (
        f"Comments on the PEEL {YEAR_LABELS[year]} inspection"
        if year in YEAR_LABELS
        else f"Comments on the PEEL Effectiveness Inspection {year}"
    )
    if poor:
        q = rng.choice(poor)
        grade = st.grade(year, q)
        opening = (
            f"I am disappointed that we have been graded as '{grade.lower()}' for "
            f"{phrases(q, year)[0]}. I do not accept that this grade reflects the progress "
            "we have made."
        )
        spec.disputes = 1
    else:
        q = rng.choice([q for q in questions if q != "legitimacy"])
        grade = st.grade(year, q)
        opening = (
            f"I welcome the report and its finding that the force is {grade.lower()} at "
            f"{phrases(q, year)[0]}."
        )
    spec.grade(force.slug, year, q, grade, "force-response")
    day, month, y = publication_date(rng, year)
    signer = f"{rng.choice(('A.', 'J.', 'M.', 'S.'))} {rng.choice(CHIEF_CONSTABLE_SURNAMES)}"
    return "\n".join([
        "Chief Executive", f"Office of the Police and Crime Commissioner for {force.short}", "",
        f"{day} {MONTHS[month - 1]} {y}", "", "Dear Chief Executive", "", subject, "",
        opening, "", para(st, 6), "", para(st, 5), "",
        "I accept the areas for improvement in the report and we have plans to address them.", "",
        "Yours sincerely", "", signer, "Chief Constable", force.name, "",
    ])  # fmt: skip


def _reported(st: ForceState, year: int, q: str, subject: str) -> str:
    """A sentence reporting the force's grade for ``q`` as a commissioner puts it."""
    rng = st.rng
    grade = _quoted(st.grade(year, q))
    phrase = rng.choice(phrases(q, year))
    return rng.choice((
        f"{subject} was rated {grade} for {phrase}",
        f"{subject} has been graded {grade} at {phrase}",
        f"inspectors judged the force {grade} in {phrase}",
    ))  # fmt: skip


def commissioner_statement(st: ForceState, year: int, spec: DocSpec) -> str:
    """A commissioner's press release on the round's report: reported grades, perhaps a
    dispute, and the work under way."""
    rng, force = st.rng, st.force
    # Commissioners are elected for a term: the same name speaks for the force until the next.
    term = sum(year >= y for y in (2016, 2021, 2024))
    name = seeded(st.world.seed, "pcc", force.slug, term).choice(COMMISSIONER_NAMES)
    date = publication_date(rng, year)
    questions = graded(st, year)
    good = [q for q in questions if st.grade(year, q) not in POOR]
    poor = [q for q in questions if st.grade(year, q) in POOR]
    report = (
        f"PEEL {YEAR_LABELS.get(year, year)} report" if rng.random() < 0.4 else "latest PEEL report"
    )
    headline = rng.choice((
        f"Commissioner responds to {publisher(year + 1)} inspection of {force.name}",
        f"{force.short} commissioner welcomes {report}",
        f"Statement on the inspectorate’s {report}",
    ))  # fmt: skip
    head = ["Skip to content", "", "News", ""] if rng.random() < 0.4 else []
    quote = []
    for q in rng.sample(good, k=min(len(good), rng.randint(1, 2))):
        quote.append(_reported(st, year, q, force.name) + ".")
        spec.grade(force.slug, year, q, st.grade(year, q), "commissioner")
    body = [
        f"The Police and Crime Commissioner for {force.short}, {name}, said: “I am pleased "
        f"that {' '.join(quote) or 'the report recognises the work of officers and staff.'}",
        "",
    ]
    if poor:
        q = rng.choice(poor)
        grade = st.grade(year, q)
        spec.grade(force.slug, year, q, grade, "commissioner")
        phrase = rng.choice(phrases(q, year))
        if rng.random() < 0.6:
            body += [
                f"“However, I am disappointed that the report concludes the force "
                f"{_quoted(grade)} when it comes to {phrase}.”",
                "",
            ]
            spec.disputes = 1
        else:
            body += [f"“The report finds the force {_quoted(grade)} at {phrase}.”", ""]
    body += [
        "“I will hold the Chief Constable to account, and work to address the issues "
        "highlighted in the report is under way.”",
        "",
    ]
    spec.back_references = 1
    text = "\n".join([*head, headline, "", long_date(date), "", *body, para(st, 3), ""])
    spec.form = "commissioner-statement" + ("" if "PEEL 20" in text else "-dated-only")
    return text


def commissioner_index(st: ForceState, spec: DocSpec) -> str:
    """A commissioner's page listing the responses to several rounds' reports."""
    rng, force = st.rng, st.force
    years = sorted(rng.sample([2015, 2016, 2017, 2018, 2021], k=rng.randint(3, 5)))
    items = []
    for y in years:
        if y in YEAR_LABELS:
            items.append(f"PCC response to the PEEL {YEAR_LABELS[y]} report on {force.name}")
        else:
            items.append(
                f"PCC response to PEEL {rng.choice(('Effectiveness', 'Efficiency', 'Legitimacy'))} {y}"
            )
    spec.form = "commissioner-index"
    return "\n".join([
        f"Inspections of {force.name}", "",
        "His Majesty’s Inspectorate inspects the force every year. The Police and Crime "
        "Commissioner publishes a response to each of its reports on this page.", "",
        *[x for item in items for x in (item, "")],
    ])  # fmt: skip
