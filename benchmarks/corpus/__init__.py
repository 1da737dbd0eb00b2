"""A synthetic full-country PEEL corpus, for benchmarks at scale.

The generator writes documents in the forms real ones take in every PEEL year:
inspection reports per pillar (2014-2017), the integrated 2018/19 assessment and
the five-point reports of 2021/22 and 2023/25; the inspectorate's force pages in
each year's layout (2014 effectiveness pages, 2015-2017 summary and pillar
pages, 2018/19 pages with a carried-over grade) inside their site furniture;
recommendation pages in raw markup and rendered, a force's own and national ones
tracked on each force's page (some never naming their force); register entries
of thematic inspections; chief constables' letters; commissioners' statements
(some dated only) and index pages; the inspectorate's press releases and its
national grades tables. Each force carries a history: findings raised one year
are referred back to later ("In 2016, we identified ..."), addressed or not.
Roughly a quarter of the reports are PDFs, about half of the pages HTML.

Nothing here is known to the pipeline: the documents go through the real ingest
and extractors. ``manifest.json`` records what each file is and holds (kind,
force or national, year and label, every grade with who reports it, findings
with scope) so that the benchmark can check extraction on documents it never saw.

Usage::

    python benchmarks/corpus --scale 10 --out benchmarks/.corpus/scale-10
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from .common import DocSpec
from .history import corpus_documents

GENERATOR_VERSION = 6  # bump when the output changes, so cached corpora are rebuilt

__all__ = ["GENERATOR_VERSION", "DocSpec", "full_size", "generate", "main"]


def full_size(seed: int = 7) -> int:
    """Documents in the 100 % corpus: every force's whole history and the national ones."""
    return sum(1 for _ in corpus_documents(seed))


def _write(out: Path, spec: DocSpec, text: str, media: str) -> None:
    from peelgraph.evaluate.testing import make_pdf

    path = out / spec.file
    path.parent.mkdir(parents=True, exist_ok=True)
    if media == "pdf":
        make_pdf(path, text)
    else:
        path.write_text(text, encoding="utf-8")


def generate(out: Path, scale: float, *, seed: int = 7, quiet: bool = False) -> list[DocSpec]:
    """Write the corpus at ``scale`` percent into ``out`` (reused when already there).

    Smaller scales take whole force histories in a fixed random order (the last
    one cut short) with national documents in proportion, so links across years
    stay intact; scales above 100 add further rounds under other seeds.
    """
    target = max(1, round(full_size(seed) * scale / 100))
    stamp = {"version": GENERATOR_VERSION, "scale": scale, "seed": seed}
    manifest = out / "manifest.json"
    if manifest.exists():
        saved = json.loads(manifest.read_text())
        if saved.get("stamp") == stamp:
            return [DocSpec(**d) for d in saved["documents"]]
    out.mkdir(parents=True, exist_ok=True)
    specs: list[DocSpec] = []
    rounds = 0
    while len(specs) < target:
        prefix = f"round-{rounds}/" if rounds else ""
        for spec, text, media in corpus_documents(seed + rounds):
            if len(specs) >= target:
                break
            spec.file = prefix + spec.file
            _write(out, spec, text, media)
            specs.append(spec)
            if not quiet and len(specs) % 100 == 0:
                print(f"  generated {len(specs)}/{target} documents", file=sys.stderr)
        rounds += 1
    manifest.write_text(
        json.dumps({"stamp": stamp, "documents": [asdict(s) for s in specs]}, indent=1)
    )
    return specs


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="percent of the full country corpus")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    out = args.out or Path(__file__).parent.parent / ".corpus" / f"scale-{args.scale:g}"
    specs = generate(out, args.scale, seed=args.seed)
    print(f"{len(specs)} documents in {out}")
