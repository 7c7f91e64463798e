"""The science on the third-factor page.

- TD(0) converges to the closed-form values V(t) = gamma^(D-1-t) r; the TD error moves
  from the reward to the cue (gamma^D r there), and an omitted reward gives -r.
- Eligibility trace: one pairing leaves e(t) = STDP(dt) exp(-t/tau_e) (closed form and an
  independent Euler integration); a three-factor rule changes a synapse by eta M e(t_r).
- BCM: theta tracks <y^2>, the neuron becomes selective, and the selective response
  sits at the fixed point 1/p; a threshold slower than the weights lets them run away.
- Multiplicative synaptic scaling restores the rate and preserves every weight ratio.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from conftest import ROOT, load_snippet

td = load_snippet("third_factor/td_learning.py")
elig = load_snippet("third_factor/eligibility.py")
bcm = load_snippet("third_factor/bcm.py")
scaling = load_snippet("third_factor/scaling.py")


def test_td_values_converge_to_closed_form():
    v, history = td.learn(400)
    assert v == pytest.approx(td.closed_form_values(), abs=1e-9)
    assert history[0][td.D] == pytest.approx(1.0)           # trial 1: error at the reward only
    assert np.all(history[0][:td.D] == 0)
    assert history[-1][0] == pytest.approx(td.GAMMA ** td.D, abs=1e-9)   # at the cue
    assert abs(history[-1][td.D]) < 1e-9                    # the reward is predicted
    assert td.td_errors(v, reward=0.0)[td.D] == pytest.approx(-1.0, abs=1e-9)


def test_td_error_moves_back_step_by_step():
    # The peak of delta (away from the cue) starts at the reward and moves earlier.
    _, history = td.learn(200)
    peaks = [np.argmax(h[1:]) + 1 for h in history[:60]]
    assert peaks[0] == td.D
    assert min(peaks) < td.D - 3
    assert all(b <= a for a, b in zip(peaks[:20], peaks[1:21]))


def test_eligibility_trace_after_one_pairing_is_stdp_times_exponential():
    """The page's equation, de/dt = -e/tau_e + STDP(dt) delta(t - t_k): one pairing leaves
    e(t) = STDP(dt) exp(-(t - t_k)/tau_e), in weight units. Checked at a tau_e other than 1 s,
    where a trace that jumps by STDP/tau_e (the old tau_e de/dt = -e + delta form) differs."""
    for tau_e in (elig.TAU_E, 0.4):
        pairings, delays = np.array([0.5, 1.2]), np.array([0.008, -0.015])
        t, traces, _, _ = elig.simulate(pairings, delays, t_max=3.0, tau_e=tau_e)
        for j in range(2):
            since = t - pairings[j]
            exact = np.where(since >= -1e-9, elig.stdp(delays[j]) * np.exp(-np.maximum(since, 0) / tau_e), 0.0)
            assert np.abs(traces[:, j] - exact).max() < 1e-9
            after = np.searchsorted(t, pairings[j] - 1e-9)
            assert traces[after, j] == pytest.approx(float(elig.stdp(delays[j])), abs=1e-12)
    # At tau_e = 0.4 s the old scaling (a jump of STDP/tau_e) would be 2.5 times too large.
    assert traces[np.searchsorted(t, 0.5 - 1e-9), 0] != pytest.approx(float(elig.stdp(0.008)) / 0.4, rel=0.1)


def test_eligibility_equation_by_independent_euler_integration():
    """An independent Euler integration of the equation as written on the page, with the delta
    pulse as one step of height 1/h, agrees with the snippet's closed form."""
    tau_e, h, dt_pair, t_pair = 0.7, 1e-5, 0.012, 0.1
    n = int(round(1.0 / h))
    e, k = 0.0, int(round(t_pair / h))
    for i in range(n):
        e += h * (-e / tau_e + (float(elig.stdp(dt_pair)) / h if i == k else 0.0))
    exact = float(elig.stdp(dt_pair)) * np.exp(-(1.0 - t_pair - h) / tau_e)
    assert e == pytest.approx(exact, rel=1e-3)


def test_stdp_window_is_song_miller_abbott_scaled_to_one():
    """The trace's jumps are the STDP window of biological_learning/stdp_window.py divided by A_+."""
    window = load_snippet("biological_learning/stdp_window.py")
    dt_ms = np.array([-60.0, -20.0, -5.0, -0.5, 0.5, 5.0, 20.0, 60.0])
    np.testing.assert_allclose(elig.stdp(dt_ms / 1000) * window.A_PLUS, window.stdp(dt_ms), rtol=1e-12)
    assert elig.stdp(0.0) == 0.0


