"""Build the offline copy of the site and zip it: ``make offline``.

The copy (``mkdocs-offline.yml``) works opened straight from disk — unzip, open
``neural-neuronal/index.html`` — with search, figures, math and notebooks, and no
request to any other host.

    python scripts/offline_zip.py [--output neural-neuronal-offline.zip]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from nn_site.paths import ROOT

FOLDER = "neural-neuronal"  # the one top-level folder inside the zip


def build(site_dir: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--config-file",
        str(ROOT / "mkdocs-offline.yml"),
        "--site-dir",
        str(site_dir),
    ]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def zip_site(site_dir: Path, output: Path) -> int:
    """Zip every file under ``site_dir`` into ``output``, under FOLDER/, in a fixed order
    with fixed timestamps (the same site gives the same zip). Returns the file count."""
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site_dir).as_posix()}", date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "neural-neuronal-offline.zip")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="nn-offline-") as tmp:
        site_dir = Path(tmp) / "site"
        build(site_dir)
        count = zip_site(site_dir, args.output)
    size = args.output.stat().st_size / 1e6
    print(f"{args.output}: {count} files, {size:.1f} MB. Unzip it and open {FOLDER}/index.html.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
