"""Normalising the values of personal-data fields so that copies held by different systems
can be compared: addresses, names, kana, dates, phone numbers, bank accounts and numbers.

Every function here is pure and works on one value (``str`` in, ``str`` out; the empty
string means "no usable value"). Two values are the *same data* when their normalised
forms are equal, except for addresses, which are compared with :func:`addresses_equal`
because a missing 方書 (building and room) is a format difference, not a different address.

What counts as a format difference (and is therefore removed here):

* everywhere: Unicode NFKC (full/half width), spaces, case;
* addresses: 丁目・番地・番・号・の ↔ hyphen, 漢数字 house numbers (``二十三番`` → ``23-``),
  ヶ/ケ/が/ヵ, hyphen look-alikes, a leading prefecture, ``大字``, ``号室``;
  the 方書 is kept after a ``|`` (see :func:`split_address`);
* names: old and variant kanji (髙→高, 﨑→崎, 邊/邉→辺, 齋/齊→斎, 澤→沢 …), ``々`` repeats;
* kana: hiragana ↔ katakana, small kana, ヂ/ヅ ↔ ジ/ズ, ヲ/ヴ, long vowels (ー, オウ/オオ, エイ);
* phone numbers, 個人番号, postal codes: digits only (``+81`` → ``0``);
* dates: any form :func:`procmine.io.timestamps.parse_date` reads (ISO, ``YYYY/MM/DD``,
  ``年月日``, 和暦 such as ``S55.3.2``) → ISO ``YYYY-MM-DD``;
* amounts: digits (``1,234円`` → ``1234``, ``12万円`` → ``120000``);
* sex: ``M`` / ``F`` (男/男性/1/male …).

Examples
--------
>>> normalize_address("光陽市本町一丁目2番3号 コーポ光陽101号室")
'光陽市本町1-2-3|コーポ光陽101'
>>> addresses_equal(normalize_address("光陽市本町1－2－3"),
...                 normalize_address("光陽市本町一丁目２番地３ コーポ光陽101"))
True
>>> normalize_name("髙橋　太郎") == normalize_name("高橋 太郎")
True
>>> normalize_kana("ﾀｶﾊｼ ﾀﾛｰ") == normalize_kana("たかはし たろう")
True
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

__all__ = [
    "BANK_PARTS",
    "NORMALIZERS",
    "addresses_equal",
    "banks_equal",
    "kanji_number",
    "nfkc",
    "normalize_address",
    "normalize_amount",
    "normalize_bank",
    "normalize_date",
    "normalize_digits",
    "normalize_kana",
    "normalize_many",
    "normalize_name",
    "normalize_phone",
    "normalize_sex",
    "normalize_text",
    "normalizer_for",
    "split_address",
    "split_bank",
    "values_equal",
]

_SPACES = re.compile(r"[\s\u3000]+")


def nfkc(value: str) -> str:
    """NFKC-normalise and strip ``value``.

    >>> nfkc("　ＡＢＣ１２３ ")
    'ABC123'
    """
    return unicodedata.normalize("NFKC", value).strip()


def normalize_text(value: str) -> str:
    """Generic normalisation: NFKC, no spaces, case-folded.

    >>> normalize_text(" 要介護 ３ ")
    '要介護3'
    >>> normalize_text("Yes") == normalize_text("ＹＥＳ")
    True
    """
    return _SPACES.sub("", nfkc(value)).casefold()


# ---------------------------------------------------------------------------------------
# numbers written in kanji

_KANJI_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9, "壱": 1, "弐": 2, "参": 3,
}  # fmt: skip
_KANJI_UNITS = {"十": 10, "拾": 10, "百": 100, "千": 1000}
_KANJI_NUMERAL = "〇零一二三四五六七八九壱弐参十拾百千"


def kanji_number(text: str) -> int | None:
    """The value of a number written in kanji, or ``None``.

    Both positional (``二〇三`` → 203) and unit forms (``二十三`` → 23, ``百五`` → 105)
    are read.

    >>> kanji_number("二十三"), kanji_number("十"), kanji_number("二〇三"), kanji_number("千百十一")
    (23, 10, 203, 1111)
    >>> kanji_number("三田") is None
    True
    """
    if not text or any(ch not in _KANJI_DIGITS and ch not in _KANJI_UNITS for ch in text):
        return None
    if not any(ch in _KANJI_UNITS for ch in text):
        return int("".join(str(_KANJI_DIGITS[ch]) for ch in text))
    total, digit = 0, None
    for ch in text:
        if ch in _KANJI_DIGITS:
            digit = _KANJI_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _KANJI_UNITS[ch]
            digit = None
    return total + (digit or 0)


# ---------------------------------------------------------------------------------------
# addresses

_HYPHENS = "-‐‑‒–—―−ー－ｰ﹣"
_PREFECTURE = re.compile(r"^(?:東京都|北海道|(?:京都|大阪)府|[^\d都道府県市区町村郡]{2,3}県)")
_KANJI_HOUSE_NUMBER = re.compile(rf"([{_KANJI_NUMERAL}]+)(?=丁目|番地|番|号|の|[{_HYPHENS}]|$)")
_DIGIT_HYPHEN = re.compile(rf"(?<=\d)\s*[{_HYPHENS}]\s*(?=\d)")
_NO_BETWEEN = re.compile(r"(?<=\d)[の之ノ](?=\d)")
# 丁目・番地・番・号 after a number: the number is kept (a look-behind rather than a
# group, so that ``sub`` replaces with a literal string, without a template per match)
_CHOME = re.compile(r"(?<=\d)\s*丁目\s*")
_BANCHI = re.compile(r"(?<=\d)\s*番地\s*(?:の\s*)?")
_BAN = re.compile(r"(?<=\d)\s*番\s*(?:の\s*)?")
_GO = re.compile(r"(?<=\d)\s*号(?!室)")
_ROOM = re.compile(r"(?<=\d)\s*号室")
# any one of these characters (a search for one character of a set is faster than a set
# operation on the text's characters)
_KANJI_NUMERAL_ANY = re.compile(f"[{re.escape(_KANJI_NUMERAL)}]")
_NO_ANY = re.compile("[の之ノ]")
_HYPHEN_ANY = re.compile(f"[{re.escape(_HYPHENS)}]")
_DASH_GAP = re.compile(r"-\s*(?=\D|$)")
_NON_DIGITS = re.compile(r"\D")
_STREET = re.compile(r"^(\D*?\d+(?:-\d+)*)(.*)$")
_KE = re.compile(r"[ヶケがヵガヶ]")
#: 字 marking a 小字 between two place names (大字磯部字東浦), or at the start once 大字 is
#: gone: a notation, left out by many systems.
_AZA = re.compile(r"(?:^|(?<=[\u4e00-\u9fff々ヶケ]))字(?=[\u4e00-\u9fff々ヶケァ-ヺ])")
#: A room number written as a fourth house number (潮見1-13-10-201): the 方書 without the
#: building's name.
_ROOM_TAIL = re.compile(r"^(.*\d+-\d+-\d+)-(\d{3,4})$")


def _house_numbers(text: str) -> str:
    """Kanji numerals in the house-number part written as digits."""

    def repl(match: re.Match[str]) -> str:
        number = kanji_number(match.group(1))
        return match.group(0) if number is None else str(number)

    # Only convert a kanji number that is not the end of a place name: it must be
    # preceded by a place-name boundary (start, digit, 町/目/ etc.) – we accept any
    # preceding character except another kanji numeral (handled by the greedy match).
    return _KANJI_HOUSE_NUMBER.sub(repl, text)


def split_address(value: str) -> tuple[str, str]:
    """Split an address into its normalised street part and its 方書 (building, room).

    >>> split_address("東京都千代田区霞が関一丁目２番地の３　〇〇ビル５０１号室")
    ('千代田区霞ケ関1-2-3', '〇〇ビル501')
    >>> split_address("光陽市本町二十三番地")
    ('光陽市本町23', '')
    >>> split_address("大字光陽 1234-5")
    ('光陽1234-5', '')
    >>> split_address("大字磯部字東浦1098番地"), split_address("潮見1-13-10-201")
    (('磯部東浦1098', ''), ('潮見1-13-10', '201'))
    >>> split_address("南浦市汐見台1丁目21番20号\\nハイツ汐見 404")  # 方書 on a line of its own
    ('南浦市汐見台1-21-20', 'ハイツ汐見404')
    """
    text = nfkc(value)
    if not text:
        return "", ""
    if "\n" in text or "\r" in text:  # a cell of two lines: the 方書 on the second
        text = _SPACES.sub(" ", text)
    # Each rewrite runs only when its fixed character is in the text: without it the
    # pattern cannot match, and most addresses skip most rewrites.
    if _KANJI_NUMERAL_ANY.search(text):
        text = _house_numbers(text)
    if _NO_ANY.search(text):
        text = _NO_BETWEEN.sub("-", text)
    if _HYPHEN_ANY.search(text):
        text = _DIGIT_HYPHEN.sub("-", text)
    if "丁目" in text:
        text = _CHOME.sub("-", text)
    if "番" in text:
        if "番地" in text:
            text = _BANCHI.sub("-", text)
        text = _BAN.sub("-", text)
    if "号" in text:
        if "号室" in text:
            text = _ROOM.sub("", text)
        text = _GO.sub("", text)
    if "-" in text:
        text = _DASH_GAP.sub(lambda m: " " if m.end() < len(text) else "", text)
    match = _STREET.match(text)
    street, rest = (match.group(1), match.group(2)) if match else (text, "")
    street = _SPACES.sub("", street).replace("大字", "")
    if "字" in street:
        street = _AZA.sub("", street)
    street = _PREFECTURE.sub("", street)
    street = _KE.sub("ケ", street)
    building = _KE.sub("ケ", _SPACES.sub("", rest).lstrip("-,、"))
    if not building:
        room = _ROOM_TAIL.match(street)
        if room:
            street, building = room.group(1), room.group(2)
    return street.casefold(), building.casefold()


def normalize_address(value: str) -> str:
    """An address as ``street|building`` (see :func:`split_address`); compare two with
    :func:`addresses_equal`.

    >>> normalize_address("光陽市本町１丁目２－３")
    '光陽市本町1-2-3|'
    >>> normalize_address("光陽市 本町1-2-3 ｺｰﾎﾟ光陽 101")
    '光陽市本町1-2-3|コーポ光陽101'
    """
    street, building = split_address(value)
    if not street and not building:
        return ""
    return f"{street}|{building}"


_CITY_END = re.compile(r"[都道府県市区町村郡]$")
#: A county or a ward an address starts with (日和郡, 北区), followed by a place name.
_COUNTY = re.compile(r"^[^\d\-]{1,5}?郡(?=[^\d\-]{2})")
_WARD = re.compile(r"^[^\d\-]{1,4}?区(?=[^\d\-]{2})")
#: A municipality that is a town or village (こはる町), of three characters or more, followed by
#: a place name (汐見町1-15-5 is a town of the city, not a municipality).
_LEADING_TOWN = re.compile(r"^[^\d\-]{2,5}[町村](?=[^\d\-]{2})")


def _city_ends(street: str) -> list[int]:
    """Where a city's name may end in ``street`` (the index after its 市): a 市 among its first
    characters that is not the first character, not followed by another 市 (四日市市 ends at the
    second) and followed by a place name of two characters or more, not a number (市場, 五日市町1
    are no city)."""
    return [
        k + 1
        for k, c in enumerate(street[:8])
        if c == "市"
        and k > 0
        and street[k + 1 : k + 2] != "市"
        and len(rest := street[k + 1 : k + 3]) == 2
        and not any(ch.isdigit() or ch == "-" for ch in rest)
    ]


def address_key(normalised: str) -> str:
    """The part of a normalised address (:func:`normalize_address`) that places a resident
    within one city however the address is written: the street without the building and
    without the units it starts with (county, city, ward, or the town that is the
    municipality), for linking residents by name and address.

    >>> address_key("こはる町西原40-1|"), address_key("西原40-1|メゾン桜川102")
    ('西原40-1', '西原40-1')
    >>> address_key("日和郡こはる町西原40-1|"), address_key("ゆうひ市汐見町1-15-5|")
    ('西原40-1', '汐見町1-15-5')
    >>> address_key("町田市原町田1-1|"), address_key("四日市市諏訪町1-5|"), address_key("光陽市西本町通1-2|")
    ('原町田1-1', '諏訪町1-5', '西本町通1-2')
    >>> address_key("光陽市東市場1-2|"), address_key("京都市中京区河原町通1-2|"), address_key("光陽市|")
    ('東市場1-2', '河原町通1-2', '')
    """
    street = normalised.partition("|")[0]
    if county := _COUNTY.match(street):
        street = street[county.end() :]
    ends = _city_ends(street)
    if ends:
        street = street[ends[0] :]
    if ward := _WARD.match(street):
        street = street[ward.end() :]
    if not ends and (town := _LEADING_TOWN.match(street)):
        street = street[town.end() :]
    return "" if not any(c.isdigit() for c in street) else street


def _after_city(street: str) -> set[str]:
    """What may follow the city's name in ``street`` (see :func:`_city_ends`)."""
    return {street[k:] for k in _city_ends(street)}


