"""The tables. Aligned with OParl 1.1: Municipality ~ Body, Document ~ File, Decision ~ Paper + AgendaItem.

Every stored fact keeps its provenance: the document (sha256) or source URLs it comes from, the page and
quote, how it was extracted and who reviewed it.
"""

from __future__ import annotations

import datetime as dt

from pydantic import NaiveDatetime
from sqlalchemy import Column, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> dt.datetime:
    """Now in UTC, stored without a zone (every timestamp in the database is UTC)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Municipality(SQLModel, table=True):
    """A council's territory, or the state, federal, European or foreign body around it (OParl Body)."""

    __table_args__ = (UniqueConstraint("name", "country", "level", name="uq_municipality_name_country_level"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    level: str = Field(default="municipality", index=True)
    state: str | None = Field(default=None, index=True)
    country: str = Field(default="DE")
    ags: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int | None = None
    geonameid: int | None = None


class Document(SQLModel, table=True):
    """An uploaded or imported PDF, stored once by its sha256 (OParl File)."""

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(unique=True, index=True, max_length=64)
    file_name: str
    size: int
    pages: int | None = None
    text: str | None = Field(default=None, sa_column=Column(Text))
    text_source: str | None = None  # text_layer | ocr | mixed
    stored_path: str | None = None  # relative to the runtime folder
    source_url: str | None = None
    licence: str | None = None
    uploaded_at: NaiveDatetime = Field(default_factory=utcnow)
    uploaded_by: str | None = None
    uploaded_by_user_id: int | None = Field(default=None, index=True)  # the account that uploaded it (User.id)
    extraction_json: str | None = Field(default=None, sa_column=Column(Text))  # the frozen record as extracted


class Decision(SQLModel, table=True):
    """One decision (or proposal to decide): a Paper with its authoritative AgendaItem."""

    __table_args__ = (
        Index("ix_decision_status_year", "review_status", "year"),
        # the covering indexes of the published record follow the class (they carry ``measure_count``)
        Index("ix_decision_published_date", "review_status", "relevant", "deleted_at", "decision_date"),
        Index("ix_decision_origin", "origin"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(unique=True, index=True)  # stable public id, e.g. DE-DO-2022-12-15 or doc-<sha8>-1
    municipality_id: int | None = Field(default=None, foreign_key="municipality.id", index=True)
    document_id: int | None = Field(default=None, foreign_key="document.id", index=True)
    item_number: int | None = None  # position of the agenda item in its document (1-based)
    body: str | None = None
    reference: str | None = None
    title: str | None = None
    title_is_placeholder: bool = False
    document_type: str | None = Field(default=None, index=True)
    decision_date: dt.date | None = Field(default=None, index=True)
    date_precision: str = "day"  # day | month | year
    year: int | None = Field(default=None, index=True)
    outcome: str = Field(default="unknown", index=True)
    votes_yes: int | None = None
    votes_no: int | None = None
    votes_abstain: int | None = None
    votes_text: str | None = None
    summary: str | None = Field(default=None, sa_column=Column(Text))
    relevant: bool = True
    review_status: str = Field(default="draft", index=True)  # draft | published | rejected
    implementation_status: str | None = None
    related_uid: str | None = None  # the decision this one follows up (e.g. implementation of)
    origin: str = "upload"  # upload | seed | import | synthetic
    extraction_method: str | None = None  # e.g. rules:text_layer, rules:ocr, seed:reference, manual
    page: int | None = None
    weak_note: str | None = Field(default=None, sa_column=Column(Text))
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    created_by: str | None = None
    reviewed_at: NaiveDatetime | None = None
    reviewed_by: str | None = None
    deleted_at: NaiveDatetime | None = Field(default=None, index=True)  # soft delete: hidden, restorable
    deleted_by: str | None = None


# Derived: how many measures a decision has, kept by database triggers (``models/facts.py``) so that the dashboard
# counts measures per place in its one pass over the decisions. A column of the table that the ORM does not map
# (appended after the class): the application never reads or writes it through a ``Decision`` object, only in SQL
# (``DECISION_MEASURE_COUNT``); backups leave it out (``info["derived"]``).
DECISION_MEASURE_COUNT = Column("measure_count", Integer, server_default="0", nullable=False, info={"derived": True})
Decision.__table__.append_column(DECISION_MEASURE_COUNT)  # type: ignore[attr-defined]
for _name, *_cols in (
        # the published record at scale (see ratsradar/aggregates.py): the dashboard's aggregates read only
        # these indexes (covering), per place via the second one
        ("ix_decision_published", "review_status", "relevant", "deleted_at", "year", "municipality_id", "outcome",
         "document_type", "measure_count"),
        ("ix_decision_municipality_published", "municipality_id", "review_status", "relevant", "deleted_at", "year",
         "outcome", "document_type", "measure_count"),
        # filter options: is a value present among the published decisions? (one seek per value); with an
        # outcome or document type filter, the per-place and per-year counts read only the matching entries
        ("ix_decision_outcome_published", "outcome", "review_status", "relevant", "deleted_at", "municipality_id",
         "year", "measure_count"),
        ("ix_decision_type_published", "document_type", "review_status", "relevant", "deleted_at", "municipality_id",
         "year", "measure_count")):
    Index(_name, *(Decision.__table__.c[c] for c in _cols))  # type: ignore[attr-defined]


class Measure(SQLModel, table=True):
    """A measure a decision takes, in the taxonomy's categories, with its evidence."""

    __table_args__ = (Index("ix_measure_category_decision", "category", "decision_id"),
                      Index("ix_measure_decision_cover", "decision_id", "category", "direction"))

    id: int | None = Field(default=None, primary_key=True)
    decision_id: int = Field(foreign_key="decision.id", index=True)
    category: str = Field(index=True)
    direction: str = "advances"  # advances | reverses
    evidence: str | None = Field(default=None, sa_column=Column(Text))
    page: int | None = None
    extraction_method: str | None = None
    reviewed_by: str | None = None
    reviewed_at: NaiveDatetime | None = None


class MeasureFact(SQLModel, table=True):
    """Derived, never written by the application: each measure with the columns of its decision that the
    dashboard filters and groups by, so that its aggregates read one covering index instead of joining
    ~170,000 measures to their decisions. Database triggers (``models/facts.py``) keep it in step with
    ``measure`` and ``decision`` on every insert, update and delete, whoever writes; backups leave it out."""

    __tablename__ = "measure_fact"
    __table_args__ = (
        Index("ix_fact_year", "visible", "year", "category", "direction", "municipality_id", "outcome",
              "document_type", "decision_id"),
        Index("ix_fact_place", "visible", "municipality_id", "category", "direction", "year", "outcome",
              "document_type", "decision_id"),
        Index("ix_fact_decision", "decision_id", "category"),
        # a category, outcome or document type filter reads only the matching facts (covering)
        Index("ix_fact_category", "category", "visible", "municipality_id", "year", "direction", "outcome",
              "document_type", "decision_id"),
        Index("ix_fact_outcome", "visible", "outcome", "municipality_id", "category", "year", "direction",
              "document_type", "decision_id"),
        Index("ix_fact_type", "visible", "document_type", "municipality_id", "category", "year", "direction",
              "outcome", "decision_id"),
        # the measures by year and category under an outcome or document type filter, read in their order
        Index("ix_fact_outcome_year", "visible", "outcome", "year", "category", "direction"),
        Index("ix_fact_type_year", "visible", "document_type", "year", "category", "direction"),
        {"info": {"derived": True}},
    )

    measure_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    decision_id: int
    category: str
    direction: str
    municipality_id: int | None = None
    year: int | None = None
    outcome: str | None = None
    document_type: str | None = None
    visible: bool = False  # the decision is published, relevant, not deleted and has a place


class DecisionSource(SQLModel, table=True):
    """A public source (URL) for a decision, e.g. the seed rows' council pages and reporting."""

    id: int | None = Field(default=None, primary_key=True)
    decision_id: int = Field(foreign_key="decision.id", index=True)
    url: str
    position: int = 0


class AuditEntry(SQLModel, table=True):
    """Who changed what, when: before and after values as JSON."""

    id: int | None = Field(default=None, primary_key=True)
    at: NaiveDatetime = Field(default_factory=utcnow, index=True)
    actor: str | None = None
    action: str  # create | edit | publish | reject | discard | delete | seed
    entity: str  # decision | document | measure
    entity_id: str | None = Field(default=None, index=True)
    before: str | None = Field(default=None, sa_column=Column(Text))
    after: str | None = Field(default=None, sa_column=Column(Text))


class OParlObject(SQLModel, table=True):
    """Provenance of an import from a council information system (OParl 1.0/1.1): one row per Paper, File or
    Body seen, with its OParl id, ``modified`` stamp and ``web`` link, what Ratsradar made of it and the checksum
    of the downloaded file. Re-runs compare ``modified`` to import only what changed. ``decision_id`` and
    ``document_id`` are plain numbers (no foreign keys), so discarding a draft never fails on this table."""

    __table_args__ = (Index("ix_oparlobject_body_type", "body", "type"),)

    id: int | None = Field(default=None, primary_key=True)
    oparl_id: str = Field(unique=True, index=True)
    type: str  # Paper | File | Body
    body: str | None = None  # the OParl id of the Body it belongs to
    paper: str | None = None  # for a File: the OParl id of its Paper
    modified: str | None = None  # the object's ``modified`` as the server wrote it
    deleted: bool = False
    status: str = "imported"  # imported | irrelevant | linked | failed | deleted | synced
    decision_id: int | None = Field(default=None, index=True)
    document_id: int | None = Field(default=None, index=True)
    web: str | None = None
    url: str | None = None  # for a File: the URL it was downloaded from
    sha256: str | None = None  # for a File: checksum of the downloaded bytes
    size: int | None = None
    reference: str | None = None
    name: str | None = Field(default=None, sa_column=Column(Text))
    error: str | None = Field(default=None, sa_column=Column(Text))
    synced_at: NaiveDatetime | None = None  # for a Body: when the last complete run started (UTC)
    first_seen: NaiveDatetime = Field(default_factory=utcnow)
    updated_at: NaiveDatetime = Field(default_factory=utcnow)


class User(SQLModel, table=True):
    """An account: contributor (uploads, own drafts), moderator (review within ``scope``), admin (everything).

    ``scope`` is a JSON list of municipality names a moderator may act on; empty or null = all. Built-in
    accounts have an argon2 ``password_hash``; accounts from an OpenID Connect login have ``oidc_subject``
    and/or ``email`` instead. Accounts are never deleted, only disabled (``active``)."""

    __tablename__ = "app_user"  # "user" is a reserved word in PostgreSQL

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, index=True, max_length=64)
    display_name: str | None = None
    role: str = Field(default="contributor")  # contributor | moderator | admin
    scope: str | None = Field(default=None, sa_column=Column(Text))
    active: bool = True
    password_hash: str | None = None
    oidc_subject: str | None = Field(default=None, index=True)
    email: str | None = Field(default=None, index=True)
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    created_by: str | None = None


class ImplementationEvent(SQLModel, table=True):
    """What became of a decision, recorded by a coordinator: a status (planned | in_progress | done | stalled |
    reversed) from a date on, with evidence (a note or quote, and a URL). The latest event sets
    ``Decision.implementation_status``."""

    __tablename__ = "implementation_event"

    id: int | None = Field(default=None, primary_key=True)
    decision_id: int = Field(foreign_key="decision.id", index=True)
    status: str
    since: dt.date | None = None
    evidence: str | None = Field(default=None, sa_column=Column(Text))
    evidence_url: str | None = None
    recorded_at: NaiveDatetime = Field(default_factory=utcnow)
    recorded_by: str | None = None


class DecisionLink(SQLModel, table=True):
    """A typed link between two decisions: ``from`` is a follow-up, amendment or reversal OF ``to``."""

    __tablename__ = "decision_link"
    __table_args__ = (UniqueConstraint("from_decision_id", "to_decision_id", "kind", name="uq_decision_link"),)

    id: int | None = Field(default=None, primary_key=True)
    from_decision_id: int = Field(foreign_key="decision.id", index=True)
    to_decision_id: int = Field(foreign_key="decision.id", index=True)
    kind: str  # follow_up | amendment | reversal
    note: str | None = Field(default=None, sa_column=Column(Text))
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    created_by: str | None = None
