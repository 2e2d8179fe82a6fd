"""The data-silo stage's fast paths give exactly what the plain code gives: columns coded
once (blank values found per distinct value), address equality on integer codes, earlier
values found for all residents at once, keys coded without a text copy, guarded address
and value-shape patterns."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from procmine._codes import as_text
from procmine.fields._copies import AddressIndex, Codebook, Copy, equal_codes, shared_positions
from procmine.fields._link import _clean_keys
from procmine.fields._measure import _earlier
from procmine.fields._profile import (
    _profile_coded,
    coded_values,
    non_empty,
    non_empty_mask,
    profile_column,
    value_shape,
)
from procmine.text import values as V
from procmine.text.values import addresses_equal, normalize_address, split_address

# characters that steer the address rules: numerals, 丁目/番地/号, の, hyphens, city ends,
# 方書 separators, spaces, a newline
_ADDRESS_CHARS = "一二十百〇丁目番地号室の之ノ-‐ー－ｰ 　0123１２光陽市区町村県都大字ヶケがコ|\n,"
_addresses = st.text(alphabet=_ADDRESS_CHARS, max_size=14)


@settings(deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.sampled_from(["", " ", "　", "a", " a", "b"])), max_size=30)
)
def test_coded_values_is_the_mask_and_the_factorised_values(cells: list[str | None]) -> None:
    values = pd.Series(cells, dtype="string")
    coded = coded_values(values)
    assert coded.mask.tolist() == non_empty_mask(values).tolist()
    codes, texts = pd.factorize(values[coded.mask].astype(str))
    assert coded.codes is not None
    assert coded.codes.tolist() == codes.tolist() and coded.codes.dtype == np.int32
    assert coded.texts().tolist() == np.asarray(texts, dtype=object).tolist()
    assert [type(t) for t in coded.texts().tolist()] == [str] * coded.size


def test_coded_values_of_other_columns_is_the_mask_only() -> None:
    values = pd.Series(pd.Categorical(["a", " ", None, "a"]))
    coded = coded_values(values)
    assert coded.codes is None and coded.mask.tolist() == [True, False, False, True]


@settings(max_examples=200, deadline=None)
@given(st.lists(_addresses, min_size=1, max_size=12), st.data())
def test_address_index_equals_addresses_equal(raw: list[str], data: st.DataObject) -> None:
    texts = list(dict.fromkeys([normalize_address(v) for v in raw] + raw))
    book = Codebook()
    book.encode(np.array(texts, dtype=object))
    index = AddressIndex()
    n = len(book.text)
    a = np.array(data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=30)))
    b = np.array(data.draw(st.lists(st.integers(0, n - 1), min_size=len(a), max_size=len(a))))
    want = [addresses_equal(book.text[x], book.text[y]) for x, y in zip(a, b, strict=True)]
    assert index.equal(book.text, a, b).tolist() == want
    # codes added later are read when first compared
    book.encode(np.array(["光陽市本町1-2|", "本町1-2|コーポ"], dtype=object))
    a2, b2 = np.array([len(book.text) - 2, 0]), np.array([len(book.text) - 1, len(book.text) - 1])
    want2 = [addresses_equal(book.text[x], book.text[y]) for x, y in zip(a2, b2, strict=True)]
    assert index.equal(book.text, a2, b2).tolist() == want2
    has = index.has_building(book.text, np.array([-1, *range(len(book.text))]))
    assert has.tolist() == [False] + [bool(t.partition("|")[2]) for t in book.text]


def test_address_equality_by_suffix_needs_a_city_end() -> None:
    texts = ["光陽市本町1-2|", "本町1-2|", "光陽本町1-2|", "1-2|コーポ", "|"]
    book = Codebook()
    codes = book.encode(np.array(texts, dtype=object))
    a, b = np.repeat(codes, len(codes)), np.tile(codes, len(codes))
    got = equal_codes(a, b, "address", book)
    assert got.tolist() == [addresses_equal(texts[x], texts[y]) for x, y in zip(a, b, strict=True)]
    assert got.sum() > len(codes)  # some pairs equal by suffix or a missing 方書


def _copy(keys: list[int], norm: list[int], hist: list[tuple[int, int]]) -> Copy:
    hist_keys, hist_norm = (np.array(x, dtype=np.int64) for x in zip(*hist, strict=True))
    return Copy("D", "c", "address", len(keys), len(keys), np.array(keys, dtype=np.int64),
                np.array(norm, dtype=np.int64), np.array(norm, dtype=np.int64),
                np.zeros(len(keys), dtype="datetime64[ns]"), "person key", "a", frozenset(),
                frozenset({"all"}), hist_keys=hist_keys, hist_norm=hist_norm)  # fmt: skip


def _earlier_one_by_one(
    copy: Copy, keys: np.ndarray, values: np.ndarray, book: Codebook
) -> list[bool]:
    latest = dict(zip(copy.keys.tolist(), copy.norm.tolist(), strict=True))
    out = []
    for k, v in zip(keys.tolist(), values.tolist(), strict=True):
        held = copy.hist_norm[copy.hist_keys == k].tolist()
        old = [h for h in held if h != latest.get(k)] if len(held) >= 2 else []
        out.append(any(addresses_equal(book.text[v], book.text[h]) for h in old))
    return out


def test_earlier_values_are_found_for_all_residents_at_once() -> None:
    book = Codebook()
    book.encode(
        np.array(["光陽市本町1-2|", "本町1-2|", "光陽市新町3-4|", "光陽市新町3-5|"], dtype=object)
    )
    # resident 1: latest 2, earlier 0; resident 2: one value only; resident 3: latest −1
    # (not normalisable), earlier 2 and 3; resident 4: not a holder of the copy; resident
    # 6: latest −1 and one earlier value (one value held: nothing earlier to go by)
    copy = _copy(
        [1, 2, 3, 6],
        [2, 3, -1, -1],
        [(1, 0), (1, 2), (2, 3), (3, 2), (3, 3), (4, 0), (4, 1), (6, 0)],
    )
    keys = np.array([1, 1, 2, 3, 3, 4, 5, 6])
    values = np.array([1, 2, 3, 3, 0, 1, 0, 1])
    got = _earlier(copy, keys, values, "address", book)
    assert got.tolist() == _earlier_one_by_one(copy, keys, values, book)
    assert got.tolist() == [True, False, False, True, False, True, False, False]


def test_keys_coded_as_text_whatever_their_type() -> None:
    keys = pd.Series(["p2", "p1", "p2", "p3"], dtype=object)
    fast, plain = Codebook(), Codebook()
    assert fast.encode_text(keys).tolist() == plain.encode(as_text(keys)).tolist() == [0, 1, 0, 2]
    mixed = pd.Series([1, "1", 2.5], dtype=object)  # as_text makes 1 and "1" one key
    assert Codebook().encode_text(mixed).tolist() == Codebook().encode(as_text(mixed)).tolist()
    assert Codebook().encode_text(mixed).tolist() == [0, 0, 1]


def test_person_keys_stripped_per_category() -> None:
    values = pd.Series(pd.Categorical([" p1", "p2 ", None, " p1", "  ", "\x1cp3\u3000"]))
    keys, mask = _clean_keys(values)
    assert keys.tolist() == ["p1", "p2", None, "p1", None, "p3"]
    assert mask.tolist() == [True, True, False, True, False, True]


def _split_address_unguarded(value: str) -> tuple[str, str]:
    """split_address with every rewrite applied, whether its characters are there or not."""
    text = V.nfkc(value)
    if not text:
        return "", ""
    text = V._SPACES.sub(" ", text)  # (split_address does it only for cells of two lines)
    text = V._house_numbers(text)
    text = V._NO_BETWEEN.sub("-", text)
    text = V._DIGIT_HYPHEN.sub("-", text)
    text = V._CHOME.sub("-", text)
    text = V._BANCHI.sub("-", text)
    text = V._BAN.sub("-", text)
    text = V._ROOM.sub("", text)
    text = V._GO.sub("", text)
    text = V._DASH_GAP.sub(lambda m: " " if m.end() < len(text) else "", text)
    match = V._STREET.match(text)
    street, rest = (match.group(1), match.group(2)) if match else (text, "")
    street = V._AZA.sub("", V._SPACES.sub("", street).replace("大字", ""))
    street = V._KE.sub("ケ", V._PREFECTURE.sub("", street))
    building = V._KE.sub("ケ", V._SPACES.sub("", rest).lstrip("-,、"))
    room = V._ROOM_TAIL.match(street)
    if not building and room:
        street, building = room.group(1), room.group(2)
    return street.casefold(), building.casefold()


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_ADDRESS_CHARS, max_size=20))
def test_split_address_guards_change_nothing(value: str) -> None:
    assert split_address(value) == _split_address_unguarded(value)


def test_address_rules_still_apply_with_their_guards() -> None:
    assert split_address("光陽市本町二十三番地四号 コーポ光陽101号室") == (
        "光陽市本町23-4",
        "コーポ光陽101",
    )
    assert split_address("光陽市本町1－2ー3") == ("光陽市本町1-2-3", "")
    assert split_address("光陽市本町1の2") == ("光陽市本町1-2", "")
    assert split_address("光陽市本町3番5号") == ("光陽市本町3-5", "")


def test_value_shape_guards_keep_every_shape() -> None:
    assert value_shape("a@b.jp") == "email"
    assert value_shape("〒1234567") == value_shape("123-4567") == "postal_code"
    assert value_shape("１２３４ ５６７８ ９０１２") == "my_number"  # full width: NFKC first
    assert value_shape("+81 90-1234-5678") == value_shape("０９０-１２３４-５６７８") == "phone"
    assert value_shape("٣٣٣٣٣٣٣٣٣٣٣٣") == "my_number"  # any decimal digit, as \d reads it


def test_a_long_value_is_text_whatever_it_holds() -> None:
    """A free-text cell holding an address-like run (which the address pattern would scan in
    time quadratic in its length) is text; the same address alone is an address."""
    address = "東京都" + "あ" * 30 + "1-2-3"
    assert value_shape(address) == "address"
    assert value_shape(address + "い" * 300) == "text"
    assert value_shape("あ" * 100_000) == "text"


@settings(deadline=None)
@given(
    st.lists(st.integers(0, 40), max_size=25),
    st.lists(st.integers(0, 40), max_size=25),
)
def test_shared_positions_is_intersect1d(left: list[int], right: list[int]) -> None:
    x = _copy(sorted(set(left)), [0] * len(set(left)), [(0, 0)])
    y = _copy(sorted(set(right)), [0] * len(set(right)), [(0, 0)])
    want = np.intersect1d(x.keys, y.keys, assume_unique=True, return_indices=True)[1:]
    got = shared_positions(x, y)
    assert [g.tolist() for g in got] == [w.tolist() for w in want]


_CELLS = st.sampled_from(
    ["", " ", "S55.3.2", "1980-03-02", "2024/4/1", "光陽 太郎", "髙橋花子", "コウヨウ タロウ",
     "光陽市本町1-2-3", "090-1234-5678", "1234 5678 9012", "男", "A-1", "要介護3", "12"]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), _CELLS), min_size=1, max_size=60), st.integers(3, 40))
def test_profile_of_coded_column_is_profile_column(cells: list[str | None], size: int) -> None:
    values = pd.Series(cells, dtype="string")
    stamps = pd.Series(pd.date_range("2024-04-01", periods=len(cells), freq="D"))
    coded = coded_values(values)
    kept = non_empty(values, mask=coded.mask)
    if kept.empty:
        return
    plain = profile_column(kept, stamps.iloc[kept.index.to_numpy()], "生年月日", sample_size=size)
    fast = _profile_coded(coded, stamps, "生年月日", sample_size=size)
    assert fast == plain


def test_profile_of_coded_dates_reads_birth_dates_from_the_date_values_only() -> None:
    # 60 % birth dates; 40 % recent stamps with a time, read as dates but not of the
    # date shape: only the former say whether the column holds birth dates
    births = [f"S{y}.3.2" for y in range(20, 50)]
    recent = [f"R6.3.{d} 9時30分" for d in range(1, 21)]
    values = pd.Series(births + recent + [" ", None], dtype="string")
    stamps = pd.Series(pd.Timestamp("2024-04-01"), index=range(len(values)))
    fast = _profile_coded(coded_values(values), stamps, "日付", sample_size=2000)
    kept = non_empty(values)
    plain = profile_column(kept, stamps.iloc[kept.index.to_numpy()], "日付", sample_size=2000)
    assert fast == plain
    assert fast[:2] == ("birth_date", "date")