def _same_building(x: str, y: str) -> bool:
    """Equal, or one is the other's room number alone (the building's name left out)."""
    if x == y:
        return True
    room, full = (x, y) if len(x) <= len(y) else (y, x)
    return room.isdigit() and full.endswith(room) and not full[-len(room) - 1].isdigit()


def addresses_equal(a: str, b: str) -> bool:
    """Whether two normalised addresses (:func:`normalize_address`) are the same place.

    The streets must be equal, or one must end with the other after a prefix that ends
    with 都道府県市区町村郡 (``光陽市本町1-2`` = ``本町1-2``). The buildings must be equal
    unless one is missing: an omitted 方書 is a format difference, and so is a room number
    written without the building's name (``201`` for ``グランシーサイド201``).

    >>> addresses_equal("光陽市本町1-2-3|コーポ101", "本町1-2-3|")
    True
    >>> addresses_equal("光陽市本町1-2-3|コーポ101", "光陽市本町1-2-3|コーポ202")
    False
    >>> addresses_equal("光陽市本町1-2-3|", "光陽市本町1-2-4|")
    False
    >>> addresses_equal("潮見1-13-10|201", "潮見1-13-10|グランシーサイド201")
    True
    >>> addresses_equal("潮見1-13-10|201", "潮見1-13-10|グランシーサイド1201")
    False

    The municipality may be spelled two ways; what follows it must then be equal:

    >>> addresses_equal("夕日市汐見町1-15-5|", "ゆうひ市汐見町1-15-5|")
    True
    >>> addresses_equal("夕日市汐見町1-15-5|", "ゆうひ市汐見町1-15-6|")
    False
    >>> addresses_equal("四日市市諏訪町1-5|", "よっかいち市諏訪町1-5|")
    True

    Two wards, or two towns of one city, are two places:

    >>> addresses_equal("北区本町1-2|", "南区本町1-2|"), addresses_equal("本町通1-2|", "大町通1-2|")
    (False, False)
    >>> addresses_equal("東市場1-2|", "西市場1-2|"), addresses_equal("光陽市北区市場1-2|", "光陽市南区市場1-2|")
    (False, False)
    >>> addresses_equal("五日市町3-1|", "廿日市町3-1|")
    False
    """
    if a == b:
        return True
    if not a or not b:
        return False
    street_a, _, building_a = a.partition("|")
    street_b, _, building_b = b.partition("|")
    if building_a and building_b and not _same_building(building_a, building_b):
        return False
    if street_a == street_b:
        return True
    short, long = (street_a, street_b) if len(street_a) <= len(street_b) else (street_b, street_a)
    if short and long.endswith(short) and _CITY_END.search(long[: len(long) - len(short)]):
        return True
    # the city spelled two ways (夕日市 / ゆうひ市, a merged city's old name): within one city's
    # systems it tells no resident apart, what follows it must agree
    return bool(_after_city(street_a) & _after_city(street_b))


