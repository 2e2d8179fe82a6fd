"""Profiling data columns: what kind of personal data a column holds, read mainly from the
shape of its values and secondarily from its header."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from procmine.model import TIMESTAMP, Dataset
from procmine.text.values import excel_day, nfkc, normalize_many

#: Field types a data column can be given.
FIELD_TYPES: tuple[str, ...] = (
    "name",
    "kana",
    "birth_date",
    "sex",
    "address",
    "phone",
    "my_number",
    "bank_account",
    "income",
    "postal_code",
    "email",
    "date",
    "id",
    "amount",
    "category",
    "text",
    "unknown",
)

#: Japanese name shown for a field group of a recognised type.
FIELD_LABELS: dict[str, str] = {
    "name": "氏名",
    "kana": "氏名カナ",
    "birth_date": "生年月日",
    "sex": "性別",
    "address": "住所",
    "phone": "電話番号",
    "my_number": "個人番号",
    "bank_account": "口座",
    "income": "所得",
    "postal_code": "郵便番号",
    "email": "メールアドレス",
}

#: The same names in English, for reports and titles in English (:func:`field_label`).
FIELD_LABELS_EN: dict[str, str] = {
    "name": "Name",
    "kana": "Name (kana)",
    "birth_date": "Date of birth",
    "sex": "Sex",
    "address": "Address",
    "phone": "Phone",
    "my_number": "My Number",
    "bank_account": "Bank account",
    "income": "Income",
    "postal_code": "Postal code",
    "email": "Email",
}
_LABEL_TYPES = {label: ftype for ftype, label in FIELD_LABELS.items()}
_NUMBERED_LABEL = re.compile(r"^(?P<label>.+?)(?P<n> \(\d+\))?$")


def field_label(name: str, lang: str) -> str:
    """A silo field's name in ``lang``: the names procmine gives the common fields
    (:data:`FIELD_LABELS`, also a second group of one: 電話番号 (2)) in English for ``"en"``;
    any other name (a column's header) as it is.

    >>> field_label("生年月日", "en"), field_label("電話番号 (2)", "en"), field_label("氏名", "ja")
    ('Date of birth', 'Phone (2)', '氏名')
    >>> field_label("代理人氏名", "en")
    '代理人氏名'
    """
    found = _NUMBERED_LABEL.match(name)
    if lang != "en" or found is None or found["label"] not in _LABEL_TYPES:
        return name
    return FIELD_LABELS_EN[_LABEL_TYPES[found["label"]]] + (found["n"] or "")


# Header keywords, most specific first (a header is given the first type that matches).
_HEADER_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "bank_account",
        ("口座", "金融機関", "銀行", "支店", "預金", "振込先", "振替", "bank", "account"),
    ),
    ("my_number", ("個人番号", "マイナンバー", "mynumber", "individualnumber")),
    ("postal_code", ("郵便番号", "〒", "zip", "postal", "postcode")),
    ("email", ("メール", "email", "e-mail", "mail")),
    ("phone", ("電話", "tel", "phone", "携帯", "mobile", "fax")),
    ("birth_date", ("生年月日", "誕生日", "生年", "birth", "dob")),
    ("kana", ("カナ", "かな", "フリガナ", "ふりがな", "kana", "furigana", "ヨミ", "よみ")),
    ("sex", ("性別", "sex", "gender")),
    ("address", ("住所", "所在地", "居所", "住居", "address", "addr", "方書")),
    ("income", ("所得", "収入", "課税", "年収", "income", "salary", "給与")),
    ("name", ("氏名", "名前", "姓名", "name", "世帯主", "申請者", "届出人", "筆頭者", "名義")),
    ("phone", ("連絡先",)),  # after the names: 緊急連絡先氏名 is a name
    ("date", ("年月日", "日付", "date", "日")),
    ("amount", ("金額", "額", "円", "amount", "料", "費")),
    ("id", ("番号", "記号", "コード", "code", "id", "no")),
)

_KANJI = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ"
_KANA = r"ぁ-ゖァ-ヺー"
_RE_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_RE_POSTAL = re.compile(r"^(?:〒\s*)?\d{3}-\d{4}$|^〒\s*\d{7}$")
_RE_MYNUM = re.compile(r"^\d{4}[\s-]?\d{4}[\s-]?\d{4}$")
_RE_PHONE = re.compile(
    r"^(?:\+81[\s-]?|0)\d{1,4}[\s-]?\(?\d{1,4}\)?[\s-]?\d{3,4}$"
    r"|^\(0\d{1,4}\)\s?\d{1,4}[\s-]?\d{3,4}$"  # the area code in brackets: (0289)12-3456
)
_RE_DATE = re.compile(
    r"^(?:令和|平成|昭和|大正|明治|[RHSTMrhstm])?\.?\s*(?:\d{1,4}|元)\s*[年/.\-]\s*"
    r"\d{1,2}\s*[月/.\-]\s*\d{1,2}\s*日?(?:[\sT]\d{1,2}:\d{2}(?::\d{2})?)?$"
)
#: Day and month before a four-digit year (04/01/1980, 31.03.1980), as English systems write.
_RE_YEAR_LAST_DATE = re.compile(r"^\d{1,2}([/.\-])\d{1,2}\1(?:18|19|20)\d\d$")
_RE_COMPACT_DATE = re.compile(r"^(?:18|19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$")
_RE_BANK_PART = re.compile(
    r"^(?:普通|当座|貯蓄|総合)(?:預金)?$"
    r"|^\S*(?:銀行|信用金庫|信金|信用組合|労働金庫|農業協同組合|農協|ゆうちょ|支店|本店|出張所|営業部)$"
)
_RE_BANK = re.compile(
    r"銀行|信用金庫|信金|信用組合|労働金庫|ろうきん|農協|農業協同組合|JA|ゆうちょ|支店|本店|普通|当座"
    r"|フツウ|トウザ"
)
#: An account in 全銀 codes with separators: institution-branch[-type digit]-number.
_RE_ZENGIN = re.compile(r"^\d{4}-\d{3}-(?:[124]-)?\d{7}$")
_RE_ADDRESS = re.compile(
    rf"(?:[{_KANJI}](?:都|道|府|県|市|区|町|村|郡)[{_KANJI}{_KANA}]*\s*[\d一二三四五六七八九十])"
    r"|\d+\s*(?:丁目|番地|番|号)|[一二三四五六七八九十]+丁目"
    rf"|[{_KANJI}{_KANA}]{{2,}}\s*\d+(?:-\d+){{1,3}}"
)
#: Longer values are free text: no resident field (an address with its 方書, a bank account
#: with its holder) runs this long, and the address pattern would take time quadratic in
#: the length of a long run of kanji or kana.
_MAX_SHAPED = 200
_RE_KANA = re.compile(r"^[ァ-ヺー・]+(?:[\s・][ァ-ヺー]+)*$|^[ぁ-ゖー]+[\s][ぁ-ゖー]+$")
_RE_NAME = re.compile(rf"^(?=.*[{_KANJI}])[{_KANJI}{_KANA}]{{1,6}}\s[{_KANJI}{_KANA}]{{1,8}}$")
_RE_NAME_NOSPACE = re.compile(rf"^[{_KANJI}]{{2,6}}$")
_RE_AMOUNT = re.compile(
    r"^[-▲△]?\s*[¥￥]?\s*\d{1,3}(?:,\d{3})+\s*円?$|^[-▲△]?[¥￥]?\d+\s*(?:万|千)?円$"
)
_RE_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_RE_ID = re.compile(r"^(?=.*\d)[A-Za-z0-9][A-Za-z0-9\-_/.#]*$")
_SEX_VALUES = frozenset({"男", "女", "男性", "女性", "m", "f", "male", "female"})


#: A header that says "name" says *whose* name in Japanese (氏名, 世帯主 …); in English
#: "name" alone (activityName, termName, file name) may name anything, so free text under
#: it is read as a person's name only with a person word.
_PERSON_NAME = re.compile(
    r"氏名|名前|姓名|世帯主|申請者|届出人|筆頭者|名義|被保険者|保護者|請求者|"
    r"(?:first|last|given|family|full|sur|middle|maiden|person|applicant|resident|holder|"
    r"customer|client|patient|employee|owner|guardian|spouse|child)[\s_-]*name"
)


#: English header words and the Japanese words municipal exports use for them, longest
#: first: an English-labelled export's headers are read in Japanese before they are
#: compared with other systems' headers (whose name a column holds: 世帯主 or 申請者).
_ENGLISH_HEADER_WORDS: tuple[tuple[str, str], ...] = (
    ("head of household", "世帯主"),
    ("household head", "世帯主"),
    ("householder", "世帯主"),
    ("head of family", "世帯主"),
    ("date of birth", "生年月日"),
    ("birth date", "生年月日"),
    ("birthdate", "生年月日"),
    ("phone number", "電話番号"),
    ("telephone", "電話番号"),
    ("phone", "電話番号"),
    ("relationship", "続柄"),
    ("applicant", "申請者"),
    ("guardian", "保護者"),
    ("insured", "被保険者"),
    ("address", "住所"),
    ("gender", "性別"),
    ("income", "所得"),
    ("child", "児童"),
    ("name", "氏名"),
    ("sex", "性別"),
    ("my number", "個人番号"),
    # romaji headers of Japanese systems (atena_no, shimei, jusho, koza …)
    ("kojin bango", "個人番号"),
    ("kojinbango", "個人番号"),
    ("seinengappi", "生年月日"),
    ("seinen gappi", "生年月日"),
    ("setainushi", "世帯主"),
    ("zokugara", "続柄"),
    ("shinseisha", "申請者"),
    ("hihokensha", "被保険者"),
    ("furigana", "フリガナ"),
    ("shimei", "氏名"),
    ("namae", "名前"),
    ("jusho", "住所"),
    ("juusho", "住所"),
    ("jyusho", "住所"),
    ("denwa bango", "電話番号"),
    ("denwa", "電話番号"),
    ("keitai", "携帯"),
    ("kouza", "口座"),
    ("koza", "口座"),
    ("ginko", "銀行"),
    ("seibetsu", "性別"),
    ("shotoku", "所得"),
)


def japanese_header(header: str) -> str:
    """The header with its English words read as the Japanese words of municipal exports.

    >>> japanese_header("Household Head"), japanese_header("Applicant Name"), japanese_header("氏名")
    ('世帯主', '申請者氏名', '氏名')
    """
    text = re.sub(r"[\s_\-]+", " ", _words(header)).strip()
    for english, japanese in _ENGLISH_HEADER_WORDS:
        text = re.sub(rf"(?<![a-z]){english}(?![a-z])", japanese, text)
    return re.sub(r"(?<=[^a-z0-9]) | (?=[^a-z0-9])", "", text)


def _words(header: str) -> str:
    """The header NFKC-normalised, camelCase split (ZipCode → zip code), lower case."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", unicodedata.normalize("NFKC", header)).casefold()


