"""Author-year citations from the one bibliography, ``docs/references.bib``.

In a page, ``[@azevedo2009]`` or ``[@hebb1949; @bi1998]`` becomes a linked
"(Azevedo et al. 2009)"; each page ends with the full entries it cited (with DOI
links), and the References page lists them all. pybtex parses and formats the
entries; only the pandoc-like citation syntax is matched here, because no MkDocs
plugin gives author-year links plus per-page lists from one .bib file.

Formatting with pybtex costs a few tenths of a second, so the formatted entries
are cached in the build cache (scripts/cache.py: checked, atomic, pruned), keyed by
the .bib file's hash. Both hooks share one instance (``site_bibliography``). Every
field reaches the page escaped: a ``<script>`` in a title is text, and a DOI or URL
that could not be one (quotes, spaces, angle brackets) fails the build.
"""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import cache

CITATION = re.compile(r"\[(@[\w:-]+(?:\s*;\s*@[\w:-]+)*)\]")
KEY = re.compile(r"@([\w:-]+)")


class CitationError(Exception):
    """A page cites a key that is not in the bibliography."""


def _label(entry) -> str:
    """'Hebb 1949', 'Bi & Poo 1998', 'Azevedo et al. 2009'."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    # The "von" part belongs to the surname in a citation: "del Castillo & Katz 1954".
    names = [" ".join(p.prelast_names + p.last_names) for p in people]
    names = names or [entry.fields.get("organization", entry.key)]
    # latexcodec (a pybtex dependency) turns TeX accents into Unicode: {\"o} -> ö.
    names = [codecs.decode(n, "ulatex").replace("{", "").replace("}", "") for n in names]
    if len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} & {names[1]}"
    else:
        who = f"{names[0]} et al."
    return html.escape(f"{who} {entry.fields.get('year', 'n.d.')}")


LINK_FIELD = re.compile(r"^[^\s\"'<>`]+$")


def _check_links(data, path: Path) -> None:
    """A DOI or URL goes into an href: one that could leave the attribute fails."""
    for key, entry in data.entries.items():
        for name in ("doi", "url"):
            value = entry.fields.get(name)
            if value is not None and not LINK_FIELD.match(value):
                raise CitationError(f"{path}: entry '{key}': field {name} = {value!r} is not a valid "
                                    f"{name.upper()} (no spaces, quotes or angle brackets)")


def _format(path: Path) -> dict[str, dict[str, str]]:
    from pybtex.database import parse_file
    from pybtex.plugin import find_plugin

    data = parse_file(str(path))
    _check_links(data, path)
    style = find_plugin("pybtex.style.formatting", "unsrt")()
    return {
        e.key: {"label": _label(data.entries[e.key]), "html": e.text.render_as("html")}
        for e in style.format_entries(data.entries.values())
    }


@dataclass
class Bibliography:
    entries: dict[str, dict[str, str]]  # key -> {"label": "Hebb 1949", "html": full entry}

    @classmethod
    def load(cls, path: Path, folder: Path) -> Bibliography:
        """The formatted entries of ``path``, from ``folder`` (the cache) when they are there."""
        cached = folder / f"{cache.key(path, version('pybtex'), Path(__file__))}.json"
        entries = cache.read_json(cached)  # None if absent; a corrupt entry is discarded
        if not isinstance(entries, dict):
            entries = _format(path)
            cache.write_json(cached, entries)
        return cls(entries)

    def label(self, key: str) -> str:
        return self.entries[key]["label"]

    def sorted_keys(self, keys) -> list[str]:
        return sorted(set(keys), key=lambda k: (self.label(k).lower(), k))

    def cite(self, markdown: str) -> tuple[str, list[str]]:
        """Replace citations in ``markdown`` with links to the page's own reference list.

        Returns the new markdown and the keys cited, in order of first citation.
        """
        cited: list[str] = []

        def replace(match: re.Match) -> str:
            keys = KEY.findall(match.group(1))
            missing = [k for k in keys if k not in self.entries]
            if missing:
                raise CitationError(f"unknown citation key(s) {', '.join(missing)} in references.bib")
            cited.extend(k for k in keys if k not in cited)
            links = "; ".join(f'<a href="#ref-{k}">{self.label(k)}</a>' for k in keys)
            return f'<span class="citation">({links})</span>'

        return CITATION.sub(replace, markdown), cited

    def entries_html(self, keys) -> str:
        items = "\n".join(
            f'<li id="ref-{k}" class="reference">{self.entries[k]["html"]}</li>' for k in self.sorted_keys(keys)
        )
        return f'<ul class="references">\n{items}\n</ul>'


_loaded: dict[tuple[Path, Path], tuple[int, Bibliography]] = {}


def site_bibliography(path: Path, folder: Path) -> Bibliography:
    """The one Bibliography of ``path`` for this process (reloaded when the file changes)."""
    stamp = path.stat().st_mtime_ns
    known = _loaded.get((path, folder))
    if known is None or known[0] != stamp:
        known = (stamp, Bibliography.load(path, folder))
        _loaded[(path, folder)] = known
    cache.mark_used(folder / f"{cache.key(path, version('pybtex'), Path(__file__))}.json")
    return known[1]


TEXT_ONLY = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>|<script\b.*?</script>|<[^>]*>)",
                       re.DOTALL | re.IGNORECASE)


def cite_html(bibliography: Bibliography, page_html: str, where: str) -> tuple[str, list[str]]:
    """Citations in the text of ``page_html`` -> links; never inside code, a tag or a script
    (printed output or a code block may show ``[@key]`` literally). Errors name ``where``."""
    from mkdocs.exceptions import PluginError

    cited: list[str] = []
    parts = TEXT_ONLY.split(page_html)
    for i in range(0, len(parts), 2):  # even items: text between tags
        if "[" not in parts[i]:
            continue
        try:
            parts[i], keys = bibliography.cite(parts[i])
        except CitationError as exc:
            raise PluginError(f"{where}: {exc}") from None
        cited.extend(k for k in keys if k not in cited)
    return "".join(parts), cited
