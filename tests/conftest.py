"""Shared fixtures: the built site (built once per test run, whatever the number of
pytest-xdist workers). Helpers: tests/helpers.py."""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

import pytest

import quality_summary
from helpers import ROOT, SNIPPETS, load_snippet, mkdocs_build, run_snippet  # noqa: F401 - re-exported


def build_once(tmp_path_factory, name: str, env: dict | None = None) -> Path:
    """``mkdocs build`` into ``<run's temp dir>/<name>`` once per test run.

    Under pytest-xdist each worker is its own process with its own session fixtures, so
    the first worker to ask builds while holding a file lock and records the outcome; the
    others wait on the lock, then reuse the site (or report the same failure). fcntl.flock
    because the lock dies with its process: a killed run leaves nothing to clean up.
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by the workers of this run
    site_dir, outcome = root / name, root / f"{name}.outcome.json"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not outcome.exists():
            result = mkdocs_build(site_dir, env=env)
            outcome.write_text(json.dumps({"returncode": result.returncode,
                                           "log": f"{result.stdout}\n{result.stderr}"}))
    built = json.loads(outcome.read_text())
    assert built["returncode"] == 0, f"mkdocs build failed:\n{built['log']}"
    return site_dir


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built once from the working tree (strict mode), shared by all tests."""
    return build_once(tmp_path_factory, "site")


PUBLIC_ROOT = "https://nn-course.github.io/neural-neuronal/"
REPO_URL = "https://github.com/nn-course/neural-neuronal"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory, site) -> tuple[Path, str]:
    """The site built as the publishing workflow builds it: with a public URL and a
    repository (NN_SITE_URL, NN_REPO_URL). After ``site``, so from warm caches: seconds.
    (site, public root)"""
    env = {"NN_SITE_URL": PUBLIC_ROOT, "NN_REPO_URL": REPO_URL}
    return build_once(tmp_path_factory, "published", env), PUBLIC_ROOT


# --- running on every core (pytest-xdist: `make test`, `make quick`) ------------------

