"""Fault injection: every fault fails loudly, and nothing stale, truncated or invalid is
published (issue 20).

Each test works on a throwaway copy of what a build needs (``helpers.MiniProject``:
``snippets/site.mplstyle``, ``includes/``, a small ``mkdocs.yml`` with the real hooks)
plus a page and snippets written for the fault. It injects the fault, builds, and checks
either the message (file, line where one exists, cause) or, where the fault is harmless
by design, that the output is right; where it matters, the build after the fix is
byte-identical to a clean build. The faults of one kind share a build to stay fast.

TeX faults (``\\sigmaa``, an unclosed ``\\mathbf{``) are page faults like the others
(Temml's own message names the cause; nn_site/pages/mathml.py adds page and line).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from helpers import HOOKS, MINI_CONFIG, MiniProject, mkdocs_build, page_text
from helpers import MINI_BIB as BIB

# Dozens of small builds: in `make test`, not in the inner loop (`make quick`).
pytestmark = pytest.mark.slow

GOOD = '''\
"""A line and a printed number."""
import matplotlib.pyplot as plt

plt.plot([0, 1], [0, 1])
print("answer = 42")
plt.show()
'''


def fence(file: str, figure: bool = True, indent: str = "") -> str:
    lines = ["```snippet", f"file: {file}"]
    if figure:
        lines += ["caption: A line.", "alt: A rising line."]
    lines.append("```")
    return "\n".join(indent + line for line in lines) + "\n"


class Project(MiniProject):
    """The shared throwaway project (tests/helpers.py), snippets limited to 20 s."""

    def build(self, env: dict | None = None, site: Path | None = None, cwd: Path | None = None):
        return super().build({"NN_SNIPPET_TIMEOUT": "20", **(env or {})}, site, cwd)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path / "project")


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory) -> Path:
    """A cache holding GOOD as demo/figure.py: the faults below are not in the cache, so
    starting from it is honest, and it saves a worker start per build."""
    warm = Project(tmp_path_factory.mktemp("warm") / "project")
    warm.snippet("demo/figure.py", GOOD)
    warm.page("# Page\n\n" + fence("demo/figure.py"))
    result = warm.build()
    assert result.returncode == 0, result.stderr
    return warm.cache


@pytest.fixture
def warm_project(project, warm_cache) -> Project:
    shutil.copytree(warm_cache, project.cache)
    project.snippet("demo/figure.py", GOOD)
    return project


# --- snippets that fail: one build, every message -----------------------------------

FAULTY = {
    "raises.py": ('import numpy as np\n\nx = np.arange(3)\nraise ValueError("weights must be finite")\n',
                  r"snippets/faults/raises\.py:4: ValueError: weights must be finite"),
    "syntax.py": ('x = 1\ny = (2,\nprint(x y)\n', r"snippets/faults/syntax\.py:[23]: SyntaxError"),
    "os_exit.py": ('import os\n\nos._exit(0)\n',
                   r"snippets/faults/os_exit\.py:3: the snippet called os\._exit\(0\)"),
    "crash.py": ('import os\nimport signal\n\nos.kill(os.getpid(), signal.SIGSEGV)\n',
                 r"snippets/faults/crash\.py:4: the snippet's process was killed by signal 11"),
    "exit_status.py": ('import sys\n\nsys.exit(3)\n', r"snippets/faults/exit_status\.py:3: SystemExit: 3"),
    "hangs.py": ('import time\n\nwhile True:\n    time.sleep(0.01)\n',
                 r"snippets/faults/hangs\.py: timed out after 3 s \(line 4\)"),
    "two_figures.py": ('import matplotlib.pyplot as plt\n\nplt.figure()\nplt.figure()\nplt.show()\n',
                       r"snippets/faults/two_figures\.py: made 2 figures; a snippet makes at most one"),
    "litters.py": ('with open("notes.txt", "w") as f:\n    f.write("x")\n',
                   r"snippets/faults/litters\.py: wrote file\(s\) notes\.txt in its working directory"),
    "huge.py": ('for i in range(50_000):\n    print(i)\n',
                r"snippets/faults/huge\.py: printed 50001 lines \(\d+ characters\); a page shows at most"),
}


def test_failing_snippets_are_each_named_with_line_and_cause(project):
    for name, (code, _) in FAULTY.items():
        project.snippet(f"faults/{name}", code)
    docs, site = project.root / "docs", project.site
    # Writes outside the snippet's own folder are refused at the line that tries.
    project.snippet("faults/writes_docs.py", f'open({str(docs / "oops.md")!r}, "w").write("# x")\n')
    project.snippet("faults/removes_site.py", f'import shutil\n\nshutil.rmtree({str(site)!r})\n')
    site.mkdir()
    (site / "keep.txt").write_text("old")
    page = "# Faults\n\n" + "".join(fence(f"faults/{n}", figure=False) for n in sorted(FAULTY))
    page += fence("faults/writes_docs.py", figure=False) + fence("faults/removes_site.py", figure=False)
    project.page(page)
    result = project.build(env={"NN_SNIPPET_TIMEOUT": "3"})
    assert result.returncode != 0
    assert f"{len(FAULTY) + 2} snippet(s) failed" in result.stderr
    for name, (_, message) in FAULTY.items():
        assert re.search(message, result.stderr), f"{name}: no {message!r} in\n{result.stderr[-4000:]}"
    assert re.search(r"snippets/faults/writes_docs\.py:1: PermissionError: a snippet may not write files "
                     r"outside its build folder", result.stderr)
    assert re.search(r"snippets/faults/removes_site\.py:3: PermissionError", result.stderr)
    assert not (docs / "oops.md").exists()
    assert not (project.site / "index.html").exists()  # nothing published


def test_a_snippet_that_stops_drawing_its_declared_figure_fails(project):
    project.snippet("demo/figure.py", GOOD.replace("plt.show()", 'plt.close("all")'))
    project.page("# Page\n\n" + fence("demo/figure.py"))
    result = project.build()
    assert result.returncode != 0
    assert ("index.md:3: snippet 'demo/figure.py' has a caption and alt but drew no figure "
            "(does it still end with plt.show()?") in result.stderr


# --- isolation: what one snippet does cannot change another -------------------------

LEAKY = '''\
"""Changes every piece of process state it can reach."""
import os
import random
import warnings

import numpy as np

warnings.simplefilter("error")
np.random.seed(123)
random.seed(123)
os.chdir("/")
import builtins
builtins.LEAK = "leaked"
print("leaky done")
'''

VICTIM = '''\
"""Prints what depends on process state (it should not: snippets seed their own RNG)."""
import os
import random
import sys
import warnings

import numpy as np

warnings.warn("a harmless warning", UserWarning)
print("numpy", np.random.rand())
print("random", random.random())
print("cwd is its own", os.path.basename(os.getcwd()) == "cwd")
print("no leak", not hasattr(__builtins__, "LEAK") if isinstance(__builtins__, type(sys)) else "LEAK" not in __builtins__)
print("sys.exit(0) ends a snippet normally")
sys.exit(0)
'''


def test_snippets_are_isolated_and_cold_equals_warm(project):
    project.snippet("iso/a_leaky.py", LEAKY)
    project.snippet("iso/b_victim.py", VICTIM)
    project.page("# Isolation\n\n" + fence("iso/a_leaky.py", False) + "\n" + fence("iso/b_victim.py", False))
    cold = project.build()
    assert cold.returncode == 0, cold.stderr
    victim_alone = Project(project.root.parent / "alone")
    victim_alone.snippet("iso/b_victim.py", VICTIM)
    victim_alone.page("# Alone\n\n" + fence("iso/b_victim.py", False))
    alone = victim_alone.build()
    assert alone.returncode == 0, alone.stderr
    output = re.compile(r"numpy [\d.]+\s+random [\d.]+\s+cwd is its own True\s+no leak True")
    text = re.sub(r"<[^>]+>", "", project.html())
    assert output.search(text) and output.search(text)[0] == output.search(
        re.sub(r"<[^>]+>", "", victim_alone.html()))[0]
    first = tree(project.site)
    warm = project.build()
    assert warm.returncode == 0 and "ran " not in warm.stderr
    assert tree(project.site) == first  # warm == cold, byte for byte


# --- inputs, output and trust boundaries --------------------------------------------

def test_a_data_file_next_to_a_snippet_is_part_of_its_key(project):
    project.snippet("data/reads.py", 'from pathlib import Path\n\nprint("value", '
                                     '(Path(__file__).parent / "value.txt").read_text().strip())\n')
    project.snippet("data/value.txt", "1\n")
    project.page("# Data\n\n" + fence("data/reads.py", False))
    assert project.build().returncode == 0 and "value 1" in project.html()
    project.snippet("data/value.txt", "2\n")
    assert project.build().returncode == 0 and "value 2" in project.html()


def test_printed_output_and_code_cannot_become_markup(project):
    project.snippet("out/prints.py", 'print("```")\nprint("<b>bold</b> [@hebb1949]")\nprint("````")\n')
    project.page("# Out\n\nCited [@hebb1949].\n\n" + fence("out/prints.py", False)
                 + "\n```python\nkey = '[@hebb1949]'\n```\n\nAfter the block.\n")
    result = project.build()
    assert result.returncode == 0, result.stderr
    page = project.html()
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    assert page.count('href="#ref-hebb1949"') == 1  # the prose citation only
    assert "[@hebb1949]" in page  # printed and in code, literally
    assert "After the block." in page


def test_a_printed_table_is_a_table_and_nothing_else_passes_as_one(project):
    """``output: table``: a printed Markdown table becomes a <table> with its citations
    linked; a printed line that is not a table row (here raw HTML) fails the build."""
    table = '| Quantity | Source |\n|---|---|\n| weights | [@hebb1949] |'
    project.snippet("out/table.py", f'print("""{table}""")\n')
    project.page("# Out\n\n```snippet\nfile: out/table.py\noutput: table\n```\n")
    result = project.build()
    assert result.returncode == 0, result.stderr
    page = project.html()
    assert re.search(r"<table>.*<td[^>]*>weights</td>.*href=\"#ref-hebb1949\".*</table>", page, re.DOTALL), page
    project.snippet("out/table.py", f'print("""{table}\n<script>x</script>""")\n')
    result = project.build()
    assert result.returncode != 0
    assert ("index.md:3: snippet 'out/table.py' has 'output: table' but its printed line 4 is not a row "
            "of a Markdown table") in result.stderr, result.stderr[-2000:]


@pytest.mark.parametrize("fault, message", [
    ("```snippet\nfile: ../../outside.py\n```\n",
     "index.md:4: snippet file '../../outside.py' must be a relative path inside snippets/"),
    ("```snippet\nfile: /etc/passwd\n```\n",
     "index.md:4: snippet file '/etc/passwd' must be a relative path inside snippets/"),
    ("```snipet\nfile: demo/figure.py\n```\n", "index.md:3: a fenced block of unknown kind 'snipet'"),
    ("```snippet\nfile: demo/figure.py\ncaption: a: b\n```\n", "index.md:5: snippet block is not valid YAML"),
    ("```snippet\nfile: demo/figure.py\ncolour: red\n```\n", "index.md:5: snippet block has unknown option(s) ['colour']"),
    ("```snippet\nfile: demo/figure.py\ncaption: A line.\nalt: A rising line.\ncaption: Another.\n```\n",
     "index.md:7: snippet block is not valid YAML (a caption or alt that contains ': ' or starts with a quote, "
     "'-' or '[' needs quotes around it): the option 'caption' is given twice (first on line 2 of the block)"),
    ("```snippet\nfile: demo/figure.py\ncaption: " + "A long caption. " * 3200 + "\nalt: A line.\n```\n",
     "index.md:5: snippet 'caption' is 51,199 characters long; at most 2,000"),
    ("## Learning [@hebb1949]\n\nText.\n", "index.md:3: citation [@hebb1949] in a heading"),
    ("Read [the book [@hebb1949]](https://example.org/) now.\n", "index.md:3: citation [@hebb1949] in a link's text"),
    ("```snippet\nfile: demo/nowhere.py\n```\n", "index.md:3: snippet 'demo/nowhere.py' does not exist"),
    ("```\n--8<-- \".git/config\"\n```\n", ".git/config"),
    ("Nobody [@nobody2000] said so.\n", "index.md:3: unknown citation key(s) nobody2000"),
    ("```snippet\nfile: demo/figure.py\ncaption: A line.\n```\n",
     "index.md:3: snippet 'demo/figure.py' draws a figure but has no 'alt'"),
    ("A sum $\\sigmaa(z)$ here.\n", "docs/index.md:3: cannot typeset $\\sigmaa(z)$: Unsupported function name"),
    ("A vector $\\mathbf{w$ here.\n",
     "docs/index.md:3: cannot typeset $\\mathbf{w$: Unexpected end of input in a macro argument, expected '}'"),
], ids=["dotdot", "absolute", "misspelt-fence", "bad-yaml", "unknown-option", "repeated-option", "huge-caption",
        "cite-in-heading", "cite-in-link-text", "missing", "include-outside",
        "unknown-key", "no-alt", "tex-unknown-command", "tex-unclosed-brace"])
def test_page_faults_fail_with_file_and_cause(warm_project, fault, message):
    project = warm_project
    (project.root / ".git").mkdir()
    (project.root / ".git" / "config").write_text("[secret]\n")
    (project.root / "outside.py").write_text("print('outside')\n")
    project.page("# Page\n\n" + fault)
    result = project.build()
    assert result.returncode != 0
    assert message in result.stderr, result.stderr[-3000:]
    assert not (project.site / "index.html").exists()


def test_bibliography_fields_are_text_and_a_bad_doi_fails(project):
    (project.root / "docs" / "references.bib").write_text(
        BIB + "@article{evil2000, author = {Evil, Eve}, title = {A <script>alert(1)</script> and "
        "<img src=x onerror=alert(2)> title}, journal = {J}, year = {2000}}\n")
    project.page("# Page\n\nSee [@evil2000].\n")
    result = project.build()
    assert result.returncode == 0, result.stderr
    page = project.html()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)" in page
    (project.root / "docs" / "references.bib").write_text(
        BIB + '@article{evil2000, author = {Evil, Eve}, title = {T}, journal = {J}, year = {2000},'
        ' doi = {10.1/x" onmouseover="alert(1)}}\n')
    result = project.build()
    assert result.returncode != 0
    assert "references.bib: entry 'evil2000': field doi" in result.stderr


def test_snippet_blocks_work_inside_admonitions_tabs_and_lists(project):
    for name in ("a", "b", "c", "d"):
        project.snippet(f"nest/{name}.py", GOOD)
    project.page("# Nested\n\n" + fence("nest/a.py")
                 + '\n!!! note "In an admonition"\n\n' + fence("nest/b.py", indent="    ")
                 + '\n=== "Tab"\n\n' + fence("nest/c.py", indent="    ")
                 + "\n1. In a list:\n\n" + fence("nest/d.py", indent="    "))
    result = project.build()
    assert result.returncode == 0, result.stderr
    page = project.html()
    assert "```snippet" not in page and "file: nest" not in page
    assert [int(n) for n in re.findall(r"Figure (\d+)\.(?:</span>)? A line\.", page)] == [1, 2, 3, 4]
    for name in ("a", "b", "c", "d"):
        assert f'src="figures/nest/{name}.svg#only-light"' in page


def test_builds_from_any_working_directory(warm_project, tmp_path):
    project = warm_project
    project.page("# Page\n\n" + fence("demo/figure.py"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = project.build(cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    text = page_text(project.html())
    assert "plt.plot([0, 1], [0, 1])" in text and not list(elsewhere.iterdir())


# --- the cache repairs itself ---------------------------------------------------------

def test_a_corrupt_cache_is_discarded_rebuilt_and_pruned(project):
    # A public URL that is not a placeholder: the sitemap lists pages (with their dates) only then.
    (project.root / "mkdocs.yml").write_text(MINI_CONFIG.replace("https://example.org/", "https://nn-course.github.io/mini/"))
    project.snippet("demo/figure.py", GOOD)
    project.snippet("demo/other.py", '"""Prints."""\nprint("other")\n')
    project.page("# Page\n\nCited [@hebb1949].\n\n" + fence("demo/figure.py") + fence("demo/other.py", False))
    clean = project.build()
    assert clean.returncode == 0, clean.stderr
    first = tree(project.site)
    sitemap = (project.site / "sitemap.xml").read_text()
    assert "<lastmod>2026-11-22</lastmod>" in sitemap  # SOURCE_DATE_EPOCH from extra.date_released
    entries = sorted((project.cache / "snippets").iterdir())
    figure_entry = next(e for e in entries if (e / "figure-1.svg").exists())
    other_entry = next(e for e in entries if e != figure_entry)
    svg = figure_entry / "figure-1.svg"
    svg.write_bytes(svg.read_bytes()[:2000])  # truncated figure
    (other_entry / "result.json").write_text('{"stdout": "oth')  # truncated result
    bib = next((project.cache / "bibliography").iterdir())
    bib.write_bytes(bib.read_bytes()[:100])  # truncated bibliography
    leftover = project.cache / "snippets" / ".tmp-999999-killed"  # a build killed with SIGKILL
    leftover.mkdir()
    unused = project.cache / "snippets" / "0123456789abcdef01234567"  # no page uses it
    unused.mkdir()
    (unused / "result.json").write_text("{}")
    # Entries of the other cache folders that no build of these pages uses: an old gallery
    # slide, a kernel profile and mkdocs-jupyter folder for an older figure style, an old
    # math-font subset, a file of an older cache layout.
    stale = [project.cache / "slides" / "0123.png", project.cache / "ipython" / "0123abcd",
             project.cache / "jupyter" / "kernel-0123abcd" / "4e30.json",
             project.cache / "math-font" / "math-font-0123.woff2", project.cache / "old-layout.json"]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("stale")
    healed = project.build()
    assert healed.returncode == 0, healed.stderr
    assert healed.stderr.count("cache: discarded") == 3, healed.stderr
    assert "ran 2 snippets" in healed.stderr
    assert tree(project.site) == first  # the same bytes as the clean build
    assert not leftover.exists() and not unused.exists()
    assert not [path for path in stale if path.exists()], healed.stderr


# --- notebooks (a kernel starts per notebook: slow) -----------------------------------

NOTEBOOK_CONFIG = MINI_CONFIG + """\
plugins:
  - search
  - mkdocs-jupyter:
      include: ["*.ipynb"]
      execute: true
      allow_errors: false
      kernel_name: python3
      no_prompt: true
      include_requirejs: false
