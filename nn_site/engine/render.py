"""The HTML of a snippet figure, finished for reading (issue 13): size, loading, full size.

``nn_site/build.py`` writes each figure as two images, the light and the dark
copy (``...svg#only-light`` / ``...-dark.svg#only-dark``). Here each image gets
- ``width``/``height`` from its SVG, so the browser reserves its box before it loads
  (no layout shift; CSS scales it to the column keeping that ratio);
- ``loading="lazy"`` and ``decoding="async"``: a figure below the fold loads when the
  reader gets near it, and the copy of the palette not shown (display: none) is
  never fetched by browsers that honour lazy loading;
and the pair is wrapped in a link to the full-size SVG, which
``docs/assets/figure-zoom.js`` opens in a dialog (without JavaScript the link opens
the SVG itself, which a browser shows full size).

A figure with a phone layout (``...-phone.svg``, ``...-phone-dark.svg``:
nn_site/engine/phone.py) has each image wrapped in a ``<picture>`` whose ``<source
media="screen and (max-width: 719px)">`` names the phone copy, and the image carries
the phone copy's aspect ratio (``--phone-aspect``, used by the figure CSS in the same
media: no layout shift when the phone copy loads), so a phone
downloads only its variant and a desktop only the desktop one. The ``<img>`` keeps
its ``src`` ending in ``#only-light``/``#only-dark``, which the theme's palette CSS
hides, so each palette still shows one copy; the zoom dialog shows the desktop copy.
"""

from __future__ import annotations

import re
from pathlib import Path

FIGURE = re.compile(r'(<figure class="snippet-figure"[^>]*>\s*)(?P<imgs>(?:<img [^>]*>\s*)+)', re.DOTALL)
IMG_SRC = re.compile(r'src="(?P<src>[^"#]+\.svg)#only-(?:light|dark)"')
SVG_SIZE = re.compile(r'<svg[^>]*?\bwidth="(?P<w>[\d.]+)pt"[^>]*?\bheight="(?P<h>[\d.]+)pt"')
PT_TO_PX = 4 / 3  # CSS: 1pt = 4/3 px
# Below the theme's tablet breakpoint (44.984375em) the column is at most ~720 px, where
# the desktop copy's sub/superscripts drop below 11 px: phones get the phone layout.
PHONE_MEDIA = "screen and (max-width: 719px)"  # never on paper: print has the desktop copy
IMG = re.compile(r'<img [^>]*\bsrc="(?P<src>[^"#]+\.svg)#only-(?:light|dark)"[^>]*>')


def phone_src(src: str) -> str:
    """The phone copy's URL of a figure image: x.svg -> x-phone.svg, x-dark.svg -> x-phone-dark.svg."""
    if src.endswith("-dark.svg"):
        return src.removesuffix("-dark.svg") + "-phone-dark.svg"
    return src.removesuffix(".svg") + "-phone.svg"


def phone_aspect(img: str, phone_svg: Path | str) -> str:
    """``img`` with the phone copy's aspect ratio as ``--phone-aspect`` (width / height):
    the figure CSS gives it to the image where the phone copy is shown, so the box has
    the phone copy's height before it loads (no layout shift). Not width/height on the
    <source>: the HTML checker the tests run refuses them there."""
    width, height = svg_size(phone_svg) if isinstance(phone_svg, Path) else svg_text_size(phone_svg)
    return img.replace("<img ", f'<img style="--phone-aspect: {width} / {height}" ', 1)


def svg_text_size(svg: str) -> tuple[int, int]:
    match = SVG_SIZE.search(svg[:2000])
    if match is None:
        raise ValueError("no width/height in pt on the <svg> element")
    return round(float(match["w"]) * PT_TO_PX), round(float(match["h"]) * PT_TO_PX)


def svg_size(svg: Path) -> tuple[int, int]:
    """The CSS pixel size matplotlib gave the SVG (width="504pt" -> 672)."""
    head = svg.read_text(encoding="utf-8")[:2000]
    match = SVG_SIZE.search(head)
    if match is None:
        raise ValueError(f"{svg}: no width/height in pt on the <svg> element")
    return round(float(match["w"]) * PT_TO_PX), round(float(match["h"]) * PT_TO_PX)


def finish(html: str, source_of) -> str:
    """`html` with every snippet figure finished; `source_of(src)` is the SVG file an
    image's src (relative to the page) points at, or None if unknown."""

    def figure(match: re.Match) -> str:
        imgs = match["imgs"].strip()
        first = IMG_SRC.search(imgs)
        if first is None:
            return match[0]
        path = source_of(first["src"])
        attrs = ' loading="lazy" decoding="async"'
        if path is not None:
            width, height = svg_size(path)
            attrs = f' width="{width}" height="{height}"' + attrs
        imgs = re.sub(r"<img ", "<img" + attrs + " ", imgs)

        def picture(img: re.Match) -> str:
            phone = phone_src(img["src"])
            phone_path = source_of(phone)
            if phone_path is None:
                return img[0]
            return (
                f'<picture><source media="{PHONE_MEDIA}" srcset="{phone}">{phone_aspect(img[0], phone_path)}</picture>'
            )

        imgs = IMG.sub(picture, imgs)
        return f'{match[1]}<a class="figure-zoom" href="{first["src"]}" title="Open the figure full size">{imgs}</a>\n'

    return FIGURE.sub(figure, html)