def test_three_factor_weight_change_is_eta_m_e():
    pairings = np.array([2.5, 0.5, 2.5, 3.5, 1.7])
    delays = np.array([0.010, 0.010, -0.010, 0.010, 0.004])
    _, traces, modulator, dw = elig.simulate(pairings, delays, pulse=0.01)
    # Closed form for a square pulse of area 1 and width p: eta e(t_r) tau/p (1 - exp(-p/tau)).
    p = 0.01
    factor = elig.TAU_E / p * (1 - np.exp(-p / elig.TAU_E))
    expected = elig.closed_form(pairings, delays) * factor
    assert dw == pytest.approx(expected, rel=2e-3)
    assert dw[3] == 0.0                                     # a pairing after the reward: nothing
    assert dw[0] > dw[4] > dw[1] > 0                        # shorter delay, larger change
    assert dw[2] < 0 and dw[2] == pytest.approx(-elig.A_MINUS * dw[0], rel=1e-9)   # post-before-pre: depression
    assert modulator.sum() * elig.DT == pytest.approx(1.0)


def test_bcm_theta_tracks_mean_square_response_and_selectivity_emerges():
    w, history = bcm.run(6000, np.random.default_rng(0))
    y1, y2, theta = history[:, 0], history[:, 1], history[:, 2]
    assert abs(y1[0] - y2[0]) < 0.1                         # starts almost unselective
    last = slice(-1000, None)
    mean_square = bcm.P * y1[last] ** 2 + bcm.P * y2[last] ** 2
    assert theta[last].mean() == pytest.approx(mean_square.mean(), rel=0.05)
    assert y2[-1] == 0 and y2[-500:].mean() < 0.02           # silent to pattern 2
    assert (y1[-1] - y2[-1]) / (y1[-1] + y2[-1]) == 1.0      # fully selective
    assert y1[last].mean() == pytest.approx(1 / bcm.P, rel=0.1)    # the fixed point y1 = 1/p


def test_bcm_threshold_must_adapt_faster_than_weights():
    """The page: with theta relaxing at 0.05 (5 times the weights' rate) the responses stay
    bounded; with theta 5 times slower than the weights (0.002) they run away within a few
    hundred presentations. Both rates as the page states them."""
    text = " ".join((ROOT / "docs" / "third-factor.md").read_text().split())
    assert bcm.RATE_THETA == 0.05 and bcm.ETA == 0.01
    assert "(a relaxation rate of 0.05)" in text and "(a relaxation rate of 0.002)" in text
    assert "learning rate is 0.01" in text
    for seed in range(3):
        _, fast = bcm.run(6000, np.random.default_rng(seed))
        assert len(fast) == 6000 and fast[:, :2].max() < 3.0
        _, slow = bcm.run(6000, np.random.default_rng(seed), rate_theta=bcm.ETA / 5)
        assert len(slow) < 500 and slow[-1, :2].max() > 1000      # ran away, and early


def test_synaptic_scaling_restores_rate_and_preserves_ratios_exactly():
    rng = np.random.default_rng(0)
    w0 = rng.lognormal(0.0, 0.5, 50)
    x = rng.uniform(0, 1, 50)
    w0 *= scaling.R_TARGET / (w0 @ x)
    w1, rates = scaling.scale(w0, 0.5 * x, 400)
    assert rates[0] == pytest.approx(scaling.R_TARGET / 2)
    assert rates[-1] == pytest.approx(scaling.R_TARGET, rel=1e-6)
    factor = w1 / w0
    assert np.ptp(factor) < 1e-12 * factor.mean()          # one factor for all: ratios kept
    assert factor.mean() == pytest.approx(2.0, rel=1e-6)
    # Subtractive normalisation would not keep them: the contrast the page draws.
    additive = w0 + (w1.sum() - w0.sum()) / len(w0)
    assert np.ptp(additive / w0) > 0.1


def test_exercise_answers_on_page_are_computed():
    text = (ROOT / "docs" / "third-factor.md").read_text()
    cue = re.search(r"TD error at the cue is \*\*([0-9.]+)\*\*", text)
    assert cue and float(cue.group(1)) == pytest.approx(0.95 ** 20, abs=5e-4)
    ltp = re.search(r"the weight changes by \*\*([0-9.]+)\*\*", text)
    ltd = re.search(r"the weight changes\s+by \*\*−([0-9.]+)\*\*", text)
    # One pairing 2 s before a unit reward: eta e(t_r), computed by the snippet's simulation.
    _, _, _, dw = elig.simulate(np.array([1.0, 1.0]), np.array([0.010, -0.010]), pulse=elig.DT)
    assert ltp and float(ltp.group(1)) == pytest.approx(dw[0], abs=5e-4)
    assert ltd and -float(ltd.group(1)) == pytest.approx(dw[1], abs=5e-4)
    assert dw[0] == pytest.approx(np.exp(-0.5) * np.exp(-2.0), rel=1e-9)


def test_bcm_exercise_fixed_point_with_unequal_frequencies():
    text = (ROOT / "docs" / "third-factor.md").read_text()
    stated = float(re.search(r"y_1 = 1/p_1\$ = \*\*([0-9.]+)\*\*", text).group(1))
    _, history = bcm.run(20000, np.random.default_rng(0), p1=0.8)
    assert stated == 1 / 0.8
    assert history[-2000:, 0].mean() == pytest.approx(stated, rel=0.03)
    assert history[-2000:, 1].mean() < 0.01
