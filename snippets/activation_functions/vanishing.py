"""Vanishing gradients: why deep stacks of sigmoids are hard to train.

Backpropagation multiplies, layer by layer, the local derivatives of the
activation functions (and the weights). The sigmoid's derivative is at most 1/4,
so a chain of L sigmoid units shrinks the gradient by at least 4^L. The figure
measures it in real networks: 30 layers of 64 units, random weights scaled as
usually recommended for each activation, and the size of the gradient that reaches
each layer from the output.
"""

import matplotlib.pyplot as plt
import numpy as np

LAYERS, WIDTH, BATCH = 30, 64, 256


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


ACTIVATIONS = {
    # name: (f, f', standard deviation of the weights)
    "sigmoid": (sigmoid, lambda z: sigmoid(z) * (1 - sigmoid(z)), 1 / np.sqrt(WIDTH)),
    "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2, 1 / np.sqrt(WIDTH)),
    "ReLU": (lambda z: np.maximum(z, 0), lambda z: (z > 0) * 1.0, np.sqrt(2 / WIDTH)),
}


def gradient_norms(name, seed=0):
    """Mean norm of dL/d(activation) at each layer, for L = sum of the last layer's outputs."""
    f, df, std = ACTIVATIONS[name]
    rng = np.random.default_rng(seed)
    weights = [rng.normal(0, std, (WIDTH, WIDTH)) for _ in range(LAYERS)]
    h = rng.normal(0, 1, (BATCH, WIDTH))
    pre = []
    for w in weights:                      # forward pass, keeping pre-activations
        z = h @ w
        pre.append(z)
        h = f(z)
    grad = np.ones_like(h)                 # dL/dh at the last layer
    norms = []
    for w, z in zip(weights[::-1], pre[::-1]):   # backward pass
        norms.append(np.linalg.norm(grad, axis=1).mean())
        grad = (grad * df(z)) @ w.T
    return np.array(norms[::-1])           # index 0 = first layer


def chain_of_sigmoids(depth, z=0.0):
    """d output / d input of `depth` sigmoid units in a row, all weights 1, input z."""
    product = 1.0
    for _ in range(depth):
        s = sigmoid(z)
        product *= s * (1 - s)
        z = s
    return product


SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")  # 0.25¹⁰, as a page writes a power


def scientific(x: float, digits: int = 2) -> str:
    """x as a page writes it: 9.54 × 10⁻⁷, not 9.54e-07 (3.5, not 3.5 × 10⁰)."""
    mantissa, exponent = f"{x:.{digits}e}".split("e")
    return mantissa if int(exponent) == 0 else f"{mantissa} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"


if __name__ == "__main__":
    print("sigmoids  derivative of chain  bound 0.25ⁿ")
    for depth in (1, 5, 10, 20):
        print(f"{depth:8d}  {scientific(chain_of_sigmoids(depth)):<19s}{scientific(0.25 ** depth)}")
    results = {name: gradient_norms(name) for name in ACTIVATIONS}
    print(f"\ngradient at layer 1 / at layer {LAYERS}:")
    for name, norms in results.items():
        print(f"  {name:8s} {scientific(norms[0] / norms[-1], 1)}")

    fig, ax = plt.subplots()
    layers = np.arange(1, LAYERS + 1)
    for (name, norms), colour in zip(results.items(), ["C0", "C2", "C3"]):
        ax.semilogy(layers, norms / norms[-1], "o-", color=colour, markersize=3, label=name)
    ax.set_xlabel("layer (1 = nearest the input)")
    ax.set_ylabel("gradient size, relative to last layer")
    ax.legend(loc="lower right")
    plt.show()
