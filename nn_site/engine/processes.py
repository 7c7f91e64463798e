"""Processes a snippet or a notebook kernel starts never outlive it (issue 28, item 3).

A process group is not enough (a child can call ``setsid``), and a child whose parent
ended is handed to init, out of sight. So the process that runs build code (the snippet
worker, the notebook kernel's launcher) makes itself a *child subreaper*
(``PR_SET_CHILD_SUBREAPER``): every orphan below it is handed to it instead, and
``descendants`` finds the whole tree through ``/proc``. ``kill_tree`` kills it, deepest
first, and names what it killed. In the sandbox (nn_site/engine/sandbox.py) a PID namespace
does the same by construction; this holds without it.
"""

from __future__ import annotations

import ctypes
import os
import signal
import time
from pathlib import Path

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36


def _prctl(option: int, value: int) -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the sandbox and this module are Linux-only
        pass


def become_subreaper(die_with_parent: bool = True) -> None:
    """Orphans below this process become its children; it dies if its parent dies."""
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    if die_with_parent:
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    if not os.path.isdir("/proc"):  # not Linux: nothing to find this way
        return children
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) ": state, ppid, ...
        if fields[0] in "ZX":  # ended, waiting to be collected: nothing left to kill
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def descendants(pid: int | None = None) -> list[int]:
    """Every live process below ``pid`` (default: this one), parents before children."""
    pid = os.getpid() if pid is None else pid
    children = _children_map()
    found, todo = [], list(children.get(pid, []))
    while todo:
        child = todo.pop(0)
        found.append(child)
        todo.extend(children.get(child, []))
    return found


def describe(pid: int) -> str:
    """``pid 123: sleep 600`` (a process forked from this one: 'a copy of it (os.fork)')."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return f"pid {pid}"
    command = " ".join(a.decode(errors="replace") for a in argv if a)
    if not command:
        return f"pid {pid}: "
    try:
        if argv == Path(f"/proc/{os.getpid()}/cmdline").read_bytes().split(b"\0"):
            command = "a copy of the snippet's own process (os.fork or multiprocessing)"
    except OSError:
        pass
    return f"pid {pid}: {command[:120]}"


def _reap() -> None:
    """Collect the exit status of any child that ended (orphans handed to us included)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def kill_tree(pid: int | None = None) -> list[str]:
    """SIGKILL every process below ``pid`` (default: this one); returns what each was.
    Repeats until none is left (a process may fork while we look)."""
    killed: dict[int, str] = {}
    for _ in range(200):
        found = descendants(pid)
        if not found:
            break
        for child in reversed(found):
            if child not in killed:
                # an empty command line: a process already exiting (e.g. its PID namespace
                # ended with the sandbox); killed all the same, not reported as left running
                killed[child] = describe(child)
            try:
                os.kill(child, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _reap()
        time.sleep(0.005)
    _reap()
    return [what for what in killed.values() if not what.endswith(": ")]
