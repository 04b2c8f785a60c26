"""Text clean-up and the analysable text of a document or of one agenda item.

Quirks handled here:
- pdfium marks a hyphen at a line end with U+0002 (or U+FFFE) and joins the lines itself: the word is rejoined
  (``Digitali-sierung`` -> ``Digitalisierung``, ``Open-Source-Strategie`` keeps its hyphen);
- OCR text hyphenates at line ends with a plain ``-`` and a newline: rejoined the same way;
- letterheads and footers repeated on every page are dropped after their first occurrence, and so are
  page-number lines (``Seite 2``, ``- 3 -``, ``Page 4 of 9``), so that they neither split sentences nor count
  as evidence twice.
"""

from __future__ import annotations

import bisect
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from itertools import islice

_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
                            "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": " ", "\u200b": ""})
_SOFT_LOWER = re.compile(r"[\x02\ufffe\u00ad][ \n]*(?=[a-zäöüß])")
_SOFT_OTHER = re.compile(r"[\x02\ufffe\u00ad][ \n]*")
_LIGATURE_CHARS = re.compile("[" + "".join(map(chr, _LIGATURES)) + "]")
# the letter before the hyphen is checked after the hyphen is found (the same matches: re then looks for "-" first
# instead of trying the lookbehind at every character)
_HYPHEN_LOWER = re.compile(r"-(?<=[a-zäöüß]-)[ ]*\n[ ]*(?=[a-zäöüß])")
_HYPHEN_UPPER = re.compile(r"-(?<=[A-Za-zÄÖÜäöüß]-)[ ]*\n[ ]*(?=[A-ZÄÖÜ])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PAGE_NUMBER = re.compile(
    r"^(?:[-–]\s*\d{1,4}\s*[-–]|(?:Seite|Page|Blatt)\s+\d{1,4}(?:\s*(?:von|of|/)\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4}|\d{1,3})$",
    re.IGNORECASE,
)
_SPACES = re.compile(r" {2,}")
_SENTENCE_END = re.compile(r"[.!?]['\"”“)]?$")
_JOINERS = frozenset(
    "und oder sowie der die das den dem des ein eine einer eines einem einen für fur von vom zu zur zum im in "
    "am an auf aus bei mit nach über ueber unter durch gegen als wie dass ob nicht bis sich beim and or the of "
    "to for with by a an in on at from".split()
)
_ABBREVIATIONS = frozenset(
    "nr abs art bzw ca dr fr hr hrn str vgl ggf evtl usw inkl ziff gem lt tel prof dipl ing st mio mrd bzgl "
    "zzgl ff no vs etc mr mrs ms jr sr dept approx anl az vol".split()
)


