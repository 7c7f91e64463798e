"""Short-term depression and facilitation: the Tsodyks-Markram synapse.

Each synapse has a fraction R of its resources available (1 when rested) and a
utilisation u, the fraction of the available resources a spike releases. At a
presynaptic spike, u first jumps, u <- u + U (1 - u), then the synapse releases
u R (the size of the postsynaptic response, in units of its largest possible
value) and R <- R (1 - u). Between spikes R recovers to 1 with time constant tau_d
and u decays to 0 with tau_f (Tsodyks & Markram 1997; Markram, Wang & Tsodyks
1998). With tau_f = 0, u = U at every spike: a purely depressing synapse.

For a regular train with interval T the sequence settles at the fixed point
    u* = U / (1 - (1 - U) exp(-T / tau_f))
    R* = (1 - exp(-T / tau_d)) / (1 - (1 - u*) exp(-T / tau_d))
and the steady response is u* R*. The two parameter sets are illustrative.
"""

import matplotlib.pyplot as plt
import numpy as np

DEPRESSING = {"U": 0.5, "tau_d": 800.0, "tau_f": 0.0}      # ms
FACILITATING = {"U": 0.1, "tau_d": 100.0, "tau_f": 1000.0}  # ms


def decay(interval, tau):
    """exp(-interval / tau), with tau = 0 meaning instant decay."""
    return 0.0 if tau == 0 else np.exp(-interval / tau)


def respond(spike_times, U, tau_d, tau_f):
    """Response u R to every spike of a train (ms); returns (responses, u, R) per spike."""
    u_prev, r, t_prev = 0.0, 1.0, None
    out = []
    for t in spike_times:
        if t_prev is not None:
            gap = t - t_prev
            r = 1.0 - (1.0 - r) * decay(gap, tau_d)
            u_prev = u_prev * decay(gap, tau_f)
        u = u_prev + U * (1.0 - u_prev)
        out.append((u * r, u, r))
        r = r * (1.0 - u)
        u_prev, t_prev = u, t
    return tuple(np.array(column) for column in zip(*out))


def steady_state(rate_hz, U, tau_d, tau_f):
    """Closed-form fixed point (u* R*, u*, R*) for a regular train at rate_hz."""
    interval = 1000.0 / np.asarray(rate_hz, dtype=float)
    ef = 0.0 if tau_f == 0 else np.exp(-interval / tau_f)
    ed = np.exp(-interval / tau_d)
    u = U / (1.0 - (1.0 - U) * ef)
    r = (1.0 - ed) / (1.0 - (1.0 - u) * ed)
    return u * r, u, r


if __name__ == "__main__":
    train = np.arange(10) * 50.0            # ten spikes at 20 Hz
    fig, (ax_t, ax_f) = plt.subplots(1, 2, figsize=(7, 3.6), layout="constrained")
    fig.get_layout_engine().set(wspace=0.08)  # the right panel's y-label clear of the left's last tick
    for name, params, colour, marker in (("depressing", DEPRESSING, "C1", "o"),
                                         ("facilitating", FACILITATING, "C0", "s")):
        resp = respond(train, **params)[0]
        steady = steady_state(20.0, **params)[0]
        print(f"{name}: first five {np.round(resp[:5], 3)}")
        print(f"    10th response {resp[-1]:.3f}, closed-form steady state {steady:.3f}")
        ax_t.plot(np.arange(1, 11), resp, marker=marker, color=colour, label=name)
        ax_t.axhline(steady, color=colour, linestyle=":", linewidth=1)
        rates = np.logspace(0, 2, 200)
        ax_f.plot(rates, steady_state(rates, **params)[0], color=colour, label=name)
    rates = np.logspace(np.log10(5), 2, 50)
    ax_f.plot(rates, 1000.0 / (rates * DEPRESSING["tau_d"]), color="C6", linestyle="--",
              linewidth=1, label=r"$1/(r\,\tau_\mathrm{d})$")
    ax_t.set_xlabel("spike number in a 20-Hz train")
    ax_t.set_ylabel(r"response $uR$ (fraction of max.)")
    ax_t.set_ylim(0, 0.6)
    ax_t.legend(loc="upper right")
    ax_f.set_xscale("log")
    ax_f.set_xlabel("presynaptic rate r (Hz)")
    ax_f.set_ylabel(r"steady response $u^*R^*$")
    ax_f.set_ylim(0, 0.6)
    ax_f.legend(loc="upper right")
    plt.show()
