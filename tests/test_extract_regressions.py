"""Regression tests for traps found while labelling real council documents (each test is named after the bug).

Texts are shortened from the documents in ../shared/corpus (never copied whole); no PDF or corpus is needed.
"""

from __future__ import annotations

import datetime as dt

from ratsradar.extraction import agenda, analyse, metadata
from ratsradar.extraction.outcomes import outcome_and_votes
from ratsradar.extraction.pdf import PageText, garbled
from ratsradar.extraction.references import find_reference
from ratsradar.extraction.text import Line
from ratsradar.record import Votes


def lines_of(text: str, page: int = 1) -> list[Line]:
    return [Line(t.strip(), page) for t in text.split("\n") if t.strip()]


# --- outcomes and votes -------------------------------------------------------------------------------------------
def test_bare_einstimmig_is_not_an_adoption() -> None:
    assert outcome_and_votes("Die GRÜNE-Fraktion ist einstimmig für Erheblicherklärung.")[0] == "unknown"
    assert outcome_and_votes("Die Tagesordnung: einstimmig mehrheitlich")[0] == "unknown"


def test_discussion_item_without_decision_is_not_adopted() -> None:
    # Erlangen: a grant approved by a lottery years ago, a board that "beschließt in öffentlicher Sitzung über ..."
    text = ("Nach zweijähriger Entwicklungsphase wurde ein Antrag auf Finanzierung gestellt und im Sommer 2019 genehmigt.\n"
            "Dieser beschließt in öffentlicher Sitzung über die Verteilung der Zuschüsse.")
    assert outcome_and_votes(text) == ("unknown", None)
    assert outcome_and_votes("Laut Herrn Dr. Dees wurde noch kein Bauantrag gestellt, obwohl der Bauplan bereits genehmigt wurde.")[0] == "unknown"


def test_kenntnisnahme_result_line_is_noted() -> None:
    assert outcome_and_votes("Ergebnis: Begehung im Juli.\nBeschluss StBR: keiner, nur Kenntnisnahme")[0] == "noted"
    assert outcome_and_votes("The Planning Commission received the stipends report.")[0] == "noted"


def test_unanimous_vote_with_count_gives_votes() -> None:
    outcome, votes = outcome_and_votes("Der Stadtteilbeirat spricht sich mit 8 Stimmen einstimmig für die 3 Projekte aus.")
    assert (outcome, votes) == ("adopted", Votes(8, 0, 0))
    assert outcome_and_votes("- Einstimmige Zustimmung")[0] == "adopted"
    assert outcome_and_votes("Der Stadtteilbeirat stellt\ndaher einstimmig folgenden Antrag:\nDie Verwaltung möge ...")[0] == "adopted"


def test_roll_call_lists_are_counted() -> None:
    text = ("RESULT: APPROVED AS AMENDED [UNANIMOUS]\nMOTION BY: Garcia\nSECOND: Allen Fisk\n"
            "AYES: Garcia, Allen Fisk, Sherrard, Mashack, Brown, Bello, Mendez\nABSENT: Hernandez")
    assert outcome_and_votes(text) == ("amended", Votes(7, 0, 0))
    failed = "RESULT: FAILED [4-2-1-1]\nAYES: Sherrard, Allen Fisk, Bello, Mendez\nNAYS: Brown, Mashack\nABSTAIN: Garcia"
    assert outcome_and_votes(failed) == ("rejected", Votes(4, 2, 1))


def test_approved_motion_to_continue_defers_the_item() -> None:
    text = ("Commissioner Allen Fisk made a motion, seconded by Commissioner Bello to continue this item to the next "
            "Planning Commission Meeting. Motion approved.\nRESULT: APPROVED [UNANIMOUS]")
    assert outcome_and_votes(text)[0] == "deferred"


def test_french_resolutions_are_outcomes() -> None:
    assert outcome_and_votes("IL EST RÉSOLU À L’UNANIMITÉ\nD’APPROUVER la demande de démolition partielle")[0] == "adopted"
    assert outcome_and_votes("L’ordre du jour de la séance est adopté.")[0] == "adopted"


def test_motion_adopted_at_the_senders_own_meeting_is_no_outcome() -> None:
    text = "wir, der Stadtteilbeirat, stellen einen Antrag. Dieser wurde beschlossen bei unserer öffentlichen Sitzung am 17.11.2022."
    assert outcome_and_votes(text, strict=True)[0] == "unknown"


