"""A phone layout of a figure, made from the same Figure object after the desktop copy
is saved (issue 29, "Phones: figures designed for 390 px"): snippets' figures in
nn_site/engine/worker.py, notebooks' in their kernel (nn_site/notebooks/figures.py).

A desktop figure (7 in wide, 12-pt text) drawn across a 390-px phone shrinks to 58 %:
its text to 9 px, mathtext sub- and superscripts (0.7x, as in TeX) to 6.5 px, and
side-by-side panels to 180 px each. Instead of re-running the snippet with a phone
branch (the code a reader sees stays the code that ran), ``relayout`` changes the
figure in place:

- its width becomes the phone column (``PHONE_WIDTH_PX``, measured in the built site:
  a figure runs across the whole 390-px screen), so it is shown at its natural size;
- every text (ticks, labels, titles, legends, annotations) gets at least the size
  whose smallest glyph is ``MIN_GLYPH_PX`` CSS px there, as mathtext really draws
  it (``smallest_glyph``: a sub/superscript is 0.7x the text, a script of a script
  0.49x); the desktop copy gets the same rule (``grow_texts``) before it is saved;
- the panels of a grid are stacked in reading order, one per row (a 1 x 3 grid becomes
  3 x 1, a 2 x 2 becomes 4 x 1): each axes gets a cell of a new GridSpec through
  ``set_subplotspec``, so the snippet's axes array keeps its shape and twins
  (``twinx``), colorbars and insets follow their parent;
- its height is the stacked rows, each as tall as a desktop row within
  ``ROW_HEIGHT_IN``, or taller for a fixed-aspect axes (a square plane, a drawing) to
  span ``FIXED_ASPECT_FILL`` of the width; a stacked row of drawings only (all
  fixed-aspect) is as tall as its own drawing needs, so drawings of different heights
  (a short list beside a long one on a desktop) stack without gaps; a figure legend beside the panels
  ("outside right") moves below them and adds its height;
- a figure those rows would make much taller than a phone screen (``TALL_PHONE_PX``) is
  laid out tighter (issue 29, "Reading 2"): three or more small multiples (every panel
  sharing an axis, or all with the same x and y ranges; no bars named on the y axis) go
  two a row in reading order (``_two_columns``: a 1 x 3 grid becomes 2 x 2 with one cell
  empty, a 2 x 2 stays 2 x 2), their titles' own lines kept; other panels stack in rows
  of their share of ``PHONE_SCREEN_PX`` (at least ``SHORT_ROW_IN``), a square plane
  among them spanning ``TALL_FIXED_ASPECT_FILL`` of the width;
- the layout engine the figure used (constrained or tight) lays it out again;
- then the figure is drawn and what does not fit is fixed, one kind of change per
  draw (``fit``): a legend wider than its room gets fewer columns, then wrapped labels;
  one beside its axes moves inside, one above its axes that meets the title starts at the
  axes' left edge under the raised title, one that covers data moves to the emptiest place
  (matplotlib's loc="best") or above its axes; numeric tick labels that touch are
  thinned to every 2nd (3rd, ...) one, long category names are wrapped and a crowded
  list of them makes the figure taller; a title or label cut by the figure's edge is
  wrapped at spaces outside $math$; stacked rows move apart until each panel's title is
  ``PANEL_GAP_PX`` clear of the tick labels, tick marks and x label above it
  (``title_gaps``); a plot shorter than ``MIN_PLOT_PX`` (a legend moved above it), or a
  square plane narrowed by its row's height, makes its row and the figure taller.

A figure this cannot lay out (an axes placed by hand with ``add_axes``, an axes over
several grid cells, nested grids), or whose texts still overlap or are cut after
fitting, or whose stacked titles still sit on the ticks above them, keeps its desktop
layout and the reason is returned: the page then shows the
desktop copy scaled to the phone, and the build log names the figure and the reason.
"""

from __future__ import annotations

import functools
import math
import re
import textwrap

import matplotlib
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.gridspec import GridSpec, SubplotSpec
from matplotlib.layout_engine import ConstrainedLayoutEngine, TightLayoutEngine
from matplotlib.legend import Legend
from matplotlib.mathtext import MathTextParser
from matplotlib.text import Text
from matplotlib.ticker import FixedLocator, Formatter
from matplotlib.transforms import Bbox

