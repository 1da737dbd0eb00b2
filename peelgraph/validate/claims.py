"""Validation across documents: every grade of a judgement has a source.

The SHACL shapes check each document's graph apart (see :mod:`.shacl`), where a
judgement has one grade. Two documents may give the same judgement different
grades; the judgement node, shared, then carries both. That is a conflict
between sources, kept and shown (the saved query ``conflicts``), as long as each
grade is one document's grade claim. What this check reports is a grade no claim
gives (a grade with no source: nothing explains the conflict) and a document
giving one judgement two grades (a contradiction inside one source). It reads the
store's union of graphs, which no per-graph shape can see.
"""

from __future__ import annotations

from typing import Any

from peelgraph.validate.shacl import Violation

UNCLAIMED = (
    "A judgement's grade is given by no document's grade claim: a grade without a source, "
    "or, beside another grade, a conflict that no claim explains."
)
SPLIT = "One document gives one judgement two grades: a contradiction inside one source."
_SHAPE = "https://w3id.org/peelgraph/shapes#CrossDocumentGradeCheck"
_GRADE = "https://w3id.org/peelgraph/ontology#grade"
_CLAIM = "https://w3id.org/peelgraph/ontology#gradeClaim"


def claim_violations(store: Any, doc_names: dict[str, str]) -> list[Violation]:
    """Judgements whose grades no claim explains, read from the store's union of graphs."""
    from peelgraph.store.sparql import select

    out: list[Violation] = []
    for row in select(store.ox, "validate-unclaimed-grades"):
        docs = tuple(sorted(doc_names.get(d, d) for d in row["docs"].split()))
        out.append(
            Violation(
                focus=row["j"],
                path=_GRADE,
                value=row["grade"],
                message=UNCLAIMED,
                severity="Violation",
                shape=_SHAPE,
                focus_label=row["label"] or None,
                documents=docs,
            )
        )
    for row in select(store.ox, "validate-split-claims"):
        out.append(
            Violation(
                focus=row["j"],
                path=_CLAIM,
                value=None,
                message=SPLIT,
                severity="Violation",
                shape=_SHAPE,
                focus_label=row["label"] or None,
                documents=(doc_names.get(row["doc"], row["doc"]),),
            )
        )
    return sorted(out, key=lambda v: (v.message, v.focus, v.value or ""))


def conflict_count(store: Any) -> int:
    """Judgements (force, question, year) whose documents' claims disagree: shown, not violations."""
    from peelgraph.store.sparql import select

    rows = select(store.ox, "validate-conflicts")
    return int(rows[0]["n"]) if rows else 0


def with_results(raw_turtle: str, violations: list[Violation]) -> str:
    """The raw SHACL report (Turtle) with these violations as its results too, so that the
    file ``validate --report`` writes says what the summary says."""
    from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef

    sh = Namespace("http://www.w3.org/ns/shacl#")
    g = Graph()
    if raw_turtle:
        g.parse(data=raw_turtle, format="turtle")
    report = next(iter(g.subjects(RDF.type, sh.ValidationReport)), None)
    if report is None:
        report = BNode()
        g.add((report, RDF.type, sh.ValidationReport))
    g.set((report, sh.conforms, Literal(False)))
    for v in violations:
        r = BNode()
        g.add((report, sh.result, r))
        g.add((r, RDF.type, sh.ValidationResult))
        g.add((r, sh.focusNode, URIRef(v.focus)))
        g.add((r, sh.resultSeverity, sh.Violation))
        g.add((r, sh.resultMessage, Literal(v.message)))
        g.add((r, sh.sourceShape, URIRef(_SHAPE)))
        if v.path:
            g.add((r, sh.resultPath, URIRef(v.path)))
        if v.value:
            g.add((r, sh.value, URIRef(v.value)))
    return g.serialize(format="turtle")
