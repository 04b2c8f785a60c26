"""Real-browser journey for journalists (Debian Chromium via Playwright): switch the language, filter to a city,
open a decision, copy its permanent link, open it in a fresh browser context and see the same view; download a
chart as PNG; click a place on the map to filter. Every page is also captured in both languages
(``tests/artifacts/explore-<page>-<lang>.png``) for a human to look at."""

from __future__ import annotations

import pytest

from ratsradar import chart_export
from tests.test_browser import (  # noqa: F401  (fixtures)
    STEP_MS, _new_page, browser, expect, open_app, page, server, settle, shown, snap,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PAGES = [("", "Ratsradar", "Ratsradar"),  # the dashboard is the default page, at /
         ("decisions", "Beschlüsse", "Decisions"),
         ("places", "Orte im Profil und im Vergleich", "Places: profile and comparison"),
         ("coverage", "Welche Städte fehlen noch?", "Which cities are still missing?"),
         ("about", "Über Ratsradar", "About Ratsradar"), ("upload", "Ratsdokumente hochladen", "Upload council documents")]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize(("path", "title_de", "title_en"), PAGES)
def test_every_page_in_both_languages(page, path, title_de, title_en, lang):
    open_app(page, f"/{path}?lang={lang}", title_de if lang == "de" else title_en)
    page.wait_for_timeout(1500)  # tables and charts draw after the script run
    snap(page, f"explore-{path or 'dashboard'}-{lang}")


def test_language_city_decision_link_fresh_context(page, browser, server):
    pg = page
    pg.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_app(pg, "/decisions?lang=de", "Beschlüsse")
    # switch the language in the sidebar: the URL keeps it
    pg.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    shown(pg, "Decisions")
    assert "lang=en" in pg.url
    # filter to a city with the sidebar's place filter
    box = pg.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text="Place").first
    box.click()
    pg.keyboard.type("Dortmund")
    pg.get_by_role("option", name="Dortmund", exact=True).click()
    pg.keyboard.press("Escape")
    pg.wait_for_url("**city=Dortmund**", timeout=STEP_MS)
    settle(pg)
    shown(pg, "4 decisions")
    # open the first decision: tick its row in the table (a canvas grid: click the row's checkbox cell)
    grid = pg.get_by_test_id("stDataFrame").first
    b = grid.bounding_box()
    pg.mouse.click(b["x"] + 18, b["y"] + 35 + 17)
    settle(pg)
    link_block = pg.get_by_test_id("stCode").filter(has_text="/decisions?id=").first
    expect(link_block).to_be_visible()
    link = link_block.inner_text().strip()
    # copy it with the code block's copy button, read it back from the clipboard
    link_block.hover()
    copy = link_block.get_by_role("button").first
    if copy.count():
        copy.click()
        copied = pg.evaluate("() => navigator.clipboard.readText()").strip()
        assert copied == link
    assert link.startswith(server["base"]) and "lang=en" in link
    title = pg.get_by_test_id("stMain").get_by_test_id("stHeading").filter(has_text="Koordinierungsstelle").first
    expect(title).to_be_visible()
    heading = title.inner_text().strip()
    snap(pg, "explore-journey-decision")
    # the same view in a fresh browser context (no cookies, a new Streamlit session)
    fresh = _new_page(browser, server["base"])
    try:
        open_app(fresh, link, heading)
        shown(fresh, "Cite this")
        expect(fresh.get_by_test_id("stCode").filter(has_text=link).first).to_be_visible()
        snap(fresh, "explore-journey-fresh-context")
    finally:
        fresh.context.close()


@pytest.mark.skipif(not chart_export.available(), reason="kaleido or Chromium missing")
def test_download_a_chart_as_png(page, tmp_path):
    pg = page
    open_app(pg, "/?lang=en&city=Dortmund", "Measures per year, by category")
    pg.get_by_test_id("stPopover").first.click()
    button = pg.get_by_test_id("stPopoverBody").get_by_role("button", name="PNG")
    with pg.expect_download(timeout=120_000) as info:
        button.click()
    path = tmp_path / "chart.png"
    info.value.save_as(path)
    assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and path.stat().st_size > 10_000
    assert info.value.suggested_filename == "ratsradar-measures-by-year.png"


def test_click_a_place_on_the_map_filters(page):
    pg = page
    open_app(pg, "/?lang=en", "Measures per year, by category")
    pg.get_by_role("tab", name="Map").click()
    points = pg.locator("g.scattergeo path.point")
    expect(points.first).to_be_visible(timeout=STEP_MS)
    b = points.first.bounding_box()
    pg.mouse.click(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2)
    pg.wait_for_url("**city=*", timeout=STEP_MS)
    settle(pg)
    assert "city=" in pg.url
    snap(pg, "explore-map-click")
