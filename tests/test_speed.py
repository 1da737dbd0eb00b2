"""Issue 24: facts derived at build time agree with their definitions, and validation
checks again only what changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

P = "PREFIX peel: <https://w3id.org/peelgraph/ontology#>\n"

# The definitions the saved queries used to work out on every question, kept here as
# the reference the derived triples are checked against.
LATEST = (
    P
    + """SELECT ?finding ?force ?latestDate ?status WHERE {
  { SELECT ?force ?finding (MAX(?d) AS ?latestDate) WHERE {
      ?finding peel:hasStatusEvent ?e0 . ?e0 peel:force ?force ; peel:date ?d ; peel:status ?any
  } GROUP BY ?force ?finding }
  ?finding peel:hasStatusEvent ?e .
  ?e peel:force ?force ; peel:date ?latestDate ; peel:status ?status .
}"""
)
DERIVED_LATEST = (
    P
    + """SELECT ?finding ?force ?latestDate ?status WHERE {
  ?tr peel:tracks ?finding ; peel:trackingForce ?force ; peel:latestDate ?latestDate ;
      peel:latestStatus ?status .
}"""
)
COMPLETE = (
    P
    + """SELECT DISTINCT ?finding ?force WHERE {
  ?finding peel:hasStatusEvent ?e . ?e peel:force ?force ;
     peel:status <https://w3id.org/peelgraph/id/status/complete> .
}"""
)


def _rows(store: Any, text: str) -> set[tuple[str, ...]]:
    return {tuple(str(t.value) for t in sol) for sol in store.ox.query(text)}


def test_latest_status_and_complete_are_derived_as_defined(built_store) -> None:
    latest = _rows(built_store, LATEST)
    assert latest, "the seeds have dated status events"
    assert _rows(built_store, DERIVED_LATEST) == latest
    complete = _rows(built_store, COMPLETE)
    said = _rows(
        built_store,
        P + "SELECT ?finding ?force WHERE { ?tr peel:tracks ?finding ; peel:trackingForce ?force ;"
        " peel:complete true }",
    )
    assert complete and said == complete
    # Every finding of a force is tracked by that force, once.
    untracked = _rows(
        built_store,
        P + "SELECT ?f WHERE { ?f a peel:Finding ; peel:force ?force . FILTER NOT EXISTS {"
        " ?tr peel:tracks ?f ; peel:trackingForce ?force } }",
    )
    assert untracked == set()


def test_a_tracking_shows_evidence_from_its_own_force_document(built_store) -> None:
    rows = _rows(
        built_store,
        P + "PREFIX oa: <http://www.w3.org/ns/oa#>\n"
        "SELECT ?tr ?force ?docForce WHERE { ?tr peel:trackingForce ?force ; peel:ownEvidence ?ev ."
        " ?ev oa:hasSource ?doc . ?doc peel:force ?docForce }",
    )
    assert rows
    own = {tr for tr, force, doc_force in rows if force == doc_force}
    assert own == {tr for tr, _, _ in rows}


def _report(tmp: Path, name: str, force: str, extra: str = "") -> Path:
    path = tmp / name
    path.write_text(
        f"PEEL: Police effectiveness 2016\n\nAn inspection of {force}\n\n"
        "How effective is the force at preventing crime, tackling anti-social behaviour "
        f"and keeping people safe?\n\n{force} is judged to be good.\n\n"
        "Areas for improvement\n\n• The force should review how it shares plans with "
        f"its partners.\n\n{extra}",
        encoding="utf-8",
    )
    return path


def test_validation_checks_again_only_what_changed(tmp_path: Path, monkeypatch) -> None:
    """pySHACL's batches (the in-store engine's graphs: tests/test_instore.py)."""
    from peelgraph.pipeline import build
    from peelgraph.store.embedded import open_store
    from peelgraph.validate import shacl
    from peelgraph.validate.cache import CACHE_FILE

    docs = tmp_path / "docs"
    docs.mkdir()
    for name, force in (
        ("a.txt", "Essex Police"),
        ("b.txt", "Kent Police"),
        ("c.txt", "Surrey Police"),
    ):
        _report(docs, name, force)
    assert build([docs], tmp_path / "store").ok
    checked: list[bytes] = []
    real = shacl._validate_part

    def counting(data: bytes, names: dict[str, str]) -> Any:
        checked.append(data)
        return real(data, names)

    monkeypatch.setattr(shacl, "_validate_part", counting)
    first = shacl.validate_store(open_store(tmp_path / "store"), engine="pyshacl")
    assert first.conforms and checked
    everything = len(checked)

    checked.clear()
    again = shacl.validate_store(open_store(tmp_path / "store"), engine="pyshacl")
    assert checked == [] and again == first

    # One document changes: its batch and the links that changed are validated again.
    _report(docs, "b.txt", "Kent Police", "The force should also review its training.\n")
    assert build([docs], tmp_path / "store").ok
    checked.clear()
    store = open_store(tmp_path / "store")
    after = shacl.validate_store(store, engine="pyshacl")
    assert 0 < len(checked) < everything
    assert any(b"review its training" in d for d in checked)
    # The same answer as validating everything afresh.
    (tmp_path / "store" / CACHE_FILE).unlink()
    checked.clear()
    fresh = shacl.validate_store(store, engine="pyshacl")
    assert len(checked) == everything
    assert (after.conforms, after.violations, after.triples) == (
        fresh.conforms,
        fresh.violations,
        fresh.triples,
    )
