"""Result formats of the SPARQL 1.1 Protocol: what a :class:`QueryResult` is written as.

SELECT and ASK: SPARQL Results JSON, XML, CSV and TSV. CONSTRUCT and DESCRIBE:
Turtle, N-Triples and JSON-LD. The server and the command line both write
through here, so an answer reads the same whichever way it was asked for.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from peelgraph.query.results import QueryResult, Value


def _json_term(v: Value) -> dict[str, str]:
    d = {"type": {"iri": "uri", "bnode": "bnode"}.get(v.kind, "literal"), "value": v.value}
    if v.datatype and v.kind == "literal":
        d["datatype"] = v.datatype
    if v.lang:
        d["xml:lang"] = v.lang
    return d


def sparql_json(result: QueryResult) -> dict[str, Any]:
    """SPARQL 1.1 Query Results JSON, as a dict."""
    if result.kind == "ASK":
        return {"head": {}, "boolean": bool(result.boolean)}
    return {
        "head": {"vars": result.variables},
        "results": {
            "bindings": [
                {k: _json_term(v) for k, v in row.items() if v is not None} for row in result.rows
            ]
        },
    }


def to_json(result: QueryResult, indent: int | None = None) -> str:
    return json.dumps(sparql_json(result), indent=indent, ensure_ascii=False)


# A cell a spreadsheet reads as a formula (CSV injection): =, +, -, @, and tab or CR
# before them. The SPARQL CSV format prints values as they are; ``safe`` defuses them.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """``value`` with a leading apostrophe when a spreadsheet would run it as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def to_csv(result: QueryResult, *, safe: bool = False) -> str:
    """SPARQL 1.1 CSV: plain values, lines ending in CRLF, blank nodes as ``_:label``.

    ``safe`` prefixes an apostrophe to values a spreadsheet would read as formulas
    (no longer the SPARQL format: for opening in Excel or LibreOffice only).
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ASK":
        w.writerow(["boolean"])
        w.writerow([str(bool(result.boolean)).lower()])
        return buf.getvalue()
    w.writerow(result.variables)
    for row in result.rows:
        values = [_csv_value(row.get(v)) for v in result.variables]
        w.writerow([spreadsheet_safe(x) for x in values] if safe else values)
    return buf.getvalue()


def _csv_value(v: Value | None) -> str:
    if v is None:
        return ""
    return f"_:{v.value}" if v.kind == "bnode" else v.value


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def tsv_term(v: Value | None) -> str:
    """One term in SPARQL 1.1 TSV: Turtle syntax (``<iri>``, ``"text"@en``, ``_:b``)."""
    if v is None:
        return ""
    if v.kind == "iri":
        return f"<{v.value}>"
    if v.kind == "bnode":
        return f"_:{v.value}"
    text = '"' + v.value.translate(_TSV_ESCAPES) + '"'
    if v.lang:
        return f"{text}@{v.lang}"
    return f"{text}^^<{v.datatype}>" if v.datatype else text


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV: ``?var`` headers, terms in Turtle syntax, tabs and newlines escaped."""
    if result.kind == "ASK":
        return f"?_askResult\n{str(bool(result.boolean)).lower()}\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(tsv_term(row.get(v)) for v in result.variables) for row in result.rows]
    return "\n".join(lines) + "\n"


def to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML."""
    from xml.sax.saxutils import escape

    out = [
        '<?xml version="1.0"?>',
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
        "<head>",
    ]
    if result.kind == "ASK":
        out += ["</head>", f"<boolean>{str(bool(result.boolean)).lower()}</boolean>", "</sparql>"]
        return "\n".join(out)
    out += [f'<variable name="{v}"/>' for v in result.variables] + ["</head>", "<results>"]
    for row in result.rows:
        out.append("<result>")
        for k, v in row.items():
            if v is None:
                continue
            if v.kind == "iri":
                out.append(f'<binding name="{k}"><uri>{escape(v.value)}</uri></binding>')
            elif v.kind == "bnode":
                out.append(f'<binding name="{k}"><bnode>{escape(v.value)}</bnode></binding>')
            else:
                attr = f' datatype="{escape(v.datatype)}"' if v.datatype else ""
                attr += f' xml:lang="{escape(v.lang)}"' if v.lang else ""
                out.append(
                    f'<binding name="{k}"><literal{attr}>{escape(v.value)}</literal></binding>'
                )
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out)


def to_rdf(result: QueryResult, fmt: str) -> str:
    """A CONSTRUCT or DESCRIBE answer as ``ntriples``, ``turtle``, ``json-ld`` or ``xml``."""
    if fmt == "ntriples":
        return result.graph_ntriples
    from rdflib import Graph

    from peelgraph.graph.vocab import PREFIXES

    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns)
    g.parse(data=result.graph_ntriples, format="nt")
    return g.serialize(format=fmt)


# Media types the endpoint answers in, by query form, in the order of preference
# that breaks ties between equally acceptable types (the first is the default).
RESULT_MEDIA = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_MEDIA = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}


def media_for(form: str) -> dict[str, str]:
    """The media types a query of this form (SELECT, ASK, CONSTRUCT, DESCRIBE) can be sent as."""
    return RESULT_MEDIA if form in {"SELECT", "ASK"} else GRAPH_MEDIA


def _ranges(accept: str) -> list[tuple[str, float]]:
    out = []
    for part in accept.split(","):
        media, *params = (x.strip() for x in part.split(";"))
        if not media:
            continue
        q = 1.0
        for p in params:
            key, _, value = p.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(1.0, max(0.0, float(value)))
                except ValueError:
                    q = 0.0
        out.append((media.lower(), q))
    return out


def negotiate(accept: str, form: str) -> str | None:
    """The media type to answer with (RFC 9110 proactive negotiation), or None: 406.

    Each type we offer takes the weight of the most specific range that names it
    (``text/csv`` over ``text/*`` over ``*/*``); the heaviest above zero wins, ties
    going to our order of preference. No Accept header takes the default.
    """
    offered = list(media_for(form))
    ranges = _ranges(accept or "")
    if not ranges:
        return offered[0]
    best: tuple[float, int] | None = None
    choice = None
    for i, media in enumerate(offered):
        kind = media.split("/")[0] + "/*"
        specific = [
            (3 if r == media else 2 if r == kind else 1, q)
            for r, q in ranges
            if r in {media, kind, "*/*"}
        ]
        if not specific:
            continue
        q = max(specific)[1]
        if q > 0 and (best is None or (q, -i) > best):
            best, choice = (q, -i), media
    return choice


def write(result: QueryResult, media: str) -> str:
    """``result`` in the media type :func:`negotiate` chose."""
    if result.kind in {"SELECT", "ASK"}:
        fmt = RESULT_MEDIA[media]
        writers = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}
        return writers[fmt](result)
    return to_rdf(result, GRAPH_MEDIA[media])
