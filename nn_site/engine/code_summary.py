"""Long code collapsed under a one-line summary of what it contains (issue 13, item 7).

A snippet of more than ``LONG`` lines shown open (the fence's default) interrupts the
argument: a 110-line model between two paragraphs. The page shows it collapsed, titled
by the first sentence of its own docstring (every snippet starts with one, see
CONTRIBUTING.md) and its length, so a reader knows what is inside before opening it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

LONG = 60  # lines


def is_long(path: Path) -> bool:
    return len(path.read_text(encoding="utf-8").splitlines()) > LONG


def summary(path: Path) -> str:
    """'The leaky integrate-and-fire (LIF) neuron, simulated with forward Euler' for lif.py."""
    text = path.read_text(encoding="utf-8")
    doc = ast.get_docstring(ast.parse(text)) or ""
    first = re.split(r"(?<=[.!?])\s", " ".join(doc.split()), maxsplit=1)[0].rstrip(".")
    return first or path.name


def collapsed(code_block: str, src: str, path: Path) -> str:
    """The code block inside a collapsed admonition titled by its summary."""
    lines = len(path.read_text(encoding="utf-8").splitlines())
    title = f"{summary(path)} ({src}, {lines} lines)".replace('"', "'")
    body = "\n".join("    " + line if line else line for line in code_block.splitlines())
    return f'??? example listing "{title}"\n\n{body}'
