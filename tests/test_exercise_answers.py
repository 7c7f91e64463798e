"""Every numeric exercise answer is computed, not typed (CONTRIBUTING.md, "Exercise answers").

Each entry of ANSWERS names a page, an exercise number, a pattern that finds the number
*as written in the solution* (one capture group), and the computation it must agree with
(from the page's snippets or a closed form). An answer the question bank grades
(a ``numerical`` entry of includes/question-bank.yml) is computed by the function of the
page's snippet that the entry names (``computed_by``), called here through
``snippet_function``, so page, bank and test share one computation; INDEPENDENT checks
each such function against a closed form or a second method kept here. A solution that states numbers must either
be in ANSWERS or show a snippet's printed output; the coverage test fails otherwise.
The numbered answers of a "What you should find" box (the playgrounds' tasks) are
checked the same way, as exercise ("find", n). A tolerance of ORDER means "the same
order of magnitude" (within a factor of 10), for answers written as $10^{-k}$.
"""

from __future__ import annotations

import ast
import functools
import inspect
import math
import re

import numpy as np
import pytest

from nn_site.pages import quantities
from nn_site.publish import bank

from conftest import ROOT, load_snippet

DOCS = ROOT / "docs"
EXERCISE = re.compile(r"^(\d+)\. ", re.MULTILINE)


FINDINGS = re.compile(r'^\?\?\? success "What you should find"\n((?:[ \t]+.*\n|\n)+)', re.MULTILINE)
FINDING = re.compile(r"^ {4}(\d+)\. ", re.MULTILINE)


def solutions() -> dict[tuple[str, int | tuple[str, int]], str]:
    """(page, exercise number) -> the text of its collapsed solution; (page, ("find", n))
    -> answer n of the page's "What you should find" box."""
    found = {}
    register = quantities.load(ROOT)
    for page in sorted(DOCS.glob("*.md")):
        # numbers from the register of quantities ([[q:key]]) as the build prints them
        text = quantities.expand(page.read_text(encoding="utf-8"), page.name, register)
        text = text.replace("\u00a0", " ")
        for box in FINDINGS.finditer(text):
            starts = list(FINDING.finditer(box.group(1)))
            for a, b in zip(starts, starts[1:] + [None]):
                body = box.group(1)[a.end(): b.start() if b else None]
                found[(page.name, ("find", int(a.group(1))))] = " ".join(body.split())
        if "## Exercises" not in text:
            continue
        section = text.split("## Exercises", 1)[1].split("\n## ", 1)[0]
        starts = list(EXERCISE.finditer(section))
        for a, b in zip(starts, starts[1:] + [None]):
            body = section[a.start(): b.start() if b else None]
            if "??? success" in body:
                found[(page.name, int(a.group(1)))] = " ".join(body.split("??? success", 1)[1].split())
    return found


def number(text: str) -> float:
    """A number as a reader sees it: '1,926', '0.90', '−0.5', '$10^{-3}$'."""
    text = text.replace(",", "").replace("−", "-").strip()
    power = re.fullmatch(r"10\^\{?(-?\d+)\}?", text)
    return 10.0 ** int(power.group(1)) if power else float(text)


# --- the computations --------------------------------------------------------------


def snippet_function(spec: str):
    """The computation a ``computed_by`` names, "snippets/<page>/<file>.py:function(args)",
    as a function of no arguments that calls the snippet's function (loaded as the tests
    load snippets) and carries ``computed_by``, so a test can tell it from a computation
    of its own."""
    call = bank.computation(spec, spec, ROOT)

    def compute():
        module = load_snippet(call.path.removeprefix("snippets/"))
        return getattr(module, call.function)(*call.args, **call.kwargs)

    compute.computed_by = spec
    return compute


# The functions of the pages' snippets that compute the question bank's numerical answers
# (includes/question-bank.yml's computed_by), by name for the ANSWERS entries that use them.
IF_RATE = snippet_function("snippets/integrate_and_fire/lif.py:rate_closed_form(2.5)")
IF_COUNTING_WINDOW = snippet_function("snippets/integrate_and_fire/lif.py:counting_window(3.0, 0.1)")
LISTENING_WINDOW = snippet_function("snippets/rates_and_activations/spikes_vs_rate.py:listening_window(40, 60)")
LISTENING_WINDOW_10 = snippet_function("snippets/rates_and_activations/spikes_vs_rate.py:listening_window(40, 60, 10)")
NO_SPIKE = snippet_function("snippets/limits/event_count.py:poisson_count_probability(0, 5, 0.02)")
BREAK_EVEN_RATE = snippet_function("snippets/limits/event_count.py:break_even_rate(0.001)")
BRAIN_WATTS = snippet_function("snippets/scale_and_energy/brain_watts.py:brain_watts('man', 90, 185, 45)")
HALF_RATE_RATIO = snippet_function("snippets/scale_and_energy/data.py:communication_to_computation(0.5)")
TWO_PAIRS = snippet_function("snippets/biological_learning/stdp_window.py:net_change([5, 30])")
SNR_GAIN = snippet_function("snippets/noise/correlated.py:snr_gain(100, 0.2)")
CONVERSION_STEPS = snippet_function("snippets/spiking_networks/conversion.py:steps_for_rate_error(0.01)")
TAU_FOR_TENTH = functools.cache(snippet_function("snippets/third_factor/eligibility.py:tau_for_fraction_left(0.1, 2.0)"))
DRIFT_FOR_90 = snippet_function("snippets/decisions/decision_ddm.py:drift_for_accuracy(0.9)")
TIME_FACTOR = snippet_function("snippets/decisions/decision_ddm.py:time_factor(1.0, 1.0, 2.0)")


def lif_interval(current: float, dt: float = 0.1) -> float:
    """The steady interspike interval (ms) of lif.py's simulation at a constant current (nA)."""
    _, _, spikes = lif().simulate(lambda t: current, 200.0, dt=dt)
    return float(np.diff(spikes[1:]).mean())


def window_by_bisection(rate_a: float, rate_b: float, neurons: int = 1) -> float:
    """The W at which n (rb - ra) W reaches 2 sqrt(n (ra + rb) W), found by bisection."""
    lo, hi = 1e-6, 1e3
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if neurons * (rate_b - rate_a) * mid < 2 * math.sqrt(neurons * (rate_a + rate_b) * mid) else (lo, mid)
    return (lo + hi) / 2


# Each snippet function above against a computation of its own: the closed form the page's
# solution writes (with the exercise's numbers), or a second method (a simulation, a
# bisection), and the relative tolerance. The page and the bank are compared with the
# snippet function; this is what says that the function computes the right thing.
INDEPENDENT = [
    (IF_RATE, lambda: 1000 / (2 + 10 * math.log((25 - 5) / (25 - 20))), 1e-9),
    (IF_COUNTING_WINDOW, lambda: 10 * lif_interval(3.0), 0.01),   # ten simulated intervals
    (LISTENING_WINDOW, lambda: window_by_bisection(40, 60), 1e-6),
    (LISTENING_WINDOW_10, lambda: window_by_bisection(40, 60, 10), 1e-6),
    (NO_SPIKE, lambda: math.exp(-5 * 0.02), 1e-12),
    (BREAK_EVEN_RATE, lambda: 1 / 0.001, 1e-9),
    (BRAIN_WATTS, lambda: 0.2 * (66.473 + 13.7516 * 90 + 5.0033 * 185 - 6.755 * 45) * 4184 / 86_400, 1e-6),
    (HALF_RATE_RATIO, lambda: (3.5 / 2) / 0.1, 1e-9),
    (TWO_PAIRS, lambda: 0.005 * (math.exp(-5 / 20) + math.exp(-30 / 20)), 1e-9),
    (SNR_GAIN, lambda: 1 / math.sqrt((1 + 99 * 0.2) / 100), 1e-9),
    (CONVERSION_STEPS, lambda: math.ceil(1 / 0.01), 0),           # the error bound 1/T <= 0.01
    (TAU_FOR_TENTH, lambda: 2 / math.log(10), 0.01),              # bisection on the simulation
    (DRIFT_FOR_90, lambda: math.log(9) / 2, 1e-9),
    (TIME_FACTOR, lambda: 2 * math.tanh(2) / math.tanh(1), 1e-9),
]


@pytest.mark.parametrize(("function", "independent", "tol"), INDEPENDENT,
                         ids=[f.computed_by.rsplit("/", 1)[1] for f, _, _ in INDEPENDENT])
def test_a_snippet_function_agrees_with_an_independent_computation(function, independent, tol):
    computed, expected = float(function()), float(independent())
    assert math.isclose(computed, expected, rel_tol=tol, abs_tol=1e-12), (
        f"{function.computed_by} gives {computed:.6g}, the independent computation {expected:.6g}")


