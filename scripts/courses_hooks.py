"""Course hooks: the glossary, notebook pages without CDN, and the print page's content.

Registered after ``scripts/mkdocs_hooks.py`` in ``mkdocs.yml`` (``hooks:``), so the
lead hook's citations and MathML have already run when these see a page.

1. **Glossary, one source, two renderings.** ``includes/abbreviations.md`` holds every
   term once, in Markdown's abbreviation syntax (``*[axon]: The long ...``). At
   ``on_config`` the terms go into the ``abbr`` extension's ``glossary`` option, so
   every page shows the definition as a tooltip wherever the whole word appears in
   prose (never inside code: Python-Markdown stores code as atomic text). Each term
   also matches with a capital first letter and in the plural. The Glossary page
   replaces the marker ``<!-- glossary -->`` with the same terms as a definition list.

2. **Notebook pages** (mkdocs-jupyter renders ``docs/notebooks/*.ipynb``). Its HTML
   carries a MathJax config, a mermaid loader from cdnjs, an empty ``<script src="">``,
   a clipboard script and ~600 KB of inline CSS. All of it is removed here; code cells
   take the site's own code styling (Material's ``.highlight`` + copy button), TeX in
   Markdown cells becomes MathML (as on every other page), and ``[@key]`` citations
   become author-year links with the notebook's reference list, from the same
   ``docs/references.bib``.

3. **Offline copy** (``mkdocs-offline.yml`` sets ``extra.offline: true``). After the
   build, the search index is also written as ``search/search_index.js``, a script
   that a page opened from disk can load (Material reads it when ``location.protocol``
   is ``file:``) — what Material's ``offline`` plugin does, without its unpkg.com shim.

4. **Print page.** mkdocs-print-site stores each page's HTML in ``on_page_content``,
   but as a plugin it runs before the hooks; so the last ``on_page_content`` here
   stores the finished HTML (with MathML, tooltips and cleaned notebooks) instead.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs_print_site_plugin import urls as print_site_urls

import sys

sys.path.insert(0, str(Path(__file__).resolve().parent))
from citations import Bibliography, CitationError  # noqa: E402
from mathml import MathError, to_mathml  # noqa: E402
from snippets import cache_dir, write_atomically  # noqa: E402

GLOSSARY_SOURCE = Path("includes") / "abbreviations.md"
GLOSSARY_MARKER = "<!-- glossary -->"
TERM = re.compile(r"^\*\[(?P<term>[^\]]+)\]:[ \t]*(?P<definition>\S.*)$")
HEADING = re.compile(r"<h([1-6])\b[^>]*>.*?</h\1>", re.DOTALL)
ABBR = re.compile(r"<abbr title=\"[^\"]*\">(.*?)</abbr>", re.DOTALL)

_root = Path()
_terms: dict[str, str] = {}
_bibliography: Bibliography | None = None


# --- glossary ------------------------------------------------------------------------


def read_glossary(path: Path) -> dict[str, str]:
    """``*[term]: definition`` lines -> {term: definition}; other lines must be blank or ``<!-- -->``."""
    terms: dict[str, str] = {}
    in_comment = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if in_comment or stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            continue
        if not stripped:
            continue
        match = TERM.match(stripped)
        if not match:
            raise PluginError(f"{path}:{number}: not a glossary line '*[term]: definition': {line!r}")
        term, definition = match["term"].strip(), match["definition"].strip()
        if term in terms:
            raise PluginError(f"{path}:{number}: '{term}' is defined twice")
        terms[term] = definition
    return terms


def plural(term: str) -> str:
    if term.endswith(("s", "x", "sh", "ch")):
        return term + "es"
    return term + "s"


def tooltip_forms(terms: dict[str, str]) -> dict[str, str]:
    """Every form of every term that gets the tooltip: as written, with a capital first
    letter (a term that starts a sentence), and, for lower-case terms, in the plural."""
    forms: dict[str, str] = {}
    for term, definition in terms.items():
        variants = [term, term[0].upper() + term[1:]]
        if term[0].islower():
            variants += [plural(term), plural(term[0].upper() + term[1:])]
        for variant in variants:
            forms.setdefault(variant, definition)
    return forms


def term_anchor(term: str) -> str:
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def untooltip_headings(html_: str) -> str:
    """Headings without tooltips: a dotted word in every title is noise, and the same
    term gets its tooltip in the text below. (The abbr extension has no such option.)"""
    return HEADING.sub(lambda m: ABBR.sub(r"\1", m[0]) if "<abbr" in m[0] else m[0], html_)


def glossary_html(terms: dict[str, str]) -> str:
    items = []
    for term in sorted(terms, key=str.casefold):
        items.append(f'<dt id="{term_anchor(term)}">{html.escape(term)}</dt>\n'
                     f"<dd>{html.escape(terms[term])}</dd>")
    return '<dl class="glossary">\n' + "\n".join(items) + "\n</dl>"


# --- notebooks -----------------------------------------------------------------------

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
    try:
        result, cited = _bibliography.cite(result)
    except CitationError as exc:
        raise PluginError(f"{where}: {exc}") from None
    if cited:
        result += ('\n<h2 id="references">References<a class="headerlink" href="#references" '
                   'title="Permanent link">¶</a></h2>\n' + _bibliography.entries_html(cited))
    return result


def cached_clean_notebook(content: str, page: Page, files: Files, config: MkDocsConfig) -> str:
    """clean_notebook, kept on disk: parsing a notebook page costs ~0.4 s a build.

    The key covers everything the result depends on: the notebook HTML, the code that
    cleans it, the bibliography, and where every page lives (for resolved links)."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for part in (content, page.file.src_uri, str(config.use_directory_urls)):
        digest.update(part.encode() + b"\0")
    for path in (here / "courses_hooks.py", here / "mathml.py", here / "citations.py",
                 Path(config.docs_dir) / "references.bib"):
        digest.update(path.read_bytes() + b"\0")
    for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
        digest.update(f"{file.src_uri}={file.url}\0".encode())
    cached = cache_dir() / f"notebook-{digest.hexdigest()[:24]}.html"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    result = clean_notebook(content, page, files)
    write_atomically(cached, result)
    return result


