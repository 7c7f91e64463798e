"""The question bank (nn_site/publish/bank.py): every exercise of the site, in Moodle XML,
GIFT and CSV, each parsed back here and checked against what the format requires, and
every numerical answer against the computation that checks the page's answer."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import test_exercise_answers as answers

from nn_site.publish import bank

from conftest import ROOT

DOCS = ROOT / "docs"
QUESTION_TYPES = {"essay", "numerical", "multichoice"}
NOTEBOOK_QUESTION = re.compile(r"^\*\*(\d+)\.\*\*", re.MULTILINE)


# --- Moodle XML: the elements Moodle's importer reads, per question type ------------------


def child_text(element: ET.Element, path: str) -> str:
    found = element.find(path)
    assert found is not None, f"<{element.tag} type={element.get('type')}> has no <{path}>"
    return found.text or ""


def check_moodle_question(q: ET.Element) -> dict:
    """The question as a dict, after asserting what Moodle's XML format requires of its type
    (docs.moodle.org, "Moodle XML format"): a name, a question text with a format, a
    general feedback, a default grade and penalty; an essay's response settings and grader
    information; a numerical question's answers with a fraction and a tolerance; a
    multiple choice's single/shuffle settings and answers whose fractions reach 100."""
    kind = q.get("type")
    assert kind in QUESTION_TYPES, f"unknown question type {kind!r}"
    name = child_text(q, "name/text")
    assert name.strip()
    for part in ("questiontext", "generalfeedback"):
        assert q.find(part).get("format") == "html", f"{name}: <{part}> has no html format"
        assert child_text(q, f"{part}/text").strip(), f"{name}: empty <{part}>"
    float(child_text(q, "defaultgrade")), float(child_text(q, "penalty"))
    assert child_text(q, "hidden") in ("0", "1")
    found = {"name": name, "type": kind, "id": child_text(q, "idnumber"),
             "question": child_text(q, "questiontext/text"), "feedback": child_text(q, "generalfeedback/text")}
    if kind == "essay":
        assert child_text(q, "responseformat") in ("editor", "editorfilepicker", "plain", "monospaced", "noinline")
        assert int(child_text(q, "responsefieldlines")) > 0 and int(child_text(q, "attachments")) >= 0
        assert child_text(q, "responserequired") in ("0", "1")
        assert q.find("graderinfo").get("format") == "html"
        assert child_text(q, "graderinfo/text") == found["feedback"], f"{name}: the grader's information is the solution"
    elif kind == "numerical":
        rows = q.findall("answer")
        assert rows, f"{name}: a numerical question without <answer>"
        assert any(float(a.get("fraction")) == 100 for a in rows), f"{name}: no answer is worth 100 %"
        found["answer"] = float(child_text(rows[0], "text"))
        found["tolerance"] = float(child_text(rows[0], "tolerance"))
        assert found["tolerance"] >= 0
        for unit in q.findall("units/unit"):
            assert float(child_text(unit, "multiplier")) == 1 and child_text(unit, "unit_name").strip()
    else:
        assert child_text(q, "single") in ("true", "false", "1", "0")
        assert child_text(q, "shuffleanswers") in ("true", "false", "1", "0")
        rows = q.findall("answer")
        assert len(rows) >= 2, f"{name}: a multiple choice needs two answers or more"
        assert max(float(a.get("fraction")) for a in rows) == 100
        found["choices"] = [child_text(a, "text") for a in rows]
        found["right"] = [child_text(a, "text") for a in rows if float(a.get("fraction")) == 100]
    return found


def parse_moodle(text: str) -> list[dict]:
    quiz = ET.fromstring(text.encode("utf-8"))
    assert quiz.tag == "quiz"
    out, category = [], None
    for q in quiz.findall("question"):
        if q.get("type") == "category":
            category = child_text(q, "category/text")
            assert category.startswith("$course$/top/")
            continue
        assert category is not None, "a question before any category"
        out.append({**check_moodle_question(q), "category": category})
    return out


