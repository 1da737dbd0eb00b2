"""peelgraph trace [FINDING] --force F --question Q: a finding's thread as a timeline."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from peelgraph.cli.common import DEFAULT_STORE, StoreOpt


class TraceFormat(str, Enum):
    text = "text"
    json = "json"
    mermaid = "mermaid"


def trace_cmd(
    finding: Annotated[
        str | None, typer.Argument(help="A finding's IRI or a phrase of its text.")
    ] = None,
    force: Annotated[
        str | None, typer.Option("--force", help="Force name, short name or slug.")
    ] = None,
    question: Annotated[
        str | None, typer.Option("--question", help="Question token, e.g. serious-organised-crime.")
    ] = None,
    fmt: Annotated[TraceFormat, typer.Option("--format", "-f")] = TraceFormat.text,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Show a finding's thread across years: recommendations, status history, later findings, grades."""
    from peelgraph.errors import QueryError
    from peelgraph.store import open_store
    from peelgraph.trace import find_finding, trace

    s = open_store(store)
    if finding:
        force_iri, question_iri = find_finding(s, finding, force)
        force, question = force_iri, question or question_iri
    if not force:
        raise QueryError(
            "say which finding or force to trace", hint="peelgraph trace --force gloucestershire"
        )
    timeline = trace(s, force, question)
    if fmt is TraceFormat.json:
        typer.echo(timeline.to_json())
    elif fmt is TraceFormat.mermaid:
        typer.echo(timeline.to_mermaid())
    else:
        typer.echo(timeline.to_text())


def register(app: typer.Typer) -> None:
    app.command("trace")(trace_cmd)
