"""The BCM rule: a sliding threshold makes a neuron selective.

One neuron, y = max(0, w . x), sees two input patterns, each half of the time,
one at a time. The BCM rule (Bienenstock, Cooper & Munro 1982) changes w by
eta x y (y - theta): depression for responses below the threshold theta,
potentiation above it, and the threshold itself slides with the time-averaged
response. Here it follows the recent mean of y^2, the form of Intrator & Cooper
(1992): tau_theta d theta / dt = y^2 - theta. The threshold must adapt faster than
the weights (here 5 times faster): a threshold that lags lets a growing response
potentiate itself without bound (run(..., rate_theta=0.002) diverges). (BCM's own
threshold was (y_mean / y_0)^q y_mean, a nonlinear function of the mean response.)
From a start that responds to both patterns almost equally, the neuron ends up
responding to one of them only. With the other response at 0, theta = p y1^2 and
the fixed point y1 = theta give y1 = 1 / p = 2.
Left: the two responses and theta over time. Right: the rule's phi(y) = y (y - theta)
for two values of theta.
"""

import matplotlib.pyplot as plt
import numpy as np

ETA, RATE_THETA = 0.01, 0.05      # weight learning rate; theta relaxes 5 times faster
PATTERNS = np.array([[1.0, 0.4], [0.4, 1.0]])
P = 0.5                           # probability of each pattern


def run(steps, rng, w0=(0.52, 0.48), theta0=0.0, patterns=PATTERNS, p1=P, rate_theta=RATE_THETA):
    """Present pattern 1 with probability p1, else pattern 2; return w and the history
    of (response to pattern 1, response to pattern 2, theta) after every presentation.
    Stops early if a response exceeds 1000 (the weights have run away)."""
    w = np.array(w0, dtype=float)
    theta = theta0
    history = []
    for _ in range(steps):
        x = patterns[0 if rng.random() < p1 else 1]
        y = max(0.0, w @ x)
        w += ETA * x * y * (y - theta)
        theta += rate_theta * (y * y - theta)
        history.append((*np.maximum(0.0, patterns @ w), theta))
        if max(history[-1][:2]) > 1000:
            break
    return w, np.array(history)


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    w, history = run(6000, rng)
    y1, y2, theta = history[-1]
    print(f"final responses: pattern 1 {y1:.3f}, pattern 2 {y2:.3f}; theta {theta:.3f}")
    print(f"⟨y²⟩ over the two patterns {P * y1 ** 2 + P * y2 ** 2:.3f}; predicted y1 = 1/p = {1 / P:.1f}")
    fig, (ax_h, ax_p) = plt.subplots(1, 2, figsize=(7, 3.2))
    steps = np.arange(1, len(history) + 1)
    # theta thin and drawn first: it fluctuates with every presentation, and the response
    # it follows must stay visible over it (opaque: a translucent line fell below 3:1)
    ax_h.plot(steps, history[:, 2], color="C3", linewidth=0.7, label=r"threshold $\theta$")
    ax_h.plot(steps, history[:, 0], color="C4", label="response to pattern 1")
    ax_h.plot(steps, history[:, 1], color="C0", label="response to pattern 2")
    ax_h.set_xlabel("presentations")
    ax_h.set_ylabel(r"response $y$")
    ax_h.set_ylim(0, 5.6)  # room above the data for the legend inside
    ax_h.legend(loc="upper left")  # inside, in the empty top: both legends at one height
    y = np.linspace(0, 3, 200)
    for th, style in ((1.0, ":"), (2.0, "-")):
        ax_p.plot(y, y * (y - th), color="C3", linestyle=style, label=rf"$\theta = {th:g}$")
    ax_p.axhline(0, color="C6", linewidth=1)
    ax_p.set_xlabel(r"response $y$")
    ax_p.set_ylabel(r"$\phi(y) = y\,(y - \theta)$")
    ax_p.legend(loc="upper left")
    plt.show()
