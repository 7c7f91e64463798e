"""What a figure draws stays where a reader can read it (visual review B, items 6 and 9),
checked on the figures the snippets draw (run as the build runs them, in the site's style):

- every plotted line and scatter point lies inside its axes' limits: gradient descent's
  eta = 1.05 run was cut off at both y-limits from step 8 on (it now stops at its last step
  inside and an arrow leaves along the next), and Oja's input cloud reached x1 = 5.7
  against an x-limit of 5;
- a legend is set beside the data, not on it: excitability's phase-plane legend sat on
  the v-nullcline;
- a legend writes a factor with the times sign, as the captions do ("×3", "1 layer × 32
  units"), never the letter x.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from matplotlib.collections import PathCollection
from test_figure_review import main_figure

FIGURES = [
    "gradient_descent/learning_rate.py",
    "biological_learning/oja_rule.py",
    "excitability/fitzhugh_nagumo.py",
    "depth/random_pieces.py",
]

# Figures of data series (a run, samples), every point of which belongs inside the axes
# (excitability's nullclines are curves of a function, clipped at the frame by design).
DATA_INSIDE = {"gradient_descent/learning_rate.py", "biological_learning/oja_rule.py", "depth/random_pieces.py"}

# A number or a word, the letter x standing alone, a number: "layer x 32", "(x3)".
TIMES_AS_X = re.compile(r"(?:\d|[A-Za-z]{2,})\s+x\s+\d|\(x\d")


_drawn: dict = {}


@pytest.fixture(scope="module", autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    for fig in _drawn.values():
        plt.close(fig)


def drawn(snippet: str):
    """The figure `snippet` draws, drawn once for this module's tests."""
    if snippet not in _drawn:
        _drawn[snippet] = main_figure(snippet)
    return _drawn[snippet]


def outside(fig) -> list[str]:
    """Each line or scatter whose data leaves its axes' limits (by more than 0.1 %)."""
    found = []
    for index, ax in enumerate(fig.axes):
        (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
        slack_x, slack_y = 1e-3 * (x1 - x0), 1e-3 * (y1 - y0)
        points = [(line.get_label(), np.column_stack([line.get_xdata(), line.get_ydata()]).astype(float))
                  for line in ax.lines if line.get_clip_on()]
        points += [(c.get_label(), np.asarray(c.get_offsets(), dtype=float))
                   for c in ax.collections if isinstance(c, PathCollection)]
        for label, xy in points:
            xy = xy[np.all(np.isfinite(xy), axis=1)]
            if xy.size and ((xy[:, 0] < x0 - slack_x) | (xy[:, 0] > x1 + slack_x)
                            | (xy[:, 1] < y0 - slack_y) | (xy[:, 1] > y1 + slack_y)).any():
                found.append(f"axes {index}: '{label}'")
    return found


def legends_on_the_data(fig) -> list[str]:
    """Each legend drawn over a plotted line's points (those inside the axes' frame)."""
    found = []
    for index, ax in enumerate(fig.axes):
        legend = ax.get_legend()
        if legend is None:
            continue
        box = legend.get_window_extent()
        for line in ax.lines:
            xy = line.get_transform().transform(np.column_stack([line.get_xdata(), line.get_ydata()]).astype(float))
            frame = ax.get_window_extent()  # only what is drawn: a curve is clipped at the frame
            drawn = (xy[:, 0] >= frame.x0) & (xy[:, 0] <= frame.x1) & (xy[:, 1] >= frame.y0) & (xy[:, 1] <= frame.y1)
            inside = drawn & (xy[:, 0] > box.x0) & (xy[:, 0] < box.x1) & (xy[:, 1] > box.y0) & (xy[:, 1] < box.y1)
            if len(xy) > 1 and inside.any():
                found.append(f"axes {index}: the legend covers '{line.get_label()}'")
                break
    return found


@pytest.mark.parametrize("snippet", sorted(DATA_INSIDE))
def test_every_plotted_point_lies_inside_its_axes(snippet):
    assert not outside(drawn(snippet)), outside(drawn(snippet))


@pytest.mark.parametrize("snippet", FIGURES)
def test_no_legend_sits_on_a_curve(snippet):
    assert not legends_on_the_data(drawn(snippet)), legends_on_the_data(drawn(snippet))


@pytest.mark.parametrize("snippet", FIGURES)
def test_a_factor_in_a_legend_is_written_with_the_times_sign(snippet):
    figure = drawn(snippet)
    labels = [text.get_text() for ax in figure.axes if ax.get_legend() for text in ax.get_legend().get_texts()]
    labels += [text.get_text() for legend in figure.legends for text in legend.get_texts()]
    assert labels and not [label for label in labels if TIMES_AS_X.search(label)], labels


def test_the_checks_find_what_the_review_found():
    """Each check fails on a figure drawn the way the review found it."""
    import matplotlib.pyplot as plt

    fig, (cut, covered) = plt.subplots(1, 2)
    cut.plot([0, 1, 2], [0, 20, -20], label="eta = 1.05")
    cut.scatter([4.5, 5.7], [0, 0], label="inputs")
    cut.set_ylim(-6, 12)
    cut.set_xlim(-5, 5)
    covered.plot(np.linspace(-2, 2, 50), np.linspace(2, -2, 50), label="nullcline")
    covered.legend(["Oja's w (x3)"], loc="upper left")
    fig.canvas.draw()
    try:
        assert outside(fig) == ["axes 0: 'eta = 1.05'", "axes 0: 'inputs'"]
        assert legends_on_the_data(fig) == ["axes 1: the legend covers 'nullcline'"]
        assert TIMES_AS_X.search("Oja's w (x3)") and TIMES_AS_X.search("1 layer x 32 units")
        assert not TIMES_AS_X.search("1 layer × 32 units") and not TIMES_AS_X.search("inputs x (first 500)")
    finally:
        plt.close(fig)
