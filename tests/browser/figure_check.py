"""Measure every figure of the built site in Chromium: text size as rendered, clipping,
legends or labels over data, overlapping labels (issue 13; rules in CONTRIBUTING.md).

Each figure SVG is opened once, at its natural size, and its matplotlib structure read
from the DOM (``g#text_N`` is one text, ``g#legend_N`` a legend, ``g#line2d_N`` outside
ticks and legends a data line, scatter points are ``use`` elements of a collection).
A text's size is its glyphs' scale: matplotlib draws glyphs at 100 units per em, so
100 × the scale of a glyph's ``use`` on screen is the font size in CSS px. Sub- and
superscripts of mathtext are smaller (0.7×, as in TeX) and must be legible too: the size
checked is a text's SMALLEST glyph (a tick's 10⁶ is checked by its 6). Then every page
is loaded at 1280 px and 390 px, and for each figure the copy the browser shows
(``img.currentSrc``: a phone gets the ``-phone.svg`` layout through ``<picture>``, see
nn_site/engine/render.py) and the width it is drawn at, in the light and in the dark
palette, give the rendered scale: text px = natural px × rendered width / natural width.
Phone copies are figures of the site like the others: clipping and collisions are
checked on them as well.

Used by tests/browser/test_figures.py; ``python tests/browser/figure_check.py SITE``
prints the numbers for a built site (before/after comparisons).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

MIN_PX = {1280: 11.0, 390: 11.0}  # smallest text in CSS px at each viewport width
WIDTHS = (1280, 390)

# In the SVG document: per text its box and size; legend boxes; data segments and points.
SVG_JS = r"""
() => {
  const svg = document.documentElement;
  const root = svg.getBoundingClientRect();
  const box = el => { const r = el.getBoundingClientRect();
    return [r.left - root.left, r.top - root.top, r.right - root.left, r.bottom - root.top]; };
  const inside = (el, sel) => el.closest(sel) !== null;
  const scale = m => Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
  const texts = [], unmeasured = [];
  for (const g of svg.querySelectorAll('g[id^="text_"]')) {
    const uses = [...g.querySelectorAll("use")];
    const label = (g.firstChild && g.firstChild.nodeType === 8 ? g.firstChild.data
                   : [...g.childNodes].find(n => n.nodeType === 8)?.data || "").trim();
    // A text drawn without glyph outlines (an SVG <text>, svg.fonttype "none") has no
    // glyph scale to read: reported, never skipped as if it passed.
    if (!uses.length) { if (label || g.querySelector("text")) unmeasured.push(label || g.id); continue; }
    const px = Math.min(...uses.map(u => 100 * scale(u.getScreenCTM())));
    texts.push({id: g.id, label, px, box: box(g),
                tick: inside(g, '[id^="xtick_"], [id^="ytick_"]'),
                legend: inside(g, '[id^="legend_"]')});
  }
  const legends = [...svg.querySelectorAll('g[id^="legend_"]')].map(g => ({id: g.id, box: box(g)}));
  // A line or marker is drawn only inside its axes' clip rectangle (in root coordinates).
  const clipOf = el => {
    const holder = el.closest("[clip-path]");
    const ref = holder && holder.getAttribute("clip-path").match(/#([^)]+)/);
    const rect = ref && document.getElementById(ref[1])?.querySelector("rect");
    if (!rect) return null;
    const m = holder.getScreenCTM();
    const x = +rect.getAttribute("x"), y = +rect.getAttribute("y");
    const w = +rect.getAttribute("width"), h = +rect.getAttribute("height");
    const a = [m.a * x + m.c * y + m.e - root.left, m.b * x + m.d * y + m.f - root.top];
    const b = [m.a * (x + w) + m.c * (y + h) + m.e - root.left, m.b * (x + w) + m.d * (y + h) + m.f - root.top];
    return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];
  };
  const segments = [];
  const skip = '[id^="legend_"], [id^="xtick_"], [id^="ytick_"], defs';
  for (const path of svg.querySelectorAll('g[id^="line2d_"] > path, g[id^="LineCollection_"] path')) {
    if (inside(path, skip)) continue;
    const m = path.getScreenCTM();
    const toRoot = (x, y) => [m.a * x + m.c * y + m.e - root.left, m.b * x + m.d * y + m.f - root.top];
    // A line is drawn only inside its axes' clip rectangle: a segment that leaves the axes
    // (clipped) does not cover what is outside.
    const clip = clipOf(path);
    const pts = [];
    // Path data as matplotlib writes it (M, L, z) or as nn_site/engine/svg.py does (M, m,
    // l, z; a command letter only where it changes): pairs after a move are line-tos, and
    // z returns to the subpath's first point.
    const nums = (path.getAttribute("d") || "").match(/[MLlmz]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/g) || [];
    let i = 0, cmd = "M", start = null, cx = 0, cy = 0, sx = 0, sy = 0;
    while (i < nums.length) {
      const t = nums[i];
      if (/[MLlmz]/.test(t)) {
        cmd = t; i++;
        if (t === "z") { if (start) pts.push(start, null); cx = sx; cy = sy; }
        continue;
      }
      let x = +nums[i], y = +nums[i + 1]; i += 2;
      if (cmd === "l" || cmd === "m") { x += cx; y += cy; }
      cx = x; cy = y;
      const p = toRoot(x, y);
      if (cmd === "M" || cmd === "m") { pts.push(null); start = p; sx = x; sy = y; cmd = cmd === "M" ? "L" : "l"; }
      pts.push(p);
    }
    let prev = null;
    for (const p of pts) { if (p && prev) segments.push([prev[0], prev[1], p[0], p[1], clip]); prev = p; }
  }
  const points = [];
  for (const u of svg.querySelectorAll('g[id^="PathCollection_"] use, g[id^="line2d_"] use')) {
    if (inside(u, skip)) continue;
    const r = u.getBoundingClientRect();
    const p = [(r.left + r.right) / 2 - root.left, (r.top + r.bottom) / 2 - root.top];
    const c = clipOf(u);
    if (c && (p[0] < c[0] || p[0] > c[2] || p[1] < c[1] || p[1] > c[3])) continue;  // clipped away
    points.push(p);
  }
  return {width: root.width, height: root.height, texts, unmeasured, legends, segments, points};
}
"""

# On a page: the figures drawn, their width, for the palette the page shows.
# Lazy images are made eager and awaited first: currentSrc is the copy the browser chose.
PAGE_JS = r"""
async () => {
  const imgs = [...document.querySelectorAll("figure.snippet-figure img")];
  for (const img of imgs) img.loading = "eager";
  await Promise.all(imgs.map(img => img.complete ? null
    : new Promise(done => { img.addEventListener("load", done); img.addEventListener("error", done); })));
  return imgs.filter(img => img.getClientRects().length > 0)
    .map(img => ({src: new URL(img.currentSrc || img.getAttribute("src"), location.href).pathname,
                  width: img.getBoundingClientRect().width}));
}
"""


@dataclass
class Figure:
    path: str  # URL path, e.g. /figures/xor/two_layer.svg
    width: float = 0.0  # natural CSS px
    height: float = 0.0
    texts: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def min_text_px(self) -> float:
        return min((t["px"] for t in self.texts), default=float("inf"))


def _overlap(a, b, slack: float = 0.5) -> bool:
    return (min(a[2], b[2]) - max(a[0], b[0]) > slack) and (min(a[3], b[3]) - max(a[1], b[1]) > slack)


def _segment_hits(seg, rect, slack: float = 1.0) -> bool:
    """Does the segment cross the rectangle shrunk by `slack` px (Liang–Barsky clipping)?"""
    x0, y0, x1, y1, clip = seg
    left, top, right, bottom = rect[0] + slack, rect[1] + slack, rect[2] - slack, rect[3] - slack
    if clip:  # only the part of the rectangle inside the line's axes can be covered
        left, top, right, bottom = max(left, clip[0]), max(top, clip[1]), min(right, clip[2]), min(bottom, clip[3])
    if left >= right or top >= bottom:
        return False
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def analyse(data: dict, path: str) -> Figure:
    """The problems of one figure, from SVG_JS's measurements (natural size)."""
    fig = Figure(path, data["width"], data["height"], data["texts"])
    w, h = data["width"], data["height"]
    for t in data["texts"]:
        x0, y0, x1, y1 = t["box"]
        if x0 < -0.5 or y0 < -0.5 or x1 > w + 0.5 or y1 > h + 0.5:
            fig.problems.append(f"text {t['label']!r} is cut by the figure edge "
                                f"(box {x0:.0f},{y0:.0f}–{x1:.0f},{y1:.0f} in {w:.0f}×{h:.0f})")
    for label in data.get("unmeasured", []):
        fig.problems.append(f"text {label!r} has no glyph outlines: its size cannot be measured")
    texts = data["texts"]
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            if _overlap(a["box"], b["box"]):
                fig.problems.append(f"labels {a['label']!r} and {b['label']!r} overlap")
    for legend in data["legends"]:
        hits = sum(_segment_hits(s, legend["box"]) for s in data["segments"])
        hits += sum(legend["box"][0] < x < legend["box"][2] and legend["box"][1] < y < legend["box"][3]
                    for x, y in data["points"])
        if hits:
            fig.problems.append(f"data drawn over the legend ({hits} line segments or points)")
    for t in texts:
        if t["tick"] or t["legend"]:
            continue
        hits = sum(_segment_hits(s, t["box"], slack=1.5) for s in data["segments"])
        if hits:
            fig.problems.append(f"a data line runs through the label {t['label']!r}")
    return fig


