"""Build-speed benchmark (`make bench`): prints times and the ratios the project aims at.

- cold build: empty snippet cache, every snippet runs (in one worker process);
- warm rebuild: same cache, nothing runs; goal: at most 1.15 x the bare build;
- bare build: the same pages with the snippet hook (nn_site/build.py) disabled.
  "The same pages" means what a reader gets, written out by hand: a copy of docs/ in
  which each page's Markdown is what the hook hands MkDocs (snippet code, printed
  output, figure, citations and reference list) and the figures are plain files. Every
  other concern of nn_site/hooks.py (glossary, notebooks, print page, figure sizes,
  typography, publishing) stays on in both builds (``BARE_HOOKS`` is derived from
  it, ``hooks.without``). So the ratio
  measures what the snippet hook costs (cache lookups, fence parsing, citations,
  MathML), not the cost of the code and figures it adds, which any site showing them
  pays;
- snippet phase of the cold build vs the sum of running each snippet in its own
  process (`python snippets/...`, as a student would); goal: well under 1.

Each build is a fresh `mkdocs build` process, as a reader runs it; warm and bare take
the median of several runs. Timings vary with machine load: read the ratios. Then the
page-weight report of the built site (``scripts/page_weight.py``), the CPU time of
each part's snippets (a nav section) beside the budget a part has (``PART_BUDGETS``) and
of a set of pages' snippets beside theirs (``PAGE_BUDGETS``), and
Lighthouse's scores of the representative pages (``scripts/lighthouse.py``: the pages of
issue 34 and the largest ones; median of ``BENCH_LIGHTHOUSE_RUNS``, 3 unless set).
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nn_site.paths import ROOT

REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
LIGHTHOUSE_RUNS = int(os.environ.get("BENCH_LIGHTHOUSE_RUNS", "3"))
# The bare build: the site's hooks (nn_site/hooks.py) without the snippet engine (nn_site.build),
# on the pages written out by write_static_pages, and without the course data, which is made
# from what the engine loads (hooks.NEEDS). Derived from hooks.py, so every other concern
# (glossary, reading, typography, publishing) runs in both builds, a new one too.
BARE_HOOKS = """\
from nn_site import hooks

globals().update({name: event for name, event in vars(hooks.without("build", "course_data")).items() if name.startswith("on_")})
"""
# A part of the site (a nav section) whose snippets have a time budget of their own: CPU
# seconds of its snippets, each run alone, summed (an upper bound on what the part adds to a
# cold build, whose snippet phase costs less than the same snippets run alone).
PART_BUDGETS = {"Populations, codes and decisions": 30.0}
# Pages whose snippets share a budget across nav sections: name -> (pages, CPU seconds). The
# representations issue (32) asked for its pages' snippets to cost under 30 s cold on 2 cores.
PAGE_BUDGETS = {
    "representations (issue 32)": (
        ("receptive-fields.md", "predictive-coding.md", "comparing-representations.md", "biology-back.md"),
        30.0,
    ),
}


def pages_cpu(runs: dict[str, float], where_used: dict[str, list[str]], pages) -> tuple[int, float]:
    """(snippets, CPU seconds summed) of the snippets used on any of ``pages``, each counted once.

    ``runs``: snippet -> CPU seconds run alone; ``where_used``: snippet -> ["page.md:line", ...]
    (the engine keeps no per-snippet time: a worker reports only its running total).
    """
    mine = [name for name, places in where_used.items() if any(p.split(":")[0] in pages for p in places)]
    return len(mine), sum(runs[name] for name in mine)


def nav_parts(config: Path) -> dict[str, str]:
    """Each page in the nav -> the title of the top-level nav section it is in."""
    import yaml

    nav = yaml.load(config.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["nav"]
    parts: dict[str, str] = {}

    def walk(items, section: str) -> None:
        for item in items:
            for title, value in item.items() if isinstance(item, dict) else [(section, item)]:
                if isinstance(value, list):
                    walk(value, section or title)
                else:
                    parts[value] = section or title

    walk(nav, "")
    return parts


def build(config: Path, cache: Path, site: Path) -> tuple[float, str]:
    env = {**os.environ, "NN_CACHE_DIR": str(cache), "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        # the cause may be in either stream (a Python error, or MkDocs' "Aborted with warnings")
        warnings = "\n".join(line for line in result.stderr.splitlines() if line.startswith("WARNING"))
        sys.exit(
            f"{config.name} build failed (exit {result.returncode}):\n{result.stderr[-4000:]}\n"
            f"its warnings:\n{warnings}\nstandard output:\n{result.stdout[-2000:]}"
        )
    return elapsed, result.stderr + result.stdout


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def snippet_alone(path: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of ``python path`` in its own process, as a student runs it."""
    start, cpu = time.perf_counter(), children_cpu()
    subprocess.run(
        [sys.executable, str(path)], cwd=ROOT, env={**os.environ, "MPLBACKEND": "Agg"}, check=True, capture_output=True
    )
    return time.perf_counter() - start, children_cpu() - cpu


