# ruff: noqa: E741
"""やまびこ村 (Yamabiko village) — a held-out test town for procmine, written independently.

Design note
-----------
A mountain village of about 900 residents, fiscal year 令和7年度 (2025-04-01 .. 2026-03-31).

Files written to OUT/village/ (one system each):

* ``jumin.csv`` (cp932) — 住民課's single system.  One export for everything, with a
  ``業務区分`` column (住基 / 税 / 国保 / 福祉) that procmine.toml maps as the department column, so
  the file is split into four departments named 住基, 税, 国保, 福祉.  Five clerks wear many hats:
  the same 職員 appears in every 業務区分.  Labels are 「動作：対象」 (確認：本人, 入力：住所 …).
  Resident key 宛名番号 (7 digits, zero padded).  Resident data columns are shared by all rows, but
  each 業務区分 writes its own copy: 住基 rows hold the master, 税/国保/福祉 rows hold the subsystem's
  copy (stale address after a move, half-width kana, phone without hyphens …).
* ``kyoiku.csv`` (UTF-8 with BOM) — 教育委員会 (就学援助, 転入学).  Keyed by 宛名番号 written without
  zero padding.  The resident is the guardian; 児童氏名/児童生年月日/学校電話 are decoys.
* ``shinryojo.csv`` (UTF-8) — やまびこ村診療所, outside the core: its own 患者番号, no shared key.
  Its steps (受付, 保険証確認, 処方箋交付, 会計, 訪問診療) are hard negatives only.
* ``kouki.csv`` (cp932, 和暦 birth dates) — 後期高齢者医療広域連合, own 被保険者番号, no shared key.
* ``kaigo.csv`` (UTF-8) — 介護保険の一部事務組合 of three villages: its own 被保険者番号 and also
  residents of 隣の 2 villages (さわらび村, あおたに村), who are NOT village residents and must not be
  linked (a few share a village resident's name, never the birth date).
* ``suido.csv`` (cp932, two title lines) — 上下水道企業団, own 使用者番号, name + birth date only.

Departments (as procmine names them; procmine.toml sets them): 住基, 税, 国保, 福祉, 教育委員会,
診療所, 後期高齢者医療広域連合, 介護保険組合, 上下水道企業団.

Truth conventions (OUT/truth/):
* duplicates.csv — clusters of the same kind of work in ≥2 departments: identity check at each
  counter, the application form written again, re-keying the resident's name/address, income
  inquiry, bank account registration, referral to other counters.  Every truth activity has at
  least 10 events (volumes are forced by scenario counts, the village being small).  住基's own
  entry of the move (入力：異動届) is the master record, not a re-keying, and is left out.
* negatives.csv — 交付 of different documents, 審査 of different decisions, 訪問 by different
  professions, the clinic's reception / insurance-card check / 会計 vs the counters' steps.
* silos.csv — each column holding the resident's own field, per department (the shared 住民課
  columns are listed once per 業務区分 whose rows fill them).  decoys.csv — look-alike columns.
"""

import argparse
import csv
import os
import random
from datetime import date, datetime, timedelta

SURN = [
    "佐藤",
    "山口",
    "小林",
    "宮下",
    "北原",
    "中村",
    "唐沢",
    "伊藤",
    "林",
    "原",
    "丸山",
    "竹内",
    "松沢",
    "清水",
    "宮沢",
    "小松",
    "矢島",
    "春日",
    "有賀",
    "両角",
]
SURN_K = [
    "サトウ",
    "ヤマグチ",
    "コバヤシ",
    "ミヤシタ",
    "キタハラ",
    "ナカムラ",
    "カラサワ",
    "イトウ",
    "ハヤシ",
    "ハラ",
    "マルヤマ",
    "タケウチ",
    "マツザワ",
    "シミズ",
    "ミヤザワ",
    "コマツ",
    "ヤジマ",
    "カスガ",
    "アルガ",
    "モロズミ",
]
GIV = [
    ("一郎", "イチロウ"),
    ("健", "ケン"),
    ("茂", "シゲル"),
    ("勇", "イサム"),
    ("博", "ヒロシ"),
    ("翔太", "ショウタ"),
    ("大輔", "ダイスケ"),
    ("和夫", "カズオ"),
    ("清", "キヨシ"),
    ("正", "タダシ"),
    ("花子", "ハナコ"),
    ("幸子", "サチコ"),
    ("美穂", "ミホ"),
    ("陽子", "ヨウコ"),
    ("千代", "チヨ"),
    ("ふみ", "フミ"),
    ("恵", "メグミ"),
    ("彩", "アヤ"),
    ("由美", "ユミ"),
    ("久子", "ヒサコ"),
]
AZA = ["大字上村", "大字中村", "大字下村", "大字沢渡", "大字日向", "大字奥谷"]
BANKS = ["JAやまびこ 本所", "JAやまびこ 奥谷支所", "八十二銀行 伊那支店", "ゆうちょ銀行 〇一八店"]
FY0 = date(2025, 4, 1)
HANKAKU = str.maketrans(
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン",
    "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ",
)