# --- GIFT: a small parser of its documented grammar ----------------------------------------


GIFT_ESCAPABLE = "~=#{}:\\"


def gift_unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt == "n" else nxt if nxt in GIFT_ESCAPABLE else "\\" + nxt)
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def unescaped(text: str, char: str, start: int = 0) -> int:
    """Index of the first ``char`` at or after ``start`` that no backslash escapes, or -1."""
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == char:
            return i
        i += 1
    return -1


def parse_gift(text: str) -> list[dict]:
    """GIFT as Moodle documents it: // comments, $CATEGORY: lines, questions separated by a
    blank line, each ``::title::[format]text{answers}``; in the answers, ``#value:tolerance``
    (numerical), ``=right ~wrong`` (multiple choice), nothing (essay), and ``####`` before
    the general feedback. Escapes: \\~ \\= \\# \\{ \\} \\: \\\\ and \\n."""
    questions, category = [], None
    blocks = re.split(r"\n[ \t]*\n", text)
    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip() and not line.lstrip().startswith("//")]
        if not lines:
            continue
        if lines[0].startswith("$CATEGORY:"):
            assert len(lines) == 1, f"a category line followed by text: {lines}"
            category = lines[0].removeprefix("$CATEGORY:").strip()
            continue
        body = "\n".join(lines)
        assert body.startswith("::"), f"a question without a title: {body[:80]!r}"
        end = body.index("::", 2)
        title = gift_unescape(body[2:end])
        rest = body[end + 2 :]
        fmt = re.match(r"\[(html|moodle|plain|markdown)\]", rest)
        assert fmt, f"{title}: no [format]"
        rest = rest[fmt.end() :]
        open_ = unescaped(rest, "{")
        close = unescaped(rest, "}", open_ + 1)
        assert open_ >= 0 and close > open_, f"{title}: no answer block"
        assert rest[close + 1 :].strip() == "", f"{title}: text after the answer block"
        answer_block = rest[open_ + 1 : close]
        feedback = ""
        if "####" in answer_block:
            answer_block, feedback = answer_block.split("####", 1)
        question = {"title": title, "format": fmt.group(1), "category": category,
                    "text": gift_unescape(rest[:open_]), "feedback": gift_unescape(feedback)}
        answer_block = answer_block.strip()
        if not answer_block:
            question["type"] = "essay"
        elif answer_block.startswith("#"):
            value, _, tolerance = answer_block[1:].partition(":")
            question.update(type="numerical", answer=float(value), tolerance=float(tolerance or 0))
        else:
            marks = [m.start() for m in re.finditer(r"(?<!\\)[=~]", answer_block)]
            assert marks and marks[0] == 0, f"{title}: answers must start with = or ~"
            parts = [answer_block[a:b] for a, b in zip(marks, [*marks[1:], len(answer_block)])]
            question.update(type="multichoice", choices=[gift_unescape(p[1:].strip()) for p in parts],
                            right=[gift_unescape(p[1:].strip()) for p in parts if p[0] == "="])
        questions.append(question)
    return questions


def test_gift_escapes_round_trip():
    text = r"TeX \frac{a}{b} with \{braces\}, a: colon, # hash, ~ tilde, = sign" + "\nand a line"
    assert gift_unescape(bank.gift_escape(text)) == text
    assert "\n" not in bank.gift_escape(text)


# --- the built bank ---------------------------------------------------------------------


def exercises_on_the_site() -> set[str]:
    """The id of every exercise, found independently of the bank: the pages' solutions as
    tests/test_exercise_answers.py reads them, and the notebooks' numbered questions."""
    ids = {f"{page.removesuffix('.md')}-{n}" for page, n in answers.SOLUTIONS if isinstance(n, int)}
    for notebook in (DOCS / "notebooks").glob("*.ipynb"):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        if "## Exercises" in text:
            section = text.split("## Exercises", 1)[1]
            ids |= {f"notebooks-{notebook.stem}-{n}" for n in NOTEBOOK_QUESTION.findall(section)}
    return ids


