"""What the search index holds: everything but the notebooks' code cells.

Every page loads the whole index (``search/search_index.json``). The ``<pre>`` of a
notebook code cell gets Material's ``data-search-exclude`` attribute, so that code stays
out of the index. Snippet listings stay in for now: their words (the labels a figure
draws, e.g. "dendrites" on the neuron schematic) are what ranks some pages first for a
reader's query (tests/browser/test_site_quality.py); excluding them needs
those words in the page's indexed prose (caption or text) first.
"""

from __future__ import annotations

import re

SOURCE = re.compile(r'(<div class="highlight notebook-code">)<pre(?=[\s>])(?![^>]*data-search-exclude)')


def exclude_code(html: str) -> str:
    return SOURCE.sub(r"\1<pre data-search-exclude", html)
