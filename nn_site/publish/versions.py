"""The release this build is, and where it lives online: one place for both.

* **Release number and date**: ``extra.release`` and ``extra.date_released`` in
  ``mkdocs.yml`` (``scripts/release.py`` updates them with CITATION.cff, CHANGELOG.md
  and .zenodo.json).
* **Public URL**: ``site_url`` in ``mkdocs.yml``, which reads the environment variable
  ``NN_SITE_URL`` (a fork sets that, or edits the default there). It is the root under
  which mike keeps one folder per release: release 0.2.0 of a page lives at
  ``<site_url>0.2.0/<page>/``, and that *versioned* URL is what every citation,
  canonical link, sitemap entry and share card gives.

A build without a public URL (the default for a reader's ``make serve``) says so in
its citations instead of inventing an address; a placeholder address (example.org,
.invalid, .test ...) counts as none. A release build (``NN_RELEASE=1``, set by
``make deploy`` and the publishing workflow) without a real URL fails, naming the fix.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

RELEASE_ENV = "NN_RELEASE"
URL_ENV = "NN_SITE_URL"
MIKE_ENV = "MIKE_DOCS_VERSION"  # set by mike for the build it deploys
SEMVER = re.compile(r"^\d+\.\d+\.\d+$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# RFC 2606 / 6761 names that never belong to a real site.
PLACEHOLDER_HOST = re.compile(r"(^|\.)(example\.(org|com|net)|example|invalid|test|localhost)$")


class ReleaseError(ValueError):
    """The release metadata or public URL is missing or wrong; the message says how to fix it."""


def is_placeholder(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return not host or bool(PLACEHOLDER_HOST.search(host))


@dataclass(frozen=True)
class Release:
    name: str
    author: str
    version: str  # the release number, e.g. "0.2.0"
    date: str  # ISO date of the release
    root: str | None  # the public root (ends in "/"), or None
    folder: str  # the version folder under the root (mike's version name)

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def versioned_root(self) -> str | None:
        return f"{self.root}{self.folder}/" if self.root else None

    def url_of(self, path: str) -> str | None:
        """The versioned public URL of a site-relative path, or None without a public URL."""
        return self.versioned_root + path.lstrip("/") if self.root else None


def resolve(name: str, author: str, extra: dict, site_url: str | None, environ: dict | None = None) -> Release:
    """The release from mkdocs.yml's values; raises ReleaseError with the fix."""
    environ = os.environ if environ is None else environ
    version, date = str(extra.get("release") or ""), str(extra.get("date_released") or "")
    if not SEMVER.match(version):
        raise ReleaseError(f"mkdocs.yml: extra.release must be a version like 1.2.3, not {version!r}")
    if not DATE.match(date):
        raise ReleaseError(f"mkdocs.yml: extra.date_released must be a date like 2026-11-22, not {date!r}")
    folder = environ.get(MIKE_ENV) or version
    root = (site_url or "").strip() or None
    if root and environ.get(MIKE_ENV):
        # mike's plugin ran first and joined its version to site_url: take it off again.
        root = re.sub(rf"/{re.escape(folder)}/?$", "/", root.rstrip("/") + "/")
    if root:
        root = root.rstrip("/") + "/"
    releasing = environ.get(RELEASE_ENV) == "1"
    if releasing:
        if not root:
            raise ReleaseError(
                f"release build ({RELEASE_ENV}=1) without a public URL: set site_url in mkdocs.yml "
                f"or the environment variable {URL_ENV} to the address the site is published at, "
                "e.g. https://<user>.github.io/<repository>/"
            )
        if is_placeholder(root):
            raise ReleaseError(
                f"release build ({RELEASE_ENV}=1) with the placeholder URL {root}: set site_url in "
                f"mkdocs.yml or {URL_ENV} to the real address; citations must not point to a "
                "domain that is not the site's"
            )
        if folder != version:
            raise ReleaseError(
                f"release build of version folder {folder!r}, but mkdocs.yml "
                f"extra.release is {version!r}: run scripts/release.py first"
            )
    elif root and is_placeholder(root):
        root = None
    return Release(name=name, author=author, version=version, date=date, root=root, folder=folder)


def from_config(config, environ: dict | None = None) -> Release:
    return resolve(config.site_name, config.site_author or "", dict(config.extra), config.site_url, environ)
