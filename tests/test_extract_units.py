"""Unit tests of the extraction's parsers on plain strings (no PDF)."""

from __future__ import annotations

import datetime as dt

import pytest

from ratsradar.extraction import agenda, metadata
from ratsradar.extraction.dates import find_dates, parse_date
from ratsradar.extraction.measures import find_measures, is_relevant
from ratsradar.extraction.outcomes import detect_outcome, find_votes, outcome_and_votes
from ratsradar.extraction.references import find_reference
from ratsradar.extraction.text import Line, Span, document_lines, normalise_page
from ratsradar.record import Votes


def lines_of(text: str, page: int = 1) -> list[Line]:
    return [Line(t.strip(), page) for t in text.split("\n") if t.strip()]


# --- dates ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Datum: 15.12.2022", dt.date(2022, 12, 15)),
    ("am 15. Dezember 2022 im Rathaus", dt.date(2022, 12, 15)),
    ("Erlangen, 06. April 2022", dt.date(2022, 4, 6)),
    ("meeting of 26 October 2018", dt.date(2018, 10, 26)),
    ("January 27, 2020, 7:00 p.m.", dt.date(2020, 1, 27)),
    ("ISO 2022-12-15 date", dt.date(2022, 12, 15)),
    ("Sitzung der BV Porz am 23.9.08", dt.date(2008, 9, 23)),
    ("12 juillet 2023", dt.date(2023, 7, 12)),
    ("Sitzung am 23. 9, 2008 (OCR)", dt.date(2008, 9, 23)),
    ("Beginn 18:35 Uhr, Version 1.2.3", None),
    ("31.02.2022 gibt es nicht", None),
])
def test_dates(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def test_dates_in_order_without_overlaps() -> None:
    found = find_dates("vom 06.-15.08.2021, Sitzung am 19. Januar 2021")
    assert [f.date for f in found] == [dt.date(2021, 8, 15), dt.date(2021, 1, 19)]


# --- references ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Sitzungsvorlagen Nr.: 20-26 / V 02318", "20-26 / V 02318"),
    ("Drucksache Nr.: 26311-22", "26311-22"),
    ("Vorlage VII-DS-08123 des Oberbürgermeisters", "VII-DS-08123"),
    ("Drucksache DS/0873/VI", "DS/0873/VI"),
    ("Drucksache 0412/2024/BV", "0412/2024/BV"),
    ("Vorlagen-Nr. G-24/117", "G-24/117"),
    ("Resolution 2018-45", "2018-45"),
    ("siehe 20-26/V 02284 im RIS", "20-26 / V 02284"),
])
def test_references(text: str, expected: str) -> None:
    assert find_reference(text) == expected


@pytest.mark.parametrize("text", ["AZ: 0262.0-12-0413", "Aktenzeichen 26311-22", "Tel. 233 – 92529", "im Jahr 2020-2026"])
def test_file_numbers_and_phone_numbers_are_not_references(text: str) -> None:
    assert find_reference(text) is None


# --- outcomes and votes ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "outcome", "votes"), [
    ("Die Tagesordnung wird einstimmig genehmigt.", "adopted", None),
    ("Der Antrag wird mit 9:0 Stimmen angenommen.", "adopted", Votes(9, 0, 0)),
    ("Abstimmungsergebnis: mit 5 Ja-Stimmen, 13 Nein-Stimmen und 2 Enthaltungen abgelehnt.", "rejected", Votes(5, 13, 2)),
    ("Der Antrag wird mehrheitlich beschlossen.", "adopted", None),
    ("Die Vorlage wird mit Änderungen beschlossen.", "amended", None),
    ("Der Tagesordnungspunkt wird vertagt.", "deferred", None),
    ("Die Vorlage wird zurückgestellt.", "deferred", None),
    ("Der Antrag wird in den Hauptausschuss verwiesen.", "referred", None),
    ("Der Bericht wird zur Kenntnis genommen.", "noted", None),
    ("Der Antrag wird zurückgezogen.", "withdrawn", None),
    ("The motion carried with 7 votes in favour, 2 against and 0 abstentions.", "adopted", Votes(7, 2, 0)),
    ("The item was tabled to a later meeting.", "deferred", None),
    ("The motion failed 3-4 vote.", "rejected", Votes(3, 4, 0)),
    ("The resolution was approved unanimously.", "adopted", None),
    ("Der Rat stimmt mit 102:10 Stimmen bei 2 Enthaltungen zu.", "adopted", Votes(102, 10, 2)),
    ("Forderung 1 wird mit 107:2 Stimmen nicht erheblich erklärt.", "rejected", Votes(107, 2, 0)),
])
def test_outcomes_in_minutes(text: str, outcome: str, votes: Votes | None) -> None:
    assert outcome_and_votes(text) == (outcome, votes)