# ---------------------------------------------------------------------------------------
# names and kana

#: Old and variant kanji found in names, mapped to the form used for comparison.
KANJI_VARIANTS: dict[str, str] = {
    "髙": "高", "﨑": "崎", "嵜": "崎", "碕": "崎", "𥔎": "崎", "邊": "辺", "邉": "辺",
    "齋": "斎", "齊": "斎", "斉": "斎", "澤": "沢", "濱": "浜", "濵": "浜", "國": "国",
    "廣": "広", "槇": "槙", "冨": "富", "櫻": "桜", "萬": "万", "瀨": "瀬", "德": "徳",
    "惠": "恵", "龍": "竜", "藏": "蔵", "眞": "真", "圓": "円", "實": "実", "壽": "寿",
    "條": "条", "檜": "桧", "嶋": "島", "嶌": "島", "峯": "峰", "巖": "巌", "來": "来",
    "傳": "伝", "黑": "黒", "淺": "浅", "關": "関", "驒": "騨", "曾": "曽", "彌": "弥",
    "榮": "栄", "﨔": "欅", "栁": "柳", "桒": "桑", "逹": "達", "靑": "青",
    "瑤": "瑶", "莊": "荘", "增": "増", "稻": "稲", "錢": "銭", "縣": "県", "會": "会",
    "鐵": "鉄", "聰": "聡", "晉": "晋", "橫": "横", "兒": "児", "邨": "村",
    "亞": "亜", "惡": "悪", "壹": "壱", "舘": "館", "籠": "篭", "凜": "凛", "髮": "髪",
    "渕": "淵", "渊": "淵", "鷗": "鴎", "劍": "剣", "莖": "茎", "兩": "両",
}  # fmt: skip
_VARIANT_TABLE = str.maketrans(KANJI_VARIANTS)
_NAME_PUNCT = re.compile(r"[\s\u3000・･.,、，]+")


