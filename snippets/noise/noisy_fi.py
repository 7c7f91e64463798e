"""Noise turns the integrate-and-fire neuron's hard threshold into a smooth curve.

The site's leaky integrate-and-fire neuron (E_L = -70 mV, V_reset = -65 mV,
V_th = -50 mV, R = 10 MOhm, tau = 10 ms, t_ref = 2 ms) receives a constant current
I plus white noise: tau dV/dt = E_L + R I - V + sigma sqrt(tau) xi(t), simulated
with the Euler-Maruyama method (dt = 0.1 ms): each step adds
dt/tau (E_L + R I - V) + sigma sqrt(dt/tau) z, z standard normal. Dots: rates of
100 neurons over 1 s for each current; lines: the Siegert formula (siegert.py);
sigma = 0 is the closed form of the integrate-and-fire page.
"""

import matplotlib.pyplot as plt
import numpy as np

from siegert import E_L, R, T_REF, TAU, V_RESET, V_TH, siegert_rate

DT = 0.1                      # ms
SIGMAS = (2.0, 6.0)           # noise amplitude sigma, mV (free std of V: sigma / sqrt 2)


def simulate_rates(currents, sigma, neurons, t_max, rng, dt=DT):
    """Mean firing rate (Hz) for each current (nA), over `neurons` noisy LIF neurons."""
    currents = np.repeat(np.asarray(currents, dtype=float), neurons)
    v = np.full(currents.shape, E_L)
    refractory = np.zeros(currents.shape, dtype=int)
    n_ref = int(round(T_REF / dt))
    counts = np.zeros(currents.shape)
    noise_scale = sigma * np.sqrt(dt / TAU)
    for _ in range(int(round(t_max / dt))):
        active = refractory == 0
        step = dt / TAU * (E_L + R * currents - v) + noise_scale * rng.standard_normal(v.shape)
        v = np.where(active, v + step, V_RESET)
        refractory = np.where(active, 0, refractory - 1)
        fired = active & (v >= V_TH)
        counts += fired
        v = np.where(fired, V_RESET, v)
        refractory = np.where(fired, n_ref, refractory)
    return counts.reshape(-1, neurons).mean(axis=1) / t_max * 1000.0


def closed_form_rate(i):
    """The noiseless rate (Hz), as on the integrate-and-fire page."""
    drive = R * np.asarray(i, dtype=float)
    above = drive > V_TH - E_L
    safe = np.where(above, drive, V_TH - E_L + 1.0)
    isi = T_REF + TAU * np.log((safe - (V_RESET - E_L)) / (safe - (V_TH - E_L)))
    return np.where(above, 1000.0 / isi, 0.0)


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    currents = np.linspace(0.0, 5.0, 201)
    sim_currents = np.arange(0.5, 5.01, 0.5)
    fig, (ax_lin, ax_log) = plt.subplots(1, 2, figsize=(7, 3.6))
    for ax in (ax_lin, ax_log):
        ax.plot(currents, closed_form_rate(currents), color="C3", label="no noise")
    print("σ (mV)  I (nA)  simulated (Hz)  Siegert (Hz)")
    for sigma, colour in zip(SIGMAS, ("C0", "C2")):
        theory = np.array([siegert_rate(E_L + R * i, sigma) for i in currents])
        simulated = simulate_rates(sim_currents, sigma, neurons=100, t_max=1000.0, rng=rng)
        for i, f in zip(sim_currents, simulated):
            if i in (1.0, 1.5, 2.0, 3.0):
                print(f"{sigma:6g}  {i:6.1f}  {f:14.2f}  {siegert_rate(E_L + R * i, sigma):12.2f}")
        label = r"$\sigma$ = " + f"{sigma:g} mV"
        for ax in (ax_lin, ax_log):
            ax.plot(currents, theory, color=colour, label=label)
            ax.plot(sim_currents, simulated, "o", color=colour, markersize=4)
    ax_lin.set_ylabel("firing rate (Hz)")
    ax_lin.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2, ncol=2)
    ax_log.set_ylabel("firing rate (Hz), log scale")
    ax_log.set_yscale("log")
    ax_log.set_ylim(0.1, 300)
    ax_log.set_yticks([0.1, 1, 10, 100], ["0.1", "1", "10", "100"])
    for ax in (ax_lin, ax_log):
        ax.axvline((V_TH - E_L) / R, color="C6", linestyle=":", linewidth=1)
        ax.set_xlabel("input current I (nA)")
    plt.show()
