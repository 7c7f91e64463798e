"""Display equations wider than a phone's column. One written in lines for a phone (a
split or gather: nn_site/pages/mathml.py) is set in lines below 720 px and on one line
from 720 px, where every such line fits the column. Of the others (docs/assets/math-scroll.js,
site.css), one only slightly too wide is set smaller so that it fits; a wider one scrolls
in its own box and fades out at each end that hides more, in both palettes, so a reader
sees that it goes on. The activation-functions page has both kinds at 390 px."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

BOXES = """() => [...document.querySelectorAll('.math-display')].filter(box => box.getClientRects().length).map(box => {
  const mask = getComputedStyle(box).webkitMaskImage || getComputedStyle(box).maskImage;
  return {
    over: box.scrollWidth - box.clientWidth,
    fitted: box.classList.contains('math-display--fitted'),
    size: parseFloat(getComputedStyle(box.querySelector('math')).fontSize),
    left: box.classList.contains('math-display--more-left'),
    right: box.classList.contains('math-display--more-right'),
    mask: mask,
    tab: box.tabIndex,
  };
})"""


# math-scroll.js measures a box when it first nears the screen (issue 34): the page is
# scrolled through, a frame rendered at each step, before its boxes are read.
SCROLL_THROUGH = """async () => {
  const frame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) { scrollTo(0, y); await frame(); }
  scrollTo(0, 0); await frame();
}"""


def open_scrolled_through(page, url: str) -> None:
    """``url`` loaded, its math font in, and scrolled through once, so that every display
    equation has been measured and fitted (math-scroll.js does it as they near the screen)."""
    page.goto(url)
    page.evaluate("document.fonts.ready.then(() => true)")
    page.evaluate(SCROLL_THROUGH)


def faded(box: dict) -> tuple[bool, bool]:
    """Whether the box's mask fades its left and its right end (alpha of its outer stops)."""
    stops = re.findall(r"rgba?\(([^)]*)\)", box["mask"])
    alpha = [float(s.split(",")[3]) if s.count(",") == 3 else 1.0 for s in stops]
    return (bool(alpha) and alpha[0] < 0.5, bool(alpha) and alpha[-1] < 0.5)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_wide_equations_fit_or_fade_where_they_go_on(browser, base_url, scheme):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    try:
        open_scrolled_through(page, base_url + "activation-functions/")
        page.wait_for_function("document.querySelectorAll('.math-display--more-right').length > 0")
        boxes = page.evaluate(BOXES)
        fitted = [b for b in boxes if b["fitted"]]
        scrolling = [b for b in boxes if b["over"] > 1]
        # Both kinds are on this page at 390 px: otherwise this checks nothing.
        assert fitted and scrolling, boxes
        body_math = max(b["size"] for b in boxes if not b["fitted"])
        for b in fitted:  # fits, and no smaller than 88 % of the others
            assert b["over"] <= 1 and b["size"] >= 0.87 * body_math and not (b["left"] or b["right"]), b
        for b in scrolling:  # at the start: more to the right, faded there, reachable by keyboard
            assert b["right"] and not b["left"] and faded(b) == (False, True) and b["tab"] == 0, b
        # Scrolled to its end, the fade moves to the other side.
        page.evaluate("""() => { const box = [...document.querySelectorAll('.math-display')]
            .find(b => b.scrollWidth > b.clientWidth + 1); box.scrollLeft = box.scrollWidth; }""")
        page.wait_for_function("document.querySelector('.math-display--more-left') !== null")
        end = [b for b in page.evaluate(BOXES) if b["over"] > 1][0]
        assert end["left"] and not end["right"] and faded(end) == (True, False), end
    finally:
        context.close()


