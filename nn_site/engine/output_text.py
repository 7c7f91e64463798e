"""Printed text as a page may show it: ANSI colour codes stripped; any other control
character or a lone surrogate (text that cannot be valid UTF-8) is refused, naming the
line of the output and the character, for snippets and notebooks alike."""

from __future__ import annotations

import re

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")  # CSI and OSC sequences
BAD = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
NAMES = {
    "\r": "a carriage return (\\r)",
    "\x1b": "an escape character (ESC) that is not a colour code",
    "\x0c": "a form feed (\\f)",
    "\x08": "a backspace (\\b)",
    "\x00": "a NUL character",
}


class OutputTextError(ValueError):
    """Printed text holds a character a page cannot show."""


def clean(text: str) -> str:
    """``text`` without ANSI escape sequences (``\\r\\n`` read as ``\\n``); OutputTextError
    for any other control character or a lone surrogate."""
    text = ANSI.sub("", text).replace("\r\n", "\n")
    bad = BAD.search(text)
    if bad:
        char = bad[0]
        line = text.count("\n", 0, bad.start()) + 1
        what = NAMES.get(char) or (
            f"a lone surrogate U+{ord(char):04X} (not valid Unicode text)"
            if 0xD800 <= ord(char) <= 0xDFFF
            else f"the control character U+{ord(char):04X}"
        )
        raise OutputTextError(
            f"printed line {line} holds {what}; print plain text "
            "(a progress bar's \\r or raw bytes do not belong on a page)"
        )
    return text
