"""Lesson plans (issue 33, part 4): three paths on the instructors' page, from
includes/lesson_plans.yml; every link followed, every fault named by file and line."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from nn_site.publish import lesson_plans

from conftest import ROOT

PLANS = yaml.safe_load((ROOT / lesson_plans.PLANS_FILE).read_text(encoding="utf-8"))
TITLES = lesson_plans.nav_titles(yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["nav"])


def plans_section(site: Path) -> str:
    text = (site / "instructors" / "index.html").read_text(encoding="utf-8")
    return re.search(r'<h2 id="lesson-plans">(.*?)<h2 ', text, re.DOTALL)[1]


def test_three_plans_with_their_steps_and_totals(site):
    section = plans_section(site)
    assert [p["id"] for p in PLANS] == ["explainer", "lecture", "module"]
    for plan, part in zip(PLANS, re.split(r'<h3 id="plan-[a-z-]+"', section)[1:]):
        assert part.startswith(">" + plan["title"]), plan["id"]
        assert "Prerequisites" in part
        rows = re.findall(r"<tr>\s*<td\b", part)
        assert len(rows) == len(plan["steps"]), plan["id"]
        total = sum(step["minutes"] for step in plan["steps"] if not step.get("homework"))
        said = re.search(r"Total: (\d+) (minutes|hours)", part)
        assert int(said[1]) * (60 if said[2] == "hours" else 1) == total, plan["id"]
        homework = [step["minutes"] for step in plan["steps"] if step.get("homework")]
        assert all(m > 0 for m in homework), f"{plan['id']}: homework without an estimated time"
        assert re.findall(r"<td[^>]*>homework, about (\d+) min</td>", part) == [str(m) for m in homework]
        said = re.search(r"and about (\d+) minutes of homework", part)
        assert (int(said[1]) if said else 0) == sum(homework), plan["id"]
    assert sum(s["minutes"] for s in PLANS[0]["steps"]) == 15
    assert sum(s["minutes"] for s in PLANS[1]["steps"] if not s.get("homework")) == 90
    assert any(s.get("homework") for s in PLANS[1]["steps"])
    assert lesson_plans.duration(150) == "2 hours 30 minutes" and lesson_plans.duration(90) == "90 minutes"
    assert {s["when"] for s in PLANS[2]["steps"]} == {"Week 1", "Week 2", "Week 3", "Week 4"}


def test_every_link_of_the_plans_resolves(site):
    here = site / "instructors" / "index.html"
    links = re.findall(r'<a href="([^"]+)"', plans_section(site))
    kinds = {"deck": 0, "exercises": 0, "notebook": 0, "page": 0}
    for href in links:
        parts = urlsplit(href)
        assert not parts.scheme, href
        target = (here.parent / unquote(parts.path)).resolve()
        if target.is_dir():
            target = target / "index.html"
        assert target.is_file(), href
        if parts.fragment:
            assert f'id="{parts.fragment}"' in target.read_text(encoding="utf-8"), href
        kind = (
            "deck"
            if href.endswith(".pptx")
            else "exercises"
            if parts.fragment == "exercises"
            else "notebook"
            if "notebooks/" in href
            else "page"
        )
        kinds[kind] += 1
    listed = [m for p in PLANS for s in p["steps"] for m in s["materials"]]
    assert len(links) >= len(listed)  # a prerequisite may link a page too
    for kind, count in kinds.items():
        assert count >= sum(kind in m for m in listed), kind


def _project(tmp_path: Path, plans: str) -> Path:
    (tmp_path / "includes").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# A\n\n## Exercises\n\n1. Why?\n")
    (tmp_path / "docs" / "b.md").write_text("# B\n")
    (tmp_path / "includes" / "lesson_plans.yml").write_text(plans)
    return tmp_path


GOOD_STEP = "    - minutes: 5\n      activity: x\n      materials:\n"
HEAD = "- id: p\n  title: P\n  summary: s\n  prerequisites: [none]\n  steps:\n"


@pytest.mark.parametrize(
    "material, line, message",
    [
        ("        - deck: a.md\n", None, None),
        ("        - page: c.md\n", 9, "'c.md' is not a page of the navigation"),
        ("        - deck: b.md\n", 9, "has no exercises"),
        ("        - slides: a.md\n", 9, "a material is one of"),
        ("        - notebook: a.md\n", 9, "a notebook is named with 'notebook:'"),
    ],
)
def test_a_wrong_plan_is_named_by_file_and_line(tmp_path, material, line, message):
    root = _project(tmp_path, HEAD + GOOD_STEP + material)
    titles = {"a.md": "A", "b.md": "B"}
    if message is None:
        plans = lesson_plans.load(root, root / "docs", titles)
        dests = {"a.md": "a/index.html"}
        text = lesson_plans.markdown(plans, "instructors/index.html", dests, titles, lambda s, d: "a/a-slides.pptx")
        assert '<a href="../a/a-slides.pptx" download>Slides: A (.pptx)</a>' in text
        return
    where = rf"includes/lesson_plans.yml:{line}: plan 'p', step 1: .*{re.escape(message)}"
    with pytest.raises(lesson_plans.LessonPlanError, match=where):
        lesson_plans.load(root, root / "docs", titles)


@pytest.mark.parametrize("minutes", ["five", "0"])
def test_minutes_must_be_whole_and_above_zero(tmp_path, minutes):
    """Homework too has a time: the students' estimate, not 0."""
    step = GOOD_STEP.replace("5", minutes).replace("      activity", "      homework: true\n      activity")
    root = _project(tmp_path, HEAD + step + "        - page: a.md\n")
    with pytest.raises(lesson_plans.LessonPlanError, match=r"lesson_plans.yml:6: plan 'p', step 1: minutes must"):
        lesson_plans.load(root, root / "docs", {"a.md": "A"})


