"""A data field (a figure caption, a ledger cell) as safe inline Markdown.

A field is inline Markdown (``*emphasis*``, ``**strong**``, `` `code` ``, links) plus
``$math$`` and ``[@key]`` citations, and never HTML: raw HTML in it is escaped, so
``<img src=x onerror=...>`` shows as that text (issue 28). Also refused or neutralised,
since each would put script or attributes into the page:

- a link whose target has a scheme other than http, https or mailto (``javascript:``,
  ``data:``): a ValueError naming the target;
- an attribute list (``{: onclick=... }``, pymdownx attr_list): ``{`` outside math and
  code is written as the entity ``&#123;``, which shows as ``{`` but is no attribute list.

Math (``$...$``) and code spans are left as written: arithmatex and Markdown escape
their content themselves.
"""

from __future__ import annotations

import html
import re

VERBATIM = re.compile(r"(`+).+?\1|(?<![\\$])\$(?!\$)(?:\\.|[^$\\])+\$", re.DOTALL)
LINK_TARGET = re.compile(r"\]\(\s*<?([^\s)>]*)")
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
SAFE_SCHEMES = {"http", "https", "mailto"}


def _text(part: str) -> str:
    for target in LINK_TARGET.findall(part):
        scheme = SCHEME.match(target)
        if scheme and scheme[1].lower() not in SAFE_SCHEMES:
            raise ValueError(
                f"a link to a {scheme[1]}: address; a link in a caption or a ledger field is relative or http(s)/mailto"
            )
    return html.escape(part, quote=False).replace("{", "&#123;")


def markdown(text: str) -> str:
    """``text`` with raw HTML escaped, ready to be converted as inline Markdown."""
    out, pos = [], 0
    for match in VERBATIM.finditer(text):
        out += [_text(text[pos : match.start()]), match[0]]
        pos = match.end()
    out.append(_text(text[pos:]))
    return "".join(out)
