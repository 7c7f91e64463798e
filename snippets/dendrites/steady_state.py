"""Steady state of a passive dendrite: compartments against the cable equation.

A constant current of 0.1 nA is injected at the soma end (x = 0) of sealed
dendrites 0.5, 1 and 2 mm long with a length constant of 1 mm. Left: the voltage
along each cable, relative to its value at x = 0; dots are a 20-compartment
simulation, lines the closed form cosh((L - x)/lambda) / cosh(L/lambda), and the
dashed line the infinitely long cable, exp(-x/lambda). Right: the largest
difference between compartments and closed form shrinks as 1/N^2.
"""

import matplotlib.pyplot as plt
import numpy as np

from cable import LAMBDA, closed_form, max_error, steady_state

LENGTHS = (0.5e-3, 1e-3, 2e-3)     # m
COUNTS = np.array([5, 10, 20, 40, 80, 160])

if __name__ == "__main__":
    fig, (ax_v, ax_e) = plt.subplots(1, 2, figsize=(7, 3.6), width_ratios=(1.4, 1))
    x = np.linspace(0, 2e-3, 400)
    ax_v.plot(x * 1e3, np.exp(-x / LAMBDA), "--", color="C6", linewidth=1.5,
              label="infinite cable")
    for colour, length in zip(("C0", "C2", "C4"), LENGTHS):
        xs = np.linspace(0, length, 200)
        exact = closed_form(xs, length)
        ax_v.plot(xs * 1e3, exact / exact[0], color=colour, label=f"L = {length * 1e3:g} mm")
        centres, v = steady_state(20, length)
        ax_v.plot(centres * 1e3, v / closed_form(0.0, length), "o", color=colour, markersize=3.5)
        at_centres = closed_form(centres, length)
        print(f"L = {length * 1e3:3.1f} mm: V(L)/V(0) = {exact[-1] / exact[0]:.3f}; last compartment "
              f"{v[-1] * 1e3:.3f} mV vs closed form {at_centres[-1] * 1e3:.3f} mV at its centre")
    ax_v.set_xlabel("distance from the injection site x (mm)")
    ax_v.set_ylabel(r"$V(x)\,/\,V(0)$")
    ax_v.set_ylim(0, 1.05)
    ax_v.legend(loc="lower left")

    errors = np.array([max_error(n) for n in COUNTS])
    ax_e.loglog(COUNTS, errors, "o-", color="C2", label="largest error")
    ax_e.loglog(COUNTS, 4 * errors[0] * (COUNTS[0] / COUNTS) ** 2, ":", color="C6",
                label=r"slope of $1/N^2$")
    ax_e.set_xlabel("compartments N")
    ax_e.set_ylabel("error (mV)")
    ax_e.legend(loc="lower left")
    plt.show()
