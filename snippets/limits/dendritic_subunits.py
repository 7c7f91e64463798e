"""Where a synapse sits matters: a point neuron vs a neuron with dendritic
subunits.

A point neuron adds its inputs: n active synapses of weight 1 give a drive of
n, wherever they are. In the two-layer abstraction of a pyramidal cell
(Poirazi, Brannon & Mel 2003), synapses first drive separate sigmoidal branch
subunits whose outputs are then summed at the soma. The same number of active
synapses then gives a different drive when they are clustered on one branch
than when they are spread over many. The subunit threshold and slope here are
illustrative, not fitted to a cell.
"""

import matplotlib.pyplot as plt
import numpy as np

N_BRANCHES = 10
THETA = 4.0   # active synapses at which a branch is half-activated
SLOPE = 0.8   # width of the branch sigmoid, in synapses
GAIN = 6.0    # somatic drive from one fully active branch


def branch(s):
    """Sigmoidal branch nonlinearity, shifted so that a silent branch gives 0."""
    return GAIN * (1 / (1 + np.exp(-(s - THETA) / SLOPE)) - 1 / (1 + np.exp(THETA / SLOPE)))


def point_neuron(per_branch):
    """Linear sum: only the total number of active synapses counts."""
    return float(np.sum(per_branch))


def two_layer_neuron(per_branch):
    """Branch subunits first, then the sum at the soma."""
    return float(np.sum(branch(np.asarray(per_branch, dtype=float))))


def clustered(n):
    """All n active synapses on the first branch."""
    x = np.zeros(N_BRANCHES)
    x[0] = n
    return x


def dispersed(n):
    """n active synapses spread as evenly as possible over all branches."""
    return np.array([n // N_BRANCHES + (i < n % N_BRANCHES) for i in range(N_BRANCHES)], float)


if __name__ == "__main__":
    ns = np.arange(0, 21)
    rows = {name: ([point_neuron(f(n)) for n in ns], [two_layer_neuron(f(n)) for n in ns])
            for name, f in (("clustered", clustered), ("dispersed", dispersed))}
    for n in (4, 8):
        print(f"{n} active synapses: point neuron {point_neuron(clustered(n)):.1f} (either way); "
              f"two-layer neuron\n    {two_layer_neuron(clustered(n)):.2f} clustered, "
              f"{two_layer_neuron(dispersed(n)):.2f} dispersed")

    fig, ax = plt.subplots(figsize=(6.5, 4))
    ax.plot(ns, rows["clustered"][0], color="C2", linewidth=2,
            label="point neuron (clustered = dispersed)")
    ax.plot(ns, rows["clustered"][1], "o-", color="C0", label="two-layer neuron, clustered on one branch")
    ax.plot(ns, rows["dispersed"][1], "s--", color="C3", label="two-layer neuron, spread over 10 branches")
    ax.set_xlabel("number of active synapses")
    ax.set_ylabel("drive at the soma (arbitrary units)")
    ax.set_xlim(0, 20)
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left")
    plt.show()
