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

Nor does a mark sit close to the one before it (``MIN_GAP``): the instructors' page
listed "dendrites, soma, axon hillock, axon, synapses", five underlines in a row. A
term whose first use follows the last mark by less than about a line of text is left
plain there and gets its mark at its next use in prose, if any (the glossary has it).

The kept ones get ``tabindex="0"``: Material's tooltip (``content.tooltips``) then
opens on keyboard focus and on tap, not only on mouse hover.
"""

from __future__ import annotations

import re

ABBR = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<text>.*?)</abbr>', re.DOTALL)
LINK = re.compile(r"<a\b[^>]*>.*?</a>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
# Characters of text from one kept mark to the next, at least: about a line of body
# text at 1280 px (two on a phone), so that no line reads as a row of dotted words.
MIN_GAP = 100
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
    (``NOT_PROSE``) or within ``MIN_GAP`` characters of text after the last mark: the
    first use in prose, outside links, at least that far from the last mark, is marked."""
    seen: set[str] = set()
    plain = [m.span() for pattern in (LINK, NOT_PROSE) for m in pattern.finditer(html)]
    last_mark_end: int | None = None

    def in_plain(at: int) -> bool:
        return any(start < at < end for start, end in plain)

    def too_close(at: int) -> bool:
        return last_mark_end is not None and len(TAG.sub("", html[last_mark_end:at])) < MIN_GAP

    def mark(match: re.Match) -> str:
        nonlocal last_mark_end
        if match["title"] in seen or in_plain(match.start()) or too_close(match.start()):
            return match["text"]
        seen.add(match["title"])
        last_mark_end = match.end()
        return f'<abbr title="{match["title"]}" tabindex="0">{match["text"]}</abbr>'

    return ABBR.sub(mark, html)
