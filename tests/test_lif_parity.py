"""One model on several pages: every written-out copy of the LIF neuron equals lif.py.

snippets/integrate_and_fire/lif.py is the reference leaky integrate-and-fire neuron
(its constants, `simulate`, `rate_closed_form`). Snippets stay standalone scripts a
student can copy, so other pages write the model out again; each such copy is
registered in COPIES below, and this module checks, without a browser or a build:

(a) discovery: every file under snippets/, the code cells of docs/notebooks/ and
    docs/assets/explorables/ that assigns an LIF constant (E_L, V_RESET, V_TH, R, TAU,
    T_REF, DT in any case, as a variable, keyword, dict key or parameter default) is the
    reference, a registered copy, or in NOT_COPIES with the reason (another model's own
    E_L); a new copy fails here, naming its file, until it is registered;
(b) constants: every LIF constant a copy assigns equals lif.py's value exactly, and
    every parameter a copy's docstring states ("V_th = -50 mV") does too;
(c) behaviour: every copy that simulates gives lif.simulate's spike times (to 1e-9 ms)
    for constant currents over 1000 ms, with its extra terms (conductance, noise) set
    to zero, and, where it exposes V, lif.simulate's V at every step (exactly, or to
    1e-9 mV where it rounds in another order); every closed-form rate equals
    lif.rate_closed_form (relative 1e-12).

The Hodgkin-Huxley model has no copies (the other snippets of its page import
snippets/hodgkin_huxley/model.py); test_hodgkin_huxley_has_one_definition keeps it so.
"""

from __future__ import annotations

import ast
import functools
import json
import re
from pathlib import Path

import numpy as np
import pytest

from helpers import ROOT, load_snippet

lif = load_snippet("integrate_and_fire/lif.py")
hh = load_snippet("hodgkin_huxley/model.py")

REFERENCE = "snippets/integrate_and_fire/lif.py"

# Every place besides lif.py that writes out the LIF model or its constants, and what
# this module checks beyond its constants (and its docstring's stated parameters).
COPIES = {
    "snippets/rates_and_activations/fi_vs_relu.py": "closed form lif_rate",
    "snippets/rates_and_activations/spikes_vs_rate.py": "spike times of lif_spikes",
    "snippets/spiking_playground/lif_vs_relu.py": "spike times and V of simulate",
    "snippets/inhibition/balanced.py": "spike times and V of simulate (constant jumps); current_for_rate "
                                       "inverts the closed form",
    "snippets/inhibition/shunting.py": "spike times of simulate and closed form rate, both at g_i = 0",
    "snippets/noise/siegert.py": "its sigma -> 0 limit equals the closed form (it has no noiseless "
                                 "formula of its own)",
    "snippets/noise/noisy_fi.py": "spike counts of simulate_rates at sigma = 0; closed form closed_form_rate",
    "snippets/noise/reliability.py": "spike times of simulate at sigma = 0 (no intrinsic noise)",
    "snippets/synapses/conductance.py": "V of relax_conductance at g = 0 (it has no threshold)",
    "docs/notebooks/spiking-vs-rate.ipynb": "spike times and V of simulate_lif; closed form rate_closed_form",
    "docs/assets/explorables/spiking-playground.js": "spike times and V of window.NNLIF.simulate, run in QuickJS",
}

# Files that assign a name the LIF uses, for another model: not copies.
NOT_COPIES = {
    "snippets/hodgkin_huxley/model.py": "the Hodgkin-Huxley leak reversal E_L = -54.387 mV (and dt = 0.025 ms)",
    "snippets/excitability/morris_lecar.py": "the Morris-Lecar leak reversal E_L = -60 mV (and dt = 0.25 ms)",
}

LIF = {"E_L": lif.E_L, "V_RESET": lif.V_RESET, "V_TH": lif.V_TH, "R": lif.R,
       "TAU": lif.TAU, "T_REF": lif.T_REF, "DT": lif.DT}
