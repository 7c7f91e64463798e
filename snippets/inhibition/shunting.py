"""Shunting inhibition divides the subthreshold response but shifts the firing rate.

The site's leaky integrate-and-fire neuron (E_L = -70 mV, V_reset = -65 mV,
V_th = -50 mV, R = 10 MOhm, tau = 10 ms, t_ref = 2 ms) receives a current I and a
constant inhibitory conductance g_i whose reversal potential E_i equals rest
(shunting inhibition):

    tau dV/dt = E_L - V + R I + R g_i (E_i - V).

Below threshold V_inf - E_L = R I / (1 + R g_i): the response is divided. Above
threshold the same model is an LIF neuron with tau_eff = tau / (1 + R g_i) and rest
V_inf, so its rate has a closed form, and the rate is shifted, not divided
(Holt & Koch 1997). Dots: forward-Euler simulation, dt = 0.1 ms.
"""

import matplotlib.pyplot as plt
import numpy as np

E_L, V_RESET, V_TH = -70.0, -65.0, -50.0     # mV
R, TAU, T_REF, DT = 10.0, 10.0, 2.0, 0.1     # MOhm, ms, ms, ms
E_I = E_L                                     # shunting: reversal at rest, mV
G_VALUES = (0.0, 0.05, 0.1)                   # inhibitory conductance, uS


def v_inf(i, g, e_i=E_I):
    """Steady-state potential (mV) with current i (nA) and conductance g (uS)."""
    return (E_L + R * np.asarray(i, dtype=float) + R * g * e_i) / (1.0 + R * g)


def rate(i, g, e_i=E_I):
    """Closed-form firing rate (Hz) for constant i (nA) and g (uS)."""
    vi = v_inf(i, g, e_i)
    above = vi > V_TH
    ratio = np.where(above, (vi - V_RESET) / np.where(above, vi - V_TH, 1.0), 1.0)
    isi = T_REF + TAU / (1.0 + R * g) * np.log(ratio)
    return np.where(above, 1000.0 / isi, 0.0)


def simulate(i, g, e_i=E_I, t_max=1000.0, dt=DT):
    """Forward-Euler LIF with current and conductance; arrays i, g give parallel neurons.

    Returns the spike times (ms) of each neuron as a list of arrays."""
    i, g = np.broadcast_arrays(np.asarray(i, dtype=float), np.asarray(g, dtype=float))
    v = np.full(i.shape, E_L)
    refractory = np.zeros(i.shape, dtype=int)
    n_ref = int(round(T_REF / dt))
    spikes = [[] for _ in range(i.size)]
    for k in range(1, int(round(t_max / dt)) + 1):
        active = refractory == 0
        v = np.where(active, v + dt / TAU * (E_L - v + R * i + R * g * (e_i - v)), V_RESET)
        refractory = np.where(active, 0, refractory - 1)
        fired = active & (v >= V_TH)
        for j in np.flatnonzero(fired):
            spikes[j].append(k * dt)
        v = np.where(fired, V_RESET, v)
        refractory = np.where(fired, n_ref, refractory)
    return [np.array(s) for s in spikes]


if __name__ == "__main__":
    for g in G_VALUES:
        rheobase = (V_TH - E_L) * (1 + R * g) / R
        print(f"g_i = {g:.2f} uS: 1 nA gives {v_inf(1.0, g) - E_L:5.2f} mV; "
              f"rheobase {rheobase:.1f} nA; {rate(6.0, g):5.1f} Hz at 6 nA")

    fig, (ax_v, ax_f) = plt.subplots(1, 2, figsize=(7, 3.6))
    currents = np.linspace(0.0, 8.0, 401)
    sim_i = np.arange(0.5, 8.01, 0.5)
    colours = ("C2", "C0", "C1")
    for g, colour in zip(G_VALUES, colours):
        label = r"$g_\mathrm{i}$ = " + f"{g:g} μS"
        ax_v.plot(currents[currents <= 2.0], v_inf(currents[currents <= 2.0], g) - E_L,
                  color=colour, label=label)
        ax_f.plot(currents, rate(currents, g), color=colour, label=label)
        times = simulate(sim_i, g, t_max=500.0)
        sim_rate = [(len(s) - 1) / (s[-1] - s[0]) * 1000.0 if len(s) > 2 else 0.0 for s in times]
        ax_f.plot(sim_i, sim_rate, "o", color=colour, markersize=4)
    ax_v.set_xlabel("input current I (nA)")
    ax_v.set_ylabel(r"$V_\infty - E_\mathrm{L}$ below threshold (mV)")
    ax_v.set_title("subthreshold: divided")
    ax_v.legend(loc="upper left")
    ax_f.set_xlabel("input current I (nA)")
    ax_f.set_ylabel("firing rate (Hz)")
    ax_f.set_title("firing rate: shifted")
    ax_f.legend(loc="upper left")
    plt.show()