def normalise_page(raw: str) -> str:
    """One page's text as stored: newlines, ligatures and hyphenation fixed, NFC, no trailing blanks."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if _LIGATURE_CHARS.search(text):  # translate walks every character; most pages have nothing to translate
        text = text.translate(_LIGATURES)
    text = unicodedata.normalize("NFC", text)
    text = _SOFT_LOWER.sub("", text)
    text = _SOFT_OTHER.sub("-", text)
    text = _HYPHEN_LOWER.sub("", text)
    text = _HYPHEN_UPPER.sub("-", text)
    text = _CONTROL.sub("", text)
    lines = [(_SPACES.sub(" ", line) if "  " in line else line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def letter_count(text: str) -> int:
    return sum(map(str.isalpha, text))


def has_letters(text: str, n: int) -> bool:
    """``letter_count(text) >= n``, stopping at the ``n``-th letter."""
    return n <= 0 or next(islice(filter(str.isalpha, text), n - 1, None), None) is not None


def word_quality(text: str) -> float:
    """Share of tokens (runs of non-blanks) that look like words (used to judge a text layer or an OCR result)."""
    tokens = len(text.split())  # str.split and re's \s agree on what is blank
    if not tokens:
        return 0.0
    return len(_GOOD_TOKEN.findall(text)) / tokens


_WORDLIKE = r"[(„\"']?[A-Za-zÄÖÜäöüßÀ-ÿ][a-zäöüßà-ÿ]{1,}[-.,;:!?)“\"']*"
_NUMBERLIKE = r"[\d.,:/%€-]+"
# a whole token that is word-like or number-like (neither can match a blank, so a match is one whole token)
_GOOD_TOKEN = re.compile(rf"(?<!\S)(?:{_WORDLIKE}|{_NUMBERLIKE})(?!\S)")


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    page: int  # 1-based
    blank_before: bool = False


_PAGEISH = re.compile(
    r"^(?:Seite|Page|Blatt)\s*\d|\b(?:Seite|Page|Blatt|S\.)\s*\d+(?:\s*(?:von|of|/)\s*\d+)?\s*$|\d+\s*(?:/|von|of)\s*\d+\s*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_AGENDA_LINE = re.compile(r"^(?:Zu\s+)?(?:TOP|Ö|Tagesordnungspunkt|Punkt|(?:Agenda\s+)?Item)\s*\d", re.IGNORECASE)


def _pageish(text: str) -> bool:
    """``_PAGEISH.search(text)``: its second and third forms end with a number before the end of the line, and its
    first can only match at the start; a line that does not end in a digit needs only a look at its start."""
    stripped = text.rstrip()
    if stripped[-1:].isdecimal():  # str.isdecimal is re's \d
        return _PAGEISH.search(text) is not None
    return _PAGEISH.match(text) is not None


def _line_key(text: str) -> str:
    """Lines are compared as they are, except that page numbers in a running header/footer may differ."""
    key = text.casefold()
    if _pageish(text):
        key = _DIGITS.sub("#", key)
    return " ".join(key.split())  # blanks collapsed, ends stripped


def document_lines(page_texts: tuple[str, ...] | list[str]) -> list[Line]:
    """All non-empty lines in reading order, repeated letterheads/footers and page numbers removed."""
    pages: list[list[tuple[str, bool]]] = []
    for text in page_texts:
        lines: list[tuple[str, bool]] = []
        blank = False
        for line in text.split("\n"):
            if not line.strip():
                blank = True
                continue
            lines.append((line.strip(), blank))
            blank = False
        pages.append(lines)
    n_pages = sum(1 for p in pages if p)
    repeated: set[str] = set()
    if n_pages >= 3:
        counts: Counter[str] = Counter()
        for lines in pages:
            edge = lines[:5] + lines[-5:]
            counts.update({_line_key(t) for t, _ in edge if not _AGENDA_LINE.match(t)})
        threshold = max(3, (n_pages + 1) // 2)
        repeated = {k for k, c in counts.items() if c >= threshold and len(k) >= 3}
    out: list[Line] = []
    seen: set[str] = set()
    for page_no, lines in enumerate(pages, start=1):
        last = len(lines) - 1
        for i, (text, blank) in enumerate(lines):
            edge = i < 3 or i > last - 3
            if edge and _PAGE_NUMBER.match(text):
                continue
            if not repeated:
                out.append(Line(text, page_no, blank and i > 0))
                continue
            key = _line_key(text)
            if key in repeated:
                if key in seen:
                    continue
                seen.add(key)
            out.append(Line(text, page_no, blank and i > 0))
    return out


@dataclass(frozen=True)
class Span:
    """Lines joined into one string, with the page of every character and its sentences."""

    lines: tuple[Line, ...]

    @cached_property
    def _built(self) -> tuple[str, list[int], list[int]]:
        parts: list[str] = []
        starts: list[int] = []
        pages: list[int] = []
        pos = 0
        for i, line in enumerate(self.lines):
            if i:
                sep = "\n\n" if line.blank_before else "\n"
                parts.append(sep)
                pos += len(sep)
            starts.append(pos)
            pages.append(line.page)
            parts.append(line.text)
            pos += len(line.text)
        return "".join(parts), starts, pages

    @property
    def text(self) -> str:
        return self._built[0]

    @property
    def first_page(self) -> int | None:
        return self.lines[0].page if self.lines else None

    def page_at(self, offset: int) -> int:
        _, starts, pages = self._built
        if not pages:
            return 1
        i = bisect.bisect_right(starts, offset) - 1
        return pages[max(i, 0)]

    @cached_property
    def _typical(self) -> int:
        lengths = sorted(len(l.text) for l in self.lines)
        return lengths[int(len(lengths) * 0.8)] if lengths else 60

    def _breaks_after(self, i: int) -> bool:
        """Whether a sentence unit ends with line ``i`` (the next line does not continue it)."""
        nxt = self.lines[i + 1] if i + 1 < len(self.lines) else None
        return nxt is None or not _joins(self.lines[i].text, nxt, self._typical)

    @cached_property
    def _units(self) -> dict[int, tuple[int, int]]:
        return {}  # line -> (first, last) line of its unit, filled as units are looked at

    @cached_property
    def _unit_split(self) -> dict[int, list[tuple[int, int]]]:
        return {}  # first line of a unit -> its sentences

    def _unit_of_line(self, k: int) -> tuple[int, int]:
        """First and last line of the unit (run of lines that make up sentences) holding line ``k``; whether one
        line continues the next depends only on the two lines, so a unit is found by looking around ``k``."""
        known = self._units.get(k)
        if known is not None:
            return known
        first = k
        while first > 0 and not self._breaks_after(first - 1):
            first -= 1
        last = k
        while not self._breaks_after(last):
            last += 1
        for i in range(first, last + 1):
            self._units[i] = (first, last)
        return first, last

    def _unit_sentences(self, first: int, last: int) -> list[tuple[int, int]]:
        found = self._unit_split.get(first)
        if found is None:
            _, starts, _ = self._built
            found = self._unit_split[first] = _split_sentences(self.text, starts[first],
                                                               starts[last] + len(self.lines[last].text))
        return found

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) offsets of sentences; a heading or label line is a sentence of its own."""
        out: list[tuple[int, int]] = []
        k = 0
        while k < len(self.lines):
            first, last = self._unit_of_line(k)
            out.extend(self._unit_sentences(first, last))
            k = last + 1
        return out

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The last sentence starting at or before ``offset``: in the unit of the last line starting there, or
        (when that unit is empty) in an earlier one. Only those units are split."""
        _, starts, _ = self._built
        k = bisect.bisect_right(starts, offset) - 1
        while k >= 0:
            first, last = self._unit_of_line(k)
            sents = self._unit_sentences(first, last)
            i = bisect.bisect_right(sents, (offset, sys.maxsize)) - 1
            if i >= 0:
                return sents[i]
            k = first - 1
        return (0, min(len(self.text), 300))


_LIST_ITEM = re.compile(r"^(?:[-•▪–*]|\d{1,2}[.)]|[a-z][.)])\s")
_LABEL = re.compile(r"^[A-ZÄÖÜ][\w\-/ .]{1,30}:\s")
_HEADING_LINE = re.compile(r"^(?:Zu\s+)?(?:TOP\s*\d|Ö\s?\d|Tagesordnungspunkt\s+\d|(?:Agenda\s+)?Item\s+\d)", re.IGNORECASE)
_LABEL_WORDS = re.compile(
    r"^(?:Drucksache|Drs\.|Vorlage|Sitzungsvorlage|Beschlussvorlage|Beschluss|Abstimmung|Abstimmungsergebnis|Ergebnis|"
    r"Berichterstatter\w*|Antrag(?:steller\w*)?|Betreff|Resolution\s+\d|Motion\s+by|Vote)\b", re.IGNORECASE)


def _joins(line: str, nxt: Line, typical: int) -> bool:
    """Whether ``nxt`` continues the sentence of ``line``."""
    if _SENTENCE_END.search(line) or line.endswith((":", ";")):
        return False
    if _HEADING_LINE.match(line) or _HEADING_LINE.match(nxt.text) or _LABEL_WORDS.match(nxt.text):
        return False
    if _LABEL.match(nxt.text) or _LIST_ITEM.match(nxt.text):
        return False
    last_word = line.rsplit(" ", 1)[-1].casefold()
    if line.endswith((",", "-", "–")) or last_word in _JOINERS:
        return True
    first = nxt.text[:1]
    if first.islower():
        return True
    if nxt.blank_before:
        return False
    return len(line) >= 0.6 * typical


_DOTTED_NUMBER = re.compile(r"[\d.]+")
_SPLIT = re.compile(r"(?<=[.!?])['\"”“)]?\s+(?=[\"„(]?[A-ZÄÖÜ0-9])")


def _split_sentences(text: str, a: int, b: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = a
    for m in _SPLIT.finditer(text, a, b):
        words = text[start:m.start()].rsplit(None, 1)  # the last run of non-blanks before the split
        token = words[-1].rstrip(".!?").casefold() if words else ""
        if len(token) <= 1 or token.isdigit() or token in _ABBREVIATIONS or _DOTTED_NUMBER.fullmatch(token):
            continue
        out.append((start, m.start()))
        start = m.end()
    if start < b:
        out.append((start, b))
    return out


def clean_snippet(text: str, limit: int = 300, focus: tuple[int, int] | None = None) -> str:
    """Whitespace collapsed; cut to ``limit`` characters around ``focus`` (offsets into ``text``)."""
    flat = re.sub(r"\s+", " ", text).strip()
    if len(flat) <= limit:
        return flat
    if focus is None:
        cut = flat[: limit - 1].rsplit(" ", 1)[0]
        return cut + "…"
    # map focus to the flattened text approximately: count collapsed characters before it
    prefix = re.sub(r"\s+", " ", text[: focus[0]]).lstrip()
    centre = len(prefix) + (focus[1] - focus[0]) // 2
    half = (limit - 2) // 2
    lo = max(0, centre - half)
    hi = min(len(flat), lo + limit - 2)
    lo = max(0, hi - (limit - 2))
    piece = flat[lo:hi]
    if lo > 0:
        piece = "…" + piece.split(" ", 1)[-1] if " " in piece else "…" + piece
    if hi < len(flat):
        piece = (piece.rsplit(" ", 1)[0] if " " in piece else piece) + "…"
    return piece
