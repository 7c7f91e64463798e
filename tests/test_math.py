"""Math set as a TeX user expects (issue 13) and TeX typos failing the build (issue 20, 7).

Structural checks on the MathML that nn_site/pages/mathml.py (Temml) makes for the cases the
issue lists, and on the build's message for a bad formula."""

from __future__ import annotations

import re

import pytest

from nn_site.pages import mathml


def ml(tex: str, display: str = "inline") -> str:
    return re.sub(r"\s+", "", mathml.to_mathml(tex, display))


def test_unary_minus_is_a_prefix_operator():
    assert '<moform="prefix"stretchy="false">−</mo><mn>2</mn>' in ml("b = -2")
    assert '<moform="prefix"stretchy="false">−</mo><mn>77</mn>' in ml(r"E_K = -77\,\mathrm{mV}")
    # ... and a binary minus stays binary
    assert '<mi>a</mi><mo>−</mo><mi>b</mi>' in ml("a - b")


@pytest.mark.parametrize("name", ["ln", "tanh", "exp"])
def test_function_names_are_upright_and_applied_with_a_thin_space(name):
    out = ml(rf"\tau_m \{name} 4")
    assert f"<mi>{name}</mi><mo>\u2061</mo><mspacewidth=\"0.1667em\"></mspace>" in out, out
    assert f"<mi>{name[0]}</mi>" not in out  # not split into italic letters


def test_prime_is_a_superscript_of_its_letter():
    out = ml(r"\sigma'(z)")
    assert out.startswith('<mathxmlns="http://www.w3.org/1998/Math/MathML"><mrow><msup><mi>σ</mi><mo'), out
    assert "′</mo></msup>" in out


def test_left_right_bars_are_stretchy_fences():
    out = ml(r"\left| z \right|")
    assert ('<mofence="true"form="prefix"stretchy="true">|</mo><mi>z</mi>'
            '<mofence="true"form="postfix"stretchy="true">|</mo>') in out


def test_spacing_commands_become_spaces():
    assert '<mspacewidth="0.1667em"></mspace>' in ml(r"a\,b")
    assert '<mspacewidth="1em"></mspace>' in ml(r"a\quad b")


def test_display_math_is_wrapped_in_its_own_scroll_box():
    out = mathml.to_mathml(r"\sum_{i=1}^n w_i x_i", "block")
    assert out.startswith('<span class="math-display"><math xmlns="http://www.w3.org/1998/Math/MathML" display="block"')
    assert "<munderover>" in out


HH_ONE_LINE = r"C \frac{dV}{dt} = I - g_\text{Na} (V - E_\text{Na}) - g_\text{K} (V - E_\text{K})."
HH_SPLIT = r"""\begin{split}
C \frac{dV}{dt} &= I - g_\text{Na} (V - E_\text{Na}) \\
  &\quad - g_\text{K} (V - E_\text{K}).
\end{split}"""


def copies(html: str) -> dict[str, str]:
    """{'one-line': MathML, 'lines': MathML} of an equation typeset for a phone too."""
    found = re.findall(r'<span class="math-display math-display--([a-z-]+)"[^>]*>(.*?)</span>', html, re.S)
    return dict(found)


def test_a_split_is_one_line_on_a_wide_screen_exactly_as_written_on_one_line():
    html = mathml.to_mathml(HH_SPLIT, "block")
    one_line = mathml.to_mathml(HH_ONE_LINE, "block")
    assert set(copies(html)) == {"one-line", "lines"}, html
    # The same MathML as the one-line source gave: a desktop reader sees no change.
    assert copies(html)["one-line"] == one_line.removeprefix('<span class="math-display">').removesuffix("</span>")
    assert "<mtable" not in copies(html)["one-line"]
    # In lines, the continuation aligned at '=' in the second column, with its indent.
    lines = re.sub(r"\s+", "", copies(html)["lines"])
    assert lines.count("<mtr>") == 2 and '<mspacewidth="1em"></mspace><mo>−</mo><msub><mi>g</mi>' in lines, lines
    # Only the copy in lines is kept out of the search index (the one-line copy is there).
    assert html.count("data-search-exclude") == 1 and 'math-display--lines" data-search-exclude' in html


