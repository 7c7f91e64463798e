"""Fast in-process tests of the engine's functions (no build): fence parsing, cache keys,
escaping, config validation. The whole-build tests (test_engine, test_faults) cover the
same paths end to end; these say which function broke, in milliseconds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nn_site import config
from nn_site.engine import cache, fence, output_text, render
from nn_site.pages import inline_field

# --- fence parsing ------------------------------------------------------------------


def test_find_blocks_gives_the_opening_line_and_the_de_indented_body():
    page = "# T\n\n```snippet\nfile: a.py\n```\n\n!!! note\n\n    ```snippet\n    file: b.py\n    code: hidden\n    ```\n"
    assert list(fence.find_blocks(page, "snippet")) == [(3, "file: a.py"), (9, "file: b.py\ncode: hidden")]
    assert list(fence.find(page, "ledger")) == []


def test_a_longer_fence_holds_a_shorter_one():
    page = "````snippet\nfile: a.py\n```\n````\n"
    assert list(fence.find_blocks(page, "snippet")) == [(1, "file: a.py\n```")]


def test_parse_fence_fills_the_defaults():
    assert fence.parse_fence("file: demo/a.py", "p.md", 3) == {"file": "demo/a.py", "code": "collapsed", "output": "text"}


@pytest.mark.parametrize(
    "body, message",
    [
        ("code: open", "p.md:3: snippet block needs 'file: <path under snippets/>'"),
        ("file: a.py\ncolour: red", "p.md:5: snippet block has unknown option(s) ['colour']"),
        ("file: a.py\ncode: folded", "p.md:5: snippet 'code' must be one of"),
        ("file: a.py\noutput: html", "p.md:5: snippet 'output' must be one of"),
        ("file: ../x.py", "p.md:4: snippet file '../x.py' must be a relative path inside snippets/"),
        ("file: /etc/passwd", "p.md:4: snippet file '/etc/passwd' must be a relative path"),
        ("file: a.py\ncaption: 3", "p.md:5: snippet 'caption' must be text, not int"),
        ("file: a.py\ncaption: a: b", "p.md:5: snippet block is not valid YAML"),
        ("file: a.py\nalt: " + "x" * 2001, "p.md:5: snippet 'alt' is 2,001 characters long; at most 2,000"),
    ],
)
def test_parse_fence_names_page_line_and_cause(body, message):
    with pytest.raises(fence.FenceError) as error:
        fence.parse_fence(body, "p.md", 3)
    assert str(error.value).startswith(message), str(error.value)


def test_load_yaml_refuses_a_repeated_key():
    with pytest.raises(fence.YamlError, match="given twice"):
        fence.load_yaml("file: a.py\nfile: b.py\n")


# --- cache keys -----------------------------------------------------------------------


def test_cache_key_is_stable_and_depends_on_every_part(tmp_path: Path):
    a = tmp_path / "a.py"
    a.write_text("print(1)\n")
    first = cache.key(a, "style", b"worker")
    assert cache.key(a, "style", b"worker") == first and len(first) == 24
    assert cache.key(a, "style", b"worker2") != first
    assert cache.key("style", a, b"worker") != first  # order matters
    assert cache.key(a, "sty", b"leworker") != first  # parts are length-prefixed: no run-together
    a.write_text("print(2)\n")
    assert cache.key(a, "style", b"worker") != first  # a file contributes its bytes
    b = tmp_path / "b.py"
    b.write_text("print(2)\n")
    assert cache.key(b, "style", b"worker") != cache.key(a, "style", b"worker")  # and its name


def test_checked_cache_entries_refuse_a_truncated_file(tmp_path: Path):
    entry = tmp_path / "entry.html"
    cache.write_checked(entry, "<p>result</p>")
    assert cache.read_checked(entry) == b"<p>result</p>"
    entry.write_bytes(entry.read_bytes()[:-3])
    assert cache.read_checked(entry) is None and not entry.exists()


# --- escaping -------------------------------------------------------------------------


def test_inline_fields_escape_raw_html_but_keep_code_and_math():
    assert inline_field.markdown("a <b>bold</b> claim") == "a &lt;b&gt;bold&lt;/b&gt; claim"
    assert inline_field.markdown("`<tag>` and $a<b$") == "`<tag>` and $a<b$"
    assert inline_field.markdown("{: .x}") == "&#123;: .x}"  # no attribute list from data
    with pytest.raises(ValueError, match="javascript"):
        inline_field.markdown("[x](javascript:alert(1))")


def test_a_fence_around_text_is_longer_than_any_backtick_run_in_it():
    assert render._fence("a ``` b", "text").startswith("````text\n")
    assert render._fence("plain", "text") == "```text\nplain\n```"


def test_printed_output_loses_ansi_colour_and_refuses_control_characters():
    assert output_text.clean("\x1b[31mred\x1b[0m\r\n") == "red\n"
    with pytest.raises(output_text.OutputTextError, match="line 2"):
        output_text.clean("ok\nbell\x07")


# --- config ---------------------------------------------------------------------------


def test_config_defaults_and_types(tmp_path: Path):
    settings = config.load({"NN_CACHE_DIR": str(tmp_path)})
    assert settings.cache_dir == tmp_path.resolve()
    assert settings.snippet_timeout == 60.0 and settings.notebook_timeout == 120
    assert settings.release is False and settings.sandbox == "auto" and settings.site_url is None
    assert 1 <= settings.snippet_jobs <= 64


@pytest.mark.parametrize(
    "variable, value",
    [
        ("NN_SNIPPET_JOBS", "0"),
        ("NN_SNIPPET_JOBS", "many"),
        ("NN_SNIPPET_TIMEOUT", "-1"),
        ("NN_NOTEBOOK_TIMEOUT", "abc"),
        ("NN_RELEASE", "yes"),
        ("NN_SANDBOX", "maybe"),
        ("NN_SITE_URL", "ftp://example.org/"),
        ("NN_RELEASE_TEST_COMMAND", " "),
    ],
)
def test_config_refuses_a_bad_value_naming_the_variable(variable, value):
    with pytest.raises(config.ConfigError, match=variable):
        config.load({variable: value})


# --- register entries (nn_site/pages/entry_checks.py) ---------------------------------


class EntryError(Exception):
    pass


def test_entry_fields_are_required_non_empty_and_known():
    from nn_site.pages import entry_checks

    check = entry_checks.check_fields
    check({"id": "a", "note": ""}, "f.yml: entry 1", EntryError, ["id", "note"], ["id", "note"], may_be_empty={"note"})
    with pytest.raises(EntryError, match=r"^f\.yml: entry 1: missing note, unit$"):
        check({"id": "a", "note": [], "unit": None}, "f.yml: entry 1", EntryError, ["id", "note", "unit"], ["id"])
    with pytest.raises(EntryError, match=r"^at: unknown field\(s\) colour, size \(a note\)$"):
        check({"id": "a", "size": 1, "colour": 2}, "at", EntryError, ["id"], ["id"], unknown_note=" (a note)")
    with pytest.raises(EntryError, match="must be a YAML list of rows \\(each starting '- id: ...'\\)"):
        entry_checks.entry_list({"id": "a"}, "f.yml", EntryError, "rows", "id")
    with pytest.raises(EntryError, match="^at: key must be a lowercase slug like 'a-b'$"):
        entry_checks.check_slug("A_b", "at", EntryError, "key", "a-b")


def test_a_source_is_key_or_key_and_locator_from_the_bibliography():
    from nn_site.pages import entry_checks
    from nn_site.pages.citations import LOCATOR

    assert entry_checks.source_key("kandel2021, ch. 13", "at", EntryError, {"kandel2021"}, LOCATOR) == "kandel2021"
    with pytest.raises(EntryError, match="source 'kandel2021,' is not 'key' or 'key, locator'"):
        entry_checks.source_key("kandel2021,", "at", EntryError)
    with pytest.raises(EntryError, match="locator is not like 'p. 12'"):
        entry_checks.source_key("kandel2021, somewhere", "at", EntryError, None, LOCATOR)
    with pytest.raises(EntryError, match="unknown bibliography key 'hebb1949'"):
        entry_checks.source_key("hebb1949", "at", EntryError, {"kandel2021"})


SHARED_MATHTEXT_CHECK = r"""
import io, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import mathtext
from nn_site.engine import mathtext_cache
from nn_site.paths import ROOT