"""


def notebook(*cells: str) -> str:
    return json.dumps({
        "cells": [{"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {},
                   "outputs": [], "source": source} for i, source in enumerate(cells)],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4, "nbformat_minor": 5,
    })


def test_notebook_faults_are_short_and_the_output_is_stable(project):
    (project.root / "mkdocs.yml").write_text(NOTEBOOK_CONFIG)
    project.page("# Home\n")
    nb = project.root / "docs" / "nb.ipynb"
    nb.write_text(notebook("x = 1", "y = x / 0\nprint(y)"))
    failed = project.build()
    assert failed.returncode != 0
    assert "docs/nb.ipynb: code cell 2, line 1: ZeroDivisionError: division by zero" in failed.stderr
    assert "\x1b[" not in failed.stderr and failed.stderr.count("ZeroDivisionError") <= 2
    nb.write_text(notebook("import time\nwhile True:\n    time.sleep(0.01)"))
    hung = project.build(env={"NN_NOTEBOOK_TIMEOUT": "3"})
    assert hung.returncode != 0
    assert "docs/nb.ipynb: code cell 1 timed out after 3 s" in hung.stderr
    streams = "import sys, time\nfor i in range(3):\n    print('line', i)\n    sys.stdout.flush()\n    time.sleep(0.05)"
    nb.write_text(notebook(streams))
    good = project.build()
    assert good.returncode == 0, good.stderr
    page = project.html("nb/index.html")
    assert page.count("line 0") == 1 and re.search(r"line 0\s*\nline 1\s*\nline 2", page)  # one block
    first = tree(project.site)
    cached = list((project.cache / "jupyter").rglob("*.json"))  # in the folder of its nbconvert settings
    assert cached, "mkdocs-jupyter's cache is not under the build cache"
    cached[0].write_text(cached[0].read_text()[:500])  # a build killed while writing it
    cleaned = next((project.cache / "notebooks").glob("*.html"))
    complete = cleaned.read_bytes()
    cleaned.write_bytes(complete[: len(complete) // 2])  # the cleaned page, truncated
    healed = project.build()
    assert healed.returncode == 0, healed.stderr
    assert healed.stderr.count("cache: discarded") == 2, healed.stderr
    assert cleaned.read_bytes() == complete  # rebuilt whole
    assert tree(project.site) == first


# --- mkdocs serve shows every error in the page ---------------------------------------

def test_serve_shows_any_build_error_in_the_page_then_recovers(project):
    project.page("# Page\n\nCited [@hebb1949].\n")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NN_CACHE_DIR": str(project.cache)}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=project.root, env=env, stdout=subprocess.DEVNULL,
                              stderr=(project.root / "serve.log").open("w"), start_new_session=True)

    def fetch() -> str:
        return urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read().decode()

    def wait_for(text: str) -> str:
        page = ""
        for _ in range(150):
            try:
                page = fetch()
                if text in page:
                    return page
            except OSError:
                pass
            time.sleep(0.2)
        log = (project.root / "serve.log").read_text()[-3000:]
        raise AssertionError(f"{text!r} never appeared; server log:\n{log}")

    try:
        wait_for("Hebb 1949")
        project.page("# Page\n\nCited [@nobody2000].\n")
        page = wait_for("The build failed")
        assert "unknown citation key(s) nobody2000" in page
        project.page("# Page\n\nCited [@hebb1949] again.\n")
        wait_for("again")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


# --- the corrections log (nn_site/pages/corrections.py) ------------------------------------

CORRECTION = """\
- id: planted
  title: A planted fix
  page: index.md
  kind: correction
  wrong: 'It said <script>alert("x")</script> & <img src=x onerror=alert(1)>.'
  right: It says $a < b$, as Hebb put it [@hebb1949, ch. 4].
  source: "hebb1949, ch. 4"
  release: unreleased
  commit: 71e754e
  date: 2026-11-29
