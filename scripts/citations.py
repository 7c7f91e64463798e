"""Author-year citations from the one bibliography, ``docs/references.bib``.

In a page, ``[@azevedo2009]`` or ``[@hebb1949; @bi1998]`` becomes a linked
"(Azevedo et al. 2009)"; each page ends with the full entries it cited (with DOI
links), and the References page lists them all. pybtex parses and formats the
entries; only the pandoc-like citation syntax is matched here, because no MkDocs
plugin gives author-year links plus per-page lists from one .bib file.

Formatting with pybtex costs a few tenths of a second, so the formatted entries
are cached beside the snippet cache, keyed by the .bib file's hash.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

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
    return f"{who} {entry.fields.get('year', 'n.d.')}"


def _format(path: Path) -> dict[str, dict[str, str]]:
    from pybtex.database import parse_file
    from pybtex.plugin import find_plugin

    data = parse_file(str(path))
    style = find_plugin("pybtex.style.formatting", "unsrt")()
    return {
        e.key: {"label": _label(data.entries[e.key]), "html": e.text.render_as("html")}
        for e in style.format_entries(data.entries.values())
    }


@dataclass
class Bibliography:
    entries: dict[str, dict[str, str]]  # key -> {"label": "Hebb 1949", "html": full entry}

    @classmethod
    def load(cls, path: Path, cache: Path) -> Bibliography:
        source = path.read_bytes()
        key = hashlib.sha256(source + version("pybtex").encode() + Path(__file__).read_bytes()).hexdigest()
        cached = cache / f"bibliography-{key[:20]}.json"
        if cached.exists():
            return cls(json.loads(cached.read_text()))
        entries = _format(path)
        cache.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(entries))
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
