"""Build-speed benchmark (`make bench`): prints times and the ratios the project aims at.

- cold build: empty snippet cache, every snippet runs (in one worker process);
- warm rebuild: same cache, nothing runs; goal: at most 1.15 x the bare build;
- bare build: the same pages with the hook disabled (no snippets, citations or MathML);
- snippet phase of the cold build vs the sum of running each snippet in its own
  process (`python snippets/...`, as a student would); goal: well under 1.

Each build is a fresh `mkdocs build` process, as a reader runs it; warm and bare take
the median of several runs. Timings vary with machine load: read the ratios.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))


def build(config: Path, cache: Path, site: Path) -> tuple[float, str]:
    env = {**os.environ, "NN_CACHE_DIR": str(cache), "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stderr[-3000:]}")
    return elapsed, result.stderr + result.stdout


def snippet_alone(path: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, str(path)], cwd=ROOT, env={**os.environ, "MPLBACKEND": "Agg"},
                   check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from mkdocs_hooks import snippets_used

    used = sorted(snippets_used(ROOT / "docs"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        bare_config = ROOT / ".bench-bare.yml"  # INHERIT paths are relative to the config
        bare_config.write_text("INHERIT: mkdocs.yml\nhooks: []\n")
        try:
            cold, log = build(ROOT / "mkdocs.yml", tmp / "cache", tmp / "site")
            ran = re.search(r"ran (\d+) snippets in ([\d.]+) s", log)
            phase = float(ran.group(2)) if ran else float("nan")
            warm = statistics.median(build(ROOT / "mkdocs.yml", tmp / "cache", tmp / "site")[0]
                                     for _ in range(REPEATS))
            bare = statistics.median(build(bare_config, tmp / "cache-bare", tmp / "site-bare")[0]
                                     for _ in range(REPEATS))
        finally:
            bare_config.unlink()
    alone = sum(snippet_alone(ROOT / "snippets" / name) for name in used)

    print(f"pages' snippets:            {len(used)}")
    print(f"cold build:                 {cold:6.2f} s  (snippet phase {phase:.2f} s)")
    print(f"warm rebuild (median of {REPEATS}): {warm:6.2f} s")
    print(f"bare build, no hook:        {bare:6.2f} s")
    print(f"each snippet alone, summed: {alone:6.2f} s")
    print(f"warm / bare:                {warm / bare:6.2f}   goal <= 1.15")
    print(f"snippet phase / alone:      {phase / alone:6.2f}   goal well under 1")


if __name__ == "__main__":
    main()
