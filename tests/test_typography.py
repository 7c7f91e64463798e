"""Numbers set as a book sets them, in prose and captions only (nn_site/pages/typography.py),
and the built site holds no hyphen-minus before a number nor comma thousands in its prose."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from nn_site.pages.typography import grouped, typeset

from helpers import output_blocks

NNBSP, NBSP, MINUS, EN = "\u202f", "\u00a0", "\u2212", "\u2013"


@pytest.mark.parametrize(
    ("written", "set_as"),
    [
        ("<p>rest at -70 mV</p>", f"<p>rest at {MINUS}70{NBSP}mV</p>"),
        ("<p>(-0.25 and = -3)</p>", f"<p>({MINUS}0.25 and = {MINUS}3)</p>"),
        ("<p>between 10-20 Hz</p>", f"<p>between 10{EN}20{NBSP}Hz</p>"),
        (
            "<p>20000 synapses, 1,000 cells, 86,000,000,000 neurons</p>",
            f"<p>20{NNBSP}000 synapses, 1000 cells, 86{NNBSP}000{NNBSP}000{NNBSP}000 neurons</p>",
        ),
        ("<p>5 ms, 2.5 µA/cm², 640 pJ, 3 s</p>", f"<p>5{NBSP}ms, 2.5{NBSP}µA/cm², 640{NBSP}pJ, 3{NBSP}s</p>"),
        ("<li>a 2 mm cable</li>", f"<li>a 2{NBSP}mm cable</li>"),
        ("<p>Left - closed form; (w - 3)</p>", f"<p>Left {EN} closed form; (w - 3)</p>"),
        # Left as written: words, dates, identifiers and decimals that only look like rules.
        (
            "<p>x-1, layer-2, 2026-11-22, 0.12345, page #12345, 3 mice, 1 mole</p>",
            "<p>x-1, layer-2, 2026-11-22, 0.12345, page #12345, 3 mice, 1 mole</p>",
        ),
        (
            "<p>see https://example.org/10-20 or doi:10.1016/0025-5564(74)90031-5</p>",
            "<p>see https://example.org/10-20 or doi:10.1016/0025-5564(74)90031-5</p>",
        ),
    ],
)
def test_numbers_in_prose(written, set_as):
    assert typeset(written) == set_as


def test_code_math_tables_references_and_attributes_are_untouched():
    untouched = (
        "<pre><code>x = -1  # 10-20, 20000 ms</code></pre>"
        "<p><code>-5 mV</code> <kbd>-1</kbd> <samp>1,000</samp></p>"
        '<math display="block"><mo>-</mo><mn>70</mn></math>'
        "<table><tr><td>-7</td><td>12,345</td></tr></table>"
        '<li id="ref-hebb1949">pp. 12345-12400</li>'
        "<script>var a = 10-20;</script><style>.a{margin:-1px}</style>"
    )
    assert typeset(untouched) == untouched
    tip = '<abbr title="rest at -70 mV, 20000 cells" tabindex="0">-70 mV</abbr>'
    assert typeset(tip) == f'<abbr title="rest at -70 mV, 20000 cells" tabindex="0">{MINUS}70{NBSP}mV</abbr>'
    alt = '<img alt="from -70 mV to 20 mV" src="a.svg"> at -70 mV'
    assert typeset(alt) == f'<img alt="from -70 mV to 20 mV" src="a.svg"> at {MINUS}70{NBSP}mV'
    # Prose after a skipped element is set again; nested elements inside it are counted.
    code = "<pre><code><span>-1</span></code></pre>"
    assert typeset(f"{code}<p>-1</p>") == f"{code}<p>{MINUS}1</p>"


@pytest.mark.parametrize(
    ("written", "set_as"),
    [
        # a spaced hyphen between a word and inline math, on either side of the <math>
        ("<p>below it - <math><mi>m</mi></math> opens</p>", f"<p>below it {EN} <math><mi>m</mi></math> opens</p>"),
        ("<p><math><mi>h</mi></math> - closes it</p>", f"<p><math><mi>h</mi></math> {EN} closes it</p>"),
        ("<p>rises <math><mi>m</mi></math> - and</p>", f"<p>rises <math><mi>m</mi></math> {EN} and</p>"),
        # between a word and a number
        ("<figcaption>Top - 1-ms pulses</figcaption>", f"<figcaption>Top {EN} 1-ms pulses</figcaption>"),
        # before a one-letter word ("4 times - a network", and a gallery's flattened "it - m opens")
        ("<figcaption>4 times - a network</figcaption>", f"<figcaption>4 times {EN} a network</figcaption>"),
        # left as written: math's own minus, a hyphen touching the math, arithmetic between letters
        ("<p>a <math><mi>x</mi><mo>-</mo><mn>1</mn></math> b</p>", "<p>a <math><mi>x</mi><mo>-</mo><mn>1</mn></math> b</p>"),
        ("<p>an <math><mi>m</mi></math>-gate and x - <math><mi>y</mi></math></p>",
         "<p>an <math><mi>m</mi></math>-gate and x - <math><mi>y</mi></math></p>"),
        ("<p><code>a</code> - <math><mi>y</mi></math></p>", "<p><code>a</code> - <math><mi>y</mi></math></p>"),
    ],
)
def test_spaced_hyphen_next_to_math_or_a_number_is_a_dash(written, set_as):
    assert typeset(written) == set_as


@pytest.mark.parametrize(
    ("written", "set_as"),
    [
        # one dash convention: every em dash in prose is a spaced en dash
        ("<p>side by side — the words</p>", f"<p>side by side {EN} the words</p>"),
        ("<p>side by side&mdash;the words</p>", f"<p>side by side {EN} the words</p>"),
        ("<li><a href=\"m.md\">Mapping</a> — the parts</li>", f"<li><a href=\"m.md\">Mapping</a> {EN} the parts</li>"),
        ("<p>axon, synapses —\nthen</p>", f"<p>axon, synapses {EN} \nthen</p>"),
        # left as written: code, math, tables and attributes
        ('<p title="a — b"><code>a — b</code></p>', '<p title="a — b"><code>a — b</code></p>'),
        ("<table><tr><td>—</td></tr></table>", "<table><tr><td>—</td></tr></table>"),
    ],
)
def test_em_dashes_in_prose_are_spaced_en_dashes(written, set_as):
    assert typeset(written) == set_as
    assert typeset(written, numbers=False) == set_as


def test_a_notebook_keeps_its_numbers_but_not_its_em_dashes():
    assert typeset("<p>-70 mV — rest</p>", numbers=False) == f"<p>-70 mV {EN} rest</p>"


def test_the_print_page_sets_each_section_as_its_page_is_set():
    """The print page holds the pages' content from before their typography (hooks.py):
    each page's section is set there, a notebook's with its numbers left as written, and
    the reference list (its ids prefixed by the page's key) as the source prints it."""
    from nn_site.print.page import typeset_sections

    page = (
        '<section class="print-page" id="mapping"><p>rest at -70 mV, 20000 cells - all</p>'
        '<ul class="references"><li id="mapping-ref-x" class="reference">18(24):10464-10472</li></ul></section>'
    )
    notebook = '<section class="print-page" id="notebooks-x"><div class="jupyter-wrapper"><p>-70 mV — rest</p></div></section>'
    assert typeset_sections(page + notebook) == (
        f'<section class="print-page" id="mapping"><p>rest at {MINUS}70{NBSP}mV, 20{NNBSP}000 cells {EN} all</p>'
        '<ul class="references"><li id="mapping-ref-x" class="reference">18(24):10464-10472</li></ul></section>'
        f'<section class="print-page" id="notebooks-x"><div class="jupyter-wrapper"><p>-70 mV {EN} rest</p></div></section>'
    )


@pytest.mark.parametrize(
    ("written", "set_as"),
    [
        # an opening bracket stays with the inline equation it opens, and the closing
        # punctuation after the equation with it (issue 29, fifth review: "(" at a line end)
        ("<p>set (<math><mi>a</mi></math>), then</p>",
         '<p>set <span class="nn-nowrap">(<math><mi>a</mi></math>),</span> then</p>'),
        ("<p>[<math><mi>b</mi></math><sup>2</sup>]</p>",
         '<p><span class="nn-nowrap">[<math><mi>b</mi></math></span><sup>2</sup>]</p>'),
        ("<p>(<math><mi>a</mi></math> and b)</p>", '<p><span class="nn-nowrap">(<math><mi>a</mi></math></span> and b)</p>'),
        # and the punctuation right after an inline equation stays with it: a "." or ","
        # never starts a line (visual review 6)
        ("<p>weight <math><mi>w</mi></math>, and <math><mi>x</mi></math>.</p>",
         '<p>weight <span class="nn-nowrap"><math><mi>w</mi></math>,</span> and '
         '<span class="nn-nowrap"><math><mi>x</mi></math>.</span></p>'),
        ("<p><math><mi>a</mi></math> is <math><mi>b</mi></math></p>",
         "<p><math><mi>a</mi></math> is <math><mi>b</mi></math></p>"),
        # left as written: a display equation, a bracket in code, a bracket after a space
        ('<p>(<math display="block"><mi>a</mi></math>)</p>', '<p>(<math display="block"><mi>a</mi></math>)</p>'),
        ("<p><code>f(</code><math><mi>a</mi></math></p>", "<p><code>f(</code><math><mi>a</mi></math></p>"),
        ("<p>( <math><mi>a</mi></math></p>", "<p>( <math><mi>a</mi></math></p>"),
        # a per cent sign and a power of ten never break from their number
        ("<p>90.3 % of 6.5 × 10⁵</p>", f"<p>90.3{NNBSP}% of 6.5{NBSP}×{NBSP}10⁵</p>"),
        # nor does a unit from a power of ten (10⁻⁶ ms, 10⁻³ mV: superscript digits)
        ("<p>10⁻⁶ ms and 10⁻³ mV, 10² %</p>", f"<p>10⁻⁶{NBSP}ms and 10⁻³{NBSP}mV, 10²{NNBSP}%</p>"),
        # apostrophes and paired quotes curly, in prose only
        ("<p>Dale's units' \"rate\"</p>", "<p>Dale\u2019s units\u2019 \u201crate\u201d</p>"),
        ("<p>Feigel&#x27;man 1988</p>", "<p>Feigel\u2019man 1988</p>"),
        ("<p><code>a's \"b\"</code></p>", "<p><code>a's \"b\"</code></p>"),
    ],
)
def test_brackets_per_cent_powers_and_quotes(written, set_as):
    assert typeset(written) == set_as


def test_thousands_grouping():
    assert grouped("1500") == "1500"
    assert grouped("10000") == f"10{NNBSP}000"
    assert grouped("1234567") == f"1{NNBSP}234{NNBSP}567"


PROSE_SKIP = re.compile(
    r"<(code|pre|math|script|style|table|kbd|samp|svg)\b.*?</\1>|<li id=\"(?:[\w-]+-)?ref-.*?</li>", re.S
)
# A notebook's section of the print page: numbers as its author wrote them, as on its page.
NOTEBOOK_SECTION = re.compile(r'<section class="print-page" id="notebooks-.*?(?=<section class="print-page" id=|\Z)', re.S)


TITLE = re.compile(r"<title>.*?</title>", re.S)  # the theme's "Page - Site" in the browser's tab


def prose_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", PROSE_SKIP.sub(" ", html))


def test_built_prose_uses_one_dash_convention(site: Path):
    # Every page, the notebooks and the print page included: no em dash beside the en dash.
    problems = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        if relative.startswith("assets/"):
            continue
        text = prose_text(TITLE.sub(" ", file.read_text(encoding="utf-8"))).replace("&mdash;", "\u2014")
        problems += [f"{relative}: {m[0]!r}" for m in re.finditer(r".{0,30}\u2014.{0,30}", text)]
        # nor a hyphen with a space each side for a dash ("4 times - a network"): an en dash
        # (the theme's own "404 - Not found" page aside)
        if relative != "404.html":
            problems += [f"{relative}: a spaced hyphen: {m[0]!r}" for m in re.finditer(r".{0,30}\w - \w.{0,30}", text)]
    assert not problems, "\n".join(problems[:30])


def test_built_prose_has_real_minus_signs_and_one_thousands_convention(site: Path):
    problems = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        if relative.startswith(("assets/", "notebooks/")):
            continue
        text = prose_text(NOTEBOOK_SECTION.sub(" ", file.read_text(encoding="utf-8")))
        for pattern, what in (
            (r"(?:^|[\s(=])-\d", "a hyphen-minus before a number"),
            (r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\d,])", "comma thousands"),
            (r"\d \b(?:mV|ms|Hz|pA|nA)\b", "a breakable space before a unit"),
            (r"(?<![\w.,])\d{1,3} \d{3}(?!\d)", "a thousands group after a breakable space (20 000)"),
        ):
            problems += [f"{relative}: {what}: {m[0]!r}" for m in re.finditer(pattern, text)]
    assert not problems, "\n".join(problems[:30])


