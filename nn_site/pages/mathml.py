"""TeX -> MathML at build time, for the Markdown pages and the notebook pages alike.

Temml (nn_site/vendor/temml.min.js, MIT, by the author of KaTeX's MathML output) does
the conversion inside the build's own Python process through the `quickjs` wheel, so
a reader's `make serve` needs no Node and the site ships no math script. Temml sets
TeX as a TeX user expects where latex2mathml did not: a unary minus is a prefix
operator (b = −2, not b = − 2), \\ln, \\tanh, \\exp carry a function application and a
thin space ("ln 4", not "ln4"), a prime is a superscript of its letter, \\left|...\\right|
are fences. Browsers render MathML Core natively in STIX Two Math (docs/assets/fonts/,
subset to the glyphs the site uses by nn_site/pages/math_font.py).

A display equation too wide for a phone is written once, broken where it may break, as
the whole of its ``$$...$$``: ``\\begin{split} ... \\end{split}`` for one equation (an
``&`` before what the next lines align with, ``&\\quad`` to indent a continuation) or
``\\begin{gather} ... \\end{gather}`` for a list of equations, one a line, or
``\\begin{align} ... \\end{align}`` for a list aligned at their relations (an ``&``
before each ``=``). All three are amsmath's own forms for exactly this, so the Markdown
still reads as TeX. The build typesets it twice: on one line for wider screens (the same
TeX with the ``\\\\``, the ``&`` and a continuation's indent taken out, so the desktop
rendering is what a one-line source gave) and in lines (``aligned``) for a phone; site.css
shows one of the two, so a screen reader reads one (``split_for_phone``).

The lines of a phone's copy start at one left edge, or hang from a relation sign: a
gather's lines are set flush left, each after an ``&`` (amsmath's ``gathered`` centres
each line, and lines of different widths, flush left as a whole, read as a ragged
staircase: visual review A, dendrites). tests/browser/test_wide_equations.py measures
every multi-line display on the site at 390 px.

One notation for a power of ten in prose (issue 29, fifth review): inline math that is
only a number, ``$10^{-6}$`` or ``$1.75 \\times 10^{11}$``, is set as the register and the
printed results set it, 10⁻⁶ and 1.75 × 10¹¹ in the text's own font (``reader_number``),
not as an equation with its raised 10 in the math font beside 10⁶ from the register.

Bad TeX fails the build with Temml's own cause (``\\sigmaa`` is an unknown command, an
unclosed ``\\mathbf{w`` lacks its '}'), and `locate` finds the line in the page source.
Conversions are kept between builds in one JSON file beside the snippet cache, keyed by
Temml's file and this file's own text (``use_cache``/``save_cache``).
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from pathlib import Path

from nn_site import state
from nn_site.engine.cache import write_atomically
from nn_site.paths import PACKAGE

TEMML = PACKAGE / "vendor" / "temml.min.js"
OPTIONS = "{displayMode: display, throwOnError: true, trust: false, strict: false}"
# A line break after each closing tag (whitespace between MathML elements is not
# rendered). One long line of MathML makes mkdocs-print-site's id regex, which scans
# to the end of the line from every "<", take ~10x longer (see `make bench`).
CLOSING_TAG = re.compile(r"(</[a-z]+>)(?=<)")
# Temml writes a few CSS properties in style attributes that only MathML Core knows
# (the Nu checker rejects them); docs/assets/site.css sets the same through classes.
CORE_ONLY_STYLE = re.compile(r' style="(?:display:block math;|math-depth:0;)"')
# Accents (\hat, \bar, \tilde, \vec, \dot, \ddot): Temml leaves MathML Core to find
# the accent property in the operator dictionary; accent="true" says it outright, so
# every browser sets the mark on its letter's axis, not as a loose over-script.
ACCENT_MARK = "ˆ‾˜~→˙¨¯"
UNMARKED_ACCENT = re.compile(
    r"<mover>(?P<base>(?:(?!</?mover).)*?<mo[^>]*>[" + ACCENT_MARK + r"]</mo></mover>)", re.DOTALL
)
# A '$' that survived conversion, or a TeX command in running text: TeX the build missed.
RAW_TEX = re.compile(r"\$[^$\s]|\\(?:frac|mathrm|mathbf|left|right|sum|int|tau|sigma|alpha|beta|text)\b")

# The forms of an equation written in lines for a phone (split_for_phone: split, align,
# gather). Each becomes an ``aligned`` in the phone's copy; a gather's lines each get an
# ``&`` first, so that they share the left edge.
FLUSH_LEFT = {"gather"}
PHONE_ENVIRONMENT = re.compile(r"\\(?:begin|end)\{(?:split|align|gather)\*?\}")
WHOLE_PHONE_FORM = re.compile(
    r"\A\s*\\begin\{(?P<env>split|align|gather)(?P<star>\*?)\}(?P<body>.*)\\end\{(?P=env)(?P=star)\}\s*\Z", re.DOTALL
)
# TeX's tokens as far as finding the top level needs: a command, an escaped character
# (\\ and \{ among them), a brace, an '&', or a run of anything else.
TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}&]|[^\\{}&]+", re.DOTALL)
# Space at either end of a line: harmless on one line, it would push a line of the phone
# copy off centre. An empty group counts: "&{}+ x" makes a continuation's "+" binary.
EDGE_SPACE = r"(?:\s|\\[,:;! ]|\\quad\b|\\qquad\b|~|\{\})*"
# A column mark at the top level of a split (a distinct object: "&" inside a nested
# cases stays a plain "&").
ALIGN = "&" + "\0"
LEADING_SPACE = re.compile(r"\A" + EDGE_SPACE)
TRAILING_SPACE = re.compile(EDGE_SPACE + r"\Z")

_memo: dict[str, str] = {}  # display + "\0" + tex -> finished HTML
_engine = threading.local()


class MathError(ValueError):
    """TeX that cannot become correct MathML; the message names the TeX and the cause."""


def _render(tex: str, display: bool) -> str:
    if not hasattr(_engine, "render"):
        import quickjs  # imported here: only a build that meets uncached math needs it

        context = quickjs.Context()
        context.eval(TEMML.read_text(encoding="utf-8"))
        _engine.render = context.eval(f"(function (tex, display) {{ return temml.renderToString(tex, {OPTIONS}); }})")
        _engine.context = context
    return _engine.render(tex, display)


def to_mathml(tex: str, display: str) -> str:
    """MathML for `tex`; display 'block' is wrapped in a scrollable span.math-display.

    A span (styled display: block), not a div, because a notebook's Markdown cell can
    hold $$...$$ inside a paragraph, and a <p> may not contain a <div>."""
    key = display + "\0" + tex
    state.current().math_used.add(key)
    if key not in _memo:
        _memo[key] = _convert(tex, display)
    return _memo[key]


def _top_level_lines(body: str) -> list[list[str]]:
    """`body`'s lines, split at each ``\\\\`` outside braces and nested environments
    (a ``cases`` inside keeps its rows and columns), each line as its tokens; an ``&`` at
    the top level == ALIGN, one inside stays ``&``."""
    lines: list[list[str]] = [[]]
    braces = environments = 0
    for token in TOKEN.findall(body):
        if token == "{":
            braces += 1
        elif token == "}":
            braces -= 1
        elif token == "\\begin":
            environments += 1
        elif token == "\\end":
            environments -= 1
        elif braces == 0 and environments == 0 and token in ("\\\\", "&"):
            if token == "&":
                lines[-1].append(ALIGN)
            else:
                lines.append([])
            continue
        lines[-1].append(token)
    return lines


def split_for_phone(tex: str) -> tuple[str, str] | None:
    """(one line, in lines) for a display equation written as a whole ``split``,
    ``align`` or ``gather``; None for any other equation. One that is only part of an
    equation is a MathError: it would be set in lines on every screen."""
    whole = WHOLE_PHONE_FORM.match(tex)
    if whole is None:
        if PHONE_ENVIRONMENT.search(tex):
            raise MathError(
                f"math ${tex.strip()}$ uses split, align or gather inside a larger formula: "
                "either must be the whole display equation (it is set on one line on a wide screen)"
            )
        return None
    one_line, phone = [], []
    for tokens in _top_level_lines(whole["body"]):
        if not "".join(t for t in tokens if t != ALIGN).strip():
            continue
        text = "".join("&" if t == ALIGN else t for t in tokens)
        aligned_at_start = next(t for t in tokens if t.strip()) == ALIGN
        flat = "".join(t for t in tokens if t != ALIGN)
        # A continuation's indent ("&\\quad - ...", "&{}+ ...") only means something
        # beside the line above.
        one_line.append(LEADING_SPACE.sub("", flat) if aligned_at_start else flat)
        line = TRAILING_SPACE.sub("", LEADING_SPACE.sub("", text))
        phone.append("&" + line if whole["env"] in FLUSH_LEFT else line)
    return " ".join(one_line), "\\begin{aligned}\n" + " \\\\\n".join(phone) + "\n\\end{aligned}"


def _cause(exc: Exception) -> str:
    """Temml's ParseError without the JS stack: 'Unsupported function name: \\sigmaa at position 1'."""
    text = str(exc).split("\n    at ", 1)[0]
    text = text.removeprefix("ParseError:").strip()
    first = text.splitlines()[0].strip() if text else "cannot parse"
    return first.rstrip(":").strip()


