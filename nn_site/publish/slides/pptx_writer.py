"""Writing: a laid-out :class:`~nn_site.publish.slides.layout.SlideDeck` as .pptx bytes,
with python-pptx. Every measure was decided by the layout; this only copies it.

Three things python-pptx (1.0) has no API for are set on its XML here: a picture's alt
text (``descr``), a run's sub- or superscript (``baseline``) and the zip members' dates,
which python-pptx (through zipfile) takes from the clock: a deck made twice must be the
same bytes, so every member is dated by the release (:func:`reproducible_zip`).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from nn_site.publish.slides.layout import Box, Picture, Slide, SlideDeck, Table, TextBox, Theme, TitleSlide

TITLE_LAYOUT, TITLE_ONLY_LAYOUT = 0, 5  # in python-pptx's default template
BASELINE = {"sub": "-25000", "sup": "30000"}  # DrawingML: thousandths of a percent of the line


def _place(shape, box: Box) -> None:
    from pptx.util import Inches

    shape.left, shape.top = Inches(box.left), Inches(box.top)
    shape.width, shape.height = Inches(box.width), Inches(box.height)


def _colour(font, rgb: str | None) -> None:
    """A font's colour, when the theme sets one (the light deck keeps the template's)."""
    from pptx.dml.color import RGBColor

    if rgb:
        font.color.rgb = RGBColor.from_string(rgb)


def _fill(fill, rgb: str | None) -> None:
    """A solid fill (a slide's background, a table cell's), when the theme sets one."""
    from pptx.dml.color import RGBColor

    if rgb:
        fill.solid()
        fill.fore_color.rgb = RGBColor.from_string(rgb)


def _opening(prs, opening: TitleSlide, theme: Theme) -> None:
    from pptx.util import Pt

    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_LAYOUT])
    if theme.background:  # slide.background adds a <p:bg> even unfilled: only when set
        _fill(slide.background.fill, theme.background)
    slide.shapes.title.text = opening.title
    if theme.text:  # para.font adds its XML even unset: only when set
        for para in slide.shapes.title.text_frame.paragraphs:
            _colour(para.font, theme.text)
    _place(slide.shapes.title, opening.title_box)
    subtitle = slide.placeholders[1]
    _place(subtitle, opening.lines_box)
    first, *rest = opening.lines
    subtitle.text_frame.text = first
    for text in rest:
        para = subtitle.text_frame.add_paragraph()
        para.text = text
    for run in (r for para in subtitle.text_frame.paragraphs for r in para.runs):
        run.font.size = Pt(opening.size)
        _colour(run.font, theme.text)
    slide.notes_slide.notes_text_frame.text = opening.notes


def _picture(slide, picture: Picture, theme: Theme) -> None:
    from pptx.util import Inches

    box = picture.box
    shape = slide.shapes.add_picture(
        io.BytesIO(picture.png), Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height)
    )
    shape._element.nvPicPr.cNvPr.set("descr", picture.alt)


def _text(slide, text: TextBox, theme: Theme) -> None:
    from pptx.util import Inches, Pt

    box = text.box
    frame = slide.shapes.add_textbox(
        Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height)
    ).text_frame
    frame.word_wrap = True
    for n, paragraph in enumerate(text.paragraphs):
        para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        para.space_after = Pt(text.size * 0.4)
        for words, level in paragraph:
            run = para.add_run()
            run.text = words
            run.font.size = Pt(text.size)
            _colour(run.font, theme.text)
            if level:
                run.font._rPr.set("baseline", BASELINE[level])


def _table(slide, table: Table, theme: Theme) -> None:
    from pptx.util import Inches, Pt

    box = table.box
    shape = slide.shapes.add_table(
        len(table.rows) + 1,
        len(table.columns),
        Inches(box.left),
        Inches(box.top),
        Inches(box.width),
        Inches(box.height),
    ).table
    for col, (name, width) in enumerate(table.columns):
        shape.columns[col].width = Inches(width)
        shape.cell(0, col).text = name
    for row, values in enumerate(table.rows, start=1):
        for col, value in enumerate(values):
            shape.cell(row, col).text = value
    for n, row in enumerate(shape.rows):
        for cell in row.cells:
            if theme.table_body:  # the template's table style is light blue: a dark deck fills each cell
                _fill(cell.fill, theme.table_header if n == 0 else theme.table_body)
            for run in (r for para in cell.text_frame.paragraphs for r in para.runs):
                run.font.size = Pt(table.size)  # on the run: a reader may ignore a paragraph's default
                _colour(run.font, theme.text)


DRAW = {Picture: _picture, TextBox: _text, Table: _table}


def _slide(prs, laid_out: Slide, theme: Theme) -> None:
    from pptx.util import Pt

    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    if theme.background:
        _fill(slide.background.fill, theme.background)
    title = slide.shapes.title
    _place(title, laid_out.title_box)
    title.text = laid_out.title
    for para in title.text_frame.paragraphs:
        para.font.size = Pt(laid_out.title_size)
        _colour(para.font, theme.text)
    for shape in laid_out.shapes:
        DRAW[type(shape)](slide, shape, theme)
    slide.notes_slide.notes_text_frame.text = laid_out.notes


def pptx_bytes(deck: SlideDeck) -> bytes:
    """The deck as a .pptx file's bytes, the same for the same deck."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(deck.width), Inches(deck.height)
    _opening(prs, deck.opening, deck.theme)
    for slide in deck.slides:
        _slide(prs, slide, deck.theme)
    prs.core_properties.created = prs.core_properties.modified = deck.moment  # not the time of the build
    out = io.BytesIO()
    prs.save(out)
    return reproducible_zip(out.getvalue(), deck.moment)


def reproducible_zip(data: bytes, moment: datetime) -> bytes:
    """The same .pptx with every member dated ``moment``: python-pptx (through zipfile)
    dates each member with the clock, so two builds of one deck differed in bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=moment.timetuple()[:6])
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()
