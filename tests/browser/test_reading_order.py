"""The order and the look of a page as read (issue 29): claim -> figure -> caption ->
(result) -> code. Every snippet figure comes before its code, which waits in a closed
disclosure whose summary says only what opens ("Show the code (N lines)"); the path is
the first line inside, the code block's title, never broken inside a word on a phone; captions are set smaller
than the body, muted but legible (>= 4.5:1) in both palettes, with "Figure N." in bold;
no display equation is cut off at 390 or 1280 px (each fits, or scrolls in its own box
that says so and can be reached by keyboard)."""

from __future__ import annotations

import re

import pytest

from .conftest import js_probe, stay_on_site

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)
CONTRAST = 4.5  # WCAG AA for text
SUMMARY = re.compile(r"Show the code( and its output)? \(\d+ lines\)")

# Everything the checks read from one load of a page, in one pass.
READ_JS = r"""
() => {
  const slug = p => "fig-" + p.replace(/^snippets\//, "").replace(/\.py$/, "").toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const listings = [...document.querySelectorAll("details.listing")].map(d => {
    // The path is the first line inside (the code block's title); the summary only says
    // what opens and how long it is. The title is measured with the disclosure open.
    const wasOpen = d.open;
    d.open = true;
    const title = d.querySelector(".highlight > .filename");
    const firstInside = d.querySelector(":scope > summary ~ *");
    const path = title ? title.textContent : "";
    const figure = document.getElementById(slug(path));
    // Each run between the places a path may wrap ('/', '_') must sit on one line.
    const split = [];
    if (title) {
      const walker = document.createTreeWalker(title, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parts = node.data.split(/(?<=[\/_])/);
        let at = 0;
        for (const part of parts) {
          const range = document.createRange();
          range.setStart(node, at); range.setEnd(node, at + part.length);
          const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
          if (lines.size > 1) split.push(part);
          at += part.length;
        }
      }
    }
    const titleFirst = !!title && !!firstInside && firstInside.contains(title)
                       && firstInside.textContent.trimStart().startsWith(path);
    const titleRight = title ? title.getBoundingClientRect().right : 0;
    const boxRight = d.getBoundingClientRect().right;
    d.open = wasOpen;
    return {path, open: wasOpen, hasFigure: !!figure, summary: d.querySelector("summary").textContent.trim(),
            titleFirst, titleOverflows: titleRight > boxRight + 1,
            after: !!figure && !!(figure.compareDocumentPosition(d) & Node.DOCUMENT_POSITION_FOLLOWING),
            split};
  });
  const figures = [...document.querySelectorAll("figure.snippet-figure")].map(f => f.id);
  const body = document.querySelector(".md-typeset p");
  const bodySize = body ? parseFloat(getComputedStyle(body).fontSize) : null;
  const background = getComputedStyle(document.body).backgroundColor;
  const captions = [...document.querySelectorAll("figure.snippet-figure figcaption")].map(c => {
    const number = c.querySelector(".caption-number");
    return {size: parseFloat(getComputedStyle(c).fontSize), colour: getComputedStyle(c).color,
            number: number ? number.textContent : null,
            weight: number ? parseInt(getComputedStyle(number).fontWeight, 10) : 0};
  });
  const column = document.querySelector(".md-content__inner").getBoundingClientRect();
  // Only the copy a reader sees: an equation written in lines for a phone has a one-line
  // copy too, and site.css hides one of the two (display: none).
  const maths = [...document.querySelectorAll("math[display=block]")].filter(m => m.getClientRects().length).map(m => {
    const box = m.closest(".math-display");
    const rect = m.getBoundingClientRect();
    const fits = m.scrollWidth <= (box ? box.clientWidth : column.width) + 1
                 && rect.right <= column.right + 1 && rect.left >= column.left - 1;
    const style = box ? getComputedStyle(box) : null;
    return {fits,
            scrolls: !!box && box.scrollWidth > box.clientWidth && ["auto", "scroll"].includes(style.overflowX),
            focusable: !!box && box.tabIndex === 0, name: box ? box.getAttribute("aria-label") : null,
            // an edge shadow (background) or the equation fading out at the hidden end (mask)
            cue: !!style && [style.backgroundImage, style.maskImage, style.webkitMaskImage]
                              .some(image => (image || "").includes("gradient")),
            tex: m.textContent.slice(0, 40)};
  });
  const title = document.querySelector(".md-typeset h1");
  const titleColour = title ? getComputedStyle(title).color : null;
  const bodyColour = body ? getComputedStyle(body).color : null;
  return {listings, figures, bodySize, background, captions, maths, titleColour, bodyColour};
}
"""


