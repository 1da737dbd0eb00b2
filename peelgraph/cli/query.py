"""peelgraph query NAME|FILE.rq: run a saved query or a query file."""

from __future__ import annotations

from typing import Annotated

import typer

from peelgraph.cli.common import (
    DEFAULT_STORE,
    AuthOpt,
    OutputFormat,
    PasswordEnvOpt,
    StoreOpt,
    UserOpt,
    credentials,
    no_documents_hint,
    parse_params,
)


def query_cmd(
    query: Annotated[
        str | None,
        typer.Argument(help="A saved query's name, or a .rq file.", metavar="QUERY", hidden=True),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="A parameter, repeatable.", metavar="NAME=VALUE"),
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns", "-c", help="The table's columns, comma-separated.", metavar="A,B,..."
        ),
    ] = None,
    store: StoreOpt = DEFAULT_STORE,
    list_: Annotated[
        bool, typer.Option("--list", help="List the saved queries and their parameters.")
    ] = False,
    endpoint: Annotated[
        str | None,
        typer.Option(help="Run on a SPARQL endpoint instead of the local store.", metavar="URL"),
    ] = None,
    user: UserOpt = None,
    password_env: PasswordEnvOpt = "PEELGRAPH_PASSWORD",
    auth: AuthOpt = "basic",
) -> None:
    """Run a saved SPARQL query by name with parameters, or any .rq file.

    QUERY: a saved query's name (--list shows them) or the path of a .rq file. Tables fit
    the terminal: IRIs are written as prefixed names (id:force/gwent) that any IRI
    parameter accepts back; --columns chooses what to show, --format csv gives it all.
    """
    from peelgraph.query import load_query, run_saved, saved_queries

    if list_ or query is None:
        from peelgraph.cli.common import fit

        for q in saved_queries().values():
            typer.echo(fit(f"{q.name}: {q.summary}"))
            for p in q.params:
                need = "required" if p.required else "optional"
                typer.echo(fit(f"    --param {p.name}=...  ({p.type}, {need}) {p.description}"))
        return
    q = load_query(query)  # fail on an unknown name before opening the store
    if endpoint:
        from peelgraph.query import bind_params
        from peelgraph.query.remote import run_remote

        result = run_remote(
            endpoint,
            q.text,
            bind_params(q, parse_params(param)),
            credentials=credentials(user, password_env, auth),
        )
    else:
        from peelgraph.store.embedded import open_store

        result = run_saved(open_store(store), query, parse_params(param))
    from peelgraph.cli.common import terminal_width
    from peelgraph.cli.render import render

    chosen = [c.strip() for c in columns.split(",") if c.strip()] if columns else None
    out = render(result, fmt.value, terminal_width(), chosen)
    typer.echo(out, nl=not out.endswith("\n"))
    if not result.rows and result.kind == "SELECT" and not endpoint:
        no_documents_hint(store, parse_params(param).get("force"))


def register(app: typer.Typer) -> None:
    app.command("query")(query_cmd)
