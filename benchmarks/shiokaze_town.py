"""しおかぜ町: a held-out test town written by an outside reviewer (2026-11-28).

Usage::

    .venv/bin/python benchmarks/shiokaze_town.py OUT [--seed 7]

writes ``OUT/town/`` (nine exports and a ``procmine.toml`` naming their departments) and
``OUT/truth/``, and prints one summary line first. Deterministic for a seed; stdlib + pandas /
pyarrow only. Written without reading procmine's code, tests, sample generator or the other towns.

The town: about 2,500 sampled residents, one fiscal year (令和7年度, 2025-04-01 … 2026-03-31), seven
core department systems and 農林課 outside the core, plus the shared queue-ticket machine:

=================  ==========================  =========================================================
department          file                        shape
=================  ==========================  =========================================================
住民生活課          jumin_seikatsu.csv (UTF-8)  受付番号, 宛名番号 (10 digits), 処理内容, 開始日時/終了日時,
                                                clerk abbreviations (住異入力 → 住異入力確認（決裁）), 番号札
税務課              zeimu_R7.csv (CP932)        整理番号, 宛名番号 (8 digits), 事務内容, 開始/終了
健康保険課          kokuho_shikaku.parquet      keyed by 被保険者番号 (its own numbering) with 氏名 + 生年月日
                                                (和暦) beside; datetime columns; 国保資取入力 + its 決裁
子育て支援課        kosodate.tsv (UTF-8 TSV)    宛名番号 unpadded, 児手認請受 …, 児童氏名 and 保育施設住所 decoys
長寿介護課          choju_kaigo.csv (UTF-8)     English step codes (ID_CHK …) with a Japanese step_name column
福祉課              fukushi.csv (UTF-8 BOM)     long 公用文 labels, 和暦 birth dates, 緊急連絡先 decoys
教育委員会          kyoiku_iinkai.csv (CP932)   保護者 keyed, 児童生徒氏名 / 学校電話 decoys
農林課              norin.csv (UTF-8)           outside the core: 犬の登録, 農地転用審査, 鳥獣被害現地訪問 …
発券機              hakkenki.csv (UTF-8)        the shared ticket machine: 番号札, 窓口, 発券日時, 呼出日時,
                                                no resident key (linked only via the 番号札 in the logs,
                                                same day and same counter)
=================  ==========================  =========================================================

Every row is one step with a start and an end (two columns). Several departments log the same step
twice: the clerk's entry (「住異入力」「国保資取入力」「児手認定入力」「申告入力」) and, hours later, the
supervisor's approval of the same record (「…入力確認（決裁）」). These are one department's own work.

Truth conventions (fixed before procmine was run on the town):

* ``truth/duplicates.csv`` — ``cluster,department,activity``; ``activity`` is the primary label as
  written in the export's activity column (for 長寿介護課 the step code, e.g. ``ID_CHK``; its
  ``step_name`` description is listed as an alias). Clusters (koyo-city §3.6): ID 本人確認, FORM
  resident writes basic data, ADDR 住所の再確認 (住基照会), KEY 基本情報の手入力 (宛名 re-key), INCOME
  課税・所得照会, ACCT 口座登録, GUIDE 他課手続きの案内. No QUEUE cluster: the ticket machine is one
  shared system, the departments do not issue tickets of their own. A department's own entry and its
  決裁 (住異入力, 国保資取入力 …) are not KEY: KEY is only the explicit re-key of 宛名 data.
* ``truth/negatives.csv`` — ``group,department,activity``: 交付 (different certificates / cards), 審査
  (different decisions; 教育委員会's 所得審査 is INCOME and listed here too), 登録 (印鑑, 犬, 農地台帳
  and an account registration), 訪問 (保健師, 認定調査員, 相談員, 鳥獣被害), 決裁 (each department's own
  entry and approval of its own record).
* ``truth/aliases.csv`` — ``department,alias,activity``: old-system labels, ``_窓口`` suffixes,
  half-width brackets, a trailing 。, lower-case codes, and 長寿介護課's descriptions.
* ``truth/silos.csv`` — ``field,department,column,file``: each export column holding the resident's own
  NAME, KANA, DOB, ADDR, KATA, TEL, BANK, INCOME.
* ``truth/decoys.csv`` — ``department,column``: columns that look like a resident field but hold
  another person's name / phone, a facility's or a field's address, an employer's or a school's phone.
"""

from __future__ import annotations

import argparse
import csv
import random
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd

FY_START = date(2025, 4, 1)
FY_END = date(2026, 3, 31)
N_RESIDENTS = 2500

# ---------------------------------------------------------------- departments and files
DEPTS = {
    "jumin": ("住民生活課", "jumin_seikatsu.csv"),
    "zeimu": ("税務課", "zeimu_R7.csv"),
    "kokuho": ("健康保険課", "kokuho_shikaku.parquet"),
    "kosodate": ("子育て支援課", "kosodate.tsv"),
    "choju": ("長寿介護課", "choju_kaigo.csv"),
    "fukushi": ("福祉課", "fukushi.csv"),
    "kyoiku": ("教育委員会", "kyoiku_iinkai.csv"),
    "norin": ("農林課", "norin.csv"),
}
TICKET_FILE = ("発券機", "hakkenki.csv")
COUNTERS = {  # department -> (counter name on the ticket machine, ticket prefix, 業務区分)
    "jumin": ("1番 住民・戸籍", "A", "届出・証明"),
    "zeimu": ("3番 税務", "C", "税"),
    "kokuho": ("4番 国保・年金", "D", "保険・年金"),
    "kosodate": ("5番 子育て", "E", "子育て"),
    "choju": ("6番 介護・高齢", "F", "介護"),
    "fukushi": ("7番 福祉", "G", "福祉"),
    "kyoiku": ("8番 教育", "H", "教育"),
    "norin": ("9番 農林", "J", "その他"),
}

