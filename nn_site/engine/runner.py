"""Run snippets from one warm worker process, cache what they make by content hash.

The cache key of a snippet is the hash of every file in its folder (a snippet may
import a sibling or read a data file next to it), the shared style sheet, the dark
palette, the worker itself and the numpy/matplotlib versions. A cached entry is a
folder ``<cache>/snippets/<key>/`` holding ``result.json`` (with the SHA-256 of each
figure, and why a figure has no phone layout) and the SVG figures (light and dark, and
their phone layouts ``figure-N-phone.svg`` / ``-phone-dark.svg``: nn_site/engine/phone.py); it is built under a temporary name and
renamed, so a failure never leaves half an entry; an entry that fails its check is
discarded and run again (nn_site/engine/cache.py).
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import hashlib
import os
import re
import selectors
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from nn_site import config as site_config
from nn_site.engine import cache, output_text, processes, sandbox
from nn_site.engine.palette import dark_variant
from nn_site.engine.protocol import Failed, Hung, Job, ProtocolError, Ran, Ready, Result, decode, encode
from nn_site.paths import PACKAGE, ROOT

SNIPPETS = ROOT / "snippets"  # the site's snippets; tests may point a build at another folder
ENGINE = PACKAGE / "engine"
WORKER = ENGINE / "worker.py"
STYLE_FILES = [
    SNIPPETS / "site.mplstyle",
    ENGINE / "palette.py",
    WORKER,
    ENGINE / "protocol.py",
    ENGINE / "svg.py",
    ENGINE / "figure_checks.py",
    ENGINE / "phone.py",
]
# What a page may show under a snippet: a result, not a log. More fails the build.
MAX_OUTPUT_LINES = 200
MAX_OUTPUT_CHARS = 20_000
# The environment variables that limit numpy's BLAS (OpenBLAS, MKL) and OpenMP thread pools.
SINGLE_THREADED = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


class SnippetError(Exception):
    """A snippet raised, hung, or broke the rules; the message names file and line."""


@dataclass
class Output:
    """What one snippet made: its printed text and figure files (light, dark), and per
    figure its phone layout (light, dark; nn_site/engine/phone.py) or why it has none."""

    snippet: str  # path relative to snippets/, e.g. "artificial_neuron/forward_pass.py"
    key: str
    stdout: str
    figures: list[tuple[Path, Path]] = field(default_factory=list)
    cached: bool = False
    phones: list[tuple[Path, Path] | None] = field(default_factory=list)
    no_phone_layout: dict[str, str] = field(default_factory=dict)  # figure name -> reason


def cache_dir() -> Path:
    """The build's cache folder (see nn_site/engine/cache.py); snippets live in its ``snippets/``."""
    return cache.cache_dir()


def jobs() -> int:
    """Worker processes running snippets side by side: NN_SNIPPET_JOBS, else one per core."""
    return site_config.get().snippet_jobs


def timeout() -> float:
    """NN_SNIPPET_TIMEOUT (nn_site/config.py), 60 s unless set."""
    return site_config.get().snippet_timeout


def inputs(snippet: Path) -> list[Path]:
    """Every file a snippet can read: those in its folder and its subfolders (a data file
    in ``data/``), not caches or hidden files."""
    folder = snippet.parent
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix != ".pyc"
        and not any(part.startswith(".") or part == "__pycache__" for part in p.relative_to(folder).parts)
    )


