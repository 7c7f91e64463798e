"""Why most cortical neurons must be silent most of the time.

If every one of the cortex's neurons fired at a mean rate r, spikes alone would
cost N r E_spike watts, with N the cortical neurons (Azevedo et al. 2009) and
E_spike the human cost of a spike (Lennie 2003, at 50-65 kJ per mole of ATP).
The band is the whole brain's power as derived on the scale-and-energy page. The
rate at which the line reaches the band is an upper limit on the mean rate, even
if nothing else in the brain used any energy; a unit of an artificial network,
by contrast, computes an output for every input.
"""

import matplotlib.pyplot as plt
import numpy as np
from costs import ATP_PER_SPIKE_HUMAN, BRAIN_POWER, CORTICAL_NEURONS, picojoules

E_SPIKE = np.array(picojoules(ATP_PER_SPIKE_HUMAN.low)) * 1e-12      # J, (low, high)


def spike_power(rate_hz, e_spike):
    return CORTICAL_NEURONS.low * rate_hz * e_spike


def rate_limit(power_w, e_spike):
    """The mean rate at which cortical spikes alone would use power_w."""
    return power_w / (CORTICAL_NEURONS.low * e_spike)


if __name__ == "__main__":
    for e in E_SPIKE:
        print(f"spike cost {e * 1e12:.0f} pJ: 1 Hz in every cortical neuron costs {spike_power(1.0, e):.1f} W;")
        print(f"    {BRAIN_POWER.low}-{BRAIN_POWER.high} W would allow at most "
              f"{rate_limit(BRAIN_POWER.low, e):.1f}-{rate_limit(BRAIN_POWER.high, e):.1f} Hz")
    rates = np.geomspace(0.01, 100, 200)
    fig, ax = plt.subplots(figsize=(7, 3.4))
    ax.fill_between(rates, spike_power(rates, E_SPIKE[0]), spike_power(rates, E_SPIKE[1]),
                    color="C4", alpha=0.5, linewidth=0, label="cortical spikes (range over ATP energy)")
    ax.axhspan(BRAIN_POWER.low, BRAIN_POWER.high, color="C2", alpha=0.4,
               label=f"whole brain, derived ({BRAIN_POWER.low}–{BRAIN_POWER.high} W)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("mean firing rate of every cortical neuron (Hz)")
    ax.set_ylabel("power (W)")
    ax.legend(loc="upper left")
    plt.show()
