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


def to_csv(result: QueryResult, delimiter: str = ",") -> str:
    """Plain values, one row a line: SPARQL CSV."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    if result.kind == "ASK":
        w.writerow(["boolean"])
        w.writerow([str(bool(result.boolean)).lower()])
        return buf.getvalue()
    w.writerow(result.variables)
    for row in result.rows:
        w.writerow(["" if row.get(v) is None else str(row[v]) for v in result.variables])
    return buf.getvalue()


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
    """A CONSTRUCT or DESCRIBE answer as ``ntriples``, ``turtle`` or ``json-ld``."""
    if fmt == "ntriples":
        return result.graph_ntriples
    from rdflib import Graph

    from peelgraph.vocab import PREFIXES

    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns)
    g.parse(data=result.graph_ntriples, format="nt")
    return g.serialize(format=fmt)
