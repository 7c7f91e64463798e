"""`mkdocs serve`: a rebuild that fails shows its errors in every page, at once.

MkDocs' own server keeps the last good site when a rebuild fails and makes the browser
wait ("The server will appear stuck until build errors are resolved"), so a reader sees
stale pages or a spinning tab. Here the builder is wrapped: when a rebuild fails (an
exception, or warnings in strict mode), every HTML file of the served site is replaced by
one page listing the errors (so is 404.html, which the server shows for any other URL),
and the server carries on; the next good build replaces it
and the browser reloads itself.
"""

from __future__ import annotations

import html
import logging
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig

if TYPE_CHECKING:  # only `mkdocs serve` has one
    from mkdocs.livereload import LiveReloadServer

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Build failed</title>
<style>body{{font-family:sans-serif;margin:2rem;max-width:60rem}}pre{{white-space:pre-wrap;
background:#fee;padding:1rem;border-left:4px solid #c00}}</style></head>
<body><h1>The build failed</h1><p>Fix the cause and save: this page reloads by itself.</p>
<pre>{errors}</pre></body></html>
"""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


def error_page(messages: list[str]) -> str:
    return PAGE.format(errors=html.escape("\n\n".join(messages) or "unknown error"))


def show_errors_in_pages(server: LiveReloadServer, config: MkDocsConfig) -> LiveReloadServer:
    build = server.builder
    site_dir = Path(config.site_dir)

    def builder(*args: object, **kwargs: object) -> None:
        collect = _Collect()
        pages = [p.relative_to(site_dir) for p in site_dir.rglob("*.html")]  # the build cleans them
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collect)
        try:
            build(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - Abort is a SystemExit
            messages = collect.messages or [f"{type(exc).__name__}: {exc}"]
            if not collect.messages:
                messages.append("".join(traceback.format_exception(exc))[-4000:])
            page = error_page(messages)
            for relative in {*pages, Path("404.html")}:  # 404.html: what any other URL shows
                (site_dir / relative).parent.mkdir(parents=True, exist_ok=True)
                (site_dir / relative).write_text(page, encoding="utf-8")
            logging.getLogger("mkdocs.hooks.serve").info(
                "the served pages show the build errors until the next good build"
            )
        finally:
            logger.removeHandler(collect)

    server.builder = builder
    return server
