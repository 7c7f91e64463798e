"""A gallery card's caption and credit line are plain text made from the caption's HTML
(nn_site/publish/gallery.py): the desktop copy's panel words, formulas as they read."""

from __future__ import annotations

from nn_site.pages import panel_words
from nn_site.pages.mathml import to_mathml
from nn_site.publish.gallery import _text


def test_panel_words_are_the_desktop_copys_only():
    html = panel_words.for_both_layouts("Left, the loss; right, the weights (middle).")
    assert _text(html) == "Left, the loss; right, the weights (middle)."


def test_a_formula_reads_as_written_with_its_power():
    html = (
        "Descent on "
        + to_mathml("L(w) = (w - 3)^2", display="inline")
        + ", from "
        + to_mathml("w = -1", display="inline")
        + "."
    )
    assert _text(html) == "Descent on L(w) = (w−3)², from w = −1."
