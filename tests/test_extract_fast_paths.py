"""The shortcuts in ``extraction.text`` answer what their plain definitions answer."""

from __future__ import annotations

import bisect
import random
import re

from ratsradar.extraction import text as t
from ratsradar.extraction.text import Line, Span

WORDS = ["Seite", "Page", "blatt", "S.", "3", "12", "von", "of", "/", "Der", "Rat", "beschließt.", "Nr.", "5.",
         "(Anlage", "1)", "ODF", "„Open", "Source“", "x", "-", "–", "%", "12,5", "٣", "Ⅻ", "²", "\u00a0", "Dr.",
         "Abs.", "Z.", "Test!", "Ende?", "\"Zitat.\"", "ÄÖÜ", "ſ", "ﬁ", "1.2.3", "\x1c"]


def _lines(rnd: random.Random, n: int) -> list[str]:
    return [" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(0, 9))) + rnd.choice(["", " ", "\n", " 7"])
            for _ in range(n)]


def test_pageish_shortcut_is_the_pattern_search() -> None:
    rnd = random.Random(7)
    for line in _lines(rnd, 5000) + ["Seite 3", "Seite 3 von 9", "  - 4 -  ", "2/9\n", "Seite3x", "page 2 of 3 "]:
        assert t._pageish(line) == (t._PAGEISH.search(line) is not None), repr(line)


def test_word_quality_and_letters_are_the_token_by_token_definitions() -> None:
    word = re.compile(t._WORDLIKE)
    number = re.compile(t._NUMBERLIKE)
    rnd = random.Random(8)
    for text in ["", "   ", *_lines(rnd, 3000)]:
        tokens = re.findall(r"\S+", text)
        expected = (sum(1 for x in tokens if word.fullmatch(x) or number.fullmatch(x)) / len(tokens)) if tokens else 0.0
        assert t.word_quality(text) == expected, repr(text)
        assert t.letter_count(text) == sum(1 for ch in text if ch.isalpha())


def test_sentence_at_is_the_last_sentence_starting_before() -> None:
    rnd = random.Random(9)
    for _ in range(200):
        lines = tuple(Line(x.strip(), rnd.randint(1, 3), rnd.random() < 0.2) for x in _lines(rnd, rnd.randint(0, 12)))
        everything = Span(lines).sentences
        starts = [s for s, _ in everything]
        span = Span(lines)  # fresh: splits only what is asked for
        for offset in range(-1, len(span.text) + 2):
            i = bisect.bisect_right(starts, offset) - 1
            expected = everything[i] if i >= 0 else (0, min(len(span.text), 300))
            assert span.sentence_at(offset) == expected


def test_has_letters_is_a_letter_count() -> None:
    rnd = random.Random(10)
    for text in ["", "ab", *_lines(rnd, 500)]:
        for n in (-1, 0, 1, 2, 5, 25):
            assert t.has_letters(text, n) == (t.letter_count(text) >= n)


def test_hyphen_patterns_match_as_with_the_lookbehind_first() -> None:
    lower = re.compile(r"(?<=[a-zäöüß])-[ ]*\n[ ]*(?=[a-zäöüß])")
    upper = re.compile(r"(?<=[A-Za-zÄÖÜäöüß])-[ ]*\n[ ]*(?=[A-ZÄÖÜ])")
    rnd = random.Random(11)
    pieces = ["-", "- ", "-\n", " \n", "\n", "a", "Z", "ß", "Ä", "1", " ", "Digitali", "sierung", "Open", "Source"]
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        assert [m.span() for m in t._HYPHEN_LOWER.finditer(text)] == [m.span() for m in lower.finditer(text)]
        assert [m.span() for m in t._HYPHEN_UPPER.finditer(text)] == [m.span() for m in upper.finditer(text)]
