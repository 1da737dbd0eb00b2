"""Benchmark peelgraph on a synthetic full-country corpus, beside a naive baseline.

One command::

    python benchmarks/run.py --scale 10 [--json results.json] [--jobs N] [--no-baseline]

Measured, each in this run:

* build from scratch (the real CLI in a child process: documents per second,
  peak memory of the main build process, store size), a rebuild with nothing
  changed, and a rebuild after one document changed;
* extraction checked against what the generator wrote (kind, force or
  national, year and label, every grade with who reports it, findings with
  scope, back-references, disputes) on documents the pipeline never saw, with
  the forms where it falls short;
* the build's physical floor, measured in the same run: the text of every PDF by
  PDFium, reading the other files, and Oxigraph's bulk load of the N-Quads the
  build made; the build's ratio to it, and its time per stage;
* every saved query: median and 95th percentile latency parameterised for one
  force, and over the whole country where the query allows it, each within a
  time budget (``--query-seconds``: a slow query is measured once, not twenty
  times), with the process's peak memory while it ran and the issue's goal
  (50 ms for one force, 500 ms for the country);
* SHACL validation of the whole store;
* the naive baseline: sequential extraction with pdfplumber, an rdflib memory
  store filled triple by triple, the same queries in rdflib, pyshacl over the
  whole graph in one go. Each baseline step has a time budget; a step that
  runs out is reported as "> budget" and its ratio as a lower bound.

Results are printed as a table of ratios and written as JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from corpus import DocSpec, generate  # noqa: E402
from corpus.check import compare, read_store  # noqa: E402


class Budget(Exception):
    """A baseline step ran out of its time budget."""


@contextlib.contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Interrupt pure-Python work (rdflib, pyshacl) after ``seconds``."""

    def _alarm(signum: int, frame: Any) -> None:
        raise Budget

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@dataclass
class Timing:
    seconds: float | None  # None: ran out of budget
    budget: float | None = None

    def text(self) -> str:
        if self.seconds is None:
            return f"> {self.budget:.0f} s"
        return _fmt_s(self.seconds)


def _fmt_s(s: float) -> str:
    if s < 1:
        return f"{s * 1000:.1f} ms"
    return f"{s:.2f} s" if s < 100 else f"{s:.0f} s"


def _ratio(base: Timing, ours: float) -> str:
    if ours <= 0:
        return "-"
    if base.seconds is None:
        return f"> {base.budget / ours:.0f}x" if base.budget else "-"
    r = base.seconds / ours
    return f"{r:.0f}x" if r >= 10 else f"{r:.1f}x"


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


# The real CLI in a child: afterwards it writes its own peak resident memory (VmHWM:
# not wait4's maxrss, which counts the parent's pages from before exec) and the stage
# times peelgraph.pipeline logs at debug level, as JSON.
_CHILD = """
import json, logging, runpy, sys
out = sys.argv.pop(1)
stages = {}

class _Stages(logging.Handler):
    def emit(self, record):
        if record.msg.startswith("stage "):
            stages[record.args[0]] = record.args[1]

log = logging.getLogger("peelgraph.pipeline")
log.setLevel(logging.DEBUG)
log.addHandler(_Stages())
try:
    runpy.run_module("peelgraph", run_name="__main__", alter_sys=True)
finally:
    peak = None
    try:
        with open("/proc/self/status") as status:
            peak = int(next(ln.split()[1] for ln in status if ln.startswith("VmHWM")))
    except OSError:
        pass
    with open(out, "w") as fh:
        json.dump({"peak_kb": peak, "stages": stages}, fh)
"""


@dataclass
class BuildRun:
    seconds: float
    peak_kb: int
    code: int
    stages: dict[str, float]
    # CPU seconds of the build and its workers: on a machine shared with other work, the
    # measure that compares across runs (wall time follows the load).
    cpu_seconds: float


