"""The four trained networks of the explorable, as rate networks: their decision regions.

Backprop or feedback alignment, without or with Dale's principle (network.py trains all
four from the same initial weights). Each panel shades the class the network answers on
a 41 x 41 grid and marks the 400 test points by their true class; its title gives the
test accuracy. This is the explorable's starting state for each pair of training
toggles, with spikes, unreliable release and the energy budget all off.
"""

import matplotlib.pyplot as plt
import numpy as np
from network import GRID, VARIANTS, evaluate, infer, trained

NAMES = {"bp": "backprop", "fa": "feedback alignment", "bp-dale": "backprop + Dale", "fa-dale": "feedback alignment + Dale"}

if __name__ == "__main__":
    nets, x_test, y_test = trained()
    gx = np.linspace(*GRID["x"], GRID["n"])
    gy = np.linspace(*GRID["y"], GRID["n"])
    mesh = np.array([[x, y] for y in gy for x in gx])
    fig, axes = plt.subplots(2, 2, figsize=(7, 6.8))
    for ax, key in zip(axes.flat, VARIANTS):
        regions, _ = infer(nets[key], mesh)
        ax.contourf(gx, gy, regions.reshape(GRID["n"], GRID["n"]), levels=[-0.5, 0.5, 1.5], colors=["C0", "C1"], alpha=0.25)
        for label, marker in ((0, "o"), (1, "s")):
            ax.plot(*x_test[y_test == label].T, marker, color=f"C{label}", markersize=2.5, linestyle="none")
        accuracy, spikes, _ = evaluate(nets[key], x_test, y_test)
        ax.set_title(f"{NAMES[key]}\ntest accuracy {accuracy:.1f} %")   # on one line the longest is wider than its panel
        # Every panel carries its own axis labels: on a phone the panels are stacked.
        ax.set_xlabel(r"input $x_1$")
        ax.set_ylabel(r"input $x_2$")
        ax.set_yticks([-1, 0, 1])   # whole numbers, as in the explorable
        print(f"{NAMES[key]}: test accuracy {accuracy:.1f} %, {spikes:.1f} expected spikes per inference")
    plt.show()