def figure_svg():
    matplotlib.rcdefaults()
    matplotlib.style.use(ROOT / "snippets" / "site.mplstyle")
    matplotlib.rcParams["svg.hashsalt"] = "test"
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([1e-3, 2e6], [0, 1], label=r"$V_\mathrm{th}$")
    ax.set_xscale("log")
    ax.set_xlabel(r"$\tau_m\,dV/dt$")
    ax.legend()
    out = io.BytesIO()
    fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    fig.draw_without_rendering()  # a raster parse of every label too
    plt.close(fig)
    return out.getvalue()

before = figure_svg()
assert mathtext_cache.share() and mathtext_cache.share()  # once, then already shared
after = figure_svg()
cache = mathtext.MathTextParser._parse_cached.cache
misses = cache.cache_info().misses
again = figure_svg()  # new renderers, new parsers: every label from the shared cache
info = cache.cache_info()
one = mathtext.MathTextParser("path").parse(r"$\alpha^{2}$", 72)
two = mathtext.MathTextParser("path").parse(r"$\alpha^{2}$", 72)
print(before == after == again, misses > 5, info.misses == misses, one is two)
"""


def test_the_shared_mathtext_cache_parses_once_and_changes_no_byte(tmp_path: Path):
    """nn_site/engine/mathtext_cache.py: a figure's SVG is the same bytes with the cache
    shared between parsers; a second drawing with new renderers parses nothing again; two
    parser objects get one parse. (In a fresh interpreter: the cache is process-wide.)"""
    import subprocess
    import sys

    script = tmp_path / "check.py"
    script.write_text(SHARED_MATHTEXT_CHECK, encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["True"] * 4, run.stdout


def test_clip_paths_are_named_by_what_they_hold():
    """nn_site/engine/svg.py: matplotlib names a clip path by a hash of its unrounded
    rectangle, which a layout solved twice can give in different last bits; compacted,
    the two drawings are the same bytes, and two clip paths that hold the same rectangle
    as written become one, every reference following its clip path."""
    from nn_site.engine import svg

    def drawing(first: str, second: str) -> str:
        return (
            f'<svg><path d="M0 0L1 1" clip-path="url(#{first})"/><path d="M0 0L2 2" clip-path="url(#{second})"/>'
            f'<defs><clipPath id="{first}"><rect x="1.000001" y="2" width="3" height="4"/></clipPath>'
            f'<clipPath id="{second}"><rect x="1.000002" y="2" width="3" height="4"/></clipPath>'
            f'<clipPath id="pother"><rect x="5" y="2" width="3" height="4"/></clipPath></defs></svg>'
        )

    one, two = svg.compact(drawing("pa1", "pb2")), svg.compact(drawing("pc3", "pd4"))
    assert one == two
    ids = re.findall(r'<clipPath id="([^"]+)"', one)
    assert len(ids) == 2 and len(set(ids)) == 2, one  # the two 1.00000x rectangles are one
    assert set(re.findall(r"url\(#([^)]+)\)", one)) == {ids[0]}, one
