"""Real-browser fixtures: the built site served on 127.0.0.1, Debian's Chromium via Playwright.

Fixtures (session-scoped unless noted):

- ``base_url``   the built site (``site`` fixture) on a free port of 127.0.0.1;
- ``browser``    one headless Chromium for the whole run;
- ``page``       (per test) a fresh page in a light-scheme context;
- ``site_pages`` every page of the built site, discovered from its HTML files;
- ``audit``      ``audit(path, scheme)`` loads a page once per colour scheme and returns
                 what happened (console errors, requests, images, axe-core results);
                 the result is cached, so several tests read one page load;
- ``phone``      ``phone(path)`` the same for a 390-px phone (light);
- ``desktop``    ``desktop(path)`` a page at 1280 px (light), loaded for the probes only;
- ``probe``      (a decorator, not a fixture) registers what another module reads from
                 those loads: each page is opened once per view (desktop light, desktop
                 dark, phone), however many modules check it.

At the end of the run, a summary of the site checks (pages, requests, violations,
links, validator messages) is printed; tests add to it with ``quality_summary``.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import quality_summary as quality_summary_counts

CHROMIUM = "/usr/bin/chromium"
# Flags Chromium needs here: no sandbox as root, and no background calls to Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}

# Counts printed at the end of the run (tests/quality_summary.py); tests add to it
# through ``quality_summary``.
_SUMMARY = quality_summary_counts.COUNTS


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by http.server
        pass


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site, served by a static file server on a free port of 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser page (light colour scheme); closed after the test."""
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    yield page
    context.close()


def discover_pages(site: Path) -> list[str]:
    """URL paths (relative to the site root) of every page: each ``*.html`` except 404 and assets.

    ``foo/index.html`` is served as ``foo/`` (the URL readers see); other files keep their name.
    """
    paths = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site)
        if relative.parts[0] == "assets" or relative.name == "404.html":
            continue
        url = relative.as_posix()
        paths.append(url.removesuffix("index.html") if relative.name == "index.html" else url)
    return paths


@pytest.fixture(scope="session")
def site_pages(site: Path) -> list[str]:
    pages = discover_pages(site)
    assert "" in pages, "the built site has no home page (index.html)"
    _SUMMARY["pages"] = len(pages)
    return pages


@pytest.fixture(scope="session")
def quality_summary() -> Counter:
    """The counters printed at the end of the run (add to them; never reset)."""
    return _SUMMARY


def is_local(url: str, base_url: str) -> bool:
    """True for the served site and for URLs that fetch nothing from a host (data:, blob:, about:)."""
    scheme = urlsplit(url).scheme
    if scheme in ("data", "blob", "about", "chrome-error"):
        return True
    return urlsplit(url).netloc == urlsplit(base_url).netloc


def stay_on_site(context, base_url: str) -> None:
    """Abort every request of ``context`` to another host before it leaves the machine
    (the browser still reports it, so the tests can list it)."""
    context.route("**/*", lambda route: route.continue_() if is_local(route.request.url, base_url)
                  else route.abort("blockedbyclient"))


def evaluate_on(browser, url: str, script: str, width: int, height: int = 900):
    """Open ``url`` in a fresh context ``width`` px wide, evaluate ``script`` there, close."""
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(url)
        return page.evaluate(script)
    finally:
        context.close()


# --- probes: what other modules read from the audit's and the phone's loads ------------

# A page load costs Chromium about half a CPU-second, more than most checks that read it;
# when each module opened every page itself, the suite loaded each page about 18 times
# (issue 30). Now a module registers a probe for a view, and the view's one load of each
# page runs every registered probe after its own checks: ``audit(path, scheme).probes``,
# ``phone(path).probes``. A test that reads a view's probes belongs to that view's
# SHARED_LOADS group (tests/conftest.py), so that one worker loads each page once.
VIEWS = ("desktop-light", "desktop-dark", "phone-light")


@dataclass(frozen=True)
class Probe:
    """``read(page, path)`` -> anything JSON-like, run on the view's loaded page. It must
    leave the page as it found it (a later probe reads the same page); ``print_page``:
    whether it reads the print page too (every page in one document: most probes skip it)."""
    name: str
    read: Callable
    print_page: bool = False