def normalize_name(value: str) -> str:
    """A personal name for comparison: NFKC, variant kanji unified, no spaces.

    >>> normalize_name("髙﨑　美穂")
    '高崎美穂'
    >>> normalize_name("渡邊 太郎") == normalize_name("渡辺太郎") == normalize_name("渡邉 太郎")
    True
    >>> normalize_name("佐佐木 一郎") == normalize_name("佐々木 一郎")
    True
    """
    text = _NAME_PUNCT.sub("", nfkc(value)).translate(_VARIANT_TABLE)
    out: list[str] = []
    for ch in text:
        out.append(out[-1] if ch in "々〻" and out else ch)
    return "".join(out).casefold()


_SMALL_KANA = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")
_VOICED_SAME = str.maketrans(
    {"ヂ": "ジ", "ヅ": "ズ", "ヲ": "オ", "ヴ": "ブ", "ヰ": "イ", "ヱ": "エ"}
)
_VOWELS = {
    **dict.fromkeys("アカガサザタダナハバパマヤャラワ", "ア"),
    **dict.fromkeys("イキギシジチヂニヒビピミリヰ", "イ"),
    **dict.fromkeys("ウクグスズツヅヌフブプムユュルヴ", "ウ"),
    **dict.fromkeys("エケゲセゼテデネヘベペメレヱ", "エ"),
    **dict.fromkeys("オコゴソゾトドノホボポモヨョロヲ", "オ"),
}
_LONG_AFTER = {"ア": "ア", "イ": "イ", "ウ": "ウ", "エ": "エイ", "オ": "オウ"}


