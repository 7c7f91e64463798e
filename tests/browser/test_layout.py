"""Layout while a page loads and on a phone (issue 13): no layout shift (CLS < 0.1 on
every page, at 1280 px and at 390 px), and every table readable at 390 px (no row taller
than 400 px; a table of sentences is cards; a table wider than the screen scrolls inside
its own box, most of it on screen, with a shadow you can see; no text below 11 px); on a
desktop a table's text at least 85 % of the body's size."""

from __future__ import annotations

import pytest

from .conftest import edge_brightness, evaluate_on

pytestmark = pytest.mark.browser

CLS_LIMIT = 0.1
ROW_LIMIT = 400  # px: a taller row means a column squeezed to a few characters


# Each page is loaded once at 1280 px (the light audit's load: ``audit``) and once on a
# 390-px phone (``phone``); the checks below read those loads (tests/browser/conftest.py).
@pytest.mark.parametrize("width", [1280, 390])
def test_no_layout_shift_while_a_page_loads(audit, phone, site_pages, width, quality_summary):
    problems, worst = [], (0.0, "")
    for path in site_pages:
        view = audit(path, "light") if width == 1280 else phone(path)
        worst = max(worst, (view.cls, path))
        if view.cls >= CLS_LIMIT:
            problems.append(f"/{path}: CLS {view.cls:.3f} at {width} px; shifts: {view.shifts[:5]}")
    quality_summary[f"worst CLS @{width}"] = f"{worst[0]:.3f} /{worst[1]}"
    assert not problems, "layout shift:\n" + "\n".join(problems)


# At most this share of a scrolling table's width off screen at 390 px: a table of words
# and numbers a little too wide scrolls (scale-and-energy's 72 px of 430); more is cards.
HIDDEN_SHARE = 0.25


def test_tables_are_readable_on_a_phone(phone, site_pages):
    # Visual review C: this test passed while eleven tables showed a third of themselves
    # or less at 390 px (the register of quantities 358 of 974 px), as it took any table
    # in a scroll box as readable. A table of sentences (a data-long cell) is now cards
    # on a phone and never scrolls; a table that scrolls keeps most of itself on screen.
    problems = []
    for path in site_pages:
        if path.startswith("print_page"):
            continue
        for table in phone(path).tables:
            where = f"/{path}: table '{table['head']}'"
            if table["tallest"] > ROW_LIMIT and not table["cards"]:  # a card is long, not squeezed
                problems.append(f"{where} has a row {table['tallest']:.0f} px tall")
            if table["width"] > table["room"] + 1 and not table["scrolls"]:
                problems.append(f"{where} is cut off ({table['width']:.0f} px in {table['room']:.0f} px, no scroll)")
            if table["sentences"] and (table["hidden"] > 1 or not table["cards"]):
                problems.append(f"{where} holds sentences and is not cards ({table['hidden']:.0f} px off screen)")
            if table["hidden"] > HIDDEN_SHARE * table["width"]:
                problems.append(f"{where}: {table['hidden']:.0f} of its {table['width']:.0f} px off screen")
    assert not problems, "tables on a 390-px phone:\n" + "\n".join(problems)


def test_a_table_that_scrolls_on_a_phone_is_a_named_tab_stop(phone, site_pages, quality_summary):
    # Issue 29: 23 tables scrolled sideways at 390 px with no sign (the instructors' links
    # off screen); then 13 did, with a fade a reviewer did not see; now 2 do (tables of
    # numbers), with the shadow below; the rest fit or are cards.
    problems, scrolling = [], 0
    for path in site_pages:
        for table in phone(path).tables:
            if table["hidden"] <= 1:
                continue  # it fits
            scrolling += 1
            if not (table["focusable"] and table["name"]):
                problems.append(f"/{path}: table '{table['head']}' ({table['hidden']:.0f} px hidden): "
                                "its scroll box is not focusable and named")
    quality_summary["tables scrolling @390"] = scrolling
    assert not problems, "tables that scroll on a 390-px phone:\n" + "\n".join(problems)


# The shadow is 28-30 % black (light) or white (dark) at the box's edge: the median of an
# edge's 3-px column of pixels, over the table's height, is that far from the page's colour.
CUE_LEVELS = 25


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_scrolling_table_shows_a_shadow_you_can_see(browser, base_url, scheme):
    """Read from the pixels: the old cue (a fade over the table's end, masking the
    shadow under it too) passed a check of its CSS and went unseen (visual review C)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    try:
        page = context.new_page()
        # The register on scale-and-energy, which this read, is cards on a phone now (its
        # last column is sources); the firing-patterns table still scrolls, by 36 px.
        page.goto(base_url + "firing-patterns/")
        box = page.locator(".nn-table-scroll >> nth=0")
        box.scroll_into_view_if_needed()
        assert box.evaluate("e => e.scrollWidth - e.clientWidth") > 1, "the table no longer scrolls: pick another"
        left, right = edge_brightness(box)
        assert abs(right - left) >= CUE_LEVELS, (scheme, "no shadow at the right end", left, right)
        box.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
        page.wait_for_function("e => e.scrollLeft > 0", arg=box.element_handle())
        left2, right2 = edge_brightness(box)
        assert abs(left2 - left) >= CUE_LEVELS and abs(right2 - left) < 8, (scheme, left2, right2)
    finally:
        context.close()


def test_no_text_below_11_px_on_a_phone(phone, site_pages):
    # Visual review C: the register's notes were 10.24 px, code in "Show the code" 10.88 px.
    problems = [f"/{path}: {text}" for path in site_pages for text in phone(path).small_text]
    assert not problems, "text below 11 px at 390 px:\n" + "\n".join(problems[:20])


TABLE_TEXT = """() => {
  const body = parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize);
  return [...document.querySelectorAll('.md-typeset table:not([class]) td')].map(
    td => ({text: td.textContent.trim().slice(0, 40), size: parseFloat(getComputedStyle(td).fontSize), body}));
}"""


@pytest.mark.parametrize("path", ["predictive-coding/", "comparing-representations/", "ledger/"])
def test_table_text_is_near_body_size_on_a_desktop(browser, base_url, path):
    # Material's 0.64rem made table text 12.8 px against a 16-px body (issue 29).
    cells = evaluate_on(browser, base_url + path, TABLE_TEXT, 1280)
    assert cells, path
    small = [c for c in cells if c["size"] < 0.85 * c["body"]]
    assert not small, f"/{path}: table text below 85 % of the body's size: {small[:3]}"
