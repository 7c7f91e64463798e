"""Custom fenced blocks (```` ```snippet ````, ```` ```ledger ```` ...) as
pymdownx.superfences custom fences, so they work wherever a code block does: at the
top level, inside admonitions, content tabs and list items.

- ``register(config, name, formatter)`` adds a fence (keeps the ones already there);
- ``find(markdown, name)`` yields the bodies of every block of that name, at any
  indentation (for work that must happen before pages are converted, such as running
  snippets);
- ``check_languages`` fails the build for a fence whose language is neither a
  registered custom fence nor a language Pygments knows: a misspelt ```` ```snipet ````
  would otherwise show raw YAML and pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml
from mkdocs.exceptions import PluginError
from pymdownx.superfences import SuperFencesException as FenceFailure  # noqa: F401 - re-exported

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster when present
OPENER = re.compile(
    r"^(?P<indent>(?:[ \t]|>[ \t]?)*)(?P<fence>`{3,}|~{3,})[ \t]*\{?\.?(?P<lang>[\w+#.-]*)", re.MULTILINE
)
# Languages that are not Pygments lexers but are fine in a fence.
PLAIN = {"", "text", "plain", "txt", "output", "console"}


def register(config, name: str, formatter, validator=None) -> None:
    """Add (or replace) the custom fence ``name`` in pymdownx.superfences' options."""
    if "pymdownx.superfences" not in config.markdown_extensions:
        config.markdown_extensions.append("pymdownx.superfences")
    options = config.mdx_configs.setdefault("pymdownx.superfences", {})
    custom = [f for f in options.get("custom_fences", []) if f.get("name") != name]
    entry = {"name": name, "class": name, "format": formatter}
    if validator is not None:
        entry["validator"] = validator
    options["custom_fences"] = custom + [entry]


def registered(config) -> set[str]:
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

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


class _Loader(YAML_LOADER):
    """The YAML loader, refusing a key repeated in one mapping (YAML keeps the last one)."""


def _mapping(loader, node, deep=False):
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


def load_yaml(body: str):
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


def check_languages(markdown: str, page: str, config) -> None:
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
