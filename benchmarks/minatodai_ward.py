# ruff: noqa: UP031, B023
"""みなと台区 (Minatodai ward) — a held-out test town for procmine (written independently).

The town
    A Tokyo 特別区. 区民課 runs the main 住基 counter (本庁舎) and three 出張所 (汐見, 若葉, 桜川) run
    the same 住基 system; each office exports it separately (same headers, same labels, different
    residents, different staff). A コンビニ交付 kiosk log and a マイナポータル ぴったりサービス
    online-application log are exports of their own. Back-office departments: 国保年金課 (old system,
    romaji headers, upper-case romaji labels, cp932, 和暦 birth dates), 子ども家庭支援課 (circled step
    numbers ①受付 ②…), 介護保険課 (cp932), 税務課, 障害者福祉課, 生活福祉課. FY2025 (2025-04..2026-03),
    ~3,000 sampled residents, life events (転入, 出生, 退職, 要介護, 障害, 困窮, 申告, 証明書) that
    send residents to several counters on one day, back-office steps days later, some rework.

Files (OUT/ward/)                                  department (procmine.toml)
    kumin_honcho.csv   UTF-8 BOM                   区民課
    kumin_shiomi.csv / kumin_wakaba.csv / kumin_sakuragawa.csv  汐見出張所 / 若葉出張所 / 桜川出張所
    konbini_kofu.csv   UTF-8, kiosk (端末) rows     コンビニ交付
    pittari_shinsei.csv UTF-8, 住民コード only for card log-ins, else 氏名+生年月日  ぴったりサービス
    kokuho_nenkin.csv  cp932, romaji headers       国保年金課
    kodomo_katei.csv   UTF-8, ①②… labels           子ども家庭支援課
    kaigo_hoken.csv    cp932                       介護保険課
    zeimu.csv          UTF-8                       税務課
    shogai_fukushi.csv UTF-8 BOM                   障害者福祉課
    seikatsu_fukushi.csv UTF-8                     生活福祉課

Truth conventions (OUT/truth/)
    duplicates.csv  One cluster per kind of duplicated work. The 住基 offices do the same procedure
        for different residents, so a 区民課 step and the same step at a 出張所 (or at two 出張所) are
        NOT duplicates: such pairs are the BRANCH_* hard-negative groups. A cross-department cluster
        that holds a 住基-office step (QUEUE, ID, FORM, GUIDE, COPY) is therefore written once per
        office (ID, ID@汐見出張所, …): each copy holds that office's step plus the other departments'
        members, so office×department pairs are positives and office×office pairs are in no common
        cluster. Pairs between the non-office departments recur in those copies (read as a set).
    negatives.csv   BRANCH_* groups + generic-word groups (交付, 審査, 訪問, 通知).
    aliases.csv     old-system / width variants of a label seen in the same export.
    silos.csv       every export column holding the resident's own field.
    decoys.csv      columns that look like a resident field but are someone else's / something else.
"""

import argparse
import csv
import os
import random
from datetime import date, datetime, timedelta

import pandas as pd

OFFICES = [
    ("kumin_honcho.csv", "区民課"),
    ("kumin_shiomi.csv", "汐見出張所"),
    ("kumin_wakaba.csv", "若葉出張所"),
    ("kumin_sakuragawa.csv", "桜川出張所"),
]
KUMIN_DEPTS = [d for _, d in OFFICES]
DEPT_FILES = OFFICES + [
    ("konbini_kofu.csv", "コンビニ交付"),
    ("pittari_shinsei.csv", "ぴったりサービス"),
    ("kokuho_nenkin.csv", "国保年金課"),
    ("kodomo_katei.csv", "子ども家庭支援課"),
    ("kaigo_hoken.csv", "介護保険課"),
    ("zeimu.csv", "税務課"),
    ("shogai_fukushi.csv", "障害者福祉課"),
    ("seikatsu_fukushi.csv", "生活福祉課"),
]
ENC = {
    "kokuho_nenkin.csv": "cp932",
    "kaigo_hoken.csv": "cp932",
    "kumin_honcho.csv": "utf-8-sig",
    "kumin_shiomi.csv": "utf-8-sig",
    "kumin_wakaba.csv": "utf-8-sig",
    "kumin_sakuragawa.csv": "utf-8-sig",
    "shogai_fukushi.csv": "utf-8-sig",
}

# ---- activity labels -------------------------------------------------------------------------------
K = dict(
    QUEUE="整理券発行",
    FORM="異動届記入",
    ID="本人確認",
    SHINSA="届書審査",
    AUTH="住記異動入力",
    CARD="個人番号カード手続",
    JUMINHYO="住民票写し交付",
    INKAN="印鑑登録証明書交付",
    GUIDE="関係課案内",
    COPY="住民票写し交付（他課提出用）",
    SLIP="異動連絡票送付",
)
KOK = dict(
    QUEUE="BANGOFUDA HAKKEN",
    FORM="KANYU TODOKE KINYU",
    ID="HONNIN KAKUNIN",
    NUM="MYNUMBER KAKUNIN",
    ADDR="JUKI SHOKAI",
    KEY="HIHOKENSHA JOHO NYURYOKU",
    INCOME="KAZEI JOKYO SHOKAI",
    ACCT="KOZA FURIKAE TOROKU",
    KOFU="HOKENSHO KOFU",
    NENKIN="NENKIN TODOKE UKETSUKE",
    GUIDE="TAKA TETSUZUKI ANNAI",
    SANTEI="HOKENRYO SANTEI",
    TSUCHI="NOFU TSUCHISHO HASSO",
)
KOD = dict(
    QUEUE="①番号札発券",
    ID="②申請者確認",
    FORM="③認定請求書記入",
    NUM="④個人番号確認",
    ADDR="⑤住基照会",
    KEY="⑥宛名入力",
    INCOME="⑦課税照会",
    ACCT="⑧振込口座登録",
    SHINSA="⑨認定審査",
    TSUCHI="⑩認定通知書送付",
)
KAI = dict(
    QUEUE="番号札受取",
    ID="身元確認",
    FORM="申請書記入（被保険者）",
    NUM="マイナンバー確認",
    ADDR="住所照会（住記）",
    KEY="被保険者情報入力",
    INCOME="所得段階照会",
    ACCT="口座振替登録",
    VISIT="認定調査（訪問）",
    SHINSA="介護認定審査会",
    TSUCHI="認定結果通知",
    KOFU="被保険者証交付",
)
ZEI = dict(
    QUEUE="番号札発行",
    ID="来庁者本人確認",
    FORM="申告書記入",
    NUM="個人番号確認",
    KEY="納税者情報入力",
    ACCT="還付口座登録",
    KOFU="課税証明書交付",
    COPY="課税証明書交付（他課提出用）",
    KEISAN="税額計算",
)
SHO = dict(
    QUEUE="受付票発行",
    ID="本人確認書類確認",
    FORM="申請書記入",
    NUM="個人番号の確認",
    ADDR="住民情報照会",
    KEY="基本情報登録",
    INCOME="所得状況照会",
    ACCT="給付口座登録",
    VISIT="障害支援区分認定調査",
    SHINSA="市町村審査会",
    KOFU="受給者証交付",
    TECHO="手帳交付",
)
SEI = dict(
    MENSETSU="面接受付",
    ID="本人確認（面接時）",
    FORM="保護申請書記入",
    ADDR="住基照会",
    KEY="ケース記録入力（基本事項）",
    INCOME="収入調査（課税照会）",
    ACCT="扶助費振込口座登録",
    VISIT="家庭訪問",
    TSUCHI="保護決定通知",
    GUIDE="他法他施策案内",
)
KON = dict(REQ="証明書選択", AUTH="カード認証", PRINT="証明書印刷")
PIT = dict(FORM="申請フォーム入力", SIGN="電子署名", SEND="申請送信", TORI="所管課取込")

