"""The same input, seen as spikes by a neuron and as one number by an artificial unit.

A slowly varying current drives a leaky integrate-and-fire neuron (the parameters
of the integrate-and-fire page, forward Euler with dt = 0.1 ms). A ReLU unit given
the same input outputs a continuous value at every instant. An observer of the
neuron only sees spikes; the rate must be estimated by counting them in a time
window, and a short window gives a coarse, jumpy estimate, a long one a smooth but
delayed one.
"""

import matplotlib.pyplot as plt
import numpy as np

E_L, V_RESET, V_TH, R, TAU, T_REF, DT = -70.0, -65.0, -50.0, 10.0, 10.0, 2.0, 0.1


def current(t):
    """Input (nA): a slow oscillation around 3 nA that dips below the 2-nA rheobase."""
    return 3.0 + 1.8 * np.sin(2 * np.pi * t / 400.0)


def lif_spikes(t_max=800.0):
    """Spike times (ms) of the LIF neuron driven by `current`."""
    v, refractory, spikes = E_L, 0, []
    for k in range(1, int(round(t_max / DT)) + 1):
        if refractory > 0:
            refractory -= 1
            continue
        v += DT / TAU * (E_L - v + R * current((k - 1) * DT))
        if v >= V_TH:
            spikes.append(k * DT)
            v, refractory = V_RESET, int(round(T_REF / DT))
    return np.array(spikes)


def windowed_rate(spikes, window, t_max=800.0):
    """Rate estimate (Hz) in consecutive windows: spike count / window length."""
    edges = np.arange(0.0, t_max + window / 2, window)
    counts, _ = np.histogram(spikes, edges)
    return edges, counts * 1000.0 / window


def listening_window(rate_a, rate_b, neurons=1):
    """Shortest counting window (s) that tells rate_a from rate_b (Hz) with `neurons` Poisson
    neurons: the difference of the mean counts, n (rate_b - rate_a) W, at least twice the
    combined standard deviation sqrt(n (rate_a + rate_b) W)."""
    return 4 * (rate_a + rate_b) / (neurons * (rate_b - rate_a) ** 2)

if __name__ == "__main__":
    spikes = lif_spikes()
    print(f"{len(spikes)} spikes in 800 ms")
    for window in (10.0, 20.0, 100.0):
        print(f"{window:5.0f}-ms window: rate estimates come in steps of {1000 / window:.0f} Hz")

    t = np.arange(0.0, 800.0, DT)
    fig, (ax_in, ax_out) = plt.subplots(2, 1, sharex=True, figsize=(7, 4.8), height_ratios=[1, 2])
    ax_in.plot(t, current(t), color="C0", label="input current")
    ax_in.axhline(2.0, color="C3", linestyle="--", linewidth=1, label="rheobase 2 nA")
    ax_in.set_ylabel("I (nA)")
    ax_in.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2, ncol=2)

    relu = 60.0 * np.maximum(0.0, current(t) - 2.0)   # a ReLU unit, scaled to Hz
    ax_out.plot(t, relu, color="C3", label="ReLU unit (continuous output)")
    for window, colour in ((20.0, "C1"), (100.0, "C2")):
        edges, rate = windowed_rate(spikes, window)
        ax_out.stairs(rate, edges, color=colour, label=f"spike count / {window:g} ms")
    ax_out.vlines(spikes, -40, -10, color="C4", linewidth=0.8, label="spikes")
    ax_out.set_ylim(-45, 330)
    ax_out.set_ylabel("Hz")
    ax_out.set_xlabel("time (ms)")
    ax_out.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2, ncol=2)
    plt.show()
