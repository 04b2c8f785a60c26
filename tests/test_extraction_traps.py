"""Regression tests for extraction traps of real council documents, one per bug (each test is named after it).

Each trap is shown on a document the tests generate themselves (tests/pdfgen.py) and read through the whole
pipeline; where a labelled corpus document shows the same trap, a second test reads it from ../shared/corpus
(skipped when that folder is absent).
"""

from __future__ import annotations

import datetime as dt

import pytest

from ratsradar.extraction import extract_bytes
from ratsradar.record import ExtractionResult

from tests import pdfgen
from tests.corpus_cache import CORPUS, extract_cached


def read(pages: list[str], name: str = "doc.pdf") -> ExtractionResult:
    result = extract_bytes(pdfgen.pdf_bytes(pages), name, ocr=False)
    assert result.error is None
    return result


def corpus(rel: str) -> ExtractionResult:
    path = CORPUS / rel
    if not path.is_file():
        pytest.skip(f"{rel} not in the corpus (../shared/corpus)")
    return extract_cached(path)


corpus_test = pytest.mark.corpus


# --- titles ---------------------------------------------------------------------------------------------------------
def test_letter_without_betreff_label_takes_the_subject_line_not_the_letterhead() -> None:
    # the subject sits between the date line and the salutation; an addressee block and a receipt stamp come between
    inquiry = read(["""SPD-Fraktion in der Bezirksvertretung Lindenthal
Aachener Str. 220, 50931 Köln
Herrn Oberbürgermeister
Max Mustermann
Köln, den 23. Januar 2012
Sanierung des Spielplatzes im Beethovenpark
Eingang 24. Jan. 2012
Frau Bezirksbürgermeisterin
Erika Musterfrau
Sehr geehrte Frau Bezirksbürgermeisterin,
wir bitten Sie, folgende Anfrage auf die Tagesordnung der nächsten Sitzung der Bezirksvertretung Lindenthal
am 30.01.2012 zu setzen: Wann wird der Spielplatz saniert?"""])
    assert inquiry.document.title == "Sanierung des Spielplatzes im Beethovenpark"
    assert inquiry.decisions[0].title == inquiry.document.title
    # a subject over two lines and a "hier:" line, no salutation
    letter = read(["""14
141/4
67
Kauf eines Kehrfahrzeugs mit Schneepflug (voraussichtliche
Kosten ca. 90.000,00 €)
hier: Bedarfsprüfung (141/12/08)
Mit Schreiben vom 05.06.2008 übersandten Sie mir das Ergebnis Ihrer Bedarfsprüfung für die Beschaffung
eines Kehrfahrzeugs. Ich erkenne daher den Bedarf an."""])
    assert letter.document.title == ("Kauf eines Kehrfahrzeugs mit Schneepflug (voraussichtliche Kosten ca. 90.000,00 €)"
                                     " – Bedarfsprüfung (141/12/08)")


@corpus_test
@pytest.mark.parametrize(("name", "title"), [
    ("344624", "Abschaltung von Straßenlaternen in Köln-Sülz"),
    ("345458", "Bauvorhaben Räuberwäldchen, Köln-Klettenberg"),
    ("359812", "Co-Finanzierung des Forschungsprojekts"),
    ("119482", "Kauf eines Schleppers"),
])
def test_letter_without_betreff_label_takes_the_subject_line_in_cologne_scans(name: str, title: str) -> None:
    r = corpus(f"koeln-ris-ocr-test/ocr-test__orig__{name}.pdf")
    assert r.document.title is not None and r.document.title.startswith(title)


def test_headline_of_two_words_was_passed_over_for_the_line_below() -> None:
    r = read(["E-Rikscha-Pilot*innen gesucht\nEhrenamtlich oder als Minijob / Standort: Erlangen-Büchenbach\n"
              "Was sollte man mitbringen?\nFreude, an der frischen Luft zu sein"])
    assert r.document.title == "E-Rikscha-Pilot*innen gesucht"
    # a letterhead of two names is no headline
    r = read(["Stadt Köln\nDer Oberbürgermeister\nKauf eines Schleppers für das Grünflächenamt"])
    assert r.document.title == "Kauf eines Schleppers für das Grünflächenamt"


def test_title_in_capitals_below_a_logo_was_passed_over_for_ocr_debris() -> None:
    # a convention's title in capitals over two lines and two more in small capitals that OCR reads in mixed case
    r = read(["""G?âHA,ç_E
Vllle de Bouxwlller
et gec communeg agrocléel
CONVENTION DE PARTENARIAT
DANS LE CADRE DU CONTRAT DE TERRITOIRE OUEST ALSACE 2022-2025
PoRTANT suR LEs pRoJETs DE STRUCTURES pERISCOLAIRES
DE BouxwiLLER eT PETERSBACH
Entre
La Collectivité européenne d'Alsace, représentée par son Président"""])
    assert r.document.title == ("CONVENTION DE PARTENARIAT DANS LE CADRE DU CONTRAT DE TERRITOIRE OUEST ALSACE 2022-2025 "
                                "PoRTANT suR LEs pRoJETs DE STRUCTURES pERISCOLAIRES DE BouxwiLLER eT PETERSBACH")


def test_us_committee_named_by_its_own_words_over_a_line_break_was_not_a_body() -> None:
    r = read(["""Thursday, December 3, 2020
PUBLIC NOTICE OF SPECIAL MEETING OF THE CONDUIT FINANCING
COMMITTEE MEMBERS OF THE ILLINOIS FINANCE AUTHORITY
The Illinois Finance Authority (the "Authority") will hold a special meeting of the Conduit
Financing Committee Members of the Authority in the Authority's Chicago Office on Tuesday, December 8, 2020.
1. Call to Order
2. Adjournment"""])
    assert r.document.body == "Conduit Financing Committee"


def test_numbered_district_council_lost_its_number() -> None:
    r = read(["NOTICE OF MEETING\nNotice is hereby given that the\nDISTRICT COUNCIL 001\nwill hold a closed meeting\n"
              "Thursday, June 1, 2023\nDistrict Council 001 has scheduled a closed meeting for Thursday, June 1, 2023, at\n"
              "9:00 am to discuss appointments.\nMEETING AGENDA\n1. Matters relating to appointment of a member"])
    assert r.document.body == "District Council 001"
    # a date or a time after a body's name is no number of it
    r = read(["Niederschrift\nüber die Sitzung des Stadtrat 12.03.2020\nTOP 1 Haushalt\nDer Haushalt wird beschlossen."])
    assert r.document.body == "Stadtrat"
    r = read(["City Council 7:00 pm Regular Meeting Minutes\nItem 1 Approval of the agenda\nApproved unanimously."])
    assert r.document.body == "City Council"


def test_us_schedule_under_a_capitals_letterhead_of_city_and_body() -> None:
    r = read(["""CHICAGO COMMISSION ON HUMAN RELATIONS
2019 MONTHLY BOARD MEETING SCHEDULE
Held every 2nd Thursday of the month
unless otherwise posted
LOCATION: 740 N. Sedgwick St, 4th Floor Boardroom
JANUARY 10
MARCH 14"""])
    assert (r.document.municipality, r.document.body) == ("Chicago", "Commission on Human Relations")
    assert r.document.title == "2019 MONTHLY BOARD MEETING SCHEDULE"
    # only a city heads its body's name this way: no village called "Police" for a police board
    board = read(["POLICE BOARD\nREGULAR MEETING SCHEDULE 2019\nHeld every third Thursday"])
    assert board.document.municipality is None


# --- municipality ---------------------------------------------------------------------------------------------------
def test_place_name_does_not_run_over_a_line_break() -> None:
    # "City of Cambridge" / "City Council": the name is Cambridge, not "Cambridge City" (a town in Indiana)
    r = read(["City of Cambridge\nCity Council\nRegular Meeting Minutes\nMarch 18, 2024\nItem 1 Approval of the Agenda\n"
              "The agenda was approved unanimously.\nItem 2 Parking fees\nThe item was tabled to the next meeting."])
    assert (r.document.municipality, r.document.body) == ("Cambridge", "City Council")


def test_us_address_without_comma_before_the_state_names_the_city() -> None:
    r = read(["Lincoln Square Special Service Area #21\nCommission Meeting Minutes\n"
              "2611 W. Lawrence Avenue, Chicago IL 60625 | p: 773.728.3890\n"
              "Minutes from Monday, January 29, 2018 - 9:00am\nMeeting called to order at 9:08am\n"
              "APPROVED - 2018 Meetings Calendar\nMeeting adjourned at 11:25am"])
    assert r.document.municipality == "Chicago"


def test_cantonal_parliament_is_its_canton_not_the_town_it_meets_in() -> None:
    r = read(["Grosser Rat\nProtokoll Nr. 12 vom 5. Mai 2023\nVorsitz Anna Muster, Grossratspräsidentin, Weinfelden\n"
              "Ort Rathaus Frauenfeld\nZeit 09.30 Uhr bis 12.00 Uhr\nTagesordnung\n"
              "1. Rechenschaftsbericht 2022 des Obergerichts (20/BS 55/507)\n2. Schlussabstimmung (20/GE 23/440)\n"
              "Präsident: Die Gesetze des Bundes und des Kantons Thurgau sind zu achten.\n"
              "1. Rechenschaftsbericht 2022 des Obergerichts (20/BS 55/507)\n"
              "Der Rechenschaftsbericht wird mit 108:0 Stimmen genehmigt.\n"
              "2. Schlussabstimmung (20/GE 23/440)\nDas Gesetz wird mit 91:25 Stimmen bei 1 Enthaltung angenommen."])
    assert (r.document.municipality, r.document.ags) == ("Thurgau", None)


def test_town_named_mid_sentence_past_the_letterhead_is_not_the_author() -> None:
    fields = "\n".join(f"session_field_{i}" for i in range(45))
    r = read([f"Datenmodell\nSitzungen (sessions)\n{fields}\nTeilnahme Stadt Köln an der Konferenz des Weltverbandes"])
    assert r.document.municipality is None
    # at the start of a line (a letterhead or signature block) it still counts
    r = read([f"Datenmodell\nSitzungen (sessions)\n{fields}\nStadt Köln\nDer Oberbürgermeister"])
    assert r.document.municipality == "Köln"


def test_district_advisory_board_was_placed_in_a_village_of_the_districts_name() -> None:
    # "Stadtteilbeirat Büchenbach" is a board of Erlangen's district Büchenbach, not of Büchenbach near Roth
    r = read(["""Zur Sitzung des Stadtrates
Umgestaltung des Marktplatzes
Sehr geehrte Mitglieder des Stadtrates,
der Stadtteilbeirat Büchenbach nimmt hierzu wie folgt Stellung:
Den Bürgerinnen und Bürgern in Büchenbach ist ein weiteres Warten nicht zuzumuten.
Die Vereine in Büchenbach und die Schulen in Büchenbach brauchen den Platz.
Mit freundlichen Grüßen
für den Stadtteilbeirat Büchenbach"""])
    assert (r.document.municipality, r.document.ags) == ("Erlangen", "09562000")
    # signed mid-line at the end of a long letter, past the letterhead
    filler = "\n".join(f"Punkt {i}: Bitte prüfen Sie die Einsparung." for i in range(45))
    r = read([f"15. April 2025\nStellungnahme zur Haushaltskonsolidierung\nSehr geehrte Stadträte,\n{filler}\n"
              "Günter Muster für den Stadtteilbeirat Büchenbach"])
    assert r.document.municipality == "Erlangen"


def test_numbered_district_committee_named_without_its_city_had_no_place() -> None:
    r = read(["""Antrag
SPD-Fraktion
im Bezirksausschuss 7
- Sendling-Westpark -
02.09.2016
Die Stadtverwaltung wird gebeten, mit Unterstützung des Bezirksausschusses 7 einen geeigneten Standort für einen
Jugend-Treff im Gebiet des Stadtbezirks Sendling-Westpark zu finden und dem Stadtrat vorzulegen."""])
    assert (r.document.municipality, r.document.ags) == ("München", "09162000")
    assert r.document.body == "Bezirksausschuss 7 - Sendling-Westpark"


def test_intercommunality_that_met_was_passed_over_for_the_town_of_its_venue() -> None:
    r = read(["""Séance publique
du jeudi 28 octobre 2021
Rue des Vernes à Roanne
PROCES VERBAL
L'an deux mille vingt et un, le 28 octobre à 18 h 00, les conseillers communautaires de Roannais Agglomération, se
sont réunis à l'Espace Chorum – Rue des Vernes à Roanne.
1. Approbation du procès-verbal
Adopté à l'unanimité"""])
    assert r.document.municipality == "Roannais Agglomération"
    # a commune the gazetteer does not know, in capitals
    r = read(["DELIBERATION\nDU CONSEIL MUNICIPAL\nL'an 2024 et le 22 mai, le Conseil Municipal de la\n"
              "commune de SAINT-OUEN-SUR-GARTEMPE, régulièrement convoqué, s'est réuni.\nTARIFS COMMUNAUX"])
    assert r.document.municipality == "Saint-Ouen-sur-Gartempe"