def poisson_best_accuracy(rate_a: float, rate_b: float, window: float) -> float:
    """Best accuracy of a threshold on a Poisson count telling rate_a from rate_b (equal priors)."""
    mu_a, mu_b = rate_a * window, rate_b * window
    k = np.arange(0, int(mu_b * 4 + 50))
    log_pmf = lambda mu: k * math.log(mu) - mu - np.array([math.lgamma(x + 1) for x in k])  # noqa: E731
    pa, pb = np.exp(log_pmf(mu_a)), np.exp(log_pmf(mu_b))
    return 0.5 * float(np.maximum(pa, pb).sum())   # the likelihood-ratio rule, a count threshold


def relu_error_band():
    m = load_snippet("rates_and_activations/fi_vs_relu.py")
    slope = m.fitted_relu_slope()
    grid = np.arange(2.05, 12.0, 0.01)
    err = m.relu(grid, slope) / m.lif_rate(grid) - 1
    inside = grid[np.abs(err) <= 0.2]
    return inside.min(), inside.max(), (lambda i: float(m.relu(i, slope) / m.lif_rate(i) - 1))


def lif():
    return load_snippet("integrate_and_fire/lif.py")


def correlated():
    return load_snippet("noise/correlated.py")


def decision_ddm():
    return load_snippet("decisions/decision_ddm.py")


@functools.cache
def predictive_coding_sweep():
    """(cosines, relative errors), each (gamma, T), of predictive_coding/pc_vs_backprop.py."""
    return load_snippet("predictive_coding/pc_vs_backprop.py").sweep()


@functools.cache
def comparing_table():
    """(scores per model, RSA ceiling (lower, upper), predictivity ceiling) of comparing_representations/metric_table.py."""
    return load_snippet("comparing_representations/metric_table.py").table()


def comparing(model, metric):
    return float(comparing_table()[0][model][metric])


def harris_benedict_man():
    m = load_snippet("scale_and_energy/brain_watts.py")
    kcal = m.basal_kcal_per_day("man", 90, 185, 45)
    return kcal, m.watts(kcal)


def hh_hopf():
    from test_errata import _hopf_current
    return _hopf_current(load_snippet("hodgkin_huxley/model.py"))


ORDER = "order of magnitude"


@functools.cache
def gelu_gradient_ratio(seed: int) -> float:
    """activation-functions exercise 4: vanishing.py with GELU (from functions.py) instead of ReLU."""
    v = load_snippet("activation_functions/vanishing.py")
    f = load_snippet("activation_functions/functions.py")
    v.ACTIVATIONS["GELU"] = (f.gelu, lambda z: f.derivatives(z)["GELU"], v.ACTIVATIONS["ReLU"][2])
    norms = v.gradient_norms("GELU", seed)
    return float(norms[0] / norms[-1])


def sigmoid_gradient_ratio() -> float:
    norms = load_snippet("activation_functions/vanishing.py").gradient_norms("sigmoid")
    return float(norms[0] / norms[-1])


def gelu_slope_turns_negative() -> float:
    """The z below which GELU's derivative is negative (its minimum)."""
    z = np.linspace(-3, 0, 30001)
    slope = load_snippet("activation_functions/functions.py").derivatives(z)["GELU"]
    return float(z[np.flatnonzero(slope >= 0)[0]])


def worked_example():
    """The worked-example neuron (inputs, weights, bias, z, sigmoid) of the playground snippet."""
    m = load_snippet("playground/activations.py")
    z = float(m.weighted_sum(m.inputs, m.weights, m.bias))
    return m, z, m.ACTIVATIONS["sigmoid"]


def majority_biases():
    """Biases b for which weights (1, 1, 1) compute 'at least two of three' (perceptron rule z > 0)."""
    m = load_snippet("artificial_neuron/perceptron_and.py")
    from itertools import product
    x = np.array(list(product((0, 1), repeat=3)), dtype=float)
    target = (x.sum(1) >= 2).astype(int)
    grid = np.round(np.arange(-3.0, 0.0005, 0.001), 3)
    return [b for b in grid if np.array_equal(m.predict(np.ones(3), b, x), target)]


def majority_mp_threshold() -> int:
    m = load_snippet("artificial_neuron/mcculloch_pitts.py")
    from itertools import product
    xs = list(product((0, 1), repeat=3))
    return next(th for th in range(4) if all(m.mp_unit(list(x), [], th) == (sum(x) >= 2) for x in xs))


@functools.cache
def oja_cosines(variances=(1.0, 0.9)):
    """biological-learning exercise 3: |cos(w, e1)| of Oja's rule after 500 and 2000 samples."""
    m = load_snippet("biological_learning/oja_rule.py")
    rng = np.random.default_rng(0)
    x = m.correlated_data(rng, variances=variances)
    w = m.oja(x, rng.normal(0.0, 0.3, size=2), 0.01)
    e1 = m.top_eigenvector(x)
    return {k: float(abs(w[k] @ e1) / np.linalg.norm(w[k])) for k in (500, 2000)}


def stdp():
    return load_snippet("biological_learning/stdp_window.py")


def summation_peak_with_fast_decay():
    """biological-neuron exercise 3: TAU_DECAY = 5 ms, four inputs 3 ms apart; (peak, crossing)."""
    m = load_snippet("biological_neuron/summation.py")
    m.TAU_DECAY = 5.0
    v = m.membrane_potential(m.t, m.SCENARIOS["temporal"]["one synapse, 4 inputs 3 ms apart"])
    assert m.first_crossing(m.t, v) is None, "with TAU_DECAY = 5 ms the train reaches threshold"
    return float(v.max())


def sawtooth_exact_depth(points_exponent: int) -> int:
    """The deepest sawtooth whose 2^k pieces a grid of 2^e + 1 points counts exactly."""
    m = load_snippet("depth/sawtooth.py")
    x = np.linspace(0, 1, 2 ** points_exponent + 1)
    k = 1
    while m.count_pieces(m.deep_sawtooth(x, k + 1), x) == 2 ** (k + 1):
        k += 1
    return k


def gradient_check_step() -> float:
    m = load_snippet("gradient_descent/mlp_backprop.py")
    return inspect.signature(m.numerical_grads).parameters["h"].default


@functools.cache
def buggy_backprop():
    """gradient-descent exercise 4: drop (1 - h**2) in d1; gradient check, losses and accuracy."""
    m = load_snippet("gradient_descent/mlp_backprop.py")
    rng = np.random.default_rng(0)
    x, y = m.make_rings(rng)
    p = m.init_params(rng)
    correct = m.loss_and_grads

    def buggy(p, x, y):
        out, h = m.forward(p, x)
        loss, _ = correct(p, x, y)
        d2 = (out - y)[:, None] / len(y)
        d1 = d2 @ p["W2"]                      # the bug: no tanh'(a1) = 1 - h**2
        return loss, {"W2": d2.T @ h, "b2": d2.sum(0), "W1": d1.T @ x, "b1": d1.sum(0)}

    numeric = m.numerical_grads(p, x, y)
    errors = (m.relative_error(correct(p, x, y)[1], numeric), m.relative_error(buggy(p, x, y)[1], numeric))
    m.loss_and_grads = buggy                   # train() calls the module's loss_and_grads
    losses = m.train(p, x, y)
    m.loss_and_grads = correct
    accuracy = float(np.mean((m.forward(p, x)[0] > 0.5) == y))
    return {"right": errors[0], "buggy": errors[1], "first": losses[0], "last": losses[-1], "accuracy": accuracy}


def mlp_parameter_counts():
    m = load_snippet("gradient_descent/mlp_backprop.py")
    return {k: v.size for k, v in m.init_params(np.random.default_rng(0)).items()}


def scale_constants():
    return {c.name: c for c in load_snippet("scale_and_energy/data.py").ALL}


def energy_per_token(dram_pj_per_64_bits: float = 2000.0):
    """scale-and-energy exercise 3: (arithmetic J, DRAM J) for one token of 175e9 fp32 parameters."""
    c = scale_constants()
    dram = c["64-bit read, DRAM"]
    assert dram.low <= dram_pj_per_64_bits <= dram.high, "the exercise's 2 nJ is outside the source's range"
    params = c["parameters, GPT-3"].value
    arithmetic = params * (c["fp32 multiply"].value + c["fp32 add"].value) * 1e-12
    return arithmetic, params / 2 * dram_pj_per_64_bits * 1e-12


def hh():
    return load_snippet("hodgkin_huxley/model.py")


def hh_tau(gate: str) -> float:
    m = hh()
    return 1.0 / float(getattr(m, "alpha_" + gate)(-65.0) + getattr(m, "beta_" + gate)(-65.0))


