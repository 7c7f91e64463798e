"""Noise makes the remembered heading diffuse: its variance grows linearly in time.

The ring network of ring_attractor.py (128 neurons, no input) holds a bump at angle 0
in many independent trials, each with white noise of intensity s added to every rate:
dr_i = (-r_i + [I0 + sum_j W_ij r_j]_+) dt / tau + s dB_i. Nothing pulls the bump
back, because every position is a fixed point, so its position takes a random walk.
Projecting the noise onto the one direction the network does not restore (moving the
bump) gives the position's variance Var = 2 D t with D = s^2 / (4 N |z|^2), where
|z| = |(1/N) sum_j r_j exp(i theta_j)| is the length of the bump's population vector:
the idea Burak & Fiete (2012) worked out for noisy spiking neurons, here for additive
noise. Left: the position in a few trials. Right: the variance over trials against
time for two noise levels, with the prediction 2 D t.
"""

import matplotlib.pyplot as plt
import numpy as np
from ring_attractor import I0, J0, J1, N, THETA, make_bump, reader

DT = 0.2          # time step, in units of tau
T_TOTAL = 80.0    # length of each trial, in tau
TRIALS = 400
COS, SIN = np.cos(THETA), np.sin(THETA)


def diffusion_prediction(bump, s):
    """D = s^2 / (4 N |z|^2): the noise's component along the bump's motion, over |z|^2."""
    z = np.mean(bump * np.exp(1j * THETA))
    return s**2 / (4 * N * abs(z) ** 2)


def drift(r):
    """-r + [I0 + W r]_+ for each row of r (trials x N), with W r computed from the
    three sums it depends on, mean(r), mean(r cos theta) and mean(r sin theta): the same
    numbers as weights() @ r, in O(N) per trial instead of O(N^2)."""
    x, y = r @ COS / N, r @ SIN / N
    h = I0 + J0 * r.mean(axis=1, keepdims=True) + J1 * (x[:, None] * COS + y[:, None] * SIN)
    return -r + np.maximum(h, 0.0)


def noisy_positions(bump, s, rng, trials=TRIALS, t_total=T_TOTAL, every=5):
    """Run `trials` noisy copies of the network from `bump` (Euler-Maruyama); return the
    sample times and the bump positions (trials x samples, unwrapped, relative to the start)."""
    r = np.tile(bump, (trials, 1))
    start = np.angle(bump @ np.exp(1j * THETA))
    steps = int(round(t_total / DT))
    times, angles = [], []
    for k in range(1, steps + 1):
        r = r + DT * drift(r) + s * np.sqrt(DT) * rng.standard_normal(r.shape)
        if k % every == 0:
            times.append(k * DT)
            angles.append(np.arctan2(r @ SIN, r @ COS) - start)
    angles = np.unwrap(np.array(angles).T, axis=1)
    return np.array(times), angles


def variance_slope(times, angles):
    """Least-squares slope of Var(position) against t, through the origin."""
    var = angles.var(axis=0)
    return float(times @ var / (times @ times)), var


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    bump = make_bump(0.0, rng)
    fig, (ax_p, ax_v) = plt.subplots(1, 2, figsize=(7, 3.4))
    for colour, s in (("C4", 0.1), ("C3", 0.2)):
        times, angles = noisy_positions(bump, s, rng)
        slope, var = variance_slope(times, angles)
        d = diffusion_prediction(bump, s)
        print(f"s = {s}: Var grows at {reader(slope, 3)} rad² per τ; predicted 2D = {reader(2 * d, 3)} "
              f"(ratio {slope / (2 * d):.2f}); sd at {times[-1]:.0f} tau: "
              f"{np.degrees(np.sqrt(var[-1])):.1f} deg")
        if s == 0.2:
            for trial in angles[:6]:
                ax_p.plot(times, np.degrees(trial), color=colour, lw=1.2)
        ax_v.plot(times, var, "o", color=colour, ms=4, label=f"$s = {s}$")
        ax_v.plot(times, 2 * d * times, color=colour, lw=1.5)
    ax_p.set_xlabel(r"time ($\tau$)")
    ax_p.set_ylabel("bump position (°)")
    ax_p.set_title("six trials, $s = 0.2$")
    ax_v.set_xlabel(r"time ($\tau$)")
    ax_v.set_ylabel(r"variance (rad$^2$)")
    ax_v.legend(loc="lower left", bbox_to_anchor=(0, 1), ncol=2, frameon=False)
    plt.show()
