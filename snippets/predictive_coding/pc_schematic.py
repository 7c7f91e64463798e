"""A predictive-coding network, three layers of it, in the two phases of learning one example.

Layers are numbered from the input, as on the page: layer l has value nodes v_l and
error nodes e_l = v_l - mu_l, where mu_l = f(W_l v_{l-1}) is the prediction that the
layer below sends up through the weights W_l. Errors go back through the same weights,
transposed (W_{l+1}^T).

Left, inference: the weights stay fixed and the values relax for T steps,
Delta v_l = beta (-pi_l e_l + W_{l+1}^T (pi_{l+1} e_{l+1} * f'(W_{l+1} v_l))): a value
node uses its own error and the errors of the layer it projects to. Right, learning:
the values stay where they settled and each weight changes once,
Delta W_l ~ (pi_l e_l * f'(W_l v_{l-1})) v_{l-1}^T, the error after the weight times the
value before it. Colours: values C0, errors C3, weights and predictions C1; the labels
beside the arrows are in the text colour, since C1 and C3 text reads poorly on white.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch

VALUE_X, ERROR_X = 1.6, 7.6  # columns of the value and the error nodes (data units)
LAYER_Y = {-1: 1.0, 0: 5.6, 1: 10.2}  # layers l-1, l, l+1, from the input up
NODE_R = 1.1
NODE_FONT = 16  # pt: a node's subscript (0.7 of it) is 15 CSS px, not the 11 of a 12-pt one
INDEX = {-1: "l-1", 0: "l", 1: "l+1"}


def node(ax, x, y, text, colour, changes=False):
    """A node: a tinted disc with its symbol; a thick rim marks what changes in this phase."""
    ax.add_patch(Circle((x, y), NODE_R, facecolor=colour, alpha=0.25, linewidth=0))
    ax.add_patch(Circle((x, y), NODE_R, fill=False, edgecolor=colour, linewidth=4 if changes else 1.5))
    ax.text(x, y, text, ha="center", va="center", fontsize=NODE_FONT)


def rim(centre, towards, offset=0.0):
    """The point on a node's rim facing ``towards``, moved ``offset`` across that line."""
    centre, towards = np.asarray(centre), np.asarray(towards)
    along = (towards - centre) / np.linalg.norm(towards - centre)
    across = np.array([-along[1], along[0]])
    return centre + np.sqrt(NODE_R**2 - offset**2) * along + offset * across


def arrow(ax, start, end, colour, offset=0.0, dashed=False, width=1.8):
    """An arrow from one node's rim to another's, ``offset`` to its left (data units)."""
    ax.add_patch(
        FancyArrowPatch(
            rim(start, end, offset),
            rim(end, start, -offset),
            arrowstyle="-|>",
            mutation_scale=15,
            color=colour,
            linewidth=width,
            linestyle=(0, (4, 2)) if dashed else "-",
            shrinkA=0,
            shrinkB=0,
        )
    )


def network(ax, phase):
    """Value nodes v_{l-1}, v_l, v_{l+1}; error nodes e_l, e_{l+1}; their connections."""
    inference = phase == "inference"
    for layer, y in LAYER_Y.items():
        i = INDEX[layer]
        node(ax, VALUE_X, y, rf"$\mathbf{{v}}_{{{i}}}$", "C0", changes=inference and layer == 0)
        if layer < 0:
            continue
        node(ax, ERROR_X, y, rf"$\boldsymbol{{\varepsilon}}_{{{i}}}$", "C3")
        # The value enters its error node with a plus, the prediction from below with a minus.
        arrow(ax, (VALUE_X, y), (ERROR_X, y), "C0", offset=0.45)
        ax.text((VALUE_X + ERROR_X) / 2, y + 0.55, "+", ha="center", va="bottom")
        weight = not inference and layer == 0
        arrow(ax, (VALUE_X, LAYER_Y[layer - 1]), (ERROR_X, y), "C1", width=5 if weight else 1.8)
        ax.text(ERROR_X + 0.2, y - NODE_R - 0.2, rf"$-\boldsymbol{{\mu}}_{{{i}}}$", ha="left", va="top")
    if inference:
        # What v_l moves by: its own error, and the errors one layer up sent back through W^T.
        arrow(ax, (ERROR_X, LAYER_Y[0]), (VALUE_X, LAYER_Y[0]), "C3", offset=0.45, dashed=True)
        ax.text((VALUE_X + ERROR_X) / 2, LAYER_Y[0] - 0.55, r"$-\pi_l\,\boldsymbol{\varepsilon}_l$",
                ha="center", va="top")
        arrow(ax, (ERROR_X, LAYER_Y[1]), (VALUE_X, LAYER_Y[0]), "C3", offset=-0.5, dashed=True)
        ax.text(5.9, 8.0, r"$W_{l+1}^\top$", ha="left", va="center")
        rule = (
            r"$\Delta\mathbf{v}_l = \beta\,(-\pi_l\,\boldsymbol{\varepsilon}_l$" "\n"
            r"$\qquad+\,W_{l+1}^\top(\pi_{l+1}\boldsymbol{\varepsilon}_{l+1} \odot f'(W_{l+1}\mathbf{v}_l)))$"
        )
    else:
        ax.text(3.9, 3.6, r"$W_l$", ha="right", va="bottom")
        rule = r"$\Delta W_l \propto (\pi_l\,\boldsymbol{\varepsilon}_l \odot f'(W_l\mathbf{v}_{l-1}))\,\mathbf{v}_{l-1}^\top$"
    # A two-line rule is one block, its lines aligned left (the second indented), not each centred.
    ax.text(5.35, -0.6, rule, ha="center", va="top", linespacing=1.6, multialignment="left")
    ax.set_xlim(0.3, 10.4)
    ax.set_ylim(-2.5, 11.5)
    ax.set_aspect("equal")
    ax.axis("off")


fig, (infer, learn) = plt.subplots(1, 2, figsize=(7, 5.5))
network(infer, "inference")
infer.set_title(r"1. inference: $\mathbf{v}_l$ relaxes, $T$ steps")
network(learn, "learning")
learn.set_title(r"2. learning: $W_l$ changes once")
plt.show()
