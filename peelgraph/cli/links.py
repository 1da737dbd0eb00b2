"""peelgraph links fit / cv: the proposed-link scorer, fitted on gold links and cross-validated."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="The scorer of proposed links: refit its weights from gold links, or cross-validate it.",
    no_args_is_help=True,
)

GoldOpt = Annotated[
    list[Path],
    typer.Option("--gold", help="A gold file with links (repeat, one per --docs).", metavar="FILE"),
]
DocsOpt = Annotated[
    list[Path],
    typer.Option(
        "--docs", help="The folder of the documents the matching --gold names.", metavar="DIR"
    ),
]
L2Opt = Annotated[
    float,
    typer.Option(
        "--l2",
        help="Penalty on the weights (larger: simpler; 3 was chosen by the cross-validation).",
        metavar="NUMBER",
    ),
]


def _sets(gold: list[Path], docs: list[Path]) -> list[tuple[Path, Path]]:
    from peelgraph.errors import PeelgraphError

    if len(gold) != len(docs) or not gold:
        raise PeelgraphError("give each --gold file with its --docs folder, in the same order")
    return list(zip(gold, docs, strict=True))


@app.command("fit")
def fit_cmd(
    gold: GoldOpt,
    docs: DocsOpt,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Where to write the weights (default: the shipped file).",
            metavar="FILE",
        ),
    ] = None,
    l2: L2Opt = 3.0,
) -> None:
    """Fit the weights on the gold links of every set and write them."""
    from peelgraph.evaluate.linkbench import fit_sets
    from peelgraph.link.model import WEIGHTS_FILE

    model = fit_sets(_sets(gold, docs), l2=l2)
    target = out or WEIGHTS_FILE
    target.write_text(model.to_json() + "\n", encoding="utf-8")
    typer.echo(
        f"Wrote {target} (fitted on {model.fitted_on}; threshold {model.threshold})", err=True
    )


@app.command("cv")
def cv_cmd(
    gold: GoldOpt,
    docs: DocsOpt,
    l2: L2Opt = 3.0,
    as_json: Annotated[bool, typer.Option("--json", help="JSON for scripts.")] = False,
) -> None:
    """Measure each set with weights fitted on the other sets only (never on its own links)."""
    from peelgraph.evaluate.linkbench import cross_validate

    results = cross_validate(_sets(gold, docs), l2=l2)
    if as_json:
        typer.echo(json.dumps({name: rep.to_json() for name, rep in results}, indent=1))
        return
    for name, rep in results:
        typer.echo(rep.to_text(name))
        typer.echo("")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="links")
