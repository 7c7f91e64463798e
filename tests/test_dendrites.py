"""Physics of the dendrite snippets: the compartmental cable against the closed form of a
finite sealed cable and against Brian2's SpatialNeuron; attenuation, delay, linearity and
reciprocity of a passive dendrite; and the numbers the page quotes."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import ROOT, load_snippet
from helpers import check_built_page, number_with_unit_on

cable = load_snippet("dendrites/cable.py")
epsp = load_snippet("dendrites/epsp.py")
PAGE = (ROOT / "docs" / "dendrites.md").read_text(encoding="utf-8")


def on_page(number: str, unit: str = "") -> bool:
    return number_with_unit_on(PAGE, number, unit)


def test_length_and_time_constant_from_parameters():
    assert cable.LAMBDA == pytest.approx(np.sqrt(cable.D * cable.R_M / (4 * cable.R_I)))
    assert cable.LAMBDA == pytest.approx(1e-3)           # 1 mm, as the page computes by hand
    assert cable.TAU == pytest.approx(10e-3)
    # The page's table, in the units it uses: 4 um, 10^4 ohm cm^2, 100 ohm cm, 1 uF/cm^2.
    assert (cable.D * 1e6, cable.R_M * 1e4, cable.R_I * 100, cable.C_M * 100) == pytest.approx((4, 1e4, 100, 1))


def test_closed_form_solves_the_cable_equation_with_its_boundary_conditions():
    """Independent of the formula: V'' = V / lambda^2, V'(L) = 0 (sealed), and the axial
    current at x = 0, -(pi d^2 / 4 R_i) V'(0), equals the injected current."""
    h = 1e-7
    x = np.linspace(0.1e-3, 0.9e-3, 9)
    v = cable.closed_form
    second = (v(x + h) - 2 * v(x) + v(x - h)) / h**2
    assert second == pytest.approx(v(x) / cable.LAMBDA**2, rel=1e-4)
    slope_scale = v(0.0) / cable.LAMBDA                       # V/m
    assert (v(cable.L + h) - v(cable.L - h)) / (2 * h) == pytest.approx(0.0, abs=1e-6 * slope_scale)
    axial = -(np.pi * cable.D**2 / (4 * cable.R_I)) * (v(h) - v(-h)) / (2 * h)
    assert axial == pytest.approx(cable.I0, rel=1e-6)


@pytest.mark.parametrize("length", [0.5e-3, 1e-3, 2e-3])
def test_compartments_converge_to_closed_form_at_second_order(length):
    errors = np.array([cable.max_error(n, length) for n in (10, 20, 40, 80)])
    assert errors[-1] < 1e-3                                # mV
    ratios = errors[:-1] / errors[1:]
    assert np.all((ratios > 3.5) & (ratios < 4.5)), ratios  # error ~ 1/N^2


def test_input_resistance_and_end_ratios_quoted_on_page():
    r_in = cable.R_INF / np.tanh(cable.L / cable.LAMBDA)
    assert on_page(f"{r_in / 1e6:.1f}", "MΩ")                   # 104.5 MOhm
    assert on_page(f"{cable.R_INF / 1e6:.1f}")               # 79.6 MOhm (exercise 2)
    assert on_page(f"{cable.closed_form(0.0) * 1e3:.2f}", "mV")  # 10.45 mV
    assert on_page(f"{cable.I0 * cable.R_INF * 1e3:.2f}", "mV")  # 7.96 mV
    assert on_page(f"{1 / np.cosh(1):.3f}")                   # 0.648
    assert cable.max_error(20) < 1e-3 and "below 10⁻³ mV" in PAGE
    # Exercise 1: a 1-um dendrite has half the length constant.
    thin = np.sqrt(1e-6 * cable.R_M / (4 * cable.R_I))
    assert thin == pytest.approx(0.5e-3) and on_page("0.5", "mm")


