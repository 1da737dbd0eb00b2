"""peelgraph trace [FINDING] --force F --question Q: a finding's thread as a timeline."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from peelgraph.cli.common import (
    DEFAULT_STORE,
    StoreOpt,
    err,
    no_documents_hint,
    printable_text,
    terminal_width,
)

if TYPE_CHECKING:
    from peelgraph.query.trace import FindingMatch


class TraceFormat(str, Enum):
    text = "text"
    json = "json"
    mermaid = "mermaid"


def trace_cmd(
    finding: Annotated[
        str | None,
        typer.Argument(
            help="A finding's IRI or a phrase of its text.", metavar="FINDING", hidden=True
        ),
    ] = None,
    force: Annotated[
        str | None,
        typer.Option("--force", help="Force name, short name or slug.", metavar="FORCE"),
    ] = None,
    question: Annotated[
        str | None,
        typer.Option(
            "--question", help="Question token, e.g. serious-organised-crime.", metavar="TOKEN"
        ),
    ] = None,
    pick: Annotated[
        int | None,
        typer.Option(
            "--pick", min=1, metavar="N", help="Trace the Nth finding a phrase matches (as listed)."
        ),
    ] = None,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="Every entry with its full text, quote, document and page."
        ),
    ] = False,
    fmt: Annotated[TraceFormat, typer.Option("--format", "-f")] = TraceFormat.text,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Show a finding's thread across years: recommendations, status history, later findings, grades.

    FINDING: a finding's IRI, or a phrase of its text (when it matches findings of several
    threads, they are listed and --pick N chooses one). Each entry sits under the year of its event date, else its document's publication
    date, else its inspection year; text, JSON and Mermaid give the same entries in the
    same order.
    """
    from peelgraph.errors import PeelgraphError, UsageError
    from peelgraph.query.trace import choose, find_findings, trace
    from peelgraph.store.embedded import open_store

    if not finding and not force:
        raise UsageError(
            "say which finding or force to trace",
            hint='peelgraph trace --force gloucestershire, or peelgraph trace "a phrase"',
        )
    s = open_store(store)
    match = None
    if finding:
        matches = find_findings(s, finding, force)
        try:
            match = choose(matches, pick)
        except PeelgraphError:
            _list_matches(finding, matches)
            raise
        force, question = match.force, question or match.question
        if len(matches) > 1 and pick is None:
            err(f"{len(matches)} findings match, all in this thread; tracing it.")
        elif len(matches) > 1:
            err(f"Tracing finding {pick} of the {len(matches)} that match.")
    if match is not None and "/finding/national/" in match.finding:
        # A finding addressed to all forces has no one force's thread: its trace is each
        # force's progress on it, as `query national` gives it.
        _national(s, match, fmt)
        return
    assert force is not None
    timeline = trace(s, force, question, finding=match)
    if fmt is TraceFormat.json:
        typer.echo(timeline.to_json())  # JSON escapes control characters itself
    elif fmt is TraceFormat.mermaid:
        typer.echo(printable_text(timeline.to_mermaid()))
    else:
        typer.echo(printable_text(timeline.to_text(terminal_width(), verbose=verbose)))
    if not timeline.entries:
        no_documents_hint(store, force)


def _national(store: Any, match: FindingMatch, fmt: TraceFormat) -> None:
    """Each force's latest status on a national finding, its words and date; the pages that
    name no force said so; the forces with no page counted (``query national`` lists them)."""
    import json
    import textwrap

    from peelgraph.query import run_saved
    from peelgraph.query.timeline import shorten

    rows = [
        {k: None if v is None else str(v) for k, v in r.items()}
        for r in run_saved(store, "national", {"finding": match.finding}).rows
    ]
    tracked = [r for r in rows if r["record"] != "no page in the store"]
    missing = [r["forceName"] for r in rows if r["record"] == "no page in the store"]
    if fmt is TraceFormat.json:
        typer.echo(json.dumps({"finding": match.finding, "forces": rows}, indent=1))
        return
    if fmt is TraceFormat.mermaid:
        lines = [
            "timeline",
            f"    title National {match.type.lower()} - each force's latest status",
        ]
        for r in sorted(tracked, key=lambda r: r["latestDate"] or "9999"):
            when = (r["latestDate"] or "undated")[:4]
            what = f"{r['forceName']} - {r['latestStatus'] or 'no status'}"
            lines.append(f"    {when} : {' '.join(what.replace(':', ' -').split())}")
        typer.echo("\n".join(lines))
        return
    width = terminal_width()
    out = textwrap.wrap(
        f"National {match.type.lower()}: “{match.text}”", width, max_lines=3, placeholder="…”"
    )
    named = sum(r["record"] == "own page" for r in tracked)
    out.append(
        f"Tracked by {named} force(s) on their own pages and {len(tracked) - named} page(s) that"
        " name no force; the latest status of each:"
    )
    for r in tracked:
        date = r["latestDate"] or "undated"
        out.append(
            f"  {shorten(r['forceName'] or '', 28):28}  {r['latestStatus'] or 'no status':18}  {date}"
        )
        if r["record"] != "own page":
            out.append("    " + shorten(f"page names no force: {r['document']}", width - 4))
        if r["words"]:
            out.append("    “" + shorten(r["words"], width - 6) + "”")
        if r["address"]:
            out.append("    " + r["address"])
    out.append(f"No page in the store for {len(missing)} force(s) (query national lists them).")
    typer.echo("\n".join(out))


def _list_matches(phrase: str, matches: list[FindingMatch]) -> None:
    from peelgraph.query.timeline import shorten

    width = terminal_width()
    err(f"{len(matches)} findings match {phrase!r}:")
    for i, m in enumerate(matches, 1):
        err(f"{i:>4}. " + shorten(m.describe(), width - 6))
        err("      “" + shorten(m.text, width - 8) + "”")


def register(app: typer.Typer) -> None:
    app.command("trace")(trace_cmd)