def _to_katakana(text: str) -> str:
    return "".join(chr(ord(ch) + 0x60) if "ぁ" <= ch <= "ゖ" else ch for ch in text)


def normalize_kana(value: str) -> str:
    """A kana name for comparison: katakana, full-size, no long vowels or spaces.

    Long vowels are dropped whether written ``ー``, ``ウ`` after an o-sound (``サトウ`` =
    ``サトー``), ``オ`` after an o-sound or ``イ`` after an e-sound; ``ヂ``/``ヅ`` are read
    as ``ジ``/``ズ`` and small kana as full-size ones.

    >>> normalize_kana("サトウ　ユウコ"), normalize_kana("さとー ゆーこ")
    ('サトユコ', 'サトユコ')
    >>> normalize_kana("ﾁﾂﾞｺ") == normalize_kana("チズコ")
    True
    >>> normalize_kana("キョウコ") == normalize_kana("キヨコ")
    True
    """
    text = _to_katakana(_SPACES.sub("", nfkc(value))).replace("・", "")
    text = text.translate(_SMALL_KANA).translate(_VOICED_SAME)
    out: list[str] = []
    previous_vowel = ""
    for ch in text:
        if ch == "ー" or (previous_vowel and ch in _LONG_AFTER.get(previous_vowel, "")):
            continue  # a long vowel: drop it
        out.append(ch)
        previous_vowel = _VOWELS.get(ch, "")
    return "".join(out).casefold()


# ---------------------------------------------------------------------------------------
# numbers, dates, categories


def normalize_phone(value: str) -> str:
    """Digits of a phone number; an international ``+81`` prefix becomes ``0``.

    >>> normalize_phone("０９０－１２３４－５６７８"), normalize_phone("+81 90 1234 5678")
    ('09012345678', '09012345678')
    >>> normalize_phone("(0123) 45-6789")
    '0123456789'
    """
    text = nfkc(value)
    digits = _NON_DIGITS.sub("", text)
    if text.startswith("+81") or (text.startswith("81") and len(digits) in (11, 12)):
        digits = "0" + digits[2:]
    return digits


def normalize_digits(value: str) -> str:
    """Only the digits (個人番号, postal codes, ID numbers).

    >>> normalize_digits("１２３４ ５６７８ ９０１２"), normalize_digits("〒123-4567")
    ('123456789012', '1234567')
    """
    return _NON_DIGITS.sub("", nfkc(value))


@lru_cache(maxsize=65536)
def normalize_date(value: str) -> str:
    """A date as ISO ``YYYY-MM-DD`` (和暦 included); ``""`` when it cannot be read.

    >>> normalize_date("S55.3.2"), normalize_date("昭和55年3月2日"), normalize_date("1980/03/02")
    ('1980-03-02', '1980-03-02', '1980-03-02')
    >>> normalize_date("19800302"), normalize_date("不明")
    ('1980-03-02', '')
    """
    from procmine.io.timestamps import parse_date

    parsed = parse_date(_expand_compact_date(value))
    return excel_day(value) if parsed is None else parsed.isoformat()


