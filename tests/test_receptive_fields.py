"""Learned receptive fields (docs/receptive-fields.md), with the snippets' fixed seeds.

Whitening must give centre-surround filters and whiten; the sparse code's inference must
reach the minimum of its objective (the closed form on an orthonormal dictionary, the
optimality conditions on an overcomplete one) and learning must lower the objective;
the numpy Gabor fit must recover known Gabors and do as well as scipy's curve_fit, an
independent fitter; and the numbers the page states must be the snippets'.
"""

from __future__ import annotations

import re
import textwrap

import numpy as np
import pytest
from scipy.optimize import curve_fit

from conftest import ROOT, load_snippet

whitening = load_snippet("receptive_fields/whitening.py")
sparse = load_snippet("receptive_fields/sparse_coding.py")
gabor = load_snippet("receptive_fields/gabor_fit.py")

PAGE = " ".join((ROOT / "docs" / "receptive-fields.md").read_text(encoding="utf-8").split())


@pytest.fixture(scope="module")
def patches():
    return whitening.load_patches()


@pytest.fixture(scope="module")
def learned():
    """The page's dictionary (same seed and settings) and its training energies."""
    X, size = sparse.whitened_patches()
    D, energies = sparse.learn_dictionary(X)
    return X, size, D, energies


@pytest.fixture(scope="module")
def fitted(learned):
    _, size, D, _ = learned
    filters = D.T.reshape(-1, size, size)
    params, r_squared = gabor.fit_gabors(filters)
    return filters, params, r_squared, gabor.well_fitted(params, r_squared, size)


# --- Whitening -------------------------------------------------------------------------

def test_patches_are_the_documented_set(patches):
    data, size = patches
    assert data.shape == (11000, 144) and size == 12
    with np.load(ROOT / "snippets" / "receptive_fields" / "data" / "patches.npz") as raw:
        assert raw["patches"].dtype == np.float16
        names = set(raw["image"].tolist())
    readme = (ROOT / "snippets" / "receptive_fields" / "data" / "README.md").read_text(encoding="utf-8")
    for name in names:  # every source image has its licence row
        assert re.search(rf"^\| `{name}\.png` \|.*\| CC0 1\.0", readme, re.MULTILINE), name
    assert (ROOT / "snippets" / "receptive_fields" / "data" / "patches.npz").stat().st_size <= 2_000_000


def test_every_interior_whitening_filter_is_centre_surround(patches):
    """The radial profile changes sign: positive on the filter's own pixel, negative one
    pixel away, for every pixel at least two pixels from the patch's edge."""
    data, size = patches
    W, _ = whitening.zca_matrix(data)
    for row in range(2, size - 2):
        for col in range(2, size - 2):
            profile = whitening.radial_profile(W[row * size + col].reshape(size, size), (row, col))
            assert profile[0] > 0 and profile[1] < 0, (row, col, profile[:3])
            assert abs(profile[1]) < profile[0] / 5  # a weak surround, as on the page


def test_zca_whitens_and_is_symmetric(patches):
    """Without the noise constant, W C W = I (and W is symmetric: the zero-phase whitening)."""
    data, _ = patches
    W, _ = whitening.zca_matrix(data, epsilon=0.0)
    covariance = data.T @ data / len(data)
    np.testing.assert_allclose(W, W.T, atol=1e-9)
    np.testing.assert_allclose(W @ covariance @ W, np.eye(len(W)), atol=1e-6)


def test_whitening_sign_change_vanishes_without_whitening():
    """The test above can fail: a smoothing filter (all weights positive) has no surround."""
    rows, cols = np.indices((12, 12))
    blob = np.exp(-((rows - 6) ** 2 + (cols - 6) ** 2) / 4)
    profile = whitening.radial_profile(blob, (6, 6))
    assert np.all(profile > 0)


# --- Sparse coding ---------------------------------------------------------------------

def test_inference_matches_the_closed_form_on_an_orthonormal_dictionary():
    rng = np.random.default_rng(3)
    D, _ = np.linalg.qr(rng.normal(size=(8, 8)))
    X = rng.normal(size=(20, 8))
    A = sparse.infer(D, X, lam=0.5, steps=300)
    np.testing.assert_allclose(A, sparse.soft_threshold(X @ D, 0.5), atol=1e-8)


