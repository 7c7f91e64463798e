"""Two kinds of excitability: the f-I curves of the Morris-Lecar model, type I and type II.

Type I: each neuron starts at its resting state (nudged by 0.1 mV) and receives a
constant current; its rate is counted after the first 500 ms. The rate rises from
zero at the saddle-node current like sqrt(I - I_SN).
Type II: one neuron, its current stepped up from 84 to 100 µA/cm² and back down
(400 ms a step, each step starting where the last ended, rate counted after
150 ms). Going up it stays silent until just above the Hopf current and then
jumps to about 11 Hz; coming down it keeps firing below the Hopf current, because
the Hopf bifurcation is subcritical and a firing cycle coexists with rest there.
The dashed lines are the bifurcation currents found from the equations alone
(morris_lecar.py).
"""

import matplotlib.pyplot as plt
import numpy as np

from morris_lecar import SETS, bifurcation, rates, simulate, stacked, sweep

TYPE_I = np.r_[30, 34, 37, 39, 39.5, 39.9, 40.1, 40.25, 40.5, 41, 42, 44, 47, 50, 55, 60, 65, 70, 75, 80]
SWEEP = np.arange(84.0, 100.5, 1.0)          # µA/cm², up; the way down is SWEEP[::-1]


def hysteresis(currents=SWEEP):
    """Rates of the type II neuron on the way up and on the way down (both in the order of
    `currents`), the down sweep starting where the up sweep ended."""
    p = SETS["type II"]
    up, state = sweep(currents, p)
    down, _ = sweep(currents[::-1], p, start=state)
    return up, down[::-1]


if __name__ == "__main__":
    p, currents = stacked([("type I", TYPE_I)])
    t, v = simulate(currents, p)
    rate_i = rates(t, v)
    _, i_sn, _ = bifurcation(SETS["type I"])
    _, i_h, _ = bifurcation(SETS["type II"])
    print(f"type I : saddle-node at {i_sn:.2f} µA/cm²; first firing at {TYPE_I[rate_i > 0][0]:g}, "
          f"rate {rate_i[rate_i > 0][0]:.1f} Hz")
    near = (TYPE_I > i_sn) & (TYPE_I <= 42)
    k = rate_i[near] ** 2 / (TYPE_I[near] - i_sn)
    print("type I, f²/(I − I_SN) near onset:", ", ".join(f"{x:.1f}" for x in k))

    up, down = hysteresis()
    print(f"type II: Hopf at {i_h:.2f} µA/cm² (subcritical)")
    print(f"  sweep up:   first firing at {SWEEP[up > 0][0]:g}, rate {up[up > 0][0]:.1f} Hz")
    print(f"  sweep down: last firing at {SWEEP[down > 0][0]:g}, rate {down[down > 0][0]:.1f} Hz")
    both = (up == 0) & (down > 0)
    print(f"  silent going up, firing coming down: {SWEEP[both][0]:g} to {SWEEP[both][-1]:g} µA/cm²")

    fig, axes = plt.subplots(1, 2, figsize=(7, 3.6), sharey=True)
    axes[0].plot(TYPE_I, rate_i, "o-", color="C4", markersize=4)
    axes[1].plot(SWEEP, up, "o-", color="C4", markersize=4, label="current rising")
    axes[1].plot(SWEEP, down, "s--", color="C2", markersize=4, label="current falling")
    for ax, i_c, name in ((axes[0], i_sn, "type I: saddle-node"), (axes[1], i_h, "type II: Hopf")):
        ax.axvline(i_c, color="C3", linestyle=":", linewidth=1.5,
                   label="bifurcation current" if ax is axes[1] else None)
        ax.set_title(f"{name} at {i_c:.1f}")
        ax.set_xlabel("current I (µA/cm²)")
    axes[0].set_ylabel("firing rate (Hz)")
    axes[0].set_ylim(bottom=0)
    fig.legend(*axes[1].get_legend_handles_labels(), loc="outside upper center", ncol=3)
    plt.show()
