"""The "Add the biology back" page without a browser: its network, its generator, its claims.

The browser test (tests/browser/test_biology_back.py) checks that the explorable's
JavaScript gives exactly what network.py's infer() gives; these tests check the Python
side itself: the counter-based mulberry32 against the ordinary stateful one, the shipped
weights against a fresh training run, the spiking readout against the rate network it
approximates, and the numbers and comparisons the page states.
"""

from __future__ import annotations

import functools
import json
import re

import numpy as np
import pytest

from conftest import ROOT, load_snippet, run_snippet
from helpers import page_text

network = load_snippet("biology_back/network.py")
dale_cost = load_snippet("biology_back/dale_cost.py")
DATA_FILE = ROOT / "docs" / "assets" / "explorables" / "biology-back-weights.js"
PAGE = ROOT / "docs" / "biology-back.md"


def shipped() -> dict:
    """The data file the explorable loads: JSON behind one assignment."""
    text = DATA_FILE.read_text(encoding="utf-8")
    match = re.search(r"window\.NNBioBackData = (\{.*\});\s*$", text, flags=re.S)
    assert match, f"{DATA_FILE}: no 'window.NNBioBackData = {{...}};'"
    return json.loads(match[1])


@functools.cache
def trained():
    return network.trained()


def mulberry32(seed: int, count: int) -> list[float]:
    """The generator as usually written: a state advanced by a constant, then hashed."""
    out, state = [], seed
    for _ in range(count):
        state = (state + 0x6D2B79F5) & 0xFFFFFFFF
        t = state
        t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF
        t = (((t + (((t ^ (t >> 7)) * (t | 61)) & 0xFFFFFFFF)) & 0xFFFFFFFF) ^ t)
        out.append(((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296)
    return out


@pytest.mark.parametrize("seed", [0, 1, 2, 0xDEADBEEF])
def test_counter_form_is_the_stateful_generator(seed):
    """network.uniforms(seed, n) is the (n + 1)-th number of the ordinary mulberry32 stream."""
    assert network.uniforms(seed, np.arange(500)).tolist() == mulberry32(seed, 500)


def test_mulberry32_known_values():
    """The first numbers for seed 0, as the reference JavaScript implementation gives them."""
    # Math.imul arithmetic done by hand for the first draw: state 0x6D2B79F5.
    a = 0x6D2B79F5
    t = ((a ^ (a >> 15)) * (a | 1)) & 0xFFFFFFFF
    t = ((t + (((t ^ (t >> 7)) * (t | 61)) & 0xFFFFFFFF)) & 0xFFFFFFFF) ^ t
    assert network.uniforms(0, [0])[0] == ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296
    draws = network.uniforms(7, np.arange(100_000))
    assert 0 <= draws.min() and draws.max() < 1
    assert draws.mean() == pytest.approx(0.5, abs=0.005)


def test_shipped_weights_are_what_the_snippet_trains():
    nets, x_test, y_test = trained()
    data = shipped()
    assert set(data["nets"]) == set(network.VARIANTS)
    for key, net in nets.items():
        for name in ("W1", "b1", "W2", "b2", "h_max"):
            # Exact on the machine that wrote the file; a different BLAS may differ in the last bits.
            np.testing.assert_allclose(data["nets"][key][name], net[name], rtol=1e-9, atol=1e-12, err_msg=f"{key} {name}")
    assert data["test"]["x"] == x_test.tolist() and data["test"]["y"] == y_test.tolist()
    constants = data["constants"]
    for name, value in constants.items():
        assert getattr(network, name) == value, name
    assert data["grid"] == network.GRID


def test_dale_networks_keep_their_signs():
    nets, _, _ = trained()
    for key in ("bp-dale", "fa-dale"):
        w2 = np.asarray(nets[key]["W2"])
        assert (w2[: network.N_EXCITATORY] >= 0).all() and (w2[network.N_EXCITATORY:] <= 0).all()
        assert (w2[: network.N_EXCITATORY] > 0).any() and (w2[network.N_EXCITATORY:] < 0).any()
    w2 = np.asarray(nets["bp"]["W2"])
    assert ((w2 > 0).any(axis=1) & (w2 < 0).any(axis=1)).any(), "without Dale some unit has both signs"


def test_rates_are_the_ordinary_network_when_nothing_saturates():
    """Without spikes, infer() is the ReLU network itself wherever no unit passes h_max."""
    nets, x_test, _ = trained()
    for net in nets.values():
        w1, b1, w2, b2 = (np.asarray(net[k]) for k in ("W1", "b1", "W2", "b2"))
        h = np.maximum(x_test @ w1 + b1, 0)
        inside = (h <= net["h_max"]).all(axis=1)
        logits = h @ w2 + b2
        predicted, _ = network.infer(net, x_test)
        assert inside.mean() > 0.95
        assert (predicted[inside] == logits[inside].argmax(1)).all()


def test_spike_counts_have_the_expected_mean():
    """Bernoulli bins: the mean count is rate x window, and the budget caps the expectation."""
    nets, x_test, _ = trained()
    net = nets["bp"]
    _, expected = network.infer(net, x_test, window_ms=200)
    _, counts = network.infer(net, x_test, spikes=True, window_ms=200)
    assert counts.mean() == pytest.approx(expected.mean(), rel=0.02)
    _, capped = network.infer(net, x_test, budget=True, cap=5, window_ms=200)
    assert capped.max() == pytest.approx(5) and (capped <= 5 + 1e-9).all()
    _, capped_counts = network.infer(net, x_test, spikes=True, budget=True, cap=5, window_ms=200)
    assert capped_counts.mean() == pytest.approx(capped.mean(), rel=0.05)


def test_long_windows_recover_the_rate_network():
    """The spiking readout estimates the activity: the longer the window, the closer the answers."""
    nets, x_test, y_test = trained()
    net = nets["bp"]
    rates = network.evaluate(net, x_test, y_test)[0]
    short = network.evaluate(net, x_test, y_test, spikes=True, window_ms=10)[0]
    long = network.evaluate(net, x_test, y_test, spikes=True, window_ms=2000)[0]
    assert short < long <= rates + 1
    assert long > rates - 3


@functools.cache
def table() -> dict:
    nets, x_test, y_test = trained()
    return {(key, name): network.evaluate(nets[key], x_test, y_test, **settings)
            for key in network.VARIANTS for name, settings in network.CONSTRAINTS.items()}


def test_printed_table_is_the_evaluation():
    result = run_snippet("biology_back/network.py")
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ") and "%" in line]
    assert len(rows) == 16
    for (key, name), (accuracy, spikes, energy) in table().items():
        assert f"| {key} | {name} | {accuracy:.1f} % | {spikes:.1f} | {energy / 1000:.2f} |" in rows


def cost_range(step: int, keys) -> tuple[int, int]:
    """The page's rounded range of what inference step `step` (1 spikes, 2 release, 3 budget) costs."""
    t = table()
    names = list(network.CONSTRAINTS)
    costs = [t[key, names[step - 1]][0] - t[key, names[step]][0] for key in keys]
    return round(min(costs)), round(max(costs))


def test_page_claims_about_the_table():
    """'The training constraints cost almost nothing here', 'spikes alone lose 12 to 17 points', 'release
    4 to 6 more ... 10 to 11 for the two with it', 'a budget ... 6 to 13 more', 'within three points'."""
    t = table()
    rates = [t[key, "rates"][0] for key in network.VARIANTS]
    assert max(rates) - min(rates) <= 0.5
    for key in network.VARIANTS:
        assert t[key, "spikes + release + budget"][1] == pytest.approx(network.DEFAULT_CAP, abs=0.2)
    text = " ".join(PAGE.read_text(encoding="utf-8").split())
    low, high = cost_range(1, network.VARIANTS)
    assert f"spikes alone lose {low} to {high} points" in text
    low, high = cost_range(2, ("bp", "fa"))
    dale_low, dale_high = cost_range(2, ("bp-dale", "fa-dale"))
    assert f"release {low} to {high} more for the networks without Dale's principle but {dale_low} to {dale_high}" in text
    assert dale_low > high, "release costs the Dale networks more"
    low, high = cost_range(3, network.VARIANTS)
    assert f"spikes {low} to {high} more again" in text
    final = [t[key, "spikes + release + budget"][0] for key in network.VARIANTS]
    assert max(final) - min(final) < 3, "'within three points of each other'"


def test_release_at_its_mean_leaves_the_rate_network_unchanged():
    """Each release carries weight / p, so without spikes the toggle and p change nothing."""
    nets, x_test, _ = trained()
    for net in nets.values():
        plain, _ = network.infer(net, x_test)
        for p in (0.05, 0.25, 1.0):
            assert (network.infer(net, x_test, release=True, p=p)[0] == plain).all()


def test_release_keeps_the_expected_drive_with_spikes():
    """Counted over a long window, release with weight / p per release gives the spiking answers."""
    nets, x_test, _ = trained()
    net = nets["bp"]
    spiking, _ = network.infer(net, x_test, spikes=True, window_ms=4000)
    released, _ = network.infer(net, x_test, spikes=True, window_ms=4000, release=True, p=0.5)
    assert (spiking == released).mean() > 0.95


def test_a_shared_output_weight_changes_no_rate_answer():
    """The softmax invariance behind 'not what the network can compute': adding the same amount to
    both of a unit's output weights leaves every answer, so each row can take either sign."""
    nets, x_test, _ = trained()
    net = dict(nets["bp"])
    w2 = np.asarray(net["W2"])
    shift = (2 * np.abs(w2).max(axis=1, keepdims=True) + 0.1) * np.where(np.arange(network.N_HIDDEN) < 10, 1, -1)[:, None]
    net["W2"] = (w2 + shift).tolist()
    assert ((np.asarray(net["W2"]) > 0).all(axis=1) | (np.asarray(net["W2"]) < 0).all(axis=1)).all()
    assert (network.infer(net, x_test)[0] == network.infer(nets["bp"], x_test)[0]).all()


def test_dale_networks_carry_a_large_shared_output_weight():
    """Why release costs the Dale networks more: their shared weight rivals the difference."""
    nets, _, _ = trained()
    for key in network.VARIANTS:
        w2 = np.asarray(nets[key]["W2"])
        shared, difference = np.abs(w2.sum(1)).sum(), np.abs(w2[:, 1] - w2[:, 0]).sum()
        assert (shared > 0.8 * difference) == key.endswith("dale"), key


def test_boundaries_snippet_prints_the_accuracies_in_its_alt_text():
    result = run_snippet("biology_back/boundaries.py")
    assert result.returncode == 0, result.stderr
    accuracies = re.findall(r"test accuracy (\d+\.\d) %", result.stdout)
    assert accuracies == [f"{table()[key, 'rates'][0]:.1f}" for key in network.VARIANTS]
    alt = PAGE.read_text(encoding="utf-8")
    assert "each reach 95.8 percent, feedback alignment with Dale's principle 96.0 percent" in alt
    assert accuracies == ["95.8", "95.8", "95.8", "96.0"]


def test_exercise_answers_on_page_are_computed():
    text = PAGE.read_text(encoding="utf-8").split("## Exercises", 1)[1]
    _, spikes, energy = table()["bp", "rates"]
    assert f"expects\n   {spikes:.1f} spikes per answer" in text
    # the worked product uses the rounded count; the table, the unrounded one
    rounded = float(f"{spikes:.1f}") * network.SPIKE_ENERGY_PJ / 1000
    assert f"${spikes:.1f} \\times {network.SPIKE_ENERGY_PJ}\\ \\text{{pJ}} \\approx {rounded:.2f}\\ \\text{{nJ}}$" in text
    assert f"the table\n        prints {energy / 1000:.2f} nJ because it multiplies the unrounded spike count" in text
    per_joule = 1 / (energy * 1e-12)
    match = re.search(r"\\approx (\d\.\d) \\times\s+10\^\{(\d+)\}\$\s+answers", text)
    assert match and float(match[1]) * 10 ** int(match[2]) == pytest.approx(per_joule, rel=0.05)


def test_page_states_the_defaults_it_uses():
    html_free = page_text(PAGE.read_text(encoding="utf-8"))
    assert f"a window of\n{network.DEFAULT_WINDOW_MS} time bins" in html_free
    assert f"a cap\nof {network.DEFAULT_CAP} spikes" in html_free


def test_training_moves_only_the_difference_of_each_output_pair():
    """The softmax's errors sum to zero, so a unit's two output gradients (and Adam steps) are
    opposite: without Dale's principle no unit's mean outgoing weight moves; with it, the
    projection moves it (up, on average, to a large shared weight)."""
    x, y, _, _ = network.data()
    for fa in (False, True):
        start, end = (dale_cost.mean_weight(network.train(x, y, fa, False, steps=s)) for s in (0, 300))
        assert np.abs(end - start).max() < 1e-12
        start, end = (dale_cost.mean_weight(network.train(x, y, fa, True, steps=s)) for s in (0, 1500))
        assert np.abs(end).mean() > 3 * np.abs(start).mean()


def test_page_states_what_dale_costs_as_printed():
    """The Dale paragraph's numbers are dale_cost.py's printed output."""
    result = run_snippet("biology_back/dale_cost.py")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    wrong = re.findall(r"(\d+) of 40 output weights have the sign", out)
    wrong_start = re.findall(r"forbids \((\d+) at the start\)", out)
    before = re.search(r"before training: (\S+) from the random start, (\S+) from the start with Dale's signs", out)
    moved = [float(m.replace(" × 10⁻", "e-").translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")))
             for m in re.findall(r"mean outgoing weight (\S+ × 10⁻\S+)", out)]
    rows = dict(re.findall(r"^(\S+): training cross-entropy (.*)$", out, flags=re.M))
    numbers = {key: re.match(r"(\S+), test accuracy (\S+) %, (\d+) output weights at zero, "
                             r"mean \|mean outgoing weight\| (\S+) → (\S+)$", rows[key]).groups() for key in network.VARIANTS}
    differ = re.findall(r"answer differently on (\d+) of 400", out)
    assert len(wrong) == 2 and all(m < 1e-14 for m in moved) and len(differ) == 2
    assert len(wrong_start) == 2 and wrong_start[0] == wrong_start[1]
    text = " ".join(PAGE.read_text(encoding="utf-8").split())
    assert (f"{wrong[0]} and {wrong[1]} of the 40 output weights have the sign it forbids, "
            f"about as many as their random start gives ({wrong_start[0]}), since training never moves") in text
    assert "by more than a rounding error of order $10^{-15}$" in text
    bp, fa, bpd, fad = (numbers[k] for k in ("bp", "fa", "bp-dale", "fa-dale"))
    assert f"{bpd[2]} and {fad[2]} of the 40 output weights end at exactly zero" in text
    assert bp[2] == fa[2] == "0" and bpd[3] == fad[3]
    assert f"from {bpd[3]} at the start with Dale's signs ({bp[3]} at the random start) to {bpd[4]} and {fad[4]}" in text
    assert f"of {before[2]} before any step, against {before[1]} from the random start" in text
    bps, fas = (re.match(r"(\S+), test accuracy (\S+) %, (\d+) output weights at zero, "
                         r"mean \|mean outgoing weight\| (\S+) → (\S+)$", rows[k]).groups() for k in ("bp-signed", "fa-signed"))
    assert bps[2] == fas[2] == "0" and bps[3] == bps[4] == bpd[3], "no projection: the signed start's mean stays"
    assert (f"reach a training cross-entropy of {bps[0]} with backprop and {fas[0]} with feedback alignment; "
            f"the projection raises it to {bpd[0]} and {fad[0]}.") in text
    assert float(bps[0]) < float(bpd[0]) and float(fas[0]) < float(fad[0]), "the projection costs"
    assert f"trained from the random start ({bp[0]} and {fa[0]})" in text
    assert f"answer differently from the unconstrained ones on {differ[0]} and {differ[1]} of the 400 test points" in text
    assert (bp[1], fa[1], bpd[1], fad[1]) == ("95.8", "95.8", "95.8", "96.0")