PROBES: dict[str, list[Probe]] = {view: [] for view in VIEWS}


def probe(view: str, name: str, *, print_page: bool = False) -> Callable:
    """Decorator: run ``read(page, path)`` on every load of ``view``; the result is the
    view's ``.probes[name]`` (registered at import, when pytest collects the module)."""
    if view not in PROBES:
        raise ValueError(f"unknown view {view!r}: one of {VIEWS}")

    def register(read: Callable) -> Callable:
        if any(p.name == name for p in PROBES[view]):
            raise ValueError(f"a probe named {name!r} is already registered for {view}")
        PROBES[view].append(Probe(name, read, print_page))
        return read

    return register


def js_probe(view: str, name: str, script: str, **options) -> None:
    """A probe that evaluates ``script`` (a JavaScript function) in the page."""
    probe(view, name, **options)(lambda page, _path: page.evaluate(script))


def run_probes(view: str, page, path: str) -> dict:
    return {p.name: p.read(page, path) for p in PROBES[view] if p.print_page or path != PRINT_PAGE}


# JavaScript run in the loaded page: every <img> that is rendered (not display:none — each
# figure has a light and a dark copy, one of them hidden), after forcing it to load if it
# is lazy. The hidden copy is left alone: the other palette's load shows and checks it.
IMAGES_JS = """
async () => {
  const imgs = [...document.images].filter(img => img.getClientRects().length > 0);
  for (const img of imgs) { img.loading = "eager"; }
  await Promise.all(imgs.map(img => img.decode().catch(() => null)));
  return imgs.map(img => ({src: img.currentSrc || img.src, width: img.naturalWidth,
                           complete: img.complete}));
}
"""


# The palettes differ only in colour (same HTML, other CSS variables): light mode runs every
# axe rule, dark mode the rules whose outcome depends on colour.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# The print page (mkdocs-print-site) concatenates every page, each audited on its own;
# there, axe checks the print page's own parts (cover, table of contents, banner) only.
# The printed pages' sections are emptied first (after the images and the layout shift
# are read): excluded through axe's context instead, they still cost ~20 s a palette,
# since axe builds its tree of the whole document before excluding.
PRINT_PAGE = "print_page/"
DROP_PRINTED_PAGES = "document.querySelectorAll('section.print-page[id]').forEach(s => s.replaceChildren())"


# The rules that Lighthouse's accessibility score runs (Lighthouse 12.2.3,
# core/gather/gatherers/accessibility.js) but that axe leaves off unless asked: without
# them this gate passed pages Lighthouse scored 96 (issue 34: `target-size`, WCAG 2.2
# 2.5.8, tagged wcag22aa, on the desktop sidebar's links).
LIGHTHOUSE_RULES = ["target-size", "td-has-header", "table-fake-caption", "label-content-name-mismatch",
                    "identical-links-same-purpose"]


def axe_options(scheme: str) -> dict:
    options = {"resultTypes": ["violations"]}
    if scheme != "light":
        options["runOnly"] = {"type": "rule", "values": COLOUR_RULES}
    else:
        options["rules"] = {rule: {"enabled": True} for rule in LIGHTHOUSE_RULES}
    return options


@dataclass
class PageAudit:
    """What happened while a page loaded in one colour scheme."""
    url: str
    scheme: str
    status: int | None = None
    requests: list[str] = field(default_factory=list)
    off_host: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)
    palette: str | None = None
    violations: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    cls: float | None = None  # layout shift while it loaded (light scheme: test_layout.py)
    shifts: list[str] = field(default_factory=list)
    probes: dict = field(default_factory=dict)  # what registered probes read (``probe``)