# A literal assignment of these names makes a file a copy whatever the value (so a
# drifted copy is still found); the generic names count only with the LIF's value.
LIF_SPECIFIC = {"E_L", "V_RESET", "V_TH", "T_REF"}

HH = {"G_NA": hh.G_NA, "G_K": hh.G_K, "G_L": hh.G_L, "E_NA": hh.E_NA, "E_K": hh.E_K,
      "E_L": hh.E_L, "C_M": hh.C_M}
HH_SPECIFIC = {"G_NA", "E_NA"}

CURRENTS = (0.0, 1.5, 2.0, 2.01, 2.1, 2.5, 3.0, 5.0, 10.0, 1000.0)   # nA
T_MAX = 1000.0                                                        # ms


@functools.cache
def reference(currents: tuple = CURRENTS):
    """lif.simulate for these constant currents over T_MAX: t, V (steps + 1, currents), spike times."""
    return lif.simulate(lambda t: np.array(currents), T_MAX)


# --- (a) discovery ------------------------------------------------------------------

def python_assignments(source: str) -> list[tuple[str, float]]:
    """(name, value) for every numeric literal bound to a name in `source`: assignments
    (also tuple unpacking, `E_L, V_TH = -70.0, -50.0`), keyword arguments
    (`dict(E_L=-60.0)`), string keys of dict literals and parameter defaults
    (`dt=0.1`). Names keep their case; comments and docstrings are not code."""
    found = []

    def number(node):
        try:
            value = ast.literal_eval(node)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return None
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    def bind(target, value):
        if isinstance(target, (ast.Tuple, ast.List)):
            values = value.elts if isinstance(value, (ast.Tuple, ast.List)) else [None] * len(target.elts)
            for t, v in zip(target.elts, values):
                bind(t, v)
        elif isinstance(target, ast.Name) and value is not None and number(value) is not None:
            found.append((target.id, number(value)))

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                bind(target, node.value)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and node.value is not None:
            bind(node.target, node.value)
        elif isinstance(node, ast.keyword) and node.arg:
            bind(ast.Name(node.arg), node.value)
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    bind(ast.Name(key.value), value)
        elif isinstance(node, ast.arguments):
            positional = node.posonlyargs + node.args
            for arg, default in zip(positional[len(positional) - len(node.defaults):], node.defaults):
                bind(ast.Name(arg.arg), default)
            for arg, default in zip(node.kwonlyargs, node.kw_defaults):
                bind(ast.Name(arg.arg), default)
    return found


def notebook_code(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


def js_assignments(source: str) -> list[tuple[str, float]]:
    """(name, value) for `name = number` (a `var` list or an assignment) and for
    `NAME: number` in an object (upper case only: `r: 6` is an SVG circle's radius)
    in JavaScript, comments removed."""
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)
    number = r"(-?\d+(?:\.\d*)?(?:e-?\d+)?)\b"
    return [(m[1], float(m[2])) for m in re.finditer(rf"\b([A-Za-z_]\w*)\s*=(?!=)\s*{number}", code)] + \
        [(m[1], float(m[2])) for m in re.finditer(rf"\b([A-Z_][A-Z0-9_]*)\s*:\s*{number}", code)]


def assignments(relative: str) -> list[tuple[str, float]]:
    path = ROOT / relative
    if path.suffix == ".ipynb":
        return python_assignments(notebook_code(path))
    if path.suffix == ".js":
        return js_assignments(path.read_text(encoding="utf-8"))
    return python_assignments(path.read_text(encoding="utf-8"))


def sources() -> list[str]:
    files = [*sorted((ROOT / "snippets").rglob("*.py")), *sorted((ROOT / "docs" / "notebooks").glob("*.ipynb")),
             *sorted((ROOT / "docs" / "assets" / "explorables").glob("*.js"))]
    return [p.relative_to(ROOT).as_posix() for p in files]