BUILDS_ON = yaml.safe_load((ROOT / lesson_plans.BUILDS_ON_FILE).read_text(encoding="utf-8"))


def in_order(plan: dict) -> list[str]:
    """The pages a plan shows (as a page, deck, notebook or exercises), each at its first appearance."""
    seen: list[str] = []
    for step in plan["steps"]:
        for item in step["materials"]:
            target = next(v for k, v in item.items() if k != "sections")
            if target not in seen:
                seen.append(target)
    return seen


def test_the_modules_weeks_are_balanced(site):
    """The four-week module: each week's time (class and homework, as the data file states
    them) within 25 % of every other's, and the page shows the same sums."""
    module = next(p for p in PLANS if p["id"] == "module")
    weeks: dict[str, int] = {}
    for step in module["steps"]:
        weeks[step["when"]] = weeks.get(step["when"], 0) + step["minutes"]
    assert list(weeks) == ["Week 1", "Week 2", "Week 3", "Week 4"]
    assert max(weeks.values()) <= 1.25 * min(weeks.values()), f"unbalanced weeks: {weeks}"
    assert lesson_plans.week_minutes(module) == weeks
    part = re.split(r'<h3 id="plan-[a-z-]+"', plans_section(site))[3]
    said = re.search(r"Each week, class and homework together\. (.*?)\.</p>", part)
    assert said, "the module's section does not state each week's time"
    assert said[1] == "; ".join(f"{w}: {lesson_plans.duration(m)}" for w, m in weeks.items())


def test_every_plan_puts_a_page_after_the_pages_it_builds_on():
    """From the two data files: in every plan, each page the plan shows comes after the
    pages it builds on (includes/builds_on.yml) that the plan shows too. The module
    alone has several such pairs, so the check is not empty."""
    pairs = 0
    for plan in PLANS:
        order = in_order(plan)
        for page, before in BUILDS_ON.items():
            for needed in before:
                if page in order and needed in order:
                    pairs += plan["id"] == "module"
                    assert order.index(needed) < order.index(page), f"{plan['id']}: {page} before {needed}"
    assert pairs >= 10
    assert all(page in TITLES and all(b in TITLES for b in before) for page, before in BUILDS_ON.items())


@pytest.mark.parametrize("order, message", [
    (("a.md", "b.md"), None),
    (("b.md", "a.md"), r"includes/lesson_plans.yml:9: plan 'p', step 1: b.md builds on a.md "
                       r"\(includes/builds_on.yml:1\), which this plan shows later \(step 2\)"),
])
def test_a_page_before_one_it_builds_on_is_named_by_file_and_line(tmp_path, order, message):
    steps = "".join(GOOD_STEP + f"        - page: {page}\n" for page in order)
    root = _project(tmp_path, HEAD + steps)
    (root / "includes" / "builds_on.yml").write_text("b.md: [a.md]\n")
    titles = {"a.md": "A", "b.md": "B"}
    if message is None:
        assert in_order(lesson_plans.load(root, root / "docs", titles)[0]) == list(order)
    else:
        with pytest.raises(lesson_plans.LessonPlanError, match=message):
            lesson_plans.load(root, root / "docs", titles)


def test_builds_on_names_pages_of_the_navigation(tmp_path):
    root = _project(tmp_path, HEAD + GOOD_STEP + "        - page: a.md\n")
    (root / "includes" / "builds_on.yml").write_text("a.md: [b.md]\nb.md: [c.md]\n")
    with pytest.raises(lesson_plans.LessonPlanError, match=r"includes/builds_on.yml:2: 'c.md' is not a page"):
        lesson_plans.load(root, root / "docs", {"a.md": "A", "b.md": "B"})



def _page_of(href: str) -> str:
    """The page a link of the instructors' page shows: ../mapping/ and
    ../mapping/mapping-slides.pptx are both 'mapping'; ../ is the home page, ''."""
    parts = [p for p in urlsplit(href).path.split("/") if p not in ("", "..", ".")]
    return parts[0].removesuffix("-slides.pptx") if parts else ""


def _table_rows(html: str) -> list[list[list[str]]]:
    """Each table of a built page: per body row, the pages it links."""
    tables = []
    for table in re.findall(r"<table>.*?</table>", html, re.S):
        body = re.search(r"<tbody>(.*?)</tbody>", table, re.S)
        rows = re.findall(r"<tr>(.*?)</tr>", body[1], re.S) if body else []
        tables.append([[_page_of(h) for h in re.findall(r'href="([^"#]*)', row)] for row in rows])
    return tables


def test_no_table_on_the_instructors_page_repeats_another(site):
    """A visual review found the one-lecture sequence twice, as a hand-written table and as
    the 90-minute lecture plan. No table's rows (three or more) appear, in order, in another."""
    tables = [t for t in _table_rows((site / "instructors" / "index.html").read_text(encoding="utf-8")) if len(t) >= 3]
    assert len(tables) >= 5
    for i, a in enumerate(tables):
        for j, b in enumerate(tables):
            if i != j:
                assert not any(b[k : k + len(a)] == a for k in range(len(b) - len(a) + 1)), (a, b)
