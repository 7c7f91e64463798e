"""Equations: a page's display equations as pictures a slide can show, and as words.

A slide cannot typeset TeX, so each key equation is drawn with matplotlib's mathtext (the
Computer Modern font set, as the page's MathML reads) into a PNG; its alt text reads the
TeX aloud (:func:`spoken`). mathtext draws a subset of TeX: an equation it cannot parse,
or a construct it lacks (matrices, cases), is left off the deck and logged, never drawn
wrong.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

KEY_EQUATIONS = 4  # at most this many on the equations slide: the page's first ones
EQUATION_SIZE, EQUATION_DPI = 28, 200  # pt, and pixels per inch: sharp on a projector
# TeX that mathtext spells differently or lacks, with a faithful replacement: delimiter
# sizes (mathtext sizes \left/\right itself, and a plain bracket reads the same), the
# text-style fraction, the two-letter relations, bold symbols, operator names, norm bars.
MATHTEXT_SPELLING = (
    (re.compile(r"\\(?:big|Big|bigg|Bigg)[lr]?(?![A-Za-z])"), ""),
    (re.compile(r"\\[td]frac(?![A-Za-z])"), r"\\frac"),
    (re.compile(r"\\frac\s*(\d)\s*(\d)"), r"\\frac{\1}{\2}"),  # TeX's \frac14; mathtext wants braces
    (re.compile(r"\\le(?![A-Za-z])"), r"\\leq"),
    (re.compile(r"\\ge(?![A-Za-z])"), r"\\geq"),
    (re.compile(r"\\boldsymbol(?![A-Za-z])"), r"\\mathbf"),
    (re.compile(r"\\operatorname(?![A-Za-z])"), r"\\mathrm"),
    (re.compile(r"\\!"), ""),
    (re.compile(r"\\[lr]Vert(?![A-Za-z])"), r"\\Vert"),  # a norm's bars: mathtext has \Vert only
)
# Equations written in rows: ``aligned``, and the ``split``/``gather`` a page uses for an
# equation too wide for a phone (nn_site/pages/mathml.py): on a slide, one row per line.
ALIGNED = re.compile(r"^\\begin\{(aligned|split|gather\*?)\}(.*)\\end\{\1\}$", re.DOTALL)


def mathtext_lines(tex: str) -> list[str] | None:
    """The equation as mathtext lines (an ``aligned``, ``split`` or ``gather`` block gives
    one per row), or None when it holds a construct mathtext cannot draw (matrices, cases)."""
    for pattern, replacement in MATHTEXT_SPELLING:
        tex = pattern.sub(replacement, tex)
    aligned = ALIGNED.match(tex.strip())
    rows = aligned[2].split(r"\\") if aligned else [tex]
    rows = [" ".join(row.replace("&", " ").split()) for row in rows]
    rows = [row for row in rows if row]
    if any(r"\begin" in row for row in rows):
        return None
    return rows


def render_equation(tex: str, color: str | None = None) -> bytes | None:
    """The equation as a PNG (one line per aligned row, stacked), or None if mathtext
    cannot parse it: black on white, or in ``color`` (hex RGB, for a dark deck) on a
    transparent background."""
    import matplotlib
    from matplotlib import mathtext
    from matplotlib.font_manager import FontProperties
    from PIL import Image

    lines = mathtext_lines(tex)
    if lines is None:
        return None
    images = []
    # A coloured equation is for a dark slide: drawn on a transparent background (the
    # default, a white one, is invisible only on a white slide).
    on_dark = {"savefig.transparent": True} if color else {}
    with matplotlib.rc_context({"mathtext.fontset": "cm", **on_dark}):
        for line in lines:
            out = io.BytesIO()
            try:
                colour = {"color": f"#{color}"} if color else {}
                mathtext.math_to_image(
                    f"${line}$", out, prop=FontProperties(size=EQUATION_SIZE), dpi=EQUATION_DPI, format="png", **colour
                )
            except ValueError:
                return None
            images.append(Image.open(io.BytesIO(out.getvalue())).convert("RGBA"))
    gap = 24
    width = max(i.width for i in images)
    height = sum(i.height for i in images) + gap * (len(images) - 1)
    sheet = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    top = 0
    for image in images:
        sheet.paste(image, (0 if len(images) > 1 else (width - image.width) // 2, top), image)
        top += image.height + gap
    out = io.BytesIO()
    sheet.save(out, format="PNG", optimize=True)
    return out.getvalue()


# TeX read aloud: the commands a screen reader would otherwise spell out letter by letter.
SPOKEN_SYMBOLS = {
    **{
        name: chr(code)
        for name, code in (
            ("alpha", 0x3B1),
            ("beta", 0x3B2),
            ("gamma", 0x3B3),
            ("delta", 0x3B4),
            ("epsilon", 0x3B5),
            ("varepsilon", 0x3B5),
            ("zeta", 0x3B6),
            ("eta", 0x3B7),
            ("theta", 0x3B8),
            ("iota", 0x3B9),
            ("kappa", 0x3BA),
            ("lambda", 0x3BB),
            ("mu", 0x3BC),
            ("nu", 0x3BD),
            ("xi", 0x3BE),
            ("pi", 0x3C0),
            ("rho", 0x3C1),
            ("sigma", 0x3C3),
            ("tau", 0x3C4),
            ("phi", 0x3C6),
            ("varphi", 0x3C6),
            ("chi", 0x3C7),
            ("psi", 0x3C8),
            ("omega", 0x3C9),
            ("Gamma", 0x393),
            ("Delta", 0x394),
            ("Theta", 0x398),
            ("Lambda", 0x39B),
            ("Sigma", 0x3A3),
            ("Phi", 0x3A6),
            ("Psi", 0x3A8),
            ("Omega", 0x3A9),
        )
    },
    "cdot": "·",
    "times": "×",
    "le": "≤",
    "leq": "≤",
    "ge": "≥",
    "geq": "≥",
    "neq": "≠",
    "ne": "≠",
    "approx": "≈",
    "sim": "∼",
    "propto": "∝",
    "to": "→",
    "rightarrow": "→",
    "leftarrow": "←",
    "infty": "∞",
    "sum": "sum",
    "prod": "product",
    "int": "integral",
    "partial": "∂",
    "nabla": "∇",
    "pm": "±",
    "ll": "≪",
    "gg": "≫",
    "in": "∈",
    "log": "log",
    "exp": "exp",
    "ln": "ln",
    "max": "max",
    "min": "min",
    "tanh": "tanh",
    "sin": "sin",
    "cos": "cos",
    "quad": " ",
    "qquad": " ",
    "ldots": "…",
    "dots": "…",
    "cdots": "…",
    "top": "ᵀ",
    "ell": "ℓ",
    "mid": "|",
    "Rightarrow": "⇒",
    "equiv": "≡",
}
FRACTION = re.compile(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
SQUARE_ROOT = re.compile(r"\\sqrt\s*\{([^{}]*)\}")
TEXT_STYLE = re.compile(r"\\(?:text|mathrm|mathbf|mathit|mathcal|boldsymbol|operatorname)\s*\{([^{}]*)\}")
SCRIPT_GROUP = re.compile(r"([_^])\{([^{}]*)\}")  # an index or power of several symbols
TEX_COMMAND = re.compile(r"\\([A-Za-z]+)\s*")


def spoken(tex: str) -> str:
    """The equation as plain words and symbols, without a backslash: its picture's alt text.
    Fractions read as (a)/(b), a power of several symbols as ^(…); a command this does not
    know is left out, its argument kept."""
    text = tex
    for _ in range(6):  # nested groups, innermost first
        text = TEXT_STYLE.sub(r"\1", text)
        text = SCRIPT_GROUP.sub(lambda m: m[1] + (m[2] if len(m[2].strip()) == 1 else f"({m[2]})"), text)
        text = SQUARE_ROOT.sub(r"√(\1)", FRACTION.sub(r"(\1)/(\2)", text))
    text = TEX_COMMAND.sub(lambda m: SPOKEN_SYMBOLS.get(m[1], "") + (" " if m[1] in SPOKEN_SYMBOLS else ""), text)
    text = re.sub(r"\\[,;:! ]|\\\\|&", " ", text).replace("\\", " ")
    text = re.sub(r"\s+([_^])", r"\1", text.replace("{", "").replace("}", ""))
    text = re.sub(r"\(\s+", "(", re.sub(r"\s+([)\],.;])", r"\1", text))
    return "Equation: " + " ".join(text.split())


@dataclass(frozen=True)
class EquationImage:
    """An equation drawn for the equations slide: its TeX (for the notes and the alt
    text) and its picture."""

    tex: str
    png: bytes


def key_equations(equations: list[str], color: str | None = None) -> tuple[list[EquationImage], list[str]]:
    """The page's first KEY_EQUATIONS equations mathtext can draw, drawn (in ``color``,
    see :func:`render_equation`), and the TeX of those it could not (before the last one
    drawn), for the build's log."""
    images: list[EquationImage] = []
    skipped: list[str] = []
    for tex in equations:
        if len(images) == KEY_EQUATIONS:
            break
        png = render_equation(tex, color)
        if png is None:
            skipped.append(tex)
        else:
            images.append(EquationImage(tex, png))
    return images, skipped
