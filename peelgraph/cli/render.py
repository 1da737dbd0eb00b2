"""Query results on the terminal: an aligned table, or any of the protocol's formats."""

from __future__ import annotations

from peelgraph import iris
from peelgraph.errors import QueryError
from peelgraph.query import formats
from peelgraph.query.results import QueryResult, Value


def _compact(iri: str) -> str:
    for prefix, short in ((iris.ID, ""), (iris.ONTOLOGY, "peel:")):
        if iri.startswith(prefix):
            return short + iri[len(prefix) :]
    return iri


def to_table(result: QueryResult, max_width: int = 60) -> str:
    """Columns padded to their widest cell (cut at ``max_width``), then a row count."""
    if result.kind == "ASK":
        return "yes" if result.boolean else "no"
    if result.kind in {"CONSTRUCT", "DESCRIBE"}:
        return result.graph_ntriples

    def cell(v: Value | None) -> str:
        if v is None:
            return ""
        s = _compact(v.value) if v.kind == "iri" else " ".join(v.value.split())
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    header = result.variables
    body = [[cell(r.get(v)) for v in header] for r in result.rows]
    widths = [max([len(h)] + [len(b[i]) for b in body]) for i, h in enumerate(header)]
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(c.ljust(w) for c, w in zip(b, widths, strict=True)).rstrip() for b in body]
    out.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(out)


def render(result: QueryResult, fmt: str) -> str:
    """``result`` as ``table``, ``csv``, ``tsv``, ``json`` or ``turtle``."""
    if fmt == "json":
        return formats.to_json(result, indent=1)
    if fmt == "csv":
        return formats.to_csv(result)
    if fmt == "tsv":
        return formats.to_tsv(result)
    if fmt == "turtle":
        if result.kind not in {"CONSTRUCT", "DESCRIBE"}:
            raise QueryError(
                "turtle output is for CONSTRUCT and DESCRIBE queries",
                hint="use --format table, csv or json for SELECT",
            )
        return formats.to_rdf(result, "turtle")
    return to_table(result)
