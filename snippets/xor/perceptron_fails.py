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
    left.contourf(gx, gy, region, levels=[-0.5, 0.5, 1.5], colors=["C0", "C1"], alpha=0.2)
    left.scatter(*X[T == 0].T, s=90, color="C0", edgecolor="C6", label="XOR = 0")
    left.scatter(*X[T == 1].T, s=90, color="C1", marker="^", edgecolor="C6", label="XOR = 1")
    wrong = predict(w, b, X) != T
    left.scatter(*X[wrong].T, s=400, facecolor="none", edgecolor="C3", linewidth=2,
                 label="misclassified")
    left.set_aspect("equal")
    left.set_xlabel("$x_1$")
    left.set_ylabel("$x_2$")
    left.set_title("one perceptron: one straight line")
    left.legend(loc="center")

    right.plot(np.arange(1, len(correct) + 1), correct, color="C3")
    right.axhline(4, color="C6", linestyle="--", linewidth=1, label="all four right")
    right.set_ylim(0, 4.5)
    right.set_xlabel("epoch")
    right.set_ylabel("patterns correct (of 4)")
    right.legend(loc="lower right")
    plt.show()