PX_PER_PT = 4 / 3  # CSS: 1 pt = 4/3 px
PHONE_WIDTH_PX = 390  # the figure's width at a 390-px viewport (it bleeds to the screen edges)
MIN_GLYPH_PX = 11.0  # smallest glyph of any figure text, in CSS px at the figure's natural size
ROW_HEIGHT_IN = (2.4, 3.6)  # a stacked panel's height on a phone, at least / at most
# A fixed-aspect axes fills this share of the phone's width, plus this many inches of
# height for its title and x label (ticks and labels beside it take the rest of the width).
FIXED_ASPECT_FILL, FIXED_ASPECT_MARGIN_IN = 0.75, 1.0
# A stacked panel's title is read with its own panel, not as a label of the ticks above it:
# at least this much clear space (CSS px) between it and the tick labels or x label of the
# panel above (constrained layout alone left 6-10 px; visual review 5, issue 29).
PANEL_GAP_PX = 16.0
# The plotting area of a panel (an axes whose aspect follows its box) is at least this tall
# (CSS px): a legend moved above it or long tick labels must not leave a strip of data.
MIN_PLOT_PX = 150.0
CSS_PX_PER_IN = 96.0
# A phone figure fits about one phone screen, this tall (CSS px; issue 29, "Reading 2":
# stacked figures of 860-1310 px at 390 px). A figure whose stacked panels would be much
# taller (TALL_PHONE_PX) is laid out tighter: three or more small multiples (panels that
# share an axis or show the same data range) in two columns; other panels stacked in
# shorter rows, each plot still MIN_PLOT_PX tall (``_fit_heights``).
PHONE_SCREEN_PX = 650.0
# Only a figure taller than this (CSS px) stacked is laid out tighter: one a little over a
# screen (three desktop rows of 2.4 in, 691 px) keeps its rows.
TALL_PHONE_PX = 720.0
TWO_COLUMN_ROW_IN = 2.5  # a row of two small multiples, at most
SHORT_ROW_IN = 1.9  # a stacked row of a tall figure, at least
TALL_FIXED_ASPECT_FILL = 0.6  # a square plane stacked with plots in a tall figure
FIT_ROUNDS = 8  # draws spent making legends, long texts, crowded ticks and short panels fit
_MATH = MathTextParser("path")


@functools.lru_cache(maxsize=4096)
def smallest_glyph(text: str) -> float:
    """The smallest glyph of ``text`` as a fraction of its font size: 1 for plain text;
    for mathtext what its parser really draws (a sub/superscript 0.7, a script of a
    script 0.49, the radical of ``\\sqrt`` about 0.59)."""
    smallest = 1.0
    for line in text.split("\n"):  # matplotlib lays out each line on its own
        if not _has_math(line):
            continue
        try:
            parsed = _MATH.parse(line, dpi=72, prop=FontProperties(size=100))
        except ValueError:  # not valid mathtext: drawn as plain text
            continue
        smallest = min([smallest] + [glyph[1] / 100 for glyph in parsed.glyphs])
    return smallest


def min_points(text: str) -> float:
    """The smallest font size (pt) at which every glyph of ``text`` is MIN_GLYPH_PX."""
    # Rounded up to a quarter point: the check measures glyphs as drawn, never below.
    return math.ceil(MIN_GLYPH_PX / PX_PER_PT / smallest_glyph(text) * 4) / 4


def _has_math(text: str) -> bool:
    return text.count("$") - text.count(r"\$") >= 2


def grow_texts(fig: Figure) -> None:
    """Every text of ``fig`` at least the size whose smallest glyph is MIN_GLYPH_PX at the
    figure's natural size (most are already: the site style draws 12-pt text)."""
    for ax in fig.axes:
        # Tick labels are made again when the figure is drawn at a new size: set the
        # size on the axis (tick_params), not only on the labels that exist now.
        for axis in (ax.xaxis, ax.yaxis):
            for which, ticks in (("major", axis.get_major_ticks()), ("minor", axis.get_minor_ticks())):
                labels = [t.label1 for t in ticks] + [t.label2 for t in ticks]
                if not labels:
                    continue
                current = max(label.get_fontsize() for label in labels)
                needed = max([current] + [min_points(label.get_text()) for label in labels])
                if _uses_math(axis):  # 10⁶ is written $10^{6}$: labels to come may hold math
                    needed = max(needed, min_points("$x^{6}$"))
                if needed > current:
                    ax.tick_params(axis=axis.axis_name, which=which, labelsize=needed)
    for text in fig.findobj(Text):
        if text.get_text() and text.get_fontsize() < min_points(text.get_text()):
            text.set_fontsize(min_points(text.get_text()))


def _uses_math(axis: Axis) -> bool:
    formatter = axis.get_major_formatter()
    return bool(getattr(formatter, "_useMathText", False))