def test_district_a_council_text_keeps_naming_was_taken_for_a_village_of_its_name() -> None:
    # minutes naming no town in a letterhead, only a district of Erlangen again and again, and Erlangen in passing
    r = read(["""Niederschrift
über die Bürgerversammlung am 12.05.2022
Die Versammlung in Büchenbach beginnt um 19 Uhr.
1. Verkehr in Büchenbach
Die Bürger aus Büchenbach wünschen sich eine bessere Anbindung an die Innenstadt von Erlangen.
Die Versammlung in Büchenbach stimmt einstimmig zu."""])
    assert r.document.municipality == "Erlangen"


@pytest.mark.parametrize(("text", "municipality"), [
    ("Bezirksvertretung Porz\nNiederschrift über die 3. Sitzung am 12.03.2020", "Köln"),
    ("Bezirksvertretung Köln-Porz\nNiederschrift über die 3. Sitzung am 12.03.2020", "Köln"),
    # a district name that two cities use counts only with the city named
    ("Bezirksvertretung Mitte\nNiederschrift über die 3. Sitzung am 12.03.2020\nRathaus Bielefeld, Niederer Wall 23",
     "Bielefeld"),
])
def test_district_body_is_placed_in_its_city(text: str, municipality: str) -> None:
    assert read([text]).document.municipality == municipality


def test_minutes_without_letterhead_town_take_the_town_they_keep_naming() -> None:
    r = read(["""COMITÉ DE DÉMOLITION
PROCÈS-VERBAL
Séance publique tenue le 20 juin, à 16h00 à la salle du conseil
Présences
M. Gaëtan Gagné, conseiller municipal
1. Ouverture de la séance
La séance est ouverte à 16h00.
2. Demande de démolition pour le 1069, boulevard de Sainte-Adèle
Résolution DM-2023-001
ATTENDU la demande visant la démolition partielle du 1069, boulevard de Sainte-Adèle;
ATTENDU QUE le bâtiment est protégé comme Théâtre Sainte-Adèle, publié le 7 juin 2023;
IL EST RÉSOLU À L’UNANIMITÉ D’APPROUVER la demande de démolition partielle.
3. LEVÉE DE LA SÉANCE
La séance est levée à 16h05."""])
    assert r.document.municipality == "Sainte-Adèle"
    # a person named three times is no town, and neither is a document that is no council's
    people = read(["Data Governance\nNovember 11, 2021\nAction Minutes\nMembers present: Robert Bromfield, Nathan Cain\n"
                   "Gender Identity: Bromfield shared the portal.\nBromfield will report.\nVote: unanimous"])
    assert people.document.municipality is None


@corpus_test
@pytest.mark.parametrize(("rel", "municipality"), [
    ("en-us-city-scrapers/tests__files__chi_ssa_21__SSA21_MeetingMinutes_1.29.18.pdf", "Chicago"),
    ("ch-thurgau-grosser-rat/pdf__20230816.pdf", "Thurgau"),
    ("pdfplumber-tests/tests__pdfs__2023-06-20-PV.pdf", "Sainte-Adèle"),
    ("koeln-ris-ocr-test/docs.pdf", None),
])
def test_municipality_of_corpus_documents_that_name_no_town_in_a_letterhead(rel: str, municipality: str | None) -> None:
    assert corpus(rel).document.municipality == municipality


_SBR = "erlangen-sbr-buechenbach/SBR__"
_FR = "fr-council-minutes-alberto-lorente/Raptor__"


@corpus_test
@pytest.mark.parametrize(("rel", "field", "value"), [
    # district boards placed in their city
    (f"{_SBR}Antr_ge__bersicht__Stadtteilbeirat-Stellungnahme_Zu_Antrag266-2019_Rudeltplatz_final.pdf", "municipality", "Erlangen"),
    (f"{_SBR}Antr_ge__bersicht__Stellungnahme_B_chenbach_15-Apr-2025_Liste-m_glicher-Einsparungen.pdf", "municipality", "Erlangen"),
    ("muenchen-riski/riski-extractor__src__docling__test_files__5913322.pdf", "municipality", "München"),
    # a statement on a cited motion
    (f"{_SBR}Antr_ge__bersicht__Stadtteilbeirat-Stellungnahme_Zu_Antrag266-2019_Rudeltplatz_final.pdf", "document_type", "other"),
    (f"{_SBR}Antr_ge__bersicht__Stadtteilbeirat-Stellungnahme_Zu_Antrag266-2019_Rudeltplatz_final.pdf", "date", None),
    (f"{_SBR}Antr_ge__bersicht__Stadtteilbeirat-Stellungnahme_Zu_Antrag266-2019_Rudeltplatz_final.pdf", "title",
     "Umgestaltung und Aufwertung der „Betonwüste“ Rudeltplatz"),
    (f"{_SBR}Antr_ge__bersicht__Stadtteilbeirat-Stellungnahme_Zu_132-2022_Antrag_StBR_Innenstadt.pdf", "reference", None),
    # undated papers, headlines and headings in capitals
    (f"{_SBR}2022-04-05_Anhang_GesundAelterWerden_Ausschreibung_Rikscha-Projekt.pdf", "date", None),
    (f"{_SBR}2022-04-05_Anhang_GesundAelterWerden_Ausschreibung_Rikscha-Projekt.pdf", "title", "E-Rikscha-Pilot*innen gesucht"),
    (f"{_FR}Evaluation_data__Solved_PDFs__4b7076dc7989552fc75046c32d068eee9122adff_DEL13-1223-Annex.pdf", "date", None),
    ("en-us-city-scrapers/tests__files__chi_human_relations.pdf", "municipality", "Chicago"),
    ("en-us-city-scrapers/tests__files__chi_human_relations.pdf", "body", "Commission on Human Relations"),
    ("en-us-city-scrapers/tests__files__chi_human_relations.pdf", "title", "2019 MONTHLY BOARD MEETING SCHEDULE"),
    ("en-us-city-scrapers/tests__files__det_employment_solutions_corp.pdf", "date", dt.date(2019, 6, 11)),
    ("en-us-city-scrapers/tests__files__il_finance_authority.pdf", "body", "Conduit Financing Committee"),
    (f"{_FR}example.pdf", "municipality", "Roannais Agglomération"),
])
def test_document_fields_of_corpus_statements_notices_and_schedules(rel: str, field: str, value: object) -> None:
    assert getattr(corpus(rel).document, field) == value


# --- outcomes -------------------------------------------------------------------------------------------------------
ERLANGEN_HEAD = """Stadt Erlangen
Erlangen, 17. Dezember 2024
Niederschrift
Besprechung am: 19. November 2024 Beginn: 18:30 Uhr
Thema: 2. öffentliche Sitzung Stadtteilbeirat Büchenbach
"""


def test_deferral_reported_in_a_remark_is_not_the_items_outcome() -> None:
    r = read([ERLANGEN_HEAD + """TOP 1: Anregungen der Bürger*innen
1. Einkaufswagen: Es wurde wiederholt bemängelt, dass Einkaufswagen mit Müll abgestellt werden.
2. Projekt „Neue Mitte“: Dieses Projekt wurde aufgrund der Verzögerung der Bebauung in der Odenwaldstraße
zurückgestellt.
TOP 2: Zuschuss für den Kleingartenverein
Der Antrag wird vertagt.
TOP 3: Spielplatz
Vertagt."""])
    assert [d.outcome for d in r.decisions] == ["unknown", "deferred", "deferred"]


def test_result_label_outranks_details_reported_in_prose() -> None:
    r = read(["""Lincoln Square Special Service Area #21
Commission Meeting Minutes
Minutes from Monday, January 29, 2018 - 9:00am
New Business
o APPROVED - 2018 Meetings Calendar
o APPROVED - Revised 2018 budget - B. Munro (motion), Z. Maiorca (second)
- Increased funding for the mural program
- $5,000 proposed for lighting retrofits rejected, moved to 'Holiday Decorations'
Meeting adjourned at 11:25am"""])
    assert [d.outcome for d in r.decisions] == ["adopted"]


def test_last_item_of_a_printed_agenda_does_not_take_the_opening_of_the_session() -> None:
    r = read(["""Grosser Rat
Protokoll Nr. 12 vom 5. Mai 2023
Tagesordnung
1. Rechenschaftsbericht 2022 des Obergerichts (20/BS 55/507)
Eintreten, Detailberatung, Beschlussfassung Seite 6
2. Änderung des Gesetzes über die Krankenversicherung (20/GE 23/440)
Redaktionslesung, Schlussabstimmung Seite 12
3. Interpellation von Anna Muster vom 3. Mai 2023 "Spitalversorgung" (20/IN 44/503)
Beantwortung Seite --
Entschuldigt: Muster Karl, Kesswil
Meier Petra, Altnau
Präsident: Ich begrüsse Sie zur heutigen Sitzung.
Das Ratsbüro hat die Verschiebung der Sitzung vom Juni genehmigt.
Die Sitzung des Kantons Thurgau ist eröffnet.""", """1. Rechenschaftsbericht 2022 des Obergerichts (20/BS 55/507)
Der Rechenschaftsbericht wird mit 108:0 Stimmen genehmigt.
2. Änderung des Gesetzes über die Krankenversicherung (20/GE 23/440)
Das Gesetz wird mit 91:25 Stimmen bei 1 Enthaltung angenommen."""])
    outcomes = {d.title.split(" (")[0]: d.outcome for d in r.decisions if d.title}
    assert outcomes["Rechenschaftsbericht 2022 des Obergerichts"] == "adopted"
    assert outcomes['Interpellation von Anna Muster vom 3. Mai 2023 "Spitalversorgung"'] == "unknown"


@corpus_test
@pytest.mark.parametrize(("rel", "index", "outcome"), [
    ("erlangen-sbr-buechenbach/SBR__2024-11-19_Niederschrift_Niederschrift_2_Sitzung_Buechenbach.pdf", 2, "unknown"),
    ("en-us-city-scrapers/tests__files__chi_ssa_21__SSA21_MeetingMinutes_1.29.18.pdf", 0, "adopted"),
    ("ch-thurgau-grosser-rat/pdf__20230816.pdf", 9, "unknown"),
])
def test_outcomes_of_corpus_items_with_reported_deferrals_result_labels_and_printed_agendas(
        rel: str, index: int, outcome: str) -> None:
    assert corpus(rel).decisions[index].outcome == outcome


# --- dates ----------------------------------------------------------------------------------------------------------
def test_letter_date_after_the_postcode_and_town_is_the_documents_date_not_a_meeting_it_mentions() -> None:
    r = read(["""Stadtteilbeirat Büchenbach, z.H. Günter Winkelmann, Holzweg 7, 91056 Erlangen
An Oberbürgermeister Dr. Florian Janik
Rathausplatz 1
91052 Erlangen 20. April 2019
Antrag zur Erweiterung der Sozialen Stadt Büchenbach Nord
Sehr geehrter Herr Oberbürgermeister,
In einer öffentlichen Sitzung am 26. März 2019 haben wir das Förderprogramm diskutiert.
Wir stellen deshalb folgenden Antrag: Das Gebiet soll um folgende Straßenzüge ergänzt werden."""])
    assert r.document.date == dt.date(2019, 4, 20)
    assert (r.document.municipality, r.document.document_type) == ("Erlangen", "motion")


def test_date_a_letter_cites_is_not_its_own_date() -> None:
    r = read(["""14
141/4
Kauf eines Kehrfahrzeugs mit Schneepflug
hier: Bedarfsprüfung (141/12/08)
Mit Schreiben vom 05.06.2008, hier eingegangen am 12.06.2008, übersandten Sie mir das Ergebnis Ihrer
Bedarfsprüfung. Ich erkenne daher den Bedarf an."""])
    assert r.document.date is None


def test_senders_internal_meeting_is_not_the_meeting_that_decides() -> None:
    r = read(["""Stadtteilbeirat Büchenbach Erlangen, den 7.7.2022
Stellungnahme zur Beschlussvorlage 6131/67/2022 "Umweltspur" Am Europakanal
Sehr geehrte Mitglieder des Stadtrates,
die Beschlussvorlage wurde am 28. Juni 2022 in den Werkausschuss eingebracht.
Diese Stellungnahme wurde in einer internen Sitzung des Stadtteilbeirats am 7. Juli 2022 mit
allen 9 anwesenden Mitgliedern abgestimmt."""])
    assert r.document.date == dt.date(2022, 7, 7)
    assert r.decisions[0].date is None


def test_date_inside_a_sentence_of_an_undated_notice_was_taken_as_its_date() -> None:
    job_call = read(["""E-Rikscha-Pilot*innen gesucht
Ehrenamtlich oder als Minijob / Standort: Erlangen-Büchenbach
Was sollte man mitbringen?
Freude, an der frischen Luft zu sein
Start des Rikscha-Einsatzes ist der 1. Mai 2022. Quereinstieg danach nach Absprache.
Interessierte wenden sich bitte an das Amt für Sport der Stadt Erlangen"""])
    assert job_call.document.date is None
    convention = read(["""CONVENTION DE PARTENARIAT
Entre
La Collectivité européenne d'Alsace, représentée par son Président, dûment habilité par délibération du Conseil
européenne d'Alsace du 13 novembre 2023,
Ci-après dénommée la Collectivité,
ET
La Commune de Petersbach représentée par son Maire"""])
    assert convention.document.date is None
    # a heading continued on a line of its own, and a date line, still date the document
    minutes = read(["Procès-verbal\ndu jeudi 28 octobre 2021\nLes conseillers sont présents."])
    assert minutes.document.date == dt.date(2021, 10, 28)


