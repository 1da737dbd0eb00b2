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


def _suspects(store: Any) -> tuple[set[Any], set[Any]]:
    """(judgements with a grade no claim of theirs gives, judgements one document gives two
    grades), from one scan of grades and claims. The queries that word the violations
    group over every judgement (16 s on the full-country store); bound to these few
    (usually none) they cost nothing."""
    from peelgraph.store.sparql import query_text

    grades: dict[Any, set[str]] = {}
    claimed: dict[Any, set[str]] = {}
    by_doc: dict[tuple[Any, str], set[str]] = {}
    for sol in store.ox.query(query_text("validate-claim-grades")):
        j, grade, claim_grade, doc = (sol[k] for k in ("j", "grade", "claimGrade", "doc"))
        j_key = j
        if grade is not None:
            grades.setdefault(j_key, set()).add(str(grade))  # the term, as N-Triples writes it
        elif claim_grade is not None:
            claimed.setdefault(j_key, set()).add(str(claim_grade))
            if doc is not None:
                # The split query compares grades as strings: so does this.
                by_doc.setdefault((j_key, str(doc)), set()).add(claim_grade.value)
    unclaimed = {j for j, gs in grades.items() if gs - claimed.get(j, set())}
    split = {j for (j, _doc), gs in by_doc.items() if len(gs) > 1}
    return unclaimed, split


def _iris(terms: set[Any]) -> list[str] | None:
    """The judgements to bind, or None (no binding: every judgement) when one is a blank
    node, which a VALUES block cannot name."""
    import pyoxigraph

    if all(isinstance(t, pyoxigraph.NamedNode) for t in terms):
        return sorted(t.value for t in terms)
    return None


def claim_violations(store: Any, doc_names: dict[str, str]) -> list[Violation]:
    """Judgements whose grades no claim explains, read from the store's union of graphs."""
    from peelgraph.store.sparql import select

    unclaimed, split = _suspects(store)
    out: list[Violation] = []
    for row in (
        select(store.ox, "validate-unclaimed-grades", j=_iris(unclaimed)) if unclaimed else []
    ):
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
    for row in select(store.ox, "validate-split-claims", j=_iris(split)) if split else []:
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
