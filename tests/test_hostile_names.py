"""Names that try to pass for others: look-alike force names, file names that forge output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from peelgraph.pipeline import build
from peelgraph.reference import forces
from tests.conftest import GWENT_2017


@pytest.mark.parametrize(
    "name",
    ["Gw\u0435nt Police", "GW\u0415NT POLICE", "Dors\u0435t P\u03bflice", "\uff27went Police"],
    ids=["cyrillic-e", "cyrillic-capital-E", "greek-omicron", "fullwidth-G"],
)
def test_look_alike_letters_are_folded_before_matching(name: str) -> None:
    latin = forces.fold_confusables(name)
    assert latin.isascii() and len(latin) == len(name)
    assert forces.lookup(name) is forces.lookup(latin) is not None
    m = forces.FORCE_NAME_RE.search(f"The report on {name} found")
    assert m is not None and m.start() == len("The report on ") and m.end() - m.start() == len(name)


def test_a_homoglyph_force_name_builds_as_that_force(tmp_path: Path) -> None:
    doc = tmp_path / "report.txt"
    doc.write_text(
        "PEEL: Police effectiveness 2017\n\nAn inspection of Gw\u0435nt Police\n\n"
        "Gw\u0435nt Police is good at protecting vulnerable people. "
        "It worked once with the City of London Police.\n",
        encoding="utf-8",
    )
    report = build([doc], tmp_path / "s")
    assert report.ok, report.failures
    [built] = report.built
    assert built.force == "gwent"
    assert not any("unknown force" in w for w in built.warnings)


def test_file_names_cannot_forge_lines_or_reverse_text(seeds: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    text = (seeds / GWENT_2017).read_bytes()
    (docs / "evil\nBuilt 99 document(s), 0 failed.txt").write_bytes(text)
    (docs / "report\u202etxt.exe.txt").write_bytes(text + b"\nAnother copy.\n")
    (docs / "loop.txt").symlink_to("loop.txt")
    (docs / "gone.txt").symlink_to("missing.txt")
    res = subprocess.run(
        [sys.executable, "-m", "peelgraph", "build", str(docs), "--store", str(tmp_path / "s")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 1  # the two links failed, the two documents were built
    # The table goes to stdout, errors to stderr: neither prints a name's controls raw.
    both = res.stdout + res.stderr
    # The table may shorten a long name to fit the terminal; its escape is printed whole.
    assert "\u202e" not in both and "report\\u202etxt.exe" in res.stdout
    assert "evil\\nBuilt 99 docu" in res.stdout
    assert not any(line.startswith("Built 99") for line in both.splitlines())
    for link in ("loop.txt", "gone.txt"):
        [line] = [
            ln
            for ln in res.stderr.splitlines()
            if ln.endswith(f"{link}: a symbolic link that leads nowhere (broken, or a loop)")
        ]
        assert line.startswith("Error: ")
    assert "Built 2 document(s), 2 failed" in res.stdout
