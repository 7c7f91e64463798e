"""Why most cortical neurons must be silent most of the time.

If every one of the cortex's neurons fired at a mean rate r, spikes alone would
need N r A ATP molecules per second, with N the cortical neurons (Azevedo et al.
2009) and A the ATP per spike in human cortex (Lennie 2003). The brain's power,
13.5-16.5 W as derived on the scale-and-energy page, is glucose oxidised: at
2,803 kJ per mole of glucose and 30 to 32 ATP made per glucose (Nelson & Cox
2017, ch. 19) it makes at most P / 2,803 kJ/mol x (30-32) x N_A ATP per second.
Supply and demand are both counted in ATP, so the free energy of ATP cancels;
the figure shows both as glucose power. The rate at which the demand reaches the
supply is an upper limit on the mean rate, even if nothing else in the brain used
any energy; a unit of an artificial network, by contrast, computes an output for
every input.
"""

import matplotlib.pyplot as plt
import numpy as np
from costs import (ATP_PER_GLUCOSE, ATP_PER_SPIKE_HUMAN, BRAIN_POWER, CORTICAL_NEURONS,
                   fuel_joules_per_atp, sci)

YIELDS = (ATP_PER_GLUCOSE.low, ATP_PER_GLUCOSE.high)      # ATP per glucose


def atp_supply(power_w, atp_per_glucose):
    """ATP per second that power_w of glucose oxidation makes."""
    return power_w / fuel_joules_per_atp(atp_per_glucose)


def atp_demand(rate_hz):
    """ATP per second for spikes at rate_hz in every cortical neuron."""
    return CORTICAL_NEURONS.low * rate_hz * ATP_PER_SPIKE_HUMAN.low


def spike_power(rate_hz, atp_per_glucose):
    """The same demand as glucose power (W)."""
    return atp_demand(rate_hz) * fuel_joules_per_atp(atp_per_glucose)


def share(rate_hz, power_w, atp_per_glucose):
    """Fraction of the brain's ATP supply that spikes at rate_hz need."""
    return atp_demand(rate_hz) / atp_supply(power_w, atp_per_glucose)


def rate_limit(power_w, atp_per_glucose):
    """The mean rate at which cortical spikes alone would use all the ATP power_w makes."""
    return atp_supply(power_w, atp_per_glucose) / atp_demand(1.0)


if __name__ == "__main__":
    print(f"1 Hz in every cortical neuron needs {sci(atp_demand(1.0))} ATP/s")
    for n in YIELDS:
        lo, hi = (atp_supply(p, n) for p in (BRAIN_POWER.low, BRAIN_POWER.high))
        print(f"{n:.0f} ATP per glucose: the brain makes {sci(lo)} to {sci(hi)} ATP/s; 1 Hz takes "
              f"{100 * share(1.0, BRAIN_POWER.high, n):.0f}–{100 * share(1.0, BRAIN_POWER.low, n):.0f}% "
              f"({spike_power(1.0, n):.1f} W of glucose); mean rate at most "
              f"{rate_limit(BRAIN_POWER.low, n):.1f}–{rate_limit(BRAIN_POWER.high, n):.1f} Hz")
    rates = np.geomspace(0.01, 100, 200)
    fig, ax = plt.subplots(figsize=(7, 3.4))
    ax.fill_between(rates, spike_power(rates, YIELDS[1]), spike_power(rates, YIELDS[0]),
                    color="C4", alpha=0.3, linewidth=0, label="cortical spikes (range over ATP per glucose)")
    for n in YIELDS:  # the range's two bounds, drawn as lines
        ax.plot(rates, spike_power(rates, n), color="C4", linewidth=1.2)
    ax.axhspan(BRAIN_POWER.low, BRAIN_POWER.high, color="C2", alpha=0.4,
               label=f"whole brain, derived ({BRAIN_POWER.low}–{BRAIN_POWER.high} W)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("mean firing rate of every cortical neuron (Hz)")
    ax.set_ylabel("glucose power (W)")
    ax.legend(loc="upper left")
    plt.show()
