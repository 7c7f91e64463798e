"""Typography of numbers in a page's prose and captions (issue 29).

Python-Markdown's ``smarty`` extension (mkdocs.yml) sets curly quotes, apostrophes and
``--``/``---`` dashes. What it does not do, and no Markdown extension we know of does, is
set numbers (and a spaced hyphen between words, or between a word and a number or
inline math, a dash): a real minus sign before a number (−70 mV, not -70 mV), an en dash in a
numeric range (10–20), one thousands convention (a narrow no-break space, U+202F, in
numbers of five digits or more: 20 000; none in four: 1500), a no-break space between
a number and its unit (70 mV) and a narrow one before a per cent sign (90.3 %, never
split at a line's end). This module does that, on the text between tags of the
page's HTML only: never inside code, preformatted text, keyboard or sample text, math,
scripts, styles, tables of data, the reference list, a URL, or any attribute (a glossary
tooltip or an alt text keeps its markup and its bytes).

An opening bracket never ends a line: an inline equation is laid out as one box, and a
browser breaks before that box even after a "(" (the rule that keeps a bracket with the
word after it does not reach it), so "(" and the equation it opens, with the closing
punctuation right after the equation, are wrapped in a ``span.nn-nowrap`` (site.css).
So is an equation followed right away by punctuation, with that punctuation: a browser
may break between the equation's box and a "." or "," after it, which then starts the
next line (visual review 6 at 390 px).

Apostrophes and quotes curly, also in text that reaches the page past smarty: a
glossary term marked in prose (the ``abbr`` extension's text is atomic), an author's
name in a citation (Feigel’man), a notebook's Markdown. An apostrophe between letters
or after a plural's s, and a pair of double quotes within one run of text.

One dash convention in prose: the spaced en dash (" – "), which is what a spaced hyphen
becomes here. An em dash, spaced or not, as Markdown's ``---`` or written as such, is set
the same way, so that a page never mixes the two.
"""

from __future__ import annotations

import re

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
MINUS = "\u2212"
EN_DASH = "\u2013"

# Elements whose text is data or code, set as written.
SKIP_TAGS = frozenset({"code", "pre", "kbd", "samp", "math", "script", "style", "textarea", "svg", "table", "var"})
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
# The reference list (``<ul class="references">`` of ``id="ref-key"`` items,
# nn_site/pages/citations.py): page numbers and identifiers as the source prints them.
# The list is matched by its class too: on the print page each id carries its page's
# prefix (``id="mapping-ref-key"``).
SKIP_ID = re.compile(r'\bid="ref-|\bclass="references"')

TOKEN = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
URL_LIKE = re.compile(r"://|www\.|doi\.org|\bdoi:", re.I)

UNITS = (
    "mV|µV|V|ms|µs|ns|s|min|Hz|kHz|MHz|GHz|pA|nA|µA|mA|pS|nS|µS|mS|pF|nF|µF|MΩ|GΩ|kΩ|Ω|"
    "nm|µm|mm|cm|km|mW|kW|MW|W|fJ|pJ|nJ|µJ|mJ|kJ|J|°C|kWh|TWh|mM|µM|nM|dB|TB|GB|MB|kB"
)
# After a digit, a superscript digit included (10⁻⁶ ms: a power of ten in reader notation).
NUMBER_UNIT = re.compile(rf"(?<=[\d⁰¹²³⁴⁵⁶⁷⁸⁹]) (?=(?:{UNITS})(?![\w]))")
PERCENT = re.compile(r"(?<=[\d⁰¹²³⁴⁵⁶⁷⁸⁹]) (?=%)")
# A power of ten in reader notation (6.5 × 10⁵, as the register and the printed results
# write it): one unbreakable unit, as the register sets it (nn_site/pages/quantities.py).
TIMES_POWER = re.compile(r"(?<=\d) × (?=10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹])")
# An opening bracket right before an inline equation, and the closing punctuation right
# after one: kept on the equation's line.
OPENS_MATH = re.compile(r"[(\[{]$")
CLOSES_MATH = re.compile(r"^[)\]}]*[.,;:!?]?")
NOWRAP = '<span class="nn-nowrap">'
# A hyphen before a number that stands alone (after a space, a bracket, '=' or the
# start): a minus sign. Not after a letter or digit (x-1, 2026-01), a dot or a slash.
NEGATIVE = re.compile(r"(?:(?<=^)|(?<=[\s(\[=≈<>±:;]))-(?=\d)")
# Two numbers joined by a hyphen, standing alone (not a date 2026-01-01, nor a path).
RANGE = re.compile(r"(?<![\w.\-/–−])(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)(?![\w\-/]|\.\d)")
COMMA_GROUPED = re.compile(r"(?<![\w.,/\-])(\d{1,3}(?:,\d{3})+)(?!\w|,\d|\.\d)")
# A hyphen with a space either side, between words: a parenthetical dash (an en dash,
# spaced). Not between single letters, which is more likely arithmetic (w - 3).
SPACED_HYPHEN = re.compile(r"(?<=[^\W\d_]{2}) - (?=[^\W\d_]|\d)")
# The same dash where inline math stands on one side: the run of prose ends before the
# <math> ("below it - <math>m</math>") or begins after it ("<math>m</math> - opens").
HYPHEN_BEFORE_MATH = re.compile(r"(?<=[^\W\d_]{2}) - $")
HYPHEN_AFTER_MATH = re.compile(r"^ - (?=[^\W\d_]{2})")
# The same after an inline element closes ("<span>Left</span> - the cubic": a caption's
# panel words, nn_site/pages/panel_words.py; a link or emphasis before a dash).
INLINE_TAGS = frozenset({"span", "a", "em", "strong", "abbr", "b", "i"})
# An em dash between words (spaced or not; the character or smarty's entity): the
# site's one parenthetical dash, the spaced en dash.
EM_DASH = re.compile(r"[ \t]*(?:\u2014|&mdash;|&#8212;|&#x2014;)[ \t]*")
QUOTE = r"(?:'|&#x27;|&#39;)"  # as written, or as html.escape writes it (a citation's author)
APOSTROPHE = re.compile(rf"(?<=[^\W\d_]){QUOTE}(?=[^\W\d_])|(?<=s){QUOTE}(?=[\s,.;:)])")
DOUBLE_QUOTED = re.compile(r'(?<![\w"])"(\S[^"]*?)"(?![\w"])')
LONG_NUMBER = re.compile(r"(?<![\w.,/\-#])(\d{5,})(?!\w|[.,]\d)")


