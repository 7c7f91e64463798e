"""The figure gallery: every figure of the site, for slides, read from the pages themselves.

A figure is what a reader sees as one: a ``<figure>`` element of a rendered page with
an SVG image (light, and a dark copy marked ``#only-dark``) and a caption. The
gallery finds them in each page's finished HTML (:func:`collect`), so it never depends
on how the snippet engine makes them and picks up every new page's figures by itself.

For each figure the build writes, next to its SVGs in ``site/``:

* ``<name>-slide.png`` and ``<name>-dark-slide.png``: the SVG rasterised at
  :data:`SLIDE_WIDTH` px (resvg, a self-contained renderer; no browser, no Cairo),
  on the page's own background colour. Each PNG is cached by the SHA-256 of its SVG
  and the render settings, so it is made once per figure version, never stale.
* ``<name>.py``: a copy of the script that draws it (``snippets/<name>.py``); a
  notebook's figure links to the notebook itself, copied beside its page.

:func:`gallery_html` lays them out grouped by page, under an index of the pages, each card
titled "Figure N · Page" (a link to its place), with its code, the four downloads and a
one-line CC BY attribution (``nn_site/publish/cite.py``), which is where the caption's first
sentence appears: once. A card is sized by its figure's width (the CSS draws a thumbnail at
no less than 70 % of it), and a phone is served the figure's phone layout, as on its page.
"""

from __future__ import annotations

import hashlib
import html
import multiprocessing
import os
import posixpath
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from nn_site.engine import cache as cache_module
from nn_site.engine import render
from nn_site.pages import panel_words
from nn_site.paths import ROOT
from nn_site.publish import cite
from nn_site.publish.versions import Release

SLIDE_WIDTH = 1600  # px: sharp on a projected slide
BACKGROUND = {"light": "#ffffff", "dark": "#1e2129"}  # Material default / slate
RENDER_KEY = f"resvg width={SLIDE_WIDTH} v1"

FIGURE = re.compile(r"<figure\b([^>]*)>(.*?)</figure>", re.DOTALL)
ATTR = re.compile(r'([\w-]+)="([^"]*)"')
IMG = re.compile(r"<img\b([^>]*?)/?>", re.DOTALL)
SOURCE = re.compile(r"<source\b([^>]*?)/?>", re.DOTALL)  # a <picture>'s dark copy, if the engine uses one
CAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
ANNOTATION = re.compile(r"<annotation\b.*?</annotation>", re.DOTALL)
NUMBER = re.compile(r"^Figure\s+(\d+)\.\s*")
SECTION = re.compile(r"<h[2-4]\b[^>]*>(.*?)</h[2-4]>", re.DOTALL)
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
SECTION_NUMBER = re.compile(r"^\d+(\.\d+)*\.?\s+")  # "2. The f–I curve": the number is the notebook's
SVG_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)pt"[^>]*?\bheight="([\d.]+)pt"', re.DOTALL)


class GalleryError(RuntimeError):
    """A figure's files are missing or cannot be rendered; the message names the figure."""


