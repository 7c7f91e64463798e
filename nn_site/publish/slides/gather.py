"""Gathering: everything a page's deck shows, read from the page as it is converted.

A deck is gathered from the page's own HTML (its figures, captions, exercises and their
worked solutions, references), its Markdown (display equations), the analogy ledger's
rows for it and the instructors' page's misconceptions: so a deck never differs from its
page. The result, a :class:`Deck`, is plain text and site paths only, which is what the
deck cache hashes (``asdict``): a field added here changes every deck's cache key.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field, replace

import lxml.html

from nn_site.pages import typography
from nn_site.publish import cite, gallery
from nn_site.publish.slides.rich_text import Run, page_table, plain, rich_text
from nn_site.publish.versions import Release

DISPLAY_MATH = re.compile(r"^[ \t]*\$\$[ \t]*\n(.*?)\n[ \t]*\$\$[ \t]*$", re.MULTILINE | re.DOTALL)
EXERCISES = re.compile(r'<h2 id="exercises">.*?</h2>(.*?)(?=<h2\b|\Z)', re.DOTALL)
REFERENCE = re.compile(r'<li id="ref-([^"]+)" class="reference">(.*?)</li>', re.DOTALL)
CITED = re.compile(r'href="#ref-([^"]+)"')
FIGURE_ID = re.compile(r'<figure\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</figure>', re.DOTALL)
MISCONCEPTIONS = re.compile(r"^## Misconceptions worth addressing\n(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
MD_CITATION = re.compile(r"\s*\[@[^\]]+\]")
CAPTION_NUMBER = re.compile(r'^\s*<span class="caption-number">[^<]*</span>\s*')
SHORT_TITLE = 60  # characters: a figure slide's title fits one projected line
# Where a caption's first sentence can be cut to name the figure's subject: its clauses.
# A caption that opens on its first panel ("Left: …", "(A) …") names the figure after it.
PANEL_LABEL = re.compile(
    r"^(?:(?:Left|Right|Top|Bottom|Above|Below|First panel|Panel [A-F])\s*:|\(?[A-Fa-f]\)\s|[A-F]:)\s*"
)
CLAUSE_BREAK = re.compile(r"\s*(?:[:;]|\s[–—]\s|(?<!\d),\s)")  # not "0.5, 1 and 2 mm"
SENTENCE_BREAK = re.compile(r"(?<=[^\s.][.?!])\s+(?=[A-Z(])")  # as gallery.Figure.title splits
CREDIT_CLAUSE = re.compile(r"^(?:After|From|Adapted from|Redrawn from)\b")  # a source, not a subject


class SlidesError(RuntimeError):
    """A deck cannot be made; the message names the page."""


@dataclass(frozen=True)
class DeckFigure:
    """One figure as its slide shows it: the gallery's slide PNG, a short title, the caption
    (as runs, so its formulas keep their indices) and what the speaker notes say of it."""

    light: str  # site-relative SVG of the figure (its slide PNG is beside it); a dark deck's: the dark SVG
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
    """One row of the analogy ledger for the page, its sources as bibliography entries."""

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
    figures: list[DeckFigure]
    equations: list[str]  # TeX of the page's display equations, in page order
    verdicts: list[Verdict]
    questions: list[list[Run]]
    solutions: list[str]  # each exercise's worked solution, as the page folds it under it
    misconceptions: list[str]
    references: list[str]

    @property
    def link(self) -> str:
        """The deck's address from its page: the file name (the deck is beside the HTML)."""
        return posixpath.basename(self.file)


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


def dark_file(deck_file: str) -> str:
    """The dark copy of a deck, beside it: ``<page>-slides-dark.pptx`` (not matched by
    ``make slides-pdf``'s ``*-slides.pptx``: the release's PDFs are of the light decks,
    which print and project best)."""
    return deck_file.removesuffix(".pptx") + "-dark.pptx"


def dark_copy(deck: Deck, figures: list[gallery.Figure]) -> Deck:
    """The deck with the figures' dark copies (``figures``: the page's, as the gallery
    collected them) and its own file: what the dark deck shows, hashed for its cache."""
    darks = {fig.light: fig for fig in figures}
    missing = [fig.light for fig in deck.figures if fig.light not in darks]
    if missing:
        raise SlidesError(f"{deck.page}: the gallery has no dark copy of {', '.join(missing)}")
    return replace(
        deck,
        file=dark_file(deck.file),
        figures=[replace(fig, light=darks[fig.light].dark_svg, png=darks[fig.light].png_dark) for fig in deck.figures],
    )


def display_equations(markdown: str) -> list[str]:
    """The TeX of each display equation ($$ … $$) before the Exercises, one line each."""
    body = re.split(r"^## Exercises\b", markdown, maxsplit=1, flags=re.MULTILINE)[0]
    return [" ".join(m[1].split()) for m in DISPLAY_MATH.finditer(body)]


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
        DeckFigure(
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
