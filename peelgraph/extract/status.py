"""Status histories of recommendation pages, with markup and as rendered text.

The inspectorate's pages mark each entry ``[on]2nd March 2017 [status]complete[/status][/on]``
or ``[on]6th April 2018 [comment] ... [/comment][/on]``; some stored copies lost
the opening tag of a comment (``[on]4th September 2014 The status of ...[/comment]``),
and rendered copies have no markup at all: a date line, then a status or the
comment's paragraphs, or only the comments' paragraphs after the recommendation.
The parser is total: it never raises on arbitrary text; malformed entries (an
impossible or future date) become :class:`Problem` records, not events. A
comment cut off by the end of the stored text is kept and marked truncated.
"""

from __future__ import annotations

import datetime as dt
import re

from peelgraph.extract.facts import Finding, Problem, StatusEvent
from peelgraph.extract.text import (
    DAY_DATE_RE,
    UK_NUMERIC_RE,
    evidence,
    lines,
    parse_day_date,
    parse_uk_numeric,
)
from peelgraph.ingest.document import Document
from peelgraph.reference.peel import STATUS_WORDS_RE, normalise_status

_ON = re.compile(r"\[on\]", re.IGNORECASE)
_TAG = re.compile(r"\[(status|comment)\]", re.IGNORECASE)
_CLOSE = {k: re.compile(rf"\[/{k}\]", re.IGNORECASE) for k in ("status", "comment", "on")}
_STATUS_LINE = re.compile(rf"^\W*(?:status:?\s*)?({STATUS_WORDS_RE.pattern})\W*$", re.IGNORECASE)


def _date(text: str, doc: Document, span: tuple[int, int], today: dt.date) -> str | Problem:
    m = DAY_DATE_RE.search(text) or UK_NUMERIC_RE.search(text)
    if m is None:
        return Problem(f"status entry with no date: {text[:40]!r}", evidence(doc, *span))
    date = parse_day_date(m) if m.re is DAY_DATE_RE else parse_uk_numeric(m)
    if date is None:
        return Problem(f"impossible date {m.group(0)!r}", evidence(doc, *span))
    if dt.date.fromisoformat(date) > today:
        return Problem(f"date in the future {m.group(0)!r}", evidence(doc, *span))
    return date


def _entry(
    doc: Document, start: int, limit: int, today: dt.date
) -> StatusEvent | Problem | tuple[StatusEvent, Problem] | None:
    """One ``[on]...`` entry between ``start`` and the next entry (``limit``)."""
    text = doc.text
    body_start = start + 4
    tag = _TAG.search(text, body_start, limit)
    if tag is None:
        # The opening tag was lost: a date, then the comment up to its closing tag.
        close = _CLOSE["comment"].search(text, body_start, limit) or _CLOSE["on"].search(
            text, body_start, limit
        )
        m = DAY_DATE_RE.match(text, body_start) or DAY_DATE_RE.search(text, body_start, limit)
        if close is None and m is not None and not text[limit:].strip():
            # The last entry lost both tags: its comment runs to the end of the text,
            # cut off there unless it ends a sentence.
            body = text[m.end() : limit]
            if body.strip() and not _ON.search(body):
                date = _date(m.group(0), doc, (start, m.end()), today)
                if isinstance(date, Problem):
                    return date
                lead = len(body) - len(body.lstrip())
                end = m.end() + len(body.rstrip())
                cut = not re.search(r"[.!?”\"')]\s*$", body)
                return StatusEvent(
                    date, "comment", None, body.strip(), evidence(doc, m.end() + lead, end), cut
                )
        if close is None or m is None:
            return Problem(
                "status entry without [status] or [comment]",
                evidence(doc, start, min(limit, start + 80)),
            )
        date = _date(m.group(0), doc, (start, m.end()), today)
        if isinstance(date, Problem):
            return date
        body = text[m.end() : close.start()]
        if not body.strip():
            return None
        return StatusEvent(
            date, "comment", None, body.strip(), evidence(doc, m.end(), close.start())
        )
    date = _date(text[body_start : tag.start()].strip(), doc, (start, tag.end()), today)
    if isinstance(date, Problem):
        return date
    kind = tag.group(1).lower()
    close = _CLOSE[kind].search(text, tag.end(), limit)
    body_end = close.start() if close else limit
    body = text[tag.end() : body_end]
    if kind == "status":
        end_on = _CLOSE["on"].search(text, body_end, limit)
        ev_end = end_on.end() if end_on else body_end
        status = normalise_status(body)
        if not status:
            return Problem("empty status", evidence(doc, start, ev_end))
        return StatusEvent(date, "status", status, None, evidence(doc, start, ev_end))
    if not body.strip():
        return None
    # A comment with no closing tag at the end of the text was cut off there;
    # one unclosed before the next entry is reported, and kept all the same.
    truncated = close is None and not text[body_end:].strip()
    event = StatusEvent(
        date, "comment", None, body.strip(), evidence(doc, tag.end(), body_end), truncated
    )
    if close is None:
        why = "cut off by the end of the text: kept, marked truncated" if truncated else "kept"
        return event, Problem(
            f"unclosed [{kind}] tag ({why})", evidence(doc, start, min(limit, tag.end() + 60))
        )
    return event


