"""さざなみ市 (Sazanami City): a fictional municipality whose vendor systems export in English.

Written by a reviewer without procmine's generator or vocabulary: English headers and labels
(住民課 in Japanese), US dates with AM/PM, ISO times with offsets and UTC, zero-padded
resident numbers, split address and bank-code columns. Deterministic (seeded). Used by
:mod:`benchmarks.independent_towns` (``--town sazanami``); its errors were read once
(2026-11-28), so it is a development set.

    .venv/bin/python benchmarks/sazanami_city.py [OUT]   (default /tmp/sazanami)

Writes OUT/city/*.csv + procmine.toml and OUT/truth/*.csv.
"""

import csv
import datetime as dt
import os
import random
import shutil
import sys
from pathlib import Path

SEED = 20261128
R = random.Random(SEED)
EPOCH = os.environ.get("EPOCH") == "1"  # procmine refuses Unix times; default writes 2024/4/1 9:05
ROOT = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/sazanami")
OUT = ROOT / ("city_epoch" if EPOCH else "city")
TRUTH = ROOT / "truth"
N_RES = 3000
JST = dt.timezone(dt.timedelta(hours=9))

FAM = [
    ("山田", "ヤマダ"),
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("吉田", "ヨシダ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("林", "ハヤシ"),
    ("清水", "シミズ"),
    ("森", "モリ"),
    ("池田", "イケダ"),
    ("橋本", "ハシモト"),
    ("石川", "イシカワ"),
]
GIV = [
    ("太郎", "タロウ"),
    ("花子", "ハナコ"),
    ("健一", "ケンイチ"),
    ("美咲", "ミサキ"),
    ("翔太", "ショウタ"),
    ("陽菜", "ヒナ"),
    ("大輔", "ダイスケ"),
    ("由美", "ユミ"),
    ("直樹", "ナオキ"),
    ("恵", "メグミ"),
    ("蓮", "レン"),
    ("結衣", "ユイ"),
    ("誠", "マコト"),
    ("千尋", "チヒロ"),
    ("悠真", "ユウマ"),
    ("真由美", "マユミ"),
]
TOWNS = [
    ("浜町", "251-0001"),
    ("汐見台", "251-0002"),
    ("港南", "251-0003"),
    ("松風", "251-0004"),
    ("白波", "251-0005"),
    ("潮見", "251-0006"),
    ("磯辺", "251-0007"),
    ("凪ケ丘", "251-0008"),
]
BLDG = ["コーポ浜", "サザナミハイツ", "メゾン汐見", "グランシーサイド", "潮風荘", ""]
BANKS = [
    ("0001", "みずほ"),
    ("0005", "三菱UFJ"),
    ("0009", "三井住友"),
    ("1234", "さざなみ信金"),
    ("9900", "ゆうちょ"),
]
KANJI_NUM = "〇一二三四五六七八九"
FW = str.maketrans("0123456789-", "０１２３４５６７８９－")
HK = {}
_f = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォャュョッー"
_h = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｬｭｮｯｰ"
for a, b in zip(_f, _h, strict=True):
    HK[a] = b
DAK = {
    "ガ": "ｶﾞ",
    "ギ": "ｷﾞ",
    "グ": "ｸﾞ",
    "ゲ": "ｹﾞ",
    "ゴ": "ｺﾞ",
    "ザ": "ｻﾞ",
    "ジ": "ｼﾞ",
    "ズ": "ｽﾞ",
    "ゼ": "ｾﾞ",
    "ゾ": "ｿﾞ",
    "ダ": "ﾀﾞ",
    "デ": "ﾃﾞ",
    "ド": "ﾄﾞ",
    "バ": "ﾊﾞ",
    "ビ": "ﾋﾞ",
    "ブ": "ﾌﾞ",
    "ベ": "ﾍﾞ",
    "ボ": "ﾎﾞ",
    " ": " ",
}


def halfkana(s):
    return "".join(DAK.get(c, HK.get(c, c)) for c in s)


def phone_home():
    return f"0467-{R.randint(10, 99)}-{R.randint(1000, 9999)}"


def phone_mob():
    return f"0{R.choice('789')}0-{R.randint(1000, 9999)}-{R.randint(1000, 9999)}"


def address():
    t, z = R.choice(TOWNS)
    c, b, g = R.randint(1, 5), R.randint(1, 30), R.randint(1, 25)
    bl = R.choice(BLDG)
    room = f"{R.randint(1, 5)}0{R.randint(1, 9)}" if bl else ""
    return dict(town=t, zip=z, c=c, b=b, g=g, bldg=(bl + room) if bl else "")


class Res:
    pass


residents = []
for i in range(N_RES):
    r = Res()
    r.id = 100000 + i * 7 + R.randint(0, 6)
    f, g = R.choice(FAM), R.choice(GIV)
    r.fam, r.giv, r.fk, r.gk = f[0], g[0], f[1], g[1]
    age = R.choice([R.randint(20, 64)] * 3 + [R.randint(65, 92)])
    r.age = age
    r.dob = dt.date(2024 - age, R.randint(1, 12), R.randint(1, 28))
    r.addr = address()
    r.old = address() if R.random() < 0.18 else None  # moved within city: old address
    r.home = phone_home() if R.random() < 0.6 else ""
    r.mob = phone_mob()
    r.mob2 = phone_mob() if R.random() < 0.1 else ""
    b = R.choice(BANKS)
    r.bank = (b[0], f"{R.randint(1, 999):03d}", f"{R.randint(0, 9999999):07d}")
    r.mynum = "".join(str(R.randint(0, 9)) for _ in range(12))
    r.kids = age < 50 and R.random() < 0.45
    r.nhi = R.random() < 0.45 or age >= 65
    r.ltc = age >= 65
    r.tenant = R.random() < 0.12
    residents.append(r)


def addr_text(a, style):
    c, b, g = a["c"], a["b"], a["g"]
    if style == "jp":
        s = f"さざなみ市{a['town']}{c}丁目{b}番{g}号" + (f" {a['bldg']}" if a["bldg"] else "")
    elif style == "hyphen_nocity":
        s = f"{a['town']}{c}-{b}-{g}" + (f" {a['bldg']}" if a["bldg"] else "")
    elif style == "fw_street":
        s = f"さざなみ市{a['town']}" + f"{c}-{b}-{g}".translate(FW)
    elif style == "mixed":
        s = f"さざなみ市{a['town']}{c}丁目{b}-{g}{a['bldg']}"
    elif style == "kanji":
        s = f"さざなみ市{a['town']}{KANJI_NUM[c]}丁目{b}番{g}号" + (
            f"　{a['bldg']}" if a["bldg"] else ""
        )
    else:
        s = f"さざなみ市{a['town']}{c}-{b}-{g}" + (f" {a['bldg']}" if a["bldg"] else "")
    return s


# department specs --------------------------------------------------------------------------
DEPTS = {
    "住民課": "juminka.csv",
    "税務課": "tax_system.csv",
    "国保年金課": "nhi_export.csv",
    "こども家庭課": "child_benefit.csv",
    "介護保険課": "ltc_insurance.csv",
    "住宅課": "housing.csv",
}
rows = {d: [] for d in DEPTS}
STAFF = {
    d: [f"{p}{k:02d}" for k in range(1, 7)]
    for d, p in [
        ("住民課", "住民-"),
        ("税務課", "TX"),
        ("国保年金課", "nhi."),
        ("こども家庭課", "cw"),
        ("介護保険課", "LTC_"),
        ("住宅課", "hs"),
    ]
}
case_no = {d: 0 for d in DEPTS}


def new_case(d):
    case_no[d] += 1
    pre = {
        "住民課": "J",
        "税務課": "T24-",
        "国保年金課": "APP",
        "こども家庭課": "C",
        "介護保険課": "K",
        "住宅課": "H",
    }[d]
    return f"{pre}{case_no[d]:06d}"


# field capture per department: which data columns a step kind fills
def capture(d, r, kinds, stale):
    a = r.old if (stale and r.old) else r.addr
    v = {}
    if d == "住民課":
        if "id" in kinds:
            v.update({"氏名": r.fam + r.giv, "生年月日": r.dob.strftime("%Y/%m/%d")})
        if "form" in kinds or "entry" in kinds:
            v.update(
                {
                    "氏名": r.fam + r.giv,
                    "フリガナ": f"{r.fk} {r.gk}",
                    "生年月日": r.dob.strftime("%Y/%m/%d"),
                    "住所": addr_text(r.addr, "jp"),
                    "郵便番号": r.addr["zip"],
                    "電話番号": r.home or r.mob,
                }
            )
        if "entry" in kinds:
            v["個人番号"] = r.mynum
    elif d == "税務課":
        if "id" in kinds:
            v.update({"FullName": f"{r.fam} {r.giv}", "BirthDate": r.dob.strftime("%m/%d/%Y")})
        if "form" in kinds or "entry" in kinds:
            v.update(
                {
                    "FullName": f"{r.fam} {r.giv}",
                    "NameKana": f"{r.fk} {r.gk}",
                    "BirthDate": r.dob.strftime("%m/%d/%Y"),
                    "Address": addr_text(a, "hyphen_nocity"),
                    "ZipCode": a["zip"].replace("-", ""),
                    "PhoneNo": (r.mob2 or r.home or r.mob).replace("-", ""),
                    "EmployerAddress": addr_text(address(), "hyphen_nocity")
                    if R.random() < 0.7
                    else "",
                }
            )
        if "entry" in kinds or "income" in kinds:
            v["MyNumber"] = r.mynum
    elif d == "国保年金課":
        if "id" in kinds:
            v.update({"FullName": r.fam + r.giv, "DOB": r.dob.isoformat()})
        if "form" in kinds or "entry" in kinds:
            v.update(
                {
                    "FullName": r.fam + r.giv,
                    "NameKana": halfkana(f"{r.fk} {r.gk}"),
                    "DOB": r.dob.isoformat(),
                    "Address1": addr_text(a, "fw_street"),
                    "Address2": a["bldg"],
                    "ZipCode": a["zip"],
                    "PhoneNo": r.home,
                    "Mobile": r.mob,
                    "EmergencyContactPhone": phone_mob() if R.random() < 0.8 else "",
                }
            )
        if "entry" in kinds or "income" in kinds:
            v["MyNumber"] = r.mynum
        if "bank" in kinds:
            v.update({"BankCode": r.bank[0], "BranchCode": r.bank[1], "AccountNo": r.bank[2]})
        if "receive" in kinds:
            v.update(
                {
                    "PreviousInsurer": R.choice(
                        ["協会けんぽ", "健保組合", "共済組合", "国保（他市）"]
                    )
                }
            )
    elif d == "こども家庭課":
        if "id" in kinds:
            v.update({"ApplicantName": f"{r.fam}　{r.giv}", "BirthDate": r.dob.strftime("%Y%m%d")})
        if "form" in kinds or "entry" in kinds:
            v.update(
                {
                    "ApplicantName": f"{r.fam}　{r.giv}",
                    "Kana": f"{r.fk}{r.gk}",
                    "BirthDate": r.dob.strftime("%Y%m%d"),
                    "Address": addr_text(a, "mixed"),
                    "PostalCode": "〒" + a["zip"],
                    "Mobile": r.mob,
                    "AgentName": (R.choice(FAM)[0] + R.choice(GIV)[0]) if R.random() < 0.3 else "",
                }
            )
        if "entry" in kinds or "income" in kinds:
            v["MyNumber"] = f"{r.mynum[:4]} {r.mynum[4:8]} {r.mynum[8:]}"
        if "bank" in kinds:
            v.update({"BankCode": r.bank[0], "BranchCode": r.bank[1], "AccountNo": r.bank[2]})
        if "receive" in kinds:
            v.update(
                {
                    "NumberOfChildren": str(R.randint(1, 3)),
                    "SchoolName": R.choice(["さざなみ小", "汐見小", "港南中"]),
                }
            )
    elif d == "介護保険課":
        if "id" in kinds:
            v.update({"FullName": r.fam + r.giv, "DOB": r.dob.strftime("%Y-%m-%d")})
        if "form" in kinds or "entry" in kinds:
            v.update(
                {
                    "FullName": r.fam + r.giv,
                    "NameKana": f"{r.fk}{r.gk}",
                    "DOB": r.dob.strftime("%Y-%m-%d"),
                    "Address": addr_text(a, "kanji"),
                    "ZipCode": a["zip"],
                    "PhoneNo": r.home or r.mob,
                    "FacilityAddress": R.choice(
                        [
                            "さざなみ市松風2丁目5番1号 特養しおさい",
                            "さざなみ市港南1丁目8番2号 ケアハウス凪",
                            "",
                        ]
                    ),
                }
            )
        if "entry" in kinds or "income" in kinds:
            v["MyNumber"] = r.mynum
        if "bank" in kinds:
            v.update({"BankCode": r.bank[0], "BranchCode": r.bank[1], "AccountNo": r.bank[2]})
        if "receive" in kinds:
            v.update(
                {
                    "CareLevelRequested": R.choice(
                        ["要支援1", "要支援2", "要介護1", "要介護2", "要介護3"]
                    )
                }
            )
    elif d == "住宅課":
        if "id" in kinds:
            v.update({"TenantName": r.fam + " " + r.giv})
        if "form" in kinds or "entry" in kinds:
            v.update(
                {
                    "TenantName": r.fam + " " + r.giv,
                    "TenantKana": f"{r.fk} {r.gk}",
                    "BirthDate": r.dob.isoformat(),
                    "Address": addr_text(a, "plain"),
                    "ZipCode": a["zip"],
                    "ContactPhone": r.mob,
                    "GuarantorName": R.choice(FAM)[0] + R.choice(GIV)[0],
                }
            )
        if "receive" in kinds:
            v.update(
                {
                    "DesiredUnitType": R.choice(["1DK", "2DK", "3DK"]),
                    "HouseholdSize": str(R.randint(1, 5)),
                }
            )
    return v


# activity vocab per department: kind -> (label, minutes, actor)
VOC = {
    "住民課": {
        "ticket": "番号札発券",
        "id": "本人確認",
        "form": "届出書記入",
        "entry": "住民記録入力",
        "guide": "手続案内",
        "movein": "転入届受付",
        "moveout": "転出届受付",
        "cert": "住民票写し交付",
    },
    "税務課": {
        "ticket": "Take number ticket",
        "id": "ID check at counter",
        "form": "Fill in declaration form",
        "entry": "Key in address change",
        "certtax": "Issue tax certificate",
        "assess": "Calculate tax assessment",
    },
    "国保年金課": {
        "ticket": "Issue queue ticket",
        "id": "Verify applicant identity",
        "form": "Complete enrollment form",
        "entry": "Register beneficiary record",
        "income": "Request income certificate from Taxation",
        "bank": "Set up direct debit",
        "card": "Issue insurance card",
        "recard": "Reissue insurance card",
        "guide": "Provide procedure guidance",
        "receive": "Receive application",
        "approve": "Approve application",
        "reject": "Reject application",
        "loss": "Process loss of coverage",
    },
    "こども家庭課": {
        "ticket": "Take number ticket",
        "id": "Confirm identity documents",
        "form": "Fill in application form",
        "entry": "Enter resident data into ledger",
        "income": "Request income certificate from Taxation",
        "bank": "Register bank account for benefit",
        "guide": "Provide procedure guidance",
        "receive": "Receive application",
        "approve": "Approve application",
        "reject": "Reject application",
        "pay": "Pay child allowance",
    },
    "介護保険課": {
        "ticket": "Issue queue ticket",
        "id": "ID check at counter",
        "form": "Complete application form",
        "entry": "Register beneficiary record",
        "income": "Income inquiry",
        "bank": "Set up direct debit",
        "guide": "Provide procedure guidance",
        "recard": "Reissue insurance card",
        "receive": "Receive application",
        "assess": "Conduct care needs assessment",
    },
    "住宅課": {
        "ticket": "Issue queue ticket",
        "id": "Verify applicant identity",
        "form": "Fill in application form",
        "entry": "Enter tenant data into ledger",
        "income": "Income inquiry",
        "guide": "Procedure guidance",
        "movein": "Accept move-in notification",
        "moveout": "Accept move-out notification",
        "receive": "Receive application",
        "lease": "Sign lease agreement",
    },
}
MIN = {
    "ticket": 0,
    "id": 2,
    "form": 9,
    "entry": 6,
    "guide": 5,
    "income": 4,
    "bank": 5,
    "card": 3,
    "recard": 4,
    "movein": 5,
    "moveout": 5,
    "cert": 4,
    "certtax": 4,
    "receive": 5,
    "approve": 8,
    "reject": 8,
    "pay": 3,
    "assess": 45,
    "lease": 20,
    "loss": 6,
}


def emit(d, case, r, kind, t, stale=False, staff=None):
    dur = 0 if kind == "ticket" else max(1, round(R.gauss(MIN[kind], MIN[kind] * 0.3)))
    end = t + dt.timedelta(minutes=dur)
    who = "KIOSK" if kind == "ticket" else (staff or R.choice(STAFF[d]))
    kinds = {kind}
    if kind in ("movein", "moveout", "card", "recard"):
        kinds = set()
    rows[d].append(
        dict(
            case=case,
            act=VOC[d][kind],
            start=t,
            end=end,
            who=who,
            pid=r.id,
            data=capture(d, r, kinds, stale),
        )
    )
    return end


def counter_visit(d, r, t, kinds, stale):
    """A visit at one counter: ticket, wait, then steps by one clerk. Returns time leaving."""
    case = new_case(d)
    if "ticket" in kinds:
        emit(d, case, r, "ticket", t)
        t += dt.timedelta(minutes=R.randint(5, 40))
    staff = R.choice(STAFF[d])
    for k in kinds:
        if k == "ticket":
            continue
        t = emit(d, case, r, k, t, stale, staff) + dt.timedelta(minutes=R.randint(0, 2))
    return t, case


def backoffice(d, r, day, kinds, stale=False, hour=None):
    t = dt.datetime.combine(day, dt.time(hour or R.randint(13, 16), R.randint(0, 59)))
    case = new_case(d)
    for k in kinds:
        t = emit(d, case, r, k, t, stale) + dt.timedelta(hours=R.randint(1, 48))
    return case


START = dt.date(2024, 4, 1)


def workday():
    while True:
        d = START + dt.timedelta(days=R.randint(0, 364))
        if d.weekday() < 5:
            return d


for r in residents:
    stale_dept = {d: R.random() < 0.35 for d in DEPTS}
    stale_dept["住民課"] = False
    # life event: moving into the city (or within) -> one-stop journey across counters
    if R.random() < 0.30:
        day = workday()
        t = dt.datetime.combine(day, dt.time(R.randint(8, 14), R.randint(0, 59)))
        t, _ = counter_visit(
            "住民課", r, t, ["ticket", "id", "form", "movein", "entry", "guide"], False
        )
        seq = []
        if r.nhi:
            seq.append(
                ("国保年金課", ["ticket", "id", "form", "entry", "income", "bank", "card", "guide"])
            )
        if r.kids:
            seq.append(
                ("こども家庭課", ["ticket", "id", "form", "entry", "income", "bank", "guide"])
            )
        if r.ltc:
            seq.append(("介護保険課", ["ticket", "id", "form", "entry", "income", "bank", "guide"]))
        if R.random() < 0.5:
            seq.append(("税務課", ["ticket", "id", "form", "entry"]))
        if r.tenant:
            seq.append(("住宅課", ["ticket", "id", "form", "entry", "income", "guide", "movein"]))
        for d, ks in seq:
            t += dt.timedelta(minutes=R.randint(2, 10))
            t, _ = counter_visit(d, r, t, ks, stale_dept[d])
        if r.kids:
            c = backoffice(
                "こども家庭課",
                r,
                day + dt.timedelta(days=R.randint(3, 20)),
                ["receive", R.choice(["approve"] * 4 + ["reject"])],
            )
            if R.random() < 0.8:
                backoffice("こども家庭課", r, day + dt.timedelta(days=40), ["pay"])
    if R.random() < 0.08:  # moving out
        day = workday()
        t = dt.datetime.combine(day, dt.time(R.randint(8, 15), R.randint(0, 59)))
        t, _ = counter_visit("住民課", r, t, ["ticket", "id", "form", "moveout", "entry"], False)
        if r.nhi:
            t, _ = counter_visit(
                "国保年金課",
                r,
                t + dt.timedelta(minutes=5),
                ["ticket", "id", "loss"],
                stale_dept["国保年金課"],
            )
        if r.tenant:
            counter_visit(
                "住宅課",
                r,
                t + dt.timedelta(minutes=5),
                ["ticket", "id", "moveout"],
                stale_dept["住宅課"],
            )
    if R.random() < 0.35:  # certificate at 住民課
        day = workday()
        t = dt.datetime.combine(day, dt.time(R.randint(8, 16), R.randint(0, 59)))
        counter_visit("住民課", r, t, ["ticket", "id", "cert"], False)
    if R.random() < 0.25:  # tax certificate / declaration
        day = workday()
        t = dt.datetime.combine(day, dt.time(R.randint(8, 16), R.randint(0, 59)))
        counter_visit(
            "税務課",
            r,
            t,
            ["ticket", "id"] + (["certtax"] if R.random() < 0.6 else ["form"]),
            stale_dept["税務課"],
        )
    if R.random() < 0.5:
        backoffice("税務課", r, workday(), ["assess"])
    if r.nhi and R.random() < 0.10:  # card reissue
        day = workday()
        t = dt.datetime.combine(day, dt.time(R.randint(8, 16), R.randint(0, 59)))
        counter_visit("国保年金課", r, t, ["ticket", "id", "recard"], stale_dept["国保年金課"])
    if r.nhi and R.random() < 0.25:  # mailed application (e.g. high-cost medical expense)
        backoffice("国保年金課", r, workday(), ["receive", R.choice(["approve"] * 3 + ["reject"])])
    if r.ltc and R.random() < 0.25:
        day = workday()
        t = dt.datetime.combine(day, dt.time(R.randint(8, 16), R.randint(0, 59)))
        counter_visit("介護保険課", r, t, ["ticket", "id", "recard"], stale_dept["介護保険課"])
    if r.ltc and R.random() < 0.3:
        backoffice("介護保険課", r, workday(), ["receive", "assess"])
    if r.tenant and R.random() < 0.5:
        backoffice("住宅課", r, workday(), ["receive", "lease"])
    if R.random() < 0.05 and r.tenant is False and R.random() < 0.5:
        backoffice("住宅課", r, workday(), ["receive"])


# ---- writers with per-department formats ---------------------------------------------------
def us(t):
    return t.strftime("%m/%d/%Y %I:%M %p")


def epoch(t):
    return str(int(t.replace(tzinfo=JST).timestamp()))


FMT = {
    "住民課": dict(
        case="受付番号",
        act="処理内容",
        start=("処理日時", lambda t: t.strftime("%Y/%m/%d %H:%M")),
        end=("終了日時", lambda t: t.strftime("%Y/%m/%d %H:%M")),
        who="担当者",
        pid=("住民番号", str),
        data=["氏名", "フリガナ", "生年月日", "住所", "郵便番号", "電話番号", "個人番号"],
    ),
    "税務課": dict(
        case="CaseNo",
        act="Activity",
        start=("ProcessedAt", us),
        end=None,
        who="Clerk",
        pid=("resident_no", lambda p: f"{p:010d}"),
        data=[
            "FullName",
            "NameKana",
            "BirthDate",
            "Address",
            "ZipCode",
            "PhoneNo",
            "EmployerAddress",
            "MyNumber",
        ],
    ),
    "国保年金課": dict(
        case="ApplicationID",
        act="Activity",
        start=("Timestamp", lambda t: t.replace(tzinfo=JST).isoformat()),
        end=("CompletedAt", lambda t: t.replace(tzinfo=JST).isoformat()),
        who="Staff",
        pid=("ResidentID", str),
        data=[
            "FullName",
            "NameKana",
            "DOB",
            "Address1",
            "Address2",
            "ZipCode",
            "PhoneNo",
            "Mobile",
            "EmergencyContactPhone",
            "BankCode",
            "BranchCode",
            "AccountNo",
            "MyNumber",
            "PreviousInsurer",
        ],
    ),
    "こども家庭課": dict(
        case="Case Number",
        act="Task",
        start=(
            "event_time",
            epoch if EPOCH else (lambda t: f"{t.year}/{t.month}/{t.day} {t.hour}:{t.minute:02d}"),
        ),
        end=None,
        who="Worker",
        pid=("Customer Number", str),
        data=[
            "ApplicantName",
            "Kana",
            "BirthDate",
            "Address",
            "PostalCode",
            "Mobile",
            "AgentName",
            "BankCode",
            "BranchCode",
            "AccountNo",
            "MyNumber",
            "NumberOfChildren",
            "SchoolName",
        ],
    ),
    "介護保険課": dict(
        case="CaseID",
        act="Activity",
        start=("StartedAt", lambda t: t.strftime("%Y-%m-%d %H:%M:%S")),
        end=("FinishedAt", lambda t: t.strftime("%Y-%m-%d %H:%M:%S")),
        who="Operator",
        pid=("PersonID", str),
        data=[
            "FullName",
            "NameKana",
            "DOB",
            "Address",
            "ZipCode",
            "PhoneNo",
            "FacilityAddress",
            "BankCode",
            "BranchCode",
            "AccountNo",
            "MyNumber",
            "CareLevelRequested",
        ],
    ),
    "住宅課": dict(
        case="Application No",
        act="Event",
        start=(
            "EventTime",
            lambda t: t.replace(tzinfo=JST).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        ),
        end=None,
        who="Officer",
        pid=("resident_no", str),
        data=[
            "TenantName",
            "TenantKana",
            "BirthDate",
            "Address",
            "ZipCode",
            "ContactPhone",
            "GuarantorName",
            "DesiredUnitType",
            "HouseholdSize",
        ],
    ),
}
if OUT.exists():
    shutil.rmtree(OUT)
OUT.mkdir(parents=True)
TRUTH.mkdir(parents=True, exist_ok=True)
total = 0
for d, fn in DEPTS.items():
    f = FMT[d]
    hdr = (
        [f["pid"][0], f["case"], f["act"], f["start"][0]]
        + ([f["end"][0]] if f["end"] else [])
        + [f["who"]]
        + f["data"]
    )
    evs = sorted(rows[d], key=lambda e: (e["start"], e["case"]))
    with open(OUT / fn, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(hdr)
        for e in evs:
            row = [f["pid"][1](e["pid"]), e["case"], e["act"], f["start"][1](e["start"])]
            if f["end"]:
                row.append(f["end"][1](e["end"]))
            row.append(e["who"])
            row += [e["data"].get(c, "") for c in f["data"]]
            w.writerow(row)
    total += len(evs)
    print(d, fn, len(evs))
print("events", total)
with open(OUT / "procmine.toml", "w", encoding="utf-8") as fh:
    for d, fn in DEPTS.items():
        fh.write(f'[files."{fn}"]\ndepartment = "{d}"\n\n')


# ---- truth -----------------------------------------------------------------------------
def present(d, kind):
    lab = VOC[d].get(kind)
    return lab is not None and any(e["act"] == lab for e in rows[d])


with open(TRUTH / "duplicates.csv", "w", newline="", encoding="utf-8") as fh:
    w = csv.writer(fh)
    w.writerow(["cluster", "department", "activity"])
    for kind in ["ticket", "id", "form", "entry", "income", "bank", "guide"]:
        for d in DEPTS:
            if present(d, kind):
                w.writerow([kind, d, VOC[d][kind]])
NEG = {
    "cards": [("国保年金課", "Issue insurance card"), ("介護保険課", "Reissue insurance card")],
    "move": [
        ("住宅課", "Accept move-in notification"),
        ("住宅課", "Accept move-out notification"),
        ("住民課", "転入届受付"),
        ("住民課", "転出届受付"),
    ],
    "decision": [
        ("国保年金課", "Approve application"),
        ("国保年金課", "Reject application"),
        ("こども家庭課", "Approve application"),
        ("こども家庭課", "Reject application"),
    ],
    "receive": [
        (d, "Receive application") for d in ["国保年金課", "こども家庭課", "介護保険課", "住宅課"]
    ],
}
with open(TRUTH / "negatives.csv", "w", newline="", encoding="utf-8") as fh:
    w = csv.writer(fh)
    w.writerow(["group", "department", "activity"])
    for g, items in NEG.items():
        for d, a in items:
            w.writerow([g, d, a])
SIL = {
    "name": [
        ("住民課", "氏名"),
        ("税務課", "FullName"),
        ("国保年金課", "FullName"),
        ("こども家庭課", "ApplicantName"),
        ("介護保険課", "FullName"),
        ("住宅課", "TenantName"),
    ],
    "kana": [
        ("住民課", "フリガナ"),
        ("税務課", "NameKana"),
        ("国保年金課", "NameKana"),
        ("こども家庭課", "Kana"),
        ("介護保険課", "NameKana"),
        ("住宅課", "TenantKana"),
    ],
    "birth": [
        ("住民課", "生年月日"),
        ("税務課", "BirthDate"),
        ("国保年金課", "DOB"),
        ("こども家庭課", "BirthDate"),
        ("介護保険課", "DOB"),
        ("住宅課", "BirthDate"),
    ],
    "address": [
        ("住民課", "住所"),
        ("税務課", "Address"),
        ("国保年金課", "Address1"),
        ("国保年金課", "Address2"),
        ("こども家庭課", "Address"),
        ("介護保険課", "Address"),
        ("住宅課", "Address"),
    ],
    "zip": [
        ("住民課", "郵便番号"),
        ("税務課", "ZipCode"),
        ("国保年金課", "ZipCode"),
        ("こども家庭課", "PostalCode"),
        ("介護保険課", "ZipCode"),
        ("住宅課", "ZipCode"),
    ],
    "phone": [
        ("住民課", "電話番号"),
        ("税務課", "PhoneNo"),
        ("国保年金課", "PhoneNo"),
        ("国保年金課", "Mobile"),
        ("こども家庭課", "Mobile"),
        ("介護保険課", "PhoneNo"),
        ("住宅課", "ContactPhone"),
    ],
    "bank_code": [
        ("国保年金課", "BankCode"),
        ("こども家庭課", "BankCode"),
        ("介護保険課", "BankCode"),
    ],
    "branch_code": [
        ("国保年金課", "BranchCode"),
        ("こども家庭課", "BranchCode"),
        ("介護保険課", "BranchCode"),
    ],
    "account": [
        ("国保年金課", "AccountNo"),
        ("こども家庭課", "AccountNo"),
        ("介護保険課", "AccountNo"),
    ],
    "my_number": [
        ("住民課", "個人番号"),
        ("税務課", "MyNumber"),
        ("国保年金課", "MyNumber"),
        ("こども家庭課", "MyNumber"),
        ("介護保険課", "MyNumber"),
    ],
}
with open(TRUTH / "silos.csv", "w", newline="", encoding="utf-8") as fh:
    w = csv.writer(fh)
    w.writerow(["field", "department", "column"])
    for f_, items in SIL.items():
        for d, c in items:
            w.writerow([f_, d, c])
with open(TRUTH / "decoys.csv", "w", newline="", encoding="utf-8") as fh:
    w = csv.writer(fh)
    w.writerow(["department", "column"])
    for d, c in [
        ("国保年金課", "EmergencyContactPhone"),
        ("税務課", "EmployerAddress"),
        ("こども家庭課", "AgentName"),
        ("介護保険課", "FacilityAddress"),
        ("住宅課", "GuarantorName"),
    ]:
        w.writerow([d, c])
