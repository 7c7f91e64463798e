"""Versions that stay put: two releases built with mike, served, switched in Chromium.

A throwaway git repository gets a copy of the project, reduced to the pages the test
opens (PAGES: mike and the selector do the same for 3 pages as for 48, and each release
builds in seconds, not a minute); mike deploys release 0.1.0,
then, after a page changes, release 0.2.0 as ``latest`` (both into the local gh-pages
branch; nothing is pushed). The gh-pages tree is served on 127.0.0.1 and Chromium
checks that the header's version selector (Material, ``extra.version.provider: mike``)
lists both releases, that choosing 0.1.0 opens the same page of 0.1.0, that this older
page still shows the older text and cites its own versioned URL, and that no request
leaves 127.0.0.1.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import tarfile
import threading
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import _QuietHandler

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_ROOT = "https://nn-course.github.io/neural-neuronal/"
COPY = ["docs", "snippets", "nn_site", "includes", "overrides", "mkdocs.yml"]
NEW_TEXT = "This sentence is new in release 0.2.0."
PAGE = "terminology"
# The pages each release keeps: the home page (the root redirect lands on it), the page
# switched between releases, and the page its links to the versions go to.
PAGES = ["index.md", f"{PAGE}.md", "cite.md"]


def reduce_to(config: Path, pages: list[str]) -> None:
    """Build only ``pages`` of docs/ (mkdocs ``exclude_docs``); links to the pages left out
    are reported at INFO, not as warnings (still a strict build: any other warning fails it)."""
    text = re.sub(r"^(\s+(?:omitted_files|absolute_links|unrecognized_links|anchors|not_found): )warn$",
                  r"\g<1>info", config.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert "strict: true" in text and ": warn\n" not in text, "mkdocs.yml's validation block changed"
    keep = "".join(f"  !/{page}\n" for page in pages)
    config.write_text(text + f"exclude_docs: |\n  /*.md\n  /notebooks/\n{keep}", encoding="utf-8")

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _run(cwd: Path, *command: str, env: dict) -> None:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def versions_root(tmp_path_factory, site) -> Path:
    """The gh-pages tree of a throwaway repository holding releases 0.1.0 and 0.2.0
    (after ``site``, whose build leaves the engine's caches warm)."""
    repo = tmp_path_factory.mktemp("mike-repo")
    for name in COPY:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, repo / name)
    reduce_to(repo / "mkdocs.yml", PAGES)
    # A copy of the engine's cache (.cache/build beside the installed nn_site, warm after
    # ``site``), the releases' own: a build prunes its cache to what it used, and a build of
    # 3 pages pruning the repository's cache would leave every later build of the run cold.
    cache = repo / ".cache" / "build"
    warm = Path(os.environ.get("NN_CACHE_DIR") or ROOT / ".cache" / "build")
    if warm.is_dir():
        shutil.copytree(warm, cache)
    (repo / ".gitignore").write_text(".cache/\nsite/\n")
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
           "NO_MKDOCS_2_WARNING": "1", "NN_SITE_URL": PUBLIC_ROOT, "NN_RELEASE": "1",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}
    env["NN_CACHE_DIR"] = str(cache)
    git = functools.partial(_run, repo, "git", env=env)
    mike = functools.partial(_run, repo, str(Path(bin_dir) / "mike"), env=env)
    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-q", "-m", "release 0.1.0")
    mike("deploy", "0.1.0")

    page = repo / "docs" / f"{PAGE}.md"
    text = page.read_text(encoding="utf-8")
    first_heading_end = text.index("\n", text.index("# ")) + 1
    page.write_text(text[:first_heading_end] + f"\n{NEW_TEXT}\n" + text[first_heading_end:], encoding="utf-8")
    config = repo / "mkdocs.yml"
    config.write_text(re.sub(r"^(  release: *)\S+", r"\g<1>0.2.0", config.read_text(), count=1,
                             flags=re.MULTILINE))
    git("commit", "-q", "-am", "release 0.2.0")
    mike("deploy", "--update-aliases", "0.2.0", "latest")
    mike("set-default", "latest")

    served = tmp_path_factory.mktemp("gh-pages")
    archive = subprocess.run(["git", "archive", "gh-pages"], cwd=repo, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(served, filter="fully_trusted")  # mike's `latest` is a symlink
    return served


@pytest.fixture(scope="module")
def versions_url(versions_root: Path):
    handler = functools.partial(_QuietHandler, directory=str(versions_root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def test_mike_keeps_each_release_and_the_selector_switches(browser, versions_root, versions_url):
    assert {p.name for p in versions_root.iterdir()} >= {"0.1.0", "0.2.0", "latest", "versions.json"}
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(versions_url)  # the default version, through the root redirect
    page.wait_for_url(re.compile(r"/(latest|0\.2\.0)/$"), timeout=15000)
    page.goto(f"{versions_url}latest/{PAGE}/")
    assert NEW_TEXT in page.inner_text("article")

    selector = page.locator(".md-version")
    selector.wait_for(state="attached", timeout=15000)
    assert "0.2.0" in page.inner_text(".md-version__current")
    items = page.locator(".md-version__link").all_text_contents()
    assert any("0.1.0" in item for item in items) and any("0.2.0" in item for item in items), items

    page.locator(".md-version").hover()  # the list opens on hover, as for a reader's mouse
    page.locator(".md-version__link", has_text="0.1.0").click()
    page.wait_for_url(re.compile(rf"/0\.1\.0/{PAGE}/$"), timeout=15000)
    page.wait_for_load_state("load")
    article = page.inner_text("article")
    assert NEW_TEXT not in article and "neural" in article.lower()
    assert "0.1.0" in page.inner_text(".md-version__current")
    cite = page.inner_text("#cite-this-page pre", timeout=5000) if page.locator("#cite-this-page pre").count() else ""
    html_ = page.content()
    assert f"{PUBLIC_ROOT}0.1.0/{PAGE}/" in html_ and f"{PUBLIC_ROOT}0.2.0/" not in html_, cite
    context.close()
    port_host = urlsplit(versions_url).netloc
    assert hosts == {port_host}, f"requests to other hosts: {hosts - {port_host}}"
