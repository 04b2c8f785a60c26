"""Drucksache / Vorlage numbers.

Formats seen in council information systems: ``20-26 / V 02318`` (München), ``26311-22`` (Dortmund),
``VII-DS-08123`` (Leipzig), ``DS/0873/VI`` (Berlin BVV), ``0412/2024/BV``, ``1234/2020`` (Köln), ``G-24/117``,
and English ``Resolution 2018-45``. An Aktenzeichen (``AZ: 0262.0-12-0413``) or Geschäftszeichen is a file
number, not a reference. Ambiguous formats (``26311-22`` could be anything) count only after a label such as
``Drucksache Nr.:``; distinctive ones are found anywhere.
"""

from __future__ import annotations

import re

# Distinctive formats: recognised without a label.
_DISTINCT = [
    r"\d{2}-\d{2}\s*[/}]\s*[A-Z]{1,2}\s*\d{4,6}",  # 20-26 / V 02318 (OCR may read the slash as "}")
    r"[IVX]{1,5}-(?:DS|A|V|AF|BV)-\d{3,6}(?:-[A-Z]{1,3}-\d{1,3})?",  # VII-DS-08123
    r"DS\s*/\s*\d{3,5}\s*/\s*[IVX]{1,5}",  # DS/0873/VI
    r"\d{2,5}/(?:19|20)\d{2}/[A-Z]{1,4}\b",  # 0412/2024/BV
    r"\d{2}/[A-Z]{2}\s?\d{1,3}/\d{1,4}",  # 20/BS 55/507 (Grosser Rat Thurgau: legislature/kind number/serial)
    r"[A-Z]{2,3}-(?:19|20)\d{2}-\d{2,4}",  # DM-2023-001 (résolution)
]
# Formats that need a label in front.
_LABELLED = _DISTINCT + [
    r"[A-Z]{1,3}-\d{2}/\d{1,5}",  # G-24/117
    r"[A-Z]{1,3}/(?:19|20)\d{2}/\d{1,6}",  # V/2022/123
    r"\d{2,5}/\d{2,4}/(?:19|20)\d{2}",  # 613/067/2022
    r"\d{1,6}/(?:19|20)\d{2}",  # 1234/2020
    r"\d{3,6}-\d{2}(?:-[A-Z]\d?)?",  # 26311-22
    r"(?:19|20)\d{2}-\d{1,4}",  # 2018-45
    r"[A-Z]{1,5}[/\-]\d[\w]*(?:[/.\-]\w+){0,4}",  # OVA/012/2023
    r"[A-Z]{0,3}\d[\w]*(?:[/.\-]\w+){0,4}",  # anything number-like after a label
]
_LABEL = (
    r"(?:(?:Beschluss|Sitzungs|Mitteilungs|Informations|Verwaltungs)?[Vv]orlagen?|Drucksachen?|Drs\.|DS|"
    r"Antrag|Anfrage|Mitteilung|Beschluss)"
    # "Drucksache Nr.", "Vorlagennummer", "Antragsnr.: 151/2020", "Antrags-Nr."
    r"(?:\s*-?\s*(?:Nr\.?|Nummer|No\.?)|s?-?(?:nummer|nr\.?|Nr\.?))?\s*[:.]?\s*"
)
_LABELLED_RE = re.compile(
    rf"(?<![\w-]){_LABEL}(?:Nr\.?\s*:?\s*)?(?P<ref>{'|'.join(f'(?:{p})' for p in _LABELLED)})"
)
_ENGLISH_RE = re.compile(
    r"\b(?:Resolution|Résolution|Ordinance|Motion|File|Agenda Report)\s+(?:No\.?\s*|Number\s+|#\s*|n[°o]\s*)?(?P<ref>[A-Z]{1,3}-(?:19|20)\d{2}-\d{1,4}|(?:19|20)\d{2}-\d{1,4}|\d{1,5}-\d{1,4}|[A-Z]{1,3}-?\d{2,6})\b"
)
# a French délibération's number: "DELIBERATION DU CONSEIL MUNICIPAL N° DEL2024_22", "Délibération n° 2021-045"
_FRENCH_RE = re.compile(
    r"^[ \t]*D[ée]lib[ée]ration(?:\s+d[ue]\s+(?:la\s+|l['’]\s*)?(?:Conseil|Bureau|Assembl[ée]e)(?:\s+[A-Za-zéè]+)?)?\s+n\s?[°o]\s*"
    r"(?P<ref>[A-Z]{1,4}\s?(?:19|20)\d{2}[_\-/]\d{1,4}|(?:19|20)\d{2}[_\-/]\d{1,4})\b",
    re.I | re.M,
)
_DISTINCT_RE = re.compile(rf"(?<![\w/-])(?P<ref>{'|'.join(f'(?:{p})' for p in _DISTINCT)})(?![\w/])")
_NOT_A_REFERENCE = re.compile(r"(?:\bAZ|\bAz\.|Aktenzeichen|Geschäftszeichen|Gz\.|Tel\.?|Fax|Telefon)\s*:?\s*$", re.I)
# A reference cited by the text, not the document's own: "Stellungnahme zur Beschlussvorlage 6131/67/2022",
# "Bezug nehmend auf Antrag 0412/2024/BV", "im Nachgang zur Vorlage ...".
# "Vom Stadtrat wurde die Trasse ... mit Vorlage VI/191/2019 beschlossen", "gemäß Vorlage ...": a decision taken on
# another document.
_CITING = (r"(?:\bzu[rm]?|\bBezug\s*(?:nehmend\s+)?auf|\bBezug\s*:|\bvgl\.|\bsiehe|\bim Nachgang zu[rm]?|\bin Ergänzung zu[rm]?"
           r"|\bmit|\bgemäß|\blaut|\blt\.)"
           r"\s+(?:de[rnms]\s+)?")
