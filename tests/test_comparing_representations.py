"""The comparing-representations page: its numpy metrics against independent references.

- The RDMs (1 - Pearson r), their comparison (Spearman, cosine) and Nili et al.'s noise
  ceiling equal rsatoolbox's, the field's library, to 1e-10.
- Linear CKA: 1 for identical representations, unchanged by orthogonal transforms and
  isotropic scaling, and equal to the HSIC form of Kornblith et al. 2019, written again.
- Procrustes: the distance and angle equal what scipy's orthogonal_procrustes and
  spatial.procrustes give; the angle obeys the triangle inequality over all the page's
  systems (it is a metric); it compares unequal numbers of units as if the narrower were
  padded with zero units (a padded, rotated copy is at angle 0).
- The ridge fit equals scikit-learn's Ridge; without a penalty, predictivity forgives
  the scaling of three units and a random invertible mixing (to 2e-5), as the page says.
- The table's ground truth: what each metric ignores and what it cannot tell apart, as
  the page states it, and every 3-decimal number the page quotes is the snippet's.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
import scipy.linalg
import scipy.spatial
import scipy.spatial.distance
import scipy.stats

from conftest import ROOT, load_snippet

table_snippet = load_snippet("comparing_representations/metric_table.py")
sim = load_snippet("comparing_representations/similarity.py")
learned_snippet = load_snippet("comparing_representations/learned_filters.py")
PAGE = ROOT / "docs" / "comparing-representations.md"


@pytest.fixture(scope="module")
def systems():
    return table_snippet.systems(0)


@pytest.fixture(scope="module")
def measured():
    return table_snippet.table(0)


@pytest.fixture(scope="module")
def learned_systems():
    return learned_snippet.systems(0)


@pytest.fixture(scope="module")
def learned_measured():
    return learned_snippet.table(0)


# rsatoolbox and scikit-learn are imported by the tests that compare with them, not by the
# module: they take seconds to import, which every pytest-xdist worker would pay at collection.


def rsatoolbox_rdm(responses):
    import rsatoolbox

    data = rsatoolbox.data.Dataset(responses)
    return rsatoolbox.rdm.calc_rdm(data, method="correlation")


def test_rdms_match_rsatoolbox(systems):
    sessions, models = systems
    for responses in [*sessions, *models.values()]:
        reference = rsatoolbox_rdm(responses).get_vectors()[0]
        np.testing.assert_allclose(sim.rdm(responses), reference, rtol=0, atol=1e-10)


@pytest.mark.parametrize("method", ["spearman", "cosine"])
def test_rdm_comparisons_match_rsatoolbox(systems, method):
    import rsatoolbox

    sessions, models = systems
    brain = sessions.mean(axis=0)
    ours = {"spearman": sim.spearman, "cosine": sim.cosine}[method]
    for model in models.values():
        reference = rsatoolbox.rdm.compare(rsatoolbox_rdm(model), rsatoolbox_rdm(brain), method=method)[0, 0]
        assert ours(sim.rdm(model), sim.rdm(brain)) == pytest.approx(reference, abs=1e-10)


def test_noise_ceiling_matches_rsatoolbox(systems):
    import rsatoolbox

    sessions, _ = systems
    rdms = rsatoolbox.rdm.concat([rsatoolbox_rdm(s) for s in sessions])
    lower, upper = rsatoolbox.inference.boot_noise_ceiling(rdms, method="spearman")
    assert sim.rsa_noise_ceiling(sessions) == pytest.approx((lower, upper), abs=1e-10)
    assert lower < upper


def hsic(gram_x, gram_y):
    """Kornblith et al. 2019's HSIC estimator, tr(K H L H) / (n - 1)^2, with the centring matrix H."""
    n = len(gram_x)
    h = np.eye(n) - np.ones((n, n)) / n
    return np.trace(gram_x @ h @ gram_y @ h) / (n - 1) ** 2


def cka_by_hsic(x, y):
    gram_x, gram_y = x @ x.T, y @ y.T
    return hsic(gram_x, gram_y) / np.sqrt(hsic(gram_x, gram_x) * hsic(gram_y, gram_y))


