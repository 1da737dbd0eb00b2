"""SHACL: the seeds conform; a broken graph reports each violation."""

from __future__ import annotations

from rdflib import RDF, XSD, Graph, Literal, URIRef

from peelgraph import iris
from peelgraph.build import reference_graph
from peelgraph.validate import validate_graph, validate_store
from peelgraph.vocab import PEEL


def test_seeds_conform(built_store) -> None:
    report = validate_store(built_store)
    assert report.conforms, report.summary()
    assert "Conforms" in report.summary()


def test_broken_graph_reports_each_violation(facts_by_file) -> None:
    from peelgraph.build import document_graph
    from tests.conftest import GLOUCS_PAGE, GLOUCS_REC

    g = Graph()
    g += reference_graph()
    g += document_graph(facts_by_file[GLOUCS_PAGE])
    g += document_graph(facts_by_file[GLOUCS_REC])
    # 1. a judgement without its grade
    judgement = next(g.subjects(RDF.type, PEEL.Judgement))
    g.remove((judgement, PEEL.grade, None))
    # 2. a status event with a date that is not a date
    event = next(g.subjects(RDF.type, PEEL.StatusEvent))
    g.remove((event, PEEL.date, None))
    g.add((event, PEEL.date, Literal("31st February 2017")))
    # 3. a finding without evidence
    finding = next(g.subjects(RDF.type, PEEL.AreaForImprovement))
    g.remove((finding, PEEL.hasEvidence, None))
    # 4. a grade that did not exist in 2018
    other = next(j for j in g.subjects(RDF.type, PEEL.Judgement) if j != judgement)
    g.set((other, PEEL.grade, URIRef(iris.grade("Adequate"))))
    # 5. a carried-over year later than the inspection year
    g.set((other, PEEL.lastInspected, Literal(2030, datatype=XSD.integer)))

    report = validate_graph(g)
    assert not report.conforms
    by_focus = {(v.focus, v.message) for v in report.violations}
    assert (str(judgement), next(m for f, m in by_focus if f == str(judgement))) in by_focus
    assert any(f == str(judgement) and "exactly one grade" in m for f, m in by_focus)
    assert any(f == str(event) and "exactly one date" in m for f, m in by_focus)
    assert any(f == str(finding) and "needs evidence" in m for f, m in by_focus)
    assert any(f == str(other) and "Adequate" in m for f, m in by_focus)
    assert any(f == str(other) and "no later than" in m for f, m in by_focus)
    text = report.summary()
    assert "Does not conform" in text and "needs evidence" in text


def test_raise_for_violations() -> None:
    import pytest

    from peelgraph.errors import ValidationFailed

    g = Graph()
    g.add((URIRef(iris.ID + "x"), RDF.type, PEEL.Finding))
    report = validate_graph(g)
    with pytest.raises(ValidationFailed):
        report.raise_for_violations()
