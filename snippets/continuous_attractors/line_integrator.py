"""A line attractor integrates its input, if its feedback is tuned exactly.

Seung's (1996) linear network: tau dx/dt = -x + W x + b u(t), here with two neurons
and W = lam * e e^T, e = (1, 1) / sqrt(2). Along e the feedback lam cancels the leak
when lam = 1: every point of that line is a fixed point (a line attractor), and the
network adds up brief input pulses and holds the sum, like the brainstem neurons
that hold the eyes still between saccades. Across e, activity decays with time
constant tau. Mistuned by epsilon = lam - 1, the held value changes as
exp(epsilon t / tau): it leaks back (epsilon < 0) or runs away (epsilon > 0) with the
time constant tau / |epsilon|. Left: trajectories in the plane of the two rates,
lam = 1. Right: the value along e for three tunings, the same three input pulses,
with the closed form exp(epsilon t / tau) after the last pulse (open circles).
"""

import matplotlib.pyplot as plt
import numpy as np

E = np.array([1.0, 1.0]) / np.sqrt(2)      # the direction the network remembers
DT = 0.01                                   # time step, in units of tau
PULSES = (10.0, 40.0, 70.0)                 # times of the input pulses (tau)
PULSE_LENGTH, PULSE_SIZE = 1.0, 0.5         # each pulse adds 0.5 along e


def simulate(lam, x0=(0.0, 0.0), t_total=100.0, pulses=PULSES):
    """Euler steps of tau dx/dt = -x + lam e e^T x + u(t) e; returns times and states."""
    w = lam * np.outer(E, E)
    steps = int(round(t_total / DT))
    x = np.array(x0, dtype=float)
    t = DT * np.arange(steps + 1)
    xs = np.empty((steps + 1, 2))
    xs[0] = x
    for k in range(steps):
        u = PULSE_SIZE / PULSE_LENGTH if any(p <= t[k] < p + PULSE_LENGTH for p in pulses) else 0.0
        x = x + DT * (-x + w @ x + u * E)
        xs[k + 1] = x
    return t, xs


def memory_time_constant(lam):
    """tau / |1 - lam|: how long the held value lasts (leak) or takes to grow e-fold."""
    return 1.0 / abs(1.0 - lam)


if __name__ == "__main__":
    fig, (ax_p, ax_t) = plt.subplots(1, 2, figsize=(7, 3.8))
    line = np.linspace(-1.2, 1.2, 2)
    ax_p.plot(line, line, color="C2", lw=3)
    ax_p.text(-1.15, 1.05, "line of\nfixed points", color="C2", ha="left", va="bottom")
    for start in ((1.0, -0.6), (-0.8, 0.4), (0.2, 1.0), (-0.2, -1.0), (1.0, 0.2), (-1.0, -0.2)):
        _, xs = simulate(1.0, x0=start, t_total=8.0, pulses=())
        ax_p.plot(xs[:, 0], xs[:, 1], color="C4", lw=1.5)
        ax_p.plot(*start, "o", color="C4", ms=4)
    ax_p.set_xlim(-1.25, 1.25)
    ax_p.set_ylim(-1.25, 1.6)
    ax_p.set_xlabel("rate $x_1$")
    ax_p.set_ylabel("rate $x_2$")
    ax_p.set_aspect("equal")

    for colour, lam, text in (("C2", 1.0, r"$\lambda = 1$"), ("C0", 0.97, r"$\lambda = 0.97$"),
                              ("C3", 1.02, r"$\lambda = 1.02$")):
        t, xs = simulate(lam)
        held = xs @ E
        ax_t.plot(t, held, color=colour, lw=2, label=text)
        eps = lam - 1
        end_last = PULSES[-1] + PULSE_LENGTH
        after = t >= end_last
        ts = t[after][::len(t[after]) // 6]
        ax_t.plot(ts, held[after][0] * np.exp(eps * (ts - end_last)), "o", mfc="none", color="C6", ms=7)
        print(f"λ = {lam}: held value at 100 τ = {held[-1]:.3f}, "
              f"memory time constant tau/|1 - lambda| = "
              + ("infinite" if lam == 1 else f"{memory_time_constant(lam):.0f} tau"))
    ax_t.set_xlabel(r"time ($\tau$)")
    ax_t.set_ylabel(r"held value $\mathbf{e}^\top\mathbf{x}$")
    ax_t.legend(loc="lower left", bbox_to_anchor=(0, 1), ncol=2, frameon=False)
    plt.show()
