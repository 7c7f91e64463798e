"""Science of the inhibition page (docs/inhibition.md) and the numbers in its exercises.

Shunting inhibition: the closed-form rate against the Euler simulation and against
Brian2; the subthreshold response divided, the firing rate shifted by
g_i (V_bar - E_i) at high rates (Holt & Koch 1997). Balanced input: CV near 1 against
CV = 0 under constant current, compared with the diffusion approximation. Divisive
normalisation (Carandini & Heeger 2012) against softmax, layer norm and batch norm.
"""

from __future__ import annotations

import numpy as np
import pytest

from conftest import ROOT, load_snippet
from helpers import assert_written

sh = load_snippet("inhibition/shunting.py")
bal = load_snippet("inhibition/balanced.py")
nm = load_snippet("inhibition/normalisation.py")
siegert = load_snippet("noise/siegert.py")
PAGE = (ROOT / "docs" / "inhibition.md").read_text(encoding="utf-8")
EXERCISES = PAGE[PAGE.index("## Exercises"):]
V_BAR = (sh.V_TH + sh.V_RESET) / 2


def on_page(value: float, fmt: str, text: str = PAGE) -> None:
    assert_written(value, fmt, text)


def shift_to_match(i, g):
    """The current d such that the uninhibited rate at i - d equals the inhibited rate at i."""
    d = np.linspace(0.0, 3.0, 300_001)
    return d[np.argmin(np.abs(sh.rate(i - d, 0.0) - sh.rate(i, g)))]


@pytest.mark.parametrize("g", [0.0, 0.05, 0.1])
def test_simulated_rate_within_time_step_bound_of_closed_form(g):
    currents = np.array([3.0, 4.5, 6.0, 8.0, 20.0]) + 20 * g
    spikes = sh.simulate(currents, g, t_max=600.0)
    exact = 1000.0 / sh.rate(currents, g)
    x = sh.DT * (1 + sh.R * g) / sh.TAU                      # dt / tau_eff
    shrink = 1 - x / -np.log(1 - x)                          # Euler shortens the climb by this
    for s, e in zip(spikes, exact):
        isi = np.diff(s[1:])
        assert np.ptp(isi) < 1e-9
        assert -shrink * (e - sh.T_REF) - 1e-9 <= isi.mean() - e <= sh.DT + 1e-9


def test_subthreshold_divided_rate_shifted():
    for g in (0.05, 0.1):
        assert sh.v_inf(1.0, g) - sh.E_L == pytest.approx(sh.R * 1.0 / (1 + sh.R * g))
        rheobase = (sh.V_TH - sh.E_L) * (1 + sh.R * g) / sh.R
        assert sh.rate(rheobase - 1e-6, g) == 0 and sh.rate(rheobase + 1e-3, g) > 0
        # At high rates the shift tends to g (V_bar - E_i) (Holt & Koch's argument, exact here).
        shifts = [shift_to_match(i, g) for i in (20.0, 100.0, 1000.0)]
        assert abs(shifts[-1] - g * (V_BAR - sh.E_I)) < 0.002
        assert abs(shifts[0] - shifts[-1]) < 0.05


def test_shift_fits_better_than_scaling():
    i = np.linspace(0.0, 8.0, 801)
    fg, f0 = sh.rate(i, 0.05), sh.rate(i, 0.0)
    rms_shift = min(np.sqrt(np.mean((sh.rate(i - d, 0.0) - fg) ** 2)) for d in np.linspace(0, 3, 301))
    rms_scale = min(np.sqrt(np.mean((c * f0 - fg) ** 2)) for c in np.linspace(0.1, 1, 901))
    assert rms_shift < rms_scale / 3
    on_page(rms_shift, ".1f")
    on_page(rms_scale, ".0f")
    on_page(0.05 * (V_BAR - sh.E_I), ".3f")


