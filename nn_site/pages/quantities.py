"""The register of quantities: empirical numbers typed once, in ``includes/quantities.yml``.

A measured entry::

    - key: neocortex-synapses          # lowercase slug, unique
      name: Synapses in the human neocortex
      value: 1.5e14
      range: [1.0e14, 2.0e14]          # optional [low, high]
      unit: synapses
      region: neocortex; human         # region and species
      source: [pakkenberg2003, "kandel2021, ch. 9"]   # bibliography keys, each with an optional locator
      note: What the value and range mean.
      digits: 2                        # significant digits shown
      phrasings: ['\\b1\\.5\\s*(?:×|\\\\times)\\s*10\\^?\\{?14']   # typed words that state it
      topic: counts                    # its group on the register's page (TOPICS)

A derived entry has ``derive: neocortex_synapses / neocortex_neurons`` (other keys, hyphens
as underscores; + - * / ** and parentheses, numbers for unit conversions) instead of value,
range and source, and ``round: 100`` or ``digits: 2``. Its range comes from the corners of
its inputs' ranges, all of them or only those ``vary:`` names (measured keys).

A page, a ledger ``why``/``analogy`` field or a glossary line writes ``[[q:key]]`` and the
build prints the value in reader notation with its unit (1.5 × 10¹⁴ synapses, 7,500, −70 mV);
options after ``|``, comma-separated: ``range`` (low to high), ``nounit``, ``billion``
(86.1 billion), ``tex`` (for inside $...$: 1.5 \\times 10^{14}), ``cite`` (adds
``[@key, locator]``; not in the glossary, whose lines write "(Author Year)" themselves). Every fault (unknown key, a derivation
with a missing input, a malformed entry or option) is a QuantityError naming the file and the
entry or line; ``tests/test_quantities.py`` checks snippets' ``# register:`` copies and fails
on a page that types a registered number in its own words (``phrasings``).
"""

from __future__ import annotations

import ast
import copy
import functools
import itertools
import math
import operator
import re
from pathlib import Path
from types import MappingProxyType

import yaml

from nn_site.pages import entry_checks, inline_field

REGISTER = Path("includes") / "quantities.yml"
MEASURED = ("key", "name", "value", "unit", "region", "source", "note", "digits", "phrasings", "topic")
DERIVED = ("key", "name", "derive", "unit", "region", "note", "phrasings", "topic")
# The register's page groups its entries by topic, one table under a heading each, in this
# order (a visual review: one table of 46 rows had no landmarks). Every entry names its topic.
TOPICS = {
    "counts": "Neurons, synapses and parameters",
    "cell": "Membranes, synapses and response times",
    "brain-power": "The brain's power",
    "spike-energy": "The energy of a spike",
    "silicon": "The energy of a digital operation",
    "spikes-and-operations": "Spikes against operations",
    "fuel": "Fuel: glucose, ATP and the brain's budget",
}
OPTIONAL = frozenset({"range", "vary", "round", "digits"})
MAY_BE_EMPTY = frozenset({"note", "phrasings", "unit"})  # present, but "" or [] is fine
# [[q:key]] or [[q:key|options]]; the | may be escaped (\|) inside a Markdown table cell.
INLINE = re.compile(r"\[\[q:(?P<key>[^\]|\s\\]*)(?:\\?\|(?P<options>[^\]]*))?\]\]")
OPTIONS = frozenset({"range", "nounit", "billion", "tex", "cite"})
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
NBSP = "\u00a0"
_OPS = MappingProxyType(
    {
        ast.Add: operator.add,
        ast.Sub: operator.sub,
        ast.Mult: operator.mul,
        ast.Div: operator.truediv,
        ast.Pow: operator.pow,
    }
)


class QuantityError(Exception):
    """The register or a [[q:...]] is wrong; the message names file and entry or line."""


@functools.lru_cache(maxsize=2)
def _parse(text: str):
    """The register's YAML, parsed once per text: every page's Markdown expands its
    [[q:...]] against the register, so a build asks for it once per page (48 times), and
    parsing was most of each ask. Keyed on the text, so an edit under `mkdocs serve` is
    read afresh; ``load`` checks a deep copy, so nothing a caller changes is kept."""
    return yaml.safe_load(text)


