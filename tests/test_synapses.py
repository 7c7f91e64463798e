"""Science of the synapse page (docs/synapses.md) and the numbers in its exercises.

Conductance input: the Euler simulation against the exact exponential solution and
closed-form steady state; NMDA magnesium block against Jahr & Stevens's (1990)
formula; the Tsodyks-Markram synapse against its closed-form steady state for a
regular train; stochastic release against the binomial distribution. Synaptic
kinetics: the difference of exponentials against its closed-form peak time and
normalisation, and its limit, the alpha function.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from conftest import ROOT, load_snippet
from helpers import assert_written

cond = load_snippet("synapses/conductance.py")
stp = load_snippet("synapses/short_term.py")
rel = load_snippet("synapses/release.py")
kin = load_snippet("synapses/kinetics.py")
PAGE = (ROOT / "docs" / "synapses.md").read_text(encoding="utf-8")
EXERCISES = PAGE[PAGE.index("## Exercises"):]


def on_page(value: float, fmt: str, text: str = PAGE) -> None:
    assert_written(value, fmt, text)


@pytest.mark.parametrize("g, e_syn", [(0.01, 0.0), (0.1, 0.0), (0.05, -70.0), (0.2, -80.0)])
def test_conductance_step_matches_exact_exponential(g, e_syn):
    t, v = cond.relax_conductance(g, e_syn, t_max=100.0, dt=0.1, v0=-60.0)
    v_inf = (cond.E_L + cond.R * g * e_syn) / (1 + cond.R * g)
    assert cond.v_inf_conductance(g, e_syn) == pytest.approx(v_inf)
    tau = cond.TAU / (1 + cond.R * g)
    assert cond.tau_eff(g) == pytest.approx(tau)
    # Forward Euler is exactly V_inf + (V0 - V_inf)(1 - dt/tau_eff)^k ...
    k = np.arange(len(t))
    assert v == pytest.approx(v_inf + (-60.0 - v_inf) * (1 - 0.1 / tau) ** k, abs=1e-9)
    # ... and within 1 % of the distance to go of the exact solution e^(-t/tau_eff).
    exact = v_inf + (-60.0 - v_inf) * np.exp(-t / tau)
    assert np.max(np.abs(v - exact)) <= 0.01 * abs(-60.0 - v_inf) + 1e-12
    assert v[-1] == pytest.approx(v_inf, abs=1e-3)


def test_conductance_saturates_and_sums_sublinearly():
    g = np.array([0.01, 0.1, 1.0, 100.0])
    depol = cond.v_inf_conductance(g) - cond.E_L
    assert np.all(np.diff(depol) > 0) and np.all(depol < cond.E_EXC - cond.E_L)
    one, two = cond.v_inf_conductance(0.02) - cond.E_L, cond.v_inf_conductance(0.04) - cond.E_L
    assert two < 2 * one
    # A current sums exactly.
    assert cond.v_inf_current(2.0) - cond.E_L == pytest.approx(2 * (cond.v_inf_current(1.0) - cond.E_L))
    # Shunting: a conductance reversing at rest does nothing at rest.
    assert cond.v_inf_conductance(0.5, cond.E_L) == pytest.approx(cond.E_L)


def test_mg_block_is_jahr_stevens_formula():
    for v in (-100.0, -70.0, -40.0, -20.0, 0.0, 30.0):
        for mg in (0.1, 1.0, 2.0):
            assert cond.mg_block(v, mg) == pytest.approx(1 / (1 + mg / 3.57 * math.exp(-0.062 * v)))
    # Values at 1 mM, computed by hand from the formula.
    assert cond.mg_block(-70.0) == pytest.approx(1 / (1 + math.exp(4.34) / 3.57), rel=1e-12)
    assert cond.mg_block(-70.0) == pytest.approx(0.0445, abs=5e-5)
    assert cond.mg_block(-20.0) == pytest.approx(0.508, abs=5e-4)
    assert cond.mg_block(0.0) == pytest.approx(1 / (1 + 1 / 3.57))
    # Half-block potential: V = ln(3.57 / [Mg]) / -0.062 = -20.5 mV at 1 mM.
    assert cond.mg_block(math.log(3.57) / -0.062) == pytest.approx(0.5)
    assert cond.mg_block(-70.0, mg=0.0) == 1.0


@pytest.mark.parametrize("params", [stp.DEPRESSING, stp.FACILITATING,
                                    {"U": 0.3, "tau_d": 200.0, "tau_f": 50.0}])
@pytest.mark.parametrize("rate", [2.0, 20.0, 80.0])
def test_tsodyks_markram_train_reaches_closed_form_steady_state(params, rate):
    train = np.arange(400) * 1000.0 / rate
    resp, u, r = stp.respond(train, **params)
    assert resp[0] == pytest.approx(params["U"])           # a rested synapse releases U
    steady, u_star, r_star = stp.steady_state(rate, **params)
    assert resp[-1] == pytest.approx(steady, rel=1e-9)
    assert u[-1] == pytest.approx(u_star, rel=1e-9) and r[-1] == pytest.approx(r_star, rel=1e-9)


def test_depressing_synapse_transmits_at_most_one_over_tau_d():
    """At high rates r u* R* -> 1 / tau_d (Tsodyks & Markram 1997)."""
    p = stp.DEPRESSING
    rates = np.array([100.0, 1000.0, 10000.0])
    transmitted = rates * stp.steady_state(rates, **p)[0]          # per second
    assert np.all(np.diff(transmitted) > 0)
    assert transmitted[-1] == pytest.approx(1000.0 / p["tau_d"], rel=1e-3)


def test_release_matches_binomial():
    rng = np.random.default_rng(1)
    n, p, q, trials = rel.N_SITES, rel.P_RELEASE, 2.0, 200_000
    amps = rel.release(n, p, q, trials, rng)
    k, pmf = rel.binomial_pmf(n, p)
    assert pmf.sum() == pytest.approx(1.0)
    mean, var = n * p * q, n * p * (1 - p) * q**2
    assert (k * q) @ pmf == pytest.approx(mean) and ((k * q - mean) ** 2) @ pmf == pytest.approx(var)
    mu4 = ((k * q - mean) ** 4) @ pmf
    # Four standard errors: the sample mean's is sqrt(var / n), the sample variance's
    # sqrt((mu4 - var^2) / n); a correct sampler fails this less than once in 10^4 seeds.
    assert abs(amps.mean() - mean) < 4 * math.sqrt(var / trials)
    assert abs(amps.var() - var) < 4 * math.sqrt((mu4 - var**2) / trials)
    fail = (1 - p) ** n
    assert abs(np.mean(amps == 0) - fail) < 4 * math.sqrt(fail * (1 - fail) / trials)


def test_dropout_preserves_mean_with_bernoulli_variance():
    rng = np.random.default_rng(2)
    x, p, trials = 1.5, 0.5, 200_000
    out = rel.dropout(x, p, trials, rng)
    assert set(np.unique(out)) == {0.0, x / (1 - p)}
    var = x**2 * p / (1 - p)
    assert abs(out.mean() - x) < 4 * math.sqrt(var / trials)
    assert out.var() == pytest.approx(var, rel=0.02)


def test_numbers_in_the_prose():
    on_page(cond.v_inf_conductance(0.1), ".0f")                     # -35 mV ...
    assert "−35 mV" in PAGE and "5 ms" in PAGE
    assert cond.tau_eff(0.1) == pytest.approx(5.0)
    for v, pct in ((-70.0, "4.4 %"), (-20.0, "51 %"), (0.0, "78 %")):
        assert f"{100 * cond.mg_block(v):.{1 if v == -70 else 0}f} %" == pct and pct in PAGE
    dep = stp.respond(np.arange(10) * 50.0, **stp.DEPRESSING)[0]
    fac = stp.respond(np.arange(10) * 50.0, **stp.FACILITATING)[0]
    on_page(100 * (1 - dep[-1] / dep[0]), ".0f")                    # loses 88 %
    assert round(fac[-1] / fac[0]) == 3 and "triples" in PAGE


def test_exercise_answers_are_computed():
    one, both = (cond.v_inf_conductance(g) - cond.E_L for g in (0.02, 0.04))
    for value in (one, both, 2 * one):
        on_page(value, ".2f", EXERCISES)
    on_page(100 * (1 - both / (2 * one)), ".0f", EXERCISES)
    b70, b20 = cond.mg_block(-70.0), cond.mg_block(-20.0)
    on_page(b70, ".4f", EXERCISES)
    on_page(b20, ".3f", EXERCISES)
    on_page(b70 * 70, ".2f", EXERCISES)
    on_page(b20 * 20, ".2f", EXERCISES)
    on_page(b20 * 20 / (b70 * 70), ".1f", EXERCISES)
    s20, s40 = (stp.steady_state(r, **stp.DEPRESSING)[0] for r in (20.0, 40.0))
    on_page(s20, ".4f", EXERCISES)
    on_page(s40, ".4f", EXERCISES)
    on_page(20 * s20, ".2f", EXERCISES)
    on_page(40 * s40, ".2f", EXERCISES)
    on_page(100 * (40 * s40 / (20 * s20) - 1), ".1f", EXERCISES)
    for p in (0.3, 0.6):
        on_page((1 - p) ** 5, ".3f", EXERCISES)
        on_page(math.sqrt((1 - p) / (5 * p)), ".3f", EXERCISES)


def test_ledger_rows_of_these_pages_are_complete():
    """includes/ledger/50-synapses.yml: verdicts, pages, sources, and every row shown on its page."""
    import yaml

    rows = yaml.safe_load((ROOT / "includes" / "ledger" / "50-synapses.yml").read_text(encoding="utf-8"))
    bib = set(re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "docs" / "references.bib").read_text(encoding="utf-8"),
                         flags=re.MULTILINE))
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    shown = {}
    for page in ("synapses.md", "inhibition.md", "noise.md"):
        text = (ROOT / "docs" / page).read_text(encoding="utf-8")
        blocks = re.findall(r"```ledger\nrows: \[([^\]]*)\]\n```", text)
        assert blocks, page
        shown[page] = {name.strip() for block in blocks for name in block.split(",")}
    for row in rows:
        assert row["verdict"] in {"holds", "partly", "breaks"}
        assert set(row) >= {"id", "analogy", "origin", "verdict", "page", "sources", "why"}
        assert row["id"] in shown[row["page"]], f"{row['id']} not shown on {row['page']}"
        keys = {s.split(",")[0].strip() for s in row["sources"]}     # "key, ch. 3" -> key
        assert keys <= bib
        assert set(re.findall(r"@([\w:-]+)", row["why"])) <= keys
    assert set().union(*shown.values()) <= set(ids)


# --- synaptic kinetics: alpha function and difference of exponentials -------------------

@pytest.mark.parametrize("tau_r, tau_d", [(0.5, 3.0), (5.0, 80.0), (0.2, 2.0), (1.0, 1.5)])
def test_dual_exponential_peaks_at_the_closed_form_time_with_height_one(tau_r, tau_d):
    t_peak = tau_r * tau_d / (tau_d - tau_r) * math.log(tau_d / tau_r)
    assert kin.peak_time(tau_r, tau_d) == pytest.approx(t_peak, rel=1e-12)
    dt = 1e-4
    t = np.arange(0.0, 10 * tau_d, dt)
    g = kin.dual_exponential(t, tau_r, tau_d)
    assert t[np.argmax(g)] == pytest.approx(t_peak, abs=dt)
    assert g.max() == pytest.approx(1.0, abs=1e-8)
    assert kin.dual_exponential(t_peak, tau_r, tau_d) == pytest.approx(1.0, rel=1e-12)
    # the derivative -e^{-t/tau_d}/tau_d + e^{-t/tau_r}/tau_r vanishes at the peak
    assert -math.exp(-t_peak / tau_d) / tau_d + math.exp(-t_peak / tau_r) / tau_r == pytest.approx(0.0, abs=1e-12)


def test_alpha_function_is_the_limit_of_equal_time_constants():
    t = np.linspace(0.0, 30.0, 301)
    assert kin.peak_time(3.0 * (1 - 1e-6), 3.0) == pytest.approx(3.0, rel=1e-5)
    assert kin.dual_exponential(t, 3.0 * (1 - 1e-5), 3.0) == pytest.approx(kin.alpha(t, 3.0), abs=1e-4)
    assert kin.alpha(3.0, 3.0) == pytest.approx(1.0) and kin.alpha(-1.0, 3.0) == 0.0


def test_peak_time_refuses_rise_slower_than_decay():
    with pytest.raises(ValueError, match="tau_r < tau_d"):
        kin.peak_time(3.0, 3.0)


def test_kinetics_numbers_on_page():
    for taus in (kin.FAST, kin.SLOW):
        on_page(kin.peak_time(**taus), ".2f")
    t = np.arange(0.0, 200.0, 0.01)
    spikes = np.arange(10.0, 60.0, 10.0)
    on_page(kin.train(t, spikes, **kin.SLOW).max(), ".2f")
    # Linear summation: the train is the sum of shifted single responses, so its
    # conductance at any time is at most the number of spikes.
    assert kin.train(t, spikes, **kin.SLOW).max() < len(spikes)
