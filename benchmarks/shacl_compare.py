"""pySHACL against rudof (a Rust SHACL engine, ``pip install pyrudof``) on the same shapes
and data: the validation batches of a built store, as they are and broken.

    python benchmarks/shacl_compare.py STORE [--limit N]

Each batch is validated by both engines; a broken copy of it (every third
``oa:exact`` and every fifth ``peel:text`` removed, an ``xsd:date`` made a plain
string) too. Printed: seconds per engine, and whether both find the same
violations (focus node and path) on each batch. pySHACL stays the validator of
record unless rudof finds the same violations everywhere and is clearly faster.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

SH = "http://www.w3.org/ns/shacl#"


def broken(data: bytes) -> bytes:
    """The batch with violations put in: missing quotes and texts, a date as a string."""
    out = []
    exact = text = 0
    for ln in data.splitlines():
        if b"<http://www.w3.org/ns/oa#exact>" in ln:
            exact += 1
            if exact % 3 == 0:
                continue
        if b"<https://w3id.org/peelgraph/ontology#text>" in ln:
            text += 1
            if text % 5 == 0:
                continue
        ln = re.sub(
            rb'"(\d{4}-\d{2}-\d{2})"\^\^<http://www.w3.org/2001/XMLSchema#date>', rb'"\1"', ln
        )
        out.append(ln)
    return b"\n".join(out)


def pyshacl_violations(data: bytes) -> set[tuple[str, str]]:
    from peelgraph.validate.shacl import _validate_part

    report = _validate_part(data, {})
    return {(v.focus, v.path or "") for v in report.violations}


def rudof_violations(data: bytes, shapes: str) -> set[tuple[str, str]]:
    import pyrudof

    r = pyrudof.Rudof(pyrudof.RudofConfig())
    r.read_data(data.decode("utf-8"), format=pyrudof.RDFFormat.NTriples)
    r.read_shacl(shapes)
    report = r.validate_shacl()
    out = set()
    for v in report.violations:
        path = v.path
        path = path() if callable(path) else path
        text = str(path or "").strip("<>")
        out.add((str(v.focus_node).strip("<>"), text))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--limit", type=int, default=0, help="at most this many batches")
    args = ap.parse_args()
    from peelgraph.resources import list_resources
    from peelgraph.store.embedded import open_store
    from peelgraph.validate.batches import partitions

    shapes = "\n".join(
        Path(p).read_text(encoding="utf-8") for p in list_resources("shapes", ".ttl")
    )
    store = open_store(args.store)
    batches = [b.data() for b in partitions(store)[0]]
    if args.limit:
        batches = batches[: args.limit]
    totals = {"pyshacl": 0.0, "rudof": 0.0}
    same = differ = found = 0
    for k, data in enumerate(batches):
        for label, d in (("as built", data), ("broken", broken(data))):
            t = time.perf_counter()
            a = pyshacl_violations(d)
            totals["pyshacl"] += time.perf_counter() - t
            t = time.perf_counter()
            b = rudof_violations(d, shapes)
            totals["rudof"] += time.perf_counter() - t
            found += len(a)
            if a == b:
                same += 1
            else:
                differ += 1
                print(
                    f"batch {k} {label}: pySHACL {len(a)} violations, rudof {len(b)}; "
                    f"only pySHACL {sorted(a - b)[:3]}, only rudof {sorted(b - a)[:3]}"
                )
    print(
        f"{len(batches)} batches, as built and broken: same violations in {same}, "
        f"different in {differ} ({found} violations by pySHACL); pySHACL {totals['pyshacl']:.2f} s, rudof {totals['rudof']:.2f} s"
    )


if __name__ == "__main__":
    main()
