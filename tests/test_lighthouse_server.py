"""`make lighthouse` measures the site as GitHub Pages serves it: compressed. Its server
(scripts/lighthouse.py) gzips text files for a client that accepts gzip, and only then."""

from __future__ import annotations

import gzip
import urllib.request

from scripts import lighthouse


def _get(url: str, gzip_ok: bool) -> tuple[dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request) as response:  # noqa: S310 - a local server
        return dict(response.headers), response.read()


def test_text_is_served_gzipped_to_a_client_that_accepts_it(tmp_path):
    page = "<!doctype html><title>x</title>" + "<p>neuron</p>" * 500
    (tmp_path / "ledger").mkdir()
    (tmp_path / "ledger" / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "figure.png").write_bytes(b"\x89PNG" + bytes(100))
    base = lighthouse.serve(tmp_path)

    headers, body = _get(base + "ledger/", gzip_ok=True)
    assert headers["Content-Encoding"] == "gzip"
    assert int(headers["Content-Length"]) == len(body) < len(page) / 10
    assert gzip.decompress(body).decode() == page

    headers, body = _get(base + "ledger/", gzip_ok=False)
    assert "Content-Encoding" not in headers and body.decode() == page

    headers, body = _get(base + "figure.png", gzip_ok=True)  # already compressed: as is
    assert "Content-Encoding" not in headers and body.startswith(b"\x89PNG")

    plain = lighthouse.serve(tmp_path, compress=False)  # as the browser tests serve (make bench)
    headers, body = _get(plain + "ledger/", gzip_ok=True)
    assert "Content-Encoding" not in headers and body.decode() == page


def test_pages_are_every_page_but_the_versions_copies(tmp_path):
    for rel in ("", "ledger/", "v/0.1.0/", "v/0.1.0/ledger/"):
        (tmp_path / rel).mkdir(parents=True, exist_ok=True)
        (tmp_path / rel / "index.html").write_text("<p>x</p>", encoding="utf-8")
    assert lighthouse.pages_of(tmp_path) == ["", "ledger/"]


def test_the_representative_pages_are_issue_34s_and_the_three_largest(tmp_path):
    """make bench measures the pages issue 34 named and the three largest others by element
    count (the print page, every page in one, is not one of them)."""
    sizes = {"": 1, "ledger/": 1, "hodgkin-huxley/": 1, "a/": 50, "b/": 5, "c/": 40, "d/": 30, "print_page/": 900}
    for rel, paragraphs in sizes.items():
        (tmp_path / rel).mkdir(parents=True, exist_ok=True)
        (tmp_path / rel / "index.html").write_text("<p>x</p>" * paragraphs, encoding="utf-8")
    assert lighthouse.element_count(tmp_path, "c/") == 40
    # issue 34's pages that exist, in its order, then the largest first
    assert lighthouse.representative_pages(tmp_path) == ["", "hodgkin-huxley/", "ledger/", "a/", "c/", "d/"]
