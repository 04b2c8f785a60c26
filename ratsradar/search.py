"""Full-text search over decisions (title, summary, reference, body), the evidence quotes of their measures,
the text of their documents and the place name — combinable with every other filter.

SQLite: FTS5 tables with external content (``decision_fts``, ``measure_fts``, ``document_fts``; tokenizer
``unicode61`` without diacritics, so "Munchen" finds "München"), kept in sync by triggers on every insert,
update and delete — whoever writes (upload, review, seed, import) — and rebuilt idempotently by
``ensure_index`` when they are new or out of step. Each search word is a prefix ("Koordinierung" finds
"Koordinierungsstelle").

PostgreSQL: ``to_tsvector('german', …)`` with GIN expression indexes on the same columns (German stemming:
"Beschlüsse" finds "Beschluss"); each word is a stemmed prefix (``to_tsquery('german', 'word:*')``). No triggers
needed: the indexes follow the rows.

Every word must occur somewhere (in the decision, its measures, its document or its place); the words of the
query are reduced to letters and digits, so no search syntax of either engine is ever exposed. ``snippet``
builds a short excerpt around the first hit, HTML-escaped first and then the hits marked with ``<mark>``.
"""

from __future__ import annotations

import html
import re
from typing import Any

from sqlalchemy import Boolean, and_, bindparam, column, func, literal_column, or_, select, table, text, union
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import ColumnElement, UnaryExpression
from sqlmodel import col

MAX_TERMS = 8
DOC_TEXT_LIMIT = 300_000  # characters of a document indexed in PostgreSQL (a tsvector is at most 1 MB)

_WORD = re.compile(r"\w+", re.UNICODE)


def terms(query: str | None) -> list[str]:
    """The search words of a query: runs of letters and digits, lower-cased, distinct, at most 8."""
    if not query:
        return []
    words = [w.casefold() for w in _WORD.findall(query) if w.strip("_")]
    return list(dict.fromkeys(w.strip("_") for w in words if w.strip("_")))[:MAX_TERMS]


# --- the index ---------------------------------------------------------------------------------------------

_SQLITE_FTS = {  # fts table -> (content table, indexed columns)
    "decision_fts": ("decision", ("title", "summary", "reference", "body")),
    "measure_fts": ("measure", ("evidence",)),
    "document_fts": ("document", ("text",)),
}


def _sqlite_ddl(fts: str, content: str, cols: tuple[str, ...]) -> list[str]:
    c = ", ".join(cols)
    new = ", ".join(f"new.{x}" for x in cols)
    old = ", ".join(f"old.{x}" for x in cols)
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({c}, content='{content}', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {content} BEGIN "
        f"INSERT INTO {fts}(rowid, {c}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {content} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {c}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF {c} ON {content} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {c}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {c}) VALUES (new.id, {new}); END",
    ]


def _pg_decision_doc() -> str:
    return ("coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(reference, '') || ' ' || "
            "coalesce(body, '')")


_PG_INDEXES = {
    "ix_decision_fulltext": ("decision", _pg_decision_doc()),
    "ix_measure_fulltext": ("measure", "coalesce(evidence, '')"),
    "ix_document_fulltext": ("document", f"left(coalesce(text, ''), {DOC_TEXT_LIMIT})"),
}


def ensure_index(engine: Engine) -> None:
    """Create the full-text index where it is missing and bring it in step with the rows (idempotent)."""
    dialect = engine.dialect.name
    if dialect == "sqlite":
        with engine.begin() as conn:
            existing = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'")).scalars())
            if not {"decision", "measure", "document"} <= existing:
                return
            for fts, (content, cols) in _SQLITE_FTS.items():
                for stmt in _sqlite_ddl(fts, content, cols):
                    conn.execute(text(stmt))
                if fts not in existing:
                    conn.execute(text(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')"))
    elif dialect == "postgresql":
        with engine.begin() as conn:
            for name, (tbl, expr) in _PG_INDEXES.items():
                conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {tbl} "
                                  f"USING GIN (to_tsvector('german', {expr}))"))


