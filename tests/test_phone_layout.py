"""The phone layout of a figure (nn_site/engine/phone.py): the same Figure object laid
out for a 390-px column, panels stacked, every glyph >= 11 px, the same bytes each time."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nn_site.engine import phone  # noqa: E402
from nn_site.engine.svg import compact  # noqa: E402
from nn_site.paths import ROOT  # noqa: E402

STYLE = ROOT / "snippets" / "site.mplstyle"


def one_by_three(shared: bool = True):
    """A desktop figure as snippets draw one: three panels side by side, mathtext labels
    with sub- and superscripts, shared y (inner tick labels hidden), a legend. Not
    ``shared``: three kinds of plot (own y, own x ranges)."""
    matplotlib.rcdefaults()
    matplotlib.style.use(STYLE)
    matplotlib.rcParams["svg.hashsalt"] = "phone-test"
    fig, axes = plt.subplots(1, 3, figsize=(7, 3.2), sharey=shared)
    x = np.linspace(0, 1, 50)
    for k, ax in enumerate(axes):
        ax.plot(x * (1 if shared else k + 1), x ** (k + 1), label=f"$x^{k + 1}$")
        ax.set_xlabel(r"input $x_\mathrm{in}$")
        ax.set_title(f"power {k + 1}")
    axes[0].set_ylabel(r"output $y$ (10$^{3}$ units)")
    axes[0].legend()
    return fig, axes


def svg_bytes(fig) -> bytes:
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return compact(out.getvalue()).encode()


def test_a_one_by_three_grid_becomes_three_by_one_at_phone_width():
    """Three kinds of plot side by side are stacked, in shorter rows than a desktop row
    would give them: the figure is about one phone screen tall (issue 29, "Reading 2")."""
    fig, axes = one_by_three(shared=False)
    assert phone.relayout(fig) is None
    assert axes.shape == (3,)  # the snippet's array keeps its shape
    geometry = [ax.get_subplotspec().get_topmost_subplotspec().get_geometry() for ax in axes]
    assert [g[:2] for g in geometry] == [(3, 1)] * 3
    assert [ax.get_subplotspec().rowspan.start for ax in axes] == [0, 1, 2]
    width, height = fig.get_size_inches()
    assert width * 72 * phone.PX_PER_PT == pytest.approx(phone.PHONE_WIDTH_PX)
    # about one screen: rows grow from the short ones only where a title or plot needs it
    assert 3 * phone.SHORT_ROW_IN <= height and height * phone.CSS_PX_PER_IN <= phone.PHONE_SCREEN_PX + 60
    assert height < 3 * 3.2  # a desktop row each, as before
    fig.canvas.draw()
    boxes = [ax.get_position() for ax in axes]
    assert boxes[0].y0 > boxes[1].y1 > boxes[1].y0 > boxes[2].y1  # one above the other
    renderer = fig.canvas.get_renderer()
    assert all(phone._css_px(fig, ax.get_window_extent(renderer).height) >= phone.MIN_PLOT_PX - 1 for ax in axes)
    plt.close(fig)


def test_small_multiples_one_by_three_go_two_a_row_on_a_phone():
    """Three panels sharing their y axis (small multiples) stacked one a row were 860-1310
    px tall at 390 px (issue 29, "Reading 2"): two a row, in reading order, they fit one
    phone screen; the panel that starts the second row shows its y tick labels again."""
    fig, axes = one_by_three()
    assert phone.relayout(fig) is None
    assert axes.shape == (3,)
    spans = [(ax.get_subplotspec().rowspan.start, ax.get_subplotspec().colspan.start) for ax in axes]
    assert spans == [(0, 0), (0, 1), (1, 0)]
    assert [ax.get_subplotspec().get_gridspec().get_geometry() for ax in axes] == [(2, 2)] * 3
    height = fig.get_size_inches()[1] * phone.CSS_PX_PER_IN
    assert height <= phone.PHONE_SCREEN_PX, height
    fig.canvas.draw()
    assert axes[2].yaxis.get_major_ticks()[1].label1.get_visible()  # left column: labels again
    assert not axes[1].yaxis.get_major_ticks()[1].label1.get_visible()  # the snippet's choice
    renderer = fig.canvas.get_renderer()
    assert not phone.problems(fig, renderer)
    assert all(gap >= phone.PANEL_GAP_PX - 0.5 for _, gap in phone.title_gaps(fig, renderer))
    plt.close(fig)


def test_a_two_by_two_grid_of_small_multiples_keeps_two_columns_and_fits_a_screen():
    """depth's sawtooth (2 x 2, shared x and y) was 922 px tall at 390 px, stacked."""
    matplotlib.rcdefaults()
    matplotlib.style.use(STYLE)
    fig, axes = plt.subplots(2, 2, figsize=(7, 4.6), sharex=True, sharey=True, layout="constrained")
    x = np.linspace(0, 1, 200)
    for k, ax in enumerate(axes.flat):
        ax.plot(x, np.abs(((2 ** k) * x) % 1 - 0.5))
        ax.set_title(f"{k + 1} layers: {2 ** (k + 1)} pieces")
    assert phone.relayout(fig) is None
    assert axes.shape == (2, 2)
    assert [ax.get_subplotspec().get_gridspec().get_geometry() for ax in axes.flat] == [(2, 2)] * 4
    assert fig.get_size_inches()[1] * phone.CSS_PX_PER_IN <= phone.PHONE_SCREEN_PX
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    assert not phone.problems(fig, renderer)
    plt.close(fig)


