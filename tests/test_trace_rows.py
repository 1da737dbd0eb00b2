"""The trace rows derived at build time (peelgraph.link.thread.trace_rows, one graph per
force and question) give the saved query ``trace`` exactly the rows, in the same order,
that the query computing them node to node gave (kept as the reference:
``tests/trace_reference.rq``, the saved query before the rows were derived)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

REFERENCE = (Path(__file__).parent / "trace_reference.rq").read_text(encoding="utf-8")
PEEL = "https://w3id.org/peelgraph/ontology#"


def _forces(store: Any) -> list[str]:
    rows = store.ox.query(f"SELECT DISTINCT ?f WHERE {{ ?x <{PEEL}force> ?f }}")
    return sorted(r[0].value.rsplit("/", 1)[-1] for r in rows)


def _questions(store: Any) -> list[str]:
    rows = store.ox.query(f"SELECT DISTINCT ?q WHERE {{ ?x <{PEEL}question> ?q }}")
    return sorted(r[0].value.rsplit("/", 1)[-1] for r in rows)


def test_rows_give_what_the_node_to_node_query_gives(built_store: Any) -> None:
    from peelgraph.query import bind_params, load_query, run_local, run_saved
    from peelgraph.query.timeline import Timeline
    from peelgraph.query.trace import trace

    q = load_query("trace")
    forces, questions = _forces(built_store), _questions(built_store)
    assert forces and questions
    total = 0
    # Every force of the seeds, one that has no document, each question and one never judged.
    for force in [*forces, "kent"]:
        for question in [None, *questions, "armed-policing"]:
            params = {"force": force, **({"question": question} if question else {})}
            rows = run_saved(built_store, "trace", params)
            expected = run_local(built_store, REFERENCE, bind_params(q, params))
            assert rows.variables == expected.variables
            assert rows.rows == expected.rows, params
            total += len(rows.rows)
            # And so the timeline the trace command prints.
            timeline = trace(built_store, force, question)
            assert timeline == Timeline.from_rows(timeline.force, timeline.question, expected.rows)
    assert total


def test_each_graph_names_its_force_and_question_and_numbers_its_rows(built_store: Any) -> None:
    from peelgraph.link.thread import trace_graph

    graphs = {
        r[0].value: (r[1].value, r[2].value)
        for r in built_store.ox.query(
            f"SELECT ?g ?f ?q WHERE {{ GRAPH ?g {{ ?g <{PEEL}traceRowsForce> ?f ; "
            f"<{PEEL}traceRowsQuestion> ?q }} }}"
        )
    }
    assert graphs
    assert all(trace_graph(f, q) == g for g, (f, q) in graphs.items())
    # Each force's rows, over its graphs, are numbered 0 to n - 1, each number once.
    indices: dict[str, list[int]] = {}
    for r in built_store.ox.query(
        f"SELECT ?f ?i WHERE {{ GRAPH ?g {{ ?g <{PEEL}traceRowsForce> ?f . ?row <{PEEL}traceIndex> ?i }} }}"
    ):
        indices.setdefault(r[0].value, []).append(int(r[1].value))
    assert indices
    assert all(sorted(i) == list(range(len(i))) for i in indices.values())


def test_one_force_computed_alone_gives_its_graphs_of_the_whole(built_store: Any) -> None:
    """A rebuild computes the rows of the forces it reaches: each the same as computed with
    every force's; a force with no thread any more gets its old graphs back empty."""
    from peelgraph.link.thread import trace_rows

    whole = trace_rows(built_store.ox)
    assert whole
    for force in _forces(built_store):
        iri = f"https://w3id.org/peelgraph/id/force/{force}"
        part = trace_rows(built_store.ox, {iri})
        mine = {g: d for g, d in whole.items() if f"/trace-rows/{force}/" in g}
        assert part == mine
    nowhere = "https://w3id.org/peelgraph/id/force/kent"
    assert trace_rows(built_store.ox, {nowhere}) == {}


def test_rows_are_ordered_as_the_engine_orders_them() -> None:
    """The rows' order is the engine's ORDER BY over their own terms, whether sorted in
    Python (strings, ISO dates and IRIs in one column, as ?date and ?target hold them,
    numbers, unbound values) or, for values of other kinds, by the engine itself."""
    import random

    import pyoxigraph as ox

    from peelgraph.link.thread import ORDER, _ordered, _ordered_by_engine, _sort_keys

    xsd = "http://www.w3.org/2001/XMLSchema#"
    rng = random.Random(7)

    def date() -> Any:
        month = f"2016-0{rng.randint(1, 3)}"
        day = f"{month}-0{rng.randint(1, 3)}"
        return rng.choice(
            [
                None,
                ox.Literal(day),
                ox.Literal(day, datatype=ox.NamedNode(xsd + "date")),
                ox.Literal(month, datatype=ox.NamedNode(xsd + "gYearMonth")),
            ]
        )

    def row() -> dict[str, Any]:
        r: dict[str, Any] = dict.fromkeys(ORDER)
        r.update(
            questionLabel=ox.Literal(rng.choice(["Leadership", "Légitimité", "leadership"])),
            year=rng.choice(
                [
                    None,
                    ox.Literal(
                        str(rng.randint(2014, 2016)), datatype=ox.NamedNode(xsd + "integer")
                    ),
                ]
            ),
            date=date(),
            event=ox.Literal(rng.choice(["Grade", "Status", "Comment"])),
            item=ox.NamedNode(f"http://x/item/{rng.randint(1, 4)}"),
            quote=rng.choice([ox.Literal("a quote"), ox.Literal("a quote", language="en")]),
            score=rng.choice(
                [
                    None,
                    ox.Literal(f"0.{rng.randint(1, 99)}", datatype=ox.NamedNode(xsd + "decimal")),
                ]
            ),
            target=rng.choice([None, ox.NamedNode("http://x/t"), ox.Literal("http://x/t")]),
            start=ox.Literal(str(rng.randint(0, 3)), datatype=ox.NamedNode(xsd + "integer")),
        )
        return r

    store = ox.Store()
    rows = [row() for _ in range(300)]
    assert _sort_keys(rows) is not None
    assert _ordered(store, rows) == _ordered_by_engine(store, rows)
    # A datatype the keys do not order (a boolean beside strings): the engine sorts.
    rows[0]["text"] = ox.Literal("true", datatype=ox.NamedNode(xsd + "boolean"))
    assert _sort_keys(rows) is None
    assert _ordered(store, rows) == _ordered_by_engine(store, rows)