def rebuild(engine: Engine) -> None:
    """Rebuild the SQLite index from the tables (PostgreSQL's expression indexes need no rebuilding)."""
    ensure_index(engine)
    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:
            for fts in _SQLITE_FTS:
                conn.execute(text(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')"))


# --- the condition -------------------------------------------------------------------------------------------

class TextMatch(ColumnElement[bool]):
    """``matches(query)``: true for a decision in whose texts every search word occurs. Compiled per dialect."""

    inherit_cache = False  # the words are not part of a cache key: never reuse a compiled statement
    type = Boolean()

    def __init__(self, words: list[str]) -> None:
        self.words = words

    def self_group(self, against: Any = None) -> ColumnElement[bool]:
        # a Boolean element inside AND would otherwise be wrapped as "(…) = 1" on SQLite (no native booleans),
        # which keeps SQLite from reading the decisions by the ids of the hits: it checked every decision
        return self

    def _negate(self) -> ColumnElement[bool]:
        return UnaryExpression(self, operator=operators.inv)


def matches(query: str) -> ColumnElement[bool]:
    """The filter condition for a search text (true when it has no words)."""
    return TextMatch(terms(query))


def _in_texts(session: Any, word: str, at_least: int) -> bool:
    """Whether the word (a prefix) occurs in the own texts of at least ``at_least`` decisions. SQLite: the
    index's term list (``fts5vocab``) answers most questions at once: if one term of the prefix is in enough
    decisions, yes; if all of them together are in too few, no. Otherwise, or for a word the tokenizer may
    write differently (not plain ASCII letters and digits), its decisions are counted in the index.
    PostgreSQL: they are counted on the GIN index of the decision's texts (German stemming, as the search)."""
    if at_least <= 0:
        return True
    if session.get_bind().dialect.name == "postgresql":
        found = session.execute(text(f"SELECT count(*) FROM decision WHERE to_tsvector('german', "
                                     f"{_pg_decision_doc()}) @@ to_tsquery('german', :q)"),
                                {"q": f"{word}:*"}).scalar_one()
        return bool(found >= at_least)
    if word.isascii() and word.isalnum():
        session.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS temp.rr_decision_terms "
                             "USING fts5vocab(main, decision_fts, 'row')"))
        most, together = session.execute(
            text("SELECT max(doc), sum(doc) FROM temp.rr_decision_terms WHERE term >= :lo AND term < :hi"),
            {"lo": word, "hi": word[:-1] + chr(ord(word[-1]) + 1)}).one()
        if most is not None and most >= at_least:
            return True
        if (together or 0) < at_least:
            return False
    found = session.execute(text("SELECT count(*) FROM decision_fts WHERE decision_fts MATCH :q"),
                            {"q": f'"{word}"*'}).scalar_one()
    return bool(found >= at_least)


def nearly_everywhere(session: Any, query: str, allowance: int) -> bool:
    """Whether every word of ``query`` occurs in the own texts (title, summary, reference, body) of all but at
    most ``allowance`` decisions, counted in SQLite's full-text index (a few milliseconds even for a word in
    every row). Then the decisions a search misses are few, and cheaper to find than the ones it hits. False
    where there is no such count (PostgreSQL: there the set of hits costs about the same either way)."""
    words = terms(query)
    if not words or session.get_bind().dialect.name != "sqlite":
        return False
    total = session.execute(text("SELECT count(*) FROM decision")).scalar_one()
    return all(_in_texts(session, w, total - allowance) for w in words)