def test_us_calendar_revision_date_written_with_spaces_was_not_read() -> None:
    r = read(["""2019 DESC Board and Committee Calendar of Meetings
DESC
2019 DESC Board And Committee Calendar - Updated 06 11 2019
Month Corporation Board Executive Committee
JANUARY
Thursday, January 31, 2019
10:00 am - 11:30 am
FEBRUARY
Tuesday, February 12, 2019"""])
    assert r.document.date == dt.date(2019, 6, 11)


def test_french_session_dated_with_slashes_was_no_date() -> None:
    r = read(["DELIBERATION\nDU CONSEIL MUNICIPAL\nSéance du 22/05/2024\nTARIFS COMMUNAUX\n"
              "Après en avoir délibéré, le conseil municipal décide d'arrêter la liste des tarifs."])
    assert r.document.date == dt.date(2024, 5, 22)
    signed = read(["DELIBERATION\nDU CONSEIL MUNICIPAL\nSéance du 22/05/2024\nTARIFS COMMUNAUX\n"
                   "Le conseil municipal décide d'arrêter la liste des tarifs.\nFait à Marmagne, le 23/05/2024"])
    assert signed.document.date == dt.date(2024, 5, 23)
    # an English meeting dated with slashes is read month first elsewhere, never day first here
    english = read(["Board Meeting Agenda\nMeeting of 06/11/2019\n1. Call to order"])
    assert english.document.date != dt.date(2019, 11, 6)


def test_english_day_of_month_formula_was_no_date() -> None:
    r = read(["""RESOLUTION NO. 2023-17
A RESOLUTION OF THE CITY COUNCIL OF THE CITY OF SPRINGFIELD ADOPTING AN OPEN SOURCE POLICY
PASSED AND ADOPTED this 5th day of June, 2023
WHEREAS the City wishes to publish its software under free licences."""])
    assert r.document.date == dt.date(2023, 6, 5)


def test_french_act_signed_fait_a_le_date_was_not_its_date() -> None:
    preamble = "\n".join(f"M. CONSEILLER {i}, présent" for i in range(40))
    r = read([f"""DELIBERATION
DU CONSEIL MUNICIPAL
L'an 2024 et le 22 mai à 18 heures 30 minutes, le Conseil Municipal de la
commune de Marmagne, régulièrement convoqué, s'est réuni.
Etaient présents :
{preamble}
TARIFS COMMUNAUX
Après en avoir délibéré, le conseil municipal décide d'arrêter la liste des tarifs.
Vote : à l'unanimité""", """Fait a Marmagne, le 23 mai 2024
Le Maire"""])
    assert r.document.date == dt.date(2024, 5, 23)


@corpus_test
def test_dates_of_corpus_letters_after_postcode_and_with_an_internal_meeting() -> None:
    erweiterung = corpus("erlangen-sbr-buechenbach/SBR__Antr_ge__bersicht__Antrag_STBR_B_chenbach_ErweiterungSozialeStadtB_Nord.pdf")
    assert erweiterung.document.date == dt.date(2019, 4, 20)
    umweltspur = corpus("erlangen-sbr-buechenbach/SBR__Antr_ge__bersicht__Stadtteilbeirat-Stellungnahme_Beschlussvorlage_"
                        "6131_67_2022_Umweltspur_Europakanal.pdf")
    assert umweltspur.decisions[0].date is None
    schlepper = corpus("koeln-ris-ocr-test/ocr-test__orig__119482.pdf")  # the handwritten day is unreadable: no date
    assert schlepper.document.date != dt.date(2008, 6, 5)


# --- deciding body --------------------------------------------------------------------------------------------------
def test_body_named_in_a_heading_in_capitals() -> None:
    pv = read(["COMITÉ DE DÉMOLITION\nPROCÈS-VERBAL\nSéance publique tenue le 20 juin 2023, à 16h00\n"
               "1. Ouverture de la séance\nLa séance est ouverte à 16h00.\n2. Levée de la séance\nLa séance est levée."])
    assert pv.document.body == "Comité de démolition"
    notice = read(["City of Chicago\nNOTICE AND AGENDA OF DISTRICT COUNCIL MEETING\n"
                   "Notice is hereby given that District Council ___ will hold a public meeting.\nMEETING AGENDA\n"
                   "1. Roll Call & Quorum Determination\n2. Public comment\n3. Votes"])
    assert (notice.document.municipality, notice.document.body) == ("Chicago", "District Council")


@corpus_test
@pytest.mark.parametrize(("rel", "body"), [
    ("pdfplumber-tests/tests__pdfs__2023-06-20-PV.pdf", "Comité de démolition"),
    ("en-us-city-scrapers/tests__files__chi_police_district_councils__Notice-and-Agenda-001-2023-06-06.pdf", "District Council"),
])
def test_body_named_in_a_heading_in_capitals_in_corpus_documents(rel: str, body: str) -> None:
    assert corpus(rel).document.body == body


# --- titles of minutes and their items ------------------------------------------------------------------------------
def test_minutes_named_by_number_and_date_keep_that_heading_as_title() -> None:
    r = read(["Grosser Rat\nProtokoll Nr. 61 vom 16. August 2023\nVorsitz Anna Muster, Grossratspräsidentin\n"
              "Protokoll Karl Beispiel, Parlamentsdienste (Traktanden 1 bis 2)\nTagesordnung\n"
              "1. Rechenschaftsbericht 2022 des Obergerichts (20/BS 55/507)\n2. Bericht der Kommission (20/BS 54/487)"])
    assert r.document.title == "Protokoll Nr. 61 vom 16. August 2023"


def test_agenda_heading_continued_by_a_line_starting_with_a_date_is_one_title() -> None:
    r = read(["""Grosser Rat
Protokoll Nr. 61 vom 16. August 2023
Tagesordnung
1. Rechenschaftsbericht 2022 des Obergerichts (20/BS 55/507)
Eintreten, Detailberatung, Beschlussfassung Seite 6
2. Motion von Reto Ammann, Daniel Eugster, Stephan Tobler vom
26. Oktober 2022 "Thurgauer Sport- und Kulturförderung im Gleichschritt"
(20/MO 38/396)
Beantwortung Seite 34"""])
    assert [d.title for d in r.decisions] == [
        "Rechenschaftsbericht 2022 des Obergerichts (20/BS 55/507)",
        'Motion von Reto Ammann, Daniel Eugster, Stephan Tobler vom 26. Oktober 2022 "Thurgauer Sport- und '
        'Kulturförderung im Gleichschritt" (20/MO 38/396)',
    ]


def test_english_minutes_heading_takes_the_name_above_the_date_line() -> None:
    r = read(["Data Governance\nNovember 11, 2021\nAction Minutes\nMembers present: Robert Bromfield, Nathan Cain\n"
              "Approve October 14, 2021 Minutes\nMotion: Minutes approved. Vote: unanimous"])
    assert r.document.title == "Data Governance Action Minutes"


def test_item_heading_that_begins_a_sentence_is_not_continued_by_it() -> None:
    r = read([ERLANGEN_HEAD + """TOP 1: Frau Barusel, Amt für Sport und Gesundheitsförderung,
teilt mit, dass für die Rikscha in Büchenbach leider Fahrer fehlen. Sie bittet darum sich umzuhören.
TOP 2: Neue Facebook-Seite
Die Seite ist online."""])
    assert [d.title for d in r.decisions] == ["Frau Barusel, Amt für Sport und Gesundheitsförderung", "Neue Facebook-Seite"]


@corpus_test
def test_titles_of_corpus_minutes_numbered_by_date_and_with_headings_over_two_lines() -> None:
    thurgau = corpus("ch-thurgau-grosser-rat/pdf__20230816.pdf")
    assert thurgau.document.title == "Protokoll Nr. 61 vom 16. August 2023"
    assert thurgau.decisions[7].title == ('Motion von Reto Ammann, Daniel Eugster, Stephan Tobler vom 26. Oktober 2022 '
                                          '"Thurgauer Sport- und Kulturförderung im Gleichschritt" (20/MO 38/396)')
    governance = corpus("fr-council-minutes-alberto-lorente/Raptor__0._old__Pre-Data_Days__MINI-PDF-mining__Toy_Data_"
                        "University__PDFS__Data_Governance_Action_Minutes_11112021.pdf")
    assert governance.document.title == "Data Governance Action Minutes"
    buechenbach = corpus("erlangen-sbr-buechenbach/SBR__2022-06-29_Niederschrift_Niederschrift_2_Sitzung_Buechenbach.pdf")
    assert buechenbach.decisions[0].title == "Frau Barusel, Amt für Sport und Gesundheitsförderung"


def test_ocr_comma_after_the_day_of_a_named_date_is_still_a_date() -> None:
    from ratsradar.extraction.dates import parse_date

    assert parse_date("der Bezirksvertretung Lindenthal am 30, Januar 2012 zu setzen") == dt.date(2012, 1, 30)
    assert parse_date("Punkte 1, 2 und 3") is None
    r = read(["CDU-Fraktion in der Bezirksvertretung Köln-Lindenthal\nKöln, 16. Januar 2012\n"
              "Abschaltung von Straßenlaternen in Köln-Sülz\nSehr geehrte Frau Bezirksbürgermeisterin,\n"
              "wir bitten Sie, folgende Anfrage auf die Tagesordnung der nächsten Sitzung der Bezirksvertretung Lindenthal "
              "am 30, Januar 2012 zu setzen: Trifft es zu, dass nachts Laternen abgeschaltet werden?"])
    assert (r.document.date, r.decisions[0].date) == (dt.date(2012, 1, 16), dt.date(2012, 1, 30))


@corpus_test
def test_ocr_comma_after_the_day_of_a_named_date_in_a_cologne_scan() -> None:
    assert corpus("koeln-ris-ocr-test/ocr-test__orig__344624.pdf").decisions[0].date == dt.date(2012, 1, 30)


def test_munich_citizens_assembly_form_with_a_handwritten_district_number() -> None:
    # the district number is handwritten in a box: OCR reads it (and the word after it) as anything
    for heading in ("Bürgerversammlung des 7. Stadtbezirkes am 22.11.2018",
                    "Bürgerversammlung des? _, Staditbezirkes am (2%."):
        r = read([f"{heading}\nAntrag (Bitte formulieren Sie so, dass mit \"ich stimme zu\" abgestimmt werden kann):\n"
                  "Hiermit beantrage ich die Einrichtung eines Jugendtreffs nahe der S-Bahnstation."])
        assert (r.document.municipality, r.document.ags) == ("München", "09162000"), heading
    elsewhere = read(["Stadt Erlangen\nNiederschrift\nThema: Bürgerversammlung des Stadtteilbeirates Büchenbach"])
    assert elsewhere.document.municipality == "Erlangen"


@corpus_test
def test_munich_citizens_assembly_form_scanned() -> None:
    r = corpus("muenchen-riski/riski-extractor__src__docling__test_files__5913320.pdf")
    assert (r.document.municipality, r.document.ags) == ("München", "09162000")


def test_body_name_stops_at_the_line_end_and_before_the_verb() -> None:
    motion = read(["SPD-Fraktion im Stadtrat\nStadt Musterstadt\nAn den Oberbürgermeister\nMusterstadt, 05.05.2022\n"
                   "Antrag: Open-Source-Strategie für Musterstadt\nDer Stadtrat möge beschließen:\n"
                   "Die Verwaltung erarbeitet eine Open-Source-Strategie."])
    assert motion.document.body == "Stadtrat"
    assert motion.decisions[0].outcome == "unknown"
    resolution = read(["Landeshauptstadt Musterstadt\nBeschlussausfertigung\nDer Rat der Landeshauptstadt Musterstadt hat in "
                       "seiner Sitzung am 15.12.2022 folgenden Beschluss gefasst:\nBetreff: Koordinierungsstelle Open Source\n"
                       "Der Rat beschließt die Einrichtung einer Koordinierungsstelle Open Source.\n"
                       "Abstimmungsergebnis: einstimmig beschlossen"])
    assert resolution.document.body == "Rat der Landeshauptstadt Musterstadt"
    assert (resolution.decisions[0].date, resolution.decisions[0].outcome) == (dt.date(2022, 12, 15), "adopted")


def test_english_minutes_heading_naming_the_meeting_is_title_and_body() -> None:
    r = read(["City of Springfield\nCity Council Regular Meeting Minutes\nOctober 26, 2022\n1. CALL TO ORDER\n"
              "2. OPEN SOURCE POLICY\nCouncilmember Lee moved to adopt the open source policy. The motion carried 5-2.\n"
              "3. ADJOURNMENT"])
    assert (r.document.title, r.document.body) == ("City Council Regular Meeting Minutes", "City Council")


