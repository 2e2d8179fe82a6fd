"""Bad inputs through the command line: each case is built in tmp_path and run with
``procmine validate`` (or ``analyze``), and must end with its exact outcome — exit code 2 and
ONE line ``Error: FILE[:ROW]: what is wrong — what to do`` without a traceback, or exit 0
with the named warnings and the row accounting (read = loaded + dropped by reason)."""

from __future__ import annotations

import gzip
import os
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from procmine.cli import cli
from procmine.io import load

HEADER = "受付番号,処理内容,処理日時,備考"


def rows(n: int, *, start: int = 0) -> list[str]:
    """n good CSV rows: case, activity, time, memo."""
    return [f"C{i:03d},受付,2024-04-01 09:{i % 60:02d},メモ{i}" for i in range(start, start + n)]


def csv(lines: list[str], encoding: str = "utf-8", newline: str = "\n") -> bytes:
    return (newline.join(lines) + newline).encode(encoding)


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # any exception that escaped the CLI is a bug
    return result.exit_code, result.stdout, result.stderr


def error_line(stderr: str) -> str:
    """The one error line; nothing else may be printed, least of all a traceback."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


# --------------------------------------------------------------------------- XES builders

XES_EVENT = (
    '<event><string key="concept:name" value="{a}"/>'
    '<date key="time:timestamp" value="2024-04-01T09:{m:02d}:00+09:00"/></event>'
)


def xes(traces: int = 3, *, prolog: str = "", body_extra: str = "") -> str:
    parts = [f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<log xes.version="1.0">']
    for t in range(traces):
        events = "".join(XES_EVENT.format(a=a, m=t * 3 + j) for j, a in enumerate(["受付", "審査"]))
        parts.append(f'<trace><string key="concept:name" value="T{t}"/>{events}</trace>')
    parts.append(body_extra + "</log>")
    return "\n".join(parts)


LAUGHS = (
    '<!DOCTYPE log [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


def gz_member(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    return compressor.compress(data) + compressor.flush()


def gz_bomb(gib: float) -> bytes:
    """A valid .xes.gz whose content is an XES header then ``gib`` GiB of spaces."""
    block = gz_member(b" " * (64 * 1024**2))
    return gz_member(b'<?xml version="1.0"?><log>') + block * int(gib * 16) + gz_member(b"</log>")


# --------------------------------------------------------------------------- BPMN builders

BPMN_NS = 'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"'


def bpmn(tasks: str) -> str:
    return f'<?xml version="1.0"?><definitions {BPMN_NS}><process id="p">{tasks}</process></definitions>'


# --------------------------------------------------------------------------- cases


@dataclass
class Case:
    """One bad input and its exact expected outcome.

    ``files`` maps a name in tmp_path to its bytes; ``target`` is what is passed to the CLI
    (``"."`` = the folder). With ``error`` the run must fail with ``code`` and one error line
    containing every string of ``error``; otherwise it must succeed, print every string of
    ``warnings`` as a warning, and print ``accounting`` as the file's row accounting.
    """

    id: str
    files: dict[str, bytes]
    error: tuple[str, ...] = ()
    code: int = 2
    warnings: tuple[str, ...] = ()
    accounting: str | None = None
    target: str = "."
    args: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    check: Callable[[Path], None] | None = None


def expect_timestamps(name: str, expected: list[str]) -> Callable[[Path], None]:
    def check(folder: Path) -> None:
        events = load([folder / name]).logs[Path(name).stem].events
        assert [str(t) for t in events.sort_values("row")["timestamp"]] == expected

    return check


def expect_ends(name: str, expected: list[tuple[str, str]]) -> Callable[[Path], None]:
    def check(folder: Path) -> None:
        data = load([folder / name])
        events = data.logs[Path(name).stem].events.sort_values("row")
        got = [(str(t), str(e)) for t, e in zip(events["timestamp"], events["end"], strict=True)]
        assert got == expected
        assert "; time of day from" in data.mappings[0].how["end"]

    return check


def _ends_at_midnight(folder: Path, expected: list[tuple[str, str]]) -> None:
    """Timestamps and ends are the dates alone; the mapping names no time column."""
    data = load([folder])
    events = next(iter(data.logs.values())).events.sort_values("row")
    got = [(str(t), str(e)) for t, e in zip(events["timestamp"], events["end"], strict=True)]
    assert got == [(f"{t} 00:00:00", f"{e} 00:00:00") for t, e in expected]
    assert not any("time of day" in how for how in data.mappings[0].how.values())


def _only_unread_warning(folder: Path) -> None:
    """The one warning names the folder, and neither the stray files nor the system files."""
    warnings = load([folder]).warnings
    assert [w.code for w in warnings] == ["unread_exports"], warnings
    assert warnings[0].startswith(f"{folder.name}: 2 files"), warnings
    text = repr(warnings[0].params) + warnings[0]
    assert not any(word in text for word in ("山田", "b.xlsx", "Thumbs", "desktop", str(folder)))


def expect_rows(name: str, expected: list[int]) -> Callable[[Path], None]:
    def check(folder: Path) -> None:
        events = next(iter(load([folder / name]).logs.values())).events
        assert sorted(events["row"]) == expected

    return check


def expect_role(name: str, role: str, column: str) -> Callable[[Path], None]:
    def check(folder: Path) -> None:
        assert load([folder / name]).mappings[0].roles[role] == column

    return check


def expect_activity(name: str, expected: str) -> Callable[[Path], None]:
    def check(folder: Path) -> None:
        events = next(iter(load([folder / name]).logs.values())).events
        assert expected in set(events["activity"])

    return check


CASES: list[Case] = [
    # ---- empty and structure
    Case("empty file", {"a.csv": b""}, error=("a.csv: is empty — export the log",)),
    Case("only spaces and newlines", {"a.csv": b" \n\r\n\t\n"}, error=("a.csv: is empty",)),
    Case(
        "header only",
        {"a.csv": csv([HEADER])},
        error=("a.csv:1: has a header line but no rows",),
    ),
    Case(
        "header then blank lines only",
        {"a.csv": csv([HEADER, "", "  ", ""])},
        error=("a.csv:1: has a header line but no rows",),
    ),
    Case(
        "blank lines before the header are skipped and lines still counted",
        {"a.csv": csv(["", "", HEADER, *rows(2)])},
        accounting="a.csv: 2 rows read, 2 loaded (none dropped)",
        check=expect_rows("a.csv", [4, 5]),
    ),
    Case(
        "blank line between rows is dropped and counted",
        {"a.csv": csv([HEADER, *rows(2), "", *rows(2, start=2)])},
        accounting="a.csv: 5 rows read, 4 loaded (1 blank line)",
    ),
    Case(
        "tab delimiter in a .csv is sniffed",
        {"a.csv": csv([line.replace(",", "\t") for line in [HEADER, *rows(3)]])},
        accounting="a.csv: 3 rows read, 3 loaded (none dropped)",
    ),
    Case(
        "semicolon delimiter is sniffed",
        {"a.csv": csv([line.replace(",", ";") for line in [HEADER, *rows(3)]])},
        accounting="a.csv: 3 rows read, 3 loaded (none dropped)",
    ),
    Case(
        "pipe delimiter is sniffed",
        {"a.csv": csv([line.replace(",", "|") for line in [HEADER, *rows(3)]])},
        accounting="a.csv: 3 rows read, 3 loaded (none dropped)",
    ),
    Case(
        "space-separated file is one column: clear error",
        {"a.csv": csv([line.replace(",", " ") for line in [HEADER, *rows(3)]])},
        error=("a.csv:1: only one column found", "comma, tab, semicolon or '|'"),
    ),
    Case(
        "title line above the header is skipped with a warning",
        {"a.csv": csv(["住民異動一覧（令和6年4月）", HEADER, *rows(3)])},
        warnings=("a.csv:1: 1 title line(s) above the header (line 2) were skipped",),
        accounting="a.csv: 3 rows read, 3 loaded (none dropped)",
        check=expect_rows("a.csv", [3, 4, 5]),
    ),
    Case(
        "title lines padded with delimiters, an export date and a blank line above the header",
        {"a.csv": csv(["住民異動一覧,,,", "出力日時,2026/04/01 08:00,,", ",,,", HEADER, *rows(3)])},
        warnings=("a.csv:1: 2 title line(s) above the header (line 4) were skipped",),
        accounting="a.csv: 3 rows read, 3 loaded (none dropped)",
        check=expect_rows("a.csv", [5, 6, 7]),
    ),
    Case(
        "a header with a blank name above rows of dates is the header, not a title",
        {"a.csv": csv(["受付番号,処理内容,", *[r.rsplit(",", 1)[0] for r in rows(3)]])},
        accounting="a.csv: 3 rows read, 3 loaded (none dropped)",
    ),
    Case(
        "a title line above a semicolon-separated table",
        {"a.csv": csv(["住民異動一覧", *[line.replace(",", ";") for line in [HEADER, *rows(3)]]])},
        warnings=("a.csv:1: 1 title line(s) above the header (line 2) were skipped",),
        accounting="a.csv: 3 rows read, 3 loaded (none dropped)",
    ),
    Case(
        "a one-value line above a header of two columns is refused, not taken for a title",
        {"a.csv": csv(["住民異動一覧", "case,activity", "C1,受付", "C1,受付"])},
        error=("a.csv:",),
    ),
    Case(
        "quoted newlines keep line numbers right",
        {
            "a.csv": csv(
                [
                    HEADER,
                    'C1,受付,2024-04-01 09:00,"一行目\n二行目\n三行目"',
                    *rows(30),
                    "C9,受付,昨日,x",
                ]
            )
        },
        warnings=("a.csv:35: 1 values of 処理日時 are not dates/times", "line 35: '＊＊'"),
        accounting="a.csv: 32 rows read, 31 loaded (1 unparsable timestamp)",
        check=expect_rows("a.csv", [2, *range(5, 35)]),
    ),
    Case(
        "quoted CRLF newlines in a CRLF file",
        {"a.csv": csv([HEADER, 'C1,受付,2024-04-01 09:00,"a\r\nb"', *rows(2)], newline="\r\n")},
        accounting="a.csv: 3 rows read, 3 loaded (none dropped)",
        check=expect_rows("a.csv", [2, 4, 5]),
    ),
    Case(
        "a quote that is never closed",
        {"a.csv": csv([HEADER, *rows(2), 'C5,受付,2024-04-01 10:00,"閉じない', *rows(2, start=6)])},
        error=("a.csv:4: a quoted value starts here and is never closed", "closing quote"),
    ),
    Case(
        "a row with more fields than the header is dropped and named",
        {"a.csv": csv([HEADER, *rows(30), "C7,受付,2024-04-01 10:00,光陽市本町1,2"])},
        warnings=("a.csv:32: 1 rows have more fields than the 4 columns of the header",),
        accounting="a.csv: 31 rows read, 30 loaded (1 too many fields)",
    ),
    Case(
        "many ragged rows: the delimiter is wrong",
        {
            "a.csv": csv(
                [HEADER, "C1,受付,2024-04-01 10:00,a,b", "C2,受付,2024-04-01 10:00,a,b", *rows(2)]
            )
        },
        error=("a.csv:2: 2 of 4 rows have more fields than the 4 columns", "check the delimiter"),
    ),
    Case(
        "trailing empty fields and short rows lose nothing",
        {
            "a.csv": csv(
                [HEADER, "C1,受付,2024-04-01 10:00,x,,", "C2,受付,2024-04-01 10:00", *rows(2)]
            )
        },
        accounting="a.csv: 4 rows read, 4 loaded (none dropped)",
    ),
    # ---- encodings
    Case(
        "UTF-8 with BOM: header not glued to the BOM",
        {"a.csv": csv([HEADER, *rows(2)], encoding="utf-8-sig")},
        accounting="a.csv: 2 rows read, 2 loaded (none dropped)",
        check=expect_role("a.csv", "case", "受付番号"),
    ),
    Case(
        "CP932 (Shift_JIS) is detected",
        {"a.csv": csv([HEADER, *rows(2)], encoding="cp932")},
        accounting="a.csv: 2 rows read, 2 loaded (none dropped)",
    ),
    Case(
        "UTF-16 with BOM (Excel Unicode text) is detected",
        {"a.tsv": csv([line.replace(",", "\t") for line in [HEADER, *rows(2)]], encoding="utf-16")},
        accounting="a.tsv: 2 rows read, 2 loaded (none dropped)",
    ),
    Case(
        "UTF-16 without BOM",
        {"a.csv": csv([HEADER, *rows(2)], encoding="utf-16-le")},
        error=("a.csv: holds many NUL bytes", "--encoding utf-16-le"),
    ),
    Case(
        "mixed encodings in one file",
        {"a.csv": csv([HEADER, *rows(2)]) + csv(rows(2, start=2), encoding="cp932")},
        error=("a.csv:4: not UTF-8, while line 1 is", "mixes encodings"),
    ),
    Case(
        "undecodable bytes",
        {"a.csv": b"a,b,c\n1,2,3\n\x81\x20\xff,1,2\n"},
        error=("a.csv:3: cannot detect the text encoding", "--encoding NAME"),
    ),
    Case(
        "--encoding that does not fit",
        {"a.csv": csv([HEADER, *rows(2)], encoding="cp932")},
        args=("--encoding", "utf-8"),
        error=("a.csv:1: not valid utf-8 (from --encoding)", "leave it out to detect it"),
    ),
    Case(
        "--encoding that is not a text encoding (zlib would inflate without limit)",
        {"a.csv": csv([HEADER, *rows(2)])},
        args=("--encoding", "zlib"),
        error=("--encoding: unknown text encoding 'zlib'",),
    ),
    Case(
        "an Excel workbook named .csv",
        {"a.csv": b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256))},
        error=("a.csv: is a ZIP archive (an Excel .xlsx workbook?)", "save it as CSV"),
    ),
    Case(
        "a gzip file named .csv",
        {"a.csv": gzip.compress(csv([HEADER, *rows(2)]))},
        error=("a.csv: is gzip-compressed", "decompress it first"),
    ),
    Case(
        "DOS end-of-file marker is not a row",
        {"a.csv": csv([HEADER, *rows(2)]) + b"\x1a"},
        accounting="a.csv: 2 rows read, 2 loaded (none dropped)",
    ),
    # ---- columns
    Case(
        "duplicate header names are renamed",
        {
            "a.csv": csv(
                [
                    "受付番号,受付番号,処理内容,処理日時",
                    "C1,X,受付,2024-04-01",
                    "C2,Y,受付,2024-04-01",
                ]
            )
        },
        warnings=("a.csv:1: repeated column names were renamed: 受付番号 → 受付番号.1",),
        accounting="a.csv: 2 rows read, 2 loaded (none dropped)",
    ),
    Case(
        "missing required column",
        {"a.csv": csv(["受付番号,処理内容,備考", "C1,受付,x", "C1,交付,y"])},
        error=(
            "a.csv: no timestamp column found; columns are 受付番号, 処理内容, 備考",
            "pass --timestamp COLUMN",
        ),
    ),
    Case(
        "--case names a column that is not there",
        {"a.csv": csv([HEADER, *rows(2)])},
        args=("--case", "申請番号"),
        error=("a.csv: column '申請番号' for case (from --case) not found", "— pass --case COLUMN"),
    ),
    Case(
        "required column all empty",
        {"a.csv": csv([HEADER, "C1,,2024-04-01,x", "C2,,2024-04-02,y"])},
        error=(
            "a.csv: no usable rows (2 rows, all dropped; mostly missing activity: column '処理内容')",
            "pass --activity COLUMN",
        ),
    ),
    Case(
        "header with a quoted newline and an escape sequence stays one line when printed",
        {"a.csv": csv(['受付番号,処理内容,処理日時,"備\n考\x1b[31m"', "C1,受付,2024-04-01,x"])},
        warnings=("column names held control characters",),
        accounting="a.csv: 1 row read, 1 loaded (none dropped)",
    ),
    # ---- timestamps
    Case(
        "impossible timestamps are dropped with their lines",
        {
            "a.csv": csv(
                [HEADER, *rows(40), "C1,受付,2026-02-30 09:00,x", "C2,受付,2024-04-01 25:00,y"]
            )
        },
        warnings=(
            "a.csv:42: 2 values of 処理日時 are not dates/times",
            "line 42: '2026-02-30 09:00', line 43: '2024-04-01 25:00'",
        ),
        accounting="a.csv: 42 rows read, 40 loaded (2 unparsable timestamps)",
    ),
    Case(
        "too many unparsable timestamps refuse the file with rows",
        {"a.csv": csv([HEADER, "C1,受付,2026-02-30,x", "C2,受付,25:00,y", *rows(2)])},
        error=(
            "a.csv:2: column '処理日時' (timestamp) has 2 of 4 values that are not dates/times",
            "line 2: '2026-02-30', line 3: '25:00'",
            "pass --timestamp COLUMN",
        ),
    ),
    Case(
        "several timestamp formats in one column are accepted",
        {
            "a.csv": csv(
                [
                    HEADER,
                    "C1,受付,2024-04-01T09:00:00,a",
                    "C1,審査,2024/4/1 10:00,b",
                    "C1,決裁,令和6年4月1日 11時00分,c",
                    "C1,交付,R6.4.1 12:00,d",
                    "C1,通知,2024年4月1日 午後1時30分,e",
                ]
            )
        },
        accounting="a.csv: 5 rows read, 5 loaded (none dropped)",
        check=expect_timestamps(
            "a.csv",
            [
                "2024-04-01 09:00:00",
                "2024-04-01 10:00:00",
                "2024-04-01 11:00:00",
                "2024-04-01 12:00:00",
                "2024-04-01 13:30:00",
            ],
        ),
    ),
    Case(
        "time zones are accepted and converted to Japan time",
        {
            "a.csv": csv(
                [
                    HEADER,
                    "C1,受付,2024-04-01T00:30:00Z,a",
                    "C1,審査,2024-04-01T10:00:00+09:00,b",
                    "C1,交付,2024-04-01T03:00:00+01:00,c",
                ]
            )
        },
        accounting="a.csv: 3 rows read, 3 loaded (none dropped)",
        check=expect_timestamps(
            "a.csv", ["2024-04-01 09:30:00", "2024-04-01 10:00:00", "2024-04-01 11:00:00"]
        ),
    ),
    Case(
        "9999-12-31 'no end' markers: end left empty, never a crash",
        {
            "a.csv": csv(
                [
                    "受付番号,処理内容,処理日時,終了日時",
                    "C1,受付,2024-04-01 09:00,9999-12-31",
                    "C1,交付,2024-04-01 10:00,2024-04-01 10:05",
                ]
            )
        },
        warnings=("a.csv:2: 1 values of 終了日時 (end) are not dates/times and were left empty",),
        accounting="a.csv: 2 rows read, 2 loaded (none dropped)",
    ),
    # ---- rows
    Case(
        "NaN, NULL and empty activity names are dropped and counted",
        {
            "a.csv": csv(
                [
                    HEADER,
                    *rows(3),
                    "C1,NaN,2024-04-01,x",
                    "C2,NULL,2024-04-01,x",
                    "C3,,2024-04-01,x",
                    "C4, ,2024-04-01,x",
                ]
            )
        },
        warnings=("a.csv: dropped 4 of 7 rows (4 missing activity)",),
        accounting="a.csv: 7 rows read, 3 loaded (4 missing activity)",
    ),
    Case(
        "exact duplicate rows are dropped and named",
        {"a.csv": csv([HEADER, *rows(3), rows(1)[0], rows(2)[1]])},
        warnings=(
            "a.csv:5: 2 rows repeat an earlier row in every column and were dropped (line 5 = line 2, line 6 = line 3)",
        ),
        accounting="a.csv: 5 rows read, 3 loaded (2 duplicate rows)",
    ),
    Case(
        "one exact duplicate row is named in the singular",
        {"a.csv": csv([HEADER, *rows(3), rows(3)[2]])},
        warnings=(
            "a.csv:5: 1 row repeats an earlier row in every column and was dropped (line 5 = line 4)",
        ),
        accounting="a.csv: 4 rows read, 3 loaded (1 duplicate row)",
    ),
    Case(
        "cases with one event are loaded",
        {"a.csv": csv([HEADER, *rows(5)])},
        accounting="a.csv: 5 rows read, 5 loaded (none dropped)",
    ),
    Case(
        "a 10 MB single field is refused with its line and column",
        {
            "a.csv": csv([HEADER, *rows(1)])
            + ('C9,受付,2024-04-01,"' + "x" * (10 * 1024**2) + '"\n').encode()
        },
        error=("a.csv:3: a value of 10,485,760 characters in column '備考'", "unbalanced quote"),
    ),
    Case(
        "very long labels are read whole",
        {"a.csv": csv([HEADER, "C1," + "長" * 5000 + ",2024-04-01,x"])},
        accounting="a.csv: 1 row read, 1 loaded (none dropped)",
        check=expect_activity("a.csv", "長" * 5000),
    ),
    Case(
        "labels with HTML and JavaScript are data, read as they are",
        {
            "a.csv": csv(
                [HEADER, 'C1,<script>alert(1)</script>,2024-04-01,"=HYPERLINK(""http://x"")"']
            )
        },
        accounting="a.csv: 1 row read, 1 loaded (none dropped)",
        check=expect_activity("a.csv", "<script>alert(1)</script>"),
    ),
    Case(
        "control characters are replaced and counted",
        {"a.csv": csv([HEADER, "C1,受付\x1b[2J,2024-04-01,x\x00y", "C2,交付\x07,2024-04-01,z"])},
        warnings=("a.csv:2: 3 values held control characters (first U+001B in column '処理内容')",),
        accounting="a.csv: 2 rows read, 2 loaded (none dropped)",
        check=expect_activity("a.csv", "受付\ufffd[2J"),
    ),
    # ---- XES
    Case(
        "malformed XES",
        {"bad.xes": b"<log><trace><event></trace></log>"},
        error=("bad.xes:1: not well-formed XML",),
    ),
    Case(
        "truncated XES",
        {"bad.xes": xes(5).encode()[:-200]},
        error=("bad.xes:", "not well-formed XML", "damaged or truncated"),
    ),
    Case(
        "XES with the wrong root",
        {"bad.xes": b"<html><body/></html>"},
        error=("bad.xes: not an XES log (root element is <html>",),
    ),
    Case(
        "XES without events",
        {"bad.xes": b"<log><trace/></log>"},
        error=("bad.xes: the XES log holds no events",),
    ),
    Case("empty XES", {"bad.xes": b"  \n"}, error=("bad.xes: is empty",)),
    Case(
        "XES billion laughs",
        {"bad.xes": xes(1, prolog=LAUGHS, body_extra="<string key='x' value='&lol9;'/>").encode()},
        error=("bad.xes: XES files with a DOCTYPE or entity declarations are refused",),
    ),
    Case(
        "XES billion laughs hidden after 100 KB of comments",
        {
            "bad.xes": xes(
                1,
                prolog="<!--" + "x" * 100_000 + "-->" + LAUGHS,
                body_extra="<string key='x' value='&lol9;'/>",
            ).encode()
        },
        error=("bad.xes: XES files with a DOCTYPE or entity declarations are refused",),
    ),
    Case(
        "XES external entity (XXE) is not fetched",
        {
            "bad.xes": xes(
                1,
                prolog="<!--"
                + "x" * 70_000
                + '--><!DOCTYPE log [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
                body_extra="<string key='x' value='&xxe;'/>",
            ).encode()
        },
        error=("bad.xes:", "refused"),
    ),
    Case(
        "XES events outside traces have no case and are counted",
        {"log.xes": xes(2, body_extra=XES_EVENT.format(a="迷子", m=59)).encode()},
        warnings=("log.xes: dropped 1 of 5 rows (1 missing case)",),
        accounting="log.xes: 5 rows read, 4 loaded (1 missing case)",
    ),
    Case(
        "xes.gz that is not gzip",
        {"bad.xes.gz": b"<log></log>"},
        error=("bad.xes.gz: not a complete gzip file", "re-export"),
    ),
    Case(
        "truncated xes.gz",
        {"bad.xes.gz": gzip.compress(xes(50).encode())[:-40]},
        error=("bad.xes.gz: not a complete gzip file",),
    ),
    Case(
        "xes.gz that expands to gigabytes is refused before parsing",
        {"bomb.xes.gz": gz_bomb(2.5)},
        error=("bomb.xes.gz: expands to more than", "PROCMINE_MAX_EXPANDED_BYTES"),
    ),
    Case(
        "xes.gz above a limit set in the environment",
        {"log.xes.gz": gzip.compress(xes(20).encode() + b" " * 3_000_000)},
        env={"PROCMINE_MAX_EXPANDED_BYTES": "1000000"},
        error=("log.xes.gz: expands to more than 1,000,000 bytes",),
    ),
    Case(
        "a limit in the environment that is not a number",
        {"log.xes.gz": gzip.compress(xes(2).encode())},
        env={"PROCMINE_MAX_EXPANSION_RATIO": "lots"},
        error=("PROCMINE_MAX_EXPANSION_RATIO='lots' is not a positive whole number",),
    ),
    # ---- Parquet
    Case(
        "corrupt Parquet",
        {"bad.parquet": b"PAR1 not really PAR1"},
        error=("bad.parquet: not a readable Parquet file",),
    ),
    # ---- process models
    Case(
        "malformed BPMN",
        {
            "a.csv": csv([HEADER, *rows(2)]),
            "m.bpmn": b'<definitions>\n<process>\n<task id="a" name="x">\n</definitions>',
        },
        error=("m.bpmn:4: not well-formed XML", "re-export the model"),
    ),
    Case(
        "BPMN with a DTD hidden in UTF-16",
        {
            "a.csv": csv([HEADER, *rows(2)]),
            "m.bpmn": (
                '<?xml version="1.0" encoding="UTF-16"?>'
                + LAUGHS.replace("log", "definitions")
                + bpmn('<task id="a" name="&lol3;"/>')
            ).encode("utf-16"),
        },
        error=("m.bpmn: the file declares a DTD or entities",),
    ),
    Case(
        "BPMN with unnamed elements only is skipped with a warning",
        {
            "a.csv": csv([HEADER, *rows(2)]),
            "m.bpmn": bpmn(
                '<task id="a"/><exclusiveGateway id="g"/><sequenceFlow id="f" sourceRef="a" targetRef="g"/>'
            ).encode(),
        },
        warnings=("m.bpmn: skipped; the model has no named activities",),
        accounting="a.csv: 2 rows read, 2 loaded (none dropped)",
    ),
    Case(
        "PNML with the wrong root",
        {"a.csv": csv([HEADER, *rows(2)]), "m.pnml": b"<html/>"},
        error=("m.pnml: root element <html> is not <pnml>",),
    ),
    # ---- procmine.toml
    Case(
        "procmine.toml with a syntax error",
        {"a.csv": csv([HEADER, *rows(2)]), "procmine.toml": b'[columns]\ncase = "x\n'},
        error=("procmine.toml:2: invalid TOML", "fix the syntax"),
    ),
    Case(
        "procmine.toml with an unknown key",
        {"a.csv": csv([HEADER, *rows(2)]), "procmine.toml": b'[colums]\ncase = "x"\n'},
        error=("procmine.toml: unknown key 'colums'", "[columns]"),
    ),
    Case(
        "procmine.toml naming a file that does not exist",
        {
            "a.csv": csv([HEADER, *rows(2)]),
            "procmine.toml": '[files."kokuho.csv"]\ndepartment = "保険年金課"\n'.encode(),
        },
        error=('[files."kokuho.csv"] names a file that is not in', "fix the name"),
    ),
    Case(
        "procmine.toml naming a file outside the folder",
        {
            "a.csv": csv([HEADER, *rows(2)]),
            "procmine.toml": b'[files."../a.csv"]\ndepartment = "x"\n',
        },
        error=("must name a file of the folder by its name alone",),
    ),
    Case(
        "procmine.toml with an encoding that is not a text encoding",
        {
            "a.csv": csv([HEADER, *rows(2)]),
            "procmine.toml": b'[files."a.csv"]\nencoding = "base64"\n',
        },
        error=("unknown text encoding 'base64'",),
    ),
    # ---- paths
    Case(
        "input that does not exist",
        {},
        target="nope.csv",
        error=("nope.csv: no such file or folder",),
    ),
    Case(
        "unsupported file type",
        {"a.xlsx": b"x"},
        target="a.xlsx",
        error=("a.xlsx: unsupported file type — use one of *.csv",),
    ),
    Case(
        "hidden AppleDouble files in a folder are skipped with a warning",
        {"a.csv": csv([HEADER, *rows(2)]), "._a.csv": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X"},
        warnings=("._a.csv: skipped (hidden or temporary file)",),
        accounting="a.csv: 2 rows read, 2 loaded (none dropped)",
    ),
    # ---- found by probing bad inputs
    Case(
        "no header: the first line is a data row (its values must not become column names)",
        {"a.csv": csv(rows(5))},
        error=(
            "a.csv:1: line 1 looks like a data row, not a header (column 3 holds a date",
            "add a header line",
        ),
    ),
    Case(
        "no header and no dates: ids and phone numbers shaped like the rows below",
        {"a.csv": csv([f"KS2025-{i:05d},受付,090-1234-{i:04d},メモ" for i in range(5)])},
        error=("a.csv:1: line 1 looks like a data row", "columns 1, 3 hold values shaped like"),
    ),
    Case(
        "a header line of blank names above the data",
        {"a.csv": csv(["  ,  ,  ,  ", *rows(5)])},
        error=("a.csv:1: the header has no column names (line 2 is a data row",),
    ),
    Case(
        "a line of empty cells above a real header (an empty first sheet row) still loads",
        {"a.csv": csv([",,,", HEADER, *rows(3)])},
        accounting="a.csv: 3 rows read, 3 loaded (none dropped)",
        check=expect_rows("a.csv", [3, 4, 5]),
    ),
    Case(
        "a stray quote that joins whole rows into one value is named with its lines",
        {
            "a.csv": csv(
                [
                    HEADER,
                    *rows(3),
                    'C8,受付,2024-04-01 10:00,"開いたまま',
                    *rows(20, start=10),
                    'C9,受付,2024-04-01 11:00,"閉じる"',
                    *rows(3, start=40),
                ]
            )
        },
        warnings=(
            "a.csv:5: a quoted value runs over lines 5–26, which were read as one row, and 21 "
            "of these lines look like whole records (each holds the 3 delimiters of a row) — "
            'look for an unbalanced quote (") on line 5',
        ),
        accounting="a.csv: 7 rows read, 7 loaded (none dropped)",
    ),
    Case(
        "a quoted memo over a few lines of free text is no warning",
        {
            "a.csv": csv(
                [HEADER, 'C1,受付,2024-04-01 09:00,"一行目、二行目\n三行目, 四行目"', *rows(2)]
            )
        },
        accounting="a.csv: 3 rows read, 3 loaded (none dropped)",
        check=lambda folder: not load([folder / "a.csv"]).warnings or pytest.fail("a warning"),
    ),
    Case(
        "date and time of day in two columns are combined",
        {
            "a.csv": csv(
                [
                    "受付番号,処理内容,処理日,処理時刻",
                    "C1,受付,2024/04/01,9:30",
                    "C1,交付,2024/04/01,10:05:30",
                    "C2,受付,2024/04/02,13時15分",
                ]
            )
        },
        accounting="a.csv: 3 rows read, 3 loaded (none dropped)",
        check=expect_timestamps(
            "a.csv", ["2024-04-01 09:30:00", "2024-04-01 10:05:30", "2024-04-02 13:15:00"]
        ),
    ),
    Case(
        "a register kept per resident beside a log is read as a register, not as events",
        {
            "log.csv": csv(
                ["受付番号,処理内容,処理日時,宛名番号"]
                + [f"C{i},受付,2024/04/01 09:00,{i:08d}" for i in range(1, 21)]
            ),
            "daicho.csv": csv(
                ["宛名番号,氏名,金融機関名,更新日"]
                + [f"{i:08d},住民 {i},{'AB'[i % 2]}銀行,2024/03/01" for i in range(1, 21)]
            ),
            "procmine.toml": (
                '[files."log.csv"]\ndepartment = "介護保険課"\n'
                '[files."daicho.csv"]\ndepartment = "介護保険課"\n'
            ).encode(),
        },
        warnings=("daicho.csv: one row per resident and no column of steps: read as a register",),
        accounting="daicho.csv: 20 rows read, 20 loaded (none dropped)",
    ),
    Case(
        "a time of day as digits alone (0946) under a header naming one is the time",
        {
            "a.csv": csv(
                [
                    "受付番号,処理内容,処理日,処理時刻,件数",
                    "C1,受付,2024/04/01,0946,0930",
                    "C1,交付,2024/04/01,1705,1200",
                    "C2,受付,2024/04/02,905,0905",
                ]
            )
        },
        accounting="a.csv: 3 rows read, 3 loaded (none dropped)",
        check=expect_timestamps(
            "a.csv", ["2024-04-01 09:46:00", "2024-04-01 17:05:00", "2024-04-02 09:05:00"]
        ),
    ),
    Case(
        "a length of time beside dates (所要時間 0:30) is not taken as the time of day",
        {
            "a.csv": csv(
                [
                    "受付番号,処理内容,処理日,所要時間",
                    "C1,受付,2024/04/01,0:30",
                    "C1,交付,2024/04/02,1:05",
                ]
            )
        },
        accounting="a.csv: 2 rows read, 2 loaded (none dropped)",
        check=expect_timestamps("a.csv", ["2024-04-01 00:00:00", "2024-04-02 00:00:00"]),
    ),
    Case(
        "dates with two columns of times that fit no date column: not paired, and said",
        {
            "a.csv": csv(
                [
                    "受付番号,処理内容,処理日,開始時刻,終了時刻",
                    "C1,受付,2024/04/01,9:30,9:40",
                    "C1,交付,2024/04/01,10:05,10:15",
                ]
            )
        },
        warnings=(
            "a.csv: column 処理日 (timestamp) holds dates only, and it is not sure which of the "
            "columns of times of day (開始時刻, 終了時刻) completes it; no time was added",
        ),
        check=expect_timestamps("a.csv", ["2024-04-01 00:00:00", "2024-04-01 00:00:00"]),
    ),
    Case(
        "start and end dates each with their time of day are paired by their names",
        {
            "a.csv": csv(
                [
                    "受付番号,処理内容,開始日,終了日,開始時刻,終了時刻",
                    "C1,受付,2024/04/01,2024/04/01,9:30,9:40",
                    "C1,交付,2024/04/01,2024/04/02,10:05,8:15",
                ]
            )
        },
        accounting="a.csv: 2 rows read, 2 loaded (none dropped)",
        check=expect_ends(
            "a.csv",
            [
                ("2024-04-01 09:30:00", "2024-04-01 09:40:00"),
                ("2024-04-01 10:05:00", "2024-04-02 08:15:00"),
            ],
        ),
    ),
    Case(
        "a date and a time named alike (日付 and 時刻, 終了日 and 終了時刻) pair on both sides",
        {
            "a.csv": csv(
                [
                    "受付番号,処理内容,日付,時刻,終了日,終了時刻",
                    "C1,受付,2024/04/01,9:00,2024/04/01,9:20",
                    "C1,交付,2024/04/02,10:00,2024/04/02,10:30",
                ]
            )
        },
        accounting="a.csv: 2 rows read, 2 loaded (none dropped)",
        check=expect_ends(
            "a.csv",
            [
                ("2024-04-01 09:00:00", "2024-04-01 09:20:00"),
                ("2024-04-02 10:00:00", "2024-04-02 10:30:00"),
            ],
        ),
    ),
    Case(
        "start and end dates of which only one has its time of day: neither gets a time",
        {
            "a.csv": csv(
                [
                    "受付番号,処理内容,処理日,処理時刻,完了日",
                    "C1,受付,2024/04/01,9:00,2024/04/01",
                    "C1,交付,2024/04/02,10:00,2024/04/03",
                ]
            )
        },
        warnings=(
            "a.csv: column 完了日 (end) holds dates only and no column of times of day is sure "
            "to complete it, so the time of day in 処理時刻 was not added to 処理日 (timestamp) "
            "either; handling times cannot be measured",
        ),
        check=lambda folder: _ends_at_midnight(
            folder, [("2024-04-01", "2024-04-01"), ("2024-04-02", "2024-04-03")]
        ),
    ),
    Case(
        "a length of work beside dates (作業時間 0:45) is not taken as the time of day",
        {
            "a.csv": csv(
                [
                    "受付番号,処理内容,処理日,作業時間",
                    "C1,受付,2024/04/01,0:45",
                    "C1,交付,2024/04/02,1:30",
                ]
            )
        },
        accounting="a.csv: 2 rows read, 2 loaded (none dropped)",
        check=expect_timestamps("a.csv", ["2024-04-01 00:00:00", "2024-04-02 00:00:00"]),
    ),
    Case(
        "the time of another event (予約時刻 beside 受付日) is not taken as the time of day",
        {
            "a.csv": csv(
                [
                    "受付番号,処理内容,受付日,予約時刻",
                    "C1,受付,2024/04/01,14:00",
                    "C1,交付,2024/04/02,9:00",
                ]
            )
        },
        warnings=(
            "a.csv: column 受付日 (timestamp) holds dates only, and it is not sure which of the "
            "columns of times of day (予約時刻) completes it; no time was added",
        ),
        check=expect_timestamps("a.csv", ["2024-04-01 00:00:00", "2024-04-02 00:00:00"]),
    ),
    Case(
        "a date column and a column named just 時刻 are combined",
        {
            "a.csv": csv(
                [
                    "受付番号,処理内容,処理日,時刻",
                    "C1,受付,2024/04/01,9:30",
                    "C1,交付,2024/04/02,10:05",
                ]
            )
        },
        accounting="a.csv: 2 rows read, 2 loaded (none dropped)",
        check=expect_timestamps("a.csv", ["2024-04-01 09:30:00", "2024-04-02 10:05:00"]),
    ),
    Case(
        "one row that ends before it starts is said in the singular",
        {
            "a.csv": csv(
                [
                    "受付番号,処理内容,処理日時,終了日時",
                    "C1,受付,2024-04-01 09:00,2024-04-01 09:10",
                    "C1,審査,2024-04-01 10:00,2024-04-01 05:00",
                ]
            )
        },
        warnings=(
            "a.csv:3: 1 row ends before it starts (終了日時 is earlier than 処理日時); its "
            "handling time is not counted (line 3)",
        ),
        accounting="a.csv: 2 rows read, 2 loaded (none dropped)",
    ),
    Case(
        "two systems of one department numbering their cases alike are named",
        {
            "a.csv": csv([HEADER, "1,受付,2024-04-01 09:00,x", "2,受付,2024-04-01 09:10,y"]),
            "b.csv": csv(
                ["管理番号,処理名,受付日時", "1,届出,2024-04-02 09:00", "2,届出,2024-04-02 09:30"]
            ),
            "procmine.toml": '[files."a.csv"]\ndepartment = "市民課"\n[files."b.csv"]\ndepartment = "市民課"\n'.encode(),
        },
        warnings=(
            "b.csv: shares 2 case ids with a.csv, a file of the same department (市民課) with "
            "other columns; the events of each shared id were merged into one case",
        ),
    ),
    Case(
        "a file whose person keys match none of the other files' is named",
        {
            "a.csv": csv(
                ["受付番号,処理内容,処理日時,宛名番号"]
                + [f"A{i},受付,2024-04-01 09:00,{i:06d}" for i in range(30)]
            ),
            "b.csv": csv(
                ["受付番号,処理内容,処理日時,宛名番号"]
                + [f"B{i},申請,2024-04-02 09:00,{i}" for i in range(30)]
            ),
            "c.csv": csv(
                ["受付番号,処理内容,処理日時,宛名番号"]
                + [f"C{i},申請,2024-04-03 09:00,K-{i}" for i in range(30)]
            ),
        },
        warnings=(
            "c.csv: its person keys (宛名番号) match almost none of the other files' (0% of its "
            "residents) — check that they are the same resident numbers",
        ),
    ),
    Case(
        "one system exported in two files (same columns, a case across both) is no warning",
        {
            "a.csv": csv([HEADER, *rows(2)]),
            "b.csv": csv([HEADER, *rows(2, start=1)]),
            "procmine.toml": '[columns]\ncase = "受付番号"\n[files."a.csv"]\ndepartment = "市民課"\n[files."b.csv"]\ndepartment = "市民課"\n'.encode(),
        },
        check=lambda folder: not load([folder]).warnings or pytest.fail("a warning"),
    ),
    Case(
        "rows that end before they start are counted and named",
        {
            "a.csv": csv(
                [
                    "受付番号,処理内容,処理日時,終了日時",
                    "C1,受付,2024-04-01 09:00,2024-04-01 09:10",
                    "C1,審査,2024-04-01 10:00,2024-04-01 05:00",
                    "C1,交付,2024-04-01 11:00,2024-04-01 11:05",
                    "C2,受付,2024-04-01 12:00,2024-04-01 11:59",
                ]
            )
        },
        warnings=(
            "a.csv:3: 2 rows end before they start (終了日時 is earlier than 処理日時); their "
            "handling time is not counted (line 3, line 5)",
        ),
        accounting="a.csv: 4 rows read, 4 loaded (none dropped)",
    ),
    Case(
        "exports in a folder that are not read are counted by kind, each with what to do",
        {
            "a.csv": csv([HEADER, *rows(2)]),
            "b.xlsx": b"PK\x03\x04" + bytes(20),
            "c.csv.gz": gzip.compress(csv([HEADER, *rows(2)])),
            "d.txt": csv([HEADER, *rows(2)]),
            "README.md": b"# exports\n",
        },
        warnings=(
            ": 1 file in this folder was not read: a spreadsheet workbook (*.xlsx) — save the "
            "sheet as CSV (UTF-8)",
            ": 1 file in this folder was not read: a compressed file (*.csv.gz) — decompress it "
            "into the folder",
            ": 1 file in this folder was not read: a text file not named *.csv or *.tsv (*.txt) "
            "— rename it to .csv or .tsv",
        ),
        accounting="a.csv: 2 rows read, 2 loaded (none dropped)",
    ),
    Case(
        "unread exports are not named (a stray file is named after a resident); system files "
        "are ignored",
        {
            "a.csv": csv([HEADER, *rows(2)]),
            "山田花子_申請.xlsx": b"PK\x03\x04" + bytes(20),
            "b.xlsx": b"PK\x03\x04" + bytes(20),
            "Thumbs.db": bytes(20),
            "desktop.ini": b"[.ShellClassInfo]\n",
            ".DS_Store": bytes(20),
        },
        warnings=(
            ": 2 files in this folder were not read, each a spreadsheet workbook (*.xlsx) — "
            "save the sheet as CSV (UTF-8)",
        ),
        check=lambda folder: _only_unread_warning(folder),
    ),
    Case(
        "a folder of workbooks only: the error names what it found",
        {"b.xlsx": b"PK\x03\x04" + bytes(20), "notes.md": b"x"},
        error=(
            "the folder holds no event logs or process models (found: b.xlsx, a spreadsheet "
            "workbook; notes.md) — put",
        ),
    ),
    Case(
        "the same column for two roles",
        {"a.csv": csv([HEADER, *rows(2)])},
        args=("--case", "受付番号", "--activity", "受付番号"),
        error=("a.csv: --case and --activity both name column '受付番号'",),
    ),
    Case(
        "dates beyond 2262 are shown and explained, not masked",
        {"a.csv": csv([HEADER, "C1,受付,9999-12-31,x", "C2,受付,9999-12-31 00:00:00,y", *rows(2)])},
        error=(
            "line 2: '9999-12-31', line 3: '9999-12-31 00:00:00'",
            "outside the range 1677–2262 that can be represented",
        ),
    ),
    Case(
        "Excel serial numbers as timestamps are read as dates, with a warning",
        {"a.csv": csv([HEADER, "C1,受付,45756.51,x", "C1,交付,45756.6,y"])},
        warnings=("a.csv: 2 values of 処理日時 were read as Excel serial dates",),
    ),
    Case(
        "a case table in wide form is read as one event per dated step, with a warning",
        {
            "a.csv": csv(
                ["申請番号,申請日,審査日,決定日"]
                + [f"A{i},2025/04/01,2025/04/0{2 + i % 5},2025/04/1{i % 9}" for i in range(6)]
            )
        },
        warnings=("a.csv: one row per case with the dates of 3 steps (申請日, 審査日, 決定日)",),
    ),
    Case(
        "a step date of a wide case table that is not a date leaves that step out, with a warning",
        {
            "a.csv": csv(
                ["申請番号,申請日,審査日,決定日"]
                + [f"A{i},2025/04/01,2025/04/0{2 + i % 5},2025/04/1{i % 9}" for i in range(20)]
                + ["A99,2025/04/01,2025/04/03,未定"]
            )
        },
        warnings=("a.csv: 1 values of 決定日 are not dates; those steps were left out",),
    ),
    Case(
        "Excel serial numbers outside 1990-2099 get a hint",
        {"a.csv": csv([HEADER, "C1,受付,25000.51,x", "C1,交付,78000.6,y"])},
        error=("Excel serial date numbers", "format the column as date and time"),
    ),
    Case(
        "Unix times in seconds and milliseconds mixed get a hint",
        {"a.csv": csv([HEADER, "C1,受付,1712000000,x", "C1,交付,1712003600000,y"])},
        error=("look like Unix times",),
    ),
    Case(
        "Unix times of one unit are read in Japan time, with a warning",
        {"a.csv": csv([HEADER, "C1,受付,1712000000,x", "C1,交付,1712003600,y"])},
        warnings=("a.csv: 2 values of 処理日時 were read as Unix times",),
        check=expect_timestamps("a.csv", ["2024-04-02 04:33:20", "2024-04-02 05:33:20"]),
    ),
    Case(
        "dates with an hour as ten digits (YYYYMMDDHH) are not read as Unix times in 2034",
        {"a.csv": csv([HEADER, "C1,受付,2025040109,x", "C1,交付,2025040210,y"])},
        error=("not dates/times",),
    ),
    Case(
        "Unix times before 2000 get a hint",
        {"a.csv": csv([HEADER, "C1,受付,912000000,x", "C1,交付,912003600,y"])},
        error=("look like Unix times",),
    ),
    Case(
        "--encoding latin-1 on a UTF-8 file is refused instead of garbling the report",
        {"a.csv": csv([HEADER, *rows(2)])},
        args=("--encoding", "latin-1"),
        error=("a.csv:1: the file is UTF-8, but latin-1 (from --encoding)", "drop --encoding"),
    ),
    Case(
        "a latin-1 encoding in procmine.toml on a UTF-8 file is refused",
        {
            "a.csv": csv([HEADER, *rows(2)]),
            "procmine.toml": b'[files."a.csv"]\nencoding = "latin-1"\n',
        },
        error=("the file is UTF-8", "remove the encoding from procmine.toml"),
    ),
]


def build(case: Case, folder: Path) -> None:
    for name, content in case.files.items():
        (folder / name).write_bytes(content)


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40 and len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    for name in (
        "PROCMINE_MAX_EXPANDED_BYTES",
        "PROCMINE_MAX_EXPANSION_RATIO",
        "PROCMINE_MAX_FIELD_CHARS",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)
    code, stdout, stderr = run("validate", case.target, *case.args)
    if case.error:
        assert code == case.code, (code, stdout, stderr)
        line = error_line(stderr)
        for part in case.error:
            assert part in line, (part, line)
        return
    assert code == 0, stderr
    assert "\x1b" not in stdout and "Traceback" not in stdout + stderr
    printed = [
        line.removeprefix("Warning: ")
        for line in stdout.splitlines()
        if line.startswith("Warning: ")
    ]
    for part in case.warnings:
        assert any(part in w for w in printed), (part, printed)
    if case.accounting is not None:
        assert case.accounting in stdout.splitlines(), stdout
    if case.check is not None:
        case.check(tmp_path)


# --------------------------------------------------------------------------- special files


def test_a_pipe_named_csv_is_refused_without_reading_it(tmp_path: Path) -> None:
    fifo = tmp_path / "a.csv"
    os.mkfifo(fifo)  # reading it would block forever
    code, _, stderr = run("validate", str(fifo))
    assert code == 2 and "a.csv: not a regular file" in error_line(stderr)


def test_a_pipe_in_a_folder_is_skipped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(csv([HEADER, *rows(2)]))
    os.mkfifo(tmp_path / "b.csv")
    code, stdout, stderr = run("validate", str(tmp_path))
    assert code == 0, stderr
    assert "b.csv: skipped (not a regular file)" in stdout


def test_broken_symbolic_link(tmp_path: Path) -> None:
    (tmp_path / "a.csv").symlink_to(tmp_path / "gone.csv")
    code, _, stderr = run("validate", str(tmp_path / "a.csv"))
    assert code == 2 and "a.csv: a broken symbolic link" in error_line(stderr)


def test_a_folder_named_like_a_file_holds_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.csv").mkdir()
    code, _, stderr = run("validate", str(tmp_path / "a.csv"))
    assert code == 2 and "the folder holds no event logs" in error_line(stderr)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as root, who may read anything: the OS refusal is simulated at read time."""
    target = tmp_path / "a.csv"
    target.write_bytes(csv([HEADER, *rows(2)]))
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self == target:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    code, _, stderr = run("validate", str(target))
    assert code == 2
    line = error_line(stderr)
    assert "a.csv: cannot be read (Permission denied)" in line


