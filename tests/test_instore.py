"""The in-store engine (the shapes compiled into SPARQL) against pySHACL, the validator of
record: the same violations on graphs broken in every way the shapes can report, and on
the seeds' build; the same readable report; only what changed is checked again."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from peelgraph.validate import instore, shacl
from peelgraph.validate.cache import CACHE_FILE, ResultCache


def _names(store: Any) -> dict[str, str]:
    from peelgraph.graph import iris

    return {f"{iris.ID}doc/{d}": m.get("name", d) for d, m in store.documents.items()}


def _results(store: Any, engine: str) -> set[tuple[Any, ...]]:
    """Every result an engine gives, before the parts are merged (a value that breaks
    two constraints with one message is two results)."""
    none = ResultCache(None)
    if engine == "pyshacl":
        _, parts, _ = shacl._pyshacl_batches(store, _names(store), none, 1)
    else:
        _, parts = instore.validate_graphs(store, _names(store), none)
    return {
        (v.focus, v.path, v.component, v.value, v.value_nt, v.severity, v.message)
        for part in parts.values()
        for v in part.violations
    }


@pytest.fixture(scope="module")
def broken_store(built_store, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The seeds' build, copied and broken in every way of ``breakage.BREAKAGES``."""
    from peelgraph.store.embedded import open_store
    from peelgraph.validate.breakage import break_store

    root = tmp_path_factory.mktemp("broken") / "store"
    shutil.copytree(built_store.root, root)
    (root / CACHE_FILE).unlink(missing_ok=True)
    break_store(root)
    return open_store(root)


def test_both_engines_give_the_same_violations_on_broken_graphs(broken_store) -> None:
    pyshacl_results = _results(broken_store, "pyshacl")
    in_store = _results(broken_store, "in-store")
    assert pyshacl_results == in_store
    # Every constraint component a targeted shape uses was broken at least once.
    used = {c.component for check in instore.checks() for c in check.constraints}
    assert used <= {r[2] for r in in_store}, used - {r[2] for r in in_store}
    assert len(in_store) >= 45


def test_the_readable_report_is_the_same(broken_store) -> None:
    (Path(broken_store.root) / CACHE_FILE).unlink(missing_ok=True)
    by_pyshacl = shacl.validate_store(broken_store, engine="pyshacl")
    by_sparql = shacl.validate_store(broken_store)  # the default engine
    assert not by_sparql.conforms
    assert by_sparql.summary() == by_pyshacl.summary()
    assert by_sparql.violations == by_pyshacl.violations


def test_the_report_file_keeps_each_value_as_the_term_it_is(broken_store) -> None:
    """``validate --report`` from the in-store engine: an IRI value stays an IRI and a
    literal keeps its datatype, as in pySHACL's report (it wrote every value as a string)."""
    from rdflib import Graph, Literal, Namespace, URIRef

    sh = Namespace("http://www.w3.org/ns/shacl#")

    def values(turtle: str) -> set[Any]:
        return set(Graph().parse(data=turtle, format="turtle").objects(None, sh.value))

    (Path(broken_store.root) / CACHE_FILE).unlink(missing_ok=True)
    by_sparql = values(shacl.validate_store(broken_store).raw_turtle)
    (Path(broken_store.root) / CACHE_FILE).unlink(missing_ok=True)
    by_pyshacl = values(shacl.validate_store(broken_store, engine="pyshacl").raw_turtle)
    assert any(isinstance(v, URIRef) for v in by_sparql)
    assert any(isinstance(v, Literal) and v.datatype is not None for v in by_sparql)
    assert by_sparql <= by_pyshacl


def test_both_engines_find_the_seeds_conform(built_store) -> None:
    assert _results(built_store, "pyshacl") == _results(built_store, "in-store") == set()


def test_unsupported_shacl_is_an_error_when_the_shapes_are_loaded() -> None:
    from rdflib import Graph

    from peelgraph.validate.compile import UnsupportedShape, compile_shapes

    head = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .\n"
    cases = {
        "sh:sparql": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:message 'm' ; "
        "sh:sparql [ sh:select 'SELECT $this WHERE { }' ] .",
        "sh:closed": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:message 'm' ; sh:closed true .",
        "sequence path": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property "
        "[ sh:path ( ex:p ex:q ) ; sh:minCount 1 ; sh:message 'm' ] .",
        "no message": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property "
        "[ sh:path ex:p ; sh:minCount 1 ] .",
        "sh:targetNode": "ex:S a sh:NodeShape ; sh:targetNode ex:n ; sh:property "
        "[ sh:path ex:p ; sh:minCount 1 ; sh:message 'm' ] .",
    }
    for what, ttl in cases.items():
        g = Graph().parse(data=head + ttl, format="turtle")
        with pytest.raises(UnsupportedShape):
            compile_shapes(g)
            pytest.fail(f"{what} was accepted")


