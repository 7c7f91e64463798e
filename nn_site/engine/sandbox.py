"""Run build code (the snippet worker, notebook kernels) in a bubblewrap sandbox.

A snippet or a notebook is arbitrary Python from whoever wrote the pull request. When
``bwrap`` (Debian's bubblewrap) is on the PATH and works, that code runs inside it:

- no network (``--unshare-net``: not even 127.0.0.1 of the machine), own PID namespace
  (every process it starts dies with it: ``--unshare-pid``, ``--die-with-parent``), own
  IPC and host name, a new session (no terminal to type into);
- a file system of only what Python needs: ``/usr`` (and the ``/bin``, ``/lib`` links
  into it), a few files of ``/etc`` (the linker cache, fonts, time zone), the
  interpreter's installation and the virtual environment, read-only; the repository,
  read-only, without ``.git`` (where a checkout keeps its token); the folders the build
  writes (its cache entries), read-write; a private, empty ``/tmp``. No home directory,
  no credentials, no other file of the machine;
- a clean environment: only the variables listed here, never the caller's secrets.

``NN_SANDBOX`` chooses: ``auto`` (default: sandboxed when bwrap works), ``off`` (never;
tests of the unsandboxed path). In CI (``CI=true``) a missing or broken bwrap fails
the build rather than running unsandboxed; elsewhere the build says once that it runs
without the sandbox. CONTRIBUTING.md, "Trust model", says what this does and does not stop.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from nn_site import config as site_config
from nn_site import state

log = logging.getLogger("mkdocs.hooks.sandbox")

ETC_FILES = ("/etc/ld.so.cache", "/etc/fonts", "/etc/localtime", "/etc/alternatives")
PASSED_ENV = (
    "LANG",
    "LC_ALL",
    "SOURCE_DATE_EPOCH",
    "PYTHONHASHSEED",
    "PYTHONDONTWRITEBYTECODE",
    "MPLBACKEND",
    "NN_SNIPPET_TIMEOUT",
    "NN_NOTEBOOK_TIMEOUT",
    "IPYTHONDIR",
    "JUPYTER_CONFIG_PATH",
    "JUPYTER_PATH",
    "JUPYTER_RUNTIME_DIR",
)


class SandboxError(Exception):
    """CI without a working bwrap: the build must not run pull-request code unsandboxed."""


def mode() -> str:
    """NN_SANDBOX, read and checked once per build in nn_site/config.py."""
    try:
        return site_config.get().sandbox
    except site_config.ConfigError as exc:
        raise SandboxError(str(exc)) from None


@functools.cache
def _works(bwrap: str) -> str:
    """'' if bwrap can make a sandbox here, else why not."""
    try:
        probe = subprocess.run(
            [
                bwrap,
                "--ro-bind",
                "/",
                "/",
                "--unshare-all",
                "--die-with-parent",
                "--proc",
                "/proc",
                "--dev",
                "/dev",
                "true",
            ],
            capture_output=True,
            text=True,
            timeout=20,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc)
    return "" if probe.returncode == 0 else (probe.stderr.strip() or f"exit code {probe.returncode}")


def bwrap() -> str | None:
    """The bwrap to use, or None (unsandboxed; said once). SandboxError in CI without one."""
    if mode() == "off":
        return None
    found = shutil.which("bwrap")
    why = "bwrap (bubblewrap) is not installed" if not found else _works(found)
    if not why:
        return found
    if os.environ.get("CI", "").lower() == "true":
        raise SandboxError(
            f"CI=true but snippets cannot be sandboxed: {why}. Install bubblewrap "
            "(.ci/run does), or set NN_SANDBOX=off to run pull-request code unsandboxed"
        )
    if not state.session.said_no_sandbox:
        state.session.said_no_sandbox = True
        log.info(
            f"sandbox: {why}; snippets and notebooks run unsandboxed "
            "(install bubblewrap to run them without network, home or write access)"
        )
    return None


def matplotlib_cache(folder: Path) -> Path:
    """``folder`` as matplotlib's cache for sandboxed code (no home directory there),
    seeded with the font list of this machine's own cache when there is one, so that a
    sandbox does not spend seconds building it again (it holds font paths, no secrets)."""
    folder.mkdir(parents=True, exist_ok=True)
    home = os.environ.get("MPLCONFIGDIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "matplotlib"
    )
    if not list(folder.glob("fontlist-*.json")):
        for fonts in Path(home).glob("fontlist-*.json"):
            shutil.copyfile(fonts, folder / fonts.name)
    return folder


def _interpreter_paths() -> list[str]:
    """The interpreter's installation and the virtual environment (real paths)."""
    paths = {os.path.realpath(p) for p in (sys.base_prefix, sys.prefix, sys.exec_prefix)}
    paths.add(os.path.dirname(os.path.dirname(os.path.realpath(sys.executable))))
    return sorted(paths)


def wrap(
    argv: list[str],
    root: Path,
    writable: list[Path] = (),
    readable: list[Path] = (),
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> list[str]:
    """``argv`` run inside the sandbox (or unchanged when there is none)."""
    found = bwrap()
    if found is None:
        return argv
    args = [
        found,
        "--unshare-all",
        "--die-with-parent",
        "--new-session",
        "--clearenv",
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--tmpfs",
        "/tmp",
        "--ro-bind",
        "/usr",
        "/usr",
    ]
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
    for path in ETC_FILES:
        args += ["--ro-bind-try", path, path]
    mounts = [(p, "--ro-bind") for p in _interpreter_paths()]
    mounts += [(str(Path(p).resolve()), "--ro-bind") for p in (root, *readable)]
    mounts.sort(key=lambda m: m[0].count("/"))  # a parent before what is mounted inside it
    for path, how in mounts:
        args += [how, path, path]
    git = Path(root).resolve() / ".git"
    if git.is_dir():
        args += ["--tmpfs", str(git)]
    elif git.exists():
        args += ["--ro-bind", "/dev/null", str(git)]
    for path in sorted({str(Path(p).resolve()) for p in writable}, key=lambda p: p.count("/")):
        Path(path).mkdir(parents=True, exist_ok=True)
        args += ["--bind", path, path]
    variables = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp", "TMPDIR": "/tmp"}
    variables.update({k: os.environ[k] for k in PASSED_ENV if k in os.environ})
    variables.update(env or {})
    for key, value in variables.items():
        args += ["--setenv", key, value]
    args += ["--chdir", str(Path(cwd or root).resolve()), "--"]
    return args + list(argv)