def hh_peak_without_sodium() -> float:
    """hodgkin-huxley exercise 2: G_NA = 0, the action-potential snippet's 10 uA/cm^2 pulse."""
    m = load_snippet("hodgkin_huxley/action_potential.py")
    model = inspect.getmodule(m.simulate)     # the model.py the snippet imported
    saved, model.G_NA = model.G_NA, 0.0
    try:
        _, v, *_ = model.simulate(m.pulse, t_max=25.0, dt=0.01)
    finally:
        model.G_NA = saved
    return float(v.max())


def hh_original_to_modern(v_hh: float) -> float:
    """Hodgkin and Huxley's V (displacement from rest, depolarisation negative) -> this page's V."""
    return -v_hh - 65.0


@functools.cache
def lif_interval_at_10na(dt: float) -> float:
    """integrate-and-fire exercise 4: the steady interspike interval (ms) at 10 nA."""
    _, _, spikes = lif().simulate(lambda t: 10.0, 200.0, dt=dt)
    return float(np.diff(spikes[1:]).mean())


def timed_fano(jitter: float) -> float:
    m = load_snippet("limits/spike_codes.py")
    return float(m.fano_factor(m.timed_trains(m.PATTERN, jitter, 30, np.random.default_rng(0))))


def playground_rounding_error() -> float:
    """Largest |z - z rounded to 0.01| over 10^5 random slider settings (steps 0.1 and 0.01)."""
    rng = np.random.default_rng(0)
    x = rng.integers(-10, 11, (100_000, 3)) / 10
    w = rng.integers(-10, 11, (100_000, 3)) / 10
    b = rng.integers(-100, 101, 100_000) / 100
    z = np.einsum("ij,ij->i", w, x) + b
    return float(np.max(np.abs(z - np.round(z, 2))))


@functools.cache
def playground_lif():
    """The spiking playground's simulation (1 s) at the currents its answers use: nA -> spike times."""
    m = load_snippet("spiking_playground/lif_vs_relu.py")
    currents = (2.0, 2.01, 2.5, 3.0, 5.0, 10.0, 10_000.0)
    _, _, spikes = m.simulate(list(currents), 1000.0)
    return m, dict(zip(currents, (np.array(s) for s in spikes)))


def playground_count(current: float) -> int:
    return len(playground_lif()[1][current])


def playground_relu_slope() -> float:
    """The ReLU the playground draws: through (2 nA, 0) and the count at 10 nA."""
    m = playground_lif()[0]
    return playground_count(10.0) / (10.0 - m.RHEOBASE)


def best_relu_gain() -> float:
    """The gain k that equalises the ReLU's relative errors at 3 and 10 nA."""
    return math.sqrt(playground_count(3.0) * playground_count(10.0) / 8)


def random_vector_angles(d: int = 20, n: int = 20_000):
    """Angles (deg) and cosines between n pairs of independent Gaussian vectors in d dimensions."""
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(2, n, d))
    cos = np.einsum("ij,ij->i", a, b) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    return np.degrees(np.arccos(cos)), cos


def rall_conductance(d):
    """Input conductance (S) of a semi-infinite cable of diameter d (m), pi d^2 / (4 R_i lambda),
    with the dendrite page's R_m, R_i and its lambda = sqrt(d R_m / (4 R_i))."""
    cable = load_snippet("dendrites/cable.py")
    lam = np.sqrt(d * cable.R_M / (4 * cable.R_I))
    return np.pi * d**2 / (4 * cable.R_I * lam)


def xor_dendrite_tau_range():
    """The range of tau (theta = 0.8) for which the dendritic unit solves XOR at threshold 0.5."""
    m = load_snippet("xor/dendritic_unit.py")
    taus = np.arange(0.01, 3.0, 0.0005)
    ok = [tau for tau in taus
          if np.array_equal(m.unit_output(m.X, lambda z: m.dcaap_like(z, tau=tau)) > 0.5, m.T == 1)]
    return min(ok), max(ok)


@functools.cache
def xor_solved_counts():
    """xor exercise 5: of seeds 1..50, how many solve XOR with 3, 4 and 6 hidden units.

    The page's train() one seed at a time takes about 45 s; this runs the same
    initialisation and full-batch updates for all 50 seeds at once (and is checked
    against train() for two seeds by test_batched_xor_training_is_the_pages_training).
    """
    return {n: int(batched_xor(n, range(1, 51))[1].sum()) for n in (3, 4, 6)}


def batched_xor(n_hidden, seeds, eta=1.0, epochs=2000):
    m = load_snippet("xor/two_layer.py")
    w1, w2 = [], []
    for seed in seeds:                         # the same draws, in the same order, as train()
        rng = np.random.default_rng(seed)
        w1.append(rng.normal(0, 1, (n_hidden, 2)))
        w2.append(rng.normal(0, 1, n_hidden))
    W1, W2 = np.array(w1), np.array(w2)
    b1, b2 = np.zeros(W2.shape), np.zeros(len(W2))
    X, T = m.X, m.T
    for _ in range(epochs):
        h = np.tanh(np.einsum("ij,snj->sin", X, W1) + b1[:, None, :])
        out = 1 / (1 + np.exp(-(np.einsum("sin,sn->si", h, W2) + b2[:, None])))
        d2 = (out - T) / len(T)
        d1 = d2[:, :, None] * W2[:, None, :] * (1 - h ** 2)
        W2 = W2 - eta * np.einsum("sin,si->sn", h, d2)
        b2 = b2 - eta * d2.sum(1)
        W1 = W1 - eta * np.einsum("sin,ij->snj", d1, X)
        b1 = b1 - eta * d1.sum(1)
    h = np.tanh(np.einsum("ij,snj->sin", X, W1) + b1[:, None, :])
    out = 1 / (1 + np.exp(-(np.einsum("sin,sn->si", h, W2) + b2[:, None])))
    solved = np.all((out > 0.5) == T, axis=1)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, solved


