"""MkDocs hooks: run the snippets pages use, cite from one .bib, render math as MathML.

A page shows a snippet with a fenced block (anywhere a code block may stand: at the top
level, in an admonition, a content tab or a list item)::

    ```snippet
    file: artificial_neuron/forward_pass.py   # under snippets/
    caption: What the figure shows, one sentence.  # required if it draws a figure
    alt: What a reader who cannot see it needs.    # required if it draws a figure
    code: collapsed     # collapsed (default) | open (the disclosure starts open) | hidden
    output: text        # text (default: inside the code's disclosure) | result | table
    ```

A block becomes, in this order: the figure and its numbered caption; the printed output
when the prose reads numbers from it (``output: result``, a styled result block) or the
snippet prints a table (``output: table``); then the code in a closed "Show the code"
disclosure, with the printed output inside it (``output: text``).

The pipeline (CONTRIBUTING.md draws it):

1. ``on_files`` finds every ``snippet`` block of every page (``nn_site/engine/fence.py``),
   runs the snippets that are not cached (``nn_site/engine/runner.py``, one warm worker that
   forks an isolated child per snippet) and adds their figures to the site;
2. while a page is converted, pymdownx.superfences hands each ``snippet`` block to
   ``render_snippet`` (a custom fence), which returns the snippet's figure (light and dark)
   with a caption, then its printed output and source (see the order above);
3. ``on_page_content`` numbers the figures in page order, turns ``[@key]`` citations
   into links with a reference list (never inside code), and TeX into MathML.

Every fault stops the build with file, line and cause (``mkdocs serve`` shows it in the
page instead); nothing stale is published (``nn_site/engine/cache.py``).
"""

from __future__ import annotations

import datetime
import html
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
from nn_site.engine import boundary, build_guard, cache, code_summary, sandbox, serve_errors
from nn_site.engine import fence as fences
from nn_site.engine.runner import SnippetError, run_snippets
from nn_site.notebooks import execution as notebook_execution
from nn_site.notebooks import kernel as notebook_kernel
from nn_site.pages import inline_field, ledger, mathml, panel_words, quantities
from nn_site.pages.citations import CitationError, cite_html, describe_error, site_bibliography
from nn_site.pages.mathml import MathError, error_message, to_mathml

log = logging.getLogger("mkdocs.hooks.snippets")

FIGURE_DIR = "figures"
CODE_MODES = {"open", "collapsed", "hidden"}  # open: the disclosure starts open (short code only)
OUTPUT_MODES = {"text", "result", "table"}  # printed output: with the code, shown as a result, a Markdown table
OPTIONS = {"file", "caption", "alt", "code", "output"}
CELL_SEPARATOR = re.compile(r"(?<!\\)\|")  # a '|' that is not written '\|'
TABLE_ROW = re.compile(r"^\|[^<>`]*\|$")  # a pipe-table row: no HTML, no code spans
MAX_CAPTION = 2000  # characters of a caption or alt text (the longest on the site: ~1000)
BIBLIOGRAPHY_MARKER = "<!-- bibliography -->"
FIGURE_NUMBER = re.compile("\u27e6fig:([^\u27e7]+)\u27e7")  # ⟦fig:name⟧ until the page is numbered


class FenceError(PluginError, fences.FenceFailure):
    """A snippet block that cannot be rendered; stops the build (PluginError) and is not
    swallowed by superfences (which turns other exceptions into a plain code block)."""


def parse_fence(body: str, page: str, line: int | None = None) -> dict:
    """The options of one ``snippet`` block, checked. ``line``: the line of its opening
    fence in the page, so that every error names page and line."""

    def at(key: str | None = None) -> str:
        """'page:N' for the block's line of option ``key`` (or its opening fence)."""
        if line is None:
            return page
        for number, text in enumerate(body.split("\n"), 1):
            if key is not None and re.match(rf"\s*{re.escape(str(key))}\s*:", text):
                return f"{page}:{line + number}"
        return f"{page}:{line}"

    try:
        options = fences.load_yaml(body)
    except fences.YamlError as exc:
        where = f"{page}:{line + exc.line}" if line is not None and exc.line else at()
        raise FenceError(
            f"{where}: snippet block is not valid YAML (a caption or alt that contains "
            f"': ' or starts with a quote, '-' or '[' needs quotes around it): {exc}"
        ) from None
    if not isinstance(options, dict) or "file" not in options:
        raise FenceError(f"{at()}: snippet block needs 'file: <path under snippets/>'")
    unknown = set(options) - OPTIONS
    if unknown:
        raise FenceError(
            f"{at(sorted(unknown, key=str)[0])}: snippet block has unknown option(s) "
            f"{sorted(unknown, key=str)} (known: {', '.join(sorted(OPTIONS))})"
        )
    options.setdefault("code", "collapsed")
    if options["code"] not in CODE_MODES:
        raise FenceError(f"{at('code')}: snippet 'code' must be one of {sorted(CODE_MODES)}")
    options.setdefault("output", "text")
    if options["output"] not in OUTPUT_MODES:
        raise FenceError(f"{at('output')}: snippet 'output' must be one of {sorted(OUTPUT_MODES)}")
    name = options["file"]
    if not isinstance(name, str) or name.startswith("/") or ".." in Path(name).parts or "\\" in name:
        raise FenceError(f"{at('file')}: snippet file {name!r} must be a relative path inside snippets/")
    for key in ("caption", "alt"):
        if key in options and not isinstance(options[key], str):
            raise FenceError(
                f"{at(key)}: snippet '{key}' must be text, not {type(options[key]).__name__} (put it in double quotes)"
            )
        if isinstance(options.get(key), str) and len(options[key]) > MAX_CAPTION:
            raise FenceError(
                f"{at(key)}: snippet '{key}' is {len(options[key]):,} characters long; at "
                f"most {MAX_CAPTION:,} (one or two sentences; the page's prose says the rest)"
            )
    return options


