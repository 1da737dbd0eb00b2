"""PEEL's vocabulary: questions, grades, grading schemes, rounds and statuses.

Questions are tokens (``preventing-crime``, ...) shared by every year, so that a
trajectory can line them up; the grading scheme of each judgement says which
questions and scale were in force (see :func:`scheme_for`). Everything an
extractor needs to know about one PEEL year (its wording of each question, its
grade words, when its reports came out, how the inspectorate counted it) lives
here, so that a new year is a table entry, not a new rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GRADES: tuple[str, ...] = (
    "Outstanding",
    "Good",
    "Adequate",
    "Requires improvement",
    "Inadequate",
    "Ungraded",
)
GRADE_RE = re.compile(
    r"outstanding|good|adequate|requires? improvement|requiring improvement|inadequate|ungraded|"
    r"not graded",
    re.IGNORECASE,
)


def normalise_grade(text: str) -> str | None:
    s = " ".join(text.lower().split()).strip(" '‘’\"“”.*")
    if s in {"require improvement", "requires improvement", "requiring improvement"}:
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
        ("overall", "preventing-crime", "investigating-crime", "tackling-anti-social-behaviour"),
    ),
    Scheme(
        "peel-2015",
        "PEEL 2015",
        (2015, 2015),
        FOUR_POINT,
        "One report per pillar; effectiveness had four graded questions; leadership narrative.",
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


_PILLAR_GRADES = {"efficiency": "efficiency", "legitimacy": "legitimacy"}


def judgement_programme(programme: str, question: str, year: int) -> str:
    """The programme of the inspection a grade belongs to.

    In the years of one report per pillar (a scheme that lists its effectiveness
    questions, 2014-2017), a grade belongs to its pillar's inspection whichever page
    states it: a force's PEEL page and its effectiveness page give one judgement of
    serious and organised crime, not two, and the efficiency grade printed beside the
    effectiveness questions is the efficiency inspection's. Other years, and other
    programmes, keep the document's.
    """
    scheme = scheme_for(year)
    if not programme.startswith("PEEL") or scheme.effectiveness_questions is None:
        return programme
    if question in _PILLAR_GRADES:
        return f"PEEL {_PILLAR_GRADES[question]}"
    if question in scheme.effectiveness_questions:
        return "PEEL effectiveness"
    return programme


@dataclass(frozen=True)
class Round:
    """One round of PEEL: its first year, how it is written, and when its reports came out.

    ``ordinal`` is how the inspectorate's force pages counted it ("HMIC's third
    PEEL assessment"); ``published`` the months (``YYYY-MM``, inclusive) in
    which its force reports and the first status entries of its
    recommendations appeared, so a dated page that names no year can still be
    placed in its round.
    """

    year: int
    label: str
    ordinal: int | None
    published: tuple[str, str]
    # What the inspectorate called the round itself, as patterns (its site's title
    # for the 2018/19 pages: "Integrated PEEL Assessments").
    names: tuple[str, ...] = ()


ROUNDS: tuple[Round, ...] = (
    Round(2014, "2014", 1, ("2014-11", "2015-06")),
    Round(2015, "2015", 2, ("2015-10", "2016-06")),
    Round(2016, "2016", 3, ("2016-10", "2017-06")),
    Round(2017, "2017", 4, ("2017-10", "2018-06")),
    Round(2018, "2018/19", 5, ("2019-01", "2020-12"), (r"integrated\s+PEEL\s+assessments?\b",)),
    Round(2021, "2021/22", None, ("2021-07", "2023-07")),
    Round(2023, "2023/25", None, ("2023-08", "2025-12")),
)
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}


def round_of_year(year: int) -> Round | None:
    return next((r for r in ROUNDS if r.year == year), None)


def round_published(date: str) -> Round | None:
    """The round whose reports were coming out at ``date`` (ISO date or month)."""
    month = date[:7]
    return next((r for r in ROUNDS if r.published[0] <= month <= r.published[1]), None)


def round_of_calendar_year(year: int) -> Round | None:
    """The round whose inspections ran in ``year``: the last to begin by then (2019 is
    2018/19's second year, 2024 2023/25's)."""
    begun = [r for r in ROUNDS if r.year <= year]
    return begun[-1] if begun else None


def round_by_ordinal(n: int) -> Round | None:
    return next((r for r in ROUNDS if r.ordinal == n), None)


def year_label(year: int) -> str | None:
    """The split-year label of a round ("2018/19"), or None for a calendar-year round."""
    r = round_of_year(year)
    return r.label if r is not None and "/" in r.label else None


STATUSES: tuple[str, ...] = (
    "awaiting-review",
    "being-progressed",
    "complete",
    "no-longer-relevant",
    "no-further-action-needed",
    "superseded",
    "not-started",
    "partially-complete",
)
STATUS_WORDS_RE = re.compile(
    r"awaiting[ -]review|being[ -]progressed|complete|no[ -]longer[ -]relevant|"
    r"no[ -]further[ -]action(?:[ -]needed)?|superseded|not[ -]started|partially[ -]complete",
    re.IGNORECASE,
)


def normalise_status(text: str) -> str:
    return re.sub(r"[^a-z]+", "-", text.strip().lower()).strip("-")
