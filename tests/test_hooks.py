"""nn_site/hooks.py names its concerns, and `make bench`'s build without the snippet
engine is derived from it (hooks.without), so no concern can be left out of one build
and not the other."""

from __future__ import annotations

import ast
import types

import pytest

from nn_site import build, hooks
from nn_site.pages import courses, reading, typography
from nn_site.publish import course_data
from nn_site.publish import site as publish
from scripts import bench

EVENTS = sorted(name for name in vars(hooks) if name.startswith("on_"))


def called_modules() -> set[str]:
    """The names whose functions hooks.py's events call (``build.on_files(...)`` -> build)."""
    tree = ast.parse(open(hooks.__file__, encoding="utf-8").read())
    events = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("on_")]
    return {
        call.func.value.id
        for event in events
        for call in ast.walk(event)
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name)
    } - {"state"}  # the build's memory (state.begin), not a concern


def test_concerns_name_every_module_an_event_calls():
    assert set(hooks.CONCERNS) == called_modules()
    assert [getattr(hooks, name) for name in hooks.CONCERNS] == [build, courses, reading, typography, publish, course_data]


def test_a_left_out_concern_passes_everything_through():
    bare = hooks.without(*hooks.CONCERNS)
    page = types.SimpleNamespace(file=types.SimpleNamespace(src_uri="a.md"))
    assert bare.on_page_markdown("# Text", page, None, None) == "# Text"
    assert bare.on_page_content("<p>1-2 mV</p>", page, None, None) == "<p>1-2 mV</p>"
    assert bare.on_post_page("<p>20000 - 3</p>", page, None) == "<p>20000 - 3</p>"  # no typography
    assert bare.on_files("files", None) == "files"
    assert hooks.typography is typography  # the site's own hooks are untouched


def test_the_bare_build_of_bench_is_the_site_hooks_without_the_snippet_engine():
    namespace: dict = {}
    exec(bench.BARE_HOOKS, namespace)
    bare_events = sorted(name for name in namespace if name.startswith("on_"))
    assert bare_events == EVENTS
    for name in EVENTS:
        event, site_event = namespace[name], getattr(hooks, name)
        assert getattr(event, "mkdocs_priority", 0) == getattr(site_event, "mkdocs_priority", 0), name
        left_out = event.__globals__
        assert not isinstance(left_out["build"], types.ModuleType), name  # the snippet engine is out
        assert not isinstance(left_out["course_data"], types.ModuleType), name  # made from its state
        for concern in ("courses", "reading", "typography", "publish"):
            assert left_out[concern] is getattr(hooks, concern), (name, concern)


def test_a_concern_cannot_run_without_the_one_whose_state_it_reads():
    """The bare build of make bench once ran the course data without the snippet engine,
    and failed on the bibliography the engine loads (None)."""
    with pytest.raises(ValueError, match="course_data needs build"):
        hooks.without("build")
    assert hooks.without("build", "course_data").reading is reading
    for concern, needs in hooks.NEEDS.items():
        assert concern in hooks.CONCERNS and set(needs) <= set(hooks.CONCERNS)


def test_an_unknown_concern_is_refused():
    with pytest.raises(ValueError, match="not concerns of nn_site/hooks.py: snippets"):
        hooks.without("snippets")


def test_bench_reads_the_decks_line_the_build_logs():
    """make bench printed "nan %" for the decks' share once the line gained "(and their dark copies)"."""
    from nn_site.publish import site

    line = site.decks_log_line(35, 236, 5.84)
    assert bench.DECKS_LOG.search("INFO    -  " + line)[1] == "5.8"


def test_bench_sums_the_snippets_of_a_page_budget_once_each():
    """make bench's line for the representations pages: a snippet on two of the pages counts once,
    one on another page not at all (what the engine keeps is only a worker's running total)."""
    runs = {"a/x.py": 1.5, "b/y.py": 2.0, "c/z.py": 7.0}
    where = {"a/x.py": ["one.md:3", "two.md:9"], "b/y.py": ["two.md:20"], "c/z.py": ["three.md:1"]}
    assert bench.pages_cpu(runs, where, ("one.md", "two.md")) == (2, 3.5)
    pages, budget = bench.PAGE_BUDGETS["representations (issue 32)"]
    assert budget == 30.0 and "biology-back.md" in pages and len(pages) == 4
