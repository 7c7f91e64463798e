"""The question bank: every exercise of the site in the formats learning platforms import.

Each page's ``## Exercises`` (a numbered list, each item's worked solution in a
``??? success "Solution"`` block) and each notebook's exercises (``**N.**`` and a
``<details>`` solution) become one question, written at build time to

* ``data/question-bank.xml``: Moodle XML (Question bank > Import > "Moodle XML format");
* ``data/question-bank.gift.txt``: GIFT (Import > "GIFT format"), HTML texts;
* ``data/question-bank.csv``: one row per question, the page's Markdown ($math$), for anything else.

A question is an **essay** (the worked solution as the grader's information and as
feedback) unless ``includes/question-bank.yml`` says otherwise for its exercise:
``numerical`` (the answer is one number) or ``multichoice`` (the exercise is a choice).
A numerical entry names the number by the pattern of ``tests/test_exercise_answers.py``
that finds it *as written in the solution*, so the bank's answer is the page's answer,
and the function of the page's own snippet that computes it (``computed_by``), so the
computation is in one place, which the page shows: the build only checks that the
function exists (it does not run snippets for the bank), ANSWERS calls it for the same
pattern to check the page, ``tests/test_question_bank.py`` checks page = bank = function,
and ``INDEPENDENT`` in tests/test_exercise_answers.py checks the function against a
closed form or a second method::

    - page: integrate-and-fire.md         # docs-relative page or notebook
      exercise: 1
      type: numerical
      answer: 'so \\$f = (\\S+)\\$ Hz'    # one group: the number as the solution writes it
      computed_by: 'snippets/integrate_and_fire/lif.py:rate_closed_form(2.5)'  # literal arguments
      tolerance: 0.01                     # relative; Moodle gets it as an absolute error
      unit: Hz
      ask: Give the rate in Hz.           # appended to the question: what number to enter
      preamble: With E_L = -70 mV, ...    # optional, put before the question: what its page
                                          # states nearby (the page's own text stays as it is)

    - page: terminology.md
      exercise: 1
      type: multichoice
      choices: [neural, neuronal]         # the first is the right one
      ask: Which word fills gap (a)?

A question that refers to what only its page shows (a figure, a table, code, the
playground, "this page": the patterns of ``NEEDS_PAGE``) is put in its page's
sub-category "needs the page" and opens with a line naming and linking the page, so a
quiz that shows it alone still says where to look.

Texts are the page's Markdown with the build's substitutions: register numbers
(``[[q:key]]``), verdicts, citations as "(Author Year, ch. 3)", links to the published
page (or their text, without a public URL); in the HTML of Moodle XML and GIFT, math
as ``\\(...\\)`` / ``\\[...\\]`` (the delimiters of Moodle's MathJax filter). Every fault is a BankError naming the file
and line: a page's and its exercise, or includes/question-bank.yml's and its entry (read with the
registers' loader and field checks, ``load_spec``).
"""

from __future__ import annotations

import ast
import csv
import html
import io
import json
import math
import posixpath
import re
import textwrap
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import markdown as markdown_lib
import yaml

from nn_site.engine.fence import YamlError, load_yaml
from nn_site.pages import citations, entry_checks, ledger, quantities
from nn_site.publish import cite

