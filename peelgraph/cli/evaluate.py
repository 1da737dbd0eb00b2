"""peelgraph eval GOLD.json --docs DIR: extraction quality against gold facts."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    return None
