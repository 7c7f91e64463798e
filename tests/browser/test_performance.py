"""What keeps a page fast on a phone (issue 34), checked as structure, never as timings.

A long page's blocks below the first screen are left out of the browser's style and layout
work until they come near the viewport (site.css, section "performance": content-visibility
with an estimated height). That must be invisible to a reader: the blocks are laid out
exactly as without it once rendered, nothing moves while the page is scrolled (no layout
shift), paper gets everything, and the page's element count stays under a limit.
Timings are measured by commands (scripts/long_tasks.py, scripts/lighthouse.py), not here.
"""

from __future__ import annotations

import pytest

from .conftest import CLS_INIT, FRAMES, PHONE, READ_CLS, stay_on_site

pytestmark = pytest.mark.browser

# The pages with the most of each kind of block: equations and listings (hodgkin-huxley),
# the ledger's 2,000-element table (ledger), the largest page (decisions), the gallery's grid.
PAGES = ["hodgkin-huxley/", "ledger/", "decisions/", "gallery/"]
# Elements in a page once its scripts have run. The largest page (decisions) has ~7,100,
# most of them the highlighted code of its closed listings; the print page (every page in
# one) and the versions' copies are not pages a reader opens on a phone.
DOM_LIMIT = 7500

BLOCKS = """() => [...document.querySelectorAll('.md-content .md-typeset > *')].map(e => {
  const r = e.getBoundingClientRect();
  return {block: e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''),
          top: r.top + scrollY, height: r.height};
})"""
# Whether each block with content-visibility: auto has its content skipped (not rendered),
# as the browser last said (contentvisibilityautostatechange, recorded from the start).
RECORD_SKIPPED = """document.addEventListener('contentvisibilityautostatechange',
  event => { event.target.dataset.testSkipped = event.skipped; }, true);"""
SKIPPED = """() => [...document.querySelectorAll('.md-content .md-typeset > *')].map(e => ({
  auto: getComputedStyle(e).contentVisibility === 'auto',
  skipped: e.dataset.testSkipped === undefined ? null : e.dataset.testSkipped === 'true',
  onScreen: e.getBoundingClientRect().top < innerHeight,
  farBelow: e.getBoundingClientRect().top > 3 * innerHeight,
}))"""
NO_CONTAINMENT = "* { content-visibility: visible !important; contain: none !important; }"


def scroll_through(page) -> None:
    """Scroll to the end of the page half a screen at a time, each step rendered, then back."""
    page.evaluate("""async () => {
      const frame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
      for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) { scrollTo(0, y); await frame(); }
      scrollTo(0, 0); await frame();
    }""")


