"""Issue 29, "Reading 2", at 390 px: the glossary's letter index is a row of finger-sized
targets, a notebook figure's caption keeps the page's side margins while its image runs
to the screen's edges, and the footer's next-page title wraps instead of being cut off."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("name", ["glossary", "references"])
def test_letter_index_links_are_44_px_targets(phone_page, base_url, name):
    phone_page.goto(f"{base_url}{name}/")
    boxes = phone_page.evaluate(
        "() => [...document.querySelectorAll('.glossary-letters a')].map(a => {"
        " const r = a.getBoundingClientRect(); return [a.textContent, r.width, r.height]; })"
    )
    assert len(boxes) >= 15
    for letter, width, height in boxes:
        assert width >= 44 and height >= 44, f"{name}: {letter} is {width:.0f} x {height:.0f} px"


def test_notebook_caption_keeps_the_side_margins(phone_page, base_url):
    phone_page.goto(f"{base_url}notebooks/spiking-vs-rate/")
    boxes = phone_page.evaluate(
        """() => [...document.querySelectorAll('figure.notebook-figure')].map(f => {
             const c = f.querySelector('figcaption'); if (!c) return null;
             const range = document.createRange(); range.selectNodeContents(c);
             const text = range.getBoundingClientRect(), figure = f.getBoundingClientRect();
             return {figure: [figure.left, figure.right], text: [text.left, text.right]};
           }).filter(Boolean)"""
    )
    assert boxes
    for box in boxes:
        assert box["figure"][0] <= 1 and box["figure"][1] >= 389, box  # the image runs edge to edge
        assert box["text"][0] >= 12 and box["text"][1] <= 390 - 12, box  # the words do not


def test_footer_next_title_wraps_instead_of_an_ellipsis(phone_page, base_url):
    phone_page.goto(f"{base_url}synapses/")
    title = phone_page.locator(".md-footer__link--next .md-ellipsis")
    assert title.inner_text().strip() == "Excitation, inhibition and normalisation"
    m = title.evaluate(
        "e => ({sw: e.scrollWidth, cw: e.clientWidth, sh: e.scrollHeight, ch: e.clientHeight,"
        " lines: Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)),"
        " overflow: getComputedStyle(e).textOverflow})"
    )
    assert m["sw"] <= m["cw"] + 1 and m["sh"] <= m["ch"] + 1, m  # nothing cut off
    assert m["lines"] == 2 and m["overflow"] != "ellipsis", m