# ---------------------------------------------------------------- truth: clusters, negatives
CLUSTERS = {
    "ID": {
        "jumin": "本人確認",
        "zeimu": "申請者確認",
        "kokuho": "窓口本人確認",
        "kosodate": "保護者確認",
        "choju": "ID_CHK",
        "fukushi": "申請者の本人確認を行う",
        "kyoiku": "来庁保護者確認",
    },
    "FORM": {
        "jumin": "住異届記入",
        "zeimu": "申告書記入",
        "kokuho": "国保資取届記入",
        "kosodate": "児手認請書記入",
        "choju": "APP_FORM",
        "fukushi": "申請書に必要事項を記入していただく",
        "kyoiku": "就学援助申請書記入",
    },
    "ADDR": {
        "kokuho": "住記照会",
        "kosodate": "住所確認",
        "choju": "ADDR_INQ",
        "fukushi": "住民基本台帳により住所を確認する",
        "kyoiku": "住所確認（住基照会）",
    },
    "KEY": {
        "zeimu": "宛名修正入力",
        "kokuho": "宛名手入力",
        "kosodate": "宛名入力",
        "choju": "KEY_IN",
        "fukushi": "基本情報を入力する",
    },
    "INCOME": {
        "kokuho": "所得照会",
        "kosodate": "所得確認",
        "choju": "INC_INQ",
        "fukushi": "課税状況を照会する",
        "kyoiku": "所得審査",
    },
    "ACCT": {
        "zeimu": "口座振替申込受付",
        "kokuho": "口座登録",
        "kosodate": "児手口座登録",
        "choju": "ACCT_REG",
        "fukushi": "振込先口座を登録する",
        "kyoiku": "口座登録",
    },
    "GUIDE": {
        "jumin": "関連手続案内",
        "kokuho": "他課案内",
        "kosodate": "手続案内",
        "fukushi": "関係課の手続を案内する",
    },
}
NEGATIVES = {
    "交付": {
        "jumin": ["住民票写し交付", "印鑑登録証交付"],
        "zeimu": ["課税証明交付"],
        "kokuho": ["資格確認書交付"],
        "kosodate": ["児手認定通知書交付"],
        "choju": ["CARD_ISSUE"],
        "fukushi": ["障害者手帳を交付する"],
        "kyoiku": ["入学通知書交付"],
        "norin": ["注射済票交付"],
    },
    "審査": {
        "jumin": ["届書審査"],
        "zeimu": ["申告内容審査"],
        "kosodate": ["保育認定審査"],
        "choju": ["SHINSA"],
        "fukushi": ["市町村審査会に諮る"],
        "kyoiku": ["所得審査"],
        "norin": ["農地転用審査"],
    },
    "登録": {"jumin": ["印鑑登録"], "norin": ["犬の登録", "農地台帳登録"], "kyoiku": ["口座登録"]},
    "訪問": {
        "kosodate": ["家庭訪問（保健師）"],
        "choju": ["NINTEI_VISIT"],
        "fukushi": ["障害支援区分認定調査のため訪問する"],
        "kyoiku": ["教育相談員訪問"],
        "norin": ["鳥獣被害現地訪問"],
    },
    "決裁": {
        "jumin": ["住異入力", "住異入力確認（決裁）"],
        "zeimu": ["申告入力", "申告入力確認（決裁）"],
        "kokuho": ["国保資取入力", "国保資取入力確認（決裁）"],
        "kosodate": ["児手認定入力", "児手認定入力確認（決裁）"],
    },
}
CHOJU_NAMES = {  # step code -> description in the step_name column
    "ID_CHK": "来庁者確認",
    "APP_FORM": "要介護認定申請書記入",
    "ADDR_INQ": "住基照会（住所）",
    "KEY_IN": "被保険者情報手入力",
    "INC_INQ": "課税状況照会",
    "ACCT_REG": "高額介護サービス費口座登録",
    "NINTEI_VISIT": "認定調査（訪問）",
    "SHINSA": "介護認定審査会",
    "CARD_ISSUE": "介護保険証交付",
    "DECIDE": "要介護度決定入力",
}
# label noise within a department: (department, alias, primary), rate of use
ALIASES = [
    ("jumin", "住異入力_窓口", "住異入力", 0.10),
    ("jumin", "住民票の写しの交付", "住民票写し交付", 0.15),
    ("zeimu", "課税証明書交付", "課税証明交付", 0.20),
    ("zeimu", "申請者確認(窓口)", "申請者確認", 0.08),
    ("kokuho", "国保資格取得入力", "国保資取入力", 0.15),
    ("kokuho", "国保資格取得入力確認（決裁）", "国保資取入力確認（決裁）", 0.15),
    ("kosodate", "児童手当認定請求受付", "児手認請受", 0.12),
    ("fukushi", "申請者の本人確認を行う。", "申請者の本人確認を行う", 0.10),
    ("kyoiku", "来庁保護者確認_窓口", "来庁保護者確認", 0.10),
    ("choju", "id_chk", "ID_CHK", 0.05),
]