@pytest.fixture
def phone_page(browser, base_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    stay_on_site(context, base_url)
    context.add_init_script(CLS_INIT)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", ["hodgkin-huxley/", "decisions/"])
def test_blocks_below_the_first_screen_are_not_rendered_at_load(phone_page, base_url, path):
    phone_page.add_init_script(RECORD_SKIPPED)
    phone_page.goto(base_url + path, wait_until="load")
    phone_page.evaluate(FRAMES)
    blocks = phone_page.evaluate(SKIPPED)
    below = [b for b in blocks if b["auto"] and b["farBelow"] and b["skipped"] is not None]
    # most of a long page is far below the first screen (the browser renders what is within
    # a screen or so of the viewport ahead of time), and none of it is rendered yet
    assert len(below) > 10, blocks
    assert all(b["skipped"] for b in below), [i for i, b in enumerate(blocks) if b in below and not b["skipped"]]
    # what is on the first screen is rendered
    on_screen = [b for b in blocks if b["auto"] and b["onScreen"]]
    assert on_screen and not any(b["skipped"] for b in on_screen), blocks


@pytest.mark.parametrize("width", [PHONE["width"], 1280])
@pytest.mark.parametrize("path", PAGES)
def test_containment_lays_out_every_block_as_without_it(browser, base_url, path, width):
    """Once rendered, each top-level block has the position and height it has without
    content-visibility (a child's margin collapsing through a contained block would change
    both): the estimate stands in only until then."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    try:
        page.goto(base_url + path, wait_until="load")
        page.wait_for_function("document.fonts.status === 'loaded'")
        scroll_through(page)
        contained = page.evaluate(BLOCKS)
        page.add_style_tag(content=NO_CONTAINMENT)
        plain = page.evaluate(BLOCKS)
    finally:
        context.close()
    assert len(contained) == len(plain) > 5
    moved = [
        (a, b) for a, b in zip(contained, plain) if abs(a["top"] - b["top"]) > 1 or abs(a["height"] - b["height"]) > 1
    ]
    assert not moved, moved[:3]


@pytest.mark.parametrize("path", PAGES)
def test_scrolling_through_a_page_shifts_nothing(phone_page, base_url, path):
    """A block rendered as it nears the screen takes its real height below the screen, where
    nothing a reader sees moves: the layout shift of a scroll through the page stays 0."""
    phone_page.goto(base_url + path, wait_until="load")
    phone_page.wait_for_function("document.fonts.status === 'loaded'")
    scroll_through(phone_page)
    cls, shifts = phone_page.evaluate(READ_CLS)
    assert cls == 0, shifts


@pytest.mark.parametrize("width", [PHONE["width"], 1280])
def test_a_link_to_a_section_lands_where_it_would_without_containment(browser, base_url, width):
    """A page opened at each of its sections (a link from elsewhere: the blocks above were
    never rendered, they stand in with their estimates) shows the heading where it shows
    without content-visibility: at the top, or as far up as the end of the page allows."""
    tops = {}
    for contained in (True, False):
        context = browser.new_context(viewport={"width": width, "height": 844})
        if not contained:
            context.add_init_script(
                f"addEventListener('DOMContentLoaded', () => document.head.insertAdjacentHTML("
                f"'beforeend', '<style>{NO_CONTAINMENT}</style>'))"
            )
        page = context.new_page()
        try:
            page.goto(base_url + "hodgkin-huxley/", wait_until="load")
            targets = page.evaluate("[...document.querySelectorAll('.md-typeset h2[id]')].map(h => h.id)")
            for target in targets:
                page.goto(base_url + "about:blank")
                page.goto(base_url + "hodgkin-huxley/#" + target, wait_until="load")
                page.wait_for_function("document.fonts.status === 'loaded'")
                page.evaluate(
                    "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 200))))"
                )
                tops[(target, contained)] = page.evaluate(
                    f"document.getElementById('{target}').getBoundingClientRect().top"
                )
        finally:
            context.close()
    assert len(tops) > 10
    off = {t: (tops[(t, True)], tops[(t, False)]) for t, c in tops if c and abs(tops[(t, True)] - tops[(t, False)]) > 2}
    assert not off, off


def test_paper_renders_every_block(browser, base_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(base_url + "hodgkin-huxley/", wait_until="load")
        page.emulate_media(media="print")
        kinds = page.evaluate(
            "[...document.querySelectorAll('.md-content .md-typeset > *')]"
            ".map(e => getComputedStyle(e).contentVisibility)"
        )
    finally:
        context.close()
    assert kinds and set(kinds) == {"visible"}, set(kinds)


def test_every_page_stays_under_the_element_limit(browser, base_url, site_pages):
    context = browser.new_context(viewport=PHONE)
    stay_on_site(context, base_url)
    page = context.new_page()
    sizes = {}
    try:
        for path in site_pages:
            if path.startswith("print_page"):
                continue
            page.goto(base_url + path, wait_until="load")
            sizes[path] = page.evaluate("document.getElementsByTagName('*').length")
    finally:
        context.close()
    assert len(sizes) > 30
    over = {path: n for path, n in sizes.items() if n > DOM_LIMIT}
    assert not over, f"pages over {DOM_LIMIT} elements: {over}"
