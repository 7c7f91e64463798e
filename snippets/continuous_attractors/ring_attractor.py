"""A ring attractor holds a heading without input and turns it with a velocity signal.

N = 128 threshold-linear rate neurons sit on a ring; neuron i prefers the angle
theta_i. Each obeys tau dr_i/dt = -r_i + [I0 + sum_j W_ij r_j]_+ with the weights of
Ben-Yishai, Bar-Or & Sompolinsky (1995): W_ij = (J0 + J1 cos(theta_i - theta_j)) / N,
uniform inhibition J0 < 0 and excitation between neighbours J1 > 2. A brief cue starts
a bump of activity; with the cue gone the bump stays where it was put, at any angle.
A velocity signal gamma adds an odd weight component, gamma J1 sin(theta_i - theta_j),
as in Zhang (1996): the bump then turns at the angular speed gamma / tau, keeping
its shape. Time is in units of the neurons' time constant tau.
Top: the bump's position during a cue, a hold, a left turn, a hold and a right turn.
Bottom left: the bump's profile against the closed form. Bottom right: turning speed
against the velocity signal, simulated and the closed form gamma / tau.
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


N = 128                                   # neurons on the ring
THETA = 2 * np.pi * np.arange(N) / N      # preferred angles
J0, J1, I0 = -2.0, 4.0, 1.0               # inhibition, neighbour excitation, drive
DT = 0.05                                 # time step, in units of tau


def weights(gamma=0.0, j0=J0, j1=J1):
    """W_ij = (J0 + J1 cos(d) + gamma J1 sin(d)) / N with d = theta_i - theta_j."""
    d = THETA[:, None] - THETA[None, :]
    return (j0 + j1 * np.cos(d) + gamma * j1 * np.sin(d)) / N


def position(r):
    """The bump's position: the angle of the population vector sum_j r_j exp(i theta_j)."""
    return np.angle(r @ np.exp(1j * THETA))


def run(r, t_total, gamma=0.0, cue=None, cue_strength=1.0, i0=I0, j1=J1):
    """Euler steps of tau dr/dt = -r + [I0 + W r + cue]_+ ; returns the final rates and
    the bump position after every step (unwrapped, so turns add up).

    gamma may be a number or a function of time; cue is an angle or None.
    """
    steps = int(round(t_total / DT))
    extra = 0.0 if cue is None else cue_strength * np.cos(THETA - cue)
    w_even = weights(0.0, j1=j1)
    w_odd = weights(1.0, j1=j1) - w_even
    path = np.empty(steps)
    for k in range(steps):
        g = gamma(k * DT) if callable(gamma) else gamma
        h = i0 + (w_even + g * w_odd) @ r + extra
        r = r + DT * (-r + np.maximum(h, 0.0))
        path[k] = position(r)
    return r, np.unwrap(path)


def bump_closed_form(j0=J0, j1=J1, i0=I0):
    """The stationary bump r(theta) = A [cos(theta - psi) - cos(theta_c)]_+ .

    Its half-width theta_c solves (J1 / 2 pi)(theta_c - sin theta_c cos theta_c) = 1 and
    its height A = I0 / (-cos theta_c - (J0 / pi)(sin theta_c - theta_c cos theta_c)).
    """
    lo, hi = 1e-9, np.pi
    for _ in range(100):                  # bisection: the left side grows with theta_c
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if j1 / (2 * np.pi) * (mid - np.sin(mid) * np.cos(mid)) < 1 else (lo, mid)
    tc = (lo + hi) / 2
    a = i0 / (-np.cos(tc) - j0 / np.pi * (np.sin(tc) - tc * np.cos(tc)))
    return tc, a


def make_bump(angle, rng):
    """Start from near-uniform activity and let a cue at `angle` place a bump."""
    r = 0.3 + 0.01 * rng.random(N)
    r, _ = run(r, 5.0, cue=angle)         # cue on for 5 tau
    r, _ = run(r, 20.0)                   # cue off: settle
    return r


def speed(gamma, rng, t_settle=20.0, t_measure=40.0):
    """Turning speed (radians per tau) of a bump driven by a constant velocity signal."""
    r = make_bump(0.0, rng)
    r, _ = run(r, t_settle, gamma=gamma)
    _, path = run(r, t_measure, gamma=gamma)
    return (path[-1] - path[0]) / (t_measure - DT)


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    tc, a = bump_closed_form()
    cue_angle = np.pi / 2

    # A trial: cue, hold, turn left, hold, turn right.
    r0 = 0.3 + 0.01 * rng.random(N)
    r, p_cue = run(r0, 5.0, cue=cue_angle)
    schedule = lambda t: 0.0 if t < 35 else (0.1 if t < 65 else (0.0 if t < 95 else -0.05))  # noqa: E731
    r, p_rest = run(r, 125.0, gamma=schedule)
    path = np.unwrap(np.r_[p_cue, p_rest])
    t = DT * np.arange(1, len(path) + 1)
    hold_drift = abs(path[int(39 / DT)] - path[int(19 / DT)])

    gammas = np.array([-0.2, -0.1, -0.05, 0.0, 0.05, 0.1, 0.2])
    speeds = np.array([speed(g, rng) for g in gammas])

    bump = make_bump(0.0, rng)
    theory = a * np.maximum(np.cos(THETA) - np.cos(tc), 0.0)
    print(f"bump half-width: simulated {np.degrees(np.pi * np.mean(bump > 1e-6)):.1f}°, "
          f"closed form {np.degrees(tc):.1f}°; height {bump.max():.3f} vs {a:.3f}")
    print(f"drift during 20 τ of hold: {reader(hold_drift)} rad")
    for g, s in zip(gammas, speeds):
        print(f"γ = {g:+.2f}: speed {s:+.4f} per τ (closed form {g:+.4f})")

    fig, axes = plt.subplot_mosaic([["path", "shape", "speed"]], figsize=(7, 3.4), width_ratios=(1.3, 1, 1),
                                  layout="constrained")
    ax = axes["path"]
    ax.plot(t, np.degrees(path), color="C4", lw=2)
    for start, stop, text in ((0, 5, "cue"), (40, 70, "turn"), (100, 130, "turn")):
        ax.axvspan(start, stop, color="C0", alpha=0.22, lw=0)  # seen on the dark page too
        ax.text((start + stop) / 2, 1.02, text, transform=ax.get_xaxis_transform(),
                ha="center", va="bottom")
    ax.set_xlabel(r"time ($\tau$)")
    ax.set_ylabel("bump position (°)")
    ax = axes["shape"]
    deg = np.degrees(np.angle(np.exp(1j * THETA)))
    order = np.argsort(deg)
    ax.plot(deg[order], theory[order], color="C2", lw=2, label="closed form")
    ax.plot(deg[order][::4], bump[order][::4], "o", color="C4", ms=4, label="network")
    ax.set_xlabel("preferred angle (°)")
    ax.set_ylabel("rate $r$")
    ax = axes["speed"]
    g_line = np.linspace(-0.22, 0.22, 2)
    ax.plot(g_line, g_line, color="C2", lw=2, label=r"$\gamma/\tau$")
    ax.plot(gammas, speeds, "o", color="C4", ms=6, label="network")
    ax.set_xlabel(r"velocity signal $\gamma$")
    ax.set_ylabel(r"speed (rad per $\tau$)")
    # one key for the last two panels: a line is the closed form, dots are the network
    fig.legend(*axes["shape"].get_legend_handles_labels(), loc="outside upper right", ncol=2, frameon=False)
    plt.show()
