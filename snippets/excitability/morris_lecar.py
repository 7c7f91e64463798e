"""The Morris-Lecar model with the two parameter sets of Rinzel & Ermentrout (1998).

Two variables: the membrane potential V (mV) and the fraction w of open potassium
channels. Calcium channels open instantly with V (m_inf), potassium channels
follow with a delay. Units: ms, mV, µA/cm², mS/cm², µF/cm².

The two sets differ only in the calcium conductance and in where and how fast
the potassium channels open. With "type II" the resting state loses stability
through a Hopf bifurcation and the neuron starts firing at a non-zero rate;
with "type I" the resting state disappears in a saddle-node bifurcation on the
spike's own cycle, and the rate starts from zero. This module finds both
bifurcation currents from the equations (no simulation), simulates many
currents at once with the fourth-order Runge-Kutta method, and sweeps one neuron's
current up and down in steps (sweep), each step starting where the last one ended.
In the type II set the Hopf bifurcation is subcritical (Rinzel & Ermentrout 1998):
a stable firing cycle already exists below the Hopf current, so the sweep down
keeps firing where the sweep up was silent.
"""

import math

import numpy as np

COMMON = dict(C=20.0, g_L=2.0, g_K=8.0, E_L=-60.0, E_K=-84.0, E_Ca=120.0, V1=-1.2, V2=18.0)
SETS = {
    "type II": dict(COMMON, g_Ca=4.4, V3=2.0, V4=30.0, phi=0.04),
    "type I": dict(COMMON, g_Ca=4.0, V3=12.0, V4=17.4, phi=1 / 15),
}


def m_inf(v, p): return 0.5 * (1 + np.tanh((v - p["V1"]) / p["V2"]))
def w_inf(v, p): return 0.5 * (1 + np.tanh((v - p["V3"]) / p["V4"]))
def tau_w(v, p): return 1 / np.cosh((v - p["V3"]) / (2 * p["V4"]))


def derivatives(v, w, current, p):
    """dV/dt and dw/dt."""
    i_ion = (p["g_Ca"] * m_inf(v, p) * (v - p["E_Ca"]) + p["g_K"] * w * (v - p["E_K"])
             + p["g_L"] * (v - p["E_L"]))
    return (current - i_ion) / p["C"], p["phi"] * (w_inf(v, p) - w) / tau_w(v, p)


def steady_current(v, p):
    """The current that holds the membrane at rest at v: fixed points lie on this curve."""
    return (p["g_Ca"] * m_inf(v, p) * (v - p["E_Ca"]) + p["g_K"] * w_inf(v, p) * (v - p["E_K"])
            + p["g_L"] * (v - p["E_L"]))


def jacobian(v, p):
    """The analytic Jacobian at the fixed point (v, w_inf(v))."""
    dm = p["g_Ca"] / (2 * p["V2"]) / np.cosh((v - p["V1"]) / p["V2"]) ** 2
    dw_inf = 1 / (2 * p["V4"]) / np.cosh((v - p["V3"]) / p["V4"]) ** 2
    a = -(dm * (v - p["E_Ca"]) + p["g_Ca"] * m_inf(v, p) + p["g_K"] * w_inf(v, p) + p["g_L"]) / p["C"]
    b = -p["g_K"] * (v - p["E_K"]) / p["C"]
    c = p["phi"] * dw_inf / tau_w(v, p)
    d = -p["phi"] / tau_w(v, p)
    return np.array([[a, b], [c, d]])


def _root(f, lo, hi):
    """A zero of f between lo and hi, by bisection (f(lo) and f(hi) differ in sign)."""
    for _ in range(100):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if np.sign(f(mid)) == np.sign(f(lo)) else (lo, mid)
    return 0.5 * (lo + hi)


def bifurcation(p):
    """Where rest is lost: ('saddle-node', I, V) or ('Hopf', I, V), from the fixed-point curve."""
    v = np.linspace(-70.0, 40.0, 11001)
    slope = np.gradient(steady_current(v, p), v)
    if np.any(slope < 0):                          # N-shaped: rest meets the saddle at the knee
        k = np.flatnonzero(slope < 0)[0]
        v_sn = _root(lambda x: np.gradient(steady_current(np.array([x - 1e-4, x + 1e-4]), p))[0],
                     v[k - 2], v[k + 1])
        return "saddle-node", float(steady_current(v_sn, p)), v_sn
    trace = np.array([np.trace(jacobian(x, p)) for x in v])
    k = np.flatnonzero(trace > 0)[0]               # first point where rest becomes unstable
    v_h = _root(lambda x: np.trace(jacobian(x, p)), v[k - 1], v[k])
    return "Hopf", float(steady_current(v_h, p)), v_h


def resting_state(current, p):
    """The lowest fixed point (V, w) at a given current, if there is one below the knee."""
    v = np.linspace(-70.0, 40.0, 11001)
    f = steady_current(v, p) - current
    k = np.flatnonzero(np.diff(np.sign(f)) != 0)[0]
    v0 = _root(lambda x: steady_current(x, p) - current, v[k], v[k + 1])
    return v0, float(w_inf(v0, p))


