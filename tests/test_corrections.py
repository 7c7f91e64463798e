"""The corrections log (issue 27): includes/corrections.yml checked, and rendered as the
Corrections page, the note at the foot of each corrected page and the release notes
(nn_site/pages/corrections.py; the release itself: tests/test_publish.py)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import markdown
import pytest
import yaml

from nn_site.pages import corrections, typography
from nn_site.pages.citations import curly_quotes, iter_citations

from conftest import ROOT
from helpers import page_text

BIB_KEYS = set(re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "docs" / "references.bib").read_text(encoding="utf-8"), re.M))
RELEASE = re.search(r"^  release: *(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)[1]
ENTRIES = corrections.load(ROOT, ROOT / "docs", BIB_KEYS, corrections.releases(ROOT, RELEASE))
GOOD = {"id": "x-fix", "title": "It says 3, not 2", "page": "xor.md", "kind": "correction", "wrong": "It said 2.",
        "right": "It says 3.", "source": "block1962", "release": "unreleased",
        "commit": "71e754e", "date": "2026-11-29"}
# The site's inline Markdown: what a field meets when the page is converted.
EXTENSIONS = ["abbr", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
              "pymdownx.arithmatex", "pymdownx.inlinehilite", "pymdownx.superfences"]


def test_the_log_has_the_errata_from_the_history():
    assert len(ENTRIES) >= 15
    assert {e["kind"] for e in ENTRIES} == set(corrections.KINDS)
    ids = [e["id"] for e in ENTRIES]
    assert len(ids) == len(set(ids))
    # each heading tells its entry apart from the others in words, not by its slug
    titles = [e["title"].lower() for e in ENTRIES]
    assert len(titles) == len(set(titles)), [t for t in titles if titles.count(t) > 1]
    assert all(e["title"].lower() != e["id"].replace("-", " ") for e in ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_every_entry_names_a_page_a_release_a_source_and_a_kind(entry):
    assert (ROOT / "docs" / entry["page"]).is_file()
    releases = corrections.releases(ROOT, RELEASE)
    assert entry["release"] == corrections.UNRELEASED or entry["release"] in releases, releases
    assert entry["kind"] in {"correction", "clarification"}
    for source in entry["sources"]:
        assert source.split(",")[0].strip() in BIB_KEYS, source
    assert entry["sources"] or entry.get("computed")
    if entry.get("computed"):
        assert (ROOT / entry["computed"]).is_file(), entry["computed"]
    for field in ("wrong", "right"):  # citations in the text parse, with known keys
        for _, _, items in iter_citations(entry[field]):
            assert all(key in BIB_KEYS for _, key, _ in items)


def _shallow() -> bool:
    out = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT,
                         capture_output=True, text=True)
    return out.returncode != 0 or out.stdout.strip() != "false"


@pytest.mark.skipif(_shallow(), reason="shallow clone (or no git history): the commits named in "
                    "includes/corrections.yml cannot be looked up; run in a full clone")
@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_every_commit_exists_in_the_history(entry):
    found = subprocess.run(["git", "cat-file", "-t", entry["commit"]], cwd=ROOT, capture_output=True, text=True)
    assert found.stdout.strip() == "commit", f"{entry['id']}: commit {entry['commit']} is not in the history"
    # and it is an ancestor of what is checked out, not a commit on some other branch
    ancestor = subprocess.run(["git", "merge-base", "--is-ancestor", entry["commit"], "HEAD"], cwd=ROOT)
    assert ancestor.returncode == 0, f"{entry['id']}: commit {entry['commit']} is not in HEAD's history"


def test_a_pre_release_fix_is_filed_under_the_release_that_first_carried_it():
    # Release 0.1.0 is the content up to f5d79b2 (2026-11-23); a fix committed later is
    # in no release yet, so it cannot name 0.1.0.
    for entry in ENTRIES:
        if entry["release"] == "0.1.0":
            assert entry["date"] <= "2026-11-23", entry["id"]


def _write(tmp_path: Path, entries) -> Path:
    (tmp_path / "includes").mkdir(exist_ok=True)
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "xor.md").write_text("# XOR\n\nText.\n")
    (tmp_path / "docs" / "notebook.ipynb").write_text("{}")
    text = entries if isinstance(entries, str) else yaml.safe_dump(entries, allow_unicode=True)
    (tmp_path / "includes" / "corrections.yml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("change", "cause"), [
    ({"page": "nowhere.md"}, "page 'nowhere.md' does not exist under docs/"),
    ({"page": "notebook.ipynb"}, "is not a Markdown page"),
    ({"release": "9.9.9"}, "release 9.9.9 does not exist"),
    ({"release": "soon"}, "release 'soon' is neither a version"),
    ({"commit": "not-a-hash"}, "commit 'not-a-hash' is not a commit hash"),
    ({"source": "nokey2000, p. 3"}, "unknown bibliography key 'nokey2000'"),
    ({"right": "As [@nokey2001] shows."}, "unknown bibliography key 'nokey2001'"),
    ({"source": "block1962 p. 3"}, "is not 'key' or 'key, locator'"),
    ({"source": None}, "needs a 'source' (bibliography key) or a 'computed' file"),
    ({"computed": "../outside.py"}, "computed file '../outside.py' must be a path inside the repository"),
    ({"kind": "erratum"}, "kind 'erratum' is not one of correction, clarification"),
    ({"date": "29/11/2026"}, "is not a date"),
    ({"wrong": ""}, "missing wrong"),
    ({"colour": "red"}, "unknown field(s) colour"),
    ({"before_publication": "yes"}, "before_publication is 'true' or left out"),
    ({"id": "Bad Id"}, "id must be a lowercase slug"),
    ({"right": "[click](javascript:alert(1))"}, "links to 'javascript:alert(1'"),
    ({"right": "![x](https://example.org/x.png)"}, "has an image"),
])
def test_a_malformed_entry_names_the_file_the_entry_and_the_cause(tmp_path, change, cause):
    entry = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    root = _write(tmp_path, [GOOD | {"id": "fine"}, entry])
    with pytest.raises(corrections.CorrectionsError) as caught:
        corrections.load(root, root / "docs", BIB_KEYS, {"0.1.0"})
    message = str(caught.value)
    assert message.startswith(f"includes/corrections.yml: entry 2 (id {entry.get('id')!r}): "), message
    assert cause in message, message


# A title's fault names the file and the title's line (the entry's, if it has none), as a
# ledger reason's does: entry 2 starts on line 12 of this file, its title is line 13.
TITLED = """\
- id: fine
  title: The first fix
  page: xor.md
  kind: correction
  wrong: It said 2.
  right: It says 3.
  source: block1962
  release: unreleased
  commit: 71e754e
  date: 2026-11-29