@pytest.fixture(scope="session")
def audit(browser, base_url: str, site_pages: list[str]):
    """``audit(path, scheme)`` → PageAudit, each (page, scheme) loaded once per run.

    Every request of the browser context is recorded (pages, their dedicated workers such as
    Material's search worker, and service workers), and any request to another host is
    aborted before it leaves the machine, so an offending URL is listed, never fetched.
    """
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    cache: dict[tuple[str, str], PageAudit] = {}
    contexts = {}
    current: dict[str, PageAudit] = {}

    def context_for(scheme: str):
        if scheme not in contexts:
            context = browser.new_context(color_scheme=scheme, viewport=DESKTOP,
                                          service_workers="allow")

            stay_on_site(context, base_url)
            if scheme == "light":  # the desktop layout-shift check reads the same load
                context.add_init_script(CLS_INIT)
            # Each request belongs to the page whose load started it. A request still in
            # flight when the next page is opened (Material fetches its search worker after
            # `load`) is cancelled by that navigation, net::ERR_ABORTED: not a fault of
            # either page, so it is not counted. Any other failure, and an abort during the
            # page's own load, is.
            owner: dict = {}  # request -> the PageAudit of the page that started it

            def on_request(r, scheme=scheme):
                owner[r] = current[scheme]
                current[scheme].requests.append(r.url)

            def on_failed(r, scheme=scheme):
                started_by = owner.get(r, current[scheme])
                if "ERR_ABORTED" in (r.failure or "") and started_by is not current[scheme]:
                    return
                current[scheme].failed_requests.append(f"{r.url} ({r.failure})")

            context.on("request", on_request)
            context.on("requestfailed", on_failed)
            page_ = context.new_page()
            page_.on("console", lambda m: current[scheme].console_errors.append(
                f"console.{m.type}: {m.text} at {m.location.get('url', '')}")
                if m.type == "error" else None)
            page_.on("pageerror", lambda e: current[scheme].console_errors.append(
                f"uncaught: {e}"))
            page_.on("response", lambda r: current[scheme].failed_requests.append(
                f"{r.url} (HTTP {r.status})") if r.status >= 400 else None)
            contexts[scheme] = (context, page_)
        return contexts[scheme][1]

    def run(path: str, scheme: str) -> PageAudit:
        key = (path, scheme)
        if key in cache:
            return cache[key]
        page_ = context_for(scheme)
        result = PageAudit(url=base_url + path, scheme=scheme)
        current[scheme] = result
        start = time.perf_counter()
        response = page_.goto(result.url, wait_until="load")
        result.status = response.status if response else None
        if scheme == "light":
            result.cls, result.shifts = settle_and_read_cls(page_)
        result.palette = page_.evaluate("document.body.dataset.mdColorScheme || null")
        result.images = page_.evaluate(IMAGES_JS)
        if path == PRINT_PAGE:
            page_.evaluate(DROP_PRINTED_PAGES)
        result.violations = axe.run(page_, options=axe_options(scheme)).response["violations"]
        if scheme != "light":  # the light desktop's probes read their own load: ``desktop``
            result.probes = run_probes(f"desktop-{scheme}", page_, path)
        # A request that starts after this point (none should) is recorded with the next page.
        result.off_host = [u for u in result.requests if not is_local(u, base_url)]
        result.seconds = time.perf_counter() - start
        cache[key] = result
        _SUMMARY["page loads"] += 1
        _SUMMARY["requests"] += len(result.requests)
        _SUMMARY["off-host requests"] += len(result.off_host)
        _SUMMARY["console errors"] += len(result.console_errors)
        _SUMMARY["failed requests"] += len(result.failed_requests)
        _SUMMARY["images checked"] += len(result.images)
        _SUMMARY["axe runs"] += 1
        return result

    yield run
    for context, _ in contexts.values():
        context.close()


# --- what a page load measures besides the audit ------------------------------------

# Installed before any page script: sums layout-shift entries (without recent input)
# from the first paint on, as Chromium reports them.
CLS_INIT = """
window.__cls = 0; window.__shifts = [];
window.__addShifts = entries => {
  for (const e of entries) {
    if (e.hadRecentInput) continue;
    window.__cls += e.value;
    const nodes = (e.sources || []).map(s => s.node && s.node.nodeType === 1
      ? s.node.tagName.toLowerCase() + (s.node.id ? "#" + s.node.id : "") +
        (s.node.className && typeof s.node.className === "string" ? "." + s.node.className.split(" ")[0] : "")
      : "?");
    window.__shifts.push(e.value.toFixed(3) + " " + nodes.join(","));
  }
};
window.__shiftObserver = new PerformanceObserver(list => window.__addShifts(list.getEntries()));
window.__shiftObserver.observe({type: "layout-shift", buffered: true});
"""
# The shifts reported so far, including those queued for the observer but not yet handed
# to it (takeRecords): reading them does not depend on which task runs first.
READ_CLS = "() => { window.__addShifts(window.__shiftObserver.takeRecords()); return [window.__cls, window.__shifts]; }"

