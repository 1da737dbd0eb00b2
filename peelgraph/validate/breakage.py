"""Graphs broken on purpose, in every way the shapes can report: the test of the in-store
engine against pySHACL (``tests/test_instore.py``) and ``benchmarks/shacl_compare.py``.

Each breakage is a SPARQL update on one named graph of a built store (the first
node of its kind, in IRI order, so the same store is always broken the same way),
or a node made up and added to a document graph where the store has none of its
kind. Together they cover each constraint component the shapes use: minCount,
maxCount, datatype (a wrong datatype, and a value of the right datatype that is
not well typed), class, in, hasValue (through sh:node and sh:not), nodeKind,
pattern (also a value ending in a newline, which Python's ``$`` accepts),
minLength, minInclusive, maxInclusive, lessThan, lessThanOrEquals, or, not, node,
an inverse path, and the target by subject.
"""

from __future__ import annotations

from pathlib import Path

_PREFIXES = """PREFIX peel: <https://w3id.org/peelgraph/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def _first(kind: str, n: int = 0, graphs: str = "doc/") -> str:
    """The n-th node of a class (in IRI order) as ?x, with its graph ?g."""
    return (
        f"{{ SELECT ?g ?x WHERE {{ GRAPH ?g {{ ?x a {kind} }} "
        f'FILTER(CONTAINS(STR(?g), "/graph/{graphs}")) }} ORDER BY ?x ?g LIMIT 1 OFFSET {n} }}'
    )


def _set(kind: str, prop: str, value: str, n: int = 0, graphs: str = "doc/") -> str:
    """The n-th node of a class given ``value`` for ``prop`` instead of its own."""
    return (
        f"DELETE {{ GRAPH ?g {{ ?x {prop} ?old }} }} INSERT {{ GRAPH ?g {{ ?x {prop} {value} }} }} "
        f"WHERE {{ {_first(kind, n, graphs)} OPTIONAL {{ GRAPH ?g {{ ?x {prop} ?old }} }} }}"
    )


def _add(kind: str, prop: str, value: str, n: int = 0, graphs: str = "doc/") -> str:
    return f"INSERT {{ GRAPH ?g {{ ?x {prop} {value} }} }} WHERE {{ {_first(kind, n, graphs)} }}"


def _drop(kind: str, prop: str, n: int = 0, graphs: str = "doc/") -> str:
    return f"DELETE {{ GRAPH ?g {{ ?x {prop} ?o }} }} WHERE {{ {_first(kind, n, graphs)} GRAPH ?g {{ ?x {prop} ?o }} }}"


def _made_up(triples: str) -> str:
    """Nodes added to the first document graph (``?d`` is its document)."""
    return (
        f"INSERT {{ GRAPH ?g {{ {triples} }} }} WHERE {{ {{ SELECT ?g ?d WHERE {{ GRAPH ?g "
        "{ ?d a peel:SourceDocument } } ORDER BY ?g LIMIT 1 } }"
    )


_ID = "https://w3id.org/peelgraph/id/"

BREAKAGES: tuple[tuple[str, str], ...] = (
    ("minCount: a judgement without its grade", _drop("peel:Judgement", "peel:grade")),
    (
        "maxCount: a finding with two texts",
        _add("peel:Finding", "peel:text", '"A second text for this finding."'),
    ),
    (
        "datatype: a status date as a plain string",
        _set("peel:StatusEvent", "peel:date", '"31st February 2017"'),
    ),
    (
        "datatype: a date that is no date",
        _set("peel:StatusEvent", "peel:date", '"2017-02-31"^^xsd:date', 1),
    ),
    (
        "datatype: a year that is no integer",
        _set("peel:Finding", "peel:year", '"abc"^^xsd:integer', 1),
    ),
    ("datatype: a decimal given as a string", _set("peel:Link", "peel:score", '"0.5"', 0, "links")),
    (
        "class: a finding's force that is no force",
        _set("peel:Finding", "peel:force", f"<{_ID}force/narnia>", 2),
    ),
    (
        "class: evidence from no document",
        _set("peel:Evidence", "oa:hasSource", f"<{_ID}doc/nowhere>", 3),
    ),
    (
        "class: a passage in no document",
        _set("peel:Passage", "peel:inDocument", f"<{_ID}doc/nowhere>", 0, "links"),
    ),
    (
        "in: a document's scope outside the list",
        _set("peel:SourceDocument", "peel:scope", '"somewhere"'),
    ),
    (
        "in: a link's method outside the list",
        _set("peel:Link", "peel:method", '"guess"', 1, "links"),
    ),
    (
        "node/hasValue: a question from no scheme",
        _set("peel:Judgement", "peel:question", f"<{_ID}grade/good>", 1),
    ),
    (
        "nodeKind: a tracking of a literal",
        _set("peel:Tracking", "peel:tracks", '"a finding"', 0, "links"),
    ),
    (
        "pattern: a checksum that is no SHA-256",
        _set("peel:SourceDocument", "peel:checksum", '"XYZ"', 1),
    ),
    (
        "pattern: a year label ending in a newline",
        _set("peel:SourceDocument", "peel:yearLabel", '"2016\\n"', 2),
    ),
    ("minLength: a finding's text too short", _set("peel:Finding", "peel:text", '"short"', 3)),
    ("minLength: an empty quote", _set("peel:Evidence", "oa:exact", '""', 4)),
    ("minInclusive: a negative offset", _set("peel:Evidence", "oa:start", '"-5"^^xsd:integer', 5)),
    ("minInclusive: page 0", _set("peel:Evidence", "peel:page", '"0"^^xsd:integer', 6)),
    (
        "maxInclusive: a score over 1",
        _set("peel:Link", "peel:score", '"1.5"^^xsd:decimal', 2, "links"),
    ),
    (
        "maxInclusive: an inspection in 2200",
        _set("peel:Inspection", "peel:year", '"2200"^^xsd:integer'),
    ),
    (
        "lessThan: evidence ending before it starts",
        _set("peel:Evidence", "oa:end", '"0"^^xsd:integer', 7),
    ),
    (
        "lessThanOrEquals: last inspected after the year",
        _set("peel:Judgement", "peel:lastInspected", '"2030"^^xsd:integer', 2),
    ),
    (
        "or/not/hasValue: Adequate before 2021",
        _set("peel:Judgement", "peel:grade", f"<{_ID}grade/adequate>", 3),
    ),
    ("or/not: a status change without its status", _drop("peel:StatusEvent", "peel:status", 2)),
    ("or: a finding of no force and force scope", _drop("peel:Finding", "peel:force", 4)),
    (
        "inverse path: a grade claim of no judgement",
        "DELETE { GRAPH ?g { ?j peel:gradeClaim ?x } } WHERE { "
        + _first("peel:GradeClaim")
        + " GRAPH ?g { ?j peel:gradeClaim ?x } }",
    ),
    (
        "inverse path: a grade claim of two judgements",
        "INSERT { GRAPH ?g { ?j2 peel:gradeClaim ?x } } WHERE { "
        + _first("peel:GradeClaim", 1)
        + " GRAPH ?g { ?j2 a peel:Judgement } FILTER NOT EXISTS { GRAPH ?g { ?j2 peel:gradeClaim ?x } } }",
    ),
    (
        "maxCount: a document of two kinds",
        _add("peel:SourceDocument", "peel:documentKind", f"<{_ID}question/nothing>", 3),
    ),
    (
        "datatype (or): a publication date with a time",
        _set("peel:SourceDocument", "dcterms:issued", '"2017-03-01T10:00:00"^^xsd:dateTime', 4),
    ),
    (
        "nodeKind, by subject: a next judgement that is a literal",
        _made_up(f'<{_ID}made-up/j> peel:nextJudgement "next" .'),
    ),
    (
        "or on a node: an OCG figure with no figure",
        _made_up(
            f"<{_ID}made-up/ocg> a peel:OCGFigure ; peel:force <{_ID}force/gwent> ; "
            f'peel:asAt "2016" ; peel:hasEvidence <{_ID}made-up/nothing> .'
        ),
    ),
    (
        "datatype, class: a measure of words",
        _made_up(
            f'<{_ID}made-up/m> a peel:MeasureObservation ; peel:force "gwent" ; peel:measure "OCGs per Million" ; '
            f'peel:value "many" ; peel:englandWalesValue "1.5"^^xsd:decimal, "2.5"^^xsd:decimal .'
        ),
    ),
    (
        "several: a partner and a programme with nothing",
        _made_up(
            f'<{_ID}made-up/p> a peel:Partner . <{_ID}made-up/q> a peel:Programme ; peel:programmeCategory "party" .'
        ),
    ),
    (
        "maxCount: a link with two targets",
        _add("peel:Link", "peel:linkTo", f"<{_ID}made-up/elsewhere>", 3, "links"),
    ),
)


def break_store(root: Path, breakages: tuple[tuple[str, str], ...] = BREAKAGES) -> None:
    """Apply the breakages to the store at ``root`` (its current version, in place), and
    make its default graph the union of its named graphs again."""
    import pyoxigraph as ox

    from peelgraph.store.embedded import current_version

    version = current_version(root)
    assert version is not None, f"no store at {root}"
    store = ox.Store(str(version / "oxigraph"))
    try:
        for _name, update in breakages:
            store.update(_PREFIXES + update)
        store.update("CLEAR DEFAULT")
        store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        store.flush()
    finally:
        del store
