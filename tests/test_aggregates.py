"""Mention tallies counted at build time (peelgraph.link.aggregates) and the grouping
queries that read them: the same rows as grouping every mention, and after a rebuild of
one changed document, the same tallies as a build from scratch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

PEEL = "https://w3id.org/peelgraph/ontology#"

# The partners query as it was before the tallies: every mention grouped at question time.
GROUPED_PARTNERS = """
PREFIX peel: <https://w3id.org/peelgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?forceName ?partnerName ?partnerCategory ?mentionRole (COUNT(DISTINCT ?doc) AS ?documents)
       (MIN(?q) AS ?quote) ?partner
WHERE {
  ?m a peel:Mention ; peel:force ?force ; peel:mentionOf ?partner ; peel:role ?mentionRole ;
     peel:inDocument ?doc ; peel:hasEvidence/oa:exact ?q .
  ?partner rdfs:label ?pl .
  ?force skos:prefLabel ?fl .
  FILTER(?mentionRole != "subject")
  OPTIONAL { ?partner peel:orgCategory ?pc }
  OPTIONAL { ?m peel:orgCategory ?mc }
  BIND(COALESCE(?pc, ?mc) AS ?partnerCategory)
  BIND(STR(?fl) AS ?forceName)
  BIND(STR(?pl) AS ?partnerName)
}
GROUP BY ?forceName ?partnerName ?partnerCategory ?mentionRole ?partner
"""

GROUPED_PROGRAMMES = """
PREFIX peel: <https://w3id.org/peelgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?forceName ?programmeName ?programmeCategory (COUNT(DISTINCT ?doc) AS ?documents)
       (MIN(?q) AS ?quote) ?programme
WHERE {
  ?m a peel:Mention ; peel:force ?force ; peel:mentionOf ?programme ; peel:inDocument ?doc ;
     peel:hasEvidence/oa:exact ?q .
  ?programme a peel:Programme ; rdfs:label ?pl ; peel:programmeCategory ?programmeCategory .
  ?force skos:prefLabel ?fl .
  BIND(STR(?fl) AS ?forceName)
  BIND(STR(?pl) AS ?programmeName)
}
GROUP BY ?forceName ?programmeName ?programmeCategory ?programme
"""


# grade-trajectory as it was before the entries: every grade claim grouped at question time.
GROUPED_TRAJECTORY = """
PREFIX peel: <https://w3id.org/peelgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>

