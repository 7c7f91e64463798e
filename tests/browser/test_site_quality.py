"""The built site in a real browser: every page loads cleanly, stays on this host, passes
axe-core in light and dark mode, fits a phone screen, and search finds the right pages.

Pages are discovered from the built site (``site_pages``), so new pages are checked
without editing this file. Each test loops over all pages and fails once, listing every
offending page, so one run shows the whole picture.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from .conftest import PRINT_PAGE, probe

pytestmark = pytest.mark.browser

SCHEMES = ("light", "dark")

# axe-core findings caused by Material for MkDocs' own markup, which this site cannot change
# without overriding theme templates/JavaScript. Each entry: (rule id, CSS-selector regex of
# the flagged element, why it is harmless). Matched per node, so the same rule on any other
# element still fails.
AXE_THEME_EXCEPTIONS = [
    ("landmark-unique", r"\.md-code__nav$",
     "Material's JS wraps each code block's copy button in an unlabelled <nav>; "
     "several per page are indistinguishable landmarks, but each holds one labelled button."),
]


def _fmt_nodes(violation: dict, limit: int = 4) -> str:
    nodes = violation["nodes"]
    shown = "; ".join(" ".join(map(str, n["target"])) for n in nodes[:limit])
    more = f" (+{len(nodes) - limit} more)" if len(nodes) > limit else ""
    return f"{shown}{more}"


def _real_violations(violations: list[dict]) -> list[dict]:
    """axe violations minus the nodes covered by AXE_THEME_EXCEPTIONS."""
    kept = []
    for violation in violations:
        patterns = [re.compile(sel) for rule, sel, _ in AXE_THEME_EXCEPTIONS
                    if rule == violation["id"]]
        nodes = [n for n in violation["nodes"]
                 if not any(p.search(" ".join(map(str, n["target"]))) for p in patterns)]
        if nodes:
            kept.append({**violation, "nodes": nodes})
    return kept


@pytest.mark.parametrize("scheme", SCHEMES)
def test_pages_load_without_errors(audit, site_pages, scheme):
    """No console errors, uncaught exceptions, failed or 4xx/5xx requests on any page."""
    problems = []
    for path in site_pages:
        result = audit(path, scheme)
        if result.status != 200:
            problems.append(f"/{path}: HTTP {result.status}")
        problems += [f"/{path}: {message}" for message in result.console_errors]
        problems += [f"/{path}: failed request {url}" for url in result.failed_requests]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_request_leaves_the_site(audit, site_pages, scheme):
    """Zero requests to any other host (fonts, CDNs, analytics, images): listed by URL."""
    offending = []
    for path in site_pages:
        offending += [f"/{path}: {url}" for url in audit(path, scheme).off_host]
    assert not offending, "requests to other hosts:\n" + "\n".join(offending)


SEARCH_INDEX = "/search/search_index.json"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_reading_a_page_does_not_download_the_search_index(audit, site_pages, scheme):
    """The whole site's text (~200 KB compressed) is fetched when the reader first uses
    search (docs/assets/search-on-demand.js), not with every page: Material asks for it as
    its script starts, so a page that fetched it would list it among its requests here.
    test_search_finds_the_right_page shows that using search fetches it."""
    fetching = [f"/{path}" for path in site_pages
                if any(urlsplit(url).path.endswith(SEARCH_INDEX) for url in audit(path, scheme).requests)]
    assert not fetching, "pages that download the search index as they load:\n" + "\n".join(fetching)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_images_render(audit, site_pages, scheme, quality_summary):
    """Every visible <img> decoded to a real picture (naturalWidth > 0)."""
    broken = []
    for path in site_pages:
        broken += [f"/{path}: {img['src']}" for img in audit(path, scheme).images
                   if not img["width"]]
    quality_summary["broken images"] += len(broken)
    assert not broken, "images that did not render:\n" + "\n".join(broken)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_accessibility_axe(audit, site_pages, scheme, quality_summary):
    """axe-core (WCAG 2.x A/AA and best practices): zero violations in light and dark mode."""
    expected_palette = {"light": "default", "dark": "slate"}[scheme]
    problems = []
    for path in site_pages:
        result = audit(path, scheme)
        if result.palette is not None and result.palette != expected_palette:
            problems.append(f"/{path}: palette {result.palette!r}, expected {expected_palette!r}")
        for violation in _real_violations(result.violations):
            quality_summary["axe violations"] += len(violation["nodes"])
            problems.append(f"/{path}: {violation['id']} ({violation['impact']}): "
                            f"{violation['help']} — {_fmt_nodes(violation)}")
    assert not problems, f"axe-core violations ({scheme} mode):\n" + "\n".join(problems)


# Touch targets on a phone (WCAG 2.2 2.5.8, axe `target-size`, which Lighthouse's mobile
# accessibility score runs): the desktop audit runs it at 1280 px, where a phone's card
# layouts (the home page's verdict cards, tables as cards, the ledger's rows) are not drawn.
PHONE_AXE_RULES = ["target-size"]


@probe("phone-light", "axe on a phone")
def _phone_axe(page_, _path: str) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "rule", "values": PHONE_AXE_RULES}, "resultTypes": ["violations"]}
    return Axe().run(page_, options=options).response["violations"]


def test_touch_targets_are_large_enough_on_a_phone(phone, site_pages, quality_summary):
    """axe's target-size on every page at 390 px (the ``phone`` load): every link and
    button is 24 × 24 CSS px, or has that much room around it. (Not on the print page:
    every page in one document, each checked on its own.)"""
    problems = []
    for path in [p for p in site_pages if p != PRINT_PAGE]:
        for violation in _real_violations(phone(path).probes["axe on a phone"]):
            quality_summary["axe violations on a phone"] += len(violation["nodes"])
            problems.append(f"/{path}: {violation['id']}: {violation['help']} — {_fmt_nodes(violation)}")
    assert not problems, "touch targets too small on a phone:\n" + "\n".join(problems)


def test_mobile_viewport_has_no_horizontal_scroll(phone, site_pages, quality_summary):
    """On a 390-px phone (the ``phone`` load) no page scrolls sideways as a whole."""
    problems = []
    for path in site_pages:
        info = phone(path).overflow
        if max(info["scrollWidth"], info["bodyScrollWidth"]) > info["clientWidth"]:
            quality_summary["mobile overflows"] += 1
            problems.append(f"/{path}: document {info['scrollWidth']}px wide in a "
                            f"{info['clientWidth']}px viewport; sticking out:\n    "
                            + ("\n    ".join(info["culprits"]) or "?"))
    assert not problems, "horizontal scrolling on a phone:\n" + "\n".join(problems)


# Query → pages (slugs) of which at least one must be among the top results.
SEARCHES = {
    "dendrite": {"biological-neuron", "dendrites"},
    "Hodgkin": {"hodgkin-huxley"},
    "sigmoid": {"artificial-neuron", "activation-functions"},
    "backpropagation": {"gradient-descent"},
    "XOR": {"xor"},
}
TOP = 5  # the results a reader sees without scrolling the search panel


def test_search_finds_the_right_page(page, base_url, site_pages, quality_summary):
    """Typing into Material's search box lists the page a reader is looking for; the index
    is fetched once the box has the focus, not before."""
    slugs = {p.strip("/") for p in site_pages}
    index_requests = []
    page.on("request", lambda r: index_requests.append(r.url)
            if urlsplit(r.url).path.endswith(SEARCH_INDEX) else None)
    page.goto(base_url, wait_until="load")
    page.wait_for_timeout(300)
    assert index_requests == [], "the search index was fetched before search was used"
    box = page.locator("input.md-search__input")
    problems = []
    for query, wanted in SEARCHES.items():
        wanted = wanted & slugs
        if not wanted:  # the page does not exist (yet): nothing to look for
            continue
        box.click()
        box.fill("")
        box.press_sequentially(query, delay=20)
        first = page.locator(".md-search-result__item a.md-search-result__link").first
        first.wait_for(state="attached", timeout=10_000)
        page.wait_for_function(
            "q => document.querySelector('.md-search-result__meta')?.textContent.length > 0"
            " && document.querySelector('input.md-search__input').value === q", arg=query)
        # One list item per page; its first link is the page, the others its sections.
        hrefs = page.eval_on_selector_all(
            ".md-search-result__list > .md-search-result__item",
            "items => items.map(li => li.querySelector('a.md-search-result__link').href)")
        found = [urlsplit(h).path.strip("/") or "home" for h in hrefs][:TOP]
        quality_summary["search queries"] += 1
        if not wanted & set(found):
            problems.append(f"{query!r}: top {TOP} results {found}, expected one of {sorted(wanted)}")
        page.keyboard.press("Escape")
    assert not problems, "search:\n" + "\n".join(problems)
    assert len(index_requests) == 1, index_requests


def test_math_is_set_in_the_self_hosted_math_font(page, base_url):
    """MathML uses STIX Two Math from this site (an OpenType MATH font: limits, primes and
    stretchy brackets placed by the font's own metrics), not whatever the system has."""
    fonts = []
    page.on("response", lambda r: fonts.append((r.url, r.status)) if r.url.endswith(".woff2") else None)
    page.goto(f"{base_url}/gradient-descent/")
    page.wait_for_function("document.fonts.status === 'loaded'")
    family = page.eval_on_selector(".math-display math", "m => getComputedStyle(m).fontFamily")
    assert family.startswith('"STIX Two Math"'), family
    loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert '"STIX Two Math"' in loaded or "STIX Two Math" in loaded, loaded
    assert fonts == [(f"{base_url}/assets/fonts/STIXTwoMath-Regular.woff2", 200)], fonts
    # The sum's limits sit above and below it (munderover), not beside it.
    sigma, upper = (page.eval_on_selector(sel, "e => { const r = e.getBoundingClientRect();"
                                                " return [r.left, r.right, r.top, r.bottom]; }")
                    for sel in (".math-display munderover > mo", ".math-display munderover > :nth-child(3)"))
    assert upper[3] <= sigma[2] + 2 and sigma[0] - 2 <= upper[0] <= sigma[1]
