"""The benchmark corpus generator (benchmarks/corpus): deterministic, in every form, and
its manifest in the reference tables' own words, so the benchmark compares like with like.

The last test reads one generated document of each form with the real extractor
and scores it against the manifest, with floors as measured: a form the
extractor stops reading shows here before it shows in a benchmark run.
"""

from __future__ import annotations

import sys
from itertools import islice
from pathlib import Path

import pytest

from peelgraph.reference import forces, kinds, peel, questions

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from corpus import DocSpec, generate
from corpus.check import compare, read_facts
from corpus.history import corpus_documents

FORMS = {
    "pillar-report-2014", "pillar-report", "integrated-report-2018", "five-point-report-2021",
    "five-point-report-2023", "force-page-2014", "force-summary-page", "pillar-page-effectiveness",
    "force-page-2018", "force-recommendation-page", "force-recommendation-page-rendered",
    "register-entry", "chief-constable-letter", "commissioner-statement",
    "commissioner-statement-dated-only", "commissioner-index", "inspectorate-press-release",
    "inspectorate-press-releases", "national-grades-table", "national-grades-table-questions",
}  # fmt: skip


@pytest.fixture(scope="module")
def everything() -> list[tuple[DocSpec, str, str]]:
    return list(corpus_documents(7))


def test_generation_is_deterministic(everything) -> None:
    n = 300
    again = list(islice(corpus_documents(7), n))
    assert [(s, t) for s, t, _ in again] == [(s, t) for s, t, _ in everything[:n]]
    other = [t for _, t, _ in islice(corpus_documents(8), n)]
    assert other != [t for _, t, _ in everything[:n]]


def test_every_form_is_written(everything) -> None:
    forms = {s.form for s, _, _ in everything}
    assert forms >= FORMS
    assert any(f.startswith("national-recommendation-page-never") for f in forms)
    assert any(f.endswith("-rendered") for f in forms) and any(f.endswith("-cut") for f in forms)
    assert len({s.file for s, _, _ in everything}) == len(everything)


def test_manifest_speaks_the_reference_vocabulary(everything) -> None:
    for spec, _, _ in everything:
        assert spec.kind in kinds.DOCUMENT_KINDS
        assert spec.scope in {"force", "national", "unknown"}
        assert (spec.force is None) == (spec.scope != "force"), spec.file
        assert spec.force is None or spec.force in forces.BY_SLUG
        assert spec.year_label == peel.year_label(spec.year or 0), spec.file
        for force, year, question, grade, by, last in spec.judgements:
            assert force in forces.BY_SLUG and question in questions.BY_TOKEN, spec.file
            assert grade in peel.scheme_for(int(year)).grades, (spec.file, grade)
            assert by in kinds.REPORTER_LABELS and int(last) <= int(year)
        for ftype, scope in spec.findings:
            assert ftype in kinds.FINDING_TYPES and scope in {"force", "national"}


def test_a_page_and_its_report_give_the_same_grades(everything) -> None:
    """Grades are the world's, not the document's: every document giving one agrees."""
    seen: dict[tuple[str, int, str], str] = {}
    for spec, _, _ in everything:
        for force, year, question, grade, _, last in spec.judgements:
            if grade == "Ungraded" or last != year:
                continue
            assert seen.setdefault((str(force), int(year), str(question)), str(grade)) == grade


def test_generate_writes_the_manifest_it_returns(tmp_path: Path) -> None:
    specs = generate(tmp_path, 1, quiet=True)
    assert 10 <= len(specs) <= 25
    assert all((tmp_path / s.file).is_file() for s in specs)
    assert generate(tmp_path, 1, quiet=True) == specs  # cached by its stamp


def test_extraction_reads_one_document_of_each_form(everything, tmp_path: Path) -> None:
    from peelgraph.extract import extract
    from peelgraph.ingest.read import ingest

    firsts: dict[str, tuple[DocSpec, str, str]] = {}
    for doc in everything:
        if doc[2] != "pdf":  # PDFs are the ingest's business, and slow to write
            firsts.setdefault(doc[0].form, doc)
    reads = {}
    for spec, text, _media in firsts.values():
        path = tmp_path / spec.file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        reads[spec.file] = read_facts(extract(ingest(path)))
    result = compare([d[0] for d in firsts.values()], reads)
    assert result["kind_accuracy"] == 1.0 and result["year_accuracy"] == 1.0
    assert result["force_accuracy"] >= 0.9, result["misses"]
    assert result["judgements"]["precision"] >= 0.99, result["misses"]
    assert result["judgements"]["recall"] >= 0.9, result["misses"]
    assert result["findings"]["f1"] >= 0.95, result["misses"]
