"""The repository is the boundary of what the build reads, runs, includes or copies.

A symbolic link is a path inside the repository whose file is elsewhere: a snippet
``snippets/x/run.py -> /home/me/secret.py`` would be run and its source published, a
``docs/assets/x.txt -> /etc/passwd`` copied into ``site/``, an ``--8<--`` include followed
out of ``includes/``. So the boundary is the *resolved* path (``os.path.realpath``):

- ``check_tree`` walks ``docs/`` (pages, assets, notebooks, the bibliography),
  ``snippets/`` and ``includes/`` (ledger, abbreviations, print templates) without
  following links, and fails on any link, to a file or a folder, whose target is outside
  the repository or inside its ``.git``, naming the link and its target;
- ``guard_includes`` makes pymdownx.snippets (``--8<--``) check the resolved path of each
  file it includes against the resolved base paths (its own ``restrict_base_path`` check
  compares the unresolved path, so a link inside a base path passes it).

A link that stays inside the repository (``docs/a.md -> b.md``) is fine.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

FOLDERS = ("snippets", "includes")


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def escapes(path: str, root: str) -> bool:
    """Whether ``path`` resolves outside ``root`` (a real path) or into its ``.git``."""
    real = os.path.realpath(path)
    return not _inside(real, root) or _inside(real, os.path.join(root, ".git"))


def check_tree(root: Path, docs_dir: Path) -> None:
    """PluginError naming every link under docs/, snippets/, includes/ that leaves the repository."""
    real_root = os.path.realpath(root)
    bad: list[str] = []
    for folder in (Path(docs_dir), *(Path(root) / name for name in FOLDERS)):
        if not os.path.lexists(folder):
            continue
        if escapes(str(folder), real_root):
            bad.append(_message(str(folder), root))
            continue
        for parent, dirs, files in os.walk(folder):  # never follows a link to a folder
            for name in dirs + files:
                path = os.path.join(parent, name)
                if os.path.islink(path) and escapes(path, real_root):
                    bad.append(_message(path, root))
    if bad:
        raise PluginError("\n".join(bad))


def _message(path: str, root: Path) -> str:
    shown = os.path.relpath(path, root)
    return (
        f"{shown}: a symbolic link to {os.path.realpath(path)}, outside the repository "
        f"({os.path.realpath(root)}); the build reads, runs, includes and copies only files "
        "inside it (replace the link with the file itself)"
    )


def guard_includes() -> None:
    """Make every ``--8<--`` include check its resolved path (once per process)."""
    from pymdownx.snippets import SnippetPreprocessor

    original = SnippetPreprocessor.get_snippet_path
    if getattr(original, "resolves_links", False):
        return

    def get_snippet_path(self: SnippetPreprocessor, path: str) -> str | None:
        found = original(self, path)
        if found is None or not self.restrict_base_path:
            return found
        real = os.path.realpath(found)
        bases = [os.path.realpath(base) for base, is_dir in self.get_bases() if is_dir]
        if not any(_inside(real, base) for base in bases):
            raise PluginError(
                f"--8<-- {path!r}: {found} is, or is inside, a symbolic link to {real}, "
                f"outside the folders includes may come from ({', '.join(bases)})"
            )
        return found

    get_snippet_path.resolves_links = True
    SnippetPreprocessor.get_snippet_path = get_snippet_path
