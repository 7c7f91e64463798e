"""Learning outcomes of the snippets on the Learning pages, with their fixed seeds.

Each test imports a snippet's functions (its __main__ block does not run) and checks
what the page claims: Oja's rule finds the principal direction, backprop matches
finite differences and lowers the loss, XOR defeats one perceptron but not two
layers or one non-monotonic unit, feedback alignment learns and aligns, and depth
multiplies linear pieces.
"""

from __future__ import annotations

import numpy as np
import pytest
from test_engine import page_text

from conftest import load_snippet

# --- How synapses learn ----------------------------------------------------------------

def test_oja_vector_aligns_with_top_eigenvector_and_stays_bounded():
    oja = load_snippet("biological_learning/oja_rule.py")
    rng = np.random.default_rng(0)
    x = oja.correlated_data(rng)
    w0 = rng.normal(0.0, 0.3, size=2)
    w = oja.oja(x, w0, 0.01)[-1]
    e1 = oja.top_eigenvector(x)
    assert abs(w @ e1) / np.linalg.norm(w) > 0.99
    assert abs(np.linalg.norm(w) - 1) < 0.05           # Oja's rule normalises |w| to 1
    # The eigenvector really is the top one: numpy agrees with the data's own variance.
    projections = x @ e1
    assert np.var(projections) > np.var(x @ np.array([-e1[1], e1[0]]))


