"""MkDocs hooks for reading (issue 13): finished figure HTML and the math font's preload.

Runs after ``scripts/mkdocs_hooks.py`` (listed after it in mkdocs.yml), on the HTML
that hook made: figures get their size, lazy loading and a full-size link
(``scripts/figure_html.py``); a page that contains math preloads the math font so
the browser has it before the first layout (no shift when it arrives).
"""

from __future__ import annotations

import posixpath
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parent))
import figure_html  # noqa: E402

MATH_FONT = "assets/fonts/STIXTwoMath-Regular.woff2"
_math_pages: set[str] = set()


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The folder a relative src starts from: "xor/" for the page xor/ (directory URLs).
    here = page.file.url.rstrip("/") if page.file.url.endswith("/") else posixpath.dirname(page.file.url)

    def source_of(src: str) -> Path | None:
        target = posixpath.normpath(posixpath.join(here, src))
        file = files.get_file_from_path(target)
        return Path(file.abs_src_path) if file is not None and file.abs_src_path else None

    if "<math" in html:
        _math_pages.add(page.file.src_uri)
    return figure_html.finish(html, source_of)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Preload the math font on pages with math (a font the page needs before its first
    layout; with font-display: optional in site.css the text never re-flows)."""
    if page.file.src_uri not in _math_pages and "<math" not in output:
        return output
    href = posixpath.relpath(MATH_FONT, posixpath.dirname(page.file.dest_uri) or ".")
    link = f'<link rel="preload" href="{href}" as="font" type="font/woff2" crossorigin>'
    return output.replace("</title>", "</title>\n    " + link, 1)
