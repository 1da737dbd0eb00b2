"""Query results on the terminal: a table that fits the width, or any of the protocol's formats.

The table is for reading: IRIs are written as prefixed names (``id:force/gwent``)
that any IRI parameter takes back and are never cut; a column with the same value
in every row is said once above the table; long text wraps within its column;
when the columns cannot all fit, the mostly empty ones and then the rightmost
are left out and named under the table. ``--columns`` chooses them, and
``--format csv|tsv|json`` gives everything.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from peelgraph.cli.common import printable
from peelgraph.errors import QueryError, UsageError
from peelgraph.graph import iris
from peelgraph.query import formats
from peelgraph.query.results import QueryResult, Value

GAP = 2  # spaces between columns
MIN_WRAP = 12  # narrowest a wrapping column becomes
RIGID = 14  # a column this narrow is never wrapped


def cell_text(v: Value | None) -> str:
    if v is None:
        return ""
    text = iris.compact(v.value) if v.kind == "iri" else " ".join(v.value.split())
    return printable(text)  # a terminal never gets a value's control characters raw


@dataclass
class _Column:
    name: str
    cells: list[str]
    iri: bool

    @property
    def natural(self) -> int:
        return max([len(self.name), *(len(c) for c in self.cells)])

    @property
    def least(self) -> int:
        """The narrowest this column can be: IRIs and short values whole, text wrapped
        between words (its longest word whole, up to 20 characters)."""
        if self.iri or self.natural <= RIGID:
            return self.natural
        word = max((len(w) for c in self.cells for w in c.split()), default=0)
        prose = 28 if self.natural > 60 else 0  # a quote narrower than this is hard to read
        return max(MIN_WRAP, len(self.name), min(word, 20), prose)

    @property
    def empty(self) -> float:
        return sum(not c for c in self.cells) / max(1, len(self.cells))


def _named_by(col: _Column, cols: list[_Column]) -> bool:
    """An IRI column a label column names one for one (?question beside ?questionLabel)."""
    if not col.iri:
        return False
    pairs = set(zip(col.cells, strict=True))
    for other in cols:
        if other is col or other.iri or other.natural > 60:  # a label, not a finding's text
            continue
        both = set(zip(col.cells, other.cells, strict=True))
        if len(both) == len(pairs) == len(set(other.cells)):
            return True
    return False


def _fit(cols: list[_Column], width: int, chosen: bool) -> tuple[list[_Column], list[int]]:
    """The columns that fit ``width`` (all, when ``chosen``) and their widths.

    Left out first: mostly empty columns, then IRIs another column names one for one,
    then IRIs too long to sit beside the text, then columns from the right."""
    keep = list(cols)
    need = lambda cs: sum(c.least for c in cs) + GAP * (len(cs) - 1)  # noqa: E731
    drop = sorted(
        cols,
        key=lambda c: (
            c.empty <= 0.7,
            not _named_by(c, cols),
            not (c.iri and c.natural > width // 3),
            -cols.index(c),
        ),
    )
    while not chosen and len(keep) > 1 and need(keep) > width:
        keep.remove(drop.pop(0))
    widths = [c.natural for c in keep]
    over = sum(widths) + GAP * (len(keep) - 1) - width
    # The widest column that can still wrap gives up a character, until the table fits:
    # long text wraps, and short values ("Requires improvement") stay on one line.
    while over > 0:
        i = max(range(len(keep)), key=lambda k: (widths[k] > keep[k].least, widths[k]))
        if widths[i] <= keep[i].least:
            break
        widths[i] -= 1
        over -= 1
    return keep, widths


def _constants(cols: list[_Column], rows: int) -> tuple[list[_Column], list[str]]:
    if rows < 2:
        return cols, []
    same = [c for c in cols if len(set(c.cells)) == 1 and c.cells[0]]
    return [c for c in cols if c not in same], [f"{c.name} = {c.cells[0]}" for c in same]


def to_table(result: QueryResult, width: int = 100, columns: list[str] | None = None) -> str:
    """The rows as a table at most ``width`` characters wide (IRIs excepted), then a count."""
    if result.kind == "ASK":
        return "yes" if result.boolean else "no"
    if result.kind in {"CONSTRUCT", "DESCRIBE"}:
        return result.graph_ntriples
    if not result.rows:
        return "(0 rows)"
    names = result.variables
    if columns:
        unknown = [c for c in columns if c not in names]
        if unknown:
            raise UsageError(
                f"no column {', '.join(unknown)} in this answer",
                hint="columns: " + ", ".join(names),
            )
        names = columns
    cols = [
        _Column(
            n,
            [cell_text(r.get(n)) for r in result.rows],
            any(r.get(n) is not None and r[n].kind == "iri" for r in result.rows),  # type: ignore[union-attr]
        )
        for n in names
    ]
    out: list[str] = []
    if not columns:
        cols, said = _constants(cols, len(result.rows))
        if said:
            out += textwrap.wrap("In every row: " + "; ".join(said), width, break_on_hyphens=False)
            out.append("")
    keep, widths = _fit(cols, width, bool(columns))
    out += _rows(keep, widths, len(result.rows))
    out.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    left = [c.name for c in cols if c not in keep]
    if left:
        out += textwrap.wrap(
            f"Left out to fit {width} columns: {', '.join(left)}"
            " (--columns chooses, --format csv gives them all).",
            width,
        )
    return "\n".join(out)


def _rows(keep: list[_Column], widths: list[int], n: int) -> list[str]:
    """Heading, rule and rows; when any row wraps onto several lines, a blank line between rows."""

    def line(parts: list[str]) -> str:
        return (" " * GAP).join(p.ljust(w) for p, w in zip(parts, widths, strict=True)).rstrip()

    def lines_of(text: str, w: int) -> list[str]:
        if not text:
            return ["–"]  # unbound: a mark, so that a row of them still shows
        return textwrap.wrap(text, w, break_on_hyphens=False) if len(text) > w else [text]

    rows = [[lines_of(c.cells[i], w) for c, w in zip(keep, widths, strict=True)] for i in range(n)]
    tall = any(len(x) > 1 for cells in rows for x in cells)
    out = [line([c.name for c in keep]), line(["-" * w for w in widths])]
    for i, cells in enumerate(rows):
        if tall and i:
            out.append("")
        height = max(len(x) for x in cells)
        out += [line([x[k] if k < len(x) else "" for x in cells]) for k in range(height)]
    return out


def render(
    result: QueryResult,
    fmt: str,
    width: int = 100,
    columns: list[str] | None = None,
    *,
    safe_csv: bool = False,
) -> str:
    """``result`` as ``table``, ``csv``, ``tsv``, ``json`` or ``turtle``."""
    if fmt == "json":
        return formats.to_json(result, indent=1)
    if fmt == "csv":
        return formats.to_csv(result, safe=safe_csv)
    if fmt == "tsv":
        return formats.to_tsv(result)
    if fmt == "turtle":
        if result.kind not in {"CONSTRUCT", "DESCRIBE"}:
            raise QueryError(
                "turtle output is for CONSTRUCT and DESCRIBE queries",
                hint="use --format table, csv or json for SELECT",
            )
        return formats.to_rdf(result, "turtle")
    return to_table(result, width, columns)
