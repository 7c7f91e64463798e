"""A schematic of a neuron, its parts numbered and named in a list, and a close-up of
one chemical synapse.

Drawn with matplotlib patches, not to scale. Colours follow the site's convention:
dendrites C0, synapses C1, soma C2, axon initial segment (where the spike starts,
the "threshold" site) C3, axon and terminals C4; myelin and the nucleus in grey C6.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, ConnectionPatch, FancyArrowPatch, FancyBboxPatch, Polygon, Wedge

fig, (ax, zoom) = plt.subplots(1, 2, figsize=(7, 5.8))
TAG_R = {1: 0.62, 2: 0.8}  # a numbered disc's radius (data units), by the number's digits


def tag(number, x, y, colour, point=None):
    """A numbered disc at (x, y), with a thin leader to ``point`` (the part it names);
    a two-digit number gets a larger disc, so that it stays inside it."""
    radius = TAG_R[len(str(number))]
    if point is not None:
        dx, dy = point[0] - x, point[1] - y
        edge = radius / np.hypot(dx, dy)
        ax.plot([x + edge * dx, point[0]], [y + edge * dy, point[1]], color="C6", linewidth=0.8, zorder=4)
    ax.add_patch(Circle((x, y), radius, facecolor=colour, alpha=0.3, zorder=5))
    ax.add_patch(Circle((x, y), radius, fill=False, edgecolor=colour, linewidth=1.5, zorder=5))
    ax.text(x, y, str(number), ha="center", va="center", fontweight="bold", zorder=6)


# --- the whole neuron ---------------------------------------------------------------
soma_x, soma_r = 4.6, 1.1


def branch(x, y, angle, length, width, depth):
    """A dendrite: a line that forks in two, depth times. Returns the tips."""
    x2 = x + length * np.cos(np.radians(angle))
    y2 = y + length * np.sin(np.radians(angle))
    ax.plot([x, x2], [y, y2], color="C0", linewidth=width, solid_capstyle="round")
    if depth == 0:
        return [(x2, y2)]
    return branch(x2, y2, angle + 24, 0.65 * length, 0.65 * width, depth - 1) + branch(
        x2, y2, angle - 24, 0.65 * length, 0.65 * width, depth - 1
    )


tips = []
for angle in (120, 155, 185, 215, 245):
    start = (soma_x + soma_r * np.cos(np.radians(angle)), soma_r * np.sin(np.radians(angle)))
    tips += branch(*start, angle, 1.5, 4.0, 2)
synapses = tips[1::3]  # synapses from other neurons' axons, on some dendrite tips
for x, y in synapses:
    ax.add_patch(Circle((x, y), 0.16, color="C1", zorder=3))
lowest_synapse = min(synapses, key=lambda tip: tip[1])

ax.add_patch(Circle((soma_x, 0), soma_r, facecolor="C2", alpha=0.3, zorder=2))
ax.add_patch(Circle((soma_x, 0), soma_r, fill=False, edgecolor="C2", linewidth=2.5, zorder=2))
ax.add_patch(Circle((soma_x - 0.25, 0.2), 0.42, facecolor="C6", alpha=0.35, edgecolor="C6", zorder=3))

# axon hillock (tapering out of the soma), then the axon initial segment
hillock_end, ais_end = 6.25, 7.3
ax.add_patch(
    Polygon(
        [(soma_x + soma_r - 0.1, 0.42), (hillock_end, 0.09), (hillock_end, -0.09), (soma_x + soma_r - 0.1, -0.42)],
        closed=True,
        color="C3",
        zorder=3,
    )
)
ax.plot([hillock_end, ais_end], [0, 0], color="C3", linewidth=6, solid_capstyle="butt", zorder=3)

# myelinated axon: sheaths with gaps (nodes of Ranvier) between them
axon_end = 13.3
ax.plot([ais_end, axon_end], [0, 0], color="C4", linewidth=2.5, zorder=2)
sheath_starts = np.arange(ais_end + 0.2, axon_end - 1.0, 1.3)
for x in sheath_starts:
    ax.add_patch(
        FancyBboxPatch(
            (x, -0.28),
            1.05,
            0.56,
            boxstyle="round,pad=0,rounding_size=0.25",
            facecolor="C6",
            alpha=0.35,
            edgecolor="C6",
            zorder=3,
        )
    )

# axon terminals with their boutons; the middle one is enlarged in the second panel
boutons = [(14.6, 1.15), (14.9, 0.0), (14.6, -1.15)]
for x, y in boutons:
    ax.plot([axon_end, x], [0, y], color="C4", linewidth=2, zorder=2)
    ax.add_patch(Circle((x, y), 0.2, color="C4", zorder=3))
ax.add_patch(Circle(boutons[1], 0.45, fill=False, edgecolor="C1", linewidth=1.5, linestyle="--"))

# Numbered discs on the drawing, named in the list under it (numbers, not labels: the
# names would crowd a drawing this size). Six, one for each stage a signal passes, set
# well apart; the smaller parts are named with the part they belong to, by colour.
parts = [  # name, colour, disc position, the point it names
    ("dendrites", "C0", (4.7, 4.4), (3.55, 1.9)),
    ("synapses from other neurons", "C1", (1.2, -4.9), lowest_synapse),
    ("soma (cell body), with its\nnucleus (grey)", "C2", (5.2, -2.9), (soma_x + 0.4, -0.75)),
    ("axon hillock and axon initial\nsegment (spike starts)", "C3", (7.6, 2.6), (6.8, 0.15)),
    ("axon: grey myelin sheaths,\nwith nodes of Ranvier between", "C4", (10.6, -2.6), (9.97, -0.1)),
    ("axon terminals (boutons)", "C4", (15.9, -1.9), (14.6, -1.15)),
]
row_y = -9.0
for number, (name, colour, at, point) in enumerate(parts, start=1):
    tag(number, *at, colour, point)
    tag(number, 0.55, row_y, colour)
    ax.text(1.6, row_y + 0.55, name, ha="left", va="top", linespacing=1.3)
    row_y -= 1.9 + 1.05 * name.count("\n")
ax.add_patch(FancyArrowPatch((0.0, -7.0), (16.5, -7.0), arrowstyle="-|>", mutation_scale=16, linewidth=1.2, color="C6"))
ax.text(0.0, -6.8, "signals flow: dendrites → soma → axon", ha="left", va="bottom")
ax.set_xlim(-0.3, 16.8)
ax.set_ylim(row_y + 0.6, 5.2)
ax.set_aspect("equal")
ax.set_anchor("N")
ax.axis("off")
ax.set_title("a neuron (schematic, not to scale)")

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
zoom.set_xlim(-2.9, 2.7)
zoom.set_ylim(-3.3, 3.9)
zoom.set_aspect("equal")
zoom.axis("off")
zoom.set_anchor("N")
zoom.set_title("a chemical synapse")


class BesideOnly(ConnectionPatch):
    """A connector drawn only while the close-up is beside the neuron: where a phone
    stacks the close-up under the list, a line to it would cross the list."""

    def draw(self, renderer):
        if zoom.get_window_extent(renderer).x0 > ax.get_window_extent(renderer).x0 + 1:
            super().draw(renderer)


# The circled bouton's edge, to the terminal's upper-left corner in the close-up.
fig.add_artist(
    BesideOnly(
        xyA=(boutons[1][0] + 0.45, boutons[1][1]),
        coordsA=ax.transData,
        xyB=(-1.5, 0.55),
        coordsB=zoom.transData,
        color="C1",
        linestyle="--",
        linewidth=1.2,
    )
)
plt.show()
