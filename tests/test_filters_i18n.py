"""Filter state <-> URL query parameters, and the language helpers."""

from __future__ import annotations

import datetime as dt

from ratsradar.filters import Filters, from_query, to_query
from ratsradar.i18n import TEXTS, format_date, format_int, t


def test_round_trip():
    f = Filters(municipalities=("Dortmund", "München"), states=("Bayern",), levels=("municipality",),
                year_from=2018, year_to=2023, categories=("strategy",), outcomes=("adopted",),
                document_types=("proposal",), text="Open Source")
    q = to_query(f)
    assert q["city"] == ["Dortmund", "München"]
    assert q["from"] == ["2018"]
    assert from_query(q) == f


def test_empty_state_writes_nothing():
    assert to_query(Filters()) == {}
    assert from_query({}) == Filters()


def test_bad_values_are_ignored():
    f = from_query({"cat": ["strategy", "nonsense"], "from": ["20x"], "to": ["2020"], "outcome": ["<script>"],
                    "level": "state"})
    assert f.categories == ("strategy",)
    assert f.year_from is None and f.year_to == 2020
    assert f.outcomes == ()
    assert f.levels == ("state",)


def test_swapped_years_are_put_in_order():
    f = from_query({"from": ["2024"], "to": ["2019"]})
    assert (f.year_from, f.year_to) == (2019, 2024)


def test_every_text_has_both_languages():
    for key, (de, en) in TEXTS.items():
        assert de.strip() and en.strip(), key
        assert de.count("{") == en.count("{"), key


def test_t_falls_back_visibly_and_formats():
    assert t("no.such.key", "de") == "no.such.key"
    assert t("dec.count", "en", n=3) == "3 decisions"
    assert t("dec.count", "xx", n=3) == "3 Beschlüsse"  # unknown language -> German


def test_formats_per_language():
    d = dt.date(2022, 12, 15)
    assert format_date(d, "de") == "15.12.2022"
    assert format_date(d, "en") == "15 Dec 2022"
    assert format_date(d, "de", "month") == "Dezember 2022"
    assert format_date(d, "en", "year") == "2022"
    assert format_int(12345, "de") == "12.345"
    assert format_int(12345, "en") == "12,345"