ANSWERS = [
    # page, exercise, pattern (one group: the number as written), computed value, relative tolerance
    ("rates-and-activations.md", 3, r"i\.e\. \$W \\ge (\S+)\$ s", LISTENING_WINDOW, 0.01),
    ("rates-and-activations.md", 3, r"gives \$W \\ge (\S+)\$ s", LISTENING_WINDOW_10, 0.01),
    ("rates-and-activations.md", 3, r"about (\d+) % of the time in 1 s",
     lambda: 100 * poisson_best_accuracy(40, 60, 1.0), 0.01),
    ("rates-and-activations.md", 3, r"about (\d+) % of the time in 100 ms",
     lambda: 100 * poisson_best_accuracy(40, 60, 0.1), 0.015),
    ("rates-and-activations.md", 1, r"between about (\S+) and \S+ nA", lambda: relu_error_band()[0], 0.02),
    ("rates-and-activations.md", 1, r"between about \S+ and (\S+) nA", lambda: relu_error_band()[1], 0.02),
    ("rates-and-activations.md", 1, r"at 3 nA it is (\d+) % low", lambda: -100 * relu_error_band()[2](3.0), 0.05),
    ("rates-and-activations.md", 1, r"at 6 nA already (\d+) % high", lambda: 100 * relu_error_band()[2](6.0), 0.05),
    ("rates-and-activations.md", 1, r"at 10 nA (\d+) % high", lambda: 100 * relu_error_band()[2](10.0), 0.05),
    ("limits.md", 1, r"e\^\{-0\.1\} \\approx (\S+)\$", NO_SPIKE, 0.01),
    ("limits.md", 1, r"= (\d+)\$ neurons", lambda: 10 / (5 * 0.02), 1e-9),
    ("limits.md", 3, r"i\.e\. (\d+) Hz", BREAK_EVEN_RATE, 1e-9),
    ("limits.md", 3, r"= (\d+)\$ Hz", lambda: 1000 / lif().T_REF, 1e-9),
    ("integrate-and-fire.md", 1, r"so \$f = (\S+)\$ Hz", IF_RATE, 0.002),
    ("integrate-and-fire.md", 1, r"= (\S+)\$ ms; the interval",
     lambda: lif().TAU * math.log((2.5 * lif().R - (lif().V_RESET - lif().E_L)) / (2.5 * lif().R - 20) + 0), 0.01),
    ("integrate-and-fire.md", 2, r"= (\S+)\\ \\mu\$S",
     lambda: (lif().V_TH - lif().E_L) / (lif().R * (0 - lif().V_TH)), 1e-9),
    ("integrate-and-fire.md", 5, r"The rate is (\S+) Hz", lambda: float(lif().rate_closed_form(3.0)), 0.005),
    ("integrate-and-fire.md", 5, r"one spike every (\S+) ms", lambda: 1000 / float(lif().rate_closed_form(3.0)), 0.01),
    ("integrate-and-fire.md", 5, r"i\.e\. about (\d+) ms", IF_COUNTING_WINDOW, 0.02),
    ("scale-and-energy.md", 1, r"\\approx (\S+)\\ \\text\{kcal/day\}", lambda: harris_benedict_man()[0], 0.001),
    ("scale-and-energy.md", 1, r"or (\S+) W;", lambda: harris_benedict_man()[1], 0.002),
    ("scale-and-energy.md", 1, r"20% of it is (\S+) W", BRAIN_WATTS, 0.003),
    ("scale-and-energy.md", 4, r"fall to about (\S+) W", lambda: 3.5 / 2, 1e-9),
    ("scale-and-energy.md", 4, r"ratio to about (\S+),", HALF_RATE_RATIO, 1e-9),
    ("biological-neuron.md", 2, r"so \$n \\ge (\S+)\$", lambda: (15 + 6) / 5, 1e-9),
    ("biological-neuron.md", 2, r"\(peak \$(\S+)\$ mV\)", lambda: -70 + 5 * 5 - 6, 1e-9),
    ("biological-neuron.md", 2, r"Four give \$(\S+)\$ mV", lambda: -70 + 5 * 4 - 6, 1e-9),
    ("hodgkin-huxley.md", 5, r"at about (\S+) µA/cm², where", hh_hopf, 0.002),
    # noise 5: variance of the mean of N = 100 neurons with pairwise correlation 0.2 (correlated.py)
    ("noise.md", 5, r"so the gain is\s+\$1/\\sqrt\{0\.208\} = (\S+)\$", SNR_GAIN, 0.003),
    ("noise.md", 5, r"the variance is \$20\.8/100 = (\S+)\$", lambda: float(correlated().var_of_mean(100, 0.2)), 1e-9),
    ("noise.md", 5, r"\$1/\\sqrt\{\\rho\} = (\S+)\$", lambda: 1 / math.sqrt(0.2), 0.003),
    ("noise.md", 5, r"\$N = 1/0\.208 = (\S+)\$", lambda: 1 / float(correlated().var_of_mean(100, 0.2)), 0.002),
    # activation-functions 4: GELU in vanishing.py
    ("activation-functions.md", 4, r"about \$(10\^\{-3\})\$ with seed 0", lambda: gelu_gradient_ratio(0), ORDER),
    ("activation-functions.md", 4, r"(\S+) with seed 1", lambda: gelu_gradient_ratio(1), 0.1),
    ("activation-functions.md", 4, r"(\S+) with seed 2", lambda: gelu_gradient_ratio(2), 0.01),
    ("activation-functions.md", 4, r"below \$z \\approx (\S+)\$", gelu_slope_turns_negative, 0.01),
    ("activation-functions.md", 4, r"sigmoid's \$(10\^\{-18\})\$", sigmoid_gradient_ratio, ORDER),
    # artificial-neuron 1 and 2: the worked example; majority of three
    ("artificial-neuron.md", 1, r"with \$w_3 = (\S+)\$", lambda: max(abs(worked_example()[0].weights)), 1e-9),
    ("artificial-neuron.md", 1, r"raises \$z\$ by \$(\S+)\$", lambda: 0.1 * max(abs(worked_example()[0].weights)), 1e-9),
    ("artificial-neuron.md", 1, r"\\approx (\S+)\$, so \$y\$ rises",
     lambda: (lambda m, z, s: s(z) * (1 - s(z)))(*worked_example()), 0.002),
    ("artificial-neuron.md", 1, r"\\approx (\S+)\$, to about",
     lambda: (lambda m, z, s: s(z) * (1 - s(z)) * 0.09)(*worked_example()), 0.01),
    ("artificial-neuron.md", 1, r"to about \$(\S+)\$\.",
     lambda: (lambda m, z, s: s(z) + s(z) * (1 - s(z)) * 0.09)(*worked_example()), 0.001),
    ("artificial-neuron.md", 1, r"\\sigma\(1\.05\) = (\S+)\$", lambda: (lambda m, z, s: s(z + 0.09))(*worked_example()), 2e-4),
    ("artificial-neuron.md", 2, r"\$\\theta = (\d+)\$", majority_mp_threshold, 1e-9),
    ("artificial-neuron.md", 2, r"\$(\S+) < b \\le", lambda: min(majority_biases()), 0.001),
    ("artificial-neuron.md", 2, r"b \\le (\S+)\$", lambda: max(majority_biases()), 1e-9),
    ("artificial-neuron.md", 2, r"for example \$b = (\S+)\$", lambda: -1.5 if -1.5 in majority_biases() else math.nan, 1e-9),
    # biological-learning 3 and 4: Oja with close variances; two STDP pairs
    ("biological-learning.md", 3, r"about (\S+) after 500", lambda: oja_cosines()[500], 0.005),
    ("biological-learning.md", 3, r"about (\S+) after 2000", lambda: oja_cosines()[2000], 0.0005),
    ("biological-learning.md", 3, r"instead of (\S+)\)", lambda: oja_cosines((3.0, 0.3))[2000], 1e-5),
    ("biological-learning.md", 3, r"here (\S+) instead", lambda: 1.0 - 0.9, 1e-9),
    ("biological-learning.md", 3, r"instead of (\S+), and",
     lambda: -float(np.diff(inspect.signature(load_snippet("biological_learning/oja_rule.py").correlated_data)
                            .parameters["variances"].default)[0]), 1e-9),
    ("biological-learning.md", 4, r"\((\S+) \+ \S+\) \\approx", lambda: math.exp(-5 / stdp().TAU_PLUS), 0.001),
    ("biological-learning.md", 4, r"\(\S+ \+ (\S+)\) \\approx", lambda: math.exp(-30 / stdp().TAU_PLUS), 0.002),
    ("biological-learning.md", 4, r"\\approx (\S+)\$, i\.e\.", TWO_PAIRS, 0.01),
    ("biological-learning.md", 4, r"about (\S+) % of", lambda: 100 * TWO_PAIRS(), 0.01),
    # biological-neuron 3: faster PSP decay
    ("biological-neuron.md", 3, r"peaks at about \$(\S+)\$ mV", summation_peak_with_fast_decay, 0.001),
    # depth 3: the grid contains every breakpoint up to k = 12
    ("depth.md", 3, r"up to \$k = (\d+)\$", lambda: sawtooth_exact_depth(12), 1e-9),
    # gradient-descent 3, 4, 5
    ("gradient-descent.md", 3, r"With \$h = (10\^\{-6\})\$", gradient_check_step, 1e-9),
    ("gradient-descent.md", 3, r"about \$(10\^\{-12\})\$ against", lambda: gradient_check_step() ** 2, ORDER),
    ("gradient-descent.md", 3, r"against \$(10\^\{-6\})\$", gradient_check_step, ORDER),
    ("gradient-descent.md", 3, r"\\approx (10\^\{-10\})\$", lambda: np.finfo(float).eps / gradient_check_step(), ORDER),
    ("gradient-descent.md", 4, r"from about \$(10\^\{-10\})\$", lambda: buggy_backprop()["right"], ORDER),
    ("gradient-descent.md", 4, r"to about (\S+): the check", lambda: buggy_backprop()["buggy"], 0.1),
    ("gradient-descent.md", 4, r"\((\S+) to \S+ over", lambda: buggy_backprop()["first"], 0.001),
    ("gradient-descent.md", 4, r"to (\S+) over 1500", lambda: buggy_backprop()["last"], 0.001),
    ("gradient-descent.md", 4, r"\((\S+) %\)", lambda: 100 * buggy_backprop()["accuracy"], 0.001),
    ("gradient-descent.md", 5, r"\$W_1\$: (\d+)", lambda: mlp_parameter_counts()["W1"], 1e-9),
    ("gradient-descent.md", 5, r"\$\\mathbf\{b\}_1\$: (\d+)", lambda: mlp_parameter_counts()["b1"], 1e-9),
    ("gradient-descent.md", 5, r"\$W_2\$: (\d+)", lambda: mlp_parameter_counts()["W2"], 1e-9),
    ("gradient-descent.md", 5, r"\$b_2\$: (\d+)", lambda: mlp_parameter_counts()["b2"], 1e-9),
    ("gradient-descent.md", 5, r"total (\d+),", lambda: sum(mlp_parameter_counts().values()), 1e-9),
    ("gradient-descent.md", 5, r"so (\d+) loss evaluations", lambda: 2 * sum(mlp_parameter_counts().values()), 1e-9),
    # history 3: cortex against AlexNet
    ("history.md", 3, r"about (\d+)% of", lambda: 100 * scale_constants()["neurons, cerebral cortex"].value
     / scale_constants()["neurons, human brain"].value, 1e-9),
    ("history.md", 3, r"of ([\d.]+) billion neurons", lambda: scale_constants()["neurons, human brain"].value / 1e9, 0.01),
    ("history.md", 3, r"some (\d+) billion", lambda: scale_constants()["neurons, cerebral cortex"].value / 1e9, 0.03),
    ("history.md", 3, r"about ([\d,]+) times", lambda: scale_constants()["neurons, cerebral cortex"].value
     / scale_constants()["units, AlexNet"].value, 0.01),
    ("history.md", 3, r"AlexNet's ([\d,]+) units", lambda: scale_constants()["units, AlexNet"].value, 1e-9),
    # hodgkin-huxley 1, 2, 3
    ("hodgkin-huxley.md", 1, r"\\alpha_m = (\S+)\$", lambda: float(hh().alpha_m(-65.0)), 0.002),
    ("hodgkin-huxley.md", 1, r"\\beta_m = (\S+)\$", lambda: float(hh().beta_m(-65.0)), 1e-9),
    ("hodgkin-huxley.md", 1, r"\\tau_m = (\S+)\$ ms", lambda: hh_tau("m"), 0.02),
    ("hodgkin-huxley.md", 1, r"\\alpha_h = (\S+)\$", lambda: float(hh().alpha_h(-65.0)), 1e-9),
    ("hodgkin-huxley.md", 1, r"\\beta_h = (\S+)\$", lambda: float(hh().beta_h(-65.0)), 0.01),
    ("hodgkin-huxley.md", 1, r"\\tau_h = (\S+)\$ ms", lambda: hh_tau("h"), 0.01),
    ("hodgkin-huxley.md", 1, r"\\alpha_n = (\S+)\$", lambda: float(hh().alpha_n(-65.0)), 0.01),
    ("hodgkin-huxley.md", 1, r"\\beta_n = (\S+)\$", lambda: float(hh().beta_n(-65.0)), 1e-9),
    ("hodgkin-huxley.md", 1, r"\\tau_n = (\S+)\$ ms", lambda: hh_tau("n"), 0.01),
    ("hodgkin-huxley.md", 2, r"to about (\S+) mV", hh_peak_without_sodium, 0.01),
    ("hodgkin-huxley.md", 3, r"into \$\+(\d+)\$ mV", lambda: hh_original_to_modern(-115.0), 1e-9),
    ("hodgkin-huxley.md", 3, r"into \$\+(\d+)\$ mV", lambda: hh().E_NA, 1e-9),
    ("hodgkin-huxley.md", 3, r"into \$(\S+)\$ mV\.", lambda: hh_original_to_modern(12.0), 1e-9),
    ("hodgkin-huxley.md", 3, r"into \$(\S+)\$ mV\.", lambda: hh().E_K, 1e-9),
    # integrate-and-fire 4: dt = 0.01 ms at 10 nA
    ("integrate-and-fire.md", 4, r"closed form gives (\S+) Hz", lambda: float(lif().rate_closed_form(10.0)), 2e-4),
    ("integrate-and-fire.md", 4, r"\(interval (\S+) ms\)", lambda: 1000 / float(lif().rate_closed_form(10.0)), 2e-4),
    ("integrate-and-fire.md", 4, r"simulation gives (\S+) Hz", lambda: 1000 / lif_interval_at_10na(0.1), 2e-4),
    ("integrate-and-fire.md", 4, r"\((\S+) ms: ", lambda: lif_interval_at_10na(0.1), 1e-9),
    ("integrate-and-fire.md", 4, r"ms: (\S+) ms late",
     lambda: lif_interval_at_10na(0.1) - 1000 / float(lif().rate_closed_form(10.0)), 0.01),
    ("integrate-and-fire.md", 4, r"the interval is (\S+) ms", lambda: lif_interval_at_10na(0.01), 1e-9),
    ("integrate-and-fire.md", 4, r"rate about (\S+) Hz", lambda: 1000 / lif_interval_at_10na(0.01), 2e-4),
    # limits 2: 20 ms jitter keeps four spikes per trial
    ("limits.md", 2, r"Fano factor stays (\d+)", lambda: timed_fano(0.020), 1e-9),
    # playground 1-5: the worked example and its variations
    ("playground.md", 1, r"\+ 0 = (\S+)\$", lambda: float(worked_example()[0].weighted_sum(
        np.array([1.0, 0.0, -1.0]), np.full(3, 0.5), 0.0)), 1e-9),
    ("playground.md", 1, r"step function gives (\d+)", lambda: float(worked_example()[0].ACTIVATIONS["step"](0.0)), 1e-9),
    ("playground.md", 1, r"the sigmoid (\S+), tanh", lambda: float(worked_example()[0].ACTIVATIONS["sigmoid"](0.0)), 1e-9),
    ("playground.md", 1, r"tanh (\d+) and", lambda: float(worked_example()[0].ACTIVATIONS["tanh"](0.0)), 1e-9),
    ("playground.md", 1, r"ReLU (\d+)\.", lambda: float(worked_example()[0].ACTIVATIONS["relu"](0.0)), 1e-9),
    ("playground.md", 2, r"half-space \$(\S+) x_1", lambda: worked_example()[0].weights[0], 1e-9),
    ("playground.md", 2, r"x_1 - (\S+) x_2", lambda: -worked_example()[0].weights[1], 1e-9),
    ("playground.md", 2, r"\+ (\S+) x_3", lambda: worked_example()[0].weights[2], 1e-9),
    ("playground.md", 2, r"x_3 \+ (\S+) \\ge", lambda: worked_example()[0].bias, 1e-9),
    ("playground.md", 3, r"0\.5 = (\S+)\. \\end", lambda: (lambda m, z, s: s(z) * (1 - s(z)) * m.inputs[0])(*worked_example()), 2e-4),
    ("playground.md", 3, r"= (\S+)\$\. The playground", lambda: (lambda m, z, s: 0.1 * s(z) * (1 - s(z)) * m.inputs[0])(*worked_example()), 0.002),
    ("playground.md", 3, r"to \$z = (\S+)\$", lambda: (lambda m, z, s: z + 0.1 * m.inputs[0])(*worked_example()), 1e-9),
    ("playground.md", 3, r"\$y = (\S+)\$: a change", lambda: (lambda m, z, s: s(z + 0.1 * m.inputs[0]))(*worked_example()), 2e-4),
    ("playground.md", 3, r"a change of (\S+)\.", lambda: (lambda m, z, s: s(z + 0.1 * m.inputs[0]) - s(z))(*worked_example()), 0.002),
    ("playground.md", 4, r"\\tanh\(0\.96\) = (\S+) =", lambda: math.tanh(worked_example()[1]), 1e-4),
    ("playground.md", 4, r"= (\S+) = 2\\sigma\(1\.92\)", lambda: 2 * worked_example()[2](2 * worked_example()[1]) - 1, 1e-4),
    ("playground.md", 5, r"error near \$(10\^\{-16\})\$", playground_rounding_error, ORDER),
    # scale-and-energy 2 and 3
    ("scale-and-energy.md", 2, r"counted \(\$(\S+) \\times 10\^\{14\}\$\)",
     lambda: scale_constants()["synapses, neocortex"].value / 1e14, 1e-9),
    ("scale-and-energy.md", 3, r"\\approx (\S+)\$ J\. Memory", lambda: energy_per_token()[0], 0.01),
    ("scale-and-energy.md", 3, r"\\approx (\S+)\$ J, some", lambda: energy_per_token()[1], 0.01),
    ("scale-and-energy.md", 3, r"some (\d+) times more", lambda: energy_per_token()[1] / energy_per_token()[0], 0.1),
    # spiking-playground 1-5: the playground's simulation
    ("spiking-playground.md", 1, r"\\ln\(50/30\) = (\S+)\$ ms", lambda: lif().TAU * math.log(50 / 30), 0.001),
    ("spiking-playground.md", 1, r"first spike is at (\S+) ms", lambda: playground_lif()[1][5.0][0], 1e-9),
    ("spiking-playground.md", 1, r"\\ln\(45/30\) = (\S+)\$ ms", lambda: lif().TAU * math.log(45 / 30), 0.002),
    ("spiking-playground.md", 1, r"an interval is (\S+) ms", lambda: lif().T_REF + lif().TAU * math.log(45 / 30), 0.001),
    ("spiking-playground.md", 1, r"rounds up to (\S+) ms", lambda: float(np.diff(playground_lif()[1][5.0]).max()), 1e-9),
    ("spiking-playground.md", 1, r"\((\d+) steps\)", lambda: float(np.diff(playground_lif()[1][5.0]).min()) / lif().DT, 1e-9),
    ("spiking-playground.md", 1, r"/6\.1 = (\S+)\$", lambda: (1000 - 5.1) / 6.1, 0.001),
    ("spiking-playground.md", 1, r"= (\d+)\$ spikes", lambda: playground_count(5.0), 1e-9),
    ("spiking-playground.md", 1, r"closed form gives (\S+) Hz", lambda: float(lif().rate_closed_form(5.0)), 3e-4),
    ("spiking-playground.md", 2, r"halves it to (\d+) nA", lambda: (lif().V_TH - lif().E_L) / (2 * lif().R), 1e-9),
    ("spiking-playground.md", 3, r"fires (\d+) Hz at 3 nA", lambda: playground_count(3.0), 1e-9),
    ("spiking-playground.md", 3, r"and (\d+) Hz at 10 nA", lambda: playground_count(10.0), 1e-9),
    ("spiking-playground.md", 3, r"predicts (\d+) Hz at 10 nA", lambda: 8 * playground_count(3.0), 1e-9),
    ("spiking-playground.md", 3, r"= (\S+)\$ Hz/nA, the ReLU drawn", playground_relu_slope, 0.002),
    ("spiking-playground.md", 3, r"predicts (\d+) Hz at 3 nA", playground_relu_slope, 0.01),
    ("spiking-playground.md", 3, r"\$k = (\S+)\$ Hz/nA\. Even", best_relu_gain, 0.001),
    ("spiking-playground.md", 3, r"factor of (\S+) at both", lambda: playground_count(3.0) / best_relu_gain(), 0.003),
    ("spiking-playground.md", 3, r"\((\d+) Hz instead of 89", best_relu_gain, 0.01),
    ("spiking-playground.md", 3, r"(\d+) Hz instead of 263", lambda: 8 * best_relu_gain(), 0.002),
    ("spiking-playground.md", 3, r"\((\S+) Hz instead of 19", lambda: 0.01 * best_relu_gain(), 0.1),
    ("spiking-playground.md", 3, r"instead of (\d+) at 2\.01", lambda: playground_count(2.01), 1e-9),
    ("spiking-playground.md", 4, r"at least the (\d+) refractory", lambda: lif().T_REF / lif().DT, 1e-9),
    ("spiking-playground.md", 4, r"threshold, (\S+) ms, so", lambda: float(np.diff(playground_lif()[1][10_000.0]).max()), 1e-9),
    ("spiking-playground.md", 4, r"\\approx (\d+)\$ Hz", lambda: 1000 / float(np.diff(playground_lif()[1][10_000.0]).max()), 0.002),
    ("spiking-playground.md", 4, r"= (\d+)\$ Hz\. No", lambda: 1000 / lif().T_REF, 1e-9),
    ("spiking-playground.md", 5, r"rates are (\d+) and", lambda: playground_count(2.5), 1e-9),
    ("spiking-playground.md", 5, r"and (\d+) Hz\. A regular", lambda: playground_count(3.0), 1e-9),
    ("spiking-playground.md", 5, r"\$W > (\d+)\$ ms", lambda: 1000 * 2 / (playground_count(3.0) - playground_count(2.5)), 0.005),
    # spiking-playground's "What you should find" box
    ("spiking-playground.md", ("find", 1), r"\((\d+) spikes in the first second\)", lambda: playground_count(2.01), 1e-9),
    ("spiking-playground.md", ("find", 1), r"and not at (\S+) nA", lambda: 2.0 if playground_count(2.0) == 0 else math.nan, 1e-9),
    ("spiking-playground.md", ("find", 2), r"= (\S+)\$ mV", lambda: lif().E_L + lif().R * 1.8, 1e-9),
    ("spiking-playground.md", ("find", 3), r"after (\S+) ms", lambda: playground_lif()[1][2.01][0], 1e-9),
    ("spiking-playground.md", ("find", 3), r"and (\d+) spikes fit", lambda: playground_count(2.01), 1e-9),
    ("spiking-playground.md", ("find", 3), r"ReLU says (\S+) Hz", lambda: 0.01 * playground_relu_slope(), 0.1),
    ("spiking-playground.md", ("find", 4), r"takes (\S+) ms;", lambda: playground_lif()[1][3.0][0], 1e-9),
    ("spiking-playground.md", ("find", 4), r"plus a (\S+)-ms climb", lambda: np.diff(playground_lif()[1][3.0]).max() - lif().T_REF, 1e-6),
    ("spiking-playground.md", ("find", 4), r"(\S+) ms in the simulation", lambda: np.diff(playground_lif()[1][3.0]).max(), 1e-9),
    ("spiking-playground.md", ("find", 4), r"closed form says (\S+) ms", lambda: 1000 / float(lif().rate_closed_form(3.0)), 3e-4),
    ("spiking-playground.md", ("find", 4), r"= (\S+)\$ ms, so", lambda: playground_lif()[1][3.0][-1], 1e-6),
    ("spiking-playground.md", ("find", 4), r"so (\d+) spikes fit", lambda: playground_count(3.0), 1e-9),
    ("spiking-playground.md", ("find", 4), r"come at (\S+) ms", lambda: playground_lif()[1][3.0][-1] + 11.2, 1e-6),
    ("spiking-playground.md", ("find", 5), r"\((\d+) Hz against", lambda: playground_count(3.0), 1e-9),
    ("spiking-playground.md", ("find", 5), r"against (\d+) Hz at 3 nA", playground_relu_slope, 0.01),
    ("spiking-playground.md", ("find", 5), r"at 3 nA \((\d+) Hz/nA\)", lambda: playground_count(3.0), 1e-9),
    ("spiking-playground.md", ("find", 5), r"predict (\d+) Hz at 10 nA", lambda: 8 * playground_count(3.0), 1e-9),
    ("spiking-playground.md", ("find", 5), r"fires at (\d+) Hz", lambda: playground_count(10.0), 1e-9),
    ("spiking-playground.md", ("find", 6), r"\((\S+) ms at 10 nA\)", lambda: float(np.diff(playground_lif()[1][10.0]).max()), 1e-9),
    ("spiking-playground.md", ("find", 6), r"spike is at (\S+) ms", lambda: playground_lif()[1][10.0][0], 1e-9),
    ("spiking-playground.md", ("find", 6), r"= (\d+)\$ spikes", lambda: playground_count(10.0), 1e-9),
    ("spiking-playground.md", ("find", 6), r"closed form gives (\S+) Hz", lambda: float(lif().rate_closed_form(10.0)), 2e-4),
    # terminology 4: the FlyWire count as the page's body cites it
    ("terminology.md", 4, r"individual neurons \(([\d,]+) of them\)", lambda: number(re.search(
        r"contains ([\d,]+) neurons", (DOCS / "terminology.md").read_text(encoding="utf-8")).group(1)), 1e-9),
    # weight-transport 2: random vectors in 20 dimensions
    ("weight-transport.md", 2, r"expected angle is \$(\d+)°", lambda: random_vector_angles()[0].mean(), 0.005),
    ("weight-transport.md", 2, r"about \$\\pm (\S+)\$", lambda: random_vector_angles()[1].std(), 0.03),
    ("weight-transport.md", 2, r"between roughly \$(\d+)°", lambda: np.degrees(np.arccos(random_vector_angles()[1].std())), 0.01),
    ("weight-transport.md", 2, r"and \$(\d+)°\$", lambda: np.degrees(np.arccos(-random_vector_angles()[1].std())), 0.01),
    ("weight-transport.md", 2, r"angle of about \$(\d+)°",
     lambda: load_snippet("weight_transport/feedback_alignment.py").train("feedback alignment", steps=1)[1][0], 0.03),
    # spike-energy 2: the ATP free-energy range as a spread about its middle
    ("spike-energy.md", 2, r"±(\d+)% about its middle", lambda: (lambda c: 100 * (c.high - c.low) / 2 / c.mid)(
        load_snippet("spike_energy/costs.py").ATP_KJ_PER_MOL), 0.01),
    # spike-energy 3: the rate limit is proportional to ATP per glucose and to the brain's power
    # (the free energy of ATP cancels), so each range moves it by high/low
    # spike-energy 2: synaptic events per multiply-accumulate, human cortex (both ends)
    ("spike-energy.md", 2, r"\((\d+) to \d+ synaptic events per multiply-accumulate",
     lambda: synaptic_events_per_mac()[0], 1e-9),
    ("spike-energy.md", 2, r"\(\d+ to (\d+) synaptic events per multiply-accumulate",
     lambda: synaptic_events_per_mac()[1], 1e-9),
    ("spike-energy.md", 3, r"\$32/30 = (\S+)\$", lambda: (lambda c: round(c.high / c.low, 2))(
        load_snippet("spike_energy/costs.py").ATP_PER_GLUCOSE), 1e-9),
    ("spike-energy.md", 3, r"\$16\.5/13\.5 = (\S+)\$", lambda: (lambda b: round(b.rate_limit(16.5, 31) / b.rate_limit(13.5, 31), 2))(
        load_snippet("spike_energy/activity_budget.py")), 1e-9),
    # spiking-networks 3: the IF rate is within 1/T of the ReLU; 1/T <= 0.01 needs T >= 100 steps of 1 ms
    ("spiking-networks.md", 3, r"needs \$T \\ge (\d+)\$ steps", CONVERSION_STEPS, 1e-9),
    ("spiking-networks.md", 3, r"= (\d+)\$ ms per input", lambda: CONVERSION_STEPS() * 1.0, 1e-9),
    # dendrites 1: Rall's 3/2 rule for two equal daughters of a 4-um parent, and the conductances
    ("dendrites.md", 1, r"d = 4\^\{2/3\} = (\S+)\$ µm", lambda: 4 ** (2 / 3), 0.002),
    ("dendrites.md", 1, r"is (\S+) nS\s+for the 4-µm", lambda: rall_conductance(4e-6) * 1e9, 0.002),
    ("dendrites.md", 1, r"and (\S+) nS\s+for each daughter", lambda: rall_conductance(4 ** (2 / 3) * 1e-6) * 1e9, 0.002),
    ("dendrites.md", 1, r"give\s+(\S+) nS again", lambda: 2 * rall_conductance(4 ** (2 / 3) * 1e-6) * 1e9, 0.002),
    # xor 3 and 5
    ("xor.md", 3, r"\\approx (\S+)\$, and", lambda: xor_dendrite_tau_range()[0], 0.002),
    ("xor.md", 3, r"So \$(\S+) < \\tau", lambda: xor_dendrite_tau_range()[0], 0.01),
    ("xor.md", 3, r"\\tau < (\S+)\$\.", lambda: xor_dendrite_tau_range()[1], 0.002),
    ("xor.md", 5, r"gives (\d+) of 50 with 3", lambda: xor_solved_counts()[3], 1e-9),
    ("xor.md", 5, r"(\d+) of 50 with 4", lambda: xor_solved_counts()[4], 1e-9),
    ("xor.md", 5, r"(\d+) of 50 with 6", lambda: xor_solved_counts()[6], 1e-9),
    # third-factor 5: the trace time constant that leaves a tenth of the trace 2 s after a pairing
    ("third-factor.md", 5, r"\\ln 10 = (\S+)\$ s", TAU_FOR_TENTH, 0.01),
    ("decisions.md", 1, r"\$\\mu = \\ln 9 / 2 = (\S+)\$", DRIFT_FOR_90, 0.001),
    ("decisions.md", 1, r"= (\S+)\$ s\.", lambda: float(decision_ddm().mean_time(DRIFT_FOR_90(), 1.0, 1.0)), 0.001),
    ("decisions.md", 2, r"\$1/\(1 \+ e\^\{-2\}\) = (\S+)\$", lambda: float(decision_ddm().p_correct(1.0, 1.0)), 0.001),
    ("decisions.md", 2, r"\$1/\(1 \+ e\^\{-4\}\) = (\S+)\$", lambda: float(decision_ddm().p_correct(1.0, 2.0)), 0.001),
    ("decisions.md", 2, r"\$\\tanh 1 = (\S+)\$ s", lambda: float(decision_ddm().mean_time(1.0, 1.0)), 0.001),
    ("decisions.md", 2, r"\$2 \\tanh 2 = (\S+)\$ s", lambda: float(decision_ddm().mean_time(1.0, 2.0)), 0.001),
    ("decisions.md", 2, r"a factor of (\d\.\d+)\.", TIME_FACTOR, 0.005),
    # predictive-coding 1: cosine before inference (T = 0); 2: relative error at equilibrium, gamma = 0.001
    ("predictive-coding.md", 1, r"cosine of (0\.\d+)", lambda: float(predictive_coding_sweep()[0][0, 0]), 1e-4),
    ("predictive-coding.md", 2, r"table gives (0\.\d+)", lambda: float(predictive_coding_sweep()[1][-1, -1]), 0.02),
    # comparing-representations 1: the three dominant units against the true responses (2 is asserted by
    # test_comparing_representations.py, 3 has no number in its solution)
    ("comparing-representations.md", 1, r"barely moves, (0\.\d+) against", lambda: comparing("3 dominant units", "predictivity"), 0.001),
    ("comparing-representations.md", 1, r"against (0\.\d+) for the true", lambda: comparing("the true responses", "predictivity"), 0.001),
    ("comparing-representations.md", 1, r"CKA falls to (0\.\d+)", lambda: comparing("3 dominant units", "CKA"), 0.001),
    ("comparing-representations.md", 1, r"RSA to (0\.\d+)", lambda: comparing("3 dominant units", "RSA"), 0.001),
    ("comparing-representations.md", 1, r"rises to (0\.\d+)", lambda: comparing("3 dominant units", "Procrustes angle"), 0.001),
]

