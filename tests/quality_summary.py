"""The site-quality counts printed at the end of a test run ("site quality summary").

Browser tests add to ``COUNTS`` (through the ``quality_summary`` fixture). Under
pytest-xdist each worker process counts its own tests; tests/conftest.py hands each
worker's counts to the controller, which adds them up (``merge``) and prints them.
"""

from __future__ import annotations

from collections import Counter

COUNTS: Counter = Counter()
ORDER = [
    "pages", "page loads", "requests", "off-host requests", "console errors",
    "failed requests", "images checked", "broken images", "axe runs", "axe violations",
    "mobile pages", "mobile overflows", "search queries", "pages validated",
    "validator errors", "links checked", "broken links",
]
# A fact about the site, not a count of checks: every worker that loads pages sets it.
SAME_IN_EVERY_WORKER = {"pages"}


def merge(counts: dict) -> None:
    """Add one worker's counts. A value a test sets rather than adds to (the smallest
    figure text, the worst layout shift) comes from the one worker that ran that test."""
    for key, value in counts.items():
        if key in COUNTS and key not in SAME_IN_EVERY_WORKER and isinstance(value, int):
            COUNTS[key] += value
        else:
            COUNTS[key] = value


def lines() -> list[str]:
    return [f"{key:>20}: {COUNTS[key]}" for key in ORDER + sorted(set(COUNTS) - set(ORDER))
            if key in COUNTS]