@pytest.mark.parametrize("text", [
    "Der Stadtrat möge beschließen: Die Verwaltung stellt auf Linux um.",
    "Beschlussvorschlag: Der Rat beschließt die Einrichtung einer Koordinierungsstelle.",
    "Beschluss des BA in der Sitzung am:\neinstimmig mehrheitlich",
    "☐ angenommen ☐ abgelehnt ☐ vertagt",
    "Es wird auf die Vorlage verwiesen.",
    "Beginn: 18:35 Uhr",
])
def test_requests_and_form_options_are_not_outcomes(text: str) -> None:
    assert detect_outcome(text, strict=True) == "unknown"
    assert detect_outcome(text) == "unknown"


def test_strict_mode_accepts_past_tense_results() -> None:
    assert detect_outcome("Der Rat hat die Vorlage in seiner Sitzung am 15.12.2022 einstimmig beschlossen.",
                          strict=True) == "adopted"
    assert detect_outcome("Der Antrag wurde abgelehnt.", strict=True) == "rejected"


def test_clock_times_are_not_votes() -> None:
    assert find_votes("Beginn 18:35 Uhr, Ende 20:20 Uhr") is None


# --- agenda --------------------------------------------------------------------------------------------------
def test_agenda_markers() -> None:
    text = """Niederschrift
TOP 1 Genehmigung der Tagesordnung
genehmigt
Ö 2 Haushalt 2024
beschlossen
Tagesordnungspunkt 3: Open-Source-Strategie
vertagt
4. Sonstiges
nichts"""
    preamble, items = agenda.split_agenda(lines_of(text))
    assert [l.text for l in preamble] == ["Niederschrift"]
    assert [(i.number, i.title) for i in items] == [
        ("1", "Genehmigung der Tagesordnung"), ("2", "Haushalt 2024"), ("3", "Open-Source-Strategie"), ("4", "Sonstiges")]


def test_agenda_english_items_and_lists_inside_items() -> None:
    text = """Item 1 Approval of the agenda
approved
Item 2 Open source policy
The council considered three points:
1. Publish code
2. Use open standards"""
    _, items = agenda.split_agenda(lines_of(text))
    assert [i.number for i in items] == ["1", "2"]
    assert "Use open standards" in Span(items[1].lines).text


def test_agenda_overview_and_details_are_merged() -> None:
    text = """Tagesordnung
TOP 1 Haushalt
TOP 2 Open Source
Zu TOP 1: Haushalt
Der Haushalt wird beschlossen.
Zu TOP 2: Open Source
Der Antrag wird vertagt."""
    _, items = agenda.split_agenda(lines_of(text))
    assert [i.number for i in items] == ["1", "2"]
    assert "vertagt" in Span(items[1].lines).text


def test_numbered_sequence_without_markers() -> None:
    text = "Protokoll\n1. Amtsgelübde\nText\n2. Rechenschaftsbericht\nText\n3. Motion zu Open Source\nText"
    _, items = agenda.split_agenda(lines_of(text))
    assert [i.title for i in items] == ["Amtsgelübde", "Rechenschaftsbericht", "Motion zu Open Source"]


# --- text clean-up ---------------------------------------------------------------------------------------------
def test_hyphenation_is_rejoined() -> None:
    assert normalise_page("Die Digitali\x02sierung der Open-Source\x02Strategie") == \
        "Die Digitalisierung der Open-Source-Strategie"
    assert normalise_page("Die Digitali-\nsierung und Open-Source-\nStrategie") == \
        "Die Digitalisierung und Open-Source-Strategie"


def test_repeated_letterheads_and_page_numbers_are_dropped() -> None:
    pages = [f"Stadt Musterhausen – Der Oberbürgermeister\nText der Seite {i} über Dinge.\nSeite {i} von 4" for i in range(1, 5)]
    texts = [l.text for l in document_lines(pages)]
    assert texts.count("Stadt Musterhausen – Der Oberbürgermeister") == 1
    assert not any(t.startswith("Seite ") for t in texts)
    assert len(texts) == 5


# --- measures ----------------------------------------------------------------------------------------------------
def test_irrelevant_items_have_no_measures() -> None:
    span = Span(tuple(lines_of("Für die Sanierung der Schule werden Haushaltsmittel bereitgestellt. Eine Studie folgt.")))
    assert find_measures(span) == (False, ())


def test_measures_one_per_category_strongest_evidence_and_page() -> None:
    lines = lines_of("Betreff: Open-Source-Strategie", 1) + lines_of(
        "Der Rat beschließt eine Open-Source-Strategie für die Stadt.\n"
        "Alle Arbeitsplätze werden auf LibreOffice umgestellt.\n"
        "Für die Umstellung auf LibreOffice werden Haushaltsmittel bereitgestellt.", 2)
    relevant, measures = find_measures(Span(tuple(lines)))
    assert relevant
    by_cat = {m.category: m for m in measures}
    assert set(by_cat) == {"strategy", "migration", "funding"}
    assert by_cat["strategy"].evidence == "Der Rat beschließt eine Open-Source-Strategie für die Stadt."
    assert by_cat["strategy"].page == 2
    assert all(m.direction == "advances" for m in measures)


