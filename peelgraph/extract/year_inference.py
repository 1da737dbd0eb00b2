"""The year a document states nowhere, inferred from what PEEL's reference tables know.

When no title, heading or sentence states the year (:mod:`.titles`), the round
is inferred and marked ``inferred``: from a tracking page's status history, a
page's own date (in any of the forms sites write it), the areas only one round
of the five-point scale graded, a statement on one report grading two pillars,
or a recommendation's own deadline.
"""

from __future__ import annotations

import datetime as dt
import re

from peelgraph.extract.text import DAY_DATE_RE, MONTH_RE, MONTHS, Line, parse_day_date
from peelgraph.reference import peel
from peelgraph.reference.round_areas import (
    FIVE_POINT_GRADE_RE,
    round_by_areas,
    round_first_assessing,
)

# Words only the five-point scale (PEEL 2021/22 on) uses of a report's own grades.
_FIVE_POINT_RE = re.compile(
    r"(?i)\bfive[- ]tiers?\b|\bin\s+\d+\s+areas\s+of\s+policing|\bgraded judgments in \d+ of"
)
_STATUS_DATE_RE = re.compile(r"\[on\]\s*([^\[]{4,40}?)\s*(?=\[|\n)")


# A status history rendered without markup: "3rd March 2017 awaiting-review" on a line.
_RENDERED_STATUS_RE = re.compile(
    rf"(?im)^[^\S\n]*({DAY_DATE_RE.pattern})[^\S\n]+(?:{peel.STATUS_WORDS_RE.pattern})[^\S\n]*$"
)


def first_status_date(text: str) -> tuple[str, int, int] | None:
    """The first dated entry of a status history, in markup or rendered: (ISO date, span)."""
    for m in _STATUS_DATE_RE.finditer(text):
        d = DAY_DATE_RE.search(m.group(1))
        if d and (iso := parse_day_date(d)):
            return iso, m.start(), m.end()
    for m in _RENDERED_STATUS_RE.finditer(text):
        d = DAY_DATE_RE.search(m.group(1))
        if d and (iso := parse_day_date(d)):
            return iso, m.start(), m.end()
    return None


# The date a recommendation sets itself, in its own sentence: "... should be completed
# no later than September 2017", "By March 2017, forces should ...".
_DEADLINE_RE = re.compile(
    rf"(?i)\b(?:by|no\s+later\s+than|before)\s+(?:the\s+end\s+of\s+)?(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+)?"
    rf"({MONTH_RE})\s+((?:19|20)\d\d)\b"
)
_SHOULD_RE = re.compile(r"(?i)\b(?:should|must)\b")
_DEADLINE_LEAD_MONTHS = 6


def _deadline_round(text: str) -> tuple[int, int, int] | None:
    """A tracking page with no status history or date: its recommendation's deadline
    follows its report, so the round is the last whose reports had begun to come out
    some months before it."""
    for m in _DEADLINE_RE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if not _SHOULD_RE.search(line):
            continue  # a comment's date, not the recommendation's
        # Recommendations give forces months to act (six to twelve, as a rule): the round
        # is the last whose reports had begun to come out half a year before the deadline.
        year, month = int(m.group(3)), MONTHS[m.group(2).lower()] - _DEADLINE_LEAD_MONTHS
        if month < 1:
            year, month = year - 1, month + 12
        begun = [r for r in peel.ROUNDS if r.published[0] <= f"{year}-{month:02d}"]
        return (begun[-1].year, m.start(), m.end()) if begun else None
    return None


_FOUR_POINT_GRADE = (
    r"(?:outstanding|good|requires?\s+improvement|requiring\s+improvement|inadequate)"
)
_PILLAR_NAME = r"(effectiveness|efficiency|legitimacy)"
# A pillar's grade: "rated 'good' for its overall effectiveness", "good overall in
# efficiency", "its legitimacy was judged as good".
_PILLAR_GRADED_RE = re.compile(
    rf"(?i)['‘’\"“]?{_FOUR_POINT_GRADE}['’\"”]?\s+(?:overall\s+)?(?:for|in|at)\s+"
    rf"(?:its\s+|the\s+force[’']s\s+|their\s+)?(?:overall\s+)?{_PILLAR_NAME}\b"
    rf"|\b{_PILLAR_NAME}\b[^.\n]{{0,40}}?\b(?:rated|graded|judged|assessed)\s+(?:as\s+)?['‘’\"“]?{_FOUR_POINT_GRADE}"
)
# Several reports or inspections spoken of: the pillars' separate reports of 2014-2017.
_SEVERAL_REPORTS_RE = re.compile(r"(?i)\b(?:reports|inspections|assessments)\b")


