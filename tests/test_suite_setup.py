"""The test suite's own set-up: what tests/conftest.py names for pytest-xdist exists, so a
renamed module or test cannot silently lose its place (then two workers would each load
every page, or the longest test would start last)."""

from __future__ import annotations

import ast

from conftest import FIRST, RUN_WHOLE_ON_ONE_WORKER
from helpers import ROOT


def test_modules_run_whole_on_one_worker_exist_and_share_a_fixture():
    for module, why in RUN_WHOLE_ON_ONE_WORKER.items():
        path = ROOT / module
        assert path.is_file(), f"{module} is listed in RUN_WHOLE_ON_ONE_WORKER but does not exist"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        tests = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")]
        assert len(tests) > 1, f"{module}: one test or none; nothing to keep together ({why})"


def test_the_tests_started_first_exist():
    for nodeid in FIRST:
        module, name = nodeid.split("::")
        source = (ROOT / module).read_text(encoding="utf-8")
        assert f"def {name}(" in source, f"{nodeid} is listed in FIRST but not defined"
