"""Glossary marks (nn_site/pages/glossary_marks.py, site.css "Glossary marks, lighter"):
a dotted underline set off below the word, muted but at >= 3:1 against the page in both
palettes (WCAG's contrast for graphics), with a visible outline on keyboard focus, where
the definition opens (issue 29)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

MEASURE = """() => {
  const abbr = document.querySelector('article abbr');
  const s = getComputedStyle(abbr);
  return {style: s.textDecorationStyle, line: s.textDecorationLine, color: s.textDecorationColor,
          border: s.borderBottomStyle, background: getComputedStyle(document.body).backgroundColor,
          text: s.color};
}"""


def _rgb(css: str) -> tuple[float, ...]:
    return tuple(float(v) for v in css[css.index("(") + 1 : css.index(")")].split(",")[:3])


def _contrast(a: str, b: str) -> float:
    def luminance(rgb):
        c = [v / 255 for v in rgb]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    high, low = sorted((luminance(_rgb(a)), luminance(_rgb(b))), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_a_glossary_mark_is_a_light_dotted_underline_with_a_focus_state(browser, base_url, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + "instructors/")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    m = page.evaluate(MEASURE)
    assert m["line"] == "underline" and m["style"] == "dotted" and m["border"] == "none", m
    contrast = _contrast(m["color"], m["background"])
    assert contrast >= 3, f"{scheme}: the mark is {contrast:.2f}:1 against the page"
    assert m["color"] != m["text"], m  # lighter than the word it marks
    page.keyboard.press("Tab")  # a keyboard user: focus is then shown (:focus-visible)
    page.focus("article abbr")
    focused = page.evaluate(
        "(() => { const e = document.activeElement, s = getComputedStyle(e);"
        " return {tag: e.tagName, visible: e.matches(':focus-visible'), outline: s.outlineStyle,"
        " width: parseFloat(s.outlineWidth), color: s.outlineColor}; })()"
    )
    context.close()
    assert focused["tag"] == "ABBR" and focused["visible"], focused
    assert focused["outline"] == "solid" and focused["width"] >= 1.5, focused
    assert _contrast(focused["color"], m["background"]) >= 3, focused
