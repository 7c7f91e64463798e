"""Run each snippet in its own forked process, from one warm parent: fast and isolated.

Started by ``nn_site/engine/runner.py`` (never by hand). Reads one Job per line on
stdin and answers one Result line per job (the messages: nn_site/engine/protocol.py).

The parent imports numpy and matplotlib once; for each job it forks a child, which runs
the snippet as ``python path`` would (``__name__ == "__main__"``, its folder first on
``sys.path``), saves every open figure as SVG and writes its result to a pipe. A fork
costs milliseconds, while a fresh interpreter pays matplotlib's import again (about
0.5 s per snippet), and it isolates each snippet from every other by construction:

- its own copy of everything: globals, imported modules, warning filters, rcParams;
- the same random state for every snippet (numpy's and ``random``'s, seeded with 0),
  whatever ran before it, so cold and warm builds print the same numbers;
- its own empty working directory (``<out_dir>/cwd``); a snippet that leaves a file
  there fails (snippets never write files: the build captures the figure);
- no writes outside its own output folder: an audit hook turns any attempt to create,
  change, move or delete a file elsewhere (``docs/``, ``site/``, the repository) into a
  ``PermissionError`` at the snippet's line. (Audit hooks guard against mistakes, not
  against code written to escape them.)

A child that hangs dumps its stack (``faulthandler``) and is killed; one that ends
through ``os._exit`` or a crash is reported with the line it was on. The worker is a
child subreaper (nn_site/engine/processes.py): when a snippet's process ends, every process it
started (``subprocess.Popen``, ``os.fork``, one that called ``setsid``) is handed to the
worker, which kills it and fails the snippet naming what was left running. The result is
read until the snippet's own process ends, not until the pipe closes (a forked copy holds
the pipe open), and a forked copy never writes a result.
"""

from __future__ import annotations

import contextlib
import dataclasses
import faulthandler
import gc
import io
import os
import random
import resource
import runpy
import select
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import TextIO

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from nn_site.engine import figure_checks, mathtext_cache, phone, processes
from nn_site.engine.protocol import Failed, Hung, Job, Ran, Ready, Result, decode, encode
from nn_site.engine.svg import compact
from nn_site.paths import ROOT

STYLE = ROOT / "snippets" / "site.mplstyle"
_exit = os._exit  # the real one: a child replaces os._exit to report where a snippet calls it
_child = {"pid": 0}  # the snippet's own process; a copy of it (os.fork) never reports
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
# Audit events that change the file system (besides opening a file for writing).
CHANGING_EVENTS = {
    "os.remove": 1,
    "os.rmdir": 1,
    "os.mkdir": 1,
    "os.rename": 2,
    "os.truncate": 1,
    "os.chmod": 1,
    "os.chown": 1,
    "os.symlink": 2,
    "os.link": 2,
    "os.utime": 1,
    "shutil.rmtree": 1,
    "shutil.move": 2,
    "shutil.copytree": 2,
}


def _in_snippet(filename: str, path: Path) -> bool:
    return Path(filename).resolve().parent == path.parent


def _error_location(exc: BaseException, path: Path) -> tuple[str, int | None]:
    """The snippet's own line where ``exc`` was raised (deepest frame in the snippet's folder)."""
    if isinstance(exc, SyntaxError) and exc.filename and _in_snippet(exc.filename, path):
        return exc.filename, exc.lineno
    line = None
    where = str(path)
    for frame in traceback.extract_tb(exc.__traceback__):
        if _in_snippet(frame.filename, path):
            line, where = frame.lineno, frame.filename
    return where, line


def _stack_location(path: Path) -> tuple[str, int | None]:
    for frame in reversed(traceback.extract_stack()):
        if _in_snippet(frame.filename, path):
            return frame.filename, frame.lineno
    return str(path), None


def _guard_writes(allowed: Path) -> None:
    """Refuse, from now on in this process, any change to files outside ``allowed``."""
    allowed_str = str(allowed)

    def outside(target: str | bytes | int | None) -> str | None:
        if isinstance(target, int) or target is None:
            return None
        target = os.fsdecode(target)
        resolved = os.path.realpath(target)
        if resolved == allowed_str or resolved.startswith(allowed_str + os.sep) or resolved.startswith("/dev/"):
            return None
        return target

    def hook(event: str, args: tuple) -> None:
        targets = ()
        if event == "open":
            target, mode, flags = args
            writing = any(c in mode for c in "wax+") if isinstance(mode, str) else bool((flags or 0) & WRITE_FLAGS)
            targets = (target,) if writing else ()
        elif event in CHANGING_EVENTS:
            targets = args[: CHANGING_EVENTS[event]]
        for target in targets:
            bad = outside(target)
            if bad is not None:
                raise PermissionError(f"a snippet may not write files outside its build folder: {event} {bad!r}")

    sys.addaudithook(hook)


