"""The analogy ledger: every row has a verdict, a page and a source, and covers the seeds.

Parses the Markdown table in docs/ledger.md, and checks the built page's links.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import ROOT

DOCS = ROOT / "docs"
LEDGER = (DOCS / "ledger.md").read_text(encoding="utf-8")
BIB_KEYS = set(re.findall(r"^@\w+\{([^,\s]+),", (DOCS / "references.bib").read_text(encoding="utf-8"),
                          flags=re.MULTILINE))
VERDICTS = {"holds", "partly", "breaks"}
LINK = re.compile(r"\[[^\]]+\]\(([^)#\s]+)\)")
CITE = re.compile(r"\[(@[\w:-]+(?:\s*;\s*@[\w:-]+)*)\]")


def ledger_rows(markdown: str) -> list[dict]:
    """The rows of the first table whose header starts with '| # |'."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| # |"))
    header = [c.strip() for c in lines[start].strip("|").split("|")]
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        assert len(cells) == len(header), line
        rows.append(dict(zip(header, cells)))
    return rows


ROWS = ledger_rows(LEDGER)


def test_table_has_rows_numbered_in_order():
    assert len(ROWS) >= 30
    assert [int(r["#"]) for r in ROWS] == list(range(1, len(ROWS) + 1))


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["#"])
def test_row_has_verdict_page_and_source(row):
    assert row["Verdict"].strip("*") in VERDICTS, row
    links = LINK.findall(row["Treated in"])
    assert links, f"row {row['#']} links to no page"
    for target in links:
        assert not target.startswith(("http:", "https:", "/")), target
        assert (DOCS / target).is_file(), f"row {row['#']}: {target} does not exist"
    cites = CITE.findall(row["Sources"])
    assert cites, f"row {row['#']} cites no source"
    for group in cites:
        for key in re.findall(r"@([\w:-]+)", group):
            assert key in BIB_KEYS, f"row {row['#']}: unknown key {key}"
    assert row["Analogy or claim"], row


def test_rows_are_not_duplicated():
    claims = [r["Analogy or claim"].lower() for r in ROWS]
    assert len(claims) == len(set(claims))


def test_every_seed_point_is_in_the_ledger():
    origins = Counter(r["Origin"] for r in ROWS)
    assert origins["seed 001 mapping"] == 5          # the five-row structural mapping
    assert origins["seed 002 summary"] == 4          # the four-row summary table
    for n in (1, 2, 3):
        assert origins[f"seed 002 right #{n}"] == 1  # what the analogy gets right
        assert origins[f"seed 001 limit #{n}"] == 1  # seed 001's three limits
    for n in (1, 2, 3, 4):
        assert origins[f"seed 002 wrong #{n}"] == 1  # what it gets wrong
    assert origins["seed 000 prospects"] >= 1


def test_tally_in_text_matches_table():
    counts = Counter(r["Verdict"].strip("*") for r in ROWS)
    expected = (f"Of the {len(ROWS)} rows, {counts['holds']} hold, {counts['partly']} hold partly "
                f"and {counts['breaks']} break.")
    assert expected in " ".join(LEDGER.split())


def test_built_ledger_links_resolve(site):
    page = site / "ledger" / "index.html"
    html = page.read_text(encoding="utf-8")
    table = html.split("<table>", 1)[1].split("</table>", 1)[0]
    body_rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.DOTALL)[1:]
    assert len(body_rows) == len(ROWS)
    for row in body_rows:
        hrefs = [h for h in re.findall(r'href="([^"]+)"', row) if not h.startswith("#")]
        assert hrefs, row
        for href in hrefs:
            target = (page.parent / href.split("#")[0]).resolve()
            if target.is_dir() or href.endswith("/"):
                target = target / "index.html"
            assert target.is_file(), href
        # Citations became links to the page's reference list.
        assert re.search(r'href="#ref-[^"]+"', row) or "ref-" in row, row