SPEC = Path("includes") / "question-bank.yml"
FILES = {"xml": "data/question-bank.xml", "gift": "data/question-bank.gift.txt", "csv": "data/question-bank.csv"}
TYPES = ("essay", "numerical", "multichoice")
# The fields of an entry of includes/question-bank.yml, by type: required, then optional.
SPEC_FIELDS = {
    "numerical": ("page", "exercise", "type", "answer", "computed_by", "tolerance", "ask"),
    "multichoice": ("page", "exercise", "type", "choices", "ask"),
}
SPEC_OPTIONAL = {"numerical": ("unit", "preamble"), "multichoice": ("preamble",)}
CSV_FIELDS = (
    "id",
    "page",
    "exercise",
    "type",
    "category",
    "question",
    "answer",
    "tolerance",
    "unit",
    "choices",
    "solution",
    "url",
)
SECTION = re.compile(r"^## Exercises[ \t]*\n(?P<body>.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
ITEM = re.compile(r"^(?P<n>\d+)\. ", re.MULTILINE)
SOLUTION = re.compile(r'^[ \t]*\?\?\? success "Solution"[ \t]*$', re.MULTILINE)
NOTEBOOK_ITEM = re.compile(r"^\*\*(?P<n>\d+)\.\*\*[ \t]*", re.MULTILINE)
NOTEBOOK_SOLUTION = re.compile(r"<details><summary>Solution</summary>(?P<body>.*?)</details>", re.DOTALL)
TITLE = re.compile(r"^# (?P<title>.+)$", re.MULTILINE)
# Inline math may wrap onto the next line of its paragraph, not past a blank line.
MATH = re.compile(r"\$\$(?P<display>.+?)\$\$|(?<![\\$])\$(?P<inline>(?:[^$\n]|\n(?![ \t]*\n))+?)\$", re.DOTALL)
LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]+)\]\((?P<target>[^)\s]+)\)")
COMPUTED_BY = re.compile(r"^(?P<path>snippets/[\w./-]+\.py):(?P<call>[A-Za-z_]\w*\(.*\))$", re.DOTALL)
GIFT_SPECIAL = re.compile(r"([~=#{}:])")
SEVERAL = re.compile(r",\s+and\s+(?:by\s+)?(?:how|what|why|which)\b")
NEEDS_PAGE_CATEGORY = "needs the page"
# What a question may lean on that only its page shows, and the word the question's first
# line uses for it. A question matching one of them cannot be answered from the bank
# alone (a quiz shows it without its page), so it goes to its page's "needs the page"
# category and opens with a link to the page. Phrases are specific on purpose: "above",
# "below" or "cell" are ordinary words in self-contained questions ("below threshold",
# "an LSTM cell"); tests/test_question_bank.py pins both sides.
NEEDS_PAGE = (
    (re.compile(r"\bfig(?:ure|\.)s?\b", re.IGNORECASE), "figure"),
    (re.compile(r"\btables?\b", re.IGNORECASE), "table"),
    (re.compile(r"\bsnippets?\b|`[\w/.-]+\.py`|\bscript\b", re.IGNORECASE), "code"),
    (re.compile(r"\bplayground\b|\bsliders?\b", re.IGNORECASE), "playground"),
    (
        re.compile(
            r"\bpage\b|\bthe [\w–-]+ example\b|\b(?:tonic|adapting|bursting) (?:parameter )?set\b"
            r"|\bMorris–Lecar set\b|\btype II sweep\b|\bsection \d|\bnew cell\b|\bthis neuron\b|\bthe test\b",
            re.IGNORECASE,
        ),
        "text",
    ),
)


class BankError(Exception):
    """An exercise or an entry of includes/question-bank.yml is wrong; the message says where."""


class Computation(NamedTuple):
    """What computes a numerical answer: a function of a page's snippet and its arguments."""

    path: str  # "snippets/decisions/decision_ddm.py", relative to the project's root
    function: str
    args: tuple
    kwargs: dict


def computation(text: object, at: str, root: Path, folder: str = "snippets/") -> Computation:
    """A ``computed_by``, "snippets/<page>/<file>.py:function(literal, ...)", checked without
    running the snippet: the file is in ``folder`` (the page's own snippets, which the page
    shows, so its reader sees the code that gives the answer), exists and defines the
    function at its top level, and the arguments are literals (numbers, texts, lists)."""
    match = COMPUTED_BY.match(text) if isinstance(text, str) else None
    if not match:
        raise BankError(f"{at}: computed_by must be 'snippets/<page>/<file>.py:function(arguments)', not {text!r}")
    if not match["path"].startswith(folder):
        raise BankError(f"{at}: computed_by {text!r} is not a snippet of its page ({folder})")
    try:
        call = ast.parse(match["call"], mode="eval").body
    except SyntaxError as exc:
        raise BankError(f"{at}: computed_by {text!r} is not a function call: {exc.msg}") from None
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
        raise BankError(f"{at}: computed_by {text!r} is not a call of a function by its name")
    values = []
    for node in [*call.args, *(k.value for k in call.keywords)]:
        try:
            values.append(ast.literal_eval(node))
        except ValueError:
            raise BankError(
                f"{at}: computed_by {text!r}: {ast.unparse(node)} is not a literal (a number, text or list)"
            ) from None
    if any(k.arg is None for k in call.keywords):
        raise BankError(f"{at}: computed_by {text!r}: name each keyword argument")
    args, kwargs = tuple(values[: len(call.args)]), {k.arg: v for k, v in zip(call.keywords, values[len(call.args) :])}
    path = root / match["path"]
    if not path.is_file():
        raise BankError(f"{at}: computed_by {text!r}: there is no {match['path']}")
    defined = {
        node.name for node in ast.parse(path.read_text(encoding="utf-8")).body if isinstance(node, ast.FunctionDef)
    }
    if call.func.id not in defined:
        raise BankError(f"{at}: computed_by {text!r}: {match['path']} defines no function {call.func.id}")
    return Computation(match["path"], call.func.id, args, kwargs)


