"""The site engine: snippets run once, figures cached and deterministic, failures loud.

Every fault (issue 20) is injected in tests/test_faults.py; the cases here are the
engine's normal behaviour, and a few failures it must survive. They run on a tiny throwaway project (its own mkdocs.yml, docs/ and
snippets/) that uses the real hook, so a broken snippet never touches the real site.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nn_site.pages import mathml

from conftest import ROOT, mkdocs_build
from helpers import MiniProject, page_text, unstable_snippets

GOOD = '''\
"""A line and a printed number."""
import matplotlib.pyplot as plt
plt.plot([0, 1], [0, 1])
print("answer = 42")
plt.show()
'''


def fence(file: str, alt: str = "A rising line.", caption: str = "A line.") -> str:
    return f"```snippet\nfile: {file}\ncaption: {caption}\nalt: {alt}\n```\n"


@pytest.fixture
def project(tmp_path: Path):
    """A one-page project (helpers.MiniProject in tmp_path); returns a function that
    writes a snippet and the page, then builds."""
    mini = MiniProject(tmp_path)

    def build(snippet_code: str | None, page: str, env: dict | None = None):
        if snippet_code is not None:
            mini.snippet("demo/figure.py", snippet_code)
        mini.page(page)
        return mini.build(env), mini.site

    return build


def test_good_snippet_shows_code_output_and_both_figures(project):
    result, site = project(GOOD, "# Page\n\n" + fence("demo/figure.py"))
    assert result.returncode == 0, result.stderr
    html = (site / "index.html").read_text()
    assert "answer = 42" in html  # printed output, from the run
    assert "plt.plot([0, 1], [0, 1])" in page_text(html)  # the source, from the same file
    assert '<span class="caption-number">Figure 1.</span> A line.' in html
    light, dark = site / "figures/demo/figure.svg", site / "figures/demo/figure-dark.svg"
    assert light.exists() and dark.exists()
    assert "#1f2328" in light.read_text() and "#1f2328" not in dark.read_text()
    assert 'alt="A rising line."' in html


def test_a_block_reads_figure_then_result_then_closed_code(project):
    """Claim -> figure -> caption -> (result) -> code (issue 29): the code and, unless the
    page reads it, the printed output wait in one closed disclosure after the caption."""
    result, site = project(GOOD, "# Page\n\n" + fence("demo/figure.py"))
    assert result.returncode == 0, result.stderr
    html = (site / "index.html").read_text()
    figure, listing = html.index('<figure class="snippet-figure"'), html.index('<details class="example listing">')
    assert figure < listing
    assert "<details class=\"example listing\" open" not in html
    summary = re.search(r"<summary>(.*?)</summary>", html[listing:], re.S)[1]
    assert page_text(summary) == "Show the code and its output (5 lines)"
    # the path students copy is the first line inside: the code block's title
    inside = html[listing:].split("</summary>", 1)[1]
    title = re.match(r'\s*<div class="(?:language-python )?highlight"><span class="filename">(.*?)</span>', inside)
    assert title and page_text(title[1]) == "snippets/demo/figure.py", inside[:300]
    assert "<wbr>" in title[1]  # on a phone the path wraps between names, never inside one
    assert listing < html.index("answer = 42") < html.index("</details>", listing)  # output in it

    shown = fence("demo/figure.py").replace("```snippet\n", "```snippet\noutput: result\n")
    result, site = project(GOOD, "# Page\n\n" + shown)
    assert result.returncode == 0, result.stderr
    html = (site / "index.html").read_text()
    answer = html.index("answer = 42")
    assert html.index("</figure>") < answer < html.index('<details class="example listing">')
    assert html.rindex('<div class="snippet-result">', 0, answer) > html.index("</figure>")
    assert "Show the code (5 lines)" in page_text(html)  # output not in it

    prints_only = "```snippet\nfile: demo/figure.py\noutput: result\n```\n"
    result, site = project('"""Prints a table."""\nprint("a  b")\n', prints_only)
    assert result.returncode == 0, result.stderr
    html = (site / "index.html").read_text()
    assert html.index('class="snippet-result"') < html.index('<details class="example listing">')

    hidden = "```snippet\nfile: demo/figure.py\ncode: hidden\n```\n"
    result, site = project('"""Prints a table."""\nprint("a  b")\n', hidden)
    assert result.returncode == 0, result.stderr
    html = (site / "index.html").read_text()
    assert "snippet-result" in html and "<details" not in html  # hidden code: its output still shows


def test_an_unknown_output_mode_names_page_and_line(project):
    block = fence("demo/figure.py").replace("```snippet\n", "```snippet\noutput: terminal\n")
    result, _ = project(GOOD, "# Page\n\n" + block)
    assert result.returncode != 0
    want = "index.md:4: snippet 'output' must be one of ['result', 'summary', 'table', 'text']"
    assert want in result.stderr, result.stderr[-2000:]


def test_unknown_citation_fails_build_and_known_one_links(project):
    result, site = project(None, "Hebb [@hebb1949] said so.\n")
    assert result.returncode == 0, result.stderr
    html = (site / "index.html").read_text()
    assert '<a href="#ref-hebb1949">Hebb 1949</a>' in html and 'id="ref-hebb1949"' in html
    result, _ = project(None, "Nobody [@nobody2000] said so.\n")
    assert result.returncode != 0 and "nobody2000" in result.stderr


@pytest.mark.slow  # builds one project three times
def test_no_stale_figure_after_a_failure(project):
    result, site = project(GOOD, fence("demo/figure.py"))
    assert result.returncode == 0 and (site / "figures/demo/figure.svg").exists()
    result, site = project(GOOD.replace('print("answer = 42")', "1 / 0"), fence("demo/figure.py"))
    assert result.returncode != 0 and "ZeroDivisionError" in result.stderr
    assert not (site / "figures/demo/figure.svg").exists()  # the old figure is gone, not served
    # The cache still holds the good run, but only under the good code's key: fix the
    # snippet differently and the page shows the new output, never the cached old one.
    result, site = project(GOOD.replace("42", "43"), fence("demo/figure.py"))
    assert result.returncode == 0
    assert "answer = 43" in (site / "index.html").read_text()


@pytest.mark.slow  # a build, then `mkdocs serve` builds it again
def test_serve_shows_a_failing_snippet_in_the_page_not_its_old_figure(project, tmp_path):
    """`mkdocs serve` keeps serving, and the page says what failed where the figure was."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    ok, _ = project(GOOD, fence("demo/figure.py"))  # fills the cache with a good figure
    assert ok.returncode == 0
    (tmp_path / "snippets/demo/figure.py").write_text(GOOD.replace('print("answer = 42")', "1 / 0"))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NN_CACHE_DIR": str(tmp_path / "cache")}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        html = ""
        for _ in range(150):
            try:
                html = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.2)
        assert "snippets/demo/figure.py failed" in html
        assert "ZeroDivisionError" in html and "figure.py:4" in html
        assert "<img" not in html and "answer = 42" not in html
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_second_build_runs_nothing(project):
    first, _ = project(GOOD, fence("demo/figure.py"))
    second, _ = project(GOOD, fence("demo/figure.py"))
    assert "ran 1 snippets" in first.stderr
    assert "figures 1/1, 1 cached" in second.stderr and "ran " not in second.stderr


