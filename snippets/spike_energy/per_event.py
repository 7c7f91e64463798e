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
from matplotlib.patches import Patch
from costs import (ATP_PER_SPIKE_HUMAN, CACHE_READ, DRAM_READ, atp_per_spike_rodent, fuel_picojoules,
                   mac_pj, picojoules, sci, synapses_per_neuron)

rodent = picojoules(atp_per_spike_rodent())
human = picojoules(ATP_PER_SPIKE_HUMAN.low)
human_fuel = fuel_picojoules(ATP_PER_SPIKE_HUMAN.low)
per_synapse = tuple(e / synapses_per_neuron() for e in human)
# One colour per kind of cost, none of the neuron drawings' part colours for the chip:
# the neuron's bars in the orange of Figure 2's spikes, the chip's in sky blue.
GROUPS = {"neuron": ("C4", "neuron (ATP or glucose)"), "chip": ("C5", "chip, 45 nm (electrical)")}
ROWS = [  # name, low, high, group, checked
    ("spike, rodent (ATP)", *rodent, "neuron", True),
    ("spike, human (ATP)", *human, "neuron", True),
    ("spike, human (glucose)", *human_fuel, "neuron", True),
    ("per synapse, human (ATP)", *per_synapse, "neuron", True),
    ("fp32 MAC", mac_pj(), mac_pj(), "chip", True),
    ("64-bit cache read", CACHE_READ.low, CACHE_READ.high, "chip", True),
    ("64-bit DRAM read", DRAM_READ.low, DRAM_READ.high, "chip", DRAM_READ.checked),
]
X_RANGE = (1e-3, 1e4)  # pJ: every bar and its range, one tick per decade
# A value goes inside its bar, before the bar's low end, when the bar is at least this
# many decades long (room for it at 390 px too); a shorter bar's value goes after it.
INSIDE_DECADES = 3.0

def short(x):
    """Two significant digits in plain notation: 199 -> 200, 0.0217 -> 0.022."""
    return f"{float(f'{x:.2g}'):g}"


if __name__ == "__main__":
    print(f"ATP per spike, rodent: (1 - 0.13) × 3.29 × 10⁹ / 4 = {sci(atp_per_spike_rodent())}")
    print(f"synapses per neocortical neuron: {synapses_per_neuron():.0f}")
    for name, lo, hi, *_ in ROWS:
        print(f"{name:26s} {short(lo):>7s} – {short(hi)} pJ" if hi > lo else f"{name:26s} {short(lo):>7s} pJ")
    print(f"one spike = {rodent[0] / mac_pj():.0f}–{rodent[1] / mac_pj():.0f} MACs (rodent), "
          f"{human[0] / mac_pj():.0f}–{human[1] / mac_pj():.0f} MACs (human), ATP basis")
    print(f"as glucose: one human spike = {human_fuel[0]:.0f}–{human_fuel[1]:.0f} pJ = "
          f"{human_fuel[0] / mac_pj():.0f}–{human_fuel[1] / mac_pj():.0f} MACs")
    print(f"one DRAM read = {DRAM_READ.low / human[1]:.1f}–{DRAM_READ.high / human[0]:.1f} human spikes")
    print(f"one MAC = {mac_pj() / per_synapse[1]:.0f}–{mac_pj() / per_synapse[0]:.0f} synaptic events")

    fig, ax = plt.subplots(figsize=(7, 4.3), layout="constrained")
    fig.get_layout_engine().set(w_pad=9 / 72)  # 12 CSS px between the texts and the figure's sides
    y = np.arange(len(ROWS))
    for yi, (name, lo, hi, group, checked) in zip(y, ROWS):
        mid = np.sqrt(lo * hi)
        ax.barh(yi, mid, color=GROUPS[group][0], height=0.6, hatch=None if checked else "//")
        if hi > lo:
            ax.errorbar(mid, yi, xerr=[[mid - lo], [hi - mid]], color="#1f2328", capsize=4, linewidth=1.2)
        label = f"{short(lo)}–{short(hi)} pJ" if hi > lo else f"{short(lo)} pJ"
        # Offsets in points keep the same gap from the error bar's cap at every width.
        if np.log10(lo / X_RANGE[0]) >= INSIDE_DECADES:  # dark text, dark on the dark copy's lighter bar too
            ax.annotate(label, (lo, yi), xytext=(-6, 0), textcoords="offset points", ha="right", va="center",
                        color="#0d1117")
        else:
            ax.annotate(label, (hi, yi), xytext=(6, 0), textcoords="offset points", ha="left", va="center")
    ax.set_yticks(y, [r[0] + ("" if r[4] else "\n(unchecked)") for r in ROWS])
    ax.set_xscale("log")
    ax.set_xlim(*X_RANGE)
    ax.set_xticks([10.0**k for k in range(-3, 5)])
    ax.set_xlabel("energy per event (pJ)")  # the ticks show the log scale; shorter fits a phone
    ax.invert_yaxis()
    handles = [Patch(color=colour, label=label) for colour, label in GROUPS.values()]
    fig.legend(handles=handles, loc="outside upper center", ncol=2)
    plt.show()
