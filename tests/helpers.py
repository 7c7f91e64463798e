"""What tests share besides fixtures: building the site, loading and running snippets,
reading a page's text.

Importable from any test as ``helpers`` (pytest puts each test module's folder, tests/,
on sys.path; the engine is the installed package ``nn_site``; no test edits sys.path).
"""

from __future__ import annotations

import html as html_lib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from nn_site.paths import PACKAGE, ROOT

SNIPPETS = ROOT / "snippets"
HOOKS = PACKAGE / "hooks.py"  # the site's one hooks file, also for throwaway projects


def page_text(html: str) -> str:
    """What a reader sees of some HTML: the tags removed, entities decoded."""
    return html_lib.unescape(re.sub(r"<[^>]+>", "", html))


def mkdocs_build(site_dir: Path, cache_dir: Path | None = None, config: Path | None = None,
                 env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``mkdocs build`` as a reader would; returns the finished process (not checked)."""
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    if cache_dir is not None:
        environ["NN_CACHE_DIR"] = str(cache_dir)
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)]
    if config is not None:
        command += ["--config-file", str(config)]
    return subprocess.run(command, cwd=config.parent if config else ROOT, env=environ,
                          capture_output=True, text=True, timeout=900)


# --- a throwaway mini-project: the one fixture tests build small sites with ---------

MINI_CONFIG = f"""\
site_name: mini project
site_url: https://example.org/
strict: true
extra:
  release: 0.1.0
  date_released: "2026-11-22"
hooks:
  - {HOOKS}
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - md_in_html
  - toc: {{permalink: true}}
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed: {{alternate_style: true}}
  - pymdownx.arithmatex: {{generic: true}}
  - pymdownx.snippets: {{check_paths: true}}
"""

MINI_BIB = """\
@book{hebb1949, author = {Hebb, Donald O.}, title = {The Organization of Behavior},
  publisher = {Wiley}, year = {1949}}
"""


class MiniProject:
    """A throwaway copy of what a build with the site's hooks needs, with its own cache
    and site folders: ``includes/`` (the glossary: the hooks read it), the figure style
    ``snippets/site.mplstyle``, ``docs/references.bib`` and a small ``mkdocs.yml`` naming
    ``nn_site/hooks.py`` (by its absolute path) and the ``abbr`` extension the glossary
    uses. Tests add pages and snippets, build, and read the result."""

    def __init__(self, root: Path, config: str = MINI_CONFIG, bibliography: str = MINI_BIB) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        # The ledger's rows, the corrections log and the register of quantities name the
        # real site's pages and bibliography, which a throwaway project lacks: its includes/
        # has none of them (a project without them has no rows, corrections or quantities),
        # nor the question bank's types, which name the site's exercises.
        shutil.copytree(ROOT / "includes", root / "includes",
                        ignore=shutil.ignore_patterns("ledger", "corrections.yml", "quantities.yml",
                                                      "question-bank.yml"))
        # The glossary's terms that print a quantity go too, and its definitions' citations
        # (the site's bibliography is not the project's: MINI_BIB).
        glossary = root / "includes" / "abbreviations.md"
        kept = "".join(line for line in glossary.read_text(encoding="utf-8").splitlines(True) if "[[q:" not in line)
        glossary.write_text(re.sub(r" ?\[@[^\]]*\]", "", kept), encoding="utf-8")
        (root / "snippets").mkdir()
        shutil.copy(ROOT / "snippets" / "site.mplstyle", root / "snippets" / "site.mplstyle")
        (root / "docs").mkdir()
        (root / "docs" / "references.bib").write_text(bibliography, encoding="utf-8")
        (root / "mkdocs.yml").write_text(config, encoding="utf-8")
        self.cache = root / "cache"
        self.site = root / "site"

    def snippet(self, name: str, code: str) -> None:
        path = self.root / "snippets" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code)

    def page(self, text: str, name: str = "index.md") -> None:
        (self.root / "docs" / name).write_text(text)

    def build(self, env: dict | None = None, site: Path | None = None, cwd: Path | None = None):
        """``mkdocs build`` of the project (its own cache); the finished process, unchecked."""
        if cwd is None:
            return mkdocs_build(site or self.site, self.cache, self.root / "mkdocs.yml", env)
        environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NN_CACHE_DIR": str(self.cache), **(env or {})}
        command = [sys.executable, "-m", "mkdocs", "build", "-f", str(self.root / "mkdocs.yml"),
                   "-d", str(site or self.site)]
        return subprocess.run(command, cwd=cwd, env=environ, capture_output=True, text=True, timeout=600)

    def html(self, page: str = "index.html") -> str:
        return (self.site / page).read_text(encoding="utf-8")



def load_snippet(relative: str):
    """Import ``snippets/<relative>`` as a module (its ``__main__`` block does not run).

    Its folder goes first on sys.path, as when a reader runs ``python snippets/<relative>``,
    so a snippet that imports a sibling snippet works the same way.
    """
    path = SNIPPETS / relative
    sys.path.insert(0, str(path.parent))
    try:
        name = "snippet_" + relative.removesuffix(".py").replace("/", "_")
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(path.parent))


def run_snippet(relative: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python snippets/<relative>`` as a student would, headless (tests/student_run.py)."""
    import student_run

    return student_run.run(SNIPPETS / relative, timeout)


def built_output(site: Path, relative: str) -> str:
    """What ``snippets/<relative>`` printed in the suite's build (``site``, the fixture),
    read from that build's snippet cache rather than run again. A student's
    ``python snippets/<relative>`` prints the same: test_engine.py's
    test_snippet_runs_standalone_and_page_shows_its_output checks that for every snippet."""
    from nn_site import config
    from nn_site.engine import cache, runner

    key = runner.cache_key(SNIPPETS / relative, SNIPPETS)
    entry = config.load().cache_dir / "snippets" / key / "result.json"
    result = cache.read_json(entry) if entry.is_file() else None
    assert isinstance(result, dict), f"snippets/{relative}: the build of {site} left no output in {entry}"
    return result["stdout"]


def number_with_unit_on(page: str, number: str, unit: str = "") -> bool:
    """``number`` as written in ``page``, followed by its unit (after math: "$ mV")."""
    import re

    return re.search(rf"(?<![\d.]){re.escape(number)}\$?\s?{re.escape(unit)}", page) is not None


def assert_written(value: float, fmt: str, text: str) -> None:
    """``value``, formatted as the page writes it (``fmt``), appears in ``text``; a minus
    may be ASCII (in math) or U+2212 (in prose)."""
    import re

    written = format(value, fmt)
    pattern = re.escape(written).replace(r"\-", "[-−]")
    assert re.search(rf"(?<![\d.]){pattern}(?!\d)", text), f"{written} not on the page"


def check_built_page(site: Path, slug: str) -> None:
    """A content page as built: at least two figures, each with a caption and alt text,
    and the page ends with Exercises (3 to 5, each with a collapsed solution) and
    References."""
    from bs4 import BeautifulSoup

    html = BeautifulSoup((site / slug / "index.html").read_text(encoding="utf-8"), "html.parser")
    figures = html.select("article figure")
    assert len(figures) >= 2 and all(f.find("figcaption") for f in figures)
    assert all(img.get("alt", "").strip() for f in figures for img in f.find_all("img"))
    h2 = [h.get_text(strip=True).rstrip("¶") for h in html.select("article h2")]
    assert h2[-2:] == ["Exercises", "References"], h2
    items = html.find("h2", id="exercises").find_next("ol").find_all("li", recursive=False)
    assert 3 <= len(items) <= 5 and all(i.find("details", class_="success") for i in items)


# What makes a snippet's output change from one run to the next, and how to say it.
UNSTABLE = [
    (r"\btime\.(time|time_ns|perf_counter|monotonic|process_time)\b|\bdatetime\.(now|today|utcnow)\b|"
     r"\bdate\.today\b", "it reads the clock (time.time, datetime.now): print a computed value instead"),
    (r"\bos\.urandom\b|\bsecrets\.|\buuid\d?\b", "it reads os.urandom / secrets / uuid, new each run"),
    (r"default_rng\(\s*\)|RandomState\(\s*\)|SeedSequence\(\s*\)|Generator\(\s*PCG64\(\s*\)\s*\)",
     "an unseeded random generator: np.random.default_rng() without a seed (use default_rng(0))"),
    (r"\bid\(|\bhash\(|\bos\.getpid\b", "it prints id(), hash() or the process id, which differ between runs"),
]
# A printed-output block and the snippet it names. The path in a title may hold <wbr>
# (nn_site/engine/code_summary.py breakable_titles): read OUTPUT_BLOCK on output_blocks()'s
# text, which drops them, or a title that wraps on a phone would hide its block.
OUTPUT_BLOCK = re.compile(
    r'<span class="filename"(?: title="Printed by |>Output of )(snippets/[^<"]+)(?=["<]).*?</span>(.*?)</pre>',
    re.DOTALL,
)


def output_blocks(html: str) -> list[tuple[str, str]]:
    """(snippet path, block HTML) of every printed-output block of a built page."""
    return OUTPUT_BLOCK.findall(html.replace("<wbr>", ""))


def unstable_snippets(first: dict, second: dict, root: Path = ROOT) -> list[str]:
    """The snippets whose output differs between two builds of the same sources (two
    trees: site path -> bytes), each with the likely cause read from its source."""
    names: set[str] = set()
    for path in first:
        if path not in second or first[path] == second[path]:
            continue
        parts = Path(path).parts
        if parts[0] == "figures" and str(path).endswith(".svg"):
            stem = Path(*parts[1:]).as_posix().removesuffix(".svg").removesuffix("-dark").removesuffix("-phone")
            names.add(f"snippets/{stem}.py")
        elif str(path).endswith(".html"):
            blocks = [dict(output_blocks(tree[path].decode("utf-8", "replace"))) for tree in (first, second)]
            names.update(name for name in blocks[0] if blocks[0][name] != blocks[1].get(name))
    found = []
    for name in sorted(names):
        source = (root / name).read_text(encoding="utf-8") if (root / name).is_file() else ""
        causes = [why for pattern, why in UNSTABLE if re.search(pattern, source)]
        found.append(f"{name}: its output differs between two builds; likely cause: "
                     + ("; ".join(causes) or "something that changes per run (the clock, an unseeded "
                        "generator, a set's order, object ids)"))
    return found
