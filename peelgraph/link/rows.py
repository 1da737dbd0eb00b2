"""Rows of the saved query ``recurring``, derived at build time, in a graph per force.

``recurring`` (DESIGN question 5) joins each later finding of a force to its links and
each link to an earlier finding of the same force: for the country at full scale that
was 3.7 s of CPU (a look-up in the store for each pattern of each of 11,000 rows) and
another third of it to sort the rows by their ten columns, 89 ms for one force. Here
the same join is read once per build (``derive-recurrences``), each force's rows
sorted as the query sorted them, and written as one node per row, with the row's
columns and its place in that order (``peel:recurrenceRank``), into a graph of the
force's own (:func:`recurrence_graph`, ``graph/recurrence-rows/FORCE``, which names
its force by ``peel:recurrencesOf``). The query then reads each column in one scan of
the force's graph (every force's, for the country), joined by hashing, and sorts by
the force's name and the rank alone. A rebuild rewrites the graphs of the forces whose
derived facts it computes (:func:`peelgraph.link.derived.derived_parts`): a link from
a force's finding that changes reaches that force.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from peelgraph.graph import iris
from peelgraph.graph.vocab import PEEL
from peelgraph.store.sparql import bound, select_terms

RECURRENCE_GRAPH = iris.GRAPH + "recurrence-rows/"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"

# The row's columns (the query's variables, in its order) and the property of each.
COLUMNS = {
    "forceName": PEEL.recurrenceForceName,
    "laterYear": PEEL.recurrenceLaterYear,
    "earlierYear": PEEL.recurrenceEarlierYear,
    "relation": PEEL.recurrenceRelation,
    "linkMethod": PEEL.recurrenceMethod,
    "score": PEEL.recurrenceScore,
    "laterText": PEEL.recurrenceLaterText,
    "earlierText": PEEL.recurrenceEarlierText,
    "later": PEEL.recurrenceLater,
    "earlier": PEEL.recurrenceEarlier,
}


def recurrence_graph(force: str) -> str:
    """The graph of one force's recurrence rows."""
    return RECURRENCE_GRAPH + force.rsplit("/", 1)[-1]


def recurrence_rows(ox: Any, forces: set[str] | None = None) -> dict[str, bytes]:
    """Each force's recurrence rows (its graph's IRI -> N-Triples, sorted lines): the
    forces of ``forces`` (every force's when None; a force in it with no recurrence
    gets an empty graph, to drop). Values as stored, datatype and language kept."""
    by_force: dict[str, list[dict[str, Any]]] = {f: [] for f in forces or ()}
    for row in select_terms(ox, "derive-recurrences", force=bound(forces)):
        by_force.setdefault(row["force"].value, []).append(row)
    out = {}
    for force, rows in sorted(by_force.items()):
        graph = recurrence_graph(force)
        lines = []
        if rows:
            lines.append(f"<{graph}> <{PEEL.recurrencesOf}> <{force}> .")
        slug = force.rsplit("/", 1)[-1]
        for rank, row in enumerate(sorted(rows, key=order_key)):
            node = f"<{iris.ID}recurrence/{slug}/{rank}>"
            lines.append(f'{node} <{PEEL.recurrenceRank}> "{rank}"^^<{XSD_INTEGER}> .')
            lines.extend(f"{node} <{prop}> {row[col]} ." for col, prop in COLUMNS.items())
        out[graph] = "\n".join(sorted(lines)).encode("utf-8")
    return out


def order_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """The order of the saved query's ORDER BY, for a row of pyoxigraph terms: force
    name, score descending, later and earlier year, relation, method, later and
    earlier text, later and earlier finding (strings in code-point order, as SPARQL
    compares them; numbers by value). Rows equal in all of that (a score or year of
    the same value written two ways) follow in the order of their terms' N-Triples,
    where the engine's order was its own choice."""
    return (
        _string(row["forceName"]),
        _number(row["score"], negate=True),
        _number(row["laterYear"]),
        _number(row["earlierYear"]),
        _string(row["relation"]),
        _string(row["linkMethod"]),
        _string(row["laterText"]),
        _string(row["earlierText"]),
        row["later"].value,
        row["earlier"].value,
        tuple(str(row[col]) for col in COLUMNS),
    )


def _string(term: Any) -> tuple[int, str]:
    """A sort key of ``CONCAT("~", term)``: a string literal's text (plain or with a
    language); anything else is an error there, which SPARQL sorts first, as unbound."""
    language = getattr(term, "language", None)
    datatype = getattr(term, "datatype", None)
    if language or (datatype is not None and datatype.value == XSD_STRING):
        return (1, term.value)
    return (0, "")


def _number(term: Any, negate: bool = False) -> tuple[int, Decimal]:
    """A numeric literal's value (for a descending key, negated); a value that is no
    number sorts before every number, as SPARQL orders a term it cannot compare."""
    try:
        value = Decimal(term.value)
    except (InvalidOperation, AttributeError):
        return (0, Decimal(0))
    return (1, -value if negate else value)