def synaptic_events_per_mac() -> tuple[int, int]:
    """A multiply-accumulate's energy over a synaptic event's (a human spike's ATP, in pJ, over
    the synapses a neuron drives): fewest and most events, from the ATP free-energy range."""
    costs = load_snippet("spike_energy/costs.py")
    low, high = costs.picojoules(costs.ATP_PER_SPIKE_HUMAN.low)
    per_event = (low / costs.synapses_per_neuron(), high / costs.synapses_per_neuron())
    return round(costs.mac_pj() / per_event[1]), round(costs.mac_pj() / per_event[0])


# A solution "states a numeric answer" if it has a decimal number, a number with a unit,
# or a number of three or more digits, outside code spans, citations and years (1500-2099).
NUMERIC = re.compile(r"(?<![\w.@^{])(?:\d+\.\d+|\d[\d,]*\s?(?:%|ms|s|Hz|mV|nA|µA/cm²|W|kcal|pJ|nJ)(?![\w/])|\d{3,})")


def states_a_number(solution: str) -> bool:
    plain = re.sub(r"`[^`]*`|\[@[^\]]*\]|\[[^\]]*\]\([^)]*\)|\b(?:1[5-9]|20)\d\d\b(?![.,]\d)", "", solution)
    return bool(NUMERIC.search(plain))


