"""One unit with a non-monotonic, dendrite-like activation computes XOR.

Gidon et al. (2020) found dendritic calcium action potentials (dCaAPs) in human
cortical layer 2/3 neurons whose amplitude is largest for inputs just above
threshold and smaller for stronger inputs. We caricature that as an activation

    a(z) = 0                          for z < theta
    a(z) = exp(-(z - theta) / tau)    for z >= theta

and feed it z = x1 + x2 (both weights 1, set by hand, not learned). One input on
reaches threshold and gives a large response; two inputs on overshoot it and the
response collapses: XOR from a single unit. A monotonic unit (here a steep
sigmoid with the same threshold) cannot do this with any weights.
"""

import matplotlib.pyplot as plt
import numpy as np

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
T = np.array([0, 1, 1, 0])  # XOR

# The input plane's ticks, every 0.5 from -0.5 to 1.5, on every XOR figure.
INPUT_TICKS = np.arange(-0.5, 1.51, 0.5)
THETA, TAU = 0.8, 0.5       # threshold and decay of the caricature (arbitrary units)
WEIGHTS = np.array([1.0, 1.0])


def dcaap_like(z, theta=THETA, tau=TAU):
    """Zero below threshold, largest at threshold, decaying for stronger input."""
    z = np.asarray(z, dtype=float)
    return np.where(z >= theta, np.exp(-(z - theta) / tau), 0.0)


def sigmoid_like(z, theta=THETA, slope=10.0):
    """A monotonic activation with the same threshold, for comparison."""
    return 1 / (1 + np.exp(-slope * (np.asarray(z, dtype=float) - theta)))


def unit_output(x, activation=dcaap_like):
    return activation(np.asarray(x, dtype=float) @ WEIGHTS)


if __name__ == "__main__":
    out = unit_output(X)
    for x, t, o in zip(X.astype(int), T, out):
        print(f"x = ({x[0]}, {x[1]}): z = {x.sum()}, a(z) = {o:.3f} → {int(o > 0.5)} (XOR {t})")
    print(f"all four right: {bool(np.all((out > 0.5) == T))}")

    fig, (left, right) = plt.subplots(1, 2, figsize=(7, 3.6))
    z = np.linspace(-0.5, 3, 500)
    left.plot(z, dcaap_like(z), color="C3", label="dCaAP-like (non-monotonic)")
    left.plot(z, sigmoid_like(z), color="C6", linestyle="--", label="monotonic, same threshold")
    left.axhline(0.5, color="C6", linewidth=1, linestyle=":")
    for zi, marker in ((0, "o"), (1, "s"), (2, "o")):
        left.plot(zi, dcaap_like(zi), marker, markersize=9, color="C4" if zi == 1 else "C0")
    left.set_xlabel("summed input z = $x_1 + x_2$")
    left.set_ylabel("response a(z)")
    left.set_ylim(-0.05, 1.15)

    g = np.linspace(-0.5, 1.5, 300)
    gx, gy = np.meshgrid(g, g)
    region = unit_output(np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape) > 0.5
    right.contourf(gx, gy, region.astype(float), levels=[-0.5, 0.5, 1.5], colors=["C0", "C4"], alpha=0.2)
    right.scatter(*X[T == 0].T, s=110, color="C0", zorder=3, label="XOR = 0")
    right.scatter(*X[T == 1].T, s=130, color="C4", marker="s", zorder=3, label="XOR = 1")
    right.set_aspect("equal")
    right.set_xticks(INPUT_TICKS)
    right.set_yticks(INPUT_TICKS)
    right.set_xlabel("$x_1$")
    right.set_ylabel("$x_2$")
    fig.legend(loc="outside lower center", ncol=2)
    plt.show()