def test_beschluss_vom_heading_is_a_resolution_with_its_meeting_date() -> None:
    r = read(["Bezirksverordnetenversammlung Friedrichshain-Kreuzberg\nDrucksache DS/0815/VI\nBeschluss vom 20.06.2023\n"
              "Betreff: Freie Software im Bezirksamt\n"
              "Die BVV hat in ihrer Sitzung am 20.06.2023 beschlossen: Das Bezirksamt wird ersucht, Freie Software zu nutzen."])
    assert (r.document.municipality, r.document.document_type) == ("Berlin", "resolution")
    assert (r.decisions[0].date, r.decisions[0].outcome) == (dt.date(2023, 6, 20), "adopted")


# --- votes and results in tables ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("result", "votes"), [
    ("Abstimmungsergebnis: Ja 30 Nein 8 Enthaltung 2", (30, 8, 2)),
    ("Abstimmungsergebnis:\nJa-Stimmen: 30\nNein-Stimmen: 8\nEnthaltungen: 2", (30, 8, 2)),
    ("Abstimmung: dafür: 30 dagegen: 8 Enthaltungen: 2", (30, 8, 2)),
    ("Zustimmung: 30, Ablehnung: 8, Enthaltung: 2", (30, 8, 2)),
    ("Abstimmungsergebnis: einstimmig", None),
])
def test_vote_table_forms_give_outcome_and_counts(result: str, votes: tuple[int, int, int] | None) -> None:
    r = read(["Stadt Musterstadt\nNiederschrift\nüber die 12. Sitzung des Rates der Stadt Musterstadt am 04.03.2024\n"
              f"TOP 1 Open-Source-Strategie\nDrucksache 0815/2023\n{result}\nTOP 2 Verschiedenes\nKeine Wortmeldungen."])
    d = r.decisions[0]
    assert d.outcome == "adopted"
    assert (None if d.votes is None else (d.votes.yes, d.votes.no, d.votes.abstain)) == votes


def test_proposed_resolution_named_in_the_minutes_sentence_is_the_outcome_not_a_request() -> None:
    r = read(["Stadt Musterstadt\nNiederschrift\nüber die 12. Sitzung des Rates der Stadt Musterstadt am 04.03.2024\n"
              "TOP 1 Spielplatz\nBeschlussvorschlag: Der Rat beschließt die Sanierung.\n"
              "Der Beschlussvorschlag wird bei 2 Gegenstimmen angenommen.\n"
              "TOP 2 Radweg\nBeschlussvorschlag: Der Rat beschließt den Radweg.\nDer Rat stimmt dem Beschlussvorschlag einstimmig zu.\n"
              "TOP 3 Bericht\nDer Stadtrat nimmt Kenntnis.\n"
              "TOP 4 Bank\nBeschlussempfehlung: Zustimmung"])
    assert [d.outcome for d in r.decisions] == ["adopted", "adopted", "noted", "unknown"]


def test_english_vote_line_with_dash_counts() -> None:
    r = read(["City of Springfield\nCity Council Regular Meeting Minutes\nOctober 26, 2022\n1. BUDGET AMENDMENT\n"
              "Motion by Smith, second by Jones. Vote: 4-1.\n2. ADJOURNMENT\nThe meeting adjourned at 9 pm."])
    d = r.decisions[0]
    assert (d.outcome, d.votes.yes if d.votes else None, d.votes.no if d.votes else None) == ("adopted", 4, 1)


def test_meeting_date_after_the_body_is_not_part_of_its_name() -> None:
    r = read(["Ville de Coulon\nCompte rendu\nRéunion du Conseil Municipal du 12 juillet 2023\n1. Approbation du procès-verbal\n"
              "Adopté à l'unanimité\n2. Questions diverses\nAucune question."])
    assert (r.document.body, r.document.date) == ("Conseil Municipal", dt.date(2023, 7, 12))


def test_us_boards_are_bodies() -> None:
    r = read(["Town of Arlington\nSelect Board\nMeeting Minutes\nMonday, March 6th, 2023\n1. Call to order\n2. Adjourn"])
    assert (r.document.body, r.document.title, r.document.date) == ("Select Board", "Select Board Meeting Minutes",
                                                                     dt.date(2023, 3, 6))


def test_press_release_reporting_a_decision_with_a_named_date_is_adopted() -> None:
    r = read(["Landeshauptstadt Dresden\nMedieninformation\n16. Dezember 2022\nStadtrat beschließt Open-Source-Strategie\n"
              "Der Stadtrat hat am 15. Dezember 2022 die Open-Source-Strategie der Stadt beschlossen."])
    assert (r.document.document_type, r.decisions[0].outcome) == ("press_release", "adopted")


def test_references_with_letters_and_cited_older_references() -> None:
    from ratsradar.extraction.references import find_reference

    assert find_reference("Vorlage Nr. OVA/012/2023") == "OVA/012/2023"
    assert find_reference("Bezug: Drucksache 1234/2019 vom 12.03.2019\nVorlage Nr. 0456/2023") == "0456/2023"
    assert find_reference("Sachstand (vgl. Drucksache 1234/2019)") is None


def test_number_of_a_motion_or_proposal_a_letter_cites_was_taken_as_its_reference() -> None:
    statement = read(["""Stadtteilbeirat Büchenbach Erlangen, den 18.3.2023
Stellungnahme zum Antrag des Stadtteilbeirats Innenstadt 132/2022 Abstimmungsprozess
mit Verwaltung
Sehr geehrte Mitglieder des Stadtrates,
in seiner öffentlichen Sitzung hat der Stadtteilbeirat Innenstadt den
Antrag 132/2022 zu einem besseren Abstimmungsprozess mit der Verwaltung gestellt."""])
    assert statement.document.reference is None
    motion = read(["""Stadtteilbeirat Büchenbach
Antrag: Änderung der Vorzugstrasse auf den Adenauerring
Der Stadtteilbeirat Büchenbach stellt folgenden Antrag:
- Vom Stadtrat wurde die Trasse im Raumordnungsverfahren am 29.05.2020 mit Vorlage VI/191/2019 beschlossen.
- Die Vorzugstrasse soll auf den Adenauerring verlegt werden."""])
    assert motion.document.reference is None


def test_report_taken_note_of_is_noted_but_a_proposal_asking_for_it_is_not() -> None:
    text = ("Freie und Hansestadt Hamburg\nBezirksversammlung Altona\n{kind}\nDatum: 07.07.2023\n"
            "Betreff: Stand der Einführung offener Dokumentformate\nSeit dem 01.01.2023 werden Dokumente im ODF ausgetauscht.\n"
            "Die Bezirksversammlung nimmt den Bericht zur Kenntnis.")
    report = read([text.format(kind="Mitteilungsvorlage")])
    assert (report.document.document_type, report.decisions[0].outcome) == ("report", "noted")
    proposal = read([text.format(kind="Beschlussvorlage")])
    assert (proposal.document.document_type, proposal.decisions[0].outcome) == ("proposal", "unknown")


def test_decision_of_another_body_or_an_earlier_one_quoted_in_a_proposal_is_not_its_outcome() -> None:
    proposal = """Stadt Musterstadt
Beschlussvorlage
Drucksache Nr.: 0815/2023
Datum: 01.02.2023
Beratungsfolge
Rat der Stadt Musterstadt 02.03.2023 Entscheidung
Betreff: Einführung von LibreOffice in der Verwaltung
Sachverhalt:
{history}
Beschlussvorschlag:
Der Rat beschließt die Umstellung auf LibreOffice."""
    for history in ("Der Ausschuss für Digitales hat in seiner Sitzung am 14.12.2022 einstimmig beschlossen, eine Prüfung "
                    "in Auftrag zu geben.",
                    "Der Hauptausschuss hat die Vorlage am 14.02.2023 einstimmig abgelehnt.",
                    "Der Rat hat am 12.03.2019 die Open-Source-Strategie beschlossen."):
        r = read([proposal.format(history=history)])
        assert r.decisions[0].outcome == "unknown", history
    # the result written onto the proposal after its own meeting still counts
    decided = read([proposal.format(history="Keine.") + "\nDer Rat der Stadt Musterstadt hat am 02.03.2023 einstimmig beschlossen."])
    assert decided.decisions[0].outcome == "adopted"
    motion = read(["Stadt Musterstadt\nAntrag der SPD-Fraktion\nMusterstadt, 05.05.2022\nBetreff: Open-Source-Strategie\n"
                   "Der Stadtrat möge beschließen: Die Verwaltung erarbeitet eine Open-Source-Strategie.\n"
                   "Begründung: Der Bundestag hat beschlossen, Open Source zu fördern."])
    assert (motion.decisions[0].body, motion.decisions[0].outcome) == ("Stadtrat", "unknown")


def test_meeting_date_on_the_line_after_the_meeting_is_the_items_date_not_the_documents() -> None:
    r = read(["Stadt Musterstadt\nMusterstadt, 02.03.2020\nEinladung\nzur Sitzung des Stadtrates\n"
              "am Dienstag, 10. März 2020, 18:00 Uhr\nTagesordnung\n1. Haushalt 2020\n2. Bebauungsplan Nr. 12"])
    assert r.document.date == dt.date(2020, 3, 2)
    assert {d.date for d in r.decisions} == {dt.date(2020, 3, 10)}


def test_us_agenda_in_capitals_names_city_body_and_meeting() -> None:
    r = read(["CITY OF PALO ALTO\nCITY COUNCIL\nSPECIAL MEETING AGENDA\nMonday, June 5, 2023\n5:00 PM\n"
              "1. Open Source Software Policy\n2. Adjournment"])
    doc = r.document
    assert (doc.municipality, doc.document_type, doc.body) == ("Palo Alto", "invitation", "City Council")
    assert doc.title == "CITY COUNCIL SPECIAL MEETING AGENDA"


def test_french_minutes_votes_deferrals_and_withdrawals() -> None:
    r = read(["Ville de Coulon\nCompte rendu\nRéunion du Conseil Municipal du 12 juillet 2023\n"
              "1. Budget supplémentaire\nVote : Pour : 12 Contre : 2 Abstention : 1\nAdopté à la majorité.\n"
              "2. Cession d'un terrain\nLe point est reporté à une séance ultérieure.\n"
              "3. Tarifs de la cantine\nLa délibération est retirée de l'ordre du jour.\n"
              "4. Compte administratif\nLe résultat de fonctionnement est reporté sur l'exercice suivant.\nAdopté à l'unanimité."])
    assert [d.outcome for d in r.decisions] == ["adopted", "deferred", "withdrawn", "adopted"]
    assert r.decisions[0].votes is not None and (r.decisions[0].votes.yes, r.decisions[0].votes.no) == (12, 2)



def test_minutes_confirmed_after_a_meeting_number_with_a_full_stop_were_unknown() -> None:
    r = read(["MEETING MINUTES TEMPLATE & SAMPLE:\nAce Consulting Group\nNo: 13-27/8/2008\nLocation: Ann's place\n"
              "Confirmation of minutes: ______________________________\n"
              "Minutes: Meeting No. 12-24/8/2007 confirmed.\nProceedings: Martin's status report read in his absence.\n"
              "Ann has confirmed the introduction to the report done.\n"
              "Concerns: the group is concerned that George has withdrawn from the subject without telling us.\n"
              "Actions: Ann and Val to work on completing the draft report by Thursday."])
    assert r.document.document_type == "minutes"
    assert [(d.outcome, d.votes) for d in r.decisions] == [("adopted", None)]


def test_motion_the_board_raises_inside_an_item_with_a_count_or_unanimously_was_unknown() -> None:
    r = read(["Stadt Erlangen\nNiederschrift\nThema: 2. Sitzung des Stadtteilbeirates Büchenbach\n"
              "TOP 1: Städtische Jugendsozialarbeit\nFrau Sand berichtet über die Arbeit der Jugendsozialarbeit.\n"
              "Daraufhin stellt der Stadtteilbeirat Büchenbach einstimmig folgenden Antrag:\n"
              "Die KW-Vermerke bei der mobilen Jugendsozialarbeit sollen gestrichen werden.\n"
              "TOP 2: Anfragen aus der Bevölkerung\n"
              "Frau Mürbeth berichtet, dass der Stadtteilbeirat sich wünscht, dass schriftliche Anträge gestellt werden dürfen.\n"
              "Der Stadtteilbeirat stellt mit 8 zu 0\nStimmen folgenden Antrag:\n"
              "Antrag zu „Beschlussfähigkeit ohne Sitzungsöffentlichkeit“\n"
              "Hilfsweise beantragen wir einen Beschluss des Stadtrats."])
    got = [(d.title, d.outcome, (v.yes, v.no, v.abstain) if (v := d.votes) else None) for d in r.decisions]
    assert got == [("Städtische Jugendsozialarbeit", "adopted", None),
                   ("Anfragen aus der Bevölkerung", "adopted", (8, 0, 0))], got



def test_french_results_read_without_their_accents_by_ocr_were_unknown() -> None:
    # an English/German OCR of a French page drops the accents: "Adopte a l'unanimite", "Rejete", "retiree", "ajourne"
    r = read(["Ville de Coulon\nCompte rendu\nRéunion du Conseil Municipal du 12 juillet 2023\n"
              "1. Budget supplementaire\nAdopte a l'unanimite.\n"
              "2. Cession d'un terrain\nRejete a la majorite.\n"
              "3. Tarifs de la cantine\nLa deliberation est retiree de l'ordre du jour.\n"
              "4. Convention avec l'association\nLe point est reporte a une seance ulterieure.\n"
              "5. Subvention au comite des fetes\nLe conseil municipal, a l'unanimite, DECIDE d'attribuer la subvention."])
    assert [d.outcome for d in r.decisions] == ["adopted", "rejected", "withdrawn", "deferred", "adopted"]



