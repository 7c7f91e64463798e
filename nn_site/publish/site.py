"""Publishing hooks: the versioned public URL, citations, share cards, repository links
and the figure gallery. Registered last in ``mkdocs.yml`` (``hooks:``).

* ``on_config``: :mod:`publish` resolves the release and the public URL; ``site_url``
  becomes the *versioned* root (``<root><version>/``), so canonical links and the
  sitemap of each version point into that version. A build without a public URL logs
  so once and its citations say so; a release build without one fails.
* Page contexts get ``cite_block(page)``, ``share_meta(page)`` and ``repo_links(page)``
  (``overrides/main.html``); the Cite page's ``<!-- cite-work -->`` marker becomes the
  whole work's citation. All citation text comes from ``nn_site/publish/cite.py``.
* Every page's finished HTML is scanned for figures (``nn_site/publish/gallery.py``); the
  Gallery page's ``<!-- gallery -->`` marker becomes the grid, and after the build the
  slide PNGs and code copies are written beside the SVGs.
* Course kit (issue 33): each content page's slide deck is gathered from its HTML
  (``nn_site/publish/slides/``) and written when the first page is rendered, linked under
  the page (``slides_link``) and listed at the instructors' page's ``<!-- slide-decks -->``;
  its ``<!-- lesson-plans -->`` becomes the plans of ``includes/lesson_plans.yml``
  (``nn_site/publish/lesson_plans.py``).
"""

from __future__ import annotations

import html
import logging
import os
import posixpath
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from nn_site import config as site_config
from nn_site import state
from nn_site.publish import cite, gallery, lesson_plans, slides
from nn_site.publish import versions as publish

log = logging.getLogger("mkdocs.hooks.publish")
CITE_WORK_MARKER = "<!-- cite-work -->"
GALLERY_MARKER = "<!-- gallery -->"
DECKS_MARKER = "<!-- slide-decks -->"
INSTRUCTORS_PAGE = "instructors.md"
GALLERY_PAGE = "gallery.md"
PRINT_PAGE = "print_page.md"
PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
DESCRIPTION_LENGTH = 200


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # NN_RELEASE as nn_site.config read it (once, checked); mike's version folder as mike set it
    environ = {
        publish.RELEASE_ENV: "1" if site_config.get().release else "",
        publish.MIKE_ENV: os.environ.get(publish.MIKE_ENV, ""),
    }
    try:
        state.current().release = publish.from_config(config, environ)
    except publish.ReleaseError as exc:
        raise PluginError(str(exc)) from exc
    config.site_url = state.current().release.versioned_root  # None without a public URL
    if not os.environ.get(publish.MIKE_ENV):
        # Material's version selector fetches ../versions.json, which only mike writes:
        # a plain build (make serve, make build, the offline copy) shows no selector and
        # makes no request that would 404.
        config.extra["version"] = None
    if config.repo_url and urlsplit(config.repo_url).hostname == "github.com":
        config.edit_uri = f"edit/{config.extra.get('repo_branch', 'main')}/docs/"
    if state.current().release.root is None:
        log.info(
            "No public URL configured (site_url / NN_SITE_URL): citations in this build "
            "say so instead of giving an address."
        )
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    state.current().figures.clear()


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if CITE_WORK_MARKER in markdown:
        markdown = markdown.replace(CITE_WORK_MARKER, cite.work_markdown(state.current().release))
    state.current().deck_equations[page.file.src_uri] = slides.display_equations(markdown)
    if page.file.src_uri == INSTRUCTORS_PAGE and lesson_plans.MARKER in markdown:
        titles = lesson_plans.nav_titles(config.nav)
        try:
            plans = lesson_plans.load(Path(config.config_file_path).parent, Path(config.docs_dir), titles)
        except lesson_plans.LessonPlanError as exc:
            raise PluginError(str(exc)) from exc
        dests = {f.src_uri: f.dest_uri for f in files.documentation_pages()}
        section = lesson_plans.markdown(plans, page.file.dest_uri, dests, titles, slides.deck_file)
        markdown = markdown.replace(lesson_plans.MARKER, section)
    return markdown


def on_files(files: Files, config: MkDocsConfig) -> Files:
    gallery_file = files.get_file_from_path(GALLERY_PAGE)
    if gallery_file is not None:
        state.current().dest[GALLERY_PAGE] = gallery_file.dest_uri
    # mkdocs-print-site keeps its page out of `files`; its name follows the URL style.
    state.current().dest[PRINT_PAGE] = "print_page/index.html" if config.use_directory_urls else "print_page.html"
    return files


