"""Every page in the nav reaches every place a reader or teacher looks for it.

A new page is done when it is in the nav and also on the home page, on the print page,
on the instructors' page, in its slide deck and the question bank (if it has
exercises) and, through its figures, in the gallery. The instructors' links, the decks,
the question bank and the gallery are checked page by page elsewhere
(test_courses.test_instructors_page_covers_the_course, test_slides,
test_question_bank.test_every_exercise_is_in_every_format,
test_publish.test_every_figure_of_the_site_is_in_the_gallery); this file adds the two
that were checked only for a few pages: the print page and the home page.
"""

from __future__ import annotations

import re
from pathlib import Path

from test_courses import CONFIG, ROOT, nav_pages

# Nav pages the home page does not link, as it stands: its reading paths and cards are a
# selection, not a table of contents. A page added to the nav must be linked from the
# home page or added here on purpose; a page listed here that the home page now links
# must be taken off (so the list cannot go stale).
NOT_ON_HOME = {
    "biological-neuron.md", "artificial-neuron.md", "activation-functions.md", "excitability.md",
    "firing-patterns.md", "dendrites.md", "synapses.md", "inhibition.md", "noise.md", "depth.md",
    "attractors.md", "spiking-networks.md", "third-factor.md", "continuous-attractors.md", "decisions.md",
    "spike-energy.md", "history.md", "notebooks/build-a-neuron.ipynb", "notebooks/spiking-vs-rate.ipynb",
    "glossary.md", "quantities.md", "corrections.md", "gallery.md",
}


def print_excluded() -> set[str]:
    """The pages mkdocs.yml keeps off paper (print-site's `exclude`)."""
    for plugin in CONFIG["plugins"]:
        if isinstance(plugin, dict) and "print-site" in plugin:
            return set(plugin["print-site"].get("exclude", []))
    raise AssertionError("mkdocs.yml has no print-site plugin")


def test_every_nav_page_is_on_the_print_page(site: Path):
    html = (site / "print_page" / "index.html").read_text(encoding="utf-8")
    sections = set(re.findall(r'<section class="print-page" id="([^"]+)"', html))
    excluded = print_excluded()
    assert excluded == {"gallery.md", "corrections.md"}, "a page kept off paper is a decision: say why in mkdocs.yml"
    missing = [page for page in nav_pages() if page not in excluded
               and re.sub(r"\.(md|ipynb)$", "", page).replace("/", "-") not in sections]
    assert not missing, f"not on the print page: {missing}"


def test_every_nav_page_is_linked_from_the_home_page():
    source = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", source))
    pages = set(nav_pages()) - {"index.md"}
    assert not NOT_ON_HOME - pages, f"NOT_ON_HOME names pages not in the nav: {NOT_ON_HOME - pages}"
    missing = sorted(pages - linked - NOT_ON_HOME)
    assert not missing, f"in the nav but not on the home page (link it, or add it to NOT_ON_HOME): {missing}"
    stale = sorted(NOT_ON_HOME & linked)
    assert not stale, f"on the home page now, take off NOT_ON_HOME: {stale}"


def test_every_explorable_is_on_the_home_pages_try_it_card():
    """A page with an explorable is something to try: the home page's "Try it" card links it."""
    source = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    card = re.search(r"-   \*\*Try it\*\*\n(.*?)\n\n-   ", source, re.S)
    assert card, "the home page has no 'Try it' card"
    with_explorable = sorted(p.name for p in (ROOT / "docs").glob("*.md")
                             if 'class="nn-explorable"' in p.read_text(encoding="utf-8"))
    assert len(with_explorable) >= 3
    for page in with_explorable:
        assert re.search(rf"\]\({re.escape(page)}(#[^)]*)?\)", card[1]), f"'Try it' does not link {page}"
