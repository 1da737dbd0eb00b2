"""A national page about one pillar lists the forces of each grade; every text is invented."""

from __future__ import annotations

from pathlib import Path

from peelgraph.extract import extract
from peelgraph.ingest.read import ingest

PAGE = """PEEL: police efficiency 2017 – force press releases

As part of our annual inspections, HMICFRS assessed how efficient police forces are at \
keeping people safe and reducing crime.
- The force judged as outstanding is Durham Constabulary.
- The three forces assessed as ‘inadequate’ are Gwent Police, Kent Police and Dorset Police.
- The forces judged as good are listed in the table below.
- All other forces were judged as ‘requires improvement’.
"""


def test_the_forces_of_each_grade(tmp_path: Path) -> None:
    p = tmp_path / "national.txt"
    p.write_text(PAGE, encoding="utf-8")
    f = extract(ingest(p))
    assert f.info.scope == "national"
    got = {(j.force, j.question, j.grade) for j in f.judgements}
    assert got == {
        ("durham", "efficiency", "Outstanding"),
        ("gwent", "efficiency", "Inadequate"),
        ("kent", "efficiency", "Inadequate"),
        ("dorset", "efficiency", "Inadequate"),
    }
