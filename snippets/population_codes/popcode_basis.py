"""The same information in another basis: what "a unit codes for X" depends on.

Take the mean responses of the population of popcode_model.py (64 neurons, one
von Mises bump each) and mix them with a random rotation Q: 64 new "units", each a
weighted sum of all the neurons, as the units of an artificial network's hidden layer
are weighted sums of the layer before. The rotated code carries exactly the same
linear Fisher information (mu' -> Q mu', covariance S -> Q S Q^T, and
(Q mu')^T (Q S Q^T)^{-1} (Q mu') = mu'^T S^{-1} mu'): a readout that takes the
rotation into account loses nothing. But its units have no preferred direction worth the name: their
tuning curves mostly have two or more peaks. Top: four neurons; bottom: four
rotated units. The printout counts the peaks of every tuning curve.
"""

import matplotlib.pyplot as plt
import numpy as np

from popcode_model import T, linear_fisher, mean_and_slope, preferred, rates

N = 64


def random_rotation(n, rng):
    """A random orthogonal matrix (QR of a Gaussian matrix, signs fixed)."""
    q, r = np.linalg.qr(rng.normal(size=(n, n)))
    return q * np.sign(np.diag(r))


def fisher_in_basis(theta, q=None, n=N, t=T):
    """Linear Fisher information for Poisson covariance S = diag(mu), in the rotated basis
    (mu' -> Q mu', S -> Q S Q^T) if q is given."""
    mu, dmu = mean_and_slope(theta, n, t)
    cov = np.diag(mu)
    if q is not None:
        dmu, cov = q @ dmu, q @ cov @ q.T
    return linear_fisher(dmu, cov)


def peaks(curves):
    """Number of local maxima of each periodic curve; curves has shape (grid, units)."""
    up = (curves > np.roll(curves, 1, axis=0)) & (curves >= np.roll(curves, -1, axis=0))
    return up.sum(axis=0)


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    q = random_rotation(N, rng)
    grid = np.linspace(-np.pi, np.pi, 360, endpoint=False)
    curves = rates(grid, preferred(N))              # (grid, neurons)
    mixed = curves @ q.T                            # each unit: a weighted sum of all neurons
    fig, (ax_n, ax_u) = plt.subplots(1, 2, figsize=(7, 3.4), sharex=True)
    for k, i in enumerate((0, 16, 32, 48)):
        ax_n.plot(np.degrees(grid), curves[:, i], color=f"C{k}")
        ax_u.plot(np.degrees(grid), mixed[:, i], color=f"C{k}")
    ax_n.set_title("neurons: one bump each", loc="left")
    ax_u.set_title("rotated: the same information", loc="left")
    ax_n.set_ylabel("rate (spikes/s)")
    ax_u.set_ylabel("activity")
    ax_n.set_xlabel(r"stimulus direction $\theta$ (degrees)")
    ax_u.set_xlabel(r"stimulus direction $\theta$ (degrees)")
    ax_u.set_xticks([-180, -90, 0, 90, 180])
    for theta in (0.3, 2.0):
        print(f"theta = {theta} rad: linear Fisher information {fisher_in_basis(theta):.1f} (neurons), "
              f"{fisher_in_basis(theta, q):.1f} (rotated units)")
    p_n, p_u = peaks(curves), peaks(mixed)
    print(f"neurons with one peak: {np.sum(p_n == 1)} of {N}; rotated units with one peak: "
          f"{np.sum(p_u == 1)} of {N} (median {np.median(p_u):.0f} peaks)")
    plt.show()