def built_pages(site: Path):
    """(relative path, HTML) of every page of the built site, notebooks and print page included."""
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        if not relative.startswith("assets/"):
            yield relative, file.read_text(encoding="utf-8")


# Each fault of the fifth review (issue 29), looked for on every page.
INLINE_MATH = re.compile(r'<math(?![^>]*display="block")[^>]*>(.*?)</math>', re.S)
BRACKET_BEFORE_MATH = re.compile(r'(?<!<span class="nn-nowrap">)[(\[{]<math(?![^>]*display="block")')
NUMBER_AS_EQUATION = re.compile(r"[−-]?(?:\d+(?:\.\d+)?×)?10[−-]?\d+")


def test_built_prose_keeps_brackets_with_their_equations(site: Path):
    # A "(" at a line's end, the inline equation it opened on the next line.
    problems = [f"{relative}: {html_[m.start() - 40 : m.start() + 8]!r}"
                for relative, html_ in built_pages(site) for m in BRACKET_BEFORE_MATH.finditer(html_)]
    assert not problems, "\n".join(problems[:30])
    assert 'class="nn-nowrap">(<math' in (site / "dendrites" / "index.html").read_text(encoding="utf-8")


PUNCTUATION_AFTER_MATH = re.compile(r'<math(?![^>]*display="block")[^>]*>(?:(?!</math>).)*</math>[.,;:!?]', re.S)


