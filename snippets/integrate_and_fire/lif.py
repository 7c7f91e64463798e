"""The leaky integrate-and-fire (LIF) neuron, simulated with forward Euler.

Units: mV, ms, nA, megaohm (1 MOhm x 1 nA = 1 mV). Between spikes the membrane
obeys tau dV/dt = E_L - V + R I. When V reaches V_th the neuron emits a spike, V
is reset to V_reset and held there for the refractory period t_ref; then it
integrates again. Other snippets in this folder import this module; run it on its
own to print the rheobase and a few firing rates from the closed form.
"""

import numpy as np

E_L = -70.0       # resting (leak reversal) potential, mV
V_RESET = -65.0   # potential after a spike, mV
V_TH = -50.0      # firing threshold, mV
R = 10.0          # membrane resistance, MOhm
TAU = 10.0        # membrane time constant, ms
T_REF = 2.0       # absolute refractory period, ms
DT = 0.1          # time step, ms

RHEOBASE = (V_TH - E_L) / R   # nA: the smallest constant current that makes it fire


def simulate(current, t_max, dt=DT, v0=E_L):
    """Forward-Euler simulation of one or several LIF neurons.

    current: function of time t (ms) giving the input in nA (a number, or an array
    for several neurons at once). Each step: a refractory neuron stays at V_reset
    and counts down; every other neuron takes one Euler step, and if it is then at
    or above V_th it spikes, is reset, and is refractory for the next t_ref/dt steps.
    Returns t (steps,), V (steps,) or (steps, neurons), and the spike times as a
    list with one array per neuron (or one array for a single neuron).
    """
    t = np.arange(0.0, t_max + dt / 2, dt)
    shape = np.shape(current(0.0))
    v = np.full(shape, v0, dtype=float)
    refractory_steps = np.zeros(shape, dtype=int)
    n_ref = int(round(T_REF / dt))
    trace = np.empty((len(t),) + shape)
    trace[0] = v
    spikes = []
    for k in range(1, len(t)):
        active = refractory_steps == 0
        dv = dt / TAU * (E_L - v + R * current(t[k - 1]))
        v = np.where(active, v + dv, V_RESET)
        refractory_steps = np.where(active, 0, refractory_steps - 1)
        fired = active & (v >= V_TH)
        if np.any(fired):
            spikes.append((k, fired))
            v = np.where(fired, V_RESET, v)
            refractory_steps = np.where(fired, n_ref, refractory_steps)
        trace[k] = v
    flat = np.atleast_1d
    times = [t[[k for k, fired in spikes if flat(fired)[j]]] for j in range(flat(v).size)]
    return t, trace, (times[0] if shape == () else times)


def rate_closed_form(i):
    """Firing rate (Hz) for a constant current i (nA), exact for the continuous model.

    Zero at or below the rheobase; above it 1 / (t_ref + tau ln((RI - (V_reset - E_L))
    / (RI - (V_th - E_L)))), with times in ms.
    """
    drive = R * np.asarray(i, dtype=float)            # mV
    above = drive > V_TH - E_L
    ratio = np.where(above, (drive - (V_RESET - E_L)) / np.where(above, drive - (V_TH - E_L), 1.0), 1.0)
    isi = T_REF + TAU * np.log(ratio)
    return np.where(above, 1000.0 / isi, 0.0)


def counting_window(i, relative_error):
    """Time (ms) to count a rate at current i (nA) to a relative error: a count of n
    regular spikes is uncertain by about one spike, so it needs n = 1 / relative_error
    interspike intervals."""
    return 1000.0 / rate_closed_form(i) / relative_error

if __name__ == "__main__":
    print(f"rheobase (V_th - E_L) / R = {RHEOBASE:.1f} nA")
    print(f"saturation rate 1 / t_ref = {1000.0 / T_REF:.0f} Hz")
    for i in (1.5, 2.1, 2.5, 3.0, 5.0, 10.0):
        print(f"I = {i:4.1f} nA → f = {rate_closed_form(i):6.1f} Hz (closed form)")
