"""Run snippets in one worker process, cache what they make by content hash.

The cache key of a snippet is the hash of every ``.py`` file in its folder (a
snippet may import a sibling), the shared style sheet, the dark palette, the
worker itself and the numpy/matplotlib versions. A cached entry is a folder
``<cache>/<key>/`` holding ``result.json`` and the SVG figures (light and dark);
it is written to a temporary name and renamed, so a failure never leaves half an
entry, and a changed snippet has a new key: an old figure is never reused for it.
"""

from __future__ import annotations

import hashlib
import json
import os
import selectors
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from palette import dark_variant

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"  # the site's snippets; tests may point a build at another folder
WORKER = Path(__file__).resolve().parent / "snippet_worker.py"
STYLE_FILES = [SNIPPETS / "site.mplstyle", Path(__file__).resolve().parent / "palette.py", WORKER,
               Path(__file__).resolve().parent / "svg_compact.py"]
DEFAULT_TIMEOUT = 60.0


class SnippetError(Exception):
    """A snippet raised, hung, or broke the rules; the message names file and line."""


@dataclass
class Output:
    """What one snippet made: its printed text and figure files (light, dark)."""

    snippet: str  # path relative to snippets/, e.g. "artificial_neuron/forward_pass.py"
    key: str
    stdout: str
    figures: list[tuple[Path, Path]] = field(default_factory=list)
    cached: bool = False


def cache_dir() -> Path:
    return Path(os.environ.get("NN_CACHE_DIR", ROOT / ".cache" / "snippets"))


def write_atomically(path: Path, text: str) -> None:
    """Write a cache file through a temporary name and one rename, so a build that stops
    half-way, or a concurrent one, never reads back a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def timeout() -> float:
    return float(os.environ.get("NN_SNIPPET_TIMEOUT", DEFAULT_TIMEOUT))


def cache_key(snippet: Path, root: Path) -> str:
    digest = hashlib.sha256()
    digest.update(snippet.relative_to(root).as_posix().encode())
    for path in sorted(snippet.parent.glob("*.py")) + STYLE_FILES:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for package in ("numpy", "matplotlib"):
        digest.update(f"{package}=={version(package)}".encode())
    return digest.hexdigest()[:20]


def _load(entry: Path, name: str, key: str) -> Output:
    result = json.loads((entry / "result.json").read_text())
    figures = [(entry / f, entry / f.replace(".svg", "-dark.svg")) for f in result["figures"]]
    return Output(name, key, result["stdout"], figures, cached=True)


class _Worker:
    """One long-lived ``snippet_worker.py`` process; killed and restarted after a hang."""

    def __init__(self) -> None:
        self.stderr = tempfile.TemporaryFile(mode="w+")
        self.proc = subprocess.Popen(
            [sys.executable, str(WORKER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
            cwd=ROOT,
            env={**os.environ, "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"},
        )
        self._read(120.0, "starting the snippet worker")

    def _read(self, limit: float, what: str) -> dict:
        selector = selectors.DefaultSelector()
        selector.register(self.proc.stdout, selectors.EVENT_READ)
        ready = selector.select(limit)
        selector.close()
        line = self.proc.stdout.readline() if ready else ""
        if not line:
            self.proc.kill()
            self.proc.wait()
            self.stderr.seek(0)
            log = self.stderr.read().strip()
            reason = f"timed out after {limit:g} s" if not ready else "the worker process died"
            raise SnippetError(f"{what}: {reason}\n{log[-3000:]}")
        return json.loads(line)

    def run(self, snippet: Path, out_dir: Path, salt: str) -> dict:
        self.stderr.seek(0)
        self.stderr.truncate()
        job = {"path": str(snippet), "out_dir": str(out_dir), "salt": salt, "timeout": timeout()}
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()
        # The worker dumps the hanging snippet's stack at `timeout`; wait a little
        # longer so the dump is in the log before the process is killed.
        return self._read(timeout() + 2.0, snippet.name)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        self.stderr.close()


def _hang_location(message: str, snippet: Path) -> str:
    """The last line of the snippet in a faulthandler dump, e.g. 'line 12'."""
    lines = [ln for ln in message.splitlines() if str(snippet) in ln and "line" in ln]
    return lines[0].strip() if lines else ""


def _store(result: dict, tmp: Path, entry: Path, name: str, key: str) -> Output:
    """Add the dark variants, then move the finished entry into place in one rename."""
    for figure in result["figures"]:
        light = tmp / figure
        light.with_name(figure.replace(".svg", "-dark.svg")).write_text(dark_variant(light.read_text()))
    (tmp / "result.json").write_text(json.dumps(result, indent=1))
    try:
        tmp.rename(entry)
    except OSError:
        if not (entry / "result.json").exists():  # not a concurrent build storing the same key
            raise
    return _load(entry, name, key)


def run_snippets(snippets: list[Path], root: Path = SNIPPETS, log=print) -> tuple[dict[str, Output], dict[str, str]]:
    """Outputs for ``snippets`` (absolute paths under ``root``), running only those not cached.

    Returns the outputs of the snippets that worked, and for each one that failed a
    message naming its file, line and exception (or where it hung).
    """
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    outputs: dict[str, Output] = {}
    errors: dict[str, str] = {}
    todo: list[tuple[Path, str, str]] = []
    for snippet in snippets:
        name = snippet.relative_to(root).as_posix()
        key = cache_key(snippet, root)
        if (cache / key / "result.json").exists():
            outputs[name] = _load(cache / key, name, key)
        else:
            todo.append((snippet, name, key))
    cached = len(outputs)
    if not todo:
        log(f"figures {cached}/{len(snippets)}, {cached} cached")
        return outputs, errors
    start = time.perf_counter()
    worker = _Worker()
    try:
        for snippet, name, key in todo:
            tmp = Path(tempfile.mkdtemp(prefix=f"{key}.", dir=cache))
            try:
                result = worker.run(snippet, tmp, salt=name)
                if not result["ok"]:
                    rel = os.path.relpath(result["file"], root.parent)
                    errors[name] = f"{rel}:{result['line']}: {result['error']}\n{result['traceback']}"
                elif len(result["figures"]) > 1:
                    errors[name] = (f"snippets/{name}: made {len(result['figures'])} figures; "
                                    "a snippet makes at most one (use subplots)")
                else:
                    outputs[name] = _store(result, tmp, cache / key, name, key)
            except SnippetError as exc:
                if "timed out" in str(exc):
                    where = _hang_location(str(exc), snippet) or "no stack"
                    errors[name] = f"snippets/{name}: timed out after {timeout():g} s ({where})"
                else:
                    errors[name] = str(exc)
                worker.close()
                worker = _Worker()  # a hung or dead worker was killed; the rest still run
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            log(f"figures {len(outputs)}/{len(snippets)}, {cached} cached")
    finally:
        worker.close()
    log(f"ran {len(todo)} snippets in {time.perf_counter() - start:.1f} s in one worker process")
    return outputs, errors
