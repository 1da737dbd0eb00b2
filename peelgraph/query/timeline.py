"""The timeline of a trace: one model that the text, JSON and Mermaid renderings share.

Every entry is placed under one year by one rule, the same for every format:

1. the date of the event itself (a status change, a dated status comment and the
   statements made inside it);
2. else the publication date of the document that states it (a report, a letter);
3. else the year of the inspection it belongs to.

The inspection year is kept beside the placed year, so a 2017 inspection whose
report came out in March 2018 sits under 2018 and still says "2017 inspection".
Entries are ordered by question, placed year, date (undated entries last in their
year: an inspection's findings are known when its report appears), then by kind.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

PLACEMENT_RULE = (
    "each entry sits under the year of its event date, else of its document's "
    "publication date, else of its inspection"
)
EVENT_DATE, PUBLICATION_DATE, INSPECTION_YEAR = "event date", "publication date", "inspection year"

# Where two entries share a date, the order a reader expects: what was raised, what
# was asked, the grade, the force's answer, what later documents said.
_EVENT_ORDER = (
    "Earlier finding",
    "Cause of concern",
    "Recommendation",
    "Area for improvement",
    "Grade",
    "Response disputes",
    "Status",
    "Comment",
    "Later document",
    "Later statement",
)
_DATE = re.compile(r"^(\d{4})(?:-\d{2}){0,2}$")


@dataclass(frozen=True)
class TimelineEntry:
    """One row of a thread, placed under ``year`` by :data:`PLACEMENT_RULE`."""

    year: int | None  # the year it is placed under
    placed_by: str  # EVENT_DATE, PUBLICATION_DATE or INSPECTION_YEAR
    date: str | None  # the date that placed it (None when placed by the inspection year)
    inspection_year: int | None
    event: str
    question: str | None
    item: str
    text: str | None
    grade: str | None
    status: str | None
    quote: str
    document: str
    page: int | None
    start: int = 0
    link: str | None = None  # "explicit" or "proposed" for a link between documents
    score: float | None = None  # a proposed link's score
    target: str | None = None  # the IRI of what a link between documents takes up
    relation: str | None = None  # that link's relation (follows-up, same-finding, outcome-of)
    address: str | None = None  # the document's public address (dcterms:source), if known

    @property
    def label(self) -> str:
        """The kind with its grade, status or link tier: what a reader scans for."""
        what = self.event
        if self.grade:
            what += f": {self.grade}"
        if self.status:
            what += f": {self.status}"
        if self.link == "proposed" and "(proposed" not in what:
            what += " (proposed" + (f", score {self.score:.2f})" if self.score is not None else ")")
        return what

    @property
    def late(self) -> bool:
        """Placed in a later year than its inspection's (a late report, a response, a status)."""
        return bool(self.inspection_year and self.year and self.year != self.inspection_year)


def place(
    date: str | None, basis: str | None, inspection_year: int | None
) -> tuple[int | None, str, str | None]:
    """(year, placed_by, date) for a row's date, the kind of that date, and its inspection."""
    m = _DATE.match(date or "")
    if m:
        return int(m.group(1)), EVENT_DATE if basis == "event" else PUBLICATION_DATE, date
    return inspection_year, INSPECTION_YEAR, None


def _rank(event: str) -> int:
    return next((i for i, p in enumerate(_EVENT_ORDER) if event.startswith(p)), len(_EVENT_ORDER))


def sort_key(e: TimelineEntry) -> tuple[Any, ...]:
    return (e.question or "", e.year or 0, e.date or "~", _rank(e.event), e.document, e.start)


def entry_from_row(row: dict[str, Any]) -> TimelineEntry:
    """A trace query row (values or strings) as an entry, placed by the rule.

    A row about a link between documents may carry ``?method`` (``explicit``, or
    ``similarity``/``proposed`` for a link proposed by wording) and ``?score``: a
    proposed link is labelled "proposed" with its score, an explicit one as a fact.
    """

    def s(key: str) -> str | None:
        v = row.get(key)
        return None if v is None else str(v)

    inspection = int(s("year") or 0) or None
    year, placed_by, date = place(s("date"), s("dateBasis"), inspection)
    # The trace query says the tier ("explicit"/"proposed"); other rows may give the method.
    method = s("method") or s("tier")
    link = {"similarity": "proposed", "proposed": "proposed", "explicit": "explicit"}.get(
        method or ""
    )
    return TimelineEntry(
        year=year,
        placed_by=placed_by,
        date=date,
        inspection_year=inspection,
        event=s("event") or "",
        question=s("questionLabel"),
        item=s("item") or "",
        text=s("text"),
        grade=s("grade"),
        status=s("status"),
        quote=s("quote") or "",
        document=s("document") or "",
        page=int(s("page") or 0) or None,
        start=int(s("start") or 0),
        link=link,
        score=float(s("score")) if s("score") else None,  # type: ignore[arg-type]
        target=s("target") if link else None,
        relation=s("relation") if link else None,
        address=s("address"),
    )


