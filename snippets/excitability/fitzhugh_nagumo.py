"""The FitzHugh-Nagumo model: a spike as a loop in a plane.

    dv/dt = v - v^3/3 - w + I          (fast: a voltage-like variable)
    dw/dt = eps (v + a - b w)          (slow: a recovery variable)

with a = 0.7, b = 0.8 and eps = 0.08 (dimensionless time). The v-nullcline
(dv/dt = 0) is the cubic w = v - v^3/3 + I, the w-nullcline the line
w = (v + a)/b; where they cross is the resting state. Two kicks from rest: a
small one decays straight back (no spike), a larger one crosses the middle
branch of the cubic and makes the full loop of a spike. The resting state's
stability comes from the Jacobian's eigenvalues, computed here analytically.
"""

import matplotlib.pyplot as plt
import numpy as np

A, B, EPS = 0.7, 0.8, 0.08


def derivatives(v, w, current=0.0):
    return v - v**3 / 3 - w + current, EPS * (v + A - B * w)


def fixed_point(current=0.0):
    """The one real crossing of the nullclines: v - v^3/3 - (v + a)/b + I = 0."""
    roots = np.roots([-1 / 3, 0.0, 1 - 1 / B, current - A / B])
    v = roots[np.argmin(np.abs(roots.imag))].real
    return v, (v + A) / B


def jacobian(v):
    """Partial derivatives of (dv/dt, dw/dt) with respect to (v, w)."""
    return np.array([[1 - v**2, -1.0], [EPS, -EPS * B]])


def hopf_current():
    """Rest turns unstable where the trace 1 - v^2 - eps b is zero (v < 0 branch)."""
    v = -np.sqrt(1 - EPS * B)
    return (v + A) / B - v + v**3 / 3


def simulate(v0, w0, current=0.0, t_max=60.0, dt=0.05):
    """Fourth-order Runge-Kutta; returns t, v, w."""
    n = int(round(t_max / dt))
    out = np.empty((n + 1, 2))
    out[0] = v0, w0
    for k in range(n):
        y = out[k]
        k1 = np.array(derivatives(*y, current))
        k2 = np.array(derivatives(*(y + dt / 2 * k1), current))
        k3 = np.array(derivatives(*(y + dt / 2 * k2), current))
        k4 = np.array(derivatives(*(y + dt * k3), current))
        out[k + 1] = y + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
    return np.arange(n + 1) * dt, out[:, 0], out[:, 1]


KICKS = (0.4, 0.8)      # displacements of v from rest: below and above threshold

if __name__ == "__main__":
    v_r, w_r = fixed_point()
    eig = np.linalg.eigvals(jacobian(v_r))
    print(f"rest at I = 0: v = {v_r:.4f}, w = {w_r:.4f}")
    print(f"  eigenvalues of the Jacobian there: {np.round(eig, 4)}")
    print(f"rest becomes unstable (Hopf) at I = {hopf_current():.4f}")

    fig, (ax_p, ax_t) = plt.subplots(1, 2, figsize=(7, 3.6), width_ratios=(1.2, 1))
    v = np.linspace(-2.3, 2.3, 300)
    ax_p.plot(v, v - v**3 / 3, color="C3", label=r"$\dot v = 0$")
    ax_p.plot(v, (v + A) / B, color="C6", linestyle="--", label=r"$\dot w = 0$")
    for kick, colour in zip(KICKS, ("C0", "C4")):
        t, vv, ww = simulate(v_r + kick, w_r)
        print(f"kick of {kick}: largest v reached {vv.max():.2f}")
        ax_p.plot(vv, ww, color=colour, linewidth=1.5)
        ax_t.plot(t, vv, color=colour, label=f"kick {kick}")
    ax_p.plot(v_r, w_r, "o", color="C2", markersize=7, label="rest")
    ax_p.set_xlim(-2.3, 2.3)
    ax_p.set_ylim(-1.0, 2.0)
    ax_p.set_xlabel("v (fast, voltage-like)")
    ax_p.set_ylabel("w (slow recovery)")
    # Above the panels, as on the site's other figures: inside, the legend sat on the v-nullcline.
    ax_p.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2, ncol=3)
    ax_t.set_xlabel("time")
    ax_t.set_ylabel("v")
    ax_t.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2, ncol=2)
    ax_t.set_ylim(-2.3, 2.8)
    plt.show()
