"""Every internal link and anchor of the built site resolves (no browser needed).

A crawl of the built HTML — every page, the notebook pages and the print page included —
checks each ``<a href>``, ``<img src>``, ``<link href>``, ``<script src>`` (and
``<source>``/``<iframe>``/``<video>``/``<audio>`` sources) that points inside the site:
the target file exists, and a ``#fragment`` names an ``id`` (or ``<a name>``) on the
target page. MkDocs' own link validation does not see links inside notebooks or those
written as raw HTML, and never sees the theme's or the hooks' markup; this does.
"""

from __future__ import annotations

import os
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


ROOT = Path(__file__).resolve().parents[2]
LINK_ATTRIBUTES = {
    "a": "href", "area": "href", "link": "href", "img": "src", "script": "src",
    "source": "src", "iframe": "src", "video": "src", "audio": "src", "track": "src",
}
# <link rel> values that name a URL without loading it: only the site's own URL matters.
NON_FETCHING_RELS = {"canonical", "alternate", "author", "license", "me"}
SKIP_SCHEMES = {"mailto", "tel", "javascript", "data"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute value, rel)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        name = LINK_ATTRIBUTES.get(tag)
        if name and attrs.get(name):
            self.links.append((tag, attrs[name].strip(), (attrs.get("rel") or "").lower()))

    handle_startendtag = handle_starttag


def site_url() -> str:
    """The public URL (NN_SITE_URL, read by mkdocs.yml's site_url): absolute links to it
    are internal links. The test build has none unless the environment sets one."""
    return (os.environ.get("NN_SITE_URL") or "").rstrip("/") + "/"


def crawl(site: Path) -> tuple[dict[str, set[str]], dict[str, list[tuple[str, str, str]]]]:
    """ids and links of every HTML file, keyed by its path relative to the site."""
    ids, links = {}, {}
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        collector = _Collector()
        collector.feed(file.read_text(encoding="utf-8", errors="replace"))
        ids[relative], links[relative] = collector.ids, collector.links
    return ids, links


def resolve(site: Path, page: str, url: str, public: str) -> tuple[str, str] | None:
    """(target file relative to the site, fragment), or None when the URL leaves the site."""
    if url.startswith(public):
        url = "/" + url[len(public):]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    absolute = urljoin("/" + page, url)
    path = unquote(urlsplit(absolute).path).lstrip("/")
    target = site / path
    if path == "" or path.endswith("/") or target.is_dir():
        path = (path.rstrip("/") + "/index.html").lstrip("/")
    return path, unquote(parts.fragment)


def test_internal_links_and_anchors_resolve(site: Path, quality_summary):
    public = site_url()
    ids, links = crawl(site)
    broken = defaultdict(list)
    checked = 0
    for page, page_links in links.items():
        if page == "404.html":
            continue  # served at any missing URL: its links are absolute to the site root
        for tag, url, rel in page_links:
            scheme = urlsplit(url).scheme
            if scheme in SKIP_SCHEMES or (tag == "link" and NON_FETCHING_RELS & set(rel.split())
                                           and not url.startswith(public)):
                continue
            target = resolve(site, page, url, public)
            if target is None:
                continue  # another host: not this test's business (the browser test forbids fetching)
            path, fragment = target
            checked += 1
            if not (site / path).is_file():
                broken[page].append(f"<{tag}> {url} → missing file {path}")
            elif fragment and path.endswith(".html") and fragment not in ids.get(path, set()):
                broken[page].append(f"<{tag}> {url} → no id {fragment!r} on {path}")
    quality_summary["links checked"] += checked
    quality_summary["broken links"] += sum(map(len, broken.values()))
    assert checked > 100, f"only {checked} internal links found: is the crawl working?"
    assert not broken, "broken internal links:\n" + "\n".join(
        f"{page}:\n  " + "\n  ".join(items) for page, items in sorted(broken.items()))


def test_ids_are_unique(site: Path):
    """An id used twice on a page makes its #fragment links ambiguous (and the HTML invalid)."""
    duplicates = {}
    for file in sorted(site.rglob("*.html")):
        seen, twice = set(), set()

        class Ids(HTMLParser):
            def handle_starttag(self, tag, attrs):
                value = dict(attrs).get("id")
                if value:
                    (twice if value in seen else seen).add(value)

        Ids(convert_charrefs=True).feed(file.read_text(encoding="utf-8", errors="replace"))
        if twice:
            duplicates[file.relative_to(site).as_posix()] = sorted(twice)
    assert not duplicates, "duplicate ids:\n" + "\n".join(
        f"{page}: {', '.join(ids)}" for page, ids in duplicates.items())
