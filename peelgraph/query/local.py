"""Queries on the embedded store (pyoxigraph), with row and time limits."""

from __future__ import annotations

import time
from typing import Any

from peelgraph.errors import QueryError
from peelgraph.query.results import QueryResult, Value, from_oxigraph
from peelgraph.query.saved import bind_params, load_query
from peelgraph.query.sparqltext import Binding, bind_text


def run_local(
    store: Any,
    text: str,
    bindings: dict[str, Binding] | None = None,
    *,
    default_graph: list[str] | None = None,
    named_graphs: list[str] | None = None,
    limit: int | None = None,
    deadline: float | None = None,
) -> QueryResult:
    """Run SPARQL on the embedded store; the default graph is the union of all graphs."""
    import pyoxigraph as ox

    text = bind_text(text, bindings or {})
    kwargs: dict[str, Any] = {}
    if default_graph:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
    elif not getattr(store, "union_in_default", False):
        kwargs["use_default_graph_as_union"] = True  # a store from before format 2
    if named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    try:
        res = store.ox.query(text, **kwargs)
    except SyntaxError as exc:
        raise QueryError(f"malformed query: {exc}") from None
    except OSError as exc:
        raise QueryError(f"query failed: {exc}") from None
    if isinstance(res, ox.QueryBoolean):
        return QueryResult("ASK", boolean=bool(res))
    if isinstance(res, ox.QueryTriples):
        nt = res.serialize(format=ox.RdfFormat.N_TRIPLES)
        return QueryResult("CONSTRUCT", graph_ntriples=nt.decode("utf-8") if nt else "")
    variables = [v.value for v in res.variables]
    rows: list[dict[str, Value | None]] = []
    try:
        for sol in res:
            rows.append({v: from_oxigraph(sol[v]) for v in variables})
            if limit is not None and len(rows) >= limit:
                break
            # Rows come lazily, so a runaway query is stopped between rows.
            if deadline is not None and len(rows) % 64 == 0 and time.monotonic() > deadline:
                raise TimeoutError("query time limit")
    except (OSError, SyntaxError) as exc:
        raise QueryError(f"query failed: {exc}") from None
    return QueryResult("SELECT", variables, rows)


def run_saved(store: Any, name_or_path: str, params: dict[str, str] | None = None) -> QueryResult:
    """A saved query (or ``.rq`` file) with its parameters, on the embedded store."""
    q = load_query(name_or_path)
    return run_local(store, q.text, bind_params(q, params or {}))
