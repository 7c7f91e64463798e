"""Page-weight report: what a reader downloads, compressed as a static host serves it.

    python scripts/page_weight.py [site/]        (``make bench`` prints it too)

For each page of a built site: the bytes transferred on a first visit (the page, its
style sheets and scripts, the light copy of each figure, and the math font if the page
has math) and on a next visit to another page (the page and its own figures; everything
shared is cached). The search index is listed on its own: it is fetched only when the
reader first uses search (docs/assets/search-on-demand.js), then cached like the rest.
Text is gzip-compressed (level 6, as most static hosts serve it); fonts and images are
counted as stored. Goals (issue 19): a text page with math <= 350 KB first, <= 60 KB next;
figure SVGs <= 30 KB median.
"""

from __future__ import annotations

import gzip
import posixpath
import re
import statistics
import sys
from functools import cache
from pathlib import Path

ASSET = re.compile(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src|img[^>]*src)="([^"#?]+)(#[^"]*)?"')
FONT_URL = re.compile(r"""url\(\s*['"]?([^)'"]+\.woff2?)['"]?\s*\)""")
COMPRESSED = {".html", ".css", ".js", ".json", ".svg"}


@cache
def size(path: Path) -> int:
    data = path.read_bytes()
    return len(gzip.compress(data, 6, mtime=0)) if path.suffix in COMPRESSED else len(data)


def page_url_dir(site: Path, page: Path) -> str:
    return posixpath.dirname(page.relative_to(site).as_posix())


def weights(site: Path, page: Path) -> tuple[int, int]:
    """(first visit, next visit) in bytes for one page."""
    html = page.read_text(encoding="utf-8", errors="replace")
    here = page_url_dir(site, page)
    shared, own = set(), {page}
    for url, fragment in ASSET.findall(html):
        if "://" in url or url.startswith(("//", "data:")) or fragment == "#only-dark":
            continue
        target = site / posixpath.normpath(posixpath.join(here, url)).lstrip("/")
        if target.is_file():
            (own if "/figures/" in f"/{target.relative_to(site).as_posix()}" else shared).add(target)
    if "<math" in html:
        for css in [p for p in shared if p.suffix == ".css"]:
            for font in FONT_URL.findall(css.read_text(encoding="utf-8", errors="replace")):
                target = (css.parent / font).resolve()
                if target.is_file() and "math" in target.name.lower():
                    shared.add(target)
    first = sum(size(p) for p in shared | own)
    return first, sum(size(p) for p in own)


def report(site: Path) -> str:
    pages = sorted(p for p in site.rglob("*.html") if "assets" not in p.parts and p.name != "404.html")
    rows = {p.relative_to(site).as_posix(): weights(site, p) for p in pages}
    firsts = [f for f, _ in rows.values()]
    nexts = [n for _, n in rows.values()]
    lines = [f"{'page':44} {'first KB':>9} {'next KB':>8}"]
    for name, (first, next_) in sorted(rows.items(), key=lambda kv: -kv[1][0])[:8]:
        lines.append(f"{name:44} {first / 1e3:9.0f} {next_ / 1e3:8.0f}")
    home = rows.get("index.html", (0, 0))
    lines.append(f"{'home (index.html)':44} {home[0] / 1e3:9.0f} {home[1] / 1e3:8.0f}")
    lines.append(
        f"{'median of ' + str(len(rows)) + ' pages':44} {statistics.median(firsts) / 1e3:9.0f} "
        f"{statistics.median(nexts) / 1e3:8.0f}"
    )
    index = site / "search" / "search_index.json"
    if index.is_file():
        lines.append(
            f"search index: {index.stat().st_size / 1e3:.0f} KB, {size(index) / 1e3:.0f} KB compressed, "
            "fetched when the reader first uses search"
        )
    figures = sorted(site.glob("figures/**/*.svg"))
    if figures:
        stored = statistics.median(p.stat().st_size for p in figures)
        served = statistics.median(size(p) for p in figures)
        lines.append(
            f"figure SVGs ({len(figures)}, light and dark): median {served / 1e3:.1f} KB as served "
            f"(goal <= 30 KB), {stored / 1e3:.1f} KB on disk"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))
