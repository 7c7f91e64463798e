"""A population code: von Mises tuning curves, Poisson spike counts, two decoders.

N neurons have preferred directions phi_i spread evenly round the circle. Neuron i
fires at the mean rate f_i(theta) = R0 + R_MAX * exp(KAPPA * (cos(theta - phi_i) - 1))
(a von Mises bump on a baseline) and, on each trial, emits a Poisson number of spikes
in a window of T seconds. The stimulus theta is read back in two ways:

- the population vector (Georgopoulos et al. 1986): each neuron votes for its
  preferred direction with its count; the estimate is the direction of the sum;
- maximum likelihood: the theta under which the observed counts were most probable
  (a grid search, then Newton steps on the log-likelihood).

The Fisher information of independent Poisson counts has the closed form
I(theta) = T * sum_i f_i'(theta)^2 / f_i(theta) (Dayan & Abbott 2001, ch. 3), and no
unbiased decoder has a variance below 1 / I(theta), the Cramér–Rao bound.
The figure shows the tuning curves and one trial's counts with both estimates.
"""

import matplotlib.pyplot as plt
import numpy as np

N = 64            # neurons
R_MAX = 40.0      # peak rate above baseline, spikes per second (a model setting)
R0 = 5.0          # baseline rate, spikes per second (a model setting)
KAPPA = 4.0       # tuning concentration: larger is narrower
T = 0.5           # counting window, seconds


def preferred(n=N):
    """Preferred directions spread evenly over the circle, in radians."""
    return 2 * np.pi * np.arange(n) / n


def rates(theta, phi, r_max=R_MAX, r0=R0, kappa=KAPPA):
    """Mean rates f_i(theta), shape (..., n) for theta of shape (...)."""
    d = np.asarray(theta)[..., None] - phi
    return r0 + r_max * np.exp(kappa * (np.cos(d) - 1))


def rate_slopes(theta, phi, r_max=R_MAX, kappa=KAPPA):
    """Derivatives f_i'(theta), same shape as rates()."""
    d = np.asarray(theta)[..., None] - phi
    return -kappa * np.sin(d) * r_max * np.exp(kappa * (np.cos(d) - 1))


def fisher_information(theta, phi, t=T, **tuning):
    """Closed form for independent Poisson counts: I = T * sum f'^2 / f."""
    f = rates(theta, phi, **tuning)
    df = rate_slopes(theta, phi, **{k: v for k, v in tuning.items() if k != "r0"})
    return t * np.sum(df ** 2 / f, axis=-1)


def mean_and_slope(theta, n, t=T):
    """Mean counts mu and their derivative mu' = d mu / d theta, for n evenly spread neurons."""
    phi = preferred(n)
    return t * rates(theta, phi), t * rate_slopes(theta, phi)


def linear_fisher(dmu, cov):
    """Linear Fisher information I = mu'^T S^{-1} mu', by solving rather than inverting."""
    return float(dmu @ np.linalg.solve(cov, dmu))


def sample_counts(theta, phi, rng, trials, t=T, **tuning):
    """Poisson spike counts, shape (trials, n), for one stimulus theta."""
    return rng.poisson(t * rates(theta, phi, **tuning), size=(trials, len(phi)))


def wrap(angle):
    """An angle, or an error, wrapped into (-pi, pi]."""
    return np.angle(np.exp(1j * np.asarray(angle)))


def population_vector(counts, phi):
    """Direction of sum_i n_i * (cos phi_i, sin phi_i), one estimate per trial."""
    return np.angle(counts @ np.exp(1j * phi))


def log_likelihood(theta_grid, counts, phi, t=T, **tuning):
    """Poisson log-likelihood (up to a constant) of each trial at each theta: (trials, grid)."""
    f = rates(theta_grid, phi, **tuning)                   # (grid, n)
    return counts @ np.log(f).T - t * f.sum(axis=1)


