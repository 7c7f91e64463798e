"""The "Add the biology back" explorable in a real browser.

Parity: for every pair of training toggles and a grid of inference settings (spikes or
rates, window, release probability, cap), the JavaScript's predictions and spike counts
on the 400 test points equal those of snippets/biology_back/network.py's infer() exactly,
with the weights of the data file both load; so do the decision regions on the grid.
Then the widget itself: its defaults show the table network.py prints, the toggles work
from the keyboard and pick the right network, the controls are labelled and announced,
nothing below it moves while the reader plays, its colours follow the palette, axe finds
nothing, the static figure stands in without JavaScript, and it makes no request to
another host and logs no error.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.browser.test_explorables import open_page
from tests.test_biology_back import shipped

from conftest import load_snippet  # tests/conftest.py (tests/browser is a package)

network = load_snippet("biology_back/network.py")
pytestmark = pytest.mark.browser
DATA = shipped()
WIDGET = "#nn-bioback"

# (spikes, window ms, release, p, budget, cap): each inference toggle alone and combined,
# short and long windows, low and high release probabilities, tight and loose caps.
SETTINGS = [
    (False, 100, False, 0.25, False, 10),
    (False, 100, True, 0.25, False, 10),
    (False, 50, False, 0.25, True, 4),
    (False, 200, True, 0.6, True, 30),
    (True, 5, False, 0.25, False, 10),
    (True, 100, False, 0.25, False, 10),
    (True, 200, True, 0.9, False, 10),
    (True, 100, True, 0.25, False, 10),
    (True, 50, False, 0.25, True, 3),
    (True, 100, True, 0.25, True, 10),
    (True, 200, True, 0.05, True, 60),
]


def js_settings(spikes, window_ms, release, p, budget, cap) -> dict:
    return {"spikes": spikes, "windowMs": window_ms, "release": release, "p": p, "budget": budget, "cap": cap}


def py_settings(spikes, window_ms, release, p, budget, cap) -> dict:
    return {"spikes": spikes, "window_ms": window_ms, "release": release, "p": p, "budget": budget, "cap": cap}


@pytest.fixture
def widget(page, base_url):
    problems = open_page(page, base_url, "biology-back")
    page.locator(WIDGET).wait_for(state="visible")
    yield page
    assert problems == []


@pytest.mark.parametrize("key", list(network.VARIANTS))
def test_javascript_inference_equals_python_exactly(widget, key):
    net = DATA["nets"][key]
    points = np.asarray(DATA["test"]["x"])
    for setting in SETTINGS:
        js = widget.evaluate(
            "([key, s]) => { const d = window.NNBioBackData;"
            " return NNBioBack.infer(d, d.nets[key], d.test.x, s, d.constants.TEST_SEED); }",
            [key, js_settings(*setting)])
        predicted, spikes = network.infer(net, points, seed=network.TEST_SEED, **py_settings(*setting))
        assert js["predicted"] == predicted.tolist(), (key, setting)
        # Counts are whole numbers, expected counts (without spikes) the same doubles.
        assert js["spikes"] == spikes.tolist(), (key, setting)
        assert len(set(predicted.tolist())) == 2, "a setting whose answers are all one class tests little"


def test_decision_regions_equal_python(widget):
    g = DATA["grid"]
    grid = [[g["x"][0] + (g["x"][1] - g["x"][0]) * q / (g["n"] - 1), g["y"][0] + (g["y"][1] - g["y"][0]) * r / (g["n"] - 1)]
            for r in range(g["n"]) for q in range(g["n"])]
    for key, setting in [("bp", SETTINGS[0]), ("fa-dale", SETTINGS[9])]:
        js = widget.evaluate(
            "([key, pts, s]) => { const d = window.NNBioBackData;"
            " return NNBioBack.infer(d, d.nets[key], pts, s, d.constants.GRID_SEED).predicted; }",
            [key, grid, js_settings(*setting)])
        predicted, _ = network.infer(DATA["nets"][key], np.asarray(grid), seed=network.GRID_SEED, **py_settings(*setting))
        assert js == predicted.tolist()
    cells = widget.locator(f"{WIDGET} rect.nn-cell")
    assert cells.count() == g["n"] ** 2


def readout(page) -> tuple[str, str, str]:
    return tuple(page.locator(f"{WIDGET}-{name}").inner_text() for name in ("accuracy", "count", "energy"))


def expected_readout(key: str, settings: dict) -> tuple[str, str, str]:
    accuracy, spikes, energy = network.evaluate(DATA["nets"][key], np.asarray(DATA["test"]["x"]),
                                                np.asarray(DATA["test"]["y"]), **settings)
    word = "spikes" if settings.get("spikes") else "expected spikes"
    return (f"test accuracy {accuracy:.1f}\u202f%", f"{word} per inference {spikes:.1f}",
            f"energy per inference {energy / 1000:.2f}\u202fnJ")


def test_toggles_by_keyboard_pick_the_network_and_show_the_table(widget):
    root = widget.locator(WIDGET)
    assert root.get_attribute("data-network") == "bp"
    assert readout(widget) == expected_readout("bp", {})
    steps = [("dale", "bp-dale", {}), ("fa", "fa-dale", {}), ("spikes", "fa-dale", {"spikes": True}),
             ("release", "fa-dale", {"spikes": True, "release": True}),   # 72.25 %: a tie, shown as Python's 72.2
             ("budget", "fa-dale", {"spikes": True, "release": True, "budget": True}),
             ("dale", "fa", {"spikes": True, "release": True, "budget": True})]
    for control, key, settings in steps:
        widget.focus(f"{WIDGET}-{control}")
        widget.keyboard.press("Space")
        widget.wait_for_function(f"document.querySelector('{WIDGET}').dataset.network === '{key}'")
        widget.wait_for_function(
            f"document.querySelector('{WIDGET}-accuracy').textContent === {expected_readout(key, settings)[0]!r}")
        assert readout(widget) == expected_readout(key, settings), (control, key)
    # A slider by keyboard: one step of the window (5 ms) changes the spikes as Python says.
    widget.focus(f"{WIDGET}-window")
    widget.keyboard.press("ArrowLeft")
    settings = {"spikes": True, "release": True, "budget": True, "window_ms": network.DEFAULT_WINDOW_MS - 5}
    widget.wait_for_function(
        f"document.querySelector('{WIDGET}-accuracy').textContent === {expected_readout('fa', settings)[0]!r}")
    assert readout(widget) == expected_readout("fa", settings)


def test_sliders_are_disabled_while_their_toggle_is_off(widget):
    assert widget.locator(f"{WIDGET}-p").is_disabled() and widget.locator(f"{WIDGET}-cap").is_disabled()
    assert widget.locator(f"{WIDGET}-window").is_disabled()
    widget.locator(f"{WIDGET}-release").check()
    assert widget.locator(f"{WIDGET}-p").is_disabled(), "without spikes release is at its mean: p does nothing"
    widget.locator(f"{WIDGET}-spikes").check()
    assert widget.locator(f"{WIDGET}-window").is_enabled() and widget.locator(f"{WIDGET}-p").is_enabled()


def test_the_cap_is_labelled_as_an_expected_count(widget):
    """The budget caps the expected number of spikes; the counts drawn may exceed it."""
    cap = widget.locator(f"{WIDGET}-cap")
    assert cap.evaluate("c => c.labels[0].textContent") == "expected count at most"
    assert widget.locator(f"{WIDGET}-cap-value").text_content() == f"{network.DEFAULT_CAP}\u202fspikes"


def test_no_sideways_scroll_on_a_phone(widget):
    """The controls' labels and values fit a 390-px column."""
    widget.set_viewport_size({"width": 390, "height": 800})
    for control in ("spikes", "budget"):
        widget.locator(f"{WIDGET}-{control}").check()
    assert widget.evaluate("document.documentElement.scrollWidth") <= 390


