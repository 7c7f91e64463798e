"""Every constant on the spike-energy page, with its source (shown on the page).

Ranges are (low, high); a single number is both. Each measured number is a
copy of the site's register of quantities (includes/quantities.yml), named in
its "# register:" comment; a test checks that every copy equals the register.
`checked` is False where we could confirm the number only through another
paper's account of the source. Synapses per neuron divides two counts for the
same region, the neocortex.

Two energy bases: the free energy the spike's ATP releases (ATP basis), and the
glucose burnt to make that ATP (fuel basis, about 1.6 times more). The brain's
power of 13.5-16.5 W is on the fuel basis; a chip's picojoules are electrical
energy drawn.
"""

from typing import NamedTuple

AVOGADRO = 6.02214076e23          # per mol, exact by definition (SI, 2019)


class Constant(NamedTuple):
    name: str
    low: float
    high: float
    unit: str
    key: str
    checked: bool = True

    @property
    def mid(self):
        return (self.low + self.high) / 2


def point(name, value, unit, key, checked=True):
    return Constant(name, value, value, unit, key, checked)


# Attwell & Laughlin 2001, rodent grey matter, at a mean rate of 4 Hz.
# (The 2012 update, Howarth et al., revises these shares; see the page.)
ATP_PER_NEURON_4HZ = point("signalling ATP per neuron at 4 Hz", 3.29e9, "ATP/s", "attwell2001")  # register: signalling-atp-4hz
RATE_4HZ = point("mean firing rate assumed", 4.0, "Hz", "attwell2001")  # register: budget-rate
SHARES_PERCENT = {  # attwell2001, abstract
    "action potentials": 47,  # register: budget-share-ap
    "postsynaptic glutamate": 34,
    "resting potentials": 13,  # register: budget-share-resting
    "glutamate recycling": 3,
}
# Lennie 2003, human cortex.
ATP_PER_SPIKE_HUMAN = point("ATP per spike, human cortex", 2.4e9, "ATP", "lennie2003", checked=False)  # register: atp-per-spike-human
# Free energy released by hydrolysing one mole of ATP in a cell.
ATP_KJ_PER_MOL = Constant("ATP hydrolysis in cells", 50.0, 65.0, "kJ/mol", "nelson2017", checked=False)  # register: atp-free-energy
# Complete oxidation of one glucose makes 30 to 32 ATP (Nelson & Cox 2017, ch. 19) and
# releases its heat of combustion, 2,803 kJ/mol (the scale-and-energy page's oxygen check).
ATP_PER_GLUCOSE = Constant("ATP per glucose oxidised", 30.0, 32.0, "ATP", "nelson2017", checked=False)  # register: atp-per-glucose
GLUCOSE_KJ_PER_MOL = 2803.0       # kJ/mol, heat of combustion of glucose
# Horowitz 2014, a 45 nm process at 0.9 V (same values as scale_and_energy/data.py).
FP32_MULT = point("fp32 multiply", 3.7, "pJ", "horowitz2014")  # register: fp32-multiply-45nm
FP32_ADD = point("fp32 add", 0.9, "pJ", "horowitz2014")  # register: fp32-add-45nm
CACHE_READ = point("64-bit read, 8 KB cache", 10.0, "pJ", "horowitz2014")  # register: cache-read-45nm
DRAM_READ = Constant("64-bit read, DRAM", 1300.0, 2600.0, "pJ", "horowitz2014")  # register: dram-read-45nm
# Counts (same values as scale_and_energy/data.py). The whole cerebral cortex (for the
# power of its spikes) and the neocortex (for synapses per neuron) are different regions.
CORTICAL_NEURONS = point("neurons, cerebral cortex", 0.19 * 86.1e9, "cells", "azevedo2009")  # register: cortex-neurons
NEOCORTICAL_NEURONS = point("neurons, neocortex", 2.1e10, "cells", "pakkenberg1997")  # register: neocortex-neurons
NEOCORTICAL_SYNAPSES = point("synapses, neocortex", 0.15e15, "synapses", "pakkenberg2003")  # register: neocortex-synapses
# The brain's power as derived on the scale-and-energy page (attwell2001 + harris1918),
# over its two reference adults.
BRAIN_POWER = Constant("whole brain, derived", 13.5, 16.5, "W", "attwell2001")  # register: brain-power


def sci(x, digits=3):
    """Reader notation for printing: 7.16e8 -> '7.16 × 10⁸'; 0.01 to 10 000 stay plain."""
    if 0.01 <= abs(x) < 1e4:
        return f"{float(f'{x:.{digits}g}'):g}"
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    superscript = str(int(exponent)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{mantissa} × 10{superscript}"


def joules_per_atp(kj_per_mol):
    return kj_per_mol * 1e3 / AVOGADRO


def fuel_joules_per_atp(atp_per_glucose):
    """Glucose energy spent to make one ATP, for a given yield of ATP per glucose."""
    return GLUCOSE_KJ_PER_MOL * 1e3 / (atp_per_glucose * AVOGADRO)


def fuel_picojoules(atp):
    """(low, high) glucose energy in pJ burnt to make a number of ATP, over the yield range."""
    return tuple(atp * fuel_joules_per_atp(n) * 1e12 for n in (ATP_PER_GLUCOSE.high, ATP_PER_GLUCOSE.low))


def atp_per_spike_rodent():
    """Everything but the resting potential scales with spikes: (1 - 0.13) x 3.29e9 / 4 Hz."""
    return (1.0 - SHARES_PERCENT["resting potentials"] / 100) * ATP_PER_NEURON_4HZ.low / RATE_4HZ.low


def picojoules(atp):
    """(low, high) energy in pJ of a number of ATP molecules, over the ATP free-energy range."""
    return tuple(atp * joules_per_atp(k) * 1e12 for k in (ATP_KJ_PER_MOL.low, ATP_KJ_PER_MOL.high))


def mac_pj():
    return FP32_MULT.low + FP32_ADD.low


def synapses_per_neuron():
    """Neocortical synapses over neocortical neurons: one region for both counts."""
    return NEOCORTICAL_SYNAPSES.low / NEOCORTICAL_NEURONS.low


if __name__ == "__main__":
    constants = [ATP_PER_NEURON_4HZ, RATE_4HZ, ATP_PER_SPIKE_HUMAN, ATP_KJ_PER_MOL, ATP_PER_GLUCOSE, FP32_MULT, FP32_ADD,
                 CACHE_READ, DRAM_READ, CORTICAL_NEURONS, NEOCORTICAL_NEURONS, NEOCORTICAL_SYNAPSES,
                 BRAIN_POWER]
    for c in constants:
        value = sci(c.low) if c.low == c.high else f"{sci(c.low)}–{sci(c.high)}"
        print(f"{c.name[:33]:33s} {value:>12s} {c.unit:8s} {c.key}{'' if c.checked else ' *'}")
    print("* not checked in the source itself; see the page")
    print("shares of signalling energy (attwell2001):")
    for part, share in SHARES_PERCENT.items():
        print(f"    {part:24s} {share}%")
    low, high = (joules_per_atp(k) for k in (ATP_KJ_PER_MOL.low, ATP_KJ_PER_MOL.high))
    print(f"energy per ATP molecule: {sci(low, 2)} to {sci(high, 3)} J (ATP basis)")
    fuel = [fuel_joules_per_atp(n) for n in (ATP_PER_GLUCOSE.high, ATP_PER_GLUCOSE.low)]
    print(f"glucose burnt per ATP made: {sci(fuel[0])} to {sci(fuel[1])} J (fuel basis)")
