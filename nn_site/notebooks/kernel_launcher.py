"""The notebook kernel as the build starts it: sandboxed, and nothing it starts survives.

jupyter_client starts this file as the ``python3`` kernel (the kernel spec that
nn_site/notebooks/kernel.py writes into the build cache):
``python kernel_launcher.py -f <connection file>``. It forks a *guard* in a session
of its own, so that jupyter_client's kill of the kernel's process group does not reach
it. The guard is a child subreaper (nn_site/engine/processes.py) and starts ipykernel, inside
the sandbox when bwrap works (nn_site/engine/sandbox.py: no network, so the kernel talks to
the build over Unix sockets in the cache, ``transport = ipc``). When the kernel ends,
or this launcher is killed, the guard kills every process left below it (a child that
called ``setsid`` included) and exits; unsandboxed, it writes what it killed to
``leftover-<pid>.json`` beside the connection file (the build then fails naming the
notebook). In the sandbox the kernel's PID namespace takes everything with it: gone,
not named (the guard waits for it, then kills whatever remains).
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from nn_site.engine import cache, processes, sandbox
from nn_site.paths import ROOT


def guard(launcher: int, connection: Path) -> int:
    processes.become_subreaper(die_with_parent=False)
    mpl = cache.cache_dir() / "matplotlib"
    writable = [connection.parent, mpl] + ([Path(os.environ["IPYTHONDIR"])] if os.environ.get("IPYTHONDIR") else [])
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", str(connection)]
    argv = sandbox.wrap(
        argv,
        ROOT,
        writable=writable,
        cwd=Path.cwd(),
        readable=[Path.cwd()],
        # JPY_PARENT_PID 1: started by a client (no "Ctrl-C will not work" notice),
        # no parent polling (the sandbox dies with the guard)
        env={"MPLCONFIGDIR": str(mpl), "JUPYTER_RUNTIME_DIR": str(connection.parent), "JPY_PARENT_PID": "1"},
    )
    if argv[0] != sys.executable:
        sandbox.matplotlib_cache(mpl)
    kernel = subprocess.Popen(argv)
    watched = os.pidfd_open(launcher)
    ended = os.pidfd_open(kernel.pid)
    select.select([watched, ended], [], [])
    code = kernel.poll()
    if code is None:  # the launcher was killed: the kernel goes too
        kernel.kill()
        code = kernel.wait()
    sandboxed = argv[0] != sys.executable
    if sandboxed:  # its PID namespace is ending: everything in it dies with it; wait, then make sure
        deadline = time.monotonic() + 2.0
        while processes.descendants() and time.monotonic() < deadline:
            time.sleep(0.02)
    left = processes.kill_tree()
    if left and not sandboxed:  # in the sandbox, what remains is the namespace being torn down
        record = connection.parent / f"leftover-{os.getpid()}.json"
        record.write_text(json.dumps({"cwd": os.getcwd(), "left": left}))
        print(
            f"notebook kernel: left {len(left)} process(es) running when it ended, killed: {'; '.join(left[:5])}",
            file=sys.stderr,
        )
    return code


def main() -> None:
    connection = Path(sys.argv[sys.argv.index("-f") + 1]).resolve()
    launcher = os.getpid()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        os.setsid()  # out of the process group jupyter_client kills
        code = 1
        try:
            code = guard(launcher, connection)
        finally:
            os.write(write_end, f"{code}\n".encode())
            os._exit(0)
    os.close(write_end)
    # Ctrl-C (an interrupt) goes to the kernel, which is in another session: pass it on.
    signal.signal(signal.SIGINT, lambda *_: None)
    code = b""
    while True:
        try:
            chunk = os.read(read_end, 64)
        except InterruptedError:
            continue
        if not chunk:
            break
        code += chunk
    os.waitpid(pid, 0)
    sys.exit(int(code or b"1"))


if __name__ == "__main__":
    main()
