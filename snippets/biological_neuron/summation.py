"""Temporal and spatial summation of postsynaptic potentials, up to threshold.

Each input adds a postsynaptic potential (PSP) to the membrane potential: a quick
rise and a slower decay back to rest. Here PSPs simply add (a passive, linear
membrane; real dendrites add them sub- or supralinearly), each excitatory PSP
peaks at +5 mV, rest is -70 mV and the threshold -55 mV. These are round,
illustrative values, not a fit to one cell. A trace stops where it first reaches
threshold: there the cell would fire an action potential, which this passive
model does not produce (see the Hodgkin-Huxley page for one that does).
"""

import matplotlib.pyplot as plt
import numpy as np

REST, THRESHOLD = -70.0, -55.0      # mV
TAU_RISE, TAU_DECAY = 1.0, 15.0     # ms
t = np.arange(0.0, 120.0, 0.05)    # ms


def psp(t, onset, peak):
    """One PSP starting at `onset` (ms), a difference of exponentials scaled to `peak` mV."""
    s = np.clip(t - onset, 0.0, None)
    shape = np.exp(-s / TAU_DECAY) - np.exp(-s / TAU_RISE)
    t_peak = np.log(TAU_DECAY / TAU_RISE) * TAU_RISE * TAU_DECAY / (TAU_DECAY - TAU_RISE)
    return peak * shape / (np.exp(-t_peak / TAU_DECAY) - np.exp(-t_peak / TAU_RISE))


def membrane_potential(t, inputs):
    """Rest plus the sum of the PSPs of all inputs, each a pair (onset in ms, peak in mV)."""
    return REST + sum((psp(t, onset, peak) for onset, peak in inputs), np.zeros_like(t))


def first_crossing(t, v, threshold=THRESHOLD):
    """The first time v reaches threshold, or None if it never does."""
    above = np.flatnonzero(v >= threshold)
    return t[above[0]] if above.size else None


EPSP, IPSP = 5.0, -6.0  # peak of one excitatory and one inhibitory PSP, mV
SCENARIOS = {
    "temporal": {
        "one synapse, 4 inputs 20 ms apart": [(10 + 20 * k, EPSP) for k in range(4)],
        "one synapse, 4 inputs 3 ms apart": [(90 + 3 * k, EPSP) for k in range(4)],
    },
    "spatial": {
        "4 excitatory + 1 inhibitory synapse": [(40, EPSP)] * 4 + [(40, IPSP)],
        "4 excitatory synapses": [(40, EPSP)] * 4,
    },
}

if __name__ == "__main__":
    fig, axes = plt.subplots(2, 1, figsize=(7, 6.6), sharex=True, sharey=True)
    for ax, (kind, cases) in zip(axes, SCENARIOS.items()):
        for (label, inputs), colour in zip(cases.items(), ["C6", "C2"]):
            v = membrane_potential(t, inputs)
            crossing = first_crossing(t, v)
            shown = t <= crossing if crossing is not None else np.ones_like(t, dtype=bool)
            ax.plot(t[shown], v[shown], color=colour, label=label)
            peak = v.max() if crossing is None else THRESHOLD
            verdict = f"threshold at {crossing:.1f} ms" if crossing is not None \
                else f"peak {peak:.1f} mV, no spike"
            print(f"{kind:8s} | {label:35s} | {verdict}")
            if crossing is not None:
                ax.plot(crossing, THRESHOLD, marker="*", markersize=15, color="C3", zorder=4)
                ax.annotate("threshold reached:\naction potential fires", (crossing, THRESHOLD),
                            xytext=(12, -49), color="C3", va="center", ha="left",
                            arrowprops=dict(arrowstyle="-", color="C3", linewidth=0.8))
            for onset, amplitude in inputs:  # a tick per input, below the traces
                low = -72.9 if amplitude > 0 else -74.4
                ax.plot([onset, onset], [low, low + 1.0], color="C1" if amplitude > 0 else "C5",
                        linewidth=2)
        ax.axhline(THRESHOLD, color="C3", linestyle="--", linewidth=1)
        ax.axhline(REST, color="C6", linestyle=":", linewidth=1)
        ax.set_title(f"{kind} summation")
        ax.set_ylim(-75, -46)
        ax.set_ylabel("soma (mV)")
    axes[1].plot([], [], "|", color="C1", markersize=10, markeredgewidth=2, label="excitatory input")
    axes[1].plot([], [], "|", color="C5", markersize=10, markeredgewidth=2, label="inhibitory input")
    axes[0].legend(loc="lower right", bbox_to_anchor=(1, 1), borderaxespad=0.2)
    axes[1].legend(loc="lower right", bbox_to_anchor=(1, 1), borderaxespad=0.2)
    axes[1].set_xlabel("time (ms)")
    axes[0].text(2, THRESHOLD - 0.6, "threshold", color="C3", ha="left", va="top")
    axes[0].text(119, REST - 0.5, "rest", color="C6", ha="right", va="top")
    plt.show()