@dataclass
class Question:
    id: str  # "integrate-and-fire-1": the page's slug and the exercise's number, stable
    page: str  # docs-relative source, "integrate-and-fire.md" or "notebooks/x.ipynb"
    title: str  # the page's title
    exercise: int
    question: str  # Markdown (math in \( \)), ready for a platform
    solution: str
    source_solution: str  # the solution as the page's Markdown writes it, register numbers printed
    url: str | None  # the published page, when the build has a public URL
    path: str  # the page's URL relative to the site's root, "integrate-and-fire/"
    type: str = "essay"
    answer: float | None = None
    answer_text: str = ""  # the number exactly as the solution writes it
    computed_by: str = ""  # the snippet function that computes it (includes/question-bank.yml)
    tolerance: float | None = None  # absolute, as Moodle wants it
    unit: str = ""
    choices: list[str] = field(default_factory=list)  # multichoice: the right one first
    needs_page: list[str] = field(default_factory=list)  # what of its page it uses: "figure", "code"...
    question_html: str = ""  # filled in by render(): what Moodle XML and GIFT carry
    solution_html: str = ""

    @property
    def name(self) -> str:
        return f"{self.title}, exercise {self.exercise}"

    @property
    def category(self) -> str:
        """The category under the course: the page's title, and for a question that needs
        its page, a sub-category of it."""
        return f"{self.title}/{NEEDS_PAGE_CATEGORY}" if self.needs_page else self.title


def needs_page(question: str) -> list[str]:
    """What of its page a question's Markdown refers to (``NEEDS_PAGE``), in that order."""
    return [word for pattern, word in NEEDS_PAGE if pattern.search(question)]


def open_the_page(question: Question) -> str:
    """The first line of a question that needs its page: where the page is, and why."""
    where = f"<{question.url}>" if question.url else f"{question.path} on the course site"
    uses = " and ".join(w for w in question.needs_page if w != "text")
    why = f"this question uses its {uses}" if uses else "this question refers to it"
    return f"Open *{question.title}* ({where}) first: {why}."


# --- reading the exercises -----------------------------------------------------------


def items(body: str, start: re.Pattern) -> list[tuple[re.Match, str]]:
    """Each numbered item of an exercises section: its number's match, and its text up to
    the next item's number (or the section's end)."""
    starts = list(start.finditer(body))
    ends = [b.start() for b in starts[1:]] + [len(body)] * bool(starts)  # none without items
    return [(a, body[a.end() : end]) for a, end in zip(starts, ends, strict=True)]


def page_exercises(text: str, where: str) -> list[tuple[int, str, str]]:
    """(number, question, solution) of a page's ``## Exercises`` list, in Markdown."""
    section = SECTION.search(text)
    if not section:
        return []
    found = []
    for a, item in items(section["body"], ITEM):
        parts = SOLUTION.split(item, maxsplit=1)
        n = int(a["n"])
        if len(parts) != 2:
            line = text.count("\n", 0, section.start("body") + a.start()) + 1
            raise BankError(f"{where}:{line}: exercise {n} has no '??? success \"Solution\"' block")
        first, _, rest = parts[0].partition("\n")
        question = (first + "\n" + textwrap.dedent(rest)).strip()
        found.append((n, question, textwrap.dedent(parts[1]).strip()))
    return found


