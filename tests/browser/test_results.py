"""Printed results (``output: result``, nn_site/engine/render.py result_block) read as a result:
labelled "Result" (the file that printed it a small "from x.py", its path the label's
title), in the caption's muted colour with no grey block behind them, as wide
as the figure column on a desktop. Lines read across wrap, whole on screen at every
width; lines printed in columns never wrap (a wrapped row broke the columns at 390 px,
issue 29): they are set smaller to fit, down to 12 px, and what still does not fit
scrolls in its own focusable box with a shadow at each edge that hides more. No printed
output, result or the output inside a code listing, is set below 12 px on a phone."""

from __future__ import annotations

import re

import pytest

from .conftest import edge_brightness, evaluate_on, js_probe

pytestmark = pytest.mark.browser

PAGES = ["hodgkin-huxley/", "xor/"]

MEASURE = """() => [...document.querySelectorAll('.snippet-result')].map(r => {
  const pre = r.querySelector('pre');
  const box = r.getBoundingClientRect();
  const figure = document.querySelector('figure.snippet-figure').getBoundingClientRect();
  return {
    label: r.querySelector('.filename').textContent,
    title: r.querySelector('.filename').title,
    font: getComputedStyle(r.querySelector('samp')).fontFamily,
    whiteSpace: getComputedStyle(pre).whiteSpace,
    columns: pre.classList.contains('result-columns'),
    fontSize: parseFloat(getComputedStyle(pre).fontSize),
    rows: Math.round(pre.querySelector('samp').getBoundingClientRect().height / parseFloat(getComputedStyle(pre).lineHeight)),
    lines: pre.textContent.replace(/\\n$/, '').split('\\n').length,
    mask: getComputedStyle(pre).maskImage || getComputedStyle(pre).webkitMaskImage,
    focusable: pre.tabIndex === 0,
    background: getComputedStyle(r).backgroundColor,
    rule: parseFloat(getComputedStyle(r).borderLeftWidth),
    left: box.left, right: box.right, width: box.width, figureWidth: figure.width,
    hidden: pre.scrollWidth - pre.clientWidth, viewport: innerWidth,
  };
})"""


