"""Saved queries: parameters, binding, and the trace on the seeds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peelgraph.errors import QueryError, UnknownForceError, UsageError
from peelgraph.query import bind_text, load_query, run_local, run_saved, saved_queries
from peelgraph.query.trace import find_finding, trace


def test_every_saved_query_has_a_summary_and_runs(built_store) -> None:
    queries = saved_queries()
    assert {"trace", "findings"} <= set(queries)
    for q in queries.values():
        assert q.summary, q.name
        assert q.examples, q.name
        samples = {
            "force": "gloucestershire",
            "year": "2018",
            "iri": "https://w3id.org/peelgraph/id/force/gwent",
        }
        params = {p.name: samples[p.type] for p in q.params if p.required}
        run_saved(built_store, q.name, params)


def test_trace_gloucestershire_serious_organised_crime(built_store) -> None:
    res = run_saved(
        built_store,
        "trace",
        {"force": "Gloucestershire Constabulary", "question": "serious-organised-crime"},
    )
    rows = [
        (str(r["year"]), str(r["event"]), str(r["grade"] or ""), str(r["status"] or ""))
        for r in res.rows
    ]
    events = [e for _, e, _, _ in rows]
    assert events.count("Cause of concern") == 1
    assert events.count("Recommendation") == 6
    # A status row belongs to the 2016 inspection and carries its own date.
    statuses = [
        (str(r["year"]), str(r["date"]), str(r["dateBasis"]), str(r["status"]))
        for r in res.rows
        if str(r["event"]) == "Status"
    ]
    assert statuses[-1] == ("2016", "2018-05-03", "event", "Complete")
    assert [s[-1] for s in statuses] == ["Awaiting review", "Being progressed", "Complete"]
    assert ("2018", "Grade", "Requires improvement", "") in rows
    afis_2018 = [r for r in rows if r[0] == "2018" and r[1] == "Area for improvement"]
    assert len(afis_2018) == 2
    assert any(e.startswith("Grade (as the response") and g == "Inadequate" for _, e, g, _ in rows)
    # Every row carries its quote and document.
    assert all(r["quote"] and r["document"] for r in res.rows)


def test_trace_timeline_is_in_date_order(built_store) -> None:
    force, question = find_finding(built_store, "does not have essential processes")
    tl = trace(built_store, force, question)
    assert tl.force == "Gloucestershire Constabulary"
    first, last = tl.entries[0], tl.entries[-1]
    assert first.event.startswith("Earlier finding") and first.year == 2015
    assert tl.entries[1].event == "Cause of concern" and tl.entries[1].year == 2016
    keys = [e.date or f"{e.year}-99" for e in tl.entries]
    assert keys == sorted(keys)
    assert any(e.status == "Complete" and e.date == "2018-05-03" for e in tl.entries)
    assert "Complete" in tl.to_text() and tl.to_mermaid().startswith("timeline")
    assert '"entries"' in tl.to_json()
    assert last.year == 2018


def test_force_parameter_accepts_names_slugs_and_case(built_store) -> None:
    a = run_saved(built_store, "trace", {"force": "gloucestershire"})
    b = run_saved(built_store, "trace", {"force": "GLOUCESTERSHIRE CONSTABULARY"})
    assert len(a.rows) == len(b.rows) > 10
    with pytest.raises(UnknownForceError):
        run_saved(built_store, "trace", {"force": "Narnia Police"})


def test_topic_search(built_store) -> None:
    res = run_saved(built_store, "findings", {"topic": "County Lines"})
    assert {str(r["forceName"]) for r in res.rows} == {"Gwent Police"}
    assert run_saved(built_store, "findings", {"topic": "zebra crossing"}).rows == []


def test_query_errors(built_store) -> None:
    # What a person typed wrong is a usage error (exit 2), as an unknown force is;
    # a query that cannot run is a query error (exit 4).
    with pytest.raises(UsageError, match="unknown query"):
        load_query("no-such-query")
    with pytest.raises(UsageError, match="needs --param force"):
        run_saved(built_store, "trace", {})
    with pytest.raises(UsageError, match="no parameter"):
        run_saved(built_store, "trace", {"force": "gwent", "colour": "blue"})
    with pytest.raises(UsageError, match="unknown question"):
        run_saved(built_store, "trace", {"force": "gwent", "question": "parking"})
    assert UsageError.exit_code == UnknownForceError.exit_code == 2 and QueryError.exit_code == 4
    with pytest.raises(QueryError, match="malformed"):
        run_local(built_store, "SELECT ?x WHERE { ?x ")


def test_bind_text_places_values_in_the_where_group() -> None:
    q = '# WHERE { in a comment\nSELECT ?x WHERE { ?x <http://p> "WHERE {" }'
    out = bind_text(q, {"x": ("iri", "http://a")})
    assert out.endswith('SELECT ?x WHERE { VALUES (?x) { (<http://a>) }  ?x <http://p> "WHERE {" }')
    evil = bind_text(
        "SELECT * WHERE { ?s ?p ?o }",
        {"t": ("http://www.w3.org/2001/XMLSchema#string", '" } DROP ALL {')},
    )
    assert '\\" } DROP ALL {' in evil
    with pytest.raises(QueryError):
        bind_text("SELECT * WHERE { ?s ?p ?o }", {"x": ("iri", "http://a> } <b")})


def test_bind_text_pushes_values_into_sub_selects_that_project_the_variable() -> None:
    q = (
        "SELECT ?f ?n WHERE {\n"
        "  { SELECT ?f (COUNT(?x) AS ?n) WHERE { ?f <http://p> ?x } GROUP BY ?f }\n"
        "  { SELECT ?g WHERE { ?g <http://q> ?y } }\n"  # does not project ?f: untouched
        "  { SELECT ?f WHERE { ?f <http://r> ?z } LIMIT 1 }\n"  # a slice: untouched
        "}"
    )
    out = bind_text(q, {"f": ("iri", "http://a")})
    assert out.count("VALUES (?f)") == 2
    assert "WHERE { VALUES (?f) { (<http://a>) }  ?f <http://p> ?x }" in out
    assert "{ ?g <http://q> ?y }" in out and "{ ?f <http://r> ?z } LIMIT 1" in out


def test_bound_sub_selects_give_the_same_rows(built_store) -> None:
    """The pushed-down VALUES is an optimisation: every saved query keeps its rows."""
    from peelgraph.query import bind_params, saved_queries
    from peelgraph.query.sparqltext import values_block, where_brace

    checked = 0
    for name, q in sorted(saved_queries().items()):
        given = q.example_params()
        if "force" not in given:
            continue
        bindings = bind_params(q, given)
        outer_only = bind_text(q.text, bindings, push_down=False)
        i = where_brace(q.text) + 1
        assert outer_only == q.text[:i] + values_block(sorted(bindings), bindings) + q.text[i:]
        pushed = bind_text(q.text, bindings)
        a, b = run_local(built_store, outer_only), run_local(built_store, pushed)
        key = lambda r: sorted(str(v) for v in r.values())  # noqa: E731
        assert a.rows and sorted(map(key, a.rows)) == sorted(map(key, b.rows)), name
        checked += pushed.count("VALUES") > 1
    assert checked >= 2  # the pushdown really happens in saved queries


def test_the_lexer_skips_braces_and_keywords_in_strings_iris_and_comments() -> None:
    from peelgraph.query.sparqltext import query_form, where_brace

    q = (
        "PREFIX a: <http://a/#> # SELECT { in a comment\n"
        "CONSTRUCT { ?s a:p '''WHERE { x''' } WHERE { ?s a:p \"{ }\" }"
    )
    assert query_form(q) == "CONSTRUCT"
    assert q[where_brace(q) :].startswith('{ ?s a:p "{ }" }')
    # A sub-select without the WHERE keyword still takes the parameter.
    sub = "SELECT ?f WHERE { { SELECT ?f { ?f <http://p> ?x } } }"
    out = bind_text(sub, {"f": ("iri", "http://a")})
    assert out.count("VALUES (?f)") == 2 and "SELECT ?f { VALUES" in out


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="{}#<>\"'\\ \nSELECTWHERE?x", max_size=30))
def test_bound_queries_stay_valid_whatever_their_strings_hold(inner: str) -> None:
    """A string literal holding any mix of braces, quotes and keywords is left alone."""
    import pyoxigraph as ox

    from peelgraph.query.sparqltext import term_text

    literal = term_text("http://www.w3.org/2001/XMLSchema#string", inner)
    q = f"SELECT ?x ?s WHERE {{ BIND({literal} AS ?s) }} # {inner!r}"
    out = bind_text(q, {"x": ("iri", "http://a")})
    rows = list(ox.Store().query(out))
    assert len(rows) == 1 and rows[0]["s"].value == inner and rows[0]["x"].value == "http://a"


def test_service_is_found_however_it_is_written() -> None:
    from peelgraph.query.guard import reaches_out as names_service

    for q in (
        "PREFIX a: <http://a/#> SELECT ?x WHERE { SERVICE <http://127.0.0.1:9/> { ?x ?y ?z } }",
        "SELECT * WHERE { BIND(<http://x#> AS ?q) service <http://h/> { ?x ?y ?z } }",
        "PREFIX : <http://h/> SELECT * WHERE { SERVICE:x{?a ?b ?c} }",
        "SELECT * WHERE { ?s ?p ?o .SERVICE SILENT ?s { } }",
    ):
        assert names_service(q), q
    for q in (
        'SELECT * WHERE { ?s ?p "SERVICE" } # SERVICE',
        "SELECT ?service WHERE { ?service <http://x/SERVICE> ?o }",
    ):
        assert not names_service(q), q


def test_iri_parameters_take_the_prefixed_names_tables_print(built_store) -> None:
    from peelgraph.graph.iris import compact

    node = (
        "https://w3id.org/peelgraph/id/inspection/gwent/peel-effectiveness/2017/judgement/overall"
    )
    short = compact(node)
    assert short == "id:inspection/gwent/peel-effectiveness/2017/judgement/overall"
    full = run_saved(built_store, "evidence", {"node": node}).rows
    assert full and run_saved(built_store, "evidence", {"node": short}).rows == full
