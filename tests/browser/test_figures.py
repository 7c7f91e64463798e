"""Every figure of the built site is legible at 1280 px and at 390 px, light and dark
(issue 13): text size as rendered, nothing cut at the figure edge, no data over a
legend or a label, no two labels on top of each other. How it measures: figure_check.py."""

from __future__ import annotations

import pytest

from .figure_check import MIN_PX, report

pytestmark = pytest.mark.browser


def test_every_figure_is_legible_at_both_widths_in_both_palettes(browser, base_url, site, quality_summary):
    figures, smallest, problems = report(browser, base_url, site)
    assert len(figures) >= 30, f"only {len(figures)} figures found under site/figures/"
    assert set(smallest) == {(w, s) for w in MIN_PX for s in ("default", "slate")}, smallest
    quality_summary["figures measured"] = len(figures)
    for (width, scheme), (px, _) in smallest.items():
        quality_summary[f"min figure text px @{width} {scheme}"] = round(px, 1)
    assert not problems, f"{len(problems)} figure problem(s):\n" + "\n".join(problems)


def test_figures_reserve_their_space_and_load_lazily(site):
    """Each figure image has width and height (no layout shift) and loads lazily."""
    import re

    problems = []
    for html in sorted(site.rglob("index.html")):
        # The print page loads every image at once (mkdocs-print-site drops lazy loading
        # so that a printout has them all); it keeps the sizes.
        lazy = not html.parent.name == "print_page"
        for img in re.findall(r'<img [^>]*\.svg#only-(?:light|dark)"[^>]*>', html.read_text(encoding="utf-8")):
            if not re.search(r'\bwidth="\d+"', img) or not re.search(r'\bheight="\d+"', img) \
                    or (lazy and 'loading="lazy"' not in img):
                problems.append(f"{html.relative_to(site)}: {img[:120]}")
    assert not problems, "figures without size or lazy loading:\n" + "\n".join(problems[:10])
