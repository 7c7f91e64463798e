"""The build's one cache: content-keyed entries under one folder, written atomically,
checked when read, and pruned to what the last complete build used.

Everything a build keeps between runs lives under ``cache_dir()`` (``.cache/build``,
or ``$NN_CACHE_DIR``)::

    snippets/<key>/        one snippet's run: result.json + its SVG figures (light, dark)
    bibliography/<key>.json  the formatted entries of docs/references.bib
    notebooks/<key>.html   a notebook page after the course hook cleaned it
    jupyter/kernel-<k>/    mkdocs-jupyter's executed notebooks (its own cache, moved here),
                           one folder per kernel profile
    ipython/<k>/           that kernel profile: notebooks draw SVG in the site style
    slides/<key>.png       the gallery's slide PNGs (nn_site/publish/gallery.py)
    math-font/             the math font cut to the characters the pages use
    mathml-*.json          TeX -> MathML conversions (nn_site/pages/mathml.py)

Rules every user of this module gets for free:

- **Keys** are hashes of every input (``key(...)``): a changed input is a new key, so an
  old entry is never reused for it.
- **Atomic writes** (``write_atomically``): a file is written under a temporary name in
  the same folder and renamed in one step; a build that is killed, or a concurrent one,
  never reads half a file. Temporary names carry the writer's process id; ones left by a
  process that no longer runs (a build killed with SIGKILL) are removed at the next
  start (``remove_leftovers``).
- **Checked reads** (``read_checked``/``write_checked``): an entry records the SHA-256
  of its content; one that does not match (truncated, edited, corrupt) is deleted with a
  warning and rebuilt, never published.
- **Pruning** (``prune``): after a build that finished, entries it did not use are
  removed, so the cache holds what the current pages need and no more.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from pathlib import Path

from nn_site import state

TEMP_PREFIX = ".tmp-"  # + "<pid>-<anything>": partial files and folders
HEADER = b"nn-cache sha256="

# Not under "mkdocs": a repaired cache is worth a warning on the console, but must not
# abort a strict build (MkDocs counts the warnings of its own loggers).
log = logging.getLogger("neural_neuronal.cache")
if not log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    log.addHandler(_handler)
    log.propagate = False


class CacheCorrupt(Exception):
    """A cache entry failed its check; it has been removed (the caller rebuilds it)."""


def cache_dir() -> Path:
    """``NN_CACHE_DIR`` or ``.cache/build``, as read by nn_site/config.py."""
    from nn_site import config as site_config

    return site_config.get().cache_dir


def key(*parts: str | bytes | Path) -> str:
    """A hash of every part (a Path contributes its name and its bytes)."""
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path):
            part = part.name.encode() + b"\0" + part.read_bytes()
        elif isinstance(part, str):
            part = part.encode()
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()[:24]


def temp_name(folder: Path, stem: str = "") -> Path:
    """A temporary path in ``folder`` that ``remove_leftovers`` can attribute to this process."""
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(6).hex()}{stem}"


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write ``path`` through a temporary name and one rename."""
    partial = temp_name(path.parent, path.suffix)
    partial.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    os.replace(partial, path)
    mark_used(path)


def write_checked(path: Path, data: str | bytes) -> None:
    """Like ``write_atomically``, with a first line holding the content's SHA-256."""
    body = data.encode("utf-8") if isinstance(data, str) else data
    write_atomically(path, HEADER + hashlib.sha256(body).hexdigest().encode() + b"\n" + body)


def read_checked(path: Path) -> bytes | None:
    """The content ``write_checked`` stored, or None if there is none; a corrupt entry
    is deleted with a warning (and None returned, so the caller rebuilds it)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    header, _, body = raw.partition(b"\n")
    if (
        not header.startswith(HEADER)
        or header[len(HEADER) :].decode(errors="replace") != hashlib.sha256(body).hexdigest()
    ):
        discard(path, "its content does not match its checksum (truncated or edited)")
        return None
    mark_used(path)
    return body


def read_json(path: Path) -> object | None:
    body = read_checked(path)
    if body is None:
        return None
    try:
        return json.loads(body)
    except ValueError:
        discard(path, "it is not valid JSON")
        return None


def write_json(path: Path, value: object) -> None:
    write_checked(path, json.dumps(value, indent=1, sort_keys=True))


def discard(path: Path, why: str) -> None:
    """Remove a bad entry (file or folder) and say so; the build then rebuilds it."""
    log.warning(f"cache: discarded {path} because {why}; rebuilding it")
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
    state.current().cache_used.discard(path)


def mark_used(path: Path) -> None:
    state.current().cache_used.add(path.resolve())


def start_build() -> None:
    """Forget what the previous build (in this process: `mkdocs serve`) used."""
    state.current().cache_used.clear()


def alive(pid: int) -> bool:
    """Whether a process with this id exists (a leftover's owner still running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(folder: Path) -> int:
    """Remove temporary files and folders left by processes that no longer run."""
    removed = 0
    if not folder.is_dir():
        return 0
    for path in folder.rglob(f"{TEMP_PREFIX}*"):
        pid = path.name[len(TEMP_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
            removed += 1
    return removed


def prune(folder: Path, files_only: bool = False) -> list[Path]:
    """Remove the entries of ``folder`` (files or entry folders) this build did not use."""
    removed = []
    if not folder.is_dir():
        return removed
    for path in sorted(folder.iterdir()):
        if (
            path.name.startswith(TEMP_PREFIX)
            or path.resolve() in state.current().cache_used
            or (files_only and path.is_dir())
        ):
            continue
        shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
        removed.append(path)
    return removed
