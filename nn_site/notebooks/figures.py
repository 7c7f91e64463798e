"""Notebook pages' figures in the site's figure style (issue 13, item 6), set at build time.

The notebooks stay as their authors wrote them. The build gives the Jupyter kernel
that mkdocs-jupyter starts an IPython profile of its own (``IPYTHONDIR``) in which
matplotlib draws SVG, not PNG, in ``snippets/site.mplstyle`` (the snippets' sizes,
ink and transparent background), with fixed SVG ids and no date, so two builds are
byte-identical. Each SVG output then becomes a figure like a snippet's: a light and a
dark copy (``nn_site/engine/palette.py``) as files beside the page, with width and height,
lazy loading, a full-size link, an id (``fig-<notebook>-<N>``, so the figure gallery
and a citation can link to it), and alt text made from the figure's own labels
(titles, axis labels, legend entries) instead of "No description has been provided".

Phones get a layout of their own, as snippet figures do (nn_site/engine/phone.py): the
kernel's SVG output of a figure is followed by the same Figure laid out for a 390-px
column (``install_phone_layouts``, run by the profile), which ``finish`` cuts off and
writes as ``<stem>-N-phone.svg`` (and its dark copy) inside a ``<picture>``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from nn_site.engine import cache, phone
from nn_site.engine.palette import dark_variant
from nn_site.engine.render import PHONE_MEDIA, phone_aspect
from nn_site.engine.svg import compact

# nbconvert writes an SVG output as an <img> with a base64 data: URL.
SVG_OUTPUT = re.compile(
    r'<div class="jp-RenderedSVG jp-OutputArea-output[^"]*"[^>]*>\s*'
    r'<img [^>]*?src="data:image/svg\+xml;base64,(?P<b64>[A-Za-z0-9+/=\s]+)"[^>]*>\s*</div>'
    # its caption, from the Markdown cell after it (nn_site/notebooks/pages.py: _captions)
    r'(?:\s*<div class="notebook-caption">(?P<caption>.*?)</div>)?',
    re.DOTALL,
)
SVG_SIZE = re.compile(r'<svg[^>]*?\bwidth="(?P<w>[\d.]+)pt"[^>]*?\bheight="(?P<h>[\d.]+)pt"')
NS = "{http://www.w3.org/2000/svg}"
PHONE_MARK = "<!-- phone layout -->"  # between a figure's desktop and phone SVG in a kernel output


def install_phone_layouts() -> None:
    """In a notebook kernel: every SVG of a figure is followed by PHONE_MARK and the same
    figure laid out for a phone (nn_site/engine/phone.py); texts below 11 px grow in the
    desktop copy too. Wraps IPython's print_figure, which the inline backend's SVG
    formatter calls (set up before or after this runs), and registers it again."""
    from IPython import get_ipython
    from IPython.core import pylabtools
    from matplotlib.figure import Figure

    original = pylabtools.print_figure
    if getattr(original, "with_phone_layout", False):
        return

    def print_figure(fig, fmt="png", bbox_inches="tight", base64=False, **kwargs):
        if fmt != "svg":
            return original(fig, fmt, bbox_inches, base64, **kwargs)
        phone.grow_texts(fig)
        desktop = original(fig, fmt, bbox_inches, base64, **kwargs)
        if not isinstance(desktop, str) or phone.relayout(fig) is not None:
            return desktop  # the page then shows the desktop copy on phones too
        return desktop + PHONE_MARK + original(fig, fmt, None, base64, **kwargs)

    print_figure.with_phone_layout = True
    pylabtools.print_figure = print_figure
    shell = get_ipython()
    if shell is not None:
        svg = shell.display_formatter.formatters["image/svg+xml"]
        svg.for_type(Figure, lambda fig: print_figure(fig, "svg", metadata={"Date": None, "Creator": None}))


def _dims(svg: str) -> str:
    """width="…" height="…" in CSS px from the SVG's size in pt, or nothing."""
    size = SVG_SIZE.search(svg)
    return f' width="{round(float(size["w"]) * 4 / 3)}" height="{round(float(size["h"]) * 4 / 3)}"' if size else ""


