"""The book PDF: the print page printed by Chromium, and what its sheets hold.

``make pdf`` (scripts/book_pdf.py) and tests/browser/test_print.py both print with
``print_pdf`` and measure with ``sheets``, so the book a release attaches is the one the
tests measured. Playwright and pypdf are the tester's packages (requirements-test.in),
imported here only when called: the reader's install builds the site without them.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

FILE_NAME = "neural-and-neuronal.pdf"
# Chromium prints the page's own @page rules (docs/assets/print.css: A4, margins, the
# sheet number at the foot) when asked to prefer them.
PDF_OPTIONS = {"format": "A4", "prefer_css_page_size": True, "print_background": False, "outline": True, "tagged": True}
# The print page's images are lazy (nn_site/print/page.py: its DOMContentLoaded); the
# ones paper shows are fetched now, not when scrolled to, and printed once loaded.
LOAD_LIGHT_FIGURES = (
    "document.querySelectorAll('img[loading=lazy]:not([src$=\"#only-dark\"])').forEach(i => { i.loading = 'eager'; })"
)
LIGHT_FIGURES_LOADED = (
    "[...document.images].filter(i => !i.src.endsWith('#only-dark')).every(i => i.complete && i.naturalWidth > 0)"
)
# A sheet with fewer glyphs than this (about two lines of body text, the sheet number
# included) and no figure drawn on it is near-blank: paper spent on nothing.
NEAR_BLANK_GLYPHS = 150


def print_pdf(page) -> bytes:
    """The open print page (a Playwright page) as the book PDF: print media, light
    scheme, every light figure loaded first (lazy ones too: a figure still loading
    prints empty)."""
    page.emulate_media(media="print", color_scheme="light")
    page.evaluate(LOAD_LIGHT_FIGURES)
    page.wait_for_function(LIGHT_FIGURES_LOADED, timeout=60_000)
    return page.pdf(**PDF_OPTIONS)


@dataclass(frozen=True)
class Sheet:
    number: int
    glyphs: int  # characters drawn (Chromium shows text as 2-byte glyph ids)
    drawings: int  # figures and images drawn (XObjects invoked)

    @property
    def near_blank(self) -> bool:
        return self.glyphs < NEAR_BLANK_GLYPHS and self.drawings == 0


# Chromium (Skia) writes text as hex glyph strings, <0041002B> Tj or [<...> 12 <...>] TJ.
HEX_STRING = re.compile(rb"<([0-9A-Fa-f\s]*)>")
TEXT_SHOWN = re.compile(rb"(<[0-9A-Fa-f\s]*>\s*Tj|\[[^\]]*\]\s*TJ)")
DRAWN = re.compile(rb"/[^\s/]+\s+Do\b")


def sheets(pdf: bytes) -> list[Sheet]:
    """Each sheet's glyph count and figure count, read from its content stream (pypdf's
    text extraction would take minutes for a book; counting glyph bytes takes seconds)."""
    from pypdf import PdfReader

    result = []
    for number, sheet in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        contents = sheet.get_contents()
        data = contents.get_data() if contents is not None else b""
        glyphs = sum(
            len(re.sub(rb"\s", b"", hex_digits)) // 4
            for shown in TEXT_SHOWN.findall(data)
            for hex_digits in HEX_STRING.findall(shown)
        )
        result.append(Sheet(number, glyphs, len(DRAWN.findall(data))))
    return result
