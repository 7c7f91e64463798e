"""The analogy ledger's tables on a phone (390 px) and a desktop (1280 px).

Every verdict table, on a content page or the ledger page, is laid out alike: on a phone a
card per row (claim and badge on one line, the reason or why below; a cell other than
those led by its column's name), nothing to scroll sideways; on a desktop the compact
table, the claim a third of its width. The ledger page (a compact table): one
short card per row (claim, verdict badge, the row's written reason, shown whole: at most two
lines on a desktop and on a phone; on a desktop the claim column about a third of the table
and "Verdict" and every badge on one line), the whole page at most 12 000 px tall on a phone;
a filter by verdict and part that runs in the page; badges that carry their word at
>= 4.5:1 in both palettes."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PHONE_MAX_HEIGHT = 12_000  # the ledger page, every row shown, every reason closed
DESKTOP_MAX_HEIGHT = 8_000  # 31 000 px before the rows were made compact

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
                                                    && getComputedStyle(e).overflowX !== 'visible'
                                                    && !e.closest('summary')),
    headShown: shown(table.querySelector('thead')),
    labelsShown: cells.filter(td => shown(td.querySelector('.ledger-label'))).length,
    cells: cells.length,
    stacked: new Set(cells.map(td => Math.round(td.getBoundingClientRect().left))).size === 1,
  };
}"""

# Each compact row as a reader sees it: its height, its badge's word and whether it shows,
# whether the reason is open, how many lines the reason's summary takes, whether any of it
# is cut off (wider than its summary: hidden, or an ellipsis).
ROWS = """() => [...document.querySelectorAll('.ledger-table--compact tbody tr')].map(tr => {
  const badge = tr.querySelector('.verdict');
  const summary = tr.querySelector('details.ledger-why > summary');
  const line = parseFloat(getComputedStyle(summary).lineHeight);
  const r = tr.getBoundingClientRect();
  return {
    height: r.height, visible: r.height > 0 && getComputedStyle(tr).display !== 'none',
    word: badge.textContent.trim(), badgeVisible: badge.getBoundingClientRect().width > 0,
    verdict: tr.querySelector('.ledger-row').dataset.verdict,
    part: tr.querySelector('.ledger-row').dataset.part,
    open: summary.parentElement.open, summaryLines: Math.round(summary.getBoundingClientRect().height / line),
    cut: summary.scrollWidth > summary.clientWidth + 1, reason: summary.querySelector('.ledger-reason').textContent,
    badgeLines: Math.round(badge.getBoundingClientRect().height / parseFloat(getComputedStyle(badge).lineHeight)),
  };
})"""

# WCAG contrast of each badge's word against the badge's own background.
BADGE_CONTRAST = """() => {
  const lum = rgb => {
    const [r, g, b] = rgb.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const out = {};
  for (const word of ['holds', 'partly', 'breaks']) {
    const badge = document.querySelector('.verdict-' + word);
    const style = getComputedStyle(badge);
    const [a, b] = [lum(style.color), lum(style.backgroundColor)].sort((x, y) => y - x);
    out[word] = {ratio: (a + 0.05) / (b + 0.05), background: style.backgroundColor};
  }
  return out;
}"""


def _open(browser, base_url, path, viewport, **options):
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()
    page.goto(base_url + path)
    return context, page


# A verdict table's first card as a phone draws it: the card's box and type, where the claim,
# the badge and the text below sit in it, which column names show, and whether the card is
# contained (site.css, "performance": only the ledger page's).
CARD = """() => {
  const tr = document.querySelector('.ledger-table tbody tr');
  const [claim, verdict, below] = tr.querySelectorAll('td');
  const badge = verdict.querySelector('.verdict');
  const s = getComputedStyle(tr), t = getComputedStyle(claim);
  const box = e => e.getBoundingClientRect();
  const card = box(tr), column = box(tr.closest('.ledger-table'));
  const claimLine = parseFloat(t.lineHeight);
  return {
    style: {display: s.display, border: s.borderTopWidth + ' ' + s.borderTopStyle + ' ' + s.borderTopColor,
            radius: s.borderTopLeftRadius, padding: s.padding, marginBottom: s.marginBottom,
            columnGap: s.columnGap, fontSize: t.fontSize, lineHeight: t.lineHeight, cellPadding: t.padding,
            badgeFont: getComputedStyle(badge).fontSize + ' ' + getComputedStyle(badge).fontWeight,
            belowFont: getComputedStyle(below).fontSize, belowMargin: getComputedStyle(below).marginTop,
            headShown: getComputedStyle(tr.closest('table').querySelector('thead')).display !== 'none'},
    geometry: {
      cardLeft: Math.round(card.left - column.left), cardRight: Math.round(column.right - card.right),
      columnWidth: Math.round(column.width),
      claimLeftInCard: Math.round(box(claim).left - card.left),
      badgeRightInCard: Math.round(card.right - box(badge).right),
      badgeOnClaimFirstLine: box(badge).top < box(claim).top + claimLine && box(badge).bottom > box(claim).top,
      badgeRightOfClaim: box(badge).left >= box(claim).right,
      belowUnderClaim: box(below).top >= box(claim).bottom - 1 && box(below).top >= box(badge).bottom - 1,
      belowLeftInCard: Math.round(box(below).left - card.left),
      belowSpansCard: Math.round(card.right - box(below).right),
      sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    },
    contained: s.contentVisibility,
    labelsShown: [...tr.querySelectorAll('.ledger-label')].filter(l => getComputedStyle(l).display !== 'none')
      .map(l => l.dataset.label),
  };
}"""