def maximum_likelihood(counts, phi, t=T, grid=256, newton=4, **tuning):
    """Maximum-likelihood estimate per trial: best of a grid, then Newton steps."""
    theta_grid = 2 * np.pi * np.arange(grid) / grid
    theta = theta_grid[np.argmax(log_likelihood(theta_grid, counts, phi, t, **tuning), axis=1)]
    r_max = tuning.get("r_max", R_MAX)
    kappa = tuning.get("kappa", KAPPA)
    for _ in range(newton):
        d = theta[:, None] - phi
        g = r_max * np.exp(kappa * (np.cos(d) - 1))
        f = tuning.get("r0", R0) + g
        df = -kappa * np.sin(d) * g
        d2f = kappa ** 2 * np.sin(d) ** 2 * g - kappa * np.cos(d) * g
        first = np.sum((counts / f - t) * df, axis=1)
        second = np.sum((counts / f - t) * d2f - counts * df ** 2 / f ** 2, axis=1)
        step = np.where(second < 0, -first / np.where(second < 0, second, -1.0), 0.0)
        theta = theta + np.clip(step, -0.2, 0.2)
    return wrap(theta)


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    phi = preferred()
    theta_true = np.pi / 3
    grid = np.linspace(-np.pi, np.pi, 361)
    # the counts panel wider: its estimates' labels sit left of their markers, near 60°
    fig, (ax_t, ax_c) = plt.subplots(1, 2, figsize=(7, 3.8), width_ratios=(1, 1.5))
    for i in range(0, N, 8):
        ax_t.plot(np.degrees(grid), rates(grid, phi[i:i + 1])[:, 0], color="C0")
    ax_t.axvline(np.degrees(theta_true), color="C3", linestyle="--")
    ax_t.set_xlabel(r"stimulus direction $\theta$ (degrees)")
    ax_t.set_ylabel(r"rate $f_i(\theta)$ (spikes/s)")
    ax_t.set_xticks([-180, -90, 0, 90, 180])
    ax_t.set_title("tuning curves (every 8th neuron)", loc="left")
    counts = sample_counts(theta_true, phi, rng, trials=1)
    pv = population_vector(counts, phi)[0]
    ml = maximum_likelihood(counts, phi)[0]
    # The counts are the data the decoders read: neutral grey. The three directions lie
    # within a few degrees of each other, closer than a line's width: each gets a row of
    # its own above the bars, with its own marker and a label that names it and its value.
    ax_c.bar(np.degrees(wrap(phi)), counts[0], width=4.5, color="C6")
    top = counts.max() + 3
    ax_c.plot([np.degrees(theta_true)] * 2, [0, top], color="C3", linestyle="--")
    estimates = [(theta_true, "true", "D", "C3"), (ml, "maximum likelihood", "s", "C2"),
                 (pv, "population vector", "o", "C1")]
    for row, (angle, name, marker, colour) in enumerate(estimates):
        y = top + 4.5 * row
        ax_c.plot(np.degrees(angle), y, marker=marker, color=colour, markersize=8, linestyle="none")
        ax_c.annotate(f"{name} {np.degrees(angle):.0f}°", (np.degrees(angle), y), xytext=(-10, 0),
                      textcoords="offset points", ha="right", va="center", color=colour)
    ax_c.set_ylim(0, top + 4.5 * len(estimates))
    ax_c.set_xlabel(r"preferred direction $\phi_i$ (degrees)")
    ax_c.set_ylabel(r"spike count $n_i$")
    ax_c.set_xticks([-180, -90, 0, 90, 180])
    print(f"true direction {np.degrees(theta_true):.1f}°; population vector {np.degrees(pv):.1f}°; "
          f"maximum likelihood {np.degrees(ml):.1f}°")
    print(f"spikes on this trial: {counts.sum()} from {N} neurons; largest count {counts.max()}")
    print(f"Fisher information at the true direction: {fisher_information(theta_true, phi):.0f} per rad², "
          f"so the Cramér–Rao bound on the standard deviation is {np.degrees(fisher_information(theta_true, phi) ** -0.5):.2f}°")
    plt.show()
