"""Validate: SHACL (pyshacl) over the built graph, returned as records.

The shapes are every ``shapes/*.ttl``. The data graph is the union of the
document graphs, the links and the reference graph (forces, concept schemes);
the ontology graph is left out, it describes terms rather than facts.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from peelgraph.errors import ValidationFailed
from peelgraph.graph.iris import ONTOLOGY, RDF_TYPE

SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    value: str | None
    message: str
    severity: str
    shape: str | None
    focus_label: str | None = None
    documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]
    triples: int  # distinct triples checked (a fact two documents state counts once)
    raw_turtle: str = field(repr=False, default="")
    statements: int = 0  # the quads of the named graphs those triples come from
    # Judgements whose documents give different grades, each grade one document's claim:
    # conflicts between sources, shown (query conflicts) rather than violations.
    conflicts: int = 0

    def raise_for_violations(self) -> None:
        if not self.conforms:
            raise ValidationFailed(
                f"the graph does not conform: {len(self.violations)} violation(s)",
                hint="run `peelgraph validate` for the list",
            )

    def summary(self) -> str:
        """A report a person can read: counts by message, then each violation."""
        checked = f"{self.triples} distinct triples" + (
            f" ({self.statements} statements in the named graphs)" if self.statements else ""
        )
        shown = (
            f"\n{self.conflicts} judgement(s) given different grades by different documents, "
            "each grade with its source: `peelgraph query conflicts` shows them."
            if self.conflicts
            else ""
        )
        if self.conforms:
            return f"Conforms: {checked} checked against peelgraph's shapes, no violations.{shown}"
        lines = [f"Does not conform: {len(self.violations)} violation(s) in {checked}.{shown}", ""]
        by_msg = Counter(v.message for v in self.violations)
        for msg, n in by_msg.most_common():
            lines.append(f"  {n:4d} x {msg}")
        lines.append("")
        for v in self.violations:
            what = v.focus_label or v.focus
            where = f" (in {', '.join(v.documents)})" if v.documents else ""
            lines.append(f"- {v.message}")
            lines.append(f"    node: {what}{where}")
            if v.path:
                lines.append(
                    f"    property: {_short(v.path)}" + (f" = {v.value}" if v.value else "")
                )
        return "\n".join(lines)


def _short(iri: str) -> str:
    from peelgraph.graph.vocab import PREFIXES

    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def shapes_graph(*, lifted: bool = True) -> Any:
    """The shapes of ``shapes/*.ttl`` (parsed once per process; treat as read-only).

    ``lifted``: as pySHACL is given them, each property shape of a node shape that has
    targets carrying those targets itself (:func:`lift_property_shapes`)."""
    return _lifted_shapes() if lifted else _authored_shapes()


@functools.cache
def _authored_shapes() -> Any:
    from rdflib import Graph

    from peelgraph.resources import list_resources

    g = Graph()
    for path in list_resources("shapes", ".ttl"):
        g.parse(path)
    return g


@functools.cache
def _lifted_shapes() -> Any:
    return lift_property_shapes(_authored_shapes())


_TARGETS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf")


def lift_property_shapes(shapes: Any) -> Any:
    """The same constraints with every property shape of a targeted node shape made a
    shape of its own, with the node shape's targets.

    SHACL gives both forms the same results (a focus node conforms to a node shape's
    ``sh:property`` exactly when it conforms to the property shape; the focus node,
    path, value, message and source shape of each result are the same). pySHACL does not
    cost the same: it checks a node shape's property shapes one focus node at a time,
    building every constraint again for each (1.4 ms a node and property), while a
    targeted property shape is checked once for all its focus nodes: about 3.5x less
    time on a document batch. Property shapes reached otherwise (``sh:node``, ``sh:or``,
    shapes without targets) are left where they are."""
    from rdflib import Graph, URIRef

    sh_property = URIRef(SH + "property")
    targets = [URIRef(SH + t) for t in _TARGETS]
    out = Graph()
    for prefix, ns in shapes.namespaces():
        out.bind(prefix, ns)
    for triple in shapes:
        out.add(triple)
    for shape in sorted(set(shapes.subjects(sh_property, None))):
        aims = [(p, o) for p in targets for o in shapes.objects(shape, p)]
        if not aims:
            continue
        for prop in list(shapes.objects(shape, sh_property)):
            out.remove((shape, sh_property, prop))
            for p, o in aims:
                out.add((prop, p, o))
    return out


def validate_graph(data: Any, *, doc_names: dict[str, str] | None = None) -> ValidationReport:
    """Validate an rdflib Graph with peelgraph's shapes."""
    import pyshacl
    from rdflib import RDFS, Graph, Literal, Namespace, URIRef

    shacl = Namespace(SH)
    from peelgraph.graph.vocab import OA, PEEL

    oa_source, has_ev = OA.hasSource, PEEL.hasEvidence
    conforms, results, _text = pyshacl.validate(
        data,
        shacl_graph=shapes_graph(),
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
    )
    assert isinstance(results, Graph)
    violations: list[Violation] = []
    for r in results.subjects(shacl.resultSeverity, None):
        focus = results.value(r, shacl.focusNode)
        path = results.value(r, shacl.resultPath)
        value = results.value(r, shacl.value)
        msg = results.value(r, shacl.resultMessage)
        sev = results.value(r, shacl.resultSeverity)
        shape = results.value(r, shacl.sourceShape)
        label = data.value(focus, RDFS.label) if focus is not None else None
        docs: set[str] = set()
        for ev in data.objects(focus, has_ev):
            for d in data.objects(ev, oa_source):
                name = (doc_names or {}).get(str(d))
                docs.add(name or str(d))
        violations.append(
            Violation(
                focus=str(focus),
                path=str(path) if isinstance(path, URIRef) else None,
                value=str(value) if value is not None else None,
                message=str(msg) if isinstance(msg, Literal) else "constraint violated",
                severity=str(sev).rsplit("#", 1)[-1],
                shape=str(shape) if isinstance(shape, URIRef) else None,
                focus_label=str(label) if label is not None else None,
                documents=tuple(sorted(docs)),
            )
        )
    violations.sort(key=lambda v: (v.message, v.focus, v.path or ""))
    return ValidationReport(
        conforms=bool(conforms),
        violations=tuple(violations),
        triples=len(data),
        raw_turtle=results.serialize(format="turtle"),
    )


def _validate_part(data: bytes, doc_names: dict[str, str]) -> ValidationReport:
    from rdflib import Graph

    g = Graph()
    g.parse(data=data, format="nt")
    return validate_graph(g, doc_names=doc_names)


_IRI_OBJECT = re.compile(rb"> (<[^>]*>) \.$")
_PEEL = ONTOLOGY
_RDF_TYPE = b"<" + RDF_TYPE.encode() + b">"
_LINKS = tuple(
    f" <{_PEEL}{p}> ".encode()
    for p in ("followsUp", "sameFinding", "outcomeOf", "disputes", "agreesWith")
)


def _closure(
    seeds: set[bytes], describe: Callable[[list[bytes]], Iterable[bytes]], depth: int
) -> list[bytes]:
    """Triples describing ``seeds`` and, to ``depth`` steps, the IRIs they point to."""
    out: list[bytes] = []
    done: set[bytes] = set()
    frontier = set(seeds)
    for _ in range(depth):
        frontier -= done
        if not frontier:
            break
        done |= frontier
        found: set[bytes] = set()
        for line in describe(sorted(frontier)):
            out.append(line)
            # What a node rests on, not the nodes it links to (each checked in its own graph).
            if (m := _IRI_OBJECT.search(line)) and not any(p in line for p in _LINKS):
                found.add(m.group(1))
        frontier = found
    return out


def _describe_in_store(store: Any) -> Callable[[list[bytes]], Iterator[bytes]]:
    """Triples (from any graph, once each) about the given IRIs, asked 500 at a time."""

    def describe(nodes: list[bytes]) -> Iterator[bytes]:
        from peelgraph.store.sparql import bind, query_text

        for i in range(0, len(nodes), 500):
            iris = [n.decode()[1:-1] for n in nodes[i : i + 500]]  # <iri> as N-Triples writes it
            for sol in store.ox.query(bind(query_text("describe-nodes"), s=iris)):
                yield f"{sol[0]} {sol[1]} {sol[2]} .".encode()

    return describe


class _Reference:
    """The reference graph's triples by subject, and a batch with what it points to."""

    def __init__(self, ref_lines: list[bytes]) -> None:
        self.lines = ref_lines
        self.by_subject: dict[bytes, list[bytes]] = {}
        for line in ref_lines:
            self.by_subject.setdefault(line.split(b" ", 1)[0], []).append(line)

    def _of(self, nodes: list[bytes]) -> Iterator[bytes]:
        for node in nodes:
            yield from self.by_subject.get(node, ())

    def batch(self, lines: list[bytes]) -> list[bytes]:
        """``lines`` with the reference triples they point to."""
        objects = {m.group(1) for ln in lines if (m := _IRI_OBJECT.search(ln))}
        extra = sorted(set(_closure(objects, self._of, depth=3)))
        return [b"\n".join(lines), b"\n".join(extra)]


@dataclass(frozen=True)
class _Batch:
    """Part of the store validated on its own: its cache key, and how to make its data
    (only called when the key is not cached: dumping a document graph costs time)."""

    key: str
    data: Callable[[], bytes]


class _Graphs:
    """The store's graphs as N-Triples lines, dumped when first asked for: one by one
    when few are wanted (a rebuild after one changed document), else the whole store
    at once, which costs less than a dump per graph."""

    def __init__(self, store: Any, wanted: int) -> None:
        self.store = store
        self.whole = wanted > max(8, len(store.documents) // 4)
        self.by_graph: dict[bytes, list[bytes]] | None = None

    def lines(self, graph: str) -> list[bytes]:
        if self.whole:
            if self.by_graph is None:
                self.by_graph = {}
                for ln in self.store.dump("nquads").splitlines():
                    head, g = ln[:-2].rstrip().rsplit(b" ", 1)
                    self.by_graph.setdefault(g, []).append(head + b" .")
            return self.by_graph.get(f"<{graph}>".encode(), [])
        return self.store.dump("ntriples", graph).splitlines()


def _document_groups(store: Any) -> list[list[tuple[str, dict[str, Any]]]]:
    """Document graphs, at most one of each force per batch (forces share no facts).

    A force's documents are dealt out in the order of their file paths, so that a
    document whose file changed stays in the batch it was in and the other batches
    keep their cached results.
    """
    by_force: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for _doc_id, meta in sorted(store.documents.items(), key=lambda kv: kv[1].get("path", kv[0])):
        by_force.setdefault(meta.get("force") or "", []).append((meta["graph"], meta))
    return [
        [docs[k] for docs in by_force.values() if k < len(docs)]
        for k in range(max((len(v) for v in by_force.values()), default=0))
    ]


def _document_batches(store: Any, ref: _Reference, ref_key: str, cached: set[str]) -> list[_Batch]:
    from peelgraph.validate import cache

    groups = _document_groups(store)
    keys = [
        cache.key(
            ref_key,
            *(f"{g} {m.get('checksum')} {m.get('extractor')} {m.get('name')}" for g, m in group),
        )
        for group in groups
    ]
    graphs = _Graphs(store, sum(1 for k in keys if k not in cached))

    def data(group: list[tuple[str, dict[str, Any]]]) -> Callable[[], bytes]:
        return lambda: b"\n".join(ref.batch([ln for g, _ in group for ln in graphs.lines(g)]))

    return [_Batch(k, data(group)) for k, group in zip(keys, groups, strict=True)]


def _link_batches(store: Any, ref: _Reference, link_chunk: int) -> list[_Batch]:
    """The link graphs in chunks; the nodes the linker mints ("referenced, not in corpus"
    findings, passages) point into document graphs and are checked with what they point to.

    Each graph is cut apart from the others (one force's sentence links change with its
    documents alone), its other subjects dealt into chunks by a hash of the subject, so
    that a change to some links leaves the chunks that hold none of them as they were
    (cached)."""
    from peelgraph.graph import iris
    from peelgraph.validate import cache

    chunks: list[list[bytes]] = []
    derived = iris.LINKS_GRAPH  # links, links-similarity, links-text/FORCE, links-derived
    for g in sorted(g for g in store.named_graphs() if g.startswith(derived)):
        by_subject: dict[bytes, list[bytes]] = {}
        for ln in store.dump("ntriples", g).splitlines():
            by_subject.setdefault(ln.split(b" ", 1)[0], []).append(ln)
        chunks.extend(_graph_chunks(store, ref, by_subject, link_chunk))
    out = []
    for lines in chunks:
        data = b"\n".join(ref.batch(lines))
        out.append(_Batch(cache.key(data), lambda data=data: data))  # type: ignore[misc]
    return out


def _graph_chunks(
    store: Any, ref: _Reference, by_subject: dict[bytes, list[bytes]], link_chunk: int
) -> list[list[bytes]]:
    """One link graph's chunks: its minted nodes with what they point to, then the rest."""
    import zlib

    minted = tuple(
        _RDF_TYPE + f" <{_PEEL}{c}> .".encode() for c in ("Finding", "Passage", "Evidence")
    )
    referenced = {
        subj for subj, lines in by_subject.items() if any(ln.endswith(minted) for ln in lines)
    }
    chunks: list[list[bytes]] = []
    chunk: list[bytes] = []
    for subj in sorted(referenced):
        chunk.extend(by_subject.pop(subj))
    if chunk:
        seeds = {
            m.group(1)
            for ln in chunk
            if not any(p in ln for p in _LINKS) and (m := _IRI_OBJECT.search(ln))
        } - set(ref.by_subject)
        chunk.extend(_closure(seeds, _describe_in_store(store), depth=4))
        chunks.append(chunk)
    n = max(1, sum(len(v) for v in by_subject.values()) // link_chunk)
    buckets: list[list[bytes]] = [[] for _ in range(n)]
    for subj in sorted(by_subject):
        buckets[zlib.crc32(subj) % n].extend(by_subject[subj])
    chunks.extend(b for b in buckets if b)
    return chunks


def _partitions(
    store: Any, cached: set[str] | None = None, link_chunk: int = 20_000
) -> list[_Batch]:
    """The store's facts cut into parts that can be validated apart, in batches.

    A named graph is the unit of provenance, so each document graph is
    validated without the others of its force: one finding quoted with
    slightly different words by two documents is not a finding with two texts.
    Documents of different forces share no facts (their IRIs hold the force), so
    a batch joins at most one document of each force, with the reference
    triples they point to (forces, concepts). The link graphs, cut into chunks,
    come with what their "referenced, not in corpus" findings and passages point
    to (evidence, its document, that document's inspection). ``cached``: the keys
    whose results are known (their documents are then not dumped).
    """
    from peelgraph.graph import iris
    from peelgraph.validate import cache

    ref_nt = store.dump("ntriples", iris.REFERENCE_GRAPH)
    ref = _Reference(ref_nt.splitlines())
    ref_key = cache.key(ref_nt)
    return [
        *_document_batches(store, ref, ref_key, cached or set()),
        *_link_batches(store, ref, link_chunk),
        _Batch(ref_key, lambda: b"\n".join(ref.lines)),
    ]


def validate_store(store: Any, *, jobs: int = 1) -> ValidationReport:
    """Validate a store's facts: document graphs, link graphs, reference graph.

    Only the batches whose content changed since the store was last validated are
    checked again (:mod:`peelgraph.validate.cache`); with ``jobs`` > 1 they are
    validated in that many processes.
    """
    from pathlib import Path

    from peelgraph.graph import iris
    from peelgraph.validate.cache import ResultCache

    names = {
        f"{iris.ID}doc/{doc_id}": meta.get("name", doc_id)
        for doc_id, meta in store.documents.items()
    }
    root = getattr(store, "root", None)
    results = ResultCache(Path(root) if root is not None else None)
    batches = _partitions(store, set(results.results))
    todo = [b for b in batches if results.get(b.key) is None]
    data = [b.data() for b in todo]
    if jobs > 1 and len(data) > 2 and sum(len(d) for d in data) > 10_000_000:
        from concurrent.futures import ProcessPoolExecutor

        # Largest first, so that the pool does not end waiting on one big batch.
        order = sorted(range(len(data)), key=lambda i: -len(data[i]))
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            done = list(pool.map(_validate_part, [data[i] for i in order], [names] * len(data)))
        fresh = [r for _, r in sorted(zip(order, done, strict=True), key=lambda t: t[0])]
    else:
        # A small store, or few changed batches: starting processes would cost more.
        fresh = [_validate_part(d, names) for d in data]
    new = {b.key: r for b, r in zip(todo, fresh, strict=True)}
    reports = [new.get(b.key) or results.get(b.key) for b in batches]
    results.save({b.key: r for b, r in zip(batches, reports, strict=True) if r is not None})
    merged = _merge([r for r in reports if r is not None])
    # Then what no part can see alone: the grades documents give one judgement, across graphs.
    from peelgraph.validate.claims import claim_violations, conflict_count, with_results

    across = claim_violations(store, names)
    if across:
        merged = replace(
            merged,
            conforms=False,
            raw_turtle=with_results(merged.raw_turtle, across),
            violations=tuple(
                sorted(
                    (*merged.violations, *across), key=lambda v: (v.message, v.focus, v.path or "")
                )
            ),
        )
    # Every named graph is checked, each part with the reference triples it points to: the
    # count is the store's, the same two numbers `peelgraph build` prints.
    statements, distinct = store.counts()
    return replace(merged, triples=distinct, statements=statements, conflicts=conflict_count(store))


def _merge(reports: list[ValidationReport]) -> ValidationReport:
    from rdflib import Graph

    seen: dict[tuple[str, str | None, str | None, str], Violation] = {}
    for r in reports:
        for v in r.violations:
            # Reference and context triples are in several parts: so are their violations.
            seen.setdefault((v.focus, v.path, v.value, v.message), v)
    violations = sorted(seen.values(), key=lambda v: (v.message, v.focus, v.path or ""))
    failing = [r for r in reports if not r.conforms]
    raw = reports[0].raw_turtle if reports and not failing else ""
    if failing:
        g = Graph()
        for r in failing:
            g.parse(data=r.raw_turtle, format="turtle")
        raw = g.serialize(format="turtle")
    return ValidationReport(
        conforms=not failing,
        violations=tuple(violations),
        triples=sum(r.triples for r in reports),
        raw_turtle=raw,
    )
