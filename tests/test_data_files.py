"""The ledger and the register as data files, and the bibliography download
(nn_site/publish/datasets.py): in the built site, valid against their own schemas, the CSV
the same rows as the JSON, and no id that was ever published gone without a retirement."""

from __future__ import annotations

import csv
import io
import json
import re

import jsonschema
import pytest

from nn_site.pages import ledger, quantities
from nn_site.publish import datasets

from conftest import ROOT

PUBLISHED_IDS = ROOT / "tests" / "data" / "published_ids.json"
DATASETS = ("ledger", "register")


def release() -> str:
    for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("release:"):
            return line.split(":", 1)[1].split("#")[0].strip()
    raise AssertionError("mkdocs.yml has no extra.release")


def load(site, name: str) -> tuple[dict, dict]:
    document = json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data" / f"{name}.schema.json").read_text(encoding="utf-8"))
    return document, schema


def read_csv(text: str, schema: dict) -> list[dict]:
    """The CSV's rows as a reader gets them, typed by the schema: lists split at '; ',
    numbers parsed, an empty cell of a nullable field None."""
    properties = schema["properties"]["rows"]["items"]["properties"]
    rows = []
    for raw in csv.DictReader(io.StringIO(text)):
        row = {}
        for name, value in raw.items():
            kinds = properties[name].get("type", "string")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if "array" in kinds:
                row[name] = value.split("; ") if value else []
            elif value == "" and "null" in kinds:
                row[name] = None
            elif "number" in kinds:
                row[name] = float(value)
            else:
                row[name] = value
        rows.append(row)
    return rows


@pytest.mark.parametrize("name", DATASETS)
def test_data_files_are_in_the_site_and_versioned(site, name):
    version = release()
    for suffix in (".json", ".csv"):
        current, versioned = site / "data" / f"{name}{suffix}", site / "data" / f"{name}-{version}{suffix}"
        assert current.is_file() and versioned.is_file(), f"site/data/{name}{suffix} or its {version} copy is missing"
        assert current.read_bytes() == versioned.read_bytes()
    document, _ = load(site, name)
    assert document["dataset"] == name and document["version"] == version


@pytest.mark.parametrize("name", DATASETS)
def test_json_is_valid_against_its_schema(site, name):
    document, schema = load(site, name)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors, errors[:5]
    # The schema is strict enough to fail: a verdict or a missing field it must reject.
    broken = json.loads(json.dumps(document))
    broken["rows"][0].pop("id")
    assert not validator.is_valid(broken)
    if name == "ledger":
        broken = json.loads(json.dumps(document))
        broken["rows"][0]["verdict"] = "mostly"
        assert not validator.is_valid(broken)


@pytest.mark.parametrize("name", DATASETS)
def test_csv_round_trips_to_the_json_rows(site, name):
    document, schema = load(site, name)
    rows = read_csv((site / "data" / f"{name}.csv").read_text(encoding="utf-8"), schema)
    assert rows == document["rows"]
    assert list(rows[0]) == list(schema["properties"]["rows"]["items"]["properties"])


def test_ledger_data_is_the_ledger(site):
    document, _ = load(site, "ledger")
    rows = ledger.load(ROOT)
    assert [r["id"] for r in document["rows"]] == [r["id"] for r in rows]
    by_id = {r["id"]: r for r in document["rows"]}
    for row in rows:
        data = by_id[row["id"]]
        assert (data["verdict"], data["reason"], data["page"]) == (row["verdict"], row["reason"], row["page"])
        # The page as the site serves it: a file there, reached from the site's root.
        assert data["page_url"] == row["page"].removesuffix(".md") + "/"
        assert (site / data["page_url"] / "index.html").is_file(), data["page_url"]
        assert data["sources"] == [str(s) for s in row["sources"]]
        assert "[[q:" not in data["why"] + data["claim"], f"{row['id']}: a register number left unprinted"


def test_register_data_is_the_register(site):
    document, _ = load(site, "register")
    entries = quantities.load(ROOT)
    assert [r["id"] for r in document["rows"]] == list(entries)
    for row in document["rows"]:
        entry = entries[row["id"]]
        assert row["unit"] == str(entry.get("unit") or "") and row["region"] == entry["region"]
        if "derive" in entry:  # as the pages print it
            assert row["value"] == quantities.rounded(entry, entry["value"])
            # The formula with the ids of the rows it uses: each name is a row, and
            # writing the ids back as Python names gives includes/quantities.yml's formula.
            names = re.findall(r"(?<![\w.])[a-z][a-z0-9-]*", row["derived_from"])
            assert names and set(names) <= set(entries), row["derived_from"]
            assert re.sub(r"(?<=[a-z0-9])-(?=[a-z0-9])", "_", row["derived_from"]) == entry["derive"]
        else:
            assert row["value"] == float(entry["value"]) and row["sources"] == [str(s) for s in entry["source"]]
        if entry.get("range"):
            assert row["low"] <= row["value"] <= row["high"]


