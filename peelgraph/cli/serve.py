"""peelgraph serve: the SPARQL endpoint, saved queries over HTTP and the query page."""

from __future__ import annotations

from typing import Annotated

import typer

from peelgraph.cli.common import DEFAULT_STORE, StoreOpt


def serve_cmd(
    store: StoreOpt = DEFAULT_STORE,
    host: Annotated[
        str, typer.Option(help="Address to bind; loopback unless you mean otherwise.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 7878,
    timeout: Annotated[float, typer.Option(help="Per-query time limit in seconds.")] = 10.0,
    max_rows: Annotated[int, typer.Option(help="Most result rows a query returns.")] = 10_000,
    cors: Annotated[bool, typer.Option(help="Allow cross-origin requests.")] = False,
    workers: Annotated[
        int,
        typer.Option(min=1, help="Query worker processes: the most queries run at once."),
    ] = 2,
    memory_mb: Annotated[
        int,
        typer.Option(
            min=0, help="Each query worker's address space in MB (0: no cap).", metavar="MB"
        ),
    ] = 2048,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="Also answer requests addressed to this host name (repeatable; '*': any). "
            "Loopback names and --host are always answered.",
        ),
    ] = None,
) -> None:
    """Serve the graph: SPARQL 1.1 Protocol at /sparql, saved queries at /queries, a page at /."""
    import logging

    from peelgraph.cli.common import err
    from peelgraph.errors import UsageError
    from peelgraph.serve.app import ServerConfig, isolation_note, make_server

    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port}: not a port number", hint="ports run from 0 to 65535")
    # One line per request on stderr (uvicorn's access log), nothing more.
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        server = make_server(
            ServerConfig(
                store,
                host,
                port,
                timeout,
                max_rows,
                cors=cors,
                workers=workers,
                allow_hosts=tuple(allow_host or ()),
                memory_mb=memory_mb,
            )
        )
    except OSError as exc:  # the socket is bound in make_server: a port in use, a bad host
        import errno
        import os

        reason = (
            "the port is in use"
            if exc.errno == errno.EADDRINUSE
            else (os.strerror(exc.errno) if exc.errno else str(exc))
        )
        raise UsageError(
            f"{host}:{port}: cannot listen ({reason})",
            hint="another program holds that port: choose another --port, or stop it",
        ) from None
    note = isolation_note(server.pool)
    if note:
        err(note)
    typer.echo(
        f"peelgraph serving {store} at http://{host}:{port}/ (SPARQL at /sparql); Ctrl-C stops",
        err=True,
    )
    try:
        server.serve_forever()  # uvicorn stops cleanly on Ctrl-C
    finally:
        server.server_close()


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_cmd)
