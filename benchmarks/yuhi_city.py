#!/usr/bin/env python3
"""ゆうひ市 (夕日市) — a held-out test town for procmine, written by an outside reviewer.

Usage::

    .venv/bin/python benchmarks/yuhi_city.py OUT [--seed 7]

writes ``OUT/city/`` (nine exports of eight departments + ``procmine.toml`` naming them) and
``OUT/truth/`` (duplicates, negatives, aliases, silos, decoys).  Deterministic for a seed;
stdlib + pandas + pyarrow only.

Design note
-----------
The town tries business areas other than the usual 住基/税/国保/児童手当/介護.  About 1,800
households (≈3,000 residents) over fiscal year 令和7 (2025-04-01 … 2026-03-31).  Residents
have life events (転入 families visiting four counters on one day, 転出, 転居 within the city,
certificates for a 市営住宅 application, pregnancies, 保育 applications in autumn, 就学援助 in
April, 児童扶養手当 現況届 in August, pension enrolment / exemption, 後期高齢 account
registration, 口座振替 at the tax office).  Counter steps happen while the resident waits
(queue tickets, waits that triple in the March/April peak); back-office steps days later;
forms are sometimes written twice (rework).

Files (department named in procmine.toml):

=====================  ===========  =========================================================
file                   department   shape / idiom
=====================  ===========  =========================================================
shimin_madoguchi.csv   市民窓口課    UTF-8 BOM, ISO times + 終了日時, 宛名番号; 転入/転出/転居/証明.
                                    The 住民記録更新 step writes one row per moving member (the
                                    child's own 宛名番号), so children are linked.
kouki_iryo.csv         医療年金課    CP932, ``2025/05/12 9:05`` + 完了日時, 後期高齢者医療 system.
kokumin_nenkin.csv     医療年金課    UTF-8, English headers/steps from a national terminal, US
                                    times (``05/12/2025 09:05 AM``), keyed by Basic Pension No
                                    (``1234-567890``) with kanji name, half-width kana, 和暦 code DOB.
hoiku_nyusho.tsv       保育幼稚園課  TSV, keyed by the CHILD (児童宛名番号); the guardian's 宛名番号,
                                    name, phone in other columns (decoys).  No end times.
boshi_hoken.parquet    母子保健課    Parquet, timestamp dtype, keyed by the pregnant woman.
kodomo_fukushi.csv     こども福祉課  UTF-8 with two title lines; steps in やさしい日本語
                                    (「ほんにんかくにん」, 「しんせいしょを かいてもらう」);
                                    児童扶養手当 + 子ども医療費助成 in one file (事業 column).
gakumu_shugaku.csv     学務課        CP932, 処理日 + 処理時刻 in two columns, keyed by the guardian
                                    (保護者氏名 IS the keyed resident's name here).
jutaku_nyukyo.csv      住宅課        CP932, 和暦 times (令和7年5月12日 10時05分), long noun-stacked
                                    公用文 labels, 宛名番号 zero-padded to 10 digits, case attributes
                                    repeated on every row.
nozei.csv              納税課        UTF-8, compact 14-digit times, 宛名コード, bank codes split in
                                    three columns; 証明発行 and 口座振替.
=====================  ===========  =========================================================

Planted duplicate clusters (truth/duplicates.csv): QUEUE (own ticket per counter), ID (identity
check), MYNUM (My Number check), FORM (resident writes name/address… again), HHCHK (household /
address re-check against 住民基本台帳), INCOME (income/tax inquiry for eligibility), ACCT
(account registration), KEY (re-keying the 宛名 into the department system), GUIDE (guidance to
other counters).  市民窓口課's 住民記録更新 is the register update itself (not a member).
Hard negatives (truth/negatives.csv): 交付 of different things (住民票, 転出証明書, 被保険者証,
母子健康手帳, 受診票, 医療証, 納税証明), 審査 of different decisions (入所選考, 入居資格審査,
就学援助認定, 手当認定, 届出審査), 訪問 by different professions (保健師家庭訪問, 住宅課現地調査,
自立支援員家庭訪問), 通知 of different decisions.
Aliases (truth/aliases.csv): about 10 % of events of a few activities carry an old-system or
width-variant label.
Silos (truth/silos.csv): every column holding the KEYED resident's own field: NAME, KANA, DOB,
SEX, ADDR, KATA, TEL, BANK (each account column), INCOME.  Key columns are not listed.  Copies
differ by format (丁目番号 / hyphens / 漢数字 / full width; hiragana / half-width kana; 和暦),
staleness (転居 not propagated, old surname, last year's income, a closed account) and legit
differences (home vs mobile phone, a second account).  Decoys (truth/decoys.csv): other people's
or places' data (guardian in the child-keyed 保育 file, children in guardian-keyed files,
spouse, guarantor, employer, school, clinic, facility, expected delivery date, household tax).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import unicodedata
from collections import defaultdict
from pathlib import Path

import pandas as pd

FY0 = dt.date(2025, 4, 1)
FY1 = dt.date(2026, 3, 31)

# --------------------------------------------------------------------------- vocabulary
SURNAMES = [
    s.split(":")
    for s in (
        "佐藤:サトウ 鈴木:スズキ 高橋:タカハシ 田中:タナカ 伊藤:イトウ 渡辺:ワタナベ 山本:ヤマモト "
        "中村:ナカムラ 小林:コバヤシ 加藤:カトウ 吉田:ヨシダ 山田:ヤマダ 佐々木:ササキ 松本:マツモト "
        "井上:イノウエ 木村:キムラ 斎藤:サイトウ 清水:シミズ 山崎:ヤマザキ 池田:イケダ 橋本:ハシモト "
        "石川:イシカワ 中島:ナカジマ 小川:オガワ 岡田:オカダ 長谷川:ハセガワ 藤田:フジタ 近藤:コンドウ "
        "村上:ムラカミ 青木:アオキ 坂本:サカモト 宮沢:ミヤザワ 都築:ツヅキ 千々岩:チヂイワ 夕凪:ユウナギ "
        "浜崎:ハマサキ 汐田:シオタ 茜屋:アカネヤ 入江:イリエ 柴崎:シバサキ 渡部:ワタベ 野沢:ノザワ"
    ).split()
]
MALE = [
    s.split(":")
    for s in (
        "翔太:ショウタ 大輝:ダイキ 健一:ケンイチ 誠:マコト 浩二:コウジ 拓海:タクミ 蓮:レン 悠真:ユウマ "
        "陽翔:ハルト 湊:ミナト 隆:タカシ 茂:シゲル 勇:イサム 修:オサム 和夫:カズオ 博之:ヒロユキ "
        "直樹:ナオキ 亮:リョウ 大和:ヤマト 蒼:アオイ 雄一:ユウイチ 勝:マサル 悠斗:ユウト"
    ).split()
]
FEMALE = [
    s.split(":")
    for s in (
        "陽菜:ヒナ 結衣:ユイ 美咲:ミサキ さくら:サクラ 葵:アオイ 凛:リン 恵子:ケイコ 和子:カズコ "
        "幸子:サチコ 節子:セツコ 由美:ユミ 裕子:ユウコ 真由美:マユミ 愛:アイ 彩:アヤ 芽依:メイ "
        "紬:ツムギ 千尋:チヒロ 明美:アケミ 夕夏:ユウカ 静香:シズカ 澄子:スミコ 優奈:ユウナ"
    ).split()
]
ITAIJI = {"高": "髙", "崎": "﨑", "辺": "邊", "沢": "澤", "斎": "齋", "部": "部"}
TOWNS = ["茜台", "夕日町", "汐見町", "松風", "港南", "西浜", "朝凪", "丘の上", "日和台", "入江町"]
APTS = [
    "サンセット茜台",
    "コーポ汐見",
    "ハイツ松風",
    "メゾン港南",
    "グランパレ夕日",
    "レジデンス朝凪",
    "市営西浜団地3棟",
    "ハイム丘の上",
]
BANKS = [
    ("0001", "みずほ銀行"),
    ("0005", "三菱UFJ銀行"),
    ("0009", "三井住友銀行"),
    ("0579", "ゆうひ銀行"),
    ("1318", "夕日信用金庫"),
    ("9900", "ゆうちょ銀行"),
    ("2012", "浜風信用組合"),
]
BRANCHES = [
    ("001", "本店"),
    ("012", "茜台支店"),
    ("023", "港南支店"),
    ("031", "駅前支店"),
    ("045", "西浜出張所"),
]
EMPLOYERS = [
    "夕日水産株式会社",
    "有限会社茜台運送",
    "ゆうひ総合病院",
    "港南食品工業株式会社",
    "株式会社汐見電機",
    "社会福祉法人朝凪会",
    "夕日市農業協同組合",
]
SCHOOLS = [
    ("夕日市立茜台小学校", "0299-31-2201"),
    ("夕日市立港南小学校", "0299-34-5510"),
    ("夕日市立西浜中学校", "0299-36-0412"),
    ("夕日市立夕日中学校", "0299-31-8830"),
]
FACILITIES = [
    ("夕日市立あかね保育園", "夕日市茜台3丁目2番1号"),
    ("しおみこども園", "夕日市汐見町1丁目14番3号"),
    ("港南保育所", "夕日市港南2丁目7番10号"),
    ("まつかぜ幼稚園", "夕日市松風4丁目1番2号"),
]
DANCHI = [
    ("市営西浜団地", "夕日市西浜1丁目20番"),
    ("市営丘の上住宅", "夕日市丘の上2丁目5番"),
    ("市営日和台団地", "夕日市日和台3丁目11番"),
]
CLINICS = ["0299-33-1188", "0299-35-7720", "0299-31-0045"]

ZEN = str.maketrans("0123456789-", "０１２３４５６７８９－")
KANNUM = "〇一二三四五六七八九"


def kanji_num(n: int) -> str:
    if n < 10:
        return KANNUM[n]
    t, o = divmod(n, 10)
    return ("" if t == 1 else KANNUM[t]) + "十" + ("" if o == 0 else KANNUM[o])


_HALF = {}
for _c in range(0xFF61, 0xFFA0):
    _HALF.setdefault(unicodedata.normalize("NFKC", chr(_c)), chr(_c))


def half_kana(s: str) -> str:
    out = []
    for ch in s:
        if ch == "　":
            out.append(" ")
            continue
        d = unicodedata.normalize("NFD", ch)
        base = _HALF.get(d[0], d[0])
        out.append(base + ("ﾞ" if "\u3099" in d else "") + ("ﾟ" if "\u309a" in d else ""))
    return "".join(out)


def hira(s: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in s)


def wareki(d: dt.date) -> tuple[str, str, int]:
    for start, name, code in (
        (dt.date(2019, 5, 1), "令和", "R"),
        (dt.date(1989, 1, 8), "平成", "H"),
        (dt.date(1926, 12, 25), "昭和", "S"),
        (dt.date(1912, 7, 30), "大正", "T"),
    ):
        if d >= start:
            return name, code, d.year - start.year + 1
    raise ValueError(d)


# --------------------------------------------------------------------------- residents
class Person:
    __slots__ = (
        "accounts",
        "addr",
        "closed_acct",
        "dob",
        "given",
        "given_k",
        "hh",
        "income",
        "income_prev",
        "itaiji",
        "kiso",
        "move_day",
        "old_addr",
        "old_sur",
        "pid",
        "role",
        "sex",
        "sur",
        "sur_k",
        "tel_home",
        "tel_mob",
    )

    def age(self, d: dt.date) -> int:
        return d.year - self.dob.year - ((d.month, d.day) < (self.dob.month, self.dob.day))

    def addr_at(self, d: dt.date):
        if self.move_day and d < self.move_day:
            return self.old_addr
        return self.addr


def make_addr(rng: random.Random, apt_p=0.35):
    kata = ""
    if rng.random() < apt_p:
        kata = f"{rng.choice(APTS)}{rng.randint(1, 4)}0{rng.randint(1, 8)}号"
    return (rng.choice(TOWNS), rng.randint(1, 5), rng.randint(1, 28), rng.randint(1, 24), kata)


def make_tel(rng, mobile=False):
    if mobile:
        return f"{rng.choice(['090', '080', '070'])}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
    return f"0299-{rng.randint(30, 39)}-{rng.randint(1000, 9999)}"


def make_acct(rng):
    b, bn = rng.choice(BANKS)
    br, brn = rng.choice(BRANCHES)
    return (b, bn, br, brn, f"{rng.randint(0, 9999999):07d}")


class Household:
    def __init__(self, hid, kind, members, addr):
        self.hid, self.kind, self.members, self.addr = hid, kind, members, addr

    def adults(self):
        return [p for p in self.members if p.role in ("head", "spouse")]

    def kids(self, lo, hi, d=FY0):
        return [p for p in self.members if p.role == "child" and lo <= p.age(d) <= hi]


def make_people(rng: random.Random, n_hh: int):
    households, people = [], {}
    used = set()

    def new_pid():
        while True:
            n = rng.randint(10_000_000, 49_999_999)
            if n not in used:
                used.add(n)
                return f"{n:08d}"

    def person(sur, sur_k, sex, age_lo, age_hi, role, hh):
        p = Person()
        p.pid, p.hh, p.role = new_pid(), hh, role
        p.sur, p.sur_k = sur, sur_k
        p.sex = sex
        p.given, p.given_k = rng.choice(MALE if sex == "男" else FEMALE)
        p.dob = FY0 - dt.timedelta(days=rng.randint(age_lo * 365 + 1, age_hi * 365 + 360))
        p.itaiji = any(c in ITAIJI for c in sur) and rng.random() < 0.35
        p.tel_home = p.tel_mob = ""
        p.accounts, p.closed_acct = [], None
        p.income = p.income_prev = 0
        p.kiso, p.old_sur, p.old_addr, p.move_day = "", None, None, None
        people[p.pid] = p
        return p

    kinds = [
        ("family", 0.30),
        ("single_parent", 0.08),
        ("elderly", 0.22),
        ("young", 0.18),
        ("middle", 0.22),
    ]
    for h in range(n_hh):
        r, acc = rng.random(), 0.0
        for kind, w in kinds:  # noqa: B007 (kind is read after the break)
            acc += w
            if r < acc:
                break
        sur, sur_k = rng.choice(SURNAMES)
        addr = make_addr(rng, 0.55 if kind in ("young", "single_parent") else 0.3)
        hh = Household(h, kind, [], addr)
        m = []
        if kind == "family":
            m.append(person(sur, sur_k, "男", 27, 45, "head", hh))
            m.append(person(sur, sur_k, "女", 25, 43, "spouse", hh))
            for _ in range(rng.choice([1, 1, 2, 2, 3])):
                m.append(person(sur, sur_k, rng.choice("男女"), 0, 13, "child", hh))
        elif kind == "single_parent":
            m.append(person(sur, sur_k, rng.choice("女女女男"), 24, 46, "head", hh))
            for _ in range(rng.choice([1, 1, 2])):
                m.append(person(sur, sur_k, rng.choice("男女"), 0, 15, "child", hh))
        elif kind == "elderly":
            m.append(person(sur, sur_k, "男", 68, 92, "head", hh))
            if rng.random() < 0.55:
                m.append(person(sur, sur_k, "女", 66, 90, "spouse", hh))
        elif kind == "young":
            m.append(person(sur, sur_k, rng.choice("男女"), 19, 36, "head", hh))
        else:
            m.append(person(sur, sur_k, "男", 40, 66, "head", hh))
            m.append(person(sur, sur_k, "女", 38, 64, "spouse", hh))
            if rng.random() < 0.4:
                m.append(person(sur, sur_k, rng.choice("男女"), 15, 22, "child", hh))
        hh.members = m
        home = make_tel(rng) if rng.random() < 0.55 else ""
        for p in m:
            p.addr = addr
            adult = p.age(FY0) >= 18
            p.tel_home = home
            p.tel_mob = make_tel(rng, True) if adult and rng.random() < 0.88 else ""
            if adult:
                p.accounts = [make_acct(rng)] + ([make_acct(rng)] if rng.random() < 0.3 else [])
                if rng.random() < 0.03:
                    p.closed_acct = make_acct(rng)
                base = {
                    "family": 3.4e6,
                    "single_parent": 1.7e6,
                    "elderly": 1.6e6,
                    "young": 2.6e6,
                    "middle": 4.0e6,
                }[kind]
                if p.role == "spouse" and kind == "family":
                    base *= 0.4
                inc = max(0, int(rng.lognormvariate(0, 0.55) * base / 1000) * 1000)
                p.income, p.income_prev = inc, int(inc * rng.uniform(0.85, 1.1) / 1000) * 1000
            if p.age(FY0) >= 19:
                p.kiso = f"{rng.randint(1000, 9999)}-{rng.randint(100000, 999999)}"
            if p.role == "spouse" and p.sex == "女" and p.age(FY0) < 40 and rng.random() < 0.12:
                p.old_sur = rng.choice(SURNAMES)  # married recently: some copies keep it
        households.append(hh)
    return households, people


# --------------------------------------------------------------------------- departments
F_SHIMIN, F_KOUKI, F_NENKIN, F_HOIKU, F_BOSHI, F_KODOMO, F_GAKUMU, F_JUTAKU, F_NOZEI = (
    "shimin",
    "kouki",
    "nenkin",
    "hoiku",
    "boshi",
    "kodomo",
    "gakumu",
    "jutaku",
    "nozei",
)
DEPT = {
    F_SHIMIN: ("shimin_madoguchi.csv", "市民窓口課"),
    F_KOUKI: ("kouki_iryo.csv", "医療年金課"),
    F_NENKIN: ("kokumin_nenkin.csv", "医療年金課"),
    F_HOIKU: ("hoiku_nyusho.tsv", "保育幼稚園課"),
    F_BOSHI: ("boshi_hoken.parquet", "母子保健課"),
    F_KODOMO: ("kodomo_fukushi.csv", "こども福祉課"),
    F_GAKUMU: ("gakumu_shugaku.csv", "学務課"),
    F_JUTAKU: ("jutaku_nyukyo.csv", "住宅課"),
    F_NOZEI: ("nozei.csv", "納税課"),
}
STAFF = {
    F_SHIMIN: [f"S{n:03d}" for n in (11, 12, 14, 17, 21, 23, 25)],
    F_KOUKI: ["田村", "小野寺", "菅原", "大塚"],
    F_NENKIN: ["OP-03", "OP-07", "OP-11"],
    F_HOIKU: ["保育 三浦", "保育 杉山", "保育 内田"],
    F_BOSHI: ["保健師 新井", "保健師 川口", "事務 早川", "保健師 松井"],
    F_KODOMO: ["こども福祉課 野口", "こども福祉課 平野", "こども福祉課 堀"],
    F_GAKUMU: ["学務 久保", "学務 上田"],
    F_JUTAKU: ["住宅管理係 工藤", "住宅管理係 西田", "住宅管理係 本田"],
    F_NOZEI: ["N-201", "N-204", "N-209", "N-215"],
}
MACHINE = {
    F_SHIMIN: "発券機",
    F_KOUKI: "受付機",
    F_NENKIN: "KIOSK",
    F_KODOMO: "発券機",
    F_NOZEI: "整理券発行機",
}
RESIDENT = {
    F_SHIMIN: "届出人",
    F_KOUKI: "来庁者",
    F_NENKIN: "APPLICANT",
    F_HOIKU: "保護者",
    F_BOSHI: "届出者",
    F_KODOMO: "申請者",
    F_GAKUMU: "申請者",
    F_JUTAKU: "申込者",
    F_NOZEI: "申請者",
}
BATCH = {
    F_SHIMIN: "バッチ",
    F_KOUKI: "システム",
    F_NENKIN: "BATCH",
    F_HOIKU: "システム",
    F_BOSHI: "システム",
    F_KODOMO: "システム",
    F_GAKUMU: "システム",
    F_JUTAKU: "システム",
    F_NOZEI: "システム",
}
WAIT = {F_SHIMIN: 14, F_KOUKI: 9, F_NENKIN: 8, F_KODOMO: 10, F_NOZEI: 6}

# activity labels (A[dept][code]); codes mark the planted role of each step
A = {
    F_SHIMIN: dict(
        T="番号札発行",
        ID="本人確認",
        MN="個人番号の確認",
        F_IN="転入届記入",
        F_OUT="転出届記入",
        F_MV="転居届記入",
        F_CERT="証明交付請求書記入",
        REV="届出内容審査",
        AUTH="住民記録更新",
        K_OUT="転出証明書交付",
        K_CERT="住民票の写し等交付",
        G="関係課手続案内",
    ),
    F_KOUKI: dict(
        T="受付票発券",
        ID="本人確認書類確認",
        F_GET="資格取得届記入",
        F_LOSS="資格喪失届記入",
        F_MV="住所変更届記入",
        F_KOGAKU="高額療養費支給申請書記入",
        HH="住民記録照会",
        KEY="宛名情報入力",
        K_CARD="被保険者証交付",
        RET="被保険者証回収",
        INC="前住所地所得照会",
        ACCT="振込口座登録",
        G="他課手続のご案内",
        SEND="広域連合へ異動データ送付",
        AUTO="年齢到達資格取得処理",
        MAIL="被保険者証一括発送",
    ),
    F_NENKIN: dict(
        T="Reception ticket issued",
        ID="Identity verification",
        F="Application form filled in by applicant",
        MN="My Number confirmation",
        KEY="Resident data entry",
        INC="Income inquiry to tax records",
        ACCT="Debit account registration",
        G="Referral to other counters",
        SEND="Forward to Japan Pension Service",
        ENR="Enrollment type determination",
    ),
    F_HOIKU: dict(
        ID="保護者本人確認",
        F="入所申込書記入",
        HH="住基世帯情報確認",
        WORK="就労証明書内容確認",
        KEY="児童・保護者情報入力",
        INC="市民税課税状況照会",
        SEL="入所選考",
        NOTE="利用調整結果通知発送",
        INT="入所前面談",
    ),
    F_BOSHI: dict(
        F="妊娠届出書記入",
        ID="届出者本人確認",
        MN="個人番号確認",
        INT="保健師面接",
        K_TECHO="母子健康手帳交付",
        K_TICKET="妊婦健康診査受診票交付",
        KEY="妊婦情報台帳登録",
        G="関係窓口のご案内",
        VISIT="保健師家庭訪問",
    ),
    F_KODOMO: dict(
        T="ばんごうふだを わたす",
        ID="ほんにんかくにん",
        F="しんせいしょを かいてもらう",
        F_GEN="げんきょうとどけを かいてもらう",
        MN="マイナンバーを たしかめる",
        HH="じゅうみんひょうで かぞくを たしかめる",
        INC="しょとくを しらべる",
        ACCT="こうざを とうろくする",
        KEY="なまえと じゅうしょを システムに いれる",
        G="ほかの まどぐちを あんないする",
        K_CARD="いりょうしょうを わたす",
        RET="いりょうしょうを かえしてもらう",
        DEC="てあての にんていを きめる",
        NOTE="けっかの おしらせを おくる",
        VISIT="おうちを たずねて ようすを きく",
    ),
    F_GAKUMU: dict(
        ID="申請者確認",
        F="就学援助申請書記入",
        MAILIN="学校経由申請書受理",
        HH="住民基本台帳照会",
        INC="所得照会",
        ACCT="振込口座登録",
        KEY="申請者情報入力",
        DEC="就学援助認定審査",
        NOTE="認定通知書発送",
        SCH="学校への認定者名簿送付",
    ),
    F_JUTAKU: dict(
        F="市営住宅入居申込書記載事項記入",
        ID="申込者本人確認書類提示確認",
        RCV="入居申込書受理及び記載内容点検",
        COPY="住民票写し及び所得課税証明書添付確認",
        INC="入居申込者及び同居親族所得額照会実施",
        HH="住民基本台帳記載事項照合世帯構成確認",
        KEY="申込者宛名情報住宅管理システム入力",
        DEC="入居資格審査実施",
        VISIT="現住居現地調査実施",
        LOT="公開抽選実施",
        NOTE="入居決定通知書発送",
        ACCT="家賃口座振替依頼書受理及び口座情報登録",
    ),
    F_NOZEI: dict(
        T="整理券発行",
        ID="窓口本人確認",
        F_CERT="証明交付申請書記入",
        F_DEBIT="口座振替依頼書記入",
        ARR="滞納有無確認",
        K_CERT="納税証明書・課税証明書交付",
        ACCT="口座振替情報登録",
    ),
}
CLUSTERS = {  # truth: cluster -> (file, code) members
    "QUEUE": [(F_SHIMIN, "T"), (F_KOUKI, "T"), (F_NENKIN, "T"), (F_KODOMO, "T"), (F_NOZEI, "T")],
    "ID": [
        (F_SHIMIN, "ID"),
        (F_KOUKI, "ID"),
        (F_NENKIN, "ID"),
        (F_HOIKU, "ID"),
        (F_BOSHI, "ID"),
        (F_KODOMO, "ID"),
        (F_GAKUMU, "ID"),
        (F_JUTAKU, "ID"),
        (F_NOZEI, "ID"),
    ],
    "MYNUM": [(F_SHIMIN, "MN"), (F_NENKIN, "MN"), (F_BOSHI, "MN"), (F_KODOMO, "MN")],
    "FORM": [
        (F_SHIMIN, "F_IN"),
        (F_SHIMIN, "F_OUT"),
        (F_SHIMIN, "F_MV"),
        (F_SHIMIN, "F_CERT"),
        (F_KOUKI, "F_GET"),
        (F_KOUKI, "F_LOSS"),
        (F_KOUKI, "F_MV"),
        (F_KOUKI, "F_KOGAKU"),
        (F_NENKIN, "F"),
        (F_HOIKU, "F"),
        (F_BOSHI, "F"),
        (F_KODOMO, "F"),
        (F_KODOMO, "F_GEN"),
        (F_GAKUMU, "F"),
        (F_JUTAKU, "F"),
        (F_NOZEI, "F_CERT"),
        (F_NOZEI, "F_DEBIT"),
    ],
    "HHCHK": [
        (F_KOUKI, "HH"),
        (F_HOIKU, "HH"),
        (F_KODOMO, "HH"),
        (F_GAKUMU, "HH"),
        (F_JUTAKU, "HH"),
    ],
    "INCOME": [
        (F_KOUKI, "INC"),
        (F_NENKIN, "INC"),
        (F_HOIKU, "INC"),
        (F_KODOMO, "INC"),
        (F_GAKUMU, "INC"),
        (F_JUTAKU, "INC"),
    ],
    "ACCT": [
        (F_KOUKI, "ACCT"),
        (F_NENKIN, "ACCT"),
        (F_KODOMO, "ACCT"),
        (F_GAKUMU, "ACCT"),
        (F_JUTAKU, "ACCT"),
        (F_NOZEI, "ACCT"),
    ],
    "KEY": [
        (F_KOUKI, "KEY"),
        (F_NENKIN, "KEY"),
        (F_HOIKU, "KEY"),
        (F_BOSHI, "KEY"),
        (F_KODOMO, "KEY"),
        (F_GAKUMU, "KEY"),
        (F_JUTAKU, "KEY"),
    ],
    "GUIDE": [(F_SHIMIN, "G"), (F_KOUKI, "G"), (F_NENKIN, "G"), (F_BOSHI, "G"), (F_KODOMO, "G")],
}
NEGATIVES = {
    "交付": [
        (F_SHIMIN, "K_CERT"),
        (F_SHIMIN, "K_OUT"),
        (F_KOUKI, "K_CARD"),
        (F_BOSHI, "K_TECHO"),
        (F_BOSHI, "K_TICKET"),
        (F_KODOMO, "K_CARD"),
        (F_NOZEI, "K_CERT"),
    ],
    "審査": [
        (F_SHIMIN, "REV"),
        (F_HOIKU, "SEL"),
        (F_JUTAKU, "DEC"),
        (F_GAKUMU, "DEC"),
        (F_KODOMO, "DEC"),
    ],
    "訪問": [(F_BOSHI, "VISIT"), (F_JUTAKU, "VISIT"), (F_KODOMO, "VISIT")],
    "通知": [(F_HOIKU, "NOTE"), (F_JUTAKU, "NOTE"), (F_GAKUMU, "NOTE"), (F_KODOMO, "NOTE")],
}
ALIASES = {  # (file, code) -> alias label used on ~10 % of its events
    (F_SHIMIN, "ID"): "本人確認(窓口)",
    (F_SHIMIN, "K_CERT"): "住民票写し交付（旧）",
    (F_KOUKI, "ID"): "身分証確認",
    (F_KOUKI, "KEY"): "宛名情報入力（手入力）",
    (F_NENKIN, "ID"): "ID verification",
    (F_NOZEI, "T"): "整理券発券",
    (F_JUTAKU, "INC"): "所得照会（旧システム）",
    (F_GAKUMU, "F"): "就学援助申請書記入_窓口",
}

# which data groups a step captures (codes)
CAPTURE = {
    "F": "basic",
    "F_IN": "basic",
    "F_OUT": "basic",
    "F_MV": "basic",
    "F_CERT": "basic",
    "F_GET": "basic",
    "F_LOSS": "basic",
    "F_KOGAKU": "basic bank",
    "F_GEN": "basic income",
    "F_DEBIT": "basic bank",
    "KEY": "basic",
    "AUTH": "basic",
    "HH": "addr",
    "INC": "income",
    "ACCT": "bank",
    "MAILIN": "basic",
    "RCV": "basic",
    "VISIT": "addr",
    "INT": "tel",
}


# --------------------------------------------------------------------------- simulation
class Town:
    def __init__(self, seed: int):
        self.seed = seed
        self.rng = random.Random(seed)
        self.households, self.people = make_people(self.rng, 1800)
        self.events = defaultdict(list)  # file -> [event dict]
        self.seq = defaultdict(int)
        self.busy = defaultdict(lambda: dt.datetime(2000, 1, 1))  # back-office clock per file

    # --- helpers
    def prng(self, *key) -> random.Random:
        return random.Random("|".join(map(str, (self.seed,) + key)))

    def new_case(self, f: str) -> str:
        self.seq[f] += 1
        n = self.seq[f]
        return {
            F_SHIMIN: f"S7-{n:06d}",
            F_KOUKI: f"KK{n:07d}",
            F_NENKIN: f"NP25{n:05d}",
            F_HOIKU: f"HO-2025-{n:04d}",
            F_BOSHI: f"B7{n:05d}",
            F_KODOMO: f"KF7-{n:05d}",
            F_GAKUMU: f"GS{n:06d}",
            F_JUTAKU: f"R7-{n:04d}",
            F_NOZEI: f"N7{n:06d}",
        }[f]

    def ev(self, f, case, code, start, dur, who, pid, extra=None, on_day=True):
        label = A[f][code]
        if (f, code) in ALIASES and self.rng.random() < 0.10:
            label = ALIASES[(f, code)]
        res = {
            "S": lambda: self.rng.choice(STAFF[f]),
            "R": lambda: RESIDENT[f],
            "M": lambda: MACHINE[f],
            "B": lambda: BATCH[f],
        }[who]()
        start = start.replace(microsecond=0)
        end = start + dt.timedelta(seconds=round(dur * 60))
        self.events[f].append(
            dict(
                case=case,
                code=code,
                act=label,
                start=start,
                end=end,
                res=res,
                pid=pid,
                extra=extra or {},
            )
        )
        return end

    def peak(self, d: dt.date) -> float:
        return 2.8 if (d.month == 3 and d.day >= 20) or (d.month == 4 and d.day <= 10) else 1.0

    def counter(self, f, pid, t, steps, extra=None, ticket=True, case=None):
        """Steps at a counter while the resident is there. steps: (code, lo, hi, who)."""
        case = case or self.new_case(f)
        r = self.rng
        if ticket and f in MACHINE:
            self.ev(f, case, "T", t, 0, "M", pid, extra)
            t += dt.timedelta(minutes=r.expovariate(1 / (WAIT[f] * self.peak(t.date()))) + 1)
        for code, lo, hi, who in steps:
            t = self.ev(f, case, code, t, round(r.uniform(lo, hi), 1), who, pid, extra)
            if who == "R" and r.random() < 0.09:  # 記入不備 -> written again
                t += dt.timedelta(minutes=r.uniform(1, 3))
                t = self.ev(f, case, code, t, round(r.uniform(lo, hi) * 0.7, 1), "R", pid, extra)
            t += dt.timedelta(minutes=r.uniform(0.2, 1.5))
        return case, t

    def back(self, f, case, pid, after: dt.datetime, steps, lag=(1, 6), extra=None, who="S"):
        """Back-office steps on later working days."""
        day = workday(after.date() + dt.timedelta(days=self.rng.randint(*lag)))
        t = dt.datetime.combine(day, dt.time(9, 0)) + dt.timedelta(minutes=self.rng.randint(0, 420))
        for step in steps:
            code, lo, hi = step[:3]
            w = step[3] if len(step) > 3 else who
            t = self.ev(f, case, code, t, round(self.rng.uniform(lo, hi), 1), w, pid, extra)
            if self.rng.random() < 0.3:
                day = workday(t.date() + dt.timedelta(days=self.rng.randint(1, 4)))
                t = dt.datetime.combine(day, dt.time(9, 0)) + dt.timedelta(
                    minutes=self.rng.randint(0, 420)
                )
            else:
                t += dt.timedelta(minutes=self.rng.uniform(2, 90))
        return t

    def arrive(self, d: dt.date, latest=14.5) -> dt.datetime:
        return dt.datetime.combine(d, dt.time(8, 35)) + dt.timedelta(
            minutes=self.rng.uniform(0, (latest - 8.6) * 60)
        )

    def walk(self, t):
        return t + dt.timedelta(minutes=self.rng.uniform(2, 6))

    def day_in(self, lo: dt.date, hi: dt.date) -> dt.date:
        return workday(lo + dt.timedelta(days=self.rng.randint(0, (hi - lo).days)))

    def moving_day(self) -> dt.date:
        if self.rng.random() < 0.4:  # spring peak
            return (
                self.day_in(dt.date(2026, 3, 16), dt.date(2026, 3, 31))
                if self.rng.random() < 0.6
                else self.day_in(dt.date(2025, 4, 1), dt.date(2025, 4, 15))
            )
        return self.day_in(FY0, dt.date(2026, 3, 13))

    # --- procedures (each returns the time the resident leaves the counter)
    def shimin(self, p, t, kind, members=()):
        r = self.rng
        form = {"in": "F_IN", "out": "F_OUT", "mv": "F_MV", "cert": "F_CERT"}[kind]
        steps = [(form, 4, 12, "R"), ("ID", 1, 3, "S")]
        if kind != "cert":
            if r.random() < 0.8:
                steps.append(("MN", 1, 2.5, "S"))
            steps.append(("REV", 2, 6, "S"))
        case, t = self.counter(F_SHIMIN, p.pid, t, steps, extra={"kind": kind})
        if kind == "cert":
            t = self.ev(
                F_SHIMIN, case, "K_CERT", t, round(r.uniform(2, 5), 1), "S", p.pid, {"kind": kind}
            )
            return t
        for m in members or [p]:  # the register update, one row per moving member
            t = self.ev(
                F_SHIMIN, case, "AUTH", t, round(r.uniform(1.5, 4), 1), "S", m.pid, {"kind": kind}
            )
        if kind == "out":
            t = self.ev(
                F_SHIMIN, case, "K_OUT", t, round(r.uniform(1, 3), 1), "S", p.pid, {"kind": kind}
            )
        if kind in ("in", "mv") and r.random() < 0.85:
            t = self.ev(
                F_SHIMIN, case, "G", t, round(r.uniform(1, 5), 1), "S", p.pid, {"kind": kind}
            )
        return t

    def kouki(self, p, t, kind):
        r = self.rng
        form = {"get": "F_GET", "loss": "F_LOSS", "mv": "F_MV", "kogaku": "F_KOGAKU"}[kind]
        steps = [("ID", 1, 3, "S"), (form, 3, 9, "R")]
        if kind in ("get", "mv"):
            steps += [("HH", 1, 4, "S")]
        if kind == "get":
            steps += [("KEY", 3, 7, "S"), ("K_CARD", 1, 3, "S")]
        if kind == "loss":
            steps += [("RET", 1, 2, "S")]
        if kind == "kogaku":
            steps += [("ACCT", 2, 5, "S")]
        if kind in ("get", "mv") and r.random() < 0.6:
            steps += [("G", 1, 4, "S")]
        case, t2 = self.counter(F_KOUKI, p.pid, t, steps)
        bo = [("SEND", 1, 3, "B")]
        if kind == "get":
            bo = [("INC", 3, 8)] + bo
        self.back(F_KOUKI, case, p.pid, t2, bo)
        return t2

    def nenkin(self, p, t, kind):
        r = self.rng
        steps = [("ID", 1, 3, "S"), ("F", 4, 10, "R"), ("MN", 1, 2, "S")]
        if kind == "enrol":
            steps += [("ENR", 1, 3, "S")]
        if r.random() < 0.35:
            steps += [("ACCT", 2, 4, "S")]
        if r.random() < 0.3:
            steps += [("G", 1, 3, "S")]
        case, t2 = self.counter(F_NENKIN, p.pid, t, steps, ticket=r.random() < 0.7)
        bo = [("KEY", 3, 7)]
        if kind == "exempt":
            bo += [("INC", 2, 6)]
        self.back(F_NENKIN, case, p.pid, t2, bo + [("SEND", 1, 2, "B")], lag=(0, 4))
        return t2

    def hoiku(self, g, child, t, hh):
        r = self.rng
        ex = {"guardian": g, "child": child, "facility": r.choice(FACILITIES)}
        steps = [("ID", 1, 3, "S"), ("F", 6, 15, "R"), ("HH", 1, 4, "S"), ("WORK", 2, 6, "S")]
        case, t2 = self.counter(F_HOIKU, child.pid, t, steps, extra=ex, ticket=False)
        self.back(
            F_HOIKU, case, child.pid, t2, [("KEY", 4, 9), ("INC", 2, 6)], lag=(2, 15), extra=ex
        )
        sel = dt.datetime.combine(
            workday(max(t2.date() + dt.timedelta(days=20), dt.date(2026, 1, 26))), dt.time(10, 0)
        )
        self.back(
            F_HOIKU,
            case,
            child.pid,
            sel,
            [("SEL", 5, 15), ("NOTE", 1, 3, "B")],
            lag=(0, 10),
            extra=ex,
        )
        if r.random() < 0.5:
            self.counter(
                F_HOIKU,
                child.pid,
                self.arrive(workday(dt.date(2026, 3, 2) + dt.timedelta(days=r.randint(0, 18)))),
                [("INT", 15, 30, "S")],
                extra=ex,
                ticket=False,
                case=case,
            )
        return t2

    def boshi(self, p, t):
        r = self.rng
        hh = p.hh
        spouse = next((m for m in hh.members if m.role == "head" and m is not p), None)
        ex = {
            "due": t.date() + dt.timedelta(days=r.randint(170, 250)),
            "spouse": spouse,
            "clinic": r.choice(CLINICS),
        }
        steps = [
            ("F", 5, 12, "R"),
            ("ID", 1, 3, "S"),
            ("MN", 1, 2, "S"),
            ("INT", 15, 35, "S"),
            ("K_TECHO", 2, 5, "S"),
            ("K_TICKET", 2, 4, "S"),
        ]
        if r.random() < 0.6:
            steps.append(("G", 2, 5, "S"))
        case, t2 = self.counter(F_BOSHI, p.pid, t, steps, extra=ex, ticket=False)
        self.back(F_BOSHI, case, p.pid, t2, [("KEY", 3, 8)], lag=(1, 5), extra=ex)
        if r.random() < 0.35:
            self.back(F_BOSHI, case, p.pid, t2, [("VISIT", 40, 90)], lag=(20, 60), extra=ex)
        return t2

    def kodomo(self, p, t, kind, kids=()):
        r = self.rng
        ex = {
            "jigyo": "子ども医療費助成" if kind in ("iryo", "iryo_ret") else "児童扶養手当",
            "kids": list(kids),
        }
        if kind == "iryo":
            steps = [("ID", 1, 3, "S"), ("F", 4, 10, "R"), ("HH", 1, 3, "S"), ("K_CARD", 2, 4, "S")]
            if r.random() < 0.5:
                steps.insert(3, ("ACCT", 2, 4, "S"))
            if r.random() < 0.4:
                steps.append(("G", 1, 4, "S"))
            case, t2 = self.counter(F_KODOMO, p.pid, t, steps, extra=ex)
            self.back(F_KODOMO, case, p.pid, t2, [("KEY", 3, 7)], lag=(0, 4), extra=ex)
            return t2
        if kind == "iryo_ret":
            case, t2 = self.counter(
                F_KODOMO, p.pid, t, [("ID", 1, 2, "S"), ("RET", 1, 3, "S")], extra=ex
            )
            return t2
        if kind == "fuyo":
            steps = [
                ("ID", 1, 3, "S"),
                ("F", 8, 18, "R"),
                ("MN", 1, 2.5, "S"),
                ("HH", 2, 5, "S"),
                ("INC", 2, 6, "S"),
                ("ACCT", 2, 4, "S"),
            ]
            if r.random() < 0.5:
                steps.append(("G", 1, 4, "S"))
            case, t2 = self.counter(F_KODOMO, p.pid, t, steps, extra=ex)
            bo = [("KEY", 3, 8)]
            if r.random() < 0.4:
                bo.append(("VISIT", 30, 70))
            bo += [("DEC", 5, 15), ("NOTE", 1, 2, "B")]
            self.back(F_KODOMO, case, p.pid, t2, bo, lag=(3, 12), extra=ex)
            return t2
        # 現況届 (August)
        steps = [("ID", 1, 3, "S"), ("F_GEN", 5, 12, "R"), ("HH", 1, 3, "S"), ("INC", 1, 4, "S")]
        case, t2 = self.counter(F_KODOMO, p.pid, t, steps, extra=ex)
        self.back(
            F_KODOMO, case, p.pid, t2, [("DEC", 2, 6), ("NOTE", 1, 2, "B")], lag=(10, 40), extra=ex
        )
        return t2

    def gakumu(self, p, t, kids, by_mail=False):
        r = self.rng
        ex = {"kids": kids, "school": r.choice(SCHOOLS)}
        if by_mail:
            case = self.new_case(F_GAKUMU)
            t2 = self.back(F_GAKUMU, case, p.pid, t, [("MAILIN", 2, 5)], lag=(0, 3), extra=ex)
        else:
            case, t2 = self.counter(
                F_GAKUMU, p.pid, t, [("ID", 1, 3, "S"), ("F", 5, 12, "R")], extra=ex, ticket=False
            )
        steps = [("HH", 1, 3), ("INC", 2, 6), ("KEY", 3, 6)]
        if r.random() < 0.8:
            steps.insert(2, ("ACCT", 2, 4))
        t3 = self.back(F_GAKUMU, case, p.pid, t2, steps, lag=(1, 10), extra=ex)
        self.back(
            F_GAKUMU,
            case,
            p.pid,
            t3,
            [("DEC", 3, 8), ("NOTE", 1, 2, "B"), ("SCH", 1, 2, "B")],
            lag=(5, 25),
            extra=ex,
        )
        return t2

    def jutaku(self, p, t, hh):
        r = self.rng
        g = r.choice(self.households)
        ex = {
            "employer": r.choice(EMPLOYERS),
            "emp_tel": make_tel(r),
            "guarantor": g.members[0],
            "guar_addr": g.addr,
            "danchi": r.choice(DANCHI),
        }
        steps = [("F", 10, 25, "R"), ("ID", 1, 3, "S"), ("RCV", 5, 12, "S"), ("COPY", 2, 5, "S")]
        case, t2 = self.counter(F_JUTAKU, p.pid, t, steps, extra=ex, ticket=False)
        t3 = self.back(
            F_JUTAKU,
            case,
            p.pid,
            t2,
            [("KEY", 4, 9), ("HH", 2, 5), ("INC", 3, 8)],
            lag=(2, 10),
            extra=ex,
        )
        bo = [("DEC", 10, 25)]
        if r.random() < 0.3:
            bo.append(("VISIT", 40, 100))
        t4 = self.back(F_JUTAKU, case, p.pid, t3, bo, lag=(7, 20), extra=ex)
        if r.random() < 0.85:
            t5 = self.back(F_JUTAKU, case, p.pid, t4, [("LOT", 1, 2, "B")], lag=(10, 20), extra=ex)
            if r.random() < 0.35:
                t6 = self.back(
                    F_JUTAKU, case, p.pid, t5, [("NOTE", 1, 3, "B")], lag=(1, 5), extra=ex
                )
                d = workday(t6.date() + dt.timedelta(days=r.randint(7, 20)))
                self.counter(
                    F_JUTAKU,
                    p.pid,
                    self.arrive(d),
                    [("ACCT", 4, 10, "S")],
                    extra=ex,
                    ticket=False,
                    case=case,
                )
        return t2

    def nozei(self, p, t, kind, purpose="本人確認用"):
        r = self.rng
        ex = {"purpose": purpose, "kind": kind}
        if kind == "cert":
            steps = [("F_CERT", 3, 7, "R"), ("ID", 1, 2, "S")]
            if r.random() < 0.4:
                steps.append(("ARR", 1, 3, "S"))
            steps.append(("K_CERT", 2, 4, "S"))
        else:
            steps = [("ID", 1, 2, "S"), ("F_DEBIT", 4, 9, "R"), ("ACCT", 2, 5, "S")]
        _case, t2 = self.counter(F_NOZEI, p.pid, t, steps, extra=ex)
        return t2

    # --- life events
    def run(self):
        r = self.rng
        hhs = list(self.households)
        r.shuffle(hhs)
        n = len(hhs)
        moved_in = set(h.hid for h in hhs[: int(n * 0.16)])
        moved_out = set(h.hid for h in hhs[int(n * 0.16) : int(n * 0.24)])
        moved_within = set(h.hid for h in hhs[int(n * 0.24) : int(n * 0.31)])
        prior_movers = set(h.hid for h in hhs[int(n * 0.31) : int(n * 0.37)])
        self.in_day, self.out_day = {}, {}
        for h in self.households:
            if (
                h.hid in prior_movers
            ):  # moved inside the city before the year: old address in slow copies
                old = make_addr(r)
                for m in h.members:
                    m.old_addr, m.move_day = old, FY0 - dt.timedelta(days=r.randint(30, 400))
            if h.hid in moved_within:
                old, h.addr = h.addr, make_addr(r)
                d = self.moving_day()
                for m in h.members:
                    m.old_addr, m.addr, m.move_day = old, h.addr, d
                head = h.members[0]
                t = self.shimin(head, self.arrive(d), "mv", h.members)
                for m in h.members:
                    if m.age(d) >= 75 and r.random() < 0.7:
                        t = self.kouki(m, self.walk(t), "mv")
        for h in self.households:
            head = h.members[0]
            lo, hi = FY0, FY1
            if h.hid in moved_in:
                d = self.moving_day()
                self.in_day[h.hid] = d
                lo = d
                t = self.shimin(head, self.arrive(d, 13.5), "in", h.members)
                for m in h.members:
                    if m.age(d) >= 75:
                        t = self.kouki(m, self.walk(t), "get")
                    elif 20 <= m.age(d) < 60 and m.role != "child" and r.random() < 0.3:
                        t = self.nenkin(m, self.walk(t), "enrol")
                kids = h.kids(0, 14, d)
                if kids:
                    t = self.kodomo(head, self.walk(t), "iryo", kids)
                    if h.kind == "single_parent" and r.random() < 0.7:
                        t = self.kodomo(head, self.walk(t), "fuyo", kids)
                small = h.kids(0, 5, d)
                if small and r.random() < 0.5:
                    t = self.hoiku(head, small[0], self.walk(t), h)
                school = h.kids(6, 14, d)
                if school and head.income < 3.0e6 and r.random() < 0.6:
                    t = self.gakumu(head, self.walk(t), school)
            if h.hid in moved_out:
                d = self.moving_day()
                self.out_day[h.hid] = d
                hi = d - dt.timedelta(days=1)
                t = self.shimin(head, self.arrive(d, 14), "out", h.members)
                for m in h.members:
                    if m.age(d) >= 75:
                        t = self.kouki(m, self.walk(t), "loss")
                if h.kids(0, 14, d):
                    t = self.kodomo(head, self.walk(t), "iryo_ret", h.kids(0, 14, d))
            if hi <= lo + dt.timedelta(days=10):
                continue
            self.ordinary(h, head, lo, hi)
        # cross-case same-day combos done in ordinary(); done

    def ordinary(self, h, head, lo, hi):
        r = self.rng
        adults = h.adults()
        within = lambda a, b: (max(lo, a), min(hi, b)) if max(lo, a) < min(hi, b) else None  # noqa: E731
        # certificates (some for a 市営住宅 application)
        for _ in range(r.choice([0, 0, 0, 1, 1, 2])):
            p = r.choice(adults)
            d = self.day_in(lo, hi)
            t = self.shimin(p, self.arrive(d), "cert")
            if r.random() < 0.25:
                self.nozei(p, self.walk(t), "cert", "勤務先提出用")
        # 市営住宅 (recruitment in May and November): 住民票 + 課税証明 on the same day first
        if head.income < 2.6e6 and r.random() < 0.2:
            win = (
                within(dt.date(2025, 5, 7), dt.date(2025, 5, 23))
                if r.random() < 0.5
                else within(dt.date(2025, 11, 4), dt.date(2025, 11, 21))
            )
            if win:
                d = self.day_in(*win)
                t = self.arrive(d, 13)
                if r.random() < 0.7:
                    t = self.walk(self.shimin(head, t, "cert"))
                    t = self.walk(self.nozei(head, t, "cert", "市営住宅入居申込"))
                self.jutaku(head, t, h)
        # 口座振替 at the tax office
        if r.random() < 0.12:
            self.nozei(r.choice(adults), self.arrive(self.day_in(lo, hi)), "debit")
        # pregnancies
        for p in adults:
            if (
                p.sex == "女"
                and 20 <= p.age(FY0) <= 41
                and h.kind in ("family", "young", "single_parent")
                and r.random() < 0.16
            ):
                self.boshi(p, self.arrive(self.day_in(lo, hi)))
        # 保育 applications (autumn, for April)
        small = h.kids(0, 5)
        win = within(dt.date(2025, 10, 1), dt.date(2025, 12, 12))
        if small and win and h.hid not in self.in_day and r.random() < 0.35:
            self.hoiku(head, r.choice(small), self.arrive(self.day_in(*win)), h)
        # 就学援助 (April, most through school by mail)
        school = h.kids(6, 14)
        win = within(dt.date(2025, 4, 7), dt.date(2025, 5, 16))
        if (
            school
            and win
            and head.income < 3.2e6
            and h.hid not in self.in_day
            and r.random() < 0.55
        ):
            d = self.day_in(*win)
            self.gakumu(head, self.arrive(d), school, by_mail=r.random() < 0.55)
        # 児童扶養手当 現況届 (August) / new claims
        kids = h.kids(0, 15)
        if h.kind == "single_parent" and kids and h.hid not in self.in_day:
            win = within(dt.date(2025, 8, 1), dt.date(2025, 8, 29))
            if win and r.random() < 0.75:
                t = self.kodomo(head, self.arrive(self.day_in(*win)), "gen", kids)
                if r.random() < 0.2:
                    self.nozei(head, self.walk(t), "cert", "児童扶養手当")
            elif r.random() < 0.5:
                self.kodomo(head, self.arrive(self.day_in(lo, hi)), "fuyo", kids)
        if kids and h.hid not in self.in_day and r.random() < 0.06:  # lost / renewed 医療証
            self.kodomo(head, self.arrive(self.day_in(lo, hi)), "iryo", kids)
        # 国民年金: 20歳到達 / 退職 enrolment, exemption
        for p in h.members:
            a = p.age(FY0)
            if 20 <= a < 60 and ((a <= 21 and r.random() < 0.5) or r.random() < 0.07):
                d = self.day_in(lo, hi)
                t = self.nenkin(p, self.arrive(d), "enrol" if r.random() < 0.6 else "exempt")
                if h.kind == "single_parent" and kids and r.random() < 0.3:
                    self.kodomo(p, self.walk(t), "fuyo", kids)
            # 後期高齢: 75歳到達 (batch, no counter) and 高額療養費 account registrations
            if 74 <= a <= 75:
                d75 = (
                    p.dob.replace(year=p.dob.year + 75)
                    if not (p.dob.month == 2 and p.dob.day == 29)
                    else dt.date(p.dob.year + 75, 3, 1)
                )
                if lo <= d75 <= hi:
                    case = self.new_case(F_KOUKI)
                    at = dt.datetime.combine(
                        workday(max(FY0, d75 - dt.timedelta(days=20))), dt.time(6, 0)
                    )
                    t = self.ev(F_KOUKI, case, "AUTO", at, 0.2, "B", p.pid)
                    self.back(F_KOUKI, case, p.pid, t, [("MAIL", 0.1, 0.3, "B")], lag=(1, 3))
            if a >= 75 and r.random() < 0.22:
                self.kouki(p, self.arrive(self.day_in(lo, hi)), "kogaku")

    # --------------------------------------------------------------------------- values per copy
    STALE = {  # noqa: RUF012
        F_KOUKI: 0.03,
        F_NENKIN: 0.10,
        F_HOIKU: 0.05,
        F_BOSHI: 0.02,
        F_KODOMO: 0.05,
        F_GAKUMU: 0.08,
        F_JUTAKU: 0.03,
        F_NOZEI: 0.07,
    }

    def v_addr(self, f, p, t: dt.datetime):
        a = p.addr_at(t.date())
        if (
            f != F_SHIMIN
            and p.move_day
            and t.date() >= p.move_day
            and self.prng(f, p.pid, "stale").random() < self.STALE[f] * 3
        ):
            a = p.old_addr
        return a

    def fmt_addr(self, f, p, a, with_kata=False):
        town, c, b, g, kata = a
        rr = self.prng(f, p.pid, "addr")
        style = {
            F_SHIMIN: "std",
            F_KOUKI: "kan",
            F_NENKIN: "zen",
            F_HOIKU: "hyph",
            F_BOSHI: "mix",
            F_KODOMO: "short",
            F_GAKUMU: "hyph_city",
            F_JUTAKU: "kan_all",
            F_NOZEI: "hyph",
        }[f]
        if rr.random() < 0.15:
            style = "std"
        s = {
            "std": f"ゆうひ市{town}{c}丁目{b}番{g}号",
            "kan": f"{town}{kanji_num(c)}丁目{b}番{g}号",
            "zen": f"夕日市{town}{c}-{b}-{g}".translate(ZEN),
            "hyph": f"{town}{c}-{b}-{g}",
            "mix": f"夕日市{town}{c}丁目{b}-{g}",
            "short": f"{town}{c}丁目{b}番{g}号",
            "hyph_city": f"夕日市{town}{c}-{b}-{g}",
            "kan_all": f"夕日市{town}{kanji_num(c)}丁目{kanji_num(b)}番{kanji_num(g)}号",
        }[style]
        if with_kata and kata and rr.random() > 0.12:
            s += ("　" if f == F_JUTAKU else " ") + (
                kata.translate(ZEN) if f in (F_JUTAKU, F_NENKIN) else kata
            )
        return s

    def v_kata(self, f, p, a):
        kata = a[4]
        return "" if (kata and self.prng(f, p.pid, "kata").random() < 0.12) else kata

    def v_name(self, f, p, sep="　"):
        rr = self.prng(f, p.pid, "name")
        sur = p.sur
        if p.itaiji:
            sur = (
                "".join(ITAIJI.get(c, c) for c in sur)
                if (f == F_SHIMIN or rr.random() < 0.5)
                else sur
            )
        if p.old_sur and f in (F_KODOMO, F_GAKUMU, F_NOZEI, F_NENKIN) and rr.random() < 0.35:
            sur = p.old_sur[0]
        if f in (F_HOIKU, F_JUTAKU) and rr.random() < 0.004:
            sur = sur[:-1] + "田" if len(sur) > 1 else sur  # typo
        return f"{sur}{sep}{p.given}"

    def v_kana(self, f, p):
        rr = self.prng(f, p.pid, "kana")
        sur_k = (
            p.old_sur[1]
            if (
                p.old_sur
                and f in (F_KODOMO, F_GAKUMU, F_NENKIN)
                and self.prng(f, p.pid, "name").random() < 0.35
            )
            else p.sur_k
        )
        k = f"{sur_k}　{p.given_k}"
        if rr.random() < 0.04:
            k = (
                k.replace("ヅ", "ズ")
                .replace("ヂ", "ジ")
                .replace("ユウ", "ユー")
                .replace("ョウ", "ョー")
            )
        if f == F_NENKIN:
            return half_kana(k)
        if f == F_KODOMO:
            return hira(k).replace("　", " ")
        if f in (F_KOUKI, F_GAKUMU) and rr.random() < 0.5:
            return k.replace("　", "")
        return k

    def v_dob(self, f, p):
        d = p.dob
        rr = self.prng(f, p.pid, "dob")
        if f in (F_KODOMO, F_JUTAKU, F_GAKUMU, F_HOIKU) and rr.random() < 0.004:
            d = d + dt.timedelta(days=rr.choice([-1, 1, 30]))
        era, code, y = wareki(d)
        return {
            F_SHIMIN: d.isoformat(),
            F_KOUKI: f"{era}{y}年{d.month}月{d.day}日",
            F_NENKIN: f"{code}{y:02d}.{d.month:02d}.{d.day:02d}",
            F_HOIKU: d.strftime("%Y/%m/%d"),
            F_BOSHI: f"{d.year}/{d.month}/{d.day}",
            F_KODOMO: d.strftime("%Y/%m/%d"),
            F_GAKUMU: f"{era}{y}年{d.month}月{d.day}日",
            F_JUTAKU: f"{era}{y}年{d.month:02d}月{d.day:02d}日",
        }[f]

    def v_tel(self, f, p):
        rr = self.prng(f, p.pid, "tel")
        pref_home = {
            F_SHIMIN: 0.8,
            F_KOUKI: 0.85,
            F_NENKIN: 0.3,
            F_HOIKU: 0.2,
            F_BOSHI: 0.1,
            F_KODOMO: 0.3,
            F_GAKUMU: 0.5,
            F_JUTAKU: 0.5,
            F_NOZEI: 0.6,
        }[f]
        tel = (p.tel_home or p.tel_mob) if rr.random() < pref_home else (p.tel_mob or p.tel_home)
        if tel and rr.random() < 0.03:
            tel = make_tel(rr, tel.startswith("0") and not tel.startswith("0299"))  # stale number
        if f == F_NOZEI:
            tel = tel.replace("-", "")
        elif f == F_NENKIN and tel.startswith("0299"):
            a, b, c = tel.split("-")
            tel = f"{a}({b}){c}"
        return tel

    def v_acct(self, f, p):
        rr = self.prng(f, p.pid, "acct")
        if not p.accounts:
            return None
        a = p.accounts[1] if (len(p.accounts) > 1 and rr.random() < 0.4) else p.accounts[0]
        if p.closed_acct and rr.random() < 0.5:
            a = p.closed_acct
        return a

    def v_income(self, f, p):
        rr = self.prng(f, p.pid, "inc")
        v = p.income_prev if rr.random() < 0.03 else p.income
        return f"{v:,}" if f == F_JUTAKU else str(v)

    # --------------------------------------------------------------------------- writing
    def rows(self, f):
        out = []
        P = self.people
        for e in self.events[f]:
            p = P[e["pid"]]
            caps = set(CAPTURE.get(e["code"], "").split())
            repeat = f in (
                F_JUTAKU,
                F_NOZEI,
            )  # these exports repeat the case attributes on every row
            if repeat:
                caps = {"basic", "addr", "income", "bank", "tel"}
            basic = "basic" in caps
            addr = basic or "addr" in caps
            t, ex = e["start"], e["extra"]
            a = self.v_addr(f, p, t) if addr else None
            acct = self.v_acct(f, p) if ("bank" in caps) else None
            row = {}
            if f == F_SHIMIN:
                row = {
                    "受付番号": e["case"],
                    "手続区分": {"in": "転入", "out": "転出", "mv": "転居", "cert": "証明"}[
                        ex["kind"]
                    ],
                    "処理内容": e["act"],
                    "処理日時": t.strftime("%Y-%m-%d %H:%M:%S"),
                    "終了日時": e["end"].strftime("%Y-%m-%d %H:%M:%S"),
                    "担当者": e["res"],
                    "宛名番号": p.pid,
                    "氏名": self.v_name(f, p) if basic else "",
                    "フリガナ": self.v_kana(f, p) if basic else "",
                    "生年月日": self.v_dob(f, p) if basic else "",
                    "性別": p.sex if basic else "",
                    "住所": self.fmt_addr(f, p, a) if addr else "",
                    "方書": a[4] if addr else "",
                    "電話番号": self.v_tel(f, p) if e["code"].startswith("F_") else "",
                }
            elif f == F_KOUKI:
                row = {
                    "受付番号": e["case"],
                    "処理内容": e["act"],
                    "処理日時": f"{t:%Y/%m/%d} {t.hour}:{t:%M}",
                    "完了日時": f"{e['end']:%Y/%m/%d} {e['end'].hour}:{e['end']:%M}",
                    "担当者": e["res"],
                    "宛名番号": p.pid,
                    "被保険者番号": f"{int(p.pid) % 9000000 + 1000000:08d}",
                    "氏名": self.v_name(f, p) if basic else "",
                    "カナ氏名": self.v_kana(f, p) if basic else "",
                    "生年月日": self.v_dob(f, p) if basic else "",
                    "性別": p.sex if basic else "",
                    "住所": self.fmt_addr(f, p, a) if addr else "",
                    "方書": self.v_kata(f, p, a) if addr else "",
                    "電話番号": self.v_tel(f, p) if basic else "",
                    "緊急連絡先電話": self.v_emerg(p) if basic else "",
                    "判定所得額": self.v_income(f, p) if "income" in caps else "",
                    "振込口座": f"{acct[1]} {acct[3]} 普通 {acct[4]}" if acct else "",
                }
            elif f == F_NENKIN:
                row = {
                    "Receipt No": e["case"],
                    "Transaction": e["act"],
                    "Date/Time": t.strftime("%m/%d/%Y %I:%M %p"),
                    "Operator": e["res"],
                    "Basic Pension No": p.kiso or f"0000-{p.pid[2:]}",
                    "Name (Kanji)": self.v_name(f, p, " "),
                    "Name (Kana)": self.v_kana(f, p),
                    "Date of Birth": self.v_dob(f, p),
                    "Address": self.fmt_addr(f, p, a, True) if addr else "",
                    "Phone": self.v_tel(f, p) if basic else "",
                    "Prior Year Income": self.v_income(f, p) if "income" in caps else "",
                    "Debit Account": f"{acct[0]}-{acct[2]} {acct[4]}" if acct else "",
                }
            elif f == F_HOIKU:
                c, g = ex["child"], ex["guardian"]
                a = self.v_addr(f, c, t) if addr else None
                row = {
                    "申込番号": e["case"],
                    "処理": e["act"],
                    "処理日時": t.strftime("%Y-%m-%dT%H:%M"),
                    "担当": e["res"],
                    "児童宛名番号": c.pid,
                    "保護者宛名番号": g.pid if basic else "",
                    "児童氏名": self.v_name(f, c) if basic else "",
                    "児童氏名カナ": self.v_kana(f, c) if basic else "",
                    "児童生年月日": self.v_dob(f, c) if basic else "",
                    "住所": self.fmt_addr(f, c, a, True) if addr else "",
                    "保護者氏名": self.v_name(F_KODOMO, g) if basic else "",
                    "保護者電話番号": self.v_tel(f, g) if basic else "",
                    "保護者勤務先電話": make_tel(self.prng("emp", g.pid))
                    if e["code"] == "F"
                    else "",
                    "世帯市民税所得割額": str(int(g.income * 0.06 / 100) * 100)
                    if "income" in caps
                    else "",
                    "希望施設": ex["facility"][0] if e["code"] == "F" else "",
                    "希望施設所在地": ex["facility"][1] if e["code"] == "F" else "",
                }
            elif f == F_BOSHI:
                sp = ex["spouse"]
                row = {
                    "届出番号": e["case"],
                    "業務": e["act"],
                    "実施日時": t,
                    "終了時刻": e["end"],
                    "担当職員": e["res"],
                    "宛名番号": p.pid,
                    "妊婦氏名": self.v_name(f, p) if basic else None,
                    "妊婦氏名カナ": self.v_kana(f, p) if basic else None,
                    "妊婦生年月日": self.v_dob(f, p) if basic else None,
                    "住所": self.fmt_addr(f, p, a) if addr else None,
                    "連絡先電話": self.v_tel(f, p) if (basic or e["code"] == "INT") else None,
                    "配偶者氏名": (self.v_name(f, sp) if sp else "") if basic else None,
                    "分娩予定日": ex["due"].strftime("%Y/%m/%d") if basic else None,
                    "受診医療機関電話": ex["clinic"] if basic else None,
                }
            elif f == F_KODOMO:
                kids = ex["kids"]
                row = {
                    "受付ID": e["case"],
                    "事業": ex["jigyo"],
                    "手続き内容": e["act"],
                    "日時": f"{t.year}/{t.month}/{t.day} {t:%H:%M}",
                    "終了": f"{e['end'].year}/{e['end'].month}/{e['end'].day} {e['end']:%H:%M}",
                    "職員": e["res"],
                    "宛名番号": p.pid,
                    "申請者氏名": self.v_name(f, p) if basic else "",
                    "ふりがな": self.v_kana(f, p) if basic else "",
                    "生年月日": self.v_dob(f, p) if basic else "",
                    "住所": self.fmt_addr(f, p, a) if addr else "",
                    "電話": self.v_tel(f, p) if basic else "",
                    "金融機関": acct[1] if acct else "",
                    "支店": acct[3] if acct else "",
                    "口座番号": acct[4] if acct else "",
                    "所得額": self.v_income(f, p) if "income" in caps else "",
                    "児童氏名": "・".join(self.v_name(f, k) for k in kids) if basic else "",
                    "児童生年月日": "・".join(self.v_dob(f, k) for k in kids) if basic else "",
                }
            elif f == F_GAKUMU:
                kids, sch = ex["kids"], ex["school"]
                row = {
                    "受付番号": e["case"],
                    "処理内容": e["act"],
                    "処理日": t.strftime("%Y/%m/%d"),
                    "処理時刻": t.strftime("%H:%M"),
                    "担当": e["res"],
                    "宛名番号": p.pid,
                    "保護者氏名": self.v_name(f, p) if basic else "",
                    "保護者カナ": self.v_kana(f, p) if basic else "",
                    "保護者生年月日": self.v_dob(f, p) if basic else "",
                    "住所": self.fmt_addr(f, p, a) if addr else "",
                    "方書": self.v_kata(f, p, a) if addr else "",
                    "電話": self.v_tel(f, p) if basic else "",
                    "前年所得": self.v_income(f, p) if "income" in caps else "",
                    "振込口座": f"{acct[0]}-{acct[2]}-{acct[4]}" if acct else "",
                    "児童生徒氏名": self.v_name(f, kids[0]) if basic else "",
                    "学校名": sch[0] if basic else "",
                    "学校電話番号": sch[1] if basic else "",
                }
            elif f == F_JUTAKU:
                g = ex["guarantor"]
                acct = self.v_acct(f, p) if e["code"] == "ACCT" else None
                row = {
                    "申込受付番号": e["case"],
                    "事務処理内容": e["act"],
                    "処理年月日時刻": jp_time(t),
                    "処理担当職員": e["res"],
                    "宛名番号": f"{int(p.pid):010d}",
                    "申込者氏名": self.v_name(f, p),
                    "申込者氏名カナ": self.v_kana(f, p),
                    "申込者生年月日": self.v_dob(f, p),
                    "申込者現住所": self.fmt_addr(f, p, a, True),
                    "申込者連絡先電話番号": self.v_tel(f, p),
                    "申込者所得金額": self.v_income(f, p),
                    "勤務先名称": ex["employer"],
                    "勤務先電話番号": ex["emp_tel"],
                    "連帯保証人氏名": self.v_name(F_SHIMIN, g),
                    "連帯保証人住所": self.fmt_addr(F_SHIMIN, g, ex["guar_addr"]),
                    "希望団地名": ex["danchi"][0],
                    "希望団地所在地": ex["danchi"][1],
                    "口座振替金融機関名": f"{acct[1]}{acct[3]}" if acct else "",
                    "口座振替口座番号": f"普通{acct[4]}" if acct else "",
                }
            elif f == F_NOZEI:
                acct = self.v_acct(f, p) if e["code"] == "ACCT" else None
                row = {
                    "受付No": e["case"],
                    "業務内容": e["act"],
                    "処理日時": t.strftime("%Y%m%d%H%M%S"),
                    "担当者コード": e["res"],
                    "宛名コード": p.pid,
                    "納税者氏名": self.v_name(f, p, ""),
                    "住所": self.fmt_addr(f, p, a),
                    "電話番号": self.v_tel(f, p),
                    "証明種類": "所得課税証明書" if ex["kind"] == "cert" else "",
                    "使用目的": ex["purpose"] if ex["kind"] == "cert" else "口座振替",
                    "金融機関コード": acct[0] if acct else "",
                    "店番": acct[2] if acct else "",
                    "口座番号": acct[4] if acct else "",
                }
            out.append(row)
        return out

    def v_emerg(self, p):
        others = [m for m in p.hh.members if m is not p and (m.tel_mob or m.tel_home)]
        if others:
            o = others[0]
            return o.tel_mob or o.tel_home
        return make_tel(self.prng("emerg", p.pid), True)


def jp_time(t: dt.datetime) -> str:
    era, _, y = wareki(t.date())
    return f"{era}{y}年{t.month}月{t.day}日 {t.hour}時{t.minute:02d}分"


def workday(d: dt.date) -> dt.date:
    while d.weekday() >= 5 or (d.month, d.day) in (
        (1, 1),
        (1, 2),
        (1, 3),
        (12, 29),
        (12, 30),
        (12, 31),
    ):
        d += dt.timedelta(days=1)
    return d


# --------------------------------------------------------------------------- truth
SILOS = {
    F_SHIMIN: {
        "氏名": "NAME",
        "フリガナ": "KANA",
        "生年月日": "DOB",
        "性別": "SEX",
        "住所": "ADDR",
        "方書": "KATA",
        "電話番号": "TEL",
    },
    F_KOUKI: {
        "氏名": "NAME",
        "カナ氏名": "KANA",
        "生年月日": "DOB",
        "性別": "SEX",
        "住所": "ADDR",
        "方書": "KATA",
        "電話番号": "TEL",
        "判定所得額": "INCOME",
        "振込口座": "BANK",
    },
    F_NENKIN: {
        "Name (Kanji)": "NAME",
        "Name (Kana)": "KANA",
        "Date of Birth": "DOB",
        "Address": "ADDR",
        "Phone": "TEL",
        "Prior Year Income": "INCOME",
        "Debit Account": "BANK",
    },
    F_HOIKU: {"児童氏名": "NAME", "児童氏名カナ": "KANA", "児童生年月日": "DOB", "住所": "ADDR"},
    F_BOSHI: {
        "妊婦氏名": "NAME",
        "妊婦氏名カナ": "KANA",
        "妊婦生年月日": "DOB",
        "住所": "ADDR",
        "連絡先電話": "TEL",
    },
    F_KODOMO: {
        "申請者氏名": "NAME",
        "ふりがな": "KANA",
        "生年月日": "DOB",
        "住所": "ADDR",
        "電話": "TEL",
        "金融機関": "BANK",
        "支店": "BANK",
        "口座番号": "BANK",
        "所得額": "INCOME",
    },
    F_GAKUMU: {
        "保護者氏名": "NAME",
        "保護者カナ": "KANA",
        "保護者生年月日": "DOB",
        "住所": "ADDR",
        "方書": "KATA",
        "電話": "TEL",
        "前年所得": "INCOME",
        "振込口座": "BANK",
    },
    F_JUTAKU: {
        "申込者氏名": "NAME",
        "申込者氏名カナ": "KANA",
        "申込者生年月日": "DOB",
        "申込者現住所": "ADDR",
        "申込者連絡先電話番号": "TEL",
        "申込者所得金額": "INCOME",
        "口座振替金融機関名": "BANK",
        "口座振替口座番号": "BANK",
    },
    F_NOZEI: {
        "納税者氏名": "NAME",
        "住所": "ADDR",
        "電話番号": "TEL",
        "金融機関コード": "BANK",
        "店番": "BANK",
        "口座番号": "BANK",
    },
}
DECOYS = {
    F_KOUKI: ["緊急連絡先電話"],
    F_HOIKU: [
        "保護者宛名番号",
        "保護者氏名",
        "保護者電話番号",
        "保護者勤務先電話",
        "世帯市民税所得割額",
        "希望施設所在地",
    ],
    F_BOSHI: ["配偶者氏名", "分娩予定日", "受診医療機関電話"],
    F_KODOMO: ["児童氏名", "児童生年月日"],
    F_GAKUMU: ["児童生徒氏名", "学校電話番号"],
    F_JUTAKU: [
        "勤務先名称",
        "勤務先電話番号",
        "連帯保証人氏名",
        "連帯保証人住所",
        "希望団地所在地",
    ],
}


def write_truth(out: Path):
    out.mkdir(parents=True, exist_ok=True)

    def w(name, header, rows):
        with open(out / name, "w", newline="", encoding="utf-8") as fh:
            wr = csv.writer(fh)
            wr.writerow(header)
            wr.writerows(rows)

    w(
        "duplicates.csv",
        ["cluster", "department", "activity"],
        [(c, DEPT[f][1], A[f][code]) for c, mem in CLUSTERS.items() for f, code in mem],
    )
    w(
        "negatives.csv",
        ["group", "department", "activity"],
        [(g, DEPT[f][1], A[f][code]) for g, mem in NEGATIVES.items() for f, code in mem],
    )
    w(
        "aliases.csv",
        ["department", "alias", "activity"],
        [(DEPT[f][1], alias, A[f][code]) for (f, code), alias in ALIASES.items()],
    )
    w(
        "silos.csv",
        ["field", "department", "column", "file"],
        [
            (fld, DEPT[f][1], col, DEPT[f][0])
            for f, cols in SILOS.items()
            for col, fld in cols.items()
        ],
    )
    w(
        "decoys.csv",
        ["department", "column"],
        [(DEPT[f][1], col) for f, cols in DECOYS.items() for col in cols],
    )


def write_city(town: Town, out: Path):
    out.mkdir(parents=True, exist_ok=True)
    n_events, persons = 0, set()
    for f, (fname, _dept) in DEPT.items():
        town.events[f].sort(key=lambda e: (e["start"], e["case"]))
        rows = town.rows(f)
        n_events += len(rows)
        persons.update(e["pid"] for e in town.events[f])
        if f in (F_HOIKU,):
            persons.update(e["extra"]["guardian"].pid for e in town.events[f])
        df = pd.DataFrame(rows)
        path = out / fname
        if f == F_BOSHI:
            for col in ("実施日時", "終了時刻"):
                df[col] = pd.to_datetime(df[col])
            df.to_parquet(path, index=False)
        elif f == F_HOIKU:
            df.to_csv(path, sep="\t", index=False, encoding="utf-8")
        elif f == F_KODOMO:
            with open(path, "w", newline="", encoding="utf-8") as fh:
                fh.write("こども福祉課 受付処理ログ（児童扶養手当・子ども医療費助成）\n")
                fh.write(f"出力日,{dt.date(2026, 4, 2):%Y/%m/%d}\n")
                df.to_csv(fh, index=False)
        elif f in (F_KOUKI, F_GAKUMU, F_JUTAKU):
            df.to_csv(path, index=False, encoding="cp932")
        elif f == F_SHIMIN:
            df.to_csv(path, index=False, encoding="utf-8-sig")
        else:
            df.to_csv(path, index=False, encoding="utf-8")
    toml = ["# ゆうひ市: one file per department system (医療年金課 runs two systems)"]
    for fname, dept in DEPT.values():
        toml += [f'[files."{fname}"]', f'department = "{dept}"']
    (out / "procmine.toml").write_text("\n".join(toml) + "\n", encoding="utf-8")
    return n_events, persons


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    out = Path(args.out)
    town = Town(args.seed)
    town.run()
    n_events, persons = write_city(town, out / "city")
    write_truth(out / "truth")
    print(
        f"ゆうひ市 seed {args.seed}: {len(set(d for _, d in DEPT.values()))} departments "
        f"({len(DEPT)} files), {n_events} events, {len(persons)} residents -> {out}"
    )


if __name__ == "__main__":
    main()
