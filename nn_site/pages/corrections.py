"""The public corrections log: every factual fix to a page, as data, rendered three ways.

One file, ``includes/corrections.yml``, lists every correction since release 0.1.0
(and the errata fixed before it, with the release that first carried the fix). Each
entry is a mapping::

    - id: synapses-per-neuron          # stable lowercase slug, unique (the entry's anchor)
      title: Synapses per neuron from one region, the neocortex, not two   # its heading
      page: biological-neuron.md       # docs-relative page that was wrong
      kind: correction                 # correction (a definite error) |
                                       # clarification (a misleading statement made precise)
      wrong: About 9,000 synapses per neuron ...   # what the page said (inline Markdown)
      right: About 7,000 synapses per neuron ...   # what it says now (inline Markdown)
      source: "lecun1998, sec. 4.6"     # bibliography key with an optional locator, or a list
      computed: tests/test_errata.py   # optional: the file that computes the right value
      release: unreleased              # the release that first carries the fix: a release
                                       # (CHANGELOG heading, git tag v1.2.3, extra.release)
                                       # or "unreleased" (make release fills in the version)
      commit: 71e754e                  # the commit that made the fix (7 to 40 hex digits)
      date: 2026-11-29                 # the day of that commit
      before_publication: true         # optional: the fix was made, after an independent
                                       # review, before its text was first published

``title`` is the entry's heading on the Corrections page ("Correction: <title>"), naming
what was corrected in a reader's words, not the id's: one line of plain text, at most 70
characters (``TITLE_MAX``), sentence case, no trailing period, no Markdown (it is escaped
and shown as written, its quotes set curly). The id stays the heading's anchor, so links to an entry outlive a
reworded title.

``wrong`` and ``right`` are inline Markdown with ``$math$`` and ``[@key]`` citations;
any raw HTML in them is escaped, never passed through (a ``<script>`` shows as text),
and a link may only point to a page of the site or an http(s) address. Every entry
needs a ``source``, or a ``computed`` file when the fix is arithmetic.

The build renders the log (``nn_site/pages/courses.py``) as

* the Corrections page: its ``<!-- corrections -->`` marker becomes every entry,
  grouped by release, newest first (:func:`page_markdown`);
* a note at the foot of every corrected page, "Corrected in <release>: ..." linking
  the Corrections page (:func:`footer_markdown`); for a fix made before the page was
  first published, "Corrected before first publication: ...", since no release ever
  carried the error;

and ``scripts/release.py`` turns "unreleased" into the new version and lists the
entries in that release's CHANGELOG section (:func:`release_unreleased`). A malformed
file fails the build with the file, the entry and the cause (:class:`CorrectionsError`);
a fault in a title also names its line (``includes/corrections.yml:25: entry 2 (id 'x')``).
``tests/test_corrections.py`` also checks that every commit exists in the history.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
import subprocess
from pathlib import Path

import yaml

from nn_site.pages import entry_checks
from nn_site.pages.citations import curly_quotes
from nn_site.pages.deferred import in_noscript

CORRECTIONS_FILE = Path("includes") / "corrections.yml"
CORRECTIONS_PAGE = "corrections.md"
MARKER = "<!-- corrections -->"
UNRELEASED = "unreleased"
KINDS = ("correction", "clarification")
REQUIRED = ("id", "title", "page", "kind", "wrong", "right", "release", "commit", "date")
FIELDS = (*REQUIRED, "source", "computed", "before_publication")
TITLE_MAX = 70  # characters: a heading, not a summary (the entry's text follows it)
# A title is plain text: these would show as typed, not as markup (the heading is HTML).
TITLE_MARKUP = (("[@", "a citation"), ("](", "a link"), ("`", "code"), ("*", "emphasis"), ("$", "math"))
COMMIT = re.compile(r"^[0-9a-f]{7,40}$")
VERSION = re.compile(r"^\d+\.\d+\.\d+$")
# Inline text is split into code spans and $math$ (left to Markdown and arithmatex, which
# escape them) and plain text (escaped here).
VERBATIM = re.compile(r"(`[^`]*`|\$[^$\n]+\$)")
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]*)")
SAFE_TARGET = re.compile(r"^(?:https?://|[\w./-]*(?:#[\w-]*)?$)", re.IGNORECASE)


class CorrectionsError(Exception):
    """The corrections file is wrong; the message names the file, the entry and the cause."""


def releases(root: Path, current: str | None = None) -> set[str]:
    """Every release that exists: CHANGELOG.md's ``## x.y.z`` headings, git tags
    ``vx.y.z`` and the configured ``extra.release``."""
    found = {current} if current else set()
    changelog = root / "CHANGELOG.md"
    if changelog.is_file():
        found |= set(re.findall(r"^## (\d+\.\d+\.\d+)\b", changelog.read_text(encoding="utf-8"), re.M))
    try:
        tags = subprocess.run(
            ["git", "tag", "--list", "v*"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: no tags to add
        tags = []
    found |= {t[1:] for t in tags if VERSION.match(t[1:])}
    return found


def _text(value, at: str, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CorrectionsError(f"{at}: '{name}' must be non-empty text")
    text = " ".join(value.split())
    for target in LINK.findall(text):
        if not SAFE_TARGET.match(target):
            raise CorrectionsError(
                f"{at}: '{name}' links to {target!r}; only a page of the site or an http(s) address may be linked"
            )
    if "![" in text:
        raise CorrectionsError(f"{at}: '{name}' has an image; a correction is text")
    return text


def _entry_line(text: str, n: int, field: str) -> int:
    """The 1-based line of entry ``n``'s ``field`` in the corrections file's ``text`` (already
    loaded, so valid YAML), or of the entry itself if it has no such field."""
    entry = yaml.compose(text, Loader=yaml.SafeLoader).value[n - 1]
    keys = [key for key, _ in entry.value] if isinstance(entry, yaml.MappingNode) else []
    node = next((key for key in keys if key.value == field), entry)
    return node.start_mark.line + 1


def _title_fault(value) -> str | None:
    """What is wrong with an entry's ``title`` (see the module docstring), or None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "missing title (a short heading naming what was corrected)"
    if not isinstance(value, str):
        return f"title must be text, one line, not {value!r}"
    if "\n" in value.strip() or "\r" in value.strip():
        return "title must be one line"
    if len(value) > TITLE_MAX:
        return f"title has {len(value)} characters, more than {TITLE_MAX}; shorten it: {value!r}"
    if value.rstrip().endswith("."):
        return f"title ends with a period; a heading has none: {value!r}"
    for mark, what in TITLE_MARKUP:
        if mark in value:
            return f"title must be plain text, but {mark!r} makes {what}: {value!r}"
    return None


