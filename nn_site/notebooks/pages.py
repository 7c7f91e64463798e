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
    _captions(soup, where)
    _solutions(soup)
    _exercise_lists(soup)
    result = str(soup)
    locators: dict[str, list[str]] = {}
    result, cited = cite_html(state.current().notebook_bibliography, result, where, locators=locators)
    if cited:
        result += (
            '\n<h2 id="references">References<a class="headerlink" href="#references" '
            'title="Permanent link">¶</a></h2>\n' + state.current().notebook_bibliography.entries_html(cited, locators)
        )
    return result


CAPTION_LEAD = re.compile(r"^\s*Figure[.:]\s*$")


def _opening(node):
    """The first child of ``node`` that is not blank text (a paragraph's lead), or None."""
    return next((c for c in node.contents if not (isinstance(c, str) and not c.strip())), None)


def _drop_lead(node, lead) -> None:
    """``lead`` (the bold word that opens ``node``) removed, and the space after it."""
    lead.decompose()
    if node.contents and isinstance(node.contents[0], str):
        node.contents[0].replace_with(node.contents[0].lstrip())


def _captions(soup, where: str) -> None:
    """A Markdown cell that opens with **Figure.** right after a cell that draws a figure
    is that figure's caption (so it reads as one in Jupyter too): its paragraph goes into
    a ``div.notebook-caption`` after the figure's output, which ``figures.finish`` makes
    the ``<figcaption>`` ("Figure N." as on every page); the cell itself goes."""
    for cell in soup.select("div.jp-MarkdownCell"):
        body = cell.select_one(".jp-MarkdownOutput")
        first = body.find(["p", "h1", "h2", "h3", "h4", "ul", "ol", "div", "details"]) if body else None
        lead = first.find(True) if first is not None and first.name == "p" else None
        if lead is None or lead.name != "strong" or not CAPTION_LEAD.match(lead.get_text()):
            continue
        if _opening(first) is not lead:
            continue  # the bold word does not open the paragraph
        before = cell.find_previous_sibling("div", class_="jp-Cell")
        outputs = before.select("div.jp-RenderedSVG") if before is not None else []
        if not outputs:
            raise PluginError(f"{where}: a '**Figure.**' caption cell follows no cell that draws a figure")
        if len(body.find_all(recursive=False)) != 1:
            raise PluginError(f"{where}: a figure's caption cell holds one paragraph, not more")
        _drop_lead(first, lead)
        caption = soup.new_tag("div", attrs={"class": "notebook-caption"})
        for child in list(first.contents):
            caption.append(child.extract())
        outputs[-1].insert_after(caption)
        cell.decompose()


def _solutions(soup) -> None:
    """A notebook's ``<details><summary>Solution</summary>`` is drawn as on every other
    page (``??? success "Solution"``: Material's green "success" admonition), not as the
    theme's default blue "note" of a bare <details>."""
    for details in soup.select(".jp-MarkdownOutput details"):
        summary = details.find("summary")
        if details.get("class") or summary is None:
            continue
        details["class"] = ["success"] if summary.get_text(strip=True) == "Solution" else ["note"]


EXERCISE_NUMBER = re.compile(r"^\s*(\d+)\.\s*$")


def _exercise_number(node) -> int | None:
    """N for a paragraph that opens with a bold "N." (a notebook's exercise), else None."""
    if getattr(node, "name", None) != "p":
        return None
    opening = _opening(node)
    if getattr(opening, "name", None) != "strong":
        return None
    match = EXERCISE_NUMBER.match(opening.get_text())
    return int(match[1]) if match else None


def _exercise_lists(soup) -> None:
    """Exercises written as "**1.** question" paragraphs, each with its solution after it,
    become one numbered list, as the Markdown pages' exercises are (the bold number goes:
    the list numbers them)."""
    for body in soup.select(".jp-MarkdownOutput"):
        items: list[list] = []
        for node in list(body.children):
            number = _exercise_number(node)
            if number is not None and number == len(items) + 1:
                items.append([node])
            elif items and getattr(node, "name", None) in ("h1", "h2", "h3", "h4"):
                break
            elif items:
                items[-1].append(node)
        if len(items) < 2:
            continue
        listing = soup.new_tag("ol")
        items[0][0].insert_before(listing)
        for nodes in items:
            _drop_lead(nodes[0], _opening(nodes[0]))
            item = soup.new_tag("li")
            for node in nodes:
                item.append(node.extract())
            listing.append(item)


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
