"""Smaller figure SVGs, same picture: matplotlib writes every coordinate with six
decimals, one absolute path command per point and one per line, and each glyph of text
as an outline in absolute font units. Here:

* a path of straight lines (``M``/``L``/``z``: a data line, a tick, a square or
  triangle marker) has its points put on a 0.1-pt grid (1/720 in: a phone or a 2x
  screen at 1280 px shows 0.1 pt as 0.3 device px at most) and written as steps from
  point to point, each the difference of two rounded absolute points (so the file holds
  no accumulated rounding), the command letter only where it changes, no separator the
  syntax does not need (``l.1-5.6.1 2.2``);
* a glyph outline (integers, ``M``/``L``/``Q``/``C``/``z``) is written the same way,
  exactly (integer steps);
* other numbers (curves with decimals: round markers) are rounded to 0.01 pt;
  transforms are left exact (they scale the glyphs); indentation, line breaks and the
  RDF metadata block go;
* each clip path is named by what it holds, as written (``_stable_clip_ids``):
  matplotlib names it by a hash of its rectangle's unrounded floats, which a layout
  solved twice can give in different last bits (the phone layout's constrained-layout
  passes did: two builds gave noise/reliability's phone figure two sets of ids).

Against matplotlib's own SVG a figure is about 2x smaller on disk; against the
previous version of this module (0.01-pt grid, every command written, glyphs absolute)
the median figure as served went 8.7 -> 7.7 KB, and the densest, inhibition's
3,000-point voltage trace, 20.1 -> 15.2 KB. Run by nn_site/engine/worker.py and
nn_site/notebooks/figures.py on each figure they save; deterministic, so builds stay
byte-identical. Why by hand: the SVG optimisers on PyPI (scour) rewrite far more than
coordinates (ids, groups), and tests/browser/figure_check.py reads matplotlib's ids and
groups.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

NUMBER = re.compile(r"(-?\d+\.\d{3,})")
PATH_DATA = re.compile(r'(\sd=")([^"]*)(")')
# Positions only: a transform's scale (glyphs are drawn at scale(0.015625)) must stay exact.
ATTR_NUMBER = re.compile(r'(\s(?:x|y|x1|x2|y1|y2|width|height)=")([^"]*)(")')
INDENT = re.compile(r">\n\s+<")
METADATA = re.compile(r"<metadata>.*?</metadata>", re.S)
CLIP_PATH = re.compile(r'<clipPath id="([^"]+)">(.*?)</clipPath>', re.S)
CLIP_REF = re.compile(r"url\(#([^)]+)\)")

LINES_ONLY = re.compile(r"^[MLz\d\s.\-e]+$")
INTEGER_OUTLINE = re.compile(r"^[MLQCz\d\s\-]+$")
COMMAND = re.compile(r"([MLQCz])([^MLQCz]*)")
PAIRS = {"M": 1, "L": 1, "Q": 2, "C": 3}
GRID = 10  # steps per pt: the 0.1-pt grid of a line's points


def _round(match: re.Match) -> str:
    text = f"{float(match[1]):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _tenths(value: int) -> str:
    """An integer count of tenths as the shortest number: 5 -> '.5', -12 -> '-1.2'."""
    sign, value = ("-" if value < 0 else ""), abs(value)
    whole, tenth = divmod(value, GRID)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole if whole else ''}.{tenth}"


def _join(numbers: list[str]) -> str:
    """Numbers with a space only where the next would otherwise run into the previous."""
    out = []
    for i, text in enumerate(numbers):
        if i and not (text.startswith("-") or (text.startswith(".") and "." in numbers[i - 1])):
            out.append(" ")
        out.append(text)
    return "".join(out)


def _relative(data: str, scale: int, fmt: Callable[[int], str]) -> str | None:
    """Absolute ``M``/``L``/``Q``/``C``/``z`` path data as relative steps on a grid of
    1/``scale`` (each step the difference of two rounded absolute points: no drift), a
    command letter only where it changes; None if the data holds another command."""
    parts: list[tuple[str, list[str]]] = []
    current = start = None
    if not data.lstrip().startswith("M"):
        return None  # not what matplotlib writes: left as it is
    for command, numbers in COMMAND.findall(data):
        if command == "z":
            parts.append(("z", []))
            current = start  # z returns to the subpath's first point
            continue
        values = [round(float(v) * scale) for v in numbers.split()]
        size = PAIRS[command] * 2
        if not values or len(values) % size:
            return None
        for k in range(0, len(values), size):
            group = values[k : k + size]
            if current is None:
                letter, steps = "M", group
            else:
                letter = ("m" if not k else "l") if command == "M" else command.lower()
                steps = [v - current[i % 2] for i, v in enumerate(group)]
            if letter in ("M", "m") or not parts or parts[-1][0] != letter:
                parts.append((letter, []))
            parts[-1][1].extend(fmt(v) for v in steps)
            current = (group[-2], group[-1])
            if letter in ("M", "m"):
                start = current
    return "".join(letter + _join(numbers) for letter, numbers in parts)


def _numbers(match: re.Match) -> str:
    data = match[2]
    if match[1].strip() == 'd="':
        if LINES_ONLY.match(data):
            compact = _relative(data, GRID, _tenths)
        elif INTEGER_OUTLINE.match(data):
            compact = _relative(data, 1, str)
        else:
            compact = None
        if compact is not None:
            return match[1] + compact + match[3]
    body = NUMBER.sub(_round, data)
    body = re.sub(r"\s*\n\s*", " ", body).strip()
    return match[1] + body + match[3]


def _stable_clip_ids(svg: str) -> str:
    """Each ``clipPath`` renamed by a hash of its (rounded) content, and the references to
    it; two that hold the same shape become one."""
    renamed: dict[str, str] = {}
    kept: set[str] = set()

    def rename(match: re.Match) -> str:
        new = "p" + hashlib.sha256(match[2].encode("utf-8")).hexdigest()[:10]
        renamed[match[1]] = new
        if new in kept:
            return ""
        kept.add(new)
        return f'<clipPath id="{new}">{match[2]}</clipPath>'

    svg = CLIP_PATH.sub(rename, svg)
    return CLIP_REF.sub(lambda m: f"url(#{renamed.get(m[1], m[1])})", svg)


def compact(svg: str) -> str:
    svg = METADATA.sub("", svg)
    svg = PATH_DATA.sub(_numbers, svg)
    svg = ATTR_NUMBER.sub(_numbers, svg)
    return _stable_clip_ids(INDENT.sub("><", svg))
