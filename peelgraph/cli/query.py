"""peelgraph query NAME|FILE.rq: run a saved query or a query file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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

if TYPE_CHECKING:
    from peelgraph.query import QueryResult, SavedQuery


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
    safe_csv: Annotated[
        bool,
        typer.Option(
            "--safe-csv",
            help="With --format csv: an apostrophe before values a spreadsheet would run as "
            "formulas (=, +, -, @).",
        ),
    ] = False,
    store: StoreOpt = DEFAULT_STORE,
    list_: Annotated[
        bool, typer.Option("--list", help="List the saved queries and their parameters.")
    ] = False,
    endpoint: Annotated[
        str | None,
        typer.Option(help="Run on a SPARQL endpoint instead of the local store.", metavar="URL"),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option(
            help="Time limit in seconds (a local query runs in a fenced process).", min=0.1
        ),
    ] = 300.0,
    memory_mb: Annotated[
        int,
        typer.Option(
            help="The query process's address space in MB (0: no cap).", min=0, metavar="MB"
        ),
    ] = 2048,
    user: UserOpt = None,
    password_env: PasswordEnvOpt = "PEELGRAPH_PASSWORD",
    auth: AuthOpt = "basic",
) -> None:
    """Run a saved SPARQL query by name with parameters, or any .rq file.

    QUERY: a saved query's name (--list shows them) or the path of a .rq file. Tables fit
    the terminal: IRIs are written as prefixed names (id:force/gwent) that any IRI
    parameter accepts back; --columns chooses what to show, --format csv gives it all.
    """
    from peelgraph.query import load_query, saved_queries

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
        result = run_fenced(store, q, parse_params(param), timeout=timeout, memory_mb=memory_mb)
    from peelgraph.cli.common import printable_text, terminal_width
    from peelgraph.cli.render import render

    chosen = [c.strip() for c in columns.split(",") if c.strip()] if columns else None
    out = render(result, fmt.value, terminal_width(), chosen, safe_csv=safe_csv)
    if fmt.value in {"csv", "tsv"} and sys.stdout.isatty():
        # Data for a terminal, not a file: its values' control characters shown escaped.
        out = printable_text(out.replace("\r\n", "\n"))
    typer.echo(out, nl=not out.endswith("\n"))
    if not result.rows and result.kind == "SELECT" and not endpoint:
        no_documents_hint(store, parse_params(param).get("force"))


def run_fenced(
    store: Path, q: SavedQuery, params: dict[str, str], *, timeout: float, memory_mb: int
) -> QueryResult:
    """Run ``q`` in a fenced worker process, as ``serve`` does (:mod:`peelgraph.serve.pool`).

    The engine can crash on a query (a chain of 100,000 ``+`` overflows its
    stack: a segmentation fault) or take all memory; in a worker with a capped
    address space and no network, that is a one-line error and exit 4, and the
    time limit is enforced by killing the worker, which a thread cannot do.
    """
    from peelgraph.query import bind_params
    from peelgraph.serve.pool import QueryPool
    from peelgraph.store.embedded import open_store

    open_store(store).close()  # a missing or damaged store: its own message, exit 3
    bindings = bind_params(q, params)  # a bad value fails here, before a process starts
    pool = QueryPool(store, 1, memory_mb=memory_mb, respawn=False)
    try:
        result: QueryResult = pool.run(q.text, timeout=timeout, bindings=bindings)
    finally:
        pool.close()
    return result


def register(app: typer.Typer) -> None:
    app.command("query")(query_cmd)
