"""Captions that name panels by position, set for both layouts of their figure.

A caption says "Left, the voltage; right, the current" of a figure whose panels sit side
by side on a desktop; a phone shows the same panels stacked (nn_site/engine/phone.py), where
"left" is the top panel. Each such word becomes a pair, ``<span class="panel-wide">Left</span>
<span class="panel-phone">Top</span>``, and the figure CSS shows the one that matches the
copy the browser picked (docs/assets/site.css: the same width as the phone <source>);
``display: none`` keeps the hidden word from screen readers, and paper shows the wide one.

Only a position word used as a panel's name is paired: at the start of a sentence or
clause followed by a comma, colon or dash ("Left, …", "Right: …", "Middle – …"), or in
parentheses ("(left)"). Other uses ("right axis", "the trace left behind") stay as written.
Written by hand: this is a rule about the site's own caption style, not a library's job.
"""

from __future__ import annotations

import re

STACKED = {"left": "top", "middle": "middle", "right": "bottom"}
# A panel's name: at the caption's start or after a clause's end, followed by , : or a
# dash; or alone in parentheses.
PANEL_WORD = re.compile(
    r"(?:^|(?<=[.;]\s)|(?<=[.;]\u00a0))(?P<word>[Ll]eft|[Rr]ight|[Mm]iddle)(?=\s*[,:]|\s[\u2013\u2014-]\s)"
    r"|(?<=\()(?P<inner>left|right|middle)(?=\))"
)
PROTECTED = re.compile(r"<math\b.*?</math>|<[^>]+>", re.DOTALL)  # MathML, and every tag
PHONE_WORD = re.compile(r'<span class="panel-phone">[^<]*</span>')  # what _pair adds for phones


def _pair(word: str) -> str:
    phone = STACKED[word.lower()]
    if word[0].isupper():
        phone = phone.capitalize()
    return f'<span class="panel-wide">{word}</span><span class="panel-phone">{phone}</span>'


def for_both_layouts(caption_html: str) -> str:
    """``caption_html`` with each panel-position word paired with its stacked counterpart;
    tags, their attributes and MathML are left alone."""
    protected = [m.span() for m in PROTECTED.finditer(caption_html)]

    def pair(match: re.Match) -> str:
        if any(a <= match.start() < b for a, b in protected):
            return match[0]
        return _pair(match["word"] or match["inner"])

    return PANEL_WORD.sub(pair, caption_html)


def desktop_words(caption_html: str) -> str:
    """``caption_html`` with only the desktop copy's panel words (for text that is not
    laid out per screen, such as the gallery's credit lines)."""
    return PHONE_WORD.sub("", caption_html)
