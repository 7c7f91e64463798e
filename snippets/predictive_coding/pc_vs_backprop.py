"""Predictive coding's local weight updates against backprop's gradient.

A network 6 inputs -> 10 tanh -> 10 tanh -> 3 linear outputs, one batch of 16
examples with random targets. Backprop gives the gradient of the squared error
L = 1/2 |y - t|^2 in one backward pass. The predictive-coding network (Whittington &
Bogacz 2017) has a value node v_l for every unit and an error node
e_l = v_l - mu_l, where mu_l = f(W_l v_{l-1}) is what the layer below predicts. The
input is clamped to x and the output to the target t; the hidden values then relax
for T small steps down the energy F = 1/2 sum_l pi_l |e_l|^2, which uses only
quantities a unit has locally. Each weight then changes by "weighted error of the
unit after it times the activity of the unit before it", a Hebbian product.

The output error gets weight (precision) gamma, the hidden errors 1. For small
gamma the values move little from the forward pass, and after enough steps the
update divided by gamma approaches minus the backprop gradient. We measure how
close it gets (cosine and relative error over all weights) as T grows, for
several gamma.
"""

import re

import matplotlib.pyplot as plt
import numpy as np

SIZES = (6, 10, 10, 3)
BATCH = 16
STEP = 0.1  # inference step size for the value nodes
ITERATIONS = (0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
GAMMAS = (1.0, 0.1, 0.01, 0.001)


def make_problem(seed=0):
    """Weights (list of arrays, W_l maps layer l-1 to l), a batch of inputs x and targets t."""
    rng = np.random.default_rng(seed)
    weights = [rng.normal(0, 1 / np.sqrt(n_in), (n_out, n_in)) for n_in, n_out in zip(SIZES, SIZES[1:])]
    x = rng.normal(size=(BATCH, SIZES[0]))
    t = rng.normal(size=(BATCH, SIZES[-1]))
    return weights, x, t


def activation(layer, a):
    """tanh in the hidden layers, identity at the output; returns f(a) and f'(a)."""
    if layer == len(SIZES) - 1:
        return a, np.ones_like(a)
    h = np.tanh(a)
    return h, 1 - h**2


def forward(weights, x):
    """Activities of every layer (rows are examples), the input first."""
    values = [x]
    for layer, W in enumerate(weights, start=1):
        values.append(activation(layer, values[-1] @ W.T)[0])
    return values


def loss(weights, x, t):
    return 0.5 * np.sum((forward(weights, x)[-1] - t) ** 2)


def backprop(weights, x, t):
    """Gradient of the loss with respect to each weight matrix."""
    values = forward(weights, x)
    delta = values[-1] - t  # output layer is linear
    grads = [None] * len(weights)
    for layer in range(len(weights), 0, -1):
        grads[layer - 1] = delta.T @ values[layer - 1]
        if layer > 1:
            below = values[layer - 1]  # tanh(a) of the layer below, so f' = 1 - h^2
            delta = (delta @ weights[layer - 1]) * (1 - below**2)
    return grads


def predictive_coding(weights, x, t, iterations, gamma):
    """Weight changes of the predictive-coding network after `iterations` inference steps.

    Value nodes start at the forward pass; input and output are clamped. Every
    quantity used is local: a value node sees its own error and the weighted errors
    of the layer above through the connections it projects to; a weight sees its
    postsynaptic error node and its presynaptic value node.
    """
    top = len(weights)
    values = forward(weights, x)
    values[-1] = t.copy()
    precision = [None] + [1.0] * (top - 1) + [gamma]

    def errors():
        weighted, slopes = [None], [None]
        for layer in range(1, top + 1):
            mu, slope = activation(layer, values[layer - 1] @ weights[layer - 1].T)
            weighted.append(precision[layer] * (values[layer] - mu))
            slopes.append(slope)
        return weighted, slopes

    for _ in range(iterations):
        weighted, slopes = errors()
        for layer in range(1, top):  # hidden layers relax; input and output clamped
            feedback = (weighted[layer + 1] * slopes[layer + 1]) @ weights[layer]
            values[layer] += STEP * (-weighted[layer] + feedback)
    weighted, slopes = errors()
    return [(weighted[layer] * slopes[layer]).T @ values[layer - 1] for layer in range(1, top + 1)]


def compare(update, grads, gamma):
    """Cosine between the update and minus the gradient, and the relative error of update / gamma."""
    u = np.concatenate([w.ravel() for w in update])
    g = -np.concatenate([w.ravel() for w in grads])
    cosine = u @ g / (np.linalg.norm(u) * np.linalg.norm(g))
    return cosine, np.linalg.norm(u / gamma - g) / np.linalg.norm(g)


def sweep(seed=0, iterations=ITERATIONS, gammas=GAMMAS):
    """Arrays (gamma, T) of cosines and relative errors."""
    weights, x, t = make_problem(seed)
    grads = backprop(weights, x, t)
    cosines = np.empty((len(gammas), len(iterations)))
    rel_errors = np.empty_like(cosines)
    for i, gamma in enumerate(gammas):
        for j, T in enumerate(iterations):
            update = predictive_coding(weights, x, t, T, gamma)
            cosines[i, j], rel_errors[i, j] = compare(update, grads, gamma)
    return cosines, rel_errors


def first_steps_above(cosine_row, level=0.99):
    """The first T of ITERATIONS whose cosine exceeds `level`, or None if none does."""
    return next((T for T, c in zip(ITERATIONS, cosine_row) if c > level), None)


def key_numbers(cosines, rel_errors):
    """The numbers the page reads, one row each: (label, one value per gamma as printed)."""
    last, at_100 = len(ITERATIONS) - 1, ITERATIONS.index(100)

    def error(value):  # 3 decimals, 4 below 0.01 so that the smallest keeps two digits
        return f"{value:.3f}" if value >= 0.01 else f"{value:.4f}"

    return [
        ("cosine before inference, T = 0", [f"{c:.4f}" for c in cosines[:, 0]]),
        ("first T with a cosine above 0.99", [str(first_steps_above(row) or "–") for row in cosines]),
        (f"cosine at T = {ITERATIONS[last]}", [f"{c:.4f}" for c in cosines[:, last]]),
        ("relative error at T = 100", [error(e) for e in rel_errors[:, at_100]]),
        (f"relative error at T = {ITERATIONS[last]}", [error(e) for e in rel_errors[:, last]]),
    ]


if __name__ == "__main__":
    cosines, rel_errors = sweep()
    # One Markdown table of the numbers the page reads, a column per gamma; the figure
    # shows every T. Plain-text headers (γ, not $\gamma$): a terminal shows them as the page
    # does. "γ = 0.1" and "T = 1000" are joined by no-break spaces, so that a phone's
    # narrow columns do not split them.
    keep = str.maketrans({" ": "\u00a0"})
    print("| measure | " + " | ".join(f"γ = {g:g}".translate(keep) for g in GAMMAS) + " |")
    print("|---|" + "---:|" * len(GAMMAS))
    for label, values in key_numbers(cosines, rel_errors):
        label = re.sub(r"T = \d+", lambda m: m[0].translate(keep), label)
        print(f"| {label} | " + " | ".join(values) + " |")

    steps = np.array(ITERATIONS)
    shown = steps > 0  # T = 0 cannot sit on a log axis; the printed table has it
    # The three small gammas share their first 20 steps and end within 0.03 of a cosine
    # of 1, so the left panel shows 1 - cosine on a log axis (0.024, 2.7e-4 and 2.7e-6, about
    # 100x apart), and each gamma has its own line style and marker as well as colour.
    styles = ("-", "--", "-.", ":")
    markers = ("o", "s", "^", "D")
    fig, (left, right) = plt.subplots(1, 2, figsize=(7, 3.6))
    for i, gamma in enumerate(GAMMAS):
        style = dict(color=f"C{i}", linestyle=styles[i], marker=markers[i], markersize=5)
        left.plot(steps[shown], 1 - cosines[i, shown], label=rf"$\gamma = {gamma:g}$", **style)
        right.plot(steps[shown], rel_errors[i, shown], **style)
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_xlabel("inference steps $T$")
    left.set_ylabel("1 − cosine with backprop")
    fig.legend(*left.get_legend_handles_labels(), loc="outside upper center", ncol=len(GAMMAS))
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlabel("inference steps $T$")
    right.set_ylabel("relative error")
    plt.show()
