"""The messages between the build and its snippet worker, as typed objects.

Three processes talk over pipes, one JSON object per message::

    runner.py (the build) --Job-->    worker.py (the warm parent) --fork--> child (one snippet)
                          <--Ready--  once, when the worker has warmed up
                          <--Result-- per Job: the snippet's outcome (Ran, Failed or Hung)
                                      and what the worker adds (processes left running,
                                      its CPU seconds); the child hands its outcome
                                      (Ran or Failed) to the worker the same way

Each message is a frozen dataclass: ``encode`` writes it as JSON with its kind
(``{"kind": "job", ...}``) and ``decode`` reads it back as the kinds the reader expects,
checking every field against the dataclass's annotations. So a message one side does not
expect (an unknown kind, a missing or extra field, a value of the wrong type) fails where
it arrives, with ``ProtocolError`` naming the kind and the field, instead of as a
``KeyError`` three calls later. Dataclasses, not TypedDicts: the wire is JSON either way,
and a frozen object that has been checked once cannot be half-filled or changed on its
way through the runner. The check reads the annotations themselves, so a field is
declared once; JSON's lists arrive as tuples.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass


class ProtocolError(ValueError):
    """A message between runner and worker that is not JSON, or not of a kind and shape
    the reader expects (a bug in the engine, never in a snippet)."""


@dataclass(frozen=True)
class Job:
    """Runner -> worker: run the snippet ``path``, writing into ``out_dir``."""

    path: str
    out_dir: str
    salt: str  # the snippet's name: matplotlib's svg.hashsalt, for byte-identical SVG
    timeout: float  # seconds before the worker kills the snippet and reports Hung


@dataclass(frozen=True)
class Ready:
    """Worker -> runner, once: warmed up, send jobs."""


@dataclass(frozen=True)
class Ran:
    """The snippet reached its end; whether the build can publish it is the runner's call."""

    stdout: str
    figures: tuple[str, ...]  # file names in out_dir, e.g. "figure-1.svg"
    written: tuple[str, ...]  # files the snippet left in its working directory
    figure_problem: str | None  # why a figure cannot be published (engine/figure_checks.py)
    phone: dict[str, str | None]  # figure -> why it has no phone layout, or None
    phone_seconds: float  # CPU seconds spent on phone layouts (the build's log)
    # figure -> the clear space (CSS px) above each stacked panel's title in its phone
    # layout (nn_site/engine/phone.py, title_gaps), kept in the cache for the tests
    phone_gaps: dict[str, tuple[float, ...]] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Failed:
    """The snippet raised, called os._exit, or its process died before it reported."""

    file: str  # the snippet's own file where it failed (or its path, if unknown)
    line: int | None
    error: str
    traceback: str = ""
    stdout: str = ""
    stack: str = ""  # faulthandler's dump, when the process crashed


@dataclass(frozen=True)
class Hung:
    """The snippet ran past its time-out and was killed; ``stack`` is where it was."""

    stack: str


@dataclass(frozen=True)
class Result:
    """Worker -> runner, one per Job."""

    outcome: Ran | Failed | Hung
    left_running: tuple[str, ...] = ()  # processes the snippet started that outlived it (killed)
    cpu_total: float = 0.0  # CPU seconds of the worker and all its snippets so far


Message = Job | Ready | Ran | Failed | Hung | Result
KINDS: dict[str, type] = {cls.__name__.lower(): cls for cls in typing.get_args(Message)}


def _wire(value: object) -> object:
    if dataclasses.is_dataclass(value):
        fields = {field.name: _wire(getattr(value, field.name)) for field in dataclasses.fields(value)}
        return {"kind": type(value).__name__.lower(), **fields}
    if isinstance(value, tuple | list):
        return [_wire(item) for item in value]
    if isinstance(value, dict):
        return {key: _wire(item) for key, item in value.items()}
    return value


def encode(message: Message) -> str:
    """``message`` as one line of JSON (no newline at the end)."""
    if type(message) not in KINDS.values():
        raise ProtocolError(f"not a protocol message: {message!r}")
    return json.dumps(_wire(message))


def decode(line: str, *expected: type) -> Message:
    """The message in ``line``, which must be one of the ``expected`` kinds (any if none)."""
    try:
        data = json.loads(line)
    except ValueError as exc:
        raise ProtocolError(f"a message is not JSON ({exc}): {line[:200]!r}") from None
    return _message(data, expected or tuple(KINDS.values()))


def _message(data: object, expected: tuple[type, ...]) -> Message:
    if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
        raise ProtocolError(f"a message must be a JSON object with a 'kind': {str(data)[:200]!r}")
    kind = data["kind"]
    cls = KINDS.get(kind)
    if cls is None:
        raise ProtocolError(f"unknown message kind {kind!r} (known: {', '.join(KINDS)})")
    if cls not in expected:
        wanted = " or ".join(c.__name__.lower() for c in expected)
        raise ProtocolError(f"expected a {wanted} message, got {kind!r}")
    hints = typing.get_type_hints(cls)
    fields = {field.name: field for field in dataclasses.fields(cls)}
    extra = sorted(set(data) - set(fields) - {"kind"})
    if extra:
        raise ProtocolError(f"{kind!r} message has unknown field(s) {extra}")
    values = {}
    for name, field in fields.items():
        if name not in data:
            if field.default is dataclasses.MISSING:
                raise ProtocolError(f"{kind!r} message lacks the field {name!r}")
            continue
        values[name] = _value(data[name], hints[name], f"{kind!r} message, field {name!r}")
    return cls(**values)


def _value(value: object, hint: object, where: str) -> object:
    """``value`` checked against the annotation ``hint`` (and lists made tuples)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union) and all(dataclasses.is_dataclass(a) for a in args):
        return _message(value, args)  # one of several kinds: its own 'kind' says which
    if origin in (types.UnionType, typing.Union):
        for option in args:
            try:
                return _value(value, option, where)
            except ProtocolError:
                continue
        raise ProtocolError(f"{where}: {_shown(value)} is not {_name(hint)}")
    if dataclasses.is_dataclass(hint):
        return _message(value, (hint,))
    if origin is tuple and isinstance(value, list):
        return tuple(_value(item, args[0], where) for item in value)
    if origin is dict and isinstance(value, dict):
        key_type, item_type = args
        return {_value(k, key_type, where): _value(v, item_type, where) for k, v in value.items()}
    if hint is type(None) and value is None:
        return None
    if hint is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if hint in (str, int, bool) and type(value) is hint:
        return value
    raise ProtocolError(f"{where}: {_shown(value)} is not {_name(hint)}")


def _name(hint: object) -> str:
    return hint.__name__ if isinstance(hint, type) else str(hint).replace("NoneType", "None")


def _shown(value: object) -> str:
    text = json.dumps(value) if not isinstance(value, str) else repr(value)
    return f"{type(value).__name__} {text[:80]}"
