"""The rows of the saved query ``trace``, derived at build time, one graph per force.

``trace`` follows a force's thread through seven kinds of fact (findings, status
events, grades, earlier findings known from a reference, what later documents say,
later sentences linked to the findings, disputes), each looked up node to node with
its evidence and document: 0.5 s of CPU for one force of the full-country corpus,
for 835 rows. Here those rows are worked out once per build with the query as it was
(``queries/internal/derive-trace-rows.rq``), ordered as its ORDER BY ordered them,
and written as plain triples: a node per row, in a graph of its force and question's
own (:func:`trace_graph`, ``graph/trace-rows/FORCE/QUESTION``, which names its force
by ``peel:traceRowsForce`` and its question by ``peel:traceRowsQuestion``), with
``peel:traceIndex``, the row's place in its force's trace, and a copy of each bound
column but the force and question, which the graph says (``peel:traceYear``,
``traceDate``, ... as the same RDF terms the query gave; an unbound column is left out). The saved query reads each column in one scan of
the graphs its parameters select, and sorts by the index.
"""

from __future__ import annotations

import re
from typing import Any

from peelgraph.graph import iris
from peelgraph.graph.vocab import PEEL
from peelgraph.store.sparql import _prefixes, query_text

TRACE_ROWS = iris.GRAPH + "trace-rows/"
_INTEGER = "<http://www.w3.org/2001/XMLSchema#integer>"

# The saved query's columns a row node holds, in its order: ?force and ?question are
# the graph's (peel:traceRowsForce, peel:traceRowsQuestion), said once for its rows.
COLUMNS = (
    "year", "date", "dateBasis", "event", "questionLabel", "item", "text",
    "grade", "status", "quote", "document", "page", "start", "tier", "score", "target",
    "relation", "address",
)  # fmt: skip

# The saved query's ORDER BY before its rows were derived: every column, so that two
# rows never tie. Each force's rows are put in the order the engine's ORDER BY gives
# (:func:`_ordered`), so that values of different kinds (a date and a string, as ?date
# holds) fall where the engine puts them.
ORDER = (
    "questionLabel", "year", "date", "event", "item", "document", "start", "quote",
    "force", "question", "dateBasis", "text", "grade", "status", "page", "tier", "score",
    "target", "relation", "address",
)  # fmt: skip


def predicate(column: str) -> str:
    """The property that holds a column's value: ``peel:traceYear`` for ?year."""
    return str(getattr(PEEL, f"trace{column[0].upper()}{column[1:]}"))


_PRED = {c: predicate(c) for c in COLUMNS}


def trace_graph(force: str, question: str) -> str:
    """The graph of one force's rows on one question."""
    return f"{TRACE_ROWS}{force.rsplit('/', 1)[-1]}/{question.rsplit('/', 1)[-1]}"


def _row(force: str, index: int) -> str:
    return f"{iris.ID}trace-row/{force.rsplit('/', 1)[-1]}/{index}"


# A sub-select (or the query) that projects ?force: where the force is bound, as the
# saved queries' parameters are (peelgraph.query.sparqltext.bind_text, which this stage
# may not import), so that each branch reads one force's facts, not the country's.
_PROJECTS_FORCE = re.compile(r"SELECT\b[^{}]*?\?force\b[^{}]*?\bWHERE\s*\{")


def _bound(text: str, forces: set[str] | None) -> str:
    if forces is None:
        return text
    values = " VALUES ?force { " + " ".join(sorted(f"<{f}>" for f in forces)) + " } "
    return _PROJECTS_FORCE.sub(lambda m: m.group(0) + values, text)


def trace_rows(ox: Any, forces: set[str] | None = None) -> dict[str, bytes]:
    """Each force's trace rows (graph IRI -> N-Triples) for the forces of ``forces``
    (every force's when None), read from the documents, links and derived facts as
    written. A graph of those forces that has no rows any more (a question the force's
    thread no longer has, a force with no thread) is given as empty, to drop."""
    res = ox.query(_bound(query_text("derive-trace-rows"), forces))
    names = [v.value for v in res.variables]
    # The query's DISTINCT, kept over the findings' rows joined here too.
    seen: set[tuple[Any, ...]] = set()
    by_force: dict[str, list[dict[str, Any]]] = {}
    # A solution's terms in the order of its variables (tuple(s)), not looked up by name.
    keys = [*map(tuple, res), *(tuple(map(r.get, names)) for r in _finding_rows(ox, forces))]
    for key in keys:
        if key not in seen:
            seen.add(key)
            row = dict(zip(names, key, strict=True))
            by_force.setdefault(row["force"].value, []).append(row)
    out: dict[str, list[str]] = {g: [] for g in _existing(ox, forces)}
    for force, rows in sorted(by_force.items()):
        for index, row in enumerate(_ordered(ox, rows)):
            graph = trace_graph(force, row["question"].value)
            lines = out.setdefault(graph, [])
            if not lines:
                lines.append(f"<{graph}> <{PEEL.traceRowsForce}> <{force}> .")
                lines.append(f"<{graph}> <{PEEL.traceRowsQuestion}> {row['question']} .")
            node = f"<{_row(force, index)}>"
            lines.append(f'{node} <{PEEL.traceIndex}> "{index}"^^{_INTEGER} .')
            lines.extend(f"{node} <{_PRED[c]}> {row[c]} ." for c in COLUMNS if row[c] is not None)
    return {g: "\n".join(sorted(lines)).encode("utf-8") for g, lines in sorted(out.items())}


