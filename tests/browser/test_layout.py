"""Layout while a page loads and on a phone (issue 13): no layout shift (CLS < 0.1 on
every page, at 1280 px and at 390 px), and every table readable at 390 px (no row taller
than 400 px; a table wider than the screen scrolls inside its own box)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

CLS_LIMIT = 0.1
ROW_LIMIT = 400  # px: a taller row means a column squeezed to a few characters

# Installed before any page script: sums layout-shift entries (without recent input)
# from the first paint on, as Chromium reports them.
CLS_INIT = """
window.__cls = 0; window.__shifts = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) {
    if (e.hadRecentInput) continue;
    window.__cls += e.value;
    const nodes = (e.sources || []).map(s => s.node && s.node.nodeType === 1
      ? s.node.tagName.toLowerCase() + (s.node.id ? "#" + s.node.id : "") +
        (s.node.className && typeof s.node.className === "string" ? "." + s.node.className.split(" ")[0] : "")
      : "?");
    window.__shifts.push(e.value.toFixed(3) + " " + nodes.join(","));
  }
}).observe({type: "layout-shift", buffered: true});
"""

SETTLED = "document.readyState === 'complete' && document.fonts.status === 'loaded'"

TABLES_JS = """
() => [...document.querySelectorAll("article table")].map(t => {
  const rows = [...t.rows].map(r => r.getBoundingClientRect().height);
  let holder = t.parentElement;  // the nearest box that scrolls sideways, if any
  while (holder && holder !== document.body && !["auto", "scroll"].includes(getComputedStyle(holder).overflowX))
    holder = holder.parentElement;
  const scrolls = holder && holder !== document.body;
  const box = (scrolls ? holder : t.parentElement).getBoundingClientRect();
  return {head: (t.rows[0]?.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40),
          tallest: Math.max(0, ...rows), width: t.getBoundingClientRect().width,
          room: Math.min(box.width, document.documentElement.clientWidth), scrolls};
})
"""


def _context(browser, base_url, width):
    phone = width < 600
    context = browser.new_context(viewport={"width": width, "height": 844 if phone else 900},
                                  is_mobile=phone, has_touch=phone, color_scheme="light")
    context.route("**/*", lambda route: route.abort("blockedbyclient")
                  if urlsplit(route.request.url).netloc not in ("", urlsplit(base_url).netloc)
                  else route.continue_())
    context.add_init_script(CLS_INIT)
    return context


@pytest.mark.parametrize("width", [1280, 390])
def test_no_layout_shift_while_a_page_loads(browser, base_url, site_pages, width, quality_summary):
    context = _context(browser, base_url, width)
    page = context.new_page()
    problems, worst = [], (0.0, "")
    try:
        for path in site_pages:
            page.goto(base_url + path, wait_until="load")
            page.wait_for_function(SETTLED)
            page.wait_for_timeout(300)  # explorables mount on load; let their layout settle
            cls, shifts = page.evaluate("[window.__cls, window.__shifts]")
            worst = max(worst, (cls, path))
            if cls >= CLS_LIMIT:
                problems.append(f"/{path}: CLS {cls:.3f} at {width} px; shifts: {shifts[:5]}")
    finally:
        context.close()
    quality_summary[f"worst CLS @{width}"] = f"{worst[0]:.3f} /{worst[1]}"
    assert not problems, "layout shift:\n" + "\n".join(problems)


def test_tables_are_readable_on_a_phone(browser, base_url, site_pages):
    context = _context(browser, base_url, 390)
    page = context.new_page()
    problems = []
    try:
        for path in site_pages:
            if path.startswith("print_page"):
                continue
            page.goto(base_url + path, wait_until="domcontentloaded")
            for table in page.evaluate(TABLES_JS):
                if table["tallest"] > ROW_LIMIT:
                    problems.append(f"/{path}: table '{table['head']}' has a row {table['tallest']:.0f} px tall")
                if table["width"] > table["room"] + 1 and not table["scrolls"]:
                    problems.append(f"/{path}: table '{table['head']}' is cut off "
                                    f"({table['width']:.0f} px in {table['room']:.0f} px, no scroll)")
    finally:
        context.close()
    assert not problems, "tables on a 390-px phone:\n" + "\n".join(problems)
