"""The science on the training-spiking-networks page.

- The BPTT backward pass is the exact gradient of the smooth (sigmoid) network:
  checked against central finite differences.
- With the hard spike in the forward pass, the surrogate-gradient network learns the
  task well beyond chance, with the page's seed.
- The IF neuron with reset by subtraction fires floor(a T) spikes in T steps (closed
  form), its rate is within 1/T of ReLU(a), and Brian2 agrees.
- The conversion error shrinks as the simulation time T grows.
"""

from __future__ import annotations

import re
import sys

import numpy as np
import pytest

from conftest import ROOT, load_snippet

snn = load_snippet("spiking_networks/snn.py")
task = load_snippet("spiking_networks/task.py")
train = load_snippet("spiking_networks/train_snn.py")
conv = load_snippet("spiking_networks/conversion.py")


def test_bptt_gradient_matches_finite_differences_of_the_smooth_network():
    rng = np.random.default_rng(0)
    steps, batch, n_in, n_hidden, n_out = 8, 4, 5, 4, 3
    x = (rng.random((steps, batch, n_in)) < 0.4).astype(float)
    y = rng.integers(0, n_out, batch)
    w1 = rng.normal(0, 1.0, (n_hidden, n_in))
    w2 = rng.normal(0, 1.0, (n_out, n_hidden))
    _, g1, g2 = snn.loss_and_grads(w1, w2, x, y, smooth=True)
    eps = 1e-6
    for w, g in ((w1, g1), (w2, g2)):
        numeric = np.zeros_like(w)
        for idx in np.ndindex(w.shape):
            old = w[idx]
            w[idx] = old + eps
            plus = snn.loss_and_grads(w1, w2, x, y, smooth=True)[0]
            w[idx] = old - eps
            minus = snn.loss_and_grads(w1, w2, x, y, smooth=True)[0]
            w[idx] = old
            numeric[idx] = (plus - minus) / (2 * eps)
        assert np.abs(g).max() > 1e-3                       # the check is not vacuous
        assert g == pytest.approx(numeric, rel=1e-5, abs=1e-8)


def test_hard_spikes_have_zero_true_gradient_almost_everywhere():
    # The reason for the surrogate: nudging a weight does not change any spike.
    rng = np.random.default_rng(1)
    x = (rng.random((20, 4, 5)) < 0.3).astype(float)
    rng.integers(0, 3, 4)  # the labels' draw: the generator's state as the page's run
    w1, w2 = rng.normal(0, 1.0, (4, 5)), rng.normal(0, 1.0, (3, 4))
    _, (_, s0) = snn.forward(w1, w2, x)
    _, (_, s1) = snn.forward(w1 + 1e-7, w2, x)
    assert s0.sum() > 0 and np.array_equal(s0, s1)


def test_surrogate_training_beats_chance_by_a_wide_margin():
    params, history = train.train()
    assert sum(p.size for p in params) == 230
    chance = 1 / task.N_CLASSES
    assert history[0, 2] < chance + 0.15                   # starts near chance
    assert history[-1, 2] >= chance + 0.5                  # ends at least 50 points above it
    assert history[-1, 1] < 0.5 * history[0, 1]            # and the loss has at least halved
    # The trained hidden layer really spikes (the readout is not bypassing the spikes).
    rng = np.random.default_rng(5)
    x, _ = task.sample(task.templates(np.random.default_rng(0)), 50, rng)
    _, (_, spikes) = snn.forward(*params, x)
    assert 0 < spikes.mean() < 0.9


@pytest.mark.parametrize("steps", [7, 10, 64, 1000])
def test_if_rate_is_the_floor_closed_form_and_within_one_over_t_of_relu(steps):
    a = np.linspace(-0.5, 1.0, 301) + 1e-4                 # stay off exact multiples of 1/T
    rate = conv.if_rate(a, steps)
    assert np.array_equal(rate * steps, np.floor(np.clip(a, 0, 1) * steps))
    assert np.array_equal(rate, conv.if_rate_closed_form(a, steps))
    assert np.all(np.abs(rate - np.clip(a, 0, 1)) < 1.0 / steps)


