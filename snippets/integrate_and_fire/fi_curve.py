"""The f-I curve of the leaky integrate-and-fire neuron: simulation against closed form.

Each of many neurons receives one constant current for one second. The simulated
rate is the inverse of the mean interspike interval (the first interval, which
starts from rest rather than from reset, is left out). The line is the closed
form derived on the page. Left: near the rheobase of 2 nA. Right: up to 200 nA,
where the rate saturates towards 1 / t_ref = 500 Hz.
"""

import matplotlib.pyplot as plt
import numpy as np

from lif import RHEOBASE, T_REF, rate_closed_form, simulate

CURRENTS = np.concatenate([np.arange(0.0, 10.01, 0.25), [15, 20, 30, 50, 75, 100, 150, 200]])


def simulated_rates(currents, t_max=1000.0):
    """Firing rate (Hz) of each neuron from its steady-state interspike intervals."""
    t, v, spikes = simulate(lambda t: currents, t_max)
    return np.array([1000.0 / np.diff(s[1:]).mean() if len(s) > 2 else 0.0 for s in spikes])


if __name__ == "__main__":
    rates = simulated_rates(CURRENTS)
    exact = rate_closed_form(CURRENTS)
    print("  I (nA)   simulated (Hz)   closed form (Hz)")
    for i in (1.0, 2.0, 2.25, 3.0, 5.0, 10.0, 50.0, 200.0):
        k = np.flatnonzero(CURRENTS == i)[0]
        print(f"{i:8.2f} {rates[k]:14.1f} {exact[k]:17.1f}")

    fine = np.linspace(0, 10, 1001)
    wide = np.geomspace(1, 200, 400)
    fig, (ax_l, ax_r) = plt.subplots(1, 2, figsize=(7, 3.6))
    for ax, grid, mask in ((ax_l, fine, CURRENTS <= 10), (ax_r, wide, CURRENTS >= 1)):
        ax.plot(grid, rate_closed_form(grid), color="C4", label="closed form")
        ax.plot(CURRENTS[mask], rates[mask], "o", color="C2", markersize=4,
                label="simulation (dt = 0.1 ms)")
        ax.axvline(RHEOBASE, color="C3", linestyle="--", linewidth=1, label="rheobase 2 nA")
        ax.set_xlabel("input current I (nA)")
    ax_r.axhline(1000.0 / T_REF, color="C6", linestyle=":", linewidth=1, label=r"$1/t_\mathrm{ref}$ = 500 Hz")
    ax_r.set_xscale("log")
    ax_l.set_ylabel("firing rate (Hz)")
    ax_l.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2)
    ax_r.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2)
    ax_r.set_ylim(0, 520)
    plt.show()
