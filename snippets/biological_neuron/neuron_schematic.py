"""A schematic of a neuron, each part named beside it, and a close-up of one chemical
synapse.

Drawn with matplotlib patches, not to scale, as the site draws every neuron: the signal
flows down, from the dendrites at the top to the axon terminals at the bottom, and each
part is named on its own row, after a disc in the part's colour holding its number, 1
to 6 in the order a signal passes them. Colours follow the site's convention: dendrites
C0, synapses C1, soma C2, axon hillock and initial segment (where the spike starts, the
"threshold" site) C3, axon and terminals C4; myelin and the nucleus in grey C6.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Polygon, Wedge

fig, (ax, zoom) = plt.subplots(1, 2, figsize=(7, 4.7))
# the row of each part, top to bottom, in the order a signal passes them
ROWS = {"dendrites": 7.35, "synapses": 6.35, "soma": 5.0, "initial segment": 3.7, "axon": 2.2, "terminals": 0.5}
COLOUR = {"dendrites": "C0", "synapses": "C1", "soma": "C2", "initial segment": "C3", "axon": "C4", "terminals": "C4"}
LIFT = 0.1  # labels sit on their part's row, like the rows of a table
KEY = {part: number for number, part in enumerate(ROWS, start=1)}
# A digit's colour, for >= 4.5:1 on its disc: white on the dark blue, near-black on the
# lighter ones (white on them is 3.1-3.9:1). In the dark copy both become the page's
# slate (nn_site/engine/palette.py), dark on the lighter dark-mode discs.
DIGIT = {"C0": "white", "C1": "#0d1117", "C2": "#0d1117", "C3": "#0d1117", "C4": "#0d1117"}
LABEL_X = 3.05


def labelled(part, text):
    """The part's name on its row, after a disc in the part's colour holding its number."""
    y = ROWS[part] + LIFT
    ax.annotate(str(KEY[part]), (LABEL_X, y), xytext=(-7, 0), textcoords="offset points",
                ha="right", va="bottom", color=DIGIT[COLOUR[part]], fontweight="bold",
                bbox={"boxstyle": "circle,pad=0.22", "facecolor": COLOUR[part], "edgecolor": "none"})
    ax.text(LABEL_X, y, text, ha="left", va="bottom", linespacing=1.2)


# --- the whole neuron, signal flowing down ---------------------------------------------
soma = np.array([1.35, ROWS["soma"]])
for angle in (62, 80, 100, 118):  # dendrites fork once; synapses sit along them
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
hillock_top, hillock_end, segment_end = soma[1] - 0.35, soma[1] - 0.7, soma[1] - 1.6
ax.add_patch(Polygon([(x0 - 0.25, hillock_top), (x0 + 0.25, hillock_top), (x0 + 0.07, hillock_end),
                      (x0 - 0.07, hillock_end)], color="C3", zorder=3))
ax.plot([x0, x0], [hillock_end + 0.02, segment_end], color="C3", linewidth=6, solid_capstyle="butt", zorder=3)
# the axon, wrapped in grey myelin sheaths with bare nodes of Ranvier between them
axon_end = 0.95
ax.plot([x0, x0], [segment_end, axon_end], color="C4", linewidth=3, zorder=2)
for top in (segment_end - 0.15, segment_end - 0.8, segment_end - 1.45):
    ax.add_patch(FancyBboxPatch((x0 - 0.15, top - 0.5), 0.3, 0.5, boxstyle="round,pad=0,rounding_size=0.12",
                                facecolor="C6", alpha=0.35, edgecolor="C6", zorder=3))
# the terminals and their boutons; the middle one, circled, is enlarged in the second panel
boutons = [(x0 + dx, ROWS["terminals"]) for dx in (-0.45, 0.0, 0.45)]
for x, y in boutons:
    ax.plot([x0, x], [axon_end, y], color="C4", linewidth=2, zorder=2)
    ax.add_patch(Circle((x, y), 0.1, color="C4", zorder=3))
ax.add_patch(Circle(boutons[1], 0.24, fill=False, edgecolor="C1", linewidth=1.5, linestyle="--", zorder=3))

parts = [  # part, its name beside the drawing
    ("dendrites", "dendrites"),
    ("synapses", "synapses from\nother neurons"),
    ("soma", "soma (cell body)\nwith its nucleus"),
    ("initial segment", "axon hillock and\ninitial segment:\nspike starts"),
    ("axon", "axon: grey myelin,\nnodes of Ranvier\nbetween sheaths"),
    ("terminals", "terminals\n(boutons)"),
]
for part, name in parts:
    labelled(part, name)
ax.set_xlim(0, 5.8)
ax.set_ylim(0.2, 7.95)
ax.set_aspect("equal")
# Top of its cell: centred, a drawing as wide as its cell pushed its title off the figure.
ax.set_anchor("N")
ax.axis("off")
ax.set_title("a neuron (schematic)")

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
zoom.set_title("a chemical synapse")


plt.show()