BLAS_THREADS = """\
import numpy as np
from threadpoolctl import threadpool_info

np.ones((2, 2)) @ np.ones((2, 2))  # loads numpy's BLAS
print("thread pools:", sorted({(pool["internal_api"], pool["num_threads"]) for pool in threadpool_info()}))
"""


def test_snippets_run_with_one_blas_thread_whatever_the_callers_environment(project):
    """The build runs a worker per core: a snippet's numpy must not start a thread pool
    per core too (nn_site/engine/runner.py, SINGLE_THREADED), even if the caller asked
    for more threads."""
    result, site = project(BLAS_THREADS, "```snippet\nfile: demo/figure.py\n```\n",
                           env={"OPENBLAS_NUM_THREADS": "4", "OMP_NUM_THREADS": "4"})
    assert result.returncode == 0, result.stderr
    shown = re.search(r"thread pools: \[(.*?)\]", page_text((site / "index.html").read_text()))
    assert shown and "openblas" in shown[1], result.stderr
    pools = re.findall(r"'(\w+)', (\d+)", shown[1])
    assert ("openblas", "1") in pools and {threads for _, threads in pools} == {"1"}, pools


def test_math_becomes_mathml(project):
    result, site = project(None, "Inline $z = w x + b$ and\n\n$$\ny = \\frac{1}{1 + e^{-z}}\n$$\n")
    assert result.returncode == 0, result.stderr
    html = (site / "index.html").read_text()
    assert html.count("<math") == 2 and "<mfrac>" in html and "arithmatex" not in html