_EXCEL_DAY = re.compile(r"^\s*([1-5]\d{4})(?:\.0+)?\s*$")


def excel_day(value: str) -> str:
    """An Excel serial day number of five digits (10000 … 59999: 1927-05-18 … 2064-04-07),
    what a sheet saves for a date cell not formatted as one, as ISO ``YYYY-MM-DD``; ``""``
    for anything else (years, amounts, ids of other lengths).

    >>> excel_day("19259"), excel_day("46113"), excel_day("1980"), excel_day("123456")
    ('1952-09-22', '2026-04-01', '', '')
    """
    from procmine.io.timestamps import EXCEL_EPOCH

    match = _EXCEL_DAY.match(nfkc(value))
    if not match:
        return ""
    day = EXCEL_EPOCH + _dt.timedelta(days=int(match.group(1)))
    return day.isoformat()


_COMPACT_DATE = re.compile(r"^\s*((?:18|19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\s*$")


def _expand_compact_date(value: str) -> str:
    """``19800302`` → ``1980-03-02`` (eight digits read as YYYYMMDD); others unchanged."""
    match = _COMPACT_DATE.match(nfkc(value))
    return "-".join(match.groups()) if match else value


_AMOUNT = re.compile(r"^([-−▲△]?)\s*[¥￥]?\s*(\d[\d,]*(?:\.\d+)?)\s*(百万|万|千)?\s*円?$")


def normalize_amount(value: str) -> str:
    """An amount of money as an integer string; other text is returned as
    :func:`normalize_text`.

    >>> normalize_amount("1,234,000円"), normalize_amount("￥１２３４"), normalize_amount("12万円")
    ('1234000', '1234', '120000')
    >>> normalize_amount("▲500"), normalize_amount(",")
    ('-500', ',')
    """
    text = nfkc(value).replace(" ", "")
    match = _AMOUNT.match(text)
    if not match:
        return normalize_text(value)
    sign, number, unit = match.groups()
    scale = {"百万": 1_000_000, "万": 10_000, "千": 1_000}.get(unit or "", 1)
    amount = float(number.replace(",", "")) * scale
    return ("-" if sign else "") + str(round(amount))


_SEX = {
    "男": "M", "男性": "M", "m": "M", "male": "M", "1": "M", "おとこ": "M",
    "女": "F", "女性": "F", "f": "F", "female": "F", "2": "F", "おんな": "F",
}  # fmt: skip


def normalize_sex(value: str) -> str:
    """``M`` or ``F`` (住基 codes 1/2 included); other values as :func:`normalize_text`.

    >>> normalize_sex("男性"), normalize_sex("Ｆ"), normalize_sex("2")
    ('M', 'F', 'F')
    """
    text = normalize_text(value)
    return _SEX.get(text, text)


#: The parts of a bank account, in the order of :func:`normalize_bank`'s output.
BANK_PARTS: tuple[str, ...] = ("institution", "branch", "type", "number", "holder")

_SEPARATORS = r"[\s/|,、・:：]"
_INSTITUTION = re.compile(
    r"[^\s/|,、・:：]*?(?:銀行|信用金庫|信金|信用組合|信組|労働金庫|労金|農業協同組合|農協|漁協|"
    r"ゆうちょ|JA[^\s/|,、・:：\d]*|バンク)"
)
_BRANCH = re.compile(r"[^\s/|,、・:：\d]*?(?:支店|本店|出張所|営業部|支所|店)(?![^\s/|,、・:：])")
#: A branch written as its three-digit branch code (217支店).
_BRANCH_CODE = re.compile(r"(?<!\d)(\d{3})(?:支店|店)(?![^\s/|,、・:：])")
_ACCOUNT_TYPE = re.compile(r"(普通|当座|貯蓄|総合)(?:預金)?")
_ACCOUNT_NUMBER = re.compile(r"(?<!\d)\d{4,8}(?:-\d{1,8})?(?!\d)")
#: An account in 全銀 codes: institution code (4 digits), branch code (3), the type's
#: digit (1 普通, 2 当座, 4 貯蓄; may be left out) and the number (7), with or without
#: separators (0005-371-1910250, 000539316314905).
_ZENGIN = re.compile(
    r"(?<!\d)(\d{4})[-\s/]?(\d{3})[-\s/]?(?:([124])|[-\s/]*(普通|当座|貯蓄)(?:預金)?)?"
    r"[-\s/]*(\d{7})(?!\d)"
)
#: Account types written in kana (a mainframe's half-width ﾌﾂｳ, after NFKC).
_KANA_TYPES = (("フツウ", "普通"), ("トウザ", "当座"), ("チョチク", "貯蓄"))
_ZENGIN_TYPES = {"1": "普通", "2": "当座", "4": "貯蓄"}
#: Institutions and branches written as codes start with this mark; a code and a name
#: cannot be compared without the banks' code table, so neither decides (banks_equal).
CODE_MARK = "#"


