"""Backpropagation versus feedback alignment on the same regression task.

A network 30 inputs -> 20 tanh hidden units -> 10 linear outputs learns to copy a
fixed random "teacher" map y* = T x. Backprop sends the output error e back to
the hidden layer through the transpose of the forward weights, W2^T e. Feedback
alignment (Lillicrap et al. 2016) sends it through a fixed random matrix B
instead, B e: no weight transport. Both runs start from identical weights and
see identical mini-batches. We also track the angle between the hidden-layer
update feedback alignment makes and the one backprop would make at the same
weights; it starts near 90 degrees (B and W2 are unrelated) and falls as W2
comes to align with B.
"""

import matplotlib.pyplot as plt
import numpy as np

N_IN, N_HID, N_OUT = 30, 20, 10


def angle_deg(a, b):
    cos = np.sum(a * b) / (np.linalg.norm(a) * np.linalg.norm(b))
    return np.degrees(np.arccos(np.clip(cos, -1, 1)))


def train(rule, seed=0, steps=2000, batch=32, eta=0.02):
    """Train with rule "backprop" or "feedback alignment".

    Returns the test loss every 20 steps and, every 20 steps, the angle between this
    rule's hidden-layer update and the true gradient's (zero for backprop).
    """
    rng = np.random.default_rng(seed)
    teacher = rng.normal(0, 1 / np.sqrt(N_IN), (N_OUT, N_IN))
    W1 = rng.normal(0, 1 / np.sqrt(N_IN), (N_HID, N_IN))
    W2 = rng.normal(0, 1 / np.sqrt(N_HID), (N_OUT, N_HID))
    # fixed random feedback weights, never updated:
    B = rng.normal(0, 1 / np.sqrt(N_HID), (N_OUT, N_HID))
    x_test = rng.normal(size=(500, N_IN))
    y_test = x_test @ teacher.T
    data = np.random.default_rng(seed + 1)  # same batches for both rules
    losses, angles = [], []
    for step in range(steps):
        x = data.normal(size=(batch, N_IN))
        h = np.tanh(x @ W1.T)
        e = h @ W2.T - x @ teacher.T          # output error, (batch, out)
        delta_bp = (e @ W2) * (1 - h ** 2)    # backprop: error through W2^T
        delta_fa = (e @ B) * (1 - h ** 2)     # feedback alignment: through B
        delta = delta_bp if rule == "backprop" else delta_fa
        if step % 20 == 0:
            test = np.tanh(x_test @ W1.T) @ W2.T - y_test
            losses.append(0.5 * np.mean(np.sum(test ** 2, axis=1)))
            angles.append(angle_deg(delta.T @ x, delta_bp.T @ x))
        W2 -= eta * e.T @ h / batch
        W1 -= eta * delta.T @ x / batch
    return np.array(losses), np.array(angles)


if __name__ == "__main__":
    bp_loss, _ = train("backprop")
    fa_loss, fa_angle = train("feedback alignment")
    steps = np.arange(len(bp_loss)) * 20
    print(f"test loss, backprop:           {bp_loss[0]:.3f} → {bp_loss[-1]:.3f}")
    print(f"test loss, feedback alignment: {fa_loss[0]:.3f} → {fa_loss[-1]:.3f}")
    print(f"angle, FA vs backprop hidden update: {fa_angle[0]:.0f}° at start "
          f"→ {fa_angle[-1]:.0f}° at end")

    fig, (left, right) = plt.subplots(1, 2, figsize=(7, 3.6))
    left.plot(steps, bp_loss, color="C0", label="backprop ($W_2^T e$)")
    left.plot(steps, fa_loss, color="C1", linestyle="--", label="feedback alignment ($B e$)")
    left.set_yscale("log")
    left.set_xlabel("training step")
    left.set_ylabel("test loss")
    left.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2)
    right.plot(steps, fa_angle, color="C1")
    right.axhline(90, color="C6", linestyle="--", linewidth=1, label="90°: orthogonal")
    right.set_ylim(0, 100)
    right.set_xlabel("training step")
    right.set_ylabel("angle to backprop (°)")
    right.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2)
    plt.show()