def sources_of(entry: dict) -> list[str]:
    """The entry's sources as 'key' or 'key, locator' strings."""
    source = entry.get("source")
    return [] if source is None else [source] if isinstance(source, str) else list(source)


def load(root: Path, docs_dir: Path | None = None, bib_keys=None, known_releases=None) -> list[dict]:
    """Every entry of ``<root>/includes/corrections.yml``, checked (none if it is absent).
    ``bib_keys`` and ``known_releases``, when given, are checked too."""
    path = root / CORRECTIONS_FILE
    docs_dir = docs_dir or root / "docs"
    if not path.is_file():
        return []
    where = CORRECTIONS_FILE.as_posix()
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CorrectionsError(f"{where}: not valid YAML: {exc}") from None
    if data is None:
        return []
    entry_checks.entry_list(data, where, CorrectionsError, "entries", "id")
    entries, seen = [], set()
    for n, entry in enumerate(data, 1):
        if not isinstance(entry, dict):
            raise CorrectionsError(f"{where}: entry {n} is not a mapping of {', '.join(FIELDS)}")
        at = f"{where}: entry {n} (id {entry.get('id')!r})"
        fault = _title_fault(entry.get("title"))
        if fault:  # with the title's line (the entry's, if it has none): where to write it
            raise CorrectionsError(
                f"{where}:{_entry_line(text, n, 'title')}: entry {n} (id {entry.get('id')!r}): {fault}"
            )
        entry_checks.check_fields(entry, at, CorrectionsError, REQUIRED, FIELDS)
        entry_checks.check_slug(entry["id"], at, CorrectionsError, "id", "synapses-per-neuron")
        if entry["id"] in seen:
            raise CorrectionsError(f"{at}: duplicate id")
        seen.add(entry["id"])
        page = entry["page"]
        if not isinstance(page, str) or ".." in Path(page).parts or not (docs_dir / page).is_file():
            raise CorrectionsError(f"{at}: page {page!r} does not exist under docs/")
        if not page.endswith(".md"):
            raise CorrectionsError(
                f"{at}: page {page!r} is not a Markdown page (.md), which the note at its foot needs"
            )
        if entry["kind"] not in KINDS:
            raise CorrectionsError(f"{at}: kind {entry['kind']!r} is not one of {', '.join(KINDS)}")
        release = str(entry["release"])
        if release != UNRELEASED and not VERSION.match(release):
            raise CorrectionsError(f"{at}: release {release!r} is neither a version like 0.2.0 nor '{UNRELEASED}'")
        if release != UNRELEASED and known_releases is not None and release not in known_releases:
            raise CorrectionsError(
                f"{at}: release {release} does not exist (no CHANGELOG heading, "
                f"git tag or extra.release); a fix not yet released is "
                f"'{UNRELEASED}'"
            )
        commit = str(entry["commit"])
        if not COMMIT.match(commit):
            raise CorrectionsError(f"{at}: commit {commit!r} is not a commit hash (7 to 40 hex digits)")
        date = entry["date"]
        if not isinstance(date, dt.date):
            try:
                date = dt.date.fromisoformat(str(date))
            except ValueError:
                raise CorrectionsError(f"{at}: date {entry['date']!r} is not a date like 2026-11-29") from None
        wrong, right = (_text(entry[f], at, f) for f in ("wrong", "right"))
        sources = sources_of(entry)
        if not sources and not entry.get("computed"):
            raise CorrectionsError(f"{at}: needs a 'source' (bibliography key) or a 'computed' file")
        if not all(isinstance(s, str) for s in sources):
            raise CorrectionsError(f"{at}: source must be 'key', 'key, locator' or a list of them")
        keys = [entry_checks.source_key(source.strip(), at, CorrectionsError) for source in sources]
        for key in keys + re.findall(r"@([\w:-]+)", f"{wrong} {right}"):
            if bib_keys is not None and key not in bib_keys:
                raise CorrectionsError(f"{at}: unknown bibliography key {key!r}")
        if entry.get("before_publication", True) is not True:
            raise CorrectionsError(f"{at}: before_publication is 'true' or left out")
        computed = entry.get("computed")
        # a path inside the repository; that the file exists is checked by
        # tests/test_corrections.py (a build may run from a copy without tests/, as mike's does)
        if computed is not None and (
            not isinstance(computed, str) or ".." in Path(computed).parts or Path(computed).is_absolute()
        ):
            raise CorrectionsError(f"{at}: computed file {computed!r} must be a path inside the repository")
        entries.append(
            {
                **entry,
                "release": release,
                "commit": commit,
                "date": date.isoformat(),
                "title": " ".join(entry["title"].split()),
                "wrong": wrong,
                "right": right,
                "sources": [s.strip() for s in sources],
            }
        )
    return entries


