"""Validate: SHACL over the built graph, returned as records.

The shapes are every ``shapes/*.ttl``. The data are the document graphs, the links
and the reference graph (forces, concept schemes), each document graph checked apart;
the ontology graph is left out, it describes terms rather than facts. The records
(:class:`Violation`, :class:`ValidationReport`) are the same from either engine:
pySHACL here (:func:`validate_graph`, and over the store's batches), or the shapes
evaluated inside the store (:mod:`peelgraph.validate.instore`, the default).
"""

from __future__ import annotations

import contextlib
import functools
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from peelgraph.errors import ValidationFailed

SH = "http://www.w3.org/ns/shacl#"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


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
    component: str | None = None  # the SHACL constraint component (IRI)
    # The value as an N-Triples term: a report written from these records keeps an IRI an
    # IRI and a literal its datatype or language (``value`` is its text, for people). Not
    # compared: two records of one result are equal whichever engine wrote them.
    value_nt: str | None = field(default=None, compare=False)


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


def order(v: Violation) -> tuple[str, ...]:
    """The order of a report's violations (by message, then node and property; the value
    and constraint settle the rest, so that the report is the same from run to run)."""
    return (v.message, v.focus, v.path or "", v.value or "", v.component or "")


def merged_violations(parts: Iterable[Iterable[Violation]]) -> tuple[Violation, ...]:
    """The violations of several parts, in :func:`order`, each (node, property, value,
    message) once: reference and context triples are in several parts, and so are their
    violations; two constraints broken by one value with one message read as one."""
    seen: dict[tuple[str, str | None, str | None, str], Violation] = {}
    for v in sorted((v for part in parts for v in part), key=order):  # stable: parts' order
        seen.setdefault((v.focus, v.path, v.value, v.message), v)
    return tuple(seen.values())


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
    deactivated = URIRef(SH + "deactivated")
    for shape in sorted(set(shapes.subjects(sh_property, None))):
        aims = [(p, o) for p in targets for o in shapes.objects(shape, p)]
        if not aims or any(o.toPython() is True for o in shapes.objects(shape, deactivated)):
            continue  # a deactivated node shape's property shapes are not checked at all
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
    # The report's results only: a failed sh:node's nested results (its sh:detail) are
    # not results of the report, and are worded by pySHACL rather than by the shapes.
    for r in results.objects(None, shacl.result):
        focus = results.value(r, shacl.focusNode)
        path = results.value(r, shacl.resultPath)
        value = results.value(r, shacl.value)
        msg = results.value(r, shacl.resultMessage)
        sev = results.value(r, shacl.resultSeverity)
        shape = results.value(r, shacl.sourceShape)
        component = results.value(r, shacl.sourceConstraintComponent)
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
                value_nt=value.n3() if value is not None else None,
                message=str(msg) if isinstance(msg, Literal) else "constraint violated",
                severity=str(sev).rsplit("#", 1)[-1],
                shape=str(shape) if isinstance(shape, URIRef) else None,
                focus_label=str(label) if label is not None else None,
                documents=tuple(sorted(docs)),
                component=str(component) if component is not None else None,
            )
        )
    violations.sort(key=order)
    return ValidationReport(
        conforms=bool(conforms),
        violations=tuple(violations),
        triples=len(data),
        raw_turtle=results.serialize(format="turtle"),
    )


def _validate_part(data: bytes, doc_names: dict[str, str]) -> ValidationReport:
    with quiet_rdflib():
        return validate_graph(ntriples_graph(data), doc_names=doc_names)


@contextlib.contextmanager
def quiet_rdflib() -> Iterator[None]:
    """rdflib logs a traceback for each ill-typed literal it reads (and warns of a weird
    boolean): those are violations the report gives, not errors for stderr."""
    import logging
    import warnings

    term_log = logging.getLogger("rdflib.term")
    level = term_log.level
    term_log.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        term_log.setLevel(level)


def ntriples_graph(data: bytes) -> Any:
    """An rdflib Graph of N-Triples, read by Oxigraph's parser (about twice as fast as
    rdflib's on these batches, whose documents carry their full text): the same terms
    rdflib's parser makes, a plain string without a datatype, a tagged one without."""
    import pyoxigraph as ox
    from rdflib import BNode, Graph, Literal, URIRef

    iri: dict[str, URIRef] = {}
    types: dict[str, URIRef | None] = {_XSD_STRING: None, _LANG_STRING: None}

    def term(t: Any) -> Any:
        if isinstance(t, ox.NamedNode):
            v = t.value
            return iri.get(v) or iri.setdefault(v, URIRef(v))
        if isinstance(t, ox.Literal):
            if t.language:
                return Literal(t.value, lang=t.language)
            dt = t.datatype.value
            if dt not in types:
                types[dt] = URIRef(dt)
            return Literal(t.value, datatype=types[dt])
        return BNode(t.value)

    g = Graph()
    add = g.add
    for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        add((term(t.subject), term(t.predicate), term(t.object)))
    return g


ENGINES = ("in-store", "pyshacl")


