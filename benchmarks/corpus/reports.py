"""Inspection reports: the pillar reports of 2014-2017, the integrated 2018/19 assessment,
and the five-point reports of 2021/22 and 2023/25.

A report runs to 40-80 KB of prose like the real ones: a title page, a force in
numbers block, then a section per question with its grade, back-references to
the findings of earlier years, areas for improvement and, now and then, a cause
of concern with its recommendations.
"""

from __future__ import annotations

from .common import (
    MONTHS,
    YEAR_LABELS,
    DocSpec,
    Finding,
    ForceState,
    paras,
    publication_date,
    publisher,
)
from .words import (
    AFI_BANK,
    AFI_FORMS,
    BACKREF_ADDRESSED,
    BACKREF_NOT,
    BACKREF_PARTLY,
    PILLAR_SECTIONS,
    PILLARS,
    QUESTIONS_2014,
    QUESTIONS_2015,
    UNGRADED_AREAS,
    areas_of,
)

# 2018/19: questions not re-inspected kept their 2017 grade.
CARRIED_OVER_NOTE = (
    "This question was not subject to detailed inspection in 2018/19, and our judgment from "
    "the {y} effectiveness inspection has been carried over."
)


def measure_block(st: ForceState, year: int) -> list[str]:
    rng = st.rng
    out = ["Force in numbers", ""]
    blocks = [
        ("Calls for assistance", "Calls for assistance per 1,000 population", 300, 600, ""),
        ("Recorded crime", "Recorded crime per 1,000 population", 40, 110, ""),
        ("Anti-social behaviour", "Anti-social behaviour incidents per 1,000 population", 15, 40, ""),
        ("Domestic abuse", "Domestic abuse as a percentage of all recorded crime (excluding fraud)", 7, 15, "%"),
        ("Victim satisfaction rate", "Victim satisfaction rate", 70, 90, "%"),
        ("Organised crime groups", "Organised crime groups per million population", 15, 80, ""),
    ]  # fmt: skip
    for head, label, lo, hi, unit in blocks:
        value = round(rng.uniform(lo, hi), 1)
        national = round(rng.uniform(lo, hi), 1)
        when = "as at 30 June" if "Organised" in head else "12 months to 31 March"
        out += [
            head, "", f"{label} {when} {year}", "",
            st.force.name, "", f"{value}{unit}", "",
            "England and Wales", "", f"{national}{unit}", "", "",
        ]  # fmt: skip
    return out


def new_findings(st: ForceState, question: str, year: int, pillar: str, n: int) -> list[Finding]:
    bank = AFI_BANK.get(question, AFI_BANK["preventing-crime"])
    picks = st.rng.sample(bank, k=min(n, len(bank)))
    return [Finding(question, a, o, year, pillar) for a, o in picks]


def afi_lines(st: ForceState, found: list[Finding], spec: DocSpec, head: str) -> list[str]:
    """An "Areas for improvement" heading and a bullet per finding."""
    spec.finding("area-for-improvement", n=len(found))
    rng = st.rng
    return (
        [head, ""]
        + [f"- {rng.choice(AFI_FORMS).format(a=f.action, o=f.obj)}" for f in found]
        + [""]
    )


def backrefs(st: ForceState, question: str, year: int, spec: DocSpec) -> list[str]:
    """Sentences referring back to this question's open findings; updates what stays open."""
    rng = st.rng
    lines: list[str] = []
    for f in [f for f in st.open if f.question == question and f.year < year]:
        roll = rng.random()
        bank = BACKREF_ADDRESSED if roll < 0.5 else BACKREF_PARTLY if roll < 0.75 else BACKREF_NOT
        lines += [rng.choice(bank).format(y=f.year, pillar=f.pillar, a=f.action, o=f.obj), ""]
        spec.back_references += 1
        if bank is BACKREF_ADDRESSED:
            st.open.remove(f)
    return lines


def _front(st: ForceState, title: list[str], year: int) -> list[str]:
    rng = st.rng
    _day, month, pub_year = publication_date(rng, year)
    return [
        "", *title, "", "", f"{MONTHS[month - 1]} {pub_year}", "",
        f"© {publisher(pub_year)} {pub_year}", "",
        f"ISBN: 978-1-{rng.randint(100000, 999999)}-{rng.randint(10, 99)}-{rng.randint(0, 9)}", "",
        "Contents", "",
    ]  # fmt: skip


def _cause_of_concern(
    st: ForceState, token: str, wording: str, year: int, pillar: str, spec: DocSpec
) -> tuple[list[str], Finding]:
    rng = st.rng
    subject = wording[:1].lower() + wording[1:].rstrip("?")
    coc = Finding(token, "address", f"shortcomings in {subject}", year, pillar, "cause-of-concern")
    spec.finding("cause-of-concern")
    spec.finding("recommendation", n=2)  # each bullet under the lead-in is one
    return [
        "Cause of concern", "",
        f"It is a cause of concern to {publisher(year)} that {st.force.name} does not "
        f"{coc.action} {coc.obj}.", "",
        "Recommendations", "", "The force should immediately take steps to:", "",
        f"- {coc.action} {coc.obj}; and", f"- review its plans with {rng.choice(st.partners)}.",
        "",
    ], coc  # fmt: skip


