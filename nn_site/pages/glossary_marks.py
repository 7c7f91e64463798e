"""Glossary terms marked once per page, reachable by keyboard (issue 13).

The ``abbr`` extension (fed by ``includes/abbreviations.md``, see
``nn_site/pages/courses.py``) marks every occurrence of every term: 97 dotted
underlines on the mapping page alone. A reader needs the definition where a term
first appears; after that the marks are noise. `first_use_only` keeps the first
``<abbr>`` of each term on a page (plural and capitalised forms share the term's
definition, so they count as the same term) and turns the rest back into plain text.
The kept ones get ``tabindex="0"``: Material's tooltip (``content.tooltips``) then
opens on keyboard focus and on tap, not only on mouse hover.
"""

from __future__ import annotations

import re

ABBR = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<text>.*?)</abbr>', re.DOTALL)
LINK = re.compile(r"<a\b[^>]*>.*?</a>", re.DOTALL)


def first_use_only(html: str) -> str:
    """A term inside a link is left plain (the link is what a reader tabs to and opens;
    HTML allows no focusable element inside it): its first use outside links is marked."""
    seen: set[str] = set()
    links = [m.span() for m in LINK.finditer(html)]

    def in_link(at: int) -> bool:
        return any(start < at < end for start, end in links)

    def mark(match: re.Match) -> str:
        if match["title"] in seen or in_link(match.start()):
            return match["text"]
        seen.add(match["title"])
        return f'<abbr title="{match["title"]}" tabindex="0">{match["text"]}</abbr>'

    return ABBR.sub(mark, html)
