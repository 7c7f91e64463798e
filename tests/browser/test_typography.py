"""Typography as a reader meets it (issue 29): two font families, the text's and the
code's, plus the math font for MathML and the figures' font in live plots' SVG text, on
screen and in print; no other font loaded;
glossary marks only in running prose, once per term, each reachable by keyboard."""

from __future__ import annotations

import pytest

from .conftest import js_probe, probe

pytestmark = pytest.mark.browser

MATH_FAMILY = '"STIX Two Math", math'
# The figures' font (DejaVu Sans, matplotlib's), in the live plots the explorables draw as
# SVG text (docs/assets/explorables.css), as it is in every figure drawn by the build.
FIGURE_FAMILY = '"NN Figure Sans", "DejaVu Sans", Verdana, sans-serif'
FACES = {"STIX Two Math", "NN Figure Sans"}  # the only fonts the site serves

# Every rendered element holding text of its own (or a ::before/::after with content):
# the families it is set in, with an example of each element for the message.
FAMILIES_JS = r"""
() => {
  const probe = family => {
    const el = document.createElement("span");
    el.style.fontFamily = family;
    document.body.append(el);
    const value = getComputedStyle(el).fontFamily;
    el.remove();
    return value;
  };
  const text = probe("var(--md-text-font-family)"), code = probe("var(--md-code-font-family)");
  const used = {};
  const note = (family, el, how) => {
    const name = el.tagName.toLowerCase() + (typeof el.className === "string" && el.className.trim()
      ? "." + el.className.trim().split(/\s+/).join(".") : "") + how;
    (used[family] = used[family] || new Set()).add(name);
  };
  for (const el of document.querySelectorAll("body *")) {
    for (const pseudo of ["::before", "::after"]) {
      const style = getComputedStyle(el, pseudo);
      if (style.display !== "none" && /^["']./.test(style.content || "") && el.getClientRects().length) {
        note(style.fontFamily, el, pseudo);
      }
    }
    if (!el.getClientRects().length) continue;
    const ownText = [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.data.trim());
    if (ownText || el.matches("input, button, select, textarea")) {
      const family = getComputedStyle(el).fontFamily;
      // MathML is the one place for the math font, and only MathML.
      if (family === MATH_FAMILY && el.namespaceURI !== "http://www.w3.org/1998/Math/MathML") {
        note("math font outside MathML", el, "");
      }
      note(family, el, "");
    }
  }
  const faces = [...document.fonts].map(face => face.family.replace(/^"|"$/g, ""));
  return {text, code,
          used: Object.fromEntries(Object.entries(used).map(([k, v]) => [k, [...v].slice(0, 8)])),
          faces: [...new Set(faces)]};
}
""".replace("MATH_FAMILY", repr(MATH_FAMILY))

# Where each glossary mark sits: the marks a reader sees, and any in a place that is not
# running prose (nn_site/pages/glossary_marks.py).
MARKS_JS = r"""
() => {
  const marks = [...document.querySelectorAll("article abbr[title]")];
  const outside = "h1, h2, h3, h4, h5, h6, table, figcaption, summary, .admonition-title, a";
  return {
    count: marks.length,
    misplaced: marks.filter(m => m.closest(outside)).map(m => m.textContent + " in " + m.closest(outside).tagName),
    unfocusable: marks.filter(m => m.tabIndex !== 0).map(m => m.textContent),
    repeated: marks.map(m => m.title).filter((t, i, all) => all.indexOf(t) !== i).map(t => t.slice(0, 40)),
  };
}
"""


def text_pages(site_pages: list[str]) -> list[str]:
    """Every page but the print page (every page again, in one document: too slow to
    walk element by element; its parts are the pages checked here)."""
    return [path for path in site_pages if not path.startswith("print_page")]


