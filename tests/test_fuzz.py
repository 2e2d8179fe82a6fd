"""Fuzzing the readers: random bytes and mutated valid files must either load (with the
accounting balanced) or be refused with a one-line ProcmineError — any other exception is a
bug in procmine.io. Bounded: a few hundred examples, a few seconds per test."""

from __future__ import annotations

import gzip
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from procmine.errors import ProcmineError
from procmine.io import load, parse_timestamps
from procmine.io.processmodels import parse_model

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CSV_SEEDS = [
    "受付番号,処理内容,処理日時,担当者,備考\n"
    '0012,受付,2024/04/01 09:00,田中,"急ぎ, 電話"\n'
    '0012,審査,2024/04/01 09:30,佐藤,"一行目\n二行目"\n'
    "0007,受付,令和6年4月2日 10時00分,田中,\n".encode(),
    "申請番号\t手続\t日時\n1\t受付\t2024-04-01T09:00:00+09:00\n1\t交付\t2024-04-01T10:00:00Z\n".encode(
        "cp932"
    ),
    b"case;activity;timestamp;end\r\nA;x;2024-04-01 09:00;2024-04-01 09:10\r\nA;y;2024-04-01 10:00;9999-12-31\r\n",
]
XES_SEED = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0">\n'
    '<global scope="event"><string key="concept:name" value="x"/></global>\n'
    '<trace><string key="concept:name" value="c1"/>\n'
    '<event><string key="concept:name" value="受付"/><date key="time:timestamp" value="2024-04-01T09:00:00+09:00"/>'
    '<string key="org:resource" value="田中"/><list key="l"><values><int key="i" value="1"/></values></list></event>\n'
    '<event><string key="concept:name" value="審査"/><date key="time:timestamp" value="2024-04-01T10:00:00+09:00"/></event>\n'
    "</trace>\n</log>\n"
).encode()
BPMN_SEED = (
    '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">'
    '<startEvent id="s"/><task id="a" name="受付"/><exclusiveGateway id="g"/><task id="b" name="交付"/>'
    '<sequenceFlow id="f1" sourceRef="s" targetRef="a"/><sequenceFlow id="f2" sourceRef="a" targetRef="g"/>'
    '<sequenceFlow id="f3" sourceRef="g" targetRef="b"/></process></definitions>'
).encode()

# Bytes that change how a parser sees a file.
TOKENS = [
    b'"',
    b",",
    b"\t",
    b";",
    b"|",
    b"\n",
    b"\r",
    b"\r\n",
    b"\x00",
    b"\x1a",
    b"\x1b",
    b"\xff",
    b"\xfe",
    b"\x81",
    b"\xe3\x81",
    "日".encode("cp932"),
    "日".encode(),
    b"\xef\xbb\xbf",
    b"<",
    b">",
    b"&",
    b"</",
    b"/>",
    b"<!DOCTYPE x>",
    b"&lol;",
    b'"/>',
    b"<event>",
    b"<trace>",
    b"]]>",
    b"9999-12-31",
    b"25:00",
    b"NULL",
    b"2026-02-30",
]


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="procmine-fuzz-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["insert", "delete", "replace", "truncate", "repeat"]))
        payload = draw(st.one_of(st.sampled_from(TOKENS), st.binary(min_size=1, max_size=4)))
        if op == "insert":
            data[position:position] = payload
        elif op == "delete":
            del data[position : position + draw(st.integers(1, 8))]
        elif op == "replace":
            data[position : position + len(payload)] = payload
        elif op == "truncate":
            del data[position:]
        else:
            chunk = bytes(data[position : position + draw(st.integers(1, 40))])
            data[position:position] = chunk * draw(st.integers(1, 3))
    return bytes(data)


def load_or_refuse(path: Path) -> None:
    """Load ``path``; a refusal must be one ProcmineError line, a success must balance."""
    try:
        data = load([path])
    except ProcmineError as err:
        message = str(err)
        assert message and "\n" not in message and "\r" not in message, repr(message)
        assert "\x1b" not in message
        return
    for account in data.accounting:
        assert account.balanced, account
    for log in data.logs.values():
        assert log.events["row"].is_unique or len(data.accounting) > 1


def write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


@FUZZ
@given(content=st.binary(max_size=400))
def test_random_bytes_as_csv(workdir: Path, content: bytes) -> None:
    load_or_refuse(write(workdir, "random.csv", content))


@FUZZ
@given(content=mutated(CSV_SEEDS))
# a title line above a header wider than the lines below it (an unclosed quote joins them)
@example(
    content=b'"\\\x90\xbf\x94\xd4\x8d\x86\t\x8e\xe8\x91\xb1\t\x93\xfa\x8e\x9e\n1\t\x8e\xf3\x95t\t'
    b'2024-04-01T09:00:00+09:00\n"1\t\x8c\xf0\x95t\t2024-04-01T10:00:00Z\n'
)
def test_mutated_csv(workdir: Path, content: bytes) -> None:
    load_or_refuse(write(workdir, "mutated.csv", content))


@FUZZ
@given(content=st.binary(max_size=400))
def test_random_bytes_as_xes(workdir: Path, content: bytes) -> None:
    load_or_refuse(write(workdir, "random.xes", content))


@FUZZ
@given(content=mutated([XES_SEED]))
def test_mutated_xes(workdir: Path, content: bytes) -> None:
    load_or_refuse(write(workdir, "mutated.xes", content))


@settings(max_examples=60, deadline=None)
@given(content=mutated([XES_SEED]), damage=st.booleans())
def test_mutated_xes_gz(workdir: Path, content: bytes, damage: bool) -> None:
    packed = gzip.compress(content)
    if damage:
        packed = packed[: len(packed) // 2] + packed[len(packed) // 2 + 1 :]
    load_or_refuse(write(workdir, "mutated.xes.gz", packed))


@settings(max_examples=100, deadline=None)
@given(content=mutated([BPMN_SEED]))
def test_mutated_bpmn(content: bytes) -> None:
    try:
        graph = parse_model(content, name="m.bpmn")
    except ProcmineError as err:
        assert "\n" not in str(err)
        return
    assert all("label" in data for _, data in graph.nodes(data=True))


TIMESTAMP_TEXT = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="0123456789-/:.年月日時分秒 TZ+令和平成RHS元午前後", max_size=30),
    st.from_regex(
        r"\A[0-9]{1,5}[-/.][0-9]{1,3}[-/.][0-9]{1,3}( [0-9]{1,3}:[0-9]{1,3}(:[0-9]{1,3})?)?\Z"
    ),
)


@settings(max_examples=200, deadline=None)
@given(values=st.lists(TIMESTAMP_TEXT, min_size=1, max_size=8))
def test_parse_timestamps_never_raises_on_text(values: list[str]) -> None:
    parsed = parse_timestamps(pd.Series(values, dtype=object))
    assert str(parsed.dtype) == "datetime64[ns]" and len(parsed) == len(values)
