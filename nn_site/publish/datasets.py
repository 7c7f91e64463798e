"""The analogy ledger and the register of quantities as data files, and the bibliography.

Written at build time under ``data/``, from the same files the pages are built from:

* ``ledger.json`` / ``ledger.csv`` and ``ledger-<release>.json`` / ``.csv``: every row of
  ``includes/ledger/*.yml`` (id, claim, origin, verdict, reason, why, sources, page,
  page_url: the page's URL relative to the site's root);
* ``register.json`` / ``register.csv`` and ``register-<release>.*``: every entry of
  ``includes/quantities.yml`` (id, name, value, low, high, unit, region, sources, note,
  derived_from), derived values computed as the pages print them, a derived value's
  formula written with the register's ids (``includes/quantities.yml`` writes them with
  underscores, as Python names, for its evaluation);
* ``ledger.schema.json``, ``register.schema.json``: JSON Schema (2020-12) of the JSON files;
* ``references.bib``: the whole bibliography, ``docs/references.bib`` as it is.

A row's id never changes, so "ledger 0.1.0, row synapse-weight" finds the same row in every
later release. A row that is removed is *retired*: listed in ``includes/retired-ids.yml``
(id, the last release that had it, why), and the JSON files carry that list, so a citation
of a retired id still finds out what happened to it. ``tests/test_data_files.py`` fails
when an id that was ever published disappears without such an entry.

In the CSV files a list (sources) is joined with "; " and a missing number is empty.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import yaml

from nn_site.pages import quantities
from nn_site.publish.bank import site_path

RETIRED = Path("includes") / "retired-ids.yml"
LIST_SEPARATOR = "; "
LEDGER_FIELDS = ("id", "claim", "origin", "verdict", "reason", "why", "sources", "page", "page_url")
REGISTER_FIELDS = ("id", "name", "value", "low", "high", "unit", "region", "sources", "note", "derived_from")
SCHEMA_ID = "https://json-schema.org/draft/2020-12/schema"
FORMULA_NAME = re.compile(r"(?<![\w.])[a-z][a-z0-9_]*")  # a name in a derive: formula, not "2803e3"


class DataError(Exception):
    """A retired id or a row that cannot be written as data; the message says where."""


def _envelope_schema(name: str, title: str, row: dict, required: list[str]) -> dict:
    return {
        "$schema": SCHEMA_ID,
        "$id": f"{name}.schema.json",
        "title": title,
        "type": "object",
        "required": ["dataset", "version", "date", "rows", "retired"],
        "additionalProperties": False,
        "properties": {
            "dataset": {"const": name},
            "version": {"type": "string", "description": "The site's release these rows are from."},
            "date": {"type": "string", "format": "date"},
            "license": {"type": "string"},
            "url": {"type": ["string", "null"], "description": "The published release, if it has a public URL."},
            "rows": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": required,
                    "additionalProperties": False,
                    "properties": row,
                },
            },
            "retired": {
                "type": "array",
                "description": "Ids published once and removed since: never reused.",
                "items": {
                    "type": "object",
                    "required": ["id", "last_release", "reason"],
                    "additionalProperties": False,
                    "properties": {
                        "id": {"type": "string"},
                        "last_release": {"type": "string"},
                        "reason": {"type": "string", "minLength": 1},
                    },
                },
            },
        },
    }


SLUG = {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"}
SOURCES = {
    "type": "array",
    "items": {"type": "string", "description": "A key of references.bib, optionally ', locator' (ch. 3)."},
}
LEDGER_SCHEMA = _envelope_schema(
    "ledger",
    "The analogy ledger: one row per claim that a part of a biological neuron is like a part of an artificial one",
    {
        "id": {
            **SLUG,
            "description": (
                "Stable: never changed or reused, even if the claim is reworded. The rows of the first"
                " pages have plain ids (synapse-weight); rows added with a later page carry a short prefix"
                " naming that page (dend- dendrites, syn- synapses, inh- inhibition, tf- third factor...),"
                " part of the id, not a field to parse."
            ),
        },
        "claim": {"type": "string", "description": "The analogy or claim (Markdown, math in $...$)."},
        "origin": {"type": "string", "description": "Where the claim comes from."},
        "verdict": {"enum": ["holds", "partly", "breaks"]},
        "reason": {"type": "string", "maxLength": 72, "description": "One line of plain text: why the verdict."},
        "why": {"type": "string", "description": "The justification (Markdown; citations as [@key])."},
        "sources": SOURCES,
        "page": {"type": "string", "description": "The page that treats it (docs-relative .md)."},
        "page_url": {
            "type": "string",
            "description": "That page's URL relative to the site's root (prefix the release's url to open it).",
        },
    },
    list(LEDGER_FIELDS),
)
REGISTER_SCHEMA = _envelope_schema(
    "register",
    "The register of quantities: measured numbers the site uses in more than one place",
    {
        "id": {**SLUG, "description": "Stable: never changed or reused."},
        "name": {"type": "string"},
        "value": {"type": "number"},
        "low": {"type": ["number", "null"], "description": "Lower end of the range, if any."},
        "high": {"type": ["number", "null"], "description": "Upper end of the range, if any."},
        "unit": {"type": "string"},
        "region": {"type": "string", "description": "Where and in what species it holds."},
        "sources": {**SOURCES, "description": "Empty for a derived quantity: see its inputs'."},
        "note": {"type": "string"},
        "derived_from": {
            "type": ["string", "null"],
            "description": (
                "For a derived quantity, its formula over other rows' ids (+ - * / and parentheses,"
                " always between spaces, so a '-' inside a name is part of an id)."
            ),
        },
    },
    list(REGISTER_FIELDS),
)


def load_retired(root: Path) -> dict[str, list[dict]]:
    """``includes/retired-ids.yml``: {"ledger": [...], "register": [...]}, each entry
    id, last_release, reason."""
    path = root / RETIRED
    if not path.is_file():
        return {"ledger": [], "register": []}
    where = RETIRED.as_posix()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise DataError(f"{where}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or set(data) - {"ledger", "register"}:
        raise DataError(f"{where}: must be a mapping with the lists 'ledger' and 'register'")
    retired = {}
    for name in ("ledger", "register"):
        entries = data.get(name) or []
        for n, entry in enumerate(entries, 1):
            if not isinstance(entry, dict) or set(entry) != {"id", "last_release", "reason"}:
                raise DataError(f"{where}: {name} entry {n} must have exactly id, last_release and reason")
            if not all(isinstance(entry[k], str) and entry[k].strip() for k in entry):
                raise DataError(f"{where}: {name} entry {n} ({entry.get('id')!r}): every field is a non-empty text")
        retired[name] = [dict(e) for e in entries]
    return retired


def ledger_rows(rows: list[dict], register: dict, use_directory_urls: bool = True) -> list[dict]:
    """The ledger's rows as data, register numbers ([[q:key]]) printed as on the pages."""
    out = []
    for row in rows:
        where = row.get("file", "includes/ledger")

        def text(name: str, row: dict = row, where: str = where) -> str:
            return quantities.expand(str(row[name]), where, register).replace("\u00a0", " ")

        out.append(
            {
                "id": row["id"],
                "claim": text("analogy"),
                "origin": text("origin"),
                "verdict": row["verdict"],
                "reason": str(row["reason"]),
                "why": text("why"),
                "sources": [str(s) for s in row["sources"]],
                "page": row["page"],
                "page_url": site_path(row["page"], use_directory_urls),
            }
        )
    return out


