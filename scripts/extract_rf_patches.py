"""Extract the grey image patches that the receptive-field page learns from (run once).

The page docs/receptive-fields.md learns whitening and sparse-coding filters from small
patches of natural photographs. The photographs come from scikit-image's wheel, which
bundles a few with their licences (all five used here are CC0, see
snippets/receptive_fields/data/README.md). scikit-image is not a dependency of the site:
download its wheel once, unzip it and point this script at the folder that holds
``skimage/``::

    pip download scikit-image --no-deps -d /tmp/skimg && cd /tmp/skimg && unzip -q *.whl
    .venv/bin/python scripts/extract_rf_patches.py /tmp/skimg

It writes snippets/receptive_fields/data/patches.npz: a fixed set of square grey patches
(rows), as float16 grey levels 0-255, drawn with a fixed seed. The images are halved
(2 x 2 block means) first: at full size the textures' finest grain is a pixel or two,
which leaves little structure inside a 12-pixel patch.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib.image as mpimg
import numpy as np

from nn_site.paths import ROOT

IMAGES = ("grass", "gravel", "brick", "coffee", "chelsea")
PATCH = 12
PATCHES_PER_IMAGE = 2200  # 11,000 patches: under 2 MB compressed
SEED = 0
OUT = ROOT / "snippets" / "receptive_fields" / "data" / "patches.npz"


def grey(path: Path) -> np.ndarray:
    """The image as whole grey levels 0-255 (mean of R, G and B for a colour image), as an
    8-bit grey image would hold it: the halved image is then in exact quarter levels,
    which float16 stores exactly and compresses well."""
    image = mpimg.imread(path).astype(np.float64) * 255  # PNG: floats in [0, 1]
    if image.ndim == 3:
        image = image[..., :3].mean(axis=2)
    return np.round(image)


def halve(image: np.ndarray) -> np.ndarray:
    rows, cols = (image.shape[0] // 2) * 2, (image.shape[1] // 2) * 2
    image = image[:rows, :cols]
    return image.reshape(rows // 2, 2, cols // 2, 2).mean(axis=(1, 3))


def patches(image: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    rows = rng.integers(0, image.shape[0] - PATCH + 1, count)
    cols = rng.integers(0, image.shape[1] - PATCH + 1, count)
    return np.stack([image[r : r + PATCH, c : c + PATCH].ravel() for r, c in zip(rows, cols)])


def main(wheel_folder: str) -> None:
    data = Path(wheel_folder) / "skimage" / "data"
    if not data.is_dir():
        raise SystemExit(f"{data}: not found; unzip the scikit-image wheel there first")
    rng = np.random.default_rng(SEED)
    rows, sources = [], []
    for name in IMAGES:
        rows.append(patches(halve(grey(data / f"{name}.png")), PATCHES_PER_IMAGE, rng))
        sources += [name] * PATCHES_PER_IMAGE
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        OUT,
        patches=np.concatenate(rows).astype(np.float16),
        image=np.array(sources),
        size=np.array(PATCH),
    )
    print(f"{OUT.relative_to(ROOT)}: {sum(len(r) for r in rows)} patches, {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: extract_rf_patches.py FOLDER_WITH_UNZIPPED_SKIMAGE_WHEEL")
    main(sys.argv[1])