def _names_a_person(header: str) -> bool:
    text = _words(header)
    return bool(_PERSON_NAME.search(text)) or text.strip() in ("name", "名")


def header_type(header: str) -> str | None:
    """The field type suggested by a column header, or ``None``.

    >>> header_type("住所（方書含む）"), header_type("Phone No."), header_type("口座名義カナ")
    ('address', 'phone', 'bank_account')
    >>> header_type("児童生年月日"), header_type("受付メモ") is None
    ('birth_date', True)
    >>> header_type("緊急連絡先氏名"), header_type("連絡先"), header_type("koza"), header_type("jusho")
    ('name', 'phone', 'bank_account', 'address')
    >>> header_type("ZipCode"), header_type("PhoneNo"), header_type("DOB")
    ('postal_code', 'phone', 'birth_date')
    """
    text = unicodedata.normalize("NFKC", japanese_header(header)).casefold()
    text = re.sub(r"[\s_\-.()（）]+", "", text)
    for ftype, words in _HEADER_KEYWORDS:
        for word in words:
            if len(word) <= 3 and word.isascii():
                # short English words must stand alone (not "no" inside "phone")
                if re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", _ascii_words(header)):
                    return ftype
            elif word in text:
                return ftype
    return None


#: Whose data a header says a column holds, when it is somebody else's than the resident
#: the row is about: a spouse, a carer, a proxy, an emergency contact, a supporter, a
#: guarantor, an employer, a facility, a doctor (English headers are read in Japanese
#: first). Such a column never joins another person's field, nor the resident's. Words
#: that name the resident by the role (要介護者, 被扶養者, 被保護者, 施設利用者) are not these;
#: neither is 届出人 (who is often the resident).
_OTHER_PERSON_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pattern))
    for role, pattern in (
        ("spouse", r"配偶者|spouse"),
        ("carer", r"介助者|(?<![要被])介護者|caregiver|carer"),
        ("proxy", r"代理人|代理者|proxy"),
        ("emergency", r"緊急連絡先|emergency"),
        ("supporter", r"(?<!被)扶養義務者|(?<!被)扶養者"),
        ("guarantor", r"保証人|guarantor"),
        ("employer", r"勤務先|事業所|勤め先|employer|workplace"),
        ("facility", r"施設(?!利用者|入所者|入居者)|入所先|facility"),
        ("doctor", r"主治医|医師|doctor|physician"),
    )
)
#: The head of household and a guardian: often one person, never one field (a guardian's
#: name is the resident's own in a system keyed by the guardian, else somebody else's).
_HEAD = re.compile(r"世帯主|筆頭者")
_GUARDIAN = re.compile(r"(?<!被)保護者|親権者")


