"""Implementation tracking: statuses with dates and evidence, typed links, permissions and validation (nothing
half-saved), the seed follow-ups, and the section on the decision detail (AppTest)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, select

import models
from models import AuditEntry, Decision, session_scope
from models.tables import DecisionLink, ImplementationEvent
from ratsradar import auth, bootstrap, profiles, tracking
from tests.factories import small_record
from tests.test_app import app, db_file, texts  # noqa: F401  (db_file is a fixture)


@pytest.fixture()
def eng(engine):
    with session_scope(engine) as s:
        small_record(s)
        auth.create_user(s, "koord", role="moderator", actor=auth.SYSTEM, password="correct-horse-battery",
                         scope=["Dortmund"])
        auth.create_user(s, "beitrag", role="contributor", actor=auth.SYSTEM, password="correct-horse-battery")
    return engine


def status_of(engine, uid):
    with Session(engine) as s:
        return s.exec(select(Decision).where(Decision.uid == uid)).one().implementation_status


def test_record_statuses_latest_by_date_wins(eng):
    assert tracking.record_status(eng, "DO-2022", "planned", user="koord", since=dt.date(2023, 1, 1)) == "planned"
    assert tracking.record_status(eng, "DO-2022", "done", user="koord", since=dt.date(2024, 3, 1),
                                  evidence="Stelle besetzt", evidence_url="https://example.org/x") == "done"
    # recorded later but dated earlier: the status stays "done"
    assert tracking.record_status(eng, "DO-2022", "in_progress", user="koord", since=dt.date(2023, 6, 1)) == "done"
    with Session(eng) as s:
        hist = tracking.history(session=s, uid="DO-2022")
        assert [e.status for e in hist] == ["planned", "in_progress", "done"]
        assert hist[-1].evidence == "Stelle besetzt" and hist[-1].recorded_by == "koord"
        assert len(s.exec(select(AuditEntry).where(AuditEntry.action == "implementation")).all()) == 3
        impl = profiles.implementation_status(session=s, f=profiles.Filters(municipalities=("Dortmund",)))
        assert dict(zip(impl["status"], impl["decisions"], strict=True)) == {"done": 1, "unknown": 2}


@pytest.mark.parametrize(("kwargs", "key"), [
    ({"status": "finished"}, "track.error.status"),
    ({"status": "done", "evidence_url": "javascript:alert(1)"}, "track.error.url"),
    ({"status": "done", "evidence": "x" * 5000}, "track.error.evidence_long"),
    ({"status": "done", "since": dt.date(2020, 1, 1)}, "track.error.before_decision"),
    ({"status": "done", "uid": "DRAFT-1"}, "track.error.unknown_decision"),
    ({"status": "done", "uid": "NOPE"}, "track.error.unknown_decision"),
])
def test_bad_input_saves_nothing(eng, kwargs, key):
    kwargs = dict(kwargs)
    uid = kwargs.pop("uid", "DO-2022")
    status = kwargs.pop("status")
    with pytest.raises(tracking.TrackingError) as err:
        tracking.record_status(eng, uid, status, user="koord", **kwargs)
    assert err.value.key == key
    with Session(eng) as s:
        assert s.exec(select(ImplementationEvent)).all() == []
    assert status_of(eng, "DO-2022") is None


@pytest.mark.parametrize(("user", "uid"), [(None, "DO-2022"), ("beitrag", "DO-2022"), ("koord", "M-2024")])
def test_only_moderators_in_scope_may_record(eng, user, uid):
    with pytest.raises(auth.PermissionDenied):
        tracking.record_status(eng, uid, "done", user=user)
    with pytest.raises(auth.PermissionDenied):
        tracking.link(eng, uid, "DO-2021", "follow_up", user=user)
    with Session(eng) as s:
        assert s.exec(select(ImplementationEvent)).all() == [] and s.exec(select(DecisionLink)).all() == []


def test_links_both_directions_and_validation(eng):
    tracking.link(eng, "DO-2022", "DO-2021", "follow_up", user="koord")
    tracking.link(eng, "DO-2022b", "DO-2022", "amendment", user="koord")
    with Session(eng) as s:
        out = tracking.links(session=s, uid="DO-2022")
        assert {(x.kind, x.direction, x.uid) for x in out} == {("follow_up", "out", "DO-2021"),
                                                               ("amendment", "in", "DO-2022b")}
        assert [u for u, _ in tracking.candidates(session=s, uid="DO-2022")][:2] == ["DO-2021", "DO-2022b"]
    for args, key in [(("DO-2022", "DO-2021", "follow_up"), "track.error.duplicate"),
                      (("DO-2022", "DO-2022", "reversal"), "track.error.self"),
                      (("DO-2022", "DO-2021", "merger"), "track.error.kind"),
                      (("DO-2022", "DRAFT-1", "reversal"), "track.error.unknown_decision")]:
        with pytest.raises(tracking.TrackingError) as err:
            tracking.link(eng, *args, user="koord")
        assert err.value.key == key
    tracking.unlink(eng, "DO-2022", "DO-2021", "follow_up", user="koord")
    with Session(eng) as s:
        assert len(tracking.links(session=s, uid="DO-2022")) == 1


def test_seed_followups_become_links_and_done(tmp_path):
    eng = models.make_engine(f"sqlite:///{tmp_path / 'seed.db'}")
    bootstrap.prepare(eng)
    bootstrap.prepare(eng)  # idempotent
    with Session(eng) as s:
        links = tracking.links(session=s, uid="DE-DO-2022-12-15")
        assert [(x.kind, x.direction, x.uid) for x in links] == [("follow_up", "in", "DE-DO-2024-03")]
        assert len(s.exec(select(DecisionLink)).all()) == 2  # Dortmund 2024 and Freiburg 2012
        hist = tracking.history(session=s, uid="DE-DO-2022-12-15")
        assert [(e.status, e.since) for e in hist] == [("done", dt.date(2024, 3, 1))]
        assert hist[0].evidence.startswith("DE-DO-2024-03")
        assert tracking.history(session=s, uid="DE-FR-2007-06-26") == []  # the Freiburg row is "adopted"
    assert status_of(eng, "DE-DO-2022-12-15") == "done"
    eng.dispose()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_detail_shows_status_and_history_to_visitors(db_file, lang):
    at = app("pages/decisions.py", lang=lang, id="DE-DO-2022-12-15")
    body = texts(at)
    assert ("umgesetzt" if lang == "de" else "done") in body
    assert ("Koordinatorinnen" if lang == "de" else "Coordinators (moderators)") in body
    assert not [f for f in at.get("form")]


def test_moderator_records_status_and_link(db_file):
    at = app("pages/decisions.py", user="koordinatorin", lang="en", id="DE-DO-2022-12-15")
    at.selectbox(key="rr_track_status").set_value("in_progress")
    at.text_area(key="rr_track_evidence").set_value("Team of three <b>staffed</b>")
    at.text_input(key="rr_track_url").set_value("https://example.org/report")
    at.date_input(key="rr_track_since").set_value(dt.date(2025, 1, 10))
    next(b for b in at.button if b.proto.label == "Save status").click().run()
    assert not at.exception
    assert status_of(models.make_engine(db_file), "DE-DO-2022-12-15") == "in_progress"
    assert "Team of three <b>staffed</b>" in at.dataframe[-1].value.to_string() or any(
        "Team of three" in df.value.to_string() for df in at.dataframe)
    at.selectbox(key="rr_track_kind").set_value("reversal")
    target = at.selectbox(key="rr_track_target")
    target.set_value(target.options[0])
    next(b for b in at.button if b.proto.label == "Link").click().run()
    assert not at.exception
    with Session(models.make_engine(db_file)) as s:
        assert len(s.exec(select(DecisionLink).where(DecisionLink.kind == "reversal")).all()) == 1
    # a bad URL: a clear message, nothing saved
    at.selectbox(key="rr_track_status").set_value("stalled")
    at.text_input(key="rr_track_url").set_value("ftp://x")
    next(b for b in at.button if b.proto.label == "Save status").click().run()
    assert "The evidence link must start with http:// or https://. Nothing was saved." in [e.value for e in at.error]
    assert status_of(models.make_engine(db_file), "DE-DO-2022-12-15") == "in_progress"