# --- print page ----------------------------------------------------------------------

# mkdocs-print-site 2.9 turns a link to the home page from a page one level down
# ("../") into "#." (os.path.normpath gives "."), an anchor that does not exist; the
# home page's section on the print page has id "index". It writes the page in its own
# on_post_build, which runs before this hook's.
PRINT_HOME_LINK = re.compile(r'href="#\.(-[^"]*)?"')


def _update_anchor_ids(page_html: str, page_key: str) -> str:
    """mkdocs-print-site 2.9's ``urls.update_anchor_ids`` with the same result, ~30x faster.

    Its regex ``<(\\S+).*?id="..."`` is tried from every "<" and scans to the end of
    the line each time: on a page's long lines of highlighted code and MathML that was
    over a second per build (``make bench``). A match never spans a line and needs an
    ``id="``, so running the same regex over only the lines that contain one finds the
    same matches; the replacements are then made exactly as the original makes them.
    """
    candidates = "\n".join(line for line in page_html.split("\n") if _HAS_ID.search(line))
    for match in _ANCHOR_ID.finditer(candidates):
        if match[1] in _PRINT_ID_TAGS:
            page_html = page_html.replace(match[0], match[0].replace(match[2], f"{page_key}-{match[2]}"))
    return page_html


_HAS_ID = re.compile(r'id="', re.IGNORECASE)
_ANCHOR_ID = re.compile(r"<([^\s]+).*?id=\"([^\"]*?)\".*?>", re.IGNORECASE)  # print-site's own
_PRINT_ID_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "sup", "li"}
print_site_urls.update_anchor_ids = _update_anchor_ids


def fix_print_page_home_links(site_dir: Path) -> None:
    page = site_dir / "print_page" / "index.html"
    if page.is_file():
        text = page.read_text(encoding="utf-8")
        fixed = PRINT_HOME_LINK.sub(lambda m: f'href="#index{m[1] or ""}"', text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


# --- hooks ---------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _root, _terms, _bibliography
    _root = Path(config.config_file_path).resolve().parent
    source = _root / GLOSSARY_SOURCE
    _terms = read_glossary(source)
    abbr = config.mdx_configs.setdefault("abbr", {})
    abbr["glossary"] = {**tooltip_forms(_terms), **abbr.get("glossary", {})}
    _bibliography = Bibliography.load(Path(config.docs_dir) / "references.bib", cache_dir())
    return config


def on_serve(server, config: MkDocsConfig, builder):
    server.watch(str(_root / GLOSSARY_SOURCE.parent))  # edit a definition, see it at once
    return server


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if GLOSSARY_MARKER in markdown:
        markdown = markdown.replace(GLOSSARY_MARKER, glossary_html(_terms))
    return markdown


@event_priority(-100)  # after every plugin and after scripts/mkdocs_hooks.py
def on_page_content(html_: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri.endswith(".ipynb"):
        html_ = cached_clean_notebook(html_, page, files, config)
    html_ = untooltip_headings(html_)
    page.html = html_  # what mkdocs-print-site puts on the print page
    return html_


def on_post_build(config: MkDocsConfig) -> None:
    fix_print_page_home_links(Path(config.site_dir))
    if not config.extra.get("offline"):
        return
    index = Path(config.site_dir) / "search" / "search_index.json"
    if not index.is_file():
        raise PluginError("offline build: search/search_index.json is missing (is the search plugin on?)")
    (index.parent / "search_index.js").write_text("var __index = " + index.read_text(encoding="utf-8"),
                                                  encoding="utf-8")
