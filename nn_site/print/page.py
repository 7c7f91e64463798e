"""The print page (mkdocs-print-site): what the course hook adds to it.

mkdocs-print-site stores each page's HTML in ``on_page_content``, but as a plugin it
runs before the hooks; so the course hook's last ``on_page_content`` stores the
finished HTML (with MathML, tooltips and cleaned notebooks) instead. This module holds
the fixes to the plugin itself: a faster ``update_anchor_ids`` (installed by
``install()``, called from the hook's ``on_config``, not at import), the home links,
every image lazy (paper still gets each: ``every_image_lazy``), the collapsed code
listings set as plain text, each explorable's address for paper, no tooltips or copy
buttons mounted, and every page after the first sent as text, made HTML when needed
(``defer_sections``, docs/assets/print-page-sections.js; all in ``fix_print_page``). How it prints:
docs/assets/print.css; the book PDF: nn_site/print/book.py and ``make pdf``.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from mkdocs_print_site_plugin import urls as print_site_urls

from nn_site.pages import typography
from nn_site.pages.deferred import in_noscript

# mkdocs-print-site 2.9 turns a link to the home page from a page one level down
# ("../") into "#." (os.path.normpath gives "."), an anchor that does not exist; the
# home page's section on the print page has id "index". It writes the page in its own
# on_post_build, which runs before this hook's.
PRINT_HOME_LINK = re.compile(r'href="#\.(-[^"]*)?"')
# Every image of the print page loads lazily, the light copies of the figures too (the
# plugin's own clean-up drops loading="lazy" from some images, and an earlier fix here
# dropped it from every light copy). Each figure is an SVG document that Chromium parses
# and styles on the page's own main thread: the ~85 light copies loaded at once took
# about 1.1 s of style work before DOMContentLoaded (a Chromium trace of the print page),
# and lazy, interleaved runs went from 6.5 s to 2.9 s on a loaded machine. Paper still
# gets every figure: Chromium loads the lazy images of a page it prints (a PDF printed
# without scrolling holds them all, measured), `make pdf` sets them eager and waits for
# them (nn_site/print/book.py), and docs/assets/print-page-sections.js sets them eager on
# `beforeprint` for a browser that does not.
NOT_LAZY_IMAGE = re.compile(r"<img\b(?![^>]*\bloading=)")


def every_image_lazy(html: str) -> str:
    return NOT_LAZY_IMAGE.sub('<img loading="lazy"', html)


def _update_anchor_ids(page_html: str, page_key: str) -> str:
    """mkdocs-print-site 2.9's ``urls.update_anchor_ids`` with the same result, ~30x faster.

    Its regex ``<(\\S+).*?id="..."`` is tried from every "<" and scans to the end of
    the line each time: on a page's long lines of highlighted code and MathML that was
    over a second per build (``make bench``). A match never spans a line and needs an
    ``id="``, so running the same regex over only the lines that contain one finds the
    same matches; the replacements are then made exactly as the original makes them.
    """
    candidates = "\n".join(line for line in page_html.split("\n") if _HAS_ID.search(line))
    for match in _ANCHOR_ID.finditer(candidates):
        if match[1] in _PRINT_ID_TAGS:
            page_html = page_html.replace(match[0], match[0].replace(match[2], f"{page_key}-{match[2]}"))
    return page_html


_HAS_ID = re.compile(r'id="', re.IGNORECASE)
_ANCHOR_ID = re.compile(r"<([^\s]+).*?id=\"([^\"]*?)\".*?>", re.IGNORECASE)  # print-site's own
_PRINT_ID_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "sup", "li"}


# A collapsed code listing (``??? example listing``: nn_site/engine/code_summary.py and the figure
# code in nn_site/engine/render.py) is highlighted token by token: on the print page, which
# holds every page, that was 38,600 <span> elements of its 70,000, each parsed, styled and
# audited. A closed <details> is not printed, and a reader who opens one on screen reads
# the same code, uncoloured. Pygments' spans never nest, and the text between them
# (escaped) is kept as it is, so the code is unchanged. (DOMContentLoaded hardly moved,
# 3.6-4.3 s -> 3.3-3.6 s; the dark copies left lazy took it to 2.6-2.9 s,
# and the sections laid out when near to 1.3-1.6 s; see defer_sections for today.)
# Its <code> goes too: Material mounts every ``pre > code`` before DOMContentLoaded, giving
# the <pre> an id and reading its width, so each of the ~95 listings restyled and laid out
# the whole print page again (layouts before DOMContentLoaded: 122 -> 73).
# The same goes for what the snippet printed ("Output of ..."), inside the same closed
# <details> and not printed either (docs/assets/print.css): each of those 43 <pre><code>
# was one more code block that Material mounted before DOMContentLoaded, and each mount
# reads the block's width (a forced layout of the section it is in): the print page's
# DOMContentLoaded handlers took 1.8 s, nearly all of it there.
COLLAPSED_LISTING = re.compile(
    r'(<details class="example listing">\s*<summary>.*?</summary>\s*<div class="language-[^"]*">.*?<pre\b[^>]*>)'
    r"(.*?)(</pre>)",
    re.S,
)
LISTING_DETAILS = re.compile(r'<details class="example listing">.*?</details>', re.S)
PRE_CONTENT = re.compile(r"(<pre\b[^>]*>)(.*?)(</pre>)", re.S)
HIGHLIGHT_TAG = re.compile(r"</?(?:span|code)\b[^>]*>")


def plain_collapsed_listings(html: str) -> str:
    """Every <pre> in a collapsed listing (code and printed output) as plain text."""

    def plain(listing: re.Match) -> str:
        return PRE_CONTENT.sub(lambda m: m[1] + HIGHLIGHT_TAG.sub("", m[2]) + m[3], listing[0])

    return LISTING_DETAILS.sub(plain, html)


PRINT_SITE_SCRIPT = re.compile(r'(<script src="([^"]*)js/print-site\.js"></script>)')


# Material's script mounts, before DOMContentLoaded, a tooltip on every glossary term,
# abbreviation and titled link, and a copy button on every code block, of the whole site
# at once: on the print page, most of its time to DOMContentLoaded (measured by blocking
# the script: about a third of it went with these two features). Paper needs neither;
# on screen the terms keep the browser's own title tooltip and code stays selectable.
SCREEN_ONLY_FEATURES = ("content.tooltips", "content.code.copy")
CONFIG_FEATURES = re.compile(r'(<script id="__config" type="application/json">\{.*?"features": \[)([^\]]*)(\])')


def without_screen_only_features(html: str) -> str:
    def drop(match: re.Match) -> str:
        kept = [f for f in re.findall(r'"([^"]+)"', match[2]) if f not in SCREEN_ONLY_FEATURES]
        return match[1] + ", ".join(f'"{f}"' for f in kept) + match[3]

    return CONFIG_FEATURES.sub(drop, html, count=1)


def fix_print_page(site_dir: Path) -> None:
    """The written print page with working home links, every image lazy, and its
    collapsed code listings as plain text."""
    for page in (site_dir / "print_page" / "index.html", site_dir / "print_page.html"):  # offline copy
        if not page.is_file():
            continue
        text = page.read_text(encoding="utf-8")
        fixed = PRINT_HOME_LINK.sub(lambda m: f'href="#index{m[1] or ""}"', text)
        fixed = plain_collapsed_listings(fixed)
        fixed = without_screen_only_features(add_explorable_addresses(fixed, site_dir, page))
        fixed = links_to_pages_not_printed(
            fixed, "../corrections/" if page.name == "index.html" else "corrections.html"
        )
        fixed = sources_beside_their_image(corrections_notes_for_paper(fixed, site_dir, page))
        fixed = running_heads(
            unique_ids(every_image_lazy(typeset_sections(fixed)))
        )  # the explorables' static figures too
        fixed = defer_sections(fixed)  # last: each later page's finished HTML as text
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


# The pages' content reaches the print page before the typography filter runs on each
# page (hooks.py, on_post_page), so paper is set here the way each page is on screen:
# minus signs, ranges, thousands and number-unit spaces, and the one dash convention;
# a notebook's section (mkdocs-jupyter's wrapper in it) keeps its numbers as its
# author wrote them, as its own page does.
PRINT_SECTION = re.compile(r'(?=<section class="print-page" id=")')
NOTEBOOK = 'class="jupyter-wrapper"'


def typeset_sections(print_html: str) -> str:
    """``print_html`` with each page's section typeset as that page is on screen."""
    return "".join(
        typography.typeset(section, numbers=NOTEBOOK not in section) for section in PRINT_SECTION.split(print_html)
    )