def notebook_exercises(source: str, where: str) -> list[tuple[int, str, str]]:
    """(number, question, solution) of a notebook's ``## Exercises`` cells (``**N.**``
    questions, each followed by a ``<details><summary>Solution</summary>`` block)."""
    data = json.loads(source)
    text = "\n\n".join("".join(c["source"]) for c in data.get("cells", []) if c.get("cell_type") == "markdown")
    section = SECTION.search(text)
    if not section:
        return []
    found = []
    for a, item in items(section["body"], NOTEBOOK_ITEM):
        solution = NOTEBOOK_SOLUTION.search(item)
        if not solution:
            raise BankError(f"{where}: exercise {a['n']} has no <details><summary>Solution</summary> block")
        found.append((int(a["n"]), item[: solution.start()].strip(), solution["body"].strip()))
    return found


# --- texts as a platform shows them ------------------------------------------------------


def site_path(page: str, use_directory_urls: bool) -> str:
    """A docs-relative page's URL relative to the site's root: "x/" (the citation's, from
    cite.page_path) or "x.html" ("" for the home page)."""
    if use_directory_urls:
        return cite.page_path(page)
    stem = page.rsplit(".", 1)[0]
    return "" if stem == "index" else f"{stem}.html"


def page_url(root: str | None, page: str, use_directory_urls: bool) -> str | None:
    if not root:
        return None
    return root + site_path(page, use_directory_urls)


class Texts:
    """Turns a page's Markdown into a platform's: the build's substitutions, no site markup."""

    def __init__(self, bibliography, register: dict, rows: list[dict], root: str | None, directory_urls: bool):
        self.bibliography = bibliography
        self.register = register
        self.verdicts = {row["id"]: row["verdict"] for row in rows}
        self.root = root
        self.directory_urls = directory_urls

    def source(self, text: str, page: str) -> str:
        """The page's Markdown with register numbers printed, as readers (and the exercise
        answer tests) see them."""
        return quantities.expand(text, page, self.register).replace("\u00a0", " ")

    def markdown(self, text: str, page: str) -> str:
        text = self.source(text, page)
        text = ledger.INLINE.sub(lambda m: f"**{self.verdicts[m['id']]}**", text)
        text = citations.CITATION.sub(self._citation, text)
        return LINK.sub(lambda m: self._link(m, page), text)

    def _citation(self, match: re.Match) -> str:
        parts = []
        for prefix, key, locator in citations.parse_citation(match["body"]):
            label = html.unescape(self.bibliography.label(key))
            parts.append(" ".join(p for p in (prefix, label + (f", {locator}" if locator else "")) if p))
        return f"({'; '.join(parts)})"

    def _link(self, match: re.Match, page: str) -> str:
        target = match["target"]
        if re.match(r"^[a-z]+:", target):
            return match.group(0)
        path, _, anchor = target.partition("#")
        url = page_url(
            self.root, posixpath.normpath(posixpath.join(posixpath.dirname(page), path)), self.directory_urls
        )
        if url is None or not path.endswith((".md", ".ipynb")):
            return match["text"]
        return f"[{match['text']}]({url}{'#' + anchor if anchor else ''})"


def to_html(text: str, converter: markdown_lib.Markdown | None = None) -> str:
    """Markdown -> HTML, math as ``\\(...\\)`` and ``\\[...\\]`` (the delimiters of Moodle's
    MathJax filter), left exactly as written (Markdown would read a ``_`` inside it as
    emphasis, and a ``\\(`` as an escaped parenthesis)."""
    kept: list[str] = []

    def keep(match: re.Match) -> str:
        kept.append(rf"\[{match['display']}\]" if match["display"] is not None else rf"\({match['inline']}\)")
        return f"\x00{len(kept) - 1}\x00"

    protected = MATH.sub(keep, text)
    converter = converter or markdown_lib.Markdown(extensions=["tables"])
    rendered = converter.reset().convert(protected)
    return re.sub("\x00(\\d+)\x00", lambda m: html.escape(kept[int(m.group(1))], quote=False), rendered)


# --- the bank ----------------------------------------------------------------------------


def number(text: str) -> float:
    """A number as a reader writes it: '1,926', '0.90', '−0.5'."""
    return float(text.replace(",", "").replace("\u2212", "-").strip())


