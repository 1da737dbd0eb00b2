"""The inspectorate's force pages, in the layout of each PEEL year.

* 2014: the effectiveness page, "X PEEL 2014", the pillar "Ungraded" under "How
  well the force tackles crime", its questions graded in prose;
* 2015-2017: the force summary page ("X 2016", "This is HMIC's third PEEL
  assessment of X", "The extent to which X is effective at keeping people safe
  and reducing crime is good") and the pillar pages (question heading, grade
  line, summary prose, areas for improvement);
* 2018/19: "X 2018/19" with the three pillar sentences and a question whose grade
  was carried over from 2017.

Site furniture sits around them as on the real site: "Skip to content", a
consultation banner, "Read more about X", "Contact <the HMI>".
"""

from __future__ import annotations

from .common import (
    DocSpec,
    ForceState,
    para,
    paras,
    publication_date,
    publisher,
    uk_numeric,
)
from .reports import CARRIED_OVER_NOTE, afi_lines, new_findings
from .words import PILLARS, QUESTIONS_2014, QUESTIONS_2015

ORDINALS = {2014: "first", 2015: "second", 2016: "third", 2017: "fourth", 2018: "fifth"}
BANNERS = (
    ("Have your say on our proposed inspection programme: for consultation",),
    (
        "Our new inspection framework: for consultation",
        "We would like your views on the areas of policing it covers.",
    ),
)


def _furniture(st: ForceState, title: str) -> list[str]:
    """The lines above a page's own content."""
    rng = st.rng
    out = ["Skip to content", ""]
    if rng.random() < 0.4:
        out += [x for line in rng.choice(BANNERS) for x in (line, "")]
    out += [title, ""]
    if rng.random() < 0.6:
        out += [f"Read more about {st.force.short}", ""]
    return out


def _signature(st: ForceState, year: int) -> list[str]:
    hmi = st.world.hmi(st.force, year)
    role = (
        "Her Majesty’s Inspector of Constabulary" if year < 2022 else "HM Inspector of Constabulary"
    )
    return [f"{hmi}, {role}", "", f"Contact {hmi}", ""]


def _prose_grade(subject: str, grade: str, phrase: str, rng_pick: float) -> str:
    """ "X is good at ...", "The force requires improvement in ...": a grade in a sentence."""
    if grade == "Requires improvement":
        return f"{subject} requires improvement {'in' if rng_pick < 0.5 else 'at'} {phrase}."
    return f"{subject} is {grade.lower()} at {phrase}."


def page_2014(st: ForceState, spec: DocSpec) -> str:
    """The 2014 effectiveness page: pillar ungraded, its questions graded in prose."""
    rng, force = st.rng, st.force
    updated = publication_date(rng, 2014)
    subjects = [force.name, "The force", "It"]
    sentences = []
    for subject, (q, (_, phrase)) in zip(subjects, QUESTIONS_2014.items(), strict=True):
        grade = st.grade(2014, q)
        sentences.append(_prose_grade(subject, grade, phrase, rng.random()))
        spec.grade(force.slug, 2014, q, grade)
    spec.grade(force.slug, 2014, "overall", "Ungraded")
    out = [
        *_furniture(st, f"{force.short} PEEL 2014"), "Effectiveness", "", "How well the force tackles crime", "",
        f"Last updated {uk_numeric(updated)}", "Ungraded", "",
        " ".join(sentences), "", *paras(st, 2, 4), "Further insights", "", *paras(st, 1, 3),
    ]  # fmt: skip
    return "\n".join([*out, *_signature(st, 2014)])