- id: x-fix
  title: It says 3, not 2
  page: xor.md
  kind: correction
  wrong: It said 2.
  right: It says 3.
  source: block1962
  release: unreleased
  commit: 71e754e
  date: 2026-11-29
"""


@pytest.mark.parametrize(("title_line", "line", "cause"), [
    (None, 12, "missing title (a short heading naming what was corrected)"),
    ("  title:", 13, "missing title"),
    ("  title: '  '", 13, "missing title"),
    ("  title: " + "x" * 71, 13, "title has 71 characters, more than 70; shorten it"),
    ("  title: It says 3.", 13, "title ends with a period"),
    ("  title: It says $3$", 13, "title must be plain text, but '$' makes math"),
    ("  title: As [@block1962] says", 13, "title must be plain text, but '[@' makes a citation"),
    ("  title: [a, b]", 13, "title must be text, one line, not ['a', 'b']"),
    ("  title: |\n    It says 3,\n    not 2", 13, "title must be one line"),
])
def test_a_missing_or_bad_title_names_the_file_its_line_and_the_entry(tmp_path, title_line, line, cause):
    text = TITLED.replace("  title: It says 3, not 2\n", "" if title_line is None else title_line + "\n")
    assert text != TITLED
    root = _write(tmp_path, text)
    with pytest.raises(corrections.CorrectionsError) as caught:
        corrections.load(root, root / "docs", BIB_KEYS, {"0.1.0"})
    message = str(caught.value)
    assert message.startswith(f"includes/corrections.yml:{line}: entry 2 (id 'x-fix'): "), message
    assert cause in message, message
    # and the build stops on it, with the same message
    from mkdocs.exceptions import PluginError
    with pytest.raises(PluginError, match=re.escape(f"corrections: {message}")):
        corrections.load_checked(root, root / "docs", BIB_KEYS, "0.1.0")


def test_a_title_of_70_characters_is_accepted(tmp_path):
    root = _write(tmp_path, TITLED.replace("It says 3, not 2", "x" * 70))
    assert corrections.load(root, root / "docs", BIB_KEYS, {"0.1.0"})[1]["title"] == "x" * 70


@pytest.mark.parametrize(("text", "cause"), [
    ("- id: [unclosed\n", "not valid YAML"),
    ("id: one\n", "must be a YAML list of entries"),
    ("- just text\n", "entry 1 is not a mapping"),
    (yaml.safe_dump([GOOD, GOOD]), "entry 2 (id 'x-fix'): duplicate id"),
])
def test_a_malformed_file_fails(tmp_path, text, cause):
    root = _write(tmp_path, text)
    with pytest.raises(corrections.CorrectionsError, match=re.escape(cause)):
        corrections.load(root, root / "docs", BIB_KEYS, {"0.1.0"})


def test_the_build_stops_on_a_malformed_file_with_file_entry_and_cause(tmp_path):
    from mkdocs.exceptions import PluginError
    root = _write(tmp_path, [GOOD | {"kind": "typo"}])
    with pytest.raises(PluginError, match=r"^corrections: includes/corrections\.yml: entry 1 "
                                          r"\(id 'x-fix'\): kind 'typo' is not one of"):
        corrections.load_checked(root, root / "docs", BIB_KEYS, "0.1.0")


def test_releases_come_from_the_changelog_the_tags_and_the_config(tmp_path):
    (tmp_path / "CHANGELOG.md").write_text("# Changelog\n\n## Unreleased\n\n## 0.3.0 - 2027-01-01\n\n## 0.2.0\n")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty",
                    "-m", "x"], cwd=tmp_path, check=True)
    subprocess.run(["git", "tag", "v0.4.0"], cwd=tmp_path, check=True)
    assert corrections.releases(tmp_path, "0.1.0") == {"0.1.0", "0.2.0", "0.3.0", "0.4.0"}


# --- rendering: fields are inline Markdown, never raw HTML ------------------------------


HOSTILE = GOOD | {"title": 'A <script>alert("t")</script> & <b>title</b>',
                  "wrong": 'It said <script>alert("x")</script> and <img src=x onerror=alert(1)> & more.',
                  "right": "It says $a < b$, `<b>code</b>`, *emphasis* and [@block1962]."}


def _html(md: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs={
        "pymdownx.arithmatex": {"generic": True}}).convert(md)


def test_raw_html_in_a_field_comes_out_as_text(tmp_path):
    root = _write(tmp_path, [HOSTILE])
    entries = corrections.load(root, root / "docs", BIB_KEYS, {"0.1.0"})
    for md in (corrections.page_markdown(entries, root / "docs", "0.1.0", "corrections.md"),
               corrections.footer_markdown(entries, "xor.md", "0.1.0")):
        out = _html(md)
        assert "<script" not in out and "<img" not in out and "<b>" not in out, out
        text = page_text(out)
        assert "It says" in text and "<b>code</b>" in text  # the code span shows the tags as text
        if "A <script>" in text:                    # the title, on the Corrections page
            assert "A <script>alert(“t”)</script> & <b>title</b>" in text  # quotes set curly
        if "It said" in text:
            assert '<script>alert("x")</script>' in text and "<img src=x onerror=alert(1)>" in text
            assert "& more" in text
        assert "<em>emphasis</em>" in out          # Markdown still works
        assert r"\(a &lt; b\)" in out               # math reaches arithmatex whole (escaped by it)
        assert "[@block1962]" in out                # left for the citation step


def test_page_is_grouped_by_release_newest_first(tmp_path):
    entries = [GOOD | {"id": "a", "release": "0.1.0", "date": "2026-11-20"},
               GOOD | {"id": "b", "release": "0.2.0", "date": "2026-12-20"},
               GOOD | {"id": "c", "release": "unreleased", "date": "2027-01-02", "kind": "clarification"}]
    root = _write(tmp_path, entries)
    loaded = corrections.load(root, root / "docs", BIB_KEYS, {"0.1.0", "0.2.0"})
    md = corrections.page_markdown(loaded, root / "docs", "0.2.0", "corrections.md",
                                   "https://github.com/o/r/commit/")
    headings = re.findall(r"^## (.*)$", md, re.M)
    assert re.findall(r'^<h4 id="(\w+)">', md, re.M) == ["c", "b", "a"]
    assert headings == ["Not yet released (after 0.2.0)", "Release 0.2.0", "Release 0.1.0"]
    assert ('### XOR {#unreleased-xor}\n\n1 clarification, the latest on 2027-01-02. [Open the page](xor.md).\n\n'
            '<details class="corrections-group" markdown>\n<summary>Show the entry</summary>\n\n'
            '<h4 id="c">Clarification: It says 3, not 2</h4>\n\n2027-01-02, commit') in md
    assert md.count("### XOR {#") == 3             # one page group in each release
    assert md.count('<details class="corrections-group" markdown>') == md.count("</details>") == 3
    assert "[`71e754e`](https://github.com/o/r/commit/71e754e)" in md
    foot = corrections.footer_markdown(loaded, "xor.md", "0.2.0")
    assert "Corrected in 0.1.0: It says 3 [@block1962]. [See all corrections](corrections.md#a)." in foot
    assert "Corrected since 0.2.0 (in the next release): It says 3" in foot
    assert corrections.footer_markdown(loaded, "other.md", "0.2.0") == ""


def test_a_fix_before_first_publication_says_so_and_no_release_carried_the_error(tmp_path):
    """A page corrected after its independent review but before any release carried it
    does not claim that a release was wrong ('since 0.1.0'): it says when the fix was made."""
    entries = [GOOD | {"id": "early", "release": "unreleased", "before_publication": True},
               GOOD | {"id": "late", "release": "unreleased", "date": "2027-01-02"}]
    root = _write(tmp_path, entries)
    loaded = corrections.load(root, root / "docs", BIB_KEYS, {"0.1.0"})
    foot = corrections.footer_markdown(loaded, "xor.md", "0.1.0")
    assert "Corrected before first publication: It says 3 [@block1962]." in foot
    assert "Corrected since 0.1.0 (in the next release): It says 3" in foot  # the other one
    md = corrections.page_markdown(loaded, root / "docs", "0.1.0", "corrections.md")
    assert "commit `71e754e`, found by an independent review before its text was first published." in md
    assert md.count("found by an independent review") == 1
    assert "2 corrections, the latest on" in md
    # a page whose every entry was found before publication says so once, above its entries
    only_early = corrections.load(_write(tmp_path, entries[:1]), root / "docs", BIB_KEYS, {"0.1.0"})
    md = corrections.page_markdown(only_early, root / "docs", "0.1.0", "corrections.md")
    assert "1 correction, the latest on 2026-11-29; found by an independent review before its text was first published." in md
    assert md.count("found by an independent review") == 1


def test_page_groups_a_release_by_page_and_names_each_entry(tmp_path):
    """Within a release, one group per page; each entry's heading is its title, so the
    list tells the entries apart (not five times 'Correction: <page>'), and its anchor is
    its id, so links to an entry outlive a reworded title."""
    (tmp_path / "docs").mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / "hodgkin-huxley.md").write_text("# Hodgkin–Huxley\n", encoding="utf-8")
    entries = [GOOD | {"id": "first-fix", "title": "The first fix", "date": "2026-11-20"},
               GOOD | {"id": "second-fix", "title": "Rest at −65 mV", "page": "hodgkin-huxley.md",
                       "date": "2026-11-21"},
               GOOD | {"id": "third-fix", "title": "Dale's rule & its <sign>", "date": "2026-11-22"}]
    root = _write(tmp_path, entries)
    loaded = corrections.load(root, root / "docs", BIB_KEYS, {"0.1.0"})
    md = corrections.page_markdown(loaded, root / "docs", "0.1.0", "corrections.md")
    # a group's heading is the page's title, not a link (visual review 5); the line under it links the page
    assert re.findall(r"^### (.*?) \{#", md, re.M) == ["Hodgkin–Huxley", "XOR"]
    assert "[Open the page](hodgkin-huxley.md)." in md and "[Open the page](xor.md)." in md
    # the summary table: numbers in columns, and on a phone the words after them (site.css)
    table = md.split('<div class="corrections-summary" markdown>\n\n', 1)[1].split("\n\n</div>", 1)[0]
    rows = table.splitlines()
    assert rows[0] == "| Page | Corrections | Clarifications | Latest |" and len(rows) == 4
    assert rows[3] == ('| [XOR](#unreleased-xor) | <span>2<span class="corrections-words"> corrections</span></span> | '
                       '<span class="corrections-none">0<span class="corrections-words"> clarifications</span></span> | '
                       '<span class="corrections-words">latest </span>2026-11-22 |')
    assert '<span>1<span class="corrections-words"> correction</span></span>' in rows[2]
    entries = re.findall(r'^<h4 id="([\w-]+)">(.*?)</h4>', md, re.M)
    assert entries == [("second-fix", "Correction: Rest at −65 mV"),
                       ("third-fix", "Correction: Dale’s rule &amp; its &lt;sign&gt;"),
                       ("first-fix", "Correction: The first fix")]


# --- the built site ---------------------------------------------------------------------


def _page_dir(page: str) -> str:
    """The built page's folder relative to the site root, with a trailing slash: "" for the home page."""
    return "" if page == "index.md" else page.removesuffix(".md") + "/"


