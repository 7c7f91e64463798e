"""A biological neuron and an artificial neuron, corresponding parts in matching colours.

Left, a schematic neuron; right, the artificial neuron y = f(w . x + b). The
numbers pair the parts of the usual mapping, listed under each drawing: 1 dendrites /
inputs (C0), 2 synapses / weights (C1), 3 soma / weighted sum plus bias (C2), 4 spike
initiation at the axon initial segment / activation function (C3), 5 axon / output (C4).
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Polygon

fig, (bio, art) = plt.subplots(1, 2, figsize=(7, 3.75))
TAG_R = 0.36  # radius of a numbered disc, in data units


def tag(ax, number, x, y, colour, point=None):
    """A numbered disc that pairs a part of one neuron with its counterpart in the other,
    with a thin leader to ``point``, the part it names (a disc beside two parts would
    otherwise seem to name the nearer one)."""
    if point is not None:
        dx, dy = point[0] - x, point[1] - y
        edge = TAG_R / np.hypot(dx, dy)
        ax.plot([x + edge * dx, point[0]], [y + edge * dy, point[1]], color="C6", linewidth=1, zorder=4)
    ax.add_patch(Circle((x, y), TAG_R, facecolor=colour, alpha=0.3, zorder=5))
    ax.add_patch(Circle((x, y), TAG_R, fill=False, edgecolor=colour, linewidth=2, zorder=5))
    ax.text(x, y, str(number), ha="center", va="center", fontweight="bold", zorder=6)


def key(ax, entries):
    """The list under a drawing: each part's disc and name, one per row, 1 to 5."""
    for row, (text, colour) in enumerate(entries):
        y = -3.5 - 0.95 * row
        tag(ax, row + 1, 0.0, y, colour)
        ax.text(0.6, y, text, ha="left", va="center")


COLOURS = ["C0", "C1", "C2", "C3", "C4"]

# --- biological ------------------------------------------------------------------------
soma = (3.4, 0.0)
for angle in (125, 160, 200, 235):  # dendrites, each forking once, a synapse on each tip
    a = np.radians(angle)
    x0, y0 = soma[0] + 0.8 * np.cos(a), 0.8 * np.sin(a)
    x1, y1 = x0 + 1.3 * np.cos(a), y0 + 1.3 * np.sin(a)
    bio.plot([x0, x1], [y0, y1], color="C0", linewidth=3, solid_capstyle="round")
    for fork in (-25, 25):
        b = np.radians(angle + fork)
        x2, y2 = x1 + 0.8 * np.cos(b), y1 + 0.8 * np.sin(b)
        bio.plot([x1, x2], [y1, y2], color="C0", linewidth=2, solid_capstyle="round")
        bio.add_patch(Circle((x2, y2), 0.14, color="C1", zorder=3))
bio.add_patch(Circle(soma, 0.8, facecolor="C2", alpha=0.3))
bio.add_patch(Circle(soma, 0.8, fill=False, edgecolor="C2", linewidth=2.5))
bio.add_patch(Polygon([(4.15, 0.3), (4.8, 0.08), (4.8, -0.08), (4.15, -0.3)], color="C3"))
bio.plot([4.8, 5.6], [0, 0], color="C3", linewidth=6, solid_capstyle="butt")
bio.plot([5.6, 8.6], [0, 0], color="C4", linewidth=2.5)
for x in (5.8, 6.75, 7.7):
    bio.add_patch(
        FancyBboxPatch(
            (x, -0.2), 0.75, 0.4, boxstyle="round,pad=0,rounding_size=0.18", facecolor="C6", alpha=0.35, edgecolor="C6"
        )
    )
for y in (0.7, 0.0, -0.7):
    bio.plot([8.6, 9.3], [0, y], color="C4", linewidth=2)
    bio.add_patch(Circle((9.3, y), 0.14, color="C4"))