def test_a_short_figure_is_stacked_as_before():
    """Two panels whose stacked rows fit one screen are stacked one a row, at desktop
    row heights: the two-column and short-row layouts are for tall figures only."""
    matplotlib.rcdefaults()
    matplotlib.style.use(STYLE)
    fig, axes = plt.subplots(1, 2, figsize=(7, 2.8), sharey=True)
    for ax in axes:
        ax.plot([0, 1], [0, 1])
    assert phone.relayout(fig) is None
    assert [ax.get_subplotspec().get_gridspec().get_geometry() for ax in axes] == [(2, 1)] * 2
    assert fig.get_size_inches()[1] == pytest.approx(2 * 2.8)
    plt.close(fig)


def test_every_glyph_of_the_phone_layout_is_at_least_11_px():
    fig, _ = one_by_three()
    phone.relayout(fig)
    fig.canvas.draw()
    texts = [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text()]
    assert any("$" in t.get_text() for t in texts)  # sub/superscripts are measured too
    for text in texts:
        smallest_px = text.get_fontsize() * phone.smallest_glyph(text.get_text()) * phone.PX_PER_PT
        assert smallest_px >= phone.MIN_GLYPH_PX, (text.get_text(), smallest_px)
    plt.close(fig)


def test_smallest_glyph_is_what_mathtext_draws():
    assert phone.smallest_glyph("plain text") == 1.0
    assert phone.smallest_glyph("$x_1$") == pytest.approx(0.7)
    assert phone.smallest_glyph("$e^{x^2}$") == pytest.approx(0.49)
    assert phone.smallest_glyph("a\n$x_1$") == pytest.approx(0.7)  # each line on its own
    assert phone.min_points("$x_1$") * 0.7 * phone.PX_PER_PT >= phone.MIN_GLYPH_PX


def test_the_phone_layout_is_byte_identical_each_time():
    first, second = (svg_bytes(fig) for fig in (_relaid(), _relaid()))
    assert first == second
    assert b'width="292.5pt"' in first  # 390 CSS px


def _relaid():
    fig, _ = one_by_three()
    phone.relayout(fig)
    try:
        return fig
    finally:
        plt.close(fig)


def test_a_figure_with_a_hand_placed_axes_keeps_its_desktop_layout_and_says_why():
    matplotlib.style.use(STYLE)
    fig = plt.figure(figsize=(7, 3))
    fig.add_axes((0.1, 0.1, 0.8, 0.8)).plot([0, 1])
    assert phone.relayout(fig) == "an axes placed by hand (add_axes)"
    assert tuple(fig.get_size_inches()) == (7, 3)  # untouched
    plt.close(fig)


def test_a_legend_too_wide_for_the_phone_gets_fewer_columns():
    matplotlib.style.use(STYLE)
    fig, ax = plt.subplots(figsize=(7, 3.6))
    for k in range(5):
        ax.plot([0, 1], [k, k + 1], label=f"a long legend entry {k}")
    fig.legend(loc="outside upper center", ncols=5)
    assert phone.relayout(fig) is None
    assert fig.legends[0]._ncols < 5
    fig.canvas.draw()
    box = fig.legends[0].get_window_extent(fig.canvas.get_renderer())
    assert fig.bbox.x0 - 0.5 <= box.x0 and box.x1 <= fig.bbox.x1 + 0.5
    plt.close(fig)


def test_an_equal_aspect_square_gets_a_row_tall_enough_to_fill_the_phone_width():
    """A square plane (set_aspect("equal")) with a title and an x label: its row grows so
    that the square is about as wide as the phone and nothing is cut at top or bottom."""
    matplotlib.style.use(STYLE)
    fig, ax = plt.subplots(figsize=(4.6, 3.8))
    ax.plot([0, 1], [0, 1], label="a line")
    ax.set_xlim(-0.5, 1.5)
    ax.set_ylim(-0.5, 1.5)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_title("a square plane")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))
    assert phone.relayout(fig) is None
    width, height = fig.get_size_inches()
    assert height > phone.ROW_HEIGHT_IN[1]  # taller than an ordinary row
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    assert ax.get_window_extent(renderer).width > 0.7 * fig.bbox.width
    for text in (ax.title, ax.xaxis.label):
        box = text.get_window_extent(renderer)
        assert fig.bbox.y0 <= box.y0 and box.y1 <= fig.bbox.y1
    plt.close(fig)


