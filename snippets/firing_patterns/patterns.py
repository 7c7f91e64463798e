"""Five firing patterns from one model: the AdEx neuron with Naud et al.'s (2008) parameters.

Each row is the same two equations with a different parameter set and step
current (adex.py), started from rest at t = 0. Only the first 400 ms of the
one-second simulation are drawn; the printed table is for the whole second.
"""

import matplotlib.pyplot as plt
import numpy as np

from adex import PATTERNS, adaptation_ratio, classify, simulate

if __name__ == "__main__":
    names = list(PATTERNS)
    spikes, t, v = simulate(names, keep_trace=True)
    print("                     interval (ms)")
    print("pattern        spikes  first   last  last/first")
    for name, s in zip(names, spikes):
        isi = np.diff(s)
        print(f"{name:13s}  {len(s):6d}  {isi[0]:5.1f}  {isi[-1]:5.1f}  {adaptation_ratio(s):10.2f}")
    named = sum(classify(s) == name for name, s in zip(names, spikes))
    print(f"classified as the pattern named: {named} of {len(names)}")

    fig, axes = plt.subplots(len(names), 1, figsize=(7, 7.5), sharex=True)
    shown = t <= 400
    for ax, name, trace in zip(axes, names, v.T):
        ax.plot(t[shown], trace[shown], color="C4", linewidth=1)
        ax.set_title(f"{name} ({PATTERNS[name][-1]} pA)", loc="left")
        ax.set_ylim(-75, 5)
        ax.set_yticks([-60, -30, 0])
    axes[len(names) // 2].set_ylabel("membrane potential V (mV)")
    axes[-1].set_xlabel("time since the current step (ms)")
    plt.show()
