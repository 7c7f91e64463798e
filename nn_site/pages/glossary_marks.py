"""Glossary terms marked once per page, in running prose, reachable by keyboard (issues 13, 29).

The ``abbr`` extension (fed by ``includes/abbreviations.md``, see
``nn_site/pages/courses.py``) marks every occurrence of every term: 97 dotted
underlines on the mapping page alone. A reader needs the definition where a term
first appears; after that the marks are noise. `first_use_only` keeps the first
``<abbr>`` of each term on a page (plural and capitalised forms share the term's
definition, so they count as the same term) and turns the rest back into plain text.

Only running prose counts (issue 29: a page of dotted words read badly). A term is never
marked where a reader scans rather than reads, and where a mark only adds dots: in a
heading, a table, a figure caption, an admonition's title or a disclosure's summary
(``NOT_PROSE``). The term's first use in prose, before or after such a place, gets the
mark. One per page, not one per section: a section is no page of its own, and the
glossary page is one link away.

The kept ones get ``tabindex="0"``: Material's tooltip (``content.tooltips``) then
opens on keyboard focus and on tap, not only on mouse hover.
"""

from __future__ import annotations

import re

ABBR = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<text>.*?)</abbr>', re.DOTALL)
LINK = re.compile(r"<a\b[^>]*>.*?</a>", re.DOTALL)
# Where a mark is never kept: none of these elements nests in itself in a page's HTML
# (Markdown makes no table in a table), so the first closing tag ends each.
NOT_PROSE = re.compile(
    r"<(?P<tag>h[1-6]|table|figcaption|summary)\b[^>]*>.*?</(?P=tag)>"
    r'|<p class="admonition-title">.*?</p>',
    re.DOTALL,
)


def first_use_only(html: str) -> str:
    """A term inside a link is left plain (the link is what a reader tabs to and opens;
    HTML allows no focusable element inside it), and so is one outside running prose
    (``NOT_PROSE``): the first use in prose, outside links, is marked."""
    seen: set[str] = set()
    plain = [m.span() for pattern in (LINK, NOT_PROSE) for m in pattern.finditer(html)]

    def in_plain(at: int) -> bool:
        return any(start < at < end for start, end in plain)

    def mark(match: re.Match) -> str:
        if match["title"] in seen or in_plain(match.start()):
            return match["text"]
        seen.add(match["title"])
        return f'<abbr title="{match["title"]}" tabindex="0">{match["text"]}</abbr>'

    return ABBR.sub(mark, html)
