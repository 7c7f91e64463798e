"""Two kinds of excitability: the f-I curves of the Morris-Lecar model, type I and type II.

Each neuron starts at its resting state (nudged by 0.1 mV) and receives a
constant current; its rate is counted after the first 500 ms. The dashed lines
are the bifurcation currents found from the equations alone (morris_lecar.py).
Type I starts firing at the saddle-node current with a rate that rises from
zero like sqrt(I - I_SN); type II starts at the Hopf current with a rate of
about 11 Hz at once. A type II neuron that is already firing keeps firing a
little below the Hopf current (bistability), which the last lines print.
"""

import matplotlib.pyplot as plt
import numpy as np

from morris_lecar import SETS, bifurcation, rates, simulate, stacked, w_inf

TYPE_I = np.r_[30, 34, 37, 39, 39.5, 39.9, 40.1, 40.25, 40.5, 41, 42, 44, 47, 50, 55, 60, 65, 70, 75, 80]
TYPE_II = np.r_[75, 80, 85, 88, 90, 92, 93, 96, 97, 100, 105, 110, 115, 120, 130, 140, 150]
BISTABLE = np.r_[88, 89, 90, 92]


if __name__ == "__main__":
    p, currents = stacked([("type I", TYPE_I), ("type II", TYPE_II)])
    t, v = simulate(currents, p)
    rate = rates(t, v)
    rate_i, rate_ii = rate[:len(TYPE_I)], rate[len(TYPE_I):]
    _, i_sn, _ = bifurcation(SETS["type I"])
    _, i_h, _ = bifurcation(SETS["type II"])
    first_i = TYPE_I[rate_i > 0][0]
    first_ii = TYPE_II[rate_ii > 0][0]
    print(f"type I : saddle-node at {i_sn:.2f} uA/cm^2; first firing at {first_i:g}, "
          f"rate {rate_i[rate_i > 0][0]:.1f} Hz")
    print(f"type II: Hopf at {i_h:.2f} uA/cm^2; first firing at {first_ii:g}, "
          f"rate {rate_ii[rate_ii > 0][0]:.1f} Hz")
    # sqrt law near the saddle-node: f^2 / (I - I_SN) roughly constant
    near = (TYPE_I > i_sn) & (TYPE_I <= 42)
    k = rate_i[near] ** 2 / (TYPE_I[near] - i_sn)
    print("type I, f^2/(I - I_SN) near onset:", ", ".join(f"{x:.1f}" for x in k))

    # Started away from rest (V = -60 mV, w = w_inf(-60 mV)), as after a strong kick:
    p2, c2 = stacked([("type II", BISTABLE)])
    t2, v2 = simulate(c2, p2, start=(-60.0, w_inf(-60.0, SETS["type II"])))
    print("type II started away from rest:",
          ", ".join(f"{i:g}: {r:.1f} Hz" for i, r in zip(BISTABLE, rates(t2, v2))))

    fig, axes = plt.subplots(1, 2, figsize=(7, 3.6), sharey=True)
    for ax, grid, r, i_c, name, kind in ((axes[0], TYPE_I, rate_i, i_sn, "type I", "saddle-node"),
                                         (axes[1], TYPE_II, rate_ii, i_h, "type II", "Hopf")):
        silent = r == 0
        ax.plot(grid[silent], r[silent], "o-", color="C4", markersize=4)
        ax.plot(grid[~silent], r[~silent], "o-", color="C4", markersize=4)
        ax.axvline(i_c, color="C3", linestyle="--", linewidth=1.2,
                   label=f"{kind}\n{i_c:.1f} µA/cm²")
        ax.set_title(name)
        ax.set_xlabel("current I (µA/cm²)")
        ax.legend(loc="lower right")
    axes[0].set_ylabel("firing rate (Hz)")
    axes[0].set_ylim(bottom=0)
    plt.show()
