"""Science of the population-dynamics page (docs/population-dynamics.md) and its numbers.

Wilson-Cowan (1972) E-I population: fixed point against scipy's root finder, Jacobian
against finite differences, eigenvalues against the simulated decay and period, a
solve_ivp integration against the snippet's Runge-Kutta; the Hopf bifurcation where the
trace vanishes, against the simulated onset of oscillation. The inhibition-stabilised
network (Tsodyks et al. 1997; Ozeki et al. 2009): the sign of the inhibitory response to
its own input, closed form against simulation. Balanced rates (van Vreeswijk &
Sompolinsky 1996, 1998): the large-K linear solution against simulation, with an error
that shrinks like 1/sqrt(K).
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import solve_ivp
from scipy.optimize import fsolve

from conftest import ROOT, load_snippet
from helpers import assert_written, check_built_page

wc = load_snippet("population_dynamics/wilson_cowan.py")
hopf = load_snippet("population_dynamics/wc_hopf.py")
isn = load_snippet("population_dynamics/isn_paradoxical.py")
bal = load_snippet("population_dynamics/balanced_rates.py")
PAGE = (ROOT / "docs" / "population-dynamics.md").read_text(encoding="utf-8")
EXERCISES = PAGE[PAGE.index("## Exercises"):]


def on_page(value: float, fmt: str, text: str = PAGE) -> None:
    assert_written(value, fmt, text)


def rhs(x, tau_i=wc.TAU_I, p=wc.P):
    e, i = x
    return [(-e + wc.sigmoid(wc.W_EE * e - wc.W_EI * i + p, wc.A_E, wc.THETA_E)) / wc.TAU_E,
            (-i + wc.sigmoid(wc.W_IE * e - wc.W_II * i + wc.Q, wc.A_I, wc.THETA_I)) / tau_i]


# --- Wilson-Cowan --------------------------------------------------------------------


def test_fixed_point_is_unique_and_matches_an_independent_root_finder():
    points = wc.fixed_points()
    assert len(points) == 1
    e, i = points[0]
    assert np.allclose(fsolve(rhs, [0.3, 0.3], xtol=1e-13), [e, i], atol=1e-9)
    assert np.allclose(rhs([e, i]), 0.0, atol=1e-12)
    assert wc.i_nullcline(i) == pytest.approx(e, abs=1e-9)      # on both nullclines
    on_page(e, ".4f")
    on_page(i, ".4f")
    g_e, _ = hopf.slopes(e, i)
    assert wc.W_EE * g_e > 1                                    # inhibition-stabilised
    on_page(wc.W_EE * g_e, ".2f")


def test_jacobian_matches_finite_differences():
    (e, i), = wc.fixed_points()
    h = 1e-6
    numeric = np.column_stack([(np.array(rhs([e + h, i])) - rhs([e - h, i])) / (2 * h),
                               (np.array(rhs([e, i + h])) - rhs([e, i - h])) / (2 * h)])
    assert np.allclose(wc.jacobian(e, i), numeric, rtol=1e-6, atol=1e-9)


def test_small_disturbance_follows_the_linearisation():
    """A kick of 10^-4 decays as exp(J t) predicts (relative error < 1 % of the kick),
    and the period of the decaying oscillation is 2 pi / Im(lambda) to 0.1 ms."""
    (e, i), = wc.fixed_points()
    jac = wc.jacobian(e, i)
    lam, vec = np.linalg.eig(jac)
    assert lam[0].real < 0 and abs(lam[0].imag) > 0            # a stable focus
    kick = np.array([1e-4, 0.0])
    t, es, is_ = wc.simulate(e + kick[0], i, t_max=60.0, dt=0.02)
    coef = np.linalg.solve(vec, kick)
    linear = (vec @ (coef[:, None] * np.exp(np.outer(lam, t)))).real
    assert np.max(np.abs(es - e - linear[0])) < 1e-2 * kick[0]
    assert np.max(np.abs(is_ - i - linear[1])) < 1e-2 * kick[0]
    up = np.flatnonzero((es[:-1] < e) & (es[1:] >= e))
    t_up = t[up] + (e - es[up]) / (es[up + 1] - es[up]) * (t[1] - t[0])
    assert np.mean(np.diff(t_up)) == pytest.approx(2 * np.pi / abs(lam[0].imag), abs=0.1)
    on_page(lam[0].real, ".4f")
    on_page(abs(lam[0].imag), ".4f")
    on_page(-1 / lam[0].real, ".1f")
    on_page(2 * np.pi / abs(lam[0].imag), ".1f")


def test_runge_kutta_agrees_with_solve_ivp():
    (e, i), = wc.fixed_points()
    t, es, is_ = wc.simulate(e + 0.05, i, t_max=80.0, dt=0.02)
    ref = solve_ivp(lambda _, x: rhs(x), (0, 80.0), [e + 0.05, i], t_eval=t[::50],
                    rtol=1e-10, atol=1e-12)
    assert np.allclose(es[::50], ref.y[0], atol=1e-7)
    assert np.allclose(is_[::50], ref.y[1], atol=1e-7)


def test_hopf_where_the_trace_vanishes():
    (e, i), = wc.fixed_points()
    tau_c = hopf.critical_tau_i()
    assert np.trace(wc.jacobian(e, i, tau_i=tau_c)) == pytest.approx(0.0, abs=1e-12)
    assert np.linalg.det(wc.jacobian(e, i, tau_i=tau_c)) > 0   # a complex pair crosses
    for offset, sign in ((-0.05, -1), (0.05, 1)):
        re = np.linalg.eigvals(wc.jacobian(e, i, tau_i=tau_c + offset)).real.max()
        assert np.sign(re) == sign
    on_page(tau_c, ".2f")
    freq = np.sqrt(np.linalg.det(wc.jacobian(e, i, tau_i=tau_c))) / (2 * np.pi) * 1000
    on_page(freq, ".0f")


def test_simulated_oscillation_starts_at_the_hopf_point():
    tau_c = hopf.critical_tau_i()
    below, above = hopf.amplitude(np.array([tau_c - 0.5, tau_c + 0.5]), t_max=1500.0)
    assert below < 1e-4 < 0.02 < above


def test_supercritical_onset_period_and_square_root_amplitude():
    """Just past the Hopf point the limit cycle has the eigenvalues' period (to 1 %) and an
    amplitude that grows like the square root of the distance (a supercritical Hopf)."""
    (e, i), = wc.fixed_points()
    offsets = np.array([0.01, 0.03, 0.1])
    taus = hopf.critical_tau_i() + offsets
    t, es, _ = wc.simulate(e + 0.01, i, t_max=5000.0, dt=0.1, tau_i=taus)
    late = t > 4000.0
    amplitudes = []
    for k, tau in enumerate(taus):
        el = es[late, k]
        amplitudes.append(el.max() - el.min())
        mid = 0.5 * (el.max() + el.min())
        up = np.flatnonzero((el[:-1] < mid) & (el[1:] >= mid))
        period = np.mean(np.diff(t[late][up]))
        omega = abs(np.linalg.eigvals(wc.jacobian(e, i, tau_i=tau))[0].imag)
        if k == 0:
            assert period == pytest.approx(2 * np.pi / omega, rel=0.01)
    squared = np.array(amplitudes) ** 2 / offsets
    assert np.ptp(squared) < 0.15 * squared.mean()


# --- Inhibition-stabilised network ------------------------------------------------------


@pytest.mark.parametrize("w_ee", [isn.W_EE_ISN, isn.W_EE_NON])
def test_steady_states_match_closed_form(w_ee):
    t, r_e, r_i = isn.simulate(w_ee, t_max=400.0)
    after = isn.steady_state(w_ee, h_i=isn.H_I + isn.STEP)
    assert np.allclose([r_e[-1], r_i[-1]], after, atol=1e-6)
    before = isn.steady_state(w_ee)
    k = np.searchsorted(t, isn.T_STEP) - 1
    assert np.allclose([r_e[k], r_i[k]], before, atol=1e-9)
    assert min(before.min(), after.min()) > 0                      # both stay active
    slope = (after[1] - before[1]) / isn.STEP
    assert slope == pytest.approx(isn.inhibitory_gain(w_ee), rel=1e-12)


def test_paradoxical_sign():
    """More input to I lowers the I rate in the ISN, raises it otherwise; E falls in both."""
    for w_ee, sign in ((isn.W_EE_ISN, -1), (isn.W_EE_NON, 1)):
        _, r_e, r_i = isn.simulate(w_ee)
        base = isn.steady_state(w_ee)
        assert np.sign(r_i[-1] - base[1]) == sign
        assert r_e[-1] < base[0]
        assert np.sign(isn.inhibitory_gain(w_ee)) == sign
    # In the ISN the inhibitory rate first rises (the direct effect), then falls below
    # its old value (the caption of Figure 3 says so).
    t, _, r_i = isn.simulate(isn.W_EE_ISN)
    base = isn.steady_state(isn.W_EE_ISN)[1]
    assert r_i[t > isn.T_STEP].max() > base + 1.0 and r_i[-1] < base - 1.0
    # Tsodyks et al. 1997: extra inhibition onto I (negative step) raises the I rate.
    _, _, r_i = isn.simulate(isn.W_EE_ISN, step=-2.0)
    assert r_i[-1] > isn.steady_state(isn.W_EE_ISN)[1]


def test_isn_means_unstable_excitation_alone():
    """Simulated, not from the formula: wherever the network is stable with both
    populations active, more input to I lowers the I rate exactly when W_EE > 1."""
    tau = np.array([isn.TAU_E, isn.TAU_I])
    seen = set()
    for w_ee in (0.25, 0.5, 0.75, 0.9, 1.1, 1.5, 2.0, 2.5):
        jac = (isn.weights(w_ee) - np.eye(2)) / tau[:, None]
        before = isn.steady_state(w_ee)
        after = isn.steady_state(w_ee, h_i=isn.H_I + isn.STEP)
        if np.linalg.eigvals(jac).real.max() >= 0 or min(before.min(), after.min()) <= 0:
            continue
        _, _, r_i = isn.simulate(w_ee, t_max=600.0)
        assert (r_i[-1] < before[1]) == (w_ee > 1), w_ee
        seen.add(w_ee > 1)
    assert seen == {True, False}


def test_one_step_update_does_not_keep_the_dynamics():
    """The page: with the same tau for all units the equations are stable when the
    eigenvalues mu of W (slopes 1 here) have Re mu < 1, the update r <- [W r + h]_+ only
    when |mu| < 1. The ISN of Figure 3 settles in continuous time (also with equal
    time constants), but its one-step update falls into a cycle of period 4."""
    w = isn.weights(isn.W_EE_ISN)
    mu = np.linalg.eigvals(w)
    assert mu.real.max() < 1 < np.abs(mu).min()
    for tau in (np.array([isn.TAU_E, isn.TAU_I]), np.array([10.0, 10.0])):
        assert np.linalg.eigvals((w - np.eye(2)) / tau[:, None]).real.max() < 0
    h = np.array([isn.H_E, isn.H_I])
    r = isn.steady_state(isn.W_EE_ISN) + np.array([0.01, 0.0])
    states = []
    for _ in range(40):
        r = np.maximum(w @ r + h, 0.0)
        states.append(r)
    late = np.array(states[-8:])
    assert np.allclose(late[:4], late[4:], atol=1e-9)                 # period 4
    assert not np.allclose(late[0], late[1]) and not np.allclose(late[0], late[2])
    assert "cycle of period 4" in " ".join(PAGE.split())


def test_isn_numbers_on_page():
    for w_ee in (isn.W_EE_ISN, isn.W_EE_NON):
        for value in (*isn.steady_state(w_ee), *isn.steady_state(w_ee, h_i=isn.H_I + isn.STEP)):
            on_page(value, ".2f")


# --- Balanced rates ------------------------------------------------------------------------


def test_balanced_limit_solves_the_balance_equations():
    m = bal.balanced_limit()
    assert np.allclose(bal.W @ m + bal.H * bal.M0, 0.0, atol=1e-12)
    assert m.min() > 0
    assert bal.E_EXT / bal.I_EXT > bal.J_E / bal.J_I > 1 and bal.J_E > 1
    on_page(m[0], ".2f")
    on_page(m[1], ".2f")


def test_simulation_reaches_the_finite_k_fixed_point_and_the_limit():
    ks = np.array([100, 1000, 10000])
    sim = bal.simulate(ks)
    exact = np.array([bal.fixed_point(k) for k in ks])
    assert np.allclose(sim, exact, rtol=1e-6)
    # the distance from the balanced limit shrinks like 1/sqrt(K)
    big = np.array([1e4, 1e5, 1e6])
    err = np.array([np.abs(bal.fixed_point(k) - bal.balanced_limit()).max() for k in big])
    assert np.ptp(err * np.sqrt(big)) < 0.05 * err[-1] * 1e3
    exc = np.sqrt(ks) * (bal.E_EXT * bal.M0 + sim[:, 0])
    inh = np.sqrt(ks) * bal.J_E * sim[:, 1]
    ratio = np.abs(exc - inh) / exc
    assert np.all(np.diff(exc) > 0) and np.all(np.diff(ratio) < 0) and ratio[-1] < 0.01


def test_balanced_network_is_inhibition_stabilised_and_the_other_branch_is_a_saddle():
    """Effective recurrent excitation sqrt(K) > 1 for every K shown; with
    E/I < J_E/J_I < 1 the balanced rates are positive but the fixed point is a saddle."""
    assert np.sqrt(10) > 1
    on_page(np.sqrt(10), ".1f")
    w = np.array([[1.0, -1.5], [1.0, -2.0]])                  # J_E = 1.5 < J_I = 2
    m = bal.balanced_limit(e=0.7, i=1.0, j_e=1.5, j_i=2.0)    # E/I = 0.7 < 0.75
    assert m.min() > 0 and np.linalg.det(w) < 0
    for k in (100, 10_000):
        lam = np.linalg.eigvals(np.sqrt(k) * w - np.eye(2)).real
        assert lam.min() < 0 < lam.max()


def test_outside_the_balance_condition_the_excitatory_population_falls_silent():
    """With E/I < J_E/J_I the linear solution has m_E < 0; the network silences E."""
    h = np.array([1.0, 0.8])                       # E/I = 1.25 < J_E/J_I = 1.33
    assert bal.balanced_limit(e=h[0], i=h[1])[0] < 0
    sim = bal.simulate([1000], h=h)[0]
    assert sim[0] < 1e-6 and sim[1] > 0


def test_built_page(site):
    check_built_page(site, "population-dynamics")
    html = (site / "population-dynamics" / "index.html").read_text(encoding="utf-8")
    for text in ("Wilson &amp; Cowan 1972", "Tsodyks et al. 1997", "Ozeki et al. 2009",
                 "van Vreeswijk &amp; Sompolinsky 1998", "Pfeffer et al. 2013"):
        assert text in html, text


def test_snippets_run_as_a_student_runs_them():
    from helpers import run_snippet

    for name in ("wilson_cowan", "wc_hopf", "isn_paradoxical", "balanced_rates"):
        done = run_snippet(f"population_dynamics/{name}.py")
        assert done.returncode == 0, done.stderr


def test_exercise_answers_are_computed():
    # 1: the Hopf point from the trace
    (e, i), = wc.fixed_points()
    g_e, g_i = hopf.slopes(e, i)
    on_page(wc.W_EE * g_e, ".3f", EXERCISES)
    on_page(wc.W_II * g_i, ".3f", EXERCISES)
    on_page(1 + wc.W_II * g_i, ".3f", EXERCISES)
    on_page(wc.W_EE * g_e - 1, ".3f", EXERCISES)
    on_page(hopf.critical_tau_i(), ".2f", EXERCISES)
    on_page(wc.W_EI * g_e, ".3f", EXERCISES)
    on_page(wc.W_IE * g_i, ".3f", EXERCISES)
    det = np.linalg.det(wc.jacobian(e, i, tau_i=hopf.critical_tau_i()))
    by_hand = (-(wc.W_EE * g_e - 1) * (1 + wc.W_II * g_i) + wc.W_EI * g_e * wc.W_IE * g_i) \
        / (wc.TAU_E * hopf.critical_tau_i())
    assert by_hand == pytest.approx(det, rel=1e-12) and det > 0
    on_page(det, ".4f", EXERCISES)
    on_page(np.sqrt(det), ".4f", EXERCISES)
    omega = abs(np.linalg.eigvals(wc.jacobian(e, i, tau_i=hopf.critical_tau_i()))[0].imag)
    on_page(omega / (2 * np.pi) * 1000, ".0f", EXERCISES)
    # 2: less input to I raises the I rate in the ISN
    det = np.linalg.det(np.eye(2) - isn.weights(isn.W_EE_ISN))
    on_page(det, ".2f", EXERCISES)
    gain = isn.inhibitory_gain(isn.W_EE_ISN)
    on_page(gain, ".3f", EXERCISES)
    on_page(-2.0 * gain, ".3f", EXERCISES)
    before = isn.steady_state(isn.W_EE_ISN)[1]
    after = isn.steady_state(isn.W_EE_ISN, h_i=isn.H_I - 2.0)[1]
    _, _, r_i = isn.simulate(isn.W_EE_ISN, step=-2.0)
    assert r_i[-1] == pytest.approx(after, abs=1e-6)
    on_page(before, ".2f", EXERCISES)
    on_page(after, ".2f", EXERCISES)
    # 3: outside the balance condition
    h = np.array([1.0, 0.8])
    on_page(bal.balanced_limit(e=h[0], i=h[1])[0], ".2f", EXERCISES)
    on_page(h[0] / h[1], ".2f", EXERCISES)
    on_page(bal.J_E / bal.J_I, ".2f", EXERCISES)
    limit_i = h[1] * bal.M0 / bal.J_I
    on_page(limit_i, ".2f", EXERCISES)
    sims = bal.simulate([1000, 100_000], h=h)
    assert np.all(sims[:, 0] < 1e-6)
    assert abs(sims[1, 1] - limit_i) < abs(sims[0, 1] - limit_i) < 0.2
