"""Homeostatic synaptic scaling: all weights multiplied by one factor.

A rate neuron receives 50 inputs through weights drawn from a log-normal
distribution; its rate is r = sum_i w_i x_i (Hz). At step 200 the inputs are
halved, as when activity in a culture is reduced. Scaling (Turrigiano et al. 1998)
multiplies every weight by the same factor, w_i <- w_i (1 + eps (r_target - r) / r_target),
until the rate is back at its target of 5 Hz. Because every weight gets the same
factor, every ratio w_i / w_j is unchanged: what the weights encode relative to one
another survives. Left: the rate over time. Right: each weight after against
before; the points lie on one line through the origin.
"""

import matplotlib.pyplot as plt
import numpy as np

SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def reader(x, digits=2):
    """x as a page writes it: 2.6 × 10⁻⁶, not 2.6e-06; 0.01 to 10 000 (and 0) stay plain."""
    if x == 0 or 0.01 <= abs(x) < 1e4:
        return f"{float(f'{x:.{digits}g}'):g}"
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"


R_TARGET, EPS = 5.0, 0.05


def scale(w, x, steps, r_target=R_TARGET, eps=EPS):
    rates = []
    for _ in range(steps):
        r = w @ x
        w = w * (1.0 + eps * (r_target - r) / r_target)
        rates.append(r)
    return w, np.array(rates)


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    w0 = rng.lognormal(mean=0.0, sigma=0.5, size=50)
    x = rng.uniform(0.0, 1.0, size=50)
    w0 *= R_TARGET / (w0 @ x)                      # start at the target rate
    w_before, rates_before = scale(w0, x, 200)
    w_after, rates_after = scale(w_before, 0.5 * x, 400)
    ratio = w_after / w_before
    print(f"rate just after the inputs halve {rates_after[0]:.2f} Hz, after scaling {rates_after[-1]:.2f} Hz")
    print(f"every weight multiplied by {ratio.mean():.4f} (spread {reader(ratio.max() - ratio.min())})")
    fig, (ax_r, ax_w) = plt.subplots(1, 2, figsize=(7, 3.2))
    ax_r.plot(np.arange(600), np.concatenate([rates_before, rates_after]), color="C4")
    ax_r.axhline(R_TARGET, color="C3", linestyle="--", linewidth=1, label="target rate")
    ax_r.axvline(200, color="C6", linestyle=":", linewidth=1, label="inputs halved")
    ax_r.set_xlabel("scaling step")
    ax_r.set_ylabel("rate (Hz)")
    ax_r.set_ylim(0, 6)
    ax_r.legend(loc="lower right")
    ax_w.plot(w_before, w_after, "o", color="C1", markersize=4)
    line = np.array([0.0, w_before.max()])
    ax_w.plot(line, line, ":", color="C6", label="unchanged")
    ax_w.plot(line, line * ratio.mean(), color="C1", linewidth=1, label=f"× {ratio.mean():.2f}")
    ax_w.set_xlim(0, None)
    ax_w.set_ylim(0, None)
    ax_w.set_xlabel("weight before")
    ax_w.set_ylabel("weight after")
    ax_w.legend(loc="upper left")
    plt.show()
