"""Fictional municipality さくら台市: six department exports plus ground truth.

Written independently of procmine's own sample generator and vocabulary (by a reviewer who
did not read procmine/samples): other departments, labels, romaji and English headers,
和暦 and yyyymmdd dates, 全銀-code accounts. Deterministic: the same seed gives
byte-identical files. Used by :mod:`benchmarks.independent_towns`; its errors were read once
(2026-11-28), so it is a development set now, like 湊川町.

    .venv/bin/python benchmarks/sakuradai_city.py [--seed 7] [--residents 3000] [--out DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd

# ----------------------------------------------------------------------------- people

SURNAMES = [
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("山本", "ヤマモト"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("吉田", "ヨシダ"),
    ("山田", "ヤマダ"),
    ("佐々木", "ササキ"),
    ("山口", "ヤマグチ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("林", "ハヤシ"),
    ("斎藤", "サイトウ"),
    ("清水", "シミズ"),
    ("山崎", "ヤマザキ"),
    ("森", "モリ"),
    ("池田", "イケダ"),
    ("橋本", "ハシモト"),
    ("阿部", "アベ"),
    ("石川", "イシカワ"),
    ("前田", "マエダ"),
    ("藤田", "フジタ"),
    ("岡田", "オカダ"),
    ("後藤", "ゴトウ"),
    ("長谷川", "ハセガワ"),
    ("村上", "ムラカミ"),
    ("近藤", "コンドウ"),
    ("石井", "イシイ"),
    ("坂本", "サカモト"),
    ("遠藤", "エンドウ"),
    ("青木", "アオキ"),
    ("藤井", "フジイ"),
    ("西村", "ニシムラ"),
    ("福田", "フクダ"),
    ("太田", "オオタ"),
    ("三浦", "ミウラ"),
    ("藤原", "フジワラ"),
    ("岡本", "オカモト"),
    ("松田", "マツダ"),
    ("中川", "ナカガワ"),
    ("中野", "ナカノ"),
    ("原田", "ハラダ"),
    ("小野", "オノ"),
    ("田村", "タムラ"),
    ("竹内", "タケウチ"),
    ("金子", "カネコ"),
    ("和田", "ワダ"),
    ("中山", "ナカヤマ"),
    ("渡部", "ワタナベ"),
    ("菅原", "スガワラ"),
]
# variant kanji a department may hold instead (異体字)
VARIANT = {"高橋": "髙橋", "斎藤": "齋藤", "山崎": "山﨑", "渡辺": "渡邉", "吉田": "𠮷田"}
GIVEN = [
    ("翔太", "ショウタ"),
    ("大輔", "ダイスケ"),
    ("健一", "ケンイチ"),
    ("誠", "マコト"),
    ("浩二", "コウジ"),
    ("隆", "タカシ"),
    ("拓也", "タクヤ"),
    ("直樹", "ナオキ"),
    ("和夫", "カズオ"),
    ("正男", "マサオ"),
    ("茂", "シゲル"),
    ("勇", "イサム"),
    ("蓮", "レン"),
    ("悠真", "ユウマ"),
    ("湊", "ミナト"),
    ("陽翔", "ハルト"),
    ("美咲", "ミサキ"),
    ("陽子", "ヨウコ"),
    ("恵子", "ケイコ"),
    ("由美", "ユミ"),
    ("裕子", "ユウコ"),
    ("幸子", "サチコ"),
    ("和子", "カズコ"),
    ("節子", "セツコ"),
    ("さくら", "サクラ"),
    ("結衣", "ユイ"),
    ("葵", "アオイ"),
    ("陽菜", "ヒナ"),
    ("真由美", "マユミ"),
    ("愛", "アイ"),
    ("香織", "カオリ"),
    ("明美", "アケミ"),
]
TOWNS = [
    ("桜ヶ丘", 4),
    ("緑町", 3),
    ("本町", 5),
    ("旭が丘", 3),
    ("東雲", 2),
    ("若葉台", 4),
    ("松ケ枝町", 2),
    ("川端", 3),
    ("新田", 2),
    ("みどり野", 3),
]
BUILDINGS = [
    "",
    "",
    "",
    "",
    "コーポ桜101",
    "ハイツ緑203",
    "さくら台マンション502",
    "メゾン本町1F",
    "第2若葉荘",
    "グランドール旭305",
]
BANKS = [
    ("0005", "三菱ＵＦＪ銀行"),
    ("0001", "みずほ銀行"),
    ("0009", "三井住友銀行"),
    ("1234", "さくら台信用金庫"),
    ("9900", "ゆうちょ銀行"),
    ("0543", "かすみ地方銀行"),
]
KANJI_NUM = "〇一二三四五六七八九"


def zen(text: str) -> str:
    """ASCII digits/letters/hyphen to full width."""
    out = []
    for ch in text:
        if "0" <= ch <= "9" or "A" <= ch <= "Z" or "a" <= ch <= "z":
            out.append(chr(ord(ch) + 0xFEE0))
        elif ch == "-":
            out.append("－")
        else:
            out.append(ch)
    return "".join(out)


def hankaku_kana(text: str) -> str:
    """Katakana to half-width katakana (via NFKC inverse table)."""
    table = {}
    for code in range(0xFF61, 0xFFA0):
        ch = chr(code)
        table.setdefault(unicodedata.normalize("NFKC", ch), ch)
    out = []
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        base = decomposed[0]
        if base in table:
            out.append(table[base])
            if len(decomposed) > 1:
                out.append("ﾞ" if decomposed[1] == "\u3099" else "ﾟ")
        elif ch == "ー":
            out.append("ｰ")
        elif ch == "　" or ch == " ":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def hira(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def wareki(d: dt.date, style: str) -> str:
    if d >= dt.date(2019, 5, 1):
        era, y, lat = "令和", d.year - 2018, "R"
    elif d >= dt.date(1989, 1, 8):
        era, y, lat = "平成", d.year - 1988, "H"
    elif d >= dt.date(1926, 12, 25):
        era, y, lat = "昭和", d.year - 1925, "S"
    else:
        era, y, lat = "大正", d.year - 1911, "T"
    if style == "kanji":
        return f"{era}{'元' if y == 1 else y}年{d.month}月{d.day}日"
    return f"{lat}{y:02d}.{d.month:02d}.{d.day:02d}"


def make_people(rng: np.random.Generator, n: int) -> list:
    rows = []
    start = dt.date(2023, 4, 1)
    for i in range(n):
        s = SURNAMES[rng.integers(len(SURNAMES))]
        g = GIVEN[rng.integers(len(GIVEN))]
        age = int(
            rng.choice(
                [rng.integers(18, 40), rng.integers(40, 65), rng.integers(65, 95)],
                p=[0.4, 0.3, 0.3],
            )
        )
        birth = dt.date(2023 - age, 1, 1) + dt.timedelta(days=int(rng.integers(0, 365)))
        town, chome = TOWNS[rng.integers(len(TOWNS))]
        addr = (
            town,
            int(rng.integers(1, chome + 1)),
            int(rng.integers(1, 30)),
            int(rng.integers(1, 25)),
            BUILDINGS[rng.integers(len(BUILDINGS))],
        )
        moved = rng.random() < 0.12
        if moved:
            t2, c2 = TOWNS[rng.integers(len(TOWNS))]
            new = (
                t2,
                int(rng.integers(1, c2 + 1)),
                int(rng.integers(1, 30)),
                int(rng.integers(1, 25)),
                BUILDINGS[rng.integers(len(BUILDINGS))],
            )
            move_day = start + dt.timedelta(days=int(rng.integers(30, 330)))
        else:
            new, move_day = addr, None
        mob = f"0{rng.choice([70, 80, 90])}-{rng.integers(1000, 9999)}-{rng.integers(1000, 9999)}"
        home = f"0467-{rng.integers(20, 99)}-{rng.integers(1000, 9999)}"
        has_home = rng.random() < 0.35
        bank = BANKS[rng.integers(len(BANKS))]
        acct = (bank, f"{rng.integers(1, 400):03d}", f"{rng.integers(0, 9999999):07d}")
        bank2 = BANKS[rng.integers(len(BANKS))]
        acct2 = (bank2, f"{rng.integers(1, 400):03d}", f"{rng.integers(0, 9999999):07d}")
        rows.append(
            {
                "pid": f"{20000000 + i * 7 + int(rng.integers(0, 7)):08d}",
                "sei": s[0],
                "sei_kana": s[1],
                "mei": g[0],
                "mei_kana": g[1],
                "birth": birth,
                "age": age,
                "addr_old": addr,
                "addr_new": new,
                "move_day": move_day,
                "mobile": mob,
                "home": home if has_home else None,
                "acct": acct,
                "acct2": acct2 if rng.random() < 0.2 else None,
                "mynumber": "".join(str(x) for x in rng.integers(0, 10, 12)),
                "kids": int(rng.integers(1, 4)) if 22 <= age <= 45 and rng.random() < 0.55 else 0,
                "kid_name": GIVEN[rng.integers(len(GIVEN))],
                "kid_birth": dt.date(2023, 1, 1) - dt.timedelta(days=int(rng.integers(200, 4000))),
                "agent": (SURNAMES[rng.integers(len(SURNAMES))], GIVEN[rng.integers(len(GIVEN))]),
                "work_phone": f"0467-{rng.integers(20, 99)}-{rng.integers(1000, 9999)}",
                "emerg_phone": f"0{rng.choice([80, 90])}-{rng.integers(1000, 9999)}-{rng.integers(1000, 9999)}",
            }
        )
    return [SimpleNamespace(**r) for r in rows]


# ------------------------------------------------------------------- value renderings


def addr_str(a: tuple, style: str) -> str:
    town, c, b, g, bld = a
    if style == "full":  # さくら台市桜ヶ丘1丁目2番3号 コーポ桜101
        s = f"さくら台市{town}{c}丁目{b}番{g}号"
        return s + (f"　{bld}" if bld else "")
    if style == "hyphen":  # 桜ケ丘1-2-3
        return f"{town.replace('ヶ', 'ケ')}{c}-{b}-{g}" + (f" {bld}" if bld else "")
    if style == "zen":  # 桜ヶ丘１丁目２番３号
        return zen(f"{town}{c}丁目{b}番{g}号") + (f"　{bld}" if bld else "")
    if style == "kanji":  # さくら台市桜ヶ丘一丁目2-3
        return f"さくら台市{town}{KANJI_NUM[c]}丁目{b}-{g}" + (bld and f" {bld}")
    if style == "pref":  # 神奈川県さくら台市桜ヶ丘1-2-3
        return f"神奈川県さくら台市{town}{c}-{b}-{g}" + (f" {bld}" if bld else "")
    raise ValueError(style)


def name_str(p, style: str, rng) -> str:
    sei = p.sei
    if style.endswith("var") and sei in VARIANT and rng.random() < 0.6:
        sei = VARIANT[sei]
    if style.startswith("space"):
        return f"{sei}　{p.mei}"
    if style.startswith("half"):
        return f"{sei} {p.mei}"
    return f"{sei}{p.mei}"


def kana_str(p, style: str) -> str:
    k = f"{p.sei_kana}　{p.mei_kana}"
    if style == "half":
        return hankaku_kana(k)
    if style == "hira":
        return hira(k)
    if style == "nospace":
        return f"{p.sei_kana}{p.mei_kana}"
    return k


def phone_str(ph: str, style: str) -> str:
    digits = ph.replace("-", "")
    if style == "plain":
        return digits
    if style == "paren":
        a, b, c = ph.split("-")
        return f"{a}({b}){c}"
    if style == "zen":
        return zen(ph)
    return ph


def acct_str(acct, style: str) -> str:
    (code, bank), branch, num = acct
    if style == "code":
        return f"{code}-{branch}-{num}"
    if style == "words":
        return f"{bank} {branch}支店 普通 {num}"
    if style == "compact":
        return f"{code}{branch}1{num}"
    raise ValueError(style)


# ------------------------------------------------------------------------- departments
# Each step: (label, performer, minutes, fields-captured)
#   performer: "staff" / "resident" / "system"
#   fields: subset of name kana birth addr phone acct mynum (+decoys)

ID, FORM, KEY, ACCT, INCOME, ADDR, TICKET = "id", "form", "key", "acct", "income", "addr", "ticket"

DEPTS = {
    "市民窓口課": {
        "steps": [
            ("番号札発券", "system", 0, [], TICKET),
            (
                "異動届書の記入（来庁者）",
                "resident",
                6,
                ["name", "kana", "birth", "addr", "phone", "agent_name"],
                FORM,
            ),
            ("窓口での本人確認", "staff", 2, ["name", "birth"], ID),
            ("転入届受付", "staff", 8, [], None),
            ("転出届受付", "staff", 5, [], None),
            ("転居届受付", "staff", 5, [], None),
            ("住民記録システム入力", "staff", 7, ["name", "kana", "birth", "addr"], None),
            ("住民票の写し交付", "staff", 3, [], None),
            ("印鑑登録証交付", "staff", 4, [], None),
            ("マイナンバーカード交付", "staff", 10, ["mynum"], None),
        ],
    },
    "課税課": {
        "steps": [
            ("申告相談受付票発行", "system", 0, [], TICKET),
            ("納税義務者の本人確認", "staff", 2, ["name", "birth"], ID),
            (
                "申告書記入（住所・氏名・生年月日）",
                "resident",
                9,
                ["name", "kana", "birth", "addr", "phone", "work_phone"],
                FORM,
            ),
            ("課税台帳への転記入力", "staff", 8, ["name", "kana", "birth", "addr", "mynum"], KEY),
            ("口座振替依頼書受付", "staff", 4, ["acct"], ACCT),
            ("所得照会回答", "staff", 6, [], None),
            ("課税証明書交付", "staff", 3, [], None),
            ("非課税証明書交付", "staff", 3, [], None),
            ("税額決定通知書発送", "system", 0, [], None),
        ],
    },
    "国民健康保険課": {
        "steps": [
            ("受付番号票発行", "system", 0, [], TICKET),
            ("来庁者の本人確認", "staff", 2, ["name", "birth"], ID),
            ("加入届の記入", "resident", 7, ["name", "kana", "birth", "addr", "phone"], FORM),
            ("資格取得届受付", "staff", 6, [], None),
            ("資格喪失届受付", "staff", 5, [], None),
            ("被保険者情報の登録入力", "staff", 8, ["name", "kana", "birth", "addr", "mynum"], KEY),
            ("保険税の口座振替登録", "staff", 4, ["acct"], ACCT),
            ("所得照会（課税課あて）", "staff", 5, [], INCOME),
            ("住所地の確認", "staff", 2, ["addr"], ADDR),
            ("保険証交付", "staff", 3, [], None),
            ("保険税納税通知書送付", "system", 0, [], None),
        ],
    },
    "子育て支援課": {
        "steps": [
            ("窓口受付（整理券）", "system", 0, [], TICKET),
            ("申請者身元確認", "staff", 2, ["name", "birth"], ID),
            (
                "認定請求書への記入",
                "resident",
                8,
                ["name", "kana", "birth", "addr", "phone", "kid_name", "kid_birth"],
                FORM,
            ),
            ("児童手当認定請求受付", "staff", 6, [], None),
            (
                "受給者台帳入力",
                "staff",
                7,
                ["name", "kana", "birth", "addr", "mynum", "kid_name", "kid_birth"],
                KEY,
            ),
            ("振込先口座の登録", "staff", 4, ["acct"], ACCT),
            ("所得情報照会", "staff", 5, [], INCOME),
            ("住民票記載事項の確認", "staff", 3, ["addr"], ADDR),
            ("保育所入所申込受付", "staff", 8, ["facility_addr"], None),
            ("保育所入所承諾通知", "system", 0, [], None),
            ("保育所入所不承諾通知", "system", 0, [], None),
            ("認定通知書発送", "system", 0, [], None),
        ],
    },
    "高齢福祉課": {
        "steps": [
            ("受付票発券", "system", 0, [], TICKET),
            ("身分証明書の確認", "staff", 2, ["name", "birth"], ID),
            (
                "申請書記入補助",
                "resident",
                10,
                ["name", "kana", "birth", "addr", "phone", "emerg_name", "emerg_phone"],
                FORM,
            ),
            ("要介護認定申請受付", "staff", 7, [], None),
            ("介護台帳への入力", "staff", 8, ["name", "kana", "birth", "addr"], KEY),
            ("支給口座届出受付", "staff", 4, ["acct"], ACCT),
            ("課税状況の確認", "staff", 5, [], INCOME),
            ("居住地確認", "staff", 2, ["addr"], ADDR),
            ("認定調査", "staff", 60, [], None),
            ("認定結果通知書発送", "system", 0, [], None),
            ("敬老祝金申請受付", "staff", 4, [], None),
            ("敬老祝金申請却下", "staff", 3, [], None),
        ],
    },
    "市営住宅課": {
        "steps": [
            ("整理券発行", "system", 0, [], TICKET),
            ("申込者の本人確認", "staff", 2, ["name", "birth"], ID),
            (
                "入居申込書記入",
                "resident",
                10,
                ["name", "kana", "birth", "addr", "phone", "work_phone", "guar_name", "guar_addr"],
                FORM,
            ),
            ("入居申込受付", "staff", 6, [], None),
            ("入居申込却下", "staff", 3, [], None),
            ("入居者データ登録", "staff", 8, ["name", "kana", "birth", "addr"], KEY),
            ("家賃引落口座登録", "staff", 4, ["acct"], ACCT),
            ("収入認定のための所得照会", "staff", 5, [], INCOME),
            ("現住所の確認", "staff", 2, ["addr"], ADDR),
            ("入居決定通知", "system", 0, [], None),
        ],
    },
}

# process variants per department: sequences of step labels (main flows)
FLOWS = {
    "市民窓口課": [
        (
            0.40,
            [
                "番号札発券",
                "異動届書の記入（来庁者）",
                "窓口での本人確認",
                "転入届受付",
                "住民記録システム入力",
                "住民票の写し交付",
            ],
        ),
        (
            0.20,
            [
                "番号札発券",
                "異動届書の記入（来庁者）",
                "窓口での本人確認",
                "転出届受付",
                "住民記録システム入力",
            ],
        ),
        (
            0.15,
            [
                "番号札発券",
                "異動届書の記入（来庁者）",
                "窓口での本人確認",
                "転居届受付",
                "住民記録システム入力",
            ],
        ),
        (0.15, ["番号札発券", "窓口での本人確認", "住民票の写し交付"]),
        (0.05, ["番号札発券", "窓口での本人確認", "印鑑登録証交付"]),
        (0.05, ["番号札発券", "窓口での本人確認", "マイナンバーカード交付"]),
    ],
    "課税課": [
        (
            0.45,
            [
                "申告相談受付票発行",
                "納税義務者の本人確認",
                "申告書記入（住所・氏名・生年月日）",
                "課税台帳への転記入力",
                "税額決定通知書発送",
            ],
        ),
        (
            0.15,
            [
                "申告相談受付票発行",
                "納税義務者の本人確認",
                "申告書記入（住所・氏名・生年月日）",
                "課税台帳への転記入力",
                "口座振替依頼書受付",
                "税額決定通知書発送",
            ],
        ),
        (0.20, ["申告相談受付票発行", "納税義務者の本人確認", "課税証明書交付"]),
        (0.08, ["申告相談受付票発行", "納税義務者の本人確認", "非課税証明書交付"]),
        (0.12, ["所得照会回答"]),
    ],
    "国民健康保険課": [
        (
            0.55,
            [
                "受付番号票発行",
                "来庁者の本人確認",
                "加入届の記入",
                "資格取得届受付",
                "住所地の確認",
                "被保険者情報の登録入力",
                "所得照会（課税課あて）",
                "保険税の口座振替登録",
                "保険証交付",
                "保険税納税通知書送付",
            ],
        ),
        (
            0.15,
            [
                "受付番号票発行",
                "来庁者の本人確認",
                "加入届の記入",
                "資格取得届受付",
                "被保険者情報の登録入力",
                "所得照会（課税課あて）",
                "保険証交付",
                "保険税納税通知書送付",
            ],
        ),
        (0.30, ["受付番号票発行", "来庁者の本人確認", "資格喪失届受付", "被保険者情報の登録入力"]),
    ],
    "子育て支援課": [
        (
            0.55,
            [
                "窓口受付（整理券）",
                "申請者身元確認",
                "認定請求書への記入",
                "児童手当認定請求受付",
                "住民票記載事項の確認",
                "受給者台帳入力",
                "所得情報照会",
                "振込先口座の登録",
                "認定通知書発送",
            ],
        ),
        (
            0.25,
            [
                "窓口受付（整理券）",
                "申請者身元確認",
                "保育所入所申込受付",
                "所得情報照会",
                "保育所入所承諾通知",
            ],
        ),
        (
            0.20,
            [
                "窓口受付（整理券）",
                "申請者身元確認",
                "保育所入所申込受付",
                "所得情報照会",
                "保育所入所不承諾通知",
            ],
        ),
    ],
    "高齢福祉課": [
        (
            0.55,
            [
                "受付票発券",
                "身分証明書の確認",
                "申請書記入補助",
                "要介護認定申請受付",
                "居住地確認",
                "介護台帳への入力",
                "課税状況の確認",
                "認定調査",
                "認定結果通知書発送",
            ],
        ),
        (
            0.15,
            [
                "受付票発券",
                "身分証明書の確認",
                "申請書記入補助",
                "要介護認定申請受付",
                "介護台帳への入力",
                "支給口座届出受付",
                "認定調査",
                "認定結果通知書発送",
            ],
        ),
        (0.20, ["受付票発券", "身分証明書の確認", "敬老祝金申請受付", "支給口座届出受付"]),
        (0.10, ["受付票発券", "身分証明書の確認", "敬老祝金申請却下"]),
    ],
    "市営住宅課": [
        (
            0.60,
            [
                "整理券発行",
                "申込者の本人確認",
                "入居申込書記入",
                "入居申込受付",
                "現住所の確認",
                "収入認定のための所得照会",
                "入居者データ登録",
                "家賃引落口座登録",
                "入居決定通知",
            ],
        ),
        (
            0.40,
            [
                "整理券発行",
                "申込者の本人確認",
                "入居申込書記入",
                "入居申込受付",
                "現住所の確認",
                "収入認定のための所得照会",
                "入居申込却下",
            ],
        ),
    ],
}

# per-department storage styles of resident fields (realistic inconsistency)
STYLE = {
    "市民窓口課": dict(addr="full", name="space", kana="full", phone="dash", acct=None, stale=0.0),
    "課税課": dict(
        addr="zen", name="plainvar", kana="nospace", phone="plain", acct="words", stale=0.35
    ),
    "国民健康保険課": dict(
        addr="hyphen", name="half", kana="half", phone="dash", acct="code", stale=0.25
    ),
    "子育て支援課": dict(
        addr="full", name="space", kana="hira", phone="paren", acct="code", stale=0.3
    ),
    "高齢福祉課": dict(
        addr="kanji", name="spacevar", kana="half", phone="dash", acct="compact", stale=0.4
    ),
    "市営住宅課": dict(
        addr="pref", name="half", kana="full", phone="plain", acct="code", stale=0.2
    ),
}

STAFF = {
    "市民窓口課": [f"窓口{n:02d}" for n in range(1, 13)],
    "課税課": [f"K{n:04d}" for n in (1012, 1033, 1047, 1101, 1125, 1180, 1202)],
    "国民健康保険課": ["tanaka.h", "mori.k", "ishii.y", "abe.t", "ono.m", "kato.r"],
    "子育て支援課": ["子育て担当A", "子育て担当B", "子育て担当C", "子育て担当D", "子育て担当E"],
    "高齢福祉課": [
        "福祉職員01",
        "福祉職員02",
        "福祉職員03",
        "福祉職員04",
        "ケースワーカー1",
        "ケースワーカー2",
    ],
    "市営住宅課": ["Suzuki", "Yamada", "Kimura", "Hayashi"],
}
RESIDENT_RES = {
    "市民窓口課": "来庁者",
    "課税課": "納税者本人",
    "国民健康保険課": "honnin",
    "子育て支援課": "申請者",
    "高齢福祉課": "本人・家族",
    "市営住宅課": "Applicant",
}
SYSTEM_RES = {
    "市民窓口課": "発券機",
    "課税課": "受付システム",
    "国民健康保険課": "kiosk",
    "子育て支援課": "整理券機",
    "高齢福祉課": "発券機",
    "市営住宅課": "Ticket Machine",
}
BATCH_RES = {
    "市民窓口課": "バッチ",
    "課税課": "一括処理",
    "国民健康保険課": "batch",
    "子育て支援課": "自動送付",
    "高齢福祉課": "一括発送",
    "市営住宅課": "System",
}


# ------------------------------------------------------------------------ simulation


def eligible(dept: str, people: list, rng) -> np.ndarray:
    age = np.array([p.age for p in people])
    kids = np.array([p.kids for p in people])
    n = len(people)
    u = rng.random(n)
    if dept == "市民窓口課":
        return u < 0.75
    if dept == "課税課":
        return (age < 75) & (u < 0.5)
    if dept == "国民健康保険課":
        return ((age < 40) | (age >= 60)) & (u < 0.45)
    if dept == "子育て支援課":
        return (kids > 0) & (u < 0.8)
    if dept == "高齢福祉課":
        return (age >= 65) & (u < 0.6)
    return u < 0.1


def simulate(people: list, rng) -> dict[str, list[dict]]:
    """One list of event dicts per department (internal field names)."""
    year0 = dt.datetime(2023, 4, 3, 8, 30)
    logs: dict[str, list[dict]] = {d: [] for d in DEPTS}
    # life-event day per resident: visits to several counters on one day
    visit_day = {}
    for i in range(len(people)):
        d = year0 + dt.timedelta(days=int(rng.integers(0, 360)))
        while d.weekday() >= 5:
            d += dt.timedelta(days=1)
        visit_day[i] = d
    counters = {d: 0 for d in DEPTS}
    for dept in DEPTS:
        elig = np.flatnonzero(eligible(dept, people, rng))
        steps = {s[0]: s for s in DEPTS[dept]["steps"]}
        probs = np.array([f[0] for f in FLOWS[dept]])
        probs = probs / probs.sum()
        for i in elig:
            flow = FLOWS[dept][rng.choice(len(probs), p=probs)][1]
            same_day = rng.random() < 0.6
            day = visit_day[i] if same_day else year0 + dt.timedelta(days=int(rng.integers(0, 360)))
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            t = day + dt.timedelta(minutes=int(rng.integers(0, 420)))
            counters[dept] += 1
            case = counters[dept]
            staff = STAFF[dept][rng.integers(len(STAFF[dept]))]
            for label in flow:
                _, perf, minutes, fields, _ = steps[label]
                if perf == "system" and label.endswith(("発送", "送付", "通知")):
                    t = t + dt.timedelta(
                        days=int(rng.integers(3, 15)), hours=int(rng.integers(0, 3))
                    )
                    res = BATCH_RES[dept]
                elif perf == "system":
                    res = SYSTEM_RES[dept]
                elif perf == "resident":
                    res = RESIDENT_RES[dept]
                else:
                    res = staff
                if label in ("認定調査",):
                    t = t + dt.timedelta(days=int(rng.integers(5, 20)))
                dur = max(0.5, rng.gamma(4, minutes / 4)) if minutes else 0
                logs[dept].append(
                    {
                        "case": case,
                        "act": label,
                        "ts": t,
                        "end": t + dt.timedelta(minutes=dur),
                        "res": res,
                        "i": int(i),
                        "fields": fields,
                    }
                )
                t = t + dt.timedelta(minutes=dur + float(rng.integers(1, 25)))
    return logs


# ------------------------------------------------------------------------ rendering


def resident_copy(
    dept: str, p, when: dt.datetime, rng, stale_flag: bool, second_phone: bool, second_acct: bool
) -> dict:
    st = STYLE[dept]
    if p.move_day is not None and when.date() >= p.move_day and not stale_flag:
        a = p.addr_new
    else:
        a = p.addr_old
    phone = p.home if (second_phone and p.home) else p.mobile
    acct = p.acct2 if (second_acct and p.acct2) else p.acct
    return {
        "name": name_str(p, st["name"], rng),
        "kana": kana_str(p, st["kana"]),
        "addr": addr_str(a, st["addr"]),
        "phone": phone_str(phone, st["phone"]),
        "acct": acct_str(acct, st["acct"]) if st["acct"] else "",
        "mynum": p.mynumber,
    }


def build(people: list, logs, rng) -> dict[str, pd.DataFrame]:
    out = {}
    for dept, events in logs.items():
        # per-department frozen attributes per resident
        copy_cache: dict[int, dict] = {}
        recs = []
        for e in events:
            p = people[e["i"]]
            if e["i"] not in copy_cache or dept == "市民窓口課":
                if e["i"] not in copy_cache:
                    flags = (
                        rng.random() < STYLE[dept]["stale"],
                        rng.random() < 0.5,
                        rng.random() < 0.5,
                    )
                    copy_cache[e["i"]] = {"flags": flags}
                flags = copy_cache[e["i"]]["flags"]
                copy_cache[e["i"]]["vals"] = resident_copy(dept, p, e["ts"], rng, *flags)
                copy_cache[e["i"]]["agent_self"] = rng.random() < 0.15
            vals = copy_cache[e["i"]]["vals"]
            f = set(e["fields"])
            r = {
                "case": e["case"],
                "act": e["act"],
                "ts": e["ts"],
                "end": e["end"],
                "res": e["res"],
                "pid": p.pid,
                "birth": p.birth if "birth" in f else None,
            }
            for k in ("name", "kana", "addr", "phone", "acct", "mynum"):
                r[k] = vals[k] if k in f else ""
            ag_s, ag_m = p.agent
            r["agent_name"] = (
                (vals["name"] if copy_cache[e["i"]]["agent_self"] else f"{ag_s[0]}　{ag_m[0]}")
                if "agent_name" in f
                else ""
            )
            r["kid_name"] = f"{p.sei}　{p.kid_name[0]}" if "kid_name" in f else ""
            r["kid_birth"] = p.kid_birth if "kid_birth" in f else None
            r["work_phone"] = p.work_phone if "work_phone" in f else ""
            r["emerg_name"] = f"{ag_s[0]}　{ag_m[0]}" if "emerg_name" in f else ""
            r["emerg_phone"] = p.emerg_phone if "emerg_phone" in f else ""
            r["guar_name"] = f"{ag_s[0]} {ag_m[0]}" if "guar_name" in f else ""
            r["guar_addr"] = (
                f"横浜市中区山下町{rng.integers(1, 200)}番地" if "guar_addr" in f else ""
            )
            r["facility_addr"] = (
                [
                    "さくら台市本町3-4-1",
                    "さくら台市緑町2丁目8番",
                    "さくら台市旭が丘1-15-2",
                    "さくら台市若葉台4丁目1番1号",
                ][rng.integers(4)]
                if "facility_addr" in f
                else ""
            )
            r["memo"] = rng.choice(["", "", "", "至急", "郵送希望", "代理人"])
            recs.append(r)
        out[dept] = (
            pd.DataFrame(recs).sort_values(["ts", "case"], kind="stable").reset_index(drop=True)
        )
    return out


def fmt_dt(series, fmt):
    return series.map(lambda t: t.strftime(fmt))


def write_files(frames: dict[str, pd.DataFrame], city: Path) -> dict[str, dict[str, str]]:
    """Write each export; return field -> column map per department (for truth)."""
    cols: dict[str, dict[str, str]] = {}

    # 市民窓口課: UTF-8, plain Japanese headers, ISO-ish slash timestamps, end column
    f = frames["市民窓口課"]
    df = pd.DataFrame(
        {
            "受付番号": f["case"].map(lambda c: f"S{c:06d}"),
            "手続名": f["act"],
            "受付日時": fmt_dt(f["ts"], "%Y/%m/%d %H:%M:%S"),
            "終了日時": fmt_dt(f["end"], "%Y/%m/%d %H:%M:%S"),
            "担当者": f["res"],
            "住民コード": f["pid"],
            "氏名": f["name"],
            "フリガナ": f["kana"],
            "生年月日": f["birth"].map(lambda d: d.isoformat() if d is not None else ""),
            "住所": f["addr"],
            "電話番号": f["phone"],
            "個人番号": f["mynum"],
            "届出人氏名": f["agent_name"],
            "備考": f["memo"],
        }
    )
    df.to_csv(city / "市民窓口課.csv", index=False, encoding="utf-8")
    cols["市民窓口課"] = {
        "氏名": "氏名",
        "カナ": "フリガナ",
        "生年月日": "生年月日",
        "住所": "住所",
        "電話": "電話番号",
        "個人番号": "個人番号",
    }

    # 課税課: cp932, 和暦 timestamps and birth dates, person key under 宛名コード
    f = frames["課税課"]
    df = pd.DataFrame(
        {
            "整理番号": f["case"].map(lambda c: f"R5-{c:05d}"),
            "事務内容": f["act"],
            "処理日時": f["ts"].map(
                lambda t: f"{wareki(t.date(), 'kanji')} {t.hour}時{t.minute:02d}分"
            ),
            "処理者": f["res"],
            "宛名コード": f["pid"],
            "納税義務者氏名": f["name"].str.replace(
                "𠮷", "吉"
            ),  # not in cp932: the system holds 吉
            "カナ氏名": f["kana"],
            "生年月日": f["birth"].map(lambda d: wareki(d, "latin") if d is not None else ""),
            "住所": f["addr"],
            "連絡先": f["phone"],
            "勤務先電話": f["work_phone"],
            "振替口座": f["acct"],
            "個人番号": f["mynum"],
        }
    )
    df.to_csv(city / "課税課.csv", index=False, encoding="cp932")
    cols["課税課"] = {
        "氏名": "納税義務者氏名",
        "カナ": "カナ氏名",
        "生年月日": "生年月日",
        "住所": "住所",
        "電話": "連絡先",
        "口座": "振替口座",
        "個人番号": "個人番号",
    }

    # 国民健康保険課: romaji / English headers, ISO T timestamps
    f = frames["国民健康保険課"]
    df = pd.DataFrame(
        {
            "uketsuke_no": f["case"].map(lambda c: f"KH{c:05d}"),
            "gyomu": f["act"],
            "shori_nichiji": fmt_dt(f["ts"], "%Y-%m-%dT%H:%M:%S"),
            "tantosha": f["res"],
            "atena_no": f["pid"],
            "shimei": f["name"],
            "kana_shimei": f["kana"],
            "Birth Date": f["birth"].map(
                lambda d: f"{d.year}/{d.month}/{d.day}" if d is not None else ""
            ),
            "jusho": f["addr"],
            "tel": f["phone"],
            "koza": f["acct"],
            "kojin_bango": f["mynum"],
        }
    )
    df.to_csv(city / "国民健康保険課.csv", index=False, encoding="utf-8-sig")
    cols["国民健康保険課"] = {
        "氏名": "shimei",
        "カナ": "kana_shimei",
        "生年月日": "Birth Date",
        "住所": "jusho",
        "電話": "tel",
        "口座": "koza",
        "個人番号": "kojin_bango",
    }

    # 子育て支援課: date + time split columns, decoys 子の氏名 / 子の生年月日 / 施設住所
    f = frames["子育て支援課"]
    df = pd.DataFrame(
        {
            "申請番号": f["case"].map(lambda c: f"KO-{c:05d}"),
            "業務": f["act"],
            "処理日": fmt_dt(f["ts"], "%Y/%m/%d"),
            "処理時刻": fmt_dt(f["ts"], "%H:%M"),
            "担当職員": f["res"],
            "宛名番号": f["pid"],
            "申請者氏名": f["name"],
            "申請者カナ": f["kana"],
            "申請者生年月日": f["birth"].map(
                lambda d: f"{d.year}年{d.month}月{d.day}日" if d is not None else ""
            ),
            "申請者住所": f["addr"],
            "申請者電話": f["phone"],
            "振込口座": f["acct"],
            "マイナンバー": f["mynum"].map(lambda s: f"{s[:4]} {s[4:8]} {s[8:]}" if s else ""),
            "子の氏名": f["kid_name"],
            "子の生年月日": f["kid_birth"].map(
                lambda d: f"{d.year}年{d.month}月{d.day}日" if d is not None else ""
            ),
            "施設住所": f["facility_addr"],
        }
    )
    df.to_csv(city / "子育て支援課.csv", index=False, encoding="utf-8")
    cols["子育て支援課"] = {
        "氏名": "申請者氏名",
        "カナ": "申請者カナ",
        "生年月日": "申請者生年月日",
        "住所": "申請者住所",
        "電話": "申請者電話",
        "口座": "振込口座",
        "個人番号": "マイナンバー",
    }

    # 高齢福祉課: yyyymmdd integer birth date, half-width kana header, emergency-contact decoys
    f = frames["高齢福祉課"]
    df = pd.DataFrame(
        {
            "ケース番号": f["case"].map(lambda c: f"{700000 + c}"),
            "処理区分": f["act"],
            "処理日時": fmt_dt(f["ts"], "%Y-%m-%d %H:%M"),
            "担当": f["res"],
            "住民番号": f["pid"],
            "対象者氏名": f["name"],
            "ﾌﾘｶﾞﾅ": f["kana"],
            "生年月日": f["birth"].map(
                lambda d: str(int(d.strftime("%Y%m%d"))) if d is not None else ""
            ),
            "現住所": f["addr"],
            "電話": f["phone"],
            "口座番号": f["acct"],
            "緊急連絡先氏名": f["emerg_name"],
            "緊急連絡先電話": f["emerg_phone"],
        }
    )
    df.to_csv(city / "高齢福祉課.csv", index=False, encoding="utf-8")
    cols["高齢福祉課"] = {
        "氏名": "対象者氏名",
        "カナ": "ﾌﾘｶﾞﾅ",
        "生年月日": "生年月日",
        "住所": "現住所",
        "電話": "電話",
        "口座": "口座番号",
    }

    # 市営住宅課: English headers, ISO birth dates, guarantor/workplace decoys
    f = frames["市営住宅課"]
    df = pd.DataFrame(
        {
            "Application No": f["case"].map(lambda c: f"H{c:04d}"),
            "Step": f["act"],
            "Date": fmt_dt(f["ts"], "%Y-%m-%d %H:%M"),
            "Officer": f["res"],
            "Resident No": f["pid"],
            "Applicant Name": f["name"],
            "Name Kana": f["kana"],
            "Birth Date": f["birth"].map(lambda d: d.isoformat() if d is not None else ""),
            "Current Address": f["addr"],
            "Phone": f["phone"],
            "Bank Account": f["acct"],
            "Workplace Phone": f["work_phone"],
            "Guarantor Name": f["guar_name"],
            "Guarantor Address": f["guar_addr"],
        }
    )
    df.to_csv(city / "市営住宅課.csv", index=False, encoding="utf-8")
    cols["市営住宅課"] = {
        "氏名": "Applicant Name",
        "カナ": "Name Kana",
        "生年月日": "Birth Date",
        "住所": "Current Address",
        "電話": "Phone",
        "口座": "Bank Account",
    }
    return cols


DECOYS = [
    ("市民窓口課", "届出人氏名"),
    ("課税課", "勤務先電話"),
    ("子育て支援課", "子の氏名"),
    ("子育て支援課", "子の生年月日"),
    ("子育て支援課", "施設住所"),
    ("高齢福祉課", "緊急連絡先氏名"),
    ("高齢福祉課", "緊急連絡先電話"),
    ("市営住宅課", "Workplace Phone"),
    ("市営住宅課", "Guarantor Name"),
    ("市営住宅課", "Guarantor Address"),
]

NEGATIVES = {
    # look-alike work that is not the same task
    "届出受付": [
        ("市民窓口課", "転入届受付"),
        ("市民窓口課", "転出届受付"),
        ("市民窓口課", "転居届受付"),
        ("国民健康保険課", "資格取得届受付"),
        ("国民健康保険課", "資格喪失届受付"),
    ],
    "通知発送": [
        ("課税課", "税額決定通知書発送"),
        ("国民健康保険課", "保険税納税通知書送付"),
        ("子育て支援課", "認定通知書発送"),
        ("高齢福祉課", "認定結果通知書発送"),
        ("市営住宅課", "入居決定通知"),
        ("子育て支援課", "保育所入所承諾通知"),
        ("子育て支援課", "保育所入所不承諾通知"),
    ],
    "申請受付と却下": [
        ("高齢福祉課", "敬老祝金申請受付"),
        ("高齢福祉課", "敬老祝金申請却下"),
        ("市営住宅課", "入居申込受付"),
        ("市営住宅課", "入居申込却下"),
        ("子育て支援課", "児童手当認定請求受付"),
        ("高齢福祉課", "要介護認定申請受付"),
        ("子育て支援課", "保育所入所申込受付"),
    ],
    "証明書交付": [
        ("市民窓口課", "住民票の写し交付"),
        ("課税課", "課税証明書交付"),
        ("課税課", "非課税証明書交付"),
        ("国民健康保険課", "保険証交付"),
        ("市民窓口課", "印鑑登録証交付"),
        ("市民窓口課", "マイナンバーカード交付"),
    ],
    "照会回答": [("課税課", "所得照会回答")],
}
# 市民窓口課「住民記録システム入力」 keys the system of record itself: neither a planted duplicate
# nor a hard negative in the main truth; truth_alt/ counts it as a member of the "key" cluster.


def write_truth(cols, truth: Path) -> None:
    rows = []
    for dept, spec in DEPTS.items():
        for label, _, _, _, cluster in spec["steps"]:
            if cluster:
                rows.append({"cluster": cluster, "department": dept, "activity": label})
    dup = (
        pd.DataFrame(rows).sort_values(["cluster", "department", "activity"]).reset_index(drop=True)
    )
    dup.to_csv(truth / "duplicates.csv", index=False, encoding="utf-8")
    # pair form (as in the brief)
    pairs = []
    for _, g in dup.groupby("cluster", sort=True):
        m = list(g.itertuples(index=False))
        for x in range(len(m)):
            for y in range(x + 1, len(m)):
                if m[x].department != m[y].department:
                    pairs.append((m[x].department, m[x].activity, m[y].department, m[y].activity))
    cols4 = ["department_a", "activity_a", "department_b", "activity_b"]
    pd.DataFrame(pairs, columns=cols4).to_csv(truth / "duplicates_pairs.csv", index=False)
    neg = [{"group": g, "department": d, "activity": a} for g, m in NEGATIVES.items() for d, a in m]
    pd.DataFrame(neg).to_csv(truth / "negatives.csv", index=False)
    npairs = []
    for m in NEGATIVES.values():
        for x in range(len(m)):
            for y in range(x + 1, len(m)):
                if m[x][0] != m[y][0]:
                    npairs.append((*m[x], *m[y]))
    pd.DataFrame(npairs, columns=cols4).to_csv(truth / "negatives_pairs.csv", index=False)
    silo = [
        {"field": fld, "department": d, "column": c}
        for d, m in cols.items()
        for fld, c in m.items()
    ]
    pd.DataFrame(silo).sort_values(["field", "department"]).to_csv(truth / "silos.csv", index=False)
    pd.DataFrame(DECOYS, columns=["department", "column"]).to_csv(truth / "decoys.csv", index=False)
    alt = truth.parent / "truth_alt"
    alt.mkdir(exist_ok=True)
    extra = pd.DataFrame(
        [{"cluster": "key", "department": "市民窓口課", "activity": "住民記録システム入力"}]
    )
    pd.concat([dup, extra]).sort_values(["cluster", "department", "activity"]).to_csv(
        alt / "duplicates.csv", index=False
    )
    pd.DataFrame(neg).to_csv(alt / "negatives.csv", index=False)


def make(out: Path, seed: int = 7, residents: int = 3000) -> str:
    """Write the town's exports into ``out/city`` and its truth into ``out/truth``; return
    a one-line summary."""
    rng = np.random.default_rng(seed)
    city, truth = out / "city", out / "truth"
    for d in (city, truth):
        d.mkdir(parents=True, exist_ok=True)
        for old in d.iterdir():
            old.unlink()
    people = make_people(rng, residents)
    logs = simulate(people, rng)
    frames = build(people, logs, rng)
    cols = write_files(frames, city)
    write_truth(cols, truth)
    n = sum(len(v) for v in frames.values())
    return f"{residents} residents, {n} events: " + ", ".join(
        f"{d} {len(v)}" for d, v in frames.items()
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--residents", type=int, default=3000)
    ap.add_argument("--out", default="/tmp/sakuradai")
    a = ap.parse_args()
    print(make(Path(a.out), a.seed, a.residents))


if __name__ == "__main__":
    main()
