"""Grade forms of national pages and commissioners' releases; every text is invented.

A national page about one pillar lists the forces of each grade; a release names the area as
a grading verb's object ("rated its crime recording as 'good'")."""

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


def test_an_area_as_the_object_of_a_grading_verb(tmp_path: Path) -> None:
    p = tmp_path / "release.txt"
    p.write_text(
        "Kent PEEL 2021\n\nThe report grades Kent Police’s crime recording processes as "
        "‘good’ – a fine result. HMICFRS rated its investigations as requiring improvement. "
        "It rated the weather as good. The inspectors judged Essex Police's crime recording "
        "as good.\n",
        encoding="utf-8",
    )
    f = extract(ingest(p))
    # The weather is no area; Essex Police's grade is not this page's force's.
    assert {(j.force, j.question, j.grade) for j in f.judgements} == {
        ("kent", "recording-data-about-crime", "Good"),
        ("kent", "investigating-crime", "Requires improvement"),
    }
