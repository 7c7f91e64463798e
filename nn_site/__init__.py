"""The engine of the Neural & Neuronal site: what ``mkdocs build`` runs besides MkDocs.

``nn_site/hooks.py`` is the one entry in mkdocs.yml (``hooks:``); it reads top to bottom
in event order and calls one function per concern. The concerns live in:

- ``config``     every setting and ``NN_*`` variable, read and checked once;
- ``build``      the build's lifecycle and the snippet fence, citations and math of a page;
- ``engine/``    the path of a snippet: fence -> runner -> worker, cache, svg, render;
- ``pages/``     what acts on page text: citations, glossary, math, ledger, quantities...;
- ``notebooks/`` the notebook pages: execution, kernel, figures, limits;
- ``publish/``   versioned URLs, "cite this page", share cards, the figure gallery;
- ``print/``     the print page (mkdocs-print-site) fixes.

CONTRIBUTING.md ("Architecture") draws the path and says where to change what.
"""
