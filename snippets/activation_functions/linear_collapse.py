"""Why a network needs a nonlinearity: stacked linear layers are one linear layer.

Part 1: three linear layers W1, W2, W3 applied in turn give exactly the same output
as the single matrix W3 W2 W1. Part 2: two networks with the same shape
(2 inputs, two hidden layers of 16 units, one sigmoid output) are trained by
gradient descent to separate two concentric rings. With linear hidden layers the
whole network is a logistic regression on a straight line and stays near chance;
with ReLU hidden layers it learns the circular boundary.
"""

import matplotlib.pyplot as plt
import numpy as np

SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def reader(x, digits=2):
    """x as a page writes it: 2.6 × 10⁻⁶, not 2.6e-06; 0.01 to 10 000 (and 0) stay plain."""
    if x == 0 or 0.01 <= abs(x) < 1e4:
        return f"{float(f'{x:.{digits}g}'):g}"
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"


def rings(rng, n=200):
    """Points on two noisy rings: label 0 on radius 0.5, label 1 on radius 1."""
    labels = np.repeat([0.0, 1.0], n // 2)
    radius = np.where(labels == 0, 0.5, 1.0) + rng.normal(0, 0.08, n)
    angle = rng.uniform(0, 2 * np.pi, n)
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)]), labels


def init(rng, sizes=(2, 16, 16, 1)):
    return [(rng.normal(0, np.sqrt(2 / a), (a, b)), np.zeros(b)) for a, b in zip(sizes, sizes[1:])]


def forward(params, x, hidden):
    """Hidden layers use `hidden` ("linear" or "relu"); the output unit is a sigmoid."""
    zs, hs = [], [x]
    for k, (w, b) in enumerate(params):
        z = hs[-1] @ w + b
        zs.append(z)
        last = k == len(params) - 1
        hs.append(1 / (1 + np.exp(-z)) if last else (np.maximum(z, 0) if hidden == "relu" else z))
    return zs, hs


def train(x, y, hidden, steps=3000, rate=0.1, seed=1):
    """Full-batch gradient descent on the cross-entropy loss; returns the parameters."""
    params = init(np.random.default_rng(seed))
    for _ in range(steps):
        zs, hs = forward(params, x, hidden)
        delta = (hs[-1][:, 0] - y)[:, None] / len(y)      # dL/dz at the sigmoid output
        for k in range(len(params) - 1, -1, -1):
            w, b = params[k]
            grad_w, grad_b = hs[k].T @ delta, delta.sum(axis=0)
            if k > 0:
                delta = delta @ w.T
                if hidden == "relu":
                    delta = delta * (zs[k - 1] > 0)
            params[k] = (w - rate * grad_w, b - rate * grad_b)
    return params


def accuracy(params, x, y, hidden):
    return np.mean((forward(params, x, hidden)[1][-1][:, 0] > 0.5) == y)


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    w1, w2, w3 = (rng.normal(size=s) for s in ((2, 16), (16, 16), (16, 1)))
    x_test = rng.normal(size=(5, 2))
    layered = ((x_test @ w1) @ w2) @ w3
    collapsed = x_test @ (w1 @ w2 @ w3)
    print(f"three layers vs one matrix: largest difference {reader(np.abs(layered - collapsed).max())}")

    x, y = rings(rng)
    grid = np.linspace(-1.5, 1.5, 121)
    gx, gy = np.meshgrid(grid, grid)
    points = np.column_stack([gx.ravel(), gy.ravel()])
    fig, axes = plt.subplots(1, 2, figsize=(7, 4.5), sharey=True)
    for ax, hidden, title in zip(axes, ("linear", "relu"), ("linear hidden layers", "ReLU hidden layers")):
        params = train(x, y, hidden)
        acc = accuracy(params, x, y, hidden)
        print(f"{title}: training accuracy {acc:.0%}")
        p = forward(params, points, hidden)[1][-1].reshape(gx.shape)
        ax.contourf(gx, gy, p, levels=[0, 0.5, 1], colors=["C0", "C1"], alpha=0.25)
        ax.contour(gx, gy, p, levels=[0.5], colors="C6", linewidths=1.5)
        ax.scatter(*x[y == 0].T, s=10, color="C0", label="class 0 (inner ring)")
        ax.scatter(*x[y == 1].T, s=10, color="C1", marker="s", label="class 1 (outer ring)")
        ax.set_title(f"{title}: {acc:.0%} correct")
        ax.set_aspect("equal")
        ax.set_xlabel("x₁")
    axes[0].set_ylabel("x₂")
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncol=2)
    plt.show()