def measure_figures(browser, base_url: str, paths: list[str]) -> dict[str, Figure]:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    figures = {}
    try:
        for path in paths:
            page.goto(base_url.rstrip("/") + path, wait_until="load")
            figures[path] = analyse(page.evaluate(SVG_JS), path)
    finally:
        page.close()
    return figures


def rendered_widths(browser, base_url: str, pages: list[str]) -> dict[tuple[int, str], dict[str, list]]:
    """(viewport width, palette) -> {figure path: [(page, rendered width)]}."""
    result: dict[tuple[int, str], dict[str, list]] = {}
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900},
                                      is_mobile=width < 600, has_touch=width < 600,
                                      device_scale_factor=1)
        page = context.new_page()
        try:
            for path in pages:
                page.goto(base_url + path, wait_until="domcontentloaded")
                for scheme in ("default", "slate"):
                    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
                    for item in page.evaluate(PAGE_JS):
                        src = item["src"].replace("-dark.svg", ".svg")
                        result.setdefault((width, scheme), {}).setdefault(src, []).append((path, item["width"]))
        finally:
            context.close()
    return result


def figure_pages(site: Path) -> tuple[list[str], list[str]]:
    """Pages that show a snippet figure (print page excluded), and the figures' URL paths."""
    pages, svgs = [], set()
    for html in sorted(site.rglob("index.html")):
        rel = html.relative_to(site).as_posix().removesuffix("index.html")
        if rel.startswith("print_page"):
            continue
        text = html.read_text(encoding="utf-8")
        if 'class="snippet-figure' in text:  # snippet and notebook figures
            pages.append(rel)
    # Snippet figures, and notebook pages' figures (nn_site/notebooks/figures.py).
    for svg in sorted([*(site / "figures").rglob("*.svg"), *(site / "notebooks").rglob("figure-*.svg")]):
        if not svg.name.endswith("-dark.svg"):
            svgs.add("/" + svg.relative_to(site).as_posix())
    return pages, sorted(svgs)