def test_inference_meets_the_optimality_conditions_on_an_overcomplete_dictionary():
    """For the lasso: D_i^T r = lam sign(a_i) where a_i != 0, |D_i^T r| <= lam where a_i = 0."""
    rng = np.random.default_rng(4)
    D = rng.normal(size=(6, 12))
    D /= np.linalg.norm(D, axis=0)
    X = rng.normal(size=(10, 6)) * 2
    lam = 0.3
    A = sparse.infer(D, X, lam=lam, steps=3000)
    correlation = (X - A @ D.T) @ D
    active = A != 0
    assert active.any() and (~active).any()
    np.testing.assert_allclose(correlation[active], lam * np.sign(A[active]), atol=1e-5)
    assert np.all(np.abs(correlation[~active]) <= lam + 1e-5)


def test_inference_descends_to_the_minimum_of_the_energy():
    """More FISTA steps lower the energy (FISTA is not monotone in general, but is here) down
    to the minimum that ten times as many steps reach."""
    rng = np.random.default_rng(5)
    D = rng.normal(size=(16, 32))
    D /= np.linalg.norm(D, axis=0)
    X = rng.normal(size=(50, 16))
    energies = [sparse.energy(D, X, sparse.infer(D, X, steps=s)) for s in (1, 5, 15, 50, 200, 2000)]
    assert np.all(np.diff(energies) < 1e-9)
    assert energies[-2] - energies[-1] < 1e-6 < energies[0] - energies[-1]


def test_learning_lowers_the_objective(learned):
    X, _, D, energies = learned
    assert energies[-50:].mean() < 0.85 * energies[:10].mean()  # most of the fall comes early
    # on the same held-out patches, fully inferred: the learned dictionary beats its random start
    held_out = X[-500:]
    rng = np.random.default_rng(0)
    start = rng.normal(size=D.shape)
    start /= np.linalg.norm(start, axis=0)
    learned_energy = sparse.energy(D, held_out, sparse.infer(D, held_out, steps=100))
    random_energy = sparse.energy(start, held_out, sparse.infer(start, held_out, steps=100))
    assert learned_energy < 0.85 * random_energy
    np.testing.assert_allclose(np.linalg.norm(D, axis=0), 1, atol=1e-12)


def test_gabor_fit_reads_the_dictionary_sparse_coding_learns(learned):
    """gabor_fit.py reads data/dictionary.npz instead of learning again: the file must be
    saved from the current code and patches, and hold what learn_dictionary gives."""
    _, size, D, _ = learned
    fix = "run .venv/bin/python scripts/save_rf_dictionary.py"
    with np.load(sparse.SAVED) as saved:
        assert str(saved["source"]) == sparse.source_digest(), f"data/dictionary.npz is stale: {fix}"
        assert int(saved["size"]) == size
        saved_D = saved["D"]
    np.testing.assert_allclose(saved_D, D, rtol=0, atol=1e-9, err_msg=fix)
    read, read_size = sparse.saved_dictionary()
    assert read_size == size and np.array_equal(read, saved_D)


def test_a_stale_saved_dictionary_is_learned_again(monkeypatch):
    """Saved from other code or patches (another digest), the file is not read: the
    dictionary is learned as sparse_coding.py learns it."""
    monkeypatch.setattr(sparse, "source_digest", lambda: "another digest")
    monkeypatch.setattr(sparse, "whitened_patches", lambda: ("patches", 12))
    monkeypatch.setattr(sparse, "learn_dictionary", lambda X: (f"learned from {X}", "energies"))
    assert sparse.saved_dictionary() == ("learned from patches", 12)


# --- Gabor fits ------------------------------------------------------------------------

def synthetic_gabors(n=40, seed=1):
    """Well-posed Gabors: centred, at least a third of a cycle wide, at least one grating cycle visible."""
    rng = np.random.default_rng(seed)
    return np.column_stack([
        rng.uniform(4.5, 6.5, n), rng.uniform(4.5, 6.5, n), rng.uniform(-1.5, 1.5, n),
        np.log(rng.uniform(1.3, 2.5, n)), np.log(rng.uniform(1.3, 3.0, n)), np.log(rng.uniform(0.15, 0.3, n)),
        rng.uniform(-3, 3, n), rng.uniform(0.5, 2, n),
    ])