def test_bars_tildes_and_dots_are_accents():
    for tex in (r"\bar g_\text{Na}", r"\tilde{x}", r"\dot x", r"\vec{v}"):
        assert '<mover accent="true">' in mathml.to_mathml(tex, "inline"), tex
    # an over-script that is not an accent mark stays a plain over-script
    assert "<mover>" in mathml.to_mathml(r"\overbrace{x}", "inline")


def test_aligned_math_becomes_a_table_and_a_stray_ampersand_fails(project):
    aligned = "$$\n\\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned}\n$$\n"
    result, site = project(None, aligned)
    assert result.returncode == 0, result.stderr
    html = (site / "index.html").read_text()
    assert html.count("<mtr>") == 2 and "<mi>&amp;</mi>" not in html and "<mi>&</mi>" not in html
    result, _ = project(None, "$$\na &= b\n$$\n")
    assert result.returncode != 0
    assert "index.md:2: math " in result.stderr and "has an '&' outside an environment" in result.stderr


# --- the real site -------------------------------------------------------------------

def pages_using_snippets() -> dict[str, list[Path]]:
    """snippet -> pages showing it, wherever the block stands (admonitions, tabs, lists too)."""
    from nn_site.engine import fence as fences

    used: dict[str, list[Path]] = {}
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for body in fences.find(page.read_text(), "snippet"):
            used.setdefault(fences.load_yaml(body)["file"], []).append(page)
    return used


def test_every_snippet_is_used_by_a_page():
    used = pages_using_snippets()
    snippets = {p.relative_to(ROOT / "snippets").as_posix() for p in (ROOT / "snippets").rglob("*.py")}
    # A sibling module that other snippets import is used through them; it must still be shown.
    unused = sorted(snippets - set(used))
    assert not unused, f"snippets no page shows: {unused}"


def test_palette_covers_the_style_cycle():
    from nn_site.engine.palette import DARK

    style = (ROOT / "snippets" / "site.mplstyle").read_text()
    cycle = re.search(r"cycler\('color', \[(.*?)\]\)", style).group(1)
    colours = {"#" + c.strip(" '") for c in cycle.split(",")}
    assert colours <= set(DARK), f"cycle colours without a dark pair: {colours - set(DARK)}"
    for name in ("text.color", "axes.edgecolor", "grid.color"):
        value = re.search(rf"^{re.escape(name)}: *(\w+)", style, re.MULTILINE).group(1)
        assert "#" + value in DARK


def test_site_builds_strict_and_every_figure_has_both_variants(site):
    light = sorted(p for p in (site / "figures").rglob("*.svg") if not p.stem.endswith("-dark"))
    assert light, "no figures built"
    for svg in light:
        dark = svg.with_name(svg.stem + "-dark.svg")
        assert dark.exists(), f"{svg} has no dark variant"
        assert dark.read_bytes() != svg.read_bytes()
        text = svg.read_text()
        assert "<dc:date>" not in text and "Matplotlib v" not in text  # no Date/Creator metadata


