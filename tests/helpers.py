"""What tests share besides fixtures: building the site, loading and running snippets,
reading a page's text.

Importable from any test as ``helpers`` (pytest.ini puts tests/, scripts/ and the
repository root on ``pythonpath``; no test edits sys.path to import).
"""

from __future__ import annotations

import html as html_lib
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"


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
OUTPUT_BLOCK = re.compile(r'<span class="filename">Output of (snippets/[^<]+)</span>(.*?)</pre>', re.DOTALL)


def unstable_snippets(first: dict, second: dict, root: Path = ROOT) -> list[str]:
    """The snippets whose output differs between two builds of the same sources (two
    trees: site path -> bytes), each with the likely cause read from its source."""
    names: set[str] = set()
    for path in first:
        if path not in second or first[path] == second[path]:
            continue
        parts = Path(path).parts
        if parts[0] == "figures" and str(path).endswith(".svg"):
            stem = Path(*parts[1:]).as_posix().removesuffix(".svg").removesuffix("-dark")
            names.add(f"snippets/{stem}.py")
        elif str(path).endswith(".html"):
            blocks = [dict(OUTPUT_BLOCK.findall(tree[path].decode("utf-8", "replace"))) for tree in (first, second)]
            names.update(name for name in blocks[0] if blocks[0][name] != blocks[1].get(name))
    found = []
    for name in sorted(names):
        source = (root / name).read_text(encoding="utf-8") if (root / name).is_file() else ""
        causes = [why for pattern, why in UNSTABLE if re.search(pattern, source)]
        found.append(f"{name}: its output differs between two builds; likely cause: "
                     + ("; ".join(causes) or "something that changes per run (the clock, an unseeded "
                        "generator, a set's order, object ids)"))
    return found