def test_bavarian_vote_formula_n_gegen_m_stimmen_was_not_counted() -> None:
    r = read(["Stadt Erlangen\nNiederschrift\nThema: 3. Sitzung des Stadtteilbeirates Büchenbach\n"
              "TOP 1: Verkehrsberuhigung Odenwaldallee\nDer Stadtteilbeirat beschließt mit 8 gegen 2 Stimmen:\n"
              "Die Verwaltung wird gebeten, Tempo 30 zu prüfen.\n"
              "TOP 2: Spielplatz am Holzweg\nDer Antrag wird beraten.\nAbstimmungsergebnis: 10 gegen 1\n"
              "TOP 3: Stadtteilfest\nDer Stadtteilbeirat stimmt mit 9 gegen 0 Stimmen bei 1 Enthaltung zu."])
    got = [(d.outcome, (v.yes, v.no, v.abstain) if (v := d.votes) else None) for d in r.decisions]
    assert got == [("adopted", (8, 2, 0)), ("adopted", (10, 1, 0)), ("adopted", (9, 0, 1))], got



def test_results_stated_with_separable_verbs_or_denials_were_unknown() -> None:
    # "lehnt ... ab", "zieht ... zurück", "beschließt einstimmig:"; "denied", "pulled from the agenda"; "rejette"
    r = read(["Stadt Musterstadt\nNiederschrift\nüber die Sitzung des Bauausschusses am 3. März 2021\n"
              "TOP 1: Bauvoranfrage Hauptstraße 4\nDer Bauausschuss lehnt die Bauvoranfrage einstimmig ab.\n"
              "TOP 2: Antrag der Fraktion X auf Tempo 30\nDer Antragsteller zieht den Antrag zurück.\n"
              "TOP 3: Satzung über Stellplätze\nBeschluss: Der Bauausschuss beschließt einstimmig: Die Satzung wird erlassen.\n"
              "TOP 4: Verschiedenes\nFrau X lehnt sich an das Konzept an und berichtet."])
    assert [d.outcome for d in r.decisions] == ["rejected", "withdrawn", "adopted", "unknown"]
    r = read(["CITY OF SPRINGFIELD\nPLANNING COMMISSION\nREGULAR MEETING MINUTES\nMarch 3, 2021\n"
              "1. Variance request for 12 Oak Street\nThe motion was denied.\n"
              "2. Rezoning of Elm Street parcels\nItem pulled from the agenda."])
    assert [d.outcome for d in r.decisions] == ["rejected", "withdrawn"]
    r = read(["Ville de Coulon\nCompte rendu\nRéunion du Conseil Municipal du 12 juillet 2023\n"
              "1. Vente du terrain communal\nLe conseil municipal rejette la proposition d'achat.\n"
              "2. Budget supplémentaire\nAdopté à l'unanimité."])
    assert [d.outcome for d in r.decisions] == ["rejected", "adopted"]



def test_agenda_headings_top_oe_zu_punkt_der_tagesordnung_point_n_and_letters_were_not_items() -> None:
    # "TOP Ö 1" (a council information system's public item), "Zu Punkt 2 der Tagesordnung:", "Point n° 1 :",
    # and an English agenda lettered "A." "B." "C."
    r = read(["Gemeinde Musterdorf\nNiederschrift\nüber die Sitzung des Gemeinderates am 3. März 2021\n"
              "TOP Ö 1 Genehmigung der Niederschrift\nDie Niederschrift wird einstimmig genehmigt.\n"
              "TOP Ö 2 Bebauungsplan Nr. 12\nDer Gemeinderat lehnt den Entwurf ab."])
    assert [(d.title, d.outcome) for d in r.decisions] == [("Genehmigung der Niederschrift", "adopted"),
                                                          ("Bebauungsplan Nr. 12", "rejected")]
    r = read(["Gemeinde Musterdorf\nNiederschrift\nüber die Sitzung des Gemeinderates am 3. März 2021\n"
              "Zu Punkt 1 der Tagesordnung: Haushalt 2021\nDer Haushalt wird beschlossen.\n"
              "Zu Punkt 2 der Tagesordnung: Schulweg\nDer Punkt wird vertagt."])
    assert [(d.title, d.outcome) for d in r.decisions] == [("Haushalt 2021", "adopted"), ("Schulweg", "deferred")]
    r = read(["Ville de Coulon\nProcès-verbal\nRéunion du Conseil Municipal du 12 juillet 2023\n"
              "Point n° 1 : Budget primitif\nAdopté à l'unanimité.\nPoint n° 2 : Tarifs de la cantine\nRejeté."])
    assert [(d.title, d.outcome) for d in r.decisions] == [("Budget primitif", "adopted"), ("Tarifs de la cantine", "rejected")]
    r = read(["CITY OF SPRINGFIELD\nPLANNING COMMISSION\nREGULAR MEETING MINUTES\nMarch 3, 2021\n"
              "A. CALL TO ORDER\nThe meeting was called to order at 7:00 pm.\nB. ROLL CALL\nAll commissioners present.\n"
              "C. APPROVAL OF MINUTES\nThe minutes of February 3, 2021 were approved 5-0."])
    assert [d.title for d in r.decisions] == ["CALL TO ORDER", "ROLL CALL", "APPROVAL OF MINUTES"]
    assert r.decisions[2].outcome == "adopted"



@pytest.mark.parametrize(("text", "votes"), [
    ("Abstimmungsergebnis: 9/2/1", (9, 2, 1)),
    ("Der Antrag wird mit 9 Stimmen bei 2 Gegenstimmen und 1 Enthaltung angenommen.", (9, 2, 1)),
    ("Motion to approve. Ayes - 5, Noes - 0, Absent - 2", (5, 0, 0)),
    ("Motion to approve. Yeas 6, Nays 1", (6, 1, 0)),
    ("The motion passed on a 6 to 1 vote.", (6, 1, 0)),
    ("Vote : Pour 15 – Contre 2 – Abstention 1. Adopté.", (15, 2, 1)),
    ("Adopté à l'unanimité des membres présents (15 voix).", (15, 0, 0)),
])
def test_vote_counts_in_slashes_against_counts_dashes_and_words_were_not_counted(text: str, votes: tuple[int, int, int]) -> None:
    r = read([f"Stadt Musterstadt\nNiederschrift\nüber die Sitzung des Stadtrates am 3. März 2021\nTOP 1: Haushalt\n{text}\n"
              "TOP 2: Sonstiges\nKeine Wortmeldungen."])
    d = r.decisions[0]
    assert d.outcome == "adopted" and d.votes is not None and (d.votes.yes, d.votes.no, d.votes.abstain) == votes


# --- French agendas, procès-verbaux and délibérations ------------------------------------------------------------
def test_french_ordre_du_jour_numbered_with_parentheses_was_read_as_one_item() -> None:
    # "1)" numbering, section headings between the items, a heading over a full line and more, a table rule before a
    # title ("13) |"), and two numbers printed before their two titles ("20)" "21)")
    r = read(["VILLE DE CHELLES\nDirection Juridique\nMairie : 01 64 72 85 26\nChelles, le 8 décembre 2021\nINVITATION\n"
              "J'ai le plaisir de vous convier à la prochaine séance du Conseil Municipal qui se tiendra :\n"
              "MARDI 14 DECEMBRE 2021 A 18 HEURES 30\nORDRE DU JOUR\n"
              "Conseil municipal\n"
              "1) Approbation du compte rendu du Conseil municipal du 23 novembre 2021\n"
              "Coopération intercommunale\n"
              "2) Présentation du rapport annuel du Président de la Communauté d'Agglomération sur le prix et la qualité du service public de l'assainissement pour\n"
              "l'exercice 2020\n"
              "Finances\n"
              "3) | Convention de partenariat entre la Communauté d'agglomération et la Commune\n"
              "Petite enfance\n4)\n5)\n"
              "Modification du règlement intérieur des services multi accueil\n"
              "Modification du règlement intérieur du service d'accueil familial\n"
              "6) Budget primitif 2022"])
    assert r.document.document_type == "invitation"
    titles = [d.title for d in r.decisions]
    assert len(titles) == 6, titles
    assert titles[0] == "Approbation du compte rendu du Conseil municipal du 23 novembre 2021"
    assert titles[1].startswith("Présentation du rapport annuel") and titles[1].endswith("pour l'exercice 2020")
    assert titles[2].startswith("Convention de partenariat")
    assert titles[3:5] == ["Modification du règlement intérieur des services multi accueil",
                           "Modification du règlement intérieur du service d'accueil familial"]
    assert r.document.date == dt.date(2021, 12, 8)
    assert {d.date for d in r.decisions} == {dt.date(2021, 12, 14)}


PROCES_VERBAL = [
    "Séance publique\ndu jeudi 28 octobre 2021\nPROCES VERBAL\n"
    "L'an deux mille vingt et un, le 28 octobre, les conseillers communautaires de Roannais Agglomération se sont "
    "réunis à Roanne.\n"
    "1. Exercice des pouvoirs délégués au Président et au bureau – Compte-rendu.\n"
    "N° DP 2021-312 du 15 septembre 2021 - Espaces naturels - Convention\n"
    "Le Conseil communautaire prend acte des décisions du Président.\n"
    "2. Décision modificative - Exercice 2021 – Budget annexe - Aménagement de zones d'activités -\nDM4\n"
    "Jacques Troncy présente la décision modificative.\n"
    "001 Résultat d'investissement reporté 2 984 608,60\n"
    "10 - Dotations, fonds divers 150 000,00\n"
    "Le Conseil communautaire, après en avoir délibéré, avec 74 voix pour, 2 contre et 3 abstentions :\n"
    "- approuve la décision modificative.\n"
    "3. Modification du tableau des effectifs et modalités de recrutement des contractuels, des\n"
    "apprentis et des vacataires\n"
    "Le Conseil communautaire, après en avoir délibéré à l'unanimité :\n- approuve la modification.\n"
    "4. Office de Tourisme – Convention d'objectifs\n"
    "Ce projet de délibération est reporté au conseil du 25 novembre prochain car il manque des éléments.",
]


def test_french_proces_verbal_was_one_item_of_unknown_type() -> None:
    # headings ending with a full stop, a heading whose last line is "DM4", a budget row numbered like a heading
    r = read(PROCES_VERBAL)
    doc = r.document
    assert (doc.document_type, doc.body, doc.date) == ("minutes", "Conseil communautaire", dt.date(2021, 10, 28))
    titles = [d.title for d in r.decisions]
    assert titles == [
        "Exercice des pouvoirs délégués au Président et au bureau – Compte-rendu",
        "Décision modificative - Exercice 2021 – Budget annexe - Aménagement de zones d'activités - DM4",
        "Modification du tableau des effectifs et modalités de recrutement des contractuels, des apprentis et des vacataires",
        "Office de Tourisme – Convention d'objectifs",
    ]
    assert [d.outcome for d in r.decisions] == ["noted", "adopted", "adopted", "deferred"]



def test_french_deliberation_taking_note_among_its_decisions_was_noted_not_adopted() -> None:
    # "prend acte" as the first of the council's decisions ("- retient ...", "- dit que ...") is part of an adopted
    # délibération; a council that only takes note of the President's decisions has noted them
    r = read(["Séance publique\ndu jeudi 28 octobre 2021\nPROCES VERBAL\n"
              "1. Exercice des pouvoirs délégués au Président – Compte-rendu.\n"
              "Le Conseil communautaire prend acte des décisions du Président.\n"
              "2. Rapport définitif de la Commission Locale d'Evaluation des Charges Transférées\n"
              "Considérant que la commission a rendu son rapport définitif ;\n"
              "Le Conseil communautaire, après en avoir délibéré à l'unanimité :\n"
              "- prend acte du rapport définitif de la Commission,\n"
              "- retient la procédure dérogatoire de fixation dite libre des attributions de compensation ;\n"
              "- dit que le montant des charges transférées s'élève à 77 500 euros."])
    assert [d.outcome for d in r.decisions] == ["noted", "adopted"]



@corpus_test
@pytest.mark.parametrize(("rel", "item", "outcome", "votes"), [
    ("fr-council-minutes-alberto-lorente/Raptor__0._old__Pre-Data_Days__MINI-PDF-mining__meeting-minutes-sample.pdf",
     0, "adopted", None),
    ("erlangen-sbr-buechenbach/SBR__2020-10-20_Niederschrift_1023550012_-_-_STBR_Buechenbach_2020-2026_-_Niederschrift_"
     "2_Sitzung_STBR_Buechenbach_-_05112020.pdf", 2, "adopted", (8, 0, 0)),
    ("erlangen-sbr-buechenbach/SBR__2025-03-11_Niederschrift_Niederschrift_1_Sitzung_Buechenbach.pdf", 0, "adopted", None),
    ("fr-council-minutes-alberto-lorente/Raptor__example.pdf", 15, "adopted", None),
])
def test_outcomes_of_corpus_minutes_confirmed_raised_or_deciding_beyond_taking_note(
        rel: str, item: int, outcome: str, votes: tuple[int, int, int] | None) -> None:
    d = corpus(rel).decisions[item]
    assert (d.outcome, (d.votes.yes, d.votes.no, d.votes.abstain) if d.votes else None) == (outcome, votes)


