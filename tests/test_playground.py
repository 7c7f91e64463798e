"""The playgrounds without a browser: their Python snippets, and the neuron playground's defaults.

The browser checks (tests/browser/test_explorables.py) compare what the widgets
show with what the Python prints; these tests make sure the Python side is itself
right and that the neuron playground starts at the Python's worked example. That the
spiking playground's script and snippet are the integrate-and-fire model (constants,
spike times) is tests/test_lif_parity.py's job.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from conftest import (
    ROOT,
    load_snippet,
    run_snippet,
)
from helpers import page_text

JS = ROOT / "docs" / "assets" / "explorables"
lif = load_snippet("integrate_and_fire/lif.py")
activations = load_snippet("playground/activations.py")


def test_activations_snippet_prints_the_worked_example():
    result = run_snippet("playground/activations.py")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "z = w . x + b = 0.96",
        "y = step(z) = 1.0000",
        "y = sigmoid(z) = 0.7231",
        "y = tanh(z) = 0.7443",
        "y = relu(z) = 0.9600",
    ]
    # Same last line as the artificial-neuron page's snippet, which the playground mirrors.
    reference = run_snippet("artificial_neuron/forward_pass.py").stdout.splitlines()
    assert reference[-2:] == ["z = w . x + b = 0.96", "y = sigmoid(z) = 0.7231"]


def test_activation_definitions():
    z = np.array([-2.0, 0.0, 2.0])
    f = activations.ACTIVATIONS
    assert f["step"](z).tolist() == [0.0, 1.0, 1.0]           # step(0) = 1, as on the page
    assert f["sigmoid"](z) == pytest.approx([0.1192029, 0.5, 0.8807971])
    assert f["tanh"](z) == pytest.approx(2 * f["sigmoid"](2 * z) - 1)   # exercise 4
    assert f["relu"](z).tolist() == [0.0, 0.0, 2.0]


def test_neuron_playground_defaults_are_the_worked_example():
    source = (JS / "neuron-playground.js").read_text()
    match = re.search(r"DEFAULTS = \{ x: \[([^\]]*)\], w: \[([^\]]*)\], b: ([-0-9.]+), activation: \"(\w+)\"", source)
    assert match, "DEFAULTS not found in neuron-playground.js"
    x = [float(v) for v in match[1].split(",")]
    w = [float(v) for v in match[2].split(",")]
    assert x == activations.inputs.tolist() and w == activations.weights.tolist()
    assert float(match[3]) == activations.bias and match[4] == "sigmoid"


def test_spiking_snippet_numbers():
    result = run_snippet("spiking_playground/lif_vs_relu.py")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # Rheobase: silent at 2 nA, firing at 2.01 nA; the counts quoted on the page.
    for current, count in [(1.5, 0), (2.0, 0), (2.01, 19), (2.5, 63), (3.0, 89), (5.0, 164), (10.0, 263)]:
        assert re.search(rf"I = +{current:.2f} nA: +{count} spikes in 1 s", out), (current, out)
    assert "ReLU slope = 263 Hz / (10 nA - 2 nA) = 32.9 Hz/nA" in out


def test_spiking_page_claims():
    """Numbers in the 'What you should find' block and the exercises."""
    _, _, s3 = lif.simulate(lambda t: 3.0, 1100.0)
    assert s3[0] == pytest.approx(11.0) and np.diff(s3[1:4]) == pytest.approx([11.2, 11.2])
    assert s3[88] == pytest.approx(996.6) and s3[89] == pytest.approx(1007.8)
    assert len(lif.simulate(lambda t: 3.0, 200.0)[2]) == 17          # alt text of the figure
    _, _, s201 = lif.simulate(lambda t: 2.01, 1000.0)
    assert s201[0] == pytest.approx(52.8) and len(s201) == 19
    _, _, s5 = lif.simulate(lambda t: 5.0, 1000.0)
    assert s5[0] == pytest.approx(5.1) and np.diff(s5[:3]) == pytest.approx([6.1, 6.1]) and len(s5) == 164
    # Guided question 6: the stairs at high currents are whole-step intervals.
    _, _, s10 = lif.simulate(lambda t: 10.0, 1000.0)
    assert s10[0] == pytest.approx(2.3) and np.diff(s10) == pytest.approx(np.full(len(s10) - 1, 3.8))
    assert len(s10) == 1 + int((1000 - 2.3) / 3.8) == 263
    _, _, s95 = lif.simulate(lambda t: 9.5, 1000.0)
    assert np.diff(s95) == pytest.approx(np.full(len(s95) - 1, 3.9)) and len(s95) == 256
    # Exercise 4: the simulated ceiling is one spike per t_ref + dt.
    _, _, big = lif.simulate(lambda t: 1e6, 100.0)
    assert np.diff(big) == pytest.approx(np.full(len(big) - 1, 2.1))


def test_pages_load_only_local_scripts(site):
    for name, script in [("playground", "neuron-playground.js"), ("spiking-playground", "spiking-playground.js")]:
        html = (site / name / "index.html").read_text()
        # The widget is in the page but hidden until its script runs.
        assert re.search(
            r'<div class="nn-explorable" id="[\w-]+" data-explorable="\w+"(?: data-static-figure="[\w/]+")? hidden>', html
        )
        for src in re.findall(r'<script src="([^"]+)"', html) + re.findall(r'<link rel="stylesheet" href="([^"]+)"', html):
            assert not re.match(r"(https?:)?//", src), src
        for asset in (script, "plot.js", "explorables.css"):
            assert f'"../assets/explorables/{asset}"' in html
            assert (site / "assets" / "explorables" / asset).is_file()
        text = page_text(html)
        assert "Exercises" in text and "What to try" in text
        assert html.count('class="admonition success"') + html.count('<details class="success"') >= 5
