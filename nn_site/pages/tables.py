"""Content tables scroll in a box of their own that a reader can see and reach (issue 29).

At 390 px eleven pages had tables that scrolled sideways with no sign that they did:
Material's own scroll wrapper is added by its script, unnamed and unfocusable, and the
table's background hid the wrapper's edge shadow. `wrap_tables` puts each content table
(a Markdown table: no class) in ``<div class="nn-table-scroll">`` in the built HTML,
focusable and named the way a wide display equation's box is, so a keyboard can scroll
it and a screen reader says what it is without any script. site.css ("Tables on a
phone") draws the edge cue on it. The ledger's tables become cards on a phone and never
scroll, so they are left as they are.

A table whose last column holds only links (the instructors' "Pages" columns) or only
citations (scale-and-energy's "Source": at 390 px the column was cut mid-name, visual
review 5) had exactly what a reader came for off screen on a phone. Such a table is marked
``nn-table-cards`` and each cell gets its column's heading (``data-label``): on a
phone site.css stacks each row as a card, every cell under its heading.

So is a table with a cell that holds a sentence (``data-long``, from reading.py), as
the ledger's are. Such a column keeps 15 rem on a phone, so with any other column beside
it the table scrolled, and a visual review found the content of eleven such tables off
screen at 390 px (the register of quantities showed 358 of its 974 px, the chips table
on spiking-networks 358 of 695) with a cue too faint to see. Cards never scroll. A
table of words and numbers stays a table: it fits, or it scrolls a little, with the
edge shadow (site.css).
"""

from __future__ import annotations

import html as html_lib
import re

# A table inside one of these divs keeps its own phone layout and is left as it is: the
# ledger's (cards) and the corrections log's summary (two lines a row).
TABLE = re.compile(
    r"(?P<before><div class=\"(?:ledger-table|corrections-summary)[^\"]*\">\s*)?<table>.*?</table>", re.DOTALL
)
HEAD_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)
BODY = re.compile(r"<tbody>.*?</tbody>", re.DOTALL)
ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
CELL = re.compile(r"<td(?P<attrs>[^>]*)>(?P<body>.*?)</td>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
LONG_ATTR = re.compile(r"\sdata-long\b")
ONLY_LINKS = re.compile(r"\s*<a\b[^>]*>.*?</a>(?:\s*[,;]\s*<a\b[^>]*>.*?</a>)*\s*", re.DOTALL)
# A column of sources: one citation per cell, "(Author Year)" or "(A 2001; B 2002)".
ONLY_CITATION = re.compile(
    r'\s*<span class="citation">\(?<a\b[^>]*>.*?</a>(?:\s*[,;]\s*<a\b[^>]*>.*?</a>)*\)?</span>\s*', re.DOTALL
)
# Each box is a region landmark, so each needs a name of its own on the page (axe's
# landmark-unique): the table's number. A card table does not scroll on a phone.
SCROLL_BOX = '<div class="{kind}" tabindex="0" role="region" aria-label="{label}">'
# A heading's MathML (``<math><msub><mi>w</mi><mi>i</mi></msub></math>``) flattened to
# its text read "Weight w i" on a phone card (visual review 6): a label is plain text
# (an attribute), so its sub- and superscripts become Unicode ones where they exist.
MATH = re.compile(r"<math\b[^>]*>.*?</math>", re.DOTALL)
SCRIPT = re.compile(
    r"<(?P<tag>msub|msup)>\s*(?P<base><(?P<b>m[ion])\b[^>]*>[^<]*</(?P=b)>)\s*(?P<script>.*?)</(?P=tag)>", re.DOTALL
)
SUBSCRIPTS = dict(zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))
SUPERSCRIPTS = dict(zip("0123456789+-=()in", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁱⁿ"))
SPACES = re.compile(r"\s+")


def _script(match: re.Match) -> str:
    """A MathML sub- or superscript as its base and Unicode script characters, or as
    ``base_script`` / ``base^script`` where a character has no Unicode script form."""
    base = TAG.sub("", match["base"]).strip()
    script = SPACES.sub("", TAG.sub("", match["script"]))
    table, mark = (SUBSCRIPTS, "_") if match["tag"] == "msub" else (SUPERSCRIPTS, "^")
    if script and all(ch in table for ch in script):
        return base + "".join(table[ch] for ch in script)
    return f"{base}{mark}{script}"


def _math_text(math: re.Match) -> str:
    inner = math[0]
    while True:  # innermost scripts first: a script of a script is read as plain text
        replaced = SCRIPT.sub(_script, inner)
        if replaced == inner:
            break
        inner = replaced
    return SPACES.sub("", TAG.sub("", inner))


def label_text(heading: str) -> str:
    """A column heading's HTML as the plain text of a card label (``data-label``)."""
    text = html_lib.unescape(TAG.sub("", MATH.sub(_math_text, heading)))
    return html_lib.escape(SPACES.sub(" ", text).strip())


def _as_cards(table: str) -> str | None:
    """The table with each cell labelled by its column's heading, if its last column
    holds only links (or one citation) in every row or any cell holds a sentence; None
    otherwise."""
    heads = [label_text(h) for h in HEAD_CELL.findall(table)]
    body = BODY.search(table)
    if not heads or body is None:
        return None
    rows = [CELL.findall(row) for row in ROW.findall(body[0])]
    if not rows:
        return None
    links_last = all(
        cells and (ONLY_LINKS.fullmatch(cells[-1][1]) or ONLY_CITATION.fullmatch(cells[-1][1])) for cells in rows
    )
    sentences = any(LONG_ATTR.search(attrs) for cells in rows for attrs, _ in cells)
    if not (links_last or sentences):
        return None

    def label_row(row: re.Match) -> str:
        column = iter(heads)

        def label(cell: re.Match) -> str:
            heading = next(column, "")
            # An empty cell (scale-and-energy's "Range" of a single value) has nothing to
            # label: no data-label, and on a phone no row of its card (site.css).
            if not cell["body"].strip():
                return f"<td{cell['attrs']}></td>"
            return f'<td{cell["attrs"]} data-label="{heading}">{cell["body"]}</td>'

        return CELL.sub(label, row[0])

    return table[: body.start()] + ROW.sub(label_row, body[0]) + table[body.end() :]


def wrap_tables(html: str, name: str | None = None) -> str:
    """Every Markdown table outside the ledger inside a named, focusable scroll box, named
    by its number on the page ("Table 2"), or ``name`` for a table added to a page after
    its own were numbered."""

    number = 0

    def wrap(match: re.Match) -> str:
        nonlocal number
        if match["before"] is not None:
            return match[0]
        number += 1
        table = name or f"Table {number}"
        cards = _as_cards(match[0])
        if cards is not None:
            return SCROLL_BOX.format(kind="nn-table-scroll nn-table-cards", label=table) + cards + "</div>"
        label = f"{table}, scrolls sideways"
        return SCROLL_BOX.format(kind="nn-table-scroll", label=label) + match[0] + "</div>"

    return TABLE.sub(wrap, html)
