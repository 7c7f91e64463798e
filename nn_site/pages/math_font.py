"""The math font, subset at build time to the characters the site's math uses.

STIX Two Math (docs/assets/fonts/, OFL) is 403 KB; the site's formulas use ~130
characters. fontTools keeps the glyphs for those characters and, through the OpenType
MATH table (kept), their size variants and stretchy parts (big sums, tall brackets,
long arrows), so MathML sets exactly as with the whole font (issue 19). The browser
shows a one-letter <mi> as its Mathematical Italic code point (x -> U+1D465, ∂ ->
U+1D715), so each letter's and symbol's italic form is kept too.

The subset is cached under the build cache, keyed by the source font, the characters
and fontTools' version; the same input gives the same bytes (byte-identical builds).
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import unicodedata
from importlib.metadata import version
from pathlib import Path

from nn_site.engine import cache as cache_module

MATH = re.compile(r"<math\b.*?</math>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
ALWAYS = set("0123456789") | {"\u0131", "\u0237"}  # digits; dotless i and j (accents)


# The one-character <mi>s MathML Core also shows in italic that are not plain letters
# (its table of the italic mappings): without their italic forms in the subset, the
# browser drew ∂, ϕ and ϵ from another, system font (issue 29: one math font).
ITALIC_SYMBOLS = {
    "\u2202": "MATHEMATICAL ITALIC PARTIAL DIFFERENTIAL",
    "\u2207": "MATHEMATICAL ITALIC NABLA",
    "\u0131": "MATHEMATICAL ITALIC SMALL DOTLESS I",
    "\u0237": "MATHEMATICAL ITALIC SMALL DOTLESS J",
    "\u03f4": "MATHEMATICAL ITALIC CAPITAL THETA SYMBOL",
    "\u03f5": "MATHEMATICAL ITALIC EPSILON SYMBOL",
    "\u03d1": "MATHEMATICAL ITALIC THETA SYMBOL",
    "\u03f0": "MATHEMATICAL ITALIC KAPPA SYMBOL",
    "\u03d5": "MATHEMATICAL ITALIC PHI SYMBOL",
    "\u03f1": "MATHEMATICAL ITALIC RHO SYMBOL",
    "\u03d6": "MATHEMATICAL ITALIC PI SYMBOL",
}


def italic(char: str) -> str | None:
    """The Mathematical Italic code point a browser shows for a one-letter <mi>
    ('x' -> U+1D465, 'h' -> U+210E, 'α' -> U+1D6FC, '∂' -> U+1D715), or None."""
    if char in ITALIC_SYMBOLS:
        return unicodedata.lookup(ITALIC_SYMBOLS[char])
    try:
        name = unicodedata.name(char)
    except ValueError:
        return None
    match = re.fullmatch(r"(?:LATIN|GREEK) (CAPITAL|SMALL) LETTER (\w+)", name)
    if match is None:
        return None
    if char == "h":
        return "\u210e"  # PLANCK CONSTANT: the italic h, a hole in the math alphabet block
    try:
        return unicodedata.lookup(f"MATHEMATICAL ITALIC {match[1]} {match[2]}")
    except KeyError:
        return None


# Elements that draw a glyph of the font that is not in their text: a square root or an
# n-th root is drawn with the radical sign U+221A (and its size variants, which the MATH
# table keeps with it). Without it in the subset the root's sign is simply not drawn.
DRAWN = {"msqrt": "\u221a", "mroot": "\u221a"}
ELEMENT = re.compile(r"<(" + "|".join(DRAWN) + r")\b")


def characters(page_html: str) -> set[str]:
    """The characters the MathML of a page shows: its text, and the glyphs its elements draw."""
    found: set[str] = set()
    for block in MATH.findall(page_html):
        found |= set(html.unescape(TAG.sub("", block)))
        found |= {DRAWN[name] for name in ELEMENT.findall(block)}
    return found


def subset(source: Path, chars: set[str], cache: Path) -> bytes:
    """The woff2 font with only what `chars` need (cached)."""
    wanted = chars | ALWAYS | {italic(c) for c in chars} - {None}
    wanted = sorted(c for c in wanted if c and c not in "\n\t\r")
    digest = hashlib.sha256(
        source.read_bytes() + "".join(wanted).encode() + version("fonttools").encode() + Path(__file__).read_bytes()
    ).hexdigest()[:16]
    cached = cache / f"math-font-{digest}.woff2"
    if cached.is_file():
        cache_module.mark_used(cached)
        return cached.read_bytes()
    from fontTools import subset as ft_subset
    from fontTools import ttLib

    options = ft_subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # ssty (script-size primes), math variants: all of them
    options.name_IDs = ["*"]  # keep the licence and names
    options.notdef_outline = True
    font = ttLib.TTFont(source, recalcTimestamp=False)  # keep head.modified: same bytes every build
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in wanted])
    subsetter.subset(font)
    if "MATH" not in font:
        raise RuntimeError(f"{source}: the subset lost its MATH table")
    buffer = io.BytesIO()
    font.save(buffer)
    data = buffer.getvalue()
    cache_module.write_atomically(cached, data)
    return data
