"""What a snippet block becomes on the page, in two steps.

1. The block as Markdown (``snippet_markdown``, called by the snippet fence in
   ``nn_site/build.py``), in the order a reader meets it (issue 29): the figure, light and
   dark copy (``...svg#only-light`` / ``...-dark.svg#only-dark``), with a caption whose
   number is a placeholder ``⟦fig:name⟧`` until ``number_figures`` numbers the page's
   figures in the order they appear; then the printed output when the prose reads it
   (``result_block``) or the snippet prints a table (``printed_table``); then the code in
   a closed "Show the code" disclosure (``nn_site/engine/code_summary.py``).

2. The figure's finished HTML (``finish``, on the page's HTML, from
   ``nn_site/pages/reading.py``; issue 13): size, loading, full size. Each image gets
- ``width``/``height`` from its SVG, so the browser reserves its box before it loads
  (no layout shift; CSS scales it to the column keeping that ratio);
- ``loading="lazy"`` and ``decoding="async"``: a figure below the fold loads when the
  reader gets near it, and the copy of the palette not shown (display: none) is
  never fetched by browsers that honour lazy loading;
and the pair is wrapped in a link to the full-size SVG, which
``docs/assets/figure-zoom.js`` opens in a dialog (without JavaScript the link opens
the SVG itself, which a browser shows full size).

A figure with a phone layout (``...-phone.svg``, ``...-phone-dark.svg``:
nn_site/engine/phone.py) has each image wrapped in a ``<picture>`` whose ``<source
media="screen and (max-width: 719px)">`` names the phone copy, and the image carries
the phone copy's aspect ratio (``--phone-aspect``, used by the figure CSS in the same
media: no layout shift when the phone copy loads), so a phone
downloads only its variant and a desktop only the desktop one. The ``<img>`` keeps
its ``src`` ending in ``#only-light``/``#only-dark``, which the theme's palette CSS
hides, so each palette still shows one copy; the zoom dialog shows the desktop copy.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from pathlib import Path

from mkdocs.structure.pages import Page

from nn_site import state
from nn_site.engine import code_summary
from nn_site.engine.fence import FenceError
from nn_site.pages import inline_field, panel_words

FIGURE_DIR = "figures"
CELL_SEPARATOR = re.compile(r"(?<!\\)\|")  # a '|' that is not written '\|'
TABLE_ROW = re.compile(r"^\|[^<>`]*\|$")  # a pipe-table row: no HTML, no code spans
FIGURE_NUMBER = re.compile("\u27e6fig:([^\u27e7]+)\u27e7")  # ⟦fig:name⟧ until the page is numbered
FIGURE = re.compile(r'(<figure class="snippet-figure"[^>]*>\s*)(?P<imgs>(?:<img [^>]*>\s*)+)', re.DOTALL)
IMG_SRC = re.compile(r'src="(?P<src>[^"#]+\.svg)#only-(?:light|dark)"')
SVG_SIZE = re.compile(r'<svg[^>]*?\bwidth="(?P<w>[\d.]+)pt"[^>]*?\bheight="(?P<h>[\d.]+)pt"')
PT_TO_PX = 4 / 3  # CSS: 1pt = 4/3 px
# Below the theme's tablet breakpoint (44.984375em) the column is at most ~720 px, where
# the desktop copy's sub/superscripts drop below 11 px: phones get the phone layout.
PHONE_MEDIA = "screen and (max-width: 719px)"  # never on paper: print has the desktop copy
IMG = re.compile(r'<img [^>]*\bsrc="(?P<src>[^"#]+\.svg)#only-(?:light|dark)"[^>]*>')


# --- 1. the block as Markdown ----------------------------------------------------------


def _fence(text: str, info: str) -> str:
    """A fenced block that ``text`` cannot end: longer than any run of backticks in it."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{info}\n{text}\n{ticks}"


def _indent(text: str) -> str:
    return "\n".join("    " + line if line else line for line in text.splitlines())


