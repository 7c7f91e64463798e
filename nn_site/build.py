"""MkDocs hooks: run the snippets pages use, cite from one .bib, render math as MathML.

This module orchestrates; the work is done in the modules it calls. The pipeline
(CONTRIBUTING.md draws it):

1. ``on_files`` finds every ``snippet`` block of every page and checks its options
   (``nn_site/engine/fence.py``, which documents the block), runs the snippets that are
   not cached (``nn_site/engine/runner.py``, one warm worker that forks an isolated child
   per snippet) and adds their figures to the site;
2. while a page is converted, pymdownx.superfences hands each ``snippet`` block to
   ``render_snippet`` (a custom fence), which returns the snippet's figure (light and dark)
   with a caption, then its printed output and source (``nn_site/engine/render.py``);
3. ``on_page_content`` numbers the figures in page order, turns ``[@key]`` citations
   into links with a reference list (never inside code), and TeX into MathML.

Every fault stops the build with file, line and cause (``mkdocs serve`` shows it in the
page instead); nothing stale is published (``nn_site/engine/cache.py``).
"""

from __future__ import annotations

import datetime
import logging
import os
import posixpath
import re
import sys
from pathlib import Path

import markdown as markdown_lib
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from nn_site import config as site_config
from nn_site import state
from nn_site.engine import boundary, build_guard, cache, render, sandbox, serve_errors
from nn_site.engine import fence as fences
from nn_site.engine.fence import FenceError, block_line, parse_fence, snippets_used
from nn_site.engine.runner import SnippetError, run_snippets
from nn_site.notebooks import execution as notebook_execution
from nn_site.notebooks import kernel as notebook_kernel
from nn_site.pages import ledger, mathml, quantities
from nn_site.pages.citations import CitationError, cite_html, describe_error, site_bibliography
from nn_site.pages.glossary import by_first_letter, letter_anchor
from nn_site.pages.mathml import MathError, error_message, to_mathml

log = logging.getLogger("mkdocs.hooks.snippets")

BIBLIOGRAPHY_MARKER = "<!-- bibliography -->"


# --- the snippet fence ---------------------------------------------------------------


def render_snippet(src, language, class_name, options, md, **kwargs) -> str:
    """pymdownx.superfences custom fence: a ``snippet`` block -> HTML."""
    page = state.current().page
    if page is None:
        raise FenceError("a snippet block outside a page")
    line = block_line(page, src)
    text = render.snippet_markdown(parse_fence(src, page.file.src_uri, line), page, line=line)
    state.current().inner.reset()
    return state.current().inner.convert(text)


