"""peelgraph eval GOLD.json --docs DIR: extraction quality against gold facts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer


def eval_cmd(
    gold: Annotated[Path, typer.Argument(help="A gold file.", metavar="GOLD", hidden=True)],
    docs: Annotated[
        Path,
        typer.Option("--docs", help="Folder holding the documents the gold names.", metavar="DIR"),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON for scripts instead of the table.")
    ] = False,
    weights: Annotated[
        Path | None,
        typer.Option(
            "--weights",
            help="Score proposed links with these fitted weights (from `peelgraph links fit`) "
            "instead of the shipped ones.",
            metavar="FILE",
        ),
    ] = None,
) -> None:
    """Precision, recall and F1 per fact type, the misses and false positives, the evidence
    check, and links by tier with their ranking (R@1, R@3, MRR).

    GOLD: a gold file of hand-checked facts (JSON; see shared/gold/README.md).
    """
    from peelgraph.evaluate.facts import evaluate

    result = evaluate(gold, docs, weights)
    if as_json:
        typer.echo(json.dumps(result.to_json(), indent=1, ensure_ascii=False))
    else:
        typer.echo(result.to_text())


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_cmd)
