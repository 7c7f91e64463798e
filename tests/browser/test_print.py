"""The whole site on one print page (mkdocs-print-site), printed to PDF by Chromium."""

from __future__ import annotations

import io
import re
import time

import pytest

from .conftest import FRAMES

pytestmark = pytest.mark.browser

# The reading issue's goal: at most 5 A4 sheets a site page. Measured: 4.98 (209 for 42;
# the first pass printed 264); the predictive-coding page took it to 212, tighter reference
# lists and glossary back to 209 (issue 29); 226 for 45 (5.02), then printed results at the
# code's size and 10/12-mm margins 218 (4.84). Lower the bound as pages print shorter.
MAX_SHEETS_PER_PAGE = 5


@pytest.fixture(scope="module")
def print_page(browser, base_url):
    """The print page, opened in a dark-scheme browser (the harder case for printing)."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    remote = []
    page.on("request", lambda r: remote.append(r.url) if not r.url.startswith((base_url, "data:")) else None)
    page.goto(base_url + "print_page/")
    # Every image is lazy (nn_site/print/page.py); paper shows the light copies, which
    # the page asks for before it prints, once every section is HTML
    # (docs/assets/print-page-sections.js).
    print_event(page, "beforeprint")
    page.wait_for_function(LIGHT_COPIES_LOADED, timeout=60_000)
    print_event(page, "afterprint")  # Material opens every <details> to print, and closes them after
    yield page, remote
    context.close()


def print_event(page, name: str) -> None:
    page.evaluate(f"window.dispatchEvent(new Event('{name}'))")


LIGHT_COPIES_LOADED = ("[...document.images].filter(i => !i.src.endsWith('#only-dark'))"
                       ".every(i => i.complete && i.naturalWidth > 0)")


DEFERRED = "document.querySelectorAll('noscript.print-page-deferred').length"
ELEMENTS = "document.getElementsByTagName('*').length"


def test_figures_wait_for_the_screen_but_not_for_paper(browser, base_url):
    """On screen the print page's figures load when scrolled near, and only the first
    page's are in the document at all (the others are in its sections' text); before it
    prints, every section becomes HTML and every light copy, the ones paper shows, loads
    (a figure still loading prints empty)."""
    page = browser.new_page()
    page.goto(base_url + "print_page/")
    at_load = page.evaluate("document.images.length")
    assert at_load < 10 and page.evaluate(DEFERRED) >= 40
    print_event(page, "beforeprint")
    assert page.evaluate(DEFERRED) == 0
    light = page.evaluate("[...document.images].filter(i => !i.src.endsWith('#only-dark')).length")
    assert light > 90  # every light copy of every page (98 today)
    page.wait_for_function(LIGHT_COPIES_LOADED, timeout=60_000)
    print_event(page, "afterprint")
    dark = page.evaluate("[...document.images].filter(i => i.src.endsWith('#only-dark') && !i.complete).length")
    assert dark > 50  # never printed: still not fetched
    page.close()


def test_later_pages_are_text_until_needed(browser, base_url, site):
    """Issue 34: the print page's later pages reach the browser as text, so it starts with
    few elements (46,700 when every page was HTML); they become HTML, one after another,
    as the reader scrolls down to them, an explorable's scripts running only then; without
    scripts the whole page is HTML, as before."""
    html = (site / "print_page" / "index.html").read_text(encoding="utf-8")
    sections = len(re.findall(r'<section class="print-page" id="', html))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + "print_page/", wait_until="load")
    _ready(page)
    assert page.evaluate(ELEMENTS) < 3000, page.evaluate(ELEMENTS)
    deferred = page.evaluate(DEFERRED)
    assert deferred >= 40
    # nothing explorable yet: its scripts are in its section's text
    assert page.evaluate("[typeof window.NNPlot, document.querySelectorAll('[data-explorable]').length]") == \
        ["undefined", 0]
    # scrolled to the end of what is HTML, the next pages become HTML, and the page grows
    height = page.evaluate("document.documentElement.scrollHeight")
    for _ in range(3):
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_function(f"{DEFERRED} < {deferred}", timeout=10_000)
        _ready(page)
        deferred = page.evaluate(DEFERRED)
    assert page.evaluate("document.documentElement.scrollHeight") > height + 5000
    # down to the playground: its section's scripts run and build it
    page.evaluate("() => { const a = document.createElement('a'); a.href = '#playground'; a.textContent = 'x';"
                  " document.querySelector('article').prepend(a); a.click(); a.remove(); }")
    page.wait_for_function("document.querySelector('[data-explorable=neuron]') &&"
                           " !document.querySelector('[data-explorable=neuron]').hidden &&"
                           " document.querySelector('[data-explorable=neuron] svg') !== null", timeout=15_000)
    assert page.evaluate("typeof window.NNPlot") == "object"
    # the banner's "Unfold all solutions" unfolds those of every page, HTML or not yet
    page.click("#print-site-banner button")
    assert page.evaluate(DEFERRED) == 0
    details = page.evaluate("[...document.querySelectorAll('details')].map(d => d.open)")
    assert len(details) > 300 and all(details)
    context.close()
    # without scripts: every page's section holds its page
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "print_page/", wait_until="domcontentloaded")
    pages = page.eval_on_selector_all(SITE_PAGES, "els => els.map(s => s.querySelectorAll('h1').length)")
    assert len(pages) == sections >= 40 and all(n >= 1 for n in pages), pages
    assert page.evaluate(ELEMENTS) > 40_000
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
    # paper gets every section as HTML (its text made HTML before printing)
    assert page.evaluate(DEFERRED) == 0
    on_paper = page.eval_on_selector_all("section.print-page[id]", "els => els.map(e => getComputedStyle(e).contentVisibility)")
    assert len(on_paper) >= 30 and set(on_paper) == {"visible"}
    for hidden in (".md-sidebar--primary", ".md-header", ".cite-page", "#print-site-banner"):
        assert page.eval_on_selector(hidden, "e => getComputedStyle(e).display") == "none", hidden
    # a dark screen scheme prints dark text on white
    colour = page.eval_on_selector("article p", "e => getComputedStyle(e).color")
    assert colour.startswith("rgba(0, 0, 0") or colour.startswith("rgb(0, 0, 0")


# --- paper: the book PDF (nn_site/print/book.py, the same print as `make pdf`) ----------

SITE_PAGES = "section.print-page[id]:not(.md-section)"
# An A4 sheet's printable height (docs/assets/print.css: 297 mm less 10 + 12 mm margins)
# in CSS pixels (96 per inch).
SHEET_HEIGHT_PX = (297 - 22) / 25.4 * 96


@pytest.fixture(scope="module")
def book(print_page):
    """The print page printed once for the module, as `make pdf` prints it: the PDF, its
    sheets (glyphs and figures drawn on each) and the number of site pages."""
    from nn_site.print import book as book_pdf

    page, _ = print_page
    started = time.perf_counter()
    pdf = book_pdf.print_pdf(page)
    sheets = book_pdf.sheets(pdf)
    print(f"book PDF: {len(sheets)} sheets in {time.perf_counter() - started:.0f} s")
    yield pdf, sheets, page.locator(SITE_PAGES).count()
    page.emulate_media(media="screen", color_scheme="dark")


def test_book_is_short_and_has_no_near_blank_sheets(book):
    pdf, sheets, site_pages = book
    assert pdf.startswith(b"%PDF") and site_pages >= 30
    # Each site page starts a sheet, so at least one sheet a page; at most
    # MAX_SHEETS_PER_PAGE on average, plus the cover and contents.
    assert site_pages <= len(sheets) <= MAX_SHEETS_PER_PAGE * site_pages + 3, (len(sheets), site_pages)
    near_blank = [sheet for sheet in sheets if sheet.near_blank]
    assert len(near_blank) <= 2, near_blank
    # No page ends with a few lines on a sheet of their own (a "spill": text ending in the
    # sheet's first fifth); before copy-fitting (nn_site/print/book.py) there were 11.
    spills = [sheet for sheet in sheets[1:] if sheet.spill]
    assert len(spills) <= 2, spills
    assert sum(0.2 < sheet.fill <= 1 for sheet in sheets) > 0.8 * len(sheets)  # the measure reads real text
    # the measure can fail: the cover is a sheet of few glyphs, with nothing drawn
    assert sheets[0].glyphs < 400 and any(sheet.glyphs > 2000 for sheet in sheets)


def test_sheets_are_numbered_and_headed_by_their_page(book):
    from pypdf import PdfReader

    from nn_site.print import book as book_pdf

    pdf, sheets, _ = book
    reader = PdfReader(io.BytesIO(pdf))
    starts = book_pdf.start_sheets(pdf)
    # the contents has a number and no running head (Chromium writes the margin boxes first)
    lines = [line.strip() for line in reader.pages[1].extract_text().splitlines() if line.strip()]
    assert lines[:2] == ["2", "Contents"], lines[:3]
    # a page's second sheet: its title at the head, then the number, each on its line
    for section, title in (("hodgkin-huxley", "Hodgkin–Huxley: where the spike comes from"),
                           ("notebooks-spiking-vs-rate", "Spiking vs rate neurons"), ("glossary", "Glossary")):
        number = starts[section] + 1
        lines = [line.strip() for line in reader.pages[number - 1].extract_text().splitlines() if line.strip()]
        assert lines[:2] == [title, str(number)], (section, number, lines[:3])
    lines = [line.strip() for line in reader.pages[len(sheets) - 1].extract_text().splitlines() if line.strip()]
    assert lines[1] == str(len(sheets)), lines[:3]


def test_contents_gives_each_page_its_sheet(book, print_page):
    """Each entry of the contents ends with the number of the sheet its page starts on, as
    the PDF's own link targets (and bookmarks) have it."""
    from pypdf import PdfReader

    from nn_site.print import book as book_pdf

    pdf, _, site_pages = book
    page, _ = print_page
    entries = page.eval_on_selector_all(
        "#print-page-toc a.md-nav__link", "els => els.map(a => [a.getAttribute('href').slice(1), "
        "a.querySelector('.toc-page') ? a.querySelector('.toc-page').textContent : null])")
    starts = book_pdf.start_sheets(pdf)
    assert len(entries) >= site_pages
    assert [(key, shown) for key, shown in entries if shown != str(starts[key])] == []
    assert int(entries[-1][1]) > 150  # the last page, far into the book
    # the printed contents sheet shows them, in order, after its own number (2)
    contents = PdfReader(io.BytesIO(pdf)).pages[1].extract_text().splitlines()
    printed = [line.strip() for line in contents if re.fullmatch(r"\s*\d+\s*", line)]
    assert printed == ["2"] + [shown for _, shown in entries], contents[:60]
    # and the PDF's outline (bookmarks) has each page at its first sheet
    reader = PdfReader(io.BytesIO(pdf))
    top = {item.title: reader.get_destination_page_number(item) + 1
           for item in reader.outline if not isinstance(item, list)}
    assert top.get("Glossary") == starts["glossary"], top


