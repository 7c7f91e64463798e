"""The offline copy (``mkdocs-offline.yml`` sets ``extra.offline: true``).

After the build, the search index is also written as ``search/search_index.js``, a
script that a page opened from disk can load (Material reads it when
``location.protocol`` is ``file:``) — what Material's ``offline`` plugin does, without
its unpkg.com shim. ``404.html`` is served at any missing URL, so its links are
root-absolute (``/assets/...``); opened from disk that is the file system's root, so
here they become relative to the site folder (where 404.html lies).
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT_ABSOLUTE = re.compile(r'((?:href|src)=")/(?!/)')


def write_search_script(site_dir: Path) -> None:
    index = site_dir / "search" / "search_index.json"
    if not index.is_file():
        raise PluginError("offline build: search/search_index.json is missing (is the search plugin on?)")
    (index.parent / "search_index.js").write_text("var __index = " + index.read_text(encoding="utf-8"),
                                                  encoding="utf-8")
    not_found = site_dir / "404.html"
    if not_found.is_file():
        text = not_found.read_text(encoding="utf-8")
        not_found.write_text(ROOT_ABSOLUTE.sub(r"\1", text), encoding="utf-8")
