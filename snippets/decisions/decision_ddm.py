"""The drift-diffusion model: accuracy and mean decision time, closed form and simulated.

Evidence x starts at 0 and moves as dx = mu dt + sigma dW until it reaches +a
(correct when mu > 0) or -a (error). For these symmetric bounds the classical
results are P(correct) = 1 / (1 + exp(-2 mu a / sigma^2)) and mean decision time
(a / mu) tanh(mu a / sigma^2), which tends to a^2 / sigma^2 as mu -> 0.

The simulation takes Euler steps of DT and stops at the first step beyond a bound,
so it overshoots: a discretely watched walk behaves like a continuous one with the
bound moved out by 0.5826 sigma sqrt(DT) (Broadie, Glasserman & Kou 1997). The
printed table compares the simulation with the closed forms at that corrected bound.
Units are arbitrary: sigma = 1 per sqrt(second), a = 1.
"""

import matplotlib.pyplot as plt
import numpy as np

SIGMA = 1.0
A = 1.0
DT = 0.001                  # s
BETA = 0.5826               # overshoot constant, -zeta(1/2) / sqrt(2 pi)
DRIFTS = np.array([0.0, 0.25, 0.5, 1.0, 2.0, 4.0])


def p_correct(mu, a=A, sigma=SIGMA):
    """P(reaching +a before -a) from 0."""
    return 1 / (1 + np.exp(-2 * np.asarray(mu, float) * a / sigma ** 2))


def mean_time(mu, a=A, sigma=SIGMA):
    """Mean time to reach either bound from 0 (a^2 / sigma^2 at mu = 0)."""
    mu = np.asarray(mu, float)
    safe = np.where(mu == 0, 1.0, mu)
    return np.where(mu == 0, a ** 2 / sigma ** 2, a / safe * np.tanh(safe * a / sigma ** 2))


def drift_for_accuracy(p, a=A, sigma=SIGMA):
    """The drift mu at which P(correct) is p: p_correct solved for mu."""
    return sigma**2 * np.log(p / (1 - p)) / (2 * a)


def time_factor(mu, a_from, a_to, sigma=SIGMA):
    """By how much the mean decision time grows when the bound goes from a_from to a_to."""
    return mean_time(mu, a_to, sigma) / mean_time(mu, a_from, sigma)

def corrected_bound(a=A, sigma=SIGMA, dt=DT):
    """The bound a continuous walk needs to match an Euler walk watched every dt."""
    return a + BETA * sigma * np.sqrt(dt)


def simulate(mu, n, rng, a=A, sigma=SIGMA, dt=DT, t_max=30.0):
    """Choices (True = upper bound) and decision times of n Euler-simulated walks.

    mu is one drift or an array of n drifts (one per walk)."""
    mu = np.broadcast_to(np.asarray(mu, float), (n,))
    x = np.zeros(n)
    t = np.full(n, np.nan)
    up = np.zeros(n, bool)
    alive = np.ones(n, bool)
    for k in range(1, int(t_max / dt) + 1):
        idx = np.flatnonzero(alive)
        if idx.size == 0:
            break
        x[idx] += mu[idx] * dt + sigma * np.sqrt(dt) * rng.standard_normal(idx.size)
        done = idx[np.abs(x[idx]) >= a]
        t[done] = k * dt
        up[done] = x[done] > 0
        alive[done] = False
    return up, t


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    n = 4000
    a_eff = corrected_bound()
    print(f"bound a = {A}, sigma = {SIGMA}, Euler step {DT * 1000:g} ms, "
          f"corrected bound {a_eff:.4f}")
    print("  mu   P(correct) formula  sim     mean time (s) formula  sim")
    which = np.repeat(np.arange(len(DRIFTS)), n)
    up_all, t_all = simulate(DRIFTS[which], len(which), rng)
    sims = []
    for i, mu in enumerate(DRIFTS):
        up, t = up_all[which == i], t_all[which == i]
        sims.append((up.mean(), t.mean(), t.std() / np.sqrt(n)))
        print(f"{mu:5.2f}        {p_correct(mu, a_eff):.3f}   {up.mean():.3f}"
              f"           {mean_time(mu, a_eff):.3f}   {t.mean():.3f} ± {t.std() / np.sqrt(n):.3f}")

    # A 2 x 2 grid: on a phone the build stacks it in reading order (nn_site/engine/phone.py).
    fig, axs = plt.subplots(2, 2, figsize=(7, 5.6))
    axs = axs.ravel()
    ax = axs[0]
    steps = 1.0 * DT + SIGMA * np.sqrt(DT) * rng.standard_normal((5, 3000))
    # One colour per path, and a dot where it meets a bound, so the tangled paths can be
    # followed to their ends.
    for path, col in zip(np.cumsum(steps, 1), ("C0", "C1", "C2", "C3", "C4")):
        out = np.flatnonzero(np.abs(path) >= A)
        end = out[0] + 1 if out.size else path.size
        ax.plot(np.arange(1, end + 1) * DT, np.clip(path[:end], -A, A), color=col, lw=1)
        if out.size:
            ax.plot(end * DT, np.sign(path[end - 1]) * A, "o", color=col, ms=6, zorder=3)
    ax.axhline(A, color="C6")
    ax.axhline(-A, color="C6")
    ax.set_xlabel("time (s)")
    ax.set_ylabel("evidence $x$")
    ax.set_title(r"paths, $\mu = 1$")

    fine = np.linspace(0, 4.2, 200)
    sims = np.array(sims)
    axs[1].plot(fine, p_correct(fine), color="C2", label="formula")
    axs[1].plot(DRIFTS, sims[:, 0], "o", color="C4", label="simulated")
    axs[1].set_xlabel(r"drift $\mu$")
    axs[1].set_ylabel("P(correct)")
    axs[1].legend(loc="lower right")
    axs[1].set_title("accuracy")  # every panel titled, in the caption's order
    axs[2].plot(fine, mean_time(fine), color="C2")
    axs[2].plot(DRIFTS, sims[:, 1], "o", color="C4")
    axs[2].set_xlabel(r"drift $\mu$")
    axs[2].set_ylabel("mean time (s)")
    axs[2].set_title("decision time")

    bounds = np.linspace(0.05, 2.5, 200)
    for mu, col in ((0.5, "C0"), (1.0, "C1"), (2.0, "C2")):
        axs[3].plot(mean_time(mu, bounds), p_correct(mu, bounds), color=col,
                       label=rf"$\mu = {mu:g}$")
    axs[3].set_xlabel("mean time (s)")
    axs[3].set_ylabel("P(correct)")
    axs[3].set_title("bound $a$ varied")
    axs[3].legend(loc="lower right")
    plt.show()
