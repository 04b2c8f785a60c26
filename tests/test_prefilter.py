"""``prefilter.Filtered`` must find exactly what ``re`` finds, only faster."""

from __future__ import annotations

import random
import re

import pytest

from ratsradar.extraction import measures, outcomes
from ratsradar.extraction.prefilter import MIN_LENGTH, Filtered, fold
from ratsradar.vocab import taxonomy

ALL_CHARS = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


def _rule_patterns() -> list[re.Pattern[str]]:
    out: list[re.Pattern[str]] = []
    for value in vars(outcomes).values():
        items = value if isinstance(value, list) else [value]
        for item in items:
            item = item[1] if isinstance(item, tuple) else item
            if isinstance(item, Filtered):
                out.append(item.rx)
    compiled = measures._compile(taxonomy())
    out += [compiled.relevance.rx] + ([compiled.reverse.rx] if compiled.reverse else [])
    out += [cue.rx for cue in compiled.cues]
    return out


def _spans(matches: object) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]  # type: ignore[attr-defined]


def test_fold_keeps_together_what_ignorecase_matches() -> None:
    letters = sorted({ch for rx in _rule_patterns() for ch in rx.pattern if ch.isalpha()})
    for letter in letters:
        for ch in re.findall(re.escape(letter), ALL_CHARS, re.IGNORECASE):
            folded = fold(ch)
            assert folded is None or folded == fold(letter), (letter, ch)


def test_fold_keeps_length_or_gives_up() -> None:
    assert fold("İstanbul") is None  # lower-casing makes two characters of one
    assert fold("Beſchluß ΑΣ K") == "beschluß ασ k".replace("σ", fold("σ") or "σ")


TRAPS = ("ſ İ ı K Σ ß ẞ ﬅ µ BESCHLOSSEN beſchloſſen ABGELEHNT abgelehnt. EINSTIMMIG mehrheitlich ☐ ja "
         "Angenommen / abgelehnt Open Source OPEN-SOURCE open‐source ODF odf Ja: 5 Nein: 3 Enthaltung: 1 5:3 "
         "AYES: A, B\nDer Rat beschließt: nimmt den Bericht zur Kenntnis. Der Antrag wurde einstimmig beschlossen. "
         "mit 8 Stimmen einstimmig RESULT: FAILED [4-2-1-1] voted 5-2 Rückkehr zu Microsoft LibreOffice\n").split(" ")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_filtered_matches_are_those_of_re(seed: int) -> None:
    rnd = random.Random(seed)
    text = " ".join(rnd.choice(TRAPS) for _ in range(4000))
    if seed == 3:
        text = text.replace("İ", "I")  # a text that folds (the others fall back to the plain pattern)
    assert len(text) > MIN_LENGTH
    for rx in _rule_patterns():
        f = Filtered(rx)
        assert _spans(f.finditer(text)) == _spans(rx.finditer(text)), rx.pattern
        for pos in (0, 777, len(text) // 2):
            plain, filtered = rx.search(text, pos, pos + 3000), f.search(text, pos, pos + 3000)
            assert (plain and plain.span()) == (filtered and filtered.span()), rx.pattern
        blank = lambda m: " " * len(m.group(0))
        assert f.sub(blank, text) == rx.sub(blank, text), rx.pattern


def test_overlapping_leads_and_patterns_without_a_lead() -> None:
    text = "x" * MIN_LENGTH + " aaab aab ab 12:3 Stimmen"
    for pattern in (r"a+b", r"(?:aa|a)b", r"\d+:\d+", r"\w+\s+Stimmen", r"(?i)(?<!a)ab"):
        rx = re.compile(pattern)
        assert _spans(Filtered(rx).finditer(text)) == _spans(rx.finditer(text)), pattern


def test_every_cue_match_starts_with_the_cue_lead() -> None:
    rnd = random.Random(4)
    compiled = measures._compile(taxonomy())
    words = TRAPS + [w for cue in compiled.cues for w in cue.text.rstrip("*").split()] + ["-", "‐", "x"]
    text = " ".join(rnd.choice(words) for _ in range(20000))
    folded = fold(text.replace("İ", "I"))
    assert folded is not None
    text = text.replace("İ", "I")
    for cue in compiled.cues:
        for m in cue.rx.finditer(text):
            assert cue.lead is not None and folded.startswith(cue.lead, m.start()), (cue.text, m.group(0))


def test_measures_with_the_lead_index_are_those_of_plain_searches(monkeypatch: pytest.MonkeyPatch) -> None:
    from ratsradar.extraction.text import Line, Span

    compiled = measures._compile(taxonomy())
    rnd = random.Random(5)
    words = TRAPS + [w for cue in compiled.cues for w in cue.text.rstrip("*").split()] + ["Der Rat beschließt."] * 20
    for _ in range(5):
        lines = tuple(Line(" ".join(rnd.choice(words) for _ in range(12)).replace("İ", "I"), 1 + i // 40)
                      for i in range(400))
        indexed = measures.find_measures(Span(lines))
        with monkeypatch.context() as patched:
            patched.setattr(measures, "fold", lambda text: None)  # every cue searched window by window
            plain = measures.find_measures(Span(lines))
        assert indexed == plain and indexed[1]
