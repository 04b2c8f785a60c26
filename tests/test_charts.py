"""Chart builders are pure: assert on the figure data, not only that a figure exists."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ratsradar import charts

MEASURES = pd.DataFrame({
    "municipality": ["Dortmund", "Dortmund", "Dortmund", "München"],
    "year": [2021, 2022, 2022, 2024],
    "category": ["strategy", "strategy", "coordination_office", "coordination_office"],
    "measures": [1, 2, 1, 3],
})


def _traces(fig):
    return {tr.name: tr for tr in fig.data}


def test_measures_by_year_stacks_categories_and_fills_gap_years():
    fig = charts.measures_by_year(MEASURES, "en")
    assert fig.layout.barmode == "stack"
    tr = _traces(fig)
    assert set(tr) == {"Strategy & policy", "Coordination office"}
    assert list(tr["Strategy & policy"].x) == [2021, 2022, 2023, 2024]
    assert list(tr["Strategy & policy"].y) == [1, 2, 0, 0]
    assert list(tr["Coordination office"].y) == [0, 1, 0, 3]
    assert fig.layout.xaxis.title.text == "Year"
    assert "Source: Ratsradar" in fig.layout.annotations[0].text


def test_measures_by_year_german_labels():
    fig = charts.measures_by_year(MEASURES, "de")
    assert "Strategie & Leitlinien" in _traces(fig)
    assert fig.layout.title.text == "Maßnahmen pro Jahr, nach Kategorie"
    assert fig.layout.xaxis.title.text == "Jahr"


def test_measures_by_municipality_largest_on_top():
    fig = charts.measures_by_municipality(MEASURES, "en")
    tr = _traces(fig)
    assert list(tr["Coordination office"].y) == ["München", "Dortmund"]  # plotly draws the last row on top
    assert list(tr["Coordination office"].x) == [3, 1]
    assert list(tr["Strategy & policy"].x) == [0, 3]


def test_heatmap_grid_and_cell_text():
    df = pd.DataFrame({"municipality": ["Dortmund", "Dortmund", "München"], "year": [2021, 2023, 2023],
                       "decisions": [1, 2, 1]})
    fig = charts.heatmap(df, "en")
    hm = fig.data[0]
    assert list(hm.x) == ["2021", "2022", "2023"]
    assert list(hm.y) == ["München", "Dortmund"]
    assert [list(r) for r in hm.z] == [[0, 0, 1], [1, 0, 2]]
    assert [list(r) for r in hm.text] == [["", "", "1"], ["1", "", "2"]]


def test_map_points_and_sizes():
    df = pd.DataFrame({"municipality": ["Dortmund", "München"], "lat": [51.5, 48.1], "lon": [7.5, 11.6],
                       "decisions": [4, 1], "measures": [6, 1], "state": ["NRW", "Bayern"], "country": ["DE", "DE"],
                       "level": ["municipality"] * 2})
    fig = charts.decision_map(df, "de")
    sc = fig.data[0]
    assert list(sc.text) == ["Dortmund", "München"]  # both among the most active, so both named
    assert sc.marker.size[0] > sc.marker.size[1]
    assert [list(c) for c in sc.customdata] == [["Dortmund", 4, 6], ["München", 1, 1]]
    assert "Beschlüsse: %{customdata[1]}" in sc.hovertemplate and "Maßnahmen: %{customdata[2]}" in sc.hovertemplate


def test_map_of_many_places_sends_short_values_per_place():
    """A map of 2,000 places: each point carries its name and two counts for one hover template, coordinates
    to four decimals; no hover text per point."""
    n = 2000
    df = pd.DataFrame({"municipality": [f"Gemeinde {i:04d}" for i in range(n)],
                       "lat": [47.123456789 + i / 1000 for i in range(n)], "lon": [7.987654321] * n,
                       "decisions": [1 + i % 50 for i in range(n)], "measures": [i % 7 for i in range(n)],
                       "state": ["NRW"] * n, "country": ["DE"] * n, "level": ["municipality"] * n,
                       "category": ["strategy", "migration"] * (n // 2)})
    fig = charts.decision_map_coloured(df, "en")
    assert sum(len(tr.lat) for tr in fig.data) == n and all(tr.hovertext is None for tr in fig.data)
    assert all(round(x, 4) == x for tr in fig.data for x in tr.lat)
    assert len(fig.to_json()) < 150 * n  # was ~185 bytes a place with a hover text each
    labelled = [x for tr in fig.data for x in tr.text if x]
    assert len(labelled) == 10


def test_timeline_colours_by_outcome_and_marks_reversals():
    df = pd.DataFrame({"municipality": ["München", "Dortmund", "Köln"],
                       "date": [dt.date(2017, 11, 23), dt.date(2022, 12, 15), dt.date(2020, 1, 2)],
                       "outcome": ["adopted", "rejected", "adopted"], "title": ["Rückkehr", "Stelle", "Strategie"],
                       "reverses": [True, False, False]})
    fig = charts.timeline(df, "en")
    points = {(tr.name, y, tr.marker.symbol) for tr in fig.data for y in tr.y}
    assert points == {("adopted", "München", "x"), ("rejected", "Dortmund", "circle"), ("adopted", "Köln", "circle")}
    # one colour and one legend entry per outcome, whether its points reverse or not
    assert {tr.marker.color for tr in fig.data if tr.name == "adopted"} == {charts.OUTCOME_COLOURS["adopted"]}
    assert [tr.name for tr in fig.data if tr.showlegend is not False] == ["adopted", "rejected"]


def test_empty_frames_explain_themselves():
    for build, df in [(charts.measures_by_year, MEASURES.iloc[0:0]), (charts.heatmap, pd.DataFrame()),
                      (charts.decision_map, pd.DataFrame()), (charts.timeline, pd.DataFrame())]:
        fig = build(df, "en")
        assert len(fig.data) == 0
        assert any(a.text == "No data for this selection" for a in fig.layout.annotations)


def test_small_counts_do_not_repeat_tick_labels():
    """Regression: with at most two measures plotly put ticks at 0.5 steps, shown as "0 1 1 2 2" by the
    integer tick format (measures per place, place profile, comparison, coverage)."""
    df = pd.DataFrame({"municipality": ["Aachen", "Aachen"], "category": ["strategy", "procurement"],
                       "measures": [1, 1]})
    figs = [charts.measures_by_municipality(df, "en"),
            charts.category_bars(df.groupby("category", as_index=False)["measures"].sum().assign(reverses=0), "en")]
    axes = [figs[0].layout.xaxis, figs[1].layout.xaxis]
    cmp = charts.compare_bars(df.assign(per_100k=[0.5, 0.5]), "en")
    axes.append(cmp.layout.yaxis)
    cov = charts.coverage_by_state(pd.DataFrame({"state": ["Bayern"], "places": [2], "covered": [1]}), "en")
    axes.append(cov.layout.xaxis)
    for axis in axes:
        assert axis.dtick == 1 and axis.tickformat == "d"
    per_capita = charts.compare_bars(df.assign(per_100k=[0.5, 0.5]), "en", per_capita=True)
    assert per_capita.layout.yaxis.dtick is None  # rates keep their fractions
    many = pd.DataFrame({"municipality": ["Köln"], "category": ["strategy"], "measures": [40]})
    assert charts.measures_by_municipality(many, "en").layout.xaxis.dtick is None


def test_outcome_colours_can_be_told_apart():
    """"agreed" was drawn in nearly the green of "adopted" (#1B9E77 beside #009E73) on the timeline."""
    def rgb(h: str) -> tuple[int, ...]:
        return tuple(int(h[i:i + 2], 16) for i in (1, 3, 5))

    colours = list(charts.OUTCOME_COLOURS.values())
    closest = min(sum((a - b) ** 2 for a, b in zip(rgb(x), rgb(y), strict=True)) ** 0.5
                  for i, x in enumerate(colours) for y in colours[i + 1:])
    assert closest >= 60, closest