def test_table_rows_and_corrections_print_whole_and_short(print_page):
    """On the book's paper a table row (the ledger's too) is never split between sheets, and
    a page's corrections note is one line: how many, and where the log lists them."""
    page, _ = print_page
    page.emulate_media(media="print", color_scheme="light")
    rows = page.eval_on_selector_all(".md-typeset table tr", "els => els.map(r => getComputedStyle(r).breakInside)")
    assert len(rows) > 100 and set(rows) == {"avoid"}
    notes = page.eval_on_selector_all(
        "#print-site-page .corrections-note",
        """els => els.map(n => ({entries: n.querySelectorAll('details li').length,
                                 details: getComputedStyle(n.querySelector('details')).display,
                                 line: (n.querySelector('p.corrections-print') || {}).textContent || '',
                                 height: n.getBoundingClientRect().height}))""")
    assert len(notes) >= 10
    for note in notes:
        assert note["details"] == "none", note
        assert note["line"].startswith(f"Corrections to this page: {note['entries']},"), note
        assert "corrections" in note["line"].split(",")[-1] and note["height"] < 40, note
    page.emulate_media(media="screen", color_scheme="dark")


def test_figures_stay_whole_with_their_captions(print_page):
    page, _ = print_page
    page.emulate_media(media="print", color_scheme="light")
    figures = page.eval_on_selector_all(
        "figure.snippet-figure",
        """els => els.map(f => ({id: f.id, breakInside: getComputedStyle(f).breakInside,
                                  height: f.getBoundingClientRect().height,
                                  caption: f.matches('.notebook-figure') || !!f.querySelector(':scope > figcaption')}))""")
    assert len(figures) >= 40
    for figure in figures:
        assert figure["breakInside"] == "avoid", figure
        assert figure["caption"], figure
        # kept whole only if it fits: image and caption shorter than half a sheet and a bit
        assert 50 < figure["height"] < 0.6 * SHEET_HEIGHT_PX, figure
    page.emulate_media(media="screen", color_scheme="dark")