@dataclass(frozen=True)
class Figure:
    page: str  # the page's source path, e.g. "integrate-and-fire.md"
    page_title: str
    page_dest: str  # the page's output file, e.g. "integrate-and-fire/index.html"
    anchor: str  # the figure's id on its page
    light: str  # site-relative path of the light SVG, e.g. "figures/x/trace.svg"
    dark: str | None
    alt: str
    caption: str  # plain text, without "Figure N."
    size: str = ""  # ' width="W" height="H"' of the figure's own image, if it has them
    number: int = 0  # its number on its page ("Figure 3."), or its place there if unnumbered

    @property
    def title(self) -> str:
        """The caption's first sentence: the figure's name in an attribution."""
        first = re.split(r"(?<=[^\s.][.?!])\s+(?=[A-Z(])", self.caption, maxsplit=1)[0]
        return first.rstrip(".")

    @property
    def stem(self) -> str:
        return self.light.removesuffix(".svg")

    @property
    def png_light(self) -> str:
        return f"{self.stem}-slide.png"

    @property
    def png_dark(self) -> str:
        return f"{self.stem}-dark-slide.png"

    @property
    def dark_svg(self) -> str:
        """The dark copy's SVG: the page's own, or the engine's name for it beside the light one."""
        return self.dark or f"{self.stem}-dark.svg"

    @property
    def code(self) -> str:
        """The copy of the code that draws it (site-relative), if the source exists: the
        snippet's script, or for a notebook's figure the notebook, beside its page."""
        if self.page.endswith(".ipynb"):
            return posixpath.join(posixpath.dirname(self.page_dest), posixpath.basename(self.page))
        return f"{self.stem}.py"

    @property
    def code_source(self) -> Path:
        if self.page.endswith(".ipynb"):
            return ROOT / "docs" / self.page
        return ROOT / "snippets" / (self.light.split("/", 1)[1].removesuffix(".svg") + ".py")


MATH = re.compile(r"<math\b.*?</math>", re.S)
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _math_text(match: re.Match) -> str:
    """A formula's symbols without the spaces between MathML's tokens, '=' spaced."""
    formula = re.sub(  # a numeric power, as superscript digits: (w − 3)², 10⁶
        r"<mn>(\d+)</mn>\s*</msup>", lambda m: m[1].translate(SUPERSCRIPT) + "</msup>", ANNOTATION.sub("", match[0])
    )
    symbols = re.sub(r"\s+", "", html.unescape(TAG.sub("", formula)))
    return re.sub(r"([=<>≤≥≈])", r" \1 ", symbols)


def _text(fragment: str) -> str:
    """Plain text of a caption: the desktop copy's panel words, math run together as it
    reads ("L(w) = (w − 3)", not "L ( w ) = ( w − 3 )"), no space before punctuation."""
    fragment = MATH.sub(_math_text, panel_words.desktop_words(fragment))
    text = " ".join(html.unescape(TAG.sub("", ANNOTATION.sub("", fragment))).split())
    return re.sub(r"\(\s+", "(", re.sub(r"\s+([,.;:)])", r"\1", text))


def _uncaptioned(page_html: str, at: int, title: str, before: int) -> str:
    """The name of a figure without a caption (a notebook's plot): its page and the
    section it illustrates ("Spiking vs rate neurons – The f–I curve."), which says what
    it shows (a dash, not a colon: a heading may hold one); only a figure above every
    section falls back to its place on the page."""
    sections = list(SECTION.finditer(page_html, 0, at))
    heading = SECTION_NUMBER.sub("", _text(HEADERLINK.sub("", sections[-1][1]))) if sections else ""
    if not heading:
        return f"{_text(title)}, figure {before + 1}."
    return f"{_text(title)} – {heading}" + ("" if heading[-1] in ".?!" else ".")


def collect(page_html: str, src_uri: str, title: str, dest_uri: str) -> list[Figure]:
    """Every figure with an SVG image in one page's HTML."""
    here = posixpath.dirname(dest_uri)
    found = []
    for match in FIGURE.finditer(page_html):
        attrs = dict(ATTR.findall(match[1]))
        images = [dict(ATTR.findall(m[1])) for m in IMG.finditer(match[2])]
        path = lambda src: re.split(r"[?#]", src, maxsplit=1)[0]  # noqa: E731
        light = next(
            (i for i in images if path(i.get("src", "")).endswith(".svg") and not i["src"].endswith("#only-dark")), None
        )
        if light is None:
            continue
        dark = next((i["src"] for i in images if i.get("src", "").endswith("#only-dark")), None)
        if dark is None:
            dark = next(
                (
                    a["srcset"]
                    for a in (dict(ATTR.findall(m[1])) for m in SOURCE.finditer(match[2]))
                    if "dark" in a.get("media", "") and path(a.get("srcset", "")).endswith(".svg")
                ),
                None,
            )
        resolve = lambda src: posixpath.normpath(posixpath.join(here, path(src)))  # noqa: E731
        caption = CAPTION.search(match[2])
        text = (
            NUMBER.sub("", _text(caption[1])) if caption else _uncaptioned(page_html, match.start(), title, len(found))
        )
        numbered = NUMBER.match(_text(caption[1])) if caption else None
        found.append(
            Figure(
                page=src_uri,
                page_title=_text(title),
                page_dest=dest_uri,
                anchor=attrs.get("id", ""),
                light=resolve(light["src"]),
                dark=resolve(dark) if dark else None,
                alt=html.unescape(light.get("alt", "")),
                caption=text,
                size=(
                    f' width="{light["width"]}" height="{light["height"]}"'
                    if light.get("width", "").isdigit() and light.get("height", "").isdigit()
                    else ""
                ),
                number=int(numbered[1]) if numbered else len(found) + 1,
            )
        )
    return found


