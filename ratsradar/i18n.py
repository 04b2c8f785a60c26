"""German and English texts of the UI. ``t(key, lang, **params)``; German is the default language."""

from __future__ import annotations

import datetime as dt

from babel import dates as babel_dates
from babel import numbers as babel_numbers

LANGS = ("de", "en")
DEFAULT_LANG = "de"

TEXTS: dict[str, tuple[str, str]] = {
    # app and navigation
    "app.title": ("Ratsradar", "Ratsradar"),
    "app.tagline": ("Was Räte über digitale Souveränität und Freie Software beschließen – Stadt für Stadt, "
                    "mit Quellen.",
                    "What councils decide about digital sovereignty and free software – city by city, "
                    "with sources."),
    "app.language": ("Sprache", "Language"),
    "nav.dashboard": ("Übersicht", "Dashboard"),
    "nav.decisions": ("Beschlüsse", "Decisions"),
    "nav.upload": ("Hochladen", "Upload"),
    "nav.review": ("Prüfen", "Review"),
    "nav.about": ("Über & Methode", "About & method"),
    "nav.group.explore": ("Erkunden", "Explore"),
    "nav.group.contribute": ("Beitragen", "Contribute"),
    # filters
    "filter.header": ("Filter", "Filters"),
    "filter.municipality": ("Ort (Kommune, Land, Staat)", "Place (municipality, state, country)"),
    "filter.all": ("alle", "all"),
    "filter.state": ("Bundesland", "State"),
    "filter.level": ("Ebene", "Level"),
    "filter.years": ("Jahre", "Years"),
    "filter.category": ("Maßnahme", "Measure"),
    "filter.outcome": ("Ergebnis", "Outcome"),
    "filter.document_type": ("Dokumentart", "Document type"),
    "filter.text": ("Volltextsuche (Beschlüsse, Belege, Dokumenttext, Ort)",
                    "Full-text search (decisions, evidence, document text, place)"),
    "filter.reset": ("Filter zurücksetzen", "Reset filters"),
    "filter.share": ("Link zu dieser Ansicht: die Adresse im Browser kopieren – sie enthält alle Filter.",
                     "Link to this view: copy the browser's address – it holds every filter."),
    # dashboard
    "dash.decisions": ("Beschlüsse", "Decisions"),
    "dash.municipalities": ("Orte", "Places"),
    "dash.measures": ("Maßnahmen", "Measures"),
    "dash.years": ("Zeitraum", "Years"),
    "dash.reverses": ("{n} der {total} Maßnahmen sind eine Abkehr von Freier Software (z. B. Rückkehr zu Microsoft).",
                      "{n} of the {total} measures move away from free software (e.g. back to Microsoft)."),
    "dash.tab.overview": ("Maßnahmen", "Measures"),
    "dash.tab.heatmap": ("Orte × Jahre", "Places × years"),
    "dash.tab.map": ("Karte", "Map"),
    "dash.tab.timeline": ("Zeitleiste", "Timeline"),
    "dash.download_csv": ("Gefilterte Beschlüsse als CSV", "Filtered decisions as CSV"),
    "dash.empty": ("Keine veröffentlichten Beschlüsse passen zu diesen Filtern. Setzen Sie die Filter in der "
                   "Seitenleiste zurück – oder laden Sie ein Ratsdokument hoch, damit es hier erscheint.",
                   "No published decisions match these filters. Reset the filters in the sidebar – or upload a "
                   "council document so that it shows up here."),
    "dash.empty_db": ("Noch keine veröffentlichten Beschlüsse. Laden Sie unter „Hochladen“ ein Ratsdokument "
                      "hoch und veröffentlichen Sie es unter „Prüfen“.",
                      "No published decisions yet. Upload a council document under “Upload” and publish it "
                      "under “Review”."),
    "dash.trace": ("Jede Zahl führt zu ihren Quellen: Unter „Beschlüsse“ steht zu jedem Beschluss das "
                   "Dokument, die Seite und das Zitat.",
                   "Every number leads to its sources: under “Decisions” each decision shows its document, "
                   "page and quote."),
    "dash.synthetic": ("Diese Datenbank enthält synthetische Testbeschlüsse (ratsradar seed-demo) – nur für "
                       "Leistungsmessungen, keine echten Beschlüsse.",
                       "This database holds synthetic test decisions (ratsradar seed-demo) – for benchmarks only, "
                       "not real decisions."),
    "dash.timeline_limited": ("Die Zeitleiste zeigt die neuesten {shown} von {total} Beschlüssen dieser Orte.",
                              "The timeline shows the newest {shown} of {total} decisions of these places."),
    "dash.to_decisions": ("Diese Beschlüsse als Tabelle", "These decisions as a table"),
    # charts
    "chart.measures_by_year": ("Maßnahmen pro Jahr, nach Kategorie", "Measures per year, by category"),
    "chart.measures_by_municipality": ("Maßnahmen pro Ort, nach Kategorie", "Measures per place, by category"),
    "chart.heatmap": ("Beschlüsse pro Ort und Jahr", "Decisions per place and year"),
    "chart.map": ("Orte mit Beschlüssen (Größe: Anzahl der Beschlüsse)",
                  "Places with decisions (size: number of decisions)"),
    "chart.timeline": ("Beschlüsse im Zeitverlauf, nach Ergebnis (× = Abkehr von Freier Software)",
                       "Decisions over time, by outcome (× = move away from free software)"),
    "chart.top_n": ("– die {n} von {total} Orten mit den meisten", "– the {n} of {total} places with the most"),
    "chart.source": ("Quelle: Ratsradar – veröffentlichte Beschlüsse mit Belegen",
                     "Source: Ratsradar – published decisions with evidence"),
    "chart.empty": ("Keine Daten für diese Auswahl", "No data for this selection"),
    "axis.year": ("Jahr", "Year"),
    "axis.measures": ("Maßnahmen", "Measures"),
    "axis.decisions": ("Beschlüsse", "Decisions"),
    "axis.date": ("Datum", "Date"),
    # decisions table and detail
    "dec.count": ("{n} Beschlüsse", "{n} decisions"),
    "dec.pick": ("Eine Zeile anklicken, um den Beschluss mit allen Belegen zu sehen.",
                 "Click a row to see the decision with all its evidence."),
    "dec.col.date": ("Datum", "Date"),
    "dec.col.municipality": ("Ort", "Place"),
    "dec.col.title": ("Titel", "Title"),
    "dec.col.outcome": ("Ergebnis", "Outcome"),
    "dec.col.categories": ("Maßnahmen", "Measures"),
    "dec.col.type": ("Art", "Type"),
    "dec.col.reference": ("Drucksache", "Reference"),
    "dec.col.body": ("Gremium", "Body"),
    "dec.col.state": ("Land", "State"),
    "dec.not_found": ("Diesen Beschluss gibt es nicht (mehr): {uid}", "There is no decision {uid}"),
    "dec.back": ("Zurück zur Liste", "Back to the list"),
    "dec.link": ("Dauerhafter Link", "Permanent link"),
    "dec.fields": ("Angaben", "Details"),
    "dec.field.municipality": ("Ort", "Place"),
    "dec.field.state": ("Land", "State"),
    "dec.field.level": ("Ebene", "Level"),
    "dec.field.body": ("Gremium", "Body"),
    "dec.field.date": ("Datum", "Date"),
    "dec.field.reference": ("Drucksache-Nr.", "Reference"),
    "dec.field.type": ("Dokumentart", "Document type"),
    "dec.field.outcome": ("Ergebnis", "Outcome"),
    "dec.field.votes": ("Abstimmung", "Votes"),
    "dec.field.votes_fmt": ("{yes} Ja, {no} Nein, {abstain} Enthaltungen", "{yes} yes, {no} no, {abstain} abstentions"),
    "dec.field.summary": ("Zusammenfassung", "Summary"),
    "dec.field.review": ("Prüfstatus", "Review status"),
    "dec.field.implementation": ("Umsetzung", "Implementation"),
    "dec.measures": ("Maßnahmen und Belege", "Measures and evidence"),
    "dec.no_measures": ("Keine Maßnahmen erfasst.", "No measures recorded."),
    "dec.page": ("Seite {page}", "page {page}"),
    "dec.provenance": ("Herkunft", "Provenance"),
    "dec.prov.file": ("Datei", "File"),
    "dec.prov.sha256": ("SHA-256", "SHA-256"),
    "dec.prov.pages": ("Seiten", "Pages"),
    "dec.prov.text_source": ("Text gewonnen durch", "Text obtained by"),
    "dec.prov.method": ("Erfasst durch", "Extracted by"),
    "dec.prov.created": ("In Ratsradar aufgenommen", "Added to Ratsradar"),
    "dec.prov.reviewed": ("Geprüft von", "Reviewed by"),
    "dec.prov.sources": ("Quellen", "Sources"),
    "dec.prov.weak": ("Vorsicht, schwach belegt", "Caution, weak evidence"),
    "dec.prov.date_precision": ("Datum nur auf {p} genau", "Date only precise to the {p}"),
    "dec.prov.placeholder_title": ("Der Originaltitel wurde nicht gefunden; der Titel beschreibt den Beschluss.",
                                   "The original title was not found; the title describes the decision."),
    "dec.download_pdf": ("Original-PDF herunterladen", "Download the original PDF"),
    "dec.history": ("Verlauf", "History"),
    "dec.related": ("Verknüpfte Beschlüsse", "Related decisions"),
    "dec.related.follows_up": ("setzt um / folgt auf", "follows up"),
    "dec.related.followed_by": ("umgesetzt / fortgeführt durch", "followed up by"),
    "dec.empty": ("Keine veröffentlichten Beschlüsse passen zu diesen Filtern. Filter zurücksetzen oder ein "
                  "Dokument hochladen.",
                  "No published decisions match these filters. Reset the filters or upload a document."),
    "precision.month": ("Monat", "month"),
    "precision.year": ("Jahr", "year"),
    "text_source.text_layer": ("Textebene des PDFs", "the PDF's text layer"),
    "text_source.ocr": ("Texterkennung (OCR)", "text recognition (OCR)"),
    "text_source.mixed": ("Textebene und OCR", "text layer and OCR"),
    "method.seed:reference": ("Recherche-Datensatz (öffentliche Quellen)", "research dataset (public sources)"),
    "method.manual": ("von Hand", "by hand"),
    "method.rules:text_layer": ("automatisch aus der Textebene", "automatically from the text layer"),
    "method.rules:ocr": ("automatisch nach OCR", "automatically after OCR"),
    "method.rules:mixed": ("automatisch (Textebene und OCR)", "automatically (text layer and OCR)"),
    # upload
    "up.title": ("Ratsdokumente hochladen", "Upload council documents"),
    "up.intro": ("PDFs von Beschlussvorlagen, Anträgen oder Niederschriften hochladen. Ratsradar liest sie, "
                 "schlägt Ort, Datum, Ergebnis und Maßnahmen mit Belegstellen vor, und Sie prüfen den Entwurf, "
                 "bevor er veröffentlicht wird. Gescannte PDFs werden per Texterkennung gelesen.",
                 "Upload PDFs of proposals, motions or minutes. Ratsradar reads them, suggests place, date, "
                 "outcome and measures with the evidence, and you review the draft before it is published. "
                 "Scanned PDFs are read with text recognition."),
    "up.files": ("PDF-Dateien (eine oder mehrere, höchstens {mb} MB je Datei)",
                 "PDF files (one or several, at most {mb} MB each)"),
    "up.name": ("Ihr Name oder Kürzel (optional, wird beim Entwurf vermerkt)",
                "Your name or initials (optional, noted with the draft)"),
    "up.submit": ("Dateien lesen", "Read files"),
    "up.none": ("Bitte zuerst eine oder mehrere PDF-Dateien auswählen.", "Please choose one or more PDF files first."),
    "up.progress": ("Lese {name} ({i} von {n}) …", "Reading {name} ({i} of {n}) …"),
    "up.done": ("Fertig: {created} neu, {duplicate} schon bekannt, {error} mit Fehler.",
                "Done: {created} new, {duplicate} already known, {error} with errors."),
    "up.created": ("{name}: Entwurf angelegt – Punkte/Beschlüsse: {n}, davon zum Thema: {rel}.",
                   "{name}: draft created – agenda items/decisions: {n}, on the subject: {rel}."),
    "up.duplicate": ("{name}: Diese Datei ist schon bekannt (gleicher Inhalt, SHA-256 {sha}). Es wurde nichts "
                     "doppelt gespeichert.",
                     "{name}: this file is already known (same content, SHA-256 {sha}). Nothing was stored twice."),
    "up.error": ("{name}: {message} Es wurde nichts gespeichert.", "{name}: {message} Nothing was stored."),
    "up.to_review": ("Entwürfe prüfen", "Review drafts"),
    "up.samples": ("Beispiel-PDFs zum Ausprobieren (von Ratsradar erzeugt)",
                   "Sample PDFs to try (made by Ratsradar)"),
    "error.not_pdf": ("Das ist keine PDF-Datei.", "This is not a PDF file."),
    "error.encrypted": ("Die PDF-Datei ist passwortgeschützt und kann nicht gelesen werden.",
                        "The PDF is password-protected and cannot be read."),
    "error.empty": ("Die Datei ist leer oder enthält keinen lesbaren Text.",
                    "The file is empty or holds no readable text."),
    "error.corrupt": ("Die PDF-Datei ist beschädigt und kann nicht gelesen werden.",
                      "The PDF is damaged and cannot be read."),
    "error.too_large": ("Die Datei ist zu groß: erlaubt sind höchstens {mb} MB je Datei, und entpackt darf sie "
                        "nicht mehr Speicher brauchen, als das Lesen einer Datei bekommt.",
                        "The file is too large: at most {mb} MB per file, and unpacked it must not need more "
                        "memory than reading one file is given."),
    "error.timeout": ("Das Lesen der Datei hat zu lange gedauert und wurde abgebrochen.",
                      "Reading the file took too long and was stopped."),
    "error.unexpected": ("Beim Lesen ist ein unerwarteter Fehler aufgetreten.",
                         "An unexpected error occurred while reading."),
    # review
    "rev.title": ("Entwürfe prüfen und veröffentlichen", "Review and publish drafts"),
    "rev.intro": ("Links stehen die erkannten Angaben, rechts die Belege aus dem Dokument. Korrigieren Sie, was "
                  "nicht stimmt, und veröffentlichen Sie dann. Nur Punkte, die das Thema betreffen, werden "
                  "veröffentlicht.",
                  "On the left are the fields that were found, on the right the evidence from the document. "
                  "Correct what is wrong, then publish. Only items on the subject are published."),
    "rev.empty": ("Keine Entwürfe offen. Laden Sie unter „Hochladen“ ein Ratsdokument hoch – es erscheint dann "
                  "hier zur Prüfung.",
                  "No drafts waiting. Upload a council document under “Upload” – it then appears here for review."),
    "rev.pick": ("Entwurf", "Draft"),
    "rev.draft_label": ("{file} – {muni} – {rel} von {n} Punkten zum Thema ({when})",
                        "{file} – {muni} – {rel} of {n} items on the subject ({when})"),
    "rev.document": ("Dokument", "Document"),
    "rev.municipality": ("Ort (für alle Punkte des Dokuments)", "Place (for every item of the document)"),
    "rev.item": ("Punkt {n}: {title}", "Item {n}: {title}"),
    "rev.relevant": ("betrifft digitale Souveränität / Freie Software", "concerns digital sovereignty / free software"),
    "rev.field.title": ("Titel", "Title"),
    "rev.field.reference": ("Drucksache-Nr.", "Reference"),
    "rev.field.body": ("Gremium", "Body"),
    "rev.field.date": ("Sitzungsdatum", "Meeting date"),
    "rev.field.date_none": ("kein Datum", "no date"),
    "rev.field.type": ("Dokumentart", "Document type"),
    "rev.field.outcome": ("Ergebnis", "Outcome"),
    "rev.field.yes": ("Ja", "Yes"),
    "rev.field.no": ("Nein", "No"),
    "rev.field.abstain": ("Enthaltungen", "Abstentions"),
    "rev.field.votes_known": ("Stimmen bekannt", "Votes known"),
    "rev.field.summary": ("Zusammenfassung", "Summary"),
    "rev.measures": ("Maßnahmen (Zeilen hinzufügen, ändern oder löschen)", "Measures (add, change or delete rows)"),
    "rev.col.category": ("Kategorie", "Category"),
    "rev.col.direction": ("Richtung", "Direction"),
    "rev.col.evidence": ("Beleg (Zitat)", "Evidence (quote)"),
    "rev.col.page": ("Seite", "Page"),
    "rev.evidence": ("Belege im Dokument", "Evidence in the document"),
    "rev.page_text": ("Text von Seite {page}", "Text of page {page}"),
    "rev.reviewer": ("Geprüft von (Name oder Kürzel)", "Reviewed by (name or initials)"),
    "rev.publish": ("Veröffentlichen", "Publish"),
    "rev.discard": ("Entwurf verwerfen", "Discard draft"),
    "rev.discard_confirm": ("Ja, diesen Entwurf mit der gespeicherten Datei löschen",
                            "Yes, delete this draft and its stored file"),
    "rev.published": ("Veröffentlicht (Beschlüsse: {n}). Sie erscheinen jetzt in der Übersicht und unter „Beschlüsse“.",
                      "Published (decisions: {n}). They now appear on the dashboard and under “Decisions”."),
    "rev.discarded": ("Entwurf verworfen; es ist nichts davon übrig.", "Draft discarded; nothing of it is left."),
    "rev.irrelevant": ("Nicht zum Thema ({n} Punkte) – werden nicht veröffentlicht, außer Sie haken sie an",
                       "Not on the subject ({n} items) – not published unless you tick them"),
    "review.error.field": ("Das Feld {field} kann nicht geändert werden.", "The field {field} cannot be changed."),
    "review.error.document_type": ("Unbekannte Dokumentart: {value}", "Unknown document type: {value}"),
    "review.error.outcome": ("Unbekanntes Ergebnis: {value}", "Unknown outcome: {value}"),
    "review.error.votes": ("Stimmen müssen ganze Zahlen ab 0 sein (nicht „{value}“).",
                           "Votes must be whole numbers from 0 (not “{value}”)."),
    "review.error.date": ("Ungültiges Datum: {value}", "Invalid date: {value}"),
    "review.error.category": ("Unbekannte Maßnahmen-Kategorie: {value}", "Unknown measure category: {value}"),
    "review.error.direction": ("Unbekannte Richtung: {value}", "Unknown direction: {value}"),
    "review.error.page": ("Die Seite muss eine Zahl sein (nicht „{value}“).", "The page must be a number (not “{value}”)."),
    "review.error.missing": ("Eintrag {id} gibt es nicht mehr.", "Entry {id} no longer exists."),
    "review.error.nothing_to_publish": ("Dieser Entwurf hat nichts mehr zu veröffentlichen.",
                                        "This draft has nothing left to publish."),
    "review.error.none_relevant": ("Kein Punkt ist als „zum Thema“ markiert – haken Sie mindestens einen an "
                                   "oder verwerfen Sie den Entwurf.",
                                   "No item is marked as on the subject – tick at least one or discard the draft."),
    "review.error.municipality_required": ("Bitte den Ort angeben, bevor veröffentlicht wird.",
                                           "Please give the place before publishing."),
    "review.error.title_required": ("Punkt {item} braucht einen Titel.", "Item {item} needs a title."),
    "review.error.already_published": ("Dieses Dokument ist schon veröffentlicht und kann nicht verworfen werden.",
                                       "This document is already published and cannot be discarded."),
    "review.nothing_saved": ("Es wurde nichts gespeichert.", "Nothing was saved."),
    # about
    "about.title": ("Über Ratsradar", "About Ratsradar"),
}

MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
             "November", "Dezember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


def norm_lang(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str, **params: object) -> str:
    """The text for ``key`` in ``lang``; a missing key shows itself, so gaps are visible, not silent."""
    pair = TEXTS.get(key)
    if pair is None:
        return key
    text = pair[0] if norm_lang(lang) == "de" else pair[1]
    return text.format(**params) if params else text


def _locale(lang: str) -> str:
    return "de_DE" if norm_lang(lang) == "de" else "en_GB"


def format_date(value: dt.date | None, lang: str, precision: str = "day") -> str:
    """15.12.2022 / 15 Dec 2022; month or year precision shows only what is known (formatted by Babel)."""
    if value is None:
        return "–"
    if precision == "year":
        return str(value.year)
    loc = _locale(lang)
    if precision == "month":
        return babel_dates.format_date(value, "LLLL yyyy", locale=loc)
    if norm_lang(lang) == "de":
        return babel_dates.format_date(value, "dd.MM.yyyy", locale=loc)
    return babel_dates.format_date(value, "d MMM yyyy", locale=loc)


def format_int(value: int, lang: str) -> str:
    """12.345 / 12,345 (Babel)."""
    return babel_numbers.format_decimal(int(value), format="#,##0", locale=_locale(lang))


def format_number(value: float | None, lang: str, digits: int = 1) -> str:
    """A decimal number with ``digits`` places in the language's notation (1.234,5 / 1,234.5); "–" for None."""
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return babel_numbers.format_decimal(value, format=pattern, locale=_locale(lang))


