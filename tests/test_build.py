"""Build and store: deterministic, idempotent, atomic, one graph per document."""

from __future__ import annotations

import shutil
from pathlib import Path

from peelgraph.graph import iris
from peelgraph.pipeline import build
from peelgraph.store.embedded import open_store
from tests.conftest import AVON_2015, GLOUCS_REC, SEED_FILES


def _quads(root: Path) -> set[str]:
    s = open_store(root)
    try:
        return set(s.dump("nquads").decode("utf-8").splitlines())
    finally:
        s.close()


def test_building_twice_gives_identical_triples(seeds: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    build([seeds], a)
    build([seeds], b)
    qa, qb = _quads(a), _quads(b)
    assert qa == qb
    assert not any("_:" in q.split(" ", 1)[0] for q in qa), (
        "no blank nodes: IRIs are minted from keys"
    )
    # Rebuilding into the same store changes nothing and duplicates nothing.
    report = build([seeds], a)
    assert len(report.unchanged) == len(SEED_FILES) and not report.built
    assert _quads(a) == qa


def test_one_named_graph_per_document(built_store) -> None:
    graphs = set(built_store.named_graphs())
    doc_graphs = {g for g in graphs if g.startswith(iris.GRAPH + "doc/")}
    assert len(doc_graphs) == len(SEED_FILES)
    assert iris.REFERENCE_GRAPH in graphs


def test_a_changed_document_replaces_its_graph(seeds: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in (GLOUCS_REC, AVON_2015):
        shutil.copy(seeds / name, docs / name)
    root = tmp_path / "store"
    build([docs], root)
    before = open_store(root)
    old_graphs = set(before.named_graphs())
    old_docs = before.documents
    before.close()
    rec = docs / GLOUCS_REC
    rec.write_text(
        rec.read_text(encoding="utf-8").replace(
            "[on]3rd May 2018 [status]complete[/status][/on]", ""
        ),
        encoding="utf-8",
    )
    report = build([docs], root)
    assert [Path(d.path).name for d in report.built] == [GLOUCS_REC]
    assert report.unchanged == [str(docs / AVON_2015)]
    after = open_store(root)
    new_graphs = set(after.named_graphs())
    assert len(new_graphs) == len(old_graphs)
    assert len(after.documents) == len(old_docs) == 2
    statuses = after.dump("nquads").decode("utf-8")
    assert "ontology#status> <https://w3id.org/peelgraph/id/status/complete>" not in statuses
    _assert_default_graph_is_the_union(after)
    # Graphs are patched by their difference when it is small: the result must be
    # exactly what a build from scratch of the same files gives.
    build([docs], tmp_path / "scratch")
    scratch = open_store(tmp_path / "scratch")
    assert after.dump("nquads") == scratch.dump("nquads")
    scratch.close()
    after.close()


def _assert_default_graph_is_the_union(store) -> None:  # type: ignore[no-untyped-def]
    """Queries run on the default graph: it must be exactly the set of named-graph triples."""
    import pyoxigraph as ox

    named, default = set(), set()
    for q in store.ox.quads_for_pattern(None, None, None, None):
        t = (q.subject, q.predicate, q.object)
        (default if isinstance(q.graph_name, ox.DefaultGraph) else named).add(t)
    assert default == named
    assert len(store) == sum(1 for _ in store.dump("nquads").splitlines())


def test_default_graph_stays_the_union_through_updates(seeds: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in SEED_FILES:
        shutil.copy(seeds / name, docs / name)
    root = tmp_path / "store"
    build([docs], root)
    s = open_store(root)
    _assert_default_graph_is_the_union(s)
    s.close()
    # Change one document (its old triples leave, unless another graph has them) ...
    rec = docs / GLOUCS_REC
    rec.write_text(rec.read_text(encoding="utf-8").replace("complete", "being-progressed"))
    build([docs], root)
    s = open_store(root)
    _assert_default_graph_is_the_union(s)
    assert (
        s.ox.query(
            "ASK { ?e <https://w3id.org/peelgraph/ontology#status> "
            "<https://w3id.org/peelgraph/id/status/complete> }"
        ).__bool__()
        is False
    )
    s.close()


def test_a_failed_strict_build_leaves_the_store_as_it_was(seeds: Path, tmp_path: Path) -> None:
    import pytest

    from peelgraph.errors import BuildFailed

    root = tmp_path / "store"
    build([seeds / AVON_2015], root)
    before = _quads(root)
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf at all")
    with pytest.raises(BuildFailed):
        build([seeds / GLOUCS_REC, bad], root, strict=True)
    assert _quads(root) == before
    # Without --strict the good file is built and the bad one reported.
    report = build([seeds / GLOUCS_REC, bad], root)
    assert [f.path for f in report.failures] == [str(bad)]
    assert len(report.built) == 1
    assert len(_quads(root)) > len(before)


def test_every_fact_has_evidence_that_maps_to_its_file(built_store, seeds: Path) -> None:
    from peelgraph.query import run_local

    res = run_local(
        built_store,
        """PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX peel: <https://w3id.org/peelgraph/ontology#>
        SELECT ?name ?quote ?rs ?re WHERE { ?ev a peel:Evidence ; oa:exact ?quote ; oa:hasSource ?d ;
        peel:sourceStart ?rs ; peel:sourceEnd ?re . ?d peel:fileName ?name }""",
    )
    assert len(res.rows) > 50
    texts = {n: (seeds / n).read_text(encoding="utf-8") for n in SEED_FILES}
    for row in res.rows:
        raw = texts[str(row["name"])][int(str(row["rs"])) : int(str(row["re"]))]
        # The raw span holds the quote with only markup removed.
        assert raw.startswith(str(row["quote"])[:1])
        assert len(raw) >= len(str(row["quote"]))


def test_every_rebuild_gives_what_a_build_from_scratch_gives(
    seeds: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """A rebuild computes the explicit links and derived facts of the forces its changed
    documents reach and keeps the other forces' parts, re-reads only the changed
    documents' rows for the parallel findings, and patches the graphs: after each change
    in a row of them (a status, two forces' reports, a new force),
    the store must be exactly what a build from scratch of the same files gives."""
    from peelgraph.link import resolve
    from tests.test_linking import _write_reports

    docs = tmp_path / "docs"
    docs.mkdir()
    for name in SEED_FILES:
        shutil.copy(seeds / name, docs / name)
    _write_reports(docs, "Essex Police")
    root = tmp_path / "store"
    assert build([docs], root).ok
    scopes: list[set[str] | None] = []
    real = resolve.explicit_parts

    def recording(ox, forces=None):  # type: ignore[no-untyped-def]
        scopes.append(forces)
        return real(ox, forces)

    monkeypatch.setattr(resolve, "explicit_parts", recording)
    from peelgraph.link import derived

    derived_scopes: list[set[str] | None] = []
    real_derived = derived.derived_parts

    def recording_derived(ox, forces=None):  # type: ignore[no-untyped-def]
        derived_scopes.append(forces)
        return real_derived(ox, forces)

    monkeypatch.setattr(derived, "derived_parts", recording_derived)
    rec, avon = docs / GLOUCS_REC, docs / AVON_2015

    def status_changed() -> None:
        rec.write_text(rec.read_text(encoding="utf-8").replace("complete", "being-progressed"))

    def two_forces_changed() -> None:
        # The later report no longer takes up the earlier one's area for improvement.
        later = docs / "Esse-b.txt"
        later.write_text(
            "\n".join(
                ln for ln in later.read_text(encoding="utf-8").splitlines() if "trained" not in ln
            ),
            encoding="utf-8",
        )
        avon.write_text(
            avon.read_text(encoding="utf-8") + "\nThe force should review its custody plans.\n"
        )

    def new_force() -> None:
        _write_reports(docs, "Kent Police")

    for step, change in enumerate((status_changed, two_forces_changed, new_force)):
        change()
        report = build([docs], root)
        assert report.ok and report.built
        scratch = tmp_path / f"scratch-{step}"
        build([docs], scratch)
        assert _quads(root) == _quads(scratch), change.__name__
        s = open_store(root)
        _assert_default_graph_is_the_union(s)
        s.close()
    # Each rebuild computed the explicit links of the forces it reached, not every force's
    # (the builds from scratch between them computed all: None).
    essex, kent = iris.force("essex"), iris.force("kent")
    first, second, third = scopes[0::2]
    assert scopes[1::2] == [None, None, None]
    assert first and essex not in first
    assert second and essex in second and kent not in second
    assert third and kent in third and essex not in third
    # The derived facts likewise: the forces whose trackings the change reaches (a changed
    # document's links change by the hundred, its passages being new nodes, but only a
    # changed year taken up reaches the forces tracking the finding), never every force.
    assert derived_scopes[1::2] == [None, None, None]
    assert derived_scopes[0::2] == [
        {iris.force("gloucestershire")},
        {essex, iris.force("avon-and-somerset")},
        {kent},
    ]
