"""Numbers behind the Limits, Scale-and-energy and History pages.

The pages claim: a Poisson train's rate and Fano factor come out right and a timed
pattern has a fixed count; location on the dendrite matters in the two-layer neuron
and not in the point neuron; event-driven updates scale as rate x time step;
permuting hidden units leaves a network unchanged; the derived brain power is in the
15-25 W range; and every constant in the scale table has a source in the bibliography.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from test_engine import page_text

from nn_site.pages import quantities

from conftest import ROOT, load_snippet

BIB = (ROOT / "docs" / "references.bib").read_text(encoding="utf-8")
BIB_KEYS = set(re.findall(r"^@\w+\{([^,\s]+),", BIB, flags=re.MULTILINE))


# --- Limits ----------------------------------------------------------------------------

def test_poisson_rate_and_fano_factor():
    codes = load_snippet("limits/spike_codes.py")
    rng = np.random.default_rng(1)
    trains = codes.poisson_trains(codes.RATE, codes.DURATION, 4000, rng)
    rate = codes.counts(trains).mean() / codes.DURATION
    # Standard error of the rate over 4000 trials: sqrt(20 * 0.2) / 0.2 / sqrt(4000) = 0.16 Hz.
    assert rate == pytest.approx(codes.RATE, abs=0.8)
    assert codes.fano_factor(trains) == pytest.approx(1.0, abs=0.1)
    spikes = np.concatenate(trains)
    assert spikes.min() >= 0 and spikes.max() <= codes.DURATION
    # Homogeneous: each half of the window holds half of the spikes.
    assert np.mean(spikes < codes.DURATION / 2) == pytest.approx(0.5, abs=0.02)


def test_timed_pattern_has_fixed_count_same_rate_and_precise_times():
    codes = load_snippet("limits/spike_codes.py")
    rng = np.random.default_rng(2)
    trains = codes.timed_trains(codes.PATTERN, codes.JITTER, 500, rng)
    assert set(codes.counts(trains)) == {4}
    assert codes.fano_factor(trains) == 0.0
    assert len(codes.PATTERN) / codes.DURATION == pytest.approx(codes.RATE)
    errors = np.array(trains) - codes.PATTERN
    assert np.std(errors) == pytest.approx(codes.JITTER, rel=0.1)
    assert np.abs(errors).max() < 6 * codes.JITTER


def test_point_neuron_ignores_location_two_layer_neuron_does_not():
    d = load_snippet("limits/dendritic_subunits.py")
    assert d.two_layer_neuron(np.zeros(d.N_BRANCHES)) == pytest.approx(0.0, abs=1e-12)
    for n in range(0, 21):
        c, s = d.clustered(n), d.dispersed(n)
        assert c.sum() == s.sum() == n
        assert d.point_neuron(c) == d.point_neuron(s) == n
        if n >= 2:
            assert d.two_layer_neuron(c) > d.two_layer_neuron(s)
    # The page's printed example: 8 synapses, clustered drive several times dispersed.
    assert d.two_layer_neuron(d.clustered(8)) > 5 * d.two_layer_neuron(d.dispersed(8))


def test_event_driven_updates_scale_as_rate_times_step():
    ev = load_snippet("limits/event_count.py")
    dense = ev.clocked_updates(ev.N_IN, ev.N_OUT, ev.DT, ev.DURATION)
    assert dense == 10**9
    rng = np.random.default_rng(3)
    for rate in (0.5, 5.0, 50.0):
        ratio = ev.event_updates(rate, ev.N_IN, ev.N_OUT, ev.DURATION, rng) / dense
        assert ratio == pytest.approx(rate * ev.DT, rel=0.15)


def test_permuting_hidden_units_leaves_function_unchanged():
    perm = load_snippet("limits/permutation.py")
    rng = np.random.default_rng(4)
    W1, b1, W2, b2 = rng.normal(size=(7, 4)), rng.normal(size=(7, 1)), rng.normal(size=(3, 7)), rng.normal(size=(3, 1))
    X = rng.normal(size=(4, 200))
    for _ in range(5):
        p = rng.permutation(7)
        P1, q1, P2 = perm.permuted(W1, b1, W2, p)
        assert np.allclose(perm.forward(X, W1, b1, W2, b2), perm.forward(X, P1, q1, P2, b2), atol=1e-12)


# --- Scale and energy ------------------------------------------------------------------

def test_derived_brain_power_is_in_the_quoted_range():
    bw = load_snippet("scale_and_energy/brain_watts.py")
    assert bw.BRAIN_FRACTION == 0.20
    man = bw.brain_watts("man", *bw.REFERENCE_ADULTS["man"])
    woman = bw.brain_watts("woman", *bw.REFERENCE_ADULTS["woman"])
    assert 15.0 <= man <= 25.0
    assert 10.0 <= woman < man
    # Unit conversion: 1 kcal/day is 4184 J / 86400 s = 48.4 mW.
    assert bw.watts(1.0) == pytest.approx(0.048426, rel=1e-4)
    # Harris & Benedict's male equation at the reference adult, by hand.
    assert bw.basal_kcal_per_day("man", 70, 175, 30) == pytest.approx(
        66.4730 + 13.7516 * 70 + 5.0033 * 175 - 6.7550 * 30)


def test_energy_ratios_the_page_quotes():
    data = load_snippet("scale_and_energy/data.py")
    e = {c.name: c for c in data.ENERGY_PER_OP}
    p = {c.name: c for c in data.POWER}
    assert e["fp32 multiply"].value / e["fp32 add"].value == pytest.approx(4.1, abs=0.05)
    # Memory access costs two to three orders of magnitude more than an add, at either end of the range.
    for dram in (e["64-bit read, DRAM"].low, e["64-bit read, DRAM"].high):
        assert 100 < dram / e["fp32 add"].value < 10_000
    # The page's DRAM ratios, as written, are the data's (per 64-bit access).
    page = (ROOT / "docs" / "scale-and-energy.md").read_text(encoding="utf-8")
    page = quantities.expand(page, "scale-and-energy.md", quantities.load(ROOT))  # [[q:key]] as printed
    written = re.search(r"costs 1,300 to 2,600\spJ \[@horowitz2014\]: (\d+) to (\d+) times a 32-bit\s+"
                        r"floating-point multiplication and ([\d,]+) to ([\d,]+) times", page)
    assert written, "scale-and-energy.md no longer states the DRAM ratios"
    dram = e["64-bit read, DRAM"]
    assert (dram.low, dram.high) == (1300.0, 2600.0) and dram.checked
    computed = [dram.low / e["fp32 multiply"].value, dram.high / e["fp32 multiply"].value,
                dram.low / e["fp32 add"].value, dram.high / e["fp32 add"].value]
    assert [int(w.replace(",", "")) for w in written.groups()] == [round(c) for c in computed]
    ratio = p["cortex, long-range communication"].value / p["cortical computation"].value
    assert ratio == pytest.approx(35.0)


def test_every_constant_has_a_source_in_the_bibliography_and_a_consistent_range():
    data = load_snippet("scale_and_energy/data.py")
    assert len(data.ALL) >= 15
    for c in data.ALL:
        assert c.key in BIB_KEYS, f"{c.name}: unknown source {c.key}"
        assert c.low <= c.value <= c.high, c.name
        assert c.note.strip() and c.unit.strip(), c.name
    brain = next(c for c in data.COUNTS if c.name == "neurons, human brain")
    assert (brain.value, brain.high - brain.value) == (86.1e9, pytest.approx(8.1e9))


def test_synapses_exceed_gpt3_parameters_by_two_to_three_orders():
    data = load_snippet("scale_and_energy/data.py")
    c = {x.name: x.value for x in data.COUNTS}
    ratio = c["synapses, neocortex"] / c["parameters, GPT-3"]
    assert 100 < ratio < 1000


# --- History ---------------------------------------------------------------------------

def test_timeline_events_are_sourced_and_in_order():
    timeline = load_snippet("history/timeline.py")
    years = [e[0] for e in timeline.EVENTS]
    assert years == sorted(years)
    assert {1943, 1949, 1958, 1969, 1986, 2012} <= set(years)
    for year, _label, key, side in timeline.EVENTS:
        assert key in BIB_KEYS, key
        assert side in (+1, -1)
        assert re.search(r"\d{4}", key) and int(re.search(r"\d{4}", key)[0]) == year, (key, year)


# --- The built pages -------------------------------------------------------------------

@pytest.mark.parametrize("slug", ["limits", "scale-and-energy", "history"])
def test_pages_end_with_exercises_with_collapsed_solutions(site, slug):
    html = (site / slug / "index.html").read_text(encoding="utf-8")
    assert 'id="exercises"' in html
    after = html.split('id="exercises"', 1)[1]
    solutions = re.findall(r'<details class="success">\s*<summary>Solution</summary>', after)
    assert 3 <= len(solutions) <= 5
    assert "PLACEHOLDER" not in html
    # Every figure on the page has alt text and a numbered caption.
    for alt in re.findall(r'<img alt="([^"]*)"', html):
        assert len(alt) > 40


def test_scale_page_shows_the_derivation_and_the_printed_dram_ratios(site):
    text = page_text((site / "scale-and-energy" / "index.html").read_text(encoding="utf-8"))
    assert "brain 16.5 W" in text and "brain 13.5 W" in text
    assert "64-bit DRAM read / fp32 multiply: 351 to 703 times" in text
    assert "86.1" in text and "175 billion" in text


def test_spike_codes_result_is_the_pages_numbers_and_fits_a_phone(site):
    """What spike_codes.py printed in the build: one row per group, the numbers the next
    paragraphs read (count 0 to 8, Fano factor about 1 and 0, P(none) 82 %)."""
    from helpers import built_output

    out = built_output(site, "limits/spike_codes.py")
    # At most 48 characters a line: 12-px monospace in a 390-px phone's column, unscrolled.
    assert max(len(line) for line in out.splitlines()) <= 48
    rows = {name: rest for name, *rest in re.findall(
        r"^(Poisson|timed)\s+(\d+\.\d) Hz\s+(\d+)-(\d+)\s+(\d\.\d\d)$", out, re.MULTILINE)}
    assert set(rows) == {"Poisson", "timed"}, out
    rate, low, high, fano = rows["timed"]
    assert (float(rate), int(low), int(high), fano) == (20.0, 4, 4, "0.00")
    rate, low, high, fano = rows["Poisson"]
    assert float(rate) == pytest.approx(20.0, abs=1.0) and float(fano) == pytest.approx(1.0, abs=0.2)
    window = re.search(r"(\d\.\d) spikes expected, P\(none\) = (\d\.\d\d)", out)
    assert window and (float(window[1]), float(window[2])) == (0.2, round(float(np.exp(-0.2)), 2))
    page = page_text((site / "limits" / "index.html").read_text(encoding="utf-8"))
    flat = " ".join(page.split())
    # The page shows the result, and its prose quotes it.
    assert all(line in page for line in out.splitlines()), out
    assert f"from {low} to {high} spikes (Fano factor about 1" in flat
    assert f"on average {window[1]} spikes in a 10 ms window" in flat
    assert f"silent in {round(float(window[2]) * 100)}% of such windows" in flat


def test_limits_page_prints_the_worked_examples(site):
    text = page_text((site / "limits" / "index.html").read_text(encoding="utf-8"))
    assert "1.00 × 10⁹ synaptic updates per second" in text
    assert "largest output difference over 1000 inputs" in text