def test_a_gather_keeps_the_rows_and_columns_of_what_it_contains():
    tex = r"\begin{gather} a = \begin{cases} 0, & z < 1,\\ 1, & z \ge 1, \end{cases} \qquad \\ z = x + y . \end{gather}"
    one_line, lines = mathml.split_for_phone(tex)
    assert one_line.split() == r"a = \begin{cases} 0, & z < 1,\\ 1, & z \ge 1, \end{cases} \qquad z = x + y .".split()
    # Each line after an '&': the lines share the left edge, where amsmath's gathered would
    # centre each (lines of different widths: a ragged staircase on a phone).
    assert lines.splitlines() == [
        r"\begin{aligned}", r"&a = \begin{cases} 0, & z < 1,\\ 1, & z \ge 1, \end{cases} \\", "&z = x + y .", r"\end{aligned}"
    ]
    rendered = re.sub(r"\s+", "", copies(mathml.to_mathml(tex, "block"))["lines"])
    assert rendered.count("<mtable") == 2, rendered  # the lines, and the cases inside
    # Every line in the left-aligned column, none in the (empty) right-aligned one.
    assert rendered.count('<mtdclass="tml-right"style="padding-left:0em;padding-right:0em;"><mrow></mrow></mtd>') == 2


def test_an_align_is_in_lines_aligned_at_its_relations():
    one_line, lines = mathml.split_for_phone(r"\begin{align} V(x) &= a, \qquad \\ R_\infty &= b . \end{align}")
    assert one_line.split() == r"V(x) = a, \qquad R_\infty = b .".split()
    assert lines.splitlines() == [r"\begin{aligned}", r"V(x) &= a, \\", r"R_\infty &= b .", r"\end{aligned}"]


def test_an_empty_group_makes_a_continuations_operator_binary_only_in_lines():
    one_line, lines = mathml.split_for_phone(r"\begin{split} y = \beta \Big( &-a \\ &{}+ b \Big) \end{split}")
    assert one_line.split() == r"y = \beta \Big( -a + b \Big)".split()
    assert "&{}+ b" in lines


def test_gather_star_is_gather():
    assert mathml.split_for_phone(r"\begin{gather*} a = 1, \\ b = 2 \end{gather*}")[1].splitlines()[:2] == [
        r"\begin{aligned}", r"&a = 1, \\"]


def test_other_display_math_is_not_split():
    assert mathml.split_for_phone(r"\begin{aligned} a &= b \\ c &= d \end{aligned}") is None
    assert "math-display--lines" not in mathml.to_mathml(r"a = b", "block")


@pytest.mark.parametrize("tex", [r"x + \begin{split} a &= b \\ &= c \end{split}",
                                 r"\begin{gather} a \\ b \end{gather}, \quad c"])
def test_split_or_gather_inside_a_larger_formula_is_an_error(tex):
    with pytest.raises(mathml.MathError, match="must be the whole display equation"):
        mathml.to_mathml(tex, "block")


@pytest.mark.parametrize("tex, cause", [
    (r"\sigmaa(z)", r"Unsupported function name: \sigmaa"),
    (r"\mathbf{w", "expected '}'"),
    ("a & b", "has an '&' outside an environment that aligns columns"),
])
def test_bad_tex_raises_with_the_cause(tex, cause):
    with pytest.raises(mathml.MathError) as info:
        mathml.to_mathml(tex, "inline")
    assert cause in str(info.value), str(info.value)
    assert "    at " not in str(info.value)  # no JavaScript stack


def test_error_message_names_page_and_line():
    source = "# Title\n\nSome text $\\sigma(z)$ and\nthen $\\sigmaa(z)$ here.\n"
    try:
        mathml.to_mathml(r"\sigmaa(z)", "inline")
    except mathml.MathError as exc:
        message = mathml.error_message("docs/page.md", source, exc, r"\sigmaa(z)")
    assert message.startswith("docs/page.md:4: cannot typeset $\\sigmaa(z)$: Unsupported function name"), message


