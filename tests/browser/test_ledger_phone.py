"""The analogy ledger's tables on a phone (390 px): stacked, one card per row, nothing to
scroll sideways; on a desktop (1280 px) an ordinary table with its header row."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# How wide the ledger table is against its column, whether the header row and the in-cell
# labels are shown, and how the first row's cells are laid out.
MEASURE = """() => {
  const box = document.querySelector('.ledger-table');
  const table = box.querySelector('table');
  const shown = el => el && getComputedStyle(el).display !== 'none';
  const cells = [...table.querySelectorAll('tbody tr:first-child td')];
  return {
    tableWidth: table.getBoundingClientRect().width,
    boxWidth: box.getBoundingClientRect().width,
    scrollable: [...box.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1
                                                    && getComputedStyle(e).overflowX !== 'visible'),
    headShown: shown(table.querySelector('thead')),
    labelsShown: cells.filter(td => shown(td.querySelector('.ledger-label'))).length,
    cells: cells.length,
    stacked: new Set(cells.map(td => Math.round(td.getBoundingClientRect().left))).size === 1,
  };
}"""


@pytest.mark.parametrize("path", ["ledger/", "mapping/", ""])
def test_ledger_table_stacks_on_a_phone(browser, base_url, path):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(base_url + path)
        m = page.evaluate(MEASURE)
    finally:
        context.close()
    assert m["tableWidth"] <= m["boxWidth"] + 1 and not m["scrollable"], m
    assert not m["headShown"] and m["stacked"], m
    assert m["labelsShown"] == m["cells"] >= 4, m


def test_ledger_table_is_a_table_on_a_desktop(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(base_url + "ledger/")
        m = page.evaluate(MEASURE)
    finally:
        context.close()
    assert m["headShown"] and not m["stacked"] and m["labelsShown"] == 0, m
