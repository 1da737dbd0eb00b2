from __future__ import annotations

import random
from pathlib import Path

import pytest

from peelgraph.errors import InputError
from peelgraph.evaluate.testing import make_pdf
from peelgraph.ingest.read import clean_text, collect_inputs, ingest
from tests.conftest import AVON_2015, GWENT_2017, SEED_FILES


@pytest.mark.parametrize("name", SEED_FILES)
def test_every_cleaned_char_maps_back_to_the_same_raw_char(seeds: Path, name: str) -> None:
    doc = ingest(seeds / name)
    rng = random.Random(0)
    for _ in range(300):
        a = rng.randrange(0, len(doc.text) - 1)
        b = min(len(doc.text), a + rng.randrange(1, 40))
        ra, rb = doc.source_span(a, b)
        assert doc.raw_text[ra] == doc.text[a]
        assert doc.raw_text[rb - 1] == doc.text[b - 1]


def test_artefacts_are_removed() -> None:
    raw = "Skip to content\n## **Areas for improvement**\nText<sup>12</sup> here \\* and ¹ [site](http://x.y/z)"
    text, _ = clean_text(raw)
    assert "Skip to content" not in text
    assert "<sup>" not in text and "**" not in text and "#" not in text
    assert "Areas for improvement" in text
    assert "Text here * and  site" in text


def test_markdown_seed_loses_its_markup(seeds: Path) -> None:
    doc = ingest(seeds / GWENT_2017)
    assert "**338**" in doc.raw_text
    assert "Gwent Police\n\n338" in doc.text
    assert "<sup>" not in doc.text


def test_checksum_identifies_content(seeds: Path, tmp_path: Path) -> None:
    copy = tmp_path / "renamed.txt"
    copy.write_bytes((seeds / AVON_2015).read_bytes())
    assert ingest(copy).doc_id == ingest(seeds / AVON_2015).doc_id


def test_pdf_pages_come_out_right(seeds: Path, tmp_path: Path) -> None:
    text = (seeds / AVON_2015).read_text(encoding="utf-8")
    source_lines = text.split("\n")[:400]
    pdf = tmp_path / "avon.pdf"
    page_of = make_pdf(pdf, "\n".join(source_lines))
    doc = ingest(pdf)
    assert doc.media_type == "application/pdf"
    assert [p.number for p in doc.pages] == list(range(1, max(page_of) + 1))
    assert len(doc.pages) >= 3
    checked = 0
    for line, page in zip(source_lines, page_of, strict=True):
        probe = line.strip()[:50]
        if len(probe) < 30 or doc.text.count(probe) != 1:
            continue
        pos = doc.text.index(probe)
        assert doc.page_at(pos) == page, probe
        ra, rb = doc.source_span(pos, pos + len(probe))
        assert doc.raw_text[ra:rb] == probe
        checked += 1
    assert checked > 20
    # The page numbers printed at each foot are furniture, not text.
    assert not any(
        ln.strip().isdigit() and int(ln) <= len(doc.pages) for ln in doc.text.split("\n")[-3:]
    )


def test_html_ingest_maps_back_to_source(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><script>var x = 1;</script><title>t</title></head><body>"
        "<nav>Skip</nav><h1>Gwent PEEL 2017</h1><p>Gwent Police &amp; partners</p>"
        "<ul><li>The force should act.</li></ul></body></html>",
        encoding="utf-8",
    )
    doc = ingest(page)
    assert "var x" not in doc.text
    assert "Gwent PEEL 2017" in doc.text
    assert "Gwent Police & partners" in doc.text
    pos = doc.text.index("The force should act.")
    ra, rb = doc.source_span(pos, pos + len("The force should act."))
    assert doc.raw_text[ra:rb] == "The force should act."


@pytest.mark.parametrize(
    ("content", "name", "problem"),
    [
        (b"", "empty.txt", "empty file"),
        (b"\x00\x01\x02binary\x00\x00", "blob.txt", "binary file"),
        (b"GIF89a not a pdf", "fake.pdf", "not a PDF"),
        (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "truncated.pdf", "unreadable PDF"),
    ],
)
def test_bad_files_get_a_clear_error(
    tmp_path: Path, content: bytes, name: str, problem: str
) -> None:
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(InputError) as info:
        ingest(p)
    assert problem in str(info.value)
    assert name in str(info.value)


def test_encodings(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Gwent Police – café".encode("cp1252"))
    assert "café" in ingest(latin).text
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("Gwent Police report".encode("utf-16"))
    assert "Gwent Police report" in ingest(utf16).text


def test_collect_inputs_expands_folders(seeds: Path) -> None:
    files = collect_inputs([seeds])
    assert [f.name for f in files] == sorted(SEED_FILES)


def test_the_artefact_scan_finds_what_its_forms_alone_find() -> None:
    """The pattern tries the characters artefacts start with first (for speed): it must
    find every artefact the forms themselves find, at the same spans."""
    import random
    import re

    from peelgraph.ingest.read import _ARTEFACT_FORMS, _ARTEFACTS, _artefact_spans

    forms = re.compile(f"(?im){_ARTEFACT_FORMS}")
    text = (
        "Skip to main content\n## Heading ##\nA note<sup>12</sup> and <b>bold</b>, **strong**, "
        "__under__, *em*, \\* [a link](https://example.org/x) \u00b3 \x0bcontrol\n---\n"
        "Gw\u200bent \ufeffſkip to content\n   ### Deep\n"
    )
    samples = [text]
    rnd = random.Random(5)
    alphabet = "ab sSſK\t\n<>/#*_\\![]()-.\u00b9\x01\x7f\u00ad\u200b\ufeff"
    samples += [
        "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(40))) for _ in range(3000)
    ]
    words = ["Skip to content", "SKIP TO MAIN CONTENT", "ſkip to content", "p to ", "\n", " "]
    samples += [
        "".join(rnd.choice([*alphabet, *words]) for _ in range(rnd.randrange(30)))
        for _ in range(2000)
    ]
    for sample in samples:
        assert [m.span() for m in _ARTEFACTS.finditer(sample)] == [
            m.span() for m in forms.finditer(sample)
        ], sample
        # Scanned with the forms that may match in it only (issue 24): the same spans.
        assert _artefact_spans(sample) == [m.span() for m in forms.finditer(sample)], sample
    assert len(list(_ARTEFACTS.finditer(text))) > 12
