"""Physics of the leaky integrate-and-fire snippets, and a cross-check against Brian2.

The page's claims: rheobase (V_th - E_L)/R = 2 nA; no spikes at or below it; the
simulated rate matches the closed form f = 1/(t_ref + tau ln((RI - (V_reset - E_L)) /
(RI - (V_th - E_L)))) within what the time step allows; the rate tends to 1/t_ref.
"""

from __future__ import annotations

import numpy as np
import pytest
from test_engine import page_text

from conftest import load_snippet

lif = load_snippet("integrate_and_fire/lif.py")


def steady_isis(currents, t_max=1000.0):
    """Interspike intervals after the first (which starts from rest, not from reset)."""
    return [np.diff(s[1:]) for s in lif.simulate(lambda t: currents, t_max)[2]]


def test_parameters_are_the_shared_ones():
    # The spiking playground (JavaScript) uses exactly these; changing one breaks the pair.
    assert (lif.E_L, lif.V_RESET, lif.V_TH) == (-70.0, -65.0, -50.0)
    assert (lif.R, lif.TAU, lif.T_REF, lif.DT) == (10.0, 10.0, 2.0, 0.1)
    assert lif.RHEOBASE == pytest.approx(2.0)


def test_no_spikes_at_or_below_rheobase():
    currents = np.array([0.0, 0.5, 1.0, 1.5, 1.9, 1.99, 2.0])
    t, v, spikes = lif.simulate(lambda t: currents, 2000.0)
    assert all(len(s) == 0 for s in spikes)
    # Below rheobase V settles at E_L + R I, below threshold.
    assert v[-1, :-1] == pytest.approx(lif.E_L + lif.R * currents[:-1], abs=1e-6)
    assert np.all(v < lif.V_TH)


def test_fires_just_above_rheobase():
    t, v, spikes = lif.simulate(lambda t: 2.05, 1000.0)
    assert len(spikes) > 5


def test_simulated_rate_matches_closed_form_within_time_step_bound():
    """Each interval is a whole number of steps, and the neuron is caught at the first
    step at or past threshold, so an interval is late by less than one step, dt. Forward
    Euler's decay per step, 1 - dt/tau, is slightly faster than e^(-dt/tau): the climb is
    shortened by the factor (dt/tau) / -ln(1 - dt/tau) = 0.995. Hence
    -0.005 T_climb - 1e-9 <= ISI_sim - ISI_exact <= dt."""
    currents = np.array([2.1, 2.25, 2.5, 3.0, 4.0, 5.0, 7.5, 10.0, 20.0, 50.0, 100.0, 200.0])
    exact = 1000.0 / lif.rate_closed_form(currents)
    climb = exact - lif.T_REF
    shrink = 1 - (lif.DT / lif.TAU) / -np.log(1 - lif.DT / lif.TAU)
    for isi, e, c in zip(steady_isis(currents), exact, climb):
        assert np.ptp(isi) < 1e-9                       # constant input: perfectly regular
        error = isi.mean() - e
        assert -shrink * c - 1e-9 <= error <= lif.DT + 1e-9, (e, isi.mean())


def test_discrete_interval_is_exactly_predicted():
    """Stronger: the Euler map V_{n+1} - V_inf = (1 - dt/tau)(V_n - V_inf) gives the number
    of climbing steps exactly; the simulation must reproduce it to the step."""
    currents = np.array([2.5, 3.0, 5.0, 10.0, 40.0])
    v_inf = lif.E_L + lif.R * currents
    n_climb = np.ceil(np.log((lif.V_TH - v_inf) / (lif.V_RESET - v_inf)) / np.log(1 - lif.DT / lif.TAU))
    predicted = lif.T_REF + n_climb * lif.DT
    for isi, p in zip(steady_isis(currents), predicted):
        assert isi.mean() == pytest.approx(p, abs=1e-9)


def test_rate_saturates_at_inverse_refractory_period():
    assert lif.rate_closed_form(1e6) == pytest.approx(1000.0 / lif.T_REF, rel=1e-3)
    isi = steady_isis(np.array([1e5]), t_max=100.0)[0].mean()
    # The simulation needs at least one step after the refractory period: 1/(t_ref + dt).
    assert isi == pytest.approx(lif.T_REF + lif.DT)
    assert abs(isi - lif.T_REF) <= lif.DT + 1e-9
    rates = lif.rate_closed_form(np.array([5.0, 20.0, 100.0, 1000.0]))
    assert np.all(np.diff(rates) > 0) and rates[-1] < 500.0


def test_closed_form_is_zero_below_and_at_rheobase_and_rises_steeply_above():
    assert lif.rate_closed_form(np.array([0.0, 1.0, 2.0])).tolist() == [0.0, 0.0, 0.0]
    assert lif.rate_closed_form(2.0 + 1e-6) > 0
    # Concave above the near-threshold region: the slope falls as I grows.
    i = np.linspace(3, 50, 200)
    assert np.all(np.diff(lif.rate_closed_form(i), 2) < 0)


def test_fi_snippet_rates_agree_with_closed_form():
    fi = load_snippet("integrate_and_fire/fi_curve.py")
    currents = np.array([1.0, 2.25, 3.0, 10.0, 200.0])
    rates = fi.simulated_rates(currents)
    exact = lif.rate_closed_form(currents)
    assert rates[0] == 0.0
    # Within one time step per interval: |1/f_sim - 1/f_exact| <= dt.
    assert np.all(np.abs(1000 / rates[1:] - 1000 / exact[1:]) <= lif.DT + 1e-9)


@pytest.mark.slow  # a Brian2 cross-check (Brian2 generates code for each model): in `make test`, not `make quick`
def test_brian2_agrees_spike_for_spike():
    """Brian2 integrates the same equation independently (its own Euler code, numpy target).
    It labels a spike with the start of the step in which V crossed threshold, one step
    before our label, and it lets integration resume one step earlier after the
    refractory period. So every Brian2 spike time must equal ours minus dt times the spike
    number: the same crossings, with the conventions accounted for exactly."""
    from scripts.crosscheck_brian2 import brian2_lif_spikes

    currents = np.array([1.5, 2.0, 2.2, 2.5, 3.0, 5.0, 10.0])
    t_max = 300.0
    ours = lif.simulate(lambda t: currents, t_max)[2]
    theirs = brian2_lif_spikes(currents, t_max)
    for i, a, b in zip(currents, ours, theirs):
        if i <= lif.RHEOBASE:
            assert len(a) == len(b) == 0
            continue
        k = min(len(a), len(b))
        assert k >= 3 and abs(len(a) - len(b)) <= 1 + len(a) // 40
        shift = lif.DT * np.arange(1, k + 1)
        assert b[:k] == pytest.approx(a[:k] - shift, abs=1e-6), i
        # Brian2's intervals are one step shorter than ours, so they lie within one step
        # (plus forward Euler's 0.5 % faster climb) of the closed form.
        exact = 1000 / lif.rate_closed_form(i)
        shrink = 1 - (lif.DT / lif.TAU) / -np.log(1 - lif.DT / lif.TAU)
        assert abs(np.diff(b[1:]).mean() - exact) <= lif.DT + shrink * (exact - lif.T_REF) + 1e-9


def test_page_shows_derivation_and_cross_check(site):
    text = page_text((site / "integrate-and-fire" / "index.html").read_text())
    assert "Checked against Brian2" in text
    assert "Exercises" in text and "Lapicque" in text
    assert "2 nA" in text and "500 Hz" in text
