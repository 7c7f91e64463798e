"""The corrections note at the foot of a corrected page (nn_site/pages/corrections.py): on
screen one closed disclosure, "Corrections to this page (N)", N its entries; on paper open."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

NOTE = """() => {
  const d = document.querySelector('.corrections-note details');
  const items = [...d.querySelectorAll('li')];
  return {open: d.open, title: d.querySelector('summary').textContent.trim(), entries: items.length,
          shown: items.filter(li => li.checkVisibility()).length};
}"""


def test_the_note_is_one_closed_disclosure_that_prints_open(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(base_url + "xor/")
        screen = page.evaluate(NOTE)
        page.emulate_media(media="print")
        # what a browser does when it prints: the event on which the theme opens every
        # <details> (media emulation alone does not fire it)
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        paper = page.evaluate(NOTE)
    finally:
        context.close()
    assert not screen["open"] and screen["shown"] == 0, screen
    assert re.fullmatch(rf"Corrections to this page \({screen['entries']}\)", screen["title"]), screen
    assert screen["entries"] >= 1 and paper["shown"] == paper["entries"], paper


def test_a_link_to_an_entry_opens_its_page_group_and_lands_on_it(browser, base_url, site):
    """The log keeps each page's entries in a closed disclosure (nn_site/pages/corrections.py);
    the link in a corrected page's note opens it and shows the entry at the top of the screen."""
    import re as _re

    note = (site / "xor" / "index.html").read_text(encoding="utf-8")
    target = _re.search(r'href="\.\./corrections/#([\w-]+)"', note)[1]
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base_url + "corrections/")
        closed = page.evaluate("[...document.querySelectorAll('details.corrections-group')].every(d => !d.open)")
        page.goto(base_url + "xor/")
        page.evaluate("document.querySelector('.corrections-note details').open = true")
        page.click(f'.corrections-note a[href$="#{target}"]')
        page.wait_for_url(f"**/corrections/#{target}")
        page.wait_for_timeout(300)
        landed = page.evaluate(f"""() => {{ const h = document.getElementById({target!r});
            return {{open: h.closest('details').open, top: h.getBoundingClientRect().top, visible: h.checkVisibility()}}; }}""")
    finally:
        context.close()
    assert closed, "the page groups are closed when the log opens"
    assert landed["open"] and landed["visible"], landed
    assert 0 <= landed["top"] < 200, landed  # under the header, at the top of the screen
