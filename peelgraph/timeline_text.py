"""The timeline as text for a terminal: short by default, everything with ``verbose``.

The short form groups consecutive entries of the same kind, date and document
("Recommendation ×6"), shows the first lines of the first two of a group on one
line each, and names a document once, where the entries start coming from it.
The verbose form lists every entry with its full text, quote, document and page.
Both walk :meth:`Timeline.sections`, so the years and order are the JSON's.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peelgraph.timeline import Timeline, TimelineEntry

_DATE_COL = 14  # "  2017-05-05  "
_BODY = " " * (_DATE_COL + 2)
SHOWN_PER_GROUP = 2


def shorten(text: str, width: int) -> str:
    """One line of at most ``width`` characters, cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"


def _body(e: TimelineEntry) -> str | None:
    """What to quote for an entry: its own text, else its evidence (not for grades and statuses,
    whose label says it all and whose evidence is a heading or markup)."""
    if e.status or e.event.startswith("Grade"):
        return None
    if e.event.startswith("Earlier finding"):  # known only from the words that refer to it
        return e.quote or e.text
    return e.text or e.quote or None


def _head(e: TimelineEntry, count: int) -> str:
    when = f"  {e.date:<10}  " if e.date else " " * _DATE_COL
    head = when + e.label + (f" ×{count}" if count > 1 else "")
    if e.late:
        head += f"  [{e.inspection_year} inspection]"
    return head


def _group_key(e: TimelineEntry) -> tuple[object, ...]:
    return (e.date, e.label, e.document, e.late and e.inspection_year)


def _groups(entries: list[TimelineEntry]) -> list[list[TimelineEntry]]:
    groups: list[list[TimelineEntry]] = []
    for e in entries:
        last = groups[-1][-1] if groups else None
        if last and _group_key(last) == _group_key(e):
            groups[-1].append(e)
        else:
            groups.append([e])
    return groups


def _source(document: str, force: str) -> str:
    """A document's label without the force's name, which the trace's title already gives."""
    return document.replace(f", {force},", ",").replace(f" {force},", "")


def _short_group(
    group: list[TimelineEntry], width: int, source: str | None, force: str
) -> list[str]:
    out = [_head(group[0], len(group))]
    bodies = [b for b in (_body(e) for e in group) if b]
    for b in bodies[:SHOWN_PER_GROUP]:
        out.append(_BODY + "“" + shorten(b, width - len(_BODY) - 2) + "”")
    if len(bodies) > SHOWN_PER_GROUP:
        out.append(f"{_BODY}… and {len(bodies) - SHOWN_PER_GROUP} more (--verbose shows them)")
    if group[0].document != source:
        out.append(_BODY + shorten(_source(group[0].document, force), width - len(_BODY)))
    return out


def _verbose_entry(e: TimelineEntry, width: int) -> list[str]:
    out = [_head(e, 1)]
    wrap = {"width": width, "initial_indent": _BODY, "subsequent_indent": _BODY}
    if e.text:
        out += textwrap.wrap(" ".join(e.text.split()), **wrap)  # type: ignore[arg-type]
    quote = " ".join(e.quote.split())
    if quote and (not e.text or quote[:60] != " ".join(e.text.split())[:60]):
        out += textwrap.wrap(f"“{quote}”", **wrap)  # type: ignore[arg-type]
    page = f", p. {e.page}" if e.page else ""
    out += textwrap.wrap(f"— {e.document}{page}", **wrap)  # type: ignore[arg-type]
    return out


def render_text(tl: Timeline, width: int = 100, *, verbose: bool = False) -> str:
    from peelgraph.timeline import PLACEMENT_RULE

    out = [f"Trace: {tl.force}" + (f", {tl.question}" if tl.question else "")]
    if tl.finding:
        f = tl.finding
        out += textwrap.wrap(
            f"Finding: {f['type']} {f['year']}: “{f['text']}”",
            width,
            subsequent_indent="  ",
            max_lines=2,
            placeholder="…”",
        )
    out += textwrap.wrap(
        PLACEMENT_RULE[0].upper() + PLACEMENT_RULE[1:] + " (named beside it when later).", width
    )
    several = len({e.question for e in tl.entries}) > 1
    question: object = object()  # no section yet
    source: str | None = None
    for q, year, entries in tl.sections():
        if q != question and several:
            out += ["", f"== {q or 'any question'} =="]
            source = None
        question = q
        out += ["", f"{year or 'undated'}"]
        for group in _groups(entries):
            if verbose:
                for e in group:
                    out += _verbose_entry(e, width)
            else:
                out += _short_group(group, width, source, tl.force)
                source = group[0].document
    if not tl.entries:
        out.append("(nothing found)")
    return "\n".join(out)
