"""The glossary, one source, two renderings (moved verbatim from courses_hooks.py).

``includes/abbreviations.md`` holds every term once, in Markdown's abbreviation syntax
(``*[axon]: The long ...``). At ``on_config`` the terms go into the ``abbr`` extension's
``glossary`` option, so every page shows the definition as a tooltip wherever the whole
word appears in prose (never inside code: Python-Markdown stores code as atomic text).
Each term also matches with a capital first letter and in the plural. The Glossary page
replaces the marker ``<!-- glossary -->`` with the same terms as a definition list.

A definition cites as a page does (``[@kandel2021, ch. 10]``) and may hold inline math
(``$\\max(0, z)$``; issue 29, "Reading 2"). The Glossary page links the citations to its
reference list and typesets the math as every page does; a tooltip, which is plain text,
shows the citation as "(Kandel et al. 2021, ch. 10)" and the math as text ("max(0, z)"),
through ``plain_text``. Only the few TeX commands in ``PLAIN_TEX`` may appear, so that a
tooltip never shows a backslash.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from nn_site.pages import quantities
from nn_site.pages.citations import CITATION, curly_quotes, parse_citation

GLOSSARY_SOURCE = Path("includes") / "abbreviations.md"
GLOSSARY_MARKER = "<!-- glossary -->"
TERM = re.compile(r"^\*\[(?P<term>[^\]]+)\]:[ \t]*(?P<definition>\S.*)$")
HEADING = re.compile(r"<h([1-6])\b[^>]*>.*?</h\1>", re.DOTALL)
ABBR = re.compile(r"<abbr title=\"[^\"]*\">(.*?)</abbr>", re.DOTALL)


def read_glossary(path: Path) -> dict[str, str]:
    """``*[term]: definition`` lines -> {term: definition}; other lines must be blank or ``<!-- -->``.
    A ``[[q:key]]`` in a definition becomes the value of the register of quantities
    (``<root>/includes/quantities.yml``, nn_site/pages/quantities.py) as plain text."""
    terms: dict[str, str] = {}
    try:
        register = quantities.load(path.resolve().parent.parent)
    except quantities.QuantityError as exc:
        raise PluginError(f"quantities: {exc}") from None
    in_comment = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if in_comment or stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            continue
        if not stripped:
            continue
        match = TERM.match(stripped)
        if not match:
            raise PluginError(f"{path}:{number}: not a glossary line '*[term]: definition': {line!r}")
        term, definition = match["term"].strip(), match["definition"].strip()
        try:
            definition = quantities.expand(definition, str(path), register, glossary=True, first_line=number)
        except quantities.QuantityError as exc:
            raise PluginError(f"quantities: {exc}") from None
        if term in terms:
            raise PluginError(f"{path}:{number}: '{term}' is defined twice")
        # Quotes and apostrophes set curly, as smarty sets the pages' (mkdocs.yml): a
        # definition reaches the glossary and its tooltips as plain text, past smarty.
        terms[term] = curly_quotes(definition)
    return terms


MATH = re.compile(r"\$(?P<tex>[^$]+)\$")
# The TeX a definition may use, as a tooltip shows it.
PLAIN_TEX = {
    r"\max": "max",
    r"\cdot": "·",
    r"\leftarrow": "←",
    r"\eta": "η",
    r"\partial ": "∂",  # set close to its letter: ∂L, not ∂ L
    r"\partial": "∂",
    r"\,": "",
}
BOLD = re.compile(r"\\mathbf\{(?P<x>[^{}]*)\}")
SUPERSCRIPT = re.compile(r"\^\{(?P<x>[^{}]*)\}")
SUPERSCRIPT_CHARS = str.maketrans("-+0123456789z", "⁻⁺⁰¹²³⁴⁵⁶⁷⁸⁹ᶻ")


def plain_math(tex: str) -> str:
    """Inline TeX as a tooltip shows it: ``1/(1 + e^{-z})`` -> "1/(1 + e⁻ᶻ)". A command
    not in ``PLAIN_TEX`` (or a superscript with other characters) is an error."""
    text = BOLD.sub(r"\g<x>", tex)

    def superscript(match: re.Match) -> str:
        if set(match["x"]) - set("-+0123456789z"):
            raise ValueError(f"superscript {match[0]!r} has no plain-text form")
        return match["x"].translate(SUPERSCRIPT_CHARS)

    text = SUPERSCRIPT.sub(superscript, text)
    for command, plain in sorted(PLAIN_TEX.items(), key=lambda item: -len(item[0])):
        text = text.replace(command, plain)
    if "\\" in text or "{" in text or "^" in text or "_" in text:
        raise ValueError(f"${tex}$ has TeX with no plain-text form (add it to glossary.PLAIN_TEX)")
    return re.sub(r" {2,}", " ", text.replace("-", "\u2212")).strip()


def plain_text(definition: str, label) -> str:
    """A definition as its tooltip shows it: citations as "(Author Year, ch. 3)", with
    ``label(key)`` the bibliography's label, and math as text (``plain_math``)."""

    def citation(match: re.Match) -> str:
        items = parse_citation(match["body"])
        parts = []
        for prefix, key, locator in items:
            text = html.unescape(label(key)) + (f", {locator}" if locator else "")
            parts.append(f"{prefix} {text}" if prefix else text)
        return "(" + "; ".join(parts) + ")"

    return MATH.sub(lambda m: plain_math(m["tex"]), CITATION.sub(citation, definition))