def write_static_pages(dest: Path, cache: Path) -> None:
    """docs/ as it would be written without the snippet hook (see the module docstring)."""
    os.environ["NN_CACHE_DIR"] = str(cache)  # the warm cache: nothing runs
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    from nn_site import build as mkdocs_hooks
    from nn_site import state
    from nn_site.engine import build_guard, render
    from nn_site.engine import fence as fences

    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins._current_plugin = "bench"  # what MkDocs sets while it runs an event
    state.begin()
    mkdocs_hooks.on_config(config)
    build_guard.discard(config)  # nothing is written to the site here: no partial folder,
    build_guard.unlock()  # and no lock held while later builds run
    files = mkdocs_hooks.on_files(get_files(config), config)
    shutil.copytree(ROOT / "docs", dest)
    block = re.compile(r"^```snippet\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
    for file in files:
        if file.src_uri.startswith(render.FIGURE_DIR + "/"):
            (dest / file.src_uri).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file.abs_src_path, dest / file.src_uri)
        elif file.src_uri.endswith(".md"):
            page = Page(None, file, config)
            markdown = mkdocs_hooks.on_page_markdown(file.content_string, page=page, config=config, files=files)
            markdown = block.sub(
                lambda m: render.snippet_markdown(fences.parse_fence(m[1], file.src_uri), page, docs_relative=True),
                markdown,
            )
            markdown = render.number_figures(markdown)
            markdown, cited = state.current().bibliography.cite(markdown)
            if cited and mkdocs_hooks.BIBLIOGRAPHY_MARKER not in markdown:
                markdown += "\n\n## References\n\n" + state.current().bibliography.entries_html(cited)
            assert not list(fences.find(markdown, "snippet")), f"{file.src_uri}: a nested snippet block"
            (dest / file.src_uri).write_text(markdown, encoding="utf-8")