@dataclass
class SpecEntry:
    """An entry of includes/question-bank.yml, where it is, for messages that name its line."""

    fields: dict
    number: int  # 1-based, in the file's order
    line: int  # the entry's first line
    field_lines: dict[str, int]  # each field's line

    @property
    def key(self) -> tuple[object, object]:
        return self.fields.get("page"), self.fields.get("exercise")

    def at(self, field: str | None = None) -> str:
        """Where a message starts: file, line (the field's, when there is one), entry."""
        line = self.field_lines.get(field, self.line) if field else self.line
        page, exercise = self.key
        return f"{SPEC.as_posix()}:{line}: entry {self.number} ({page}, exercise {exercise})"


def load_spec(root: Path) -> list[SpecEntry]:
    """The entries of includes/question-bank.yml with their lines, each checked for its
    type's fields (the checks that need the exercise are ``collect``'s). Read like the
    registers (nn_site/engine/fence.py's load_yaml refuses a repeated field, which YAML
    would keep silently; entry_checks checks the fields) so every message names the line."""
    path = root / SPEC
    where = SPEC.as_posix()
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    try:
        data = load_yaml(text) if text.strip() else []
    except YamlError as exc:
        raise BankError(f"{where}{f':{exc.line}' if exc.line else ''}: not valid YAML: {exc}") from None
    entry_checks.entry_list(data, where, BankError, "entries", "page")
    document = yaml.compose(text, Loader=yaml.SafeLoader)
    entries = []
    for n, (fields, node) in enumerate(zip(data, document.value, strict=True), 1):
        line = node.start_mark.line + 1
        if not isinstance(fields, dict):
            raise BankError(f"{where}:{line}: entry {n} is not a mapping of {', '.join(SPEC_FIELDS['numerical'])}")
        field_lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
        entry = SpecEntry(fields, n, line, field_lines)
        kind = fields.get("type")
        if kind not in SPEC_FIELDS:
            raise BankError(f"{entry.at('type')}: type must be one of {', '.join(SPEC_FIELDS)}, not {kind!r}")
        entry_checks.check_fields(
            fields,
            entry.at(),
            BankError,
            SPEC_FIELDS[kind],
            {*SPEC_FIELDS[kind], *SPEC_OPTIONAL[kind]},
            unknown_note=f" (a {kind} entry has {', '.join([*SPEC_FIELDS[kind], *SPEC_OPTIONAL[kind]])})",
        )
        entries.append(entry)
    return entries


def snippets_named(root: Path) -> list[Path]:
    """The snippet files the spec's ``computed_by`` entries name (what the bank reads
    besides the pages and includes/, for its cache key)."""
    path = root / SPEC
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    return sorted({root / name for name in re.findall(r"\bsnippets/[\w./-]+\.py\b", text)})


def asks_several(question: str) -> bool:
    """Whether a question asks more than one thing: two question marks, a part "(b)", or
    one question of the form "how many ..., and how long ...?"."""
    return question.count("?") > 1 or "(b)" in question or bool(SEVERAL.search(question))


def _apply(question: Question, spec: SpecEntry, root: Path) -> None:
    entry, at = spec.fields, spec.at
    kind = entry["type"]
    ask = entry["ask"]
    if not isinstance(ask, str) or not ask.strip():
        raise BankError(f"{at('ask')}: 'ask' (what the student enters) must be a text")
    preamble = entry.get("preamble", "")
    if not isinstance(preamble, str):
        raise BankError(
            f"{at('preamble')}: 'preamble' (what the question needs that its page states nearby) must be a text"
        )
    if kind == "numerical" and asks_several(question.question) and "graded" not in ask:
        raise BankError(
            f"{at('ask')}: the question asks several things but is graded on one number;"
            " say which in 'ask' (\"Only part (a) is graded here: ...\")"
        )
    question.type = kind
    question.question = "\n\n".join(p for p in (preamble.strip(), question.question, ask.strip()) if p)
    if kind == "numerical":
        pattern, tolerance = entry["answer"], entry["tolerance"]
        if not isinstance(tolerance, int | float) or not 0 < tolerance < 1:
            raise BankError(f"{at('tolerance')}: tolerance must be a relative error between 0 and 1, not {tolerance!r}")
        try:
            match = re.search(pattern, " ".join(question.source_solution.split()))
        except (re.error, TypeError) as exc:
            raise BankError(f"{at('answer')}: answer is not a regular expression with one group: {exc}") from None
        if not match or match.re.groups != 1:
            raise BankError(f"{at('answer')}: the answer pattern {pattern!r} is not in the solution of {question.name}")
        question.answer_text = match.group(1)
        try:
            question.answer = number(question.answer_text)
        except ValueError:
            raise BankError(
                f"{at('answer')}: the answer pattern found {question.answer_text!r}, not a number"
            ) from None
        question.tolerance = float(f"{abs(question.answer) * tolerance:.2g}")
        own = f"snippets/{question.page.rsplit('.', 1)[0].replace('-', '_')}/"
        computation(entry["computed_by"], at("computed_by"), root, own)
        question.computed_by = entry["computed_by"]
        question.unit = str(entry.get("unit", ""))
    else:
        choices = entry["choices"]
        if not isinstance(choices, list) or len(choices) < 2 or not all(isinstance(c, str) and c for c in choices):
            raise BankError(f"{at('choices')}: choices must be a list of at least two texts, the right one first")
        question.choices = [str(c) for c in choices]


