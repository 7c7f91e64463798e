"""The messages between the build and its snippet worker (nn_site/engine/protocol.py):
every kind survives the wire unchanged, anything malformed fails with a message naming
the kind and field, and the real worker process speaks the protocol both ways."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nn_site.engine import protocol, runner
from nn_site.engine.protocol import Failed, Hung, Job, ProtocolError, Ran, Ready, Result

RAN = Ran(
    stdout="w = 0.5\n",
    figures=("figure-1.svg",),
    written=(),
    figure_problem=None,
    phone={"figure-1.svg": None, "figure-2.svg": "three panels side by side"},
    phone_seconds=0.25,
)
MESSAGES = [
    Job(path="/r/snippets/a/b.py", out_dir="/c/snippets/tmp-1", salt="a/b.py", timeout=60.0),
    Ready(),
    RAN,
    Failed(file="/r/snippets/a/b.py", line=4, error="ZeroDivisionError: division by zero", traceback="Traceback…"),
    Failed(file="/r/snippets/a/b.py", line=None, error="killed by signal 11", stack="File b.py, line 9"),
    Hung(stack='File "/r/snippets/a/b.py", line 12 in <module>'),
    Result(outcome=RAN, left_running=("sleep 100 (pid 42)",), cpu_total=3.5),
    Result(outcome=Hung(stack="")),
]


@pytest.mark.parametrize("message", MESSAGES, ids=lambda m: type(m).__name__)
def test_every_message_survives_the_wire(message):
    line = protocol.encode(message)
    assert "\n" not in line  # one message per line on the pipe
    assert json.loads(line)["kind"] == type(message).__name__.lower()
    decoded = protocol.decode(line, type(message))
    assert decoded == message and type(decoded) is type(message)


def test_lists_arrive_as_tuples_and_integers_as_floats_where_declared():
    line = '{"kind": "job", "path": "p", "out_dir": "o", "salt": "s", "timeout": 3}'
    job = protocol.decode(line, Job)
    assert job.timeout == 3.0 and isinstance(job.timeout, float)
    ran = protocol.decode(protocol.encode(RAN), Ran)
    assert ran.figures == ("figure-1.svg",) and isinstance(ran.figures, tuple)


def wire(message, **changes) -> str:
    """``message`` on the wire, with fields changed (None: removed)."""
    data = json.loads(protocol.encode(message))
    for key, value in changes.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    return json.dumps(data)


@pytest.mark.parametrize(
    "line, expected, message",
    [
        ("not json", (Job,), "a message is not JSON"),
        ("", (Job,), "a message is not JSON"),
        ('["job"]', (Job,), "a message must be a JSON object with a 'kind'"),
        ('{"path": "p"}', (Job,), "a message must be a JSON object with a 'kind'"),
        ('{"kind": "shutdown"}', (Job,), "unknown message kind 'shutdown' (known: job, ready, ran, failed, hung, result)"),
        (wire(Ready()), (Result,), "expected a result message, got 'ready'"),
        (wire(MESSAGES[0], salt=None), (Job,), "'job' message lacks the field 'salt'"),
        (wire(MESSAGES[0], priority=1), (Job,), "'job' message has unknown field(s) ['priority']"),
        (wire(MESSAGES[0], timeout="60"), (Job,), "'job' message, field 'timeout': str '60' is not float"),
        (wire(MESSAGES[0], timeout=True), (Job,), "'job' message, field 'timeout': bool true is not float"),
        (wire(RAN, figures="figure-1.svg"), (Ran,), "'ran' message, field 'figures': str 'figure-1.svg' is not"),
        (wire(RAN, figures=[1]), (Ran,), "'ran' message, field 'figures': int 1 is not str"),
        (wire(RAN, phone={"figure-1.svg": 3}), (Ran,), "'ran' message, field 'phone': int 3 is not str | None"),
        (wire(MESSAGES[3], line=4.5), (Failed,), "'failed' message, field 'line': float 4.5 is not int | None"),
        (
            wire(Result(outcome=Hung(stack="")), outcome={"kind": "hung"}),
            (Result,),
            "'hung' message lacks the field 'stack'",
        ),
        (
            wire(Result(outcome=Hung(stack="")), outcome={"kind": "job"}),
            (Result,),
            "expected a ran or failed or hung message, got 'job'",
        ),
    ],
)
def test_a_malformed_message_names_its_kind_field_and_value(line, expected, message):
    with pytest.raises(ProtocolError) as error:
        protocol.decode(line, *expected)
    assert str(error.value).startswith(message), str(error.value)


def test_only_messages_are_encoded():
    with pytest.raises(ProtocolError, match="not a protocol message"):
        protocol.encode({"kind": "job"})


def test_the_worker_process_answers_a_job_and_refuses_a_malformed_one(tmp_path: Path, monkeypatch):
    """The real worker (sandboxed when bwrap works): a Job gets a Result with the
    snippet's output; a line that is not a Job stops it, and the runner says why."""
    monkeypatch.setenv("NN_CACHE_DIR", str(tmp_path / "cache"))
    snippets = tmp_path / "snippets"
    (snippets / "demo").mkdir(parents=True)
    snippet = snippets / "demo" / "prints.py"
    snippet.write_text("print(6 * 7)\n")
    worker = runner._Worker(snippets)
    try:
        out_dir = runner.cache_dir() / "snippets" / "job"
        result = worker.run(snippet, out_dir, salt="demo/prints.py")
        assert result.outcome == Ran(
            stdout="42\n", figures=(), written=(), figure_problem=None, phone={}, phone_seconds=0.0
        )
        assert result.left_running == () and result.cpu_total > 0
        worker.proc.stdin.write('{"kind": "job", "path": "demo/prints.py"}\n')
        worker.proc.stdin.flush()
        with pytest.raises(runner.SnippetError) as error:
            worker._read(30.0, "a malformed job", Result)
        assert "a malformed job: the worker process died" in str(error.value)
        assert "ProtocolError: 'job' message lacks the field 'out_dir'" in str(error.value)
    finally:
        worker.close()
