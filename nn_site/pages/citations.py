"""Author-year citations from the one bibliography, ``docs/references.bib``.

In a page, ``[@azevedo2009]`` or ``[@hebb1949; @bi1998]`` becomes a linked
"(Azevedo et al. 2009)"; each page ends with the full entries it cited (with DOI
links), and the References page lists them all. A citation may carry a locator
after a comma and a prefix before the key: ``[@kandel2021, ch. 10]`` becomes
"(Kandel et al. 2021, ch. 10)", ``[see @hebb1949, p. 62]`` "(see Hebb 1949, p. 62)";
the page's reference list then says which parts it cited. A citation that does not
parse (an unknown locator word, a prefix that is not one of PREFIXES, a missing
``@``) fails the build, naming the text. pybtex parses and formats the
entries; only the pandoc-like citation syntax is matched here, because no MkDocs
plugin gives author-year links plus per-page lists from one .bib file.

Formatting with pybtex costs a few tenths of a second, so the formatted entries
are cached in the build cache (nn_site/engine/cache.py: checked, atomic, pruned), keyed by
the .bib file's hash. Both hooks share one instance (``site_bibliography``). Every
field reaches the page escaped: a ``<script>`` in a title is text, and a DOI or URL
that could not be one (quotes, spaces, angle brackets) fails the build.
"""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from urllib.parse import unquote

from nn_site.engine import cache

# Anything in square brackets with an "@key" in it is a citation (and must parse);
# "[text](url)" links and "[^1]" footnotes contain no "@" followed by a key.
CITATION = re.compile(r"\[(?P<body>(?:[A-Za-z][\w. ]{0,20}\s)?@[\w:-]+[^\[\]{}\"<>]*?)\](?!\()")
KEY = re.compile(r"@([\w:-]+)")
# One item of a citation: optional prefix, @key, optional ", locator".
ITEM = re.compile(r"^(?:(?P<prefix>[^@]+?)\s+)?@(?P<key>[\w:-]+)(?:\s*,\s*(?P<locator>.+?))?$", re.DOTALL)
PREFIXES = {"see", "see also", "e.g.", "cf.", "after", "reviewed in", "as in", "following"}
# Locators: a part name and a number, range or list, e.g. "p. 62", "pp. 10–12", "ch. 10",
# "chs. 9–10", "sec. 2.3", "table 2.1", "fig. 4", "eq. 12", "ch. 10, p. 254".
_PART = r"(?:p|pp|ch|chs|sec|secs|§|table|fig|figs|eq|eqs|vol|box|app)\.?"
_NUMBER = r"[0-9ivxlcIVXLC]+(?:[.:][0-9]+)*[a-z]?"
LOCATOR = re.compile(
    rf"^{_PART}\s*{_NUMBER}(?:\s*(?:[–-]|,|and)\s*{_NUMBER})*"
    rf"(?:\s*,\s*{_PART}\s*{_NUMBER}(?:\s*[–-]\s*{_NUMBER})?)*$",
    re.IGNORECASE,
)


class CitationError(Exception):
    """A page cites a key that is not in the bibliography, or a citation does not parse."""

    def __init__(self, message: str, text: str = ""):
        super().__init__(message)
        self.text = text  # the offending citation as written, to find its line


def parse_citation(body: str) -> list[tuple[str, str, str]]:
    """``see @a, p. 3; @b`` -> [("see", "a", "p. 3"), ("", "b", "")]; CitationError if malformed."""
    items = []
    for part in body.split(";"):
        match = ITEM.match(part.strip())
        if not match:
            raise CitationError(
                f"citation [{body}] does not parse: '{part.strip()}' is not '[prefix] @key[, locator]'", f"[{body}]"
            )
        prefix, key, locator = match["prefix"] or "", match["key"], (match["locator"] or "").strip()
        if prefix and prefix.lower() not in PREFIXES:
            raise CitationError(
                f"citation [{body}]: unknown prefix '{prefix}' (use one of {', '.join(sorted(PREFIXES))})", f"[{body}]"
            )
        if locator and not LOCATOR.match(locator):
            raise CitationError(
                f"citation [{body}]: locator '{locator}' is not like 'p. 62', "
                f"'pp. 10–12', 'ch. 10', 'sec. 2.3', 'table 2.1'",
                f"[{body}]",
            )
        items.append((prefix, key, locator))
    return items