@pytest.fixture(scope="module")
def built(site) -> dict:
    data = site / "data"
    return {
        "xml": parse_moodle((data / "question-bank.xml").read_text(encoding="utf-8")),
        "gift": parse_gift((data / "question-bank.gift.txt").read_text(encoding="utf-8")),
        "csv": list(csv.DictReader(io.StringIO((data / "question-bank.csv").read_text(encoding="utf-8")))),
    }


def test_every_exercise_is_in_every_format(built):
    expected = exercises_on_the_site()
    assert len(expected) > 100
    xml_ids = [q["id"] for q in built["xml"]]
    assert sorted(xml_ids) == sorted(expected), set(xml_ids) ^ expected
    assert [q["id"] for q in built["csv"]] == xml_ids
    assert [q["title"] for q in built["gift"]] == [q["name"] for q in built["xml"]]


def test_the_formats_carry_the_same_questions(built):
    for xml_q, gift_q, row in zip(built["xml"], built["gift"], built["csv"], strict=True):
        assert gift_q["type"] == xml_q["type"] == row["type"], xml_q["name"]
        assert gift_q["format"] == "html"
        assert gift_q["text"] == xml_q["question"] and gift_q["feedback"] == "[html]" + xml_q["feedback"]
        assert gift_q["category"] == xml_q["category"]
        assert row["question"].strip() and row["solution"].strip()
        if xml_q["type"] == "numerical":
            assert gift_q["answer"] == xml_q["answer"] == float(bank.number(row["answer"]))
            assert gift_q["tolerance"] == xml_q["tolerance"] == float(row["tolerance"])


def test_texts_are_ready_for_a_platform(built):
    """No site-only markup reaches the bank: register markers, citation keys, raw TeX
    dollars in the HTML; math is in MathJax's delimiters, balanced."""
    for q in built["xml"]:
        for text in (q["question"], q["feedback"]):
            assert "[[q:" not in text and "[[verdict:" not in text and "[@" not in text, q["name"]
            assert not re.search(r"(?<!\\)\$[^$\s]", text), f"{q['name']}: TeX left in $...$: {text[:120]}"
            assert text.count(r"\(") == text.count(r"\)"), q["name"]
    integrate = next(q for q in built["xml"] if q["id"] == "integrate-and-fire-1")
    assert r"\(I = 2.5\)" in integrate["question"]


# What only a page shows: (question, what of its page it uses). Both sides: a question
# that names a figure, a table, a script or the playground needs its page; ordinary words
# ("below threshold", "an LSTM cell", "the set of inputs") do not make it so.
NEEDS_PAGE_CASES = [
    ("The perceptron in Figure 2 stopped with $z = -0.017$.", ["figure"]),
    ("For the depressing synapse of the figure, compute the response.", ["figure"]),
    ("The table marks row 1 both **partly**.", ["table"]),
    ("In the summation snippet, what is the smallest number?", ["code"]),
    ("Explain the bound printed by `random_pieces.py`.", ["code"]),
    ("Set $x = (1, 0)$ and check it in the playground.", ["playground"]),
    ("With the STDP window of this page, what is the change?", ["text"]),
    ("In the balanced example, excitation alone holds the membrane 40 mV above rest.", ["text"]),
    ("Compute the rheobase of the tonic parameter set.", ["text"]),
    ("In the top panel of the normalisation figure, with `model.py`...", ["figure", "code"]),
    ("Why is the peak of the action potential below $E_\\text{Na}$?", []),
    ("An LSTM cell holds a value with its forget gate at $f = 0.99$.", []),
    ("Describe the set of inputs that make the neuron fire.", []),
    ("A neuron fires as a Poisson process at 5 Hz. How many such neurons does a cell need?", []),
]


@pytest.mark.parametrize(("question", "uses"), NEEDS_PAGE_CASES)
def test_a_question_that_uses_its_page_is_found(question, uses):
    assert bank.needs_page(question) == uses


