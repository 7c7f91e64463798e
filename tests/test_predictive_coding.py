"""Predictive coding against backprop (docs/predictive-coding.md), with the snippet's fixed seed.

The backprop gradient the page compares against is first checked against central finite
differences of the loss, an independent reference; then the predictive-coding updates
must converge to it as the inference runs longer, and more closely the smaller the
output error's weight gamma, as the page says.
"""

from __future__ import annotations

import numpy as np
import pytest

from conftest import ROOT, load_snippet

pc = load_snippet("predictive_coding/pc_vs_backprop.py")


def finite_difference_gradient(weights, x, t, h=1e-6):
    grads = []
    for W in weights:
        grad = np.empty_like(W)
        for index in np.ndindex(W.shape):
            saved = W[index]
            W[index] = saved + h
            up = pc.loss(weights, x, t)
            W[index] = saved - h
            down = pc.loss(weights, x, t)
            W[index] = saved
            grad[index] = (up - down) / (2 * h)
        grads.append(grad)
    return grads


@pytest.mark.parametrize("seed", [0, 1])
def test_backprop_gradient_matches_finite_differences(seed):
    weights, x, t = pc.make_problem(seed)
    analytic = pc.backprop(weights, x, t)
    numeric = finite_difference_gradient(weights, x, t)
    for a, n in zip(analytic, numeric):
        assert np.linalg.norm(a - n) / np.linalg.norm(n) < 1e-6


@pytest.fixture(scope="module")
def measured():
    return pc.sweep()


def test_without_inference_only_the_output_layer_learns():
    """T = 0: hidden errors are zero, so the update is the output layer's gradient alone."""
    weights, x, t = pc.make_problem(0)
    grads = pc.backprop(weights, x, t)
    update = pc.predictive_coding(weights, x, t, 0, gamma=0.01)
    assert all(np.all(u == 0) for u in update[:-1])
    np.testing.assert_allclose(update[-1] / 0.01, -grads[-1], rtol=1e-12)
    expected_cosine = np.linalg.norm(grads[-1]) / np.sqrt(sum(np.sum(g**2) for g in grads))
    cosines, _ = pc.compare(update, grads, 0.01)
    assert cosines == pytest.approx(expected_cosine, rel=1e-12)


def test_small_gamma_converges_to_backprop(measured):
    cosines, rel_errors = measured
    for gamma in (0.01, 0.001):
        i = pc.GAMMAS.index(gamma)
        assert cosines[i, -1] > 0.999
        assert cosines[i, 0] < 0.7  # far from it before inference
        # relative error shrinks (allowing tiny wobbles) and ends below 5 %
        assert np.all(np.diff(rel_errors[i]) < 1e-3)
        assert rel_errors[i, -1] < 0.05 and rel_errors[i, -1] < rel_errors[i, 0] / 10
        # cosine grows until it saturates
        assert np.all(np.diff(cosines[i]) > -1e-3)
        # the equilibrium is reached: the last two T agree
        assert abs(rel_errors[i, -1] - rel_errors[i, -2]) < 1e-3


def test_remaining_error_scales_with_gamma(measured):
    """At equilibrium the mismatch is first order in gamma: 10x smaller gamma, ~10x smaller error."""
    _, rel_errors = measured
    final = rel_errors[:, -1]
    assert np.all(np.diff(final) < 0)  # gammas are listed from large to small
    ratio = final[pc.GAMMAS.index(0.01)] / final[pc.GAMMAS.index(0.001)]
    assert 5 < ratio < 15


def test_equal_weighting_does_not_approximate_backprop(measured):
    """gamma = 1 with large output errors: the page says the approximation fails."""
    cosines, rel_errors = measured
    i = pc.GAMMAS.index(1.0)
    assert cosines[i, -1] < 0.6 and rel_errors[i, -1] > 0.5


def test_iterations_needed_for_099(measured):
    """The page's cost figure: T needed for cosine > 0.99 at gamma = 0.01 is tens, not one."""
    cosines, _ = measured
    assert iterations_to_reach(cosines[pc.GAMMAS.index(0.01)], 0.99) == 50


def iterations_to_reach(cosine_row, level):
    return next(T for T, c in zip(pc.ITERATIONS, cosine_row) if c > level)


def test_page_states_the_measured_relative_errors(measured):
    """The page's sentence on gamma = 0.01 quotes the table: its numbers must be the snippet's."""
    _, rel_errors = measured
    row = rel_errors[pc.GAMMAS.index(0.01)]
    at = {T: f"{row[pc.ITERATIONS.index(T)]:.3f}" for T in (100, 500, 1000)}  # as the table prints them
    assert at[500] == at[1000]  # levelled off by 500 steps
    assert row[pc.ITERATIONS.index(200)] - row[-1] > 1e-4  # ... but not yet at 200
    page = " ".join((ROOT / "docs" / "predictive-coding.md").read_text(encoding="utf-8").split())
    assert f"{at[100]} at 100 steps, it levels off at {at[500]} by about 500 steps" in page


def test_the_printed_table_is_the_sweep_and_holds_what_the_page_reads(measured):
    """One compact table follows figure 2 (the figure shows every T): each cell is the
    sweep's number at the row's T, rounded as printed, and the sentences that quote it
    (cosine before inference, at equilibrium, the first T above 0.99, the relative errors
    at 100 steps and at equilibrium) say what it says."""
    from helpers import run_snippet

    result = run_snippet("predictive_coding/pc_vs_backprop.py")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.replace("\u00a0", " ").strip().splitlines()  # no-break spaces keep 'T = 100' whole
    assert len(lines) == 2 + 5, "one table: header, rule and five rows, not one row per T"
    rows = {cells[0]: cells[1:] for cells in ([c.strip() for c in line.strip("|").split("|")] for line in lines[2:])}
    cosines, rel_errors = measured
    assert [c.strip() for c in lines[0].strip("|").split("|")][1:] == [f"γ = {g:g}" for g in pc.GAMMAS]

    assert rows["cosine before inference, T = 0"] == [f"{c:.4f}" for c in cosines[:, 0]]
    assert rows["cosine at T = 1000"] == [f"{c:.4f}" for c in cosines[:, pc.ITERATIONS.index(1000)]]
    above = [next((str(T) for T, c in zip(pc.ITERATIONS, row) if c > 0.99), "–") for row in cosines]
    assert rows["first T with a cosine above 0.99"] == above == ["–", "–", "50", "50"]
    for T in (100, 1000):
        printed = [float(v) for v in rows[f"relative error at T = {T}"]]
        # three decimals, four below 0.01: within half a unit of the last digit shown
        np.testing.assert_allclose(printed, rel_errors[:, pc.ITERATIONS.index(T)], atol=5e-4)
        assert abs(printed[-1] - rel_errors[-1, pc.ITERATIONS.index(T)]) <= (5e-5 if printed[-1] < 0.01 else 5e-4)

    page = " ".join((ROOT / "docs" / "predictive-coding.md").read_text(encoding="utf-8").split())
    gamma_001 = pc.GAMMAS.index(0.01)
    assert f"is {rows['cosine at T = 1000'][gamma_001]} from about 100 steps on" in page
    assert f"{rows['relative error at T = 100'][gamma_001]} at 100 steps" in page
    assert f"levels off at {rows['relative error at T = 1000'][gamma_001]}" in page
    assert f"the table gives {rows['relative error at T = 1000'][-1]}" in page
    assert f"as a cosine of {rows['cosine before inference, T = 0'][0]}" in page
    assert "passes 0.99 between 20 and 50 steps" in page  # the first T above 0.99 is 50, not 20
