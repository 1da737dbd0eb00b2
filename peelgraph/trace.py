"""Trace: the thread of one force's findings on one question, as a timeline.

Runs the saved ``trace`` query and shapes its rows into entries an analyst
reads in order: what was raised, what the force was asked to do, every
status change and comment, what later inspections said, and the grades.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from peelgraph.errors import QueryError

_EVENT_ORDER = (
    "Earlier finding",
    "Cause of concern",
    "Recommendation",
    "Area for improvement",
    "Grade",
    "Response disputes",
    "Later document",
)


@dataclass(frozen=True)
class TimelineEntry:
    year: int | None
    date: str | None
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


@dataclass(frozen=True)
class Timeline:
    force: str
    question: str | None
    entries: tuple[TimelineEntry, ...]

    def to_json(self) -> str:
        return json.dumps(
            {
                "force": self.force,
                "question": self.question,
                "entries": [asdict(e) for e in self.entries],
            },
            indent=1,
            ensure_ascii=False,
        )

    def to_text(self, width: int = 100) -> str:
        import textwrap

        out = [f"Trace: {self.force}" + (f" / {self.question}" if self.question else "")]
        current_q = None
        current_year = None
        for e in self.entries:
            if e.question != current_q:
                current_q, current_year = e.question, None
                out += ["", f"== {e.question} =="]
            year = int(e.date[:4]) if e.date else e.year
            if year != current_year:
                current_year = year
                out += ["", f"{year}"]
            when = e.date or " " * 10
            what = e.event
            if e.grade:
                what += f": {e.grade}"
            if e.status:
                what += f": {e.status}"
            out.append(f"  {when}  {what}")
            body = e.text if e.text and not e.grade else None
            if body:
                out += textwrap.wrap(
                    body,
                    width,
                    initial_indent="      ",
                    subsequent_indent="      ",
                    max_lines=4,
                    placeholder=" …",
                )
            src = e.document + (f", p. {e.page}" if e.page else "")
            quote = " ".join(e.quote.split())
            if body is None or quote[:60] != " ".join(body.split())[:60]:
                out += textwrap.wrap(
                    f"“{quote}”",
                    width,
                    initial_indent="      ",
                    subsequent_indent="       ",
                    max_lines=3,
                    placeholder=" …”",
                )
            out.append(f"      — {src}")
        if not self.entries:
            out.append("(nothing found)")
        return "\n".join(out)

    def to_mermaid(self) -> str:
        """A Mermaid timeline an analyst can paste into a page."""
        lines = [
            "timeline",
            f"    title {self.force}" + (f": {self.question}" if self.question else ""),
        ]
        year = None
        for e in self.entries:
            label = (
                e.event
                + (f": {e.grade}" if e.grade else "")
                + (f": {e.status}" if e.status else "")
            )
            if e.date:
                label = f"{e.date} {label}"
            label = label.replace(":", " -").replace("\n", " ")
            if e.year != year:
                year = e.year
                lines.append(f"    {e.year} : {label}")
            else:
                lines.append(f"         : {label}")
        return "\n".join(lines)


def _event_rank(event: str) -> int:
    for i, prefix in enumerate(_EVENT_ORDER):
        if event.startswith(prefix):
            return i
    return len(_EVENT_ORDER)


def _when(e: TimelineEntry) -> str:
    return e.date if e.date else f"{e.year or 0}-99"


def find_finding(
    store: Any, phrase_or_iri: str, force: str | None = None
) -> tuple[str, str | None]:
    """(force IRI, question IRI) of a finding given by IRI or by a phrase of its text."""
    from peelgraph.query import run_saved

    params = {"force": force} if force else {}
    if phrase_or_iri.startswith("http"):
        res = run_saved(store, "findings", params)
        rows = [r for r in res.rows if r["finding"] and r["finding"].value == phrase_or_iri]
    else:
        rows = run_saved(store, "findings", {**params, "topic": phrase_or_iri}).rows
    if not rows:
        raise QueryError(
            f"no finding matches {phrase_or_iri!r}",
            hint="try `peelgraph query findings --param topic=WORD` to search findings",
        )

    # The earliest cause of concern or recommendation is where a thread starts.
    def rank(r: dict[str, Any]) -> tuple[int, int]:
        t = str(r["typeLabel"])
        return (int(str(r["year"])) if r.get("year") else 9999, _event_rank(t))

    best = min(rows, key=rank)
    q = best.get("question")
    force_value = best["force"]
    assert force_value is not None
    return force_value.value, q.value if q else None


def trace(store: Any, force: str, question: str | None = None) -> Timeline:
    """``force`` and ``question`` are anything the query parameters accept (names, tokens, IRIs)."""
    from peelgraph.query import run_saved
    from peelgraph.reference import forces

    params = {"force": force.rsplit("/", 1)[-1] if force.startswith("http") else force}
    if question:
        params["question"] = (
            question.rsplit("/", 1)[-1] if question.startswith("http") else question
        )
    res = run_saved(store, "trace", params)
    entries = []
    for r in res.rows:

        def s(k: str, r: dict[str, Any] = r) -> str | None:
            v = r.get(k)
            return None if v is None else str(v)

        entries.append(
            TimelineEntry(
                year=int(s("year")) if s("year") else None,  # type: ignore[arg-type]
                date=s("date"),
                event=s("event") or "",
                question=s("questionLabel"),
                item=s("item") or "",
                text=s("text"),
                grade=s("grade"),
                status=s("status"),
                quote=s("quote") or "",
                document=s("document") or "",
                page=int(s("page")) if s("page") else None,  # type: ignore[arg-type]
                start=int(s("start") or 0),
            )
        )
    # In date order: a dated event (a status, a letter) where its date falls; an undated
    # inspection finding or grade at the end of its inspection year, when reports appear.
    unique = {(e.item, e.event, e.document, e.start): e for e in entries}
    entries = sorted(
        unique.values(),
        key=lambda e: (e.question or "", _when(e), _event_rank(e.event), e.document, e.start),
    )
    name = forces.resolve(params["force"]).name
    return Timeline(name, question and params.get("question"), tuple(entries))
