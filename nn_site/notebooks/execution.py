"""Notebook pages (mkdocs-jupyter) under the build's rules.

- Its cache lives in the build cache (``<cache>/jupyter``), found from mkdocs.yml, not
  the working directory, so a cold build is cold for notebooks too; an entry that is not
  valid JSON (a build killed while writing it) is discarded with a warning and the
  notebook runs again.
- nbconvert reads ``nn_site/notebooks/jupyter_config/jupyter_nbconvert_config.py``: a cell that
  runs longer than ``NN_NOTEBOOK_TIMEOUT`` seconds (120) fails the build, and a cell's
  printed lines become one output block however the kernel flushed them.
- Outputs are checked after the run (``nn_site/notebooks/limits.py``): no traceback (not
  even from a cell tagged ``raises-exception``), bounded size, plain text.
- A failing cell stops the build with one short paragraph: the notebook, the code cell's
  number and line, the exception (no ANSI colour codes, no repeated traceback).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from nn_site import config as site_config
from nn_site.engine import cache
from nn_site.paths import PACKAGE

CONFIG_DIR = Path(__file__).resolve().parent / "jupyter_config"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
CELL_LINE = re.compile(r"Cell In\[\d*\], line (\d+)")


def configure(config, folder: Path) -> None:
    paths = os.environ.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep)
    if str(CONFIG_DIR) not in paths:
        os.environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join([str(CONFIG_DIR)] + [p for p in paths if p])
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None:
        return
    # traitlets logs an error in its config file and goes on without it (no time limit,
    # no checks): load it here first, so such an error stops the build instead.
    from traitlets.config.loader import PyFileConfigLoader

    try:
        PyFileConfigLoader("jupyter_nbconvert_config.py", path=str(CONFIG_DIR)).load_config()
    except Exception as exc:  # noqa: BLE001 - whatever the file raised
        raise PluginError(
            f"{CONFIG_DIR / 'jupyter_nbconvert_config.py'}: cannot be loaded: {type(exc).__name__}: {exc}"
        ) from None
    # Executed pages are kept per nbconvert settings (this config file, the checks on the
    # outputs, the cell time limit): a page executed under other settings is never reused.
    here = Path(__file__).resolve().parent
    settings = cache.key(
        CONFIG_DIR / "jupyter_nbconvert_config.py",
        here / "limits.py",
        PACKAGE / "engine" / "output_text.py",
        str(site_config.get().notebook_timeout),
    )[:12]
    plugin.config["cache_dir"] = str(folder / f"settings-{settings}")
    if folder.is_dir():
        # entries sit in a kernel profile's subfolder (nn_site/pages/reading.py): look in all
        for entry in sorted(folder.rglob("*.json")):
            try:
                value = json.loads(entry.read_text(encoding="utf-8"))
                if not isinstance(value, dict) or not {"content", "toc_tokens"} <= set(value):
                    raise ValueError("not a notebook page")
            except (ValueError, UnicodeDecodeError):
                cache.discard(entry, "it is not a complete notebook page (a build stopped while writing it?)")


def _short(exc: Exception, notebook: Path, where: str) -> str:
    """One paragraph: notebook, code cell number, line, exception."""
    import nbformat

    text = ANSI.sub("", str(exc))
    cells = [c for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]
    number = next((i for i, c in enumerate(cells, 1) if c.source.strip() and c.source.strip() in text), None)
    if number is None:  # a timeout shows the cell as a list of lines
        number = next(
            (i for i, c in enumerate(cells, 1) if c.source.strip() and repr(c.source.splitlines()[0])[1:-1] in text),
            None,
        )
    cell = f"code cell {number}" if number else "a code cell"
    if "timed out" in text:
        limit = re.search(r"after (\d+) seconds", text)
        return f"{where}: {cell} timed out after {limit[1] if limit else '?'} s (NN_NOTEBOOK_TIMEOUT sets the limit)"
    line = CELL_LINE.findall(text)
    ename, evalue = getattr(exc, "ename", type(exc).__name__), getattr(exc, "evalue", "")
    at = f", line {line[-1]}" if line else ""
    return f"{where}: {cell}{at}: {ename}: {ANSI.sub('', evalue)}".rstrip(": ")


def guard_render(page) -> None:
    """Make a notebook page's failure one readable PluginError (called in on_pre_page)."""
    if not page.file.src_uri.endswith(".ipynb"):
        return
    render = page.render

    def render_checked(config, files):
        try:
            return render(config, files)
        except PluginError:
            raise
        except Exception as exc:
            from nn_site.notebooks.limits import NotebookOutputError

            if isinstance(exc, NotebookOutputError):  # nn_site/notebooks/limits.py
                raise PluginError(f"docs/{page.file.src_uri}: {exc}") from None
            from nbclient.exceptions import CellControlSignal, CellExecutionError, DeadKernelError

            if isinstance(exc, (CellExecutionError, CellControlSignal, DeadKernelError, TimeoutError)):
                raise PluginError(_short(exc, Path(page.file.abs_src_path), f"docs/{page.file.src_uri}")) from None
            raise

    page.render = render_checked