def test_controls_are_labelled_and_announced(widget):
    root = widget.locator(WIDGET)
    controls = root.locator("input")
    assert controls.count() == 8
    for i in range(controls.count()):
        assert controls.nth(i).evaluate("c => c.labels.length") == 1
    assert root.locator("[aria-live='polite']").count() == 1
    assert len(root.locator("svg[role='img']").get_attribute("aria-label")) > 80
    widget.focus(f"{WIDGET}-spikes")
    widget.keyboard.press("Space")
    widget.wait_for_function(f"document.querySelector('{WIDGET} [aria-live]').textContent.includes('spikes')")


@pytest.mark.parametrize("width", [390, 1280])
def test_playing_never_moves_the_page(browser, base_url, width):
    phone = width < 600
    context = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    try:
        problems = open_page(page, base_url, "biology-back")
        page.locator(WIDGET).wait_for(state="visible")

        def below() -> float:
            return page.evaluate(
                f"""() => {{ let next = document.querySelector('{WIDGET}').nextElementSibling;
                           while (next.tagName === 'SCRIPT') next = next.nextElementSibling;
                           return next.getBoundingClientRect().top + window.scrollY; }}""")

        start = below()
        tops = []
        for control in ("dale", "fa", "spikes", "release", "budget", "spikes", "fa"):
            page.locator(f"{WIDGET}-{control}").click()
            page.wait_for_timeout(0)
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            tops.append(below())
        page.locator(f"{WIDGET}-window").fill("5")
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        tops.append(below())
        assert set(tops) == {start}, f"the text below the widget moved: {start} then {tops}"
        # Nothing in the widget is wider than the page.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert problems == []
    finally:
        context.close()


def test_colours_follow_the_palette(browser, base_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    try:
        problems = open_page(page, base_url, "biology-back")
        page.locator(WIDGET).wait_for(state="visible")
        dot = page.locator(f"{WIDGET} circle.nn-class-0").first
        assert dot.evaluate("e => getComputedStyle(e).fill") == "rgb(92, 179, 255)"      # C0, dark pair
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'default')")
        assert dot.evaluate("e => getComputedStyle(e).fill") == "rgb(0, 114, 178)"       # C0, light
        assert problems == []
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_the_widget(browser, base_url, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        open_page(page, base_url, "biology-back")
        page.locator(WIDGET).wait_for(state="visible")
        violations = Axe().run(page, context={"include": [[WIDGET]]}).response["violations"]
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
    finally:
        context.close()


def test_without_javascript_the_static_figure_remains(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{base_url}biology-back/")
        assert page.locator(WIDGET).is_hidden()
        figure = page.locator("#fig-biology-back-boundaries")
        assert figure.is_visible()
        assert figure.locator("img").first.evaluate("i => i.complete && i.naturalWidth > 0")
    finally:
        context.close()