def model_constants(relative: str, model: dict, specific: set) -> list[tuple[str, float]]:
    """The constants of `model` that a file assigns (names matched case-insensitively),
    if it is a candidate copy: it assigns a model-specific name, or a generic one with
    the model's own value."""
    mine = [(name.upper(), value) for name, value in assignments(relative) if name.upper() in model]
    if any(name in specific or value == model[name] for name, value in mine):
        return mine
    return []


def test_every_copy_of_the_lif_model_is_registered():
    found = {f for f in sources() if model_constants(f, LIF, LIF_SPECIFIC)} - {REFERENCE}
    unregistered = sorted(found - set(COPIES) - set(NOT_COPIES))
    assert not unregistered, (
        f"{unregistered} assign(s) the LIF constants of {REFERENCE}: add each to COPIES in "
        "tests/test_lif_parity.py with a parity check (or to NOT_COPIES with the reason)")
    stale = sorted((set(COPIES) | set(NOT_COPIES)) - found)
    assert not stale, f"{stale} no longer assign LIF constants: remove them from the registry"


def test_hodgkin_huxley_has_one_definition():
    found = {f for f in sources() if model_constants(f, HH, HH_SPECIFIC)}
    assert found == {"snippets/hodgkin_huxley/model.py"}, (
        f"{sorted(found)}: the Hodgkin-Huxley constants are written out outside "
        "snippets/hodgkin_huxley/model.py; import it from that folder, or register the copy "
        "and test it the way tests/test_lif_parity.py tests the LIF copies")


# --- (b) constants ------------------------------------------------------------------

@pytest.mark.parametrize("copy", sorted(COPIES))
def test_constants_equal_the_reference(copy):
    constants = model_constants(copy, LIF, LIF_SPECIFIC)
    assert constants, f"{copy}: no LIF constants found"
    for name, value in constants:
        assert value == LIF[name], f"{copy}: {name} = {value:g}, {REFERENCE} has {LIF[name]:g}"


# Parameters as a docstring states them: "V_th = -50 mV", "tau_m = 10 ms", "dt = 0.1 ms".
STATED = {"E_L": r"E_L", "V_RESET": r"V_reset", "V_TH": r"V_th", "R": r"R", "TAU": r"tau(?:_m)?",
          "T_REF": r"t_ref", "DT": r"dt"}


@pytest.mark.parametrize("copy", sorted(c for c in COPIES if c.endswith(".py")))
def test_docstring_states_the_reference_parameters(copy):
    """What a copy's docstring says of "the site's" or "the integrate-and-fire page's"
    parameters is what lif.py uses (a docstring need not state them all)."""
    doc = ast.get_docstring(ast.parse((ROOT / copy).read_text(encoding="utf-8"))) or ""
    for name, pattern in STATED.items():
        for match in re.finditer(rf"(?<![\w/]){pattern} = (-?\d+(?:\.\d+)?) (?:mV|ms|MOhm)\b", doc):
            assert float(match[1]) == LIF[name], f"{copy}: its docstring says {match[0]}"


# --- (c) behaviour: spike times -----------------------------------------------------

def spikes_vs_rate(currents):
    module = load_snippet("rates_and_activations/spikes_vs_rate.py")
    times = []
    for i in currents:
        module.current = lambda t, i=i: i          # the snippet's sine input, replaced by a constant
        times.append(module.lif_spikes(T_MAX))
    return times


def lif_vs_relu(currents):
    return load_snippet("spiking_playground/lif_vs_relu.py").simulate(currents, T_MAX)[2]


def balanced(currents):
    # Its input is a voltage jump per step, so constant current I is the jump dt/tau R I,
    # as in the snippet's own "constant current" neuron. Its step then computes
    # (v + dt/tau (E_L - v)) + dt/tau R I instead of v + dt/tau (E_L - v + R I): the
    # two can round apart in the last bit. For these currents no V lands that close to
    # threshold, and the spike times are identical; a 1-step shift at some other current
    # would be this rounding, not a different model. Its step k ends at (k + 1) dt.
    module = load_snippet("inhibition/balanced.py")
    steps = int(round(T_MAX / module.DT))
    jumps = np.tile(module.DT / module.TAU * module.R * np.asarray(currents), (steps, 1))
    return module.simulate(jumps, T_MAX)[1]


