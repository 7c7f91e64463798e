"""Five activation functions and their derivatives.

The step function of McCulloch and Pitts, the logistic sigmoid, tanh, the
rectified linear unit (ReLU) and the Gaussian error linear unit (GELU), each with
the derivative that gradient descent multiplies by during backpropagation.
"""

import math

import matplotlib.pyplot as plt
import numpy as np

_erf = np.vectorize(math.erf)


def step(z):
    """McCulloch-Pitts / perceptron unit: 1 if z >= 0, else 0."""
    return np.where(z >= 0, 1.0, 0.0)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def relu(z):
    return np.maximum(0.0, z)


def gelu(z):
    """z times the standard normal cumulative distribution Phi(z) (Hendrycks & Gimpel)."""
    return z * 0.5 * (1.0 + _erf(z / math.sqrt(2.0)))


def derivatives(z):
    """The derivative of each function (the step's is 0 except at 0, where it is undefined)."""
    s = sigmoid(z)
    phi = np.exp(-z**2 / 2) / math.sqrt(2 * math.pi)
    return {
        "step": np.zeros_like(z),
        "sigmoid": s * (1 - s),
        "tanh": 1 - np.tanh(z) ** 2,
        "ReLU": np.where(z > 0, 1.0, 0.0),
        "GELU": 0.5 * (1.0 + _erf(z / math.sqrt(2.0))) + z * phi,
    }


FUNCTIONS = {"step": step, "sigmoid": sigmoid, "tanh": np.tanh, "ReLU": relu, "GELU": gelu}

if __name__ == "__main__":
    z = np.linspace(-4, 4, 801)
    slopes = derivatives(z)
    print("largest slope:  " + ", ".join(f"{k} {v.max():.3f}" for k, v in slopes.items() if k != "step"))
    print(f"sigmoid'(0) = {slopes['sigmoid'][400]:.3f}, sigmoid'(4) = {slopes['sigmoid'][-1]:.4f}")
    print(f"GELU minimum: {gelu(z).min():.3f} at z = {z[np.argmin(gelu(z))]:.2f}")

    fig, (ax_f, ax_d) = plt.subplots(1, 2, figsize=(7, 3.8), sharex=True)
    styles = {"step": ("C6", "-"), "sigmoid": ("C0", "-"), "tanh": ("C2", "--"),
              "ReLU": ("C3", "-"), "GELU": ("C4", ":")}
    for name, f in FUNCTIONS.items():
        colour, line = styles[name]
        ax_f.plot(z, f(z), color=colour, linestyle=line, label=name)
        d = slopes[name]
        if name == "step":   # zero everywhere; the jump at 0 has no derivative
            ax_d.plot(z, d, color=colour, linestyle=line, label="step (0; undefined at 0)")
        elif name == "ReLU":
            ax_d.plot(z[z < 0], d[z < 0], color=colour, label="ReLU")
            ax_d.plot(z[z > 0], d[z > 0], color=colour)
        else:
            ax_d.plot(z, d, color=colour, linestyle=line, label=name)
    ax_f.set_ylim(-1.2, 2.2)
    ax_f.set_title("activation f(z)")
    ax_d.set_title("derivative f′(z)")
    ax_d.set_ylim(-0.2, 1.2)
    for ax in (ax_f, ax_d):
        ax.set_xlabel("pre-activation z")
    # one legend for both panels, above them: no curve runs under it
    fig.legend(*ax_f.get_legend_handles_labels(), loc="outside upper center", ncol=4)
    plt.show()
