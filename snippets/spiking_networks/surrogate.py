"""The spike's derivative and the surrogate that replaces it (shown on the page).

Forward: a spike is the Heaviside step S = H(V - 1) of the membrane potential
(threshold 1). Its derivative is zero everywhere except at the threshold, where it
is infinite. Backward: surrogate-gradient training uses instead the derivative of a
steep sigmoid, k sig(k(V-1)) (1 - sig(k(V-1))), as snn.py does with k = 5. Every
such curve peaks at k/4 on the threshold, is half as high 1.76/k away on each side
(its full width at half height is 2 ln(3 + 2 sqrt 2) / k), and encloses an area of
1, like the step's derivative.
"""

import matplotlib.pyplot as plt
import numpy as np
from snn import K, sig

SLOPES = (2.0, K, 10.0)  # K = 5, the network's


def surrogate(v, k):
    """The surrogate derivative of the spike at membrane potential v."""
    s = sig(k * (v - 1.0))
    return k * s * (1.0 - s)


def half_width(k):
    """Full width at half height of surrogate(., k), in closed form."""
    return 2.0 * np.log(3.0 + 2.0 * np.sqrt(2.0)) / k


if __name__ == "__main__":
    v = np.linspace(-1.2, 2.5, 3701)
    print("k   peak   full width at half height")
    for k in SLOPES:
        print(f"{k:<3g} {surrogate(1.0, k):.3f}  {half_width(k):.2f}")
    fig, (ax_f, ax_b) = plt.subplots(1, 2, figsize=(7, 3.2))
    ax_f.plot(v, (v >= 1.0).astype(float), color="C0", label="spike $H(V-1)$")
    ax_f.plot(v, sig(K * (v - 1.0)), color="C1", linestyle="--", label=f"sigmoid, $k = {K:g}$")
    ax_f.set(xlabel="membrane potential $V$", ylabel="output", title="forward pass", ylim=(-0.05, 1.3))
    ax_f.legend(loc="upper left")
    # The step's derivative: zero, with an infinite spike at the threshold (an arrow).
    ax_b.plot(v, np.zeros_like(v), color="C0")
    ax_b.annotate("", xy=(1.0, 3.15), xytext=(1.0, 0.0),
                  arrowprops={"arrowstyle": "-|>", "color": "C0", "linewidth": 1.5})
    ax_b.text(0.85, 3.0, "true derivative:\n0, and infinite\nat the threshold", color="C0", ha="right", va="top")
    # Each surrogate labelled beside its own curve (a legend would sit on the curves).
    places = {2.0: (1.75, 0.55, "left"), K: (1.3, 1.2, "left"), 10.0: (1.12, 2.45, "left")}
    for k, colour in zip(SLOPES, ("C2", "C1", "C3")):
        width = 2.5 if k == K else 1.5
        ax_b.plot(v, surrogate(v, k), color=colour, linewidth=width)
        x, y, align = places[k]
        ax_b.text(x, y, f"$k = {k:g}$", color=colour, ha=align, va="bottom")
    ax_b.set(xlabel="membrane potential $V$", ylabel="derivative", title="backward pass: surrogates",
             ylim=(-0.1, 3.2))
    plt.show()