def person_role(header: str) -> str | None:
    """Whose data a column holds by its header, when the header says: ``"head"`` (世帯主),
    ``"guardian"`` (保護者), one of the other persons' roles (``"spouse"``,
    ``"emergency"`` …), or ``None`` (the resident's own, or not said).

    >>> person_role("配偶者氏名"), person_role("緊急連絡先電話"), person_role("Emergency Contact")
    ('spouse', 'emergency', 'emergency')
    >>> person_role("世帯主氏名"), person_role("保護者氏名"), person_role("氏名"), person_role("連絡先")
    ('head', 'guardian', None, None)
    >>> [person_role(h) for h in ("要介護者氏名", "被扶養者氏名", "被保護者名", "施設利用者氏名", "届出人氏名")]
    [None, None, None, None, None]
    """
    text = japanese_header(header)
    for role, pattern in _OTHER_PERSON_ROLES:
        if pattern.search(text):
            return role
    if _HEAD.search(text):
        return "head"
    if _GUARDIAN.search(text):
        return "guardian"
    return None


def roles_apart(a: str | None, b: str | None) -> bool:
    """Whether columns whose headers name these roles (:func:`person_role`) cannot hold
    one field: another person's data and anything of another role, or the head of
    household and a guardian.

    >>> roles_apart("spouse", "head"), roles_apart("spouse", None), roles_apart("head", "guardian")
    (True, True, True)
    >>> roles_apart("guardian", None), roles_apart("head", None), roles_apart("emergency", "emergency")
    (False, False, False)
    """
    if a == b:
        return False
    others = {role for role, _ in _OTHER_PERSON_ROLES}
    return a in others or b in others or {a, b} == {"head", "guardian"}


