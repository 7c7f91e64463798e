"""For courses: citation metadata, licence, "Cite this page", glossary tooltips and
page, references, instructors' page. (Print and offline copy: tests/browser/.)"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from nn_site.pages import courses as courses_hooks
from nn_site.pages import glossary_marks
from nn_site.pages.citations import curly_quotes

ROOT = Path(__file__).resolve().parent.parent


class _Loader(yaml.SafeLoader):
    """mkdocs.yml has !ENV / !relative tags; their values do not matter here."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
TERMS = courses_hooks.read_glossary(ROOT / "includes" / "abbreviations.md")


def nav_pages(items=None) -> list[str]:
    out = []
    for item in items if items is not None else CONFIG["nav"]:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        out += nav_pages(value) if isinstance(value, list) else [value]
    return out


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


# --- citation metadata and licence --------------------------------------------------


def test_citation_cff_is_valid_cff_1_2_0():
    schema = json.loads((ROOT / "tests" / "data" / "cff-schema-1.2.0.json").read_text())
    jsonschema.validate(CFF, schema, format_checker=jsonschema.FormatChecker())
    assert CFF["cff-version"] == "1.2.0"
    assert CFF["authors"] == [{"name": "The Neural & Neuronal authors"}]  # an entity, not a person


def test_citation_cff_agrees_with_the_site():
    assert CFF["version"] == str(CONFIG["extra"]["release"])
    assert CFF["date-released"] == CONFIG["extra"]["date_released"]
    if "url" in CFF:  # written by scripts/release.py: the release's versioned URL
        assert CFF["url"].endswith(f"/{CFF['version']}/")
    assert set(CFF["license"]) == {"CC-BY-4.0", "MIT"}


def test_licence_file_holds_both_licences():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Permission is hereby granted, free of charge" in text  # MIT
    assert "Attribution 4.0 International Public License" in text
    assert "Section 8 -- Interpretation." in text  # the CC BY 4.0 legal code in full


# --- "Cite this page" -----------------------------------------------------------------


def test_every_page_has_a_citation_with_its_stable_url(published_site):
    site, root = published_site
    version = str(CONFIG["extra"]["release"])
    pages = html_pages(site)
    assert len(pages) >= len(nav_pages())
    for page in pages:
        text = page.read_text(encoding="utf-8")
        rel = page.relative_to(site).as_posix()
        whole_work = rel in ("index.html", "print_page/index.html")
        expected = f"{root}{version}/" + ("" if whole_work else rel.removesuffix("index.html"))
        assert 'id="cite-this-page"' in text, rel
        block = text[text.index('id="cite-this-page"'):]
        block = block[:block.index("</details>")]
        assert re.search(rf"\burl +=  ?\{{{re.escape(expected)}\}}", html.unescape(block)), rel
        assert f"Version {version}" in block, rel
        bibtex = html.unescape(re.search(r"<code[^>]*>(.*?)</code>", block, re.DOTALL)[1])
        assert bibtex.startswith("@misc{neural-neuronal") and bibtex.count("{") == bibtex.count("}"), rel
        assert "\\&" in bibtex  # '&' escaped for BibTeX


def test_cite_page_states_licences_and_version(site):
    text = (site / "cite" / "index.html").read_text(encoding="utf-8")
    assert "CC BY 4.0" in text and "MIT" in text
    assert f"(Version {CONFIG['extra']['release']})" in text


# --- glossary -----------------------------------------------------------------------

REQUIRED_TERMS = [
    "action potential", "axon", "axon hillock", "dendrite", "soma", "synapse", "neurotransmitter",
    "membrane potential", "threshold", "rheobase", "refractory period", "STDP", "LTP", "LTD",
    "Hebbian learning", "perceptron", "activation function", "ReLU", "sigmoid", "weight", "bias",
    "backpropagation", "gradient descent", "loss", "learning rate", "feedback alignment", "MLP",
    "LIF", "HH", "f–I curve",
]


def test_glossary_has_the_terms():
    assert set(REQUIRED_TERMS) <= set(TERMS)
    for term, definition in TERMS.items():
        assert len(definition.split()) >= 8 and definition.endswith("."), term


def test_glossary_variants():
    forms = courses_hooks.tooltip_forms({"synapse": "d", "bias": "e", "ReLU": "f"})
    assert set(forms) == {"synapse", "Synapse", "synapses", "Synapses", "bias", "Bias", "biases",
                          "Biases", "ReLU"}


