"""Modern Hopfield retrieval is softmax attention; beta sets what it retrieves.

Ramsauer et al. (2021): with stored patterns as the columns of X (d x P) and a
state (query) xi, the energy is
    E(xi) = -lse(beta, X^T xi) + xi.xi / 2 + ln(P) / beta + M^2 / 2,
    lse(beta, z) = ln(sum_mu exp(beta z_mu)) / beta,  M = largest pattern norm,
and one update is xi_new = X softmax(beta X^T xi): a step of the concave-convex
procedure, which never raises E. Written with the patterns as rows of a key
matrix K = X^T and a value matrix V = X^T, the update is softmax(beta q K^T) V:
transformer attention, with the transformer's choice beta = 1 / sqrt(d).
P = 8 random patterns in d = 16 dimensions; the query is pattern 0 plus noise.
Left: the attention weights over the eight patterns for three values of beta.
Right: distance of the retrieved vector from pattern 0 (the one the query came
from, and here also the pattern nearest to it) and from the mean of all patterns,
as beta grows: small beta returns the mean, large beta pattern 0; in between, a
weighted average of several.
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


def softmax(z, axis=-1):
    z = z - z.max(axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


def hopfield_update(x, xi, beta):
    """One modern Hopfield update: patterns are the columns of x (d x P)."""
    return x @ softmax(beta * (x.T @ xi), axis=0)


def lse(beta, z):
    """Log-sum-exp at inverse temperature beta: ln(sum exp(beta z)) / beta, computed stably."""
    m = z.max()
    return m + np.log(np.exp(beta * (z - m)).sum()) / beta


def energy(x, xi, beta):
    """Ramsauer et al.'s energy of state xi for patterns in the columns of x (d x P)."""
    m = np.linalg.norm(x, axis=0).max()
    return -lse(beta, x.T @ xi) + 0.5 * xi @ xi + np.log(x.shape[1]) / beta + 0.5 * m**2


def attention(q, k, v, scale):
    """Scaled dot-product attention for queries q (n x d), keys k and values v (P x d)."""
    return softmax(scale * q @ k.T, axis=-1) @ v


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    d, p = 16, 8
    x = rng.normal(size=(d, p))
    xi = x[:, 0] + 0.8 * rng.normal(size=d)
    same = hopfield_update(x, xi, 1 / np.sqrt(d))
    as_attention = attention(xi[None, :], x.T, x.T, 1 / np.sqrt(d))[0]
    print(f"largest |Hopfield update - attention|: {reader(np.max(np.abs(same - as_attention)))}")

    state, energies = xi, [energy(x, xi, 1 / np.sqrt(d))]
    for _ in range(4):
        state = hopfield_update(x, state, 1 / np.sqrt(d))
        energies.append(energy(x, state, 1 / np.sqrt(d)))
    print("energy over four updates at beta = 1/sqrt(d):")
    print("  " + ", ".join(f"{e:.3f}" for e in energies))

    betas = np.geomspace(1e-3, 10, 200)
    out = np.array([hopfield_update(x, xi, b) for b in betas])
    to_pattern0 = np.linalg.norm(out - x[:, 0], axis=1)
    to_mean = np.linalg.norm(out - x.mean(axis=1), axis=1)
    print("distance after one update")
    print("  beta  to pattern 0  to the mean")
    for b in (1e-3, 1 / np.sqrt(d), 10.0):
        r = hopfield_update(x, xi, b)
        print(f"{b:6.3f}  {np.linalg.norm(r - x[:, 0]):12.2f}  {np.linalg.norm(r - x.mean(axis=1)):11.2f}")

    fig, (ax_w, ax_d) = plt.subplots(1, 2, figsize=(7, 3.4), layout="constrained")
    width = 0.27
    for j, (b, colour) in enumerate(((0.01, "C0"), (1 / np.sqrt(d), "C1"), (1.0, "C4"))):
        label = r"$\beta = 1/\sqrt{d}$" if j == 1 else rf"$\beta = {b:g}$"
        ax_w.bar(np.arange(p) + (j - 1) * width, softmax(b * x.T @ xi), width, color=colour, label=label)
    ax_w.set_xticks(np.arange(p))
    ax_w.set_xlabel(r"stored pattern $\mu$")
    ax_w.set_ylabel("attention weight")
    ax_w.set_ylim(0, 1.15)
    ax_w.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2, ncol=1)
    ax_d.plot(betas, to_pattern0, color="C4", label="pattern 0")
    ax_d.plot(betas, to_mean, color="C0", linestyle="--", label="mean of patterns")
    ax_d.axvline(1 / np.sqrt(d), color="C6", linestyle=":", linewidth=1)
    ax_d.set_xscale("log")
    ax_d.set_xlabel(r"inverse temperature $\beta$")
    ax_d.set_ylabel("distance of retrieved vector")
    fig.get_layout_engine().set(w_pad=0.12)   # the right panel's label clear of the left panel
    ax_d.set_ylim(0, 6.2)
    ax_d.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2, title="distance to")
    plt.show()