def load_checked(root: Path, docs_dir: Path, bib_keys, current_release: str | None) -> list[dict]:
    """load(), with every check, and a CorrectionsError turned into a build error."""
    from mkdocs.exceptions import PluginError

    try:
        return load(root, docs_dir, set(bib_keys), releases(root, current_release))
    except CorrectionsError as exc:
        raise PluginError(f"corrections: {exc}") from None


# --- rendering ----------------------------------------------------------------------


def inline(text: str) -> str:
    """A field as inline Markdown: HTML escaped outside code spans and $math$."""
    parts = VERBATIM.split(text)
    return "".join(p if i % 2 else html.escape(p, quote=False) for i, p in enumerate(parts))


def _version_key(release: str) -> tuple:
    return (1,) if release == UNRELEASED else (0, *map(int, release.split(".")))


def release_label(release: str, current: str, before_publication: bool = False) -> str:
    """'in 0.2.0', or 'since 0.1.0 (in the next release)' for a fix not yet released, or
    'before first publication' for a fix to a page no release had carried yet."""
    if before_publication:
        return "before first publication"
    if release != UNRELEASED:
        return f"in {release}"
    return f"since {current} (in the next release)" if current else "in the next release"


def citation(entry: dict) -> str:
    cites = "; ".join(f"@{s}" for s in entry["sources"])
    parts = [f"[{cites}]"] if cites else []
    if entry.get("computed"):
        parts.append(f"computed in `{entry['computed']}`")
    return " and ".join(parts)