def test_glossary_page_lists_every_term_once(site):
    text = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    terms = [html.unescape(t) for t in re.findall(r'<dt id="term-[^"]+">(.*?)</dt>', text)]
    # each as the page sets it: Dale’s principle, with a curly apostrophe (issue 29)
    assert terms == [curly_quotes(t) for t in sorted(TERMS, key=str.casefold)]


def test_tooltips_on_pages_but_never_in_code_headings_tables_captions_or_titles(site):
    """Marks only in running prose (issue 29): never in code, a heading, a table, a figure
    caption, an admonition title or a disclosure summary."""
    with_tooltips = 0
    not_prose = re.compile(
        r"<(pre|code|h[1-6]|table|figcaption|summary)\b.*?</\1>|<p class=\"admonition-title\">.*?</p>", re.DOTALL
    )
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        with_tooltips += "<abbr title=" in text
        for block in not_prose.finditer(text):
            assert "<abbr" not in block.group(0), f"{page}: tooltip outside running prose: {block.group(0)[:200]}"
        assert "&lt;abbr" not in text, f"{page}: escaped tooltip markup (in a heading or title?)"
        for attribute in re.findall(r'(?:alt|title|href|aria-label)="([^"]*)"', text):
            assert "<abbr" not in attribute
    assert with_tooltips >= 10
    transport = (site / "weight-transport" / "index.html").read_text(encoding="utf-8")
    # "weight" is a glossary term: the title has no tooltip, the text below has it
    assert re.search(r"<h1[^>]*>Weight transport<a class=\"headerlink\"", transport)
    # marked on first use only, focusable (nn_site/pages/glossary_marks.py)
    weight = f'<abbr title="{html.escape(TERMS["weight"], quote=True)}" tabindex="0">'
    assert transport.count(weight) == 1, transport.count(weight)
    mapping = (site / "hodgkin-huxley" / "index.html").read_text(encoding="utf-8")
    rheobase = f'<abbr title="{html.escape(TERMS["rheobase"], quote=True)}" tabindex="0">'
    assert mapping.count(rheobase) == 1


# --- references and instructors -------------------------------------------------------


def test_references_page_lists_the_whole_bibliography(site):
    keys = re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "docs" / "references.bib").read_text(encoding="utf-8"), re.M)
    text = (site / "references" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<li id="ref-([^"]+)" class="reference">', text)
    assert sorted(listed) == sorted(keys)
    assert 'href="../references.bib"' in text and (site / "references.bib").is_file()


def test_references_and_glossary_are_grouped_by_letter_with_a_letter_strip(site):
    # Visual review C: ~200 sources and ~130 terms had no way in. Each page has a strip of
    # letter links, and every letter heading it links holds only entries of that letter.
    for page, entry in (("references", r'<li id="ref-([^"]+)" class="reference">'),  # keys are surname + year
                        ("glossary", r'<dt id="term-[^"]+">([^<]*)</dt>')):
        text = html.unescape((site / page / "index.html").read_text(encoding="utf-8"))
        strip = re.search(r'<nav class="glossary-letters"[^>]*>(.*?)</nav>', text, re.S)
        letters = re.findall(r'href="#letter-([a-z])"', strip[1])
        assert len(letters) >= 15 and letters == sorted(letters), (page, letters)
        sections = re.split(r'<h2 id="letter-([a-z]+)"', text)[1:]
        assert [s for s in sections[0::2] if s != "other"] == letters, page
        for letter, body in zip(sections[0::2], sections[1::2]):
            names = re.findall(entry, body.split("<h2", 1)[0])
            assert names and all(n.strip()[0].lower() == letter for n in names if letter != "other"), (page, letter)


def test_instructors_page_covers_the_course(site):
    source = (ROOT / "docs" / "instructors.md").read_text(encoding="utf-8")
    for page in nav_pages():
        if page in {"index.md", "instructors.md"}:
            continue
        assert f"]({page})" in source, f"instructors.md does not link {page}"
    for needed in ("make serve", "make test", "make offline", "Print / PDF", "Exercises", "Cite this page",
                   "One lecture", "Three lectures", "Learning goals"):
        assert needed in source, needed


@pytest.mark.slow  # runs print-site's own (slow) anchor code over every page
def test_faster_print_anchor_ids_give_what_print_site_gives(site):
    """courses_hooks replaces mkdocs-print-site's update_anchor_ids with a faster
    equivalent; on every built page it must return exactly what the original returns."""
    import importlib

    original = importlib.reload(importlib.import_module("mkdocs_print_site_plugin.urls")).update_anchor_ids
    try:
        assert original is not courses_hooks._update_anchor_ids
        pages = sorted(site.rglob("index.html"))
        assert len(pages) > 20
        changed = 0
        for page in pages:
            text = page.read_text(encoding="utf-8")
            ours = courses_hooks._update_anchor_ids(text, "key")
            assert ours == original(text, "key"), page
            changed += ours != text
        assert changed > 20  # headings got the page key: the comparison saw real work
    finally:
        importlib.reload(importlib.import_module("mkdocs_print_site_plugin.urls"))
        courses_hooks.print_site_urls.update_anchor_ids = courses_hooks._update_anchor_ids


