"""One artificial neuron: a weighted sum of inputs plus a bias, through a sigmoid.

The three inputs, three weights and the bias are the worked example used
throughout this site; the neuron computes z = w . x + b, then y = sigmoid(z).
"""

import numpy as np


def sigmoid(z):
    """The logistic function 1 / (1 + e^-z): squashes any number into (0, 1)."""
    return 1.0 / (1.0 + np.exp(-z))


def artificial_neuron(inputs, weights, bias, activation):
    """Weighted sum plus bias, then the activation function."""
    z = np.dot(weights, inputs) + bias
    return z, activation(z)


inputs = np.array([0.5, 0.3, 0.8])
weights = np.array([0.4, -0.2, 0.9])
bias = 0.1

z, y = artificial_neuron(inputs, weights, bias, sigmoid)
for i, (x_i, w_i) in enumerate(zip(inputs, weights), start=1):
    print(f"w{i} * x{i} = {w_i:+.1f} * {x_i:.1f} = {w_i * x_i:+.2f}")
print(f"bias b     = {bias:+.2f}")
print(f"z = w . x + b = {z:.2f}")
print(f"y = sigmoid(z) = {y:.4f}")
