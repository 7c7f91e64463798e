"""Nothing leaks from one build to the next in one process (as when ``mkdocs serve``
rebuilds): what a build keeps between events is one object (nn_site/state.py), new in
every on_config. Two different projects are built one after the other in one Python
process; the second's site is byte for byte the site it gets built alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import MiniProject

pytestmark = pytest.mark.slow  # three small builds

FIGURE = '''"""A line and a printed number."""
import matplotlib.pyplot as plt

plt.plot([0, 1], [0, 1])
print("answer = 42")
plt.show()
'''

FIRST = (
    "# First\n\nHebb [@hebb1949] said so; a synapse and $w x + b$.\n\n"
    "```snippet\nfile: demo/figure.py\ncaption: A line.\nalt: A rising line.\n```\n"
)
SECOND = "# Second\n\nNo figure, no citation, and $y = \\sigma(z)$.\n"

IN_ONE_PROCESS = """
import os, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from nn_site import state

for config_file, site_dir, cache in zip(sys.argv[1::3], sys.argv[2::3], sys.argv[3::3]):
    os.environ["NN_CACHE_DIR"] = cache
    config = load_config(config_file, site_dir=site_dir)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    build_state = state.current()
    print(sorted(build_state.outputs), sorted(build_state.figures),
          any("w x + b" in key for key in build_state.math_used),
          sorted(p.name for p in build_state.cache_used if p.suffix == ".json" and "mathml" in p.name) != [])
"""


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_second_build_in_one_process_is_the_build_alone(tmp_path: Path):
    first, second = MiniProject(tmp_path / "first"), MiniProject(tmp_path / "second")
    first.snippet("demo/figure.py", FIGURE)
    first.page(FIRST)
    second.page(SECOND)
    alone = second.build(site=tmp_path / "alone")
    assert alone.returncode == 0, alone.stderr[-3000:]

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NN_SNIPPET_TIMEOUT": "20"}
    args = [str(first.root / "mkdocs.yml"), str(first.site), str(tmp_path / "cache"),
            str(second.root / "mkdocs.yml"), str(second.site), str(tmp_path / "cache")]
    both = subprocess.run([sys.executable, "-c", IN_ONE_PROCESS, *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=600)
    assert both.returncode == 0, both.stderr[-3000:]
    after_first, after_second = both.stdout.strip().splitlines()[-2:]
    assert "demo/figure.py" in after_first  # the first build ran its snippet
    assert after_first.endswith("True True"), after_first  # its math, its math cache file
    assert after_second == "[] [] False True", after_second  # the second kept none of it

    assert "Figure 1.</span> A line." in (first.site / "index.html").read_text(encoding="utf-8")
    assert tree(second.site) == tree(tmp_path / "alone")
