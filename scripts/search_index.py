"""What the search index holds: prose, headings, glossary terms and code titles, not code.

Every page loads the whole index (``search/search_index.json``); code listings, printed
output and notebook cells made up most of it (462 KB before this change). Each ``<pre>``
gets Material's ``data-search-exclude`` attribute, so its text stays out of the index;
inline ``code`` in prose and the file name above a listing (its title) stay in.
"""

from __future__ import annotations

import re

PRE = re.compile(r"<pre(?=[\s>])(?![^>]*data-search-exclude)")


def exclude_code(html: str) -> str:
    return PRE.sub("<pre data-search-exclude", html)
