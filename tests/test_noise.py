"""Science of the noise page (docs/noise.md) and the numbers in its exercises.

Poisson trains: exponential intervals (Kolmogorov-Smirnov), CV = 1, Fano factor = 1,
with tolerances from the sample size. The Siegert formula: its noiseless limit is the
integrate-and-fire closed form, its CV tends to 1 far below threshold, and its rate
far below threshold tends to a Gaussian tail, y e^(-y^2). The noisy LIF
simulation against the Siegert rate, its time-step error shrinking with dt, and the
same neuron in Brian2. Correlated noise: the variance of the mean against
simulation. Reliability under frozen noise (after Mainen & Sejnowski 1995): high
for a frozen input, at the chance level of independent regular trains for a
constant one, and exactly the reference LIF without noise.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from conftest import ROOT, load_snippet
from helpers import assert_written

po = load_snippet("noise/poisson.py")
sg = load_snippet("noise/siegert.py")
nf = load_snippet("noise/noisy_fi.py")
cr = load_snippet("noise/correlated.py")
rl = load_snippet("noise/reliability.py")
lif = load_snippet("integrate_and_fire/lif.py")
PAGE = (ROOT / "docs" / "noise.md").read_text(encoding="utf-8")
EXERCISES = PAGE[PAGE.index("## Exercises"):]


def on_page(value: float, fmt: str, text: str = PAGE) -> None:
    assert_written(value, fmt, text)


def page_trains():
    """The trains of poisson.py, same seed and order."""
    rng = np.random.default_rng(0)
    return [po.poisson_train(po.RATE, po.T, rng) for _ in range(po.TRIALS)]


def test_poisson_intervals_exponential_cv_and_fano_one():
    trains = page_trains()
    isi = np.concatenate([np.diff(s) for s in trains])
    n = isi.size
    assert n > 9000
    # Kolmogorov-Smirnov distance to r exp(-r t); 1.63 / sqrt(n) is the 1 % critical value.
    x = np.sort(isi)
    cdf = 1 - np.exp(-po.RATE * x)
    d = max(np.max(np.arange(1, n + 1) / n - cdf), np.max(cdf - np.arange(n) / n))
    assert d < 1.63 / math.sqrt(n)
    # The sample CV of exponential intervals has standard error about 1 / sqrt(n).
    cv = po.cv(isi)
    assert abs(cv - 1) < 4 / math.sqrt(n)
    for w in (0.01, 0.1, 1.0):
        windows = po.TRIALS * round(po.T / w)
        # Fano factor of Poisson counts: standard error about sqrt(2 / (windows - 1)).
        assert abs(po.fano(trains, w, po.T) - 1) < 4 * math.sqrt(2 / (windows - 1))
    # The numbers as printed on the page.
    on_page(cv, ".3f")
    on_page(po.fano(trains, 0.01, po.T), ".2f")
    on_page(po.fano(trains, 0.1, po.T), ".2f")
    on_page(po.fano(trains, 1.0, po.T), ".2f")


def test_regular_train_has_cv_and_fano_near_zero():
    train = np.arange(0.0, 10.0, 0.05)          # 20 Hz clock
    assert po.cv(np.diff(train)) < 1e-9
    assert po.fano([train], 1.0, 10.0) < 1e-9


def test_siegert_noiseless_limit_and_poisson_limit():
    for drive in (25.0, 30.0, 60.0):
        closed = nf.closed_form_rate(drive / sg.R)
        assert sg.siegert_rate(sg.E_L + drive, 0.05) == pytest.approx(closed, rel=2e-3)
    on_page(sg.siegert_rate(sg.E_L + 30.0, 0.05), ".2f")
    on_page(float(nf.closed_form_rate(3.0)), ".2f")
    # Far below threshold: rare, independent crossings, CV -> 1.
    assert sg.siegert_cv(-70.0, 4.0) == pytest.approx(1.0, abs=1e-3)
    # More noise, more subthreshold firing; the rate is monotonic in the current.
    assert sg.siegert_rate(-55.0, 6.0) > sg.siegert_rate(-55.0, 2.0) > 0
    rates = [sg.siegert_rate(sg.E_L + sg.R * i, 4.0) for i in (0.5, 1.0, 2.0, 4.0)]
    assert np.all(np.diff(rates) > 0)


def subthreshold_limit(mu, sigma):
    """The page's limit far below threshold: f = y e^(-y^2) / (tau sqrt(pi)), in Hz."""
    y = (sg.V_TH - mu) / sigma
    return 1000.0 * y * math.exp(-y * y) / (sg.TAU * math.sqrt(math.pi))


