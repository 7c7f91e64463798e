"""Make a release: ``make release VERSION=x.y.z`` (or ``python scripts/release.py x.y.z``).

1. Refuses unless the git tree is clean, the version is new and higher than the
   current one, and the test suite passes (``make test``; ``NN_RELEASE_TEST_COMMAND``
   replaces it, e.g. in this script's own test).
2. Writes the version and today's date (UTC; ``--date`` to choose) into every file
   that holds them: mkdocs.yml (``extra.release``, ``extra.date_released``),
   CITATION.cff (``version``, ``date-released``, ``url``), .zenodo.json (``version``,
   ``publication_date``, the versioned URL) and CHANGELOG.md (the "Unreleased"
   section becomes this release's). Every "unreleased" entry of the corrections log
   (``includes/corrections.yml``, nn_site/pages/corrections.py) gets this version, and the
   release's CHANGELOG section lists them; a release may hold only corrections.
3. Commits "Release x.y.z" and tags it ``vx.y.z``. Pushing the tag
   (``git push origin main vx.y.z``) makes the publishing workflow test the tag and
   deploy the site with mike under ``<site_url>x.y.z/``, with ``latest`` pointing to it.
4. The workflow also prints the book (``make pdf``) and attaches it to the tag's GitHub
   release with ``python scripts/release.py --attach dist/neural-and-neuronal.pdf``
   (``attach``: the release is made if the tag has none; GITHUB_REPOSITORY,
   GITHUB_REF_NAME and GITHUB_TOKEN come from the workflow). The instructors' page links
   ``<repository>/releases/download/vX.Y.Z/neural-and-neuronal.pdf``. The slide decks'
   PDFs (``make slides-pdf``: ``dist/slides/<page>-slides.pdf``) are attached the same
   way, each file on its own (``--attach`` takes several): each page links its own deck's
   PDF, which a zip of them all would not let it.

The public URL comes from ``NN_SITE_URL`` or mkdocs.yml's ``site_url`` default; a
release needs a real one (nn_site/publish/versions.py says why and how).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shlex
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from nn_site import config as site_config
from nn_site.pages import corrections
from nn_site.publish import versions as publish

UNRELEASED = "## Unreleased"


class ReleaseRefused(RuntimeError):
    """The release cannot be made; the message says why."""


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def current(root: Path) -> tuple[str, str]:
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    version = re.search(r"^  release: *(\S+)", text, re.MULTILINE)
    date = re.search(r'^  date_released: *"([^"]+)"', text, re.MULTILINE)
    if not version or not date:
        raise ReleaseRefused("mkdocs.yml: no 'extra.release' / 'extra.date_released' lines to update")
    return version[1], date[1]


def public_root(root: Path, environ: dict) -> str:
    """NN_SITE_URL, else the default written in mkdocs.yml's site_url, checked as a release would."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    line = re.search(r"^site_url:(.*)$", text, re.MULTILINE)
    default = None
    if line:
        value = line[1].split(" #")[0].strip()
        env_default = re.match(r'!ENV\s*\[\s*\w+\s*,\s*"?([^"\]]+)"?\s*\]', value)
        default = env_default[1] if env_default else (None if value.startswith("!ENV") else value or None)
    url = environ.get(publish.URL_ENV) or default
    version, date = current(root)
    release = publish.resolve(
        "",
        "",
        {"release": version, "date_released": date},
        url,
        {**environ, publish.RELEASE_ENV: "1", publish.MIKE_ENV: ""},
    )
    return release.root


def update_mkdocs(text: str, version: str, date: str) -> str:
    text = re.sub(r"^(  release: *)\S+", rf"\g<1>{version}", text, count=1, flags=re.MULTILINE)
    return re.sub(r'^(  date_released: *)"[^"]*"', rf'\g<1>"{date}"', text, count=1, flags=re.MULTILINE)