def _section(
    st: ForceState,
    token: str,
    heading: list[str],
    year: int,
    pillar: str,
    spec: DocSpec,
    *,
    afi_head: str = "Areas for improvement",
    concern: bool = False,
) -> tuple[list[str], list[Finding]]:
    """A question's section: its heading (and grade lines), prose, back-references, findings."""
    rng = st.rng
    out = [*heading, *paras(st, 8, 14, (5, 8))]
    out += backrefs(st, token, year, spec)
    if token == "serious-organised-crime":
        n = rng.randint(12, 140)
        out += [
            f"As at 30 June {year}, {st.force.name} was actively disrupting, investigating or "
            f"monitoring {n} organised crime groups (OCGs). This represents "
            f"{round(n / rng.uniform(0.6, 3.5), 1)} OCGs per one million of the population.",
            "",
        ]
    raised = new_findings(st, token, year, pillar, rng.randint(1, 3))
    out += afi_lines(st, raised, spec, afi_head)
    if concern and rng.random() < 0.12:
        lines, coc = _cause_of_concern(st, token, heading[0], year, pillar, spec)
        out += lines
        raised.append(coc)
    return out, raised


def pillar_report(
    st: ForceState, year: int, pillar: str, spec: DocSpec
) -> tuple[str, list[Finding]]:
    """A pillar report of 2014-2017: effectiveness graded by question, the others overall."""
    force = st.force
    out = _front(st, [f"PEEL: Police {pillar} {year}", "", f"An inspection of {force.name}"], year)
    token = "overall" if pillar == "effectiveness" else pillar
    if year > 2014:  # the 2014 crime inspection graded its questions, not the pillar
        grade = st.grade(year, token)
        out += ["Overall judgment", "", "", grade, "", *paras(st, 1, 1, (5, 5))]
        spec.grade(force.slug, year, token, grade)
    out += measure_block(st, year)
    raised: list[Finding] = []
    if pillar == "effectiveness":
        questions = QUESTIONS_2014 if year == 2014 else QUESTIONS_2015
        for q, (wording, _) in questions.items():
            grade = st.grade(year, q)
            spec.grade(force.slug, year, q, grade)
            lines, found = _section(
                st, q, [wording, "", "", grade, "", ""], year, pillar, spec, concern=True
            )
            out += lines
            raised += found
    else:
        for q, wording in PILLAR_SECTIONS[pillar].items():
            lines, found = _section(st, q, [wording, ""], year, pillar, spec)
            out += lines
            raised += found
    return "\n".join(out), raised


def integrated_report(st: ForceState, spec: DocSpec, carried: str) -> tuple[str, list[Finding]]:
    """The 2018/19 assessment: three pillars and their questions, one carried over from 2017."""
    force, year = st.force, 2018
    title = [
        "PEEL: Police effectiveness, efficiency and legitimacy 2018/19", "",
        f"An inspection of {force.name}",
    ]  # fmt: skip
    out = _front(st, title, year)
    raised: list[Finding] = []
    for token, (_, wording, _, _) in PILLARS.items():
        grade = st.grade(year, token)
        spec.grade(force.slug, year, token, grade)
        out += [wording, "", grade, "", *paras(st, 1, 2, (4, 6))]
        if token == "overall":
            out += measure_block(st, year)
            for q, (q_wording, _) in QUESTIONS_2015.items():
                if q == carried:
                    grade, head = (
                        st.grade(2017, q),
                        [q_wording, "", CARRIED_OVER_NOTE.format(y=2017)],
                    )
                    spec.grade(force.slug, year, q, grade, last=2017)
                else:
                    grade, head = st.grade(year, q), [q_wording]
                    spec.grade(force.slug, year, q, grade)
                lines, found = _section(st, q, [*head, "", grade, ""], year, "PEEL", spec)
                out += lines
                raised += found
        elif token == "efficiency":
            grade = st.grade(year, "planning-for-the-future")
            spec.grade(force.slug, year, "planning-for-the-future", grade)
            lines, found = _section(
                st,
                "use-of-resources",
                ["Planning for the future", "", grade, ""],
                year,
                "PEEL",
                spec,
            )
            out += lines
            raised += found
    return "\n".join(out), raised


def five_point_report(st: ForceState, year: int, spec: DocSpec) -> tuple[str, list[Finding]]:
    """A 2021/22 or 2023/25 report: areas of policing on the five-point scale, some ungraded."""
    rng, force = st.rng, st.force
    label = YEAR_LABELS[year]
    written = label.replace("/", "–") if year == 2021 else f"{year}–{year + 2}"
    title = (
        [f"PEEL {written}", "", f"An inspection of {force.name}"]
        if rng.random() < 0.5
        else [f"PEEL {written} – An inspection of {force.name}"]
    )
    out = _front(st, title, year)
    areas = areas_of(year)
    ungraded = dict(list(UNGRADED_AREAS.items())[: 2 if year == 2021 else 1])
    n = len(areas) + len(ungraded)
    out += [
        "Overall summary", "", "Our judgments", "",
        f"Our inspection assessed how good {force.name} is in {n} areas of policing. We make "
        f"graded judgments in {len(areas)} of these {n} areas.", "",
        "We also inspected " + " and ".join(ungraded.values()) + ".", "",
        "We do not make graded judgments in these areas.", "",
        "HM Inspector’s observations", "", *paras(st, 2, 3, (4, 6)),
    ]  # fmt: skip
    for q in ungraded:
        spec.grade(force.slug, year, q, "Ungraded")
    raised: list[Finding] = []
    for q, heading in areas.items():
        grade = st.grade(year, q)
        spec.grade(force.slug, year, q, grade)
        lines, found = _section(
            st, q, [heading, "", grade, ""], year, "PEEL", spec, afi_head="Areas for improvement"
        )
        out += lines
        raised += found
    return "\n".join(out), raised
