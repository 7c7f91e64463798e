"""ruff (pinned in requirements-test.in, configured in pyproject.toml) finds nothing: `make
test` runs this, so CI fails on a lint error or an engine file the formatter would change."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_ruff_check_is_clean():
    result = ruff("check", "--no-cache", "--output-format", "concise", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_leaves_the_engine_and_the_commands_as_they_are():
    result = ruff("format", "--no-cache", "--check", ".")
    assert result.returncode == 0, "run `.venv/bin/ruff format .`:\n" + result.stdout + result.stderr
