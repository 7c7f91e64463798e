"""Depth multiplies linear pieces: composing a two-unit ReLU "tent" map.

The tent map g(x) = 2 relu(x) - 4 relu(x - 1/2) rises from 0 to 1 on [0, 1/2] and
falls back to 0 on [1/2, 1]: two ReLU units, two linear pieces. Feeding g into
itself k times (a network k layers deep, 2 units per layer) gives a sawtooth
with 2^k linear pieces (Telgarsky 2016). A network with one hidden layer of n
ReLU units computes a function of one variable with at most n + 1 pieces, so it
needs at least 2^k - 1 units to draw the same sawtooth exactly.
"""

import matplotlib.pyplot as plt
import numpy as np


def relu(z):
    return np.maximum(z, 0.0)


def tent(x):
    """One layer: two ReLU units and a fixed linear read-out."""
    return 2 * relu(x) - 4 * relu(x - 0.5)


def deep_sawtooth(x, depth):
    for _ in range(depth):
        x = tent(x)
    return x


def count_pieces(y, x):
    """Linear pieces of a sampled piecewise-linear function: slope changes + 1.

    x must be a fine, evenly spaced grid whose points include the breakpoints.
    """
    slopes = np.round(np.diff(y) / np.diff(x), 6)
    return int(np.sum(slopes[1:] != slopes[:-1])) + 1


if __name__ == "__main__":
    x = np.linspace(0, 1, 2 ** 12 + 1)   # dyadic grid: contains every breakpoint k / 2^depth
    print("| layers | ReLU units | linear pieces | units one hidden layer needs |")
    print("|---:|---:|---:|---:|")
    for depth in range(1, 9):
        pieces = count_pieces(deep_sawtooth(x, depth), x)
        print(f"| {depth} | {2 * depth} | {pieces} | {pieces - 1} |")

    fig, axes = plt.subplots(2, 2, figsize=(7, 4.6), sharex=True, sharey=True, layout="constrained")
    for ax, depth in zip(axes.flat, (1, 2, 3, 4)):
        ax.plot(x, deep_sawtooth(x, depth), color=f"C{depth - 1}")
        ax.set_title(f"{depth} layer{'s' if depth > 1 else ''}: {2 ** depth} pieces")
        ax.set_xticks([0, 0.5, 1])
        ax.set_yticks([0, 0.5, 1])
    # One label for each axis, shared by the four panels, in the axes labels' size.
    fig.supxlabel("input x", size=plt.rcParams["axes.labelsize"])
    fig.supylabel("output", size=plt.rcParams["axes.labelsize"])
    # Room between panels: a title clear of the tick labels above it, a 1.0 of the 0.0 beside it.
    fig.get_layout_engine().set(hspace=0.12, wspace=0.06)
    plt.show()
