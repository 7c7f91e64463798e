"""Display equations wider than a phone's column (docs/assets/math-scroll.js, site.css):
one only slightly too wide is set smaller so that it fits; a wider one scrolls in its own
box and fades out at each end that hides more, in both palettes, so a reader sees that
it goes on. The Hodgkin–Huxley page has both kinds at 390 px."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

BOXES = """() => [...document.querySelectorAll('.math-display')].map(box => {
  const mask = getComputedStyle(box).webkitMaskImage || getComputedStyle(box).maskImage;
  return {
    over: box.scrollWidth - box.clientWidth,
    fitted: box.classList.contains('math-display--fitted'),
    size: parseFloat(getComputedStyle(box.querySelector('math')).fontSize),
    left: box.classList.contains('math-display--more-left'),
    right: box.classList.contains('math-display--more-right'),
    mask: mask,
    tab: box.tabIndex,
  };
})"""


def faded(box: dict) -> tuple[bool, bool]:
    """Whether the box's mask fades its left and its right end (alpha of its outer stops)."""
    stops = re.findall(r"rgba?\(([^)]*)\)", box["mask"])
    alpha = [float(s.split(",")[3]) if s.count(",") == 3 else 1.0 for s in stops]
    return (bool(alpha) and alpha[0] < 0.5, bool(alpha) and alpha[-1] < 0.5)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_wide_equations_fit_or_fade_where_they_go_on(browser, base_url, scheme):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(base_url + "hodgkin-huxley/")
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_function("document.querySelectorAll('.math-display--more-right').length > 0")
        boxes = page.evaluate(BOXES)
        fitted = [b for b in boxes if b["fitted"]]
        scrolling = [b for b in boxes if b["over"] > 1]
        # Both kinds are on this page at 390 px: otherwise this checks nothing.
        assert fitted and scrolling, boxes
        body_math = max(b["size"] for b in boxes if not b["fitted"])
        for b in fitted:  # fits, and no smaller than 88 % of the others
            assert b["over"] <= 1 and b["size"] >= 0.87 * body_math and not (b["left"] or b["right"]), b
        for b in scrolling:  # at the start: more to the right, faded there, reachable by keyboard
            assert b["right"] and not b["left"] and faded(b) == (False, True) and b["tab"] == 0, b
        # Scrolled to its end, the fade moves to the other side.
        page.evaluate("""() => { const box = [...document.querySelectorAll('.math-display')]
            .find(b => b.scrollWidth > b.clientWidth + 1); box.scrollLeft = box.scrollWidth; }""")
        page.wait_for_function("document.querySelector('.math-display--more-left') !== null")
        end = [b for b in page.evaluate(BOXES) if b["over"] > 1][0]
        assert end["left"] and not end["right"] and faded(end) == (True, False), end
    finally:
        context.close()


def test_equations_on_a_desktop_neither_shrink_nor_scroll(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(base_url + "hodgkin-huxley/")
        page.evaluate("document.fonts.ready.then(() => true)")
        boxes = page.evaluate(BOXES)
    finally:
        context.close()
    assert boxes and not any(b["fitted"] or b["over"] > 1 or any(faded(b)) for b in boxes), boxes
