"""Maximum versus typical: linear pieces of randomly initialised ReLU networks.

The sawtooth shows what depth *can* buy. Here we count what random networks
actually produce: 1 input, 32 ReLU units in total, arranged either as one
hidden layer of 32 or as 4 hidden layers of 8, with He-initialised weights
(variance 2 / fan-in) and small random biases. Along the input interval [-3, 3]
we count where any unit switches on or off: each switch starts a new linear
piece. We average over 50 random networks of each shape.
"""

import matplotlib.pyplot as plt
import numpy as np


def random_net(rng, widths):
    """Weights and biases for a ReLU net with one input and the given hidden widths."""
    layers, fan_in = [], 1
    for width in widths:
        W = rng.normal(0, np.sqrt(2 / fan_in), (width, fan_in))  # He init
        b = rng.normal(0, 0.1, width)
        layers.append((W, b))
        fan_in = width
    return layers


def activation_patterns(layers, x):
    """On/off state of every hidden unit at every input point, (points, units)."""
    h, states = x[:, None], []
    for W, b in layers:
        z = h @ W.T + b
        states.append(z > 0)
        h = np.maximum(z, 0)
    return np.concatenate(states, axis=1)


def count_pieces(layers, x):
    patterns = activation_patterns(layers, x)
    return 1 + int(np.sum(np.any(patterns[1:] != patterns[:-1], axis=1)))


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    x = np.linspace(-3, 3, 10001)
    shapes = {"1 layer × 32 units": [32], "4 layers × 8 units": [8, 8, 8, 8]}
    counts = {name: [count_pieces(random_net(rng, w), x) for _ in range(50)]
              for name, w in shapes.items()}
    for name, c in counts.items():
        print(f"{name}: {np.mean(c):.1f} pieces on average (min {min(c)}, max {max(c)})")
    print("upper bounds on a line: 1 × 32 → 33 pieces; 4 × 8 → 9⁴ = 6561 pieces")

    fig, ax = plt.subplots()
    top = max(max(c) for c in counts.values())
    bins = np.arange(0, top + 2, 1)   # one bin per count, up to the largest: no network left out
    for (name, c), colour in zip(counts.items(), ("C0", "C1")):
        # Translucent fills show where the two overlap; the opaque outline carries the counts.
        ax.hist(c, bins=bins, color=colour, alpha=0.35)
        ax.hist(c, bins=bins, color=colour, histtype="step", linewidth=2, label=name)
    ax.set_xlabel("linear pieces on [−3, 3]")
    ax.set_ylabel("random networks (of 50)")
    ax.legend(loc="upper left")
    plt.show()