def _cells(fig: Figure) -> tuple[GridSpec, list[tuple[Axes, int]]] | str:
    """The one grid the figure's axes sit in and each axes' cell number (row-major); or
    why the figure cannot be restacked."""
    grids: set[int] = set()
    grid = None
    placed: list[tuple[Axes, int]] = []
    for ax in fig.axes:
        spec: SubplotSpec | None = ax.get_subplotspec()
        if spec is None:
            # Colorbars and insets are placed from their parent by the layout; others by hand.
            if getattr(ax, "_colorbar", None) is not None or ax.get_axes_locator() is not None:
                continue
            return "an axes placed by hand (add_axes)"
        top = spec.get_topmost_subplotspec()
        gs = top.get_gridspec()
        if id(gs) not in grids:
            grids.add(id(gs))
            grid = gs
        if len(grids) > 1:
            return "axes in more than one grid (nested GridSpecs)"
        if top.num1 != top.num2:
            return "an axes spans several grid cells"
        placed.append((ax, top.num1))
    if grid is None:
        return "no grid of axes"
    return grid, placed


def relayout(fig: Figure) -> str | None:
    """Lay ``fig`` out for a phone, in place; None if done, else why it was left as it is."""
    found = _cells(fig)
    if isinstance(found, str):
        return found
    grid, placed = found
    rows, cols = grid.get_geometry()
    width, height = fig.get_size_inches()
    cells = sorted({cell for _, cell in placed})
    row_height = min(max(height / rows, ROW_HEIGHT_IN[0]), ROW_HEIGHT_IN[1])
    phone_width = PHONE_WIDTH_PX / PX_PER_PT / 72
    # A fixed-aspect axes (a square plane, a drawing) is as wide as the phone allows only
    # if its row is tall enough: otherwise it shrinks and its texts crowd it.
    row_height = max([row_height] + [_fixed_aspect_height(ax, phone_width) for ax, _ in placed])
    if cols > 1:
        # One panel per row, in reading order (row-major cell number); empty cells dropped.
        # A row of drawings (every axes fixed-aspect) is as tall as its own drawing needs,
        # so a short drawing stacked with a tall one leaves no gap under it.
        heights = [
            _stacked_row_height([ax for ax, c in placed if c == cell], phone_width, row_height) for cell in cells
        ]
        if sum(heights) * CSS_PX_PER_IN > TALL_PHONE_PX:
            if len(cells) >= 3 and _small_multiples(placed):
                total_height = _two_columns(fig, placed, cells, phone_width, height / rows)
                return _finish(fig, phone_width, total_height)
            else:
                # Other panels stack in shorter rows: each as tall as its share of one
                # screen (a drawing as its own drawing needs), the plots kept readable.
                # A square plane among plots spans TALL_FIXED_ASPECT_FILL of the width.
                base = min(height / rows, ROW_HEIGHT_IN[1])
                heights = [
                    _stacked_row_height([ax for ax, c in placed if c == cell], phone_width, base) for cell in cells
                ]
                if base in heights:
                    fig._phone_fill = TALL_FIXED_ASPECT_FILL  # read by _fit_heights
                    heights = [
                        _stacked_row_height(
                            [ax for ax, c in placed if c == cell], phone_width, base, TALL_FIXED_ASPECT_FILL
                        )
                        for cell in cells
                    ]
                free = [h for h in heights if h == base]
                room = PHONE_SCREEN_PX / CSS_PX_PER_IN - (sum(heights) - sum(free))
                if free:
                    short = min(base, max(SHORT_ROW_IN, room / len(free)))
                    heights = [short if h == base else h for h in heights]
        stacked = GridSpec(len(cells), 1, figure=fig, height_ratios=heights)
        for ax, cell in placed:
            ax.set_subplotspec(stacked[cells.index(cell), 0])
            # Shared axes showed tick labels on the outer panels only; stacked, each
            # panel shows its own (the snippet's own choices of tick labels stay).
            if len(ax.get_shared_x_axes().get_siblings(ax)) > 1:
                ax.tick_params(axis="x", which="both", labelbottom=True)
            if len(ax.get_shared_y_axes().get_siblings(ax)) > 1:
                ax.tick_params(axis="y", which="both", labelleft=True)
        total_height = sum(heights)
    else:
        total_height = rows * row_height
    return _finish(fig, phone_width, total_height)


def _finish(fig: Figure, phone_width: float, total_height: float) -> str | None:
    """Size the restacked ``fig``, grow its texts, lay it out and fit it."""
    fig.set_size_inches(phone_width, total_height + _legends_below(fig))
    grow_texts(fig)
    if fig.get_layout_engine() is None:
        fig.tight_layout()  # a figure laid out once by the snippet (plt.tight_layout())
    problems = fit(fig)
    if problems:
        return "at phone width " + "; ".join(problems[:3])
    return None


def _small_multiples(placed: list[tuple[Axes, int]]) -> bool:
    """Panels that are one kind of plot (small multiples): one axes a cell (no twins),
    each sharing an axis with another or all with the same x and y ranges."""
    axes = [ax for ax, _ in placed]
    if len({cell for _, cell in placed}) != len(axes):
        return False
    # Bars named on the y axis (a category a row) need most of a phone's width for the
    # names: two a row the bars would be slivers.
    if any(_named([t.label1 for t in ax.yaxis.get_major_ticks() if t.label1.get_text()]) for ax in axes):
        return False
    shared = all(
        len(ax.get_shared_x_axes().get_siblings(ax)) > 1 or len(ax.get_shared_y_axes().get_siblings(ax)) > 1
        for ax in axes
    )
    same_range = len({(ax.get_xlim(), ax.get_ylim()) for ax in axes}) == 1
    return shared or same_range


