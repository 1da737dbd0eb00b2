"""Validate: SHACL (pyshacl) over the built graph, returned as records.

The shapes are every ``shapes/*.ttl``. The data graph is the union of the
document graphs, the links and the reference graph (forces, concept schemes);
the ontology graph is left out, it describes terms rather than facts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from peelgraph.errors import ValidationFailed

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
    triples: int
    raw_turtle: str = field(repr=False, default="")

    def raise_for_violations(self) -> None:
        if not self.conforms:
            raise ValidationFailed(
                f"the graph does not conform: {len(self.violations)} violation(s)",
                hint="run `peelgraph validate` for the list",
            )

    def summary(self) -> str:
        """A report a person can read: counts by message, then each violation."""
        if self.conforms:
            return f"Conforms: {self.triples} triples checked against peelgraph's shapes, no violations."
        lines = [
            f"Does not conform: {len(self.violations)} violation(s) in {self.triples} triples.",
            "",
        ]
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
    from peelgraph.vocab import PREFIXES

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
    oa_source = URIRef("http://www.w3.org/ns/oa#hasSource")
    has_ev = URIRef("https://w3id.org/peelgraph/ontology#hasEvidence")
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


def validate_store(store: Any) -> ValidationReport:
    """Validate the union of a store's fact graphs."""
    from rdflib import Graph

    from peelgraph import iris

    g = Graph()
    for name in store.named_graphs():
        if name == iris.GRAPH + "ontology":
            continue
        g.parse(data=store.dump("ntriples", name), format="nt")
    names = {
        f"{iris.ID}doc/{doc_id}": meta.get("name", doc_id)
        for doc_id, meta in store.documents.items()
    }
    return validate_graph(g, doc_names=names)
