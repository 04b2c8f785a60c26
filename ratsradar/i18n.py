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
    "filter.text": ("Suche in Titel und Zusammenfassung", "Search titles and summaries"),
    "filter.reset": ("Filter zurücksetzen", "Reset filters"),
    "filter.share": ("Link zu dieser Ansicht: die Adresse im Browser kopieren – sie enthält alle Filter.",
                     "Link to this view: copy the browser's address – it holds every filter."),
    # dashboard
    "dash.decisions": ("Beschlüsse", "Decisions"),
    "dash.municipalities": ("Orte", "Places"),
    "dash.measures": ("Maßnahmen", "Measures"),
    "dash.years": ("Zeitraum", "Years"),
    "dash.reverses": ("davon Abkehr von Freier Software: {n}", "of which move away from free software: {n}"),
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
    "dash.to_decisions": ("Diese Beschlüsse als Tabelle", "These decisions as a table"),
    # charts
    "chart.measures_by_year": ("Maßnahmen pro Jahr, nach Kategorie", "Measures per year, by category"),
    "chart.measures_by_municipality": ("Maßnahmen pro Ort, nach Kategorie", "Measures per place, by category"),
    "chart.heatmap": ("Beschlüsse pro Ort und Jahr", "Decisions per place and year"),
    "chart.map": ("Orte mit Beschlüssen (Größe: Anzahl der Beschlüsse)",
                  "Places with decisions (size: number of decisions)"),
    "chart.timeline": ("Beschlüsse im Zeitverlauf, nach Ergebnis (× = Abkehr von Freier Software)",
                       "Decisions over time, by outcome (× = move away from free software)"),
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
    "dec.prov.created": ("Erfasst am", "Recorded at"),
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
    "up.created": ("{name}: Entwurf angelegt – {n} Tagesordnungspunkte/Beschlüsse, davon {rel} zum Thema.",
                   "{name}: draft created – {n} agenda items/decisions, {rel} of them on the subject."),
    "up.duplicate": ("{name}: Diese Datei ist schon bekannt (gleicher Inhalt, SHA-256 {sha}). Es wurde nichts "
                     "doppelt gespeichert.",
                     "{name}: this file is already known (same content, SHA-256 {sha}). Nothing was stored twice."),
    "up.error": ("{name}: {message} Es wurde nichts gespeichert.", "{name}: {message} Nothing was stored."),
    "up.to_review": ("Entwürfe prüfen", "Review drafts"),
    "up.samples": ("Zum Ausprobieren liegen Beispiel-PDFs im Ordner data/samples/ des Projekts.",
                   "Sample PDFs to try are in the project's data/samples/ folder."),
    "error.not_pdf": ("Das ist keine PDF-Datei.", "This is not a PDF file."),
    "error.encrypted": ("Die PDF-Datei ist passwortgeschützt und kann nicht gelesen werden.",
                        "The PDF is password-protected and cannot be read."),
    "error.empty": ("Die Datei ist leer oder enthält keinen lesbaren Text.",
                    "The file is empty or holds no readable text."),
    "error.corrupt": ("Die PDF-Datei ist beschädigt und kann nicht gelesen werden.",
                      "The PDF is damaged and cannot be read."),
    "error.too_large": ("Die Datei ist zu groß.", "The file is too large."),
    "error.timeout": ("Das Lesen der Datei hat zu lange gedauert.", "Reading the file took too long."),
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
    "rev.published": ("Veröffentlicht: {n} Beschlüsse. Sie erscheinen jetzt in der Übersicht.",
                      "Published: {n} decisions. They now appear on the dashboard."),
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