def _ascii_words(header: str) -> str:
    """The header's latin words, lower case (camelCase split: ZipCode → zip code)."""
    return re.sub(r"[^a-z]+", " ", _words(header))


def value_shape(value: str) -> str:
    """The field type one value looks like (``text`` when nothing more specific fits).

    Dates are only recognised by form here; :func:`profile_columns` confirms them. A value
    longer than :data:`_MAX_SHAPED` characters is ``text``.

    >>> [value_shape(v) for v in ["090-1234-5678", "1234 5678 9012", "光陽市本町1-2-3",
    ...  "コウヨウ タロウ", "光陽 太郎", "S55.3.2", "19800302", "男", "1,200,000円", "A-123"]]
    ['phone', 'my_number', 'address', 'kana', 'name', 'date', 'date', 'sex', 'amount', 'id']
    >>> value_shape("(0289)12-3456"), value_shape("(12)34-5678"), value_shape("04/01/1980")
    ('phone', 'text', 'date')
    >>> value_shape("駅前支店"), value_shape("普通預金"), value_shape("光陽信用金庫")
    ('bank_account', 'bank_account', 'bank_account')
    >>> value_shape("9900-001-1-0382882"), value_shape("1234001 ﾌﾂｳ 1234567")
    ('bank_account', 'bank_account')
    """
    text = nfkc(value)
    if not text:
        return ""
    if len(text) > _MAX_SHAPED:
        return "text"
    # each pattern tried only when the character it needs is there (\d is a decimal digit:
    # str.isdecimal)
    if "@" in text and _RE_EMAIL.match(text):
        return "email"
    if ("-" in text or "〒" in text) and _RE_POSTAL.match(text):
        return "postal_code"
    if text[0].isdecimal() and _RE_MYNUM.match(text):
        return "my_number"
    if text[0] in "+0(" and _RE_PHONE.match(text) and 10 <= sum(ch.isdigit() for ch in text) <= 12:
        return "phone"
    if _RE_DATE.match(text) or _RE_COMPACT_DATE.match(text) or _RE_YEAR_LAST_DATE.match(text):
        return "date"
    if text.casefold() in _SEX_VALUES:
        return "sex"
    if (_RE_BANK.search(text) and re.search(r"\d{4,8}", text)) or _RE_BANK_PART.match(text):
        return "bank_account"
    if text[0].isdecimal() and _RE_ZENGIN.match(text):
        return "bank_account"
    if _RE_ADDRESS.search(text):
        return "address"
    if _RE_KANA.match(text):
        return "kana"
    if _RE_NAME.match(text):
        return "name"
    if _RE_NAME_NOSPACE.match(text):
        return "name_nospace"
    if _RE_AMOUNT.match(text):
        return "amount"
    if _RE_NUMBER.match(text):
        return "number"
    if _RE_ID.match(text):
        return "id"
    return "text"


