"""Firing rate against injected current (f-I curve) of the Hodgkin-Huxley model.

Each neuron receives a constant current from t = 0, starting at rest. A neuron
fires repetitively if it still spikes in the last 50 ms of a 200-ms step; its
rate is the inverse of its mean interspike interval over the second half. The
curve does not start at zero: at the rheobase for repetitive firing the rate
jumps from nothing to about 50 spikes per second.
"""

import matplotlib.pyplot as plt
import numpy as np

from model import simulate, spike_times

T_MAX = 200.0                                              # ms
COARSE = np.arange(0.0, 20.01, 1.0)                       # µA/cm²
FINE = np.round(np.arange(6.0, 6.61, 0.05), 2)            # around the rheobase
ONSET = np.round(np.arange(2.0, 2.31, 0.05), 2)           # around the single-spike threshold


def analyse(t, v):
    """Number of spikes, and the sustained rate in Hz (0 if firing stopped)."""
    spikes = spike_times(t, v)
    late = spikes[spikes >= T_MAX / 2]
    if len(late) < 2 or late[-1] < T_MAX - 50.0:
        return len(spikes), 0.0
    return len(spikes), 1000.0 / np.diff(late).mean()


def first_above(currents, values):
    """The smallest current whose value is positive, and the largest below it."""
    order = np.argsort(currents)
    currents, values = currents[order], np.asarray(values)[order]
    k = np.flatnonzero(values > 0)[0]
    return currents[k - 1], currents[k]


if __name__ == "__main__":
    currents = np.concatenate([COARSE, FINE, ONSET])
    t, v, m, h, n = simulate(lambda t: currents, T_MAX)
    counts, rates = np.array([analyse(t, v[:, j]) for j in range(len(currents))]).T

    lo, hi = first_above(currents, rates)
    print(f"repetitive firing starts between {lo:.2f} and {hi:.2f} µA/cm²")
    print(f"  rate just above it: {rates[currents == hi][0]:.0f} Hz")
    lo1, hi1 = first_above(currents, counts)
    print(f"a single spike at step onset needs between {lo1:.2f} and {hi1:.2f} µA/cm²")
    for i in (10.0, 20.0):
        print(f"  rate at {i:4.1f} µA/cm²: {rates[currents == i][0]:.0f} Hz")

    main = np.isin(currents, np.concatenate([COARSE, FINE]))
    order = np.argsort(currents[main])
    fig, ax = plt.subplots()
    ax.plot(currents[main][order], rates[main][order], "o-", color="C4", markersize=4,
            label="Hodgkin–Huxley, sustained rate")
    # The rheobase is a current: C0, the colour of the injected current on the whole page.
    ax.axvline(hi, color="C0", linestyle="--", linewidth=1,
               label=f"rheobase for repetitive firing ≈ {hi:g} µA/cm²")
    ax.set_xlabel("step current (µA/cm²)")
    ax.set_ylabel("firing rate (Hz)")
    ax.set_ylim(bottom=0)
    ax.legend(loc="lower right")
    plt.show()