DEPTS = [
    "住基",
    "税",
    "国保",
    "福祉",
    "教育委員会",
    "診療所",
    "後期高齢者医療広域連合",
    "介護保険組合",
    "上下水道企業団",
]


def mk_person(rng, pid, village="やまびこ村", age_bias=None):
    si = rng.randrange(len(SURN))
    g, gk = rng.choice(GIV)
    age = age_bias if age_bias is not None else int(min(99, max(0, rng.triangular(0, 98, 72))))
    dob = date(2025 - age, 1, 1) + timedelta(days=rng.randrange(365))
    kata = rng.choice(
        [
            "",
            "",
            "",
            "",
            "",
            f"村営住宅やまびこ団地2-{rng.randint(1, 12)}",
            f"教員住宅{rng.randint(1, 4)}号",
        ]
    )
    return {
        "pid": pid,
        "name": SURN[si] + "　" + g,
        "kana": SURN_K[si] + "　" + gk,
        "dob": dob,
        "age": 2025 - dob.year,
        "addr": f"長野県上伊那郡{village}{rng.choice(AZA)}{rng.randint(1, 2800)}番地",
        "kata": kata,
        "tel": f"0265-{rng.randint(80, 89):02d}-{rng.randint(0, 9999):04d}",
        "bank": f"{rng.choice(BANKS)} 普通 {rng.randint(0, 9999999):07d}",
        "income": rng.choice([0, 0, 480000, 1200000, 1850000, 2400000, 3100000, 4200000]),
        "mynum": f"{rng.randrange(10**11, 10**12):012d}",
        "village": village,
        "old_addr": None,
    }


def wareki(d):
    if d >= date(2019, 5, 1):
        return f"R{d.year - 2018}.{d.month:02d}.{d.day:02d}"
    if d >= date(1989, 1, 8):
        return f"H{d.year - 1988}.{d.month:02d}.{d.day:02d}"
    if d >= date(1926, 12, 25):
        return f"S{d.year - 1925}.{d.month:02d}.{d.day:02d}"
    return f"T{d.year - 1911}.{d.month:02d}.{d.day:02d}"


