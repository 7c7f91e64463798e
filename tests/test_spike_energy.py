"""The numbers on the spike-energy page, recomputed from the cited constants.

Also checks that the constants shared with the scale-and-energy page have the same
values there, and that the register of quantities (which the page prints from) gives
the same numbers as the snippets compute.
"""

from __future__ import annotations

import re

import pytest

from nn_site.pages import quantities

from conftest import ROOT, load_snippet

REGISTER = quantities.load(ROOT)

costs = load_snippet("spike_energy/costs.py")
per_event = load_snippet("spike_energy/per_event.py")
budget = load_snippet("spike_energy/activity_budget.py")
scale_data = load_snippet("scale_and_energy/data.py")
brain_watts = load_snippet("scale_and_energy/brain_watts.py")


def test_shared_constants_agree_with_scale_and_energy():
    theirs = {c.name: c for c in scale_data.ALL}
    for mine in (costs.FP32_MULT, costs.FP32_ADD, costs.CACHE_READ, costs.CORTICAL_NEURONS,
                 costs.NEOCORTICAL_SYNAPSES):
        assert mine.low == theirs[mine.name].value and mine.key == theirs[mine.name].key
    dram = theirs["64-bit read, DRAM"]
    assert (costs.DRAM_READ.low, costs.DRAM_READ.high) == (dram.low, dram.high)
    assert costs.DRAM_READ.checked == dram.checked
    derived = [brain_watts.brain_watts(s, *a) for s, a in brain_watts.REFERENCE_ADULTS.items()]
    assert costs.BRAIN_POWER.low == pytest.approx(min(derived), abs=0.05)
    assert costs.BRAIN_POWER.high == pytest.approx(max(derived), abs=0.05)


def test_attwell_laughlin_shares_and_per_spike_atp():
    assert sum(costs.SHARES_PERCENT.values()) == 97      # the abstract's four shares
    assert costs.atp_per_spike_rodent() == pytest.approx(0.87 * 3.29e9 / 4)
    # The action potential alone: 47% of the budget at 4 Hz.
    assert 0.47 * 3.29e9 / 4 == pytest.approx(3.87e8, rel=2e-3)


def test_energy_ratios_recomputed_by_hand():
    j_low, j_high = 50e3 / 6.02214076e23, 65e3 / 6.02214076e23
    rodent = (0.87 * 3.29e9 / 4 * j_low * 1e12, 0.87 * 3.29e9 / 4 * j_high * 1e12)
    human = (2.4e9 * j_low * 1e12, 2.4e9 * j_high * 1e12)
    assert costs.picojoules(costs.atp_per_spike_rodent()) == pytest.approx(rodent)
    assert costs.picojoules(2.4e9) == pytest.approx(human)
    assert rodent == pytest.approx((59.4, 77.2), abs=0.1)
    assert human == pytest.approx((199, 259), abs=0.5)
    mac = 3.7 + 0.9
    assert costs.mac_pj() == pytest.approx(mac)
    assert (round(rodent[0] / mac), round(rodent[1] / mac)) == (13, 17)
    assert (round(human[0] / mac), round(human[1] / mac)) == (43, 56)
    # Issue 27: neocortical synapses over NEOCORTICAL neurons (2.1e10, the mean of the sexes'
    # means, Pakkenberg & Gundersen 1997), not over the whole cerebral cortex's 1.6e10 (which
    # gave 9,200 and 163 to 212), nor over 2e10 (one digit, which gave a falsely precise 7,500).
    synapses = 0.15e15 / 2.1e10
    assert costs.synapses_per_neuron() == pytest.approx(synapses)
    assert round(synapses, -2) == 7100
    assert (round(mac / (human[1] / synapses)), round(mac / (human[0] / synapses))) == (127, 165)


def test_fuel_basis_by_hand():
    """A spike's ATP counted as the glucose burnt to make it: 2,803 kJ/mol over 30-32 ATP."""
    fuel = [2803e3 / (n * 6.02214076e23) for n in (32, 30)]
    assert costs.fuel_picojoules(2.4e9) == pytest.approx(tuple(2.4e9 * j * 1e12 for j in fuel))
    assert costs.fuel_picojoules(2.4e9) == pytest.approx((349, 372), abs=0.5)
    assert REGISTER["spike-fuel-energy-human"]["range"] == pytest.approx(costs.fuel_picojoules(2.4e9))
    assert round(REGISTER["spike-fuel-energy-human"]["value"], -1) == 360
    assert round(REGISTER["macs-per-spike-fuel-human"]["value"]) == 78
    # the fuel basis is larger than the ATP basis by 2,803 / (31 x 57.5), about 1.6
    assert REGISTER["fuel-to-atp-ratio"]["value"] == pytest.approx(2803 / (31 * 57.5))


