"""peelgraph analytics: central partners, shared partners, longest chains, never followed up."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated, Any

import typer

from peelgraph.cli.common import DEFAULT_STORE, StoreOpt


class AnalyticsFormat(str, Enum):
    text = "text"
    json = "json"


_HEADINGS = {
    "central_organisations": "Most connected organisations (degree centrality)",
    "shared_partners": "Partners several forces work with (forces)",
    "longest_chain": "Longest chain of findings following one another up",
    "never_followed_up": "Findings no later document follows up",
}


def render_text(stats: dict[str, Any], width: int) -> str:
    """Each measure under a heading, one item a line, wrapped to ``width``."""
    import textwrap

    out: list[str] = []
    for key, items in stats.items():
        out += [""] if out else []
        out.append(_HEADINGS.get(key, key))
        for i, item in enumerate(items, 1):
            if isinstance(item, (list, tuple)):
                label, value = item
                text = f"{label}: {value}"
            else:
                text = str(item)
            out += textwrap.wrap(
                " ".join(text.split()),
                width,
                initial_indent=f"{i:>4}. ",
                subsequent_indent="      ",
            )
    return "\n".join(out)


def analytics_cmd(
    force: Annotated[str | None, typer.Option(help="Only this force.", metavar="FORCE")] = None,
    store: StoreOpt = DEFAULT_STORE,
    fmt: Annotated[
        AnalyticsFormat,
        typer.Option("--format", "-f", help="text (fitted to the terminal) or json."),
    ] = AnalyticsFormat.text,
) -> None:
    """Graph analytics over the entity and lineage views (networkx), as text or JSON."""
    import networkx as nx

    from peelgraph.cli.common import terminal_width
    from peelgraph.export.views import analytics, to_networkx
    from peelgraph.store.embedded import open_store

    s = open_store(store)
    g = nx.compose(to_networkx(s, "entities", force=force), to_networkx(s, "lineage", force=force))
    stats = analytics(g)
    if fmt is AnalyticsFormat.json:
        typer.echo(json.dumps(stats, indent=1, ensure_ascii=False))
    else:
        typer.echo(render_text(stats, terminal_width()))


def register(app: typer.Typer) -> None:
    app.command("analytics")(analytics_cmd)
