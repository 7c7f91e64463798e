"""Whitening natural-image patches gives centre-surround filters (Atick & Redlich 1992).

Neighbouring pixels of a photograph are strongly correlated, so most of a patch's
variance sits in a few smooth, low-frequency components. Whitening removes these
correlations: it transforms the patches so that every direction has the same variance.
Of all the whitening transforms, ZCA (zero-phase component analysis) changes the
patches least; it is W = E diag(1 / sqrt(lambda + eps)) E^T, with E and lambda the
eigenvectors and eigenvalues of the patches' covariance. Each row of W is the filter
that gives one output pixel, a receptive field. The small eps keeps the weakest,
noise-dominated components from being amplified without limit, as Atick & Redlich's
filter rolls off where noise dominates. The filters come out as a positive centre on
their own pixel with a negative surround, like the receptive fields of retinal
ganglion cells.

The patches (data/patches.npz) are 11,000 grey 12 x 12 patches of five CC0
photographs from scikit-image (data/README.md).
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

DATA = Path(__file__).parent / "data" / "patches.npz"
EPSILON = 1.0  # added to each eigenvalue, as a fraction of the mean eigenvalue


def load_patches():
    """Patches as rows, in contrast units (grey level / 255, pixel means removed), and the patch size."""
    with np.load(DATA) as data:
        patches = data["patches"].astype(np.float64) / 255
        size = int(data["size"])
    return patches - patches.mean(axis=0), size


def zca_matrix(patches, epsilon=EPSILON):
    """The symmetric whitening matrix W (one filter per row) and the covariance's eigenvalues."""
    covariance = patches.T @ patches / len(patches)
    eigenvalues, eigenvectors = np.linalg.eigh(covariance)
    scale = 1 / np.sqrt(eigenvalues + epsilon * eigenvalues.mean())
    return (eigenvectors * scale) @ eigenvectors.T, eigenvalues[::-1]


def radial_profile(filter_2d, centre):
    """Mean weight of a filter against distance (whole pixels) from its centre pixel."""
    rows, cols = np.indices(filter_2d.shape)
    distance = np.rint(np.hypot(rows - centre[0], cols - centre[1])).astype(int)
    counts = np.bincount(distance.ravel())
    return np.bincount(distance.ravel(), weights=filter_2d.ravel()) / np.maximum(counts, 1)


if __name__ == "__main__":
    patches, size = load_patches()
    W, eigenvalues = zca_matrix(patches)
    centre = (size // 2, size // 2)
    filt = W[centre[0] * size + centre[1]].reshape(size, size)
    profile = radial_profile(filt, centre)

    fig, (ax_filter, ax_profile) = plt.subplots(1, 2, width_ratios=[1, 1.4])
    limit = np.abs(filt).max() * 0.25  # clipped so that the weak surround shows
    ax_filter.imshow(filt, cmap="gray", vmin=-limit, vmax=limit)
    ax_filter.set_xticks([])
    ax_filter.set_yticks([])
    ax_filter.grid(False)
    ax_filter.set_title("ZCA filter of the centre pixel")
    distances = np.arange(len(profile))
    ax_profile.axhline(0, color="C6", linewidth=1)
    ax_profile.plot(distances[:7], profile[:7] / profile[0], "o-", color="C1")
    ax_profile.set_xlabel("distance from centre (pixels)")
    ax_profile.set_ylabel("weight / centre weight")
    ax_profile.set_ylim(-0.15, 1.05)
    ax_profile.set_title("Radial profile")

    surround = int(np.argmin(profile[:7]))
    print(f"patches: {len(patches)}, {size} × {size} pixels")
    print(f"variance in the 10 largest of {len(eigenvalues)} components: "
          f"{eigenvalues[:10].sum() / eigenvalues.sum():.1%}")
    print(f"centre weight 1; most negative surround {profile[surround] / profile[0]:.3f} "
          f"at {surround} pixel; sign changes between 0 and 1 pixel: {profile[1] < 0}".replace("-", "−"))
    plt.show()