def page_url(dest_uri: str) -> str:
    """Site-relative URL of a page from its output file (directory URLs or .html)."""
    return dest_uri.removesuffix("index.html") if dest_uri.endswith("index.html") else dest_uri


def cache_dir() -> Path:
    """``slides/`` in the build cache (nn_site/engine/cache.py): a slide PNG is keyed by its
    SVG's bytes and the renderer; slides no figure of the build uses are pruned."""
    return cache_module.cache_dir() / "slides"


def _svg_px(svg: str) -> str:
    """resvg rejects pt sizes on the root element: give them in px (1 pt = 4/3 px)."""

    def px(m: re.Match) -> str:
        return (
            m[0]
            .replace(f'"{m[1]}pt"', f'"{float(m[1]) * 4 / 3:g}"', 1)
            .replace(f'"{m[2]}pt"', f'"{float(m[2]) * 4 / 3:g}"', 1)
        )

    return SVG_SIZE.sub(px, svg, count=1)


def _cached(svg: bytes, theme: str, cache: Path) -> Path:
    return cache / (hashlib.sha256(RENDER_KEY.encode() + theme.encode() + b"\0" + svg).hexdigest() + ".png")


def render_png(svg_path: Path, theme: str, cache: Path) -> bytes:
    """The slide PNG of one SVG, from the cache when this SVG was rendered before."""
    svg = svg_path.read_bytes()
    cached = _cached(svg, theme, cache)
    if cached.is_file():
        return cached.read_bytes()
    import matplotlib
    import resvg_py

    text = svg.decode("utf-8")
    # Text drawn as paths needs no font; text kept as <text> gets matplotlib's own fonts
    # (never the system's, so the PNG is the same on every machine).
    fonts = [str(Path(matplotlib.get_data_path()) / "fonts" / "ttf")] if "<text" in text else []
    try:
        png = bytes(
            resvg_py.svg_to_bytes(
                svg_string=_svg_px(text),
                width=SLIDE_WIDTH,
                background=BACKGROUND[theme],
                skip_system_fonts=True,
                font_dirs=fonts,
            )
        )
    except Exception as exc:  # noqa: BLE001 - resvg raises plain ValueError/RuntimeError
        raise GalleryError(f"{svg_path}: cannot rasterise for the gallery: {exc}") from exc
    cache_module.write_atomically(cached, png)
    return png


def _render_all(jobs: list[tuple[Path, str, Path]]) -> list[bytes]:
    """render_png for each (svg, theme, cache): in one process per core when there are
    several (resvg holds the GIL, so threads would not help), else here."""
    missing = sum(not _cached(svg.read_bytes(), theme, cache).is_file() for svg, theme, cache in jobs)
    workers = min(missing, os.cpu_count() or 1)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [render_png(*job) for job in jobs]
    import matplotlib  # noqa: F401 - imported before the fork, so no worker imports anything
    import resvg_py  # noqa: F401

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(render_png, *zip(*jobs)))


