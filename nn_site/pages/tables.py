"""Content tables scroll in a box of their own that a reader can see and reach (issue 29).

At 390 px eleven pages had tables that scrolled sideways with no sign that they did:
Material's own scroll wrapper is added by its script, unnamed and unfocusable, and the
table's background hid the wrapper's edge shadow. `wrap_tables` puts each content table
(a Markdown table: no class) in ``<div class="nn-table-scroll">`` in the built HTML,
focusable and named the way a wide display equation's box is, so a keyboard can scroll
it and a screen reader says what it is without any script. site.css ("Tables on a
phone") draws the edge cue on it. The ledger's tables become cards on a phone and never
scroll, so they are left as they are.
"""

from __future__ import annotations

import re

TABLE = re.compile(r"(?P<before><div class=\"ledger-table[^\"]*\">\s*)?<table>.*?</table>", re.DOTALL)
SCROLL_BOX = '<div class="nn-table-scroll" tabindex="0" role="region" aria-label="Table, scrolls sideways">'


def wrap_tables(html: str) -> str:
    """Every Markdown table outside the ledger inside a named, focusable scroll box."""

    def wrap(match: re.Match) -> str:
        if match["before"] is not None:
            return match[0]
        return f"{SCROLL_BOX}{match[0]}</div>"

    return TABLE.sub(wrap, html)
