"""One neuron, two input-output curves: the adapting AdEx neuron's f-I curve at the
start of a step and after it has adapted.

For each step current the "initial" rate is 1 / (first interspike interval) and
the "adapted" rate is 1 / (mean of the last three intervals of a one-second step).
The dashed line is the rheobase computed from the equations (adex.py).
A unit in an artificial network has one fixed activation function; this neuron
has at least two, and which one applies depends on how long the input has lasted.
"""

import matplotlib.pyplot as plt
import numpy as np

from adex import rheobase, simulate

CURRENTS = np.arange(0.0, 1001.0, 50.0)       # pA


def initial_and_adapted_rates(currents, name="adapting", t_max=1000.0):
    """Rates (Hz) from the first interval and from the last five, for each current."""
    spikes = simulate([name] * len(currents), t_max=t_max, current=currents)
    first = np.array([1000 / np.diff(s)[0] if len(s) >= 3 else 0.0 for s in spikes])
    late = np.array([1000 / np.diff(s)[-3:].mean() if len(s) >= 3 else 0.0 for s in spikes])
    return first, late


if __name__ == "__main__":
    first, late = initial_and_adapted_rates(CURRENTS)
    print(f"rheobase from the equations: {rheobase('adapting'):.1f} pA")
    print("I (pA)  initial rate  adapted rate  ratio")
    for i in (300, 500, 1000):
        k = np.flatnonzero(CURRENTS == i)[0]
        print(f"{i:6d}  {first[k]:9.1f} Hz  {late[k]:9.1f} Hz  {first[k] / late[k]:5.1f}")
    onset = CURRENTS[np.flatnonzero(late > 0)[0]]
    print(f"repetitive firing from {onset:g} pA on this grid")

    fig, ax = plt.subplots()
    ax.plot(CURRENTS, first, "o-", color="C4", markersize=4, label="initial (first interval)")
    ax.plot(CURRENTS, late, "s-", color="C2", markersize=4, label="adapted (after 1 s)")
    ax.axvline(rheobase("adapting"), color="C3", linestyle="--", linewidth=1.2, label="rheobase")
    ax.set_xlabel("step current I (pA)")
    ax.set_ylabel("firing rate (Hz)")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2, ncol=2)
    plt.show()
