"""Views (issue 26), photographed at 1400x1000 and 1000x800 in Debian's chromium and checked
through element geometry: the force view with partners and programmes by category beside the
years, the entities view by force, the lineage view with each node at its own date."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CHROMIUM_ARGS
from tests.test_browser import CHROMIUM, SIZES, _page, _shot

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", *CHROMIUM_ARGS])
        yield b
        b.close()


def _view(store: Any, tmp: Path, view: str, force: str | None = None) -> str:
    from peelgraph.export.views import to_networkx, write_view

    html = tmp / f"{view}.html"
    html.write_bytes(write_view(to_networkx(store, view, force=force), "html"))
    return html.as_uri()


def _open(browser: Any, uri: str, size: tuple[int, int]) -> tuple[Any, list[str]]:
    page, outside = _page(browser, size, uri)
    page.goto(uri)
    page.wait_for_selector("body[data-ready='1']")
    return page, outside


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_force_view_groups_partners_and_programmes(browser, built_store, tmp_path, size) -> None:
    page, outside = _open(browser, _view(built_store, tmp_path, "force", "gwent"), size)
    found = _shot(page, f"force-gwent-{size[0]}x{size[1]}.png")
    # Years, then the force's partners and programmes in columns of their own: no "undated".
    assert found["years"][-2:] == ["Partners", "Programmes"], found["years"]
    assert "undated" not in found["years"]
    assert all(y.isdigit() for y in found["years"][:-2])
    assert found["canvas"]["labels"] > 0
    # Within a column, by category: the categories of the Partners column never interleave.
    cats = page.evaluate(
        """peel.cy.nodes("[type = 'partner']").not('.hidden').sort((a, b) =>
             a.position('y') - b.position('y')).map((n) => n.data('category'))"""
    )
    assert cats and cats == sorted(cats, key=lambda c: cats.index(c))
    assert [c for i, c in enumerate(cats) if i == 0 or cats[i - 1] != c] == list(
        dict.fromkeys(cats)
    )
    assert outside == []
    page.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_entities_view_by_force(browser, built_store, tmp_path, size) -> None:
    page, outside = _open(browser, _view(built_store, tmp_path, "entities"), size)
    assert page.input_value("#layout") == "byforce"
    found = _shot(page, f"entities-{size[0]}x{size[1]}.png")
    # A column per force (by its short name), the organisations several forces name last.
    assert found["years"] == ["Avon and Somerset", "Gloucestershire", "Gwent", "Several forces"], (
        found["years"]
    )
    assert found["canvas"]["labels"] == found["canvas"]["nodes"]  # every one readable
    assert outside == []
    page.close()


def test_lineage_view_places_nodes_at_their_own_date(browser, built_store, tmp_path) -> None:
    page, _ = _open(browser, _view(built_store, tmp_path, "lineage"), SIZES[0])
    page.select_option("#force", label="Gloucestershire Constabulary")
    page.select_option("#question", label="Tackling serious and organised crime")
    _shot(page, "lineage-dated-1400x1000.png")
    column = page.evaluate(
        """(() => { const xs = {}; peel.cy.nodes().not('.hidden').forEach((n) => {
             xs[n.data('type') + '|' + n.data('year')] = true; }); return Object.keys(xs); })()"""
    )
    # The 2017 letter's disputes sit in 2017, status events and "addressed" notes in 2018.
    assert "dispute|2017" in column and "dispute|2016" not in column
    assert "status|2018" in column and "status|2017" in column
    assert "back-reference|2018" in column
    page.close()


@pytest.fixture(scope="module")
def national_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`peelgraph serve` on the invented national recommendation pages of
    tests/test_surfaces2_national.py."""
    import threading

    from peelgraph.pipeline import build
    from peelgraph.serve.app import ServerConfig, make_server
    from tests.test_surfaces2_national import PAGES

    docs = tmp_path_factory.mktemp("national-view-docs")
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    root = tmp_path_factory.mktemp("national-view") / ".peelgraph"
    assert build([docs], root, jobs=1).ok
    server = make_server(ServerConfig(root, port=0, timeout=5.0, max_rows=5000))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_national_view_on_the_query_page(browser, national_endpoint: str, size) -> None:
    page, outside = _page(browser, size, national_endpoint)
    page.goto(national_endpoint + "/")
    page.wait_for_selector("#saved option[value=national]", state="attached")
    page.select_option("#saved", "national")
    page.fill("#params input[name=topic]", "adopt the national missing children standard")
    page.click("#run")
    page.wait_for_selector("#table")
    found = _shot(page, f"national-{size[0]}x{size[1]}.png")
    # A column per latest status, complete first, the forces with no page last.
    assert found["years"] == ["Complete", "Being progressed", "No page in the store"]
    assert page.evaluate("peel.cy.nodes('[type = \"national-unnamed\"]').length") == 1
    assert page.evaluate("peel.cy.nodes('[type = \"national-complete\"]').length") == 1
    assert page.evaluate("peel.cy.nodes('[type = \"national-missing\"]').length") == 41
    assert found["legend"] >= 4
    assert outside == []
    page.close()
