"""The Hodgkin-Huxley model of the squid giant axon (1952), in numpy.

Units: membrane potential V in mV (shifted so that rest is about -65 mV), time in
ms, current densities in uA/cm^2, conductances in mS/cm^2, capacitance in uF/cm^2.
The rate functions are those of Hodgkin & Huxley (1952), with V measured from the
modern convention's rest. Every function accepts numpy arrays, so one call can
simulate many neurons (one per injected current) side by side.

Other snippets in this folder import this module; run it on its own to print the
resting state.
"""

import numpy as np

C_M = 1.0                                     # membrane capacitance, uF/cm^2
G_NA, G_K, G_L = 120.0, 36.0, 0.3             # maximal conductances, mS/cm^2
E_NA, E_K, E_L = 50.0, -77.0, -54.387         # reversal potentials, mV


def _x_over_expm1(x):
    """x / (e^x - 1), which tends to 1 at x = 0 (where the formula itself is 0/0)."""
    x = np.where(x == 0.0, 1e-12, x)   # expm1 keeps full precision for tiny x
    return x / np.expm1(x)


# Opening (alpha) and closing (beta) rates of the gates, in 1/ms, V in mV.
def alpha_m(v): return 1.0 * _x_over_expm1(-(v + 40.0) / 10.0)   # 0.1(V+40)/(1-e^{-(V+40)/10})
def beta_m(v):  return 4.0 * np.exp(-(v + 65.0) / 18.0)
def alpha_h(v): return 0.07 * np.exp(-(v + 65.0) / 20.0)
def beta_h(v):  return 1.0 / (1.0 + np.exp(-(v + 35.0) / 10.0))
def alpha_n(v): return 0.1 * _x_over_expm1(-(v + 55.0) / 10.0)   # 0.01(V+55)/(1-e^{-(V+55)/10})
def beta_n(v):  return 0.125 * np.exp(-(v + 65.0) / 80.0)


def steady_state(v):
    """Gate values m, h, n that a membrane held at v would settle to."""
    return tuple(a(v) / (a(v) + b(v)) for a, b in
                 ((alpha_m, beta_m), (alpha_h, beta_h), (alpha_n, beta_n)))


def ionic_currents(v, m, h, n):
    """Sodium, potassium and leak current densities (outward positive), uA/cm^2."""
    i_na = G_NA * m**3 * h * (v - E_NA)
    i_k = G_K * n**4 * (v - E_K)
    i_l = G_L * (v - E_L)
    return i_na, i_k, i_l


def derivatives(state, i_ext):
    """d/dt of (V, m, h, n) for an injected current density i_ext (inward positive)."""
    v, m, h, n = state
    dv = (i_ext - sum(ionic_currents(v, m, h, n))) / C_M
    dm = alpha_m(v) * (1 - m) - beta_m(v) * m
    dh = alpha_h(v) * (1 - h) - beta_h(v) * h
    dn = alpha_n(v) * (1 - n) - beta_n(v) * n
    return np.array([dv, dm, dh, dn])


def resting_potential(lo=-80.0, hi=-50.0):
    """The V at which the steady-state ionic current is zero, found by bisection."""
    def net(v):
        return sum(ionic_currents(v, *steady_state(v)))
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if net(mid) < 0 else (lo, mid)
    return 0.5 * (lo + hi)


def simulate(current, t_max, dt=0.025, v0=None):
    """Integrate the model with the classical 4th-order Runge-Kutta method.

    current: function of time t (ms) returning the injected current density
    (a number, or an array for several neurons at once). The neuron starts at rest
    (or at v0) with its gates at their steady-state values.
    Returns t (steps,) and V, m, h, n, each (steps,) or (steps, neurons).
    """
    t = np.arange(0.0, t_max + dt / 2, dt)
    shape = np.shape(current(0.0))
    v_start = resting_potential() if v0 is None else v0
    v_start = np.full(shape, v_start)
    state = np.array([v_start, *steady_state(v_start)])
    out = np.empty((len(t),) + state.shape)
    out[0] = state
    for k in range(len(t) - 1):
        tk = t[k]
        k1 = derivatives(state, current(tk))
        k2 = derivatives(state + dt / 2 * k1, current(tk + dt / 2))
        k3 = derivatives(state + dt / 2 * k2, current(tk + dt / 2))
        k4 = derivatives(state + dt * k3, current(tk + dt))
        state = state + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        out[k + 1] = state
    v, m, h, n = np.moveaxis(out, 1, 0)
    return t, v, m, h, n


def spike_times(t, v, threshold=0.0):
    """Times at which v crosses threshold upwards (one neuron: v has shape (steps,))."""
    up = np.flatnonzero((v[:-1] < threshold) & (v[1:] >= threshold))
    return t[up + 1]


if __name__ == "__main__":
    v_rest = resting_potential()
    m0, h0, n0 = steady_state(v_rest)
    print(f"resting potential: {v_rest:.2f} mV")
    print(f"gates at rest: m = {m0:.4f}, h = {h0:.4f}, n = {n0:.4f}")
