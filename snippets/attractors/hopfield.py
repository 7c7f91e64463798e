"""A Hopfield network recalls stored patterns from corrupted cues.

N = 100 binary neurons (+1 or -1) store P = 5 random patterns with the Hebbian
rule W = (1/N) sum_mu xi_mu xi_mu^T, with no self-connections: Hopfield's (1982)
rule in the +1/-1 form of Amit, Gutfreund & Sompolinsky (1985).
A cue is a stored pattern with 30% of its bits flipped. Asynchronous updates
(one neuron at a time, in random order, s_i <- sign(sum_j W_ij s_j)) never raise
the energy E = -1/2 s^T W s, so the state slides downhill to a minimum: here,
the stored pattern. Left: energy after every single-neuron update, for five cues.
Right: overlap m = (1/N) xi . s with the pattern the cue came from.
"""

import matplotlib.pyplot as plt
import numpy as np


def store(patterns):
    """Hebbian weights for patterns of shape (P, N), entries +1/-1; zero diagonal."""
    n = patterns.shape[1]
    w = patterns.T @ patterns / n
    np.fill_diagonal(w, 0.0)
    return w


def energy(w, s):
    return -0.5 * s @ w @ s


def run_async(w, s, rng, sweeps=10, record=True):
    """Asynchronous updates in random order until a sweep changes nothing.

    Returns the final state and, if record is True, the states after every
    single update (as a 2D array), so that the energy can be followed step by step.
    """
    s = s.astype(float).copy()
    h = w @ s                                   # local fields, kept up to date
    states = [s.copy()]
    for _ in range(sweeps):
        changed = False
        for i in rng.permutation(len(s)):
            new = 1.0 if h[i] >= 0 else -1.0
            if new != s[i]:
                h += (new - s[i]) * w[:, i]
                s[i] = new
                changed = True
            if record:
                states.append(s.copy())
        if not changed:
            break
    return s, np.array(states)


def corrupt(pattern, fraction, rng):
    """Flip a given fraction of the bits of a pattern, chosen at random."""
    s = pattern.copy()
    flip = rng.choice(len(s), size=int(round(fraction * len(s))), replace=False)
    s[flip] *= -1
    return s


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    n, p = 100, 5
    patterns = rng.choice([-1.0, 1.0], size=(p, n))
    w = store(patterns)
    fig, (ax_e, ax_m) = plt.subplots(1, 2, figsize=(7, 3.4))
    for mu in range(p):
        cue = corrupt(patterns[mu], 0.3, rng)
        final, states = run_async(w, cue, rng)
        e = np.array([energy(w, s) for s in states])
        m = states @ patterns[mu] / n
        steps = np.arange(len(e))
        ax_e.plot(steps, e, color="C2")
        ax_m.plot(steps, m, color="C4")
        print(f"pattern {mu}: overlap {m[0]:.2f} → {m[-1]:.2f}, energy {e[0]:.1f} → {e[-1]:.1f}, "
              f"largest rise in one update {max(np.max(np.diff(e)), 0.0):.1f}")
    ax_e.set_xlabel("single-neuron updates")
    ax_e.set_ylabel(r"energy $E = -\frac{1}{2}\,\mathbf{s}^\top W \mathbf{s}$")
    ax_m.set_xlabel("single-neuron updates")
    ax_m.set_ylabel(r"overlap $m$ with the stored pattern")
    ax_m.set_ylim(0, 1.05)
    plt.show()