SOLUTIONS = solutions()


def agrees(written: float, computed: float, tol) -> bool:
    if tol == ORDER:
        return written > 0 and computed > 0 and abs(math.log10(written / computed)) <= 1
    return math.isclose(written, computed, rel_tol=tol, abs_tol=1e-12)


def label(n) -> str:
    return f"'What you should find' {n[1]}" if isinstance(n, tuple) else f"exercise {n}"


@pytest.mark.parametrize(("page", "n", "pattern", "compute", "tol"), ANSWERS,
                         ids=[f"{a[0]}-{a[1] if isinstance(a[1], int) else 'find' + str(a[1][1])}-{i}"
                              for i, a in enumerate(ANSWERS)])
def test_answer_as_written_matches_its_computation(page, n, pattern, compute, tol):
    solution = SOLUTIONS[(page, n)]
    match = re.search(pattern, solution)
    assert match, f"docs/{page}, {label(n)}: the answer pattern {pattern!r} is not in the solution"
    written, computed = number(match.group(1)), float(compute())
    assert agrees(written, computed, tol), (
        f"docs/{page}, {label(n)}: the page says {match.group(1)}, the computation gives {computed:.4g}")


# Solutions whose numbers a dedicated test checks (the answer is a construction, not one
# number, or the page's own test file already recomputes it from the page's snippets and
# compares it with the number as written): (page, exercise) -> that test, either a test
# below ("test_name") or one in another test file ("test_file.py::test_name").
CHECKED_BY_TEST = {
    ("xor.md", 1): "test_xor_by_hand_computes_xor",
    ("biology-back.md", 1): "test_biology_back.py::test_exercise_answers_on_page_are_computed",
    ("attractors.md", 1): "test_attractors.py::test_exercise_answer_on_page_is_computed",
    **{("continuous-attractors.md", n): "test_continuous_attractors.py::test_exercise_answers_are_computed"
       for n in range(1, 6)},
    **{("receptive-fields.md", n): "test_receptive_fields.py::test_exercise_answers_on_page_are_computed"
       for n in range(1, 4)},
    ("dendrites.md", 1): "test_dendrites.py::test_input_resistance_and_end_ratios_quoted_on_page",
    ("dendrites.md", 2): "test_dendrites.py::test_input_resistance_and_end_ratios_quoted_on_page",
    ("dendrites.md", 3): "test_dendrites.py::test_input_resistance_and_end_ratios_quoted_on_page",
    ("excitability.md", 1): "test_excitability.py::test_fhn_fixed_point_lies_on_both_nullclines_and_is_a_stable_focus",
    ("excitability.md", 2): "test_excitability.py::test_fhn_hopf_current_from_the_trace_and_by_simulation",
    ("excitability.md", 3): "test_excitability.py::test_fi_snippet_grid_numbers_on_page",
    ("excitability.md", 4): "test_excitability.py::test_type_two_sweep_shows_the_hysteresis_of_a_subcritical_hopf",
    ("firing-patterns.md", 1): "test_firing_patterns.py::test_rheobase_closed_form_against_simulation",
    ("firing-patterns.md", 3): "test_firing_patterns.py::test_two_activation_curves_and_exercise_numbers",
    ("firing-patterns.md", 4): "test_firing_patterns.py::test_two_activation_curves_and_exercise_numbers",
    **{("inhibition.md", n): "test_inhibition.py::test_exercise_answers_are_computed" for n in range(1, 6)},
    **{("noise.md", n): "test_noise.py::test_exercise_answers_are_computed" for n in range(1, 5)},
    **{("population-dynamics.md", n): "test_population_dynamics.py::test_exercise_answers_are_computed"
       for n in range(1, 4)},
    **{("synapses.md", n): "test_synapses.py::test_exercise_answers_are_computed" for n in range(1, 5)},
    **{("population-codes.md", n): "test_population_codes.py::test_numbers_on_the_page_are_computed" for n in (1, 2, 3)},
    ("spike-energy.md", 1): "test_spike_energy.py::test_page_numbers_match_the_computation",
    ("spiking-networks.md", 1): "test_spiking_networks.py::test_exercise_answer_on_page_is_computed",
    ("spiking-networks.md", 4): "test_spiking_networks.py::test_surrogate_steepness_exercise_numbers",
    ("spiking-networks.md", 5): "test_spiking_networks.py::test_spike_time_gradient_exercise_numbers",
    ("third-factor.md", 1): "test_third_factor.py::test_exercise_answers_on_page_are_computed",
    ("third-factor.md", 2): "test_third_factor.py::test_exercise_answers_on_page_are_computed",
    ("third-factor.md", 3): "test_third_factor.py::test_bcm_exercise_fixed_point_with_unequal_frequencies",
    ("comparing-representations.md", 4): "test_comparing_representations.py::test_exercise_on_doubled_noise_is_computed",
}