# --- agenda items ---------------------------------------------------------------------------------------------------
def test_thurgau_titles_drop_the_agenda_overview_suffix() -> None:
    text = """Tagesordnung
1. Amtsgelübde von Kantonsrätin Celina Hug (20/WA 88/521) Seite 5
2. Rechenschaftsbericht 2022 des Obergerichts (20/BS 55/507)
Eintreten, Detailberatung, Beschlussfassung Seite 6
3. Motion von Brigitta Engeli, Reto Ammann, Elisabeth Rickenbach, Turi
Schallenberg vom 29. Juni 2022 "Änderung des Gesetzes über die Finanzierung
von Pflegeverhältnissen" (20/MO 34/343)
Beantwortung, Diskussion, Beschlussfassung Seite 27"""
    _, items = agenda.split_agenda(lines_of(text))
    assert [i.title for i in items] == [
        "Amtsgelübde von Kantonsrätin Celina Hug (20/WA 88/521)",
        "Rechenschaftsbericht 2022 des Obergerichts (20/BS 55/507)",
        'Motion von Brigitta Engeli, Reto Ammann, Elisabeth Rickenbach, Turi Schallenberg vom 29. Juni 2022 '
        '"Änderung des Gesetzes über die Finanzierung von Pflegeverhältnissen" (20/MO 34/343)',
    ]
    assert find_reference(items[1].title) == "20/BS 55/507"


def test_capital_headings_skip_numbered_sub_items() -> None:
    text = """1. CALL TO ORDER AND ROLL CALL
2. APPROVAL OF THE AGENDA
3. PUBLIC COMMENT
4. APPROVAL OF CONSENT CALENDAR
1. Minutes of June 24
2. Planning Commission Meeting Calendar 2020
5. SPECIAL PRESENTATIONS
1. Election of Chair and Vice Chair
6. PUBLIC HEARINGS - NONE
7. INFORMATIONAL ITEMS
1. Planning Commission Stipends
2. Planning Commissioners Academy
8. ADJOURNMENT"""
    headings = agenda.find_headings(lines_of(text))
    assert [h.title for h in headings][-3:] == ["PUBLIC HEARINGS - NONE", "INFORMATIONAL ITEMS", "ADJOURNMENT"]
    assert len(headings) == 8 and "Election of Chair and Vice Chair" not in [h.title for h in headings]


def test_parenthesis_numbering_and_invitation_heading() -> None:
    _, items = agenda.split_agenda(lines_of("Ergebnis:\n1) Erläuterung Aufgaben\nText\n2) Grün Am Rudelt Platz\nText"))
    assert [i.title for i in items] == ["Erläuterung Aufgaben", "Grün Am Rudelt Platz"]
    text = "Einladung\n1. Sitzung Donnerstag, 15.06.2023 18:30 Uhr Grundschule\nÖffentliche Tagesordnung\n1. Stromversorgung\n2. Fest"
    _, items = agenda.split_agenda(lines_of(text))
    assert [i.title for i in items] == ["Stromversorgung", "Fest"]
    assert metadata.meeting_date(lines_of(text)) == dt.date(2023, 6, 15)


# --- metadata -------------------------------------------------------------------------------------------------------
def test_all_caps_place_names_are_recognised() -> None:
    muni = metadata.find_municipality(lines_of("Planning Commission Minutes Page 1 of 3\nEAST PALO ALTO\nPLANNING COMMISSION"))
    assert muni is not None and muni.name == "East Palo Alto"


def test_municipality_of_letters_without_letterhead_text() -> None:
    assert metadata.find_municipality(lines_of("Stadtteilbeirat Büchenbach Erlangen, den 16.12.2020\nAntrag: X")).name == "Erlangen"  # type: ignore[union-attr]
    # "Soziale Stadt Büchenbach Nord" is a funding programme, not a town; the postcode names the town
    text = "Stadtteilbeirat, Holzweg 7, 91056 Erlangen\nAntrag zur Erweiterung der Sozialen Stadt Büchenbach Nord"
    assert metadata.find_municipality(lines_of(text)).name == "Erlangen"  # type: ignore[union-attr]
    # a postcode followed by an OCR-truncated name is no place
    assert metadata.find_municipality(lines_of("Aachener Str. 220\n50933 Köl")) is None