def test_built_prose_keeps_punctuation_with_its_equation(site: Path):
    # A "." or "," after an inline equation, alone at the start of the next line: each
    # such equation is in a span.nn-nowrap that ends after the punctuation.
    problems, kept = [], 0
    for relative, html_ in built_pages(site):
        for m in PUNCTUATION_AFTER_MATH.finditer(html_):
            before = html_[: m.start()]
            if before.endswith('<span class="nn-nowrap">') or before.endswith('<span class="nn-nowrap">('):
                kept += 1
            elif not _in_skipped(before):
                problems.append(f"{relative}: {html_[m.end() - 30 : m.end() + 10]!r}")
    assert kept >= 100, kept
    assert not problems, "\n".join(problems[:30])


def _in_skipped(before: str) -> bool:
    """Inside a table, code or the reference list: text the typography step leaves alone."""
    return any(before.rfind(f"<{tag}") > before.rfind(f"</{tag}>") for tag in ("table", "code", "pre", "svg"))


def test_built_prose_writes_a_power_of_ten_one_way(site: Path):
    """10⁶ in the text's font, as the register and the printed results write it; not an
    equation whose raised 10 beside it is in the math font (nn_site/pages/mathml.py)."""
    problems = []
    for relative, html_ in built_pages(site):
        for m in INLINE_MATH.finditer(html_):
            text = re.sub(r"<[^>]+>|\s", "", m[1])
            if "<msup>" in m[1] and NUMBER_AS_EQUATION.fullmatch(text):
                problems.append(f"{relative}: {text}")
    assert not problems, "\n".join(problems[:30])
    scale = (site / "scale-and-energy" / "index.html").read_text(encoding="utf-8")
    assert f"1.75{NBSP}×{NBSP}10¹¹" in scale  # written $1.75 \times 10^{11}$ in the page


