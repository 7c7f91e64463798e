"""A schematic of a neuron, each part named beside it, and a close-up of one chemical
synapse.

Drawn with matplotlib patches, not to scale, as the site draws every neuron: the signal
flows down, from the dendrites at the top to the axon terminals at the bottom, and each
part is named on its own row, after a disc in the part's colour holding its number, 1
to 6 in the order a signal passes them. Colours follow the site's convention: dendrites
C0, synapses C1, soma C2, axon hillock and initial segment (where the spike starts, the
"threshold" site) C3, axon and terminals C4; myelin and the nucleus in grey C6. Parts 1
to 5 are the cell of the home and mapping pages, drawn alike, at the same scale and
with the same names; this page adds the terminals as a sixth.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Polygon, Wedge

# the neuron's cell a little wider than the close-up's: its axes then spans the 5 units of
# the home and mapping drawings' width in as many pixels (68 px a unit at 700 px)
fig, (ax, zoom) = plt.subplots(1, 2, figsize=(7, 4.6), width_ratios=(1.045, 1))
# the row of each part, top to bottom, in the order a signal passes them; the first five
# are the rows of the home and mapping pages' drawing of the same cell
ROWS = {"dendrites": 5.15, "synapses": 4.2, "soma": 3.0, "initial segment": 1.85, "axon": 0.75, "terminals": 0.05}
COLOUR = {"dendrites": "C0", "synapses": "C1", "soma": "C2", "initial segment": "C3", "axon": "C4", "terminals": "C4"}
LIFT = 0.0  # each name and its disc are centred on their part's row, like the rows of a table
KEY = {part: number for number, part in enumerate(ROWS, start=1)}
# A digit's colour, for >= 4.5:1 on its disc: white on the dark blue, near-black on the
# lighter ones (white on them is 3.1-3.9:1). In the dark copy both become the page's
# slate (nn_site/engine/palette.py), dark on the lighter dark-mode discs.
DIGIT = {"C0": "white", "C1": "#0d1117", "C2": "#0d1117", "C3": "#0d1117", "C4": "#0d1117"}
LABEL_X = 3.0  # where the names start, right of the drawing
# the names of the parts, the first five worded as on the home and mapping pages
LABELS = {"dendrites": "dendrites", "synapses": "synapses", "soma": "soma",
          "initial segment": "axon initial\nsegment:\nthreshold", "axon": "axon",
          "terminals": "terminals\n(boutons)"}


def labelled(part, text):
    """The part's name on its row, after a disc in the part's colour holding its number.
    Disc and name are both centred on the row, so a disc sits level with the middle of
    a name of several lines."""
    y = ROWS[part] + LIFT
    ax.annotate(str(KEY[part]), (LABEL_X, y), xytext=(-7, 0), textcoords="offset points",
                ha="right", va="center", color=DIGIT[COLOUR[part]], fontweight="bold",
                bbox={"boxstyle": "circle,pad=0.22", "facecolor": COLOUR[part], "edgecolor": "none"})
    ax.text(LABEL_X, y, text, ha="left", va="center", linespacing=1.2)


# --- the whole neuron, signal flowing down: the home and mapping pages' cell -------------
soma = np.array([1.35, ROWS["soma"]])
for angle in (66, 82, 98, 114):  # dendrites fork once; synapses sit along them
    a = np.radians(angle)
    start = soma + 0.45 * np.array([np.cos(a), np.sin(a)])
    fork = start + 1.45 * np.array([np.cos(a), np.sin(a)])
    ax.plot(*zip(start, fork), color="C0", linewidth=3, solid_capstyle="round", zorder=2)
    for turn in (-20, 20):
        b = np.radians(angle + turn)
        tip = fork + 0.55 * np.array([np.cos(b), np.sin(b)])
        ax.plot(*zip(fork, tip), color="C0", linewidth=2, solid_capstyle="round", zorder=2)
    on_branch = start + (ROWS["synapses"] - start[1]) / np.sin(a) * np.array([np.cos(a), np.sin(a)])
    ax.add_patch(Circle(on_branch, 0.13, color="C1", zorder=3))  # a synapse from another neuron
ax.add_patch(Circle(soma, 0.45, facecolor="C2", edgecolor="C2", linewidth=2.5, zorder=3))
ax.add_patch(Circle(soma + (-0.08, 0.06), 0.19, color="C6", zorder=4))  # the nucleus
# the axon hillock tapers out of the soma; the narrow axon initial segment beyond it is
# where the spike starts
x0 = soma[0]
hillock_end, segment_end = 2.3, 1.4
ax.add_patch(Polygon([(x0 - 0.25, 2.65), (x0 + 0.25, 2.65), (x0 + 0.07, hillock_end), (x0 - 0.07, hillock_end)],
                     color="C3", zorder=3))
ax.plot([x0, x0], [hillock_end + 0.02, segment_end], color="C3", linewidth=6, solid_capstyle="butt", zorder=3)
ax.plot([x0, x0], [segment_end, 0.55], color="C4", linewidth=3, zorder=2)
for top in (1.3, 0.95):  # grey myelin sheaths, a bare node of Ranvier between them
    ax.add_patch(FancyBboxPatch((x0 - 0.13, top - 0.28), 0.26, 0.28, boxstyle="round,pad=0,rounding_size=0.08",
                                facecolor="C6", alpha=0.35, edgecolor="C6", zorder=3))
# the terminals and their boutons; the middle one, circled, is enlarged in the second panel
boutons = [(x0 + dx, 0.2) for dx in (-0.45, 0.0, 0.45)]
for x, y in boutons:
    ax.plot([x0, x], [0.55, y], color="C4", linewidth=2, zorder=2)
    ax.add_patch(Circle((x, y), 0.1, color="C4", zorder=3))
ax.add_patch(Circle(boutons[1], 0.24, fill=False, edgecolor="C1", linewidth=1.5, linestyle="--", zorder=3))

parts = list(LABELS.items())  # part, its name beside the drawing
for part, name in parts:
    labelled(part, name)
ax.set_xlim(0, 5)
ax.set_ylim(-0.55, 5.55)  # the home and mapping pages' limits: the cell at their scale
ax.set_aspect("equal")
# Top of its cell: centred, a drawing as wide as its cell pushed its title off the figure.
ax.set_anchor("N")
ax.axis("off")
ax.set_title("biological neuron")

# --- one chemical synapse, enlarged ---------------------------------------------------
# Each compartment is a pale fill and, as a second patch without alpha, its outline:
# alpha on one patch would fade the outline with the fill.
terminal = dict(center=(0, 0.55), r=1.5, theta1=0, theta2=180)
zoom.add_patch(Wedge(**terminal, facecolor="C4", alpha=0.15, linewidth=0))
zoom.add_patch(Wedge(**terminal, fill=False, edgecolor="C4", linewidth=2))
# Vesicles filled with neurotransmitter, placed by hand: apart from each other, clear
# of the terminal's edge and of the leaders that name them.
VESICLE_R = 0.14
vesicles = [(-1.0, 0.95), (-0.55, 1.4), (-0.45, 0.9), (-0.05, 1.75), (0.0, 1.2), (0.45, 1.5), (0.6, 1.0)]
for centre in vesicles:
    zoom.add_patch(Circle(centre, VESICLE_R, facecolor="none", edgecolor="C1", linewidth=1.5))
zoom.add_patch(Wedge((0.35, 0.55), 0.17, 180, 360, facecolor="none", edgecolor="C1", linewidth=1.5))
released = np.array(
    [
        (0.05, 0.42),
        (0.25, 0.38),
        (0.45, 0.41),
        (0.62, 0.37),
        (0.15, 0.27),
        (0.36, 0.24),
        (0.55, 0.22),
        (0.76, 0.28),
        (0.0, 0.2),
        (0.27, 0.16),
    ]
)
zoom.scatter(*released.T, s=6, color="C1")
dendrite_box = dict(xy=(-1.5, -1.8), width=3.0, height=1.8, boxstyle="round,pad=0,rounding_size=0.2")
zoom.add_patch(FancyBboxPatch(**dendrite_box, facecolor="C0", alpha=0.15, linewidth=0))
zoom.add_patch(FancyBboxPatch(**dendrite_box, fill=False, edgecolor="C0", linewidth=2))
for x in np.linspace(-0.9, 0.9, 6):  # receptors in the postsynaptic membrane
    zoom.add_patch(FancyBboxPatch((x - 0.07, -0.12), 0.14, 0.22, boxstyle="square,pad=0", color="C0"))
zoom.add_patch(FancyArrowPatch((0.3, 3.6), (0.3, 2.2), arrowstyle="-|>", mutation_scale=14, color="C4"))
zoom.text(0.45, 3.0, "action potential\narrives", va="center")
first_vesicle = vesicles[0]
for text, point, where, shrink in [
    # ends on the first vesicle's outline, up and to the left of its centre
    (
        "vesicles of\nneurotransmitter",
        (first_vesicle[0] - VESICLE_R * 0.7, first_vesicle[1] + VESICLE_R * 0.7),
        (-2.85, 2.5),
        0,
    ),
    # ends on the rightmost released dot, reached from the right, past no other dot
    ("release into\nthe cleft", tuple(released[np.argmax(released[:, 0])]), (1.4, 1.9), 2),
    ("receptors", (0.9, -0.05), (1.62, -0.45), 2),
    ("postsynaptic\ndendrite", (-0.8, -1.2), (-2.4, -2.6), 2),
]:
    zoom.annotate(
        text,
        point,
        xytext=where,
        va="center",
        arrowprops=dict(arrowstyle="-", linewidth=0.8, shrinkA=2, shrinkB=shrink),
    )
zoom.set_xlim(-2.9, 2.95)
zoom.set_ylim(-3.3, 3.9)
zoom.set_aspect("equal")
zoom.set_anchor("N")
zoom.axis("off")
zoom.set_title("chemical synapse")


plt.show()