def checks_the_page(name: str, page: str) -> bool:
    """A test named in CHECKED_BY_TEST exists (here or in the test file it names) and
    compares with the page's text: it reads ``docs/<page>`` (the page's file name in its
    body, or a module-level name or helper holding or reading that text, e.g. ``PAGE`` or
    ``on_page``) and it asserts (an ``assert``, or a call of such a helper). A test that
    only recomputes a number, without the page, does not check an answer."""
    file, func = name.split("::") if "::" in name else ("test_exercise_answers.py", name)
    path = ROOT / "tests" / file
    if not path.is_file():
        return False
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    if func not in functions:
        return False
    page_names: set[str] = set()  # module-level names bound to the page's text, or reading it

    def reads(node: ast.AST) -> bool:
        return page in (ast.get_source_segment(source, node) or "") or any(
            isinstance(n, ast.Name) and n.id in page_names for n in ast.walk(node))

    grown = True
    while grown:
        grown = False
        for node in tree.body:
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None and reads(node.value):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = {n.id for target in targets for n in ast.walk(target) if isinstance(n, ast.Name)}
            elif isinstance(node, ast.FunctionDef) and node.name != func and reads(node):
                names = {node.name}
            else:
                continue
            if not names <= page_names:
                page_names |= names
                grown = True
    test = functions[func]
    asserts = any(isinstance(n, ast.Assert) for n in ast.walk(test)) or any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in page_names for n in ast.walk(test))
    return reads(test) and asserts