def test_built_prose_has_curly_apostrophes_math_subscripts_and_whole_percentages(site: Path):
    problems = []
    for relative, html_ in built_pages(site):
        text = html.unescape(prose_text(html_))
        for pattern, what in (
            (r"[^\W\d_]'[^\W\d_]|s'(?=\s)", "a straight apostrophe"),
            (r'"', "a straight double quote"),
            (r"(?<![^\W\d_])[a-z][₀-₉]", "a Unicode subscript where math is meant"),
            (r"\d[ \u00a0]%", "a space that breaks before a per cent sign"),
        ):
            problems += [f"{relative}: {what}: {text[max(0, m.start() - 25) : m.end() + 5]!r}"
                         for m in re.finditer(pattern, text)]
    assert not problems, "\n".join(problems[:30])
    glossary = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "Dale\u2019s principle</dt>" in glossary and "neuron\u2019s" in glossary


RESULT_BLOCK = re.compile(r'<div class="snippet-result">(.*?)</div>', re.S)
# What a terminal forces and a page need not: a name without its accent, a power as ^2 or
# **4, a micro as u, a Greek letter spelled out, an arrow as ->.
ASCII_STAND_INS = re.compile(
    r"Cramer|\^|\*\*|\bu[AFmMVsS]\b|MOhm|\d deg\b|->|>=|<=|\b(?:gamma|tau|sigma|lambda|delta)\b"
)


