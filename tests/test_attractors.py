"""The science on the attractors page: Hopfield energy, fixed points, capacity, attention.

- Asynchronous updates never raise the energy E = -1/2 s^T W s (Hopfield 1982).
- At low load every stored pattern is a fixed point.
- The simulated capacity is near alpha_c = 0.138 (Amit, Gutfreund & Sompolinsky 1985).
- One modern Hopfield update is softmax attention, exactly (Ramsauer et al. 2021);
  beta -> infinity retrieves the nearest pattern, beta -> 0 the mean.
- The update is a concave-convex step: Ramsauer et al.'s energy never rises along
  updates, and iterating from a noisy cue reaches the stored pattern.
- Updating every neuron at once (Little 1974) keeps stored patterns as fixed points
  but can end in a cycle of two states, which one-at-a-time updates never do.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from conftest import ROOT, load_snippet

hop = load_snippet("attractors/hopfield.py")
cap = load_snippet("attractors/capacity.py")
mod = load_snippet("attractors/modern_hopfield.py")
syn = load_snippet("attractors/synchronous.py")


def test_energy_never_increases_under_asynchronous_updates():
    rng = np.random.default_rng(3)
    for n, p in ((60, 3), (100, 12), (100, 30)):           # below, near and far above capacity
        patterns = rng.choice([-1.0, 1.0], size=(p, n))
        w = hop.store(patterns)
        assert np.allclose(w, w.T) and np.all(np.diag(w) == 0)  # the two conditions the proof needs
        for _ in range(3):
            start = rng.choice([-1.0, 1.0], size=n)
            final, states = hop.run_async(w, start, rng, sweeps=50)
            e = np.array([hop.energy(w, s) for s in states])
            assert np.all(np.diff(e) <= 1e-12)
            # It stops at a fixed point: no single flip lowers the energy further.
            assert np.all(np.where(w @ final >= 0, 1.0, -1.0) == final)


def test_energy_change_of_one_flip_is_the_closed_form():
    # Flipping neuron i from s_i to -s_i changes E by 2 s_i h_i (h = W s, zero diagonal).
    rng = np.random.default_rng(0)
    patterns = rng.choice([-1.0, 1.0], size=(5, 50))
    w = hop.store(patterns)
    s = rng.choice([-1.0, 1.0], size=50)
    h = w @ s
    for i in range(50):
        flipped = s.copy()
        flipped[i] *= -1
        assert hop.energy(w, flipped) - hop.energy(w, s) == pytest.approx(2 * s[i] * h[i])


def test_stored_patterns_are_fixed_points_at_low_load():
    rng = np.random.default_rng(1)
    n, p = 200, 10                                          # alpha = 0.05, far below 0.138
    patterns = rng.choice([-1.0, 1.0], size=(p, n))
    w = hop.store(patterns)
    for xi in patterns:
        assert np.all(np.where(w @ xi >= 0, 1.0, -1.0) == xi)


def test_corrupted_cues_are_completed():
    rng = np.random.default_rng(0)
    n, p = 100, 5
    patterns = rng.choice([-1.0, 1.0], size=(p, n))
    w = hop.store(patterns)
    for xi in patterns:
        final, _ = hop.run_async(w, hop.corrupt(xi, 0.3, rng), rng, record=False)
        assert final @ xi / n == 1.0


def test_capacity_near_0138_with_finite_size_tolerance():
    """The large-N theory says retrieval (overlap >= 0.967) exists up to alpha_c = 0.138
    and not above. At N = 400 the transition is smeared over a few hundredths: the
    number of patterns that destabilise fluctuates like sqrt(P), and known finite-N
    corrections shift the apparent threshold upwards. So the load where the mean final
    overlap falls below 0.9 must lie within 0.03 of 0.138, and the overlap must be near 1
    well below it and clearly lower well above it."""
    rng = np.random.default_rng(1)
    overlaps = [cap.final_overlaps(cap.N, a, rng) for a in cap.ALPHAS]
    alpha = cap.crossing(cap.ALPHAS, overlaps)
    assert abs(alpha - cap.ALPHA_C) < 0.03
    means = dict(zip(cap.ALPHAS, (o.mean() for o in overlaps)))
    assert means[0.08] > 0.99
    assert means[0.24] < 0.75


def test_modern_hopfield_update_is_softmax_attention_exactly():
    rng = np.random.default_rng(0)
    d, p, n = 16, 8, 5
    x = rng.normal(size=(d, p))
    queries = rng.normal(size=(n, d))
    beta = 1 / np.sqrt(d)
    ours = np.array([mod.hopfield_update(x, q, beta) for q in queries])
    theirs = mod.attention(queries, x.T, x.T, beta)
    assert np.allclose(ours, theirs, rtol=1e-13, atol=1e-13)
    # An independent softmax written out here, not the snippet's.
    scores = beta * queries @ x
    weights = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    assert np.allclose(ours, weights @ x.T, rtol=1e-12, atol=1e-12)


def test_beta_is_the_knob_between_nearest_pattern_and_mean():
    rng = np.random.default_rng(0)
    d, p = 16, 8
    x = rng.normal(size=(d, p))
    xi = x[:, 2] + 0.8 * rng.normal(size=d)
    nearest = np.argmax(x.T @ xi)
    assert nearest == 2
    assert np.allclose(mod.hopfield_update(x, xi, 50.0), x[:, 2], atol=1e-6)
    assert np.allclose(mod.hopfield_update(x, xi, 1e-6), x.mean(axis=1), atol=1e-4)
    # In between, distance to the nearest pattern falls monotonically with beta here.
    betas = np.geomspace(1e-3, 10, 50)
    dist = [np.linalg.norm(mod.hopfield_update(x, xi, b) - x[:, 2]) for b in betas]
    assert np.all(np.diff(dist) <= 1e-12)


def test_exercise_answer_on_page_is_computed():
    # Exercise 1: patterns a 1000-neuron network holds at 0.138 N (Amit et al. 1985),
    # the fraction of wrong bits (1 - m) / 2 at m = 0.967, and the error-free bound
    # N / (4 ln N) of McEliece et al. (1987).
    text = (ROOT / "docs" / "attractors.md").read_text()
    answer = re.search(r"about \*\*(\d+) patterns\*\*", text)
    assert answer and int(answer.group(1)) == round(0.138 * 1000)
    wrong = re.search(r"roughly ([\d.]+)%", text)
    assert wrong and abs(float(wrong.group(1)) - 100 * (1 - 0.967) / 2) <= 0.06
    exact = re.search(r"\\approx\$\s+\*\*(\d+) patterns\*\*", text)
    assert exact and int(exact.group(1)) == round(1000 / (4 * np.log(1000)))
    fraction = re.search(r"\(1 - m\)/2 \\approx ([\d.]+)\$", text)
    assert fraction and abs(float(fraction.group(1)) - (1 - 0.967) / 2) <= 6e-4


def test_modern_hopfield_query_is_nearest_to_pattern_0():
    """The figure labels its distance curve "pattern 0"; the docstring says pattern 0
    is also the pattern nearest to the query, by dot product and by distance."""
    rng = np.random.default_rng(0)                          # as in the snippet
    d, p = 16, 8
    x = rng.normal(size=(d, p))
    xi = x[:, 0] + 0.8 * rng.normal(size=d)
    assert np.argmax(x.T @ xi) == 0
    assert np.argmin(np.linalg.norm(x - xi[:, None], axis=0)) == 0
    source = (ROOT / "snippets" / "attractors" / "modern_hopfield.py").read_text()
    assert 'label="pattern 0"' in source and "nearest pattern" not in source


def test_modern_hopfield_energy_is_the_closed_form():
    # lse written out directly (no max shift), on values small enough not to overflow.
    rng = np.random.default_rng(4)
    x = rng.normal(size=(6, 4))
    xi = rng.normal(size=6)
    beta = 0.7
    direct = (-np.log(np.sum(np.exp(beta * x.T @ xi))) / beta + 0.5 * xi @ xi
              + np.log(4) / beta + 0.5 * max(np.linalg.norm(x, axis=0)) ** 2)
    assert mod.energy(x, xi, beta) == pytest.approx(direct, rel=1e-12)
    # The stable lse agrees with the direct one and survives large arguments.
    z = np.array([800.0, 799.0, 0.0])
    assert mod.lse(1.0, z) == pytest.approx(800.0 + np.log(1 + np.exp(-1.0)), rel=1e-12)


def test_modern_hopfield_energy_never_rises_along_updates():
    """The update is a CCCP step on E (Ramsauer et al. 2021): E(xi_new) <= E(xi) for any
    state, any beta, any patterns. Checked along 30 updates from random and noisy starts."""
    rng = np.random.default_rng(5)
    for d, p in ((16, 8), (8, 40), (32, 3)):
        x = rng.normal(size=(d, p))
        for beta in (0.05, 1 / np.sqrt(d), 1.0, 5.0):
            for start in (rng.normal(size=d) * 3, x[:, 0] + rng.normal(size=d)):
                xi, e = start, [mod.energy(x, start, beta)]
                for _ in range(30):
                    xi = mod.hopfield_update(x, xi, beta)
                    e.append(mod.energy(x, xi, beta))
                assert np.all(np.diff(e) <= 1e-9 * (1 + np.abs(e[:-1])))
                # It settles: the last update barely moves the state (a fixed point).
                assert np.linalg.norm(mod.hopfield_update(x, xi, beta) - xi) < 1e-3 * (1 + np.linalg.norm(xi))


def test_modern_hopfield_retrieves_a_stored_pattern_from_a_noisy_cue():
    rng = np.random.default_rng(6)
    d, p = 16, 8
    x = rng.normal(size=(d, p))
    # At beta = 2 these patterns are well enough separated that three updates from a
    # noisy cue land on the pattern to 1 part in 10^4; at beta = 1 the fixed point
    # still sits a little off the pattern (Ramsauer et al.: the error is exponentially
    # small in beta times the separation, not zero).
    for mu in range(p):
        xi = x[:, mu] + 0.8 * rng.normal(size=d)
        e0 = mod.energy(x, xi, 2.0)
        for _ in range(3):
            xi = mod.hopfield_update(x, xi, 2.0)
        assert np.linalg.norm(xi - x[:, mu]) < 1e-4 * np.linalg.norm(x[:, mu])
        assert mod.energy(x, xi, 2.0) < e0
        assert np.argmin(np.linalg.norm(x - xi[:, None], axis=0)) == mu
    # A stored pattern is (very nearly) a fixed point of the update.
    assert np.allclose(mod.hopfield_update(x, x[:, 3], 2.0), x[:, 3], atol=1e-4)


def test_synchronous_update_can_cycle_where_asynchronous_cannot():
    w = np.array([[0.0, 1.0], [1.0, 0.0]])
    states, period = syn.run_sync(w, np.array([1.0, -1.0]))
    assert period == 2
    assert np.array_equal(states[1], [-1.0, 1.0]) and np.array_equal(states[2], [1.0, -1.0])
    # One neuron at a time from the same start: the energy argument holds, it stops.
    final, _ = hop.run_async(w, np.array([1.0, -1.0]), np.random.default_rng(0), record=False)
    assert abs(final.sum()) == 2                              # both +1 or both -1
    assert np.array_equal(syn.sign(w @ final), final)


def test_synchronous_hebbian_network_keeps_patterns_and_cycles_with_period_at_most_two():
    rng = np.random.default_rng(7)
    n = 100
    found_two_cycle = False
    for p in (5, 30):
        patterns = rng.choice([-1.0, 1.0], size=(p, n))
        w = hop.store(patterns)
        if p == 5:                                            # below capacity: patterns are fixed points
            for xi in patterns:
                states, period = syn.run_sync(w, xi)
                assert period == 1 and np.array_equal(states[-1], xi)
        for _ in range(100):
            states, period = syn.run_sync(w, rng.choice([-1.0, 1.0], size=n))
            # Symmetric weights: synchronous dynamics ends in a fixed point or a 2-cycle.
            assert period in (1, 2)
            if period == 2:
                found_two_cycle = True
                a, b = states[-2], states[-1]
                assert not np.array_equal(a, b)
                assert np.array_equal(syn.sign(w @ a), b) and np.array_equal(syn.sign(w @ b), a)
    assert found_two_cycle


def test_symmetric_weights_give_period_at_most_two_asymmetric_can_give_more():
    """Goles-Chacc, Fogelman-Soulie & Pellegrin (1985): with symmetric weights,
    synchronous threshold dynamics ends in a fixed point or a 2-cycle, whatever the
    weights. Random symmetric (non-Hebbian) weights obey it; a one-way ring of three
    neurons, which is not symmetric, cycles with period 3."""
    rng = np.random.default_rng(11)
    n = 40
    for _ in range(20):
        a = rng.normal(size=(n, n))
        w = (a + a.T) / 2
        np.fill_diagonal(w, 0.0)
        for _ in range(10):
            _, period = syn.run_sync(w, rng.choice([-1.0, 1.0], size=n), max_steps=2000)
            assert period in (1, 2)
    ring = np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    _, period = syn.run_sync(ring, np.array([1.0, -1.0, -1.0]))
    assert period == 3