def test_every_numeric_answer_is_computed():
    checked = {(a[0], a[1]) for a in ANSWERS} | set(CHECKED_BY_TEST)
    unchecked = [f"docs/{page}, {label(n)}" for (page, n), text in SOLUTIONS.items()
                 if states_a_number(text) and (page, n) not in checked and "```snippet" not in text]
    assert not unchecked, ("numeric answers with no computation (add an entry to ANSWERS in "
                           f"tests/test_exercise_answers.py): {unchecked}")
    missing = [f"{page}, {label(n)}: {name}" for (page, n), name in CHECKED_BY_TEST.items()
               if not checks_the_page(name, page)]
    assert not missing, f"CHECKED_BY_TEST names tests that do not exist or do not check the page: {missing}"
    stale = [f"{page}, {label(n)}" for page, n in CHECKED_BY_TEST if (page, n) not in SOLUTIONS]
    assert not stale, f"CHECKED_BY_TEST names exercises that have no solution: {stale}"


def test_a_missing_test_in_another_file_is_caught():
    assert checks_the_page("test_dendrites.py::test_input_resistance_and_end_ratios_quoted_on_page", "dendrites.md")
    assert not checks_the_page("test_dendrites.py::test_no_such_test", "dendrites.md")
    assert not checks_the_page("test_no_such_file.py::test_superposition_of_two_inputs", "dendrites.md")


def test_a_test_that_never_reads_the_page_is_caught():
    """A test that recomputes the numbers by hand but never compares them with the page
    (spike-energy's ratios test) does not count as checking an exercise's answer."""
    assert not checks_the_page("test_spike_energy.py::test_energy_ratios_recomputed_by_hand", "spike-energy.md")
    assert checks_the_page("test_spike_energy.py::test_page_numbers_match_the_computation", "spike-energy.md")
    assert not checks_the_page("test_spike_energy.py::test_page_numbers_match_the_computation", "noise.md")


def test_the_old_tenfold_error_would_fail():
    """The rates exercise 3 once said W >= 0.1 s for one neuron; the check must reject it."""
    solution = SOLUTIONS[("rates-and-activations.md", 3)].replace(r"i.e. $W \ge 1$ s", r"i.e. $W \ge 0.1$ s")
    written = number(re.search(ANSWERS[0][2], solution).group(1))
    assert ANSWERS[0][3] is LISTENING_WINDOW
    assert not math.isclose(written, LISTENING_WINDOW(), rel_tol=ANSWERS[0][4])


def test_an_order_of_magnitude_answer_can_fail():
    assert agrees(1e-3, 8.8e-4, ORDER) and not agrees(1e-3, 5e-5, ORDER) and not agrees(1e-18, 7e-16, ORDER)


def test_xor_by_hand_computes_xor():
    """xor exercise 1: the step-unit weights and biases as written compute XOR."""
    solution = SOLUTIONS[("xor.md", 1)]
    units = re.findall(r"\$w = \((\S+), (\S+)\)\$, \$b = (\S+)\$", solution)
    assert len(units) == 3, f"docs/xor.md, exercise 1: expected three units (w, b), found {units}"
    (w1, b1), (w2, b2), (w3, b3) = [(np.array([number(a), number(b)]), number(c)) for a, b, c in units]
    x = load_snippet("xor/two_layer.py").X
    step = lambda z: (z > 0).astype(float)  # noqa: E731 (the page's perceptron: fires when z > 0)
    h = np.column_stack([step(x @ w1 + b1), step(x @ w2 + b2)])
    assert np.array_equal(h[:, 0], [0, 1, 1, 1]) and np.array_equal(h[:, 1], [0, 0, 0, 1])  # OR, AND
    assert np.array_equal(step(h @ w3 + b3), [0, 1, 1, 0])


def test_hodgkin_huxley_original_alpha_n_is_the_pages():
    """hodgkin-huxley exercise 3: alpha_n in HH's convention, V_HH = -(V + 65), is model.alpha_n."""
    v = np.linspace(-100, 40, 141) + 0.05          # avoid the removable 0/0 point
    v_hh = -(v + 65)
    original = 0.01 * (v_hh + 10) / (np.exp((v_hh + 10) / 10) - 1)
    np.testing.assert_allclose(hh().alpha_n(v), original, rtol=1e-9)


def test_batched_xor_training_is_the_pages_training():
    m = load_snippet("xor/two_layer.py")
    params, solved = batched_xor(3, [1, 2])
    for i, seed in enumerate((1, 2)):
        p, _ = m.train(np.random.default_rng(seed), n_hidden=3)
        np.testing.assert_allclose(params["W1"][i], p["W1"], rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(params["b2"][i], p["b2"], rtol=1e-6, atol=1e-9)
        assert solved[i] == bool(np.all((m.forward(p, m.X)[0] > 0.5) == m.T))