def cache_key(snippet: Path, root: Path) -> str:
    versions = "".join(f"{p}=={version(p)};" for p in ("numpy", "matplotlib"))
    folder = snippet.parent
    # Each input by its path inside the folder and its bytes (a Path part hashes only its name).
    files = [part for p in inputs(snippet) for part in (p.relative_to(folder).as_posix(), p.read_bytes())]
    return cache.key(snippet.relative_to(root).as_posix(), versions, *files, *STYLE_FILES)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _load(entry: Path, name: str, key: str) -> Output | None:
    """The cached output, or None if there is none or it failed its check (then it is gone)."""
    if not entry.is_dir():
        return None
    if not (entry / "result.json").is_file():
        cache.discard(entry, "it has no result.json")
        return None
    result = cache.read_json(entry / "result.json")  # warns and deletes it if corrupt
    if not isinstance(result, dict) or not {"stdout", "figures", "sha256", "phone"} <= set(result):
        shutil.rmtree(entry, ignore_errors=True)
        return None
    for file, digest in result["sha256"].items():
        if not (entry / file).is_file() or _sha(entry / file) != digest:
            cache.discard(entry, f"{file} does not match its checksum (truncated or edited)")
            return None
    cache.mark_used(entry)
    figures = [(entry / f, entry / f.replace(".svg", "-dark.svg")) for f in result["figures"]]
    phones = [
        (entry / phone, entry / phone.replace(".svg", "-dark.svg")) if phone in result["sha256"] else None
        for phone in (f.replace(".svg", "-phone.svg") for f in result["figures"])
    ]
    reasons = {f: why for f, why in result["phone"].items() if why}
    return Output(name, key, result["stdout"], figures, cached=True, phones=phones, no_phone_layout=reasons)


class _Worker:
    """One long-lived ``snippet_worker.py`` process, which forks a child per snippet; in
    the sandbox when bwrap works (nn_site/engine/sandbox.py): the repository and ``snippets``
    read-only, only the snippets' cache folder (and matplotlib's font cache) writable."""

    def __init__(self, snippets: Path = SNIPPETS) -> None:
        self.stderr = tempfile.TemporaryFile(mode="w+")
        # One BLAS/OpenMP thread per worker: the build runs one worker per core (jobs()), so
        # numpy's thread pools would only oversubscribe the cores, and OpenBLAS's threads spin
        # while they wait for one (CPU spent, no output). Set before the worker imports numpy.
        env = {"MPLBACKEND": "Agg", "PYTHONHASHSEED": "0", **SINGLE_THREADED}
        argv = [sys.executable, str(WORKER)]
        mpl = cache_dir() / "matplotlib"
        sandboxed = sandbox.wrap(
            argv,
            ROOT,
            writable=[cache_dir() / "snippets", mpl],
            readable=[snippets, PACKAGE],
            env={**env, "MPLCONFIGDIR": str(mpl)},
        )
        if sandboxed is not argv:
            sandbox.matplotlib_cache(mpl)
        self.proc = subprocess.Popen(
            sandboxed,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
            cwd=ROOT,
            env={**os.environ, **env},
        )
        self.cpu = 0.0  # CPU seconds the worker reported (its own and its snippets')
        self._read(120.0, "starting the snippet worker", Ready)

    def _read(self, limit: float, what: str, kind: type) -> Ready | Result:
        selector = selectors.DefaultSelector()
        selector.register(self.proc.stdout, selectors.EVENT_READ)
        ready = selector.select(limit)
        selector.close()
        line = self.proc.stdout.readline() if ready else ""
        if line:
            try:
                return decode(line, kind)
            except ProtocolError as exc:  # the engine's bug: this worker stops, the next job gets another
                reason = f"the worker sent what the build cannot read: {exc}"
        else:
            reason = f"timed out after {limit:g} s" if not ready else "the worker process died"
        processes.kill_tree(self.proc.pid)  # what its snippets started, then the worker
        self.proc.kill()
        self.proc.wait()
        self.stderr.seek(0)
        log = self.stderr.read().strip()
        raise SnippetError(f"{what}: {reason}\n{log[-3000:]}")

    def run(self, snippet: Path, out_dir: Path, salt: str) -> Result:
        job = Job(path=str(snippet), out_dir=str(out_dir), salt=salt, timeout=timeout())
        self.proc.stdin.write(encode(job) + "\n")
        self.proc.stdin.flush()
        # The worker kills a hung snippet after `timeout` (+1.5 s) and answers; this limit
        # only catches a worker that itself stopped answering.
        result = self._read(timeout() + 30.0, f"snippets/{salt}", Result)
        self.cpu = result.cpu_total
        return result

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                processes.kill_tree(self.proc.pid)
                self.proc.kill()
                self.proc.wait()
        self.stderr.close()