def test_questions_that_need_their_page_are_a_category_and_say_where_to_look(built):
    """Such a question is in its page's sub-category "needs the page" in every format, and
    its first line names the page; the others are not; the instructors' page counts them."""
    needing = [q for q in built["xml"] if q["category"].endswith("/needs the page")]
    assert 40 < len(needing) < len(built["xml"]) / 2
    rows = {row["id"]: row for row in built["csv"]}
    for q in built["xml"]:
        needs = q["category"].endswith("/needs the page")
        title = q["name"].rsplit(", exercise ", 1)[0]
        first = re.sub(r"<[^>]+>", "", q["question"]).split("\n", 1)[0]
        assert first.startswith(f"Open {title} (") == needs, f"{q['name']}: {first[:120]}"
        assert rows[q["id"]]["category"].endswith("needs the page") == needs
        assert bool(bank.needs_page(rows[q["id"]]["question"])) == needs
    for q in ("biological-neuron-2", "population-dynamics-2", "depth-4"):
        assert rows[q]["category"].endswith("/needs the page"), q
    instructors = (DOCS / "instructors.md").read_text(encoding="utf-8")
    stated = re.search(r"Of the (\d+) questions, (\d+) use a figure", instructors)
    assert stated and (int(stated[1]), int(stated[2])) == (len(built["xml"]), len(needing))


def computed_by_its_snippet(compute, spec: dict) -> bool:
    """An ANSWERS computation is the snippet function the bank's entry names (made by
    tests/test_exercise_answers.py's snippet_function from the same computed_by), not
    one of the test file's own lambdas or helpers."""
    return getattr(compute, "computed_by", None) == spec["computed_by"]


def test_a_computation_of_the_tests_own_is_not_a_snippets():
    spec = {"computed_by": "snippets/noise/correlated.py:snr_gain(100, 0.2)"}
    assert computed_by_its_snippet(answers.snippet_function(spec["computed_by"]), spec)
    assert not computed_by_its_snippet(lambda: 1 / 0.208**0.5, spec)
    assert not computed_by_its_snippet(answers.snippet_function("snippets/noise/correlated.py:snr_gain(10, 0.2)"), spec)


def test_a_numerical_answer_is_the_pages_and_its_snippet_computes_it(built):
    """Each numerical question's answer is the number its solution writes (found by a
    pattern of tests/test_exercise_answers.py's ANSWERS); the ANSWERS entry for that
    pattern computes it with the snippet function the bank's entry names (computed_by),
    which agrees with the bank's answer within the question's tolerance (what a student
    who runs the page's code and enters its number is given) and with the page within
    the ANSWERS tolerance, and which INDEPENDENT checks against a computation of its own."""
    specs = {e.key: e.fields for e in bank.load_spec(ROOT) if e.fields["type"] == "numerical"}
    numerical = [q for q in built["xml"] if q["type"] == "numerical"]
    assert len(numerical) == len(specs) == 13
    independent = {f.computed_by for f, _, _ in answers.INDEPENDENT}
    for q in numerical:
        page, _, n = q["id"].rpartition("-")
        spec = specs[(f"{page}.md", int(n))]
        entry = [a for a in answers.ANSWERS if (a[0], a[1], a[2]) == (spec["page"], spec["exercise"], spec["answer"])]
        assert entry, f"{q['name']}: includes/question-bank.yml's answer pattern is not one of ANSWERS"
        _, _, pattern, compute, tol = entry[0]
        assert computed_by_its_snippet(compute, spec), (
            f"{q['name']}: its ANSWERS entry computes the answer itself; make it "
            f"snippet_function({spec['computed_by']!r})")
        assert spec["computed_by"] in independent, f"{q['name']}: INDEPENDENT has no check of {spec['computed_by']}"
        written = answers.number(re.search(pattern, answers.SOLUTIONS[(spec["page"], spec["exercise"])]).group(1))
        assert q["answer"] == written, f"{q['name']}: the bank says {q['answer']}, the page {written}"
        computed = float(compute())
        assert abs(computed - q["answer"]) <= q["tolerance"], (
            f"{q['name']}: {spec['computed_by']} gives {computed:.6g}, outside the bank's {q['answer']} ± {q['tolerance']}")
        assert answers.agrees(q["answer"], computed, tol), f"{q['name']}: the computation disagrees with the page"
        assert q["tolerance"] == pytest.approx(abs(written) * spec["tolerance"], rel=0.05)


