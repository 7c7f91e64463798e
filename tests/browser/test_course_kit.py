"""The course kit on the instructors' page and under each content page (issue 33): the
table of slide decks and the lesson plans fit a phone (390 px) without the page scrolling
sideways, in both palettes; the "Slides (.pptx)" link is shown and downloads the deck, and a
published page (a GitHub repository) offers the release's PDF beside it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

MEASURE = """() => {
  const decks = document.querySelector('.slide-decks table');
  const plans = [...document.querySelectorAll('h3[id^="plan-"]')];
  return {
    pageWidth: document.scrollingElement.scrollWidth,
    viewport: window.innerWidth,
    decksRows: decks ? decks.querySelectorAll('tbody tr').length : 0,
    // the theme wraps a plain table in its own scrolling box: only the table scrolls
    decksWrapped: !!(decks && decks.closest('.md-typeset__scrollwrap')),
    plans: plans.map(h => h.id),
  };
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_decks_table_and_lesson_plans_fit(page, base_url, viewport, scheme):
    page.set_viewport_size(viewport)
    page.goto(f"{base_url}/instructors/")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    seen = page.evaluate(MEASURE)
    assert seen["pageWidth"] <= seen["viewport"], seen
    assert seen["decksRows"] >= 30 and seen["decksWrapped"], seen
    assert seen["plans"] == ["plan-explainer", "plan-lecture", "plan-module"]


def test_slides_link_downloads_the_deck(page, base_url):
    page.set_viewport_size(PHONE)
    page.goto(f"{base_url}/integrate-and-fire/")
    link, dark = page.locator(".slides-download a").nth(0), page.locator(".slides-download a").nth(1)
    link.scroll_into_view_if_needed()
    assert link.is_visible() and link.inner_text() == "Slides (.pptx)"
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "integrate-and-fire-slides.pptx"
    with open(download.value.path(), "rb") as deck:
        assert deck.read(2) == b"PK"  # a .pptx is a zip file
    # Its dark copy, beside it (issue 33: light by default, for projectors).
    assert dark.is_visible() and dark.inner_text() == "dark"
    with page.expect_download() as download:
        dark.click()
    assert download.value.suggested_filename == "integrate-and-fire-slides-dark.pptx"
    with open(download.value.path(), "rb") as deck:
        assert deck.read(2) == b"PK"


@pytest.fixture(scope="module")
def published_url(published_site):
    """The site as the publishing workflow builds it (with a GitHub repository), served on 127.0.0.1."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - signature fixed by http.server
            pass

    site, _root = published_site
    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_published_page_offers_the_release_pdf_beside_the_pptx(page, published_url, viewport):
    from conftest import REPO_URL

    page.set_viewport_size(viewport)
    page.goto(f"{published_url}integrate-and-fire/")
    links = page.locator(".slides-download a")
    links.first.scroll_into_view_if_needed()
    assert links.all_inner_texts() == ["Slides (.pptx)", "dark", "PDF"]
    assert links.nth(2).is_visible()
    href = links.nth(2).get_attribute("href")
    assert href.startswith(f"{REPO_URL}/releases/download/v") and href.endswith("/integrate-and-fire-slides.pdf")
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    page.goto(f"{published_url}instructors/")
    pdfs = page.locator('.slide-decks td a[href$="-slides.pdf"]')
    assert pdfs.count() >= 30 and page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


CARDS = """() => [...document.querySelectorAll('.lesson-table tbody tr')].map(tr => {
  const [first, second] = tr.children;
  const links = [...tr.children].filter(td => td.querySelector('a'));
  return {height: tr.getBoundingClientRect().height, text: tr.innerText.replace(/\\s+/g, ' ').slice(0, 60),
          oneLine: first.getBoundingClientRect().top === second.getBoundingClientRect().top,
          linkLines: links.length};
})"""


def test_lesson_tables_are_compact_cards_on_a_phone(page, base_url):
    """A visual review: each step's card stacked every cell under its column's name
    (150-200 px for a step of two lines). Now a step's time and activity share its first
    line, and each cell of links follows on a line of its own."""
    page.set_viewport_size(PHONE)
    page.goto(f"{base_url}/instructors/")
    cards = page.evaluate(CARDS)
    assert len(cards) >= 25
    for card in cards:
        assert card["oneLine"], card
        # the first line (with at most one wrap) and each cell of links in at most three lines
        assert card["height"] < 20 + 20 * (2 + 3 * card["linkLines"]), card
    assert sorted(c["height"] for c in cards)[len(cards) // 2] < 110
