"""Shared fixtures: the built site (built once per test run) and snippet loading."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
sys.path.insert(0, str(ROOT / "scripts"))


def mkdocs_build(site_dir: Path, cache_dir: Path | None = None, config: Path | None = None,
                 env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``mkdocs build`` as a reader would; returns the finished process (not checked)."""
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    if cache_dir is not None:
        environ["NN_CACHE_DIR"] = str(cache_dir)
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)]
    if config is not None:
        command += ["--config-file", str(config)]
    return subprocess.run(command, cwd=config.parent if config else ROOT, env=environ,
                          capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built once from the working tree (strict mode), shared by all tests."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(site_dir)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


PUBLIC_ROOT = "https://nn-course.github.io/neural-neuronal/"
REPO_URL = "https://github.com/nn-course/neural-neuronal"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> tuple[Path, str]:
    """The site built as the publishing workflow builds it: with a public URL and a
    repository (NN_SITE_URL, NN_REPO_URL; warm caches, so seconds). (site, public root)"""
    site_dir = tmp_path_factory.mktemp("published")
    result = mkdocs_build(site_dir, env={"NN_SITE_URL": PUBLIC_ROOT, "NN_REPO_URL": REPO_URL})
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir, PUBLIC_ROOT


def load_snippet(relative: str):
    """Import ``snippets/<relative>`` as a module (its ``__main__`` block does not run).

    Its folder goes first on sys.path, as when a reader runs ``python snippets/<relative>``,
    so a snippet that imports a sibling snippet works the same way.
    """
    path = SNIPPETS / relative
    sys.path.insert(0, str(path.parent))
    try:
        name = "snippet_" + relative.removesuffix(".py").replace("/", "_")
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(path.parent))


def run_snippet(relative: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python snippets/<relative>`` exactly as a student would, headless."""
    env = {**os.environ, "MPLBACKEND": "Agg"}
    return subprocess.run([sys.executable, str(SNIPPETS / relative)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)