# --- faults and the multiple-choice type, on a throwaway page -------------------------------


PAGE = """# A page

## Exercises

1. Which word fits "the ___ tube"?

    ??? success "Solution"
        **neural**: the tube is tissue, $x_1 = 2$ [@hebb1949, ch. 4].

2. Compute the rate.

    ??? success "Solution"
        The rate is 63.0 Hz.

## After
"""


class Bibliography:
    def label(self, key: str) -> str:
        return {"hebb1949": "Hebb 1949"}[key]


RATE = "snippets/p/rate.py:rate(2.5)"  # a snippet function for the throwaway page's numerical entries


def throwaway(tmp_path: Path, spec: str, page: str = PAGE) -> list[bank.Question]:
    (tmp_path / "snippets" / "p").mkdir(parents=True, exist_ok=True)
    (tmp_path / "snippets" / "p" / "rate.py").write_text("def rate(i):\n    return 25.2 * i\n", encoding="utf-8")
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "p.md").write_text(page, encoding="utf-8")
    (tmp_path / "includes").mkdir(exist_ok=True)
    (tmp_path / "includes" / "question-bank.yml").write_text(spec, encoding="utf-8")
    texts = bank.Texts(Bibliography(), {}, [], "https://example.org/0.1.0/", True)
    return bank.collect(tmp_path / "docs", tmp_path, texts, ["p.md"])


def test_multiple_choice_and_numerical_render_in_every_format(tmp_path):
    questions = throwaway(tmp_path, """
- {page: p.md, exercise: 1, type: multichoice, choices: [neural, neuronal], ask: Choose one.}
- {page: p.md, exercise: 2, type: numerical, answer: 'is (\\S+) Hz', tolerance: 0.01, unit: Hz, ask: In Hz.,
   computed_by: 'RATE'}
""".replace("RATE", RATE))
    files = bank.render(questions, "Course")
    xml = parse_moodle(files[bank.FILES["xml"]])
    gift = parse_gift(files[bank.FILES["gift"]])
    assert [q["type"] for q in xml] == [q["type"] for q in gift] == ["multichoice", "numerical"]
    assert xml[0]["right"] == gift[0]["right"] == ["neural"] and gift[0]["choices"] == ["neural", "neuronal"]
    assert xml[1]["answer"] == gift[1]["answer"] == 63.0 and xml[1]["tolerance"] == pytest.approx(0.63)
    assert "(Hebb 1949, ch. 4)" in xml[0]["feedback"] and r"\(x_1 = 2\)" in xml[0]["feedback"]
    assert xml[0]["category"] == "$course$/top/Course/A page"
    assert bank.category_path("Course", "Input/output") == "$course$/top/Course/Input//output"
    row = next(csv.DictReader(io.StringIO(files[bank.FILES["csv"]])))
    assert row["url"] == "https://example.org/0.1.0/p/" and row["choices"] == "neural | neuronal"


def numerical(computed_by: str | None = RATE, extra: str = "") -> str:
    """A one-line numerical entry of the throwaway page's exercise 2."""
    by = f", computed_by: '{computed_by}'" if computed_by else ""
    return f"- {{page: p.md, exercise: 2, type: numerical, answer: 'is (\\S+) Hz', tolerance: 0.1, ask: a{by}{extra}}}"