def test_a_shape_compiles_to_one_query_a_constraint_each(tmp_path: Path) -> None:
    """A made-up shape and data in a store of their own: each constraint's result, in the
    graph it broke, with the reference graph's types seen from every graph."""
    import pyoxigraph as ox
    from rdflib import Graph

    from peelgraph.validate.compile import Scope, compile_shapes

    shapes = Graph().parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property [
            sh:path ex:size ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:integer ;
            sh:minInclusive 1 ; sh:message "one size from 1" ] , [
            sh:path ex:kind ; sh:class ex:Kind ; sh:message "a kind" ] .""",
        format="turtle",
    )
    ex = "http://example.org/"
    store = ox.Store()
    data = f"""<{ex}a> a <{ex}Thing> ; <{ex}size> 0 ; <{ex}kind> <{ex}k1> .
        <{ex}b> a <{ex}Thing> ; <{ex}size> 2, 3 ; <{ex}kind> <{ex}nothing> .
        <{ex}c> a <{ex}Thing> ; <{ex}size> "big" ."""
    for graph in ("g1", "g2"):
        store.load(data.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ex + graph))
    store.load(
        f"<{ex}k1> a <{ex}Kind> .".encode(),
        format=ox.RdfFormat.TURTLE,
        to_graph=ox.NamedNode(ex + "ref"),
    )
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    scope = Scope(None, ex + "ref", frozenset({rdf_type}), frozenset({ex + "Kind"}))

    class InMemory:
        ox = store

    rows = {
        (
            r.graph[len(ex) :],
            r.focus.value[len(ex) :],
            _local(r.constraint.component),
            str(r.value) if r.value is not None else None,
        )
        for r in instore._rows(InMemory(), scope, compile_shapes(shapes))
    }
    expected = {
        ("a", "MinInclusive", '"0"^^<http://www.w3.org/2001/XMLSchema#integer>'),
        ("b", "MaxCount", None),
        ("b", "Class", f"<{ex}nothing>"),
        ("c", "Datatype", '"big"'),
        ("c", "MinInclusive", '"big"'),
    }
    assert rows == {(g, *e) for g in ("g1", "g2") for e in expected}


def test_in_store_checks_again_only_the_graphs_that_changed(tmp_path: Path, monkeypatch) -> None:
    from peelgraph.pipeline import build
    from peelgraph.store.embedded import open_store

    docs = tmp_path / "docs"
    docs.mkdir()
    for name, force in (("a.txt", "Essex Police"), ("b.txt", "Kent Police")):
        _report(docs, name, force)
    assert build([docs], tmp_path / "store").ok
    checked: list[Any] = []
    real = instore.check_graphs

    def counting(store: Any, graphs: Any, *args: Any) -> Any:
        checked.append(graphs)
        return real(store, graphs, *args)

    monkeypatch.setattr(instore, "check_graphs", counting)
    first = shacl.validate_store(open_store(tmp_path / "store"))
    assert first.conforms and checked == [None]  # every graph, no VALUES block
    checked.clear()
    assert shacl.validate_store(open_store(tmp_path / "store")) == first
    assert checked == [[]]
    _report(docs, "b.txt", "Kent Police", "The force should also review its training.\n")
    assert build([docs], tmp_path / "store").ok
    checked.clear()
    store = open_store(tmp_path / "store")
    after = shacl.validate_store(store)
    (graphs,) = checked
    kent = next(m["graph"] for m in store.documents.values() if m["name"] == "b.txt")
    essex = next(m["graph"] for m in store.documents.values() if m["name"] == "a.txt")
    # The changed document's graph, and the link graphs of every document (here all of
    # them: no force has links of its own text); not the other document's graph.
    assert kent in graphs and essex not in graphs
    assert all(g == kent or "/graph/links" in g for g in graphs)
    (tmp_path / "store" / CACHE_FILE).unlink()
    fresh = shacl.validate_store(store)
    assert (after.conforms, after.violations, after.triples) == (
        fresh.conforms,
        fresh.violations,
        fresh.triples,
    )


def _local(component: str) -> str:
    return component.rsplit("#", 1)[1].removesuffix("ConstraintComponent")


def _report(folder: Path, name: str, force: str, extra: str = "") -> None:
    (folder / name).write_text(
        f"PEEL: Police effectiveness 2016\n\nAn inspection of {force}\n\n"
        "How effective is the force at preventing crime, tackling anti-social behaviour "
        f"and keeping people safe?\n\n{force} is judged to be good.\n\n"
        "Areas for improvement\n\n• The force should review how it shares plans with "
        f"its partners.\n\n{extra}",
        encoding="utf-8",
    )


def test_the_command_takes_either_engine(broken_store) -> None:
    import os

    env = {**os.environ, "COLUMNS": "100"}
    outs = []
    for engine in ("in-store", "pyshacl"):
        res = subprocess.run(
            [
                sys.executable,
                "-m",
                "peelgraph",
                "validate",
                "--store",
                str(broken_store.root),
                "--engine",
                engine,
            ],
            capture_output=True,
            text=True,
            env=env,
        )
        assert res.returncode == 1, res.stderr
        outs.append(res.stdout)
    assert outs[0] == outs[1] and outs[0].startswith("Does not conform")
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "peelgraph",
            "validate",
            "--store",
            str(broken_store.root),
            "--engine",
            "rudof",
        ],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 2


def test_minted_chunks_checked_in_a_process_of_their_own_give_the_same(
    broken_store, monkeypatch
) -> None:
    here = _results(broken_store, "in-store")
    monkeypatch.setattr(instore, "_MINTED_APART", 0)  # as on a store of the whole country
    assert _results(broken_store, "in-store") == here
