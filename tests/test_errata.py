"""Numbers on the pages that were once wrong (issue 14), checked against their computation."""

from __future__ import annotations

import numpy as np
from conftest import load_snippet


def _hopf_current(model) -> float:
    """The injected current at which the Hodgkin-Huxley resting state loses stability."""

    def leading_real_part(i_ext: float) -> float:
        lo, hi = -80.0, -40.0                    # the equilibrium V: ionic current = i_ext
        for _ in range(80):
            v = 0.5 * (lo + hi)
            if sum(model.ionic_currents(v, *model.steady_state(v))) < i_ext:
                lo = v
            else:
                hi = v
        state = np.array([v, *model.steady_state(v)])
        jac = np.empty((4, 4))
        for j in range(4):                       # central differences
            step = np.zeros(4)
            step[j] = 1e-6
            jac[:, j] = (model.derivatives(state + step, i_ext) - model.derivatives(state - step, i_ext)) / 2e-6
        return float(np.linalg.eigvals(jac).real.max())

    lo, hi = 5.0, 15.0
    for _ in range(50):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if leading_real_part(mid) < 0 else (lo, mid)
    return 0.5 * (lo + hi)


def test_upper_edge_of_the_bistable_range_is_the_hopf_point():
    """hodgkin-huxley.md: 'at about 9.78 µA/cm²' (Rinzel & Miller 1980 find 9.78)."""
    assert abs(_hopf_current(load_snippet("hodgkin_huxley/model.py")) - 9.78) < 0.01
