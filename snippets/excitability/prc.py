"""Phase-response curves of an integrator (type I) and a resonator (type II).

A neuron firing periodically gets a small voltage kick at phase phi of its cycle
(phi = 0 at a spike); the phase-response curve (PRC) is how far the next spikes
move earlier, as a fraction of the period, per unit kick. Two canonical models:

- the theta neuron (quadratic integrate-and-fire, V = tan(theta/2)) just above
  its saddle-node on the invariant circle, d theta/dt = 1 - cos theta + (1 + cos theta) eta;
  closed form: PRC = (1 - cos 2 pi phi) / (2 pi sqrt(eta)), never negative;
- the normal form of a Hopf bifurcation, dz/dt = (lam + i omega) z - |z|^2 z, with
  x = Re z voltage-like and the spike at the top of x; closed form:
  PRC = -sin(2 pi phi) / (2 pi sqrt(lam)), a delay early in the cycle, an advance late.

The dots are found by kicking the simulated models (RK4) and timing the next spike
or the phase long after; the lines are the closed forms.
"""

import matplotlib.pyplot as plt
import numpy as np

ETA = 1.0                      # theta neuron's drive above the saddle-node; period pi/sqrt(eta)
LAM, OMEGA = 1.0, 2 * np.pi    # Hopf normal form: cycle radius sqrt(lam), period 2 pi/omega = 1
KICK = 0.01                    # size of the voltage kick
PHASES = np.linspace(0.025, 0.975, 20)


def rk4(f, y, dt, steps):
    """Fourth-order Runge-Kutta for many starts at once; returns the states at every step."""
    out = [y]
    for _ in range(steps):
        k1 = f(y)
        k2 = f(y + dt / 2 * k1)
        k3 = f(y + dt / 2 * k2)
        k4 = f(y + dt * k3)
        y = y + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        out.append(y)
    return np.array(out)


def theta_prc(phases=PHASES, kick=KICK, eta=ETA, dt=2e-3):
    """Kick V = tan(theta/2) by `kick` at each phase and time the next spike (theta = pi)."""
    period = np.pi / np.sqrt(eta)
    t0 = phases * period                                   # time since the last spike
    v = -np.sqrt(eta) / np.tan(np.sqrt(eta) * t0)          # the unperturbed V(t) after a spike
    theta = 2 * np.arctan(v + kick)                        # kicked, in (-pi, pi)
    steps = int(np.ceil(period / dt))
    th = rk4(lambda x: 1 - np.cos(x) + (1 + np.cos(x)) * eta, theta, dt, steps)
    k = np.argmax(th >= np.pi, axis=0)                     # first step past the spike
    frac = (np.pi - th[k - 1, np.arange(len(phases))]) / (th[k, np.arange(len(phases))] - th[k - 1, np.arange(len(phases))])
    t_spike = (k - 1 + frac) * dt                          # time from the kick to the spike
    return ((period - t0) - t_spike) / period / kick       # advance per unit kick


def hopf_prc(phases=PHASES, kick=KICK, lam=LAM, omega=OMEGA, dt=2e-3, periods=4):
    """Kick x = Re z by `kick` at each phase and compare the phase long after with an unkicked copy."""
    z0 = np.sqrt(lam) * np.exp(2j * np.pi * phases)
    y = np.concatenate([z0 + kick, z0])                    # kicked and unkicked together
    steps = int(round(periods * 2 * np.pi / omega / dt))
    z = rk4(lambda u: (lam + 1j * omega) * u - np.abs(u) ** 2 * u, y, dt, steps)[-1]
    shift = np.angle(z[:len(phases)] / z[len(phases):])
    return shift / (2 * np.pi) / kick


def theta_closed(phi, eta=ETA):
    return (1 - np.cos(2 * np.pi * phi)) / (2 * np.pi * np.sqrt(eta))


def hopf_closed(phi, lam=LAM):
    return -np.sin(2 * np.pi * phi) / (2 * np.pi * np.sqrt(lam))


if __name__ == "__main__":
    q, h = theta_prc(), hopf_prc()
    print(f"theta neuron: smallest PRC value {q.min():.4f}, largest {q.max():.4f}; "
          f"largest gap to the closed form {np.abs(q - theta_closed(PHASES)).max():.4f}")
    print(f"Hopf normal form: from {h.min():.4f} to {h.max():.4f}; "
          f"largest gap to the closed form {np.abs(h - hopf_closed(PHASES)).max():.4f}")

    phi = np.linspace(0, 1, 200)
    fig, axes = plt.subplots(1, 2, figsize=(7, 3.4), sharey=True)
    for ax, dots, closed, title in ((axes[0], q, theta_closed, "integrator (theta neuron)"),
                                    (axes[1], h, hopf_closed, "resonator (Hopf)")):
        ax.axhline(0, color="C6", linewidth=1)
        ax.plot(phi, closed(phi), color="C0", label="closed form")
        ax.plot(PHASES, dots, "o", color="C1", markersize=5, label="kicked simulation")
        ax.set_title(title)
        ax.set_xlabel(r"phase of the kick $\phi$")
    axes[0].set_ylabel("phase advance per kick")
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside upper center", ncol=2)
    plt.show()
