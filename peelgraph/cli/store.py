"""peelgraph store check|repair: look at a store's pointer and versions, and mend the pointer."""

from __future__ import annotations

from typing import Any

import typer

from peelgraph.cli.common import DEFAULT_STORE, StoreOpt

store_app = typer.Typer(help="Check a store, or point it back at its newest complete version.")


def _show(report: Any) -> None:
    """Print a :class:`~peelgraph.store.files.StoreCheck`; exit 3 when the store needs attention."""
    typer.echo(report.summary())
    if not report.ok:
        raise typer.Exit(3)


@store_app.command("check")
def check_cmd(store: StoreOpt = DEFAULT_STORE) -> None:
    """Check the CURRENT pointer and read every version through (exit 3 if it needs attention)."""
    from peelgraph.store.files import check

    _show(check(store))


@store_app.command("repair")
def repair_cmd(store: StoreOpt = DEFAULT_STORE) -> None:
    """Point CURRENT at the newest version that checks out (nothing is deleted)."""
    from peelgraph.store.files import repair

    _show(repair(store))


def register(app: typer.Typer) -> None:
    app.add_typer(store_app, name="store")