@pytest.mark.slow  # one interpreter per snippet: the longest part of `make quick` otherwise
@pytest.mark.parametrize("name", sorted(pages_using_snippets()))
def test_snippet_runs_standalone_and_page_shows_its_output(name, site):
    """A student's `python snippets/<name>` prints exactly what the page shows."""
    from conftest import run_snippet

    result = run_snippet(name)
    assert result.returncode == 0, f"{name} failed standalone:\n{result.stderr}"
    page = pages_using_snippets()[name][0].relative_to(ROOT / "docs")
    built = site / page.with_suffix("") / "index.html"
    if page.name == "index.md":
        built = site / page.parent / "index.html"
    text = page_text(built.read_text())
    for line in result.stdout.strip().splitlines():
        if TABLE_ROW.match(line.strip()):  # `output: table`: each cell is in the page's table
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            for cell in cells:
                if cell and not re.fullmatch(r"[-:]+|\[@[\w:-]+\]", cell):  # rules, citations
                    assert cell in text, f"{page}: table cell {cell!r} of {name} not on the page"
            continue
        assert line.strip() in text, f"{page}: output line {line!r} of {name} not on the page"


TABLE_ROW = re.compile(r"^\|.*\|$")


OFF_HOST = re.compile(
    r"""<(?:script|img|iframe|source|video|audio|embed)\b[^>]*\bsrc=["']?(?:https?:)?//"""
    r"""|<link\b(?![^>]*\brel=["']?(?:canonical|alternate)\b)[^>]*\bhref=["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def test_built_site_loads_nothing_from_other_hosts(site):
    """No resource (script, style, font, image, frame) is fetched from another host.

    Links a reader may click (<a href="https://doi.org/...">) are fine, and so is
    <link rel="canonical">, which names the page's address but fetches nothing.
    """
    offenders = []
    for path in site.rglob("*"):
        if path.suffix in {".html", ".css", ".svg"}:
            for match in OFF_HOST.finditer(path.read_text(errors="replace")):
                offenders.append(f"{path.relative_to(site)}: {match.group(0)[:120]}")
    assert not offenders, "\n".join(offenders)
    index = (site / "index.html").read_text()
    assert "fonts.googleapis" not in index and "fonts.gstatic" not in index


@pytest.mark.slow
def test_clean_builds_and_a_warm_rebuild_are_byte_identical(tmp_path, request):
    """Builds give the same bytes for every file of the site: a cold build with empty
    caches, a rebuild from its caches (snippets, MathML, notebooks), and the suite's own
    build (the ``site`` fixture: with the repository's cache, which is empty on a fresh
    clone, so in CI that is a second clean build). Cold means cold for notebooks too:
    mkdocs-jupyter's cache lives in the build cache. (``site`` is asked for last: under
    pytest-xdist this test's builds run while another worker builds the suite's site.)"""
    trees = []
    for run in ("cold", "warm"):
        result = mkdocs_build(tmp_path / f"site-{run}", tmp_path / "cache")
        assert result.returncode == 0, result.stderr
        root = tmp_path / f"site-{run}"
        trees.append({p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()})
        if run == "cold":
            assert list((tmp_path / "cache").glob("mathml-*.json")), "the MathML cache was not kept"
            assert list((tmp_path / "cache" / "jupyter").rglob("*.json")), "notebooks not cached in the build cache"
    site = request.getfixturevalue("site")
    trees.insert(0, {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()})
    for other, what in ((trees[1], "the suite's build and a clean build"),
                        (trees[2], "a clean build and a warm rebuild")):
        assert trees[0].keys() == other.keys(), f"{what}: {sorted(set(trees[0]) ^ set(other))}"
        differing = [str(p) for p in trees[0] if trees[0][p] != other[p]]
        # Name the snippets whose printed output or figure changed, with the likely cause.
        assert not differing, (f"files that differ between {what}: {differing}\n"
                               + "\n".join(unstable_snippets(trees[0], other)))
