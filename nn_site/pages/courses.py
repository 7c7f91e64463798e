"""Course hooks: glossary, notebook pages, print page, offline copy (citing the site:
``nn_site/publish/site.py``).

Registered after ``nn_site/build.py`` in ``mkdocs.yml`` (``hooks:``), so the
lead hook's citations and MathML have already run when these see a page. Each job
lives in its own module; this file only connects them to MkDocs' events:

- ``nn_site/pages/glossary.py``        terms as tooltips on every page, and the Glossary page;
- ``nn_site/notebooks/pages.py``  mkdocs-jupyter's pages without CDN, in the site's style;
- ``nn_site/print/page.py``      the print page's fixes to mkdocs-print-site;
- ``nn_site/pages/offline_index.py``   the search index as a script, for the offline copy;
- ``nn_site/pages/search_index.py``    notebook code kept out of the search index;
- ``nn_site/pages/corrections.py``     the corrections log: the Corrections page and the note
                                 at the foot of every corrected page.

The corrections are read and checked once per build in ``on_config`` and kept on the
build's own config (``config.extra["corrections"]``), not in a module variable.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from nn_site import state
from nn_site.engine.cache import cache_dir
from nn_site.notebooks import pages as notebook_pages
from nn_site.pages import corrections, offline_index, search_index
from nn_site.pages.citations import site_bibliography
from nn_site.pages.glossary import (  # noqa: F401 - tests read these names from here
    GLOSSARY_MARKER,
    GLOSSARY_SOURCE,
    glossary_html,
    plain_text,
    read_glossary,
    tooltip_forms,
    untooltip_headings,
)
from nn_site.print import page as print_page
from nn_site.print.page import _update_anchor_ids, print_site_urls  # noqa: F401 - tests use them

# --- hooks ---------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    state.current().root = Path(config.config_file_path).resolve().parent
    source = state.current().root / GLOSSARY_SOURCE
    state.current().terms = read_glossary(source)
    bib = Path(config.docs_dir) / "references.bib"
    bibliography = site_bibliography(bib, cache_dir() / "bibliography")
    abbr = config.mdx_configs.setdefault("abbr", {})
    try:  # a tooltip is plain text: citations as "(Author Year)", math as text
        plain = {t: plain_text(d, bibliography.label) for t, d in state.current().terms.items()}
    except (KeyError, ValueError) as exc:
        raise PluginError(f"{source}: {exc}") from None
    abbr["glossary"] = {**tooltip_forms(plain), **abbr.get("glossary", {})}
    notebook_pages.use_bibliography(bibliography)
    config.extra["corrections"] = tuple(
        corrections.load_checked(
            state.current().root, Path(config.docs_dir), bibliography.entries, config.extra.get("release")
        )
    )
    print_page.install()
    return config


def on_serve(server, config: MkDocsConfig, builder):
    server.watch(str(state.current().root / GLOSSARY_SOURCE.parent))  # edit a definition, see it at once
    return server


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if GLOSSARY_MARKER in markdown:
        markdown = markdown.replace(GLOSSARY_MARKER, glossary_html(state.current().terms))
    return with_corrections(markdown, page, config)


def with_corrections(markdown: str, page: Page, config: MkDocsConfig) -> str:
    """The Corrections page's list in place of its marker; a note at the foot of every
    corrected page (nn_site/pages/corrections.py)."""
    entries = config.extra.get("corrections", ())
    where, release = page.file.src_uri, str(config.extra.get("release", ""))
    if corrections.MARKER in markdown:
        repo = (config.repo_url or "").rstrip("/")
        commit_url = f"{repo}/commit/" if repo.startswith("https://github.com/") else None
        markdown = markdown.replace(
            corrections.MARKER,
            corrections.page_markdown(list(entries), Path(config.docs_dir), release, where, commit_url),
        )
    return markdown + corrections.footer_markdown(list(entries), where, release)


def on_page_content(html_: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri.endswith(".ipynb"):
        html_ = notebook_pages.cached_clean_notebook(html_, page, files, config)
    html_ = untooltip_headings(html_)
    if page.file.src_uri == corrections.CORRECTIONS_PAGE:
        corrections.untoc_entries(page, list(config.extra.get("corrections", ())))
    html_ = search_index.exclude_code(html_)
    return html_


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """The Corrections page's entries parsed only when a reader opens them (after the
    search plugin has indexed them, and after typography has set them)."""
    if page.file.src_uri == corrections.CORRECTIONS_PAGE:
        output = corrections.defer_groups(output)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    print_page.fix_print_page(Path(config.site_dir))
    if config.extra.get("offline"):
        offline_index.write_search_script(Path(config.site_dir))