def format_datetime(value: dt.datetime | None, lang: str) -> str:
    """A UTC timestamp as 15.12.2022, 14:05 / 15 Dec 2022, 14:05 (Babel)."""
    if value is None:
        return "–"
    pattern = "dd.MM.yyyy, HH:mm" if norm_lang(lang) == "de" else "d MMM yyyy, HH:mm"
    return babel_dates.format_datetime(value, pattern, locale=_locale(lang))


# --- places: profile and comparison (pages/places.py) -------------------------------------------------------
TEXTS.update({
    "nav.places": ("Orte & Vergleich", "Places & comparison"),
    "places.title": ("Orte im Profil und im Vergleich", "Places: profile and comparison"),
    "places.intro": ("Einen Ort wählen, um sein Profil zu sehen (alle Beschlüsse auf einer Zeitleiste, Maßnahmen "
                     "nach Kategorie, Stand der Umsetzung); zwei oder mehr Orte wählen, um sie nebeneinander zu "
                     "vergleichen – absolut und je 100.000 Einwohner.",
                     "Choose one place to see its profile (all decisions on a timeline, measures by category, "
                     "implementation status); choose two or more to compare them side by side – absolute and "
                     "per 100,000 inhabitants."),
    "places.pick": ("Orte", "Places"),
    "places.pick_help": ("Die Auswahl steht in der Adresse (place=…), ein kopierter Link zeigt denselben "
                         "Vergleich.",
                         "The choice is kept in the address (place=…); a copied link shows the same comparison."),
    "places.none": ("Noch keine veröffentlichten Beschlüsse – hier erscheinen Orte, sobald ein Ratsdokument "
                    "hochgeladen und veröffentlicht ist.",
                    "No published decisions yet – places appear here once a council document has been uploaded "
                    "and published."),
    "places.all": ("Alle Orte mit Beschlüssen", "All places with decisions"),
    "places.unknown": ("Unbekannter Ort: {name}", "Unknown place: {name}"),
    "places.population": ("Einwohner", "Inhabitants"),
    "places.population_unknown": ("Einwohnerzahl unbekannt", "population unknown"),
    "places.per_100k": ("je 100.000 Einw.", "per 100,000 inh."),
    "places.decisions_per_100k": ("Beschlüsse je 100.000 Einw.", "Decisions per 100,000 inh."),
    "places.measures_per_100k": ("Maßnahmen je 100.000 Einw.", "Measures per 100,000 inh."),
    "places.implementation": ("Stand der Umsetzung", "Implementation status"),
    "places.decision_list": ("Alle Beschlüsse dieses Orts", "All decisions of this place"),
    "places.open_in_table": ("In der Beschlusstabelle öffnen", "Open in the decisions table"),
    "places.compare": ("Vergleich", "Comparison"),
    "places.open_profile": ("Profil öffnen", "Open profile"),
    "places.per_capita": ("Je 100.000 Einwohner", "Per 100,000 inhabitants"),
    "places.per_capita_note": ("Orte ohne bekannte Einwohnerzahl fehlen in den Werten je 100.000 Einwohner.",
                               "Places without a known population are missing from the per-100,000 figures."),
    "places.download": ("Vergleich als CSV", "Comparison as CSV"),
    "places.col.municipality": ("Ort", "Place"),
    "places.col.level": ("Ebene", "Level"),
    "places.col.state": ("Land", "State"),
    "places.col.population": ("Einwohner", "Inhabitants"),
    "places.col.decisions": ("Beschlüsse", "Decisions"),
    "places.col.measures": ("Maßnahmen", "Measures"),
    "places.col.reverses": ("davon Abkehr", "of which reversals"),
    "places.col.years": ("Zeitraum", "Years"),
    "places.col.decisions_per_100k": ("Beschlüsse je 100.000", "Decisions per 100,000"),
    "places.col.measures_per_100k": ("Maßnahmen je 100.000", "Measures per 100,000"),
    "places.col.status": ("Umsetzung", "Implementation"),
    "chart.place_categories": ("Maßnahmen nach Kategorie", "Measures by category"),
    "chart.compare": ("Maßnahmen je Ort, nach Kategorie", "Measures per place, by category"),
    "chart.compare_per_100k": ("Maßnahmen je 100.000 Einwohner, nach Kategorie",
                               "Measures per 100,000 inhabitants, by category"),
    "axis.measures_per_100k": ("Maßnahmen je 100.000 Einw.", "Measures per 100,000 inh."),
})


