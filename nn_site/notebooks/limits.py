"""Checks on a notebook's outputs after it ran (an nbconvert preprocessor, listed in
``nn_site/notebooks/jupyter_config/jupyter_nbconvert_config.py`` after the execution), with the
same rules as snippets' printed output:

- no error output at all: a cell tagged ``raises-exception`` would otherwise publish a
  traceback although ``allow_errors`` is false;
- at most ``MAX_LINES`` lines of text per cell, ``MAX_OUTPUT`` bytes per output (an image
  too) and ``MAX_PAGE`` bytes of outputs per notebook: a result, not a log;
- printed text without control characters or lone surrogates; ANSI colour codes are
  removed (``nn_site/engine/output_text.py``).

A fault raises ``NotebookOutputError`` with the code cell's number;
``nn_site/notebooks/execution.py`` adds the notebook's name.
"""

from __future__ import annotations

import json

from nbconvert.preprocessors import Preprocessor

from nn_site.engine import output_text

MAX_LINES = 200
MAX_OUTPUT = 1_000_000
MAX_PAGE = 3_000_000


class NotebookOutputError(Exception):
    def __init__(self, cell: int, message: str):
        super().__init__(f"code cell {cell}: {message}")
        self.cell = cell


def _texts(output) -> list[tuple[str, str]]:
    """(where, text) of every piece of text an output shows."""
    if output.get("output_type") == "stream":
        text = output.get("text", "")
        return [(output.get("name", "stream"), "".join(text) if isinstance(text, list) else text)]
    data = output.get("data", {})
    found = []
    for mime in ("text/plain", "text/markdown", "text/latex"):
        if mime in data:
            text = data[mime]
            found.append((mime, "".join(text) if isinstance(text, list) else text))
    return found


def check(nb) -> None:
    """Raise NotebookOutputError for the first cell whose outputs break a rule; strip ANSI codes."""
    total = 0
    code_cells = [cell for cell in nb.cells if cell.get("cell_type") == "code"]
    for number, cell in enumerate(code_cells, 1):
        lines = 0
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                tagged = "raises-exception" in cell.get("metadata", {}).get("tags", [])
                raise NotebookOutputError(
                    number,
                    (
                        f"raised {output.get('ename', 'an exception')}: {output_text.ANSI.sub('', output.get('evalue', ''))}"
                        + (
                            "; the tag 'raises-exception' does not publish a traceback: the site shows no "
                            "errors (catch it and print what it teaches instead)"
                            if tagged
                            else ""
                        )
                    ),
                )
            size = len(json.dumps(output, ensure_ascii=False).encode("utf-8", "surrogatepass"))
            if size > MAX_OUTPUT:
                raise NotebookOutputError(
                    number,
                    f"an output of {size:,} bytes; at most {MAX_OUTPUT:,} bytes per "
                    "output (a smaller figure or a printed summary)",
                )
            total += size
            for where, text in _texts(output):
                try:
                    cleaned = output_text.clean(text)
                except output_text.OutputTextError as exc:
                    raise NotebookOutputError(number, f"{where} output: {exc}") from None
                lines += cleaned.count("\n") + (not cleaned.endswith("\n") and bool(cleaned))
                if cleaned != text:
                    if output.get("output_type") == "stream":
                        output["text"] = cleaned
                    else:
                        output["data"][where] = cleaned
        if lines > MAX_LINES:
            raise NotebookOutputError(
                number, f"printed {lines} lines; a page shows at most {MAX_LINES} lines per cell: print a summary"
            )
        if total > MAX_PAGE:
            raise NotebookOutputError(
                number,
                f"the outputs up to this cell take {total:,} bytes; a notebook "
                f"page holds at most {MAX_PAGE:,} bytes of outputs",
            )


class CheckOutputs(Preprocessor):
    """nbconvert preprocessor: ``check`` on the executed notebook."""

    def preprocess(self, nb, resources):
        check(nb)
        return nb, resources
