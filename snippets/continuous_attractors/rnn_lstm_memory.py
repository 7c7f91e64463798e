"""How an RNN's hidden state and an LSTM's cell hold a number.

Left, one unit holding a value from step 0, with no further input:
- a linear RNN, h_t = a h_(t-1): exactly a^t h_0, held only if a = 1 (a line
  attractor in discrete time), lost geometrically if a < 1;
- a tanh RNN, h_t = tanh(w h_(t-1)): with w = 1 the value decays slowly, close to
  sqrt(3 / (2 t)) for large t; with w = 1.5 any positive start ends at the same
  fixed point h* = tanh(1.5 h*), so the unit keeps one bit (the sign), not a number;
- an LSTM cell, c_t = f c_(t-1) + i g_t, with the input gate i closed: c_t = f^t c_0,
  held exactly with the forget gate f = 1 (the original LSTM's constant cell,
  Hochreiter & Schmidhuber 1997; the forget gate came later, Gers et al. 2000).
Right, noise written into the cell at every step (i g_t with variance sigma^2):
with f = 1 the cell's variance grows as sigma^2 t, the random walk of the ring's bump;
with f < 1 it levels off at sigma^2 / (1 - f^2).
"""

import matplotlib.pyplot as plt
import numpy as np

STEPS = 200


def linear_rnn(a, h0, steps=STEPS):
    h = np.empty(steps + 1)
    h[0] = h0
    for t in range(steps):
        h[t + 1] = a * h[t]
    return h


def tanh_rnn(w, h0, steps=STEPS):
    h = np.empty(steps + 1)
    h[0] = h0
    for t in range(steps):
        h[t + 1] = np.tanh(w * h[t])
    return h


def lstm_cell(f, c0, writes):
    """c_t = f c_(t-1) + writes[t-1]; writes has shape (steps,) or (trials, steps)."""
    writes = np.atleast_2d(writes)
    c = np.empty((writes.shape[0], writes.shape[1] + 1))
    c[:, 0] = c0
    for t in range(writes.shape[1]):
        c[:, t + 1] = f * c[:, t] + writes[:, t]
    return c


def tanh_fixed_point(w):
    """The positive solution of h = tanh(w h), for w > 1 (by fixed-point iteration)."""
    h = 1.0
    for _ in range(1000):
        h = np.tanh(w * h)
    return h


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    t = np.arange(STEPS + 1)
    fig, (ax_h, ax_v) = plt.subplots(1, 2, figsize=(7, 3.8))
    ax_h.plot(t, linear_rnn(1.0, 0.6), color="C2", lw=2.5, label="$a = 1$, $f = 1$")
    ax_h.plot(t, linear_rnn(0.98, 0.6), color="C0", lw=2, label="$a = 0.98$")
    ax_h.plot(t, tanh_rnn(1.0, 0.6), color="C3", lw=2, label=r"tanh, $w = 1$")
    ts = t[20::30]
    ax_h.plot(ts, np.sqrt(3 / (2 * ts)), "o", mfc="none", color="C6", ms=6)
    for h0 in (0.2, 0.6):
        ax_h.plot(t, tanh_rnn(1.5, h0), color="C1", lw=2, label=r"tanh, $w = 1.5$" if h0 == 0.2 else None)
    ax_h.set_xlabel("step $t$")
    ax_h.set_ylabel("held value")
    ax_h.set_ylim(0, 1.0)
    ax_h.legend(loc="lower left", bbox_to_anchor=(0, 1), ncol=2, frameon=False)

    sigma, trials = 0.1, 1000
    writes = sigma * rng.standard_normal((trials, STEPS))
    for colour, f in (("C2", 1.0), ("C0", 0.98)):
        c = lstm_cell(f, 0.0, writes)
        var = c.var(axis=0)
        closed = sigma**2 * t if f == 1 else sigma**2 * (1 - f ** (2 * t)) / (1 - f**2)
        ax_v.plot(t[::10], var[::10], "o", color=colour, ms=4, label=f"$f = {f}$")
        ax_v.plot(t, closed, color=colour, lw=1.5)
        print(f"LSTM cell, f = {f}: variance after {STEPS} noisy writes {var[-1]:.3f} "
              f"(closed form {closed[-1]:.3f})")
    ax_v.set_xlabel("step $t$")
    ax_v.set_ylabel("variance of $c_t$")
    # two rows, as the left panel's key: the two plot areas start at the same height
    ax_v.legend(loc="lower left", bbox_to_anchor=(0, 1), ncol=1, frameon=False)
    print(f"tanh RNN, w = 1: h_200 = {tanh_rnn(1.0, 0.6)[-1]:.4f}, sqrt(3/(2*200)) = {np.sqrt(3 / 400):.4f}")
    print(f"tanh RNN, w = 1.5: fixed point h* = {tanh_fixed_point(1.5):.4f}; "
          f"from 0.2 and 0.6 after {STEPS} steps: {tanh_rnn(1.5, 0.2)[-1]:.4f}, {tanh_rnn(1.5, 0.6)[-1]:.4f}")
    plt.show()
