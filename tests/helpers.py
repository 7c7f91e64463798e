"""What tests share besides fixtures: building the site, loading and running snippets.

Importable from any test as ``helpers`` (pytest.ini puts tests/, scripts/ and the
repository root on ``pythonpath``; no test edits sys.path to import).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"


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