@pytest.mark.parametrize(("spec", "message"), [
    (numerical().replace("exercise: 2", "exercise: 3"), r"\(p.md, exercise 3\): no such exercise"),
    (numerical().replace("Hz", "mV"), "is not in the solution"),
    (numerical().replace("0.1", "5"), "tolerance must be"),
    ("- {page: p.md, exercise: 2, type: cloze, ask: a}", "type must be one of numerical, multichoice, not 'cloze'"),
    ("- {page: p.md, exercise: 1, type: multichoice, choices: [only], ask: a}", "at least two"),
    ("- {page: p.md, exercise: 1, type: multichoice, choices: [a, b]}", "missing ask"),
    ("- {page: p.md, exercise: 1, type: multichoice, choices: [a, b], ask: a, tolerance: 0.1}",
     r"unknown field\(s\) tolerance \(a multichoice entry has page, exercise, type, choices, ask, preamble\)"),
    (numerical(extra=", preamble: [1]"), "'preamble'"),
    (numerical(None), "missing computed_by"),
    (numerical("snippets/p/rate.py:rates(2.5)"), "snippets/p/rate.py defines no function rates"),
    (numerical("snippets/p/rate.py:rate(i)"), "i is not a literal"),
    (numerical("snippets/p/other.py:rate(2.5)"), "there is no snippets/p/other.py"),
    (numerical("rate.py:rate(2.5)"), "computed_by must be 'snippets/<page>/<file>.py:function"),
    (numerical("snippets/noise/correlated.py:snr_gain(100, 0.2)"), r"is not a snippet of its page \(snippets/p/\)"),
])
def test_a_wrong_entry_fails_naming_file_and_entry(tmp_path, spec, message):
    with pytest.raises(bank.BankError, match=r"includes/question-bank\.yml:1: entry 1 .*" + message):
        throwaway(tmp_path, spec)


# Two valid entries; each case below changes one thing, and the message names its line.
TWO_ENTRIES = """# the question bank's types
- page: p.md
  exercise: 1
  type: multichoice
  choices: [neural, neuronal]
  ask: Choose one.

- page: p.md
  exercise: 2
  type: numerical
  answer: 'is (\\S+) Hz'
  computed_by: 'snippets/p/rate.py:rate(2.5)'
  tolerance: 0.01
  ask: Enter the rate.
"""


def test_the_two_entries_are_valid(tmp_path):
    [word, rate] = throwaway(tmp_path, TWO_ENTRIES)
    assert (word.type, rate.type, rate.answer, rate.computed_by) == ("multichoice", "numerical", 63.0, RATE)


@pytest.mark.parametrize(("change", "message"), [
    (("tolerance: 0.01", "tolerance: 5"), r":13: entry 2 \(p\.md, exercise 2\): tolerance must be a relative error"),
    (("is (\\S+) Hz", "is (\\S+) kHz"), r":11: entry 2 \(p\.md, exercise 2\): the answer pattern"),
    (("rate(2.5)", "rate(x)"), r":12: entry 2 \(p\.md, exercise 2\): computed_by .*x is not a literal"),
    (("  choices: [neural, neuronal]", "  choices: [neural]"), r":5: entry 1 \(p\.md, exercise 1\): choices must be"),
    (("  ask: Enter the rate.", "  ask: Enter the rate.\n  units: Hz"),
     r":8: entry 2 \(p\.md, exercise 2\): unknown field\(s\) units"),
    (("  type: numerical", "  type: numeric"), r":10: entry 2 \(p\.md, exercise 2\): type must be one of"),
    (("  exercise: 2", "  exercise: 4"), r":8: entry 2 \(p\.md, exercise 4\): no such exercise"),
    (("  exercise: 1\n", "  exercise: 1\n  exercise: 3\n"), r":4: not valid YAML: .*exercise"),
    (("  ask: Choose one.", "  ask: [Choose one."), r":\d+: not valid YAML"),
    (("- page: p.md\n  exercise: 1\n", "- [p.md, 1]\n- page: p.md\n  exercise: 1\n"), r":2: entry 1 is not a mapping"),
], ids=["tolerance", "answer", "computed-by", "choices", "unknown-field", "type", "exercise", "repeated-field",
        "not-yaml", "not-a-mapping"])
