"""Every row is accounted for: rows read = rows loaded + rows dropped (by reason), per file,
and every loaded row's ``row`` is unique and is the line its record starts on.

A property-based test writes random CSV exports (UTF-8 or CP932, LF or CRLF, quoted line
breaks, blank lines, missing and NULL values, impossible timestamps, repeated rows) next to
an oracle that knows what each record should become, loads them and compares."""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procmine.io import load
from procmine.io.loader import DROP_REASONS

GOOD_TIMES = [
    "2024-04-01 09:00",
    "2024/04/02 10:30:15",
    "令和6年4月3日 9時5分",
    "R6.4.4 13:00",
    "2024-04-05T08:00:00+09:00",
    "2024年4月6日",
]
BAD_TIMES = ["2026-02-30 09:00", "2024-04-01 25:00", "昨日", "9999-12-31", "2024-13-01"]
LABELS = ["受付", "審査", "決裁", "交付", "本人確認", "ﾃﾞｰﾀ入力", "A-1"]
MEMO_TEXT = st.text(alphabet='あいう漢字ｶﾅabc ,"\n\r\t-', max_size=12)


@dataclass(frozen=True)
class Record:
    """One generated row and what it must become."""

    serial: str
    case: str
    activity: str
    time: str
    memo: str
    reason: str | None  # None: loaded


def quote(value: str) -> str:
    if any(ch in value for ch in ',"\r\n') or value != value.strip():
        return '"' + value.replace('"', '""') + '"'
    return value


@st.composite
def exports(draw: st.DrawFn) -> tuple[list[Record | None], str, str]:
    """Records (None = a blank line), encoding and line terminator."""
    n = draw(st.integers(1, 25))
    items: list[Record | None] = []
    seen: dict[tuple[str, str, str, str, str], Record] = {}
    for i in range(n):
        if items and draw(st.integers(0, 9)) == 0:
            items.append(None)  # blank line between rows
        if seen and draw(st.integers(0, 7)) == 0:
            original = draw(st.sampled_from(sorted(seen.values(), key=lambda r: r.serial)))
            reason = original.reason if original.reason is not None else "duplicate row"
            items.append(
                Record(
                    original.serial,
                    original.case,
                    original.activity,
                    original.time,
                    original.memo,
                    reason,
                )
            )
            continue
        case = draw(st.sampled_from(["", " ", "C1", "C2", "0007", "NULL"]))
        activity = draw(st.sampled_from(["", "NaN", *LABELS]))
        kind = draw(st.sampled_from(["good", "good", "good", "bad", "empty"]))
        time = (
            draw(st.sampled_from(GOOD_TIMES))
            if kind == "good"
            else draw(st.sampled_from(BAD_TIMES))
            if kind == "bad"
            else ""
        )
        memo = draw(MEMO_TEXT)
        serial = f"R{i:04d}"
        if case.strip() in ("", "NULL"):
            reason: str | None = "missing case"
        elif activity.strip() in ("", "NaN"):
            reason = "missing activity"
        elif kind == "empty":
            reason = "missing timestamp"
        elif kind == "bad":
            reason = "unparsable timestamp"
        else:
            reason = None
        record = Record(serial, case, activity, time, memo, reason)
        seen[(serial, case, activity, time, memo)] = record
        items.append(record)
    encoding = draw(st.sampled_from(["utf-8", "cp932", "utf-8-sig"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return items, encoding, newline


def render(items: list[Record | None], newline: str) -> str:
    lines = ["連番,受付番号,処理内容,処理日時,備考"]
    for item in items:
        if item is None:
            lines.append("")
            continue
        fields = [item.serial, item.case, item.activity, item.time, item.memo]
        lines.append(",".join(quote(f) for f in fields))
    return newline.join(lines) + newline


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exports())
def test_rows_read_equal_rows_loaded_plus_dropped_and_rows_are_real_lines(
    generated: tuple[list[Record | None], str, str],
) -> None:
    items, encoding, newline = generated
    text = render(items, newline)
    folder = Path(tempfile.mkdtemp())
    try:
        path = folder / "export.csv"
        path.write_bytes(text.encode(encoding))
        expected_loaded = [r for r in items if r is not None and r.reason is None]
        records = [r for r in items if r is not None]
        if not expected_loaded:
            return  # a file with no usable row is refused; test_bad_inputs covers that
        data = load(
            [path], max_bad_share=1.0, case="受付番号", activity="処理内容", timestamp="処理日時"
        )
        account = data.accounting[0]
        # the identity, per file
        assert account.rows_read == account.rows_loaded + sum(account.dropped.values())
        assert account.balanced
        assert set(account.dropped) <= set(DROP_REASONS)
        # against the oracle: blank lines between rows are rows (dropped as such)
        blanks = sum(1 for r in items if r is None)
        assert account.rows_read == len(records) + blanks
        expected = {reason: 0 for reason in DROP_REASONS}
        for record in records:
            if record.reason is not None:
                expected[record.reason] += 1
        expected["blank line"] = blanks
        assert account.dropped == {k: v for k, v in expected.items() if v}
        assert account.rows_loaded == len(expected_loaded)
        # every loaded row number is unique and is the line its record starts on
        events = pd.concat([log.events for log in data.logs.values()])
        assert events["row"].is_unique
        physical = re.split(
            r"\r\n|\r|\n", path.read_bytes().decode(encoding).removeprefix("\ufeff")
        )
        for serial, row in zip(events["連番"], events["row"], strict=True):
            assert 2 <= row <= len(physical)
            assert physical[row - 1].startswith(serial + ","), (serial, row, physical[row - 1])
        assert sorted(events["連番"]) == sorted(r.serial for r in expected_loaded)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_accounting_of_every_file_is_in_the_dataset(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(
        "受付番号,処理内容,処理日時\n1,受付,2024-04-01\n2,,2024-04-01\n", encoding="utf-8"
    )
    (tmp_path / "b.csv").write_text(
        "受付番号,処理内容,処理日時\n1,受付,2024-04-01\n1,受付,2024-04-01\n", encoding="utf-8"
    )
    data = load([tmp_path])
    by_file = {a.source: (a.rows_read, a.rows_loaded, a.dropped) for a in data.accounting}
    assert by_file == {
        "a.csv": (2, 1, {"missing activity": 1}),
        "b.csv": (2, 1, {"duplicate row": 1}),
    }


def test_keeping_duplicates_keeps_them_and_still_names_them(tmp_path: Path) -> None:
    (tmp_path / "b.csv").write_text(
        "受付番号,処理内容,処理日時\n1,受付,2024-04-01\n1,受付,2024-04-01\n", encoding="utf-8"
    )
    data = load([tmp_path], duplicates="keep")
    assert (data.accounting[0].rows_read, data.accounting[0].rows_loaded) == (2, 2)
    assert data.warnings == [
        "b.csv:3: 1 row repeats an earlier row in every column; it was kept (line 3 = line 2)"
    ]
    assert data.warnings[0].code == "duplicate_row_kept"


def test_every_drop_reason_is_named_in_both_report_languages() -> None:
    from procmine.report.i18n import strings

    for lang in ("ja", "en"):
        t = strings(lang)
        missing = [r for r in DROP_REASONS if f"drop_{r.replace(' ', '_')}" not in t]
        assert not missing, (lang, missing)