class Town:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.ev = {d: [] for d in ["jumin", "kyoiku", "shinryojo", "kouki", "kaigo", "suido"]}
        self.seq = {}
        self.clerks = [
            "宮下",
            "北原",
            "小松",
            "有賀",
            "唐沢",
        ]  # 住民課: the same five in every 業務区分
        self.busy = {}

    def case(self, prefix):
        self.seq[prefix] = self.seq.get(prefix, 0) + 1
        return f"{prefix}{self.seq[prefix]:05d}"

    def workday(self, lo=0, hi=364, months=None):
        r = self.rng
        while True:
            d = FY0 + timedelta(days=r.randint(lo, hi))
            if d.weekday() < 5 and (months is None or d.month in months) and d <= date(2026, 3, 31):
                return d

    def later(self, d, lo, hi):
        d = d + timedelta(days=self.rng.randint(lo, hi))
        while d.weekday() >= 5:
            d += timedelta(days=1)
        return min(d, date(2026, 3, 31))

    def at(self, d, minutes):
        return datetime(d.year, d.month, d.day, 8, 30) + timedelta(minutes=minutes)

    # --- 住民課 ------------------------------------------------------------------------------
    def jumin(self, p, kubun, case, steps, t, clerk=None):
        """steps: list of (label, minutes). Returns end time."""
        r = self.rng
        clerk = clerk or r.choice(self.clerks)
        for lab, dur in steps:
            t += timedelta(minutes=r.randint(1, 4))
            self.ev["jumin"].append(self.jrow(p, kubun, case, lab, t, clerk))
            t += timedelta(minutes=max(1, int(r.gauss(dur, dur / 3))))
        return t

    def jrow(self, p, kubun, case, lab, t, clerk):
        r = self.rng
        master = kubun == "住基"
        addr = p["addr"]
        if not master and p["old_addr"] and r.random() < 0.5:
            addr = p["old_addr"]  # subsystem copy not yet updated
        kana = (
            p["kana"]
            if master or r.random() < 0.6
            else p["kana"].translate(HANKAKU).replace("　", " ")
        )
        tel = p["tel"] if master or r.random() < 0.7 else p["tel"].replace("-", "")
        bank = p["bank"] if kubun in ("税", "国保", "福祉") and "登録" in lab else ""
        inc = (
            str(p["income"])
            if kubun in ("税", "国保", "福祉") and ("所得" in lab or "申告" in lab)
            else ""
        )
        myn = p["mynum"] if kubun in ("住基", "税") and lab.startswith("確認") else ""
        return {
            "受付No": case,
            "業務区分": kubun,
            "処理": lab,
            "処理日時": t.strftime("%Y/%m/%d %H:%M"),
            "職員": clerk,
            "宛名番号": "{:07d}".format(p["pid"]),
            "氏名": p["name"],
            "カナ氏名": kana,
            "生年月日": p["dob"].strftime("%Y/%m/%d"),
            "住所": addr,
            "方書": p["kata"],
            "電話番号": tel,
            "口座": bank,
            "所得金額": inc,
            "個人番号": myn,
        }

    # --- other systems -------------------------------------------------------------------------
    def kyoiku(self, p, case, lab, t, child):
        r = self.rng
        self.ev["kyoiku"].append(
            {
                "管理番号": case,
                "手続名": lab,
                "日時": t.strftime("%Y-%m-%d %H:%M:%S"),
                "担当": r.choice(["教育係 春日", "教育係 両角"]),
                "宛名番号": str(p["pid"]),
                "保護者氏名": p["name"].replace("　", " "),
                "住所": p["addr"] + (" " + p["kata"] if p["kata"] else ""),
                "連絡先電話": p["tel"]
                if r.random() < 0.8
                else f"090-{r.randint(1000, 9999):04d}-{r.randint(0, 9999):04d}",
                "振込口座": p["bank"] if "口座" in lab else "",
                "世帯所得": str(p["income"]) if "所得" in lab else "",
                "児童氏名": child[0],
                "児童生年月日": child[1].isoformat(),
                "学校名": child[2],
                "学校電話": "0265-88-10{:02d}".format(1 if "小" in child[2] else 2),
            }
        )

    def kouki(self, p, case, lab, t):
        r = self.rng
        self.ev["kouki"].append(
            {
                "受付番号": case,
                "処理内容": lab,
                "処理年月日時刻": t.strftime("%Y/%m/%d %H:%M"),
                "処理者": r.choice(["広域A01", "広域A02", "広域A03"]),
                "被保険者番号": self.kouki_no[p["pid"]],
                "氏名": p["name"],
                "カナ": p["kana"],
                "生年月日": wareki(p["dob"]),
                "住所": p["addr"],
                "電話": p["tel"],
                "振込先口座": p["bank"] if "口座" in lab else "",
                "課税所得": str(p["income"]) if "所得" in lab else "",
                "個人番号": p["mynum"] if "確認" in lab else "",
            }
        )

    def kaigo(self, p, case, lab, t):
        r = self.rng
        self.ev["kaigo"].append(
            {
                "申請ID": case,
                "事務": lab,
                "処理日時": t.strftime("%Y-%m-%dT%H:%M:%S"),
                "担当者": r.choice(["組合 中村", "組合 竹内", "組合 丸山", "組合 清水"]),
                "被保険者番号": self.kaigo_no[p["pid"]],
                "被保険者氏名": p["name"],
                "氏名カナ": p["kana"],
                "生年月日": p["dob"].strftime("%Y%m%d"),
                "住所": p["addr"],
                "電話番号": p["tel"],
                "口座": p["bank"] if "口座" in lab else "",
                "合計所得金額": str(p["income"]) if "所得" in lab else "",
                "居宅介護支援事業所": "やまびこ居宅介護支援センター",
                "事業所住所": "長野県上伊那郡やまびこ村大字中村1020番地",
                "主治医": "診療所 " + r.choice(["原医師", "林医師"]),
            }
        )

    def suido(self, p, case, lab, t, owner):
        r = self.rng
        self.ev["suido"].append(
            {
                "受付番号": case,
                "作業内容": lab,
                "作業日時": t.strftime("%Y/%m/%d %H:%M"),
                "担当": r.choice(["企業団 営業1", "企業団 営業2", "企業団 工務"]),
                "使用者番号": self.suido_no[p["pid"]],
                "使用者氏名": p["name"],
                "使用者カナ": p["kana"].translate(HANKAKU),
                "生年月日": p["dob"].strftime("%Y/%m/%d"),
                "給水場所": p["addr"].replace("長野県上伊那郡", ""),
                "連絡先": p["tel"],
                "引落口座": p["bank"] if "口座" in lab else "",
                "所有者氏名": owner,
            }
        )

    def clinic(self, p, case, lab, t):
        r = self.rng
        self.ev["shinryojo"].append(
            {
                "来院ID": case,
                "行為": lab,
                "日時": t.strftime("%Y/%m/%d %H:%M"),
                "担当": {
                    "受付": "受付 両角",
                    "保険証確認": "受付 両角",
                    "会計": "受付 両角",
                    "処方箋交付": "看護師 松沢",
                }.get(lab, r.choice(["医師 原", "医師 林"])),
                "患者番号": self.patient_no[p["pid"]],
                "患者氏名": p["name"],
                "フリガナ": p["kana"],
                "生年月日": p["dob"].strftime("%Y/%m/%d"),
                "住所": p["addr"],
                "電話": p["tel"],
                "保険者番号": "39200012" if p["age"] >= 75 else "067012",
                "緊急連絡先氏名": SURN[p["pid"] % 20] + "　" + GIV[p["pid"] % 7 + 10][0],
                "緊急連絡先電話": "090-{:04d}-{:04d}".format(
                    1000 + p["pid"] % 9000, p["pid"] * 37 % 10000
                ),
            }
        )

    # --- scenarios ---------------------------------------------------------------------------
    def seq_steps(self, fn, steps, t):
        """steps: list of (label, minutes) run one after another by fn(label, time)."""
        for lab, dur in steps:
            t += timedelta(minutes=self.rng.randint(1, 5))
            fn(lab, t)
            t += timedelta(minutes=max(1, int(self.rng.gauss(dur, dur / 3))))
        return t

    def build(self, n=900):
        r = self.rng
        self.people = [mk_person(r, 1000 + i * 7 + r.randint(0, 6)) for i in range(n)]
        self.outsiders = []
        for i in range(520):  # residents of さわらび村・あおたに村 in the 介護 union
            q = mk_person(
                r,
                900000 + i,
                village=r.choice(["さわらび村", "あおたに村"]),
                age_bias=r.randint(65, 99),
            )
            self.outsiders.append(q)
        self.kouki_no = {p["pid"]: f"{39000000 + r.randrange(999999):08d}" for p in self.people}
        self.kaigo_no = {
            p["pid"]: f"K{r.randrange(9999999):07d}" for p in self.people + self.outsiders
        }
        self.suido_no = {p["pid"]: f"{r.randrange(999999):06d}" for p in self.people}
        self.patient_no = {p["pid"]: str(r.randint(1, 99999)) for p in self.people}
        P = self.people
        old = [p for p in P if p["age"] >= 75]
        mid = [p for p in P if 65 <= p["age"] < 75]
        young = [p for p in P if 20 <= p["age"] < 65]
        # 転入 (movers in) — all counters of the day
        for p in r.sample(young, 60) + r.sample(old, 14) + r.sample(mid, 6):
            self.tennyu(p)
        for p in r.sample(P, 30):
            self.tenshutsu(p)
        for p in r.sample(young + mid, 260):
            self.shinkoku(p)
        for p in r.sample(P, 70):
            self.shomei(p)
        for p in r.sample(young + mid, 35):
            self.kokuho_gengaku(p)
        for p in r.sample(young, 40):
            self.fukushi(p)
        for p in r.sample(old + mid, 30):
            self.homon(p)
        for p in r.sample(young, 28):
            self.shugaku(p)
        for p in r.sample(old, 45):
            self.kouki_kogaku(p)
        for p in r.sample(old + mid, 40):
            self.kaigo_nintei(p)
        for q in r.sample(self.outsiders, 90):
            self.kaigo_nintei(q, outsider=True)
        for p in r.sample(P, 20):
            self.suido_kaisen(p, self.workday(), 0)
        for p in r.sample(P, 260):
            for _ in range(r.randint(1, 3)):
                self.shinryo(p)

    def tennyu(self, p):
        r = self.rng
        d = self.workday()
        p["old_addr"] = p["addr"]
        p["addr"] = f"長野県上伊那郡やまびこ村{r.choice(AZA)}{r.randint(1, 2800)}番地"
        t = self.at(d, r.randint(0, 360))
        c = self.case("J")
        t = self.jumin(
            p,
            "住基",
            c,
            [
                ("確認：本人", 3),
                ("受付：異動届", 6),
                ("入力：異動届", 12),
                ("交付：住民票の写し", 4),
            ]
            + ([("案内：他窓口", 2)] if r.random() < 0.8 else []),
            t,
        )
        t += timedelta(minutes=r.randint(5, 30))  # waits for the next hat
        if p["age"] < 75:
            c = self.case("J")
            t = self.jumin(
                p,
                "国保",
                c,
                [
                    ("確認：本人", 3),
                    ("受付：申請書", 5),
                    ("入力：住所", 6),
                    ("登録：口座", 4),
                    ("交付：被保険者証", 3),
                    ("案内：他窓口", 2),
                ],
                t,
            )
            self.jumin(
                p, "国保", c, [("照会：所得", 8)], self.at(self.later(d, 3, 12), r.randint(30, 400))
            )
        c = self.case("J")
        t = self.jumin(p, "税", c, [("入力：住所", 4)], t + timedelta(minutes=r.randint(2, 10)))
        if p["age"] < 50 and r.random() < 0.75:
            c = self.case("J")
            t = self.jumin(
                p,
                "福祉",
                c,
                [
                    ("確認：本人", 3),
                    ("受付：申請書", 6),
                    ("入力：住所", 5),
                    ("登録：口座", 4),
                    ("案内：他窓口", 2),
                ],
                t,
            )
            d2 = self.later(d, 4, 15)
            self.jumin(
                p,
                "福祉",
                c,
                [("照会：所得", 7), ("審査：給付", 15)],
                self.at(d2, r.randint(30, 400)),
            )
            if r.random() < 0.85:
                self.transfer_school(p, d, t)
        if p["age"] >= 75:
            self.kouki_kanyu(p, d, t)
        if r.random() < 0.85:
            self.suido_kaisen(p, d, 1)

    def transfer_school(self, p, d, t):
        r = self.rng
        child = self.child_of(p)
        c = self.case("E")
        t = self.seq_steps(
            lambda l, tt: self.kyoiku(p, c, l, tt, child),
            [
                ("本人確認", 3),
                ("転入学申請書の受理", 5),
                ("住所等の入力", 6),
                ("他課窓口の案内", 2),
            ],
            t + timedelta(minutes=r.randint(10, 25)),
        )
        self.kyoiku(
            p, c, "転入学通知書の交付", self.at(self.later(d, 1, 4), r.randint(30, 400)), child
        )

    def child_of(self, p):
        r = self.rng
        cd = date(2013, 4, 2) + timedelta(days=r.randrange(9 * 365))
        school = (
            "やまびこ小学校"
            if cd >= date(2013, 4, 2) + timedelta(days=3 * 365)
            else "やまびこ中学校"
        )
        return (p["name"].split("　")[0] + "　" + r.choice(GIV)[0], cd, school)

    def kouki_kanyu(self, p, d, t):
        r = self.rng
        c = self.case("K")
        self.seq_steps(
            lambda l, tt: self.kouki(p, c, l, tt),
            [
                ("本人確認", 3),
                ("申請書の受付", 5),
                ("住所等の入力", 6),
                ("振込口座の登録", 4),
                ("被保険者証の交付", 3),
            ],
            t + timedelta(minutes=r.randint(5, 20)),
        )

    def tenshutsu(self, p):
        r = self.rng
        d = self.workday()
        t = self.at(d, r.randint(0, 380))
        t = self.jumin(
            p,
            "住基",
            self.case("J"),
            [("確認：本人", 3), ("受付：異動届", 5), ("交付：転出証明書", 4), ("案内：他窓口", 2)],
            t,
        )
        if p["age"] < 75:
            self.jumin(p, "国保", self.case("J"), [("確認：本人", 2), ("受付：資格喪失届", 4)], t)
        c = self.case("S")
        self.seq_steps(
            lambda l, tt: self.suido(p, c, l, tt, ""),
            [("本人確認", 2), ("閉栓申込の受付", 4)],
            self.at(self.later(d, 0, 5), r.randint(0, 400)),
        )
        self.suido(p, c, "閉栓作業", self.at(self.later(d, 2, 8), r.randint(0, 400)), "")

    def shinkoku(self, p):
        r = self.rng
        d = self.workday(months=[2, 3]) if r.random() < 0.85 else self.workday()
        t = self.at(d, r.randint(0, 400))
        c = self.case("J")
        steps = [("確認：本人", 3), ("受付：申告書", 10), ("入力：所得", 12)]
        if r.random() < 0.1:
            steps.append(("登録：口座", 4))
        self.jumin(p, "税", c, steps, t)
        if r.random() < 0.08:
            self.jumin(
                p, "税", c, [("収納：税", 3)], self.at(self.later(d, 5, 40), r.randint(0, 400))
            )

    def shomei(self, p):
        r = self.rng
        d = self.workday()
        t = self.at(d, r.randint(0, 400))
        if r.random() < 0.5:
            self.jumin(p, "住基", self.case("J"), [("確認：本人", 2), ("交付：住民票の写し", 4)], t)
        else:
            self.jumin(p, "税", self.case("J"), [("確認：本人", 2), ("交付：所得証明書", 4)], t)

    def kokuho_gengaku(self, p):
        r = self.rng
        d = self.workday()
        c = self.case("J")
        self.jumin(
            p,
            "国保",
            c,
            [("確認：本人", 3), ("受付：申請書", 6), ("登録：口座", 4)],
            self.at(d, r.randint(0, 400)),
        )
        self.jumin(
            p,
            "国保",
            c,
            [("照会：所得", 8), ("審査：減免", 15)],
            self.at(self.later(d, 3, 20), r.randint(0, 400)),
        )

    def fukushi(self, p):
        r = self.rng
        d = self.workday()
        c = self.case("J")
        steps = [("確認：本人", 3), ("受付：申請書", 8), ("入力：住所", 5), ("登録：口座", 4)]
        if r.random() < 0.3:
            steps.append(("案内：他窓口", 2))
        self.jumin(p, "福祉", c, steps, self.at(d, r.randint(0, 400)))
        self.jumin(
            p,
            "福祉",
            c,
            [("照会：所得", 7), ("審査：給付", 15)],
            self.at(self.later(d, 4, 20), r.randint(0, 400)),
        )
        if r.random() < 0.1:  # rework: application returned
            self.jumin(
                p,
                "福祉",
                c,
                [("受付：申請書", 6)],
                self.at(self.later(d, 22, 30), r.randint(0, 400)),
            )

    def homon(self, p):
        r = self.rng
        d = self.workday()
        self.jumin(
            p,
            "福祉",
            self.case("J"),
            [("訪問：高齢者宅", 45)],
            self.at(d, r.randint(30, 360)),
            clerk="保健師 矢島",
        )

    def shugaku(self, p):
        r = self.rng
        d = self.workday(0, 120)
        child = self.child_of(p)
        c = self.case("E")
        self.seq_steps(
            lambda l, tt: self.kyoiku(p, c, l, tt, child),
            [("本人確認", 3), ("就学援助申請書の受理", 6), ("振込口座の登録", 4)],
            self.at(d, r.randint(0, 400)),
        )
        self.seq_steps(
            lambda l, tt: self.kyoiku(p, c, l, tt, child),
            [("世帯所得の照会", 10), ("就学援助の審査", 20), ("認定通知の送付", 5)],
            self.at(self.later(d, 5, 25), r.randint(0, 400)),
        )

    def kouki_kogaku(self, p):
        r = self.rng
        d = self.workday()
        c = self.case("K")
        self.seq_steps(
            lambda l, tt: self.kouki(p, c, l, tt),
            [("本人確認", 3), ("申請書の受付", 5), ("振込口座の登録", 4)],
            self.at(d, r.randint(0, 400)),
        )
        self.seq_steps(
            lambda l, tt: self.kouki(p, c, l, tt),
            [("所得の照会", 8), ("支給の審査", 12), ("支給決定通知の送付", 3)],
            self.at(self.later(d, 10, 40), r.randint(0, 400)),
        )

    def kaigo_nintei(self, p, outsider=False):
        r = self.rng
        d = self.workday()
        c = self.case("N")
        steps = [("本人確認", 3), ("申請書の受付", 6), ("被保険者情報の入力", 6)]
        if r.random() < 0.4:
            steps.append(("口座の登録", 4))
        if r.random() < 0.4:
            steps.append(("他窓口の案内", 2))
        self.seq_steps(lambda l, tt: self.kaigo(p, c, l, tt), steps, self.at(d, r.randint(0, 400)))
        self.kaigo(p, c, "所得段階の照会", self.at(self.later(d, 2, 10), r.randint(0, 400)))
        self.kaigo(p, c, "認定調査の訪問", self.at(self.later(d, 7, 20), r.randint(30, 360)))
        self.kaigo(p, c, "認定審査会", self.at(self.later(d, 25, 35), 330))
        self.kaigo(p, c, "認定結果の通知", self.at(self.later(d, 28, 40), r.randint(0, 400)))

    def suido_kaisen(self, p, d, kind):
        r = self.rng
        c = self.case("S")
        owner = "" if r.random() < 0.7 else r.choice(SURN) + "　" + r.choice(GIV)[0]
        t = self.at(self.later(d, 0, 3) if kind else d, r.randint(0, 400))
        self.seq_steps(
            lambda l, tt: self.suido(p, c, l, tt, owner),
            [
                ("本人確認", 2),
                ("開栓申込書の受付", 5),
                ("使用者情報の入力", 6),
                ("口座振替の登録", 4),
            ],
            t,
        )
        self.suido(p, c, "開栓作業", self.at(self.later(d, 2, 7), r.randint(30, 360)), owner)
        if r.random() < 0.5:
            self.suido(p, c, "料金の収納", self.at(self.later(d, 30, 60), r.randint(0, 400)), owner)

    def shinryo(self, p):
        r = self.rng
        d = self.workday()
        c = self.case("C")
        if p["age"] >= 80 and r.random() < 0.25:
            self.clinic(p, c, "訪問診療", self.at(d, r.randint(300, 420)))
            return
        steps = [("受付", 2), ("保険証確認", 2), ("診察", 12)]
        if r.random() < 0.7:
            steps.append(("処方箋交付", 3))
        steps.append(("会計", 4))
        self.seq_steps(lambda l, tt: self.clinic(p, c, l, tt), steps, self.at(d, r.randint(0, 200)))