def test_french_votes_voix_pour_contre_abstentions_before_a_colon_were_not_counted() -> None:
    r = read(PROCES_VERBAL)
    votes = r.decisions[1].votes
    assert votes is not None and (votes.yes, votes.no, votes.abstain) == (74, 2, 3)
    assert r.decisions[2].votes is None  # "à l'unanimité" gives no count


def test_numbered_sentences_of_one_decision_are_not_agenda_items() -> None:
    r = read(["Stadt Musterstadt\nNiederschrift\nüber die Sitzung des Stadtrates am 3. März 2021\n"
              "Der Stadtrat beschließt:\n1. Der Stadtrat stimmt dem Konzept zu.\n"
              "2. Die Verwaltung wird beauftragt, den Plan umzusetzen.\nAbstimmungsergebnis: einstimmig"])
    assert len(r.decisions) == 1


def test_french_deliberation_title_below_the_prefecture_stamp_and_numbered_heading() -> None:
    r = read(["Envoyé en préfecture le 27/03/2024\nReçu en préfecture le 27/03/2024\nPublié le 28/03/2024\n"
              "ID : 074-217402783-20240325-DEL2024_22-DE\n"
              "DELIBERATION DU CONSEIL MUNICIPAL N° DEL2024_22\n"
              "DEFINITION DES ZONES D'ACCELERATION POUR LES ENERGIES RENOUVELABLES SUR LE TERRITOIRE COMMUNAL\n"
              "Le 25 mars 2024, le conseil municipal de la commune de THYEZ s'est réuni en session ordinaire en\n"
              "mairie en salle du conseil, sous la présidence de M. le Maire.\n"
              "Date de convocation du conseil municipal : 19 mars 2024\n"
              "Le Conseil municipal, après en avoir délibéré, à l'unanimité :\n- approuve les zones d'accélération."])
    doc = r.document
    assert (doc.document_type, doc.reference, doc.body) == ("resolution", "DEL2024_22", "Conseil municipal")
    assert doc.title == "DEFINITION DES ZONES D'ACCELERATION POUR LES ENERGIES RENOUVELABLES SUR LE TERRITOIRE COMMUNAL"
    d = r.decisions[0]
    assert (d.date, d.outcome, d.reference) == (dt.date(2024, 3, 25), "adopted", "DEL2024_22")


def test_cited_deliberation_number_in_an_item_is_not_its_reference() -> None:
    r = read(PROCES_VERBAL[:1])
    assert r.decisions[0].reference is None or not r.decisions[0].reference.startswith("DEL")



def _extract_page(ref: str, voters: str, title: str, text: str, decision: str) -> list[str]:
    """One extract of a French council's register: the vote box, the heading, the session's preamble, the title in
    capitals, the text and the decision; its closing formula on a second page."""
    return [f"NOMBRE DE MEMBRES\nEn exercice : 17\nPrésents : 12\nVotants : 14\nNombre de suffrages exprimés :\n{voters}\n"
            f"Date de convocation\n16/05/2024\nref : {ref}\nVote : à l'unanimité\n"
            "DELIBERATION\nDU CONSEIL MUNICIPAL\nSéance du 22/05/2024\n"
            "L'an 2024 et le 22 mai à 18 heures 30 minutes, le Conseil Municipal de la\n"
            "commune de MARMAGNE, régulièrement convoqué, s'est réuni au nombre prescrit par la loi.\n"
            "Etaient présents :\nM. AMIOT Yannick, M. CHARPENTIER Franck, M. CLAIR Jean-Michel, Mme\n"
            "DA COSTA Bettina, M. DENIS Alexandre, M. DUPERAT Bernard\n"
            "A été nommé comme secrétaire de séance : M. DENIS Alexandre\n\n"
            f"{title}\n\n{text}\n\n{decision}",
            "Ainsi délibéré les jours, mois et an que dessus.\nPour extrait certifié conforme.\n"
            "Fait à Marmagne, le 23 mai 2024\nCOMMUNE DE MARMAGNE"]


DELIBERATIONS = (
    _extract_page("28/24", "Pour : 14\nContre : 0\nAbstentions : 0", "TARIFS COMMUNAUX",
                  "Monsieur le Maire propose une évolution des tarifs communaux.",
                  "Après en avoir délibéré, le conseil municipal décide d'arrêter la liste des tarifs.")
    + _extract_page("29/24", "Abstentions : 0", "SIGNATURE DE LA CONVENTION DE FINANCEMENT DANS LE CADRE\n"
                    "DU FONDS D'INNOVATION PEDAGOGIQUE",
                    "En conséquence, Monsieur le Maire propose de reporter ce point à une prochaine séance.",
                    "Aprés en avoir délibéré, le conseil municipal accepte de reporter cette\n"
                    "délibération à une prochaine séance.")
    + _extract_page("30/24", "Contre : 0\nAbstentions : 1", "SIGNATURE DE LA CONVENTION D'OCCUPATION DU BOULODROME\n"
                    "MUNICIPAL DE PLEIN AIR",
                    "Monsieur le Maire donne lecture de plusieurs modifications apportées par un conseiller.",
                    "Apres en avoir delibere, le conseil municipal autorise M. le Maire à signer la convention,\n"
                    "en y incluant les modifications apportées et avec effet au 1er juin 2024.")
)


def test_bundle_of_deliberation_extracts_was_read_as_one_decision() -> None:
    # three extracts of one session's register in one file: one decision each, with the number of its vote box,
    # its title in capitals, the session's date, its outcome (adopted, deferred, adopted with the changes read out)
    # and the vote box's counts (the "Pour" count left blank: the voters less those against and abstaining)
    r = read(list(DELIBERATIONS), "delibs-22-mai-24.pdf")
    assert r.document.document_type == "resolution"
    got = [(d.reference, d.title, d.date, d.outcome) for d in r.decisions]
    assert got == [
        ("28/24", "TARIFS COMMUNAUX", dt.date(2024, 5, 22), "adopted"),
        ("29/24", "SIGNATURE DE LA CONVENTION DE FINANCEMENT DANS LE CADRE DU FONDS D'INNOVATION PEDAGOGIQUE",
         dt.date(2024, 5, 22), "deferred"),
        ("30/24", "SIGNATURE DE LA CONVENTION D'OCCUPATION DU BOULODROME MUNICIPAL DE PLEIN AIR",
         dt.date(2024, 5, 22), "amended"),
    ], got
    votes = [(v.yes, v.no, v.abstain) if (v := d.votes) else None for d in r.decisions]
    assert votes == [(14, 0, 0), (14, 0, 0), (13, 0, 1)]
    assert [d.page for d in r.decisions] == [1, 3, 5]


def test_single_deliberation_extract_takes_its_register_number_and_title() -> None:
    # only the first extract (a scan of which only the first page was read): its number, title and session date
    r = read(DELIBERATIONS[:1], "delibs-22-mai-24.pdf")
    assert [(d.reference, d.title, d.date, d.outcome) for d in r.decisions] == [
        ("28/24", "TARIFS COMMUNAUX", dt.date(2024, 5, 22), "adopted")]




def test_deliberation_members_listed_in_capitals_were_read_as_its_title() -> None:
    r = read(["REPUBLIQUE FRANCAISE\nDEPARTEMENT DU CHER\nDélibération n° 2024-12\nSéance du 14/02/2024\n"
              "L'an 2024 et le 14 février, le conseil municipal s'est réuni sous la présidence du Maire.\n"
              "Présents : MM. DUPONT, MARTIN,\nDURAND, LEFEVRE, MOREAU, PETIT\nMME LEROY\n"
              "Secrétaire de séance : M. DURAND\n"
              "BUDGET PRIMITIF 2024 : TARIFS, REDEVANCES ET DROITS DIVERS, ANNEE 2024\n"
              "Le Maire présente le budget.\nAprès en avoir délibéré, le conseil municipal adopte le budget."])
    assert [(d.reference, d.title, d.date) for d in r.decisions] == [
        ("2024-12", "BUDGET PRIMITIF 2024 : TARIFS, REDEVANCES ET DROITS DIVERS, ANNEE 2024", dt.date(2024, 2, 14))]



def test_deliberation_numbered_n_dordre_dated_in_words_with_its_object_on_the_next_line() -> None:
    # two extracts: "N° d'ordre : 2024-07", "Séance ordinaire du mercredi 22 mai 2024", "Objet :" alone on its line
    pages = [f"COMMUNE DE SAINT-MARTIN\nEXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL\nN° d'ordre : {ref}\n"
             "Séance ordinaire du mercredi 22 mai 2024\nEtaient présents : M. Dupont, Mme Leroy\nObjet :\n"
             f"{title}\nAprès en avoir délibéré, le conseil municipal approuve."
             for ref, title in (("2024-07", "Tarifs de la cantine scolaire"), ("2024-08", "Subvention au comité des fêtes"))]
    r = read(pages)
    assert [(d.reference, d.title, d.date, d.outcome) for d in r.decisions] == [
        ("2024-07", "Tarifs de la cantine scolaire", dt.date(2024, 5, 22), "adopted"),
        ("2024-08", "Subvention au comité des fêtes", dt.date(2024, 5, 22), "adopted")]



@corpus_test
def test_bundle_of_deliberation_extracts_in_the_marmagne_scan() -> None:
    # the tests OCR one page per file: the first of the nine extracts is read, with its box's number and counts
    r = corpus("fr-council-minutes-alberto-lorente/Raptor__Evaluation_data__Solved_PDFs__"
               "a7f4c9d0d7c8f3c9cd67b7c80beec26d9c234382_delibs-22-mai-24.pdf")
    d = r.decisions[0]
    assert (d.reference, d.title, d.date, d.outcome) == ("28/24", "TARIFS COMMUNAUX", dt.date(2024, 5, 22), "adopted")
    assert d.votes is not None and (d.votes.yes, d.votes.no, d.votes.abstain) == (14, 0, 0)



def test_deliberation_extracts_headed_by_their_session_were_one_decision_of_minutes() -> None:
    # each extract opens with "Séance du Conseil municipal du ..." (read as minutes) before its heading
    pages = [f"Séance du Conseil municipal du 22 mai 2024\nDELIBERATION N° {ref}\n"
             "L'an 2024 et le 22 mai, le Conseil Municipal s'est réuni sous la présidence du Maire.\n"
             f"Etaient présents : M. Dupont, Mme Leroy\n{title}\nAprès en avoir délibéré, le conseil municipal {verb}."
             for ref, title, verb in (("28/24", "TARIFS COMMUNAUX", "approuve les tarifs"),
                                      ("29/24", "VENTE DU VEHICULE COMMUNAL", "rejette la vente"))]
    r = read(pages)
    assert r.document.document_type == "minutes"
    assert [(d.reference, d.title, d.date, d.outcome) for d in r.decisions] == [
        ("28/24", "TARIFS COMMUNAUX", dt.date(2024, 5, 22), "adopted"),
        ("29/24", "VENTE DU VEHICULE COMMUNAL", dt.date(2024, 5, 22), "rejected")]


def test_body_named_at_a_line_end_kept_its_dangling_article() -> None:
    # "le Conseil Municipal de la" / "commune de MARMAGNE, régulièrement convoqué": the body is the Conseil Municipal
    r = read(DELIBERATIONS[:1])
    assert r.document.body == "Conseil Municipal"
    assert [d.body for d in r.decisions] == ["Conseil Municipal"]


def test_deliberation_pages_repeating_the_heading_are_one_extract() -> None:
    # a long extract printing "EXTRAIT DU REGISTRE DES DELIBERATIONS" and its number on every page stays one decision
    pages = [f"EXTRAIT DU REGISTRE DES DELIBERATIONS\nDélibération n° 2024-045\nSéance du 12/03/2024\n{body}"
             for body in ("Objet : Rénovation de l'école\nLe conseil municipal examine le projet.",
                          "Suite du projet de rénovation.", "Après en avoir délibéré, le conseil municipal approuve le projet.")]
    r = read(pages)
    assert [(d.reference, d.title, d.date, d.outcome) for d in r.decisions] == [
        ("2024-045", "Rénovation de l'école", dt.date(2024, 3, 12), "adopted")]
    # without a number: a later page's table heading in capitals is no new extract (no preamble of a session)
    pages = ["EXTRAIT DU REGISTRE DES DELIBERATIONS\nSéance du 12/03/2024\nL'an 2024 et le 12 mars, le conseil municipal "
             "s'est réuni.\nEtaient présents : M. A, M. B\nTARIFS COMMUNAUX\nLe maire présente les tarifs.",
             "EXTRAIT DU REGISTRE DES DELIBERATIONS\nSéance du 12/03/2024\nTABLEAU DES TARIFS DE LA CANTINE\nRepas 3,50 €",
             "EXTRAIT DU REGISTRE DES DELIBERATIONS\nSéance du 12/03/2024\n"
             "Après en avoir délibéré, le conseil municipal approuve les tarifs."]
    r = read(pages)
    assert [(d.title, d.date, d.outcome) for d in r.decisions] == [("TARIFS COMMUNAUX", dt.date(2024, 3, 12), "adopted")]


