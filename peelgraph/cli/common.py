"""Options shared by the commands."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from peelgraph.store.embedded import DEFAULT_STORE as DEFAULT_STORE  # one default, the store's

if TYPE_CHECKING:  # the CLI imports remote only when a command needs it
    from peelgraph.query.remote import Credentials

StoreOpt = Annotated[
    Path,
    typer.Option(
        "--store",
        "-s",
        help="Store folder (created by build).",
        envvar="PEELGRAPH_STORE",
        metavar="DIR",
    ),
]


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    turtle = "turtle"


def parse_params(values: list[str] | None) -> dict[str, str]:
    from peelgraph.errors import UsageError

    out: dict[str, str] = {}
    for item in values or []:
        if "=" not in item:
            raise UsageError(f"--param {item!r} is not name=value", hint=f"--param {item}=VALUE")
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

    def shown(ch: str) -> str:
        category = unicodedata.category(ch)
        if category not in {"Cc", "Cf", "Zl", "Zp", "Cs"}:
            return ch
        if category == "Cs" and 0xDC80 <= ord(ch) <= 0xDCFF:
            return f"\\x{ord(ch) - 0xDC00:02x}"  # a byte of a file name that is not UTF-8
        return ch.encode("unicode_escape", "backslashreplace").decode("ascii")

    return "".join(shown(ch) for ch in text)


def printable_text(text: str) -> str:
    """Like :func:`printable` for text of several lines: line ends and tabs kept.

    What peelgraph prints to a terminal goes through this: a document's or a
    query's text holding ``ESC]0;...BEL`` (retitles the terminal) or a
    right-to-left override (shows a line backwards) is shown escaped.
    """
    return "\n".join(
        "\t".join(printable(part) for part in line.split("\t")) for line in text.split("\n")
    )


def err(message: str) -> None:
    typer.echo(printable_text(message), err=True)


def no_documents_hint(store: Path, force: str | None) -> None:
    """After an empty answer about a force: say on stderr when the store holds nothing on it."""
    if not force:
        return
    from peelgraph.reference import forces
    from peelgraph.store.embedded import open_store

    found = forces.resolve(force.rsplit("/", 1)[-1] if force.startswith("http") else force)
    if not any(m.get("force") == found.slug for m in open_store(store).documents.values()):
        err(f"No document about {found.name} is in the store ({store}).")
        err(f"Hint: peelgraph build FILES --store {store}, with documents about {found.name}")


def terminal_width() -> int:
    """Columns to fit output to: the terminal's (or $COLUMNS), 100 when piped, within 60-160."""
    import shutil

    return max(60, min(160, shutil.get_terminal_size((100, 24)).columns))


def fit(text: str, width: int | None = None, *, indent: int = 2) -> str:
    """``text`` with each line wider than ``width`` (the terminal's) wrapped at words, its
    continuation lines indented ``indent`` past the line's own indent. A single word wider
    than the line (an address) is left whole, so a terminal can still open it."""
    import textwrap

    width = width or terminal_width()
    out: list[str] = []
    for line in text.splitlines():
        if len(line) <= width:
            out.append(line)
            continue
        lead = " " * (len(line) - len(line.lstrip()))
        out += textwrap.wrap(
            line.strip(),
            width,
            initial_indent=lead,
            subsequent_indent=lead + " " * indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
    return "\n".join(out)


UserOpt = Annotated[
    str | None, typer.Option("--user", help="User name for the remote endpoint.", metavar="NAME")
]
PasswordEnvOpt = Annotated[
    str,
    typer.Option(
        "--password-env",
        help="Environment variable holding the password (kept off the command line).",
        metavar="VAR",
    ),
]
AuthOpt = Annotated[
    str, typer.Option("--auth", help="HTTP authentication: basic or digest.", metavar="KIND")
]


def credentials(user: str | None, password_env: str, auth: str) -> Credentials | None:
    """Credentials for a remote endpoint, or None when no user is given."""
    import os

    from peelgraph.errors import UsageError
    from peelgraph.query.remote import Credentials

    if user is None:
        return None
    password = os.environ.get(password_env)
    if password is None:
        # What the command line asked for is missing: usage (exit 2), not the store's fault.
        raise UsageError(
            f"--user {user} given but the environment variable {password_env} is not set",
            hint=f"export {password_env}=... (the password is read from there)",
        )
    return Credentials(user, password, auth.lower())