@pytest.mark.slow  # a Brian2 cross-check (Brian2 generates code for each model): in `make test`, not `make quick`
def test_brian2_if_neuron_with_reset_by_subtraction_agrees():
    """Brian2 integrates dv/dt = a / dt with its own code (numpy target), threshold 1,
    reset v -= 1: in T steps it must fire floor(a T) spikes, as the closed form says."""
    b2 = pytest.importorskip("brian2")
    b2.prefs.codegen.target = "numpy"
    b2.start_scope()
    a = np.array([-0.2, 0.0, 0.013, 0.1234, 0.3711, 0.5001, 0.8123, 0.999])
    steps = 200
    group = b2.NeuronGroup(len(a), "dv/dt = drive / ms : 1\ndrive : 1",
                           threshold="v >= 1", reset="v -= 1", method="euler", dt=1 * b2.ms)
    group.drive = a
    monitor = b2.SpikeMonitor(group)
    b2.run(steps * b2.ms)
    counts = np.asarray(monitor.count)
    assert np.array_equal(counts, np.floor(np.clip(a, 0, 1) * steps).astype(int))
    assert np.array_equal(counts, (conv.if_rate(a, steps) * steps).round().astype(int))


def test_conversion_error_shrinks_with_simulation_time():
    rng = np.random.default_rng(0)
    x, y = conv.moons(400, rng)
    x_test, y_test = conv.moons(400, rng)
    ws = conv.normalise(conv.train_relu_net(x, y, rng), x)
    ann = conv.relu_layers(ws, x_test)
    assert np.mean(ann[-1].argmax(1) == y_test) > 0.95
    errors = np.array([[np.mean(np.abs(s - h)) for s, h in zip(conv.snn_rates(ws, x_test, t), ann)]
                       for t in conv.T_VALUES])
    assert np.all(np.diff(errors, axis=0) < 0)             # monotone in T, every layer
    # Roughly 1/T: each doubling of T at least roughly halves the first layer's error.
    assert np.all(errors[1:, 0] / errors[:-1, 0] < 0.6)
    agree = np.mean(conv.snn_rates(ws, x_test, 1024)[-1].argmax(1) == ann[-1].argmax(1))
    assert agree > 0.99


def test_exercise_answer_on_page_is_computed():
    # Exercise: spikes an IF neuron with input 0.37 fires in 50 steps.
    text = (ROOT / "docs" / "spiking-networks.md").read_text()
    answer = re.search(r"fires \*\*(\d+) spikes\*\*", text)
    assert answer and int(answer.group(1)) == int(conv.if_rate(0.37, 50)[()] * 50 + 0.5)


def test_surrogate_steepness_exercise_numbers():
    text = (ROOT / "docs" / "spiking-networks.md").read_text()
    stated = [float(v) for v in re.findall(r"\*\*([0-9.]+)\*\* with `K = ", text)]
    assert len(stated) == 3
    used = sys.modules[train.loss_and_grads.__module__]     # the snn module train_snn imported
    results = []
    try:
        for k in (0.5, 5.0, 50.0):
            used.K = k
            _, history = train.train()
            after_50 = history[history[:, 0] == 50][0, 2]
            results.append(round(after_50, 2))
            assert history[-1, 2] > 0.95
    finally:
        used.K = 5.0
    assert results == stated