def kernel_profile(style: Path) -> tuple[Path, str]:
    """An IPYTHONDIR whose kernels draw SVG in the site style, in the build cache's
    ``ipython/<digest>/`` (nn_site/engine/cache.py); returns it and its digest."""
    config = (
        "# Written by nn_site/notebooks/figures.py for the site build (not for readers).\n"
        "c.InlineBackend.figure_formats = {'svg'}\n"
        "c.InlineBackend.rc = {}\n"
        "c.InlineBackend.print_figure_kwargs = {'bbox_inches': 'tight',\n"
        "                                       'metadata': {'Date': None, 'Creator': None}}\n"
        "c.IPKernelApp.exec_lines = [\n"
        "    'import matplotlib.style',\n"
        f"    {f'matplotlib.style.use({str(style)!r})'!r},\n"
        "    \"matplotlib.rcParams['svg.hashsalt'] = 'notebook'\",\n"
        "    'from nn_site.notebooks.figures import install_phone_layouts',\n"
        "    'install_phone_layouts()',\n"
        "]\n"
    )
    # The phone layout's code is part of what the kernel draws: a change re-runs the notebooks.
    code = Path(phone.__file__).read_bytes() + Path(__file__).read_bytes()
    digest = hashlib.sha256(config.encode() + style.read_bytes() + code).hexdigest()[:12]
    profile = cache.cache_dir() / "ipython" / digest
    target = profile / "profile_default" / "ipython_kernel_config.py"
    if not target.is_file() or target.read_text(encoding="utf-8") != config:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(config, encoding="utf-8")
    return profile, digest


def labels(svg: str) -> list[str]:
    """A figure's own words: its titles, axis labels and legend entries (not tick labels)."""
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))  # matplotlib names each text in a comment
    root = ET.fromstring(svg, parser=parser)
    found: list[str] = []

    def walk(node, in_tick: bool) -> None:
        gid = node.get("id", "")
        in_tick = in_tick or gid.startswith(("xtick_", "ytick_"))
        if node.tag == f"{NS}g" and gid.startswith("text_") and not in_tick:
            raw = next((child.text or "" for child in node if child.tag is ET.Comment), "").strip()
            text = html.unescape(raw).replace("$", "").replace("\\mathrm", "").replace("\\", "")
            text = re.sub(r"[{}]", "", text).strip()
            if text and text not in found:
                found.append(text)
        for child in node:
            walk(child, in_tick)

    walk(root, False)
    return found


def alt_text(svg: str) -> str:
    words = labels(svg)
    if not words:
        return "A figure drawn by the code cell above it."
    return "A figure drawn by the code cell above it; its labels read: " + "; ".join(words) + "."


def figure_id(notebook: str, number: int) -> str:
    """The id of a notebook's Nth figure: ``fig-build-a-neuron-2`` for docs/notebooks/build-a-neuron.ipynb."""
    slug = re.sub(r"[^a-z0-9]+", "-", notebook.rsplit("/", 1)[-1].removesuffix(".ipynb").lower()).strip("-")
    return f"fig-{slug}-{number}"


def finish(page_html: str, stem: str, notebook: str) -> tuple[str, dict[str, str]]:
    """The page with each SVG output made a figure; and the files to write, by name
    (``<stem>-N.svg`` and ``<stem>-N-dark.svg``, beside the page). ``notebook`` is the
    notebook's source path, which names the figures' ids (the same in every URL style)."""
    files: dict[str, str] = {}
    count = [0]

    def figure(match: re.Match) -> str:
        count[0] += 1
        number = count[0]
        svg = base64.b64decode(match["b64"]).decode("utf-8")
        svg, _, phone_svg = svg.partition(PHONE_MARK)
        svg = svg[svg.index("<svg") :]
        light, dark = f"{stem}-{number}.svg", f"{stem}-{number}-dark.svg"
        files[light] = '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n' + compact(svg)
        files[dark] = dark_variant(files[light])
        dims = _dims(svg)
        alt = html.escape(alt_text(svg), quote=True)
        img = f'<img alt="{alt}"{dims} loading="lazy" decoding="async" src="{{}}">'
        shown = [img.format(light + "#only-light"), img.format(dark + "#only-dark")]
        if phone_svg:  # <picture> as nn_site/engine/render.py makes for snippet figures
            phone_svg = phone_svg[phone_svg.index("<svg") :]
            phone_light, phone_dark = f"{stem}-{number}-phone.svg", f"{stem}-{number}-phone-dark.svg"
            files[phone_light] = '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n' + compact(phone_svg)
            files[phone_dark] = dark_variant(files[phone_light])
            shown = [
                f'<picture><source media="{PHONE_MEDIA}" srcset="{src}">{phone_aspect(tag, phone_svg)}</picture>'
                for src, tag in zip((phone_light, phone_dark), shown)
            ]
        caption = (
            f'<figcaption><span class="caption-number">Figure {number}.</span> {match["caption"].strip()}</figcaption>'
            if match["caption"]
            else ""
        )
        return (
            f'<figure class="snippet-figure notebook-figure" id="{figure_id(notebook, number)}">'
            f'<a class="figure-zoom" href="{light}" '
            f'title="Open the figure full size">{"".join(shown)}</a>{caption}</figure>'
        )

    return SVG_OUTPUT.sub(figure, page_html), files