def test_cka_closed_form_properties(systems):
    sessions, models = systems
    brain = sessions.mean(axis=0)
    rng = np.random.default_rng(1)
    assert sim.cka(brain, brain) == pytest.approx(1, abs=1e-12)
    for model in models.values():
        q, _ = np.linalg.qr(rng.normal(size=(model.shape[1], model.shape[1])))
        base = sim.cka(model, brain)
        assert sim.cka(model @ q, brain) == pytest.approx(base, abs=1e-12)
        assert sim.cka(7.5 * model, brain) == pytest.approx(base, abs=1e-12)
        assert sim.cka(model, brain) == pytest.approx(sim.cka(brain, model), abs=1e-12)
        assert base == pytest.approx(cka_by_hsic(model, brain), abs=1e-10)


def test_procrustes_matches_scipy(systems):
    sessions, models = systems
    brain = sessions.mean(axis=0)
    for model in models.values():
        if model.shape != brain.shape:
            continue
        x = brain - brain.mean(axis=0)
        y = model - model.mean(axis=0)
        x, y = x / np.linalg.norm(x), y / np.linalg.norm(y)
        rotation, _ = scipy.linalg.orthogonal_procrustes(y, x)
        distance, angle = sim.procrustes(model, brain)
        assert distance == pytest.approx(np.linalg.norm(x - y @ rotation), abs=1e-10)
        # scipy's disparity is 1 - (sum of singular values)^2 = 1 - cos(angle)^2
        _, _, disparity = scipy.spatial.procrustes(brain, model)
        assert np.sin(angle) ** 2 == pytest.approx(disparity, abs=1e-10)


def test_procrustes_angle_is_a_metric(systems):
    sessions, models = systems
    everything = [sessions.mean(axis=0), *models.values()]
    angle = np.array([[sim.procrustes(a, b)[1] for b in everything] for a in everything])
    np.testing.assert_allclose(np.diag(angle), 0, atol=1e-6)
    np.testing.assert_allclose(angle, angle.T, atol=1e-12)
    n = len(everything)
    for i in range(n):
        for j in range(n):
            assert np.all(angle[i, j] <= angle[i, :] + angle[:, j] + 1e-12)


def pad_with_zero_units(responses, width):
    return np.hstack([responses, np.zeros((len(responses), width - responses.shape[1]))])


def test_procrustes_compares_unequal_widths(systems):
    """The page says unequal numbers of units are handled by zero padding: the 50-neuron
    brain against a zero-padded, randomly rotated 80-unit copy of itself is at angle 0, and
    for a genuinely different 30-unit model the implicit padding equals scipy's Procrustes
    on the explicitly padded matrices."""
    sessions, models = systems
    brain = sessions.mean(axis=0)
    rotation = scipy.stats.special_ortho_group.rvs(80, random_state=4)
    copy = pad_with_zero_units(brain, 80) @ rotation
    assert copy.shape == (len(brain), 80)
    distance, angle = sim.procrustes(copy, brain)
    assert angle == pytest.approx(0, abs=1e-6) and distance == pytest.approx(0, abs=1e-6)
    narrow = models["second brain"][:, :30]
    x = brain - brain.mean(axis=0)
    y = pad_with_zero_units(narrow - narrow.mean(axis=0), 50)
    x, y = x / np.linalg.norm(x), y / np.linalg.norm(y)
    best, _ = scipy.linalg.orthogonal_procrustes(y, x)
    distance, angle = sim.procrustes(narrow, brain)
    assert angle > 0.1
    assert distance == pytest.approx(np.linalg.norm(x - y @ best), abs=1e-10)
    page = " ".join(PAGE.read_text(encoding="utf-8").split())
    assert "Unequal numbers of units are handled by padding the smaller with zero units (or by PCA)" in page
    assert "same number of units on both sides" not in page


