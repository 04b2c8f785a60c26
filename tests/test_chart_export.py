"""Charts as PNG and SVG through kaleido with the system Chromium, each with a source line (link and date);
the download buttons on the dashboard and the places page."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from ratsradar import chart_export, charts
from tests.test_app import app, db_file  # noqa: F401  (db_file is a fixture)

@pytest.fixture(autouse=True, scope="module")
def _stop_kaleido():
    """One headless Chromium serves this module's images; it is stopped at the end, not kept by the worker."""
    yield
    chart_export._stop()


DF = pd.DataFrame({"municipality": ["Dortmund", "Dortmund", "München"], "year": [2021, 2022, 2022],
                   "category": ["strategy", "public_code", "migration"], "measures": [2, 1, 3]})


def test_source_line_names_link_and_date():
    fig = charts.measures_by_year(DF, "de")
    out = chart_export.with_source(fig, "de", link="https://rr.example/dashboard?city=Dortmund",
                                   today=dt.date(2026, 1, 5))
    texts = [a.text for a in out.layout.annotations]
    assert texts == ["Quelle: Ratsradar – veröffentlichte Beschlüsse mit Belegen · 05.01.2026 · "
                     "https://rr.example/dashboard?city=Dortmund"]
    assert [a.text for a in fig.layout.annotations][0].startswith("Quelle")  # the original is unchanged


def test_unknown_format():
    with pytest.raises(ValueError):
        chart_export.to_image(charts.measures_by_year(DF, "en"), "gif", "en")


@pytest.mark.skipif(not chart_export.available(), reason="kaleido or Chromium missing")
def test_png_and_svg_with_the_system_chromium():
    fig = charts.measures_by_year(DF, "en")
    png = chart_export.to_image(fig, "png", "en", link="https://rr.example/dashboard")
    svg = chart_export.to_image(fig, "svg", "en", link="https://rr.example/dashboard")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    text = svg.decode("utf-8")
    assert text.lstrip().startswith("<svg") and "Measures per year, by category" in text
    assert "Source: Ratsradar" in text and "https://rr.example/dashboard" in text


@pytest.mark.skipif(not chart_export.available(), reason="kaleido or Chromium missing")
@pytest.mark.parametrize("lang", ["de", "en"])
def test_dashboard_offers_chart_downloads(db_file, lang):
    at = app("pages/dashboard.py", lang=lang)
    download = ":material/download: " + ("Grafik herunterladen" if lang == "de" else "Download chart")
    # the open tab's charts only: two on the first tab, one each on the heatmap and timeline tabs
    assert [p.proto.popover.label for p in at.get("popover")].count(download) == 2
    for tab in (("Orte × Jahre", "Zeitleiste") if lang == "de" else ("Places × years", "Timeline")):
        at.session_state["tab"] = tab
        at.run()
        assert [p.proto.popover.label for p in at.get("popover")].count(download) == 1, tab
    assert {"PNG", "SVG"} <= {b.proto.label for b in at.get("download_button")}
