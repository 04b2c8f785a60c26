"""Hostile and broken PDFs, generated at test time (nothing large is kept on disk).

Each generator returns bytes. The PDFs are written by hand (objects, xref table, trailer) so each one has
exactly the defect it is named after:

- ``decompression_bomb(mb)``: one page whose content stream is ``mb`` MB of zeros, compressed twice
  (``/Filter [/FlateDecode /FlateDecode]``): a few kB on disk.
- ``many_pages(n)``: ``n`` pages (10,000 by default) sharing one small content stream.
- ``deeply_nested(depth)``: a page whose resources hold an array nested ``depth`` levels deep.
- ``page_tree_cycle()``: the page tree's kids point back at the root (a cycle, no leaf page).
- ``random_behind_header(n)``: a PDF header followed by ``n`` random bytes (seeded, reproducible).
- ``oversized(limit)``: a PDF header padded to one byte over ``limit``.
- ``truncated()``: a valid PDF cut in the middle of its objects (no xref, no trailer).
- ``text_pdf(text)``: a valid one-page PDF with a line of text (the control).
"""

from __future__ import annotations

import random
import zlib

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def build(objects: list[bytes], *, root: int = 1) -> bytes:
    """A PDF of the given object bodies (numbered from 1) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _content(text: str) -> bytes:
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"BT /F1 12 Tf 72 720 Td (" + safe.encode("latin-1") + b") Tj ET"


def text_pdf(text: str = "Der Rat der Stadt beschliesst die Einrichtung einer Koordinierungsstelle.") -> bytes:
    return build([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        stream(_content(text)),
        FONT,
    ])


def decompression_bomb(mb: int = 1024) -> bytes:
    """``mb`` MB of zeros behind two layers of Flate: a few kB that unpack to ``mb`` MB."""
    once = _zeros_deflated(mb << 20)
    twice = zlib.compress(once, 9)
    return build([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        stream(twice, b"/Filter [/FlateDecode /FlateDecode] "),
        FONT,
    ])


def _zeros_deflated(n: int) -> bytes:
    """A zlib stream of ``n`` zero bytes (``n`` a multiple of 1 MiB), built from one flushed 1 MiB block."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate; header and checksum added below
    block = comp.compress(bytes(1 << 20)) + comp.flush(zlib.Z_FULL_FLUSH)  # self-contained: can repeat
    tail = comp.flush(zlib.Z_FINISH)  # an empty final block
    adler = ((n % 65521) << 16) | 1  # adler32 of n zeros: a stays 1, b grows by 1 per byte
    return b"\x78\xda" + block * (n >> 20) + tail + adler.to_bytes(4, "big")


def many_pages(n: int = 10_000) -> bytes:
    """``n`` pages under one flat page tree, all drawing the same one-line content stream."""
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
        stream(_content("Seite")),
        FONT,
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
    objects += [page] * n
    return build(objects)


def deeply_nested(depth: int = 50_000) -> bytes:
    nested = b"[" * depth + b"]" * depth
    return build([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /X "
        + nested + b" >> >>",
        stream(_content("Verschachtelt")),
        FONT,
    ])


def page_tree_cycle() -> bytes:
    """Root -> node 3 -> root again: a page tree without end and without a page."""
    return build([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>",
    ])


def random_behind_header(n: int = 64 * 1024, seed: int = 1) -> bytes:
    return b"%PDF-1.7\n" + random.Random(seed).randbytes(n)


def oversized(limit: int) -> bytes:
    head = b"%PDF-1.4\n"
    return head + bytes(limit + 1 - len(head))


def truncated() -> bytes:
    whole = text_pdf()
    return whole[: whole.index(b"4 0 obj") + 20]
