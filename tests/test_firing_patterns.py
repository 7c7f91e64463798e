"""AdEx firing patterns: each Naud et al. (2008) parameter set gives its pattern (spike
counts, adaptation ratios, classification), the rheobase matches its closed form, the
irregular set is chaotic and the others are not, and Brian2 gives the same spikes."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import ROOT, load_snippet
from helpers import check_built_page, number_with_unit_on

adex = load_snippet("firing_patterns/adex.py")
two = load_snippet("firing_patterns/two_curves.py")
PAGE = (ROOT / "docs" / "firing-patterns.md").read_text(encoding="utf-8")
NAMES = list(adex.PATTERNS)
REGULAR = ["tonic", "adapting", "initial burst", "bursting"]


def on_page(number: str, unit: str = "") -> bool:
    return number_with_unit_on(PAGE, number, unit)


@pytest.fixture(scope="module")
def spikes():
    return dict(zip(NAMES, adex.simulate(NAMES)))


def test_page_table_is_the_parameter_set_used():
    """The page's table of Naud et al.'s values equals PATTERNS (V_T, Delta_T in the text)."""
    lines = [line for line in PAGE.splitlines() if line.startswith("| ")]
    header = next(line for line in lines if line.startswith("| Parameter | tonic"))
    names = [c.strip() for c in header.strip("|").split("|")][1:]
    assert names == NAMES
    symbols = {"$C$": "C", "$g_\\text{L}$": "g_L", "$E_\\text{L}$": "E_L", "$a$": "a",
               "$\\tau_w$": "tau_w", "$b$": "b", "$V_r$": "V_r", "step current $I$": "I"}
    seen = set()
    for line in lines:
        cells = [c.strip() for c in line.strip("|").split("|")]
        symbol = cells[0].rsplit(" (", 1)[0]
        if symbol in symbols:
            key = symbols[symbol]
            seen.add(key)
            k = adex.NAMES.index(key)
            assert [float(c.replace("−", "-")) for c in cells[1:]] == [adex.PATTERNS[n][k] for n in NAMES]
    assert seen == set(symbols.values())
    assert all(adex.PATTERNS[n][3:5] == (-50, 2) for n in NAMES)     # V_T, Delta_T


def test_each_set_is_classified_as_its_pattern(spikes):
    for name, s in spikes.items():
        assert adex.classify(s) == name


def test_spike_counts_and_adaptation(spikes):
    counts = {name: len(s) for name, s in spikes.items()}
    assert counts["tonic"] == 101 and counts["adapting"] == 17
    assert counts["initial burst"] == 18 and counts["bursting"] == 17
    assert 45 <= counts["irregular"] <= 60                 # chaotic: the exact count is fragile
    ratio = {name: adex.adaptation_ratio(s) for name, s in spikes.items()}
    assert ratio["tonic"] < 1.15                           # barely slows down
    assert ratio["adapting"] > 5                           # gradual lengthening
    isi = np.diff(spikes["adapting"])
    assert np.all(np.diff(isi) > -0.2)                     # (monotone up to rounding)
    isi = np.diff(spikes["initial burst"])
    assert isi[0] < 5 and isi[1] < 10 and isi[2] > 40      # fast spikes, then a jump
    isi = np.diff(spikes["bursting"])[-6:]
    assert adex.period(isi) == 2                           # bursts of two spikes
    assert isi.min() < 10 and isi.max() > 100
    # The page's table numbers (first ISI, last ISI, ratio for the regular patterns).
    for name in ("tonic", "adapting"):
        s = spikes[name]
        assert on_page(f"{np.diff(s)[0]:.1f}", "ms")
    assert on_page(f"{np.diff(spikes['tonic'])[-1]:.1f}", "ms")


def test_rheobase_closed_form_against_simulation():
    for name, expected in (("tonic", 220.4), ("adapting", 256.3)):
        i_rh = adex.rheobase(name)
        assert i_rh == pytest.approx(expected, abs=0.05)
        assert on_page(f"{i_rh:.1f}", "pA")
        below, above = adex.simulate([name, name], t_max=2000.0, current=[i_rh - 1, i_rh + 2])
        assert len(below) <= 1 and len(above) >= 3


def test_cut_off_does_not_matter_for_regular_patterns(spikes):
    original = adex.V_PEAK
    try:
        for peak in (-10.0, 20.0):
            adex.V_PEAK = peak
            moved = adex.simulate(REGULAR)
            assert [len(s) for s in moved] == [len(spikes[n]) for n in REGULAR]
    finally:
        adex.V_PEAK = original


def test_irregular_set_is_chaotic_and_tonic_is_not():
    for name, chaotic in (("irregular", True), ("tonic", False)):
        current = adex.PATTERNS[name][-1]
        a, b = adex.simulate([name, name], current=[current, current * (1 + 1e-9)])
        k = min(len(a), len(b))
        difference = np.max(np.abs(a[:k] - b[:k])) if len(a) == len(b) else np.inf
        assert (difference > 1.0) == chaotic, (name, difference)


def test_two_activation_curves_and_exercise_numbers():
    first, late = two.initial_and_adapted_rates(np.array([500.0]))
    assert on_page(f"{first[0]:.1f}", "Hz") and on_page(f"{late[0]:.1f}", "Hz")
    assert on_page(f"{first[0] / late[0]:.1f}")
    # Exercise 3: b = 0 in the adapting set.
    adex.PATTERNS["adapting without b"] = adex.PATTERNS["adapting"][:7] + (0,) + adex.PATTERNS["adapting"][8:]
    try:
        s = adex.simulate(["adapting without b"])[0]
    finally:
        del adex.PATTERNS["adapting without b"]
    assert on_page(f"{len(s)}", "spikes")
    isi = np.diff(s)
    assert on_page(f"{isi[0]:.1f}") and on_page(f"{isi[-1]:.1f}", "ms")
    # Exercise 4: the bursting set at other currents keeps bursting; burst periods.
    for current, size, period in ((150, 2, 195), (300, 2, 97), (600, 3, 67)):
        s = adex.simulate(["bursting"], current=[current])[0]
        isi = np.diff(s)[-6:]
        assert adex.classify(s) == "bursting"
        assert adex.period(isi) == size                    # ISIs per period = spikes per burst
        assert isi[:adex.period(isi)].sum() == pytest.approx(period, abs=0.6)
        assert on_page(f"{period}", "ms")


@pytest.mark.slow  # a Brian2 cross-check (Brian2 generates code for each model): in `make test`, not `make quick`
def test_brian2_gives_the_same_spikes():
    """Brian2's own forward Euler, threshold and reset (numpy target), same step: it labels
    a spike with the start of the step in which V crossed V_peak, as adex.py does."""
    import brian2 as b2

    b2.prefs.codegen.target = "numpy"
    b2.start_scope()
    b2.defaultclock.dt = adex.DT * b2.ms
    names = ["tonic", "adapting", "bursting"]
    p = adex.parameters(names)
    eqs = """
    dv/dt = (-g_L*(v - E_L) + g_L*Delta_T*exp((v - V_T)/Delta_T) - w + I) / C : volt
    dw/dt = (a*(v - E_L) - w) / tau_w : amp
    C : farad
    g_L : siemens
    E_L : volt
    V_T : volt
    Delta_T : volt
    a : siemens
    tau_w : second
    b : amp
    V_r : volt
    I : amp
    """
    group = b2.NeuronGroup(len(names), eqs, threshold="v > 0*mV", reset="v = V_r; w += b",
                           method="euler")
    units = {"C": b2.pF, "g_L": b2.nS, "E_L": b2.mV, "V_T": b2.mV, "Delta_T": b2.mV, "a": b2.nS,
             "tau_w": b2.ms, "b": b2.pA, "V_r": b2.mV, "I": b2.pA}
    for key, unit in units.items():
        setattr(group, key, p[key] * unit)
    group.v = p["E_L"] * b2.mV
    group.w = 0 * b2.pA
    monitor = b2.SpikeMonitor(group)
    b2.run(1000 * b2.ms)
    theirs = monitor.spike_trains()
    ours = adex.simulate(names)
    for j, name in enumerate(names):
        t = np.asarray(theirs[j] / b2.ms)
        assert len(t) == len(ours[j]), name
        assert t == pytest.approx(ours[j], abs=1e-6), name


def test_built_page_has_figures_exercises_and_references(site):
    check_built_page(site, "firing-patterns")


def adex_stability_loss(name):
    """Where the AdEx resting state loses stability as the current rises, found independently
    of the closed form: rest is the lower root of dV/dt = 0 with w = a (V - E_L) (by bisection
    left of the fixed-point curve's maximum), its Jacobian is taken by central differences of
    the two equations, and the current is scanned and bisected for the first eigenvalue with
    a positive real part. Returns (current, eigenvalues just below it)."""
    p = dict(zip(adex.NAMES, adex.PATTERNS[name]))

    def rhs(v, w, current):
        dv = (-p["g_L"] * (v - p["E_L"]) + p["g_L"] * p["Delta_T"] * np.exp((v - p["V_T"]) / p["Delta_T"])
              - w + current) / p["C"]
        return np.array([dv, (p["a"] * (v - p["E_L"]) - w) / p["tau_w"]])

    def rest(current):
        f = lambda v: rhs(v, p["a"] * (v - p["E_L"]), current)[0]
        v_grid = np.linspace(p["E_L"] - 5, p["V_T"] + 5 * p["Delta_T"], 20001)
        vals = np.array([f(v) for v in v_grid[::100]])
        k = np.flatnonzero(np.diff(np.sign(vals)) != 0)
        if len(k) == 0:
            return None
        lo, hi = v_grid[::100][k[0]], v_grid[::100][k[0] + 1]
        for _ in range(100):
            mid = 0.5 * (lo + hi)
            lo, hi = (mid, hi) if np.sign(f(mid)) == np.sign(f(lo)) else (lo, mid)
        return 0.5 * (lo + hi)

    def eigenvalues(current):
        v = rest(current)
        if v is None:
            return None
        w, h = p["a"] * (v - p["E_L"]), 1e-6
        jac = np.column_stack([(rhs(v + h, w, current) - rhs(v - h, w, current)) / (2 * h),
                               (rhs(v, w + h, current) - rhs(v, w - h, current)) / (2 * h)])
        return np.linalg.eigvals(jac)

    stable = lambda c: (e := eigenvalues(c)) is not None and np.all(e.real < 0)
    lo, hi = 150.0, 300.0
    assert stable(lo) and not stable(hi)
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if stable(mid) else (lo, mid)
    return lo, eigenvalues(lo - 1e-6)


def test_rheobase_route_saddle_node_or_hopf():
    """Touboul & Brette (2008): rest is lost in a saddle-node when a < C / tau_w, else in a
    Hopf bifurcation below the closed-form maximum. Tonic: a = 2 < 6.7 nS; adapting: 2 > 0.67."""
    tonic, adapting = adex_stability_loss("tonic"), adex_stability_loss("adapting")
    p_t, p_a = (dict(zip(adex.NAMES, adex.PATTERNS[n])) for n in ("tonic", "adapting"))
    assert p_t["a"] < p_t["C"] / p_t["tau_w"] and p_a["a"] > p_a["C"] / p_a["tau_w"]
    # Tonic: stability is lost where rest disappears, at the closed-form rheobase, with a real
    # eigenvalue going to zero.
    assert tonic[0] == pytest.approx(adex.rheobase("tonic"), abs=0.01)
    assert np.all(tonic[1].imag == 0) and np.abs(tonic[1]).min() < 0.01
    # Adapting: a complex pair crosses first (Hopf), a little below the maximum.
    assert np.all(tonic[1].imag == 0) and np.all(np.abs(adapting[1].imag) > 0)
    assert 0.05 < adex.rheobase("adapting") - adapting[0] < 0.5
    assert on_page(f"{adapting[0]:.1f}", "pA")
    assert on_page(f"{p_t['C'] / p_t['tau_w']:.1f}", "nS") and on_page(f"{p_a['C'] / p_a['tau_w']:.2f}", "nS")
