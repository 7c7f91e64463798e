"""The primary sidebar on a desktop (site.css, "The sidebar's title does not cover the
navigation"): Material scrolls it to the current page; on a page deep in the navigation the
sidebar's title, stuck to its top, lay over the section label scrolled under it. After that
scroll no label or link of the navigation may share any pixel with the title, in either
palette, and each link on screen is what is hit at its text's start (nothing lies over it)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
# Pages near the end of the navigation, where the sidebar scrolls furthest, and one halfway.
DEEP_PAGES = ["gallery/", "glossary/", "ledger/", "decisions/"]

OVERLAPS = """() => {
  const nav = document.querySelector('.md-sidebar--primary');
  const scroller = nav.querySelector('.md-sidebar__scrollwrap');
  const title = nav.querySelector('.md-nav--primary > .md-nav__title');
  const t = title.getBoundingClientRect(), view = scroller.getBoundingClientRect();
  const labels = [...nav.querySelectorAll('.md-nav__link')]
    .filter(l => !title.contains(l) && l.getBoundingClientRect().height > 0);
  const meets = (a, b) => a.top < b.bottom && a.bottom > b.top && a.left < b.right && a.right > b.left;
  // (a section's label lets the pointer through, Material's pointer-events: none: not hit-tested)
  const onScreen = labels.filter(l => { const b = l.getBoundingClientRect();
    return b.top >= view.top && b.bottom <= view.bottom && getComputedStyle(l).pointerEvents !== 'none'; });
  const text = l => l.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40);
  return {
    scrollTop: scroller.scrollTop,
    labels: labels.length,
    overTitle: labels.filter(l => meets(l.getBoundingClientRect(), t)).map(text),
    covered: onScreen.filter(l => { const b = l.getBoundingClientRect();
      const top = document.elementFromPoint(b.left + Math.min(20, b.width / 2), (b.top + b.bottom) / 2);
      return !(top && l.contains(top)); }).map(text),
    active: text(nav.querySelector('.md-nav__link--active')),
  };
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", DEEP_PAGES)
def test_sidebar_title_never_lies_over_a_label(browser, base_url, path, scheme):
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark" if scheme == "slate" else "light")
    index = 0 if scheme == "default" else 1
    context.add_init_script(
        f"localStorage.setItem('/.__palette', JSON.stringify({{index: {index}, color: {{scheme: '{scheme}'}}}}))"
    )
    page = context.new_page()
    try:
        page.goto(base_url + path, wait_until="load")
        # Material scrolls the sidebar to the current page once the page is set up.
        page.wait_for_function("document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap').scrollTop > 0")
        m = page.evaluate(OVERLAPS)
        drawn = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    finally:
        context.close()
    assert drawn == scheme
    # the test can fail: the sidebar did scroll, so labels passed under where the title stuck
    assert m["scrollTop"] > 200 and m["labels"] >= 40, m
    assert m["overTitle"] == [] and m["covered"] == [], m
