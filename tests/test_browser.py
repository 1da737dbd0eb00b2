"""The query page in headless Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM_ARGS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)"
)


@pytest.fixture(scope="module")
def page_url(endpoint: str) -> str:
    return endpoint + "/"


def test_page_runs_the_trace_query_for_gloucestershire(page_url: str) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(page_url)
            page.wait_for_selector("#saved option[value=trace]", state="attached")
            page.select_option("#saved", "trace")
            page.fill("#params input[name=force]", "Gloucestershire")
            page.fill("#params input[name=question]", "serious-organised-crime")
            page.click("#run")
            page.wait_for_selector("#table")
            text = page.inner_text("#table")
            rows = page.locator("#table tr").count() - 1
            circles = page.locator("#picture circle").count()
            page.screenshot(path=str(ARTIFACTS / "query-page.png"), full_page=False)
            # A CONSTRUCT result is drawn as a graph too.
            page.select_option("#saved", "")
            page.fill(
                "#query",
                "CONSTRUCT { ?c <https://w3id.org/peelgraph/ontology#hasRecommendation> ?r } "
                "WHERE { ?c <https://w3id.org/peelgraph/ontology#hasRecommendation> ?r }",
            )
            page.click("#run")
            page.wait_for_selector("#picture line")
            construct_edges = page.locator("#picture line").count()
        finally:
            browser.close()
    assert rows >= 20 and circles == rows
    assert construct_edges == 6
    for expected in (
        "Cause of concern",
        "Recommendation",
        "Complete",
        "Requires improvement",
        "Response disputes",
    ):
        assert expected in text


def test_html_view_of_the_lineage_finds_the_cause_of_concern(built_store, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    from peelgraph.views import to_networkx, write_view

    html = tmp_path / "lineage.html"
    html.write_bytes(write_view(to_networkx(built_store, "lineage"), "html"))
    assert b"http://" not in html.read_bytes().replace(b"http://www.w3.org", b"")  # nothing fetched
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(html.as_uri())
            page.wait_for_selector("body[data-ready='1']")
            page.fill("#search", "cause of concern to HMIC that Gloucestershire")
            found = page.inner_text("#found")
            info = page.inner_text("#info")
            hits = page.evaluate("peel.cy.nodes('.hit').length")
            page.screenshot(path=str(ARTIFACTS / "lineage-view.png"))
        finally:
            browser.close()
    assert found == "1 found" and hits == 1
    assert "Cause of concern" in info and "essential processes" in info