def split_bank(value: str) -> tuple[str, str, str, str, str]:
    """The parts of a bank account: institution, branch, type, number and holder (kana).

    Works on a whole account in one value (any separators or none) and on a value that
    holds one part only (the other parts are then ``""``).

    >>> split_bank("光陽銀行 駅前支店 普通 0123456 ｺｳﾖｳ ﾀﾛｳ")
    ('光陽銀行', '駅前支店', '普通', '123456', 'コヨタロ')
    >>> split_bank("光陽信用金庫/本店/当座預金/7654321")
    ('光陽信金', '本店', '当座', '7654321', '')
    >>> split_bank("ヤマダ タロウ"), split_bank("1234567")
    (('', '', '', '', 'ヤマダタロ'), ('', '', '', '1234567', ''))

    In 全銀 codes (institution and branch codes, the type's digit, the number), and with a
    branch written as its code:

    >>> split_bank("0005-371-1910250"), split_bank("000539316314905")
    (('#0005', '#371', '', '1910250', ''), ('#0005', '#393', '普通', '6314905', ''))
    >>> split_bank("かすみ銀行 217支店 普通 5457354")
    ('かすみ銀行', '#217', '普通', '5457354', '')

    The type as a word between the codes and the number, also in half-width kana:

    >>> split_bank("1234-001 普通 1234567"), split_bank("1234001 ﾌﾂｳ 1234567")
    (('#1234', '#001', '普通', '1234567', ''), ('#1234', '#001', '普通', '1234567', ''))
    """
    text = nfkc(value).replace("株式会社", "").replace("(株)", "")
    text = text.replace("信用金庫", "信金")
    for kana, kind in _KANA_TYPES:
        text = re.sub(rf"(?<![ァ-ヺー]){kana}(?![ァ-ヺー])", kind, text)
    code = _ZENGIN.search(text)
    if code:
        rest = text[: code.start()] + " " + text[code.end() :]
        return (
            CODE_MARK + code.group(1),
            CODE_MARK + code.group(2),
            _ZENGIN_TYPES.get(code.group(3) or "", code.group(4) or ""),
            str(int(code.group(5))),
            _holder(rest),
        )
    institution = branch = kind = number = ""
    match = _INSTITUTION.search(text)
    if match:
        institution, text = match.group(0), text[: match.start()] + " " + text[match.end() :]
    match = _ACCOUNT_TYPE.search(text)
    if match:
        kind = {"総合": "普通"}.get(match.group(1), match.group(1))
        text = text[: match.start()] + " " + text[match.end() :]
    match = _BRANCH_CODE.search(text) or _BRANCH.search(text)
    if match:
        branch = CODE_MARK + match.group(1) if match.re is _BRANCH_CODE else match.group(0)
        text = text[: match.start()] + " " + text[match.end() :]
    match = _ACCOUNT_NUMBER.search(text)
    if match:
        digits = re.sub(r"\D", "", match.group(0))
        number, text = str(int(digits)), text[: match.start()] + " " + text[match.end() :]
    holder = _holder(text)
    return (
        _SPACES.sub("", institution).casefold(),
        _SPACES.sub("", branch).strip("/|,、・:：").casefold(),
        kind,
        number,
        holder,
    )


def _holder(text: str) -> str:
    """The kana left in ``text`` once the other parts are taken out: the holder's name."""
    return normalize_kana("".join(re.findall(r"[ァ-ヺーぁ-ゖ]+", text)))


def normalize_bank(value: str) -> str:
    """A bank account as ``institution|branch|type|number|holder`` (see :func:`split_bank`);
    compare two with :func:`banks_equal`.

    >>> normalize_bank("光陽銀行 本店 普通預金 0123456 コウヨウ タロウ")
    '光陽銀行|本店|普通|123456|コヨタロ'
    >>> normalize_bank("光陽銀行株式会社/本店/普通/123456")
    '光陽銀行|本店|普通|123456|'
    """
    parts = split_bank(value)
    return "|".join(parts) if any(parts) else ""