def snippets_used(docs_dir: Path) -> dict[str, list[str]]:
    """Every snippet named by a page: snippet path -> 'page:line' of each block using it."""
    used: dict[str, list[str]] = {}
    for page in sorted(docs_dir.rglob("*.md")):
        rel = page.relative_to(docs_dir).as_posix()
        for line, body in fences.find_blocks(page.read_text(encoding="utf-8"), "snippet"):
            used.setdefault(parse_fence(body, rel, line)["file"], []).append(f"{rel}:{line}")
    return used


def block_line(page: Page, body: str) -> int | None:
    """The line of the snippet block with this body in the page's source (or None)."""
    try:
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    except (OSError, TypeError):
        return None
    return next((line for line, found in fences.find_blocks(source, "snippet") if found.strip() == body.strip()), None)


# --- the snippet fence ---------------------------------------------------------------


def _fence(text: str, info: str) -> str:
    """A fenced block that ``text`` cannot end: longer than any run of backticks in it."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{info}\n{text}\n{ticks}"


def _indent(text: str) -> str:
    return "\n".join("    " + line if line else line for line in text.splitlines())


def snippet_markdown(options: dict, page: Page, docs_relative: bool = False, line: int | None = None) -> str:
    """What one snippet block stands for, as Markdown (rendered by ``render_snippet``).
    ``docs_relative``: figure links relative to the page's file, for Markdown that MkDocs
    itself will convert (``make bench``), instead of final URLs."""
    name = options["file"]
    src = f"snippets/{name}"
    where = page.file.src_uri + (f":{line}" if line else "")
    if name in state.current().errors:  # only while serving: show the failure where the figure was
        return f'!!! failure "{src} failed: no output or figure is shown"\n\n' + _indent(
            _fence(state.current().errors[name], "text")
        )
    if name not in state.current().outputs:
        raise FenceError(f"{where}: snippet '{name}' was not run (is the block indented oddly?)")
    output = state.current().outputs[name]
    declares = [key for key in ("caption", "alt") if options.get(key)]
    if output.figures:
        for key in ("caption", "alt"):
            if not isinstance(options.get(key), str) or not options[key].strip():
                raise FenceError(f"{where}: snippet '{name}' draws a figure but has no '{key}'")
    elif declares:
        raise FenceError(
            f"{where}: snippet '{name}' has a {' and '.join(declares)} but drew no figure "
            "(does it still end with plt.show()? a figure closed before the end is lost)"
        )
    # claim -> figure -> caption -> (result) -> code: the figure follows the sentence that
    # makes the claim, and the code, with what it printed, waits closed below (issue 29).
    parts = []
    path = state.current().snippets_dir / name
    code = _fence(path.read_text(encoding="utf-8").rstrip("\n"), f'python title="{src}"')
    printed = output.stdout.rstrip() if output.stdout.strip() else ""
    if output.figures:
        parts.append(_figure(options, name, page, where, docs_relative))
    if printed and options["output"] == "table":
        parts.append(printed_table(output.stdout, where, name))
    elif printed and (options["output"] == "result" or options["code"] == "hidden"):
        parts.append(result_block(printed, src))
    if options["code"] != "hidden":
        listing = [code]
        with_output = bool(printed) and options["output"] == "text"
        if with_output:
            listing.append(_fence(printed, f'text title="Output of {src}"'))
        start_open = options["code"] == "open" and not code_summary.is_long(path)
        parts.append(code_summary.disclosure(listing, src, path, with_output, start_open))
    return "\n\n".join(parts)


def _figure(options: dict, name: str, page: Page, where: str, docs_relative: bool) -> str:
    """The figure (light and dark copies) with its numbered caption, as Markdown."""
    number = f"\u27e6fig:{sorted(state.current().outputs).index(name)}\u27e7"
    # URLs as MkDocs writes them for this page (the inner Markdown does not rewrite links).
    stem = f"{FIGURE_DIR}/{name.removesuffix('.py')}"
    light, dark = (
        posixpath.relpath(f"{stem}{end}", posixpath.dirname(page.file.src_uri) or ".")
        if docs_relative
        else state.current().files.get_file_from_path(f"{stem}{end}").url_relative_to(page.file)
        for end in (".svg", "-dark.svg")
    )
    alt = options["alt"].replace("]", "\\]").replace("\n", " ").strip()
    anchor = "fig-" + re.sub(r"[^a-z0-9]+", "-", name.removesuffix(".py").lower())
    try:  # inline Markdown, $math$ and [@key]; raw HTML escaped (nn_site/pages/inline_field.py)
        caption = inline_field.markdown(options["caption"].strip())
    except ValueError as exc:
        raise FenceError(f"{where}: snippet '{name}' caption: {exc}") from None
    output = state.current().outputs[name]
    if output.phones and output.phones[0] is not None:  # phones show the panels stacked
        caption = panel_words.for_both_layouts(caption)
    return (
        f'<figure class="snippet-figure" id="{anchor}" markdown="span">\n'
        f"![{alt}]({light}#only-light)\n"
        f"![{alt}]({dark}#only-dark)\n"
        f'<figcaption markdown="span"><span class="caption-number">Figure {number}.</span> {caption}</figcaption>\n'
        "</figure>"
    )


def result_block(printed: str, src: str) -> str:
    """``output: result``: what the snippet printed, when the prose reads its numbers,
    shown after the figure as a result (not inside the closed code), still verbatim:
    columns line up, so it stays preformatted text. Its label says it is a result, and
    which file printed it, so it does not read as a terminal between caption and code."""
    text = html.escape(printed, quote=False)
    return (
        f'<div class="snippet-result"><span class="filename"><strong>Result</strong>, printed by '
        f"{html.escape(src)}</span>"
        f'<pre tabindex="0"><samp>{text}</samp></pre></div>'
    )


def printed_table(stdout: str, where: str, name: str) -> str:
    """``output: table``: the snippet prints a Markdown pipe table (header, rule, rows),
    shown as a real table with its citations linked. Anything else it prints (a line
    that is not a table row, raw HTML, a code span) fails the build: printed text never
    becomes markup by accident (issue 20, item 9)."""
    lines = stdout.strip().splitlines()
    bad = [(n, line) for n, line in enumerate(lines, 1) if not TABLE_ROW.match(line.strip())]
    if len(lines) < 3 or not re.match(r"^\|(\s*:?-+:?\s*\|)+$", lines[1].strip()):
        bad = bad or [(2, lines[1] if len(lines) > 1 else "")]
    if bad:
        number, line = bad[0]
        raise FenceError(
            f"{where}: snippet '{name}' has 'output: table' but its printed line {number} "
            f"is not a row of a Markdown table (no HTML or code spans): {line!r}"
        )
    # A '|' inside a cell must be written '\|'; a bare one splits the cell, and Markdown
    # drops the cells past the header's count without a word.
    width = len(CELL_SEPARATOR.split(lines[0].strip())) - 2
    for number, line in enumerate(lines, 1):
        cells = len(CELL_SEPARATOR.split(line.strip())) - 2
        if cells != width:
            raise FenceError(
                f"{where}: snippet '{name}' has 'output: table' but its printed line {number} has {cells} "
                f"cells and the header {width}: a '|' inside a cell must be printed as '\\|' "
                f"(e.g. value.replace('|', '\\|')): {line.strip()!r}"
            )
    return "\n".join(line.strip() for line in lines)


def render_snippet(src, language, class_name, options, md, **kwargs) -> str:
    """pymdownx.superfences custom fence: a ``snippet`` block -> HTML."""
    page = state.current().page
    if page is None:
        raise FenceError("a snippet block outside a page")
    line = block_line(page, src)
    text = snippet_markdown(parse_fence(src, page.file.src_uri, line), page, line=line)
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
            stem = f"{FIGURE_DIR}/{name.removesuffix('.py')}"
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


def number_figures(html: str) -> str:
    """Figure numbers in the order figures appear on the page (nested blocks included)."""
    numbers: dict[str, int] = {}
    return FIGURE_NUMBER.sub(lambda m: str(numbers.setdefault(m[1], len(numbers) + 1)), html)


REFERENCES_HEADING = (
    '<h2 id="references">References<a class="headerlink" href="#references" title="Permanent link">&para;</a></h2>\n'
)


def add_references(html: str, cited: list[str], page: Page, locators: dict[str, list[str]]) -> str:
    if BIBLIOGRAPHY_MARKER in html:
        return html.replace(
            BIBLIOGRAPHY_MARKER, state.current().bibliography.entries_html(state.current().bibliography.entries)
        )
    if not cited:
        return html
    toc = page.toc.items if page.toc is not None else []
    parent = toc[-1].children if toc and toc[-1].level < 2 else toc  # under the page's h1
    if not any(item.id == "references" for item in parent):
        parent.append(AnchorLink("References", "references", 2))
    return html + "\n" + REFERENCES_HEADING + state.current().bibliography.entries_html(cited, locators)


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
    html = number_figures(html)
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
