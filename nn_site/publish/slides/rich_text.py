"""A page's HTML as runs of slide text: a slide cannot show MathML, but it can set an
index or a power as a sub- or superscript, so a caption's or a question's formula reads
on the slide as it does on the page."""

from __future__ import annotations

import re

import lxml.html

from nn_site.pages import panel_words

Run = tuple[str, str]  # (text, "" | "sub" | "sup"): a slide's text keeps a formula's indices
RELATIONS = frozenset("=<>≤≥≈≠→⇒←∝∼≪≫")
SCRIPTED = {"msub": ("sub",), "munder": ("sub",), "msup": ("sup",), "mover": ("sup",)}
THE_TABLE = re.compile(r"\b([Tt])he table\b(?!s)('s)?(?! on the page)")


def _math_runs(node, level: str) -> list[Run]:
    """A MathML element as runs of text: indices and powers as sub- and superscripts."""
    tag = node.tag if isinstance(node.tag, str) else ""
    children = list(node)
    if tag == "annotation":
        return []
    if tag in ("mi", "mn", "mtext", "ms"):
        return [(node.text_content(), level)]
    if tag == "mo":
        text = node.text_content()
        return [(f" {text} " if text in RELATIONS else text, level)]
    if tag == "mspace":
        return [(" ", level)]
    if tag in SCRIPTED and len(children) == 2:
        return _math_runs(children[0], level) + _math_runs(children[1], level or SCRIPTED[tag][0])
    if tag in ("msubsup", "munderover") and len(children) == 3:
        return (
            _math_runs(children[0], level)
            + _math_runs(children[1], level or "sub")
            + _math_runs(children[2], level or "sup")
        )
    if tag == "mfrac" and len(children) == 2:
        parts = []
        for child in children:
            runs = _math_runs(child, level)
            text = "".join(t for t, _ in runs).strip()
            parts.append([("(", level), *runs, (")", level)] if len(text) > 1 and not text.isdigit() else runs)
        return parts[0] + [("/", level)] + parts[1]
    if tag == "msqrt":
        return [("√(", level), *[r for c in children for r in _math_runs(c, level)], (")", level)]
    if tag == "semantics" and children:
        return _math_runs(children[0], level)
    return [r for c in children for r in _math_runs(c, level)]


def _runs(node) -> list[Run]:
    runs: list[Run] = [(node.text or "", "")]
    for child in node:
        if child.tag == "math":
            runs += _math_runs(child, "")
        elif child.tag not in ("script", "style"):
            runs += _runs(child)
        runs.append((child.tail or "", ""))
    return runs


def rich_text(fragment: str) -> list[Run]:
    """An HTML fragment as runs of text: whitespace collapsed, the desktop copy's panel
    words (as ``gallery._text`` reads them), formulas with their indices and powers."""
    root = lxml.html.fragment_fromstring(panel_words.desktop_words(fragment), create_parent="div")
    merged: list[list[str]] = []
    for text, level in _runs(root):
        if merged and merged[-1][1] == level:
            merged[-1][0] += text
        elif text:
            merged.append([text, level])
    out: list[Run] = []
    for n, (text, level) in enumerate(merged):
        text = re.sub(r"\s+", " ", text)
        text = re.sub(r"\s+([,.;:)])", r"\1", re.sub(r"\(\s+", "(", text))
        if n == 0:
            text = text.lstrip()
        if n == len(merged) - 1:
            text = text.rstrip()
        if level:
            text = text.strip()
        if text:
            out.append((text, level))
    return out


def plain(runs: list[Run]) -> str:
    """The runs' text without their levels: what a line count or the speaker notes read."""
    return "".join(text for text, _ in runs)


def page_table(runs: list[Run]) -> list[Run]:
    """A caption's or question's "the table" pointed at the page: the deck does not carry
    the page's tables, so on a slide "the table" would point at nothing."""
    return [
        (THE_TABLE.sub(lambda m: f"{m[1]}he page's table's" if m[2] else f"{m[1]}he table on the page", text), level)
        for text, level in runs
    ]
