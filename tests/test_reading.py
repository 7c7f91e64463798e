"""The reading helpers' small pieces (issue 13): SVG compaction keeps every point,
long code gets its docstring as a summary, glossary terms are marked once per page,
notebook figures get alt text from their own labels."""

from __future__ import annotations

import re
from pathlib import Path

import code_summary  # scripts/, put on sys.path by conftest
import glossary_marks
import notebook_figures
import svg_compact

ROOT = Path(__file__).resolve().parent.parent


def _points(d: str) -> list[tuple[float, float]]:
    """Absolute points of an M/L/l/z path."""
    points, x, y = [], 0.0, 0.0
    for command, numbers in re.findall(r"([MLlz])([^MLlz]*)", d):
        values = [float(v) for v in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", numbers)]
        for dx, dy in zip(values[0::2], values[1::2]):
            x, y = (x + dx, y + dy) if command == "l" else (dx, dy)
            points.append((x, y))
    return points


def test_compacted_paths_keep_every_point_within_a_hundredth_of_a_point():
    d = "M 62.841234 211.12 \nL 231.354999 211.12 \nL 231.35 42.604 \nL -0.004 0.001 \nz"
    svg = f'<svg>\n  <path d="{d}" style="fill: none"/>\n  <path d="M 1 2 Q 3 4 5 6"/>\n</svg>'
    out = svg_compact.compact(svg)
    compact_d = re.search(r'd="([^"]*)"', out)[1]
    assert compact_d.startswith("M62.84 211.12l") and compact_d.endswith("z")
    for (x0, y0), (x1, y1) in zip(_points(d), _points(compact_d), strict=True):
        assert abs(x0 - x1) <= 0.0051 and abs(y0 - y1) <= 0.0051
    assert 'd="M 1 2 Q 3 4 5 6"' in out  # curves keep their commands
    assert "><path" in out  # no indentation between elements
    glyph = '<path id="g" d="M 2034 4250 Q 1547 4250 1301 3770" transform="scale(0.015625)"/>'
    assert 'transform="scale(0.015625)"' in svg_compact.compact(glyph)  # glyph scale stays exact


def test_long_snippets_are_summarised_by_their_docstring():
    lif = ROOT / "snippets" / "integrate_and_fire" / "lif.py"
    assert code_summary.is_long(lif)
    assert code_summary.summary(lif) == "The leaky integrate-and-fire (LIF) neuron, simulated with forward Euler"
    block = code_summary.collapsed("```python\nx = 1\n```", "snippets/integrate_and_fire/lif.py", lif)
    assert block.startswith('??? example listing "The leaky integrate-and-fire (LIF) neuron, simulated with forward '
                            "Euler (snippets/integrate_and_fire/lif.py, ")
    assert "\n    ```python\n    x = 1\n" in block


def test_a_glossary_term_is_marked_on_its_first_use_only():
    html = ('<p><abbr title="A cell">Neuron</abbr>s fire; a <abbr title="A cell">neuron</abbr> '
            'has an <abbr title="The cable">axon</abbr>; <abbr title="The cable">axons</abbr>.</p>')
    out = glossary_marks.first_use_only(html)
    assert out.count("<abbr") == 2
    assert '<abbr title="A cell" tabindex="0">Neuron</abbr>' in out
    assert "a neuron has" in out and "; axons." in out
    linked = glossary_marks.first_use_only('<a href="x/"><abbr title="T">axon</abbr></a> then <abbr title="T">axon</abbr>')
    assert linked == '<a href="x/">axon</a> then <abbr title="T" tabindex="0">axon</abbr>'  # no tabindex inside a link


def test_notebook_figures_get_alt_text_from_their_labels():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg"><g id="xtick_1"><g id="text_1"><!-- 0.5 --></g></g>'
           '<g id="text_2"><!-- time (ms) --><use/></g><g id="text_3"><!-- $V_\\mathrm{th}$ --></g></svg>')
    assert notebook_figures.labels(svg) == ["time (ms)", "V_th"]
    assert notebook_figures.alt_text(svg).endswith("its labels read: time (ms); V_th.")


def test_the_math_font_subset_is_the_same_bytes_every_time(tmp_path):
    """Byte-identical builds: two subsets made apart (no cache shared) are equal."""
    import time

    import math_font

    source = ROOT / "docs" / "assets" / "fonts" / "STIXTwoMath-Regular.woff2"
    first = math_font.subset(source, set("xyz∑()−′"), tmp_path / "a")
    time.sleep(1.1)  # a timestamp written on save would now differ
    assert math_font.subset(source, set("xyz∑()−′"), tmp_path / "b") == first
