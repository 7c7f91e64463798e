"""How the site is cited: the one source of every citation it shows.

Used by the "Cite this page" block at the end of every page (``overrides/main.html``
calls :func:`block_html` through a template global set in ``nn_site/publish/site.py``),
by the whole-work citation on the Cite page (the marker ``<!-- cite-work -->``), by the
print page (the same block, open) and by the figure gallery's attribution lines.

Everything comes from :class:`publish.Release` (name, author, release number and date,
the versioned public URL, or none when the build has no public URL). A build without a
configured URL gives no address: its citations end at the version, and one quiet line
beside them (:data:`NO_URL_NOTE`) asks the reader to add the address they read it at.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass

from nn_site.publish.versions import Release

LICENCE_NOTE = "Text and figures CC BY 4.0, code MIT"
NO_URL_NOTE = (
    "This copy was built without a public address, so the citation ends at the version: "
    "add the address where you read {what}."
)
NO_URL = "no public address in this copy"  # where a slide's footer would give the address
BIBTEX_WIDTH = 64  # a BibTeX field's line, wrapped so the block fits the column (no sideways scroll)


def _ended(title: str) -> str:
    """A title as a sentence: "Is a synapse a weight?" keeps its question mark, no period after it."""
    return title if title.endswith(("?", "!", ".")) else title + "."


@dataclass(frozen=True)
class Citation:
    key: str  # BibTeX key
    title: str  # the page's title, or the site's name for the whole work
    whole_work: bool
    url: str | None  # the versioned URL, or None in a build without a public URL
    release: Release

    @property
    def text(self) -> str:
        """APA-like plain text: Author. (Year). Title. In *Site* (Version v). URL"""
        r = self.release
        where = f" {self.url}" if self.url else ""
        if self.whole_work:
            return f"{r.author}. ({r.year}). {r.name} (Version {r.version}).{where}"
        return f"{r.author}. ({r.year}). {_ended(self.title)} In {r.name} (Version {r.version}).{where}"

    @property
    def html_text(self) -> str:
        """:attr:`text` with the site's name in italics, escaped for HTML."""
        r = self.release
        name = f"<em>{html.escape(r.name)}</em>"
        where = f" {html.escape(self.url)}" if self.url else ""
        head = f"{html.escape(r.author)}. ({r.year}). "
        if self.whole_work:
            return f"{head}{name} (Version {html.escape(r.version)}).{where}"
        return f"{head}{html.escape(_ended(self.title))} In {name} (Version {html.escape(r.version)}).{where}"

    @property
    def bibtex(self) -> str:
        r = self.release
        tex = lambda text: text.replace("&", "\\&")  # noqa: E731
        fields = [("author", f"{{{tex(r.author)}}}"), ("title", f"{{{tex(self.title)}}}")]
        if not self.whole_work:
            fields.append(("howpublished", f"In: {tex(r.name)}"))
        fields += [("year", r.year), ("version", r.version)]
        if self.url:
            fields.append(("url", self.url))
        fields.append(("note", f"Version {r.version}, released {r.date}. {LICENCE_NOTE}"))
        width = max(len(name) for name, _ in fields)
        lines = []
        for name, value in fields:
            head = f"  {name.ljust(width)} = {{"
            # a long value (the note) goes on several lines, each under the first; a URL never
            if len(head) + len(value) > BIBTEX_WIDTH and not value.startswith("http"):
                value = f"\n{' ' * len(head)}".join(textwrap.wrap(value, BIBTEX_WIDTH - len(head)))
            lines.append(f"{head}{value}}}")
        body = ",\n".join(lines)
        return f"@misc{{{self.key},\n{body}\n}}"


def page_path(src_uri: str) -> str:
    """The page's directory URL relative to the site root ('' for the home page)."""
    stem = src_uri.rsplit(".", 1)[0]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def for_page(release: Release, src_uri: str, title: str) -> Citation:
    """The citation of one page; the home page and the print page cite the whole work."""
    stem = src_uri.rsplit(".", 1)[0]
    whole = stem in ("index", "print_page")
    url = release.url_of(page_path(src_uri)) if not whole else release.url_of("")
    key = "neural-neuronal" if whole else "neural-neuronal-" + stem.replace("/", "-")
    return Citation(key=key, title=release.name if whole else title, whole_work=whole, url=url, release=release)


def for_work(release: Release) -> Citation:
    return for_page(release, "index.md", release.name)


def block_html(release: Release, src_uri: str, title: str) -> str:
    """The "Cite this page" block (open on the print page) and its one-line print form."""
    c = for_page(release, src_uri, html.unescape(title))
    is_print = src_uri == "print_page.md"
    summary = "Cite this work" if c.whole_work else "Cite this page"
    no_url = (
        ""
        if c.url
        else (
            '<p class="cite-page__no-url">'
            + html.escape(NO_URL_NOTE.format(what="the site" if c.whole_work else "this page"), quote=False)
            + "</p>\n"
        )
    )
    return (
        f'<details class="quote cite-page" id="cite-this-page"{" open" if is_print else ""}>\n'
        f"<summary>{summary}</summary>\n"
        '<p>Text and figures are licensed <a href="https://creativecommons.org/licenses/by/4.0/">'
        "CC BY 4.0</a>, code MIT: reuse them with this attribution. "
        f"Version {html.escape(c.release.version)}, released {html.escape(c.release.date)}.</p>\n"
        f'<p class="cite-page__text">{c.html_text}</p>\n'
        f"{no_url}"
        '<div class="highlight"><pre><code class="language-bibtex">'
        f"{html.escape(c.bibtex, quote=False)}</code></pre></div>\n"
        "</details>\n"
        f'<p class="cite-print">Cite: {c.html_text} · CC BY 4.0</p>'
    )


def work_markdown(release: Release) -> str:
    """The whole work's citation for the Cite page: plain text and a BibTeX block."""
    c = for_work(release)
    r = release
    text = f"{r.author}. ({r.year}). *{r.name}* (Version {r.version})." + (f" {c.url}" if c.url else "")
    if not c.url:  # a quiet line under the citation, as the gallery's (no bold notice)
        text += f'\n\n<p class="cite-page__no-url" markdown>{NO_URL_NOTE.format(what="the site")}</p>'
    return f"{text}\n\n```bibtex\n{c.bibtex}\n```"


def figure_credit(release: Release, title: str, url: str | None) -> str:
    """The one-line CC BY attribution to paste under a reused figure. Without a public
    URL the address is left out rather than replaced by a note: the gallery says once,
    above its cards, that this copy has none (a note pasted on a slide helps nobody)."""
    where = f"{url}, " if url else ""
    return f"Figure: {title}, {release.name} v{release.version}, {where}CC BY 4.0"