# The corrections log is not on paper (mkdocs.yml print-site `exclude`: each page's own
# corrections are at its foot), but those notes link to their entries in it, which
# mkdocs-print-site rewrote to anchors of the print page that are not there.
NOT_PRINTED_ENTRY = re.compile(r'href="#corrections(?:-([^"]+))?"')


def links_to_pages_not_printed(html: str, corrections_url: str) -> str:
    """Links to entries of the corrections log, which the print page leaves out, go to
    the log on the site (``corrections_url``: relative to the print page)."""

    def online(match: re.Match) -> str:
        target = f"corrections-{match[1]}" if match[1] else "corrections"
        if f'id="{target}"' in html:  # the log is printed after all
            return match[0]
        return f'href="{corrections_url}' + (f'#{match[1]}"' if match[1] else '"')

    return NOT_PRINTED_ENTRY.sub(online, html)


# A page's corrections note (nn_site/pages/corrections.py) is a closed disclosure on
# screen; Material opens every <details> to print, so the book printed each entry in full
# in its box (5-15 lines a page; the reviewer of issue 29). The book prints one line in
# its place: how many corrections, and where the log lists them with their sources (the
# log itself is not printed: mkdocs.yml). A single page printed from the browser still
# prints its entries (docs/assets/print.css scopes the short form to the print page).
CORRECTIONS_NOTE = re.compile(
    r'(<div class="corrections-note">)(\s*<details class="note">\s*<summary>Corrections to this page \((\d+)\)</summary>)'
)