def on_page_content(html_: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri not in (GALLERY_PAGE, PRINT_PAGE):
        figures = gallery.collect(html_, page.file.src_uri, page.title or "", page.file.dest_uri)
        if figures:
            state.current().figures[page.file.src_uri] = figures
    if not (page.meta or {}).get("description"):
        description = first_paragraph(html_)
        if description:  # Material writes page.meta.description into HTML unescaped
            page.meta["description"] = html.escape(description, quote=True)
    _gather_deck(html_, page, config)
    return html_


def _gather_deck(html_: str, page: Page, config: MkDocsConfig) -> None:
    """What the page's slide deck shows (nn_site/publish/slides/), if it is a content page."""
    build = state.current()
    if build.misconceptions is None:
        instructors = Path(config.docs_dir) / INSTRUCTORS_PAGE
        text = instructors.read_text(encoding="utf-8") if instructors.is_file() else ""
        build.misconceptions = slides.misconceptions(text)
    uri = page.file.src_uri
    if uri.endswith(".ipynb") or uri in (GALLERY_PAGE, PRINT_PAGE, INSTRUCTORS_PAGE):
        return
    deck = slides.gather(
        html_,
        uri,
        page.file.dest_uri,
        gallery._text(page.title or ""),
        first_paragraph(html_, cut=False),  # the notes are not a meta tag: the whole paragraph
        build.deck_equations.get(uri, []),
        build.ledger_rows,
        build.misconceptions,
        build.release,
        build.bibliography.entries if build.bibliography else None,
    )
    if deck is not None:
        build.decks[uri] = deck


def write_decks(config: MkDocsConfig) -> dict[str, dict]:
    """Every deck written into the site (once per build: at the first page rendered, when
    every page has been converted and the figures copied, so the instructors' page can
    count the slides)."""
    build = state.current()
    if build.deck_manifests is None:
        start = time.perf_counter()
        site_dir = Path(config.site_dir)
        try:
            # First the slide PNGs of every deck's figures, rendered on every core at once
            # (gallery.write_downloads); a deck made one at a time rendered its figures one
            # by one, in this process (a cold build: 170 PNGs, about 50 s on one core).
            shown = [fig for uri in build.decks for fig in build.figures.get(uri, [])]
            gallery.write_downloads(site_dir, shown)
            build.deck_manifests = {uri: slides.write(deck, site_dir) for uri, deck in build.decks.items()}
            # Each deck's dark copy (issue 33: light by default, for projectors): the same
            # slides with the figures' dark PNGs; cached the same way.
            for uri, deck in build.decks.items():
                slides.write(slides.dark_copy(deck, build.figures.get(uri, [])), site_dir, theme=slides.DARK)
        except (slides.SlidesError, gallery.GalleryError) as exc:
            raise PluginError(str(exc)) from exc
        for uri, manifest in build.deck_manifests.items():
            for tex in manifest["skipped"]:
                log.info(f"Slides: docs/{uri}: an equation mathtext cannot draw is left off its deck: {tex}")
        slides_made = sum(m["slides"] for m in build.deck_manifests.values())
        log.info(decks_log_line(len(build.decks), slides_made, time.perf_counter() - start))
    return build.deck_manifests


def decks_log_line(decks: int, slides_made: int, seconds: float) -> str:
    """The build log's line on the decks, which ``make bench`` reads (scripts/bench.py DECKS_LOG)."""
    return f"Slides: {decks} decks (and their dark copies), {slides_made} slides, in {seconds:.1f} s"


def slides_link(page: Page, config: MkDocsConfig) -> str:
    """The "Slides (.pptx)" download under a content page (its deck is beside its HTML) and,
    when the repository is on GitHub, the release's PDF of it (``make slides-pdf``)."""
    deck = state.current().decks.get(page.file.src_uri) if page and page.file else None
    if deck is None:
        return ""
    downloads = slides.release_downloads(config.repo_url, state.current().release.version)
    pdf = f' · <a href="{html.escape(downloads + slides.pdf_name(deck.file), quote=True)}">PDF</a>' if downloads else ""
    return (
        f'<p class="slides-download"><a href="{html.escape(deck.link, quote=True)}" download>Slides (.pptx)</a>'
        f' (<a href="{html.escape(slides.dark_file(deck.link), quote=True)}" download>dark</a>)'
        f"{pdf}: this page as an editable slide deck, with speaker notes, for teaching.</p>"
    )


def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    _add_helpers(context, config)
    manifests = write_decks(config)
    if page.file.src_uri == INSTRUCTORS_PAGE and DECKS_MARKER in (page.content or ""):
        order = [p.file.src_uri for p in nav.pages]
        decks = sorted(
            state.current().decks.values(), key=lambda d: order.index(d.page) if d.page in order else len(order)
        )
        downloads = slides.release_downloads(config.repo_url, state.current().release.version)
        table = slides.table_html(decks, manifests, page.file.dest_uri, downloads)
        page.content = page.content.replace(DECKS_MARKER, table)
    if page.file.src_uri == GALLERY_PAGE:
        if GALLERY_MARKER not in (page.content or ""):
            raise PluginError(f"docs/{GALLERY_PAGE}: the marker {GALLERY_MARKER} is missing")
        order = [p.file.src_uri for p in nav.pages]
        # A figure two pages show (home's and mapping's comparison: one snippet) is one
        # card, under the first of them in the navigation.
        ordered, seen = [], set()
        for uri in sorted(state.current().figures, key=lambda u: order.index(u) if u in order else len(order)):
            for fig in state.current().figures[uri]:
                if fig.light not in seen:
                    seen.add(fig.light)
                    ordered.append(fig)
        try:
            grid = gallery.gallery_html(
                ordered,
                state.current().release,
                page.file.dest_uri,
                Path(config.site_dir),
                pending=state.current().notebook_files,
            )
        except gallery.GalleryError as exc:
            raise PluginError(f"docs/{GALLERY_PAGE}: {exc}") from exc
        count = f"{len(ordered)} figures from {len({fig.page for fig in ordered})} pages"
        page.content = page.content.replace(GALLERY_MARKER, f'<p class="gallery-count">{count}.</p>\n{grid}')
    return context


def on_template_context(context, template_name: str, config: MkDocsConfig):
    # mkdocs-print-site renders the print page later, in a fresh Jinja environment, from
    # the 404 template's context: so the helpers live in contexts, not in env.globals.
    return _add_helpers(context, config)


def _add_helpers(context, config: MkDocsConfig):
    context["cite_block"] = lambda page: cite.block_html(state.current().release, page.file.src_uri, page.title or "")
    context["share_meta"] = share_meta
    context["repo_links"] = lambda page: repo_links(page, config)
    context["slides_link"] = lambda page: slides_link(page, config)
    return context


def on_post_build(config: MkDocsConfig) -> None:
    start = time.perf_counter()
    write_decks(config)  # a build that rendered no page (none is) still gets its decks
    figures = [fig for figs in state.current().figures.values() for fig in figs]
    try:  # the PNGs the decks did not need (the notebooks' figures, written since)
        made = gallery.write_downloads(Path(config.site_dir), figures)
    except gallery.GalleryError as exc:
        raise PluginError(str(exc)) from exc
    link_print_page_to_gallery(Path(config.site_dir))
    log.info(f"Gallery: {len(figures)} figures, {made} slide PNGs written in {time.perf_counter() - start:.1f} s")


def link_print_page_to_gallery(site_dir: Path) -> None:
    """The gallery is left off the print page (mkdocs.yml, print-site ``exclude``), so the
    print page's links to it, rewritten to ``#gallery``, go to the gallery page instead."""
    if GALLERY_PAGE not in state.current().dest or PRINT_PAGE not in state.current().dest:
        return
    printed = site_dir / state.current().dest[PRINT_PAGE]
    if not printed.is_file():
        return
    target = posixpath.relpath(
        state.current().dest[GALLERY_PAGE], posixpath.dirname(state.current().dest[PRINT_PAGE]) or "."
    )
    target = target.removesuffix("index.html")
    text = printed.read_text(encoding="utf-8")
    printed.write_text(text.replace('href="#gallery"', f'href="{target}"'), encoding="utf-8")


# --- template helpers ------------------------------------------------------------------


def first_paragraph(html_: str, cut: bool = True) -> str:
    """The page's first paragraph as plain text, cut at a word near DESCRIPTION_LENGTH."""
    for match in PARAGRAPH.finditer(html_):
        text = gallery._text(match[1])
        if len(text) >= 40:
            if cut and len(text) > DESCRIPTION_LENGTH:
                text = text[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"
            return text
    return ""


def share_meta(page: Page) -> list[tuple[str, str, str]]:
    """Open Graph and Twitter card tags: (attribute, name, content). Nothing here is
    fetched when the page is viewed; a link preview service reads them."""
    title = html.unescape(page.title or "") if page.file.src_uri != "index.md" else state.current().release.name
    description = html.unescape((page.meta or {}).get("description") or "")
    tags = [
        ("property", "og:type", "website"),
        ("property", "og:site_name", state.current().release.name),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
    ]
    url = state.current().release.url_of(gallery.page_url(page.file.dest_uri))
    figures = state.current().figures.get(page.file.src_uri)
    image = state.current().release.url_of(figures[0].png_light) if figures and url else None
    if url:
        tags.append(("property", "og:url", url))
    if image:
        tags += [
            ("property", "og:image", image),
            ("property", "og:image:alt", figures[0].alt),
            ("name", "twitter:image", image),
            ("name", "twitter:image:alt", figures[0].alt),
            ("name", "twitter:card", "summary_large_image"),
        ]
    else:
        tags.append(("name", "twitter:card", "summary"))
    return tags


def repo_links(page: Page, config: MkDocsConfig) -> dict[str, str]:
    """Colab and Binder links for a notebook page, when repo_url is a GitHub repository."""
    repo = (config.repo_url or "").rstrip("/")
    if not repo or not page.file.src_uri.endswith(".ipynb"):
        return {}
    parts = urlsplit(repo)
    if parts.hostname != "github.com" or parts.path.count("/") != 2:
        return {}
    slug = parts.path.strip("/")
    branch = config.extra.get("repo_branch", "main")
    path = f"{config.docs_dir.rstrip('/').rsplit('/', 1)[-1]}/{page.file.src_uri}"
    return {
        "colab": f"https://colab.research.google.com/github/{slug}/blob/{branch}/{path}",
        "binder": f"https://mybinder.org/v2/gh/{slug}/{branch}?labpath={path}",
    }