# --- hooks ---------------------------------------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`: there a failing snippet shows its error
    in the page, in place of its figure, instead of stopping the server's rebuilds
    (which would leave the browser showing the old figure)."""
    state.session.serving = command == "serve"
    state.session.dirty = dirty
    state.session.building = command == "build"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).resolve().parent
    try:  # every NN_* variable, checked before anything is built (nn_site/config.py)
        settings = site_config.start_build()
        site_config.check_url("site_url (mkdocs.yml)", config.site_url)
        site_config.check_url("repo_url (mkdocs.yml)", config.repo_url)
    except site_config.ConfigError as exc:
        raise PluginError(str(exc)) from None
    try:
        sandbox.bwrap()  # nn_site/engine/sandbox.py: CI without bwrap stops here; serve says once
    except sandbox.SandboxError as exc:
        raise PluginError(str(exc)) from None
    # nn_site/engine/boundary.py: no symbolic link takes a read, a run, an include or a copy
    # outside the repository (checked on the resolved path)
    boundary.check_tree(root, Path(config.docs_dir))
    boundary.guard_includes()
    cache.start_build()
    build_cache = settings.cache_dir
    build_guard.check_cache(build_cache)  # a file or a read-only folder: named, with the fix
    cache.mark_used(build_cache / ".lock")  # locked in on_pre_build, when the build starts
    cache.remove_leftovers(build_cache)
    # A `mkdocs build` writes beside site_dir and swaps it in when complete. Only the
    # command itself: a tool that merely loads the configuration (mike, before it runs
    # `mkdocs build` as a child) must see the site_dir it asked for.
    if state.session.building and not state.session.dirty:
        build_guard.redirect_site(config)
    state.current().config = config
    bib = Path(config.docs_dir) / "references.bib"
    try:
        state.current().bibliography = site_bibliography(bib, build_cache / "bibliography")
    except CitationError as exc:  # a DOI or URL that is not one: names the entry
        raise PluginError(str(exc)) from None
    except Exception as exc:  # pybtex raises its own types for a malformed file
        raise PluginError(describe_error(bib, exc)) from None  # file, the entry's line, cause
    state.current().snippets_dir = root / "snippets"
    mathml.use_cache(build_cache)
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        # Sitemap dates (and so the offline zip) from the release date, not the calendar.
        released = datetime.date.fromisoformat(str(config.extra.get("date_released", "2026-01-01")))
        stamp = datetime.datetime.combine(released, datetime.time(), datetime.UTC)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp.timestamp()))
    # Code inclusion (--8<--) only from these folders, found from mkdocs.yml, not the cwd.
    included = config.mdx_configs.setdefault("pymdownx.snippets", {})
    included["base_path"] = [str(root / "snippets"), str(root / "includes")]
    included["restrict_base_path"] = True
    included["check_paths"] = True
    fences.register(config, "snippet", render_snippet)
    notebook_execution.configure(config, build_cache / "jupyter")
    if config.plugins.get("mkdocs-jupyter") is not None:
        notebook_kernel.configure(build_cache)  # the kernel: sandboxed, leaves nothing running
    state.current().inner = markdown_lib.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    state.current().ledger_rows = ledger.load_checked(root, Path(config.docs_dir), state.current().bibliography.entries)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    # One build per cache at a time. Taken here, not in on_config: a tool that loads the
    # configuration and then runs `mkdocs build` as a child (mike deploy) would otherwise
    # hold the lock in the parent while the child waits for it forever.
    build_guard.lock(site_config.get().cache_dir, build_guard.log_to_stderr)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Run (or take from cache) every snippet a page uses; add its figures to the site."""
    used = snippets_used(Path(config.docs_dir))
    missing = [
        f"{', '.join(pages)}: snippet '{name}' does not exist"
        for name, pages in used.items()
        if not (state.current().snippets_dir / name).is_file()
    ]
    if missing:
        raise PluginError("\n".join(missing))
    snippets = [state.current().snippets_dir / name for name in sorted(used)]
    try:
        outputs, errors = run_snippets(snippets, root=state.current().snippets_dir, log=log.info)
    except SnippetError as exc:  # the worker itself could not start
        raise PluginError(str(exc)) from None
    state.current().outputs.clear()
    state.current().outputs.update(outputs)
    state.current().errors.clear()
    if errors:
        report = f"{len(errors)} snippet(s) failed:\n\n" + "\n\n".join(errors.values())
        if not state.session.serving:
            raise PluginError(report)
        # Not log.error: in strict mode that would abort the rebuild, and the browser
        # would keep showing the old figure. The page shows the error instead.
        print(f"ERROR   -  {report}", file=sys.stderr)
        state.current().errors.update(errors)
    for name, output in state.current().outputs.items():
        for (light, dark), phone in zip(output.figures, output.phones or [None] * len(output.figures)):
            stem = f"{render.FIGURE_DIR}/{name.removesuffix('.py')}"
            files.append(File.generated(config, f"{stem}.svg", abs_src_path=str(light)))
            files.append(File.generated(config, f"{stem}-dark.svg", abs_src_path=str(dark)))
            if phone is not None:  # served to phones by nn_site/engine/render.py (<picture>)
                files.append(File.generated(config, f"{stem}-phone.svg", abs_src_path=str(phone[0])))
                files.append(File.generated(config, f"{stem}-phone-dark.svg", abs_src_path=str(phone[1])))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state.current().page, state.current().files = page, files
    # ```ledger blocks and [[verdict:id]] become tables and words (nn_site/pages/ledger.py); a
    # ledger block this leaves (e.g. nested) is then an unknown fence and fails the build.
    markdown = ledger.render_fences(markdown, page.file.src_uri, state.current().ledger_rows)
    # [[q:key]] becomes the register's value (nn_site/pages/quantities.py), in the page and in the
    # ledger rows just rendered into it.
    markdown = quantities.expand_page(
        markdown,
        page.file.src_uri,
        Path(config.config_file_path).resolve().parent,
        state.current().bibliography.entries,
    )
    fences.check_languages(markdown, page.file.src_uri, config)
    return markdown


REFERENCES_HEADING = (
    '<h2 id="references">References<a class="headerlink" href="#references" title="Permanent link">&para;</a></h2>\n'
)


def add_references(html: str, cited: list[str], page: Page, locators: dict[str, list[str]]) -> str:
    if BIBLIOGRAPHY_MARKER in html:
        return html.replace(BIBLIOGRAPHY_MARKER, _bibliography_by_letter(page))
    if not cited:
        return html
    toc = page.toc.items if page.toc is not None else []
    parent = toc[-1].children if toc and toc[-1].level < 2 else toc  # under the page's h1
    if not any(item.id == "references" for item in parent):
        parent.append(AnchorLink("References", "references", 2))
    return html + "\n" + REFERENCES_HEADING + state.current().bibliography.entries_html(cited, locators)


