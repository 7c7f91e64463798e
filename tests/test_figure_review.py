"""Four figures fixed after the visual review (issue 29), checked on the figures the
snippets draw (their ``__main__`` blocks, run with the site's style as the build runs them):

- predictive coding has an early schematic whose update rules are the page's own;
- the population code's counts are neutral grey and its three directions, 1-2 degrees
  apart, are told apart by marker, row and label, not by colour alone;
- on the Hodgkin-Huxley page each colour stands for one quantity in every figure;
- the XOR page's figures are all as wide as the page's figure width.
"""

from __future__ import annotations

import contextlib
import io
import re
import runpy
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")  # the snippets call plt.show(); headless, that draws nothing

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from nn_site.pages import mathml  # noqa: E402

from helpers import ROOT, SNIPPETS  # noqa: E402

FIGURE_WIDTH_IN = 7  # the width of a full-width figure (snippets/site.mplstyle)


def main_figure(relative: str):
    """The figure ``snippets/<relative>`` draws when run as a script, in the site's style."""
    path = SNIPPETS / relative
    sys.path.insert(0, str(path.parent))
    try:
        with matplotlib.style.context(SNIPPETS / "site.mplstyle"), contextlib.redirect_stdout(io.StringIO()):
            plt.close("all")
            runpy.run_path(str(path), run_name="__main__")
            fig = plt.gcf()
            fig.canvas.draw()
            return fig
    finally:
        sys.path.remove(str(path.parent))


def figure_fixture(relative: str):
    """A module-scoped fixture: the figure ``main_figure(relative)`` draws, closed afterwards.
    Assign it to the fixture's name: ``ddm_figure = figure_fixture("decisions/decision_ddm.py")``."""

    @pytest.fixture(scope="module")
    def drawn():
        fig = main_figure(relative)
        yield fig
        plt.close(fig)

    return drawn


def colour(name_or_value) -> str:
    """A colour as hex; "C0".."C6" resolved in the site's own cycle."""
    with matplotlib.style.context(SNIPPETS / "site.mplstyle"):
        return to_hex(name_or_value)


def _tex(text: str) -> str:
    """TeX without the spacing and sizing that do not change what it says."""
    text = re.sub(r"\\(big|Big|left|right)\b", "", text)
    # a display written in aligned lines ("&=", "\\\\"), and braces that only group (a unary
    # minus kept as one: "{-\\pi_l}"), say the same as the drawn one-line rule
    text = re.sub(r"\\(begin|end)\{(split|aligned)\}|&|\\\\|[{}]", "", text)
    return re.sub(r"\\[,;!]|\\q?quad\b|\s|\$", "", text)  # spacing only (a drawn rule's indent)


# --- predictive coding: the schematic ---------------------------------------------------


schematic = figure_fixture("predictive_coding/pc_schematic.py")


def test_the_schematic_draws_the_pages_update_rules_as_the_page_writes_them(schematic):
    page = (ROOT / "docs" / "predictive-coding.md").read_text(encoding="utf-8")
    # a wide equation written in lines for phones (split) is compared as its one-line form
    equations = re.findall(r"\$\$(.*?)\$\$", page, re.DOTALL)
    displayed = [_tex((mathml.split_for_phone(eq) or (eq,))[0]) for eq in equations]
    drawn = [_tex(t.get_text()) for ax in schematic.axes for t in ax.texts if r"\Delta" in t.get_text()]
    assert len(drawn) == 2, drawn  # the value update (inference) and the weight update (learning)
    for rule in drawn:
        assert any(rule.rstrip(".,") == eq.rstrip(".,") for eq in displayed), f"{rule} is not a page equation"


def test_the_schematic_names_value_and_error_nodes_in_the_pages_notation(schematic):
    texts = {_tex(t.get_text()) for ax in schematic.axes for t in ax.texts}
    for layer in ("l-1", "l", "l+1"):
        assert _tex(rf"\mathbf{{v}}_{{{layer}}}") in texts
    for layer in ("l", "l+1"):
        assert _tex(rf"\boldsymbol{{\varepsilon}}_{{{layer}}}") in texts
        assert _tex(rf"-\boldsymbol{{\mu}}_{{{layer}}}") in texts  # each error node: value minus prediction
    assert _tex(r"W_{l+1}^\top") in texts  # errors go back through the transposed weights


def test_the_schematic_follows_the_introduction_of_value_and_error_units():
    # Issue 29: the schematic sat after the weight rule, ~1,700 px down at 1280 px; it now
    # follows the paragraph that names the two kinds of units, ahead of the derivation.
    page = (ROOT / "docs" / "predictive-coding.md").read_text(encoding="utf-8")
    units = page.index("*error* units")
    schematic = page.index("file: predictive_coding/pc_schematic.py")
    derivation = page.index("## From prediction errors to weight updates")
    assert units < schematic < derivation
    assert schematic < page.index(r"\Delta W_l \propto")


