"""Artificial units are interchangeable: permuting hidden units changes nothing.

A two-layer network with 5 hidden ReLU units computes y = W2 relu(W1 x + b1) +
b2. Relabel the hidden units with any permutation P (rows of W1 and b1,
columns of W2) and the function is the same (up to floating-point rounding):
every hidden unit is the same kind of object, told apart only by its weights.
Neurons in a cortex are not: each belongs to a cell type with its own
transmitter, shape, firing pattern and targets.
"""

import numpy as np

SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def reader(x, digits=2):
    """x as a page writes it: 2.6 × 10⁻⁶, not 2.6e-06; 0.01 to 10 000 (and 0) stay plain."""
    if x == 0 or 0.01 <= abs(x) < 1e4:
        return f"{float(f'{x:.{digits}g}'):g}"
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"


def relu(z):
    return np.maximum(z, 0.0)


def forward(x, W1, b1, W2, b2):
    return W2 @ relu(W1 @ x + b1) + b2


def permuted(W1, b1, W2, perm):
    """The same network with hidden unit i renamed perm[i]."""
    return W1[perm], b1[perm], W2[:, perm]


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    W1, b1 = rng.normal(size=(5, 3)), rng.normal(size=5)
    W2, b2 = rng.normal(size=(2, 5)), rng.normal(size=2)
    X = rng.normal(size=(3, 1000))          # 1000 random inputs, one per column
    perm = rng.permutation(5)
    P1, q1, P2 = permuted(W1, b1, W2, perm)
    y = forward(X, W1, b1[:, None], W2, b2[:, None])
    y_perm = forward(X, P1, q1[:, None], P2, b2[:, None])
    print(f"permutation of the hidden units: {perm}")
    diff = np.abs(y - y_perm).max()
    print(f"largest output difference over 1000 inputs: {reader(diff)}")
