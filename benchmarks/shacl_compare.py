"""pySHACL (the validator of record) against the in-store engine (the shapes compiled into
SPARQL) on the same store, as built and broken:

    python benchmarks/shacl_compare.py STORE [--skip-pyshacl]

Each engine validates the whole store from nothing (no cache), then a copy of it broken
in every way ``peelgraph.validate.breakage`` knows (each constraint component the shapes
use). Printed: wall and CPU seconds of each (CPU with the processes each starts), the
violations each finds, and whether the two sets of results agree (focus node, path,
constraint component, value, severity and message). pySHACL stays the validator of
record: the in-store engine is the default only while they agree.

Measured before this engine, rudof (a Rust SHACL engine, ``pyrudof``) found the same
violations as pySHACL on the same batches, 1.65x faster: not enough for the country.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def _cpu() -> float:
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def results(store: Any, engine: str) -> tuple[set[tuple[Any, ...]], float, float]:
    """Every result an engine gives (before the parts are merged), wall and CPU seconds."""
    from peelgraph.graph import iris
    from peelgraph.validate import instore, shacl
    from peelgraph.validate.cache import ResultCache

    names = {f"{iris.ID}doc/{d}": m.get("name", d) for d, m in store.documents.items()}
    t, c = time.perf_counter(), _cpu()
    if engine == "pyshacl":
        _, parts, _ = shacl._pyshacl_batches(store, names, ResultCache(None), 2)
    else:
        _, parts = instore.validate_graphs(store, names, ResultCache(None))
    wall, cpu = time.perf_counter() - t, _cpu() - c
    found = {
        (v.focus, v.path, v.component, v.value, v.severity, v.message)
        for part in parts.values()
        for v in part.violations
    }
    return found, wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--skip-pyshacl", action="store_true", help="time the in-store engine only")
    args = ap.parse_args()
    from peelgraph.store.embedded import open_store
    from peelgraph.validate.breakage import BREAKAGES, break_store
    from peelgraph.validate.cache import CACHE_FILE

    engines = ["in-store"] + ([] if args.skip_pyshacl else ["pyshacl"])
    with tempfile.TemporaryDirectory(prefix="shacl-compare-") as tmp:
        broken = Path(tmp) / "store"
        shutil.copytree(args.store, broken)
        (broken / CACHE_FILE).unlink(missing_ok=True)
        break_store(broken)
        for label, root in (("as built", args.store), (f"broken {len(BREAKAGES)} ways", broken)):
            store = open_store(root)
            found = {}
            for engine in engines:
                found[engine], wall, cpu = results(store, engine)
                print(
                    f"{label}: {engine} {wall:.1f} s wall, {cpu:.1f} s CPU, "
                    f"{len(found[engine])} results"
                )
            if len(found) == 2:
                a, b = found["in-store"], found["pyshacl"]
                print(
                    f"{label}: the same results: {a == b}"
                    + (
                        ""
                        if a == b
                        else f" (only in-store {sorted(a - b)[:3]}, only pySHACL {sorted(b - a)[:3]})"
                    )
                )
            store.close()


if __name__ == "__main__":
    main()