ALIASES = [
    ("国保年金課", "HONNINKAKUNIN", KOK["ID"]),
    ("国保年金課", "JUKI-SHOKAI", KOK["ADDR"]),
    ("介護保険課", "住所照会(住記)", KAI["ADDR"]),
    ("子ども家庭支援課", "2.申請者確認", KOD["ID"]),
]
ALIAS_OF = {(d, a): al for d, al, a in ALIASES}

CLUSTERS = {  # non-office members; office member given separately
    "QUEUE": (
        [
            ("国保年金課", KOK["QUEUE"]),
            ("子ども家庭支援課", KOD["QUEUE"]),
            ("介護保険課", KAI["QUEUE"]),
            ("税務課", ZEI["QUEUE"]),
            ("障害者福祉課", SHO["QUEUE"]),
        ],
        K["QUEUE"],
    ),
    "ID": (
        [
            ("国保年金課", KOK["ID"]),
            ("子ども家庭支援課", KOD["ID"]),
            ("介護保険課", KAI["ID"]),
            ("税務課", ZEI["ID"]),
            ("障害者福祉課", SHO["ID"]),
            ("生活福祉課", SEI["ID"]),
        ],
        K["ID"],
    ),
    "FORM": (
        [
            ("国保年金課", KOK["FORM"]),
            ("子ども家庭支援課", KOD["FORM"]),
            ("介護保険課", KAI["FORM"]),
            ("税務課", ZEI["FORM"]),
            ("障害者福祉課", SHO["FORM"]),
            ("生活福祉課", SEI["FORM"]),
            ("ぴったりサービス", PIT["FORM"]),
        ],
        K["FORM"],
    ),
    "GUIDE": ([("国保年金課", KOK["GUIDE"]), ("生活福祉課", SEI["GUIDE"])], K["GUIDE"]),
    "COPY": ([("税務課", ZEI["COPY"])], K["COPY"]),
    "NUM": (
        [
            ("国保年金課", KOK["NUM"]),
            ("子ども家庭支援課", KOD["NUM"]),
            ("介護保険課", KAI["NUM"]),
            ("税務課", ZEI["NUM"]),
            ("障害者福祉課", SHO["NUM"]),
        ],
        None,
    ),
    "ADDR": (
        [
            ("国保年金課", KOK["ADDR"]),
            ("子ども家庭支援課", KOD["ADDR"]),
            ("介護保険課", KAI["ADDR"]),
            ("障害者福祉課", SHO["ADDR"]),
            ("生活福祉課", SEI["ADDR"]),
        ],
        None,
    ),
    "KEY": (
        [
            ("国保年金課", KOK["KEY"]),
            ("子ども家庭支援課", KOD["KEY"]),
            ("介護保険課", KAI["KEY"]),
            ("税務課", ZEI["KEY"]),
            ("障害者福祉課", SHO["KEY"]),
            ("生活福祉課", SEI["KEY"]),
        ],
        None,
    ),
    "INCOME": (
        [
            ("国保年金課", KOK["INCOME"]),
            ("子ども家庭支援課", KOD["INCOME"]),
            ("介護保険課", KAI["INCOME"]),
            ("障害者福祉課", SHO["INCOME"]),
            ("生活福祉課", SEI["INCOME"]),
        ],
        None,
    ),
    "ACCT": (
        [
            ("国保年金課", KOK["ACCT"]),
            ("子ども家庭支援課", KOD["ACCT"]),
            ("介護保険課", KAI["ACCT"]),
            ("税務課", ZEI["ACCT"]),
            ("障害者福祉課", SHO["ACCT"]),
            ("生活福祉課", SEI["ACCT"]),
        ],
        None,
    ),
}
NEGATIVES = {
    "交付": [
        ("区民課", K["JUMINHYO"]),
        ("区民課", K["INKAN"]),
        ("国保年金課", KOK["KOFU"]),
        ("介護保険課", KAI["KOFU"]),
        ("障害者福祉課", SHO["KOFU"]),
        ("障害者福祉課", SHO["TECHO"]),
        ("税務課", ZEI["KOFU"]),
        ("コンビニ交付", KON["PRINT"]),
    ],
    "審査": [
        ("区民課", K["SHINSA"]),
        ("介護保険課", KAI["SHINSA"]),
        ("障害者福祉課", SHO["SHINSA"]),
        ("子ども家庭支援課", KOD["SHINSA"]),
    ],
    "訪問": [
        ("介護保険課", KAI["VISIT"]),
        ("障害者福祉課", SHO["VISIT"]),
        ("生活福祉課", SEI["VISIT"]),
    ],
    "通知": [
        ("子ども家庭支援課", KOD["TSUCHI"]),
        ("介護保険課", KAI["TSUCHI"]),
        ("生活福祉課", SEI["TSUCHI"]),
        ("国保年金課", KOK["TSUCHI"]),
    ],
}

