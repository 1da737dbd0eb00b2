"""Options shared by the commands."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

StoreOpt = Annotated[
    Path,
    typer.Option(
        "--store", "-s", help="Store folder (created by build).", envvar="PEELGRAPH_STORE"
    ),
]
DEFAULT_STORE = Path(".peelgraph")


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    turtle = "turtle"


def parse_params(values: list[str] | None) -> dict[str, str]:
    from peelgraph.errors import QueryError

    out: dict[str, str] = {}
    for item in values or []:
        if "=" not in item:
            raise QueryError(f"--param {item!r} is not name=value")
        k, v = item.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def err(message: str) -> None:
    typer.echo(message, err=True)
