"""Claims of the Activation functions and Firing rates vs activations pages."""

from __future__ import annotations

import math

import numpy as np
import pytest
from test_engine import page_text

from conftest import load_snippet

fn = load_snippet("activation_functions/functions.py")
van = load_snippet("activation_functions/vanishing.py")
lin = load_snippet("activation_functions/linear_collapse.py")
fr = load_snippet("rates_and_activations/fi_vs_relu.py")
sr = load_snippet("rates_and_activations/spikes_vs_rate.py")


def test_derivatives_match_finite_differences():
    z = np.linspace(-4, 4, 161)
    z = z[np.abs(z) > 1e-3]                       # ReLU and step have a kink at 0
    h = 1e-6
    slopes = fn.derivatives(z)
    for name, f in fn.FUNCTIONS.items():
        numeric = (f(z + h) - f(z - h)) / (2 * h)
        assert slopes[name] == pytest.approx(numeric, abs=1e-6), name


def test_function_values():
    assert fn.step(np.array([-1e-9, 0.0, 2.0])).tolist() == [0.0, 1.0, 1.0]
    assert fn.sigmoid(0.0) == 0.5 and np.tanh(0.0) == 0.0
    # GELU = z Phi(z): Phi(1) = 0.8413; minimum about -0.17 near z = -0.75.
    assert float(fn.gelu(np.array(1.0))) == pytest.approx(0.5 * (1 + math.erf(1 / math.sqrt(2))))
    z = np.linspace(-3, 0, 3001)
    assert fn.gelu(z).min() == pytest.approx(-0.170, abs=1e-3)
    # Sigmoid and tanh are the same curve rescaled: tanh(z) = 2 sigmoid(2z) - 1.
    assert np.tanh(z) == pytest.approx(2 * fn.sigmoid(2 * z) - 1)


def test_sigmoid_derivative_bound_and_saturation():
    z = np.linspace(-10, 10, 2001)
    d = fn.derivatives(z)["sigmoid"]
    assert d.max() == pytest.approx(0.25) and np.all(d <= 0.25)
    assert fn.derivatives(np.array([5.0]))["sigmoid"][0] < 0.01


def test_chain_of_sigmoids_shrinks_at_least_by_a_quarter_per_layer():
    for depth in (1, 5, 10, 20):
        assert van.chain_of_sigmoids(depth) <= 0.25 ** depth + 1e-15
    assert van.chain_of_sigmoids(20) < 1e-12


def test_deep_network_gradients_vanish_for_sigmoid_not_relu():
    sig = van.gradient_norms("sigmoid")
    tanh = van.gradient_norms("tanh")
    relu = van.gradient_norms("ReLU")
    assert sig[0] / sig[-1] < 1e-12                    # vanished across 30 layers
    assert np.all(np.diff(sig) > 0)                    # shrinks at every layer going back
    assert 1e-3 < tanh[0] / tanh[-1] < 1               # shrinks, far less
    assert 0.1 < relu[0] / relu[-1] < 10               # roughly preserved


def test_stacked_linear_layers_are_one_linear_map():
    rng = np.random.default_rng(3)
    w1, w2, w3 = rng.normal(size=(2, 5)), rng.normal(size=(5, 7)), rng.normal(size=(7, 3))
    x = rng.normal(size=(10, 2))
    assert ((x @ w1) @ w2) @ w3 == pytest.approx(x @ (w1 @ w2 @ w3))
    # With zero biases, the trained "linear" network is exactly one matrix on its input.
    x, y = lin.rings(np.random.default_rng(0))
    params = lin.train(x, y, "linear", steps=300)
    zs, hs = lin.forward(params, x, "linear")
    w = params[0][0] @ params[1][0] @ params[2][0]
    b = (params[0][1] @ params[1][0] + params[1][1]) @ params[2][0] + params[2][1]
    assert zs[-1] == pytest.approx(x @ w + b)


def test_linear_network_fails_on_rings_relu_network_succeeds():
    rng = np.random.default_rng(0)
    for shape in ((2, 16), (16, 16), (16, 1), (5, 2)):
        rng.normal(size=shape)
    x, y = lin.rings(rng)
    linear = lin.accuracy(lin.train(x, y, "linear"), x, y, "linear")
    relu = lin.accuracy(lin.train(x, y, "relu"), x, y, "relu")
    assert linear < 0.65                                # a straight line cannot separate rings
    assert relu > 0.97


# --- Firing rates vs activations --------------------------------------------------------

def test_lif_rate_against_relu_and_softplus():
    i = np.linspace(0, 2, 201)
    assert np.all(fr.lif_rate(i) == 0) and np.all(fr.relu(i, 50.0) == 0)
    a = fr.fitted_relu_slope()
    assert 40 < a < 70
    # Near rheobase the neuron rises faster than any ReLU with the same threshold ...
    assert fr.lif_rate(2.1) > 3 * fr.relu(2.1, a)
    # ... and for strong input it saturates below 1/t_ref while the ReLU grows without bound.
    assert fr.lif_rate(1e4) < 500 and fr.relu(1e4, a) > 1e5
    i = np.linspace(3, 60, 500)
    assert np.all(np.diff(fr.lif_rate(i), 2) < 0)      # concave
    assert np.all(fr.softplus(i, a) >= fr.relu(i, a) * (1 - 1e-12))  # softplus lies above its ReLU
    assert fr.softplus(2.0, a) == pytest.approx(a * np.log(2) / 3)


def test_rate_estimates_are_quantised_by_the_window():
    spikes = sr.lif_spikes()
    for window in (20.0, 100.0):
        _, rate = sr.windowed_rate(spikes, window)
        assert np.allclose(rate % (1000 / window), 0)
    # No spikes while the input is below rheobase (the trough of the sine).
    # The input is below it from 237.5 to 362.5 ms and from 637.5 to 762.5 ms; allow
    # 20 ms for the membrane to fall from threshold.
    for start, end in ((237.5, 362.5), (637.5, 762.5)):
        assert sr.current(np.array([start + 0.1, end - 0.1])).max() < 2.0
        assert not np.any((spikes > start + 20) & (spikes < end))


def test_pages(site):
    act = page_text((site / "activation-functions" / "index.html").read_text())
    assert "GELU" in act and "Exercises" in act and "Hendrycks" in act
    rates = page_text((site / "rates-and-activations" / "index.html").read_text())
    assert "McCulloch" in rates and "Exercises" in rates
