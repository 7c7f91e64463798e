"""Slide decks: one editable ``.pptx`` per content page, made from the page itself.

A content page is a page with exercises (an ordered list under its "Exercises"
heading): its deck is what an instructor takes into a classroom.

* a title slide: the page's title, version, address, licence and how to cite it;
* one slide per figure: the gallery's 1600-px slide PNG (``gallery.py``) as large as
  fits, a short title (the caption's first clause), the caption once below it and a
  short credit (work, release, licence); a caption too long to fit at 20 pt continues
  on a second slide rather than shrinking;
* one slide of the page's key display equations, drawn with matplotlib's mathtext (each
  picture's alt text reads the TeX as words and symbols); an equation mathtext cannot
  parse is left out and logged, never drawn wrong;
* verdict slides with the page's rows of the analogy ledger, if it has any (18 pt: as
  many slides as the rows need);
* closing slides of discussion questions: the page's exercises (20 pt), without
  solutions; their worked solutions are in the speaker notes.

Every slide has speaker notes (the point, the misconception the instructors' page
lists for the page, the references it has, each a bibliography entry, never a key) and
every picture has alt text.

Everything a deck shows is gathered while the pages are converted (:func:`gather`),
so a deck never differs from its page. A deck is cached (``<cache>/decks/``) by the
hash of what it shows and of its figures' SVGs: a warm build copies it.
"""

from __future__ import annotations

import html
import io
import json
import logging
import posixpath
import re
import shutil
import zipfile
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html

from nn_site.engine import cache as cache_module
from nn_site.pages import panel_words, typography
from nn_site.publish import cite, gallery
from nn_site.publish.versions import Release

log = logging.getLogger("mkdocs.hooks.slides")

