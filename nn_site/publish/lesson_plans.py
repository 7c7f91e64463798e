"""Lesson plans: paths through the site, from one data file, on the instructors' page.

``includes/lesson_plans.yml`` (its header documents the fields) lists each plan's steps in
order, each with a time, an activity and its materials: pages, slide decks
(``nn_site/publish/slides/``), notebooks and exercises. The instructors' page's marker
``<!-- lesson-plans -->`` becomes one section per plan (:func:`markdown`): a heading, the
prerequisites, a table of the steps and the total time. Pages, notebooks and exercises are
Markdown links, which a strict build checks; a deck is a download link.

Every fault (unknown field or material, a page not in the navigation, a deck of a page
without exercises, a time that is not a whole number of minutes, a page before one it
builds on) is a LessonPlanError naming the file and line.

``includes/builds_on.yml`` says which pages a page builds on; a plan that includes both
must put the page after them (:func:`check_order`). A plan in weeks (steps with ``when``)
shows each week's time, class and homework (:func:`week_minutes`).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import yaml

from nn_site.engine.fence import YamlError, load_yaml
from nn_site.pages import entry_checks

PLANS_FILE = Path("includes") / "lesson_plans.yml"
BUILDS_ON_FILE = Path("includes") / "builds_on.yml"
MARKER = "<!-- lesson-plans -->"
PLAN_FIELDS = ("id", "title", "summary", "prerequisites", "steps")
STEP_FIELDS = ("when", "minutes", "homework", "activity", "materials")
KINDS = ("page", "deck", "notebook", "exercises")
HAS_EXERCISES = re.compile(r"^## Exercises[ \t]*\n\s*1\. ", re.MULTILINE)


class LessonPlanError(ValueError):
    """A lesson plan is wrong; the message names the file and line."""


def nav_titles(nav: list | None) -> dict[str, str]:
    """Each page of the navigation (source path) with its title there."""
    titles: dict[str, str] = {}

    def walk(items: list) -> None:
        for item in items or []:
            if isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, list):
                        walk(value)
                    else:
                        titles[str(value)] = str(title)

    walk(nav or [])
    return titles


def _lines(text: str) -> list:
    """The YAML node tree, for line numbers (the data itself comes from load_yaml)."""
    return yaml.compose(text)


def _line(node) -> int:
    return node.start_mark.line + 1


def _child(node, key: str):
    return next((v for k, v in node.value if k.value == key), node)


def load(root: Path, docs_dir: Path, titles: dict[str, str]) -> list[dict]:
    """The plans of ``<root>/includes/lesson_plans.yml``, checked against the site."""
    path = root / PLANS_FILE
    where = PLANS_FILE.as_posix()
    text = path.read_text(encoding="utf-8")
    try:
        plans = load_yaml(text)
    except YamlError as exc:
        raise LessonPlanError(f"{where}{f':{exc.line}' if exc.line else ''}: not valid YAML: {exc}") from None
    tree = _lines(text)
    if not isinstance(plans, list) or not plans:
        raise LessonPlanError(f"{where}: must be a YAML list of plans (each starting '- id: ...')")
    seen = set()
    for plan, plan_node in zip(plans, tree.value):
        at = f"{where}:{_line(plan_node)}: plan {plan.get('id')!r}" if isinstance(plan, dict) else where
        if not isinstance(plan, dict):
            raise LessonPlanError(f"{where}:{_line(plan_node)}: a plan is a mapping of {', '.join(PLAN_FIELDS)}")
        entry_checks.check_fields(plan, at, LessonPlanError, required=PLAN_FIELDS, allowed=PLAN_FIELDS)
        if not isinstance(plan["id"], str) or not entry_checks.SLUG.match(plan["id"]) or plan["id"] in seen:
            raise LessonPlanError(f"{at}: id must be a new lowercase slug like 'lecture'")
        seen.add(plan["id"])
        if not isinstance(plan["prerequisites"], list) or not isinstance(plan["steps"], list):
            raise LessonPlanError(f"{at}: prerequisites and steps must be lists")
        for n, (step, step_node) in enumerate(zip(plan["steps"], _child(plan_node, "steps").value), 1):
            step_at = f"{where}:{_line(step_node)}: plan {plan['id']!r}, step {n}"
            if not isinstance(step, dict):
                raise LessonPlanError(f"{step_at}: a step is a mapping of {', '.join(STEP_FIELDS)}")
            required = ("minutes", "activity", "materials")
            entry_checks.check_fields(step, step_at, LessonPlanError, required=required, allowed=STEP_FIELDS)
            if not isinstance(step["minutes"], int) or isinstance(step["minutes"], bool) or step["minutes"] < 1:
                raise LessonPlanError(
                    f"{step_at}: minutes must be a whole number above 0 (for homework, the students' estimated time)"
                )
            if not isinstance(step.get("homework", False), bool):
                raise LessonPlanError(f"{step_at}: homework must be true or false")
            for item, item_node in zip(step["materials"], _child(step_node, "materials").value):
                _check_material(item, f"{where}:{_line(item_node)}: plan {plan['id']!r}, step {n}", docs_dir, titles)
    builds_on = load_builds_on(root, titles)
    for plan, plan_node in zip(plans, tree.value):
        check_order(plan, plan_node, builds_on)
    return plans


def load_builds_on(root: Path, titles: dict[str, str]) -> dict[str, tuple[list[str], int]]:
    """``includes/builds_on.yml``: each page, the pages it builds on and the entry's line
    (empty without the file). Every page must be one of the navigation."""
    path = root / BUILDS_ON_FILE
    where = BUILDS_ON_FILE.as_posix()
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8")
    try:
        data = load_yaml(text)
    except YamlError as exc:
        raise LessonPlanError(f"{where}{f':{exc.line}' if exc.line else ''}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise LessonPlanError(f"{where}: must be a mapping, each line 'page.md: [pages it builds on]'")
    found = {}
    for key_node, _ in _lines(text).value:
        page, line = str(key_node.value), _line(key_node)
        before = data[key_node.value]
        if not isinstance(before, list) or not before:
            raise LessonPlanError(f"{where}:{line}: {page}: the pages it builds on must be a list, [a.md, b.md]")
        for name in [page, *before]:
            if str(name) not in titles:
                raise LessonPlanError(f"{where}:{line}: {name!r} is not a page of the navigation")
        found[page] = ([str(b) for b in before], line)
    return found


def _target(item: dict) -> str:
    return str(next(item[k] for k in KINDS if k in item))


def check_order(plan: dict, plan_node, builds_on: dict[str, tuple[list[str], int]]) -> None:
    """A plan puts each page (as a page, deck, notebook or exercises) first after the first
    appearance of every page it builds on that the plan includes (the materials' order:
    steps in order, a step's materials in order)."""
    first: dict[str, int] = {}
    places = []  # (target, its line, step number) of each material, in order
    for n, (step, step_node) in enumerate(zip(plan["steps"], _child(plan_node, "steps").value), 1):
        for item, item_node in zip(step["materials"], _child(step_node, "materials").value):
            first.setdefault(_target(item), len(places))
            places.append((_target(item), _line(item_node), n))
    for target, index in first.items():
        before, line = builds_on.get(target, ([], 0))
        for needed in before:
            if needed in first and first[needed] > index:
                _, at_line, n = places[index]
                raise LessonPlanError(
                    f"{PLANS_FILE.as_posix()}:{at_line}: plan {plan['id']!r}, step {n}: {target} builds on {needed}"
                    f" ({BUILDS_ON_FILE.as_posix()}:{line}), which this plan shows later (step {places[first[needed]][2]})"
                )


def week_minutes(plan: dict) -> dict[str, int]:
    """Each week of a plan in weeks (its steps' ``when``), in order, with its minutes: class
    time and the students' homework estimate, as the plan states them."""
    weeks: dict[str, int] = {}
    for step in plan["steps"]:
        if step.get("when"):
            weeks[step["when"]] = weeks.get(step["when"], 0) + step["minutes"]
    return weeks


def _check_material(item, at: str, docs_dir: Path, titles: dict[str, str]) -> None:
    kinds = [k for k in KINDS if isinstance(item, dict) and k in item]
    if len(kinds) != 1 or set(item) - {kinds[0], "sections"}:
        raise LessonPlanError(f"{at}: a material is one of {', '.join(f'{k}: <page>' for k in KINDS)}")
    kind, target = kinds[0], str(item[kinds[0]])
    if target not in titles or not (docs_dir / target).is_file():
        raise LessonPlanError(f"{at}: {kind} {target!r} is not a page of the navigation")
    if (kind == "notebook") != target.endswith(".ipynb"):
        raise LessonPlanError(f"{at}: {kind} {target!r}: a notebook is named with 'notebook:', a page with the others")
    if kind in ("deck", "exercises") and not HAS_EXERCISES.search((docs_dir / target).read_text(encoding="utf-8")):
        raise LessonPlanError(f"{at}: {kind} {target!r}: that page has no exercises (and so no deck)")


def _material(item: dict, here_dest: str, dests: dict[str, str], titles: dict[str, str], deck_file) -> str:
    kind = next(k for k in KINDS if k in item)
    target = str(item[kind])
    title = titles[target]
    here = target  # a Markdown link, relative to docs/ like the instructors' page
    if kind == "deck":
        deck = posixpath.relpath(deck_file(target, dests[target]), posixpath.dirname(here_dest) or ".")
        return f'<a href="{deck}" download>Slides: {title} (.pptx)</a>'
    if kind == "exercises":
        return f"[Exercises: {title}]({here}#exercises)"
    sections = f" (sections {item['sections']})" if item.get("sections") else ""
    return f"[{title}]({here}){sections}"


def duration(minutes: int) -> str:
    """ "45 minutes", "90 minutes", "2 hours", "12 hours 30 minutes"."""
    if minutes < 120:
        return f"{minutes} minutes"
    return f"{minutes // 60} hours" + (f" {minutes % 60} minutes" if minutes % 60 else "")


def markdown(plans: list[dict], here_dest: str, dests: dict[str, str], titles: dict[str, str], deck_file) -> str:
    """The plans as Markdown: a heading, prerequisites, steps and total per plan.
    ``dests``: each page's output file; ``deck_file(src, dest)``: the site path of its deck."""
    out = []
    for plan in plans:
        total = sum(step["minutes"] for step in plan["steps"] if not step.get("homework"))
        homework = sum(step["minutes"] for step in plan["steps"] if step.get("homework"))
        weeks = any(step.get("when") for step in plan["steps"])
        out.append(f"### {plan['title']} {{#plan-{plan['id']}}}\n\n{' '.join(plan['summary'].split())}\n")
        out.append("**Prerequisites**\n\n" + "\n".join(f"- {p}" for p in plan["prerequisites"]) + "\n")
        head = ("When | " if weeks else "") + "Time | Activity | Materials"
        # div.lesson-table: compact cards on a phone (site.css, "Lesson tables on a phone")
        out.append('<div class="lesson-table" markdown>\n')
        out.append(f"| {head} |\n|{'---|' * (4 if weeks else 3)}")
        for step in plan["steps"]:
            time = f"homework, about {step['minutes']} min" if step.get("homework") else f"{step['minutes']} min"
            materials = ", ".join(_material(m, here_dest, dests, titles, deck_file) for m in step["materials"])
            when = f"{step.get('when', '')} | " if weeks else ""
            out.append(f"| {when}{time} | {step['activity']} | {materials} |")
        out.append("\n</div>")
        extra = f", and about {duration(homework)} of homework" if homework else ""
        out.append(f"\nTotal: {duration(total)} in class{extra}.\n")
        if weeks:
            each = "; ".join(f"{week}: {duration(minutes)}" for week, minutes in week_minutes(plan).items())
            out.append(f"Each week, class and homework together. {each}.\n")
    return "\n".join(out)
