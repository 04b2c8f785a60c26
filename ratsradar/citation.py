"""How to cite a decision: a text citation (German or English), CSL-JSON and BibTeX.

Pure functions over a ``CitedDecision``; no database, no Streamlit. The permanent link is
``<base_url>/decisions?id=<uid>`` — the same link the decision detail shows.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from ratsradar.i18n import format_date, norm_lang
from ratsradar.vocab import DOCUMENT_TYPES, label

DEFAULT_BASE_URL = "http://localhost:8501"


@dataclass(frozen=True, slots=True)
class CitedDecision:
    uid: str
    title: str | None
    municipality: str | None
    body: str | None = None
    date: dt.date | None = None
    date_precision: str = "day"
    reference: str | None = None
    document_type: str | None = None
    country: str | None = None
    sources: tuple[str, ...] = ()


def permalink(uid: str, base_url: str | None = None, lang: str | None = None) -> str:
    """The stable link of a decision: ``<base>/decisions?id=<uid>`` (with ``&lang=`` when given)."""
    base = (base_url or DEFAULT_BASE_URL).rstrip("/")
    url = f"{base}/decisions?id={quote(uid, safe='')}"
    return url + (f"&lang={norm_lang(lang)}" if lang else "")


def _author(d: CitedDecision) -> str:
    parts = [p for p in (d.municipality, d.body) if p]
    return ", ".join(parts) or "Ratsradar"


def _date_parts(d: CitedDecision) -> list[int] | None:
    if d.date is None:
        return None
    if d.date_precision == "year":
        return [d.date.year]
    if d.date_precision == "month":
        return [d.date.year, d.date.month]
    return [d.date.year, d.date.month, d.date.day]


def text(d: CitedDecision, lang: str, *, base_url: str | None = None, accessed: dt.date | None = None) -> str:
    """A one-line citation: author (place, body), title, type and reference, date, Ratsradar id, link, access."""
    lang = norm_lang(lang)
    accessed = accessed or dt.date.today()
    title = (d.title or "").strip() or d.uid
    kind = label(DOCUMENT_TYPES, d.document_type, lang) if d.document_type else None
    bits = [kind] if kind else []
    if d.reference:
        bits.append(("Drucksache " if lang == "de" else "ref. ") + d.reference)
    head = f"{_author(d)}: „{title}“" if lang == "de" else f"{_author(d)}: “{title}”"
    if bits:
        head += f" ({', '.join(bits)})"
    when = format_date(d.date, lang, d.date_precision) if d.date else ("o. D." if lang == "de" else "n.d.")
    link = permalink(d.uid, base_url)
    seen = format_date(accessed, lang)
    if lang == "de":
        return f"{head}, {when}. In: Ratsradar, Beschluss {d.uid}. {link} (abgerufen am {seen})."
    return f"{head}, {when}. In: Ratsradar, decision {d.uid}. {link} (accessed {seen})."


def csl_json(d: CitedDecision, *, base_url: str | None = None, accessed: dt.date | None = None,
             lang: str = "de") -> dict:
    """The decision as one CSL-JSON item (type ``legislation``), for Zotero, Pandoc and citeproc."""
    accessed = accessed or dt.date.today()
    item: dict = {
        "id": d.uid,
        "type": "legislation",
        "title": (d.title or "").strip() or d.uid,
        "author": [{"literal": _author(d)}],
        "publisher": "Ratsradar",
        "URL": permalink(d.uid, base_url),
        "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
        "language": norm_lang(lang),
    }
    parts = _date_parts(d)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    if d.reference:
        item["number"] = d.reference
    if d.body:
        item["authority"] = d.body
    if d.municipality:
        item["jurisdiction"] = d.municipality
    if d.document_type:
        item["genre"] = label(DOCUMENT_TYPES, d.document_type, lang)
    if d.sources:
        item["note"] = "Sources: " + " ; ".join(d.sources)
    return item


def csl_json_text(d: CitedDecision, **kwargs: object) -> str:
    """CSL-JSON (a list with one item), indented, with the date parts kept on one line."""
    raw = json.dumps([csl_json(d, **kwargs)], ensure_ascii=False, indent=2)  # type: ignore[arg-type]
    return re.sub(r"\[\s*\[\s*([\d,\s]+?)\s*\]\s*\]",
                  lambda m: "[[" + ", ".join(m.group(1).replace(",", " ").split()) + "]]", raw)


_BIB_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
                "_": r"\_", "$": r"\$", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def bib_escape(value: str) -> str:
    """Text safe inside a BibTeX braced field (LaTeX specials escaped; UTF-8 kept for biber)."""
    return "".join(_BIB_SPECIAL.get(ch, ch) for ch in value)


def bib_key(uid: str) -> str:
    """A citation key from the uid: ASCII letters, digits, ``-`` and ``_`` only."""
    ascii_ = unicodedata.normalize("NFKD", uid).encode("ascii", "ignore").decode()
    key = re.sub(r"[^A-Za-z0-9_-]+", "-", ascii_).strip("-")
    return f"ratsradar-{key or 'decision'}"


def bibtex(d: CitedDecision, *, base_url: str | None = None, accessed: dt.date | None = None) -> str:
    """The decision as a BibTeX ``@misc`` entry (biblatex-compatible fields ``url``/``urldate``)."""
    accessed = accessed or dt.date.today()
    fields: list[tuple[str, str]] = [
        ("author", "{" + bib_escape(_author(d)) + "}"),  # a corporate author: one extra pair of braces
        ("title", bib_escape((d.title or "").strip() or d.uid)),
    ]
    parts = _date_parts(d)
    if parts:
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", str(parts[1])))
        if len(parts) == 3:
            fields.append(("date", f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}"))
    if d.reference:
        fields.append(("number", bib_escape(d.reference)))
    if d.document_type:
        fields.append(("type", bib_escape(label(DOCUMENT_TYPES, d.document_type, "en"))))
    fields += [
        ("organization", "Ratsradar"),
        ("howpublished", r"\url{" + permalink(d.uid, base_url) + "}"),
        ("url", permalink(d.uid, base_url)),
        ("urldate", accessed.isoformat()),
        ("note", bib_escape(f"Ratsradar decision {d.uid}")),
    ]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@misc{{{bib_key(d.uid)},\n{body}\n}}\n"
