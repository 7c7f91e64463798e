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


SUMMARY = """() => {
  const table = document.querySelector('.corrections-summary table');
  const rows = [...table.querySelectorAll('tbody tr')].map(tr => {
    const cells = [...tr.children].filter(td => td.checkVisibility());
    return {height: tr.getBoundingClientRect().height, text: cells.map(td => td.innerText.trim()),
            first: cells[0].getBoundingClientRect().width / tr.getBoundingClientRect().width};
  });
  const h3 = document.querySelector('.md-typeset h3');
  return {rows, overflow: table.scrollWidth - document.querySelector('.md-content__inner').clientWidth,
          heading: getComputedStyle(h3).color, link: getComputedStyle(document.querySelector('.md-typeset p a')).color,
          headingLinks: h3.querySelectorAll('a:not(.headerlink)').length};
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_summary_reads_on_a_phone_and_the_page_headings_are_not_links(browser, base_url, width):
    """Visual review 5: at 390 px the four-column summary wrapped each title over three lines
    and each date over two; on a phone a row is the page's link, then its counts in words
    (a count of none left out); on a desktop the counts are columns of numbers. A page
    group's heading is a heading in the text's colour, not link-blue."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(base_url + "corrections/")
        got = page.evaluate(SUMMARY)
    finally:
        context.close()
    assert got["overflow"] <= 0, got["overflow"]
    assert got["headingLinks"] == 0 and got["heading"] != got["link"], got
    assert len(got["rows"]) >= 10
    for row in got["rows"]:
        if width == 390:
            assert row["first"] > 0.95, row                       # the page's link on a line of its own
            assert row["height"] < 75, row                        # ... and one line of counts under it
            assert all(re.fullmatch(r"[1-9]\d* (corrections?|clarifications?)", t) for t in row["text"][1:-1]), row
            assert re.fullmatch(r"latest \d{4}-\d\d-\d\d", row["text"][-1]), row
        else:
            assert len(row["text"]) == 4 and all(re.fullmatch(r"\d+", t) for t in row["text"][1:3]), row
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", row["text"][3]), row


ENTRIES = """() => ({elements: document.getElementsByTagName('*').length,
  entries: document.querySelectorAll('details.corrections-group h4').length,
  groups: document.querySelectorAll('details.corrections-group').length,
  deferred: document.querySelectorAll('noscript.corrections-deferred').length})"""


@pytest.mark.parametrize("scripts", [True, False], ids=["scripts", "no-scripts"])
def test_the_logs_entries_are_parsed_when_a_group_opens_and_without_scripts_at_once(browser, base_url, site, scripts):
    """Issue 34: the log's entries (nn_site/pages/corrections.py, ``defer_groups``) reach the
    browser as each group's noscript text: with scripts, none of them is an element until
    its group opens (then exactly that group's are, visible); without, all are, as before."""
    expected = (site / "corrections" / "index.html").read_text(encoding="utf-8").count('<h4 id="')
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=scripts)
    try:
        page = context.new_page()
        page.goto(base_url + "corrections/")
        before = page.evaluate(ENTRIES)
        group = page.locator("details.corrections-group").nth(2)
        in_group = group.locator("xpath=preceding-sibling::p[1]").inner_text()
        group.locator("summary").click()
        page.wait_for_function("document.querySelectorAll('details.corrections-group')[2].open")
        after = page.evaluate(ENTRIES)
        shown = group.locator("h4").evaluate_all("hs => hs.filter(h => h.checkVisibility()).length")
    finally:
        context.close()
    assert expected >= 100 and before["groups"] >= 20, (expected, before)
    # the line above the group counts its entries: "2 corrections and 1 clarification, ..."
    count = sum(int(n) for n in re.findall(r"(\d+) (?:corrections?|clarifications?)\b", in_group))
    assert shown == count >= 1, (shown, in_group)
    if scripts:
        assert before["entries"] == 0 and before["deferred"] == before["groups"], before
        assert after["entries"] == shown >= 1 and after["deferred"] == before["groups"] - 1, after
        assert before["elements"] < 2500, before  # 4,218 with every entry in the document
    else:
        assert before["entries"] == expected, before