# --- English agendas -----------------------------------------------------------------------------------------------
def test_agenda_numbered_in_roman_numerals_was_one_item_dated_by_the_notice() -> None:
    r = read(["Thursday, December 3, 2020\nPUBLIC NOTICE OF SPECIAL MEETING OF THE FINANCE COMMITTEE\n"
              "The Authority will hold a special meeting of the committee on Tuesday, December 8, 2020.\n"
              "SPECIAL MEETING OF THE FINANCE COMMITTEE MEMBERS\nTuesday, December 8, 2020\n9:00 AM\nAGENDA:\n"
              "I. Call to Order & Roll Call\nII. Review and Adoption of the Committee Meeting Minutes\n"
              "III. Presentation and Consideration of New Business Items\nIV. Other Business\nV. Public Comment\n"
              "VI. Adjournment"])
    assert [d.title for d in r.decisions] == [
        "Call to Order & Roll Call", "Review and Adoption of the Committee Meeting Minutes",
        "Presentation and Consideration of New Business Items", "Other Business", "Public Comment", "Adjournment"]
    assert r.document.date == dt.date(2020, 12, 3)
    assert {d.date for d in r.decisions} == {dt.date(2020, 12, 8)}


# --- text printed as images ----------------------------------------------------------------------------------------
def test_agenda_lines_pasted_as_images_below_a_typed_header_were_not_read() -> None:
    from ratsradar.extraction.ocr import tesseract_available

    if not tesseract_available():
        pytest.skip("Tesseract is not installed")
    data = pdfgen.header_and_text_images_pdf_bytes(
        "Einladung\nStadtteilbeirat Büchenbach\n3. Sitzung, Mittwoch, 15.10.2025, 18:30 Uhr\nÖffentliche Tagesordnung",
        ["TOP 1 Defibrillatoren retten Leben", "TOP 2 Vermüllung im öffentlichen Raum", "TOP 3 Sonstiges",
         "Erlangen, den 6. Oktober 2025"])
    r = extract_bytes(data, "einladung.pdf")
    assert r.error is None and r.text_source == "mixed"
    assert [d.title for d in r.decisions] == ["Defibrillatoren retten Leben", "Vermüllung im öffentlichen Raum", "Sonstiges"]


def test_french_unanimity_with_a_count_in_parentheses_was_not_counted() -> None:
    r = read(["Ville de Thyez\nDélibération du Conseil municipal n° 2024-22\nZones d'accélération des énergies renouvelables\n"
              "Le conseil municipal, après en avoir délibéré, et, à l'unanimité (26 voix), décide :\n- d'approuver les zones."])
    d = r.decisions[0]
    assert d.outcome == "adopted" and d.votes is not None and (d.votes.yes, d.votes.no, d.votes.abstain) == (26, 0, 0)


def test_agenda_of_a_single_numbered_item_was_not_an_item() -> None:
    r = read(["NOTICE OF MEETING\nDISTRICT COUNCIL 001\nwill hold a closed meeting\nThursday, June 1, 2023\n"
              "MEETING AGENDA\n1. Matters relating to appointment of a District Council member to fill a vacancy\n"
              "in District Council 001"])
    assert r.document.document_type == "invitation"
    assert [d.title for d in r.decisions] == [
        "Matters relating to appointment of a District Council member to fill a vacancy in District Council 001"]


# --- letters -------------------------------------------------------------------------------------------------------
def test_letter_subject_naming_a_dated_motion_was_passed_over_for_the_address_block() -> None:
    r = read(["Landeshauptstadt München\nSozialreferat\nDirektorium, BA-Geschäftsstelle Süd\nVorsitzende des BA 7\n"
              "Herrn Günter Keller\nMeindlstr. 14\n81373 München\nDatum 19.12.2016\n"
              "Antrag Nr. 14-20 } B 02870 des Bezirksausschusses des 7. Stadtbezirkes Sendling-Westpark vom 27.09.2016\n"
              "Sehr geehrter Herr Keller,\nbei dem o. g. Antrag handelt es sich um eine laufende Angelegenheit der Verwaltung."])
    assert r.document.title is not None and r.document.title.startswith("Antrag Nr. 14-20")
    assert r.document.reference == "14-20 / B 02870"  # the slash read as "}" by OCR


def test_statement_on_a_cited_motion_was_read_as_that_motion() -> None:
    # the subject sits between a cited decision and the cited motion "Antrag ... Nr. 266/2019 vom 21.10.2019"; the
    # statement states no date of its own and mentions a past meeting in a sentence
    r = read(["""Zum Beschluss des Stadtrates vom 23.04.2020
– Umgestaltung und Aufwertung der „Betonwüste“ Rudeltplatz –
Antrag des Stadtteilbeirates Büchenbach Nr. 266/2019 vom 21.10.2019
Sehr geehrter Herr Oberbürgermeister,
sehr geehrte Mitglieder des Stadtrates,
der Tagesordnungspunkt 36 in der Sitzung des Stadtrates vom 24.04.2020 wurde als
Einbringung behandelt und an den Stadtteilbeirat Büchenbach zurückverwiesen.
Der Stadtteilbeirat Büchenbach nimmt hierzu wie folgt Stellung:
1. Zu Punkt 2.3 der Niederschrift StR/004/2020 – Zeitnahe Verbesserungen
Der Stadtteilbeirat Büchenbach bittet, einen Betrag von 50.000 € anzumelden."""])
    assert r.document.document_type == "other"
    assert r.document.title == "Umgestaltung und Aufwertung der „Betonwüste“ Rudeltplatz"
    assert r.document.date is None
    assert r.document.municipality == "Erlangen"


def test_french_council_named_over_a_line_break_kept_the_dangling_de_la() -> None:
    r = read(["""DELIBERATION
DU CONSEIL MUNICIPAL
L'an 2024 et le 22 mai à 18 heures 30 minutes, le Conseil Municipal de la
commune de Marmagne, régulièrement convoqué, s'est réuni.
TARIFS COMMUNAUX
Après en avoir délibéré, le conseil municipal décide d'arrêter la liste des tarifs."""])
    assert r.document.body == "Conseil Municipal"


def test_french_invitation_letter_was_of_no_type_and_titled_by_its_salutation() -> None:
    r = read(["""Direction Juridique et Patrimoine
Chelles, le 8 décembre 2021
INVITATION
Conseil Municipal
Mesdames, Messieurs, Chers Chellois,
J'ai le plaisir de vous convier à la prochaine séance du Conseil Municipal qui se tiendra :
MARDI 14 DECEMBRE 2021 A 18 HEURES 30
Mairie de Chelles"""])
    assert (r.document.document_type, r.document.title) == ("invitation", "INVITATION Conseil Municipal")
    assert r.document.date == dt.date(2021, 12, 8)


def test_decision_a_statement_is_about_was_taken_as_its_deciding_meeting() -> None:
    r = read(["""Zum Beschluss des Stadtrates vom 23.04.2020
Umgestaltung des Marktplatzes
Sehr geehrte Mitglieder des Stadtrates,
der Stadtteilbeirat Büchenbach nimmt hierzu wie folgt Stellung: wir bitten um eine neue Planung."""])
    assert r.decisions[0].date is None


def test_meeting_a_statement_mentions_was_taken_as_its_deciding_meeting() -> None:
    r = read(["""Stellungnahme des Stadtteilbeirates zur Umgestaltung des Marktplatzes
Sehr geehrte Mitglieder des Stadtrates,
der Tagesordnungspunkt 36 in der Sitzung des Stadtrates vom 24.04.2020 wurde als
Einbringung behandelt und an den Stadtteilbeirat zurückverwiesen. Wir bitten um eine neue Planung."""])
    assert r.document.document_type == "other"
    assert r.decisions[0].date is None
    # a consultation table still dates the decision of a paper of no known type
    table = read(["Information zum Radverkehr\nBeratungsfolge\nStadtrat 12.05.2020 Entscheidung\n"
                  "Sachverhalt\nDie Radwege werden erneuert."])
    assert table.decisions[0].date == dt.date(2020, 5, 12)


def test_statement_and_citation_rules_leave_answers_and_motion_headings_alone() -> None:
    # the administration taking position answers an inquiry: no statement
    answer = read(["Bezirksvertretung Lindenthal\nSanierung des Spielplatzes im Beethovenpark\n"
                   "Zu der Anfrage der SPD-Fraktion nimmt die Verwaltung wie folgt Stellung: Der Spielplatz wird saniert."])
    assert answer.document.document_type == "inquiry"
    # a motion headed with its authors and its own date keeps that date
    motion = read(["Antrag der SPD-Fraktion vom 12.03.2020\nSanierung des Spielplatzes im Beethovenpark\n"
                   "Der Rat möge beschließen: Der Spielplatz wird saniert."])
    assert motion.document.date == dt.date(2020, 3, 12)


def test_french_party_named_monsieur_was_taken_for_a_salutation() -> None:
    # "Monsieur Patrick MICHEL, dûment habilité" names a party of a convention; the line above it is no letter subject
    r = read(["""CONVENTION DE PARTENARIAT
DANS LE CADRE DU CONTRAT DE TERRITOIRE 2022-2025
Entre
La Communauté de Communes de Hanau La Petite Pierre, représentée par son Président,
Monsieur Patrick MICHEL, dûment habilité par délibération du Conseil Communautaire,
Ci-après dénommée la Communauté de Communes"""])
    assert r.document.title != "La Communauté de Communes de Hanau La Petite Pierre, représentée par son Président"
    letter = read(["Mairie de Chelles\nChelles, le 8 décembre 2021\nObjet : Fermeture de la piscine municipale\n"
                   "Monsieur le Maire,\nnous vous informons de la fermeture."])
    assert letter.document.title == "Fermeture de la piscine municipale"


def test_stamp_read_beside_the_subject_line_after_a_column_rule_stayed_in_the_title() -> None:
    r = read(["CDU-Fraktion in der Bezirksvertretung Köln-Lindenthal\nKöln, den 09.01.2012\n"
              "Anfrage Frechener Weg – Einrichtung einer Busschleuse | fl stacte Köln\n"
              "Sehr geehrte Frau Bezirksbürgermeisterin,\nwir bitten um Auskunft."])
    assert r.document.title == "Anfrage Frechener Weg – Einrichtung einer Busschleuse"


# --- slide decks ------------------------------------------------------------------------------------------------------
SESSION_SLIDES = [
    "Stadtteilbeirat Büchenbach\nÖffentliche Sitzung 11. März 2025\n18:30 – 20:30\nMönauschule, Aula\n1",
    "Agenda\n• Städtische Jugendsozialarbeit\n• Jugendarbeit in Vereinen in Büchenbach\n• Sonstiges\n2",
    "Städtische Jugendsozialarbeit\n• Offene Angebote an drei Nachmittagen\n• Beratung in der Schule\n3",
    "Jugendarbeit in Vereinen\n• Sportvereine und Pfadfinder\n• Treffpunkte im Stadtteil\n4",
]


def test_session_slide_deck_with_an_agenda_slide_was_typed_an_invitation() -> None:
    # landscape slides of a board's public session show an agenda but invite no one: a presentation
    deck = extract_bytes(pdfgen.pdf_bytes(SESSION_SLIDES, landscape=True), "deck.pdf", ocr=False)
    assert deck.document.document_type == "other"
    assert len(deck.decisions) == 1
    # the same pages printed upright stay an invitation (the agenda heading decides as before) ...
    assert read(SESSION_SLIDES).document.document_type == "invitation"
    # ... and landscape pages that do invite someone stay one too
    inviting = [SESSION_SLIDES[0] + "\nHiermit laden wir Sie herzlich zur Sitzung ein.", *SESSION_SLIDES[1:]]
    letter = extract_bytes(pdfgen.pdf_bytes(inviting, landscape=True), "deck.pdf", ocr=False)
    assert letter.document.document_type == "invitation"
    asking = [SESSION_SLIDES[0] + "\nIch darf Sie hiermit zu dieser Sitzung einladen.", *SESSION_SLIDES[1:]]
    assert extract_bytes(pdfgen.pdf_bytes(asking, landscape=True), "deck.pdf", ocr=False).document.document_type == "invitation"
    # a slide headed "Einladung" over a picture of the invitation invites no one by itself
    pictured = [SESSION_SLIDES[0], "Einladung", *SESSION_SLIDES[1:]]
    assert extract_bytes(pdfgen.pdf_bytes(pictured, landscape=True), "deck.pdf", ocr=False).document.document_type == "other"


def test_session_slides_dated_and_headed_by_a_stadtrat_decision_they_quote() -> None:
    # the title slide's text layer lost its line breaks ("17. Nov 202218:30"); a later slide quotes a Stadtrat session
    slides = ["Stadtteilbeirat Büchenbach\nÖffentliche Sitzung 17. Nov 202218:30 – 20:30Mönau-Schule",
              "Agenda\nRudeltplatz / Hecke\nSonstiges",
              "Rudeltplatz\nDer Tagesordnungspunkt 36 in der Sitzung des Stadtrates vom 24.04.2020 wurde als Einbringung "
              "behandelt und an den Stadtteilbeirat zurückverwiesen."]
    deck = extract_bytes(pdfgen.pdf_bytes(slides, landscape=True), "deck.pdf", ocr=False)
    assert deck.document.date == dt.date(2022, 11, 17)
    assert deck.document.body == "Stadtteilbeirat Büchenbach"


