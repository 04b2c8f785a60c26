"""Atom feeds of newly published decisions: all, per place and per measure category.

Written on publish (``review.publish_document``, ``ratsradar ingest --publish``) and at start when missing,
into ``static/feeds/`` at the repository root (``RATSRADAR_FEEDS_DIR`` moves it), which Streamlit serves at
``/app/static/feeds/<name>.xml``. Each feed holds the newest decisions by publication time. Files are replaced
atomically; a failure to write them is logged and never undoes a publication. The runtime-written files are
not part of the repository (``.gitignore``).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from xml.etree import ElementTree as ET

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from models import Decision, Measure, Municipality
from ratsradar.citation import DEFAULT_BASE_URL, permalink
from ratsradar.paths import PROJECT_ROOT
from ratsradar.vocab import OUTCOMES, category_label, label, taxonomy

log = logging.getLogger(__name__)
ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50
STATIC_PREFIX = "/app/static/feeds/"


def feeds_dir() -> Path:
    configured = os.environ.get("RATSRADAR_FEEDS_DIR", "").strip()
    return Path(configured) if configured else PROJECT_ROOT / "static" / "feeds"


def public_url() -> str:
    return (os.environ.get("RATSRADAR_PUBLIC_URL", "").strip() or DEFAULT_BASE_URL).rstrip("/")


def slug(name: str) -> str:
    """ASCII file-name part of a place or category: "München" -> "munchen", "Frankfurt am Main" ->
    "frankfurt-am-main"."""
    ascii_ = unicodedata.normalize("NFKD", name.replace("ß", "ss")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "x"


def feed_name(kind: str, value: str | None = None) -> str:
    """File name of a feed: ``all.xml``, ``place-<slug>.xml``, ``category-<id>.xml``."""
    if kind == "all":
        return "all.xml"
    if kind in ("place", "category") and value:
        return f"{kind}-{slug(value)}.xml"
    raise ValueError(f"unknown feed {kind!r}")


def feed_url(kind: str, value: str | None = None) -> str:
    """The path Streamlit serves a feed at (relative to the app's address)."""
    return STATIC_PREFIX + feed_name(kind, value)


def _iso(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return "1970-01-01T00:00:00Z"
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    return value.replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def _entries(session: Session, *, place: str | None = None, category: str | None = None,
             limit: int = MAX_ENTRIES) -> list[dict]:
    """The newest published decisions (by publication time), of one place or category when given."""
    stmt = (select(Decision, Municipality)
            .join(Municipality, col(Municipality.id) == col(Decision.municipality_id), isouter=True)
            .where(Decision.review_status == "published", col(Decision.relevant).is_(True),
                   *([col(Decision.deleted_at).is_(None)] if hasattr(Decision, "deleted_at") else [])))
    if place is not None:
        stmt = stmt.where(Municipality.name == place)
    if category is not None:
        stmt = stmt.where(col(Decision.id).in_(select(Measure.decision_id).where(Measure.category == category)))
    rows = session.exec(stmt.order_by(col(Decision.reviewed_at).desc().nulls_last(), col(Decision.id).desc())
                        .limit(limit)).all()
    ids = [d.id for d, _ in rows]
    cats: dict[int, list[str]] = {}
    for did, cat in session.exec(select(Measure.decision_id, Measure.category)
                                 .where(col(Measure.decision_id).in_(ids)).order_by(col(Measure.id))):
        if cat not in cats.setdefault(did, []):
            cats[did].append(cat)
    return [{"decision": d, "place": m.name if m else None, "categories": cats.get(d.id, [])} for d, m in rows]


def _feed_xml(title: str, feed_id: str, self_url: str, entries: list[dict], base: str) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_id
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url, type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=base + "/decisions", type="text/html")
    updated = max((e["decision"].reviewed_at or e["decision"].created_at for e in entries), default=None)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _iso(updated)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "Ratsradar"
    ET.SubElement(feed, f"{{{ATOM}}}generator").text = "Ratsradar"
    for e in entries[:MAX_ENTRIES]:
        d = e["decision"]
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        place = e["place"] or "–"
        when = d.decision_date.isoformat() if d.decision_date else "?"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{place}: {d.title or d.uid} ({when})"
        link = permalink(d.uid, base)
        ET.SubElement(entry, f"{{{ATOM}}}id").text = link
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=link, type="text/html")
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _iso(d.reviewed_at or d.created_at)
        if d.decision_date:
            ET.SubElement(entry, f"{{{ATOM}}}published").text = _iso(d.decision_date)
        a = ET.SubElement(entry, f"{{{ATOM}}}author")
        ET.SubElement(a, f"{{{ATOM}}}name").text = ", ".join(x for x in (e["place"], d.body) if x) or "Ratsradar"
        for cat in e["categories"]:
            ET.SubElement(entry, f"{{{ATOM}}}category", term=cat, label=category_label(cat, "de"))
        parts = [f"{label(OUTCOMES, d.outcome, 'de')} / {label(OUTCOMES, d.outcome, 'en')}"]
        if d.reference:
            parts.append(f"Drucksache {d.reference}")
        if e["categories"]:
            parts.append(", ".join(category_label(c, "de") for c in e["categories"]))
        if d.summary:
            parts.append(d.summary)
        ET.SubElement(entry, f"{{{ATOM}}}summary", type="text").text = " · ".join(parts)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".feed-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _scope(session: Session, uids: list[str] | None) -> tuple[list[str], list[str], bool]:
    """Places and categories whose feeds to write: all of them, or those of the decisions ``uids``."""
    if uids is None:
        places = session.exec(select(Municipality.name).join(Decision, col(Decision.municipality_id)
                                                             == col(Municipality.id))
                              .where(Decision.review_status == "published").distinct()).all()
        return sorted(set(places)), list(taxonomy().ids), True
    ids = session.exec(select(Decision.id).where(col(Decision.uid).in_(uids))).all()
    places = session.exec(select(Municipality.name).join(Decision, col(Decision.municipality_id)
                                                         == col(Municipality.id))
                          .where(col(Decision.id).in_(ids)).distinct()).all()
    cats = session.exec(select(Measure.category).where(col(Measure.decision_id).in_(ids)).distinct()).all()
    return sorted(set(places)), sorted(set(cats)), False


