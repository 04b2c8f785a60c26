"""The stable vocabularies of Ratsradar: measure categories, document types, outcomes, levels.

Ids never change; the UI shows translated labels. Measure categories live in ``data/taxonomy.toml``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ratsradar.paths import TAXONOMY_FILE


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    label_de: str
    label_en: str
    description_de: str
    description_en: str
    cues_de: tuple[str, ...]
    cues_en: tuple[str, ...]

    def label(self, lang: str) -> str:
        return self.label_de if lang == "de" else self.label_en


@dataclass(frozen=True, slots=True)
class Taxonomy:
    categories: tuple[Category, ...]
    relevance_cues: tuple[str, ...]
    reverse_cues: tuple[str, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)

    def get(self, category_id: str) -> Category:
        for c in self.categories:
            if c.id == category_id:
                return c
        raise KeyError(category_id)


REQUIRED_CATEGORY_IDS = (
    "coordination_office", "strategy", "public_code", "migration", "open_standards", "procurement",
    "cooperation", "infrastructure", "funding", "skills_community", "review",
)


def load_taxonomy(path: Path = TAXONOMY_FILE) -> Taxonomy:
    """Read and validate the taxonomy file."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    cats = []
    for entry in raw.get("category", []):
        cats.append(Category(
            id=entry["id"], label_de=entry["label_de"], label_en=entry["label_en"],
            description_de=entry.get("description_de", ""), description_en=entry.get("description_en", ""),
            cues_de=tuple(entry.get("cues_de", ())), cues_en=tuple(entry.get("cues_en", ())),
        ))
    ids = [c.id for c in cats]
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate category ids in {path}")
    missing = set(REQUIRED_CATEGORY_IDS) - set(ids)
    if missing:
        raise ValueError(f"taxonomy lacks required ids: {sorted(missing)}")
    rel = raw.get("relevance", {})
    rev = raw.get("reverses", {})
    return Taxonomy(
        categories=tuple(cats),
        relevance_cues=tuple(rel.get("cues_de", ())) + tuple(rel.get("cues_en", ())),
        reverse_cues=tuple(rev.get("cues_de", ())) + tuple(rev.get("cues_en", ())),
    )


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    return load_taxonomy()


# Document types: id -> (German label, English label)
DOCUMENT_TYPES: dict[str, tuple[str, str]] = {
    "proposal": ("Beschlussvorlage", "Proposal"),
    "motion": ("Antrag", "Motion"),
    "minutes": ("Niederschrift", "Minutes"),
    "resolution": ("Beschluss", "Resolution"),
    "inquiry": ("Anfrage", "Inquiry"),
    "report": ("Bericht / Mitteilung", "Report"),
    "invitation": ("Einladung / Tagesordnung", "Invitation / agenda"),
    "press_release": ("Pressemitteilung", "Press release"),
    "other": ("Sonstiges", "Other"),
}

# Outcomes of the extraction contract, then the outcomes the seed record also knows
# (an administrative step, an executive announcement, a coalition agreement, a pending item).
OUTCOMES: dict[str, tuple[str, str]] = {
    "adopted": ("beschlossen", "adopted"),
    "amended": ("mit Änderungen beschlossen", "adopted with changes"),
    "rejected": ("abgelehnt", "rejected"),
    "deferred": ("vertagt", "deferred"),
    "referred": ("verwiesen", "referred"),
    "noted": ("zur Kenntnis genommen", "noted"),
    "withdrawn": ("zurückgezogen", "withdrawn"),
    "unknown": ("nicht angegeben", "not stated"),
    "implemented": ("umgesetzt (Verwaltung)", "implemented (administration)"),
    "announced": ("angekündigt (Exekutive)", "announced (executive)"),
    "agreed": ("vereinbart (Koalition)", "agreed (coalition)"),
    "pending": ("offen", "pending"),
}
CONTRACT_OUTCOMES = ("adopted", "amended", "rejected", "deferred", "referred", "noted", "withdrawn", "unknown")

LEVELS: dict[str, tuple[str, str]] = {
    "municipality": ("Kommune", "Municipality"),
    "district": ("Kreis / Bezirk", "District"),
    "state": ("Land", "State"),
    "federal": ("Bund", "Federal"),
    "eu": ("EU", "EU"),
    "foreign_city": ("Stadt im Ausland", "Foreign city"),
    "foreign_region": ("Region im Ausland", "Foreign region"),
    "foreign_country": ("Staat im Ausland", "Foreign country"),
}

DIRECTIONS: dict[str, tuple[str, str]] = {
    "advances": ("fördert Freie Software", "advances free software"),
    "reverses": ("kehrt sich ab", "reverses"),
}

REVIEW_STATUSES: dict[str, tuple[str, str]] = {
    "draft": ("Entwurf", "draft"),
    "published": ("veröffentlicht", "published"),
    "rejected": ("verworfen", "rejected"),
}

TEXT_SOURCES = ("text_layer", "ocr", "mixed")


def label(vocab: dict[str, tuple[str, str]], key: str | None, lang: str) -> str:
    """Translated label of a vocabulary id; unknown ids are shown as they are."""
    if key is None:
        return "–"
    pair = vocab.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "de" else pair[1]


def category_label(category_id: str, lang: str) -> str:
    try:
        return taxonomy().get(category_id).label(lang)
    except KeyError:
        return category_id

# What became of a decision (implementation tracking); "unknown" where nothing is recorded.
IMPLEMENTATION_STATUSES: dict[str, tuple[str, str]] = {
    "planned": ("geplant", "planned"),
    "in_progress": ("in Umsetzung", "in progress"),
    "done": ("umgesetzt", "done"),
    "stalled": ("ins Stocken geraten", "stalled"),
    "reversed": ("rückgängig gemacht", "reversed"),
    "unknown": ("nicht erfasst", "not recorded"),
}
