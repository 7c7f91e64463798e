"""The site's neuron drawings speak one visual language (snippets/home/at_a_glance.py, shown
on the home and mapping pages, and snippets/biological_neuron/neuron_schematic.py).

A visual review found them three different drawings of the same cell (one vertical, one
horizontal and pastel, one small in a blank band). Each stays a standalone script, so
nothing shares code: this file checks that they agree by design. The signal flows down;
the parts have the site's colours; the biological neuron has the same shapes (soma,
synapses along the dendrites, tapering hillock, initial segment, three boutons); every
part is named in a column to the right of its drawing, on its part's row, after a filled
disc in its colour holding its number; and the phone copy, laid out by the engine
(nn_site/engine/phone.py), keeps every name beside its part and inside the figure.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # the snippets call plt.show(); headless, that draws nothing

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.patches import Circle, FancyBboxPatch, Polygon  # noqa: E402
from matplotlib.text import Annotation  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

from nn_site.engine import phone  # noqa: E402

from helpers import ROOT, load_snippet  # noqa: E402

PART_COLOURS = {"dendrites": "C0", "synapses": "C1", "soma": "C2", "initial segment": "C3", "axon": "C4"}
MARGIN_PX = 12  # the old home figure's "axon initial segment:" ended 6 px from a phone's edge
# snippet -> the names of its panels that draw a neuron, the biological one first
DRAWINGS = {
    "home/at_a_glance.py": ("bio", "art"),
    "biological_neuron/neuron_schematic.py": ("ax",),
}


def _load(relative):
    with matplotlib.style.context(ROOT / "snippets" / "site.mplstyle"):
        module = load_snippet(relative)
        module.fig.canvas.draw()
    return module


@pytest.fixture(scope="module", params=sorted(DRAWINGS))
def drawing(request):
    module = _load(request.param)
    yield request.param, module
    plt.close(module.fig)


with matplotlib.style.context(ROOT / "snippets" / "site.mplstyle"):
    SITE = {f"C{i}": to_rgba(f"C{i}") for i in range(7)}  # "C2" means the site's C2 only in its style


def _same(colour, name) -> bool:
    return to_rgba(SITE.get(colour, colour) if isinstance(colour, str) else colour) == SITE[name]


def _discs(ax) -> list[Annotation]:
    return [t for t in ax.texts if isinstance(t, Annotation) and t.get_text().isdigit()]


def test_the_parts_have_the_site_colours_and_the_signal_flows_down(drawing):
    _, module = drawing
    for part, colour in PART_COLOURS.items():
        assert module.COLOUR[part] == colour, part
    rows = list(module.ROWS.values())
    assert rows == sorted(rows, reverse=True), "parts numbered in signal order must run top to bottom"
    assert list(module.KEY.values()) == list(range(1, len(rows) + 1))


def test_the_biological_neuron_has_the_same_shapes_on_every_page(drawing):
    name, module = drawing
    bio = getattr(module, DRAWINGS[name][0])
    circles = [p for p in bio.patches if isinstance(p, Circle)]
    somas = [c for c in circles if _same(c.get_facecolor(), "C2")]
    assert [c.radius for c in somas] == [0.45]
    soma_y = somas[0].center[1]
    synapses = [c for c in circles if _same(c.get_facecolor(), "C1") and c.get_fill()]
    assert len(synapses) == 4 and all(c.center[1] == pytest.approx(module.ROWS["synapses"]) for c in synapses)
    assert all(c.center[1] > soma_y for c in synapses)  # along the dendrites, above the soma
    tapers = [p for p in bio.patches if isinstance(p, Polygon) and _same(p.get_facecolor(), "C3")]
    assert len(tapers) == 1 and tapers[0].get_xy()[:, 1].max() < soma_y  # the hillock, below the soma
    segment = [line for line in bio.lines if _same(line.get_color(), "C3")]
    assert len(segment) == 1 and len(set(segment[0].get_xdata())) == 1  # a vertical segment
    boutons = [c for c in circles if _same(c.get_facecolor(), "C4")]
    assert len(boutons) == 3 and {c.radius for c in boutons} == {0.1}
    assert max(c.center[1] for c in boutons) < segment[0].get_ydata().min()  # at the bottom
    dendrites = [line for line in bio.lines if _same(line.get_color(), "C0")]
    assert len(dendrites) == 12 and min(min(line.get_ydata()) for line in dendrites) > soma_y


def test_each_part_is_named_on_its_row_after_a_filled_disc_in_its_colour(drawing):
    name, module = drawing
    for panel in DRAWINGS[name]:
        ax = getattr(module, panel)
        discs = _discs(ax)
        assert [int(d.get_text()) for d in discs] == list(module.KEY.values()), panel
        for disc, (part, number) in zip(discs, module.KEY.items()):
            assert disc.get_text() == str(number)
            patch = disc.get_bbox_patch()
            assert patch is not None and patch.get_boxstyle().__class__.__name__ == "Circle"
            assert _same(patch.get_facecolor(), module.COLOUR[part]), (panel, part)
            assert disc.xy[1] == pytest.approx(module.ROWS[part] + module.LIFT), (panel, part)
        assert len({d.xy[0] for d in discs}) == 1, f"{panel}: the discs are not in one column"


def _drawn(ax, renderer) -> tuple[list[Bbox], np.ndarray]:
    """What the panel draws in data coordinates: the patches' boxes and the lines' points
    (every line sampled along its segments), in display coordinates."""
    boxes = [p.get_window_extent(renderer) for p in ax.patches]
    points = []
    for line in ax.lines:
        xy = line.get_transform().transform(line.get_xydata())
        for a, b in zip(xy[:-1], xy[1:]):
            points += list(a + np.linspace(0, 1, 40)[:, None] * (b - a))
    return boxes, np.array(points)


def _check_names_beside_parts(fig, axes, renderer):
    """In every panel the names and their discs sit right of the soma, touch nothing the
    panel draws, cross none of the figure's edges, and no two overlap."""
    width, height = fig.bbox.width, fig.bbox.height
    for ax in axes:
        soma = next(p for p in ax.patches if isinstance(p, Circle) and p.radius in (0.42, 0.45))  # or the sum
        soma_x = ax.transData.transform(soma.center)[0]
        drawn_boxes, drawn_points = _drawn(ax, renderer)
        column_x = _discs(ax)[0].xy[0]
        boxes = []
        for text in ax.texts:
            box = text.get_window_extent(renderer)
            if isinstance(text, Annotation) and text.get_bbox_patch() is not None:
                box = text.get_bbox_patch().get_window_extent(renderer)
            # at least MARGIN_PX (CSS px) from every edge of the figure: nothing touches it
            margin = MARGIN_PX * fig.dpi / 96
            assert margin <= box.x0 and box.x1 <= width - margin, text.get_text()
            assert margin <= box.y0 and box.y1 <= height - margin, text.get_text()
            if not (text in _discs(ax) or text.get_position()[0] == column_x):
                continue  # a symbol inside the drawing (x1, the sigma, b, y)
            assert box.x0 > soma_x, f"{ax.get_title(loc='left')}: {text.get_text()!r} is not right of the drawing"
            padded = box.padded(2)
            assert not any(padded.overlaps(b) for b in drawn_boxes), (ax.get_title(loc="left"), text.get_text())
            assert not padded.count_contains(drawn_points), (ax.get_title(loc="left"), text.get_text())
            boxes.append(box)
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not a.overlaps(b), (a, b)