def corrections_notes_for_paper(print_html: str, site_dir: Path, print_file: Path) -> str:
    """Each corrections note with a print-only line: the number of corrections and the
    log's address (its canonical URL when ``site_url`` is set, else relative)."""
    if "corrections-print" in print_html:
        return print_html
    log = site_dir / "corrections" / "index.html"
    canonical = CANONICAL.search(log.read_text(encoding="utf-8")) if log.is_file() else None
    if canonical:
        url = canonical[1]
    else:
        url = "../corrections/" if print_file.name == "index.html" else "corrections.html"
    link = f'<a href="{html.escape(url)}">{html.escape(url)}</a>'

    def short(match: re.Match) -> str:
        n = int(match[3])
        return (
            f'{match[1]}<p class="print-only corrections-print">Corrections to this page: {n}, '
            f"{'each ' if n > 1 else ''}listed with its sources in the corrections log, {link}.</p>{match[2]}"
        )

    return CORRECTIONS_NOTE.sub(short, print_html)


# An explorable (docs/assets/explorables/) needs a browser: printed, it was an empty frame.
# Paper shows, in its place, its static figure (``data-static-figure="<page>/<snippet>"``:
# the snippet figure that draws the explorable at its starting settings, rendered by the
# build) with its address on the site under it (docs/assets/print.css).
EXPLORABLE = re.compile(r'<div class="nn-explorable" id="([^"]+)"[^>]*>.*?</div>', re.S)
SECTION_ID = re.compile(r'<section class="print-page" id="([^"]+)"')
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
SVG_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)pt"[^>]*?\bheight="([\d.]+)pt"', re.DOTALL)
STATIC_FIGURE = re.compile(r'\bdata-static-figure="([^"]+)"')


def _section_key(path: str) -> str:
    """The print page's id for a site page at ``path`` (mkdocs-print-site's scheme)."""
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "index"


def add_explorable_addresses(print_html: str, site_dir: Path, print_file: Path) -> str:
    """Each explorable followed by a print-only paragraph with its page's address: the
    public one (the page's canonical link, set when ``site_url`` is) or else the page's
    path relative to the print page."""
    if "print-explorable" in print_html:
        return print_html
    pages = {}
    for file in site_dir.rglob("*.html"):
        relative = file.relative_to(site_dir).as_posix()
        pages[_section_key(relative.removesuffix("index.html").removesuffix(".html"))] = file

    def address(match: re.Match) -> str:
        sections = SECTION_ID.findall(print_html, 0, match.start())
        source = pages.get(sections[-1]) if sections else None
        if source is None:
            raise ValueError(f"{print_file}: explorable {match[1]!r} outside any page's section")
        canonical = CANONICAL.search(source.read_text(encoding="utf-8"))
        if canonical:
            url = canonical[1]
        else:  # a directory URL when the print page has one
            url = Path(os.path.relpath(source, print_file.parent)).as_posix()
            url = url.removesuffix("index.html") if print_file.name == "index.html" else url
        url = f"{url}#{match[1]}"
        link = f'<a href="{html.escape(url)}">{html.escape(url)}</a>'
        static = STATIC_FIGURE.search(match[0])
        if static is None:
            return (
                f'{match[0]}<p class="print-only print-explorable"><strong>Interactive figure</strong>'
                f" (needs a browser): {link}</p>"
            )
        svg = site_dir / "figures" / f"{static[1]}.svg"
        if not svg.is_file():
            raise ValueError(
                f"{print_file}: explorable {match[1]!r} names data-static-figure={static[1]!r}, "
                f"but the build wrote no {svg.relative_to(site_dir).as_posix()}"
            )
        src = Path(os.path.relpath(svg, print_file.parent)).as_posix()
        size = SVG_SIZE.search(svg.read_text(encoding="utf-8")[:2000])
        dims = f' width="{round(float(size[1]) * 4 / 3)}" height="{round(float(size[2]) * 4 / 3)}"' if size else ""
        return (
            f'{match[0]}<figure class="print-only print-explorable">'
            f'<img src="{html.escape(src)}" alt="The interactive figure at its starting settings"{dims}>'
            f"<figcaption><strong>Interactive figure</strong>, shown at its starting settings;"
            f" to change them (needs a browser): {link}</figcaption></figure>"
        )

    return EXPLORABLE.sub(address, print_html)