@pytest.mark.slow  # a Brian2 cross-check (Brian2 generates code for each model): in `make test`, not `make quick`
def test_brian2_spatial_neuron_agrees_with_compartments_and_closed_form():
    import brian2 as b2

    b2.prefs.codegen.target = "numpy"
    b2.start_scope()
    b2.defaultclock.dt = 0.1 * b2.ms
    n = 40
    morphology = b2.Cylinder(diameter=cable.D * b2.meter, length=cable.L * b2.meter, n=n)
    namespace = {"g_L": 1 / (cable.R_M * b2.ohm * b2.meter**2), "E_L": 0 * b2.mV}
    neuron = b2.SpatialNeuron(
        morphology=morphology,
        model="Im = g_L * (E_L - v) : amp/meter**2\nI : amp (point current)",
        Cm=cable.C_M * b2.farad / b2.meter**2, Ri=cable.R_I * b2.ohm * b2.meter,
        method="exponential_euler", namespace=namespace,
    )
    neuron.v = 0 * b2.mV
    neuron.I[0] = cable.I0 * b2.amp
    b2.run(150 * b2.ms, namespace=namespace)                # 15 membrane time constants
    x = np.asarray(neuron.distance / b2.meter)
    v = np.asarray(neuron.v / b2.volt)
    centres, ours = cable.steady_state(n)
    assert x == pytest.approx(centres)                      # compartment midpoints
    assert np.max(np.abs(v - ours)) * 1e3 < 1e-4            # mV
    assert np.max(np.abs(v - cable.closed_form(x))) * 1e3 < 1e-3


@pytest.fixture(scope="module")
def responses():
    sites = epsp.site_index(epsp.SITES_UM)
    t, v = epsp.responses(sites)
    return sites, t, v


def test_attenuation_and_delay_grow_with_distance(responses):
    sites, t, v = responses
    soma = v[:, 0, :]
    peaks = soma.max(axis=0)
    delays = t[soma.argmax(axis=0)]
    assert np.all(np.diff(peaks) < 0)
    assert np.all(np.diff(delays) > 0)
    # A transient is attenuated more than a steady current (low-pass cable).
    assert peaks[-1] / peaks[0] < 1 / np.cosh(cable.L / cable.LAMBDA)
    # The numbers the page quotes.
    for value in (peaks[0], peaks[-1]):
        assert on_page(f"{value * 1e3:.2f}", "mV")
    assert on_page(f"{peaks[-1] / peaks[0]:.2f}")
    for value in ((delays[0] - epsp.TAU_SYN) * 1e3, (delays[-1] - epsp.TAU_SYN) * 1e3):
        assert on_page(f"{value:.2f}", "ms")


def test_reciprocity_of_a_passive_cable(responses):
    """Voltage at the soma for input at x equals voltage at x for input at the soma."""
    sites, t, v = responses
    from_soma = v[:, :, 0]                                  # input at compartment 0
    for j, site in enumerate(sites):
        assert v[:, 0, j] == pytest.approx(from_soma[:, site], rel=1e-9, abs=1e-15)


def test_superposition_of_two_inputs():
    sites = epsp.site_index([200, 800])
    _, single = epsp.responses(sites)
    _, capacitance, G = cable.compartments(epsp.N)
    step = np.linalg.inv(np.diag(capacitance / epsp.DT) + G)
    t = np.arange(0, epsp.T_MAX + epsp.DT / 2, epsp.DT)
    v = np.zeros(epsp.N)
    both = [v]
    for k in range(1, len(t)):
        inject = np.zeros(epsp.N)
        inject[sites] = epsp.synaptic_current(t[k])
        v = step @ (capacitance / epsp.DT * v + inject)
        both.append(v)
    both = np.array(both)
    assert both[:, 0] == pytest.approx(single[:, 0, 0] + single[:, 0, 1], rel=1e-9, abs=1e-15)


def test_built_page_has_figures_exercises_and_references(site):
    check_built_page(site, "dendrites")


def test_rall_three_halves_rule_matches_input_conductances():
    """The semi-infinite cable's input conductance grows as d^(3/2) (the page's formula equals
    1 / R_inf of cable.py), so daughters obeying the 3/2 rule load the parent exactly."""
    def g_inf(d):
        lam = np.sqrt(d * cable.R_M / (4 * cable.R_I))
        return np.pi * d**2 / (4 * cable.R_I * lam)
    assert g_inf(cable.D) == pytest.approx(1 / cable.R_INF, rel=1e-12)
    assert g_inf(cable.D) == pytest.approx(np.pi * cable.D**1.5 / (2 * np.sqrt(cable.R_M * cable.R_I)))
    daughter = cable.D / 2 ** (2 / 3)
    assert 2 * g_inf(daughter) == pytest.approx(g_inf(cable.D), rel=1e-12)
    assert 2 * g_inf(1.1 * daughter) > 1.1 * g_inf(cable.D)   # thicker daughters load it more
