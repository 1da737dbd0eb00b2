"""The year a document is about, read from the forms PEEL titles and pages take.

Each form is a small function over the document's opening (site furniture
skipped) that returns a :class:`YearReading` or None; :func:`read_year` tries
them most explicit first. Where no year is written, the year is inferred from
what the reference tables know of PEEL's rounds (:mod:`.year_inference`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from peelgraph.extract.text import Line
from peelgraph.reference import forces, peel
from peelgraph.reference.chrome import is_chrome

_YEAR = r"(?P<year>(?:19|20)\d\d)(?:\s*[/–-]\s*(?P<y2>\d{2}(?:\d{2})?)(?!\d))?"
_PILLAR = r"effectiveness|efficiency|legitimacy"
REPORT_TITLE_RE = re.compile(
    rf"(?i)\bPEEL:?\s+(?:[–-]\s+)?(?:police\s+)?(?P<pillars>(?:{_PILLAR})(?:,?\s+(?:and\s+)?(?:{_PILLAR}))*)?"
    rf"\s*(?:\(\w+\)\s*)?(?:(?:inspection|report|assessment)\s+)?(?:[–-]\s*)?{_YEAR}"
)
# "2016 PEEL police effectiveness inspection": the year first.
YEAR_FIRST_TITLE_RE = re.compile(
    rf"(?i)^\s*{_YEAR}\s+PEEL:?\s+(?:police\s+)?(?P<pillars>(?:{_PILLAR})(?:,?\s+(?:and\s+)?(?:{_PILLAR}))*)?"
    r"\s*(?:inspection|report|assessment)s?\s*$"
)
# "Gloucestershire PEEL 2018", "Gwent 2016", "Avon and Somerset 2018/19": a force page's title.
# "Northumbria PEEL Assessments 2021/2022": the same with the programme's name spelt out.
PAGE_TITLE_RE = re.compile(
    rf"^\s*(?P<force>[A-Z][\w&'’ -]{{2,40}}?)\s+(?:PEEL\s+(?:[Aa]ssessments?\s+)?)?{_YEAR}\s*$"
)
_NTH = r"(first|second|third|fourth|fifth|sixth)"
_ORDINAL_RE = re.compile(
    rf"(?i)(?:\b|(?<=[a-z]))This is (?:HMIC\w*|our|Her Majesty’s Inspectorate[\w ]*?)(?:[’']s?)?\s+{_NTH}\s+(?:PEEL\b|assessment)"
    rf"|\b{_NTH}\s+(?:HMIC\w*\s+)?PEEL\s+(?:inspection|assessment|report)\b"
)
_PEEL_YEAR_RE = re.compile(rf"\bPEEL\s+{_YEAR}")
_INSPECTION_YEAR_RE = re.compile(
    rf"(?i)raised in (?:the |our |HMIC\w*[’']s? )?{_YEAR} (?P<pillars>{_PILLAR}|PEEL)?"
    r"\s*(?:inspection|report|assessment)"
)


@dataclass(frozen=True)
class YearReading:
    year: int
    basis: str  # stated | inferred
    start: int  # the span it was read from (title evidence)
    end: int
    label: str | None = None  # as written, "2018/19"
    pillars: str | None = None  # the pillar words of a title, lower case


def content_lines(ls: list[Line], n: int = 40) -> list[Line]:
    """The first ``n`` non-blank lines that are not site furniture."""
    out: list[Line] = []
    for ln in ls:
        if ln.stripped and not is_chrome(ln.stripped):
            out.append(ln)
            if len(out) >= n:
                break
    return out


def _label(m: re.Match[str]) -> str | None:
    y2 = m.group("y2")
    if not y2:
        return None
    return f"{m.group('year')}/{y2[-2:]}"


def _reading(m: re.Match[str], offset: int, basis: str = "stated") -> YearReading:
    pillars = m.groupdict().get("pillars")
    return YearReading(
        int(m.group("year")),
        basis,
        offset + m.start(),
        offset + m.end(),
        _label(m),
        pillars.lower() if pillars else None,
    )


def _report_title(text: str, head: list[Line]) -> YearReading | None:
    for ln in head[:12]:
        if not _title_like(ln.stripped):
            continue
        if m := REPORT_TITLE_RE.search(ln.text) or YEAR_FIRST_TITLE_RE.match(ln.text):
            return _reading(m, ln.start)
    return None


def page_title(ln: Line) -> re.Match[str] | None:
    """A force page's title line ("Gwent PEEL 2016", "Avon and Somerset 2018/19"), if it is one."""
    m = PAGE_TITLE_RE.match(ln.text)
    return m if m and forces.lookup(m.group("force")) else None


def _page_title(text: str, head: list[Line]) -> YearReading | None:
    for ln in head[:6]:
        if m := page_title(ln):
            return _reading(m, ln.start)
    return None