def test_siegert_rate_has_a_gaussian_not_exponential_subthreshold_tail():
    """Far below threshold the Siegert rate tends to y e^(-y^2) / (tau sqrt(pi)) with
    y = (V_th - mu) / sigma; the next term of the asymptotic series is of order 1/(2 y^2),
    so the ratio must approach 1 that fast. An exponential tail (a straight line on the
    log axis, as a softplus has) would have a constant slope of log rate against current;
    the Gaussian tail's slope falls steeply towards threshold."""
    for sigma in (2.0, 6.0):
        previous = 0.0
        for y in (3.0, 4.0, 6.0, 10.0):
            mu = sg.V_TH - y * sigma
            ratio = sg.siegert_rate(mu, sigma) / subthreshold_limit(mu, sigma)
            assert abs(1.0 - ratio) < 1.0 / y**2
            assert ratio > previous          # closer to the limit further from threshold
            previous = ratio
    # The page's numbers, sigma = 6 mV: fold changes over two half-nanoampere steps and
    # the limit's error at 0 nA.
    rate = {i: sg.siegert_rate(sg.E_L + sg.R * i, 6.0) for i in (0.0, 0.5, 1.0, 1.5)}
    on_page(rate[0.5] / rate[0.0], ".0f")
    on_page(rate[1.5] / rate[1.0], ".1f")
    err = subthreshold_limit(sg.E_L, 6.0) / rate[0.0] - 1.0
    assert 0.05 < err < 0.06
    assert re.search(r"at 0 nA the limit is within 6 %", PAGE)
    # The log-rate slope is not constant: it falls by far more than any sampling error.
    slope_low = math.log(rate[0.5] / rate[0.0])
    slope_high = math.log(rate[1.5] / rate[1.0])
    assert slope_low > 2.5 * slope_high


def test_noisy_lif_converges_to_siegert_as_dt_shrinks():
    """At 1.5 nA, sigma = 6 mV: 300 neurons x 1 s give ~6000 spikes, a 1-2 % standard
    error. Checking the threshold once per step misses crossings, an error that shrinks
    about as sqrt(dt): with dt / 4 it should roughly halve."""
    theory = sg.siegert_rate(sg.E_L + sg.R * 1.5, 6.0)
    rng = np.random.default_rng(5)
    coarse = nf.simulate_rates([1.5], 6.0, 300, 1000.0, rng, dt=0.1)[0]
    fine = nf.simulate_rates([1.5], 6.0, 300, 1000.0, rng, dt=0.025)[0]
    err_coarse, err_fine = coarse / theory - 1, fine / theory - 1
    assert -0.16 < err_coarse < -0.06
    assert -0.07 < err_fine < 0.01
    assert abs(err_fine) < abs(err_coarse) / 1.4
    # The page quotes "from about 10 % to about 5 %" (this run: 9.3 % and 5.3 %).
    assert 8 <= round(100 * -err_coarse) <= 12 and 3 <= round(100 * -err_fine) <= 6
    assert re.search(r"from about 10 %\s+to about 5 %", PAGE)


def test_page_rates_from_noisy_fi():
    """The two rates quoted in the prose, from noisy_fi.py's own run."""
    rng = np.random.default_rng(0)
    sim_currents = np.arange(0.5, 5.01, 0.5)
    nf.simulate_rates(sim_currents, nf.SIGMAS[0], 100, 1000.0, rng)      # advance the stream
    simulated = nf.simulate_rates(sim_currents, nf.SIGMAS[1], 100, 1000.0, rng)
    on_page(simulated[2], ".1f")                                         # 1.5 nA
    on_page(sg.siegert_rate(-55.0, 6.0), ".0f")
    on_page(sg.siegert_rate(-50.0, 6.0), ".0f")


@pytest.mark.slow  # a Brian2 cross-check (Brian2 generates code for each model): in `make test`, not `make quick`
def test_noisy_lif_matches_brian2():
    import brian2 as b2

    b2.prefs.codegen.target = "numpy"
    b2.start_scope()
    b2.seed(11)
    b2.defaultclock.dt = nf.DT * b2.ms
    neurons, sigma, current = 300, 6.0, 1.5
    ns = {"mu": (sg.E_L + sg.R * current) * b2.mV, "V_th": sg.V_TH * b2.mV,
          "V_reset": sg.V_RESET * b2.mV, "tau": sg.TAU * b2.ms, "sigma": sigma * b2.mV}
    group = b2.NeuronGroup(neurons, "dv/dt = (mu - v) / tau + sigma * xi * tau**-0.5 : volt (unless refractory)",
                           threshold="v >= V_th", reset="v = V_reset", refractory=sg.T_REF * b2.ms,
                           method="euler", namespace=ns)
    group.v = sg.E_L * b2.mV
    monitor = b2.SpikeMonitor(group)
    b2.run(1 * b2.second, namespace=ns)
    theirs = np.asarray(monitor.count, dtype=float)
    rng = np.random.default_rng(12)
    v_counts = nf.simulate_rates([current] * neurons, sigma, 1, 1000.0, rng)   # Hz over 1 s = counts
    se = math.sqrt(theirs.var() / neurons + v_counts.var() / neurons)
    assert abs(theirs.mean() - v_counts.mean()) < 4 * se
    theory = sg.siegert_rate(sg.E_L + sg.R * current, sigma)
    assert 0.8 * theory < theirs.mean() < theory