# --- population codes: one trial's counts and the three directions ----------------------


@pytest.fixture(scope="module")
def population_trial():
    fig = main_figure("population_codes/popcode_model.py")
    yield fig.axes[1]
    plt.close(fig)


def test_the_counts_are_neutral_grey_bars(population_trial):
    bars = [p for p in population_trial.patches if isinstance(p, Rectangle)]
    assert len(bars) == 64
    assert {colour(bar.get_facecolor()) for bar in bars} == {colour("C6")}


def test_each_direction_has_its_own_marker_row_and_label(population_trial):
    points = [line for line in population_trial.lines if line.get_marker() not in ("None", "", None)]
    assert len(points) == 3
    assert len({line.get_marker() for line in points}) == 3
    assert len({line.get_ydata()[0] for line in points}) == 3  # each on a row of its own
    assert len({colour(line.get_color()) for line in points}) == 3
    labels = population_trial.texts
    names = " ".join(t.get_text() for t in labels)
    for name in ("true", "population vector", "maximum likelihood"):
        assert name in names
    assert population_trial.get_legend() is None  # labelled directly
    renderer = population_trial.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in labels]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), "two direction labels overlap"
    bars_top = max(p.get_height() for p in population_trial.patches)
    assert all(line.get_ydata()[0] > bars_top for line in points)  # above the bars, not among them


# --- Hodgkin-Huxley: one colour per quantity --------------------------------------------


def _hh_quantities() -> dict[str, set[str]]:
    """Colour -> the quantities it draws, over the page's three figures."""
    drawn: dict[str, set[str]] = defaultdict(set)
    by_label = {"membrane potential": "V", "rest": "rest", "current pulse": "current", "$m$": "m",
                "$h$": "h", "$n$": "n", "sustained rate": "rate", "rheobase": "current"}
    for snippet in ("action_potential.py", "threshold.py", "fi_curve.py"):
        fig = main_figure(f"hodgkin_huxley/{snippet}")
        try:
            for ax in fig.axes:
                for line in ax.lines:
                    label = line.get_label()
                    if "µA/cm²" in label and snippet == "threshold.py":
                        quantity = "V"  # every trace of the threshold figure is a membrane potential
                    else:
                        quantity = next((q for key, q in by_label.items() if key in label), None)
                    assert quantity, f"{snippet}: a line labelled {label!r} draws no known quantity"
                    drawn[colour(line.get_color())].add(quantity)
                for patch in ax.patches:  # axvspan: the time the current flows
                    drawn[colour(patch.get_facecolor())].add("current")
        finally:
            plt.close(fig)
    return drawn


def test_each_colour_on_the_hodgkin_huxley_page_stands_for_one_quantity():
    drawn = _hh_quantities()
    shared = {c: q for c, q in drawn.items() if len(q) > 1}
    assert not shared, f"colours drawing several quantities: {shared}"
    quantities = [q for qs in drawn.values() for q in qs]
    assert sorted(quantities) == sorted(set(quantities)), "a quantity drawn in two colours"


def test_the_threshold_traces_differ_by_line_style_in_each_panel():
    fig = main_figure("hodgkin_huxley/threshold.py")
    try:
        for ax in fig.axes:
            traces = [line for line in ax.lines if isinstance(line, Line2D)]
            assert len(traces) >= 3
            # Line2D has no public getter for a custom dash sequence; this is what it draws.
            assert len({str(line._unscaled_dash_pattern) for line in traces}) == len(traces)
            # the legend shows the styles: its handles are long enough to show a dash pattern
            assert ax.get_legend().handlelength >= 2.5
    finally:
        plt.close(fig)


# --- XOR: one width -----------------------------------------------------------------------


@pytest.mark.parametrize("snippet", ["perceptron_fails.py", "two_layer.py", "dendritic_unit.py"])
def test_every_xor_figure_is_full_width(snippet):
    page = (ROOT / "docs" / "xor.md").read_text(encoding="utf-8")
    assert f"file: xor/{snippet}" in page
    fig = main_figure(f"xor/{snippet}")
    try:
        assert fig.get_size_inches()[0] == pytest.approx(FIGURE_WIDTH_IN)
    finally:
        plt.close(fig)


# --- XOR: one legend place, one tick spacing, no panel titles, the AND figure's markers ---

XOR_FIGURES = ["perceptron_fails.py", "two_layer.py", "dendritic_unit.py"]