def _two_columns(
    fig: Figure, placed: list[tuple[Axes, int]], cells: list[int], width: float, desktop_row: float
) -> float:
    """Lay small multiples out two a row, in reading order; the figure's height (in).
    An axes in the left column shows its y tick labels, the lowest of each column its
    x tick labels (a shared axis showed them on the desktop's outer panels only)."""
    rows = math.ceil(len(cells) / 2)
    row_height = min(max(desktop_row, ROW_HEIGHT_IN[0]), TWO_COLUMN_ROW_IN)
    row_height = max([row_height] + [_fixed_aspect_height(ax, width / 2) for ax, _ in placed])
    grid = GridSpec(rows, 2, figure=fig)
    fig._phone_two_columns = True  # read by _shorten
    for ax, cell in placed:
        row, col = divmod(cells.index(cell), 2)
        ax.set_subplotspec(grid[row, col])
        lowest = row == rows - 1 or cells.index(cell) + 2 >= len(cells)
        if col == 0 and len(ax.get_shared_y_axes().get_siblings(ax)) > 1:
            ax.tick_params(axis="y", which="both", labelleft=True)
        if lowest and len(ax.get_shared_x_axes().get_siblings(ax)) > 1:
            ax.tick_params(axis="x", which="both", labelbottom=True)
    return rows * row_height


def _grid_rows(fig: Figure) -> GridSpec | None:
    """The one grid the figure's (restacked) axes sit in, or None."""
    for ax in fig.axes:
        spec = ax.get_subplotspec()
        if spec is not None:
            return spec.get_topmost_subplotspec().get_gridspec()
    return None


def _widen_row_gaps(fig: Figure, inches: float) -> None:
    """Add ``inches`` between stacked rows, on top of what the layout engine keeps around
    each panel's decorations: constrained layout's ``hspace`` (a share of the figure's
    height, spread over the gaps), tight layout's ``h_pad`` (in font sizes)."""
    grid = _grid_rows(fig)
    rows = grid.get_geometry()[0] if grid is not None else 1
    if rows < 2 or inches <= 0:
        return
    engine = fig.get_layout_engine()
    height = fig.get_size_inches()[1]
    if isinstance(engine, ConstrainedLayoutEngine):
        share = inches * (rows - 1) / height
        if grid.hspace is not None:  # the snippet's own spacing (gridspec_kw) wins over the engine's
            grid.update(hspace=grid.hspace + share)
        else:
            engine.set(hspace=engine.get()["hspace"] + share)
        return
    pad_pt = inches * 72 / matplotlib.rcParams["font.size"]  # tight layout pads in font sizes
    if isinstance(engine, TightLayoutEngine):
        engine.set(h_pad=(engine.get()["h_pad"] or engine.get()["pad"]) + pad_pt)
    else:  # laid out once (plt.tight_layout()): lay out once again with the wider gaps
        fig.tight_layout(h_pad=1.08 + pad_pt)


def _stacked_row_height(axes: list[Axes], width: float, row_height: float, fill: float = FIXED_ASPECT_FILL) -> float:
    """The height (in) of one stacked row holding ``axes`` (a panel and its twins): its
    drawings' own height if every one has a fixed aspect, else the common ``row_height``."""
    needed = [_fixed_aspect_height(ax, width, fill) for ax in axes]
    if not needed or not all(needed):
        return row_height
    return max(needed)


def _legends_below(fig: Figure) -> float:
    """Move each figure legend beside the panels ("outside right upper"), which would
    take most of a phone's width from them, below the panels; the height (in) they add."""
    added = 0.0
    for legend in fig.legends:
        if legend._outside_loc in ("left", "right"):
            added += legend.get_window_extent(fig.canvas.get_renderer()).height / fig.dpi
            legend.set_loc("outside lower center")  # constrained layout keeps room for it
    return added


def _fixed_aspect_height(ax: Axes, width: float, fill: float = FIXED_ASPECT_FILL) -> float:
    """The row height (in) in which ``ax``, drawn with its fixed data aspect across
    ``FIXED_ASPECT_FILL`` of a figure ``width`` in wide, keeps room for its title and
    x label; 0 for an axes whose aspect follows its box ("auto")."""
    aspect = ax.get_aspect()
    if aspect == "auto":
        return 0.0
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    if x1 == x0:
        return 0.0
    box = float(aspect) * abs(y1 - y0) / abs(x1 - x0)
    return min(width * fill * box + FIXED_ASPECT_MARGIN_IN, ROW_HEIGHT_IN[1] * 2)


