"""A decision's history for people: who did what when, and which fields changed from what to what.

Pure: takes audit entries (``models.AuditEntry`` or anything with ``at``, ``actor``, ``action``, ``before``,
``after``) and returns rows of plain strings for a table. Used by the decision page's "Verlauf/History".
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ratsradar.i18n import format_datetime, t
from ratsradar.vocab import DIRECTIONS, DOCUMENT_TYPES, OUTCOMES, REVIEW_STATUSES, category_label, label

MAX_VALUE = 120  # characters of one shown value
FIELD_KEYS = {  # audit field -> i18n key of its label
    "title": "rev.field.title", "reference": "rev.field.reference", "body": "rev.field.body",
    "document_type": "rev.field.type", "decision_date": "rev.field.date", "outcome": "rev.field.outcome",
    "votes_yes": "rev.field.yes", "votes_no": "rev.field.no", "votes_abstain": "rev.field.abstain",
    "relevant": "rev.relevant", "summary": "rev.field.summary", "municipality_id": "dec.field.municipality",
    "review_status": "dec.field.review", "measures": "dec.measures", "deleted": "hist.field.deleted",
    "reason": "hist.field.reason", "file": "dec.prov.file", "decisions": "hist.field.decisions",
}


def _load(raw: str | None) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def format_value(field: str, value: Any, lang: str) -> str:
    """One value as a person reads it: vocabulary labels, yes/no, dates, measures by category."""
    if value is None or value == "" or value == []:
        return "–"
    if field == "outcome":
        return label(OUTCOMES, value, lang)
    if field == "document_type":
        return label(DOCUMENT_TYPES, value, lang)
    if field == "review_status":
        return label(REVIEW_STATUSES, value, lang)
    if isinstance(value, bool):
        return t("hist.yes" if value else "hist.no", lang)
    if field == "measures" and isinstance(value, list):
        parts = []
        for m in value:
            if isinstance(m, dict):
                part = category_label(str(m.get("category")), lang)
                if m.get("direction") and m.get("direction") != "advances":
                    part += f" ({label(DIRECTIONS, m['direction'], lang)})"
                parts.append(part)
        return _short(", ".join(parts)) if parts else "–"
    if isinstance(value, dict | list):
        return _short(json.dumps(value, ensure_ascii=False))
    return _short(str(value))


def field_label(field: str, lang: str) -> str:
    key = FIELD_KEYS.get(field)
    return t(key, lang) if key else field


def changes(before: Any, after: Any, lang: str) -> list[str]:
    """``Field: before → after`` for every field whose value differs (only the fields either side names)."""
    b = before if isinstance(before, dict) else {}
    a = after if isinstance(after, dict) else {}
    out = []
    for field in list(dict.fromkeys([*b, *a])):
        if field == "items":
            continue
        old, new = b.get(field), a.get(field)
        if field in b and field in a and old == new:
            continue
        if field in a and field not in b:
            out.append(f"{field_label(field, lang)}: {format_value(field, new, lang)}")
        elif field in b and field not in a:
            out.append(f"{field_label(field, lang)}: {format_value(field, old, lang)} → –")
        else:
            out.append(f"{field_label(field, lang)}: {format_value(field, old, lang)} → "
                       f"{format_value(field, new, lang)}")
    return out


def action_label(action: str, lang: str) -> str:
    key = f"hist.action.{action}"
    text = t(key, lang)
    return action if text == key else text


def history_rows(entries: Iterable[Any], lang: str) -> list[dict[str, str]]:
    """Rows ``{"when", "who", "action", "changes"}`` for a table, oldest first (as given)."""
    rows = []
    for e in entries:
        rows.append({
            "when": format_datetime(e.at, lang) if e.at else "–",
            "who": e.actor or t("hist.unknown_actor", lang),
            "action": action_label(e.action, lang),
            "changes": "; ".join(changes(_load(e.before), _load(e.after), lang)) or "–",
        })
    return rows