@pytest.mark.slow  # a Brian2 cross-check (Brian2 generates code for each model): in `make test`, not `make quick`
def test_shunting_lif_matches_brian2():
    """Brian2 (numpy target) integrates the same equation with forward Euler. Its
    conventions differ by one step per spike (it labels a spike with the start of the
    step and resumes one step earlier after the refractory period), as on the
    integrate-and-fire page: Brian2's n-th spike time = ours - n dt."""
    import brian2 as b2

    b2.prefs.codegen.target = "numpy"
    b2.start_scope()
    b2.defaultclock.dt = sh.DT * b2.ms
    ns = {"E_L": sh.E_L * b2.mV, "V_th": sh.V_TH * b2.mV, "V_reset": sh.V_RESET * b2.mV,
          "R": sh.R * b2.Mohm, "tau": sh.TAU * b2.ms, "E_i": sh.E_I * b2.mV}
    currents, g = np.array([2.5, 3.5, 5.0, 8.0]), 0.05
    group = b2.NeuronGroup(len(currents), """
        dv/dt = (E_L - v + R * I + R * g_i * (E_i - v)) / tau : volt (unless refractory)
        I : amp
        g_i : siemens""", threshold="v >= V_th", reset="v = V_reset",
        refractory=sh.T_REF * b2.ms, method="euler", namespace=ns)
    group.v = sh.E_L * b2.mV
    group.I = currents * b2.nA
    group.g_i = g * b2.usiemens
    monitor = b2.SpikeMonitor(group)
    b2.run(300 * b2.ms, namespace=ns)
    trains = monitor.spike_trains()
    ours = sh.simulate(currents, g, t_max=300.0)
    assert len(ours[0]) == 0 and len(trains[0]) == 0          # 2.5 nA is below the 3-nA rheobase
    for j in range(1, len(currents)):
        theirs = np.asarray(trains[j] / b2.ms)
        n = min(len(theirs), len(ours[j]))
        assert n > 5 and len(theirs) >= len(ours[j])      # Brian2 is 0.1 ms faster per spike
        assert theirs[:n] == pytest.approx(ours[j][:n] - sh.DT * np.arange(1, n + 1), abs=1e-6)


def test_balanced_input_irregular_constant_current_regular():
    """The page's simulation (same seed and size as balanced.py). With about 1100
    intervals the CV's standard error is about 0.03; the diffusion approximation
    predicts 0.87, and finite jumps and the time grid shift it by a few hundredths,
    so we require |CV - CV_diffusion| < 0.1 (3 SE plus that model error)."""
    rng = np.random.default_rng(0)
    t_max, neurons = 2000.0, 100
    steps = int(round(t_max / bal.DT))
    _, spikes = bal.simulate(bal.poisson_jumps(steps, neurons, rng), t_max)
    isi = bal.isis(spikes)
    cv, rate = bal.cv(isi), 1000.0 / isi.mean()
    assert isi.size > 800
    mu = bal.E_L + bal.TAU * (bal.J_E * bal.RATE_E - bal.J_I * bal.RATE_I)
    sigma = np.sqrt(bal.TAU * (bal.J_E**2 * bal.RATE_E + bal.J_I**2 * bal.RATE_I))
    cv_diff, rate_diff = siegert.siegert_cv(mu, sigma), siegert.siegert_rate(mu, sigma)
    assert abs(cv - cv_diff) < 0.1 and 0.8 < cv < 1.05
    # Finite jumps and once-per-step threshold checks lower the rate (page says so).
    assert 0.75 * rate_diff < rate < rate_diff
    on_page(cv, ".2f")
    on_page(rate, ".1f")
    on_page(rate_diff, ".1f")
    on_page(cv_diff, ".2f")
    assert mu - bal.E_L == pytest.approx(12.0) and mu < bal.V_TH      # mean input subthreshold
    # Constant current with the same rate: perfectly regular.
    i_same = bal.current_for_rate(rate)
    _, regular = bal.simulate(np.full((steps, 1), bal.DT / bal.TAU * bal.R * i_same), t_max)
    intervals = np.diff(regular[0][1:])
    assert intervals.size >= 5 and np.ptp(intervals) < 1e-9
    assert 1000.0 / intervals.mean() == pytest.approx(rate, rel=0.05)
    # The balanced input's mean as a constant current: no spikes at all.
    _, silent = bal.simulate(np.full((steps, 1), bal.DT / bal.TAU * (mu - bal.E_L)), t_max)
    assert len(silent[0]) == 0


