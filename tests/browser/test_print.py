"""The whole site on one print page (mkdocs-print-site), printed to PDF by Chromium."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def print_page(browser, base_url):
    """The print page, opened in a dark-scheme browser (the harder case for printing)."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    remote = []
    page.on("request", lambda r: remote.append(r.url) if not r.url.startswith((base_url, "data:")) else None)
    page.goto(base_url + "print_page/")
    page.wait_for_load_state("networkidle")
    # Paper shows the light copies; the dark ones are lazy (scripts/print_page.py).
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
    for name in ("hodgkin-huxley", "glossary", "notebooks/spiking-vs-rate"):
        assert re.search(rf'id="{re.escape(name.replace("/", "-"))}', html) or name in html
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
    # notebook figures are SVG files too (scripts/notebook_figures.py), shown the same way
    notebook_images = page.eval_on_selector_all(
        "figure.notebook-figure img",
        "els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => e.naturalWidth)")
    assert len(notebook_images) >= 6 and all(w > 0 for w in notebook_images)
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
    assert 40 <= pages <= 600, pages



# --- on screen, sections are laid out when near (docs/assets/print-page-layout.js) ------

SECTIONS = "section.print-page[id]"
TOP = "id => Math.round(document.getElementById(id).getBoundingClientRect().top)"
NOT_LAID_OUT = f"[...document.querySelectorAll('{SECTIONS}')].filter(s => !s.classList.contains('print-page--laid-out')).length"


def _ready(page) -> None:
    from .conftest import FRAMES

    page.evaluate(FRAMES)


def test_anchors_land_where_links_point(browser, base_url):
    """With the far sections' heights only estimated, a jump must still put its target just
    below the header (72 px, Material's scroll margin), as on a page laid out in full: from
    a link, back, and from the address. Targets: a page inside a group's section halfway
    down, a heading deep in another page, the last page (on the phone: the first two)."""
    for viewport, count in (({"width": 1280, "height": 900}, 3), ({"width": 390, "height": 844}, 2)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(base_url + "print_page/", wait_until="load")
        _ready(page)
        assert page.evaluate("document.documentElement.classList.contains('print-page-lazy')")
        ids = page.evaluate(f"""() => {{
            const all = [...document.querySelectorAll('{SECTIONS}')];
            const inGroups = all.filter(s => s.parentElement.closest('{SECTIONS}'));
            const nested = inGroups[Math.floor(inGroups.length / 2)];
            const middle = all[Math.floor(all.length / 2)];
            const heading = [...middle.querySelectorAll('h2[id]')].pop();
            return [nested.id, heading.id, all[all.length - 1].id];
        }}""")[:count]
        for target in ids:
            page.evaluate("id => { const a = document.createElement('a'); a.href = '#' + id; a.textContent = id;"
                          " document.querySelector('article').prepend(a); a.click(); a.remove(); }", target)
            _ready(page)
            assert 60 <= page.evaluate(TOP, target) <= 80, (viewport, "link", target)
        page.go_back()
        _ready(page)
        assert 60 <= page.evaluate(TOP, ids[-2]) <= 80, (viewport, "back", ids[-2])
        for target in ids[::2]:
            page.goto(f"{base_url}print_page/#{target}", wait_until="load")
            _ready(page)
            assert 60 <= page.evaluate(TOP, target) <= 80, (viewport, "address", target)
        context.close()


def test_far_sections_are_laid_out_soon_on_screen_and_at_once_on_paper(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(f"""document.addEventListener("DOMContentLoaded", () => {{
        window.__atReady = [...document.querySelectorAll('{SECTIONS}')].map(s => getComputedStyle(s).contentVisibility);
    }});""")
    page = context.new_page()
    page.goto(base_url + "print_page/", wait_until="load")
    at_ready = page.evaluate("window.__atReady")
    assert len(at_ready) >= 30 and set(at_ready) == {"auto"}  # when ready: each laid out when near
    page.wait_for_function(f"{NOT_LAID_OUT} === 0", timeout=15_000)  # then all of them, after load
    sections = len(at_ready)
    context.close()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(base_url + "print_page/", wait_until="domcontentloaded")
    on_paper = page.evaluate(f"[...document.querySelectorAll('{SECTIONS}')].map(s => getComputedStyle(s).contentVisibility)")
    assert len(on_paper) == sections and set(on_paper) == {"visible"}
    context.close()
