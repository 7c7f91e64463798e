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


def test_brain_power_from_oxygen_uptake():
    """scale-and-energy.md: 3.3 mL O2/100 g/min, 1.4 kg, 2,803 kJ per 6 mol O2 -> 46 mL/min, 20.8 J/mL, 16 W."""
    import re

    from nn_site.pages import quantities

    from conftest import ROOT
    page = (ROOT / "docs" / "scale-and-energy.md").read_text(encoding="utf-8")
    text = " ".join(quantities.expand(page, "scale-and-energy.md", quantities.load(ROOT)).split())
    ml_per_min = 3.3 * 1400 / 100
    j_per_ml = 2803e3 / (6 * 22414)                  # molar volume of a gas at STP, 22.414 L
    watts = ml_per_min * j_per_ml / 60
    assert f"about {round(ml_per_min)} mL a minute" in text
    assert f"about {j_per_ml:.1f} J per mL" in text
    assert re.search(rf"\*\*about {round(watts)} W\*\*", text), watts


def test_no_page_uses_the_internal_seed_vocabulary():
    """The articles the site started from are 'widely shared articles' on the pages, never 'seeds'."""
    import re

    from conftest import ROOT
    rng = re.compile(r"default_rng|random|seed\s*=|seeds? \d|seed\)|with seed|each seed", re.IGNORECASE)
    found = []
    for path in [*sorted((ROOT / "docs").rglob("*.md")), *sorted((ROOT / "docs").rglob("*.ipynb")),
                 *sorted((ROOT / "includes").rglob("*.*")), *sorted((ROOT / "docs" / "assets").rglob("*.js"))]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\bseeds?\b", line, re.IGNORECASE) and not rng.search(line):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()[:80]}")
    assert not found, "\n".join(found)
