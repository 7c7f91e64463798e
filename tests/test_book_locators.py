"""Every citation of a book (@book, or @incollection/@inbook without a 'pages' field) names the
chapter or pages it relies on: [@kandel2021, ch. 10]. Citations elsewhere in ledger rows count too."""

from __future__ import annotations

import json
import re
import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from citations import CitationError, iter_citations  # noqa: E402

BIB = (ROOT / "docs" / "references.bib").read_text(encoding="utf-8")
ENTRIES = {m[2]: (m[1].lower(), m[3]) for m in re.finditer(r"^@(\w+)\{([^,\s]+),(.*?)^\}", BIB, re.M | re.S)}
ENTRIES = {k: v for k, v in ((m.group(2), (m.group(1).lower(), m.group(3)))
                             for m in re.finditer(r"^@(\w+)\{([^,\s]+),(.*?)^\}", BIB, re.M | re.S))}
BOOKS = {k for k, (kind, body) in ENTRIES.items()
         if kind == "book" or (kind in {"incollection", "inbook"} and not re.search(r"\bpages\s*=", body))}


def texts():
    for path in sorted((ROOT / "docs").rglob("*.md")):
        yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "docs").rglob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        yield path.relative_to(ROOT).as_posix(), "\n".join("".join(c["source"]) for c in cells)
    for path in sorted((ROOT / "includes" / "ledger").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        # sources: [a, "b, ch. 3"] -> the same form as a citation
        text = re.sub(r"sources: \[(.*)\]", lambda m: "[" + "; ".join(
            "@" + s.strip().strip('"') for s in re.split(r",(?![^\"]*\"(?:,|$))", m[1])) + "]", text)
        yield path.relative_to(ROOT).as_posix(), text


def book_citations_without_locator(name: str, text: str) -> list[str]:
    bad = []
    for line, raw, items in iter_citations(text):
        for _, key, locator in items:
            if key in BOOKS and not locator:
                bad.append(f"{name}:{line}: {raw} cites the book '{key}' with no chapter or pages")
    return bad


def test_there_are_books_to_check():
    assert {"kandel2021", "gerstner2014", "hebb1949", "minsky1969"} <= BOOKS


@pytest.mark.parametrize(("name", "text"), list(texts()), ids=[n for n, _ in texts()])
def test_every_book_citation_names_its_part(name, text):
    try:
        problems = book_citations_without_locator(name, text)
    except CitationError as exc:
        pytest.fail(f"{name}: {exc}")
    assert not problems, "\n".join(problems)


def test_glossary_book_citations_name_their_part():
    text = (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    bare = re.findall(r"Kandel et al\. 2021(?!, chs?\. \d)", text)
    assert not bare, "glossary cites Kandel et al. 2021 without a chapter"


def test_a_planted_bare_book_citation_fails():
    assert book_citations_without_locator("x.md", "Text.\n\nClaim [@kandel2021].\n") == [
        "x.md:3: [@kandel2021] cites the book 'kandel2021' with no chapter or pages"]
    assert book_citations_without_locator("x.md", "Claim [@kandel2021, ch. 10].") == []
