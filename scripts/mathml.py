"""TeX -> MathML at build time, for the Markdown pages and the notebook pages alike.

latex2mathml converts; browsers render MathML Core natively (Chromium 109+, Firefox,
Safari) and screen readers read it, so the site needs no math script, font or CDN.
"""

from __future__ import annotations

import re

from latex2mathml.converter import convert

# latex2mathml 3.81 has no `aligned`; its `split` builds the same right/left aligned
# table, so pages keep writing standard TeX.
ALIGNED = re.compile(r"\\(begin|end)\{aligned\}")
STRAY_AMPERSAND = "<mi>&</mi>"  # what latex2mathml emits for an '&' it could not place


class MathError(ValueError):
    """TeX that cannot become correct MathML; the message names the TeX."""


def to_mathml(tex: str, display: str) -> str:
    """MathML for `tex`; display 'block' is wrapped in a scrollable span.math-display.

    A span (styled display: block), not a div, because a notebook's Markdown cell can
    hold $$...$$ inside a paragraph, and a <p> may not contain a <div>."""
    converted = ALIGNED.sub(lambda m: "\\" + m[1] + "{split}", tex)
    try:
        rendered = convert(converted, display=display)
    except Exception as exc:  # latex2mathml raises many types for bad TeX
        raise MathError(f"cannot render math {tex!r}: {exc}") from None
    if STRAY_AMPERSAND in rendered:
        raise MathError(
            f"math {tex!r} has an '&' outside an environment that aligns columns "
            "(use aligned, split, cases or array)"
        )
    return f'<span class="math-display">{rendered}</span>' if display == "block" else rendered
