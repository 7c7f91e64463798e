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


def test_the_figure_check_reads_compacted_path_data(browser, tmp_path):
    """figure_check.py's path reader against what nn_site/engine/svg.py writes: moves
    (M, and m after a close), line steps with their letter given once, closes (z)."""
    from nn_site.engine import svg as svg_compact

    from .figure_check import SVG_JS

    d = svg_compact.compact('<path d="M 10 10 L 20 10 L 20 20 z M 40 10 L 50 10 L 50 30"/>')
    assert 'd="M10 10l10 0 0 10zm30 0l10 0 0 20"' in d
    svg = tmp_path / "figure.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">'
                   f'<g id="line2d_1">{d}</g></svg>')
    page = browser.new_page(viewport={"width": 200, "height": 200})
    try:
        page.goto(svg.as_uri())
        segments = [tuple(round(v) for v in s[:4]) for s in page.evaluate(SVG_JS)["segments"]]
    finally:
        page.close()
    assert segments == [(10, 10, 20, 10), (20, 10, 20, 20), (20, 20, 10, 10),
                        (40, 10, 50, 10), (50, 10, 50, 30)]