def update_cff(text: str, version: str, date: str, url: str) -> str:
    text = re.sub(r"^version: .*$", f'version: "{version}"', text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^date-released: .*$", f'date-released: "{date}"', text, count=1, flags=re.MULTILINE)
    if re.search(r"^url: ", text, re.MULTILINE):
        return re.sub(r"^url: .*$", f'url: "{url}"', text, count=1, flags=re.MULTILINE)
    return text.replace(f'date-released: "{date}"\n', f'date-released: "{date}"\nurl: "{url}"\n', 1)


def update_zenodo(text: str, version: str, date: str, url: str) -> str:
    data = json.loads(text)
    data["version"] = version
    data["publication_date"] = date
    others = [r for r in data.get("related_identifiers", []) if r.get("relation") != "isIdenticalTo"]
    data["related_identifiers"] = [
        {"identifier": url, "relation": "isIdenticalTo", "resource_type": "publication-other", "scheme": "url"},
        *others,
    ]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def update_changelog(text: str, version: str, date: str, fixes: str = "") -> str:
    """The "Unreleased" section becomes ``version``'s, with ``fixes`` (the corrections
    it carries, nn_site/pages/corrections.py) at its end."""
    if UNRELEASED not in text:
        raise ReleaseRefused(f"CHANGELOG.md: no '{UNRELEASED}' section to turn into {version}")
    head, _, rest = text.partition(UNRELEASED)
    body, sep, tail = rest.partition("\n## ")
    body = f"{body.strip()}\n{fixes}" if fixes else body
    if not body.strip():
        raise ReleaseRefused(f"CHANGELOG.md: the '{UNRELEASED}' section is empty: say what changed")
    return f"{head}{UNRELEASED}\n\n## {version} - {date}\n\n{body.strip()}\n\n" + (f"## {tail}" if sep else "")


def release(root: Path, version: str, date: str, environ: dict) -> None:
    if not publish.SEMVER.match(version):
        raise ReleaseRefused(f"VERSION must look like 1.2.3, not {version!r}")
    old, _ = current(root)
    if _version_tuple(version) <= _version_tuple(old):
        raise ReleaseRefused(f"version {version} is not above the current release {old}")
    if _git(root, "status", "--porcelain"):
        raise ReleaseRefused("the working tree has uncommitted changes: commit or stash them first")
    if _git(root, "tag", "--list", f"v{version}"):
        raise ReleaseRefused(f"tag v{version} exists already")
    try:
        url_root = public_root(root, environ)
    except publish.ReleaseError as exc:
        raise ReleaseRefused(str(exc)) from exc
    try:
        command = site_config.load(environ).release_test_command
    except site_config.ConfigError as exc:
        raise ReleaseRefused(str(exc)) from exc
    print(f"release {version}: running the tests ({command}) ...", flush=True)
    if subprocess.run(shlex.split(command), cwd=root).returncode != 0:
        raise ReleaseRefused(f"the tests failed ({command}): nothing was changed")
    url = f"{url_root}{version}/"
    log = root / corrections.CORRECTIONS_FILE
    fixes: list[dict] = []
    if log.is_file():
        try:
            log_text, fixes = corrections.release_unreleased(log.read_text(encoding="utf-8"), version)
        except corrections.CorrectionsError as exc:
            raise ReleaseRefused(str(exc)) from None
    edits = {
        "mkdocs.yml": lambda t: update_mkdocs(t, version, date),
        "CITATION.cff": lambda t: update_cff(t, version, date, url),
        ".zenodo.json": lambda t: update_zenodo(t, version, date, url),
        "CHANGELOG.md": lambda t: update_changelog(t, version, date, corrections.changelog_lines(fixes)),
    }
    if fixes:
        edits[corrections.CORRECTIONS_FILE.as_posix()] = lambda t: log_text
    new = {name: edit((root / name).read_text(encoding="utf-8")) for name, edit in edits.items()}
    for name, text in new.items():  # all computed first: a refusal leaves every file as it was
        (root / name).write_text(text, encoding="utf-8")
    _git(root, "add", *new)
    _git(root, "commit", "-q", "-m", f"Release {version}")
    _git(root, "tag", "-a", f"v{version}", "-m", f"Release {version}")
    print(f"Released {version} ({date}) at {url}\nPublish it: git push origin HEAD v{version}")


GITHUB_API = "https://api.github.com"


def _github(url: str, token: str, data: bytes | None = None, content_type: str = "application/json") -> dict:
    request = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
    request.add_header("Authorization", f"Bearer {token}")
    request.add_header("Accept", "application/vnd.github+json")
    if data is not None:
        request.add_header("Content-Type", content_type)
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.load(response)


def attach(asset: Path, environ: dict) -> str:
    """Upload ``asset`` to the GitHub release of the tag being built (made if missing);
    returns the asset's download URL."""
    missing = [name for name in ("GITHUB_REPOSITORY", "GITHUB_REF_NAME", "GITHUB_TOKEN") if not environ.get(name)]
    if missing:
        raise ReleaseRefused(f"--attach runs in the release workflow: {', '.join(missing)} not set")
    if not asset.is_file():
        raise ReleaseRefused(f"{asset}: no such file (make pdf or make slides-pdf writes it)")
    repo, tag, token = environ["GITHUB_REPOSITORY"], environ["GITHUB_REF_NAME"], environ["GITHUB_TOKEN"]
    try:
        found = _github(f"{GITHUB_API}/repos/{repo}/releases/tags/{tag}", token)
    except urllib.error.HTTPError as error:
        if error.code != 404:
            raise
        body = json.dumps({"tag_name": tag, "name": f"Release {tag.removeprefix('v')}"}).encode()
        found = _github(f"{GITHUB_API}/repos/{repo}/releases", token, body)
    upload = found["upload_url"].split("{", 1)[0] + "?" + urllib.parse.urlencode({"name": asset.name})
    uploaded = _github(upload, token, asset.read_bytes(), "application/pdf")
    return uploaded["browser_download_url"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["--attach"]:
        if len(argv) < 2:
            parser.error("usage: release.py --attach FILE [FILE ...]")
        try:
            for asset in argv[1:]:
                print(attach(Path(asset), dict(os.environ)))
        except ReleaseRefused as exc:
            print(f"attach refused: {exc}", file=sys.stderr)
            return 1
        return 0
    parser.add_argument("version")
    parser.add_argument("--date", default=dt.datetime.now(dt.UTC).date().isoformat())
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args(argv)
    try:
        release(args.root, args.version, args.date, dict(os.environ))
    except ReleaseRefused as exc:
        print(f"release refused: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