def test_gabor_fit_recovers_known_parameters():
    true = synthetic_gabors()
    rng = np.random.default_rng(2)
    images = gabor.gabor(true, 12) + rng.normal(0, 0.01, (len(true), 12, 12))
    params, r_squared = gabor.fit_gabors(images)
    assert np.all(r_squared > 0.99)
    n_x, n_y = gabor.shape_numbers(params)
    t_x, t_y = gabor.shape_numbers(true)
    np.testing.assert_allclose(n_x, t_x, rtol=0.03)
    np.testing.assert_allclose(n_y, t_y, rtol=0.03)
    np.testing.assert_allclose(np.exp(params[:, 5]), np.exp(true[:, 5]), rtol=0.02)
    turned = np.angle(np.exp(2j * (params[:, 2] - true[:, 2]))) / 2  # orientation is defined modulo pi
    assert np.all(np.abs(turned) < 0.03)
    np.testing.assert_allclose(params[:, :2], true[:, :2], atol=0.05)


def scipy_fit(image, start):
    size = image.shape[0]

    def model(_, *p):
        return gabor.gabor(np.array(p)[None], size).ravel()

    best, _ = curve_fit(model, None, image.ravel(), p0=start, maxfev=20000)
    residual = image.ravel() - model(None, *best)
    return 1 - residual @ residual / np.sum((image - image.mean()) ** 2)


def test_gabor_fit_does_as_well_as_scipy_curve_fit(fitted):
    """On the learned filters the page keeps, scipy's least squares (from the numpy fit's
    three starts) finds no better Gabor than the numpy fit did."""
    filters, params, r_squared, keep = fitted
    starts = gabor.initial_guess(filters)
    for i in np.flatnonzero(keep)[::4]:
        best_scipy = scipy_fit(filters[i], starts[i])
        assert r_squared[i] >= best_scipy - 0.02, (i, r_squared[i], best_scipy)


def test_gabor_fit_agrees_with_scipy_on_synthetic_gabors():
    true = synthetic_gabors(n=8, seed=7)
    images = gabor.gabor(true, 12)
    params, _ = gabor.fit_gabors(images)
    for image, ours in zip(images, params):
        start = ours + np.array([0.3, -0.3, 0.05, 0.1, -0.1, 0.05, 0.2, 0.1])
        size = image.shape[0]
        best, _ = curve_fit(lambda _, *p: gabor.gabor(np.array(p)[None], size).ravel(), None, image.ravel(),
                            p0=start, maxfev=20000)
        np.testing.assert_allclose(gabor.shape_numbers(best[None]), gabor.shape_numbers(ours[None]), rtol=1e-3)


def test_dc_to_peak_is_one_only_for_even_gabors_narrower_than_a_sixth_of_a_cycle():
    """An even Gabor's spectrum peaks at zero frequency (low-pass) for n_x below 1/(2 pi),
    as the page says; an odd Gabor never responds to uniform light."""
    def ratio(n_x, phi):
        params = np.array([[5.5, 5.5, 0.0, np.log(n_x / 0.1), 0.0, np.log(0.1), phi, 1.0]])
        return gabor.dc_to_peak(params)[0]

    edge = 1 / (2 * np.pi)
    assert ratio(edge - 0.01, 0.0) == pytest.approx(1.0)
    assert ratio(edge + 0.01, 0.0) < 1 - 1e-4
    assert ratio(0.2, 0.0) == pytest.approx(0.865, abs=0.002)
    assert ratio(0.1, np.pi / 2) == pytest.approx(0.0, abs=1e-12)
    assert "below $1/(2\\pi) \\approx 0.16$" in PAGE


def test_selection_drops_odd_narrow_fits_and_fits_at_the_length_ceiling():
    """An odd Gabor much narrower than a cycle is an edge whose f is not measured, and a
    sigma_y at the fit's ceiling is not measured either: well_fitted drops both, and keeps
    the same Gabors when they are even-symmetric or shorter."""
    size = 12
    base = np.array([5.5, 5.5, 0.3, np.log(1.0), np.log(3.0), np.log(0.04), np.pi / 2, 1.0])
    edge = base                                               # 2 pi sigma_x f = 0.25: an edge
    blob = np.where(np.arange(8) == 6, 0.0, base)                # even-symmetric: a measured blob
    grating = np.where(np.arange(8) == 5, np.log(0.25), base)    # odd, but 2 pi sigma_x f = 1.6
    too_long = np.where(np.arange(8) == 4, np.log(4 * size), grating)
    params = np.stack([edge, blob, grating, too_long])
    keep = gabor.well_fitted(params, np.ones(len(params)), size)
    assert keep.tolist() == [False, True, True, False]