def test_result_blocks_print_names_and_units_as_typeset(site: Path):
    problems = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        for block in RESULT_BLOCK.findall(file.read_text(encoding="utf-8")):
            text = html.unescape(re.sub(r"<[^>]+>", "", block))  # "-&gt;" is "->"
            problems += [f"{relative}: {m[0]!r} in {text[:80]!r}" for m in ASCII_STAND_INS.finditer(text)]
    assert not problems, "\n".join(problems[:30])
    population = (site / "population-codes" / "index.html").read_text(encoding="utf-8")
    assert "600 per rad², so the Cramér–Rao bound" in population
    activation = (site / "activation-functions" / "index.html").read_text(encoding="utf-8")
    assert "bound 0.25ⁿ" in activation and "3.88 × 10⁻⁷        9.54 × 10⁻⁷" in activation


# A number as a terminal prints it (1e-06, 2.3e+04, 5.1E-10) and a page need not: a
# snippet prints 10⁻⁶, 2.3 × 10⁴ or a plain decimal, as its reader and a student running it see.
E_NOTATION = re.compile(r"(?<![\w.])\d+(?:\.\d+)?[eE][+-]?\d+(?![\w.])")


@pytest.mark.parametrize("printed", ["drift 2.6e-06 rad", "updates: 1.00e+09", "error = 5.1E-10", "0.0e+00,", "(1e5)"])
def test_e_notation_is_found(printed):
    assert E_NOTATION.search(printed), printed


@pytest.mark.parametrize("printed", ["drift 2.6 × 10⁻⁶ rad", "1.00 × 10⁹", "0.84", "file1e5.py", "sha 3e4f", "e-5 v1e2"])
def test_reader_notation_is_not_e_notation(printed):
    assert not E_NOTATION.search(printed), printed


def test_printed_output_shows_no_e_notation(site: Path):
    problems, blocks = [], 0
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        for snippet, block in output_blocks(file.read_text(encoding="utf-8")):
            blocks += 1
            text = html.unescape(re.sub(r"<[^>]+>", "", block))
            problems += [f"{relative}: {snippet} prints {m[0]!r}" for m in E_NOTATION.finditer(text)]
    assert blocks > 50, f"only {blocks} printed outputs found: the check checks little"
    assert not problems, "printed output in e-notation:\n" + "\n".join(sorted(set(problems))[:30])


def test_a_spaced_hyphen_after_an_inline_element_is_a_dash():
    """Visual review 7: a caption's panel words ("<span>Left</span> - the cubic") kept their
    hyphen, the text after the span being a run of its own; a hyphen in code stays."""
    from nn_site.pages.typography import typeset

    caption = '<span class="panel-wide">Left</span><span class="panel-phone">Top</span> - the cubic'
    assert typeset(caption).endswith("</span> \u2013 the cubic")
    assert typeset("<a href='#x'>FitzHugh</a> - the model") == "<a href='#x'>FitzHugh</a> \u2013 the model"
    assert typeset("<code>a</code> - b") == "<code>a</code> - b"  # not after code, nor before a single letter
