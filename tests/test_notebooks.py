"""The notebooks in docs/notebooks/: stored clean, run top to bottom in the .venv's
kernel, compute what their text says, and become clean pages on the site."""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "docs" / "notebooks").glob("*.ipynb"))
NAMES = [p.stem for p in NOTEBOOKS]

# Run after the notebook's own cells, in the same kernel: checks of what the text claims.
CHECKS = {
    "build-a-neuron": r"""
import sys, numpy as np
assert np.array_equal(step(weighted_sum(X, w_and, b_and)), Y_AND)       # the perceptron learns AND
assert mistakes_and[-1] == 0 and mistakes_xor[-1] > 0                  # ... and never XOR
assert min(mistakes_xor) > 0
assert losses_and[-1] < 0.05                                            # gradient descent learns AND
assert abs(losses_xor[-1] - np.log(2)) < 0.01                           # ... and XOR is stuck at ln 2
assert np.all(np.diff(losses_and) <= 1e-12)                             # the loss only falls
assert np.array_equal(output, Y_XOR)                                    # two hand-wired layers compute XOR
assert np.array_equal(step(weighted_sum(X, w_and, -1.0)), [0, 1, 1, 1]) # exercise 1: OR
print(sys.executable)
""",
    "spiking-vs-rate": r"""
import sys, numpy as np
assert simulate_lif([1.8, 3.0], 100).tolist() == [0, 8]                                     # 1.8 nA silent, 3 nA fires
assert np.all(simulated[currents <= 2.0] == 0)                          # nothing below the rheobase
assert np.max(np.abs(simulated - theory)) < 5                           # simulation agrees with closed form
assert abs(rate_closed_form(3.224) - 100) < 0.5                         # exercise 1
assert rate_closed_form(np.array([1e6]))[0] < 1000 / T_REF              # the 500-Hz ceiling
assert noisy[np.isclose(currents, 1.6)][0] > 5                          # noise: firing below rheobase
assert np.all(np.diff(noisy[currents <= 2.0]) >= -3)                    # ... rising smoothly
assert spreads[0] > 4 * spreads[-1] and spreads[-1] < 5               # a short window: a noisy rate
assert abs(rate_closed_form(np.array([current]))[0] - 50) < 1        # 2.3 nA: 50 Hz without noise
assert all(55 < m < 63 for m in means[2:])                             # ... the noise raises it to about 59 Hz
print(sys.executable)
""",
}


def test_every_notebook_is_checked():
    assert sorted(CHECKS) == NAMES and len(NAMES) >= 2


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_stored_without_outputs(path):
    """Notebooks are stored clean, so a diff shows only what a person changed."""
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear the outputs"
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_runs_and_computes_what_it_says(path, tmp_path):
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(CHECKS[path.stem]))
    client = NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=False,
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # raises CellExecutionError, with the cell and traceback, if any cell fails
    last = nb.cells[-1].outputs
    executable = "".join(o.get("text", "") for o in last if o.output_type == "stream").strip()
    # the kernel is this environment's Python (ipykernel in .venv), not some other install
    assert Path(executable).resolve() == Path(sys.executable).resolve()
    figures = sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert figures >= 3


# --- the built pages -----------------------------------------------------------------


@pytest.fixture(scope="module")
def pages(site):
    return {name: (site / "notebooks" / name / "index.html").read_text(encoding="utf-8") for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_page_has_no_cdn_or_inline_style(pages, name, site):
    page = pages[name]
    article = page[page.index('<article'):page.index('</article>')]
    assert "<style" not in article and "<script" not in article
    for url in re.findall(r'<script[^>]+src="([^"]*)"', page):
        assert url and not re.match(r"(https?:)?//", url), url
    assert "cdnjs" not in page and "mathjax" not in page.lower() and "require.js" not in page
    assert len(page) < 400_000  # figures in their own files; no 600-KB stylesheet


@pytest.mark.parametrize("name", NAMES)
def test_page_renders_math_citations_and_download(pages, name, site):
    page = pages[name]
    text = re.sub(r"<pre.*?</pre>", "", page, flags=re.DOTALL)  # code may contain '$'
    assert "<math" in page and "$$" not in text
    assert not re.search(r"\$\\", text), "TeX left unrendered"
    assert 'class="citation"' in page and 'id="ref-' in page and "[@" not in text
    assert f'href="{name}.ipynb" download' in page
    assert (site / "notebooks" / name / f"{name}.ipynb").is_file()
    # figures as SVG files beside the page, light and dark, with alt text from their labels
    # (nn_site/notebooks/figures.py), not inline PNGs with "No description"
    assert page.count('class="snippet-figure notebook-figure"') >= 3 and "data:image/png" not in page
    assert "No description has been provided" not in page and "its labels read:" in page
    assert (site / "notebooks" / name / "figure-1.svg").is_file() and (site / "notebooks" / name / "figure-1-dark.svg").is_file()
    assert 'class="highlight notebook-code"' in page  # code cells in the site's own style


def test_warm_rebuild_uses_the_cache(site):
    """The build left each notebook's executed page in the build cache, in the folder of
    the current kernel profile (the site style) and nbconvert settings: the next build
    reuses them."""
    import json

    from nn_site.engine import cache
    from nn_site.notebooks import figures as notebook_figures

    _, digest = notebook_figures.kernel_profile(ROOT / "snippets" / "site.mplstyle")
    entries = sorted((cache.cache_dir() / "jupyter").glob(f"kernel-{digest}-*/*.json"))  # -<nbconvert settings>
    assert len(entries) >= len(NAMES), "mkdocs-jupyter cache: executed HTML is reused"
    for entry in entries:
        assert "jp-Cell" in json.loads(entry.read_text(encoding="utf-8"))["content"], entry


@pytest.mark.parametrize("name", NAMES)
def test_page_looks_like_the_content_pages(pages, name):
    # Visual review C: every figure numbered and captioned as on the Markdown pages (from
    # the "**Figure.**" cell after it), solutions in the pages' green "success" box, and no
    # code line wider than the 1280-px code box (74 characters at the site's code size).
    page = pages[name]
    figures = re.findall(r'<figure class="snippet-figure notebook-figure" id="([^"]+)">(.*?)</figure>', page, re.S)
    assert len(figures) >= 3
    for number, (anchor, body) in enumerate(figures, start=1):
        assert anchor.endswith(f"-{number}")
        caption = re.search(r'<figcaption><span class="caption-number">Figure (\d+)\.</span> (.+?)</figcaption>', body, re.S)
        assert caption and caption[1] == str(number) and len(caption[2]) > 40, anchor
        assert "<strong>Figure" not in caption[2]
    assert "<strong>Figure.</strong>" not in page and 'class="notebook-caption"' not in page
    solutions = re.findall(r"<details([^>]*)>\s*<summary>Solution</summary>", page)
    assert solutions and all('class="success"' in attrs for attrs in solutions), solutions


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_code_lines_fit_the_code_box(path):
    nb = nbformat.read(path, as_version=4)
    long = [line for cell in nb.cells if cell.cell_type == "code" for line in cell.source.splitlines() if len(line) > 74]
    assert not long, long


def test_math_closed_form_matches_text():
    """The number quoted in spiking-vs-rate exercise 1 (I ≈ 3.22 nA for 100 Hz)."""
    ratio = math.exp(0.8)
    drive = (20 * ratio - 5) / (ratio - 1)
    assert round(drive / 10, 2) == 3.22