# Tests that share a costly fixture run on one worker; else each worker would load every
# page again, or build the offline zip twice. Each row: module, test name ("" = every
# test of the module), parameter ("" = any), and the group's name, which says what its
# tests share. Every other test goes to whichever worker is free.
LIGHT, DARK = "each page at 1280 px, light (audit)", "each page at 1280 px, dark (audit)"
# The light desktop's probes have their own load of each page (tests/browser/conftest.py,
# ``desktop``): with axe on the audit's loads, one chain of ~350 s on one worker, the
# longest of a run (issue 30); as two, each runs on a worker of its own.
DESKTOP = "each page at 1280 px, light (probes)"
PHONE = "each page on a 390-px phone (phone)"
SHARED_LOADS = [
    ("tests/browser/test_site_quality.py", "", "light", LIGHT),
    ("tests/browser/test_layout.py", "test_no_layout_shift_while_a_page_loads", "1280", LIGHT),
    ("tests/browser/test_site_quality.py", "", "dark", DARK),
    ("tests/browser/test_layout.py", "test_no_layout_shift_while_a_page_loads", "390", PHONE),
    ("tests/browser/test_layout.py", "test_tables_are_readable_on_a_phone", "", PHONE),
    ("tests/browser/test_layout.py", "test_a_table_that_scrolls_on_a_phone_is_a_named_tab_stop", "", PHONE),
    ("tests/browser/test_layout.py", "test_no_text_below_11_px_on_a_phone", "", PHONE),
    ("tests/browser/test_site_quality.py", "test_mobile_viewport_has_no_horizontal_scroll", "", PHONE),
    ("tests/browser/test_site_quality.py", "test_touch_targets_are_large_enough_on_a_phone", "", PHONE),
    # Tests that read what their module's probes read from those same loads
    # (tests/browser/conftest.py, ``probe``): in the view's group, so that one worker loads
    # each page once per view however many modules check it.
    ("tests/browser/test_typography.py", "test_text_is_set_in_two_families_and_math_in_the_math_font", "", DESKTOP),
    ("tests/browser/test_typography.py", "test_glossary_marks_only_in_prose_once_per_term_and_focusable", "", DESKTOP),
    ("tests/browser/test_typography.py", "test_every_math_glyph_comes_from_the_math_font", "", DESKTOP),
    ("tests/browser/test_reading_order.py", "test_every_figure_precedes_its_code_and_the_code_is_closed", "", DESKTOP),
    ("tests/browser/test_reading_order.py", "test_code_summaries_name_no_path_and_the_path_is_the_first_line_inside",
     "", DESKTOP),
    ("tests/browser/test_reading_order.py", "test_captions_are_smaller_muted_legible_and_numbered_in_bold", "default",
     DESKTOP),
    ("tests/browser/test_reading_order.py", "test_captions_are_smaller_muted_legible_and_numbered_in_bold", "slate",
     DARK),
    ("tests/browser/test_reading_order.py", "test_page_titles_are_at_the_body_texts_full_contrast", "default", DESKTOP),
    ("tests/browser/test_reading_order.py", "test_page_titles_are_at_the_body_texts_full_contrast", "slate", DARK),
    ("tests/browser/test_reading_order.py", "test_no_display_equation_is_cut_off", "1280", DESKTOP),
    ("tests/browser/test_reading_order.py", "test_no_display_equation_is_cut_off", "390", PHONE),
    ("tests/browser/test_reading_order.py", "test_code_titles_do_not_break_inside_a_word_on_a_phone", "", PHONE),
    ("tests/browser/test_reading_order.py", "test_on_a_phone_no_display_equation_scrolls_but_the_listed_exceptions",
     "", PHONE),
    ("tests/browser/test_heading_permalinks.py", "test_no_heading_has_an_empty_line_on_a_phone", "", PHONE),
    ("tests/browser/test_performance.py", "test_every_page_stays_under_the_element_limit", "", PHONE),
    ("tests/browser/test_results.py", "test_no_printed_output_is_below_12_px_on_a_phone", "", PHONE),
    ("tests/browser/test_results.py", "test_no_printed_result_scrolls_sideways_on_a_phone", "", PHONE),
    ("tests/browser/test_figures.py", "test_every_figure_is_legible_at_both_widths_in_both_palettes", "1280", DESKTOP),
    ("tests/browser/test_figures.py", "test_every_figure_is_legible_at_both_widths_in_both_palettes", "390", PHONE),
    ("tests/browser/test_offline.py", "", "", "the offline zip, built and unzipped once"),
    ("tests/browser/test_print.py", "", "", "the print page, loaded once"),
    # Costly module-scoped fixtures (each worker would compute its own copy): the receptive-
    # field page's learned dictionary and its Gabor fits; the decision page's five trained RNNs.
    ("tests/test_receptive_fields.py", "", "", "the learned dictionary and its Gabor fits"),
    ("tests/test_decisions.py", "test_trained_networks_approach_the_ideal_observer", "",
     "the trained decision networks"),
    ("tests/test_decisions.py", "test_rnn_page_numbers_match_the_snippet", "", "the trained decision networks"),
    # rsatoolbox takes seconds to import (the tests import it, not their module): one worker does.
    ("tests/test_comparing_representations.py", "test_rdms_match_rsatoolbox", "", "rsatoolbox, imported once"),
    ("tests/test_comparing_representations.py", "test_rdm_comparisons_match_rsatoolbox", "",
     "rsatoolbox, imported once"),
    ("tests/test_comparing_representations.py", "test_noise_ceiling_matches_rsatoolbox", "",
     "rsatoolbox, imported once"),
]


def shared_group(nodeid: str) -> str | None:
    """The SHARED_LOADS group a test belongs to, or None."""
    module, _, rest = nodeid.partition("::")
    name, _, param = rest.partition("[")
    for row_module, row_name, row_param, group in SHARED_LOADS:
        if module == row_module and row_name in ("", name) and row_param in ("", param.rstrip("]")):
            return group
    return None