def test_plain_hebb_grows_without_bound():
    oja = load_snippet("biological_learning/oja_rule.py")
    rng = np.random.default_rng(0)
    x = oja.correlated_data(rng)
    w0 = rng.normal(0.0, 0.3, size=2)
    norms = np.linalg.norm(oja.hebb(x, w0, 0.01), axis=1)
    assert norms[-1] > 1e10 * norms[0]
    assert np.all(np.diff(norms[len(norms) // 2:]) >= 0)  # once aligned, every step grows it


def test_stdp_window_signs_and_song_parameters():
    stdp = load_snippet("biological_learning/stdp_window.py")
    assert stdp.TAU_PLUS == stdp.TAU_MINUS == 20.0
    assert stdp.A_MINUS / stdp.A_PLUS == pytest.approx(1.05)
    dt = np.linspace(-100, 100, 2001)
    dw = stdp.stdp(dt)
    assert np.all(dw[dt > 0] > 0) and np.all(dw[dt < 0] < 0)           # LTP after, LTD before
    assert stdp.stdp(10) > stdp.stdp(20) > stdp.stdp(40)                # decays with |dt|
    assert stdp.stdp(20) == pytest.approx(stdp.A_PLUS * np.exp(-1))
    area_ltp = np.trapezoid(dw[dt > 0], dt[dt > 0])
    area_ltd = np.trapezoid(dw[dt < 0], dt[dt < 0])
    assert area_ltp + area_ltd < 0                                       # depression dominates


# --- Gradient descent and backprop -----------------------------------------------------

def test_learning_rate_regimes():
    lr = load_snippet("gradient_descent/learning_rate.py")
    assert abs(lr.descend(-1.0, 0.4, 20)[-1] - 3) < 1e-9
    slow = lr.descend(-1.0, 0.05, 20)
    assert 0 < 3 - slow[-1] < 1                                          # still approaching
    assert abs(lr.descend(-1.0, 1.05, 20)[-1] - 3) > abs(-1.0 - 3)       # diverges


def test_backprop_matches_finite_differences():
    mlp = load_snippet("gradient_descent/mlp_backprop.py")
    rng = np.random.default_rng(0)
    x, y = mlp.make_rings(rng)
    params = mlp.init_params(rng)
    _, analytic = mlp.loss_and_grads(params, x, y)
    assert mlp.relative_error(analytic, mlp.numerical_grads(params, x, y)) < 1e-7


def test_backprop_training_lowers_loss_and_separates_rings():
    mlp = load_snippet("gradient_descent/mlp_backprop.py")
    rng = np.random.default_rng(0)
    x, y = mlp.make_rings(rng)
    params = mlp.init_params(rng)
    losses = mlp.train(params, x, y)
    assert losses[-1] < 0.05 * losses[0]
    assert np.mean((mlp.forward(params, x)[0] > 0.5) == y) == 1.0
    # No straight line separates the rings: the best linear classifier on the raw inputs
    # (a logistic regression trained the same way) stays near chance.
    w, b = np.zeros(2), 0.0
    for _ in range(2000):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        w -= 0.5 * x.T @ (p - y) / len(y)
        b -= 0.5 * np.mean(p - y)
    assert np.mean(((x @ w + b) > 0) == y) < 0.7


# --- XOR three ways --------------------------------------------------------------------

def test_single_perceptron_never_solves_xor():
    xor = load_snippet("xor/perceptron_fails.py")
    for seed in range(20):
        _, _, correct = xor.perceptron_rule(np.random.default_rng(seed))
        assert correct.max() <= 3
    best, tried = xor.best_on_grid()
    assert best == 3 and tried == 81 ** 3


def test_two_layer_network_solves_xor():
    xor = load_snippet("xor/two_layer.py")
    params, losses = xor.train(np.random.default_rng(0))
    out, _ = xor.forward(params, xor.X)
    assert np.all((out > 0.5) == xor.T)
    assert losses[-1] < 0.01 < losses[0]


def test_dendritic_unit_solves_xor_and_monotonic_unit_cannot():
    den = load_snippet("xor/dendritic_unit.py")
    assert np.all((den.unit_output(den.X) > 0.5) == den.T)
    # The activation is non-monotonic: largest just above threshold, smaller beyond.
    z = np.linspace(den.THETA, 3, 100)
    assert np.all(np.diff(den.dcaap_like(z)) < 0) and den.dcaap_like(den.THETA - 0.01) == 0
    # Any monotonic activation thresholded at 0.5 is a half-plane: no weights give XOR.
    values = np.linspace(-2, 2, 41)
    for w1 in values:
        for w2 in values:
            z = den.X @ np.array([w1, w2])
            for theta in values:
                out = den.sigmoid_like(z, theta=theta)
                assert not np.all((out > 0.5) == den.T)


# --- Weight transport ------------------------------------------------------------------

def test_feedback_alignment_learns_and_aligns_with_backprop():
    fa = load_snippet("weight_transport/feedback_alignment.py")
    bp_loss, bp_angle = fa.train("backprop")
    fa_loss, fa_angle = fa.train("feedback alignment")
    assert np.allclose(bp_angle, 0, atol=1e-4)
    assert bp_loss[0] == fa_loss[0]                                      # same start
    assert bp_loss[-1] < 0.05 * bp_loss[0] and fa_loss[-1] < 0.05 * fa_loss[0]
    assert fa_angle[-1] < 90 and np.mean(fa_angle[-10:]) < np.mean(fa_angle[:3]) - 20
    assert np.all(fa_angle[len(fa_angle) // 2:] < 90)


# --- Depth -----------------------------------------------------------------------------

def test_sawtooth_pieces_double_with_each_layer():
    saw = load_snippet("depth/sawtooth.py")
    x = np.linspace(0, 1, 2 ** 12 + 1)
    for depth in range(1, 9):
        assert saw.count_pieces(saw.deep_sawtooth(x, depth), x) == 2 ** depth
    # A one-hidden-layer ReLU net with n units on one input: at most n + 1 pieces
    # (each unit switches once along a line), whatever its weights.
    rp = load_snippet("depth/random_pieces.py")
    rng = np.random.default_rng(1)
    line = np.linspace(-10, 10, 20001)
    for n in (1, 3, 7, 15, 31):
        for _ in range(20):
            assert rp.count_pieces(rp.random_net(rng, [n]), line) <= n + 1


def test_random_networks_are_far_below_the_depth_bound():
    rp = load_snippet("depth/random_pieces.py")
    rng = np.random.default_rng(0)
    x = np.linspace(-3, 3, 10001)
    deep = [rp.count_pieces(rp.random_net(rng, [8, 8, 8, 8]), x) for _ in range(20)]
    assert np.mean(deep) < 100 < 9 ** 4


# --- The built pages -------------------------------------------------------------------

@pytest.mark.parametrize("page, phrases", [
    ("biological-learning", ["Oja", "LTP", "LTD", "structural", "Exercises"]),
    ("gradient-descent", ["chain rule", "learning rate", "gradient check", "Exercises"]),
    ("xor", ["linearly separable", "caricature", "Exercises"]),
    ("weight-transport", ["weight transport", "feedback alignment", "Exercises"]),
    ("predictive-coding", ["prediction error", "Hebbian", "relative error", "Exercises"]),
    ("depth", ["linear pieces", "edges", "Exercises"]),
])
def test_learning_pages_built_with_content_and_figures(site, page, phrases):
    html = (site / page / "index.html").read_text()
    text = page_text(html)
    assert "PLACEHOLDER" not in text
    assert "![" not in text, f"{page}: a figure's Markdown image did not render"
    for phrase in phrases:
        assert phrase.lower() in text.lower(), f"{page}: {phrase!r} missing"
    assert "<math" in html and "Figure 1." in html
    assert 'class="citation"' in html or "#ref-" in html
