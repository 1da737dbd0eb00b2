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
    jsonld = "jsonld"
    graphml = "graphml"
    gexf = "gexf"
    cytoscape = "cytoscape"
    html = "html"


class View(str, Enum):
    entities = "entities"
    lineage = "lineage"
    force = "force"
    rdf = "rdf"


def export_cmd(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.turtle,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (stdout if left out).", metavar="FILE"),
    ] = None,
    graph: Annotated[
        str | None, typer.Option(help="Only this named graph (RDF formats).", metavar="IRI")
    ] = None,
    view: Annotated[
        View, typer.Option(help="For graphml, gexf, cytoscape and html: the view to draw.")
    ] = View.entities,
    force: Annotated[
        str | None,
        typer.Option(help="Only this force (and required by --view force).", metavar="FORCE"),
    ] = None,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Export the graph: RDF (Turtle, N-Quads, TriG, JSON-LD) or a view for Gephi/Cytoscape."""
    from peelgraph.store.embedded import open_store

    s = open_store(store)
    if fmt.value in {"graphml", "gexf", "cytoscape", "html"}:
        from peelgraph.export.views import to_networkx, write_view

        data = write_view(to_networkx(s, view.value, force=force), fmt.value)
    else:
        from peelgraph.export.formats import export_rdf

        data = export_rdf(s, fmt.value, graph=graph)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        try:
            output.parent.mkdir(parents=True, exist_ok=True)  # -o out/seeds.nq makes out/
            output.write_bytes(data)
        except OSError as exc:
            from peelgraph.errors import UsageError

            raise UsageError(f"{output}: cannot write ({exc.strerror})") from None
        typer.echo(f"Wrote {output} ({len(data)} bytes).", err=True)


def register(app: typer.Typer) -> None:
    app.command("export")(export_cmd)
