"""A document's public address as ``dcterms:source`` (issue 26): an HTML page's canonical
link or og:url, a PDF's metadata, or an index given to ``build --index``; shown with every
quote (``query evidence``). Invented documents only."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from peelgraph.evaluate.testing import run_cli
from peelgraph.ingest.address import as_address, pdf_address, read_index
from peelgraph.ingest.read import ingest

_PAGE = (
    "<html><head><title>Northshire</title>{head}</head><body><h1>Kent Police PEEL 2016</h1>"
    "<p>The force is good at preventing crime.</p></body></html>"
)


def _html(tmp_path: Path, head: str) -> Path:
    p = tmp_path / "page.html"
    p.write_text(_PAGE.format(head=head), encoding="utf-8")
    return p


def test_html_canonical_link_before_og_url(tmp_path: Path) -> None:
    both = (
        '<meta property="og:url" content="https://example.org/og">'
        '<link rel="canonical" href="https://example.org/canonical">'
    )
    assert ingest(_html(tmp_path, both)).address == "https://example.org/canonical"
    og = '<meta property="og:url" content="https://example.org/og" />'
    assert ingest(_html(tmp_path, og)).address == "https://example.org/og"
    # A relative or non-web address is no address; the head stays out of the text.
    doc = ingest(_html(tmp_path, '<link rel="canonical" href="/peel/kent">'))
    assert doc.address is None and "Northshire" not in doc.text


def test_pdf_metadata_address(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 10, "Kent Police PEEL 2016: the force is good at preventing crime.")
    pdf.set_subject("https://example.org/reports/kent-2016.pdf")
    path = tmp_path / "report.pdf"
    pdf.output(str(path))
    assert ingest(path).address == "https://example.org/reports/kent-2016.pdf"
    # A dedicated info entry and XMP's dc:source, read from the bytes.
    assert pdf_address(b"<< /URL (https://example.org/a) >>") == "https://example.org/a"
    xmp = b"<dc:source>https://example.org/b</dc:source>"
    assert pdf_address(xmp) == "https://example.org/b"
    assert pdf_address(b"<< /Subject (Not an address) >>", {"Subject": "PEEL 2016"}) is None


def test_index_as_markdown_and_csv(tmp_path: Path) -> None:
    md = tmp_path / "INDEX.md"
    md.write_text(
        "# Documents\n\n| a | b |\n|---|---|\n| x | y |\n\n"
        "| file | kind | address |\n|---|---|---|\n"
        "| one.txt | report | https://example.org/one |\n"
        "| docs/two.txt | page | https://example.org/two/? |\n"
        "| three.txt | page | ? |\n",
        encoding="utf-8",
    )
    assert read_index(md) == {
        "one.txt": "https://example.org/one",
        "two.txt": "https://example.org/two/?",
    }
    csv_file = tmp_path / "index.csv"
    csv_file.write_text("File,URL\none.txt, https://example.org/one\n", encoding="utf-8")
    assert read_index(csv_file) == {"one.txt": "https://example.org/one"}
    assert as_address("ftp://example.org/x") is None


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # A bare environment: what the command prints depends on nothing of this shell's.
    return run_cli(*args, cwd=cwd, env={"PATH": "/usr/bin:/bin", "COLUMNS": "200"})


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("indexed")
    docs = work / "docs"
    docs.mkdir()
    (docs / "kent.txt").write_text(
        "Kent Police PEEL 2017\n\nEffectiveness\n\nOverall effectiveness 2017 Good\n",
        encoding="utf-8",
    )
    (work / "INDEX.md").write_text(
        "| file | address |\n|---|---|\n| kent.txt | https://example.org/peel/kent-2017 |\n",
        encoding="utf-8",
    )
    res = _cli("build", "docs", "--index", "INDEX.md", "-q", "-j", "1", cwd=work)
    assert res.returncode == 0, res.stderr
    return work


def _addresses(work: Path) -> list[str]:
    import csv
    import io

    node = "node=id:inspection/kent/peel-effectiveness/2017/judgement/overall"
    res = _cli("query", "evidence", "--param", node, "--format", "csv", cwd=work)
    assert res.returncode == 0, res.stderr
    return [r["address"] for r in csv.DictReader(io.StringIO(res.stdout))]


def test_build_index_gives_every_quote_its_address(indexed: Path) -> None:
    assert _addresses(indexed) == ["https://example.org/peel/kent-2017"]


def test_a_new_index_rebuilds_an_unchanged_document(indexed: Path) -> None:
    (indexed / "INDEX.md").write_text(
        "| file | address |\n|---|---|\n| kent.txt | https://example.org/peel/kent |\n",
        encoding="utf-8",
    )
    res = _cli("build", "docs", "--index", "INDEX.md", cwd=indexed)
    assert res.returncode == 0, res.stderr
    assert "unchanged" not in res.stdout  # its address changed: built again
    assert _addresses(indexed) == ["https://example.org/peel/kent"]


def test_bad_index_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("Kent Police PEEL 2017\n", encoding="utf-8")
    (tmp_path / "INDEX.md").write_text("| a | b |\n|---|---|\n| x | y |\n", encoding="utf-8")
    res = _cli("build", "doc.txt", "--index", "INDEX.md", cwd=tmp_path)
    assert res.returncode == 2
    assert res.stderr.startswith("Error: INDEX.md: no table with a file column")
    assert "Traceback" not in res.stderr
