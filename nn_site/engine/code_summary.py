"""The code behind a figure, in a closed "Show the code" disclosure (issue 29).

A page reads claim -> figure -> caption; the code that made the figure (and what it
printed, unless the page reads numbers from it) follows, closed, so a reader who skips
code never scrolls past it. It is still the exact file that ran, highlighted and
copyable. The summary line says only what opens and how long it is ("Show the code
(42 lines)"): a path there is noise to a reader. The path students copy is the code
block's own title, the first line inside (and what the print page prints as "Code: ...");
on a phone a long path there wraps after a '/', never inside a name.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

LONG = 60  # lines: a listing this long is never shown open, even with `code: open`
# A code block's title naming a snippet file ("snippets/x/y.py", "Output of snippets/...").
TITLE = re.compile(r'(<span class="filename">)([^<]*snippets/[^<]*)(</span>)')


def is_long(path: Path) -> bool:
    return len(path.read_text(encoding="utf-8").splitlines()) > LONG


def summary(path: Path) -> str:
    """'The leaky integrate-and-fire (LIF) neuron, simulated with forward Euler' for lif.py."""
    text = path.read_text(encoding="utf-8")
    doc = ast.get_docstring(ast.parse(text)) or ""
    first = re.split(r"(?<=[.!?])\s", " ".join(doc.split()), maxsplit=1)[0].rstrip(".")
    return first or path.name


def breakable_titles(html: str) -> str:
    """Code titles that may wrap after a '/' only (``<wbr>``, which is not copied): on a
    390 px phone a long path wraps between folder and file, never inside a name
    ("sigmoid_operating_ / point.py" read badly), nor runs out of its box."""
    return TITLE.sub(lambda m: m[1] + m[2].replace("/", "/<wbr>") + m[3], html)


def title(path: Path, with_output: bool) -> str:
    """'Show the code (42 lines)', or 'Show the code and its output (42 lines)'."""
    lines = len(path.read_text(encoding="utf-8").splitlines())
    what = "Show the code and its output" if with_output else "Show the code"
    return f"{what} ({lines} lines)"


def disclosure(parts: list[str], path: Path, with_output: bool, start_open: bool = False) -> str:
    """The code block (titled by its path) and the printed-output block inside one
    ``details`` element, closed unless ``start_open``; the class ``example listing`` is
    what the print page (nn_site/print/page.py) recognises as a listing."""
    marker = "???+" if start_open else "???"
    body = "\n\n".join(parts)
    indented = "\n".join("    " + line if line else line for line in body.splitlines())
    return f'{marker} example listing "{title(path, with_output)}"\n\n{indented}'
