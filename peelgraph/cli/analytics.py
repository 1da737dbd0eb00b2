"""peelgraph analytics: central partners, shared partners, longest chains, never followed up."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from peelgraph.cli.common import DEFAULT_STORE, StoreOpt


def analytics_cmd(
    force: Annotated[str | None, typer.Option(help="Only this force.", metavar="FORCE")] = None,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Graph analytics over the entity and lineage views (networkx), as JSON."""
    import networkx as nx

    from peelgraph.export.views import analytics, to_networkx
    from peelgraph.store.embedded import open_store

    s = open_store(store)
    g = nx.compose(to_networkx(s, "entities", force=force), to_networkx(s, "lineage", force=force))
    typer.echo(json.dumps(analytics(g), indent=1, ensure_ascii=False))


def register(app: typer.Typer) -> None:
    app.command("analytics")(analytics_cmd)