def stacked(names_and_currents):
    """One parameter dict whose entries are arrays, for simulating several sets at once.

    names_and_currents: list of (set name, array of currents). Returns (p, currents).
    """
    p = {key: np.concatenate([np.full(len(c), SETS[name][key]) for name, c in names_and_currents])
         for key in SETS["type I"]}
    return p, np.concatenate([np.asarray(c, dtype=float) for _, c in names_and_currents])


def simulate(currents, p, t_max=1200.0, dt=0.25, kick=0.1, start=None):
    """RK4, one neuron per current, each started at its resting state (the lowest fixed
    point) displaced by `kick` mV, or at `start` = (V, w) if given.
    Returns t (ms) and V (steps, neurons)."""
    currents = np.asarray(currents, dtype=float)
    if start is None:
        rest = [resting_state(i, {k: np.ravel(x)[j] if np.ndim(x) else x for k, x in p.items()})
                for j, i in enumerate(currents)]
        start = (np.array([r[0] for r in rest]) + kick, np.array([r[1] for r in rest]))
    v = np.broadcast_to(np.asarray(start[0], dtype=float), currents.shape).copy()
    w = np.broadcast_to(np.asarray(start[1], dtype=float), currents.shape).copy()
    t = np.arange(0.0, t_max + dt / 2, dt)
    out = np.empty((len(t), len(currents)))
    out[0] = v
    for k in range(1, len(t)):
        k1 = derivatives(v, w, currents, p)
        k2 = derivatives(v + dt / 2 * k1[0], w + dt / 2 * k1[1], currents, p)
        k3 = derivatives(v + dt / 2 * k2[0], w + dt / 2 * k2[1], currents, p)
        k4 = derivatives(v + dt * k3[0], w + dt * k3[1], currents, p)
        v = v + dt / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0])
        w = w + dt / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])
        out[k] = v
    return t, out


def rates(t, v, settle=500.0, level=0.0):
    """Firing rate (Hz) of each trace: upward crossings of `level` after `settle` ms."""
    up = (v[:-1] < level) & (v[1:] >= level)
    rate = np.zeros(v.shape[1])
    for j in range(v.shape[1]):
        times = t[1:][up[:, j] & (t[1:] > settle)]
        if len(times) >= 2:
            rate[j] = 1000.0 / np.diff(times).mean()
    return rate


def sweep(currents, p, dwell=400.0, settle=150.0, dt=0.25, start=None):
    """One neuron, the current stepped through `currents` (µA/cm²), each held for
    `dwell` ms; each step starts from the state (V, w) the previous one ended in, the
    first from `start` or from rest. The rate (Hz) of each step is counted from its
    upward crossings of 0 mV after `settle` ms. Plain floats and the math module:
    one neuron at a time is faster that way than with numpy.
    Returns the rates and the final state (V, w)."""
    c, g_l, g_k, g_ca = p["C"], p["g_L"], p["g_K"], p["g_Ca"]
    e_l, e_k, e_ca = p["E_L"], p["E_K"], p["E_Ca"]
    v1, v2, v3, v4, phi = p["V1"], p["V2"], p["V3"], p["V4"], p["phi"]
    tanh, cosh = math.tanh, math.cosh

    def f(v, w, i):                      # the same equations as derivatives()
        x = (v - v3) / v4
        i_ion = (g_ca * 0.5 * (1 + tanh((v - v1) / v2)) * (v - e_ca) + g_k * w * (v - e_k)
                 + g_l * (v - e_l))
        return (i - i_ion) / c, phi * (0.5 * (1 + tanh(x)) - w) * cosh(x / 2)

    v, w = start if start is not None else resting_state(currents[0], p)
    v, w = float(v), float(w)
    steps = int(round(dwell / dt))
    rates = []
    for i in currents:
        i = float(i)
        spikes = []
        for k in range(steps):
            a1, b1 = f(v, w, i)
            a2, b2 = f(v + dt / 2 * a1, w + dt / 2 * b1, i)
            a3, b3 = f(v + dt / 2 * a2, w + dt / 2 * b2, i)
            a4, b4 = f(v + dt * a3, w + dt * b3, i)
            v_new = v + dt / 6 * (a1 + 2 * a2 + 2 * a3 + a4)
            w += dt / 6 * (b1 + 2 * b2 + 2 * b3 + b4)
            if v < 0.0 <= v_new and (k + 1) * dt > settle:
                spikes.append((k + 1) * dt)
            v = v_new
        rates.append(1000.0 / np.diff(spikes).mean() if len(spikes) >= 2 else 0.0)
    return np.array(rates), (v, w)


if __name__ == "__main__":
    for name, p in SETS.items():
        kind, i_c, v_c = bifurcation(p)
        eig = np.linalg.eigvals(jacobian(v_c, p))
        print(f"{name}: rest is lost in a {kind} bifurcation at I = {i_c:.2f} µA/cm²,")
        print(f"  at V = {v_c:.2f} mV, with eigenvalues {np.round(eig, 4)}")
