"""Same firing rate, different messages: Poisson spike trains vs a precisely
timed pattern.

Both groups of trials fire on average 4 spikes in 200 ms (20 Hz). The Poisson
trains carry nothing but that rate: spike times are random and the count
varies from trial to trial. The timed pattern repeats the same four spike
times on every trial, with 1 ms of jitter. A reader that only counts spikes
sees the same rate in both; the timing, and the trial-to-trial variability,
are different.
"""

import matplotlib.pyplot as plt
import numpy as np

RATE = 20.0        # spikes per second, both groups
DURATION = 0.200   # seconds per trial
PATTERN = np.array([0.012, 0.047, 0.103, 0.161])  # s: 4 spikes = 20 Hz x 200 ms
JITTER = 0.001     # s, standard deviation of each timed spike


def poisson_trains(rate, duration, n_trials, rng):
    """Homogeneous Poisson spike trains: a Poisson count, then uniform sorted times."""
    counts = rng.poisson(rate * duration, size=n_trials)
    return [np.sort(rng.uniform(0.0, duration, size=n)) for n in counts]


def timed_trains(pattern, jitter, n_trials, rng):
    """The same spike times on every trial, each shifted by Gaussian jitter."""
    return [np.sort(pattern + rng.normal(0.0, jitter, size=pattern.size)) for _ in range(n_trials)]


def counts(trains):
    return np.array([len(t) for t in trains])


def fano_factor(trains):
    """Variance over mean of the spike count: 1 for a Poisson process, 0 for a fixed count."""
    c = counts(trains)
    return c.var(ddof=1) / c.mean()


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    n_trials = 30
    poisson = poisson_trains(RATE, DURATION, n_trials, rng)
    timed = timed_trains(PATTERN, JITTER, n_trials, rng)

    # One row per group and short lines (at most 48 characters): the result fits a
    # 390-px phone at 12 px without scrolling.
    print(f"{n_trials} trials  mean rate  count range  Fano factor")
    for name, trains in (("Poisson", poisson), ("timed", timed)):
        c = counts(trains)
        print(f"{name:9s}  {c.mean() / DURATION:6.1f} Hz  {f'{c.min()}-{c.max()}':>11s}"
              f"  {fano_factor(trains):11.2f}")
    window = 0.010
    mean_in_window = RATE * window
    print(f"one 20 Hz neuron, {window * 1e3:.0f} ms window:\n"
          f"{mean_in_window:.1f} spikes expected, P(none) = {np.exp(-mean_in_window):.2f}")

    fig, axes = plt.subplots(3, 1, figsize=(7, 6.2), sharex=True,
                             gridspec_kw={"height_ratios": [3, 3, 2]})
    for ax, trains, colour, title in ((axes[0], poisson, "C0", "Poisson trains, 20 Hz"),
                                      (axes[1], timed, "C3", "timed pattern, 20 Hz, 1 ms jitter")):
        ax.eventplot([t * 1e3 for t in trains], colors=colour, linelengths=0.8, linewidths=1.2)
        ax.set_ylabel("trial")
        ax.set_title(title, loc="left")
        ax.set_ylim(-1, n_trials)
    bins = np.arange(0, DURATION * 1e3 + 5, 5)
    for trains, colour, label in ((poisson, "C0", "Poisson"), (timed, "C3", "timed")):
        hist, _ = np.histogram(np.concatenate(trains) * 1e3, bins=bins)
        rate = hist / (n_trials * 0.005)
        axes[2].step(bins[:-1], rate, where="post", color=colour, label=label)
    axes[2].axhline(RATE, color="C6", linestyle="--", linewidth=1, label="20 Hz")
    axes[2].set_ylabel("rate (Hz)\n5 ms bins")
    axes[2].set_xlabel("time (ms)")
    axes[2].set_xlim(0, DURATION * 1e3)
    axes[2].legend(loc="lower right", bbox_to_anchor=(1, 1), borderaxespad=0.2, ncol=3)
    plt.show()
