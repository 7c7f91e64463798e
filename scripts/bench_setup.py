"""Setup benchmark (`make bench-setup`): a new reader's first minutes, timed.

Clones this repository (its committed HEAD) into a temporary folder, runs
``make serve`` there as a new reader would (uv fetched from PyPI, the reader's lock
installed into a new .venv, a cold build, the server started), and prints:

- install: from ``make serve`` to the reader's lock installed (uv included);
- first page: from ``make serve`` to the home page answering on http://127.0.0.1;
- gallery slides: until the gallery's last slide PNG answers (rendered after the first page).

Goals (issue 19): install <= 15 s, first page <= 45 s, on 2 cores. uv keeps downloaded
wheels in its cache (~/.cache/uv): the first run on a machine downloads everything; set
``BENCH_COLD=1`` to use an empty cache and measure that case every time.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="nn-setup-") as tmp:
        clone = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        env = {**os.environ}
        if os.environ.get("BENCH_COLD"):
            env["UV_CACHE_DIR"] = str(Path(tmp) / "uv-cache")
        port = free_port()
        log = (Path(tmp) / "serve.log").open("w")
        start = time.perf_counter()
        server = subprocess.Popen(
            ["make", "serve", f"ADDR=127.0.0.1:{port}"],
            cwd=clone,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        installed = first_page = None
        try:
            while time.perf_counter() - start < 900:
                if installed is None and (clone / ".venv" / ".reader-installed").exists():
                    installed = time.perf_counter() - start
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
                    first_page = time.perf_counter() - start
                    break
                except OSError:
                    if server.poll() is not None:
                        break
                    time.sleep(0.2)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
            log.close()
        if first_page is None:
            print((Path(tmp) / "serve.log").read_text()[-3000:], file=sys.stderr)
            return 1
        size = sum(f.stat().st_size for f in (clone / ".venv").rglob("*") if f.is_file()) / 1e6
        packages = sum(1 for _ in (clone / ".venv").glob("lib/python*/site-packages/*.dist-info"))
    print(f"reader's install:  {installed:6.1f} s  ({packages} packages, {size:.0f} MB)   goal <= 15 s")
    print(f"first page served: {first_page:6.1f} s   goal <= 45 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