def validate_store(store: Any, *, jobs: int = 1, engine: str = "in-store") -> ValidationReport:
    """Validate a store's facts: document graphs, link graphs, reference graph.

    ``engine``: "in-store" evaluates the shapes as SPARQL inside the store
    (:mod:`peelgraph.validate.instore`); "pyshacl", the validator of record, runs
    pySHACL over batches of the store (:mod:`peelgraph.validate.batches`), in
    ``jobs`` processes. Both give the same violations on the same graphs
    (``tests/test_instore.py``). Only the graphs or batches whose content changed
    since the store was last validated are checked again
    (:mod:`peelgraph.validate.cache`). What no graph can show alone (the grades
    documents give one judgement, the store's counts) is read once per version of
    the store, beside them.
    """
    with quiet_rdflib():
        return _validate_store(store, jobs, engine)


def _validate_store(store: Any, jobs: int, engine: str) -> ValidationReport:
    from pathlib import Path

    from peelgraph.errors import UsageError
    from peelgraph.graph import iris
    from peelgraph.validate.cache import ResultCache

    if engine not in ENGINES:
        raise UsageError(f"unknown validation engine {engine!r}: one of {', '.join(ENGINES)}")
    names = {
        f"{iris.ID}doc/{doc_id}": meta.get("name", doc_id)
        for doc_id, meta in store.documents.items()
    }
    root = getattr(store, "root", None)
    results = ResultCache(Path(root) if root is not None else None)
    whole = _WholeStore(store, names, results.notes.get("store"))
    if engine == "in-store":
        from peelgraph.validate.instore import validate_graphs

        merged, keep = validate_graphs(store, names, results)
        notes: dict[str, Any] = {}
    else:
        merged, keep, notes = _pyshacl_batches(store, names, results, jobs)
    facts = whole.result()
    results.save(keep, {**notes, "store": facts})
    # Then what no part can see alone: the grades documents give one judgement, across graphs.
    from peelgraph.validate.claims import with_results

    across = [Violation(**{**v, "documents": tuple(v["documents"])}) for v in facts["claims"]]
    if across:
        merged = replace(
            merged,
            conforms=False,
            raw_turtle=with_results(merged.raw_turtle, across),
            violations=tuple(sorted((*merged.violations, *across), key=order)),
        )
    # Every named graph is checked, each part with the reference triples it points to: the
    # count is the store's, the same two numbers `peelgraph build` prints.
    return replace(
        merged,
        triples=facts["distinct"],
        statements=facts["statements"],
        conflicts=facts["conflicts"],
    )


def _pyshacl_batches(
    store: Any, names: dict[str, str], results: Any, jobs: int
) -> tuple[ValidationReport, dict[str, ValidationReport], dict[str, Any]]:
    """pySHACL over the store's batches (those not in ``results``), in ``jobs`` processes:
    the merged report, every batch's result by key, the notes for the next run."""
    from peelgraph.validate.batches import partitions

    batches, notes = partitions(store, set(results.results), results.notes)
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
    keep = {b.key: r for b, r in zip(batches, reports, strict=True) if r is not None}
    return _merge([r for r in reports if r is not None]), keep, notes


# A store of this many documents reads its store-wide facts in a process of its own,
# on another core, while the batches are validated (a second or more at full scale;
# starting the process costs more than that on a small store).
_WHOLE_STORE_APART = 200


class _WholeStore:
    """The store-wide facts of this version of the store (counts, claims across
    documents, conflicts), as the last run noted them or read again, apart when large."""

    def __init__(self, store: Any, names: dict[str, str], noted: dict[str, Any] | None) -> None:
        version = str(getattr(store, "version", ""))
        self._known = noted if noted and version and noted.get("version") == version else None
        self._future: Any = None
        self._store, self._names, self._version = store, names, version
        if self._known is None and len(store.documents) >= _WHOLE_STORE_APART and version:
            from concurrent.futures import ProcessPoolExecutor

            # The child opens the store itself, read-only (as the batches' workers, it
            # uses nothing of this process's store).
            pool = ProcessPoolExecutor(1)
            self._future = pool.submit(_whole_store_facts, str(store.root), version, names)
            pool.shutdown(wait=False)

    def result(self) -> dict[str, Any]:
        if self._known is not None:
            return self._known
        if self._future is not None:
            return self._future.result()
        return {"version": self._version, **store_facts(self._store, self._names)}


def _whole_store_facts(root: str, version: str, names: dict[str, str]) -> dict[str, Any]:
    from pathlib import Path

    from peelgraph.store.embedded import Store

    store = Store(Path(root), Path(version))
    try:
        return {"version": version, **store_facts(store, names)}
    finally:
        store.close()


def store_facts(store: Any, names: dict[str, str]) -> dict[str, Any]:
    """What validation reads from the whole store: its counts, the violations no batch
    can see (grades across documents) and the conflicts between sources, as JSON."""
    from dataclasses import asdict

    from peelgraph.validate.claims import claim_violations, conflict_count

    statements, distinct = store.counts()
    return {
        "statements": statements,
        "distinct": distinct,
        "conflicts": conflict_count(store),
        "claims": [asdict(v) for v in claim_violations(store, names)],
    }


def _merge(reports: list[ValidationReport]) -> ValidationReport:
    from rdflib import Graph

    violations = merged_violations(r.violations for r in reports)
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
