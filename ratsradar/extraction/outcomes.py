"""The outcome of an agenda item and its vote counts.

Traps handled:
- a proposal's or motion's request (``Der Stadtrat möge beschließen``, ``Beschlussvorschlag``) is not an outcome;
  in ``strict`` mode (proposals, motions, inquiries, reports) only explicit past-tense statements count
  (``wurde einstimmig beschlossen``, ``hat ... abgelehnt``);
- printed, unticked form options (``einstimmig mehrheitlich``, ``☐ angenommen ☐ abgelehnt``) are removed first;
- ``verwiesen`` also means "referred to (a document)": only a referral *to a body* counts as ``referred``;
- clock times (``18:35 Uhr``) are not votes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ratsradar.extraction.prefilter import Filtered
from ratsradar.record import Votes

# Every pattern below is a ``Filtered`` one: the same matches as ``re``, found without trying the pattern at
# every character of a long document (see ``prefilter``).

_NUMBER_WORDS = {
    "ein": 1, "eine": 1, "einer": 1, "einem": 1, "keine": 0, "keiner": 0, "keinen": 0, "zwei": 2, "drei": 3,
    "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "no": 0, "none": 0, "zero": 0,
}
_NUM = r"(\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_I = re.IGNORECASE

# --- traps removed before anything is read -------------------------------------------------------------------
_BOX = r"[☐□◻❏▢○◯☒☑■]"
_FORM_OPTIONS = [
    Filtered(r"\beinstimmig\s*[/|,]?\s*(?:\(?\s*\)?\s*)?mehrheitlich\b", _I),
    Filtered(r"\bmehrheitlich\s*[/|,]?\s*einstimmig\b", _I),
    Filtered(rf"{_BOX}\s*\w+(?:\s+\w+)?", _I),
    Filtered(r"\b(?:angenommen|abgelehnt|vertagt|zurückgestellt)\s*[/|]\s*(?:angenommen|abgelehnt|vertagt|zurückgestellt)\b(?:\s*[/|]\s*\w+)*", _I),
    Filtered(r"\bja\s*[/|]?\s*nein\s*[/|]?\s*enthaltung(?:en)?\b\s*(?::|$)", _I | re.M),
]
_REQUESTS = [
    Filtered(r"\bmöge[n]?\b[^.\n]{0,80}?\bbeschließen\b[^\n]*", _I),
    Filtered(r"\bbeschließen\s+möge[n]?\b", _I),
    Filtered(r"\bwird gebeten\b[^.\n]{0,80}?\b(?:zu beschließen|zuzustimmen)\b", _I),
    # the heading of a proposed resolution; "Der Beschlussvorschlag wird ... angenommen" in minutes is an outcome
    Filtered(r"^[ \t]*(?:Beschlussvorschlag|Beschlussempfehlung|Antrag zur Beschlussfassung)\b[^\n]*", _I | re.M),
    Filtered(r"\b(?:be)?(?:antragen|antragt|schlägt vor|empfiehlt)\b[^.\n]{0,80}", _I),
    Filtered(r"\b(?:be it resolved|now,? therefore|recommend(?:s|ed)? that|staff recommends?)\b", _I),
]


def _scrub(text: str) -> str:
    for rx in _FORM_OPTIONS + _REQUESTS:
        text = rx.sub(lambda m: " " * len(m.group(0)), text)
    return text


# --- outcome statements ----------------------------------------------------------------------------------------
# "Après en avoir délibéré" (OCR: "Aprés en avoir delibere")
_DELIBERATED = r"\bapr[eèé]s en avoir d[ée]lib[ée]r[ée]\b"
_NOT = r"(?<!nicht )(?<!nicht\s\s)(?<!not )(?<!kein )"
_STRONG: list[tuple[str, Filtered]] = [
    ("withdrawn", Filtered(r"\bzurückgezogen\b|\bwithdrawn\b|\bretir[ée]e?s?\b"
                            # "Der Antragsteller zieht den Antrag zurück", "Item pulled from the agenda"
                            r"|\b(?:zieht|ziehen|zog|zogen)\b[^.\n]{0,80}?\bzurück\b|\b(?:pulled|removed) from the agenda\b", _I)),
    ("deferred", Filtered(r"\bvertagt\b|\bzurückgestellt\b|\bvon der Tagesordnung (?:abgesetzt|genommen)\b|\babgesetzt\b"
                            r"|\b(?:tabled|postponed|deferred)\b|\bcontinued to (?:the|a) (?:next|future) meeting\b"
                            # "reporté au conseil du 25 novembre"; "résultat reporté", "reporté en 2022" are no deferral
                            r"|\bajourn[ée]e?s?\b|\breport[ée]e?s?\s+(?:au|[àa]\s+(?:la|une?))\s+(?:\w+\s+)?(?:conseil|s[ée]ance|r[ée]union|ordre du jour)\b"
                            # "le conseil municipal accepte de reporter cette délibération à une prochaine séance"
                            r"|\b(?:accepte|acceptent|d[ée]cide|d[ée]cident)\s+de\s+(?:reporter|diff[ée]rer|ajourner)\b"
                            r"|\breporter\s+(?:ce point|cette d[ée]lib[ée]ration|ce dossier|ce sujet|l['’]examen)\b[^.\n]{0,40}?"
                            r"\b[àa]\s+(?:la|une)\s+(?:\w+\s+)?(?:s[ée]ance|r[ée]union)\b", _I)),
    ("referred", Filtered(r"\b(?:an|in) (?:den|die|das)\b[^.\n]{0,80}?\b(?:verwiesen|überwiesen|zurückverwiesen)\b"
                            r"|\bVerweisung (?:an|in)\b|\breferred (?:back )?to (?:the )?[\w ]{0,40}(?:committee|commission|board|council)\b", _I)),
    ("amended", Filtered(r"\bmit (?:den |der |einer )?(?:folgenden |vorgetragenen |o\.\s?g\.\s|genannten )?Änderung(?:en)?\b[^.\n]{0,60}?\b(?:beschlossen|angenommen|zugestimmt)\b"
                           r"|\bin (?:der )?geänderten Fassung\b[^.\n]{0,40}?\b(?:beschlossen|angenommen|zugestimmt)\b"
                           r"|\bgeändert (?:beschlossen|angenommen)\b"
                           r"|\b(?:adopted|approved|carried|passed) as amended\b|\bamended and (?:adopted|approved|carried)\b"
                           # "après en avoir délibéré, le conseil autorise ... en y incluant les modifications apportées"
                           rf"|(?:{_DELIBERATED}|\bd[ée]cide\b|\bapprouve\b|\badopte\b|\bautorise\b|\bvalide\b)(?:[^.]|(?<=\bM)\.|(?<=\bMme)\.){{0,300}}?"
                           r"\b(?:en y |en )?(?:incluant|int[ée]grant)\s+les\s+(?:modifications|amendements)\b"
                           r"|\b(?:adopt|approuv)[ée]e?s?\s+(?:tel(?:le)?s?\s+qu['’]\s*|ainsi\s+)(?:modifi|amend)[ée]e?s?\b", _I)),
    ("rejected", Filtered(r"\brejet[ée]e?s?\b|\bRESULT:\s*(?:FAILED|DENIED)\b|\babgelehnt\b|\bnicht (?:angenommen|beschlossen|zugestimmt)\b|\bkeine Mehrheit\b"
                            r"|\bnicht erheblich erklärt\b|\b(?:rejected|defeated)\b|\b(?:motion|resolution|it) (?:failed|fails)\b|\bfailed to (?:pass|carry)\b"
                            # "Der Bezirksausschuss lehnt den Antrag (einstimmig) ab"; "The motion was denied"; "rejette"
                            r"|\b(?:lehnt|lehnen|lehnte|lehnten)\b[^.\n]{0,120}?\bab\b(?!\s+(?:dem|der|den|sofort|\d))"
                            r"|\b(?:motion|request|application|appeal|item)\b[^.\n]{0,40}?\bdenied\b|\brejette(?:nt)?\b", _I)),
    ("noted", Filtered(r"\bzur Kenntnis genommen\b|\b(?:nimmt|nehmen|nahm|nahmen)\b[^.\n]{0,160}?\b(?:zur )?Kenntnis\b|\bKenntnis genommen\b"
                         r"|\bBeschluss\b[^:\n]{0,20}:\s*(?:keiner?\s*,?\s*)?(?:nur\s+)?(?:Kenntnisnahme|Information|zur Kenntnis)\b"
                         r"|\breceived and filed\b|\bnoted and filed\b|\b(?:was|were) received for information\b"
                         r"|\b(?:received|reviewed) the [\w ]{0,40}?(?:report|information|presentation)\b|\bprend acte\b", _I)),
    ("adopted", Filtered(_NOT + r"\b(?:beschlossen|angenommen|zugestimmt|genehmigt|befürwortet|verabschiedet|erheblich erklärt)\b"
                           r"|\b(?:stimmt|stimmen|stimmte|stimmten)\b[^.\n]{0,80}?\b(?:zu|dafür)\b"
                           r"|\b(?:einstimmige|mehrheitliche) Zustimmung\b|\bspricht sich\b[^.\n]{0,60}?\bfür\b"
                           r"|\b(?:carried|approved|adopted|passed)\b"
                           # "Minutes: Meeting No. 12-24/8/2007 confirmed."
                           r"|\bminutes\b(?:[^.\n]|(?<=\bNo)\.){0,60}?\bconfirmed\b"
                           r"|\b(?:adopt|approuv|accept)[ée]e?s?\b|\best r[ée]solu\b|\bd[ée]cide\b|\bvalide\b"
                           # the formula of a French délibération: "Le Conseil, après en avoir délibéré, ... :"
                           rf"|{_DELIBERATED}", _I)),
]
# A bare "einstimmig" or "mehrheitlich" says how a vote went, not that something was adopted ("Die GRÜNE-Fraktion
# ist einstimmig für ..."; "stellt einstimmig folgenden Antrag" is caught by the strong patterns' context).
_WEAK: list[tuple[str, Filtered]] = [
    ("adopted", Filtered(r"\b(?:beschließt|beschliesst)\s*(?:einstimmig|mehrheitlich|[^:.\n]{0,30}?\bStimmen)?\s*:|^(?:Der|Die|Das)\s+[\w\- ]{2,60}?\s+(?:beschließt|beschliesst)\b(?!\s+(?:in|über|im)\b)"
                           # "stellt der Stadtteilbeirat einstimmig folgenden Antrag", "stellt mit 8 zu 0 Stimmen folgenden Antrag"
                           r"|\b(?:stellt|stellen)\b[^.]{0,60}?\b(?:einstimmig|mehrheitlich|mit\s+\d{1,3}\s*(?:zu|:)\s*\d{1,3}\s+Stimmen)\b[^.]{0,20}?\bAntrag\b"
                           r"|\bunanimously\b|\bresolves\b|\b[àa] l[’']unanimit[ée]\b"
                           # a result line: "Abstimmungsergebnis: einstimmig", "Beschluss: Zustimmung"
                           r"|\b(?:Abstimmungsergebnis|Beschlussergebnis|Ergebnis|Abstimmung|Beschluss)\s*:\s*(?:einstimmig|mehrheitlich|Zustimmung|zugestimmt)\b",
                           _I | re.M)),
]
# Sentences that report something decided elsewhere or earlier ("im Sommer 2019 genehmigt", "bereits genehmigt")
_FOREIGN = Filtered(
    r"\b(?:im|in|seit|vom|Anfang|Ende|Mitte)\s+(?:(?:Sommer|Frühjahr|Herbst|Winter|Januar|Februar|März|April|Mai|Juni|Juli|August|September|"
    r"Oktober|November|Dezember)\s+)?(?:19|20)\d{2}\b|\bbereits\b|\bschon\b|\bunsere[rnm]?\b|\bnoch (?:nicht|kein)\b|\bin (?:2003|the past)\b",
    _I,
)
# A motion to continue, postpone or table an item that is approved defers the item.
_DEFER_MOTION = Filtered(r"\b(?:to|motion to)\s+(?:continue|postpone|table|defer)\b[^.]{0,120}", _I)
# The operative part of a French délibération lists what the council decides ("- prend acte du rapport," "- retient la
# procédure ...", "- dit que ..."): taking note is then one of its decisions, and the délibération is adopted.
_OPERATIVE = Filtered(r"^[ \t]*[-–•][ \t]*(?:retient|dit|approuve|d[ée]cide|autorise|adopte|valide|accepte|fixe|d[ée]signe|attribue|"
                      r"sollicite|charge)\b", _I | re.M)
_TAKES_NOTE = Filtered(r"\bprend acte\b", _I)
# strict: only past-tense statements of what happened
_STRICT = Filtered(
    r"\b(?:wurde|wurden|ist|sind|hat|haben|hatte|hatten|was|were|has|have)\b"
    r"(?:[^.\n]|(?<=\d)\.(?=\d)|(?<=\d)\.(?=\s?(?:Jan|Feb|März|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez))){0,120}?"
    r"\b(beschlossen|angenommen|abgelehnt|vertagt|zurückgestellt|zurückgezogen|verwiesen|überwiesen|zur Kenntnis genommen"
    r"|adopted|approved|rejected|tabled|withdrawn|referred)\b"
    r"|\b(?:Abstimmungsergebnis|Beschlussergebnis|Ergebnis der Abstimmung)\s*:\s*[^\n]{0,80}",
    _I,
)


# A result printed as a label at the start of a line or bullet ("o APPROVED – Revised 2018 budget") states the
# outcome; prose further on ("$5,000 proposed for lighting retrofits rejected") describes details of it.
_RESULT_LABEL = re.compile(
    r"^(?:[o•▪*\-–]\s+|[^\w\s]{0,3}\s*)(?P<word>APPROVED|ADOPTED|CARRIED|PASSED|DENIED|FAILED|REJECTED|DEFEATED|TABLED|"
    r"POSTPONED|WITHDRAWN|ANGENOMMEN|BESCHLOSSEN|ABGELEHNT|VERTAGT|ZURÜCKGESTELLT|ZURÜCKGEZOGEN)\b(?!\s+AS\s+AMENDED)(?!\s*\[)",
    re.M,
)
_LABEL_OUTCOMES = {
    "APPROVED": "adopted", "ADOPTED": "adopted", "CARRIED": "adopted", "PASSED": "adopted", "ANGENOMMEN": "adopted",
    "BESCHLOSSEN": "adopted", "DENIED": "rejected", "FAILED": "rejected", "REJECTED": "rejected", "DEFEATED": "rejected",
    "ABGELEHNT": "rejected", "TABLED": "deferred", "POSTPONED": "deferred", "VERTAGT": "deferred",
    "ZURÜCKGESTELLT": "deferred", "WITHDRAWN": "withdrawn", "ZURÜCKGEZOGEN": "withdrawn",
}
# A deferral or withdrawal is the item's outcome when its sentence is about the item (or is a bare result);
# "Dieses Projekt wurde aufgrund der Verzögerung der Bebauung zurückgestellt" reports on something else.
_ITEM_SUBJECT = re.compile(
    r"\b(?:TOP|Tagesordnungspunkt|Tagesordnung|Punkt|Antrag|Anträge|Vorlage|Beschlussvorlage|Beschluss\w*|Entscheidung|"
    r"Angelegenheit|Thema|Beratung|Abstimmung|Behandlung|Sache|Gegenstand|Geschäft|Item|item|matter|motion|Motion|"
    r"resolution|ordinance|application|request|hearing|point|d[ée]lib[ée]ration|dossier)\b"
)
_BARE_RESULT_WORDS = 6


def _about_the_item(text: str, pos: int) -> bool:
    sentence = _sentence(text, pos)
    return bool(_ITEM_SUBJECT.search(sentence)) or len(sentence.split()) <= _BARE_RESULT_WORDS


def detect_outcome(text: str, *, strict: bool = False, quoted: Callable[[str], bool] | None = None) -> str:
    """One of the contract's outcomes (``unknown`` when the text states none).

    ``quoted`` tells (in strict mode) whether a sentence reports a decision taken elsewhere, such as another body's
    or an earlier one quoted in a proposal's history; such a sentence is not this document's outcome.
    """
    return _outcome_of_clean(_scrub(text), strict, quoted)


def _outcome_of_clean(clean: str, strict: bool, quoted: Callable[[str], bool] | None = None) -> str:
    """``detect_outcome`` of a text already passed through ``_scrub``."""
    if strict:
        last: str | None = None
        for m in _STRICT.finditer(clean):
            sentence = _sentence(clean, m.start())
            if _FOREIGN.search(sentence) or (quoted is not None and quoted(_clause(clean, m.start()))):
                continue
            found = _strong_in(m.group(0), check_subject=False)
            if found:
                last = found
        return last or "unknown"
    labels = list(_RESULT_LABEL.finditer(clean))
    if labels:
        return _LABEL_OUTCOMES[labels[-1].group("word")]
    found = _strong_in(clean)
    if found:
        return found
    for name, rx in _WEAK:
        if rx.search(clean):
            return name
    votes = find_votes(clean)
    if votes is not None:
        return "adopted" if votes.yes > votes.no else "rejected"
    return "unknown"


def _sentence(text: str, pos: int) -> str:
    start = max(text.rfind(". ", 0, pos) + 2, text.rfind(".\n", 0, pos) + 2, text.rfind("\n\n", 0, pos) + 2, 0)
    ends = [i for i in (text.find(". ", pos), text.find(".\n", pos), text.find("\n\n", pos)) if i != -1]
    return text[start: min(ends) if ends else len(text)]


def _clause(text: str, pos: int) -> str:
    """The sentence around ``pos``, but starting no earlier than the line before it (a heading or a table row
    above a sentence is not part of it)."""
    line = text.rfind("\n", 0, pos)
    before = text.rfind("\n", 0, line) + 1 if line > 0 else 0
    start = max(text.rfind(". ", 0, pos) + 2, text.rfind(":\n", 0, pos) + 2, before, 0)
    end = _CLAUSE_END.search(text, pos)  # "am 15. Dezember 2022" does not end it
    return text[start: end.start() if end else len(text)]


_CLAUSE_END = re.compile(r"(?<!\d)\.(?=\s|$)|\n\n")


def _strong_in(text: str, *, check_subject: bool = True) -> str | None:
    best: tuple[int, str] | None = None
    for name, rx in _STRONG:
        for m in rx.finditer(text):
            if name == "adopted" and _negated(text, m.start()):
                continue
            if check_subject and name in ("deferred", "withdrawn") and not _about_the_item(text, m.start()):
                continue
            if name in ("adopted", "rejected") and _FOREIGN.search(_sentence(text, m.start())):
                continue
            pos = m.end()
            if best is None or pos > best[0]:
                best = (pos, name)
    if best and best[1] == "noted" and _TAKES_NOTE.search(text) and _OPERATIVE.search(text, best[0]):
        return "adopted"
    if best and best[1] == "adopted":
        for m in _DEFER_MOTION.finditer(text):
            if m.start() < best[0] <= m.end() + 400 and not _STRONG[1][1].search(text, best[0]):
                return "deferred"
        # "mit Änderungen beschlossen" ends at the same place as its "beschlossen"
        amended = _STRONG[3][1]
        for m in amended.finditer(text):
            if m.end() == best[0]:
                return "amended"
    return best[1] if best else None


def _negated(text: str, pos: int) -> bool:
    return bool(re.search(r"\b(?:nicht|not|kein|keine)\s+$", text[max(0, pos - 12): pos], _I))


# --- votes ---------------------------------------------------------------------------------------------------
# "30 Ja" and "Ja: 30"; a count followed by a label with a colon ("dafür: 30 dagegen: 8") belongs to that next label
_YES = Filtered(
    rf"\b{_NUM}\s*(?:Ja-?Stimmen|Ja-Stimme|Jastimmen|Ja\b|Fürstimmen|Stimmen dafür|dafür\b|Befürwortungen"
    r"|votes? in favou?r|in favou?r|ayes?\b|yes(?: votes?)?\b|voix pour\b)(?![\w-]*\s*[:=])"
    r"|\b(?:Ja|Ja-?Stimmen|Jastimmen|Dafür|Zustimmung|Ayes?|Yes|Yeas?|In favou?r|Pour)\s*[:=]\s*(\d{1,3})\b",
    _I,
)
_NO = Filtered(
    rf"\b{_NUM}\s*(?:Nein-?Stimmen|Nein-Stimme|Neinstimmen|Nein\b|Gegenstimmen|Gegenstimme|Stimmen dagegen|dagegen\b"
    r"|votes? against|against\b|opposed\b|noes\b|nays?\b|no votes?\b|(?:voix\s+)?contre\b)(?![\w-]*\s*[:=])"
    r"|\b(?:Nein|Nein-?Stimmen|Neinstimmen|Gegenstimmen|Dagegen|Ablehnung|Noes?|Nays?|Against|Opposed|Contre)\s*[:=]\s*(\d{1,3})\b",
    _I,
)
_ABSTAIN = Filtered(
    rf"\b{_NUM}\s*(?:Stimmenthaltungen|Stimmenthaltung|Enthaltungen|Enthaltung|abstentions?|abstained|abstaining|abstain)\b(?![\w-]*\s*[:=])"
    r"|\b(?:Enthaltungen|Enthaltung|Stimmenthaltungen?|Abstentions?|Abstain(?:ed)?)\s*[:=]\s*(\d{1,3})\b"
    # "avec 76 voix pour, 0 contre et 2 abstentions :" (French spacing): the colon opens the decision, no label
    rf"|\b{_NUM}\s*abstentions?(?=\s+:[ \t]*(?:\n|$))",
    _I,
)
_RATIO = Filtered(
    r"(?<![\d:.])(\d{1,3})\s*:\s*(\d{1,3})(?:\s*:\s*(\d{1,3}))?(?![\d:])(?!\s*(?:Uhr|h\b))"
    r"(?=\s*(?:Stimmen|Stimme|Votes?\b|\)|,|\.|;|\s+(?:beschlossen|angenommen|abgelehnt|zugestimmt|bei\b)|$))",
    _I | re.M,
)
_RATIO_CONTEXT = Filtered(r"(?:Stimmen|Abstimmung|Ergebnis|einstimmig|mehrheitlich|angenommen|beschlossen|abgelehnt|zugestimmt|stimmt|vote)", _I)
_DASH_VOTE = Filtered(r"\b(?:vote of|voted|passed|carried|approved|failed|vote\s*[:=]?)\s*(\d{1,3})\s*[-–]\s*(\d{1,3})(?:\s*[-–]\s*(\d{1,3}))?\b"
                        r"|\b(\d{1,3})\s*(?:[-–]|\bto\b)\s*(\d{1,3})(?:\s*[-–]\s*(\d{1,3}))?\s+vote\b", _I)


# a result table without colons: "Ja 30 Nein 8 Enthaltung 2", "Ja-Stimmen 30 / Nein-Stimmen 8"
# ... and in French and English: "Pour 15 – Contre 2 – Abstention 1", "Ayes - 5, Noes - 0", "Yeas 6, Nays 1"
_TABLE_VOTE = Filtered(
    r"\b(?:Ja(?:-?Stimmen)?|Dafür|Zustimmung|Pour|Ayes|Yeas)\s*[:=\-–]?\s*(\d{1,3})\b[\s,;/|\-–]*"
    r"(?:Nein(?:-?Stimmen)?|Dagegen|Gegenstimmen|Ablehnung|Contre|Noes|Nays)\s*[:=\-–]?\s*(\d{1,3})\b"
    r"(?:[\s,;/|\-–]*(?:Stimmenthaltung(?:en)?|Enthaltung(?:en)?|Abstentions?|Abstain(?:ed|s)?)\s*[:=\-–]?\s*(\d{1,3})\b)?",
    _I,
)
# "stellt mit 8 zu 0 Stimmen folgenden Antrag", "beschließt mit 8 gegen 2 Stimmen", "Abstimmungsergebnis: 10 gegen 1"
_ZU_VOTE = Filtered(r"\bmit\s+(\d{1,3})\s+(?:zu|gegen)\s+(\d{1,3})(?:\s+(?:zu|gegen)\s+(\d{1,3}))?\s+Stimmen\b"
                    # "Abstimmungsergebnis: 10 gegen 1", "Abstimmungsergebnis: 9/2/1"
                    r"|\b(?:Abstimmungsergebnis|Abstimmung|Beschlussergebnis|Ergebnis)\s*:\s*(\d{1,3})\s*(?:\s(?:zu|gegen)\s|/)\s*(\d{1,3})\b"
                    r"(?:\s*/\s*(\d{1,3})\b)?(?!\s*(?:Uhr|/))"
                    # "mit 9 Stimmen bei 2 Gegenstimmen (und 1 Enthaltung) angenommen"
                    r"|\bmit\s+(\d{1,3})\s+(?:Ja-?)?Stimmen\s+bei\s+(\d{1,3})\s+Gegenstimmen?\b",
                    _I)
# the vote box of a French délibération: "Votants : 14 ... Pour : 13 Contre : 0 Abstentions : 1"; when the "Pour" count
# is missing (left blank, or lost by OCR) it is the voters less those against and those abstaining
_VOTERS = Filtered(r"\bVotants\s*:\s*(\d{1,3})\b", _I)
_BOX_COUNT = re.compile(r"^\s*(Pour|Contre|Abstentions?)\s*:\s*(\d{1,3})\b", _I | re.M)
_BOX_REACH = 200
# "mit 8 Stimmen einstimmig", "einstimmig mit 8 Stimmen", "à l'unanimité (26 voix)"
_COUNT_UNANIMOUS = Filtered(r"\bmit\s+(\d{1,3})\s+Stimmen\s+einstimmig\b|\beinstimmig\s+mit\s+(\d{1,3})\s+Stimmen\b"
                            r"|\bunanimit[ée][^()\n]{0,40}?\(\s*(\d{1,3})\s+voix\s*\)", _I)
# "RESULT: FAILED [4-2-1-1]" (ayes-nays-abstain-absent, US minutes software)
_BRACKET_VOTE = Filtered(r"\bRESULT:\s*[A-Z ]+\[(\d{1,3})\s*-\s*(\d{1,3})(?:\s*-\s*(\d{1,3}))?(?:\s*-\s*\d{1,3})?\]", _I)
# roll-call lists: "AYES: Mashack, Brown, Allen Fisk" / "NAYS: None" / "ABSTAIN: Garcia"
_AYES = Filtered(r"^\s*(?:AYES|YEAS)\s*:\s*(.+)$", re.M)
_NAYS = Filtered(r"^\s*(?:NAYS|NOES|NOS)\s*:\s*(.+)$", re.M)
_ABSTAINS = Filtered(r"^\s*(?:ABSTAIN|ABSTAINED|ABSTENTIONS?)\s*:\s*(.+)$", re.M)


def _count_names(listed: str) -> int:
    listed = listed.strip()
    if re.fullmatch(r"(?:none|n/a|-+|0)?\.?", listed, _I):
        return 0
    return len([p for p in re.split(r",|\band\b", listed) if p.strip()])


def _num(m: re.Match[str]) -> int:
    raw = next(g for g in m.groups() if g is not None)
    return int(raw) if raw.isdigit() else _NUMBER_WORDS[raw.casefold()]


def find_votes(text: str) -> Votes | None:
    """The last vote count stated in ``text``, or None."""
    return _votes_of_clean(_scrub(text))


def _votes_of_clean(clean: str) -> Votes | None:
    """``find_votes`` of a text already passed through ``_scrub``."""
    yes_matches = list(_YES.finditer(clean))
    candidates: list[tuple[int, Votes]] = []
    if yes_matches:
        y = yes_matches[-1]
        lo, hi = max(0, y.start() - 160), min(len(clean), y.end() + 200)
        window = clean[lo:hi]
        no = [m for m in _NO.finditer(window)]
        ab = [m for m in _ABSTAIN.finditer(window)]
        candidates.append((y.start(), Votes(_num(y), _num(no[0]) if no else 0, _num(ab[0]) if ab else 0)))
    for m in _RATIO.finditer(clean):
        context = clean[max(0, m.start() - 80): m.end() + 40]
        if not _RATIO_CONTEXT.search(context):
            continue
        yes, no = int(m.group(1)), int(m.group(2))
        ab = int(m.group(3)) if m.group(3) else _abstain_near(clean, m.end())
        candidates.append((m.start(), Votes(yes, no, ab)))
    for m in _TABLE_VOTE.finditer(clean):
        candidates.append((m.start(), Votes(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))))
    for m in _COUNT_UNANIMOUS.finditer(clean):
        n = int(next(g for g in m.groups() if g))
        candidates.append((m.start(), Votes(n, 0, 0)))
    for m in _BRACKET_VOTE.finditer(clean):
        candidates.append((m.start(), Votes(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))))
    for m in _AYES.finditer(clean):
        block = clean[m.start(): m.start() + 600]
        yes = _count_names(m.group(1))
        no_m = _NAYS.search(block)
        ab_m = _ABSTAINS.search(block)
        candidates.append((m.start(), Votes(yes, _count_names(no_m.group(1)) if no_m else 0,
                                            _count_names(ab_m.group(1)) if ab_m else 0)))
    for m in _ZU_VOTE.finditer(clean):
        yes, no, ab = m.group(1) or m.group(4) or m.group(7), m.group(2) or m.group(5) or m.group(8), m.group(3) or m.group(6)
        candidates.append((m.start(), Votes(int(yes), int(no), int(ab) if ab else _abstain_near(clean, m.end()))))
    for m in _VOTERS.finditer(clean):
        box = {k.casefold()[:6]: int(n) for k, n in _BOX_COUNT.findall(clean, m.end(), m.end() + _BOX_REACH)}
        if "pour" not in box and ("contre" in box or "absten" in box):
            no, ab = box.get("contre", 0), box.get("absten", 0)
            if int(m.group(1)) >= no + ab:
                candidates.append((m.start(), Votes(int(m.group(1)) - no - ab, no, ab)))
    for m in _DASH_VOTE.finditer(clean):
        g = [x for x in m.groups() if x is not None]
        candidates.append((m.start(), Votes(int(g[0]), int(g[1]), int(g[2]) if len(g) > 2 else 0)))
    if not candidates:
        return None
    return max(candidates, key=lambda c: c[0])[1]


def _abstain_near(text: str, pos: int) -> int:
    m = _ABSTAIN.search(text[pos: pos + 60])
    return _num(m) if m else 0


def report_noted(text: str) -> bool:
    """A report (Mitteilung, Bericht, Bekanntgabe) exists to be taken note of: its "Der Ausschuss nimmt den Bericht
    zur Kenntnis" is its outcome, where a proposal's present tense would only be a request."""
    clean = _scrub(text)
    return any(not _FOREIGN.search(_sentence(clean, m.start())) for m in dict(_STRONG)["noted"].finditer(clean))


def outcome_and_votes(text: str, *, strict: bool = False,
                      quoted: Callable[[str], bool] | None = None) -> tuple[str, Votes | None]:
    clean = _scrub(text)  # once for both: a long document's scrub is a dozen passes over its text
    outcome = _outcome_of_clean(clean, strict, quoted)
    votes = _votes_of_clean(clean) if (outcome != "unknown" or not strict) else None
    if outcome in ("deferred", "withdrawn", "referred", "noted", "unknown") and votes is not None and strict:
        votes = None
    return outcome, votes