def snippet_markdown(options: dict, page: Page, docs_relative: bool = False, line: int | None = None) -> str:
    """What one snippet block stands for, as Markdown (rendered by ``nn_site.build.render_snippet``).
    ``docs_relative``: figure links relative to the page's file, for Markdown that MkDocs
    itself will convert (``make bench``), instead of final URLs."""
    name = options["file"]
    src = f"snippets/{name}"
    where = page.file.src_uri + (f":{line}" if line else "")
    if name in state.current().errors:  # only while serving: show the failure where the figure was
        return f'!!! failure "{src} failed: no output or figure is shown"\n\n' + _indent(
            _fence(state.current().errors[name], "text")
        )
    if name not in state.current().outputs:
        raise FenceError(f"{where}: snippet '{name}' was not run (is the block indented oddly?)")
    output = state.current().outputs[name]
    declares = [key for key in ("caption", "alt") if options.get(key)]
    if output.figures:
        for key in ("caption", "alt"):
            if not isinstance(options.get(key), str) or not options[key].strip():
                raise FenceError(f"{where}: snippet '{name}' draws a figure but has no '{key}'")
    elif declares:
        raise FenceError(
            f"{where}: snippet '{name}' has a {' and '.join(declares)} but drew no figure "
            "(does it still end with plt.show()? a figure closed before the end is lost)"
        )
    # claim -> figure -> caption -> (result) -> code: the figure follows the sentence that
    # makes the claim, and the code, with what it printed, waits closed below (issue 29).
    parts = []
    path = state.current().snippets_dir / name
    code = _fence(path.read_text(encoding="utf-8").rstrip("\n"), f'python title="{src}"')
    printed = output.stdout.rstrip() if output.stdout.strip() else ""
    if output.figures:
        parts.append(_figure(options, name, page, where, docs_relative))
    if printed and options["output"] == "table":
        # marked as a snippet's result: on a wide screen it spans the column (site.css)
        parts.append(
            f'<div class="snippet-table" markdown="block">\n\n{printed_table(output.stdout, where, name)}\n\n</div>'
        )
    elif printed and (options["output"] in ("result", "summary") or options["code"] == "hidden"):
        parts.append(result_block(printed, src, summary=options["output"] == "summary"))
    if options["code"] != "hidden":
        listing = [code]
        with_output = bool(printed) and options["output"] == "text"
        if with_output:
            listing.append(_fence(printed, f'text title="Output of {src}"'))
        start_open = options["code"] == "open" and not code_summary.is_long(path)
        parts.append(code_summary.disclosure(listing, path, with_output, start_open))
    return "\n\n".join(parts)


def _figure(options: dict, name: str, page: Page, where: str, docs_relative: bool) -> str:
    """The figure (light and dark copies) with its numbered caption, as Markdown."""
    number = f"\u27e6fig:{sorted(state.current().outputs).index(name)}\u27e7"
    # URLs as MkDocs writes them for this page (the inner Markdown does not rewrite links).
    stem = f"{FIGURE_DIR}/{name.removesuffix('.py')}"
    light, dark = (
        posixpath.relpath(f"{stem}{end}", posixpath.dirname(page.file.src_uri) or ".")
        if docs_relative
        else state.current().files.get_file_from_path(f"{stem}{end}").url_relative_to(page.file)
        for end in (".svg", "-dark.svg")
    )
    alt = options["alt"].replace("]", "\\]").replace("\n", " ").strip()
    anchor = "fig-" + re.sub(r"[^a-z0-9]+", "-", name.removesuffix(".py").lower())
    try:  # inline Markdown, $math$ and [@key]; raw HTML escaped (nn_site/pages/inline_field.py)
        caption = inline_field.markdown(options["caption"].strip())
    except ValueError as exc:
        raise FenceError(f"{where}: snippet '{name}' caption: {exc}") from None
    output = state.current().outputs[name]
    if output.phones and output.phones[0] is not None:  # phones show the panels stacked
        caption = panel_words.for_both_layouts(caption)
    return (
        f'<figure class="snippet-figure" id="{anchor}" markdown="span">\n'
        f"![{alt}]({light}#only-light)\n"
        f"![{alt}]({dark}#only-dark)\n"
        f'<figcaption markdown="span"><span class="caption-number">Figure {number}.</span> {caption}</figcaption>\n'
        "</figure>"
    )


# A number read across a printed line is one unit with its sign, its unit, the symbol it
# is the value of and the value an arrow leads it to ("N = 100", "9.2 Hz", "0.20 → 0.80"),
# and so is a short printed array ("[-0.  -0.0985]"): at 390 px such lines wrapped between
# them (visual review 6), so each is kept on one line (span.nn-nowrap, site.css); the
# printed text is unchanged.
_UNITS = r"mV|µV|ms|µs|ns|s|Hz|kHz|pA|nA|µA/cm²|µA|mA|nS|mS|µS/cm²|µF/cm²|pF|MΩ|nm|µm|mm|fJ|pJ|nJ|µJ|mJ|J|W|°|%|bits?|spikes?"
_NUMBER = r"[−+-]?\d+(?:[.,]\d+)*(?:e[−+-]?\d+)?"
_VALUE = rf"{_NUMBER}(?: (?:{_UNITS})(?![\w/]))?"
BOUND = re.compile(
    rf"\[[^\]\n<>&]{{1,40}}\]"
    rf"|(?<![\w.])(?:[^\s\[\]<>&]{{1,12}} (?:=|≈|&lt;|&gt;|≤|≥) )?{_VALUE}(?: (?:→|to|±|×) {_VALUE})?(?![\w.])"
)


