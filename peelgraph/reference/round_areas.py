"""What PEEL assessed in which round, for pages that never name their round: the areas
only one round of the five-point scale graded, how a page shows that scale, and the areas
a round assessed for the first time.

From 2021/22 PEEL grades areas of policing on five points, and 2023-25 kept the
scale but renamed and regrouped some areas: a statement that never says which
of the two rounds it speaks of still tells by the areas it grades. Only names
that one round's published list of graded areas used, and the other's did not,
are listed; names both rounds used ("preventing crime", "developing a positive
workplace", which 2021/22 adopted in its later reports) tell nothing and are
left out, as are loose names a page might use of either ("treatment of the
public").
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class RoundAreas:
    year: int  # the round's first year (peel.ROUNDS)
    names: tuple[str, ...]  # patterns, matched case-insensitively
    source: str


ROUND_AREAS: tuple[RoundAreas, ...] = (
    RoundAreas(
        2021,
        (
            r"engaging\s+(?:with\s+)?and\s+treating\s+the\s+public",
            r"(?:good\s+)?use\s+of\s+resources",
            r"strategic\s+planning",
            r"(?:building,?\s+)?supporting\s+(?:and\s+protecting\s+)?(?:the|its)\s+workforce",
        ),
        "PEEL 2021/22 assessment framework: the published list of graded areas (2023-25 "
        "folded use of resources and strategic planning into leadership and force management)",
    ),
    RoundAreas(
        2023,
        (
            r"police\s+powers\s+and\s+public\s+treatment",
            r"leadership\s+and\s+force\s+management",
        ),
        "PEEL 2023-25 assessment framework: the published list of graded areas",
    ),
)

# The areas PEEL first assessed in a given round, as the inspectorate's pages of that round
# say ("This year, for the first time, we have assessed leadership across the force").
FIRST_ASSESSED: tuple[tuple[str, int, str], ...] = (
    (
        r"leadership",
        2015,
        "PEEL 2015 force pages: leadership assessed for the first time, as a narrative",
    ),
    (
        r"(?:the\s+force[’']s\s+|its\s+)?specialist\s+capabilities",
        2016,
        "PEEL 2016 effectiveness: specialist capabilities added as a fifth, ungraded question",
    ),
)
_FIRST_TIME_RE = re.compile(
    r"(?i)\bfor\s+the\s+first\s+time,?\s+(?:we|HMIC\w*)\s+(?:have|has)\s+"
    r"(?:assessed|inspected|looked\s+at)\s+(?P<area>"
    + "|".join(f"(?:{pattern})" for pattern, _, _ in FIRST_ASSESSED)
    + r")\b"
)


def round_first_assessing(text: str) -> tuple[int, int, int] | None:
    """(round year, span) where the inspectorate says it assessed an area for the first
    time this year: the round that introduced it."""
    m = _FIRST_TIME_RE.search(text)
    if m is None:
        return None
    area = m.group("area")
    for pattern, year, _ in FIRST_ASSESSED:
        if re.fullmatch(pattern, area, re.IGNORECASE):
            return year, m.start(), m.end()
    return None


_NAME_RES = tuple(
    (r.year, re.compile(r"(?i)\b(?:" + "|".join(r.names) + r")\b")) for r in ROUND_AREAS
)

# "Adequate" as a grade: the word only the five-point scale has, where a page uses it of
# a force ("graded as adequate", "'adequate'", a list item or table cell of its own,
# "adequate at preventing crime"), not the English adjective ("adequate resources").
FIVE_POINT_GRADE_RE = re.compile(
    r"(?imx)"
    r"\b(?:graded|rated|judged|assessed|found\s+to\s+be|be|is|was|were|are|as|only|remains?|and|or)"
    r"\s+[‘'\"“]?adequate\b"
    r"(?!\s+(?:resources|staff\w*|levels?|numbers?|provision|supervision|training|time|"
    r"arrangements|capacity|funding|support|protection|response|records?|systems?|"
    r"processes|understanding|and\s+appropriate))"
    r"|[‘'\"“]adequate[’'\"”]"
    r"|^[^\S\n]*(?:[•*-][^\S\n]*)?adequate[^\S\n]*(?:[–:|-]|$)"
    r"|\|[^\S\n]*adequate[^\S\n]*\|"
    r"|\badequate\s+(?:in|at|for)\s+(?:\w+ing\b|the\s+way|how\b|its\b)"
)


def round_by_areas(text: str) -> tuple[int, int, int] | None:
    """(round year, span of the first name) when ``text`` grades on the five-point scale
    and names areas that only one round graded; None when it names both rounds' or none."""
    if not FIVE_POINT_GRADE_RE.search(text):
        return None
    found: dict[int, re.Match[str]] = {}
    for year, pattern in _NAME_RES:
        if m := pattern.search(text):
            found[year] = m
    if len(found) != 1:
        return None
    ((year, m),) = found.items()
    return year, m.start(), m.end()