# The order work is handed out in: longest first, so that no long test starts last and
# leaves the other cores idle at the end. Each entry is a test id or a SHARED_LOADS group;
# everything else follows in collection order. Measured with `--durations` and each
# worker's start and end times on 2 cores, on a machine busy with other work (everything
# took ~4.7x its idle time), in seconds: light audit 1130 with the site's build,
# byte-identical 808, dark audit 345, versions 291, print page 250, notebook outputs 224
# (it started at 79% of the run), offline zip 215, figures 204, notebook faults 117, the
# published build 96, phone 81. The byte-identical test needs no fixture and starts at
# once, while another worker builds the suite's site for the light audit.
LONGEST_FIRST = [
    "tests/test_engine.py::test_clean_builds_and_a_warm_rebuild_are_byte_identical",
    "each page at 1280 px, light (audit)",
    "each page at 1280 px, light (probes)",
    "each page at 1280 px, dark (audit)",
    "each page on a 390-px phone (phone)",
    "tests/browser/test_versions.py::test_mike_keeps_each_release_and_the_selector_switches",
    "the print page, loaded once",
    "tests/test_faults.py::test_notebook_outputs_are_bounded_plain_and_free_of_tracebacks",
    "the offline zip, built and unzipped once",
    "tests/test_faults.py::test_notebook_faults_are_short_and_the_output_is_stable",
    "tests/test_courses.py::test_every_page_has_a_citation_with_its_stable_url",
    "the learned dictionary and its Gabor fits",
    "the trained decision networks",
]


def work_unit(nodeid: str) -> str:
    """What one worker runs whole: the test's SHARED_LOADS group, or the test alone."""
    return shared_group(nodeid) or nodeid


def work_rank(nodeid: str) -> int:
    unit = work_unit(nodeid)
    return LONGEST_FIRST.index(unit) if unit in LONGEST_FIRST else len(LONGEST_FIRST)


# Fixtures that train or simulate for seconds (module, fixture): a test that needs one is
# ``slow``, left out of `make quick` (the inner loop; `make test` runs it). Each alone is
# 5-20 s of CPU on one worker, together about half of what `make quick` spent in tests.
COSTLY_FIXTURES = {
    ("tests/test_receptive_fields.py", "learned"),  # the page's sparse dictionary, learned
    ("tests/test_decisions.py", "trained"),  # five recurrent networks, trained
    ("tests/test_continuous_attractors.py", "diffusion_runs"),  # the ring's drift, simulated
    ("tests/test_comparing_representations.py", "learned_measured"),  # filters learned, then measured
    ("tests/test_comparing_representations.py", "learned_systems"),
}


def pytest_collection_modifyitems(config, items):
    """A test that needs ``published_site`` builds the site a second time, and one that
    needs a COSTLY_FIXTURES fixture trains a model: both are ``slow`` (left out of `make
    quick`, the inner loop). Tests are sorted as LONGEST_FIRST says (the same order in
    every worker, as pytest-xdist requires)."""
    for item in items:
        names = getattr(item, "fixturenames", ())
        module = item.nodeid.partition("::")[0]
        if "published_site" in names or any((module, name) in COSTLY_FIXTURES for name in names):
            item.add_marker(pytest.mark.slow)
    items.sort(key=lambda item: work_rank(item.nodeid))  # stable: the rest keep their order


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Load scheduling by test, except that each SHARED_LOADS group goes whole to one worker,
    in the collection's order (LONGEST_FIRST).

    Written here because xdist's own ``--dist loadgroup`` marks a test by editing its
    node id, which pytest 9 no longer allows (the mark is silently ignored); and xdist's
    scope scheduler would otherwise hand out the groups with the most tests first."""
    from xdist.scheduler import LoadScopeScheduling

    class ByTestExceptSharedLoads(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    config.option.loadscopereorder = False
    return ByTestExceptSharedLoads(config, log)


# --- the site-quality summary (tests/quality_summary.py), across pytest-xdist workers --


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # a pytest-xdist worker: hand its counts to the controller
        workeroutput["quality_summary"] = dict(quality_summary.COUNTS)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist's controller, as each worker finishes: add up the counts."""
    quality_summary.merge(getattr(node, "workeroutput", {}).get("quality_summary", {}))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if quality_summary.COUNTS:
        terminalreporter.section("site quality summary")
        for line in quality_summary.lines():
            terminalreporter.write_line(line)
