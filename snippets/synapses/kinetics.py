"""Synaptic kinetics: the alpha function and the difference of two exponentials.

After a presynaptic spike at t = 0 the synaptic conductance rises and decays. Two
standard shapes, each scaled so that its peak is g_max (Rall 1967 for the alpha
function; Dayan & Abbott 2001, ch. 5; Roth & van Rossum 2009):

    alpha:        g(t) = g_max (t / tau) exp(1 - t / tau),        peak at t = tau;
    two taus:     g(t) = g_max f (exp(-t / tau_d) - exp(-t / tau_r)),  tau_r < tau_d,
                  peak at t_peak = tau_r tau_d / (tau_d - tau_r) ln(tau_d / tau_r),
                  f = 1 / (exp(-t_peak / tau_d) - exp(-t_peak / tau_r)).

As tau_r -> tau_d the difference of exponentials becomes the alpha function with
tau = tau_d. The time constants below are illustrative: a fast, AMPA-like synapse
and a slow, NMDA-like one (units: ms; conductances as fractions of g_max). The
figure draws both shapes, marks each closed-form peak time, and shows how a train
of spikes sums linearly in g (left) while the slow synapse keeps a memory of it.
"""

import matplotlib.pyplot as plt
import numpy as np

FAST = {"tau_r": 0.5, "tau_d": 3.0}     # ms, AMPA-like (illustrative)
SLOW = {"tau_r": 5.0, "tau_d": 80.0}    # ms, NMDA-like (illustrative)


def alpha(t, tau):
    """Alpha function with peak 1 at t = tau; zero before the spike (t < 0)."""
    t = np.asarray(t, dtype=float)
    return np.where(t >= 0, t / tau * np.exp(1.0 - t / tau), 0.0)


def peak_time(tau_r, tau_d):
    """Closed-form time of the peak of exp(-t/tau_d) - exp(-t/tau_r), in ms."""
    if not 0 < tau_r < tau_d:
        raise ValueError(f"need 0 < tau_r < tau_d, got tau_r = {tau_r}, tau_d = {tau_d}")
    return tau_r * tau_d / (tau_d - tau_r) * np.log(tau_d / tau_r)


def dual_exponential(t, tau_r, tau_d):
    """Difference of exponentials normalised to peak 1; zero before the spike."""
    t = np.asarray(t, dtype=float)
    tp = peak_time(tau_r, tau_d)
    f = 1.0 / (np.exp(-tp / tau_d) - np.exp(-tp / tau_r))
    return np.where(t >= 0, f * (np.exp(-t / tau_d) - np.exp(-t / tau_r)), 0.0)


def train(t, spikes, tau_r, tau_d):
    """Conductance after a spike train: the sum of one normalised response per spike."""
    return sum(dual_exponential(t - s, tau_r, tau_d) for s in spikes)


if __name__ == "__main__":
    t = np.arange(0.0, 200.0, 0.01)
    t_log = np.geomspace(0.1, 200.0, 2000)
    fig, (ax_one, ax_train) = plt.subplots(2, 1, figsize=(7, 5.6))
    for (name, taus), colour in zip((("fast", FAST), ("slow", SLOW)), ("C1", "C0")):
        tp = peak_time(**taus)
        g = dual_exponential(t, **taus)
        print(f"{name}: τ_r = {taus['tau_r']:g} ms, τ_d = {taus['tau_d']:g} ms, "
              f"closed-form peak at {tp:.2f} ms, numerical peak at {t[np.argmax(g)]:.2f} ms")
        ax_one.plot(t_log, dual_exponential(t_log, **taus), color=colour, label=rf"$\tau_r$ = {taus['tau_r']:g} ms, $\tau_d$ = {taus['tau_d']:g} ms")
        ax_one.axvline(tp, color=colour, linestyle=":", linewidth=1)
    ax_one.plot(t_log, alpha(t_log, 3.0), color="C6", linestyle="--", label=r"alpha, $\tau$ = 3 ms")
    ax_one.set_xscale("log")
    ax_one.set_xlim(0.1, 200)
    ax_one.set_xticks([0.1, 1, 10, 100], ["0.1", "1", "10", "100"])
    ax_one.set_xlabel("time after the spike (ms), log scale")
    ax_one.set_ylabel(r"$g / g_\mathrm{max}$")
    ax_one.legend(loc="lower left", bbox_to_anchor=(0, 1), ncol=2, borderaxespad=0.2)

    spikes = np.arange(10.0, 60.0, 10.0)     # five spikes at 100 Hz
    ax_train.plot(t, train(t, spikes, **FAST), color="C1")
    ax_train.plot(t, train(t, spikes, **SLOW), color="C0")  # blue: never confused with the fast vermillion
    ax_train.plot(spikes, np.full(spikes.shape, -0.3), "|", color="C6", markersize=12)
    ax_train.set_xlabel("time (ms)")
    ax_train.set_ylabel(r"$g / g_\mathrm{max}$")
    ax_train.set_ylim(-0.6, None)
    print(f"five spikes at 100 Hz: fast synapse peaks at {train(t, spikes, **FAST).max():.2f}, "
          f"slow synapse at {train(t, spikes, **SLOW).max():.2f} times one response's peak")
    plt.show()
