"""Extraction against the manifest: like compared with like, document by document.

What a document was read as (:class:`Read`) comes from the built store (the
benchmark) or straight from the extractor (:func:`read_facts`, for a quick look
at one form); :func:`compare` scores it against what the generator wrote: kind,
force (a document that names none counts as right when it is read as unknown,
a document about many when read as national), year and label, every grade with
who reports it and the year it was last inspected, findings by type and scope.
Misses are kept with the form of the document, so a gap names the layout it is in.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .common import DocSpec

Grade = tuple[str, int, str, str, str, int]  # force, year, question, grade, reported_by, last


@dataclass
class Read:
    """What extraction made of one document."""

    kind: str
    force: str | None
    year: int | None
    year_label: str | None
    scope: str
    judgements: list[Grade] = field(default_factory=list)
    findings: list[tuple[str, str]] = field(default_factory=list)  # (type, scope), own words
    back_references: int = 0
    disputes: int = 0


def finding_scope(scope: str, force: str | None) -> str:
    """A finding's scope as the graph states it: a force's finding with no force is unknown."""
    return scope if force or scope != "force" else "unknown"


def read_facts(facts: Any) -> Read:
    """A :class:`Read` from an extractor's :class:`peelgraph.extract.facts.Facts`."""
    info = facts.info
    return Read(
        kind=info.kind,
        force=info.force,
        year=info.inspection_year,
        year_label=info.year_label,
        scope=info.scope,
        judgements=[
            (j.force, j.inspection_year, j.question, j.grade, j.reported_by, j.last_inspected)
            for j in facts.judgements
        ],
        findings=[
            (f.type, finding_scope(f.scope, f.force))
            for f in facts.findings
            if f.quoted_from_year is None and not f.reference_only
        ],
        back_references=len(facts.back_references),
        disputes=sum(s.stance == "disputes" for s in facts.stances),
    )


def _overlap(expected: list[Any], got: list[Any]) -> int:
    e, g = Counter(map(tuple, expected)), Counter(map(tuple, got))
    return sum((e & g).values())


def _prf(right: int, expected: int, found: int) -> dict[str, float]:
    p = right / found if found else 1.0
    r = right / expected if expected else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _doc_fields(spec: DocSpec, got: Read) -> dict[str, bool]:
    return {
        "kind": got.kind == spec.kind,
        "force": got.force == spec.force,
        "year": got.year == spec.year,
        "year_label": got.year_label == spec.year_label,
        "scope": got.scope == spec.scope,
    }


def compare(specs: list[DocSpec], reads: Mapping[str, Read], examples: int = 3) -> dict[str, Any]:
    """Scores of ``reads`` (by file) against ``specs``, overall and per form."""
    fields: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    misses: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for spec in specs:
        got = reads.get(spec.file)
        form = forms[spec.form or spec.kind]
        form["documents"] += 1
        if got is None:
            totals["not_built"] += 1
            continue
        ok = _doc_fields(spec, got)
        fields.update(k for k, v in ok.items() if v)
        form["document_right"] += all(ok.values())
        wrong = {k: (getattr(spec, k), getattr(got, k)) for k, v in ok.items() if not v}
        totals["unknown_force"] += spec.scope == "unknown"
        totals["unknown_force_right"] += spec.scope == "unknown" and not wrong
        totals["national"] += spec.scope == "national"
        totals["national_right"] += spec.scope == "national" and got.scope == "national"
        j_right = _overlap(spec.judgements, got.judgements)
        f_right = _overlap(spec.findings, got.findings)
        reported = [g for g in spec.judgements if g[4] != "inspectorate"]
        counts = {
            "judgements_expected": len(spec.judgements),
            "judgements_found": len(got.judgements),
            "judgements_right": j_right,
            "reported_expected": len(reported),
            "reported_right": _overlap(reported, got.judgements),
            "findings_expected": len(spec.findings),
            "findings_found": len(got.findings),
            "findings_right": f_right,
            "back_references_expected": spec.back_references,
            "back_references_right": min(spec.back_references, got.back_references),
            "disputes_expected": spec.disputes,
            "disputes_right": min(spec.disputes, got.disputes),
        }
        totals.update(counts)
        form.update(counts)
        want: Counter[tuple[Any, ...]] = Counter(tuple(g) for g in spec.judgements)
        have: Counter[tuple[Any, ...]] = Counter(tuple(g) for g in got.judgements)
        missed, extra = want - have, have - want
        if (wrong or missed or extra) and len(misses[spec.form]) < examples:
            misses[spec.form].append(
                {
                    "file": spec.file,
                    "document": {k: {"expected": e, "got": g} for k, (e, g) in wrong.items()},
                    "judgements_missed": sorted(missed.elements())[:6],
                    "judgements_extra": sorted(extra.elements())[:6],
                }
            )
    n = len(specs)
    return {
        "documents": n,
        "not_built": totals["not_built"],
        **{
            f"{k}_accuracy": fields[k] / n for k in ("kind", "force", "year", "year_label", "scope")
        },
        "unknown_force_documents": totals["unknown_force"],
        "unknown_force_read_as_such": totals["unknown_force_right"],
        "national_documents": totals["national"],
        "national_read_as_such": totals["national_right"],
        "judgements": _prf(*_three(totals, "judgements")),
        "reported_grades_recall": _ratio(totals, "reported"),
        "findings": _prf(*_three(totals, "findings")),
        "back_references_recall": _ratio(totals, "back_references"),
        "disputes_recall": _ratio(totals, "disputes"),
        "by_form": {k: _form_summary(v) for k, v in sorted(forms.items())},
        "misses": dict(misses),
    }


