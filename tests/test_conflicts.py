"""A source's claim stays that source's claim (issue 27, item 3; issue 26's trajectory rows).

Every document that states a judgement's grade gives it through its own grade claim
(grade, reporter, document, quote). Two documents that disagree make a conflict that
is shown (the ``conflicts`` query, the trajectory's ``conflict`` column), never merged;
validation reports a grade no claim gives. All documents here are invented.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from peelgraph.extract import extract
from peelgraph.ingest.read import ingest

PAGE = """Durham PEEL 2016

Effectiveness

How effective is the force at keeping people safe and reducing crime?

Last updated 02/03/2017

Good
"""
_COMMISSIONER = """Commissioner {title} the effectiveness report

{day} March 2017

The Police and Crime Commissioner for Durham has read the PEEL effectiveness 2016 report on
Durham Constabulary.

Inspectors found that Durham Constabulary was rated '{grade}' for its overall effectiveness.
"""
AGREES = _COMMISSIONER.format(title="welcomes", day="4th", grade="good")
DISAGREES = _COMMISSIONER.format(title="responds to", day="3rd", grade="requires improvement")

# A commissioner's page about one pillar's report that names the pillar only in a sentence.
PILLAR_PAGE = """Praise for Cumbria Constabulary from the Commissioner

14th December {year}

The Police and Crime Commissioner for Cumbria has welcomed the latest report from the
inspectorate on the way the constabulary keeps people safe and reduces crime.

The latest inspection by the inspectorate looked at {what} Cumbria Constabulary is at keeping
people safe and reducing crime, and how fairly it treats its workforce.

Cumbria Constabulary received an overall rating of 'Good' in the report.
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _build(docs: Path, store: Path):
    from peelgraph.pipeline import build
    from peelgraph.store.embedded import open_store

    report = build([docs], store)
    assert report.ok, report.failures
    return open_store(store)


def test_agreeing_sources_are_one_trajectory_row_and_disagreeing_ones_a_shown_conflict(
    tmp_path: Path,
) -> None:
    from peelgraph.query import run_saved
    from peelgraph.validate import validate_store

    docs = tmp_path / "docs"
    _write(docs, "page.txt", PAGE)
    _write(docs, "agrees.txt", AGREES)
    store = _build(docs, tmp_path / "store")
    try:
        rows = run_saved(store, "grade-trajectory", {"force": "durham"}).rows
        conflicts = run_saved(store, "conflicts", {"force": "durham"}).rows
        report = validate_store(store)
    finally:
        store.close()
    # Issue 26: two documents state one grade: one row, its two sources counted beside it.
    assert [(str(r["gradeLabel"]), int(str(r["sources"])), str(r["conflict"])) for r in rows] == [
        ("Good", 2, "false")
    ]
    assert conflicts == [] and report.conforms and report.conflicts == 0
    assert "conflicts" not in report.summary()

    # A third document gives the same judgement another grade: shown, not merged.
    _write(docs, "disagrees.txt", DISAGREES)
    store = _build(docs, tmp_path / "store")
    try:
        rows = run_saved(store, "grade-trajectory", {"force": "durham"}).rows
        conflicts = run_saved(store, "conflicts", {"force": "durham"}).rows
        report = validate_store(store)
        traced = run_saved(store, "trace", {"force": "durham", "question": "overall"}).rows
    finally:
        store.close()
    # The trace gives each document's grade beside that document's own quote.
    grades = {(str(r["grade"]), str(r["quote"])) for r in traced if r["grade"] is not None}
    assert (
        "Requires improvement",
        "rated 'requires improvement' for its overall effectiveness",
    ) in (grades)
    assert all(g.lower() in q.lower() for g, q in grades), grades
    assert len(rows) == 1
    row = rows[0]
    assert str(row["questionLabel"]) == "Overall effectiveness" and int(str(row["year"])) == 2016
    assert str(row["gradeLabel"]) == "Good / Requires improvement"
    assert int(str(row["sources"])) == 3 and str(row["conflict"]) == "true"
    # One row per disagreeing pair of claims: each Good source against the one that differs,
    # with both grades, reporters, quotes and documents.
    got = sorted(
        (str(r["gradeA"]), str(r["reporterA"]), str(r["fileA"]), str(r["gradeB"]), str(r["fileB"]))
        for r in conflicts
    )
    assert got == [
        ("Good", "commissioner", "agrees.txt", "Requires improvement", "disagrees.txt"),
        ("Good", "inspectorate", "page.txt", "Requires improvement", "disagrees.txt"),
    ]
    for r in conflicts:
        assert str(r["reporterB"]) == "commissioner"
        assert "requires improvement" in str(r["quoteB"])
        assert str(r["quoteA"]).endswith("Good") or "'good'" in str(r["quoteA"])
    # Each grade is one document's claim: a conflict explained, so the graph conforms and
    # validation says where to see it.
    assert report.conforms, report.summary()
    assert report.conflicts == 1 and "peelgraph query conflicts" in report.summary()