# ---- Making it fit: each step changes only what the drawn figure shows does not fit ----


def _bbox(artist: Artist, renderer: RendererBase) -> Bbox:
    return artist.get_window_extent(renderer)


def _wrap(text: str, width: int) -> str:
    """``text`` broken at spaces outside $math$ into lines of about ``width`` characters."""
    protected = re.sub(r"\$[^$]*\$", lambda m: m[0].replace(" ", "\0"), text)
    lines = textwrap.wrap(protected, max(width, 6), break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines).replace("\0", " ")


def _shorten(text: Text, renderer: RendererBase, available: float) -> bool:
    """Wrap ``text`` so that it is at most ``available`` display units long (wide, or
    tall for a vertical label); True if changed."""
    content = text.get_text()
    box = _bbox(text, renderer)
    width = box.height if text.get_rotation() % 180 else box.width
    if width <= available or " " not in content.replace("\n", " "):
        return False
    longest = max(len(line) for line in content.split("\n"))
    chars = int(longest * available / width * 0.95)
    if getattr(text.get_figure(root=True), "_phone_two_columns", False):
        # Small multiples two a row: a title's own lines stay ("test accuracy 95.8 %"
        # under the name), each wrapped alone, a number kept with its per cent sign and
        # with the name it is the value of ("y = 0.7231").
        kept = [re.sub(r"(\S+) = (?=[−\-\d])", "\\1\0=\0", line.replace(" %", "\0%")) for line in content.split("\n")]
        wrapped = "\n".join(_wrap(line, chars) for line in kept)
        wrapped = wrapped.replace("\0", " ")
    else:
        wrapped = _wrap(content.replace("\n", " "), chars)
    if wrapped == content:
        return False
    text.set_text(wrapped)
    return True


def _legends(fig: Figure) -> list[Legend]:
    return [*fig.legends, *(ax.get_legend() for ax in fig.axes if ax.get_legend() is not None)]


def _fit_legends(fig: Figure, renderer: RendererBase) -> bool:
    """A legend wider than its axes (or the figure, for a figure legend) gets fewer
    columns, then wrapped labels; one beside its axes moves into it, and one inside its
    axes that covers data moves to the emptiest place (loc="best", matplotlib's own rule)."""
    changed = False
    for legend in _legends(fig):
        box = _bbox(legend, renderer)
        if hasattr(legend, "_phone_title_offset"):  # above its axes: wrapped labels made it taller
            changed |= _raise_title(legend, box)
        inside = legend.isaxes and legend.get_bbox_to_anchor() == legend.axes.bbox
        # Inside its axes a legend has the axes' width; outside, it ends at the figure's edge.
        room = legend.axes.bbox.width - 4 if inside else min(fig.bbox.width, fig.bbox.x1 - box.x0) - 4
        if legend.isaxes and not inside and box.x0 >= legend.axes.bbox.x1 - 1:
            legend.set_bbox_to_anchor(None)  # beside the axes, it would squeeze it: inside
            legend.set_loc("best")
            changed = True
        elif legend.isaxes and not inside and box.y0 >= legend.axes.bbox.y1 - 1 and _hits_title(legend, renderer):
            # Above its axes, beside the title on a desktop; on a phone they meet: the
            # legend starts at the axes' left edge and the title goes above it.
            _above_under_title(legend, box)
            changed = True
        elif inside and box.width > room and not _titled(legend.axes):
            _above_under_title(legend, box)  # above, from the axes' left edge to the figure's right
            changed = True
        elif box.width > room:
            if legend._ncols > 1:
                _set_columns(legend, max(1, min(legend._ncols - 1, int(legend._ncols * room / box.width))))
                changed = True
                continue
            # The widest label sets the legend's width: each label gets the room the
            # legend has less its markers and padding (short ones stay as they are).
            widest = max(_bbox(text, renderer).width for text in legend.get_texts())
            for text in legend.get_texts():
                changed |= _shorten(text, renderer, widest - (box.width - room) - 2)
        elif inside and _covers_data(legend, renderer):
            if legend._loc != 0:
                legend.set_loc("best")
            else:  # even the emptiest place covers data: above the axes, under its raised title
                _above_under_title(legend, box)
            changed = True
    return changed


def _above_under_title(legend: Legend, box: Bbox) -> None:
    """Place ``legend`` above its axes from the left edge, the axes' titles above it."""
    legend.set_bbox_to_anchor((0, 1), transform=legend.axes.transAxes)
    legend.set_loc("lower left")
    if not _titled(legend.axes):
        # The layout counts a title's box, never an empty one's (zero size): a blank
        # title marks the top of the legend for it (at the text size: its space is
        # drawn, and measured by the figure check, as a glyph).
        legend.axes.set_title(" ", loc="left", fontsize=matplotlib.rcParams["font.size"])
    _raise_title(legend, box)
    # The raised title keeps the legend's height in the layout; the legend's width may
    # run past the axes' right edge up to the figure's (no narrower axes for it).
    legend.set_in_layout(False)


