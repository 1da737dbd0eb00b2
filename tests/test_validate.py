"""SHACL: the seeds conform; a broken graph reports each violation."""

from __future__ import annotations

from rdflib import RDF, XSD, Graph, Literal, URIRef

from peelgraph.graph import iris
from peelgraph.graph.build import reference_graph
from peelgraph.graph.vocab import PEEL
from peelgraph.validate.shacl import validate_graph, validate_store


def test_seeds_conform(built_store) -> None:
    report = validate_store(built_store)
    assert report.conforms, report.summary()
    assert "Conforms" in report.summary()


def test_broken_graph_reports_each_violation(facts_by_file) -> None:
    from peelgraph.graph.build import document_graph
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
    assert any(f == str(event) and "at most one date" in m for f, m in by_focus)
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


def test_the_same_words_under_two_questions_are_one_finding_that_conforms(tmp_path) -> None:
    from peelgraph.pipeline import build
    from peelgraph.store.embedded import open_store

    afi = "Areas for improvement\n\n• The force should review its plans with its partners.\n\n"
    (tmp_path / "report.txt").write_text(
        "PEEL: Police effectiveness 2016\n\nAn inspection of Essex Police\n\n"
        "How effective is the force at preventing crime, tackling anti-social behaviour "
        "and keeping people safe?\n\nEssex Police is judged to be good.\n\n" + afi + "How "
        "effective is the force at protecting those who are vulnerable from harm, and "
        "supporting victims?\n\nEssex Police is judged to be good.\n\n" + afi,
        encoding="utf-8",
    )
    assert build([tmp_path / "report.txt"], tmp_path / "store").ok
    store = open_store(tmp_path / "store")
    rows = list(
        store.ox.query(f"SELECT ?f ?q WHERE {{ ?f a <{PEEL}Finding> ; <{PEEL}question> ?q }}")
    )
    assert len({r[0] for r in rows}) == 1 and len({r[1] for r in rows}) == 2
    assert validate_store(store).conforms


def test_lifted_property_shapes_give_the_authored_shapes_results(facts_by_file) -> None:
    """pySHACL is given the shapes with property shapes lifted to their node shape's
    targets (much faster); on a graph broken in every property the shapes read, the
    results are those of the shapes as written."""
    import pyshacl
    from rdflib import Namespace

    from peelgraph.graph.build import document_graph
    from peelgraph.validate.shacl import shapes_graph
    from tests.conftest import GLOUCS_PAGE, GLOUCS_REC

    sh = Namespace("http://www.w3.org/ns/shacl#")
    g = Graph()
    g += reference_graph()
    for name in (GLOUCS_PAGE, GLOUCS_REC):
        g += document_graph(facts_by_file[name])
    # Each predicate's first statement removed, its second given a second, ill-typed value.
    by_predicate: dict[URIRef, list[tuple]] = {}
    for t in sorted(g):
        by_predicate.setdefault(t[1], []).append(t)
    for p, triples in by_predicate.items():
        if p == RDF.type:
            continue
        g.remove(triples[0])
        if len(triples) > 1:
            g.add((triples[1][0], p, Literal("not a value")))

    def results(shapes: Graph) -> set[tuple]:
        _, report, _ = pyshacl.validate(g, shacl_graph=shapes, inference="none")
        assert isinstance(report, Graph)
        return {
            (
                *(report.value(r, k) for k in (sh.focusNode, sh.resultPath, sh.value)),
                str(report.value(r, sh.resultMessage)),
                report.value(r, sh.resultSeverity),
            )
            for r in report.subjects(sh.resultSeverity, None)
        }

    authored = results(shapes_graph(lifted=False))
    assert len(authored) > 100
    assert results(shapes_graph()) == authored


def test_link_chunks_keep_each_force_together(monkeypatch) -> None:
    """A link graph's chunks group statements by the force (or document) they belong to,
    so that a changed document changes few chunks (validated again), not one in each."""
    from peelgraph.validate import batches

    monkeypatch.setattr(batches, "LINK_CHUNK", 4)
    peel = "https://w3id.org/peelgraph/ontology#"
    by_subject: dict[bytes, list[bytes]] = {}
    for force in ("essex", "kent", "surrey", "dorset", "gwent"):
        for n in range(3):
            tr = f"<{iris.ID}tracking/{force}/{force}/2016/recommendation/{n}>".encode()
            by_subject[tr] = [tr + f' <{peel}complete> "false" .'.encode()]
            link = f"<{iris.ID}link/{force}{n}>".encode()
            finding = f"<{iris.ID}finding/{force}/2016/recommendation/{n}>".encode()
            by_subject[link] = [link + f" <{peel}linkFrom> ".encode() + finding + b" ."]
    chunks = batches._graph_chunks(None, batches.Reference([]), dict(by_subject))
    assert sorted(ln for c in chunks for ln in c) == sorted(
        ln for v in by_subject.values() for ln in v
    )
    assert len(chunks) > 1
    for force in ("essex", "kent", "surrey", "dorset", "gwent"):
        holding = [
            c
            for c in chunks
            if any(f"/{force}/".encode() in ln or f"link/{force}".encode() in ln for ln in c)
        ]
        assert len(holding) == 1, force
