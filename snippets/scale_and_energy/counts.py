"""Neurons, synapses, units and parameters on one logarithmic axis.

Every bar comes from the table in data.py (shown above), with its source; the
error bar is the range the source gives, where it gives one. Each label gives the
value in powers of ten and its source as Author Year.
"""

import matplotlib.pyplot as plt
import numpy as np
from data import COUNTS

order = ["neurons, TrueNorth chip", "units, AlexNet", "neurons, cerebral cortex", "neurons, human brain",
         "synapses, TrueNorth chip", "parameters, AlexNet", "parameters, GPT-3", "synapses, neocortex"]
rows = [next(c for c in COUNTS if c.name == name) for name in order]
# C2: cells and units (the soma/sum side); C1: synapses and weights.
colours = ["C2" if c.unit in ("cells", "units", "neurons") else "C1" for c in rows]

SOURCES = {"azevedo2009": "Azevedo et al. 2009", "pakkenberg2003": "Pakkenberg et al. 2003",
           "brown2020": "Brown et al. 2020", "krizhevsky2012": "Krizhevsky et al. 2012",
           "merolla2014": "Merolla et al. 2014"}


def powers_of_ten(value):
    """1.5e14 -> '1.5 × 10¹⁴' (mathtext), as a reader writes it."""
    exponent = int(np.floor(np.log10(value)))
    mantissa = value / 10 ** exponent
    return rf"${mantissa:.2g} \times 10^{{{exponent}}}$"


fig, ax = plt.subplots(figsize=(7, 5.6))
y = np.arange(len(rows))
ax.barh(y, [c.value for c in rows], color=colours, height=0.6)
for yi, c in zip(y, rows):
    if c.high > c.low:
        ax.errorbar(c.value, yi, xerr=[[c.value - c.low], [c.high - c.value]], color="C6",
                    capsize=4, linewidth=1.5)
labels = [f"{c.name}: {powers_of_ten(c.value)}\n{SOURCES[c.key]}" for c in rows]
labels[-1] = labels[-1].replace("\n", " (whole brain: more)\n")
ax.set_yticks(y, labels)
ax.set_xscale("log")
ax.set_xlim(1e5, 1e15)
ax.set_xlabel("count (log scale)")
ax.invert_yaxis()
plt.show()
