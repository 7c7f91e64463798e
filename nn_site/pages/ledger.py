"""The analogy ledger as data: rows in ``includes/ledger/*.yml``, tables rendered from them.

Each file (read in file-name order) is a YAML list of rows::

    - id: synapse-weight            # stable slug, unique across all files
      analogy: Synaptic efficacy ↔ trainable weight
      origin: site                  # or "<label> article: <where in it>" (where the claim comes from)
      verdict: partly               # holds | partly | breaks
      page: mapping.md              # docs-relative page that treats it
      sources: [bliss1973, "kandel2021, ch. 13"]   # bibliography keys, each with an optional locator
      reason: Strength changes with experience, but varies spike to spike; a filter
      why: One or two sentences that justify the verdict, citations as [@key].

``origin`` is ``site`` for a comparison the site makes itself, or the widely shared article
that makes the claim, by its label (``ARTICLES``: technical-perspective, right-and-wrong,
neural-vs-neuronal) and where in it: ``"right-and-wrong article: what it gets wrong #2"``.
A table shows such an origin as a line naming the article with its citation ("Origin: the
right-and-wrong article [@rightandwrong], what it gets wrong #2"); a row of the site's own
has no origin line, which would carry nothing (a referee: "Origin: site" read as noise, and
the labels were neither cited nor defined on the page that showed them).

``reason`` is what a compact table shows for the row before the full ``why``: one line of
plain text (at most 72 characters: it must fit one line of a phone's table cell; no
Markdown, no citation, no link) stating why the verdict is what it is, a faithful summary
of the ``why`` that adds nothing to it.

A page shows verdicts only through a fenced block, which the build renders as a table::

    ```ledger
    rows: [synapse-weight, axon-output]   # these rows, in this order; or
    page: mapping.md                      # every row treated on that page; or
    all: true                             # every row (the ledger page)
    columns: [analogy, verdict, why]      # optional; default analogy, verdict, why, sources
    tally: true                           # optional: a sentence counting the verdicts
    compact: true                         # optional: claim, verdict and a one-line reason;
                                          # the full why, sources, origin and page in a <details>
    filter: true                          # optional: a verdict and part filter (ledger-filter.js)
    ```

A source the ``why`` already cites is not listed again: with a ``why`` column, the
``sources`` column becomes the sources the ``why`` does not cite, appended to it.

and, inside a sentence, ``[[verdict:synapse-weight]]`` prints that row's verdict in bold.
``tests/test_ledger.py`` fails on any other verdict statement (see CONTRIBUTING.md).
Every fault (unknown or duplicate id, bad verdict, missing page, unknown bibliography
key, a reason too long or not plain text, malformed block) is a LedgerError naming the
file and line (``includes/ledger/10-structure.yml:12: row 2 (id 'synapse-weight')``).
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

import yaml

from nn_site.engine.fence import YamlError, load_yaml
from nn_site.pages import citations, entry_checks, inline_field

LEDGER_DIR = Path("includes") / "ledger"
VERDICTS = ("holds", "partly", "breaks")
FIELDS = ("id", "analogy", "origin", "verdict", "page", "sources", "reason", "why")
# A reason is shown unwrapped in a compact row's summary: longer would wrap on a phone.
REASON_MAX = 72
# What would make a reason not plain text once the table's Markdown is rendered.
REASON_MARKUP = (("[@", "a citation"), ("](", "a link"), ("`", "code"), ("*", "emphasis"), ("$", "math"), ("<", "HTML"))
# The widely shared articles an origin may name, by label, with each one's bibliography key.
ARTICLES = {
    "technical-perspective": "technicalperspective2025",
    "right-and-wrong": "rightandwrong",
    "neural-vs-neuronal": "liora2026",
}
ORIGIN = re.compile(r"^(?P<label>[a-z-]+) article: (?P<where>\S.*)$")
COLUMNS = {
    "analogy": "Analogy or claim",
    "origin": "Origin",
    "verdict": "Verdict",
    "why": "Why",
    "sources": "Sources",
    "page": "Treated in",
}
DEFAULT_COLUMNS = ["analogy", "verdict", "why", "sources"]
COMPACT_COLUMNS = ["analogy", "verdict", "why"]
# Cells a phone's card shows without their column's name: the claim and its badge lead the
# card, the why (or reason) is the text under them.
UNLABELLED = ("analogy", "verdict", "why")
CITED = re.compile(r"@([\w:-]+)")
FENCE = re.compile(r"^```ledger[ \t]*\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
INLINE = re.compile(r"\[\[verdict:(?P<id>[^\]\s]*)\]\]")


class LedgerError(Exception):
    """A ledger file or a ledger block is wrong; the message names file and row or line."""


def load(root: Path, docs_dir: Path | None = None, bib_keys=None) -> list[dict]:
    """Every row of ``<root>/includes/ledger/*.yml``, checked; each row gains ``file``."""
    docs_dir = docs_dir or root / "docs"
    rows: list[dict] = []
    seen: dict[str, str] = {}
    if not (root / LEDGER_DIR).is_dir():
        return rows  # a project without a ledger (a ```ledger block then names no row)
    files = sorted((root / LEDGER_DIR).glob("*.yml"))
    if not files:
        raise LedgerError(f"{root / LEDGER_DIR}: no ledger files (*.yml)")
    for path in files:
        where = path.relative_to(root).as_posix()
        try:  # a field repeated in a row fails too (YAML would keep the last one silently)
            data = load_yaml(path.read_text(encoding="utf-8"))
        except YamlError as exc:
            raise LedgerError(
                f"{where}{f':{exc.line}' if exc.line else ''}: not valid YAML: {exc}"
                + (
                    " (indent with spaces, not tabs)"
                    if "\t" in path.read_text(encoding="utf-8") and "tab" in str(exc).lower()
                    else ""
                )
            ) from None
        entry_checks.entry_list(data, where, LedgerError, "rows", "id")
        lines = _field_lines(path.read_text(encoding="utf-8"))
        for n, row in enumerate(data, 1):
            if not isinstance(row, dict):
                raise LedgerError(f"{where}:{lines[n - 1]['row']}: row {n} is not a mapping of {', '.join(FIELDS)}")
            rid = row.get("id")
            at = f"{where}:{lines[n - 1]['row']}: row {n} (id {rid!r})"
            entry_checks.check_fields(row, at, LedgerError, FIELDS, FIELDS)
            entry_checks.check_slug(rid, at, LedgerError, "id", "synapse-weight")
            if rid in seen:
                raise LedgerError(f"{at}: duplicate id, already used in {seen[rid]}")
            seen[rid] = where
            if row["verdict"] not in VERDICTS:
                raise LedgerError(f"{at}: verdict {row['verdict']!r} is not one of {', '.join(VERDICTS)}")
            if not (docs_dir / row["page"]).is_file():
                raise LedgerError(f"{at}: page {row['page']!r} does not exist under docs/")
            if not isinstance(row["sources"], list):
                raise LedgerError(f'{at}: sources must be a list, e.g. [hebb1949, "kandel2021, ch. 13"]')
            for source in row["sources"]:
                entry_checks.source_key(source, at, LedgerError, bib_keys)
            for text_field in ("analogy", "origin", "why"):
                try:  # inline Markdown + $math$ + [@key], raw HTML escaped (nn_site/pages/inline_field.py)
                    inline_field.markdown(str(row[text_field]))
                except ValueError as exc:
                    raise LedgerError(f"{at}: {text_field}: {exc}") from None
            if row["origin"] != "site":
                m = ORIGIN.match(str(row["origin"]))
                if m is None or m["label"] not in ARTICLES:
                    raise LedgerError(
                        f"{at}: origin {row['origin']!r} is neither 'site' nor '<label> article: <where in it>' "
                        f"with a label of {', '.join(ARTICLES)}"
                    )
                if bib_keys is not None and ARTICLES[m["label"]] not in bib_keys:
                    raise LedgerError(f"{at}: origin's article key {ARTICLES[m['label']]!r} is not in the bibliography")
            _check_reason(row["reason"], f"{where}:{lines[n - 1]['reason']}: row {n} (id {rid!r})")
            for key in re.findall(r"@([\w:-]+)", str(row["why"])):
                if bib_keys is not None and key not in bib_keys:
                    raise LedgerError(f"{at}: 'why' cites unknown bibliography key {key!r}")
            rows.append({**row, "file": where})
    return rows


def _field_lines(text: str) -> list[dict[str, int]]:
    """For each row of a ledger file (already loaded, so valid YAML), the 1-based line of
    the row ("row") and of each of its fields, for errors that point at a line."""
    document = yaml.compose(text, Loader=yaml.SafeLoader)
    rows = []
    for node in document.value if isinstance(document, yaml.SequenceNode) else []:
        fields = {"row": node.start_mark.line + 1}
        if isinstance(node, yaml.MappingNode):
            fields.update({str(key.value): key.start_mark.line + 1 for key, _ in node.value})
        rows.append(fields)
    return rows


def _check_reason(text, at: str) -> None:
    """A reason is one line of plain text, at most REASON_MAX characters (see the docstring);
    ``at`` names the file, the reason's line and the row."""
    at += ": reason"
    if not isinstance(text, str):
        raise LedgerError(f"{at} must be text, one line")
    if "\n" in text.strip() or "\r" in text.strip():
        raise LedgerError(f"{at} must be one line")
    if len(text) > REASON_MAX:
        raise LedgerError(f"{at} has {len(text)} characters, more than {REASON_MAX}; shorten it: {text!r}")
    for mark, what in REASON_MARKUP:
        if mark in text:
            raise LedgerError(f"{at} must be plain text, but {mark!r} makes {what}; the why carries those")


def load_checked(root: Path, docs_dir: Path, bib_keys):
    """load(), with a LedgerError turned into a build error."""
    from mkdocs.exceptions import PluginError

    try:
        return load(root, docs_dir, set(bib_keys))
    except LedgerError as exc:
        raise PluginError(f"ledger: {exc}") from None


def parse_block(body: str, where: str, rows: list[dict]) -> tuple[list[dict], dict]:
    """The rows and options a ```ledger block selects; LedgerError if it is wrong."""
    try:
        options = yaml.safe_load(body) or {}
    except yaml.YAMLError as exc:
        raise LedgerError(f"{where}: ledger block is not valid YAML: {exc}") from None
    if not isinstance(options, dict):
        raise LedgerError(f"{where}: ledger block needs 'rows: [id, ...]', 'page: x.md' or 'all: true'")
    unknown = sorted(set(options) - {"rows", "page", "all", "columns", "tally", "compact", "filter"})
    if unknown:
        raise LedgerError(f"{where}: ledger block has unknown option(s) {', '.join(unknown)}")
    chosen = [k for k in ("rows", "page", "all") if k in options]
    if len(chosen) != 1:
        raise LedgerError(f"{where}: ledger block needs exactly one of 'rows', 'page', 'all'")
    by_id = {r["id"]: r for r in rows}
    if "rows" in options:
        ids = options["rows"]
        if not isinstance(ids, list) or not ids:
            raise LedgerError(f"{where}: 'rows' must be a non-empty list of row ids")
        unknown_ids = [i for i in ids if i not in by_id]
        if unknown_ids:
            raise LedgerError(f"{where}: unknown ledger row id(s) {', '.join(map(str, unknown_ids))}")
        selected = [by_id[i] for i in ids]
    elif "page" in options:
        selected = [r for r in rows if r["page"] == options["page"]]
        if not selected:
            raise LedgerError(f"{where}: no ledger row has page {options['page']!r}")
    else:
        selected = list(rows)
    for flag in ("tally", "compact", "filter"):
        if not isinstance(options.get(flag, False), bool):
            raise LedgerError(f"{where}: '{flag}' must be true or false")
    compact = options.get("compact", False)
    if compact and "columns" in options:
        raise LedgerError(f"{where}: 'compact' sets its own columns (claim, verdict, why); drop 'columns'")
    columns = COMPACT_COLUMNS if compact else options.get("columns", DEFAULT_COLUMNS)
    if not isinstance(columns, list) or not columns or any(c not in COLUMNS for c in columns):
        raise LedgerError(f"{where}: 'columns' must be a list drawn from {', '.join(COLUMNS)}")
    if not {"analogy", "verdict"} <= set(columns):
        raise LedgerError(f"{where}: 'columns' must include analogy and verdict (a row's claim and its badge)")
    return selected, {
        "columns": columns,
        "tally": options.get("tally", False),
        "compact": compact,
        "filter": options.get("filter", False),
        "whole": "all" in options,
    }


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _title(docs_dir: Path, page: str) -> str:
    for line in (docs_dir / page).read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return page


def sources_markdown(sources: list) -> str:
    return "[" + "; ".join(f"@{s}" for s in sources) + "]"


def _label(name: str) -> str:
    """The column's name for each cell, drawn by site.css (::before) only where the table is
    stacked (a phone); the span itself has no text, so the cell's text is the data alone."""
    return f'<span class="ledger-label" data-label="{name}"></span>'


def uncited_sources(row: dict) -> list[str]:
    """The row's sources its ``why`` does not cite already, so that none is listed twice."""
    cited = set(CITED.findall(str(row["why"])))
    return [s for s in row["sources"] if entry_checks.SOURCE.match(str(s))["key"] not in cited]


def nav_parts(nav: list | None) -> dict[str, str]:
    """Each page's part of the site: the title of the top-level navigation section it is in."""
    parts: dict[str, str] = {}

    def walk(items: list, part: str) -> None:
        for item in items or []:
            if isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, list):
                        walk(value, part or str(title))
                    elif part:
                        parts[str(value)] = part
            elif isinstance(item, str) and part:
                parts[item] = part

    walk(nav or [], "")
    return parts


def table(
    selected: list[dict],
    columns: list[str],
    here: str,
    docs_dir: Path,
    *,
    compact: bool = False,
    parts: dict[str, str] | None = None,
    whole: bool = False,
    numbers: dict[str, int],
) -> str:
    """The rows as a Markdown table inside a <div class="ledger-table">. Every such table is
    laid out alike (site.css): the claim, then the verdict, then the other columns; on a
    desktop the claim a third of the width; on a phone one card per row, the claim and its
    badge on one line and the rest below, a cell other than the why led by its column's name.

    Every row carries its number in the ledger (``numbers``: id -> its place in the ledger's
    files, in order, from 1), in the claim's cell, so one row has one number on every page
    (a visual review found row 1 of the home page's table was row 6 of the ledger): the
    mapping page's five rows are the ledger's first five, and its text says "row 2".
    A page's table keeps the order its block gives (limits' table follows its sections);
    where the numbers skip, the rows are a selection. A compact table's why cell is a
    closed <details>: the
    row's one-line ``reason`` as the summary, then the full why, the sources it does not
    cite, the origin and the page that treats the row."""
    shown = [c for c in columns if not (c == "sources" and "why" in columns)]
    # An origin is a line under the claim, not a column of its own (visual review A: on
    # limits' desktop table it took the width the why needed, which ran 12-15 lines).
    origin = "origin" in shown
    shown = ["analogy", "verdict", *(c for c in shown if c not in ("analogy", "verdict", "origin"))]
    head = "| " + " | ".join(COLUMNS[c] for c in shown) + " |"
    lines = [head, "|" + "---|" * len(shown)]
    for row in selected:
        cells = [
            (_label(COLUMNS[c]) if c not in UNLABELLED else "")
            + _content(row, c, here, docs_dir, compact, "sources" in columns)
            for c in shown
        ]
        if origin and row["origin"] != "site":
            cells[0] += f'<span class="ledger-origin">{origin_line(row)}</span>'
        cells[0] = f'<span class="ledger-number">{numbers[row["id"]]}</span> ' + cells[0]
        if parts is not None:  # what ledger-filter.js reads; the span itself shows nothing
            part = html.escape(parts.get(row["page"], "Other"))
            cells[0] = f'<span class="ledger-row" data-verdict="{row["verdict"]}" data-part="{part}"></span>' + cells[0]
        lines.append("| " + " | ".join(cells) + " |")
    kind = "ledger-table ledger-table--compact" if compact else "ledger-table"
    if whole:
        kind += " ledger-table--whole"
    return f'<div class="{kind}" markdown>\n\n' + "\n".join(lines) + "\n\n</div>"


def _content(row: dict, c: str, here: str, docs_dir: Path, compact: bool = False, sources: bool = True) -> str:
    if c == "verdict":
        return badge(row["verdict"])
    if c == "sources":
        # A column of sources is a list, not an aside: cited without parentheses.
        return f'<span class="{citations.BARE_LIST}">{sources_markdown(row["sources"])}</span>'
    if c == "page":
        return _page_link(row, here, docs_dir)
    if c == "why":
        why = _cell(inline_field.markdown(str(row["why"])))
        extra = uncited_sources(row) if sources or compact else []
        also = f" Also {sources_markdown(extra)}." if extra else ""
        if not compact:
            return why + also
        why, also = _cite_on_references_page(why, here), _cite_on_references_page(also, here)
        details = [f'<span class="ledger-more">{why}{also}</span>']
        if row["origin"] != "site":
            details.append(f'<span class="ledger-more">{_cite_on_references_page(origin_line(row), here)}</span>')
        details.append(f'<span class="ledger-more">Treated in {_page_link(row, here, docs_dir)}</span>')
        summary = _cell(html.escape(row["reason"], quote=False))
        return (
            '<details class="ledger-why"><summary><span class="ledger-reason">'
            + summary
            + '</span><span class="ledger-hide">Reasoning and sources</span></summary>'
            + "".join(details)
            + "</details>"
        )
    return _cell(inline_field.markdown(str(row[c])))


def origin_line(row: dict) -> str:
    """'Origin: the right-and-wrong article [@rightandwrong], what it gets wrong #2' for a
    row taken from a widely shared article (never called for the site's own rows)."""
    m = ORIGIN.match(str(row["origin"]))
    where = _cell(inline_field.markdown(m["where"]))
    return f"Origin: the {m['label']} article [@{ARTICLES[m['label']]}], {where}"


def _cite_on_references_page(text: str, here: str) -> str:
    """A compact table's citations, linked to the entries of the References page: one
    table citing a hundred works would otherwise end its page with a hundred entries, longer
    than the table itself (17 000 px on a phone). Left as ``[@key]`` outside a build."""
    from mkdocs.utils import get_relative_url

    from nn_site import state

    build = state.current()
    if build.bibliography is None or "[@" not in text:
        return text
    references = build.files.get_file_from_path("references.md") if build.files else None
    if references is None or build.page is None:
        return text
    url = get_relative_url(references.url, build.page.url)
    cited, _ = build.bibliography.cite(text)
    return cited.replace('href="#ref-', f'href="{html.escape(url)}#ref-')


def _page_link(row: dict, here: str, docs_dir: Path) -> str:
    link = posixpath.relpath(row["page"], posixpath.dirname(here) or ".")
    return f"[{_cell(_title(docs_dir, row['page']))}]({link})"


def badge(verdict: str) -> str:
    """A verdict as the site shows it everywhere: the word, in a badge coloured by verdict
    (site.css); the word carries the meaning, the colour only repeats it."""
    return f'<strong class="verdict verdict-{verdict}">{verdict}</strong>'


def filter_form(selected: list[dict], parts: dict[str, str]) -> str:
    """The filter above a compact table: hidden until ledger-filter.js shows it, so a reader
    without JavaScript sees every row and no control that does nothing."""
    counts = {v: sum(r["verdict"] == v for r in selected) for v in VERDICTS}
    verdicts = "".join(f'<option value="{v}">{v} ({counts[v]})</option>' for v in VERDICTS if counts[v])
    present = {parts.get(r["page"], "Other") for r in selected}
    in_order = [p for p in dict.fromkeys([*parts.values(), "Other"]) if p in present]
    topics = "".join(f'<option value="{html.escape(p)}">{html.escape(p)}</option>' for p in in_order)
    return (  # labels wrap their controls: no ids, which the print page renames
        '<form class="ledger-filter" hidden>\n'
        f'<label>Verdict <select name="verdict"><option value="">all verdicts</option>{verdicts}</select></label>\n'
        f'<label>Part of the site <select name="part"><option value="">all parts</option>{topics}</select></label>\n'
        f'<output class="ledger-count" aria-live="polite">{len(selected)} of {len(selected)} rows shown</output>\n'
        "</form>"
    )


def tally(selected: list[dict]) -> str:
    counts = {v: sum(r["verdict"] == v for r in selected) for v in VERDICTS}
    return (
        f"Of the {len(selected)} rows, {counts['holds']} hold, {counts['partly']} hold partly "
        f"and {counts['breaks']} break."
    )


def render_fences(
    markdown: str, page: str, rows: list[dict], docs_dir: Path | None = None, nav: list | None = None
) -> str:
    """Replace every ```ledger block and [[verdict:id]] in a page's Markdown. ``nav`` (the
    configuration's, by default the build's) names the parts a filter offers."""
    from mkdocs.exceptions import PluginError

    from nn_site import state

    config = state.current().config  # the build's, when a build runs
    if docs_dir is None:
        docs_dir = Path(config["docs_dir"]) if config is not None else Path("docs")
    if nav is None and config is not None:
        nav = config["nav"]
    by_id = {r["id"]: r for r in rows}
    numbers = {r["id"]: n for n, r in enumerate(rows, 1)}  # a row's number, the same on every page

    def block(match: re.Match) -> str:
        where = f"{page}:{markdown.count(chr(10), 0, match.start()) + 1}"
        try:
            selected, options = parse_block(match["body"], where, rows)
        except LedgerError as exc:
            raise PluginError(str(exc)) from None
        parts = nav_parts(nav) if options["filter"] else None
        out = table(
            selected,
            options["columns"],
            page,
            docs_dir,
            compact=options["compact"],
            parts=parts,
            whole=options["whole"],
            numbers=numbers,
        )
        if parts is not None:
            out = filter_form(selected, parts) + "\n\n" + out
        # the counts come before the rows (visual review A: on a phone the summary sat
        # under 8,500 px of cards)
        return (tally(selected) + "\n\n" if options["tally"] else "") + out

    def inline(match: re.Match) -> str:
        if match["id"] not in by_id:
            line = markdown.count("\n", 0, match.start()) + 1
            raise PluginError(f"{page}:{line}: [[verdict:{match['id']}]] names no ledger row")
        return badge(by_id[match["id"]]["verdict"])

    return INLINE.sub(inline, FENCE.sub(block, markdown))


# --- the consistency check (tests/test_ledger.py) ------------------------------------------

_WORD = r"(?:holds?|partly|breaks?)"
EMPHASIS = re.compile(rf"(\*\*|__|\*|_)(?P<word>{_WORD})\1(?!\w)", re.IGNORECASE)
CODE_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+).*?^(?P=indent)(?P=fence)[ \t]*$", re.MULTILINE | re.DOTALL
)


def _blank(match: re.Match) -> str:
    return "\n" * match.group(0).count("\n")


def verdict_statements(markdown: str, rows: list[dict]) -> list[tuple[int, str, str]]:
    """Every place a page states a verdict other than through a ```ledger block or
    [[verdict:id]], as (line, text, problem). A page "states a verdict" when

    1. a verdict word (hold/holds, partly, break/breaks) is emphasised (**holds**, *breaks*),
       outside a paragraph that defines the scale (one naming all three verdicts);
    2. a table cell is a verdict word, or starts with one followed by ':' or ' for';
    3. a sentence quotes a ledger row's analogy (its text, case-insensitive) and uses a
       verdict word other than the row's verdict.

    Fenced code and ```ledger blocks are skipped; [[verdict:id]] is the data itself.
    """
    text = CODE_FENCE.sub(_blank, markdown)
    text = INLINE.sub("", text)
    found: list[tuple[int, str, str]] = []
    paragraphs = re.split(r"\n[ \t]*\n", text)
    line = 1
    for para in paragraphs:
        words = {m["word"].lower().rstrip("s") for m in EMPHASIS.finditer(para)}
        defines_scale = {"hold", "partly", "break"} <= words
        for offset, raw in enumerate(para.split("\n")):
            at = line + offset
            if raw.lstrip().startswith("|"):
                for cell in raw.strip().strip("|").split("|"):
                    plain = re.sub(r"[*_]|\[|\]\([^)]*\)", "", cell).strip().lower()
                    if re.fullmatch(_WORD, plain) or re.match(rf"{_WORD}(?::| for )", plain):
                        found.append((at, raw.strip(), "a verdict in a table cell; use a ```ledger block"))
            elif not defines_scale:
                for m in EMPHASIS.finditer(raw):
                    found.append(
                        (at, m.group(0), "an emphasised verdict; use [[verdict:<row id>]] or a ```ledger block")
                    )
        flat = " ".join(para.split())
        for sentence in re.split(r"(?<=[.!?])\s+", flat):
            lower = sentence.lower()
            for row in rows:
                if row["analogy"].lower() in lower:
                    said = {w.rstrip("s") for w in re.findall(rf"\b{_WORD}\b", lower)}
                    if said and row["verdict"].rstrip("s") not in said:
                        found.append(
                            (
                                line,
                                sentence,
                                f"says {'/'.join(sorted(said))} about ledger row "
                                f"{row['id']}, whose verdict is {row['verdict']}",
                            )
                        )
        line += para.count("\n") + 1 + 1  # the blank line that split the paragraphs
    return found
