"""Plain Hebb versus Oja's rule on correlated two-dimensional data.

One linear neuron y = w . x sees 2000 samples x of a zero-mean Gaussian cloud
stretched along a direction at 30 degrees. Plain Hebb (dw = eta * y * x) turns w
towards the cloud's long axis but its length grows without bound; Oja's rule
(dw = eta * y * (x - y * w)) adds a decay term that keeps |w| near 1, and w
settles on the top eigenvector of the input covariance: the first principal
component. We compare it with numpy's eigenvector, numerically.
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


def correlated_data(rng, n=2000, angle_deg=30.0, variances=(3.0, 0.3)):
    """Zero-mean 2-D Gaussian samples whose long axis points at angle_deg."""
    a = np.deg2rad(angle_deg)
    rotation = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    covariance = rotation @ np.diag(variances) @ rotation.T
    return rng.multivariate_normal([0.0, 0.0], covariance, size=n)


def hebb(x, w0, eta):
    """Plain Hebbian learning, one sample at a time; returns every w."""
    w = w0.copy()
    history = [w.copy()]
    for x_t in x:
        y = w @ x_t
        w = w + eta * y * x_t
        history.append(w.copy())
    return np.array(history)


def oja(x, w0, eta):
    """Oja's rule: Hebbian growth minus a decay y^2 w; returns every w."""
    w = w0.copy()
    history = [w.copy()]
    for x_t in x:
        y = w @ x_t
        w = w + eta * y * (x_t - y * w)
        history.append(w.copy())
    return np.array(history)


def top_eigenvector(x):
    """Unit eigenvector of the sample covariance with the largest eigenvalue."""
    values, vectors = np.linalg.eigh(np.cov(x, rowvar=False))
    e1 = vectors[:, np.argmax(values)]
    return e1 * np.sign(e1[0])  # sign is arbitrary: make x_1 positive


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    x = correlated_data(rng)
    w0 = rng.normal(0.0, 0.3, size=2)
    eta = 0.01

    w_hebb = hebb(x, w0, eta)
    w_oja = oja(x, w0, eta)
    e1 = top_eigenvector(x)

    cos_oja = abs(w_oja[-1] @ e1) / np.linalg.norm(w_oja[-1])
    cos_hebb = abs(w_hebb[-1] @ e1) / np.linalg.norm(w_hebb[-1])
    print(f"top eigenvector e1 of cov(x): ({e1[0]:+.3f}, {e1[1]:+.3f})")
    print(f"Oja's w after {len(x)} samples:   ({w_oja[-1][0]:+.3f}, {w_oja[-1][1]:+.3f})")
    print(f"|w| Oja  = {np.linalg.norm(w_oja[-1]):.3f},  |cos(w, e1)| = {cos_oja:.5f}")
    print(f"|w| Hebb = {reader(np.linalg.norm(w_hebb[-1]), 3)},  |cos(w, e1)| = {cos_hebb:.5f}")

    fig, (left, right) = plt.subplots(1, 2, figsize=(7, 3.8), width_ratios=(1.4, 1))
    shown = x[:500]
    left.scatter(shown[:, 0], shown[:, 1], s=4, alpha=0.3, color="C0", label="inputs x (first 500)")
    left.plot([-4 * e1[0], 4 * e1[0]], [-4 * e1[1], 4 * e1[1]], color="C6", linewidth=6,
              label="top eigenvector (numpy)", zorder=3)
    w_end = np.sign(w_oja[-1] @ e1) * w_oja[-1]
    left.annotate("", xy=3 * w_end, xytext=(0, 0),
                  arrowprops=dict(arrowstyle="-|>", color="C1", linewidth=2.5), zorder=4)
    left.plot([], [], color="C1", label="Oja’s w (×3)")
    left.set_aspect("equal")
    reach = np.ceil(2 * (np.abs(shown).max(axis=0) + 0.3)) / 2  # every point inside the axes
    left.set_xlim(-reach[0], reach[0])
    left.set_ylim(-reach[1], reach[1])
    left.set_xlabel("input $x_1$")
    left.set_ylabel("input $x_2$")
    left.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2)

    steps = np.arange(len(w_oja))
    right.semilogy(steps, np.linalg.norm(w_hebb, axis=1), color="C3", label="plain Hebb")
    right.semilogy(steps, np.linalg.norm(w_oja, axis=1), color="C1", label="Oja’s rule")
    right.set_xlabel("samples seen")
    right.set_ylabel("weight length |w|")
    right.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2)
    plt.show()