# Inline TeX that is only a number with a power of ten: "10^{-6}", "1.75 \times 10^{11}".
POWER_OF_TEN = re.compile(
    r"\A\s*(?:(?P<mantissa>-?\d+(?:\.\d+)?)\s*\\times\s*)?10\^(?:\{\s*(?P<braced>-?\d+)\s*\}|(?P<digit>\d))\s*\Z"
)
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
NBSP, MINUS = "\u00a0", "\u2212"


def reader_number(tex: str) -> str | None:
    """``10^{-6}`` -> '10⁻⁶', ``1.75 \\times 10^{11}`` -> '1.75 × 10¹¹' (no-break spaces,
    as nn_site/pages/quantities.py writes the register's values); None for anything else."""
    match = POWER_OF_TEN.match(tex)
    if match is None:
        return None
    power = "10" + (match["braced"] or match["digit"]).translate(SUPERSCRIPT)
    if match["mantissa"] is None:
        return power
    mantissa = match["mantissa"].replace("-", MINUS)
    return f"{mantissa}{NBSP}×{NBSP}{power}"


def _convert(tex: str, display: str) -> str:
    if not tex.strip():
        raise MathError("empty math between the dollar signs")
    if display != "block" and (number := reader_number(tex)) is not None:
        return number
    forms = split_for_phone(tex) if display == "block" else None
    if forms is not None:
        one_line, lines = (_typeset(form, display) for form in forms)
        # The copy in lines stays out of the search index: the one-line copy is there.
        return (
            f'<span class="math-display math-display--one-line">{one_line}</span>'
            f'<span class="math-display math-display--lines" data-search-exclude>{lines}</span>'
        )
    rendered = _typeset(tex, display)
    return f'<span class="math-display">{rendered}</span>' if display == "block" else rendered