def write_downloads(site_dir: Path, figures: list[Figure], cache: Path | None = None) -> int:
    """Write every figure's slide PNGs and code copy into the built site; returns the
    number of PNGs written (those not in the cache rendered on every core: _render_all)."""
    cache = cache or cache_dir()
    jobs, targets = [], []
    for fig in figures:
        dark = fig.dark_svg
        if not (site_dir / dark).is_file():
            raise GalleryError(f"{fig.page}: figure '{fig.anchor}' has no dark copy ({dark})")
        for svg, png, theme in ((fig.light, fig.png_light, "light"), (dark, fig.png_dark, "dark")):
            source = site_dir / svg
            if not source.is_file():
                raise GalleryError(f"{fig.page}: figure '{fig.anchor}' shows {svg}, which the build did not write")
            target = site_dir / png
            if not target.is_file():
                # Marked here, before any rendering (in workers): the cache keeps what this
                # build uses when it is pruned.
                cache_module.mark_used(_cached(source.read_bytes(), theme, cache))
                jobs.append((source, theme, cache))
                targets.append(target)
        # Called twice a build (the decks' figures first, then every figure): a code copy
        # this build already wrote is not written again, as a slide PNG is not (above).
        code = site_dir / fig.code
        if fig.code_source.is_file() and not code.is_file():
            shutil.copyfile(fig.code_source, code)

    for target, png in zip(targets, _render_all(jobs)):
        target.write_bytes(png)
    return len(targets)


def _size(site_dir: Path | None, svg: str) -> str:
    if site_dir is None or not (site_dir / svg).is_file():
        return ""
    match = SVG_SIZE.search((site_dir / svg).read_text(encoding="utf-8")[:2000])
    if not match:
        return ""
    width, height = float(match[1]) * 4 / 3, float(match[2]) * 4 / 3
    return f' width="{round(width)}" height="{round(height)}"'


def _thumb(img: str, svg: str, rel_src: str, site_dir: Path | None, pending: dict[str, str] | None = None) -> str:
    """A thumbnail ``<img>``, in a ``<picture>`` whose phone source is the figure's phone
    layout when it has one (as on its page: nn_site/engine/render.py), with that layout's
    proportions (``--phone-aspect``) so that the phone copy shifts nothing as it loads.
    ``pending``: files the build writes after the gallery (a notebook's figures, by
    site-relative path, as text), whose phone layouts count too."""
    phone = render.phone_src(svg)
    if pending and phone in pending:
        phone_svg: Path | str = pending[phone]
    elif site_dir is not None and (site_dir / phone).is_file():
        phone_svg = site_dir / phone
    else:
        return img
    rel_phone = render.phone_src(rel_src)
    return (
        f'<picture><source media="{render.PHONE_MEDIA}" srcset="{html.escape(rel_phone, quote=True)}">'
        f"{render.phone_aspect(img, phone_svg)}</picture>"
    )


def _index(figures: list[Figure], anchor_of) -> str:
    """A short index above the cards: each page's name, linked to its section, and its
    number of figures (the gallery is tens of thousands of pixels long)."""
    counts: dict[str, int] = {}
    titles: dict[str, str] = {}
    for fig in figures:
        counts[fig.page] = counts.get(fig.page, 0) + 1
        titles.setdefault(fig.page, fig.page_title)
    items = "".join(
        f'<li><a href="#{anchor_of(page)}">{html.escape(titles[page])}</a> <span class="gallery-index__count">'
        f"({n})</span></li>"
        for page, n in counts.items()
    )
    return f'<nav class="gallery-index" aria-label="Pages in the gallery"><ul>{items}</ul></nav>'


def _anchor(page: str) -> str:
    return "gallery-" + re.sub(r"[^a-z0-9]+", "-", page.rsplit(".", 1)[0].lower()).strip("-")


