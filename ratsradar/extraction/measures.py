"""Measures: taxonomy cue matching (cues are data in ``data/taxonomy.toml``, never code).

Rules:
- an item is ``relevant`` only when its text hits a relevance cue; an irrelevant item has no measures;
- a category cue counts only within ``PROXIMITY`` characters of a relevance cue, so a generic cue
  ("Finanzierung", "Studie") far away from anything about free software in a long document is ignored;
- at most one measure per category: the strongest evidence wins (a sentence that itself names free software,
  that states a decision, with the most specific cue, earliest);
- ``reverses`` when a reverse cue (``Rückkehr zu Microsoft``) is in the same sentence or close to the cue;
- evidence is the sentence holding the cue, whitespace collapsed, at most ``EVIDENCE_LIMIT`` characters;
  page is the 1-based page of the cue.
Cue syntax: case-insensitive; space and hyphen are interchangeable (``Open Source`` = ``Open-Source``);
a trailing ``*`` continues the word; an all-capitals acronym (``ODF``, ``OSPO``) is case-sensitive.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ratsradar.extraction.prefilter import Filtered
from ratsradar.extraction.text import Span, clean_snippet
from ratsradar.record import MeasureRecord
from ratsradar.vocab import Taxonomy, taxonomy

EVIDENCE_LIMIT = 300
PROXIMITY = 1500
REVERSE_WINDOW = 200
_SLACK = 1000  # characters scanned past a proximity window (see _matches_near)
_DECISION_WORDS = re.compile(
    r"\b(?:beschließt|beschliesst|beschlossen|beauftragt|wird|werden|soll|sollen|richtet|stellt|resolves?|adopts?|"
    r"shall|will|directs?|approves?|approved|adopted)\b",
    re.IGNORECASE,
)


_WORD_START = r"(?<![\w])"


def _cue_pattern(cue: str) -> re.Pattern[str]:
    star = cue.endswith("*")
    core = cue.rstrip("*").strip()
    parts = [re.escape(p) for p in re.split(r"[\s\-‐–]+", core) if p]
    body = r"[\s\-‐–]+".join(parts)
    acronym = core.isupper() and len(core) <= 6 and core.isalpha()
    flags = 0 if acronym else re.IGNORECASE
    left = _WORD_START if core[:1].isalnum() else ""
    right = r"\w*" if star else (r"(?![\w])" if core[-1:].isalnum() else "")
    return re.compile(left + body + right, flags)


@dataclass(frozen=True, slots=True)
class _Compiled:
    # ``Filtered``: the matches of the plain patterns, found without trying them at every character
    categories: tuple[tuple[str, tuple[tuple[str, Filtered], ...]], ...]
    relevance: Filtered
    reverse: Filtered | None


def _alternation(cues: tuple[str, ...]) -> re.Pattern[str]:
    # each cue keeps its own case rule: acronyms inline-case-sensitive via (?-i:...)
    # When every cue starts with the word-boundary lookbehind it is checked once, before the alternatives
    # (the same matches; about ten times faster on a long document than checking it in every branch).
    patterns = [_cue_pattern(cue) for cue in sorted(set(cues), key=len, reverse=True)]
    hoist = all(p.pattern.startswith(_WORD_START) for p in patterns)
    pieces = []
    for p in patterns:
        pattern = p.pattern[len(_WORD_START):] if hoist else p.pattern
        pieces.append(f"(?-i:{pattern})" if not p.flags & re.IGNORECASE else f"(?:{pattern})")
    joined = "|".join(pieces)
    return re.compile(f"{_WORD_START}(?:{joined})" if hoist else joined, re.IGNORECASE)


@lru_cache(maxsize=4)
def _compile(tax: Taxonomy) -> _Compiled:
    cats = tuple(
        (c.id, tuple((cue, Filtered(_cue_pattern(cue))) for cue in dict.fromkeys(c.cues_de + c.cues_en)))
        for c in tax.categories
    )
    reverse = Filtered(_alternation(tax.reverse_cues)) if tax.reverse_cues else None
    # a reverse cue ("Rückkehr zu Microsoft") is itself about free software, so it makes an item relevant too
    return _Compiled(cats, Filtered(_alternation(tax.relevance_cues + tax.reverse_cues)), reverse)


def relevance_hits(text: str, tax: Taxonomy | None = None) -> list[tuple[int, int]]:
    compiled = _compile(tax or taxonomy())
    return [(m.start(), m.end()) for m in compiled.relevance.finditer(text)]


def is_relevant(text: str, tax: Taxonomy | None = None) -> bool:
    return bool(_compile(tax or taxonomy()).relevance.search(text))


def _windows(rel: list[int]) -> list[tuple[int, int]]:
    """The merged ranges of offsets within ``PROXIMITY`` of a relevance cue (only there can a cue count)."""
    out: list[tuple[int, int]] = []
    for r in rel:  # ascending
        lo, hi = max(r - PROXIMITY, 0), r + PROXIMITY
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _matches_near(rx: Filtered, text: str, windows: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(text)`` that start inside ``windows``, found by scanning only the windows
    (a long document is not scanned once per cue; the cues far from any relevance cue never counted).
    A cue match is a few words (a span's whitespace runs are short), so ``_SLACK`` characters past a window
    hold any match that starts inside it."""
    pos = 0
    for lo, hi in windows:
        pos = max(pos, lo)
        while pos <= hi:
            m = rx.search(text, pos, hi + _SLACK)
            if m is None or m.start() > hi:
                break
            yield m
            pos = m.end() if m.end() > m.start() else m.start() + 1


def find_measures(span: Span, tax: Taxonomy | None = None) -> tuple[bool, tuple[MeasureRecord, ...]]:
    """(relevant, measures) of one decision's text."""
    compiled = _compile(tax or taxonomy())
    text = span.text
    rel = [m.start() for m in compiled.relevance.finditer(text)]
    if not rel:
        return False, ()
    reverse_hits = [m.start() for m in compiled.reverse.finditer(text)] if compiled.reverse else []
    windows = _windows(rel)
    measures: list[MeasureRecord] = []
    for cat_id, cues in compiled.categories:
        best: tuple[tuple[float, ...], MeasureRecord] | None = None
        for cue, rx in cues:
            for m in _matches_near(rx, text, windows):
                if not any(abs(r - m.start()) <= PROXIMITY for r in rel):
                    continue
                s, e = span.sentence_at(m.start())
                sentence = text[s:e]
                rel_in_sentence = compiled.relevance.search(sentence) is not None
                decision = _DECISION_WORDS.search(sentence) is not None
                distinct = sum(1 for _, other in cues if other.search(sentence))
                score = (float(rel_in_sentence), float(decision), float(distinct), len(cue) / 40.0, -m.start() / 1e7)
                if best is None or score > best[0]:
                    reverses = any(s - REVERSE_WINDOW <= r <= e + REVERSE_WINDOW for r in reverse_hits) or (
                        compiled.reverse is not None and compiled.reverse.search(sentence) is not None)
                    evidence = clean_snippet(sentence, EVIDENCE_LIMIT, focus=(m.start() - s, m.end() - s))
                    record = MeasureRecord(cat_id, "reverses" if reverses else "advances", evidence, span.page_at(m.start()))
                    best = (score, record)
        if best:
            measures.append(best[1])
    return True, tuple(measures)
