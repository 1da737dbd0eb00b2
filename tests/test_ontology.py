"""Docs that cannot drift: ontology terms, vocabulary in code, shapes, packaging."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, Namespace, URIRef

from peelgraph.graph.iris import ONTOLOGY
from peelgraph.graph.vocab import PEEL
from peelgraph.resources import list_resources, resource_path

SH = Namespace("http://www.w3.org/ns/shacl#")


def _ontology() -> Graph:
    return Graph().parse(resource_path("ontology", "peel.ttl"))


def _terms(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY)}


def test_every_term_has_a_label_and_a_comment() -> None:
    g = _ontology()
    terms = _terms(g)
    assert len(terms) > 40
    for t in terms:
        assert g.value(t, RDFS.label), f"{t} has no rdfs:label"
        assert g.value(t, RDFS.comment), f"{t} has no rdfs:comment"


def test_code_vocabulary_matches_the_ontology() -> None:
    g = _ontology()
    in_ttl = {str(t)[len(ONTOLOGY) :] for t in _terms(g)}
    in_code = {name for name in PEEL.__annotations__}
    assert in_code == in_ttl
    with pytest.raises(AttributeError):
        PEEL.Finidng  # noqa: B018  # a typo fails loudly


def test_every_class_the_builder_emits_has_a_shape(built_store) -> None:
    from peelgraph.query import run_local

    res = run_local(built_store, "SELECT DISTINCT ?c WHERE { ?s a ?c }")
    emitted = {str(r["c"]) for r in res.rows}
    shapes = Graph()
    for p in list_resources("shapes", ".ttl"):
        shapes.parse(p)
    targeted = {str(o) for o in shapes.objects(None, SH.targetClass)}
    ours = {c for c in emitted if c.startswith(ONTOLOGY)}
    assert ours - targeted <= {
        ONTOLOGY + c
        for c in (
            "Report",
            "RecommendationPage",
            "Response",
            "CauseOfConcern",
            "Recommendation",
            "AreaForImprovement",
        )
    }
    # Subclasses are covered through their superclass shapes (and typed with it in the data).
    g = _ontology()
    for c in ours - targeted:
        supers = {str(o) for o in g.transitive_objects(URIRef(c), RDFS.subClassOf)}
        assert supers & targeted, c


def test_every_property_shape_has_a_message() -> None:
    for p in list_resources("shapes", ".ttl"):
        g = Graph().parse(p)
        for shape in g.objects(None, SH.property):
            if (shape, SH.path, None) in g and (None, SH.node, shape) not in g:
                parents = list(g.subjects(SH.property, shape))
                if any(str(x).endswith("Concept") for x in parents):
                    continue
                if all(isinstance(x, BNode) for x in parents):
                    continue  # a condition inside sh:or / sh:not: its named shape has the message
                assert g.value(shape, SH.message), (
                    f"a property shape of {parents} has no sh:message"
                )
        for shape in g.subjects(SH["or"], None):
            assert g.value(shape, SH.message), f"{shape}: an sh:or rule needs an sh:message"
        for c in g.objects(None, SH.sparql):
            assert g.value(c, SH.message)


def test_ontology_is_owl() -> None:
    g = _ontology()
    assert (URIRef(ONTOLOGY.rstrip("#")), RDF.type, OWL.Ontology) in g


@pytest.mark.slow
def test_wheel_ships_ontology_shapes_and_queries(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(root),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if res.returncode != 0 and "No module named 'hatchling'" in res.stderr:
        res = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path), str(root)],
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert res.returncode == 0, res.stderr[-2000:]
    (wheel,) = tmp_path.glob("peelgraph-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "peelgraph/_data/ontology/peel.ttl" in names
    assert "peelgraph/_data/ontology/context.jsonld" in names
    assert "peelgraph/_data/shapes/peel-shapes.ttl" in names
    assert "peelgraph/_data/queries/trace.rq" in names
    assert "peelgraph/_data/queries/internal/link-units.rq" in names
    # The browser pages and the libraries they inline, with the libraries' licences.
    for name in (
        "page.html",
        "view.html",
        "graph.js",
        "vendor/graph.bundle.js",
        "vendor/editor.bundle.js",
    ):
        assert f"peelgraph/static/{name}" in names, name
    assert any(n.startswith("peelgraph/static/vendor/licenses/cytoscape-") for n in names)
    assert "peelgraph/_data/queries/internal/views-lineage-findings.rq" in names


def test_jsonld_context_covers_every_term() -> None:
    import json

    ctx = json.loads(resource_path("ontology", "context.jsonld").read_text())["@context"]
    g = _ontology()
    for t in _terms(g):
        name = str(t)[len(ONTOLOGY) :]
        if (
            (t, RDF.type, OWL.ObjectProperty) in g
            or (t, RDF.type, OWL.DatatypeProperty) in g
            or (t, RDF.type, OWL.Class) in g
        ):
            assert name in ctx, name