"""


def test_corrections_log_is_built_escaped_and_a_bad_entry_stops_the_build(project):
    project.page("# Page\n\nText.\n")
    project.page("# Corrections\n\n<!-- corrections -->\n", "corrections.md")
    (project.root / "includes" / "corrections.yml").write_text(CORRECTION)
    result = project.build()
    assert result.returncode == 0, result.stderr
    page = project.html("corrections/index.html")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<math" in page and 'class="citation"' in page
    foot = project.html()
    assert 'class="corrections-note"' in foot and 'href="corrections/#planted"' in foot
    assert "Corrected since 0.1.0 (in the next release): It says" in foot  # the project is at release 0.1.0
    (project.root / "includes" / "corrections.yml").write_text(CORRECTION.replace("kind: correction", "kind: typo"))
    result = project.build()
    assert result.returncode != 0
    assert "includes/corrections.yml: entry 1 (id 'planted'): kind 'typo' is not one of" in result.stderr


# --- issue 28: nothing silent ---------------------------------------------------------

@pytest.mark.parametrize("variable, value, accepted", [
    ("NN_NOTEBOOK_TIMEOUT", "abc", "a whole number from 1 to 3600"),
    ("NN_SNIPPET_JOBS", "0", "a whole number from 1 to 64"),
    ("NN_SNIPPET_TIMEOUT", "-5", "a number of seconds greater than 0"),
    ("NN_RELEASE", "yes", "1 for a release build"),
    ("NN_SITE_URL", 'https://me.example.org/x"><script>alert(1)</script>', "an http(s) URL"),
    ("NN_SITE_URL", "me.github.io/site/", "an http(s) URL"),
    ("NN_SANDBOX", "maybe", "'auto' (sandbox when bwrap works) or 'off'"),
])
def test_an_invalid_environment_variable_fails_before_building(warm_project, variable, value, accepted):
    """Every NN_* variable is read once, typed and checked (nn_site/config.py): a bad
    one stops the build before anything runs, naming the variable, the value and what is
    accepted (NN_NOTEBOOK_TIMEOUT=abc used to drop the notebook settings silently)."""
    project = warm_project
    project.page("# Page\n\n" + fence("demo/figure.py"))
    result = project.build(env={variable: value})
    assert result.returncode != 0
    assert f"environment variable {variable}={value!r} is not valid: {accepted}" in result.stderr, result.stderr[-2000:]
    assert "figures 1/1" not in result.stderr  # failed before any snippet was looked at
    assert not (project.site / "index.html").exists()


def test_a_data_file_in_a_subfolder_of_a_snippet_is_part_of_its_key(project):
    project.snippet("data/reads.py", 'from pathlib import Path\n\nprint("value", '
                                     '(Path(__file__).parent / "data" / "values.txt").read_text().strip())\n')
    project.snippet("data/data/values.txt", "1\n")
    project.page("# Data\n\n" + fence("data/reads.py", False))
    assert project.build().returncode == 0 and "value 1" in project.html()
    project.snippet("data/data/values.txt", "2\n")
    result = project.build()
    assert result.returncode == 0 and "value 2" in project.html(), result.stderr[-2000:]


def test_snippets_whose_output_changes_between_builds_are_named(project):
    """The byte-identical test (tests/test_engine.py) names the snippets whose output
    differs between two clean builds, and the likely cause."""
    from helpers import unstable_snippets

    project.snippet("unstable/clock.py", 'import time\n\nprint("now", time.time())\n')
    project.snippet("unstable/urandom.py", 'import os\n\nprint(os.urandom(4).hex())\n')
    project.snippet("unstable/fresh_rng.py", 'import matplotlib.pyplot as plt\nimport numpy as np\n\n'
                    'plt.plot(np.random.default_rng().normal(size=5))\nplt.show()\n')
    project.snippet("unstable/seeded.py", 'import numpy as np\n\nprint(np.random.default_rng(0).normal())\n')
    project.page("# Unstable\n\n" + fence("unstable/clock.py", False) + fence("unstable/urandom.py", False)
                 + fence("unstable/fresh_rng.py") + fence("unstable/seeded.py", False))
    trees = []
    for run in ("a", "b"):
        result = mkdocs_build(project.root / f"site-{run}", project.root / f"cache-{run}", project.root / "mkdocs.yml")
        assert result.returncode == 0, result.stderr[-2000:]
        trees.append(tree(project.root / f"site-{run}"))
    named = unstable_snippets(trees[0], trees[1], project.root)
    assert [line.split(":")[0] for line in named] == [
        "snippets/unstable/clock.py", "snippets/unstable/fresh_rng.py", "snippets/unstable/urandom.py"], named
    assert "reads the clock" in named[0] and "unseeded random generator" in named[1] and "os.urandom" in named[2]


def test_tables_printed_one_after_another_become_separate_tables(project):
    """Two printed tables, a blank line between them, are two <table>s; a fault in the
    second is reported by its line in the printed output."""
    tables = "| T | cosine |\\n|---|---|\\n| 0 | 0.6545 |\\n\\n| T | error |\\n|---|---|\\n| 0 | 0.756 |"
    project.snippet("out/table.py", f'print("{tables}")\n')
    project.page("# Out\n\n```snippet\nfile: out/table.py\noutput: table\n```\n")
    result = project.build()
    assert result.returncode == 0, result.stderr[-2000:]
    page = project.html()
    assert page.count("<table>") == 2, page
    assert re.search(r"<td>0.6545</td>.*</table>.*<table>.*<td>0.756</td>", page, re.DOTALL), page
    project.snippet("out/table.py", f'print("{tables}\\n<b>x</b>")\n')
    result = project.build()
    assert result.returncode != 0
    assert ("index.md:3: snippet 'out/table.py' has 'output: table' but its printed line 8 is not a row "
            "of a Markdown table") in result.stderr, result.stderr[-2000:]


def test_a_pipe_in_a_printed_table_cell_is_escaped_or_fails(project):
    table = r'| Quantity | Value |\n|---|---|\n| a \\| b | 1 |'
    project.snippet("out/table.py", f'print("{table}")\n')
    project.page("# Out\n\n```snippet\nfile: out/table.py\noutput: table\n```\n")
    result = project.build()
    assert result.returncode == 0, result.stderr[-2000:]
    assert re.search(r"<td>a \| b</td>\s*<td>1</td>", project.html()), project.html()
    project.snippet("out/table.py", 'print("| Quantity | Value |\\n|---|---|\\n| a | b | 1 |")\n')
    result = project.build()
    assert result.returncode != 0
    assert ("index.md:3: snippet 'out/table.py' has 'output: table' but its printed line 3 has 3 cells and "
            "the header 2: a '|' inside a cell must be printed as '\\|'") in result.stderr, result.stderr[-2000:]


FIGURE_FAULTS = {
    "blank.py": ("import matplotlib.pyplot as plt\n\nplt.figure()\nplt.show()\n",
                 "snippets/figs/blank.py: its figure is blank: it has no axes"),
    "empty_axes.py": ("import matplotlib.pyplot as plt\n\nfig, ax = plt.subplots()\nax.set_title('Nothing')\nplt.show()\n",
                      "snippets/figs/empty_axes.py: its figure is blank: no axes holds finite data"),
    "nan.py": ("import matplotlib.pyplot as plt\nimport numpy as np\n\nplt.plot([0, 1, 2], np.full(3, np.nan))\n"
               "plt.scatter([np.nan], [np.nan])\nplt.show()\n",
               "snippets/figs/nan.py: its figure is blank: no axes holds finite data"),
    "huge.py": ("import matplotlib.pyplot as plt\n\nplt.figure(figsize=(200, 200))\nplt.plot([0, 1])\nplt.show()\n",
                "snippets/figs/huge.py: its figure is 200 × 200 inches; at most 16 × 16"),
    "bell.py": ('print("ding\\a")\n', "snippets/figs/bell.py: printed line 1 holds the control character U+0007"),
    "surrogate.py": ('print("half a pair: \\ud800")\n',
                     "snippets/figs/surrogate.py: printed line 1 holds a lone surrogate U+D800"),
    "progress.py": ('print("line")\nprint("10%\\r20%")\n',
                    "snippets/figs/progress.py: printed line 2 holds a carriage return"),
}


def test_blank_nan_and_huge_figures_and_control_characters_fail(project):
    for name, (code, _) in FIGURE_FAULTS.items():
        project.snippet(f"figs/{name}", code)
    project.snippet("figs/colour.py", 'print("\\x1b[31mred\\x1b[0m and plain")\n')
    project.page("# Figures\n\n" + "".join(fence(f"figs/{n}", figure=n.endswith("huge.py"))
                                           for n in sorted(FIGURE_FAULTS)) + fence("figs/colour.py", False))
    result = project.build()
    assert result.returncode != 0
    assert f"{len(FIGURE_FAULTS)} snippet(s) failed" in result.stderr, result.stderr[-3000:]
    for name, (_, message) in FIGURE_FAULTS.items():
        assert message in result.stderr, f"{name}: no {message!r} in\n{result.stderr[-4000:]}"
    project.page("# Colour\n\n" + fence("figs/colour.py", False))
    result = project.build()
    assert result.returncode == 0, result.stderr[-2000:]
    output = project.html().replace("<wbr>", "").split("Output of snippets/figs/colour.py", 1)[1].split("</pre>", 1)[0]
    assert "<code>red and plain" in output and "\x1b" not in output and "[31m" not in output


def test_bibliography_errors_name_the_entry_and_its_line(project):
    bib = project.root / "docs" / "references.bib"
    project.page("# Page\n\nCited [@hebb1949].\n")
    bib.write_text(BIB + "\n" + BIB)
    result = project.build()
    assert result.returncode != 0
    assert "references.bib:4: entry 'hebb1949' is repeated (first at line 1)" in result.stderr, result.stderr[-2000:]
    bib.write_text(BIB + "\n@article{bad2000, author = {Bad, B.}, title = {An {unbalanced title},\n"
                   "  journal = {J}, year = {2000}}\n\n@article{next2001, author = {Next, N.}, title = {T},\n"
                   "  journal = {J}, year = {2001}}\n")
    result = project.build()
    assert result.returncode != 0
    assert ("references.bib:4: entry 'bad2000' (lines 4-6) does not parse: its braces do not balance"
            in result.stderr), result.stderr[-2000:]


def test_a_second_build_in_the_same_tree_waits_and_says_why(warm_project):
    import fcntl

    project = warm_project
    project.page("# Page\n\n" + fence("demo/figure.py"))
    log = project.root / "second.log"
    with open(project.cache / ".lock", "a+") as held:  # a first build holds the lock
        fcntl.flock(held, fcntl.LOCK_EX)
        held.truncate(0)
        held.write("4242")
        held.flush()
        environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NN_CACHE_DIR": str(project.cache)}
        with log.open("w") as err:
            second = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-f", str(project.root / "mkdocs.yml"),
                                       "-d", str(project.site)], env=environ, stdout=subprocess.DEVNULL, stderr=err)
            for _ in range(300):
                if "another build is running" in log.read_text() or second.poll() is not None:
                    break
                time.sleep(0.1)
            assert second.poll() is None, log.read_text()[-2000:]
            assert (f"another build is running with the cache {project.cache} (process 4242); waiting for it "
                    "to finish") in log.read_text()
            assert not (project.site / "index.html").exists()
            fcntl.flock(held, fcntl.LOCK_UN)
            assert second.wait(timeout=300) == 0, log.read_text()[-2000:]
    assert (project.site / "index.html").is_file()


KILLER_HOOK = '''\
import os
import signal


def on_post_page(output, page, config):
    if page.file.src_uri == "zz.md":  # the build dies while writing the site
        os.kill(os.getpid(), signal.SIGKILL)
    return output
'''


def test_a_build_killed_while_writing_leaves_the_previous_site(warm_project):
    """The site is written beside site_dir and swapped in when complete: a killed build
    leaves the last complete site, never a site that looks complete."""
    project = warm_project
    project.page("# Page\n\n" + fence("demo/figure.py"))
    project.page("# Last\n\nThe last page.\n", "zz.md")
    assert project.build().returncode == 0
    before = tree(project.site)
    (project.root / "killer.py").write_text(KILLER_HOOK)
    config = project.root / "mkdocs.yml"
    config.write_text(MINI_CONFIG.replace(f"  - {HOOKS}\n", f"  - {HOOKS}\n  - killer.py\n"))
    project.page("# Page, changed\n\n" + fence("demo/figure.py"))
    killed = project.build()
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    assert tree(project.site) == before  # the last complete site, untouched
    partial = [p.name for p in project.root.glob(".site.partial-*")]
    assert partial, "the killed build wrote somewhere else than a partial folder"
    config.write_text(MINI_CONFIG)
    assert project.build().returncode == 0
    assert "Page, changed" in project.html() and not list(project.root.glob(".site.*"))


def test_an_unusable_cache_is_named_with_the_fix(warm_project):
    project = warm_project
    project.page("# Page\n\n" + fence("demo/figure.py"))
    shutil.rmtree(project.cache)
    project.cache.write_text("not a folder")
    result = project.build()
    assert result.returncode != 0
    assert f"the build cache {project.cache} is a file, not a folder: remove it or point NN_CACHE_DIR" in result.stderr
    assert "Traceback" not in result.stderr
    project.cache.unlink()
    if os.geteuid() == 0:
        pytest.skip("root writes to a read-only folder: the read-only case cannot be shown here")
    project.cache.mkdir()
    project.cache.chmod(0o555)
    try:
        result = project.build()
    finally:
        project.cache.chmod(0o755)
    assert result.returncode != 0
    assert f"the build cache {project.cache} cannot be written" in result.stderr
    assert "snippet(s) failed" not in result.stderr


def tagged_notebook(source: str, tags: list[str]) -> str:
    nb = json.loads(notebook(source))
    nb["cells"][0]["metadata"]["tags"] = tags
    return json.dumps(nb)


NOTEBOOK_FAULTS = [
    (tagged_notebook("raise ValueError('shown on purpose')", ["raises-exception"]),
     "docs/nb.ipynb: code cell 1: raised ValueError: shown on purpose; the tag 'raises-exception' does not "
     "publish a traceback"),
    (notebook("x = 1", "for i in range(100_000):\n    print(i)"),
     "docs/nb.ipynb: code cell 2: printed 100000 lines; a page shows at most 200 lines per cell"),
    (notebook("print('x' * 2_000_000)"), "docs/nb.ipynb: code cell 1: an output of 2,000,"),
    (notebook(*["print('y' * 900_000)"] * 4),
     "docs/nb.ipynb: code cell 4: the outputs up to this cell take 3,6"),
    (notebook("print('ding\\a')"), "docs/nb.ipynb: code cell 1: stdout output: printed line 1 holds the "
                                    "control character U+0007"),
]


def test_notebook_outputs_are_bounded_plain_and_free_of_tracebacks(project):
    (project.root / "mkdocs.yml").write_text(NOTEBOOK_CONFIG)
    project.page("# Home\n")
    nb = project.root / "docs" / "nb.ipynb"
    for source, message in NOTEBOOK_FAULTS:
        nb.write_text(source)
        result = project.build()
        assert result.returncode != 0, message
        assert message in result.stderr, result.stderr[-3000:]
    # ANSI colour codes are removed; a page executed under other settings is not reused.
    nb.write_text(notebook("print('\\x1b[32mgreen\\x1b[0m text')"))
    first = project.build(env={"NN_NOTEBOOK_TIMEOUT": "100"})
    assert first.returncode == 0, first.stderr[-3000:]
    page = project.html("nb/index.html")
    assert "green text" in page and "\x1b" not in page and page.count("[32m") == 1  # in the code only
    folders = sorted(p.name for p in (project.cache / "jupyter").iterdir())
    second = project.build(env={"NN_NOTEBOOK_TIMEOUT": "101"})
    assert second.returncode == 0, second.stderr[-3000:]
    assert sorted(p.name for p in (project.cache / "jupyter").iterdir()) != folders
    assert "Cache hit" not in second.stderr


# --- what a pull request cannot make the build do (issue 28) --------------------------
# The repository is the boundary (nn_site/engine/boundary.py); data fields are text, never HTML
# (nn_site/pages/inline_field.py); no process outlives its snippet or kernel
# (nn_site/engine/processes.py); snippets and kernels run sandboxed when bwrap works
# (nn_site/engine/sandbox.py). CONTRIBUTING.md, "Trust model".

def test_a_symbolic_link_out_of_the_repository_fails_the_build(warm_project, tmp_path):
    """A snippet, a snippet's data file, an asset under docs/ and a folder under includes/
    that are links to files outside the repository: one error naming each link and its
    target, and nothing published (today: the snippet runs, the asset is copied)."""
    project = warm_project
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.py").write_text('print("SECRET-SOURCE")\n')
    (outside / "passwd").write_text("root:SECRET-PASSWD\n")
    (outside / "folder" / "notes.md").write_text("SECRET-INCLUDE\n")
    (project.root / "snippets" / "demo" / "evil.py").symlink_to(outside / "secret.py")
    (project.root / "snippets" / "demo" / "data.txt").symlink_to(outside / "passwd")
    (project.root / "docs" / "assets").mkdir()
    (project.root / "docs" / "assets" / "x.txt").symlink_to(outside / "passwd")
    (project.root / "includes" / "shared").symlink_to(outside / "folder", target_is_directory=True)
    project.page("# Page\n\n" + fence("demo/evil.py", figure=False)
                 + '\n```text\n--8<-- "shared/notes.md"\n```\n')
    result = project.build(env={"NN_SANDBOX": "off"})
    assert result.returncode != 0
    for link, target in [("snippets/demo/evil.py", "secret.py"), ("snippets/demo/data.txt", "passwd"),
                         ("docs/assets/x.txt", "passwd"), ("includes/shared", "folder")]:
        assert f"{link}: a symbolic link to {outside.resolve() / target}, outside the repository" \
            in result.stderr, result.stderr[-3000:]
    assert "SECRET" not in result.stderr and not (project.site / "index.html").exists()
    assert not any(b"SECRET" in data for data in tree(project.site).values()) if project.site.exists() else True


def test_an_include_is_checked_on_its_resolved_path(warm_project):
    """pymdownx.snippets' restrict_base_path compares the unresolved path: a link in
    snippets/ to a file elsewhere in the repository passes it (here mkdocs.yml)."""
    project = warm_project
    (project.root / "snippets" / "leak.txt").symlink_to(project.root / "mkdocs.yml")
    project.page('# Page\n\n```text\n--8<-- "leak.txt"\n```\n')
    result = project.build(env={"NN_SANDBOX": "off"})
    assert result.returncode != 0
    assert (f"--8<-- 'leak.txt': {project.root / 'snippets' / 'leak.txt'} is, or is inside, a symbolic "
            f"link to {(project.root / 'mkdocs.yml').resolve()}, outside the folders") in result.stderr, \
        result.stderr[-3000:]
    assert not (project.site / "index.html").exists()


EVIL_LEDGER = '''\
- id: evil-row
  analogy: "An <script>alert(1)</script> *row* with $x^2$"
  origin: "right-and-wrong article: <iframe src=\\"javascript:alert(2)\\"></iframe>"
  verdict: holds
  page: index.md
  sources: [hebb1949]
  reason: A plain one-line reason (the loader refuses any markup in it)
  why: "Because <img src=x onerror=alert(3)> and *em* [@hebb1949] with $a < b$ & c {: onclick=alert(4) }"
'''


def test_captions_and_ledger_fields_are_markdown_never_html(warm_project):
    """A caption and the ledger's text fields are inline Markdown with $math$ and [@key]:
    raw HTML in them is shown as text, an attribute list is not applied, a javascript:
    link fails the build; the alt text is plain text in an escaped attribute."""
    project = warm_project
    (project.root / "includes" / "ledger").mkdir()
    (project.root / "includes" / "ledger" / "10-x.yml").write_text(EVIL_LEDGER)
    bib = project.root / "docs" / "references.bib"  # the article an origin names (nn_site/pages/ledger.py)
    bib.write_text(bib.read_text(encoding="utf-8") + "@misc{rightandwrong, key = {Right and wrong},\n"
                   "  title = {Right and wrong}, howpublished = {Online article}}\n", encoding="utf-8")
    block = ('```snippet\nfile: demo/figure.py\n'
             'caption: "A <img src=x onerror=alert(5)> line, *em*, $V_\\\\mathrm{th}$ [@hebb1949]."\n'
             'alt: "Alt <img src=x onerror=alert(6)> \\" q"\n```\n')
    project.page("# Page\n\n" + block + "\n```ledger\nall: true\ncolumns: [analogy, origin, verdict, why]\n```\n")
    result = project.build(env={"NN_SANDBOX": "off"})
    assert result.returncode == 0, result.stderr
    page = project.html()
    for raw in ("<script>alert", "<iframe", "<img src=x"):
        assert raw not in page, raw
    assert not re.search(r"<[^>]*\bonclick=", page) and "&#123;: onclick=alert(4) }" in page
    for shown in ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;iframe src=\"javascript:alert(2)\"&gt;",
                  "&lt;img src=x onerror=alert(3)&gt;", "&lt;img src=x onerror=alert(5)&gt;",
                  'alt="Alt &lt;img src=x onerror=alert(6)&gt; &quot; q"'):
        assert shown in page, shown
    caption = re.search(r"<figcaption>(.*?)</figcaption>", page, re.DOTALL)[1]
    assert "<em>em</em>" in caption and "<math" in caption and 'href="#ref-hebb1949"' in caption
    project.page("# Page\n\n" + block.replace("*em*", "[em](javascript:alert(7))"))
    result = project.build(env={"NN_SANDBOX": "off"})
    assert result.returncode != 0
    assert ("index.md:3: snippet 'demo/figure.py' caption: a link to a javascript: address"
            in result.stderr), result.stderr[-2000:]


def _started_by(project: Project) -> list[str]:
    """Command lines of live processes a build of this project started: its worker, in the
    sandbox (bwrap's arguments name the project's cache) or not (the cache in its environment)."""
    cache = str(project.cache)
    found = _running(cache)
    for entry in Path("/proc").iterdir():
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            argv = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if f"NN_CACHE_DIR={cache}".encode() in environ and "pytest" not in argv and argv not in found:
            found.append(argv)
    return found


def _running(marker: str) -> list[str]:
    """Command lines of live processes that contain ``marker``."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            argv = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if marker in argv and state not in "ZX":
            found.append(argv)
    return found


