"""The register of quantities (includes/quantities.yml, nn_site/pages/quantities.py).

A registered number is typed once: pages print it through [[q:key]], snippets keep a copy
marked "# register: key" that must equal it, and no page, notebook, ledger row or glossary
line may type it in its own words. Each check is shown to fail on a planted fault.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml

from nn_site.pages import quantities as q
from nn_site.pages import typography

from conftest import ROOT

BIB_KEYS = set(re.findall(r"@\w+\{([\w:-]+),", (ROOT / "docs" / "references.bib").read_text(encoding="utf-8")))
REGISTER = q.load(ROOT, BIB_KEYS)


def prose_files():
    """(name, text) of every page, notebook Markdown cell, ledger file and the glossary."""
    for page in sorted((ROOT / "docs").glob("*.md")):
        yield f"docs/{page.name}", page.read_text(encoding="utf-8")
    for notebook in sorted((ROOT / "docs" / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for n, cell in enumerate(cells):
            if cell["cell_type"] == "markdown":
                yield f"docs/notebooks/{notebook.name} cell {n}", "".join(cell["source"])
    for ledger in sorted((ROOT / "includes" / "ledger").glob("*.yml")):
        yield f"includes/ledger/{ledger.name}", ledger.read_text(encoding="utf-8")
    yield "includes/abbreviations.md", (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8")


def test_no_page_types_a_registered_quantity():
    found = [f"{name}:{line}: {words!r} states register entry '{key}'; write [[q:{key}]]"
             for name, text in prose_files() for line, words, key in q.typed_quantities(text, REGISTER)]
    assert not found, "\n".join(found)


def test_a_typed_quantity_is_caught_with_page_line_and_key():
    text = "# T\n\nThe neocortex has\nabout 9,200 synapses per neuron [@pakkenberg2003].\n\n```python\nN = 86.1e9\n```\n"
    assert q.typed_quantities(text, REGISTER) == [(4, "9,200 synapses", "neocortex-synapses-per-neuron")]
    assert q.typed_quantities('An article says "86 billion neurons".', REGISTER) == []  # a quotation


def test_every_q_reference_expands():
    for name, text in prose_files():
        q.expand(text, name, REGISTER)


def test_an_unknown_key_or_option_names_file_and_line():
    with pytest.raises(q.QuantityError, match=r"^x\.md:3: \[\[q:no-such\]\] names no entry"):
        q.expand("a\n\nb [[q:no-such]]", "x.md", REGISTER)
    with pytest.raises(q.QuantityError, match=r"^x\.md:1: .*unknown option\(s\) bold"):
        q.expand("[[q:brain-neurons|bold]]", "x.md", REGISTER)
    with pytest.raises(q.QuantityError, match="has no range"):
        q.expand("[[q:neocortex-synapses|range]]", "x.md", REGISTER)


def test_reader_notation_and_citation():
    expand = lambda text: q.expand(text, "x.md", REGISTER).replace("\u00a0", " ")  # noqa: E731
    assert expand("[[q:neocortex-synapses|cite]]") == "1.5 × 10¹⁴ synapses [@pakkenberg2003; @tang2001]"
    assert expand("[[q:neocortex-synapses|tex]]") == "1.5 \\times 10^{14}"
    assert expand("[[q:resting-potential|range]]") == "−80 to −60 mV"
    assert expand("[[q:brain-neurons|billion]]") == "86.1 billion neurons"
    assert expand("[[q:dram-read-45nm|range]]") == "1,300 to 2,600 pJ"
    assert expand("[[q:atp-free-energy|range,cite]]") == "50 to 65 kJ/mol [@nelson2017, ch. 13]"
    assert expand("[[q:cortex-neuron-share]]") == "19%"


def test_synapses_per_neuron_divides_counts_of_one_region():
    """Issue 27: 1.5e14 neocortical synapses over 2.1e10 neocortical neurons (the mean of the
    sexes' means, 19 and 23 billion) is about 7,100; 2e10, that mean rounded to one digit,
    gave a falsely precise 7,500, and the whole cerebral cortex's 1.6e10 neurons (9,200)
    mixes regions."""
    ratio = REGISTER["neocortex-synapses-per-neuron"]
    assert ratio["derive"] == "neocortex_synapses / neocortex_neurons"
    neurons = REGISTER["neocortex-neurons"]
    assert neurons["value"] == pytest.approx(sum(neurons["range"]) / 2)   # the mean of the two means
    assert ratio["value"] == pytest.approx(1.5e14 / 2.1e10)
    assert q.reader(ratio["value"], ratio) == "7,100"
    for key in ("neocortex-synapses", "neocortex-neurons"):
        assert REGISTER[key]["region"].startswith("neocortex")
    assert REGISTER["cortex-neurons"]["region"].startswith("whole cerebral cortex")
    # the ratios that follow from it
    events = REGISTER["synaptic-events-per-mac"]
    assert [round(x) for x in events["range"]] == [127, 165]
    assert q.expand("[[q:synaptic-events-per-mac|range]]", "x", REGISTER) == "127 to 165"


def test_the_corrections_log_states_what_the_site_prints():
    """The two corrections of synapses per neuron state the numbers the register derives."""
    log = {e["id"]: e for e in yaml.safe_load((ROOT / "includes" / "corrections.yml").read_text(encoding="utf-8"))}
    per_neuron = q.expand("[[q:neocortex-synapses-per-neuron|nounit]]", "x", REGISTER)
    spread = q.expand("[[q:neocortex-synapses-per-neuron|range,nounit]]", "x", REGISTER)
    for key in ("synapses-per-neuron-regions", "synapses-per-neuron-arithmetic"):
        assert per_neuron in log[key]["right"] and spread in log[key]["right"], key
    regions = log["synapses-per-neuron-regions"]["right"]
    for key in ("synaptic-event-energy", "synaptic-events-per-mac"):
        assert q.expand(f"[[q:{key}|range,nounit]]", "x", REGISTER) in regions, key


def test_energy_per_operation_names_its_process_node():
    for key, entry in REGISTER.items():
        if entry["unit"] == "pJ" and "silicon" in entry["region"]:
            assert "45 nm" in entry["region"] and key.endswith("-45nm"), key


SNIPPETS = sorted((ROOT / "snippets").rglob("*.py"))


def test_snippet_copies_equal_the_register():
    problems, copies = [], 0
    for path in SNIPPETS:
        for line, key, values in q.snippet_copies(path.read_text(encoding="utf-8")):
            where = f"{path.relative_to(ROOT)}:{line}"
            copies += 1
            if key not in REGISTER:
                problems.append(f"{where}: '# register: {key}' names no register entry")
            elif not values:
                problems.append(f"{where}: '# register: {key}' on a line with no number")
            else:
                problems += [f"{where}: {v:g} differs from the register's {key} "
                             f"({REGISTER[key]['value']:g}, range {REGISTER[key].get('range')})"
                             for v in values if not q.agrees(REGISTER[key], v)]
    assert not problems, "\n".join(problems)
    assert copies >= 20


def test_a_wrong_snippet_copy_is_caught():
    [(line, key, values)] = q.snippet_copies('X = 1\nN = point("n", 0.15e16, "s")  # register: neocortex-synapses\n')
    assert (line, key, values) == (2, "neocortex-synapses", [1.5e15])
    assert not q.agrees(REGISTER[key], values[0])
    [(_, _, share)] = q.snippet_copies("F = 0.20  # register: brain-metabolism-share / 100\n")
    assert q.agrees(REGISTER["brain-metabolism-share"], share[0])
    assert not q.agrees(REGISTER["brain-metabolism-share"], 0.25 * 100)


@pytest.mark.parametrize("fault, message", [
    ("- key: brain-neurons\n  value: 86.1e9\n", r"entry 1 \(key 'brain-neurons'\): missing name"),
    ("- key: a\n  name: A\n  derive: b * 2\n  unit: ''\n  region: r\n  note: ''\n  digits: 2\n  phrasings: []\n  topic: counts\n",
     r"entry 1 \(key 'a'\): derive names 'b', which is not a key"),
    ("- key: a\n  name: A\n  value: 3\n  range: [4, 5]\n  unit: W\n  region: r\n  source: [kety1948]\n"
     "  note: ''\n  digits: 2\n  phrasings: []\n  topic: counts\n", r"entry 1 \(key 'a'\): value 3.0 is outside its range"),
    ("- key: a\n  name: A\n  value: 3\n  unit: W\n  region: r\n  source: [nokey2000]\n"
     "  note: ''\n  digits: 2\n  phrasings: []\n  topic: counts\n", r"entry 1 \(key 'a'\): unknown bibliography key 'nokey2000'"),
    ("- key: a\n  name: A\n  value: 3\n  unit: W\n  region: r\n  source: [\"kety1948, page 3\"]\n"
     "  note: ''\n  digits: 2\n  phrasings: []\n  topic: counts\n", r"entry 1 .*locator is not like"),
    ("- key: a\n  name: A\n  derive: 2 * 3\n  unit: W\n  region: r\n  note: ''\n  phrasings: []\n  topic: counts\n",
     r"entry 1 \(key 'a'\): a derived entry needs 'round' or 'digits'"),
    ("- key: a\n  name: A\n  value: 3\n  unit: W\n  region: r\n  source: [kety1948]\n"
     "  note: ''\n  digits: 2\n  phrasings: []\n", r"entry 1 \(key 'a'\): missing topic"),
    ("- key: a\n  name: A\n  value: 3\n  unit: W\n  region: r\n  source: [kety1948]\n"
     "  note: ''\n  digits: 2\n  phrasings: []\n  topic: energy\n",
     r"entry 1 \(key 'a'\): topic 'energy' is not one of counts, "),
])
def test_a_malformed_register_names_file_and_entry(tmp_path, fault, message):
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "quantities.yml").write_text(fault, encoding="utf-8")
    with pytest.raises(q.QuantityError, match=r"^includes/quantities\.yml: " + message):
        q.load(tmp_path, BIB_KEYS)


def test_a_changed_register_value_reaches_the_pages_and_fails_the_copies(tmp_path):
    """Break a register value: the derived numbers follow it, and the snippets' copies fail."""
    (tmp_path / "includes").mkdir()
    text = (ROOT / "includes" / "quantities.yml").read_text(encoding="utf-8")
    (tmp_path / "includes" / "quantities.yml").write_text(text.replace("value: 2.1e10", "value: 2.2e10"),
                                                          encoding="utf-8")
    broken = q.load(tmp_path, BIB_KEYS)
    assert q.expand("[[q:neocortex-synapses-per-neuron|nounit]]", "x", broken) == "6,800"
    costs = (ROOT / "snippets" / "spike_energy" / "costs.py").read_text(encoding="utf-8")
    [copy] = [v for _, key, v in q.snippet_copies(costs) if key == "neocortex-neurons"]
    assert not q.agrees(broken["neocortex-neurons"], copy[0])


def test_the_hook_fails_the_build_on_an_unknown_key(tmp_path):
    from mkdocs.exceptions import PluginError

    shutil.copytree(ROOT / "includes", tmp_path / "includes")
    with pytest.raises(PluginError, match=r"quantities: spike-energy\.md:2: \[\[q:nope\]\]"):
        q.expand_page("# T\n[[q:nope]]\n", "spike-energy.md", tmp_path, BIB_KEYS)
    table = q.expand_page(q.MARKER, "quantities.md", tmp_path, BIB_KEYS)
    assert "derived: `neocortex-synapses / neocortex-neurons` (rounded to 100)" in table


def test_the_register_page_and_the_corrected_pages_are_built(site):
    per_neuron = q.expand("[[q:neocortex-synapses-per-neuron|nounit]]", "x", REGISTER)
    events = q.expand("[[q:synaptic-events-per-mac|range]]", "x", REGISTER)
    page = (site / "quantities" / "index.html").read_text(encoding="utf-8")
    assert "Synapses per neocortical neuron, on average" in page and per_neuron in page
    assert "±1 SD" in page
    # In prose the number is set as the site sets numbers (7,100 -> 7100: nn_site/pages/typography.py).
    in_prose = typography.set_numbers(per_neuron)
    spike = (site / "spike-energy" / "index.html").read_text(encoding="utf-8")
    assert in_prose in spike and "[[q:" not in spike
    assert not [old for old in ("9,200", "7,500", "9200", "7500") if old in spike]
    assert events in spike
    neuron = (site / "biological-neuron" / "index.html").read_text(encoding="utf-8")
    assert in_prose in neuron and not [old for old in ("7,000", "7,500", "7000", "7500") if old in neuron]
    ledger = (site / "ledger" / "index.html").read_text(encoding="utf-8")
    assert f"{events} times cheaper" in ledger
    glossary = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "rests near \u221270\u00a0mV" in glossary or "rests near \u221270&nbsp;mV" in glossary


def test_register_fields_are_text_never_html(tmp_path):
    """A note, name or region is inline Markdown with raw HTML escaped (issue 28): a
    <script> in the register shows as text on the register page."""
    entries = dict(q.load(ROOT, BIB_KEYS))
    key = next(iter(entries))
    entries[key] = {**entries[key], "note": 'See <script>alert("x")</script> and *this*.',
                    "name": "<img src=x onerror=alert(1)>"}
    table = q.table(entries)
    assert "<script>" not in table and "<img src=x" not in table
    assert "&lt;script&gt;" in table and "&lt;img src=x onerror=alert(1)&gt;" in table
    assert "*this*" in table  # Markdown is still Markdown


def test_the_page_groups_the_register_by_its_topics():
    """A visual review: one table of 44 rows had no landmarks. The page has one table per
    topic, under its heading, in TOPICS' order; the grouping is each entry's topic field,
    every entry is in exactly one table, with its key as its row's anchor."""
    md = q.table(REGISTER)
    headings = re.findall(r"^## (.*) \{#topic-([a-z-]+)\}$", md, re.M)
    used = [t for t in q.TOPICS if any(e["topic"] == t for e in REGISTER.values())]
    assert [t for _, t in headings] == used and [h for h, _ in headings] == [q.TOPICS[t] for t in used]
    assert len(used) >= 5
    sections = re.split(r"^## .*$", md, flags=re.M)[1:]
    for (_, topic), section in zip(headings, sections):
        keys = re.findall(r'<span class="register-anchor" id="([a-z0-9-]+)"></span>', section)
        assert keys == [e["key"] for e in sorted(REGISTER.values(), key=lambda e: e["row"]) if e["topic"] == topic]
    anchors = re.findall(r'id="([a-z0-9-]+)"></span>', md)
    assert sorted(anchors) == sorted(REGISTER) and len(anchors) == len(set(anchors))
    assert md.count("| Quantity | Value | Region, species | Source |") == len(used)
