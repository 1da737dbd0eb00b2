"""Status histories of recommendation pages.

The inspectorate's pages mark each entry ``[on]2nd March 2017 [status]complete[/status][/on]``
or ``[on]6th April 2018 [comment] ... [/comment][/on]``. The parser is total: it
never raises on arbitrary text; malformed entries (an unclosed tag, an
impossible or future date) become :class:`Problem` records, not events.
"""

from __future__ import annotations

import datetime as dt
import re

from peelgraph.extract.text import (
    DAY_DATE_RE,
    UK_NUMERIC_RE,
    evidence,
    parse_day_date,
    parse_uk_numeric,
)
from peelgraph.model import Document, Problem, StatusEvent
from peelgraph.reference.peel import normalise_status

_ON = re.compile(r"\[on\]", re.IGNORECASE)
_TAG = re.compile(r"\[(status|comment)\]", re.IGNORECASE)


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
        body_start = start + 4
        tag = _TAG.search(text, body_start, limit)
        if tag is None:
            problems.append(
                Problem(
                    "status entry without [status] or [comment]",
                    evidence(doc, start, min(limit, start + 80)),
                )
            )
            continue
        date_text = text[body_start : tag.start()].strip()
        m = DAY_DATE_RE.search(date_text) or UK_NUMERIC_RE.search(date_text)
        if m is None:
            problems.append(
                Problem(
                    f"status entry with no date: {date_text[:40]!r}",
                    evidence(doc, start, tag.end()),
                )
            )
            continue
        date = parse_day_date(m) if m.re is DAY_DATE_RE else parse_uk_numeric(m)
        if date is None:
            problems.append(
                Problem(f"impossible date {m.group(0)!r}", evidence(doc, start, tag.end()))
            )
            continue
        if dt.date.fromisoformat(date) > today:
            problems.append(
                Problem(f"date in the future {m.group(0)!r}", evidence(doc, start, tag.end()))
            )
            continue
        kind = tag.group(1).lower()
        close = re.compile(rf"\[/{kind}\]", re.IGNORECASE).search(text, tag.end(), limit)
        if close is None:
            problems.append(
                Problem(f"unclosed [{kind}] tag", evidence(doc, start, min(limit, tag.end() + 60)))
            )
            body_end = limit
        else:
            body_end = close.start()
        body = text[tag.end() : body_end]
        if kind == "status":
            end_on = re.compile(r"\[/on\]", re.IGNORECASE).search(text, body_end, limit)
            ev_end = end_on.end() if end_on else body_end
            status = normalise_status(body)
            if not status:
                problems.append(Problem("empty status", evidence(doc, start, ev_end)))
                continue
            events.append(StatusEvent(date, "status", status, None, evidence(doc, start, ev_end)))
        else:
            comment = " ".join(body.split())
            if not comment:
                continue
            events.append(
                StatusEvent(date, "comment", None, body.strip(), evidence(doc, tag.end(), body_end))
            )
    return events, problems
