"""Splitting minutes (Niederschrift, Protokoll, minutes) and agendas into agenda items.

Headings recognised at the start of a line: ``TOP 3``, ``Zu TOP 3:``, ``TOP 8.2.4``, ``Ö 3`` (München),
``Tagesordnungspunkt 3``, ``Punkt 3``, ``Item 2``/``Agenda Item 2``, and plain numbered headings (``4. Sonstiges``)
when they continue the sequence of marked headings, or, without any marked heading, form a sequence from 1.
An agenda printed at the top of the minutes and the detailed items later carry the same numbers; such
occurrences are merged into one item (the heading's title, the text of all occurrences).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ratsradar.extraction.dates import MONTHS, find_dates
from ratsradar.extraction.text import Line, document_lines

_NUMBER = r"(\d{1,3}(?:\.\d{1,3}){0,3})"
_MARKED = [
    # "TOP 3", "TOP Ö 3" (a public item of a council information system's export)
    re.compile(rf"^(?:Zu\s+)?(?:TOP|Top|TO-Punkt|TOP-Nr\.?)\s*(?:Ö\s?)?{_NUMBER}\b\.?\s*[:.)\-–]?\s*(.*)$"),
    re.compile(rf"^Ö\s?{_NUMBER}\.?\s+(\S.*)$"),
    # "Punkt 3:", "Zu Punkt 3 der Tagesordnung: ...", "Point n° 3 : ..."
    re.compile(rf"^(?:Zu\s+)?(?:Tagesordnungspunkt|Punkt|Point)\s+(?:n\s?[°o]\s*)?{_NUMBER}\b\.?(?:\s+der\s+Tagesordnung\b)?"
               rf"\s*[:.)\-–]?\s*(.*)$"),
    re.compile(rf"^(?:Agenda\s+)?Item\s+(?:No\.?\s*)?{_NUMBER}\b\.?\s*[:.)\-–]?\s*(.*)$", re.IGNORECASE),
]
# (a scanned agenda may keep a table rule before the title: "13) | Convention de partenariat ...")
_NUMBERED = re.compile(r"^(\d{1,2})(?:\.|\)|\.\)|\s*[–-])\s+(?:\|\s*)?([A-ZÄÖÜÉÈÀÂÇÎ„«\"][^\n]{1,200})$")
# a number alone on its line ("20)"): its title is on a line after it, or after the next bare numbers when a
# table's number column came out before its title column ("20)" "21)" "Modification ..." "Modification ...")
_BARE_NUMBER = re.compile(r"^(\d{1,2})(?:\.|\)|\.\))$")
# Swiss/cantonal agendas print the business number and the page: "... (20/BS 55/507) Seite 6"
_BUSINESS_NO = re.compile(r"\((\d{2}/[A-Z]{2}\s?\d{1,3}/\d{1,4})\)")
_PAGE_SUFFIX = re.compile(r"\s+Seite\s+(?:\d+|-+)\s*$")
_PROCEDURE_LINE = re.compile(r"^(?:(?:Eintreten|Detailberatung|Beschlussfassung|Beantwortung|Diskussion|Redaktionslesung|Schlussabstimmung|"
                             r"Erste Lesung|Zweite Lesung|Wahl)(?:,\s*|\s+|$))+(?:Seite\s+(?:\d+|-+))?\s*$")
_MAX_NUMBERED_TITLE = 60
_MAX_SEQUENCE_TITLE = 90
# French agendas and procès-verbaux print a heading over a full line or more ("2) Présentation du rapport annuel du
# Président de la Communauté d'Agglomération ... pour"); in a numbered sequence such a long line still heads an item
_MAX_LONG_TITLE = 200
# a budget table's row "10 - Dotations, fonds divers 150 000,00" is numbered like a heading but ends in an amount
_AMOUNT_END = re.compile(r"\d(?:[\d  .]*\d)?,\d{2}\s*€?$")
_MONTH_START = re.compile(
    r"^(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|January|February|March|"
    r"May|June|July|October|December)\b"
)


@dataclass(frozen=True, slots=True)
class AgendaItem:
    number: str
    title: str
    lines: tuple[Line, ...]  # heading line included

    @property
    def page(self) -> int:
        return self.lines[0].page


@dataclass(frozen=True, slots=True)
class _Heading:
    index: int
    number: str
    title: str


def _marked(text: str) -> tuple[str, str] | None:
    for rx in _MARKED:
        m = rx.match(text)
        if m:
            return m.group(1), m.group(2).strip(" :.-–")
    return None


def _numbered(text: str, limit: int = _MAX_NUMBERED_TITLE, *, full_stop: bool = False) -> tuple[str, str] | None:
    """(number, title) of a numbered heading line; ``full_stop`` accepts a title ending with a full stop (stripped)."""
    m = _NUMBERED.match(text)
    if not m:
        return None
    title = _PAGE_SUFFIX.sub("", m.group(2).strip())
    if full_stop and title.endswith(".") and not title.endswith(".."):
        title = title[:-1].rstrip()
    if len(title) > limit or title.endswith((".", ",", ";")) or _MONTH_START.match(title):
        return None
    if re.match(r"^(?:Sitzung|Session|Séance)\b", title, re.I):
        return None  # "1. Sitzung Mittwoch, 22.01.2020" names the meeting, it is no agenda item
    return m.group(1), title


def _date_line(text: str) -> bool:
    m = _NUMBERED.match(text)
    return bool(m and _MONTH_START.match(m.group(2)))


def _major(number: str) -> int:
    return int(number.split(".")[0])


def find_headings(lines: list[Line]) -> list[_Heading]:
    marked = [(_marked(l.text), i) for i, l in enumerate(lines)]
    headings: list[_Heading] = [_Heading(i, h[0], h[1]) for h, i in marked if h]
    if headings:
        # numbered headings that continue the marked sequence ("4. Sonstiges" after "TOP 3")
        extra: list[_Heading] = []
        marked_idx = {h.index for h in headings}
        for i, line in enumerate(lines):
            if i in marked_idx:
                continue
            n = _numbered(line.text)
            if not n:
                continue
            before = [h for h in headings + extra if h.index < i]
            if before and _major(n[0]) == _major(max(before, key=lambda h: h.index).number) + 1:
                extra.append(_Heading(i, n[0], n[1]))
        headings = sorted(headings + extra, key=lambda h: h.index)
        return headings
    # no marked headings: a numbered sequence 1, 2, 3 ... of heading lines (it may restart at 1 after an
    # agenda printed on the cover)
    candidates = _sequence_candidates(lines)
    seq = _sequence(lines, candidates)
    # agendas numbered in Roman numerals ("I. Call to Order & Roll Call", "II. Review and Adoption of the Minutes"),
    # read only when the Arabic numbers make no sequence
    return (seq or _sequence(lines, _roman_candidates(lines)) or _lettered(lines)
            or _single_item(lines, candidates))


# "MEETING AGENDA" / "1. Matters relating to ...": an agenda of one item, under the heading that announces it
_AGENDA_HEADING = re.compile(r"^(?:[\w ]{0,30}\b)?(?:AGENDA|Agenda|Tagesordnung|TAGESORDNUNG|Ordre du jour|ORDRE DU JOUR)\s*:?$")


def _single_item(lines: list[Line], candidates: list[tuple[int, tuple[str, str]]]) -> list[_Heading]:
    for i, n in candidates:
        if n[0] == "1" and i > 0 and _AGENDA_HEADING.match(lines[i - 1].text):
            return [_Heading(i, n[0], n[1])]
    return []


def _sequence(lines: list[Line], candidates: list[tuple[int, tuple[str, str]]]) -> list[_Heading]:
    # minutes that print their headings in capitals ("6. PUBLIC HEARINGS") number sub-items too ("1. Election of
    # Chair"): when at least three numbered lines are in capitals, only those are headings
    caps = [(i, n) for i, n in candidates if _all_caps(n[1])]
    if len(caps) >= 3:
        candidates = caps
    seq: list[_Heading] = []
    stops: set[int] = set()  # headings read from a title that ends with a full stop
    for i, n in candidates:
        if lines[i].text.rstrip().endswith(".") and _numbered(lines[i].text, _MAX_LONG_TITLE) is None:
            stops.add(i)
    expected = 1
    top = 0  # the highest number of the running sequence: "5." ... "1." (a sub-list) ... "6." continues it
    for i, n in candidates:
        number = int(n[0])
        if number == expected or (number == 1 and expected > 2) or (top and number == top + 1):
            if number == 1 and expected > 2:
                top = max(top, expected - 1)
            seq.append(_Heading(i, n[0], n[1]))
            expected = number + 1
            top = max(top, number) if number == top + 1 else top
    if len(seq) < 2 or all(h.index in stops for h in seq):
        return []  # "1. Der Rat stimmt zu." "2. Die Verwaltung ...": numbered sentences of one text, no agenda
    return seq


_ROMAN_HEADING = re.compile(rf"^([IVX]{{1,5}})[.)]\s+([A-Z][^\n]{{1,{_MAX_SEQUENCE_TITLE}}})$")
_ROMAN = {"I": 1, "V": 5, "X": 10}


# agendas lettered "A. CALL TO ORDER", "B. ROLL CALL", "C. APPROVAL OF MINUTES": read only when neither Arabic nor
# Roman numbers make a sequence, and from three letters on (a single "A. Smith" is an initial)
_LETTER_HEADING = re.compile(rf"^([A-Z])[.)]\s+([A-Z][^\n]{{1,{_MAX_SEQUENCE_TITLE}}})$")
_MIN_LETTERED = 3


def _lettered(lines: list[Line]) -> list[_Heading]:
    candidates: list[tuple[int, tuple[str, str]]] = []
    for i, line in enumerate(lines):
        m = _LETTER_HEADING.match(line.text)
        if m and not m.group(2).endswith((".", ",", ";")):
            candidates.append((i, (str(ord(m.group(1)) - ord("A") + 1), m.group(2).strip())))
    seq = _sequence(lines, candidates)
    return seq if len(seq) >= _MIN_LETTERED else []


def _roman_value(numeral: str) -> int | None:
    total = 0
    for k, c in enumerate(numeral):
        v = _ROMAN[c]
        total += -v if k + 1 < len(numeral) and _ROMAN[numeral[k + 1]] > v else v
    return total if 0 < total <= 30 else None


def _roman_candidates(lines: list[Line]) -> list[tuple[int, tuple[str, str]]]:
    out: list[tuple[int, tuple[str, str]]] = []
    for i, line in enumerate(lines):
        m = _ROMAN_HEADING.match(line.text)
        value = _roman_value(m.group(1)) if m else None
        if m and value and not m.group(2).endswith((".", ",", ";")):
            out.append((i, (str(value), m.group(2).strip())))
    return out


def _sequence_candidates(lines: list[Line]) -> list[tuple[int, tuple[str, str]]]:
    """Numbered lines that may head agenda items when no line is marked as one ("TOP 3")."""
    out: list[tuple[int, tuple[str, str]]] = []
    k = 0
    while k < len(lines):
        text = lines[k].text
        bare = _BARE_NUMBER.match(text)
        if bare:
            run = [k]
            while run[-1] + 1 < len(lines) and _BARE_NUMBER.match(lines[run[-1] + 1].text):
                run.append(run[-1] + 1)
            titles = lines[run[-1] + 1: run[-1] + 1 + len(run)]
            if len(titles) == len(run) and all(_bare_title(t.text) for t in titles):
                out.extend((i, (_BARE_NUMBER.match(lines[i].text).group(1), t.text))  # type: ignore[union-attr]
                           for i, t in zip(run, titles))
            k = run[-1] + 1
            continue
        n = _numbered(text, _MAX_SEQUENCE_TITLE, full_stop=True)
        if n is None:
            n = _numbered(text, _MAX_LONG_TITLE)
        if n is None:
            n = _semicolon_title(lines, k)
        if n and not _AMOUNT_END.search(n[1]):
            out.append((k, n))
        k += 1
    return out


def _semicolon_title(lines: list[Line], k: int) -> tuple[str, str] | None:
    """An item title in two parts over two lines ("1. Unser Stadtteilhaus West (Büchenbach);" / "Gemeinsam Gestalten,
    gemeinsam Erleben" / "2. ..."): the second line is a short subtitle, not numbered, and the next item or the end
    of the text follows it (a numbered clause of a resolution ending with ';' goes on with the next clause)."""
    m = _NUMBERED.match(lines[k].text)
    if not m or not m.group(2).rstrip().endswith(";") or k + 1 >= len(lines):
        return None
    nxt = lines[k + 1].text.strip()
    after = lines[k + 2].text if k + 2 < len(lines) else ""
    if (not nxt[:1].isupper() or len(nxt) > _MAX_NUMBERED_TITLE or nxt.endswith((".", ";", ":"))
            or _NUMBERED.match(nxt) or _BARE_NUMBER.match(nxt) or (after and not _NUMBERED.match(after))):
        return None
    head = _numbered(m.group(1) + ". " + m.group(2).rstrip()[:-1].rstrip(), _MAX_SEQUENCE_TITLE)
    return (head[0], f"{head[1]}; {nxt}") if head else None


def _bare_title(text: str) -> bool:
    return bool(text[:1].isupper()) and len(text) <= _MAX_LONG_TITLE and not text.endswith((".", ",", ";")) \
        and _NUMBERED.match(text) is None and _BARE_NUMBER.match(text) is None


def _all_caps(title: str) -> bool:
    letters = [c for c in title if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def split_agenda(lines: list[Line]) -> tuple[list[Line], list[AgendaItem]]:
    """(preamble lines, agenda items); no items when the text has no agenda structure."""
    headings = find_headings(lines)
    if not headings:
        return lines, []
    preamble = lines[: headings[0].index]
    segments: list[tuple[_Heading, list[Line]]] = []
    for k, h in enumerate(headings):
        end = headings[k + 1].index if k + 1 < len(headings) else len(lines)
        segments.append((h, lines[h.index:end]))
    _end_printed_agenda(segments)
    merged: dict[str, list[tuple[_Heading, list[Line]]]] = {}
    for h, seg in segments:
        merged.setdefault(h.number, []).append((h, seg))
    items: list[AgendaItem] = []
    for number, group in merged.items():
        title = next((h.title for h, _ in group if h.title), "")
        if not title:
            # title on the line after a bare "TOP 3"
            for _, seg in group:
                if len(seg) > 1:
                    title = seg[1].text
                    break
        group_lines = [line for _, seg in sorted(group, key=lambda g: -len(g[1])) for line in seg]
        # keep reading order within the item, but start with its longest occurrence
        items.append(AgendaItem(number, _continue_title(title, group), tuple(group_lines)))
    return preamble, items


def _end_printed_agenda(segments: list[tuple[_Heading, list[Line]]]) -> None:
    """An agenda printed before the proceedings ends with its last item: what follows it (attendance lists, the
    chair's opening words) until the first item is taken up belongs to no item.

    The printed agenda is the run of headings before the numbering starts again; its last item keeps no more
    lines than the longest of the other printed items (an item without a discussed occurrence would otherwise
    take the opening of the session as its own text, and its outcome).
    """
    first = segments[0][0].number if segments else ""
    restart = next((k for k in range(1, len(segments))
                    if segments[k][0].number == first and _major(segments[k][0].number) < _major(segments[k - 1][0].number)), None)
    if restart is None or restart < 2:
        return
    printed = [len(seg) for _, seg in segments[: restart - 1]]
    keep = max(printed)
    heading, last = segments[restart - 1]
    if len(last) > keep:
        segments[restart - 1] = (heading, last[:keep])


_MAX_COMMA_TAIL_WORDS = 6
_JOINING = frozenset("und oder der die das des den dem für zur zum von auf mit im in über of and the for to on "
                     "de du la le les et à au aux pour sur en par entre avec d l".split())
_NOT_TITLE = re.compile(
    r"^(?:Drucksache|Drs\.|Vorlage|Sitzungsvorlage|Beschlussvorlage|Beschluss|Abstimmung|Ergebnis|Berichterstatt\w*|"
    r"Antrag(?:steller\w*)?\b|Resolution|Motion|Vote|Der |Die |Das |The |Herr |Frau |[-•])",
    re.IGNORECASE,
)


def _continue_title(title: str, group: list[tuple[_Heading, list[Line]]]) -> str:
    """A heading broken over two lines: take the next line too when it is a short continuation."""
    title = _business_title(title, group)
    if _BUSINESS_NO.search(title):
        return title
    for h, seg in group:
        if h.title != title or len(seg) < 2 or not title:
            continue
        nxt = seg[1].text
        if title.endswith(f"; {nxt}"):
            return title  # the subtitle was read with the heading (see _semicolon_title)
        if title.endswith("-") and not title.endswith(" -"):
            return title + nxt
        # "TOP 1: Frau X, Amt für Sport," / "teilt mit, dass ...": a heading that begins a sentence, not a title
        # that runs on (a continuation after a comma is short, or a name)
        prose = nxt[:1].islower() and len(nxt.split()) > _MAX_COMMA_TAIL_WORDS
        joins = (title.endswith(",") and not prose) or _last_word(title) in _JOINING or title.endswith((" -", " –"))
        # a section heading printed between two items of an agenda ("Coopération intercommunale") is no tail
        section = len(seg) == 2 and nxt[:1].isupper()
        short_tail = (len(seg[0].text) >= 55 and len(nxt.split()) <= 6 and not nxt.endswith((".", ":"))
                      and not _NOT_TITLE.match(nxt) and ":" not in nxt and _marked(nxt) is None and not section)
        if joins or short_tail or _runs_on(seg[0].text, nxt):
            return _more_lines(f"{title} {nxt}", seg, 1)
    return title.rstrip(" ,")


# a heading that fills its line runs on to the next: French headings take two or three lines of full width
_FULL_LINE = 80
_MAX_TITLE_LINES = 3


def _last_word(text: str) -> str:
    word = text.rsplit(" ", 1)[-1].casefold()
    return word.split("’")[-1].split("'")[-1] if word.endswith(("’", "'")) else word


def _runs_on(line: str, nxt: str) -> bool:
    return (len(line) >= _FULL_LINE and not line.endswith((".", ":", ";")) and not nxt.endswith((":", "."))
            and not _NOT_TITLE.match(nxt) and _marked(nxt) is None and _NUMBERED.match(nxt) is None
            and not re.search(r"\b(?:présente|expose|rappelle|explique|indique|presents|berichtet|erläutert)\b", nxt))


def _more_lines(title: str, seg: list[Line], k: int) -> str:
    """Further lines of a heading that ran over a full line and still runs on."""
    while k + 1 < len(seg) and k < _MAX_TITLE_LINES - 1:
        line, nxt = seg[k].text, seg[k + 1].text
        if not (_last_word(line) in _JOINING or _runs_on(line, nxt)):
            break
        if nxt.endswith(".") or len(nxt) > _MAX_LONG_TITLE:
            break
        title, k = f"{title} {nxt}", k + 1
    return title.rstrip(" ,")


def _business_title(title: str, group: list[tuple[_Heading, list[Line]]]) -> str:
    """A Traktandum heading runs until its business number: "7. Motion von ... vom 29. Juni 2022 "..." (20/MO 34/343)".

    The heading keeps the number in parentheses; the page reference and the procedure line of the agenda overview
    ("Eintreten, Detailberatung, Beschlussfassung Seite 6") are dropped.
    """
    for h, seg in group:
        if h.title != title:
            continue
        joined = title
        for k in range(0, min(6, len(seg))):
            if k:
                nxt = seg[k].text
                if _PROCEDURE_LINE.match(nxt) or _marked(nxt) or (_NUMBERED.match(nxt) and not _date_line(nxt)):
                    break  # "26. Oktober 2022 "Thurgauer ..." continues the heading: a date, not item 26
                joined = joined + nxt if joined.endswith("-") and not joined.endswith(" -") else f"{joined} {nxt}"
            m = _BUSINESS_NO.search(joined)
            if m:
                return _PAGE_SUFFIX.sub("", joined[: m.end()]).strip()
    return _PAGE_SUFFIX.sub("", title)


# --- délibérations bundled in one file --------------------------------------------------------------------------
# A French council publishes each délibération as an extract of its register: a heading ("DELIBERATION DU CONSEIL
# MUNICIPAL", "EXTRAIT DU REGISTRE DES DELIBERATIONS", "Délibération n° 2024-045"), the session and the members
# present, the title in capitals (or after "Objet :"), the text and the decision, often with a box of the vote
# ("Pour : 14 Contre : 0 Abstentions : 0") and the register number ("ref : 28/24"). A file may bundle several such
# extracts, each starting on a new page: each is a decision of its own.
_DELIB_HEADING = re.compile(
    # in capitals: "DELIBERATION", "DÉLIBÉRATION DU CONSEIL MUNICIPAL N° DEL2024_22", "EXTRAIT DU REGISTRE DES DELIBERATIONS"
    r"^(?:EXTRAIT\s+DU\s+REGISTRE\s+DES\s+D[ÉE]LIB[ÉE]RATIONS|D[ÉE]LIB[ÉE]RATION)\b"
    r"(?:\s+(?:DU|DE\s+LA|DE\s+L['’]|DES?)\s*[A-ZÉÈÀ'’ \-]{3,60}?)?(?:\s+[Nn]\s?[°o]\s*\S+)?$"
    # in any case with its number: "Délibération n° 2024-045"
    r"|^(?i:Extrait du registre des délibérations|D[ée]lib[ée]ration)\b[^\n]{0,60}?\b(?i:n\s?[°o])\s*[A-Z]{0,4}\s?\d[\w/\-]*$"
)
# the register number: "ref : 28/24", "Réf. : 2024-12", "Délibération n° 28/24", "DELIBERATION N° DEL2024_22"
_DELIB_REF = re.compile(
    r"^(?:R[ée]f(?:[ée]rence)?\.?\s*:?|(?:EXTRAIT\s+DU\s+REGISTRE\s+DES\s+)?D[ée]lib[ée]ration\b[^\n]{0,60}?\bn\s?[°o]"
    r"|N\s?[°o]\s*(?:d['’]ordre|de\s+(?:la\s+)?d[ée]lib[ée]ration)?\s*:?|Num[ée]ro(?:\s+de\s+(?:la\s+)?d[ée]lib[ée]ration)?\s*:)\s*"
    r"(?P<ref>[A-Z]{0,4}\s?\d{1,4}\s?[/_\-]\s?\d{2,4})\b",
    re.IGNORECASE,
)
_DELIB_OBJECT = re.compile(r"^Objet\s*:\s*(?P<title>.*)$", re.IGNORECASE)
# lines of the heading block and the preamble printed in capitals that are no title
_DELIB_BOILERPLATE = re.compile(
    r"^(?:EXTRAIT|REGISTRE|D[ÉE]LIB[ÉE]RATION|DU\s+CONSEIL|DE\s+LA\s+COMMUNE|DU\s+BUREAU|CONSEIL\s+(?:MUNICIPAL|COMMUNAUTAIRE)|"
    r"COMMUNE\s+D|MAIRIE\s+D|VILLE\s+D|S[ÉE]ANCE|SESSION|R[ÉE]PUBLIQUE|D[ÉE]PARTEMENT|ARRONDISSEMENT|NOMBRE\s+DE|"
    r"PROC[ÈE]S|L['’]AN\b|OBJET\b|ETAIENT|[ÉE]TAIENT|PR[ÉE]SENTS?\b|ABSENTS?\b|EXCUS[ÉE]S?\b|POUVOIRS?\b|PROCURATIONS?\b|"
    r"VOTANTS\b|SUFFRAGES\b|EN\s+EXERCICE\b|PR[ÉE]FECTURE\b|ACCUS[ÉE]\b|CERTIFI|POUR\s+EXTRAIT\b|LE\s+MAIRE\b|LE\s+PR[ÉE]SIDENT\b|"
    # members named in capitals ("MM. DUPONT, MARTIN, DURAND", "MME LEROY")
    r"MM?\.\s|MMES?\b)",
    re.IGNORECASE,
)


def _names_list(text: str) -> bool:
    """"DURAND, LEFEVRE, MOREAU, PETIT": the members present, not a title."""
    parts = [p for p in text.split(",") if p.strip()]
    return len(parts) >= 3 and all(len(p.split()) <= 3 for p in parts)
# "Séance du 22/05/2024", "L'an 2024 et le 22 mai", "Le 25 mars 2024, le conseil municipal ... s'est réuni"
_SESSION_NUMERIC = re.compile(r"\bS[ée]ance\s+(?:\w+\s+)?du\s+(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})\b", re.IGNORECASE)
_SESSION_YEAR_FIRST = re.compile(r"\bL['’]an\s+((?:19|20)\d{2})\s*,?\s*(?:et\s+)?le\s+(\d{1,2})(?:er)?\s+([a-zéû]+)\b", re.IGNORECASE)
_PREAMBLE = re.compile(r"\bs['’]est\s+r[ée]uni|\bse\s+sont\s+r[ée]unis\b|\b[ée]taient\s+pr[ée]sents\b|\bsecr[ée]taire\s+de\s+s[ée]ance\b"
                       r"|^Votants\b", re.IGNORECASE | re.M)
# "Séance du 22 mai 2024", "Séance ordinaire du mercredi 22 mai 2024"
_SESSION_NAMED = re.compile(r"\bS[ée]ance\b[^\n]{0,30}?\bdu\b", re.IGNORECASE)
_MAX_DELIB_TITLE_LINES = 5


@dataclass(frozen=True, slots=True)
class Deliberation:
    reference: str | None
    title: str | None
    date: dt.date | None
    lines: tuple[Line, ...]

    @property
    def page(self) -> int:
        return self.lines[0].page


def _delib_start_pages(page_texts: tuple[str, ...] | list[str]) -> list[int]:
    """Pages (1-based) on which a délibération heading is printed; read from the page texts, since a heading repeated
    on many pages is dropped from the document's lines as a running header."""
    out: list[int] = []
    for page, text in enumerate(page_texts, start=1):
        for raw in text.split("\n"):
            line = raw.strip()
            if line and _DELIB_HEADING.match(line):
                out.append(page)
                break
    return out


def split_deliberations(page_texts: tuple[str, ...] | list[str]) -> list[Deliberation]:
    """The délibérations of a file that prints one or more of them (none when no délibération heading is printed).

    Each starts on a page with a heading; a heading page continues the previous extract when it shows no title of its
    own, or neither a number other than the previous one nor the session's preamble (members present, secretary).
    Pages before the first heading page belong to the first extract. The lines of each extract are read from its
    own pages: the vote box and the heading printed atop every extract would be dropped from the document's lines
    as a running header.
    """
    starts = _delib_start_pages(page_texts)
    if not starts:
        return []
    bounds = [1, *starts[1:], len(page_texts) + 1]
    groups: list[list[Line]] = []
    for first, end in zip(bounds, bounds[1:]):
        groups.append([Line(l.text, l.page + first - 1, l.blank_before)
                       for l in document_lines(page_texts[first - 1: end - 1])])
    out: list[Deliberation] = []
    for group in (g for g in groups if g):
        reference, title, date = _delib_reference(group), _delib_title(group), _delib_date(group)
        # a new extract names a number of its own, or opens with the session's preamble again
        new = (reference != out[-1].reference if out and reference
               else _PREAMBLE.search("\n".join(l.text for l in group[:80])) is not None)
        if out and (title is None or not new):
            prev = out[-1]
            out[-1] = Deliberation(prev.reference or reference, prev.title or title, prev.date, prev.lines + tuple(group))
            continue
        out.append(Deliberation(reference, title, date, tuple(group)))
    # extracts of one session: an extract whose session line could not be read shares the others' date
    dates = [d.date for d in out if d.date]
    if dates and len(set(dates)) == 1:
        out = [d if d.date else Deliberation(d.reference, d.title, dates[0], d.lines) for d in out]
    return out


def heading_block_line(text: str) -> bool:
    """A line of a délibération's heading block or preamble ("DU CONSEIL MUNICIPAL", "Séance du ..."), no title."""
    return bool(_DELIB_BOILERPLATE.match(text) or _DELIB_HEADING.match(text))


def _delib_reference(group: list[Line]) -> str | None:
    for line in group[:80]:
        m = _DELIB_REF.match(line.text)
        if m:
            return re.sub(r"\s+", "", m.group("ref"))
    return None


def _caps_line(text: str) -> bool:
    """A line in capitals, mostly letters ("ID : 074-217402783-20240325-DEL2024_22-DE" is a stamp, not a heading)."""
    letters = [c for c in text if c.isalpha()]
    return (len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)
            and len(letters) >= 0.6 * len(text.replace(" ", "")))


def _delib_title(group: list[Line]) -> str | None:
    """"Objet : ..." when printed, else the first heading in capitals after the session's preamble."""
    for k, line in enumerate(group[:80]):
        m = _DELIB_OBJECT.match(line.text)
        if m and m.group("title").strip():
            return m.group("title").strip()
        if m and k + 1 < len(group):  # "Objet :" alone, the title on the next line
            return group[k + 1].text
    for i, line in enumerate(group[:120]):
        text = line.text
        if (not _caps_line(text) or len(text.split()) < 2 or _DELIB_BOILERPLATE.match(text) or _DELIB_HEADING.match(text)
                or _names_list(text)):
            continue
        parts, runs_on = [text], False
        for nxt in group[i + 1: i + _MAX_DELIB_TITLE_LINES]:
            if not runs_on and _caps_line(nxt.text) and not heading_block_line(nxt.text) and not _names_list(nxt.text):
                parts.append(nxt.text)
            elif (runs_on or parts[-1].endswith(("-", "–"))) and nxt.text[:1].islower() and not nxt.blank_before:
                # "ZONES D'ACCELERATION DES ENERGIES RENOUVELABLES-" / "remplace pour erreur matérielle ..."
                parts.append(nxt.text)
                runs_on = True
            else:
                break
        return re.sub(r"(?<=\w)([-–]) ", r" \1 ", " ".join(parts)).strip(" -–:")
    return None


def _delib_date(group: list[Line]) -> dt.date | None:
    for line in group[:80]:
        m = _SESSION_NUMERIC.search(line.text)
        if m:
            return _date_or_none(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        m = _SESSION_YEAR_FIRST.search(line.text)
        if m and m.group(3).casefold() in MONTHS:
            return _date_or_none(int(m.group(1)), MONTHS[m.group(3).casefold()], int(m.group(2)))
        m = _SESSION_NAMED.search(line.text)
        found = find_dates(line.text[m.end(): m.end() + 40]) if m else []
        if found and found[0].start <= 12:
            return found[0].date
    return None


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