def install() -> None:
    """Use ``_update_anchor_ids`` in mkdocs-print-site (same result, ~30x faster)."""
    print_site_urls.update_anchor_ids = _update_anchor_ids


PICTURE = re.compile(r"<picture>.*?</picture>", re.DOTALL)
IMG_SRC = re.compile(r'<img\b[^>]*\ssrc="([^"#]*)')
SRCSET = re.compile(r'(<source\b[^>]*\ssrcset=")([^"#]*)')


def sources_beside_their_image(print_html: str) -> str:
    """A figure's phone copy (<source srcset>) in the folder of its desktop copy (<img src>):
    mkdocs-print-site rewrites an <img>'s src for the print page's folder but not a
    <source>'s srcset, so on a phone the print page asked for the home page's and the
    notebooks' phone copies in the wrong folder: broken images (visual review C). A phone
    copy always sits beside its desktop copy (its name plus -phone)."""

    def fix(picture: re.Match) -> str:
        img = IMG_SRC.search(picture[0])
        if img is None:
            return picture[0]
        folder = img[1].rpartition("/")[0]
        return SRCSET.sub(lambda m: m[1] + (folder + "/" if folder else "") + m[2].rpartition("/")[2], picture[0])

    return PICTURE.sub(fix, print_html)


ELEMENT_ID = re.compile(r'(<[a-zA-Z][^>]*?\sid=")([^"]+)(")')


def unique_ids(print_html: str) -> str:
    """Every id once on the print page, where all pages stand together: a figure two pages
    show (home's and the mapping's drawing) would carry one id twice. A later copy's id
    gets -2, -3 ...; a link to it lands on the first, the same figure. (mkdocs-print-site
    prefixes only headings', footnotes' and list items' ids.)"""
    seen: dict[str, int] = {}

    def rename(m: re.Match) -> str:
        seen[m[2]] = seen.get(m[2], 0) + 1
        return m[0] if seen[m[2]] == 1 else f"{m[1]}{m[2]}-{seen[m[2]]}{m[3]}"

    return ELEMENT_ID.sub(rename, print_html)


# Running heads: each sheet of the book carries its chapter's title at its head (its
# number at its foot: docs/assets/print.css). Chromium prints no string-set/string(), but
# it prints named pages with their own @page margin boxes: each site page's section is a
# named page whose @top-center is its title. A group's title (a section of its own, kept
# on the sheet of its first page) takes its first page's name, or a change of name would
# force a sheet break between them. The cover and contents are unnamed: no head.
# A page's title is its first <h1> (a notebook's is inside its Jupyter wrapper).
CHAPTER = re.compile(r'<section class="print-page" id="([^"]+)"[^>]*>(?:(?!<section\b).)*?<h1\b[^>]*>(.*?)</h1>', re.S)
GROUP = re.compile(r"<section class='print-page md-section' id='([^']+)'")
RUNNING_HEADS = "print-running-heads"


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def running_heads(print_html: str) -> str:
    """The print page with a print-only <style>: a named page per site page, headed by
    its title."""
    if RUNNING_HEADS in print_html or "</head>" not in print_html:
        return print_html
    rules = []
    for match in CHAPTER.finditer(print_html):
        title = html.unescape(re.sub(r"<[^>]+>", "", match[2].split('<a class="headerlink"')[0]))
        title = " ".join(title.replace("\u00b6", "").split())
        name = "nn-" + re.sub(r"[^A-Za-z0-9-]", "-", match[1])
        rules.append(f'#print-site-page section.print-page[id="{match[1]}"] {{ page: {name}; }}')
        rules.append(f"@page {name} {{ @top-center {{ content: {_css_string(title)}; }} }}")
    for group in GROUP.finditer(print_html):
        first = CHAPTER.search(print_html, group.end())
        if first is not None:
            name = "nn-" + re.sub(r"[^A-Za-z0-9-]", "-", first[1])
            rules.append(f'#print-site-page section.md-section[id="{group[1]}"] > h1 {{ page: {name}; }}')
    style = f'<style id="{RUNNING_HEADS}">@media print {{\n' + "\n".join(rules) + "\n}</style>"
    return print_html.replace("</head>", style + "</head>", 1)


