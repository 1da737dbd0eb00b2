"""Input that reached too far (issue 25): links out of the input folder, file names in any
bytes, force names written with invisible or compatibility characters, control characters.

Probes: a symbolic link in the input folder to ``/etc/shadow`` was built and its
text queryable; a Latin-1 file name failed with "surrogates not allowed"; a force
written with a zero-width space, soft hyphen, combining accent or mathematical
bold letters was "(unknown)"; ``\\x0b`` and ``\\x1b`` in a document broke every
XML serialisation and reached terminals raw. Documents here are invented.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from peelgraph.evaluate.testing import run_cli

ROOT = Path(__file__).resolve().parents[1]

DOC = (
    "PEEL: Police effectiveness 2016\n\nAn inspection of {force}\n\n"
    "How effective is the force at protecting vulnerable people?\n\nGood\n\n"
    "The force should improve its supervision {trap}of investigations.\n"
)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=ROOT, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_links_out_of_the_folder_are_not_followed(tmp_path: Path) -> None:
    from peelgraph.ingest.read import collect_inputs

    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0 secret\n")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "doc.txt").write_text(DOC.format(force="Gwent Police", trap=""))
    (folder / "inside.txt").symlink_to(folder / "doc.txt")
    (folder / "shadow.txt").symlink_to(outside)
    warned: list[str] = []
    found = collect_inputs([folder], warn=warned.append)
    assert [f.name for f in found] == ["doc.txt", "inside.txt"]
    assert len(warned) == 1 and "shadow.txt" in warned[0] and "not followed" in warned[0]
    out = _cli("build", str(folder), "--store", str(tmp_path / "store"))
    assert "shadow.txt: a symbolic link out of" in out.stderr, out.stderr
    q = tmp_path / "q.rq"
    q.write_text('ASK { ?s ?p ?o FILTER(CONTAINS(STR(?o), "root:x")) }')
    assert _cli("query", str(q), "--store", str(tmp_path / "store")).stdout.strip() == "no"


@pytest.mark.skipif(sys.platform != "linux", reason="file names as bytes: Linux")
def test_a_file_name_in_any_bytes_is_built_and_printed_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9 \x1b[31mred.txt")  # Latin-1 and a terminal escape
    (folder / name).write_text(DOC.format(force="Gwent Police", trap=""))
    out = _cli("build", str(folder), "--store", str(tmp_path / "store"))
    assert out.returncode == 0, out.stderr
    assert "caf\\xe9 \\x1b[31mred.txt" in out.stdout and "\x1b" not in out.stdout + out.stderr


@pytest.mark.parametrize(
    "written",
    [
        "Gw\u200bent Police",
        "Gw\u00adent Police",
        "Gwe\u0301nt Police",
        "\U0001d406\U0001d430\U0001d41e\U0001d427\U0001d42d Police",
    ],
)
def test_force_names_are_normalised(written: str) -> None:
    from peelgraph.reference.forces import lookup

    force = lookup(written)
    assert force is not None and force.slug == "gwent"


def test_format_characters_in_a_document_do_not_hide_its_force(tmp_path: Path) -> None:
    from peelgraph.extract import extract
    from peelgraph.ingest.read import ingest

    f = tmp_path / "doc.txt"
    f.write_text(DOC.format(force="Gw\u200bent Pol\u00adice", trap=""), encoding="utf-8")
    assert extract(ingest(f)).info.force == "gwent"


def test_control_characters_are_removed_at_ingest_with_offsets_kept(tmp_path: Path) -> None:
    from peelgraph.ingest.read import ingest

    f = tmp_path / "doc.txt"
    raw = DOC.format(force="Gwent Police", trap="\x1b]0;pwned\x07\x0b\u202e\ufffe")
    f.write_text(raw, encoding="utf-8")
    doc = ingest(f)
    forbidden = {chr(c) for c in (*range(0x20), 0x7F, 0x202E, 0xFFFE)} - {"\t", "\n", "\r"}
    assert not forbidden & set(doc.text)
    start = doc.text.index("of investigations")
    s, e = doc.source_span(start, start + len("of investigations"))
    assert raw[s:e] == "of investigations"  # evidence still points at the file's own text


def test_xml_serialisations_parse_after_control_characters(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    from peelgraph.export.views import to_networkx, write_view
    from peelgraph.pipeline import build
    from peelgraph.query import run_local
    from peelgraph.query.formats import write
    from peelgraph.store.embedded import open_store

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "doc.txt").write_text(
        DOC.format(force="Gwent Police", trap="\x0b\x1b[2J\x7f"), encoding="utf-8"
    )
    assert build([folder], tmp_path / "store").ok
    store = open_store(tmp_path / "store")
    res = run_local(store, "SELECT * WHERE { ?s ?p ?o }")
    ET.fromstring(write(res, "application/sparql-results+xml"))
    ET.fromstring(store.to_rdflib().serialize(format="xml"))
    for view in ("entities", "lineage"):
        for fmt in ("graphml", "gexf"):
            ET.fromstring(write_view(to_networkx(store, view), fmt))