def print_page_ready(site: Path, loads: int = 3) -> list[float]:
    """DOMContentLoaded of the print page (every page of the site in one) in headless
    Chromium, in ms, as the browser tests load pages (issue 29's goal: at most 2 s on 2
    cores). A goal to measure on an idle machine, not a test assertion."""
    import lighthouse
    from playwright.sync_api import sync_playwright

    base = lighthouse.serve(site, compress=False)  # uncompressed, as the browser tests serve it
    timings = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for _ in range(loads):
            page = browser.new_page()
            page.goto(base + "print_page/", wait_until="domcontentloaded")
            timings.append(page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"))
            page.close()
        browser.close()
    return timings


DECKS_LOG = re.compile(r"Slides: \d+ decks[^,]*, \d+ slides, in ([\d.]+) s")  # site.decks_log_line


def main() -> None:
    with tempfile.TemporaryDirectory() as kept:
        measure(Path(kept) / "site")


def measure(built: Path) -> None:
    """Everything above; ``built`` keeps the cold build's site for Lighthouse, run last."""
    import lighthouse
    import page_weight

    from nn_site.engine.fence import snippets_used

    where_used = snippets_used(ROOT / "docs")
    used = sorted(where_used)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        bare_config = ROOT / ".bench-bare.yml"  # INHERIT paths are relative to the config
        bare_hooks = tmp / "bare_hooks.py"
        bare_hooks.write_text(BARE_HOOKS, encoding="utf-8")
        # Not strict: without the course data, the instructors' page links to data files
        # this build does not write (MkDocs warns); the bare build is a timing baseline.
        bare_config.write_text(f"INHERIT: mkdocs.yml\ndocs_dir: {tmp / 'docs'}\nhooks: [{bare_hooks}]\nstrict: false\n")
        try:
            cold, log = build(ROOT / "mkdocs.yml", tmp / "cache", tmp / "site")
            ran = re.search(r"ran (\d+) snippets in ([\d.]+) s \(CPU ([\d.]+) s\)", log)
            phase, phase_cpu = (float(ran.group(2)), float(ran.group(3))) if ran else (float("nan"),) * 2
            warm_runs = [build(ROOT / "mkdocs.yml", tmp / "cache", tmp / "site") for _ in range(REPEATS)]
            warm = statistics.median(seconds for seconds, _ in warm_runs)
            # The course data (question bank, data files) as each build logs it: made, then cached.
            course = [
                re.search(r"Course data: .*\((?:made|cached)\) in ([\d.]+) s", text) for text in (log, warm_runs[-1][1])
            ]
            course_cold, course_warm = (float(m.group(1)) if m else float("nan") for m in course)
            # The slide decks' share of a warm rebuild (copied from the cache: issue 33 allows 10 %)
            decks = [float(m[1]) for _, text in warm_runs if (m := DECKS_LOG.search(text))]
            decks_warm = statistics.median(decks) if decks else float("nan")
            weights = page_weight.report(tmp / "site")
            print_ready = print_page_ready(tmp / "site")
            shutil.copytree(tmp / "site", built)
            write_static_pages(tmp / "docs", tmp / "cache")
            bare = statistics.median(
                build(bare_config, tmp / "cache-bare", tmp / "site-bare")[0] for _ in range(REPEATS)
            )
        finally:
            bare_config.unlink()
    runs = [snippet_alone(ROOT / "snippets" / name) for name in used]
    alone, alone_cpu = sum(w for w, _ in runs), sum(c for _, c in runs)

    print(f"pages' snippets:            {len(used)}")
    print(f"cold build:                 {cold:6.2f} s  (snippet phase {phase:.2f} s, CPU {phase_cpu:.2f} s)")
    print(f"warm rebuild (median of {REPEATS}): {warm:6.2f} s")
    print(f"  slide decks in it:        {decks_warm:6.2f} s  ({100 * decks_warm / warm:.1f} % of it)   goal < 10 %")
    print(f"bare build, no snippet hook:{bare:6.2f} s  (same pages, written out)")
    print(f"each snippet alone, summed: {alone:6.2f} s  (CPU {alone_cpu:.2f} s)")
    print(f"warm / bare:                {warm / bare:6.2f}   goal <= 1.15")
    print(f"course data, cold / warm:   {course_cold:6.2f} s / {course_warm:.2f} s   goal warm < 1 s")
    print(f"snippet phase / alone:      {phase / alone:6.2f}   goal <= 0.45 (wall time: depends on load)")
    print(f"  the same in CPU time:     {phase_cpu / alone_cpu:6.2f}   (what the engine costs, whatever the load)")
    parts = nav_parts(ROOT / "mkdocs.yml")
    cpu_of = {name: cpu for name, (_, cpu) in zip(used, runs)}
    part_cpu: dict[str, float] = {}
    for name, cpu in cpu_of.items():
        for part in {parts.get(where.split(":")[0], "(not in the nav)") for where in where_used[name]}:
            part_cpu[part] = part_cpu.get(part, 0.0) + cpu
    print("\nsnippets of each part, each run alone, CPU summed:")
    for part, cpu in sorted(part_cpu.items(), key=lambda item: -item[1]):
        budget = PART_BUDGETS.get(part)
        print(f"  {part:40s} {cpu:6.2f} s" + (f"   goal < {budget:.0f} s" if budget else ""))
    for title, (pages, budget) in PAGE_BUDGETS.items():
        count, cpu = pages_cpu(cpu_of, where_used, pages)
        print(f"  {title:40s} {cpu:6.2f} s   goal < {budget:.0f} s  ({count} snippets of {len(pages)} pages)")
    print("\npage weight, compressed transfer (scripts/page_weight.py):")
    print(weights)
    print(
        f"\nprint page DOMContentLoaded: {', '.join(f'{t:.0f}' for t in print_ready)} ms   goal <= 2000 (idle machine)"
    )
    print(f"\nLighthouse, the representative pages (median of {LIGHTHOUSE_RUNS}; goal: mobile >= 90, desktop >= 95):")
    lighthouse.report(built, lighthouse.representative_pages(built), runs=LIGHTHOUSE_RUNS)


if __name__ == "__main__":
    main()
