"""The kernel that runs the notebooks: nn_site/notebooks/kernel_launcher.py, as the ``python3`` spec.

``configure`` writes a kernel spec named ``python3`` into the build cache
(``<cache>/kernel/kernels/python3/kernel.json``) and puts that folder first on
``JUPYTER_PATH``, so mkdocs-jupyter (``kernel_name: python3``) starts the launcher: it
runs ipykernel in the sandbox when bwrap works and kills whatever the kernel leaves
running (see its docstring). Kernels talk to the build over Unix sockets in a private
folder of this build (``/tmp/nn-kernel-*``, short: a socket's path has at most 107
characters; ``c.KernelManager.transport = "ipc"`` in nn_site/notebooks/jupyter_config/): a
sandboxed kernel has no network, not even 127.0.0.1.
``check_leftovers`` turns what a notebook's kernel left running into a build error.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError

LAUNCHER = Path(__file__).resolve().parent / "kernel_launcher.py"


def configure(build_cache: Path) -> None:
    if not sys.platform.startswith("linux"):  # the guard needs Linux (pidfd, subreaper, /proc)
        return
    folder = build_cache / "kernel"
    spec = folder / "kernels" / "python3" / "kernel.json"
    spec.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(
        {
            "argv": [sys.executable, str(LAUNCHER), "-f", "{connection_file}"],
            "display_name": "Python 3",
            "language": "python",
            "interrupt_mode": "message",  # the kernel is in a session of its own
            "metadata": {"debugger": False},
        },
        indent=1,
    )
    if not spec.is_file() or spec.read_text() != text:
        spec.write_text(text)
    paths = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p and p != str(folder)]
    os.environ["JUPYTER_PATH"] = os.pathsep.join([str(folder), *paths])
    runtime = os.environ.get("JUPYTER_RUNTIME_DIR", "")
    if not Path(runtime).name.startswith("nn-kernel-") or not Path(runtime).is_dir():
        runtime = tempfile.mkdtemp(prefix="nn-kernel-")
        atexit.register(shutil.rmtree, runtime, True)
        os.environ["JUPYTER_RUNTIME_DIR"] = runtime


def check_leftovers(page_uri: str) -> None:
    """PluginError if the kernel of the notebook just executed left processes running."""
    runtime = Path(os.environ.get("JUPYTER_RUNTIME_DIR", "/nonexistent"))
    records = sorted(runtime.glob("leftover-*.json")) if runtime.is_dir() else []
    left: list[str] = []
    for record in records:
        try:
            left += json.loads(record.read_text()).get("left", [])
        except ValueError:
            pass
        record.unlink(missing_ok=True)
    if left:
        raise PluginError(
            f"docs/{page_uri}: the notebook's kernel left {len(left)} process(es) running "
            f"when it ended, which the build killed ({'; '.join(left[:5])}); a notebook "
            "waits for every process it starts"
        )
