"""Where the error's weights come from: backprop against feedback alignment, one layer.

Both panels show layer k sending its activity up to layer k+1 through the forward
weights W_{k+1} (here 2 x 3, drawn as a Hinton diagram: a square's side grows with
the weight's size, filled if it is positive, open if it is negative). The error
delta_{k+1} then has to come back down. Left, backprop: it comes back through
W_{k+1}^T, the same six numbers transposed, so every feedback synapse must equal a
forward synapse elsewhere and follow it as it learns (the "weight transport").
Right, feedback alignment (Lillicrap et al. 2016): it comes back through a fixed
random matrix B of the same shape, unrelated to W_{k+1} and never updated.
Colours: weights C1, errors C3.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

rng = np.random.default_rng(0)
W = rng.normal(size=(2, 3))  # forward weights, layer k (3 units) -> layer k+1 (2 units)
B = rng.normal(size=(3, 2))  # fixed random feedback, layer k+1 -> layer k
CELL = 0.8  # side of one matrix entry (data units)


def hinton(ax, matrix, left, top, colour):
    """A Hinton diagram of ``matrix``, its top-left corner at (left, top)."""
    largest = np.abs(np.concatenate([W.ravel(), B.ravel()])).max()
    for (row, column), value in np.ndenumerate(matrix):
        side = CELL * 0.9 * np.sqrt(abs(value) / largest)
        x = left + column * CELL + (CELL - side) / 2
        y = top - (row + 1) * CELL + (CELL - side) / 2
        ax.add_patch(Rectangle((x, y), side, side, facecolor=colour if value > 0 else "none",
                               edgecolor=colour, linewidth=1.5))
    rows, columns = matrix.shape
    ax.add_patch(Rectangle((left, top - rows * CELL), columns * CELL, rows * CELL,
                           fill=False, edgecolor="C6", linewidth=0.8))


def layer(ax, y, text):
    """A layer: a rounded box across the panel with its name."""
    ax.add_patch(FancyBboxPatch((0.4, y - 0.7), 9.2, 1.4, boxstyle="round,pad=0,rounding_size=0.4",
                                facecolor="none", edgecolor="C6", linewidth=1.2))
    ax.text(5, y, text, ha="center", va="center")


def pathway(ax, x, start, end, colour, dashed=False):
    ax.add_patch(FancyArrowPatch((x, start), (x, end), arrowstyle="-|>", mutation_scale=16,
                                 color=colour, linewidth=2, linestyle=(0, (4, 2)) if dashed else "-"))


def panel(ax, feedback, name, note, copied):
    """Layer k below, layer k+1 above; forward weights on the left, feedback on the right."""
    layer(ax, 9.0, r"layer $k+1$")
    layer(ax, 1.0, r"layer $k$")
    pathway(ax, 1.0, 1.7, 8.3, "C1")
    hinton(ax, W, 1.5, 6.0, "C1")
    ax.text(1.5, 6.3, r"$W_{k+1}$", ha="left", va="bottom", color="C1")
    pathway(ax, 9.0, 8.3, 1.7, "C3", dashed=True)
    right = 8.5
    hinton(ax, feedback, right - 2 * CELL, 6.4, "C1")
    ax.text(right, 6.7, name, ha="right", va="bottom", color="C1")
    ax.text(right, 6.4 - 3 * CELL - 0.3, note, ha="right", va="top")
    # What arrives at layer k: the error of layer k+1 through the feedback weights.
    # In the text's ink, not the arrow's pink: a label this small needs the full contrast.
    ax.text(8.6, 2.1, name + r"$\,\boldsymbol{\delta}_{k+1}$", ha="right", va="bottom",
            color=plt.rcParams["text.color"])
    if copied:
        # The transport itself: each feedback weight is set from a forward one.
        ax.add_patch(FancyArrowPatch((1.5 + 3 * CELL + 0.15, 5.2), (right - 2 * CELL - 0.15, 5.2),
                                     arrowstyle="-|>", mutation_scale=14, color="C6", linewidth=1.5))
        ax.text((1.5 + 3 * CELL + right - 2 * CELL) / 2, 5.4, "copied", ha="center", va="bottom", color="C6")
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    ax.set_aspect("equal")
    ax.axis("off")


fig, (backprop, alignment) = plt.subplots(1, 2, figsize=(7, 4.0))
panel(backprop, W.T, r"$W_{k+1}^\top$", "follows $W_{k+1}$", copied=True)
backprop.set_title("backprop")
panel(alignment, B, r"$B$", "random, fixed", copied=False)
alignment.set_title("feedback alignment")
plt.show()
