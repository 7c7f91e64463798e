"""Neurons, synapses, units and parameters on one logarithmic axis.

Every bar comes from the table in data.py (printed at the end of the page); the
caption gives each source. The error bar is the range the source gives, where it
gives one, drawn in ink with caps. Each label gives the value in powers of ten.
"""

import matplotlib.pyplot as plt
import numpy as np
from data import COUNTS

order = ["neurons, TrueNorth chip", "units, AlexNet", "neurons, cerebral cortex", "neurons, human brain",
         "synapses, TrueNorth chip", "parameters, AlexNet", "parameters, GPT-3", "synapses, neocortex"]
rows = [next(c for c in COUNTS if c.name == name) for name in order]
# C2: cells and units (the soma/sum side); C1: synapses and weights.
colours = ["C2" if c.unit in ("cells", "units", "neurons") else "C1" for c in rows]

def powers_of_ten(value):
    """1.5e14 -> '1.5 × 10¹⁴', 1.75e11 -> '1.75 × 10¹¹' (mathtext), as a reader writes it."""
    exponent = int(np.floor(np.log10(value)))
    mantissa = value / 10 ** exponent
    return rf"${mantissa:.3g} \times 10^{{{exponent}}}$"  # 3 digits: GPT-3's 1.75


fig, ax = plt.subplots(figsize=(7, 4.4))
y = np.arange(len(rows))
ax.barh(y, [c.value for c in rows], color=colours, height=0.6)
ink = plt.rcParams["text.color"]  # the error bars in the text's ink: seen on every bar colour
for yi, c in zip(y, rows):
    if c.high > c.low:
        ax.errorbar(c.value, yi, xerr=[[c.value - c.low], [c.high - c.value]], color=ink,
                    capsize=7, capthick=1.6, linewidth=1.6)
labels = [f"{c.name}: {powers_of_ten(c.value)}" for c in rows]
ax.set_yticks(y, labels)
ax.set_xscale("log")
ax.set_xlim(1e5, 1e15)
ax.set_xlabel("count (log scale)")
ax.invert_yaxis()
plt.show()
