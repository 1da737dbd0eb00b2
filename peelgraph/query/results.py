"""Query results as plain values, independent of the engine or endpoint that produced them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Value:
    """An RDF term in a result row."""

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
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Value("iri", term.value)
    if isinstance(term, ox.BlankNode):
        return Value("bnode", term.value)
    if isinstance(term, ox.Literal):
        dt: str | None = term.datatype.value if term.datatype else None
        if term.language or dt == XSD_STRING:
            dt = None
        return Value("literal", term.value, dt, term.language)
    return Value("literal", str(term))


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
