"""What keeps a build from publishing half a site or tripping over another build.

- ``check_cache(folder)``: the build cache is a folder this process can write; if not
  (a file in its place, a read-only folder), the build stops at once naming the folder
  and the fix, instead of blaming the snippets later.
- ``lock(folder)``: one build at a time per cache (``fcntl.flock`` on ``<cache>/.lock``):
  a second build in the same tree says that another build (its process id) is running
  and waits for it, instead of failing later with a missing file of the other's.
- ``redirect_site(config)`` / ``publish_site(config)``: ``mkdocs build`` writes into a
  hidden folder beside ``site_dir`` (``.<site>.partial-<pid>``), which replaces
  ``site_dir`` in one rename only after everything was written and no warning counted
  (strict mode). A build that fails removes the partial folder and the previous site (as
  MkDocs cleans site_dir), so nothing stale is left; a build that is killed leaves the
  previous complete site as it was (or none), never a site that looks complete; its
  partial folder is removed by the next build. (``mkdocs serve`` and ``--dirty`` builds write in place, as MkDocs does.)
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from nn_site import state
from nn_site.engine import cache

PARTIAL = ".partial-"
OLD = ".old-"


def check_cache(folder: Path) -> None:
    fix = "remove it or point NN_CACHE_DIR at a folder this user can write, e.g. NN_CACHE_DIR=/tmp/nn-cache"
    if folder.exists() and not folder.is_dir():
        raise PluginError(f"the build cache {folder} is a file, not a folder: {fix}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise PluginError(f"the build cache {folder} cannot be written ({exc.strerror or exc}): {fix}") from None


def lock(folder: Path, wait_message: Callable[[str], None] | None = None) -> None:
    """Hold ``<folder>/.lock`` until this process ends or ``unlock`` (waits for another build)."""
    if state.session.lock_file is not None:
        return
    handle = open(folder / ".lock", "a+")  # noqa: SIM115 - held for the build
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "unknown"
        (wait_message or print)(
            f"another build is running with the cache {folder} (process {holder}); waiting for "
            "it to finish (two builds in one tree would delete each other's files)"
        )
        fcntl.flock(handle, fcntl.LOCK_EX)
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    state.session.lock_file = handle


def unlock() -> None:
    handle = state.session.lock_file
    if handle is not None:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()
        state.session.lock_file = None


def _leftovers(site: Path) -> None:
    """Remove partial or old copies of ``site`` left by builds that no longer run."""
    if not site.parent.is_dir():
        return
    for path in site.parent.glob(f".{site.name}.*-*"):
        tail = path.name[len(site.name) + 1 :]
        if not tail.startswith((PARTIAL, OLD)):
            continue
        pid = tail.rsplit("-", 1)[-1]
        if pid.isdigit() and not cache.alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def redirect_site(config: MkDocsConfig) -> None:
    """Make the build write into a hidden partial folder beside ``site_dir``."""
    site = Path(config.site_dir).resolve()
    _leftovers(site)
    partial = site.parent / f".{site.name}{PARTIAL}{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    state.current().site_target = site
    config.site_dir = str(partial)


def _warnings_counted() -> bool:
    """Strict mode: MkDocs aborts after on_post_build if it counted a warning."""
    from mkdocs.utils import CountHandler

    return any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers)


def publish_site(config: MkDocsConfig) -> None:
    """The finished partial folder becomes ``site_dir`` (the old one is removed)."""
    build = state.current()
    if build.site_target is None:
        return
    partial, site = Path(config.site_dir), build.site_target
    if _warnings_counted():
        return  # MkDocs aborts next; discard() runs in on_build_error
    old = site.parent / f".{site.name}{OLD}{os.getpid()}"
    if site.exists():
        site.rename(old)
    partial.rename(site)
    config.site_dir = str(site)
    build.site_target = None
    shutil.rmtree(old, ignore_errors=True)


def discard(config: MkDocsConfig) -> None:
    """A failed build: its partial folder goes, and so does the previous site (as MkDocs
    itself cleans site_dir): after a failure no site is left that the sources no longer
    make (tests/test_engine.py, test_no_stale_figure_after_a_failure)."""
    build = state.current()
    target = build.site_target
    if target is None:
        return
    shutil.rmtree(config.site_dir, ignore_errors=True)
    if target.is_dir():
        old = target.parent / f".{target.name}{OLD}{os.getpid()}"
        target.rename(old)
        shutil.rmtree(old, ignore_errors=True)
    config.site_dir = str(target)
    build.site_target = None


def log_to_stderr(message: str) -> None:
    print(f"INFO    -  {message}", file=sys.stderr, flush=True)
