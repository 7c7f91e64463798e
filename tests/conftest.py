"""Shared fixtures: the built site (built once per test run). Helpers: tests/helpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import ROOT, SNIPPETS, load_snippet, mkdocs_build, run_snippet  # noqa: F401 - re-exported


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