def _sandbox_or_none():
    from nn_site.engine import sandbox

    os.environ.pop("NN_SANDBOX", None)
    return sandbox.bwrap() if shutil.which("bwrap") else None


@pytest.mark.parametrize("sandboxed", ["off", "auto"])
def test_no_process_a_snippet_starts_outlives_it(warm_project, sandboxed):
    """A child (Popen), a forked copy of the snippet, a child in its own session (setsid)
    and the child of a snippet that hangs: all gone when the build ends, and the message
    names what was left running (today: the fork case is blamed on a time-out with
    'no stack', and the processes live on). Without the sandbox too (a process group is
    not enough: the worker is a subreaper and kills what it inherits)."""
    if sandboxed == "auto" and _sandbox_or_none() is None:
        pytest.skip("bwrap is not installed or cannot make a sandbox here")
    project = warm_project
    mark = f"{600 + os.getpid() % 1000 / 1000 + (sandboxed == 'auto') / 10000:.6f}"
    project.snippet("proc/popen.py", f'import subprocess\n\nsubprocess.Popen(["sleep", "{mark}"])\nprint("popen")\n')
    project.snippet("proc/forks.py", 'import os\nimport time\n\nif os.fork() == 0:\n    time.sleep(300)\nprint("forks")\n')
    project.snippet("proc/setsid.py", f'import subprocess\n\nsubprocess.Popen(["sleep", "{mark}"], '
                                      'start_new_session=True)\nprint("setsid")\n')
    project.snippet("proc/hangs.py", f'import subprocess\nimport time\n\nsubprocess.Popen(["sleep", "{mark}"])\n'
                                     'while True:\n    time.sleep(0.01)\n')
    project.page("# Page\n\n" + "".join(fence(f"proc/{n}.py", figure=False) for n in ("popen", "forks", "setsid", "hangs")))
    result = project.build(env={"NN_SANDBOX": sandboxed, "NN_SNIPPET_TIMEOUT": "3"})
    assert result.returncode != 0
    left = "left 1 process(es) running when it ended, which the build killed"
    for name in ("popen", "setsid"):
        assert re.search(rf"snippets/proc/{name}\.py: {re.escape(left)} \(pid \d+: sleep {mark}\)", result.stderr), \
            result.stderr[-3000:]
    assert re.search(rf"snippets/proc/forks\.py: {re.escape(left)} \(pid \d+: a copy of the snippet's own "
                     r"process \(os\.fork", result.stderr), result.stderr[-3000:]
    assert "snippets/proc/forks.py: timed out" not in result.stderr
    assert re.search(r"snippets/proc/hangs\.py: left 1 process.*\nsnippets/proc/hangs\.py: timed out after 3 s "
                     r"\(line 6\)", result.stderr), result.stderr[-3000:]
    time.sleep(0.5)
    assert not _running(mark) and not _started_by(project), _running(mark) + _started_by(project)


