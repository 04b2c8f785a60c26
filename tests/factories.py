"""Small, deterministic records for query, chart and page tests (no PDF reading involved)."""

from __future__ import annotations

import datetime as dt
import itertools

from sqlmodel import Session, select

from models import Decision, DecisionSource, Measure, Municipality

_seq = itertools.count(1)


def municipality(session: Session, name: str, *, state: str | None = "Nordrhein-Westfalen", level: str = "municipality",
                 country: str = "DE", lat: float | None = 51.5, lon: float | None = 7.4,
                 population: int | None = 500_000) -> Municipality:
    row = session.exec(select(Municipality).where(Municipality.name == name, Municipality.level == level)).first()
    if row is None:
        row = Municipality(name=name, state=state, level=level, country=country, latitude=lat, longitude=lon,
                           population=population)
        session.add(row)
        session.flush()
    return row


def decision(session: Session, muni: Municipality, date: dt.date, categories: list[str], *,
             outcome: str = "adopted", status: str = "published", relevant: bool = True, title: str | None = None,
             document_type: str = "proposal", reverses: bool = False, uid: str | None = None,
             sources: list[str] | None = None) -> Decision:
    n = next(_seq)
    dec = Decision(uid=uid or f"T-{n}", municipality_id=muni.id, title=title or f"Beschluss {n}",
                   decision_date=date, year=date.year, outcome=outcome, review_status=status, relevant=relevant,
                   document_type=document_type, origin="seed", extraction_method="manual", body="Rat")
    session.add(dec)
    session.flush()
    for cat in categories:
        session.add(Measure(decision_id=dec.id, category=cat, direction="reverses" if reverses else "advances",
                            evidence=f"Beleg für {cat}", page=1))
    for i, url in enumerate(sources or []):
        session.add(DecisionSource(decision_id=dec.id, url=url, position=i))
    session.flush()
    return dec


def small_record(session: Session) -> None:
    """Dortmund 3 decisions (2021, 2022 x2), München 2 (2017 reverses, 2024), Berlin 1 (state, 2022),
    plus a draft and an irrelevant decision that must never be counted."""
    do = municipality(session, "Dortmund", lat=51.51, lon=7.47, population=588_462)
    mu = municipality(session, "München", state="Bayern", lat=48.14, lon=11.58, population=1_505_005)
    be = municipality(session, "Berlin", state="Berlin", level="state", lat=52.52, lon=13.41, population=3_426_354)
    decision(session, do, dt.date(2021, 2, 11), ["strategy", "public_code"], uid="DO-2021",
             sources=["https://example.org/do-2021"])
    decision(session, do, dt.date(2022, 12, 15), ["coordination_office", "strategy", "cooperation"], uid="DO-2022",
             title="Koordinierungsstelle Digitale Souveränität und Open Source")
    decision(session, do, dt.date(2022, 3, 1), ["review"], outcome="noted", uid="DO-2022b", document_type="report")
    decision(session, mu, dt.date(2017, 11, 23), ["migration"], reverses=True, uid="M-2017")
    decision(session, mu, dt.date(2024, 1, 15), ["coordination_office"], uid="M-2024")
    decision(session, be, dt.date(2022, 9, 8), ["strategy"], outcome="rejected", uid="BE-2022",
             document_type="motion")
    decision(session, do, dt.date(2023, 5, 5), ["migration"], status="draft", uid="DRAFT-1")
    decision(session, mu, dt.date(2023, 6, 6), [], relevant=False, uid="IRRELEVANT-1")
