"""peelgraph export: the graph in standard RDF formats."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from peelgraph.cli.common import DEFAULT_STORE, StoreOpt


class ExportFormat(str, Enum):
    turtle = "turtle"
    nquads = "nquads"
    trig = "trig"
    ntriples = "ntriples"


def export_cmd(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.turtle,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (stdout if left out).")
    ] = None,
    graph: Annotated[str | None, typer.Option(help="Only this named graph.")] = None,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Export the graph: Turtle (union of graphs, pretty), N-Quads or TriG (named graphs kept)."""
    from peelgraph.export import export_rdf
    from peelgraph.store import open_store

    data = export_rdf(open_store(store), fmt.value, graph=graph)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)
        typer.echo(f"Wrote {output} ({len(data)} bytes).", err=True)


def register(app: typer.Typer) -> None:
    app.command("export")(export_cmd)
