"""Helpers the extractors share: lines with offsets, evidence, dates."""

from __future__ import annotations

import datetime as dt
import re
import threading
from dataclasses import dataclass
from functools import cached_property

from peelgraph.extract.facts import Evidence
from peelgraph.ingest.document import Document
from peelgraph.text import scan

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
DAY_DATE_RE = re.compile(
    rf"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_RE})\s+(\d{{4}})\b",
    re.IGNORECASE,
)
MONTH_YEAR_RE = re.compile(
    rf"^[^\S\n]*({MONTH_RE})\s+(\d{{4}})[^\S\n]*$", re.IGNORECASE | re.MULTILINE
)
UK_NUMERIC_RE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str

    # Read many times per line (every pass that walks the lines asks it): kept once made.
    @cached_property
    def stripped(self) -> str:
        return self.text.strip()


def lines(doc: Document) -> list[Line]:
    """The document's lines with their offsets. One list per document, shared: metadata,
    measures, status, every pass's context and each list a grade heads asked for them
    again (a list under a grade split the whole text once per list). Not to be changed by
    a reader. The last document only, per thread."""
    memo = getattr(_LINES, "memo", None)
    if memo is not None and memo[0] is doc:
        return memo[1]
    out: list[Line] = []
    pos = 0
    for raw in doc.text.split("\n"):
        out.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    _LINES.memo = (doc, out)
    return out


_LINES = threading.local()


def evidence(doc: Document, start: int, end: int) -> Evidence:
    """Evidence for a span, trimmed of surrounding white space."""
    text = doc.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(doc.doc_id, start, end, text[start:end], doc.page_at(start))


def parse_day_date(m: re.Match[str]) -> str | None:
    day, month, year = int(m.group(1)), MONTHS[m.group(2).lower()], int(m.group(3))
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None  # "31st February": reported by the caller, never invented


def parse_uk_numeric(m: re.Match[str]) -> str | None:
    day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def first_lines(doc: Document, n: int) -> list[Line]:
    return [ln for ln in lines(doc) if ln.stripped][:n]


def spans_holding(
    word: re.Pattern[str], text: str, spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The spans (a document's sentences) in which ``word`` finds a match in their bounds.

    For a form's long pattern, ``word`` is words each of its matches must hold, with no
    look-around, anchor or word boundary: what it finds in a span's bounds it finds in the
    span cut out, so a span it does not find them in is one the form cannot match. (A
    regular-expression scan of the whole text cost as much as a search per span: the
    scan is the cost. :func:`peelgraph.text.scan.spans_holding` finds the words with
    ``str.find`` instead, and searches only the spans that hold one.)
    """
    return scan.spans_holding(word, text, spans)
