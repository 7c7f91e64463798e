"""A two-layer network trained by hand-written backpropagation, with a gradient check.

Data: 200 points in the plane; class 1 is a ring around class 0, so no straight
line separates them. Network: 2 inputs -> 8 tanh hidden units -> 1 sigmoid
output, loss = mean binary cross-entropy. The backward pass applies the chain
rule layer by layer; before training we compare it with finite differences.
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


def make_rings(rng, n=200):
    """Class 0: a disc of radius 1; class 1: a ring between radii 1.5 and 2.5."""
    y = np.repeat([0.0, 1.0], n // 2)
    radius = np.where(y == 0, rng.uniform(0.0, 1.0, n), rng.uniform(1.5, 2.5, n))
    angle = rng.uniform(0, 2 * np.pi, n)
    x = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return x, y


def init_params(rng, n_in=2, n_hidden=8):
    return {
        "W1": rng.normal(0, 1 / np.sqrt(n_in), (n_hidden, n_in)), "b1": np.zeros(n_hidden),
        "W2": rng.normal(0, 1 / np.sqrt(n_hidden), (1, n_hidden)), "b2": np.zeros(1),
    }


def forward(p, x):
    """Returns the output probabilities and what the backward pass needs."""
    a1 = x @ p["W1"].T + p["b1"]          # hidden pre-activations, (n, hidden)
    h = np.tanh(a1)                         # hidden activities
    a2 = h @ p["W2"].T + p["b2"]          # output pre-activation, (n, 1)
    out = 1 / (1 + np.exp(-a2[:, 0]))       # sigmoid
    return out, h


def loss_and_grads(p, x, y):
    """Mean cross-entropy and its gradient for every parameter (backprop)."""
    out, h = forward(p, x)
    n = len(y)
    eps = 1e-12
    loss = -np.mean(y * np.log(out + eps) + (1 - y) * np.log(1 - out + eps))
    # dL/da2: the sigmoid and cross-entropy derivatives simplify to out - y
    d2 = (out - y)[:, None] / n
    # dL/da1: back through W2 (transposed), times tanh'(a1) = 1 - h^2
    d1 = (d2 @ p["W2"]) * (1 - h ** 2)
    grads = {"W2": d2.T @ h, "b2": d2.sum(0), "W1": d1.T @ x, "b1": d1.sum(0)}
    return loss, grads


def numerical_grads(p, x, y, h=1e-6):
    """Central finite differences, one parameter at a time."""
    grads = {}
    for name, value in p.items():
        g = np.zeros_like(value)
        for i in np.ndindex(value.shape):
            old = value[i]
            value[i] = old + h
            plus, _ = loss_and_grads(p, x, y)
            value[i] = old - h
            minus, _ = loss_and_grads(p, x, y)
            value[i] = old
            g[i] = (plus - minus) / (2 * h)
        grads[name] = g
    return grads


def relative_error(a, b):
    """max |a - b| / max(|a| + |b|) over all parameters."""
    diff = max(np.max(np.abs(a[k] - b[k])) for k in a)
    scale = max(np.max(np.abs(a[k]) + np.abs(b[k])) for k in a)
    return diff / scale


def train(p, x, y, eta=0.5, epochs=1500):
    """Full-batch gradient descent; returns the loss before every step."""
    losses = []
    for _ in range(epochs):
        loss, grads = loss_and_grads(p, x, y)
        losses.append(loss)
        for k in p:
            p[k] -= eta * grads[k]
    return np.array(losses)


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    x, y = make_rings(rng)
    params = init_params(rng)

    _, backprop = loss_and_grads(params, x, y)
    err = relative_error(backprop, numerical_grads(params, x, y))
    print(f"gradient check: backprop vs finite differences, relative error = {reader(err)}")

    losses = train(params, x, y)
    accuracy = np.mean((forward(params, x)[0] > 0.5) == y)
    print(f"loss: {losses[0]:.3f} at start → {losses[-1]:.4f} after {len(losses)} steps")
    print(f"training accuracy: {100 * accuracy:.1f} %")

    fig, (left, right) = plt.subplots(1, 2, figsize=(7, 3.6))
    left.plot(losses, color="C2")
    left.set_yscale("log")
    left.set_xlabel("gradient-descent step")
    left.set_ylabel("cross-entropy loss")

    g = np.linspace(-3, 3, 200)
    gx, gy = np.meshgrid(g, g)
    prob, _ = forward(params, np.column_stack([gx.ravel(), gy.ravel()]))
    right.contourf(gx, gy, prob.reshape(gx.shape), levels=[0, 0.5, 1], colors=["C0", "C1"], alpha=0.2)
    right.contour(gx, gy, prob.reshape(gx.shape), levels=[0.5], colors=["C4"], linewidths=2)
    right.scatter(*x[y == 0].T, s=10, color="C0", label="class 0")
    right.scatter(*x[y == 1].T, s=10, color="C1", marker="^", label="class 1")
    right.set_aspect("equal")
    right.set_xlabel("$x_1$")
    right.set_ylabel("$x_2$")
    right.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2, ncol=2)
    plt.show()