def test_ridge_matches_scikit_learn(systems):
    from sklearn.linear_model import Ridge

    sessions, models = systems
    brain = sessions.mean(axis=0)
    features = models["noisy (s.d. 1.5)"]
    weights, intercept = sim.ridge_fit(features, brain, penalty=3.0)
    reference = Ridge(alpha=3.0).fit(features, brain)
    np.testing.assert_allclose(weights, reference.coef_.T, atol=1e-8)
    np.testing.assert_allclose(intercept, reference.intercept_, atol=1e-8)


def test_unpenalised_predictivity_forgives_invertible_linear_maps(systems):
    """With more training stimuli than units, least squares sees through any invertible map."""
    sessions, models = systems
    brain = sessions.mean(axis=0)
    truth = models["the true responses"]
    assert len(truth) * 4 // 5 > truth.shape[1]
    mixing = np.random.default_rng(2).normal(size=(truth.shape[1], truth.shape[1]))
    exact = sim.predictivity(truth, brain, penalty=1e-6)
    for changed in (models["3 dominant units"], truth @ mixing):
        assert sim.predictivity(changed, brain, penalty=1e-6) == pytest.approx(exact, abs=2e-5)


def test_what_each_metric_ignores_and_misses(measured):
    results, (rsa_lower, rsa_upper), predictivity_ceiling = measured
    truth, rotated = results["the true responses"], results["rotated"]
    dominant, other = results["3 dominant units"], results["another latent code"]
    # a rotation: CKA, Procrustes and (ridge) predictivity exactly blind to it ...
    for metric in ("CKA", "Procrustes angle", "predictivity"):
        assert rotated[metric] == pytest.approx(truth[metric], abs=1e-10)
    # ... RSA with correlation distance not quite: a rotation changes each pattern's mean
    assert 0.01 < truth["RSA"] - rotated["RSA"] < 0.1
    # the true responses reach the noise ceilings, and nothing else does
    assert rsa_lower <= truth["RSA"] <= rsa_upper
    assert predictivity_ceiling - 0.03 < truth["predictivity"] <= predictivity_ceiling
    for name, row in results.items():
        if name not in ("the true responses", "rotated"):
            assert row["RSA"] < rsa_lower and row["predictivity"] < truth["predictivity"]
    # three dominant units: predictivity almost unmoved, CKA and RSA fall far
    assert truth["predictivity"] - dominant["predictivity"] < 0.02
    assert truth["CKA"] - dominant["CKA"] > 0.3 and truth["RSA"] - dominant["RSA"] > 0.3
    # a different latent code: every metric near chance, the angle near a right angle
    assert abs(other["RSA"]) < 0.1 and abs(other["predictivity"]) < 0.1 and other["CKA"] < 0.1
    assert other["Procrustes angle"] > 1.2


def test_alt_text_names_the_cubes_worst_score(measured):
    """The figure's alt text: of the three similarities, the cube scores worst on CKA, but the
    lowest CKA of all is the other latent code's, so the cube is not "lowest on CKA"."""
    results, _, _ = measured
    cube = results["nonlinearity (cube)"]
    assert min(("RSA", "predictivity", "CKA"), key=cube.get) == "CKA"
    assert min(results, key=lambda name: results[name]["CKA"]) == "another latent code"
    page = " ".join(PAGE.read_text(encoding="utf-8").split())
    assert "The cubed nonlinearity's worst score is its CKA." in page
    assert "scores lowest on CKA" not in page


def printed_numbers(results, rsa_ceiling, predictivity_ceiling):
    """The 3-decimal numbers a table snippet prints: its cells and its ceilings."""
    printed = {f"{v:.3f}" for row in results.values() for v in row.values()}
    return printed | {f"{v:.3f}" for v in (*rsa_ceiling, predictivity_ceiling)}


def test_page_quotes_the_snippets_numbers(measured, learned_measured):
    """Every 3-decimal number on the page is one a snippet prints (a table cell or ceiling)."""
    printed = printed_numbers(*measured) | printed_numbers(*learned_measured)
    page = PAGE.read_text(encoding="utf-8")
    quoted = set(re.findall(r"(?<![\d.])-?\d\.\d{3}(?!\d)", page))
    assert quoted, "the page quotes no measured number"
    assert quoted <= printed, sorted(quoted - printed)


