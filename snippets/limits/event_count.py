"""Clocked layer vs event-driven network: how many synaptic updates per second?

A layer of an artificial network updates every connection at every step,
whether or not its input changed. A spiking network does work only when a
spike arrives: each spike touches the synapses it reaches. Here 1000 inputs
project to 1000 outputs; the clocked layer is stepped every 1 ms, and the
event-driven count uses simulated Poisson spikes at three mean rates.
"""

import math

import numpy as np

SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def reader(x, digits=2):
    """x as a page writes it: 2.6 × 10⁻⁶, not 2.6e-06; 0.01 to 10 000 (and 0) stay plain."""
    if x == 0 or 0.01 <= abs(x) < 1e4:
        return f"{float(f'{x:.{digits}g}'):g}"
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"


N_IN, N_OUT = 1000, 1000
DT = 0.001          # s, the clock of the layer-by-layer update
DURATION = 1.0      # s


def clocked_updates(n_in, n_out, dt, duration):
    """Every connection, every step."""
    return n_in * n_out * round(duration / dt)


def event_updates(rate, n_in, n_out, duration, rng):
    """Each input spike updates its n_out outgoing synapses; spike counts are Poisson."""
    spikes = rng.poisson(rate * duration, size=n_in).sum()
    return int(spikes) * n_out


def poisson_count_probability(k, rate, window):
    """Probability that a Poisson neuron at `rate` (Hz) fires exactly k spikes in `window` (s)."""
    mean = rate * window
    return mean**k * np.exp(-mean) / math.factorial(k)


def break_even_rate(dt, n_in=N_IN, n_out=N_OUT, duration=DURATION):
    """Mean rate (Hz) at which event-driven updating does as many synaptic updates as the
    clocked layer stepped every dt: the expected event count, rate x duration x n_in x
    n_out, equal to clocked_updates."""
    return clocked_updates(n_in, n_out, dt, duration) / (duration * n_in * n_out)

if __name__ == "__main__":
    rng = np.random.default_rng(0)
    dense = clocked_updates(N_IN, N_OUT, DT, DURATION)
    print(f"clocked layer, 1 ms steps: {reader(dense, 3)} synaptic updates "
          "per second")
    for rate in (0.5, 5.0, 50.0):
        events = event_updates(rate, N_IN, N_OUT, DURATION, rng)
        print(f"event-driven at {rate:4.1f} Hz: {reader(events, 3)} per second, "
              f"{events / dense:.4f} x clocked (rate x dt = {rate * DT:.4f})")
