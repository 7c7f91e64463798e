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
