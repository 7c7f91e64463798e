"""Excitability: fixed points and eigenvalues of FitzHugh-Nagumo and Morris-Lecar against
their analytic Jacobians, the two bifurcation currents, and the f-I onset (continuous for
type I, a jump for type II) matched to them; the numbers the page quotes."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import ROOT, load_snippet
from helpers import check_built_page, number_with_unit_on

fhn = load_snippet("excitability/fitzhugh_nagumo.py")
ml = load_snippet("excitability/morris_lecar.py")
fi = load_snippet("excitability/fi_types.py")
PAGE = (ROOT / "docs" / "excitability.md").read_text(encoding="utf-8")


def on_page(number: str, unit: str = "") -> bool:
    return number_with_unit_on(PAGE, number, unit)


def numerical_jacobian(f, v, w, h=1e-6):
    """Central differences of (dv/dt, dw/dt) = f(v, w)."""
    dv = (np.array(f(v + h, w)) - np.array(f(v - h, w))) / (2 * h)
    dw = (np.array(f(v, w + h)) - np.array(f(v, w - h))) / (2 * h)
    return np.column_stack([dv, dw])


def test_fhn_fixed_point_lies_on_both_nullclines_and_is_a_stable_focus():
    v, w = fhn.fixed_point(0.0)
    assert w == pytest.approx(v - v**3 / 3, abs=1e-12)
    assert w == pytest.approx((v + fhn.A) / fhn.B, abs=1e-12)
    jac = fhn.jacobian(v)
    assert jac == pytest.approx(numerical_jacobian(fhn.derivatives, v, w), abs=1e-8)
    eig = np.linalg.eigvals(jac)
    assert np.all(eig.real < 0) and np.all(eig.imag != 0)
    assert on_page(f"{v:.4f}") and on_page(f"{w:.4f}")
    assert on_page(f"{eig[0].real:.4f}") and on_page(f"{abs(eig[0].imag):.4f}")
    assert on_page(f"{np.trace(jac):.4f}") and on_page(f"{np.linalg.det(jac):.4f}")


def test_fhn_hopf_current_from_the_trace_and_by_simulation():
    i_h = fhn.hopf_current()
    assert on_page(f"{i_h:.4f}")
    for current, sign in ((i_h - 0.01, -1), (i_h + 0.01, 1)):
        v, _ = fhn.fixed_point(current)
        assert np.sign(np.trace(fhn.jacobian(v))) == sign
    assert np.trace(fhn.jacobian(fhn.fixed_point(i_h)[0])) == pytest.approx(0.0, abs=1e-9)
    # Below: a small kick dies away. Above: it grows into repetitive spikes.
    for current, fires in ((i_h - 0.05, False), (i_h + 0.05, True)):
        v0, w0 = fhn.fixed_point(current)
        t, v, w = fhn.simulate(v0 + 0.01, w0, current, t_max=600)
        assert (v[-2000:].max() - v0 > 1.0) == fires


def test_fhn_hopf_is_subcritical_with_a_narrow_bistable_window():
    """0.005 below the Hopf current rest is stable (a kick decays), yet a start far from rest
    keeps firing full spikes: a stable cycle coexists with rest (subcritical Hopf)."""
    current = fhn.hopf_current() - 0.005
    v0, w0 = fhn.fixed_point(current)
    _, v_near, _ = fhn.simulate(v0 + 0.01, w0, current, t_max=1500, dt=0.1)
    _, v_far, _ = fhn.simulate(-2.0, 0.0, current, t_max=800, dt=0.1)
    assert np.ptp(v_near[-3000:]) < 0.01 and np.ptp(v_far[-2000:]) > 3.0
    _, v_lower, _ = fhn.simulate(-2.0, 0.0, current - 0.015, t_max=800, dt=0.1)
    assert np.ptp(v_lower[-2000:]) < 0.01                 # the window is narrow
    assert on_page("0.005")


def test_fhn_excitable_threshold_between_the_two_kicks():
    v0, w0 = fhn.fixed_point(0.0)
    small, large = fhn.KICKS
    assert fhn.simulate(v0 + small, w0)[1].max() < 0      # no spike
    assert fhn.simulate(v0 + large, w0)[1].max() > 1.5    # a full spike


@pytest.mark.parametrize("name", ["type I", "type II"])
def test_morris_lecar_jacobian_matches_finite_differences(name):
    p = ml.SETS[name]
    for v in (-50.0, -30.0, -10.0, 10.0):
        w = ml.w_inf(v, p)
        numeric = numerical_jacobian(lambda a, b: ml.derivatives(a, b, 0.0, p), v, w)
        assert ml.jacobian(v, p) == pytest.approx(numeric, rel=1e-6, abs=1e-9)


def test_morris_lecar_bifurcations():
    kind, i_sn, v_sn = ml.bifurcation(ml.SETS["type I"])
    assert kind == "saddle-node"
    slope = (ml.steady_current(v_sn + 1e-5, ml.SETS["type I"]) - ml.steady_current(v_sn - 1e-5, ml.SETS["type I"])) / 2e-5
    assert slope == pytest.approx(0.0, abs=1e-6)
    assert min(abs(np.linalg.eigvals(ml.jacobian(v_sn, ml.SETS["type I"])))) < 1e-6
    kind, i_h, v_h = ml.bifurcation(ml.SETS["type II"])
    jac = ml.jacobian(v_h, ml.SETS["type II"])
    assert kind == "Hopf" and np.trace(jac) == pytest.approx(0.0, abs=1e-9) and np.linalg.det(jac) > 0
    # The page's values: I_SN = 39.96, I_H = 93.86 uA/cm^2, eigenvalues +-0.0798 i.
    assert on_page(f"{i_sn:.2f}", "µA/cm²") and on_page(f"{i_h:.2f}", "µA/cm²")
    assert on_page(f"{abs(np.linalg.eigvals(jac)[0].imag):.4f}")


def rate(name, currents, **kw):
    p, c = ml.stacked([(name, np.atleast_1d(currents))])
    t, v = ml.simulate(c, p, **kw)
    return ml.rates(t, v), t, v


def test_type_one_onset_is_continuous_and_at_the_saddle_node():
    _, i_sn, _ = ml.bifurcation(ml.SETS["type I"])
    currents = np.array([i_sn - 0.06, i_sn + 0.14, i_sn + 0.29, i_sn + 0.54, i_sn + 1.04])
    r, *_ = rate("type I", currents)
    assert r[0] == 0
    assert 0 < r[1] < 3                                   # fires, and slowly: from zero
    assert np.all(np.diff(r[1:]) > 0)
    k = r[1:] ** 2 / (currents[1:] - i_sn)                # f ~ sqrt(I - I_SN)
    assert np.all((k > 20) & (k < 32)), k


def test_type_two_onset_is_a_jump_at_the_hopf_current():
    _, i_h, _ = ml.bifurcation(ml.SETS["type II"])
    r, t, v = rate("type II", [i_h - 0.86, i_h + 0.64, i_h + 2.14])
    assert r[0] == 0 and r[2] > 10                        # silent below, ~11 Hz at once above
    # Just above I_H rest is unstable, but the oscillation grows too slowly to fire in 1.2 s.
    assert r[1] == 0
    first, last = np.ptp(v[t < 200, 1]), np.ptp(v[t > 1000, 1])
    assert last > first                                   # it is growing, not decaying
    assert v[:, 1].max() < -10.0                          # never a spike just above I_H


def hopf_current_from_eigenvalues(p, lo=80.0, hi=100.0):
    """The current at which the largest real part of the eigenvalues at rest crosses zero,
    independently of morris_lecar.jacobian and bifurcation: the fixed point by bisection on
    dV/dt = 0 with w = w_inf(V), the Jacobian by central differences of derivatives()."""
    def rest(current):
        f = lambda x: ml.derivatives(x, ml.w_inf(x, p), current, p)[0]
        a, b = -80.0, 60.0                                # f(a) > 0 > f(b): one crossing (monotonic)
        for _ in range(200):
            m = 0.5 * (a + b)
            a, b = (m, b) if f(m) > 0 else (a, m)
        return 0.5 * (a + b)

    def growth(current):
        v = rest(current)
        jac = numerical_jacobian(lambda x, y: ml.derivatives(x, y, current, p), v, ml.w_inf(v, p))
        return np.linalg.eigvals(jac).real.max()

    assert growth(lo) < 0 < growth(hi)
    for _ in range(60):
        m = 0.5 * (lo + hi)
        lo, hi = (m, hi) if growth(m) < 0 else (lo, m)
    return 0.5 * (lo + hi)


def test_hopf_current_matches_the_eigenvalue_crossing():
    p = ml.SETS["type II"]
    _, i_h, v_h = ml.bifurcation(p)
    assert hopf_current_from_eigenvalues(p) == pytest.approx(i_h, abs=1e-4)
    eig = np.linalg.eigvals(ml.jacobian(v_h, p))
    assert np.all(np.abs(eig.imag) > 0.05)                # a complex pair: Hopf, not a saddle-node


def test_sweep_matches_the_vectorised_simulation():
    """sweep() writes the equations out again with the math module: same rates as simulate()."""
    p = ml.SETS["type II"]
    for current in (80.0, 100.0):
        v0, w0 = ml.resting_state(current, p)             # simulate() starts 0.1 mV above rest
        r_sweep, _ = ml.sweep(np.array([current]), p, dwell=1200.0, settle=500.0, start=(v0 + 0.1, w0))
        r_vec, *_ = rate("type II", [current])
        assert r_sweep[0] == pytest.approx(r_vec[0], rel=1e-6, abs=1e-9)


def test_type_two_sweep_shows_the_hysteresis_of_a_subcritical_hopf():
    _, i_h, _ = ml.bifurcation(ml.SETS["type II"])
    up, down = fi.hysteresis()
    both = (up == 0) & (down > 0)                         # silent going up, firing coming down
    window = fi.SWEEP[both]
    assert len(window) >= 3 and np.all(np.diff(np.flatnonzero(both)) == 1), window
    # Bistability below I_H: the down sweep fires where rest is still stable.
    assert np.sum(window < i_h) >= 3
    assert np.all(up[fi.SWEEP < i_h] == 0)                # rest is stable below I_H: no firing going up
    assert fi.SWEEP[up > 0][0] > i_h                      # the up sweep jumps only above I_H ...
    assert up[up > 0][0] > 10                             # ... and at once to ~11 Hz, not from zero
    assert down[down > 0][0] > 8                          # firing stops at a finite rate coming down
    # Outside the window both sweeps agree.
    assert np.all(np.abs(up - down)[~both] < 0.1)
    # The page's numbers: up first fires at 95 (11.0 Hz), down last fires at 89 (9.2 Hz).
    assert on_page(f"{fi.SWEEP[up > 0][0]:g}", "µA/cm²") and on_page(f"{up[up > 0][0]:.1f}", "Hz")
    assert on_page(f"{window[0]:g}", "µA/cm²") and on_page(f"{down[down > 0][0]:.1f}", "Hz")
    assert f"between about {window[0]:g} and {i_h:.1f}" in PAGE   # exercise 4


def test_fhn_has_a_quasi_threshold_not_an_all_or_none_one():
    """FitzHugh (1955): no exact threshold. Between the failing and the spiking kick there is
    a kick whose peak lies halfway, at v = 1, found by bisection."""
    v0, w0 = fhn.fixed_point(0.0)
    peak = lambda k: fhn.simulate(v0 + k, w0)[1].max()
    lo, hi = fhn.KICKS
    for _ in range(45):
        mid = 0.5 * (lo + hi)
        lo, hi = (lo, mid) if peak(mid) > 1.0 else (mid, hi)
    assert abs(peak(lo) - 1.0) < 0.05 and abs(peak(hi) - 1.0) < 0.05
    assert peak(fhn.KICKS[0]) < 0 and peak(fhn.KICKS[1]) > 1.5
    assert "quasi-threshold" in PAGE


prc = load_snippet("excitability/prc.py")


def test_prc_of_the_theta_neuron_is_non_negative_and_matches_the_closed_form():
    q = prc.theta_prc()
    assert np.all(q > 0)
    assert q == pytest.approx(prc.theta_closed(prc.PHASES), abs=2e-3)
    assert prc.PHASES[np.argmax(q)] == pytest.approx(0.5, abs=0.05)


def test_prc_of_the_hopf_normal_form_has_both_signs_and_matches_the_closed_form():
    h = prc.hopf_prc()
    assert h == pytest.approx(prc.hopf_closed(prc.PHASES), abs=2e-3)
    assert np.all(h[prc.PHASES < 0.45] < 0) and np.all(h[prc.PHASES > 0.55] > 0)
    # The kicks really are simulated: a larger kick departs from the linear closed form.
    big = prc.hopf_prc(kick=0.5)
    assert np.abs(big - prc.hopf_closed(prc.PHASES)).max() > 0.01
    assert on_page("0.001")


def test_fi_snippet_grid_numbers_on_page():
    p, c = ml.stacked([("type I", fi.TYPE_I)])
    t, v = ml.simulate(c, p)
    r = ml.rates(t, v)
    first = r[r > 0][0]
    assert on_page(f"{first:.1f}", "Hz")                  # 2.0 Hz at 40.1
    _, i_sn, _ = ml.bifurcation(ml.SETS["type I"])
    near = (fi.TYPE_I > i_sn) & (fi.TYPE_I <= 42)
    k = r[near] ** 2 / (fi.TYPE_I[near] - i_sn)
    assert 23 <= k.min() and k.max() <= 29.5              # "between about 23 and 29"
    assert round(1 / np.median(k), 2) == 0.04 and on_page("0.04", "µA/cm²")  # exercise 3: I - I_SN < 1/k


def test_built_page_has_figures_exercises_and_references(site):
    check_built_page(site, "excitability")


def test_fitzhugh_1961_form_with_c_3_is_this_scaling_with_eps_one_ninth():
    """FitzHugh's dx/dt = c(y + x - x^3/3 + z), dy/dt = -(x - a + b y)/c with c = 3: with
    v = -x, w = y, I = -z and time in units of 1/c it is the page's model with eps = 1/c^2."""
    c, a, b = 3.0, fhn.A, fhn.B
    rng = np.random.default_rng(0)
    v, w, current = rng.uniform(-2, 2, (3, 50))
    x, y, z = -v, w, -current
    dx, dy = c * (y + x - x**3 / 3 + z), -(x - a + b * y) / c
    dv_page = v - v**3 / 3 - w + current
    dw_page = (1 / c**2) * (v + a - b * w)
    assert np.allclose(-dx / c, dv_page) and np.allclose(dy / c, dw_page)
    assert fhn.EPS != pytest.approx(1 / c**2, abs=0.01)          # the page's 0.08 is not FitzHugh's
    assert "\\varepsilon = 1/c^2 \\approx 0.11" in PAGE and "c = 3" in PAGE