def _titled(ax: Axes) -> bool:
    return any(title.get_text().strip() for title in (ax.title, ax._left_title, ax._right_title))


def _raise_title(legend: Legend, box: Bbox) -> bool:
    """Raise the titles of ``legend``'s axes above the legend's ``box``; True if they moved."""
    fig = legend.axes.get_figure(root=True)
    offset = matplotlib.rcParams["axes.titlepad"] + box.height * 72 / fig.dpi + 2
    if abs(getattr(legend, "_phone_title_offset", 0.0) - offset) <= 0.5:
        return False
    legend.axes._set_title_offset_trans(offset)
    legend._phone_title_offset = offset  # the legend is above its axes, under the titles
    return True


def _hits_title(legend: Legend, renderer: RendererBase) -> bool:
    box = _bbox(legend, renderer)
    ax = legend.axes
    titles = (ax.title, ax._left_title, ax._right_title)
    return any(title.get_text() and _overlap(box, _bbox(title, renderer)) for title in titles)


def _set_columns(legend: Legend, columns: int) -> None:
    """Pack ``legend`` again in ``columns`` columns (``set_ncols`` alone changes nothing
    once a legend is built), keeping its entries' colours, sizes and its title."""
    looks = [(t.get_text(), t.get_color(), t.get_fontproperties()) for t in legend.texts]
    title = legend.get_title()
    title_text, title_font = title.get_text(), title.get_fontproperties()
    legend.set_ncols(columns)
    legend._init_legend_box(legend.legend_handles, [text for text, _, _ in looks])
    for text, (_, color, font) in zip(legend.texts, looks):
        text.set_color(color)
        text.set_fontproperties(font)
    legend.set_title(title_text, prop=title_font)
    legend._set_loc(legend._loc)  # the new box is placed where the old one was


def _covers_data(legend: Legend, renderer: RendererBase) -> bool:
    """Data inside the legend's box, as matplotlib's own loc="best" counts it."""
    box = _bbox(legend, renderer)
    bboxes, lines, offsets = legend._auto_legend_data(renderer)
    return bool(
        sum(box.count_contains(line.vertices) for line in lines)
        + box.count_contains(offsets)
        + box.count_overlaps(bboxes)
        + sum(line.intersects_bbox(box, filled=False) for line in lines)
    )


def _free_texts(fig: Figure) -> list[Text]:
    """Titles, labels, annotations: the visible texts that are not tick or legend labels."""
    in_legends = {id(t) for legend in _legends(fig) for t in (*legend.get_texts(), legend.get_title())}
    ticks = {
        id(t)
        for ax in fig.axes
        for axis in (ax.xaxis, ax.yaxis)
        for tick in (*axis.get_major_ticks(), *axis.get_minor_ticks())
        for t in (tick.label1, tick.label2)
    }
    return [
        t
        for t in fig.findobj(Text)
        if t.get_visible()
        and t.get_text().strip()
        and id(t) not in in_legends
        and id(t) not in ticks
        and t.get_figure(root=True) is fig
    ]


def _fit_texts(fig: Figure, renderer: RendererBase) -> bool:
    """A text cut by the figure's left or right edge is wrapped to the room it has."""
    changed = False
    edge = fig.bbox
    for text in _free_texts(fig):
        box = _bbox(text, renderer)
        if text.get_rotation() % 180:  # a vertical label: the figure's height is the limit
            if box.y0 < edge.y0 - 0.5 or box.y1 > edge.y1 + 0.5:
                changed |= _shorten(text, renderer, min(box.y1, edge.y1) - max(box.y0, edge.y0) - 2)
            continue
        if box.x0 >= edge.x0 - 0.5 and box.x1 <= edge.x1 + 0.5:
            continue
        changed |= _shorten(text, renderer, min(box.x1, edge.x1) - max(box.x0, edge.x0) - 2)
    return changed


class _EveryNth(Formatter):
    """The axis' own formatter, labelling every ``n``-th tick only (the others stay, blank)."""

    def __init__(self, inner: Formatter, n: int) -> None:
        self.inner, self.n = inner, n

    def __call__(self, x: float, pos: int | None = None) -> str:
        return self.inner(x, pos)

    def format_ticks(self, values: list[float]) -> list[str]:
        return [label if i % self.n == 0 else "" for i, label in enumerate(self.inner.format_ticks(values))]

    def set_axis(self, axis: Axis) -> None:
        super().set_axis(axis)
        self.inner.set_axis(axis)

    def set_locs(self, locs: list[float]) -> None:
        self.inner.set_locs(locs)

    def get_offset(self) -> str:
        return self.inner.get_offset()


