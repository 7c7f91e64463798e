"""Captions that name panels by position read right on a phone, where the panels are
stacked (nn_site/pages/panel_words.py), and only panel names are paired."""

from __future__ import annotations

import re

from nn_site.pages.panel_words import for_both_layouts


def _as_phone(html: str) -> str:
    return re.sub(r"<[^>]+>", "", re.sub(r'<span class="panel-wide">[^<]*</span>', "", html))


def _as_desktop(html: str) -> str:
    return re.sub(r"<[^>]+>", "", re.sub(r'<span class="panel-phone">[^<]*</span>', "", html))


def test_panel_names_become_top_middle_bottom_on_a_phone():
    caption = "Left, the voltage; right, the current. Middle: the rate. Input (left) and output (right)."
    html = for_both_layouts(caption)
    assert _as_desktop(html) == caption
    assert _as_phone(html) == "Top, the voltage; bottom, the current. Middle: the rate. Input (top) and output (bottom)."


def test_dashes_after_a_panel_name_count_too():
    assert _as_phone(for_both_layouts("Left \u2013 closed form. Right - simulation.")) == (
        "Top \u2013 closed form. Bottom - simulation."
    )


def test_other_uses_of_the_words_stay():
    for caption in ("Peak voltage (squares, right axis) grows.", "The trace left at the time of the spike.",
                    "It shifts the curve right, then left.", '<a href="#left">Left, see</a> x.',
                    '<math><mi>left</mi></math>, x'):
        assert for_both_layouts(caption) == caption, caption


def test_built_captions_pair_only_figures_with_a_phone_layout(site):
    html = (site / "third-factor" / "index.html").read_text(encoding="utf-8")
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", html, re.S)
    paired = [c for c in captions if "panel-phone" in c]
    assert paired, "third-factor's captions name panels (Left/Right) but none is paired"
    for caption in paired:
        assert caption.count('class="panel-wide"') == caption.count('class="panel-phone"')