def _class_markers(fig) -> dict[str, tuple]:
    """Each class's scatter marker as (colour, marker path, size), keyed by its class value."""
    markers = {}
    for ax in fig.axes:
        for collection in ax.collections:
            label = collection.get_label()
            if re.fullmatch(r"(AND|XOR) = [01]", label):
                path = collection.get_paths()[0]
                markers[label[-1]] = (
                    to_hex(collection.get_facecolor()[0]),
                    tuple(map(tuple, path.vertices.round(3))),
                    float(collection.get_sizes()[0]),
                )
    return markers


@pytest.fixture(scope="module")
def and_markers():
    fig = main_figure("artificial_neuron/perceptron_and.py")
    yield _class_markers(fig)
    plt.close(fig)


@pytest.mark.parametrize("snippet", XOR_FIGURES)
def test_each_xor_figure_has_one_legend_below_its_axes(snippet):
    fig = main_figure(f"xor/{snippet}")
    try:
        assert [ax for ax in fig.axes if ax.get_legend()] == [], "a legend inside a panel"
        assert len(fig.legends) == 1
        assert fig.legends[0]._loc == 8  # matplotlib's code for "lower center"
    finally:
        plt.close(fig)


@pytest.mark.parametrize("snippet", XOR_FIGURES)
def test_each_xor_input_plane_ticks_every_half_and_no_panel_has_a_title(snippet):
    fig = main_figure(f"xor/{snippet}")
    try:
        planes = [ax for ax in fig.axes if ax.get_xlabel() == "$x_1$"]
        assert len(planes) == 1
        for ticks in (planes[0].get_xticks(), planes[0].get_yticks()):
            assert list(ticks) == pytest.approx([-0.5, 0, 0.5, 1, 1.5])
        assert [ax.get_title() for ax in fig.axes] == ["", ""]
    finally:
        plt.close(fig)


@pytest.mark.parametrize("snippet", XOR_FIGURES)
def test_xor_classes_are_marked_as_the_and_figure_marks_them(snippet, and_markers):
    fig = main_figure(f"xor/{snippet}")
    try:
        assert set(and_markers) == {"0", "1"}
        assert _class_markers(fig) == and_markers
    finally:
        plt.close(fig)


def test_the_first_xor_figure_draws_a_straight_line_that_gets_three_of_four():
    fig = main_figure("xor/perceptron_fails.py")
    try:
        lines = [line for line in fig.axes[0].lines if line.get_label().startswith("best line")]
        assert len(lines) == 1
        (x0, x1), (y0, y1) = lines[0].get_xdata(), lines[0].get_ydata()
        slope = (y1 - y0) / (x1 - x0)
        above = [(y - (y0 + slope * (x - x0))) > 0 for x, y in [(0, 0), (0, 1), (1, 0), (1, 1)]]
        xor = [False, True, True, False]
        agree = sum(a == t for a, t in zip(above, xor))
        assert max(agree, 4 - agree) == 3  # one side is "1": three of four, never four
    finally:
        plt.close(fig)


# --- population codes: overlapping curves told apart ----------------------------------------


def test_each_noise_curve_has_its_own_style_marker_and_end_label():
    fig = main_figure("population_codes/popcode_correlations.py")
    try:
        (ax,) = fig.axes
        kinds = ("independent", "uniform", "limited-range", "differential")
        curves = [line for line in ax.lines if line.get_label().split(",")[0] in kinds]
        assert len(curves) == len(kinds)
        # Line2D has no public getter for a custom dash sequence; this is what it draws.
        styles = {(str(line._unscaled_dash_pattern), line.get_marker()) for line in curves}
        markers = {line.get_marker() for line in curves}
        assert len(styles) == len(markers) == len(kinds), styles
        labels = {text.get_text(): text for text in ax.texts}
        for line in curves:
            name = line.get_label().split(",")[0]
            assert name in labels, f"{name} has no label on the plot"
            assert to_hex(labels[name].get_color()) == to_hex(line.get_color())
            assert labels[name].xy[0] == line.get_xdata()[-1]  # at the curve's end
        # The end labels are the key: a legend repeating them took a phone's plot height
        # (a six-row legend over a 110-px plot; visual review B, item 3).
        assert ax.get_legend() is None and not fig.legends
    finally:
        plt.close(fig)


def test_population_code_panel_titles_start_in_lower_case_like_the_sites_others():
    for snippet in ("popcode_model.py", "popcode_basis.py"):
        fig = main_figure(f"population_codes/{snippet}")
        try:
            titles = [ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")]
            assert titles, snippet
            assert all(title[0].islower() for title in titles), titles
        finally:
            plt.close(fig)