SETTLED = "document.readyState === 'complete' && document.fonts.status === 'loaded'"

TABLES_JS = """
async () => {
// The print page's later sections are text until needed (print-page-sections.js): all
// of them HTML first, as before printing.
if (window.NNPrintPage) window.NNPrintPage.expandAll();
await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
return [...document.querySelectorAll("article table")].map(t => {
  const rows = [...t.rows].map(r => r.getBoundingClientRect().height);
  let holder = t.parentElement;  // the nearest box that scrolls sideways, if any
  while (holder && holder !== document.body && !["auto", "scroll"].includes(getComputedStyle(holder).overflowX))
    holder = holder.parentElement;
  const scrolls = holder && holder !== document.body;
  const box = (scrolls ? holder : t.parentElement).getBoundingClientRect();
  // A table that scrolls (site.css, nn_site/pages/tables.py): its scroll box is named and
  // focusable. A cell that holds a sentence (data-long) makes the table cards on a phone.
  const style = scrolls ? getComputedStyle(holder) : null;
  return {head: (t.rows[0]?.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40),
          tallest: Math.max(0, ...rows), width: t.getBoundingClientRect().width,
          room: Math.min(box.width, document.documentElement.clientWidth), scrolls,
          hidden: scrolls ? holder.scrollWidth - holder.clientWidth : 0,
          focusable: scrolls && holder.tabIndex === 0, name: scrolls ? holder.getAttribute("aria-label") : null,
          sentences: !!t.querySelector("td[data-long]"),
          cards: getComputedStyle(t).display === "block"};
});
}
"""


# Elements that overflow the viewport, unless a scrolling ancestor contains them (wide
# tables, code and math scroll inside their own boxes; that is fine on a phone).
OVERFLOW_JS = """
() => {
  const doc = document.documentElement;
  const width = doc.clientWidth;
  const result = {scrollWidth: doc.scrollWidth, clientWidth: width,
                  bodyScrollWidth: document.body.scrollWidth, culprits: []};
  if (Math.max(result.scrollWidth, result.bodyScrollWidth) <= width) return result;
  // Why: the outermost elements that stick out on the right, unless a scrolling or
  // clipping ancestor contains them, or they are fixed to the viewport (no page scroll).
  const contained = el => {
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.position === "fixed") return true;
      if (a !== el && style.overflowX !== "visible") return true;
    }
    return false;
  };
  const sticksOut = el => el.getBoundingClientRect().right > width + 1 && !contained(el);
  for (const el of document.body.querySelectorAll("*")) {
    if (!sticksOut(el) || (el.parentElement && sticksOut(el.parentElement))) continue;
    const cls = typeof el.className === "string" && el.className.trim()
      ? "." + el.className.trim().split(/\\s+/).join(".") : "";
    const text = (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60);
    result.culprits.push(`<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${cls}> ` +
      `right edge ${Math.round(el.getBoundingClientRect().right)}px: "${text}"`);
  }
  result.culprits = result.culprits.slice(0, 6);
  return result;
}
"""

# Text on screen in the article, below 11 CSS px (figures' SVG text and MathML are checked
# elsewhere), with every disclosure open: the code in "Show the code" counts.
SMALL_TEXT_JS = """
() => {
  document.querySelectorAll("article details").forEach(d => { d.open = true; });
  const small = [], seen = new Set();
  const walk = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const el = walk.currentNode.parentElement;
    if (!walk.currentNode.textContent.trim() || seen.has(el)) continue;
    seen.add(el);
    if (el.closest("svg, math") || !el.getClientRects().length) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 11) small.push(`<${el.tagName.toLowerCase()}> ${size.toFixed(2)} px: ` +
                              `"${el.textContent.trim().slice(0, 40)}"`);
  }
  return small;
}
"""

@dataclass
class DesktopView:
    """What the probes registered for the light desktop read from one load of a page."""
    probes: dict = field(default_factory=dict)


