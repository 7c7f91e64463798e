"""Physics of the Hodgkin-Huxley snippets (standard 1952 parameters, rest near -65 mV),
and a cross-check against an independent Brian2 implementation of the same equations."""

from __future__ import annotations

import numpy as np
import pytest
from test_engine import page_text

from conftest import load_snippet

hh = load_snippet("hodgkin_huxley/model.py")
ap = load_snippet("hodgkin_huxley/action_potential.py")
fi = load_snippet("hodgkin_huxley/fi_curve.py")


def test_standard_parameters():
    assert (hh.G_NA, hh.G_K, hh.G_L, hh.C_M) == (120.0, 36.0, 0.3, 1.0)
    assert (hh.E_NA, hh.E_K, hh.E_L) == (50.0, -77.0, -54.387)


def test_rate_functions_are_finite_at_their_removable_singularities():
    # alpha_m at V = -40 mV and alpha_n at V = -55 mV are 0/0 in the textbook form.
    assert hh.alpha_m(-40.0) == pytest.approx(1.0)
    assert hh.alpha_n(-55.0) == pytest.approx(0.1)
    v = np.array([-40.0 - 1e-6, -40.0 + 1e-6])
    assert hh.alpha_m(v) == pytest.approx([1.0, 1.0], abs=1e-6)
    # The textbook form, away from the singularity.
    assert hh.alpha_m(-65.0) == pytest.approx(0.1 * 25 / (np.exp(2.5) - 1))
    assert hh.alpha_n(-65.0) == pytest.approx(0.01 * 10 / (np.exp(1.0) - 1))


def test_resting_potential_is_minus_65_and_stays_there():
    v_rest = hh.resting_potential()
    assert v_rest == pytest.approx(-65.0, abs=0.1)
    t, v, m, h, n = hh.simulate(lambda t: 0.0, 50.0)
    assert np.ptp(v) < 1e-6


def test_action_potential_peak_width_and_undershoot():
    t, v, m, h, n = hh.simulate(ap.pulse, 25.0, dt=0.01)
    peak, width = ap.spike_shape(t, v)
    assert 30.0 <= peak <= 50.0                      # overshoot, but below E_Na = +50 mV
    assert 1.0 <= width <= 2.0                       # ms, at half amplitude
    assert hh.E_K < v.min() < -70.0                  # after-hyperpolarisation towards E_K
    assert len(hh.spike_times(t, v)) == 1
    # The gates in the right order: m peaks first (fast), then h is lowest and n highest.
    assert t[np.argmax(m)] < t[np.argmin(h)] and t[np.argmax(m)] < t[np.argmax(n)]
    assert m.max() > 0.9 and h.min() < 0.15 and n.max() > 0.6


def test_result_does_not_depend_on_the_time_step():
    t1, v1, *_ = hh.simulate(ap.pulse, 25.0, dt=0.01)
    t2, v2, *_ = hh.simulate(ap.pulse, 25.0, dt=0.025)
    assert v1.max() == pytest.approx(v2.max(), abs=0.05)
    assert hh.spike_times(t1, v1)[0] == pytest.approx(hh.spike_times(t2, v2)[0], abs=0.03)


def test_all_or_none_threshold_for_a_1ms_pulse():
    amplitudes = np.array([3.0, 6.0, 6.75, 7.0, 10.0, 20.0])
    t, v, *_ = hh.simulate(lambda t: amplitudes * ((t >= 5) & (t < 6)), 30.0)
    peaks = v.max(axis=0)
    assert np.all(peaks[:3] < -55.0)                 # sub-threshold: a few mV of depolarisation
    assert np.all(peaks[3:] > 30.0)                  # supra-threshold: full-size spikes


def test_small_steps_do_not_fire_and_rheobase_for_repetitive_firing():
    currents = np.array([0.5, 1.0, 2.0, 4.0, 6.0, 6.25, 6.3, 6.5, 8.0, 15.0])
    t, v, *_ = hh.simulate(lambda t: currents, fi.T_MAX)
    counts, rates = np.array([fi.analyse(t, v[:, j]) for j in range(len(currents))]).T
    assert np.all(counts[:3] == 0)                   # small steps: no spike at all
    assert counts[3] == 1 and rates[3] == 0          # 4 uA/cm^2: one onset spike, then silence
    assert np.all(rates[:6] == 0)                    # up to 6.25: no sustained firing
    assert np.all(rates[6:] > 40)                    # from 6.3: repetitive firing ...
    assert np.all(np.diff(rates[6:]) > 0)            # ... faster for more current
    assert rates[6] > 45                             # and it starts at ~50 Hz, not near 0 Hz
    assert rates[-1] < 120


@pytest.mark.slow  # a Brian2 cross-check (Brian2 generates code for each model): in `make test`, not `make quick`
def test_brian2_gives_the_same_spikes():
    from scripts.crosscheck_brian2 import brian2_hh_spikes

    currents = np.array([2.0, 4.0, 10.0])
    t, v, *_ = hh.simulate(lambda t: currents, 40.0, dt=0.025)
    theirs, peaks = brian2_hh_spikes(currents, 40.0, dt_ms=0.025)
    for j in range(len(currents)):
        ours = hh.spike_times(t, v[:, j])
        assert len(ours) == len(theirs[j])
        # Brian2 records a spike at the start of the step in which V crosses 0 mV.
        assert ours == pytest.approx(theirs[j] + 0.025, abs=1e-6)
        assert v[:, j].max() == pytest.approx(peaks[j], abs=0.01)


def test_page(site):
    text = page_text((site / "hodgkin-huxley" / "index.html").read_text())
    assert "Checked against Brian2" in text and "Exercises" in text
    assert "resting potential" in text and "-65.0 mV" in text and "rheobase" in text
    # The result block names the sodium reversal potential readably, not as ASCII E_Na.
    assert "mV (E(Na) = +50 mV)" in text and "(E_Na =" not in text