def test_print_page_images_are_all_lazy(site):
    """Every image of the print page is lazy, the light copies that paper shows too: each
    SVG figure loaded at once was parsed and styled before the page was ready (the
    plugin's own clean-up leaves some without loading="lazy"). Paper gets them all the
    same: tests/browser/test_print.py (beforeprint) and the book PDF."""
    import re

    imgs = re.findall(r"<img\b[^>]*>", (site / "print_page" / "index.html").read_text(encoding="utf-8"))
    light = [i for i in imgs if '#only-dark"' not in i]
    dark = [i for i in imgs if '#only-dark"' in i]
    assert len(light) > 60 and len(dark) > 60
    assert [i[:120] for i in imgs if 'loading="lazy"' not in i] == []
    assert sum('src="../notebooks/' in i for i in light) >= 6  # notebook figures, which the plugin left eager


def test_search_index_holds_prose_not_program_listings(site):
    """A search result shows prose: no snippet's Python source is in the index, while
    its title, its printed output and the page's prose are (nn_site/pages/search_index.py)."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = "\n".join(doc["text"] for doc in docs)
    source = (ROOT / "snippets" / "integrate_and_fire" / "lif.py").read_text(encoding="utf-8")
    code_lines = [line.strip() for line in source.splitlines()
                  if line.strip().startswith(("def ", "import ", "for ", "return "))]
    assert code_lines, "lif.py has code lines to look for"
    assert not [line for line in code_lines if line in text], "Python source in the search index"
    assert "snippets/integrate_and_fire/lif.py" in text  # the listing's title
    assert "rheobase" in text  # printed output and prose


def test_print_page_sets_collapsed_listings_as_plain_text(site):
    """On the print page (every page in one document) a collapsed code listing holds no
    highlighting <span>s (38,600 of its 70,000 elements before) and no <code> (Material
    would mount each before DOMContentLoaded), and each is the same code,
    character for character, as the listing on its own page."""
    from collections import Counter

    from nn_site.print import page as print_page

    from helpers import page_text

    printed = print_page.COLLAPSED_LISTING.findall((site / "print_page" / "index.html").read_text(encoding="utf-8"))
    assert len(printed) > 50
    assert [head[-120:] for head, body, _ in printed if "<span" in body or "<code" in body] == []
    # nor does what a listing's snippet printed, in the same closed <details>
    whole = print_page.LISTING_DETAILS.findall((site / "print_page" / "index.html").read_text(encoding="utf-8"))
    assert len(whole) == len(printed) and sum("Output of " in listing for listing in whole) > 20
    assert [listing[:120] for listing in whole if "<code" in listing] == []
    on_pages = Counter()
    for page in site.rglob("index.html"):
        if page.parent.name != "print_page":
            listings = print_page.COLLAPSED_LISTING.findall(page.read_text(encoding="utf-8"))
            assert all("<span" in body for _, body, _ in listings), page  # highlighted there
            on_pages.update(page_text(body) for _, body, _ in listings)
    assert Counter(page_text(body) for _, body, _ in printed) == on_pages


def test_glossary_marks_are_sparse_on_every_page(site):
    """Once per term per page, and never two within about a line of text (issue 29: the
    instructors' page had 47 dotted words, five of them in one line's list of parts)."""
    counts = {}
    for page in html_pages(site):
        if page.parent.name == "print_page":  # every page again, each section marked as its page
            continue
        text = page.read_text(encoding="utf-8")
        marks = list(re.finditer(r'<abbr title="([^"]*)"[^>]*>.*?</abbr>', text, re.DOTALL))
        titles = [m[1] for m in marks]
        assert len(titles) == len(set(titles)), f"{page}: a term marked twice"
        for before, after in zip(marks, marks[1:]):
            gap = len(re.sub(r"<[^>]+>", "", text[before.end() : after.start()]))
            assert gap >= glossary_marks.MIN_GAP, f"{page}: {before[0][-40:]!r} and {after[0][-40:]!r} {gap} apart"
        counts[page.parent.name] = len(marks)
    assert counts["instructors"] <= 32, counts["instructors"]  # 47 before the spacing rule, 31 with it
