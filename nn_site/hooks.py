"""The site's MkDocs hooks: the one ``hooks:`` entry in mkdocs.yml.

Each event below calls one function per concern, in the order written. MkDocs runs this
file after the plugins in mkdocs.yml (search, mkdocs-jupyter, print-site) for every event,
except the two marked ``@event_priority(100)``, which must run before the plugins:

- ``on_config``: before print-site and search read ``site_dir`` (a ``mkdocs build``
  writes beside it and swaps it in when complete, ``engine/build_guard.py``);
- ``on_page_context``: before the search plugin indexes a page (the gallery page's grid).

The concerns:

- ``build``           the build's lifecycle (settings, sandbox, cache, lock) and what a page's
                      Markdown and HTML become: snippets, ledger, quantities, citations, math;
- ``pages.courses``   glossary tooltips and page, corrections, notebook pages, print page;
- ``pages.reading``   figure sizes and full-size links, first-use tooltips, the math font;
- ``pages.typography`` numbers in prose: minus signs, ranges, thousands, number and unit;
- ``publish.site``    the versioned URL, "cite this page", share cards, the figure gallery;
- ``publish.course_data`` the question bank, the ledger and the register as data files.

The functions take and return what MkDocs passes (the config, the page's Markdown or HTML,
the files, the template context); each returns what the next one receives. What a build
keeps between events is one object, ``nn_site.state.current()``, new in every ``on_config``.

``CONCERNS`` names them, and ``without(...)`` is this file with some left out: ``make
bench`` (scripts/bench.py) builds the site without the snippet engine, ``without("build",
"course_data")``, so a concern added here runs in both of its builds. ``NEEDS`` says which
concern reads what another one put in the build's state: the course data is made from the
bibliography and the ledger rows that ``build`` loads, so it cannot run without it.
"""

from __future__ import annotations

import importlib.util
from types import ModuleType

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from nn_site import build, state
from nn_site.pages import courses, reading, typography
from nn_site.publish import course_data
from nn_site.publish import site as publish

CONCERNS = ("build", "courses", "reading", "typography", "publish", "course_data")  # the modules the events call
NEEDS = {"course_data": ("build",)}  # concern -> the concerns whose build state it reads


def on_startup(command: str, dirty: bool) -> None:
    build.on_startup(command, dirty)  # serve shows a snippet's error in its page


@event_priority(100)  # before every plugin (see above)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    state.begin()  # a new build: nothing of the last one (serve rebuilds in one process)
    config = build.on_config(config)  # NN_* checked, sandbox, cache, bibliography, snippet fence
    config = courses.on_config(config)  # glossary terms, corrections, print page fixes
    config = publish.on_config(config)  # the versioned site_url
    config = reading.on_config(config)  # notebook kernels draw in the site style
    return config


def on_serve(server, config: MkDocsConfig, builder):
    server = build.on_serve(server, config, builder)  # errors shown in the page
    server = courses.on_serve(server, config, builder)  # the glossary source watched
    return server


def on_pre_build(config: MkDocsConfig) -> None:
    build.on_pre_build(config)  # one build per cache: the lock
    reading.on_pre_build(config)
    publish.on_pre_build(config)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    files = build.on_files(files, config)  # every snippet run (or cached); its figures added
    files = publish.on_files(files, config)  # where the gallery and the print page go
    files = course_data.on_files(files, config)  # question bank, ledger and register as data
    return files


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    return build.on_pre_page(page, config, files)  # notebooks render only in this build


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    markdown = build.on_page_markdown(markdown, page, config, files)  # ledger, quantities, fences
    markdown = courses.on_page_markdown(markdown, page, config, files)  # glossary, corrections
    markdown = publish.on_page_markdown(markdown, page, config, files)  # "cite this work"
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    html = build.on_page_content(html, page, config, files)  # figure numbers, citations, MathML
    html = courses.on_page_content(html, page, config, files)  # notebooks cleaned, print ids
    html = reading.on_page_content(html, page, config, files)  # figure sizes, first-use tooltips
    html = publish.on_page_content(html, page, config, files)  # gallery figures, description
    return html


@event_priority(100)  # before the search plugin indexes the page (see above)
def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    return publish.on_page_context(context, page, config, nav)  # the gallery grid, cite helpers


def on_template_context(context, template_name: str, config: MkDocsConfig):
    return publish.on_template_context(context, template_name, config)  # cite helpers


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = reading.on_post_page(output, page, config)  # the math font preloaded
    # On the finished page, so that text added after the content (the gallery's cards,
    # the templates) is set too; a notebook's numbers are left as its author wrote them,
    # its dashes set as every page's are.
    numbers = not page.file.src_uri.endswith(".ipynb")
    output = typography.typeset(output, numbers=numbers)  # minus signs, ranges, 20 000, 70 mV, dashes
    output = courses.on_post_page(output, page, config)  # last: the corrections log's entries deferred
    return output


def on_post_build(config: MkDocsConfig) -> None:
    courses.on_post_build(config)  # print page fixed; offline search index
    reading.on_post_build(config)  # notebook figures, the math font subset
    publish.on_post_build(config)  # gallery downloads
    build.on_post_build(config)  # last: cache pruned, the site swapped in, the lock released


def on_build_error(error: Exception) -> None:
    build.on_build_error(error)  # the half-built site discarded, the lock released


class _LeftOut:
    """A concern left out by ``without``: each of its functions hands back what it is
    given first (the config, the page's Markdown or HTML, the files ...), unchanged."""

    def __getattr__(self, name: str) -> object:
        return lambda given=None, *rest, **named: given


def without(*left_out: str) -> ModuleType:
    """A fresh copy of this file whose events skip the concerns ``left_out`` (names from
    ``CONCERNS``); every other concern runs as it does here, in the same order."""
    unknown = sorted(set(left_out) - set(CONCERNS))
    if unknown:
        raise ValueError(f"not concerns of nn_site/hooks.py: {', '.join(unknown)} (they are {', '.join(CONCERNS)})")
    stranded = [
        f"{concern} needs {needed}"
        for concern, needs in NEEDS.items()
        if concern not in left_out
        for needed in needs
        if needed in left_out
    ]
    if stranded:
        raise ValueError(f"leave these out too, or keep what they need: {'; '.join(stranded)} (nn_site/hooks.py NEEDS)")
    spec = importlib.util.spec_from_file_location("nn_site_hooks_without_" + "_".join(left_out), __file__)
    copy = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(copy)
    for name in left_out:
        setattr(copy, name, _LeftOut())
    return copy