def test_ci_refuses_to_build_unsandboxed_and_a_reader_is_told_once(warm_project, tmp_path):
    """CI=true without bwrap: the build fails rather than run pull-request code
    unsandboxed; on a reader's machine it says once that there is no sandbox."""
    project = warm_project
    project.page("# Page\n\n" + fence("demo/figure.py"))
    no_bwrap = {"PATH": str(tmp_path), "NN_SANDBOX": "auto"}
    ci = project.build(env={**no_bwrap, "CI": "true"})
    assert ci.returncode != 0
    assert "CI=true but snippets cannot be sandboxed: bwrap (bubblewrap) is not installed" in ci.stderr
    reader = project.build(env={**no_bwrap, "CI": ""})
    assert reader.returncode == 0, reader.stderr
    assert reader.stderr.count("sandbox: bwrap (bubblewrap) is not installed") == 1, reader.stderr


SNOOP = '''\
"""Tries to read a secret, list the home directory, write into the repository and
connect to a socket; prints what happened."""
import os
import socket
import subprocess


def attempt(what, action):
    try:
        print(what, "did", action())
    except Exception as exc:  # noqa: BLE001
        print(what, "refused", type(exc).__name__)


attempt("secret", lambda: open(SECRET).read())
attempt("home", lambda: sorted(set(os.listdir(HOME)) - {ALLOWED}))
attempt("write", lambda: subprocess.run(["sh", "-c", f"echo x > {TARGET}"], capture_output=True).returncode)
attempt("local", lambda: socket.create_connection(("127.0.0.1", PORT), timeout=2).close())
attempt("remote", lambda: socket.create_connection(("192.0.2.1", 80), timeout=2).close())
'''


