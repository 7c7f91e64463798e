"""The reduced two-population attractor model of decision making (Wong & Wang 2006).

Two excitatory populations, one per choice, each summarised by its NMDA gating
variable S_i. Each excites itself (J_N11) and, through shared inhibition, suppresses
the other (J_N12):

    dS_i/dt = -S_i / tau_S + (1 - S_i) gamma H(x_i)
    x_1 = J_N11 S_1 - J_N12 S_2 + I_0 + I_1 + I_noise,1   (and 1 <-> 2)
    H(x) = (a x - b) / (1 - exp(-d (a x - b)))            firing rate, Hz

The stimulus I_i = J_ext mu_0 (1 +- c / 100) favours population 1 by the coherence
c (%); I_noise is Ornstein-Uhlenbeck noise with time constant tau_AMPA. Parameters
are those of the paper's reduced model. A decision is the first time a population's
rate H(x_i) reaches 15 Hz. The fixed points are found by Newton's method from a grid
of starting points, and classified by the eigenvalues of the Jacobian.
"""

import matplotlib.pyplot as plt
import numpy as np

A, B, D = 270.0, 108.0, 0.154       # Hz/nA, Hz, s
GAMMA, TAU_S = 0.641, 0.100         # -, s
J11, J12 = 0.2609, 0.0497           # nA
I0, J_EXT, MU0 = 0.3255, 5.2e-4, 30.0   # nA, nA/Hz, Hz
TAU_AMPA, SIGMA_NOISE = 0.002, 0.02     # s, nA
THRESHOLD = 15.0                    # Hz
DT = 0.001                          # s


def rate(x):
    """H(x): the population's firing rate (Hz) for input current x (nA)."""
    y = A * x - B
    return y / (1 - np.exp(-D * y))


def drive(s, coherence=0.0, mu0=MU0):
    """Input currents x_1, x_2 (noise-free) for gating variables s = (..., 2)."""
    c = np.asarray(coherence, float)[..., None] / 100      # one coherence or one per trial
    stim = J_EXT * mu0 * (1 + np.concatenate([c, -c], -1))
    s1, s2 = s[..., 0], s[..., 1]
    return np.stack([J11 * s1 - J12 * s2, J11 * s2 - J12 * s1], -1) + I0 + stim


def flow(s, coherence=0.0, mu0=MU0):
    """dS/dt without noise."""
    return -s / TAU_S + (1 - s) * GAMMA * rate(drive(s, coherence, mu0))


def jacobian(s, coherence=0.0, mu0=MU0, eps=1e-7):
    """Jacobian of the flow at s (..., 2), by central differences: (..., 2, 2)."""
    cols = []
    for k in range(2):
        e = np.zeros(2)
        e[k] = eps
        cols.append((flow(s + e, coherence, mu0) - flow(s - e, coherence, mu0)) / (2 * eps))
    return np.stack(cols, -1)


def fixed_points(coherence=0.0, mu0=MU0, grid=20):
    """Distinct fixed points (Newton's method from a grid of starts), each with stability."""
    g = np.linspace(0.01, 0.95, grid)
    s = np.stack(np.meshgrid(g, g), -1).reshape(-1, 2)
    for _ in range(40):
        step = np.linalg.solve(jacobian(s, coherence, mu0), flow(s, coherence, mu0)[..., None])
        s = np.clip(s - step[..., 0], -0.2, 1.2)
    ok = np.all((s >= 0) & (s <= 1), 1) & (np.abs(flow(s, coherence, mu0)).max(1) < 1e-9)
    found = []
    for x in s[ok]:
        if all(np.abs(x - f).max() > 1e-6 for f, _ in found):
            found.append((x, bool(np.all(np.linalg.eigvals(jacobian(x, coherence, mu0)).real < 0))))
    return sorted(found, key=lambda f: (f[0][0], f[0][1]))


