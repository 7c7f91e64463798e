"""One action potential of the Hodgkin-Huxley model, and the gates that make it.

A 1-ms pulse of 10 uA/cm^2 at t = 5 ms depolarises the membrane past threshold.
The sodium activation gate m opens within a fraction of a millisecond and drives V
towards E_Na; the slower inactivation gate h closes and the potassium gate n opens,
which bring V back down, below rest (the after-hyperpolarisation), before the
gates relax to their resting values.
"""

import matplotlib.pyplot as plt

from model import resting_potential, simulate, spike_times


def pulse(t, amplitude=10.0, start=5.0, width=1.0):
    """A rectangular current pulse, uA/cm^2."""
    return amplitude * ((t >= start) & (t < start + width))


def spike_shape(t, v):
    """Peak potential, and the width of the spike at half its height above rest."""
    v_rest = v[0]
    peak = v.max()
    half = v_rest + (peak - v_rest) / 2
    above = t[v >= half]
    return peak, above[-1] - above[0]


if __name__ == "__main__":
    t, v, m, h, n = simulate(pulse, t_max=25.0, dt=0.01)
    peak, width = spike_shape(t, v)
    print(f"resting potential      {resting_potential():6.1f} mV")
    print(f"spike peak             {peak:6.1f} mV (E(Na) = +50 mV)")  # E(Na): Na's reversal potential, readable in plain text
    print(f"width at half height   {width:6.2f} ms")
    print(f"spike time (V crosses 0 mV upwards): {spike_times(t, v)[0]:.2f} ms")
    print(f"most negative V after the spike: {v.min():.1f} mV")
    print(f"peak of the K+ gate n: {n.max():.2f}")

    fig, (ax_v, ax_g) = plt.subplots(2, 1, sharex=True, figsize=(7, 5.2), height_ratios=[3, 2])
    ax_v.plot(t, v, color="C2", label="membrane potential $V$", zorder=3)
    # The rest line runs through the trace's flat start and end: dashed, thin and drawn
    # behind it, so that it never covers the trace.
    ax_v.axhline(v[0], color="C6", linestyle="--", linewidth=1, zorder=1, label="rest")
    ax_v.axvspan(5.0, 6.0, color="C0", alpha=0.45, linewidth=0, label="current pulse")  # a region, not data; seen on dark too (0.35 read as navy)
    ax_v.set_ylabel("$V$ (mV)")
    ax_v.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2, ncol=3)
    # One colour per quantity on the whole page: current C0, V C2, m C1, h C3, n C5, and
    # the firing rate C4 (the f-I curve), so no gate shares a colour with anything else.
    ax_g.plot(t, m, color="C1", label="$m$ (Na⁺ activation)")
    ax_g.plot(t, h, color="C3", label="$h$ (Na⁺ inactivation)")
    ax_g.plot(t, n, color="C5", label="$n$ (K⁺ activation)")
    ax_g.set_ylim(0, 1)
    ax_g.set_ylabel("gate open fraction")
    ax_g.set_xlabel("time (ms)")
    # One row, m, h, n in reading order (two columns put n under m).
    ax_g.legend(
        loc="lower left",
        bbox_to_anchor=(0, 1),
        borderaxespad=0.2,
        ncol=3,
        handlelength=1.2,
        handletextpad=0.4,
        columnspacing=0.9,
    )
    plt.show()
