"""Terminal tables: they fit the width, IRIs stay whole and copyable, nothing is dropped unsaid."""

from __future__ import annotations

import pytest

from peelgraph.cli.render import to_table
from peelgraph.errors import UsageError
from peelgraph.graph.iris import ID, expand
from peelgraph.query.results import QueryResult, Value

_PROSE = (
    "The force should make sure that every referral about a missing adult is reviewed by a "
    "supervisor within a day, and that the review is recorded where the next shift will see it."
)


def _result(n: int = 3) -> QueryResult:
    rows: list[dict[str, Value | None]] = [
        {
            "force": Value("iri", ID + "force/dyfed-powys"),
            "finding": Value("iri", f"{ID}finding/dyfed-powys/2019/area-for-improvement/{i:012x}"),
            "year": Value("literal", str(2019 + i)),
            "grade": Value("literal", "Requires improvement") if i % 2 else None,
            "note": None,
            "text": Value("literal", f"{_PROSE} Case {i}."),
        }
        for i in range(n)
    ]
    return QueryResult("SELECT", ["force", "finding", "year", "grade", "note", "text"], rows)


@pytest.mark.parametrize("width", [60, 80, 100, 160])
def test_a_table_fits_its_width_and_keeps_iris_whole(width: int) -> None:
    out = to_table(_result(), width)
    lines = out.splitlines()
    assert all(len(line) <= width for line in lines), [ln for ln in lines if len(ln) > width]
    # The same force in every row is said once, as a prefixed name a parameter takes back.
    assert lines[0].startswith("In every row: force = id:force/dyfed-powys")
    assert expand("id:force/dyfed-powys") == ID + "force/dyfed-powys"
    # No IRI is cut: each is whole on one line, or left out and named as left out.
    shown = [w for line in lines for w in line.split() if w.startswith("id:finding/")]
    assert len(shown) in {0, 3} and all(
        len(w) == len("id:finding/dyfed-powys/2019/area-for-improvement/") + 12 for w in shown
    )
    if not shown:
        assert "finding" in out.split("Left out to fit")[1]
    # The prose is all there, wrapped between words.
    words = [w for line in lines for w in line.split()]
    assert words.count("supervisor") == 3 and "…" not in out
    assert lines[-1].startswith(("(3 rows)", "Left out")) or "(3 rows)" in out


def test_the_mostly_empty_column_goes_first_and_columns_can_be_chosen() -> None:
    out = to_table(_result(), 60)
    left = out.split("Left out to fit 60 columns: ")[1]
    assert "note" in left  # all empty: the first to go
    chosen = to_table(_result(), 60, ["finding", "year"])
    assert "Left out" not in chosen and "In every row" not in chosen
    assert chosen.splitlines()[0].split() == ["finding", "year"]
    with pytest.raises(UsageError, match="no column colour"):
        to_table(_result(), 60, ["colour"])


def test_no_rows_and_other_kinds() -> None:
    assert to_table(QueryResult("SELECT", ["a"], []), 80) == "(0 rows)"
    assert to_table(QueryResult("ASK", boolean=True), 80) == "yes"
