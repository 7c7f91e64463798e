"""The test suite's own set-up: what tests/conftest.py names for pytest-xdist exists, so a
renamed module or test cannot silently lose its place (then two workers would each load
every page, or the longest test would start last)."""

from __future__ import annotations

import subprocess
import sys

from conftest import LONGEST_FIRST, SHARED_LOADS, pytest_xdist_make_scheduler, shared_group, work_unit
from helpers import ROOT


def test_every_shared_load_row_and_the_longest_first_order_match_collected_tests():
    """Collects the suite (as pytest-xdist's workers do) and matches each row against it;
    the work units come in LONGEST_FIRST's order, each of its entries naming real tests."""
    modules = {n.split("::")[0] for n in LONGEST_FIRST if "::" in n}
    modules |= {module for module, *_ in SHARED_LOADS if not module.startswith("tests/browser/")}
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


def test_the_scheduler_hands_out_work_in_the_collections_order():
    """pytest-xdist's scope scheduler sorts its work units by their number of tests unless
    told not to: then a page-load group would start before the longest single test."""
    from types import SimpleNamespace

    class Worker:  # what the scheduler uses of pytest-xdist's WorkerController
        def __init__(self, name):
            self.gateway, self.sent, self.shutting_down = SimpleNamespace(id=name), [], False

        def send_runtest_some(self, indices):
            self.sent += indices

        def shutdown(self):
            pass

    longest = LONGEST_FIRST[0]
    audit = [f"tests/browser/test_site_quality.py::test_{name}[light]" for name in ("a", "b", "c")]
    collection = [longest, *audit, "tests/test_x.py::test_one", "tests/test_x.py::test_two"]
    config = SimpleNamespace(option=SimpleNamespace(loadscopereorder=True),
                             getvalue=lambda name: ["2*popen"] if name == "tx" else None)
    scheduler = pytest_xdist_make_scheduler(config, None)
    workers = [Worker("gw0"), Worker("gw1")]
    for worker in workers:
        scheduler.add_node(worker)
        scheduler.add_node_collection(worker, collection)
    scheduler.schedule()
    assert workers[0].sent[0] == collection.index(longest)
    assert sorted(workers[1].sent[:3]) == [collection.index(n) for n in audit]


# --- tests/student_run.py: a snippet run as a student runs it -------------------------

ENVIRONMENT_PROBE = '''import os, sys
print(__name__, sys.argv, sys.path[0], os.getcwd())
print([p for p in sys.path if "tests" in p.split(os.sep) or p.endswith("scripts")])
for name in ("palette", "helpers", "conftest"):  # this project's modules: not for a student
    try:
        __import__(name)
        print(name, "importable")
    except ModuleNotFoundError:
        print(name, "not found")
import matplotlib
print(matplotlib.get_backend())
'''


def _python_file_py(path) -> subprocess.CompletedProcess:
    """The reference: a real ``python <path>`` from the repository root, headless."""
    import os

    return subprocess.run([sys.executable, str(path)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "MPLBACKEND": "Agg"}, timeout=120)


def test_a_forked_run_sees_what_python_file_py_sees(tmp_path):
    """The same observable start as ``python file.py`` from the repository root: name,
    argv, path, working directory, nothing of this project importable, Agg backend."""
    import student_run

    probe = tmp_path / "probe.py"
    probe.write_text(ENVIRONMENT_PROBE)
    real = _python_file_py(probe)
    forked = student_run.run(probe)
    assert real.returncode == forked.returncode == 0, real.stderr + forked.stderr
    assert forked.stdout == real.stdout
    assert "palette not found" in forked.stdout and "__main__" in forked.stdout


def test_a_forked_run_takes_the_callers_environment_at_each_run(tmp_path, monkeypatch):
    import student_run

    probe = tmp_path / "env.py"
    probe.write_text("import os\nprint(os.environ.get('NN_PROBE'), os.environ['MPLBACKEND'])\n")
    student_run.run(probe)  # the runner exists before the variable is set
    monkeypatch.setenv("NN_PROBE", "set")
    assert student_run.run(probe).stdout == "set Agg\n"
    monkeypatch.delenv("NN_PROBE")
    assert student_run.run(probe).stdout == "None Agg\n"


def test_a_forked_run_gives_a_snippets_output_and_failures_as_python_does(tmp_path):
    import pytest

    import student_run

    snippet = ROOT / "snippets" / "integrate_and_fire" / "fi_curve.py"  # imports its sibling lif.py
    real = _python_file_py(snippet)
    forked = student_run.run(snippet)
    assert (forked.returncode, forked.stdout, forked.stderr) == (real.returncode, real.stdout, real.stderr)
    assert forked.stdout.strip()

    (tmp_path / "fails.py").write_text("print('before')\n\ndef check(x):\n    raise ValueError(f'bad input {x}')\n\ncheck(2)\n")
    failed, real = student_run.run(tmp_path / "fails.py"), _python_file_py(tmp_path / "fails.py")
    assert (failed.returncode, failed.stdout, failed.stderr) == (real.returncode, real.stdout, real.stderr)
    assert (real.returncode, real.stdout) == (1, "before\n")
    assert real.stderr.startswith("Traceback") and real.stderr.rstrip().endswith("ValueError: bad input 2")
    (tmp_path / "syntax.py").write_text("print('never'\n")
    broken, real = student_run.run(tmp_path / "syntax.py"), _python_file_py(tmp_path / "syntax.py")
    assert (broken.returncode, broken.stdout) == (real.returncode, real.stdout) == (1, "")
    assert broken.stderr.splitlines()[-1] == real.stderr.splitlines()[-1]  # SyntaxError: '(' was never closed
    (tmp_path / "unseeded.py").write_text("import random\nimport numpy as np\nprint(random.random(), np.random.rand())\n")
    assert student_run.run(tmp_path / "unseeded.py").stdout != student_run.run(tmp_path / "unseeded.py").stdout
    (tmp_path / "exits.py").write_text("import sys\nsys.exit(3)\n")
    assert student_run.run(tmp_path / "exits.py").returncode == 3
    (tmp_path / "hangs.py").write_text("while True:\n    pass\n")
    with pytest.raises(subprocess.TimeoutExpired):
        student_run.run(tmp_path / "hangs.py", timeout=1)
    assert student_run.run(tmp_path / "exits.py").returncode == 3  # the runner goes on after a kill


def test_a_hanging_test_fails_with_its_stack_and_the_run_goes_on(tmp_path):
    """pytest.ini's per-test timeout (pytest-timeout) is on: a test that never returns is
    failed, with the stack it hung in, and the next test still runs."""
    (tmp_path / "test_hangs.py").write_text(
        "import time\n\ndef test_hangs():\n    time.sleep(60)\n\ndef test_next():\n    pass\n")
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", str(ROOT / "pytest.ini"),
                          "--rootdir", str(tmp_path), "-o", "timeout=2", str(tmp_path / "test_hangs.py")],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert "Timeout (>2.0s)" in run.stdout and "time.sleep(60)" in run.stdout, run.stdout[-2000:]
    assert "1 failed, 1 passed" in run.stdout, run.stdout[-500:]
    ini = (ROOT / "pytest.ini").read_text()
    assert any(line.startswith("timeout = ") and int(line.split("=")[1]) >= 600 for line in ini.splitlines()), ini