def test_a_sandboxed_snippet_sees_no_secret_home_repository_or_network(warm_project, tmp_path):
    if _sandbox_or_none() is None:
        pytest.skip("bwrap is not installed or cannot make a sandbox here: snippets run unsandboxed")
    project = warm_project
    secret = tmp_path / "home" / ".ssh" / "id_ed25519"
    secret.parent.mkdir(parents=True)
    secret.write_text("PRIVATE KEY\n")
    home = Path.home()
    prefix = Path(sys.base_prefix).resolve()
    allowed = prefix.relative_to(home).parts[0] if prefix.is_relative_to(home) else ""
    target = project.root / "docs" / "pwned.md"
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        code = (f"SECRET, HOME, ALLOWED, TARGET, PORT = {str(secret)!r}, {str(home)!r}, {allowed!r}, "
                f"{str(target)!r}, {listener.getsockname()[1]}\n")
        project.snippet("snoop/snoop.py", SNOOP.replace('"""\nimport os', '"""\n' + code + "import os", 1))
        project.page("# Page\n\n" + fence("snoop/snoop.py", figure=False))
        result = project.build(env={"NN_SANDBOX": "auto"})
        assert result.returncode == 0, result.stderr
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody connected
    text = page_text(project.html())
    assert "secret refused FileNotFoundError" in text, text
    assert "home did []" in text or "home refused FileNotFoundError" in text, text
    assert re.search(r"write did [1-9]", text) and not target.exists(), text
    assert "local refused" in text and "remote refused" in text, text