def summary_page(st: ForceState, year: int, spec: DocSpec) -> str:
    """A 2015-2017 force page: the three pillar grades in "The extent to which" sentences."""
    rng, force = st.rng, st.force
    who = publisher(year + 1)
    possessive = f"{who}’s" if who == "HMIC" else f"{who}’"
    out = _furniture(st, f"{force.short} {year}")
    out += [
        f"This is {possessive} {ORDINALS[year]} PEEL (police effectiveness, efficiency and "
        f"legitimacy) assessment of {force.name}. The assessment is updated through the year as "
        "each of our inspections reports.",
        "",
    ]
    # Before the last pillar's report came out, the page said when it would.
    present = list(PILLARS) if rng.random() < 0.8 else list(PILLARS)[:2]
    subject = "the force" if rng.random() < 0.5 else force.name
    for token in present:
        grade = st.grade(year, token)
        tail = "requires improvement" if grade == "Requires improvement" else f"is {grade.lower()}"
        if rng.random() < 0.3:
            tail = f"is {grade.lower()}"  # the page's template wrote "is requires improvement"
        out += [
            f"The extent to which {subject} is {PILLARS[token][2]} at keeping people safe and "
            f"reducing crime {tail}.",
            "",
        ]
        spec.grade(force.slug, year, token, grade)
    if len(present) < 3:
        out += [f"Our legitimacy assessment will be published later in {year + 1}.", ""]
    out += [*_signature(st, year), "HMI’s observations", "", *paras(st, 2, 4)]
    return "\n".join(out)


def pillar_page(st: ForceState, year: int, pillar: str, spec: DocSpec) -> str:
    """A 2015-2017 pillar page: the pillar's grade, then (effectiveness) each question's
    grade, summary and areas for improvement."""
    rng, force = st.rng, st.force
    label = pillar.capitalize()
    token = "overall" if pillar == "effectiveness" else pillar
    grade = st.grade(year, token)
    spec.grade(force.slug, year, token, grade)
    updated = publication_date(rng, year)
    out = [
        *_furniture(st, f"{force.short} PEEL {year}"), label, "", PILLARS[token][0], "", f"Last updated {uk_numeric(updated)}", grade, "",
        para(st, 6), "",
    ]  # fmt: skip
    if pillar != "effectiveness":
        return "\n".join([*out, *paras(st, 1, 3)])
    out += [f"Questions for {label}", ""]
    for i, (q, (wording, _)) in enumerate(QUESTIONS_2015.items(), 1):
        grade = st.grade(year, q)
        spec.grade(force.slug, year, q, grade)
        out += [str(i), "", wording, "", grade, "", *paras(st, 1, 3)]
        if rng.random() < 0.6:
            found = new_findings(st, q, year, pillar, rng.randint(1, 2))
            out += afi_lines(st, found, spec, "Areas for improvement")
    return "\n".join(out)


def page_2018(st: ForceState, spec: DocSpec, carried: str) -> str:
    """The 2018/19 page: pillar sentences, then the effectiveness detail with the question
    whose grade was carried over from 2017."""
    rng, force = st.rng, st.force
    title = f"{force.short} 2018/19" if rng.random() < 0.6 else f"{force.short} PEEL 2018"
    out = _furniture(st, title)
    sentences = {
        "overall": "is effective at reducing crime and keeping people safe",
        "efficiency": "operates efficiently and sustainably",
        "legitimacy": "treats the public and its workforce legitimately",
    }
    for token, how in sentences.items():
        grade = st.grade(2018, token)
        spec.grade(force.slug, 2018, token, grade)
        out += [f"The extent to which the force {how} is {grade.lower()}.", ""]
    out += [*_signature(st, 2018), "HMI’s observations", "", *paras(st, 1, 2)]
    updated = publication_date(rng, 2018)
    out += [
        "Effectiveness", "", PILLARS["overall"][1], "", f"Last updated {uk_numeric(updated)}",
        "", para(st, 5), "",
    ]  # fmt: skip
    wording = QUESTIONS_2015[carried][0]
    grade = st.grade(2017, carried)
    spec.grade(force.slug, 2018, carried, grade, last=2017)
    out += [wording, "", CARRIED_OVER_NOTE.format(y=2017), "", grade, "", *paras(st, 1, 2)]
    return "\n".join(out)
