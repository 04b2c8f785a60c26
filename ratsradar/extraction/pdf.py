"""Opening a PDF and reading its text layer.

pypdfium2 reads the text layer (fast: a 30-page file in a few tens of milliseconds); pdfplumber is used only
where the layout matters (``layout_page_text``: table rows such as a "Beratungsfolge" kept on one line).
Bad input is reported as a ``PdfProblem`` with one of the contract's error codes, never as an exception.
"""

from __future__ import annotations

import io
import time
import unicodedata
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ratsradar.extraction.sniff import PdfProblem, sniff
from ratsradar.extraction.text import has_letters, normalise_page, word_quality

# A page whose text layer has fewer letters than this, or reads like garbage, is a candidate for OCR.
MIN_PAGE_LETTERS = 25
MIN_WORD_QUALITY = 0.45
# A page with a short text layer (a header) whose other lines are images of text ("strips" one line high) is OCR'd
# too: the agenda of an invitation may be pasted in as pictures of its lines below a typed header.
SHORT_PAGE_LETTERS = 400
MIN_TEXT_STRIPS = 3
# At least this many pages, most of them landscape, make a slide deck (see PdfText.slides).
SLIDE_DECK_PAGES = 3


@dataclass(frozen=True, slots=True)
class PageText:
    text: str
    has_images: bool
    text_images: bool = False  # images shaped like lines of text next to a short text layer
    landscape: bool = False  # wider than high as displayed (a slide, a plan), not a letter

    @property
    def usable(self) -> bool:
        """Whether the text layer is real text (not empty, not a garbage OCR layer)."""
        if not has_letters(self.text, MIN_PAGE_LETTERS):
            return False
        return word_quality(self.text) >= MIN_WORD_QUALITY

    @property
    def wants_ocr(self) -> bool:
        """A page to OCR: no usable text and either a scanned image or a garbage text layer (broken font
        encoding) whose glyphs render fine. Near-empty vector pages are left alone."""
        return (not self.usable and (self.has_images or garbled(self.text))) or self.text_images


_COMMON_PUNCT = set(".,;:!?()[]{}\"'„“”‚‘’«»-–—/\\%€$&+*#@§=<>_|~^°")


def garbled(text: str) -> bool:
    """A text layer whose font encoding is broken: mostly private-use glyphs, replacement characters or stray
    symbols (real text in any script, tables and code are not garbled)."""
    chars = [c for c in text if not c.isspace()]
    if len(chars) < MIN_PAGE_LETTERS:
        return False
    odd = sum(1 for c in chars if not c.isalnum() and c not in _COMMON_PUNCT
              or unicodedata.category(c) in ("Co", "Cn", "Cc") or c == "\ufffd")
    return odd / len(chars) >= 0.3


@dataclass(frozen=True, slots=True)
class PdfText:
    pages: tuple[PageText, ...]

    @property
    def slides(self) -> bool:
        """A slide deck: at least three pages, most of them landscape (a letter, minutes or an invitation is
        printed upright)."""
        return len(self.pages) >= SLIDE_DECK_PAGES and sum(p.landscape for p in self.pages) * 2 > len(self.pages)


def open_document(data: bytes) -> pdfium.PdfDocument | PdfProblem:
    problem = sniff(data)
    if problem:
        return problem
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            return PdfProblem("encrypted", "The PDF is encrypted with a password; please upload an unprotected copy.")
        return PdfProblem("corrupt", f"The PDF is damaged and cannot be read ({exc}).")
    except Exception as exc:  # pdfium bindings may raise other errors on hostile input
        return PdfProblem("corrupt", f"The PDF cannot be read ({type(exc).__name__}: {exc}).")
    return doc


def read_text(doc: pdfium.PdfDocument, *, deadline: float) -> PdfText | PdfProblem:
    """The text layer of every page; a page pdfium cannot load counts as a page without text."""
    try:
        n = len(doc)
    except Exception as exc:
        return PdfProblem("corrupt", f"The PDF's page tree cannot be read ({exc}).")
    if n == 0:
        return PdfProblem("empty", "The PDF has no pages.")
    pages: list[PageText] = []
    for i in range(n):
        if time.monotonic() > deadline:
            return PdfProblem("timeout", f"Reading the text layer took too long (stopped at page {i + 1} of {n}).")
        pages.append(_page_text(doc, i))
    return PdfText(tuple(pages))


def _page_text(doc: pdfium.PdfDocument, index: int) -> PageText:
    try:
        page = doc[index]
    except Exception:
        return PageText("", False)
    try:
        textpage = page.get_textpage()
        try:
            raw = textpage.get_text_bounded()
        finally:
            textpage.close()
        has_images = _holds_image(page, None, 0)
        text = normalise_page(raw)
        text_images = has_images and not has_letters(text, SHORT_PAGE_LETTERS) and _text_strips(page) >= MIN_TEXT_STRIPS
        width, height = page.get_size()  # as displayed: pdfium applies the page's /Rotate
        landscape = width > height * 1.05
    except Exception:
        return PageText("", False)
    finally:
        page.close()
    return PageText(text, has_images, text_images, landscape)


def _text_strips(page: pdfium.PdfPage) -> int:
    """How many images on the page are shaped like a line of text (6 to 30 pt high, at least three times as wide)."""
    n = 0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=IMAGE_DEPTH):
        left, bottom, right, top = obj.get_bounds()
        height, width = top - bottom, right - left
        if 6 <= height <= 30 and width >= 3 * height:
            n += 1
    return n


IMAGE_DEPTH = 3  # page level and two levels of nested Form XObjects


def _holds_image(page: pdfium.PdfPage, form: object, level: int) -> bool:
    """Whether the page (or the Form XObject ``form`` on it) holds an image object, looking ``IMAGE_DEPTH`` levels
    deep: the answer of ``any(page.get_objects(filter=[IMAGE], max_depth=IMAGE_DEPTH))``, in the same order and
    with the same errors, without making a Python object of every path and glyph run on the page."""
    if form is None:
        parent, count, get = page, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject
    else:
        parent, count, get = form, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject
    n_objects = count(parent)
    if n_objects < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    for i in range(n_objects):
        raw = get(parent, i)
        if not raw:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        kind = pdfium_c.FPDFPageObj_GetType(raw)
        if kind == pdfium_c.FPDF_PAGEOBJ_UNKNOWN:
            raise pdfium.PdfiumError("Failed to determine pageobject type.")
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            return True
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and level < IMAGE_DEPTH - 1 and _holds_image(page, raw, level + 1):
            return True
    return False


def layout_page_text(data: bytes, page_index: int) -> str:
    """One page's text with pdfplumber, whose lines follow the layout (a table row stays on one line)."""
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data), pages=[page_index + 1]) as pdf:
            if not pdf.pages:
                return ""
            return normalise_page(pdf.pages[0].extract_text(x_tolerance=2, y_tolerance=3) or "")
    except Exception:
        return ""
