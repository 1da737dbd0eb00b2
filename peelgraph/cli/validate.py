"""peelgraph validate: SHACL validation with a readable report."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from peelgraph.cli.common import DEFAULT_STORE, StoreOpt, fit, printable_text


class Engine(str, Enum):
    in_store = "in-store"
    pyshacl = "pyshacl"


def validate_cmd(
    store: StoreOpt = DEFAULT_STORE,
    report: Annotated[
        Path | None,
        typer.Option(help="Also write the raw SHACL report (Turtle) here.", metavar="FILE"),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", help="Processes for pySHACL's batches (0: all cores).", metavar="N"
        ),
    ] = 0,
    engine: Annotated[
        Engine,
        typer.Option(
            help="in-store: the shapes as SPARQL inside the store (fast); pyshacl: pySHACL "
            "over batches of the store, the validator of record (same violations, slower)."
        ),
    ] = Engine.in_store,
) -> None:
    """Check the graph against peelgraph's SHACL shapes (exit 1 if it does not conform)."""
    import os

    from peelgraph.store.embedded import open_store
    from peelgraph.validate.shacl import validate_store

    n_jobs = jobs if jobs > 0 else (os.cpu_count() or 1)
    result = validate_store(open_store(store), jobs=n_jobs, engine=engine.value)
    typer.echo(printable_text(fit(result.summary())))  # violations quote the graph's values
    if report is not None:
        report.write_text(result.raw_turtle)
    if not result.conforms:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_cmd)
