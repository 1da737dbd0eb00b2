"""The build job: files -> documents -> facts -> named graphs -> the store.

Three steps, data flowing one way: plan (which files changed since the store
was written), extract (per file: ingest, extract, build its graph; a file that
fails is reported, one line naming it, and the others are still built unless
``strict``), write (one atomic version of the store: the document graphs, then
the link graphs resolved from what the new version holds).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peelgraph.errors import BuildFailed, InputError, PeelgraphError
from peelgraph.extract.facts import Facts
from peelgraph.graph import iris

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Failure:
    path: str
    message: str


@dataclass(frozen=True)
class DocumentResult:
    path: str
    doc_id: str
    kind: str
    force: str | None
    year: int | None
    counts: dict[str, int]
    triples: int
    warnings: tuple[str, ...] = ()
    scope: str = "force"  # national: about forces in general; unknown: its force not named
    # Cues that signal a fact which no extracted fact accounts for and no rule rules out,
    # per cue kind (peelgraph.extract.cues): the build's recall alarm.
    unread: dict[str, int] = field(default_factory=dict)

    @property
    def force_label(self) -> str:
        """The force, or what stands in its place: "(national)", "(unknown)"."""
        return self.force or f"({self.scope})"


@dataclass
class BuildReport:
    built: list[DocumentResult] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    # Wall seconds per stage (plan, extract, load documents, link, load links, derive,
    # commit: the whole write, its parts included), for the benchmark's breakdown.
    stages: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures

    def unread(self) -> dict[str, int]:
        """Cues not read, per cue kind, over the documents built."""
        total: dict[str, int] = {}
        for d in self.built:
            for k, n in d.unread.items():
                total[k] = total.get(k, 0) + n
        return total


@contextlib.contextmanager
def _stage(report: BuildReport, name: str) -> Iterator[None]:
    """Time a stage into ``report.stages`` and the debug log (benchmarks/run.py reads it)."""
    start = time.perf_counter()
    try:
        yield
    finally:
        report.stages[name] = report.stages.get(name, 0.0) + time.perf_counter() - start
        log.debug("stage %s %.3f", name, report.stages[name])


def code_fingerprint() -> str:
    """A hash of the code that turns files into graphs.

    Stored in the manifest: when it changes (a new extractor), every document
    is extracted again even if its bytes did not change.
    """
    import hashlib

    from peelgraph.resources import data_dir

    root = Path(__file__).parent
    h = hashlib.sha256()
    for f in sorted(root.rglob("*.py")):
        if "cli" in f.relative_to(root).parts:
            continue
        h.update(str(f.relative_to(root)).encode())
        h.update(f.read_bytes())
    # The internal queries are code too: the links and derived facts are read with them,
    # so a store built with an older one is built again, as after a change to a module.
    for f in sorted((data_dir("queries") / "internal").glob("*.rq")):
        h.update(f"queries/internal/{f.name}".encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def _key(path: str | Path, folders: dict[str, str] | None = None) -> str:
    """A file's absolute path, the manifest's key (a looping link resolves too: os.path
    gives up quietly where Path.resolve raises, and ingest then says what is wrong).

    ``folders``: resolved folders, kept by the caller across one build's files. A file
    that is no link, in a path without "..", is its resolved folder and its name: one
    lstat instead of one per part of its path (realpath of every file was a quarter of a
    rebuild's plan at 100 %)."""
    import os

    path = os.fspath(path)
    if folders is None or ".." in path.split(os.sep) or os.path.islink(path):
        return os.path.realpath(path)
    head, name = os.path.split(os.path.abspath(path))
    if head not in folders:
        folders[head] = os.path.realpath(head)
    return os.path.join(folders[head], name)


def _checksum(path: Path) -> str | None:
    from peelgraph.ingest.read import checksum

    try:
        return checksum(path.read_bytes())
    except OSError:
        return None  # reported by ingest, with the reason


def process_file(
    path: Path, pdf_engine: str = "pdfium", address: str | None = None
) -> tuple[Facts, bytes]:
    """Ingest, extract and build one file; returns its facts and graph as N-Triples.
    ``address``: its public address from the build's index, over what the file says."""
    from dataclasses import replace

    from peelgraph.extract import extract
    from peelgraph.graph.build import document_ntriples
    from peelgraph.ingest.read import ingest

    doc = ingest(path, pdf_engine=pdf_engine)
    if address:
        doc = replace(doc, address=address)
    # A document that names no force is still built (national, or force unknown);
    # its problems travel as warnings. Only a file that cannot be read is an error.
    facts = extract(doc)
    return facts, document_ntriples(facts)


@dataclass(frozen=True)
class _Extracted:
    """What the build keeps of one extracted document: its graph and its summary.

    Made in the worker that extracted it, so that the parent neither unpickles the
    whole Facts (text, pages, every fact) nor counts the unread cues one document at a
    time while the workers wait (about 10 ms a document, serial, at 100 %: 18 s)."""

    doc_id: str
    name: str
    checksum: str
    kind: str
    force: str | None
    year: int | None
    counts: dict[str, int]
    warnings: tuple[str, ...]
    scope: str
    unread: dict[str, int]
    data: bytes


def _summarise(facts: Facts, data: bytes) -> _Extracted:
    from peelgraph.extract.cues import unread_counts

    doc = facts.document
    return _Extracted(
        doc_id=doc.doc_id,
        name=doc.name,
        checksum=doc.checksum,
        kind=facts.info.kind,
        force=facts.info.force,
        year=facts.info.inspection_year,
        counts=facts.counts(),
        warnings=tuple(p.message for p in facts.problems),
        scope=facts.info.scope,
        unread=unread_counts(facts),
        data=data,
    )


def _safe(
    path: Path, pdf_engine: str = "pdfium", addresses: Mapping[str, str] | None = None
) -> _Extracted | Failure:
    try:
        return _summarise(*process_file(path, pdf_engine, (addresses or {}).get(Path(path).name)))
    except InputError as exc:
        return Failure(str(path), exc.problem)  # the path is printed beside it
    except PeelgraphError as exc:
        return Failure(str(path), exc.message)
    except MemoryError:  # past the worker's memory limit (see peelgraph.ingest.bounded)
        return Failure(str(path), "too large to read within the memory limit for one document")
    except Exception as exc:  # a bug or a library failure on odd input: still one line
        return Failure(str(path), f"{type(exc).__name__}: {exc}")


def _results(
    files: list[Path], jobs: int, pdf_engine: str, addresses: Mapping[str, str] | None = None
) -> Any:
    """(path, result) in input order.

    PDFs (whose streams can inflate to gigabytes inside the reader) and any
    build with ``jobs`` > 1 go through bounded worker processes, each document
    with a memory and a time limit; plain text and HTML with one job, or when only
    one file is to be read (the rebuild after one changed document: starting a
    worker, a fresh interpreter importing the extractors, was a second of it), are
    read in this process, where their size is checked before they are read.
    """
    from peelgraph.ingest.bounded import is_pdf, run_bounded

    if (jobs <= 1 or len(files) <= 1) and not any(is_pdf(Path(p)) for p in files):
        for path in files:
            yield path, _safe(Path(path), pdf_engine, addresses)
        return
    from functools import partial

    work = partial(_safe, pdf_engine=pdf_engine, addresses=addresses)
    yield from run_bounded(
        files,
        work,
        lambda p, message: Failure(str(p), message),
        jobs=jobs,
        prepare=_load_readers,
    )


def _load_readers() -> None:
    """Import what a worker reads documents with (run before its time limit starts):
    the passes are imported on first use, and their patterns compile then. Every module
    of the packages reading draws on, rather than a list that could fall behind them."""
    import importlib
    import pkgutil

    import peelgraph.extract
    import peelgraph.reference
    import peelgraph.text

    for package in (peelgraph.extract, peelgraph.text, peelgraph.reference):
        for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            importlib.import_module(module.name)
    importlib.import_module("peelgraph.ingest.read")
    importlib.import_module("peelgraph.graph.build")


@dataclass
class _Plan:
    """What a build must do: the files to read, and what the store holds already."""

    files: list[Path]  # to ingest and extract (changed, new, or a new extractor)
    previous: dict[str, Any]  # the store's manifest entries, by document id
    by_path: dict[str, str]  # resolved path -> document id, from the manifest
    seen: dict[str, str]  # document id -> the file it was read from in this run
    fingerprint: str
    addresses: Mapping[str, str] | None = None  # file name -> address, from --index
    folders: dict[str, str] = field(default_factory=dict)  # for _key: folder -> resolved


@dataclass
class _Changes:
    """What a build writes: graphs to load and drop, and the manifest's new entries."""

    writes: list[Any] = field(default_factory=list)  # store.GraphWrite
    documents: dict[str, Any] = field(default_factory=dict)
    remove_graphs: list[str] = field(default_factory=list)
    remove_docs: list[str] = field(default_factory=list)


def _plan(
    files: list[Path],
    store_root: Path,
    rebuild: bool,
    report: BuildReport,
    progress: Callable[[str], None] | None,
    addresses: Mapping[str, str] | None = None,
) -> _Plan:
    """Incremental: a file whose bytes and extractor match the manifest is not read again
    (nor its address, when an index is given: a new address for it is a change)."""
    from peelgraph.store.files import read_current, read_manifest

    previous: dict[str, Any] = {}
    version = None if rebuild else read_current(store_root)
    if version is not None:
        # The manifest alone: opening the database too (as open_store does) only to read
        # it cost every rebuild the RocksDB start-up.
        previous = dict(read_manifest(store_root, version).get("documents", {}))
    plan = _Plan(
        [], previous, {v["path"]: k for k, v in previous.items()}, {}, code_fingerprint(), addresses
    )
    for f in files:
        old = plan.by_path.get(_key(f, plan.folders))
        entry = previous.get(old) if old is not None else None
        if (
            entry is not None
            and entry.get("extractor") == plan.fingerprint
            and entry.get("checksum") == _checksum(Path(f))
            and (addresses is None or entry.get("indexAddress") == addresses.get(Path(f).name))
        ):
            report.unchanged.append(str(f))
            plan.seen[old] = str(f)  # type: ignore[index]
            if progress:
                progress(str(f))
        else:
            plan.files.append(f)
    return plan


def _extract(
    plan: _Plan,
    jobs: int,
    pdf_engine: str,
    report: BuildReport,
    progress: Callable[[str], None] | None,
) -> _Changes:
    """Every planned file read, extracted and built into its graph (failures reported)."""
    from peelgraph.store import embedded as store_mod

    changes = _Changes()
    for path, result in _results(plan.files, jobs, pdf_engine, plan.addresses):
        if progress:
            progress(str(path))
        key = _key(path, plan.folders)
        if isinstance(result, Failure):
            report.failures.append(result)
            continue
        doc, data = result, result.data
        if doc.doc_id in plan.seen:
            report.duplicates.append((str(path), plan.seen[doc.doc_id]))
            continue
        plan.seen[doc.doc_id] = str(path)
        old_id = plan.by_path.get(key)
        if old_id is not None and old_id != doc.doc_id:
            changes.remove_graphs.append(iris.doc_graph(old_id))
            changes.remove_docs.append(old_id)
        triples = data.count(b"\n") + 1 if data else 0
        changes.writes.append(store_mod.GraphWrite(iris.doc_graph(doc.doc_id), data))
        res = DocumentResult(
            path=str(path),
            doc_id=doc.doc_id,
            kind=doc.kind,
            force=doc.force,
            year=doc.year,
            counts=doc.counts,
            triples=triples,
            warnings=doc.warnings,
            scope=doc.scope,
            unread=doc.unread,
        )
        report.built.append(res)
        changes.documents[doc.doc_id] = {
            "path": key,
            "name": doc.name,
            "checksum": doc.checksum,
            "graph": iris.doc_graph(doc.doc_id),
            "kind": res.kind,
            "force": res.force,
            "year": res.year,
            "counts": res.counts,
            "triples": triples,
            "extractor": plan.fingerprint,
            "indexAddress": (plan.addresses or {}).get(Path(path).name),
        }
    return changes


def _forces_to_relink(plan: _Plan, changes: _Changes, rebuild: bool) -> set[str] | None:
    """A force's sentence links depend on its documents alone: the forces whose documents
    were built or removed are relinked (every force, None, on a build from scratch)."""
    if rebuild or not plan.previous:
        return None
    touched = [m["force"] for m in changes.documents.values()] + [
        plan.previous[d].get("force")
        for d in [*changes.remove_docs, *changes.documents]
        if d in plan.previous
    ]
    return {iris.force(f) for f in touched if f}


def _fixed_graphs(w: Any) -> list[Any]:
    """The reference graph (forces, concept schemes) and the ontology, as graph writes;
    none when the version holds them already as this code makes them (the manifest
    keeps their hash: parsing the ontology with rdflib cost every rebuild 0.4 s)."""
    import hashlib

    from peelgraph.resources import resource_path
    from peelgraph.store import embedded as store_mod

    onto_path = resource_path("ontology", "peel.ttl")
    key = hashlib.sha256(code_fingerprint().encode() + onto_path.read_bytes()).hexdigest()[:16]
    if w.copied_from_start and w.manifest.get("fixedGraphs") == key:
        return []
    from rdflib import Graph

    from peelgraph.graph.build import reference_graph

    w.manifest["fixedGraphs"] = key
    ref_nt = "\n".join(sorted(reference_graph().serialize(format="nt").splitlines()))
    onto = Graph().parse(onto_path)
    onto_nt = "\n".join(sorted(onto.serialize(format="nt").splitlines()))
    return [
        store_mod.GraphWrite(iris.REFERENCE_GRAPH, ref_nt.encode("utf-8")),
        store_mod.GraphWrite(iris.GRAPH + "ontology", onto_nt.encode("utf-8")),
    ]


def _write(
    store_root: Path,
    changes: _Changes,
    relink: set[str] | None,
    rebuild: bool,
    report: BuildReport,
    jobs: int = 1,
    pool: Any = None,
) -> None:
    """Documents, then the links derived from them, into one new version of the store
    (``jobs``: processes for the forces' sentence links, as for extraction; ``pool``:
    those processes, if started already: peelgraph.link.resolve.LinkPool)."""
    from peelgraph.store import embedded as store_mod

    with _stage(report, "commit"), store_mod.writer(store_root, replace_all=rebuild) as w:
        with _stage(report, "load documents"):
            changed = [*changes.remove_graphs, *(x.graph for x in changes.writes)]
            reach = _Reach.before(w, changed, relink)
            w.remove(changes.remove_graphs)
            w.load([*changes.writes, *_fixed_graphs(w)])
            reach.after(w, changed)
        with _stage(report, "link"):
            held = {x.graph: x.ntriples for x in changes.writes}
            _link(w, relink, reach, report, jobs, held, pool)
        with _stage(report, "derive"):
            # Read from the documents and links just written: the facts the queries derive.
            from peelgraph.link.derived import derived_parts, findings_rows
            from peelgraph.link.rows import recurrence_rows
            from peelgraph.link.thread import trace_rows

            known = w.parts(iris.DERIVED_GRAPH) is not None  # else: a store from before parts
            forces = reach.derived(w.ox) if known else None
            w.load_parts(iris.DERIVED_GRAPH, derived_parts(w.ox, forces), complete=forces is None)
            _load_rows(w, findings_rows(w.ox, forces))
            # The recurring query's rows: a force's change of links reaches the force.
            _load_rows(w, recurrence_rows(w.ox, forces))
            _load_rows(w, trace_rows(w.ox, forces))  # the trace query's (link/thread.py)
        w.update_manifest(changes.documents, changes.remove_docs)


def _load_rows(w: Any, rows: dict[str, bytes]) -> None:
    """The rows' graphs of the forces derived: the findings rows
    (peelgraph.link.derived), the recurrence rows (peelgraph.link.rows) or the trace
    rows (peelgraph.link.thread): each replaced whole; a graph that has no rows any more
    dropped."""
    import pyoxigraph

    from peelgraph.store.embedded import GraphWrite

    w.remove(
        g for g, data in sorted(rows.items())
        if not data and w.ox.contains_named_graph(pyoxigraph.NamedNode(g))
    )  # fmt: skip
    w.load(GraphWrite(g, data) for g, data in sorted(rows.items()) if data)


@dataclass
class _Reach:
    """What the changed documents reach (:mod:`peelgraph.link.scope`): the forces and
    findings they name, before and after the change, and the links that changed. None
    throughout on a build from scratch: everything is computed."""

    forces: set[str] | None
    findings: set[str] = field(default_factory=set)
    graphs: list[str] = field(default_factory=list)  # the document graphs changed
    link_sources: set[str] = field(default_factory=set)
    years: dict[str, set[str]] = field(default_factory=dict)  # node -> its years, before
    redated: set[str] = field(default_factory=set)  # nodes whose years changed

    @classmethod
    def before(cls, w: Any, graphs: list[str], relink: set[str] | None) -> _Reach:
        from peelgraph.link.scope import mentioned, years

        if relink is None or not w.copied_from_start:
            return cls(None)
        forces, findings = mentioned(w.ox, graphs)
        return cls(forces, findings, list(graphs), years=years(w.ox, graphs))

    def after(self, w: Any, graphs: list[str]) -> None:
        from peelgraph.link.scope import mentioned, years

        if self.forces is not None:
            forces, findings = mentioned(w.ox, graphs)
            self.forces |= forces
            self.findings |= findings
            now = years(w.ox, graphs)
            self.redated = {
                n for n in {*self.years, *now} if self.years.get(n, set()) != now.get(n, set())
            }

    def changed_links(self, before: set[tuple[str, str, str]], after: set[Any]) -> None:
        self.link_sources.update(s for s, _t, _r in before ^ after)

    def derived(self, ox: Any) -> set[str] | None:
        """The forces whose derived facts may have changed: those the changed documents
        name, and those tracking a finding they state or whose earliest year taken up
        the changed links change (read before the derived graph is rewritten)."""
        from peelgraph.link.scope import linking_to, taken_up_changed, trackers

        if self.forces is None:
            return None
        ends = self.link_sources | linking_to(ox, self.redated)
        reached = self.findings | taken_up_changed(ox, ends, iris.DERIVED_GRAPH)
        return self.forces | trackers(ox, reached)


def _link(
    w: Any,
    relink: set[str] | None,
    reach: _Reach,
    report: BuildReport,
    jobs: int = 1,
    held: Mapping[str, bytes] | None = None,
    pool: Any = None,
) -> None:
    """The link graphs: the explicit links of the forces reached (all on a build from
    scratch), the parallel findings between forces (whole: their word weights are the
    country's), and the sentence links of the forces relinked (in ``jobs`` processes when
    there are many, or in ``pool``'s, started already, however few: each force's are its
    own; ``held``: the document graphs' N-Triples this build wrote, from which the
    workers read the forces' sentences)."""
    from peelgraph.link.resolve import (
        explicit_parts,
        link_graph,
        parallel_finding_links,
        text_link_graphs,
    )

    scope = reach.forces if w.parts(iris.LINKS_GRAPH) is not None else None
    graphs: dict[str, bytes] = {}

    def said() -> set[tuple[str, str]]:
        # The explicit links, loaded: the pairs they state are not proposed again. Computed
        # while the sentence links' workers (if any) read the forces' sentences.
        explicit = explicit_parts(w.ox, scope)
        with _stage(report, "load links"):
            _load_parts(w, iris.LINKS_GRAPH, explicit, scope is None, reach)
        return _said_in_parts(w.parts(iris.LINKS_GRAPH))

    def parallel() -> None:
        # The parallel findings are the country's (their words' weights are), but the rows
        # they are read from are each document's: those of unchanged documents are kept.
        # Only the document graphs' rows are read (read_findings drops the rest): re-reading
        # the link graphs' every time was most of a rebuild's 1.1 s here at 100 %. Computed
        # while the workers (if any) score the sentence links.
        changed = set(reach.graphs) if reach.forces is not None else None
        docs = iris.GRAPH + "doc/"
        found = parallel_finding_links(w.ox, lambda name: w.rows_by_graph(name, changed, docs))
        graphs[iris.SIMILARITY_GRAPH] = link_graph(found)

    # The graphs this write did not change are read by the workers from the version it
    # copied (one this build wrote is read from ``held``).
    source = str(w.source) if w.source is not None else None
    graphs.update(text_link_graphs(w.ox, relink, said, jobs, held, parallel, pool, source))
    with _stage(report, "load links"):
        # The graphs this version keeps no parts of (all, on a build from scratch) in one
        # bulk load; the others (one part each) patched by the difference from the part
        # the last write kept, rather than by reading the graph back from the store.
        whole = {g: {g: data} for g, data in sorted(graphs.items()) if w.parts(g) is None}
        for gone, added in w.load_whole(whole).values() if whole else ():
            _note_links(reach, gone, added)
        for g, data in sorted(graphs.items()):
            if g not in whole:
                _load_parts(w, g, {g: data}, False, reach)


def _said_in_parts(parts: Any) -> set[tuple[str, str]]:
    """The pairs the explicit links graph states (peelgraph.link.resolve.said_pairs), read
    from the parts it was just written from (store.GraphParts), whose union it is: reading
    the store's quads by predicate instead cost 0.14 s of a one-document rebuild at 100 %."""
    from peelgraph.link.resolve import said_pairs

    return said_pairs(b"\n".join(parts.data(key) for key in parts.names()))


def _load_parts(w: Any, graph: str, parts: dict[str, bytes], complete: bool, reach: _Reach) -> None:
    """Write a link graph from its parts, noting the links whose ends changed: a link
    node's IRI is minted from its ends (iris.link), so the ends of the nodes among the
    lines the graph lost and gained are the links that changed (a node whose score or
    rank alone changed keeps its end lines)."""
    gone, added = w.load_parts(graph, parts, complete=complete)
    _note_links(reach, gone, added)


def _note_links(reach: _Reach, gone: set[bytes], added: set[bytes]) -> None:
    """Note the links whose ends are among the lines a link graph lost or gained."""
    from peelgraph.link.scope import ends_in

    if reach.forces is not None:
        reach.changed_links(ends_in(gone), ends_in(added))


def build(
    paths: Iterable[str | Path],
    store_root: Path,
    *,
    strict: bool = False,
    rebuild: bool = False,
    jobs: int = 1,
    progress: Callable[[str], None] | None = None,
    pdf_engine: str = "pdfium",
    addresses: Mapping[str, str] | None = None,
) -> BuildReport:
    """Plan (which files changed), extract (each file to its graph), write (the graphs,
    then the links derived from them, in one atomic version of the store).

    ``addresses``: file name -> public address (``peelgraph.ingest.address.read_index``),
    each document's ``dcterms:source`` where it names the file."""
    from peelgraph.ingest.read import collect_inputs

    report = BuildReport()
    with _stage(report, "plan"):
        plan = _plan(collect_inputs(paths), store_root, rebuild, report, progress, addresses)
    with contextlib.ExitStack() as stack:
        pool = None
        if jobs > 1 and plan.files and plan.previous:
            # An update: the forces its documents reach are relinked, in a worker started
            # now, whose start-up runs on the other core while these files are read.
            from peelgraph.link.resolve import LinkPool

            pool = stack.enter_context(LinkPool(jobs))
        with _stage(report, "extract"):
            changes = _extract(plan, jobs, pdf_engine, report, progress)
        if strict and report.failures:
            raise BuildFailed(
                f"{len(report.failures)} file(s) failed and --strict is set: the store was not"
                " changed",
            )
        if not changes.writes and not changes.remove_graphs:
            return report  # nothing changed (or nothing could be read): leave the store as it is
        relink = _forces_to_relink(plan, changes, rebuild)
        _write(store_root, changes, relink, rebuild, report, jobs, pool)
    # The store's triple count is a scan (0.8 s on the full country): the CLI
    # counts when it prints it, rather than every build paying for it.
    return report