# --- What the page states ----------------------------------------------------------------

def test_page_states_the_snippets_shape_statistics(fitted):
    filters, params, r_squared, keep = fitted
    n_x, n_y = gabor.shape_numbers(params[keep])
    assert f"Of the {len(filters)} elements, {keep.sum()} pass" in PAGE
    assert f"median $n_x$ is {np.median(n_x):.2f} and their median $n_y$ {np.median(n_y):.2f}" in PAGE
    shares = {"longer": np.mean(n_y > n_x), "narrow": np.mean(n_x < 0.5)}
    assert shares["longer"] == 1 and "every one is longer along its bars" in PAGE
    assert f"{shares['narrow']:.0%}".replace("%", " %") + " have $n_x < 0.5$" in PAGE
    assert f"at least {gabor.GOOD_FIT:.0%}".replace("%", " %") + " of an element's variance" in PAGE
    excluded = len(filters) - keep.sum()
    assert f"{excluded} of {len(filters)} ({excluded / len(filters):.0%})".replace("%", " %") + " are excluded" in PAGE
    assert f"{excluded} of the {len(filters)} elements ({excluded / len(filters):.0%})".replace("%", " %") in PAGE
    # "no kept element is low-pass" must stay true of the run, by the spectral criterion
    ratio = gabor.dc_to_peak(params[keep]).max()
    assert ratio < 0.9 and "No kept element is low-pass." in PAGE
    assert f"with more than {ratio:.2f} of its peak response" in PAGE
    assert f"The smallest $n_x$ kept is {n_x.min():.2f}" in PAGE
    assert f"$2\\pi\\sigma_x f < {gabor.NARROW_ENVELOPE:g}$" in PAGE


def test_page_states_the_whitening_and_dictionary_sizes(patches, learned):
    data, size = patches
    X, _, D, _ = learned
    assert f"{len(data):,} grey patches of {size} × {size} pixels" in PAGE
    assert f"the {D.shape[1]} elements become" in PAGE


def exercises():
    """Exercise number -> its text and solution, whitespace joined."""
    section = (ROOT / "docs" / "receptive-fields.md").read_text(encoding="utf-8").split("## Exercises", 1)[1]
    parts = re.split(r"^(\d+)\. ", section, flags=re.MULTILINE)[1:]
    return {int(n): " ".join(body.split()) for n, body in zip(parts[::2], parts[1::2])}


def test_exercise_answers_on_page_are_computed(patches, fitted):
    data, size = patches
    centre = (size // 2, size // 2)

    def surround(epsilon):
        W, _ = whitening.zca_matrix(data, epsilon=epsilon)
        profile = whitening.radial_profile(W[centre[0] * size + centre[1]].reshape(size, size), centre)
        return f"−{-profile[1] / profile[0]:.3f}"

    text = exercises()
    assert sorted(text) == [1, 2, 3]
    # the solution's code runs as printed, in the whitening snippet's namespace
    raw = (ROOT / "docs" / "receptive-fields.md").read_text(encoding="utf-8").split("## Exercises", 1)[1]
    code = textwrap.dedent(re.search(r"```python\n(.*?)^ *```", raw, flags=re.MULTILINE | re.DOTALL).group(1))
    namespace = dict(vars(whitening))
    exec(compile(code.replace("print(", "result = ("), "exercise 1", "exec"), namespace)  # noqa: S102
    assert f"−{-namespace['result']:.3f}" == surround(0.1)
    assert f"a surround of {surround(0.1)} of the centre weight" in text[1]
    assert f"about twice the {surround(whitening.EPSILON)} of Figure 1" in text[1]
    code = sparse.soft_threshold(np.array([2.5, -0.4, 1.2]), 1.0)
    assert f"$\\mathbf{{a}} = ({code[0]:g}, {abs(code[1]):g}, {code[2]:.1f})$" in text[2]
    assert f"= 2 \\times 0.125 = {2 * 0.125:g}$" in text[3]
    _, params, _, keep = fitted
    assert f"median $n_x$ is {np.median(gabor.shape_numbers(params[keep])[0]):.2f}" in text[3]