def test_a_long_file_name_with_escape_sequences_is_printed_safely(tmp_path: Path) -> None:
    name = "a\x1b[2Jb.csv"
    (tmp_path / name).write_bytes(b"")
    code, _, stderr = run("validate", str(tmp_path / name))
    assert code == 2
    line = error_line(stderr)
    assert "\x1b" not in line and "a\\x1b[2Jb.csv: is empty" in line


def test_parquet_with_repeated_column_names(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        [["C1", "C2"], ["受付", "交付"], ["2024-04-01", "2024-04-02"], ["x", "y"]],
        names=["受付番号", "処理内容", "処理日時", "受付番号"],
    )
    pq.write_table(table, tmp_path / "a.parquet")
    code, stdout, stderr = run("validate", str(tmp_path / "a.parquet"))
    assert code == 0, stderr
    assert "repeated column names were renamed: 受付番号 → 受付番号.1" in stdout
    assert "a.parquet: 2 rows read, 2 loaded (none dropped)" in stdout


def test_parquet_expanding_far_beyond_its_size_is_refused(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 3_000_000  # one repeated value per column: a few KB on disk, 72 MB decoded
    table = pa.table(
        {
            "受付番号": pa.repeat("C", n),
            "処理内容": pa.repeat("受付", n),
            "処理日時": pa.repeat("2024-04-01", n),
        }
    )
    pq.write_table(table, tmp_path / "a.parquet")
    assert (tmp_path / "a.parquet").stat().st_size < 100_000
    code, _, stderr = run("validate", str(tmp_path / "a.parquet"))
    assert code == 2
    assert "a.parquet: holds 3,000,000 rows × 3 columns" in error_line(stderr)


# --------------------------------------------------------------------------- error model


def test_debug_shows_the_traceback_instead(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(b"")
    result = CliRunner().invoke(cli, ["--debug", "validate", str(tmp_path / "a.csv")])
    assert result.exit_code != 0
    from procmine.errors import InputError

    assert isinstance(result.exception, InputError)


def test_an_internal_error_is_one_line_with_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.csv").write_bytes(csv([HEADER, *rows(2)]))
    import procmine.io.loader as loader

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something procmine did not expect")

    monkeypatch.setattr(loader, "detect_roles", broken)
    code, _, stderr = run("validate", str(tmp_path))
    assert code == 1
    line = error_line(stderr)
    assert "internal error (RuntimeError: something procmine did not expect)" in line
    assert "--debug" in line


# --------------------------------------------------------------------------- output folder


def _mini_city(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    a = ["受付番号,処理内容,処理日時,担当者"]
    b = ["申請番号,手続,日時,担当者"]
    for c in range(6):
        a += [
            f"A{c},{x},2024-04-0{1 + c % 5} 09:{10 * j:02d},S{j}"
            for j, x in enumerate(["受付", "本人確認", "入力", "交付"])
        ]
        b += [
            f"B{c},{x},2024-04-0{1 + c % 5} 10:{10 * j:02d},H{j}"
            for j, x in enumerate(["受付", "窓口での本人確認", "資格入力"])
        ]
    (folder / "shimin.csv").write_bytes(csv(a))
    (folder / "hoken.csv").write_bytes(csv(b))
    return folder


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """A small city and its Analysis, computed once; the CLI's analysis step returns it."""
    from procmine.analysis import analyze

    city = _mini_city(tmp_path_factory.mktemp("mini") / "city")
    return city, analyze(city)


@pytest.fixture
def cached_analysis(analysed: tuple[Path, object], monkeypatch: pytest.MonkeyPatch) -> Path:
    import procmine.analysis

    city, analysis = analysed
    monkeypatch.setattr(procmine.analysis, "analyze", lambda *a, **k: analysis)
    return city


def test_out_folder_that_cannot_be_created(cached_analysis: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    code, _, stderr = run(
        "analyze", str(cached_analysis), "--out", str(tmp_path / "file" / "report"), "-q"
    )
    assert code == 2
    line = error_line(stderr)
    assert "cannot create" in line and "--out" in line


def test_out_that_is_a_file(cached_analysis: Path, tmp_path: Path) -> None:
    (tmp_path / "report").write_text("x")
    code, _, stderr = run("analyze", str(cached_analysis), "--out", str(tmp_path / "report"), "-q")
    assert code == 2 and "exists and is not a folder" in error_line(stderr)
    assert (tmp_path / "report").read_text() == "x"


def test_out_folder_holding_other_files_needs_force(cached_analysis: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    code, _, stderr = run("analyze", str(cached_analysis), "--out", str(out), "-q")
    assert code == 2
    assert "not a procmine report" in error_line(stderr) and "--force" in error_line(stderr)
    assert (out / "keep.txt").read_text() == "mine"
    code, _, stderr = run("analyze", str(cached_analysis), "--out", str(out), "-q", "--force")
    assert code == 0, stderr
    assert not (out / "keep.txt").exists() and (out / "findings.json").is_file()


def test_interrupted_write_leaves_the_earlier_report_and_no_debris(
    cached_analysis: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report"
    code, _, stderr = run("analyze", str(cached_analysis), "--out", str(out), "-q")
    assert code == 0, stderr
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    import procmine.report.writer as writer

    real_build = writer._build

    def interrupted(analysis: object, tmp: Path, **kwargs: object) -> list[Path]:
        real_build(analysis, tmp, **kwargs)  # half of the work is on disk …
        raise KeyboardInterrupt  # … when the user presses Ctrl-C

    monkeypatch.setattr(writer, "_build", interrupted)
    code, _, stderr = run("analyze", str(cached_analysis), "--out", str(out), "-q")
    assert code == 130
    assert "interrupted" in error_line(stderr)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]  # no .procmine-tmp-* left


def test_out_that_is_an_input_folder_is_refused_even_with_force(
    cached_analysis: Path, tmp_path: Path
) -> None:
    city = _mini_city(tmp_path / "city")
    code, _, stderr = run("analyze", str(city), "--out", str(city), "-q", "--force")
    assert (city / "shimin.csv").is_file(), "the inputs were deleted"
    assert code == 2 and "--out" in error_line(stderr)


def test_html_and_formulas_in_labels_do_not_reach_the_report_raw(tmp_path: Path) -> None:
    """End to end: a label carrying a script and a formula is escaped in every output."""
    city = _mini_city(tmp_path / "city")
    evil = "<script>alert(1)</script>"
    text = (city / "shimin.csv").read_text(encoding="utf-8").replace("本人確認", evil)
    text = text.replace("交付", "=1+2")
    (city / "shimin.csv").write_text(text, encoding="utf-8")
    out = tmp_path / "report"
    code, _, stderr = run("analyze", str(city), "--out", str(out), "-q")
    assert code == 0, stderr
    assert evil not in (out / "report.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in (out / "report.html").read_text(encoding="utf-8")
    for name in ("duplicates.csv", "candidates.csv", "silos.csv"):
        table = pd.read_csv(out / name, encoding="utf-8-sig", dtype=str)
        for value in table.to_numpy().ravel():
            assert not (isinstance(value, str) and value[:1] in ("=", "+", "@")), (name, value)


def test_row_numbers_after_quoted_newlines_point_at_the_record(tmp_path: Path) -> None:
    lines = [HEADER]
    for i in range(20):
        memo = f'"メモ{i}\n続き\r\n終わり"' if i % 3 == 0 else f"メモ{i}"
        lines.append(f"C{i:03d},受付,2024-04-01 09:{i:02d},{memo}")
    (tmp_path / "a.csv").write_bytes(csv(lines))
    events = load([tmp_path / "a.csv"]).logs["a"].events
    physical = re.split(r"\r\n|\r|\n", (tmp_path / "a.csv").read_text(encoding="utf-8"))
    for case, row in zip(events["case"], events["row"], strict=True):
        assert physical[row - 1].startswith(f"{case},"), (case, row, physical[row - 1])


# --------------------------------------------------------------------------- warnings as notices
# Every warning of procmine.io is a Notice: its English text plus a code and parameters, from
# which the report says it in its own language (procmine.report.i18n ``warn_<code>``).


def _notices_of_extra_inputs(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Warnings of inputs that CASES does not hold, one for each remaining kind of warning."""
    import sys

    import pyarrow as pa
    import pyarrow.parquet as pq

    import procmine.io

    def folder(name: str, files: dict[str, bytes]) -> Path:
        path = root / name
        path.mkdir(parents=True)
        for file, content in files.items():
            (path / file).write_bytes(content)
        return path

    good = csv([HEADER, *rows(2)])
    found: list[str] = []
    special = folder("special", {"a.csv": good})
    os.mkfifo(special / "b.csv")
    (special / "c.csv").symlink_to(special / "gone.csv")
    found += load([special]).warnings
    spans = 'C1,受付,2024-04-01 09:00,"' + "\n" * 60 + '"'
    found += load([folder("spans", {"a.csv": csv([HEADER, spans, *rows(2)])})]).warnings
    twice = csv([HEADER, *rows(3), rows(3)[0], rows(3)[1], rows(3)[2]])
    found += load([folder("keep", {"a.csv": twice})], duplicates="keep").warnings
    found += load([folder("keep1", {"a.csv": good + csv(rows(1))})], duplicates="keep").warnings
    dept = csv(
        [
            "受付番号,処理内容,処理日時,担当課,source",
            "C1,受付,2024-04-01,市民課,1",
            "C2,受付,2024-04-01,,2",
        ]
    )
    found += load([folder("dept", {"a.csv": dept})]).warnings
    model = bpmn('<task id="a" name="受付"/>').encode()
    found += load(
        [folder("m1", {"a.csv": good, "m.bpmn": model}), folder("m2", {"m.bpmn": model})]
    ).warnings
    table = pa.table(
        [["C1"], ["受付"], ["2024-04-01"], ["x"]],
        names=["受付番号", "処理内容", "処理日時", "受付番号"],
    )
    pq.write_table(table, folder("parquet", {}) / "a.parquet")
    found += load([root / "parquet"]).warnings
    monkeypatch.delattr(procmine.io, "processmodels", raising=False)
    monkeypatch.setitem(sys.modules, "procmine.io.processmodels", None)
    found += load([folder("nomodels", {"a.csv": good, "m.bpmn": model})]).warnings
    return found


def test_every_warning_is_a_notice_that_the_report_says_in_both_languages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pickle

    from procmine.io.messages import CODES, Notice
    from procmine.report.i18n import STRINGS
    from procmine.report.sections.overview import warning_text

    cjk = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    found: list[str] = []
    for i, case in enumerate(c for c in CASES if not c.error and not c.args and not c.env):
        folder = tmp_path / f"case{i}"
        folder.mkdir()
        build(case, folder)
        found += load([folder]).warnings
    found += _notices_of_extra_inputs(tmp_path / "extra", monkeypatch)
    codes = set()
    for warning in found:
        assert isinstance(warning, Notice), warning  # a warning site without its code
        codes.add(warning.code)
        assert warning_text(STRINGS["en"], warning) == warning  # the template is the text
        japanese = warning_text(STRINGS["ja"], warning)
        assert japanese != warning and cjk.search(japanese.split(": ", 1)[1]), japanese
        assert not re.search(r"\b(rows?|values?|skipped|dropped|line \d)\b", japanese), japanese
        again = pickle.loads(pickle.dumps(warning))
        assert (again, again.code, again.params) == (warning, warning.code, warning.params)
    assert codes == set(CODES), set(CODES) - codes  # each kind of warning is exercised here


def test_every_warning_site_builds_a_notice() -> None:
    """A new ``warnings.append(...)`` in procmine.io must append a Notice (with its code)."""
    import ast

    import procmine.io

    sites = 0
    for path in sorted(Path(procmine.io.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "append"
                and ast.unparse(node.func.value).endswith("warnings")
            ):
                sites += 1
                (arg,) = node.args
                assert isinstance(arg, ast.Call) and ast.unparse(arg.func) == "Notice", (
                    f"{path.name}:{node.lineno}: a warning without a code"
                )
    assert sites >= 17


def test_warnings_read_from_a_forked_helper_keep_their_codes(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.csv").write_bytes(csv([HEADER, *rows(40), rows(1)[0]]))
    serial = load([tmp_path])
    parallel = load([tmp_path], parallel=True)
    assert parallel.warnings == serial.warnings and len(serial.warnings) == 3
    assert [w.code for w in parallel.warnings] == ["duplicate_row_dropped"] * 3
