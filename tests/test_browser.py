"""The query page and the lineage view in headless Chromium (Debian's package, driven by
Playwright), at 1400x1000 and 1000x800: each state is photographed, and checked through
element geometry (tests/geometry.js) for text cut off, off the edge or drawn over other
text, for year headings over the columns and for a legend.

Screenshots go to tests/artifacts/; with PEELGRAPH_UPDATE_DOCS=1 the ones the README shows
are also written to docs/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CHROMIUM_ARGS, ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
DOCS = ROOT / "docs"
GEOMETRY = (Path(__file__).resolve().parent / "geometry.js").read_text(encoding="utf-8")
SIZES = [(1400, 1000), (1000, 800)]
EDITOR = "peelEditor.state.doc.toString()"
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)"
)
# The screenshots the README shows (name in tests/artifacts -> name in docs/).
README_SHOTS = {
    "query-trace-1400x1000.png": "query-page-trace.png",
    "query-describe-1400x1000.png": "query-page-describe.png",
    "query-failed-1000x800.png": "query-page-failed.png",
    "lineage-seeds-1400x1000.png": "lineage-view-seeds.png",
    "lineage-10pct-1400x1000.png": "lineage-view-10pct.png",
    # tests/test_surfaces2_views.py's
    "national-1400x1000.png": "query-page-national.png",
    "force-gwent-1400x1000.png": "force-view-gwent.png",
    "entities-1400x1000.png": "entities-view-seeds.png",
}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", *CHROMIUM_ARGS])
        yield b
        b.close()


def _page(browser: Any, size: tuple[int, int], origin: str) -> tuple[Any, list[str]]:
    """A page that records any request that does not start with ``origin``."""
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    outside: list[str] = []

    def watch(request: Any) -> None:
        url = request.url
        if not url.startswith(("blob:", "data:", origin)):
            outside.append(url)

    page.on("request", watch)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors  # type: ignore[attr-defined]
    return page, outside


def _shot(page: Any, name: str) -> dict[str, Any]:
    """Photograph the page and check its geometry; returns what the checks found."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(150)  # let cytoscape.js draw
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=False)
    if os.environ.get("PEELGRAPH_UPDATE_DOCS") == "1" and name in README_SHOTS:
        DOCS.mkdir(exist_ok=True)
        shutil.copyfile(path, DOCS / README_SHOTS[name])
    found = page.evaluate(GEOMETRY)
    assert not page.errors, page.errors
    assert found["problems"] == [], (name, found["problems"][:10])
    return found


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_query_page(browser: Any, endpoint: str, size: tuple[int, int]) -> None:
    tag = f"{size[0]}x{size[1]}"
    page, outside = _page(browser, size, endpoint)
    page.goto(endpoint + "/")
    page.wait_for_selector("#saved option[value=trace]", state="attached")

    # A saved query chosen: its SPARQL in the editor, its parameters as fields.
    page.select_option("#saved", "trace")
    editor = page.evaluate(EDITOR)
    saved = (ROOT / "queries" / "trace.rq").read_text(encoding="utf-8")
    assert editor == saved  # the saved query's whole text, header and SPARQL
    assert page.locator("#params input[name=force]").count() == 1
    _shot(page, f"query-saved-{tag}.png")

    # Run: the timeline picture has a heading per year and a legend; the table fits.
    page.fill("#params input[name=force]", "Gloucestershire")
    page.fill("#params input[name=question]", "serious-organised-crime")
    page.click("#run")
    page.wait_for_selector("#table")
    trace = _shot(page, f"query-trace-{tag}.png")
    assert trace["years"] == ["2015", "2016", "2017", "2018"]
    assert trace["legend"] >= 5 and trace["canvas"]["nodes"] >= 30
    assert trace["canvas"]["labels"] == trace["canvas"]["nodes"]  # every entry readable
    text = page.inner_text("#results")
    for expected in ("Cause of concern", "Recommendation", "Response disputes", "2018-05-03"):
        assert expected in text
    assert page.evaluate("document.querySelector('#table').scrollWidth") <= page.evaluate(
        "document.querySelector('#results').clientWidth"
    )
    # A quote that repeats its finding's text is not written again (issue 26).
    assert page.locator("#table td.same", has_text="(as text)").count() >= 5

    # An IRI described: a click on one in the table draws the resource and its properties.
    page.locator(
        "#table a", has_text="id:finding/gloucestershire/2016/cause-of-concern"
    ).first.click()
    # A selector, not wait_for_function: its polling evaluates a string, which the page's
    # Content-Security-Policy (no 'unsafe-eval') refuses.
    page.wait_for_selector("#status:has-text('triples')")
    assert "# What <https://w3id.org/peelgraph/id/finding/" in page.evaluate(EDITOR)
    described = _shot(page, f"query-describe-{tag}.png")
    assert described["canvas"]["labels"] >= 5
    assert "peel:hasRecommendation" in page.inner_text("#results")
    # What points at it too: the links and stances that take it up (issue 26).
    incoming = page.inner_text("#results")
    assert "peel:linkTo" in incoming and "peel:followsUp" in incoming

    # A failed query: the error, and nothing left of the previous answer.
    page.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.type("SELECT ?x WHERE { ?x peel:text ")
    page.click("#run")
    page.wait_for_selector("#error:not(:empty)")
    _shot(page, f"query-failed-{tag}.png")
    assert "malformed query" in page.inner_text("#error")
    assert page.locator("#table").count() == 0 and page.locator("#picture-box").is_hidden()
    assert "PREFIX peel: <https://w3id.org/peelgraph/ontology#>" in page.evaluate(EDITOR)
    assert outside == []
    page.close()