def test_bibliography_download_is_the_bibliography(site):
    assert (site / "data" / "references.bib").read_bytes() == (ROOT / "docs" / "references.bib").read_bytes()


def lost_ids(published: dict, live: dict, retired: dict) -> dict[str, list[str]]:
    """Ids that were published and are neither live nor retired, per data set."""
    return {
        name: sorted(set(published[name]) - set(live[name]) - {e["id"] for e in retired[name]}) for name in DATASETS
    }


def current_ids() -> dict[str, list[str]]:
    return {"ledger": [r["id"] for r in ledger.load(ROOT)], "register": list(quantities.load(ROOT))}


def test_no_published_id_disappears_without_a_retirement():
    published = json.loads(PUBLISHED_IDS.read_text(encoding="utf-8"))
    lost = lost_ids(published, current_ids(), datasets.load_retired(ROOT))
    assert not any(lost.values()), (
        f"ids published before and now gone: {lost}. Ids never change: put the row back, or list it "
        "in includes/retired-ids.yml with the last release that had it and why it went")


def test_every_live_id_is_recorded_as_published():
    """The record grows with every new row, so that its removal later is caught."""
    published = json.loads(PUBLISHED_IDS.read_text(encoding="utf-8"))
    new = {name: sorted(set(ids) - set(published[name])) for name, ids in current_ids().items()}
    assert not any(new.values()), f"add these ids to tests/data/published_ids.json (never remove one): {new}"


def test_a_removed_row_is_caught_and_a_retired_one_is_not():
    published = {"ledger": ["a", "b"], "register": ["q"]}
    live = {"ledger": ["a"], "register": ["q"]}
    assert lost_ids(published, live, {"ledger": [], "register": []}) == {"ledger": ["b"], "register": []}
    retired = {"ledger": [{"id": "b", "last_release": "0.1.0", "reason": "merged into a"}], "register": []}
    assert lost_ids(published, live, retired) == {"ledger": [], "register": []}


def test_retired_ids_file_is_checked(tmp_path):
    (tmp_path / "includes").mkdir()
    path = tmp_path / "includes" / "retired-ids.yml"
    path.write_text("ledger:\n  - id: gone\n    last_release: 0.1.0\n", encoding="utf-8")
    with pytest.raises(datasets.DataError, match=r"includes/retired-ids.yml: ledger entry 1 must have"):
        datasets.load_retired(tmp_path)
    path.write_text("ledger:\n  - id: synapse-weight\n    last_release: 0.1.0\n    reason: x\n", encoding="utf-8")
    retired = datasets.load_retired(tmp_path)
    assert retired["ledger"][0]["id"] == "synapse-weight" and retired["register"] == []


def test_a_retired_id_still_in_use_fails_the_build(tmp_path):
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "retired-ids.yml").write_text(
        "ledger:\n  - id: synapse-weight\n    last_release: 0.1.0\n    reason: merged\n", encoding="utf-8")
    (tmp_path / "references.bib").write_text("", encoding="utf-8")
    rows = [{"id": "synapse-weight", "analogy": "a", "origin": "site", "verdict": "holds", "reason": "r",
             "why": "w", "sources": [], "page": "mapping.md"}]

    class Release:
        version, date, versioned_root = "0.1.0", "2026-11-22", None

    with pytest.raises(datasets.DataError, match="synapse-weight are retired but still in use"):
        datasets.render(rows, {}, tmp_path, tmp_path / "references.bib", Release(), "CC BY 4.0")


def test_a_derived_formula_names_register_ids():
    ids = {"brain-power", "fuel-energy-per-atp", "mac-45nm"}
    formula = "brain_power / fuel_energy_per_atp * 6.02214076e23 - mac_45nm"
    written = datasets.formula_with_ids(formula, ids, "q.yml: x")
    assert written == "brain-power / fuel-energy-per-atp * 6.02214076e23 - mac-45nm"
    with pytest.raises(datasets.DataError, match=r"q.yml: x: derived_from names 'brain_mass', which is no register id"):
        datasets.formula_with_ids("brain_mass * 2", ids, "q.yml: x")