# --- citing a decision (pages/_cite.py) ----------------------------------------------------------------------
TEXTS.update({
    "cite.link": ("Dauerhafter Link zu diesem Beschluss (zum Kopieren)", "Permanent link to this decision (to copy)"),
    "cite.title": ("Zitieren", "Cite this"),
    "cite.intro": ("Für Artikel, Berichte und Literaturverwaltung (Zotero, Citavi, BibTeX). Der Link bleibt "
                   "gültig; er zeigt diesen Beschluss mit allen Belegen.",
                   "For articles, reports and reference managers (Zotero, Citavi, BibTeX). The link stays valid; "
                   "it shows this decision with all its evidence."),
    "cite.text": ("Als Text", "As text"),
    "cite.download_csl": ("CSL-JSON herunterladen", "Download CSL-JSON"),
    "cite.download_bib": ("BibTeX herunterladen", "Download BibTeX"),
})


# --- accounts, roles, audit trail (ratsradar/auth.py, ratsradar/history.py, pages/admin.py) ----------------
TEXTS.update({
    "role.contributor": ("Beitragende*r", "Contributor"),
    "role.moderator": ("Moderation", "Moderator"),
    "role.admin": ("Administration", "Admin"),
    "auth.denied.login": ("Dafür bitte anmelden.", "Please log in for this."),
    "auth.denied.inactive": ("Dieses Konto ist deaktiviert.", "This account is disabled."),
    "auth.denied.role": ("Ihre Rolle erlaubt das nicht.", "Your role does not allow this."),
    "auth.denied.owner": ("Sie können nur Ihre eigenen Entwürfe bearbeiten oder verwerfen.",
                          "You can only edit or discard your own drafts."),
    "auth.denied.scope": ("Sie moderieren {place} nicht.", "You do not moderate {place}."),
    "auth.error.password_short": ("Das Passwort braucht mindestens {n} Zeichen.",
                                  "The password needs at least {n} characters."),
    "auth.error.role": ("Unbekannte Rolle: {role}", "Unknown role: {role}"),
    "auth.error.username": ("Ungültiger Benutzername „{name}“: 1–64 Zeichen, Kleinbuchstaben, Ziffern und . _ @ -",
                            "Invalid username “{name}”: 1–64 characters, lower-case letters, digits and . _ @ -"),
    "auth.error.exists": ("Den Benutzernamen {name} gibt es schon.", "The username {name} is taken."),
    "auth.error.unknown": ("Kein Konto namens {name}.", "No account named {name}."),
    "auth.error.last_admin": ("Das letzte aktive Admin-Konto kann nicht herabgestuft oder deaktiviert werden.",
                              "The last active admin account cannot be demoted or disabled."),
    "login.header": ("Anmeldung", "Login"),
    "login.username": ("Benutzername", "Username"),
    "login.password": ("Passwort", "Password"),
    "login.submit": ("Anmelden", "Log in"),
    "login.locked": ("Zu viele fehlgeschlagene Anmeldungen mit diesem Namen. Bitte in {minutes} Minuten erneut "
                     "versuchen.", "Too many failed logins with this name. Please try again in {minutes} minutes."),
    "login.failed": ("Benutzername oder Passwort falsch – oder das Konto ist deaktiviert.",
                     "Wrong username or password – or the account is disabled."),
    "login.logout": ("Abmelden", "Log out"),
    "login.signed_in": ("Angemeldet als **{name}** ({role})", "Logged in as **{name}** ({role})"),
    "login.scope": ("Orte: {places}", "Places: {places}"),
    "login.oidc": ("Mit {provider} anmelden", "Log in with {provider}"),
    "login.oidc_unknown": ("Für {who} gibt es kein aktives Ratsradar-Konto. Bitten Sie die Administration, "
                           "eines anzulegen.",
                           "There is no active Ratsradar account for {who}. Ask an admin to create one."),
    "login.how": ("Zum Hochladen und Prüfen braucht es ein Konto. Ansehen kann jede*r alles Veröffentlichte. "
                  "Ein Konto legt die Administration dieser Ratsradar-Installation an – fragen Sie dort nach "
                  "(für die öffentliche Instanz: über die Kontaktadresse unter „Über & Methode“).",
                  "Uploading and reviewing need an account. Anyone can view everything published. Accounts are "
                  "created by the admins of this Ratsradar installation – ask them (for the public instance: via "
                  "the contact address under “About & method”)."),
    "up.login_required": ("Bitte melden Sie sich in der Seitenleiste an, um Ratsdokumente hochzuladen. "
                          "Hochgeladene Dokumente kommen als Entwurf in die Prüfung und werden erst nach "
                          "Freigabe durch die Moderation veröffentlicht.",
                          "Please log in in the sidebar to upload council documents. Uploaded documents go to "
                          "the review queue as drafts and are published only after a moderator approves them."),
    "up.as_user": ("Wird als Entwurf von {name} gespeichert.", "Stored as a draft by {name}."),
    "rev.login_required": ("Bitte melden Sie sich in der Seitenleiste an, um Entwürfe zu sehen und zu prüfen.",
                           "Please log in in the sidebar to see and review drafts."),
    "rev.own_only": ("Sie sehen Ihre eigenen Entwürfe. Sie können sie korrigieren oder verwerfen; "
                     "veröffentlichen kann die Moderation.",
                     "You see your own drafts. You can correct or discard them; moderators publish them."),
    "rev.scope_note": ("Warteschlange für: {places}", "Queue for: {places}"),
    "rev.save": ("Änderungen speichern", "Save changes"),
    "rev.saved": ("Änderungen gespeichert – der Entwurf wartet auf die Moderation.",
                  "Changes saved – the draft waits for a moderator."),
    "rev.reject": ("Ablehnen (nicht veröffentlichen)", "Reject (do not publish)"),
    "rev.reject_reason": ("Grund der Ablehnung (optional, im Verlauf vermerkt)",
                          "Reason for rejecting (optional, noted in the history)"),
    "rev.rejected": ("Abgelehnt: {n} Punkte. Das Dokument bleibt mit seinem Verlauf gespeichert.",
                     "Rejected: {n} items. The document stays stored with its history."),
    "review.error.already_deleted": ("Dieser Beschluss ist schon gelöscht.", "This decision is already deleted."),
    "review.error.not_deleted": ("Dieser Beschluss ist nicht gelöscht.", "This decision is not deleted."),
    "dec.delete": ("Beschluss löschen", "Delete decision"),
    "dec.delete_confirm": ("Ja, diesen Beschluss ausblenden (die Administration kann ihn wiederherstellen)",
                           "Yes, hide this decision (an admin can restore it)"),
    "dec.delete_reason": ("Grund (im Verlauf vermerkt)", "Reason (noted in the history)"),
    "dec.deleted": ("Beschluss gelöscht. Er ist ausgeblendet und kann von der Administration wiederhergestellt "
                    "werden.",
                    "Decision deleted. It is hidden and can be restored by an admin."),
    "dec.moderation": ("Moderation", "Moderation"),
    "nav.admin": ("Verwaltung", "Administration"),
    "adm.title": ("Konten und gelöschte Beschlüsse", "Accounts and deleted decisions"),
    "adm.users": ("Konten", "Accounts"),
    "adm.create": ("Konto anlegen", "Create account"),
    "adm.username": ("Benutzername", "Username"),
    "adm.display": ("Anzeigename (optional)", "Display name (optional)"),
    "adm.email": ("E-Mail für die Anmeldung über OpenID Connect (optional)",
                  "E-mail for login with OpenID Connect (optional)"),
    "adm.role": ("Rolle", "Role"),
    "adm.scope": ("Orte (nur Moderation; leer = alle)", "Places (moderators only; empty = all)"),
    "adm.password": ("Passwort (leer lassen: ein Einmal-Passwort wird erzeugt)",
                     "Password (leave empty: a one-time password is generated)"),
    "adm.created": ("Konto {name} angelegt.", "Account {name} created."),
    "adm.one_time": ("Einmal-Passwort für {name} – jetzt weitergeben, es wird nicht wieder angezeigt:",
                     "One-time password for {name} – pass it on now, it is not shown again:"),
    "adm.change": ("Konto ändern", "Change account"),
    "adm.pick": ("Konto", "Account"),
    "adm.save": ("Rolle und Orte speichern", "Save role and places"),
    "adm.saved": ("Gespeichert.", "Saved."),
    "adm.disable": ("Konto deaktivieren", "Disable account"),
    "adm.enable": ("Konto wieder aktivieren", "Enable account"),
    "adm.col.username": ("Benutzername", "Username"),
    "adm.col.name": ("Name", "Name"),
    "adm.col.role": ("Rolle", "Role"),
    "adm.col.scope": ("Orte", "Places"),
    "adm.col.active": ("aktiv", "active"),
    "adm.col.login": ("Anmeldung", "Login"),
    "adm.col.created": ("angelegt", "created"),
    "adm.login.password": ("Passwort", "password"),
    "adm.login.oidc": ("OpenID Connect", "OpenID Connect"),
    "adm.all_places": ("alle", "all"),
    "adm.deleted": ("Gelöschte Beschlüsse", "Deleted decisions"),
    "adm.no_deleted": ("Keine gelöschten Beschlüsse.", "No deleted decisions."),
    "adm.deleted_item": ("{title} – {place} (gelöscht {when} von {who})", "{title} – {place} (deleted {when} by {who})"),
    "adm.restore": ("Wiederherstellen", "Restore"),
    "adm.restored": ("Beschluss {uid} wiederhergestellt.", "Decision {uid} restored."),
    "adm.denied": ("Diese Seite ist nur für die Administration.", "This page is for admins only."),
    "hist.col.when": ("Wann (UTC)", "When (UTC)"),
    "hist.col.who": ("Wer", "Who"),
    "hist.col.action": ("Was", "What"),
    "hist.col.changes": ("Änderungen (vorher → nachher)", "Changes (before → after)"),
    "hist.action.create": ("angelegt", "created"),
    "hist.action.edit": ("bearbeitet", "edited"),
    "hist.action.publish": ("veröffentlicht", "published"),
    "hist.action.reject": ("abgelehnt", "rejected"),
    "hist.action.discard": ("verworfen", "discarded"),
    "hist.action.delete": ("gelöscht", "deleted"),
    "hist.action.restore": ("wiederhergestellt", "restored"),
    "hist.action.seed": ("aus den Startdaten", "from the seed data"),
    "hist.action.disable": ("deaktiviert", "disabled"),
    "hist.action.enable": ("aktiviert", "enabled"),
    "hist.action.password": ("Passwort gesetzt", "password set"),
    "hist.field.deleted": ("gelöscht", "deleted"),
    "hist.field.reason": ("Grund", "Reason"),
    "hist.field.decisions": ("Beschlüsse", "Decisions"),
    "hist.yes": ("ja", "yes"),
    "hist.no": ("nein", "no"),
    "hist.unknown_actor": ("unbekannt", "unknown"),
})