def everywhere(session: Any, query: str) -> list[str]:
    """The words of ``query`` that every decision with a place matches, so that they filter nothing on the
    dashboard (which counts decisions with a place only): a word in the own texts of every decision (counted in
    the full-text index, ``_in_texts``), or in the name of every place. Exact, and cheap next to the search
    itself: a common word's look-up joins every one of its hits to its measures and documents. SQLite and
    PostgreSQL (empty elsewhere)."""
    words = terms(query)
    if not words or session.get_bind().dialect.name not in ("sqlite", "postgresql"):
        return []
    from models import Municipality

    total = session.execute(text("SELECT count(*) FROM decision")).scalar_one()
    if not total:
        return []
    any_place = session.execute(select(col(Municipality.id)).limit(1)).first() is not None
    out = []
    for w in words:
        if _in_texts(session, w, total):
            out.append(w)
            continue
        other_place = select(col(Municipality.id)).where(
            ~func.lower(col(Municipality.name)).like(f"%{w.lower()}%")).limit(1)
        if any_place and session.execute(other_place).first() is None:
            out.append(w)
    return out


def _places_named(pattern: str):  # type: ignore[no-untyped-def]
    """The ids of the places whose name contains the word (the place table: a few thousand rows)."""
    from models import Municipality

    return select(col(Municipality.id)).where(
        func.lower(col(Municipality.name)).like(bindparam("fts_like", pattern, unique=True)))


def _sqlite_expr(words: list[str]) -> ColumnElement[bool]:
    """Per word, the ids of the decisions it occurs in, gathered from the four sources (a ``UNION`` of index
    look-ups: the decision's texts, its measures' evidence, its document's text, its place's name); the decision
    must be in each word's set. The work grows with the hits, not with the number of decisions."""
    from models import Decision, Measure

    dec_id = col(Decision.id)
    parts = []
    for w in words:
        q = bindparam("fts_q", f'"{w}"*', unique=True)

        def hits(fts: str, _q=q):  # type: ignore[no-untyped-def]
            t = table(fts, column("rowid"))
            return select(t.c.rowid).where(literal_column(fts).op("MATCH")(_q))

        parts.append(dec_id.in_(union(
            hits("decision_fts"),
            select(col(Measure.decision_id)).where(col(Measure.id).in_(hits("measure_fts"))),
            select(col(Decision.id)).where(col(Decision.document_id).in_(hits("document_fts"))),
            select(col(Decision.id)).where(col(Decision.municipality_id).in_(_places_named(f"%{w.lower()}%"))),
        )))
    return and_(*parts)


def _pg_expr(words: list[str]) -> ColumnElement[bool]:
    """As ``_sqlite_expr``, on the GIN expression indexes (German stemming)."""
    from models import Decision, Document, Measure

    dec_id = col(Decision.id)
    parts = []
    for w in words:
        tsq = func.to_tsquery(literal_column("'german'"), bindparam("fts_q", f"{w}:*", unique=True))

        def vec(expr: str):  # type: ignore[no-untyped-def]
            return func.to_tsvector(literal_column("'german'"), literal_column(expr))

        parts.append(dec_id.in_(union(
            select(col(Decision.id)).where(vec(_pg_decision_doc().replace("coalesce(", "coalesce(decision."))
                                           .op("@@")(tsq)),
            select(col(Measure.decision_id)).where(vec("coalesce(measure.evidence, '')").op("@@")(tsq)),
            select(col(Decision.id)).where(col(Decision.document_id).in_(select(col(Document.id)).where(
                vec(f"left(coalesce(document.text, ''), {DOC_TEXT_LIMIT})").op("@@")(tsq)))),
            select(col(Decision.id)).where(col(Decision.municipality_id).in_(_places_named(f"%{w.lower()}%"))),
        )))
    return and_(*parts)


def _generic_expr(words: list[str]) -> ColumnElement[bool]:
    from models import Decision

    parts = []
    for w in words:
        like = f"%{w}%"
        parts.append(or_(col(Decision.title).ilike(like), col(Decision.summary).ilike(like),
                         col(Decision.reference).ilike(like), col(Decision.body).ilike(like),
                         col(Decision.municipality_id).in_(_places_named(f"%{w.lower()}%"))))
    return and_(*parts)


