"""TeX -> MathML at build time, for the Markdown pages and the notebook pages alike.

latex2mathml converts; browsers render MathML Core natively (Chromium 109+, Firefox,
Safari) and screen readers read it, so the site needs no math script, font or CDN.
Conversions are kept between builds in one JSON file beside the snippet cache, keyed
by latex2mathml's version and this file's own text (``use_cache``/``save_cache``).
"""

from __future__ import annotations

import hashlib
import json
import re
from importlib.metadata import version
from pathlib import Path

from latex2mathml.converter import convert
from snippets import write_atomically

# latex2mathml 3.81 has no `aligned`; its `split` builds the same right/left aligned
# table, so pages keep writing standard TeX.
ALIGNED = re.compile(r"\\(begin|end)\{aligned\}")
STRAY_AMPERSAND = "<mi>&</mi>"  # what latex2mathml emits for an '&' it could not place
# A line break after each closing tag (whitespace between MathML elements is not
# rendered). One long line of MathML makes mkdocs-print-site's id regex, which scans
# to the end of the line from every "<", take ~10x longer (see `make bench`).
CLOSING_TAG = re.compile(r"(</[a-z]+>)(?=<)")
# latex2mathml marks \hat as an accent but not \bar, \tilde, \vec, \dot, \ddot: without
# accent="true" the browser sets the mark as a loose over-script, off the letter's axis.
ACCENT_MARKS = "&#x000AF;|&#x0007E;|&#x02192;|&#x002D9;|&#x000A8;"
UNMARKED_ACCENT = re.compile(
    r"<mover>(?P<base>(?:(?!</?mover).)*?<mo[^>]*>(?:" + ACCENT_MARKS + r")</mo></mover>)", re.DOTALL
)

_memo: dict[str, str] = {}  # display + "\0" + tex -> finished HTML
_used: set[str] = set()
_loaded: set[str] = set()  # the keys the cache file held when this build began
_cache_file: Path | None = None


class MathError(ValueError):
    """TeX that cannot become correct MathML; the message names the TeX."""


def to_mathml(tex: str, display: str) -> str:
    """MathML for `tex`; display 'block' is wrapped in a scrollable span.math-display.

    A span (styled display: block), not a div, because a notebook's Markdown cell can
    hold $$...$$ inside a paragraph, and a <p> may not contain a <div>."""
    key = display + "\0" + tex
    _used.add(key)
    if key not in _memo:
        _memo[key] = _convert(tex, display)
    return _memo[key]


def _convert(tex: str, display: str) -> str:
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
    rendered = UNMARKED_ACCENT.sub(r'<mover accent="true">\g<base>', rendered)
    rendered = CLOSING_TAG.sub("\\1\n", rendered)
    return f'<span class="math-display">{rendered}</span>' if display == "block" else rendered


def use_cache(folder: Path) -> None:
    """Load earlier conversions (a missing or unreadable file just means none)."""
    global _cache_file
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    _cache_file = folder / f"mathml-{version('latex2mathml')}-{code}.json"
    _memo.clear()
    _used.clear()
    try:
        _memo.update(json.loads(_cache_file.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        pass
    _loaded.clear()
    _loaded.update(_memo)


def save_cache() -> None:
    """Keep what this build used, and only that."""
    if _cache_file is None or _used == _loaded:
        return
    write_atomically(_cache_file, json.dumps({k: _memo[k] for k in sorted(_used)}))
