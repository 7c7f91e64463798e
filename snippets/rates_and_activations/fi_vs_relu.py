"""The firing rate of a leaky integrate-and-fire neuron next to ReLU and softplus.

The LIF rate is the closed form derived on the integrate-and-fire page (same
parameters: E_L = -70 mV, V_reset = -65 mV, V_th = -50 mV, R = 10 MOhm,
tau = 10 ms, t_ref = 2 ms). The ReLU is scaled to the same threshold and fitted
by least squares to the rate between 2 and 6 nA; the softplus has the same slope
and threshold. Left: the working range. Right: strong inputs, where the neuron
saturates and the ReLU does not.
"""

import matplotlib.pyplot as plt
import numpy as np

E_L, V_RESET, V_TH, R, TAU, T_REF = -70.0, -65.0, -50.0, 10.0, 10.0, 2.0
I_RH = (V_TH - E_L) / R    # rheobase, nA


def lif_rate(i):
    """Closed-form LIF firing rate (Hz) for a constant current i (nA)."""
    drive = R * np.asarray(i, dtype=float)
    above = drive > V_TH - E_L
    safe = np.where(above, drive, V_TH - E_L + 1.0)
    isi = T_REF + TAU * np.log((safe - (V_RESET - E_L)) / (safe - (V_TH - E_L)))
    return np.where(above, 1000.0 / isi, 0.0)


def fitted_relu_slope(lo=2.0, hi=6.0):
    """Least-squares slope a (Hz/nA) of a * (I - I_rh) to the LIF rate on [lo, hi]."""
    i = np.linspace(lo, hi, 401)
    x = i - I_RH
    return float(x @ lif_rate(i) / (x @ x))


def relu(i, slope):
    return slope * np.maximum(0.0, i - I_RH)


def softplus(i, slope, sharpness=3.0):
    """slope * ln(1 + e^(k (I - I_rh))) / k: a smoothed ReLU with the same asymptote."""
    return slope * np.logaddexp(0.0, sharpness * (i - I_RH)) / sharpness


if __name__ == "__main__":
    a = fitted_relu_slope()
    print(f"fitted ReLU slope: {a:.1f} Hz per nA above the 2-nA rheobase")
    for i in (2.1, 3.0, 6.0, 10.0, 50.0, 200.0):
        print(f"I = {i:5.1f} nA: LIF {lif_rate(i):6.1f} Hz   ReLU {relu(i, a):7.1f}"
              f"   softplus {softplus(i, a):7.1f}")

    fig, (ax_l, ax_r) = plt.subplots(1, 2, figsize=(7, 3.8))
    for ax, i in ((ax_l, np.linspace(0, 8, 801)), (ax_r, np.linspace(0, 60, 1201))):
        ax.plot(i, lif_rate(i), color="C4", label="LIF firing rate")
        ax.plot(i, relu(i, a), color="C3", linestyle="--", label="scaled ReLU")
        ax.plot(i, softplus(i, a), color="C0", linestyle=":", label="scaled softplus")
        ax.set_xlabel("input current I (nA)")
    ax_r.axhline(1000 / T_REF, color="C6", linestyle=(0, (1, 2)), linewidth=1, label=r"$1/t_\mathrm{ref}$")
    ax_l.set_ylim(-10, 300)
    ax_r.set_ylim(-20, 1200)
    ax_l.set_ylabel("rate (Hz) or scaled activation")
    ax_l.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2)
    ax_r.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2)
    plt.show()
