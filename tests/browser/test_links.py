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
import posixpath
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

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
    if not parts.path:
        path = page  # "#fragment": this page
    elif parts.path.startswith("/"):
        path = unquote(parts.path).lstrip("/")
    else:
        # posixpath, not urljoin: urljoin stops "../" at the root, so a link that leaves
        # the site folder (dead when the site is opened from disk) would look fine.
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        if path == ".":
            path = ""
        if path.startswith("../") or path == "..":
            return f"(outside the site) {path}", unquote(parts.fragment)
        if parts.path.endswith("/") and path:
            path += "/"
    target = site / path
    if path == "" or path.endswith("/") or target.is_dir():
        path = (path.rstrip("/") + "/index.html").lstrip("/")
    return path, unquote(parts.fragment)


def find_broken(site: Path, public: str, from_disk: bool = False) -> tuple[int, dict[str, list[str]]]:
    """(links checked, broken links by page). ``from_disk``: the copy opened from file://,
    where 404.html too must link relatively and a root-absolute link is broken."""
    ids, links = crawl(site)
    broken = defaultdict(list)
    checked = 0
    for page, page_links in links.items():
        if page == "404.html" and not from_disk:  # served at any missing URL: root-absolute links
            relative = [url for _, url, _ in page_links if not urlsplit(url).scheme
                        and not url.startswith(("/", "#")) and not url.startswith(public)]
            if relative:
                broken[page].append(f"relative links, dead at any other depth: {relative[:5]}")
            continue
        for tag, url, rel in page_links:
            scheme = urlsplit(url).scheme
            if scheme in SKIP_SCHEMES or (tag == "link" and NON_FETCHING_RELS & set(rel.split())
                                           and not url.startswith(public)):
                continue
            if from_disk and url.startswith("/") and not url.startswith("//"):
                broken[page].append(f"<{tag}> {url} → root-absolute: the file system's root from disk")
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
    return checked, broken


def report(broken: dict[str, list[str]]) -> str:
    return "broken internal links:\n" + "\n".join(
        f"{page}:\n  " + "\n  ".join(items) for page, items in sorted(broken.items()))


def test_resolve_follows_dot_dot_like_a_browser_on_disk(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.js").write_text("")
    assert resolve(tmp_path, "a/page.html", "x.js", "https://e.org/") == ("a/x.js", "")
    assert resolve(tmp_path, "a/b/index.html", "../x.js", "https://e.org/") == ("a/x.js", "")
    assert resolve(tmp_path, "page.html", "#top", "https://e.org/") == ("page.html", "top")
    outside, _ = resolve(tmp_path, "page.html", "../assets/x.js", "https://e.org/")
    assert not (tmp_path / outside).is_file()  # from the site's root, ../ leaves the site


def test_internal_links_and_anchors_resolve(site: Path, quality_summary):
    checked, broken = find_broken(site, site_url())
    quality_summary["links checked"] += checked
    quality_summary["broken links"] += sum(map(len, broken.values()))
    assert checked > 100, f"only {checked} internal links found: is the crawl working?"
    assert not broken, report(broken)


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