# Bumped when the layout changes, so that every cached deck is made again.
DECK_FORMAT = "deck v11"
KEY_EQUATIONS = 4  # at most this many on the equations slide: the page's first ones
EQUATION_SIZE, EQUATION_DPI = 28, 200  # pt, and pixels per inch: sharp on a projector
BODY_SIZE, TABLE_SIZE = 20, 18  # pt: the smallest text that reads from a lecture hall's back row
LINE_SPACING = 1.2  # a line's height, in multiples of its type size
SIDE_TEXT = 4.6  # inches: the caption's column beside a figure
FIGURE_TEXT_ROOM = 2.4  # inches under a wide figure for its caption and credit; the rest goes on
VERDICT_TITLE, QUESTIONS_TITLE = "Where the analogy holds, and where it breaks", "Discussion questions"
EQUATION_ZOOM = 1.15  # at most this times the drawn size (32 pt): a short equation is not blown up
DISPLAY_MATH = re.compile(r"^[ \t]*\$\$[ \t]*\n(.*?)\n[ \t]*\$\$[ \t]*$", re.MULTILINE | re.DOTALL)
EXERCISES = re.compile(r'<h2 id="exercises">.*?</h2>(.*?)(?=<h2\b|\Z)', re.DOTALL)
REFERENCE = re.compile(r'<li id="ref-([^"]+)" class="reference">(.*?)</li>', re.DOTALL)
CITED = re.compile(r'href="#ref-([^"]+)"')
FIGURE_ID = re.compile(r'<figure\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</figure>', re.DOTALL)
MISCONCEPTIONS = re.compile(r"^## Misconceptions worth addressing\n(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
MD_CITATION = re.compile(r"\s*\[@[^\]]+\]")
# TeX that mathtext spells differently or lacks, with a faithful replacement: delimiter
# sizes (mathtext sizes \left/\right itself, and a plain bracket reads the same), the
# text-style fraction, the two-letter relations, bold symbols, operator names.
MATHTEXT_SPELLING = (
    (re.compile(r"\\(?:big|Big|bigg|Bigg)[lr]?(?![A-Za-z])"), ""),
    (re.compile(r"\\[td]frac(?![A-Za-z])"), r"\\frac"),
    (re.compile(r"\\le(?![A-Za-z])"), r"\\leq"),
    (re.compile(r"\\ge(?![A-Za-z])"), r"\\geq"),
    (re.compile(r"\\boldsymbol(?![A-Za-z])"), r"\\mathbf"),
    (re.compile(r"\\operatorname(?![A-Za-z])"), r"\\mathrm"),
    (re.compile(r"\\!"), ""),
)
ALIGNED = re.compile(r"^\\begin\{aligned\}(.*)\\end\{aligned\}$", re.DOTALL)
DECK_DIR = "decks"
CAPTION_NUMBER = re.compile(r'^\s*<span class="caption-number">[^<]*</span>\s*')
SHORT_TITLE = 60  # characters: a figure slide's title fits one projected line
# Where a caption's first sentence can be cut to name the figure's subject: its clauses.
# A caption that opens on its first panel ("Left: …", "(A) …") names the figure after it.
PANEL_LABEL = re.compile(
    r"^(?:(?:Left|Right|Top|Bottom|Above|Below|First panel|Panel [A-F])\s*:|\(?[A-Fa-f]\)\s|[A-F]:)\s*"
)
CLAUSE_BREAK = re.compile(r"\s*(?:[:;]|\s[–—]\s|(?<!\d),\s)")  # not "0.5, 1 and 2 mm"
SENTENCE_BREAK = re.compile(r"(?<=[^\s.][.?!])\s+(?=[A-Z(])")  # as gallery.Figure.title splits
# Where a caption may continue on a second slide: after a sentence or a semicolon's clause
# (a slide that holds only the first short sentence would repeat the title).
CAPTION_BREAK = re.compile(r"(?<=[^\s.][.?!])\s+(?=[A-Z(])|(?<=;)\s+")
CREDIT_CLAUSE = re.compile(r"^(?:After|From|Adapted from|Redrawn from)\b")  # a source, not a subject


class SlidesError(RuntimeError):
    """A deck cannot be made; the message names the page."""


@dataclass(frozen=True)
class FigureSlide:
    light: str  # site-relative SVG of the figure (its slide PNG is beside it)
    png: str
    title: str
    caption: str
    caption_runs: list[Run]
    credit: str
    alt: str
    point: str  # the talking point: the caption's first sentence
    references: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Verdict:
    claim: str
    verdict: str
    reason: str
    sources: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Deck:
    """Everything one deck shows, as plain text and site paths (hashed for the cache)."""

    page: str  # source path, e.g. "integrate-and-fire.md"
    page_dest: str  # the page's HTML file, e.g. "integrate-and-fire/index.html"
    file: str  # site-relative path of the .pptx, beside the page's HTML
    title: str
    point: str  # the page's first paragraph: what the title slide's notes say
    citation: str
    version: str
    url: str
    figures: list[FigureSlide]
    equations: list[str]  # TeX of the page's display equations, in page order
    verdicts: list[Verdict]
    questions: list[list[Run]]
    solutions: list[str]  # each exercise's worked solution, as the page folds it under it
    misconceptions: list[str]
    references: list[str]

    @property
    def link(self) -> str:
        return posixpath.basename(self.file)


# --- what a page gives its deck ---------------------------------------------------------


def short_title(title: str) -> str:
    """A figure slide's title: the caption's first clause (its subject), at most
    SHORT_TITLE characters, cut at a word with an ellipsis when one clause is longer.
    The caption itself is the slide's body: the title must not repeat it."""
    title = title.strip().rstrip(".")
    unlabelled = PANEL_LABEL.sub("", title, count=1)
    if unlabelled != title and unlabelled:
        title = unlabelled[0].upper() + unlabelled[1:]
    for match in CLAUSE_BREAK.finditer(title):
        if match.start() <= SHORT_TITLE:
            head = title[: match.start()]
            if len(head) >= 12 and not CREDIT_CLAUSE.match(
                head
            ):  # a clause too short to name anything ("In A,") is kept
                title = head
                break
    if len(title) <= SHORT_TITLE:
        return title
    cut = title[: SHORT_TITLE - 1].rsplit(" ", 1)[0].rstrip(",;:–— ")
    return cut + "…"


def talking_point(caption: str) -> str:
    """A figure's point for the speaker notes: the caption's first sentence, or its first
    two when the first is a mere label ("Threshold behaviour.")."""
    sentences = SENTENCE_BREAK.split(caption.strip())
    point = sentences[0]
    for sentence in sentences[1:]:
        if len(point) >= 40:
            break
        point += " " + sentence
    return point if point[-1:] in ".?!" else point + "."


def short_credit(release: Release) -> str:
    """A slide's attribution line: the work, its release, its licence (the figure's own
    address is on the title slide's citation and in the gallery)."""
    return f"{release.name} v{release.version}, CC BY 4.0"


def deck_file(src_uri: str, dest_uri: str) -> str:
    """Where a page's deck goes in the site: beside the page's HTML, named after the page."""
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    return posixpath.join(posixpath.dirname(dest_uri), f"{stem}-slides.pptx")


def pdf_name(deck_file: str) -> str:
    """The name ``make slides-pdf`` gives a deck's PDF: LibreOffice keeps the deck's name
    and changes only the suffix (``<page>-slides.pdf``), and the release attaches it so."""
    return posixpath.splitext(posixpath.basename(deck_file))[0] + ".pdf"


def release_downloads(repo_url: str | None, version: str) -> str | None:
    """Where the release vX.Y.Z's attached files are (``<repository>/releases/download/vX.Y.Z/``,
    as the book PDF), or None when the repository is not on GitHub: only GitHub's release
    workflow attaches the PDFs, so another host would get links to nothing."""
    if not repo_url or urlsplit(repo_url).hostname != "github.com":
        return None
    return f"{repo_url.rstrip('/')}/releases/download/v{version}/"


def display_equations(markdown: str) -> list[str]:
    """The TeX of each display equation ($$ … $$) before the Exercises, one line each."""
    body = re.split(r"^## Exercises\b", markdown, maxsplit=1, flags=re.MULTILINE)[0]
    return [" ".join(m[1].split()) for m in DISPLAY_MATH.finditer(body)]


Run = tuple[str, str]  # (text, "" | "sub" | "sup"): a slide's text keeps a formula's indices
RELATIONS = frozenset("=<>≤≥≈≠→⇒←∝∼≪≫")
SCRIPTED = {"msub": ("sub",), "munder": ("sub",), "msup": ("sup",), "mover": ("sup",)}


def _math_runs(node, level: str) -> list[Run]:
    """A MathML element as runs of text: indices and powers as sub- and superscripts."""
    tag = node.tag if isinstance(node.tag, str) else ""
    children = list(node)
    if tag == "annotation":
        return []
    if tag in ("mi", "mn", "mtext", "ms"):
        return [(node.text_content(), level)]
    if tag == "mo":
        text = node.text_content()
        return [(f" {text} " if text in RELATIONS else text, level)]
    if tag == "mspace":
        return [(" ", level)]
    if tag in SCRIPTED and len(children) == 2:
        return _math_runs(children[0], level) + _math_runs(children[1], level or SCRIPTED[tag][0])
    if tag in ("msubsup", "munderover") and len(children) == 3:
        return (
            _math_runs(children[0], level)
            + _math_runs(children[1], level or "sub")
            + _math_runs(children[2], level or "sup")
        )
    if tag == "mfrac" and len(children) == 2:
        parts = []
        for child in children:
            runs = _math_runs(child, level)
            text = "".join(t for t, _ in runs).strip()
            parts.append([("(", level), *runs, (")", level)] if len(text) > 1 and not text.isdigit() else runs)
        return parts[0] + [("/", level)] + parts[1]
    if tag == "msqrt":
        return [("√(", level), *[r for c in children for r in _math_runs(c, level)], (")", level)]
    if tag == "semantics" and children:
        return _math_runs(children[0], level)
    return [r for c in children for r in _math_runs(c, level)]


def _runs(node) -> list[Run]:
    runs: list[Run] = [(node.text or "", "")]
    for child in node:
        if child.tag == "math":
            runs += _math_runs(child, "")
        elif child.tag not in ("script", "style"):
            runs += _runs(child)
        runs.append((child.tail or "", ""))
    return runs


def rich_text(fragment: str) -> list[Run]:
    """An HTML fragment as runs of text: whitespace collapsed, the desktop copy's panel
    words (as ``gallery._text`` reads them), formulas with their indices and powers."""
    root = lxml.html.fragment_fromstring(panel_words.desktop_words(fragment), create_parent="div")
    merged: list[list[str]] = []
    for text, level in _runs(root):
        if merged and merged[-1][1] == level:
            merged[-1][0] += text
        elif text:
            merged.append([text, level])
    out: list[Run] = []
    for n, (text, level) in enumerate(merged):
        text = re.sub(r"\s+", " ", text)
        text = re.sub(r"\s+([,.;:)])", r"\1", re.sub(r"\(\s+", "(", text))
        if n == 0:
            text = text.lstrip()
        if n == len(merged) - 1:
            text = text.rstrip()
        if level:
            text = text.strip()
        if text:
            out.append((text, level))
    return out


def plain(runs: list[Run]) -> str:
    return "".join(text for text, _ in runs)


def questions(page_html: str) -> list[list[Run]]:
    """The page's exercises as text, without their folded solutions."""
    section = EXERCISES.search(page_html)
    if not section:
        return []
    root = lxml.html.fragment_fromstring(section[1], create_parent="div")
    listing = root.find("ol")
    if listing is None:
        return []
    found = []
    for item in listing.findall("li"):
        for solution in item.findall(".//details"):
            solution.drop_tree()
        found.append(rich_text(lxml.html.tostring(item, encoding="unicode")))
    return [q for q in found if plain(q).strip()]


def solutions(page_html: str) -> list[str]:
    """Each exercise's worked solution as plain text (its folded ``<details>`` without the
    summary), "" for one without; in the order of :func:`questions`."""
    section = EXERCISES.search(page_html)
    if not section:
        return []
    listing = lxml.html.fragment_fromstring(section[1], create_parent="div").find("ol")
    if listing is None:
        return []
    found = []
    for item in listing.findall("li"):
        if not plain(rich_text(_without_details(item))).strip():
            continue  # :func:`questions` leaves it out too
        parts = []
        for solution in item.findall(".//details"):
            for summary in solution.findall("summary"):
                summary.drop_tree()
            parts.append(plain(rich_text(lxml.html.tostring(solution, encoding="unicode"))))
        found.append(" ".join(parts).strip())
    return found


def _without_details(item) -> str:
    copy = lxml.html.fragment_fromstring(lxml.html.tostring(item, encoding="unicode"))
    for solution in copy.findall(".//details"):
        solution.drop_tree()
    return lxml.html.tostring(copy, encoding="unicode")


THE_TABLE = re.compile(r"\b([Tt])he table\b(?!s)('s)?(?! on the page)")


def page_table(runs: list[Run]) -> list[Run]:
    """A caption's or question's "the table" pointed at the page: the deck does not carry
    the page's tables, so on a slide "the table" would point at nothing."""
    return [
        (THE_TABLE.sub(lambda m: f"{m[1]}he page's table's" if m[2] else f"{m[1]}he table on the page", text), level)
        for text, level in runs
    ]


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


def references(page_html: str) -> dict[str, str]:
    """The page's reference list: bibliography key -> the entry as plain text."""
    return {key: gallery._text(entry) for key, entry in REFERENCE.findall(page_html)}


def misconceptions(instructors_markdown: str) -> dict[str, list[str]]:
    """The instructors' page's misconceptions, as plain text, by the pages each links to."""
    section = MISCONCEPTIONS.search(instructors_markdown)
    by_page: dict[str, list[str]] = {}
    if not section:
        return by_page
    for item in re.split(r"^- ", section[1], flags=re.MULTILINE)[1:]:
        text = " ".join(item.split())
        plain = MD_CITATION.sub("", MD_LINK.sub(r"\1", text)).replace("*", "")
        for target in dict.fromkeys(m[2].split("#")[0] for m in MD_LINK.finditer(text)):
            if target.endswith(".md"):
                by_page.setdefault(target, []).append(plain)
    return by_page


def gather(
    page_html: str,
    src_uri: str,
    dest_uri: str,
    title: str,
    point: str,
    equations: list[str],
    ledger_rows: list[dict],
    instructors_notes: dict[str, list[str]],
    release: Release,
    bibliography: dict[str, dict[str, str]] | None = None,
) -> Deck | None:
    """The deck of one page, or None if the page is not a content page (no exercises).

    Its captions and questions are set as the page shows them (nn_site/pages/typography.py
    runs on the finished page, after this): only those parts, which is quick.

    ``bibliography`` (key -> its formatted entry, ``{"html": ...}``) names a ledger row's
    source the page itself does not cite: a slide never shows a bare BibTeX key."""
    section = EXERCISES.search(page_html)
    typeset_exercises = typography.typeset(section[0]) if section else ""
    asked = questions(typeset_exercises)
    if not asked:
        return None
    worked = solutions(typeset_exercises)
    figure_html = typography.typeset("\n".join(m[0] for m in gallery.FIGURE.finditer(page_html)))
    figures = gallery.collect(figure_html, src_uri, title, dest_uri)
    captions = {
        anchor: rich_text(CAPTION_NUMBER.sub("", body, count=1))
        for anchor, body in re.findall(
            r'<figure\b[^>]*\bid="([^"]+)"[^>]*>.*?<figcaption>(.*?)</figcaption>', figure_html, re.DOTALL
        )
    }
    refs = references(page_html)

    def source(item: str) -> str:
        key, _, locator = (part.strip() for part in item.partition(","))
        if key in refs:
            entry = refs[key]
        elif bibliography and key in bibliography:
            entry = gallery._text(bibliography[key]["html"])
        else:
            raise SlidesError(f"{src_uri}: the ledger cites {key!r}, which is not in references.bib")
        return f"{entry} ({locator})" if locator else entry

    cited_by_figure = {anchor: CITED.findall(body) for anchor, body in FIGURE_ID.findall(page_html)}
    citation = cite.for_page(release, src_uri, title)
    slides = [
        FigureSlide(
            light=fig.light,
            png=fig.png_light,
            title=short_title(fig.title),
            caption=fig.caption,
            caption_runs=captions.get(fig.anchor) or [(fig.caption, "")],
            point=talking_point(fig.caption),
            credit=short_credit(release),
            alt=fig.alt or fig.caption,
            references=[refs[k] for k in dict.fromkeys(cited_by_figure.get(fig.anchor, [])) if k in refs],
        )
        for fig in figures
    ]
    verdicts = [
        Verdict(
            claim=row["analogy"],
            verdict=row["verdict"],
            reason=row["reason"],
            sources=[source(s) for s in row.get("sources", [])],
        )
        for row in ledger_rows
        if row.get("page") == src_uri
    ]
    # The deck shows none of the page's own tables (a verdict slide is the ledger's):
    # "the table" in a caption or question is the page's.
    slides = [replace(fig, caption_runs=page_table(fig.caption_runs)) for fig in slides]
    asked = [page_table(q) for q in asked]
    return Deck(
        page=src_uri,
        page_dest=dest_uri,
        file=deck_file(src_uri, dest_uri),
        title=title,
        point=point,
        citation=citation.text,
        version=f"Version {release.version}, released {release.date}",
        url=citation.url or cite.NO_URL,
        figures=slides,
        equations=equations,
        verdicts=verdicts,
        questions=asked,
        solutions=worked,
        misconceptions=instructors_notes.get(src_uri, []),
        references=list(refs.values()),
    )


# --- equations --------------------------------------------------------------------------


def mathtext_lines(tex: str) -> list[str] | None:
    """The equation as mathtext lines (an ``aligned`` block gives one per row), or None
    when it holds a construct mathtext cannot draw (matrices, cases)."""
    for pattern, replacement in MATHTEXT_SPELLING:
        tex = pattern.sub(replacement, tex)
    aligned = ALIGNED.match(tex.strip())
    rows = aligned[1].split(r"\\") if aligned else [tex]
    rows = [" ".join(row.replace("&", " ").split()) for row in rows]
    rows = [row for row in rows if row]
    if any(r"\begin" in row for row in rows):
        return None
    return rows


def render_equation(tex: str) -> bytes | None:
    """The equation as a PNG (one line per aligned row, stacked), or None if mathtext
    cannot parse it."""
    import matplotlib
    from matplotlib import mathtext
    from matplotlib.font_manager import FontProperties
    from PIL import Image

    lines = mathtext_lines(tex)
    if lines is None:
        return None
    images = []
    with matplotlib.rc_context({"mathtext.fontset": "cm"}):
        for line in lines:
            out = io.BytesIO()
            try:
                mathtext.math_to_image(
                    f"${line}$", out, prop=FontProperties(size=EQUATION_SIZE), dpi=EQUATION_DPI, format="png"
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


# --- the deck ---------------------------------------------------------------------------


def _notes(slide, point: str, misconceptions: list[str], refs: list[str], details: list[str] = ()) -> None:
    """The speaker notes: the point, then ``details`` (worked solutions), the misconceptions
    to address, and the references, if the slide has any (an empty line says nothing)."""
    parts = [f"Point: {point}", *details]
    parts += [f"Misconception to address: {m}" for m in misconceptions]
    if refs:
        parts.append("References: " + "; ".join(refs))
    slide.notes_slide.notes_text_frame.text = "\n\n".join(parts)


def _pack(heights: list[float], room: float) -> list[list[int]]:
    """Consecutive items (by index) in as few groups fitting ``room`` as can be, one slide
    each, of even fill (7 rows as 4 + 3, not 6 + 1). An item taller than ``room`` alone
    gets a slide of its own."""

    def greedy(limit: float) -> list[list[int]]:
        groups: list[list[int]] = []
        used = limit
        for index, item in enumerate(heights):
            if used + item > limit and (not groups or groups[-1]):
                groups.append([])
                used = 0.0
            groups[-1].append(index)
            used += item
        return groups

    fewest = greedy(room)
    limit = sum(heights) / max(1, len(fewest))
    while limit < room:  # the lowest fill that needs no more slides
        even = greedy(limit)
        if len(even) == len(fewest):
            return even
        limit *= 1.05
    return fewest


def _sentences(runs: list[Run]) -> list[list[Run]]:
    """Runs split into sentences and semicolon clauses (a break is only in plain text,
    never in an index)."""
    sentences: list[list[Run]] = [[]]
    for text, level in runs:
        pieces = CAPTION_BREAK.split(text) if not level else [text]
        for n, piece in enumerate(pieces):
            if n:
                sentences.append([])
            if piece:
                sentences[-1].append((piece if n == len(pieces) - 1 else piece.rstrip(), level))
    return [s for s in sentences if s]


def _figure_slides(prs, fig: FigureSlide, data: bytes, misconceptions: list[str], width: float, height: float):
    """A figure's slide: the picture as large as fits, its caption at BODY_SIZE below it (or
    beside it, whichever leaves the larger picture) and the short credit. A caption too
    long for the room left goes on a second slide of the same figure, at the same size:
    projected text is never shrunk to fit."""
    from PIL import Image

    top = 1.35
    with Image.open(io.BytesIO(data)) as image:
        aspect = image.width / image.height
    line = BODY_SIZE * LINE_SPACING / 72
    sentences = _sentences(fig.caption_runs)

    def layout(beside: bool):
        """(slides the caption needs, the picture's area, the caption's groups, its height)
        with the caption beside the picture or under it."""
        text_width, room = (SIDE_TEXT, height - top - 0.6) if beside else (width - 1, FIGURE_TEXT_ROOM)
        heights = [_lines(plain(s) + " ", text_width, BODY_SIZE) * line for s in sentences]
        credit = _lines(fig.credit, text_width, BODY_SIZE) * line + BODY_SIZE * 0.4 / 72
        groups = _pack(heights, room - credit - 0.2) if sentences else [[]]
        used = min(room, sum(heights[i] for i in groups[0]) + credit + 0.2)
        box_w, box_h = (
            (width - 1.3 - text_width, height - top - 0.3) if beside else (width - 1, height - top - used - 0.25)
        )
        w = min(box_w, box_h * aspect)
        return len(groups), -(w * w / aspect), groups, used, beside

    # The layout that keeps the caption on one slide, then the one with the larger picture.
    _, _, groups, used, beside = min(layout(False), layout(True))
    if len(groups) > 1:  # every part of the caption gets the same room, the picture one size
        used = FIGURE_TEXT_ROOM
    for n, group in enumerate(groups):
        # A continuation shows the figure again, in the same place: its caption's "Right: …"
        # is read against the picture.
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        _title(slide, fig.title + (" (continued)" if n else ""), width)
        shown: list[str | list[Run]] = [[run for i in group for run in sentences[i] + [(" ", "")]][:-1]]
        if n == 0:
            shown.append(fig.credit)
        if beside:
            _picture(slide, data, (0.5, top, width - 1.3 - SIDE_TEXT, height - top - 0.3), fig.alt)
            _text(slide, (width - 0.5 - SIDE_TEXT, top + 0.3, SIDE_TEXT, height - top - 0.6), shown, BODY_SIZE)
        else:
            _picture(slide, data, (0.5, top, width - 1, height - top - used - 0.25), fig.alt)
            _text(slide, (0.5, height - used - 0.2, width - 1, used), shown, BODY_SIZE)
        point = fig.point if n == 0 else "The rest of the figure's caption, as the page gives it: " + fig.point
        _notes(slide, point, misconceptions, fig.references)


def _picture(slide, data: bytes, box: tuple[float, float, float, float], alt: str):
    """A picture as large as fits ``box`` (left, top, width, height in inches), centred."""
    from PIL import Image
    from pptx.util import Inches

    left, top, width, height = box
    with Image.open(io.BytesIO(data)) as image:
        aspect = image.width / image.height
    w, h = (width, width / aspect) if width / aspect <= height else (height * aspect, height)
    pic = slide.shapes.add_picture(
        io.BytesIO(data), Inches(left + (width - w) / 2), Inches(top + (height - h) / 2), Inches(w), Inches(h)
    )
    pic._element.nvPicPr.cNvPr.set("descr", alt)
    return pic


def _equations(slide, images: list[tuple[str, bytes]], box: tuple[float, float, float, float]) -> None:
    """The equations one under another, at one scale (so that their symbols are one size)
    up to EQUATION_ZOOM times their drawn size; one too wide for ``box`` alone shrinks."""
    from PIL import Image
    from pptx.util import Inches

    left, top, width, height = box
    gap = 0.3
    sizes = []
    for _, data in images:
        with Image.open(io.BytesIO(data)) as image:
            sizes.append((image.width / EQUATION_DPI, image.height / EQUATION_DPI))
    common = min(EQUATION_ZOOM, (height - gap * (len(sizes) - 1)) / sum(h for _, h in sizes))
    scales = [min(common, width / w) for w, _ in sizes]
    used = sum(h * scale for (_, h), scale in zip(sizes, scales)) + gap * (len(sizes) - 1)
    y = top + (height - used) / 2
    for (tex, data), (w, h), scale in zip(images, sizes, scales):
        pic = slide.shapes.add_picture(
            io.BytesIO(data), Inches(left + (width - w * scale) / 2), Inches(y), Inches(w * scale), Inches(h * scale)
        )
        pic._element.nvPicPr.cNvPr.set("descr", spoken(tex))
        y += h * scale + gap


BASELINE = {"sub": "-25000", "sup": "30000"}  # DrawingML: thousandths of a percent of the line


def _text(slide, box, paragraphs: list[str | list[Run]], size: float):
    """A text box of paragraphs, each plain text or runs (indices and powers set as such)."""
    from pptx.util import Inches, Pt

    shape = slide.shapes.add_textbox(*(Inches(v) for v in box))
    frame = shape.text_frame
    frame.word_wrap = True
    for n, paragraph in enumerate(paragraphs):
        para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        para.space_after = Pt(size * 0.4)
        for text, level in [(paragraph, "")] if isinstance(paragraph, str) else paragraph:
            run = para.add_run()
            run.text = text
            run.font.size = Pt(size)
            if level:
                run.font._rPr.set("baseline", BASELINE[level])
    return shape


def _title(slide, text: str, width: float) -> None:
    from pptx.util import Inches, Pt

    title = slide.shapes.title
    title.left, title.top, title.width, title.height = Inches(0.5), Inches(0.3), Inches(width - 1), Inches(1.0)
    title.text = text
    # The caption's first sentence can run to three lines: smaller type keeps it in its box.
    size = 30 if len(text) <= 60 else 24 if len(text) <= 100 else 20 if len(text) <= 150 else 16
    for para in title.text_frame.paragraphs:
        para.font.size = Pt(size)


def _lines(text: str, width_in: float, size: float) -> int:
    """About how many lines ``text`` takes at ``size`` pt in a box ``width_in`` wide."""
    per_line = max(1, int(width_in * 72 / (size * 0.5)))
    return -(-len(text) // per_line)


def build(deck: Deck, site_dir: Path, equation_images: list[tuple[str, bytes]]) -> bytes:
    """The .pptx of one deck."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

    width, height = 13.333, 7.5  # 16:9
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(width), Inches(height)
    title_layout, title_only = prs.slide_layouts[0], prs.slide_layouts[5]

    slide = prs.slides.add_slide(title_layout)
    slide.shapes.title.text = deck.title
    slide.shapes.title.left, slide.shapes.title.top = Inches(0.75), Inches(1.6)
    slide.shapes.title.width, slide.shapes.title.height = Inches(width - 1.5), Inches(1.8)
    subtitle = slide.placeholders[1]
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = (
        Inches(0.75),
        Inches(3.6),
        Inches(width - 1.5),
        Inches(3.4),
    )
    subtitle.text_frame.text = f"{deck.version} · {deck.url}"
    for text in (f"{cite.LICENCE_NOTE}: reuse with attribution.", f"Cite: {deck.citation}"):
        para = subtitle.text_frame.add_paragraph()
        para.text = text
    for run in (r for para in subtitle.text_frame.paragraphs for r in para.runs):
        run.font.size = Pt(BODY_SIZE)
    _notes(slide, deck.point, deck.misconceptions, deck.references)

    for fig in deck.figures:
        png = site_dir / fig.png
        data = (
            png.read_bytes()
            if png.is_file()
            else gallery.render_png(site_dir / fig.light, "light", gallery.cache_dir())
        )
        _figure_slides(prs, fig, data, deck.misconceptions, width, height)

    if equation_images:
        slide = prs.slides.add_slide(title_only)
        _title(slide, "Key equations", width)
        _equations(slide, equation_images, (0.75, 1.45, width - 1.5, height - 1.45 - 0.3))
        point = "The page's key equations (TeX): " + " | ".join(tex for tex, _ in equation_images)
        _notes(slide, point, deck.misconceptions, [])

    if deck.verdicts:
        columns = (("Claim", 4.3), ("Verdict", 1.6), ("Why", width - 1 - 5.9))
        # A row's height at TABLE_SIZE: its tallest cell, plus the cell's margins.
        row_heights = [
            max(_lines(value, w - 0.2, TABLE_SIZE) for value, (_, w) in zip((v.claim, v.verdict, v.reason), columns))
            * TABLE_SIZE
            * LINE_SPACING
            / 72
            + 0.12
            for v in deck.verdicts
        ]
        header = TABLE_SIZE * LINE_SPACING / 72 + 0.12
        groups = _pack(row_heights, height - 1.45 - 0.3 - header)
        for n, group in enumerate(groups):
            shown = [deck.verdicts[i] for i in group]
            slide = prs.slides.add_slide(title_only)
            _title(slide, VERDICT_TITLE + (" (continued)" if n else ""), width)
            table = slide.shapes.add_table(
                len(shown) + 1, 3, Inches(0.5), Inches(1.45), Inches(width - 1), Inches(0.5 * (len(shown) + 1))
            ).table
            for col, (name, w) in enumerate(columns):
                table.columns[col].width = Inches(w)
                table.cell(0, col).text = name
            for row, verdict in enumerate(shown, start=1):
                for col, value in enumerate((verdict.claim, verdict.verdict, verdict.reason)):
                    table.cell(row, col).text = value
            for row in table.rows:
                for cell in row.cells:
                    for run in (r for para in cell.text_frame.paragraphs for r in para.runs):
                        run.font.size = Pt(TABLE_SIZE)  # on the run: a reader may ignore a paragraph's default
            point = "Verdicts from the site's analogy ledger, each with its reason: " + "; ".join(
                f"{v.claim}: {v.verdict} ({v.reason})" for v in shown
            )
            sources = list(dict.fromkeys(s for v in shown for s in v.sources))
            _notes(slide, point, deck.misconceptions, sources)

    numbered = [[(f"{n}. ", ""), *q] for n, q in enumerate(deck.questions, start=1)]
    box_width, room = width - 1, height - 1.4 - 0.3
    heights = [
        _lines(plain(q), box_width, BODY_SIZE) * BODY_SIZE * LINE_SPACING / 72 + BODY_SIZE * 0.4 / 72 for q in numbered
    ]
    for n, group in enumerate(_pack(heights, room)):
        slide = prs.slides.add_slide(title_only)
        _title(slide, QUESTIONS_TITLE + (" (continued)" if n else ""), width)
        _text(slide, (0.5, 1.4, box_width, room), [numbered[i] for i in group], BODY_SIZE)
        point = "The page's exercises, asked as questions. Their worked solutions, as the page gives them:"
        answers = [
            f"Question {i + 1}: {deck.solutions[i]}" for i in group if i < len(deck.solutions) and deck.solutions[i]
        ]
        _notes(slide, point, deck.misconceptions, deck.references if n == 0 else [], answers)

    released = re.search(r"released (\d{4})-(\d{2})-(\d{2})", deck.version)
    moment = datetime(*map(int, released.groups())) if released else datetime(2000, 1, 1)
    prs.core_properties.created = prs.core_properties.modified = moment  # not the time of the build
    out = io.BytesIO()
    prs.save(out)
    return reproducible_zip(out.getvalue(), moment)


def reproducible_zip(data: bytes, moment: datetime) -> bytes:
    """The same .pptx with every member dated ``moment``: python-pptx (through zipfile)
    dates each member with the clock, so two builds of one deck differed in bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=moment.timetuple()[:6])
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()


def cache_dir() -> Path:
    return cache_module.cache_dir() / DECK_DIR


def deck_key(deck: Deck, site_dir: Path) -> str:
    import matplotlib
    import pptx

    svgs = [(site_dir / fig.light).read_bytes() for fig in deck.figures]
    spec = json.dumps(asdict(deck), sort_keys=True, ensure_ascii=False)
    return cache_module.key(DECK_FORMAT, pptx.__version__, matplotlib.__version__, spec, *svgs)


def write(deck: Deck, site_dir: Path, cache: Path | None = None) -> dict:
    """Write one deck into the site, from the cache when it was made before; returns its
    manifest: ``slides`` (count) and ``skipped`` (equations mathtext could not draw)."""
    cache = cache or cache_dir()
    try:
        key = deck_key(deck, site_dir)
    except FileNotFoundError as exc:
        raise SlidesError(f"{deck.page}: a figure's file is missing from the site: {exc.filename}") from exc
    pptx_file, manifest_file = cache / f"{key}.pptx", cache / f"{key}.json"
    manifest = cache_module.read_json(manifest_file)
    target = site_dir / deck.file
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(manifest, dict) and pptx_file.is_file():
        cache_module.mark_used(pptx_file)
        shutil.copyfile(pptx_file, target)
        return manifest
    images, skipped = [], []
    for tex in deck.equations:
        if len(images) == KEY_EQUATIONS:
            break
        png = render_equation(tex)
        if png is None:
            skipped.append(tex)
        else:
            images.append((tex, png))
    data = build(deck, site_dir, images)
    from pptx import Presentation

    manifest = {"slides": len(Presentation(io.BytesIO(data)).slides), "skipped": skipped}
    cache_module.write_atomically(pptx_file, data)
    cache_module.write_json(manifest_file, manifest)
    target.write_bytes(data)
    return manifest


def table_html(decks: list[Deck], manifests: dict[str, dict], here_dest: str, downloads: str | None = None) -> str:
    """The instructors' page's table of decks, in the order given; with ``downloads`` (see
    :func:`release_downloads`) a column links each deck's PDF attached to the release."""
    here = posixpath.dirname(here_dest) or "."
    e = lambda text: html.escape(text, quote=True)  # noqa: E731
    rows = []
    for deck in decks:
        url = gallery.page_url(deck.page_dest)
        page = posixpath.relpath(url or ".", here) + ("/" if url.endswith("/") or not url else "")
        pdf = (
            f'<td><a href="{e(downloads + pdf_name(deck.file))}">{e(pdf_name(deck.file))}</a></td>' if downloads else ""
        )
        rows.append(
            f'<tr><td><a href="{e(page)}">{e(deck.title)}</a></td><td>{manifests[deck.page]["slides"]}</td>'
            f"<td>{len(deck.figures)}</td>"
            f'<td><a href="{e(posixpath.relpath(deck.file, here))}" download>{e(deck.link)}</a></td>{pdf}</tr>'
        )
    return (
        # A plain <table>: the theme styles (and scrolls, on a phone) only tables without a class.
        '<div class="slide-decks">\n<table>\n<thead><tr><th>Page</th><th>Slides</th><th>Figures</th>'
        "<th>Deck (.pptx)</th>"
        + ("<th>PDF (release)</th>" if downloads else "")
        + "</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n</div>"
    )