def test_exercise_answers_are_computed():
    on_page(math.exp(-2), ".3f", EXERCISES)
    on_page(math.exp(-2) * 2**2 / 2, ".3f", EXERCISES)
    on_page(100 / 20, ".1f", EXERCISES)
    lam_inv = 1000 / 50 - 2.0
    on_page(lam_inv / (2.0 + lam_inv), ".2f", EXERCISES)
    low, high = sg.siegert_rate(-55.0, 2.0), sg.siegert_rate(-55.0, 6.0)
    on_page(low, ".2f", EXERCISES)
    on_page(high, ".2f", EXERCISES)
    on_page(round(high / low, -1), ".0f", EXERCISES)


def test_siegert_cv_refuses_limits_it_cannot_integrate():
    with pytest.raises(ValueError, match="within \\[-25, 25\\]"):
        sg.siegert_cv(-40.0, 0.2)


# --- correlated noise: var(mean) = sigma^2 (1 + (N - 1) rho) / N -----------------------

@pytest.mark.parametrize("n, rho", [(1, 0.2), (10, 0.0), (10, 0.1), (100, 0.2), (300, 0.1)])
def test_variance_of_the_mean_of_correlated_neurons(n, rho):
    draws = 20000
    simulated = cr.simulated_var_of_mean(n, rho, draws, np.random.default_rng(1))
    expected = cr.var_of_mean(n, rho)
    # The sample variance of `draws` normal values has relative sd sqrt(2 / (draws - 1)).
    assert simulated == pytest.approx(expected, rel=5 * math.sqrt(2 / (draws - 1)))


def test_correlated_gain_saturates_and_numbers_on_page():
    assert cr.snr_gain(np.array([1, 100, 10**6]), 0.0) == pytest.approx([1, 10, 1000])
    for rho in (0.1, 0.2):
        assert cr.snr_gain(10**7, rho) == pytest.approx(1 / math.sqrt(rho), rel=1e-5)
        assert cr.snr_gain(100, rho) > 0.95 / math.sqrt(rho)     # most of the gain by N = 100
        on_page(cr.snr_gain(100, rho), ".2f")
        on_page(1 / math.sqrt(rho), ".2f")


# --- reliability of spike timing under frozen noise ---------------------------------------

@pytest.fixture(scope="module")
def reliability_run():
    return rl.run(np.random.default_rng(0))


def test_frozen_noise_gives_reliable_spike_timing(reliability_run):
    constant, replayed, _ = reliability_run
    r_const, r_frozen = rl.reliability(constant), rl.reliability(replayed)
    assert r_frozen > 0.8 and r_const < 0.4 and r_frozen > 2.5 * r_const
    rates = [np.mean([len(s) for s in trains]) / rl.T_MAX * 1000 for trains in (constant, replayed)]
    assert rates[1] == pytest.approx(rates[0], rel=0.1)        # same rate, different timing
    for value in (r_const, r_frozen):
        on_page(value, ".2f")


def test_constant_input_reliability_falls_to_chance_of_regular_trains(reliability_run):
    # Two independent regular trains at rate r: a spike of one has a spike of the other
    # within +/- w with probability 2 w r (for 2 w r < 1).
    constant, _, _ = reliability_run
    late = [s[s > rl.T_MAX / 2] for s in constant]
    rate = float(lif.rate_closed_form(rl.I_MEAN)) / 1000.0              # spikes per ms
    chance = 2 * rl.WINDOW * rate
    assert rl.reliability(late) == pytest.approx(chance, rel=0.15)
    on_page(rl.reliability(late), ".2f")
    on_page(chance, ".2f")
    on_page(1000 * rate, ".1f")


def test_reliability_measure_on_known_trains():
    train = np.arange(5.0, 1000.0, 16.0)
    assert rl.reliability([train, train, train]) == 1.0
    assert rl.reliability([train, train + 2.5]) == 0.0                   # every spike misses by 2.5 ms
    assert rl.reliability([train, train + 1.9]) == 1.0


def test_without_noise_every_trial_is_identical():
    rng = np.random.default_rng(3)
    frozen = rl.frozen_current(300.0, rng)
    trains = rl.simulate(lambda t: np.full(4, frozen[int(round(t / rl.DT))]), 300.0, 0.0, rng)
    assert len(trains[0]) > 5 and rl.reliability(trains) == 1.0