along = np.array([np.cos(np.radians(235)), np.sin(np.radians(235))])
tag(bio, 1, 3.5, -2.2, "C0", soma + 1.5 * along)  # below the soma, led to the lowest dendrite
tag(bio, 2, 0.45, 2.3, "C1", (1.38, 2.05))  # led to the edge of the nearest synapse
tag(bio, 3, soma[0], 1.45, "C2", (soma[0], 0.8))
tag(bio, 4, 5.1, 0.9, "C3", (5.2, 0.12))
tag(bio, 5, 7.3, 0.9, "C4", (7.6, 0.05))  # the bare axon at a node, between two sheaths
key(bio, zip(["dendrites", "synapses", "soma", "axon initial segment", "axon and terminals"], COLOURS))
bio.set_title("biological neuron (schematic)")

# --- artificial ------------------------------------------------------------------------
sum_at, f_at = (4.8, 0.0), (7.0, 0.0)
for i, y in enumerate((1.6, 0.0, -1.6), start=1):
    art.add_patch(Circle((1.0, y), 0.45, facecolor="C0", alpha=0.3, edgecolor="C0", linewidth=2))
    art.text(1.0, y, f"$x_{i}$", ha="center", va="center")
    art.add_patch(
        FancyArrowPatch(
            (1.5, y),
            (sum_at[0] - 0.6, sum_at[1] + 0.25 * np.sign(y)),
            arrowstyle="-|>",
            mutation_scale=12,
            color="C1",
            linewidth=2,
        )
    )
    art.text(2.75, 0.62 * y + 0.3, f"$w_{i}$", ha="center", va="bottom", color="C1")
art.add_patch(Circle(sum_at, 0.6, facecolor="C2", alpha=0.3, edgecolor="C2", linewidth=2.5))
art.text(*sum_at, r"$\Sigma$", ha="center", va="center", fontsize=16)
art.add_patch(
    FancyArrowPatch((sum_at[0], 1.9), (sum_at[0], 0.62), arrowstyle="-|>", mutation_scale=12, color="C2", linewidth=1.5)
)
art.text(sum_at[0], 1.95, "bias $b$", ha="center", va="bottom")
art.add_patch(
    FancyArrowPatch(
        (sum_at[0] + 0.6, 0), (f_at[0] - 0.6, 0), arrowstyle="-|>", mutation_scale=12, color="C2", linewidth=2
    )
)
art.text((sum_at[0] + f_at[0]) / 2, 0.12, "$z$", ha="center", va="bottom")
art.add_patch(
    FancyBboxPatch(
        (f_at[0] - 0.6, -0.6),
        1.2,
        1.2,
        boxstyle="round,pad=0,rounding_size=0.15",
        facecolor="C3",
        alpha=0.25,
        edgecolor="C3",
        linewidth=2,
    )
)
s = np.linspace(-1, 1, 50)
art.plot(f_at[0] + 0.45 * s, -0.4 + 0.8 / (1 + np.exp(-5 * s)), color="C3", linewidth=2)
art.add_patch(
    FancyArrowPatch((f_at[0] + 0.6, 0), (9.4, 0), arrowstyle="-|>", mutation_scale=14, color="C4", linewidth=2.5)
)
art.text(9.5, 0, "$y$", ha="left", va="center")
tag(art, 1, 0.0, 2.5, "C0", (1.0 - 0.32, 1.6 + 0.32))  # to x1's edge
tag(art, 2, 2.45, 2.25, "C1", (2.0, 1.35))  # to the w1 arrow, left of its label
# up and right of the w1 arrowhead, well clear of it, led to the sum's edge
tag(art, 3, sum_at[0] - 0.65, 1.3, "C2", (sum_at[0] - 0.42, 0.42))
tag(art, 4, f_at[0], 1.2, "C3", (f_at[0], 0.6))
tag(art, 5, 8.6, 0.75, "C4", (8.6, 0.08))
key(
    art,
    zip(
        [
            "inputs $x_i$",
            "weights $w_i$",
            r"sum $z = \mathbf{w}\cdot\mathbf{x} + b$",
            "activation $f$",
            "output $y = f(z)$",
        ],
        COLOURS,
    ),
)
art.set_title("artificial neuron")

for ax in (bio, art):
    ax.set_xlim(-0.5, 10.1)
    ax.set_ylim(-8.1, 3.0)
    ax.set_aspect("equal")
    ax.axis("off")
plt.show()