def test_a_figure_legend_beside_the_panels_moves_below_them_on_a_phone():
    """fig.legend(loc="outside right upper") would take most of a phone's width: it goes
    below the axes (constrained layout keeps room for it); only its long labels wrap."""
    matplotlib.style.use(STYLE)
    fig, ax = plt.subplots(figsize=(7, 3.9))
    ax.plot([0, 1], [0, 1], label="boundaries at the start and after earlier epochs")
    ax.plot([0, 1], [1, 0], label="AND = 0")
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    fig.legend(loc="outside right upper")
    assert phone.relayout(fig) is None
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legend = fig.legends[0]
    box = legend.get_window_extent(renderer)
    assert box.y1 < ax.xaxis.label.get_window_extent(renderer).y0  # below the x label
    assert fig.bbox.x0 - 0.5 <= box.x0 and box.x1 <= fig.bbox.x1 + 0.5
    labels = [text.get_text() for text in legend.get_texts()]
    assert "\n" in labels[0] and labels[1] == "AND = 0"  # the short label is not wrapped
    plt.close(fig)


def test_a_legend_above_its_axes_that_meets_the_title_goes_under_the_raised_title():
    """A legend anchored above the axes' right corner sits beside the title on a desktop;
    at phone width they meet: the legend starts at the axes' left edge, the title above it."""
    matplotlib.style.use(STYLE)
    fig, axes = plt.subplots(2, 1, figsize=(7, 6.6), sharex=True)
    for ax in axes:
        ax.plot([0, 1], [0, 1], label="one synapse, 4 inputs 20 ms apart")
        ax.plot([0, 1], [1, 0], label="one synapse, 4 inputs 3 ms apart")
        ax.set_title("temporal summation")
        ax.legend(loc="lower right", bbox_to_anchor=(1, 1), borderaxespad=0.2)
    assert phone.relayout(fig) is None
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for ax in axes:
        legend = ax.get_legend().get_window_extent(renderer)
        title = ax.title.get_window_extent(renderer)
        assert legend.y0 >= ax.bbox.y1 - 1 and title.y0 >= legend.y1  # title, legend, axes
        assert legend.x1 <= fig.bbox.x1 + 0.5
    plt.close(fig)


def test_stacked_drawings_of_different_heights_leave_no_gap_under_the_short_one():
    """Two drawings side by side (equal aspect, one half as tall as the other, as the
    history timeline's two columns): stacked on a phone, each row is as tall as its own
    drawing needs, so the short drawing fills its row instead of floating in the tall
    one's height; a row of ordinary plots keeps the common row height."""
    matplotlib.style.use(STYLE)
    fig, (short, tall) = plt.subplots(1, 2, figsize=(7, 4))
    for ax, height in ((short, 2.0), (tall, 4.0)):
        ax.plot([0, 3], [0, height])
        ax.set_xlim(0, 3)
        ax.set_ylim(0, height)
        ax.set_aspect("equal")
        ax.axis("off")
    assert phone.relayout(fig) is None
    fig.canvas.draw()
    boxes = {ax: ax.get_window_extent(fig.canvas.get_renderer()) for ax in (short, tall)}
    assert boxes[short].y0 > boxes[tall].y1  # one above the other, in reading order
    cell = {ax: ax.get_subplotspec().get_position(fig) for ax in (short, tall)}
    assert cell[short].height < 0.7 * cell[tall].height  # rows of their own heights
    gap = boxes[short].y0 - boxes[tall].y1
    assert gap < 0.25 * boxes[short].height, f"{gap:.0f} px between the stacked drawings"
    plt.close(fig)

    fig, axes = plt.subplots(1, 2, figsize=(7, 3.6))
    for ax in axes:
        ax.plot([0, 1], [0, 1])
    assert phone.relayout(fig) is None
    heights = [ax.get_subplotspec().get_position(fig).height for ax in axes]
    assert heights[0] == pytest.approx(heights[1])
    plt.close(fig)


def stacked_with_titles():
    """Two panels side by side, each with a title, an x label and tick labels: stacked on a
    phone, the second title sits under the first panel's x label."""
    matplotlib.rcdefaults()
    matplotlib.style.use(STYLE)
    fig, axes = plt.subplots(1, 2, figsize=(7, 3.2))
    for k, ax in enumerate(axes):
        ax.plot([0, 1000], [0, k + 1])
        ax.set_title(f"panel {k + 1}: a title")
        ax.set_xlabel("time (ms)")
    return fig, axes


