"""MkDocs hooks for reading (issue 13), on the finished HTML of each page.

Runs last (priority -110, after ``nn_site/build.py`` and
``nn_site/pages/courses.py``): figures get their size, lazy loading and a full-size
link (``nn_site/engine/render.py``); glossary terms keep their tooltip on first use
only (``nn_site/pages/glossary_marks.py``); code titles wrap between names on a phone
(``nn_site/engine/code_summary.py``); table cells holding sentences are marked for
the phone layout; a page that contains math preloads the math font so the
browser has it before the first layout (no shift when it arrives).
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from nn_site import state
from nn_site.engine import cache, code_summary
from nn_site.engine import render as figure_html
from nn_site.notebooks import figures as notebook_figures
from nn_site.pages import math_font
from nn_site.pages.glossary_marks import first_use_only
from nn_site.pages.tables import wrap_tables
from nn_site.paths import ROOT

MATH_FONT = "assets/fonts/STIXTwoMath-Regular.woff2"
CELL = re.compile(r"<td([^>]*)>(.*?)</td>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
LONG_CELL = 50  # characters: a cell holding a sentence, not a word or a number


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Jupyter kernels draw SVG in the site style (nn_site/notebooks/figures.py); the
    mkdocs-jupyter cache is kept per kernel profile, so changing the style re-runs them."""
    profile, digest = notebook_figures.kernel_profile(ROOT / "snippets" / "site.mplstyle")
    os.environ["IPYTHONDIR"] = str(profile)
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None:
        base = Path(jupyter.config["cache_dir"])
        if base.name.startswith("settings-"):  # nn_site/notebooks/execution.py: one folder, flat
            jupyter.config["cache_dir"] = str(base.parent / f"kernel-{digest}-{base.name.removeprefix('settings-')}")
        elif not base.name.startswith("kernel-"):
            jupyter.config["cache_dir"] = str(base / f"kernel-{digest}")
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    state.current().math_chars.clear()
    state.current().math_pages.clear()
    state.current().notebook_files.clear()


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The folder a relative src starts from: "xor/" for the page xor/ (directory URLs).
    here = page.file.url.rstrip("/") if page.file.url.endswith("/") else posixpath.dirname(page.file.url)

    def source_of(src: str) -> Path | None:
        target = posixpath.normpath(posixpath.join(here, src))
        file = files.get_file_from_path(target)
        return Path(file.abs_src_path) if file is not None and file.abs_src_path else None

    if "<math" in html:
        state.current().math_pages.add(page.file.src_uri)
        state.current().math_chars.update(math_font.characters(html))
    if page.file.src_uri.endswith(".ipynb"):
        # notebooks/x/index.html -> figure-1.svg beside it; notebooks/x.html (the offline
        # copy's .html URLs) -> x-figure-1.svg, so two notebooks in one folder never clash
        name = posixpath.basename(page.file.dest_uri)
        stem = "figure" if name == "index.html" else name.removesuffix(".html") + "-figure"
        html, made = notebook_figures.finish(html, stem, page.file.src_uri)
        folder = posixpath.dirname(page.file.dest_uri)
        state.current().notebook_files.update({posixpath.join(folder, name): text for name, text in made.items()})
    html = figure_html.finish(
        wrap_tables(_mark_long_tables(first_use_only(code_summary.breakable_titles(html)))), source_of
    )
    page.html = html  # what mkdocs-print-site puts on the print page (as courses_hooks does)
    return html


def _mark_long_tables(html: str) -> str:
    """<td data-long> for a cell that holds a sentence: on a phone such a column keeps a
    readable width and its table scrolls sideways (site.css), while columns of words and
    numbers stay narrow, and a table of short cells still fits the screen as it is."""

    def cell(match: re.Match) -> str:
        if len(TAG.sub("", match[2]).strip()) > LONG_CELL:
            return f"<td{match[1]} data-long>{match[2]}</td>"
        return match[0]

    return CELL.sub(cell, html)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Preload the math font on pages with math (a font the page needs before its first
    layout; with font-display: optional in site.css the text never re-flows).
    Not in the offline copy: from file:// a page's origin is "null", so Chromium blocks
    the preload's CORS request (a failed request on every page with math); the
    stylesheet's own @font-face load works there, read from disk at once."""
    if page.file.src_uri not in state.current().math_pages and "<math" not in output:
        return output
    if config.extra.get("offline"):
        return output
    href = posixpath.relpath(MATH_FONT, posixpath.dirname(page.file.dest_uri) or ".")
    link = f'<link rel="preload" href="{href}" as="font" type="font/woff2" crossorigin>'
    return output.replace("</title>", "</title>\n    " + link, 1)


def on_post_build(config: MkDocsConfig) -> None:
    """Write the notebook pages' figure files beside their pages, and the math font as
    the subset of the characters this build's math uses (nn_site/pages/math_font.py)."""
    font = Path(config.site_dir) / MATH_FONT
    if font.is_file() and state.current().math_chars:
        font.write_bytes(
            math_font.subset(
                Path(config.docs_dir) / MATH_FONT, state.current().math_chars, cache.cache_dir() / "math-font"
            )
        )
    for name, text in sorted(state.current().notebook_files.items()):
        target = Path(config.site_dir) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