@pytest.fixture(scope="session")
def desktop(browser, base_url: str):
    """``desktop(path)`` → DesktopView: each page loaded once per run at 1280 px (light),
    settled (fonts loaded, explorables drawn), and every "desktop-light" probe run on it.

    Apart from the light audit's load (``audit``), which runs axe (most of its time): the
    two are the longest chains of a test run, and as two SHARED_LOADS groups they run on
    two workers at once (tests/conftest.py; issue 30: ``make test`` time)."""
    context = browser.new_context(color_scheme="light", viewport=DESKTOP)
    stay_on_site(context, base_url)
    page_ = context.new_page()
    cache: dict[str, DesktopView] = {}

    def view(path: str) -> DesktopView:
        if path not in cache:
            page_.goto(base_url + path, wait_until="load")
            settle(page_)
            cache[path] = DesktopView(run_probes("desktop-light", page_, path))
        return cache[path]

    yield view
    context.close()


PHONE = {"width": 390, "height": 844}  # the site's phone: every page must read well at 390 px


@dataclass
class PhoneView:
    """A page as a 390-px phone shows it: the layout shift while it loaded, its tables,
    and whether the document as a whole scrolls sideways."""
    cls: float = 0.0
    shifts: list[str] = field(default_factory=list)
    tables: list[dict] = field(default_factory=list)
    overflow: dict = field(default_factory=dict)
    small_text: list[str] = field(default_factory=list)
    probes: dict = field(default_factory=dict)  # what registered probes read (``probe``)


# Two rendered frames, then a task: the explorables mount on DOMContentLoaded and redraw
# from a ResizeObserver (called in the next frame's rendering step); a layout shift of
# those frames has been recorded by then (READ_CLS takes it even if the observer's task
# has not run). (It replaces a fixed 300 ms wait: 76 page loads x 0.3 s.)
FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0))))"


def settle(page_) -> None:
    """After ``load``: fonts loaded, explorables mounted and drawn."""
    page_.wait_for_function(SETTLED)
    page_.evaluate(FRAMES)


def settle_and_read_cls(page_) -> tuple[float, list[str]]:
    """After ``load``: settled (``settle``); the CLS summed so far."""
    settle(page_)
    cls, shifts = page_.evaluate(READ_CLS)
    return cls, shifts


@pytest.fixture(scope="session")
def phone(browser, base_url: str, quality_summary):
    """``phone(path)`` → PhoneView: each page loaded once per run in a 390×844 phone
    (touch, device pixel ratio 2), and everything the phone checks read from that load."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  device_scale_factor=2, color_scheme="light")
    stay_on_site(context, base_url)
    context.add_init_script(CLS_INIT)
    page_ = context.new_page()
    cache: dict[str, PhoneView] = {}

    def view(path: str) -> PhoneView:
        if path not in cache:
            page_.goto(base_url + path, wait_until="load")
            cls, shifts = settle_and_read_cls(page_)
            tables, overflow = page_.evaluate(TABLES_JS), page_.evaluate(OVERFLOW_JS)
            probes = run_probes("phone-light", page_, path)
            # last: it opens the page's disclosures
            cache[path] = PhoneView(cls, shifts, tables, overflow, page_.evaluate(SMALL_TEXT_JS), probes)
            quality_summary["mobile pages"] += 1
        return cache[path]

    yield view
    context.close()


def pytest_collection_modifyitems(config, items):
    """Every test in tests/browser/ carries the ``browser`` marker (it needs the built site
    and, mostly, Chromium): ``-m "not browser"`` leaves the whole folder out."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def edge_brightness(box) -> tuple[float, float]:
    """Median brightness (0-255) of the leftmost and rightmost 3-px columns of an element
    (a Playwright locator or element handle), over its height: text is thin, so the median
    is the background, or a scroll cue's shadow drawn over it. Read from a screenshot, so
    a cue that CSS declares but the reader cannot see does not pass."""
    import io
    import statistics

    from PIL import Image

    shot = Image.open(io.BytesIO(box.screenshot())).convert("L")
    edge = max(1, round(3 * shot.width / box.evaluate("e => e.getBoundingClientRect().width")))

    def median(x0: int) -> float:
        return statistics.median(shot.getpixel((x, y)) for x in range(x0, x0 + edge) for y in range(shot.height))

    return median(0), median(shot.width - edge)