def load(root: Path, bib_keys=None) -> dict[str, dict]:
    """Every entry of ``<root>/includes/quantities.yml``, checked, by key; derived entries get
    their computed ``value`` and ``range``. Each entry gains ``row`` (its number in the file)."""
    path = root / REGISTER
    where = REGISTER.as_posix()
    if not path.is_file():
        return {}
    try:
        data = copy.deepcopy(_parse(path.read_text(encoding="utf-8")))
    except yaml.YAMLError as exc:
        raise QuantityError(f"{where}: not valid YAML: {exc}") from None
    entry_checks.entry_list(data, where, QuantityError, "entries", "key")
    entries: dict[str, dict] = {}
    for n, entry in enumerate(data, 1):
        at = f"{where}: entry {n}"
        if not isinstance(entry, dict):
            raise QuantityError(f"{at} is not a mapping")
        at += f" (key {entry.get('key')!r})"
        fields = DERIVED if "derive" in entry else MEASURED
        derived_note = " (a derived entry has no value, range or source)" if "derive" in entry else ""
        entry_checks.check_fields(entry, at, QuantityError, fields, {*fields, *OPTIONAL}, MAY_BE_EMPTY, derived_note)
        key = entry["key"]
        entry_checks.check_slug(key, at, QuantityError, "key", "neocortex-synapses")
        if key in entries:
            raise QuantityError(f"{at}: duplicate key, already entry {entries[key]['row']}")
        _check_entry(entry, at, bib_keys)
        entries[key] = {**entry, "row": n}
    for key in entries:
        _derive(key, entries, [])
    return entries


def _number(x, at: str, field: str) -> float:
    if isinstance(x, bool) or not isinstance(x, (int, float, str)):
        raise QuantityError(f"{at}: {field} {x!r} is not a number")
    try:
        return float(x)
    except ValueError:
        raise QuantityError(f"{at}: {field} {x!r} is not a number") from None


def _check_entry(entry: dict, at: str, bib_keys) -> None:
    from nn_site.pages.citations import LOCATOR  # nn_site/pages/citations.py: the locator syntax pages use

    if entry["topic"] not in TOPICS:
        raise QuantityError(f"{at}: topic {entry['topic']!r} is not one of {', '.join(TOPICS)}")
    if "derive" not in entry:
        entry["value"] = _number(entry["value"], at, "value")
        if not isinstance(entry["source"], list):
            raise QuantityError(f'{at}: source must be a list, e.g. [pakkenberg2003, "kandel2021, ch. 9"]')
        for source in entry["source"]:
            entry_checks.source_key(source, at, QuantityError, bib_keys, locator=LOCATOR)
    if "range" in entry:
        r = entry["range"]
        if not isinstance(r, list) or len(r) != 2:
            raise QuantityError(f"{at}: range must be [low, high]")
        low, high = (_number(x, at, "range") for x in r)
        if not low <= entry.get("value", low) <= high:
            raise QuantityError(f"{at}: value {entry.get('value')} is outside its range [{low}, {high}]")
        entry["range"] = [low, high]
    if "digits" in entry and (not isinstance(entry["digits"], int) or not 1 <= entry["digits"] <= 6):
        raise QuantityError(f"{at}: digits must be a whole number from 1 to 6")
    if "round" in entry:
        r = _number(entry["round"], at, "round")
        if r <= 0 or abs(math.log10(r) - round(math.log10(r))) > 1e-9:
            raise QuantityError(f"{at}: round must be a power of ten (100, 0.1)")
    if "derive" in entry and "round" not in entry and "digits" not in entry:
        raise QuantityError(f"{at}: a derived entry needs 'round' or 'digits' (its stated rounding)")
    if not isinstance(entry["phrasings"], list):
        raise QuantityError(f"{at}: phrasings must be a list of regular expressions")
    for pattern in entry["phrasings"]:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            raise QuantityError(f"{at}: phrasing {pattern!r} is not a regular expression: {exc}") from None


def _evaluate(node: ast.AST, env: dict[str, float], at: str) -> float:
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, env, at)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value)
    if isinstance(node, ast.Name):
        return env[node.id]
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_evaluate(node.left, env, at), _evaluate(node.right, env, at))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_evaluate(node.operand, env, at)
    raise QuantityError(f"{at}: derive may use only keys, numbers, + - * / ** and parentheses")


