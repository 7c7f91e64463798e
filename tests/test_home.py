"""The home page (docs/index.md) and its hero figure (snippets/home/at_a_glance.py): the
figure puts the threshold where the site says spikes start, shows every part it draws, and
the page's claims about its scripts hold for every snippet."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # the snippet calls plt.show(); headless, that draws nothing

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Circle, Polygon  # noqa: E402

from helpers import ROOT, SNIPPETS, load_snippet  # noqa: E402

INDEX = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hero():
    module = load_snippet("home/at_a_glance.py")
    yield module
    plt.close(module.fig)


def _same_colour(artist_colour, cycle_name: str) -> bool:
    return to_rgba(artist_colour) == to_rgba(cycle_name)


def _bio_extent(hero):
    """Data-space corners of everything drawn in the biological panel (lines and patches)."""
    xs, ys = [], []
    for line in hero.bio.lines:
        if line.get_transform() == hero.bio.transData:  # not the mapping lines (axes fraction)
            x, y = line.get_data()
            xs += list(x)
            ys += list(y)
    for patch in hero.bio.patches:
        box = patch.get_extents().transformed(hero.bio.transData.inverted())
        xs += [box.x0, box.x1]
        ys += [box.y0, box.y1]
    return min(xs), max(xs), min(ys), max(ys)


def test_the_whole_neuron_is_inside_its_panel(hero):
    # a dendrite tip once ended at x = -0.29, outside xlim(0, 5), and was cut off
    left, right, bottom, top = _bio_extent(hero)
    x0, x1 = hero.bio.get_xlim()
    y0, y1 = hero.bio.get_ylim()
    assert x0 <= left and right <= x1, (left, right)
    assert y0 <= bottom and top <= y1, (bottom, top)


def test_the_threshold_is_labelled_at_the_axon_initial_segment(hero):
    labels = [" ".join(t.get_text().split()) for t in hero.bio.texts]  # wrapped to stay off the edge
    assert any("axon initial segment" in t and "threshold" in t for t in labels), labels
    assert not any("hillock" in t for t in labels), labels


def test_the_threshold_row_crosses_the_segment_beyond_the_taper(hero):
    row = hero.ROWS["initial segment"]
    tapers = [p for p in hero.bio.patches if isinstance(p, Polygon) and _same_colour(p.get_facecolor(), "C3")]
    assert len(tapers) == 1
    taper_bottom = tapers[0].get_xy()[:, 1].min()
    segments = [line for line in hero.bio.lines if isinstance(line, Line2D)
                and line.get_transform() == hero.bio.transData and _same_colour(line.get_color(), "C3")]
    assert segments, "no reddish-purple initial segment drawn beyond the hillock"
    (_, _), (low, high) = segments[0].get_data()[0], sorted(segments[0].get_data()[1])
    assert high <= taper_bottom + 0.05, "the segment should start where the taper ends"
    assert low < row < high, f"threshold row {row} is not on the initial segment ({low}–{high})"


def test_synapses_sit_on_the_dendrites_level_with_the_weights(hero):
    dots = [p for p in hero.bio.patches if isinstance(p, Circle) and _same_colour(p.get_facecolor(), "C1")]
    assert len(dots) == 4
    assert all(dot.center[1] == pytest.approx(hero.ROWS["synapses"]) for dot in dots)
    assert "synapse dots along them level with the weights" in INDEX


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_every_snippet_needs_only_numpy_matplotlib_and_its_own_folder():
    # the home page says so: "it needs only numpy and matplotlib (a few import a helper
    # module from their own folder ...)"
    assert "needs only numpy and matplotlib (a few import a" in re.sub(r"\s+", " ", INDEX)
    allowed = {"numpy", "matplotlib", "__future__"} | set(sys.stdlib_module_names)
    helpers_used = 0
    for path in sorted(SNIPPETS.rglob("*.py")):
        siblings = {p.stem for p in path.parent.glob("*.py")}
        for name in _imports(path) - allowed:
            assert name in siblings, f"{path.relative_to(ROOT)} imports {name}, neither numpy, matplotlib, " \
                                     "the standard library nor a module in its folder"
            helpers_used += 1
    assert helpers_used > 0  # otherwise the page's "a few import a helper module" is wrong


@pytest.mark.parametrize("promise, link", [
    ("XOR three ways", "xor.md"),
    ("drive a spiking neuron", "spiking-playground.md"),
    ("leaky integrate-and-fire neuron", "integrate-and-fire.md"),
    ("looks like a ReLU", "rates-and-activations.md"),
    ("energy and scale", "scale-and-energy.md"),
])
def test_each_start_here_card_links_the_page_it_promises(promise, link):
    cards = INDEX.split("## Start here", 1)[1].split("\n## ", 1)[0].split("\n-   ")
    card = next(c for c in cards if promise in re.sub(r"\s+", " ", c))
    assert f"]({link})" in card, card


def _keys(ax):
    """{number: colour} of the numbered discs of a panel (annotations boxed in a colour)."""
    return {t.get_text(): to_rgba(t.get_bbox_patch().get_facecolor()) for t in ax.texts
            if t.get_text().isdigit() and t.get_bbox_patch() is not None}


def test_each_part_and_its_counterpart_carry_the_same_numbered_disc(hero):
    # The panels sit side by side on a desktop and one above the other on a phone: lines
    # across the gap between them once stopped at the panels' edges and, stacked, pointed
    # nowhere. Matching keys hold on both layouts.
    expected = {str(n): to_rgba(hero.COLOUR[part]) for part, n in hero.KEY.items()}
    assert len(expected) == 5
    assert _keys(hero.bio) == expected
    assert _keys(hero.art) == expected
    assert not [line for ax in (hero.bio, hero.art) for line in ax.lines
                if line.get_transform() != ax.transData], "a line drawn towards the panel's edge"
    assert "carry the same numbered disc, 1 to 5, in the same colour" in INDEX
    assert "point" not in INDEX.split("caption: The comparison at a glance.", 1)[1].split("\n", 1)[0]
