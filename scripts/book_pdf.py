"""`make pdf`: the whole site as one A4 book PDF, printed from the print page by the
Chromium the browser tests use (/usr/bin/chromium), served from the built site on
127.0.0.1 (nothing is fetched from another host).

    python scripts/book_pdf.py [--site site] [--out dist/neural-and-neuronal.pdf]

Prints the number of sheets, near-blank sheets, spills and sheets per site page. Not part of
`make build` or `make serve`: a reader's install has no Chromium. The release workflow
runs it and attaches the PDF (.github/workflows/publish.yml).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
import time
from pathlib import Path

from nn_site.print import book

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
SITE_PAGES = "section.print-page[id]:not(.md-section)"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by http.server
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--out", type=Path, default=Path("dist") / book.FILE_NAME)
    args = parser.parse_args()
    print_page = args.site / "print_page" / "index.html"
    if not print_page.is_file():
        sys.exit(f"{print_page}: no print page; build the site first (make build)")
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(args.site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    started = time.perf_counter()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_port}/print_page/")
            site_pages = page.locator(SITE_PAGES).count()
            pdf = book.print_pdf(page)
            browser.close()
    finally:
        server.shutdown()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(pdf)
    measured = book.sheets(pdf)
    blank = [sheet.number for sheet in measured if sheet.near_blank]
    spills = [sheet.number for sheet in measured[1:] if sheet.spill and not sheet.near_blank]
    print(
        f"{args.out}: {len(measured)} A4 sheets for {site_pages} site pages "
        f"({len(measured) / max(site_pages, 1):.1f} a page), near-blank: {len(blank)} {blank}, "
        f"spills (text ending in a sheet's first fifth): {len(spills)} {spills}, "
        f"{time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