DUPS = {
    1: [
        ("住基", "確認：本人"),
        ("税", "確認：本人"),
        ("国保", "確認：本人"),
        ("福祉", "確認：本人"),
        ("教育委員会", "本人確認"),
        ("後期高齢者医療広域連合", "本人確認"),
        ("介護保険組合", "本人確認"),
        ("上下水道企業団", "本人確認"),
    ],
    2: [
        ("住基", "受付：異動届"),
        ("税", "受付：申告書"),
        ("国保", "受付：申請書"),
        ("福祉", "受付：申請書"),
        ("教育委員会", "転入学申請書の受理"),
        ("教育委員会", "就学援助申請書の受理"),
        ("後期高齢者医療広域連合", "申請書の受付"),
        ("介護保険組合", "申請書の受付"),
        ("上下水道企業団", "開栓申込書の受付"),
    ],
    3: [
        ("税", "入力：住所"),
        ("国保", "入力：住所"),
        ("福祉", "入力：住所"),
        ("教育委員会", "住所等の入力"),
        ("後期高齢者医療広域連合", "住所等の入力"),
        ("介護保険組合", "被保険者情報の入力"),
        ("上下水道企業団", "使用者情報の入力"),
    ],
    4: [
        ("国保", "照会：所得"),
        ("福祉", "照会：所得"),
        ("教育委員会", "世帯所得の照会"),
        ("後期高齢者医療広域連合", "所得の照会"),
        ("介護保険組合", "所得段階の照会"),
    ],
    5: [
        ("税", "登録：口座"),
        ("国保", "登録：口座"),
        ("福祉", "登録：口座"),
        ("教育委員会", "振込口座の登録"),
        ("後期高齢者医療広域連合", "振込口座の登録"),
        ("介護保険組合", "口座の登録"),
        ("上下水道企業団", "口座振替の登録"),
    ],
    6: [
        ("住基", "案内：他窓口"),
        ("国保", "案内：他窓口"),
        ("福祉", "案内：他窓口"),
        ("教育委員会", "他課窓口の案内"),
        ("介護保険組合", "他窓口の案内"),
    ],
}
NEGS = {
    "交付": [
        ("住基", "交付：住民票の写し"),
        ("住基", "交付：転出証明書"),
        ("税", "交付：所得証明書"),
        ("国保", "交付：被保険者証"),
        ("後期高齢者医療広域連合", "被保険者証の交付"),
        ("診療所", "処方箋交付"),
        ("教育委員会", "転入学通知書の交付"),
    ],
    "審査": [
        ("国保", "審査：減免"),
        ("福祉", "審査：給付"),
        ("教育委員会", "就学援助の審査"),
        ("介護保険組合", "認定審査会"),
        ("後期高齢者医療広域連合", "支給の審査"),
    ],
    "訪問": [
        ("福祉", "訪問：高齢者宅"),
        ("介護保険組合", "認定調査の訪問"),
        ("診療所", "訪問診療"),
        ("上下水道企業団", "開栓作業"),
    ],
    "受付": [
        ("診療所", "受付"),
        ("住基", "受付：異動届"),
        ("国保", "受付：申請書"),
        ("国保", "受付：資格喪失届"),
        ("上下水道企業団", "閉栓申込の受付"),
    ],
    "確認": [
        ("診療所", "保険証確認"),
        ("住基", "確認：本人"),
        ("国保", "確認：本人"),
        ("後期高齢者医療広域連合", "本人確認"),
    ],
    "収納": [("診療所", "会計"), ("税", "収納：税"), ("上下水道企業団", "料金の収納")],
    "通知": [
        ("教育委員会", "認定通知の送付"),
        ("後期高齢者医療広域連合", "支給決定通知の送付"),
        ("介護保険組合", "認定結果の通知"),
    ],
}


