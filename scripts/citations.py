"""Author-year citations from the one bibliography, ``docs/references.bib``.

In a page, ``[@azevedo2009]`` or ``[@hebb1949; @bi1998]`` becomes a linked
"(Azevedo et al. 2009)"; each page ends with the full entries it cited (with DOI
links), and the References page lists them all. pybtex parses and formats the
entries; only the pandoc-like citation syntax is matched here, because no MkDocs
plugin gives author-year links plus per-page lists from one .bib file.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from pybtex.database import BibliographyData, parse_file
from pybtex.plugin import find_plugin

CITATION = re.compile(r"\[(@[\w:-]+(?:\s*;\s*@[\w:-]+)*)\]")
KEY = re.compile(r"@([\w:-]+)")


class CitationError(Exception):
    """A page cites a key that is not in the bibliography."""


@dataclass
class Bibliography:
    data: BibliographyData
    formatted: dict[str, str]  # key -> HTML of the full entry

    @classmethod
    def load(cls, path: Path) -> Bibliography:
        data = parse_file(str(path))
        style = find_plugin("pybtex.style.formatting", "unsrt")()
        formatted = {e.key: e.text.render_as("html") for e in style.format_entries(data.entries.values())}
        return cls(data, formatted)

    def label(self, key: str) -> str:
        """'Hebb 1949', 'Bi & Poo 1998', 'Azevedo et al. 2009'."""
        entry = self.data.entries[key]
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        names = [" ".join(p.last_names) for p in people] or [entry.fields.get("organization", key)]
        names = [html.unescape(re.sub(r"[{}\\']", "", n)) for n in names]
        if len(names) == 1:
            who = names[0]
        elif len(names) == 2:
            who = f"{names[0]} & {names[1]}"
        else:
            who = f"{names[0]} et al."
        return f"{who} {entry.fields.get('year', 'n.d.')}"

    def sorted_keys(self, keys) -> list[str]:
        return sorted(set(keys), key=lambda k: (self.label(k).lower(), k))

    def cite(self, markdown: str) -> tuple[str, list[str]]:
        """Replace citations in ``markdown`` with links to the page's own reference list.

        Returns the new markdown and the keys cited, in order of first citation.
        """
        cited: list[str] = []

        def replace(match: re.Match) -> str:
            keys = KEY.findall(match.group(1))
            missing = [k for k in keys if k not in self.data.entries]
            if missing:
                raise CitationError(f"unknown citation key(s) {', '.join(missing)} in references.bib")
            cited.extend(k for k in keys if k not in cited)
            links = "; ".join(f'<a href="#ref-{k}">{self.label(k)}</a>' for k in keys)
            return f'<span class="citation">({links})</span>'

        return CITATION.sub(replace, markdown), cited

    def entries_html(self, keys) -> str:
        items = "\n".join(
            f'<li id="ref-{k}" class="reference">{self.formatted[k]}</li>' for k in self.sorted_keys(keys)
        )
        return f'<ul class="references">\n{items}\n</ul>'