def _run_build(corpus: Path, store: Path, jobs: int, rebuild: bool) -> BuildRun:
    """The real CLI's build: wall seconds, peak memory, exit code and stage times."""
    args = ["build", str(corpus), "--store", str(store), "-q", "--jobs", str(jobs)]
    args += ["--rebuild"] if rebuild else []
    out = store.parent / "build-run.json"
    out.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(out), *args], stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    err = proc.stderr.decode()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"build failed ({proc.returncode}):\n{err[-2000:]}")
    info = json.loads(out.read_text()) if out.exists() else {}
    return BuildRun(elapsed, info.get("peak_kb") or 0, proc.returncode, info.get("stages", {}), cpu)


def _quantiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95


def _time(fn: Callable[[], Any], reps: int) -> tuple[float, float]:
    fn()  # warm caches, as a serving endpoint would be
    samples = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return _quantiles(samples)


def _query_cases(force: str) -> list[tuple[str, str, dict[str, str]]]:
    """(label, query name, params) for every saved query: one force, and the country."""
    from peelgraph.query import saved_queries

    cases = []
    for name, q in sorted(saved_queries().items()):
        names = {p.name: p for p in q.params}
        if "node" in names:
            continue  # needs an IRI; timed separately on a finding of the corpus
        required = {p.name for p in q.params if p.required}
        one: dict[str, str] = {}
        if "force" in names:
            one["force"] = force
        if "year" in required:
            one["year"] = "2018"
        if required <= set(one):
            scope = "one force" if "force" in names else "country"  # no force parameter
            cases.append((f"{name} ({scope})", name, one))
        if "question" in names and "force" in names:
            # How an analyst follows one thread: a force and one PEEL question.
            narrow = {**one, "question": "serious-organised-crime"}
            cases.append((f"{name} (one force, one question)", name, narrow))
        if "force" in names and not names["force"].required:
            every = {k: v for k, v in one.items() if k != "force"}
            cases.append((f"{name} (country)", name, every))
    return cases


def _check_extraction(specs: list[DocSpec], corpus: Path, store: Path) -> dict[str, Any]:
    """Compare what the store holds of each document with what the generator wrote."""
    from peelgraph.store.embedded import open_store

    s = open_store(store)
    try:
        files = {str((corpus / spec.file).resolve()): spec.file for spec in specs}
        return compare(specs, read_store(s, files))
    finally:
        s.close()


def _build(specs: list[DocSpec], corpus: Path, store: Path, jobs: int) -> dict[str, Any]:
    """Build from scratch, rebuild with nothing changed and with one document changed."""
    from peelgraph.store import embedded as store_mod

    first = _run_build(corpus, store, jobs, rebuild=True)
    secs, rss_kb, code = first.seconds, first.peak_kb, first.code
    s = store_mod.open_store(store)
    triples = len(s)
    size = _du(s.version)
    s.close()
    print(f"build: {_fmt_s(secs)}, {triples:,} triples, {len(specs) / secs:.1f} docs/s")
    again = _run_build(corpus, store, jobs, rebuild=False)
    nochange = again.seconds
    victim = next(corpus / sp.file for sp in specs if sp.file.endswith("report.txt"))
    original = victim.read_bytes()
    try:
        victim.write_bytes(original + b"\nThe force should review its benchmark plans.\n")
        changed = _run_build(corpus, store, jobs, rebuild=False)
        one_changed = changed.seconds
    finally:
        victim.write_bytes(original)
    # Put the store back in step with the corpus for the queries below.
    _run_build(corpus, store, jobs, rebuild=False)
    print(f"build CPU {_fmt_s(first.cpu_seconds)}")
    print(
        f"rebuild: nothing changed {_fmt_s(nochange)} (CPU {_fmt_s(again.cpu_seconds)}), "
        f"one changed {_fmt_s(one_changed)} (CPU {_fmt_s(changed.cpu_seconds)})"
    )
    return {
        "seconds": secs,
        "documents": len(specs),
        "documents_per_second": len(specs) / secs,
        "triples": triples,
        "peak_rss_mb": rss_kb / 1024,
        "store_mb": size / 1e6,
        "jobs": jobs,
        "some_files_failed": code == 1,
        "rebuild_nothing_changed_seconds": nochange,
        "rebuild_one_changed_seconds": one_changed,
        "cpu_seconds": first.cpu_seconds,
        "rebuild_nothing_changed_cpu_seconds": again.cpu_seconds,
        "rebuild_one_changed_cpu_seconds": changed.cpu_seconds,
        "stages": first.stages,
        "stages_one_changed": changed.stages,
    }


