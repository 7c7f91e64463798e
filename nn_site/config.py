"""Every ``NN_*`` environment variable the build reads, in one typed, checked place.

``load()`` reads them once (``nn_site/build.py`` does it first thing in
``on_config``, before anything is built or cached) and returns a frozen ``SiteConfig``;
code that needs a setting asks ``get()``, which returns the running build's config (or
reads the environment afresh outside a build: scripts, tests). A value that is not
accepted raises ``ConfigError`` naming the variable, the value and what is accepted, so
a typo fails the build instead of being dropped silently (``NN_NOTEBOOK_TIMEOUT=abc``
once turned off the notebook settings and cached the wrong page).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

from nn_site import state
from nn_site.paths import ROOT

URL_FORBIDDEN = re.compile(r"[\s\"'<>`\\]")


class ConfigError(ValueError):
    """An environment variable holds a value the build does not accept."""


@dataclass(frozen=True)
class SiteConfig:
    cache_dir: Path
    """NN_CACHE_DIR: the build cache (nn_site/engine/cache.py); default ``.cache/build`` in the repository."""
    snippet_jobs: int
    """NN_SNIPPET_JOBS: worker processes running snippets side by side, 1-64; default one per core."""
    snippet_timeout: float
    """NN_SNIPPET_TIMEOUT: seconds a snippet may run, more than 0 and at most 3600; default 60."""
    notebook_timeout: int
    """NN_NOTEBOOK_TIMEOUT: whole seconds a notebook cell may run, 1-3600; default 120."""
    site_url: str | None
    """NN_SITE_URL: the public root (mkdocs.yml ``site_url``), an http(s) URL without
    spaces, quotes, backslashes or angle brackets; unset for a build without a public URL."""
    repo_url: str | None
    """NN_REPO_URL: the repository's address (mkdocs.yml ``repo_url``), an http(s) URL like NN_SITE_URL."""
    release: bool
    """NN_RELEASE: ``1`` for a release build (needs a real public URL), ``0`` or unset otherwise."""
    release_test_command: str
    """NN_RELEASE_TEST_COMMAND: the command ``scripts/release.py`` runs before releasing; default ``make test``."""
    sandbox: str
    """NN_SANDBOX: ``auto`` (default: snippets and notebook kernels run in bwrap when it works)
    or ``off`` (never; for tests of the unsandboxed path). nn_site/engine/sandbox.py."""


VARIABLES = {f.name: "NN_" + f.name.upper() for f in fields(SiteConfig)}


def _fail(name: str, value: str, accepted: str) -> ConfigError:
    return ConfigError(
        f"environment variable {name}={value!r} is not valid: {accepted}; "
        f"set it to such a value or unset it (nn_site/config.py)"
    )


def _number(environ, name: str, default, kind, low, high):
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    accepted = (
        f"a whole number from {low} to {high}"
        if kind is int
        else f"a number of seconds greater than {low} and at most {high}"
    )
    try:
        value = kind(raw.strip())
    except ValueError:
        raise _fail(name, raw, accepted) from None
    if value != value or not (low <= value <= high) or (kind is float and value <= low):
        raise _fail(name, raw, accepted)
    return value


def check_url(name: str, value: str | None) -> str | None:
    """``value`` if it is a usable http(s) URL, None if empty; ConfigError otherwise."""
    if value is None or value == "":
        return None
    accepted = (
        "an http(s) URL such as https://me.github.io/neural-neuronal/, without spaces, "
        "quotes, backslashes or angle brackets"
    )
    if URL_FORBIDDEN.search(value):
        raise _fail(name, value, accepted)
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _fail(name, value, accepted)
    return value


def load(environ=None) -> SiteConfig:
    """Read and check every NN_* variable; ConfigError names the first one that is wrong."""
    environ = os.environ if environ is None else environ
    release = environ.get("NN_RELEASE", "")
    if release not in ("", "0", "1"):
        raise _fail("NN_RELEASE", release, "1 for a release build, 0 or unset otherwise")
    cache = environ.get("NN_CACHE_DIR") or str(ROOT / ".cache" / "build")
    command = environ.get("NN_RELEASE_TEST_COMMAND", "make test")
    if not command.strip():
        raise _fail("NN_RELEASE_TEST_COMMAND", command, "a shell command, e.g. 'make test'")
    sandbox = environ.get("NN_SANDBOX", "auto").strip().lower() or "auto"
    if sandbox not in ("auto", "off"):
        raise _fail("NN_SANDBOX", sandbox, "'auto' (sandbox when bwrap works) or 'off'")
    return SiteConfig(
        cache_dir=Path(cache).expanduser().resolve(),
        snippet_jobs=_number(environ, "NN_SNIPPET_JOBS", max(1, min(64, os.cpu_count() or 1)), int, 1, 64),
        snippet_timeout=_number(environ, "NN_SNIPPET_TIMEOUT", 60.0, float, 0, 3600),
        notebook_timeout=_number(environ, "NN_NOTEBOOK_TIMEOUT", 120, int, 1, 3600),
        site_url=check_url("NN_SITE_URL", environ.get("NN_SITE_URL")),
        repo_url=check_url("NN_REPO_URL", environ.get("NN_REPO_URL")),
        release=release == "1",
        release_test_command=command,
        sandbox=sandbox,
    )


def start_build(environ=None) -> SiteConfig:
    """Read the configuration for the build that starts now (``on_config``), into its state."""
    build = state.current()
    build.settings = None
    build.settings = load(environ)
    return build.settings


def end_build() -> None:
    """The build is over: ``get()`` reads the environment again."""
    state.current().settings = None


def get() -> SiteConfig:
    """The running build's configuration; outside a build, the environment read now."""
    settings = state.current().settings
    return settings if settings is not None else load()
