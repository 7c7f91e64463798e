"""The science on the decisions page: drift diffusion, attractors and a trained RNN.

- The drift-diffusion model's closed forms (Bogacz et al. 2006) equal an independent
  numerical solution of its backward equations, and Euler simulations with the bound
  corrected by 0.5826 sigma sqrt(dt) (Broadie, Glasserman & Kou 1997); without the
  correction the simulated decision time is measurably long.
- Its accuracy is the two-option softmax of (mu a / sigma^2, -mu a / sigma^2).
- The reduced Wong-Wang model has five fixed points without a stimulus (three stable)
  and three with it, a saddle on the diagonal; each fixed point satisfies the steady
  state S = gamma H tau / (1 + gamma H tau) and H has its closed-form limit 1/d.
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

from conftest import ROOT, load_snippet

rnn = load_snippet("decisions/decision_rnn.py")
ddm = load_snippet("decisions/decision_ddm.py")
ww = load_snippet("decisions/decision_wong_wang.py")
PAGE = (ROOT / "docs" / "decisions.md").read_text(encoding="utf-8")
PAGE_FLAT = " ".join(PAGE.split())          # the page's prose with line breaks as spaces


def _ddm_by_finite_differences(mu, a, sigma, n=4001):
    """P(upper) and mean exit time from 0 by solving the backward equations
    (sigma^2/2) u'' + mu u' = 0 and (sigma^2/2) T'' + mu T' = -1 on [-a, a]
    with finite differences: independent of the closed forms."""
    x = np.linspace(-a, a, n)
    h = x[1] - x[0]
    main = np.full(n - 2, -sigma ** 2 / h ** 2)
    up = np.full(n - 3, sigma ** 2 / (2 * h ** 2) + mu / (2 * h))
    lo = np.full(n - 3, sigma ** 2 / (2 * h ** 2) - mu / (2 * h))
    m = np.diag(main) + np.diag(up, 1) + np.diag(lo, -1)
    rhs_p = np.zeros(n - 2)
    rhs_p[-1] = -(sigma ** 2 / (2 * h ** 2) + mu / (2 * h))      # u(a) = 1, u(-a) = 0
    p = np.linalg.solve(m, rhs_p)
    t = np.linalg.solve(m, -np.ones(n - 2))                       # T(+-a) = 0
    mid = (n - 2) // 2
    return p[mid], t[mid]


@pytest.mark.parametrize("mu,a,sigma", [(0.5, 1.0, 1.0), (2.0, 1.0, 1.0), (1.0, 0.5, 0.7)])
def test_ddm_closed_forms_equal_the_backward_equations(mu, a, sigma):
    p, t = _ddm_by_finite_differences(mu, a, sigma)
    assert ddm.p_correct(mu, a, sigma) == pytest.approx(p, abs=1e-5)
    assert ddm.mean_time(mu, a, sigma) == pytest.approx(t, rel=1e-4)


def test_ddm_zero_drift_limit():
    assert float(ddm.mean_time(0.0, 1.3, 0.9)) == pytest.approx(1.3 ** 2 / 0.9 ** 2)
    assert float(ddm.mean_time(1e-6, 1.3, 0.9)) == pytest.approx(1.3 ** 2 / 0.9 ** 2, rel=1e-6)
    assert float(ddm.p_correct(0.0)) == 0.5


def test_ddm_simulation_matches_closed_forms_with_the_overshoot_correction():
    rng = np.random.default_rng(11)
    n = 20_000
    a_eff = ddm.corrected_bound()
    assert a_eff == pytest.approx(1 + 0.5826 * np.sqrt(0.001))
    for mu in (0.0, 0.5, 1.0, 2.0):
        up, t = ddm.simulate(mu, n, rng)
        assert not np.isnan(t).any()
        se_t = t.std() / np.sqrt(n)
        p_th = float(ddm.p_correct(mu, a_eff))
        assert up.mean() == pytest.approx(p_th, abs=4 * np.sqrt(p_th * (1 - p_th) / n) + 1e-3)
        assert t.mean() == pytest.approx(float(ddm.mean_time(mu, a_eff)), abs=4 * se_t)
    # The correction is needed: at zero drift the uncorrected bound's a^2 is short by
    # about 3.7 %, more than 4 standard errors at this sample size.
    up, t = ddm.simulate(0.0, n, rng)
    assert t.mean() - float(ddm.mean_time(0.0, 1.0)) > 4 * t.std() / np.sqrt(n)


def test_ddm_correct_and_error_times_are_equal():
    """The page: in the symmetric model a correct choice and an error take the same
    time on average (the first-passage times do not depend on the bound reached)."""
    rng = np.random.default_rng(5)
    up, t = ddm.simulate(0.5, 20_000, rng)
    tc, te = t[up], t[~up]
    se = math.sqrt(tc.var() / tc.size + te.var() / te.size)
    assert abs(tc.mean() - te.mean()) < 3 * se
    assert te.size > 3000                      # enough errors for the comparison
    assert "take the same time on average (the site's tests check it by simulation)" in PAGE_FLAT


def test_ddm_accuracy_is_a_two_option_softmax():
    for mu, a, sigma in ((0.3, 1.0, 1.0), (1.0, 2.0, 0.5)):
        z = np.array([mu * a / sigma ** 2, -mu * a / sigma ** 2])
        soft = np.exp(z) / np.exp(z).sum()
        assert soft[0] == pytest.approx(float(ddm.p_correct(mu, a, sigma)), rel=1e-12)


def test_speed_accuracy_trade_off_is_monotone():
    bounds = np.linspace(0.1, 3, 30)
    for mu in (0.5, 1.0, 2.0):
        assert np.all(np.diff(ddm.p_correct(mu, bounds)) > 0)
        assert np.all(np.diff(ddm.mean_time(mu, bounds)) > 0)


def test_wong_wang_rate_function_limit():
    # H(x) = y / (1 - exp(-d y)) with y = a x - b tends to 1/d as y -> 0.
    x0 = ww.B / ww.A
    assert ww.rate(x0 + 1e-9) == pytest.approx(1 / ww.D, rel=1e-5)
    assert ww.rate(np.array(2.0)) == pytest.approx(ww.A * 2 - ww.B, rel=1e-6)   # linear far above


def test_wong_wang_fixed_points():
    rest = ww.fixed_points(0.0, mu0=0.0)
    assert len(rest) == 5
    assert [stable for _, stable in rest] == [True, False, True, False, True]
    on = ww.fixed_points(0.0)
    assert len(on) == 3
    assert [stable for _, stable in on] == [True, False, True]
    saddle = on[1][0]
    assert saddle[0] == pytest.approx(saddle[1], abs=1e-9)
    assert saddle[0] == pytest.approx(0.424, abs=5e-4)              # as the page says
    assert "$S_1 = S_2 = 0.424$" in PAGE_FLAT and "five fixed points" in PAGE_FLAT
    eig = np.linalg.eigvals(ww.jacobian(saddle))
    assert (eig.real > 0).sum() == 1                                 # one unstable direction
    for mu0 in (0.0, ww.MU0):
        for s, _ in ww.fixed_points(0.0, mu0=mu0):
            # steady state of dS/dt = -S/tau + (1 - S) gamma H: S = g H tau / (1 + g H tau)
            r = ww.rate(ww.drive(s, 0.0, mu0))
            assert s == pytest.approx(ww.GAMMA * r * ww.TAU_S / (1 + ww.GAMMA * r * ww.TAU_S),
                                      abs=1e-9)


def test_wong_wang_resting_state_becomes_the_saddle():
    """The page: as mu0 rises the resting state moves up the diagonal; between 10 and
    11 Hz the two saddles merge into it (a subcritical pitchfork) and it goes on as the
    diagonal saddle, at 0.424 for the full stimulus."""
    diag = []
    for mu0 in range(0, 31):
        pts = ww.fixed_points(0.0, mu0=float(mu0))
        mid = pts[len(pts) // 2]
        assert mid[0][0] == pytest.approx(mid[0][1], abs=1e-9)       # on the diagonal
        diag.append(mid[0][0])
        assert len(pts) == (5 if mu0 <= 10 else 3)
        assert mid[1] == (mu0 <= 10)                                    # stable, then a saddle
        if mu0 == 10:       # the saddles are close to the resting state just before
            assert abs(pts[1][0] - mid[0]).max() < 0.04
    assert np.all(np.diff(diag) > 0)                                    # it moves up
    assert diag[-1] == pytest.approx(0.424, abs=5e-4)
    assert "between $\\mu_0$ = 10 and 11 Hz the two saddles merge into it" in PAGE_FLAT


def test_wong_wang_accuracy_and_time_depend_on_coherence():
    rng = np.random.default_rng(2)
    cohs = np.array([0.0, 6.4, 51.2])
    which = np.repeat(np.arange(3), 600)
    choice, t = ww.simulate(cohs[which], len(which), rng)
    assert not np.isnan(t).any()
    acc = [choice[which == i].mean() for i in range(3)]
    rts = [t[which == i].mean() for i in range(3)]
    assert acc[0] == pytest.approx(0.5, abs=0.07)
    assert acc[0] < acc[1] < acc[2] and acc[2] > 0.97
    assert rts[0] > rts[1] > rts[2]


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
    # an unstable point in 1-D), below 1 at +-0.9575 (stable).
    assert lams[-1] == pytest.approx(1 + rnn.ALPHA, abs=1e-9)
    assert lams[0] == pytest.approx(1 - rnn.ALPHA + rnn.ALPHA * 2 * (1 - root ** 2), abs=1e-6)
    # The unstable point pushes away in 1 / ln 1.2 = 5.5 steps, within a trial. Read
    # out as z = 2 h, the stable points lie beyond the bound 1.5: two attractors that
    # commit. Read out as z = h, they lie inside it: no commitment, and the slowest
    # time constant (5.5 steps) makes it a leaky integrator.
    assert rnn.time_constant(1 + rnn.ALPHA) == pytest.approx(1 / math.log(1.2))
    assert rnn.classify([(2 * float(x[0]), lam) for x, lam in pts]) == "two attractors"
    assert rnn.classify([(float(x[0]), lam) for x, lam in pts]) == "leaky integrator"
    # A slow saddle (escape in 1 / ln 1.002 = 500 steps) between attractors beyond the
    # bound does not commit within a trial: an approximate line attractor.
    assert rnn.classify([(-2.0, 0.9), (0.0, 1.002), (2.0, 0.9)]) == "line attractor (approx.)"
    assert rnn.classify([(-2.0, 0.9), (0.0, 1.05), (2.0, 0.9)]) == "two attractors"


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


def _points(p):
    """(readout z, leading |eigenvalue|) of every fixed point of every seed, found as
    the snippet finds them."""
    rng = np.random.default_rng(0)
    m, u = rnn.make_trials(rng, (len(rnn.SEEDS), 2000), rnn.T_TRAIN)
    h = rnn.run(p, u)
    out = []
    for i in range(len(rnn.SEEDS)):
        q = rnn.one(p, i)
        starts = h[i].reshape(-1, rnn.N)[rng.integers(0, h[i].shape[0] * h[i].shape[1], 200)]
        pts = rnn.fixed_points(q["W"], q["b"], starts)
        out.append(sorted((float(x @ q["w_out"] + q["c"]), lam) for x, lam in pts))
    return out


def _kinds(p):
    return [rnn.classify(pts) for pts in _points(p)]


def test_rnn_page_numbers_match_the_snippet(trained):
    """The classes, fixed points and time constants quoted on the page are what the
    snippet computes (its DDM numbers: test_rnn_printed_results_are_the_pages)."""
    p, _ = trained
    allpts = _points(p)
    kinds = [rnn.classify(pts) for pts in allpts]
    assert kinds == ["line attractor (approx.)", "leaky integrator", "line attractor (approx.)",
                     "line attractor (approx.)", "two attractors"]
    assert "three learned an approximate line attractor" in PAGE_FLAT

    def taus(i):
        return [round(rnn.time_constant(lam)) for _, lam in allpts[i]]

    assert sorted(taus(0) + taus(3)) == [41, 45] and "time constants of 41 and 45 steps" in PAGE_FLAT
    assert taus(1) == [24] and "leaky integrator (24 steps)" in PAGE_FLAT
    # Seed 2: stable, saddle, stable, all slow and inside the bound.
    assert [lam < 1 for _, lam in allpts[2]] == [True, False, True]
    assert all(abs(z) < rnn.THETA for z, _ in allpts[2])
    assert taus(2) == [376, 428, 58]
    assert "returning in 58 and 376 steps and escaping in 428" in PAGE_FLAT
    # Seed 4: attractors beyond the bound, a saddle that pushes away within a trial.
    (z0, _), (_, lam_s), (z1, _) = allpts[4]
    assert f"$z = {z0:.2f}$ and ${z1:+.2f}$".replace("-", "-") in PAGE_FLAT.replace("−", "-")
    assert round(rnn.time_constant(lam_s)) == 22 and "away in 22 steps" in PAGE_FLAT


def test_leaky_efficiency_as_the_page_states():
    """A sum whose samples fade with time constant tau, against the plain sum: the
    squared SNR ratio by the geometric-series closed form (independent of the code)."""
    t = rnn.T_TRAIN
    for tau, quoted in ((24, "0.946"), (41, "0.981")):
        lam = math.exp(-1 / tau)
        closed = ((1 - lam ** t) / (1 - lam)) ** 2 / (t * (1 - lam ** (2 * t)) / (1 - lam ** 2))
        assert rnn.leaky_efficiency(tau) == pytest.approx(closed, rel=1e-12)
        assert f"{closed:.3f}" == quoted and quoted in PAGE_FLAT


def test_rnn_solutions_change_with_training_length():
    """The page: with 250 instead of 300 updates, one two-attractor network and four
    approximate line attractors."""
    p, _ = rnn.train(steps=250)
    kinds = _kinds(p)
    assert kinds.count("two attractors") == 1
    assert kinds.count("line attractor (approx.)") == 4
    assert ("with 250 instead of 300 updates the same five random seeds give one network "
            "with two attractors and four approximate line attractors") in PAGE_FLAT


def test_rnn_printed_results_are_the_pages(site):
    """What decision_rnn.py printed in the build (as a student's run prints it); the page
    quotes its numbers."""
    import re

    from helpers import built_output

    out = built_output(site, "decisions/decision_rnn.py")
    # At most 48 characters a line: 12-px monospace in a 390-px phone's column, unscrolled.
    assert max(len(line) for line in out.splitlines()) <= 48
    accs = [float(a) for a in re.findall(r"^\s+\d\s+(0\.\d{3})\s", out, re.M)]
    assert len(accs) == 5
    assert f"{min(accs):.3f} to {max(accs):.3f} against 0.760" in PAGE_FLAT
    assert "ideal observer 0.760" in out
    worst = re.search(r"network - DDM:\s+(\S+) in P\(correct\), (\S+) steps", out)
    assert f"to within {worst[1]}" in PAGE_FLAT and f"to within {worst[2]} steps" in PAGE_FLAT
    # (the fit table: seed, bound a, delay)
    delays = [float(d) for d in re.findall(r"^\s+\d\s+\d+\.\d\d\s+(\d+\.\d)$", out, re.M)]
    assert len(delays) == 5
    assert f"the delay ({min(delays):g} to {max(delays):g} steps" in PAGE_FLAT
    assert out.count("two attractors") == 1 and out.count("line attractor (approx.)") == 3
    # The committing network (seed 4): network minus DDM (with its delay) at each coherence.
    # (the mean-time table's row: the seed, then only network/DDM pairs of times)
    row = re.search(r"^\s+4(?:\s+\d+\.\d/\d+\.\d)+$", out, re.M)[0]
    pairs = re.findall(r"(\d+\.\d)/(\d+\.\d)", row)
    res = [float(n) - float(d) for n, d in pairs]
    assert ", ".join(f"{r:+.1f}" for r in res[:3]).replace("+", "") + f" and {res[3]:+.1f}" \
        in PAGE_FLAT.replace("−", "-")
    # and it is the largest misfit of all
    assert max(abs(r) for r in res) == pytest.approx(float(worst[2]), abs=0.051)


def test_ddm_printed_table_agrees_with_the_closed_forms(site):
    import re

    from helpers import built_output

    out = built_output(site, "decisions/decision_ddm.py")
    rows = re.findall(r"^\s*(\d\.\d\d)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+) ± (\S+)$", out, re.M)
    assert len(rows) == 6
    zs = []
    for _mu, p_f, p_s, t_f, t_s, se in rows:
        n = 4000
        p = float(p_f)
        if 0 < p < 1:
            zs.append(abs(float(p_s) - p) / math.sqrt(p * (1 - p) / n))
        zs.append(abs(float(t_s) - float(t_f)) / float(se))
    # the page: "to within about three standard errors"
    assert max(zs) <= 3.0 and max(zs) > 2.0
    assert "to within about three standard errors" in PAGE_FLAT