def _fit_ticks(fig: Figure, renderer: RendererBase) -> bool:
    """Tick labels that touch their neighbours: label every 2nd (3rd, ...) tick."""
    changed = False
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            labels = [t.label1 for t in axis.get_major_ticks() if t.label1.get_visible() and t.label1.get_text()]
            along = (lambda b: b.x0) if axis is ax.xaxis else (lambda b: b.y0)
            boxes = sorted((_bbox(label, renderer) for label in labels), key=along)
            crowded = any(_overlap(a, b, gap=2.0) for a, b in zip(boxes, boxes[1:]))
            named = _named(labels)
            if named and axis is ax.yaxis and isinstance(axis.get_major_locator(), FixedLocator):
                # Long category names (a bar per row) take at most 45 % of the width.
                room = 0.45 * fig.bbox.width
                widest = max(boxes, key=lambda b: b.width)
                if widest.width > room + 1:
                    lines = max(len(line) for label in labels for line in label.get_text().split("\n"))
                    axis.set_ticklabels(
                        [
                            _wrap(label.get_text().replace("\n", " "), int(lines * room / widest.width))
                            for label in (t.label1 for t in axis.get_major_ticks())
                        ]
                    )
                    changed = True
                    continue
            if crowded and named:
                # Named categories (a bar per row) are never dropped: the figure grows taller.
                if axis is ax.yaxis:
                    needed = sum(b.height + 4 for b in boxes) / max(ax.bbox.height, 1)
                    width, height = fig.get_size_inches()
                    fig.set_size_inches(width, height * min(max(needed, 1.1), 2.5))
                    changed = True
                continue
            if crowded:
                formatter = axis.get_major_formatter()
                if isinstance(formatter, _EveryNth):
                    formatter.n += 1
                else:
                    axis.set_major_formatter(_EveryNth(formatter, 2))
                changed = True
    return changed


def _named(labels: list[Text]) -> bool:
    """Tick labels that are names (categories), not numbers: never thinned."""
    return any(re.search(r"[A-Za-z]{2}", re.sub(r"\$[^$]*\$", "", label.get_text())) for label in labels)


def _overlap(a: Bbox, b: Bbox, gap: float = 0.0) -> bool:
    return min(a.x1, b.x1) - max(a.x0, b.x0) > -gap and min(a.y1, b.y1) - max(a.y0, b.y0) > -gap


def _css_px(fig: Figure, display: float) -> float:
    """A length in display units (pixels at the figure's dpi) in CSS px at natural size."""
    return display / fig.dpi * CSS_PX_PER_IN


def title_gaps(fig: Figure, renderer: RendererBase) -> list[tuple[str, float]]:
    """Each title of a panel that has a panel above it, and the clear space (CSS px)
    between the title's box and the lowest box of that panel's x tick labels, x label,
    offset text and tick marks (anywhere across the panel's width); negative if they
    overlap. What a reader sees as a title colliding with the ticks of the panel above."""
    found = []
    boxes = {ax: ax.get_window_extent(renderer) for ax in fig.axes if ax.get_visible()}
    for ax, frame in boxes.items():
        for title in (ax.title, ax._left_title, ax._right_title):
            if not (title.get_visible() and title.get_text().strip()):
                continue
            box = _bbox(title, renderer)
            above = [
                box_above
                for other, other_frame in boxes.items()
                if other_frame.y0 >= frame.y1 - 1 and min(other_frame.x1, frame.x1) > max(other_frame.x0, frame.x0)
                for box_above in _x_decorations(other, renderer)
            ]
            # Across the panel's width: a title at the left edge under an x label in the
            # middle is as cramped as one right under it.
            gaps = [b.y0 - box.y1 for b in above if b.y1 > box.y0]
            if gaps:
                found.append((title.get_text(), _css_px(fig, min(gaps))))
    return found


def _x_decorations(ax: Axes, renderer: RendererBase) -> list[Bbox]:
    """The boxes of what an axes draws under itself: its x tick labels, x label, offset
    text and, labelled or not (a shared axis), its tick marks below the frame."""
    ticks = [*ax.xaxis.get_major_ticks(), *ax.xaxis.get_minor_ticks()]
    texts = [label for tick in ticks for label in (tick.label1, tick.label2)]
    texts += [ax.xaxis.label, ax.xaxis.get_offset_text()]
    boxes = [_bbox(t, renderer) for t in texts if t.get_visible() and t.get_text().strip()]
    marks = [tick.tick1line for tick in ticks if tick.tick1line.get_visible() and tick.get_visible()]
    if ax.axison and marks and ax.xaxis.get_ticks_position() != "top":
        length = max(tick.get_tick_padding() for tick in ticks) * ax.get_figure(root=True).dpi / 72
        frame = ax.get_window_extent(renderer)
        boxes.append(Bbox.from_extents(frame.x0, frame.y0 - length, frame.x1, frame.y0))
    return boxes


