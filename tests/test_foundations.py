"""Claims of the four foundation pages: terminology, biological neuron, artificial
neuron, structural mapping.

The numbers a snippet prints are recomputed here, the learning and summation
snippets are checked for what the pages say they show, and the built pages are
checked for what a reader (or a search engine) gets: the printed numbers, both
figure variants, the FAQ structured data and the five-row mapping table.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from bs4 import BeautifulSoup
from test_engine import page_text

from nn_site.pages import ledger

from conftest import ROOT, load_snippet, run_snippet

perceptron = load_snippet("artificial_neuron/perceptron_and.py")
mp = load_snippet("artificial_neuron/mcculloch_pitts.py")
summation = load_snippet("biological_neuron/summation.py")

FIGURES = [
    "artificial_neuron/sigmoid_operating_point",
    "artificial_neuron/perceptron_and",
    "biological_neuron/neuron_schematic",
    "biological_neuron/summation",
    "home/at_a_glance",
]
PAGES = ["terminology", "biological-neuron", "artificial-neuron", "mapping"]


def soup(site, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


# --- the artificial neuron -------------------------------------------------------------


def test_forward_pass_prints_z_and_y():
    result = run_snippet("artificial_neuron/forward_pass.py")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "z = w . x + b = 0.96" in lines
    assert "y = sigmoid(z) = 0.7231" in lines
    # The same numbers from first principles.
    z = 0.4 * 0.5 - 0.2 * 0.3 + 0.9 * 0.8 + 0.1
    assert z == pytest.approx(0.96)
    assert 1 / (1 + np.exp(-z)) == pytest.approx(0.7231, abs=5e-5)


def test_forward_pass_numbers_on_built_page(site):
    page = soup(site, "artificial-neuron")
    outputs = [pre.get_text() for pre in page.select("pre")
               if "y = sigmoid(z) = 0.7231" in pre.get_text()]
    assert outputs, "the forward pass's printed output is not on the page"
    assert "z = w . x + b = 0.96" in outputs[0]
    text = page_text(str(page))
    assert "0.96" in text and "0.7231" in text  # and the prose explains them


def test_perceptron_learns_and_and_stops():
    rng = np.random.default_rng(0)
    w, b, history = perceptron.train_perceptron(perceptron.X, perceptron.T, rng)
    assert history[-1][2] == 0, "training ended without an error-free epoch"
    assert len(history) - 1 < 100
    assert perceptron.predict(w, b, perceptron.X).tolist() == [0, 0, 0, 1]
    # Once it has converged, the rule changes nothing more.
    w_more, b_more, _ = perceptron.train_perceptron(
        perceptron.X, perceptron.T, np.random.default_rng(0), max_epochs=500)
    assert np.allclose(w_more, w) and b_more == b
    # AND needs both inputs: both weights positive, bias negative, bias alone < 0.
    assert w[0] > 0 and w[1] > 0 and b < 0


def test_perceptron_converges_from_many_starts_and_on_or():
    for seed in range(20):
        for targets in ([0, 0, 0, 1], [0, 1, 1, 1]):  # AND, OR: both separable
            T = np.array(targets)
            w, b, history = perceptron.train_perceptron(
                perceptron.X, T, np.random.default_rng(seed))
            assert history[-1][2] == 0
            assert perceptron.predict(w, b, perceptron.X).tolist() == targets


def test_perceptron_numbers_quoted_on_page(site):
    w, b, _ = perceptron.train_perceptron(perceptron.X, perceptron.T,
                                          np.random.default_rng(0))
    text = page_text((site / "artificial-neuron" / "index.html").read_text())
    for value in (w[0], w[1], abs(b)):
        assert f"{value:.3f}" in text
    z_10 = w[0] + b  # the closest call, quoted in the text
    assert f"{z_10:+.3f}" in text.replace("−", "-")


def test_mcculloch_pitts_truth_tables():
    assert mp.truth_table("x1 AND x2") == [0, 0, 0, 1]
    assert mp.truth_table("x1 OR x2") == [0, 1, 1, 1]
    assert mp.truth_table("x1 AND NOT x2") == [0, 0, 1, 0]
    assert mp.truth_table("NOT x1") == [1, 1, 0, 0]
    # Inhibition is a veto, whatever the excitation.
    assert mp.mp_unit([1, 1, 1], [1], threshold=1) == 0


# --- the biological neuron -------------------------------------------------------------


def test_single_psp_has_the_stated_peak_and_decays_to_rest():
    t = summation.t
    v = summation.membrane_potential(t, [(10.0, summation.EPSP)])
    assert v.max() == pytest.approx(summation.REST + summation.EPSP, abs=0.01)
    assert v[t < 10].max() == summation.REST
    assert abs(v[-1] - summation.REST) < 0.01


def test_summation_alt_text_states_what_the_figure_shows():
    """The 20 ms train: the first PSP peaks at rest + 5 mV, the fourth at about -63 mV,
    because exp(-20/15), about a quarter, of each PSP remains when the next arrives."""
    import math

    t = summation.t
    onsets = [onset for onset, _ in summation.SCENARIOS["temporal"]["one synapse, 4 inputs 20 ms apart"]]
    v = summation.membrane_potential(t, [(o, summation.EPSP) for o in onsets])
    peaks = [v[(t >= o) & (t < o + 20)].max() for o in onsets]
    alt = (ROOT / "docs" / "biological-neuron.md").read_text(encoding="utf-8")
    m = re.search(r"the first peaking at −(\d+) mV and each later one a little higher, to about −(\d+) mV "
                  r"for the fourth, because about a quarter of each PSP \(it decays with a (\d+) ms", alt)
    assert m, "the summation figure's alt text no longer describes the 20 ms train"
    assert -float(m[1]) == pytest.approx(peaks[0], abs=0.5)
    assert -float(m[2]) == pytest.approx(peaks[3], abs=0.5)
    assert all(b > a for a, b in zip(peaks, peaks[1:]))
    assert float(m[3]) == summation.TAU_DECAY
    assert math.exp(-20 / summation.TAU_DECAY) == pytest.approx(0.25, abs=0.02)


def test_psps_add_linearly():
    t = summation.t
    a = summation.membrane_potential(t, [(20.0, 5.0)])
    b = summation.membrane_potential(t, [(23.0, -6.0)])
    both = summation.membrane_potential(t, [(20.0, 5.0), (23.0, -6.0)])
    assert both - summation.REST == pytest.approx((a - summation.REST) + (b - summation.REST))


def test_temporal_and_spatial_summation_as_the_page_says():
    t = summation.t
    reached = {
        label: summation.first_crossing(t, summation.membrane_potential(t, inputs))
        for cases in summation.SCENARIOS.values() for label, inputs in cases.items()
    }
    assert reached["one synapse, 4 inputs 20 ms apart"] is None
    assert reached["one synapse, 4 inputs 3 ms apart"] is not None
    assert reached["4 excitatory synapses"] is not None
    assert reached["4 excitatory + 1 inhibitory synapse"] is None
    # A single input never reaches threshold; the same input 3 ms apart does, 20 ms apart not.
    single = summation.membrane_potential(t, [(40.0, summation.EPSP)])
    assert summation.first_crossing(t, single) is None
    # Exercise 2: five excitatory inputs overcome one inhibitory input, four do not.
    five = summation.membrane_potential(t, [(40, summation.EPSP)] * 5 + [(40, summation.IPSP)])
    assert summation.first_crossing(t, five) is not None


def test_faster_decay_narrows_temporal_summation(monkeypatch):
    """Exercise 3 of the biological-neuron page: TAU_DECAY = 5 ms, the 3-ms train fails."""
    monkeypatch.setattr(summation, "TAU_DECAY", 5.0)
    t = summation.t
    v = summation.membrane_potential(t, [(90 + 3 * k, summation.EPSP) for k in range(4)])
    assert summation.first_crossing(t, v) is None
    assert v.max() == pytest.approx(-58.1, abs=0.1)


def test_biological_page_puts_integration_at_the_axon_initial_segment(site):
    text = page_text((site / "biological-neuron" / "index.html").read_text())
    for phrase in ("axon initial segment", "all-or-none", "Temporal summation",
                   "Spatial summation", "not in the nucleus", "myelin", "nodes of\nRanvier"):
        assert phrase.replace("\n", " ") in text.replace("\n", " "), phrase
    assert "Bean 2007" in text and "Kole & Stuart 2012" in text


# --- figures ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", FIGURES)
def test_figure_has_light_and_dark_svg(site, name):
    light, dark = site / "figures" / f"{name}.svg", site / "figures" / f"{name}-dark.svg"
    assert light.exists() and dark.exists()
    light_svg, dark_svg = light.read_text(), dark.read_text()
    assert light_svg.lstrip().startswith(("<?xml", "<svg"))
    assert "#1f2328" in light_svg and "#1f2328" not in dark_svg  # ink swapped for dark mode


def test_figures_are_shown_with_alt_text_and_numbered_captions(site):
    for page, names in {"biological-neuron": FIGURES[2:4], "artificial-neuron": FIGURES[:2],
                        "mapping": FIGURES[4:]}.items():
        html = soup(site, page)
        for name in names:
            stem = name.split("/")[1]
            imgs = [img for img in html.select("figure.snippet-figure img") if stem in img["src"]]
            assert len(imgs) == 2, (page, name)  # light and dark
            assert all(len(img.get("alt", "")) > 80 for img in imgs)
        captions = [c.get_text() for c in html.select("figure.snippet-figure figcaption")]
        assert [c.split(".")[0] for c in captions] == [f"Figure {i}" for i in range(1, len(names) + 1)]


# --- terminology: FAQ structured data ---------------------------------------------------


def test_faq_json_ld_parses_and_matches_the_visible_faq(site):
    html = (site / "terminology" / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org" and data["@type"] == "FAQPage"
    questions = data["mainEntity"]
    assert len(questions) == 4
    # What the reader sees, without the citation links that the structured data omits.
    visible = page_text(re.sub(r'\s*<span class="citation">.*?</span>', "", html, flags=re.DOTALL))
    visible = " ".join(visible.split())
    headings = [h.get_text(strip=True).rstrip("¶") for h in soup(site, "terminology").select("h3")]
    for q in questions:
        assert q["@type"] == "Question" and q["acceptedAnswer"]["@type"] == "Answer"
        assert q["name"] in headings
        answer = " ".join(q["acceptedAnswer"]["text"].split())  # a register number's no-break space
        assert len(answer) > 150
        assert answer in visible, f"FAQ answer not shown on the page: {answer[:60]}..."


def test_terminology_corrects_the_etymology_and_covers_five_languages(site):
    text = page_text((site / "terminology" / "index.html").read_text())
    assert "Anglo-Saxon" in text and "Both claims are wrong" in text
    assert "neûron" in text and "1891" in text and "Waldeyer" in text
    assert "doi:10.1093/brain/awz367" in text  # Mehta et al. 2020, on neuron/neurone
    assert "doi:10.1038/s41586-024-07558-y" in text  # the FlyWire connectome
    for word in ("réseau de neurones", "künstliches neuronales Netz", "red neuronal",
                 "rete neurale", "rede neural", "neural tube", "neural crest"):
        assert word in text, word


# --- the mapping table -----------------------------------------------------------------


def test_mapping_table_has_five_rows_each_with_verdict_and_citation(site):
    """The mapping table is the ledger block's rendering: the five part rows, in order, each
    showing its analogy and verdict as the ledger data has them and a cited reason."""
    rows = {r["id"]: r for r in ledger.load(ROOT)}
    expected = [rows[i] for i in ("dendrites-inputs", "synapse-weight", "soma-sum",
                                  "threshold-activation", "axon-output")]
    page = soup(site, "mapping")
    tables = page.select(".ledger-table table")
    assert len(tables) == 1
    header = [th.get_text(strip=True) for th in tables[0].select("thead th")]
    assert header == ["Analogy or claim", "Verdict", "Why"]
    shown = tables[0].select("tbody tr")
    assert len(shown) == 5
    for n, (tr, want) in enumerate(zip(shown, expected), 1):
        cells = tr.find_all("td")
        number = cells[0].select_one("span.ledger-number")  # the page's text says "row 2"
        assert number is not None and number.get_text() == str(n)
        number.decompose()
        assert " ".join(cells[0].get_text().split()) == want["analogy"]
        verdict = cells[1].select_one("strong.verdict")
        assert verdict is not None and verdict.get_text(strip=True) == want["verdict"]
        assert f"verdict-{want['verdict']}" in verdict["class"]
        assert cells[2].select("span.citation a[href^='#ref-']"), tr.get_text()
    assert [r["analogy"].split(" ↔ ")[0] for r in expected] == [
        "Dendrites", "Synaptic efficacy", "Soma integration", "Firing threshold", "Axon signal"]


def test_mapping_links_forward_to_the_pages_it_promises(site):
    hrefs = {a["href"] for a in soup(site, "mapping").select("article a[href]")}
    for target in ("activation-functions", "rates-and-activations", "gradient-descent",
                   "limits", "ledger"):
        assert f"../{target}/" in hrefs, target


# --- every page ------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_page_ends_with_three_to_five_exercises_with_solutions(site, page):
    html = soup(site, page)
    h2 = [h.get_text(strip=True).rstrip("¶") for h in html.select("article h2")]
    assert h2[-2:] == ["Exercises", "References"], h2
    exercises = html.find("h2", id="exercises")
    items = exercises.find_next("ol").find_all("li", recursive=False)
    assert 3 <= len(items) <= 5
    for item in items:
        solution = item.find("details", class_="success")
        assert solution is not None and solution.find("summary").get_text(strip=True) == "Solution"


