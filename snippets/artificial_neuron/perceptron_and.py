"""Rosenblatt's perceptron learns logical AND.

The unit outputs y = 1 when w1*x1 + w2*x2 + b > 0 and y = 0 otherwise. After each
example the error-correction rule nudges the weights and bias towards the target t:

    w <- w + eta * (t - y) * x,      b <- b + eta * (t - y).

The weights start small and random (fixed seed), the learning rate is eta = 0.1.
AND is linearly separable, so the rule stops changing the weights after a few
passes (epochs) through the four examples. The figure shows the four inputs, the
boundary line w . x + b = 0 at the start and after every epoch, and the half-plane
the final unit calls 1.
"""

import matplotlib.pyplot as plt
import numpy as np

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
T = np.array([0, 0, 0, 1])  # logical AND


def predict(w, b, x):
    """The perceptron's output: 1 where w . x + b > 0, else 0."""
    return (x @ w + b > 0).astype(int)


def train_perceptron(X, T, rng, eta=0.1, max_epochs=100):
    """Rosenblatt's rule, examples in a fixed order, from small random weights.

    Returns the final weights and bias, and a history: the starting weights and
    bias, then for every epoch the weights and bias at its end and the number of
    examples that needed a correction during it. Training stops after the first
    epoch with no correction.
    """
    w, b = rng.normal(0, 0.5, X.shape[1]), rng.normal(0, 0.5)
    history = [(w.copy(), b, None)]
    for _ in range(max_epochs):
        corrections = 0
        for x, t in zip(X, T):
            error = t - predict(w, b, x)
            if error != 0:
                w, b = w + eta * error * x, b + eta * error
                corrections += 1
        history.append((w.copy(), b, corrections))
        if corrections == 0:
            break
    return w, b, history


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    w, b, history = train_perceptron(X, T, rng)
    w0, b0, _ = history[0]
    print("epoch      w1      w2       b  corrections")
    print(f"start  {w0[0]:+.3f}  {w0[1]:+.3f}  {b0:+.3f}")
    for epoch, (w_e, b_e, corrections) in enumerate(history[1:], start=1):
        print(f"{epoch:5d}  {w_e[0]:+.3f}  {w_e[1]:+.3f}  {b_e:+.3f}  {corrections:11d}")
    for x, t in zip(X, T):
        z = x @ w + b
        print(f"x = ({x[0]:.0f}, {x[1]:.0f}): z = {z:+.3f}, y = {predict(w, b, x)}, target {t}")

    fig, ax = plt.subplots(figsize=(7, 4.9))
    g = np.linspace(-0.5, 1.5, 301)
    gx, gy = np.meshgrid(g, g)
    region = predict(w, b, np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
    ax.contourf(gx, gy, region, levels=[0.5, 1.5], colors=["C4"], alpha=0.18)
    # history[0] is the start, history[k] the end of epoch k; the earlier boundaries are
    # those before the final weights were reached.
    earlier = [(k, w_e, b_e) for k, (w_e, b_e, _) in enumerate(history) if not (np.allclose(w_e, w) and b_e == b)]
    for k, w_e, b_e in earlier:
        # the line w1 x1 + w2 x2 + b = 0, solved for x2 (w2 is never 0 here)
        ax.plot(
            g,
            -(w_e[0] * g + b_e) / w_e[1],
            color="C6",
            linewidth=1.5,
            linestyle="--",
            label="earlier boundaries" if k == 0 else None,
        )
    # Each earlier boundary that crosses the square is named where it does: epoch 1 cuts
    # the upper-left corner (label below it), epoch 2 the lower-left one (label right of
    # it); the start lies outside.
    epoch_labels = {1: (-0.28, 1.36, "top"), 2: (0.0, -0.34, "center")}
    for k, _, _ in earlier:
        if k in epoch_labels:
            x_at, y_at, va = epoch_labels[k]
            ax.text(x_at, y_at, f"epoch {k}", color="C6", ha="left", va=va)
    sign = "+" if b >= 0 else "-"
    ax.plot(
        g,
        -(w[0] * g + b) / w[1],
        color="C3",
        linewidth=2.5,
        label=f"learned boundary:\n${w[0]:.3f}\\,x_1 + {w[1]:.3f}\\,x_2 {sign} {abs(b):.3f} = 0$",
    )
    ax.scatter(*X[T == 0].T, s=110, color="C0", zorder=3, label="AND = 0")
    ax.scatter(*X[T == 1].T, s=130, color="C4", marker="s", zorder=3, label="AND = 1")
    ax.text(1.45, 1.42, "$y = 1$", color="C4", ha="right", va="top", fontsize=12)
    ax.text(0.5, 0.5, "$y = 0$", color="C0", ha="center", va="center", fontsize=12)
    ax.set_xlim(-0.5, 1.5)
    ax.set_ylim(-0.5, 1.5)
    ax.set_aspect("equal")
    ax.set_xticks([-0.5, 0, 0.5, 1, 1.5])
    ax.set_yticks([-0.5, 0, 0.5, 1, 1.5])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    # Under the square, in two columns: the boundary's equation, one mathtext line, would make
    # a legend beside the square wider than the square.
    fig.legend(loc="outside lower center", ncol=2)
    plt.show()