@pytest.mark.parametrize("path", ["mapping/", "", "limits/", "comparing-representations/"])
def test_content_page_verdict_table_is_the_ledgers_cards_on_a_phone(browser, base_url, path):
    """At 390 px a content page's verdict table is drawn as the ledger page's cards: the same
    card box and type, the claim and its badge on one line, the reason or why under them the
    card's width; only the ledger page's cards are contained (content-visibility)."""
    cards = {}
    for where in ("ledger/", path):
        context, page = _open(browser, base_url, where, PHONE)
        try:
            cards[where] = page.evaluate(CARD)
            m = page.evaluate(MEASURE)
        finally:
            context.close()
        assert m["tableWidth"] <= m["boxWidth"] + 1 and not m["scrollable"] and not m["headShown"], (where, m)
        g = cards[where]["geometry"]
        assert g["badgeOnClaimFirstLine"] and g["badgeRightOfClaim"] and g["belowUnderClaim"], (where, g)
        # the claim, its badge and the why need no name; an origin, sources or page do
        assert not g["sideways"], (where, g)
        assert set(cards[where]["labelsShown"]) <= {"Origin", "Sources", "Treated in"}, (where, cards[where])
    ledger, here = cards["ledger/"], cards[path]
    assert here["style"] == ledger["style"], (here["style"], ledger["style"])
    assert here["geometry"] == ledger["geometry"], (here["geometry"], ledger["geometry"])
    assert (ledger["contained"], here["contained"]) == ("auto", "visible")


DESKTOP_STYLE = """() => {
  const table = document.querySelector('.ledger-table table'), td = table.querySelector('tbody td');
  return {layout: getComputedStyle(table).tableLayout, padding: getComputedStyle(td).padding,
          font: getComputedStyle(td).fontSize, align: getComputedStyle(td).verticalAlign};
}"""


@pytest.mark.parametrize("path", ["mapping/", "limits/"])
def test_content_page_verdict_table_is_the_ledgers_compact_table_on_a_desktop(browser, base_url, path):
    """At 1280 px the same table style: its header row, the claim a third of the width, the
    "Verdict" header on one line, the ledger's cell padding and type."""
    measured = {}
    for where in ("ledger/", path):
        context, page = _open(browser, base_url, where, DESKTOP)
        try:
            columns = page.evaluate(COLUMNS)
            m = page.evaluate(MEASURE)
            measured[where] = page.evaluate(DESKTOP_STYLE)
        finally:
            context.close()
        assert m["headShown"] and not m["stacked"] and m["labelsShown"] == 0, (where, m)
        assert 0.30 <= columns["claim"] / columns["table"] <= 0.38, (where, columns)
        assert columns["verdictHeadLines"] == 1, (where, columns)
    assert measured[path] == measured["ledger/"], measured


def test_ledger_page_is_short_on_a_phone(browser, base_url):
    context, page = _open(browser, base_url, "ledger/", PHONE)
    try:
        m = page.evaluate(MEASURE)
        rows = page.evaluate(ROWS)
        height = page.evaluate("document.documentElement.scrollHeight")
    finally:
        context.close()
    assert m["tableWidth"] <= m["boxWidth"] + 1 and not m["scrollable"] and not m["headShown"], m
    assert len(rows) >= 80 and all(r["visible"] and r["badgeVisible"] and not r["open"] for r in rows)
    # A reason is up to 72 characters, about 450 px; a phone's card is 340 px wide: two lines.
    assert all(r["summaryLines"] <= 2 and not r["cut"] for r in rows), [
        r for r in rows if r["summaryLines"] > 2 or r["cut"]][:3]
    assert height <= PHONE_MAX_HEIGHT, f"the ledger page is {height} px tall at 390 px"


def test_ledger_page_is_a_table_on_a_desktop(browser, base_url):
    context, page = _open(browser, base_url, "ledger/", DESKTOP)
    try:
        m = page.evaluate(MEASURE)
        rows = page.evaluate(ROWS)
        columns = page.evaluate(COLUMNS)
        height = page.evaluate("document.documentElement.scrollHeight")
    finally:
        context.close()
    assert m["headShown"] and not m["stacked"] and m["labelsShown"] == 0, m
    assert all(r["summaryLines"] <= 2 and not r["cut"] and not r["open"] for r in rows), [
        r["reason"] for r in rows if r["summaryLines"] > 2 or r["cut"]]
    assert height <= DESKTOP_MAX_HEIGHT, f"the ledger page is {height} px tall at 1280 px"
    assert 0.30 <= columns["claim"] / columns["table"] <= 0.38, columns
    assert columns["verdictHeadLines"] == 1 and all(r["badgeLines"] == 1 for r in rows), columns


