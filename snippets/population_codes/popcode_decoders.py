"""How close each decoder comes to the Cramér–Rao bound, and when the bound is reached.

Uses the model of popcode_model.py (von Mises tuning on a baseline, independent
Poisson counts). For each population size N, and for each counting window T at
N = 64, it draws TRIALS population responses to random directions, decodes each by
the population vector and by maximum likelihood, and compares the mean squared
error with the Cramér–Rao bound 1 / I (Fisher information, closed form).
The bound is asymptotic: maximum likelihood reaches it once a trial has a few dozen
spikes or more, whether from more neurons or a longer window (8 neurons and about 50
spikes already suffice here); with a handful of spikes it misses it. The population
vector stays above it however many neurons there are.
"""

import matplotlib.pyplot as plt
import numpy as np

from popcode_model import (T, fisher_information, maximum_likelihood, population_vector,
                           preferred, rates, wrap)

TRIALS = 2000
SIZES = [8, 16, 32, 64, 128]
WINDOWS = [0.01, 0.03, 0.1, 0.3, 1.0]     # seconds


def errors(n, t, rng, trials=TRIALS):
    """Squared errors of both decoders and the bound, for random stimulus directions."""
    phi = preferred(n)
    theta = rng.uniform(-np.pi, np.pi, trials)
    counts = rng.poisson(t * rates(theta, phi))
    pv = wrap(population_vector(counts, phi) - theta) ** 2
    ml = wrap(maximum_likelihood(counts, phi, t=t) - theta) ** 2
    bound = np.mean(1 / fisher_information(theta, phi, t=t))
    return pv.mean(), ml.mean(), bound


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    by_size = np.array([errors(n, T, rng) for n in SIZES])
    by_window = np.array([errors(64, t, rng) for t in WINDOWS])
    fig, (ax_n, ax_t) = plt.subplots(1, 2, figsize=(7, 3.6), layout="constrained")
    for ax, x, res in ((ax_n, SIZES, by_size), (ax_t, WINDOWS, by_window)):
        ax.plot(x, res[:, 2], color="C3", linestyle="--", label=r"bound $1/I$")
        ax.plot(x, res[:, 0], "o-", color="C1", label="population vector")
        ax.plot(x, res[:, 1], "s", color="C2", markersize=7, label="maximum likelihood")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_ylabel(r"squared error (rad$^2$)")
    ax_n.set_xticks(SIZES, [str(n) for n in SIZES])
    ax_n.set_xlabel(rf"neurons $N$ (window $T$ = {T} s)")
    fig.legend(*ax_n.get_legend_handles_labels(), loc="outside upper center", ncol=3)  # one key for both panels
    ax_t.set_xticks(WINDOWS, ["0.01", "0.03", "0.1", "0.3", "1"])
    ax_t.set_xlabel(r"counting window $T$ (s), $N$ = 64")
    print("  N    T (s)  spikes/trial  PV / bound  ML / bound")
    for x, res, label in ((SIZES, by_size, "N"), (WINDOWS, by_window, "T")):
        for v, (pv, ml, bound) in zip(x, res):
            n, t = (v, T) if label == "N" else (64, v)
            spikes = t * rates(0.0, preferred(n)).sum()
            print(f"{n:4d} {t:7.2f} {spikes:12.0f} {pv / bound:11.2f} {ml / bound:11.2f}")
    plt.show()
