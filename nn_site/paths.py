"""Where things are: the repository the package sits in, and the package itself.

Computed here once; every module that needs the repository's own files (``snippets/``,
``includes/``, the default cache ``.cache/build``) imports ``ROOT`` from here. A build of
another project (a test's throwaway mini-project) finds its files from its own mkdocs.yml.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
