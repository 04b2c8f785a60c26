"""Dates as councils write them: ``15.12.2022``, ``15. Dezember 2022``, ``26 October 2018``,
``October 26, 2018``, ``the 5th day of June, 2023``, ``2022-12-15``, ``23.9.08`` (two-digit years: 00-69 -> 2000s,
70-99 -> 1900s)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS: dict[str, int] = {
    # German (incl. Austrian and abbreviated forms)
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feber": 2, "feb": 2, "märz": 3, "maerz": 3, "mär": 3,
    "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
    # English
    "january": 1, "february": 2, "march": 3, "mar": 3, "may": 5, "june": 6, "july": 7, "october": 10,
    "oct": 10, "december": 12, "dec": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))

# A line break the text layer lost glues the time of the next line to the year ("17. Nov 202218:30"): a four-digit
# year followed by digits and a colon ends before the time.
_YEAR_END = r"(?:(?!\d)|(?=\d{1,2}:\d{2}(?!\d)))"
_NUMERIC = re.compile(rf"(?<![\d.])(\d{{1,2}})\.\s?(\d{{1,2}})\.\s?((?:19|20)\d{{2}}{_YEAR_END}|\d{{4}}(?!\d)|\d{{2}}(?!\d))")
# OCR reads the second dot as a comma now and then ("23. 9, 2008"): accepted with a four-digit year.
_NUMERIC_OCR = re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2}),\s?((?:19|20)\d{2})(?!\d)")
_NAMED = re.compile(
    rf"(?<![\d.])(\d{{1,2}})(?:\.|er)?\s*(?:de\s+)?({_MONTH_ALT})\.?\s+(\d{{4}}){_YEAR_END}", re.IGNORECASE
)
# ... and the dot after the day of a named date as a comma ("am 30, Januar 2012"): accepted with a four-digit year.
_NAMED_OCR = re.compile(rf"(?<![\d.])(\d{{1,2}}),\s?({_MONTH_ALT})\.?\s+((?:19|20)\d{{2}})(?!\d)", re.IGNORECASE)
# ... and "May-24-16", "Jun-01-2020" (printouts of US record systems: month, day, year with dashes)
_MONTH_FIRST = re.compile(
    rf"\b({_MONTH_ALT})(?:\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})|-(\d{{1,2}})-(\d{{4}}|\d{{2}}))(?!\d)", re.IGNORECASE
)
# "this 5th day of June, 2023", "the 1st day of March 2021": the formula of English resolutions and ordinances
_DAY_OF = re.compile(rf"(?<![\d.])(\d{{1,2}})(?:st|nd|rd|th)?\s+day\s+of\s+({_MONTH_ALT}),?\s+(\d{{4}})(?!\d)", re.IGNORECASE)
_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")

MIN_YEAR, MAX_YEAR = 1949, 2100


@dataclass(frozen=True, slots=True)
class FoundDate:
    date: dt.date
    start: int
    end: int


def _make(year: int, month: int, day: int) -> dt.date | None:
    if year < 100:
        year += 2000 if year < 70 else 1900
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[FoundDate]:
    """Every date in ``text`` in reading order (overlapping matches resolved in favour of the earlier one)."""
    found: list[FoundDate] = []
    for m in _NUMERIC.finditer(text):
        # "18:35 Uhr" is never matched (colon); "1.2.3" version strings fail the year check
        d = _make(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            found.append(FoundDate(d, m.start(), m.end()))
    for m in _NUMERIC_OCR.finditer(text):
        d = _make(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            found.append(FoundDate(d, m.start(), m.end()))
    for m in _NAMED.finditer(text):
        d = _make(int(m.group(3)), MONTHS[m.group(2).casefold()], int(m.group(1)))
        if d:
            found.append(FoundDate(d, m.start(), m.end()))
    for m in _NAMED_OCR.finditer(text):
        d = _make(int(m.group(3)), MONTHS[m.group(2).casefold()], int(m.group(1)))
        if d:
            found.append(FoundDate(d, m.start(), m.end()))
    for m in _MONTH_FIRST.finditer(text):
        day, year = (m.group(2), m.group(3)) if m.group(2) else (m.group(4), m.group(5))
        d = _make(int(year), MONTHS[m.group(1).casefold()], int(day))
        if d:
            found.append(FoundDate(d, m.start(), m.end()))
    for m in _DAY_OF.finditer(text):
        d = _make(int(m.group(3)), MONTHS[m.group(2).casefold()], int(m.group(1)))
        if d:
            found.append(FoundDate(d, m.start(), m.end()))
    for m in _ISO.finditer(text):
        d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append(FoundDate(d, m.start(), m.end()))
    found.sort(key=lambda f: (f.start, -f.end))
    out: list[FoundDate] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


def parse_date(text: str) -> dt.date | None:
    """The first date in ``text``, or None."""
    found = find_dates(text)
    return found[0].date if found else None