def gallery_html(
    figures: list[Figure],
    release: Release,
    gallery_dest: str,
    site_dir: Path | None = None,
    pending: dict[str, str] | None = None,
) -> str:
    """The gallery: an index of the pages, then one section per page (in the order
    given), one card per figure. ``pending``: the notebooks' figure files by site path,
    written after the gallery page (nn_site/pages/reading.py), for their phone copies."""
    here = posixpath.dirname(gallery_dest) or "."

    def rel(path: str) -> str:
        target = posixpath.relpath(path or ".", here)
        return target + "/" if path.endswith("/") or not path else target

    e = lambda text: html.escape(text, quote=True)  # noqa: E731
    out, current = [], None
    for fig in figures:
        if fig.page != current:
            if current is not None:
                out.append("</div>")
            current = fig.page
            place = rel(page_url(fig.page_dest))
            anchor = _anchor(fig.page)
            # A plain heading (a heading styled as a link was noise above every group); the
            # page's link follows it, and every card title links to its figure there.
            out.append(f'<h2 id="{anchor}">{e(fig.page_title)}</h2>')
            out.append(f'<p class="gallery-page"><a href="{e(place)}">Read the page</a></p>')
            out.append('<div class="gallery-grid">')
        url = release.url_of(page_url(fig.page_dest) + f"#{fig.anchor}")
        credit = cite.figure_credit(release, fig.title, url)
        where = rel(page_url(fig.page_dest)) + f"#{fig.anchor}"
        # From the SVG in the site, or (a notebook's plot, written beside its page later)
        # from the size its own page gives it: a thumbnail never shifts the layout.
        size = _size(site_dir, fig.light) or fig.size
        dark = fig.dark_svg
        code = (
            f'<a href="{e(rel(fig.code))}" download>code (.{fig.code.rsplit(".", 1)[1]})</a>'
            if fig.code_source.is_file()
            else ""
        )
        light_img = f'<img src="{e(rel(fig.light))}#only-light" alt="{e(fig.alt)}" loading="lazy"{size}>'
        dark_img = f'<img src="{e(rel(dark))}#only-dark" alt="{e(fig.alt)}" loading="lazy"{size}>'
        # The figure's own width (px) sizes its card (docs: courses.css, "gallery"): never
        # drawn smaller than its text can be read.
        natural = re.search(r'width="(\d+)"', size)
        style = f' style="--figure-width: {natural[1]}"' if natural else ""
        out.append(
            f'<figure class="gallery-card" id="gallery-{e(fig.anchor)}"{style}>\n'
            f'<a href="{e(where)}" class="gallery-card__thumb">'
            f"{_thumb(light_img, fig.light, rel(fig.light), site_dir, pending)}"
            f"{_thumb(dark_img, dark, rel(dark), site_dir, pending)}</a>\n"
            f'<figcaption><a class="gallery-card__title" href="{e(where)}">'
            f"Figure {fig.number} · {e(fig.page_title)}</a>\n"
            f'<span class="gallery-card__links">'
            f'<span>SVG <a href="{e(rel(fig.light))}" download>light</a>'
            f' · <a href="{e(rel(dark))}" download>dark</a></span>'
            f'<span>slide PNG <a href="{e(rel(fig.png_light))}" download>light</a>'
            f' · <a href="{e(rel(fig.png_dark))}" download>dark</a></span>'
            f"{f'<span>{code}</span>' if code else ''}</span>\n"
            f'<span class="gallery-card__credit">{e(credit)}</span></figcaption>\n'
            "</figure>"
        )
    if current is not None:
        out.append("</div>")
    if figures:
        out.insert(0, _index(figures, _anchor))
    if release.root is None:
        # Said once here, not on every card: each credit line then simply has no address.
        # A quiet line, not a bold notice (issue 29): every link on this page works in
        # this copy (they are relative), and all a reader lacks is an address to credit.
        out.insert(
            0,
            '<p class="gallery-no-url">This copy was built without a public address, so the '
            "credit lines below end at the version: add the address of the page where you "
            "found the figure.</p>",
        )
    if not figures:
        raise GalleryError("the gallery found no figure on any page")
    return "\n".join(out)