# --- full-text search (pages/_search_hits.py) ----------------------------------------------------------------
TEXTS.update({
    "search.hits": ("Treffer für „{q}“: {n}", "Hits for “{q}”: {n}"),
    "search.no_excerpt": ("(Treffer im Ortsnamen)", "(hit in the place name)"),
    "search.more": ("… und {n} weitere in der Tabelle.", "… and {n} more in the table."),
})


# --- OParl import and export (pages/oparl_import.py, ratsradar/oparl/) ---------------------------------------
TEXTS.update({
    "nav.oparl": ("OParl-Import", "OParl import"),
    "oparl.title": ("Aus dem Ratsinformationssystem importieren (OParl)",
                    "Import from the council information system (OParl)"),
    "oparl.intro": ("Viele Städte veröffentlichen ihre Drucksachen über eine OParl-Schnittstelle. Ratsradar liest "
                    "die Drucksachen einer Körperschaft Seite für Seite, lädt ihre PDFs (oder nimmt den Text, den "
                    "das System mitliefert), und legt die Drucksachen zum Thema als Entwürfe zur Prüfung an. Ein "
                    "zweiter Lauf holt nur, was sich seitdem geändert hat.",
                    "Many cities publish their papers through an OParl interface. Ratsradar reads a body's papers "
                    "page by page, downloads their PDFs (or takes the text the system provides) and stores the "
                    "papers on the subject as drafts for review. A second run fetches only what changed since."),
    "oparl.login_required": ("Der Import ist Moderatorinnen und Moderatoren vorbehalten. Bitte anmelden.",
                             "Importing is for moderators. Please log in."),
    "oparl.role_required": ("Ihr Konto darf nicht importieren; dafür braucht es die Rolle Moderation oder Admin.",
                            "Your account may not import; that needs the moderator or admin role."),
    "oparl.url": ("Adresse des OParl-Systems (System-URL)", "Address of the OParl system (System URL)"),
    "oparl.url_help": ("Die Einstiegs-URL der OParl-Schnittstelle, z. B. https://ratsinfo.beispielstadt.de/oparl/v1",
                       "The entry URL of the OParl interface, e.g. https://ratsinfo.example.org/oparl/v1"),
    "oparl.body": ("Körperschaft (OParl-ID oder Name, leer = alle)", "Body (OParl id or name, empty = all)"),
    "oparl.since": ("Nur Drucksachen, die seit diesem Tag geändert wurden (leer = seit dem letzten Lauf)",
                    "Only papers changed since this day (empty = since the last run)"),
    "oparl.use_since": ("Datum verwenden", "Use the date"),
    "oparl.all": ("Alle Drucksachen als Entwurf speichern, nicht nur die zum Thema",
                  "Store every paper as a draft, not only those on the subject"),
    "oparl.delay": ("Pause zwischen zwei Anfragen (Sekunden; Rücksicht auf den Server)",
                    "Pause between two requests (seconds; to be polite to the server)"),
    "oparl.submit": ("Import starten", "Start import"),
    "oparl.no_url": ("Bitte die Adresse des OParl-Systems angeben (beginnt mit http:// oder https://).",
                     "Please give the address of the OParl system (starting with http:// or https://)."),
    "oparl.starting": ("Verbinde mit dem System …", "Connecting to the system …"),
    "oparl.progress": ("{done} von {total} Drucksachen gelesen – {name}", "{done} of {total} papers read – {name}"),
    "oparl.progress_open": ("{done} Drucksachen gelesen – {name}", "{done} papers read – {name}"),
    "oparl.done": ("Import abgeschlossen: {bodies} ({mode}), {seconds} s.", "Import finished: {bodies} ({mode}), {seconds} s."),
    "oparl.mode.full": ("vollständig", "full"),
    "oparl.mode.incremental": ("nur Änderungen seit {since}", "changes since {since} only"),
    "oparl.incomplete": ("Eine Liste konnte nicht bis zum Ende gelesen werden; der nächste Lauf setzt an derselben "
                         "Stelle wieder an.",
                         "A list could not be read to its end; the next run starts from the same point again."),
    "oparl.count.listed": ("gelesen", "read"),
    "oparl.count.new": ("neu", "new"),
    "oparl.count.changed": ("geändert", "changed"),
    "oparl.count.unchanged": ("unverändert", "unchanged"),
    "oparl.count.deleted": ("an der Quelle gelöscht", "deleted at the source"),
    "oparl.count.retried": ("erneut versucht", "retried"),
    "oparl.count.created": ("neue Entwürfe", "new drafts"),
    "oparl.count.updated": ("Entwürfe aktualisiert", "drafts updated"),
    "oparl.count.linked": ("schon bekannte Dateien verknüpft", "known files linked"),
    "oparl.count.irrelevant": ("nicht zum Thema", "not on the subject"),
    "oparl.count.reviewed_changed": ("geprüft, an der Quelle geändert", "reviewed, changed at the source"),
    "oparl.count.no_file": ("ohne Datei", "without file"),
    "oparl.count.failed": ("fehlgeschlagen (nächster Lauf versucht es erneut)", "failed (the next run tries again)"),
    "oparl.count.files": ("Dateien geladen", "files downloaded"),
    "oparl.count.requests": ("Anfragen", "requests"),
    "oparl.count.retries": ("Wiederholungen", "retries"),
    "oparl.problems": ("Probleme ({n})", "Problems ({n})"),
    "oparl.to_review": ("Importierte Entwürfe prüfen", "Review the imported drafts"),
    "oparl.error.unreachable": ("Das System ist nicht erreichbar: {detail}", "The system cannot be reached: {detail}"),
    "oparl.error.not_oparl": ("Unter dieser Adresse antwortet kein OParl-System (erwartet: ein System- oder "
                              "Body-Objekt): {detail}",
                              "No OParl system answers at this address (expected a System or Body object): {detail}"),
    "oparl.error.no_body": ("Das System nennt keine Körperschaft: {detail}", "The system lists no body: {detail}"),
    "oparl.error.body_unknown": ("Diese Körperschaft gibt es im System nicht: {detail}",
                                 "The system has no such body: {detail}"),
    "oparl.error.out_of_scope": ("Ihr Konto darf nur Entscheidungen bestimmter Kommunen bearbeiten; diese Körperschaft "
                                 "gehört nicht dazu: {detail}. Ein Import ganzer Systeme braucht ein Konto ohne "
                                 "diese Beschränkung (Moderation für alle Kommunen oder Administration).",
                                 "Your account may only handle decisions of certain municipalities, and this body is "
                                 "not one of them: {detail}. Importing other bodies needs an account without this "
                                 "limit (moderator for all municipalities, or admin)."),
    "oparl.error.settings": ("Ungültige Einstellung: {detail}", "Invalid setting: {detail}"),
    "oparl.error.unexpected": ("Beim Import ist ein unerwarteter Fehler aufgetreten; was bis dahin gelesen wurde, ist "
                               "gespeichert, jede Drucksache ganz oder gar nicht.",
                               "An unexpected error stopped the import; what was read until then is stored, each "
                               "paper completely or not at all."),
    "oparl.export.title": ("Export im OParl-Format", "Export in OParl format"),
    "oparl.export.intro": ("Die veröffentlichten Beschlüsse als OParl-1.1-Liste (Paper mit File und Consultation), "
                           "für andere Werkzeuge.",
                           "The published decisions as an OParl 1.1 list (Paper with File and Consultation), for "
                           "other tools."),
    "oparl.export.download": ("Beschlüsse als OParl-JSON herunterladen", "Download the decisions as OParl JSON"),
    "text_source.oparl_text": ("Text aus dem Ratsinformationssystem (OParl File.text)",
                               "text from the council information system (OParl File.text)"),
    "method.oparl:file_text": ("automatisch aus dem Text des Ratsinformationssystems",
                               "automatically from the council information system's text"),
    "hist.action.source_changed": ("an der Quelle geändert (OParl)", "changed at the source (OParl)"),
    "hist.action.source_deleted": ("an der Quelle gelöscht (OParl)", "deleted at the source (OParl)"),
})


