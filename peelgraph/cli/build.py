"""peelgraph build PATH...: read documents into the store."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from peelgraph.cli.common import DEFAULT_STORE, StoreOpt, err, printable
from peelgraph.pipeline import BuildReport


def _docs_per_second_column() -> Any:
    from rich.progress import ProgressColumn
    from rich.text import Text

    class DocsPerSecond(ProgressColumn):
        """Documents per second, once there is a rate to show."""

        def render(self, task: Any) -> Text:
            return Text(f"{task.speed:.1f} docs/s" if task.speed else "")

    return DocsPerSecond()


def build_cmd(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files or folders.", metavar="PATH", hidden=True),
    ],
    store: StoreOpt = DEFAULT_STORE,
    strict: Annotated[
        bool, typer.Option(help="Any failing file fails the build; the store is left unchanged.")
    ] = False,
    rebuild: Annotated[
        bool, typer.Option(help="Start from an empty store instead of updating it.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar, no table of documents.")
    ] = False,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", help="Processes for extraction (0: all cores).", metavar="N"),
    ] = 0,
    index: Annotated[
        Path | None,
        typer.Option(
            help="A CSV or Markdown table of file names and their public addresses "
            "('file' and 'address' or 'url' columns): each document's dcterms:source.",
            metavar="FILE",
        ),
    ] = None,
) -> None:
    """Build (or update) the graph: one named graph per document, replaced when it changes.

    PATH: files or folders of PDF, HTML, text or markdown documents. The table of documents built goes to stdout; progress, warnings and errors to stderr.
    """
    from peelgraph.ingest.read import collect_inputs
    from peelgraph.pipeline import build

    addresses = None
    if index is not None:
        from peelgraph.ingest.address import read_index

        addresses = read_index(index)  # a usage error (exit 2) names the index
    files = collect_inputs(paths, warn=lambda line: err(f"warning: {printable(line)}"))
    if not files:
        err("Error: no PDF, HTML, text or markdown files found in the given paths")
        raise typer.Exit(2)
    import os

    n_jobs = jobs if jobs > 0 else (os.cpu_count() or 1)
    with _progress(len(files), quiet) as tick:
        report = build(
            files,
            store,
            strict=strict,
            rebuild=rebuild,
            jobs=n_jobs,
            progress=tick,
            addresses=addresses,
        )
    for f in report.failures:
        err(f"Error: {printable(f.path)}: {printable(f.message)}")
    for dup, first in report.duplicates:
        err(f"Skipped: {printable(dup)}: same content as {printable(first)}")
    if not quiet:
        _summary(report, store)
        if unread := _unread_line(report.unread()):
            err(unread)
    if report.failures:
        raise typer.Exit(1)


@contextlib.contextmanager
def _progress(total: int, quiet: bool) -> Iterator[Callable[[str], None] | None]:
    """The progress bar's tick for each file (None with ``--quiet``: no bar, and neither
    rich imported nor a tick per file: a one-document rebuild of the full country ticks
    1,784 unchanged files, 0.1 s of it, for a bar that is never shown)."""
    if quiet:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]building"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        _docs_per_second_column(),
        TextColumn("{task.fields[name]}"),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("build", total=total, name="")

        def tick(name: str) -> None:
            progress.update(task, advance=1, name=printable(Path(name).name))

        yield tick


def _unread_line(unread: dict[str, int]) -> str | None:
    """One line for the cues no fact accounts for: "14 grade cues not read: ..."."""
    from peelgraph.extract.cues import CUE_KINDS

    parts = [
        f"{unread[k]} {k} cue{'s' if unread[k] != 1 else ''}" for k in CUE_KINDS if unread.get(k)
    ]
    if not parts:
        return None
    return f"{', '.join(parts)} not read: peelgraph coverage shows them"


def _summary(report: BuildReport, store: Path) -> None:
    """The table of documents built and the store's counts on stdout; warnings on stderr."""
    from peelgraph.cli.common import terminal_width

    out = typer.echo
    if report.built:
        # The kind and the counts keep their widths (50 columns with the spaces); the file
        # name and the force share the rest of the terminal, 32 and 18 of it at 100 columns.
        room = terminal_width() - 50
        dw = max(12, room * 32 // 50)
        fw = max(8, room - dw)
        out(
            f"{'document':{dw}} {'kind':20} {'force':{fw}} {'year':>4} {'judg':>4} {'find':>4} {'stat':>4} {'triples':>7}"
        )
        for d in report.built:
            c = d.counts
            out(
                f"{printable(Path(d.path).name)[:dw]:{dw}} {d.kind[:20]:20} {d.force_label[:fw]:{fw}} {d.year or '':>4} "
                f"{c['judgements']:>4} {c['findings']:>4} {c['status_events']:>4} {d.triples:>7}"
            )
            for w in d.warnings:
                err(f"warning: {Path(d.path).name}: {w}")
    if report.unchanged:
        out(f"{len(report.unchanged)} document(s) unchanged since the last build.")
    from peelgraph.errors import StoreError
    from peelgraph.store.embedded import open_store

    try:
        s = open_store(store)
    except StoreError:
        total = ""  # nothing was built (every file failed)
    else:
        statements, distinct = s.counts()
        total = f"; {statements} statements in its named graphs, {distinct} distinct triples"
        s.close()
    # One line, never wrapped: scripts read its counts.
    out(f"Built {len(report.built)} document(s), {len(report.failures)} failed{total} ({store}).")


def register(app: typer.Typer) -> None:
    app.command("build")(build_cmd)
