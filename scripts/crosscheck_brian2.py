"""Cross-check our numpy neuron models against Brian2, an independent simulator.

Brian2 (Stimberg, Brette & Goodman 2019) builds the same equations from their
text form and integrates them with its own code generator; here its "numpy" target
is used, so no compiler is needed. ``tests/test_integrate_and_fire.py`` and
``tests/test_hodgkin_huxley.py`` call these functions; run this file to print the
comparison:

    .venv/bin/python scripts/crosscheck_brian2.py
"""

from __future__ import annotations

import importlib.util
import sys

import numpy as np

from nn_site.paths import ROOT


def _load(relative: str):
    path = ROOT / "snippets" / relative
    sys.path.insert(0, str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location("crosscheck_" + path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(path.parent))


def brian2_lif_spikes(currents_na, t_max_ms: float) -> list[np.ndarray]:
    """Spike times (ms) of one Brian2 LIF neuron per constant current, our parameters."""
    import brian2 as b2

    lif = _load("integrate_and_fire/lif.py")
    b2.prefs.codegen.target = "numpy"
    b2.start_scope()
    b2.defaultclock.dt = lif.DT * b2.ms
    namespace = {
        "E_L": lif.E_L * b2.mV,
        "V_th": lif.V_TH * b2.mV,
        "V_reset": lif.V_RESET * b2.mV,
        "R": lif.R * b2.Mohm,
        "tau": lif.TAU * b2.ms,
    }
    group = b2.NeuronGroup(
        len(currents_na),
        "dv/dt = (E_L - v + R * I) / tau : volt (unless refractory)\nI : amp",
        threshold="v >= V_th",
        reset="v = V_reset",
        refractory=lif.T_REF * b2.ms,
        method="euler",
        namespace=namespace,
    )
    group.v = lif.E_L * b2.mV
    group.I = np.asarray(currents_na) * b2.nA
    monitor = b2.SpikeMonitor(group)
    b2.run(t_max_ms * b2.ms, namespace=namespace)
    trains = monitor.spike_trains()
    return [np.asarray(trains[j] / b2.ms) for j in range(len(currents_na))]


def brian2_hh_spikes(currents_ua_cm2, t_max_ms: float, dt_ms: float = 0.01) -> tuple[list[np.ndarray], np.ndarray]:
    """Spike times (ms, upward crossings of 0 mV) and peak V (mV) of the Hodgkin-Huxley
    model in Brian2, one neuron per constant current density, the standard parameters."""
    import brian2 as b2

    hh = _load("hodgkin_huxley/model.py")
    b2.prefs.codegen.target = "numpy"
    b2.start_scope()
    b2.defaultclock.dt = dt_ms * b2.ms
    area = b2.cm**2  # current densities: one square centimetre of membrane
    ns = {
        "C": hh.C_M * b2.uF / b2.cm**2 * area,
        "g_na": hh.G_NA * b2.msiemens / b2.cm**2 * area,
        "g_k": hh.G_K * b2.msiemens / b2.cm**2 * area,
        "g_l": hh.G_L * b2.msiemens / b2.cm**2 * area,
        "E_na": hh.E_NA * b2.mV,
        "E_k": hh.E_K * b2.mV,
        "E_l": hh.E_L * b2.mV,
    }
    # The rate functions written out independently, in Brian2's own syntax.
    eqs = """
    dv/dt = (I - g_na*m**3*h*(v - E_na) - g_k*n**4*(v - E_k) - g_l*(v - E_l)) / C : volt
    dm/dt = alpha_m*(1 - m) - beta_m*m : 1
    dh/dt = alpha_h*(1 - h) - beta_h*h : 1
    dn/dt = alpha_n*(1 - n) - beta_n*n : 1
    alpha_m = 0.1/mV*10*mV / exprel(-(v + 40*mV)/(10*mV)) / ms : Hz
    beta_m = 4*exp(-(v + 65*mV)/(18*mV)) / ms : Hz
    alpha_h = 0.07*exp(-(v + 65*mV)/(20*mV)) / ms : Hz
    beta_h = 1/(1 + exp(-(v + 35*mV)/(10*mV))) / ms : Hz
    alpha_n = 0.01/mV*10*mV / exprel(-(v + 55*mV)/(10*mV)) / ms : Hz
    beta_n = 0.125*exp(-(v + 65*mV)/(80*mV)) / ms : Hz
    I : amp
    """
    group = b2.NeuronGroup(
        len(currents_ua_cm2), eqs, threshold="v > 0*mV", refractory="v > 0*mV", method="rk4", namespace=ns
    )
    v_rest = hh.resting_potential()
    m0, h0, n0 = hh.steady_state(v_rest)
    group.v = v_rest * b2.mV
    group.m, group.h, group.n = m0, h0, n0
    group.I = np.asarray(currents_ua_cm2) * b2.uA / b2.cm**2 * area
    spikes = b2.SpikeMonitor(group)
    peak = b2.StateMonitor(group, "v", record=True)
    b2.run(t_max_ms * b2.ms, namespace=ns)
    trains = spikes.spike_trains()
    return (
        [np.asarray(trains[j] / b2.ms) for j in range(len(currents_ua_cm2))],
        np.asarray(peak.v / b2.mV).max(axis=1),
    )


if __name__ == "__main__":
    lif = _load("integrate_and_fire/lif.py")
    currents = np.array([1.5, 2.5, 3.0, 5.0, 10.0, 50.0])
    ours = lif.simulate(lambda t: currents, 1000.0)[2]
    theirs = brian2_lif_spikes(currents, 1000.0)
    print("LIF, 1 s of constant current   spikes: ours  Brian2")
    for i, a, b in zip(currents, ours, theirs):
        print(f"  I = {i:5.1f} nA {len(a):27d} {len(b):7d}")
    hh = _load("hodgkin_huxley/model.py")
    densities = np.array([2.0, 4.0, 6.5, 10.0])
    t, v, *_ = hh.simulate(lambda t: densities, 100.0, dt=0.01)
    theirs, peaks = brian2_hh_spikes(densities, 100.0)
    print("HH, 100 ms step   spikes: ours  Brian2   peak V: ours  Brian2")
    for j, i in enumerate(densities):
        print(
            f"  {i:5.1f} uA/cm2 {len(hh.spike_times(t, v[:, j])):14d} {len(theirs[j]):7d}"
            f" {v[:, j].max():14.2f} {peaks[j]:7.2f}"
        )
