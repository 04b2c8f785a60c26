"""PDFs the tests make themselves (fpdf2): council documents with known content, and scans of them.

``make_pdf(path, pages)`` writes one page per string (lines split on newlines). ``scanned=True`` renders each
page to an image and writes a PDF with no text layer, as a scanner would.
"""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def _pdf(orientation: str = "P") -> FPDF:
    pdf = FPDF(format="A4", orientation=orientation)
    pdf.set_auto_page_break(auto=True, margin=15)
    regular = FONT_DIR / "DejaVuSans.ttf"
    if regular.exists():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        pdf.set_font("DejaVu", size=11)
    else:  # core font: latin-1 only
        pdf.set_font("helvetica", size=11)
    return pdf


def _write_pages(pdf, pages: list[str]) -> bytes:  # type: ignore[no-untyped-def]
    """Each text as a page of lines (an empty line is a small gap); the PDF's bytes."""
    for text in pages:
        pdf.add_page()
        for line in text.split("\n"):
            if line.strip():
                pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.ln(4)
    return bytes(pdf.output())


def pdf_bytes(pages: list[str], *, title: str | None = None, landscape: bool = False) -> bytes:
    """One page per text; ``landscape`` prints them wider than high, as slides are."""
    pdf = _pdf("L" if landscape else "P")
    if title:
        pdf.set_title(title)
    return _write_pages(pdf, pages)


def scanned_pdf_bytes(pages: list[str], *, dpi: int = 200) -> bytes:
    """The same pages rendered to images only: a PDF without any text layer."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(pdf_bytes(pages))
    out = FPDF(format="A4")
    for i in range(len(src)):
        bitmap = src[i].render(scale=dpi / 72).to_pil().convert("L")
        buf = io.BytesIO()
        bitmap.save(buf, format="PNG")
        out.add_page()
        out.image(buf, x=0, y=0, w=210, h=297)
    src.close()
    return bytes(out.output())


def header_and_text_images_pdf_bytes(header: str, image_lines: list[str], *, dpi: int = 200) -> bytes:
    """One page: ``header`` as real text, then each of ``image_lines`` pasted in as a picture of that line of text
    (a strip one line high), as some council systems print an agenda below a typed header."""
    from PIL import Image, ImageDraw, ImageFont

    regular = FONT_DIR / "DejaVuSans.ttf"
    font = ImageFont.truetype(str(regular), size=int(11 * dpi / 72)) if regular.exists() else ImageFont.load_default()
    pdf = _pdf()
    pdf.add_page()
    for line in header.split("\n"):
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    for line in image_lines:
        width_mm, height_mm = 150, 6
        image = Image.new("L", (int(width_mm / 25.4 * dpi), int(height_mm / 25.4 * dpi)), 255)
        ImageDraw.Draw(image).text((4, 2), line, fill=0, font=font)
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        pdf.image(buf, x=pdf.l_margin, y=pdf.get_y(), w=width_mm, h=height_mm)
        pdf.ln(height_mm + 3)
    return bytes(pdf.output())


def make_pdf(path: Path, pages: list[str], *, scanned: bool = False, title: str | None = None) -> Path:
    path = Path(path)
    path.write_bytes(scanned_pdf_bytes(pages) if scanned else pdf_bytes(pages, title=title))
    return path


# Documents the tests and samples share -------------------------------------------------------------------

DORTMUND_PROPOSAL = [
    """Stadt Dortmund
Beschlussvorlage
Drucksache Nr.: 26311-22
Datum: 22.11.2022

Beratungsfolge
Rat der Stadt Dortmund   15.12.2022   Entscheidung

Betreff: Einrichtung einer Koordinierungsstelle Digitale Souveränität und Open Source

Beschlussvorschlag
Der Rat der Stadt Dortmund beschließt die Einrichtung einer Koordinierungsstelle Digitale Souveränität und
Open Source beim Chief Information Officer (CIO) im Jahr 2023.
Die Open-Source-Governance wird gemeinsam mit der KGSt als Querschnittsaufgabe entwickelt.""",
    """Begründung
Die Stadt Dortmund verfolgt seit dem Memorandum zur Digitalisierung den Grundsatz „Wo möglich, Nutzung von
Open-Source-Software“. Gemeinsam mit Berlin und München wird die Initiative Open Source Big 3 begründet.
Für die Stelle werden Haushaltsmittel in Höhe von 250.000 Euro bereitgestellt.""",
]

MINUTES_DE = [
    """Stadt Musterhausen
Niederschrift
über die 12. Sitzung des Rates der Stadt Musterhausen am 14.03.2024

TOP 1 Genehmigung der Tagesordnung
Die Tagesordnung wird einstimmig genehmigt.

TOP 2 Bebauungsplan Nr. 45 „Am Mühlbach“
Drucksache 0412/2024/BV
Der Rat beschließt den Bebauungsplan Nr. 45 als Satzung.
Abstimmungsergebnis: mit 30 Ja-Stimmen, 5 Nein-Stimmen und 2 Enthaltungen beschlossen.""",
    """TOP 3 Antrag der Fraktion Grüne: Umstellung der Verwaltung auf LibreOffice und offene Standards