# The goals for a saved query's median: interactive for one force (or one
# finding), half a second for the whole country.
GOAL_ONE_S = 0.05
GOAL_COUNTRY_S = 0.5
# ... and for the memory a query takes (its growth over the process's memory before it).
GOAL_QUERY_MB = 500


def _goal(label: str) -> float:
    return GOAL_COUNTRY_S if "(country)" in label else GOAL_ONE_S


def _reset_peak() -> bool:
    """Reset this process's peak resident memory (Linux: clear_refs 5), so that the
    peak read after a query is that query's."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _rss_mb() -> float | None:
    """This process's resident memory now."""
    try:
        with open("/proc/self/status") as status:
            return int(next(ln.split()[1] for ln in status if ln.startswith("VmRSS"))) / 1024
    except (OSError, StopIteration):
        return None


def _cpu_s() -> float:
    """CPU seconds of this process and its finished children (validation's workers)."""
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_mb() -> float | None:
    try:
        with open("/proc/self/status") as status:
            return int(next(ln.split()[1] for ln in status if ln.startswith("VmHWM"))) / 1024
    except (OSError, StopIteration):
        return None


def _queries(
    s: Any, force: str, reps: int, budget_s: float
) -> tuple[dict[str, Any], dict[str, str]]:
    """Every saved query timed on the store, within ``budget_s`` seconds a case: the
    first run (it warms the caches) and then repeats until ``reps`` or the budget is
    spent, so that a slow query is measured once rather than stalling the run. Each
    with the peak memory of the process while it ran. Returns (results by label,
    query text by label)."""
    from peelgraph.query import bind_params, bind_text, load_query, run_local

    cases = _query_cases(force)
    finding = next(
        iter(
            s.ox.query(
                "SELECT ?f WHERE { GRAPH ?g { ?f a <https://w3id.org/peelgraph/ontology#Finding> } } LIMIT 1"
            )
        )
    )[0].value
    cases.append(("evidence (one finding)", "evidence", {"node": finding}))
    queries: dict[str, Any] = {}
    texts: dict[str, str] = {}
    for label, name, params in cases:
        q = load_query(name)
        texts[label] = text = bind_text(q.text, bind_params(q, params))
        peak_known = _reset_peak()
        before_mb = _rss_mb()
        c, t = time.process_time(), time.perf_counter()
        first = run_local(s, text)
        spent = first_s = time.perf_counter() - t
        first_cpu = time.process_time() - c
        samples: list[float] = []
        cpu: list[float] = []
        while len(samples) < reps and spent + statistics.median(samples or [first_s]) <= budget_s:
            c, t = time.process_time(), time.perf_counter()
            run_local(s, text)
            samples.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
            spent += samples[-1]
        peak = _peak_mb() if peak_known else None
        # The peak counts what the process held before (the store, earlier results): what
        # the query itself took is the growth over that.
        growth = peak - before_mb if peak is not None and before_mb is not None else None
        rows = len(first.rows) if first.kind == "SELECT" else first.graph_ntriples.count("\n")
        med, p95 = _quantiles(samples or [first_s])
        goal = _goal(label)
        queries[label] = {
            "median_s": med,
            "p95_s": p95,
            "cpu_median_s": statistics.median(cpu or [first_cpu]),
            "runs": len(samples) or 1,
            "rows": rows,
            # The goal's "peak memory per query" is growth_mb: the peak while the query ran
            # over what this process held just before it (the open store, earlier results),
            # measured in this process. peak_mb is the whole process's peak.
            "peak_mb": peak,
            "before_mb": before_mb,
            "growth_mb": growth,
            "within_memory_goal": growth is None or growth < GOAL_QUERY_MB,
            "goal_s": goal,
            "within_goal": med < goal,
        }
        print(
            f"query {label:42} median {_fmt_s(med):>9}  p95 {_fmt_s(p95):>9}  "
            f"CPU {_fmt_s(statistics.median(cpu or [first_cpu])):>9}  "
            f"{len(samples) or 1:>2} runs  {rows} rows  query memory {round(growth or 0):+d} MB"
            f" (process peak {peak or 0:.0f} MB)"
            + ("" if med < goal else f"  (goal {_fmt_s(goal)})")
        )
    return queries, texts