# ---- residents -------------------------------------------------------------------------------------
SEI_N = [
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
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("斎藤", "サイトウ"),
    ("清水", "シミズ"),
    ("山崎", "ヤマザキ"),
    ("森", "モリ"),
    ("池田", "イケダ"),
    ("橋本", "ハシモト"),
    ("石川", "イシカワ"),
    ("前田", "マエダ"),
    ("藤田", "フジタ"),
    ("岡田", "オカダ"),
]
MEI_N = [
    ("翔太", "ショウタ"),
    ("美咲", "ミサキ"),
    ("健一", "ケンイチ"),
    ("陽子", "ヨウコ"),
    ("大輔", "ダイスケ"),
    ("由美", "ユミ"),
    ("誠", "マコト"),
    ("恵子", "ケイコ"),
    ("拓也", "タクヤ"),
    ("真由美", "マユミ"),
    ("浩二", "コウジ"),
    ("千尋", "チヒロ"),
    ("和也", "カズヤ"),
    ("さくら", "サクラ"),
    ("隆", "タカシ"),
    ("明美", "アケミ"),
    ("悠人", "ユウト"),
    ("優子", "ユウコ"),
    ("修", "オサム"),
    ("葵", "アオイ"),
    ("蓮", "レン"),
    ("結衣", "ユイ"),
    ("茂", "シゲル"),
    ("幸子", "サチコ"),
    ("直樹", "ナオキ"),
]
TOWNS = {
    "区民課": ["みなと台", "本町"],
    "汐見出張所": ["汐見", "汐見浜"],
    "若葉出張所": ["若葉", "若葉台"],
    "桜川出張所": ["桜川", "桜橋"],
}
BANKS = [
    ("0001", "みずなみ銀行"),
    ("0005", "東京ひかり銀行"),
    ("0009", "三つ葉住友銀行"),
    ("9900", "ゆうちょ銀行"),
    ("1310", "みなと信用金庫"),
]
KANJI_NUM = "〇一二三四五六七八九"
SHOPS = [
    ("ファミリーストア みなと台店", "東京都みなと台区本町2-14-3"),
    ("セブンスター汐見店", "東京都みなと台区汐見1-4-8"),
    ("ローソンズ若葉台店", "東京都みなと台区若葉台3-2-1"),
    ("デイリーマート桜橋店", "東京都みなと台区桜橋4-9-12"),
]


def wareki(d):
    if d >= date(2019, 5, 1):
        return "R%02d.%02d.%02d" % (d.year - 2018, d.month, d.day)
    if d >= date(1989, 1, 8):
        return "H%02d.%02d.%02d" % (d.year - 1988, d.month, d.day)
    return "S%02d.%02d.%02d" % (d.year - 1925, d.month, d.day)


