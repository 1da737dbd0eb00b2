"""peelgraph push --endpoint URL: load every named graph into a remote triple store."""

from __future__ import annotations

from typing import Annotated

import typer

from peelgraph.cli.common import (
    DEFAULT_STORE,
    AuthOpt,
    PasswordEnvOpt,
    StoreOpt,
    UserOpt,
    credentials,
    err,
)


def push_cmd(
    endpoint: Annotated[
        str,
        typer.Option(
            help="Graph Store HTTP Protocol endpoint, e.g. http://host:8890/sparql-graph-crud-auth",
            metavar="URL",
        ),
    ],
    store: StoreOpt = DEFAULT_STORE,
    user: UserOpt = None,
    password_env: PasswordEnvOpt = "PEELGRAPH_PASSWORD",
    auth: AuthOpt = "basic",
    graph: Annotated[
        list[str] | None,
        typer.Option("--graph", help="Push only this graph (repeatable).", metavar="IRI"),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no summary line.")
    ] = False,
) -> None:
    """PUT each named graph to a SPARQL 1.1 Graph Store (replacing it there: pushing twice is safe)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from peelgraph.query.remote import push
    from peelgraph.store.embedded import open_store

    s = open_store(store)
    graphs = graph or s.named_graphs()
    creds = credentials(user, password_env, auth)
    with Progress(
        TextColumn("[bold]pushing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=quiet,
        transient=True,
    ) as progress:
        task = progress.add_task("push", total=len(graphs))
        report = push(
            s,
            endpoint,
            credentials=creds,
            graphs=graphs,
            progress=lambda g: progress.update(task, advance=1),
        )
    if not quiet:
        err(
            f"Pushed {report.graphs} graph(s), {report.triples} triples "
            f"({report.bytes / 1e6:.1f} MB) to {endpoint} in {report.seconds:.1f} s."
        )


def register(app: typer.Typer) -> None:
    app.command("push")(push_cmd)
