"""Poisson spike trains: exponential intervals, CV = 1, Fano factor = 1.

A homogeneous Poisson train at rate r over a window T is made the textbook way
that does not presuppose its intervals: draw the number of spikes from a Poisson
distribution with mean r T, then place them uniformly at random and sort. Its
interspike intervals should then be exponential with mean 1/r (CV = 1), and spike
counts in windows of any length w should have variance equal to their mean r w
(Fano factor 1). Left: 20 trials at 20 Hz. Right: the histogram of all intervals
against the exponential density r exp(-r t).
"""

import matplotlib.pyplot as plt
import numpy as np

RATE = 20.0          # Hz
T = 10.0             # s per trial
TRIALS = 50


def poisson_train(rate, duration, rng):
    """Sorted spike times (s) of a homogeneous Poisson process."""
    return np.sort(rng.uniform(0.0, duration, rng.poisson(rate * duration)))


def cv(intervals):
    return float(np.std(intervals) / np.mean(intervals))


def fano(trains, window, duration):
    """Variance over mean of spike counts in consecutive windows of length `window` (s)."""
    edges = np.arange(0.0, duration + window / 2, window)
    counts = np.concatenate([np.histogram(s, edges)[0] for s in trains])
    return float(counts.var() / counts.mean())


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    trains = [poisson_train(RATE, T, rng) for _ in range(TRIALS)]
    isi = np.concatenate([np.diff(s) for s in trains])
    print(f"{sum(len(s) for s in trains)} spikes in {TRIALS} trials of {T:g} s; "
          f"mean interval {1000 * isi.mean():.1f} ms (1/r = {1000 / RATE:.0f} ms)")
    print(f"CV of {isi.size} intervals: {cv(isi):.3f}")
    for w in (0.01, 0.1, 1.0):
        print(f"Fano factor of counts in {1000 * w:.0f}-ms windows: {fano(trains, w, T):.3f}")

    fig, (ax_r, ax_h) = plt.subplots(1, 2, figsize=(7, 3.4))
    for k, s in enumerate(trains[:20]):
        s = s[s < 1.0]
        ax_r.vlines(1000 * s, k + 0.6, k + 1.4, color="C4", linewidth=1)
    ax_r.set_xlabel("time (ms)")
    ax_r.set_ylabel("trial")
    ax_r.set_ylim(0.3, 20.7)
    ax_r.set_yticks([1, 5, 10, 15, 20])
    ax_r.grid(False)
    t = np.linspace(0.0, 0.3, 300)
    ax_h.hist(1000 * isi, bins=np.arange(0, 300, 10), weights=np.full(isi.size, 100.0 / isi.size),
              color="C4", label="intervals")              # fraction per 10-ms bin, x 100 %/s
    ax_h.plot(1000 * t, RATE * np.exp(-RATE * t), color="C3", label=r"$r\,e^{-rt}$")
    ax_h.set_xlabel("interspike interval t (ms)")
    ax_h.set_ylabel("probability density (1/s)")
    ax_h.legend(loc="upper right")
    plt.show()