def _typeset(tex: str, display: str) -> str:
    """Temml's MathML for `tex`, cleaned for the validator and Chromium."""
    try:
        rendered = _render(tex, display == "block")
    except Exception as exc:  # quickjs.JSException: Temml's ParseError
        cause = _cause(exc)
        if "got '&'" in cause:
            raise MathError(
                f"math ${tex}$ has an '&' outside an environment that aligns columns (use aligned, cases or array)"
            ) from None
        raise MathError(f"cannot typeset ${tex}$: {cause}") from None
    rendered = CORE_ONLY_STYLE.sub("", rendered)
    rendered = UNMARKED_ACCENT.sub(r'<mover accent="true">\g<base>', rendered)
    rendered = rendered.replace("<math", '<math xmlns="http://www.w3.org/1998/Math/MathML"', 1)
    return CLOSING_TAG.sub("\\1\n", rendered)


def locate(tex: str, source: str) -> int | None:
    """The 1-based line of `source` (a page's Markdown) where `tex` starts, if it is there."""
    first = tex.strip().splitlines()[0].strip() if tex.strip() else ""
    at = source.find(first) if first else -1
    return source.count("\n", 0, at) + 1 if at >= 0 else None


def error_message(page: str, source: str, exc: MathError, tex: str) -> str:
    """'docs/page.md:12: cannot typeset $\\sigmaa(z)$: Unsupported function name: ...'."""
    line = locate(tex, source)
    return f"{page}{f':{line}' if line else ''}: {exc}"


def use_cache(folder: Path) -> None:
    """Load earlier conversions (a missing or unreadable file just means none)."""
    build = state.current()
    digest = hashlib.sha256(Path(__file__).read_bytes() + TEMML.read_bytes()).hexdigest()[:16]
    build.math_cache_file = folder / f"mathml-temml-{digest}.json"
    _memo.clear()
    build.math_used.clear()
    try:
        _memo.update(json.loads(build.math_cache_file.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        pass
    build.math_loaded = set(_memo)


def save_cache() -> None:
    """Keep what this build used, and only that."""
    build = state.current()
    if build.math_cache_file is None or build.math_used == build.math_loaded:
        return
    write_atomically(build.math_cache_file, json.dumps({k: _memo[k] for k in sorted(build.math_used)}))
