"""What keeps a page fast on a phone (issue 34), checked as structure, never as timings.

Code blocks are set up as they near the screen (mkdocs.yml: content.lazy) and equations
measured as they near it (math-scroll.js). That must be invisible to a reader: nothing moves
while a page is scrolled (no layout shift), a link to a section lands on it, and a page's
element count stays under a limit. (Leaving off-screen blocks out of the first layout with
content-visibility was tried and taken out: its estimated heights made pages grow as they
were scrolled and links land short; site.css, section "performance", says more. It stays
only on the ledger's phone cards, whose heights are known: the last test below.)
Timings are measured by commands (scripts/long_tasks.py, scripts/lighthouse.py), not here.
"""

from __future__ import annotations

import pytest

from .conftest import CLS_INIT, PHONE, READ_CLS, js_probe, stay_on_site

pytestmark = pytest.mark.browser

# The pages with the most of each kind of block: equations and listings (hodgkin-huxley),
# the ledger's 2,000-element table (ledger), the largest page (decisions), the gallery's grid.
PAGES = ["hodgkin-huxley/", "ledger/", "decisions/", "gallery/"]
# Elements in a page once its scripts have run. The largest page (decisions) has ~7,100,
# most of them the highlighted code of its closed listings; the print page (every page in
# one) and the versions' copies are not pages a reader opens on a phone.
DOM_LIMIT = 7500


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


@pytest.mark.parametrize("path", PAGES)
def test_scrolling_through_a_page_shifts_nothing(phone_page, base_url, path):
    """A block rendered as it nears the screen takes its real height below the screen, where
    nothing a reader sees moves: the layout shift of a scroll through the page stays 0."""
    phone_page.goto(base_url + path, wait_until="load")
    phone_page.wait_for_function("document.fonts.status === 'loaded'")
    scroll_through(phone_page)
    cls, shifts = phone_page.evaluate(READ_CLS)
    assert cls == 0, shifts


js_probe("phone-light", "elements", "() => document.getElementsByTagName('*').length")


def test_every_page_stays_under_the_element_limit(phone, site_pages):
    """Elements once the page's scripts have run, on the phone view's load (conftest: probes)."""
    sizes = {path: phone(path).probes["elements"] for path in site_pages if not path.startswith("print_page")}
    assert len(sizes) > 30
    over = {path: n for path, n in sizes.items() if n > DOM_LIMIT}
    assert not over, f"pages over {DOM_LIMIT} elements: {over}"


# Pages whose exercises (a list holding <details>) follow long sections of figures and
# listings: where a link to a section had landed short with content-visibility.
LINKED_PAGES = ["hodgkin-huxley/", "decisions/", "spike-energy/", "ledger/"]


@pytest.mark.parametrize("width", [PHONE["width"], 1280])
@pytest.mark.parametrize("path", LINKED_PAGES)
def test_a_link_to_a_section_lands_on_it(browser, base_url, path, width):
    """A link to any section with a screen's height of page below it puts its heading at the
    top of the screen (under the header), once the page has loaded."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    stay_on_site(context, base_url)
    page = context.new_page()
    try:
        page.goto(base_url + path, wait_until="load")
        targets = page.evaluate("""() => {
          const end = document.documentElement.scrollHeight - innerHeight - 10;
          return [...document.querySelectorAll('.md-typeset h2[id]')]
            .filter(h => h.getBoundingClientRect().top + scrollY < end).map(h => h.id);
        }""")
        assert targets, f"/{path} has no section with a screen of page below it"
        missed = []
        for target in targets:
            page.goto(f"{base_url}{path}#{target}", wait_until="load")
            page.wait_for_timeout(300)  # the theme's own scroll to the hash after its scripts run
            top = page.evaluate(f"document.getElementById({target!r}).getBoundingClientRect().top")
            if not 0 <= top <= 150:
                missed.append(f"#{target}: {top:.0f} px from the top")
        assert not missed, f"/{path} at {width} px: " + ", ".join(missed)
    finally:
        context.close()


def test_the_ledgers_cards_are_contained_and_a_link_past_them_lands(phone_page, base_url):
    """The one place with content-visibility (site.css, "performance"): the ledger's cards on a
    phone. It is safe because their estimated height is the cards' median real one, and a link
    to the one section after the table (its references) lands on it, or on the page's end."""
    phone_page.goto(base_url + "ledger/", wait_until="load")
    phone_page.wait_for_function("document.fonts.status === 'loaded'")
    found = phone_page.evaluate("""() => {
      const rows = [...document.querySelectorAll('.ledger-table tbody tr')];
      const table = document.querySelector('.ledger-table');
      const after = [...document.querySelectorAll('.md-content article h2[id]')]
        .filter(h => table.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING);
      const style = getComputedStyle(rows[0]);
      const estimate = parseFloat(style.containIntrinsicHeight.replace('auto ', ''))
        + parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
      // draw every card once, then compare its real height with the estimate
      const real = rows.map(r => { r.scrollIntoView(); return r.getBoundingClientRect().height; });
      real.sort((a, b) => a - b);
      return {modes: [...new Set(rows.map(r => getComputedStyle(r).contentVisibility))],
              after: after.map(h => h.id), median: real[real.length >> 1], estimate, rows: rows.length};
    }""")
    assert found["rows"] > 80 and found["modes"] == ["auto"], found
    assert abs(found["estimate"] - found["median"]) < 0.1 * found["median"], found
    assert found["after"] == ["references"], found
    for target in found["after"]:  # a fresh load: no card drawn yet but those near the target
        phone_page.goto(f"{base_url}ledger/#{target}", wait_until="load")
        phone_page.wait_for_timeout(300)
        top, at_end = phone_page.evaluate(f"""() => [document.getElementById({target!r}).getBoundingClientRect().top,
          scrollY + innerHeight >= document.documentElement.scrollHeight - 2]""")
        assert 0 <= top <= 150 or (at_end and 0 <= top < phone_page.viewport_size["height"]), (target, top, at_end)
    # on a wide screen, where rows are table rows, nothing is contained
    phone_page.set_viewport_size({"width": 1280, "height": 800})
    modes = phone_page.evaluate(
        "[...new Set([...document.querySelectorAll('.ledger-table tbody tr')]"
        ".map(r => getComputedStyle(r).contentVisibility))]"
    )
    assert modes == ["visible"], modes