def iter_citations(text: str):
    """(line number, citation text, [(prefix, key, locator), ...]) for every citation in text."""
    for match in CITATION.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        yield line, match.group(0), parse_citation(match["body"])


def _label(entry) -> str:
    """'Hebb 1949', 'Bi & Poo 1998', 'Azevedo et al. 2009'."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    # The "von" part belongs to the surname in a citation: "del Castillo & Katz 1954".
    names = [" ".join(p.prelast_names + p.last_names) for p in people]
    # An unsigned work is labelled by its BibTeX ``key`` field, as BibTeX itself does.
    names = names or [entry.fields.get("organization") or entry.fields.get("key") or entry.key]
    # latexcodec (a pybtex dependency) turns TeX accents into Unicode: {\"o} -> ö.
    names = [codecs.decode(n, "ulatex").replace("{", "").replace("}", "") for n in names]
    if len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} & {names[1]}"
    else:
        who = f"{names[0]} et al."
    # An apostrophe in a name set as the page sets one (Feigel’man), in prose and in tables.
    who = who.replace("'", "\u2019")
    return html.escape(f"{who} {entry.fields.get('year', 'n.d.')}")


LINK_FIELD = re.compile(r"^[^\s\"'<>`]+$")


def _check_links(data, path: Path) -> None:
    """A DOI or URL goes into an href: one that could leave the attribute fails."""
    for key, entry in data.entries.items():
        for name in ("doi", "url"):
            value = entry.fields.get(name)
            if value is not None and not LINK_FIELD.match(value):
                raise CitationError(
                    f"{path}: entry '{key}': field {name} = {value!r} is not a valid "
                    f"{name.upper()} (no spaces, quotes or angle brackets)"
                )


# Straight quotes in a formatted entry's text (titles such as "Dale's principle"): set
# curly, as smarty sets the prose. Text between tags only, and never a run that is a URL
# or DOI (the entry prints those as link text), so no address changes.
ENTRY_TOKEN = re.compile(r"(<[^>]*>)")
URL_TEXT = re.compile(r"://|www\.|\bdoi:|^10\.\d{4,}/", re.IGNORECASE)
CURLY_QUOTES = (
    # apostrophe or closing single quote: after a letter, or after closing punctuation ("et al.'s")
    (re.compile(r"(?<=[\w.,;:!?)\]])(?:'|&#x27;|&#39;)"), "\u2019"),
    (re.compile(r"(?:'|&#x27;|&#39;)(?=\w)"), "\u2018"),
    (re.compile(r"(?:\"|&quot;|&#34;)(?=\w)"), "\u201c"),
    (re.compile(r"\"|&quot;|&#34;"), "\u201d"),
    (re.compile(r"'|&#x27;|&#39;"), "\u2019"),
)


def curly_quotes(entry_html: str) -> str:
    """'Dale's principle' -> 'Dale’s principle' in the text of one formatted entry."""
    parts = ENTRY_TOKEN.split(entry_html)
    for i in range(0, len(parts), 2):  # even items: text between tags
        if URL_TEXT.search(parts[i]):
            continue
        for pattern, mark in CURLY_QUOTES:
            parts[i] = pattern.sub(mark, parts[i])
    return "".join(parts)


def _format(path: Path) -> dict[str, dict[str, str]]:
    from pybtex.database import parse_file
    from pybtex.plugin import find_plugin

    data = parse_file(str(path))
    _check_links(data, path)
    style = find_plugin("pybtex.style.formatting", "unsrt")()
    return {
        e.key: {"label": _label(data.entries[e.key]), "html": readable_doi(curly_quotes(e.text.render_as("html")))}
        for e in style.format_entries(data.entries.values())
    }


DOI_TEXT = re.compile(r"(>doi:)([^<]*%[0-9A-Fa-f]{2}[^<]*)(</a>)")


