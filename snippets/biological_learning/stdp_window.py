"""The spike-timing-dependent plasticity (STDP) window as an exponential fit.

Bi and Poo (1998) paired presynaptic and postsynaptic spikes in cultured
hippocampal neurons: a postsynaptic spike up to about 20 ms after the input
potentiated the synapse (LTP), one up to about 20 ms before it depressed it (LTD).
Song, Miller and Abbott (2000) summarised such data with two exponentials,

    dw/w_max = +A_plus  * exp(-dt / tau_plus)   for dt = t_post - t_pre > 0
    dw/w_max = -A_minus * exp(+dt / tau_minus)  for dt < 0

with tau_plus = tau_minus = 20 ms, A_plus = 0.005 and A_minus / A_plus = 1.05:
the depression lobe has slightly more area, so spike pairs with random timing
weaken a synapse on average; inputs that tend to fire just before the
output are the ones that grow.
"""

import matplotlib.pyplot as plt
import numpy as np

A_PLUS = 0.005           # largest potentiation per spike pair, fraction of w_max
A_MINUS = 1.05 * A_PLUS  # largest depression per spike pair
TAU_PLUS = 20.0          # ms
TAU_MINUS = 20.0         # ms


def stdp(dt):
    """Weight change (fraction of w_max) for one pre/post pair, dt = t_post - t_pre in ms."""
    dt = np.asarray(dt, dtype=float)
    return np.where(dt > 0, A_PLUS * np.exp(-dt / TAU_PLUS),
                    np.where(dt < 0, -A_MINUS * np.exp(dt / TAU_MINUS), 0.0))


def net_change(dts):
    """Weight change (fraction of w_max) of several pairs, dt = t_post - t_pre in ms each:
    the pairs' changes add up."""
    return float(np.sum(stdp(np.asarray(dts, dtype=float))))

if __name__ == "__main__":
    for dt in (-40, -20, -10, 10, 20, 40):
        kind = "LTP" if dt > 0 else "LTD"
        print(f"dt = {dt:+4d} ms: dw/w_max = {100 * stdp(dt):+.3f} %  ({kind})")
    # Area under each lobe: what uncorrelated (random-timing) spike pairs add up to.
    print(f"area of LTP lobe = {A_PLUS * TAU_PLUS:.4f} ms, "
          f"LTD lobe = {-A_MINUS * TAU_MINUS:.4f} ms -> net {A_PLUS * TAU_PLUS - A_MINUS * TAU_MINUS:+.4f} ms")

    dt_post = np.linspace(0.1, 100, 400)
    dt_pre = np.linspace(-100, -0.1, 400)
    fig, ax = plt.subplots()
    ax.axhline(0, color="C6", linewidth=1)
    ax.axvline(0, color="C6", linewidth=1)
    ax.fill_between(dt_post, 100 * stdp(dt_post), color="C2", alpha=0.3)
    ax.plot(dt_post, 100 * stdp(dt_post), color="C2", label="LTP: input before output")
    ax.fill_between(dt_pre, 100 * stdp(dt_pre), color="C3", alpha=0.3)
    ax.plot(dt_pre, 100 * stdp(dt_pre), color="C3", label="LTD: output before input")
    ax.set_xlim(-100, 100)
    ax.set_xlabel(r"spike timing $\Delta t = t_\mathrm{post} - t_\mathrm{pre}$ (ms)")
    ax.set_ylabel(r"weight change $\Delta w / w_\mathrm{max}$ (%)")
    ax.legend(loc="lower right")
    plt.show()
