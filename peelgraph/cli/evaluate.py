"""peelgraph eval GOLD.json --docs DIR: extraction quality against gold facts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer


def eval_cmd(
    gold: Annotated[
        Path | None, typer.Argument(help="A gold file.", metavar="GOLD", hidden=True)
    ] = None,
    *,
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
    index: Annotated[
        Path | None,
        typer.Option(
            "--index",
            help="Instead of a gold file: a corpus INDEX.md (file | kind | force | year); "
            "compares each document's kind, force and year with it.",
            metavar="INDEX",
        ),
    ] = None,
) -> None:
    """Precision, recall and F1 per fact type, the misses and false positives, the evidence
    check, and links by tier with their ranking (R@1, R@3, MRR).

    GOLD: a gold file of hand-checked facts (JSON; see shared/gold/README.md).
    With --index instead: agreement of kind, force and year with the INDEX, per field,
    and the disagreements (the mapping of its kinds: peelgraph.evaluate.index).
    """
    if index is not None:
        from peelgraph.evaluate.index import evaluate_index, report_json

        report = evaluate_index(index, docs)
        typer.echo(report_json(report) if as_json else report.to_text())
        return
    if gold is None:
        raise typer.BadParameter("give a GOLD file, or --index INDEX.md")
    from peelgraph.evaluate.facts import evaluate

    result = evaluate(gold, docs, weights)
    if as_json:
        typer.echo(json.dumps(result.to_json(), indent=1, ensure_ascii=False))
    else:
        typer.echo(result.to_text())


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_cmd)
