"""Validate: SHACL (pyshacl) over the built graph, returned as records.

The shapes are every ``shapes/*.ttl``. The data graph is the union of the
document graphs, the links and the reference graph (forces, concept schemes);
the ontology graph is left out, it describes terms rather than facts.
"""

from __future__ import annotations

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


def shapes_graph() -> Any:
    from rdflib import Graph

    from peelgraph.resources import list_resources

    g = Graph()
    for path in list_resources("shapes", ".ttl"):
        g.parse(path)
    return g


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


def _document_batches(
    store: Any, by_graph: dict[bytes, list[bytes]], ref: _Reference
) -> list[list[bytes]]:
    """Document graphs, at most one of each force per batch (forces share no facts)."""
    by_force: dict[str, list[str]] = {}
    for _doc_id, meta in sorted(store.documents.items()):
        by_force.setdefault(meta.get("force") or "", []).append(meta["graph"])
    return [
        ref.batch(
            [
                ln
                for graphs in by_force.values()
                if k < len(graphs)
                for ln in by_graph.get(f"<{graphs[k]}>".encode(), ())
            ]
        )
        for k in range(max((len(v) for v in by_force.values()), default=0))
    ]


def _link_batches(
    store: Any, by_graph: dict[bytes, list[bytes]], ref: _Reference, link_chunk: int
) -> list[list[bytes]]:
    """The link graphs in chunks; the nodes the linker mints ("referenced, not in corpus"
    findings, passages) point into document graphs and are checked with what they point to."""
    from peelgraph.graph import iris

    by_subject: dict[bytes, list[bytes]] = {}
    derived = f"<{iris.LINKS_GRAPH}".encode()  # links, links-similarity, links-text/FORCE
    for g in sorted(g for g in by_graph if g.startswith(derived)):
        for ln in by_graph[g]:
            by_subject.setdefault(ln.split(b" ", 1)[0], []).append(ln)
    minted = tuple(
        _RDF_TYPE + f" <{_PEEL}{c}> .".encode() for c in ("Finding", "Passage", "Evidence")
    )
    referenced = {
        subj for subj, lines in by_subject.items() if any(ln.endswith(minted) for ln in lines)
    }
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
    batches: list[list[bytes]] = []
    for subj in sorted(by_subject):
        chunk.extend(by_subject[subj])
        if len(chunk) >= link_chunk:
            batches.append(ref.batch(chunk))
            chunk = []
    if chunk:
        batches.append(ref.batch(chunk))
    return batches


def _partitions(store: Any, link_chunk: int = 20_000) -> list[list[bytes]]:
    """The store's facts cut into parts that can be validated apart, in batches.

    A named graph is the unit of provenance, so each document graph is
    validated without the others of its force: one finding quoted with
    slightly different words by two documents is not a finding with two texts.
    Documents of different forces share no facts (their IRIs hold the force), so
    a batch joins at most one document of each force, with the reference
    triples they point to (forces, concepts). The link graphs, cut into chunks,
    come with what their "referenced, not in corpus" findings and passages point
    to (evidence, its document, that document's inspection). Returns the batches
    (each a list of N-Triples chunks to join).
    """
    from peelgraph.graph import iris

    ref = _Reference(store.dump("ntriples", iris.REFERENCE_GRAPH).splitlines())
    # One dump of the whole store, split by graph: a dump per graph costs more.
    by_graph: dict[bytes, list[bytes]] = {}
    for ln in store.dump("nquads").splitlines():
        head, graph = ln[:-2].rstrip().rsplit(b" ", 1)
        by_graph.setdefault(graph, []).append(head + b" .")
    return [
        *_document_batches(store, by_graph, ref),
        *_link_batches(store, by_graph, ref, link_chunk),
        [b"\n".join(ref.lines)],
    ]


def validate_store(store: Any, *, jobs: int = 1) -> ValidationReport:
    """Validate a store's facts: document graphs, link graphs, reference graph.

    With ``jobs`` > 1 the batches are validated in that many processes.
    """
    from peelgraph.graph import iris

    names = {
        f"{iris.ID}doc/{doc_id}": meta.get("name", doc_id)
        for doc_id, meta in store.documents.items()
    }
    batches = _partitions(store)
    data = [b"\n".join(b) for b in batches]
    if jobs > 1 and len(data) > 2 and sum(len(d) for d in data) > 10_000_000:
        from concurrent.futures import ProcessPoolExecutor

        # Largest first, so that the pool does not end waiting on one big batch.
        order = sorted(range(len(data)), key=lambda i: -len(data[i]))
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            done = list(pool.map(_validate_part, [data[i] for i in order], [names] * len(data)))
        reports = [r for _, r in sorted(zip(order, done, strict=True), key=lambda t: t[0])]
    else:
        # A small store: starting processes would cost more than it saves.
        reports = [_validate_part(d, names) for d in data]
    merged = _merge(reports)
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
