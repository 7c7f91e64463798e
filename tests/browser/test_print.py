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

