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

from ratsradar.extraction.prefilter import (
    MIN_LENGTH,
    Filtered,
    fold,
    fold_chars,
    trie_pattern,
)
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


def _cue_source(cue: str) -> tuple[str, int]:
    """The pattern text and flags of one cue."""
    star = cue.endswith("*")
    core = cue.rstrip("*").strip()
    parts = [re.escape(p) for p in re.split(r"[\s\-‐–]+", core) if p]
    body = r"[\s\-‐–]+".join(parts)
    acronym = core.isupper() and len(core) <= 6 and core.isalpha()
    flags = 0 if acronym else re.IGNORECASE
    left = _WORD_START if core[:1].isalnum() else ""
    right = r"\w*" if star else (r"(?![\w])" if core[-1:].isalnum() else "")
    return left + body + right, flags


def _cue_pattern(cue: str) -> re.Pattern[str]:
    return re.compile(*_cue_source(cue))


def _cue_lead(cue: str) -> str | None:
    """What every match of the cue's pattern starts with, case-folded (``prefilter.fold``): the first (at most
    four) characters of its first word, which the pattern holds as plain characters after a zero-width check."""
    words = [w for w in re.split(r"[\s\-‐–]+", cue.rstrip("*").strip()) if w]
    return (fold_chars(words[0][:4]) or None) if words else None


class _Cue:
    """One category cue; its pattern is compiled when a document first needs it (most cues never match)."""

    __slots__ = ("_rx", "_source", "lead", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.lead = _cue_lead(text)
        self._source = _cue_source(text)
        self._rx: re.Pattern[str] | None = None

    @property
    def rx(self) -> re.Pattern[str]:
        if self._rx is None:
            self._rx = re.compile(*self._source)
        return self._rx


class _LeadIndex:
    """All cues' leads in one case-sensitive pattern over the folded text: one scan of the windows finds, for
    every cue, each position where a match of it could start."""

    def __init__(self, cues: list[_Cue]) -> None:
        self.cues: dict[str, list[int]] = {}
        for i, cue in enumerate(cues):
            if cue.lead:
                self.cues.setdefault(cue.lead, []).append(i)
        self.lengths = sorted({len(lead) for lead in self.cues})
        self.pattern = trie_pattern(set(self.cues)) if self.cues else None

    def starts(self, folded: str, windows: list[tuple[int, int]]) -> dict[int, list[int]]:
        """Cue number -> ascending offsets in ``windows`` where the cue's lead begins (within ``_SLACK``)."""
        out: dict[int, list[int]] = {}
        if self.pattern is None:
            return out
        find, leads = self.pattern.search, self.cues
        for lo, hi in windows:
            end = min(hi + _SLACK, len(folded))
            pos = lo
            while True:
                hit = find(folded, pos, end)
                if hit is None or hit.start() > hi:
                    break
                q = hit.start()
                for length in self.lengths:
                    if q + length <= end:
                        for i in leads.get(folded[q:q + length], ()):
                            out.setdefault(i, []).append(q)
                pos = q + 1
        return out


@dataclass(frozen=True, slots=True)
class _Compiled:
    categories: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]  # category id, its (cue, cue number)s
    cues: tuple[_Cue, ...]
    leads: _LeadIndex
    # ``Filtered``: the matches of the plain patterns, found without trying them at every character
    relevance: Filtered
    reverse: Filtered | None


def _alternation(cues: tuple[str, ...]) -> re.Pattern[str]:
    # each cue keeps its own case rule: acronyms inline-case-sensitive via (?-i:...)
    # When every cue starts with the word-boundary lookbehind it is checked once, before the alternatives
    # (the same matches; about ten times faster on a long document than checking it in every branch).
    patterns = [_cue_source(cue) for cue in sorted(set(cues), key=len, reverse=True)]
    hoist = all(source.startswith(_WORD_START) for source, _ in patterns)
    pieces = []
    for source, flags in patterns:
        pattern = source[len(_WORD_START):] if hoist else source
        pieces.append(f"(?-i:{pattern})" if not flags & re.IGNORECASE else f"(?:{pattern})")
    joined = "|".join(pieces)
    return re.compile(f"{_WORD_START}(?:{joined})" if hoist else joined, re.IGNORECASE)


@lru_cache(maxsize=4)
def _compile(tax: Taxonomy) -> _Compiled:
    cues: list[_Cue] = []
    cats = []
    for c in tax.categories:
        numbered = []
        for cue in dict.fromkeys(c.cues_de + c.cues_en):
            numbered.append((cue, len(cues)))
            cues.append(_Cue(cue))
        cats.append((c.id, tuple(numbered)))
    reverse = Filtered(_alternation(tax.reverse_cues)) if tax.reverse_cues else None
    # a reverse cue ("Rückkehr zu Microsoft") is itself about free software, so it makes an item relevant too
    return _Compiled(tuple(cats), tuple(cues), _LeadIndex(cues),
                     Filtered(_alternation(tax.relevance_cues + tax.reverse_cues)), reverse)


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


def _matches_near(rx: re.Pattern[str], text: str, windows: list[tuple[int, int]],
                  starts: list[int] | None = None) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(text)`` that start inside ``windows``, found by scanning only the windows
    (a long document is not scanned once per cue; the cues far from any relevance cue never counted).
    A cue match is a few words (a span's whitespace runs are short), so ``_SLACK`` characters past a window
    hold any match that starts inside it. ``starts``: every offset in the windows where a match could start
    (``_LeadIndex.starts``); the pattern is then tried only there, which finds the same matches as searching."""
    pos = 0
    k = 0
    for lo, hi in windows:
        pos = max(pos, lo)
        while pos <= hi:
            if starts is None:
                m = rx.search(text, pos, hi + _SLACK)
                if m is None or m.start() > hi:
                    break
            else:
                while k < len(starts) and starts[k] < pos:
                    k += 1
                if k == len(starts) or starts[k] > hi:
                    break
                m = rx.match(text, starts[k], hi + _SLACK)
                k += 1
                if m is None:
                    continue
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
    folded = fold(text) if len(text) >= MIN_LENGTH else None
    starts = compiled.leads.starts(folded, windows) if folded is not None else None
    all_cues = compiled.cues
    measures: list[MeasureRecord] = []
    for cat_id, cues in compiled.categories:
        best: tuple[tuple[float, ...], MeasureRecord] | None = None
        for cue, number in cues:
            this = all_cues[number]
            if starts is not None and this.lead is not None:
                found = starts.get(number)
                if not found:
                    continue  # no position in the windows where a match of this cue could start
                matches = _matches_near(this.rx, text, windows, found)
            else:
                matches = _matches_near(this.rx, text, windows)
            for m in matches:
                if not any(abs(r - m.start()) <= PROXIMITY for r in rel):
                    continue
                s, e = span.sentence_at(m.start())
                sentence = text[s:e]
                rel_in_sentence = compiled.relevance.search(sentence) is not None
                decision = _DECISION_WORDS.search(sentence) is not None
                # a cue whose lead is not in the (folded) sentence cannot match there
                folded_sentence = folded[s:e] if folded is not None else None
                distinct = sum(1 for _, i in cues
                               if (folded_sentence is None or all_cues[i].lead is None
                                   or all_cues[i].lead in folded_sentence)
                               and all_cues[i].rx.search(sentence))
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