# --- exports (pages/_exports.py) -------------------------------------------------------------------------------
TEXTS.update({
    "export.note": ("Die gefilterten Beschlüsse mit Maßnahmen, Belegen und Quellen – dazu Quelle, Lizenzhinweis und "
                    "Filter der Ausfuhr.",
                    "The filtered decisions with measures, evidence and sources – with the source, licence note "
                    "and filters of the export."),
    "export.json": ("Als JSON", "As JSON"),
    "export.xlsx": ("Als Excel", "As Excel"),
    "export.sqlite": ("Als SQLite (Datasette)", "As SQLite (Datasette)"),
    "export.sqlite_help": ("Öffnen mit: datasette ratsradar-decisions.db – Tabellen decisions, measures, sources "
                           "und metadata (Quelle, Lizenz).",
                           "Open with: datasette ratsradar-decisions.db – tables decisions, measures, sources and "
                           "metadata (source, licence)."),
})


# --- coverage (pages/coverage.py) ----------------------------------------------------------------------------
TEXTS.update({
    "nav.coverage": ("Abdeckung", "Coverage"),
    "cov.title": ("Welche Städte fehlen noch?", "Which cities are still missing?"),
    "cov.intro": ("Deutsche Städte nach Bundesland: welche schon Beschlüsse in Ratsradar haben und welche noch "
                  "keine. Die Liste der Städte stammt von GeoNames.",
                  "German cities by state: which already have decisions in Ratsradar and which have none yet. "
                  "The list of cities comes from GeoNames."),
    "cov.size": ("Städte ab", "Cities from"),
    "cov.size_fmt": ("{n} Einwohnern", "{n} inhabitants"),
    "cov.places": ("Städte in der Liste", "Cities listed"),
    "cov.covered": ("mit Beschlüssen", "with decisions"),
    "cov.share": ("Anteil", "Share"),
    "cov.with": ("mit Beschlüssen", "with decisions"),
    "cov.without": ("ohne Beschlüsse", "without decisions"),
    "cov.state": ("Bundesland", "State"),
    "cov.all_states": ("alle Bundesländer", "all states"),
    "cov.missing": ("Noch ohne Beschlüsse", "No decisions yet"),
    "cov.present": ("Mit Beschlüssen", "With decisions"),
    "cov.call": ("Ihre Stadt fehlt? Laden Sie einen Ratsbeschluss, eine Vorlage oder ein Protokoll zu digitaler "
                 "Souveränität oder Freier Software hoch – nach der Prüfung erscheint sie hier.",
                 "Your city is missing? Upload a council decision, proposal or minutes on digital sovereignty or "
                 "free software – once reviewed, it shows up here."),
    "cov.upload": ("Dokument hochladen", "Upload a document"),
    "cov.col.name": ("Stadt", "City"),
    "cov.col.state": ("Bundesland", "State"),
    "cov.col.population": ("Einwohner", "Inhabitants"),
    "cov.col.decisions": ("Beschlüsse", "Decisions"),
    "cov.col.places": ("Städte", "Cities"),
    "cov.col.covered": ("mit Beschlüssen", "with decisions"),
    "cov.col.share": ("Anteil", "Share"),
    "cov.none_missing": ("Alle Städte dieser Auswahl haben Beschlüsse.", "Every city of this selection has decisions."),
    "chart.coverage": ("Städte mit und ohne Beschlüsse, nach Bundesland", "Cities with and without decisions, by state"),
    "axis.places": ("Städte", "Cities"),
})