def _stack_line(stack: str, snippet: Path) -> str:
    """The snippet's innermost line in a faulthandler dump, e.g. 'line 12'."""
    lines = [ln for ln in stack.splitlines() if str(snippet.parent) in ln and "line" in ln]
    found = re.search(r"line (\d+)", lines[0]) if lines else None
    return f"line {found[1]}" if found else ""


def _checked(result: Result, snippet: Path, name: str, root: Path) -> Ran | str:
    """The finished run, its printed text cleaned, or why it cannot be published."""
    src = f"snippets/{name}"
    checked = _checked_run(result.outcome, snippet, name, root)
    left = result.left_running
    if left:  # nn_site/engine/worker.py killed them when the snippet's process ended
        problem = checked if isinstance(checked, str) else None
        return (
            f"{src}: left {len(left)} process(es) running when it ended, which the build "
            f"killed ({'; '.join(left[:5])}); a snippet waits for every process it starts"
            + (f"\n{problem}" if problem else "")
        )
    return checked


def _checked_run(outcome: Ran | Failed | Hung, snippet: Path, name: str, root: Path) -> Ran | str:
    src = f"snippets/{name}"
    if isinstance(outcome, Hung):
        where = _stack_line(outcome.stack, snippet) or "no stack"
        return f"{src}: timed out after {timeout():g} s ({where})"
    if isinstance(outcome, Failed):
        rel = os.path.relpath(outcome.file, root.parent)
        line = outcome.line
        if line is None and outcome.stack:
            found = _stack_line(outcome.stack, snippet)
            line = found.removeprefix("line ") or None
        head = f"{rel}:{line}" if line is not None else rel
        detail = outcome.traceback or outcome.stack
        return f"{head}: {outcome.error}" + (f"\n{detail}" if detail else "")
    if outcome.written:
        return (
            f"{src}: wrote file(s) {', '.join(outcome.written)} in its working directory; "
            "a snippet never writes files (the build captures its figure)"
        )
    if len(outcome.figures) > 1:
        return f"{src}: made {len(outcome.figures)} figures; a snippet makes at most one (use subplots)"
    if outcome.figure_problem:  # nn_site/engine/figure_checks.py, in the worker
        return f"{src}: {outcome.figure_problem}"
    try:  # ANSI colour codes removed; other control characters refused (nn_site/engine/output_text.py)
        stdout = output_text.clean(outcome.stdout)
    except output_text.OutputTextError as exc:
        return f"{src}: {exc}"
    lines = stdout.count("\n") + 1
    if lines > MAX_OUTPUT_LINES or len(stdout) > MAX_OUTPUT_CHARS:
        return (
            f"{src}: printed {lines} lines ({len(stdout)} characters); a page shows at most "
            f"{MAX_OUTPUT_LINES} lines / {MAX_OUTPUT_CHARS} characters of output: print a summary"
        )
    return dataclasses.replace(outcome, stdout=stdout)


def _store(result: Ran, tmp: Path, entry: Path, name: str, key: str) -> Output:
    """Add the dark variants and checksums, then move the finished entry into place."""
    for extra in ("cwd", "stack.txt"):
        target = tmp / extra
        shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
    for figure in result.figures:
        for light in (tmp / figure, tmp / figure.replace(".svg", "-phone.svg")):
            if light.is_file():  # the phone layout exists unless result["phone"] says why not
                light.with_name(light.name.replace(".svg", "-dark.svg")).write_text(dark_variant(light.read_text()))
    stored = {
        "stdout": result.stdout,
        "figures": list(result.figures),
        "phone": result.phone,
        "phone_gaps": result.phone_gaps,  # for tests/test_phone_layout.py
        "sha256": {p.name: _sha(p) for p in sorted(tmp.iterdir())},
    }
    cache.write_json(tmp / "result.json", stored)
    try:
        tmp.rename(entry)
    except OSError:
        if not (entry / "result.json").exists():  # not a concurrent build storing the same key
            raise
    output = _load(entry, name, key)
    if output is None:
        raise SnippetError(f"snippets/{name}: the cache entry just written failed its check")
    output.cached = False
    return output


