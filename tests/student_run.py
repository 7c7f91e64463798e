"""``python snippets/<name>.py`` as a student runs it, without paying for the imports
each time.

A student's run is a fresh interpreter: ``__main__`` is the file, ``sys.argv`` is its
path, ``sys.path`` is the file's folder, the standard library and the installed packages
(never this project's scripts/ or tests/), the working directory is the repository, and
matplotlib draws off-screen (MPLBACKEND=Agg). Half a second of each such run on 2 cores
is importing numpy and matplotlib (``make test`` runs snippets standalone ~70 times).

So each run here is a process forked from one ``python -c`` interpreter (started once per
test process, itself a student's interpreter) that has already imported numpy and
matplotlib and nothing of this project. The forked process takes the caller's current
environment, resets what ``python file.py`` would set, draws fresh seeds for ``random``
and numpy's global generator (as a new interpreter does), runs the file with
:func:`runpy.run_path` as ``__main__``, and exits with its status: an exception prints
its traceback from the file's own frame on, as Python does, and exits 1; ``sys.exit(n)``
exits ``n``; a run longer than ``timeout`` is killed (:class:`subprocess.TimeoutExpired`).
What differs from a new interpreter, and no snippet relies on: the string hash seed is
shared by the runs of one test process, and a snippet's ``atexit`` handlers and
non-daemon threads are not waited for. tests/test_suite_setup.py compares runs with
real ``python file.py`` runs (output, errors, exit status, paths).

Why by hand: multiprocessing's forkserver preloads modules too, but its children take the
parent's sys.path and main module (here pytest's), which is exactly what a student's run
must not see.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs in the long-lived interpreter; reads one JSON request per line, answers one line.
_SERVER = r"""
import json, os, random, runpy, signal, sys, time, traceback
import numpy, matplotlib, matplotlib.pyplot  # what every snippet imports
STUDENT_PATH = sys.path[1:]  # after '' (python -c): the standard library and site packages
for line in sys.stdin:
    request = json.loads(line)
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0)
            os.dup2(os.open(request["stdout"], os.O_WRONLY | os.O_TRUNC), 1)
            os.dup2(os.open(request["stderr"], os.O_WRONLY | os.O_TRUNC), 2)
            os.environ.clear()
            os.environ.update(request["env"])
            os.chdir(request["cwd"])
            sys.argv = [request["path"]]
            sys.path[:] = [os.path.dirname(request["path"])] + STUDENT_PATH
            random.seed()
            numpy.random.seed()
            runpy.run_path(request["path"], run_name="__main__")
            code = 0
        except SystemExit as stop:
            if stop.code is None or isinstance(stop.code, int):
                code = stop.code or 0
            else:
                print(stop.code, file=sys.stderr)
        except BaseException as error:
            frames = error.__traceback__  # from the file's own frame on, as python file.py shows it
            while frames is not None and frames.tb_frame.f_code.co_filename != request["path"]:
                frames = frames.tb_next
            traceback.print_exception(type(error), error, frames)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    deadline = time.monotonic() + request["timeout"]
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            answer = os.waitstatus_to_exitcode(status)
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            answer = "timeout"
            break
        time.sleep(0.002)
    print(json.dumps(answer), flush=True)
"""


def _environment() -> dict[str, str]:
    """The caller's environment, as it is now, with matplotlib off-screen."""
    return {**os.environ, "MPLBACKEND": "Agg"}


@functools.cache
def _server() -> subprocess.Popen:
    """The interpreter the runs fork from: one per test process, ended with it (EOF)."""
    return subprocess.Popen([sys.executable, "-c", _SERVER], cwd=ROOT, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=_environment())


def run(path: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """``python <path>`` from the repository root, headless, as a student runs it."""
    server = _server()
    with tempfile.TemporaryDirectory() as tmp:
        out, err = Path(tmp) / "stdout", Path(tmp) / "stderr"
        out.touch()
        err.touch()
        request = {"path": str(path), "cwd": str(ROOT), "stdout": str(out), "stderr": str(err),
                   "timeout": timeout, "env": _environment()}
        try:
            server.stdin.write(json.dumps(request) + "\n")
            server.stdin.flush()
            answer = server.stdout.readline()
        except OSError:
            answer = ""
        if not answer:
            _server.cache_clear()  # the next run starts a new one
            raise RuntimeError(f"the snippet runner stopped (exit {server.poll()}) while running {path}")
        code = json.loads(answer)
        stdout, stderr = out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8")
    command = [sys.executable, str(path)]
    if code == "timeout":
        raise subprocess.TimeoutExpired(command, timeout, output=stdout, stderr=stderr)
    return subprocess.CompletedProcess(command, code, stdout, stderr)
