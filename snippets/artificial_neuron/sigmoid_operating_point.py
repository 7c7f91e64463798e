"""Where the worked-example neuron sits on its sigmoid.

The neuron with inputs (0.5, 0.3, 0.8), weights (0.4, -0.2, 0.9) and bias 0.1 has
pre-activation z = 0.96; its output is sigmoid(0.96). The plot shows the whole
sigmoid and marks that point.
"""

import matplotlib.pyplot as plt
import numpy as np

inputs = np.array([0.5, 0.3, 0.8])
weights = np.array([0.4, -0.2, 0.9])
bias = 0.1
z0 = weights @ inputs + bias
y0 = 1 / (1 + np.exp(-z0))

z = np.linspace(-6, 6, 400)
y = 1 / (1 + np.exp(-z))

fig, ax = plt.subplots()
ax.plot(z, y, label=r"$\sigma(z) = 1 / (1 + e^{-z})$")
ax.plot([z0, z0, -6], [0, y0, y0], linestyle="--", linewidth=1, color="C1")
ax.plot(z0, y0, "o", color="C1", markersize=8, label=f"worked example: z = {z0:.2f}, y = {y0:.3f}")
ax.set_xlabel("weighted sum plus bias, z")
ax.set_ylabel("output, y")
ax.set_xlim(-6, 6)
ax.set_ylim(0, 1.02)
ax.legend(loc="upper left")
plt.show()
