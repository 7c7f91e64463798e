"""The whole site on one print page (mkdocs-print-site), printed to PDF by Chromium."""

from __future__ import annotations

import re

import pytest

from .conftest import FRAMES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def print_page(browser, base_url):
    """The print page, opened in a dark-scheme browser (the harder case for printing)."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    remote = []
    page.on("request", lambda r: remote.append(r.url) if not r.url.startswith((base_url, "data:")) else None)
    page.goto(base_url + "print_page/")
    # Paper shows the light copies; the dark ones are lazy (nn_site/print/page.py).
    page.wait_for_function("[...document.images].filter(i => !i.src.endsWith('#only-dark'))"
                           ".every(i => i.complete)")
    yield page, remote
    context.close()


def test_print_page_makes_no_request_to_another_host(print_page):
    _, remote = print_page
    assert remote == []


def test_every_page_and_figure_is_on_it(print_page, site):
    page, _ = print_page
    html = (site / "print_page" / "index.html").read_text(encoding="utf-8")
    sections = page.locator("section.print-page").count()
    assert sections >= 20
    # Each page is a section of its own, with its id (a link from another page lands on it);
    # a page that merely mentions the name does not count.
    for name in ("hodgkin-huxley", "glossary", "notebooks/spiking-vs-rate"):
        section = name.replace("/", "-")
        assert re.search(rf'<section class="print-page" id="{re.escape(section)}"', html), name
        assert page.locator(f'section.print-page[id="{section}"]').count() == 1, name
    figures = page.locator("figure.snippet-figure").count()
    assert figures >= 10
    page.emulate_media(media="print", color_scheme="dark")
    # in print, exactly one variant per figure is shown, the light one, and it has loaded
    shown = page.eval_on_selector_all(
        "figure.snippet-figure img",
        "els => els.filter(e => getComputedStyle(e).display !== 'none')"
        "          .map(e => [e.getAttribute('src'), e.naturalWidth])")
    assert len(shown) == figures
    assert all(src.endswith("#only-light") and width > 0 for src, width in shown)
    # notebook figures are SVG files too (nn_site/notebooks/figures.py), shown the same way
    notebook_images = page.eval_on_selector_all(
        "figure.notebook-figure img",
        "els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => e.naturalWidth)")
    assert len(notebook_images) >= 6 and all(w > 0 for w in notebook_images)
    # paper lays out every section, whether or not the screen has yet (courses.css)
    on_paper = page.eval_on_selector_all("section.print-page[id]", "els => els.map(e => getComputedStyle(e).contentVisibility)")
    assert len(on_paper) >= 30 and set(on_paper) == {"visible"}
    for hidden in (".md-sidebar--primary", ".md-header", ".cite-page", "#print-site-banner"):
        assert page.eval_on_selector(hidden, "e => getComputedStyle(e).display") == "none", hidden
    # a dark screen scheme prints dark text on white
    colour = page.eval_on_selector("article p", "e => getComputedStyle(e).color")
    assert colour.startswith("rgba(0, 0, 0") or colour.startswith("rgb(0, 0, 0")


def test_prints_to_a_pdf_of_reasonable_length(print_page, tmp_path):
    page, _ = print_page
    page.emulate_media(media="print", color_scheme="light")
    pdf = page.pdf(format="A4", print_background=False, margin={"top": "15mm", "bottom": "15mm",
                                                                "left": "15mm", "right": "15mm"})
    (tmp_path / "site.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    # At most 600 A4 pages for the 36 printed pages this bound was set for (16.7 a page),
    # and the same density as pages are added: a site page that suddenly printed as dozens of
    # near-empty sheets would still fail. (The reading issue aims much lower: 5 a page.)
    sections = page.locator("section.print-page").count()
    assert 40 <= pages <= 600 * max(sections, 36) / 36, (pages, sections)


# --- on screen, sections are laid out when near (docs/assets/print-page-layout.js) ------

SECTIONS = "section.print-page[id]"
TOP = "id => Math.round(document.getElementById(id).getBoundingClientRect().top)"
NOT_LAID_OUT = f"[...document.querySelectorAll('{SECTIONS}')].filter(s => !s.classList.contains('print-page--laid-out')).length"


def _tops(page, target: str) -> list[int]:
    """The target's distance from the top of the window once the jump is made, and again
    when every section has its real height."""
    first = page.evaluate(TOP, target)
    page.wait_for_function(f"{NOT_LAID_OUT} === 0", timeout=15_000)
    _ready(page)
    return [first, page.evaluate(TOP, target)]


def _at_margin(tops: list[int]) -> bool:
    return all(60 <= top <= 80 for top in tops)  # Material's scroll margin: 72 px


def _in_first_screen(tops: list[int]) -> bool:
    # A reload or a step back restores the scroll offset of the last visit, and this page's
    # own layout differs a little from one load to the next (up to 188 px above its last
    # section, also before the sections were laid out lazily), so the target is only
    # checked to be near the top; an estimate left in place would put it 2,500 px off.
    return all(0 <= top <= 400 for top in tops)


def _ready(page) -> None:
    page.evaluate(FRAMES)


def _targets(site) -> list[str]:
    """A page inside a group's section halfway down, a heading deep in another page, the
    last page: ids read from the built print page."""
    from bs4 import BeautifulSoup

    html = BeautifulSoup((site / "print_page" / "index.html").read_text(encoding="utf-8"), "html.parser")
    sections = html.select(SECTIONS)
    in_groups = [s for s in sections if s.find_parent("section", class_="print-page", id=True)]
    middle = sections[len(sections) // 2]
    return [in_groups[len(in_groups) // 2]["id"], middle.select("h2[id]")[-1]["id"], sections[-1]["id"]]


def test_anchors_land_where_links_point(browser, base_url, site):
    """When the page is ready, its sections are still to be laid out (when near, or one per
    task after load). With the far sections' heights only estimated, a jump must still put
    its target just below the header, as on a page laid out in full: opened at an address
    with a #fragment, from links, and, for a reader who scrolled to a heading, after a
    reload (a step back from another page takes the same path in print-page-layout.js)."""
    targets = _targets(site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(f"""document.addEventListener("DOMContentLoaded", () => {{
        const target = document.getElementById(location.hash.slice(1));
        window.__atReady = [...document.querySelectorAll('{SECTIONS}')].map(s => [
            getComputedStyle(s).contentVisibility,
            s.contains(target) || !!(s.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING)]);
    }});""")
    page = context.new_page()
    page.goto(f"{base_url}print_page/#{targets[0]}", wait_until="load")
    _ready(page)
    # When ready: the sections above the target laid out, every other one left for later.
    at_ready = page.evaluate("window.__atReady")
    assert len(at_ready) >= 30 and [cv for cv, above in at_ready] == \
        ["visible" if above else "auto" for cv, above in at_ready], at_ready
    assert sum(not above for cv, above in at_ready) >= 10
    assert _at_margin(tops := _tops(page, targets[0])), ("address", targets[0], tops)
    for target in targets[1:]:
        page.evaluate("id => { const a = document.createElement('a'); a.href = '#' + id; a.textContent = id;"
                      " document.querySelector('article').prepend(a); a.click(); a.remove(); }", target)
        _ready(page)
        assert _at_margin(tops := _tops(page, target)), ("link", target, tops)
    # A reader who scrolled to a heading (the address without a #fragment) reloads: the
    # browser restores the offset, so the heights above it must be real ones.
    page.evaluate("id => { history.replaceState(null, '', location.pathname);"
                  " document.getElementById(id).scrollIntoView(); }", targets[1])
    _ready(page)
    page.reload(wait_until="load")
    _ready(page)
    assert _in_first_screen(tops := _tops(page, targets[1])), ("reload", targets[1], tops)
    context.close()
