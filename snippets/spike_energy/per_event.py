"""A spike, a synaptic event, a multiply-accumulate and a memory access, in picojoules.

ATP counts per spike come from the energy budgets (Attwell & Laughlin 2001 for
rodent cortex, Lennie 2003 for human cortex); an ATP molecule releases 50-65 kJ per
mole in a cell, which sets the range of each bar. A "synaptic event" divides the
human spike's cost by the synapses per neocortical neuron (neocortical synapses over
neocortical neurons, both counts for the same region); it is an average of
everything a spike sets off, not a measured cost of one synapse. The silicon bars
are Horowitz's 45 nm values (a multiply-accumulate is an fp32 multiply plus an
fp32 add), and the DRAM bar spans the range that table gives per 64-bit access.

The energy bases differ: a spike's bars are the free energy its ATP releases
(ATP basis), except the one marked "glucose", the fuel burnt to make that ATP
(2,803 kJ per mole of glucose over 30-32 ATP per glucose); the chip's bars are
electrical energy drawn.
"""

import matplotlib.pyplot as plt
import numpy as np
from costs import (ATP_PER_SPIKE_HUMAN, CACHE_READ, DRAM_READ, atp_per_spike_rodent, fuel_picojoules,
                   mac_pj, picojoules, sci, synapses_per_neuron)

rodent = picojoules(atp_per_spike_rodent())
human = picojoules(ATP_PER_SPIKE_HUMAN.low)
human_fuel = fuel_picojoules(ATP_PER_SPIKE_HUMAN.low)
per_synapse = tuple(e / synapses_per_neuron() for e in human)
ROWS = [  # name, low, high, colour, checked
    ("spike, rodent (ATP)", *rodent, "C4", True),
    ("spike, human (ATP)", *human, "C4", True),
    ("spike, human (glucose)", *human_fuel, "C4", True),
    ("per synapse, human (ATP)", *per_synapse, "C1", True),
    ("fp32 MAC, 45 nm (electrical)", mac_pj(), mac_pj(), "C2", True),
    ("64-bit cache read", CACHE_READ.low, CACHE_READ.high, "C1", True),
    ("64-bit DRAM read", DRAM_READ.low, DRAM_READ.high, "C1", DRAM_READ.checked),
]

def short(x):
    """Two significant digits in plain notation: 199 -> 200, 0.0217 -> 0.022."""
    return f"{float(f'{x:.2g}'):g}"


if __name__ == "__main__":
    print(f"ATP per spike, rodent: (1 - 0.13) × 3.29 × 10⁹ / 4 = {sci(atp_per_spike_rodent())}")
    print(f"synapses per neocortical neuron: {synapses_per_neuron():.0f}")
    for name, lo, hi, *_ in ROWS:
        print(f"{name:26s} {short(lo):>7s} – {short(hi)} pJ" if hi > lo else f"{name:26s} {short(lo):>7s} pJ")
    print(f"one spike = {rodent[0] / mac_pj():.0f}-{rodent[1] / mac_pj():.0f} MACs (rodent), "
          f"{human[0] / mac_pj():.0f}-{human[1] / mac_pj():.0f} MACs (human), ATP basis")
    print(f"as glucose: one human spike = {human_fuel[0]:.0f}-{human_fuel[1]:.0f} pJ = "
          f"{human_fuel[0] / mac_pj():.0f}-{human_fuel[1] / mac_pj():.0f} MACs")
    print(f"one DRAM read = {DRAM_READ.low / human[1]:.1f}-{DRAM_READ.high / human[0]:.1f} human spikes")
    print(f"one MAC = {mac_pj() / per_synapse[1]:.0f}-{mac_pj() / per_synapse[0]:.0f} synaptic events")

    fig, ax = plt.subplots(figsize=(7, 4.0))
    y = np.arange(len(ROWS))
    for yi, (name, lo, hi, colour, checked) in zip(y, ROWS):
        mid = np.sqrt(lo * hi)
        ax.barh(yi, mid, color=colour, height=0.6, hatch=None if checked else "//")
        if hi > lo:
            ax.errorbar(mid, yi, xerr=[[mid - lo], [hi - mid]], color="C6", capsize=4)
        label = f"{short(lo)}–{short(hi)} pJ" if hi > lo else f"{short(lo)} pJ"
        ax.text(hi * 1.6, yi, label, va="center")
    ax.set_yticks(y, [r[0] + ("" if r[4] else "\n(unchecked)") for r in ROWS])
    ax.set_xscale("log")
    ax.set_xlim(1e-3, 1e6)
    ax.set_xlabel("energy per event (pJ, log scale)")
    ax.invert_yaxis()
    plt.show()
