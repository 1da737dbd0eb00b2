"""Bad input, interrupted builds and properties that must hold for any text."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from peelgraph.extract.status import parse_status_markup
from peelgraph.graph import iris
from peelgraph.ingest.document import Document
from peelgraph.ingest.read import clean_text
from peelgraph.pipeline import build
from peelgraph.store.embedded import open_store
from peelgraph.text.normalise import finding_key, normalise_text
from tests.conftest import SEED_FILES, seed_copies


def _doc(text: str) -> Document:
    cleaned, segments = clean_text(text)
    return Document("x.txt", "x.txt", "0" * 64, "text/plain", cleaned, text, tuple(segments))


MARKUP = st.lists(
    st.sampled_from(
        [
            "[on]",
            "[/on]",
            "[status]",
            "[/status]",
            "[comment]",
            "[/comment]",
            "2nd March 2017 ",
            "31st February 2017 ",
            "3rd May 2099 ",
            "complete",
            " ",
            "\n",
            "**",
            "<sup>1</sup>",
            "x",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.one_of(MARKUP, st.text(max_size=300)))
def test_status_parser_never_crashes(text: str) -> None:
    events, _problems = parse_status_markup(_doc(text))
    doc = _doc(text)
    for e in events:
        assert doc.text[e.evidence.start : e.evidence.end] == e.evidence.quote
        assert len(e.date) == 10


@settings(max_examples=200, deadline=None)
@given(st.one_of(MARKUP, st.text(max_size=300)))
def test_every_cleaned_character_maps_back(text: str) -> None:
    doc = _doc(text)
    for i in range(len(doc.text)):
        a, b = doc.source_span(i, i + 1)
        assert doc.raw_text[a:b] == doc.text[i]


@given(st.text(min_size=1, max_size=80), st.text(min_size=1, max_size=80))
def test_finding_iris_are_deterministic_and_distinct(a: str, b: str) -> None:
    ka, kb = (
        finding_key("gwent", 2017, "area-for-improvement", a),
        finding_key("gwent", 2017, "area-for-improvement", b),
    )
    assert ka == finding_key("gwent", 2017, "area-for-improvement", a)
    assert iris.finding(ka) == iris.finding(ka)
    if normalise_text(a) != normalise_text(b) and normalise_text(a) and normalise_text(b):
        stripped = [
            normalise_text(x).removeprefix("the force should ").removesuffix(" and") for x in (a, b)
        ]
        if stripped[0] != stripped[1]:
            assert ka != kb


def test_unknown_force_and_no_force_are_reported(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "narnia.txt").write_text(
        "PEEL: Police effectiveness 2017\n\nAn inspection of Narnia Police\n", encoding="utf-8"
    )
    (docs / "none.txt").write_text("Minutes of a parish meeting about bins.\n", encoding="utf-8")
    report = build([docs], tmp_path / "store")
    # Not errors: both are built, their force unknown, each with a warning that says why.
    assert report.ok
    warnings = {Path(r.path).name: " | ".join(r.warnings) for r in report.built}
    assert {Path(r.path).name: r.force for r in report.built} == {
        "narnia.txt": None,
        "none.txt": None,
    }
    assert "unknown force 'Narnia Police'" in warnings["narnia.txt"]
    assert "no police force" in warnings["none.txt"]


def test_killing_a_build_leaves_the_previous_graph_intact(seeds: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build([seeds / SEED_FILES[0]], store)
    before = set(open_store(store).dump("nquads").decode().splitlines())
    many = seed_copies(seeds, tmp_path / "many", 60)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "peelgraph",
            "build",
            str(many),
            "--store",
            str(store),
            "-q",
            "-j",
            "1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 120
    # Kill it while it works: once it is well into extraction, or writing its new version.
    while time.time() < deadline and proc.poll() is None:
        if any(p.name.endswith(".tmp") for p in store.iterdir()):
            break
        time.sleep(0.05)
        if time.time() > deadline - 115:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = set(open_store(store).dump("nquads").decode().splitlines())
    assert after == before
    # And the next build still works, sweeping the debris.
    build([seeds / SEED_FILES[1]], store)
    assert not any(p.name.endswith(".tmp") for p in store.iterdir())


def _fpdf_with_text(text: str):  # type: ignore[no-untyped-def]
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 10, text)
    return pdf


def test_encrypted_and_image_only_pdfs_get_clear_errors(tmp_path: Path) -> None:
    import pytest

    from peelgraph.errors import InputError
    from peelgraph.ingest.read import ingest

    locked = _fpdf_with_text("Gwent Police")
    locked.set_encryption(owner_password="owner", user_password="secret")
    locked.output(str(tmp_path / "locked.pdf"))
    with pytest.raises(InputError, match="encrypted PDF"):
        ingest(tmp_path / "locked.pdf")

    from fpdf import FPDF

    png = tmp_path / "scan.png"
    png.write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e0d5a0e20000000049454e44ae426082"
        )
    )
    scan = FPDF()
    scan.add_page()
    scan.image(str(png), x=10, y=10, w=100)
    scan.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(InputError, match="needs OCR"):
        ingest(tmp_path / "scan.pdf")


def test_a_folder_mixing_good_bad_and_duplicate_files(seeds: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    good = (seeds / SEED_FILES[4]).read_bytes()
    (docs / "gwent.txt").write_bytes(good)
    (docs / "gwent-copy.txt").write_bytes(good)  # the same document under another name
    (docs / "empty.txt").write_bytes(b"")
    (docs / "fake.pdf").write_bytes(b"\x89PNG not a pdf")
    nested = "<div>" * 3000 + "Gwent Police" + "</div>" * 3000
    (docs / "page.html").write_text(
        f"<html><head><script>alert('x')</script></head><body><h1>Gwent PEEL 2017</h1>{nested}</body></html>",
        encoding="utf-8",
    )
    report = build([docs], tmp_path / "store")
    failed = {Path(f.path).name: f.message for f in report.failures}
    assert set(failed) == {"empty.txt", "fake.pdf"}
    assert "empty file" in failed["empty.txt"] and "not a PDF" in failed["fake.pdf"]
    assert [Path(d).name for d, _ in report.duplicates] == ["gwent.txt"] or [
        Path(d).name for d, _ in report.duplicates
    ] == ["gwent-copy.txt"]
    built = {Path(d.path).name for d in report.built}
    assert "page.html" in built and ("gwent.txt" in built or "gwent-copy.txt" in built)
    store = open_store(tmp_path / "store")
    assert len(store.documents) == 2
    assert "alert" not in store.dump("nquads").decode()


def test_a_500_page_pdf_is_built_with_pages_on_its_evidence(seeds: Path, tmp_path: Path) -> None:
    from peelgraph.evaluate.testing import make_pdf

    lines = (seeds / SEED_FILES[4]).read_text(encoding="utf-8").splitlines()
    annex = [f"Annex B, table {i}: the figures are in the data pack." for i in range(5400)]
    pages = make_pdf(tmp_path / "long.pdf", "\n".join(lines + annex), lines_per_page=12)
    assert max(pages) >= 500
    report = build([tmp_path / "long.pdf"], tmp_path / "store")
    assert report.ok, report.failures
    store = open_store(tmp_path / "store")
    rows = store.ox.query(
        "SELECT (MAX(?p) AS ?last) (COUNT(?e) AS ?n) WHERE { ?e <https://w3id.org/peelgraph/ontology#page> ?p }"
    )
    last, n = next(iter(rows))
    assert int(n.value) > 20 and 1 < int(last.value) < max(pages)


def test_a_50_mb_text_file_is_refused_in_bounded_memory(seeds: Path, tmp_path: Path) -> None:
    import pytest

    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc to read the peak memory")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "gwent.txt").write_bytes((seeds / SEED_FILES[4]).read_bytes())
    with (docs / "huge.txt").open("wb") as fh:
        for _ in range(50):
            fh.write(b"Gwent Police recorded crime. " * 36_000)  # ~1 MB a time
    assert (docs / "huge.txt").stat().st_size > 50_000_000
    from peelgraph.evaluate.testing import run_cli_measured

    args = ["build", str(docs), "--store", str(tmp_path / "s"), "-q", "-j", "1"]
    res, peak_kb = run_cli_measured(  # one process (-j 1): its peak is the build's
        args, tmp_path / "peak-kb.txt", capture_output=True, text=True
    )
    assert res.returncode == 1, res.stderr  # some files failed; the good one was built
    lines = [ln for ln in res.stderr.splitlines() if "huge.txt" in ln]
    assert len(lines) == 1 and "too much text for one document" in lines[0]
    assert len(open_store(tmp_path / "s").documents) == 1
    assert peak_kb is not None and peak_kb * 1024 < 50_000_000 * 4  # well under a few copies


def test_latin1_and_utf16_files_build_the_same_facts_as_utf8(seeds: Path, tmp_path: Path) -> None:
    text = (seeds / SEED_FILES[1]).read_text(encoding="utf-8")
    text = text.encode("latin-1", errors="ignore").decode("latin-1")  # only what Latin-1 holds
    facts: dict[str, set[tuple[str, ...]]] = {}  # (property, value): IRIs carry the checksum
    for enc in ("utf-8", "latin-1", "utf-16"):
        (tmp_path / f"page-{enc}.txt").write_bytes(text.encode(enc))
        assert build([tmp_path / f"page-{enc}.txt"], tmp_path / f"s-{enc}").ok
        rows = open_store(tmp_path / f"s-{enc}").ox.query(
            "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) "
            "FILTER(?p IN (<https://w3id.org/peelgraph/ontology#text>, "
            "<http://www.w3.org/ns/oa#exact>, <https://w3id.org/peelgraph/ontology#date>)) }"
        )
        facts[enc] = {(str(r[1]), str(r[2])) for r in rows}
    assert len(facts["utf-8"]) > 5
    assert facts["latin-1"] == facts["utf-8"] == facts["utf-16"]


# Building blocks of inspection documents, shuffled and mixed with noise: the extractors
# must keep every quote on its offsets whatever order and company the blocks come in.
BLOCKS = st.sampled_from(
    [
        "PEEL: Police effectiveness 2016\n",
        "An inspection of Gwent Police\n",
        "How effective is the force at tackling serious and organised crime?\n",
        "Gwent Police is judged to be inadequate at protecting vulnerable people.\n",
        "Areas for improvement\n",
        "• The force should improve how it maps organised crime groups.\n",
        "Cause of concern\n",
        "Recommendations\n",
        "In 2016, we identified, as an area for improvement, that the force should "
        "improve its local profiles. The force has not yet addressed this.\n",
        "The force works with the National Crime Agency and Cardiff University.\n",
        "[on]2nd March 2017 [status]complete[/status][/on]\n",
        "[on]31st February 2017 [status]in progress\n",
        "It uses Operation Argo and a multi-agency safeguarding hub (MASH).\n",
        "There were 12 OCGs per million population, compared with 20 in England and Wales.\n",
        "Victim satisfaction 84.2% (England and Wales 83.0%)\n",
        "\n",
    ]
)
DOCUMENTS = st.lists(st.one_of(BLOCKS, st.text(max_size=40)), min_size=1, max_size=25).map(
    lambda parts: "PEEL: Police effectiveness 2016\nGwent Police\n" + "".join(parts)
)


def _evidence(obj: object, seen: list) -> list:  # type: ignore[type-arg]
    from dataclasses import fields, is_dataclass

    from peelgraph.extract.facts import Evidence
    from peelgraph.ingest.document import Document

    if isinstance(obj, Evidence):
        seen.append(obj)
    elif isinstance(obj, tuple | list):
        for x in obj:
            _evidence(x, seen)
    elif is_dataclass(obj) and not isinstance(obj, Document):
        for f in fields(obj):
            _evidence(getattr(obj, f.name), seen)
    return seen


@settings(max_examples=60, deadline=None)
@given(DOCUMENTS)
def test_every_evidence_quote_round_trips_to_its_offsets(text: str) -> None:
    from peelgraph.errors import PeelgraphError
    from peelgraph.extract import extract

    doc = _doc(text)
    try:
        facts = extract(doc)
    except PeelgraphError:
        return  # a clear refusal (no force, say) is an allowed answer
    for ev in _evidence(facts, []):
        assert doc.text[ev.start : ev.end] == ev.quote
        s, e = doc.source_span(ev.start, ev.end)
        assert 0 <= s <= e <= len(doc.raw_text)


@settings(max_examples=10, deadline=None)
@given(DOCUMENTS)
def test_rebuilding_is_idempotent(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.txt"
        src.write_text(text, encoding="utf-8")
        first = build([src], Path(tmp) / "a")
        if not first.ok:
            return
        dump = open_store(Path(tmp) / "a").dump("nquads")
        build([src], Path(tmp) / "a", rebuild=True)
        assert open_store(Path(tmp) / "a").dump("nquads") == dump
        build([src], Path(tmp) / "b")
        assert open_store(Path(tmp) / "b").dump("nquads") == dump