def collect(docs_dir: Path, root: Path, texts: Texts, pages: list[str]) -> list[Question]:
    """Every exercise of ``pages`` (docs-relative, in navigation order), with the types of
    includes/question-bank.yml applied."""
    questions: dict[tuple[str, int], Question] = {}
    for page in pages:
        source = (docs_dir / page).read_text(encoding="utf-8")
        where = f"docs/{page}"
        if page.endswith(".ipynb"):
            found = notebook_exercises(source, where)
            title = page.rsplit("/", 1)[-1].removesuffix(".ipynb").replace("-", " ").capitalize()
            for cell in json.loads(source).get("cells", []):
                heading = TITLE.search("".join(cell["source"])) if cell.get("cell_type") == "markdown" else None
                if heading:
                    title = heading["title"].strip()
                    break
        else:
            found = page_exercises(source, where)
            heading = TITLE.search(source)
            title = heading["title"].strip() if heading else page
        slug = page.rsplit(".", 1)[0].replace("/", "-")
        for n, question, solution in found:
            questions[(page, n)] = Question(
                id=f"{slug}-{n}",
                page=page,
                title=texts.markdown(title, page),
                exercise=n,
                question=texts.markdown(question, page),
                solution=texts.markdown(solution, page),
                source_solution=texts.source(solution, page),
                url=page_url(texts.root, page, texts.directory_urls),
                path=site_path(page, texts.directory_urls),
                needs_page=needs_page(question),
            )
    for spec in load_spec(root):
        if spec.key not in questions:
            raise BankError(f"{spec.at()}: no such exercise")
        if questions[spec.key].type != "essay":
            raise BankError(f"{spec.at()}: the exercise has an entry already")
        _apply(questions[spec.key], spec, root)
    for q in questions.values():
        if q.needs_page:
            q.question = open_the_page(q) + "\n\n" + q.question
    # A page's self-contained questions first, then those that need it: one category each.
    order = {page: i for i, page in enumerate(pages)}
    return sorted(questions.values(), key=lambda q: (order[q.page], bool(q.needs_page)))


# --- the formats -------------------------------------------------------------------------


def _text(parent: ET.Element, tag: str, content: str, fmt: str = "html") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt})
    ET.SubElement(element, "text").text = content
    return element


