"""MkDocs hooks: run the snippets pages use, cite from one .bib, render math as MathML.

A page shows a snippet with a fenced block::

    ```snippet
    file: artificial_neuron/forward_pass.py   # under snippets/
    caption: What the figure shows, one sentence.  # required if it draws a figure
    alt: What a reader who cannot see it needs.    # required if it draws a figure
    code: open          # open (default) | collapsed | hidden
    ```

The build runs the snippet (``scripts/snippets.py``), and the block becomes the
snippet's source (included by pymdownx.snippets from the same file), its printed
output, and its figure in light and dark variants with a numbered caption.
"""

from __future__ import annotations

import logging
import posixpath
import re
import sys
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parent))
from citations import Bibliography, CitationError  # noqa: E402
import code_summary  # noqa: E402
import mathml  # noqa: E402
from mathml import MathError, error_message, to_mathml  # noqa: E402
from snippets import Output, SnippetError, cache_dir, run_snippets  # noqa: E402

log = logging.getLogger("mkdocs.hooks.snippets")

FENCE = re.compile(r"^```snippet\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
FIGURE_DIR = "figures"
CODE_MODES = {"open", "collapsed", "hidden"}
BIBLIOGRAPHY_MARKER = "<!-- bibliography -->"
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster when present

_outputs: dict[str, Output] = {}
_errors: dict[str, str] = {}  # snippet -> why it failed (kept only while serving)
_serving = False
_bibliography: Bibliography | None = None
_snippets_dir = Path()  # <folder of mkdocs.yml>/snippets, set in on_config


def parse_fence(body: str, page: str) -> dict:
    """The options of one ``snippet`` block, checked."""
    try:
        options = yaml.load(body, Loader=YAML_LOADER) or {}
    except yaml.YAMLError as exc:
        raise PluginError(
            f"{page}: snippet block is not valid YAML (a caption or alt that contains "
            f"': ' or starts with a quote, '-' or '[' needs quotes around it): {exc}"
        ) from exc
    if not isinstance(options, dict) or "file" not in options:
        raise PluginError(f"{page}: snippet block needs 'file: <path under snippets/>'")
    unknown = set(options) - {"file", "caption", "alt", "code"}
    if unknown:
        raise PluginError(f"{page}: snippet block has unknown option(s) {sorted(unknown)}")
    options.setdefault("code", "open")
    if options["code"] not in CODE_MODES:
        raise PluginError(f"{page}: snippet 'code' must be one of {sorted(CODE_MODES)}")
    return options


def snippets_used(docs_dir: Path) -> dict[str, list[str]]:
    """Every snippet named by a page: snippet path -> pages that use it."""
    used: dict[str, list[str]] = {}
    for page in sorted(docs_dir.rglob("*.md")):
        rel = page.relative_to(docs_dir).as_posix()
        for match in FENCE.finditer(page.read_text(encoding="utf-8")):
            used.setdefault(parse_fence(match["body"], rel)["file"], []).append(rel)
    return used


# --- hooks ---------------------------------------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`: there a failing snippet shows its error
    in the page, in place of its figure, instead of stopping the server's rebuilds
    (which would leave the browser showing the old figure)."""
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _bibliography, _snippets_dir
    bib = Path(config.docs_dir) / "references.bib"
    try:
        _bibliography = Bibliography.load(bib, cache_dir())
    except Exception as exc:  # pybtex raises its own types for a malformed file
        raise PluginError(f"{bib}: cannot read the bibliography: {exc}") from None
    _snippets_dir = Path(config.config_file_path).resolve().parent / "snippets"
    mathml.use_cache(cache_dir())
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Run (or take from cache) every snippet a page uses; add its figures to the site."""
    used = snippets_used(Path(config.docs_dir))
    missing = [f"{', '.join(pages)}: snippet '{name}' does not exist" for name, pages in used.items()
               if not (_snippets_dir / name).is_file()]
    if missing:
        raise PluginError("\n".join(missing))
    snippets = [_snippets_dir / name for name in sorted(used)]
    try:
        outputs, errors = run_snippets(snippets, root=_snippets_dir, log=log.info)
    except SnippetError as exc:  # the worker itself could not start
        raise PluginError(str(exc)) from None
    _outputs.clear()
    _outputs.update(outputs)
    _errors.clear()
    if errors:
        report = f"{len(errors)} snippet(s) failed:\n\n" + "\n\n".join(errors.values())
        if not _serving:
            raise PluginError(report)
        # Not log.error: in strict mode that would abort the rebuild, and the browser
        # would keep showing the old figure. The page shows the error instead.
        print(f"ERROR   -  {report}", file=sys.stderr)
        _errors.update(errors)
    for name, output in _outputs.items():
        for light, dark in output.figures:
            stem = f"{FIGURE_DIR}/{name.removesuffix('.py')}"
            files.append(File.generated(config, f"{stem}.svg", abs_src_path=str(light)))
            files.append(File.generated(config, f"{stem}-dark.svg", abs_src_path=str(dark)))
    return files


def _render(options: dict, page: Page, number: int) -> str:
    name = options["file"]
    src = f"snippets/{name}"
    if name in _errors:  # only while serving: show the failure where the figure was
        return (f'!!! failure "{src} failed: no output or figure is shown"\n\n'
                + _indent(f"```text\n{_errors[name]}\n```"))
    output = _outputs[name]
    parts = []
    code = f'```python title="{src}"\n--8<-- "{src}"\n```'
    if options["code"] == "open" and code_summary.is_long(_snippets_dir / name):  # scripts/code_summary.py
        parts.append(code_summary.collapsed(code, src, _snippets_dir / name))
    elif options["code"] == "open":
        parts.append(code)
    elif options["code"] == "collapsed":
        does = (f"draws figure {number}" if output.figures
                else "prints the output below" if output.stdout.strip() else "runs here")
        parts.append(f'??? example "Code that {does}: {src}"\n\n' + _indent(code))
    if output.stdout.strip():
        parts.append(f'```text title="Output of {src}"\n{output.stdout.rstrip()}\n```')
    if output.figures:
        for key in ("caption", "alt"):
            if not isinstance(options.get(key), str) or not options[key].strip():
                raise PluginError(f"{page.file.src_uri}: snippet '{name}' draws a figure but has no '{key}'")
        here = posixpath.dirname(page.file.src_uri)
        stem = posixpath.relpath(f"{FIGURE_DIR}/{name.removesuffix('.py')}", here or ".")
        alt = options["alt"].replace("]", "\\]").replace("\n", " ").strip()
        anchor = "fig-" + re.sub(r"[^a-z0-9]+", "-", name.removesuffix(".py").lower())
        parts.append(
            f'<figure class="snippet-figure" id="{anchor}" markdown="span">\n'
            f"![{alt}]({stem}.svg#only-light)\n"
            f"![{alt}]({stem}-dark.svg#only-dark)\n"
            f"<figcaption>Figure {number}. {options['caption'].strip()}</figcaption>\n</figure>"
        )
    return "\n\n".join(parts)


def _indent(text: str) -> str:
    return "\n".join("    " + line if line else line for line in text.splitlines())


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    counter = iter(range(1, 10_000))
    figures = {name: o for name, o in _outputs.items() if o.figures}

    def expand(match: re.Match) -> str:
        options = parse_fence(match["body"], page.file.src_uri)
        number = next(counter) if options["file"] in figures else 0
        return _render(options, page, number)

    markdown = FENCE.sub(expand, markdown)
    try:
        markdown, cited = _bibliography.cite(markdown)
    except CitationError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from None
    if BIBLIOGRAPHY_MARKER in markdown:
        markdown = markdown.replace(BIBLIOGRAPHY_MARKER, _bibliography.entries_html(_bibliography.entries))
    elif cited:
        markdown += "\n\n## References\n\n" + _bibliography.entries_html(cited) + "\n"
    return markdown


MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\\[(\[](?P<tex>.*?)\\[)\]]</(?P=tag)>', re.DOTALL
)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """TeX from pymdownx.arithmatex (generic mode) becomes MathML (scripts/mathml.py)."""

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


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