def definition_html(definition: str) -> str:
    """A definition as the Glossary page sets it: escaped, its math as arithmatex writes
    inline math (the build typesets it), its citations left for the build to link."""
    parts = MATH.split(definition)  # odd items: the TeX between $...$
    return "".join(
        f'<span class="arithmatex">\\({html.escape(part, quote=False)}\\)</span>' if i % 2 else html.escape(part)
        for i, part in enumerate(parts)
    )


def plural(term: str) -> str:
    if term.endswith(("s", "x", "sh", "ch")):
        return term + "es"
    return term + "s"


def tooltip_forms(terms: dict[str, str]) -> dict[str, str]:
    """Every form of every term that gets the tooltip: as written, with a capital first
    letter (a term that starts a sentence), and, for lower-case terms, in the plural."""
    forms: dict[str, str] = {}
    for term, definition in terms.items():
        variants = [term, term[0].upper() + term[1:]]
        if term[0].islower():
            variants += [plural(term), plural(term[0].upper() + term[1:])]
        for variant in variants:
            forms.setdefault(variant, definition)
    return forms


def term_anchor(term: str) -> str:
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def untooltip_headings(html_: str) -> str:
    """Headings without tooltips: a dotted word in every title is noise, and the same
    term gets its tooltip in the text below. (The abbr extension has no such option.)"""
    return HEADING.sub(lambda m: ABBR.sub(r"\1", m[0]) if "<abbr" in m[0] else m[0], html_)


def by_first_letter(items, name) -> dict[str, list]:
    """``items`` (in their order) grouped by the first letter of ``name(item)``, upper case;
    an item whose name starts with anything else goes under "#". The glossary's terms and
    the references page's sources (nn_site/build.py) are listed this way."""
    groups: dict[str, list] = {}
    for item in items:
        first = name(item)[:1].upper()
        groups.setdefault(first if first.isalpha() else "#", []).append(item)
    return groups


def letter_anchor(letter: str) -> str:
    """The id of a letter's heading: "letter-a", and "letter-other" for "#"."""
    return "letter-" + ("other" if letter == "#" else letter.lower())


def glossary_html(terms: dict[str, str]) -> str:
    """The terms in alphabetical order under a heading per letter ("## A", so the page's
    table of contents lists the letters), after a strip of links to the letters: some 130
    terms need a way in. Markdown, spliced into the page before it is converted."""
    groups = by_first_letter(sorted(terms, key=str.casefold), str)
    strip = " ".join(f'<a href="#{letter_anchor(letter)}">{letter}</a>' for letter in groups if letter != "#")
    parts = [f'<nav class="glossary-letters" aria-label="Terms by first letter">{strip}</nav>']
    for letter, group in groups.items():
        items = [
            f'<dt id="{term_anchor(t)}">{html.escape(curly_quotes(t), quote=False)}</dt>\n<dd>{definition_html(terms[t])}</dd>'
            for t in group
        ]
        parts.append(
            f"## {letter} {{#{letter_anchor(letter)}}}\n\n" + '<dl class="glossary">\n' + "\n".join(items) + "\n</dl>"
        )
    return "\n\n".join(parts)
