"""Which correlations limit what a population carries, and which do not.

The same population as in popcode_model.py. With a covariance matrix S of the spike
counts, the linear Fisher information is I = mu'^T S^{-1} mu', where mu' = T f'(theta)
is how the mean counts change with the stimulus (for independent Poisson counts,
S = diag(mu), it equals the closed form T * sum f'^2 / f). Four covariances, for N
from 4 to 1024 neurons, all with Poisson variances on the diagonal:

- independent: I0 grows in proportion to N;
- uniform correlation c between every pair: closed form by the Sherman-Morrison
  formula; for these evenly spread tuning curves it is I0 / (1 - c), more than I0
  (Averbeck, Latham & Pouget 2006: correlations can raise information);
- limited-range correlations, RHO * exp(-|phi_i - phi_j| / LENGTH) between neurons
  whose preferred directions differ by phi_i - phi_j (radians), largest for similar
  tuning as measured correlations are: in this homogeneous population they make the
  information level off (Sompolinsky, Yoon, Kang & Shamir 2001);
- differential correlations, S = diag(mu) + EPS * mu' mu'^T (Moreno-Bote et al.
  2014): I = I0 / (1 + EPS * I0), which saturates at 1 / EPS however large N is.

The dots check the last line by simulation: the stimulus itself jitters from trial
to trial by a Gaussian of variance EPS before the neurons see it, and the
maximum-likelihood decoder of popcode_model.py (which knows nothing of the jitter)
cannot do better than the jitter: its squared error is close to 1 / I0 + EPS.
The last line printed is the plain average of N neurons whose every pair has
correlation c: its variance falls to c * sigma^2, not to zero (see the noise page).
"""

import matplotlib.pyplot as plt
import numpy as np

from popcode_model import (T, fisher_information, linear_fisher, maximum_likelihood, mean_and_slope,
                           preferred, rates, wrap)

C = 0.1           # uniform pairwise correlation
RHO = 0.2         # limited-range correlation between neurons with the same preferred direction
LENGTH = 1.0      # its range, in radians of preferred direction
EPS = 1e-3        # variance of the stimulus jitter, rad²: the information ceiling is 1 / EPS
SIZES = [4, 8, 16, 32, 64, 128, 256, 512, 1024]
SIM_SIZES = [16, 64, 256]
TRIALS = 1000


def uniform_cov(mu, c):
    """Poisson variances, correlation c between every pair."""
    sd = np.sqrt(mu)
    return c * np.outer(sd, sd) + (1 - c) * np.diag(mu)


def uniform_closed_form(mu, dmu, c):
    """Sherman-Morrison: with g = mu' / sqrt(mu), I = (|g|^2 - c (sum g)^2 / (1 - c + N c)) / (1 - c)."""
    g = dmu / np.sqrt(mu)
    return (g @ g - c * g.sum() ** 2 / (1 - c + len(g) * c)) / (1 - c)


def limited_range_cov(mu, rho=RHO, length=LENGTH):
    """Poisson variances, correlation rho * exp(-|phi_i - phi_j| / length) between distinct neurons."""
    phi = preferred(len(mu))
    dist = np.abs(wrap(phi[:, None] - phi[None, :]))
    corr = rho * np.exp(-dist / length)
    np.fill_diagonal(corr, 1.0)
    sd = np.sqrt(mu)
    return corr * np.outer(sd, sd)


def differential_cov(mu, dmu, eps):
    """Independent Poisson noise plus information-limiting correlations eps * mu' mu'^T."""
    return np.diag(mu) + eps * np.outer(dmu, dmu)


def differential_closed_form(i0, eps):
    return i0 / (1 + eps * i0)


def jittered_error(n, eps, rng, trials=TRIALS):
    """Mean squared error of maximum likelihood when the stimulus jitters by variance eps."""
    phi = preferred(n)
    theta = rng.uniform(-np.pi, np.pi, trials)
    seen = theta + rng.normal(0.0, np.sqrt(eps), trials)
    counts = rng.poisson(T * rates(seen, phi))
    return np.mean(wrap(maximum_likelihood(counts, phi) - theta) ** 2)


def mean_variance(n, c, sigma2=1.0):
    """Variance of the plain average of n units with variance sigma2 and pairwise correlation c."""
    return sigma2 * (1 + (n - 1) * c) / n


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    theta = 0.3
    indep, uniform, limited, differential = [], [], [], []
    for n in SIZES:
        mu, dmu = mean_and_slope(theta, n)
        indep.append(linear_fisher(dmu, np.diag(mu)))
        uniform.append(linear_fisher(dmu, uniform_cov(mu, C)))
        limited.append(linear_fisher(dmu, limited_range_cov(mu)))
        differential.append(linear_fisher(dmu, differential_cov(mu, dmu, EPS)))
    simulated = [1 / jittered_error(n, EPS, rng) for n in SIM_SIZES]
    fig, ax = plt.subplots(figsize=(7, 4.2))
    # Independent and uniform curves lie almost on each other, and so do limited-range and
    # differential below ~50 neurons: each has its own line style and marker, and a label at
    # its end, so a reader can tell them apart where they overlap (and in grey print). The
    # labels are the key (no legend, which took a phone's plot height); the caption gives
    # each kind's parameter and names the dots.
    curves = [
        (indep, "C0", "-", "o", "independent", -9),
        (uniform, "C4", "-.", "s", "uniform", 9),
        (limited, "C5", "--", "D", "limited-range", -8),
        (differential, "C1", (0, (6, 1.5, 1, 1.5, 1, 1.5)), "^", "differential", 2),
    ]
    for values, colour, style, marker, label, label_offset in curves:
        ax.plot(SIZES, values, color=colour, linestyle=style, marker=marker, markersize=6,
                markerfacecolor="none", markeredgewidth=1.4, label=label)
        ax.annotate(label, (SIZES[-1], values[-1]), xytext=(8, label_offset),
                    textcoords="offset points", va="center", color=colour)
    ax.plot(SIM_SIZES, simulated, "o", color="C2", markersize=9)
    # the ceiling spans the data only, so it stops short of the curves' end labels
    ax.plot([SIZES[0], SIZES[-1]], [1 / EPS] * 2, color="C3", linestyle=":")
    ax.annotate(r"ceiling $1/\varepsilon$", (SIZES[0], 1 / EPS), xytext=(0, -4),
                textcoords="offset points", va="top", color="C3")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(right=SIZES[-1] * 1.4)
    ax.set_ylim(top=2e4)  # room above the top end label
    ax.set_xlabel(r"neurons $N$")
    ax.set_ylabel(r"Fisher information (rad$^{-2}$)")
    print("     N   independent   uniform c=0.1   limited-range   differential")
    for n, a, b, lr, d in zip(SIZES, indep, uniform, limited, differential):
        if n in (4, 64, 256, 1024):
            print(f"{n:6d} {a:13.0f} {b:15.0f} {lr:15.0f} {d:14.0f}")
    for n, s in zip(SIM_SIZES, simulated):
        i0 = fisher_information(theta, preferred(n))
        print(f"jittered stimulus, N = {n:4d}: 1 / error {s:5.0f}, closed form I0 / (1 + eps I0) = "
              f"{differential_closed_form(i0, EPS):5.0f}")
    print(f"plain average with c = {C}: variance {mean_variance(1000, C):.3f} σ² at N = 1000, "
          f"limit {C} sigma^2")
    plt.show()