# A verdict table's column widths and how many lines its "Verdict" header takes.
COLUMNS = """() => {
  const table = document.querySelector('.ledger-table table');
  const [claim, verdict] = table.querySelectorAll('thead th');
  return {table: table.getBoundingClientRect().width, claim: claim.getBoundingClientRect().width,
          verdictHeadLines: Math.round(
            (verdict.getBoundingClientRect().height - parseFloat(getComputedStyle(verdict).paddingTop)
             - parseFloat(getComputedStyle(verdict).paddingBottom)) / parseFloat(getComputedStyle(verdict).lineHeight))};
}"""


def test_ledger_key_shows_the_tables_badges(browser, base_url):
    """The key above the table names each verdict with the badge the table uses."""
    context, page = _open(browser, base_url, "ledger/", DESKTOP)
    try:
        key = page.evaluate(
            """() => [...document.querySelectorAll('.md-typeset > ul li > .verdict')].map(b => b.textContent)"""
        )
    finally:
        context.close()
    assert key == ["holds", "partly", "breaks"], key


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_badges_carry_their_word_at_full_contrast(browser, base_url, scheme):
    context, page = _open(browser, base_url, "ledger/", DESKTOP)
    try:
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        rows = page.evaluate(ROWS)
        contrast = page.evaluate(BADGE_CONTRAST)
    finally:
        context.close()
    assert all(r["word"] == r["verdict"] for r in rows)
    assert all(c["ratio"] >= 4.5 for c in contrast.values()), contrast
    assert len({c["background"] for c in contrast.values()}) == 3, contrast  # a colour per verdict


def test_filter_shows_only_the_chosen_rows(browser, base_url):
    context, page = _open(browser, base_url, "ledger/", PHONE)
    try:
        everything = page.evaluate(ROWS)
        assert page.locator("form.ledger-filter").is_visible()
        assert page.get_attribute("output.ledger-count", "aria-live") == "polite"
        page.get_by_label("Verdict").select_option("breaks")
        breaks = page.evaluate(ROWS)
        count = page.text_content("output.ledger-count")
        part = next(r["part"] for r in everything if r["verdict"] == "breaks")
        page.get_by_label("Part of the site").select_option(part)
        both = page.evaluate(ROWS)
        page.get_by_label("Verdict").select_option("")
        page.get_by_label("Part of the site").select_option("")
        reset = page.evaluate(ROWS)
    finally:
        context.close()
    expected = [r for r in everything if r["verdict"] == "breaks"]
    shown = [r for r in breaks if r["visible"]]
    assert shown and all(r["verdict"] == "breaks" for r in shown) and len(shown) == len(expected)
    assert count == f"{len(expected)} of {len(everything)} rows shown"
    shown_both = [r for r in both if r["visible"]]
    assert all(r["verdict"] == "breaks" and r["part"] == part for r in shown_both)
    assert len(shown_both) == sum(r["part"] == part for r in expected) > 0
    assert all(r["visible"] for r in reset)


def test_without_javascript_every_row_shows_and_no_filter(browser, base_url):
    context, page = _open(browser, base_url, "ledger/", PHONE, java_script_enabled=False)
    try:
        total = page.locator(".ledger-table--compact tbody tr").count()
        visible = sum(page.locator(".ledger-table--compact tbody tr").nth(i).is_visible() for i in range(total))
        form_visible = page.locator("form.ledger-filter").is_visible()
    finally:
        context.close()
    assert total >= 80 and visible == total and not form_visible


FILTER_LAYOUT = """() => {
  const form = document.querySelector('form.ledger-filter');
  const box = form.getBoundingClientRect();
  return [...form.querySelectorAll('label')].map(label => {
    const select = label.querySelector('select').getBoundingClientRect();
    const range = document.createRange();
    range.setStartBefore(label.firstChild);
    range.setEndBefore(label.querySelector('select'));
    const text = range.getBoundingClientRect();
    return {left: select.left - box.left, width: select.width, formWidth: box.width,
            textAbove: text.bottom <= select.top + 1, textLeft: text.left - box.left};
  });
}"""


def test_filter_controls_are_laid_out_alike_on_a_phone(browser, base_url):
    # Each control one row: its label above a menu the column's full width (they wrapped
    # differently: one label beside its menu, the other above a narrower one).
    context, page = _open(browser, base_url, "ledger/", PHONE)
    try:
        page.wait_for_function("!document.querySelector('form.ledger-filter').hidden")
        controls = page.evaluate(FILTER_LAYOUT)
    finally:
        context.close()
    assert len(controls) == 2, controls
    for c in controls:
        assert c["textAbove"] and abs(c["textLeft"]) <= 1 and abs(c["left"]) <= 1, c
        assert abs(c["width"] - c["formWidth"]) <= 1, c