def euclidean_rdm(responses):
    upper = np.triu_indices(len(responses), k=1)
    return scipy.spatial.distance.squareform(scipy.spatial.distance.pdist(responses))[upper]


def test_rotation_changes_only_the_correlation_distance(systems):
    """Exercise 2: Euclidean RDMs ignore a rotation of the units; correlation RDMs only a permutation."""
    _, models = systems
    truth, rotated = models["the true responses"], models["rotated"]
    np.testing.assert_allclose(euclidean_rdm(rotated), euclidean_rdm(truth), atol=1e-10)
    permuted = truth[:, np.random.default_rng(3).permutation(truth.shape[1])]
    np.testing.assert_allclose(sim.rdm(permuted), sim.rdm(truth), atol=1e-12)
    assert np.max(np.abs(sim.rdm(rotated) - sim.rdm(truth))) > 0.01
    page = " ".join(PAGE.read_text(encoding="utf-8").split())
    assert "With Euclidean distances between patterns, which a rotation keeps, RSA gives the same value" in page


def test_built_page_has_its_figure_table_ledger_and_links(site):
    """The page is in the nav right after population codes, as on the home page's reading
    path, and predictive coding links to it; it shows the figure, the table the snippet
    prints (with a true minus sign), its two ledger rows and the glossary's four terms."""
    html = (site / "comparing-representations" / "index.html").read_text(encoding="utf-8")
    assert "Figure 1." in html and "metric_table" in html
    table = re.search(r"<table>.*?</table>", html[html.index("Figure 1.") :], re.S)
    assert table and "Procrustes angle" in table[0] and "noise ceiling" in table[0]
    assert "−0.007" in table[0] and "-0.007" not in table[0]
    for verdict in ("partly", "breaks"):
        assert f">{verdict}<" in html
    for term in ("RSA", "RDM", "CKA", "noise ceilings"):  # the glossary marks a term's first use
        assert re.search(rf'<abbr title="[^"]+"[^>]*>{term}</abbr>', html), term
    previous = (site / "predictive-coding" / "index.html").read_text(encoding="utf-8")
    body = previous[previous.index('<article class="md-content__inner') :]
    assert 'href="../comparing-representations/"' in body
    other = (site / "depth" / "index.html").read_text(encoding="utf-8")
    nav = re.findall(r'href="\.\./([a-z-]+)/"', other[: other.index('<article class="md-content__inner')])
    assert nav[nav.index("population-codes") + 1] == "comparing-representations"


# --- The learned filters (the page's last section) ---------------------------------------

BUILT_ORDER = ("the learned code", "Gabor fits", "ZCA filters", "random filters")


def test_learned_filter_metrics_match_rsatoolbox(learned_systems):
    """The last section's RDMs, RDM comparisons and RSA ceiling equal rsatoolbox's; CKA the HSIC form."""
    import rsatoolbox

    sessions, models = learned_systems
    brain = sessions.mean(axis=0)
    for model in models.values():
        reference = rsatoolbox_rdm(model)
        np.testing.assert_allclose(sim.rdm(model), reference.get_vectors()[0], rtol=0, atol=1e-10)
        expected = rsatoolbox.rdm.compare(reference, rsatoolbox_rdm(brain), method="spearman")[0, 0]
        assert sim.rsa(model, brain) == pytest.approx(expected, abs=1e-10)
        assert sim.cka(model, brain) == pytest.approx(cka_by_hsic(model, brain), abs=1e-10)
    rdms = rsatoolbox.rdm.concat([rsatoolbox_rdm(s) for s in sessions])
    ceiling = rsatoolbox.inference.boot_noise_ceiling(rdms, method="spearman")
    assert sim.rsa_noise_ceiling(sessions) == pytest.approx(ceiling, abs=1e-10)