# The findings' branch of the trace, read in four plain selects joined here by hashing:
# one query joining a finding's evidence to its document read them node to node (4.1 s of
# CPU for the country's 22,260 rows at full scale, against 2.4 s). Each select repeats
# the branch's patterns, so the join gives the rows the branch gave.
_FINDINGS = """SELECT ?item ?force ?question ?year ?typeLabel ?text ?ev WHERE {{ {values}
  ?item a peel:Finding ; peel:force ?force ; peel:question ?question ; peel:year ?year ;
        peel:findingType/skos:prefLabel ?typeLabel ; peel:text ?text ; peel:hasEvidence ?ev .
  FILTER NOT EXISTS {{ ?item peel:referencedOnly true }}
}}"""
_EVIDENCE = """SELECT DISTINCT ?ev ?doc ?quote ?start ?page WHERE {{ {values}
  ?item a peel:Finding ; peel:force ?force ; peel:hasEvidence ?ev .
  ?ev oa:hasSource ?doc ; oa:exact ?quote ; oa:start ?start .
  OPTIONAL {{ ?ev peel:page ?page }}
}}"""
_QUOTED = """SELECT DISTINCT ?item ?doc WHERE {{ {values}
  ?item peel:quotedIn ?doc ; peel:force ?force .
}}"""
# Every document (a few thousand, 0.1 s at full scale), or for some forces' rows those
# their evidence cites, given as ?doc's values.
_DOCUMENTS = """SELECT ?doc ?docLabel ?docSource ?issued WHERE {{ {values}
  ?doc a peel:SourceDocument ; rdfs:label ?docLabel .
  OPTIONAL {{ ?doc dcterms:source ?docSource }}
  OPTIONAL {{ ?doc dcterms:issued ?issued }}
}}"""
# Every labelled concept (the questions among them): a few hundred.
_QUESTIONS = "SELECT ?question ?ql WHERE { ?question skos:prefLabel ?ql }"


def _finding_rows(ox: Any, forces: set[str] | None) -> list[dict[str, Any]]:
    """The trace's findings rows (one per finding, document that states it and
    evidence) for ``forces`` (every force's when None), as its query's findings branch
    gave them: the same terms, the strings of its BINDs as plain literals."""
    import pyoxigraph

    prefixes = _prefixes()
    values = (
        ""
        if forces is None
        else "VALUES ?force { " + " ".join(f"<{f}>" for f in sorted(forces)) + " }"
    )

    def select(text: str) -> Any:
        return ox.query(prefixes + text.format(values=values))

    def plain(term: Any) -> Any:  # SPARQL's STR(): unbound for a blank node or unbound
        return (
            None
            if term is None or isinstance(term, pyoxigraph.BlankNode)
            else pyoxigraph.Literal(term.value)
        )

    evidence: dict[Any, list[tuple[Any, ...]]] = {}
    for s in select(_EVIDENCE):
        evidence.setdefault(s["ev"], []).append((s["doc"], s["quote"], s["start"], s["page"]))
    documents: dict[Any, list[tuple[Any, ...]]] = {}
    cited = {row[0] for rows in evidence.values() for row in rows}
    docs = "" if forces is None else "VALUES ?doc { " + " ".join(sorted(map(str, cited))) + " }"
    for s in ox.query(prefixes + _DOCUMENTS.format(values=docs)):
        documents.setdefault(s["doc"], []).append(
            (plain(s["docLabel"]), plain(s["docSource"]), s["issued"])
        )
    quoted = {(s["item"], s["doc"]) for s in select(_QUOTED)}
    labels: dict[Any, list[Any]] = {}
    for s in ox.query(prefixes + _QUESTIONS):
        labels.setdefault(s["question"], []).append(plain(s["ql"]))
    published = pyoxigraph.Literal("published")
    rows = []
    for s in select(_FINDINGS):
        item, question, type_label = s["item"], s["question"], s["typeLabel"].value
        for doc, quote, start, page in evidence.get(s["ev"], ()):
            is_quoted = (item, doc) in quoted
            event = pyoxigraph.Literal(
                f"{type_label} (as a later document quotes it)" if is_quoted else type_label
            )
            for document, address, issued in documents.get(doc, ()):
                date = None if is_quoted else issued
                for label in labels.get(question, ()):
                    rows.append({
                        "force": s["force"], "question": question, "year": s["year"],
                        "date": date, "dateBasis": None if date is None else published,
                        "event": event, "questionLabel": label, "item": item,
                        "text": s["text"], "quote": quote, "document": document,
                        "page": page, "start": start, "address": address,
                    })  # fmt: skip
    return rows


