"""Shared fixtures: the built site (built once per test run, whatever the number of
pytest-xdist workers). Helpers: tests/helpers.py."""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

import pytest

import quality_summary
from helpers import ROOT, SNIPPETS, load_snippet, mkdocs_build, run_snippet  # noqa: F401 - re-exported


def build_once(tmp_path_factory, name: str, env: dict | None = None) -> Path:
    """``mkdocs build`` into ``<run's temp dir>/<name>`` once per test run.

    Under pytest-xdist each worker is its own process with its own session fixtures, so
    the first worker to ask builds while holding a file lock and records the outcome; the
    others wait on the lock, then reuse the site (or report the same failure). fcntl.flock
    because the lock dies with its process: a killed run leaves nothing to clean up.
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by the workers of this run
    site_dir, outcome = root / name, root / f"{name}.outcome.json"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not outcome.exists():
            result = mkdocs_build(site_dir, env=env)
            outcome.write_text(json.dumps({"returncode": result.returncode,
                                           "log": f"{result.stdout}\n{result.stderr}"}))
    built = json.loads(outcome.read_text())
    assert built["returncode"] == 0, f"mkdocs build failed:\n{built['log']}"
    return site_dir


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built once from the working tree (strict mode), shared by all tests."""
    return build_once(tmp_path_factory, "site")


PUBLIC_ROOT = "https://nn-course.github.io/neural-neuronal/"
REPO_URL = "https://github.com/nn-course/neural-neuronal"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory, site) -> tuple[Path, str]:
    """The site built as the publishing workflow builds it: with a public URL and a
    repository (NN_SITE_URL, NN_REPO_URL). After ``site``, so from warm caches: seconds.
    (site, public root)"""
    env = {"NN_SITE_URL": PUBLIC_ROOT, "NN_REPO_URL": REPO_URL}
    return build_once(tmp_path_factory, "published", env), PUBLIC_ROOT


def pytest_collection_modifyitems(config, items):
    """A test that needs ``published_site`` builds the site a second time: it is ``slow``
    (left out of `make quick`, the inner loop)."""
    for item in items:
        if "published_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


# --- the site-quality summary (tests/quality_summary.py), across pytest-xdist workers --


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # a pytest-xdist worker: hand its counts to the controller
        workeroutput["quality_summary"] = dict(quality_summary.COUNTS)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist's controller, as each worker finishes: add up the counts."""
    quality_summary.merge(getattr(node, "workeroutput", {}).get("quality_summary", {}))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if quality_summary.COUNTS:
        terminalreporter.section("site quality summary")
        for line in quality_summary.lines():
            terminalreporter.write_line(line)
