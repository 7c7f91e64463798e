"""Sparse coding of natural-image patches (Olshausen & Field 1996).

Each whitened patch x is written as a sum of dictionary elements (columns of D) with
coefficients a, few of them non-zero. The code minimises

    E(a, D) = 1/2 |x - D a|^2 + LAMBDA |a|_1,

in two alternating steps. Inference: for fixed D, find the coefficients of each patch
by FISTA (Beck & Teboulle 2009), a gradient step on the squared error followed by soft
thresholding, with momentum. Learning: for fixed coefficients, take a gradient step on
D (the error times the coefficients, a Hebbian-like product) and rescale each column to
length 1, so that the code cannot cheat the penalty by shrinking a and growing D.
Started from random noise, the columns become localised, oriented and band-pass.

The patches are whitened first with the ZCA matrix of whitening.py (its sibling on
the page): whitening flattens the image spectrum, as Olshausen & Field's filtering did,
so that the learning is not dominated by the few largest, smoothest components.

The learned dictionary is also saved in data/dictionary.npz, so that gabor_fit.py (the
next snippet on the page) reads it instead of learning it again (see saved_dictionary).
"""

import hashlib
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from whitening import DATA, load_patches, zca_matrix

ATOMS = 144  # dictionary elements (as many as pixels in a 12 x 12 patch)
LAMBDA = 1.0  # weight of the sparseness penalty
BATCH = 100
STEPS = 800  # dictionary updates
INFERENCE_STEPS = 15  # FISTA iterations per batch
LEARNING_RATE = 0.5
HERE = Path(__file__).parent
SAVED = HERE / "data" / "dictionary.npz"  # written by scripts/save_rf_dictionary.py


