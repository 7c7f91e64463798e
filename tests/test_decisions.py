"""The science on the decisions page: drift diffusion, attractors and a trained RNN.

- The hand-written backpropagation through time of `decision_rnn.py` equals finite
  differences of its loss (an independent computation of the same gradient).
- Its fixed-point finder finds the known roots of h = tanh(2 h): 0 and +-0.9575.
- The trained networks come close to the ideal observer, Phi(|m| sqrt(T) / sigma),
  and cannot beat it by more than sampling noise.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import load_snippet

rnn = load_snippet("decisions/decision_rnn.py")


def test_bptt_gradient_equals_finite_differences():
    p = rnn.init_params((0, 1))
    rng = np.random.default_rng(1)
    m, u = rnn.make_trials(rng, (2, 8), 12)
    y = (m > 0).astype(float)
    ends = rng.integers(3, 13, size=(2, 8))
    _, g = rnn.loss_and_grads(p, u, y, ends)
    for k in p:
        for _ in range(3):
            idx = tuple(int(rng.integers(0, n)) for n in p[k].shape)
            q = {kk: v.copy() for kk, v in p.items()}
            q[k][idx] += 1e-6
            lp, _ = rnn.loss_and_grads(q, u, y, ends)
            q[k][idx] -= 2e-6
            lm, _ = rnn.loss_and_grads(q, u, y, ends)
            assert g[k][idx] == pytest.approx((lp - lm).sum() / 2e-6, rel=1e-5, abs=1e-9)


def test_fixed_point_finder_on_a_known_map():
    # h = tanh(2 h): roots 0 and +-x with x = tanh(2 x) = 0.957504...
    root = 1.0
    for _ in range(200):
        root = math.tanh(2 * root)
    starts = np.linspace(-2, 2, 41)[:, None]
    h, q = rnn.find_fixed_points(np.array([[2.0]]), np.zeros(1), starts)
    found = np.unique(np.round(h[q < 1e-20, 0], 6))
    assert found == pytest.approx([-root, 0.0, root], abs=1e-6)
    assert root == pytest.approx(0.9575, abs=1e-4)
    pts = rnn.fixed_points(np.array([[2.0]]), np.zeros(1), starts)
    lams = sorted(lam for _, lam in pts)
    # Map Jacobian (1 - ALPHA) + ALPHA * 2 (1 - tanh^2): above 1 at 0 (a saddle here,
    # an unstable point in 1-D), below 1 at +-0.9575 (stable): two attractors.
    assert lams[-1] == pytest.approx(1 + rnn.ALPHA, abs=1e-9)
    assert lams[0] == pytest.approx(1 - rnn.ALPHA + rnn.ALPHA * 2 * (1 - root ** 2), abs=1e-6)
    assert rnn.classify(pts) == "two attractors"


def test_ideal_observer_closed_form():
    # Phi(1) = 0.8413..., Phi(0) = 0.5
    assert rnn.phi(1.0) == pytest.approx(0.841345, abs=1e-6)
    assert rnn.ideal_accuracy(0.2, t=25, sigma=1.0) == pytest.approx(0.841345, abs=1e-6)
    rng = np.random.default_rng(3)
    m, u = rnn.make_trials(rng, (1, 200_000), 20)
    sim = ((u.sum(-1) > 0) == (m > 0)).mean()
    assert sim == pytest.approx(rnn.ideal_accuracy(rnn.COHERENCES).mean(), abs=0.005)


@pytest.fixture(scope="module")
def trained():
    return rnn.train()


def test_trained_networks_approach_the_ideal_observer(trained):
    p, losses = trained
    rng = np.random.default_rng(7)
    m, u = rnn.make_trials(rng, (len(rnn.SEEDS), 20_000), rnn.T_TRAIN)
    z = rnn.readout(p, rnn.run(p, u)[:, :, -1])
    acc = ((z > 0) == (m > 0)).mean(1)
    ideal = rnn.ideal_accuracy(rnn.COHERENCES).mean()
    se = math.sqrt(ideal * (1 - ideal) / 20_000)
    assert np.all(acc <= ideal + 4 * se)          # nobody beats the ideal observer
    assert np.all(acc >= ideal - 0.03)            # and every network comes close
    # It was learned: the same networks before training are far from the ideal observer.
    p0 = rnn.init_params(rnn.SEEDS)
    acc0 = ((rnn.readout(p0, rnn.run(p0, u)[:, :, -1]) > 0) == (m > 0)).mean(1)
    assert acc0.mean() < ideal - 0.1
    assert np.all(losses[-50:].mean(0) < losses[:3].mean(0) - 0.05)
