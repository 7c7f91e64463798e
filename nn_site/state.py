"""What the build keeps between MkDocs events: one object per build, one per process.

``hooks.on_config`` starts every build with ``begin()``: a new ``BuildState``, so nothing
one build learnt (a page's figures, a snippet's output, the gallery's list) reaches the
next, as when ``mkdocs serve`` rebuilds in the same process. Each concern's functions
reach it in one way, ``state.current()``, and fill in their own fields in their
``on_config``. ``session`` holds what ``on_startup`` says once per process (the command).

Process-wide memos of pure results (TeX -> MathML, a parsed .bib by its bytes) live in
their modules: they hold no build's state, and a rebuild may reuse them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import markdown as markdown_lib
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from nn_site.config import SiteConfig
    from nn_site.engine.runner import Output
    from nn_site.pages.citations import Bibliography
    from nn_site.publish.gallery import Figure
    from nn_site.publish.versions import Release


@dataclass
class Session:
    """The process: set by ``on_startup``, once, before the first build."""

    serving: bool = False  # `mkdocs serve`: a failing snippet shows in its page
    dirty: bool = False  # `--dirty`: no partial site folder swapped in
    building: bool = False  # `mkdocs build` itself, not a tool that only loads the configuration
    lock_file: Any = None  # nn_site.engine.build_guard: the cache's lock, held until the process ends
    said_no_sandbox: bool = False  # nn_site.engine.sandbox: the warning is given once per process


@dataclass
class BuildState:
    """One build, from ``on_config`` to ``on_post_build``."""

    config: MkDocsConfig | None = None
    settings: SiteConfig | None = None  # nn_site.config: NN_* read and checked once, in on_config
    # nn_site.engine: the cache entries this build read or wrote (the rest is pruned at its
    # end); the site_dir asked for while the build writes into a partial folder beside it
    cache_used: set[Path] = field(default_factory=set)
    site_target: Path | None = None
    # nn_site.build: snippets, citations, the ledger
    bibliography: Bibliography | None = None
    snippets_dir: Path = field(default_factory=Path)  # <folder of mkdocs.yml>/snippets
    outputs: dict[str, Output] = field(default_factory=dict)  # snippet -> what it made
    errors: dict[str, str] = field(default_factory=dict)  # snippet -> why it failed (serve only)
    page: Page | None = None  # the page being converted (a fence formatter gets no page)
    files: Files | None = None
    inner: markdown_lib.Markdown | None = None  # renders what a snippet block becomes
    ledger_rows: list[Any] = field(default_factory=list)  # includes/ledger/*.yml
    # nn_site.pages.courses: the glossary; nn_site.notebooks.pages: citations in notebooks
    root: Path = field(default_factory=Path)  # the folder of mkdocs.yml
    terms: dict[str, str] = field(default_factory=dict)
    notebook_bibliography: Bibliography | None = None
    # nn_site.pages.reading: the math font's characters, notebook figures to write
    math_pages: set[str] = field(default_factory=set)
    math_chars: set[str] = field(default_factory=set)
    # nn_site.pages.mathml: its cache file, the conversions it held and those this build used
    math_cache_file: Path | None = None
    math_loaded: set[str] = field(default_factory=set)
    math_used: set[str] = field(default_factory=set)
    notebook_files: dict[str, str] = field(default_factory=dict)  # site path -> SVG text
    # nn_site.publish.site: the release cited, the gallery's figures, where two pages go
    release: Release | None = None
    figures: dict[str, list[Figure]] = field(default_factory=dict)  # page -> its figures
    dest: dict[str, str] = field(default_factory=dict)  # src_uri -> dest_uri (gallery, print page)
    # nn_site.publish.slides: each content page's display equations and deck, the decks
    # written (page -> manifest), the instructors' page's misconceptions by page
    deck_equations: dict[str, list[str]] = field(default_factory=dict)
    decks: dict[str, Any] = field(default_factory=dict)
    deck_manifests: dict[str, dict] | None = None
    misconceptions: dict[str, list[str]] | None = None


session = Session()
_current = BuildState()


def begin() -> BuildState:
    """A new build: a fresh state, nothing carried over from the last one."""
    global _current
    _current = BuildState()
    return _current


def current() -> BuildState:
    """The state of the build under way (or of the last one, between builds)."""
    return _current