def grouped(digits: str) -> str:
    """'20000' -> '20 000' (narrow no-break spaces); four digits or fewer stay as they are."""
    if len(digits) < 5:
        return digits
    head = len(digits) % 3 or 3
    return NARROW_NBSP.join([digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)])


def set_dashes(text: str) -> str:
    """The dash and quote rules, on one run of prose: every em dash a spaced en dash,
    apostrophes and paired double quotes curly."""
    text = DOUBLE_QUOTED.sub("\u201c\\1\u201d", APOSTROPHE.sub("\u2019", text))
    return EM_DASH.sub(f" {EN_DASH} ", text)


def set_numbers(text: str) -> str:
    """The number rules, on one run of prose (no markup in it)."""
    if URL_LIKE.search(text):
        return text
    text = COMMA_GROUPED.sub(lambda m: grouped(m[1].replace(",", "")), text)
    text = LONG_NUMBER.sub(lambda m: grouped(m[1]), text)
    text = RANGE.sub(lambda m: f"{m[1]}{EN_DASH}{m[2]}", text)
    text = NEGATIVE.sub(MINUS, text)
    text = SPACED_HYPHEN.sub(f" {EN_DASH} ", text)
    text = PERCENT.sub(NARROW_NBSP, text)
    text = TIMES_POWER.sub(f"{NBSP}×{NBSP}", text)
    return NUMBER_UNIT.sub(NBSP, text)


def _punctuated(html: str, start: int) -> bool:
    """The inline equation opened before ``start`` is followed right after its
    ``</math>`` by closing punctuation (a "." or "," that must not start the next line)."""
    close = html.find("</math>", start)
    after = close + len("</math>")
    return close >= 0 and bool(CLOSES_MATH.match(html[after : after + 8])[0])


def typeset(html: str, numbers: bool = True) -> str:
    """``html`` with the number and dash rules applied to its prose text (see the module's
    docstring); with ``numbers=False`` the dash rule only."""
    prose = (lambda text: set_dashes(set_numbers(text))) if numbers else set_dashes
    out: list[str] = []
    skipping: list[str] = []  # the open elements whose text is left alone (their tag names)
    position = 0
    after_math = False  # the previous token closed an inline <math> in prose
    after_inline = False  # the previous token closed an inline element (INLINE_TAGS)
    bracketed = False  # the inline <math> open now follows an opening bracket (span.nn-nowrap)
    for match in TOKEN.finditer(html):
        text = html[position : match.start()]
        token = match[0]
        if text and not skipping:
            text = prose(text)
            if token.startswith("<math"):
                text = HYPHEN_BEFORE_MATH.sub(f" {EN_DASH} ", text)
            if after_math or after_inline:
                text = HYPHEN_AFTER_MATH.sub(f" {EN_DASH} ", text)
        if after_math and bracketed:  # the span ends after the punctuation that follows
            end = CLOSES_MATH.match(text).end() if not skipping else 0
            text = text[:end] + "</span>" + text[end:]
            bracketed = False
        if not skipping and token.startswith("<math") and 'display="block"' not in token:
            if OPENS_MATH.search(text):
                text = text[:-1] + NOWRAP + text[-1]
                bracketed = True
            elif _punctuated(html, match.end()):
                text += NOWRAP
                bracketed = True
        out.append(text)
        after_math = after_inline = False
        out.append(token)
        position = match.end()
        tag = TAG.match(token)
        if tag is None:
            continue
        closing, name = tag[1] == "/", tag[2].lower()
        if name in VOID_TAGS or token.endswith("/>"):
            continue
        if closing:
            if skipping:
                skipping.pop()
            after_math = name == "math" and not skipping
            after_inline = name in INLINE_TAGS and not skipping
        elif skipping or name in SKIP_TAGS or SKIP_ID.search(token):
            # Inside a skipped element every element is counted, so that its own closing
            # tag ends the skip (the HTML that Markdown and Temml write is well nested).
            skipping.append(name)
    tail = html[position:]
    if not skipping:
        tail = prose(tail)
        if after_math or after_inline:
            tail = HYPHEN_AFTER_MATH.sub(f" {EN_DASH} ", tail)
    if after_math and bracketed:
        end = CLOSES_MATH.match(tail).end()
        tail = tail[:end] + "</span>" + tail[end:]
    out.append(tail)
    return "".join(out)
