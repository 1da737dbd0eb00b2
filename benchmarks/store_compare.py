"""Which embedded store? Load the seeds' graph and run the trace query in each.

    python benchmarks/store_compare.py [--repeat N] [--scale K]

``--scale K`` copies the seeds' quads K times under fresh IRIs to see how the
choice holds as the graph grows. Ratios are against rdflib's memory store,
measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def _nquads(scale: int) -> bytes:
    from peelgraph.pipeline import build
    from peelgraph.store.embedded import open_store

    with tempfile.TemporaryDirectory() as tmp:
        build([SEEDS], Path(tmp) / "s")
        data = open_store(Path(tmp) / "s").dump("nquads").decode("utf-8")
    out = [data]
    for k in range(1, scale):
        out.append(
            data.replace("/id/force/gloucestershire", f"/id/force/gloucestershire-{k}")
            .replace("/id/finding/", f"/id/finding/c{k}/")
            .replace("/graph/doc/", f"/graph/doc/c{k}")
        )
    return "".join(out).encode("utf-8")


def _time(fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times = []
    result = None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--scale", type=int, default=1)
    args = ap.parse_args()

    import pyoxigraph as ox
    from rdflib import Dataset

    from peelgraph.query import bind_params, bind_text, load_query

    data = _nquads(args.scale)
    q = load_query("trace")
    text = bind_text(
        q.text, bind_params(q, {"force": "gloucestershire", "question": "serious-organised-crime"})
    )
    rows: dict[str, int] = {}

    def rdflib_load() -> Dataset:
        ds = Dataset(default_union=True)
        ds.parse(data=data, format="nquads")
        return ds

    t_load_rdf, ds = _time(rdflib_load, 3)
    t_q_rdf, res = _time(lambda: list(ds.query(text)), args.repeat)  # type: ignore[union-attr]
    rows["rdflib"] = len(res)  # type: ignore[arg-type]

    def ox_mem() -> ox.Store:
        s = ox.Store()
        s.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        return s

    t_load_oxm, sm = _time(ox_mem, 3)
    t_q_oxm, res = _time(lambda: list(sm.query(text, use_default_graph_as_union=True)), args.repeat)  # type: ignore[union-attr]
    rows["pyoxigraph-memory"] = len(res)  # type: ignore[arg-type]

    with tempfile.TemporaryDirectory() as tmp:

        def ox_disk() -> ox.Store:
            d = tempfile.mkdtemp(dir=tmp)
            s = ox.Store(d)
            s.bulk_load(data, format=ox.RdfFormat.N_QUADS)
            s.flush()
            return s

        t_load_oxd, sd = _time(ox_disk, 3)
        t_q_oxd, res = _time(
            lambda: list(sd.query(text, use_default_graph_as_union=True)), args.repeat
        )  # type: ignore[union-attr]
        rows["pyoxigraph-disk"] = len(res)  # type: ignore[arg-type]

    quads = data.count(b"\n")
    print(f"quads: {quads}  (seeds x {args.scale}); trace rows: {rows}")
    print(f"{'store':20} {'load s':>8} {'x rdflib':>8} {'trace ms':>9} {'x rdflib':>8}")
    for name, tl, tq in (
        ("rdflib memory", t_load_rdf, t_q_rdf),
        ("pyoxigraph memory", t_load_oxm, t_q_oxm),
        ("pyoxigraph disk", t_load_oxd, t_q_oxd),
    ):
        print(f"{name:20} {tl:8.3f} {t_load_rdf / tl:8.1f} {tq * 1000:9.2f} {t_q_rdf / tq:8.1f}")


if __name__ == "__main__":
    main()