def _derive(key: str, entries: dict, chain: list[str]) -> None:
    """Compute a derived entry's value and range from its inputs (recursively), once."""
    entry = entries[key]
    if "derive" not in entry or "value" in entry:
        return
    at = f"{REGISTER.as_posix()}: entry {entry['row']} (key {key!r})"
    if key in chain:
        raise QuantityError(f"{at}: derivation is circular ({' -> '.join(chain + [key])})")
    try:
        tree = ast.parse(str(entry["derive"]), mode="eval")
    except SyntaxError:
        raise QuantityError(f"{at}: derive {entry['derive']!r} is not an arithmetic expression") from None
    inputs = sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name)})
    for name in inputs:
        if name.replace("_", "-") not in entries:
            raise QuantityError(
                f"{at}: derive names {name!r}, which is not a key of the register "
                f"(write '{name.replace('_', '-')}' as '{name}')"
            )
        _derive(name.replace("_", "-"), entries, chain + [key])
    measured = sorted(_measured_inputs(key, entries))
    vary = entry.get("vary")
    if vary is not None:
        if not isinstance(vary, list) or any(v not in measured for v in vary):
            raise QuantityError(f"{at}: vary must list measured inputs of this entry: {', '.join(measured)}")
        measured = [m for m in measured if m in vary]
    ranged = [m for m in measured if "range" in entries[m]]

    def value_at(corner: dict[str, float]) -> float:
        return _value_with(key, entries, corner, at)

    entry["value"] = value_at({})
    if ranged:
        corners = [value_at(dict(zip(ranged, c))) for c in itertools.product(*(entries[m]["range"] for m in ranged))]
        entry["range"] = [min(corners), max(corners)]


def _measured_inputs(key: str, entries: dict) -> set[str]:
    entry = entries[key]
    if "derive" not in entry:
        return {key}
    names = {
        n.id.replace("_", "-")
        for n in ast.walk(ast.parse(str(entry["derive"]), mode="eval"))
        if isinstance(n, ast.Name)
    }
    return set().union(*(_measured_inputs(n, entries) for n in names)) if names else set()


def _value_with(key: str, entries: dict, corner: dict[str, float], at: str) -> float:
    """The entry's value when the measured inputs in ``corner`` take those values."""
    entry = entries[key]
    if "derive" not in entry:
        return corner.get(key, entry["value"])
    tree = ast.parse(str(entry["derive"]), mode="eval")
    env = {
        n.id: _value_with(n.id.replace("_", "-"), entries, corner, at)
        for n in ast.walk(tree)
        if isinstance(n, ast.Name)
    }
    try:
        return _evaluate(tree, env, at)
    except ZeroDivisionError:
        raise QuantityError(f"{at}: derive divides by zero") from None


# --- reader notation -----------------------------------------------------------------------


def rounded(entry: dict, x: float) -> float:
    """The value as the register says to show it: to ``round`` or to ``digits`` significant."""
    if x == 0:
        return 0.0
    if "round" in entry:
        step = float(entry["round"])
        return round(x / step) * step
    digits = entry.get("digits", 3)
    return float(f"{x:.{digits - 1}e}")


def reader(x: float, entry: dict, tex: bool = False) -> str:
    """7500 -> '7,500'; 1.5e14 -> '1.5 × 10¹⁴'; -70 -> '−70'; 0.0265 -> '0.027'."""
    x = rounded(entry, x)
    minus = "-" if tex else "\u2212"
    sign = minus if x < 0 else ""
    x = abs(x)
    if x != 0 and (x >= 1e5 or x < 0.01):
        exponent = math.floor(math.log10(x))
        mantissa = f"{x / 10**exponent:.6g}"
        if mantissa == "10":
            mantissa, exponent = "1", exponent + 1
        if tex:
            return f"{sign}{mantissa} \\times 10^{{{exponent}}}"
        return f"{sign}{mantissa}{NBSP}×{NBSP}10{str(exponent).translate(SUPERSCRIPT)}"
    text = f"{x:,.6f}".rstrip("0").rstrip(".")
    if tex:
        text = text.replace(",", "{,}")
    return sign + text