def _ordinal(text: str, head: list[Line]) -> YearReading | None:
    m = _ORDINAL_RE.search(text, 0, head[-1].end if head else 0)
    nth = (m.group(1) or m.group(2)).lower() if m else ""
    r = peel.round_by_ordinal(peel.ORDINALS[nth]) if m else None
    if m is None or r is None:
        return None
    return YearReading(r.year, "stated", m.start(), m.end(), peel.year_label(r.year))


def _peel_year(text: str, head: list[Line]) -> YearReading | None:
    for ln in head:
        if m := _PEEL_YEAR_RE.search(ln.text):
            return _reading(m, ln.start)
    return None


# "2018/19 grades": a commissioner's page heading the grades it lists.
_GRADES_HEADING_RE = re.compile(
    rf"(?i)^\s*(?:PEEL\s+)?{_YEAR}\s+(?:PEEL\s+)?(?:grades|gradings|judge?ments)\s*:?\s*$"
)


def _grades_heading(text: str, head: list[Line]) -> YearReading | None:
    for ln in head:
        if m := _GRADES_HEADING_RE.match(ln.text):
            return _reading(m, ln.start)
    return None


def _raised_in(text: str, head: list[Line]) -> YearReading | None:
    m = _INSPECTION_YEAR_RE.search(text)
    return _reading(m, 0) if m else None


_PROGRAMME = (
    r"(?:PEEL\b|police\s+(?:effectiveness|efficiency),?\s+(?:effectiveness|efficiency),?\s+"
    r"and\s+legitimacy\b)"
)
# The round named beside the programme, in running text as in titles: "the 2015 Police
# Efficiency, Effectiveness and Legitimacy (PEEL) inspections", "its full report 2021-22
# Police Effectiveness ...", "2018/19 PEEL inspections", "PEEL inspections 2018/19",
# "Cleveland PEEL Assessment 2023–2025".
_YEAR_ANON = r"((?:19|20)\d\d)(?:\s*[/–-]\s*(\d{2}(?:\d{2})?)(?!\d))?"
_NAMED_ROUND_RE = re.compile(
    rf"(?i)\b{_YEAR_ANON}\s+{_PROGRAMME}"
    rf"|\b{_PROGRAMME}\s+(?:\(PEEL\)\s+)?(?:(?:assessments?|inspections?|reports?)\s+(?:framework\s+)?|"
    rf"programme\s+in\s+)?(?:of\s+)?{_YEAR_ANON}"
)
# "In 2021, HMICFRS graded the constabulary ...", "In 2021/22, we carried out a PEEL
# inspection of ...": the year the grades a page reports were given.
_IN_YEAR_RE = re.compile(
    rf"(?i)\bIn\s+{_YEAR},?\s+(?:we|HMIC\w*|the\s+inspectorate)\s+"
    r"(?:graded|judged|rated|assessed|inspected|carried\s+out\s+(?:a|an|its|our)\s+PEEL)\b"
)
# A title that ends with its year: "State of Policing: ... in England and Wales 2015",
# "Annual Report 2021-22" (a line that names a report or inspection, not a sentence).
_TITLED_YEAR_RE = re.compile(
    rf"(?i)^[^\n]*\b(?:PEEL|inspections?|reports?|assessments?|policing)\b[^\n]*?\b{_YEAR}\s*$"
)
# Lines that are a year alone: the headings of a commissioner's page listing a round's grades.
_YEAR_HEADING_RE = re.compile(rf"^\s*{_YEAR}\s*$")


def _round_reading(m: re.Match[str]) -> YearReading | None:
    # The alternative that matched has its own groups: read them by hand.
    year, y2 = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    label = f"{year}/{y2[-2:]}" if y2 else None
    # "PEEL assessments 2014 – 2018/19" spans several rounds: it names none of them.
    if (
        label
        and (int(y2[-2:]) - int(year) % 100) % 100 != 1
        and label != peel.year_label(int(year))
    ):
        return None
    return YearReading(int(year), "stated", m.start(), m.end(), label)


def _named_round(text: str, head: list[Line]) -> YearReading | None:
    """The round named beside the programme in a title line, or by its own name
    ("Integrated PEEL Assessments": 2018/19's)."""
    for ln in head[:8]:
        if not _title_like(ln.stripped):
            continue
        m = _NAMED_ROUND_RE.search(text, ln.start, ln.end)
        if m and (r := _round_reading(m)):
            return r
        for rnd in peel.ROUNDS:
            for name in rnd.names:
                if n := re.search(rf"(?i)\b{name}", ln.text):
                    start = ln.start + n.start()
                    return YearReading(
                        rnd.year, "stated", start, ln.start + n.end(), peel.year_label(rnd.year)
                    )
    return None


def _prose_round(text: str, head: list[Line]) -> YearReading | None:
    m = _NAMED_ROUND_RE.search(text, 0, head[-1].end if head else 0)
    if m is None:
        return None
    return _round_reading(m)


