"""The offline copy (``mkdocs-offline.yml`` sets ``extra.offline: true``).

After the build, the search index is also written as ``search/search_index.js``, a
script that a page opened from disk can load (Material reads it when
``location.protocol`` is ``file:``) — what Material's ``offline`` plugin does, without
its unpkg.com shim. ``404.html`` is served at any missing URL, so its links are
root-absolute (``/assets/...``), and the print page's config says ``"base": "/"``; opened
from disk that is the file system's root, so here pages at the site's root get links
relative to it.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT_ABSOLUTE = re.compile(r'((?:href|src)=")/(?!/)')
# Material's page config: the print page (mkdocs-print-site) and 404.html say "base": "/",
# which from disk is the file system's root (search then loads nothing).
CONFIG_BASE = re.compile(r'"base":\s*"/"')
CONFIG_WORKER = re.compile(r'("search":\s*")/(assets/)')


def write_search_script(site_dir: Path) -> None:
    index = site_dir / "search" / "search_index.json"
    if not index.is_file():
        raise PluginError("offline build: search/search_index.json is missing (is the search plugin on?)")
    (index.parent / "search_index.js").write_text(
        "var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8"
    )
    for page in site_dir.glob("*.html"):  # pages at the root: links relative to it
        text = page.read_text(encoding="utf-8")
        fixed = CONFIG_WORKER.sub(r"\1\2", CONFIG_BASE.sub('"base": "."', ROOT_ABSOLUTE.sub(r"\1", text)))
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
