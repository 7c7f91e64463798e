"""A biological neuron and an artificial neuron, corresponding parts in matching colours.

Top, a schematic neuron; bottom, the artificial neuron y = f(w . x + b). The
numbers pair the parts of the usual mapping: 1 dendrites / inputs (C0), 2 synapses /
weights (C1), 3 soma / weighted sum plus bias (C2), 4 spike initiation at the axon
initial segment / activation function (C3), 5 axon / output (C4).
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Polygon

fig, (bio, art) = plt.subplots(2, 1, figsize=(7, 8.6))


def tag(ax, number, x, y, colour):
    """A numbered disc that pairs a part on the left with its counterpart on the right."""
    ax.add_patch(Circle((x, y), 0.33, facecolor=colour, alpha=0.3, zorder=5))
    ax.add_patch(Circle((x, y), 0.33, fill=False, edgecolor=colour, linewidth=2, zorder=5))
    ax.text(x, y, str(number), ha="center", va="center", fontweight="bold", zorder=6)


# --- biological ------------------------------------------------------------------------
soma = (3.2, 0.0)
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
bio.add_patch(Polygon([(3.95, 0.3), (4.6, 0.08), (4.6, -0.08), (3.95, -0.3)], color="C3"))
bio.plot([4.6, 5.4], [0, 0], color="C3", linewidth=6, solid_capstyle="butt")
bio.plot([5.4, 8.6], [0, 0], color="C4", linewidth=2.5)
for x in (5.6, 6.6, 7.6):
    bio.add_patch(FancyBboxPatch((x, -0.2), 0.8, 0.4, boxstyle="round,pad=0,rounding_size=0.18",
                                 facecolor="C6", alpha=0.35, edgecolor="C6"))
for y in (0.7, 0.0, -0.7):
    bio.plot([8.6, 9.3], [0, y], color="C4", linewidth=2)
    bio.add_patch(Circle((9.3, y), 0.14, color="C4"))
tag(bio, 1, 0.9, 1.95, "C0")
tag(bio, 2, 0.05, 0.55, "C1")
tag(bio, 3, 3.2, 1.35, "C2")
tag(bio, 4, 5.0, 0.75, "C3")
tag(bio, 5, 7.0, 0.75, "C4")
for x, text in [(0.9, "1 dendrites\n2 synapses"), (3.5, "3 soma"),
                (5.4, "4 axon initial\nsegment"), (8.0, "5 axon and\nterminals")]:
    bio.text(x, -2.9, text, ha="center", va="top")
bio.set_title("biological neuron (schematic)")
bio.set_xlim(-0.6, 9.8)
bio.set_ylim(-3.9, 2.8)
bio.set_aspect("equal")
bio.axis("off")

# --- artificial ------------------------------------------------------------------------
sum_at, f_at = (4.6, 0.0), (6.6, 0.0)
for i, y in enumerate((1.6, 0.0, -1.6), start=1):
    art.add_patch(Circle((1.0, y), 0.42, facecolor="C0", alpha=0.3, edgecolor="C0", linewidth=2))
    art.text(1.0, y, f"$x_{i}$", ha="center", va="center", fontsize=12)
    art.add_patch(FancyArrowPatch((1.45, y), (sum_at[0] - 0.6, sum_at[1] + 0.25 * np.sign(y)),
                                  arrowstyle="-|>", mutation_scale=12, color="C1", linewidth=2))
    art.text(2.7, 0.62 * y + 0.28, f"$w_{i}$", ha="center", va="bottom", fontsize=12, color="C1")
art.add_patch(Circle(sum_at, 0.6, facecolor="C2", alpha=0.3, edgecolor="C2", linewidth=2.5))
art.text(*sum_at, r"$\Sigma$", ha="center", va="center", fontsize=16)
art.add_patch(FancyArrowPatch((sum_at[0], 1.75), (sum_at[0], 0.62), arrowstyle="-|>",
                              mutation_scale=12, color="C2", linewidth=1.5))
art.text(sum_at[0], 1.8, "bias $b$", ha="center", va="bottom")
art.add_patch(FancyArrowPatch((sum_at[0] + 0.6, 0), (f_at[0] - 0.6, 0), arrowstyle="-|>",
                              mutation_scale=12, color="C2", linewidth=2))
art.text((sum_at[0] + f_at[0]) / 2, 0.12, "$z$", ha="center", va="bottom", fontsize=12)
art.add_patch(FancyBboxPatch((f_at[0] - 0.6, -0.6), 1.2, 1.2, boxstyle="round,pad=0,rounding_size=0.15",
                             facecolor="C3", alpha=0.25, edgecolor="C3", linewidth=2))
s = np.linspace(-1, 1, 50)
art.plot(f_at[0] + 0.45 * s, -0.4 + 0.8 / (1 + np.exp(-5 * s)), color="C3", linewidth=2)
art.add_patch(FancyArrowPatch((f_at[0] + 0.6, 0), (9.3, 0), arrowstyle="-|>", mutation_scale=14,
                              color="C4", linewidth=2.5))
art.text(9.35, 0, "$y$", ha="left", va="center", fontsize=13)
tag(art, 1, 1.0, 2.45, "C0")
tag(art, 2, 2.0, 1.75, "C1")
tag(art, 3, sum_at[0] - 0.75, 0.9, "C2")
tag(art, 4, f_at[0], 0.95, "C3")
tag(art, 5, 8.2, 0.5, "C4")
for x, text in [(1.4, "1 inputs $x_i$\n2 weights $w_i$"),
                (4.2, "3 weighted sum\n$z = \\mathbf{w}\\cdot\\mathbf{x} + b$"),
                (6.95, "4 activation\n$f$"), (9.3, "5 output\n$y = f(z)$")]:
    art.text(x, -2.9, text, ha="center", va="top")
art.set_title("artificial neuron")
art.set_xlim(0.2, 10.6)
art.set_ylim(-3.9, 2.8)
art.set_aspect("equal")
art.axis("off")
plt.show()