def _in_year(text: str, head: list[Line]) -> YearReading | None:
    m = _IN_YEAR_RE.search(text, 0, head[-1].end if head else 0)
    return _reading(m, 0) if m else None


def _titled_year(text: str, head: list[Line]) -> YearReading | None:
    for ln in head[:8]:
        if _title_like(ln.stripped) and (m := _TITLED_YEAR_RE.match(ln.text)):
            return _reading(m, ln.start)
    return None


def _year_headings(text: str, head: list[Line]) -> YearReading | None:
    """One year heading a page's sections, twice or more and no other year alone."""
    found = [(ln, m) for ln in head if (m := _YEAR_HEADING_RE.match(ln.text))]
    years = {int(m.group("year")) for _, m in found}
    if len(found) < 2 or len(years) != 1:
        return None
    ln, m = found[0]
    return _reading(m, ln.start)


YEAR_FORMS: tuple[Callable[[str, list[Line]], YearReading | None], ...] = (
    _page_title,
    _report_title,
    _ordinal,
    _peel_year,
    _grades_heading,
    _year_headings,
    _titled_year,
    _named_round,
)


# "we were inspected again by HMIC in 2016", "the report follows an inspection of the force
# in 2024": a response or news item saying when its inspection took place.
_INSPECTED_IN_RE = re.compile(
    r"(?i)\b(?:inspected|an?\s+inspection\s+of\s+(?:the\s+force|[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3}))\b"
    r"[^.\n]{0,60}?\bin\s+(?P<year>(?:19|20)\d\d)\b(?!\s*[/–-]\s*\d)"
)


def _inspected_in(text: str, head: list[Line]) -> YearReading | None:
    m = _INSPECTED_IN_RE.search(text, 0, head[-1].end if head else 0)
    r = peel.round_of_calendar_year(int(m.group("year"))) if m else None
    if m is None or r is None:
        return None
    return YearReading(r.year, "stated", m.start(), m.end(), peel.year_label(r.year))


def read_prose_year(text: str, head: list[Line], *, inspectorate: bool) -> YearReading | None:
    """The year running text gives the grades it reports ("In 2021, HMICFRS graded ...",
    "the 2015 PEEL inspections"): weaker than a title or the page's own date, since
    prose also names earlier rounds ("In our 2021–22 PEEL inspection, we raised ...").
    Only a response or news item dates its inspection by when it took place: the
    inspectorate's own "when we inspected the force in 2016" looks back. An index of
    several rounds' documents names none of them, in its list or its prose."""
    if len(listed_rounds(head)) >= 2:
        return None
    found = _prose_round(text, head) or _in_year(text, head)
    return found or (None if inspectorate else _inspected_in(text, head))


_LISTED_TITLE = re.compile(
    r"(?i)\b(?:PEEL|response|inspection|report|effectiveness|efficiency|legitimacy)\b"
)


def _title_like(s: str) -> bool:
    return len(s) < 250 and not s.endswith((".", "?", ";", ","))


def listed_years(head: list[Line]) -> set[int]:
    """Years named by a list of document titles: an index page lists several rounds."""
    years: set[int] = set()
    for ln in head:
        s = ln.stripped
        if _title_like(s) and _LISTED_TITLE.search(s):
            years.update(int(y) for y in re.findall(r"\b(20[12]\d)\b", s))
    return years


_LISTED_PEEL = re.compile(r"(?i)\b(?:PEEL|effectiveness|efficiency|legitimacy)\b")


def listed_rounds(head: list[Line]) -> set[int]:
    """The PEEL rounds a list of document titles names ("PCC response to PEEL
    Effectiveness 2017", "... legitimacy 2018/19"): a page listing two rounds' reports
    is an index of them, about neither."""
    rounds: set[int] = set()
    for ln in head:
        s = ln.stripped
        if not (_title_like(s) and _LISTED_PEEL.search(s)):
            continue
        # A listed title names one round; a line naming several ("PEEL assessments
        # 2014 – 2018/19") is a span or a comparison, not an entry of a list.
        years = {
            r.year
            for y in re.findall(r"\b(20[12]\d)\b", s)
            if (r := peel.round_of_calendar_year(int(y)))
        }
        if len(years) == 1:
            rounds |= years
    return rounds


def read_year(text: str, head: list[Line], *, tracking: bool) -> YearReading | None:
    """The year a document states, by the first form that finds one."""
    if len(listed_years(head)) >= 3:
        return None  # an index of several rounds is about none of them
    # A tracking page's comments name later inspections: only its title or the
    # inspection it says raised the finding give its year.
    forms = (_page_title, _report_title, _raised_in) if tracking else YEAR_FORMS
    for form in forms:
        r = form(text, head)
        if r is not None:
            return r
    return None