def _rgb(css: str) -> tuple[float, float, float, float]:
    """'rgb(1, 2, 3)', 'rgba(1, 2, 3, 0.5)' or '#rrggbb' -> (r, g, b, alpha) in 0..255 / 0..1."""
    css = css.strip()
    if css.startswith("#"):
        return int(css[1:3], 16), int(css[3:5], 16), int(css[5:7], 16), 1.0
    values = [float(v) for v in css[css.index("(") + 1 : css.index(")")].replace("/", ",").split(",")]
    return values[0], values[1], values[2], values[3] if len(values) > 3 else 1.0


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast of a (possibly translucent) text colour on an opaque background."""
    *fg, alpha = _rgb(foreground)
    bg = _rgb(background)[:3]
    blended = tuple(alpha * f + (1 - alpha) * b for f, b in zip(fg, bg, strict=True))
    light, dark = sorted((_luminance(blended), _luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_of_known_pairs():
    assert contrast("rgb(0, 0, 0)", "#ffffff") == pytest.approx(21.0)
    assert contrast("rgba(0, 0, 0, 0.54)", "#ffffff") == pytest.approx(4.6, abs=0.1)  # Material's light grey


# READ_JS runs on the desktop view's loads (light), the audit's (dark) and the phone's load
# of each page (tests/browser/conftest.py, probes): no load of its own.
for _view in ("desktop-light", "desktop-dark", "phone-light"):
    js_probe(_view, "reading order", READ_JS)


@pytest.fixture(scope="module")
def reading(desktop, audit, phone):
    """``reading(path, width, scheme)`` -> what READ_JS found at 1280 px (the desktop
    view's load, light; the audit's, dark) or on the 390-px phone (light). A view loads
    a page only when a test reads it (the fixtures' loads are lazy)."""

    def read(path: str, width: int, scheme: str = "default") -> dict:
        if width == 390:
            loaded = phone(path)
        else:
            loaded = desktop(path) if scheme == "default" else audit(path, "dark")
        return loaded.probes["reading order"]

    return read


def content_pages(site_pages: list[str]) -> list[str]:
    return [path for path in site_pages if not path.startswith("print_page")]


def test_every_figure_precedes_its_code_and_the_code_is_closed(reading, site_pages, quality_summary):
    problems, figures_first = [], 0
    for path in content_pages(site_pages):
        if path.startswith("notebooks/"):  # a notebook shows its code cells in its own order
            continue
        found = reading(path, 1280)
        with_code = {listing["path"] for listing in found["listings"] if listing["hasFigure"]}
        for listing in found["listings"]:
            if listing["open"]:
                problems.append(f"/{path}: the code of {listing['path']} is open by default")
            if listing["hasFigure"] and not listing["after"]:
                problems.append(f"/{path}: the code of {listing['path']} comes before its figure")
            figures_first += listing["after"]
        # A figure without a code disclosure after it: its code is missing or mislabelled.
        slugs = {
            "fig-" + re.sub(r"[^a-z0-9]+", "-", p.removeprefix("snippets/").removesuffix(".py").lower())
            for p in with_code
        }
        for figure in found["figures"]:
            if figure not in slugs:
                problems.append(f"/{path}: figure #{figure} has no 'Show the code' disclosure after it")
    quality_summary["figures before their closed code"] = figures_first
    assert figures_first > 50, figures_first  # the site has ~75 snippet figures
    assert not problems, "page order (figure, caption, then code):\n" + "\n".join(problems)


def test_code_summaries_name_no_path_and_the_path_is_the_first_line_inside(reading, site_pages):
    """The summary reads "Show the code (N lines)"; the path students copy is the code
    block's title, the first thing the open disclosure shows."""
    problems, seen = [], 0
    for path in content_pages(site_pages):
        for listing in reading(path, 1280)["listings"]:
            seen += 1
            if not SUMMARY.fullmatch(listing["summary"]):
                problems.append(f"/{path}: summary {listing['summary']!r}")
            if not listing["path"].startswith("snippets/") or not listing["titleFirst"]:
                problems.append(f"/{path}: the path {listing['path']!r} is not the first line inside")
    assert seen > 50, seen
    assert not problems, "code disclosures:\n" + "\n".join(problems)


def test_code_titles_do_not_break_inside_a_word_on_a_phone(reading, site_pages):
    problems = [
        f"/{path}: '{listing['path']}' breaks inside {listing['split']} or leaves its box"
        for path in content_pages(site_pages)
        for listing in reading(path, 390)["listings"]
        if listing["split"] or listing["titleOverflows"]
    ]
    assert not problems, "code titles at 390 px:\n" + "\n".join(problems)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_captions_are_smaller_muted_legible_and_numbered_in_bold(reading, site_pages, scheme):
    problems, seen = [], 0
    for path in content_pages(site_pages):
        found = reading(path, 1280, scheme)
        for n, caption in enumerate(found["captions"], 1):
            seen += 1
            ratio = contrast(caption["colour"], found["background"])
            if not caption["size"] < found["bodySize"]:
                problems.append(f"/{path} caption {n}: {caption['size']} px, body {found['bodySize']} px")
            if caption["number"] != f"Figure {n}." or caption["weight"] < 600:
                problems.append(f"/{path} caption {n}: number {caption['number']!r} at weight {caption['weight']}")
            if ratio < CONTRAST:
                problems.append(
                    f"/{path} caption {n}: contrast {ratio:.2f}:1 ({caption['colour']} on {found['background']})"
                )
    assert seen > 50, seen
    assert not problems, f"captions ({scheme}):\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("width", WIDTHS)
def test_no_display_equation_is_cut_off(reading, site_pages, width, quality_summary):
    problems, total, scrolling = [], 0, 0
    for path in content_pages(site_pages):
        for math in reading(path, width)["maths"]:
            total += 1
            if math["fits"]:
                continue
            scrolling += 1
            missing = [
                what
                for what, ok in (
                    ("a scroll box", math["scrolls"]),
                    ("a tab stop", math["focusable"]),
                    ("a name", bool(math["name"])),
                    ("a visible cue", math["cue"]),
                )
                if not ok
            ]
            if missing:
                problems.append(
                    f"/{path} at {width} px: '{math['tex']}' is wider than the column and has no " + ", ".join(missing)
                )
    quality_summary[f"display equations scrolling @{width}"] = f"{scrolling} of {total}"
    assert total > 50, total
    assert not problems, "display math:\n" + "\n".join(problems)


# The display equations that may still scroll on a phone, each with the reason it is not
# set in lines (docs/*.md: written as a split or gather, nn_site/pages/mathml.py).
SCROLLS_ON_A_PHONE = {
    ("activation-functions/", "step:"): "a table: five functions beside their derivatives, whose columns are "
    "the comparison; it scrolls in its box, faded at the end that hides more",
}


def test_on_a_phone_no_display_equation_scrolls_but_the_listed_exceptions(reading, site_pages):
    scrolling = {
        (path, math["tex"]) for path in content_pages(site_pages) for math in reading(path, 390)["maths"] if not math["fits"]
    }
    unlisted = sorted(f"/{path}: '{tex}'" for path, tex in scrolling
                      if not any(path == where and tex.startswith(start) for where, start in SCROLLS_ON_A_PHONE))
    assert not unlisted, "display equations wider than a 390-px column (write them as split or gather):\n" + "\n".join(unlisted)
    # An exception that fits now is taken off the list.
    stale = [key for key in SCROLLS_ON_A_PHONE if not any(path == key[0] and tex.startswith(key[1]) for path, tex in scrolling)]
    assert not stale, f"listed as scrolling on a phone but fits: {stale}"


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_page_titles_are_at_the_body_texts_full_contrast(reading, site_pages, scheme):
    problems = []
    for path in content_pages(site_pages):
        found = reading(path, 1280, scheme)
        if found["titleColour"] is None:
            continue
        title, body = (contrast(found[key], found["background"]) for key in ("titleColour", "bodyColour"))
        if title < body - 0.01:
            problems.append(f"/{path}: title {title:.1f}:1, body text {body:.1f}:1 ({found['titleColour']})")
    assert not problems, f"page titles ({scheme}):\n" + "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_glossary_tooltips_are_at_least_12_px_and_fit_the_screen(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    stay_on_site(context, base_url)
    page = context.new_page()
    page.goto(base_url + "artificial-neuron/", wait_until="load")
    page.locator("abbr[title]").first.focus()
    page.wait_for_selector(".md-tooltip2--active .md-tooltip2__inner")
    size, right = page.evaluate(
        "() => { const t = document.querySelector('.md-tooltip2--active .md-tooltip2__inner');"
        " return [parseFloat(getComputedStyle(t).fontSize), t.getBoundingClientRect().right]; }"
    )
    context.close()
    assert size >= 12, f"tooltip text {size} px at {width} px"
    assert right <= width, f"tooltip ends at {right} px on a {width}-px screen"
