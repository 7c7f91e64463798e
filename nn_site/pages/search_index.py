"""What the search index holds: prose, not program listings.

Every page loads the whole index (``search/search_index.json``), and a search result
shows the start of what matched: a reader looks for ideas, not for Python. The ``<pre>``
of a notebook code cell and of every Python listing (a snippet's source) gets
Material's ``data-search-exclude`` attribute, so that code stays out of the index; the
listing's title (``snippets/<page>/<name>.py``), captions and printed output stay in,
so a snippet is still found by its name (tests/browser/test_site_quality.py).
"""

from __future__ import annotations

import re

SOURCE = re.compile(
    r'(<div class="(?:highlight notebook-code|language-python highlight)">'
    r'(?:<span class="filename">[^<]*</span>)?)<pre(?=[\s>])(?![^>]*data-search-exclude)'
)


def exclude_code(html: str) -> str:
    return SOURCE.sub(r"\1<pre data-search-exclude", html)
