"""Printed results (``output: result``, nn_site/engine/render.py result_block) read as a result:
labelled "Result" (the file that printed it a small "from x.py", its path the label's
title), in the caption's muted colour with no grey block behind them, as wide
as the figure column on a desktop. Lines read across wrap, whole on screen at every
width; lines printed in columns never wrap (a wrapped row broke the columns at 390 px,
issue 29): they are set smaller to fit, down to 11 px, and what still does not fit
scrolls in its own box with the tables' fading edge."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize("path", PAGES)
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
        assert 11 <= r["fontSize"] <= 14 and r["hidden"] <= 1, r


def test_wide_columns_scroll_in_their_own_box_with_a_cue_on_a_phone(browser, base_url):
    """Spike energy's table of sources is 71 characters wide: at 11 px it still does not
    fit 390 px, so it scrolls inside its own focusable box, its rows whole, with the
    fading edge; the page itself never scrolls sideways."""
    context = browser.new_context(viewport={"width": 390, "height": 900})
    try:
        page = context.new_page()
        page.goto(base_url + "spike-energy/")
        [wide, *_] = [r for r in page.evaluate(MEASURE) if r["columns"] and r["hidden"] > 1]
        assert wide["fontSize"] == 11 and wide["rows"] == wide["lines"], wide
        assert wide["focusable"] and "linear-gradient" in wide["mask"], wide
        assert wide["left"] >= 0 and wide["right"] <= wide["viewport"], wide
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


@pytest.mark.parametrize("path", ["xor/", "population-codes/"])
def test_a_result_read_across_wraps_on_a_phone(browser, base_url, path):
    results = _measure(browser, base_url, path, 390)
    assert results and not any(r["columns"] for r in results), path
    for r in results:
        assert r["whiteSpace"] == "pre-wrap" and r["hidden"] <= 1 and r["fontSize"] >= 14, r