def _bound(text: str) -> str:
    """Escaped printed ``text`` with each number phrase that holds a space (``BOUND``) in
    a span that does not wrap."""
    return BOUND.sub(lambda m: f'<span class="nn-nowrap">{m[0]}</span>' if " " in m[0] else m[0], text)


def _printed(printed: str) -> str:
    """Printed lines as preformatted text: columns set smaller to fit, other lines wrapped."""
    text = html.escape(printed, quote=False)
    lines = printed.splitlines()
    if not has_columns(lines):
        text = _bound(text)
    # Columns are read down, so their lines never wrap: the text is set smaller to fit
    # (site.css, down to 11 px, from the longest line's length) and past that it scrolls
    # in its own box with the tables' edge cue. Other lines are read across and wrap.
    layout = (
        f' class="result-columns" style="--nn-result-chars: {max(len(line) for line in lines)}"'
        if has_columns(lines)
        else ""
    )
    return f'<pre tabindex="0"{layout}><samp>{text}</samp></pre>'


def result_block(printed: str, src: str, summary: bool = False) -> str:
    """``output: result``: what the snippet printed, when the prose reads its numbers,
    shown after the figure as a result (not inside the closed code), still verbatim:
    columns line up, so it stays preformatted text. Its label says it is a result, so it
    does not read as a terminal between caption and code; the file that printed it is a
    small muted "from x.py" (the code below names it in full) and the whole path is the
    label's title (issue 29: "printed by snippets/…/x.py" was noise in a heading).

    ``summary`` (``output: summary``): only the first paragraph, up to the first blank
    line, is shown; the rest waits in a closed disclosure inside the panel that says how
    many lines it holds (visual review A: decisions' 47-line result filled 700 px between
    the figure and the prose). The print page prints it open (print.css)."""
    head, rest = printed, ""
    if summary:
        head, _, rest = printed.partition("\n\n")
        rest = rest.strip("\n")
    body = _printed(head)
    if rest:
        count = len(rest.splitlines())
        body += (
            f'<details class="result-rest"><summary>The rest of what it printed ({count} lines)</summary>'
            f"{_printed(rest)}</details>"
        )
    return (
        f'<div class="snippet-result"><span class="filename" title="Printed by {html.escape(src)}">'
        f'<strong>Result</strong> <small class="result-source">from {html.escape(posixpath.basename(src))}</small></span>'
        f"{body}</div>"
    )


# Two or more spaces between printed words: a value padded to line up with the one above.
COLUMN_GAP = re.compile(r"\S {2,}\S")


def has_columns(lines: list[str]) -> bool:
    """Printed output lined up in columns: at least two lines pad a gap with spaces
    (issue 29: wrapped at 390 px, such a table's rows broke mid-row and its columns
    fell apart). One padded line alone is a sentence with a wide gap, not a table."""
    return sum(1 for line in lines if COLUMN_GAP.search(line)) >= 2


def printed_table(stdout: str, where: str, name: str) -> str:
    """``output: table``: the snippet prints a Markdown pipe table (header, rule, rows),
    shown as a real table with its citations linked. Anything else it prints (a line
    that is not a table row, raw HTML, a code span) fails the build: printed text never
    becomes markup by accident (issue 20, item 9). Several tables may follow one another,
    a blank line between them: a wide comparison reads better as two narrow tables than
    as one that scrolls sideways (issue 29)."""
    lines = stdout.strip().splitlines()
    tables, first = [], 0
    for number, line in enumerate([*lines, ""]):
        if not line.strip():
            if number > first:
                tables.append(_checked_table(lines[first:number], first, where, name))
            first = number + 1
    return "\n\n".join(tables)


