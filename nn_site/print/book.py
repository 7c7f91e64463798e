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
# Every page after the first reaches the print page as text, made HTML when needed
# (nn_site/print/page.py, defer_sections): all of it now, before its figures are asked
# for. (Chromium fires `beforeprint` when Playwright prints, which does the same, but a
# figure it asks for then would print before it has loaded.)
EXPAND_ALL = "window.NNPrintPage ? NNPrintPage.expandAll() : null"
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


# The contents list's entries (mkdocs-print-site copies the site's navigation into it)
# link to their page's section; each gets the number of the sheet that section starts on.
TOC_LINKS = "#print-page-toc a.md-nav__link[href^='#']"
SET_TOC_PAGES = """numbers => document.querySelectorAll("TOC_LINKS").forEach(a => {
    const id = a.getAttribute('href').slice(1);
    let span = a.querySelector(':scope > .toc-page');
    if (!(id in numbers)) { if (span) span.remove(); return; }
    if (!span) { span = document.createElement('span'); span.className = 'toc-page'; a.append(span); }
    span.textContent = String(numbers[id]);
})""".replace("TOC_LINKS", TOC_LINKS)


# A site page whose last sheet holds only a few lines ("a spill": its text ends within the
# first fifth of the sheet) is set a little tighter and printed again (copy-fitting): lead,
# spacing and figure size first, then a little smaller type. SITE_PAGES are the sections
# that start a sheet (docs/assets/print.css), each linked from the contents.
SITE_PAGES = "section.print-page[id]:not(.md-section)"
SPILL_FILL = 0.2
FIT_LEVELS = 2
SET_FIT = """levels => Object.entries(levels).forEach(([id, level]) => {
    const section = document.getElementById(id);
    for (let n = 1; n <= FIT_LEVELS; n++) section.classList.toggle('print-fit-' + n, n === level);
})""".replace("FIT_LEVELS", str(FIT_LEVELS))


def print_pdf(page) -> bytes:
    """The open print page (a Playwright page) as the book PDF: print media, light
    scheme, every page's section made HTML, every light figure loaded first (lazy ones
    too: a figure still loading prints empty), each site page that would end in a spill set tighter, and the
    contents list with each entry's sheet number.

    Chromium prints no target-counter(), so the numbers come from a print: the sheet each
    entry's section starts on (the PDF's named destination for its id). Numbers and
    fitting are set and the page printed again, until a print agrees with the numbers
    it shows and has no spill left that a tighter setting could take back."""
    page.emulate_media(media="print", color_scheme="light")
    page.evaluate(EXPAND_ALL)
    page.evaluate(LOAD_LIGHT_FIGURES)
    page.wait_for_function(LIGHT_FIGURES_LOADED, timeout=60_000)
    ids = page.eval_on_selector_all(TOC_LINKS, "els => els.map(a => a.getAttribute('href').slice(1))")
    chapters = page.eval_on_selector_all(SITE_PAGES, "els => els.map(s => s.id)")
    shown: dict[str, int] = {}
    levels: dict[str, int] = {}
    for _ in range(8):
        pdf = page.pdf(**PDF_OPTIONS)
        starts = start_sheets(pdf)
        numbers = {key: starts[key] for key in ids if key in starts}
        tighter = {
            chapter: levels.get(chapter, 0) + 1
            for chapter in spilled_chapters(sheets(pdf), starts, chapters)
            if levels.get(chapter, 0) < FIT_LEVELS
        }
        if not tighter and numbers == shown:
            return pdf
        if tighter:
            levels.update(tighter)
            page.evaluate(SET_FIT, tighter)
        page.evaluate(SET_TOC_PAGES, numbers)
        shown = numbers
    raise RuntimeError(f"the contents' sheet numbers did not settle: {shown}")