@pytest.mark.slow  # a project build per typo (test_faults.py's page faults check the same messages)
@pytest.mark.parametrize("bad, cause", [(r"$\sigmaa(z)$", "Unsupported function name"),
                                        (r"$\mathbf{w$", "expected '}'")])
def test_a_tex_typo_fails_the_build_naming_page_line_and_cause(tmp_path, bad, cause):
    """A one-page site with a typo in its math: the strict build fails and says where."""
    from helpers import ROOT, MiniProject

    project = MiniProject(tmp_path, bibliography=(ROOT / "docs" / "references.bib").read_text(encoding="utf-8"))
    project.page(f"# Home\n\nFine $x$ here.\n\nBroken {bad} here.\n")
    result = project.build()
    assert result.returncode != 0
    log = result.stdout + result.stderr
    assert "docs/index.md:5: cannot typeset" in log and cause in log, log[-2000:]


def test_no_raw_tex_on_any_page(site):
    """Every $...$ became MathML: no dollar-delimited TeX or TeX command in a page's text."""
    import html as html_lib

    # None of these elements nests in one of its own kind, so a lazy match removes each
    # whole (a regex, not an HTML parser: the print page alone has 140,000 elements).
    skipped = re.compile(r"<(script|style|pre|code|math|textarea)\b.*?</\1\s*>", re.S | re.I)
    problems = []
    for html in sorted(site.rglob("*.html")):
        text = html_lib.unescape(re.sub(r"<[^>]+>", " ", skipped.sub(" ", html.read_text(encoding="utf-8"))))
        for match in mathml.RAW_TEX.finditer(text):
            problems.append(f"{html.relative_to(site)}: …{text[max(0, match.start() - 40):match.end() + 30]!r}")
    assert not problems, "raw TeX on pages:\n" + "\n".join(problems[:20])


def test_the_math_font_is_a_subset_with_its_math_table_and_every_character_used(site):
    """The site ships STIX Two Math cut to the characters its math uses (nn_site/pages/math_font.py),
    MATH table kept (stretchy brackets, big operators), and nothing the pages need missing."""
    import io

    from fontTools import ttLib

    from nn_site.pages import math_font

    font_file = site / "assets" / "fonts" / "STIXTwoMath-Regular.woff2"
    data = font_file.read_bytes()
    assert len(data) < 80_000, f"math font is {len(data)} bytes: not subset"
    font = ttLib.TTFont(io.BytesIO(data))
    assert "MATH" in font
    cmap = font.getBestCmap()
    used = set()
    for page in site.rglob("*.html"):
        used |= math_font.characters(page.read_text(encoding="utf-8"))
    import unicodedata

    # invisible operators (U+2061 function application) are format characters: no glyph
    missing = sorted(c for c in used if not c.isspace() and unicodedata.category(c) != "Cf"
                     and ord(c) not in cmap)
    # a one-letter <mi> is shown in its Mathematical Italic form: that glyph is needed too
    missing += sorted(f"italic {c}" for c in used if math_font.italic(c) and ord(math_font.italic(c)) not in cmap)
    assert not missing, f"characters the math uses but the font subset lacks: {missing}"
    assert len(used) > 50  # the site has math: the check above checked something
    # A square root draws the radical sign, which is not in the MathML's text: read the
    # pages for the element itself, not through math_font.characters.
    roots = [page for page in site.rglob("*.html") if "<msqrt" in page.read_text(encoding="utf-8")]
    assert roots, "no page has a square root: this check checks nothing"
    assert ord("\u221a") in cmap, f"{len(roots)} pages draw a square root; the font has no radical sign"


@pytest.mark.parametrize(
    ("char", "shown"),
    [("x", "\U0001d465"), ("h", "\u210e"), ("\u03b1", "\U0001d6fc"), ("\u2202", "\U0001d715"),
     ("\u03d5", "\U0001d719"), ("\u03f5", "\U0001d716"), ("\u2207", "\U0001d6fb"), ("2", None), ("+", None)],
)
def test_a_one_character_mi_needs_the_italic_form_the_browser_shows(char, shown):
    """MathML Core shows a one-character <mi> in italic, symbols such as ∂ and ϕ too: the
    subset keeps that form, else the browser takes the glyph from a system font."""
    from nn_site.pages import math_font

    assert math_font.italic(char) == shown