def test_learned_filters_order_and_invariances_as_the_page_states(learned_measured):
    results, (rsa_lower, rsa_upper), predictivity_ceiling = learned_measured
    code, permuted, rotated = (results[n] for n in ("the learned code", "units permuted", "units rotated"))
    # the known answers: a permutation changes nothing, a rotation only RSA (a little)
    for metric in code:
        assert permuted[metric] == pytest.approx(code[metric], abs=1e-10)
    for metric in ("CKA", "Procrustes angle", "predictivity"):
        assert rotated[metric] == pytest.approx(code[metric], abs=1e-10)
    assert 0 < abs(code["RSA"] - rotated["RSA"]) < 0.02
    # one order on every metric: learned code, Gabor fits, ZCA filters, random filters
    for metric in ("RSA", "predictivity", "CKA"):
        values = [results[n][metric] for n in BUILT_ORDER]
        assert values == sorted(values, reverse=True), metric
    angles = [results[n]["Procrustes angle"] for n in BUILT_ORDER]
    assert angles == sorted(angles)
    # only the learned code (and its copies) reaches the RSA ceiling; the Gabor fits fall below it
    for name in ("the learned code", "units permuted", "units rotated"):
        assert rsa_lower <= results[name]["RSA"] <= rsa_upper
    for name in BUILT_ORDER[1:]:
        assert results[name]["RSA"] < rsa_lower
    # the control is not at zero; in raw difference predictivity separates it from the learned
    # code most and CKA least, but as a share of the room up to 1 the order is CKA first, RSA last
    control = results["random filters"]
    assert control["CKA"] > 0.5 and control["RSA"] > 0.3
    gaps = {m: code[m] - control[m] for m in ("RSA", "predictivity", "CKA")}
    assert max(gaps, key=gaps.get) == "predictivity" and min(gaps, key=gaps.get) == "CKA"
    shares = {m: gaps[m] / (1 - control[m]) for m in gaps}
    assert max(shares, key=shares.get) == "CKA" and min(shares, key=shares.get) == "RSA"
    # predictivity stays well under its ceiling (144 weights per unit from 192 stimuli)
    assert predictivity_ceiling - code["predictivity"] > 0.05
    stimuli, units = learned_snippet.load_codes()["learned"].shape
    assert (stimuli, units) == (240, 144) and stimuli * 4 // 5 == 192
    page = " ".join(PAGE.read_text(encoding="utf-8").split())
    assert "learns 144 weights per unit from 192 stimuli" in page
    assert "In raw difference, predictivity separates" in page
    assert "CKA's gap is the largest and RSA's the smallest" in page
    assert "the ZCA filters also beat the random ones was observed, not predicted" in page


def test_learned_filters_stimuli_and_excluded_fits_as_the_page_states():
    """The stimuli are the high-contrast half's (no code all zero, so every correlation distance
    is defined), and the page's count of poor Gabor fits is the receptive-fields page's."""
    codes = learned_snippet.load_codes()
    for name, code in codes.items():
        assert np.all(np.any(code != 0, axis=1)), name
    page = " ".join(PAGE.read_text(encoding="utf-8").split())
    fields = " ".join((PAGE.parent / "receptive-fields.md").read_text(encoding="utf-8").split())
    assert "82 of 144 (57 %) are excluded" in fields
    assert "82 of the 144 fits (57 %) are too poor" in page
    assert "an all-zero pattern has no correlation distance to any other" in page
    assert "comparing-representations.md#applied-to-filters-learned-from-natural-images" in fields


def test_exercise_on_doubled_noise_is_computed(monkeypatch):
    """Exercise 4: with NOISE = 1.0 the order stands, and the page's rounded numbers are computed."""
    monkeypatch.setattr(learned_snippet, "NOISE", 1.0)
    results, (rsa_lower, rsa_upper), predictivity_ceiling = learned_snippet.table(0)
    for metric in ("RSA", "predictivity", "CKA"):
        values = [results[n][metric] for n in BUILT_ORDER]
        assert values == sorted(values, reverse=True), metric
    angles = [results[n]["Procrustes angle"] for n in BUILT_ORDER]
    assert angles == sorted(angles)
    code = results["the learned code"]
    assert rsa_lower <= code["RSA"] <= rsa_upper
    # the ceiling no longer separates the learned code from the Gabor fits; the other two fall below it
    gabor, zca, random = (results[n]["RSA"] for n in BUILT_ORDER[1:])
    assert rsa_lower <= gabor <= rsa_upper
    assert random < zca < rsa_lower
    page = " ".join(PAGE.read_text(encoding="utf-8").split())
    assert (
        f"the Gabor fits' RSA, {gabor:.2f}, is now inside the ceiling too, and the ZCA filters' "
        f"{zca:.2f} and the random filters' {random:.2f} fall just below it"
    ) in page
    answer = (
        f"the learned code's RSA drops to {code['RSA']:.2f}, still inside the ceiling, now "
        f"{rsa_lower:.2f} to {rsa_upper:.2f}, and its predictivity to {code['predictivity']:.2f}, "
        f"against a ceiling of {predictivity_ceiling:.2f}"
    )
    assert answer in page