def run_child(path: Path, out_dir: Path, salt: str, timeout: float, report: TextIO) -> None:
    """In the forked child: run the snippet, save its figures, write the result to ``report``."""
    work = out_dir / "cwd"
    work.mkdir(parents=True)
    os.chdir(work)
    dump = open(out_dir / "stack.txt", "w")  # noqa: SIM115 - lives until os._exit
    faulthandler.enable(file=dump)  # a crash (segfault) prints the snippet's line here
    faulthandler.dump_traceback_later(timeout, exit=False, file=dump)
    matplotlib.rcdefaults()
    matplotlib.style.use(STYLE)
    matplotlib.rcParams["svg.hashsalt"] = salt  # fixed ids: byte-identical SVG
    np.random.seed(0)
    random.seed(0)
    sys.path.insert(0, str(path.parent))
    sys.argv = [str(path)]

    def exit_now(code: int) -> None:  # os._exit skips everything: say where it was called
        if os.getpid() != _child["pid"]:
            _exit(code)
        where, line = _stack_location(path)
        error = f"the snippet called os._exit({code}); a snippet ends by reaching its last line (plt.show())"
        report.write(encode(Failed(file=where, line=line, error=error)))
        report.flush()
        _exit(3)

    os._exit = exit_now
    _guard_writes(out_dir)
    stdout = io.StringIO()
    result: Ran | Failed
    try:
        with contextlib.redirect_stdout(stdout):
            try:
                runpy.run_path(str(path), run_name="__main__")
            except SystemExit as exc:  # sys.exit(0) / sys.exit() is a normal end
                if exc.code not in (0, None):
                    raise
        faulthandler.cancel_dump_traceback_later()
        figures, figure_problem = [], None
        phone_layouts: dict[str, str | None] = {}  # figure -> why it has no phone layout, or None
        phone_gaps: dict[str, tuple[float, ...]] = {}  # figure -> the space above each stacked title
        phone_seconds = 0.0
        for number in plt.get_fignums():
            target = out_dir / f"figure-{number}.svg"
            figures.append(target.name)
            too_large = figure_checks.too_large(plt.figure(number))  # nn_site/engine/figure_checks.py
            if figure_problem or too_large:  # not saved: the snippet fails anyway
                figure_problem = figure_problem or too_large
                continue
            phone.grow_texts(plt.figure(number))  # desktop too: no glyph below 11 px at natural size
            plt.figure(number).savefig(target, format="svg", metadata={"Date": None, "Creator": None})
            target.write_text(compact(target.read_text(encoding="utf-8")), encoding="utf-8")  # nn_site/engine/svg.py
            figure_problem = figure_checks.blank(plt.figure(number))
            if not figure_problem:
                phone_started = time.process_time()  # CPU seconds: the build log's cost of phone layouts
                phone_layouts[target.name] = _save_phone(plt.figure(number), target, phone_gaps)
                phone_seconds += time.process_time() - phone_started
        written = sorted(p.relative_to(work).as_posix() for p in work.rglob("*"))
        result = Ran(
            stdout=stdout.getvalue(),
            figures=tuple(figures),
            written=tuple(written),
            figure_problem=figure_problem,
            phone=phone_layouts,
            phone_seconds=phone_seconds,
            phone_gaps=phone_gaps,
        )
    except BaseException as exc:  # noqa: BLE001 - a snippet may raise anything
        faulthandler.cancel_dump_traceback_later()
        where, line = _error_location(exc, path)
        result = Failed(
            file=where,
            line=line,
            error=f"{type(exc).__name__}: {exc}",
            traceback="".join(traceback.format_exception(exc)),
            stdout=stdout.getvalue(),
        )
    if os.getpid() != _child["pid"]:  # a copy made by os.fork in the snippet: not the result
        _exit(0)
    report.write(encode(result))
    report.flush()


def _save_phone(fig: Figure, target: Path, gaps: dict[str, tuple[float, ...]]) -> str | None:
    """Save the phone layout of ``fig`` (nn_site/engine/phone.py) beside ``target`` as
    ``<name>-phone.svg``, after the desktop copy: the same Figure, laid out again, no
    re-run, and note in ``gaps`` the space above each of its stacked titles, as drawn.
    Returns None, or why the figure keeps only its desktop layout."""
    reason = phone.relayout(fig)
    if reason is not None:
        return reason
    # relayout ended on a draw of the layout that is saved: measured without drawing again
    measured = phone.title_gaps(fig, fig.canvas.get_renderer())
    gaps[target.name.replace(".svg", "-phone.svg")] = tuple(round(float(gap), 2) for _, gap in measured)
    phone_target = target.with_name(target.stem + "-phone.svg")
    fig.savefig(phone_target, format="svg", metadata={"Date": None, "Creator": None})
    phone_target.write_text(compact(phone_target.read_text(encoding="utf-8")), encoding="utf-8")
    return None


