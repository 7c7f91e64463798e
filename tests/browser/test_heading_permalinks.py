"""A heading is as tall as its text on a phone: the hidden permalink sign ("¶") after it
never wraps onto a line of its own (a 35-px gap under a heading whose text just filled
the line, issue 29), and, overflowing into the gutter, never makes the page scroll
sideways (site.css, "Heading permalinks")."""

from __future__ import annotations

import pytest

from .conftest import PHONE, js_probe

pytestmark = pytest.mark.browser

# Each heading's lines (its height over its line height) against the lines its own text
# takes (the permalink left out).
HEADINGS = """() => [...document.querySelectorAll('.md-content :is(h1, h2, h3, h4)')]
  .filter(h => h.getClientRects().length && h.querySelector('.headerlink'))
  .map(h => {
    const range = document.createRange();
    range.setStartBefore(h.firstChild);
    range.setEndBefore(h.querySelector('.headerlink'));
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
    const line = parseFloat(getComputedStyle(h).lineHeight);
    return {text: h.textContent.trim().slice(0, 50), lines: Math.round(h.getBoundingClientRect().height / line),
            own: tops.size};
  })"""


# Read on the phone view's load of each page (tests/browser/conftest.py, probes).
js_probe("phone-light", "heading lines", f"() => ({{headings: ({HEADINGS})(), width: document.documentElement.scrollWidth}})")


def test_no_heading_has_an_empty_line_on_a_phone(phone, site_pages):
    problems, measured = [], 0
    for path in site_pages:
        if path.startswith("print_page"):
            continue
        found = phone(path).probes["heading lines"]
        for h in found["headings"]:
            measured += 1
            if h["lines"] > h["own"]:
                problems.append(f"/{path}: {h['text']!r} takes {h['lines']} lines, its text {h['own']}")
        if found["width"] > PHONE["width"]:
            problems.append(f"/{path}: the page is {found['width']} px wide at {PHONE['width']} px")
    assert measured > 200, f"only {measured} headings measured"
    assert not problems, "\n".join(problems[:30])
