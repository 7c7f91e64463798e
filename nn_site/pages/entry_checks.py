"""What the site's three YAML registers check alike: the ledger (``includes/ledger/*.yml``,
ledger.py), the corrections log (``includes/corrections.yml``, corrections.py) and the
quantities register (``includes/quantities.yml``, quantities.py).

Each is a YAML list of mappings (entries; the ledger calls them rows), and each entry must
have its required fields and no others, a lowercase slug as its id, and its sources
written ``key`` or ``key, locator`` with a key of the bibliography. A register keeps what
is its own (verdicts, releases, derivations, how it reads its file) and its own exception:
every check here takes the exception class to raise and ``at``, where the message starts
(file, line or entry number, id), so each register's messages name file, entry and cause.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # an id: 'synapse-weight'
SOURCE = re.compile(r"^(?P<key>[\w:-]+)(?:\s*,\s*(?P<locator>.+))?$")  # 'kandel2021, ch. 13'


def entry_list(data: object, where: str, error: type[Exception], plural: str, first: str) -> list:
    """A loaded register file as its list of entries, or ``error`` saying how one is written."""
    if not isinstance(data, list):
        raise error(f"{where}: must be a YAML list of {plural} (each starting '- {first}: ...')")
    return data


def check_fields(
    entry: dict,
    at: str,
    error: type[Exception],
    required: Iterable[str],
    allowed: Collection[str],
    may_be_empty: Collection[str] = (),
    unknown_note: str = "",
) -> None:
    """Every ``required`` field present and not empty ('' or []: unless in ``may_be_empty``),
    and no field outside ``allowed``; ``unknown_note`` is added to the message for those."""
    missing = [f for f in required if entry.get(f) is None or (f not in may_be_empty and entry[f] in ("", []))]
    if missing:
        raise error(f"{at}: missing {', '.join(missing)}")
    unknown = sorted(set(entry) - set(allowed))
    if unknown:
        raise error(f"{at}: unknown field(s) {', '.join(map(str, unknown))}{unknown_note}")


def check_slug(value: object, at: str, error: type[Exception], field: str, example: str) -> None:
    """An entry's id is a lowercase slug (it becomes an anchor and a cross-reference)."""
    if not isinstance(value, str) or not SLUG.match(value):
        raise error(f"{at}: {field} must be a lowercase slug like '{example}'")


def source_key(
    source: object,
    at: str,
    error: type[Exception],
    bib_keys: Collection[str] | None = None,
    locator: re.Pattern | None = None,
) -> str:
    """The bibliography key of a source written 'key' or 'key, locator'; checked against
    ``bib_keys`` and its locator against ``locator`` when they are given."""
    match = SOURCE.match(str(source))
    if not match:
        raise error(f"{at}: source {source!r} is not 'key' or 'key, locator'")
    if locator is not None and match["locator"] and not locator.match(match["locator"].strip()):
        raise error(f"{at}: source {source!r}: locator is not like 'p. 12', 'ch. 9', 'table 1'")
    if bib_keys is not None and match["key"] not in bib_keys:
        raise error(f"{at}: unknown bibliography key {match['key']!r}")
    return match["key"]