def read_widths(page, _path: str = "") -> dict[str, list]:
    """On a loaded page: palette -> PAGE_JS's figures, drawn in each palette in turn (the
    page's own palette is set back after)."""
    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    found = {}
    for scheme in ("default", "slate"):
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        found[scheme] = page.evaluate(PAGE_JS)
    page.evaluate("s => s === null ? document.body.removeAttribute('data-md-color-scheme')"
                  " : document.body.setAttribute('data-md-color-scheme', s)", shown)
    return found


def report(browser, base_url: str, site: Path, scaled_on_phones: frozenset[str] = frozenset(),
           widths: dict | None = None) -> tuple[dict[str, Figure], dict, list[str]]:
    """Every figure's problems and, per width and palette, its smallest rendered text.
    ``scaled_on_phones``: figures (URL paths) without a phone layout, whose text on a phone
    is the desktop copy's scaled (reported in the smallest sizes, not as problems).
    ``widths``: what ``rendered_widths`` returns, for some widths (the browser tests read it
    from their views' loads of each page); then only the figures those widths show are
    measured."""
    pages, svgs = figure_pages(site)
    if widths is None:
        widths = rendered_widths(browser, base_url, pages)
    else:
        shown = {src for uses in widths.values() for src in uses}
        svgs = [svg for svg in svgs if svg in shown]
    figures = measure_figures(browser, base_url, svgs)
    problems = []
    for name, fig in figures.items():
        problems += [f"{name}: {p}" for p in fig.problems]
    smallest = {}
    for (width, scheme), shown in widths.items():
        worst = (float("inf"), "")
        for src, uses in shown.items():
            fig = figures.get(src)
            if fig is None or not fig.texts:
                continue
            for page_path, rendered in uses:
                px = fig.min_text_px * rendered / fig.width
                worst = min(worst, (px, f"{src} on /{page_path}"))
                if px < MIN_PX[width] - 0.05 and not (width < 600 and src in scaled_on_phones):
                    label = min(fig.texts, key=lambda t: t["px"])["label"]
                    problems.append(f"{src} on /{page_path} at {width} px ({scheme}): text "
                                    f"{label!r} renders at {px:.1f} px (< {MIN_PX[width]:g})")
        smallest[(width, scheme)] = worst
    return figures, smallest, problems


if __name__ == "__main__":  # python tests/browser/figure_check.py SITE_DIR
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    site = Path(sys.argv[1])
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        figures, smallest, problems = report(browser, f"http://127.0.0.1:{server.server_port}/", site)
        browser.close()
    server.shutdown()
    for key, (px, where) in sorted(smallest.items()):
        print(f"smallest text at {key[0]} px ({key[1]}): {px:.1f} px, {where}")
    print(f"{len(figures)} figures, {len(problems)} problems")
    print("\n".join(problems))