def test_a_square_root_needs_the_radical_sign():
    from nn_site.pages import math_font

    assert "\u221a" in math_font.characters("<math><msqrt><mi>x</mi></msqrt></math>")
    assert "\u221a" in math_font.characters('<math><mroot><mi>x</mi><mn>3</mn></mroot></math>')
    assert "\u221a" not in math_font.characters("<math><mfrac><mn>1</mn><mn>2</mn></mfrac></math>")


# A symbol or formula written as plain text instead of $TeX$ (issue 29): a subscript
# (V_th, w_ij), a parenthesised power (e^(-rt)), sqrt(, a one-letter variable set equal
# to a number or an expression (x = 0, y = f(...)), a lowercase Greek letter, 1/N, x^2.
PLAIN_MATH = re.compile(
    r"[A-Za-z]_[A-Za-z0-9]+|\^\(|\bsqrt\(|(?<![\w-])[A-Za-z] = [-−]?\d"
    r"|(?<![\w-])[A-Za-z](?:\([A-Za-z]\))? = [A-Za-z(]|[α-ω]|\b1/[A-Za-z]\b|(?<![\w/])[A-Za-z]\^"
)
# Not math, though the pattern matches: a receptor's name (β2-adrenergic), addresses
# (a DOI, a URL) and a script's file name in the prose.
NOT_MATH = re.compile(r"β\d-adrenergic|doi:\S+|https?://\S+|\b\w+\.py\b", re.I)
SKIPPED = re.compile(r"<(script|style|pre|code|math|textarea|svg)\b.*?</\1\s*>", re.S | re.I)


def plain_math(fragment: str) -> list[str]:
    """Each place in an HTML fragment's text, outside math and code, that writes math as text."""
    import html as html_lib

    text = html_lib.unescape(re.sub(r"<[^>]+>", "", SKIPPED.sub(" ", fragment)))
    text = NOT_MATH.sub(" ", text)
    return [text[max(0, m.start() - 30) : m.end() + 20] for m in PLAIN_MATH.finditer(text)]


@pytest.mark.parametrize(
    "fragment",
    ["density r e^(−rt)", "threshold V_th", "weight w_ij", "scaled by 1/sqrt(N)", "at x = 0", "y = f(w·x + b)",
     "noise σ = 2 mV", "falls as 1/N", "the mean of x^2"],
)
def test_plain_text_math_is_found(fragment):
    assert plain_math(f"<figcaption>{fragment}</figcaption>"), fragment


@pytest.mark.parametrize(
    "fragment",
    ['<math><msub><mi>V</mi><mi>th</mi></msub></math> and <code>tau_m</code>', "10 µA/cm², a 2-16-16-2 network",
     "a 1-ms pulse; Left, a biological neuron", "noradrenaline at β2-adrenergic receptors",
     "doi:10.1162/NECO_a_00409, https://example.org/toy_model/, (brain_watts.py computes it)"],
)
def test_typeset_math_and_words_are_not_plain_math(fragment):
    assert not plain_math(f"<p>{fragment}</p>"), fragment


def test_captions_and_prose_typeset_their_math(site):
    """Figure captions, paragraphs, list items and table cells set symbols and formulas as
    MathML ($...$ in the source), never as plain text such as V_th or r e^(−rt). Alt text
    is not checked: it stays words for screen readers. The gallery is skipped: its cards
    repeat each caption's first sentence as a plain-text attribution, by design."""
    blocks = re.compile(r"<(figcaption|p|li|td)\b[^>]*>.*?</\1>", re.S)
    problems, checked = [], 0
    for page in sorted(site.rglob("*.html")):
        if page.parts[-2] in {"gallery", "print_page"}:  # the print page repeats every page
            continue
        for block in blocks.finditer(page.read_text(encoding="utf-8")):
            checked += 1
            problems += [f"{page.relative_to(site)}: …{hit!r}" for hit in plain_math(block[0])]
    assert checked > 1000
    assert not problems, "math written as plain text:\n" + "\n".join(problems[:30])
