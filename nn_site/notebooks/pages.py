"""Notebook pages (mkdocs-jupyter renders ``docs/notebooks/*.ipynb``), cleaned.

Its HTML carries a MathJax config, a mermaid loader from cdnjs, an empty
``<script src="">``, a clipboard script and ~600 KB of inline CSS. All of it is removed
here; code cells take the site's own code styling (Material's ``.highlight`` + copy
button), TeX in Markdown cells becomes MathML (as on every other page), and ``[@key]``
citations become author-year links with the notebook's reference list, from the same
bibliography instance as the Markdown pages (``citations.cite_html``: never in code).
(Moved from courses_hooks.py; the cleaned page is kept in the build cache.)
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from nn_site import state
from nn_site.engine import cache
from nn_site.pages.citations import Bibliography, cite_html
from nn_site.pages.mathml import MathError, to_mathml
from nn_site.paths import PACKAGE


def use_bibliography(bibliography: Bibliography) -> None:
    state.current().notebook_bibliography = bibliography


DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
INLINE_MATH = re.compile(r"(?<![\\$\w])\$(?!\s)([^$\n]+?)(?<!\s)\$(?![\w$])")


def _mathml(tex: str, display: str, where: str) -> str:
    try:
        return to_mathml(html.unescape(tex), display)
    except MathError as exc:
        raise PluginError(f"{where}: {exc}") from None


def clean_notebook(content: str, page: Page, files: Files) -> str:
    """mkdocs-jupyter's HTML -> the site's own styling, no script, no CDN, MathML, citations,
    and links to pages written as in Markdown (``../xor.md``) resolved like MkDocs does."""
    from bs4 import BeautifulSoup, Comment

    where = page.file.src_uri
    soup = BeautifulSoup(content, "html.parser")
    for tag in soup.find_all(["script", "style", "clipboard-copy"]):
        tag.decompose()
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()  # "load mathjax", "mermaid" ... notes for the removed scripts
    for tag in soup.select(".zeroclipboard-container, .clipboard-copy-txt, .jp-Collapser"):
        tag.decompose()
    for block in soup.select("div.highlight-ipynb"):  # code cells: Material's code block
        block["class"] = ["highlight", "notebook-code"]
        pre = block.find("pre")
        if pre is not None and pre.find("code", recursive=False) is None:
            code = soup.new_tag("code")
            for child in list(pre.contents):
                code.append(child.extract())
            pre.append(code)
    for link in soup.find_all("a", href=True):
        href = link["href"]
        if "://" in href or href.startswith(("#", "mailto:")):
            continue
        target, _, anchor = href.partition("#")
        if not target.endswith(".md"):
            continue
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), target))
        linked = files.get_file_from_path(resolved)
        if linked is None:
            raise PluginError(f"{where}: link to '{href}', but there is no page docs/{resolved}")
        link["href"] = linked.url_relative_to(page.file) + (f"#{anchor}" if anchor else "")
    for link in soup.select("a.anchor-link"):
        link["class"] = ["headerlink"]
        link["title"] = "Permanent link"
    for cell in soup.select(".jp-MarkdownOutput"):
        for node in list(cell.find_all(string=True)):
            if node.find_parent(["code", "pre"]) is not None or "$" not in node:
                continue
            text = str(node)
            text = DISPLAY_MATH.sub(lambda m: _mathml(m[1], "block", where), html.escape(text, quote=False))
            text = INLINE_MATH.sub(lambda m: _mathml(m[1], "inline", where), text)
            node.replace_with(BeautifulSoup(text, "html.parser"))
    result = str(soup)
    locators: dict[str, list[str]] = {}
    result, cited = cite_html(state.current().notebook_bibliography, result, where, locators=locators)
    if cited:
        result += (
            '\n<h2 id="references">References<a class="headerlink" href="#references" '
            'title="Permanent link">¶</a></h2>\n' + state.current().notebook_bibliography.entries_html(cited, locators)
        )
    return result


def cached_clean_notebook(content: str, page: Page, files: Files, config: MkDocsConfig) -> str:
    """clean_notebook, kept on disk: parsing a notebook page costs ~0.4 s a build.

    The key covers everything the result depends on: the notebook HTML, the code that
    cleans it, the bibliography, and where every page lives (for resolved links)."""
    here = Path(__file__).resolve().parent
    pages = "".join(f"{f.src_uri}={f.url}\0" for f in sorted(files.documentation_pages(), key=lambda f: f.src_uri))
    key = cache.key(
        content,
        page.file.src_uri,
        str(config.use_directory_urls),
        pages,
        here / "pages.py",
        PACKAGE / "pages" / "mathml.py",
        PACKAGE / "pages" / "citations.py",
        Path(config.docs_dir) / "references.bib",
    )
    cached = cache.cache_dir() / "notebooks" / f"{key}.html"
    body = cache.read_checked(cached)  # a truncated or edited entry is discarded here
    if body is not None:
        return body.decode("utf-8")
    result = clean_notebook(content, page, files)
    cache.write_checked(cached, result)
    return result
