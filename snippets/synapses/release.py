"""Stochastic transmitter release next to dropout.

A synapse with N release sites, each releasing one vesicle with probability p when
a spike arrives, gives a response k q with k ~ Binomial(N, p) and q the quantal
size: mean N p q, variance N p (1 - p) q^2, and a failure (k = 0) with probability
(1 - p)^N. Dropout (inverted, as in most libraries) keeps a unit's output x with
probability 1 - p_drop and scales it by 1 / (1 - p_drop): mean x, variance
x^2 p_drop / (1 - p_drop). Both are multiplicative Bernoulli noise. Dropout's rescaling
keeps the mean at x; nothing rescales the synapse, whose mean N p q stays below the
N q of release from every site. They also differ in what is dropped, when, and whether
the probability moves. (Srivastava et al. 2014 call the keep probability p; here p is
the release probability, the counterpart of keeping, and p_drop the drop probability.)
"""

from math import comb

import matplotlib.pyplot as plt
import numpy as np

N_SITES, P_RELEASE, Q = 5, 0.3, 1.0     # sites, release probability, quantal size
P_DROP = 0.5                            # dropout probability
TRIALS = 10_000


def release(n_sites, p, q, trials, rng):
    """Response amplitude of one synapse on each of `trials` presynaptic spikes."""
    return q * rng.binomial(n_sites, p, size=trials)


def dropout(x, p_drop, trials, rng):
    """Inverted dropout applied `trials` times to the value x."""
    keep = rng.random(trials) >= p_drop
    return np.where(keep, x / (1.0 - p_drop), 0.0)


def binomial_pmf(n, p):
    """P(k releases) for k = 0..n."""
    k = np.arange(n + 1)
    return k, np.array([comb(n, j) for j in k]) * p**k * (1 - p) ** (n - k)


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    amps = release(N_SITES, P_RELEASE, Q, TRIALS, rng)
    mean_x = N_SITES * P_RELEASE * Q                 # give dropout the same mean input
    drops = dropout(mean_x, P_DROP, TRIALS, rng)
    print(f"synapse: mean {amps.mean():.3f} (N p q = {mean_x:.3f}), "
          f"variance {amps.var():.3f} (N p (1 − p) q² = {N_SITES * P_RELEASE * (1 - P_RELEASE) * Q**2:.3f})")
    print(f"         failures {np.mean(amps == 0):.3f} ((1 − p)ᴺ = {(1 - P_RELEASE) ** N_SITES:.3f})")
    print(f"dropout: mean {drops.mean():.3f} (x = {mean_x:.3f}), "
          f"variance {drops.var():.3f} (x² p/(1 − p) = {mean_x**2 * P_DROP / (1 - P_DROP):.3f})")

    fig, (ax_s, ax_d) = plt.subplots(1, 2, figsize=(7, 3.4), sharey=True)
    k, pmf = binomial_pmf(N_SITES, P_RELEASE)
    counts = np.bincount(amps.astype(int), minlength=N_SITES + 1) / TRIALS
    ax_s.bar(k, counts, color="C1", width=0.6, label="10 000 spikes")
    ax_s.plot(k, pmf, "o", color="C2", label="binomial")
    ax_s.set_xlabel(r"response (quanta $q$)")
    ax_s.set_ylabel("fraction of trials")
    ax_s.set_title(f"synapse: N = {N_SITES}, p = {P_RELEASE}")
    ax_s.legend(loc="upper right")
    values, freq = np.unique(drops, return_counts=True)
    ax_d.bar(values, freq / TRIALS, color="C3", width=0.3, label="10 000 passes")
    ax_d.plot([0.0, mean_x / (1 - P_DROP)], [P_DROP, 1 - P_DROP], "o", color="C2",
              label="Bernoulli")
    ax_d.set_xlabel(f"unit output (input x = {mean_x})")
    ax_d.set_title(rf"dropout: $p_\mathrm{{drop}}$ = {P_DROP}")
    ax_d.set_ylim(0, 0.7)
    ax_d.legend(loc="upper right")
    plt.show()