def _validate_one_changed(
    specs: list[DocSpec], corpus: Path, store: Path, jobs: int
) -> tuple[float, float]:
    """Seconds (wall, CPU) to validate the store again after one document changed (and was
    rebuilt)."""
    from peelgraph.store.embedded import open_store
    from peelgraph.validate.shacl import validate_store

    victim = next(corpus / sp.file for sp in specs if sp.file.endswith("report.txt"))
    original = victim.read_bytes()
    try:
        victim.write_bytes(original + b"\nThe force should review its validation plans.\n")
        _run_build(corpus, store, jobs, rebuild=False)
        s = open_store(store)
        cpu = _cpu_s()
        seconds = _timed(lambda: validate_store(s, jobs=jobs))
        cpu = _cpu_s() - cpu
        s.close()
    finally:
        victim.write_bytes(original)
    _run_build(corpus, store, jobs, rebuild=False)
    return seconds, cpu


def _timed(fn: Callable[[], Any]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _floor(corpus: Path, s: Any, work: Path) -> dict[str, float]:
    """The physical floor of a build, measured now on this machine: the text of every PDF
    by PDFium, reading the other files, and Oxigraph's bulk load of the built N-Quads
    (the named graphs, as `export --format nquads` writes them)."""
    import pyoxigraph as ox
    import pypdfium2 as pdfium

    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.name != "manifest.json")
    pdfs = [f for f in files if f.suffix.lower() == ".pdf"]
    t = time.perf_counter()
    for f in pdfs:
        doc = pdfium.PdfDocument(str(f))
        try:
            for page in doc:
                page.get_textpage().get_text_range()
        finally:
            doc.close()
    pdf_s = time.perf_counter() - t
    t = time.perf_counter()
    for f in files:
        if f not in pdfs:
            f.read_bytes()
    read_s = time.perf_counter() - t
    nquads = work / "floor.nq"
    nquads.write_bytes(s.dump("nquads"))
    t = time.perf_counter()
    target = ox.Store(str(work / "floor-store"))
    target.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    target.flush()
    del target
    load_s = time.perf_counter() - t
    floor = {
        "pdf_text_seconds": pdf_s,
        "read_seconds": read_s,
        "bulk_load_seconds": load_s,
        "nquads_mb": nquads.stat().st_size / 1e6,
        "seconds": pdf_s + read_s + load_s,
    }
    nquads.unlink()
    shutil.rmtree(work / "floor-store", ignore_errors=True)
    print(
        f"floor: {_fmt_s(floor['seconds'])} = PDF text {_fmt_s(pdf_s)} + reading "
        f"{_fmt_s(read_s)} + bulk load of {floor['nquads_mb']:.0f} MB N-Quads {_fmt_s(load_s)}"
    )
    return floor


