"""Fictional residents, the departments' copies of their data, and how values are written.

:class:`Population` creates residents (the 住基 truth). :class:`Copies` gives each
department its own copy of a resident's data with the inconsistencies of koyo-city §3.7
planted at the department's :class:`~procmine.samples.schema.SiloRates`, and records which
variant each copy carries so the ground truth can be written. :func:`render` writes a value
in a column's notation.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from procmine.samples.timefmt import format_date

#: Fields of a resident's own record that every department copy may hold.
RECORD_FIELDS = (
    "NAME",
    "KANA",
    "DOB",
    "SEX",
    "ADDR",
    "KATA",
    "TEL",
    "MYNUM",
    "BANK",
    "INCOME",
    "HH",
    "REL",
)

if TYPE_CHECKING:  # pragma: no cover
    from procmine.samples.schema import SiloRates, Words

T = TypeVar("T")

# ---------------------------------------------------------------------------- text helpers

_HALF = dict(
    zip(
        "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
        "ァィゥェォャュョッー・　",
        "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｬｭｮｯｰ･ ",
        strict=True,
    )
)
_VOICED = dict(
    zip(
        "ガギグゲゴザジズゼゾダヂヅデドバビブベボヴ",
        "カキクケコサシスセソタチツテトハヒフヘホウ",
        strict=True,
    )
)
_SEMI = dict(zip("パピプペポ", "ハヒフヘホ", strict=True))
_ZEN_DIGITS = str.maketrans("0123456789-", "０１２３４５６７８９－")
_KANJI_DIGITS = "〇一二三四五六七八九"


def to_halfwidth_kana(s: str) -> str:
    """Full-width katakana to half-width (ｶﾀｶﾅ), as old mainframe systems store it.

    Examples
    --------
    >>> to_halfwidth_kana("ヤマダ　タロウ")
    'ﾔﾏﾀﾞ ﾀﾛｳ'
    >>> to_halfwidth_kana("マイナンバーカード")
    'ﾏｲﾅﾝﾊﾞｰｶｰﾄﾞ'
    """
    out = []
    for ch in s:
        if ch in _VOICED:
            out.append(_HALF[_VOICED[ch]] + "ﾞ")
        elif ch in _SEMI:
            out.append(_HALF[_SEMI[ch]] + "ﾟ")
        else:
            out.append(_HALF.get(ch, ch))
    return "".join(out)


def to_hiragana(s: str) -> str:
    """Katakana to hiragana.

    Examples
    --------
    >>> to_hiragana("ヤマダ　タロウ")
    'やまだ　たろう'
    """
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in s)


def kanji_number(n: int) -> str:
    """1–99 in kanji numerals (十二, 二十, 四).

    Examples
    --------
    >>> [kanji_number(n) for n in (4, 10, 12, 20, 35)]
    ['四', '十', '十二', '二十', '三十五']
    """
    if n < 10:
        return _KANJI_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _KANJI_DIGITS[tens]
    return head + "十" + ("" if ones == 0 else _KANJI_DIGITS[ones])


def mynumber_check_digit(digits11: str) -> int:
    """Check digit of a 12-digit 個人番号 (the official formula).

    Examples
    --------
    >>> mynumber_check_digit("12345678901")
    8
    """
    total = 0
    for n in range(1, 12):
        p = int(digits11[11 - n])
        q = n + 1 if n <= 6 else n - 5
        total += p * q
    r = total % 11
    return 0 if r <= 1 else 11 - r


# ---------------------------------------------------------------------------- residents


@dataclass
class Address:
    """An address in the city: town, 丁目 (0 = none), 番(地), 号 (0 = none), 方書, city."""

    town: str
    chome: int
    ban: int
    go: int
    kata: str = ""
    city: str = "光陽市"


@dataclass
class Account:
    bank: str
    branch: str
    kind: str
    number: str
    holder: str  # half-width kana


@dataclass
class Person:
    """One resident as the 住民記録 knows them (the truth)."""

    pid: str
    surname: str
    given: str
    sur_kana: str
    given_kana: str
    dob: date
    sex: str
    addr: Address
    prev_addr: Address
    outside: str
    tel: str
    tel2: str
    tel_old: str
    mynum: str
    accounts: list[Account]
    income: int
    income_prev: int
    ins: str
    emp: str
    emp_tel: str
    honseki: str
    care: str = ""
    disab: str = ""
    facility: str = ""
    rel: str = "世帯主"
    maiden: tuple[str, str] | None = None  # (surname, kana) before a marriage in the last 3 years
    care_prev: str = ""  # the level before the last re-assessment
    disab_prev: str = ""
    head: Person | None = None
    spouse: Person | None = None
    children: list[Person] = field(default_factory=list)
    moved: bool = False  # moved within the city during the year (転居 / 婚姻)

    @property
    def name(self) -> tuple[str, str]:
        return self.surname, self.given

    @property
    def kana(self) -> tuple[str, str]:
        return self.sur_kana, self.given_kana


class Population:
    """Creates fictional residents; ``rng`` may be swapped between cases."""

    def __init__(self, rng: np.random.Generator, ref: date, words: Words) -> None:
        self.rng = rng
        self.ref = ref
        self.words = words
        self.people: list[Person] = []
        self._ids: set[int] = set()
        self._mynums: set[str] = set()

    # small random helpers ------------------------------------------------------------
    def pick(self, seq: Sequence[T]) -> T:
        return seq[int(self.rng.integers(len(seq)))]

    def chance(self, p: float) -> bool:
        return bool(self.rng.random() < p)

    def _pid(self) -> str:
        digits = self.words.pid_digits
        while True:
            n = int(self.rng.integers(10 ** (digits - 3), 10 ** (digits - 1)))
            if n not in self._ids:
                self._ids.add(n)
                return f"{n:0{digits}d}"

    def _mynum(self) -> str:
        while True:
            body = "".join(str(int(d)) for d in self.rng.integers(0, 10, 11))
            if body[0] == "0":
                continue
            num = body + str(mynumber_check_digit(body))
            if num not in self._mynums:
                self._mynums.add(num)
                return num

    def address(self) -> Address:
        w = self.words
        town, has_chome, max_chome = self.pick(w.towns)
        if town.startswith("大字"):
            return Address(town, 0, int(self.rng.integers(100, 3000)), 0, "", w.city)
        chome = int(self.rng.integers(1, max_chome + 1)) if has_chome else 0
        ban = int(self.rng.integers(1, 31)) if has_chome else int(self.rng.integers(1, 400))
        go = int(self.rng.integers(1, 26))
        kata = ""
        if self.chance(0.30):
            room = int(self.rng.integers(1, 6)) * 100 + int(self.rng.integers(1, 12))
            kata = (
                f"{self.pick(w.buildings)} {room}号室"
                if self.chance(0.5)
                else (f"{self.pick(w.buildings)} {room}")
            )
        return Address(town, chome, ban, go, kata, w.city)

    def phone(self, mobile: bool) -> str:
        r = self.rng.integers(0, 10, 8)
        d = "".join(str(int(x)) for x in r)
        if mobile:
            return f"{self.pick(('090', '080', '070'))}-{d[:4]}-{d[4:]}"
        return f"{self.words.area_code}-{d[:2]}-{d[2:6]}"

    def account(self, holder: str) -> Account:
        bank, branches = self.pick(self.words.banks)
        kind = "普通" if self.chance(0.95) else "当座"
        number = "".join(str(int(x)) for x in self.rng.integers(0, 10, 7))
        return Account(bank, self.pick(branches), kind, number, holder)

    def person(
        self,
        age: tuple[int, int],
        *,
        surname: tuple[str, str] | None = None,
        sex: str | None = None,
        addr: Address | None = None,
        born: date | None = None,
    ) -> Person:
        """A new resident aged within ``age`` (years) at the reference date."""
        rng = self.rng
        w = self.words
        if born is None:
            days = int(rng.integers(age[0] * 365, age[1] * 365 + 365))
            born = self.ref - timedelta(days=days)
        years = (self.ref - born).days // 365
        sur, sur_kana = surname if surname else self.pick(w.surnames)
        if surname is None and self.chance(0.04):  # registered with a variant character
            for plain, variant in w.itaiji.items():
                if plain in sur:
                    sur = sur.replace(plain, variant)
                    break
        pool = w.given_young if years < 45 else w.given_old
        if sex is not None:
            pool = tuple(g for g in pool if g[2] == sex)
        given, given_kana, gsex = self.pick(pool)
        mobile_first = years < 70 and self.chance(0.8)
        holder = to_halfwidth_kana(f"{sur_kana}　{given_kana}")
        income = 0
        if years >= 18:
            income = int(round(float(rng.lognormal(14.85, 0.6)) / 1000) * 1000)
            if self.chance(0.15):
                income = 0
        accounts = [self.account(holder), self.account(holder), self.account(holder)]
        has_emp = 18 <= years < 65 and self.chance(0.7)
        ins = (
            "後期高齢者医療"
            if years >= 75
            else "国民健康保険"
            if (years >= 65 or not has_emp)
            else self.pick(w.insurance[:3])
        )
        p = Person(
            pid=self._pid(),
            surname=sur,
            given=given,
            sur_kana=sur_kana,
            given_kana=given_kana,
            dob=born,
            sex=gsex,
            addr=addr if addr is not None else self.address(),
            prev_addr=self.address(),
            outside=self.pick(w.other_places),
            tel=self.phone(mobile_first),
            tel2=self.phone(not mobile_first),
            tel_old=self.phone(mobile_first),
            mynum=self._mynum(),
            accounts=accounts if years >= 18 else [],
            income=income,
            income_prev=int(round(income * float(rng.uniform(0.8, 1.2)) / 1000) * 1000),
            ins=ins,
            emp=self.pick(w.employers) if has_emp else "",
            emp_tel=f"{w.area_code}-{int(rng.integers(20, 99))}-{int(rng.integers(1000, 9999))}"
            if has_emp
            else "",
            honseki=self.pick(w.honseki_places),
        )
        if surname is None and gsex == "F" and 24 <= years <= 40 and self.chance(0.12):
            # married in the last three years and took the spouse's surname
            p.maiden = self.pick(w.surnames)
            if p.maiden[0] == sur:
                p.maiden = None
        self.people.append(p)
        return p

    def marry(self, p: Person, partner: Person) -> None:
        """``p`` takes ``partner``'s surname (婚姻 with 氏変更)."""
        if p.surname == partner.surname:
            return
        p.maiden = (p.surname, p.sur_kana)
        p.surname, p.sur_kana = partner.surname, partner.sur_kana
        holder = to_halfwidth_kana(f"{p.sur_kana}\u3000{p.given_kana}")
        p.accounts = [Account(a.bank, a.branch, a.kind, a.number, holder) for a in p.accounts]
        p.spouse, partner.spouse = partner, p

    def spouse(self, p: Person) -> Person:
        if p.spouse is None:
            age = max(20, (self.ref - p.dob).days // 365 + int(self.rng.integers(-4, 5)))
            s = self.person(
                (age, age),
                surname=(p.surname, p.sur_kana),
                sex="F" if p.sex == "M" else "M",
                addr=p.addr,
            )
            s.honseki, s.rel, s.head = p.honseki, ("妻" if s.sex == "F" else "夫"), p
            s.tel2 = p.tel2  # shared home phone
            p.spouse, s.spouse = s, p
        return p.spouse

    def child(self, p: Person, age: tuple[int, int], born: date | None = None) -> Person:
        c = self.person(age, surname=(p.surname, p.sur_kana), addr=p.addr, born=born)
        c.honseki, c.rel, c.head, c.tel, c.tel2 = p.honseki, "子", p, p.tel, p.tel2
        c.ins = p.ins
        p.children.append(c)
        return c


# ---------------------------------------------------------------------------- copies


@dataclass
class Copy:
    """One department's copy of one resident's data, with the variant of each field."""

    name: tuple[str, str]
    kana: tuple[str, str] | None
    dob: date
    sex: str
    addr: Address
    addr_fmt: tuple[str, ...]
    kata: str
    tel: str | None
    tel_plain_alt: bool
    mynum: str | None
    bank: Account | None
    income: int
    hh: tuple[str, str]
    variant: dict[str, str]
    care: str = ""
    disab: str = ""


def _kana_variant(kana: tuple[str, str]) -> tuple[str, str] | None:
    rules = (
        ("ヂ", "ジ"),
        ("ヅ", "ズ"),
        ("オオ", "オー"),
        ("ウ", "ー"),
        ("ョ", "ヨ"),
        ("ュ", "ユ"),
        ("ャ", "ヤ"),
        ("ッ", "ツ"),
    )
    for old, new in rules:
        for i, part in enumerate(kana):
            pos = part.find(old, 1)
            if pos > 0 and (
                old != "ウ"
                or part[pos - 1] in "オコソトノホモヨロゴゾドボポョュウクスツヌフムユルグズブプ"
            ):
                parts = list(kana)
                parts[i] = part[:pos] + new + part[pos + len(old) :]
                return parts[0], parts[1]
    return None


def _swap_itaiji(name: tuple[str, str], itaiji: dict[str, str]) -> tuple[str, str] | None:
    sur = name[0]
    for plain, variant in itaiji.items():
        if variant in sur:
            return sur.replace(variant, plain), name[1]
        if plain in sur:
            return sur.replace(plain, variant), name[1]
    return None


def _typo(name: tuple[str, str], typos: dict[str, str]) -> tuple[str, str] | None:
    given = name[1]
    for old, new in typos.items():
        if old in given:
            return name[0], given.replace(old, new, 1)
    return None


class Copies:
    """Department copies of resident data, created on first use and then kept.

    Each copy draws from its own random stream, seeded by ``seed``, the department and
    the resident, so a copy does not depend on the order in which departments meet the
    resident (the As-Is and To-Be cities share their residents' copies).
    """

    def __init__(self, seed: int, rates: dict[str, SiloRates], words: Words) -> None:
        self.seed = seed
        self.rates = rates
        self.words = words
        self.rng = np.random.Generator(np.random.PCG64(seed))
        self._copies: dict[tuple[str, str], Copy] = {}

    def _chance(self, p: float) -> bool:
        return bool(self.rng.random() < p)

    def get(self, dept: str, p: Person) -> Copy:
        key = (dept, p.pid)
        found = self._copies.get(key)
        if found is None:
            found = self._make(dept, p)
            self._copies[key] = found
        return found

    def _make(self, dept: str, p: Person) -> Copy:
        r = self.rates[dept]
        self.rng = np.random.Generator(
            np.random.PCG64([self.seed, zlib.crc32(dept.encode()), zlib.crc32(p.pid.encode())])
        )
        hh_person = p.head if p.head is not None else p
        v: dict[str, str] = {}
        if r.authoritative:
            v = dict.fromkeys(RECORD_FIELDS, "exact")
            return Copy(
                p.name,
                p.kana,
                p.dob,
                p.sex,
                p.addr,
                (),
                p.addr.kata,
                p.tel,
                False,
                p.mynum,
                p.accounts[0] if p.accounts else None,
                p.income,
                hh_person.name,
                v | {"CARE": "exact", "DISAB": "exact"},
                p.care,
                p.disab,
            )
        ch = self._chance
        itaiji = self.words.itaiji
        # NAME: registered variant characters often cannot be stored by the department
        name, v["NAME"] = p.name, "exact"
        registered_variant = any(x in p.surname for x in itaiji.values())
        if (registered_variant and ch(0.5)) or ch(r.itaiji * 0.25):
            alt = _swap_itaiji(p.name, itaiji)
            if alt is not None:
                name, v["NAME"] = alt, "itaiji"
        if v["NAME"] == "exact" and ch(r.name_typo):
            alt = _typo(p.name, self.words.name_typos)
            if alt is not None:
                name, v["NAME"] = alt, "typo"
        kana: tuple[str, str] | None = p.kana
        old_surname = p.maiden is not None and ch(r.old_surname)
        if old_surname and p.maiden is not None:  # 婚姻 not propagated to this department
            name, v["NAME"] = (p.maiden[0], p.given), "old_surname"
            kana = (p.maiden[1], p.given_kana)
        v["KANA"] = "old_surname" if old_surname else "exact"
        if ch(r.kana_missing):
            kana, v["KANA"] = None, "missing"
        elif ch(r.kana_variant) and not old_surname:
            alt_k = _kana_variant(p.kana)
            if alt_k is not None:
                kana, v["KANA"] = alt_k, "kana_variant"
        dob, v["DOB"] = p.dob, "exact"
        if ch(r.dob_typo):
            if p.dob.day <= 12 and p.dob.day != p.dob.month:
                dob = date(p.dob.year, p.dob.day, p.dob.month)
            else:
                dob = date(p.dob.year + (1 if ch(0.5) else -1), p.dob.month, min(p.dob.day, 28))
            v["DOB"] = "typo"
        sex, v["SEX"] = p.sex, "exact"
        if ch(r.sex_typo):
            sex, v["SEX"] = ("F" if p.sex == "M" else "M"), "typo"
        fmt: tuple[str, ...] = ()
        addr, v["ADDR"] = p.addr, "exact"
        if ch(r.addr_stale):
            addr, v["ADDR"] = p.prev_addr, "stale"
        if ch(r.addr_format):
            fmt = self._addr_perturbation()
            if v["ADDR"] == "exact":
                v["ADDR"] = "format_variant"
        kata, v["KATA"] = addr.kata, ("exact" if addr.kata else "none")
        if addr.kata and ch(r.kata_missing):
            kata, v["KATA"] = "", "kata_missing"
        tel: str | None = p.tel
        v["TEL"] = "exact"
        if ch(r.tel_stale):
            tel, v["TEL"] = p.tel_old, "stale"
        elif ch(r.tel_legit):
            tel, v["TEL"] = p.tel2, "legit_diff"
        mynum: str | None = p.mynum
        v["MYNUM"] = "exact"
        if ch(r.mynum_missing):
            mynum, v["MYNUM"] = None, "missing"
        elif ch(r.mynum_wrong):
            mynum, v["MYNUM"] = p.mynum[:-2] + p.mynum[-1] + p.mynum[-2], "wrong_link"
        bank = p.accounts[0] if p.accounts else None
        v["BANK"] = "exact"
        if bank is not None:
            if ch(r.bank_stale):
                bank, v["BANK"] = p.accounts[2], "stale"
            elif ch(r.bank_legit):
                bank, v["BANK"] = p.accounts[1], "legit_diff"
            elif ch(r.bank_kana):
                bank = Account(
                    bank.bank,
                    bank.branch,
                    bank.kind,
                    bank.number,
                    bank.holder.replace("ｳ", "ｰ", 1)
                    if "ｳ" in bank.holder[1:]
                    else bank.holder.replace(" ", "", 1),
                )
                v["BANK"] = "kana_mismatch"
            elif ch(r.bank_family) and p.spouse is not None and p.spouse.accounts:
                bank, v["BANK"] = p.spouse.accounts[0], "family_name_account"
        income, v["INCOME"] = p.income, "exact"
        if ch(r.income_year):
            income, v["INCOME"] = p.income_prev, "year_mismatch"
        elif ch(r.income_stale):
            income, v["INCOME"] = int(round(p.income * 0.9 / 1000) * 1000), "stale"
        hh, v["HH"] = hh_person.name, "exact"
        if ch(r.hh_legit) and p.spouse is not None:
            hh, v["HH"] = p.spouse.name, "legit_diff"
        elif ch(r.hh_stale):
            hh, v["HH"] = (
                (hh_person.surname, "一郎" if hh_person.given != "一郎" else "茂"),
                "stale",
            )
        v["REL"] = "exact"
        care, v["CARE"] = p.care, "exact"
        if p.care and p.care_prev and ch(r.care_stale):
            care, v["CARE"] = p.care_prev, "stale"
        disab, v["DISAB"] = p.disab, "exact"
        if p.disab and p.disab_prev and ch(r.disab_stale):
            disab, v["DISAB"] = p.disab_prev, "stale"
        return Copy(
            name,
            kana,
            dob,
            sex,
            addr,
            fmt,
            kata,
            tel,
            ch(r.tel_format),
            mynum,
            bank,
            income,
            hh,
            v,
            care,
            disab,
        )

    def _addr_perturbation(self) -> tuple[str, ...]:
        options = ("swap", "zen", "ke", "chome_arabic", "kanji_num", "city", "space")
        n = 1 if self._chance(0.7) else 2
        idx = self.rng.choice(len(options), size=n, replace=False)
        return tuple(options[int(i)] for i in sorted(idx))


# ---------------------------------------------------------------------------- rendering

_BASE: dict[str, dict[str, object]] = {
    "kanji": {"city": True, "form": "kanji"},
    "kanji_kata": {"city": True, "form": "kanji", "kata": True},
    "hyphen": {"city": True, "form": "hyphen"},
    "nocity": {"city": False, "form": "kanji"},
    "hyphen_nocity": {"city": False, "form": "hyphen"},
}


def render_address(
    a: Address, style: str, fmt: tuple[str, ...] = (), kata: str | None = None
) -> str:
    """Write an address in a system's notation, optionally perturbed (format variants).

    Examples
    --------
    >>> a = Address("桜ケ丘", 3, 4, 12, "コーポ桜 203")
    >>> render_address(a, "kanji"), render_address(a, "hyphen_nocity")
    ('光陽市桜ケ丘三丁目4番12号', '桜ケ丘3-4-12')
    >>> render_address(a, "kanji", ("ke", "zen"))
    '光陽市桜ヶ丘三丁目４番１２号'
    >>> render_address(a, "kanji_kata")
    '光陽市桜ケ丘三丁目4番12号 コーポ桜 203'
    """
    opt: dict[str, object] = dict(_BASE[style])
    chome_style = "kanji"
    nums = "arabic"
    for f in fmt:
        if f == "swap":
            opt["form"] = "hyphen" if opt["form"] == "kanji" else "kanji"
            chome_style = "arabic"
        elif f == "chome_arabic":
            chome_style = "arabic"
        elif f == "kanji_num":
            nums = "kanji"
        elif f == "city":
            opt["city"] = not opt["city"]
    town = a.town
    if "ke" in fmt:
        town = town.replace("ケ", "ヶ") if "ケ" in town else town.replace("が", "ヶ")
    if opt["form"] == "hyphen":
        parts = [str(x) for x in (a.chome, a.ban, a.go) if x]
        body = "-".join(parts)
        if not a.chome and not a.go:
            body += "番地"
    else:

        def num(n: int) -> str:
            return kanji_number(n) if nums == "kanji" and n < 100 else str(n)

        body = ""
        if a.chome:
            body += (kanji_number(a.chome) if chome_style == "kanji" else str(a.chome)) + "丁目"
            body += num(a.ban) + "番" + (num(a.go) + "号" if a.go else "")
        else:
            body += num(a.ban) + "番地" + (num(a.go) if a.go else "")
    if "zen" in fmt:
        body = body.translate(_ZEN_DIGITS)
    sep = " " if "space" in fmt else ""
    text = (a.city if opt["city"] else "") + town + sep + body
    k = a.kata if kata is None else kata
    if opt.get("kata") and k:
        text += " " + (k.translate(_ZEN_DIGITS) if "zen" in fmt else k)
    return text


def render_name(name: tuple[str, str], style: str) -> str:
    """Write a name: full-width space, half-width space or no space between the parts.

    Examples
    --------
    >>> render_name(("山田", "太郎"), "space_full"), render_name(("山田", "太郎"), "nospace")
    ('山田\u3000太郎', '山田太郎')
    """
    sep = {"space_full": "\u3000", "space_half": " ", "nospace": ""}.get(style, "\u3000")
    return name[0] + sep + name[1]


def render_kana(kana: tuple[str, str], style: str) -> str:
    """Write a kana name: full- or half-width katakana, hiragana, with or without space.

    Examples
    --------
    >>> [render_kana(("ヤマダ", "タロウ"), s) for s in ("kata_full", "kata_half", "hira", "kata_nospace")]
    ['ヤマダ\u3000タロウ', 'ﾔﾏﾀﾞ ﾀﾛｳ', 'やまだ\u3000たろう', 'ヤマダタロウ']
    """
    full = kana[0] + "\u3000" + kana[1]
    if style == "kata_half":
        return to_halfwidth_kana(full)
    if style == "hira":
        return to_hiragana(full)
    if style == "kata_nospace":
        return kana[0] + kana[1]
    return full


def render_account(a: Account, style: str, part: str) -> str:
    """Write a bank account, or one part of it (inst, branch, type, number, holder).

    Examples
    --------
    >>> acc = Account("光陽銀行", "駅前支店", "普通", "1234567", "ﾔﾏﾀﾞ ﾀﾛｳ")
    >>> render_account(acc, "space", "all"), render_account(acc, "slash", "all")
    ('光陽銀行 駅前支店 普通 1234567 ﾔﾏﾀﾞ ﾀﾛｳ', '光陽銀行/駅前支店/普通/1234567')
    """
    if part == "inst":
        return a.bank
    if part == "branch":
        return a.branch
    if part == "type":
        return a.kind
    if part == "number":
        return a.number
    if part == "holder":
        return a.holder
    if style == "slash":
        return f"{a.bank}/{a.branch}/{a.kind}/{a.number}"
    return f"{a.bank} {a.branch} {a.kind} {a.number} {a.holder}"


def render_tel(tel: str, style: str, alt: bool) -> str:
    """Write a phone number with or without hyphens; ``alt`` flips the system's habit."""
    plain = tel.replace("-", "")
    if style == "plain":
        return tel if alt else plain
    return plain if alt else tel


def render_mynum(num: str, style: str) -> str:
    """Write a 個人番号 as 12 digits or in groups of four."""
    return f"{num[:4]} {num[4:8]} {num[8:]}" if style == "spaced" else num


def render_income(v: int, style: str) -> str:
    """Write an amount in yen, plain or with thousands separators."""
    return f"{v:,}" if style == "comma" else str(v)


def render_sex(sex: str, style: str) -> str:
    """Write sex as 男/女 or as the code 1/2."""
    if style == "code":
        return "1" if sex == "M" else "2"
    return "男" if sex == "M" else "女"


def render_dob(d: date, style: str) -> str:
    """Write a date of birth in a system's date notation."""
    return format_date(d, style or "slash")