def banks_equal(a: str, b: str) -> bool:
    """Whether two normalised accounts (:func:`normalize_bank`) can be the same account.

    Parts present in both must be equal and at least one part must be present in both; a
    part missing on one side (an export without the holder's name, a column holding only
    the account number) is a difference of notation.

    >>> banks_equal("光陽銀行|本店|普通|123456|コヨタロ", "光陽銀行|本店|普通|123456|")
    True
    >>> banks_equal("|||123456|", "光陽銀行|本店|普通|123456|コヨタロ")
    True
    >>> banks_equal("光陽銀行|本店|普通|123456|", "光陽銀行|本店|普通|654321|")
    False
    >>> banks_equal("光陽銀行||||", "||||コヨタロ")
    False

    An institution or branch written as a code on one side and as a name on the other is
    not compared (see :data:`CODE_MARK`):

    >>> banks_equal("#0005|#371||1910250|", "三井住友銀行|駅前支店|普通|1910250|")
    True
    """
    if a == b:
        return a != ""
    compared = False
    for x, y in zip(a.split("|"), b.split("|"), strict=False):
        if x and y and x.startswith(CODE_MARK) == y.startswith(CODE_MARK):
            if x != y:
                return False
            compared = True
    return compared


def banks_comparable(a: str, b: str) -> bool:
    """Whether two normalised accounts (:func:`normalize_bank`) have a part to compare: one
    present in both, written alike (both as codes or both as names). A bank's name and
    another system's bank code say nothing either way.

    >>> banks_comparable("浜風信組||||", "#2012|#012||5384160|")
    False
    >>> banks_comparable("|||5384160|", "#2012|#012||5384160|")
    True
    """
    return any(
        x and y and x.startswith(CODE_MARK) == y.startswith(CODE_MARK)
        for x, y in zip(a.split("|"), b.split("|"), strict=False)
    )


#: Normaliser used for each field type (see :mod:`procmine.fields`); other types use
#: :func:`normalize_text`.
NORMALIZERS: dict[str, Callable[[str], str]] = {
    "name": normalize_name,
    "kana": normalize_kana,
    "address": normalize_address,
    "birth_date": normalize_date,
    "date": normalize_date,
    "phone": normalize_phone,
    "my_number": normalize_digits,
    "postal_code": normalize_digits,
    "bank_account": normalize_bank,
    "income": normalize_amount,
    "amount": normalize_amount,
    "sex": normalize_sex,
}


def normalizer_for(field_type: str) -> Callable[[str], str]:
    """The normaliser for ``field_type`` (:func:`normalize_text` when there is none).

    >>> normalizer_for("phone")("03-1234-5678"), normalizer_for("category")(" Ａ ")
    ('0312345678', 'a')
    """
    return NORMALIZERS.get(field_type, normalize_text)


def normalize_many(values: list[str], field_type: str) -> list[str]:
    """Normalise many values at once with the normaliser of ``field_type``.

    Dates are parsed in one vectorised call (much faster than :func:`normalize_date` per
    value); every other type maps its normaliser over the values.

    >>> normalize_many(["R2.4.1", "2020年4月1日", "x"], "birth_date")
    ['2020-04-01', '2020-04-01', '']
    >>> normalize_many(["０３-1234-5678"], "phone")
    ['0312345678']
    """
    if field_type in ("birth_date", "date"):
        import numpy as np
        import pandas as pd

        from procmine.io.timestamps import parse_timestamps

        expanded = [excel_day(v) or _expand_compact_date(v) for v in values]
        parsed = parse_timestamps(pd.Series(expanded, dtype=object))
        # naive datetime64[ns] spans the years 1677–2262: ISO days are YYYY-MM-DD
        stamps = parsed.to_numpy(dtype="datetime64[ns]")
        days = np.datetime_as_string(stamps, unit="D").astype(object)
        days[np.isnat(stamps)] = ""
        return days.tolist()
    normalise = normalizer_for(field_type)
    return [normalise(v) for v in values]


def values_equal(a: str, b: str, field_type: str) -> bool:
    """Whether two values normalised for ``field_type`` are the same data.

    Addresses use :func:`addresses_equal`, bank accounts :func:`banks_equal`; other types
    compare the normalised strings (an empty value equals nothing).

    >>> values_equal("光陽市本町1-2-3|コーポ101", "光陽市本町1-2-3|", "address")
    True
    >>> values_equal("M", "M", "sex"), values_equal("", "", "text")
    (True, False)
    """
    if field_type == "address":
        return addresses_equal(a, b)
    if field_type == "bank_account":
        return banks_equal(a, b)
    return a == b and a != ""