def test_code_prints_as_one_line_naming_its_file(print_page):
    page, _ = print_page
    page.emulate_media(media="print", color_scheme="light")
    listings = page.eval_on_selector_all(
        ".language-python.highlight:has(> .filename)",
        """els => els.map(e => {
            const name = e.querySelector(':scope > .filename'), code = e.querySelector('pre');
            return {name: name.textContent, shown: name.getBoundingClientRect().height,
                    before: getComputedStyle(name, '::before').content,
                    code: code ? getComputedStyle(code).display : 'none',
                    inClosed: !!e.closest('details:not([open])')};
        })""")
    assert len(listings) >= 40 and any(listing["inClosed"] for listing in listings)
    for listing in listings:
        assert listing["name"].startswith("snippets/") and listing["name"].endswith(".py"), listing
        assert listing["before"] == '"Code: "' and listing["code"] == "none", listing
        # one line, also when folded in a closed disclosure on screen
        assert 5 < listing["shown"] < 30, listing
    # a disclosure's own label and the output printed with its code are screen-only
    hidden = page.eval_on_selector_all(
        "details.listing > summary, .language-text.highlight:has(> .filename)",
        "els => els.map(e => getComputedStyle(e).display)")
    assert hidden and set(hidden) == {"none"}
    page.emulate_media(media="screen", color_scheme="dark")