def product(a, b):
    """a @ b, computed a few rows at a time.

    numpy's OpenBLAS splits a product across threads once rows x inner x columns exceeds
    2^18; on a machine whose cores are busy, each split product then waits for a free
    core, which made the whole learning tens of times slower. Blocks below that size run
    on one thread, and the result is the same."""
    rows = max(1, 2**18 // (a.shape[1] * b.shape[1]))
    return np.concatenate([a[i : i + rows] @ b for i in range(0, len(a), rows)])


def largest_eigenvalue(G, iterations=100):
    """Largest eigenvalue of the symmetric matrix G by power iteration (einsum: no threads)."""
    v = np.ones(len(G)) / np.sqrt(len(G))
    for _ in range(iterations):
        w = np.einsum("ij,j->i", G, v)
        v = w / np.linalg.norm(w)
    return float(v @ np.einsum("ij,j->i", G, v))


def soft_threshold(u, threshold):
    return np.sign(u) * np.maximum(np.abs(u) - threshold, 0)


def infer(D, X, lam=LAMBDA, steps=INFERENCE_STEPS):
    """Coefficients (one row per patch in X) minimising 1/2 |x - D a|^2 + lam |a|_1, by FISTA."""
    gram, projection = product(D.T, D), product(X, D)  # the gradient is Y D^T D - X D
    lipschitz = 1.01 * largest_eigenvalue(gram)  # of the gradient; a safe step is 1 / it
    A = np.zeros((len(X), D.shape[1]))
    Y, momentum = A, 1.0
    for _ in range(steps):
        gradient = product(Y, gram) - projection
        A_next = soft_threshold(Y - gradient / lipschitz, lam / lipschitz)
        momentum_next = (1 + np.sqrt(1 + 4 * momentum**2)) / 2
        Y = A_next + (momentum - 1) / momentum_next * (A_next - A)
        A, momentum = A_next, momentum_next
    return A


def energy(D, X, A, lam=LAMBDA):
    """Mean over patches of 1/2 |x - D a|^2 + lam |a|_1."""
    residual = X - product(A, D.T)
    return float(np.mean(0.5 * np.sum(residual**2, axis=1) + lam * np.sum(np.abs(A), axis=1)))


def whitened_patches():
    """The patches, ZCA-whitened and scaled to unit variance per pixel."""
    patches, size = load_patches()
    W, _ = zca_matrix(patches)
    white = product(patches, W.T)
    return white / white.std(), size


def learn_dictionary(X, atoms=ATOMS, steps=STEPS, seed=0):
    """Dictionary (pixels x atoms, unit columns) and the energy of each batch before its update."""
    rng = np.random.default_rng(seed)
    D = rng.normal(size=(X.shape[1], atoms))
    D /= np.linalg.norm(D, axis=0)
    energies = []
    for step in range(steps):
        batch = X[rng.integers(0, len(X), BATCH)]
        A = infer(D, batch)
        energies.append(energy(D, batch, A))
        rate = LEARNING_RATE * (1 - 0.9 * step / steps)  # smaller steps as the dictionary settles
        D += rate * product((batch - product(A, D.T)).T, A) / BATCH
        D /= np.linalg.norm(D, axis=0)
    return D, np.array(energies)


def source_digest():
    """SHA-256 of everything the dictionary is learned from: this file, whitening.py and the
    patches (line endings as committed, whatever a checkout turned them into)."""
    digest = hashlib.sha256()
    for path in (HERE / "sparse_coding.py", HERE / "whitening.py", DATA):
        data = path.read_bytes()
        digest.update(data.replace(b"\r\n", b"\n") if path.suffix == ".py" else data)
    return digest.hexdigest()


def saved_dictionary():
    """The dictionary learn_dictionary gives on the whitened patches (defaults, seed 0) and
    the patch size: read from data/dictionary.npz if it was saved from this very code and
    these patches, else learned again (about 5 s)."""
    if SAVED.exists():
        with np.load(SAVED) as saved:
            if str(saved["source"]) == source_digest():
                return saved["D"], int(saved["size"])
    X, size = whitened_patches()
    return learn_dictionary(X)[0], size


def montage(elements, size, columns):
    """Elements (pixels x n) side by side in one image, each scaled to its own peak, 1-pixel gaps."""
    rows = -(-elements.shape[1] // columns)
    image = np.full((rows * (size + 1) - 1, columns * (size + 1) - 1), np.nan)
    for k in range(elements.shape[1]):
        r, c = divmod(k, columns)
        element = elements[:, k].reshape(size, size)
        image[r * (size + 1) : r * (size + 1) + size, c * (size + 1) : c * (size + 1) + size] = (
            element / np.abs(element).max()
        )
    return image


if __name__ == "__main__":
    X, size = whitened_patches()
    D, energies = learn_dictionary(X)
    A = infer(D, X[:1000])
    order = np.argsort(np.abs(A).mean(axis=0))[::-1]  # most used elements first

    fig, (ax_dictionary, ax_energy) = plt.subplots(1, 2, width_ratios=[1.6, 1])
    ax_dictionary.imshow(montage(D[:, order], size, 12), cmap="gray", vmin=-1, vmax=1)
    ax_dictionary.set_axis_off()
    ax_dictionary.set_title(f"The {ATOMS} learned elements")
    batches = np.arange(1, STEPS + 1)
    window = 20
    smoothed = np.convolve(energies, np.ones(window) / window, mode="valid")
    ax_energy.plot(batches, energies, color="C6", linewidth=0.8)
    ax_energy.plot(batches[window - 1 :], smoothed, color="C2")
    ax_energy.set_xlabel("dictionary update")
    ax_energy.set_ylabel("energy per patch")
    ax_energy.set_title("Objective")

    print(f"dictionary: {ATOMS} elements of {size} × {size} pixels, {STEPS} updates of {BATCH} patches")
    print(f"energy per patch: {energies[:10].mean():.1f} (first 10 batches) → "
          f"{energies[-10:].mean():.1f} (last 10)")
    print(f"non-zero coefficients per patch: {np.mean(np.sum(A != 0, axis=1)):.1f} of {ATOMS}")
    print(f"variance explained: {1 - np.sum((X[:1000] - product(A, D.T)) ** 2) / np.sum(X[:1000] ** 2):.0%}")
    plt.show()
