"""Slide decks: one editable ``.pptx`` per content page, made from the page itself.

A content page is a page with exercises (an ordered list under its "Exercises"
heading): its deck is what an instructor takes into a classroom. A deck is made in three
stages, each a module, with a typed value between them:

* ``gather.py``: while the pages are converted, what the deck shows, read from the page
  (figures, captions, equations, ledger rows, questions, notes, references): a
  :class:`Deck`, so a deck never differs from its page (``rich_text.py`` keeps a
  formula's indices and powers in a caption's text);
* ``layout.py``: that content as slides of placed shapes (slide size, text fitted by
  type size, continuation slides rather than smaller text): a ``SlideDeck`` of
  ``Slide``; ``equations.py`` draws the key equations for it with matplotlib's mathtext;
* ``pptx_writer.py``: the slides as .pptx bytes (python-pptx), alt text on every
  picture, speaker notes on every slide, the same bytes from build to build.

Each deck has a dark copy beside it (``<page>-slides-dark.pptx``, :func:`dark_copy`): the
same slides with the figures' dark slide PNGs, in the colours of ``layout.DARK``; the
light deck is the default (projectors) and its bytes do not depend on the dark one's.
``downloads.py`` lists the decks on the instructors' page and names their release PDFs.
A deck is cached (``<cache>/decks/``) by the hash of its :class:`Deck` and of its
figures' SVGs (:func:`deck_key`): a warm build copies it (:func:`write`).
"""

from __future__ import annotations

import io
import json
import shutil
from dataclasses import asdict
from pathlib import Path

from nn_site.engine import cache as cache_module
from nn_site.publish import gallery
from nn_site.publish.slides.downloads import pdf_name, release_downloads, table_html
from nn_site.publish.slides.equations import EquationImage, key_equations, mathtext_lines, render_equation, spoken
from nn_site.publish.slides.gather import (
    SHORT_TITLE,
    Deck,
    DeckFigure,
    SlidesError,
    Verdict,
    dark_copy,
    dark_file,
    deck_file,
    display_equations,
    gather,
    misconceptions,
    questions,
    short_title,
    solutions,
)
from nn_site.publish.slides.layout import DARK, LIGHT, Theme, lay_out
from nn_site.publish.slides.layout import pack as _pack  # the name tests/test_slides.py uses
from nn_site.publish.slides.pptx_writer import pptx_bytes
from nn_site.publish.slides.rich_text import Run, page_table, plain, rich_text

__all__ = [
    "_pack",
    "DARK",
    "LIGHT",
    "SHORT_TITLE",
    "Deck",
    "DeckFigure",
    "EquationImage",
    "Run",
    "SlidesError",
    "Theme",
    "Verdict",
    "build",
    "cache_dir",
    "dark_copy",
    "dark_file",
    "deck_file",
    "deck_key",
    "display_equations",
    "gather",
    "mathtext_lines",
    "misconceptions",
    "page_table",
    "pdf_name",
    "plain",
    "questions",
    "release_downloads",
    "render_equation",
    "rich_text",
    "short_title",
    "solutions",
    "spoken",
    "table_html",
    "write",
]

# Bumped when the layout changes, so that every cached deck is made again.
DECK_FORMAT = "deck v13"
DECK_DIR = "decks"


def figure_png(fig: DeckFigure, site_dir: Path, theme: Theme = LIGHT) -> bytes:
    """The figure's slide PNG, as the gallery left it in the site (nn_site/publish/site.py
    writes every figure's PNGs before the decks), or made now for a figure it did not list."""
    png = site_dir / fig.png
    if png.is_file():
        return png.read_bytes()
    return gallery.render_png(site_dir / fig.light, theme.name, gallery.cache_dir())


def build(deck: Deck, site_dir: Path, equation_images: list[EquationImage], theme: Theme = LIGHT) -> bytes:
    """The .pptx of one deck: laid out, then written."""
    pngs = [figure_png(fig, site_dir, theme) for fig in deck.figures]
    return pptx_bytes(lay_out(deck, pngs, equation_images, theme))


def cache_dir() -> Path:
    return cache_module.cache_dir() / DECK_DIR


def deck_key(deck: Deck, site_dir: Path, theme: Theme = LIGHT) -> str:
    """The deck's cache key: what it shows, its figures' SVGs, its colours (a dark deck's;
    the light deck's key is as it was before themes) and the versions of what draws it
    (python-pptx, matplotlib's mathtext)."""
    import matplotlib
    import pptx

    svgs = [(site_dir / fig.light).read_bytes() for fig in deck.figures]
    spec = json.dumps(asdict(deck), sort_keys=True, ensure_ascii=False)
    colours = [] if theme == LIGHT else [json.dumps(asdict(theme), sort_keys=True)]
    return cache_module.key(DECK_FORMAT, pptx.__version__, matplotlib.__version__, *colours, spec, *svgs)


def write(deck: Deck, site_dir: Path, cache: Path | None = None, theme: Theme = LIGHT) -> dict:
    """Write one deck into the site, from the cache when it was made before; returns its
    manifest: ``slides`` (count) and ``skipped`` (equations mathtext could not draw)."""
    cache = cache or cache_dir()
    try:
        key = deck_key(deck, site_dir, theme)
    except FileNotFoundError as exc:
        raise SlidesError(f"{deck.page}: a figure's file is missing from the site: {exc.filename}") from exc
    pptx_file, manifest_file = cache / f"{key}.pptx", cache / f"{key}.json"
    manifest = cache_module.read_json(manifest_file)
    target = site_dir / deck.file
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(manifest, dict) and pptx_file.is_file():
        cache_module.mark_used(pptx_file)
        shutil.copyfile(pptx_file, target)
        return manifest
    images, skipped = key_equations(deck.equations, theme.text)
    data = build(deck, site_dir, images, theme)
    from pptx import Presentation

    manifest = {"slides": len(Presentation(io.BytesIO(data)).slides), "skipped": skipped}
    cache_module.write_atomically(pptx_file, data)
    cache_module.write_json(manifest_file, manifest)
    target.write_bytes(data)
    return manifest
