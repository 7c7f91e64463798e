"""The math font, subset at build time to the characters the site's math uses.

STIX Two Math (docs/assets/fonts/, OFL) is 403 KB; the site's formulas use ~130
characters. fontTools keeps the glyphs for those characters and, through the OpenType
MATH table (kept), their size variants and stretchy parts (big sums, tall brackets,
long arrows), so MathML sets exactly as with the whole font (issue 19: ~25 KB). The
browser maps a one-letter <mi> to its Mathematical Italic code point (x -> U+1D465), so
the italic, bold and bold-italic alphabets are always kept whole.

The subset is cached under the build cache, keyed by the source font, the characters
and fontTools' version; the same input gives the same bytes (byte-identical builds).
"""

from __future__ import annotations

import hashlib
import html
import io
import re
from importlib.metadata import version
from pathlib import Path

MATH = re.compile(r"<math\b.*?</math>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
# Mathematical bold, italic and bold italic Latin and Greek (U+1D400..U+1D4CF, U+1D6A8..U+1D7CB),
# italic small h (U+210E, a hole in that block), dotless i and j, and the digits.
ALWAYS = (set(map(chr, range(0x1D400, 0x1D4D0))) | set(map(chr, range(0x1D6A8, 0x1D7CC)))
          | {"\u210e", "\u0131", "\u0237"} | set("0123456789"))


def characters(page_html: str) -> set[str]:
    """The characters inside the MathML of a page."""
    found: set[str] = set()
    for block in MATH.findall(page_html):
        found |= set(html.unescape(TAG.sub("", block)))
    return found


def subset(source: Path, chars: set[str], cache: Path) -> bytes:
    """The woff2 font with only what `chars` need (cached)."""
    wanted = sorted((chars | ALWAYS) - {"\n", "\t", "\r"})
    digest = hashlib.sha256(source.read_bytes() + "".join(wanted).encode()
                            + version("fonttools").encode() + Path(__file__).read_bytes()).hexdigest()[:16]
    cached = cache / f"math-font-{digest}.woff2"
    if cached.is_file():
        return cached.read_bytes()
    from fontTools import subset as ft_subset
    from fontTools import ttLib

    options = ft_subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # ssty (script-size primes), math variants: all of them
    options.name_IDs = ["*"]         # keep the licence and names
    options.notdef_outline = True
    font = ttLib.TTFont(source)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in wanted])
    subsetter.subset(font)
    if "MATH" not in font:
        raise RuntimeError(f"{source}: the subset lost its MATH table")
    buffer = io.BytesIO()
    font.save(buffer)
    data = buffer.getvalue()
    cache.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(".tmp")
    partial.write_bytes(data)
    partial.replace(cached)
    return data
