"""peelgraph coverage DOCS...: every cue that signals a fact, and what reads it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def coverage_cmd(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files or folders.", metavar="DOCS", hidden=True),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON for scripts: every cue with what reads it.")
    ] = False,
    show_all: Annotated[
        bool,
        typer.Option("--all", help="List every cue, not only those not read."),
    ] = False,
) -> None:
    """Per document, the cues that signal a fact (grade words, "should", "area for
    improvement", references to earlier inspections, status words) that no extracted fact
    accounts for and no named rule rules out; then the totals per cue kind and per rule.

    DOCS: files or folders of PDF, HTML, text or markdown documents. Exit 1 if some could
    not be read (one error line each on stderr; the others are reported).
    """
    from peelgraph.cli.common import printable
    from peelgraph.evaluate.coverage import coverage
    from peelgraph.ingest.read import collect_inputs

    files = collect_inputs(paths)
    if not files:
        typer.echo("Error: no PDF, HTML, text or markdown files found in the given paths", err=True)
        raise typer.Exit(2)
    report = coverage(files)
    typer.echo(report.json() if as_json else report.to_text(show_all, printable))
    # As in a build: one line per file that cannot be read, the others reported, exit 1.
    for _, message in report.failures:
        typer.echo(f"Error: {printable(message)}", err=True)
    if report.failures:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("coverage")(coverage_cmd)