def shunting(currents):
    return load_snippet("inhibition/shunting.py").simulate(np.asarray(currents), 0.0, t_max=T_MAX)


@functools.cache
def notebook_namespace() -> dict:
    """The notebook's LIF constants and functions, exec'd without its plotting code."""
    tree = ast.parse(notebook_code(ROOT / "docs" / "notebooks" / "spiking-vs-rate.ipynb"))
    def constants_only(node):
        names = [n.id for t in getattr(node, "targets", []) for n in ast.walk(t) if isinstance(n, ast.Name)]
        return isinstance(node, ast.Assign) and bool(names) and set(names) <= set(LIF)

    keep = [node for node in tree.body if isinstance(node, ast.FunctionDef) or constants_only(node)]
    namespace = {"np": np, "rng": np.random.default_rng(0)}   # what its first cell sets up
    exec(compile(ast.Module(body=keep, type_ignores=[]), "spiking-vs-rate.ipynb", "exec"), namespace)
    assert {"simulate_lif", "rate_closed_form", *LIF} <= set(namespace)
    return namespace


def notebook(currents):
    # simulate_lif returns counts and, with record=True, the trace after each step with
    # 0.0 in place of V at a spike; step k ends at (k + 1) dt.
    _, traces = notebook_run()
    return [(np.flatnonzero(traces[:, j] == 0.0) + 1) * notebook_namespace()["DT"] for j in range(len(currents))]


@functools.cache
def notebook_run():
    return notebook_namespace()["simulate_lif"](np.asarray(CURRENTS), T_MAX, record=True)


def js_function(code: str):
    """A function of the spiking playground's own script, loaded in QuickJS (the engine
    that typesets the site's math; IEEE doubles, as in a browser) with no page around it:
    the script defines window.NNLIF and asks window.NNPlot to mount widgets, which it
    then finds none of."""
    import quickjs

    context = quickjs.Context()
    context.eval("var window = { NNPlot: { mountAll: function () {} } };")
    context.eval((ROOT / "docs" / "assets" / "explorables" / "spiking-playground.js").read_text(encoding="utf-8"))
    return context.eval(code)


def playground_js(currents):
    run = js_function("(function (i, tMax) { return JSON.stringify(window.NNLIF.simulate(i, tMax).spikes); })")
    return [json.loads(run(float(i), T_MAX)) for i in currents]


def reliability_copy(currents):
    # The Mainen-Sejnowski simulation of the noise page, its intrinsic noise set to zero.
    return load_snippet("noise/reliability.py").simulate(lambda t: np.array(currents, dtype=float), T_MAX)


SIMULATIONS = {
    "snippets/noise/reliability.py": reliability_copy,
    "snippets/rates_and_activations/spikes_vs_rate.py": spikes_vs_rate,
    "snippets/spiking_playground/lif_vs_relu.py": lif_vs_relu,
    "snippets/inhibition/balanced.py": balanced,
    "snippets/inhibition/shunting.py": shunting,
    "docs/notebooks/spiking-vs-rate.ipynb": notebook,
    "docs/assets/explorables/spiking-playground.js": playground_js,
}


@pytest.mark.parametrize("copy", sorted(SIMULATIONS))
def test_spike_times_equal_the_reference(copy):
    times = SIMULATIONS[copy](CURRENTS)
    assert len(times) == len(CURRENTS)
    for i, mine, expected in zip(CURRENTS, times, reference()[2]):
        assert len(mine) == len(expected), f"{copy}: {len(mine)} spikes at {i} nA, lif.py {len(expected)}"
        assert np.asarray(mine, dtype=float) == pytest.approx(expected, abs=1e-9), f"{copy} at {i} nA"


