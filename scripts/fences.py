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
OPENER = re.compile(r"^(?P<indent>(?:[ \t]|>[ \t]?)*)(?P<fence>`{3,}|~{3,})[ \t]*\{?\.?(?P<lang>[\w+#.-]*)",
                    re.MULTILINE)
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
    lines = markdown.split("\n")
    i = 0
    while i < len(lines):
        opener = OPENER.match(lines[i])
        if opener and opener["lang"] == name and lines[i][opener.end():].strip() in ("", "}"):
            indent, fence = opener["indent"], opener["fence"]
            body = []
            i += 1
            while i < len(lines):
                line = lines[i]
                stripped = line[len(indent):] if line.startswith(indent) else line.lstrip()
                if stripped.rstrip() and set(stripped.strip()) == {fence[0]} and len(stripped.strip()) >= len(fence):
                    break
                body.append(stripped)
                i += 1
            yield "\n".join(body)
        i += 1


def load_yaml(body: str):
    """A block's YAML body (``ValueError`` if it is not YAML)."""
    try:
        return yaml.load(body, Loader=YAML_LOADER) or {}
    except yaml.YAMLError as exc:
        raise ValueError(str(exc)) from None


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
            rest = line[opener.end():].strip()
            if fence[0] == in_fence[0] and len(fence) >= len(in_fence) and not opener["lang"] and not rest:
                in_fence = None
            continue
        in_fence = fence
        lang = opener["lang"].lower()
        if lang in custom or lang in PLAIN or _known_language(lang):
            continue
        raise PluginError(f"{page}:{number}: a fenced block of unknown kind '{lang}' "
                          f"(custom blocks: {', '.join(sorted(custom))}; or a Pygments language)")
