"""The science on the continuous-attractors page: ring, diffusion, line integrator, RNN and LSTM.

- The ring network (Ben-Yishai et al. 1995 weights) holds a bump whose half-width and
  height are the closed form, at any angle, without input.
- With Zhang's (1996) odd weight component of strength gamma the bump turns at
  exactly gamma / tau (the first Fourier mode's equation), keeping its shape.
- With noise, the bump's position diffuses: variance linear in t, at the rate
  s^2 / (2 N |z|^2) given by projecting the noise on the bump's motion (the idea of
  Burak & Fiete 2012), so the rate grows as the noise variance s^2.
- Seung's (1996) line attractor: lam = 1 integrates pulses and holds the sum; mistuned
  by epsilon it leaks or explodes as exp(epsilon t / tau).
- A linear RNN holds a^t h_0; a tanh RNN at w = 1 decays like sqrt(3 / (2 t)), at w > 1
  keeps only a sign; an LSTM cell holds f^t c_0 and its noise variance is
  sigma^2 (1 - f^(2t)) / (1 - f^2) (sigma^2 t at f = 1).
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from conftest import ROOT, load_snippet

ring = load_snippet("continuous_attractors/ring_attractor.py")
diff = load_snippet("continuous_attractors/ring_diffusion.py")
line = load_snippet("continuous_attractors/line_integrator.py")
rnn = load_snippet("continuous_attractors/rnn_lstm_memory.py")

PAGE = (ROOT / "docs" / "continuous-attractors.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def bump():
    return ring.make_bump(0.0, np.random.default_rng(0))


def test_bump_profile_is_the_closed_form(bump):
    tc, a = ring.bump_closed_form()
    assert tc == pytest.approx(np.pi / 2, abs=1e-9)          # J1 = 4: the half-width is exactly 90 degrees
    assert a == pytest.approx(np.pi / 2, rel=1e-9)           # and the height -pi I0 / J0
    theory = a * np.maximum(np.cos(ring.THETA - ring.position(bump)) - np.cos(tc), 0.0)
    assert np.max(np.abs(bump - theory)) < 1e-3 * a


@pytest.mark.parametrize("j1", [3.0, 5.0])
def test_bump_width_follows_the_self_consistency_condition(j1):
    tc, a = ring.bump_closed_form(j1=j1)
    assert j1 / (2 * np.pi) * (tc - np.sin(tc) * np.cos(tc)) == pytest.approx(1.0, abs=1e-9)
    r = 0.3 + 0.01 * np.random.default_rng(1).random(ring.N)
    r, _ = ring.run(r, 5.0, cue=0.0, j1=j1)
    r, _ = ring.run(r, 40.0, j1=j1)
    active = np.mean(r > 1e-6) * np.pi                      # half-width from the active fraction
    assert active == pytest.approx(tc, abs=2 * np.pi / ring.N)
    assert r.max() == pytest.approx(a * (1 - np.cos(tc)), rel=0.01)


def test_no_bump_below_the_instability_j1_equal_2():
    # Below J1 = 2 the uniform state is stable (Ben-Yishai et al. 1995): the cue's bump dies.
    r = 0.3 + 0.01 * np.random.default_rng(2).random(ring.N)
    r, _ = ring.run(r, 5.0, cue=0.0, j1=1.5)
    r, _ = ring.run(r, 60.0, j1=1.5)
    assert np.ptp(r) < 1e-3
    r, _ = ring.run(0.3 + 0.01 * np.random.default_rng(2).random(ring.N), 60.0, j1=2.5)
    assert np.ptp(r) > 0.5                                  # above it a bump forms even from noise


@pytest.mark.parametrize("angle", [0.3, 2.0, -2.5, 2 * np.pi * 10.5 / 128])
def test_bump_holds_any_angle_without_input(angle):
    r = ring.make_bump(angle, np.random.default_rng(3))
    _, path = ring.run(r, 100.0)
    assert abs(np.angle(np.exp(1j * (path[0] - angle)))) < 0.02
    assert np.max(np.abs(path - path[0])) < 1e-3            # no drift over 100 tau


def test_turning_speed_is_gamma_over_tau():
    rng = np.random.default_rng(4)
    for gamma in (-0.15, 0.05, 0.1, 0.3):
        assert ring.speed(gamma, rng) == pytest.approx(gamma, rel=0.01)
    assert abs(ring.speed(0.0, rng)) < 1e-5


def test_moving_bump_keeps_its_shape(bump):
    # Once moving, the profile travels rigidly: ten tau later it is the same profile, shifted.
    r1, _ = ring.run(bump, 30.0, gamma=0.1)
    r2, _ = ring.run(r1, 10.0, gamma=0.1)
    shift = np.angle(np.exp(1j * (ring.position(r2) - ring.position(r1))))
    assert shift == pytest.approx(0.1 * 10.0, rel=0.01)
    moved = np.interp((ring.THETA - shift) % (2 * np.pi), np.r_[ring.THETA, 2 * np.pi], np.r_[r1, r1[0]])
    assert np.max(np.abs(r2 - moved)) < 0.01 * r1.max()
    # The page: the moving bump's input has the still bump's half-width (90 degrees); the
    # rates lag behind it, with a lower peak (1.564 against the still bump's 1.571) and an
    # exponentially decaying tail behind the bump: above 1 % of the peak they span about
    # -97 to +92 degrees about the bump's centre, while any rate above 1e-6 reaches much
    # further back (the tail) than forward.
    step = 180.0 / ring.N                                    # degrees per neuron, as a half-width
    drive = ring.I0 + ring.weights(0.1) @ r2
    assert np.mean(drive > 0) * 180 == pytest.approx(90.0, abs=step)
    assert np.mean(bump > 1e-6) * 180 == pytest.approx(90.0, abs=step)
    text = " ".join(PAGE.split())
    peak, still = re.search(r"peak ([\d.]+) instead of ([\d.]+)\)", text).groups()
    back, ahead = re.search(r"above 1 % of its peak it spans −(\d+)° to \+(\d+)° about its centre", text).groups()
    ang = np.degrees(np.angle(np.exp(1j * (ring.THETA - ring.position(r2)))))
    above = ang[r2 > 0.01 * r2.max()]
    assert -above.min() == pytest.approx(float(back), abs=2 * step)
    assert above.max() == pytest.approx(float(ahead), abs=2 * step)
    tail = ang[r2 > 1e-6]
    assert -tail.min() > above.max() + 30     # the tail trails behind: far longer than the front
    assert r2.max() == pytest.approx(float(peak), abs=5e-4)
    assert bump.max() == pytest.approx(float(still), abs=5e-4)


def test_weights_are_even_plus_odd_components():
    w0, w1 = ring.weights(0.0), ring.weights(0.2)
    assert np.allclose(w0, w0.T)
    odd = w1 - w0
    assert np.allclose(odd, -odd.T)


def test_diffusion_fast_drift_equals_the_weight_matrix(bump):
    # drift() computes W r from three sums; it must equal the full weight matrix's result.
    rng = np.random.default_rng(0)
    r = np.vstack([bump, np.roll(bump, 17) * 0.8 + 0.1, rng.random(ring.N)])
    full = -r + np.maximum(ring.I0 + r @ ring.weights().T, 0.0)
    assert np.allclose(diff.drift(r), full, atol=1e-12)
    times, angles = diff.noisy_positions(bump, 0.0, rng, trials=2, t_total=10.0)
    assert np.max(np.abs(angles)) < 1e-6                    # without noise the bump stays put


@pytest.fixture(scope="module")
def diffusion_runs(bump):
    rng = np.random.default_rng(5)
    out = {}
    for s in (0.1, 0.2):
        times, angles = diff.noisy_positions(bump, s, rng, trials=1000)
        out[s] = (times, angles)
    return out


def test_variance_grows_linearly_in_time(diffusion_runs):
    for _s, (times, angles) in diffusion_runs.items():
        var = angles.var(axis=0)
        slope, intercept = np.polyfit(times, var, 1)
        fitted = slope * times + intercept
        assert abs(intercept) < 0.1 * slope * times[-1]
        assert np.max(np.abs(var - fitted)) < 0.1 * var[-1]
        # a sqrt(t) or t^2 law would fit badly: the log-log slope is 1
        late = times > 10
        assert np.polyfit(np.log(times[late]), np.log(var[late]), 1)[0] == pytest.approx(1.0, abs=0.1)


def test_diffusion_rate_matches_the_projection_and_scales_with_noise_variance(bump, diffusion_runs):
    slopes = {}
    for s, (times, angles) in diffusion_runs.items():
        slopes[s], _ = diff.variance_slope(times, angles)
        assert slopes[s] == pytest.approx(2 * diff.diffusion_prediction(bump, s), rel=0.12)
    assert slopes[0.2] / slopes[0.1] == pytest.approx(4.0, rel=0.2)


def test_twice_the_neurons_halve_the_diffusion(diffusion_runs):
    # Exercise 3: with the same bump profile and noise, 2N neurons diffuse half as fast.
    # The same Euler-Maruyama steps as ring_diffusion.py, written here for any N.
    n = 2 * ring.N
    theta = 2 * np.pi * np.arange(n) / n
    cos, sin = np.cos(theta), np.sin(theta)
    tc, a = ring.bump_closed_form()

    def step(r, s, rng):
        x, y = r @ cos / n, r @ sin / n
        h = ring.I0 + ring.J0 * r.mean(axis=1, keepdims=True) + ring.J1 * (x[:, None] * cos + y[:, None] * sin)
        return r + diff.DT * (-r + np.maximum(h, 0.0)) + s * np.sqrt(diff.DT) * rng.standard_normal(r.shape)

    rng = np.random.default_rng(8)
    r = np.tile(a * np.maximum(np.cos(theta) - np.cos(tc), 0.0), (1000, 1))
    times = []
    angles = []
    for k in range(1, int(round(diff.T_TOTAL / diff.DT)) + 1):
        r = step(r, 0.2, rng)
        if k % 5 == 0:
            times.append(k * diff.DT)
            angles.append(np.arctan2(r @ sin, r @ cos))
    slope_2n, _ = diff.variance_slope(np.array(times), np.unwrap(np.array(angles).T, axis=1))
    slope_n, _ = diff.variance_slope(*diffusion_runs[0.2])
    assert slope_2n / slope_n == pytest.approx(0.5, rel=0.15)


def test_diffusion_prediction_is_the_closed_form(bump):
    # |z| = A / J1 for the stationary bump, so D = s^2 J1^2 / (4 N A^2).
    tc, a = ring.bump_closed_form()
    d = diff.diffusion_prediction(bump, 0.1)
    assert d == pytest.approx(0.1**2 * ring.J1**2 / (4 * ring.N * a**2), rel=1e-3)


@pytest.mark.parametrize("lam", [0.9, 0.97, 1.02, 1.05])
def test_mistuned_integrator_follows_exp_epsilon_t(lam):
    t, xs = line.simulate(lam, x0=(0.7, 0.7), t_total=30.0, pulses=())
    held = xs @ line.E
    closed = held[0] * np.exp((lam - 1) * t)
    assert np.max(np.abs(held / closed - 1)) < 0.01
    assert line.memory_time_constant(lam) == pytest.approx(1 / abs(lam - 1))


def test_tuned_integrator_adds_pulses_and_holds_the_sum():
    t, xs = line.simulate(1.0)
    held = xs @ line.E
    assert held[-1] == pytest.approx(len(line.PULSES) * line.PULSE_SIZE, rel=1e-9)
    after_first = (t > 15) & (t < 35)
    assert np.ptp(held[after_first]) < 1e-12


def test_off_line_component_decays_with_tau():
    t, xs = line.simulate(1.0, x0=(1.0, -1.0), t_total=5.0, pulses=())
    across = xs @ np.array([1.0, -1.0]) / np.sqrt(2)
    assert across[-1] == pytest.approx(np.sqrt(2) * (1 - line.DT) ** len(t[1:]), rel=1e-9)
    assert across[-1] == pytest.approx(np.sqrt(2) * np.exp(-5.0), rel=0.03)


def test_linear_rnn_and_lstm_closed_forms():
    for a in (0.9, 1.0, 1.01):
        assert np.allclose(rnn.linear_rnn(a, 0.6), 0.6 * a ** np.arange(rnn.STEPS + 1))
    for f in (1.0, 0.99, 0.5):
        c = rnn.lstm_cell(f, 0.6, np.zeros(rnn.STEPS))
        assert np.allclose(c[0], 0.6 * f ** np.arange(rnn.STEPS + 1))
    assert np.all(rnn.lstm_cell(1.0, 0.6, np.zeros(1000)) == 0.6)   # held exactly


def test_tanh_rnn_at_w_1_decays_as_sqrt_3_over_2t():
    h = rnn.tanh_rnn(1.0, 0.6, steps=5000)
    assert h[5000] == pytest.approx(np.sqrt(3 / (2 * 5000)), rel=0.02)
    assert np.all(np.diff(h) < 0)


def test_tanh_rnn_above_1_keeps_only_a_sign():
    hstar = rnn.tanh_fixed_point(1.5)
    assert hstar == pytest.approx(np.tanh(1.5 * hstar), abs=1e-12)
    for h0 in (0.05, 0.3, 0.9, 2.0):
        assert rnn.tanh_rnn(1.5, h0)[-1] == pytest.approx(hstar, abs=1e-9)
        assert rnn.tanh_rnn(1.5, -h0)[-1] == pytest.approx(-hstar, abs=1e-9)


def test_lstm_noise_variance_closed_form():
    rng = np.random.default_rng(6)
    sigma, trials = 0.1, 4000
    writes = sigma * rng.standard_normal((trials, rnn.STEPS))
    t = np.arange(rnn.STEPS + 1)
    for f in (1.0, 0.98):
        var = rnn.lstm_cell(f, 0.0, writes).var(axis=0)
        closed = sigma**2 * t if f == 1 else sigma**2 * (1 - f ** (2 * t)) / (1 - f**2)
        assert np.allclose(var[1:], closed[1:], rtol=0.1)


def test_unequal_drives_break_the_ring():
    # With each neuron's drive 1% different at random, bumps no longer stay where they
    # were put (the page: "six drift by 0.19 to 0.57 radians within 300 tau and two barely move").
    hetero = ring.I0 * (1 + 0.01 * np.random.default_rng(7).standard_normal(ring.N))
    drifts = []
    for angle in np.linspace(0, 2 * np.pi, 8, endpoint=False):
        r = ring.make_bump(angle, np.random.default_rng(1))
        _, path = ring.run(r, 300.0, i0=hetero)
        drifts.append(abs(path[-1] - path[0]))
    drifts = np.sort(drifts)
    text = " ".join(PAGE.split())
    low, high = map(float, re.search(r"six drift by ([\d.]+) to ([\d.]+) radians within", text).groups())
    assert np.all(drifts[:2] < 0.02)                         # two barely move
    assert round(drifts[2], 2) == low and round(drifts[-1], 2) == high
    _, path = ring.run(ring.make_bump(0.0, np.random.default_rng(1)), 300.0)
    assert abs(path[-1] - path[0]) < 1e-3                    # the same run with equal drives


def test_exercise_answers_are_computed():
    section = PAGE.split("## Exercises", 1)[1]
    ex = {int(m.group(1)): m.group(2) for m in re.finditer(r"^(\d)\. (.*?)(?=^\d\. |\Z)", section, re.M | re.S)}
    # 1: a full turn takes 2 pi tau / gamma, and the simulated speed is gamma / tau.
    turn = float(re.search(r"\\approx (\d+)\\,\\tau", ex[1]).group(1))
    assert turn == round(2 * np.pi / 0.05)
    assert "$0.0500$" in ex[1] and ring.speed(0.05, np.random.default_rng(0)) == pytest.approx(0.05, abs=5e-5)
    # 2: memory time constant tau / (1 - lam) of 100 and 1000 tau.
    for target, written in zip((100, 1000), re.findall(r"1 - \\lambda \\le ([\d.]+)", ex[2])):
        assert float(written) == pytest.approx(1 / target)
        t, xs = line.simulate(1 - float(written), x0=(1.0, 1.0), t_total=target, pulses=())
        assert (xs[-1] @ line.E) / (xs[0] @ line.E) == pytest.approx(np.exp(-1), rel=0.01)
    # 3: D = s^2 / (4 N |z|^2): doubling N scales the sd by 1/sqrt(2), doubling s by 2.
    assert float(re.search(r"\\approx ([\d.]+)\$", ex[3]).group(1)) == pytest.approx(1 / np.sqrt(2), abs=0.005)
    bump128 = ring.make_bump(0.0, np.random.default_rng(0))
    assert diff.diffusion_prediction(bump128, 0.2) == pytest.approx(4 * diff.diffusion_prediction(bump128, 0.1))
    assert "variance by 4" in ex[3] and "deviation by 2" in ex[3]
    # 4: 0.99^t halves at t = ln 2 / -ln 0.99.
    steps = int(re.search(r"\\approx (\d+)\$ steps", ex[4]).group(1))
    assert steps == round(np.log(2) / -np.log(0.99))
    c = rnn.lstm_cell(0.99, 1.0, np.zeros(steps))[0]
    assert c[steps] == pytest.approx(0.5, abs=0.002)
    # 5: sqrt(3 / 2000) and the iterated tanh map from h0 = 1 and 0.5.
    written = [float(x) for x in re.findall(r"\$(0\.0\d+)\$", ex[5])]
    assert written and all(x == pytest.approx(np.sqrt(3 / 2000), abs=5e-4) for x in written)
    for h0 in (1.0, 0.5):
        assert rnn.tanh_rnn(1.0, h0, steps=1000)[-1] == pytest.approx(0.039, abs=5e-4)
