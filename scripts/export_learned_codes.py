"""Export the sparse codes that docs/comparing-representations.md compares (run once).

The page's last section compares the representations of the filters learned on
docs/receptive-fields.md. Learning the dictionary takes longer than a snippet may run
(about 15 s), and a snippet may only read files in its own folder, so this script runs
the receptive-field snippets' own functions once, with their seeds and settings, and
writes what the comparison needs to snippets/comparing_representations/data/learned_codes.npz:

- ``patch_index``: which of the receptive-field patches are the stimuli (STIMULI of them,
  drawn with a fixed seed from the half of the patches with the most contrast, so that
  no stimulus leaves a code all zero);
- ``codes``: for each dictionary in ``dictionaries``, the sparse code of every stimulus,
  inferred by sparse_coding.infer (the same FISTA, penalty and iterations as the page's
  dictionary learning) from the ZCA-whitened patch. The dictionaries are the learned
  one, the Gabor functions fitted to its elements (gabor_fit.fit_gabors, each scaled to
  length 1), the ZCA filters themselves (the identity in whitened space: each unit is one
  whitened pixel, thresholded), and random filters of the same number and length.

    .venv/bin/python scripts/export_learned_codes.py

tests/test_comparing_representations.py (marked slow) runs ``codes_and_stimuli`` again and
checks the committed file against it.
"""

from __future__ import annotations

import importlib
import sys

import numpy as np

from nn_site.paths import ROOT

FOLDER = ROOT / "snippets" / "receptive_fields"
OUT = ROOT / "snippets" / "comparing_representations" / "data" / "learned_codes.npz"
STIMULI = 240
SEED = 2
DICTIONARIES = ("learned", "Gabor fits", "ZCA filters", "random filters")


def receptive_field_modules():
    """The page's sparse_coding and gabor_fit modules, imported as the build runs them."""
    sys.path.insert(0, str(FOLDER))
    try:
        return importlib.import_module("sparse_coding"), importlib.import_module("gabor_fit")
    finally:
        sys.path.remove(str(FOLDER))


def codes_and_stimuli() -> tuple[np.ndarray, np.ndarray]:
    """(codes (dictionary, stimulus, unit), indices of the stimulus patches)."""
    sparse, gabor = receptive_field_modules()
    X, size = sparse.whitened_patches()
    D, _ = sparse.saved_dictionary()  # the learned dictionary, relearned only if stale
    params, _ = gabor.fit_gabors(D.T.reshape(-1, size, size))
    fitted = gabor.gabor(params, size).reshape(len(params), -1).T
    rng = np.random.default_rng(SEED)
    random_filters = rng.normal(size=D.shape)
    dictionaries = [D, fitted, np.eye(len(D)), random_filters]
    contrast = np.linalg.norm(X, axis=1)
    candidates = np.flatnonzero(contrast > np.median(contrast))
    index = np.sort(rng.choice(candidates, STIMULI, replace=False))
    codes = np.stack([sparse.infer(d / np.linalg.norm(d, axis=0), X[index]) for d in dictionaries])
    silent = np.flatnonzero(np.all(codes == 0, axis=2).any(axis=0))
    if len(silent):
        raise SystemExit(f"stimuli {index[silent]} leave a code all zero; choose another seed")
    return codes, index


def main() -> None:
    codes, index = codes_and_stimuli()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT, codes=codes.astype(np.float32), patch_index=index, dictionaries=np.array(DICTIONARIES))
    print(f"{OUT.relative_to(ROOT)}: {codes.shape} codes, {OUT.stat().st_size / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
