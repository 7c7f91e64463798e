"""A single perceptron cannot compute XOR, however long it trains.

The perceptron outputs 1 when w1*x1 + w2*x2 + b > 0 and 0 otherwise, so it
splits the input plane with one straight line. XOR's two "1" corners, (0,1) and
(1,0), sit diagonally opposite each other, and no line has both on one side and
both "0" corners, (0,0) and (1,1), on the other. We run Rosenblatt's learning
rule for 100 epochs and also try 531,441 weight settings on a grid: neither ever
gets more than 3 of the 4 patterns right.
"""

import matplotlib.pyplot as plt
import numpy as np

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
T = np.array([0, 1, 1, 0])  # XOR

# The input plane's ticks, every 0.5 from -0.5 to 1.5, on every XOR figure.
INPUT_TICKS = np.arange(-0.5, 1.51, 0.5)


def predict(w, b, x):
    return (x @ w + b > 0).astype(int)


def perceptron_rule(rng, epochs=100, eta=0.1):
    """Rosenblatt's rule w <- w + eta (t - y) x.

    Returns the final weights and the number of patterns correct after each epoch.
    """
    w, b = rng.normal(0, 0.5, 2), rng.normal(0, 0.5)
    correct = []
    for _ in range(epochs):
        for i in rng.permutation(4):
            error = T[i] - predict(w, b, X[i])
            w, b = w + eta * error * X[i], b + eta * error
        correct.append(int(np.sum(predict(w, b, X) == T)))
    return w, b, np.array(correct)


def best_on_grid(values=np.linspace(-2, 2, 81)):
    """The most patterns any (w1, w2, b) on a grid gets right."""
    w1, w2, b = np.meshgrid(values, values, values, indexing="ij")
    params = np.stack([w1.ravel(), w2.ravel(), b.ravel()])   # (3, settings)
    outputs = (X @ params[:2] + params[2] > 0).astype(int)    # (4, settings)
    return int(np.max(np.sum(outputs == T[:, None], axis=0))), params.shape[1]


def best_line_on_grid(values=np.linspace(-2, 2, 81)):
    """Of the grid settings that get the most patterns right, the one whose line keeps
    farthest from the four inputs: the clearest picture of the best a single line can do."""
    w1, w2, b = np.meshgrid(values, values, values, indexing="ij")
    params = np.stack([w1.ravel(), w2.ravel(), b.ravel()])
    sums = X @ params[:2] + params[2]                          # (4, settings)
    scores = np.sum((sums > 0).astype(int) == T[:, None], axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        margins = np.min(np.abs(sums), axis=0) / np.hypot(params[0], params[1])
    margins = np.where(scores == scores.max(), np.nan_to_num(margins), -1.0)
    w1_best, w2_best, b_best = params[:, np.argmax(margins)]
    return np.array([w1_best, w2_best]), b_best


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    w, b, correct = perceptron_rule(rng)
    best, tried = best_on_grid()
    print(f"perceptron rule, 100 epochs: correct per epoch ranged "
          f"{correct.min()}-{correct.max()} of 4")
    print(f"grid search over {tried} weight settings: best is {best} of 4")
    print(f"final weights w = ({w[0]:+.2f}, {w[1]:+.2f}), b = {b:+.2f}")

    fig, (left, right) = plt.subplots(1, 2, figsize=(7, 3.6))
    g = np.linspace(-0.5, 1.5, 300)
    gx, gy = np.meshgrid(g, g)
    region = predict(w, b, np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
    left.contourf(gx, gy, region, levels=[-0.5, 0.5, 1.5], colors=["C0", "C4"], alpha=0.2)
    left.scatter(*X[T == 0].T, s=110, color="C0", zorder=3, label="XOR = 0")
    left.scatter(*X[T == 1].T, s=130, color="C4", marker="s", zorder=3, label="XOR = 1")
    wrong = predict(w, b, X) != T
    left.scatter(*X[wrong].T, s=400, facecolor="none", edgecolor="#1f2328", linewidth=2,
                 label="misclassified")
    # The final perceptron's own line lies outside the square (it answers 1 everywhere);
    # the best line on the grid shows what one straight line can do: 3 of 4.
    w_line, b_line = best_line_on_grid()
    g_line = np.linspace(-0.5, 1.5, 2)
    left.plot(g_line, -(w_line[0] * g_line + b_line) / w_line[1], color="C3", linewidth=2,
              label=f"best line on the grid ({best} of 4)")
    left.set_xlim(-0.5, 1.5)
    left.set_ylim(-0.5, 1.5)
    left.set_aspect("equal")
    left.set_xticks(INPUT_TICKS)
    left.set_yticks(INPUT_TICKS)
    left.set_xlabel("$x_1$")
    left.set_ylabel("$x_2$")

    right.plot(np.arange(1, len(correct) + 1), correct, color="C3")
    right.axhline(4, color="C6", linestyle="--", linewidth=1, label="all four right")
    right.set_ylim(0, 4.5)
    right.set_xlabel("epoch")
    right.set_ylabel("patterns correct (of 4)")
    fig.legend(loc="outside lower center", ncol=3)
    plt.show()
