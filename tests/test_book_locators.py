"""Every citation of a book (@book, or @incollection/@inbook without a 'pages' field) names the
chapter or pages it relies on: [@kandel2021, ch. 10]. So does every citation of a review longer
than 20 pages, marked in references.bib with ``keywords = {long-review}``:
[@london2005, pp. 509–516]. Citations in ledger rows, the glossary and the corrections log
count too."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from nn_site.pages.citations import CitationError, iter_citations

from conftest import ROOT

BIB = (ROOT / "docs" / "references.bib").read_text(encoding="utf-8")
ENTRIES = {m[2]: (m[1].lower(), m[3]) for m in re.finditer(r"^@(\w+)\{([^,\s]+),(.*?)^\}", BIB, re.M | re.S)}
ENTRIES = {k: v for k, v in ((m.group(2), (m.group(1).lower(), m.group(3)))
                             for m in re.finditer(r"^@(\w+)\{([^,\s]+),(.*?)^\}", BIB, re.M | re.S))}
BOOKS = {k for k, (kind, body) in ENTRIES.items()
         if kind == "book" or (kind in {"incollection", "inbook"} and not re.search(r"\bpages\s*=", body))}
LONG_REVIEWS = {k for k, (_, body) in ENTRIES.items()
                if re.search(r"\bkeywords\s*=\s*\{[^}]*\blong-review\b", body)}
# Journals that publish reviews: an article in one of them longer than 20 pages is a long review.
REVIEW_JOURNALS = re.compile(r"Annual Review|Physiological Reviews|Nature Reviews|Progress in|Trends in|"
                             r"Current Opinion|Reviews of Modern Physics", re.I)
# A long-review citation whose section could not be checked against the review itself (the
# site's maintainers add the locator once they have the text): (file, key) -> why. The test
# fails when the citation is gone, so the list cannot go stale.
UNVERIFIED = {
    ("docs/mapping.md", "gold2007"): "the section of Gold & Shadlen 2007 on LIP's accumulation to a "
                                     "bound was not available to check",
}


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
    path = ROOT / "includes" / "corrections.yml"
    if path.is_file():  # the corrections log: each entry's sources and texts as citations, a line each
        lines = []
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            sources = entry.get("source") or []
            sources = [sources] if isinstance(sources, str) else sources
            cites = f"[{'; '.join('@' + s for s in sources)}]" if sources else ""
            lines.append(f"{entry.get('id')}: {cites} {entry.get('wrong')} {entry.get('right')}")
        yield path.relative_to(ROOT).as_posix(), "\n".join(lines)


def book_citations_without_locator(name: str, text: str) -> list[str]:
    bad = []
    for line, raw, items in iter_citations(text):
        for _, key, locator in items:
            if key in BOOKS and not locator:
                bad.append(f"{name}:{line}: {raw} cites the book '{key}' with no chapter or pages")
            elif key in LONG_REVIEWS and not locator and (name, key) not in UNVERIFIED:
                bad.append(f"{name}:{line}: {raw} cites the long review '{key}' with no section or pages")
    return bad


def _page_count(body: str) -> int | None:
    total = re.search(r"\bpagetotal\s*=\s*\{(\d+)\}", body)
    if total:
        return int(total[1])
    pages = re.search(r"\bpages\s*=\s*\{(\d+)\s*-+\s*(\d+)\}", body)
    return int(pages[2]) - int(pages[1]) + 1 if pages else None


def test_long_reviews_are_marked_and_longer_than_20_pages():
    assert {"london2005", "gold2007", "zhao2019", "sezer2020"} <= LONG_REVIEWS
    for key in LONG_REVIEWS:
        assert (_page_count(ENTRIES[key][1]) or 0) > 20, f"{key}: marked long-review, not over 20 pages"
    for key, (kind, body) in ENTRIES.items():
        journal = re.search(r"\bjournal\s*=\s*\{([^}]*)\}", body)
        if kind == "article" and journal and REVIEW_JOURNALS.search(journal[1]) and (_page_count(body) or 0) > 20:
            assert key in LONG_REVIEWS, f"{key}: a review of {_page_count(body)} pages without keywords = {{long-review}}"


def test_unverified_long_review_citations_still_exist():
    for (name, key), why in UNVERIFIED.items():
        text = dict(texts())[name]
        found = [items for _, _, items in iter_citations(text) if any(k == key and not loc for _, k, loc in items)]
        assert found, f"{name}: no bare citation of {key} any more: remove it from UNVERIFIED ({why})"


def test_the_bibliography_reads_the_keywords_field_and_does_not_print_it(tmp_path):
    from pybtex.database import parse_file
    data = parse_file(str(ROOT / "docs" / "references.bib"))
    assert data.entries["london2005"].fields["keywords"] == "long-review"
    from nn_site.pages.citations import _format
    bib = tmp_path / "x.bib"
    bib.write_text("@article{a2000,\n  author = {A, B},\n  title = {T},\n  journal = {J},\n  year = {2000},\n"
                   "  pages = {1--30},\n  keywords = {long-review}\n}\n")
    assert "long-review" not in _format(bib)["a2000"]["html"]


def test_there_are_books_to_check():
    assert {"kandel2021", "gerstner2014", "hebb1949", "minsky1969"} <= BOOKS


TEXTS = list(texts())  # read once at collection, for the parameters and their ids


@pytest.mark.parametrize(("name", "text"), TEXTS, ids=[n for n, _ in TEXTS])
def test_every_book_citation_names_its_part(name, text):
    try:
        problems = book_citations_without_locator(name, text)
    except CitationError as exc:
        pytest.fail(f"{name}: {exc}")
    assert not problems, "\n".join(problems)


def test_glossary_book_and_long_review_citations_name_their_part():
    """The glossary cites as the pages do, [@key, ch. N] (issue 29, "Reading 2"), so the
    pages' rule applies to it: a book or a long review is cited with its part."""
    text = (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    assert len(list(iter_citations(text))) >= 50
    problems = book_citations_without_locator("includes/abbreviations.md", text)
    assert not problems, "\n".join(problems)


def test_a_planted_bare_book_citation_fails():
    assert book_citations_without_locator("x.md", "Text.\n\nClaim [@kandel2021].\n") == [
        "x.md:3: [@kandel2021] cites the book 'kandel2021' with no chapter or pages"]
    assert book_citations_without_locator("x.md", "Claim [@kandel2021, ch. 10].") == []


def test_a_planted_bare_long_review_citation_fails():
    assert book_citations_without_locator("x.md", "Claim [@london2005; @gidon2020].") == [
        "x.md:1: [@london2005; @gidon2020] cites the long review 'london2005' with no section or pages"]
    assert book_citations_without_locator("x.md", "Claim [@london2005, pp. 509–516].") == []