def test_spike_time_gradient_exercise_numbers():
    """Exercise 5: an LIF neuron with constant input w from rest, V = w (1 - exp(-t/tau)),
    first reaches threshold 1 at t* = tau ln(w/(w-1)); dt*/dw = -tau/(w(w-1)). The page's
    numbers are parsed and compared with a simulation (exact exponential steps of
    0.001 ms, crossing found by linear interpolation) and a finite difference of it."""
    text = (ROOT / "docs" / "spiking-networks.md").read_text(encoding="utf-8")
    solution = text[text.index("5. A leaky integrate-and-fire neuron in continuous time"):]
    t_written = float(re.search(r"\*\*(\d+\.\d+) ms\*\*", solution).group(1))
    slope_written = float(re.search(r"\*\*\$-(\d+)\$ ms\*\*", solution).group(1))
    tau, dt = 10.0, 1e-3

    def first_spike(w):
        t = np.arange(0.0, 100.0, dt)
        v = w * (1.0 - np.exp(-t / tau))
        k = np.flatnonzero(v >= 1.0)
        if len(k) == 0:
            return None
        k = k[0]
        return t[k - 1] + dt * (1.0 - v[k - 1]) / (v[k] - v[k - 1])

    assert first_spike(2.0) == pytest.approx(tau * np.log(2.0), abs=1e-5)
    assert t_written == pytest.approx(first_spike(2.0), abs=0.005)
    h = 1e-3
    slope = (first_spike(2.0 + h) - first_spike(2.0 - h)) / (2 * h)
    assert slope == pytest.approx(-tau / (2.0 * 1.0), rel=1e-3)
    assert -slope_written == pytest.approx(slope, rel=1e-3)
    # Below threshold input there is no spike; near it the derivative grows without bound.
    assert first_spike(0.99) is None
    assert abs((first_spike(1.011) - first_spike(1.009)) / 0.002) > 100 * abs(slope)


def test_reset_to_zero_falls_below_the_relu_where_subtraction_does_not():
    """The page's correction: Diehl et al. (2015) reset to zero, which discards the charge
    above threshold at each spike; reset by subtraction (Rueckauer et al. 2016, 2017)
    keeps it. Written out here independently of the snippet: for a = 0.625 per step the
    zero-reset neuron needs two steps per spike (rate 0.5), the subtracting one fires
    floor(0.625 T) spikes (rate 0.625)."""
    def count(a, steps, subtract):
        v, n = 0.0, 0
        for _ in range(steps):
            v += a
            if v >= 1.0:
                n += 1
                v = v - 1.0 if subtract else 0.0
        return n

    steps = 1000
    for a in np.arange(1, 17) / 16:                 # exact in binary: no rounding in the sums
        by_subtraction, to_zero = count(a, steps, True), count(a, steps, False)
        assert by_subtraction == conv.if_rate(a, steps) * steps
        assert to_zero <= by_subtraction
        # Reset to zero: one spike every ceil(1/a) steps, whatever the remainder.
        assert to_zero == steps // int(np.ceil(1 / a))
    assert count(0.625, steps, False) / steps == 0.5
    assert count(0.625, steps, True) / steps == 0.625
    assert 0.625 - count(0.625, steps, False) / steps > 10 / steps   # far outside the 1/T bound


surr = load_snippet("spiking_networks/surrogate.py")


@pytest.mark.parametrize("k", [2.0, 5.0, 10.0])
def test_surrogate_derivative_is_the_sigmoids_derivative_with_the_closed_form_peak_width_and_area(k):
    # The figure's surrogate is d/dV sig(k(V - 1)) (finite differences), peaks at k/4 on
    # the threshold, is half as high half_width(k)/2 away, and encloses area 1 (as the
    # step's derivative does): the numbers the page and the printed result state.
    v = np.linspace(-8.0, 10.0, 180001)
    eps = 1e-6
    numeric = (snn.sig(k * (v + eps - 1.0)) - snn.sig(k * (v - eps - 1.0))) / (2 * eps)
    assert surr.surrogate(v, k) == pytest.approx(numeric, abs=1e-6)
    assert surr.surrogate(1.0, k) == pytest.approx(k / 4)
    assert v[np.argmax(surr.surrogate(v, k))] == pytest.approx(1.0, abs=1e-4)
    for side in (-1, 1):
        assert surr.surrogate(1.0 + side * surr.half_width(k) / 2, k) == pytest.approx(k / 8, rel=1e-9)
    assert np.trapezoid(surr.surrogate(v, k), v) == pytest.approx(1.0, rel=1e-6)
    assert surr.half_width(k) == pytest.approx(3.5255 / k, rel=1e-4)


def test_surrogate_figure_uses_the_networks_slope():
    assert surr.K == snn.K == 5.0 and snn.K in surr.SLOPES