def make_residents(rng, n):
    res = []
    codes = rng.sample(range(10000000, 99999999), n)
    for i in range(n):
        s, sk = rng.choice(SEI_N)
        m, mk = rng.choice(MEI_N)
        office = rng.choices(KUMIN_DEPTS, weights=[40, 22, 20, 18])[0]
        town = rng.choice(TOWNS[office])
        age = rng.choices(
            [rng.randint(0, 5), rng.randint(18, 39), rng.randint(40, 64), rng.randint(65, 95)],
            weights=[8, 35, 32, 25],
        )[0]
        dob = date(2025 - age, rng.randint(1, 12), rng.randint(1, 28))
        cho, ban, go = rng.randint(1, 5), rng.randint(1, 30), rng.randint(1, 20)
        kata = rng.choice(
            [
                "",
                "",
                "",
                "みなと台ハイツ%d号室" % rng.randint(101, 509),
                "シーサイドコート%d" % rng.randint(101, 1205),
            ]
        )
        bank = rng.choice(BANKS)
        res.append(
            dict(
                code=str(codes[i]),
                name=f"{s}　{m}",
                kana=f"{sk}　{mk}",
                dob=dob,
                age=age,
                office=office,
                addr=f"東京都みなと台区{town}{cho}丁目{ban}番{go}号",
                town=town,
                cho=cho,
                ban=ban,
                go=go,
                kata=kata,
                tel="03-%04d-%04d" % (rng.randint(3000, 6999), rng.randint(0, 9999)),
                mobile="090-%04d-%04d" % (rng.randint(0, 9999), rng.randint(0, 9999)),
                bank=bank,
                branch="%03d" % rng.randint(1, 400),
                acct="%07d" % rng.randint(0, 9999999),
                acct2="%07d" % rng.randint(0, 9999999),
                income=max(0, int(rng.lognormvariate(14.6, 0.7)) // 1000 * 1000)
                if age >= 18
                else 0,
                mynum="%012d" % rng.randint(10**11, 10**12 - 1),
                card=rng.random() < 0.6,
            )
        )
    return res


def addr_variant(r, rng, kind):
    """format variants of the same address."""
    if kind == "hyphen":
        a = f"東京都みなと台区{r['town']}{r['cho']}-{r['ban']}-{r['go']}"
    elif kind == "zen":
        z = str.maketrans("0123456789-", "０１２３４５６７８９－")
        a = f"みなと台区{r['town']}{r['cho']}-{r['ban']}-{r['go']}".translate(z)
    elif kind == "kanji":
        a = f"みなと台区{r['town']}{KANJI_NUM[r['cho']]}丁目{r['ban']}番{r['go']}号"
    else:
        a = r["addr"]
    return a


# ---- event building --------------------------------------------------------------------------------
class Log:
    def __init__(self):
        self.rows = {d: [] for _, d in DEPT_FILES}
        self.seq = {d: 0 for _, d in DEPT_FILES}

    def case(self, dept, prefix):
        self.seq[dept] += 1
        return f"{prefix}{self.seq[dept]:06d}"

    def add(self, dept, case, act, start, minutes, staff, r, extra=None, rng=None):
        if rng is not None and (dept, act) in ALIAS_OF and rng.random() < 0.12:
            act = ALIAS_OF[(dept, act)]
        end = start + timedelta(minutes=minutes) if minutes is not None else None
        self.rows[dept].append(
            dict(case=case, act=act, start=start, end=end, staff=staff, r=r, x=extra or {})
        )
        return end or start


def workday(rng):
    d0 = date(2025, 4, 1)
    while True:
        d = d0 + timedelta(days=rng.randint(0, 364))
        if d.weekday() < 5:
            return d


def later(d, rng, lo, hi):
    t = datetime.combine(d, datetime.min.time()) + timedelta(days=rng.randint(lo, hi))
    while t.weekday() >= 5:
        t += timedelta(days=1)
    return t.replace(hour=rng.randint(9, 16), minute=rng.randint(0, 59))


STAFF = {}


def staff(rng, dept, n=6):
    if dept not in STAFF:
        base = {
            "区民課": "K1",
            "汐見出張所": "S",
            "若葉出張所": "W",
            "桜川出張所": "SK",
            "国保年金課": "KN",
            "子ども家庭支援課": "KD",
            "介護保険課": "KG",
            "税務課": "ZM",
            "障害者福祉課": "SF",
            "生活福祉課": "CW",
        }
        STAFF[dept] = [f"{base[dept]}{i:02d}" for i in range(1, n + 1)]
    return rng.choice(STAFF[dept])


def kumin_visit(L, rng, r, t, kind):
    """住基 counter at the resident's office (main or branch)."""
    d = r["office"]
    c = L.case(d, {"区民課": "HC", "汐見出張所": "SM", "若葉出張所": "WK", "桜川出張所": "SR"}[d])
    t = L.add(d, c, K["QUEUE"], t, 0, "発券機", r, {"用件": kind})
    t += timedelta(minutes=rng.randint(3, 40))
    s = staff(rng, d)
    if kind in ("転入", "出生", "転居"):
        t = L.add(d, c, K["FORM"], t, rng.randint(5, 12), "", r, {"用件": kind})
    t = L.add(d, c, K["ID"], t, rng.randint(1, 4), s, r, {"用件": kind})
    if kind in ("転入", "出生", "転居"):
        t = L.add(d, c, K["SHINSA"], t, rng.randint(3, 8), s, r, {"用件": kind})
        t = L.add(d, c, K["AUTH"], t, rng.randint(4, 10), s, r, {"用件": kind})
        if r["card"] and rng.random() < 0.5:
            t = L.add(d, c, K["CARD"], t, rng.randint(3, 8), s, r, {"用件": kind})
        if rng.random() < 0.25:
            t = L.add(d, c, K["COPY"], t, rng.randint(2, 5), s, r, {"用件": "他課提出用"})
        t = L.add(d, c, K["GUIDE"], t, rng.randint(2, 6), s, r, {"用件": kind})
        L.add(d, c, K["SLIP"], later(t.date(), rng, 0, 2), None, s, r, {"用件": kind})
    elif kind == "証明":
        t = L.add(
            d,
            c,
            rng.choice([K["JUMINHYO"], K["JUMINHYO"], K["INKAN"]]),
            t,
            rng.randint(3, 7),
            s,
            r,
            {"用件": kind},
        )
        if rng.random() < 0.05:  # rework: re-issued after a wrong item
            t = L.add(
                d,
                c,
                K["JUMINHYO"],
                t + timedelta(minutes=2),
                rng.randint(2, 5),
                s,
                r,
                {"用件": "再交付"},
            )
    return t + timedelta(minutes=rng.randint(2, 8))


def generic_counter(L, rng, dept, labels, prefix, r, t, steps, back, extra=None):
    c = L.case(dept, prefix)
    s = staff(rng, dept)
    for key in steps:
        if key == "QUEUE":
            t = L.add(dept, c, labels[key], t, 0, "発券機", r, extra)
            t += timedelta(minutes=rng.randint(2, 30))
        elif key == "FORM":
            t = L.add(dept, c, labels[key], t, rng.randint(5, 15), "", r, extra, rng)
        else:
            t = L.add(dept, c, labels[key], t, rng.randint(1, 8), s, r, extra, rng)
            if key == "ID" and rng.random() < 0.03:  # rework: document missing, checked again
                t = L.add(
                    dept,
                    c,
                    labels[key],
                    t + timedelta(minutes=15),
                    rng.randint(1, 4),
                    s,
                    r,
                    extra,
                    rng,
                )
    bt = later(t.date(), rng, 1, 6)
    for key in back:
        bt = L.add(dept, c, labels[key], bt, rng.randint(5, 30), staff(rng, dept), r, extra, rng)
        bt = later(bt.date(), rng, 1, 20)
    return t + timedelta(minutes=rng.randint(3, 10)), c


def simulate(rng, res):
    L = Log()
    journeys = 0
    for r in res:
        n_events = rng.choices([0, 1, 2], weights=[30, 55, 15])[0]
        for _ in range(n_events):
            day = workday(rng)
            t = datetime.combine(day, datetime.min.time()).replace(
                hour=rng.randint(8, 15), minute=rng.choice([30, 0, 15, 45])
            )
            ev = rng.choices(
                [
                    "転入",
                    "出生",
                    "退職",
                    "介護",
                    "障害",
                    "困窮",
                    "申告",
                    "証明",
                    "コンビニ",
                    "オンライン",
                ],
                weights=[14, 5, 10, 10, 5, 3, 14, 14, 16, 9],
            )[0]
            if ev == "出生" and not (18 <= r["age"] <= 45):
                ev = "証明"
            if ev == "介護" and r["age"] < 65:
                ev = "申告" if r["age"] >= 18 else "コンビニ"
            if r["age"] < 18 and ev not in ("転入",):
                continue
            journeys += 1
            if ev == "コンビニ":
                if not r["card"]:
                    continue
                c = L.case("コンビニ交付", "CV")
                kiosk = "KIOSK-%03d" % rng.randint(1, 60)
                t = t.replace(hour=rng.randint(6, 22))
                t = L.add("コンビニ交付", c, KON["AUTH"], t, 1, kiosk, r, {"証明書種別": ""})
                kind = rng.choice(
                    ["住民票の写し", "印鑑登録証明書", "課税証明書", "住民票記載事項証明書"]
                )
                t = L.add("コンビニ交付", c, KON["REQ"], t, 1, kiosk, r, {"証明書種別": kind})
                L.add("コンビニ交付", c, KON["PRINT"], t, 1, kiosk, r, {"証明書種別": kind})
                continue
            if ev == "オンライン":
                proc = "児童手当認定請求" if rng.random() < 0.5 else "要介護認定申請"
                if proc == "要介護認定申請" and r["age"] < 40:
                    proc = "児童手当認定請求"
                c = L.case("ぴったりサービス", "PT")
                t = t.replace(hour=rng.randint(7, 23))
                x = {"手続名": proc, "login": r["card"]}
                t = L.add("ぴったりサービス", c, PIT["FORM"], t, rng.randint(6, 20), "", r, x)
                if r["card"]:
                    t = L.add("ぴったりサービス", c, PIT["SIGN"], t, 1, "", r, x)
                t = L.add("ぴったりサービス", c, PIT["SEND"], t, 0, "", r, x)
                L.add(
                    "ぴったりサービス",
                    c,
                    PIT["TORI"],
                    later(t.date(), rng, 1, 3),
                    2,
                    "システム",
                    r,
                    x,
                )
                if proc == "児童手当認定請求":  # department still re-keys and checks
                    generic_counter(
                        L,
                        rng,
                        "子ども家庭支援課",
                        KOD,
                        "KD",
                        r,
                        later(t.date(), rng, 2, 5),
                        [],
                        ["ADDR", "KEY", "INCOME", "ACCT", "SHINSA", "TSUCHI"],
                    )
                else:
                    generic_counter(
                        L,
                        rng,
                        "介護保険課",
                        KAI,
                        "KG",
                        r,
                        later(t.date(), rng, 2, 5),
                        [],
                        ["ADDR", "KEY", "INCOME", "VISIT", "SHINSA", "TSUCHI", "KOFU"],
                    )
                continue
            if ev in ("転入", "出生", "証明"):
                t = kumin_visit(L, rng, r, t, ev if ev != "証明" else "証明")
                if ev == "証明":
                    continue
                if (ev == "転入" and rng.random() < 0.35) or ev == "出生":
                    t, _ = generic_counter(
                        L,
                        rng,
                        "国保年金課",
                        KOK,
                        "N",
                        r,
                        t,
                        ["QUEUE", "FORM", "ID", "NUM", "ADDR", "KEY", "INCOME", "KOFU"],
                        ["SANTEI", "TSUCHI"],
                    )
                    if rng.random() < 0.5:
                        L.add(
                            "国保年金課",
                            L.case("国保年金課", "N"),
                            KOK["ACCT"],
                            t,
                            rng.randint(3, 8),
                            staff(rng, "国保年金課"),
                            r,
                        )
                if ev == "出生" or rng.random() < 0.2:
                    t, _ = generic_counter(
                        L,
                        rng,
                        "子ども家庭支援課",
                        KOD,
                        "KD",
                        r,
                        t,
                        ["QUEUE", "ID", "FORM", "NUM", "ADDR", "KEY", "ACCT"],
                        ["INCOME", "SHINSA", "TSUCHI"],
                    )
                if ev == "転入" and r["age"] >= 65 and rng.random() < 0.4:
                    t, _ = generic_counter(
                        L,
                        rng,
                        "介護保険課",
                        KAI,
                        "KG",
                        r,
                        t,
                        ["QUEUE", "ID", "FORM", "ADDR", "KEY", "KOFU"],
                        ["INCOME"],
                    )
                if ev == "転入" and rng.random() < 0.3:
                    generic_counter(
                        L, rng, "税務課", ZEI, "Z", r, t, ["QUEUE", "ID", "NUM", "KEY"], []
                    )
            elif ev == "退職":
                t, _ = generic_counter(
                    L,
                    rng,
                    "国保年金課",
                    KOK,
                    "N",
                    r,
                    t,
                    ["QUEUE", "FORM", "ID", "NUM", "ADDR", "KEY", "INCOME", "ACCT", "KOFU"]
                    + (["NENKIN"] if rng.random() < 0.6 else [])
                    + ["GUIDE"],
                    ["SANTEI", "TSUCHI"],
                )
                if rng.random() < 0.5:
                    generic_counter(
                        L,
                        rng,
                        "税務課",
                        ZEI,
                        "Z",
                        r,
                        t,
                        ["QUEUE", "ID", "FORM", "NUM", "KEY", "ACCT"],
                        ["KEISAN"],
                    )
            elif ev == "介護":
                t, _ = generic_counter(
                    L,
                    rng,
                    "介護保険課",
                    KAI,
                    "KG",
                    r,
                    t,
                    ["QUEUE", "ID", "FORM", "NUM", "ADDR", "KEY", "ACCT"],
                    ["INCOME", "VISIT", "SHINSA", "TSUCHI", "KOFU"],
                )
                if rng.random() < 0.3:
                    generic_counter(
                        L, rng, "国保年金課", KOK, "N", r, t, ["QUEUE", "ID", "ADDR", "INCOME"], []
                    )
            elif ev == "障害":
                t, _ = generic_counter(
                    L,
                    rng,
                    "障害者福祉課",
                    SHO,
                    "SF",
                    r,
                    t,
                    ["QUEUE", "ID", "FORM", "NUM", "ADDR", "KEY", "ACCT"],
                    ["INCOME", "VISIT", "SHINSA", "KOFU"] if rng.random() < 0.6 else ["TECHO"],
                )
                if rng.random() < 0.4:
                    generic_counter(
                        L, rng, "税務課", ZEI, "Z", r, t, ["QUEUE", "ID", "NUM", "KOFU"], []
                    )
            elif ev == "困窮":
                t, _ = generic_counter(
                    L,
                    rng,
                    "生活福祉課",
                    SEI,
                    "SW",
                    r,
                    t,
                    ["MENSETSU", "ID", "FORM", "ADDR", "KEY", "ACCT", "GUIDE"],
                    ["INCOME", "VISIT", "TSUCHI"],
                )
                t, _ = generic_counter(
                    L, rng, "国保年金課", KOK, "N", r, t, ["QUEUE", "ID", "FORM"], []
                )
                if rng.random() < 0.5:
                    t = kumin_visit(L, rng, r, t, "証明")
            elif ev == "申告":
                generic_counter(
                    L,
                    rng,
                    "税務課",
                    ZEI,
                    "Z",
                    r,
                    t,
                    ["QUEUE", "ID", "FORM", "NUM", "KEY"]
                    + (["COPY"] if rng.random() < 0.3 else ["KOFU"] if rng.random() < 0.3 else []),
                    ["KEISAN"],
                )
    return L, journeys


# ---- exports ---------------------------------------------------------------------------------------
def fmt(t, style="iso"):
    if t is None:
        return ""
    if style == "slash":
        return t.strftime("%Y/%m/%d %H:%M")
    if style == "jp":
        return f"{t.year}年{t.month}月{t.day}日 {t.hour}時{t.minute}分"
    return t.strftime("%Y-%m-%d %H:%M:%S")


def write_csv(path, header, rows, enc):
    with open(path, "w", encoding=enc, newline="", errors="replace") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def build(out, seed):
    rng = random.Random(seed)
    STAFF.clear()
    res = make_residents(rng, 3000)
    L, journeys = simulate(rng, res)
    wdir = os.path.join(out, "ward")
    tdir = os.path.join(out, "truth")
    os.makedirs(wdir, exist_ok=True)
    os.makedirs(tdir, exist_ok=True)
    # per-department stable copies (stale / variants decided once per resident and department)
    copy_rng = random.Random(seed * 31 + 5)
    cache = {}

    def cp(dept, r):
        k = (dept, r["code"])
        if k not in cache:
            q = copy_rng.random
            addr_kind = (
                copy_rng.choice(["std", "std", "hyphen", "zen", "kanji"])
                if dept not in KUMIN_DEPTS
                else "std"
            )
            addr = addr_variant(r, copy_rng, addr_kind)
            stale = dept in ("障害者福祉課", "介護保険課", "生活福祉課") and q() < 0.06
            if stale:
                addr = (
                    f"東京都みなと台区{copy_rng.choice(TOWNS['区民課'])}{copy_rng.randint(1, 5)}丁目"
                    f"{copy_rng.randint(1, 30)}番{copy_rng.randint(1, 20)}号"
                )
            kana = r["kana"] if q() > 0.05 else ""
            if kana and q() < 0.03:
                kana = kana.replace("ズ", "ヅ").replace("ジ", "ヂ").replace("ウ", "ー")
            name = r["name"].replace("高", "髙").replace("崎", "﨑") if q() < 0.02 else r["name"]
            if dept in ("国保年金課", "介護保険課"):
                name = name.replace("﨑", "崎").replace("髙", "高")  # cp932-safe
            tel = r["tel"] if q() < 0.6 else r["mobile"]
            if q() < 0.05:
                tel = "03-%04d-%04d" % (copy_rng.randint(3000, 6999), copy_rng.randint(0, 9999))
            acct = r["acct"] if q() < 0.75 else r["acct2"]
            inc = (
                r["income"]
                if q() > 0.02
                else int(r["income"] * copy_rng.uniform(0.8, 1.1)) // 1000 * 1000
            )
            cache[k] = dict(
                addr=addr,
                kana=kana,
                name=name,
                tel=tel.replace("-", "") if q() < 0.2 else tel,
                acct=acct,
                inc=inc,
                kata=r["kata"] if q() > 0.15 else "",
            )
        return cache[k]

    silos, decoys = [], []
    summary_events = 0
    per_case = {}

    def pc(case, tag, fn):
        """a value fixed per case (a child's name, an employer) drawn once."""
        if (case, tag) not in per_case:
            per_case[(case, tag)] = fn()
        return per_case[(case, tag)]

    def silo(field, dept, col, fn):
        silos.append((field, dept, col, fn))

    # 住基 offices (same system, same headers)
    KH = [
        "受付番号",
        "処理内容",
        "処理日時",
        "終了日時",
        "担当者",
        "用件",
        "住民コード",
        "氏名",
        "氏名カナ",
        "生年月日",
        "住所",
        "方書",
        "電話番号",
        "世帯主氏名",
    ]
    for fn, d in OFFICES:
        rows = []
        for e in L.rows[d]:
            r = e["r"]
            rows.append(
                [
                    e["case"],
                    e["act"],
                    fmt(e["start"], "slash"),
                    fmt(e["end"], "slash"),
                    e["staff"],
                    e["x"].get("用件", ""),
                    r["code"],
                    r["name"],
                    r["kana"],
                    r["dob"].strftime("%Y/%m/%d"),
                    r["addr"],
                    r["kata"],
                    r["tel"] if e["act"] in (K["FORM"], K["ID"]) else "",
                    pc(r["code"], "hh", lambda: rng.choice(SEI_N)[0] + "　" + rng.choice(MEI_N)[0])
                    if r["age"] < 18
                    else r["name"],
                ]
            )
        write_csv(os.path.join(wdir, fn), KH, rows, ENC[fn])
        summary_events += len(rows)
        for f, c in [
            ("NAME", "氏名"),
            ("KANA", "氏名カナ"),
            ("DOB", "生年月日"),
            ("ADDR", "住所"),
            ("KATA", "方書"),
            ("TEL", "電話番号"),
        ]:
            silo(f, d, c, fn)
        decoys.append((d, "世帯主氏名"))

    # コンビニ交付 kiosk
    rows = []
    for e in L.rows["コンビニ交付"]:
        rows.append(
            [
                e["case"],
                e["act"],
                fmt(e["start"]),
                e["staff"],
                "端末",
                e["r"]["code"],
                e["x"].get("証明書種別", ""),
                *pc(e["case"], "shop", lambda: rng.choice(SHOPS)),
            ]
        )
    write_csv(
        os.path.join(wdir, "konbini_kofu.csv"),
        [
            "交付番号",
            "処理",
            "処理日時",
            "端末ID",
            "役割",
            "住民コード",
            "証明書種別",
            "店舗名",
            "店舗所在地",
        ],
        rows,
        "utf-8",
    )
    summary_events += len(rows)
    decoys.append(("コンビニ交付", "店舗所在地"))

    # ぴったりサービス online applications: resident writes own data
    rows = []
    for e in L.rows["ぴったりサービス"]:
        r = e["r"]
        login = e["x"]["login"]
        typed_addr = pc(
            e["case"], "addr", lambda: addr_variant(r, rng, rng.choice(["std", "hyphen", "zen"]))
        )
        rows.append(
            [
                e["case"],
                e["x"]["手続名"],
                e["act"],
                fmt(e["start"]),
                "システム" if e["staff"] else "申請者",
                r["code"] if login else "",
                r["name"].replace("　", " "),
                r["kana"].replace("　", " "),
                r["dob"].strftime("%Y-%m-%d"),
                typed_addr,
                r["mobile"],
                f"{r['bank'][0]}-{r['branch']}-{r['acct']}",
                pc(
                    e["case"],
                    "child",
                    lambda: r["name"].split("　")[0] + " " + rng.choice(MEI_N)[0],
                )
                if e["x"]["手続名"] == "児童手当認定請求"
                else "",
            ]
        )
    write_csv(
        os.path.join(wdir, "pittari_shinsei.csv"),
        [
            "申請ID",
            "手続名",
            "処理内容",
            "日時",
            "役割",
            "住民コード",
            "申請者氏名",
            "申請者氏名フリガナ",
            "申請者生年月日",
            "申請者住所",
            "申請者電話番号",
            "受取口座",
            "対象児童氏名",
        ],
        rows,
        "utf-8",
    )
    summary_events += len(rows)
    for f, c in [
        ("NAME", "申請者氏名"),
        ("KANA", "申請者氏名フリガナ"),
        ("DOB", "申請者生年月日"),
        ("ADDR", "申請者住所"),
        ("TEL", "申請者電話番号"),
        ("BANK", "受取口座"),
    ]:
        silo(f, "ぴったりサービス", c, "pittari_shinsei.csv")
    decoys.append(("ぴったりサービス", "対象児童氏名"))

    # 国保年金課: romaji headers, upper-case romaji labels, cp932, 和暦 DOB, half-width kana
    han = str.maketrans(
        dict(
            zip(
                "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン　ー",
                "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ ｰ",
                strict=False,
            )
        )
    )
    rows = []
    for e in L.rows["国保年金課"]:
        r = e["r"]
        c = cp("国保年金課", r)
        rows.append(
            [
                e["case"],
                e["act"],
                fmt(e["start"], "slash"),
                fmt(e["end"], "slash"),
                e["staff"],
                r["code"],
                c["name"],
                c["kana"].translate(han),
                wareki(r["dob"]),
                c["addr"],
                c["tel"],
                r["mynum"] if e["act"] == KOK["NUM"] else "",
                f"{r['bank'][0]} {r['branch']} {c['acct']}" if e["act"] == KOK["ACCT"] else "",
                c["inc"] if e["act"] == KOK["INCOME"] else "",
                pc(
                    r["code"],
                    "emp",
                    lambda: (
                        rng.choice(["株式会社", "有限会社"])
                        + rng.choice(["港湾", "汐見物流", "若葉商事"])
                    ),
                ),
            ]
        )
    write_csv(
        os.path.join(wdir, "kokuho_nenkin.csv"),
        [
            "UKETSUKE_NO",
            "GYOMU",
            "SHORI_NICHIJI",
            "SHURYO_NICHIJI",
            "TANTOSHA",
            "JUMIN_CD",
            "SHIMEI",
            "SHIMEI_KANA",
            "SEINENGAPPI",
            "JUSHO",
            "DENWA_NO",
            "KOJIN_BANGO",
            "KOZA",
            "SHOTOKU_GAKU",
            "ZEN_KINMUSAKI",
        ],
        rows,
        "cp932",
    )
    summary_events += len(rows)
    for f, col in [
        ("NAME", "SHIMEI"),
        ("KANA", "SHIMEI_KANA"),
        ("DOB", "SEINENGAPPI"),
        ("ADDR", "JUSHO"),
        ("TEL", "DENWA_NO"),
        ("MYNUM", "KOJIN_BANGO"),
        ("BANK", "KOZA"),
        ("INCOME", "SHOTOKU_GAKU"),
    ]:
        silo(f, "国保年金課", col, "kokuho_nenkin.csv")
    decoys.append(("国保年金課", "ZEN_KINMUSAKI"))

    # 子ども家庭支援課: circled step numbers
    rows = []
    for e in L.rows["子ども家庭支援課"]:
        r = e["r"]
        c = cp("子ども家庭支援課", r)
        child_dob = date(2025, rng.randint(1, 12), rng.randint(1, 28)) - timedelta(
            days=rng.randint(0, 2000)
        )
        rows.append(
            [
                e["case"],
                e["act"],
                fmt(e["start"]),
                fmt(e["end"]),
                e["staff"],
                r["code"],
                c["name"],
                c["kana"],
                r["dob"].strftime("%Y-%m-%d"),
                c["addr"],
                c["tel"],
                f"{r['bank'][1]} {r['branch']}支店 普通 {c['acct']}"
                if e["act"] == KOD["ACCT"]
                else "",
                c["inc"] if e["act"] == KOD["INCOME"] else "",
                pc(e["case"], "cn", lambda: rng.choice(MEI_N)[0]),
                pc(e["case"], "cd", lambda: child_dob.strftime("%Y-%m-%d")),
                pc(
                    e["case"],
                    "en",
                    lambda: rng.choice(["みなと台第一保育園", "汐見こども園", "若葉保育室"]),
                ),
            ]
        )
    write_csv(
        os.path.join(wdir, "kodomo_katei.csv"),
        [
            "受付番号",
            "手続内容",
            "日時",
            "完了日時",
            "対応職員",
            "住民コード",
            "請求者氏名",
            "フリガナ",
            "請求者生年月日",
            "現住所",
            "連絡先電話",
            "振込先口座",
            "所得額",
            "児童名",
            "児童生年月日",
            "在籍園",
        ],
        rows,
        "utf-8",
    )
    summary_events += len(rows)
    for f, col in [
        ("NAME", "請求者氏名"),
        ("KANA", "フリガナ"),
        ("DOB", "請求者生年月日"),
        ("ADDR", "現住所"),
        ("TEL", "連絡先電話"),
        ("BANK", "振込先口座"),
        ("INCOME", "所得額"),
    ]:
        silo(f, "子ども家庭支援課", col, "kodomo_katei.csv")
    decoys += [("子ども家庭支援課", "児童名"), ("子ども家庭支援課", "児童生年月日")]

    # 介護保険課 (cp932, Japanese era-free, 方書 separate)
    rows = []
    for e in L.rows["介護保険課"]:
        r = e["r"]
        c = cp("介護保険課", r)
        rows.append(
            [
                e["case"],
                e["act"],
                fmt(e["start"], "jp"),
                fmt(e["end"], "jp"),
                e["staff"],
                r["code"],
                c["name"],
                c["kana"],
                r["dob"].strftime("%Y/%m/%d"),
                c["addr"],
                c["kata"],
                c["tel"],
                r["mynum"] if e["act"] == KAI["NUM"] else "",
                f"{r['bank'][0]}-{r['branch']}-{c['acct']}" if e["act"] == KAI["ACCT"] else "",
                c["inc"] if e["act"] == KAI["INCOME"] else "",
                pc(
                    e["case"],
                    "agent",
                    lambda: (
                        rng.choice(SEI_N)[0] + "　" + rng.choice(MEI_N)[0]
                        if rng.random() < 0.4
                        else ""
                    ),
                ),
                pc(
                    r["code"],
                    "cmaddr",
                    lambda: (
                        "みなと台区本町%d-%d-%d"
                        % (rng.randint(1, 5), rng.randint(1, 30), rng.randint(1, 20))
                    ),
                ),
                pc(
                    r["code"],
                    "cmtel",
                    lambda: "03-5%03d-%04d" % (rng.randint(0, 999), rng.randint(0, 9999)),
                ),
            ]
        )
    write_csv(
        os.path.join(wdir, "kaigo_hoken.csv"),
        [
            "整理番号",
            "業務内容",
            "処理日時",
            "終了日時",
            "担当",
            "住民コード",
            "被保険者氏名",
            "被保険者カナ",
            "生年月日",
            "住所",
            "方書",
            "電話",
            "個人番号",
            "引落口座",
            "本人所得",
            "代理申請者氏名",
            "居宅介護支援事業所住所",
            "事業所電話",
        ],
        rows,
        "cp932",
    )
    summary_events += len(rows)
    for f, col in [
        ("NAME", "被保険者氏名"),
        ("KANA", "被保険者カナ"),
        ("DOB", "生年月日"),
        ("ADDR", "住所"),
        ("KATA", "方書"),
        ("TEL", "電話"),
        ("MYNUM", "個人番号"),
        ("BANK", "引落口座"),
        ("INCOME", "本人所得"),
    ]:
        silo(f, "介護保険課", col, "kaigo_hoken.csv")
    decoys += [
        ("介護保険課", "代理申請者氏名"),
        ("介護保険課", "居宅介護支援事業所住所"),
        ("介護保険課", "事業所電話"),
    ]

    # 税務課
    rows = []
    for e in L.rows["税務課"]:
        r = e["r"]
        c = cp("税務課", r)
        rows.append(
            [
                e["case"],
                e["act"],
                fmt(e["start"]),
                fmt(e["end"]),
                e["staff"],
                r["code"],
                c["name"],
                c["kana"],
                r["dob"].strftime("%Y%m%d"),
                c["addr"],
                c["tel"],
                r["mynum"] if e["act"] == ZEI["NUM"] else "",
                f"{r['bank'][1]} {r['branch']} {c['acct']}" if e["act"] == ZEI["ACCT"] else "",
                r["income"] if e["act"] in (ZEI["FORM"], ZEI["KEISAN"]) else "",
                pc(
                    r["code"],
                    "zemp",
                    lambda: rng.choice(["港湾運輸株式会社", "汐見フーズ", "若葉システム"]),
                ),
                pc(
                    r["code"],
                    "ztel",
                    lambda: "03-6%03d-%04d" % (rng.randint(0, 999), rng.randint(0, 9999)),
                ),
            ]
        )
    write_csv(
        os.path.join(wdir, "zeimu.csv"),
        [
            "受付No",
            "処理",
            "処理日時",
            "終了日時",
            "担当者",
            "住民コード",
            "納税義務者氏名",
            "カナ氏名",
            "生年月日",
            "住所",
            "電話番号",
            "個人番号",
            "還付先口座",
            "合計所得金額",
            "勤務先名称",
            "勤務先電話",
        ],
        rows,
        "utf-8",
    )
    summary_events += len(rows)
    for f, col in [
        ("NAME", "納税義務者氏名"),
        ("KANA", "カナ氏名"),
        ("DOB", "生年月日"),
        ("ADDR", "住所"),
        ("TEL", "電話番号"),
        ("MYNUM", "個人番号"),
        ("BANK", "還付先口座"),
        ("INCOME", "合計所得金額"),
    ]:
        silo(f, "税務課", col, "zeimu.csv")
    decoys += [("税務課", "勤務先電話"), ("税務課", "勤務先名称")]

    # 障害者福祉課
    rows = []
    for e in L.rows["障害者福祉課"]:
        r = e["r"]
        c = cp("障害者福祉課", r)
        rows.append(
            [
                e["case"],
                e["act"],
                fmt(e["start"], "slash"),
                fmt(e["end"], "slash"),
                e["staff"],
                r["code"],
                c["name"],
                c["kana"],
                r["dob"].strftime("%Y/%m/%d"),
                c["addr"] + c["kata"],
                c["tel"],
                r["mynum"] if e["act"] == SHO["NUM"] else "",
                f"{r['bank'][0]}{r['branch']}{c['acct']}" if e["act"] == SHO["ACCT"] else "",
                c["inc"] if e["act"] == SHO["INCOME"] else "",
                pc(r["code"], "hosp", lambda: rng.choice(["みなと台中央病院", "汐見クリニック"])),
                pc(
                    r["code"],
                    "haddr",
                    lambda: "東京都みなと台区若葉%d-%d" % (rng.randint(1, 5), rng.randint(1, 30)),
                ),
                pc(
                    r["code"],
                    "care",
                    lambda: (
                        rng.choice(SEI_N)[0] + "　" + rng.choice(MEI_N)[0]
                        if rng.random() < 0.3
                        else ""
                    ),
                ),
            ]
        )
    write_csv(
        os.path.join(wdir, "shogai_fukushi.csv"),
        [
            "申請番号",
            "処理区分",
            "処理日時",
            "完了日時",
            "職員",
            "住民コード",
            "対象者氏名",
            "対象者カナ",
            "生年月日",
            "住所方書",
            "電話",
            "マイナンバー",
            "支給口座",
            "所得",
            "主治医医療機関",
            "医療機関所在地",
            "介助者氏名",
        ],
        rows,
        "utf-8-sig",
    )
    summary_events += len(rows)
    for f, col in [
        ("NAME", "対象者氏名"),
        ("KANA", "対象者カナ"),
        ("DOB", "生年月日"),
        ("ADDR", "住所方書"),
        ("TEL", "電話"),
        ("MYNUM", "マイナンバー"),
        ("BANK", "支給口座"),
        ("INCOME", "所得"),
    ]:
        silo(f, "障害者福祉課", col, "shogai_fukushi.csv")
    decoys += [("障害者福祉課", "医療機関所在地"), ("障害者福祉課", "介助者氏名")]

    # 生活福祉課 (CW case files)
    rows = []
    for e in L.rows["生活福祉課"]:
        r = e["r"]
        c = cp("生活福祉課", r)
        rows.append(
            [
                e["case"],
                e["act"],
                fmt(e["start"]),
                e["staff"],
                r["code"],
                c["name"],
                c["kana"],
                r["dob"].strftime("%Y-%m-%d"),
                c["addr"],
                c["tel"],
                f"{r['bank'][1]} {r['branch']} {c['acct']}" if e["act"] == SEI["ACCT"] else "",
                int(c["inc"] / 12) if e["act"] == SEI["INCOME"] else "",
                pc(
                    r["code"],
                    "fuyo",
                    lambda: (
                        rng.choice(["", "", "x"])
                        and rng.choice(SEI_N)[0] + "　" + rng.choice(MEI_N)[0]
                    ),
                ),
            ]
        )
    write_csv(
        os.path.join(wdir, "seikatsu_fukushi.csv"),
        [
            "ケース番号",
            "対応内容",
            "対応日時",
            "担当CW",
            "住民コード",
            "世帯主氏名",
            "世帯主カナ",
            "生年月日",
            "居住地",
            "連絡先",
            "扶助費口座",
            "収入月額",
            "扶養義務者氏名",
        ],
        rows,
        "utf-8",
    )
    summary_events += len(rows)
    for f, col in [
        ("NAME", "世帯主氏名"),
        ("KANA", "世帯主カナ"),
        ("DOB", "生年月日"),
        ("ADDR", "居住地"),
        ("TEL", "連絡先"),
        ("BANK", "扶助費口座"),
        ("INCOME", "収入月額"),
    ]:
        silo(f, "生活福祉課", col, "seikatsu_fukushi.csv")
    decoys.append(("生活福祉課", "扶養義務者氏名"))

    # procmine.toml: department names per file
    with open(os.path.join(wdir, "procmine.toml"), "w", encoding="utf-8") as f:
        for fn, d in DEPT_FILES:
            f.write(f'[files."{fn}"]\ndepartment = "{d}"\n')
            if fn in ENC and ENC[fn] == "cp932":
                f.write('encoding = "cp932"\n')
            f.write("\n")

    # ---- truth -------------------------------------------------------------------------------------
    dup = []
    for cl, (members, office_label) in CLUSTERS.items():
        if office_label is None:
            dup += [(cl, d, a) for d, a in members]
        else:
            for od in KUMIN_DEPTS:
                name = cl if od == "区民課" else f"{cl}@{od}"
                dup += [(name, od, office_label)] + [(name, d, a) for d, a in members]
    neg = [(g, d, a) for g, ms in NEGATIVES.items() for d, a in ms]
    for lab in sorted(set(K.values())):
        neg += [(f"BRANCH_{lab}", d, lab) for d in KUMIN_DEPTS]
    pd.DataFrame(dup, columns=["cluster", "department", "activity"]).to_csv(
        os.path.join(tdir, "duplicates.csv"), index=False
    )
    pd.DataFrame(neg, columns=["group", "department", "activity"]).to_csv(
        os.path.join(tdir, "negatives.csv"), index=False
    )
    pd.DataFrame(ALIASES, columns=["department", "alias", "activity"]).to_csv(
        os.path.join(tdir, "aliases.csv"), index=False
    )
    pd.DataFrame(silos, columns=["field", "department", "column", "file"]).to_csv(
        os.path.join(tdir, "silos.csv"), index=False
    )
    pd.DataFrame(decoys, columns=["department", "column"]).to_csv(
        os.path.join(tdir, "decoys.csv"), index=False
    )
    persons = {e["r"]["code"] for d in L.rows for e in L.rows[d]}
    print(
        f"minatodai_ward: {len(DEPT_FILES)} departments, {summary_events} events, {len(persons)} residents, "
        f"{journeys} life events; truth: {len(set(c for c, _, _ in dup))} clusters, "
        f"{len(silos)} silo columns, {len(decoys)} decoys"
    )


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    build(a.out, a.seed)