def test_a_wrong_entry_names_its_line(tmp_path, change, message):
    """Every message about an entry names the file and the line: the field's own, or the
    entry's first line for what concerns the whole entry, or YAML's for unreadable YAML."""
    assert change[0] in TWO_ENTRIES
    with pytest.raises(bank.BankError, match=r"^includes/question-bank\.yml" + message):
        throwaway(tmp_path, TWO_ENTRIES.replace(*change))


def test_a_spec_that_is_not_a_list_says_how_entries_are_written(tmp_path):
    with pytest.raises(bank.BankError, match=r"includes/question-bank\.yml: must be a YAML list of entries"
                                             r" \(each starting '- page: \.\.\.'\)"):
        throwaway(tmp_path, "page: p.md\nexercise: 1\n")


def test_an_exercise_without_a_solution_fails_naming_the_page(tmp_path):
    with pytest.raises(bank.BankError, match=r"docs/q.md:5: exercise 1 has no '\?\?\? success"):
        bank.page_exercises("# Q\n\n## Exercises\n\n1. A question with no solution.\n", "docs/q.md")


def test_a_question_graded_on_one_of_its_parts_must_say_which(tmp_path):
    page = PAGE.replace("2. Compute the rate.", "2. Compute the rate, and what sets it?")
    spec = "- {page: p.md, exercise: 2, type: numerical, answer: 'is (\\S+) Hz', tolerance: 0.1, ask: %s, computed_by: '%s'}"
    with pytest.raises(bank.BankError, match=r"entry 1 \(p.md, exercise 2\): the question asks several things"):
        throwaway(tmp_path, spec % ("Enter the rate.", RATE), page)
    [_, rate] = throwaway(tmp_path, spec % ("'Only the rate is graded here: enter it.'", RATE), page)
    assert rate.question.endswith("Only the rate is graded here: enter it.")


def test_a_preamble_and_the_line_to_the_page_come_first(tmp_path):
    page = PAGE.replace("2. Compute the rate.", "2. Compute the rate of the neuron in Figure 1.")
    spec = """
- page: p.md
  exercise: 2
  type: numerical
  answer: 'is (\\S+) Hz'
  computed_by: 'snippets/p/rate.py:rate(2.5)'
  tolerance: 0.1
  preamble: 'The neuron: $R = 10$ MΩ.'
  ask: Enter the rate.
"""
    [word, rate] = throwaway(tmp_path, spec, page)
    assert not word.needs_page and rate.needs_page == ["figure"]
    assert rate.question.split("\n\n") == [
        "Open *A page* (<https://example.org/0.1.0/p/>) first: this question uses its figure.",
        "The neuron: $R = 10$ MΩ.",
        "Compute the rate of the neuron in Figure 1.",
        "Enter the rate.",
    ]
    files = bank.render([word, rate], "Course")
    xml = parse_moodle(files[bank.FILES["xml"]])
    assert [q["category"] for q in xml] == ["$course$/top/Course/A page", "$course$/top/Course/A page/needs the page"]
    assert '<a href="https://example.org/0.1.0/p/">' in xml[1]["question"]
    assert [q["category"] for q in parse_gift(files[bank.FILES["gift"]])] == [q["category"] for q in xml]


def test_the_course_category_is_the_sites_name(built, site):
    """The bank's course is named as the site is everywhere else (mkdocs.yml site_name: the
    header, the print cover, the slides, CITATION.cff); it once read "Neural and Neuronal"."""
    name = re.search(r"^site_name: (.+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)[1]
    assert name == "Neural & Neuronal"
    for q in built["xml"]:
        assert q["category"].startswith(f"$course$/top/{name}/"), q["category"]
    first = (site / "data" / "question-bank.gift.txt").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(f"// {name}:")