def test_spikes_vs_rate_with_its_own_input():
    """The rates page's figure: the same spike times as lif.py for the snippet's sine input."""
    module = load_snippet("rates_and_activations/spikes_vs_rate.py")
    _, _, expected = lif.simulate(module.current, 800.0)
    assert module.lif_spikes() == pytest.approx(expected, abs=1e-9)


# V after every step, for the copies that expose it, against lif.simulate's trace; each
# function returns (currents, traces from t = dt on, one column per current).
def lif_vs_relu_trace():
    _, v, _ = load_snippet("spiking_playground/lif_vs_relu.py").simulate(CURRENTS, T_MAX)
    return CURRENTS, v[1:]


def balanced_trace():
    # It records neuron 0 only, so one run per current; three currents keep this fast.
    module = load_snippet("inhibition/balanced.py")
    currents = (2.01, 3.0, 10.0)
    steps = int(round(T_MAX / module.DT))
    runs = [module.simulate(np.full((steps, 1), module.DT / module.TAU * module.R * i), T_MAX)[0]
            for i in currents]
    return currents, np.column_stack(runs)


def notebook_trace():
    # The notebook draws each spike as a line up to 0 mV: there lif.py holds V_reset.
    _, traces = notebook_run()
    return CURRENTS, np.where(traces == 0.0, notebook_namespace()["V_RESET"], traces)


def playground_js_trace():
    run = js_function("(function (i, tMax) { return JSON.stringify(Array.from(window.NNLIF.simulate(i, tMax).v)); })")
    return CURRENTS, np.column_stack([json.loads(run(float(i), T_MAX))[1:] for i in CURRENTS])


TRACES = {   # copy: (its trace, largest difference from lif.py in mV)
    "snippets/spiking_playground/lif_vs_relu.py": (lif_vs_relu_trace, 0.0),
    # balanced rounds in another order (see `balanced` above): equal to 1e-9 mV, not bit for bit.
    "snippets/inhibition/balanced.py": (balanced_trace, 1e-9),
    "docs/notebooks/spiking-vs-rate.ipynb": (notebook_trace, 0.0),
    "docs/assets/explorables/spiking-playground.js": (playground_js_trace, 0.0),
}


@pytest.mark.parametrize("copy", sorted(TRACES))
def test_membrane_potential_equals_the_reference(copy):
    trace, tolerance = TRACES[copy]
    currents, v = trace()
    _, v_ref, _ = reference(tuple(currents))
    assert v.shape == v_ref[1:].shape
    worst = np.max(np.abs(v - v_ref[1:]))
    assert worst <= tolerance, f"{copy}: V differs from lif.py's by up to {worst:.3g} mV"


def test_noisy_fi_without_noise_counts_the_reference_spikes():
    # simulate_rates returns only mean rates; over 1000 ms a rate in Hz is the spike count.
    # Its step computes dt/tau (E_L + R I - v): the same model, rounded in another order
    # (see balanced); for these currents the counts are identical.
    module = load_snippet("noise/noisy_fi.py")
    rates = module.simulate_rates(CURRENTS, 0.0, neurons=2, t_max=T_MAX, rng=np.random.default_rng(0))
    assert rates == pytest.approx([len(s) for s in reference()[2]], abs=1e-9)


def test_conductance_without_conductance_is_the_reference_leak():
    # relax_conductance has no threshold: with g = 0 it is lif.simulate at I = 0 from the
    # same start below threshold, the same floats at every step.
    module = load_snippet("synapses/conductance.py")
    for v0 in (-60.0, -51.0, -85.0):
        t, v = module.relax_conductance(0.0, module.E_EXC, t_max=100.0, v0=v0)
        t_ref, v_ref, spikes = lif.simulate(lambda t: 0.0, 100.0, v0=v0)
        assert len(spikes) == 0 and np.array_equal(t, t_ref) and np.array_equal(v, v_ref)


# --- (c) behaviour: closed forms ------------------------------------------------------

GRID = np.concatenate([np.linspace(0.0, 10.0, 1001), np.linspace(10.0, 1000.0, 991), [2.0 + 1e-6, 1e6]])   # nA

