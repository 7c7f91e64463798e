"""Checks on a snippet's figure, in the worker's child after the snippet ran: a figure
that shows nothing, only NaN data, or is absurdly large is refused (with the snippet's
name, added by nn_site/engine/runner.py) instead of being published.

- ``too_large(fig)``: more than ``MAX_INCHES`` inches on a side (figsize=(200, 200) would
  make a 19,200-pixel image); checked before the figure is saved.
- ``blank(fig)``: no axes holds finite data (every line, scatter, image or bar NaN or
  empty) and no text was placed, or the drawn figure is a single colour.
"""

from __future__ import annotations

import io

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure

MAX_INCHES = 16.0


def too_large(fig: Figure) -> str | None:
    width, height = fig.get_size_inches()
    if not (np.isfinite(width) and np.isfinite(height)) or max(width, height) > MAX_INCHES:
        return (
            f"its figure is {width:g} × {height:g} inches; at most {MAX_INCHES:g} × {MAX_INCHES:g} "
            "(the site's figures are at most 7 in wide: use plt.subplots(figsize=(7, 3.6)))"
        )
    return None


def _finite(values: object) -> bool:
    try:
        array = np.ma.asarray(values, dtype=float)
    except (TypeError, ValueError):
        return True  # not numbers (categories, dates): counts as data
    filled = np.ma.filled(array, np.nan)
    return bool(filled.size) and bool(np.isfinite(filled).any())


def _points(values: object) -> bool:
    """Some point (x, y) with both coordinates finite."""
    try:
        array = np.ma.filled(np.ma.asarray(values, dtype=float), np.nan)
    except (TypeError, ValueError):
        return True
    return array.ndim == 2 and bool(array.size) and bool(np.isfinite(array).all(axis=1).any())


def _has_data(ax: Axes) -> bool:
    if any(_points(line.get_xydata()) for line in ax.get_lines()):
        return True
    for collection in ax.collections:
        array = collection.get_array()
        if array is not None and _finite(array):
            return True
        if isinstance(collection, PathCollection):  # scatter: the points are the offsets
            if _points(collection.get_offsets()):
                return True
        elif any(_points(path.vertices) for path in collection.get_paths()):
            return True
    if any(_finite(image.get_array()) for image in ax.get_images()):
        return True
    for patch in ax.patches:
        box = patch.get_extents()
        if np.isfinite([box.x0, box.y0, box.x1, box.y1]).all() and (box.width > 0 or box.height > 0):
            return True
    return bool(ax.texts) or bool(ax.artists) or bool(ax.tables)


def blank(fig: Figure) -> str | None:
    if not any(_has_data(ax) for ax in fig.axes) and not fig.texts and not fig.images:
        where = (
            "it has no axes"
            if not fig.axes
            else "no axes holds finite data (every line, point, bar or image is empty or NaN)"
        )
        return f"its figure is blank: {where}; a figure must show something (or drop the caption and plt.show())"
    buffer = io.BytesIO()
    fig.savefig(buffer, format="rgba", dpi=12)
    pixels = np.frombuffer(buffer.getvalue(), dtype=np.uint8).reshape(-1, 4)
    if len(np.unique(pixels, axis=0)) < 2:
        return "its figure is blank: the drawn image is a single colour"
    return None
