"""The derive stage's country-wide queries (peelgraph.link.derived, .aggregates): the
``-all`` twin of an internal query, which a build from scratch runs (each property joined
by hashing), gives the rows its twin gives unbound (each property looked up), and the
mention tallies counted by the query are those of counting every mention in Python."""

from __future__ import annotations

from typing import Any

from peelgraph.store.sparql import internal_queries, select, select_text

# The mentions as derive-agg-mentions read them before it grouped them: one row a mention.
MENTIONS = """
PREFIX peel: <https://w3id.org/peelgraph/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?force ?target ?role ?category ?doc ?quote WHERE {
  ?m a peel:Mention ; peel:force ?force ; peel:mentionOf ?target ; peel:inDocument ?doc ;
     peel:hasEvidence ?ev .
  ?ev oa:exact ?quote .
  OPTIONAL { ?m peel:role ?role }
  OPTIONAL { ?m peel:orgCategory ?category }
}
"""


def _sorted(rows: list[dict[str, str]]) -> list[tuple[tuple[str, str], ...]]:
    return sorted(tuple(sorted(r.items())) for r in rows)


def test_every_all_twin_gives_the_rows_of_its_twin_unbound(built_store: Any) -> None:
    twins = [n.removesuffix("-all") for n in internal_queries() if n.endswith("-all")]
    assert {"derive-finding-evidence", "derive-taken-up", "derive-tracking"} <= set(twins)
    for name in twins:
        assert name in internal_queries(), name
        rows = select(built_store.ox, name)
        assert rows, name  # the seeds have some of each: not two empty answers
        assert _sorted(select(built_store.ox, f"{name}-all")) == _sorted(rows), name


def test_the_tallies_counted_by_the_query_are_those_of_every_mention(built_store: Any) -> None:
    from peelgraph.link.aggregates import mention_tallies

    docs: dict[tuple[str, str, str, str], set[str]] = {}
    first: dict[tuple[str, str, str, str], str] = {}
    for r in select_text(built_store.ox, MENTIONS):
        key = (r["force"], r["target"], r["role"], r["category"])
        docs.setdefault(key, set()).add(r["doc"])
        first[key] = min(first.get(key, r["quote"]), r["quote"])
    expected = {key: (len(d), first[key]) for key, d in docs.items()}
    assert expected  # the seeds mention organisations
    assert any(n > 1 for n, _ in expected.values())  # some counted from several documents
    assert mention_tallies(built_store.ox) == expected
    forces = {key[0] for key in expected}
    assert mention_tallies(built_store.ox, forces) == expected
    one = sorted(forces)[0]
    assert mention_tallies(built_store.ox, {one}) == {
        k: v for k, v in expected.items() if k[0] == one
    }