@dataclass(frozen=True)
class _Evidence:
    shape: str
    share: float
    header: str | None
    distinct: int
    values: int
    person_header: bool = True  # a "name" header that names a person (see _PERSON_NAME)


def _decide(
    ev: _Evidence, sample: pd.Series, stamps: pd.Series, *, excel_days: bool = False
) -> str:
    """Combine the value shape with the header into one field type (``excel_days``: the
    values are Excel serial day numbers, see :func:`_excel_days`)."""
    shape, header = ev.shape, ev.header
    # a few values, each used again and again
    low_cardinality = ev.distinct <= max(12, 0.02 * ev.values) and ev.values >= 3 * ev.distinct
    if shape == "date":
        return (
            "birth_date" if header == "birth_date" or _looks_like_birth(sample, stamps) else "date"
        )
    if header == "bank_account" and shape in (
        "kana",
        "name",
        "name_nospace",
        "number",
        "id",
        "text",
    ):
        return "bank_account"
    if header == "birth_date" and shape == "number" and excel_days:
        return "birth_date"  # Excel serial day numbers (19259 = 1952-09-22)
    if header == "sex" and ev.distinct <= 4:
        return "sex"
    if header == "my_number" and shape in ("number", "id", "my_number"):
        return "my_number"
    if header == "phone" and shape in ("number", "id", "phone"):
        return "phone"
    if header == "postal_code" and shape in ("number", "id", "postal_code"):
        return "postal_code"
    if header in ("income", "amount") and shape in ("number", "amount"):
        return header
    if shape == "name_nospace":
        # two to six kanji, mostly different from one resident to the next: a name written
        # without a space (the header may say nothing: 事件本人, Household Head); values
        # about other people are kept apart by their disagreement
        if low_cardinality:
            return "category"
        return "name" if header in ("name", None) else "text"
    if shape in ("number", "amount"):
        if header in ("id", None) and shape == "number" and not low_cardinality:
            return "id"
        return "category" if low_cardinality and shape == "number" else "amount"
    if shape in ("text", "unknown") and header == "name" and not ev.person_header:
        return "category" if low_cardinality else "text"
    if shape in ("text", "unknown") and header in ("name", "kana", "address"):
        return header
    if shape in ("text", "id") and low_cardinality:
        return "category"
    if shape == "unknown":
        return header or "unknown"
    return shape


def _excel_days(values: list[str]) -> bool:
    """Whether nearly every value (:data:`_EXCEL_DAYS_SHARE`; a ``0`` left by an empty cell
    aside) is an Excel serial day number of five digits (1927-05-18 to 2064-04-07: see
    :func:`procmine.text.values.excel_day`).

    >>> _excel_days(["19259", "22184"]), _excel_days(["19259", "1980"]), _excel_days([])
    (True, False, False)
    """
    values = [v for v in values if v.strip()]
    days = sum(1 for v in values if excel_day(v))
    return bool(values) and days >= _EXCEL_DAYS_SHARE * len(values)


#: Share of a birth-date column's values that must be serial day numbers.
_EXCEL_DAYS_SHARE = 0.95


