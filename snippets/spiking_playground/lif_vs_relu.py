"""The spiking playground's defaults: a leaky integrate-and-fire neuron at 3 nA, and its f-I curve.

The model and parameters are those of the integrate-and-fire page
(snippets/integrate_and_fire/lif.py): E_L = -70 mV, V_reset = -65 mV,
V_th = -50 mV, R = 10 MOhm, tau_m = 10 ms, t_ref = 2 ms, forward Euler with
dt = 0.1 ms, starting at rest. Left: the membrane potential over the first 200 ms
with a constant 3 nA. Right: the number of spikes in the first second (that is,
the rate in Hz) for currents from 0 to 10 nA, next to a ReLU with the same 2-nA
threshold drawn through the LIF rate at 10 nA.
"""

import matplotlib.pyplot as plt
import numpy as np

E_L, V_RESET, V_TH = -70.0, -65.0, -50.0   # mV
R = 10.0                                    # MOhm (1 MOhm x 1 nA = 1 mV)
TAU, T_REF, DT = 10.0, 2.0, 0.1            # ms
RHEOBASE = (V_TH - E_L) / R                 # nA


def simulate(currents, t_max):
    """Euler LIF, one neuron per constant current (nA): times, V (steps x neurons), spike times."""
    currents = np.atleast_1d(np.asarray(currents, dtype=float))
    steps = int(round(t_max / DT))
    n_ref = int(round(T_REF / DT))
    v = np.full(currents.shape, E_L)
    refractory = np.zeros(currents.shape, dtype=int)
    trace = np.empty((steps + 1,) + currents.shape)
    trace[0] = v
    spikes = [[] for _ in currents]
    for k in range(1, steps + 1):
        active = refractory == 0
        v = np.where(active, v + DT / TAU * (E_L - v + R * currents), V_RESET)
        refractory = np.where(active, 0, refractory - 1)
        fired = active & (v >= V_TH)
        for j in np.flatnonzero(fired):
            spikes[j].append(k * DT)
        v = np.where(fired, V_RESET, v)
        refractory = np.where(fired, n_ref, refractory)
        trace[k] = v
    return np.arange(steps + 1) * DT, trace, spikes


def rates(currents, window=1000.0):
    """Spikes in the first `window` ms, as a rate in Hz."""
    return np.array([len(s) for s in simulate(currents, window)[2]]) * 1000.0 / window


if __name__ == "__main__":
    grid = np.linspace(0.0, 10.0, 501)
    rate = rates(grid)
    slope = rate[-1] / (grid[-1] - RHEOBASE)            # Hz per nA
    for i in (1.5, 2.0, 2.01, 2.5, 3.0, 5.0, 10.0):
        print(f"I = {i:5.2f} nA: {rates([i])[0]:5.0f} spikes in 1 s   ReLU {slope * max(0.0, i - RHEOBASE):5.1f} Hz")
    print(f"ReLU slope = {rate[-1]:.0f} Hz / (10 nA - 2 nA) = {slope:.1f} Hz/nA")

    t, v, spikes = simulate([3.0], 200.0)
    fig, (ax_v, ax_f) = plt.subplots(1, 2, figsize=(7, 3.6))
    ax_v.plot(t, v[:, 0], color="C2", linewidth=1.5)
    ax_v.vlines(spikes[0], V_TH, -35.0, color="C4", linewidth=1.5, label="spikes")
    ax_v.axhline(V_TH, color="C3", linestyle="--", linewidth=1, label="threshold")
    ax_v.axhline(V_RESET, color="C6", linestyle=":", linewidth=1, label="reset")
    ax_v.set_xlim(0, 200)
    ax_v.set_ylim(-72, -30)
    ax_v.set_xlabel("time (ms)")
    ax_v.set_ylabel("membrane potential V (mV)")
    ax_v.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2, ncol=2, title="I = 3 nA", alignment="left")

    ax_f.plot(grid, rate, color="C4", label="LIF: spikes in 1 s")
    ax_f.plot([0, RHEOBASE, 10], [0, 0, slope * (10 - RHEOBASE)], color="C3", linestyle="--",
              label=f"ReLU, slope {slope:.1f} Hz/nA")
    ax_f.plot(3.0, rates([3.0])[0], "o", color="C1", markersize=7)
    ax_f.set_xlim(0, 10)
    ax_f.set_ylim(0, 300)
    ax_f.set_xlabel("input current I (nA)")
    ax_f.set_ylabel("firing rate (Hz)")
    ax_f.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2)
    plt.show()
