"""The explorables in a real browser: they show what the Python snippets print.

Neuron playground: its defaults print exactly what snippets/artificial_neuron/
forward_pass.py prints, each activation gives what snippets/playground/activations.py
prints, and one keyboard step of a slider moves z by the step times the matching
weight or input. Spiking playground: the JavaScript LIF fires at the spike times of
snippets/integrate_and_fire/lif.py. Both: keyboard-operable labelled controls, an
aria-live region, palette-aware colours, the static figure without JavaScript, no
console errors and no request to another host.
"""

from __future__ import annotations

import json

import pytest

from conftest import (  # tests/conftest.py (tests/browser is a package)
    load_snippet,
    run_snippet,
)

lif = load_snippet("integrate_and_fire/lif.py")
pytestmark = pytest.mark.browser

# The figure palette (snippets/site.mplstyle) and its dark pairs (nn_site/engine/palette.py), as rgb().
C3_LIGHT, C3_DARK = "rgb(204, 121, 167)", "rgb(233, 166, 203)"


def open_page(page, base_url: str, name: str):
    """Load a playground page, collecting console errors and requests to other hosts."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: None if r.url.startswith(base_url) or r.url.startswith("data:")
            else problems.append(f"request to another host: {r.url}"))
    # After ``load`` (goto's default), every request the page makes on its own has been made
    # and the widgets have mounted (on DOMContentLoaded). "networkidle" would add 0.5 s of
    # waiting to each of these two dozen tests.
    page.goto(f"{base_url}{name}/")
    return problems


def z_of(page) -> float:
    return float(page.locator("#nn-neuron").get_attribute("data-z"))


@pytest.fixture
def neuron(page, base_url):
    problems = open_page(page, base_url, "playground")
    page.locator("#nn-neuron").wait_for(state="visible")
    yield page
    assert problems == []


@pytest.fixture
def spiking(page, base_url):
    problems = open_page(page, base_url, "spiking-playground")
    page.locator("#nn-lif").wait_for(state="visible")
    yield page
    assert problems == []


def test_defaults_print_what_forward_pass_prints(neuron):
    expected = run_snippet("artificial_neuron/forward_pass.py")
    assert expected.returncode == 0, expected.stderr
    assert neuron.locator("#nn-neuron-printout").inner_text().strip() == expected.stdout.strip()
    assert neuron.locator("#nn-neuron-z").inner_text() == "z = 0.96"
    assert neuron.locator("#nn-neuron-y").inner_text() == "y = sigmoid(z) = 0.7231"
    assert z_of(neuron) == pytest.approx(0.96, abs=1e-12)


def test_each_activation_prints_what_the_snippet_prints(neuron):
    printed = run_snippet("playground/activations.py").stdout.splitlines()
    lines = {line.split("(")[0].removeprefix("y = "): line for line in printed if line.startswith("y = ")}
    assert set(lines) == {"step", "sigmoid", "tanh", "relu"}
    for name, line in lines.items():
        neuron.select_option("#nn-neuron-f", name)
        shown = neuron.locator("#nn-neuron-printout").inner_text().strip().splitlines()
        assert shown[-2] == printed[0]            # z does not depend on the activation
        assert shown[-1] == line


@pytest.mark.parametrize("slider, partner, step", [
    ("x1", "w1", 0.1), ("x2", "w2", 0.1), ("w2", "x2", 0.1), ("w3", "x3", 0.1), ("b", None, 0.01),
])
def test_arrow_key_moves_z_by_step_times_partner(neuron, slider, partner, step):
    """dz/dx_i = w_i, dz/dw_i = x_i, dz/db = 1: one keyboard step changes z by step x partner."""
    partner_value = 1.0 if partner is None else float(neuron.locator(f"#nn-neuron-{partner}").input_value())
    before_value = float(neuron.locator(f"#nn-neuron-{slider}").input_value())
    before = z_of(neuron)
    neuron.focus(f"#nn-neuron-{slider}")
    neuron.keyboard.press("ArrowRight")
    assert float(neuron.locator(f"#nn-neuron-{slider}").input_value()) == pytest.approx(before_value + step)
    after = z_of(neuron)
    assert after - before == pytest.approx(step * partner_value, abs=1e-9)
    # The readout shows the new z (a multiple of 0.01, so two decimals are exact).
    assert neuron.locator("#nn-neuron-z").inner_text() == f"z = {after:.2f}"
    # The slider's own value display follows too.
    shown = neuron.locator(f"#nn-neuron-{slider}-value").inner_text()
    assert float(shown.replace("\u2212", "-")) == pytest.approx(before_value + step)


def test_output_half_at_zero_and_reset(neuron):
    """The first guided question: bias -0.86 puts z at 0, where the sigmoid gives 0.5."""
    neuron.locator("#nn-neuron-b").fill("-0.86")
    assert neuron.locator("#nn-neuron-z").inner_text() == "z = 0.00"
    assert neuron.locator("#nn-neuron-y").inner_text() == "y = sigmoid(z) = 0.5000"
    neuron.select_option("#nn-neuron-f", "step")
    assert neuron.locator("#nn-neuron-y").inner_text() == "y = step(z) = 1.0000"
    neuron.get_by_role("button", name="Back to the worked example").click()
    assert neuron.locator("#nn-neuron-y").inner_text() == "y = sigmoid(z) = 0.7231"


@pytest.mark.parametrize("name, widget", [("playground", "nn-neuron"),
                                          ("spiking-playground", "nn-lif")])
def test_controls_are_labelled_and_announced(page, base_url, name, widget):
    problems = open_page(page, base_url, name)
    root = page.locator(f"#{widget}")
    root.wait_for(state="visible")
    controls = root.locator("input, select")
    assert controls.count() >= 1
    for i in range(controls.count()):
        assert controls.nth(i).evaluate("c => c.labels.length") == 1
    assert root.locator("[aria-live='polite']").count() == 1
    duplicates = page.evaluate("""() => {
        const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
        return ids.filter((id, i) => ids.indexOf(id) !== i);
    }""")
    assert duplicates == []
    for svg in root.locator("svg[role='img']").all():
        assert len(svg.get_attribute("aria-label")) > 40
    # The live region says the result once the control rests.
    control = controls.first
    control.focus()
    page.keyboard.press("ArrowRight")
    expect_text = root.locator("[aria-live='polite']")
    expect_text.wait_for(state="attached")
    page.wait_for_function(f"document.querySelector('#{widget} [aria-live]').textContent.length > 10")
    assert problems == []


@pytest.mark.parametrize("current", [1.5, 2.5, 3.0, 5.0])
def test_lif_spikes_match_python(spiking, current):
    spiking.locator("#nn-lif-i").fill(str(current))
    root = spiking.locator("#nn-lif")
    assert float(root.get_attribute("data-current")) == current
    _, _, expected = lif.simulate(lambda t: current, 1000.0)
    shown = json.loads(root.get_attribute("data-spike-times"))
    # The brief's tolerance is one spike in the one-second window; the Euler steps are the
    # same floating-point operations, so the spike times agree exactly.
    assert abs(int(root.get_attribute("data-spikes")) - len(expected)) <= 1
    assert shown == pytest.approx(list(expected), abs=1e-6)
    text = spiking.locator("#nn-lif-rate").inner_text()
    assert f"spikes in the first second: {len(expected)}, rate {len(expected)}\u202fHz" in text
    # The ticks drawn on the trace are the spikes of its 200-ms window.
    ticks = [float(t) for t in root.locator("line.nn-spike").evaluate_all("ls => ls.map(l => l.dataset.t)")]
    assert ticks == pytest.approx([t for t in expected if t <= 200.0], abs=1e-6)


def test_rheobase_by_keyboard(spiking):
    """The guided question: from 2.00 nA one ArrowRight step (0.01 nA) makes it fire."""
    slider = spiking.locator("#nn-lif-i")
    slider.fill("1.8")
    assert "settles 2.0\u202fmV under" in spiking.locator("#nn-lif-isi").inner_text()   # at -52 mV
    slider.fill("2")
    root = spiking.locator("#nn-lif")
    assert root.get_attribute("data-spikes") == "0"
    assert "never reaches" in spiking.locator("#nn-lif-isi").inner_text()
    slider.focus()
    spiking.keyboard.press("ArrowRight")
    assert float(root.get_attribute("data-current")) == pytest.approx(2.01)
    assert root.get_attribute("data-spikes") == str(len(lif.simulate(lambda t: 2.01, 1000.0)[2])) == "19"


def test_relu_is_the_chord_to_10_nA(spiking):
    slope = float(spiking.locator("#nn-lif").get_attribute("data-relu-slope"))
    assert slope == pytest.approx(len(lif.simulate(lambda t: 10.0, 1000.0)[2]) / 8.0)


@pytest.mark.parametrize("name", ["playground", "spiking-playground"])
def test_colours_follow_the_palette(browser, base_url, name):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    try:
        problems = open_page(page, base_url, name)
        page.locator(".nn-explorable").wait_for(state="visible")
        curve = page.locator(".nn-explorable svg .nn-curve").first
        threshold_class = ".nn-activation" if name == "playground" else ".nn-threshold"
        mark = page.locator(f".nn-explorable svg {threshold_class}").first
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        stroke = mark.evaluate("e => getComputedStyle(e).stroke")
        assert stroke == C3_DARK
        ink_dark = page.locator(".nn-explorable svg text").first.evaluate("e => getComputedStyle(e).fill")
        # The palette toggle only changes the body attribute: the plots restyle without a redraw.
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'default')")
        assert mark.evaluate("e => getComputedStyle(e).stroke") == C3_LIGHT
        ink_light = page.locator(".nn-explorable svg text").first.evaluate("e => getComputedStyle(e).fill")
        assert ink_light != ink_dark
        assert curve.is_visible()
        assert problems == []
    finally:
        context.close()


@pytest.mark.parametrize("name, snippet", [("playground", "playground-activations"),
                                           ("spiking-playground", "spiking-playground-lif-vs-relu")])
def test_without_javascript_the_static_figure_remains(browser, base_url, name, snippet):
    context = browser.new_context(java_script_enabled=False, color_scheme="light")
    page = context.new_page()
    try:
        page.goto(f"{base_url}{name}/")
        assert page.locator(".nn-explorable").is_hidden()
        figure = page.locator(f"#fig-{snippet}")
        assert figure.is_visible()
        image = figure.locator("img").first
        assert image.evaluate("i => i.complete && i.naturalWidth > 0")
    finally:
        context.close()


def test_where_the_spiking_playground_runs_its_static_figure_is_left_to_print(spiking):
    """Visual review 5: the snippet's figure of the playground at 3 nA repeated, just below
    it, what the playground shows. Where the playground runs, the figure is not on screen;
    on paper (print media) it is, as it is without JavaScript (the test above)."""
    figure = spiking.locator("#fig-spiking-playground-lif-vs-relu")
    assert spiking.locator("#nn-lif").is_visible()
    assert figure.count() == 1 and figure.is_hidden()
    assert spiking.locator("#fig-spiking-playground-lif-vs-relu + details.listing").is_visible()  # the code stays
    spiking.emulate_media(media="print")
    try:
        assert figure.is_visible()
        assert figure.locator("img").first.evaluate("i => i.getBoundingClientRect().width > 200")
    finally:
        spiking.emulate_media(media="screen")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["playground", "spiking-playground"])
def test_axe_finds_no_violations_in_the_widget(browser, base_url, name, scheme):
    """axe-core (bundled by axe-playwright-python): labels, contrast, ARIA, in both palettes."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        open_page(page, base_url, name)
        page.locator(".nn-explorable").wait_for(state="visible")
        violations = Axe().run(page, context={"include": [[".nn-explorable"]]}).response["violations"]
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
    finally:
        context.close()