def test_type_two_firing_ends_in_a_fold_of_limit_cycles():
    """Coming down, firing stops at a finite rate, and with a single fixed point (a focus, no
    saddle) there is no saddle homoclinic orbit to end it: a fold of limit cycles."""
    p = ml.SETS["type II"]
    v = np.linspace(-80.0, 60.0, 2001)
    assert np.all(np.diff(ml.steady_current(v, p)) > 0)   # I_ss monotonic: one fixed point
    for current in (88.0, 89.0):
        v_rest, _ = ml.resting_state(current, p)
        eig = np.linalg.eigvals(ml.jacobian(v_rest, p))
        assert np.all(eig.real < 0) and np.all(np.abs(eig.imag) > 0.05)   # a stable focus
    _, state = ml.sweep(np.array([100.0, 95.0, 90.0, 89.0]), p)           # onto the firing cycle
    fine = np.round(np.arange(88.9, 87.95, -0.1), 2)
    r, _ = ml.sweep(fine, p, start=state)
    last = np.flatnonzero(r > 0)[-1]
    assert np.all(r[: last + 1] > 0) and np.all(r[last + 1:] == 0)
    assert 88.0 < fine[last] < 89.0 and r[last] == pytest.approx(8.0, abs=0.5)
    assert on_page(f"{fine[last]:.1f}", "µA/cm²") and f"silent from {fine[last + 1]:.1f}" in PAGE