def test_a_stacked_title_keeps_clear_of_the_ticks_and_x_label_above_it():
    """Issue 29: the title of a stacked panel read as a label of the tick labels above it
    (6-10 px between them). The phone layout keeps PANEL_GAP_PX between a title's box and
    the boxes of the previous panel's tick labels and x label, measured on the Figure."""
    fig, axes = stacked_with_titles()
    assert phone.relayout(fig) is None
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    gaps = phone.title_gaps(fig, renderer)
    assert [title for title, _ in gaps] == ["panel 2: a title"]  # the top panel has none above it
    assert gaps[0][1] >= phone.PANEL_GAP_PX - 0.5
    title = axes[1].title if axes[1].title.get_text() else axes[1]._left_title
    xlabel = axes[0].xaxis.label.get_window_extent(renderer)  # the lowest text of the panel above
    clear = (xlabel.y0 - title.get_window_extent(renderer).y1) / fig.dpi * phone.CSS_PX_PER_IN
    assert clear == pytest.approx(gaps[0][1], abs=0.01)
    assert not phone.problems(fig, renderer)
    plt.close(fig)


def test_the_title_check_finds_a_title_on_the_ticks_above_it():
    """The same figure with the second title on the x label above it: title_gaps measures
    the overlap (a negative gap) and problems() refuses the layout."""
    fig, axes = stacked_with_titles()
    assert phone.relayout(fig) is None
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    # The second title moved up onto the first panel's x label (as a title too close would
    # be), the panels left where the layout put them.
    fig.set_layout_engine("none")
    xlabel = axes[0].xaxis.label.get_window_extent(renderer)
    y = axes[1].transAxes.inverted().transform((0, (xlabel.y0 + xlabel.y1) / 2))[1]
    axes[1].set_title(axes[1].get_title(loc="left"), loc="left", y=y)
    fig.canvas.draw()
    (title, gap), = phone.title_gaps(fig, renderer)
    assert gap < 0, gap
    assert any("under the tick labels of the panel above" in p for p in phone.problems(fig, renderer))
    plt.close(fig)


def test_a_panel_under_a_legend_moved_above_it_keeps_a_readable_height():
    """Two short stacked panels whose legends beside them move above them on a phone
    (the Hodgkin-Huxley threshold figure): each plotting area stays MIN_PLOT_PX tall,
    the figure grows instead."""
    matplotlib.rcdefaults()
    matplotlib.style.use(STYLE)
    fig, axes = plt.subplots(2, 1, figsize=(7, 5.6))
    x = np.linspace(0, 1, 50)
    for ax in axes:
        for k in range(4):
            ax.plot(x, np.sin(6 * x + k), label=f"{k + 6} µA/cm²")
        ax.set_title("1-ms pulses (shaded)")
        ax.legend(loc="upper left", bbox_to_anchor=(1, 1))
    assert phone.relayout(fig) is None
    fig.canvas.draw()
    for ax in axes:
        assert ax.bbox.height / fig.dpi * phone.CSS_PX_PER_IN >= phone.MIN_PLOT_PX - 1
    assert fig.get_size_inches()[1] > 5.6
    plt.close(fig)


def test_no_phone_figure_of_the_build_has_a_title_on_the_ticks_above_it(site):
    """Every phone figure the build made from a snippet, measured by the engine on the
    phone Figure it saved (phone.title_gaps, kept in the snippet's cached result): each
    stacked panel's title keeps PANEL_GAP_PX clear of the tick labels, tick marks and x
    label of the panel above it. (A layout that does not is refused by phone.problems and
    the page shows the desktop copy scaled: no figure may be refused for it either.)"""
    from nn_site import config
    from nn_site.engine import cache, runner

    from helpers import SNIPPETS

    figures, titles, problems = 0, 0, []
    for snippet in sorted(SNIPPETS.rglob("*.py")):
        entry = config.load().cache_dir / "snippets" / runner.cache_key(snippet, SNIPPETS) / "result.json"
        if not entry.is_file():
            continue  # a module other snippets import: the build runs only what pages show
        result = cache.read_json(entry)
        name = snippet.relative_to(SNIPPETS).as_posix()
        for figure, why in result["phone"].items():
            if why and "panel above" in why:
                problems.append(f"{name} {figure}: no phone layout: {why}")
        for figure, gaps in result["phone_gaps"].items():
            figures += 1
            titles += len(gaps)
            problems += [f"{name} {figure}: a title {gap:.1f} px under the panel above" for gap in gaps
                         if gap < phone.PANEL_GAP_PX - 0.5]
    assert figures >= 80, f"only {figures} phone figures found in the build's results"
    assert titles >= 40, f"only {titles} stacked titles measured"
    assert not problems, "\n".join(problems)