def page_title(docs_dir: Path, page: str) -> str:
    """The page's first ``# `` heading (its title in the site), else its file name."""
    for line in (docs_dir / page).read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return page


def _link(page: str, from_page: str) -> str:
    """``page`` relative to ``from_page`` (both docs-relative .md paths)."""
    return posixpath.relpath(page, posixpath.dirname(from_page) or ".")


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _group_summary(ones: list[dict]) -> str:
    """'2 corrections and 1 clarification, the latest on 2026-12-07', and whether an
    independent review found them all before its text was first published."""
    kinds = [e["kind"] for e in ones]
    counts = [_count(kinds.count(kind), kind) for kind in ("correction", "clarification") if kind in kinds]
    latest = max(e["date"] for e in ones)
    line = f"{' and '.join(counts)}, the latest on {latest}"
    if all(e.get("before_publication") for e in ones):
        line += (
            "; "
            + ("found" if len(ones) == 1 else "all found")
            + (" by an independent review before its text was first published")
        )
    return line + "."


def page_markdown(
    entries: list[dict], docs_dir: Path, current: str, from_page: str, commit_url: str | None = None
) -> str:
    """The Corrections page's list: one section per release, newest first; in each, a
    table of the corrected pages, then per page a heading, a line that counts its entries,
    and the entries in a closed disclosure (a link to an entry opens it: the browser, or
    docs/assets/open-target.js).

    Grouped and closed (visual review, issue 29): 150 entries one after another made a
    page of 54,000 px of the same pattern, with no overview; and the entries' 3,000
    elements were laid out and restyled as the page started (issue 34: Lighthouse mobile
    82 on this page). A closed disclosure's content is neither."""
    if not entries:
        return "No correction has been made yet."
    out = []
    for release in sorted({e["release"] for e in entries}, key=_version_key, reverse=True):
        heading = (
            f"Release {release}"
            if release != UNRELEASED
            else f"Not yet released (after {current})"
            if current
            else "Not yet released"
        )
        out.append(f"## {heading}\n")
        # one group per page (in title order), newest entry first within it: by date, and
        # on one date the entry written later in the file first
        mine = [(n, e) for n, e in enumerate(entries) if e["release"] == release]
        titles = {e["page"]: page_title(docs_dir, e["page"]) for _, e in mine}
        pages = sorted(titles, key=lambda p: titles[p].lower())
        by_page = {page: [(n, e) for n, e in mine if e["page"] == page] for page in pages}
        if len(pages) > 1:
            out.append(_summary_table(release, pages, titles, by_page))
        for page in pages:
            # The group's heading is the page's title as a heading, not a link (a visual
            # review: link-blue headings read as links); the line under it links the page.
            title = html.escape(titles[page], quote=False).replace("[", "\\[")
            out.append(f"### {title} {{#{_slug(release, titles[page])}}}\n")
            ones = by_page[page]
            out.append(_group_summary([e for _, e in ones]) + f" [Open the page]({_link(page, from_page)}).\n")
            every_one_early = all(e.get("before_publication") for _, e in ones)
            shown = "the entry" if len(ones) == 1 else f"the {len(ones)} entries"
            out.append(f'<details class="corrections-group" markdown>\n<summary>Show {shown}</summary>\n')
            for _, e in sorted(ones, key=lambda ne: (ne[1]["date"], ne[0]), reverse=True):
                commit = f"`{e['commit'][:7]}`"
                if commit_url:
                    commit = f"[{commit}]({commit_url}{e['commit']})"
                found = (
                    ", found by an independent review before its text was first published"
                    if e.get("before_publication") and not every_one_early
                    else ""
                )
                # Each entry's heading is its kind and title (the id is only its anchor,
                # so links made before titles existed still work); the title's quotes set
                # curly, as smarty sets the Markdown around it. The table of contents lists
                # releases and pages, not every entry (150 entries made a sidebar of 435
                # links): ``untoc_entries`` takes them out after the page is rendered.
                out.append(
                    f'<h4 id="{e["id"]}">{html.escape(e["kind"].capitalize())}: '
                    f"{curly_quotes(html.escape(e['title'], quote=False))}</h4>\n\n"
                    f"{e['date']}, commit {commit}{found}.\n\n"
                    f"- It said: {inline(e['wrong'])}\n"
                    f"- It says: {inline(e['right'])}\n"
                    f"- Source: {citation(e)}\n"
                )
            out.append("</details>\n")
    return "\n".join(out)