Drucksache 0415/2024/AN
Der Rat beauftragt die Verwaltung, bis 2026 alle Arbeitsplätze auf LibreOffice umzustellen und
Dokumente im Open Document Format (ODF) zu speichern.
Abstimmungsergebnis: mit 21 Ja-Stimmen, 14 Nein-Stimmen und 2 Enthaltungen beschlossen.

TOP 4 Open-Source-Strategie der Stadt Musterhausen
Drucksache 0420/2024/BV
Der Tagesordnungspunkt wird vertagt.""",
]

ENGLISH_MINUTES = [
    """City of Springfield
Minutes of the City Council meeting of 26 October 2018

Item 1 Approval of the agenda
The agenda was approved unanimously.

Item 2 Open source software policy
Resolution 2018-45
The Council adopts an open source software policy: software developed with public money shall be published
under a free licence, and the city will use open standards for documents.
The motion carried with 7 votes in favour, 2 against and 0 abstentions.""",
]


# Additions for the extraction tests ---------------------------------------------------------------------------

def encrypted_pdf_bytes(pages: list[str], *, user_password: str = "geheim", owner_password: str = "owner") -> bytes:
    """The pages as a password-protected PDF (opening needs ``user_password``)."""
    pdf = _pdf()
    pdf.set_encryption(owner_password=owner_password, user_password=user_password)
    return _write_pages(pdf, pages)


def long_minutes_pages(n_pages: int = 30) -> list[str]:
    """Minutes of ``n_pages`` pages with a letterhead and footer on every page and one relevant item near the end."""
    pages = []
    for i in range(1, n_pages + 1):
        head = "Stadt Musterhausen – Der Oberbürgermeister\n" if i > 1 else (
            "Stadt Musterhausen\nNiederschrift\nüber die 20. Sitzung des Rates der Stadt Musterhausen am 05.06.2025\n")
        body = (f"TOP {i} Bauangelegenheit Nr. {i}\nDrucksache {1000 + i}/2025/BV\n"
                + "Die Verwaltung erläutert die Vorlage ausführlich. Es folgt eine lange Aussprache über Details. " * 12
                + "\nDer Rat beschließt die Vorlage einstimmig.\n")
        if i == n_pages - 1:
            body = (f"TOP {i} Einführung von Nextcloud und openDesk in der Verwaltung\nDrucksache {1000 + i}/2025/AN\n"
                    "Der Rat beauftragt die Verwaltung, Nextcloud und openDesk in einer souveränen Cloud im eigenen "
                    "Rechenzentrum zu betreiben.\nAbstimmungsergebnis: mit 25 Ja-Stimmen, 10 Nein-Stimmen und "
                    "1 Enthaltung beschlossen.\n")
        pages.append(head + body + f"\nSeite {i} von {n_pages}")
    return pages


MOTION_DE = [
    """Fraktion Die Grünen im Stadtrat Erlangen
An den Oberbürgermeister der Stadt Erlangen
Erlangen, 03.02.2023

Antrag zur Sitzung des Stadtrates am 23.03.2023
Betreff: Rückkehr zu Freier Software prüfen

Der Stadtrat möge beschließen:
Die Verwaltung wird beauftragt zu prüfen, ob die Verwaltung wieder LibreOffice statt Microsoft Office
einsetzen kann. Einstimmig mehrheitlich
Über das Ergebnis der Prüfung wird ein Bericht über die Kosten vorgelegt.""",
]

REVERSAL_DE = [
    """Landeshauptstadt München
Sitzungsvorlage Nr. 14-20 / V 09513
Datum: 24.10.2017

Beratungsfolge
Vollversammlung des Stadtrates 23.11.2017 Entscheidung

Betreff: IT-Arbeitsplatz der Zukunft

Der Stadtrat beschließt die Rückkehr zu Microsoft: Die Arbeitsplätze werden bis 2020 auf
Windows-basierte Microsoft-Standardprodukte umgestellt; LiMux wird abgelöst.""",
]


def core_font_pdf_bytes(pages: list[str]) -> bytes:
    """A text PDF in the core Helvetica font (Latin-1 only, no font embedding): ~100x faster to make than
    ``pdf_bytes``, for fixtures that need hundreds of files (e.g. the OParl fixture city)."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_font("helvetica", size=11)
    for text in pages:
        pdf.add_page()
        for line in text.split("\n"):
            if line.strip():
                pdf.multi_cell(0, 6, line.encode("latin-1", "replace").decode("latin-1"), new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.ln(4)
    return bytes(pdf.output())

# a real German town absent from the seed record (the upload journeys publish it and filter to it)
ERLANGEN_PROPOSAL = [
    """Stadt Erlangen
Beschlussvorlage
Vorlagennummer: 132/2024/BV
Datum: 02.04.2024

Beratungsfolge
Stadtrat   25.04.2024   Entscheidung

Betreff: Open-Source-Strategie der Stadt Erlangen

Beschlussvorschlag
Der Stadtrat beschließt die Open-Source-Strategie der Stadt Erlangen. Die Verwaltung richtet eine
Koordinierungsstelle Open Source ein und speichert Dokumente künftig im Open Document Format (ODF).""",
]