def test_equations_on_a_desktop_neither_shrink_nor_scroll(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        open_scrolled_through(page, base_url + "hodgkin-huxley/")
        boxes = page.evaluate(BOXES)
    finally:
        context.close()
    assert boxes and not any(b["fitted"] or b["over"] > 1 or any(faded(b)) for b in boxes), boxes


# Each equation written in lines for a phone, on a page: which of its two copies shows,
# how wide its MathML is against its box, and how many rows the copy in lines has.
COPIES = """() => [...document.querySelectorAll('.math-display--one-line')].map(line => {
  const lines = line.nextElementSibling;
  const shown = box => getComputedStyle(box).display !== 'none' && box.getClientRects().length > 0;
  const math = box => box.querySelector('math');
  return {
    oneLine: shown(line), inLines: shown(lines),
    pairedWith: lines.classList.contains('math-display--lines'),
    over: Math.max(line.scrollWidth - line.clientWidth, lines.scrollWidth - lines.clientWidth),
    rows: math(lines).querySelectorAll(':scope > mtable > mtr, :scope > mrow > mtable > mtr').length,
    text: line.textContent.replace(/\\s+/g, '').slice(0, 40),
  };
})"""

PAGES_IN_LINES = ["hodgkin-huxley/", "gradient-descent/", "dendrites/", "integrate-and-fire/", "predictive-coding/",
                  "weight-transport/", "xor/", "activation-functions/"]


@pytest.mark.parametrize("width, in_lines", [(390, True), (719, True), (720, False), (1280, False)])
def test_an_equation_written_in_lines_shows_one_copy_that_fits(browser, base_url, width, in_lines):
    """Below 720 px the copy in lines, from 720 px the one line, never both (a screen reader
    skips the hidden one); whichever shows fits its column, without being set smaller."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    seen, problems = 0, []
    try:
        for path in PAGES_IN_LINES:
            open_scrolled_through(page, base_url + path)
            for eq in page.evaluate(COPIES):
                seen += 1
                if not eq["pairedWith"] or (eq["oneLine"], eq["inLines"]) != (not in_lines, in_lines):
                    problems.append(f"/{path} '{eq['text']}': one line shown {eq['oneLine']}, lines {eq['inLines']}")
                if eq["over"] > 1:
                    problems.append(f"/{path} '{eq['text']}': {eq['over']} px wider than its column")
                if eq["rows"] < 2:
                    problems.append(f"/{path} '{eq['text']}': the copy in lines has {eq['rows']} rows")
            fitted = page.evaluate("document.querySelectorAll('.math-display--lines.math-display--fitted, "
                                   ".math-display--one-line.math-display--fitted').length")
            if fitted:
                problems.append(f"/{path}: {fitted} equations written in lines were set smaller to fit")
    finally:
        context.close()
    assert seen >= 14, seen
    assert not problems, f"at {width} px:\n" + "\n".join(problems)


# A display set in lines (a phone's copy of a split, align or gather, or an aligned the page
# wrote): each row's first column (what the others align under, empty when they share the
# left edge), whether a relation sign is in it, and where the row's ink starts (its first
# glyph, from the text's own boxes: an mo's box includes its spacing).
RELATIONS = "=≈≤≥<>∝≡≠←→∼≃"
ROWS = """(relations) => [...document.querySelectorAll('.math-display')]
  .filter(box => box.getClientRects().length && getComputedStyle(box).display !== 'none')
  .flatMap(box => {
    const math = box.querySelector('math');
    const table = math.querySelector(':scope > mtable, :scope > mrow > mtable');
    if (!table) return [];
    const ink = el => {
      let left = Infinity;
      const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walk.nextNode(); node; node = walk.nextNode()) {
        if (!node.data.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) if (rect.width > 0) left = Math.min(left, rect.left);
      }
      return left;
    };
    const rows = [...table.children].filter(row => row.localName === 'mtr').map(row => {
      const cells = [...row.children].filter(cell => cell.localName === 'mtd');
      const first = cells.length > 1 ? cells[0] : null;
      return {
        left: ink(row),
        aligned: first !== null && Number.isFinite(ink(first)),
        relationBefore: first !== null && [...first.querySelectorAll('mo')].some(mo => relations.includes(mo.textContent.trim())),
      };
    });
    return [{ em: parseFloat(getComputedStyle(math).fontSize), rows,
              text: box.textContent.replace(/\\s+/g, '').slice(0, 40) }];
  })"""


def staircase(display: dict) -> str | None:
    """Why the rows of `display` read as ragged, or None. Rows either align at a column
    (a relation, or an operator before the first relation) or all start at one left edge
    (within 0.4 em: a relation sign that starts a line keeps its own space); never a line
    aligned inside the right-hand side of an equation, never rows each centred."""
    rows = display["rows"]
    if any(row["relationBefore"] for row in rows):
        return "its lines align after a relation sign, so a continuation hangs inside the right-hand side"
    if any(row["aligned"] for row in rows):
        return None
    lefts = [row["left"] for row in rows]
    if max(lefts) - min(lefts) > 0.4 * display["em"]:
        return f"its rows start at {', '.join(f'{x - min(lefts):.0f}' for x in lefts)} px from its left edge"
    return None


@pytest.mark.parametrize("width", [390, 1280])
def test_the_lines_of_a_display_share_a_left_edge_or_align_at_a_relation(browser, base_url, site, site_pages, width):
    """An equation set in lines reads as one block: its lines start at one left edge, or
    align at a relation sign (visual review A: dendrites' centred lines and predictive
    coding's continuation hanging inside the bracket read as a staircase on a phone)."""
    pages = [path for path in site_pages if not path.startswith("print_page")
             and re.search(r'class="tml-display"><mtable', (site / path / "index.html").read_text(encoding="utf-8"))]
    assert {"dendrites/", "predictive-coding/", "spike-energy/", "decisions/"} <= set(pages), pages
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    seen, problems = 0, []
    try:
        for path in pages:
            page.goto(base_url + path)
            page.evaluate("document.fonts.ready.then(() => true)")
            for display in page.evaluate(ROWS, RELATIONS):
                seen += 1
                why = staircase(display)
                if why:
                    problems.append(f"/{path} '{display['text']}': {why}")
    finally:
        context.close()
    assert seen >= (20 if width < 720 else 8), seen
    assert not problems, f"at {width} px:\n" + "\n".join(problems)


# Each visible display equation: the space between its box's edges and its MathML's.
PLACES = """() => [...document.querySelectorAll('.math-display')].filter(box => box.getClientRects().length).map(box => {
  const outer = box.getBoundingClientRect(), math = box.querySelector('math').getBoundingClientRect();
  return {left: math.left - outer.left, right: outer.right - math.right, over: box.scrollWidth - box.clientWidth,
          text: box.textContent.replace(/\\s+/g, '').slice(0, 40)};
})"""
CENTRED_PAGES = ["artificial-neuron/", "hodgkin-huxley/", "dendrites/", "decisions/", "spike-energy/",
                 "predictive-coding/"]


@pytest.mark.parametrize("width", [1280, 390])
def test_display_equations_are_centred_on_a_desktop_and_start_at_the_left_on_a_phone(browser, base_url, width):
    """Visual review A (issue 29): display equations sat flush left at 1280 px and read as
    stray lines of text. From 720 px they are centred in the column (Distill, d2l); on a
    phone they start at the column's left edge, as one that scrolls must (all of it within
    reach: its start never before the box's)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 600)
    page = context.new_page()
    problems, seen = [], 0
    try:
        for path in CENTRED_PAGES:
            open_scrolled_through(page, base_url + path)
            for eq in page.evaluate(PLACES):
                seen += 1
                if eq["left"] < -0.5:
                    problems.append(f"/{path} '{eq['text']}': starts {-eq['left']:.0f} px before its box")
                elif width >= 720 and eq["over"] <= 1 and abs(eq["left"] - eq["right"]) > 1.5:
                    problems.append(f"/{path} '{eq['text']}': {eq['left']:.0f} px left, {eq['right']:.0f} px right")
                elif width < 720 and eq["left"] > 0.5:
                    problems.append(f"/{path} '{eq['text']}': {eq['left']:.0f} px from the left edge on a phone")
    finally:
        context.close()
    assert seen >= 25, seen
    assert not problems, f"at {width} px:\n" + "\n".join(problems)
