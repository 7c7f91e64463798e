"""Layout: a gathered :class:`~nn_site.publish.slides.gather.Deck` as slides of placed
shapes, sized for a lecture hall, before anything is written.

* a title slide: the page's title, version, address, licence and how to cite it;
* one slide per figure: the picture as large as fits, a short title, the caption once
  (below the picture or beside it, whichever leaves the larger picture) and the credit;
  a caption too long for the room left continues on a second slide of the same figure
  rather than shrinking: projected text is never made smaller to fit;
* one slide of the key equations, at one scale, so that their symbols are one size;
* verdict slides with the page's ledger rows (18 pt), as many as the rows need;
* closing slides of discussion questions (20 pt), their worked solutions in the notes.

Text cannot be measured without its font, so a line count is estimated from the type size
(:func:`line_count`): generous enough that a box never overflows in PowerPoint or
LibreOffice. Every measure is in inches; pictures are placed already fitted to their
aspect, so the writer (``pptx_writer.py``) only copies numbers.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime

from nn_site.publish import cite
from nn_site.publish.slides.equations import EQUATION_DPI, EquationImage, spoken
from nn_site.publish.slides.gather import Deck, DeckFigure
from nn_site.publish.slides.rich_text import Run, plain

SLIDE_WIDTH, SLIDE_HEIGHT = 13.333, 7.5  # inches: 16:9
BODY_SIZE, TABLE_SIZE = 20, 18  # pt: the smallest text that reads from a lecture hall's back row
LINE_SPACING = 1.2  # a line's height, in multiples of its type size
SIDE_TEXT = 4.6  # inches: the caption's column beside a figure
FIGURE_TEXT_ROOM = 2.4  # inches under a wide figure for its caption and credit; the rest goes on
FIGURE_TOP = 1.35  # inches: where a figure starts, under its title
BODY_TOP = 1.45  # inches: where the equations and the verdict table start
VERDICT_TITLE, QUESTIONS_TITLE = "Where the analogy holds, and where it breaks", "Discussion questions"
EQUATIONS_TITLE = "Key equations"
CONTINUED = " (continued)"
EQUATION_ZOOM = 1.15  # at most this times the drawn size (32 pt): a short equation is not blown up
EQUATION_GAP = 0.3  # inches between two equations
VERDICT_COLUMNS = (("Claim", 4.3), ("Verdict", 1.6))  # inches; "Why" takes the rest of the width
# Where a caption may continue on a second slide: after a sentence or a semicolon's clause
# (a slide that holds only the first short sentence would repeat the title).
CAPTION_BREAK = re.compile(r"(?<=[^\s.][.?!])\s+(?=[A-Z(])|(?<=;)\s+")
RELEASED = re.compile(r"released (\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Theme:
    """A deck's colours, as hex RGB; None keeps python-pptx's default template's, which is
    what the light deck shows (so the light deck's file is as it was before themes)."""

    name: str  # "light" or "dark": which of the gallery's slide PNGs the figures use
    background: str | None = None
    text: str | None = None
    table_header: str | None = None  # a table's header cells' fill
    table_body: str | None = None  # its other cells' fill


LIGHT = Theme("light")
# The site's slate (dark) palette: the background the gallery renders dark PNGs on.
DARK = Theme("dark", background="1E2129", text="E8EAED", table_header="3B4A6B", table_body="2A2E38")


@dataclass(frozen=True)
class Box:
    """A rectangle on a slide, in inches from its top left corner."""

    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class Picture:
    """A PNG placed at its own aspect (``box`` is the picture's, not the room's), with the
    alt text a screen reader says."""

    png: bytes
    box: Box
    alt: str


@dataclass(frozen=True)
class TextBox:
    """Paragraphs of runs at one type size, wrapped in ``box``."""

    box: Box
    paragraphs: list[list[Run]]
    size: float


@dataclass(frozen=True)
class Table:
    """A table with a header row: ``columns`` are (header, width in inches)."""

    box: Box
    columns: list[tuple[str, float]]
    rows: list[tuple[str, ...]]
    size: float


Shape = Picture | TextBox | Table


@dataclass(frozen=True)
class Slide:
    """A titled slide: its shapes in the order they are drawn, and its speaker notes."""

    title: str
    title_box: Box
    title_size: float
    shapes: list[Shape]
    notes: str


@dataclass(frozen=True)
class TitleSlide:
    """The opening slide: the page's title and, under it, one paragraph a line."""

    title: str
    title_box: Box
    lines: list[str]
    lines_box: Box
    size: float
    notes: str


@dataclass(frozen=True)
class SlideDeck:
    """A deck laid out: what the writer turns into a .pptx, shape for shape."""

    width: float
    height: float
    opening: TitleSlide
    slides: list[Slide]
    moment: datetime  # the deck's created/modified date: the release's, not the build's
    theme: Theme = LIGHT

    def __len__(self) -> int:
        return 1 + len(self.slides)


def line_count(text: str, width_in: float, size: float) -> int:
    """About how many lines ``text`` takes at ``size`` pt in a box ``width_in`` wide (an
    average character is taken as half the type size wide)."""
    per_line = max(1, int(width_in * 72 / (size * 0.5)))
    return -(-len(text) // per_line)


def pack(heights: list[float], room: float) -> list[list[int]]:
    """Consecutive items (by index) in as few groups fitting ``room`` as can be, one slide
    each, of even fill (7 rows as 4 + 3, not 6 + 1). An item taller than ``room`` alone
    gets a slide of its own."""

    def greedy(limit: float) -> list[list[int]]:
        groups: list[list[int]] = []
        used = limit
        for index, item in enumerate(heights):
            if used + item > limit and (not groups or groups[-1]):
                groups.append([])
                used = 0.0
            groups[-1].append(index)
            used += item
        return groups

    fewest = greedy(room)
    limit = sum(heights) / max(1, len(fewest))
    while limit < room:  # the lowest fill that needs no more slides
        even = greedy(limit)
        if len(even) == len(fewest):
            return even
        limit *= 1.05
    return fewest


def sentences(runs: list[Run]) -> list[list[Run]]:
    """Runs split into sentences and semicolon clauses (a break is only in plain text,
    never in an index): where a caption may continue on the next slide."""
    found: list[list[Run]] = [[]]
    for text, level in runs:
        pieces = CAPTION_BREAK.split(text) if not level else [text]
        for n, piece in enumerate(pieces):
            if n:
                found.append([])
            if piece:
                found[-1].append((piece if n == len(pieces) - 1 else piece.rstrip(), level))
    return [s for s in found if s]


def notes(point: str, misconceptions: list[str], refs: list[str], details: list[str] = ()) -> str:
    """The speaker notes: the point, then ``details`` (worked solutions), the misconceptions
    to address, and the references, if the slide has any (an empty line says nothing)."""
    parts = [f"Point: {point}", *details]
    parts += [f"Misconception to address: {m}" for m in misconceptions]
    if refs:
        parts.append("References: " + "; ".join(refs))
    return "\n\n".join(parts)


def title_size(text: str) -> float:
    """The title's type size: the caption's first sentence can run to three lines, and
    smaller type keeps it in its box."""
    return 30 if len(text) <= 60 else 24 if len(text) <= 100 else 20 if len(text) <= 150 else 16


def pixel_size(png: bytes) -> tuple[int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        return image.width, image.height


def aspect_ratio(png: bytes) -> float:
    width, height = pixel_size(png)
    return width / height


def fitted(png: bytes, room: Box, alt: str) -> Picture:
    """A picture as large as fits ``room``, centred in it."""
    aspect = aspect_ratio(png)
    w, h = (
        (room.width, room.width / aspect) if room.width / aspect <= room.height else (room.height * aspect, room.height)
    )
    return Picture(png, Box(room.left + (room.width - w) / 2, room.top + (room.height - h) / 2, w, h), alt)


class Layout:
    """The slides of one deck at one slide size (the measures every slide shares)."""

    def __init__(self, deck: Deck, width: float = SLIDE_WIDTH, height: float = SLIDE_HEIGHT) -> None:
        self.deck, self.width, self.height = deck, width, height

    def slide(self, title: str, shapes: list[Shape], note: str) -> Slide:
        return Slide(title, Box(0.5, 0.3, self.width - 1, 1.0), title_size(title), shapes, note)

    def opening(self) -> TitleSlide:
        deck, width = self.deck, self.width
        return TitleSlide(
            title=deck.title,
            title_box=Box(0.75, 1.6, width - 1.5, 1.8),
            lines=[
                f"{deck.version} · {deck.url}",
                f"{cite.LICENCE_NOTE}: reuse with attribution.",
                f"Cite: {deck.citation}",
            ],
            lines_box=Box(0.75, 3.6, width - 1.5, 3.4),
            size=BODY_SIZE,
            notes=notes(deck.point, deck.misconceptions, deck.references),
        )

    def figure(self, fig: DeckFigure, png: bytes) -> list[Slide]:
        """A figure's slides: the picture as large as fits, its caption at BODY_SIZE below
        it (or beside it, whichever leaves the larger picture) and the short credit. A
        caption too long for the room left goes on a second slide of the same figure."""
        width, height, top = self.width, self.height, FIGURE_TOP
        aspect = aspect_ratio(png)
        line = BODY_SIZE * LINE_SPACING / 72
        parts = sentences(fig.caption_runs)

        def option(beside: bool):
            """(slides the caption needs, minus the picture's area, the caption's groups,
            its height, beside) with the caption beside the picture or under it."""
            text_width, room = (SIDE_TEXT, height - top - 0.6) if beside else (width - 1, FIGURE_TEXT_ROOM)
            heights = [line_count(plain(s) + " ", text_width, BODY_SIZE) * line for s in parts]
            credit = line_count(fig.credit, text_width, BODY_SIZE) * line + BODY_SIZE * 0.4 / 72
            groups = pack(heights, room - credit - 0.2) if parts else [[]]
            used = min(room, sum(heights[i] for i in groups[0]) + credit + 0.2)
            box_w, box_h = (
                (width - 1.3 - text_width, height - top - 0.3) if beside else (width - 1, height - top - used - 0.25)
            )
            w = min(box_w, box_h * aspect)
            return len(groups), -(w * w / aspect), groups, used, beside

        # The layout that keeps the caption on one slide, then the one with the larger picture.
        _, _, groups, used, beside = min(option(False), option(True))
        if len(groups) > 1:  # every part of the caption gets the same room, the picture one size
            used = FIGURE_TEXT_ROOM
        if beside:
            picture_room = Box(0.5, top, width - 1.3 - SIDE_TEXT, height - top - 0.3)
            text_box = Box(width - 0.5 - SIDE_TEXT, top + 0.3, SIDE_TEXT, height - top - 0.6)
        else:
            picture_room = Box(0.5, top, width - 1, height - top - used - 0.25)
            text_box = Box(0.5, height - used - 0.2, width - 1, used)
        picture = fitted(png, picture_room, fig.alt)
        found = []
        for n, group in enumerate(groups):
            # A continuation shows the figure again, in the same place: its caption's
            # "Right: …" is read against the picture.
            shown = [[run for i in group for run in parts[i] + [(" ", "")]][:-1]]
            if n == 0:
                shown.append([(fig.credit, "")])
            point = fig.point if n == 0 else "The rest of the figure's caption, as the page gives it: " + fig.point
            found.append(
                self.slide(
                    fig.title + (CONTINUED if n else ""),
                    [picture, TextBox(text_box, shown, BODY_SIZE)],
                    notes(point, self.deck.misconceptions, fig.references),
                )
            )
        return found

    def equations(self, images: list[EquationImage]) -> list[Slide]:
        """The equations one under another, at one scale (so that their symbols are one
        size) up to EQUATION_ZOOM times their drawn size; one too wide alone shrinks."""
        if not images:
            return []
        left, top, width, height = 0.75, BODY_TOP, self.width - 1.5, self.height - BODY_TOP - 0.3
        sizes = [(w / EQUATION_DPI, h / EQUATION_DPI) for w, h in (pixel_size(image.png) for image in images)]
        common = min(EQUATION_ZOOM, (height - EQUATION_GAP * (len(sizes) - 1)) / sum(h for _, h in sizes))
        scales = [min(common, width / w) for w, _ in sizes]
        used = sum(h * scale for (_, h), scale in zip(sizes, scales)) + EQUATION_GAP * (len(sizes) - 1)
        y = top + (height - used) / 2
        pictures = []
        for image, (w, h), scale in zip(images, sizes, scales):
            box = Box(left + (width - w * scale) / 2, y, w * scale, h * scale)
            pictures.append(Picture(image.png, box, spoken(image.tex)))
            y += h * scale + EQUATION_GAP
        point = "The page's key equations (TeX): " + " | ".join(image.tex for image in images)
        return [self.slide(EQUATIONS_TITLE, pictures, notes(point, self.deck.misconceptions, []))]

    def verdicts(self) -> list[Slide]:
        """The page's ledger rows in a table at TABLE_SIZE, as many slides as they need."""
        deck, width, height = self.deck, self.width, self.height
        if not deck.verdicts:
            return []
        columns = (*VERDICT_COLUMNS, ("Why", width - 1 - 5.9))
        # A row's height at TABLE_SIZE: its tallest cell, plus the cell's margins.
        row_heights = [
            max(
                line_count(value, w - 0.2, TABLE_SIZE) for value, (_, w) in zip((v.claim, v.verdict, v.reason), columns)
            )
            * TABLE_SIZE
            * LINE_SPACING
            / 72
            + 0.12
            for v in deck.verdicts
        ]
        header = TABLE_SIZE * LINE_SPACING / 72 + 0.12
        found = []
        for n, group in enumerate(pack(row_heights, height - BODY_TOP - 0.3 - header)):
            shown = [deck.verdicts[i] for i in group]
            table = Table(
                Box(0.5, BODY_TOP, width - 1, 0.5 * (len(shown) + 1)),
                list(columns),
                [(v.claim, v.verdict, v.reason) for v in shown],
                TABLE_SIZE,
            )
            point = "Verdicts from the site's analogy ledger, each with its reason: " + "; ".join(
                f"{v.claim}: {v.verdict} ({v.reason})" for v in shown
            )
            sources = list(dict.fromkeys(s for v in shown for s in v.sources))
            title = VERDICT_TITLE + (CONTINUED if n else "")
            found.append(self.slide(title, [table], notes(point, deck.misconceptions, sources)))
        return found

    def questions(self) -> list[Slide]:
        """The page's exercises, numbered, at BODY_SIZE; their worked solutions in the notes."""
        deck = self.deck
        numbered = [[(f"{n}. ", ""), *q] for n, q in enumerate(deck.questions, start=1)]
        box = Box(0.5, 1.4, self.width - 1, self.height - 1.4 - 0.3)
        heights = [
            line_count(plain(q), box.width, BODY_SIZE) * BODY_SIZE * LINE_SPACING / 72 + BODY_SIZE * 0.4 / 72
            for q in numbered
        ]
        found = []
        for n, group in enumerate(pack(heights, box.height)):
            point = "The page's exercises, asked as questions. Their worked solutions, as the page gives them:"
            answers = [
                f"Question {i + 1}: {deck.solutions[i]}" for i in group if i < len(deck.solutions) and deck.solutions[i]
            ]
            text = TextBox(box, [numbered[i] for i in group], BODY_SIZE)
            note = notes(point, deck.misconceptions, deck.references if n == 0 else [], answers)
            found.append(self.slide(QUESTIONS_TITLE + (CONTINUED if n else ""), [text], note))
        return found


def release_moment(version: str) -> datetime:
    """The release's date from the deck's version line (the deck's files are dated by it,
    so that two builds of one release give the same bytes)."""
    released = RELEASED.search(version)
    return datetime(*map(int, released.groups())) if released else datetime(2000, 1, 1)


def lay_out(deck: Deck, figure_pngs: list[bytes], equations: list[EquationImage], theme: Theme = LIGHT) -> SlideDeck:
    """The deck's slides: title, figures (``figure_pngs`` in the order of ``deck.figures``),
    equations, verdicts, questions. The theme changes colours only, never the layout."""
    layout = Layout(deck)
    slides = [s for fig, png in zip(deck.figures, figure_pngs, strict=True) for s in layout.figure(fig, png)]
    slides += layout.equations(equations) + layout.verdicts() + layout.questions()
    return SlideDeck(layout.width, layout.height, layout.opening(), slides, release_moment(deck.version), theme)
