"""How many patterns a Hopfield network can hold: simulation against 0.138 N.

For N = 400 neurons and a load alpha = P / N from 0.04 to 0.24, store P random
patterns, start the network exactly in a stored pattern, let it relax with
asynchronous updates, and record the final overlap m with that pattern (1 means
the pattern is a fixed point, near 0 means the state has wandered off to a
spurious mixture). Points are means over several networks and starting
patterns. Amit, Gutfreund & Sompolinsky (1985) computed, for N -> infinity, that
retrieval states with m ~ 0.97 exist up to alpha_c ~ 0.138 and vanish above it;
at finite N the drop is smoothed out.
"""

import matplotlib.pyplot as plt
import numpy as np
from hopfield import run_async, store

ALPHA_C = 0.138            # Amit, Gutfreund & Sompolinsky 1985
N = 400
ALPHAS = np.round(np.arange(0.04, 0.241, 0.02), 2)


def final_overlaps(n, alpha, rng, networks=4, starts=6):
    """Final overlap with the starting pattern, for several networks and patterns."""
    p = max(1, int(round(alpha * n)))
    out = []
    for _ in range(networks):
        patterns = rng.choice([-1.0, 1.0], size=(p, n))
        w = store(patterns)
        for mu in range(min(starts, p)):
            s, _ = run_async(w, patterns[mu], rng, sweeps=30, record=False)
            out.append(s @ patterns[mu] / n)
    return np.array(out)


def crossing(alphas, overlaps, level=0.9):
    """The load at which the mean final overlap first falls below `level` (linear interpolation)."""
    means = np.array([o.mean() for o in overlaps])
    k = np.flatnonzero(means < level)[0]
    a0, a1, m0, m1 = alphas[k - 1], alphas[k], means[k - 1], means[k]
    return a0 + (m0 - level) * (a1 - a0) / (m0 - m1)


if __name__ == "__main__":
    rng = np.random.default_rng(1)
    overlaps = [final_overlaps(N, a, rng) for a in ALPHAS]
    means = [o.mean() for o in overlaps]
    lows = [o.min() for o in overlaps]
    highs = [o.max() for o in overlaps]
    print(" alpha   P   mean final overlap")
    for a, m in zip(ALPHAS, means):
        print(f" {a:.2f} {int(round(a * N)):4d}   {m:.3f}")
    print(f"mean overlap falls below 0.9 at alpha = {crossing(ALPHAS, overlaps):.3f} "
          f"(theory for large N: {ALPHA_C})")

    fig, ax = plt.subplots(figsize=(7, 3.4))
    ax.fill_between(ALPHAS, lows, highs, color="C2", alpha=0.25, linewidth=0,
                    label="range over runs")
    ax.plot(ALPHAS, means, "o-", color="C2", label=f"simulation, $N = {N}$")
    ax.axvline(ALPHA_C, color="C3", linestyle="--",
               label=r"$\alpha_c \approx 0.138$ (Amit et al. 1985)")
    ax.set_xlabel(r"load $\alpha = P / N$")
    ax.set_ylabel(r"final overlap $m$")
    ax.set_ylim(0, 1.05)
    ax.legend(loc="lower left")
    plt.show()