# Currents whose readouts differ most in wording and length: below the rheobase (settles
# under threshold), at it (creeps, never reaches), few spikes (no steady interval), and
# steady firing with one-, two- and three-digit rates.
READOUT_CURRENTS = ["0", "1.8", "2", "2.01", "2.5", "3", "5", "9.99", "10", "0.5"]


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_playing_with_the_current_never_moves_the_page(browser, base_url, width):
    """While the reader moves the current, the readout changes its wording; the page below
    it must not move (it jumped 29 px at 390 px when a line wrapped)."""
    phone = width < 600
    context = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    try:
        problems = open_page(page, base_url, "spiking-playground")
        page.locator("#nn-lif").wait_for(state="visible")
        tops = {}
        for current in READOUT_CURRENTS:
            page.locator("#nn-lif-i").fill(current)
            tops[current] = page.evaluate(
                """() => { let next = document.querySelector('#nn-lif').nextElementSibling;
                           while (next.tagName === 'SCRIPT') next = next.nextElementSibling;
                           return next.getBoundingClientRect().top + window.scrollY; }"""
            )
        assert max(tops.values()) - min(tops.values()) == 0, f"the text below the playground moved: {tops}"
        # The readout's last line shows the longest wording in full, not clipped.
        assert page.locator("#nn-lif-isi").evaluate("e => e.scrollHeight <= e.clientHeight + 1")
        assert problems == []
    finally:
        context.close()


