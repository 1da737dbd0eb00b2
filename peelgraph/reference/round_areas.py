"""The areas only one round of the five-point scale graded, and how a page shows that scale.

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