def _measure(browser, base_url, path, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(base_url + path)
        return page.evaluate(MEASURE)
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_a_result_is_labelled_and_light(browser, base_url, path):
    results = _measure(browser, base_url, path, 1280)
    assert results, path
    for r in results:
        # "Result, printed by snippets/x/y.py" read as noise (issue 29): the heading is
        # "Result", the path is still there for whoever wants it.
        assert r["label"].startswith("Result from ") and r["label"].endswith(".py"), r
        assert "snippets/" not in r["label"] and r["title"].startswith("Printed by snippets/"), r
        assert r["background"] in ("rgba(0, 0, 0, 0)", "transparent"), r  # no grey block
        assert r["rule"] >= 2, r
        assert abs(r["width"] - r["figureWidth"]) <= 1, r  # the figure column's width


# decisions and limits printed lines cut on a phone (the networks' table at 78 characters,
# the spike counts' Fano factors and P(none) at 67): they now print at most 48 a line.
@pytest.mark.parametrize("path", PAGES + ["decisions/", "limits/"])
def test_a_result_is_whole_on_a_phone(browser, base_url, path):
    for r in _measure(browser, base_url, path, 390):
        assert r["hidden"] <= 1, f"{path}: {r['hidden']} px of a printed line off screen: {r}"
        assert r["left"] >= 0 and r["right"] <= r["viewport"], r


@pytest.mark.parametrize("path", PAGES + ["population-codes/"])
def test_a_result_is_whole_on_a_desktop(browser, base_url, path):
    # population-codes' long line ("... so the Cramér-Rao bound <value>") was cut at 1280 px.
    results = _measure(browser, base_url, path, 1280)
    assert results, path
    for r in results:
        assert r["hidden"] <= 1, f"{path}: {r['hidden']} px of a printed line hidden: {r}"


@pytest.mark.parametrize("width", [390, 1280])
def test_a_result_keeps_its_columns(browser, base_url, width):
    # Hodgkin-Huxley prints aligned columns: a monospace face, spaces kept, one row a
    # line (no wrap), and at 390 px set small enough that its 48 characters fit.
    results = _measure(browser, base_url, "hodgkin-huxley/", width)
    assert results
    for r in results:
        assert "mono" in r["font"].lower() and r["columns"] and r["whiteSpace"] == "pre", r
        assert r["rows"] == r["lines"], r
        assert 12 <= r["fontSize"] <= 14 and r["hidden"] <= 1, r


# Brightness of the page behind a printed result, and of the scroll cue over it: the
# shadow is 30 % black (light) or white (dark) at the edge, so an edge column of pixels
# that shows it is well away from the page's own colour.
CUE_LEVELS = 40
NARROW_PHONE = 320  # at 390 px every printed result fits (test_no_printed_result_scrolls_sideways_on_a_phone)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_result_that_does_not_scroll_shows_no_cue_at_its_edges(browser, base_url, scheme):
    """A printed result in columns that fits its column shows the page's own colour at
    both edges, to the last pixel: the covers of its scroll cue once left a 1-px grey line
    at the right edge of a box whose width was not a whole number of pixels (672.2 px at
    1280; issue 29, fifth review). A column of pixels is read by its median: the text
    crosses it here and there, the line ran from top to bottom."""
    import io
    import statistics

    from PIL import Image

    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(base_url + "spiking-networks/")
        boxes = page.locator("pre.result-columns")
        widths = [boxes.nth(n).evaluate("e => e.getBoundingClientRect().width") for n in range(boxes.count())]
        assert widths and any(w != round(w) for w in widths), widths  # the case that drew the line
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        for n in range(boxes.count()):
            box = boxes.nth(n)
            box.scroll_into_view_if_needed()
            assert box.evaluate("e => e.scrollWidth <= e.clientWidth"), n  # it fits: no cue due
            shot = Image.open(io.BytesIO(box.screenshot())).convert("L")
            middle = statistics.median(shot.getpixel((x, y)) for x in range(shot.width) for y in range(shot.height))
            for x in (0, shot.width - 1):
                edge = statistics.median(shot.getpixel((x, y)) for y in range(shot.height))
                assert abs(edge - middle) <= 2, (n, x, edge, middle, background)
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_wide_columns_scroll_in_their_own_box_with_a_visible_cue_on_a_phone(browser, base_url, scheme):
    """Population dynamics prints a table 43 characters wide: whole at 390 px, but on a
    320-px phone, at 12 px, it still does not fit, so it scrolls inside its own focusable
    box, its rows whole, and the edge that hides more is shaded (read from the pixels, so
    a cue drawn too faint or masked away fails); the page itself never scrolls sideways."""
    context = browser.new_context(viewport={"width": NARROW_PHONE, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(base_url + "population-dynamics/")
        wide = [r for r in page.evaluate(MEASURE) if r["columns"] and r["hidden"] > 1]
        assert wide, f"no printed table scrolls at {NARROW_PHONE} px on the population-dynamics page"
        for r in wide:
            assert r["fontSize"] == 12 and r["rows"] == r["lines"], r
            assert r["focusable"] and r["left"] >= 0 and r["right"] <= r["viewport"], r
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROW_PHONE
        selector = "pre.result-columns >> nth=-1"
        box = page.locator(selector)
        box.scroll_into_view_if_needed()
        # At the left end: that edge shows the page's own colour, the right edge the cue.
        box.evaluate("e => { e.scrollLeft = 0; }")
        left, right = edge_brightness(page.locator(selector))
        background = left
        assert abs(right - background) >= CUE_LEVELS, (scheme, left, right)
        # At the right end: the cue has moved to the left edge.
        box.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
        left, right = edge_brightness(page.locator(selector))
        assert abs(left - background) >= CUE_LEVELS and abs(right - background) < 8, (scheme, left, right)
        # A keyboard reaches the box, and the arrow keys then scroll it.
        box.evaluate("e => { e.scrollLeft = 0; }")
        box.focus()
        page.keyboard.press("ArrowRight")
        assert box.evaluate("e => document.activeElement === e")
        # (the scroll may be smooth: wait for it to start rather than read it at once)
        page.wait_for_function("e => e.scrollLeft > 0", arg=box.element_handle(), timeout=3000)
    finally:
        context.close()


PRINTED = """() => [...document.querySelectorAll('.snippet-result pre, .highlight')]
  .filter(e => e.matches('pre')
    || (e.querySelector(':scope > .filename')?.textContent || '').startsWith('Output of'))
  .map(e => {
    const pre = e.matches('pre') ? e : e.querySelector('pre');
    return {
      what: e.matches('pre') ? 'result' : e.querySelector('.filename').textContent,
      source: e.closest('.snippet-result')?.querySelector('.filename').title.replace('Printed by ', '') || null,
      fontSize: parseFloat(getComputedStyle(pre.querySelector('samp, code') || pre).fontSize),
      hidden: pre.scrollWidth - pre.clientWidth, focusable: pre.tabIndex === 0,
    };
  })"""


js_probe("phone-light", "printed output", PRINTED, print_page=True)  # the phone view's loads (conftest: probes)


def test_no_printed_output_is_below_12_px_on_a_phone(phone, site):
    """Every printed-output block on every page, a result or the output inside a code
    listing, in text of at least 12 CSS px on a 390-px phone; a result wider than its
    column is a keyboard tab stop (it scrolls)."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        text = html.read_text(encoding="utf-8")
        if html.parent != site and ('class="snippet-result"' in text or "Output of" in text):
            pages.append(f"{html.parent.relative_to(site).as_posix()}/")
    assert "decisions/" in pages and "spike-energy/" in pages, pages
    seen = 0
    for path in pages:
        for block in phone(path).probes["printed output"]:
            seen += 1
            assert block["fontSize"] >= 12, (path, block)
            if block["what"] == "result" and block["hidden"] > 1:
                assert block["focusable"], (path, block)
    assert seen >= 20, seen


# A printed result that may scroll sideways on a 390-px phone: snippet path -> why it
# cannot be printed narrower (48 characters a line fit at 12 px). Empty: every result
# fits (issue 29, fifth review: eleven results on ten pages scrolled; their snippets now
# print at most 48 characters a line, as tables where they print columns).
MAY_SCROLL_ON_A_PHONE: dict[str, str] = {}


def test_no_printed_result_scrolls_sideways_on_a_phone(phone, site):
    """Every printed result (output: result or summary) on every page is whole on a
    390-px phone: nothing of it hidden to the side, to be scrolled to. Read from the
    phone view's own loads (the "printed output" probe)."""
    pages = [f"{html.parent.relative_to(site).as_posix()}/" for html in sorted(site.rglob("index.html"))
             if html.parent != site and 'class="snippet-result"' in html.read_text(encoding="utf-8")]
    assert "spiking-networks/" in pages and "population-dynamics/" in pages, pages
    results, scrolling = 0, []
    for path in pages:
        for block in phone(path).probes["printed output"]:
            if block["what"] != "result":
                continue
            results += 1
            if block["hidden"] > 1 and block["source"] not in MAY_SCROLL_ON_A_PHONE:
                scrolling.append(f"{path} {block['source']}: {block['hidden']} px to the side")
    assert results >= 40, results  # the check reads every result, not a few
    assert not scrolling, "printed results that scroll sideways at 390 px:\n" + "\n".join(scrolling)


@pytest.mark.parametrize("path", ["xor/", "population-codes/"])
def test_a_result_read_across_wraps_on_a_phone(browser, base_url, path):
    results = _measure(browser, base_url, path, 390)
    assert results and not any(r["columns"] for r in results), path
    for r in results:
        assert r["whiteSpace"] == "pre-wrap" and r["hidden"] <= 1 and r["fontSize"] >= 14, r


# Where a printed line wraps at 390 px: the text either side of each break a line of a
# result makes that its printed text does not (read from each character's box).
WRAPS = """() => [...document.querySelectorAll('.snippet-result pre:not(.result-columns) samp')].flatMap(samp => {
  const walker = document.createTreeWalker(samp, NodeFilter.SHOW_TEXT), chars = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode())
    for (let i = 0; i < n.data.length; i++) chars.push([n, i]);
  const range = document.createRange(), text = chars.map(([n, i]) => n.data[i]).join(''), found = [];
  let top = null;
  chars.forEach(([n, i], k) => {
    if (n.data[i] === '\\n') { top = null; return; }
    range.setStart(n, i); range.setEnd(n, i + 1);
    const rect = range.getClientRects()[0];
    if (!rect) return;
    if (top !== null && rect.top > top + 2)
      found.push({source: samp.closest('.snippet-result').querySelector('.filename').title,
                  before: text.slice(Math.max(0, k - 24), k), after: text.slice(k, k + 16)});
    top = rect.top;
  });
  return found;
})"""
# A break inside a number, between a number and its unit, or across "=", "→" or "×"
# between a name and a number or two numbers, or inside a short printed array.
BROKEN_NUMBER = re.compile(
    r"\d[.,]?\x00[\d.,]|[.,]\x00\d"  # inside a number
    r"|\d \x00(?:mV|ms|s|Hz|µA|nA|pA|nS|µm|mm|%|°)(?!\w)"  # a number | its unit
    r"|[=≈→×≤≥] \x00[−+-]?\d|\d \x00[→×] |\w \x00[=≈≤≥] [−+-]?\d"  # N = | 100, 0.20 | → 0.80
    r"|\[[^\]\n\x00]*\x00[^\[\n\x00]*\]"  # inside a printed array
)
WRAPPED_RESULTS = ["excitability/", "noise/", "synapses/", "xor/", "receptive-fields/", "biology-back/",
                   "continuous-attractors/"]


@pytest.mark.parametrize("path", WRAPPED_RESULTS)
def test_a_printed_result_never_breaks_a_number_at_390_px(browser, base_url, path):
    """Visual review 6: at 390 px printed results wrapped between a number and its unit
    ("9.2 | Hz"), inside "N = | 100" and "0.20 → | 0.80", and inside a printed array:
    render.py keeps each such phrase on one line (the printed text unchanged)."""
    wraps = evaluate_on(browser, base_url + path, WRAPS, 390)
    assert wraps, path  # the lines still wrap: read across, at the column's width
    broken = [w for w in wraps if BROKEN_NUMBER.search(w["before"] + "\x00" + w["after"])]
    assert not broken, "\n".join(f"{w['source']}: {w['before']!r} | {w['after']!r}" for w in broken)


EDGES = """() => ({
  results: [...document.querySelectorAll('.snippet-result')].map(r => r.getBoundingClientRect().right),
  texts: [...document.querySelectorAll('.snippet-result pre')].map(p => p.getBoundingClientRect().left),
  prose: Math.max(...[...document.querySelectorAll('.md-content__inner > p')].map(p => p.getBoundingClientRect().right)),
  proseLeft: document.querySelector('.md-content__inner > h1').getBoundingClientRect().left,
})"""


@pytest.mark.parametrize("path", ["hodgkin-huxley/", "xor/"])
def test_a_result_keeps_the_columns_side_margins_on_a_phone(browser, base_url, path):
    """Visual review 6: a result box reached x = 386 at 390 px, 12 px past the column
    (374): it ends where the prose does, and its text starts where the prose does."""
    edges = evaluate_on(browser, base_url + path, EDGES, 390)
    assert edges["results"], path
    assert all(abs(right - edges["prose"]) <= 1 for right in edges["results"]), edges
    # its text starts where the prose does (the rule hangs in the margin)
    assert all(abs(left - edges["proseLeft"]) <= 1 for left in edges["texts"]), edges