def _looks_like_birth(sample: pd.Series, stamps: pd.Series) -> bool:
    """Dates mostly at least a year before their event and spread over many years."""
    iso = normalize_many([str(v) for v in sample], "date")
    dates = pd.to_datetime(pd.Series(iso, dtype=object).replace("", None), errors="coerce")
    stamps = stamps.reset_index(drop=True).astype("datetime64[ns]")
    ok = dates.notna().to_numpy()
    if not ok.any():
        return False
    dates, stamps = dates[ok], stamps[ok]
    age_days = (stamps - dates).dt.days
    past = float((age_days >= 365).mean()) if age_days.notna().any() else 0.0
    years = dates.dt.year
    spread = float(years.quantile(0.9) - years.quantile(0.1))
    return past >= 0.8 and spread >= 10


def _sample_positions(n: int, size: int) -> np.ndarray:
    if n <= size:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, size).round().astype(np.int64))


def profile_column(
    values: pd.Series, stamps: pd.Series, header: str, *, sample_size: int = 2000
) -> tuple[str, str, float, str | None, int]:
    """Profile one column (non-empty values only) → (field_type, shape, share, header_type,
    distinct)."""
    distinct = int(values.nunique())
    positions = _sample_positions(len(values), sample_size)
    sample = values.iloc[positions]
    sample_stamps = stamps.iloc[positions]
    counts = sample.value_counts(sort=False)
    # (tolist: the values as Python objects at once, not one by one)
    shapes = pd.Series([value_shape(str(v)) for v in counts.index.tolist()], index=counts.index)
    by_shape = counts.groupby(shapes.to_numpy()).sum().sort_index()

    def dates() -> tuple[pd.Series, pd.Series]:
        is_date = shapes.reindex(sample.to_numpy()).to_numpy() == "date"
        return sample[is_date], sample_stamps[is_date]

    def texts() -> list[str]:
        return [str(v) for v in counts.index.tolist()]

    return _judge(by_shape, header, distinct, len(values), dates, (sample, sample_stamps), texts)


def _profile_coded(
    coded: Coded, stamps: pd.Series, header: str, *, sample_size: int
) -> tuple[str, str, float, str | None, int]:
    """:func:`profile_column` of a column coded by :func:`coded_values` (``stamps``: the
    timestamps of all its events): the same sample and counts, taken from the codes."""
    codes = coded.codes
    assert codes is not None
    where = np.flatnonzero(coded.mask)  # the events with a value
    positions = _sample_positions(len(where), sample_size)
    sample_codes = codes[positions]
    distinct_codes, counts = np.unique(sample_codes, return_counts=True)
    shapes = [value_shape(str(v)) for v in coded.texts(distinct_codes).tolist()]
    per_shape: dict[str, int] = {}
    for shape, n in zip(shapes, counts.tolist(), strict=True):
        per_shape[shape] = per_shape.get(shape, 0) + n
    by_shape = pd.Series(per_shape, dtype=np.int64).sort_index()

    def dates() -> tuple[pd.Series, pd.Series]:
        is_date = (
            np.array(shapes, dtype=object)[np.searchsorted(distinct_codes, sample_codes)] == "date"
        )
        chosen = positions[is_date]
        return (
            pd.Series(coded.texts(codes[chosen]), dtype=object),
            stamps.iloc[where[chosen]],
        )

    def texts() -> list[str]:
        return [str(v) for v in coded.texts(distinct_codes).tolist()]

    empty = pd.Series(dtype=object)
    return _judge(by_shape, header, coded.size, len(where), dates, (empty, empty), texts)


def _judge(
    by_shape: pd.Series,
    header: str,
    distinct: int,
    values: int,
    dates: Callable[[], tuple[pd.Series, pd.Series]],
    sample: tuple[pd.Series, pd.Series],
    texts: Callable[[], list[str]],
) -> tuple[str, str, float, str | None, int]:
    """The field type from the sampled values' counts by shape (``by_shape``, sorted by
    shape) and the header; ``dates()`` gives the sampled values of the date shape and
    their timestamps, ``sample`` all sampled values and theirs (empty where the caller
    keeps them coded), ``texts()`` the distinct sampled values as text."""
    shares = by_shape / by_shape.sum() if len(by_shape) else by_shape
    # name written without a space counts with names with one
    if "name_nospace" in shares and "name" in shares:
        shares["name"] += shares.pop("name_nospace")
    best = str(shares.sort_values(ascending=False, kind="stable").index[0]) if len(shares) else ""
    share = float(shares.get(best, 0.0))
    shape = best if share >= 0.5 else "unknown"
    htype = header_type(header)
    ev = _Evidence(shape=shape, share=share, header=htype, distinct=distinct, values=values,
                   person_header=_names_a_person(header))  # fmt: skip
    if shape == "date":
        sample = dates()
    excel = htype == "birth_date" and shape == "number" and _excel_days(texts())
    ftype = _decide(ev, *sample, excel_days=excel)
    return ftype, shape, share, htype, distinct


