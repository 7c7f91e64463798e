"""The rendered bibliography reads as typeset text: curly quotes and apostrophes in the
entries (never inside a URL or DOI), acronyms in titles kept upper case by braces in
references.bib, and a table's Sources column listing its citations without the
parentheses of a citation in a sentence (nn_site/pages/citations.py, ledger.py)."""

from __future__ import annotations

import html
import re

from nn_site.pages.citations import _format, curly_quotes

from conftest import ROOT

BIB = (ROOT / "docs" / "references.bib").read_text(encoding="utf-8")


def test_curly_quotes_set_apostrophes_and_quotes_but_leave_links_alone():
    entry = ("Dale's principle. &quot;Quoted&quot; and 'single'. LeCun et al.'s rule. "
             '<a href="https://example.org/it\'s">https://example.org/it\'s</a> '
             '<a href="https://doi.org/10.1/x">doi:10.1/x\'y</a>')
    out = curly_quotes(entry)
    assert out.startswith("Dale\u2019s principle. \u201cQuoted\u201d and \u2018single\u2019. LeCun et al.\u2019s rule. ")
    assert 'href="https://example.org/it\'s">https://example.org/it\'s</a>' in out
    assert "doi:10.1/x'y</a>" in out


def test_formatted_entries_have_curly_apostrophes(tmp_path):
    bib = tmp_path / "x.bib"
    bib.write_text("@article{d2000,\n  author = {D, E},\n  title = {Dale's principle},\n  journal = {J},\n"
                   "  year = {2000},\n  doi = {10.1000/abc}\n}\n", encoding="utf-8")
    rendered = _format(bib)["d2000"]["html"]
    assert "Dale\u2019s principle" in rendered and "'" not in re.sub(r"<[^>]*>", "", rendered)
    assert 'href="https://doi.org/10.1000/abc"' in rendered


def test_no_title_has_an_unbraced_acronym():
    # The entry style sets most titles in sentence case: an all-caps word not in braces
    # would print in lower case ("color universal design (cud)").
    for title in re.findall(r"^\s*title\s*=\s*\{(.*)\},?\s*$", BIB, re.M):
        bare = re.sub(r"\{[^{}]*\}", "", title)
        acronyms = [w for w in re.findall(r"[\w-]+", bare) if sum(c.isupper() for c in w) >= 2 and "-" not in w]
        assert not acronyms, (title, acronyms)


def test_references_page_has_curly_quotes_and_acronyms(site):
    text = (site / "references" / "index.html").read_text(encoding="utf-8")
    entries = {k: html.unescape(re.sub(r"<[^>]+>", "", v))
               for k, v in re.findall(r'<li id="ref-([^"]+)" class="reference">(.*?)</li>', text, re.S)}
    assert len(entries) > 150
    straight = {k: v for k, v in entries.items() if re.search(r"['\"]", re.sub(r"\S*(?:://|doi:)\S*", "", v))}
    assert not straight, straight
    assert "Dale\u2019s principle" in entries["strata1999"]
    assert "(CUD)" in entries["okabe2008"] and "J*FLY" in entries["okabe2008"]
    assert "NMDA spikes" in entries["schiller2000"]


def test_a_sources_column_lists_citations_without_parentheses(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    cells = re.findall(r'<span class="citation-list">(.*?)</span></td>', home, re.S)
    assert len(cells) == 5
    for cell in cells:
        text = html.unescape(re.sub(r"<[^>]+>", "", cell))
        assert re.match(r"^[A-Z][^()]* \d{4}", text) and not text.startswith("("), text
    # A citation in a sentence keeps its parentheses.
    assert re.search(r'<span class="citation">\(<a href="#ref-', home)


def test_a_citation_in_prose_has_the_reference_lists_apostrophe(site):
    """An author's name reaches a sentence's citation from references.bib, past smarty:
    the typography step sets its apostrophe as the reference list does (issue 29)."""
    text = (site / "attractors" / "index.html").read_text(encoding="utf-8")
    assert "Feigel\u2019man 1988" in text and "Feigel'man" not in html.unescape(re.sub(r"<[^>]+>", "", text))