SELECT ?forceName ?questionLabel ?year ?gradeLabel ?sources ?conflict ?lastInspected ?carriedOver ?scheme ?judgement
WHERE {
  { SELECT ?force ?question ?year ?s
           (COUNT(DISTINCT ?g) AS ?grades) (COUNT(DISTINCT ?doc) AS ?sources)
           (MIN(?gl) AS ?lowLabel) (MAX(?gl) AS ?highLabel)
           (MIN(?li) AS ?lastInspected) (MIN(STR(?j)) AS ?judgementText)
    WHERE {
      ?j a peel:Judgement ; peel:force ?force ; peel:question ?question ; peel:year ?year .
      { SELECT ?j ?li WHERE { ?j peel:lastInspected ?li } }
      { SELECT ?j ?s WHERE { ?j peel:gradingScheme ?s } }
      { SELECT ?j ?claim WHERE { ?j peel:gradeClaim ?claim } }
      ?claim peel:grade ?g ; prov:wasDerivedFrom ?doc .
      { SELECT ?g ?label WHERE { ?g skos:prefLabel ?label } }
      BIND(STR(?label) AS ?gl)
    } GROUP BY ?force ?question ?year ?s }
  ?s skos:notation ?scheme .
  { SELECT ?question ?ql WHERE { ?question skos:prefLabel ?ql } }
  { SELECT ?force ?fl WHERE { ?force skos:prefLabel ?fl } }
  BIND(STR(?fl) AS ?forceName) BIND(STR(?ql) AS ?questionLabel)
  BIND(?grades > 1 AS ?conflict)
  BIND(IF(?grades = 1, ?lowLabel,
          CONCAT(?lowLabel, IF(?grades > 2, " / ... / ", " / "), ?highLabel)) AS ?gradeLabel)
  BIND(?lastInspected < ?year AS ?carriedOver)
  BIND(IRI(?judgementText) AS ?judgement)
}
ORDER BY (CONCAT("~", ?forceName)) (CONCAT("~", ?questionLabel)) ?year ?scheme (CONCAT("~", ?gradeLabel)) ?sources ?conflict ?lastInspected ?carriedOver (CONCAT("~", STR(?judgement)))
"""


def _report(folder: Path, name: str, force: str, year: int, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(
        f"PEEL: Police effectiveness {year}\n\nAn inspection of {force}\n\n"
        f"March {year + 1}\n\n{body}\n",
        encoding="utf-8",
    )


def _graded(grade: str) -> str:
    return f"Essex Police is judged to be {grade} at protecting vulnerable people."


def _write_corpus(docs: Path) -> None:
    # Two documents grade Essex's 2016 question differently; 2017 grades it once.
    _report(
        docs,
        "essex-2016-grade.txt",
        "Essex Police",
        2016,
        _graded("inadequate"),
    )
    _report(
        docs,
        "essex-2016.txt",
        "Essex Police",
        2016,
        "Essex Police works with the National Crime Agency to share information about people "
        "who may be at risk.\n\nThe force has introduced Operation Lantern, which brings "
        "together officers and the local council.\n\nPartners, including Essex County "
        "Council, told us that their working relationship with the force is good.\n\n"
        "Essex Police is compared with Kent Police in this report.\n\n" + _graded("good"),
    )
    _report(
        docs,
        "essex-2017.txt",
        "Essex Police",
        2017,
        "We found good examples of joint work with the National Crime Agency to support "
        "victims.\n\nThe force has introduced Operation Lantern, which brings together "
        "officers and health partners.\n\n" + _graded("inadequate"),
    )
    _report(
        docs,
        "kent-2016.txt",
        "Kent Police",
        2016,
        "Kent Police works with the National Crime Agency to share information about people "
        "who may be at risk.",
    )


def _rows(result: Any) -> list[tuple[str, ...]]:
    return sorted(
        tuple("" if r.get(v) is None else str(r[v]) for v in result.variables) for r in result.rows
    )


def _tallies(store: Any, kind: str = "MentionTally") -> list[str]:
    """The derived graph's mention tallies (or other nodes of ``kind``), as sorted
    N-Triples lines."""
    import pyoxigraph as ox

    from peelgraph.graph import iris

    tallies = {
        q.subject
        for q in store.ox.quads_for_pattern(
            None,
            ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            ox.NamedNode(PEEL + kind),
            ox.NamedNode(iris.DERIVED_GRAPH),
        )
    }
    return sorted(
        f"{q.subject} {q.predicate} {q.object}"
        for t in tallies
        for q in store.ox.quads_for_pattern(t, None, None, ox.NamedNode(iris.DERIVED_GRAPH))
    )


@pytest.fixture
def corpus_store(tmp_path: Path) -> Any:
    from peelgraph.pipeline import build
    from peelgraph.store.embedded import open_store

    _write_corpus(tmp_path / "docs")
    assert build([tmp_path / "docs"], tmp_path / "store").ok
    store = open_store(tmp_path / "store")
    yield store
    store.close()


def test_the_tallied_queries_give_the_rows_of_grouping_every_mention(corpus_store) -> None:
    from peelgraph.query import run_local, run_saved

    partners = run_saved(corpus_store, "partners", {"role": "any"})
    assert _rows(partners) == _rows(run_local(corpus_store, GROUPED_PARTNERS))
    programmes = run_saved(corpus_store, "programmes", {})
    assert _rows(programmes) == _rows(run_local(corpus_store, GROUPED_PROGRAMMES))
    # What the groups hold: Essex's two documents name the agency, each in its own words,
    # and the first quote in code-point order is shown.
    nca = [r for r in partners.rows if str(r["partnerName"]) == "National Crime Agency"]
    essex = {str(r["forceName"]): r for r in nca}["Essex Police"]
    assert str(essex["documents"]) == "2"
    assert str(essex["quote"]).startswith("Essex Police works with the National Crime Agency")
    lantern = {str(r["forceName"]): r for r in programmes.rows}["Essex Police"]
    assert (str(lantern["programmeName"]), str(lantern["documents"])) == ("Operation Lantern", "2")
    # A force named as an organisation keeps the category its mention gives it.
    kent = [r for r in partners.rows if str(r["partnerName"]) == "Kent Police"]
    assert [str(r["partnerCategory"]) for r in kent] == ["police-force"]
    # The forces sharing a partner, in alphabetical order.
    shared = run_saved(corpus_store, "shared-partners", {})
    # (the forces' names sorted, whichever order the store holds them in)
    assert [(str(r["partnerName"]), str(r["forceNames"])) for r in shared.rows] == [
        ("National Crime Agency", "Essex Police; Kent Police")
    ]


def test_the_trajectory_entries_give_the_rows_of_grouping_every_claim(corpus_store) -> None:
    from peelgraph.query import run_local, run_saved

    trajectory = run_saved(corpus_store, "grade-trajectory", {})
    grouped = run_local(corpus_store, GROUPED_TRAJECTORY)
    # The same rows in the same order.
    assert [list(r.values()) for r in trajectory.rows] == [list(r.values()) for r in grouped.rows]
    essex = {
        str(r["year"]): (str(r["gradeLabel"]), str(r["sources"]), str(r["conflict"]))
        for r in trajectory.rows
        if str(r["forceName"]) == "Essex Police"
    }
    assert essex["2016"] == ("Good / Inadequate", "2", "true")
    assert essex["2017"][1:] == ("1", "false")
    one = run_saved(corpus_store, "grade-trajectory", {"force": "essex"})
    assert [list(r.values()) for r in one.rows] == [
        list(r.values()) for r in trajectory.rows if str(r["forceName"]) == "Essex Police"
    ]


def test_a_rebuild_after_one_changed_document_gives_the_tallies_of_a_build_from_scratch(
    tmp_path: Path,
) -> None:
    from peelgraph.pipeline import build
    from peelgraph.query import run_saved
    from peelgraph.store.embedded import open_store

    docs = tmp_path / "docs"
    _write_corpus(docs)
    assert build([docs], tmp_path / "store").ok
    # Essex's later report no longer names the agency nor the operation, and one of the
    # two documents that disagreed on its 2016 grade now agrees.
    _report(docs, "essex-2017.txt", "Essex Police", 2017, "Essex Police works with the NHS.")
    _report(
        docs,
        "essex-2016-grade.txt",
        "Essex Police",
        2016,
        _graded("good"),
    )
    assert build([docs], tmp_path / "store").ok
    assert build([docs], tmp_path / "scratch").ok
    rebuilt, scratch = open_store(tmp_path / "store"), open_store(tmp_path / "scratch")
    try:
        for kind in ("MentionTally", "TrajectoryEntry"):
            assert _tallies(rebuilt, kind) == _tallies(scratch, kind), kind
            assert _tallies(rebuilt, kind), kind  # not two empty graphs
        rows = run_saved(rebuilt, "partners", {"force": "essex"}).rows
        counts = {str(r["partnerName"]): str(r["documents"]) for r in rows}
        assert counts["National Crime Agency"] == "1"
        programmes = run_saved(rebuilt, "programmes", {"force": "essex"}).rows
        assert [str(r["documents"]) for r in programmes] == ["1"]
        grades = run_saved(rebuilt, "grade-trajectory", {"force": "essex"}).rows
        assert [(str(r["year"]), str(r["gradeLabel"]), str(r["sources"])) for r in grades] == [
            ("2016", "Good", "2")
        ]
    finally:
        rebuilt.close()
        scratch.close()