RATES = {
    "snippets/rates_and_activations/fi_vs_relu.py": lambda: load_snippet("rates_and_activations/fi_vs_relu.py").lif_rate,
    "snippets/noise/noisy_fi.py": lambda: load_snippet("noise/noisy_fi.py").closed_form_rate,
    "snippets/inhibition/shunting.py": lambda: (lambda i: load_snippet("inhibition/shunting.py").rate(i, 0.0)),
    "docs/notebooks/spiking-vs-rate.ipynb": lambda: notebook_namespace()["rate_closed_form"],
}


@pytest.mark.parametrize("copy", sorted(RATES))
def test_closed_form_equals_the_reference(copy):
    expected = lif.rate_closed_form(GRID)
    got = np.asarray(RATES[copy]()(GRID))
    assert np.array_equal(got == 0, expected == 0), f"{copy}: fires where lif.py does not, or the reverse"
    assert got == pytest.approx(expected, rel=1e-12, abs=0), copy


def test_balanced_current_for_rate_inverts_the_closed_form():
    # Checked as I -> f -> I: from f back to I is ill-conditioned near the rheobase
    # (below about 10 Hz a rounding of I changes f by a large fraction).
    current_for_rate = load_snippet("inhibition/balanced.py").current_for_rate
    i = GRID[(GRID > 2.0) & (GRID <= 1000.0)]
    assert current_for_rate(lif.rate_closed_form(i)) == pytest.approx(i, rel=1e-12, abs=0)


def test_siegert_without_noise_is_the_reference_closed_form():
    """siegert.py's rate as sigma -> 0 is the LIF's noiseless rate: each current's value is
    compared (above the rheobase, to the closed form; below it, to zero)."""
    sg = load_snippet("noise/siegert.py")
    rheobase = (LIF["V_TH"] - LIF["E_L"]) / LIF["R"]
    currents = [c for c in (0.5, 1.0, 1.5) if c < rheobase] + [rheobase * f for f in (1.25, 1.5, 2.0, 3.0)]
    checked = 0
    for current in currents:
        expected = float(lif.rate_closed_form(np.array([current]))[0])
        with np.errstate(over="ignore"):  # np.where evaluates the branch it does not use
            got = sg.siegert_rate(LIF["E_L"] + LIF["R"] * current, 0.05)
        if current < rheobase:
            assert expected == 0.0 and got < 1e-6, f"{current} nA: {got} Hz below the rheobase"
        else:
            assert got == pytest.approx(expected, rel=2e-3), f"{current} nA: {got} Hz, lif.py {expected} Hz"
        checked += 1
    assert checked == len(currents) >= 5


# Copies whose behaviour is checked by a test of their own, besides SIMULATIONS, TRACES and RATES.
OWN_TESTS = {
    "snippets/noise/siegert.py": "test_siegert_without_noise_is_the_reference_closed_form",
    "snippets/rates_and_activations/spikes_vs_rate.py": "test_spikes_vs_rate_with_its_own_input",
    "snippets/inhibition/balanced.py": "test_balanced_current_for_rate_inverts_the_closed_form",
    "snippets/noise/noisy_fi.py": "test_noisy_fi_without_noise_counts_the_reference_spikes",
    "snippets/synapses/conductance.py": "test_conductance_without_conductance_is_the_reference_leak",
}


def test_every_copy_has_a_behaviour_check():
    """A registered copy is run against lif.py, or COPIES says why it cannot be."""
    assert all(name in globals() for name in OWN_TESTS.values())
    checked = set(SIMULATIONS) | set(TRACES) | set(RATES) | set(OWN_TESTS)
    constants_only = {c for c, what in COPIES.items() if what.startswith("constants only")}
    assert checked <= set(COPIES), sorted(checked - set(COPIES))
    assert sorted(set(COPIES) - checked) == sorted(constants_only), \
        "a copy is not run against lif.py and COPIES does not say 'constants only: <why>'"
