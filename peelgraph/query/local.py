"""Queries on the embedded store (pyoxigraph), with row and time limits."""

from __future__ import annotations

import time
from typing import Any

from peelgraph.errors import PeelgraphError, QueryError
from peelgraph.query.results import QueryResult, oxigraph_rows
from peelgraph.query.saved import bind_params, load_query
from peelgraph.query.sparqltext import Binding, bind_text, check_query


def run_local(
    store: Any,
    text: str,
    bindings: dict[str, Binding] | None = None,
    *,
    default_graph: list[str] | None = None,
    named_graphs: list[str] | None = None,
    base_iri: str | None = None,
    limit: int | None = None,
    deadline: float | None = None,
    max_bytes: int | None = None,
) -> QueryResult:
    """Run SPARQL on the embedded store; the default graph is the union of all graphs.

    ``default_graph`` (a list, possibly empty) and ``named_graphs`` set the
    dataset instead; ``limit`` cuts the answer (``truncated`` says so);
    ``deadline`` (a ``time.monotonic()`` value) stops it between rows;
    ``max_bytes`` refuses an answer whose terms hold more characters than that
    (one GROUP_CONCAT can make a single value of gigabytes, which no row limit
    cuts). ``SERVICE`` is refused here, on the parsed query, whoever calls.
    """
    import pyoxigraph as ox

    # Checked before binding: bound values are terms built by term_text, never syntax
    # (and a value's own "\\u0041" is a string's text, which another parser could misread).
    check_query(text)
    text = bind_text(text, bindings or {})
    kwargs: dict[str, Any] = {"base_iri": base_iri} if base_iri else {}
    if default_graph is not None:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
    elif not getattr(store, "union_in_default", False):
        kwargs["use_default_graph_as_union"] = True  # a store from before format 2
    if named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    try:
        res = store.ox.query(text, **kwargs)
    except (SyntaxError, ValueError) as exc:
        raise QueryError(f"malformed query: {exc}") from None
    except (OSError, RuntimeError) as exc:  # RocksDB reports corruption as RuntimeError
        raise _failure(store, exc) from None
    if isinstance(res, ox.QueryBoolean):
        return QueryResult("ASK", boolean=bool(res))
    if isinstance(res, ox.QueryTriples):
        triples = _take(res, limit, deadline, max_bytes)
        truncated = limit is not None and len(triples) > limit
        nt = ox.serialize(triples[:limit], format=ox.RdfFormat.N_TRIPLES)
        return QueryResult(
            "CONSTRUCT", graph_ntriples=nt.decode("utf-8") if nt else "", truncated=truncated
        )
    variables = [v.value for v in res.variables]
    rows = oxigraph_rows(_take(res, limit, deadline, max_bytes), variables)
    truncated = limit is not None and len(rows) > limit
    return QueryResult("SELECT", variables, rows[:limit], truncated=truncated)


def _size(item: Any) -> int:
    """Characters in a solution's or triple's terms (quoted triples counted whole)."""
    return sum(len(str(term)) for term in item if term is not None)


def _take(
    answers: Any, limit: int | None, deadline: float | None, max_bytes: int | None = None
) -> list[Any]:
    """Up to ``limit`` + 1 solutions or triples (one more tells a cut answer from a full one).

    They come lazily, so a runaway query is stopped between them at ``deadline``,
    and an answer growing past ``max_bytes`` characters is refused as it grows.
    """
    out: list[Any] = []
    held = 0
    try:
        for item in answers:
            out.append(item)
            if max_bytes is not None:
                held += _size(item)
                if held > max_bytes:
                    raise QueryError(
                        f"the answer is larger than the {max_bytes:,}-character limit",
                        hint="ask for less: LIMIT, fewer columns, or no GROUP_CONCAT of everything",
                    )
            if limit is not None and len(out) > limit:
                break
            if deadline is not None and len(out) % 64 == 0 and time.monotonic() > deadline:
                raise TimeoutError("query time limit")
    except SyntaxError as exc:
        raise QueryError(f"query failed: {exc}") from None
    except (OSError, RuntimeError) as exc:  # RocksDB reports corruption as RuntimeError
        raise _failure(None, exc) from None
    return out


def _failure(store: Any, exc: Exception) -> PeelgraphError:
    """A query's OS error: the store's fault (corrupted file: exit 3) or the query's."""
    if "Corruption" in str(exc) or "corrupt" in str(exc).lower():
        from pathlib import Path

        from peelgraph.store.files import store_error

        return store_error(Path(getattr(store, "root", "store")), exc)
    return QueryError(f"query failed: {exc}")


def run_saved(store: Any, name_or_path: str, params: dict[str, str] | None = None) -> QueryResult:
    """A saved query (or ``.rq`` file) with its parameters, on the embedded store."""
    q = load_query(name_or_path)
    return run_local(store, q.text, bind_params(q, params or {}))
