"""Save the receptive-field page's learned dictionary for gabor_fit.py (run after changing
snippets/receptive_fields/sparse_coding.py, whitening.py or data/patches.npz).

gabor_fit.py fits Gabor functions to the dictionary that sparse_coding.py learns. Learning
it takes seconds, so gabor_fit.py reads it from snippets/receptive_fields/data/dictionary.npz
(``sparse_coding.saved_dictionary``), which this script writes: the dictionary, the patch
size and the digest of the code and data it was learned from. If those change and the file
is not saved again, gabor_fit.py learns the dictionary itself (right, only slower), and
tests/test_receptive_fields.py fails, naming this script::

    .venv/bin/python scripts/save_rf_dictionary.py
"""

from __future__ import annotations

import importlib.util
import sys

import numpy as np

from nn_site.paths import ROOT

FOLDER = ROOT / "snippets" / "receptive_fields"


def main() -> None:
    sys.path.insert(0, str(FOLDER))  # as `python snippets/receptive_fields/sparse_coding.py` runs
    spec = importlib.util.spec_from_file_location("sparse_coding", FOLDER / "sparse_coding.py")
    sparse = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sparse)
    X, size = sparse.whitened_patches()
    D, _ = sparse.learn_dictionary(X)
    np.savez_compressed(sparse.SAVED, D=D, size=size, source=sparse.source_digest())
    print(f"wrote {sparse.SAVED.relative_to(ROOT)}: {D.shape[1]} elements of {size} x {size} pixels")


if __name__ == "__main__":
    main()