def render(entry: dict, options: set[str], glossary: bool = False) -> str:
    """One [[q:...]] as text: the value (or range) in reader notation, its unit, its citation."""
    tex = "tex" in options
    scale, suffix = (1e9, " billion") if "billion" in options else (1.0, "")
    if "range" in options:
        if "range" not in entry:
            raise QuantityError(f"[[q:{entry['key']}|range]]: the entry has no range")
        low, high = (reader(v / scale, entry, tex) for v in entry["range"])
        text = f"{low}{suffix} to {high}{suffix}"
    else:
        text = reader(entry["value"] / scale, entry, tex) + suffix
    unit = entry["unit"]
    if unit and not tex and "nounit" not in options:
        text += unit if unit == "%" else NBSP + unit
    if "cite" in options:
        if glossary:
            raise QuantityError(
                f"[[q:{entry['key']}|cite]]: a glossary line names its source as "
                f"'(Author Year)' itself (its tooltip cannot hold a link)"
            )
        if "source" not in entry:
            raise QuantityError(
                f"[[q:{entry['key']}|cite]]: a derived entry has no source of its own; "
                f"cite its inputs where the page explains the computation"
            )
        text += " " + citation(entry)
    return text


def citation(entry: dict) -> str:
    """'[@pakkenberg2003; @kandel2021, ch. 9]' from the entry's sources."""
    return "[" + "; ".join("@" + ", ".join(p.strip() for p in str(s).split(",", 1)) for s in entry["source"]) + "]"


def expand(text: str, where: str, entries: dict, glossary: bool = False, first_line: int = 1) -> str:
    """Replace every [[q:key|options]] in ``text``; QuantityError names ``where`` and the line."""

    def one(match: re.Match) -> str:
        line = first_line + text.count("\n", 0, match.start())
        key = match["key"]
        if key not in entries:
            raise QuantityError(f"{where}:{line}: [[q:{key}]] names no entry of {REGISTER.as_posix()}")
        options = {o.strip() for o in (match["options"] or "").split(",") if o.strip()}
        unknown = sorted(options - OPTIONS)
        if unknown:
            raise QuantityError(
                f"{where}:{line}: [[q:{key}|...]] has unknown option(s) "
                f"{', '.join(unknown)} (use {', '.join(sorted(OPTIONS))})"
            )
        try:
            return render(entries[key], options, glossary)
        except QuantityError as exc:
            raise QuantityError(f"{where}:{line}: {exc}") from None

    return INLINE.sub(one, text)


MARKER = "<!-- quantities -->"  # docs/quantities.md: the register as a table


def expand_page(markdown: str, page: str, root: Path, bib_keys) -> str:
    """The hook's one call: the register read and checked, every [[q:...]] of the page's
    Markdown (ledger tables already rendered into it) expanded, and the marker replaced by
    the register's table. Any fault is a build error naming the file and the entry or line."""
    from mkdocs.exceptions import PluginError

    try:
        entries = load(root, set(bib_keys))
        if MARKER in markdown:
            markdown = markdown.replace(MARKER, table(entries))
        return expand(markdown, page, entries)
    except QuantityError as exc:
        raise PluginError(f"quantities: {exc}") from None


def table(entries: dict) -> str:
    """The register as Markdown (docs/quantities.md, marker <!-- quantities -->): one table
    per topic (``TOPICS``, in that order), each under its heading, the entries of a topic in
    the file's order. Each row's quantity carries the entry's key as its anchor
    (quantities/#brain-neurons), the id the data files and a citation of a row use.

    Four columns, so a table fits a 720-px column and stays readable on a phone: the note
    goes under the quantity's name, the range and unit with the value."""
    out = []
    for topic, heading in TOPICS.items():
        mine = sorted((e for e in entries.values() if e["topic"] == topic), key=lambda e: e["row"])
        if mine:
            out.append(f"## {heading} {{#topic-{topic}}}\n\n" + _topic_table(mine))
    return "\n\n".join(out)


