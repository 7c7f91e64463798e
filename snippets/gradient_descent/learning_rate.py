"""Gradient descent on a one-parameter loss, with three learning rates.

The loss L(w) = (w - 3)^2 has its minimum at w = 3 and gradient dL/dw = 2 (w - 3).
Each step moves w against the gradient: w <- w - eta * dL/dw. Here the error
after a step is (1 - 2 eta) times the error before it, so the learning rate eta
decides everything: too small is slow, and above eta = 1 every step overshoots
by more than it corrects and w runs away.
"""

import matplotlib.pyplot as plt
import numpy as np

SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def reader(x, digits=2):
    """x as a page writes it: 2.6 × 10⁻⁶, not 2.6e-06; 0.01 to 10 000 (and 0) stay plain."""
    if x == 0 or 0.01 <= abs(x) < 1e4:
        return f"{float(f'{x:.{digits}g}'):g}"
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"


def loss(w):
    return (w - 3.0) ** 2


def grad(w):
    return 2.0 * (w - 3.0)


def descend(w0, eta, steps):
    """Every w visited by plain gradient descent from w0."""
    ws = [w0]
    for _ in range(steps):
        ws.append(ws[-1] - eta * grad(ws[-1]))
    return np.array(ws)


if __name__ == "__main__":
    w0, steps = -1.0, 20
    runs = {0.05: "C0", 0.4: "C2", 1.05: "C3"}
    fig, ax = plt.subplots()
    low, high = -6, 12
    for eta, colour in runs.items():
        ws = descend(w0, eta, steps)
        print(f"eta = {eta:4.2f}: w after {steps} steps = {ws[-1]:+9.3f}, loss = {reader(loss(ws[-1]), 3):>9}")
        # A run that leaves the axes is drawn up to its last step inside them, then an arrow
        # along the step that leaves, to the edge: no line cut off at the frame.
        outside = np.flatnonzero((ws < low) | (ws > high))
        shown = ws if outside.size == 0 else ws[: outside[0]]
        ax.plot(shown, "o-", markersize=3, color=colour, label=f"learning rate $\\eta$ = {eta}")
        if outside.size:
            k = outside[0]
            edge = high if ws[k] > high else low
            x_edge = k - 1 + (edge - ws[k - 1]) / (ws[k] - ws[k - 1])
            ax.annotate("", xy=(x_edge, edge), xytext=(k - 1, ws[k - 1]), annotation_clip=False,
                        arrowprops=dict(arrowstyle="-|>", color=colour, linewidth=2, shrinkA=0, shrinkB=0))
            # In three short lines, so the note stays inside the axes at a phone's width too
            # (wider, it took the plot's width there).
            ax.annotate(f"$\\eta$ = {eta} diverges:\nthe error grows\n×{abs(1 - 2 * eta):g} a step",
                        xy=(x_edge, edge), xytext=(k + 0.6, edge - 1.2), va="top", color=colour)
    ax.axhline(3.0, color="C6", linestyle="--", linewidth=1, label="minimum, w = 3")
    ax.set_ylim(low, high)
    ax.set_xlabel("step")
    ax.set_ylabel("weight w")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2, ncol=2)
    plt.show()