def _log_no_phone_layout(output: Output, log: Callable[[str], object]) -> None:
    for figure, why in output.no_phone_layout.items():
        log(f"snippets/{output.snippet} ({figure}): no phone layout, the desktop copy is scaled ({why})")


def run_snippets(
    snippets: list[Path], root: Path = SNIPPETS, log: Callable[[str], object] = print
) -> tuple[dict[str, Output], dict[str, str]]:
    """Outputs for ``snippets`` (absolute paths under ``root``), running only those not cached.

    Returns the outputs of the snippets that worked, and for each one that failed a
    message naming its file, line and exception (or where it hung).
    """
    folder = cache_dir() / "snippets"
    folder.mkdir(parents=True, exist_ok=True)
    cache.remove_leftovers(folder)
    outputs: dict[str, Output] = {}
    errors: dict[str, str] = {}
    todo: list[tuple[Path, str, str]] = []
    order = [snippet.relative_to(root).as_posix() for snippet in snippets]
    for snippet, name in zip(snippets, order):
        key = cache_key(snippet, root)
        found = _load(folder / key, name, key)
        if found is not None:
            outputs[name] = found
        else:
            todo.append((snippet, name, key))
    cached = len(outputs)
    for output in outputs.values():
        _log_no_phone_layout(output, log)
    if not todo:
        log(f"figures {cached}/{len(snippets)}, {cached} cached")
        return outputs, errors
    start = time.perf_counter()
    cpu = [0.0]  # CPU seconds of every worker (its own and its snippets'), summed
    phone_seconds = [0.0]  # of which laying out and saving the phone figures
    workers = min(jobs(), len(todo))
    # Snippets are independent (each runs isolated in its own forked child), so a few
    # worker processes share the queue; results are keyed by snippet, so the order in
    # which they finish changes nothing that is published. Threads only wait on pipes.
    queue = list(reversed(todo))
    lock = threading.Lock()

    def drain() -> None:
        worker = _Worker(root)
        try:
            while True:
                with lock:
                    if not queue:
                        return
                    snippet, name, key = queue.pop()
                tmp = cache.temp_name(folder)
                try:
                    result = worker.run(snippet, tmp, salt=name)
                    if isinstance(result.outcome, Ran):
                        with lock:
                            phone_seconds[0] += result.outcome.phone_seconds
                    checked = _checked(result, snippet, name, root)
                    problem = checked if isinstance(checked, str) else None
                    stored = None if problem else _store(checked, tmp, folder / key, name, key)
                except SnippetError as exc:  # the worker itself died: start another for the rest
                    problem, stored = f"snippets/{name}: {exc}", None
                    with lock:
                        cpu[0] += worker.cpu
                    worker.close()
                    worker = _Worker(root)
                finally:
                    shutil.rmtree(tmp, ignore_errors=True)
                with lock:
                    if problem:
                        errors[name] = problem
                    else:
                        outputs[name] = stored
                        _log_no_phone_layout(stored, log)
                    log(f"figures {len(outputs)}/{len(snippets)}, {cached} cached")
        finally:
            with lock:
                cpu[0] += worker.cpu
            worker.close()

    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        for future in [pool.submit(drain) for _ in range(workers)]:
            future.result()
    # Published in the pages' order whatever the finishing order (dicts keep insertion order).
    outputs = {name: outputs[name] for name in order if name in outputs}
    log(
        f"ran {len(todo)} snippets in {time.perf_counter() - start:.1f} s (CPU {cpu[0]:.1f} s) "
        f"in {workers} worker process{'es' if workers > 1 else ''}; phone layouts {phone_seconds[0]:.1f} s of it"
    )
    return outputs, errors
