"""Two layers solve XOR: a small network trained by backpropagation.

Network: 2 inputs -> 3 tanh hidden units -> 1 sigmoid output, trained by
full-batch gradient descent on the cross-entropy loss (the backward pass is
the one derived on the gradient-descent page). Each hidden unit draws its own
line across the input plane; the output unit combines the half-planes, so the
region it calls "1" need not be a half-plane any more.
"""

import matplotlib.pyplot as plt
import numpy as np

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
T = np.array([0.0, 1.0, 1.0, 0.0])  # XOR

# The input plane's ticks, every 0.5 from -0.5 to 1.5, on every XOR figure.
INPUT_TICKS = np.arange(-0.5, 1.51, 0.5)


def forward(p, x):
    h = np.tanh(x @ p["W1"].T + p["b1"])
    out = 1 / (1 + np.exp(-(h @ p["W2"] + p["b2"])))
    return out, h


def train(rng, n_hidden=3, eta=1.0, epochs=2000):
    """Backprop on the four XOR patterns; returns parameters and losses."""
    p = {"W1": rng.normal(0, 1, (n_hidden, 2)), "b1": np.zeros(n_hidden),
         "W2": rng.normal(0, 1, n_hidden), "b2": 0.0}
    losses = []
    for _ in range(epochs):
        out, h = forward(p, X)
        losses.append(-np.mean(T * np.log(out) + (1 - T) * np.log(1 - out)))
        d2 = (out - T) / len(T)                        # dL/d(output pre-activation)
        d1 = np.outer(d2, p["W2"]) * (1 - h ** 2)      # dL/d(hidden pre-activations)
        p["W2"] -= eta * h.T @ d2
        p["b2"] -= eta * d2.sum()
        p["W1"] -= eta * d1.T @ X
        p["b1"] -= eta * d1.sum(0)
    return p, np.array(losses)


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    params, losses = train(rng)
    out, _ = forward(params, X)
    for x, t, o in zip(X.astype(int), T.astype(int), out):
        print(f"x = ({x[0]}, {x[1]}): target {t}, "
              f"network output {o:.3f} → {int(o > 0.5)}")
    right = bool(np.all((out > 0.5) == T))
    print(f"loss {losses[0]:.3f} → {losses[-1]:.4f}; all four right: {right}")
    # Gradient descent does not always find the solution: try 10 other random starts.
    solved = 0
    for seed in range(1, 11):
        p, _ = train(np.random.default_rng(seed))
        solved += bool(np.all((forward(p, X)[0] > 0.5) == T))
    print(f"other random starts (seeds 1-10): {solved} of 10 solve XOR")

    # Two panels, as wide as the page's other figures: the region, and how training got there.
    fig, (ax, curve) = plt.subplots(1, 2, figsize=(7, 3.6))
    g = np.linspace(-0.5, 1.5, 300)
    gx, gy = np.meshgrid(g, g)
    prob, _ = forward(params, np.column_stack([gx.ravel(), gy.ravel()]))
    ax.contourf(gx, gy, prob.reshape(gx.shape), levels=[0, 0.5, 1], colors=["C0", "C4"], alpha=0.2)
    ax.contour(gx, gy, prob.reshape(gx.shape), levels=[0.5], colors=["C3"], linewidths=2)
    ax.scatter(*X[T == 0].T, s=110, color="C0", zorder=3, label="XOR = 0")
    ax.scatter(*X[T == 1].T, s=130, color="C4", marker="s", zorder=3, label="XOR = 1")
    ax.plot([], [], color="C3", linewidth=2, label="network’s boundary")  # the contour's legend entry
    ax.set_aspect("equal")
    ax.set_xticks(INPUT_TICKS)
    ax.set_yticks(INPUT_TICKS)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")

    curve.plot(np.arange(1, len(losses) + 1), losses, color="C3")
    curve.axhline(np.log(2) / 2, color="C6", linestyle="--", linewidth=1)
    curve.text(len(losses), np.log(2) / 2, "stalled starts: ½ ln 2", ha="right", va="bottom")
    curve.set_ylim(0, None)
    curve.set_xlabel("epoch")
    curve.set_ylabel("cross-entropy loss")
    fig.legend(loc="outside lower center", ncol=3)
    plt.show()
