"""HTML a browser parses only when a script asks for it (issue 34): sent as the text of a
``<noscript>``. Where scripts run, a noscript's content is one text node, with no
elements to style, lay out or walk; a script turns it into HTML when a reader needs it.
Without scripts the browser parses it as HTML, so the page is whole. The corrections log
(its closed groups, docs/assets/open-target.js) and the print page (every page after the
first, docs/assets/print-page-sections.js) send their later content so."""

from __future__ import annotations


def in_noscript(content: str, css_class: str, what: str) -> str:
    """``content`` inside ``<noscript class="css_class">``. Raw text ends at the first
    ``</noscript``, and a noscript may not hold another: content that names one at all
    is refused (ValueError naming ``what``), never deferred broken."""
    if "noscript" in content.lower():
        raise ValueError(f"{what} holds a <noscript>: it cannot be deferred inside one")
    return f'<noscript class="{css_class}">{content}</noscript>'
