"""Train a 20-10-3 spiking network on spike-train classification with BPTT.

The network and its surrogate-gradient backward pass are in snn.py, the task in
task.py (both shown on the page). 230 weights, Adam with learning rate 0.02,
batches of 32 fresh samples, 150 steps. Every 10 steps: loss on the batch and
accuracy on 300 held-out samples.
"""

import matplotlib.pyplot as plt
import numpy as np
from snn import accuracy, loss_and_grads
from task import N_CLASSES, N_IN, sample, templates

N_HIDDEN = 10


def train(steps=150, lr=0.02, seed=0):
    rng = np.random.default_rng(seed)
    rates = templates(rng)
    x_test, y_test = sample(rates, 300, rng)
    params = [rng.normal(0, 1.0 / np.sqrt(N_IN), (N_HIDDEN, N_IN)) * 2.0,
              rng.normal(0, 1.0 / np.sqrt(N_HIDDEN), (N_CLASSES, N_HIDDEN))]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    history = []
    for step in range(1, steps + 1):
        x, y = sample(rates, 32, rng)
        loss, *grads = loss_and_grads(*params, x, y)
        for i, g in enumerate(grads):                       # Adam
            m[i] = 0.9 * m[i] + 0.1 * g
            v[i] = 0.999 * v[i] + 0.001 * g * g
            params[i] -= lr * (m[i] / (1 - 0.9 ** step)) / (np.sqrt(v[i] / (1 - 0.999 ** step)) + 1e-8)
        if step == 1 or step % 10 == 0:
            history.append((step, loss, accuracy(*params, x_test, y_test)))
    return params, np.array(history)


if __name__ == "__main__":
    params, history = train()
    print(f"weights: {sum(p.size for p in params)}")
    print(f"held-out accuracy: {history[0, 2]:.2f} after 1 step, {history[-1, 2]:.2f} "
          f"after {int(history[-1, 0])} steps (chance {1 / N_CLASSES:.2f})")
    fig, (ax_l, ax_a) = plt.subplots(1, 2, figsize=(7, 3.2))
    ax_l.plot(history[:, 0], history[:, 1], color="C2")
    ax_l.set_xlabel("training step")
    ax_l.set_ylabel("cross-entropy loss (batch)")
    ax_a.plot(history[:, 0], history[:, 2], color="C4", label="held-out accuracy")
    ax_a.axhline(1 / N_CLASSES, color="C6", linestyle=":", label="chance")
    ax_a.set_ylim(0, 1.05)
    ax_a.set_xlabel("training step")
    ax_a.set_ylabel("accuracy")
    ax_a.legend(loc="lower right")
    plt.show()
