"""Averaging correlated neurons: the signal-to-noise ratio saturates.

N neurons report the same signal, each with noise of variance sigma^2, and every
pair's noise has correlation coefficient rho. The variance of their mean is

    var(mean) = sigma^2 (1 + (N - 1) rho) / N,

which tends to rho sigma^2, not to zero, as N grows: the signal-to-noise ratio of
the pooled signal, relative to one neuron's, is sqrt(N / (1 + (N - 1) rho)), and its
limit is 1 / sqrt(rho). Lines: the formula for rho = 0, 0.1 and 0.2 (Zohary, Shadlen
& Newsome 1994 measured about 0.12 between pairs of MT neurons). Dots: the variance
of the mean of simulated correlated noise, 4000 draws per point, each neuron's noise
a shared part plus a private part, sqrt(rho) c + sqrt(1 - rho) e_i.
"""

import matplotlib.pyplot as plt
import numpy as np

RHOS = (0.0, 0.1, 0.2)


def var_of_mean(n, rho, sigma=1.0):
    """Closed-form variance of the mean of n equally correlated noisy neurons."""
    n = np.asarray(n, dtype=float)
    return sigma**2 * (1 + (n - 1) * rho) / n


def snr_gain(n, rho):
    """Signal-to-noise ratio of the mean of n neurons over that of one neuron."""
    return np.sqrt(1.0 / var_of_mean(n, rho))


def simulated_var_of_mean(n, rho, draws, rng):
    """Variance of the mean of n simulated neurons with pairwise noise correlation rho."""
    shared = rng.standard_normal((draws, 1))
    private = rng.standard_normal((draws, n))
    noise = np.sqrt(rho) * shared + np.sqrt(1 - rho) * private
    return noise.mean(axis=1).var()


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    n = np.arange(1, 1001)
    sim_n = np.array([1, 3, 10, 30, 100, 300, 1000])
    fig, ax = plt.subplots(figsize=(7, 3.6))
    for rho, colour in zip(RHOS, ("C0", "C2", "C3")):
        ax.plot(n, snr_gain(n, rho), color=colour, label=rf"$\rho$ = {rho:g}")
        sim = [1.0 / np.sqrt(simulated_var_of_mean(k, rho, 4000, rng)) for k in sim_n]
        ax.plot(sim_n, sim, "o", color=colour, markersize=4)
        if rho > 0:
            ax.axhline(1 / np.sqrt(rho), color=colour, linestyle=":", linewidth=1)
            print(f"rho = {rho:g}: gain {snr_gain(50, rho):.2f} at N = 50, {snr_gain(100, rho):.2f} at N = 100, "
                  f"{snr_gain(1000, rho):.2f} at N = 1000; limit 1/sqrt(rho) = {1 / np.sqrt(rho):.2f}")
        else:
            print(f"rho = 0: gain sqrt(N), {snr_gain(100, rho):.2f} at N = 100")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks([1, 10, 100, 1000], ["1", "10", "100", "1000"])
    ax.set_xlabel(r"number of neurons averaged, $N$")
    ax.set_ylabel("gain in signal-to-noise ratio")
    ax.set_yticks([1, 2, 3, 5, 10, 30], ["1", "2", "3", "5", "10", "30"])
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1), ncol=3, borderaxespad=0.2)
    plt.show()
