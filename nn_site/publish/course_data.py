"""The course kit's data: the question bank (``bank.py``) and the ledger, register and
bibliography as data files (``datasets.py``), added to the build's files in ``on_files``.

As generated files of MkDocs, they are written to the site (and so into the offline copy)
like any page's asset, and a page may link to them (the instructors' page does) with the
link checked. Made from text files in about half a second (reading the register's YAML and
converting 300 Markdown texts), they are cached, keyed on every file they are made from,
the release, the public URL, the URL style and this code: a warm build reads one file.
"""

from __future__ import annotations

import logging
import time
from importlib.metadata import version
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from nn_site import state
from nn_site.engine import cache
from nn_site.pages import citations, ledger, quantities
from nn_site.publish import bank, datasets

log = logging.getLogger("mkdocs.hooks.course_data")
LICENSE = "CC BY 4.0"


def nav_pages(nav) -> list[str]:
    """The docs-relative files of ``nav`` (mkdocs.yml), in reading order."""
    found: list[str] = []

    def walk(item) -> None:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav or [])
    return [p for p in found if p.endswith((".md", ".ipynb")) and "://" not in p]


# What the files are made by, besides the pages and includes/ (part of the cache key).
CODE = [Path(m.__file__) for m in (bank, datasets, quantities, ledger, citations)] + [Path(__file__)]


def make(config: MkDocsConfig, root: Path, pages: list[str]) -> dict:
    """{"files": site path -> content, "counts": what the log says}."""
    build = state.current()
    docs_dir = Path(config.docs_dir)
    try:
        register = quantities.load(root, build.bibliography.entries)
        written = datasets.render(
            build.ledger_rows,
            register,
            root,
            docs_dir / "references.bib",
            build.release,
            LICENSE,
            config.use_directory_urls,
        )
        texts = bank.Texts(
            build.bibliography, register, build.ledger_rows, build.release.versioned_root, config.use_directory_urls
        )
        questions = bank.collect(docs_dir, root, texts, pages)
        # the bank's course category is the site's name (mkdocs.yml site_name), as on every
        # page, the print cover, the slides and CITATION.cff ("Neural and Neuronal" here was
        # the one place that spelt it otherwise)
        written.update(bank.render(questions, config.site_name))
    except (bank.BankError, datasets.DataError, quantities.QuantityError) as exc:
        raise PluginError(str(exc)) from exc
    kinds = ", ".join(f"{sum(q.type == kind for q in questions)} {kind}" for kind in bank.TYPES)
    kinds += f"; {sum(bool(q.needs_page) for q in questions)} need their page"
    counts = (
        f"{len(questions)} questions ({kinds}), {len(build.ledger_rows)} ledger rows, {len(register)} register entries"
    )
    return {"files": written, "counts": counts}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    start = time.perf_counter()
    release = state.current().release
    root = Path(config.config_file_path).parent
    docs_dir = Path(config.docs_dir)
    pages = [p for p in nav_pages(config.nav) if (docs_dir / p).is_file()]
    inputs = [docs_dir / p for p in pages] + sorted((root / "includes").rglob("*.yml")) + [docs_dir / "references.bib"]
    inputs += bank.snippets_named(root)  # the bank checks that their computed_by functions exist
    key = cache.key(
        *[p for p in inputs if p.is_file()],
        *CODE,
        "\n".join(pages),
        release.version,
        release.date,
        release.versioned_root or "",
        config.site_name,  # the bank's course category
        str(config.use_directory_urls),
        version("markdown"),
    )
    entry = cache.cache_dir() / f"course-data-{key}.json"
    made = cache.read_json(entry)
    hit = isinstance(made, dict) and isinstance(made.get("files"), dict)
    if not hit:
        made = make(config, root, pages)
        cache.write_json(entry, made)
    cache.mark_used(entry)
    for path, content in made["files"].items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path}: the build writes this file (nn_site/publish/course_data.py); remove it")
        files.append(File.generated(config, path, content=content))
    log.info(f"Course data: {made['counts']} ({'cached' if hit else 'made'}) in {time.perf_counter() - start:.2f} s")
    return files
