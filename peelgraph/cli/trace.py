"""peelgraph trace [FINDING] --force F --question Q: a finding's thread as a timeline."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated

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


def _list_matches(phrase: str, matches: list[FindingMatch]) -> None:
    from peelgraph.query.timeline import shorten

    width = terminal_width()
    err(f"{len(matches)} findings match {phrase!r}:")
    for i, m in enumerate(matches, 1):
        err(f"{i:>4}. " + shorten(m.describe(), width - 6))
        err("      “" + shorten(m.text, width - 8) + "”")


def register(app: typer.Typer) -> None:
    app.command("trace")(trace_cmd)