# ---------------------------------------------------------------- procedures (cases)
# step: (label, median minutes, when); when: "v" at the visit, "a" supervisor's approval hours
# later, "b" back office 0-2 days later, int = days after the visit, "R" resident writes.
PROCS = {
    "jumin_idou": (
        "jumin",
        [
            ("本人確認", 2, "v"),
            ("住異届記入", 8, "R"),
            ("届書審査", 4, "v"),
            ("住異入力", 7, "v"),
            ("住異入力確認（決裁）", 2, "a"),
            ("関連手続案内", 4, "v"),
        ],
    ),
    "jumin_copy": ("jumin", [("本人確認", 2, "v"), ("住民票写し交付", 5, "v")]),
    "jumin_inkan": (
        "jumin",
        [("本人確認", 2, "v"), ("印鑑登録", 5, "v"), ("印鑑登録証交付", 2, "v")],
    ),
    "zeimu_shinkoku": (
        "zeimu",
        [
            ("申請者確認", 2, "v"),
            ("申告書記入", 12, "R"),
            ("申告内容審査", 6, "v"),
            ("申告入力", 6, "v"),
            ("申告入力確認（決裁）", 2, "a"),
        ],
    ),
    "zeimu_shomei": ("zeimu", [("申請者確認", 2, "v"), ("課税証明交付", 4, "v")]),
    "zeimu_koza": (
        "zeimu",
        [("申請者確認", 2, "v"), ("口座振替申込受付", 5, "v"), ("宛名修正入力", 4, "b")],
    ),
    "kokuho_kanyu": (
        "kokuho",
        [
            ("窓口本人確認", 2, "v"),
            ("国保資取届記入", 6, "R"),
            ("住記照会", 3, "v"),
            ("宛名手入力", 5, "v"),
            ("国保資取入力", 6, "v"),
            ("国保資取入力確認（決裁）", 2, "a"),
            ("所得照会", 4, "b"),
            ("口座登録", 4, "v"),
            ("資格確認書交付", 3, "v"),
            ("他課案内", 3, "v"),
        ],
    ),
    "kosodate_jite": (
        "kosodate",
        [
            ("保護者確認", 2, "v"),
            ("児手認請受", 3, "v"),
            ("児手認請書記入", 8, "R"),
            ("住所確認", 3, "v"),
            ("宛名入力", 5, "v"),
            ("所得確認", 4, "b"),
            ("児手口座登録", 4, "v"),
            ("児手認定入力", 5, "b"),
            ("児手認定入力確認（決裁）", 2, "a"),
            ("児手認定通知書交付", 2, 14),
            ("手続案内", 3, "v"),
        ],
    ),
    "kosodate_hoiku": ("kosodate", [("保護者確認", 2, "v"), ("保育認定審査", 10, "b")]),
    "kosodate_homon": ("kosodate", [("家庭訪問（保健師）", 45, 0)]),
    "choju_nintei": (
        "choju",
        [
            ("ID_CHK", 2, "v"),
            ("APP_FORM", 10, "R"),
            ("ADDR_INQ", 3, "v"),
            ("KEY_IN", 5, "v"),
            ("INC_INQ", 4, "b"),
            ("ACCT_REG", 4, "v"),
            ("NINTEI_VISIT", 60, 10),
            ("SHINSA", 15, 30),
            ("DECIDE", 5, 31),
            ("CARD_ISSUE", 3, 35),
        ],
    ),
    "fukushi_techo": (
        "fukushi",
        [
            ("申請者の本人確認を行う", 2, "v"),
            ("申請書に必要事項を記入していただく", 10, "R"),
            ("住民基本台帳により住所を確認する", 3, "v"),
            ("基本情報を入力する", 5, "v"),
            ("課税状況を照会する", 4, "b"),
            ("振込先口座を登録する", 4, "v"),
            ("関係課の手続を案内する", 3, "v"),
            ("障害支援区分認定調査のため訪問する", 60, 12),
            ("市町村審査会に諮る", 15, 40),
            ("障害者手帳を交付する", 4, 50),
        ],
    ),
    "kyoiku_enjo": (
        "kyoiku",
        [
            ("来庁保護者確認", 2, "v"),
            ("就学援助申請書記入", 8, "R"),
            ("住所確認（住基照会）", 3, "v"),
            ("所得審査", 6, "b"),
            ("口座登録", 4, "v"),
        ],
    ),
    "kyoiku_nyugaku": ("kyoiku", [("来庁保護者確認", 2, "v"), ("入学通知書交付", 3, "v")]),
    "kyoiku_sodan": ("kyoiku", [("教育相談員訪問", 50, 0)]),
    "norin_inu": ("norin", [("犬の登録", 5, "v"), ("注射済票交付", 2, "v")]),
    "norin_nochi": ("norin", [("農地転用審査", 20, "b"), ("農地台帳登録", 5, 21)]),
    "norin_chouju": ("norin", [("鳥獣被害現地訪問", 40, 0)]),
}