def test_normalisation_identities():
    rng = np.random.default_rng(3)
    z = rng.normal(size=(5, 7))
    x = rng.random((5, 7)) + 0.1
    assert nm.softmax(z) == pytest.approx(nm.divisive(np.exp(z), sigma=0.0, n=1.0))
    assert nm.softmax(z + 4.2) == pytest.approx(nm.softmax(z))
    assert nm.softmax(z).sum(axis=1) == pytest.approx(np.ones(5))
    assert nm.divisive(3.7 * x, sigma=0.0) == pytest.approx(nm.divisive(x, sigma=0.0))
    assert nm.divisive(x, sigma=0.0).sum(axis=1) == pytest.approx(np.ones(5))
    assert np.all(nm.divisive(x, sigma=0.5).sum(axis=1) < 1.0)
    assert not np.allclose(nm.divisive(3.7 * x, sigma=0.5), nm.divisive(x, sigma=0.5))
    ln = nm.layer_norm(x, eps=0.0)
    assert ln.mean(axis=1) == pytest.approx(np.zeros(5), abs=1e-12)
    assert (ln**2).mean(axis=1) == pytest.approx(np.ones(5))
    assert nm.layer_norm(3.7 * x + 2.0, eps=0.0) == pytest.approx(ln)
    # Layer norm's square is divisive normalisation (n = 2, sigma = 0, gamma = N) of the
    # centred inputs; layer norm itself is not (it keeps signs, exponent 1 on top).
    centred = x - x.mean(axis=1, keepdims=True)
    n_units = x.shape[1]
    assert ln**2 == pytest.approx(nm.divisive(centred, sigma=0.0, n=2.0, gamma=n_units))
    assert (ln < 0).any() and not np.allclose(ln, nm.divisive(centred, sigma=0.0, n=2.0, gamma=n_units))
    bn = nm.batch_norm(x, eps=0.0)
    assert bn.mean(axis=0) == pytest.approx(np.zeros(7), abs=1e-12)
    assert bn.std(axis=0) == pytest.approx(np.ones(7))
    assert nm.batch_norm(x, eps=0.0) == pytest.approx(nm.layer_norm(x.T, eps=0.0).T)
    for m in (0.0, 0.1, 0.3):
        c50 = np.sqrt(nm.SIGMA**2 + m**2)
        assert nm.contrast_response(c50, m) == pytest.approx(0.5)


def test_exercise_answers_are_computed():
    g = 0.1
    on_page(1 + sh.R * g, ".0f", EXERCISES)
    on_page((sh.V_TH - sh.E_L) * (1 + sh.R * g) / sh.R, ".0f", EXERCISES)
    on_page(g * (V_BAR - sh.E_I), ".2f", EXERCISES)
    assert abs(shift_to_match(1000.0, g) - 1.25) < 0.002
    on_page(sh.v_inf(0.0, 0.05, -80.0), ".2f", EXERCISES)
    rheobase = (sh.V_TH - sh.E_L + sh.R * 0.05 * (sh.V_TH + 80.0)) / sh.R
    assert sh.rate(rheobase - 1e-6, 0.05, -80.0) == 0 and sh.rate(rheobase + 1e-3, 0.05, -80.0) > 0
    on_page(rheobase, ".1f", EXERCISES)
    for m in (0.1, 0.3):
        on_page(np.sqrt(nm.SIGMA**2 + m**2), ".3f", EXERCISES)
    for value in nm.softmax(np.array([0.0, 1.0, 2.0])):
        on_page(value, ".3f", EXERCISES)
    for value in nm.softmax(np.array([0.0, 3.0, 6.0])):
        on_page(value, ".3f", EXERCISES)
    rate = 1000.0 / (bal.T_REF + bal.TAU * np.log((40 - 5) / (40 - 20)))
    on_page(rate, ".1f", EXERCISES)
