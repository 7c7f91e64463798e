"""The analogy ledger is data (includes/ledger/*.yml, nn_site/pages/ledger.py): every row is
valid, every article point is covered, every fault is a clear error, and no page states a
verdict other than the data's."""

from __future__ import annotations

import html
import json
import re
import shutil
from collections import Counter

import markdown
import pytest
import yaml

from nn_site.pages import ledger, typography

from conftest import ROOT

DOCS = ROOT / "docs"
BIB_KEYS = set(re.findall(r"^@\w+\{([^,\s]+),", (DOCS / "references.bib").read_text(encoding="utf-8"),
                          flags=re.MULTILINE))
ROWS = ledger.load(ROOT, DOCS, BIB_KEYS)


def pages() -> dict[str, str]:
    """Every text a reader sees: Markdown pages, notebooks' Markdown cells, the glossary."""
    texts = {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in sorted(DOCS.rglob("*.md"))}
    for nb in sorted(DOCS.rglob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        texts[nb.relative_to(ROOT).as_posix()] = "\n\n".join(
            "".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    texts["includes/abbreviations.md"] = (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    return texts


def test_rows_load_and_cover_every_article_point():
    assert len(ROWS) >= 35
    origins = Counter(r["origin"] for r in ROWS)
    assert origins["technical-perspective article: mapping"] == 5    # its five-row mapping
    assert origins["right-and-wrong article: summary table"] == 4     # its four-row summary
    for n in (1, 2, 3):
        assert origins[f"right-and-wrong article: what it gets right #{n}"] == 1
        assert origins[f"technical-perspective article: limit #{n}"] == 1
    for n in (1, 2, 3, 4):
        assert origins[f"right-and-wrong article: what it gets wrong #{n}"] == 1
    assert origins["neural-vs-neuronal article: prospects"] >= 1
    assert not any("seed" in r["origin"].lower() for r in ROWS)


WHY_MAX = 330  # "one or two sentences"; a longer why makes a table row too tall on a 390-px phone


def shown_length(why: str) -> int:
    """A why's length as read: its $math$ counted by the symbols it shows, not by its TeX
    (``$\\exp(-(V_\\text{th} - \\mu)^2)$`` is about as long as ``exp(−(V_th − μ)²)``)."""
    def shown(math: re.Match) -> str:
        return re.sub(r"\\(?:text|mathrm|mathbf)|[{}_^$ ]|\\[,;!]", "", re.sub(r"\\[A-Za-z]+(?![{])", "x", math[0]))

    return len(re.sub(r"\$[^$]+\$", shown, why))


def test_a_why_is_measured_by_the_math_it_shows():
    assert shown_length(r"falls as $\exp(-(V_\text{th} - \mu)^2/\sigma^2)$") == len("falls as exp(−(Vth−μ)2/σ2)")
    assert shown_length("no math here") == len("no math here")


def test_every_why_is_short():
    ledger_dir = ROOT / "includes" / "ledger"
    too_long = [f"{path.relative_to(ROOT).as_posix()}: row {row['id']}: why is {shown_length(row['why'])} characters"
                for path in sorted(ledger_dir.glob("*.yml"))
                for row in yaml.safe_load(path.read_text(encoding="utf-8")) or []
                if shown_length(row.get("why", "")) > WHY_MAX]
    assert not too_long, (f"a ledger why is at most {WHY_MAX} characters, one or two sentences "
                          "(the page has the detail):\n" + "\n".join(too_long))


@pytest.mark.parametrize(("edit", "message"), [
    (lambda t: t.replace("verdict: partly", "verdict: mostly", 1), "verdict 'mostly' is not one of"),
    (lambda t: t.replace("page: mapping.md", "page: no-such-page.md", 1), "page 'no-such-page.md' does not exist"),
    (lambda t: t.replace("sources: [\"london2005,", "sources: [\"nosuchkey2099,", 1), "unknown bibliography key 'nosuchkey2099'"),
    (lambda t: t.replace("id: synapse-weight", "id: dendrites-inputs", 1), "duplicate id"),
    (lambda t: t.replace("  why: Dendrites bring", "  wy: Dendrites bring", 1), "missing why"),
])
def test_a_bad_row_is_a_clear_error(tmp_path, edit, message):
    shutil.copytree(ROOT / "includes" / "ledger", tmp_path / "includes" / "ledger")
    target = tmp_path / "includes" / "ledger" / "10-structure.yml"
    changed = edit(target.read_text(encoding="utf-8"))
    assert changed != target.read_text(encoding="utf-8"), "the planted fault did not apply"
    target.write_text(changed, encoding="utf-8")
    with pytest.raises(ledger.LedgerError) as err:
        ledger.load(tmp_path, DOCS, BIB_KEYS)
    assert message in str(err.value)
    assert re.search(r"includes/ledger/10-structure\.yml:\d+: row \d+ ", str(err.value))  # file, line and row


def _line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


@pytest.mark.parametrize(("edit", "message"), [
    (lambda r: r + " and then a good deal more", "characters, more than 72"),
    (lambda r: r[:40] + " [@bliss1973]", "'[@' makes a citation"),
    (lambda r: r[:40] + " [LTP](mapping.md)", "'](' makes a link"),
    (lambda r: r[:40] + " *not* a constant", "'*' makes emphasis"),
    (lambda r: r[:40] + " $w$", "'$' makes math"),
    (lambda r: "|\n    two\n    lines", "must be one line"),
])
def test_a_bad_reason_is_an_error_naming_file_line_and_row(tmp_path, edit, message):
    """The second row's reason, spoilt: the error points at its line."""
    shutil.copytree(ROOT / "includes" / "ledger", tmp_path / "includes" / "ledger")
    target = tmp_path / "includes" / "ledger" / "10-structure.yml"
    text = target.read_text(encoding="utf-8")
    row = next(r for r in ROWS if r["id"] == "synapse-weight")
    line = _line_of(text, f"  reason: {row['reason']}")
    spoilt = edit(row["reason"])
    value = spoilt if spoilt.startswith("|") else json.dumps(spoilt, ensure_ascii=False)
    target.write_text(text.replace(f"  reason: {row['reason']}\n", f"  reason: {value}\n", 1), encoding="utf-8")
    with pytest.raises(ledger.LedgerError) as err:
        ledger.load(tmp_path, DOCS, BIB_KEYS)
    assert message in str(err.value)
    assert f"includes/ledger/10-structure.yml:{line}: row 2 (id 'synapse-weight'): reason" in str(err.value)


def test_a_missing_reason_names_the_rows_line(tmp_path):
    shutil.copytree(ROOT / "includes" / "ledger", tmp_path / "includes" / "ledger")
    target = tmp_path / "includes" / "ledger" / "10-structure.yml"
    text = target.read_text(encoding="utf-8")
    line = _line_of(text, "- id: synapse-weight")
    target.write_text(re.sub(r"(id: synapse-weight\n(?:  (?!reason).*\n)*)  reason: .*\n", r"\1", text, count=1),
                      encoding="utf-8")
    with pytest.raises(ledger.LedgerError) as err:
        ledger.load(tmp_path, DOCS, BIB_KEYS)
    assert f"includes/ledger/10-structure.yml:{line}: row 2 (id 'synapse-weight'): missing reason" in str(err.value)


def test_every_reason_is_one_short_plain_line():
    """What the loader enforces, stated for the data itself (a row's reason shows unwrapped)."""
    assert len(ROWS) == 86 and all(r.get("reason") for r in ROWS)
    too_long = [(r["id"], len(r["reason"])) for r in ROWS if len(r["reason"]) > ledger.REASON_MAX]
    assert ledger.REASON_MAX == 72 and not too_long, too_long
    assert not [r["id"] for r in ROWS if "\n" in r["reason"] or "[@" in r["reason"] or "](" in r["reason"]]


@pytest.mark.parametrize(("body", "message"), [
    ("rows: [synapse-weight, no-such-row]", "unknown ledger row id(s) no-such-row"),
    ("page: nowhere.md", "no ledger row has page 'nowhere.md'"),
    ("rows: [synapse-weight]\npage: mapping.md", "exactly one of"),
    ("rows: [synapse-weight]\ncolumns: [analogy, colour]", "'columns' must be"),
    ("all: true\ncompact: true\ncolumns: [analogy]", "'compact' sets its own columns"),
    ("rows: [synapse-weight]\ncolumns: [analogy, why]", "'columns' must include analogy and verdict"),
    ("all: true\nfilter: yes please", "'filter' must be true or false"),
])
def test_a_bad_block_is_a_clear_error(body, message):
    with pytest.raises(ledger.LedgerError) as err:
        ledger.parse_block(body, "mapping.md:12", ROWS)
    assert message in str(err.value) and "mapping.md:12" in str(err.value)


def test_block_renders_rows_with_their_data():
    out = ledger.render_fences("Intro.\n\n```ledger\nrows: [synapse-weight, stdp]\n```\n\nSee [[verdict:stdp]].\n",
                               "mapping.md", ROWS, DOCS)
    verdicts = {r["id"]: r["verdict"] for r in ROWS}
    assert f'verdict-{verdicts["synapse-weight"]}">{verdicts["synapse-weight"]}</strong>' in out
    assert out.count("\n| ") == 3 and "[@bliss1973]" in out and "See <strong" in out
    # the why cites bliss1973 and abbott2004: no Sources column repeats them; holtmaat2009,
    # which it does not cite, follows it
    assert "| Sources |" not in out and "Also [@holtmaat2009]." in out


def _keys_per_row(markdown: str) -> list[list[str]]:
    return [re.findall(r"@([\w:-]+)", line) for line in markdown.splitlines()
            if line.startswith("| ") and not line.startswith("| Analogy or claim |")]  # rows, not the header


@pytest.mark.parametrize("options", ["", "compact: true"])
def test_each_source_is_listed_once_per_row(options):
    out = ledger.render_fences(f"```ledger\nall: true\n{options}\n```\n", "ledger.md", ROWS, DOCS)
    rows = _keys_per_row(out)
    assert len(rows) == len(ROWS)
    for row, keys in zip(ROWS, rows):
        sources = {str(s).split(",")[0].strip() for s in row["sources"]}
        assert sources <= set(keys), (row["id"], keys)  # every source is there...
        repeated = [k for k in sources if keys.count(k) > max(1, str(row["why"]).count(f"@{k}"))]
        assert not repeated, (row["id"], repeated)  # ...once, unless the why itself cites it twice


def test_compact_rows_show_claim_verdict_and_a_one_line_reason():
    nav = [{"Home": "index.md"}, {"Spikes and activations": [{"HH": "hodgkin-huxley.md"}]}]
    out = ledger.render_fences("```ledger\nall: true\ncompact: true\nfilter: true\n```\n",
                               "ledger.md", ROWS, DOCS, nav)
    lines = [line for line in out.splitlines() if line.startswith("| <span")]
    assert out.count("\n| Analogy or claim | Verdict | Why |") == 1 and len(lines) == len(ROWS)
    for row, line in zip(ROWS, lines):
        assert f'data-verdict="{row["verdict"]}"' in line and "<details class=\"ledger-why\">" in line
        summary = line.split("<summary>", 1)[1].split("</summary>", 1)[0]
        assert f'<span class="ledger-reason">{html.escape(row["reason"], quote=False)}</span>' in summary, row["id"]
        assert "[@" not in summary and "@" not in summary, row["id"]
        assert "Treated in [" in line and (row["origin"] == "site") == ("Origin:" not in line), row["id"]
    spike = next(line for row, line in zip(ROWS, lines) if row["id"] == "spike-step")
    assert 'data-part="Spikes and activations"' in spike
    assert '<form class="ledger-filter" hidden>' in out and 'aria-live="polite"' in out
    assert f"{len(ROWS)} of {len(ROWS)} rows shown" in out
    counts = Counter(r["verdict"] for r in ROWS)
    assert all(f'<option value="{v}">{v} ({n})</option>' in out for v, n in counts.items())


def _numbers(out: str) -> dict[str, str]:
    """A rendered table's rows: the claim (its text, without the number) -> its number."""
    found = re.findall(r'<span class="ledger-number">(\d+)</span> ([^|]+?) \|', out)
    return {claim.split('<span class="ledger-origin">')[0].strip(): number for number, claim in found}


def test_a_row_has_one_number_on_every_page():
    # A visual review found the home page's row 1 ("input combination") was unnumbered on
    # the ledger and the mapping page's row 1 was another claim: a row's number is now its
    # place in the ledger, on the ledger page and in every page's table alike.
    everywhere = _numbers(ledger.render_fences("```ledger\nall: true\ncompact: true\n```\n", "ledger.md", ROWS, DOCS))
    assert list(everywhere.values()) == [str(n) for n in range(1, len(ROWS) + 1)]
    for page in ("index.md", "mapping.md", "dendrites.md", "limits.md"):
        text = (DOCS / page).read_text(encoding="utf-8")
        shown = _numbers(ledger.render_fences(text, page, ROWS, DOCS))
        assert len(shown) >= 3, page
        assert {claim: everywhere[claim] for claim in shown} == shown, page
    home = _numbers(ledger.render_fences((DOCS / "index.md").read_text(encoding="utf-8"), "index.md", ROWS, DOCS))
    assert list(home.values()) != [str(n) for n in range(1, len(home) + 1)]  # not counted from 1 on the page
    assert "row 1" not in (DOCS / "index.md").read_text(encoding="utf-8").lower()
    # the mapping page's text reads its table as rows 1 to 5: they are the ledger's first five
    mapping = _numbers(ledger.render_fences((DOCS / "mapping.md").read_text(encoding="utf-8"), "mapping.md", ROWS, DOCS))
    assert list(mapping.values()) == ["1", "2", "3", "4", "5"]


def test_nav_parts_are_top_level_sections():
    nav = [{"Home": "index.md"}, {"Learning": [{"XOR": "xor.md"}, {"Deeper": [{"D": "depth.md"}]}]}, "loose.md"]
    assert ledger.nav_parts(nav) == {"xor.md": "Learning", "depth.md": "Learning"}


@pytest.mark.parametrize("name", sorted(pages()))
def test_no_page_states_a_verdict_outside_the_data(name):
    problems = ledger.verdict_statements(pages()[name], ROWS)
    assert not problems, "\n".join(f"{name}:{line}: {text!r}: {why}" for line, text, why in problems)


@pytest.mark.parametrize("planted", [
    "The synapse row **holds**: a weight is a synapse.",               # emphasised verdict
    "| 2 | Synaptic efficacy | Weights | holds |",                       # verdict in a table cell
    "| Spikes | breaks: a unit has no time axis |",                       # verdict-led table cell
    "We think synaptic efficacy ↔ trainable weight holds without caveat.",  # analogy + other verdict
])
def test_a_planted_contradiction_is_caught(planted):
    page = pages()["docs/mapping.md"] + "\n\n" + planted + "\n"
    problems = ledger.verdict_statements(page, ROWS)
    assert problems, "the planted verdict was not caught"
    line, text, _ = problems[-1]
    assert text in planted or planted in text, problems[-1]
    assert abs(line - page.count("\n")) <= 1, (line, page.count("\n"))  # the planted line


def test_a_planted_contradiction_names_its_line():
    page = "# T\n\nSome text.\n\nThe synapse row **holds** here.\n"
    [(line, text, why)] = ledger.verdict_statements(page, ROWS)
    assert (line, text) == (5, "**holds**") and "[[verdict:" in why


def test_scale_definitions_and_the_data_itself_pass():
    ok = ("Each row gets **holds**, **partly** or **breaks**.\n\n"
          "Row 2 is [[verdict:synapse-weight]].\n\n```ledger\nall: true\n```\n")
    assert ledger.verdict_statements(ok, ROWS) == []


def _table_rows(html: str) -> list[str]:
    table = html.split("<table>", 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr>(.*?)</tr>", table, flags=re.DOTALL)[1:]


def test_built_tables_show_the_data(site):
    ledger_rows = _table_rows((site / "ledger" / "index.html").read_text(encoding="utf-8"))
    assert len(ledger_rows) == len(ROWS)
    for row, cell in zip(ROWS, ledger_rows):
        assert f'verdict-{row["verdict"]}">{row["verdict"]}<' in cell, row["id"]
        shown = re.search(r'<span class="ledger-reason">(.*?)</span>', cell)  # glossary terms become <abbr>
        # as the page sets it: curly quotes (smarty), minus signs and spaced numbers (typography)
        written = typography.typeset(markdown.markdown(row["reason"], extensions=["smarty"]))
        assert shown and html.unescape(re.sub(r"<[^>]+>", "", shown[1])) == html.unescape(
            re.sub(r"<[^>]+>", "", written)), row["id"]
        assert 'href="../references/#ref-' in cell  # the References page has every entry
        assert "<details class=\"ledger-why\"><summary>" in cell and "<details class=\"ledger-why\" open" not in cell
        for source in {str(s).split(",")[0].strip() for s in row["sources"]}:
            assert cell.count(f'#ref-{source}"') == max(1, str(row["why"]).count(f"@{source}")), (row["id"], source)
    references = (site / "references" / "index.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'href="\.\./references/#(ref-[^"]+)"', "".join(ledger_rows)))
    assert linked and all(f'id="{anchor}"' in references for anchor in linked)
    counts = Counter(r["verdict"] for r in ROWS)
    assert (f"Of the {len(ROWS)} rows, {counts['holds']} hold, {counts['partly']} hold partly and "
            f"{counts['breaks']} break.") in (site / "ledger" / "index.html").read_text(encoding="utf-8")
    by_id = {r["id"]: r for r in ROWS}
    for page, ids in [("mapping", ["dendrites-inputs", "synapse-weight", "soma-sum", "threshold-activation",
                                   "axon-output"]),
                      ("", ["input-combination", "nonlinearity", "axon-output", "plasticity-backprop",
                            "complexity"])]:
        rendered = _table_rows((site / page / "index.html").read_text(encoding="utf-8"))
        assert len(rendered) == len(ids), page
        for rid, cell in zip(ids, rendered):
            assert f'verdict-{by_id[rid]["verdict"]}">' in cell, (page, rid)


def test_the_three_articles_the_ledger_collects_are_cited_and_listed(site):
    # The intro names three articles; a reader must find each in the page's references.
    text = (site / "ledger" / "index.html").read_text(encoding="utf-8")
    for key, label in (("technicalperspective2025", "Technical perspective 2025"),
                       ("rightandwrong", "Right and wrong n.d."), ("liora2026", "Liora 2026")):
        assert f'<li id="ref-{key}"' in text, key
        assert f'href="#ref-{key}"' in text and label in text, key


def test_the_verdict_counts_come_before_the_rows():
    # Visual review A: "6 hold, 50 partly, 30 break" sat under 86 rows (8,500 px of cards
    # on a phone); a reader sees the counts before scrolling.
    out = ledger.render_fences((DOCS / "ledger.md").read_text(encoding="utf-8"), "ledger.md", ROWS, DOCS)
    counted = out.index(f"Of the {len(ROWS)} rows,")
    assert counted < out.index('<form class="ledger-filter"') < out.index("| Analogy or claim |")


def test_an_origin_is_a_line_under_the_claim_not_a_column():
    # Visual review A: limits' "Origin" column left its "Why" about 130 px at 1280 px.
    out = ledger.render_fences((DOCS / "limits.md").read_text(encoding="utf-8"), "limits.md", ROWS, DOCS)
    head = next(line for line in out.splitlines() if line.startswith("| Analogy or claim"))
    assert head == "| Analogy or claim | Verdict | Why |"
    rows = [line for line in out.splitlines() if line.startswith("| <span class=\"ledger-number\">")]
    assert len(rows) == 7
    # A referee: "Origin: site" carried nothing, and the articles' labels were neither cited
    # nor defined there. A row of the site's own has no origin line; any other names its
    # article with a citation, and where in it.
    by_id = {r["id"]: r for r in ROWS}
    ids = re.search(r"rows: \[(.*?)\]", (DOCS / "limits.md").read_text(encoding="utf-8"))[1].split(", ")
    for rid, row in zip(ids, rows):
        claim = row.split(" | ")[0]
        if by_id[rid]["origin"] == "site":
            assert "ledger-origin" not in claim and "Origin" not in claim, rid
        else:
            label, where = by_id[rid]["origin"].split(" article: ")
            line = f'<span class="ledger-origin">Origin: the {label} article [@{ledger.ARTICLES[label]}], {where}</span>'
            assert claim.count("ledger-origin") == 1 and line in claim, (rid, claim)
    assert sum(by_id[rid]["origin"] == "site" for rid in ids) == 2  # both cases are exercised


@pytest.mark.parametrize("origin", ["site-ish", "a blog article: point 1", "right-and-wrong article:", "right-and-wrong"])
def test_an_origin_names_a_known_article_or_the_site(tmp_path, origin):
    shutil.copytree(ROOT / "includes" / "ledger", tmp_path / "includes" / "ledger")
    path = tmp_path / "includes" / "ledger" / "10-structure.yml"
    text = path.read_text(encoding="utf-8")
    first = re.search(r"^  origin: .*$", text, re.M)
    path.write_text(text[: first.start()] + f'  origin: "{origin}"' + text[first.end() :], encoding="utf-8")
    with pytest.raises(ledger.LedgerError, match=r"10-structure\.yml:\d+: row 1 .*origin"):
        ledger.load(tmp_path, DOCS)
