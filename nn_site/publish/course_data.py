"""The course kit's data: the question bank (``bank.py``) and the ledger, register and
bibliography as data files (``datasets.py``), added to the build's files in ``on_files``.

As generated files of MkDocs, they are written to the site (and so into the offline copy)
like any page's asset, and a page may link to them (the instructors' page does) with the
link checked. Both are made from text files in a few tens of milliseconds, so they are not
cached.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from nn_site import state
from nn_site.pages import quantities
from nn_site.publish import bank, datasets

log = logging.getLogger("mkdocs.hooks.course_data")
COURSE = "Neural and Neuronal"
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


def on_files(files: Files, config: MkDocsConfig) -> Files:
    start = time.perf_counter()
    build = state.current()
    root = Path(config.config_file_path).parent
    docs_dir = Path(config.docs_dir)
    try:
        register = quantities.load(root, build.bibliography.entries)
        written = datasets.render(
            build.ledger_rows, register, root, docs_dir / "references.bib", build.release, LICENSE
        )
        texts = bank.Texts(
            build.bibliography, register, build.ledger_rows, build.release.versioned_root, config.use_directory_urls
        )
        pages = [p for p in nav_pages(config.nav) if (docs_dir / p).is_file()]
        questions = bank.collect(docs_dir, root, texts, pages)
        written.update(bank.render(questions, COURSE))
    except (bank.BankError, datasets.DataError, quantities.QuantityError) as exc:
        raise PluginError(str(exc)) from exc
    for path, content in written.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            raise PluginError(f"docs/{path}: the build writes this file (nn_site/publish/course_data.py); remove it")
        files.append(File.generated(config, path, content=content))
    kinds = {kind: sum(q.type == kind for q in questions) for kind in bank.TYPES}
    log.info(
        f"Course data: {len(questions)} questions ({', '.join(f'{n} {k}' for k, n in kinds.items())}), "
        f"{len(build.ledger_rows)} ledger rows, {len(register)} register entries "
        f"in {time.perf_counter() - start:.2f} s"
    )
    return files
