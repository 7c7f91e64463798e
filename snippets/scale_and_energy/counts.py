"""Neurons, synapses, units and parameters on one logarithmic axis.

Every bar comes from the table in data.py (shown above), with its source; the
error bar is the range the source gives, where it gives one.
"""

import matplotlib.pyplot as plt
import numpy as np
from data import COUNTS

order = ["neurons, TrueNorth chip", "units, AlexNet", "neurons, cerebral cortex", "neurons, human brain",
         "synapses, TrueNorth chip", "parameters, AlexNet", "parameters, GPT-3", "synapses, neocortex"]
rows = [next(c for c in COUNTS if c.name == name) for name in order]
# C2: cells and units (the soma/sum side); C1: synapses and weights.
colours = ["C2" if c.unit in ("cells", "units", "neurons") else "C1" for c in rows]

fig, ax = plt.subplots(figsize=(7.5, 4.6))
y = np.arange(len(rows))
ax.barh(y, [c.value for c in rows], color=colours, height=0.6)
for yi, c in zip(y, rows):
    if c.high > c.low:
        ax.errorbar(c.value, yi, xerr=[[c.value - c.low], [c.high - c.value]], color="C6",
                    capsize=4, linewidth=1.5)
    ax.text(c.value * 1.6, yi, f"{c.value:.3g}  [{c.key}]", va="center", fontsize="small")
labels = [c.name for c in rows]
labels[-1] += "\n(whole brain: more; not counted)"
ax.set_yticks(y, labels)
ax.set_xscale("log")
ax.set_xlim(1e5, 1e20)
ax.set_xlabel("count (log scale)")
ax.invert_yaxis()
fig.tight_layout()
plt.show()