def bench(args: argparse.Namespace) -> dict[str, Any]:
    from peelgraph.store import embedded as store_mod
    from peelgraph.validate.shacl import validate_store

    out: dict[str, Any] = {
        "scale_percent": args.scale,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
    }
    corpus = args.corpus or HERE / ".corpus" / f"scale-{args.scale:g}"
    t = time.perf_counter()
    specs = generate(corpus, args.scale, quiet=True)
    print(f"corpus: {len(specs)} documents in {corpus} ({_fmt_s(time.perf_counter() - t)})")
    work = Path(tempfile.mkdtemp(prefix="peelgraph-bench-"))
    store = work / "store"
    jobs = args.jobs or os.cpu_count() or 1
    try:
        out["build"] = _build(specs, corpus, store, jobs)
        out["extraction"] = _check_extraction(specs, corpus, store)
        print("extraction vs generator: " + _extraction_text(out["extraction"]))
        for line in _form_gaps(out["extraction"]):
            print("  " + line)
        s = store_mod.open_store(store)
        force = next(sp.force for sp in specs if sp.force)
        out["floor"] = _floor(corpus, s, work)
        out["build"]["floor_ratio"] = out["build"]["seconds"] / out["floor"]["seconds"]
        print(f"build / floor: {out['build']['floor_ratio']:.1f}x")
        if args.build_only:
            s.close()
            return out
        out["queries"], texts = _queries(s, force, args.reps, args.query_seconds)
        t, cpu = time.perf_counter(), _cpu_s()
        report = validate_store(s, jobs=jobs)
        out["validate"] = {
            "seconds": time.perf_counter() - t,
            # On a shared machine the wall time follows the load: the CPU seconds compare.
            "cpu_seconds": _cpu_s() - cpu,
            "again_seconds": _timed(lambda: validate_store(s, jobs=jobs)),
            "conforms": report.conforms,
            "engine": "in-store",  # validate_store's default: the shapes as SPARQL in the store
            "violations": len(report.violations),
            "triples": report.triples,
        }
        print(
            f"validate (in-store): {_fmt_s(out['validate']['seconds'])} "
            f"(CPU {_fmt_s(out['validate']['cpu_seconds'])}), conforms={report.conforms}; "
            f"again, nothing changed: {_fmt_s(out['validate']['again_seconds'])}"
        )
        nquads = s.dump("nquads")
        s.close()
        wall, cpu = _validate_one_changed(specs, corpus, store, jobs)
        out["validate"]["one_changed_seconds"] = wall
        out["validate"]["one_changed_cpu_seconds"] = cpu
        print(f"validate after one changed document: {_fmt_s(wall)} (CPU {_fmt_s(cpu)})")
        if not args.no_baseline:
            out["baseline"] = baseline(corpus, nquads, texts, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def baseline(
    corpus: Path, nquads: bytes, texts: dict[str, str], args: argparse.Namespace
) -> dict[str, Any]:
    """The naive way, measured on the same corpus and the same graph."""
    from rdflib import Dataset, Graph, URIRef
    from rdflib.plugins.parsers.nquads import NQuadsParser  # noqa: F401  (registers the parser)

    from peelgraph.ingest.read import collect_inputs
    from peelgraph.pipeline import process_file
    from peelgraph.validate.shacl import validate_graph

    res: dict[str, Any] = {}
    files = collect_inputs([corpus])
    # Extraction, one process, pdfplumber for PDFs, within budget.
    t = time.perf_counter()
    done = 0
    try:
        with budget(args.baseline_budget):
            for f in files:
                with contextlib.suppress(Exception):
                    process_file(f, pdf_engine="pdfplumber")
                done += 1
        extract_s: float | None = time.perf_counter() - t
    except Budget:
        extract_s = None
    # Loading: triple by triple into an rdflib memory dataset.
    quads = Dataset()
    quads.parse(data=nquads, format="nquads")
    t = time.perf_counter()
    ds = Dataset()
    loaded = 0
    try:
        with budget(args.baseline_budget):
            for s, p, o, g in quads.quads((None, None, None, None)):
                name = getattr(g, "identifier", g)  # a graph or its name, by rdflib version
                ds.graph(URIRef(str(name))).add((s, p, o))
                loaded += 1
        load_s: float | None = time.perf_counter() - t
    except Budget:
        load_s = None
    del quads
    res["extract"] = Timing(extract_s, args.baseline_budget).__dict__ | {"documents": done}
    res["load"] = Timing(load_s, args.baseline_budget).__dict__ | {"triples": loaded}
    res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"baseline build: extract {Timing(extract_s, args.baseline_budget).text()}, load {Timing(load_s, args.baseline_budget).text()}"
    )
    # Queries in rdflib over the union of graphs.
    ds.default_union = True
    qres: dict[str, Any] = {}
    for label, text in texts.items():
        samples: list[float] = []
        try:
            with budget(args.query_budget):
                for _ in range(max(1, args.reps // 10)):
                    t = time.perf_counter()
                    list(ds.query(text))
                    samples.append(time.perf_counter() - t)
            qres[label] = {"median_s": statistics.median(samples), "budget": args.query_budget}
        except Budget:
            qres[label] = {"median_s": None, "budget": args.query_budget}
        print(
            f"baseline query {label:33} {Timing(qres[label]['median_s'], args.query_budget).text()}"
        )
    res["queries"] = qres
    # pyshacl over the whole graph at once.
    whole = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        whole.add((s, p, o))
    del ds
    t = time.perf_counter()
    try:
        with budget(args.baseline_budget):
            validate_graph(whole)
        shacl_s: float | None = time.perf_counter() - t
    except Budget:
        shacl_s = None
    res["validate"] = Timing(shacl_s, args.baseline_budget).__dict__
    print(f"baseline validate: {Timing(shacl_s, args.baseline_budget).text()}")
    return res


def table(r: dict[str, Any]) -> str:
    """The results as a markdown table: ours beside the baseline, with the ratio."""
    b = r.get("baseline")
    lines = [
        f"Scale {r['scale_percent']:g} %: {r['build']['documents']} documents, "
        f"{r['build']['triples']:,} triples, {r['machine']['cpus']} cores",
        "",
        "| measure | peelgraph | naive baseline | ratio |",
        "|---|---|---|---|",
    ]
    bd = r["build"]
    if b:
        naive = [b["extract"]["seconds"], b["load"]["seconds"]]
        total = Timing(sum(naive) if None not in naive else None, 2 * b["load"]["budget"])
    ours_build = bd["seconds"]
    lines.append(
        f"| build from scratch | {_fmt_s(ours_build)} ({bd['documents_per_second']:.1f} docs/s) | "
        + (f"{total.text()} | {_ratio(total, ours_build)} |" if b else "- | - |")
    )
    if "floor" in r:
        fl = r["floor"]
        lines.append(
            f"| floor measured in this run (PDF text {_fmt_s(fl['pdf_text_seconds'])} + reading "
            f"{_fmt_s(fl['read_seconds'])} + bulk load of {fl['nquads_mb']:.0f} MB N-Quads "
            f"{_fmt_s(fl['bulk_load_seconds'])}) | {_fmt_s(fl['seconds'])} | - | - |"
        )
        lines.append(f"| build / floor | {bd['floor_ratio']:.1f}x | - | - |")
    for stage, secs in bd.get("stages", {}).items():
        lines.append(f"| stage: {stage} | {_fmt_s(secs)} | - | - |")
    lines.append(
        f"| rebuild, nothing changed | {_fmt_s(bd['rebuild_nothing_changed_seconds'])} | - | - |"
    )
    lines.append(
        f"| rebuild, one document changed | {_fmt_s(bd['rebuild_one_changed_seconds'])} | - | - |"
    )
    lines.append(
        f"| peak memory (main build process) | {bd['peak_rss_mb']:.0f} MB | "
        + (f"{b['peak_rss_mb']:.0f} MB | - |" if b else "- | - |")
    )
    lines.append(f"| store size | {bd['store_mb']:.0f} MB | - | - |")
    v = r.get("validate", {})
    if b:
        vb = Timing(b["validate"]["seconds"], b["validate"]["budget"])
    if v:
        cpu_v = f" (CPU {_fmt_s(v['cpu_seconds'])})" if "cpu_seconds" in v else ""
        lines.append(
            f"| SHACL validation | {_fmt_s(v['seconds'])}{cpu_v} | "
            + (f"{vb.text()} | {_ratio(vb, v['seconds'])} |" if b else "- | - |")
        )
    if "again_seconds" in v:
        lines.append(
            f"| SHACL validation again, nothing changed | {_fmt_s(v['again_seconds'])} | - | - |"
        )
    if "one_changed_seconds" in v:
        lines.append(
            f"| SHACL validation after one changed document | {_fmt_s(v['one_changed_seconds'])}"
            + (
                f" (CPU {_fmt_s(v['one_changed_cpu_seconds'])})"
                if "one_changed_cpu_seconds" in v
                else ""
            )
            + " | - | - |"
        )
    if "cpu_seconds" in bd:
        lines.append(f"| build CPU (all processes) | {_fmt_s(bd['cpu_seconds'])} | - | - |")
        lines.append(
            f"| rebuild CPU, one document changed | {_fmt_s(bd['rebuild_one_changed_cpu_seconds'])} | - | - |"
        )
    for stage, secs in bd.get("stages_one_changed", {}).items():
        lines.append(
            f"| rebuild after one changed document, stage: {stage} | {_fmt_s(secs)} | - | - |"
        )
    for label, q in r.get("queries", {}).items():
        base = ""
        if b and label in b["queries"]:
            bq = Timing(b["queries"][label]["median_s"], b["queries"][label]["budget"])
            base = f"{bq.text()} | {_ratio(bq, q['median_s'])} |"
        else:
            base = "- | - |"
        peak = ""
        if q.get("growth_mb") is not None:
            # What the query itself took: its peak over the process's memory before it.
            peak = f", query memory {round(q['growth_mb']):+d} MB"
            peak += f" over the process's {q['before_mb']:.0f} MB" if q.get("before_mb") else ""
        peak += f", CPU {_fmt_s(q['cpu_median_s'])}" if q.get("cpu_median_s") else ""
        goal = "" if q.get("within_goal", True) else f", over the {_fmt_s(q['goal_s'])} goal"
        lines.append(
            f"| query {label} (median / p95, {q.get('runs', 1)} runs{peak}{goal}) | "
            f"{_fmt_s(q['median_s'])} / {_fmt_s(q['p95_s'])} | {base}"
        )
    lines += ["", "Extraction against the generator: " + _extraction_text(r["extraction"]) + "."]
    return "\n".join(lines)


def _form_gaps(e: dict[str, Any]) -> list[str]:
    """A line per document form where extraction falls short of the manifest."""
    return [
        f"{form}: {f['documents_right']}/{f['documents']} documents right, grades "
        f"{f['judgements_right']}/{f['judgements_expected']} (+{f['judgements_extra']} extra), "
        f"findings {f['findings_right']}/{f['findings_expected']} (+{f['findings_extra']} extra)"
        for form, f in e["by_form"].items()
        if not f["complete"]
    ]


def _extraction_text(e: dict[str, Any]) -> str:
    """The extraction check in one paragraph: documents, grades, findings."""
    j, f = e["judgements"], e["findings"]
    return (
        f"kind {e['kind_accuracy']:.3f}, force {e['force_accuracy']:.3f} "
        f"({e['unknown_force_read_as_such']}/{e['unknown_force_documents']} naming no force read "
        f"as unknown, {e['national_read_as_such']}/{e['national_documents']} national read as "
        f"national), year {e['year_accuracy']:.3f}, year label {e['year_label_accuracy']:.3f}, "
        f"scope {e['scope_accuracy']:.3f}; grades P {j['precision']:.3f} R {j['recall']:.3f} "
        f"(reported by others: R {e['reported_grades_recall']:.3f}); findings P "
        f"{f['precision']:.3f} R {f['recall']:.3f}; back-references R "
        f"{e['back_references_recall']:.3f}; disputes R {e['disputes_recall']:.3f}; "
        f"not built {e['not_built']}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="percent of the full-country corpus")
    ap.add_argument("--json", type=Path, help="write the results here as JSON")
    ap.add_argument("--jobs", type=int, default=0, help="build processes (0: all cores)")
    ap.add_argument("--reps", type=int, default=20, help="timed runs per query, at most")
    ap.add_argument(
        "--query-seconds",
        type=float,
        default=5,
        help="time budget per saved query case: repeats stop when it is spent",
    )
    ap.add_argument("--corpus", type=Path, help="where the corpus is (default benchmarks/.corpus)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the naive baseline")
    ap.add_argument(
        "--build-only",
        action="store_true",
        help="build, rebuilds, extraction check and floor only (no queries, SHACL, baseline)",
    )
    ap.add_argument("--baseline-budget", type=float, default=900, help="seconds per baseline step")
    ap.add_argument("--query-budget", type=float, default=60, help="seconds per baseline query")
    args = ap.parse_args()
    results = bench(args)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1))
        print(f"\nwritten {args.json}")
    print()
    print(table(results))


if __name__ == "__main__":
    main()
