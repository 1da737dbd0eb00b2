"""Query results as plain values, independent of the engine or endpoint that produced them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class Value(NamedTuple):
    """An RDF term in a result row.

    A named tuple rather than a frozen dataclass: a country-wide answer holds over
    a hundred thousand of them, and a tuple is made in a third of the time (frozen
    dataclasses set each field through ``object.__setattr__``)."""

    kind: str  # "iri" | "literal" | "bnode"
    value: str
    datatype: str | None = None
    lang: str | None = None

    def __str__(self) -> str:
        return self.value


@dataclass
class QueryResult:
    """A SELECT's variables and rows, an ASK's boolean, or a CONSTRUCT's triples."""

    kind: str  # SELECT | ASK | CONSTRUCT
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Value | None]] = field(default_factory=list)
    boolean: bool | None = None
    graph_ntriples: str = ""
    truncated: bool = False  # stopped at the caller's limit of rows or triples

    def column(self, name: str) -> list[str | None]:
        return [None if r.get(name) is None else str(r[name]) for r in self.rows]


def from_oxigraph(term: Any) -> Value | None:
    """A pyoxigraph term as a :class:`Value` (``xsd:string`` left implicit)."""
    if term is None:
        return None
    return _converter()(term)


def oxigraph_rows(solutions: Any, variables: list[str]) -> list[dict[str, Value | None]]:
    """Rows of pyoxigraph solutions (each iterates its values in ``variables``' order).

    Each distinct term is converted once: a country-wide answer repeats most of its
    columns' values (a force's name, a type's label, a document, a year) row after
    row, and hashing a pyoxigraph term (in Rust) costs a tenth of reading its
    attributes into a :class:`Value` (``findings`` for the country at full scale,
    120,000 terms: 298 -> 96 ms). Terms are equal only when they are the same term
    (lexical form, datatype, language), so a cached value is that term's value."""
    convert = _converter()
    cache: dict[Any, Value | None] = {None: None}
    get = cache.get
    rows: list[dict[str, Value | None]] = []
    for sol in solutions:
        row: list[Value | None] = []
        for term in sol:
            value = get(term)
            if value is None and term is not None:
                value = cache[term] = convert(term)
            row.append(value)
        rows.append(dict(zip(variables, row, strict=True)))
    return rows


@cache
def _converter() -> Callable[[Any], Value]:
    """The term converter, made once: it compares exact types (no ``isinstance``
    walk) and reads each attribute once; it is called for every value of every row."""
    import pyoxigraph as ox

    named, blank, literal = ox.NamedNode, ox.BlankNode, ox.Literal

    def convert(term: Any) -> Value:
        kind = type(term)
        if kind is named:
            return Value("iri", term.value)
        if kind is literal:
            lang = term.language
            dt: str | None = term.datatype.value
            if lang or dt == XSD_STRING:
                dt = None
            return Value("literal", term.value, dt, lang)
        if kind is blank:
            return Value("bnode", term.value)
        return Value("literal", str(term))

    return convert


def from_sparql_json(data: dict[str, Any]) -> QueryResult:
    """A SPARQL 1.1 Query Results JSON document as a :class:`QueryResult`."""
    if "boolean" in data:
        return QueryResult("ASK", boolean=bool(data["boolean"]))
    variables = list(data["head"]["vars"])
    rows: list[dict[str, Value | None]] = []
    for b in data["results"]["bindings"]:
        row: dict[str, Value | None] = dict.fromkeys(variables)
        for k, v in b.items():
            kind = {"uri": "iri", "bnode": "bnode"}.get(v["type"], "literal")
            row[k] = Value(kind, v["value"], v.get("datatype"), v.get("xml:lang"))
        rows.append(row)
    return QueryResult("SELECT", variables, rows)
