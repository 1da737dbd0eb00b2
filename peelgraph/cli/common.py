"""Options shared by the commands."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:  # the CLI imports remote only when a command needs it
    from peelgraph.remote import Credentials

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


def printable(text: str) -> str:
    """``text`` with control and format characters escaped (``\\n``, ``\\u202e``).

    A file may be named with a newline (a forged extra line in the build table)
    or a right-to-left override (a name that reads backwards): shown as escapes,
    what is printed is what is on disk.
    """
    import unicodedata

    return "".join(
        ch
        if unicodedata.category(ch) not in {"Cc", "Cf", "Zl", "Zp"}
        else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )


def err(message: str) -> None:
    typer.echo(message, err=True)


UserOpt = Annotated[str | None, typer.Option("--user", help="User name for the remote endpoint.")]
PasswordEnvOpt = Annotated[
    str,
    typer.Option(
        "--password-env",
        help="Environment variable holding the password (kept off the command line).",
    ),
]
AuthOpt = Annotated[str, typer.Option("--auth", help="HTTP authentication: basic or digest.")]


def credentials(user: str | None, password_env: str, auth: str) -> Credentials | None:
    """Credentials for a remote endpoint, or None when no user is given."""
    import os

    from peelgraph.remote import Credentials, RemoteError

    if user is None:
        return None
    password = os.environ.get(password_env)
    if password is None:
        raise RemoteError(
            f"--user {user} given but the environment variable {password_env} is not set",
            hint=f"export {password_env}=... (the password is read from there)",
        )
    return Credentials(user, password, auth.lower())
