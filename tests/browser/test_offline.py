"""The offline copy (`make offline`): a zip that works opened from disk, search included."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.browser.test_links import find_broken, report, site_url

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def offline_zip(tmp_path_factory, site) -> Path:
    """After ``site``: its build leaves the snippet, notebook and slide caches warm."""
    from scripts import offline_zip as tool  # scripts/ is on pytest's pythonpath

    output = tmp_path_factory.mktemp("offline") / "neural-neuronal-offline.zip"
    assert tool.main(["--output", str(output)]) == 0
    return output


@pytest.fixture(scope="module")
def unzipped(offline_zip, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(folder)
    return folder / "neural-neuronal"


def test_zip_is_self_contained(offline_zip):
    with zipfile.ZipFile(offline_zip) as archive:
        names = set(archive.namelist())
        assert {"neural-neuronal/index.html", "neural-neuronal/search/search_index.js",
                "neural-neuronal/assets/javascripts/iframe-worker-shim.js",
                "neural-neuronal/print_page.html"} <= names
        assert all(name.startswith("neural-neuronal/") for name in names)
        index = archive.read("neural-neuronal/index.html").decode()
        assert 'href="terminology.html"' in index  # .html links: they work from file://
        assert "iframe-worker-shim.js" in index and "unpkg" not in index
        for name in names:
            if name.endswith((".html", ".js", ".css")):
                text = archive.read(name).decode("utf-8", "replace")
                loads = re.findall(r'<(?:script|link|img|iframe)\b[^>]*?(?:src|href)="(?:https?:)?//[^>]*>', text)
                assert [tag for tag in loads if 'rel="canonical"' not in tag] == [], name



def test_course_data_is_in_the_zip(offline_zip):
    """The question bank and the data files travel with the offline copy, and the
    instructors' page links to each of them there."""
    data = ["question-bank.xml", "question-bank.gift.txt", "question-bank.csv", "ledger.json", "ledger.csv",
            "ledger.schema.json", "register.json", "register.csv", "register.schema.json", "references.bib"]
    with zipfile.ZipFile(offline_zip) as archive:
        names = set(archive.namelist())
        assert {f"neural-neuronal/data/{name}" for name in data} <= names
        instructors = archive.read("neural-neuronal/instructors.html").decode()
        for name in data:
            assert f'href="data/{name}"' in instructors, name
        assert archive.read("neural-neuronal/data/question-bank.xml").startswith(b"<?xml")

def test_search_works_from_disk(browser, unzipped):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    remote = []
    page.on("request", lambda r: remote.append(r.url) if r.url.startswith(("http:", "https:")) else None)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((unzipped / "index.html").as_uri())
    page.wait_for_load_state("load")
    search = page.locator("input.md-search__input")
    results = page.locator(".md-search-result__item")
    for _ in range(3):  # typing before the search worker has its index gives no results: type again
        search.click()
        search.fill("")
        search.press_sequentially("rheobase", delay=20)
        try:
            results.first.wait_for(timeout=5_000)
            break
        except Exception:
            continue
    assert results.count() >= 1, "search from file:// found nothing"
    first = results.first.locator("a").first.get_attribute("href")
    assert first and ".html" in first and first.startswith("file://")
    # a figure and a notebook page load from disk, too
    page.goto((unzipped / "integrate-and-fire.html").as_uri())
    page.wait_for_load_state("load")
    # figures load lazily (nn_site/engine/render.py): each shown copy loads when scrolled to;
    # the other palette's copy (display: none) is never fetched
    shown = page.locator("figure.snippet-figure img:visible")
    assert shown.count() >= 2
    for img in shown.all():
        img.scroll_into_view_if_needed()
    widths = "[...document.querySelectorAll('figure.snippet-figure img')]" \
             ".filter(e => e.getClientRects().length).map(e => e.complete ? e.naturalWidth : 0)"
    try:
        page.wait_for_function(f"{widths}.every(w => w > 0)", timeout=10_000)
    except Exception:
        pass  # the assertion below says which
    widths = page.evaluate(f"() => {widths}")
    assert len(widths) == shown.count() and all(w > 0 for w in widths), widths
    page.goto((unzipped / "notebooks" / "spiking-vs-rate.html").as_uri())
    assert page.locator(".jupyter-wrapper math").count() > 3
    context.close()
    assert remote == [] and errors == []


def test_every_link_works_from_disk(unzipped):
    """No link of the offline copy leaves its folder or starts at the file system's root
    (404.html included): from file:// either would be dead."""
    checked, broken = find_broken(unzipped, site_url(), from_disk=True)
    assert checked > 100 and not broken, report(broken)


@pytest.mark.parametrize("name", ["playground.html", "spiking-playground.html", "biology-back.html"])
def test_explorables_run_from_disk(browser, unzipped, name):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    errors, remote = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: remote.append(r.url) if r.url.startswith(("http:", "https:")) else None)
    page.goto((unzipped / name).as_uri())
    page.wait_for_load_state("load")
    widget = page.locator(".nn-explorable").first
    widget.wait_for(state="visible", timeout=10_000)  # hidden until its script has mounted it
    assert widget.locator("input, select, button").count() >= 1
    assert widget.locator("svg").count() >= 1
    context.close()
    assert errors == [] and remote == []


def test_every_page_opens_from_disk_without_errors(browser, unzipped):
    """Each page of the offline copy, opened from file://: no script error, no failed or
    remote request (a dead ../ link to a script or style shows up here)."""
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
    # Chromium does not load a favicon for a file:// page (the file is there: links test).
    # A request still in flight when the next page is opened (the search worker, under
    # load) is cancelled as net::ERR_ABORTED; a missing file is net::ERR_FILE_NOT_FOUND.
    page.on("requestfailed", lambda r: problems.append(f"{page.url}: failed {r.url} ({r.failure})")
            if not r.url.endswith("favicon.svg") and r.failure != "net::ERR_ABORTED" else None)
    page.on("request", lambda r: problems.append(f"{page.url}: remote {r.url}")
            if r.url.startswith(("http:", "https:")) else None)
    pages = sorted(p for p in unzipped.rglob("*.html") if "assets" not in p.parts)
    assert len(pages) > 20
    for html in pages:
        page.goto(html.as_uri(), wait_until="load")
    context.close()
    assert problems == [], "\n".join(problems[:20])