def test_explorables_print_as_their_static_figure_and_address(print_page):
    # An explorable needs a browser: paper shows the figure of its starting settings
    # (drawn by the build) with its address under it, not an empty frame.
    page, _ = print_page
    page.emulate_media(media="print", color_scheme="light")
    page.evaluate("""() => Promise.all([...document.querySelectorAll('.print-explorable img')].map(img =>
        img.complete ? null : new Promise(done => { img.onload = img.onerror = done; })))""")
    explorables = page.eval_on_selector_all(
        ".nn-explorable",
        """els => els.map(e => {
            const note = e.nextElementSibling;
            const img = note && note.querySelector('img');
            const caption = note && note.querySelector('figcaption');
            return {id: e.id, display: getComputedStyle(e).display,
                    note: note && note.classList.contains('print-explorable') && getComputedStyle(note).display,
                    loaded: img ? img.naturalWidth : 0, shown: img ? img.getBoundingClientRect().width : 0,
                    below: img && caption ? caption.getBoundingClientRect().top >= img.getBoundingClientRect().bottom : false,
                    href: caption && caption.querySelector('a').getAttribute('href')};
        })""")
    assert len(explorables) >= 2
    for explorable in explorables:
        assert explorable["display"] == "none" and explorable["note"] not in (None, False, "none"), explorable
        assert explorable["loaded"] > 0 and explorable["shown"] > 300 and explorable["below"], explorable
        assert explorable["href"].endswith("#" + explorable["id"]), explorable
    page.emulate_media(media="screen", color_scheme="dark")
    notes = page.eval_on_selector_all(".print-explorable", "els => els.map(e => getComputedStyle(e).display)")
    assert set(notes) == {"none"}  # on screen, the explorable itself