SUMMARY_CLASS = "corrections-summary"  # nn_site/pages/tables.py leaves it out of the scroll boxes


def _summary_table(release: str, pages: list[str], titles: dict[str, str], by_page: dict) -> str:
    """A release's table of the corrected pages: the page (a link to its group below), its
    corrections, its clarifications and the date of the latest. On a desktop four columns;
    on a phone (site.css, "The corrections log's summary") each row is two lines, the page,
    then "8 corrections · 5 clarifications · latest 2026-12-07" with a count of none left
    out: squeezed into four columns at 390 px each title wrapped over three lines and each
    date over two (a visual review). The words after a number are in the cell, shown only
    on a phone, so the numbers stay a column on a desktop."""
    rows = ["| Page | Corrections | Clarifications | Latest |", "|---|--:|--:|---|"]
    for page in pages:
        kinds = [e["kind"] for _, e in by_page[page]]
        title = html.escape(titles[page], quote=False).replace("[", "\\[").replace("|", "\\|")
        counts = []
        for kind in KINDS:
            n = kinds.count(kind)
            words = _count(n, kind).split(" ", 1)[1]
            zero = ' class="corrections-none"' if n == 0 else ""
            counts.append(f'<span{zero}>{n}<span class="corrections-words"> {words}</span></span>')
        latest = max(e["date"] for _, e in by_page[page])
        rows.append(
            f"| [{title}](#{_slug(release, titles[page])}) | {' | '.join(counts)} | "
            f'<span class="corrections-words">latest </span>{latest} |'
        )
    return f'<div class="{SUMMARY_CLASS}" markdown>\n\n' + "\n".join(rows) + "\n\n</div>\n"


def untoc_entries(page, entries: list[dict]) -> None:
    """Take the entries' headings (h4, inside each page's closed group) out of the page's
    table of contents: it lists the releases and the corrected pages."""
    ids = {e["id"] for e in entries}

    def keep(items) -> None:
        items[:] = [item for item in items if item.id not in ids]
        for item in items:
            keep(item.children)

    if page.toc is not None:
        keep(page.toc.items)


def _slug(release: str, title: str) -> str:
    """The anchor of a page's group in a release: 'unreleased-xor', '0-1-0-xor'."""
    return re.sub(r"[^a-z0-9]+", "-", f"{release} {title}".lower()).strip("-")


