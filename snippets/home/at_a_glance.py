"""The whole comparison at a glance: a biological neuron beside an artificial neuron.

Both are drawn with the signal flowing down, from what comes in at the top to what goes
out at the bottom, and each part of the cell sits level with its counterpart in the
model. Each part carries a numbered disc in the part's colour, the same number and
colour on both panels, so the pairs match wherever the panels sit (side by side on a
desktop, one above the other on a phone): 1 dendrites / inputs (C0), 2 synapses /
weights (C1), 3 soma / weighted sum plus bias (C2), 4 axon initial segment, where the
threshold is crossed and the spike starts (Kole & Stuart 2012; Bean 2007) / activation
function (C3), 5 axon / output (C4), the same colours as on every page of the site. The
synapses sit along the dendrites, as most synapses on a real neuron do, so that they
are level with the weights; the tapering axon hillock is drawn in the initial segment's
colour, the nucleus and two myelin sheaths in grey. The home and mapping pages both show
this figure; the cell is the same drawing, at the same scale and with the same names, as
on the biological-neuron page.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Polygon

fig, (bio, art) = plt.subplots(1, 2, figsize=(7, 4.6))
ROWS = {"dendrites": 5.15, "synapses": 4.2, "soma": 3.0, "initial segment": 1.85, "axon": 0.75}
COLOUR = {"dendrites": "C0", "synapses": "C1", "soma": "C2", "initial segment": "C3", "axon": "C4"}
LIFT = 0.0  # each name and its disc are centred on their part's row, like the rows of a table
KEY = {part: number for number, part in enumerate(ROWS, start=1)}
# A digit's colour, for >= 4.5:1 on its disc: white on the dark blue, near-black on the
# lighter four (white on them is 3.1-3.9:1). In the dark copy both become the page's
# slate (nn_site/engine/palette.py), dark on the lighter dark-mode discs.
DIGIT = {"C0": "white", "C1": "#0d1117", "C2": "#0d1117", "C3": "#0d1117", "C4": "#0d1117"}
LABEL_X = 3.0  # where the names start, right of both drawings
# the names of the parts, worded alike on the home, mapping and biological-neuron pages
LABELS = {"dendrites": "dendrites", "synapses": "synapses", "soma": "soma",
          "initial segment": "axon initial\nsegment:\nthreshold", "axon": "axon"}
MODEL_LABELS = {"dendrites": "inputs $x_i$", "synapses": "weights $w_i$",
                "soma": "weighted sum\n$z = \\mathbf{w}\\cdot\\mathbf{x} + b$",
                "initial segment": "activation $f$", "axon": "output $y = f(z)$"}


def labelled(ax, part, text):
    """The part's name on its row, after a disc in the part's colour holding the part's
    number: the same disc marks its counterpart in the other panel. Disc and name are
    both centred on the row, so a disc sits level with the middle of a two-line name."""
    y = ROWS[part] + LIFT
    ax.annotate(str(KEY[part]), (LABEL_X, y), xytext=(-7, 0), textcoords="offset points",
                ha="right", va="center", color=DIGIT[COLOUR[part]], fontweight="bold",
                bbox={"boxstyle": "circle,pad=0.22", "facecolor": COLOUR[part], "edgecolor": "none"})
    ax.text(LABEL_X, y, text, ha="left", va="center", linespacing=1.2)


for ax in (bio, art):
    ax.set_xlim(0, 5)
    # a blank band under the terminals: stacked on a phone, the next panel's title then
    # sits nearer its own drawing than this one's terminals
    ax.set_ylim(-0.55, 5.55)
    ax.set_aspect("equal")  # round stays round, whatever the shape of the panel
    ax.axis("off")

# --- biological neuron, signal flowing down ----------------------------------------------
soma = np.array([1.35, ROWS["soma"]])
for angle in (66, 82, 98, 114):  # dendrites fork once; synapses sit along them
    a = np.radians(angle)
    start = soma + 0.45 * np.array([np.cos(a), np.sin(a)])
    fork = start + 1.45 * np.array([np.cos(a), np.sin(a)])
    bio.plot(*zip(start, fork), color="C0", linewidth=3, solid_capstyle="round", zorder=2)
    for turn in (-20, 20):
        b = np.radians(angle + turn)
        tip = fork + 0.55 * np.array([np.cos(b), np.sin(b)])
        bio.plot(*zip(fork, tip), color="C0", linewidth=2, solid_capstyle="round", zorder=2)
    on_branch = start + (ROWS["synapses"] - start[1]) / np.sin(a) * np.array([np.cos(a), np.sin(a)])
    bio.add_patch(Circle(on_branch, 0.13, color="C1", zorder=3))
bio.add_patch(Circle(soma, 0.45, facecolor="C2", edgecolor="C2", linewidth=2.5, zorder=3))
bio.add_patch(Circle(soma + (-0.08, 0.06), 0.19, color="C6", zorder=4))  # the nucleus
# the axon hillock tapers out of the soma; the narrow axon initial segment beyond it is
# where the spike starts, so its row runs through the segment, not the taper
x0 = soma[0]
hillock_end, segment_end = 2.3, 1.4
bio.add_patch(Polygon([(x0 - 0.25, 2.65), (x0 + 0.25, 2.65), (x0 + 0.07, hillock_end), (x0 - 0.07, hillock_end)],
                      color="C3", zorder=3))
bio.plot([x0, x0], [hillock_end + 0.02, segment_end], color="C3", linewidth=6, solid_capstyle="butt", zorder=3)
bio.plot([x0, x0], [segment_end, 0.55], color="C4", linewidth=3, zorder=2)
for top in (1.3, 0.95):  # grey myelin sheaths, a bare node of Ranvier between them
    bio.add_patch(FancyBboxPatch((x0 - 0.13, top - 0.28), 0.26, 0.28, boxstyle="round,pad=0,rounding_size=0.08",
                                 facecolor="C6", alpha=0.35, edgecolor="C6", zorder=3))
for dx in (-0.45, 0.0, 0.45):
    bio.plot([x0, x0 + dx], [0.55, 0.2], color="C4", linewidth=2, zorder=2)
    bio.add_patch(Circle((x0 + dx, 0.2), 0.1, color="C4", zorder=3))
for part, text in LABELS.items():
    labelled(bio, part, text)
bio.set_title("biological neuron")

# --- artificial neuron, y = f(w·x + b) ----------------------------------------------------
centre = x0  # the same column as the biological neuron, labels to its right
for i, dx in enumerate((-0.62, 0.0, 0.62), start=1):
    xy = (centre + dx, ROWS["dendrites"])
    art.add_patch(Circle(xy, 0.27, facecolor="white", edgecolor="C0", linewidth=2.5, zorder=3))
    art.text(*xy, f"$x_{i}$", ha="center", va="center", zorder=4)
    art.add_patch(FancyArrowPatch(xy, (centre, ROWS["soma"]), shrinkA=14, shrinkB=22, arrowstyle="-|>",
                                  mutation_scale=12, color="C1", linewidth=2, zorder=2))
art.add_patch(Circle((centre, ROWS["soma"]), 0.42, facecolor="white", edgecolor="C2", linewidth=2.5, zorder=3))
art.text(centre, ROWS["soma"], r"$\Sigma$", ha="center", va="center", zorder=4)
art.add_patch(FancyArrowPatch((0.05, ROWS["soma"]), (centre - 0.42, ROWS["soma"]), arrowstyle="-|>",
                              mutation_scale=12, color="C2", linewidth=2, clip_on=False, zorder=2))
art.text(0.2, ROWS["soma"] + 0.12, "$b$", ha="center", va="bottom")
art.add_patch(FancyArrowPatch((centre, ROWS["soma"] - 0.42), (centre, ROWS["initial segment"] + 0.33),
                              arrowstyle="-|>", mutation_scale=12, color="C2", linewidth=2, zorder=2))
art.add_patch(FancyBboxPatch((centre - 0.45, ROWS["initial segment"] - 0.33), 0.9, 0.66, zorder=3,
                             boxstyle="round,pad=0,rounding_size=0.1", facecolor="white",
                             edgecolor="C3", linewidth=2.5))
s = np.linspace(-1, 1, 40)
art.plot(centre + 0.35 * s, ROWS["initial segment"] - 0.22 + 0.44 / (1 + np.exp(-6 * s)), color="C3", linewidth=2,
         zorder=4)
art.add_patch(FancyArrowPatch((centre, ROWS["initial segment"] - 0.33), (centre, ROWS["axon"] - 0.3),
                              arrowstyle="-|>", mutation_scale=14, color="C4", linewidth=2.5, zorder=2))
art.text(centre + 0.15, ROWS["axon"], "$y$", ha="left", va="center")
for part, text in MODEL_LABELS.items():
    labelled(art, part, text)
art.set_title("artificial neuron")

plt.show()
