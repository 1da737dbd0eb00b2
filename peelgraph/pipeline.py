"""The build job: files -> documents -> facts -> named graphs -> the store.

Per file: ingest, extract, build its graph. A file that fails is reported
(one line, naming it) and the others are still built, unless ``strict``.
The store is written once, atomically, at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peelgraph import iris
from peelgraph.errors import BuildFailed, InputError, PeelgraphError
from peelgraph.model import Facts


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


@dataclass
class BuildReport:
    built: list[DocumentResult] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def code_fingerprint() -> str:
    """A hash of the code that turns files into graphs.

    Stored in the manifest: when it changes (a new extractor), every document
    is extracted again even if its bytes did not change.
    """
    import hashlib

    root = Path(__file__).parent
    h = hashlib.sha256()
    for f in sorted(root.rglob("*.py")):
        if "cli" in f.relative_to(root).parts:
            continue
        h.update(str(f.relative_to(root)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def _key(path: str | Path) -> str:
    """A file's absolute path, the manifest's key (a looping link resolves too: os.path
    gives up quietly where Path.resolve raises, and ingest then says what is wrong)."""
    import os

    return os.path.realpath(path)


def _checksum(path: Path) -> str | None:
    from peelgraph.ingest import checksum

    try:
        return checksum(path.read_bytes())
    except OSError:
        return None  # reported by ingest, with the reason


def process_file(path: Path, pdf_engine: str = "pdfium") -> tuple[Facts, bytes]:
    """Ingest, extract and build one file; returns its facts and graph as N-Triples."""
    from peelgraph.build import document_ntriples
    from peelgraph.extract import extract
    from peelgraph.ingest import ingest

    facts = extract(ingest(path, pdf_engine=pdf_engine))
    if facts.info.force is None:
        reasons = "; ".join(p.message for p in facts.problems) or "no force recognised"
        raise InputError(str(path), f"cannot tell which force it is about ({reasons})")
    return facts, document_ntriples(facts)


def _safe(path: Path, pdf_engine: str = "pdfium") -> tuple[Facts, bytes] | Failure:
    try:
        return process_file(path, pdf_engine)
    except InputError as exc:
        return Failure(str(path), exc.problem)  # the path is printed beside it
    except PeelgraphError as exc:
        return Failure(str(path), exc.message)
    except MemoryError:  # past the worker's memory limit (see peelgraph.bounded)
        return Failure(str(path), "too large to read within the memory limit for one document")
    except Exception as exc:  # a bug or a library failure on odd input: still one line
        return Failure(str(path), f"{type(exc).__name__}: {exc}")


def _links(forces: set[str] | None) -> Callable[[Any], list[Any]]:
    """The derive step of a write: the link graphs, the sentence links of ``forces`` only."""

    def derive(ox: Any) -> list[Any]:
        from peelgraph import store as store_mod
        from peelgraph.resolve import link_graphs

        graphs = link_graphs(ox, forces).graphs
        return [store_mod.GraphWrite(g, data) for g, data in sorted(graphs.items())]

    return derive


def _results(files: list[Path], jobs: int, pdf_engine: str) -> Any:
    """(path, result) in input order.

    PDFs (whose streams can inflate to gigabytes inside the reader) and any
    build with ``jobs`` > 1 go through bounded worker processes, each document
    with a memory and a time limit; plain text and HTML with one job are read
    in this process, where their size is checked before they are read.
    """
    from peelgraph.bounded import is_pdf, run_bounded

    if jobs <= 1 and not any(is_pdf(Path(p)) for p in files):
        for path in files:
            yield path, _safe(Path(path), pdf_engine)
        return
    from functools import partial

    work = partial(_safe, pdf_engine=pdf_engine)
    yield from run_bounded(files, work, lambda p, message: Failure(str(p), message), jobs=jobs)


def build(
    paths: Iterable[str | Path],
    store_root: Path,
    *,
    strict: bool = False,
    rebuild: bool = False,
    jobs: int = 1,
    progress: Callable[[str], None] | None = None,
    pdf_engine: str = "pdfium",
) -> BuildReport:
    from peelgraph import store as store_mod
    from peelgraph.build import reference_graph
    from peelgraph.ingest import collect_inputs
    from peelgraph.resources import resource_path

    files = collect_inputs(paths)
    report = BuildReport()
    previous: dict[str, Any] = {}
    fingerprint = code_fingerprint()
    if store_mod.exists(store_root) and not rebuild:
        s = store_mod.open_store(store_root)
        previous = s.documents
        s.close()
    by_path = {v["path"]: k for k, v in previous.items()}
    seen: dict[str, str] = {}  # doc id -> the file it was read from in this run
    # Incremental: a file whose bytes and extractor match the manifest is not read again.
    todo: list[Path] = []
    for f in files:
        old = by_path.get(_key(f))
        entry = previous.get(old) if old is not None else None
        if (
            entry is not None
            and entry.get("extractor") == fingerprint
            and entry.get("checksum") == _checksum(Path(f))
        ):
            report.unchanged.append(str(f))
            seen[old] = str(f)  # type: ignore[index]
            if progress:
                progress(str(f))
        else:
            todo.append(f)
    files = todo

    writes: list[store_mod.GraphWrite] = []
    manifest_docs: dict[str, Any] = {}
    remove_graphs: list[str] = []
    remove_docs: list[str] = []
    for path, result in _results(files, jobs, pdf_engine):
        if progress:
            progress(str(path))
        key = _key(path)
        if isinstance(result, Failure):
            report.failures.append(result)
            continue
        facts, data = result
        doc = facts.document
        if doc.doc_id in seen:
            report.duplicates.append((str(path), seen[doc.doc_id]))
            continue
        seen[doc.doc_id] = str(path)
        old_id = by_path.get(key)
        if old_id is not None and old_id != doc.doc_id:
            remove_graphs.append(iris.doc_graph(old_id))
            remove_docs.append(old_id)
        triples = data.count(b"\n") + 1 if data else 0
        writes.append(store_mod.GraphWrite(iris.doc_graph(doc.doc_id), data))
        res = DocumentResult(
            path=str(path),
            doc_id=doc.doc_id,
            kind=facts.info.kind,
            force=facts.info.force,
            year=facts.info.inspection_year,
            counts=facts.counts(),
            triples=triples,
            warnings=tuple(p.message for p in facts.problems),
        )
        report.built.append(res)
        manifest_docs[doc.doc_id] = {
            "path": key,
            "name": doc.name,
            "checksum": doc.checksum,
            "graph": iris.doc_graph(doc.doc_id),
            "kind": res.kind,
            "force": res.force,
            "year": res.year,
            "counts": res.counts,
            "triples": triples,
            "extractor": fingerprint,
        }
    if strict and report.failures:
        raise BuildFailed(
            f"{len(report.failures)} file(s) failed and --strict is set: the store was not changed",
        )
    if not writes and not remove_graphs:
        return report  # nothing changed (or nothing could be read): leave the store as it is
    ref = reference_graph()
    ref_nt = "\n".join(sorted(ref.serialize(format="nt").splitlines())).encode("utf-8")
    from rdflib import Graph

    onto = Graph().parse(resource_path("ontology", "peel.ttl"))
    onto_nt = "\n".join(sorted(onto.serialize(format="nt").splitlines())).encode("utf-8")
    writes.append(store_mod.GraphWrite(iris.REFERENCE_GRAPH, ref_nt))
    writes.append(store_mod.GraphWrite(iris.GRAPH + "ontology", onto_nt))
    store_mod.write(
        store_root,
        writes,
        remove=remove_graphs,
        manifest_update={"documents": manifest_docs},
        manifest_remove=remove_docs,
        replace_all=rebuild,
        # A force's sentence links depend on its documents alone: relink the forces
        # whose documents were built or removed (every force on a build from scratch).
        derive=_links(
            None
            if rebuild or not previous
            else {
                iris.force(f)
                for f in [m["force"] for m in manifest_docs.values()]
                + [
                    previous[d].get("force")
                    for d in [*remove_docs, *manifest_docs]
                    if d in previous
                ]
                if f
            }
        ),
    )
    # The store's triple count is a scan (0.8 s on the full country): the CLI
    # counts when it prints it, rather than every build paying for it.
    return report