def test_each_page_ends_with_its_references(print_page):
    """A page's reference list is the last thing in its section (before the corrections
    note and the printed citation, which are about the page itself). The references page
    is lists of references, one per letter, throughout: it is not such a page."""
    page, _ = print_page
    tails = page.eval_on_selector_all(
        SITE_PAGES + ":has(ul.references):not(#references)",
        """els => els.map(s => {
            const list = s.querySelector('ul.references');
            const after = [...s.querySelectorAll('h2, h3, p, figure')].filter(e =>
                list.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING
                && !e.closest('.corrections-note, .cite-print, .cite-page, ul.references'));
            return [s.id, after.length];
        })""")
    assert len(tails) >= 25
    assert [tail for tail in tails if tail[1] > 0] == []


# --- on screen, sections become HTML when needed (docs/assets/print-page-sections.js) ---

SECTIONS = "section.print-page[id]"
TOP = "id => Math.round(document.getElementById(id).getBoundingClientRect().top)"


def _tops(page, target: str) -> list[int]:
    """The target's distance from the top of the window once the jump is made, and again
    when the figures have loaded and the sections below it have become HTML (the marker
    after the last section is then more than two screens below the window)."""
    first = page.evaluate(TOP, target)
    page.wait_for_function("document.readyState === 'complete' && (!document.querySelector('.print-page-more')"
                           " || document.querySelector('.print-page-more').getBoundingClientRect().top > 2 * innerHeight)",
                           timeout=15_000)
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
    """At load, the print page's later sections are text, made HTML when needed. A jump
    must still put its target just below the header, as on a page that is HTML in full:
    opened at an address with a #fragment, from links, and, for a reader who scrolled to a
    heading, after a reload and after a step back from another page."""
    targets = _targets(site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(f"""document.addEventListener("DOMContentLoaded", () => {{
        const target = document.getElementById(location.hash.slice(1));
        window.__atReady = [...document.querySelectorAll('{SECTIONS}:not(.md-section)')].map(s => [
            !!s.querySelector(':scope > noscript.print-page-deferred'),
            !!target && (s.contains(target) || !!(s.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING))]);
    }});""")
    page = context.new_page()
    page.goto(f"{base_url}print_page/#{targets[0]}", wait_until="load")
    _ready(page)
    # When ready: the sections down to the target HTML, every later one still text.
    at_ready = page.evaluate("window.__atReady")
    assert len(at_ready) >= 30 and [deferred for deferred, above in at_ready] == \
        [not above for deferred, above in at_ready], at_ready
    assert sum(not above for deferred, above in at_ready) >= 10
    assert _at_margin(tops := _tops(page, targets[0])), ("address", targets[0], tops)
    for target in targets[1:]:
        page.evaluate("id => { const a = document.createElement('a'); a.href = '#' + id; a.textContent = id;"
                      " document.querySelector('article').prepend(a); a.click(); a.remove(); }", target)
        _ready(page)
        assert _at_margin(tops := _tops(page, target)), ("link", target, tops)
    # A #fragment typed into the address (hashchange) of a page not yet HTML.
    page.goto(f"{base_url}print_page/", wait_until="load")
    page.evaluate("id => { location.hash = id; }", targets[1])
    _ready(page)
    assert _at_margin(tops := _tops(page, targets[1])), ("hashchange", targets[1], tops)
    # A reader who scrolled to a heading (the address without a #fragment) reloads: the
    # browser restores the offset, so what was HTML above it must be HTML again.
    page.evaluate("id => { history.replaceState(null, '', location.pathname);"
                  " document.getElementById(id).scrollIntoView(); }", targets[1])
    _ready(page)
    page.reload(wait_until="load")
    _ready(page)
    assert _in_first_screen(tops := _tops(page, targets[1])), ("reload", targets[1], tops)
    # ... or goes to another page and steps back.
    page.goto(f"{base_url}glossary/", wait_until="load")
    page.go_back(wait_until="load")
    _ready(page)
    assert _in_first_screen(tops := _tops(page, targets[1])), ("back", targets[1], tops)
    context.close()
