"""PEEL's vocabulary: questions, grades, grading schemes and recommendation statuses.

Questions are tokens (``preventing-crime``, ...) shared by every year, so that a
trajectory can line them up; the grading scheme of each judgement says which
questions and scale were in force (see :func:`scheme_for`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    token: str
    label: str
    patterns: tuple[str, ...]  # regexes over lower-cased wording, most specific first


# Order matters: the first question whose pattern matches wins, so the specific
# ones come before the broad "keep people safe" wording of the pillar overall.
QUESTIONS: tuple[Question, ...] = (
    Question(
        "specialist-capabilities",
        "Specialist capabilities",
        (
            r"specialist capabilit",
            r"armed policing",
            r"^(?!.*organised).*national policing responsibilit",
        ),
    ),
    Question(
        "serious-organised-crime",
        "Tackling serious and organised crime",
        (r"serious and organised crime", r"organised crime", r"\bsoc\b"),
    ),
    Question(
        "protecting-vulnerable",
        "Protecting vulnerable people and supporting victims",
        (r"vulnerab", r"protecting (?:those|people)"),
    ),
    # Before "investigating crime", whose patterns include the 2015 "managing offenders".
    Question(
        "managing-offenders",
        "Managing offenders and suspects",
        (r"managing offenders and suspects",),
    ),
    Question(
        "investigating-crime",
        "Investigating crime and reducing re-offending",
        (r"investigat\w* crime", r"re-?offending", r"managing offenders"),
    ),
    Question(
        "preventing-crime",
        "Preventing crime and tackling anti-social behaviour",
        (r"prevent\w* crime", r"anti-?social behaviour"),
    ),
    Question(
        "overall",
        "Overall effectiveness",
        (
            r"keep\w* people safe and reduc",
            r"reduc\w* crime and keep\w* people safe",
            r"^overall (?:effectiveness|judge?ment)",
        ),
    ),
    Question(
        "efficiency",
        "Overall efficiency",
        (r"^overall efficiency", r"how efficient\w* (?:is|does) the force"),
    ),
    Question(
        "legitimacy",
        "Overall legitimacy",
        (r"^overall legitimacy", r"how legitimate is the force"),
    ),
    # Integrated PEEL (2021/22 on) questions.
    Question(
        "victim-service",
        "Providing a service to the victims of crime",
        (r"service to (?:the )?victims",),
    ),
    Question(
        "treatment-of-public",
        "Treatment of the public",
        (r"treat\w* (?:of )?the public", r"treat(?:s|ing)? people fairly"),
    ),
    Question("responding-to-public", "Responding to the public", (r"respond\w* to the public",)),
    Question("workforce", "Developing a positive workplace", (r"workforce", r"positive workplace")),
    Question(
        "leadership", "Leadership and force management", (r"leadership and (?:force )?management",)
    ),
    Question("use-of-resources", "Good use of resources", (r"use of resources",)),
)

BY_TOKEN: dict[str, Question] = {q.token: q for q in QUESTIONS}


def classify_question(wording: str) -> str | None:
    """The question token a heading or label denotes, or None."""
    s = " ".join(wording.lower().replace("’", "'").split())
    for q in QUESTIONS:
        if any(re.search(p, s) for p in q.patterns):
            return q.token
    return None


GRADES: tuple[str, ...] = (
    "Outstanding",
    "Good",
    "Adequate",
    "Requires improvement",
    "Inadequate",
    "Ungraded",
)
GRADE_RE = re.compile(
    r"outstanding|good|adequate|requires? improvement|inadequate|ungraded|not graded",
    re.IGNORECASE,
)


def normalise_grade(text: str) -> str | None:
    s = " ".join(text.lower().split()).strip(" '‘’\".*")
    if s in {"require improvement", "requires improvement"}:
        return "Requires improvement"
    if s in {"not graded", "ungraded"}:
        return "Ungraded"
    for g in GRADES:
        if s == g.lower():
            return g
    return None


@dataclass(frozen=True)
class Scheme:
    id: str
    label: str
    years: tuple[int, int]
    grades: tuple[str, ...]
    comment: str
    # Effectiveness questions graded under this scheme (None: not constrained here).
    effectiveness_questions: tuple[str, ...] | None = None


FOUR_POINT = ("Outstanding", "Good", "Requires improvement", "Inadequate", "Ungraded")
SCHEMES: tuple[Scheme, ...] = (
    Scheme(
        "peel-2014",
        "PEEL 2014",
        (2014, 2014),
        FOUR_POINT,
        "First PEEL year: effectiveness questions graded, the pillar as a whole ungraded.",
    ),
    Scheme(
        "peel-2015",
        "PEEL 2015",
        (2015, 2015),
        FOUR_POINT,
        "One report per pillar; effectiveness had four graded questions.",
        (
            "overall",
            "preventing-crime",
            "investigating-crime",
            "protecting-vulnerable",
            "serious-organised-crime",
        ),
    ),
    Scheme(
        "peel-2016-2017",
        "PEEL 2016-2017",
        (2016, 2017),
        FOUR_POINT,
        "Five effectiveness questions (specialist capabilities ungraded); 2017 risk-based, "
        "some grades carried over from 2016.",
        (
            "overall",
            "preventing-crime",
            "investigating-crime",
            "protecting-vulnerable",
            "serious-organised-crime",
            "specialist-capabilities",
        ),
    ),
    Scheme(
        "peel-2018-2019",
        "PEEL 2018/19 integrated",
        (2018, 2020),
        FOUR_POINT,
        "Integrated PEEL assessment: one report per force, three pillars, ten questions.",
    ),
    Scheme(
        "peel-2021",
        "PEEL 2021/22 onwards",
        (2021, 2100),
        ("Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate", "Ungraded"),
        "Continuous assessment on a five-point scale; not directly comparable with earlier grades.",
    ),
)


def scheme_for(year: int) -> Scheme:
    for s in SCHEMES:
        if s.years[0] <= year <= s.years[1]:
            return s
    return SCHEMES[0] if year < 2014 else SCHEMES[-1]


STATUSES: tuple[str, ...] = (
    "awaiting-review",
    "being-progressed",
    "complete",
    "no-longer-relevant",
    "superseded",
    "not-started",
    "partially-complete",
)


def normalise_status(text: str) -> str:
    return re.sub(r"[^a-z]+", "-", text.strip().lower()).strip("-")