def _compile(element: TextMatch, compiler: Any, builder: Any, **kw: Any) -> str:
    if not element.words:
        return "(1 = 1)"
    return "(" + compiler.process(builder(element.words), **kw) + ")"  # one term inside AND/OR


@compiles(TextMatch)
def _compile_default(element: TextMatch, compiler: Any, **kw: Any) -> str:
    return _compile(element, compiler, _generic_expr, **kw)


@compiles(TextMatch, "sqlite")
def _compile_sqlite(element: TextMatch, compiler: Any, **kw: Any) -> str:
    return _compile(element, compiler, _sqlite_expr, **kw)


@compiles(TextMatch, "postgresql")
def _compile_pg(element: TextMatch, compiler: Any, **kw: Any) -> str:
    return _compile(element, compiler, _pg_expr, **kw)


# --- snippets ------------------------------------------------------------------------------------------------

def _stem(word: str) -> str:
    """A prefix that also finds inflected forms (Beschlüsse -> beschl, Stellen -> stell)."""
    return word if len(word) <= 5 else word[:max(5, len(word) - 3)]


def _hit_pattern(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    alts = sorted({re.escape(_stem(w)) for w in words}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alts) + r")\w*", re.IGNORECASE | re.UNICODE)


def snippet(texts: list[str | None], query: str, *, width: int = 220) -> str | None:
    """HTML: an excerpt of the first text with a hit, about ``width`` characters around the first hit, every
    character escaped and then each hit wrapped in ``<mark>``. ``None`` when no text has a hit."""
    pattern = _hit_pattern(terms(query))
    if pattern is None:
        return None
    for raw in texts:
        if not raw:
            continue
        flat = " ".join(raw.split())
        first = pattern.search(flat)
        if first is None:
            continue
        start = max(0, first.start() - width // 3)
        end = min(len(flat), start + width)
        if start > 0:  # begin at a word
            space = flat.find(" ", start)
            start = space + 1 if 0 <= space < first.start() else start
        piece = flat[start:end]
        out, pos = [], 0
        for m in pattern.finditer(piece):
            out.append(html.escape(piece[pos:m.start()]))
            out.append("<mark>" + html.escape(m.group(0)) + "</mark>")
            pos = m.end()
        out.append(html.escape(piece[pos:]))
        return ("… " if start > 0 else "") + "".join(out) + (" …" if end < len(flat) else "")
    return None


def snippets(*, session: Any, uids: list[str], query: str, width: int = 220) -> dict[str, str]:
    """For each decision uid: the snippet of its title, summary, evidence quotes or document text (in that
    order of preference); decisions without a hit in any of them are left out."""
    from models import Decision, Document, Measure

    if not uids or not terms(query):
        return {}
    rows = session.execute(select(col(Decision.id), col(Decision.uid), col(Decision.title), col(Decision.summary),
                                  col(Decision.reference), col(Decision.body), col(Decision.document_id))
                           .where(col(Decision.uid).in_(uids))).all()
    ids = [r[0] for r in rows]
    evidence: dict[int, list[str]] = {}
    for did, ev in session.execute(select(col(Measure.decision_id), col(Measure.evidence))
                                   .where(col(Measure.decision_id).in_(ids), col(Measure.evidence).is_not(None))
                                   .order_by(col(Measure.id))):
        evidence.setdefault(did, []).append(ev)
    out: dict[str, str] = {}
    need_doc: dict[int, list[str]] = {}
    for did, uid, title, summary, ref, body, doc_id in rows:
        s = snippet([title, summary, *evidence.get(did, []), ref, body], query, width=width)
        if s is not None:
            out[uid] = s
        elif doc_id is not None:
            need_doc.setdefault(doc_id, []).append(uid)
    if need_doc:
        for doc_id, doc_text in session.execute(select(col(Document.id), col(Document.text))
                                                .where(col(Document.id).in_(list(need_doc)))):
            s = snippet([doc_text], query, width=width)
            if s is not None:
                for uid in need_doc[doc_id]:
                    out[uid] = s
    return out