def _fit_row_gaps(fig: Figure, renderer: RendererBase) -> bool:
    """A stacked title closer than PANEL_GAP_PX to the ticks or x label above it: the
    rows move apart by what is missing."""
    short = min((gap for _, gap in title_gaps(fig, renderer)), default=PANEL_GAP_PX)
    if short >= PANEL_GAP_PX - 0.5:
        return False
    _widen_row_gaps(fig, (PANEL_GAP_PX - short + 1) / CSS_PX_PER_IN)
    return True


def _fit_heights(fig: Figure, renderer: RendererBase) -> bool:
    """A plotting area shorter than MIN_PLOT_PX (a legend moved above it, tick labels and
    titles taking its row), or a fixed-aspect one narrower than FIXED_ASPECT_FILL of the
    width because its row is too short: its row, and the figure, grow by what is missing."""
    grid = _grid_rows(fig)
    if grid is None:
        return False
    rows = grid.get_geometry()[0]
    missing = [0.0] * rows
    for ax in fig.axes:
        spec = ax.get_subplotspec()
        if spec is None or not ax.get_visible() or not ax.axison:
            continue  # colorbars, insets, drawings without a frame, hidden axes
        row = spec.get_topmost_subplotspec().rowspan.start
        box = ax.get_position(original=False).transformed(fig.transFigure)
        if ax.get_aspect() == "auto":
            short = 1.05 * (MIN_PLOT_PX - _css_px(fig, box.height))
        else:  # a square plane narrowed by its row's height (a legend below took it)
            # Not quite to FIXED_ASPECT_FILL: a square the width limits would push its
            # y label off the figure (constrained layout keeps the margins of the last draw).
            wanted = 0.95 * getattr(fig, "_phone_fill", FIXED_ASPECT_FILL) * fig.bbox.width
            short = _css_px(fig, (wanted - box.width) * box.height / box.width) if box.width < 0.9 * wanted else 0
        missing[row] = max(missing[row], short / CSS_PX_PER_IN)
    if max(missing) <= 0.5 / CSS_PX_PER_IN:
        return False
    width, height = fig.get_size_inches()
    ratios = grid.get_height_ratios() or [1.0] * rows
    # Each row's share of the figure's height now, in inches, plus what it misses.
    inches = [height * r / sum(ratios) + max(m, 0.0) for r, m in zip(ratios, missing)]
    grid.set_height_ratios(inches)
    fig.set_size_inches(width, height + sum(max(m, 0.0) for m in missing))
    # Constrained layout sizes margins from the last draw: after a resize the y label of a
    # fixed-aspect axes that widened is placed right only from the second draw on.
    fig.draw_without_rendering()
    return True


def problems(fig: Figure, renderer: RendererBase) -> list[str]:
    """What the phone layout still gets wrong: a text cut by the figure edge, two texts
    on top of each other (the same checks as tests/browser/figure_check.py)."""
    found = []
    edge = fig.bbox
    texts = [(t, _bbox(t, renderer)) for t in _free_texts(fig)]
    texts += [(t, _bbox(t, renderer)) for legend in _legends(fig) for t in legend.get_texts()]
    for text, box in texts:
        if box.x0 < edge.x0 - 0.5 or box.x1 > edge.x1 + 0.5 or box.y0 < edge.y0 - 0.5 or box.y1 > edge.y1 + 0.5:
            found.append(f"text {text.get_text()!r} is cut by the figure edge")
    for i, (a, box_a) in enumerate(texts):
        for b, box_b in texts[i + 1 :]:
            if _overlap(box_a, box_b, gap=-0.5):
                found.append(f"texts {a.get_text()!r} and {b.get_text()!r} overlap")
    for title, gap in title_gaps(fig, renderer):
        if gap < PANEL_GAP_PX - 0.5:
            found.append(f"title {title!r} is {gap:.0f} px under the tick labels of the panel above")
    return found


def fit(fig: Figure) -> list[str]:
    """Draw, fix what does not fit, draw again (at most FIT_ROUNDS times); what is left."""
    for _ in range(FIT_ROUNDS):
        # Runs the figure's layout engine and sets every artist's place, without the
        # pixels (only the sizes are read here): about half the CPU of canvas.draw().
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()
        # One kind of change per draw, legends first: a legend moved frees room for the rest.
        changed = (
            _fit_legends(fig, renderer)
            or _fit_ticks(fig, renderer)
            or _fit_texts(fig, renderer)
            or _fit_row_gaps(fig, renderer)
            or _fit_heights(fig, renderer)
        )
        if not changed:
            return problems(fig, renderer)
    fig.draw_without_rendering()
    return problems(fig, fig.canvas.get_renderer())
