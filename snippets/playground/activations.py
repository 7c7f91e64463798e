"""The worked-example neuron under four activation functions: the playground's defaults.

Inputs (0.5, 0.3, 0.8), weights (0.4, -0.2, 0.9) and bias 0.1 give the weighted sum
z = w . x + b = 0.96 whatever the activation; the activation only decides what the
neuron makes of it. Each panel draws one activation over the range of z the
playground's sliders can reach and marks the operating point (z, y). The printed
lines have the format of the playground's live readout.
"""

import matplotlib.pyplot as plt
import numpy as np

ACTIVATIONS = {
    "step": lambda z: np.where(z >= 0, 1.0, 0.0),   # step(0) = 1
    "sigmoid": lambda z: 1.0 / (1.0 + np.exp(-z)),
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(0.0, z),
}

inputs = np.array([0.5, 0.3, 0.8])
weights = np.array([0.4, -0.2, 0.9])
bias = 0.1


def weighted_sum(inputs, weights, bias):
    """z = w . x + b, the part of the neuron every activation shares."""
    return np.dot(weights, inputs) + bias


if __name__ == "__main__":
    z0 = weighted_sum(inputs, weights, bias)
    print(f"z = w . x + b = {z0:.2f}")
    for name, f in ACTIVATIONS.items():
        print(f"y = {name}(z) = {float(f(z0)):.4f}")

    z = np.linspace(-8, 8, 801)
    fig, axes = plt.subplots(2, 2, figsize=(7, 4.8), sharex=True)
    for ax, (name, f) in zip(axes.flat, ACTIVATIONS.items()):
        y0 = float(f(z0))
        ax.plot(z, f(z), color="C3")
        ax.axvline(z0, linestyle="--", linewidth=1, color="C1")
        ax.axhline(y0, linestyle="--", linewidth=1, color="C1")
        ax.plot(z0, y0, "o", color="C1", markersize=7)
        ax.set_title(f"{name}: y = {y0:.4f}")
        ax.set_xlabel("z")
        ax.set_xlim(-8, 8)
        ax.set_xticks([-8, -4, 0, 4, 8])
    for ax in axes[:, 0]:
        ax.set_ylabel("output y")
    for ax in axes[0]:
        ax.set_xlabel("")   # the shared z axis is labelled on the bottom row
    plt.show()
