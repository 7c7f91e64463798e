"""Balanced excitation and inhibition make a neuron fire irregularly.

The site's leaky integrate-and-fire neuron (E_L = -70 mV, V_reset = -65 mV,
V_th = -50 mV, tau = 10 ms, t_ref = 2 ms, forward Euler with dt = 0.1 ms) receives
excitatory input spikes at 20 000 per second in total (say 2000 synapses at 10 Hz),
each raising V by 0.2 mV, and inhibitory spikes at 3500 per second, each lowering it
by 0.8 mV; both are Poisson processes. Excitation alone would hold V 40 mV above
rest, far above threshold; inhibition takes back 28 mV, so the mean input leaves V
12 mV above rest, 8 mV below threshold, and spikes come from the fluctuations.
A second neuron receives a constant current chosen to give the same mean rate.
The coefficient of variation (CV = std / mean) of the interspike intervals measures
irregularity: 0 for a clock, 1 for a Poisson process.
"""

import matplotlib.pyplot as plt
import numpy as np

E_L, V_RESET, V_TH = -70.0, -65.0, -50.0     # mV
R, TAU, T_REF, DT = 10.0, 10.0, 2.0, 0.1     # MOhm, ms, ms, ms
J_E, RATE_E = 0.2, 20.0                      # mV per input spike, input spikes per ms
J_I, RATE_I = 0.8, 3.5


def simulate(jumps, t_max, dt=DT):
    """LIF neurons (columns) driven by a (steps, neurons) array of voltage jumps (mV).

    Returns the membrane potential of neuron 0 and the spike times of every neuron."""
    steps, n = jumps.shape
    v = np.full(n, E_L)
    refractory = np.zeros(n, dtype=int)
    n_ref = int(round(T_REF / dt))
    trace = np.empty(steps)
    spikes = [[] for _ in range(n)]
    for k in range(steps):
        active = refractory == 0
        v = np.where(active, v + dt / TAU * (E_L - v) + jumps[k], V_RESET)
        refractory = np.where(active, 0, refractory - 1)
        fired = active & (v >= V_TH)
        for j in np.flatnonzero(fired):
            spikes[j].append((k + 1) * dt)
        v = np.where(fired, V_RESET, v)
        refractory = np.where(fired, n_ref, refractory)
        trace[k] = v[0]
    return trace, [np.array(s) for s in spikes]


def poisson_jumps(steps, neurons, rng, dt=DT):
    """Net jump per step: excitatory minus inhibitory Poisson input counts times J."""
    return (J_E * rng.poisson(RATE_E * dt, (steps, neurons))
            - J_I * rng.poisson(RATE_I * dt, (steps, neurons)))


def current_for_rate(rate_hz):
    """Constant current (nA) whose closed-form LIF rate is rate_hz."""
    x = np.exp((1000.0 / rate_hz - T_REF) / TAU)      # (RI - 5) / (RI - 20) = x
    return ((V_TH - E_L) * x - (V_RESET - E_L)) / (x - 1.0) / R


def isis(spikes):
    return np.concatenate([np.diff(s) for s in spikes if len(s) > 1])


def cv(intervals):
    return float(np.std(intervals) / np.mean(intervals))


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    t_max, neurons = 2000.0, 100
    steps = int(round(t_max / DT))
    trace_b, spikes_b = simulate(poisson_jumps(steps, neurons, rng), t_max)
    isi_b = isis(spikes_b)
    rate_b = 1000.0 / isi_b.mean()
    mean_drive = TAU * (J_E * RATE_E - J_I * RATE_I)          # mV above rest
    i_same = current_for_rate(rate_b)
    trace_c, spikes_c = simulate(np.full((steps, 1), DT / TAU * R * i_same), t_max)
    isi_c = isis(spikes_c)
    print(f"balanced input: mean drive {mean_drive:.0f} mV above rest (threshold: 20 mV)")
    print(f"                rate {rate_b:.1f} Hz, CV {cv(isi_b):.2f} from {isi_b.size} intervals")
    print(f"constant {i_same:.4f} nA: rate {1000.0 / isi_c.mean():.1f} Hz, CV {cv(isi_c):.3f}")
    silent = simulate(np.full((steps, 1), DT / TAU * mean_drive), t_max)[1][0]
    print(f"constant {mean_drive / R:.1f} nA (the balanced input's mean): {len(silent)} spikes")

    fig, axes = plt.subplots(2, 2, figsize=(7, 4.8), width_ratios=[2, 1], layout="constrained")
    t = np.arange(1, steps + 1) * DT
    shown = t <= 1000.0
    for row, (trace, spikes, isi, colour, name) in enumerate((
            (trace_b, spikes_b, isi_b, "C2", "balanced E/I input"),
            (trace_c, spikes_c, isi_c, "C0", "constant current"))):
        ax_v, ax_h = axes[row]
        ax_v.plot(t[shown], trace[shown], color=colour, linewidth=1)
        s = spikes[0][spikes[0] <= 1000.0]
        ax_v.vlines(s, V_TH, -40.0, color="C4", linewidth=1.5)
        ax_v.axhline(V_TH, color="C3", linestyle="--", linewidth=1)
        ax_v.set_ylim(-72, -38)
        ax_v.set_ylabel("V (mV)")
        ax_v.set_title(name, loc="left")
        ax_h.hist(isi, bins=np.arange(0, 400, 10), color=colour, density=True)
        ax_h.set_title(f"CV = {cv(isi):.2f}")
        ax_h.set_yticks([])
        ax_h.set_ylabel("ISIs")
    axes[1, 0].set_xlabel("time (ms)")
    axes[1, 1].set_xlabel("interspike interval (ms)")
    fig.get_layout_engine().set(w_pad=0.1)   # each trace's last tick clear of its histogram
    plt.show()
