"""Threshold behaviour of the Hodgkin-Huxley model: all-or-none spikes.

Left: 1-ms current pulses of four amplitudes. Below a threshold near 7 µA/cm² the
membrane depolarises a few millivolts and relaxes back; just above it a full-size
spike fires. Right: sustained current steps. A weak step only depolarises; a
moderate one fires a single spike at its onset and then the membrane settles;
above the rheobase for repetitive firing the neuron fires for as long as the
current lasts.
"""

import matplotlib.pyplot as plt
import numpy as np

from model import simulate, spike_times

PULSES = np.array([6.0, 6.75, 7.0, 10.0])   # µA/cm², 1 ms long, from t = 5 ms
STEPS = np.array([1.5, 4.0, 6.5])           # µA/cm², from t = 10 ms on


def currents(t):
    """Injected current for all seven neurons: four pulses, then three steps."""
    pulses = PULSES * ((t >= 5.0) & (t < 6.0))
    steps = STEPS * (t >= 10.0)
    return np.concatenate([pulses, steps])


if __name__ == "__main__":
    t, v, m, h, n = simulate(currents, t_max=150.0)
    k = len(PULSES)
    for j, amplitude in enumerate(PULSES):
        print(f"1-ms pulse {amplitude:5.2f} µA/cm²: peak {v[:, j].max():6.1f} mV, "
              f"{len(spike_times(t, v[:, j]))} spike(s)")
    for j, amplitude in enumerate(STEPS):
        spikes = spike_times(t, v[:, k + j])
        print(f"step       {amplitude:5.2f} µA/cm²: {len(spikes)} spike(s) in 140 ms")

    # One panel above the other, each the full width: side by side, the legends took a
    # third of the width and squeezed the traces. Every trace is the membrane potential,
    # so every trace has V's colour (C2, as in the action-potential figure) and the
    # current tells them apart by line style; the current is C0 in every panel, the
    # shaded time while it flows, as the pulse in the action-potential figure.
    fig, (ax_p, ax_s) = plt.subplots(2, 1, figsize=(7, 5.6), sharey=True)
    styles = {"strongest": "-", "strong": (0, (6, 2)), "weak": (0, (6, 2, 1.5, 2)), "weakest": (0, (1.5, 1.5))}
    pulse_styles = [styles["weakest"], styles["weak"], styles["strong"], styles["strongest"]]
    window = t <= 25
    ax_p.axvspan(5.0, 6.0, color="C0", alpha=0.35, linewidth=0)
    for j, amplitude in enumerate(PULSES):
        ax_p.plot(t[window], v[window, j], color="C2", linestyle=pulse_styles[j],
                  label=f"{amplitude:g} µA/cm²")
    ax_p.set_title("1-ms pulses (shaded)")
    ax_p.set_xlabel("time (ms)")
    ax_p.set_ylabel("V (mV)")
    ax_s.set_ylabel("V (mV)")
    ax_p.legend(loc="upper left", bbox_to_anchor=(1, 1), borderaxespad=0.2, handlelength=2.8)
    step_styles = [styles["weakest"], styles["strong"], styles["strongest"]]
    ax_s.axvspan(10.0, t[-1], color="C0", alpha=0.15, linewidth=0)
    for j, amplitude in enumerate(STEPS):
        ax_s.plot(t, v[:, k + j], color="C2", linestyle=step_styles[j], label=f"{amplitude:g} µA/cm²",
                  linewidth=1.5)
    ax_s.set_title("current steps from t = 10 ms (shaded)")
    ax_s.set_ylim(-85, 75)
    ax_s.set_xlabel("time (ms)")
    ax_s.legend(loc="upper left", bbox_to_anchor=(1, 1), borderaxespad=0.2, handlelength=2.8)
    plt.show()