def _sub(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def category_path(course: str, title: str, needs_page: bool | list[str] = False) -> str:
    """Moodle's category path: "/" separates levels, so a "/" in a name is written "//".
    A question that needs its page is in the page's sub-category "needs the page"."""
    levels = ["$course$", "top", course.replace("/", "//"), title.replace("/", "//")]
    return "/".join(levels + ([NEEDS_PAGE_CATEGORY] if needs_page else []))


def moodle_xml(questions: list[Question], course: str) -> str:
    """The questions in Moodle XML, one category per page ($course$/top/<course>/<page>)."""
    quiz = ET.Element("quiz")
    category = None
    for q in questions:
        if q.category != category:
            category = q.category
            cat = ET.SubElement(quiz, "question", {"type": "category"})
            ET.SubElement(ET.SubElement(cat, "category"), "text").text = category_path(course, q.title, q.needs_page)
        element = ET.SubElement(quiz, "question", {"type": q.type})
        ET.SubElement(ET.SubElement(element, "name"), "text").text = q.name
        _text(element, "questiontext", q.question_html)
        _text(element, "generalfeedback", q.solution_html)
        _sub(element, "defaultgrade", "1")
        _sub(element, "penalty", "0" if q.type == "essay" else "0.3333333")
        _sub(element, "hidden", "0")
        _sub(element, "idnumber", q.id)
        if q.type == "essay":
            _sub(element, "responseformat", "editor")
            _sub(element, "responserequired", "1")
            _sub(element, "responsefieldlines", "15")
            _sub(element, "attachments", "0")
            _sub(element, "attachmentsrequired", "0")
            _text(element, "graderinfo", q.solution_html)
            _text(element, "responsetemplate", "")
        elif q.type == "numerical":
            answer = ET.SubElement(element, "answer", {"fraction": "100", "format": "moodle_auto_format"})
            _sub(answer, "text", f"{q.answer:g}")
            _sub(answer, "tolerance", f"{q.tolerance:g}")
            _text(answer, "feedback", "")
            if q.unit:
                unit = ET.SubElement(ET.SubElement(element, "units"), "unit")
                _sub(unit, "multiplier", "1")
                _sub(unit, "unit_name", q.unit)
                _sub(element, "unitgradingtype", "0")  # the unit is shown, not graded
                _sub(element, "showunits", "3")  # "units are not used" for input: a bare number
                _sub(element, "unitsleft", "0")
        else:
            _sub(element, "single", "true")
            _sub(element, "shuffleanswers", "true")
            _sub(element, "answernumbering", "abc")
            for i, choice in enumerate(q.choices):
                answer = ET.SubElement(element, "answer", {"fraction": "100" if i == 0 else "0", "format": "html"})
                _sub(answer, "text", html.escape(choice))
                _text(answer, "feedback", "")
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


def gift_escape(text: str) -> str:
    r"""GIFT's escapes: a backslash is written \\ and each of ~ = # { } : is preceded by
    one; a line break (GIFT ends a question at a blank line) is written \n."""
    text = GIFT_SPECIAL.sub(r"\\\1", text.replace("\\", "\\\\"))
    return text.replace("\r\n", "\n").replace("\n", r"\n")


def gift(questions: list[Question], course: str) -> str:
    """The questions in GIFT: a $CATEGORY per page, texts in [html] (GIFT's [markdown]
    would read TeX's backslashes as Markdown escapes)."""
    out = [f"// {course}: every exercise of the site, generated from its pages.", ""]
    category = None
    for q in questions:
        if q.category != category:
            category = q.category
            out += [f"$CATEGORY: {category_path(course, q.title, q.needs_page)}", ""]
        feedback = "####[html]" + gift_escape(q.solution_html)
        if q.type == "numerical":
            answer = f"#{q.answer:g}:{q.tolerance:g}"
        elif q.type == "multichoice":
            answer = " ".join(("=" if i == 0 else "~") + gift_escape(c) for i, c in enumerate(q.choices))
        else:
            answer = ""
        out += [
            f"// {q.id}",
            f"::{gift_escape(q.name)}::[html]{gift_escape(q.question_html)}{{{answer}{feedback}}}",
            "",
        ]
    return "\n".join(out)


def csv_text(questions: list[Question]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for q in questions:
        writer.writerow(
            {
                "id": q.id,
                "page": q.page,
                "exercise": q.exercise,
                "type": q.type,
                "category": q.category,
                "question": q.question,
                "answer": q.answer_text if q.type == "numerical" else (q.choices[0] if q.choices else ""),
                "tolerance": "" if q.tolerance is None else f"{q.tolerance:g}",
                "unit": q.unit,
                "choices": " | ".join(q.choices),
                "solution": q.solution,
                "url": q.url or "",
            }
        )
    return buffer.getvalue()


def render(questions: list[Question], course: str) -> dict[str, str]:
    """Site path -> content of each format."""
    converter = markdown_lib.Markdown(extensions=["tables"])
    for q in questions:
        q.question_html, q.solution_html = to_html(q.question, converter), to_html(q.solution, converter)
        if q.type == "numerical" and not (q.answer is not None and math.isfinite(q.answer)):
            raise BankError(f"docs/{q.page}: {q.name}: no finite answer")
    return {
        FILES["xml"]: moodle_xml(questions, course),
        FILES["gift"]: gift(questions, course),
        FILES["csv"]: csv_text(questions),
    }
