"""The filter state of the dashboard and decision table, and its round trip through URL query parameters.

A copied link reproduces the exact view: ``to_query`` writes the state, ``from_query`` reads it back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

from ratsradar.vocab import DOCUMENT_TYPES, LEVELS, OUTCOMES, taxonomy


@dataclass(frozen=True, slots=True)
class Filters:
    municipalities: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    categories: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    document_types: tuple[str, ...] = ()
    text: str = ""

    def is_empty(self) -> bool:
        return self == Filters()


# URL parameter name of each field (short, stable: shared links depend on them)
PARAMS = {
    "municipalities": "city", "states": "state", "levels": "level", "year_from": "from", "year_to": "to",
    "categories": "cat", "outcomes": "outcome", "document_types": "type", "text": "q",
}


def to_query(f: Filters) -> dict[str, list[str]]:
    """Query parameters for a filter state (empty fields are left out)."""
    out: dict[str, list[str]] = {}
    for fld in fields(Filters):
        value = getattr(f, fld.name)
        key = PARAMS[fld.name]
        if isinstance(value, tuple):
            if value:
                out[key] = list(value)
        elif value not in (None, ""):
            out[key] = [str(value)]
    return out


def _year(values: Sequence[str]) -> int | None:
    for v in values:
        try:
            y = int(v)
        except ValueError:
            continue
        if 1900 <= y <= 2100:
            return y
    return None


def from_query(params: Mapping[str, Sequence[str] | str]) -> Filters:
    """Read a filter state from query parameters; unknown ids and malformed values are ignored."""

    def get(key: str) -> list[str]:
        raw = params.get(key, [])
        values = [raw] if isinstance(raw, str) else list(raw)
        out: list[str] = []
        for v in values:
            out.extend(p for p in (s.strip() for s in v.split("|")) if p) if "|" in v else (
                out.append(v.strip()) if v.strip() else None)
        return out

    def keep(values: list[str], allowed: Sequence[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v for v in values if v in allowed))

    year_from = _year(get("from"))
    year_to = _year(get("to"))
    if year_from and year_to and year_from > year_to:
        year_from, year_to = year_to, year_from
    return Filters(
        municipalities=tuple(dict.fromkeys(get("city"))),
        states=tuple(dict.fromkeys(get("state"))),
        levels=keep(get("level"), tuple(LEVELS)),
        year_from=year_from,
        year_to=year_to,
        categories=keep(get("cat"), taxonomy().ids),
        outcomes=keep(get("outcome"), tuple(OUTCOMES)),
        document_types=keep(get("type"), tuple(DOCUMENT_TYPES)),
        text=" ".join(get("q"))[:200],
    )
