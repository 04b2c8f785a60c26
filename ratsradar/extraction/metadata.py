"""Document metadata: type, municipality (+ AGS), reference, date, title (Betreff), deciding body.

Everything here reads the cleaned lines (``text.document_lines``); the gazetteer is asked only about
candidate names found next to words such as ``Stadt``, ``Rat der Stadt`` or ``City of``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ratsradar import gazetteer
from ratsradar.extraction.dates import MONTHS, find_dates, parse_date
from ratsradar.extraction.text import Line

HEADER_LINES = 40

# --- document type ------------------------------------------------------------------------------------------
# (type, pattern matched at the start of a line, after an optional "Betreff:"); earlier lines win.
_TYPE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # a statement or recommendation of an advisory board cites a Beschlussvorlage but is none
    # ("Erneute Stellungnahme des Stadtteilbeirates zur ...", "Ergänzende Empfehlung ...")
    ("other", re.compile(r"^(?:(?:Erneute|Ergänzende|Weitere|Gemeinsame|Abschließende|Zweite)\s+)?(?:Stellungnahme|Empfehlung)\b(?! der Verwaltung zur Anfrage)", re.I)),
    ("press_release", re.compile(r"^(?:Pressemitteilung|Presseinformation|Medieninformation|Pressemeldung|Press release|News release)\b", re.I)),
    ("minutes", re.compile(r"^(?:Niederschrift|Sitzungsniederschrift|Ergebnisniederschrift|Protokoll\b|Sitzungsprotokoll|Ergebnisprotokoll|Beschlussprotokoll|Wortprotokoll"
                           r"|(?:Regular |Special |Draft |Approved |Action )?Minutes\b|(?:\w+ ){0,4}Meeting Minutes\b|(?:\w+ ){1,3}Minutes$|Proc[èe]s[- ]verbal\b|Compte[- ]rendu"
                           r"|Réunion du Conseil (?:Municipal|Communautaire)\b|Séance du Conseil)", re.I)),
    ("resolution", re.compile(r"^(?:Beschlussausfertigung|Beschlussauszug|Auszug aus (?:der|dem) (?:Niederschrift|Protokoll|Beschlussbuch)|Beschluss\s*(?:Nr\.|:|$|vom\s+\d)|D[ée]lib[ée]ration\b|Extrait du registre des d[ée]lib[ée]rations\b|Resolution No\b)", re.I)),
    ("proposal", re.compile(r"^(?:Beschlussvorlage|Sitzungsvorlage|Verwaltungsvorlage|Vorlage\b|Vorlagen-?Nr|Beschlussvorschlag der Verwaltung|Staff Report\b|Agenda Report\b)", re.I)),
    ("report", re.compile(r"^(?:Mitteilung(?:svorlage)?\b|Informationsvorlage|Bekanntgabe|Bericht\b|Sachstandsbericht|Tätigkeitsbericht|Report\b)", re.I)),
    ("inquiry", re.compile(r"^(?:Anfrage|Kleine Anfrage|Große Anfrage|Schriftliche Anfrage|Antwort auf (?:die |eine )?Anfrage|Beantwortung (?:der|einer) Anfrage|Antwort der \w+ zur Anfrage|Stellungnahme der Verwaltung zur Anfrage|Question\b)", re.I)),
    ("motion", re.compile(r"^(?:Antrag\b|Dringlichkeitsantrag|Änderungsantrag|Ergänzungsantrag|Prüfantrag|Fraktionsantrag|Haushaltsantrag|Gemeinsamer Antrag|Motion\b)", re.I)),
    ("invitation", re.compile(r"^(?:Einladung|Tagesordnung\b|Bekanntmachung der Sitzung|Notice (?:and|&) Agenda|Notice of (?:\w+ )?Meeting|Agenda\b|(?:Regular |Special |Adjourned )?(?:\w+ )?Meeting Agenda$|Convocation|Ordre du jour|Invitation$|Invitation (?:à la|au|aux|to the) )", re.I)),
]
# The same words anywhere in the header (weaker: only when no line starts with one).
_TYPE_ANYWHERE: list[tuple[str, re.Pattern[str]]] = [
    # "Der Stadtteilbeirat nimmt hierzu wie folgt Stellung": a statement, whatever minutes or motions it goes on citing
    # (the administration taking position answers an inquiry or a motion: not this)
    ("other", re.compile(r"(?<!Verwaltung )\b(?:nimmt|nehmen)\b(?:(?!Verwaltung)[^\n.]){0,40}\bStellung\b")),
    ("minutes", re.compile(r"\b(?:Niederschrift|Sitzungsprotokoll|Minutes of the|compte[- ]rendu|proc[èe]s[- ]verbal)\b", re.I)),
    ("proposal", re.compile(r"\b(?:Beschlussvorlage|Sitzungsvorlage)\b", re.I)),
    ("press_release", re.compile(r"\bPressemitteilung\b", re.I)),
    ("inquiry", re.compile(r"\bAnfrage\b")),
    ("motion", re.compile(r"\bAntrag\b(?! vom| von)")),
    ("invitation", re.compile(r"\b(?:Einladung|Tagesordnung)\b")),
    ("report", re.compile(r"\bMitteilung\b")),
]
_FILE_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("minutes", re.compile(r"niederschrift|protokoll|minutes|proces-verbal|compte-rendu", re.I)),
    ("invitation", re.compile(r"einladung|tagesordnung|agenda", re.I)),
    ("proposal", re.compile(r"beschlussvorlage|sitzungsvorlage|vorlage", re.I)),
    ("inquiry", re.compile(r"anfrage", re.I)),
    ("motion", re.compile(r"antrag|motion", re.I)),
    ("press_release", re.compile(r"pressemitteilung|press[-_ ]release", re.I)),
]


def _strip_label(text: str) -> str:
    return re.sub(r"^(?:Betreff|Betr\.|Gegenstand|Subject|Re)\s*:\s*", "", text, flags=re.I)


# "Antrag des Stadtteilbeirates Büchenbach Nr. 266/2019 vom 21.10.2019": a line naming a registered document by its
# number and date cites it (a reply, a statement on it): a motion or inquiry does not know its own number when its
# author writes it (a Vorlage printed by the council's system does, so only these two count)
_CITED_DOCUMENT = re.compile(
    r"^(?:Antrag|Anfrage)\b.*\bNr\.?\s*:?\s*[\w/\-]*\d[^\n]*\bvom\s+\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\W*$", re.I
)


def document_type(lines: list[Line], file_name: str = "") -> str:
    header = [l.text for l in lines[:HEADER_LINES] if not _CITED_DOCUMENT.match(_strip_label(l.text))]
    for text in header:
        candidate = _strip_label(text)
        for kind, rx in _TYPE_PATTERNS:
            if rx.match(candidate):
                if kind == "motion" and re.match(r"^Antrag(?:steller|s?teller)", candidate, re.I):
                    continue
                return kind
    joined = "\n".join(header[:25])
    for kind, rx in _TYPE_ANYWHERE:
        if rx.search(joined):
            return kind
    name = re.sub(r"[_\-.]+", " ", file_name)
    for kind, rx in _FILE_TYPES:
        if rx.search(name):
            return kind
    return "other"


# "Hiermit lade ich Sie ... ein", "Ich darf Sie zu dieser Sitzung einladen", "Sie sind herzlich eingeladen", "you are
# invited", "notice is hereby given", "est convoqué": the wording of a letter or notice inviting to a meeting (a slide
# headed "Einladung" over a picture of the invitation is none)
_INVITING = re.compile(r"\blade[nt]?\b[^.]{0,200}?\bein\b|\beinladen\b|\beingeladen\b|\binvited\b|\bhereby given\b|\bconvoqu", re.I)


def slide_deck_type(lines: list[Line], doc_type: str) -> str:
    """The type of a slide deck (landscape pages, see ``pdf.PdfText.slides``): a session's own slides show an agenda
    slide, even a picture of the invitation, but do not invite anyone; they are presentations, not invitations."""
    if doc_type != "invitation":
        return doc_type
    header = "\n".join(l.text for l in lines[:HEADER_LINES])
    return doc_type if _INVITING.search(header) else "other"


# --- municipality -----------------------------------------------------------------------------------------------
# a name does not run over a line break ("City of Cambridge" / "City Council" is Cambridge)
_NAME = r"[A-ZÄÖÜ][\wäöüßéè'’.\-]+(?:(?:[ ](?:am|an der|an der|im|in der|ob der|bei|upon|on|de|sur)[ ]|[ ])[A-ZÄÖÜ(][\wäöüßéè'’.()\-]+)?"
_STRONG_PREFIX = (
    r"(?:Landeshauptstadt|Bundesstadt|Freie und Hansestadt|Freie Hansestadt|Hansestadt|Universitätsstadt|Große Kreisstadt|Kreisstadt|"
    r"Stadtverwaltung|Gemeindeverwaltung|(?<!Soziale )(?<!Sozialen )Stadt|Gemeinde|Marktgemeinde|Markt|City of|Town of|Village of|CITY OF|TOWN OF|VILLAGE OF|Ville de|[Cc]ommune de|[Mm]airie de)"
)
# US state codes as printed in an address ("Chicago, IL 60625", "Chicago IL 60625")
_US_STATE = (
    r"(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|"
    r"OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)"
)
_MUNI_PATTERNS: list[tuple[int, re.Pattern[str]]] = [
    (0, re.compile(rf"(?:Rat|Rates|Stadtrat|Stadtrates|Gemeinderat|Gemeinderates|Oberbürgermeister(?:in)?|Bürgermeister(?:in)?|Magistrat|Stadtverordnetenversammlung|Stadtvertretung)\s+der\s+{_STRONG_PREFIX}\s+(?P<name>{_NAME})")),
    (1, re.compile(rf"(?:^|(?<=\s)|(?<=\())(?P<prefix>{_STRONG_PREFIX})\s+(?P<name>{_NAME})", re.M)),
    (2, re.compile(rf"(?:Bezirksvertretung|Bezirksausschuss|Bezirksrathaus|Ortsbeirat|Ortschaftsrat|Stadtteilbeirat(?:es|s)?|Bezirksbeirat(?:es|s)?|Stadtbezirk|Bezirksregierung|Stadtrat|Gemeinderat)\s+(?P<name>{_NAME})")),
    # "Bezirksausschuss 7 - Sendling-Westpark", "im Gebiet des Stadtbezirks Sendling-Westpark": a numbered district body
    # or a district in the genitive (only a district listed in data/districts.csv counts, see find_municipality)
    # "Soziale Entwicklung im Stadtteil Büchenbach", "StBR Büchenbach" (a Stadtteilbeirat's short form): a district named
    # as such (these two only when data/districts.csv lists it)
    (2, re.compile(rf"(?:Bezirksausschuss(?:es)?[ \t]+\d{{1,2}}\b[\s,:\-–_]*|Stadtbezirk(?:e?s)[ \t]+|Stadtteil(?:e?s)?[ \t]+|StBR[ \t]+)(?P<name>{_NAME})")),
    (2, re.compile(rf"(?P<name>{_NAME})\s+(?:City Council|Town Council|Village Council|Planning Commission|City Commission|Board of Supervisors)")),
    (1, re.compile(rf"(?<![\d\-])\d{{5}}[ \t]+(?P<name>{_NAME})")),
    (2, re.compile(r"@(?:stadt|gemeinde|markt)[.\-](?P<name>[a-zäöü][a-zäöü\-]+)\.de\b")),
    (1, re.compile(rf"(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+){{0,2}}),?[ ]+{_US_STATE}[ ]+\d{{5}}(?:-\d{{4}})?\b")),
    (1, re.compile(r"(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}) (?:Union |Unified |Elementary |High )?School District\b")),
    (1, re.compile(r"^(?P<name>[A-ZÄÖÜ]{2,}(?: [A-ZÄÖÜ]{2,}){0,2})$(?=\n(?:[A-ZÄÖÜ ]+ )?(?:CITY COUNCIL|PLANNING COMMISSION|TOWN COUNCIL|BOARD OF))", re.M)),
    (3, re.compile(r"(?:^|\s)(?P<name>[A-ZÄÖÜ][\wäöüß\-]+),?\s+(?:den\s+)?\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\s*$", re.M)),
    (3, re.compile(rf"(?:str(?:aße|asse|\.)|weg|platz|allee|ring|gasse)\s+\d+[a-z]?(?:\s*-\s*\d+[a-z]?)?,\s+(?P<name>{_NAME})\s*$", re.M | re.I)),
    (3, re.compile(rf"^(?P<name>{_NAME}),\s+(?:den\s+)?(?:\d{{1,2}}\.|\d{{1,2}}\s+\w+\s+\d{{4}}|(?:Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez)\w*)", re.M)),
]
# Institutions that only one city has.
_SIGNATURES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Grosse[nr]? Rat(?:es)? des Kantons Thurgau|Kanton Thurgau"), "Thurgau"),
    (re.compile(r"Bezirksverordnetenversammlung|\bBVV\b|Bezirksamt\s+[\w\-]+(?:\s+von)?\s+Berlin|Abgeordnetenhaus|Senatsverwaltung"), "Berlin"),
    (re.compile(r"Bezirksausschuss(?:es)?\s+(?:des\s+)?\d{1,2}\.?\s+Stadtbezirk|Bezirksausschüsse|Sitzungsvorlagen?\s+Nr\.?:?\s*\d{2}-\d{2}\s*/\s*V"), "München"),
    # the form of a Bürgerversammlung "des [7]. Stadtbezirkes am [22].[11].[2018]": the number is handwritten in a box,
    # so OCR gives anything (or nothing) between "des" and "Stadtbezirkes"
    (re.compile(r"Bürgerversammlung\s+des\b[^\n]{0,8}?\bSta\w{0,2}t?bezirk"), "München"),
    (re.compile(r"Bezirksversammlung\s+(?:Altona|Bergedorf|Eimsbüttel|Hamburg-Mitte|Hamburg-Nord|Harburg|Wandsbek)|Bürgerschaft der Freien und Hansestadt Hamburg"), "Hamburg"),
]
# "les conseillers communautaires de Roannais Agglomération, se sont réunis", "le conseil municipal de la commune de
# Marmagne ... s'est réuni": the council that met, in the opening sentence of a procès-verbal or délibération
_FRENCH_ASSEMBLY = re.compile(
    r"\b(?:[Ll]e\s+[Cc]onseil\s+(?:[Mm]unicipal|[Cc]ommunautaire)|[Ll]es\s+conseillers\s+(?:municipaux|communautaires))"
    r"\s+(?:de\s+la\s+[Cc]ommune\s+)?(?:de|d['’])\s*(?P<name>(?!la\b|l['’])[A-ZÉÈ][\w'’\-]+(?:\s+(?:[A-ZÉÈ][\w'’\-]+|sur|sous|en|de|du|des|la|le|les)){0,4})"
    r"(?:\s*,\s+(?:[^.]{0,80}?\s)?|\s+)(?:s['’]est\s+réuni|se\s+sont\s+réunis)"
)
# "PLU DE NEUVECELLE - PADD", "Plan Local d'Urbanisme de la commune de Marmagne": a commune's land-use plan (its
# pieces, PADD, OAP, règlement, carry the name in their running header)
_FRENCH_PLAN = re.compile(
    r"\b(?:PLUi?|Plan [Ll]ocal d['’][Uu]rbanisme|PLAN LOCAL D['’]URBANISME|[Cc]arte [Cc]ommunale|CARTE COMMUNALE)"
    r"\s+(?:de\s+la\s+[Cc]ommune\s+|DE\s+LA\s+COMMUNE\s+)?(?:de|DE|d['’]|D['’])\s*"
    r"(?P<name>(?!la\b|LA\b|l['’]|L['’])[A-ZÉÈ][\w'’\-]+(?:[ \-](?:SUR|SOUS|EN|LES|sur|sous|en|les)[ \-][A-ZÉÈ][\w'’\-]+)?)"
)
# A cantonal parliament (Grosser Rat, Kantonsrat, Landrat, Grand Conseil) records decisions of its canton, named in
# "des Kantons Thurgau" / "Kanton Bern": the canton is the place, not the town where the parliament meets.
_CANTONAL_BODY = re.compile(r"\b(?:Grosse[nr]? Rat(?:es)?|Grossrats\w*|Kantonsrat\w*|Kantonsrät\w*|Landrat(?:es)?|Grand Conseil)\b")
_CANTON = re.compile(r"\bKantons?\s+(?P<name>[A-ZÄÖÜ][a-zäöüé]+(?:-(?:Stadt|Landschaft)|\s(?:Ausserrhoden|Innerrhoden))?)\b")
_NOT_PLACES = frozenset(
    "der die das des dem den und oder für verwaltung rat stadtrat sitzung bezirk bezirksvertretung amt referat "
    "fraktion antrag vorlage the of council montag dienstag mittwoch donnerstag freitag samstag sonntag monday "
    "tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun januar februar märz april mai "
    "juni juli august september oktober november dezember january february march may june july october december "
    "datum date seite page herr frau".split()
)
# "CHICAGO COMMISSION ON HUMAN RELATIONS": a city's name heading the name of one of its bodies, in capitals
_CAPITALS_ISSUER = re.compile(
    r"^(?P<name>[A-ZÄÖÜ]{3,}(?: [A-ZÄÖÜ]{3,})?) (?:CITY |COUNTY |TOWN )?(?:COMMISSION|BOARD|COUNCIL|COMMITTEE|DEPARTMENT|AUTHORITY)\b"
)
_CAPITALS_ISSUER_MIN_POPULATION = 100_000
_DISTRICT_BODIES = re.compile(r"Bezirksvertretung|Bezirksausschuss|Bezirksrathaus|Stadtbezirk|Ortsbeirat|Ortschaftsrat|Stadtteilbeirat|Bezirksbeirat")
_LISTED_DISTRICT_ONLY = re.compile(r"(?:Stadtteil(?:e?s)?|StBR)[ \t]")


@dataclass(frozen=True, slots=True)
class Municipality:
    name: str
    ags: str | None
    country: str | None


@lru_cache(maxsize=4096)
def _lookup(name: str, country: str | None) -> gazetteer.Place | None:
    try:
        return gazetteer.lookup(name, country)
    except Exception:
        return None


def _candidates(raw: str) -> list[str]:
    """``Köln-Porz`` -> [``Köln``, ``Köln-Porz``]; ``Köln Bedarfsprüfung`` -> [``Köln Bedarfsprüfung``, ``Köln``]."""
    raw = raw.strip(" .,;:()")
    if raw.islower():  # "erlangen" from an e-mail domain
        raw = "-".join(w.capitalize() for w in raw.split("-"))
    if raw.isupper() and len(raw) > 3:  # "EAST PALO ALTO" -> "East Palo Alto"
        raw = " ".join(w.capitalize() for w in raw.split())
    words = raw.split()
    out = [raw]
    if len(words) > 1:
        out.append(words[0].strip(".,;:()"))
    if "-" in words[0]:
        out.append(words[0].split("-")[0])
    return [c for c in dict.fromkeys(out) if c and c.casefold() not in _NOT_PLACES]


def find_municipality(lines: list[Line]) -> Municipality | None:
    text = "\n".join(l.text for l in lines[:200])
    for rx, city in _SIGNATURES:
        if rx.search(text):
            return _resolve(city, "DE", accept_unknown=True)
    if _CANTONAL_BODY.search(text):
        cantons = [m.group("name") for m in _CANTON.finditer(text)]
        if cantons:
            return Municipality(max(dict.fromkeys(cantons), key=cantons.count), None, "CH")
    header = "\n".join(l.text for l in lines[:HEADER_LINES])
    m = _FRENCH_ASSEMBLY.search(header) or _FRENCH_PLAN.search(header)
    if m:  # a commune or an intercommunality too small or too new for the gazetteer is still the place
        muni = _resolve(_french_place_name(m.group("name")), "FR", accept_unknown=True)
        if muni:
            return muni
    # (priority, position, name, at line start, district, only a listed district)
    found: list[tuple[int, int, str, bool, bool, bool]] = []
    for area, base in ((header, 0), (text, 10)):
        for prio, rx in _MUNI_PATTERNS:
            for m in rx.finditer(area):
                line_start = m.start() == 0 or area[m.start() - 1] == "\n"
                listed_only = bool(_LISTED_DISTRICT_ONLY.match(m.group(0)))
                district = bool(_DISTRICT_BODIES.match(m.group(0))) or listed_only
                if base and prio and not line_start and not district:
                    continue  # past the letterhead, a town named mid-sentence is one the text talks about
                found.append((base + prio, m.start(), m.group("name"), line_start, district, listed_only))
        if found:
            break
    found.sort(key=lambda f: (f[0], f[1]))
    for prio, _, raw, line_start, district, listed_only in found:
        names = _candidates(raw)
        if district:
            # "Stadtteilbeirat Büchenbach", "Bezirksvertretung Porz": a district, placed in its city
            city = _district_city(names, text)
            if city:
                return city
            if listed_only or (prio >= 10 and not line_start):
                continue  # mid-sentence past the letterhead only a listed district counts
            names = sorted(names, key=lambda n: ("-" in n, len(n)))  # "Bezirksvertretung Köln-Porz" -> Köln first
        for name in names:
            muni = _resolve(name, None, accept_unknown=False)
            if muni and (prio % 10 < 2 or (muni.country in ("DE", "AT", "CH") and gazetteer.fold(muni.name) == gazetteer.fold(name))):
                return muni
        # an unknown single name right after "Stadt" in a letterhead ("Stadt Musterhausen"), not after a postcode
        if prio % 10 <= 1 and (line_start or prio % 10 == 0) and not raw[:1].isdigit() and re.match(_STRONG_PREFIX, _match_text(raw, text, header)):
            single = names[-1] if len(names) > 1 else names[0] if names else ""
            if single and re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?", single):
                return Municipality(gazetteer.plain_name(single), None, None)
    return _capitals_issuer_city(lines)


_FRENCH_NAME_PARTICLES = frozenset("sur sous en de du des la le les".split())


def _french_place_name(name: str) -> str:
    """``MARMAGNE`` -> ``Marmagne``, ``SAINT-OUEN-SUR-GARTEMPE`` -> ``Saint-Ouen-sur-Gartempe``; other names as written."""
    name = re.sub(r"\s+", " ", name)
    if not name.isupper():
        return name
    name = re.sub(r"[^\W\d_]+", lambda w: w.group(0).lower() if w.group(0).lower() in _FRENCH_NAME_PARTICLES
                  else w.group(0).capitalize(), name)
    return name[:1].upper() + name[1:]


def _capitals_issuer_city(lines: list[Line]) -> Municipality | None:
    """"CHICAGO COMMISSION ON HUMAN RELATIONS": a letterhead in capitals that starts with a city's name. Only a city
    (100,000 inhabitants or more) counts: "POLICE BOARD" is no board of Police in Poland."""
    for line in lines[:5]:
        m = _CAPITALS_ISSUER.match(line.text.strip())
        if not m:
            continue
        for name in _candidates(m.group("name")):
            place = _lookup(name, None)
            if (place is not None and place.population >= _CAPITALS_ISSUER_MIN_POPULATION
                    and gazetteer.fold(place.name) == gazetteer.fold(name)):
                return Municipality(place.name, place.ags, place.country)
    return None


def _district_city(names: list[str], text: str) -> Municipality | None:
    """The city of a district named after a district's body (``data/districts.csv``); a district name that several
    cities use ("Mitte") counts only when the text names one of them."""
    for name in names:
        cities = gazetteer.district_cities(name)
        if len(cities) > 1:
            cities = tuple(c for c in cities if re.search(rf"(?<![\w\-]){re.escape(c)}(?![\w])", text))
        if len(cities) == 1:
            return _resolve(cities[0], "DE", accept_unknown=True)
    return None


_PROPER_NAME = re.compile(r"(?<![\w\-])[A-ZÄÖÜÉÈ][\wäöüßéèàâçêîôû'’]{2,}(?:-[A-ZÄÖÜÉÈ][\wäöüßéèàâçêîôû'’]+)*(?![\w\-])")
_FREQUENT_PLACE_MIN = 3


def frequent_place(lines: list[Line]) -> Municipality | None:
    """The town a council document keeps naming when it names no town in its letterhead.

    French-Canadian minutes, for instance, print only the body ("COMITÉ DE DÉMOLITION") and name the town in
    addresses and institutions ("boulevard de Sainte-Adèle", "Théâtre Sainte-Adèle"). A name counts when it
    occurs at least three times, at least once after a preposition of place ("de", "in", "of", "à"; a person's
    name rarely is), is never written in lower case (a word, not a name) and is the gazetteer's own name of a
    place; the most frequent such name wins.
    """
    text = "\n".join(l.text for l in lines[:400])
    counts: dict[str, int] = {}
    for m in _PROPER_NAME.finditer(text):
        counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    lower = set(re.findall(r"(?<![\w\-])[a-zäöüßéèàâçêîôû][\wäöüßéèàâçêîôû'’\-]*", text))
    ranked = sorted((n for n, c in counts.items() if c >= _FREQUENT_PLACE_MIN), key=lambda n: -counts[n])
    for name in ranked[:12]:
        if name.casefold() in _NOT_PLACES or name.casefold() in lower or name.isupper():
            continue
        if not re.search(rf"\b(?:de|d[’']|du|des|in|im|of|à|au|en|near|nach|aus)\s?{re.escape(name)}(?![\w\-])", text):
            continue
        city = _district_city([name], text) if any(c in text for c in gazetteer.district_cities(name)) else None
        if city:  # "in Büchenbach" in a text that names Erlangen: Erlangen's district, not the village near Roth
            return city
        place = _lookup(name, None)
        if place is not None and gazetteer.fold(place.name) == gazetteer.fold(name):
            return Municipality(place.name, place.ags, place.country)
    return None


def _match_text(raw: str, text: str, header: str) -> str:
    """The text just before a found name (to tell "Stadt X" from "50933 X")."""
    for area in (header, text):
        pos = area.find(raw)
        if pos > 0:
            return area[max(0, area.rfind("\n", 0, pos) + 1): pos]
    return ""


def _resolve(name: str, country: str | None, *, accept_unknown: bool) -> Municipality | None:
    plain = gazetteer.plain_name(name).strip(" .,;:")
    if not plain or len(plain) < 2:
        return None
    place = _lookup(plain, country) or (_lookup(plain, None) if country else None)
    if place is None:
        return Municipality(plain, None, country) if accept_unknown else None
    # keep the spelling of the document when it is the place's own name (Köln, not Cologne)
    if gazetteer.fold(place.name) == gazetteer.fold(plain):
        shown = place.name
    else:
        shown = plain if place.country != "DE" or _lookup(plain, "DE") is not None else place.name
    return Municipality(shown, place.ags, place.country)


# --- dates ------------------------------------------------------------------------------------------------------
_MONTH_NAMES = "Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
# ("Date Report Run : Tue, May-24-16": the run date of a printout)
_DOC_DATE_LABEL = re.compile(r"(?:^|\s)(?:Datum|Date(?:\s+Report)?(?:\s+Run)?|Run Date|Stand|Erstellt am|Ausfertigungsdatum|Dated)\s*:?\s*", re.I)
# "Calendar - Updated 06 11 2019", "Revised 6/11/2019": an English document's revision date, the month first
_US_REVISED = re.compile(
    r"\b(?:Last updated|Updated|Revised)(?: on)?\s*:?\s*(?:(?P<m>\d{1,2})[ /.\-](?P<d>\d{1,2})[ /.\-](?P<y>(?:19|20)\d{2})\b)?", re.I
)
# "Fait à Marmagne, le 23 mai 2024" (OCR: "Fait a ..."): the date a French act was signed, below its text
_DONE_AT = re.compile(r"^Fait\s+[àa]\s+[A-ZÉÈ][^\n,]{1,40}?,?\s+le\s+(?=\d)", re.M)
_DONE_AT_LINES = 200
_PLACE_DATE = re.compile(
    r"^[A-ZÄÖÜ][A-Za-zäöüßÄÖÜ\-.]+(?: (?:a\. ?d\.|am|an der|im|in der)?\s?[A-ZÄÖÜ][A-Za-zäöüß\-.]+){0,2},\s+(?:den\s+)?(?:[A-Z][a-z]+,\s+)?(?=\d{1,2}\.)"
    # "Chelles, le 8 décembre 2021": a French letter's place and date
    r"|^[A-ZÉ][A-Za-zéèêàç'’\-]+(?:[ \-][A-Za-zéèêàç'’\-]+){0,3},\s+le\s+(?=\d{1,2}(?:er)?\s+[a-zéû]+\s+\d{4})",
    re.M,
)
# "Stadtteilbeirat Büchenbach Erlangen, den 16.12.2020"; "91052 Erlangen 20. April 2019" (the address column and
# the date column of a letterhead on one line)
_PLACE_DATE_ANYWHERE = re.compile(
    rf"(?<=\s)(?!(?:Eingang|Posteingang|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)\b)"
    rf"[A-ZÄÖÜ][a-zäöüß\-]{{2,}},?\s+(?:den\s+)?(?=(?:\d{{1,2}}\.\s?\d{{1,2}}\.\s?\d{{2,4}}|\d{{1,2}}\.\s+(?:{_MONTH_NAMES})\s+\d{{4}})\s*$)",
    re.M,
)
_WEEKDAY = r"(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# "1. Sitzung  Mittwoch, 22.01.2020  18:30 Uhr" (an invitation's heading line)
_MEETING_LINE = re.compile(rf"\bSitzung\W{{0,3}}\s*{_WEEKDAY},?\s+(?=\d)")
# "Séance publique tenue le 20 juin, à 16h00" (the year left out)
_MEETING_NO_YEAR = re.compile(r"(?:tenue le|held on|am)\s+(\d{1,2})(?:er)?\.?\s+([A-Za-zéûäÄ]+)\b(?![\s.]*\d{4})", re.I)
# ("Öffentliche Sitzung 17. Nov 2022": the date right after the word, as a title slide prints it)
_MEETING = re.compile(
    r"(?:Sitzung|Besprechung|Versammlung|Tagung|Sitzungstag|Sitzungsdatum|Sitzungstermin|Termin|meeting|Meeting|séance|Séance|réunion)"
    r"(?:[ \t]+(?=\d{1,2}\.[ \t]?(?:\d{1,2}\.|[A-ZÄÖÜ][a-zäöü]+))"
    r"|[^\n]{0,100}?(?:\bam\b|\bvom\b|\bon\b|\bof\b|\bdu\b|\bheld\b|:)\s*(?:[^\W\d]+,?\s+)?(?=\d|[A-Z][a-z]+\.? \d))",
)


def _date_after(text: str, pos: int, limit: int = 40) -> dt.date | None:
    found = find_dates(text[pos: pos + limit])
    return found[0].date if found and found[0].start <= 12 else None


# "Séance du 22/05/2024", "Fait à Marmagne, le 23/05/2024": French numeric dates, the day first. Read only after a
# French cue: an English document writes 06/11/2019 month first.
_FRENCH_NUMERIC = re.compile(r"[ \t]*(?:[a-zé]+[ \t]+)?(\d{1,2})/(\d{1,2})/((?:19|20)\d{2}|\d{2})(?![\d/])")


_FRENCH_MEETING = re.compile(r"s[ée]ance|r[ée]union", re.I)


def _french_date_after(text: str, pos: int) -> dt.date | None:
    m = _FRENCH_NUMERIC.match(text, pos)
    if not m:
        return None
    year = int(m.group(3))
    year += 2000 if year < 100 else 0
    try:
        return dt.date(year, int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


# A date stamped on receipt ("Eingang 03. Mai 2012", "eingegangen am") is not the document's own date.
_RECEIPT = re.compile(r"(?:Eingang|Eing\.|eingegangen(?: am)?|Posteingang|received|reçu(?: le)?)\s*:?\s*$", re.I)
# A date that a letter cites ("Mit Schreiben vom 05.06.2008", "Ihre Anfrage vom ...", "Zum Beschluss des Stadtrates
# vom 23.04.2020", "Antrag des Stadtteilbeirates Nr. 266/2019 vom 21.10.2019") is not the letter's own date; a
# motion's own heading ("Antrag der SPD-Fraktion vom 12.03.2020") is.
_CITED_KINDS = r"(?:Schreiben|Brief|E-Mail|Mail|Nachricht|Anfrage|Antrag|Beschluss|Bericht|letter)"
_CITED = re.compile(
    rf"(?:\b{_CITED_KINDS}"
    rf"|\b(?:zu[mr]?|auf|Ihr(?:e[mnrs]?)?|unser(?:e[mnrs]?)?)\s+(?:\w+\s+)?{_CITED_KINDS}\s+(?:des|der|von)\s+[^\n]{{0,60}}?"
    rf"|\b{_CITED_KINDS}\b[^\n]{{0,60}}?\bNr\.?\s*[^\n]{{0,40}}?)"
    r"\s+(?:vom|of|dated)\s*$",
    re.I,
)
_BARE_DATE_LINE = re.compile(r"^\s*(?:\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d{2}|\d{1,2}\.\s+[A-ZÄÖÜ][a-zäöü]+\s+(?:19|20)\d{2})\s*$")
_VOM_LINE = re.compile(r"^vom\s+(?=\d)", re.I | re.M)


_BARE_LONG_DATE = re.compile(
    r"^[ \t]*(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?[A-Z][a-z]+\.? \d{1,2},? (?:19|20)\d{2}[ \t]*$", re.M
)


def _notice_date(header: str) -> dt.date | None:
    """A notice dated on a line of its own above the heading that names the meeting, the meeting's date below it
    ("Thursday, December 3, 2020" / "PUBLIC NOTICE OF SPECIAL MEETING ..." / ... / "Tuesday, December 8, 2020")."""
    meeting = _MEETING_DATE_LINE.search(header)
    if not meeting:
        return None
    heading = header.rfind("\n", 0, meeting.start()) + 1
    for m in _BARE_LONG_DATE.finditer(header, 0, heading):
        d = parse_date(m.group(0).strip())
        if d:
            return d
    return None


def _revised_date(header: str) -> dt.date | None:
    for m in _US_REVISED.finditer(header):
        if m.group("m"):
            try:
                return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                continue
        d = _date_after(header, m.end(), 25)
        if d:
            return d
    return None


def _in_prose(text: str, start: int, end: int) -> bool:
    """Whether a date sits inside a running sentence ("Start des Projekts ist der 1. Mai 2022.", "... d'Alsace du
    13 novembre 2023,"): five words or more before it on its line, one of them a lower-case word other than an article
    or preposition, or a line that continues a sentence (its first word in lower case) and goes on after the date.
    A heading, a date line or a letterhead's place and date is no prose."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start]
    after = text[end: line_end if line_end >= 0 else len(text)].strip()
    words = before.split()
    if len(words) >= 5 and any(w.isalpha() and w.islower() and w not in _TITLE_JOIN for w in words):
        return True  # a verb or the like in lower case: "Start des Projekts ist der"; not "Réunion du Conseil du"
    first = before.split()[0] if before.split() else ""
    if _BULLET.match(before) and len(words) >= 3:
        return True  # "• KiddieFreizeit „Mittelalter“, vom 8-12.9.25, ...": an entry of a bulleted list, an event's date
    return len(first) >= 2 and first.isalpha() and first.islower() and bool(after)


_BULLET = re.compile(r"^\s*[•▪●◦■□\uf0a7\uf0b7\uf076\uf0d8]")


# documents that record, announce or decide in a meeting: a meeting they name dates them
_MEETING_TYPES = frozenset({"minutes", "invitation", "resolution"})


def _only_in_prose(text: str, date: dt.date) -> bool:
    found = [f for f in find_dates(text) if f.date == date]
    return bool(found) and all(_in_prose(text, f.start, f.end) for f in found)


def document_date(lines: list[Line], doc_type: str) -> dt.date | None:
    header = "\n".join(l.text for l in lines[:HEADER_LINES])
    for m in _DOC_DATE_LABEL.finditer(header):
        d = _date_after(header, m.end())
        if d:
            return d
    revised = _revised_date(header)
    if revised:
        return revised
    for m in _PLACE_DATE.finditer(header):
        d = _date_after(header, m.end())
        if d:
            return d
    body = "\n".join(l.text for l in lines[:_DONE_AT_LINES])
    if "Fait" in body:
        for m in _DONE_AT.finditer(body):
            d = _date_after(body, m.end()) or _french_date_after(body, m.end())
            if d:
                return d
    for line in lines[:4]:  # a date alone on a line at the top of a letterhead (its place printed as an image)
        if _BARE_DATE_LINE.match(line.text):
            return parse_date(line.text)
    for m in _PLACE_DATE_ANYWHERE.finditer(header):  # "Stadtteilbeirat Büchenbach Erlangen, den 16.12.2020"
        d = _date_after(header, m.end())
        if d:
            return d
    notice = _notice_date(header)
    if notice:
        return notice
    meeting = meeting_date(lines)
    if meeting and (doc_type in _MEETING_TYPES or not _only_in_prose(header, meeting)):
        # a letter or statement that mentions a meeting in a sentence ("in der Sitzung des Stadtrates vom
        # 24.04.2020 wurde ...") is not dated by it
        return meeting
    for m in _VOM_LINE.finditer(header):  # a by-law: "Satzung ... über ... / vom 20.02.2020 / In Kraft getreten am ..."
        before = header[max(0, header.rfind("\n", 0, max(m.start() - 1, 0)) - 200): m.start()]
        d = _date_after(header, m.end())
        if d and re.search(r"\b(?:Satzung|Verordnung|Ordnung|Richtlinie|Regulation|By-?law)\b", before, re.I):
            return d
    for f in find_dates(header):
        before = header[max(0, f.start - 100): f.start]
        if not _RECEIPT.search(before) and not _CITED.search(before) and not _in_prose(header, f.start, f.end):
            return f.date
    return None


# "zur Sitzung des Stadtrates" / "am Dienstag, 10. März 2020, 18:00 Uhr": the date on the line after the meeting
_MEETING_NEXT_LINE = re.compile(
    r"(?:Sitzung|Besprechung|Versammlung|Tagung|meeting|Meeting|séance|Séance|réunion)[^\n]{0,100}\n"
    r"(?:am|vom|on|held on|le)\s+(?:\w+,?\s+(?:dem|den)?\s*)?(?=\d|[A-Z][a-z]+\.? \d)",
)


# "SPECIAL MEETING OF THE CONDUIT FINANCING COMMITTEE MEMBERS" / "Tuesday, December 8, 2020": a heading naming the
# meeting in capitals, its date alone on the next line
_MEETING_DATE_LINE = re.compile(
    r"(?:MEETING|SITZUNG|SÉANCE|RÉUNION)\b[^\n]{0,100}\n(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    r"(?=[A-Z][a-z]+\.? \d{1,2},? \d{4}[ \t]*(?:\n|$))",
)
_ASSEMBLED = re.compile(r"\b(?:s['’]est\s+réuni|se\s+sont\s+réunis)\b")


def meeting_date(lines: list[Line]) -> dt.date | None:
    header = "\n".join(l.text for l in lines[:HEADER_LINES])
    for rx in (_MEETING, _MEETING_LINE, _MEETING_NEXT_LINE, _MEETING_DATE_LINE):
        for m in rx.finditer(header):
            d = _date_after(header, m.end())
            if d is None and _FRENCH_MEETING.match(m.group(0)):
                d = _french_date_after(header, m.end())
            if d:
                return d
    for m in _ASSEMBLED.finditer(header):
        # "Le 25 mars 2024, le conseil municipal de la commune de X s'est réuni": the date opens the sentence
        start = header.rfind("\n", 0, header.rfind("\n", 0, m.start()))
        found = find_dates(header[start + 1: m.start()])
        if found:
            return found[-1].date
    m = _MEETING_NO_YEAR.search(header)
    if m and m.group(2).casefold() in MONTHS:
        # the year of the other dates in the document (the most frequent one)
        years = [f.date.year for f in find_dates("\n".join(l.text for l in lines[:400]))]
        if years:
            year = max(set(years), key=years.count)
            try:
                return dt.date(year, MONTHS[m.group(2).casefold()], int(m.group(1)))
            except ValueError:
                return None
    return None


# --- deciding body and decision date ----------------------------------------------------------------------------
_BODY_WORDS = (
    r"(?:Rat(?:es)?|Stadtrat(?:es|s)?|Gemeinderat(?:es|s)?|Kreistag(?:es|s)?|Stadtverordnetenversammlung|Stadtvertretung|Gemeindevertretung|"
    r"Bezirksvertretung|Bezirksverordnetenversammlung|Bezirksausschuss(?:es)?|Bezirksversammlung|Haupt-?\s?und Finanzausschuss(?:es)?|"
    r"[A-ZÄÖÜ][\wäöüß\-]*[Aa]usschuss(?:es)?|Ausschuss(?:es)?|Stadtteilbeirat(?:es|s)?|Ortsbeirat(?:es|s)?|Beirat(?:es|s)?|Ortschaftsrat(?:es|s)?|"
    r"Magistrat(?:s)?|Senat(?:s)?|Landtag(?:es|s)?|Bundestag(?:es|s)?|Abgeordnetenhaus(?:es)?|Bürgerschaft|Grosse[nr]? Rat(?:es)?|Große[nr]? Rat(?:es)?|"
    r"Vollversammlung|Verbandsversammlung|Werkausschuss(?:es)?|Aufsichtsrat(?:es)?|"
    r"City Council|Town Council|Village Council|District Council|County Council|Borough Council|County Board|Board of Supervisors|Board of Education|"
    r"Select Board|Board of Selectmen|Board of Trustees|Board of Commissioners|Board of Aldermen|Township Committee|"
    r"Planning Commission|City Commission|(?:Commission|Committee) on(?:[ \t][A-Z][a-z]+){1,4}|"
    r"Conseil [Mm]unicipal|Conseil [Cc]ommunautaire|Comité(?= d[eu]s?\s| d['’]))"
)
# A body's name stays on its line ("SPD-Fraktion im Stadtrat" / "Stadt X" is the Stadtrat) and ends before the verb
# of the sentence ("Der Rat der Stadt X hat in seiner Sitzung ...") or the kind of meeting ("City Council Regular
# Meeting Minutes").
_BODY_END = (
    r"(?=[ \t]+(?:am|vom|on|in|im|zur|zum|hat|haben|hatte|hatten|wird|werden|wurde|wurden|ist|beschließt|beschloss|nimmt|möge|wolle|"
    r"has|have|will|shall|voted|Regular|Special|Meeting|Minutes|Agenda|Sitzung|Niederschrift|Protokoll)\b|[ \t]+(?:du|of|vom)[ \t]+\d"
    r"|[\n,;:(]|\s+\d|$)"
)
# "District Council 001 has scheduled": a body numbered among its kind keeps its number (not a date or a time)
_BODY_RX = re.compile(rf"\b{_BODY_WORDS}(?:[ \t]+\d{{1,3}}(?![\d.,:/]))?(?:[ \t]+(?:der|des|für|von|of|de|du)[ \t]+(?!\d)[^\n,;:]{{2,60}}?|[ \t]+[A-ZÄÖÜ][\w\-äöüß]+(?:[ \t][A-ZÄÖÜ][\w\-äöüß]+)?)?{_BODY_END}")
_ROLE_DECIDES = re.compile(r"Entscheidung|Beschluss(?:fassung)?|entscheidend|beschließend|abschließend|Decision|final", re.I)
_ROLE_ANY = re.compile(r"Entscheidung|Beschluss\w*|Vorberatung|Beratung|Kenntnisnahme|Anhörung|Empfehlung|Information|entscheidend|beschließend|beratend|vorberatend|abschließend|Ö\b|N\b", re.I)


@dataclass(frozen=True, slots=True)
class Consultation:
    body: str | None
    date: dt.date | None
    decides: bool = True  # False when the Beratungsfolge rows had dates but none marked as the deciding one


_BODY_TAIL = re.compile(
    r"(?:\s+(?:Vorsitzende[rn]?|Meeting|Special|Regular|Minutes|Agenda|Sitzung|Mitgliederverzeichnis|Protokoll|Niederschrift|"
    r"Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|January|February|March|May|June|"
    r"July|October|December|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag))+$",
    re.IGNORECASE,
)


# articles and prepositions a body's name cannot end with: the line broke inside the sentence that names it
_DANGLING = re.compile(r"(?:\s+(?:de|du|des|de la|la|le|les|d['’]|der|die|das|den|dem|für|von|of|the|and|und|et))+$", re.I)


def normalise_body(name: str) -> str:
    """``Rates der Stadt Dortmund`` -> ``Rat der Stadt Dortmund``; ``Stadtteilbeirates Büchenbach`` -> ``Stadtteilbeirat Büchenbach``."""
    name = _BODY_TAIL.sub("", re.sub(r"\s+", " ", name).strip(" .,;:-–"))
    name = _DANGLING.sub("", name)  # "Conseil Municipal de la" / "commune de X" on the next line
    first, _, rest = name.partition(" ")
    m = re.fullmatch(r"(\w*(?:rat|ausschuss|beirat|tag|haus|magistrat|senat))(?:es|s)", first, re.I)
    if m:
        first = m.group(1)
    m2 = re.fullmatch(r"(Gro(?:ß|ss))e[nr]?", first)
    if m2:
        first = m2.group(1) + "er"
        rest = re.sub(r"^Rat(?:es|s)\b", "Rat", rest)
    return f"{first} {rest}".strip() if rest else first


def beratungsfolge(lines: list[Line]) -> list[tuple[str, dt.date | None, str]]:
    """Rows (body, date, role) of a "Beratungsfolge" block, in order."""
    rows: list[tuple[str, dt.date | None, str]] = []
    for i, line in enumerate(lines):
        if not re.match(r"^(?:Beratungsfolge|Beratungs-?\s?folge|Gremium)\b", line.text, re.I):
            continue
        tail = re.sub(r"^(?:Beratungsfolge|Gremium)\s*:?\s*", "", line.text, flags=re.I)
        block = ([tail] if tail else []) + [l.text for l in lines[i + 1: i + 12]]
        for text in block:
            if re.match(r"^(?:Betreff|Beschlussvorschlag|Sachverhalt|Begründung|Anlage|Inhalt|Antrag|Vorlage)\b", text, re.I):
                break
            found = find_dates(text)
            body_m = _BODY_RX.search(text)
            if not found and not body_m:
                if rows:
                    break
                continue
            date = found[0].date if found else None
            body = text[: found[0].start].strip() if found else text
            role = text[found[0].end:].strip() if found else ""
            body_match = _BODY_RX.search(body) or body_m
            rows.append((normalise_body(body_match.group(0)) if body_match else body.strip(), date, role or text))
        if rows:
            break
    return rows


# "in einer internen Sitzung des Stadtteilbeirats am ...", "in unserer Sitzung": where the sender met, not the meeting
# that decides the matter
_OWN_MEETING = re.compile(r"\b(?:internen?|unserer|unseren)\s+(?:\w+\s+)?Sitzung", re.I)


_REGARDING = re.compile(r"\b(?:Zu[mr]?|zu[mr]?|Betr\.|Betrifft:?)\s+$")


def decision_consultation(lines: list[Line], doc_type: str | None = None) -> Consultation | None:
    """The deciding body and the date of the meeting that decides (or decided) a proposal or motion.

    A document of no council type (``other``: a statement, a letter, an annex) is decided in no meeting of its own:
    the meetings its sentences mention were held or are held on other papers, so only a consultation table
    (Beratungsfolge) counts for it."""
    rows = beratungsfolge(lines)
    dated = [r for r in rows if r[1] is not None]
    if dated:
        deciding = [r for r in dated if _ROLE_DECIDES.search(r[2])]
        body, date, _ = (deciding or dated)[-1]
        return Consultation(body or None, date, bool(deciding) or len(dated) == 1)
    if doc_type == "other":
        return None
    text = "\n".join(l.text for l in lines[:HEADER_LINES + 20])
    patterns = [
        rf"Beschluss\s+(?:des|der)\s+(?P<body>{_BODY_WORDS}[^\n]{{0,60}}?)\s+vom\s+",
        rf"(?:Sitzung|Beratung|Tagesordnung)\s+(?:des|der)\s+(?P<body>{_BODY_WORDS}[^\n]{{0,60}}?)\s+(?:am|vom)\s+",
        rf"(?:zur|für die|in der)\s+(?:\w+\s+)?Sitzung\s+(?:des|der)\s+(?P<body>{_BODY_WORDS}[^\n]{{0,60}}?)\s+(?:am|vom)\s+",
        r"Sitzung\s+(?:des|der)\s+(?P<body>[A-ZÄÖÜ]{2,4}\s+[A-ZÄÖÜ][\wäöüß\-]+)\s+am\s+",
    ]
    for p in patterns:
        for m in re.finditer(p, text):
            if _OWN_MEETING.search(text[max(0, m.start() - 30): m.start() + 8]):
                continue
            if _REGARDING.search(text[max(0, m.start() - 8): m.start()]):
                continue  # "Zum Beschluss des Stadtrates vom 23.04.2020": a statement on a decision taken
            d = _date_after(text, m.end(), 20)
            if d:
                return Consultation(normalise_body(m.group("body")), d)
    # "Beschluss des Bezirksausschusses des 16. Stadtbezirkes vom" with the date left blank
    m = re.search(rf"Beschluss\s+(?:des|der)\s+(?P<body>{_BODY_WORDS}[^\n]{{0,60}}?)\s+vom\s*$", text, re.M)
    if m:
        return Consultation(normalise_body(m.group("body")), None)
    return None


# Bodies that are all "the council" of a town, whatever its statute calls it.
_COUNCIL_KINDS = frozenset(
    "rat stadtrat gemeinderat marktgemeinderat stadtverordnetenversammlung stadtvertretung gemeindevertretung "
    "council".split()
)


def _body_kind(name: str) -> str:
    words = normalise_body(name).casefold().split()
    if not words:
        return ""
    return "council" if words[0] in _COUNCIL_KINDS or words[-1] == "council" else words[0]


def quoted_decision(body: str | None, doc_date: dt.date | None) -> Callable[[str], bool]:
    """Whether a sentence of a proposal, motion or report quotes a decision taken elsewhere: one dated before the
    document ("Der Ausschuss hat in seiner Sitzung am 14.12.2022 beschlossen", in a Vorlage of 01.02.2023) or one of a
    body other than the one that decides this matter ("Der Bundestag hat beschlossen", in a motion to the Stadtrat)."""
    own = _body_kind(body) if body else None

    def quoted(sentence: str) -> bool:
        if doc_date is not None and any(f.date < doc_date for f in find_dates(sentence)):
            return True
        if own:
            kinds = {_body_kind(normalise_body(m.group(0))) for m in _BODY_RX.finditer(sentence)}
            if kinds and own not in kinds:
                return True
        return False

    return quoted


_NAMED_BODY = re.compile(
    r"\b(?P<kind>Bezirksvertretung|Bezirksausschuss|Bezirksverordnetenversammlung|Ortsbeirat|Stadtteilbeirat|Ortschaftsrat|Bezirksbeirat)"
    r"\s+(?:des\s+Stadtbezirks\s+)?(?P<name>[A-ZÄÖÜ][\wäöüß]+(?:-[A-ZÄÖÜ][\wäöüß]+)?)"
)


# "Bezirksausschuss 7 - Sendling-Westpark" (München numbers its districts and names them)
_NUMBERED_DISTRICT_BODY = re.compile(
    r"\b(?P<kind>Bezirksausschuss)[ \t]+(?P<number>\d{1,2})\b[\s,:\-–_]*(?P<name>[A-ZÄÖÜ][\wäöüß]+(?:-[A-ZÄÖÜ][\wäöüß]+)*)"
)


def qualify_body(body: str | None, lines: list[Line]) -> str | None:
    """``Bezirksvertretung`` alone, when the letterhead names it (``Bezirksvertretung Köln-Porz``): the named one."""
    header = "\n".join(l.text for l in lines[:HEADER_LINES])
    for m in _NUMBERED_DISTRICT_BODY.finditer(header):
        if (body is None or body.strip() in (m.group("kind"), f"{m.group('kind')} {m.group('number')}")) \
                and gazetteer.district_cities(m.group("name")):
            return f"{m.group('kind')} {m.group('number')} - {m.group('name')}"
    if body is not None and " " in body.strip():
        return body
    for m in _NAMED_BODY.finditer(header):
        if body is None or m.group("kind") == body.strip():
            if m.group("name") not in ("Hausanschrift", "Bezirksrathaus", "Am", "Im"):
                return f"{m.group('kind')} {m.group('name')}"
    if body is not None and body.strip() == "Stadtteilbeirat":
        # "Sitzung des Stadtteilbeirates" on a slide deck about "Soziale Entwicklung im Stadtteil Büchenbach" whose
        # footer reads "StBR Büchenbach": the Beirat of that district (a district data/districts.csv lists)
        for m in _DISTRICT_NAMED.finditer(header):
            if gazetteer.district_cities(m.group("name")):
                return f"Stadtteilbeirat {m.group('name')}"
    return body


_DISTRICT_NAMED = re.compile(r"\b(?:StBR|Stadtteil(?:e?s)?)[ \t]+(?P<name>[A-ZÄÖÜ][\wäöüß]+(?:-[A-ZÄÖÜ][\wäöüß]+)?)")


_ADDRESSED = re.compile(r"(?:Mitglieder|Damen und Herren)\s+(?:des|der)\s+(?P<body>Stadtrat|Stadtrates|Stadtrats|Gemeinderat|Gemeinderates|Gemeinderats|Rates|Kreistages|Kreistags)\b")


def addressed_body(lines: list[Line]) -> str | None:
    """The council a motion is addressed to (``Sehr geehrte Mitglieder des Stadtrats``)."""
    header = "\n".join(l.text for l in lines[:HEADER_LINES])
    m = _ADDRESSED.search(header)
    return normalise_body(m.group("body")) if m else None


# "will hold a special meeting of the Conduit / Financing Committee Members": an English body named by its own words,
# the name possibly wrapped onto the next line
_MEETING_OF_NAMED_BODY = re.compile(
    r"\b[Mm]eeting\s+of\s+the\s+(?P<body>(?:[A-Z][\w&\-]+\s+){1,4}(?:Committee|Commission|Board|Council))\b"
)


_MEETING_BELOW_BODY = re.compile(r"^(?:(?:Öffentliche|Nichtöffentliche|Nicht öffentliche|Konstituierende|Gemeinsame|\d{1,3}\.)\s+)*Sitzung\b", re.I)


def meeting_body(lines: list[Line]) -> str | None:
    """The body whose meeting the minutes or invitation record (``Sitzung des Rates der Stadt X``)."""
    for above, below in zip(lines[:3], lines[1:4]):
        # a title slide or cover: "Stadtteilbeirat Büchenbach" / "Öffentliche Sitzung 17. Nov 2022" (a meeting of
        # another body quoted further down is not this one)
        if _MEETING_BELOW_BODY.match(below.text) and _BODY_RX.fullmatch(above.text.strip()):
            return normalise_body(above.text.strip())
    header = "\n".join(l.text for l in lines[:HEADER_LINES])
    m = re.search(rf"(?:Sitzung|Besprechung|meeting|Meeting|Tagung|séance|Réunion|réunion)\s+(?:des|der|of the|of|du|de la)\s+(?P<body>{_BODY_WORDS}(?:\s+(?:der|des|für|von)\s+[^\n,;:]{{2,60}}?|\s+[A-ZÄÖÜ][\w\-äöüß]+)?)(?=\s+(?:am|vom|on|held|in|im)\b|[\n,;:(]|\s+\d|$)", header)
    if m:
        return normalise_body(m.group("body"))
    m = re.search(r"(?:Minutes of the|Protokoll (?:des|der)|Niederschrift (?:des|der))\s+(?P<body>[^\n]{2,60}?)(?=\s+(?:meeting|Sitzung|am|vom|on|held)\b|\n|$)", header)
    if m and _BODY_RX.search(m.group("body")):
        return normalise_body(_BODY_RX.search(m.group("body")).group(0))  # type: ignore[union-attr]
    m = _BODY_RX.search(header)
    if m:
        return normalise_body(m.group(0))
    m = _MEETING_OF_NAMED_BODY.search(header)
    if m:
        return normalise_body(m.group("body"))
    return _body_in_capitals(lines) or _french_council(header)


# "les conseillers communautaires de Roannais Agglomération se sont réunis", "le conseil municipal de la commune de X
# s'est réuni": the council named in the opening sentence of a procès-verbal or a délibération
_FRENCH_COUNCIL = re.compile(r"\b(?:conseil|conseillers)\s+(?P<kind>municipa(?:l|ux)|communautaires?)\b", re.I)


def _french_council(header: str) -> str | None:
    m = _FRENCH_COUNCIL.search(header)
    if not m:
        return None
    return "Conseil municipal" if m.group("kind").lower().startswith("municipa") else "Conseil communautaire"


_SMALL_WORDS = frozenset("and of the for on de du des la le et der die das des für von und".split())


def _body_in_capitals(lines: list[Line]) -> str | None:
    """A heading in capitals naming the body ("COMITÉ DE DÉMOLITION", "NOTICE AND AGENDA OF DISTRICT COUNCIL MEETING"),
    read in the two ways bodies are written: as a sentence ("Comité de démolition") and in title case."""
    for line in lines[:10]:
        letters = [c for c in line.text if c.isalpha()]
        if len(letters) < 6 or not all(c.isupper() for c in letters):
            continue
        words = line.text.split()
        titled = " ".join(w.lower() if k and w.lower() in _SMALL_WORDS else w.capitalize() for k, w in enumerate(words))
        for variant in (line.text.capitalize(), titled):
            m = _BODY_RX.search(variant)
            if m:
                return normalise_body(m.group(0))
    return None


# --- title ---------------------------------------------------------------------------------------------------
_TITLE_LABEL = re.compile(r"^(?:Betreff|Betr\.|Gegenstand|Thema|Titel|Subject|Re|Objet)\s*:\s*(?P<title>.*)$", re.I)
_SKIP_TITLE = re.compile(
    r"^(?:Datum|Date|Tel|Telefon|Fax|E-Mail|AZ|Az\.|Aktenzeichen|Seite|Page|Referat|Amt|Dezernat|Drucksache|Vorlage|Sitzungsvorlage|"
    r"Beratungsfolge|Öffentlich|Nichtöffentlich|Nicht öffentlich|Öffentliche Sitzung|Anlage|www\.|http|Postfach|"
    # the stamp of a French délibération's transmission: "Envoyé en préfecture le 27/03/2024", "ID : 074-..."
    r"Envoy[ée] en pr[ée]fecture|Re[çc]u en pr[ée]fecture|Re[gq]u en pr[ée]fecture|Publi[ée] le\b|Affich[ée] le\b|ID\s*:|"
    # the chair signing a board's letterhead: "Vorsitzender Günter Winkelmann Erlangen 06.05.2021"
    r"(?-i:(?:Stellv\.\s+|Stellvertretende[r]?\s+)?Vorsitzende[r]?\s+(?:Dr\.\s+)?[A-ZÄÖÜ][a-zäöüß]+\s+[A-ZÄÖÜ]))",
    re.I,
)
_TITLE_JOIN = {"die", "der", "das", "des", "den", "dem", "aus", "für", "über", "von", "vom", "und", "zur", "zum", "im", "am",
               "mit", "auf", "in", "einer", "eines", "einem", "of", "the", "and", "for", "to", "on",
               "de", "du", "la", "le", "les", "et", "à", "au", "aux", "pour", "sur", "en", "par"}


_NOT_CONTINUATION = re.compile(r"^(?:sehr geehrte|liebe|wir\b|ich\b|hiermit\b|dear\b|madame|monsieur)", re.I)


_STAMP_DEBRIS = re.compile(r"(?<=\w{4})\s+\|\s+(?:\S+\s+){0,2}\S+\s*$")


def _join_title(first: str, following: list[str]) -> str:
    title = first.strip()
    for k, nxt in enumerate(following[:3]):
        last = title.rsplit(" ", 1)[-1].casefold() if title else ""
        if not nxt or _TITLE_LABEL.match(nxt) or _SKIP_TITLE.match(nxt) or _NOT_CONTINUATION.match(nxt):
            break
        if nxt.lower().startswith("hier:"):
            title = f"{title} – {nxt[5:].strip()}"
            continue
        # "... Entsiegelung von Plätzen hier:" / "Prioritätenliste", and a subject whose next line is the last before
        # the salutation ("... zum Bebauungsplan Nr. 199" / "Odenwaldallee; ..." / "Sehr geehrter Herr ..."): the
        # subject block runs on
        before_salutation = k + 1 < len(following) and bool(_SALUTATION.match(following[k + 1])) and not _only_date(nxt)
        if title.endswith("-"):
            title += nxt
        elif (last in _TITLE_JOIN or nxt[:1].islower() or title.endswith(",") or bool(re.search(r"\bhier\s*:$", title, re.I))
              or before_salutation):
            title = f"{title} {nxt}"
        else:
            break
    # OCR of a stamp beside the subject line, after a column rule ("... Busschleuse | fl stacte Köln")
    title = _STAMP_DEBRIS.sub("", title)
    return re.sub(r"\s+", " ", title).strip(" :;,")[:300] or first


_NUMBERED_MEETING = re.compile(r"^(?:Nr\.?|Nummer|No\.?)\s*\d+\w*\s+(?:vom|of|du)\s", re.I)


def find_title(lines: list[Line], doc_type: str) -> str | None:
    header = [l.text for l in lines[:HEADER_LINES + 20]]
    for i, text in enumerate(header):
        m = _TITLE_LABEL.match(text)
        if m:
            first = m.group("title").strip()
            if not first and i + 1 < len(header):
                return _join_title(header[i + 1], header[i + 2:])
            if first:
                return _join_title(first, header[i + 1:])
    type_rx = dict(_TYPE_PATTERNS).get(doc_type)
    for i, text in enumerate(header[:HEADER_LINES]):
        if type_rx and type_rx.match(text):
            rest = type_rx.sub("", text, count=1).strip(" :-–")
            if doc_type in ("minutes", "invitation") and _NUMBERED_MEETING.match(rest) and find_dates(rest):
                return text.strip()  # "Protokoll Nr. 61 vom 16. August 2023": minutes named by number and date
            if re.match(r"^(?:n?\s*-?\s*(?:Nr|Nummer|No)\b|\d)", rest, re.I):
                continue  # "Sitzungsvorlagen Nr.: 20-26 / V 02284" is a reference line, not a title
            numbered = re.search(r"(?:\bN°|\bn°|\bNr\.?|\bNo\.?)\s*[\w/\-]*\d[\w/\-]*$", rest)
            # "DELIBERATION DU CONSEIL MUNICIPAL N° DEL2024_22" names the kind and number: the title follows
            label_line = bool(numbered) and len(rest[: numbered.start()].split()) <= 4  # type: ignore[union-attr]
            author = re.match(r"^(?:der|des|von)\s+(?:Fraktion|Fraktionen|Gruppe|Stadtratsfraktion|Ratsfraktion|Ratsmitglied|Stadtverordneten)\b", rest, re.I)
            if len(rest.split()) >= 3 and not author and not label_line:
                return _join_title(text, header[i + 1:])
            if not rest and i > 0 and re.fullmatch(_BODY_WORDS, header[i - 1], re.I):
                return f"{header[i - 1]} {text}"  # "PLANNING COMMISSION" / "REGULAR MEETING MINUTES"
            if not rest and i + 1 < len(header) and re.fullmatch(_BODY_WORDS, header[i + 1], re.I):
                return f"{text} {header[i + 1]}"  # "INVITATION" / "Conseil Municipal"
            if not rest and len(text.split()) <= 2 and re.search(r"\bMinutes$", text, re.I):
                # "Data Governance" / "November 11, 2021" / "Action Minutes": the name above the date line
                above = [h for h in header[max(0, i - 2): i] if not _only_date(h)]
                if above and 1 <= len(above[-1].split()) <= 5 and letter_ratio(above[-1]) > 0.8 and not _SKIP_TITLE.match(above[-1]):
                    return f"{above[-1]} {text}"
            if i + 1 < len(header) and header[i + 1][:1].islower():  # "Niederschrift" / "über die 12. Sitzung ..."
                return _join_title(f"{text} {header[i + 1]}", header[i + 2:])
            if not rest and not label_line and len(text.split()) >= 3:
                return text.strip()  # "City Council Regular Meeting Minutes": the heading names the meeting itself
            # the title is the next substantial line ("Beschlussvorlage" / "Einrichtung einer ...")
            for j in range(i + 1, min(i + 6, len(header))):
                cand = header[j]
                if _SALUTATION.match(cand):
                    break  # "Mesdames, Messieurs," opens the letter: no title follows
                if (len(cand.split()) >= 3 and not _SKIP_TITLE.match(cand) and not find_dates(cand[:12])
                        and not (len(cand) < 45 and find_dates(cand)) and not _NOT_CONTINUATION.match(cand)):
                    return _join_title(cand, header[j + 1:])
            break
    subject = letter_subject(lines[:HEADER_LINES + 20])
    if subject:
        return subject
    return _heading_title(header)


def _upper_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def _is_letterhead(text: str) -> bool:
    """A line in capitals that names the issuer, not the document: a body ("CHICAGO COMMISSION ON HUMAN RELATIONS",
    "PLANNING COMMISSION") or a town ("CITY OF CUPERTINO", "LANDESHAUPTSTADT MÜNCHEN")."""
    words = text.split()
    titled = " ".join(w.lower() if k and w.lower() in _SMALL_WORDS else w.capitalize() for k, w in enumerate(words))
    if re.match(_STRONG_PREFIX + r"\s", titled) or _BODY_RX.search(titled):
        return True
    return bool(_CAPITALS_ISSUER.match(text) or _AUTHORITY.match(text))


# "DEPARTMENT OF TRANSPORTATION", "U.S. DEPARTMENT OF LABOR", "MINISTÈRE DE L'INTÉRIEUR": an authority issuing the document
_AUTHORITY = re.compile(r"^(?:U\.\s?S\.\s)?(?:DEPARTMENT|MINISTRY|OFFICE|BUREAU|AGENCY|MINIST[ÈE]RE|PR[ÉE]FECTURE) (?:OF|FOR|DE|DU|DES)\b")


_CAPITALS_HEADING_LINES = 15


def _capitals_heading(header: list[str]) -> str | None:
    """A title printed in capitals near the top ("CONVENTION DE PARTENARIAT" / "DANS LE CADRE DU CONTRAT ...",
    "2019 MONTHLY BOARD MEETING SCHEDULE"), past the issuer's letterhead, with the lines that continue it: lines in
    capitals, or in small capitals that OCR reads as a mix of cases (a third or more of the letters upper case), up to
    four lines in all."""
    for i, text in enumerate(header[:_CAPITALS_HEADING_LINES]):
        letters = sum(c.isalpha() for c in text)
        if (len(text.split()) < 3 or letters < 10 or _upper_share(text) < 0.95 or letter_ratio(text) <= 0.6
                or _SKIP_TITLE.match(text) or _is_letterhead(text) or find_dates(text)):
            continue
        parts = [text.strip()]
        for nxt in header[i + 1: i + 4]:
            if (len(nxt.split()) < 2 or _upper_share(nxt) < 0.35 or _SKIP_TITLE.match(nxt) or nxt.rstrip().endswith(".")
                    or letter_ratio(nxt) <= 0.6):
                break
            parts.append(nxt.strip())
        return re.sub(r"\s+", " ", " ".join(parts)).strip(" :;,")[:300]
    return None


# "E-Rikscha-Pilot*innen gesucht": a headline of two words opening the document, one of them in lower case (a verb,
# an adjective), unlike a letterhead's names ("Stadt Köln", "Grosser Rat")
_TWO_WORD_HEADLINE = re.compile(r"^(?=[^\n]*\b[a-zäöüß]{3,}\b)[\w*äöüßÄÖÜ\-]+[ ][\w*äöüßÄÖÜ\-]+[!?.]?$")


def _heading_title(header: list[str]) -> str | None:
    """The title of a document that names no type it is known by and is no letter: a heading in capitals, a short
    headline on the first line, else its first substantial line."""
    capitals = _capitals_heading(header)
    if capitals:
        return capitals
    if header and _TWO_WORD_HEADLINE.match(header[0].strip()) and letter_ratio(header[0]) > 0.8:
        return header[0].strip()
    if len(header) >= 2 and all(len(h.split()) == 1 for h in header[:2]):
        # "Büchenbach" / "SCHOCKT!": a title slide's exclamation set in two lines of one word each
        joined = f"{header[0].strip()} {header[1].strip()}"
        if re.fullmatch(r"[^\W\d_][\w\-]* [^\W\d_][\w\-]*!", joined) and letter_ratio(joined) > 0.8:
            return joined
    greeting = False
    for i, text in enumerate(header[:25]):
        # "Sehr geehrter Herr Oberbürgermeister," / "sehr geehrte Mitglieder der Fraktionen,": a salutation opens a
        # letter whose subject may follow it, it is none itself
        greeting = bool(_SALUTATION.match(text)) or (greeting and text.rstrip().endswith(","))
        if greeting or _FORM_LABELS.match(text) or _FILE_PATH.search(text):
            continue
        if len(text.split()) >= 3 and not _SKIP_TITLE.match(text) and letter_ratio(text) > 0.6 and not re.search(r"\b(?:Tel|Fax)\b|@", text):
            return _join_title(text, header[i + 1:])
    # "Anlage zu § 1 der Satzung der Stadt Erlangen über Orts- und Stadtteilbeiräte" over a map: an annex that names
    # what it belongs to, when nothing else could be the title
    for text in header[:5]:
        if _ANNEX_HEADING.match(text) and letter_ratio(text) > 0.6:
            return text.strip()
    return None


# "Gezeichnet: erstellt am: Bearbeitet:": the field labels of a drawing's title block (their values elsewhere)
_FORM_LABELS = re.compile(r"^(?:[^\W\d][\w.\-]*(?:[ \t]+(?:am|an|von|durch|by|on|le|par))?[ \t]*:[ \t]*){2,}(?:[^\W\d][\w.\-]*)?$")
# "Dateipfad: I:\A61\...\Strategieplan", "Büchenbacher Achse_fsh.dwg": a file's path or name
_FILE_PATH = re.compile(r"(?:^|[\s:])[A-Za-z]:\\|\\\\|\.(?:dwg|dxf|docx?|xlsx?|pptx?|pdf|indd)\b", re.I)
_ANNEX_HEADING = re.compile(r"^Anlage\s+(?:\d+\s+)?zu[mr]?\s+\S+(?:\s+\S+){3,}")


# --- the subject line of a letter without a "Betreff:" label -----------------------------------------------------
# "Madame, Monsieur," / "Monsieur le Maire,": a French salutation; "Monsieur Patrick MICHEL, dûment habilité" is a party
_SALUTATION = re.compile(r"^(?:Sehr geehrte|Liebe[rs]?\s|Hallo\b|Dear\b|(?:Madame|Monsieur|Mesdames|Messieurs)(?=\s*(?:,|$|(?:le|la|et)\s)))", re.I)
_HIER = re.compile(r"^hier\s*:", re.I)
_ADDRESSEE = re.compile(r"^(?:Herrn?|Frau|An\s+(?:den|die|das|Herrn|Frau)|z\.\s?H\.?|Mr\.?|Mrs\.?|Ms\.?)\s", re.I)
_STAMP = re.compile(r"\b(?:Eingang|Eing\.|eingegangen|Posteingang|received)\b", re.I)
_MAX_SUBJECT_LINES = 4


def _ends_with_date(text: str) -> bool:
    found = find_dates(text)
    return bool(found) and found[-1].end >= len(text.rstrip(" |.,;:")) - 2


_FRAMED = re.compile(r"^[–—-]\s+(.+?)\s+[–—-]$")  # "– Umgestaltung des Rudeltplatzes –"
# "Antrag Nr. 14-20 / B 02870 des Bezirksausschusses ... vom 27.09.2016": a subject naming a dated document ends
# with that date, unlike a date line ("München, 19.12.2016")
_NAMES_DATED = re.compile(r"^(?:Antrag|Anfrage|Ihr(?:e|en)?\s+\w+|Schreiben|Beschluss|Empfehlung)\b.{20,}\bvom\s+\S*\d", re.I)


def _subject_start_ok(text: str) -> bool:
    return (len(text.split()) >= 3 and letter_ratio(text) > 0.6 and not _SKIP_TITLE.match(text)
            and not _ADDRESSEE.match(text) and not _STAMP.search(text) and not _SALUTATION.match(text)
            and (not _ends_with_date(text) or bool(_NAMES_DATED.match(text)))
            and not re.search(r"\b(?:Tel|Fax|Telefon)\b|@|www\.", text))


def _subject_continues(text: str) -> bool:
    return (len(text.split()) >= 2 and not _STAMP.search(text) and not _ADDRESSEE.match(text)
            and not _ends_with_date(text) and letter_ratio(text) > 0.3)


def letter_subject(lines: list[Line]) -> str | None:
    """The subject of a letter printed without a label (scanned inquiries, answers, Bedarfsprüfungen).

    DIN letters put the subject after the address and date block: the lines just before the salutation
    ("Sehr geehrte ...") once addressee lines and receipt stamps are passed over, or the block that ends in a
    "hier: ..." line. A subject runs over at most four lines of one block (no blank line inside).
    """
    end = next((i for i, l in enumerate(lines) if _HIER.match(l.text)), None)
    if end is None:
        salutation = next((i for i, l in enumerate(lines) if _SALUTATION.match(l.text)), None)
        if salutation is None:
            return None
        end = next((k for k in range(salutation - 1, max(salutation - 8, -1), -1)
                    if _subject_start_ok(lines[k].text)), None)
        if end is None:
            return None
    start = end
    while (start > 0 and end - start < _MAX_SUBJECT_LINES - 1 and not lines[start].blank_before
           and _subject_continues(lines[start - 1].text)):
        start -= 1
    while start < end and not _subject_start_ok(lines[start].text):
        start += 1
    if not _subject_start_ok(lines[start].text):
        return None
    block = [l.text for l in lines[start: end + 1]]
    # "– Umgestaltung des Rudeltplatzes –" / "Antrag des Stadtteilbeirates Nr. 266/2019 vom 21.10.2019": the motion the
    # letter answers is cited below its subject
    own = [t for t in block if not _CITED_DOCUMENT.match(t)]
    if own and len(own) < len(block):
        block = own
    title = _FRAMED.sub(r"\1", block[0])
    for nxt in block[1:]:
        if _HIER.match(nxt):
            title = f"{title} – {_HIER.sub('', nxt).strip()}"
        elif title.endswith("-") and not title.endswith(" -"):
            title += nxt
        else:
            title = f"{title} {nxt}"
    # OCR debris of a stamp printed over the line end ("... Köln-Klettenberg a Stadt Köln N |")
    title = re.sub(r"(?:\s+(?:[|_~]+|\w))+\s*$", "", title)
    return re.sub(r"\s+", " ", title).strip(" :;,|")[:300] or None


def _only_date(text: str) -> bool:
    found = find_dates(text)
    return len(found) == 1 and len(text.strip()) - (found[0].end - found[0].start) <= 6


def letter_ratio(text: str) -> float:
    chars = [c for c in text if not c.isspace()]
    return sum(c.isalpha() for c in chars) / len(chars) if chars else 0.0


def first_date(text: str) -> dt.date | None:
    return parse_date(text)
