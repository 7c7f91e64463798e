"""The book PDF's parts that need no browser (nn_site/print/book.py, nn_site/print/page.py):
how a sheet's fill is read, which pages spill, and what the print page adds for paper
(running heads, each corrections note's one line). The printed book itself:
tests/browser/test_print.py."""

from __future__ import annotations

import re

from nn_site.print import book, page

# What Skia writes: the page's flip, a block of text moved down the sheet, a line, a
# second line with a Td on the line of its Tj, and the number in the foot margin.
STREAM = b"""\
.23999999 0 0 -.23999999 0 841.91998 cm
q
3.125 0 0 3.125 0 0 cm
BT
/F4 12 Tf
1 0 0 -1 390.3125 1104 Tm
<00190017> Tj
ET
Q
q
3.125 0 0 3.125 140.625 -204631.25 cm
BT
/F4 10 Tf
1 0 0 -1 16 65529 Tm
<002F004C> Tj
19.628906 0 Td <0044> Tj
ET
BT
1 0 0 -1 31 65600 Tm
<0044> Tj
ET
Q
"""


def test_text_baselines_follow_the_matrices():
    heights = book.text_baselines(STREAM)
    assert len(heights) == 4
    # the number: 1104 px down a 3.125 x 0.24 scale = 828 pt from the top, 13.9 pt above the foot
    assert abs(heights[0] - (841.91998 - 0.24 * 3.125 * 1104)) < 0.01
    # the text: 3.125 * 65529 - 204631.25 = 147.8 px, x 0.24 = 35.5 pt from the top
    assert abs(heights[1] - (841.91998 - 0.24 * (3.125 * 65529 - 204631.25))) < 0.01
    assert heights[2] == heights[1]  # a Td moving right only
    assert heights[3] < heights[1]  # the next line, lower


def test_a_sheet_whose_text_stops_near_its_head_is_a_spill():
    (sheet,) = book.sheets(_one_page_pdf(STREAM))
    # its lowest body line is 88 pt from the top, about a tenth of the body; the number in
    # the foot margin does not count
    assert 0.05 < sheet.fill < 0.15 and sheet.spill
    assert not book.Sheet(2, 3000, 0, 0.9).spill


def test_only_a_page_ending_in_a_spill_is_refitted():
    sheets = [book.Sheet(n, 3000, 0, fill) for n, fill in enumerate([1, 0.9, 0.1, 0.9, 0.95, 0.05, 0.1], start=1)]
    starts = {"a": 1, "b": 4, "c": 6, "d": 7}
    # a ends on sheet 3 (a spill); b ends full on 5; c is one sheet (nothing to move); d
    # the last, one sheet
    assert book.spilled_chapters(sheets, starts, ["a", "b", "c", "d"]) == ["a"]
    assert book.spilled_chapters(sheets, {"a": 1, "b": 4}, ["a", "b"]) == ["a", "b"]


def test_print_page_has_running_heads_and_short_corrections(site):
    html = (site / "print_page" / "index.html").read_text(encoding="utf-8")
    style = re.search(r'<style id="print-running-heads">(.*?)</style>', html, re.S)[1]
    sections = re.findall(r'<section class="print-page" id="([^"]+)"', html)
    heads = dict(re.findall(r'@page (nn-[\w-]+) \{ @top-center \{ content: "((?:[^"\\]|\\.)*)"; \} \}', style))
    assert len(sections) >= 40 and len(heads) == len(sections)
    assert heads["nn-hodgkin-huxley"] == "Hodgkin–Huxley: where the spike comes from"
    assert heads["nn-notebooks-spiking-vs-rate"] == "Spiking vs rate neurons"
    # a group's title shares its first page's sheet (and name)
    assert 'section.md-section[id="section-2"] > h1 { page: nn-terminology; }' in style
    notes = re.findall(
        r'<div class="corrections-note"><p class="print-only corrections-print">(.*?)</p>\s*<details class="note">\s*'
        r"<summary>Corrections to this page \((\d+)\)</summary>",
        html,
    )
    assert len(notes) >= 10 and html.count('class="corrections-note"') == len(notes)
    for line, count in notes:
        assert line.startswith(f"Corrections to this page: {count}, "), line
        assert re.search(r'corrections log, <a href="([^"]*corrections/)">\1</a>\.$', line), line
    assert page.running_heads(html) == html and page.corrections_notes_for_paper(html, site, site) == html


def _one_page_pdf(content: bytes) -> bytes:
    """An A4 PDF of one sheet drawing ``content`` (pypdf)."""
    import io

    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    sheet = writer.add_blank_page(width=594.96, height=841.92)
    stream = DecodedStreamObject()
    stream.set_data(content)
    sheet[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
