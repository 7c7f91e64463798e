"""Spike timing is unreliable under a constant input and reliable under a fluctuating one.

After Mainen & Sejnowski (1995). The site's leaky integrate-and-fire neuron
(E_L = -70 mV, V_reset = -65 mV, V_th = -50 mV, R = 10 MOhm, tau = 10 ms,
t_ref = 2 ms, forward Euler with dt = 0.1 ms) is driven twenty times by the same
input, with fresh intrinsic noise on every trial: each step adds
sigma sqrt(dt/tau) z to V, z standard normal, sigma = 1 mV. The input is either a
constant current of 2.5 nA or a "frozen" fluctuating current with the same mean:
2.5 nA plus noise low-pass filtered with a 3-ms time constant (standard deviation
2 nA), drawn once and replayed on every trial. Reliability is the fraction of one
trial's spikes that another trial matches within +/- 2 ms, over all pairs of trials.
"""

import matplotlib.pyplot as plt
import numpy as np

E_L, V_RESET, V_TH = -70.0, -65.0, -50.0    # mV, the site's LIF
R, TAU, T_REF = 10.0, 10.0, 2.0             # MOhm, ms, ms
DT = 0.1                                    # ms
I_MEAN = 2.5        # nA, mean input in both conditions
I_SD = 2.0          # nA, standard deviation of the frozen fluctuations
TAU_S = 3.0         # ms, correlation time of the frozen fluctuations
SIGMA = 1.0         # mV, intrinsic noise, fresh on every trial
TRIALS = 20
T_MAX = 1000.0      # ms
WINDOW = 2.0        # ms, half-width of a coincidence


def frozen_current(t_max, rng, dt=DT):
    """One sample of low-pass filtered noise (mean I_MEAN, sd I_SD), one value per step."""
    steps = int(round(t_max / dt)) + 1
    a = np.exp(-dt / TAU_S)
    x = np.empty(steps)
    x[0] = rng.standard_normal()
    kicks = np.sqrt(1 - a * a) * rng.standard_normal(steps)
    for k in range(1, steps):
        x[k] = a * x[k - 1] + kicks[k]
    return I_MEAN + I_SD * x


def simulate(current, t_max, sigma=0.0, rng=None, dt=DT):
    """Forward-Euler LIF neurons, as lif.py, plus intrinsic noise of amplitude sigma (mV).

    current(t) gives the input in nA, one value per neuron (an array); every neuron
    draws its own noise. Returns one array of spike times (ms) per neuron.
    """
    t = np.arange(0.0, t_max + dt / 2, dt)
    shape = np.shape(current(0.0))
    v = np.full(shape, E_L)
    refractory = np.zeros(shape, dtype=int)
    n_ref = int(round(T_REF / dt))
    scale = sigma * np.sqrt(dt / TAU)
    fired_at = []
    for k in range(1, len(t)):
        active = refractory == 0
        dv = dt / TAU * (E_L - v + R * current(t[k - 1]))
        noise = scale * rng.standard_normal(shape) if sigma > 0 else 0.0
        v = np.where(active, v + dv + noise, V_RESET)
        refractory = np.where(active, 0, refractory - 1)
        fired = active & (v >= V_TH)
        if np.any(fired):
            fired_at.append((t[k], fired))
            v = np.where(fired, V_RESET, v)
            refractory = np.where(fired, n_ref, refractory)
    return [np.array([s for s, f in fired_at if f[j]]) for j in range(np.size(v))]


def reliability(trains, window=WINDOW):
    """Fraction of spikes of one train with a spike of another train within +/- window,
    averaged over all ordered pairs of trains."""
    fractions = []
    for i, a in enumerate(trains):
        for j, b in enumerate(trains):
            if i != j and len(a) and len(b):
                k = np.clip(np.searchsorted(b, a), 1, len(b) - 1)
                nearest = np.minimum(np.abs(a - b[k - 1]), np.abs(a - b[k]))
                fractions.append(np.mean(nearest <= window))
    return float(np.mean(fractions))


def run(rng, trials=TRIALS, t_max=T_MAX, sigma=SIGMA):
    """Spike trains under the constant and under the frozen input, `trials` each."""
    frozen = frozen_current(t_max, rng)
    constant = simulate(lambda t: np.full(trials, I_MEAN), t_max, sigma, rng)
    replayed = simulate(lambda t: np.full(trials, frozen[int(round(t / DT))]), t_max, sigma, rng)
    return constant, replayed, frozen


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    constant, replayed, frozen = run(rng)
    fig, (ax_c, ax_f, ax_i) = plt.subplots(3, 1, figsize=(7, 6), sharex=True,
                                           gridspec_kw={"height_ratios": [2, 2, 1]})
    for ax, trains, name in ((ax_c, constant, "constant input"), (ax_f, replayed, "frozen fluctuating input")):
        for n, spikes in enumerate(trains):
            ax.plot(spikes, np.full(spikes.shape, n + 1), "|", color="C4", markersize=4)
        ax.set_ylabel("trial")
        ax.set_ylim(0, len(trains) + 1)
        ax.set_title(name, loc="left")
        rate = np.mean([len(s) for s in trains]) / T_MAX * 1000.0
        print(f"{name}: {rate:.1f} Hz, reliability {reliability(trains):.2f} "
              f"(spikes matched within {WINDOW:g} ms)")
    late = [s[s > T_MAX / 2] for s in constant]
    print(f"constant input, second half only: reliability {reliability(late):.2f}")
    t = np.arange(len(frozen)) * DT
    ax_i.plot(t, np.full(t.shape, I_MEAN), color="C0", linestyle="--")
    ax_i.plot(t, frozen, color="C0", linewidth=0.8)
    ax_i.set_ylabel(r"$I$ (nA)")
    ax_i.set_xlabel("time (ms)")
    ax_i.set_xlim(0, 500)
    plt.show()