def _topic_table(mine: list[dict]) -> str:
    lines = ["| Quantity | Value | Region, species | Source |", "|---|---|---|---|"]
    for entry in mine:
        unit = f" {entry['unit']}" if entry["unit"] else ""
        value = reader(entry["value"], entry) + unit
        if "range" in entry:
            value += "<br>(" + " to ".join(reader(v, entry) for v in entry["range"]) + ")"
        if "derive" in entry:
            formula = re.sub(r"[a-z][a-z0-9_]*", lambda m: m[0].replace("_", "-"), str(entry["derive"]))
            how = (
                "rounded to " + reader(float(entry["round"]), {"digits": 6})
                if "round" in entry
                else f"{entry['digits']} significant digits"
            )
            source = f"derived: `{formula}` ({how})"
        else:
            source = citation(entry)
        try:  # data fields are inline Markdown, never HTML (nn_site/pages/inline_field.py)
            name, note, region = (inline_field.markdown(str(entry[f] or "")) for f in ("name", "note", "region"))
        except ValueError as exc:
            raise QuantityError(f"includes/quantities.yml: entry {entry['key']!r}: {exc}") from None
        name = f'<span class="register-anchor" id="{entry["key"]}"></span>**{name}**' + (
            f"<br><small>{note}</small>" if note else ""
        )
        cells = [name, value, region, source]
        lines.append("| " + " | ".join(" ".join(str(c).split()).replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


# --- the consistency checks (tests/test_quantities.py) -------------------------------------

# Code (fenced blocks other than ```snippet, whose caption and alt are prose; inline code) and
# quotations (what someone else wrote, in double quotes, over at most four lines) are skipped.
_FENCE = re.compile(
    r"^(?P<i>[ \t]*)(?P<f>`{3,}(?!`)|~{3,}(?!~))(?P<info>[^\n]*).*?^(?P=i)(?P=f)[ \t]*$", re.MULTILINE | re.DOTALL
)
_INLINE_CODE = re.compile(r"(?<!`)`[^`\n]+`(?!`)")
_QUOTE = re.compile(r'"[^"\n]*(?:\n[^"\n]*){0,3}"|“[^”]*”')


def typed_quantities(text: str, entries: dict) -> list[tuple[int, str, str]]:
    """Every place ``text`` states a registered quantity in its own words (an entry's
    phrasings), outside code and [[q:...]]: (line, words, key)."""
    plain = _FENCE.sub(lambda m: m[0] if m["info"].strip() == "snippet" else "\n" * m[0].count("\n"), text)
    plain = _INLINE_CODE.sub("", plain)
    plain = _QUOTE.sub(lambda m: "\n" * m[0].count("\n"), plain)
    plain = INLINE.sub("", plain)
    found = []
    for entry in entries.values():
        for pattern in entry["phrasings"]:
            for m in re.finditer(pattern, plain, re.IGNORECASE):
                found.append((plain.count("\n", 0, m.start()) + 1, m[0], entry["key"]))
    return sorted(found)


REGISTER_COMMENT = re.compile(
    r"^(?P<code>[^#\n]*?)#\s*register:\s*(?P<key>[a-z0-9-]+)"
    r"(?:\s*/\s*(?P<divisor>\d+))?",
    re.MULTILINE,
)
_LITERAL = r"\d+(?:\.\d*)?(?:[eE][-+]?\d+)?"
ARITHMETIC = re.compile(rf"(?<![\w.])-?{_LITERAL}(?:\s*[*/]\s*-?{_LITERAL})*(?![\w.])")
STRING = re.compile(r"\"[^\"\n]*\"|'[^'\n]*'")


def snippet_copies(text: str) -> list[tuple[int, str, list[float]]]:
    """(line, key, values) for every ``# register: key`` comment of a snippet: each number on
    that line outside strings, a product or quotient of literals (``0.19 * 86.1e9``) as one.
    ``# register: key / 100`` says the copy is the register's value divided by 100 (a
    fraction where the register has a percentage); the values returned are multiplied back."""
    copies = []
    for m in REGISTER_COMMENT.finditer(text):
        code = STRING.sub("", m["code"])
        code = code.split("=", 1)[1] if re.match(r"^\s*[A-Za-z_]\w*\s*=[^=]", code) else code
        scale = float(m["divisor"] or 1)
        values = [
            scale * _evaluate(ast.parse(e.group(0), mode="eval"), {}, "snippet") for e in ARITHMETIC.finditer(code)
        ]
        copies.append((text.count("\n", 0, m.start()) + 1, m["key"], values))
    return copies


def agrees(entry: dict, number: float) -> bool:
    """A snippet's copy equals the entry's value, or an end of its range, within the
    precision the register states: half a unit in the last digit it shows (its digits) or
    half its rounding step."""
    targets = [entry["value"], *entry.get("range", [])]
    if "round" in entry:
        return any(abs(number - t) <= float(entry["round"]) / 2 for t in targets)
    digits = entry.get("digits", 3)
    return any(
        abs(number - t) <= 0.5 * 10 ** (math.floor(math.log10(abs(t))) - digits + 1) * (1 + 1e-9) if t else number == 0
        for t in targets
    )