def footer_markdown(entries: list[dict], page: str, current: str) -> str:
    """The note at the foot of ``page`` (or ''): a closed disclosure, "Corrections to this
    page (N)", holding one line per correction of it, so a reader sees that the page was
    corrected without a list of bullets standing between the text and its references."""
    mine = sorted((e for e in entries if e["page"] == page), key=lambda e: e["date"])
    if not mine:
        return ""
    link = _link(CORRECTIONS_PAGE, page)
    lines = [
        f"Corrected {release_label(e['release'], current, e.get('before_publication', False))}: "
        f"{inline(e['right']).rstrip('.')} "
        f"{citation(e)}. [See all corrections]({link}#{e['id']})."
        for e in mine
    ]
    body = "\n".join(f"- {line}" for line in lines)
    return (
        '\n\n<div class="corrections-note" markdown>\n\n<details class="note" markdown>\n'
        f"<summary>Corrections to this page ({len(mine)})</summary>\n\n{body}\n\n</details>\n\n</div>\n"
    )


# --- releasing ----------------------------------------------------------------------


def release_unreleased(text: str, version: str) -> tuple[str, list[dict]]:
    """The corrections file's text with every ``release: unreleased`` set to ``version``
    (comments and layout kept), and the entries that changed."""
    try:
        data = yaml.safe_load(text) or []
    except yaml.YAMLError as exc:
        raise CorrectionsError(f"{CORRECTIONS_FILE}: not valid YAML: {exc}") from None
    if not isinstance(data, list):
        raise CorrectionsError(f"{CORRECTIONS_FILE}: must be a YAML list of entries")
    moved = [e for e in data if isinstance(e, dict) and str(e.get("release")) == UNRELEASED]
    new, count = re.subn(
        rf"^(\s*-?\s*release:\s*)[\"']?{UNRELEASED}[\"']?[ \t]*(#.*)?$",
        lambda m: f"{m[1]}{version}" + (f"  {m[2]}" if m[2] else ""),
        text,
        flags=re.MULTILINE,
    )
    if count != len(moved):
        raise CorrectionsError(
            f"{CORRECTIONS_FILE}: found {len(moved)} unreleased entries but "
            f"{count} 'release: {UNRELEASED}' lines; write each as its own line"
        )
    return new, moved


def changelog_lines(entries: list[dict]) -> str:
    """The release notes' list of corrections (plain Markdown, as the CHANGELOG is)."""
    if not entries:
        return ""
    items = "\n".join(
        f"  - {e['kind'].capitalize()}, `{e['page']}`: {' '.join(str(e['right']).split())}" for e in entries
    )
    return f"- Corrections (listed on the Corrections page):\n{items}"


# --- the log's entries parsed only when a reader opens them (issue 34) -----------------

DEFERRED_CLASS = "corrections-deferred"  # docs/assets/open-target.js makes it HTML again
_GROUP = re.compile(r'(<details class="corrections-group">\s*<summary>.*?</summary>)(.*?)(</details>)', re.S)


def defer_groups(page_html: str) -> str:
    """Each closed page group of the Corrections page with its entries inside a
    ``<noscript>``: a browser that runs scripts parses a noscript's content as one text
    node, so the 175 entries (about 3,000 elements, most of the page) cost no elements,
    style or layout until a reader opens a group, or follows a link to an entry, and
    ``open-target.js`` turns that group's text into HTML. Without scripts the browser
    parses it as HTML, so the closed groups work as before. The search index is made
    from the page's content before this runs (``on_post_page``), so it still holds every
    entry. Lighthouse mobile on this page: 80 with the entries in the document."""

    def defer(match: re.Match) -> str:
        opening, entries, closing = match.groups()
        return opening + in_noscript(entries, DEFERRED_CLASS, "a corrections entry") + closing

    return _GROUP.sub(defer, page_html)