# --- implementation tracking (pages/_tracking.py, ratsradar/tracking.py) --------------------------------------
TEXTS.update({
    "track.title": ("Umsetzung", "Implementation"),
    "track.current": ("Stand", "Status"),
    "track.none": ("Noch nichts erfasst, was aus diesem Beschluss geworden ist.",
                   "Nothing recorded yet about what became of this decision."),
    "track.col.since": ("Seit", "Since"),
    "track.col.status": ("Stand", "Status"),
    "track.col.evidence": ("Beleg (Notiz oder Zitat)", "Evidence (note or quote)"),
    "track.col.url": ("Beleg-Link", "Evidence link"),
    "track.col.by": ("Erfasst von", "Recorded by"),
    "track.login": ("Koordinatorinnen und Koordinatoren (Moderation) können nach der Anmeldung den Stand der "
                    "Umsetzung erfassen und Beschlüsse verknüpfen.",
                    "Coordinators (moderators) can record the implementation status and link decisions after "
                    "logging in."),
    "track.record": ("Stand erfassen oder Beschluss verknüpfen", "Record status or link a decision"),
    "track.save": ("Stand speichern", "Save status"),
    "track.saved": ("Gespeichert. Stand jetzt: {status}", "Saved. Status now: {status}"),
    "track.link.kind": ("Dieser Beschluss ist …", "This decision is …"),
    "track.link.target": ("… von diesem Beschluss", "… of this decision"),
    "track.link.pick": ("Beschluss wählen", "Choose a decision"),
    "track.link.save": ("Verknüpfen", "Link"),
    "track.link.follow_up.out": ("Folgebeschluss von", "Follow-up of"),
    "track.link.follow_up.in": ("Folgebeschluss", "Followed up by"),
    "track.link.amendment.out": ("Änderung von", "Amendment of"),
    "track.link.amendment.in": ("Geändert durch", "Amended by"),
    "track.link.reversal.out": ("Aufhebung von", "Reversal of"),
    "track.link.reversal.in": ("Aufgehoben durch", "Reversed by"),
    "track.error.status": ("Unbekannter Stand: {value}", "Unknown status: {value}"),
    "track.error.kind": ("Unbekannte Art der Verknüpfung: {value}", "Unknown kind of link: {value}"),
    "track.error.url": ("Der Beleg-Link muss mit http:// oder https:// beginnen.",
                        "The evidence link must start with http:// or https://."),
    "track.error.evidence_long": ("Der Beleg ist zu lang (höchstens {n} Zeichen).",
                                  "The evidence is too long (at most {n} characters)."),
    "track.error.date": ("Das Datum liegt zu weit in der Zukunft.", "The date lies too far in the future."),
    "track.error.before_decision": ("Das Datum liegt vor dem Beschluss.", "The date lies before the decision."),
    "track.error.unknown_decision": ("Diesen veröffentlichten Beschluss gibt es nicht: {uid}",
                                     "There is no published decision {uid}"),
    "track.error.self": ("Ein Beschluss kann nicht mit sich selbst verknüpft werden.",
                         "A decision cannot be linked to itself."),
    "track.error.duplicate": ("Diese Verknüpfung gibt es schon.", "This link exists already."),
    "track.error.no_target": ("Bitte einen Beschluss wählen.", "Please choose a decision."),
})


