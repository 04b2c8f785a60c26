"""The evidence viewer: a PDF page rendered as an image (pypdfium2) with the evidence quote highlighted where
it stands on the page (character boxes from pdfplumber).

The quote is looked up in the page's characters ignoring white space, case and hyphenation at line ends; when
the whole quote is not found (OCR'd pages have no text layer; the stored quote may have been shortened), the
longest run of its words that is found is highlighted instead, and ``Located.exact`` says so.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points from the page's top left

MAX_SCALE = 3.0
MIN_MATCH = 12  # characters (without spaces) a partial match needs to count


@dataclass(frozen=True, slots=True)
class Located:
    boxes: tuple[Box, ...]
    exact: bool
    page_width: float
    page_height: float


def _norm_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch).casefold()
    return "".join(c for c in folded if not c.isspace())


def _squash(text: str) -> tuple[str, list[int]]:
    """Text without white space and soft hyphens, case-folded, with each output position's source index."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch == "\u00ad":
            continue
        for c in _norm_char(ch):
            out.append(c)
            index.append(i)
    return "".join(out), index


def _find(hay: str, needle: str) -> tuple[int, int] | None:
    pos = hay.find(needle)
    return (pos, pos + len(needle)) if pos >= 0 and needle else None


def _dehyphen(hay: str, index: list[int], chars: list[dict]) -> tuple[str, list[int]]:
    """Drop a hyphen that ends a line (the next character sits on a lower line): "Koordinie-|rungsstelle"."""
    out, idx = [], []
    for k, (c, i) in enumerate(zip(hay, index, strict=True)):
        if c == "-" and k + 1 < len(index):
            nxt = chars[index[k + 1]]
            if float(nxt["top"]) > float(chars[i]["bottom"]) - 1:
                continue
        out.append(c)
        idx.append(i)
    return "".join(out), idx


def locate(pdf_path: Path, page: int, quote: str) -> Located:
    """Boxes (one per line) of ``quote`` on ``page`` (1-based) of the PDF."""
    import pdfplumber

    with pdfplumber.open(str(pdf_path)) as pdf:
        if not 1 <= page <= len(pdf.pages):
            raise ValueError(f"page {page} not in 1..{len(pdf.pages)}")
        p = pdf.pages[page - 1]
        width, height = float(p.width), float(p.height)
        x_off, y_off = float(p.bbox[0]), float(p.bbox[1])
        chars = [c for c in p.chars if c.get("text")]
    text = "".join(c["text"] for c in chars)
    hay, index = _squash(text)
    hay, index = _dehyphen(hay, index, chars)
    needle, _ = _squash(quote or "")
    span = _find(hay, needle)
    exact = span is not None
    if span is None and needle:
        hay_nh = hay  # already without line-end hyphens
        words = [w for w in re.split(r"\s+", quote.strip()) if w]
        best: tuple[int, int] | None = None
        # the longest run of consecutive words that occurs on the page
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                part, _ = _squash(" ".join(words[i:j]))
                if len(part) < MIN_MATCH or (best and len(part) <= best[1] - best[0]):
                    break
                found = _find(hay_nh, part)
                if found:
                    best = found
                    break
        span = best
    if span is None:
        return Located((), False, width, height)
    picked = [chars[index[k]] for k in range(span[0], span[1])]
    lines: list[list[dict]] = []
    for c in picked:
        if lines and abs(float(c["top"]) - float(lines[-1][-1]["top"])) < max(2.0, float(c["size"]) * 0.5):
            lines[-1].append(c)
        else:
            lines.append([c])
    boxes = tuple((min(float(c["x0"]) for c in ln) - x_off, min(float(c["top"]) for c in ln) - y_off,
                   max(float(c["x1"]) for c in ln) - x_off, max(float(c["bottom"]) for c in ln) - y_off)
                  for ln in lines)
    return Located(boxes, exact, width, height)


def render(pdf_path: Path, page: int, boxes: tuple[Box, ...] = (), *, scale: float = 1.6,
           colour: tuple[int, int, int] = (255, 214, 0)) -> bytes:
    """PNG of ``page`` (1-based) at ``scale`` × 72 dpi with ``boxes`` highlighted (translucent, outlined)."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    scale = max(0.5, min(scale, MAX_SCALE))
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        if not 1 <= page <= len(pdf):
            raise ValueError(f"page {page} not in 1..{len(pdf)}")
        image = pdf[page - 1].render(scale=scale).to_pil().convert("RGBA")
    finally:
        pdf.close()
    if boxes:
        overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        pad = 2 * scale
        for x0, top, x1, bottom in boxes:
            rect = (x0 * scale - pad, top * scale - pad, x1 * scale + pad, bottom * scale + pad)
            draw.rectangle(rect, fill=(*colour, 90), outline=(*colour[:2], 0, 255), width=max(1, int(scale)))
        image = Image.alpha_composite(image, overlay)
    buf = io.BytesIO()
    image.convert("RGB").save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def evidence_png(pdf_path: Path, page: int, quote: str, *, scale: float = 1.6) -> tuple[bytes, Located]:
    """The page with the quote highlighted, and where it was found."""
    try:
        located = locate(pdf_path, page, quote)
    except ValueError:
        raise
    except Exception:  # noqa: BLE001  (a page pdfplumber cannot read is still shown, without the highlight)
        located = Located((), False, 0.0, 0.0)
    return render(pdf_path, page, located.boxes, scale=scale), located
