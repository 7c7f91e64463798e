"""A heading is as tall as its text on a phone: the hidden permalink sign ("¶") after it
never wraps onto a line of its own (a 35-px gap under a heading whose text just filled
the line, issue 29), and, overflowing into the gutter, never makes the page scroll
sideways (site.css, "Heading permalinks")."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

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


def test_no_heading_has_an_empty_line_on_a_phone(browser, base_url, site_pages):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems, measured = [], 0
    try:
        for path in site_pages:
            if path.startswith("print_page"):
                continue
            page.goto(base_url + path)
            for h in page.evaluate(HEADINGS):
                measured += 1
                if h["lines"] > h["own"]:
                    problems.append(f"/{path}: {h['text']!r} takes {h['lines']} lines, its text {h['own']}")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                problems.append(f"/{path}: the page is {width} px wide at {PHONE['width']} px")
    finally:
        context.close()
    assert measured > 200, f"only {measured} headings measured"
    assert not problems, "\n".join(problems[:30])
