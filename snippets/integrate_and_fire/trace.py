"""Membrane potential of the leaky integrate-and-fire neuron for two current steps.

Both neurons receive a current step from t = 20 ms to t = 180 ms. With 1.8 nA the
potential relaxes towards E_L + R I = -52 mV, which is below threshold, so the
neuron never fires. With 3 nA it would relax towards -40 mV, but on the way it
hits V_th = -50 mV: a spike is emitted (drawn as a vertical tick; the model has no
spike shape), V is reset to -65 mV and held for 2 ms, and the climb starts again.
"""

import matplotlib.pyplot as plt
import numpy as np

from lif import E_L, R, V_RESET, V_TH, simulate

STEPS = np.array([1.8, 3.0])   # nA


def step_current(t):
    """Both step amplitudes, on between 20 and 180 ms."""
    return STEPS * ((t >= 20.0) & (t < 180.0))


if __name__ == "__main__":
    t, v, spikes = simulate(step_current, t_max=200.0)
    for amplitude, times in zip(STEPS, spikes):
        print(f"I = {amplitude} nA: {len(times)} spikes, first at {times[0] if len(times) else '-'} ms")
    isi = np.diff(spikes[1])
    print(f"at 3 nA: first spike {spikes[1][0] - 20.0:.1f} ms after the step (climb from rest), "
          f"then every {isi[0]:.1f} ms (2 ms refractory + {isi[0] - 2.0:.1f} ms climb from reset)")

    fig, (ax_i, ax_v) = plt.subplots(2, 1, sharex=True, figsize=(7, 4.8), height_ratios=[1, 3])
    colours = ["C0", "C2"]
    for j, amplitude in enumerate(STEPS):
        ax_i.plot(t, amplitude * ((t >= 20.0) & (t < 180.0)),
                  color=colours[j], label=f"{amplitude} nA")
        ax_v.plot(t, v[:, j], color=colours[j], label=f"V with {amplitude} nA")
    ax_v.vlines(spikes[1], V_TH, -45.0, color="C4", linewidth=1.5, label="spikes")
    ax_v.axhline(V_TH, color="C3", linestyle="--", linewidth=1, label=r"threshold $V_\mathrm{th}$")
    ax_v.axhline(V_RESET, color="C6", linestyle=":", linewidth=1, label=r"reset $V_\mathrm{reset}$")
    ax_v.axhline(E_L + R * STEPS[0], color="C0", linestyle=(0, (1, 3)), linewidth=1)
    ax_i.set_ylabel("I (nA)")
    ax_i.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2, ncol=2)
    ax_v.set_ylabel("V (mV)")
    ax_v.set_xlabel("time (ms)")
    ax_v.set_ylim(E_L - 2, -34)
    ax_v.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2, ncol=3)
    plt.show()