def write_csv(path, rows, cols, enc, title=None):
    with open(path, "w", encoding=enc, newline="") as f:
        if title:
            for line in title:
                f.write(line + "\r\n")
        w = csv.DictWriter(f, fieldnames=cols, lineterminator="\r\n")
        w.writeheader()
        for row in rows:
            w.writerow(row)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    town = Town(a.seed)
    town.build()
    vdir = os.path.join(a.out, "village")
    tdir = os.path.join(a.out, "truth")
    os.makedirs(vdir, exist_ok=True)
    os.makedirs(tdir, exist_ok=True)
    files = {
        "jumin": ("jumin.csv", "cp932", None),
        "kyoiku": ("kyoiku.csv", "utf-8-sig", None),
        "shinryojo": ("shinryojo.csv", "utf-8", None),
        "kouki": ("kouki.csv", "cp932", None),
        "kaigo": ("kaigo.csv", "utf-8", None),
        "suido": ("suido.csv", "cp932", ["上下水道企業団 受付作業一覧", "出力日,2026/04/03"]),
    }
    sort_key = {
        "jumin": "処理日時",
        "kyoiku": "日時",
        "shinryojo": "日時",
        "kouki": "処理年月日時刻",
        "kaigo": "処理日時",
        "suido": "作業日時",
    }
    nev = 0
    for k, (fn, enc, title) in files.items():
        rows = sorted(
            town.ev[k], key=lambda x: (x[sort_key[k]].replace("-", "/").replace("T", " "),)
        )
        write_csv(os.path.join(vdir, fn), rows, list(rows[0].keys()), enc, title)
        nev += len(rows)
    with open(os.path.join(vdir, "procmine.toml"), "w", encoding="utf-8") as f:
        f.write(
            '[files."jumin.csv"]\nencoding = "cp932"\n[files."jumin.csv".columns]\n'
            'case = "受付No"\nactivity = "処理"\ntimestamp = "処理日時"\nresource = "職員"\n'
            'person = "宛名番号"\ndepartment = "業務区分"\n\n'
            '[files."kyoiku.csv"]\ndepartment = "教育委員会"\n'
            '[files."shinryojo.csv"]\ndepartment = "診療所"\n'
            '[files."kouki.csv"]\ndepartment = "後期高齢者医療広域連合"\nencoding = "cp932"\n'
            '[files."kaigo.csv"]\ndepartment = "介護保険組合"\n'
            '[files."suido.csv"]\ndepartment = "上下水道企業団"\nencoding = "cp932"\n'
        )
    # counts per (department, activity) for the ≥10 check
    cnt = {}
    for r in town.ev["jumin"]:
        cnt[(r["業務区分"], r["処理"])] = cnt.get((r["業務区分"], r["処理"]), 0) + 1
    for k, dep, col in [
        ("kyoiku", "教育委員会", "手続名"),
        ("shinryojo", "診療所", "行為"),
        ("kouki", "後期高齢者医療広域連合", "処理内容"),
        ("kaigo", "介護保険組合", "事務"),
        ("suido", "上下水道企業団", "作業内容"),
    ]:
        for r in town.ev[k]:
            cnt[(dep, r[col])] = cnt.get((dep, r[col]), 0) + 1
    low = [
        (d, a_, cnt.get((d, a_), 0))
        for cl in DUPS.values()
        for d, a_ in cl
        if cnt.get((d, a_), 0) < 10
    ]
    missing = [(d, a_) for g in NEGS.values() for d, a_ in g if (d, a_) not in cnt]
    assert not low, low
    assert not missing, missing
    with open(os.path.join(tdir, "duplicates.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["cluster", "department", "activity"])
        for c, members in DUPS.items():
            for d, a_ in members:
                w.writerow([c, d, a_])
    with open(os.path.join(tdir, "negatives.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["group", "department", "activity"])
        for g, members in NEGS.items():
            for d, a_ in members:
                w.writerow([g, d, a_])
    with open(os.path.join(tdir, "aliases.csv"), "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerow(["department", "alias", "activity"])
    silos = []
    # shared 住民課 columns: per 業務区分 whose rows fill them
    filled = {}
    for r in town.ev["jumin"]:
        for col in [
            "氏名",
            "カナ氏名",
            "生年月日",
            "住所",
            "方書",
            "電話番号",
            "口座",
            "所得金額",
            "個人番号",
        ]:
            if r[col]:
                filled.setdefault(col, set()).add(r["業務区分"])
    jf = {
        "氏名": "NAME",
        "カナ氏名": "KANA",
        "生年月日": "DOB",
        "住所": "ADDR",
        "方書": "KATA",
        "電話番号": "TEL",
        "口座": "BANK",
        "所得金額": "INCOME",
        "個人番号": "MYNUM",
    }
    for col, fld in jf.items():
        for dep in ["住基", "税", "国保", "福祉"]:
            if dep in filled.get(col, ()):
                silos.append((fld, dep, col, "jumin.csv"))
    silos += [
        ("NAME", "教育委員会", "保護者氏名", "kyoiku.csv"),
        ("ADDR", "教育委員会", "住所", "kyoiku.csv"),
        ("KATA", "教育委員会", "住所", "kyoiku.csv"),
        ("TEL", "教育委員会", "連絡先電話", "kyoiku.csv"),
        ("BANK", "教育委員会", "振込口座", "kyoiku.csv"),
        ("INCOME", "教育委員会", "世帯所得", "kyoiku.csv"),
        ("NAME", "診療所", "患者氏名", "shinryojo.csv"),
        ("KANA", "診療所", "フリガナ", "shinryojo.csv"),
        ("DOB", "診療所", "生年月日", "shinryojo.csv"),
        ("ADDR", "診療所", "住所", "shinryojo.csv"),
        ("TEL", "診療所", "電話", "shinryojo.csv"),
    ]
    for dep, fn, cols in [
        (
            "後期高齢者医療広域連合",
            "kouki.csv",
            [
                ("NAME", "氏名"),
                ("KANA", "カナ"),
                ("DOB", "生年月日"),
                ("ADDR", "住所"),
                ("TEL", "電話"),
                ("BANK", "振込先口座"),
                ("INCOME", "課税所得"),
                ("MYNUM", "個人番号"),
            ],
        ),
        (
            "介護保険組合",
            "kaigo.csv",
            [
                ("NAME", "被保険者氏名"),
                ("KANA", "氏名カナ"),
                ("DOB", "生年月日"),
                ("ADDR", "住所"),
                ("TEL", "電話番号"),
                ("BANK", "口座"),
                ("INCOME", "合計所得金額"),
            ],
        ),
        (
            "上下水道企業団",
            "suido.csv",
            [
                ("NAME", "使用者氏名"),
                ("KANA", "使用者カナ"),
                ("DOB", "生年月日"),
                ("ADDR", "給水場所"),
                ("TEL", "連絡先"),
                ("BANK", "引落口座"),
            ],
        ),
    ]:
        silos += [(f_, dep, c_, fn) for f_, c_ in cols]
    with open(os.path.join(tdir, "silos.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["field", "department", "column", "file"])
        w.writerows(silos)
    with open(os.path.join(tdir, "decoys.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["department", "column"])
        w.writerows(
            [
                ("教育委員会", "児童氏名"),
                ("教育委員会", "児童生年月日"),
                ("教育委員会", "学校電話"),
                ("教育委員会", "学校名"),
                ("診療所", "緊急連絡先氏名"),
                ("診療所", "緊急連絡先電話"),
                ("介護保険組合", "居宅介護支援事業所"),
                ("介護保険組合", "事業所住所"),
                ("介護保険組合", "主治医"),
                ("上下水道企業団", "所有者氏名"),
            ]
        )
    resid = len({r["宛名番号"] for r in town.ev["jumin"]})
    print(
        f"yamabiko: {len(DEPTS)} departments, {nev} events, {resid} village residents in 住民課 ({len(town.people)} sampled, {len(town.outsiders)} outsiders in 介護組合)"
    )


if __name__ == "__main__":
    main()