@pytest.mark.parametrize("sandboxed", ["off", "auto"])
def test_a_notebook_kernel_leaves_nothing_running_and_is_sandboxed(project, tmp_path, sandboxed):
    """A cell starts a process in a session of its own: gone when the build ends.
    Unsandboxed, the kernel's guard (nn_site/notebooks/kernel_launcher.py) kills it and the build
    fails naming the notebook and the process; sandboxed, the kernel's PID namespace
    ends it (silently), and the kernel sees no secret and
    no network (today: the process lives on, and the kernel sees both)."""
    if sandboxed == "auto" and _sandbox_or_none() is None:
        pytest.skip("bwrap is not installed or cannot make a sandbox here")
    (project.root / "mkdocs.yml").write_text(NOTEBOOK_CONFIG)
    project.page("# Home\n")
    secret = tmp_path / "home" / ".ssh" / "id_ed25519"
    secret.parent.mkdir(parents=True)
    secret.write_text("PRIVATE KEY\n")
    mark = f"{600 + os.getpid() % 1000 / 1000 + (sandboxed == 'auto') / 10000 + 0.00005:.6f}"
    cells = [f'import subprocess\nsubprocess.Popen(["sleep", "{mark}"], start_new_session=True)\nprint("started")',
             f"try:\n    open({str(secret)!r}).read()\n    print('secret read')\nexcept OSError as exc:\n"
             "    print('secret refused', type(exc).__name__)",
             "import socket\ntry:\n    socket.create_connection(('192.0.2.1', 80), timeout=2)\n"
             "except OSError as exc:\n    print('network refused', type(exc).__name__)"]
    nb = project.root / "docs" / "nb.ipynb"
    leftover = rf"docs/nb\.ipynb: the notebook's kernel left 1 process\(es\) running when it ended, " \
               rf"which the build killed \(pid \d+: sleep {mark}\)"
    if sandboxed == "auto":  # first what the sandboxed kernel can see
        nb.write_text(notebook(*cells[1:]))
        result = project.build(env={"NN_SANDBOX": sandboxed})
        assert result.returncode == 0, result.stderr[-3000:]
        text = page_text(project.html("nb/index.html"))
        assert "secret refused FileNotFoundError" in text and "network refused" in text, text
    nb.write_text(notebook(*cells))
    result = project.build(env={"NN_SANDBOX": sandboxed})
    time.sleep(0.5)
    assert not _running(mark), _running(mark)
    if sandboxed == "off":
        assert result.returncode != 0
        assert re.search(leftover, result.stderr), result.stderr[-3000:]
    else:  # the kernel's PID namespace ends it with the kernel
        assert result.returncode == 0, result.stderr[-3000:]