@probe("desktop-light", "font families")
def read_families(page, _path: str) -> dict:
    """FAMILIES_JS on screen, then as printed (the page is set back to screen)."""
    found = {"screen": page.evaluate(FAMILIES_JS)}
    page.emulate_media(media="print")
    try:
        found["print"] = page.evaluate(FAMILIES_JS)
    finally:
        page.emulate_media(media="screen")
    return found


js_probe("desktop-light", "glossary marks", MARKS_JS)


@probe("desktop-light", "math glyph fonts")
def read_math_fonts(page, _path: str) -> dict:
    """What Chromium drew each MathML token with (DevTools' platform fonts): family ->
    glyph count, and up to 10 tokens drawn in another family than the math font's."""
    if not page.evaluate("document.querySelector('math') !== null"):
        return {"glyphs": 0, "others": []}
    page.wait_for_function("document.fonts.status === 'loaded'")
    devtools = page.context.new_cdp_session(page)
    try:
        devtools.send("DOM.enable")
        devtools.send("CSS.enable")
        root = devtools.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        tokens = devtools.send("DOM.querySelectorAll", {"nodeId": root, "selector": "math mi, math mo, math mn"})
        glyphs, others = 0, []
        for node in tokens["nodeIds"]:
            for font in devtools.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
                glyphs += font["glyphCount"]
                if font["familyName"] != "STIX Two Math" and len(others) < 10:
                    element = devtools.send("DOM.getOuterHTML", {"nodeId": node})["outerHTML"]
                    others.append(f"{font['familyName']} for {element}")
        devtools.send("CSS.disable")
        devtools.send("DOM.disable")
    finally:
        devtools.detach()
    return {"glyphs": glyphs, "others": others}


@pytest.mark.parametrize("media", ["screen", "print"])
def test_text_is_set_in_two_families_and_math_in_the_math_font(desktop, site_pages, media, quality_summary):
    problems, families = [], set()
    for path in text_pages(site_pages):
        found = desktop(path).probes["font families"][media]
        allowed = {found["text"], found["code"], MATH_FAMILY}
        families.update(found["used"])
        for family, where in found["used"].items():
            in_a_plot = family == FIGURE_FAMILY and all(w.split(".")[0] in ("text", "tspan") for w in where)
            if family not in allowed and not in_a_plot:
                problems.append(f"/{path}: {family!r} on {', '.join(where)}")
        if set(found["faces"]) - FACES:  # a web font: the site serves only math's and the figures'
            problems.append(f"/{path}: font faces {found['faces']}")
    quality_summary[f"font families ({media})"] = len(families)
    assert len(families) >= 2, families  # the walk saw text and code at least
    assert not problems, f"fonts ({media}), only text, code and MathML's math font:\n" + "\n".join(problems[:30])


def test_glossary_marks_only_in_prose_once_per_term_and_focusable(desktop, site_pages, quality_summary):
    problems, total = [], 0
    for path in text_pages(site_pages):
        found = desktop(path).probes["glossary marks"]
        total += found["count"]
        for what in ("misplaced", "unfocusable", "repeated"):
            if found[what]:
                problems.append(f"/{path}: {what}: {found[what][:5]}")
    quality_summary["glossary marks"] = total
    assert total > 100, total  # the site's pages use the glossary's terms
    assert not problems, "glossary marks:\n" + "\n".join(problems)


def test_every_math_glyph_comes_from_the_math_font(desktop, site_pages, quality_summary):
    """Every MathML token drawn from the self-hosted STIX Two Math subset, never a system
    font standing in for a glyph the subset lacks (a one-letter <mi> such as ∂ or ϕ is
    drawn in its italic form: nn_site/pages/math_font.py)."""
    problems, glyphs = [], 0
    for path in text_pages(site_pages):
        found = desktop(path).probes["math glyph fonts"]
        glyphs += found["glyphs"]
        problems += [f"/{path}: {other}" for other in found["others"]]
    quality_summary["math glyphs in the math font"] = glyphs
    assert glyphs > 1000, glyphs  # the site's formulas were read
    assert not problems, "math glyphs from another font:\n" + "\n".join(sorted(set(problems))[:30])
