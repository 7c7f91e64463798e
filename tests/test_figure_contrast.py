"""Every figure's data colours stand out from the page: at least 3:1 against the figure's
background (WCAG 2.1, 1.4.11 non-text contrast), in the light copy on white and in the
dark copy on Material's slate background.

Read from the SVG files the build wrote, so it needs no browser: each element's stroke
and fill, blended with its opacity over the background as the reader sees it. What is
not data is left out by what it is, not by figure: text and axes (the ink colour, tested
by the palette's own pairs), grid lines, white box interiors, and translucent areas
(opacity below :data:`AREA_OPACITY`), which mark a region under the data - a stimulus
window, a confidence band - and are not read as data themselves.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nn_site.engine.palette import DARK

BACKGROUND = {"light": "#ffffff", "dark": "#1e2129"}
MINIMUM = 3.0
AREA_OPACITY = 0.5  # a fill more transparent than this shades a region; it carries no data
NOT_DATA = {"#1f2328", "#e6edf3", "#d0d7de", "#3d444d", "#ffffff", "#1e2129"}  # ink, grid, box interiors

# One figure's colour at one opacity, with why it stays below 3:1 (none today).
EXCEPTIONS: dict[tuple[str, str, float], str] = {}

STYLE = re.compile(r'style="([^"]*)"')
PROPERTY = re.compile(r"([\w-]+)\s*:\s*([^;]+)")
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def blend(colour: str, opacity: float, background: str) -> str:
    """The colour a reader sees: ``colour`` at ``opacity`` over ``background``."""
    mixed = (
        round(opacity * int(colour[i : i + 2], 16) + (1 - opacity) * int(background[i : i + 2], 16))
        for i in (1, 3, 5)
    )
    return "#" + "".join(f"{c:02x}" for c in mixed)


def data_colours(svg: str) -> set[tuple[str, float]]:
    """(colour, opacity) of every stroke and every opaque enough fill in an SVG. A
    translucent area's outline has its colour and opacity (matplotlib may write it in a
    style of its own, in ``<defs>``): it is left out with the area."""
    paints, areas = set(), set()
    for style in STYLE.findall(svg):
        props = {k: v.strip() for k, v in PROPERTY.findall(style)}
        opacity = float(props.get("opacity", 1))
        for paint in ("stroke", "fill"):
            colour = props.get(paint, "").lower()
            if not HEX.match(colour) or colour in NOT_DATA:
                continue
            alpha = round(opacity * float(props.get(f"{paint}-opacity", 1)), 3)
            if paint == "fill" and alpha < AREA_OPACITY:
                areas.add((colour, alpha))
            else:
                paints.add((colour, alpha))
    return paints - areas


def figure_files(site: Path) -> list[tuple[Path, str]]:
    files = sorted(p for p in site.rglob("*.svg") if "figures" in p.parts or "notebooks" in p.parts)
    return [(p, "dark" if p.stem.endswith("-dark") else "light") for p in files]


def test_the_contrast_arithmetic():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#0072b2", "#ffffff"), 2) == 5.19
    assert blend("#0072b2", 0.0, "#ffffff") == "#ffffff"
    assert blend("#000000", 0.5, "#ffffff") == "#808080"
    svg = (
        '<path style="fill: none; stroke: #0072b2; stroke-opacity: 0.3"/>'
        '<path style="fill: #d55e00; fill-opacity: 0.2; stroke: #d55e00; stroke-opacity: 0.2"/>'
        '<path style="stroke: #d55e00; stroke-opacity: 0.2"/><path style="fill: #009e73; fill-opacity: 0.6"/>'
    )
    # The translucent area and its outline are not data; the faint line and the bar are.
    assert data_colours(svg) == {("#0072b2", 0.3), ("#009e73", 0.6)}


def test_every_figure_colour_has_3_to_1_contrast_in_both_palettes(site):
    files = figure_files(site)
    assert len(files) > 100, f"only {len(files)} figure SVGs found in {site}"
    failures, excepted = [], set()
    for path, theme in files:
        background = BACKGROUND[theme]
        for colour, alpha in data_colours(path.read_text(encoding="utf-8")):
            seen = blend(colour, alpha, background)
            ratio = contrast(seen, background)
            if ratio >= MINIMUM:
                continue
            if (path.relative_to(site).as_posix(), colour, alpha) in EXCEPTIONS:
                excepted.add((path.relative_to(site).as_posix(), colour, alpha))
                continue
            failures.append(f"{path.relative_to(site)} ({theme}): {colour} at opacity {alpha:g} is {ratio:.2f}:1")
    assert not failures, f"{len(failures)} data colours below {MINIMUM}:1:\n" + "\n".join(sorted(failures))
    assert excepted == set(EXCEPTIONS), f"exceptions no longer needed: {set(EXCEPTIONS) - excepted}"


# Not black (a snippet's "k", drawn as ink), nor the dark digit on a coloured disc, which
# stays dark in the dark copy: its contrast is with its disc, not with the page.
@pytest.mark.parametrize("light", sorted(c for c in DARK if c not in NOT_DATA and c not in ("#000000", "#0d1117")))
def test_every_light_palette_colour_passes_on_white(light):
    assert contrast(light, BACKGROUND["light"]) >= MINIMUM


# Not black (a snippet's "k", drawn as ink), nor the dark digit on a coloured disc, which
# stays dark in the dark copy: its contrast is with its disc, not with the page.
@pytest.mark.parametrize("light", sorted(c for c in DARK if c not in NOT_DATA and c not in ("#000000", "#0d1117")))
def test_every_dark_palette_colour_passes_on_slate(light):
    assert contrast(DARK[light], BACKGROUND["dark"]) >= MINIMUM