# --- statements of an advisory board ----------------------------------------------------------------------------------
def test_statement_under_the_chairs_letterhead_took_that_line_for_its_title() -> None:
    # the subject follows the salutation; the chair's line above it ends with place and date
    r = read(["Stadtteilbeirat Büchenbach\nVorsitzender Günter Winkelmann Erlangen 06.05.2021\n"
              "Sehr geehrter Herr Oberbürgermeister Dr. Janik,\nsehr geehrte Mitglieder der Fraktionen,\n"
              "Erneute Stellungnahme des Stadtteilbeirates zur StUB am Rudeltplatz: Mai 2021\n"
              "Diese Stellungnahme bezieht sich auf das Lokalforum vom 22. April 2021.\n"
              "Der Stadtteilbeirat empfiehlt weiterhin einstimmig die Variante B."])
    assert r.document.document_type == "other"
    assert r.document.title == "Erneute Stellungnahme des Stadtteilbeirates zur StUB am Rudeltplatz: Mai 2021"
    # without a type word the first substantial line past the letterhead and the salutation is the title
    plain = read(["Stadtteilbeirat Büchenbach\nVorsitzender Günter Winkelmann Erlangen 06.05.2021\n"
                  "Sehr geehrter Herr Oberbürgermeister Dr. Janik,\nsehr geehrte Mitglieder der Fraktionen,\n"
                  "Zur Streckenführung der StUB am Rudeltplatz\nWir empfehlen weiterhin die Variante B."])
    assert plain.document.title == "Zur Streckenführung der StUB am Rudeltplatz"


def test_statement_subject_over_two_lines_lost_its_second_line() -> None:
    # a subject ending in "hier:" and one whose last line comes right before the salutation run on
    hier = read(["Stadtteilbeirat Büchenbach\nVorsitzender Günter Winkelmann Erlangen 19. April 2023\n"
                 "Sehr geehrter Herr Oberbürgermeister Dr. Janik,\n"
                 "Stellungnahme des Stadtteilbeirats Büchenbach zur Entsiegelung von städtischen Plätzen hier:\n"
                 "Prioritätenliste: Rudeltplatz in Kategorie H\n"
                 "In der Liste der Plätze wird der Rudeltplatz weiterhin in der Kategorie H eingestuft."])
    assert hier.document.title == ("Stellungnahme des Stadtteilbeirats Büchenbach zur Entsiegelung von städtischen "
                                   "Plätzen hier: Prioritätenliste: Rudeltplatz in Kategorie H")
    plan = read(["Stadtteilbeirat Büchenbach\nVorsitzender Günter Winkelmann\nErlangen, 07.05.2021\n"
                 "Stellungnahme des Stadtteilbeirats Büchenbach zum Bebauungsplan Nr. 199\n"
                 "Odenwaldallee; Beschlussvorlage TOP 25 im UVPA am 11.05.2021\n"
                 "Sehr geehrter Herr Oberbürgermeister,\nwir sind sehr verwundert über die Beschlussvorlage."])
    assert plan.document.title == ("Stellungnahme des Stadtteilbeirats Büchenbach zum Bebauungsplan Nr. 199 "
                                   "Odenwaldallee; Beschlussvorlage TOP 25 im UVPA am 11.05.2021")


# --- agenda items -----------------------------------------------------------------------------------------------------
def test_invitation_item_title_in_two_parts_over_two_lines_hid_both_items() -> None:
    # "1. ...;" / subtitle / "2. ...": the first heading ends with a semicolon, its subtitle on the next line
    r = read(["Einladung\nStadtteilbeirat Büchenbach\n2. Sitzung Dienstag, 19.11.2024 18:30 Uhr Mönauschule, Aula\n"
              "Öffentliche Tagesordnung - 18:30 Uhr\n1. Unser Stadtteilhaus West (Büchenbach);\n"
              "Gemeinsam Gestalten, gemeinsam Erleben\n2. Anfragen der Bürger*innen\n"
              "Ich darf Sie hiermit zu dieser Sitzung einladen.\nErlangen, den 05. November 2024"])
    assert [d.title for d in r.decisions] == [
        "Unser Stadtteilhaus West (Büchenbach); Gemeinsam Gestalten, gemeinsam Erleben", "Anfragen der Bürger*innen"]


# --- references -------------------------------------------------------------------------------------------------------
def test_motion_number_labelled_antragsnr_in_the_receipt_box_was_not_read() -> None:
    r = read(["CSU-Stadtratsfraktion Erlangen, Rathausplatz 1, 91052 Erlangen\nHerrn Oberbürgermeister\n"
              "21. Juli 2020\nAntrag\nhier: Odenwaldallee öffentliche Flächen\nSehr geehrter Herr Oberbürgermeister,\n"
              "wir beantragen deshalb, die Verwaltung möge sich mit der Gestaltung dieser Flächen beschäftigen.\n"
              "Mit freundlichen Grüßen\nAntrag gemäß § 28/ § 29 GeschO\nEingang: 21.07.2020\nAntragsnr.: 151/2020\n"
              "Zust. Referat: VI/61"])
    assert r.document.document_type == "motion"
    assert r.document.reference == "151/2020"
    assert r.decisions[0].reference == "151/2020"


# --- districts --------------------------------------------------------------------------------------------------------
def test_slides_on_a_listed_district_were_placed_in_a_village_of_its_name() -> None:
    # "Stadtteil Büchenbach" and the footer's "StBR Büchenbach 15.12.2023" name Erlangen's district (data/districts.csv),
    # not the village Büchenbach near Roth; the Beirat whose session it was is that district's
    pages = ["Soziale Entwicklung im\nStadtteil Büchenbach\nSitzung des Stadtteilbeirates am 15.11.23\n"
             "Dieter Rosner, Referent für Jugend, Familie und Soziales",
             "Aktuelle Herausforderungen\n• Multiple Krisen\n• Zunahme sozialer Ungleichheit\n"
             "Soziale Themen Büchenbach, StBR Büchenbach 15.12.2023 2"]
    r = extract_bytes(pdfgen.pdf_bytes(pages, landscape=True), "slides.pdf", ocr=False)
    assert (r.document.municipality, r.document.ags) == ("Erlangen", "09562000")
    assert r.document.body == "Stadtteilbeirat Büchenbach"
    # a district no list names is no place
    other = read(["Soziale Entwicklung im\nStadtteil Musterfeld\nAktuelle Herausforderungen in Musterfeld 15.12.2023"])
    assert other.document.municipality != "Musterfeld"


# --- dates ------------------------------------------------------------------------------------------------------------
def test_event_date_in_a_bulleted_list_was_taken_for_the_documents_date() -> None:
    r = read(["Aktivitäten für Kinder, Jugend + Familien\nAktuell:\n"
              "• Jugendtreff für Konfis, freitags, 18.30-20 Uhr, MLK UG\n"
              "• KiddieFreizeit „Mittelalter“, vom 8-12.9.25, Stierhöfstetten, Kinder von 7-12 Jahren\n"
              "• Kindergottesdienst an Karfreitag, 18.4.25, ab 11 Uhr, gr Saal\n"
              "Diakonin Kerstin Stengel"])
    assert r.document.date is None
    # a date line of its own still dates the document
    dated = read(["Aktivitäten für Kinder, Jugend + Familien\n15.03.2025\n• Kindergottesdienst an Karfreitag, 18.4.25"])
    assert dated.document.date == dt.date(2025, 3, 15)


def test_french_land_use_plan_piece_named_its_commune_only_in_the_running_header() -> None:
    pages = ["PLU DE NEUVECELLE - PADD 1\nNeuvecelle Haute-Savoie\nPLU\nrévision du PLU\n"
             "2. Projet d’Aménagement et\nde Développement Durables /\nPADD\n"
             "Vu pour être annexé à la délibération du 8 juin 2023",
             "PLU DE NEUVECELLE - PADD 2",
             "PLU DE NEUVECELLE - PADD 3\nUN MOT SUR LE PADD\nLe PADD est le document d’expression d’un projet de "
             "territoire de la commune."]
    r = read(pages)
    assert (r.document.municipality, r.document.ags) == ("Neuvecelle", None)


def test_us_printout_run_date_month_day_year_with_dashes_was_not_read() -> None:
    r = read(["For:1094N\nPage 1 SAN JOSE POLICE DEPT Date Report Run : Tue, May-24-16\nFIREARM SEARCH\n"
              "SEARCH CRITERIA: entry_date between '07/01/2012' and '05/24/2016'\nNUMBER OF RECORDS RETURNED: 983"])
    assert r.document.date == dt.date(2016, 5, 24)


# --- titles of plans and annexes ----------------------------------------------------------------------------------------
def test_drawing_title_block_labels_and_file_path_were_taken_for_the_plans_title() -> None:
    # a plan's text layer: map keys, the office, the title block's field labels and file path, then the plan's name
    r = read(["V-VII\nN\n1\nIII+D\n1:2500\nAmt für Stadtentwicklung und\nStadtplanung\n"
              "Gezeichnet: erstellt am: Bearbeitet:\n"
              "Dateipfad: I:\\A61\\Zeichner und Arbeitsdateien ab 08-2017\\Untersuchungsgebiet\\2020-08-30_Strategieplan\n"
              "Büchenbacher Achse_fsh.dwg\nStrategieplan \"Büchenbacher Achse\"\nZielsetzungen und Planungen\n31.08.2020"])
    assert r.document.title == "Strategieplan \"Büchenbacher Achse\""


def test_annex_heading_over_a_map_was_passed_over_leaving_no_title() -> None:
    r = read(["Anlage zu § 1 der Satzung der Stadt Erlangen über Orts- und Stadtteilbeiräte"])
    assert r.document.title == "Anlage zu § 1 der Satzung der Stadt Erlangen über Orts- und Stadtteilbeiräte"


def test_title_slide_exclamation_in_two_one_word_lines_lost_to_the_subtitle() -> None:
    slides = ["Büchenbach\nSCHOCKT!\nVerbesserung der Verfügbarkeit von\nöffentlichen Defibrillatoren",
              "Reanimationsversorgung\ngeht uns alle an\nERLANGEN SCHOCKT! 15.10.2025 2",
              "Wir verkürzen das\nreanimationsfreie Intervall\nERLANGEN SCHOCKT! 15.10.2025 3"]
    r = extract_bytes(pdfgen.pdf_bytes(slides, landscape=True), "slides.pdf", ocr=False)
    assert r.document.title == "Büchenbach SCHOCKT!"
    # a letterhead of two one-word lines is no headline
    letterhead = read(["Stadt\nErlangen\nVerbesserung der Verfügbarkeit von Defibrillatoren"])
    assert letterhead.document.title == "Verbesserung der Verfügbarkeit von Defibrillatoren"


# --- relevance ------------------------------------------------------------------------------------------------------
PAPER = """Creativity in Machine Learning
Martin Example
Abstract. Recent machine learning techniques can be modified to produce creative results.
He trained it on essays, all the works of Shakespeare, a 100 MB dataset of raw Wikipedia articles, the raw
LaTeX source file of a book about algebraic stacks and geometry and Linux C code.
With that training data, the models can generate similar texts.
New works which look like Shakespeare plays, new Wikipedia articles, new Linux code and new papers about
algebraic geometry can thus automatically be generated."""


def test_paper_citing_linux_code_in_passing_was_marked_a_relevant_decision() -> None:
    # pdfplumber's test file issue-982-example.pdf (a machine-learning paper): "Linux C code" and "training data"
    # made a relevant decision with a migration and a skills measure, though no council, place or body is named
    r = read([PAPER], "paper.pdf")
    assert (r.document.document_type, r.document.municipality, r.document.body) == ("other", None, None)
    assert [(d.relevant, d.measures) for d in r.decisions] == [(False, ())]


def test_a_council_text_on_linux_stays_relevant() -> None:
    # the same words in a council's proposal are a decision about free software
    r = read(["""Stadt Erlangen
Beschlussvorlage
Umstieg der Verwaltung auf Linux
Der Stadtrat beschließt, die Arbeitsplätze der Verwaltung auf Linux und freie Software umzustellen.
Die Beschäftigten erhalten Schulungen für Linux."""], "vorlage.pdf")
    assert r.document.municipality == "Erlangen"
    assert r.decisions[0].relevant and r.decisions[0].measures


@corpus_test
def test_corpus_paper_citing_linux_code_is_not_relevant() -> None:
    r = corpus("pdfplumber-tests/tests__pdfs__issue-982-example.pdf")
    assert r.document.document_type == "other" and not any(d.relevant for d in r.decisions)


def test_annex_without_letterhead_on_free_software_stays_relevant() -> None:
    # an Anlage names no place, body or reference, but it speaks of the administration: still a council matter
    r = read(["Anlage zur Vorlage\nDie Verwaltung prüft den Umstieg auf Open-Source-Software und offene Standards "
              "(ODF)."], "anlage.pdf")
    assert (r.document.document_type, r.document.municipality) == ("other", None)
    assert r.decisions[0].relevant and r.decisions[0].measures