def spilled_chapters(measured: list, starts: dict[str, int], chapters: list[str]) -> list[str]:
    """The site pages (section ids, in order) of more than one sheet whose last sheet is a spill."""
    firsts = [(starts[c], c) for c in chapters if c in starts]
    result = []
    for (first, chapter), following in zip(firsts, [*firsts[1:], (len(measured) + 1, None)]):
        last = following[0] - 1
        if last > first and measured[last - 1].spill:
            result.append(chapter)
    return result


def start_sheets(pdf: bytes) -> dict[str, int]:
    """The sheet (from 1) of each named destination of the PDF: Chromium names one for
    every element id a link points to."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return {
        name.lstrip("/"): reader.get_destination_page_number(destination) + 1
        for name, destination in reader.named_destinations.items()
    }


@dataclass(frozen=True)
class Sheet:
    number: int
    glyphs: int  # characters drawn (Chromium shows text as 2-byte glyph ids)
    drawings: int  # figures and images drawn (XObjects invoked)
    fill: float = 1.0  # how far down the sheet's body its text reaches (0 top, 1 foot)

    @property
    def near_blank(self) -> bool:
        return self.glyphs < NEAR_BLANK_GLYPHS and self.drawings == 0

    @property
    def spill(self) -> bool:
        """A page's last few lines on a sheet of their own: its text ends in the sheet's
        first fifth (a figure has its caption under it, so text marks figures too)."""
        return self.fill < SPILL_FILL


# Chromium (Skia) writes text as hex glyph strings, <0041002B> Tj or [<...> 12 <...>] TJ.
HEX_STRING = re.compile(rb"<([0-9A-Fa-f\s]*)>")
TEXT_SHOWN = re.compile(rb"(<[0-9A-Fa-f\s]*>\s*Tj|\[[^\]]*\]\s*TJ)")
DRAWN = re.compile(rb"/[^\s/]+\s+Do\b")


# The sheet's body, inside its margins (docs/assets/print.css: 10 mm top, 12 mm bottom),
# in PDF points from the foot; the running head and the number are outside it.
MM = 72 / 25.4
TOP_MARGIN, BOTTOM_MARGIN = 10 * MM, 12 * MM


def text_baselines(data: bytes) -> list[float]:
    """The height (PDF points from the foot) of each text run a content stream shows.
    Skia writes one operator a line (a Td and its Tj share one): the matrix stack (q, Q,
    cm) and the text matrix (Tm, Td) are followed line by line, which takes seconds for a
    book where pypdf's text extraction with positions took minutes."""
    ctm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    tm = ctm
    stack = []
    heights = []
    for line in data.split(b"\n"):
        end = line[-2:]
        if end in (b"Tj", b"TJ"):
            if b" Td " in line or b" TD " in line:
                tx, ty = map(float, line.split(None, 2)[:2])
                tm = (*tm[:4], tx * tm[0] + ty * tm[2] + tm[4], tx * tm[1] + ty * tm[3] + tm[5])
            heights.append(tm[4] * ctm[1] + tm[5] * ctm[3] + ctm[5])
        elif end == b"Tm":
            tm = tuple(map(float, line.split()[:6]))
        elif end == b"cm":
            a, b, c, d, e, f = map(float, line.split()[:6])
            A, B, C, D, E, F = ctm  # noqa: N806 - the current matrix, as the PDF spec names it
            ctm = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
        elif line == b"q":
            stack.append(ctm)
        elif line == b"Q" and stack:
            ctm = stack.pop()
    return heights


def sheets(pdf: bytes) -> list[Sheet]:
    """Each sheet's glyph count, figure count and fill, read from its content stream
    (pypdf's text extraction would take minutes for a book; this takes seconds)."""
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
        top, bottom = float(sheet.mediabox.height) - TOP_MARGIN, BOTTOM_MARGIN
        body = [y for y in text_baselines(data) if bottom <= y <= top]
        fill = (top - min(body)) / (top - bottom) if body else 0.0
        result.append(Sheet(number, glyphs, len(DRAWN.findall(data)), round(fill, 3)))
    return result