def _bibliography_by_letter(page: Page) -> str:
    """The whole bibliography (the references page), under a heading per first letter of
    the first author, with a strip of letter links above: some 200 entries need a way in.
    The letters join the page's table of contents."""
    bibliography = state.current().bibliography
    groups = by_first_letter(bibliography.sorted_keys(bibliography.entries), bibliography.label)
    strip = " ".join(f'<a href="#{letter_anchor(letter)}">{letter}</a>' for letter in groups)
    parts = [f'<nav class="glossary-letters" aria-label="Sources by first author">{strip}</nav>']
    toc = page.toc.items if page.toc is not None else []
    parent = toc[-1].children if toc and toc[-1].level < 2 else toc  # under the page's h1
    for letter, keys in groups.items():
        parts.append(
            f'<h2 id="{letter_anchor(letter)}">{letter}<a class="headerlink" href="#{letter_anchor(letter)}" '
            f'title="Permanent link">&para;</a></h2>\n' + bibliography.entries_html(keys)
        )
        if not any(item.id == letter_anchor(letter) for item in parent):
            parent.append(AnchorLink(letter, letter_anchor(letter), 2))
    return "\n".join(parts)


MATH = re.compile(r'<(?P<tag>span|div) class="arithmatex">\\[(\[](?P<tex>.*?)\\[)\]]</(?P=tag)>', re.DOTALL)
RAW_ASSET = re.compile(r'(<(?:script|link|img)\b[^>]*?\b(?:src|href)=")(\.\./[^"#?]+)(")')


def relocate_raw_assets(html: str, page: Page, files: Files) -> str:
    """Raw-HTML ``<script src>``/``<link href>``/``<img src>`` written for the site's
    directory URLs (``../assets/x.js`` from ``docs/playground.md``) point at the same file
    in every build: with ``use_directory_urls: false`` (the offline copy) they are
    rewritten relative to the page's real URL. A missing target fails the build."""
    uri = page.file.src_uri
    directory = posixpath.dirname(uri) if uri.endswith(("index.md", "README.md")) else uri.rsplit(".", 1)[0]

    def fix(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(directory, match[2]))
        file = files.get_file_from_path(target)
        if target.startswith("..") or file is None:
            raise PluginError(f"{uri}: raw HTML loads '{match[2]}', which is not a file of the site")
        return match[1] + file.url_relative_to(page.file) + match[3]

    return RAW_ASSET.sub(fix, html)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Figure numbers, citations and MathML (notebooks: nn_site/pages/courses.py)."""
    where = page.file.src_uri
    if where.endswith(".ipynb"):
        notebook_kernel.check_leftovers(where)
        return html
    html = render.number_figures(html)
    html = relocate_raw_assets(html, page, files)
    locators: dict[str, list[str]] = {}
    html, cited = cite_html(state.current().bibliography, html, where, page.file.abs_src_path, locators)
    html = add_references(html, cited, page, locators)

    def mathml(match: re.Match) -> str:
        display = "block" if match["tag"] == "div" else "inline"
        tex = _unescape(match["tex"])
        try:
            return to_mathml(tex, display)
        except MathError as exc:  # names the page, the line in its source, and the cause
            source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
            raise PluginError(error_message(f"docs/{page.file.src_uri}", source, exc, tex)) from None

    return MATH.sub(mathml, html)


def on_post_build(config: MkDocsConfig) -> None:
    mathml.save_cache()
    # Folders handed to other tools this build: the kernels' IPython profile and
    # mkdocs-jupyter's cache for that profile (which evicts its own stale entries inside).
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None:
        active = Path(jupyter.config["cache_dir"])
        for entry in [active, *active.glob("*.json")]:  # what it keeps, it evicted the rest
            cache.mark_used(entry)
    if os.environ.get("IPYTHONDIR"):
        cache.mark_used(Path(os.environ["IPYTHONDIR"]))
    for folder in ("snippets", "bibliography", "notebooks", "jupyter", "ipython", "slides", "decks", "math-font"):
        removed = cache.prune(cache.cache_dir() / folder)
        if removed:
            log.info(f"cache: removed {len(removed)} {folder} entries no page uses")
    if state.current().math_cache_file is not None:
        cache.mark_used(state.current().math_cache_file)
    for leftover in cache.prune(cache.cache_dir(), files_only=True):  # e.g. an older layout's files
        log.info(f"cache: removed {leftover.name}, which this build did not use")
    build_guard.publish_site(config)  # the complete site replaces the old one in one rename
    build_guard.unlock()
    site_config.end_build()


def on_build_error(error: Exception) -> None:
    if state.current().config is not None:
        build_guard.discard(state.current().config)
    build_guard.unlock()
    site_config.end_build()


def on_serve(server, config: MkDocsConfig, builder):
    return serve_errors.show_errors_in_pages(server, config)


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    notebook_execution.guard_render(page)
    return page