def run_one(path: Path, out_dir: Path, salt: str, timeout: float) -> Result:
    """Fork, run the snippet in the child, and collect its result (or why it has none)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child
        _child["pid"] = os.getpid()
        os.close(read_end)
        code = 0
        try:
            with os.fdopen(write_end, "w") as report:
                run_child(path, out_dir, salt, timeout, report)
        except BaseException:  # noqa: BLE001 - never return into the parent's loop
            traceback.print_exc()
            code = 1
        _exit(code)
    os.close(write_end)
    chunks, deadline, hung = [], time.monotonic() + timeout + 1.5, False
    # Readable when the snippet's own process has ended (Linux); elsewhere, poll for it.
    ended = os.pidfd_open(pid) if hasattr(os, "pidfd_open") else None
    status = None
    with os.fdopen(read_end, "rb") as pipe:
        os.set_blocking(pipe.fileno(), False)
        while True:
            left = deadline - time.monotonic()
            watched = [pipe] if ended is None else [pipe, ended]
            wait = left if ended is not None else min(left, 0.05)
            ready = select.select(watched, [], [], wait)[0] if left > 0 else []
            if ended is None and status is None:
                done, code = os.waitpid(pid, os.WNOHANG)
                if done == pid:
                    status, ready = code, ready or [pipe]
            if not ready and (ended is not None or left <= 0):
                hung = True
                break
            if not ready:
                continue
            try:
                chunk = os.read(pipe.fileno(), 1 << 16)
            except BlockingIOError:
                chunk = None
            if chunk:
                chunks.append(chunk)
            elif chunk == b"" or ended in ready or status is not None:  # closed, or ended, all read
                break
    if ended is not None:
        os.close(ended)
    if hung:
        os.kill(pid, signal.SIGKILL)
    if status is None:
        _, status = os.waitpid(pid, 0)
    left_running = processes.kill_tree()  # orphans of the snippet are ours (subreaper)
    text = b"".join(chunks).decode("utf-8", "replace")
    stack = (out_dir / "stack.txt").read_text(errors="replace") if (out_dir / "stack.txt").exists() else ""
    outcome: Ran | Failed | Hung
    if hung:
        outcome = Hung(stack=stack)
    else:
        try:
            outcome = decode(text, Ran, Failed)
        except ValueError as exc:  # nothing, or a report cut short: the process died
            how = (
                f"was killed by signal {os.WTERMSIG(status)}"
                if os.WIFSIGNALED(status)
                else f"ended with exit code {os.WEXITSTATUS(status)}"
            )
            unreadable = f" (its report was unreadable: {exc})" if text.strip() else ""
            error = f"the snippet's process {how} before it finished{unreadable}"
            outcome = Failed(file=str(path), line=None, error=error, stack=stack)
    return Result(outcome=outcome, left_running=tuple(left_running))


def warm_up() -> None:
    """Draw once in the parent, so every forked child inherits loaded fonts, the mathtext
    parser and matplotlib's caches instead of paying for them on its first figure."""
    mathtext_cache.share()  # each label parsed once per process, not once per renderer
    matplotlib.style.use(STYLE)
    fig, (left, right) = plt.subplots(1, 2)
    left.plot([0, 1], [0, 1], label=r"$V_\mathrm{th}$ (mV)")
    left.scatter([0.5], [0.5])
    left.legend()
    left.set_xlabel(r"$\tau_m \, dV/dt = -(V - E_L) + R I$")
    right.bar([0, 1], [1, 2])
    right.imshow([[0, 1], [1, 0]])
    right.set_title("Title 10⁶ − µ")
    fig.text(0.5, 0.01, "bold", weight="bold")
    fig.savefig(io.StringIO(), format="svg")
    plt.close("all")
    matplotlib.rcdefaults()


def main() -> None:
    processes.become_subreaper()  # nn_site/engine/processes.py: no process a snippet starts escapes
    warm_up()
    gc.freeze()  # the warm heap stays shared with every child: no copy-on-write by the collector
    # The protocol gets its own copy of fd 1; fd 1 itself then points at stderr, so
    # that output from C code or subprocesses cannot corrupt the protocol.
    protocol = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    print(encode(Ready()), file=protocol)
    for line in sys.stdin:
        job = decode(line, Job)  # anything else is the engine's bug: the worker stops, saying so
        result = run_one(Path(job.path), Path(job.out_dir), job.salt, job.timeout)
        # CPU seconds so far, its own and its snippets' (the build's log; a sandbox hides
        # them from the parent's rusage)
        cpu_total = sum(
            getattr(resource.getrusage(who), f)
            for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
            for f in ("ru_utime", "ru_stime")
        )
        print(encode(dataclasses.replace(result, cpu_total=cpu_total)), file=protocol)
    processes.kill_tree()


if __name__ == "__main__":
    main()
