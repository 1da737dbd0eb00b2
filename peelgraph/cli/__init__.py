"""The ``peelgraph`` command: a thin typer layer over the library.

Data goes to stdout, messages to stderr. Library errors are caught here and
printed as ``Error: ...`` with their exit code (see peelgraph.errors).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from peelgraph.errors import PeelgraphError

app = typer.Typer(
    name="peelgraph",
    help="Police inspection reports of England and Wales as a knowledge graph you can query.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Click's plain help: it keeps choice lists whole and names no Python types, where the
    # boxed help cut "turtle" across lines and showed placeholders like <bool> at 80 columns.
    rich_markup_mode=None,
)


def _print_version(value: bool) -> None:
    if value:
        from peelgraph import __version__

        typer.echo(f"peelgraph {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Police inspection reports of England and Wales as a knowledge graph you can query."""


def _register() -> None:
    from peelgraph.cli import (
        analytics,
        build,
        coverage,
        evaluate,
        export,
        links,
        push,
        query,
        serve,
        store,
        trace,
        validate,
    )

    for mod in (
        build,
        validate,
        query,
        trace,
        export,
        analytics,
        serve,
        push,
        evaluate,
        coverage,
        links,
        store,
    ):
        mod.register(app)


_register()


def main() -> None:
    try:
        # Without standalone mode, click returns the code of typer.Exit instead of exiting.
        code = app(standalone_mode=False)
    except PeelgraphError as exc:
        from peelgraph.cli.common import printable

        # One line each, whatever the message quotes (a query's text, a file's name).
        typer.echo(f"Error: {printable(exc.message)}", err=True)
        if exc.hint:
            typer.echo(f"Hint: {printable(exc.hint)}", err=True)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("Aborted.", err=True)
        sys.exit(130)
    except Exception as exc:
        # Usage errors from typer's click (vendored in recent typer): print, exit 2.
        show = getattr(exc, "show", None)
        if callable(show) and hasattr(exc, "exit_code"):
            show()
            sys.exit(int(exc.exit_code))
        raise
    sys.exit(code if isinstance(code, int) else 0)