_CITED_LABEL = re.compile(_CITING + r"$", re.I)
_CITED = re.compile(_CITING + r"(?:Beschlussvorlage|Vorlage|Sitzungsvorlage|Drucksache|Antrag|Anfrage)\s*(?:Nr\.?\s*:?\s*)?$", re.I)
# "Stellungnahme zum Antrag des Stadtteilbeirats Innenstadt 132/2022": the number of a document cited with its
# author between label and number; wherever that number comes again, it is the cited document's
_CITED_AFTER_AUTHOR = re.compile(
    _CITING + r"(?:Beschlussvorlage|Vorlage|Sitzungsvorlage|Drucksache|Antrag|Anfrage)\s+(?:de[rs]|von)\s+[^\n\d]{3,60}?"
    r"(?P<ref>\d{1,6}/(?:19|20)\d{2})(?![\w/])",
    re.I,
)


def _clean(ref: str) -> str:
    ref = re.sub(r"\s+", " ", ref).strip(" .,;:")
    return re.sub(r"\s*[/}]\s*", " / ", ref) if re.match(r"\d{2}-\d{2}\s*[/}]", ref) else ref


def _plausible(ref: str) -> bool:
    digits = sum(c.isdigit() for c in ref)
    return digits >= 2 and len(ref) <= 30 and not re.fullmatch(r"\d{1,2}|(?:19|20)\d{2}", ref)


def find_references(text: str) -> list[tuple[str, int]]:
    """(reference, offset) pairs: labelled ones first, then distinctive unlabelled ones, each in text order."""
    out: list[tuple[str, int]] = []
    seen: set[str] = {m.group("ref") for m in _CITED_AFTER_AUTHOR.finditer(text)}
    for m in _LABELLED_RE.finditer(text):
        ref = _clean(m.group("ref"))
        if _CITED_LABEL.search(text[max(0, m.start() - 40): m.start()]):
            seen.add(ref)
            continue
        if _plausible(ref) and ref not in seen and not _dateish(ref):
            seen.add(ref)
            out.append((ref, m.start("ref")))
    for m in [*_FRENCH_RE.finditer(text), *_ENGLISH_RE.finditer(text)]:
        ref = _clean(m.group("ref"))
        if _plausible(ref) and ref not in seen:
            seen.add(ref)
            out.append((ref, m.start("ref")))
    for m in _DISTINCT_RE.finditer(text):
        ref = _clean(m.group("ref"))
        before = text[max(0, m.start() - 30): m.start()]
        if ref in seen or _NOT_A_REFERENCE.search(before) or _CITED.search(text[max(0, m.start() - 60): m.start()]):
            continue
        seen.add(ref)
        out.append((ref, m.start("ref")))
    return out


def _dateish(ref: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{2,4}", ref))


def find_reference(text: str) -> str | None:
    """The document's or item's reference: the first labelled one, else the first distinctive one."""
    refs = find_references(text)
    return refs[0][0] if refs else None


def find_labelled_reference(text: str) -> str | None:
    """Only a reference with a label in front (``Drucksache Nr.: ...``): for minutes, whose cover lists the
    numbers of the items they deal with."""
    cited = {m.group("ref") for m in _CITED_AFTER_AUTHOR.finditer(text)}
    for m in _LABELLED_RE.finditer(text):
        ref = _clean(m.group("ref"))
        if (_plausible(ref) and not _dateish(ref) and ref not in cited
                and not _CITED_LABEL.search(text[max(0, m.start() - 40): m.start()])):
            return ref
    return None
