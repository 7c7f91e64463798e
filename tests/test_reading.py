"""The reading helpers' small pieces (issue 13): SVG compaction keeps every point,
long code gets its docstring as a summary, glossary terms are marked once per page,
notebook figures get alt text from their own labels."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nn_site.engine import code_summary, render
from nn_site.engine import svg as svg_compact
from nn_site.notebooks import figures as notebook_figures
from nn_site.pages import glossary_marks

ROOT = Path(__file__).resolve().parent.parent


def _points(d: str) -> list[tuple[float, float]]:
    """Absolute end points of path data in any of M/L/Q/C/z, absolute or relative (each
    segment's end point; the control points of a relative curve are relative too)."""
    points, x, y, start = [], 0.0, 0.0, (0.0, 0.0)
    size = {"m": 2, "l": 2, "q": 4, "c": 6}
    for command, numbers in re.findall(r"([MLQCmlqcz])([^MLQCmlqcz]*)", d):
        if command == "z":
            x, y = start
            continue
        values = [float(v) for v in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", numbers)]
        n = size[command.lower()]
        for k in range(0, len(values), n):
            end_x, end_y = values[k + n - 2], values[k + n - 1]
            x, y = (x + end_x, y + end_y) if command.islower() else (end_x, end_y)
            points.append((x, y))
            if command in "Mm" and k == 0:
                start = (x, y)
    return points


def test_compacted_lines_keep_every_point_within_a_twentieth_of_a_point():
    d = "M 62.841234 211.12 \nL 231.354999 211.12 \nL 231.35 42.604 \nL -0.004 0.001 \nz"
    svg = f'<svg>\n  <metadata>rdf</metadata>\n  <path d="{d}" style="fill: none"/>\n</svg>'
    out = svg_compact.compact(svg)
    compact_d = re.search(r'd="([^"]*)"', out)[1]
    assert compact_d == "M62.8 211.1l168.6 0 0-168.5-231.4-42.6z"  # one "l", no needless space
    for (x0, y0), (x1, y1) in zip(_points(d), _points(compact_d), strict=True):
        assert abs(x0 - x1) <= 0.05 + 1e-9 and abs(y0 - y1) <= 0.05 + 1e-9
    assert "><path" in out and "metadata" not in out  # no indentation, no RDF block


def test_compacted_glyph_outlines_are_exact():
    glyph = ("M 2034 4250 Q 1547 4250 1301 3770 Q 1056 3291 1056 2328 L 10 10 L 20 20 "
             "C 1 2 3 4 5 6 z M 100 100 L 200 200 z")
    out = svg_compact.compact(f'<path id="g" d="{glyph}" transform="scale(0.015625)"/>')
    assert 'transform="scale(0.015625)"' in out  # glyph scale stays exact
    compact_d = re.search(r'\sd="([^"]*)"', out)[1]
    assert compact_d.startswith("M2034 4250q-487 0-733-480")
    assert _points(compact_d) == _points(glyph)
    # a curve with decimals (a marker) keeps absolute commands, rounded to 0.01
    marker = svg_compact.compact('<path d="M 0 3 C 0.795609 3 1.55874 2.683901 2 2"/>')
    assert 'd="M 0 3 C 0.8 3 1.56 2.68 2 2"' in marker


def test_a_compacted_figure_renders_as_the_original(tmp_path):
    """The whole picture, through an independent SVG renderer (resvg, as the slides use),
    at the slide width (1600 px, finer than any screen shows a figure): a dense noisy
    line, markers and text (its outlines exact: the test above) within anti-aliasing of
    the original."""
    import io

    import matplotlib
    import numpy as np
    import resvg_py
    from PIL import Image

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from nn_site.publish import gallery

    rng = np.random.default_rng(0)
    fig, ax = plt.subplots(figsize=(7, 3))
    ax.plot(np.arange(3000) * 0.1, np.cumsum(rng.normal(size=3000)), linewidth=1)
    ax.plot([0, 100, 200], [0, 5, -5], "o")
    ax.set_xlabel(r"time (ms), $V_\mathrm{th}$")
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    original = buffer.getvalue()
    compact = svg_compact.compact(original)
    assert len(compact) < len(original) / 2

    def pixels(svg: str) -> np.ndarray:
        png = resvg_py.svg_to_bytes(svg_string=gallery._svg_px(svg), width=1600, background="#ffffff",
                                    skip_system_fonts=True, font_dirs=[])
        return np.asarray(Image.open(io.BytesIO(bytes(png))).convert("L"), dtype=int)

    before, after = pixels(original), pixels(compact)
    difference = np.abs(before - after)
    assert difference.mean() < 0.5  # of 255 levels
    assert (difference > 64).mean() < 0.005


def test_code_disclosure_is_closed_and_its_summary_says_what_opens_and_how_long():
    lif = ROOT / "snippets" / "integrate_and_fire" / "lif.py"
    assert code_summary.is_long(lif)
    assert code_summary.summary(lif) == "The leaky integrate-and-fire (LIF) neuron, simulated with forward Euler"
    lines = len(lif.read_text(encoding="utf-8").splitlines())
    block = code_summary.disclosure(['```python title="snippets/integrate_and_fire/lif.py"\nx = 1\n```'], lif, False)
    summary_line, body = block.split("\n", 1)
    assert summary_line == f'??? example listing "Show the code ({lines} lines)"'
    assert "snippets/" not in summary_line  # the path is the code block's title, inside
    assert '\n    ```python title="snippets/integrate_and_fire/lif.py"\n    x = 1\n' in body
    title = '<span class="filename">snippets/integrate_and_fire/lif.py</span><pre>a/b</pre>'
    assert code_summary.breakable_titles(title) == (
        '<span class="filename">snippets/<wbr>integrate_and_fire/<wbr>lif.py</span><pre>a/b</pre>'
    )
    opened = code_summary.disclosure(["```text\n1\n```"], lif, True, True)
    assert opened.startswith(f'???+ example listing "Show the code and its output ({lines} lines)"')


def test_a_glossary_term_is_marked_on_its_first_use_only():
    far = "x" * glossary_marks.MIN_GAP
    html = (f'<p><abbr title="A cell">Neuron</abbr>s fire; a <abbr title="A cell">neuron</abbr> {far} '
            'has an <abbr title="The cable">axon</abbr>; <abbr title="The cable">axons</abbr>.</p>')
    out = glossary_marks.first_use_only(html)
    assert out.count("<abbr") == 2
    assert '<abbr title="A cell" tabindex="0">Neuron</abbr>' in out
    assert '<abbr title="The cable" tabindex="0">axon</abbr>' in out
    assert "a neuron " in out and "; axons." in out
    linked = glossary_marks.first_use_only('<a href="x/"><abbr title="T">axon</abbr></a> then <abbr title="T">axon</abbr>')
    assert linked == '<a href="x/">axon</a> then <abbr title="T" tabindex="0">axon</abbr>'  # no tabindex inside a link


def test_a_glossary_mark_keeps_its_distance_from_the_last_one():
    """A list of terms ("dendrites, soma, axon") was a row of underlines (issue 29): a
    term that comes within MIN_GAP characters of text after the last mark stays plain
    there and is marked at its next use in prose, once that is far enough."""
    term = '<abbr title="{}">{}</abbr>'.format
    listed = f"<li>Name {term('D', 'dendrites')}, <em>{term('S', 'soma')}</em> and {term('A', 'axon')}.</li>"
    near = "y" * (glossary_marks.MIN_GAP - 20)
    later = f"<p>{'x' * glossary_marks.MIN_GAP} the {term('A', 'axon')} and the {term('S', 'soma')} {near}</p>"
    out = glossary_marks.first_use_only(listed + later)
    marks = re.findall(r'<abbr title="(\w)" tabindex="0">', out)
    assert marks == ["D", "A"], out  # soma: too close to the axon's mark in the paragraph too
    assert glossary_marks.first_use_only(listed).count("<abbr") == 1


@pytest.mark.parametrize(
    "place",
    [
        "<h2>The {}</h2>",
        "<table><thead><tr><th>{}</th></tr></thead><tbody><tr><td>a {}</td></tr></tbody></table>",
        '<figure><img alt=""><figcaption><span class="caption-number">Figure 1.</span> An {}</figcaption></figure>',
        '<div class="admonition note"><p class="admonition-title">On the {}</p><p>text</p></div>',
        '<details class="example"><summary>The {}</summary><p>text</p></details>',
    ],
)
def test_a_glossary_term_is_never_marked_outside_running_prose(place):
    """Headings, tables, captions, admonition titles and summaries stay plain: the mark
    goes to the term's first use in prose, even when that comes after (issue 29)."""
    term = '<abbr title="The cable">axon</abbr>'
    html = place.format(term, term) + f"<p>An {term} and an {term}.</p>"
    out = glossary_marks.first_use_only(html)
    assert out.count("<abbr") == 1, out
    assert out.endswith('<p>An <abbr title="The cable" tabindex="0">axon</abbr> and an axon.</p>'), out
    assert glossary_marks.first_use_only(place.format(term, term)).count("<abbr") == 0


def test_notebook_figures_get_alt_text_from_their_labels():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg"><g id="xtick_1"><g id="text_1"><!-- 0.5 --></g></g>'
           '<g id="text_2"><!-- time (ms) --><use/></g><g id="text_3"><!-- $V_\\mathrm{th}$ --></g></svg>')
    assert notebook_figures.labels(svg) == ["time (ms)", "V_th"]
    assert notebook_figures.alt_text(svg).endswith("its labels read: time (ms); V_th.")


def test_the_math_font_subset_is_the_same_bytes_every_time(tmp_path):
    """Byte-identical builds: two subsets made apart (no cache shared) are equal."""
    import time

    from nn_site.pages import math_font

    source = ROOT / "docs" / "assets" / "fonts" / "STIXTwoMath-Regular.woff2"
    first = math_font.subset(source, set("xyz∑()−′"), tmp_path / "a")
    time.sleep(1.1)  # a timestamp written on save would now differ
    assert math_font.subset(source, set("xyz∑()−′"), tmp_path / "b") == first


def test_a_result_printed_in_columns_is_told_from_one_read_across():
    """Columns (two or more lines padded to line up) never wrap and carry their longest
    line's length for the CSS that fits them; sentences wrap (issue 29)."""
    table = "resting potential       -65.0 mV\nspike peak               39.1 mV (E(Na) = +50 mV)\nend"
    block = render.result_block(table, "snippets/x/y.py")
    assert '<pre tabindex="0" class="result-columns" style="--nn-result-chars: 49">' in block
    sentences = "loss 0.742 → 0.0013; all four right:  True\nother random starts: 8 of 10 solve XOR"
    assert '<pre tabindex="0"><samp>' in render.result_block(sentences, "snippets/x/y.py")
    assert not render.has_columns(["a  b"]) and render.has_columns(["a  b", "  c   d"])
    assert not render.has_columns(["   indented", "   only"])  # leading spaces are no gap


def test_a_summary_result_shows_its_first_paragraph_and_closes_the_rest():
    """output: summary (visual review A: decisions' 47-line result filled 700 px after
    its figure): the first paragraph is the result; the rest, in a closed disclosure that
    says how long it is, each part laid out on its own (columns or sentences)."""
    printed = "seed  accuracy\n   0  0.765\n   1  0.748\n\nfit table\nseed  a\n   0  4.95\n   1  5.16"
    block = render.result_block(printed, "snippets/x/y.py", summary=True)
    shown, _, closed = block.partition('<details class="result-rest">')
    assert "0.748" in shown and "fit table" not in shown
    assert closed.startswith("<summary>The rest of what it printed (4 lines)</summary>") and "5.16" in closed
    assert "<details" not in closed.split("</summary>", 1)[1] and " open" not in block.split("<details", 1)[1][:30]
    assert shown.count('class="result-columns"') == 1 and closed.count('class="result-columns"') == 1
    # a result with nothing after its first paragraph has no disclosure; output: result shows all
    assert "<details" not in render.result_block("a\nb", "snippets/x/y.py", summary=True)
    whole = render.result_block(printed, "snippets/x/y.py")
    assert "<details" not in whole and "5.16" in whole
