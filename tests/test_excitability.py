"""Excitability: fixed points and eigenvalues of FitzHugh-Nagumo and Morris-Lecar against
their analytic Jacobians, the two bifurcation currents, and the f-I onset (continuous for
type I, a jump for type II) matched to them; the numbers the page quotes."""

from __future__ import annotations


import numpy as np
import pytest
from helpers import check_built_page, number_with_unit_on
from conftest import ROOT, load_snippet

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


def test_type_two_onset_is_a_jump_at_the_hopf_current_with_bistability():
    _, i_h, v_h = ml.bifurcation(ml.SETS["type II"])
    r, t, v = rate("type II", [i_h - 0.86, i_h + 0.64, i_h + 2.14])
    assert r[0] == 0 and r[2] > 10                        # silent below, ~11 Hz at once above
    # Just above I_H rest is unstable, but the oscillation grows too slowly to fire in 1.2 s.
    assert r[1] == 0
    first, last = np.ptp(v[t < 200, 1]), np.ptp(v[t > 1000, 1])
    assert last > first                                   # it is growing, not decaying
    # Started away from rest, the neuron keeps firing below I_H (bistable) down to ~89.
    p, c = ml.stacked([("type II", np.array([88.0, 89.0]))])
    t2, v2 = ml.simulate(c, p, start=(-60.0, ml.w_inf(-60.0, ml.SETS["type II"])))
    r2 = ml.rates(t2, v2)
    assert r2[0] == 0 and r2[1] > 5 and 89.0 < i_h
    assert on_page(f"{r2[1]:.1f}", "Hz") and on_page(f"{r[2]:.1f}", "Hz")
    assert v[:, 1].max() < -10.0                          # never a spike just above I_H


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
