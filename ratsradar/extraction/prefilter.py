"""Faster searches of the rule patterns over long texts, with exactly the matches of ``re``.

A rule pattern such as ``\\b(?:beschlossen|angenommen|...)\\b`` (case-insensitive) gives ``re`` no literal to
look for, so ``re`` tries it at every one of a long document's characters: a dozen such patterns cost more
than reading the PDF. ``Filtered`` wraps a compiled pattern and reads from it (with ``re``'s own parser):

- ``lead``: strings one of which every match starts with (``besc``, ``ange``, ...), case-folded;
- otherwise ``need``: strings one of which every match contains somewhere.

The text is case-folded once (``fold``: lower case, and the characters ``re`` treats as case variants of
each other, such as ``ſ`` and ``s``, made one). A case-sensitive search of the folded text for the lead
strings finds every position where the pattern could start; the pattern itself decides there, with
``Pattern.match`` on the original text (which sees the same surrounding characters as ``Pattern.search``).
A text without any ``need`` string cannot hold a match. Either way the matches are those of the plain
pattern; where the pattern tells nothing usable, or the text is short, the plain pattern runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

try:  # re's own parser (CPython 3.11); without it every pattern simply runs unfiltered
    from re import _casefix, _parser
    from re import _constants as _c
except ImportError:  # pragma: no cover
    _parser = None  # type: ignore[assignment]

MIN_LENGTH = 2000  # shorter texts are searched with the plain pattern (folding would not pay)
_LEAD_CHARS = 4  # how many leading characters of a match are used to find its possible starts
_MAX_CLASS = 12  # a character class of at most this many literal characters is expanded
_MAX_STRINGS = 300  # more lead strings than this would cost more to look for than they save


def _canonical_table() -> dict[int, int]:
    """Characters that ``re.IGNORECASE`` treats as case variants beyond ``str.lower`` (``ſ``/``s``, ``ı``/``i``,
    ``ς``/``σ`` ...): each mapped to the smallest of its group."""
    if _parser is None:  # pragma: no cover
        return {}
    groups: dict[int, set[int]] = {}
    for code, others in _casefix._EXTRA_CASES.items():
        group = {code, *others}
        for member in list(group):
            group |= groups.get(member, set())
        for member in group:
            groups[member] = group
    return {code: min(group) for code, group in groups.items() if min(group) != code}


_CANONICAL = _canonical_table()
_CANONICAL_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in _CANONICAL) + "]") if _CANONICAL else None


def _fold_char(ch: str) -> str | None:
    low = ch.lower()
    if len(low) != 1:
        return None
    return chr(_CANONICAL.get(ord(low), ord(low)))


def fold_chars(chars: str) -> str | None:
    """What ``fold`` makes of ``chars`` wherever they stand in a text (None if a character has no fold)."""
    out = [_fold_char(ch) for ch in chars]
    return None if any(ch is None for ch in out) else "".join(out)  # type: ignore[arg-type]


_RECENT: list[tuple[str, str | None]] = []  # the last few texts folded, found again by identity (no comparing)


def fold(text: str) -> str | None:
    """``text`` case-folded character by character (same length), or None where lower-casing changes the
    length (``İ``). Two characters that ``re.IGNORECASE`` matches to each other fold to the same character."""
    for seen, folded in reversed(_RECENT):
        if seen is text:
            return folded
    folded = _fold(text)
    _RECENT.append((text, folded))
    del _RECENT[:-4]
    return folded


def _fold(text: str) -> str | None:
    low = text.lower()
    if len(low) != len(text):
        return None
    if _CANONICAL_CHARS is not None and _CANONICAL_CHARS.search(low):
        low = low.translate(_CANONICAL)
    return low


# --- what a pattern's matches must start with / contain ------------------------------------------------------
def _class_chars(items: list[tuple[object, object]]) -> set[str] | None:
    """The characters of a class made only of a few literals (``[’']``), folded; None otherwise."""
    out: set[str] = set()
    for op, av in items:
        if op is not _c.LITERAL:
            return None
        folded = _fold_char(chr(av))  # type: ignore[arg-type]
        if folded is None:
            return None
        out.add(folded)
    return out if 0 < len(out) <= _MAX_CLASS else None


def _lead(items: list[tuple[object, object]], budget: int) -> set[str]:
    """Strings (folded, at most ``budget`` long) one of which every match of ``items`` starts with; ``""`` in
    the set means that some match may start with anything."""
    if budget == 0 or not items:
        return {""}
    (op, av), rest = items[0], items[1:]
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):  # zero-width
        return _lead(rest, budget)
    if op is _c.LITERAL or op is _c.IN:
        chars = _class_chars([(op, av)] if op is _c.LITERAL else av)  # type: ignore[arg-type]
        if chars is None:
            return {""}
        tails = _lead(rest, budget - 1)
        return {ch + tail for ch in chars for tail in tails}
    if op is _c.SUBPATTERN:
        return _lead(list(av[-1].data) + rest, budget)  # type: ignore[index]
    if op is _c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:  # type: ignore[index]
            out |= _lead(list(branch.data) + rest, budget)
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, high, item = av  # type: ignore[misc]
        if high == 0:
            return _lead(rest, budget)
        if high == 1:  # optional or once: what follows it is known
            first = _lead(list(item.data) + rest, budget)
        else:  # a match starts with the item's first repetition
            first = _lead(list(item.data), budget)
        return first | _lead(rest, budget) if low == 0 else first
    if op is _c.ATOMIC_GROUP:
        return _lead(list(av.data), budget)  # type: ignore[attr-defined]
    return {""}


def _need(items: list[tuple[object, object]]) -> set[str] | None:
    """Strings (folded) one of which every match of ``items`` contains; None when nothing is known."""
    options: list[set[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            options.append({"".join(run)})
            run.clear()

    for op, av in items:
        if op is _c.LITERAL:
            folded = _fold_char(chr(av))  # type: ignore[arg-type]
            if folded is not None:
                run.append(folded)
                continue
        flush()
        found: set[str] | None = None
        if op is _c.IN:
            found = _class_chars(av)  # type: ignore[arg-type]
        elif op is _c.SUBPATTERN:
            found = _need(list(av[-1].data))  # type: ignore[index]
        elif op is _c.ATOMIC_GROUP:
            found = _need(list(av.data))  # type: ignore[attr-defined]
        elif op is _c.BRANCH:
            found = set()
            for branch in av[1]:  # type: ignore[index]
                sub = _need(list(branch.data))
                if sub is None:
                    found = None
                    break
                found |= sub
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:  # type: ignore[index]
            found = _need(list(av[2].data))  # type: ignore[index]
        if found:
            options.append(found)
    flush()
    if not options:
        return None
    return max(options, key=lambda s: (min(map(len, s)), -len(s)))


def trie_pattern(strings: set[str]) -> re.Pattern[str]:
    """A case-sensitive pattern matching any of ``strings``, as a trie (one branch per first character)."""
    def build(group: list[str]) -> str:
        if not group:
            return ""
        by_first: dict[str, list[str]] = {}
        ends = False
        for s in group:
            if s:
                by_first.setdefault(s[0], []).append(s[1:])
            else:
                ends = True
        if ends:  # a shorter string is already a whole match: the longer ones need not be looked at
            return ""
        alts = [re.escape(ch) + build(tails) for ch, tails in sorted(by_first.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return re.compile(build(sorted(strings)))


def _analyse(rx: re.Pattern[str]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    if _parser is None:  # pragma: no cover
        return None, None
    try:
        if rx.flags & (re.VERBOSE | re.ASCII | re.LOCALE) or not isinstance(rx.pattern, str):
            return None, None
        parsed = _parser.parse(rx.pattern, rx.flags)
        items = list(parsed.data)
        lead = _lead(items, _LEAD_CHARS)
        if "" not in lead and len(lead) <= _MAX_STRINGS:
            return trie_pattern(lead), None
        need = _need(items)
        if need and "" not in need and len(need) <= _MAX_STRINGS:
            return None, trie_pattern(need)
    except (RecursionError, re.error, TypeError, ValueError, AttributeError):
        pass
    return None, None


class Filtered:
    """A compiled pattern whose ``search``/``finditer``/``sub`` on long texts look only where it can match."""

    __slots__ = ("_lead", "_need", "_ready", "rx")

    def __init__(self, rx: re.Pattern[str] | str, flags: int = 0) -> None:
        self.rx = re.compile(rx, flags) if isinstance(rx, str) else rx
        self._ready = False
        self._lead: re.Pattern[str] | None = None
        self._need: re.Pattern[str] | None = None

    @property
    def pattern(self) -> str:
        return self.rx.pattern

    def _prepare(self) -> None:
        if not self._ready:
            self._lead, self._need = _analyse(self.rx)
            self._ready = True

    def _folded(self, text: str) -> str | None:
        if len(text) < MIN_LENGTH:
            return None
        self._prepare()
        if self._lead is None and self._need is None:
            return None
        return fold(text)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else min(max(endpos, 0), len(text))
        folded = self._folded(text)
        if folded is None:
            return self.rx.search(text, pos, end)
        if self._lead is None:
            assert self._need is not None
            if self._need.search(folded, pos, end) is None:
                return None
            return self.rx.search(text, pos, end)
        return self._search(text, folded, self._lead, pos, end)

    def _search(self, text: str, folded: str, lead: re.Pattern[str], pos: int, end: int) -> re.Match[str] | None:
        """The first match at or after ``pos``: the pattern is tried only where a lead string starts."""
        match = self.rx.match
        find = lead.search
        while True:
            hit = find(folded, pos, end)
            if hit is None:
                return None
            start = hit.start()
            m = match(text, start, end)
            if m is not None:
                return m
            pos = start + 1

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else min(max(endpos, 0), len(text))
        folded = self._folded(text)
        if folded is None or self._lead is None:
            if folded is not None and self._need is not None and self._need.search(folded, pos, end) is None:
                return
            yield from self.rx.finditer(text, pos, end)
            return
        lead = self._lead
        while True:
            m = self._search(text, folded, lead, pos, end)
            if m is None:
                return
            yield m
            pos = m.end()  # a match starts with a lead string, so it is never empty

    def sub(self, repl: Callable[[re.Match[str]], str], text: str) -> str:
        if self._folded(text) is None:
            return self.rx.sub(repl, text)
        pieces: list[str] = []
        last = 0
        for m in self.finditer(text):
            pieces.append(text[last:m.start()])
            pieces.append(repl(m))
            last = m.end()
        if not pieces:
            return text
        pieces.append(text[last:])
        return "".join(pieces)