def test_reverse_cues_turn_a_measure_around() -> None:
    span = Span(tuple(lines_of("Der Stadtrat beschließt die Rückkehr zu Microsoft und die Ablösung von LiMux.")))
    _, measures = find_measures(span)
    assert {(m.category, m.direction) for m in measures} == {("migration", "reverses")}


def test_evidence_is_trimmed() -> None:
    long_sentence = "Die Stadt " + "prüft sehr gründlich und ausführlich " * 20 + "den Einsatz von Linux in der Verwaltung."
    _, measures = find_measures(Span(tuple(lines_of(long_sentence))))
    migration = next(m for m in measures if m.category == "migration")
    assert len(migration.evidence) <= 300
    assert "Linux" in migration.evidence


def test_relevance_cues_come_from_the_taxonomy() -> None:
    assert is_relevant("Wir setzen auf Freie Software.")
    assert not is_relevant("Wir sanieren die Turnhalle.")


# --- metadata ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Landeshauptstadt München\nReferat für Arbeit", "München"),
    ("Fraktion in der Bezirksvertretung Köln-Porz\nBetreff: Anfrage", "Köln"),
    ("Bezirksverordnetenversammlung Friedrichshain-Kreuzberg\nDrucksache DS/0873/VI", "Berlin"),
    ("Beschluss des Bezirksausschusses des 12. Stadtbezirkes vom 19.01.2021", "München"),
    ("Stadt Musterhausen\nNiederschrift", "Musterhausen"),
    ("Der Rat der Stadt Dortmund beschließt", "Dortmund"),
    ("Thursday, August 6, 2020\nFederal Register", None),
])
def test_municipality(text: str, expected: str | None) -> None:
    muni = metadata.find_municipality(lines_of(text))
    assert (muni.name if muni else None) == expected


def test_municipality_ags_from_gazetteer() -> None:
    muni = metadata.find_municipality(lines_of("Stadt Dortmund\nBeschlussvorlage"))
    assert muni is not None and muni.ags == "05913000"


@pytest.mark.parametrize(("text", "expected"), [
    ("Stadt X\nBeschlussvorlage\nDrucksache 1", "proposal"),
    ("Sitzungsvorlagen Nr.: 20-26 / V 02284", "proposal"),
    ("Fraktion X\nAntrag zur Sitzung des Rates", "motion"),
    ("AntragstellerIn: Verein\nSitzungsvorlage", "proposal"),
    ("Niederschrift\nüber die Sitzung", "minutes"),
    ("Minutes of the City Council meeting", "minutes"),
    ("Betreff: Anfrage zur nächsten Sitzung", "inquiry"),
    ("Beschlussausfertigung\nDer Rat hat beschlossen", "resolution"),
    ("Mitteilung der Verwaltung", "report"),
    ("Einladung\nzur 3. Sitzung", "invitation"),
    ("Pressemitteilung vom 1.2.2023", "press_release"),
    ("Lorem ipsum dolor", "other"),
])
def test_document_type(text: str, expected: str) -> None:
    assert metadata.document_type(lines_of(text)) == expected


def test_document_type_falls_back_to_the_file_name() -> None:
    assert metadata.document_type(lines_of("Lorem ipsum"), "2021-04-14_Niederschrift_1.pdf") == "minutes"


def test_beratungsfolge_gives_deciding_body_and_date() -> None:
    text = """Beratungsfolge
Ausschuss für Digitales 01.12.2022 Vorberatung
Rat der Stadt Dortmund 15.12.2022 Entscheidung
Betreff: Koordinierungsstelle"""
    consult = metadata.decision_consultation(lines_of(text))
    assert consult == metadata.Consultation("Rat der Stadt Dortmund", dt.date(2022, 12, 15))


def test_meeting_body_is_in_the_nominative() -> None:
    assert metadata.meeting_body(lines_of("über die 12. Sitzung des Rates der Stadt Musterhausen am 14.03.2024")) == \
        "Rat der Stadt Musterhausen"
    assert metadata.meeting_body(lines_of("Thema: 1. Sitzung des Stadtteilbeirates Büchenbach")) == "Stadtteilbeirat Büchenbach"


def test_title_from_betreff_and_from_a_broken_heading() -> None:
    assert metadata.find_title(lines_of("Beschlussvorlage\nBetreff: Einrichtung einer Stelle\nfür Open Source"), "proposal") == \
        "Einrichtung einer Stelle für Open Source"
    text = "Datum: 22.12.2020\nEntscheidung über die\nGewährung eines Zuschusses aus\nBudgetmitteln des Bezirksausschusses 12\nAntragstellerIn: X"
    assert metadata.find_title(lines_of(text), "proposal") == \
        "Entscheidung über die Gewährung eines Zuschusses aus Budgetmitteln des Bezirksausschusses 12"
