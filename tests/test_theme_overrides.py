"""The theme partials the site overrides (overrides/partials/) stay Material's own markup
but for the change each one exists for, and that change is in every built page."""

from __future__ import annotations

import re
from pathlib import Path

import material

from helpers import ROOT

THEME_PARTIALS = Path(material.__file__).parent / "templates" / "partials"
DIALOG_NAME = ' aria-label="{{ lang.t(\'search\') }}"'


def _without_comment(template: str) -> str:
    """A Jinja template without its leading {#- ... -#} comment (Material's says 'generated')."""
    return re.sub(r"^\{#-.*?-#\}\s*", "", template, count=1, flags=re.DOTALL)


def test_the_search_partial_is_materials_own_plus_a_dialog_name():
    ours = _without_comment((ROOT / "overrides/partials/search.html").read_text(encoding="utf-8"))
    theirs = _without_comment((THEME_PARTIALS / "search.html").read_text(encoding="utf-8"))
    assert DIALOG_NAME in ours
    assert ours.replace(DIALOG_NAME, "", 1) == theirs, (
        "overrides/partials/search.html differs from the theme's partial beyond the dialog's "
        "name: the theme was upgraded; copy its partial again and re-add the aria-label"
    )


def test_every_dialog_on_every_page_has_an_accessible_name(site):
    unnamed = []
    for html in sorted(site.rglob("*.html")):
        for tag in re.findall(r"<[a-z]+\b[^>]*\brole=\"dialog\"[^>]*>", html.read_text(encoding="utf-8")):
            if not re.search(r'\baria-label(?:ledby)?="[^"]+"', tag):
                unnamed.append(f"{html.relative_to(site)}: {tag}")
    assert not unnamed, "dialogs without an accessible name:\n" + "\n".join(unnamed[:10])
