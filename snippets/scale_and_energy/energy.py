"""Power and energy per operation, on logarithmic axes.

Top: watts. The brain's total is derived in brain_watts.py (a range over the
two reference adults); the cortical split is Levy & Calvert's audit; the chip
is IBM's TrueNorth. Bottom: energy per operation in a 45 nm process (Horowitz
2014); the DRAM bar is a range. The script prints how many times an arithmetic
operation a 64-bit DRAM read costs, at both ends of that range.
"""

import matplotlib.pyplot as plt
import numpy as np
from brain_watts import REFERENCE_ADULTS, brain_watts
from data import ENERGY_PER_OP, POWER

ops = {c.name: c for c in ENERGY_PER_OP}
dram = ops["64-bit read, DRAM"]
for op in ("fp32 multiply", "fp32 add"):
    print(f"64-bit DRAM read / {op}: {dram.low / ops[op].value:.0f} to {dram.high / ops[op].value:.0f} times")

derived = [brain_watts(sex, *adult) for sex, adult in REFERENCE_ADULTS.items()]
power_rows = [("whole brain, derived", np.mean(derived), min(derived), max(derived), "attwell2001 + harris1918")]
for c in POWER[1:]:
    power_rows.append((c.name, c.value, c.low, c.high, c.key))

fig, (left, right) = plt.subplots(2, 1, figsize=(7, 6.4), gridspec_kw={"height_ratios": [4, 6]})
y = np.arange(len(power_rows))
ink = plt.rcParams["text.color"]  # error bars in the text's ink, with caps: seen on every bar colour
left.barh(y, [r[1] for r in power_rows], color=["C0", "C0", "C0", "C4"], height=0.6)
for yi, (name, v, lo, hi, key) in zip(y, power_rows):
    if hi > lo:
        left.errorbar(v, yi, xerr=[[v - lo], [hi - v]], color=ink, capsize=7, capthick=1.6, linewidth=1.6)
    left.text(v * 1.5 if hi == lo else hi * 2.2, yi, f"{v:.2g} W", va="center")
left.set_yticks(y, [r[0] for r in power_rows])
left.set_xscale("log")
left.set_xlim(1e-2, 1e4)
left.set_xlabel("power (W, log scale)")
left.invert_yaxis()

y2 = np.arange(len(ENERGY_PER_OP))
right.barh(y2, [c.value for c in ENERGY_PER_OP],
           color=["C2" if "read" not in c.name else "C1" for c in ENERGY_PER_OP],
           hatch=[None if c.checked else "//" for c in ENERGY_PER_OP], height=0.6)
for yi, c in zip(y2, ENERGY_PER_OP):
    if c.high > c.low:
        right.errorbar(c.value, yi, xerr=[[c.value - c.low], [c.high - c.value]], color=ink,
                       capsize=7, capthick=1.6, linewidth=1.6)
    right.text(c.high * (2.2 if c.high > c.low else 1.5), yi, f"{c.value:g} pJ" + ("" if c.checked else " (unchecked)"),
               va="center")
right.set_yticks(y2, [c.name for c in ENERGY_PER_OP])
right.set_xscale("log")
right.set_xlim(1e-2, 1e8)
right.set_xlabel("energy per operation, 45 nm (pJ, log scale)")
right.invert_yaxis()
plt.show()
