"""The fast paths of issue 7 give the same results as the plain ones they replace."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pandas as pd

from procmine.fields._copies import Codebook
from procmine.io.xes import read_xes
from procmine.text.values import normalize_address, normalize_date, normalize_many


def _plain_encode(book: dict[str, int], text: list[str], values: list[str]) -> list[int]:
    """The reference: one dictionary look-up per value, new values numbered in order."""
    out = []
    for v in values:
        if v not in book:
            book[v] = len(text)
            text.append(v)
        out.append(book[v])
    return out


def test_encode_nested_matches_two_encodes() -> None:
    rng = random.Random(7)
    fast = Codebook()
    ref_code: dict[str, int] = {}
    ref_text: list[str] = []
    for _ in range(20):
        values = [rng.choice("abcdefghij") * rng.randint(1, 3) for _ in range(rng.randint(0, 60))]
        inner = np.array([rng.random() < 0.5 for _ in values], dtype=bool)
        inner_values = [v for v, keep in zip(values, inner, strict=True) if keep]
        want_inner = _plain_encode(ref_code, ref_text, inner_values)
        want_all = _plain_encode(ref_code, ref_text, values)
        got_inner, got_all = fast.encode_nested(pd.Series(values, dtype=object), inner)
        assert got_inner.tolist() == want_inner
        assert got_all.tolist() == want_all
        assert fast.text == ref_text and fast.code == ref_code


def test_encode_matches_plain_encode() -> None:
    rng = random.Random(11)
    fast = Codebook()
    ref_code: dict[str, int] = {}
    ref_text: list[str] = []
    for _ in range(20):
        values = [rng.choice("xyzuvw") * rng.randint(1, 4) for _ in range(rng.randint(0, 40))]
        assert fast.encode(np.array(values, dtype=object)).tolist() == _plain_encode(
            ref_code, ref_text, values
        )
    assert fast.text == ref_text


def test_normalize_many_dates_match_one_by_one() -> None:
    values = ["S55.3.2", "19800302", "2020年4月1日", "不明", "", "1677-09-22", "2262-04-11",
              "R2.2.29", "R3.2.29", "昭和６４年１月７日", "1980/3/2 10:00"]  # fmt: skip
    assert normalize_many(values, "birth_date") == [normalize_date(v) for v in values]


def test_address_house_numbers_keep_the_number() -> None:
    # the 丁目・番地・番・号 patterns keep every digit before them, spaces or not
    assert normalize_address("本町12 丁目 3番地の4 5号室") == "本町12-3-4|5"
    assert normalize_address("本町1丁目2番3号 コーポ 101号室") == "本町1-2-3|コーポ101"
    assert normalize_address("本町二十三番地") == "本町23|"


_PLAIN_XES = """<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1.0" xmlns="http://www.xes-standard.org/">
  <global scope="event"><string key="concept:name" value="?"/></global>
  <event><string key="concept:name" value="loose"/></event>
  <trace>
    <string key="concept:name" value="c1"/>
    <event><string key="concept:name" value="A &amp; B"/>
      <list key="items" value="L"><string key="inner" value="no"/></list>
      <string key="concept:name" value="A &lt;2&gt; &#x3042;"/></event>
    <event><string key="org:resource" value="r1 &amp; r2"/><string key="novalue"/></event>
    <string key="late" value="after the events"/>
  </trace>
</log>
"""


def test_plain_xes_fast_path_reads_what_the_general_reader_reads(tmp_path: Path) -> None:
    from lxml import etree

    from procmine.io.xes import _read_plain

    path = tmp_path / "log.xes"
    path.write_text(_PLAIN_XES, encoding="utf-8")
    fast = _read_plain(path, path.name, None, etree)
    assert fast is not None  # the layout XES prescribes takes the fast path
    records, encoding = fast
    assert encoding == read_xes(path, fmt="xes").encoding
    assert records == [
        {"concept:name": "loose"},
        {"case:concept:name": "c1", "case:late": "after the events",
         "concept:name": "A <2> あ", "items": "L"},
        {"case:concept:name": "c1", "case:late": "after the events",
         "org:resource": "r1 & r2"},
    ]  # fmt: skip
    assert list(records[1]) == ["case:concept:name", "case:late", "concept:name", "items"]
    frame = read_xes(path, fmt="xes").frame
    assert frame["concept:name"].tolist()[:2] == ["loose", "A <2> あ"]


def test_xes_with_a_wrapper_element_takes_the_general_reader(tmp_path: Path) -> None:
    from lxml import etree

    from procmine.io.xes import _read_plain

    path = tmp_path / "log.xes"
    path.write_text(
        _PLAIN_XES.replace(
            '<string key="org:resource" value="r1 &amp; r2"/>',
            '<group><string key="org:resource" value="r1 &amp; r2"/></group>',
        ),
        encoding="utf-8",
    )
    assert _read_plain(path, path.name, None, etree) is None
    frame = read_xes(path, fmt="xes").frame
    assert frame["org:resource"].tolist()[2] == "r1 & r2"  # the wrapper's attributes are read