@pytest.mark.slow
def test_committed_codes_are_the_receptive_field_snippets():
    """data/learned_codes.npz is what the receptive-field snippets compute (about 15 s: the
    dictionary is learned again), so the section cannot drift from the page it compares."""
    from scripts import export_learned_codes

    codes, index = export_learned_codes.codes_and_stimuli()
    with np.load(export_learned_codes.OUT) as data:
        np.testing.assert_array_equal(data["patch_index"], index)
        assert list(data["dictionaries"]) == list(export_learned_codes.DICTIONARIES)
        np.testing.assert_allclose(data["codes"], codes, rtol=0, atol=1e-4 * np.abs(codes).max())


def test_built_page_shows_the_learned_filters_figure_and_table(site, learned_measured):
    """The last section: Figure 2 is the learned filters' (desktop and phone copies), its table
    lists the models in the snippet's order with the snippet's numbers, and it links the
    receptive-fields page whose filters it compares."""
    html = (site / "comparing-representations" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="applied-to-filters-learned-from-natural-images"') : html.index('id="exercises"')]
    assert "Figure 2." in section and "learned_filters-phone.svg" in section
    assert 'href="../receptive-fields/"' in section
    table = re.search(r"<table>.*?</table>", section[section.index("Figure 2.") :], re.S)[0]
    # marked as a printed result, which a wide screen draws across the column (site.css)
    assert '<div class="snippet-table">' in section[section.index("Figure 2.") : section.index(table)]
    rows = re.findall(r"<tr>\s*<td>([^<]+)</td>", table)
    results = learned_measured[0]
    assert rows[: len(results)] == list(results) and rows[-1] == "noise ceiling"
    assert f"{results['Gabor fits']['CKA']:.3f}" in table


# --- The figures: neutral bars, named ceilings (the second visual review) ----------------


@pytest.fixture(scope="module", params=["metric_table", "learned_filters"])
def drawn(request, measured, learned_measured):
    """A figure as the page shows it, with the ceilings its snippet computes."""
    import matplotlib.pyplot as plt
    from test_figure_review import main_figure

    _, rsa_ceiling, predictivity_ceiling = measured if request.param == "metric_table" else learned_measured
    fig = main_figure(f"comparing_representations/{request.param}.py")
    yield fig, {"RSA": list(rsa_ceiling), "linear predictivity": [predictivity_ceiling]}
    plt.close(fig)


def test_every_bar_is_one_neutral_grey(drawn):
    """The site's other colours stand for parts of a neuron: a model's bar is plain grey."""
    from matplotlib.patches import Rectangle
    from test_figure_review import colour

    fig, _ = drawn
    bars = [p for ax in fig.axes for p in ax.patches if isinstance(p, Rectangle)]
    assert len(bars) >= 4 * 6, len(bars)
    assert {colour(p.get_facecolor()) for p in bars} == {colour("C6")}


def test_the_noise_ceilings_are_drawn_and_named_in_the_figure(drawn):
    """Each ceiling is a line at the snippet's value, and "noise ceiling" is written beside
    it: left of the line, above the bars (the review found the lines unlabelled)."""
    from matplotlib.patches import Rectangle

    fig, ceilings = drawn
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        title = ax.get_title(loc="left")
        metric = next((m for m in ceilings if title.startswith(m)), None)
        vertical = [line for line in ax.lines if len(set(line.get_xdata())) == 1]
        labels = [t for t in ax.texts if t.get_text() == "noise ceiling"]
        if metric is None:  # CKA and the Procrustes angle have no ceiling
            assert not vertical and not labels, title
            continue
        assert sorted(line.get_xdata()[0] for line in vertical) == pytest.approx(sorted(ceilings[metric]))
        assert len(labels) == 1, title
        box = labels[0].get_window_extent(renderer)
        left_line = ax.transData.transform((min(ceilings[metric]), 0))[0]
        top_bar = max(p.get_window_extent(renderer).y1 for p in ax.patches if isinstance(p, Rectangle))
        assert box.x1 < left_line, f"{title}: the label runs into its line"
        assert box.y0 > top_bar, f"{title}: the label sits on the bars"


def test_the_rsa_ceiling_is_a_band_and_each_label_keeps_clear_of_its_line(drawn):
    """The third visual review: the two RSA bounds (0.943 and 0.968 in Figure 1) could not be
    told apart as two lines, and "noise ceiling" touched them. The RSA ceiling is now a
    shaded band from the lower bound (dotted) to the upper (dashed), and each label ends at
    least 4 px (at the desktop's 100 dpi) left of its line."""
    fig, ceilings = drawn
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        title = ax.get_title(loc="left")
        if title.startswith("RSA"):
            lower, upper = ceilings["RSA"]
            styles = {line.get_xdata()[0]: line.get_linestyle() for line in ax.lines}
            assert styles == {lower: ":", upper: "--"}, styles
            (band,) = [c for c in ax.collections if c.get_alpha()]
            xs = band.get_paths()[0].vertices[:, 0]
            assert (xs.min(), xs.max()) == pytest.approx((lower, upper))
        for label in (t for t in ax.texts if t.get_text() == "noise ceiling"):
            line = ax.transData.transform((min(ceilings["RSA" if title.startswith("RSA") else "linear predictivity"]), 0))[0]
            assert line - label.get_window_extent(renderer).x1 >= 4, title


def test_only_panels_with_a_ceiling_keep_a_row_for_its_label(drawn):
    """The free row above the bars holds the "noise ceiling" label; CKA and the Procrustes
    angle have none, so their first bar is as close to the top as the last to the bottom."""
    from matplotlib.patches import Rectangle

    fig, _ = drawn
    for ax in fig.axes:
        bars = [p for p in ax.patches if isinstance(p, Rectangle)]
        top = max(p.get_y() + p.get_height() for p in bars)
        bottom = min(p.get_y() for p in bars)
        room_above, room_below = ax.get_ylim()[1] - top, bottom - ax.get_ylim()[0]
        if any(t.get_text() == "noise ceiling" for t in ax.texts):
            assert room_above > room_below + 0.5, ax.get_title(loc="left")
        else:
            assert room_above == pytest.approx(room_below), ax.get_title(loc="left")


def test_both_figures_use_the_same_three_ticks(drawn):
    """0, 0.5 and 1 on every similarity, 0, π/4 and π/2 on the angle, in both figures (the
    review found 0.0/0.5/1.0 on one panel, 0.00/0.25/... on the others)."""
    fig, _ = drawn
    for ax in fig.axes:
        labels = [t.get_text() for t in ax.get_xticklabels()]
        expected = ["0", r"$\pi/4$", r"$\pi/2$"] if ax.get_title(loc="left").startswith("Procrustes") else ["0", "0.5", "1"]
        assert labels == expected, (ax.get_title(loc="left"), labels)


def test_figure_1_follows_the_opening_claim():
    """The third visual review found the first figure after the four metrics' definitions and
    the noise ceilings (2,487 px at 1280): Figure 1 now follows a one-paragraph setup, before
    the definitions it is read with (where a browser places it: tests/browser/test_figure_first.py)."""
    page = PAGE.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", page, re.MULTILINE)
    assert headings[:3] == ["Seven models of one brain", "Four metrics", "Noise ceilings"], headings
    figure = page.index("file: comparing_representations/metric_table.py")
    assert page.index("## Seven models of one brain") < figure < page.index("## Four metrics")
    assert page.index("Figure 1 scores each model") < figure