@dataclass(frozen=True)
class Timeline:
    force: str
    question: str | None
    entries: tuple[TimelineEntry, ...]
    finding: dict[str, Any] | None = None  # the finding a phrase or IRI trace started from

    @classmethod
    def from_rows(
        cls,
        force: str,
        question: str | None,
        rows: list[dict[str, Any]],
        finding: dict[str, Any] | None = None,
    ) -> Timeline:
        """Entries from trace query rows: each fact once per document, in timeline order."""
        unique: dict[tuple[str, str, str, int], TimelineEntry] = {}
        for r in rows:
            e = entry_from_row(r)
            unique.setdefault((e.item, e.event, e.document, e.start), e)
        return cls(force, question, tuple(sorted(unique.values(), key=sort_key)), finding)

    def sections(self) -> Iterator[tuple[str | None, int | None, list[TimelineEntry]]]:
        """(question, year, entries) in order: the one grouping every rendering follows."""
        current: tuple[str | None, int | None] | None = None
        bucket: list[TimelineEntry] = []
        for e in self.entries:
            key = (e.question, e.year)
            if key != current and bucket:
                assert current is not None
                yield current[0], current[1], bucket
                bucket = []
            current = key
            bucket.append(e)
        if bucket and current is not None:
            yield current[0], current[1], bucket

    def to_json(self) -> str:
        return json.dumps(
            {
                "force": self.force,
                "question": self.question,
                "finding": self.finding,
                "placement": PLACEMENT_RULE,
                "entries": [asdict(e) for e in self.entries],
            },
            indent=1,
            ensure_ascii=False,
        )

    def to_text(self, width: int = 100, *, verbose: bool = False) -> str:
        return render_text(self, width, verbose=verbose)

    def to_mermaid(self) -> str:
        """A Mermaid timeline: one section per question, one period per year, as in the text."""
        title = self.force + (f": {self.question}" if self.question else "")
        lines = ["timeline", f"    title {_mermaid(title)}"]
        question: object = object()  # no section yet
        for q, year, entries in self.sections():
            if q != question and len({e.question for e in self.entries}) > 1:
                lines.append(f"    section {_mermaid(q or 'any question')}")
            question = q
            for i, e in enumerate(entries):
                label = e.label + (f" ({e.inspection_year} inspection)" if e.late else "")
                # A few of its words, so six recommendations are six boxes a reader can tell
                # apart and a dispute says what it disputes.
                if body := _body(e):
                    label += " “" + shorten(body, 60) + "”"
                if e.date:
                    label = f"{e.date} {label}"
                lead = f"{year}" if i == 0 else " " * len(str(year))
                lines.append(f"    {lead} : {_mermaid(label)}")
        return "\n".join(lines)


def _mermaid(text: str) -> str:
    """Text Mermaid reads as one event: its separators (':', ';', '#') and newlines replaced."""
    return " ".join(text.replace(":", " -").replace(";", ",").replace("#", "no.").split())


# --------------------------------------------------------------------------- text

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


def _head(e: TimelineEntry, count: int, width: int = 100) -> list[str]:
    """The entry's date and label, wrapped under the label to fit ``width``."""
    when = f"  {e.date:<10}  " if e.date else " " * _DATE_COL
    head = e.label + (f" ×{count}" if count > 1 else "")
    if e.late:
        head += f"  [{e.inspection_year} inspection]"
    # Continued four columns in, past the quotes' indent, so a reader (and a parser) tells
    # the rest of a heading from the quote under it.
    lines = textwrap.wrap(
        head, max(width - _DATE_COL, 20), subsequent_indent="    ", break_on_hyphens=False
    )
    return [when + lines[0], *(" " * _DATE_COL + ln for ln in lines[1:])]


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
    out = _head(group[0], len(group), width)
    bodies = [b for b in (_body(e) for e in group) if b]
    for b in bodies[:SHOWN_PER_GROUP]:
        out.append(_BODY + "“" + shorten(b, width - len(_BODY) - 2) + "”")
    if len(bodies) > SHOWN_PER_GROUP:
        out.append(f"{_BODY}… and {len(bodies) - SHOWN_PER_GROUP} more (--verbose shows them)")
    if group[0].document != source:
        out.append(_BODY + shorten(_source(group[0].document, force), width - len(_BODY)))
        if group[0].address:  # where to cite it: printed whole, as a terminal links it
            out.append(_BODY + group[0].address)
    return out


def _verbose_entry(e: TimelineEntry, width: int) -> list[str]:
    out = _head(e, 1, width)
    wrap = {"width": width, "initial_indent": _BODY, "subsequent_indent": _BODY}
    if e.text:
        out += textwrap.wrap(" ".join(e.text.split()), **wrap)  # type: ignore[arg-type]
    quote = " ".join(e.quote.split())
    if quote and (not e.text or quote[:60] != " ".join(e.text.split())[:60]):
        out += textwrap.wrap(f"“{quote}”", **wrap)  # type: ignore[arg-type]
    page = f", p. {e.page}" if e.page else ""
    out += textwrap.wrap(f"— {e.document}{page}", **wrap)  # type: ignore[arg-type]
    if e.address:
        out.append(_BODY + e.address)
    return out


def render_text(tl: Timeline, width: int = 100, *, verbose: bool = False) -> str:
    from peelgraph.query.timeline import PLACEMENT_RULE

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