def simulate(coherence, n, rng, t_max=2.0, mu0=MU0):
    """Choices (True = population 1) and decision times (s) of n noisy trials.

    coherence is one value or an array of n (one per trial). Each trial starts at
    S = (0.1, 0.1), near the resting state; one that reaches no decision in t_max
    has time nan."""
    s = np.full((n, 2), 0.1)
    noise = np.zeros((n, 2))
    decay = np.exp(-DT / TAU_AMPA)
    kick = SIGMA_NOISE * np.sqrt(1 - decay ** 2)          # exact OU update
    choice = np.zeros(n, bool)
    t_dec = np.full(n, np.nan)
    alive = np.ones(n, bool)
    for k in range(1, int(t_max / DT) + 1):
        noise = noise * decay + kick * rng.standard_normal((n, 2))
        r = rate(drive(s, coherence, mu0) + noise)
        s = s + DT * (-s / TAU_S + (1 - s) * GAMMA * r)
        done = alive & (r.max(1) >= THRESHOLD)
        choice[done] = r[done, 0] > r[done, 1]
        t_dec[done] = k * DT
        alive &= ~done
        if not alive.any():
            break
    return choice, t_dec


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    for label, mu0 in (("no stimulus", 0.0), ("stimulus on, c = 0", MU0)):
        pts = fixed_points(0.0, mu0)
        print(f"{label}: {len(pts)} fixed points")
        for s, stable in pts:
            print(f"   S = ({s[0]:.3f}, {s[1]:.3f})  {'stable' if stable else 'saddle'}")

    cohs = np.array([0.0, 3.2, 6.4, 12.8, 25.6, 51.2])
    n = 400
    which = np.repeat(np.arange(len(cohs)), n)
    choice, t_dec = simulate(cohs[which], len(which), rng)
    print("coherence (%)  P(choice 1)  mean time (s)")
    acc, rts = [], []
    for i, c in enumerate(cohs):
        ch, t = choice[which == i], t_dec[which == i]
        acc.append(ch[~np.isnan(t)].mean())
        rts.append(np.nanmean(t))
        print(f"{c:12.1f}   {acc[-1]:.3f}        {rts[-1]:.3f}")
    # Every trial reached a decision here, so no column of zeros; trials that never
    # decide would be left out of both columns above, and are counted if there are any.
    if np.isnan(t_dec).any():
        print(f"undecided trials (left out above): {np.isnan(t_dec).sum()}")

    # Side by side on a desktop; a phone shows the three panels stacked (the site's engine).
    fig, axs = plt.subplot_mosaic([["pp", "acc", "rt"]], figsize=(7, 2.9),
                                  width_ratios=[1.2, 1, 1])
    ax = axs["pp"]
    g = np.linspace(0, 0.8, 161)
    s1, s2 = np.meshgrid(g, g)
    f = flow(np.stack([s1, s2], -1))
    ax.contour(s1, s2, f[..., 0], levels=[0], colors="C0")
    ax.contour(s1, s2, f[..., 1], levels=[0], colors="C1")
    # Each label in an empty corner, clear of both curves.
    ax.text(0.1, 0.76, r"$\dot S_1 = 0$", color="C0", va="top")
    ax.text(0.29, 0.1, r"$\dot S_2 = 0$", color="C1", ha="right", va="bottom")
    for s, stable in fixed_points():
        ax.plot(*s, "o", ms=9 if stable else 11, mew=2, color="C6", zorder=3,
                markerfacecolor="C6" if stable else "none")
    ax.set_xlabel("$S_1$")
    ax.set_ylabel("$S_2$")
    ax.set_xticks([0, 0.4, 0.8])
    ax.set_yticks([0, 0.4, 0.8])
    ax.set_aspect("equal")
    ax.set_title("nullclines, $c = 0$")
    # Coherences double from 3.2 %: equally spaced on this axis, with 0 a little apart.
    # Every coherence has a tick; 0, 3.2, 12.8 and 51.2 have labels.
    for key, values, label in (("acc", acc, "P(choice 1)"), ("rt", rts, "mean time (s)")):
        axs[key].plot(cohs, values, "o-", color="C2")
        axs[key].set_xscale("symlog", linthresh=3.2, linscale=0.35)
        axs[key].set_xticks(cohs, [f"{c:g}" if i in (0, 1, 3, 5) else "" for i, c in enumerate(cohs)])
        axs[key].minorticks_off()
        axs[key].set_ylabel(label)
        axs[key].set_xlabel("coherence $c$ (%)")
    plt.show()