def _one_report_of_pillars(text: str) -> tuple[int, int, int] | None:
    """A page on one report that grades two pillars or more on four points ("rated 'good'
    for its overall effectiveness ... also rated 'good' for its efficiency") speaks of
    the one round whose single report graded the pillars together; before it each
    pillar had its own report, after it areas replaced pillars."""
    graded = {
        (m.group(1) or m.group(2)).lower(): m for m in _PILLAR_GRADED_RE.finditer(text[:6000])
    }
    if len(graded) < 2 or _SEVERAL_REPORTS_RE.search(text) or FIVE_POINT_GRADE_RE.search(text):
        return None
    integrated = [
        s for s in peel.SCHEMES if s.effectiveness_questions is None and "Adequate" not in s.grades
    ]
    if len(integrated) != 1:
        return None
    first = min(graded.values(), key=lambda m: m.start())
    return integrated[0].years[0], first.start(), first.end()


def infer_year(
    text: str, *, published: str | None, tracking: bool, inspectorate: bool
) -> tuple[int, int, int] | None:
    """A year no title states: (year, span) from PEEL's calendar, or None.

    A tracking page's first status is set when its report comes out, and a
    response or statement follows its report, so the round whose reports were
    coming out then is the one meant; a first status outside every round's
    window belongs to another inspection, dated by the year of the status; without a
    history, the recommendation's own deadline bounds its round. A report that grades "areas of policing" on the five-point scale is of that
    scale's first round. A page that grades on the five-point scale and names areas only
    one of its rounds graded ("good use of resources", "police powers and public
    treatment") is of that round; a statement on one report grading two pillars, of the
    integrated round.
    """
    if tracking and (first := first_status_date(text)):
        iso, a, b = first
        r = peel.round_published(iso)
        return (r.year if r else int(iso[:4])), a, b
    if published and (r := peel.round_published(published)):
        return r.year, 0, 0
    if tracking and (deadline := _deadline_round(text)):
        return deadline
    if not tracking and (by_areas := round_by_areas(text)):
        return by_areas
    if not tracking and not inspectorate and (pillars := _one_report_of_pillars(text)):
        return pillars
    if inspectorate and (first := round_first_assessing(text[:6000])):
        return first
    if inspectorate and (m := _FIVE_POINT_RE.search(text[:6000])):
        first_five = min(s.years[0] for s in peel.SCHEMES if "Adequate" in s.grades)
        return first_five, m.start(), m.end()
    return None


_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?)?"
# The other ways a page's own date line is written: "20 Nov 2014 03:27 PM", "March 17,
# 2023", "17/03/2023", "2023-03-17" (each a line of its own).
_DATE_LINE_FORMS = (
    re.compile(
        rf"(?i){_WEEKDAY}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH_ABBR})[a-z]*\.?\s+(?P<y>\d{{4}}){_TIME}"
    ),
    re.compile(
        rf"(?i){_WEEKDAY}(?P<m>{_MONTH_ABBR})[a-z]*\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}}){_TIME}"
    ),
    re.compile(rf"(?P<d>\d{{1,2}})/(?P<mn>\d{{1,2}})/(?P<y>\d{{4}}){_TIME}"),
    re.compile(rf"(?P<y>\d{{4}})-(?P<mn>\d\d)-(?P<d>\d\d){_TIME}"),
)
_MONTH_BY_ABBR = {name[:3]: n for name, n in MONTHS.items()}


def date_line(s: str) -> str | None:
    """A line that is a date and nothing else (a time may follow), as an ISO date."""
    if m := DAY_DATE_RE.fullmatch(s):
        return parse_day_date(m)
    for form in _DATE_LINE_FORMS:
        if m := form.fullmatch(s):
            month = (
                int(m.group("mn"))
                if "mn" in form.groupindex
                else _MONTH_BY_ABBR[m.group("m")[:3].lower()]
            )
            try:
                return dt.date(int(m.group("y")), month, int(m.group("d"))).isoformat()
            except ValueError:
                return None  # an impossible date is not invented into a possible one
    return None


def dated_line(head: list[Line]) -> str | None:
    """A page's date line ("17th April 2023", "20 Nov 2014 03:27 PM") near its top, as an
    ISO date."""
    for ln in head[:8]:
        if iso := date_line(ln.stripped):
            return iso
    return None