def _three(c: Counter[str], name: str) -> tuple[int, int, int]:
    return c[f"{name}_right"], c[f"{name}_expected"], c[f"{name}_found"]


def _ratio(c: Counter[str], name: str) -> float:
    return c[f"{name}_right"] / c[f"{name}_expected"] if c[f"{name}_expected"] else 1.0


def _form_summary(c: Counter[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"documents": c["documents"], "documents_right": c["document_right"]}
    for name in ("judgements", "findings"):
        out[f"{name}_expected"] = c[f"{name}_expected"]
        out[f"{name}_right"] = c[f"{name}_right"]
        out[f"{name}_extra"] = c[f"{name}_found"] - c[f"{name}_right"]
    out["complete"] = out["documents_right"] == out["documents"] and all(
        out[f"{n}_right"] == out[f"{n}_expected"] and not out[f"{n}_extra"]
        for n in ("judgements", "findings")
    )
    return out


_PREFIX = "PREFIX peel: <https://w3id.org/peelgraph/ontology#>\n"
_DOCS = (
    _PREFIX
    + """SELECT ?g ?scope ?label WHERE { GRAPH ?g {
  ?d a peel:SourceDocument ; peel:scope ?scope . OPTIONAL { ?d peel:yearLabel ?label } } }"""
)
_JUDGEMENTS = (
    _PREFIX
    + """SELECT ?g ?force ?year ?q ?grade ?by ?last WHERE { GRAPH ?g {
  ?j a peel:Judgement ; peel:force ?force ; peel:year ?year ; peel:question ?q ;
     peel:grade ?grade ; peel:reportedBy ?by ; peel:lastInspected ?last } }"""
)
# A document's own findings: not those it quotes from an earlier report or only names.
_FINDINGS = (
    _PREFIX
    + """SELECT ?g ?type ?scope WHERE { GRAPH ?g {
  ?f a peel:Finding ; peel:findingType ?type ; peel:scope ?scope .
  FILTER NOT EXISTS { ?f peel:quotedIn ?doc }
  FILTER NOT EXISTS { ?f peel:referencedOnly true } } }"""
)
_COUNTS = (
    _PREFIX
    + """SELECT ?g (SUM(?b) AS ?refs) (SUM(?d) AS ?disputes) WHERE { GRAPH ?g {
  { ?x a peel:BackReference BIND(1 AS ?b) BIND(0 AS ?d) }
  UNION { ?x a peel:Stance ; peel:stance "disputes" BIND(0 AS ?b) BIND(1 AS ?d) } } }
GROUP BY ?g"""
)


def _tokens() -> dict[str, str]:
    """IRI -> token, for the forces, questions, grades and finding types the graph names."""
    from peelgraph.graph import iris
    from peelgraph.reference import forces, kinds, peel, questions

    out = {iris.force(f.slug): f.slug for f in forces.FORCES}
    out |= {iris.question(q.token): q.token for q in questions.QUESTIONS}
    out |= {iris.grade(g): g for g in peel.GRADES}
    out |= {iris.finding_type(t): t for t in kinds.FINDING_TYPES}
    return out


def read_store(store: Any, files: dict[str, str]) -> dict[str, Read]:
    """What the built ``store`` holds of each document: ``files`` maps a store path to the
    manifest's file name."""
    tok = _tokens()
    reads: dict[str, Read] = {}
    by_graph: dict[str, Read] = {}
    for doc in store.documents.values():
        name = files.get(doc["path"])
        if name is not None:
            r = Read(doc["kind"], doc["force"], doc["year"], None, "force")
            reads[name] = by_graph[doc["graph"]] = r

    def rows(query: str) -> Any:
        for row in store.ox.query(query):
            r = by_graph.get(row[0].value)
            if r is not None:
                yield r, [None if v is None else v.value for v in list(row)[1:]]

    for r, (scope, label) in rows(_DOCS):
        r.scope, r.year_label = scope, label
    for r, (force, year, q, grade, by, last) in rows(_JUDGEMENTS):
        r.judgements.append((tok[force], int(year), tok[q], tok[grade], by, int(last)))
    for r, (ftype, scope) in rows(_FINDINGS):
        r.findings.append((tok[ftype], scope))
    for r, (refs, disputes) in rows(_COUNTS):
        r.back_references, r.disputes = int(refs), int(disputes)
    return reads
