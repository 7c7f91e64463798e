"""Where a page's deck is offered: the instructors' page's table of decks, and the PDF of
each deck the release attaches (``make slides-pdf``, on GitHub only)."""

from __future__ import annotations

import html
import posixpath
from urllib.parse import urlsplit

from nn_site.pages.tables import wrap_tables
from nn_site.publish import gallery
from nn_site.publish.slides.gather import Deck, dark_file


def pdf_name(deck_file: str) -> str:
    """The name ``make slides-pdf`` gives a deck's PDF: LibreOffice keeps the deck's name
    and changes only the suffix (``<page>-slides.pdf``), and the release attaches it so."""
    return posixpath.splitext(posixpath.basename(deck_file))[0] + ".pdf"


def release_downloads(repo_url: str | None, version: str) -> str | None:
    """Where the release vX.Y.Z's attached files are (``<repository>/releases/download/vX.Y.Z/``,
    as the book PDF), or None when the repository is not on GitHub: only GitHub's release
    workflow attaches the PDFs, so another host would get links to nothing."""
    if not repo_url or urlsplit(repo_url).hostname != "github.com":
        return None
    return f"{repo_url.rstrip('/')}/releases/download/v{version}/"


def table_html(decks: list[Deck], manifests: dict[str, dict], here_dest: str, downloads: str | None = None) -> str:
    """The instructors' page's table of decks (each with its dark copy), in the order given;
    with ``downloads`` (see :func:`release_downloads`) a column links each deck's PDF
    attached to the release."""
    here = posixpath.dirname(here_dest) or "."
    e = lambda text: html.escape(text, quote=True)  # noqa: E731
    rows = []
    for deck in decks:
        url = gallery.page_url(deck.page_dest)
        page = posixpath.relpath(url or ".", here) + ("/" if url.endswith("/") or not url else "")
        pdf = (
            f'<td><a href="{e(downloads + pdf_name(deck.file))}">{e(pdf_name(deck.file))}</a></td>' if downloads else ""
        )
        rows.append(
            f'<tr><td><a href="{e(page)}">{e(deck.title)}</a></td><td>{manifests[deck.page]["slides"]}</td>'
            f"<td>{len(deck.figures)}</td>"
            f'<td><a href="{e(posixpath.relpath(deck.file, here))}" download>{e(deck.link)}</a>'
            f' (<a href="{e(posixpath.relpath(dark_file(deck.file), here))}" download>dark</a>)</td>{pdf}</tr>'
        )
    # A plain <table>: the theme styles only tables without a class; it is added after the
    # page's own tables were put in their scroll boxes, so it is put in one here.
    return wrap_tables(
        '<div class="slide-decks">\n<table>\n<thead><tr><th>Page</th><th>Slides</th><th>Figures</th>'
        "<th>Deck (.pptx)</th>"
        + ("<th>PDF (release)</th>" if downloads else "")
        + "</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n</div>",
        name="Slide decks",
    )