# --- Atom feeds (pages/_feeds.py) ------------------------------------------------------------------------------
TEXTS.update({
    "feed.intro": ("Neue Beschlüsse abonnieren (Atom-Feed):", "Subscribe to new decisions (Atom feed):"),
    "feed.all": ("alle", "all"),
    "feed.place": ("{name}", "{name}"),
    "feed.category": ("{name}", "{name}"),
})


# --- evidence viewer (pages/_evidence.py) ----------------------------------------------------------------------
TEXTS.update({
    "ev.title": ("Beleg im Dokument zeigen (Seite mit markiertem Zitat)",
                 "Show the evidence in the document (page with the quote highlighted)"),
    "ev.pick": ("Beleg", "Evidence"),
    "ev.caption": ("{file}, Seite {page}", "{file}, page {page}"),
    "ev.not_found": ("Das Zitat wurde auf dieser Seite nicht gefunden (z. B. bei gescannten Seiten ohne "
                     "Textebene); die Seite wird ohne Markierung gezeigt.",
                     "The quote was not found on this page (e.g. scanned pages without a text layer); the page is "
                     "shown without a highlight."),
    "ev.partial": ("Nicht das ganze Zitat wurde gefunden; markiert ist der längste gefundene Teil.",
                   "Not the whole quote was found; the longest part found is highlighted."),
    "ev.no_page": ("Das Dokument hat keine Seite {page}.", "The document has no page {page}."),
    "ev.unreadable": ("Die gespeicherte Datei kann nicht gelesen werden.", "The stored file cannot be read."),
})


# --- chart downloads (pages/_chart_download.py) ----------------------------------------------------------------
TEXTS.update({
    "chart.download": ("Grafik herunterladen", "Download chart"),
    "chart.download_note": ("Als Bild (PNG) oder Vektorgrafik (SVG), mit Quellenzeile, Link zu dieser Ansicht und "
                            "Datum. Die erste Grafik braucht einige Sekunden.",
                            "As an image (PNG) or vector graphic (SVG), with a source line, the link to this view "
                            "and the date. The first chart takes a few seconds."),
})


# --- the map (pages/_map.py) ---------------------------------------------------------------------------------
TEXTS.update({
    "map.colour_by": ("Farbe", "Colour"),
    "map.colour.category": ("nach Maßnahme", "by measure"),
    "map.colour.count": ("nach Anzahl der Beschlüsse", "by number of decisions"),
    "map.unplaced": ("Nicht auf der Karte ({n} von {total} Orten, ohne Koordinaten: Länder, Staaten, EU): {names}",
                     "Not on the map ({n} of {total} places, without coordinates: states, countries, the EU): "
                     "{names}"),
    "map.click": ("Einen Ort anklicken, um die ganze Ansicht auf ihn zu filtern (Filter zurücksetzen in der "
                  "Seitenleiste).",
                  "Click a place to filter the whole view to it (reset the filters in the sidebar)."),
    "chart.map_colour_category": ("Häufigste Maßnahme", "Most frequent measure"),
    "chart.map_no_measures": ("ohne Maßnahmen", "no measures"),
})