def _checked_table(lines: list[str], offset: int, where: str, name: str) -> str:
    """One printed table, checked; ``offset`` is its first line's index in the output,
    so that an error names the line as printed."""
    bad = [(offset + n, line) for n, line in enumerate(lines, 1) if not TABLE_ROW.match(line.strip())]
    if len(lines) < 3 or not re.match(r"^\|(\s*:?-+:?\s*\|)+$", lines[1].strip()):
        bad = bad or [(offset + 2, lines[1] if len(lines) > 1 else "")]
    if bad:
        number, line = bad[0]
        raise FenceError(
            f"{where}: snippet '{name}' has 'output: table' but its printed line {number} "
            f"is not a row of a Markdown table (no HTML or code spans): {line!r}"
        )
    # A '|' inside a cell must be written '\|'; a bare one splits the cell, and Markdown
    # drops the cells past the header's count without a word.
    width = len(CELL_SEPARATOR.split(lines[0].strip())) - 2
    for number, line in enumerate(lines, offset + 1):
        cells = len(CELL_SEPARATOR.split(line.strip())) - 2
        if cells != width:
            raise FenceError(
                f"{where}: snippet '{name}' has 'output: table' but its printed line {number} has {cells} "
                f"cells and the header {width}: a '|' inside a cell must be printed as '\\|' "
                f"(e.g. value.replace('|', '\\|')): {line.strip()!r}"
            )
    return "\n".join(line.strip() for line in lines)


def number_figures(html: str) -> str:
    """Figure numbers in the order figures appear on the page (nested blocks included)."""
    numbers: dict[str, int] = {}
    return FIGURE_NUMBER.sub(lambda m: str(numbers.setdefault(m[1], len(numbers) + 1)), html)


# --- 2. the figure's finished HTML ---------------------------------------------------


def phone_src(src: str) -> str:
    """The phone copy's URL of a figure image: x.svg -> x-phone.svg, x-dark.svg -> x-phone-dark.svg."""
    if src.endswith("-dark.svg"):
        return src.removesuffix("-dark.svg") + "-phone-dark.svg"
    return src.removesuffix(".svg") + "-phone.svg"


def phone_aspect(img: str, phone_svg: Path | str) -> str:
    """``img`` with the phone copy's aspect ratio as ``--phone-aspect`` (width / height):
    the figure CSS gives it to the image where the phone copy is shown, so the box has
    the phone copy's height before it loads (no layout shift). Not width/height on the
    <source>: the HTML checker the tests run refuses them there."""
    width, height = svg_size(phone_svg) if isinstance(phone_svg, Path) else svg_text_size(phone_svg)
    return img.replace("<img ", f'<img style="--phone-aspect: {width} / {height}" ', 1)


def svg_text_size(svg: str) -> tuple[int, int]:
    match = SVG_SIZE.search(svg[:2000])
    if match is None:
        raise ValueError("no width/height in pt on the <svg> element")
    return round(float(match["w"]) * PT_TO_PX), round(float(match["h"]) * PT_TO_PX)


def svg_size(svg: Path) -> tuple[int, int]:
    """The CSS pixel size matplotlib gave the SVG (width="504pt" -> 672)."""
    head = svg.read_text(encoding="utf-8")[:2000]
    match = SVG_SIZE.search(head)
    if match is None:
        raise ValueError(f"{svg}: no width/height in pt on the <svg> element")
    return round(float(match["w"]) * PT_TO_PX), round(float(match["h"]) * PT_TO_PX)


def finish(html: str, source_of: Callable[[str], Path | None]) -> str:
    """`html` with every snippet figure finished; `source_of(src)` is the SVG file an
    image's src (relative to the page) points at, or None if unknown."""

    def figure(match: re.Match) -> str:
        imgs = match["imgs"].strip()
        first = IMG_SRC.search(imgs)
        if first is None:
            return match[0]
        path = source_of(first["src"])
        attrs = ' loading="lazy" decoding="async"'
        if path is not None:
            width, height = svg_size(path)
            attrs = f' width="{width}" height="{height}"' + attrs
        imgs = re.sub(r"<img ", "<img" + attrs + " ", imgs)

        def picture(img: re.Match) -> str:
            phone = phone_src(img["src"])
            phone_path = source_of(phone)
            if phone_path is None:
                return img[0]
            return (
                f'<picture><source media="{PHONE_MEDIA}" srcset="{phone}">{phone_aspect(img[0], phone_path)}</picture>'
            )

        imgs = IMG.sub(picture, imgs)
        return f'{match[1]}<a class="figure-zoom" href="{first["src"]}" title="Open the figure full size">{imgs}</a>\n'

    return FIGURE.sub(figure, html)
