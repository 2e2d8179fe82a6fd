"""Value normalisation used to compare copies of a field held by different systems."""

from __future__ import annotations

import pytest

from procmine.text.values import (
    addresses_equal,
    kanji_number,
    normalize_address,
    normalize_amount,
    normalize_bank,
    normalize_date,
    normalize_digits,
    normalize_kana,
    normalize_many,
    normalize_name,
    normalize_phone,
    normalize_sex,
    normalize_text,
    normalizer_for,
    split_address,
)

SAME_ADDRESS = [
    "光陽市本町1-2-3",
    "光陽市本町一丁目2番3号",
    "光陽市本町１丁目２番地３",
    "光陽市本町1丁目2番地の3",
    "光陽市本町 1－2－3",
    "光陽市本町1ー2ー3",
    "光陽市本町1−2−3",
    "光陽市本町1の2の3",
    "〇〇県光陽市本町1-2-3",
    "本町1-2-3",
]


@pytest.mark.parametrize("variant", SAME_ADDRESS)
def test_address_notation_variants_are_equal(variant: str) -> None:
    assert addresses_equal(normalize_address(variant), normalize_address(SAME_ADDRESS[0]))


@pytest.mark.parametrize(
    "a, b",
    [
        ("光陽市本町1-2-3", "光陽市本町1-2-4"),
        ("光陽市本町1-2-3", "光陽市新町1-2-3"),
        ("光陽市本町1-2-3 コーポ101", "光陽市本町1-2-3 コーポ201"),
        ("光陽市本町1-2-3", "光陽市本町1-2"),
        ("光陽市本町1-2-3", ""),
    ],
)
def test_different_addresses_stay_different(a: str, b: str) -> None:
    assert not addresses_equal(normalize_address(a), normalize_address(b))


def test_missing_kata_is_a_format_difference() -> None:
    full = normalize_address("光陽市本町一丁目2番3号 メゾン光陽 203号室")
    bare = normalize_address("光陽市本町1-2-3")
    assert full != bare
    assert addresses_equal(full, bare)
    assert split_address("光陽市本町一丁目2番3号 メゾン光陽 203号室") == (
        "光陽市本町1-2-3",
        "メゾン光陽203",
    )


def test_address_ke_variants_and_kanji_tens() -> None:
    variants = ["霞ヶ丘二十三番地", "霞ケ丘23番地", "霞が丘２３", "霞ヵ丘23"]
    keys = {normalize_address(v) for v in variants}
    assert keys == {"霞ケ丘23|"}


def test_building_ke_variants_are_notation() -> None:
    a = normalize_address("光陽市本町1-2-3 メゾン桜ヶ丘 101号室")
    b = normalize_address("光陽市本町一丁目2番3号 メゾン桜ケ丘101")
    assert a == b


def test_place_name_numerals_are_kept() -> None:
    # 三田 and 八王子 are place names, not house numbers
    assert split_address("八王子市三田町2-1")[0] == "八王子市三田町2-1"


@pytest.mark.parametrize(
    "text, value",
    [("一", 1), ("十", 10), ("十五", 15), ("二十三", 23), ("百二", 102), ("三〇五", 305)],
)
def test_kanji_number(text: str, value: int) -> None:
    assert kanji_number(text) == value


@pytest.mark.parametrize(
    "a, b",
    [
        ("髙橋 太郎", "高橋太郎"),
        ("山﨑　花子", "山崎 花子"),
        ("渡邊 一", "渡辺 一"),
        ("渡邉 一", "渡辺 一"),
        ("齋藤 誠", "斎藤 誠"),
        ("齊藤 誠", "斎藤 誠"),
        ("澤田 清", "沢田 清"),
        ("濱田 清", "浜田 清"),
        ("國分 清", "国分 清"),
        ("佐佐木 健", "佐々木 健"),
        ("ＳＭＩＴＨ Ｊｏｈｎ", "smith john"),
    ],
)
def test_name_variants_are_equal(a: str, b: str) -> None:
    assert normalize_name(a) == normalize_name(b)


def test_different_names_stay_different() -> None:
    assert normalize_name("高橋 太郎") != normalize_name("高橋 次郎")
    assert normalize_name("田中 花子") != normalize_name("鈴木 花子")  # old surname is real


@pytest.mark.parametrize(
    "a, b",
    [
        ("タカハシ タロウ", "たかはし たろう"),
        ("ﾀｶﾊｼ ﾀﾛｳ", "タカハシ　タロウ"),
        ("サトウ", "サトー"),
        ("チヂワ", "チジワ"),
        ("ミツヅカ", "ミツズカ"),
        ("キョウコ", "キヨウコ"),
        ("ユウキ", "ユーキ"),
        ("ケイコ", "ケーコ"),
    ],
)
def test_kana_variants_are_equal(a: str, b: str) -> None:
    assert normalize_kana(a) == normalize_kana(b)


def test_different_kana_stay_different() -> None:
    assert normalize_kana("タカハシ") != normalize_kana("タカハタ")


def test_phone_digits() -> None:
    assert normalize_phone("090-1234-5678") == normalize_phone("０９０（１２３４）５６７８")
    assert normalize_phone("+81-90-1234-5678") == "09012345678"
    assert normalize_phone("03-1234-5678") != normalize_phone("090-1234-5678")


def test_dates_all_forms_to_iso() -> None:
    forms = [
        "1980-03-02",
        "1980/3/2",
        "1980年3月2日",
        "昭和55年3月2日",
        "S55.3.2",
        "Ｓ５５．３．２",
    ]
    assert {normalize_date(f) for f in forms} == {"1980-03-02"}
    assert normalize_date("令和元年5月1日") == "2019-05-01"
    assert normalize_date("R8.4.1") == "2026-04-01"
    assert normalize_date("") == ""
    assert normalize_many(forms + ["?"], "birth_date") == ["1980-03-02"] * len(forms) + [""]


def test_my_number_digits() -> None:
    assert normalize_digits("1234-5678-9012") == normalize_digits("１２３４ ５６７８ ９０１２")
    assert normalizer_for("my_number")("1234 5678 9012") == "123456789012"


def test_bank_account_notation() -> None:
    a = normalize_bank("光陽銀行 本店 普通 1234567 コウヨウ タロウ")
    b = normalize_bank("光陽銀行株式会社/本店/普通預金/1234567/ｺｳﾖｳ ﾀﾛｰ")
    assert a == b
    assert normalize_bank("光陽銀行 本店 普通 7654321 コウヨウ タロウ") != a


def test_amount_sex_text() -> None:
    assert normalize_amount("1,234,000円") == normalize_amount("１２３４０００") == "1234000"
    assert normalize_sex("男") == normalize_sex("男性") == normalize_sex("1") == "M"
    assert normalize_sex("女") == normalize_sex("F") == "F"
    assert normalize_text(" 要介護 ３") == normalize_text("要介護3")


def test_empty_values_normalise_to_empty() -> None:
    for ftype in ["name", "kana", "address", "phone", "my_number", "bank_account", "text"]:
        assert normalizer_for(ftype)("  ") == ""