def test_document_date_on_a_line_of_its_own_and_receipt_stamps() -> None:
    lines = lines_of("06.07.2023\nReferat: OBM\nNiederschrift\nBesprechung am: 15.06.2023 Beginn: 18:30 Uhr")
    assert metadata.document_date(lines, "minutes") == dt.date(2023, 7, 6)
    assert metadata.meeting_date(lines) == dt.date(2023, 6, 15)
    stamped = lines_of("Historisches Archiv\nEingang 03. Mai 2012\nBetreff: Bedarfsprüfung vom 02.05.2012")
    assert metadata.document_date(stamped, "other") == dt.date(2012, 5, 2)


def test_meeting_date_without_year_takes_the_documents_year() -> None:
    lines = lines_of("PROCÈS-VERBAL\nSéance publique tenue le 20 juin, à 16h00\navis public de démolition le 7 juin 2023")
    assert metadata.meeting_date(lines) == dt.date(2023, 6, 20)


def test_cited_reference_is_not_the_documents_own() -> None:
    assert find_reference('Stellungnahme zur Beschlussvorlage 6131/67/2022 "Umweltspur"') is None
    assert find_reference("Beschlussvorlage 6131/67/2022") == "6131/67/2022"
    assert find_reference("Résolution DM-2023-001") == "DM-2023-001"


def test_stellungnahme_is_not_a_proposal() -> None:
    lines = lines_of("Stadtteilbeirat Büchenbach Erlangen, den 7.7.2022\nStellungnahme zur Beschlussvorlage 6131/67/2022 \"Umweltspur\"")
    assert metadata.document_type(lines) == "other"
    doc, _ = analyse(("\n".join(l.text for l in lines),))
    assert doc.reference is None and doc.title is not None and doc.title.startswith("Stellungnahme zur Beschlussvorlage")


def test_district_body_is_named_and_the_city_prefix_dropped() -> None:
    text = ("CDU-Fraktion in der Bezirksvertretung Köln-Porz\nKöln, den 08.09.2008\n"
            "Betreff: Anfrage zur nächsten Sitzung der Bezirksvertretung am 23.09.2008\nhier: Radwege")
    doc, decisions = analyse((text,))
    assert (doc.municipality, doc.body) == ("Köln", "Bezirksvertretung Porz")
    assert decisions[0].date == dt.date(2008, 9, 23)


def test_greeting_is_not_part_of_the_title() -> None:
    text = "Antrag: Kurzfristige Sportentwicklungsmaßnahmen in Büchenbach\nwir, der Stadtteilbeirat Büchenbach, möchten hiermit"
    assert metadata.find_title(lines_of(text), "motion") == "Antrag: Kurzfristige Sportentwicklungsmaßnahmen in Büchenbach"


def test_beratungsfolge_without_deciding_row_is_read_again_with_layout() -> None:
    # pdfium gave the table column by column: two dated rows, neither marked as deciding
    page = ("Beschlussvorlage\nBetreff: Open-Source-Strategie\nBeratungsfolge\nAusschuss für Digitales 01.12.2022\n"
            "Rat der Stadt Dortmund 15.12.2022\nVorberatung\nEntscheidung\nBeschlussvorschlag: ...")
    layout = ("Beratungsfolge\nAusschuss für Digitales 01.12.2022 Vorberatung\n"
              "Hauptausschuss 08.12.2022 Entscheidung\nRat der Stadt Dortmund 15.12.2022 Kenntnisnahme")
    _, decisions = analyse((page,), layout=lambda index: layout)
    assert (decisions[0].body, decisions[0].date) == ("Hauptausschuss", dt.date(2022, 12, 8))


# --- text layer -----------------------------------------------------------------------------------------------------
def test_garbled_text_layer_without_image_is_ocr_candidate() -> None:
    junk = "\uf020\uf047\uf06e\uf065 \uf072\uf061 " * 10
    assert garbled(junk) and PageText(junk, has_images=False).wants_ocr
    # tables, code and other scripts are real text
    for text in ("DOCUMENT NO. DATE PAYEE NAME OBLIGATION/SERVICE DESCRIPTION 12/3/2014 11:57:01 AM " * 3,
                 "#include <linux/ckevent.h>\n#include <asm/io.h>\nint main(void) { return 0; }" * 2,
                 "东北电气发展股份有限公司 2018 年第一季度报告全文 第一节 重要提示" * 3):
        assert not garbled(text) and not PageText(text, has_images=False).wants_ocr