def test_built_corrections_page_lists_every_entry(site):
    page = (site / "corrections" / "index.html").read_text(encoding="utf-8")
    text = page_text(page)
    for entry in ENTRIES:
        assert f'id="{entry["id"]}"' in page, entry["id"]
        # the title, as the site's typography sets numbers in prose (1,000 as 1000, 1 kHz unbroken)
        heading = typography.typeset(curly_quotes(f'{entry["kind"].capitalize()}: {entry["title"]}'))
        assert heading in text, entry["id"]
        assert entry["commit"][:7] in text
        assert f'href="../{_page_dir(entry["page"])}"' in page, entry["page"]
    assert text.count("It said:") == len(ENTRIES) and text.count("It says:") == len(ENTRIES)
    assert "[@" not in text                       # every source became a citation
    assert 'class="citation"' in page and 'id="references"' in page
    assert "<math" in page                        # $math$ in a field is typeset
    nav = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="corrections/"' in nav


def test_every_corrected_page_has_the_note_at_its_foot(site):
    for page in {e["page"] for e in ENTRIES}:
        html = (site / _page_dir(page) / "index.html").read_text(encoding="utf-8")
        notes = re.findall(r'<div class="corrections-note">(.*?)</div>', html, re.S)
        assert len(notes) == 1, page
        mine = [e for e in ENTRIES if e["page"] == page]
        assert page_text(notes[0]).count("Corrected ") == len(mine)
        for entry in mine:
            up = "../" if _page_dir(page) else ""  # the home page is the site's root
            assert f'href="{up}corrections/#{entry["id"]}"' in notes[0], entry["id"]
        # at the foot: after the page's text, before its reference list
        assert html.index('class="corrections-note"') < html.index('id="references"')
    untouched = (site / "synapses" / "index.html").read_text(encoding="utf-8")
    assert "corrections-note" not in untouched or "synapses.md" in {e["page"] for e in ENTRIES}