def readable_doi(entry_html: str) -> str:
    """A DOI shown as its reader writes it: the link text of an old Wiley DOI read
    "…384:2%3C312::AID-CNE10%3E…"; it reads "…384:2<312::AID-CNE10>…" now, while
    the href keeps the percent-encoding a URL needs."""
    return DOI_TEXT.sub(lambda m: m[1] + html.escape(unquote(html.unescape(m[2])), quote=False) + m[3], entry_html)


ENTRY_START = re.compile(r"^[ \t]*@(?P<type>\w+)\s*[{(]\s*(?P<key>[^,\s]*)", re.MULTILINE)


def describe_error(path: Path, exc: Exception) -> str:
    """pybtex's error on ``path`` as 'file:line: entry 'key' ...: cause', with the line of
    the entry at fault (pybtex names the line where it noticed, often the next entry's)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as read_error:
        return f"{path}: cannot read the bibliography: {read_error}"
    starts = [(text.count("\n", 0, m.start()) + 1, m["key"]) for m in ENTRY_START.finditer(text)]
    lines = text.split("\n")
    repeated = re.match(r"repeated bibliography entry: (\S+)", str(exc))
    if repeated:
        where = [line for line, key in starts if key.lower() == repeated[1].lower()]
        if len(where) >= 2:
            return (
                f"{path}:{where[1]}: entry '{repeated[1]}' is repeated (first at line {where[0]}); "
                "keep one entry per key"
            )
        return f"{path}: entry '{repeated[1]}' is repeated; keep one entry per key"
    noticed = getattr(exc, "lineno", None)
    if noticed:
        before = [
            (line, key)
            for line, key in starts
            if line < noticed or (line == noticed and not ENTRY_START.match(lines[noticed - 1]))
        ]
        if before:
            line, key = before[-1]
            following = [other for other, _ in starts if other > line]
            end = (following[0] - 1) if following else len(lines)
            body = "\n".join(lines[line - 1 : end])
            opened, closed = body.count("{") - body.count("\\{"), body.count("}") - body.count("\\}")
            cause = (
                f"its braces do not balance ({opened} '{{' and {closed} '}}')"
                if opened != closed
                else f"{getattr(exc, 'message', exc)}"
            )
            return f"{path}:{line}: entry '{key}' (lines {line}-{end}) does not parse: {cause} (pybtex: {exc})"
    return f"{path}: cannot read the bibliography: {exc}"


@dataclass
class Bibliography:
    entries: dict[str, dict[str, str]]  # key -> {"label": "Hebb 1949", "html": full entry}

    @classmethod
    def load(cls, path: Path, folder: Path) -> Bibliography:
        """The formatted entries of ``path``, from ``folder`` (the cache) when they are there."""
        cached = folder / f"{cache.key(path, version('pybtex'), Path(__file__))}.json"
        entries = cache.read_json(cached)  # None if absent; a corrupt entry is discarded
        if not isinstance(entries, dict):
            entries = _format(path)
            cache.write_json(cached, entries)
        return cls(entries)

    def label(self, key: str) -> str:
        return self.entries[key]["label"]

    def sorted_keys(self, keys) -> list[str]:
        return sorted(set(keys), key=lambda k: (self.label(k).lower(), k))

    def cite(self, markdown: str, locators: dict[str, list[str]] | None = None) -> tuple[str, list[str]]:
        """Replace citations in ``markdown`` with links to the page's own reference list.

        Returns the new markdown and the keys cited, in order of first citation; if
        ``locators`` is given, it collects each key's locators ("ch. 10") in order.
        """
        cited: list[str] = []

        def replace(match: re.Match) -> str:
            items = parse_citation(match["body"])
            missing = [k for _, k, _ in items if k not in self.entries]
            if missing:
                raise CitationError(f"unknown citation key(s) {', '.join(missing)} in references.bib", match.group(0))
            cited.extend(k for _, k, _ in items if k not in cited)
            parts = []
            for prefix, key, locator in items:
                text = f'<a href="#ref-{key}">{self.label(key)}</a>'
                if locator:
                    text += f", {locator}"
                    if locators is not None and locator not in locators.setdefault(key, []):
                        locators[key].append(locator)
                parts.append(f"{prefix} {text}" if prefix else text)
            return f'<span class="citation">({"; ".join(parts)})</span>'

        return CITATION.sub(replace, markdown), cited

    def entries_html(self, keys, locators: dict[str, list[str]] | None = None) -> str:
        def where(key: str) -> str:
            cited = (locators or {}).get(key)
            return f' <span class="cited-parts">Cited here: {"; ".join(cited)}.</span>' if cited else ""

        items = "\n".join(
            f'<li id="ref-{k}" class="reference">{self.entries[k]["html"]}{where(k)}</li>'
            for k in self.sorted_keys(keys)
        )
        return f'<ul class="references">\n{items}\n</ul>'


_loaded: dict[tuple[Path, Path], tuple[int, Bibliography]] = {}


def site_bibliography(path: Path, folder: Path) -> Bibliography:
    """The one Bibliography of ``path`` for this process (reloaded when the file changes)."""
    stamp = path.stat().st_mtime_ns
    known = _loaded.get((path, folder))
    if known is None or known[0] != stamp:
        known = (stamp, Bibliography.load(path, folder))
        _loaded[(path, folder)] = known
    cache.mark_used(folder / f"{cache.key(path, version('pybtex'), Path(__file__))}.json")
    return known[1]


# An element of this class holds one citation that is a list of its own (a table's
# "Sources" column), so it is rendered without the parentheses of a citation in a sentence.
BARE_LIST = "citation-list"
BARE_CITATION = re.compile(
    rf'(<span class="{BARE_LIST}">)<span class="citation">\((?P<items>.*?)\)</span>(</span>)', re.DOTALL
)

TEXT_ONLY = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>|<script\b.*?</script>|<[^>]*>)", re.DOTALL | re.IGNORECASE)


HEADING = re.compile(r"<(?P<tag>h[1-6])\b[^>]*>(?P<inner>.*?)</(?P=tag)>", re.DOTALL | re.IGNORECASE)
LINK = re.compile(r"<a\b[^>]*>(?P<inner>.*?)</a>", re.DOTALL | re.IGNORECASE)
CODE = re.compile(r"<code\b.*?</code>", re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")


def line_of(path: str | None, text: str) -> str:
    """':N' for the first line of file ``path`` that contains ``text`` (or '')."""
    if not path or not text:
        return ""
    try:
        source = Path(path).read_text(encoding="utf-8")
    except OSError:
        return ""
    at = source.find(text)
    return f":{source.count(chr(10), 0, at) + 1}" if at >= 0 else ""


def cite_html(
    bibliography: Bibliography,
    page_html: str,
    where: str,
    source: str | None = None,
    locators: dict[str, list[str]] | None = None,
) -> tuple[str, list[str]]:
    """Citations in the text of ``page_html`` -> links; never inside code, a tag or a script
    (printed output or a code block may show ``[@key]`` literally). Errors name ``where``
    and, when the citation is found in the ``source`` file, its line. ``locators`` collects
    each key's locators ("ch. 10") for the reference list."""
    from mkdocs.exceptions import PluginError

    cited: list[str] = []
    for kind, pattern in (
        ("a heading (its anchor and the table of contents would show the raw key)", HEADING),
        ("a link's text (a citation is itself a link: a link in a link)", LINK),
    ):
        for match in pattern.finditer(page_html):
            text = html.unescape(CODE.sub("", match["inner"]))
            found = CITATION.search(TAG.sub("", text))
            if found:
                raise PluginError(
                    f"{where}{line_of(source, found.group(0))}: citation {found.group(0)} in "
                    f"{kind}; cite in the sentence after it instead"
                )
    parts = TEXT_ONLY.split(page_html)
    for i in range(0, len(parts), 2):  # even items: text between tags
        if "[" not in parts[i]:
            continue
        try:
            parts[i], keys = bibliography.cite(parts[i], locators)
        except CitationError as exc:
            raise PluginError(f"{where}{line_of(source, exc.text)}: {exc}") from None
        cited.extend(k for k in keys if k not in cited)
    return BARE_CITATION.sub(r'\1<span class="citation">\g<items></span>\3', "".join(parts)), cited