def formula_with_ids(formula: str, ids, where: str) -> str:
    """A ``derive:`` formula with its Python names (underscores) written as the ids they
    stand for (hyphens), so a reader of the data finds each input among the rows."""

    def name_to_id(match: re.Match) -> str:
        key = match[0].replace("_", "-")
        if key not in ids:
            raise DataError(f"{where}: derived_from names {match[0]!r}, which is no register id")
        return key

    return FORMULA_NAME.sub(name_to_id, formula)


def register_rows(entries: dict) -> list[dict]:
    """The register's entries as data; a derived entry's value and range rounded as the
    pages print them (its ``round`` or ``digits``)."""
    out = []
    for key, entry in entries.items():
        low, high = entry.get("range") or (None, None)

        def value(x, entry: dict = entry) -> float | None:
            if x is None:
                return None
            return float(quantities.rounded(entry, float(x)) if "derive" in entry else x)

        out.append(
            {
                "id": key,
                "name": str(entry["name"]),
                "value": value(entry["value"]),
                "low": value(low),
                "high": value(high),
                "unit": str(entry.get("unit") or ""),
                "region": str(entry["region"]),
                "sources": [str(s) for s in entry.get("source") or []],
                "note": str(entry.get("note") or ""),
                "derived_from": (
                    formula_with_ids(entry["derive"], entries, f"includes/quantities.yml: {key}")
                    if "derive" in entry
                    else None
                ),
            }
        )
    return out


def to_csv(rows: list[dict], fields: tuple[str, ...], name: str) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        cells = {}
        for f in fields:
            value = row[f]
            if isinstance(value, list):
                if any(LIST_SEPARATOR.strip() in v for v in value):
                    raise DataError(f"{name} row {row['id']!r}: {f} contains {LIST_SEPARATOR.strip()!r}")
                value = LIST_SEPARATOR.join(value)
            elif value is None:
                value = ""
            elif isinstance(value, float):
                value = repr(value)  # round-trips exactly
            cells[f] = value
        writer.writerow(cells)
    return buffer.getvalue()


def render(
    rows: list[dict], register: dict, root: Path, bib: Path, release, license_: str, use_directory_urls: bool = True
) -> dict[str, str]:
    """Site path -> content of every data file."""
    retired = load_retired(root)
    sets = {"ledger": ledger_rows(rows, register, use_directory_urls), "register": register_rows(register)}
    schemas = {"ledger": LEDGER_SCHEMA, "register": REGISTER_SCHEMA}
    fields = {"ledger": LEDGER_FIELDS, "register": REGISTER_FIELDS}
    files = {}
    for name, data in sets.items():
        live = {row["id"] for row in data}
        back = sorted(e["id"] for e in retired[name] if e["id"] in live)
        if back:
            raise DataError(f"{RETIRED.as_posix()}: {name} id(s) {', '.join(back)} are retired but still in use")
        document = {
            "dataset": name,
            "version": release.version,
            "date": release.date,
            "license": license_,
            "url": release.versioned_root,
            "rows": data,
            "retired": retired[name],
        }
        text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
        table = to_csv(data, fields[name], name)
        files[f"data/{name}.json"] = text
        files[f"data/{name}-{release.version}.json"] = text
        files[f"data/{name}.csv"] = table
        files[f"data/{name}-{release.version}.csv"] = table
        files[f"data/{name}.schema.json"] = json.dumps(schemas[name], indent=1) + "\n"
    files["data/references.bib"] = bib.read_text(encoding="utf-8")
    return files
