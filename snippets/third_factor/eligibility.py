"""A three-factor rule: Hebbian coincidence marks a synapse, reward converts the mark.

Each synapse keeps an eligibility trace e. When its presynaptic and
postsynaptic neurons are active together (a Hebbian coincidence), e jumps by 1;
otherwise it decays with time constant tau_e = 1 s (our choice). Nothing changes
the weight until a third factor M (a neuromodulator such as dopamine) arrives:
dw/dt = eta M(t) e(t). With a brief reward pulse of area 1 at t_r, a synapse
whose coincidence happened at t_c changes by eta exp(-(t_r - t_c) / tau_e).
Synapse A's coincidence is 0.5 s before the reward, synapse B's 2.5 s before,
synapse C's 0.5 s after it.
"""

import matplotlib.pyplot as plt
import numpy as np

TAU_E, ETA, DT = 1.0, 1.0, 0.001          # s, weight units per trace unit, s
T_REWARD = 3.0                            # s


def simulate(coincidences, t_reward=T_REWARD, t_max=5.0, pulse=0.01):
    """Traces and weight changes of synapses with one coincidence each (times in s)."""
    t = np.arange(0.0, t_max, DT)
    since = t[:, None] - np.asarray(coincidences)[None, :]       # time since each coincidence
    traces = np.where(since >= 0, np.exp(-np.maximum(since, 0) / TAU_E), 0.0)
    modulator = np.where((t >= t_reward) & (t < t_reward + pulse), 1.0 / pulse, 0.0)
    w = ETA * DT * modulator @ traces                            # integral of eta M(t) e(t) dt
    return t, traces, modulator, w


def closed_form(coincidences, t_reward=T_REWARD):
    delay = t_reward - np.asarray(coincidences)
    return np.where(delay >= 0, ETA * np.exp(-delay / TAU_E), 0.0)


if __name__ == "__main__":
    times = np.array([2.5, 0.5, 3.5])                    # A, B, C
    t, traces, modulator, dw = simulate(times)
    for name, tc, d, exact in zip("ABC", times, dw, closed_form(times)):
        print(f"synapse {name}: coincidence at {tc} s, weight change {d:.3f} (closed form {exact:.3f})")
    fig, (ax_t, ax_w) = plt.subplots(1, 2, figsize=(7, 3.2), gridspec_kw={"width_ratios": [2, 1]})
    for j, (name, colour) in enumerate(zip("ABC", ("C1", "C0", "C6"))):
        ax_t.plot(t, traces[:, j], color=colour, label=f"trace, synapse {name}")
    ax_t.axvspan(T_REWARD, T_REWARD + 0.05, color="C4", alpha=0.6, label="reward (third factor)")
    ax_t.set_xlabel("time (s)")
    ax_t.set_ylabel(r"eligibility trace $e$")
    ax_t.set_ylim(0, 1.5)
    ax_t.legend(loc="upper left", ncols=2)
    ax_w.bar(["A", "B", "C"], dw, color=["C1", "C0", "C6"])
    ax_w.set_ylabel(r"weight change $\Delta w$")
    ax_w.set_xlabel("synapse")
    plt.show()