def test_the_names_sit_right_of_the_drawing_on_the_desktop(drawing):
    name, module = drawing
    renderer = module.fig.canvas.get_renderer()
    _check_names_beside_parts(module.fig, [getattr(module, p) for p in DRAWINGS[name]], renderer)


@pytest.mark.parametrize("relative", sorted(DRAWINGS))
def test_on_a_phone_every_name_stays_beside_its_part_inside_the_figure(relative):
    # The home page's phone copy once showed the model's names left of its drawing and
    # the cell's right of its own, one panel above the other (read as mirrored), and
    # "axon initial segment:" ran to the figure's edge.
    module = _load(relative)
    try:
        with matplotlib.style.context(ROOT / "snippets" / "site.mplstyle"):
            assert phone.relayout(module.fig) is None
            module.fig.canvas.draw()
        renderer = module.fig.canvas.get_renderer()
        axes = [getattr(module, p) for p in DRAWINGS[relative]]
        _check_names_beside_parts(module.fig, axes, renderer)
        columns = {round(_discs(ax)[0].get_window_extent(renderer).x0) for ax in axes}
        assert len(columns) == 1, f"stacked, the panels' names are not in one column: {columns}"
        for text in module.fig.findobj(matplotlib.text.Text):
            if text.get_visible() and text.get_text():
                px = text.get_fontsize() * phone.smallest_glyph(text.get_text()) * phone.PX_PER_PT
                assert px >= phone.MIN_GLYPH_PX, (text.get_text(), px)
    finally:
        plt.close(module.fig)


def test_the_schematic_names_six_parts_in_signal_order_and_fills_its_figure():
    module = _load("biological_neuron/neuron_schematic.py")
    try:
        parts = [part for part, _ in module.parts]
        assert parts == list(module.ROWS) == ["dendrites", "synapses", "soma", "initial segment", "axon",
                                               "terminals"]
        assert module.COLOUR["terminals"] == "C4"
        # the neuron and the close-up beside it each fill most of the figure's height: no
        # blank band under either (the neuron once sat small above an 80-px empty band)
        fig_height = module.fig.bbox.height
        for ax in (module.ax, module.zoom):
            assert ax.get_window_extent().height >= 0.85 * fig_height, ax.get_title(loc="left")
    finally:
        plt.close(module.fig)


def _name(ax, disc) -> matplotlib.text.Text:
    """The name a disc marks: the text in the names' column on the disc's row."""
    (name,) = [t for t in ax.texts if t not in _discs(ax) and t.get_position() == tuple(disc.xy)]
    return name