def test_print_page_links_each_note_to_its_entry_in_the_log_online(site):
    # The log is not on paper (mkdocs.yml print-site exclude); each page's notes are, and
    # link to their entries in the log on the site, never to an anchor the page lacks.
    page = (site / "print_page" / "index.html").read_text(encoding="utf-8")
    assert 'id="corrections-' not in page
    assert 'href="#corrections-' not in page
    for entry in ENTRIES:
        assert f'href="../corrections/#{entry["id"]}"' in page, entry["id"]
    assert (site / "corrections" / "index.html").read_text(encoding="utf-8").count('id="') >= len(ENTRIES)


def test_a_deferred_group_that_names_a_noscript_is_refused():
    """Deferred content is a noscript's raw text, which ends at the first ``</noscript``:
    a group naming one is refused, saying what it is (nn_site/pages/deferred.py, which the
    print page's sections go through too); other content is wrapped whole."""
    from nn_site.pages.corrections import defer_groups

    ok = '<details class="corrections-group">\n<summary>Show</summary><h4 id="a">A</h4></details>'
    assert defer_groups(ok).count('<noscript class="corrections-deferred"><h4 id="a">A</h4></noscript>') == 1
    bad = ok.replace("<h4", "<NOSCRIPT>x</NOSCRIPT><h4")
    with pytest.raises(ValueError, match="a corrections entry holds a <noscript>"):
        defer_groups(bad)