def test_query_page_pages_and_downloads_a_long_answer(browser: Any, endpoint: str) -> None:
    page, outside = _page(browser, SIZES[0], endpoint)
    page.goto(endpoint + "/")
    page.wait_for_selector("body[data-ready='1']")
    page.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.type("SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 130")
    page.click("#run")
    page.wait_for_selector("#table")
    assert page.locator("#table tbody tr").count() == 50
    assert "Page 1 of 3" in page.inner_text("#page-of")
    page.click("text=Next ▶")
    assert "rows 51–100 of 130" in page.inner_text("#page-of")
    with page.expect_download() as download:
        page.click("#downloads a:text('CSV')")
    import csv
    import io

    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert rows[0] == ["s", "p", "o"] and len(rows) == 131 and all(len(r) == 3 for r in rows)
    _shot(page, "query-pages-1400x1000.png")
    assert outside == []
    page.close()


def _lineage_html(store: Any, tmp: Path) -> Path:
    from peelgraph.export.views import to_networkx, write_view

    html = tmp / "lineage.html"
    html.write_bytes(write_view(to_networkx(store, "lineage"), "html"))
    return html


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_lineage_view_of_the_seeds(browser: Any, built_store, tmp_path: Path, size) -> None:
    uri = _lineage_html(built_store, tmp_path).as_uri()
    page, outside = _page(browser, size, uri)
    page.goto(uri)
    page.wait_for_selector("body[data-ready='1']")
    found = _shot(page, f"lineage-seeds-{size[0]}x{size[1]}.png")
    assert found["years"] == ["2014", "2015", "2016", "2017", "2018"]
    assert found["legend"] >= 8 and found["canvas"]["labels"] > 0
    # Filters: one force, one question; search; a node's evidence on click.
    page.select_option("#force", label="Gloucestershire Constabulary")
    page.select_option("#question", label="Tackling serious and organised crime")
    narrowed = _shot(page, f"lineage-seeds-filtered-{size[0]}x{size[1]}.png")
    assert 10 <= narrowed["canvas"]["nodes"] < found["canvas"]["nodes"]
    assert narrowed["canvas"]["labels"] == narrowed["canvas"]["nodes"]
    page.fill("#search", "cause of concern to HMIC that Gloucestershire")
    assert page.inner_text("#found") == "1 found"
    assert page.evaluate("peel.cy.nodes('.hit').length") == 1
    info = page.inner_text("#info")
    assert "Cause of concern" in info and "essential processes" in info
    assert "https://w3id.org/peelgraph/id/finding/gloucestershire/2016/cause-of-concern/" in info
    _shot(page, f"lineage-seeds-found-{size[0]}x{size[1]}.png")  # the IRI wraps inside the panel
    assert outside == []
    page.close()


@pytest.fixture(scope="module")
def corpus_view(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The lineage view of a 10 % synthetic corpus (benchmarks/corpus), built once."""
    from peelgraph.pipeline import build
    from peelgraph.store.embedded import open_store

    out = tmp_path_factory.mktemp("corpus10")
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "corpus"), "--scale", "10", "--out", str(out / "docs")],
        check=True, capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    report = build([out / "docs"], out / "store", jobs=2)
    assert report.ok, report.failures[:3]
    return _lineage_html(open_store(out / "store"), out)


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_lineage_view_of_a_tenth_of_the_country(browser: Any, corpus_view: Path, size) -> None:
    uri = corpus_view.as_uri()
    page, outside = _page(browser, size, uri)
    page.goto(uri)
    page.wait_for_selector("body[data-ready='1']")
    found = _shot(page, f"lineage-10pct-{size[0]}x{size[1]}.png")
    # A large graph opens narrowed to one force's busiest question, and says so.
    assert "filtered by a force, a question" in page.inner_text("#shown")
    # Its busiest question was asked in the four rounds of 2015-2018 (PEEL's questions
    # changed with its rounds); the whole country spans every round, 2014-2023.
    assert len(found["years"]) >= 4 and found["legend"] >= 8
    assert 20 <= found["canvas"]["nodes"] <= 300
    if size == SIZES[-1]:  # every force, in the narrower window: still nothing off the edge
        page.select_option("#force", "")
        page.select_option("#question", "")
        everything = _shot(page, f"lineage-10pct-all-{size[0]}x{size[1]}.png")
        assert everything["canvas"]["nodes"] > 1000 and len(everything["years"]) >= 7
    assert outside == []
    page.close()
