"""Light-to-dark colour pairs for figures, and the rewrite that makes a dark SVG.

Figures are drawn once, in the light palette of ``snippets/site.mplstyle``, with a
transparent background. The dark-mode copy swaps each light colour for its pair
below, so text and lines stay legible on Material's slate background. Re-running
matplotlib with another style would double the build time for the same result.
"""

from __future__ import annotations

import re

# light -> dark. Ink and grid first, then the Okabe-Ito cycle (lightened for dark).
DARK = {
    "#1f2328": "#e6edf3",  # ink: text, axes, ticks
    "#d0d7de": "#3d444d",  # grid
    "#ffffff": "#1e2129",  # white fills (e.g. box interiors) become the slate page colour
    "#000000": "#e6edf3",  # matplotlib's black default, if a snippet asks for "k"
    "#0072b2": "#5cb3ff",  # blue
    "#d55e00": "#ff8a4c",  # vermillion
    "#009e73": "#3ddba6",  # bluish green
    "#cc79a7": "#e9a6cb",  # reddish purple
    "#e69f00": "#ffc24d",  # orange
    "#56b4e9": "#9cd3f7",  # sky blue
    "#6e7781": "#9ea7b3",  # grey
}

_COLOUR = re.compile("|".join(re.escape(c) for c in DARK), re.IGNORECASE)


def dark_variant(svg: str) -> str:
    """The same SVG with every light-palette colour replaced by its dark pair."""
    return _COLOUR.sub(lambda m: DARK[m.group(0).lower()], svg)