def test_register_gives_what_the_snippets_compute():
    def span(key):
        entry = REGISTER[key]
        return tuple(entry.get("range", [entry["value"]] * 2))
    human = costs.picojoules(costs.ATP_PER_SPIKE_HUMAN.low)
    assert span("spike-energy-human") == pytest.approx(human)
    assert span("spike-energy-rodent") == pytest.approx(costs.picojoules(costs.atp_per_spike_rodent()))
    assert REGISTER["atp-per-spike-rodent"]["value"] == pytest.approx(costs.atp_per_spike_rodent())
    assert REGISTER["mac-45nm"]["value"] == pytest.approx(costs.mac_pj())
    assert REGISTER["neocortex-synapses-per-neuron"]["value"] == pytest.approx(costs.synapses_per_neuron())
    assert span("synaptic-events-per-mac") == pytest.approx(
        tuple(costs.mac_pj() / (e / costs.synapses_per_neuron()) for e in reversed(human)))
    assert span("cortex-spike-power-1hz") == pytest.approx(
        tuple(budget.spike_power(1.0, n) for n in reversed(budget.YIELDS)), rel=1e-9)
    p, n = costs.BRAIN_POWER, budget.YIELDS
    assert span("brain-atp-supply") == pytest.approx((budget.atp_supply(p.low, n[0]), budget.atp_supply(p.high, n[1])))
    assert REGISTER["cortex-atp-1hz"]["value"] == pytest.approx(budget.atp_demand(1.0))
    assert span("cortex-spike-share-1hz") == pytest.approx(
        (100 * budget.share(1.0, p.high, n[1]), 100 * budget.share(1.0, p.low, n[0])))
    assert span("mean-rate-limit") == pytest.approx((budget.rate_limit(p.low, n[0]), budget.rate_limit(p.high, n[1])))


def test_rate_budget():
    """The brain's power is glucose oxidised: ATP supply = P / 2,803 kJ/mol x (30-32) x N_A,
    and the free energy of ATP appears nowhere (both sides counted in ATP)."""
    n = 0.19 * 86.1e9
    assert budget.atp_demand(1.0) == pytest.approx(n * 2.4e9)
    assert budget.atp_supply(15.0, 31) == pytest.approx(15.0 / 2803e3 * 31 * 6.02214076e23)
    lo = budget.rate_limit(costs.BRAIN_POWER.low, 30)
    hi = budget.rate_limit(costs.BRAIN_POWER.high, 32)
    assert (round(lo, 1), round(hi, 1)) == (2.2, 2.9)
    assert 0.35 < budget.share(1.0, 15.0, 31) < 0.45           # about 40%, not a quarter
    assert "ATP_KJ_PER_MOL" not in (ROOT / "snippets" / "spike_energy" / "activity_budget.py").read_text()


def test_page_numbers_match_the_computation():
    text = quantities.expand((ROOT / "docs" / "spike-energy.md").read_text(), "spike-energy.md", REGISTER)
    m = re.search(r"from\s+\*\*([0-9.]+) to ([0-9.]+)\s+Hz\*\*", text)
    assert m
    lo = budget.rate_limit(costs.BRAIN_POWER.low, 30)
    hi = budget.rate_limit(costs.BRAIN_POWER.high, 32)
    assert (float(m.group(1)), float(m.group(2))) == (round(lo, 1), round(hi, 1))
    # exercise 1: 0.16 Hz, at the middle of the ranges
    mid_power, mid_yield = costs.BRAIN_POWER.mid, costs.ATP_PER_GLUCOSE.mid
    ex = re.search(r"about\s+\*\*([0-9.]+)%\*\*", text)
    assert ex and float(ex.group(1)) == pytest.approx(round(100 * budget.share(0.16, mid_power, mid_yield), 1))
    w = re.search(r"or about ([0-9.]+) W of glucose", text)
    assert w and float(w.group(1)) == pytest.approx(round(budget.spike_power(0.16, mid_yield), 2))
