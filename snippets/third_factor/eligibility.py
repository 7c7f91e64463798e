"""A three-factor rule: an STDP pairing marks a synapse, reward converts the mark.

Each synapse keeps an eligibility trace e (in units of weight). A pairing of a
presynaptic and a postsynaptic spike with delay dt = t_post - t_pre adds STDP(dt)
to the trace, with the sign and size of the STDP window of Song, Miller & Abbott
(2000), scaled so that its largest potentiation is 1: +exp(-dt / 20 ms) for
dt > 0, -1.05 exp(dt / 20 ms) for dt < 0. Between pairings the trace decays:

    de/dt = -e / tau_e + sum_k STDP(dt_k) delta(t - t_k),   tau_e = 1 s (our choice),

so after one pairing at t_k, e(t) = STDP(dt_k) exp(-(t - t_k) / tau_e). Nothing
changes the weight until a third factor M(t) (a neuromodulator such as dopamine,
in 1/s) arrives: dw/dt = eta M(t) e(t). A reward pulse of area 1 at t_r changes
the weight by eta e(t_r). Synapse A's pairing (pre 10 ms before post) is 0.5 s
before the reward, B's the same pairing 2.5 s before it, C's the reverse order
(post 10 ms before pre) 0.5 s before it, and D's comes 0.5 s after the reward.
"""

import matplotlib.pyplot as plt
import numpy as np

TAU_E, ETA, DT = 1.0, 1.0, 0.001          # s, dimensionless, s
TAU_STDP, A_MINUS = 0.020, 1.05           # s; depression lobe relative to potentiation (Song et al. 2000)
T_REWARD = 3.0                            # s


def stdp(dt):
    """Weight change of one pre/post pairing, dt = t_post - t_pre in s (largest potentiation 1)."""
    dt = np.asarray(dt, dtype=float)
    return np.where(dt > 0, np.exp(-dt / TAU_STDP), np.where(dt < 0, -A_MINUS * np.exp(dt / TAU_STDP), 0.0))


def simulate(pairings, delays, t_reward=T_REWARD, t_max=5.0, pulse=0.01, tau_e=TAU_E):
    """Integrate de/dt = -e/tau_e + STDP(dt) delta(t - t_k) and dw/dt = eta M e step by step
    (exact decay over each step, the pairing's jump at its step): times t, traces e(t) (one
    column per synapse), modulator M(t) and the final weight changes."""
    t = np.arange(0.0, t_max, DT)
    jumps = stdp(delays)
    steps = np.round(np.asarray(pairings) / DT).astype(int)
    modulator = np.where((t >= t_reward) & (t < t_reward + pulse), 1.0 / pulse, 0.0)
    traces = np.zeros((len(t), len(jumps)))
    e = np.zeros(len(jumps))
    w = np.zeros(len(jumps))
    decay = np.exp(-DT / tau_e)
    for i in range(len(t)):
        e = e * decay + np.where(steps == i, jumps, 0.0)
        traces[i] = e
        w += ETA * modulator[i] * e * DT
    return t, traces, modulator, w


def closed_form(pairings, delays, t_reward=T_REWARD, tau_e=TAU_E):
    """eta e(t_r) = eta STDP(dt) exp(-(t_r - t_pair)/tau_e), zero for a pairing after the reward."""
    since = t_reward - np.asarray(pairings, dtype=float)
    return np.where(since >= 0, ETA * stdp(delays) * np.exp(-np.maximum(since, 0.0) / tau_e), 0.0)


def tau_for_fraction_left(fraction, delay, lo=0.1, hi=10.0):
    """The tau_e (s) for which a simulated trace keeps `fraction` of its jump `delay` s after
    its pairing: bisection on simulate (a longer tau_e leaves more)."""

    def left(tau):
        t, traces, _, _ = simulate([0.5], [0.010], t_max=0.5 + delay + 0.01, tau_e=tau)
        return traces[np.searchsorted(t, 0.5 + delay - 1e-9), 0] / traces[np.searchsorted(t, 0.5 - 1e-9), 0]

    for _ in range(40):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if left(mid) < fraction else (lo, mid)
    return (lo + hi) / 2

if __name__ == "__main__":
    names = "ABCD"
    pairings = np.array([2.5, 0.5, 2.5, 3.5])              # s
    delays = np.array([0.010, 0.010, -0.010, 0.010])       # t_post - t_pre, s
    t, traces, modulator, dw = simulate(pairings, delays)
    for name, tp, d, change, exact in zip(names, pairings, delays, dw, closed_form(pairings, delays)):
        print(f"synapse {name}: pairing at {tp} s, dt = {1000 * d:+.0f} ms, STDP {float(stdp(d)):+.3f}, "
              f"weight change {change:+.3f} (closed form {exact:+.3f})")
    colours = ("C1", "C0", "C3", "C6")
    fig, (ax_t, ax_w) = plt.subplots(1, 2, figsize=(7, 3.4), gridspec_kw={"width_ratios": [2, 1]})
    for j, (name, colour) in enumerate(zip(names, colours)):
        ax_t.plot(t, traces[:, j], color=colour, label=name)
    ax_t.axhline(0, color="C6", linewidth=0.8)
    ax_t.axvspan(T_REWARD, T_REWARD + 0.05, color="C4", label="reward")
    ax_t.set_xlabel("time (s)")
    ax_t.set_ylabel(r"eligibility trace $e$")
    ax_t.set_ylim(-1.1, 1.1)
    # One legend for the figure, above both panels, where no trace or bar can reach it.
    fig.legend(*ax_t.get_legend_handles_labels(), loc="outside upper center", ncols=5,
               handlelength=1.0, columnspacing=1.2)
    ax_w.bar(list(names), dw, color=colours)
    ax_w.axhline(0, color="C6", linewidth=0.8)
    ax_w.set_ylabel(r"weight change $\Delta w$")
    ax_w.set_xlabel("synapse")
    plt.show()
