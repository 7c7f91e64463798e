"""Every number with a unit on a page has a citation or a computation next to it
(CONTRIBUTING.md, "Numbers"). The rules, exactly:

- A *number with a unit* is a number (123, 1.5, 1,926, 10^6 in math, ranges like 3 to 8 or
  6.25–6.30) followed by one of UNITS (ms, mV, Hz, nA, µA/cm², W, %, kg, ...).
- *Next to* means in the same block: a paragraph, a list item, a table row, or a glossary line.
- A block has a *citation* if it contains [@key] (on a page) or "Author Year" in parentheses
  (in the glossary, whose tooltips cannot hold links). It has a *computation* if it shows
  one: a math expression with "=", "\\approx" or "\\times", a reference to a figure ("Figure
  N", "the figure") or to a snippet or a test ("snippet", ".py", "printed", "the site's
  tests", "the test file", "simulat", "the code"). A table row or list item is also next
  to its lead-in paragraph, and a table row to the paragraph right after the table.
- Skipped: fenced code and ```snippet / ```ledger blocks (the build computes or renders
  them), inline code, headings, the Exercises section and the "What you should find"
  boxes (their answers are parsed and checked against the computation by
  tests/test_exercise_answers.py, which also fails on an answer with no check).
- A number from the register of quantities, [[q:key]], is checked as the build prints it
  (nn_site/pages/quantities.py): it too needs a citation ([[q:key|cite]] adds one) or a computation.
- ALLOWED lists, per page, the few numbers that need neither (a definition, a unit
  conversion, a value the reader is asked to assume).
"""

from __future__ import annotations

import re

import pytest

from nn_site.pages import quantities

from conftest import ROOT

REGISTER = quantities.load(ROOT)

DOCS = ROOT / "docs"
UNITS = (r"ms|s|Hz|kHz|mV|V|nA|pA|µA/cm²|mS/cm²|µF/cm²|MΩ|µS|nS|W|mW|kW|MW|pJ|nJ|J|kJ|kcal|"
         r"mL|L|kg|g|cm|mm|µm|nm|m/s|°C|%|percent|bits?|GB|TB|FLOPs?|synapses|neurons")
NUMBER = re.compile(rf"(?<![\w.])(?P<num>\d[\d,]*(?:\.\d+)?(?:\s?(?:to|–|-)\s?\d[\d,]*(?:\.\d+)?)?)"
                    rf"\s?(?P<unit>{UNITS})(?![\w/²])")
CITED = re.compile(r"\[(?:[A-Za-z][\w. ]{0,20}\s)?@[\w:-]+")
GLOSSARY_CITED = re.compile(r"\b[A-Z][\w'-]+(?: et al\.| & [A-Z][\w'-]+|, [A-Z][\w'-]+ & [A-Z][\w'-]+)? (?:1[6-9]|20)\d\d\b")
COMPUTED = re.compile(r"\$[^$]*(?:=|\\approx|\\times)[^$]*\$|Figure \d|the figure|snippet|\.py\b|printed|"
                      r"the site's tests|the test file|simulat|the code", re.IGNORECASE)
FINDINGS = re.compile(r'^\?\?\? success "What you should find"\n(?:[ \t]+.*\n|\n)+', re.MULTILINE)
FENCE = re.compile(r"^(?P<i>[ \t]*)(?P<f>```+|~~~+).*?^(?P=i)(?P=f)[ \t]*$", re.MULTILINE | re.DOTALL)

# page -> numbers (as matched, e.g. "70 kg") that need no source: say why.
ALLOWED = {
    # a unit identity, not a claim
    "integrate-and-fire.md": {"1 MΩ", "1 nA", "1 mV"},
}


def blocks(text: str):
    """(first line, text) of every paragraph, list item and table row outside code and Exercises."""
    text = FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    text = FINDINGS.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    text = text.split("\n## Exercises", 1)[0]
    current, start = [], 1
    for n, line in enumerate(text.split("\n") + [""], 1):
        stripped = line.strip()
        new_item = (stripped.startswith(("|", "- ", "* ", "*[")) or re.match(r"\d+\. ", stripped)
                    or line.startswith("#"))
        if not stripped or new_item:
            if current:
                yield start, " ".join(current)
            current, start = [], n
        if stripped and not line.startswith("#"):
            if not current:
                start = n
            current.append(stripped)
            if stripped.startswith(("|", "*[")):
                yield start, " ".join(current)
                current = []


def unsourced(name: str, text: str, glossary: bool = False):
    found = []
    listed = list(blocks(text))

    def sourced(block: str) -> bool:
        plain = re.sub(r"`[^`]*`", "", block)
        return bool(CITED.search(plain) or COMPUTED.search(block) or (glossary and GLOSSARY_CITED.search(plain)))

    for i, (line, block) in enumerate(listed):
        if sourced(block):
            continue
        if block.startswith(("|", "- ", "* ")) or re.match(r"\d+\. ", block):
            # a table row or list item is next to its lead-in (the paragraph before the
            # table or list) and, for a table, its caption (the paragraph after it)
            j = i
            while j > 0 and (listed[j - 1][1][:1] == block[0] or re.match(r"\d+\. ", listed[j - 1][1])):
                j -= 1
            k = i
            while k + 1 < len(listed) and listed[k + 1][1].startswith(block[0]):
                k += 1
            around = [listed[j - 1][1]] if j > 0 else []
            if block.startswith("|") and k + 1 < len(listed):
                around.append(listed[k + 1][1])
            if any(sourced(b) for b in around):
                continue
        plain = re.sub(r"`[^`]*`", "", block)
        for m in NUMBER.finditer(re.sub(r"<[^>]+>", "", plain)):
            if m.group(0) not in ALLOWED.get(name, set()):
                found.append(f"{name}:{line}: '{m.group(0)}' has no citation or computation in its block")
    return found


PAGES = sorted(p.name for p in DOCS.glob("*.md"))


@pytest.mark.parametrize("name", PAGES)
def test_every_number_with_a_unit_is_sourced(name):
    text = quantities.expand((DOCS / name).read_text(encoding="utf-8"), name, REGISTER)
    problems = unsourced(name, text)
    assert not problems, "\n".join(problems)


def test_glossary_numbers_are_sourced():
    text = (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    text = quantities.expand(text, "includes/abbreviations.md", REGISTER, glossary=True)
    problems = unsourced("includes/abbreviations.md", text, glossary=True)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("planted", ["The spike lasts about 3 ms.", "| Rest | −70 mV |",
                                     "*[spike]: A pulse of about 100 mV."])
def test_an_unsourced_number_is_caught_with_page_line_and_number(planted):
    text = "# T\n\nA cited claim of 5 ms [@hodgkin1952].\n\nA lead-in with no source.\n\n" + planted + "\n"
    [problem] = unsourced("x.md", text, glossary=planted.startswith("*["))
    assert problem.startswith("x.md:7: '") and re.search(r"\d+ (ms|mV)'", problem)