# Every page of the site after the first reaches the browser as text (issue 34). The print
# page holds the whole site: ~46,000 elements, 2.9 MB. Laid out when near the screen
# (content-visibility) and, after load, one section per task, it scored 28-35 on Lighthouse
# mobile (Total Blocking Time 11-18 s: the postponed layout, and Material's bundle walking
# every element). Inside a <noscript>, a browser that runs scripts parses a page's section
# as ONE text node: no elements, no style, no layout, nothing for Material to walk.
# docs/assets/print-page-sections.js makes that text HTML when it is needed: as the reader
# scrolls near the end of what is HTML, up to an anchor before the browser jumps to it, all
# of it before printing (and nn_site/print/book.py before it prints the book), and as much
# as there was on a reload or a step back. A browser without scripts parses the noscript's
# content as HTML, so that reader gets the whole page as before. The search index does not
# read the print page (mkdocs-print-site leaves it out), and every other page is unchanged.
# The cover, the contents and the first page (the home page) stay HTML: the first screen.
DEFERRED_CLASS = "print-page-deferred"
PRINTED_HTML_PAGES = 1  # site pages sent as HTML: the first screen, and what is under it
SECTION_TAG = re.compile(r"<section\b[^>]*>|</section>")
PAGE_SECTION = re.compile(r'<section class="print-page" id="[^"]+"')
GROUP_SECTION = re.compile(r"<section class='print-page md-section' id='[^']+'")
SECTIONS_SCRIPT = '<script src="{0}assets/print-page-sections.js"></script>'


def defer_sections(print_html: str, keep: int = PRINTED_HTML_PAGES) -> str:
    """The print page with each site page's section after the first ``keep`` holding its
    content inside a ``<noscript class="print-page-deferred">`` (a group's section its
    title, with its first page), and the script that makes it HTML. The sections
    themselves stay, with their ids (the contents links to them, the running heads name
    them). Each noscript holds one page: no section inside another is deferred twice."""
    if DEFERRED_CLASS in print_html:
        return print_html
    start = print_html.find('<div id="print-site-page"')
    if start < 0:
        return print_html
    tags = list(SECTION_TAG.finditer(print_html, start))
    edits: list[tuple[int, int]] = []  # (from, to): content to wrap
    pages = 0
    for i, tag in enumerate(tags):
        if PAGE_SECTION.match(tag[0]):
            pages += 1
            end = tags[i + 1]
            if end[0] != "</section>":
                raise ValueError(f"the print page's section {tag[0]!r} holds a section: it cannot be deferred whole")
            if pages > keep:
                edits.append((tag.end(), end.start()))
        elif GROUP_SECTION.match(tag[0]):
            first = tags[i + 1]
            # the group's title, deferred when its first page is (and shown with it)
            if PAGE_SECTION.match(first[0]) and pages + 1 > keep:
                edits.append((tag.end(), first.start()))
    if not edits:
        return print_html
    parts, last = [], 0
    for begin, end in edits:
        parts += [
            print_html[last:begin],
            in_noscript(print_html[begin:end], DEFERRED_CLASS, "a page on the print page"),
        ]
        last = end
    parts.append(print_html[last:])
    deferred = "".join(parts)
    deferred, found = PRINT_SITE_SCRIPT.subn(lambda m: m[1] + SECTIONS_SCRIPT.format(m[2]), deferred, count=1)
    if not found:
        raise ValueError("the print page has no js/print-site.js to put print-page-sections.js after")
    return deferred