def write_feeds(engine: Engine, out_dir: Path | None = None, *, uids: list[str] | None = None) -> list[Path]:
    """Write the feed of all decisions and those of each place and category (only the places and categories of
    the decisions ``uids`` when given, e.g. just published). A full run (``uids=None``) also removes feeds of
    places or categories without published decisions. Returns the files written."""
    out = Path(out_dir) if out_dir else feeds_dir()
    out.mkdir(parents=True, exist_ok=True)
    base = public_url()
    feeds: dict[str, tuple[str, list[dict]]] = {}
    with Session(engine) as s:
        places, cats, full = _scope(s, uids)
        feeds["all.xml"] = ("Ratsradar – neue Beschlüsse / new decisions", _entries(s))
        for place in places:
            part = _entries(s, place=place)
            if part:
                feeds[feed_name("place", place)] = (f"Ratsradar – {place}", part)
        for cat in cats:
            part = _entries(s, category=cat)
            if part:
                feeds[feed_name("category", cat)] = (
                    f"Ratsradar – {category_label(cat, 'de')} / {category_label(cat, 'en')}", part)
    written = []
    for name, (title, part) in feeds.items():
        path = out / name
        url = f"{base}{STATIC_PREFIX}{name}"
        _write(path, _feed_xml(title, url, url, part, base))
        written.append(path)
    if full:
        for old in out.glob("*.xml"):
            if old.name not in feeds:
                old.unlink(missing_ok=True)
    return written


def write_feeds_safely(engine: Engine, uids: list[str] | None = None) -> bool:
    """``write_feeds``, logging instead of raising (a publication must not fail on its feed)."""
    try:
        write_feeds(engine, uids=uids)
        return True
    except Exception as exc:  # noqa: BLE001
        log.warning("feeds: could not write the Atom feeds to %s: %s", feeds_dir(), exc)
        return False


def ensure_feeds(engine: Engine) -> None:
    """Write the feeds at start when they are missing (a fresh checkout, or another feeds folder)."""
    if not (feeds_dir() / "all.xml").exists():
        write_feeds_safely(engine)