# ---------------------------------------------------------------- residents
SURNAMES = [
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("田中", "タナカ"),
    ("渡辺", "ワタナベ"),
    ("伊藤", "イトウ"),
    ("山本", "ヤマモト"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("吉田", "ヨシダ"),
    ("山田", "ヤマダ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("斎藤", "サイトウ"),
    ("清水", "シミズ"),
    ("山崎", "ヤマザキ"),
    ("森", "モリ"),
    ("池田", "イケダ"),
    ("橋本", "ハシモト"),
    ("浜田", "ハマダ"),
    ("石川", "イシカワ"),
    ("前田", "マエダ"),
    ("藤原", "フジワラ"),
    ("岡田", "オカダ"),
    ("長谷川", "ハセガワ"),
    ("村上", "ムラカミ"),
    ("近藤", "コンドウ"),
    ("坂本", "サカモト"),
    ("遠藤", "エンドウ"),
    ("青木", "アオキ"),
    ("汐見", "シオミ"),
    ("磯部", "イソベ"),
    ("網干", "アボシ"),
    ("沖田", "オキタ"),
]
GIVEN_M = [
    ("大翔", "ヒロト"),
    ("蓮", "レン"),
    ("健一", "ケンイチ"),
    ("誠", "マコト"),
    ("浩二", "コウジ"),
    ("勇", "イサム"),
    ("翔太", "ショウタ"),
    ("拓也", "タクヤ"),
    ("正男", "マサオ"),
    ("清", "キヨシ"),
    ("悠真", "ユウマ"),
    ("和夫", "カズオ"),
]
GIVEN_F = [
    ("陽葵", "ヒマリ"),
    ("結衣", "ユイ"),
    ("美咲", "ミサキ"),
    ("恵子", "ケイコ"),
    ("幸子", "サチコ"),
    ("由美", "ユミ"),
    ("花子", "ハナコ"),
    ("真由美", "マユミ"),
    ("さくら", "サクラ"),
    ("智子", "トモコ"),
    ("千代", "チヨ"),
    ("葵", "アオイ"),
]
AREAS = ["港", "浜田", "汐入", "東岬", "西岬", "松ケ丘", "朝凪", "網代"]
KATA = ["コーポ汐風", "ハイツ浜田", "シーサイド港", "メゾン朝凪", "町営岬団地"]
BANKS = [
    ("しおかぜ信用金庫", "本店"),
    ("海浜銀行", "しおかぜ支店"),
    ("ゆうちょ銀行", "〇一八店"),
    ("JAしおかぜ", "本所"),
    ("海浜銀行", "駅前支店"),
]
FACILITIES = [
    "しおかぜ町汐入2丁目5番1号 特別養護老人ホーム潮騒苑",
    "しおかぜ町東岬1丁目8番3号 グループホームなぎさ",
    "海浜市中央3丁目1番1号 海浜ケアセンター",
]
NURSERIES = ["しおかぜ町港3丁目2番1号 港保育園", "しおかぜ町浜田1丁目4番7号 浜田こども園"]
SCHOOLS = [
    ("しおかぜ小学校", "0470-33-2101"),
    ("岬小学校", "0470-33-2202"),
    ("しおかぜ中学校", "0470-33-2303"),
]
ERAS = [
    ("令和", date(2019, 5, 1), "R"),
    ("平成", date(1989, 1, 8), "H"),
    ("昭和", date(1926, 12, 25), "S"),
    ("大正", date(1912, 7, 30), "T"),
]
FW = str.maketrans("0123456789-", "０１２３４５６７８９－")
KANJI_NUM = "〇一二三四五六七八九"


def wareki(d: date, short: bool = False) -> str:
    for era, start, abbr in ERAS:
        if d >= start:
            y = d.year - start.year + 1
            if short:
                return f"{abbr}{y}.{d.month:02d}.{d.day:02d}"
            return f"{era}{'元' if y == 1 else y}年{d.month}月{d.day}日"
    return d.isoformat()


class Resident:
    def __init__(self, i: int, rng: random.Random):
        self.atena = 1_000_003 + i * 7 + rng.randrange(7)
        self.hihoken = 50_000_000 + rng.randrange(10_000_000)
        self.sex = rng.choice("MF")
        sn = rng.choice(SURNAMES)
        gn = rng.choice(GIVEN_M if self.sex == "M" else GIVEN_F)
        self.surname, self.skana = sn
        self.given, self.gkana = gn
        age = rng.choice(
            [
                rng.randint(0, 17),
                rng.randint(18, 64),
                rng.randint(18, 64),
                rng.randint(65, 95),
                rng.randint(65, 95),
            ]
        )
        self.age = age
        self.dob = date(2025 - age, 1, 1) + timedelta(days=rng.randrange(365))
        self.old_surname = None
        if self.sex == "F" and 22 <= age <= 45 and rng.random() < 0.12:
            self.old_surname = rng.choice([s for s in SURNAMES if s[0] != self.surname])[0]
        self.addr = self._addr(rng)
        self.kata = (
            f"{rng.choice(KATA)}{rng.randint(1, 3)}0{rng.randint(1, 8)}"
            if rng.random() < 0.3
            else ""
        )
        self.old_addr = self._addr(rng) if rng.random() < 0.08 else None  # moved within the town
        self.home = (
            f"0470-3{rng.randint(0, 9)}-{rng.randint(1000, 9999)}" if rng.random() < 0.6 else ""
        )
        self.mobile = (
            f"0{rng.choice('789')}0-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
            if age >= 15 and rng.random() < 0.85
            else ""
        )
        self.accounts = [self._account(rng)]
        if rng.random() < 0.25:
            self.accounts.append(self._account(rng))
        self.income = rng.choice([0, 0, rng.randrange(500, 8000) * 1000]) if age >= 18 else 0
        self.child = (
            (rng.choice(GIVEN_M + GIVEN_F)[0]) if 25 <= age <= 50 and rng.random() < 0.5 else None
        )

    @staticmethod
    def _addr(rng: random.Random) -> tuple[str, int, int, int]:
        return (rng.choice(AREAS), rng.randint(1, 5), rng.randint(1, 30), rng.randint(1, 20))

    @staticmethod
    def _account(rng: random.Random) -> tuple[str, str, str, str]:
        b, br = rng.choice(BANKS)
        return (b, br, rng.choice(["普通", "普通", "当座"]), f"{rng.randrange(10**7):07d}")

    @property
    def name(self) -> str:
        return f"{self.surname}　{self.given}"

    @property
    def kana(self) -> str:
        return f"{self.skana}　{self.gkana}"


def fmt_addr(a: tuple[str, int, int, int], style: str) -> str:
    area, c, b, g = a
    if style == "hyphen":
        return f"しおかぜ町{area}{c}-{b}-{g}"
    if style == "fw":
        return f"しおかぜ町{area}{c}丁目{b}番{g}号".translate(FW)
    if style == "kanji":
        return f"しおかぜ町{area}{KANJI_NUM[c]}丁目{b}番{g}号"
    if style == "nocho":
        return f"{area}{c}丁目{b}番{g}号"
    return f"しおかぜ町{area}{c}丁目{b}番{g}号"


# per department: address style weights, kata kept rate, stale rate, old-surname rate,
# phone preference (home share), second-account rate, dob style
DRIFT = {
    "jumin": dict(styles={"std": 1}, kata=1.0, stale=0.0, old=0.0, home=0.6, acct2=0.0, dob="iso"),
    "zeimu": dict(
        styles={"std": 5, "hyphen": 3, "fw": 2},
        kata=0.8,
        stale=0.02,
        old=0.0,
        home=0.7,
        acct2=0.3,
        dob="slash",
    ),
    "kokuho": dict(
        styles={"std": 6, "hyphen": 2, "kanji": 2},
        kata=0.85,
        stale=0.01,
        old=0.1,
        home=0.5,
        acct2=0.3,
        dob="wareki",
    ),
    "kosodate": dict(
        styles={"std": 5, "hyphen": 5},
        kata=0.7,
        stale=0.03,
        old=0.5,
        home=0.2,
        acct2=0.4,
        dob="slash",
    ),
    "choju": dict(
        styles={"std": 4, "nocho": 4, "fw": 2},
        kata=0.9,
        stale=0.05,
        old=0.0,
        home=0.8,
        acct2=0.3,
        dob="iso",
    ),
    "fukushi": dict(
        styles={"std": 5, "hyphen": 3, "kanji": 2},
        kata=0.8,
        stale=0.08,
        old=0.6,
        home=0.5,
        acct2=0.4,
        dob="wareki_short",
    ),
    "kyoiku": dict(
        styles={"std": 6, "fw": 4}, kata=0.75, stale=0.03, old=0.5, home=0.3, acct2=0.3, dob="slash"
    ),
    "norin": dict(
        styles={"std": 3, "hyphen": 7},
        kata=0.6,
        stale=0.05,
        old=0.0,
        home=0.9,
        acct2=0.0,
        dob="slash",
    ),
}


def dept_copy(p: Resident, dept: str, seed: int) -> dict:
    """The department's own record of the resident (stable per resident and department)."""
    r = random.Random(f"{seed}:{dept}:{p.atena}")
    d = DRIFT[dept]
    style = r.choices(list(d["styles"]), weights=list(d["styles"].values()))[0]
    a = p.old_addr if p.old_addr and r.random() < max(d["stale"] * 8, 0) else p.addr
    addr = fmt_addr(a, style)
    kata = p.kata if r.random() < d["kata"] else ""
    surname = p.old_surname if p.old_surname and r.random() < d["old"] else p.surname
    phones = [
        x for x in ((p.home, p.mobile) if r.random() < d["home"] else (p.mobile, p.home)) if x
    ]
    tel = phones[0] if phones else ""
    if tel and r.random() < 0.15:
        tel = tel.replace("-", "")
    acct = p.accounts[1] if len(p.accounts) > 1 and r.random() < d["acct2"] else p.accounts[0]
    dob = {
        "iso": p.dob.isoformat(),
        "slash": p.dob.strftime("%Y/%m/%d"),
        "wareki": wareki(p.dob),
        "wareki_short": wareki(p.dob, short=True),
    }[d["dob"]]
    return dict(
        name=f"{surname}　{p.given}",
        kana=p.kana,
        dob=dob,
        addr=addr,
        kata=kata,
        tel=tel,
        bank=f"{acct[0]} {acct[1]} {acct[2]} {acct[3]}",
        income=p.income,
    )


# ---------------------------------------------------------------- calendar and events
def workdays() -> list[date]:
    out, d = [], FY_START
    while d <= FY_END:
        if (
            d.weekday() < 5
            and not (d.month == 12 and d.day >= 29)
            and not (d.month == 1 and d.day <= 3)
        ):
            out.append(d)
        d += timedelta(days=1)
    return out


DAYS = workdays()


def next_workday(d: date, n: int) -> date:
    target = d + timedelta(days=n)
    for w in DAYS:
        if w >= target:
            return w
    return DAYS[-1]


def dur(rng: random.Random, median: float) -> timedelta:
    m = max(0.5, rng.lognormvariate(0, 0.4) * median)
    return timedelta(seconds=int(m * 60))


STAFF_PREFIX = {
    "jumin": "JU",
    "zeimu": "ZE",
    "kokuho": "KH",
    "kosodate": "KS",
    "choju": "CJ",
    "fukushi": "FK",
    "kyoiku": "KY",
    "norin": "NR",
}
CLERKS = {k: [f"{v}{i:02d}" for i in range(1, 6)] for k, v in STAFF_PREFIX.items()}
SUPERVISORS = {k: f"{v}90" for k, v in STAFF_PREFIX.items()}


def life_events(p: Resident, rng: random.Random) -> list[list[str]]:
    """Groups of procedures; each group is done on one visit day (in order)."""
    ev: list[list[str]] = []
    if rng.random() < 0.08:  # 転入 / 転居
        g = ["jumin_idou"]
        if 18 <= p.age < 65 and rng.random() < 0.5:
            g.append("kokuho_kanyu")
        if p.child and rng.random() < 0.7:
            g.append("kosodate_jite")
            if rng.random() < 0.3:
                g.append("kyoiku_enjo")
        if rng.random() < 0.2:
            g.append("zeimu_koza")
        if p.age >= 65 and rng.random() < 0.2:
            g.append("choju_nintei")
        ev.append(g)
    if 18 <= p.age < 75 and rng.random() < 0.04:
        ev.append(["kokuho_kanyu"] + (["zeimu_shinkoku"] if rng.random() < 0.4 else []))
    if p.age >= 65 and rng.random() < 0.10:
        g = ["choju_nintei"]
        if rng.random() < 0.15:
            g.append("fukushi_techo")
        ev.append(g)
    if rng.random() < 0.03:
        ev.append(
            ["fukushi_techo"] + (["kokuho_kanyu"] if p.age < 75 and rng.random() < 0.3 else [])
        )
    if p.age >= 18 and rng.random() < 0.15:
        ev.append(["zeimu_shinkoku"])
    if p.age >= 18 and rng.random() < 0.08:
        ev.append(["zeimu_shomei"] + (["kyoiku_enjo"] if p.child and rng.random() < 0.5 else []))
    if p.age >= 15 and rng.random() < 0.15:
        ev.append(["jumin_copy"])
    if p.age >= 15 and rng.random() < 0.05:
        ev.append(["jumin_inkan"])
    if (
        p.child and rng.random() < 0.12
    ):  # 出生 / 現況: 児童手当, sometimes 国保 and 就学援助 the same day
        g = ["kosodate_jite"]
        if rng.random() < 0.25:
            g.append("kokuho_kanyu")
        if rng.random() < 0.3:
            g.append("kyoiku_enjo")
        ev.append(g)
    if p.child and rng.random() < 0.06:
        ev.append(["kyoiku_enjo"] + (["zeimu_shomei"] if rng.random() < 0.4 else []))
    if p.child and rng.random() < 0.08:
        ev.append([rng.choice(["kosodate_hoiku", "kyoiku_nyugaku"])])
    if p.child and rng.random() < 0.03:
        ev.append([rng.choice(["kosodate_homon", "kyoiku_sodan"])])
    if p.age >= 18 and rng.random() < 0.04:
        ev.append(["norin_inu"])
    if p.age >= 40 and rng.random() < 0.02:
        ev.append([rng.choice(["norin_nochi", "norin_chouju"])])
    return ev


class Town:
    def __init__(self, seed: int):
        self.seed = seed
        self.rng = random.Random(seed)
        self.people = [Resident(i, self.rng) for i in range(N_RESIDENTS)]
        self.rows: dict[str, list[dict]] = {k: [] for k in DEPTS}
        self.tickets: list[dict] = []  # later numbered per (day, counter)
        self.used_aliases: set[tuple[str, str, str]] = set()
        self.case_no = {k: 0 for k in DEPTS}
        self.used_labels: dict[str, set[str]] = {k: set() for k in DEPTS}

    def label(self, dept: str, primary: str) -> str:
        for d, alias, prim, rate in ALIASES:
            if d == dept and prim == primary and self.rng.random() < rate:
                self.used_aliases.add((d, alias, prim))
                return alias
        return primary

    def run(self) -> None:
        for p in self.people:
            for group in life_events(p, self.rng):
                day = self.rng.choice(DAYS[:-60])
                t = datetime.combine(day, datetime.min.time()) + timedelta(
                    minutes=8 * 60 + 30 + self.rng.randrange(0, 6 * 60)
                )
                for proc in group:
                    t = self.case(p, proc, day, t)
                    t += timedelta(minutes=self.rng.randint(2, 8))  # walk to the next counter
        # walk-ins who left before being called, and tickets of residents outside the sample
        for _ in range(900):
            dept = self.rng.choice(list(COUNTERS))
            day = self.rng.choice(DAYS)
            t = datetime.combine(day, datetime.min.time()) + timedelta(
                minutes=8 * 60 + 30 + self.rng.randrange(0, 8 * 60)
            )
            called = (
                t + timedelta(minutes=self.rng.randint(3, 40)) if self.rng.random() < 0.8 else None
            )
            self.tickets.append(dict(dept=dept, issued=t, called=called, ref=None))

    def case(self, p: Resident, proc: str, day: date, t: datetime) -> datetime:
        dept, steps = PROCS[proc]
        rng = self.rng
        self.case_no[dept] += 1
        case_id = self.case_no[dept]
        clerk = rng.choice(CLERKS[dept])
        ticket = None
        if steps[0][2] in ("v", "R"):  # a counter visit: ticket first, called after a wait
            called = t + timedelta(minutes=int(rng.lognormvariate(2.2, 0.6)))
            ticket = dict(dept=dept, issued=t, called=called, ref=None)
            self.tickets.append(ticket)
            t = called + timedelta(seconds=rng.randint(20, 90))
        visit_t = t
        first = True
        for label, median, when in steps:
            if when in ("v", "R"):
                start = visit_t
                end = start + dur(rng, median)
                visit_t = end + timedelta(seconds=rng.randint(5, 120))
                res = "" if when == "R" else clerk
            elif when == "a":
                start = visit_t + timedelta(minutes=rng.randint(60, 300))
                if start.hour >= 17:
                    start = datetime.combine(next_workday(day, 1), datetime.min.time()) + timedelta(
                        hours=9, minutes=rng.randint(0, 90)
                    )
                end = start + dur(rng, median)
                res = SUPERVISORS[dept]
            elif when == "b":
                d2 = next_workday(day, rng.randint(0, 2))
                start = datetime.combine(d2, datetime.min.time()) + timedelta(
                    hours=13, minutes=rng.randint(0, 200)
                )
                if start <= visit_t:
                    start = visit_t + timedelta(minutes=rng.randint(30, 90))
                end = start + dur(rng, median)
                res = rng.choice(CLERKS[dept])
            else:
                d2 = next_workday(day, int(when))
                start = datetime.combine(d2, datetime.min.time()) + timedelta(
                    hours=9, minutes=rng.randint(0, 420)
                )
                if start <= visit_t:
                    start = visit_t + timedelta(minutes=rng.randint(30, 120))
                end = start + dur(rng, median)
                res = rng.choice(CLERKS[dept])
            row = dict(
                case=case_id,
                person=p,
                label=self.label(dept, label),
                primary=label,
                start=start,
                end=end,
                res=res,
                ticket=ticket if first else None,
                proc=proc,
            )
            self.used_labels[dept].add(label)
            self.rows[dept].append(row)
            first = False
        return visit_t

    def number_tickets(self) -> None:
        self.tickets.sort(key=lambda x: (x["issued"].date(), x["dept"], x["issued"]))
        counter: dict[tuple, int] = {}
        for tk in self.tickets:
            key = (tk["issued"].date(), tk["dept"])
            counter[key] = counter.get(key, 0) + 1
            tk["no"] = f"{COUNTERS[tk['dept']][1]}-{counter[key]:03d}"


# ---------------------------------------------------------------- writers
def ts(x: datetime, style: str = "slash") -> str:
    if style == "iso":
        return x.strftime("%Y-%m-%dT%H:%M:%S")
    if style == "hm":
        return x.strftime("%Y/%m/%d %H:%M")
    return x.strftime("%Y/%m/%d %H:%M:%S")


def write_csv(
    path: Path, header: list[str], rows: list[list], encoding: str, sep: str = ","
) -> None:
    with open(path, "w", encoding=encoding, newline="", errors="strict") as f:
        w = csv.writer(f, delimiter=sep, lineterminator="\r\n" if encoding == "cp932" else "\n")
        w.writerow(header)
        w.writerows(rows)


def build(town: Town, out: Path) -> dict[str, int]:
    seed = town.seed
    counts: dict[str, int] = {}
    tk = lambda r: r["ticket"]["no"] if r["ticket"] else ""  # noqa: E731
    rng = random.Random(seed + 99)

    def other_person(p: Resident) -> Resident:
        return town.people[(town.people.index(p) + 37) % len(town.people)]

    # 住民生活課
    rows = []
    for r in town.rows["jumin"]:
        p = r["person"]
        c = dept_copy(p, "jumin", seed)
        notifier = other_person(p).name if r["proc"] == "jumin_idou" and rng.random() < 0.2 else ""
        rows.append(
            [
                f"J{r['case']:06d}",
                f"{p.atena:010d}",
                r["label"],
                ts(r["start"]),
                ts(r["end"]),
                r["res"],
                tk(r),
                c["name"],
                c["kana"],
                c["dob"],
                c["addr"],
                c["kata"],
                c["tel"],
                notifier,
            ]
        )
    write_csv(
        out / DEPTS["jumin"][1],
        [
            "受付番号",
            "宛名番号",
            "処理内容",
            "開始日時",
            "終了日時",
            "担当者",
            "番号札",
            "氏名",
            "氏名カナ",
            "生年月日",
            "住所",
            "方書",
            "電話番号",
            "届出人氏名",
        ],
        rows,
        "utf-8",
    )
    counts["jumin"] = len(rows)

    # 税務課 (CP932): 住所 with 方書 appended or omitted, 勤務先電話 decoy
    rows = []
    for r in town.rows["zeimu"]:
        p = r["person"]
        c = dept_copy(p, "zeimu", seed)
        addr = f"{c['addr']} {c['kata']}".strip()
        emp = (
            f"0470-4{rng.randint(0, 9)}-{rng.randint(1000, 9999)}"
            if p.age < 65 and rng.random() < 0.6
            else ""
        )
        rows.append(
            [
                f"Z25-{r['case']:05d}",
                f"{p.atena:08d}",
                r["label"],
                ts(r["start"], "hm"),
                ts(r["end"], "hm"),
                r["res"],
                tk(r),
                c["name"],
                c["dob"],
                addr,
                c["tel"],
                emp,
                c["bank"] if r["proc"] == "zeimu_koza" else "",
                c["income"],
            ]
        )
    write_csv(
        out / DEPTS["zeimu"][1],
        [
            "整理番号",
            "宛名番号",
            "事務内容",
            "開始",
            "終了",
            "処理者",
            "番号札",
            "氏名",
            "生年月日",
            "住所",
            "電話",
            "勤務先電話",
            "口座",
            "総所得金額",
        ],
        rows,
        "cp932",
    )
    counts["zeimu"] = len(rows)

    # 健康保険課 (Parquet): keyed by 被保険者番号, 和暦 birth dates, 事業所電話 decoy
    recs = []
    for r in town.rows["kokuho"]:
        p = r["person"]
        c = dept_copy(p, "kokuho", seed)
        recs.append(
            {
                "受付番号": f"K{r['case']:05d}",
                "被保険者番号": f"{p.hihoken:08d}",
                "氏名": c["name"],
                "カナ氏名": c["kana"],
                "生年月日": c["dob"],
                "手続": r["label"],
                "開始時刻": r["start"],
                "終了時刻": r["end"],
                "担当": r["res"] or None,
                "番号札": tk(r) or None,
                "住所": f"{c['addr']}{c['kata']}",
                "電話番号": c["tel"],
                "口座": c["bank"],
                "前年所得": c["income"],
                "事業所電話": f"03-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
                if rng.random() < 0.5
                else None,
            }
        )
    pd.DataFrame(recs).to_parquet(out / DEPTS["kokuho"][1], index=False)
    counts["kokuho"] = len(recs)

    # 子育て支援課 (TSV): unpadded 宛名番号, 児童氏名 and 保育施設住所 decoys
    rows = []
    for r in town.rows["kosodate"]:
        p = r["person"]
        c = dept_copy(p, "kosodate", seed)
        child = f"{p.surname}　{p.child or '太郎'}"
        rows.append(
            [
                f"KS{r['case']:05d}",
                str(p.atena),
                r["label"],
                ts(r["start"]),
                ts(r["end"]),
                r["res"],
                tk(r),
                c["name"],
                c["addr"],
                c["tel"],
                c["bank"],
                c["income"],
                child,
                rng.choice(NURSERIES)
                if r["proc"] == "kosodate_hoiku" or rng.random() < 0.3
                else "",
            ]
        )
    write_csv(
        out / DEPTS["kosodate"][1],
        [
            "受付番号",
            "宛名番号",
            "手続名",
            "開始時刻",
            "終了時刻",
            "担当者",
            "番号札",
            "申請者氏名",
            "住所",
            "連絡先電話",
            "振込口座",
            "所得額",
            "児童氏名",
            "保育施設住所",
        ],
        rows,
        "utf-8",
        sep="\t",
    )
    counts["kosodate"] = len(rows)

    # 長寿介護課: English step codes + Japanese step_name, facility and care-manager decoys
    rows = []
    for r in town.rows["choju"]:
        p = r["person"]
        c = dept_copy(p, "choju", seed)
        code = r["label"]
        rows.append(
            [
                f"C{r['case']:05d}",
                f"{p.atena:09d}",
                code,
                CHOJU_NAMES[r["primary"]],
                ts(r["start"], "iso"),
                ts(r["end"], "iso"),
                r["res"],
                tk(r),
                c["name"],
                c["dob"],
                f"{c['addr']} {c['kata']}".strip(),
                c["tel"],
                c["bank"],
                rng.choice(FACILITIES) if rng.random() < 0.3 else "",
                f"0470-5{rng.randint(0, 9)}-{rng.randint(1000, 9999)}",
            ]
        )
    write_csv(
        out / DEPTS["choju"][1],
        [
            "case_no",
            "atena_no",
            "step_code",
            "step_name",
            "start_time",
            "end_time",
            "staff",
            "ticket_no",
            "name",
            "birth_date",
            "address",
            "phone",
            "bank_account",
            "facility_address",
            "care_manager_phone",
        ],
        rows,
        "utf-8",
    )
    counts["choju"] = len(rows)

    # 福祉課 (UTF-8 with BOM): 公用文 labels, 和暦 birth dates, 緊急連絡先 decoys
    rows = []
    for r in town.rows["fukushi"]:
        p = r["person"]
        c = dept_copy(p, "fukushi", seed)
        o = other_person(p)
        rows.append(
            [
                f"F-{r['case']:04d}",
                f"{p.atena:010d}",
                r["label"],
                ts(r["start"]),
                ts(r["end"]),
                r["res"],
                tk(r),
                c["name"],
                c["dob"],
                c["addr"],
                c["kata"],
                c["tel"],
                c["bank"],
                o.name,
                o.mobile or o.home,
            ]
        )
    write_csv(
        out / DEPTS["fukushi"][1],
        [
            "受付No",
            "宛名番号",
            "業務",
            "開始日時",
            "終了日時",
            "担当者",
            "番号札",
            "氏名",
            "生年月日",
            "住所",
            "方書",
            "連絡先",
            "振込先口座",
            "緊急連絡先氏名",
            "緊急連絡先電話",
        ],
        rows,
        "utf-8-sig",
    )
    counts["fukushi"] = len(rows)

    # 教育委員会 (CP932): guardian keyed, 児童生徒氏名 / 学校電話 decoys
    rows = []
    for r in town.rows["kyoiku"]:
        p = r["person"]
        c = dept_copy(p, "kyoiku", seed)
        school, stel = SCHOOLS[p.atena % len(SCHOOLS)]
        rows.append(
            [
                f"E{r['case']:05d}",
                f"{p.atena:08d}",
                r["label"],
                ts(r["start"], "hm"),
                ts(r["end"], "hm"),
                r["res"],
                tk(r),
                c["name"],
                c["addr"],
                c["tel"],
                c["bank"] if r["proc"] == "kyoiku_enjo" else "",
                school,
                f"{p.surname}　{p.child or '一郎'}",
                stel,
            ]
        )
    write_csv(
        out / DEPTS["kyoiku"][1],
        [
            "受付番号",
            "宛名番号",
            "処理",
            "開始",
            "終了",
            "担当",
            "番号札",
            "保護者氏名",
            "住所",
            "電話",
            "口座",
            "学校名",
            "児童生徒氏名",
            "学校電話",
        ],
        rows,
        "cp932",
    )
    counts["kyoiku"] = len(rows)

    # 農林課: outside the core; 農地所在地 decoy
    rows = []
    for r in town.rows["norin"]:
        p = r["person"]
        c = dept_copy(p, "norin", seed)
        field = f"しおかぜ町大字{rng.choice(['汐入', '網代', '東岬'])}字{rng.choice(['前田', '松原', '浜'])}{rng.randint(100, 999)}番"
        rows.append(
            [
                f"N{r['case']:04d}",
                str(p.atena),
                r["label"],
                ts(r["start"]),
                ts(r["end"]),
                r["res"],
                tk(r),
                c["name"],
                c["addr"],
                c["tel"],
                field if r["proc"] == "norin_nochi" else "",
            ]
        )
    write_csv(
        out / DEPTS["norin"][1],
        [
            "受付番号",
            "宛名番号",
            "処理内容",
            "開始日時",
            "終了日時",
            "担当者",
            "番号札",
            "所有者氏名",
            "住所",
            "電話",
            "農地所在地",
        ],
        rows,
        "utf-8",
    )
    counts["norin"] = len(rows)

    # 発券機: one row per ticket
    rows = []
    for t in sorted(town.tickets, key=lambda x: x["issued"]):
        name, _, kubun = COUNTERS[t["dept"]]
        rows.append([t["no"], name, kubun, ts(t["issued"]), ts(t["called"]) if t["called"] else ""])
    write_csv(
        out / TICKET_FILE[1], ["番号札", "窓口", "業務区分", "発券日時", "呼出日時"], rows, "utf-8"
    )
    counts["tickets"] = len(rows)

    toml = ["# しおかぜ町: the departments of the exports (file names are system names)"]
    for _key, (dept, fname) in DEPTS.items():
        toml += [f'[files."{fname}"]', f'department = "{dept}"']
    toml += [f'[files."{TICKET_FILE[1]}"]', f'department = "{TICKET_FILE[0]}"']
    (out / "procmine.toml").write_text("\n".join(toml) + "\n", encoding="utf-8")
    return counts


# ---------------------------------------------------------------- truth
SILO_COLUMNS = {
    "NAME": {
        "jumin": "氏名",
        "zeimu": "氏名",
        "kokuho": "氏名",
        "kosodate": "申請者氏名",
        "choju": "name",
        "fukushi": "氏名",
        "kyoiku": "保護者氏名",
        "norin": "所有者氏名",
    },
    "KANA": {"jumin": "氏名カナ", "kokuho": "カナ氏名"},
    "DOB": {
        "jumin": "生年月日",
        "zeimu": "生年月日",
        "kokuho": "生年月日",
        "choju": "birth_date",
        "fukushi": "生年月日",
    },
    "ADDR": {
        "jumin": "住所",
        "zeimu": "住所",
        "kokuho": "住所",
        "kosodate": "住所",
        "choju": "address",
        "fukushi": "住所",
        "kyoiku": "住所",
        "norin": "住所",
    },
    "KATA": {"jumin": "方書", "fukushi": "方書"},
    "TEL": {
        "jumin": "電話番号",
        "zeimu": "電話",
        "kokuho": "電話番号",
        "kosodate": "連絡先電話",
        "choju": "phone",
        "fukushi": "連絡先",
        "kyoiku": "電話",
        "norin": "電話",
    },
    "BANK": {
        "zeimu": "口座",
        "kokuho": "口座",
        "kosodate": "振込口座",
        "choju": "bank_account",
        "fukushi": "振込先口座",
        "kyoiku": "口座",
    },
    "INCOME": {"zeimu": "総所得金額", "kokuho": "前年所得", "kosodate": "所得額"},
}
DECOYS = [
    ("jumin", "届出人氏名"),
    ("zeimu", "勤務先電話"),
    ("kokuho", "事業所電話"),
    ("kosodate", "児童氏名"),
    ("kosodate", "保育施設住所"),
    ("choju", "facility_address"),
    ("choju", "care_manager_phone"),
    ("fukushi", "緊急連絡先氏名"),
    ("fukushi", "緊急連絡先電話"),
    ("kyoiku", "児童生徒氏名"),
    ("kyoiku", "学校電話"),
    ("norin", "農地所在地"),
]


def write_truth(town: Town, truth: Path) -> dict[str, int]:
    used = town.used_labels
    name = lambda k: DEPTS[k][0]  # noqa: E731
    dup = [
        (cl, name(k), lab)
        for cl, members in CLUSTERS.items()
        for k, lab in members.items()
        if lab in used[k]
    ]
    neg = [
        (g, name(k), lab)
        for g, members in NEGATIVES.items()
        for k, labs in members.items()
        for lab in labs
        if lab in used[k]
    ]
    ali = sorted((name(k), a, p) for k, a, p in town.used_aliases)
    ali += [
        (name("choju"), desc, code) for code, desc in CHOJU_NAMES.items() if code in used["choju"]
    ]
    silos = [
        (f, name(k), col, DEPTS[k][1])
        for f, cols in SILO_COLUMNS.items()
        for k, col in cols.items()
        if town.rows[k]
    ]
    decoys = [(name(k), col) for k, col in DECOYS if town.rows[k]]
    for fname, header, rows in [
        ("duplicates.csv", ["cluster", "department", "activity"], dup),
        ("negatives.csv", ["group", "department", "activity"], neg),
        ("aliases.csv", ["department", "alias", "activity"], ali),
        ("silos.csv", ["field", "department", "column", "file"], silos),
        ("decoys.csv", ["department", "column"], decoys),
    ]:
        write_csv(truth / fname, header, rows, "utf-8")
    return dict(
        duplicates=len(dup),
        negatives=len(neg),
        aliases=len(ali),
        silos=len(silos),
        decoys=len(decoys),
    )


def make(out: Path, seed: int = 7) -> str:
    town_dir, truth_dir = out / "town", out / "truth"
    for d in (town_dir, truth_dir):
        d.mkdir(parents=True, exist_ok=True)
        for f in d.iterdir():
            if f.is_file():
                f.unlink()
    town = Town(seed)
    town.run()
    town.number_tickets()
    counts = build(town, town_dir)
    tcounts = write_truth(town, truth_dir)
    persons = len({r["person"].atena for rows in town.rows.values() for r in rows})
    events = sum(v for k, v in counts.items() if k != "tickets")
    return (
        f"しおかぜ町: {persons} residents with events of {N_RESIDENTS} sampled, {events} events in "
        f"{len(DEPTS)} departments, {counts['tickets']} tickets; truth: "
        + ", ".join(f"{k} {v}" for k, v in tcounts.items())
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(make(args.out, args.seed))


if __name__ == "__main__":
    main()
