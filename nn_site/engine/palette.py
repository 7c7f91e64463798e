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
    "#0d1117": "#1e2129",  # dark text on a coloured disc stays dark on the lighter dark-mode disc
    "#000000": "#e6edf3",  # matplotlib's black default, if a snippet asks for "k"
    "#0072b2": "#5cb3ff",  # blue
    "#d55e00": "#ff8a4c",  # vermillion
    "#009e73": "#3ddba6",  # bluish green
    "#cc79a7": "#e9a6cb",  # reddish purple
    "#bd8200": "#ffc24d",  # orange (Okabe-Ito's e69f00 darkened to 3.3:1 on white)
    "#3a96d0": "#9cd3f7",  # sky blue (Okabe-Ito's 56b4e9 darkened to 3.25:1 on white)
    "#6e7781": "#9ea7b3",  # grey
}

_COLOUR = re.compile("|".join(re.escape(c) for c in DARK), re.IGNORECASE)


def dark_variant(svg: str) -> str:
    """The same SVG with every light-palette colour replaced by its dark pair."""
    return _COLOUR.sub(lambda m: DARK[m.group(0).lower()], svg)
