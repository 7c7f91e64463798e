"""Figures after the visual review (issue 29), as a reader's browser lays them out:
predictive coding shows a figure early, and the XOR page's figures are one width.
(What the figures draw is checked in tests/test_figure_review.py; their text size and
collisions, on every figure, in test_figures.py.)"""

from __future__ import annotations

import pytest

# Each figure of the page: its top on the page, its drawn width and the copy the browser
# picked, once every image has loaded (they are lazy: made eager first).
FIGURES_JS = """async () => {
    const images = [...document.querySelectorAll("figure.snippet-figure img")]
        .filter(img => img.offsetParent !== null);  // the copy of the page's palette
    images.forEach(img => { img.loading = "eager"; });
    await Promise.all(images.filter(img => !img.complete).map(
        img => new Promise(done => img.addEventListener("load", done))));
    return images.map(img => {
        const box = img.getBoundingClientRect();
        return {src: img.currentSrc.split("/").pop(), top: box.top + scrollY, width: box.width};
    });
}"""

# Issue 29: the first figure of the predictive-coding page came after about 3,300 px of
# text on a desktop, and the schematic then ~1,700 px; it now follows the introduction (950 px).
FIRST_FIGURE_BY_PX = 1200


def _figures(browser, base_url: str, path: str, width: int) -> list[dict]:
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 600)
    page = context.new_page()
    try:
        page.goto(base_url + path, wait_until="load")
        return page.evaluate(FIGURES_JS)
    finally:
        context.close()


def test_predictive_coding_shows_its_schematic_within_the_first_screens(browser, base_url):
    figures = _figures(browser, base_url, "predictive-coding/", 1280)
    assert figures, "no figure on the predictive-coding page"
    first = figures[0]
    assert first["src"].startswith("pc_schematic"), first
    assert first["top"] <= FIRST_FIGURE_BY_PX, f"first figure at {first['top']:.0f} px"


@pytest.mark.parametrize("width", [1280, 390])
def test_the_xor_figures_are_drawn_at_one_width(browser, base_url, width):
    figures = _figures(browser, base_url, "xor/", width)
    assert len(figures) == 3, figures
    widths = [f["width"] for f in figures]
    assert max(widths) - min(widths) <= 1, f"XOR figure widths at {width} px: {figures}"
    if width < 600:
        assert all("-phone" in f["src"] for f in figures), figures  # each has its phone layout