def _existing(ox: Any, forces: set[str] | None) -> list[str]:
    """The trace graphs the store holds for ``forces`` (none on a build from scratch)."""
    if forces is None:
        return []
    values = " ".join(sorted(f"<{f}>" for f in forces))
    text = (
        f"SELECT DISTINCT ?g WHERE {{ VALUES ?force {{ {values} }} "
        f"GRAPH ?g {{ ?g <{PEEL.traceRowsForce}> ?force }} }}"
    )
    return [s["g"].value for s in ox.query(text)]


def _ordered(ox: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` in the order of :data:`ORDER`, as the engine's ORDER BY puts them: sorted
    here by :func:`_sort_keys` where it gives the engine's order, else (values of a kind
    whose order it does not know) by the engine itself, given the rows' own terms as a
    VALUES block (0.15 s for one force's 835 rows at full scale, against 5 ms here)."""
    keys = _sort_keys(rows)
    if keys is not None:
        return [r for _k, r in sorted(zip(keys, rows, strict=True), key=lambda kr: kr[0])]
    return _ordered_by_engine(ox, rows)


_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMBERS = {_XSD + t for t in ("integer", "decimal", "double", "float")}
_STRINGS = {_XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}
# Dates whose lexical order is their order (no time zone, a four-digit year), by datatype.
_ISO = {
    _XSD + "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    _XSD + "gYearMonth": re.compile(r"\d{4}-\d{2}"),
    _XSD + "gYear": re.compile(r"\d{4}"),
}


def _sort_keys(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]] | None:
    """Each row's sort key, which orders rows as Oxigraph's ORDER BY does (spareval's
    ``cmp_terms``): unbound first, then IRIs by their string, then literals: two
    comparable ones (numbers, strings of one language, dates) by value, any other two
    by (lexical form, datatype, language). That is one key for strings and ISO dates
    (YYYY-MM-DD, YYYY-MM, YYYY: their lexical order is their order), so a column may
    hold all of them (as ?date does); numbers are keyed by value, so a column holding
    them holds nothing else, of one datatype. None when a column holds anything else
    (blank nodes, other datatypes, numbers beside strings): then the engine sorts."""
    seen: dict[Any, tuple[str | None, tuple[Any, ...]]] = {None: ("", (0,))}
    keyed = [
        [seen.get(t) or seen.setdefault(t, _kind_key(t)) for t in map(r.get, ORDER)] for r in rows
    ]
    for i in range(len(ORDER)):
        kinds = {row[i][0] for row in keyed} - {"", "iri"}
        if None in kinds or len(kinds) > 1:
            return None
    return [tuple(key for _kind, key in row) for row in keyed]


def _kind_key(term: Any) -> tuple[str | None, tuple[Any, ...]]:
    """A term's order class ("iri", "text" for strings and ISO dates, a number's
    datatype, or None for one :func:`_sort_keys` does not order) and its key."""
    from decimal import Decimal

    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return "iri", (1, term.value)
    if not isinstance(term, ox.Literal):
        return None, ()
    value, dt = term.value, term.datatype.value
    if dt in _STRINGS or (dt in _ISO and _ISO[dt].fullmatch(value)):
        return "text", (2, value, dt, term.language or "")
    if dt in _NUMBERS and value.lower().lstrip("+-") not in ("inf", "nan"):
        return dt, (2, Decimal(value))
    return None, ()


def _ordered_by_engine(ox: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` sorted by the engine's ORDER BY: given as a VALUES block of their own
    terms, it returns their positions."""
    head = ["i", *ORDER]
    table = " ".join(
        "(" + " ".join([str(i), *(_text(r[c]) for c in ORDER)]) + ")" for i, r in enumerate(rows)
    )
    keys = " ".join(f"?{c}" for c in ORDER)
    text = (
        f"SELECT ?i WHERE {{ VALUES ({' '.join('?' + c for c in head)}) {{ {table} }} }} "
        f"ORDER BY {keys}"
    )
    return [rows[int(s["i"].value)] for s in ox.query(text)]


def _text(term: Any) -> str:
    """A term as SPARQL text (pyoxigraph writes N-Triples, which SPARQL reads); UNDEF
    for an unbound value."""
    return "UNDEF" if term is None else str(term)