def parse_status_markup(
    doc: Document, *, today: dt.date | None = None
) -> tuple[list[StatusEvent], list[Problem]]:
    text = doc.text
    today = today or dt.date.today()
    events: list[StatusEvent] = []
    problems: list[Problem] = []
    starts = [m.start() for m in _ON.finditer(text)]
    for n, start in enumerate(starts):
        limit = starts[n + 1] if n + 1 < len(starts) else len(text)
        got = _entry(doc, start, limit, today)
        if isinstance(got, tuple):
            events.append(got[0])
            problems.append(got[1])
        elif isinstance(got, Problem):
            problems.append(got)
        elif got is not None:
            events.append(got)
    return events, problems


def parse_rendered_status(
    doc: Document, findings: list[Finding], *, today: dt.date | None = None
) -> tuple[list[StatusEvent], list[Problem]]:
    """A status history shown without markup, after the page's tracked recommendation.

    A date line opens an entry: a status word on it or the next line makes it
    a status, anything else its comment. Paragraphs with no date line before
    them are comments whose date the page does not show.
    """
    tracked = [f for f in findings if f.tracked]
    if not tracked or _ON.search(doc.text):
        return [], []
    today = today or dt.date.today()
    after = max(f.evidence.end for f in tracked)
    events: list[StatusEvent] = []
    problems: list[Problem] = []
    date: str | None = None
    para: list[tuple[int, int]] = []

    def flush() -> None:
        if para:
            a, b = para[0][0], para[-1][1]
            body = doc.text[a:b].strip()
            events.append(StatusEvent(date, "comment", None, body, evidence(doc, a, b)))
            para.clear()

    for ln in lines(doc):
        if ln.end <= after:
            continue
        s = ln.stripped
        if not s:
            flush()
            continue
        d = DAY_DATE_RE.match(s)
        rest = s[d.end() :].strip(" :-–") if d else ""
        if d and (not rest or _STATUS_LINE.match(rest)):
            flush()
            got = _date(d.group(0), doc, (ln.start, ln.end), today)
            if isinstance(got, Problem):
                problems.append(got)
                continue
            date = got
            if rest:
                status = normalise_status(_STATUS_LINE.match(rest).group(1))  # type: ignore[union-attr]
                events.append(
                    StatusEvent(date, "status", status, None, evidence(doc, ln.start, ln.end))
                )
            continue
        if date is not None and not para and (m := _STATUS_LINE.match(s)):
            events.append(
                StatusEvent(
                    date,
                    "status",
                    normalise_status(m.group(1)),
                    None,
                    evidence(doc, ln.start, ln.end),
                )
            )
            continue
        para.append((ln.start, ln.end))
    flush()
    return events, problems