@pytest.mark.parametrize("on_phone", [False, True], ids=["desktop", "phone"])
@pytest.mark.parametrize("relative", sorted(DRAWINGS))
def test_each_disc_is_centred_on_its_whole_name(relative, on_phone):
    # The discs once sat level with the last line of a two-line name ("4" beside
    # "segment", "5" beside "terminals"): a disc must sit at the middle of the block.
    module = _load(relative)
    try:
        if on_phone:
            with matplotlib.style.context(ROOT / "snippets" / "site.mplstyle"):
                phone.relayout(module.fig)
                module.fig.canvas.draw()
        renderer = module.fig.canvas.get_renderer()
        several_lines = 0
        for panel in DRAWINGS[relative]:
            ax = getattr(module, panel)
            for disc in _discs(ax):
                name = _name(ax, disc)
                block = name.get_window_extent(renderer)
                circle = disc.get_bbox_patch().get_window_extent(renderer)
                middle = (circle.y0 + circle.y1) / 2
                assert middle == pytest.approx((block.y0 + block.y1) / 2, abs=1.0), (panel, name.get_text())
                several_lines += "\n" in name.get_text()
        assert several_lines >= 1  # the check met at least one name of two or more lines
    finally:
        plt.close(module.fig)


def test_the_drawings_are_one_neuron_named_alike():
    # A visual review found three variants: different titles, 0, 2 or 3 myelin sheaths, a
    # nucleus on one page only, differently worded parts 4 and 5, and a smaller soma on
    # the biological-neuron page. Now only that page's sixth part (the terminals) differs.
    modules = {relative: _load(relative) for relative in sorted(DRAWINGS)}
    try:
        shared = ["dendrites", "synapses", "soma", "initial segment", "axon"]
        scales = {}
        for relative, module in modules.items():
            bio = getattr(module, DRAWINGS[relative][0])
            assert list(module.ROWS)[:5] == shared and [module.ROWS[p] for p in shared] == [5.15, 4.2, 3.0, 1.85, 0.75]
            # the names as drawn, read off the panel, by the number in their disc
            drawn = {int(d.get_text()): _name(bio, d).get_text() for d in _discs(bio)}
            assert [drawn[module.KEY[p]] for p in shared] == [
                "dendrites", "synapses", "soma", "axon initial\nsegment:\nthreshold", "axon"
            ], relative
            assert bio.get_title(loc="left") == "biological neuron" and not bio.get_title()
            circles = [p for p in bio.patches if isinstance(p, Circle)]
            soma = next(c for c in circles if _same(c.get_facecolor(), "C2"))
            nuclei = [c for c in circles if _same(c.get_facecolor(), "C6")]
            assert len(nuclei) == 1 and nuclei[0].radius == 0.19
            assert np.hypot(*(np.subtract(nuclei[0].center, soma.center))) + 0.19 < soma.radius  # inside it
            # two grey (translucent) myelin sheaths on the axon, a node of Ranvier between them
            sheaths = [
                p for p in bio.patches if isinstance(p, FancyBboxPatch) and p.get_edgecolor()[:3] == SITE["C6"][:3]
            ]
            spans = sorted((p.get_y(), p.get_y() + p.get_height()) for p in sheaths)
            assert np.allclose(spans, [(0.67, 0.95), (1.02, 1.3)]), (relative, spans)
            # the same scale: pixels per unit of the drawing at the desktop column width
            to_px = bio.transData.transform
            scales[relative] = to_px((1, 0))[0] - to_px((0, 0))[0]
            assert bio.get_xlim() == (0, 5) and bio.get_ylim() == (-0.55, 5.55)
        assert max(scales.values()) / min(scales.values()) < 1.005, scales
        # the side-by-side figure names the model's parts as its table says
        home = modules["home/at_a_glance.py"]
        assert [_name(home.art, d).get_text() for d in _discs(home.art)] == list(home.MODEL_LABELS.values())
        assert home.art.get_title(loc="left") == "artificial neuron"
    finally:
        for module in modules.values():
            plt.close(module.fig)


def test_on_a_phone_the_model_title_sits_nearer_its_own_drawing():
    # Stacked on a phone, "artificial neuron" once sat about 15 px under the cell's
    # terminals and 40 px over its own inputs, and read as a caption of the cell.
    for relative in ("home/at_a_glance.py",):
        module = _load(relative)
        try:
            with matplotlib.style.context(ROOT / "snippets" / "site.mplstyle"):
                phone.relayout(module.fig)
                module.fig.canvas.draw()
            renderer = module.fig.canvas.get_renderer()
            title = module.art.title.get_window_extent(renderer)
            above = min(b.y0 for b in _drawn_extents(module.bio, renderer))
            below = max(b.y1 for b in _drawn_extents(module.art, renderer))
            assert above > below  # stacked: the cell above the model
            gap_up, gap_down = above - title.y1, title.y0 - below
            assert gap_up >= 1.5 * gap_down > 0, (relative, gap_up, gap_down)
        finally:
            plt.close(module.fig)


def _drawn_extents(ax, renderer) -> list[Bbox]:
    """Every patch's and line's extent, and every text's, in display coordinates."""
    return [a.get_window_extent(renderer) for a in (*ax.patches, *ax.lines, *ax.texts)]
