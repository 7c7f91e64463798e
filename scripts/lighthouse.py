"""Lighthouse scores of the built site, served compressed as GitHub Pages serves it.

    make lighthouse                       # every page, mobile and desktop, median of 3
    make lighthouse PAGES="hodgkin-huxley/ ledger/" RUNS=1
    python scripts/lighthouse.py --representative   # the set `make bench` measures

For each page and preset (mobile: Lighthouse's default, a mid-range phone on slow 4G;
desktop), Lighthouse runs RUNS times in a fresh headless Chromium; the table gives the
median performance score, Total Blocking Time, Largest Contentful Paint, DOM size and the
accessibility score. Measure on an otherwise idle machine: Lighthouse's timings are
simulated from the trace, and a busy CPU stretches the trace.

Lighthouse itself (a Node program, pinned with its whole dependency tree in
scripts/lighthouse/package-lock.json) is installed by `make lighthouse` into .tools/ with
`npm ci`, the way the Makefile installs uv: nothing of it is in the reader's install.
The server is written here because Python's http.server does not compress, and the
compression is what the scores depend on (a page's HTML and CSS are 3-6x smaller gzipped).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import html.parser
import http.server
import json
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / ".tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".woff")
# The pages issue 34 measured (the home page is what the theme alone costs), to which
# representative_pages adds the largest ones by element count.
REPRESENTATIVE = ["", "hodgkin-huxley/", "attractors/", "gradient-descent/", "ledger/", "spiking-playground/"]
LARGEST = 3


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, without a log line per request."""

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by http.server
        pass


class GzipHandler(QuietHandler):
    """Static files, gzip-compressed when the client accepts it (as GitHub Pages does)."""

    def send_head(self):  # noqa: D102 - http.server's hook
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """A bytes body with the file interface send_head's caller reads from."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_args) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def serve(site: Path, compress: bool = True) -> str:
    """The base URL of ``site`` served on a free local port (compressed, or as the browser
    tests serve it); the server runs until the process ends."""
    handler = functools.partial(GzipHandler if compress else QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/"


def pages_of(site: Path) -> list[str]:
    """Every page of the site, as URL paths ('' is the home page), versions' copies excluded."""
    found = []
    for page in sorted(site.rglob("index.html")):
        rel = page.parent.relative_to(site).as_posix()
        if rel.startswith(("v/", "search")):
            continue
        found.append("" if rel == "." else rel + "/")
    return found


class _ElementCounter(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def handle_starttag(self, tag, attrs) -> None:
        self.count += 1


def element_count(site: Path, path: str) -> int:
    """Elements in the page's HTML as served (before its scripts run: the theme adds ~1 %)."""
    counter = _ElementCounter()
    counter.feed((site / path / "index.html").read_text(encoding="utf-8"))
    return counter.count


def representative_pages(site: Path) -> list[str]:
    """REPRESENTATIVE, then the LARGEST other pages by element count (the print page, every
    page in one, is not a page a phone opens)."""
    others = [path for path in pages_of(site) if path not in REPRESENTATIVE and not path.startswith("print_page")]
    largest = sorted(others, key=lambda path: -element_count(site, path))[:LARGEST]
    return [path for path in REPRESENTATIVE if (site / path / "index.html").exists()] + largest


def run_once(url: str, preset: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--only-categories=performance,accessibility",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ]
        if preset == "desktop":
            command.append("--preset=desktop")
        subprocess.run(command, check=True, env={"CHROME_PATH": CHROMIUM, "PATH": "/usr/bin:/bin"})
        data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    return {
        "performance": round(100 * data["categories"]["performance"]["score"]),
        "accessibility": round(100 * data["categories"]["accessibility"]["score"]),
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "dom": audits["dom-size"]["numericValue"],
    }


def median_of(runs: list[dict]) -> dict:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def report(site: Path, pages: list[str], runs: int = 3, presets: str = "mobile,desktop") -> dict:
    """Print the table (one row per page and preset, as each is measured) and the lowest
    score; return the medians by (page, preset)."""
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} not found: run `make lighthouse` (it installs Lighthouse first)")
    base = serve(site)
    print(f"{'page':<40} {'preset':<8} {'perf':>5} {'a11y':>5} {'TBT ms':>7} {'LCP ms':>7} {'DOM':>6}")
    results = {}
    for path in pages:
        for preset in presets.split(","):
            m = median_of([run_once(base + path, preset) for _ in range(runs)])
            results[(path, preset)] = m
            print(
                f"{path or '(home)':<40} {preset:<8} {m['performance']:>5.0f} {m['accessibility']:>5.0f} "
                f"{m['tbt_ms']:>7.0f} {m['lcp_ms']:>7.0f} {m['dom']:>6.0f}",
                flush=True,
            )
    worst = min(results.items(), key=lambda item: item[1]["performance"])
    print(f"\nlowest performance: {worst[0][0] or '(home)'} {worst[0][1]} {worst[1]['performance']:.0f}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--presets", default="mobile,desktop")
    parser.add_argument("--representative", action="store_true", help="the pages `make bench` measures")
    parser.add_argument("pages", nargs="*", help="URL paths (e.g. ledger/); default: every page")
    args = parser.parse_args()
    if not (args.site / "index.html").exists():
        sys.exit(f"{args.site}/index.html not found: build the site first (make build)")
    pages = representative_pages(args.site) if args.representative else args.pages or pages_of(args.site)
    report(args.site, pages, args.runs, args.presets)


if __name__ == "__main__":
    main()
