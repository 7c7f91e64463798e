"""A synaptic input arriving further out on a passive dendrite: smaller and later at the soma.

The same brief synaptic current (an alpha function peaking at 0.1 nA after
0.5 ms) is injected at different distances from the soma end of a sealed 1-mm
dendrite (100 compartments, length constant 1 mm, membrane time constant 10 ms),
and the voltage is recorded at the soma end. The compartments are integrated
with the implicit (backward) Euler method, which is stable for any time step.
Left: the soma's voltage for each input site. Right: its peak, and the time from
the input's peak to the soma's peak, against distance.
"""

import matplotlib.pyplot as plt
import numpy as np

from cable import L, compartments

N = 100
DT = 0.02e-3                 # s
T_MAX = 30e-3                # s
TAU_SYN = 0.5e-3             # s, time to peak of the synaptic current
I_SYN = 0.1e-9               # A, its peak
SITES_UM = np.array([0, 200, 400, 600, 800, 1000])   # input sites, um from the soma end


def synaptic_current(t):
    """Alpha-function current: rises to I_SYN at t = TAU_SYN, then decays."""
    return I_SYN * (t / TAU_SYN) * np.exp(1 - t / TAU_SYN)


def responses(sites, n=N, length=L, dt=DT, t_max=T_MAX):
    """Voltage (V) of every compartment over time, one column per input site (compartment index).

    Returns t (s) and V with shape (steps + 1, n, len(sites)).
    """
    _, capacitance, G = compartments(n, length)
    step = np.linalg.inv(np.diag(capacitance / dt) + G)     # (C/dt + G) V_new = C/dt V_old + I
    t = np.arange(0, t_max + dt / 2, dt)
    v = np.zeros((len(t), n, len(sites)))
    inject = np.zeros((n, len(sites)))
    for k in range(1, len(t)):
        inject[sites, np.arange(len(sites))] = synaptic_current(t[k])
        v[k] = step @ (capacitance[:, None] / dt * v[k - 1] + inject)
    return t, v


def site_index(distance_um, n=N, length=L):
    """The compartment whose centre is nearest to a distance (um) from the soma end."""
    h = length / n
    return np.minimum((np.asarray(distance_um) * 1e-6 / h).astype(int), n - 1)


if __name__ == "__main__":
    sites = site_index(SITES_UM)
    t, v = responses(sites)
    soma = v[:, 0, :] * 1e3                                  # mV at the soma end
    peaks = soma.max(axis=0)
    delays = (t[soma.argmax(axis=0)] - TAU_SYN) * 1e3        # ms after the current's peak
    print(" site (µm)   peak at soma (mV)   delay (ms)")
    for d, p, dl in zip(SITES_UM, peaks, delays):
        print(f"{d:9d} {p:19.3f} {dl:12.2f}")
    print(f"peak from 1000 µm / peak from 0 µm = {peaks[-1] / peaks[0]:.3f}")

    fig, (ax_v, ax_p) = plt.subplots(1, 2, figsize=(7, 3.6))
    # A sequential ramp: the further out the input, the thinner and fainter its trace (the
    # faintest still 3:1 against the page in light and dark mode, 0.72 opacity), each
    # trace's peak a dot on it, so six peaks are six points; the ramp's two ends are named
    # on the traces themselves, the legend keys the four between. The 800- and 1000-um
    # traces nearly coincide: the sealed end sends the current back.
    ramp = zip(SITES_UM, soma.T, np.linspace(1.0, 0.72, len(sites)), np.linspace(3.2, 0.8, len(sites)))
    for d, trace, alpha, width in ramp:
        ax_v.plot(t * 1e3, trace, color="C0", alpha=alpha, linewidth=width, label=f"{d} µm")
        k = trace.argmax()
        ax_v.plot(t[k] * 1e3, trace[k], "o", color="C0", alpha=alpha, markersize=2 + width)
    k0, k1 = soma[:, 0].argmax(), soma[:, -1].argmax()
    ax_v.annotate(f"{SITES_UM[0]} µm", (t[k0] * 1e3, soma[k0, 0]), xytext=(10, 0),
                  textcoords="offset points", va="center")
    ax_v.annotate(f"{SITES_UM[-1]} µm", (t[k1] * 1e3, soma[k1, -1]), xytext=(2, -42),
                  textcoords="offset points", va="top",
                  arrowprops={"arrowstyle": "-", "color": "C6", "linewidth": 0.8, "shrinkA": 2, "shrinkB": 4})
    ax_v.set_xlim(0, 25)
    ax_v.set_xlabel("time (ms)")
    ax_v.set_ylabel("voltage at the soma end (mV)")
    ax_v.legend(title="input at", loc="upper right")
    ax_p.plot(SITES_UM, peaks, "o-", color="C0", label="peak (mV)")
    ax_p.set_xlabel("input site (µm from the soma end)")
    ax_p.set_ylabel("peak at the soma (mV)", color="C0")
    ax_d = ax_p.twinx()
    ax_d.plot(SITES_UM, delays, "s--", color="C4", label="delay (ms)")
    ax_d.set_ylabel("delay of the peak (ms)", color="C4")
    ax_d.grid(False)
    ax_d.spines["right"].set_visible(True)
    plt.show()