def non_empty_mask(values: pd.Series) -> np.ndarray:
    """Positions (as a boolean array) of the non-missing, non-blank values of a column."""
    if isinstance(values.dtype, pd.CategoricalDtype):  # blank or not: once per category
        codes = values.cat.codes.to_numpy()
        blank = np.asarray(values.cat.categories.astype(str).str.strip() == "", dtype=bool)
        out = codes >= 0
        out[out] = ~blank[codes[out]]
        return out
    mask = np.array(values.notna().to_numpy(dtype=bool, na_value=False), dtype=bool)
    if mask.any():
        present = values if mask.all() else values[mask]
        text = present if pd.api.types.is_string_dtype(present.dtype) else present.astype(str)
        blank = (text.astype(str).str.strip() == "").to_numpy(dtype=bool, na_value=True)
        mask[np.flatnonzero(mask)[blank]] = False
    return mask


def non_empty(values: pd.Series, *, mask: np.ndarray | None = None) -> pd.Series:
    """The non-missing, non-blank values of a column, as strings, with a RangeIndex of
    their positions (``mask``: :func:`non_empty_mask` of ``values``, when known)."""
    if mask is None:
        mask = non_empty_mask(values)
    if len(values) and mask.all():  # every value: no rows to pick
        out = values.astype(str)
        out.index = pd.RangeIndex(len(values))
        return out
    positions = np.flatnonzero(mask)
    out = values.iloc[positions].astype(str)
    out.index = pd.RangeIndex(len(values))[positions]
    return out


@dataclass(frozen=True)
class Coded:
    """A column's non-empty values (:func:`non_empty_mask`): where they are and, for a text
    column, each one's code into its distinct values."""

    mask: np.ndarray
    #: for a text column, the code of each non-empty value (in event order) into its
    #: distinct values (``pd.factorize(values[mask].astype(str))``, as ``int32``); None
    #: for other columns
    codes: np.ndarray | None = None
    #: the distinct values as the column holds them (kept compact) and, in order of first
    #: appearance, which of them each code is (see :meth:`texts`)
    distinct: Any = None
    order: np.ndarray | None = None

    @property
    def size(self) -> int:
        """Number of distinct non-empty values."""
        return 0 if self.order is None else len(self.order)

    def texts(self, codes: np.ndarray | None = None) -> np.ndarray:
        """The text of each code (all codes in order when ``codes`` is None), as an object
        array of Python strings, made when asked for."""
        assert self.order is not None
        which = self.order if codes is None else self.order[codes]
        return np.asarray(self.distinct.take(which), dtype=object)


