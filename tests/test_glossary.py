"""The glossary's citations and math (issue 29, "Reading 2"): linked and typeset on the
Glossary page, plain text in the tooltips (nn_site/pages/glossary.py)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from nn_site.pages import glossary

ROOT = Path(__file__).resolve().parent.parent
TERMS = glossary.read_glossary(ROOT / "includes" / "abbreviations.md")
LABELS = {"kandel2021": "Kandel et al. 2021", "pfeffer2013": "Pfeffer et al. 2013", "pi2013": "Pi et al. 2013"}


@pytest.mark.parametrize(
    ("tex", "plain"),
    [
        (r"\max(0, z)", "max(0, z)"),
        (r"1/(1 + e^{-z})", "1/(1 + e⁻ᶻ)"),
        (r"z = \mathbf{w} \cdot \mathbf{x} + b", "z = w · x + b"),
        (r"w \leftarrow w - \eta \, \partial L / \partial w", "w ← w − η ∂L / ∂w"),
    ],
)
def test_a_tooltip_shows_math_as_text(tex, plain):
    assert glossary.plain_math(tex) == plain


@pytest.mark.parametrize("tex", [r"\sigma(z)", r"x_i", r"e^{-x}"])
def test_tex_a_tooltip_cannot_show_is_refused(tex):
    with pytest.raises(ValueError):
        glossary.plain_math(tex)


def test_a_tooltip_shows_a_citation_as_author_year():
    text = "Rests near −70 mV [@kandel2021, ch. 9]. VIP cells disinhibit [@pfeffer2013; @pi2013]."
    assert glossary.plain_text(text, LABELS.__getitem__) == (
        "Rests near −70 mV (Kandel et al. 2021, ch. 9). VIP cells disinhibit (Pfeffer et al. 2013; Pi et al. 2013)."
    )


YEAR_IN_TEXT = re.compile(r"\b(?:1[89]\d\d|20[0-2]\d)\b")


def test_every_citation_in_the_glossary_source_is_a_key():
    """A year in a definition is a citation key's, not "(Author 1990)" typed as text: the
    glossary page would show it unlinked (it did for 60 sources)."""
    for term, definition in TERMS.items():
        bare = glossary.CITATION.sub("", definition)
        assert not YEAR_IN_TEXT.search(bare), f"{term}: a year outside a [@key] citation: {bare}"
    assert sum(len(glossary.CITATION.findall(d)) for d in TERMS.values()) >= 60


def test_glossary_page_links_its_citations_and_typesets_its_math(site):
    text = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    definitions = dict(re.findall(r'<dt id="(term-[^"]+)">.*?</dt>\s*<dd>(.*?)</dd>', text, re.DOTALL))
    assert len(definitions) == len(TERMS)
    for anchor, body in definitions.items():
        assert "[@" not in body and "$" not in body, f"{anchor}: raw citation or TeX: {body[:200]}"
    links = re.findall(r'<span class="citation">\(<a href="#ref-([\w:-]+)">', text)
    assert len(links) >= 60
    # every linked source is in the page's own reference list
    listed = set(re.findall(r'<li id="ref-([\w:-]+)" class="reference">', text))
    assert set(links) <= listed
    for anchor in ("term-relu", "term-sigmoid", "term-weighted-sum", "term-gradient-descent", "term-hh"):
        assert "<math" in definitions[anchor], f"{anchor}: its formula is not typeset"
    assert "LeCun et al. 2015</a>" in definitions["term-relu"]


def test_tooltips_are_plain_text_everywhere(site):
    titles = set()
    for page in site.rglob("*.html"):
        titles.update(re.findall(r'<abbr title="([^"]*)"', page.read_text(encoding="utf-8")))
    titles = {html.unescape(t) for t in titles}
    assert titles
    for title in titles:
        assert "[@" not in title and "$" not in title and "\\" not in title, title
    assert any("max(0, z)," in t and "(LeCun et al. 2015)" in t for t in titles)
    assert any("1/(1 + e⁻ᶻ)" in t for t in titles)