def test_each_document_gives_its_own_deterministic_claim(tmp_path: Path) -> None:
    from rdflib import URIRef

    from peelgraph.graph import iris
    from peelgraph.graph.build import document_graph, document_ntriples
    from peelgraph.graph.vocab import PEEL, PROV

    page = _write(tmp_path, "page.txt", PAGE)
    other = _write(tmp_path, "agrees.txt", AGREES)
    first, again = extract(ingest(page)), extract(ingest(page))
    assert document_ntriples(first) == document_ntriples(again)
    g = document_graph(first)
    (judgement,) = g.subjects(PEEL.gradeClaim, None)
    (claim,) = g.objects(judgement, PEEL.gradeClaim)
    assert str(claim) == iris.grade_claim(str(judgement), first.document.doc_id)
    assert g.value(claim, PEEL.grade) == URIRef(iris.grade("Good"))
    assert str(g.value(claim, PEEL.reportedBy)) == "inspectorate"
    assert g.value(claim, PROV.wasDerivedFrom) == URIRef(iris.document(first.document.doc_id))
    assert g.value(claim, PEEL.hasEvidence) is not None
    # The other document states the same judgement (one node) through a claim of its own.
    g2 = document_graph(extract(ingest(other)))
    (claim2,) = g2.objects(judgement, PEEL.gradeClaim)
    assert claim2 != claim and str(g2.value(claim2, PEEL.reportedBy)) == "commissioner"


def test_the_claim_shape_conforms_and_catches_a_claim_with_two_grades(tmp_path: Path) -> None:
    from rdflib import URIRef

    from peelgraph.graph import iris
    from peelgraph.graph.build import document_graph, reference_graph
    from peelgraph.graph.vocab import PEEL
    from peelgraph.validate import validate_graph

    facts = extract(ingest(_write(tmp_path, "page.txt", PAGE)))
    data = document_graph(facts) + reference_graph()
    assert validate_graph(data).conforms
    (claim,) = data.subjects(None, PEEL.GradeClaim)
    data.add((claim, PEEL.grade, URIRef(iris.grade("Inadequate"))))
    report = validate_graph(data)
    assert not report.conforms
    assert any("exactly one grade" in v.message and "claim" in v.message for v in report.violations)
    # A judgement without any claim: who gave its grade is lost.
    data.remove((None, PEEL.gradeClaim, claim))
    data.remove((claim, None, None))
    report = validate_graph(data)
    assert any(v.path == str(PEEL.gradeClaim) for v in report.violations)


def _fake_store(turtle: str) -> SimpleNamespace:
    """The union of a store's graphs, as the cross-document check reads it."""
    import pyoxigraph

    ox = pyoxigraph.Store()
    ox.load(turtle.encode(), format=pyoxigraph.RdfFormat.TURTLE)
    return SimpleNamespace(ox=ox)


_PREFIXES = """@prefix peel: <https://w3id.org/peelgraph/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix g: <https://w3id.org/peelgraph/id/grade/> .
@prefix : <https://example.org/> .
"""


