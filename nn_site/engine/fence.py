"""Custom fenced blocks (```` ```snippet ````, ```` ```ledger ```` ...) as
pymdownx.superfences custom fences, so they work wherever a code block does: at the
top level, inside admonitions, content tabs and list items.

- ``register(config, name, formatter)`` adds a fence (keeps the ones already there);
- ``find(markdown, name)`` yields the bodies of every block of that name, at any
  indentation (for work that must happen before pages are converted, such as running
  snippets);
- ``check_languages`` fails the build for a fence whose language is neither a
  registered custom fence nor a language Pygments knows: a misspelt ```` ```snipet ````
  would otherwise show raw YAML and pass;
- ``parse_fence`` checks the options of one ``snippet`` block, naming page and line on
  any fault; ``snippets_used`` and ``block_line`` find the blocks of the pages.

A page shows a snippet with a block like this (what it becomes:
``nn_site/engine/render.py``)::

    ```snippet
    file: artificial_neuron/forward_pass.py   # under snippets/
    caption: What the figure shows, one sentence.  # required if it draws a figure
    alt: What a reader who cannot see it needs.    # required if it draws a figure
    code: collapsed     # collapsed (default) | open (the disclosure starts open) | hidden
    output: text        # text (default: inside the code's disclosure) | result | table | summary
    ```
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from pymdownx.superfences import SuperFencesException as FenceFailure

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster when present
OPENER = re.compile(
    r"^(?P<indent>(?:[ \t]|>[ \t]?)*)(?P<fence>`{3,}|~{3,})[ \t]*\{?\.?(?P<lang>[\w+#.-]*)", re.MULTILINE
)
# Languages that are not Pygments lexers but are fine in a fence.
PLAIN = {"", "text", "plain", "txt", "output", "console"}


def register(
    config: MkDocsConfig, name: str, formatter: Callable[..., str], validator: Callable[..., bool] | None = None
) -> None:
    """Add (or replace) the custom fence ``name`` in pymdownx.superfences' options."""
    if "pymdownx.superfences" not in config.markdown_extensions:
        config.markdown_extensions.append("pymdownx.superfences")
    options = config.mdx_configs.setdefault("pymdownx.superfences", {})
    custom = [f for f in options.get("custom_fences", []) if f.get("name") != name]
    entry = {"name": name, "class": name, "format": formatter}
    if validator is not None:
        entry["validator"] = validator
    options["custom_fences"] = custom + [entry]


def registered(config: MkDocsConfig) -> set[str]:
    options = config.mdx_configs.get("pymdownx.superfences", {})
    return {f["name"] for f in options.get("custom_fences", [])}


def find(markdown: str, name: str) -> Iterator[str]:
    """The bodies of the ``name`` blocks in ``markdown``, de-indented."""
    for _, body in find_blocks(markdown, name):
        yield body


def find_blocks(markdown: str, name: str) -> Iterator[tuple[int, str]]:
    """(line number of the opening fence, de-indented body) of every ``name`` block."""
    lines = markdown.split("\n")
    i = 0
    while i < len(lines):
        opener = OPENER.match(lines[i])
        if opener and opener["lang"] == name and lines[i][opener.end() :].strip() in ("", "}"):
            indent, fence = opener["indent"], opener["fence"]
            start = i + 1
            body = []
            i += 1
            while i < len(lines):
                line = lines[i]
                stripped = line[len(indent) :] if line.startswith(indent) else line.lstrip()
                if stripped.rstrip() and set(stripped.strip()) == {fence[0]} and len(stripped.strip()) >= len(fence):
                    break
                body.append(stripped)
                i += 1
            yield start, "\n".join(body)
        i += 1


class YamlError(ValueError):
    """A block's body is not YAML; ``line`` is the line in the body (1-based) or None."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


class _Loader(YAML_LOADER):
    """The YAML loader, refusing a key repeated in one mapping (YAML keeps the last one)."""


def _mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            first = seen.setdefault(key, key_node.start_mark.line)
        except TypeError:  # an unhashable key: the constructor reports it
            continue
        if first != key_node.start_mark.line:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"the option {key!r} is given twice (first on line {first + 1} of the block); keep one",
                key_node.start_mark,
            )
    return loader.construct_mapping(node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load_yaml(body: str) -> object:
    """A block's YAML body (``YamlError``, a ValueError, if it is not YAML or repeats a key)."""
    try:
        return yaml.load(body, Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None)
        message = problem if problem and mark is not None else str(exc)
        raise YamlError(message, mark.line + 1 if mark is not None else None) from None


def _known_language(lang: str) -> bool:
    from pygments.lexers import find_lexer_class_by_name
    from pygments.util import ClassNotFound

    try:
        find_lexer_class_by_name(lang)
        return True
    except ClassNotFound:
        return False


def check_languages(markdown: str, page: str, config: MkDocsConfig) -> None:
    """Fail for a fence whose language nothing knows (a misspelt custom block)."""
    custom = registered(config)
    in_fence = None
    for number, line in enumerate(markdown.split("\n"), 1):
        opener = OPENER.match(line)
        if not opener:
            continue
        fence = opener["fence"]
        if in_fence is not None:
            rest = line[opener.end() :].strip()
            if fence[0] == in_fence[0] and len(fence) >= len(in_fence) and not opener["lang"] and not rest:
                in_fence = None
            continue
        in_fence = fence
        lang = opener["lang"].lower()
        if lang in custom or lang in PLAIN or _known_language(lang):
            continue
        raise PluginError(
            f"{page}:{number}: a fenced block of unknown kind '{lang}' "
            f"(custom blocks: {', '.join(sorted(custom))}; or a Pygments language)"
        )


# --- the snippet block: its options, checked, and where it is ------------------------------

CODE_MODES = {"open", "collapsed", "hidden"}  # open: the disclosure starts open (short code only)
# printed output: with the code, shown as a result, a Markdown table, or a result whose first
# paragraph (up to its first blank line) is shown and the rest waits in a closed disclosure
OUTPUT_MODES = {"text", "result", "table", "summary"}
OPTIONS = {"file", "caption", "alt", "code", "output"}
MAX_CAPTION = 2000  # characters of a caption or alt text (the longest on the site: ~1000)


class FenceError(PluginError, FenceFailure):
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
        options = load_yaml(body)
    except YamlError as exc:
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
        for line, body in find_blocks(page.read_text(encoding="utf-8"), "snippet"):
            used.setdefault(parse_fence(body, rel, line)["file"], []).append(f"{rel}:{line}")
    return used


def block_line(page: Page, body: str) -> int | None:
    """The line of the snippet block with this body in the page's source (or None)."""
    try:
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    except (OSError, TypeError):
        return None
    return next((line for line, found in find_blocks(source, "snippet") if found.strip() == body.strip()), None)
