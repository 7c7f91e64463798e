"""One mathtext parse per expression, size and output type in a snippet's process.

The site's style sets ``axes.formatter.use_mathtext`` (reader notation: 10⁶, never
1e+06), so every tick label is a mathtext expression, and matplotlib parses each with
pyparsing, about 10 ms apiece. It caches a parse per *parser*, and each renderer makes its
own parser: every draw with a new renderer (the desktop SVG, each phone-layout measuring
draw, the phone SVG) parsed every label again. Measured over the site's 86 snippets:
their figures' drawing and saving took 80 CPU-s, of which about half was these repeated
parses.

:func:`share` keys the cache by the parser's output type (vector or raster) instead of
the parser object: what a parse returns depends only on the expression, dpi, font
properties, antialiasing, glyph-loading flags and that type (the fontset and the parser
are the class's), so the figures are byte-identical (tests/test_units.py). Written here
because matplotlib has no setting for it; the worker calls it once, before it forks.
"""

from __future__ import annotations

import functools

from matplotlib import mathtext
from matplotlib.font_manager import FontProperties
from matplotlib.ft2font import LoadFlags

SIZE = 4096  # parses kept: a page's figures have a few hundred distinct labels
Parse = mathtext.VectorParse | mathtext.RasterParse


def share() -> bool:
    """Install the shared cache (once); False if this matplotlib's parser has no cached
    ``_parse_cached`` to wrap (then nothing changes, only speed)."""
    parser = mathtext.MathTextParser
    method = parser.__dict__.get("_parse_cached")
    if getattr(method, "shared", False):
        return True
    original = getattr(method, "__wrapped__", None)
    if original is None:
        return False
    by_type: dict[str, mathtext.MathTextParser] = {}

    @functools.lru_cache(SIZE)
    def parse(kind: str, s: str, dpi: float, prop: FontProperties | None, aa: bool, flags: LoadFlags) -> Parse:
        return original(by_type[kind], s, dpi, prop, aa, flags)

    def _parse_cached(
        self: mathtext.MathTextParser, s: str, dpi: float, prop: FontProperties | None, aa: bool, flags: LoadFlags
    ) -> Parse:
        by_type.setdefault(self._output_type, self)
        return parse(self._output_type, s, dpi, prop, aa, flags)

    _parse_cached.shared = True
    _parse_cached.cache = parse  # its hits and misses, for the tests
    parser._parse_cached = _parse_cached
    return True