def test_validation_reports_a_grade_no_claim_gives_and_a_source_contradicting_itself() -> None:
    from peelgraph.validate.claims import SPLIT, UNCLAIMED, claim_violations, conflict_count

    explained = (
        _PREFIXES
        + """
:j a peel:Judgement ; peel:force :f ; peel:question :q ; peel:year 2016 ;
   peel:grade g:good, g:inadequate ; peel:gradeClaim :j-a, :j-b .
:j-a peel:grade g:good ; prov:wasDerivedFrom :docA .
:j-b peel:grade g:inadequate ; prov:wasDerivedFrom :docB .
"""
    )
    store = _fake_store(explained)
    assert claim_violations(store, {}) == [] and conflict_count(store) == 1

    # A second grade that no document's claim gives: nothing explains the conflict.
    unexplained = (
        _PREFIXES
        + """
:j a peel:Judgement ; peel:grade g:good, g:requires-improvement ;
   peel:gradeClaim :j-a ; peel:hasEvidence :ev .
:ev <http://www.w3.org/ns/oa#hasSource> :docA .
:j-a peel:grade g:good ; prov:wasDerivedFrom :docA .
"""
    )
    (v,) = claim_violations(_fake_store(unexplained), {"https://example.org/docA": "a.txt"})
    assert v.message == UNCLAIMED and v.value.endswith("/requires-improvement")
    assert v.focus == "https://example.org/j" and v.documents == ("a.txt",)

    # One document giving two grades is no conflict between sources.
    split = (
        _PREFIXES
        + """
:j a peel:Judgement ; peel:grade g:good, g:inadequate ; peel:gradeClaim :j-a .
:j-a peel:grade g:good, g:inadequate ; prov:wasDerivedFrom :docA .
"""
    )
    (v,) = claim_violations(_fake_store(split), {})
    assert v.message == SPLIT and v.documents == ("https://example.org/docA",)


@pytest.mark.parametrize(
    ("year", "what", "programme", "question"),
    [
        # The Gwent 2017 form: the page names its pillar only in what the inspection looked at.
        (2017, "how legitimate", "PEEL legitimacy", "legitimacy"),
        (2016, "how efficient", "PEEL efficiency", "efficiency"),
        (2017, "how effective", "PEEL effectiveness", "overall"),
        # Three pillars named, or an integrated year: no one pillar, the grade as before.
        (2017, "how effective, efficient and legitimate", "PEEL", "overall"),
        (2018, "how legitimate", "PEEL", None),
    ],
)
def test_an_overall_grade_belongs_to_the_pillar_the_page_says_was_inspected(
    tmp_path: Path, year: int, what: str, programme: str, question: str | None
) -> None:
    doc = _write(tmp_path, "pcc.txt", PILLAR_PAGE.format(year=year, what=what))
    facts = extract(ingest(doc))
    assert facts.info.kind == "commissioner-page" and facts.info.programme == programme
    # (2018/19 grades no pillar overall: "an overall rating" there is no judgement.)
    expected = [(question, "Good", "commissioner")] if question else []
    assert [(j.question, j.grade, j.reported_by) for j in facts.judgements] == expected


def test_an_overall_grade_that_names_its_pillar_keeps_it() -> None:
    from peelgraph.extract.attribution import pillar_question

    assert pillar_question("overall", "an overall rating of 'good'", "legitimacy") == "legitimacy"
    assert pillar_question("overall", "its overall effectiveness", "legitimacy") == "overall"
    assert pillar_question("overall", "an overall rating", "effectiveness") == "overall"
    assert pillar_question("preventing-crime", "preventing crime", "legitimacy") == (
        "preventing-crime"
    )


def test_the_raw_report_carries_the_cross_document_violations() -> None:
    from rdflib import Graph, Literal, Namespace

    from peelgraph.validate.claims import UNCLAIMED, with_results
    from peelgraph.validate.shacl import Violation

    sh = Namespace("http://www.w3.org/ns/shacl#")
    v = Violation(
        focus="https://example.org/j",
        path="https://w3id.org/peelgraph/ontology#grade",
        value="https://w3id.org/peelgraph/id/grade/good",
        message=UNCLAIMED,
        severity="Violation",
        shape=None,
    )
    g = Graph().parse(data=with_results("", [v]), format="turtle")
    assert (None, sh.conforms, Literal(False)) in g
    assert [str(m) for m in g.objects(None, sh.resultMessage)] == [UNCLAIMED]