class ColumnCodes:
    """Each data column's non-empty values, found once for every step of
    :func:`procmine.fields.match_fields` that reads them (profiling, linking, building the
    copies) instead of once per step."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._coded: dict[tuple[str, str], Coded] = {}

    def coded(self, department: str, column: str) -> Coded:
        key = (department, column)
        if key not in self._coded:
            self._coded[key] = coded_values(self.dataset.logs[department].events[column])
        return self._coded[key]

    def adopt(self, other: ColumnCodes) -> None:
        """Take the columns ``other`` has found already (for a dataset whose columns are
        ``other``'s, some added)."""
        self._coded.update(other._coded)

    def mask(self, department: str, column: str) -> np.ndarray:
        """:func:`non_empty_mask` of the column."""
        return self.coded(department, column).mask


def coded_values(values: pd.Series) -> Coded:
    """:class:`Coded` of a column: a text column is factorised once, and its blank values
    are found among the distinct values rather than value by value.

    >>> c = coded_values(pd.Series(["b", None, " ", "a", "b"], dtype="string"))
    >>> c.mask.tolist(), c.codes.tolist(), c.texts().tolist()
    ([True, False, False, True, True], [0, 1, 0], ['b', 'a'])
    """
    if not isinstance(values.dtype, pd.StringDtype):
        return Coded(non_empty_mask(values))
    codes, uniques = pd.factorize(values.array)  # missing: −1
    # blank as non_empty_mask finds it, applied to each distinct value once
    text = pd.Series(uniques, dtype=values.dtype).astype(str)
    blank = (text.str.strip() == "").to_numpy(dtype=bool, na_value=True)
    mask = np.append(~blank, False)[codes]
    # numbered again in order of first appearance among the non-empty values
    local, first = pd.factorize(codes[mask])
    # (kept for every data column while the copies are built: four bytes a value)
    small = len(first) <= np.iinfo(np.int32).max
    local = np.asarray(local, dtype=np.int32 if small else np.intp)
    return Coded(mask, local, uniques, np.asarray(first, dtype=np.intp))


def profile_columns(dataset: Dataset, *, sample_size: int = 2000) -> pd.DataFrame:
    """What each data column holds, from the shape of its values and its header.

    Parameters
    ----------
    dataset
        The loaded logs.
    sample_size
        Events per column whose values are examined (evenly spread over the column).

    Returns
    -------
    pandas.DataFrame
        One row per data column: ``department, column, field_type, shape, shape_share,
        header_type, values, distinct`` sorted by department and column. ``shape`` is the
        type read from the values alone and ``shape_share`` the share of sampled values
        with that shape; ``header_type`` is what the header alone suggests.

    Examples
    --------
    >>> import pandas as pd
    >>> from procmine.model import Dataset, EventLog
    >>> events = pd.DataFrame({"case": ["1", "2"], "activity": ["受付", "受付"],
    ...     "timestamp": pd.to_datetime(["2024-04-01", "2024-04-02"]),
    ...     "連絡先": ["090-1111-2222", "03-3333-4444"]})
    >>> ds = Dataset(logs={"A": EventLog("A", events, ("連絡先",), ("a.csv",))},
    ...              mappings=[], accounting=[])
    >>> profile_columns(ds)[["department", "column", "field_type"]].to_dict("records")
    [{'department': 'A', 'column': '連絡先', 'field_type': 'phone'}]
    """
    return profile_all(dataset, ColumnCodes(dataset), sample_size=sample_size)


def _profile_row(
    department: str,
    column: str,
    ftype: str,
    shape: str,
    share: float,
    htype: str | None,
    values: int,
    distinct: int,
) -> dict[str, object]:
    return {
        "department": department,
        "column": column,
        "field_type": ftype,
        "shape": shape,
        "shape_share": round(share, 4),
        "header_type": htype,
        "values": values,
        "distinct": distinct,
    }


def profile_all(dataset: Dataset, columns: ColumnCodes, *, sample_size: int) -> pd.DataFrame:
    """:func:`profile_columns`, with the columns' non-empty values taken from ``columns``."""
    rows = []
    for department in sorted(dataset.logs):
        log = dataset.logs[department]
        events = log.events
        for column in log.data_columns:
            if column not in events.columns:
                continue
            coded = columns.coded(department, column)
            if coded.codes is not None and coded.mask.any():
                ftype, shape, share, htype, distinct = _profile_coded(
                    coded, events[TIMESTAMP], column, sample_size=sample_size
                )
                rows.append(_profile_row(department, column, ftype, shape, share, htype,
                                         int(coded.mask.sum()), distinct))  # fmt: skip
                continue
            values = non_empty(events[column], mask=coded.mask)
            if values.empty:
                ftype, shape, share, htype, distinct = "unknown", "", 0.0, header_type(column), 0
            else:
                stamps = events[TIMESTAMP].iloc[values.index.to_numpy()]
                stamps.index = values.index
                ftype, shape, share, htype, distinct = profile_column(
                    values, stamps, column, sample_size=sample_size
                )
            rows.append(_profile_row(department, column, ftype, shape, share, htype,
                                     len(values), distinct))  # fmt: skip
    names = ["department", "column", "field_type", "shape", "shape_share", "header_type",
             "values", "distinct"]  # fmt: skip
    return pd.DataFrame(rows, columns=names)