LIVE_PLOTS = {"playground": "#nn-neuron", "spiking-playground": "#nn-lif", "biology-back": "#nn-bioback"}


def live_context(browser, width: int):
    """A context ``width`` px wide (below 600 px a touch phone) and its page."""
    phone = width < 600
    context = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=phone, has_touch=phone)
    return context, context.new_page()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", sorted(LIVE_PLOTS))
def test_live_plot_text_is_set_like_the_static_figures(browser, base_url, name, width):
    """A live plot's text is the static figures' font at their size: DejaVu Sans (the
    site's subset, or the system's own), 16 CSS px at 1280 and at 390 px (a figure's
    12-pt text on a desktop; a phone figure's is 15.8 px). It was the system sans at
    12 px on a phone. Every text stays inside its plot (a key ran past the right edge)."""
    context, page = live_context(browser, width)
    try:
        problems = open_page(page, base_url, name)
        page.locator(LIVE_PLOTS[name]).wait_for(state="visible")
        page.evaluate("document.fonts.ready")
        texts = page.evaluate(
            """() => [...document.querySelectorAll('.nn-plot')].flatMap(svg => {
                 const box = svg.getBoundingClientRect(), scale = box.width / svg.viewBox.baseVal.width;
                 return [...svg.querySelectorAll('text')].map(t => {
                   const r = t.getBoundingClientRect(), style = getComputedStyle(t);
                   return {text: t.textContent, px: parseFloat(style.fontSize) * scale, family: style.fontFamily,
                           inside: r.left >= box.left - 1 && r.right <= box.right + 1};
                 });
               })"""
        )
        assert texts, f"{name}: no live plot text"
        for t in texts:
            assert 15.5 <= t["px"] <= 16.5, f"{name} at {width} px: {t['text']!r} is {t['px']:.1f} px, not 16"
            assert t["family"].startswith('"NN Figure Sans"'), f"{name}: {t['text']!r} set in {t['family']}"
            assert t["inside"], f"{name} at {width} px: {t['text']!r} runs past the plot"
        assert page.evaluate("document.fonts.check('12px \"NN Figure Sans\"')"), "the figure font did not load"
        assert problems == []
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", sorted(LIVE_PLOTS))
def test_sliders_captions_and_subscripts_as_a_reader_needs_them(browser, base_url, name, width):
    """Issue 29, "Reading 2": a slider is a finger's target (the native track was 16 px):
    24 px high at least, 44 px on a phone; a live plot is captioned as a static figure is,
    "Figure 1a (live)." in bold and the text upright (it was unnumbered italic); a
    subscript in a live plot is at least 11 px (it was 9)."""
    context, page = live_context(browser, width)
    try:
        problems = open_page(page, base_url, name)
        page.locator(LIVE_PLOTS[name]).wait_for(state="visible")
        heights = page.evaluate(
            "() => [...document.querySelectorAll('.nn-controls input[type=range]')]"
            ".map(e => e.getBoundingClientRect().height)"
        )
        assert heights and min(heights) >= (44 if width < 600 else 24), f"{name} at {width} px: sliders {heights}"
        static = page.evaluate(
            "n => document.getElementById('fig-' + document.querySelector(n).dataset.staticFigure"
            ".replace(/[_/]/g, '-')).querySelector('.caption-number').textContent",
            LIVE_PLOTS[name],
        )
        captions = page.evaluate(
            """() => [...document.querySelectorAll('.nn-plots figcaption')].map(c => {
                 const n = c.querySelector('.caption-number');
                 return {number: n && n.textContent, weight: n && getComputedStyle(n).fontWeight,
                         style: getComputedStyle(c).fontStyle, text: c.textContent};
               })"""
        )
        assert captions
        letters = "abcdefgh" if len(captions) > 1 else [""] * len(captions)
        for caption, letter in zip(captions, letters):
            assert caption["number"] == static.rstrip(".") + letter + " (live).", caption
            assert int(caption["weight"]) >= 700 and caption["style"] == "normal", caption
            assert len(caption["text"]) > len(caption["number"]) + 20, caption
        subscripts = page.evaluate(
            """() => [...document.querySelectorAll('.nn-plot tspan[dy]')].map(t => {
                 const svg = t.ownerSVGElement, scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                 return {text: t.textContent, units: parseFloat(getComputedStyle(t).fontSize),
                         px: parseFloat(getComputedStyle(t).fontSize) * scale};
               })"""
        )
        for sub in subscripts:
            assert sub["units"] >= 11 and sub["px"] >= 11, f"{name} at {width} px: subscript {sub}"
        assert problems == []
    finally:
        context.close()
