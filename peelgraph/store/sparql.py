"""Internal SPARQL: the queries the stages run on the store, as ``.rq`` files.

Like the saved queries of ``queries/``, each internal query is a file
(``queries/internal/NAME.rq``, packaged into the wheel with them) with a
``#+ summary:`` header, loaded by name and bound, never formatted into a
string. The prefixes come from :data:`peelgraph.graph.vocab.PREFIXES`, so no module
spells a namespace out. A binding is a ``VALUES`` block placed first in the
query's WHERE group (rdflib's ``initBindings`` semantics, as for the saved
queries), each term written by pyoxigraph, so an IRI or literal is escaped as
SPARQL wants it; a list binds one row per value, and a binding of ``None`` is
left out (the variable ranges over everything).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from peelgraph.resources import data_dir, resource_path

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)

# A value to bind: an IRI (a str), a pyoxigraph term, or several of them.
Binding = Any


@cache
def _prefixes() -> str:
    from peelgraph.graph.vocab import PREFIXES

    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


@cache
def query_text(name: str) -> str:
    """The text of internal query ``name`` with the project's prefixes declared."""
    try:
        path = resource_path("queries", f"internal/{name}.rq")
    except FileNotFoundError:
        raise KeyError(f"no internal query named {name!r}") from None
    return _prefixes() + path.read_text(encoding="utf-8")


def internal_queries() -> list[str]:
    """The names of every internal query."""
    return sorted(p.stem for p in (data_dir("queries") / "internal").glob("*.rq"))


def _term(value: Any) -> str:
    import pyoxigraph

    if isinstance(value, str):
        value = pyoxigraph.NamedNode(value)
    return str(value)


def bind(text: str, **bindings: Binding) -> str:
    """``text`` with a VALUES block for every binding that is not None."""
    blocks = []
    for name, value in bindings.items():
        if value is None:
            continue
        values: Iterable[Any] = (
            value if isinstance(value, (list, tuple, set, frozenset)) else [value]
        )
        terms = " ".join(sorted(_term(v) for v in values))
        blocks.append(f"VALUES ?{name} {{ {terms} }}")
    if not blocks:
        return text
    m = _WHERE.search(text)
    if m is None:
        raise ValueError("an internal query without a WHERE group cannot take bindings")
    return text[: m.end()] + " " + " ".join(blocks) + text[m.end() :]


def bound(values: Iterable[str] | None) -> list[str] | None:
    """A binding for :func:`select` that restricts a variable to ``values`` (None leaves
    it unbound: every value). An empty set must match nothing, which an empty VALUES
    cannot say here (a binding of no values is left out): a value no node has stands in."""
    if values is None:
        return None
    return sorted(values) or ["https://w3id.org/peelgraph/graph/none"]


def select(ox: Any, name: str, **bindings: Binding) -> list[dict[str, str]]:
    """Rows of internal SELECT ``name`` as dicts of lexical values ("" where unbound)."""
    return select_text(ox, bind(query_text(name), **bindings))


def select_terms(ox: Any, name: str, **bindings: Binding) -> list[dict[str, Any]]:
    """Rows of internal SELECT ``name`` as dicts of pyoxigraph terms (None where unbound):
    for values copied into other triples with their datatype and language as stored."""
    res = ox.query(bind(query_text(name), **bindings))
    names = [v.value for v in res.variables]
    return [{n: s[n] for n in names} for s in res]


def select_text(ox: Any, text: str) -> list[dict[str, str]]:
    """A SELECT's solutions as dicts of lexical values ("" where unbound)."""
    res = ox.query(text)
    names = [v.value for v in res.variables]
    return [{n: (s[n].value if s[n] is not None else "") for n in names} for s in res]
