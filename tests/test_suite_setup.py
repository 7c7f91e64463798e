"""The test suite's own set-up: what tests/conftest.py names for pytest-xdist exists, so a
renamed module or test cannot silently lose its place (then two workers would each load
every page, or the longest test would start last)."""

from __future__ import annotations

import subprocess
import sys

from conftest import LONGEST_FIRST, SHARED_LOADS, shared_group, work_unit
from helpers import ROOT


def test_every_shared_load_row_and_the_longest_first_order_match_collected_tests():
    """Collects the suite (as pytest-xdist's workers do) and matches each row against it;
    the work units come in LONGEST_FIRST's order, each of its entries naming real tests."""
    modules = {n.split("::")[0] for n in LONGEST_FIRST if "::" in n}
    listed = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                             "tests/browser", *sorted(modules)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    nodeids = [line for line in listed.stdout.splitlines() if "::" in line]
    assert nodeids, listed.stdout + listed.stderr
    for module, name, param, group in SHARED_LOADS:
        matching = [n for n in nodeids if n.startswith(f"{module}::{name}")
                    and (not param or n.endswith(f"[{param}]"))]
        assert matching, f"SHARED_LOADS row ({module}, {name!r}, {param!r}) matches no test"
        assert all(shared_group(n) == group for n in matching)
    units = list(dict.fromkeys(work_unit(n) for n in nodeids))
    assert units[:len(LONGEST_FIRST)] == LONGEST_FIRST, units[:len(LONGEST_FIRST) + 2]


def test_shared_group_keeps_a_pages_loads_together_and_nothing_else():
    audit_light = "each page at 1280 px, light (audit)"
    assert shared_group("tests/browser/test_site_quality.py::test_accessibility_axe[light]") == audit_light
    assert shared_group("tests/browser/test_layout.py::test_no_layout_shift_while_a_page_loads[1280]") == audit_light
    assert shared_group("tests/browser/test_site_quality.py::test_accessibility_axe[dark]") != audit_light
    assert shared_group("tests/browser/test_layout.py::test_no_layout_shift_while_a_page_loads[390]") == \
        shared_group("tests/browser/test_layout.py::test_tables_are_readable_on_a_phone")
    assert shared_group("tests/browser/test_offline.py::test_zip_is_self_contained") is not None
    assert shared_group("tests/test_engine.py::test_every_snippet_is_used_by_a_page") is None
    assert shared_group("tests/browser/test_site_quality.py::test_search_finds_the_right_page") is None
