"""Column ↔ field matching across department systems (data silos)."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from procmine.errors import ColumnError, ConfigError
from procmine.fields import (
    FIELD_TYPES,
    SILO_COLUMNS,
    column_fields,
    match_fields,
    profile_columns,
)
from procmine.fields._profile import japanese_header
from procmine.model import Dataset, EventLog

SURNAMES = ["高橋", "佐藤", "鈴木", "田中", "渡辺", "伊藤", "山本", "中村", "小林", "加藤",
            "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水"]  # fmt: skip
SURNAME_KANA = ["タカハシ", "サトウ", "スズキ", "タナカ", "ワタナベ", "イトウ", "ヤマモト", "ナカムラ",
                "コバヤシ", "カトウ", "ヨシダ", "ヤマダ", "ササキ", "ヤマグチ", "マツモト", "イノウエ",
                "キムラ", "ハヤシ", "サイトウ", "シミズ"]  # fmt: skip
GIVEN = ["太郎", "花子", "一郎", "美穂", "健", "陽子", "誠", "裕子", "大輔", "恵",
         "翔", "結衣", "直樹", "真由美", "拓也", "愛", "修", "明美", "浩二", "さくら"]  # fmt: skip
GIVEN_KANA = ["タロウ", "ハナコ", "イチロウ", "ミホ", "ケン", "ヨウコ", "マコト", "ユウコ", "ダイスケ",
              "メグミ", "ショウ", "ユイ", "ナオキ", "マユミ", "タクヤ", "アイ", "オサム", "アケミ",
              "コウジ", "サクラ"]  # fmt: skip
TOWNS = ["本町", "栄町", "緑ケ丘", "旭町", "若葉台", "中央", "東町", "西町"]
KANJI_DIGITS = "〇一二三四五六七八九"


def _era(d: pd.Timestamp) -> str:
    if d.year >= 1989:
        return f"H{d.year - 1988}.{d.month}.{d.day}"
    return f"昭和{d.year - 1925}年{d.month}月{d.day}日"


def make_residents(n: int, seed: int = 1) -> pd.DataFrame:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        s, g = rng.randrange(len(SURNAMES)), rng.randrange(len(GIVEN))
        dob = pd.Timestamp("1940-01-01") + pd.Timedelta(days=rng.randrange(365 * 70))
        chome, ban, go = rng.randint(1, 5), rng.randint(1, 30), rng.randint(1, 20)
        town = TOWNS[rng.randrange(len(TOWNS))]
        rows.append(
            {
                "person": f"P{i:05d}",
                "name": f"{SURNAMES[s]} {GIVEN[g]}",
                "kana": f"{SURNAME_KANA[s]} {GIVEN_KANA[g]}",
                "dob": dob,
                "sex": rng.choice(["男", "女"]),
                "chome": chome,
                "ban": ban,
                "go": go,
                "town": town,
                "kata": f"コーポ光陽{rng.randint(1, 3)}0{rng.randint(1, 5)}"
                if rng.random() < 0.4
                else "",
                "home": f"0123-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
                "mobile": f"090-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
                "mynum": "".join(str(rng.randint(0, 9)) for _ in range(12)),
                "employer_tel": f"0123-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
                "child": f"{SURNAMES[s]} {GIVEN[rng.randrange(len(GIVEN))]}",
            }
        )
    return pd.DataFrame(rows)


def _addr_kanji(r: pd.Series) -> str:
    base = f"光陽市{r.town}{KANJI_DIGITS[r.chome]}丁目{r.ban}番{r.go}号"
    return f"{base} {r.kata}" if r.kata else base


def _addr_hyphen(r: pd.Series) -> str:
    return f"光陽市{r.town}{r.chome}-{r.ban}-{r.go}"


def _log(
    department: str,
    residents: pd.DataFrame,
    columns: dict[str, list[str]],
    *,
    start: str,
    with_person: bool = True,
) -> EventLog:
    """Two events per resident: 受付 (captures the fields) then 審査 (captures nothing)."""
    t0 = pd.Timestamp(start)
    rows = []
    for i, r in enumerate(residents.itertuples(index=False)):
        case = f"{department}-{i:05d}"
        ts = t0 + pd.Timedelta(hours=i)
        first = {"case": case, "activity": "受付", "timestamp": ts, "person": r.person}
        for header, values in columns.items():
            first[header] = values[i]
        rows.append(first)
        rows.append({"case": case, "activity": "審査", "timestamp": ts + pd.Timedelta(minutes=30),
                     "person": r.person})  # fmt: skip
    events = pd.DataFrame(rows)
    events["end"] = pd.NaT
    events["resource"] = "staff"
    events["department"] = department
    events["source"] = f"{department}.csv"
    events["row"] = range(2, len(events) + 2)
    std = ["case", "activity", "timestamp", "end", "resource", "person", "department", "source",
           "row"]  # fmt: skip
    if not with_person:
        events = events.drop(columns="person")
        std.remove("person")
    events = events[std + list(columns)]
    for header in columns:
        events[header] = events[header].astype(object).where(events[header].notna(), None)
    return EventLog(department, events, tuple(columns), (f"{department}.csv",))


def make_city(n: int = 300, seed: int = 1, *, kaigo_person: bool = True) -> Dataset:
    """SHIMIN (master), HOKEN, KODOMO and KAIGO with planted silos and decoys.

    Planted: HOKEN addresses in hyphen notation without 方書 (format only) and 10% stale;
    HOKEN phones are mobiles for 20% (home elsewhere); KODOMO holds a child's name, a
    nursery's address and HOKEN an employer's phone (decoys).
    """
    rng = random.Random(seed)
    res = make_residents(n, seed)
    shimin = res.iloc[: int(n * 0.9)]
    hoken = res.iloc[int(n * 0.2) :]
    kodomo = res.iloc[int(n * 0.1) : int(n * 0.8)]
    kaigo = res.iloc[int(n * 0.3) :]

    def stale(r: pd.Series) -> str:
        return _addr_hyphen(r) if rng.random() >= 0.1 else f"光陽市旧町{r.ban}-{r.go}"

    nurseries = [f"光陽市{t}{k}丁目{k + 3}番{k + 1}号" for k, t in enumerate(TOWNS, start=1)]
    logs = {
        "SHIMIN": _log("SHIMIN", shimin, {
            "氏名": list(shimin["name"]),
            "フリガナ": list(shimin["kana"]),
            "生年月日": [d.strftime("%Y-%m-%d") for d in shimin["dob"]],
            "性別": list(shimin["sex"]),
            "住所": [_addr_kanji(r) for _, r in shimin.iterrows()],
            "電話番号": list(shimin["home"]),
            "個人番号": list(shimin["mynum"]),
        }, start="2024-04-01"),
        "HOKEN": _log("HOKEN", hoken, {
            "被保険者氏名": [x.replace("高", "髙") for x in hoken["name"]],
            "カナ氏名": [k.replace("ウ", "ー") for k in hoken["kana"]],
            "生年月日": [_era(d) for d in hoken["dob"]],
            "性別": [{"男": "1", "女": "2"}[s] for s in hoken["sex"]],
            "住所": [stale(r) for _, r in hoken.iterrows()],
            "連絡先TEL": [m if rng.random() < 0.2 else h for h, m in zip(hoken["home"], hoken["mobile"], strict=True)],
            "勤務先電話": list(hoken["employer_tel"]),
            "個人番号": [f"{m[:4]} {m[4:8]} {m[8:]}" for m in hoken["mynum"]],
        }, start="2024-05-01"),
        "KODOMO": _log("KODOMO", kodomo, {
            "name": list(kodomo["name"]),
            "birth": [d.strftime("%Y/%m/%d") for d in kodomo["dob"]],
            "addr": [_addr_hyphen(r) for _, r in kodomo.iterrows()],
            "児童氏名": list(kodomo["child"]),
            "保育所所在地": [nurseries[rng.randrange(len(nurseries))] for _ in range(len(kodomo))],
        }, start="2024-06-01"),
        "KAIGO": _log("KAIGO", kaigo, {
            "氏名": list(kaigo["name"]),
            "生年月日": [d.strftime("%Y年%m月%d日") for d in kaigo["dob"]],
            "住所": [_addr_kanji(r) for _, r in kaigo.iterrows()],
        }, start="2024-07-01", with_person=kaigo_person),
    }  # fmt: skip
    return Dataset(logs=logs, mappings=[], accounting=[])


def groups_of(silos: pd.DataFrame) -> dict[str, set[tuple[str, str]]]:
    return {
        field: set(zip(g["department"], g["column"], strict=True))
        for field, g in silos.groupby("field")
    }


@pytest.fixture(scope="module")
def city() -> Dataset:
    return make_city()


@pytest.fixture(scope="module")
def silos(city: Dataset) -> pd.DataFrame:
    return match_fields(city)


def test_profiles_read_field_types_from_values(city: Dataset) -> None:
    prof = profile_columns(city).set_index(["department", "column"])["field_type"]
    assert prof[("SHIMIN", "住所")] == "address"
    assert prof[("KODOMO", "addr")] == "address"
    assert prof[("HOKEN", "生年月日")] == "birth_date"  # era dates
    assert prof[("KODOMO", "birth")] == "birth_date"
    assert prof[("HOKEN", "個人番号")] == "my_number"
    assert prof[("HOKEN", "連絡先TEL")] == "phone"
    assert prof[("HOKEN", "カナ氏名")] == "kana"
    assert prof[("KODOMO", "name")] == "name"
    assert prof[("HOKEN", "性別")] == "sex"  # 1/2 codes: told by the header
    assert set(prof) <= set(FIELD_TYPES)


def test_groups_copies_and_keeps_decoys_out(silos: pd.DataFrame) -> None:
    groups = groups_of(silos)
    assert groups["住所"] == {("SHIMIN", "住所"), ("HOKEN", "住所"), ("KODOMO", "addr"),
                              ("KAIGO", "住所")}  # fmt: skip
    assert groups["氏名"] == {("SHIMIN", "氏名"), ("HOKEN", "被保険者氏名"), ("KODOMO", "name"),
                              ("KAIGO", "氏名")}  # fmt: skip
    assert groups["生年月日"] == {("SHIMIN", "生年月日"), ("HOKEN", "生年月日"), ("KODOMO", "birth"),
                                  ("KAIGO", "生年月日")}  # fmt: skip
    assert groups["電話番号"] == {("SHIMIN", "電話番号"), ("HOKEN", "連絡先TEL")}
    assert groups["個人番号"] == {("SHIMIN", "個人番号"), ("HOKEN", "個人番号")}
    assert groups["氏名カナ"] == {("SHIMIN", "フリガナ"), ("HOKEN", "カナ氏名")}
    assert groups["性別"] == {("SHIMIN", "性別"), ("HOKEN", "性別")}
    grouped = set(zip(silos["department"], silos["column"], strict=True))
    for decoy in [("KODOMO", "児童氏名"), ("KODOMO", "保育所所在地"), ("HOKEN", "勤務先電話")]:
        assert decoy not in grouped


def test_table_shape_and_figures(silos: pd.DataFrame) -> None:
    assert list(silos.columns) == list(SILO_COLUMNS)
    assert silos.groupby("field")["authoritative"].sum().eq(1).all()
    addr = silos[silos["field"] == "住所"].set_index("department")
    assert addr.loc["SHIMIN", "authoritative"]
    # HOKEN: 10% stale (real differences), the rest differ only in notation
    assert 0.04 <= addr.loc["HOKEN", "inconsistency_rate"] <= 0.17
    assert addr.loc["HOKEN", "format_only_rate"] == pytest.approx(
        1 - addr.loc["HOKEN", "inconsistency_rate"], abs=0.01
    )
    # no former value was ever recorded for these residents: real differences are conflicts
    assert addr.loc["HOKEN", "stale_rate"] == 0.0
    assert addr.loc["HOKEN", "conflict_rate"] == pytest.approx(
        addr.loc["HOKEN", "inconsistency_rate"]
    )
    assert addr.loc["KODOMO", "inconsistency_rate"] < 0.01  # missing 方書 is format only
    # same notation as the master; only its residents unknown to SHIMIN (a seventh) are
    # compared with HOKEN's and KODOMO's hyphens
    assert addr.loc["KAIGO", "format_only_rate"] <= 1 / 7 + 0.01
    assert (addr["departments_in_group"] == 4).all()
    phone = silos[silos["field"] == "電話番号"].set_index("department")
    assert 0.1 <= phone.loc["HOKEN", "inconsistency_rate"] <= 0.3  # mobile vs home
    name = silos[silos["field"] == "氏名"].set_index("department")
    assert name.loc["HOKEN", "inconsistency_rate"] < 0.01  # 髙 ↔ 高 is notation
    assert name.loc["HOKEN", "format_only_rate"] > 0.0
    assert silos["coverage"].between(0, 1).all()
    assert (silos["linkage"] == "person key").all()
    assert silos["agreement"].between(0, 1).all()


def test_sorted_and_column_fields(silos: pd.DataFrame) -> None:
    keys = list(zip(silos["field"], silos["department"], silos["column"], strict=True))
    assert keys == sorted(keys)
    mapping = column_fields(silos)
    assert mapping[("KODOMO", "addr")] == "住所"
    assert len(mapping) == len(silos)


def test_headers_are_not_needed() -> None:
    """Renaming every data column to a meaningless header gives the same groups."""
    city = make_city(seed=2)
    renamed = {}
    for dept, log in city.logs.items():
        mapping = {c: f"{dept.lower()}_c{i}" for i, c in enumerate(log.data_columns)}
        renamed[dept] = EventLog(dept, log.events.rename(columns=mapping),
                                 tuple(mapping.values()), log.sources)  # fmt: skip
    plain = match_fields(city)
    blind = match_fields(Dataset(logs=renamed, mappings=[], accounting=[]))
    back = {(d, f"{d.lower()}_c{i}"): (d, c) for d, log in city.logs.items()
            for i, c in enumerate(log.data_columns)}  # fmt: skip
    plain_groups = {frozenset(g) for f, g in groups_of(plain).items() if f != "性別"}
    blind_groups = {frozenset(back[m] for m in g) for g in groups_of(blind).values()}
    # sex written 1/2 is only recognisable by its header; everything else by values
    assert plain_groups <= blind_groups


def test_person_key_missing_falls_back_to_name_and_birth_date() -> None:
    silos = match_fields(make_city(kaigo_person=False))
    kaigo = silos[silos["department"] == "KAIGO"].set_index("column")
    assert set(kaigo["linkage"]) == {"name+birth date"}
    assert kaigo.loc["住所", "field"] == "住所"
    assert kaigo.loc["住所", "inconsistency_rate"] < 0.01
    assert kaigo.loc["住所", "persons"] > 0
    assert set(silos.loc[silos["department"] != "KAIGO", "linkage"]) == {"person key"}


def test_without_any_link_columns_join_on_header_and_type() -> None:
    city = make_city(kaigo_person=False)
    log = city.logs["KAIGO"]
    # no key, no birth date and no name: nothing to link by (a name and an address would)
    gone = [c for c in log.data_columns if c == "生年月日" or "氏名" in c]
    events = log.events.drop(columns=gone)
    columns = tuple(c for c in log.data_columns if c not in gone)
    city.logs["KAIGO"] = EventLog("KAIGO", events, columns, log.sources)
    silos = match_fields(city)
    kaigo = silos[silos["department"] == "KAIGO"].set_index("column")
    assert kaigo.loc["住所", "field"] == "住所"
    assert kaigo.loc["住所", "linkage"] == "none"
    assert pd.isna(kaigo.loc["住所", "agreement"])


def test_partly_missing_person_keys_are_filled() -> None:
    city = make_city()
    log = city.logs["HOKEN"]
    events = log.events.copy()
    events.loc[events.index[::3], "person"] = None
    city.logs["HOKEN"] = EventLog("HOKEN", events, log.data_columns, log.sources)
    silos = match_fields(city)
    hoken = silos[(silos["department"] == "HOKEN") & (silos["field"] == "住所")].iloc[0]
    full = match_fields(make_city())
    hoken_full = full[(full["department"] == "HOKEN") & (full["field"] == "住所")].iloc[0]
    assert hoken["persons"] == hoken_full["persons"]


def test_deterministic_whatever_the_order() -> None:
    city = make_city(seed=3)
    first = match_fields(city)
    shuffled = {}
    for dept in reversed(list(city.logs)):
        log = city.logs[dept]
        events = log.events.sample(frac=1.0, random_state=5)
        shuffled[dept] = EventLog(dept, events, tuple(reversed(log.data_columns)), log.sources)
    second = match_fields(Dataset(logs=shuffled, mappings=[], accounting=[]))
    pd.testing.assert_frame_equal(first, second)
    pd.testing.assert_frame_equal(first, match_fields(city))


def test_binary_columns_about_other_people_are_not_grouped() -> None:
    """Two 男/女 columns agree half the time by chance: kappa keeps them apart."""
    city = make_city(n=400)
    rng = random.Random(9)
    log = city.logs["KODOMO"]
    events = log.events.copy()
    filled = events["name"].notna()
    events["児童性別"] = None
    events.loc[filled, "児童性別"] = [rng.choice(["男", "女"]) for _ in range(int(filled.sum()))]
    city.logs["KODOMO"] = EventLog("KODOMO", events, log.data_columns + ("児童性別",), log.sources)
    silos = match_fields(city)
    assert ("KODOMO", "児童性別") not in column_fields(silos)


def test_empty_dataset_and_bad_options() -> None:
    empty = match_fields(Dataset(logs={}, mappings=[], accounting=[]))
    assert list(empty.columns) == list(SILO_COLUMNS) and empty.empty
    with pytest.raises(ConfigError, match="min_agreement"):
        match_fields(Dataset(logs={}, mappings=[], accounting=[]), min_agreement=1.5)
    with pytest.raises(ConfigError, match="min_persons"):
        match_fields(Dataset(logs={}, mappings=[], accounting=[]), min_persons=0)


def _account(rng: random.Random) -> tuple[str, str, str, str]:
    bank = rng.choice(["光陽銀行", "ひかり信用金庫", "東西銀行"])
    branch = rng.choice(["本店", "駅前支店", "北支店", "南支店"])
    return bank, branch, "普通", f"{rng.randint(0, 9_999_999):07d}"


def test_bank_account_parts_join_whole_accounts() -> None:
    """One export keeps 金融機関・支店・種別・番号・名義 in five columns, others one column;
    a quarter of the residents use another account in one department."""
    rng = random.Random(4)
    res = make_residents(240, seed=4)
    main = [_account(rng) for _ in range(len(res))]
    other = [_account(rng) if rng.random() < 0.25 else a for a in main]
    kana = [k.replace("　", " ") for k in res["kana"]]
    logs = {
        "HOKEN": _log("HOKEN", res, {
            "口座情報": [" ".join((*a, k)) for a, k in zip(main, kana, strict=True)],
        }, start="2024-04-01"),
        "KAIGO": _log("KAIGO", res, {
            "口座": ["/".join(a) for a in other],  # no holder name
        }, start="2024-05-01"),
        "KODOMO": _log("KODOMO", res, {
            "金融機関名": [a[0] for a in main],
            "支店名": [a[1] for a in main],
            "預金種目": [a[2] for a in main],  # always 普通: says nothing by its values
            "口座番号": [a[3] for a in main],
            "口座名義人カナ": kana,
            "勤務先電話": list(res["employer_tel"]),
        }, start="2024-06-01"),
    }  # fmt: skip
    silos = match_fields(Dataset(logs=logs, mappings=[], accounting=[]))
    groups = groups_of(silos)
    assert groups["口座"] == {
        ("HOKEN", "口座情報"), ("KAIGO", "口座"), ("KODOMO", "金融機関名"), ("KODOMO", "支店名"),
        ("KODOMO", "預金種目"), ("KODOMO", "口座番号"), ("KODOMO", "口座名義人カナ"),
    }  # fmt: skip
    bank = silos[silos["field"] == "口座"].set_index(["department", "column"])
    assert set(bank["matched_by"]) <= {"values", "part"}
    assert bank.loc[("KODOMO", "預金種目"), "matched_by"] == "part"
    kaigo = bank.loc[("KAIGO", "口座")]
    if not kaigo["authoritative"]:
        assert 0.1 <= kaigo["inconsistency_rate"] <= 0.4  # the other accounts


def test_head_of_household_and_name_told_apart_by_header_when_values_cannot() -> None:
    """In HOKEN every resident heads the household, so 世帯主 equals 被保険者氏名 there."""
    res = make_residents(300, seed=5)
    heads = [n if i % 3 else f"{n.split()[0]} 茂" for i, n in enumerate(res["name"])]
    only_heads = res[[i % 3 != 0 for i in range(len(res))]]
    logs = {
        "SHIMIN": _log("SHIMIN", res, {
            "氏名": list(res["name"]), "世帯主氏名": heads,
        }, start="2024-04-01"),
        "HOKEN": _log("HOKEN", only_heads, {
            "世帯主氏名": list(only_heads["name"]), "被保険者氏名": list(only_heads["name"]),
        }, start="2024-05-01"),
        "ZEIMU": _log("ZEIMU", res, {"納税義務者氏名": list(res["name"])}, start="2024-06-01"),
    }  # fmt: skip
    groups = groups_of(match_fields(Dataset(logs=logs, mappings=[], accounting=[])))
    assert groups["氏名"] == {
        ("SHIMIN", "氏名"),
        ("HOKEN", "被保険者氏名"),
        ("ZEIMU", "納税義務者氏名"),
    }
    assert groups["世帯主氏名"] == {("SHIMIN", "世帯主氏名"), ("HOKEN", "世帯主氏名")}


def test_columns_sharing_no_resident_join_on_their_header_only() -> None:
    city = make_city()
    newcomers = make_residents(12, seed=8).assign(person=lambda f: "N" + f["person"])
    city.logs["SEIHO"] = _log("SEIHO", newcomers, {
        "住所": [_addr_hyphen(r) for _, r in newcomers.iterrows()],
        "勤務先住所": [_addr_hyphen(r) for _, r in newcomers.iterrows()],
    }, start="2024-08-01")  # fmt: skip
    silos = match_fields(city).set_index(["department", "column"])
    assert silos.loc[("SEIHO", "住所"), "field"] == "住所"
    assert silos.loc[("SEIHO", "住所"), "matched_by"] == "header"
    assert pd.isna(silos.loc[("SEIHO", "住所"), "agreement"])
    assert ("SEIHO", "勤務先住所") not in silos.index


def test_a_few_residents_all_disagreeing_keep_a_look_alike_header_out() -> None:
    """保健センター keeps the baby's 生年月日 under the guardian's key: too few residents to
    prove anything by values, but the five it shares with the others all disagree — it is
    another person's birth date, not joined by its header."""
    city = make_city()
    children = make_residents(300, seed=1).iloc[::2]  # keyed by the child: their own dates
    own = [r["dob"].strftime("%Y-%m-%d") for _, r in children.iterrows()]
    city.logs["KYOIKU"] = _log("KYOIKU", children, {"児童生年月日": own}, start="2024-07-01")
    few = make_residents(300, seed=1).iloc[1::60]  # 5 residents, all known to SHIMIN
    babies = [(r["dob"] + pd.Timedelta(days=9000)).strftime("%Y-%m-%d") for _, r in few.iterrows()]
    city.logs["HOKEN"] = _log("HOKEN", few, {"児童生年月日": babies}, start="2024-08-01")
    silos = match_fields(city).set_index(["department", "column"])
    assert silos.loc[("KYOIKU", "児童生年月日"), "field"] == "生年月日"
    assert ("HOKEN", "児童生年月日") not in silos.index


def test_a_small_copy_mostly_out_of_date_still_joins_its_field_by_header() -> None:
    """An address may be out of date (four of five residents moved since): unlike a birth
    date, disagreeing values do not make it another person's data."""
    city = make_city()
    few = make_residents(300, seed=1).iloc[::60]  # 5 residents, all known to SHIMIN
    addr = [
        f"光陽市旧町{r.ban}-{r.go}" if k < 4 else _addr_hyphen(r)
        for k, (_, r) in enumerate(few.iterrows())
    ]
    city.logs["SEIHO"] = _log("SEIHO", few, {"住所": addr}, start="2024-08-01")
    silos = match_fields(city).set_index(["department", "column"])
    assert silos.loc[("SEIHO", "住所"), "field"] == "住所"


def test_birth_dates_as_excel_serial_days_are_birth_dates() -> None:
    """A sheet saved as CSV writes a birth date not formatted as one as its serial day
    number (19259 = 1952-09-22): read as the birth date it is, and compared."""
    city = make_city()
    residents = make_residents(300, seed=1).iloc[::3]
    serial = [str((r["dob"] - pd.Timestamp("1899-12-30")).days) for _, r in residents.iterrows()]
    city.logs["KAIGO"] = _log("KAIGO", residents, {"生年月日": serial}, start="2024-08-01")
    silos = match_fields(city).set_index(["department", "column"])
    row = silos.loc[("KAIGO", "生年月日")]
    assert row["field_type"] == "birth_date" and row["matched_by"] == "values"
    assert row["agreement"] == 1.0
    serial[0] = "0"  # an empty cell a formula referred to
    city.logs["KAIGO"] = _log("KAIGO", residents, {"生年月日": serial}, start="2024-08-01")
    profiles = profile_columns(city).set_index(["department", "column"])
    assert profiles.loc[("KAIGO", "生年月日"), "field_type"] == "birth_date"


def test_small_department_joins_when_its_few_residents_agree() -> None:
    city = make_city()
    few = make_residents(300, seed=1).iloc[::60]  # 5 residents, all known to SHIMIN
    city.logs["SEIHO"] = _log("SEIHO", few, {
        "現在の住まい": [_addr_hyphen(r) for _, r in few.iterrows()],
    }, start="2024-08-01")  # fmt: skip
    silos = match_fields(city).set_index(["department", "column"])
    assert silos.loc[("SEIHO", "現在の住まい"), "field"] == "住所"
    assert silos.loc[("SEIHO", "現在の住まい"), "matched_by"] == "values"


def _children(n: int, seed: int) -> pd.DataFrame:
    """``n`` residents born 2012 or later, keyed C…: children of other residents."""
    rng = random.Random(seed - 1)
    return make_residents(n, seed=seed).assign(
        person=lambda f: "C" + f["person"],
        dob=lambda f: [pd.Timestamp("2012-01-01") + pd.Timedelta(days=rng.randrange(3000))
                       for _ in range(len(f))],
    )  # fmt: skip


def test_keyless_department_is_linked_by_the_claimant_not_the_child() -> None:
    """KODOMO has no person key and two (name, birth date) pairs: the claimant's and the
    child's. Children are residents too (SHIMIN knows them), and there are more of them."""
    parents = make_residents(120, seed=6)
    kids = _children(240, seed=7)
    kids["name"] = [
        f"{p.split()[0]} {k.split()[1]}"
        for p, k in zip(list(parents["name"]) * 2, kids["name"], strict=True)
    ]
    everyone = pd.concat([parents, kids], ignore_index=True)
    claim = pd.concat([parents, parents], ignore_index=True)  # two children each
    logs = {
        "SHIMIN": _log("SHIMIN", everyone, {
            "氏名": list(everyone["name"]),
            "生年月日": [d.strftime("%Y-%m-%d") for d in everyone["dob"]],
            "個人番号": list(everyone["mynum"]),
            "電話番号": list(everyone["mobile"]),
        }, start="2024-04-01"),
        "KODOMO": _log("KODOMO", claim, {
            "請求者氏名": list(claim["name"]),
            "生年月日": [d.strftime("%Y/%m/%d") for d in claim["dob"]],
            "個人番号": list(claim["mynum"]),
            "連絡先": list(claim["mobile"]),
            "児童氏名": list(kids["name"]),
            "児童生年月日": [d.strftime("%Y/%m/%d") for d in kids["dob"]],
        }, start="2024-05-01", with_person=False),
    }  # fmt: skip
    silos = match_fields(Dataset(logs=logs, mappings=[], accounting=[]))
    kodomo = silos[silos["department"] == "KODOMO"].set_index("column")
    assert kodomo.loc["個人番号", "field"] == "個人番号"
    assert kodomo.loc["個人番号", "agreement"] == 1.0
    assert kodomo.loc["請求者氏名", "field"] == "氏名"
    assert set(kodomo["linkage"]) == {"name+birth date"}


def test_sample_city_silos_are_found() -> None:
    """Against the planted truth of the committed sample city (evaluation only)."""
    from itertools import combinations
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "sample_logs"
    if not (root / "truth" / "silos.csv").is_file():
        pytest.skip("sample_logs/ not generated")
    from procmine.io import load

    truth = pd.read_csv(root / "truth" / "silos.csv", dtype=str)
    decoys = pd.read_csv(root / "truth" / "decoys.csv", dtype=str)
    silos = match_fields(load([root]))

    def pairs(frame: pd.DataFrame) -> set[frozenset[tuple[str, str]]]:
        out: set[frozenset[tuple[str, str]]] = set()
        for _, g in frame.groupby("field"):
            cols = sorted(set(zip(g["department"], g["column"], strict=True)))
            out |= {frozenset(p) for p in combinations(cols, 2)}
        return out

    resident = set(zip(truth["department"], truth["column"], strict=True))
    true_pairs = pairs(truth)
    predicted = {p for p in pairs(silos) if p <= resident}
    precision = len(predicted & true_pairs) / len(predicted)
    recall = len(predicted & true_pairs) / len(true_pairs)
    assert 2 * precision * recall / (precision + recall) >= 0.95
    mapping = column_fields(silos)
    resident_fields = {mapping[c] for c in resident if c in mapping}
    for d in zip(decoys["department"], decoys["column"], strict=True):
        assert mapping.get(d) not in resident_fields, d
    # copies of 要介護度 / 障害名 held for residents no other system has are found too
    for code in ("CARE", "DISAB"):
        cols = truth.loc[truth["field"] == code, ["department", "column"]].itertuples(index=False)
        assert len({mapping.get(tuple(c)) for c in cols}) == 1, code

    # planted inconsistency rates, pooled per field over the copies compared (each copy is
    # measured on the residents it shares with another system, a sample of its residents)
    rated = silos.merge(truth, on=["department", "column"], suffixes=("", "_truth"))
    rated = rated[rated["shared_persons"] > 0]
    planted = rated["planted_inconsistency_rate"].astype(float)
    n = rated["shared_persons"]
    pooled = pd.DataFrame({"field": rated["field_truth"], "n": n, "planted": planted * n,
                           "measured": rated["inconsistency_rate"] * n})  # fmt: skip
    pooled = pooled.groupby("field").sum()
    pooled = pooled[pooled["n"] >= 200]
    assert len(pooled) >= 10
    gap = (pooled["measured"] - pooled["planted"]).abs() / pooled["n"]
    assert (gap <= 0.035).all(), gap.sort_values().tail(3)


def test_public_names() -> None:
    from procmine import fields

    assert sorted(fields.__all__) == sorted(
        ["COINCIDE", "FIELD_LABELS", "FIELD_TYPES", "KEY_VIA", "LINKAGE_COLUMNS", "NAME_ADDRESS",
         "NAME_BIRTH", "NO_LINK",
         "PERSON_KEY", "SILO_COLUMNS", "SILO_VALUE_COLUMNS", "column_fields", "field_label",
         "header_type",
         "linkage_quality", "match_fields", "profile_columns", "resident_keys", "silo_values",
         "value_shape"]
    )  # fmt: skip
    for name in fields.__all__:
        assert getattr(fields, name) is not None
    assert set(FIELD_TYPES) >= {"name", "kana", "birth_date", "address", "phone", "my_number"}


# -- measuring the copies ----------------------------------------------------------------


def _events(log: EventLog, prefix: str) -> pd.DataFrame:
    events = log.events.copy()
    events["case"] = prefix + events["case"].astype(str)
    return events


def test_stale_values_are_former_values_of_another_system() -> None:
    """SHIMIN recorded a move (old address, then the new one); HOKEN still holds the old
    address of the movers (stale) and a wrong address for a few others (conflict)."""
    res = make_residents(200, seed=11)
    movers = res.iloc[:20]
    old = {p: f"光陽市旧町{i + 1}-{i + 2}-{i + 3}" for i, p in enumerate(movers["person"])}
    wrong = set(res["person"].iloc[100:110])
    before = _log("SHIMIN", movers, {"住所": [old[p] for p in movers["person"]]},
                  start="2023-01-01")  # fmt: skip
    now = _log("SHIMIN", res, {"住所": [_addr_kanji(r) for _, r in res.iterrows()]},
               start="2024-01-01")  # fmt: skip
    shimin = pd.concat([_events(before, "old-"), now.events], ignore_index=True)
    hoken_values = [
        old[r.person] if r.person in old
        else f"光陽市新町{r.ban}-{r.go}" if r.person in wrong
        else _addr_hyphen(r)
        for r in res.itertuples(index=False)
    ]  # fmt: skip
    logs = {
        "SHIMIN": EventLog("SHIMIN", shimin, ("住所",), ("SHIMIN.csv",)),
        "HOKEN": _log("HOKEN", res, {"住所": hoken_values}, start="2024-05-01"),
        "KODOMO": _log("KODOMO", res, {"addr": [_addr_hyphen(r) for _, r in res.iterrows()]},
                       start="2024-06-01"),
    }  # fmt: skip
    silos = match_fields(Dataset(logs=logs, mappings=[], accounting=[]))
    hoken = silos.set_index("department").loc["HOKEN"]
    assert hoken["stale_rate"] == pytest.approx(20 / 200, abs=0.01)
    assert hoken["conflict_rate"] == pytest.approx(10 / 200, abs=0.01)
    assert hoken["inconsistency_rate"] == pytest.approx(30 / 200, abs=0.01)
    assert silos.set_index("department").loc["SHIMIN", "inconsistency_rate"] < 0.01


@pytest.mark.parametrize(("header", "stale"), [("前住所", 20), ("施設住所", 0)])
def test_a_former_value_column_marks_copies_holding_that_value_stale(
    header: str, stale: int
) -> None:
    """SHIMIN writes the former address of 40 movers in a column of its own (前住所) on the
    same rows as the current one; HOKEN still holds it (stale) for 20 of them and a wrong
    address for 10 others (conflict). A column of another header holding the same values
    (施設住所: not a former value) makes them conflicts."""
    res = make_residents(200, seed=11)
    old = {p: f"光陽市旧町{i + 1}-{i + 2}-{i + 3}" for i, p in enumerate(res["person"].iloc[:40])}
    wrong = set(res["person"].iloc[100:110])
    hoken_values = [
        old[r.person] if r.person in old and r.Index < 20
        else f"光陽市新町{r.ban}-{r.go}" if r.person in wrong
        else _addr_hyphen(r)
        for r in res.itertuples()
    ]  # fmt: skip
    shimin = {
        "住所": [_addr_kanji(r) for _, r in res.iterrows()],
        header: [old.get(p, "") for p in res["person"]],
    }
    logs = {
        "SHIMIN": _log("SHIMIN", res, shimin, start="2024-01-01"),
        "HOKEN": _log("HOKEN", res, {"住所": hoken_values}, start="2024-05-01"),
        "KODOMO": _log("KODOMO", res, {"addr": [_addr_hyphen(r) for _, r in res.iterrows()]},
                       start="2024-06-01"),
    }  # fmt: skip
    silos = match_fields(Dataset(logs=logs, mappings=[], accounting=[]))
    hoken = silos.set_index(["department", "column"]).loc[("HOKEN", "住所")]
    assert hoken["stale_rate"] == pytest.approx(stale / 200, abs=0.01)
    assert hoken["conflict_rate"] == pytest.approx((30 - stale) / 200, abs=0.01)
    assert hoken["inconsistency_rate"] == pytest.approx(30 / 200, abs=0.01)


def test_omitted_kata_is_a_difference_only_where_the_column_keeps_kata() -> None:
    """SHIMIN keeps 方書 in its own column; KAIGO's address includes 方書 but omits it for
    some residents who have one; HOKEN never writes 方書 (notation, not a difference)."""
    res = make_residents(300, seed=12)
    res["kata"] = [f"コーポ光陽{i % 5 + 1}0{i % 3 + 1}" if i % 2 else "" for i in range(len(res))]
    dropped = {p for p, k in zip(res["person"], res["kata"], strict=True) if k}
    dropped = set(sorted(dropped)[:15])
    kaigo = [
        _addr_kanji(r) if r.person not in dropped else _addr_kanji(r).split(" ")[0]
        for r in res.itertuples(index=False)
    ]
    logs = {
        "SHIMIN": _log("SHIMIN", res, {
            "住所": [_addr_kanji(r).split(" ")[0] for r in res.itertuples(index=False)],
            "方書": list(res["kata"]),
        }, start="2024-04-01"),
        "KAIGO": _log("KAIGO", res, {"住所（方書含む）": kaigo}, start="2024-05-01"),
        "HOKEN": _log("HOKEN", res, {"住所": [_addr_hyphen(r) for r in res.itertuples(index=False)]},
                      start="2024-06-01"),
    }  # fmt: skip
    silos = match_fields(Dataset(logs=logs, mappings=[], accounting=[]))
    addr = silos[silos["field"] == "住所"].set_index("department")
    assert addr.loc["KAIGO", "inconsistency_rate"] == pytest.approx(15 / 300, abs=0.01)
    assert addr.loc["HOKEN", "inconsistency_rate"] < 0.01
    assert addr.loc["HOKEN", "format_only_rate"] > 0.95


@pytest.mark.parametrize("header", ["方書", "建物名・部屋番号"])
def test_a_kata_column_whose_values_look_like_addresses_still_gives_the_kata(header: str) -> None:
    """A 方書 written with a room number after a space (``市営本町住宅 402``) reads as an
    address by its shape; SHIMIN's 方書 column must still tell that KAIGO's address,
    which keeps 方書, omits it for 15 residents."""
    res = make_residents(300, seed=12)
    res["kata"] = [
        f"市営本町住宅 {i % 5 + 1}0{i % 3 + 1}" if i % 2 else "" for i in range(len(res))
    ]
    dropped = set(sorted(p for p, k in zip(res["person"], res["kata"], strict=True) if k)[:15])
    kaigo = [
        f"{_addr_kanji(r).split(' ')[0]} {r.kata}".strip() if r.person not in dropped
        else _addr_kanji(r).split(" ")[0]
        for r in res.itertuples(index=False)
    ]  # fmt: skip
    logs = {
        "SHIMIN": _log("SHIMIN", res, {
            "住所": [_addr_kanji(r).split(" ")[0] for r in res.itertuples(index=False)],
            header: list(res["kata"]),
        }, start="2024-04-01"),
        "KAIGO": _log("KAIGO", res, {"住所（方書含む）": kaigo}, start="2024-05-01"),
    }  # fmt: skip
    silos = match_fields(Dataset(logs=logs, mappings=[], accounting=[]))
    addr = silos[silos["field"] == "住所"].set_index("department")
    assert addr.loc["KAIGO", "inconsistency_rate"] == pytest.approx(15 / 300, abs=0.01)


def test_a_field_without_master_is_measured_against_what_most_systems_hold() -> None:
    """SHIMIN holds most residents, but a mobile for 30 % of them where three other
    systems hold the home number: the largest copy is not always right."""
    res = make_residents(240, seed=13)
    home = list(res["home"])
    shimin = [
        m if i % 10 < 3 else h for i, (h, m) in enumerate(zip(home, res["mobile"], strict=True))
    ]
    logs = {"SHIMIN": _log("SHIMIN", res, {"電話番号": shimin}, start="2024-04-01")}
    for k, dept in enumerate(["HOKEN", "KODOMO", "KAIGO"]):
        part = res.iloc[: 200 - 10 * k]
        logs[dept] = _log(dept, part, {"連絡先": home[: len(part)]}, start=f"2024-0{5 + k}-01")
    silos = match_fields(Dataset(logs=logs, mappings=[], accounting=[]))
    phone = silos.set_index("department")
    assert phone.loc["SHIMIN", "authoritative"]
    assert phone.loc["SHIMIN", "inconsistency_rate"] == pytest.approx(0.3, abs=0.03)
    assert (phone.drop("SHIMIN")["inconsistency_rate"] < 0.03).all()


def test_silo_values_counts_add_up_and_hold_no_values() -> None:
    from procmine.fields import SILO_VALUE_COLUMNS, silo_values

    city = make_city(seed=14)
    log = city.logs["HOKEN"]
    events = log.events.copy()
    filled = events["個人番号"].notna()
    blank = events.index[filled][::10]  # one resident in ten never gave a 個人番号
    events.loc[blank, "個人番号"] = None
    city.logs["HOKEN"] = EventLog("HOKEN", events, log.data_columns, log.sources)
    silos = match_fields(city)
    values = silo_values(city, silos)
    assert list(values.columns) == list(SILO_VALUE_COLUMNS)
    assert len(values) == len(silos)
    parts = values[["exact", "format_only", "stale", "conflict"]].sum(axis=1)
    assert (parts == values["compared"]).all()
    assert (values["compared"] <= values["persons"]).all()
    merged = values.merge(silos, on=["field", "department", "column"])
    rate = (merged["stale"] + merged["conflict"]) / merged["compared"]
    ok = merged["compared"] > 0
    assert (rate[ok] - merged.loc[ok, "inconsistency_rate"]).abs().max() <= 0.02
    mynum = values.set_index(["department", "column"]).loc[("HOKEN", "個人番号")]
    assert mynum["missing"] == len(blank)
    # counts and names only: no resident value anywhere
    texts = {str(v) for c in ("field", "department", "column") for v in values[c]}
    everything = {str(v) for v in values.to_numpy().ravel()}
    resident_values = {str(v) for log in city.logs.values() for c in log.data_columns
                       for v in log.events[c].dropna()}  # fmt: skip
    assert not (everything - texts) & resident_values
    with pytest.raises(ColumnError, match="field"):
        silo_values(city, silos.drop(columns="field"))


def test_silo_values_count_residents_tied_between_two_systems() -> None:
    """A resident held by just two systems that disagree is *tied* for both (nothing says
    which one is wrong); one held by a third system too is not."""
    from procmine.fields import silo_values

    res = make_residents(240, seed=21)
    home, mobile = list(res["home"]), list(res["mobile"])
    shimin = [mobile[i] if i % 10 == 0 else home[i] for i in range(240)]
    hoken = [mobile[i] if i % 10 == 5 else home[i] for i in range(160)]
    logs = {
        "SHIMIN": _log("SHIMIN", res, {"電話番号": shimin}, start="2024-04-01"),
        "HOKEN": _log("HOKEN", res.iloc[:160], {"連絡先": hoken}, start="2024-05-01"),
        "KODOMO": _log("KODOMO", res.iloc[80:], {"連絡先": home[80:]}, start="2024-06-01"),
    }
    city = Dataset(logs=logs, mappings=[], accounting=[])
    silos = match_fields(city)
    values = silo_values(city, silos).set_index("department")
    assert sorted(values.index) == ["HOKEN", "KODOMO", "SHIMIN"]
    # residents 0–79: SHIMIN and HOKEN only, 16 disagree; 160–239: SHIMIN and KODOMO
    # only, 8 disagree; 80–159 are held by all three
    assert values.loc["HOKEN", "tied"] == 16
    assert values.loc["KODOMO", "tied"] == 8
    assert values.loc["SHIMIN", "tied"] == 24
    assert (values["tied"] <= values["compared"]).all()


def test_linkage_quality_counts_matched_unmatched_and_ambiguous_residents() -> None:
    from procmine.fields import LINKAGE_COLUMNS, linkage_quality

    city = make_city(kaigo_person=False)
    kaigo = city.logs["KAIGO"]
    events = kaigo.events.copy()
    first = events["氏名"].first_valid_index()
    events.loc[first, "氏名"] = "未登録 太郎"  # known to no keyed system
    city.logs["KAIGO"] = EventLog("KAIGO", events, kaigo.data_columns, kaigo.sources)
    # two SHIMIN residents with one name and birth date: a KAIGO resident matching them
    # cannot be linked
    shimin = city.logs["SHIMIN"].events.copy()
    twin = events.loc[events["氏名"].notna()].iloc[1]
    extra = shimin.iloc[[0]].copy()
    extra["person"] = "TWIN"
    extra["氏名"] = twin["氏名"]
    extra["生年月日"] = pd.Timestamp(
        pd.to_datetime(twin["生年月日"], format="%Y年%m月%d日")
    ).strftime("%Y-%m-%d")
    shimin = pd.concat([shimin, extra], ignore_index=True)
    city.logs["SHIMIN"] = EventLog("SHIMIN", shimin, city.logs["SHIMIN"].data_columns,
                                   city.logs["SHIMIN"].sources)  # fmt: skip
    table = linkage_quality(city).set_index("department")
    assert list(table.reset_index().columns) == list(LINKAGE_COLUMNS)
    row = table.loc["KAIGO"]
    assert row["linkage"] == "name+birth date"
    assert row["unmatched_persons"] == 1
    assert row["ambiguous_persons"] == 1
    assert row["matched_persons"] == row["persons"] - 2
    assert table.loc["SHIMIN", "linkage"] == "person key"
    assert pd.isna(table.loc["SHIMIN", "ambiguous_persons"])
    assert 0 < table.loc["KAIGO", "linked_share"] < 1


def test_category_copies_held_for_other_residents_join_by_their_labels() -> None:
    """ZEIMU keeps the care level of three residents KAIGO does not know (a dependant's
    deduction); SEIHO keeps a disability grade for five residents, four shared with
    SHOGAI. A 有/無 flag held in two departments is not a field."""
    rng = random.Random(15)
    res = make_residents(120, seed=15)
    levels = ["要支援1", "要支援2", "要介護1", "要介護2", "要介護3", "要介護4", "要介護5"]
    grades = ["視覚障害 2級", "肢体不自由 1級", "肢体不自由 4級", "療育 B", "精神障害 2級"]
    care = res.iloc[:60]
    disab = res.iloc[60:90]
    taxed = make_residents(3, seed=16).assign(person=lambda f: "Z" + f["person"])
    seiho = disab.iloc[:5]
    grade = [grades[i % 5] for i in range(len(disab))]
    logs = {
        "KAIGO": _log("KAIGO", care, {"要介護度": [levels[i % 7] for i in range(60)],
                                      "同居": [rng.choice("有無") for _ in range(60)]},
                      start="2024-04-01"),
        "SHOGAI": _log("SHOGAI", disab, {"障害名・等級": grade}, start="2024-05-01"),
        "SEIHO": _log("SEIHO", seiho, {"障害": grade[:4] + ["療育 A"]}, start="2024-06-01"),
        "ZEIMU": _log("ZEIMU", taxed, {"要介護度（控除対象者認定）": ["要介護4", "要介護5", "要介護4"],
                                       "扶養": ["有", "無", "有"]}, start="2024-07-01"),
    }  # fmt: skip
    silos = match_fields(Dataset(logs=logs, mappings=[], accounting=[]))
    groups = groups_of(silos)
    by_column = silos.set_index(["department", "column"])
    assert by_column.loc[("ZEIMU", "要介護度（控除対象者認定）"), "matched_by"] == "vocabulary"
    assert {("KAIGO", "要介護度"), ("ZEIMU", "要介護度（控除対象者認定）")} in groups.values()
    assert by_column.loc[("SEIHO", "障害"), "matched_by"] == "values"
    assert {("SHOGAI", "障害名・等級"), ("SEIHO", "障害")} in groups.values()
    assert ("ZEIMU", "扶養") not in by_column.index
    assert pd.isna(by_column.loc[("ZEIMU", "要介護度（控除対象者認定）"), "inconsistency_rate"])


def test_claimant_mostly_head_of_household_goes_with_the_names() -> None:
    """In KODOMO the claimant is the head of household in 19 rows of 20, so its 請求者氏名
    and 世帯主氏名 fit both the names and the heads; KYOIKU's guardian is always a head and
    KYOIKU keeps no head column. A few claimants are written under their old surname, so
    the names agree a little better with 世帯主氏名 than with 請求者氏名: noise, not
    evidence. The residents whose name and head differ elsewhere, and then the headers,
    decide."""
    res = make_residents(400, seed=17)
    heads = [n if i % 3 else f"{n.split()[0]} 茂" for i, n in enumerate(res["name"])]
    # claimants: heads, and a few newcomers no other system knows yet (not heads)
    newcomers = make_residents(8, seed=18).assign(person=lambda f: "N" + f["person"])
    claim = pd.concat([res[[i % 3 != 0 for i in range(len(res))]], newcomers])
    claim_heads = [heads[i] for i in range(len(res)) if i % 3] + [
        f"{n.split()[0]} 茂" for n in newcomers["name"]
    ]
    claim = claim.assign(name=[f"旧姓 {n.split()[1]}" if k % 40 == 1 else n
                               for k, n in enumerate(claim["name"])])  # fmt: skip
    guardians = res[[i % 3 != 0 for i in range(len(res))]].iloc[:80]
    logs = {
        "SHIMIN": _log("SHIMIN", res, {"氏名": list(res["name"]), "世帯主氏名": heads},
                       start="2024-04-01"),
        "HOKEN": _log("HOKEN", res.iloc[::2], {"被保険者氏名": list(res["name"].iloc[::2]),
                                                "世帯主": heads[::2]}, start="2024-05-01"),
        "ZEIMU": _log("ZEIMU", res, {"納税義務者氏名": list(res["name"])}, start="2024-06-01"),
        "KODOMO": _log("KODOMO", claim, {"請求者氏名": list(claim["name"]),
                                         "世帯主氏名": claim_heads}, start="2024-07-01"),
        "KYOIKU": _log("KYOIKU", guardians, {"保護者氏名": list(guardians["name"])},
                       start="2024-08-01"),
    }  # fmt: skip
    groups = groups_of(match_fields(Dataset(logs=logs, mappings=[], accounting=[])))
    assert groups["氏名"] == {("SHIMIN", "氏名"), ("HOKEN", "被保険者氏名"), ("ZEIMU", "納税義務者氏名"),
                              ("KODOMO", "請求者氏名"), ("KYOIKU", "保護者氏名")}  # fmt: skip
    assert groups["世帯主氏名"] == {("SHIMIN", "世帯主氏名"), ("HOKEN", "世帯主"),
                                    ("KODOMO", "世帯主氏名")}  # fmt: skip


def test_names_without_space_or_telling_header_are_names() -> None:
    """KAIGO writes 高橋太郎 under the header 本人: the values say it is a name."""
    city = make_city(seed=19)
    log = city.logs["KAIGO"]
    events = log.events.rename(columns={"氏名": "本人"})
    events["本人"] = events["本人"].str.replace(" ", "", regex=False)
    columns = tuple("本人" if c == "氏名" else c for c in log.data_columns)
    city.logs["KAIGO"] = EventLog("KAIGO", events, columns, log.sources)
    prof = profile_columns(city).set_index(["department", "column"])["field_type"]
    assert prof[("KAIGO", "本人")] == "name"
    assert column_fields(match_fields(city))[("KAIGO", "本人")] == "氏名"


def test_english_applicant_and_head_columns_go_with_their_japanese_fields() -> None:
    """KODOMO labels its columns in English and its applicants head their household but
    for a few residents no other system holds: its Applicant Name and Household Head then
    agree with the names and with the heads alike (Household Head a little better with the
    names), and the values cannot tell which is which. More systems keep names than heads,
    so the two columns share many more residents with the names than with the heads: no
    reason to keep them where they landed. The headers, read in Japanese, decide."""
    res = make_residents(400, seed=23)
    heads = [n if i % 3 else f"{n.split()[0]} 茂" for i, n in enumerate(res["name"])]
    newcomers = make_residents(6, seed=24).assign(person=lambda f: "N" + f["person"])
    claim = pd.concat([res[[i % 3 != 0 for i in range(len(res))]].iloc[:150], newcomers])
    claim_heads = [heads[i] for i in range(len(res)) if i % 3][:150] + [
        f"{n.split()[0]} 茂" for n in newcomers["name"]
    ]
    # a few applicants are written under their old surname: the names agree a little
    # better with Household Head than with Applicant Name
    claim = claim.assign(name=[f"旧姓 {n.split()[1]}" if k % 30 == 1 else n
                               for k, n in enumerate(claim["name"])])  # fmt: skip
    few = res.iloc[:120]
    logs = {
        "SHIMIN": _log("SHIMIN", res, {"氏名": list(res["name"]), "世帯主名": heads},
                       start="2024-04-01"),
        "HOKEN": _log("HOKEN", few, {"被保険者名": list(few["name"]), "世帯主名": heads[:120]},
                      start="2024-05-01"),
        "ZEIMU": _log("ZEIMU", res, {"氏名漢字": list(res["name"])}, start="2024-06-01"),
        "KOREI": _log("KOREI", res.iloc[200:], {"被保険者名": list(res["name"].iloc[200:])},
                      start="2024-06-15"),
        "KYOIKU": _log("KYOIKU", res, {"保護者名": list(res["name"])}, start="2024-06-20"),
        "KODOMO": _log("KODOMO", claim, {"Applicant Name": list(claim["name"]),
                                         "Household Head": claim_heads}, start="2024-07-01"),
    }  # fmt: skip
    groups = groups_of(match_fields(Dataset(logs=logs, mappings=[], accounting=[])))
    names = next(g for g in groups.values() if ("SHIMIN", "氏名") in g)
    heads_group = next(g for g in groups.values() if ("SHIMIN", "世帯主名") in g)
    assert ("KODOMO", "Applicant Name") in names
    assert ("KODOMO", "Household Head") in heads_group


def test_english_headers_are_read_in_japanese() -> None:
    assert japanese_header("Head of household") == "世帯主"
    assert japanese_header("applicant_name") == "申請者氏名"
    assert japanese_header("DateOfBirth") == "生年月日"
    assert japanese_header("Employer") == "employer"


def test_one_resident_does_not_move_a_name_to_the_heads_against_its_header() -> None:
    """KENKO's 養育者氏名 holds the names of residents who head their household, and on
    the one resident who does not it holds the head's name by mistake: the only resident
    on which the names and the heads differ sides with the heads, too few to be sure, and
    the header says name."""
    res = make_residents(400, seed=29)
    heads = [n if i % 3 else f"{n.split()[0]} 茂" for i, n in enumerate(res["name"])]
    kept = res.iloc[:300]
    care = [i for i in range(300) if i % 3][:60] + [303]
    logs = {
        "SHIMIN": _log("SHIMIN", res, {"氏名": list(res["name"]), "世帯主名": heads},
                       start="2024-04-01"),
        "HOKEN": _log("HOKEN", res.iloc[:150], {"世帯主名": heads[:150]}, start="2024-05-01"),
        "ZEIMU": _log("ZEIMU", kept, {"氏名漢字": list(kept["name"])}, start="2024-06-01"),
        "KYOIKU": _log("KYOIKU", kept, {"保護者名": list(kept["name"])}, start="2024-06-15"),
        "KOREI": _log("KOREI", kept, {"被保険者名": list(kept["name"])}, start="2024-06-20"),
        "KENKO": _log("KENKO", res.iloc[care], {"養育者氏名": [heads[i] for i in care]},
                      start="2024-07-01"),
    }  # fmt: skip
    groups = groups_of(match_fields(Dataset(logs=logs, mappings=[], accounting=[])))
    names = next(g for g in groups.values() if ("SHIMIN", "氏名") in g)
    assert ("KENKO", "養育者氏名") in names


def test_an_amount_and_an_account_in_codes_are_found_under_code_headers() -> None:
    """A mainframe extract with code headers (F06, F07): its income written 1630000 joins
    the 所得額 written 1,630,000円 elsewhere, and its account in 全銀 codes with the type
    as a digit or half-width kana joins the accounts written as codes elsewhere."""
    rng = random.Random(5)
    residents = make_residents(120, seed=5)
    income = [rng.randrange(100, 900) * 10_000 for _ in range(len(residents))]
    banks = [(rng.randrange(1000, 9999), rng.randrange(1, 999), rng.randrange(10**6, 10**7))
             for _ in range(len(residents))]  # fmt: skip
    kazei = _log("課税課", residents, {
        "F06": [f"{b:04d}-{s:03d}-1-{n:07d}" for b, s, n in banks],
        "F07": [str(v) for v in income],
    }, start="2024-04-01")  # fmt: skip
    kokuho = _log("国保課", residents, {
        "口座": [f"{b:04d}{s:03d} ﾌﾂｳ {n:07d}" for b, s, n in banks],
        "所得額": [f"{v:,}円" for v in income],
    }, start="2024-05-01")  # fmt: skip
    data = Dataset(logs={"課税課": kazei, "国保課": kokuho}, mappings=[], accounting=[])
    groups = {frozenset(g) for g in groups_of(match_fields(data)).values()}
    assert frozenset({("課税課", "F07"), ("国保課", "所得額")}) in groups
    assert frozenset({("課税課", "F06"), ("国保課", "口座")}) in groups


def test_a_department_keyed_by_a_numbering_of_its_own_is_linked_by_name_and_birth() -> None:
    """KAIGO keyed by another numbering (個人番号 among 宛名番号 systems): its keys match none of
    the others', so it is linked by name + birth date, as if it had no key."""
    city = make_city()
    log = city.logs["KAIGO"]
    events = log.events.copy()
    events["person"] = "M" + events["person"].astype(str)
    logs = {**city.logs, "KAIGO": EventLog("KAIGO", events, log.data_columns, log.sources)}
    silos = match_fields(Dataset(logs=logs, mappings=[], accounting=[]))
    kaigo = silos[silos["department"] == "KAIGO"].set_index("column")
    assert set(kaigo["linkage"]) == {"name+birth date"}
    assert kaigo.loc["住所", "field"] == "住所"
    assert kaigo.loc["住所", "inconsistency_rate"] < 0.01
    assert set(silos.loc[silos["department"] != "KAIGO", "linkage"]) == {"person key"}


def test_a_department_without_key_and_birth_date_is_linked_by_name_and_address() -> None:
    """A water bureau keeps its customers by name and address only: it is linked by them
    (not left out of every comparison), and a birth date, where there is one, still wins."""
    city = make_city()
    log = city.logs["KAIGO"]
    dated = [c for c in log.data_columns if "生年月日" in c]
    assert dated, log.data_columns
    events = log.events.drop(columns=["person", *dated])
    columns = tuple(c for c in log.data_columns if c not in dated)
    logs = {**city.logs, "KAIGO": EventLog("KAIGO", events, columns, log.sources)}
    silos = match_fields(Dataset(logs=logs, mappings=[], accounting=[]))
    kaigo = silos[silos["department"] == "KAIGO"].set_index("column")
    assert set(kaigo["linkage"]) == {"name+address"}
    assert kaigo["shared_persons"].max() > 0.5 * kaigo["persons"].max()
    assert set(silos.loc[silos["department"] != "KAIGO", "linkage"]) == {"person key"}


def _moves_log(department: str, rows: list[tuple[str, str, str, str]]) -> EventLog:
    """Events (person, time, name, address) of one department, one case each."""
    events = pd.DataFrame(
        {
            "case": [f"{department}-{k}" for k in range(len(rows))],
            "activity": "住所入力",
            "timestamp": pd.to_datetime([r[1] for r in rows]),
            "end": pd.NaT,
            "resource": "staff",
            "person": [r[0] for r in rows],
            "department": department,
            "source": f"{department}.csv",
            "row": range(2, len(rows) + 2),
            "氏名": [r[2] for r in rows],
            "住所": [r[3] for r in rows],
        }
    )
    return EventLog(department, events, ("氏名", "住所"), (f"{department}.csv",))


def _reference_of_moves(
    juumin_first: int, juumin_never: int, *, held: int = 80, column: str = "住所"
) -> str:
    """``column``'s reference copy when 住民課 (``held`` residents) and the tax office (100)
    both hold the residents: of the first ``juumin_first`` residents the move reaches
    住民課 a week before the tax office; of the next ``juumin_never`` only the tax office
    records it (住民課 stays stale)."""
    residents = make_residents(100, seed=9)
    people = list(zip(residents["person"], residents["name"], strict=True))
    old = [f"光陽市本町{i % 9 + 1}-{i % 7 + 1}-{i + 1}" for i in range(100)]
    new = [f"光陽市港町{i % 5 + 1}-{i % 3 + 1}-{i + 1}" for i in range(100)]
    juumin, zeimu = [], []
    for i, (key, name) in enumerate(people):
        zeimu.append((key, "2024-04-01 10:00", name, old[i]))
        if i < juumin_first:
            zeimu.append((key, "2024-06-08 10:00", name, new[i]))
        elif i < juumin_first + juumin_never:
            zeimu.append((key, "2024-06-01 10:00", name, new[i]))
        if i < held:
            juumin.append((key, "2024-04-02 10:00", name, old[i]))
            if i < juumin_first:
                juumin.append((key, "2024-06-01 10:00", name, new[i]))
    data = Dataset(
        logs={"住民課": _moves_log("住民課", juumin), "税務課": _moves_log("税務課", zeimu)},
        mappings=[],
        accounting=[],
    )
    silos = match_fields(data)
    copies = silos[silos["column"] == column].set_index("department")
    return str(copies.index[copies["authoritative"].astype(bool)][0])


def test_the_copy_that_records_moves_first_is_the_reference_when_nearly_as_complete() -> None:
    """40 moves reach 住民課 a week before the tax office: 住民課 is the address's reference
    copy (updated first), though the tax office holds more residents; when 住民課 leaves 50
    moves unrecorded that the tax office has, it is the stale one and the tax office stays
    the reference."""
    assert _reference_of_moves(40, 0) == "住民課"
    assert _reference_of_moves(30, 50) == "税務課"


def test_the_register_that_records_moves_first_is_the_reference_of_the_4_jouhou() -> None:
    """住民課's counter log holds 35 of the tax office's 100 residents (the tax office mails
    everyone) but records their moves a week earlier: it is the address's reference copy, and
    so of the name too, which never changes and cannot show who records it first."""
    assert _reference_of_moves(30, 0, held=35) == "住民課"
    assert _reference_of_moves(30, 0, held=35, column="氏名") == "住民課"
    assert _reference_of_moves(0, 0, held=35, column="氏名") == "税務課"


def test_departments_that_share_enough_keys_keep_them() -> None:
    """A large 住民課 sharing 40 keys with a small 介護課 (4 % of its own) is not "a numbering
    of its own"; of two departments sharing no key, the larger keeps its numbering."""
    from procmine.fields._link import PERSON_KEY, _numbered_apart

    big = pd.Series([f"P{i:04d}" for i in range(1000)])
    small = pd.Series([f"P{i:04d}" for i in range(40)] + [f"K{i:04d}" for i in range(60)])
    how = {"住民課": PERSON_KEY, "介護課": PERSON_KEY}
    assert _numbered_apart({"住民課": big, "介護課": small}, how) == []
    other = pd.Series([f"M{i:04d}" for i in range(200)])
    assert _numbered_apart({"住民課": big, "介護課": other}, how) == ["介護課"]


def _with_issue_step(log: EventLog) -> EventLog:
    """``log`` with a third step, 交付, after each case's 審査."""
    events = log.events
    last = events[events["activity"] == "審査"].copy()
    last["activity"] = "交付"
    last["timestamp"] = last["timestamp"] + pd.Timedelta(minutes=30)
    both = pd.concat([events, last], ignore_index=True).sort_values(["case", "timestamp"])
    return EventLog(log.department, both.reset_index(drop=True), log.data_columns, log.sources)


def test_one_column_of_two_ward_offices_is_one_field() -> None:
    """北区 and 南区 export the same 区民課 system for their own residents (a few moved between
    wards, their addresses apart: they say the two columns disagree): no resident says that
    the columns agree, the system does; each joins the city hall's copy of its residents."""
    residents = make_residents(600, seed=11)
    residents["address"] = [_addr_kanji(r) for r in residents.itertuples(index=False)]
    north, south = residents.iloc[:300], residents.iloc[288:]  # 12 moved north → south
    moved = set(south["person"][:12])
    south_addr = [
        ("新" + a if p in moved else a)
        for p, a in zip(south["person"], south["address"], strict=True)
    ]
    logs = {
        "北区役所_区民課": _with_issue_step(
            _log("北区役所_区民課", north, {"住所": list(north["address"])}, start="2024-04-01")
        ),
        "南区役所_区民課": _with_issue_step(
            _log("南区役所_区民課", south, {"住所": south_addr}, start="2024-04-02")
        ),
        "市民税課": _log(
            "市民税課", residents.iloc[::2], {"住所": list(residents["address"][::2])},
            start="2024-05-01",
        ),
    }  # fmt: skip
    silos = match_fields(Dataset(logs=logs, mappings=[], accounting=[]))
    address = silos[silos["column"] == "住所"]
    assert address["field"].nunique() == 1 and set(address["department"]) == set(logs)


def _claims(shimin_mynum: bool = True) -> tuple[dict[str, EventLog], pd.DataFrame]:
    """SHIMIN (keyed by its own numbers, 個人番号 as data where ``shimin_mynum``) and KODOMO,
    a claim register keyed by household whose only number is the claimant's 個人番号,
    written on the 受付 row of four claims in five (a third of its rows), beside the
    claimant's and a child's name and birth date."""
    parents = make_residents(150, seed=8)
    kids = _children(150, seed=9)
    everyone = pd.concat([parents, kids], ignore_index=True)
    shimin = {
        "氏名": list(everyone["name"]),
        "生年月日": [d.strftime("%Y-%m-%d") for d in everyone["dob"]],
        "電話番号": list(everyone["mobile"]),
    }
    if shimin_mynum:
        shimin["個人番号"] = list(everyone["mynum"])
    kodomo = _log("KODOMO", parents, {
        "請求者氏名": list(parents["name"]),
        "請求者生年月日": [d.strftime("%Y/%m/%d") for d in parents["dob"]],
        "連絡先": list(parents["mobile"]),
        "児童氏名": list(kids["name"]),
        "児童生年月日": [d.strftime("%Y/%m/%d") for d in kids["dob"]],
    }, start="2024-05-01")  # fmt: skip
    events = kodomo.events.copy()
    third = events[events["activity"] == "審査"].assign(activity="決定")  # nothing of the resident
    events = pd.concat([events, third], ignore_index=True)
    number = dict(zip(parents["person"], parents["mynum"], strict=True))
    keyed = (events["activity"] == "受付") & (events.index % 5 != 0)
    events["person"] = [
        number[p] if k else None for p, k in zip(events["person"], keyed, strict=True)
    ]
    events = events.sort_values(["case", "timestamp"], ignore_index=True)
    logs = {
        "SHIMIN": _log("SHIMIN", everyone, shimin, start="2024-04-01"),
        "KODOMO": EventLog("KODOMO", events, kodomo.data_columns, kodomo.sources),
    }
    return logs, parents


def test_a_claimants_number_written_on_some_rows_links_through_the_register_that_keeps_it() -> None:
    """KODOMO's only number is the claimant's 個人番号 on a third of its rows: numbered apart
    from SHIMIN's keys, but SHIMIN keeps the same numbers beside its keys, so KODOMO's
    claimants are SHIMIN's residents; claims without the number are linked by the
    claimant's name and birth date (not the child's name with the claimant's birth date)."""
    from procmine.fields import linkage_quality

    logs, parents = _claims()
    dataset = Dataset(logs=logs, mappings=[], accounting=[])
    table = linkage_quality(dataset).set_index("department")
    assert table.loc["KODOMO", "linkage"] == "person key via another system (SHIMIN: 個人番号)"
    assert table.loc["KODOMO", "persons"] == len(parents)
    assert table.loc["KODOMO", "shared_persons"] == len(parents)
    silos = match_fields(dataset)
    kodomo = silos[silos["department"] == "KODOMO"].set_index("column")
    assert kodomo.loc["請求者氏名", "field"] == "氏名"
    assert kodomo.loc["請求者生年月日", "field"] == "生年月日"
    assert kodomo.loc["連絡先", "agreement"] == 1.0
    assert "児童氏名" not in kodomo.index or kodomo.loc["児童氏名", "field"] != "氏名"


def test_a_number_of_its_own_on_some_rows_gives_way_to_name_and_birth_date() -> None:
    """The same claim register where no other system keeps 個人番号: its numbers link to
    nobody, so it is linked by the claimant's name and birth date, every claim of it."""
    from procmine.fields import linkage_quality

    logs, parents = _claims(shimin_mynum=False)
    table = linkage_quality(Dataset(logs=logs, mappings=[], accounting=[])).set_index("department")
    assert table.loc["KODOMO", "linkage"] == "name+birth date"
    assert table.loc["KODOMO", "shared_persons"] == len(parents)


def test_the_name_and_birth_pair_confirmed_elsewhere_names_the_keyed_resident() -> None:
    """Of a partly keyed department's (name, birth date) pairs, the one whose values another
    department knows as the same resident counts; a pair seen only in this department (a
    child's name with the claimant's birth date) confirms nothing, however it resolves."""
    from procmine.fields._link import _confirmed

    key = pd.Series(["P1", "P2", None, "P3"])
    claimant = pd.Series(["佐藤花子|1980-01-02", "鈴木愛|1985-03-04", "田中恵|1990-05-06", None])
    crossed = pd.Series(["佐藤翔|1980-01-02", "鈴木健|1985-03-04", "田中誠|1990-05-06", None])
    lookup = pd.Series({"佐藤花子|1980-01-02": "P1", "鈴木愛|1985-03-04": "P9",
                        "佐藤翔|1980-01-02": "P1", "鈴木健|1985-03-04": "P2"})  # fmt: skip
    seen_in = pd.Series({"佐藤花子|1980-01-02": 2, "鈴木愛|1985-03-04": 2,
                         "佐藤翔|1980-01-02": 1, "鈴木健|1985-03-04": 1})  # fmt: skip
    assert _confirmed(claimant, key, lookup, seen_in) == 1  # P1 again; P2 found as P9
    assert _confirmed(crossed, key, lookup, seen_in) == 0
    assert _confirmed(claimant, pd.Series([None] * 4), lookup, seen_in) == 0


# -- one field in adjacent columns (氏 / 名, 住所 / 番地, 全銀 codes) ------------------------


def _split_city(seed: int = 12) -> dict[str, EventLog]:
    """SHIMIN keeps whole names, addresses and accounts (全銀 codes); SHOGAI keeps the
    same residents' 氏 and 名, 住所1 (town) and 住所2 (番地), and bank code, branch code and
    number in adjacent columns, beside a proxy's 氏 / 名 and an employer's phone."""
    rng = random.Random(seed)
    res = make_residents(200, seed=seed)
    codes = [(f"{rng.randint(1, 9999):04d}", f"{rng.randint(1, 999):03d}",
              f"{rng.randint(0, 9_999_999):07d}") for _ in range(len(res))]  # fmt: skip
    proxies = make_residents(200, seed=seed + 1)
    logs = {
        "SHIMIN": _log("SHIMIN", res, {
            "氏名": list(res["name"]),
            "住所": [_addr_hyphen(r) for r in res.itertuples()],
            "口座": ["-".join(c) for c in codes],
        }, start="2024-04-01"),
        "SHOGAI": _log("SHOGAI", res, {
            "姓": [n.split()[0] for n in res["name"]],
            "名": [n.split()[1] for n in res["name"]],
            "住所1": [f"光陽市{r.town}" for r in res.itertuples()],
            "住所2": [f"{r.chome}-{r.ban}-{r.go}" for r in res.itertuples()],
            "勤務先電話": list(res["employer_tel"]),
            "金融機関コード": [c[0] for c in codes],
            "支店コード": [c[1] for c in codes],
            "口座番号": [c[2] for c in codes],
            "代理人姓": [n.split()[0] for n in proxies["name"]],
            "代理人名": [n.split()[1] for n in proxies["name"]],
        }, start="2024-05-01"),
    }  # fmt: skip
    return logs


def test_a_field_kept_in_adjacent_columns_joins_its_field_with_every_part() -> None:
    """氏 and 名, a town and its 番地, and a bank code, branch code and number, each kept
    in adjacent columns, agree with another system's whole values only together: each
    part is listed in its field (the first by its values, the others as parts), measured
    as one; a proxy's 氏 and 名 agree with nobody's names and stay out."""
    logs = _split_city()
    dataset = Dataset(logs=logs, mappings=[], accounting=[])
    silos = match_fields(dataset)
    groups = groups_of(silos)
    assert groups["氏名"] == {("SHIMIN", "氏名"), ("SHOGAI", "姓"), ("SHOGAI", "名")}
    assert groups["住所"] == {("SHIMIN", "住所"), ("SHOGAI", "住所1"), ("SHOGAI", "住所2")}
    assert groups["口座"] == {
        ("SHIMIN", "口座"), ("SHOGAI", "金融機関コード"), ("SHOGAI", "支店コード"),
        ("SHOGAI", "口座番号"),
    }  # fmt: skip
    shogai = silos[silos["department"] == "SHOGAI"].set_index("column")
    assert shogai.loc["姓", "matched_by"] == "values"
    assert shogai.loc["名", "matched_by"] == "part"
    assert shogai.loc["姓", "agreement"] == shogai.loc["名", "agreement"] == 1.0
    assert "代理人姓" not in shogai.index and "勤務先電話" not in shogai.index
    from procmine.fields import silo_values

    values = silo_values(dataset, silos).set_index(["department", "column"])
    assert values.loc[("SHOGAI", "名"), "exact"] == values.loc[("SHOGAI", "姓"), "exact"] == 200


def test_adjacent_columns_that_agree_with_nothing_together_stay_as_they_are() -> None:
    """Two adjacent one-word name columns of different people (a resident's 氏 beside a
    proxy's 名) joined agree with nobody: they are not read as one name."""
    from procmine.fields import _split

    logs = _split_city()
    events = logs["SHOGAI"].events.copy()
    events["名"] = events["代理人名"]
    logs["SHOGAI"] = EventLog("SHOGAI", events, logs["SHOGAI"].data_columns, ("SHOGAI.csv",))
    dataset = Dataset(logs=logs, mappings=[], accounting=[])
    joined = {j.sources for j in _split.candidates(
        dataset, profile_columns(dataset), _split.ColumnCodes(dataset))}  # fmt: skip
    assert ("姓", "名") in joined  # a candidate by its values' shape …
    groups = groups_of(match_fields(dataset))
    assert ("SHOGAI", "姓") not in groups.get("氏名", set())  # … its values do not bear out
    assert ("SHOGAI", "住所1") in groups["住所"]


def test_a_phone_beside_an_address_is_not_its_banchi() -> None:
    from procmine.fields._split import _banchi

    assert _banchi("5-25-4") and _banchi("3丁目2番1号") and _banchi("12番地") and _banchi("四の五")
    assert not _banchi("0166-12-3456") and not _banchi("コーポ旭104号室") and not _banchi("")


def test_systems_keyed_by_one_number_join_the_register_that_keeps_it() -> None:
    """HOKEN and KAIGO are keyed by 個人番号 and share residents with each other, SHIMIN and
    ZEIMU by their own numbers: two worlds of keys. SHIMIN keeps 個人番号 beside its key, so
    HOKEN's and KAIGO's residents are SHIMIN's; two departments whose residents are simply
    others (no system keeps their numbers) keep their keys."""
    from procmine.fields import linkage_quality

    res = make_residents(200, seed=21)
    numbered = res.assign(person=res["mynum"])
    logs = {
        "SHIMIN": _log("SHIMIN", res, {"氏名": list(res["name"]),
                                       "個人番号": list(res["mynum"])}, start="2024-04-01"),
        "ZEIMU": _log("ZEIMU", res.iloc[:150], {"氏名": list(res["name"][:150])},
                      start="2024-05-01"),
        "HOKEN": _log("HOKEN", numbered.iloc[50:], {"氏名": list(res["name"][50:])},
                      start="2024-06-01"),
        "KAIGO": _log("KAIGO", numbered.iloc[100:], {"電話": list(res["home"][100:])},
                      start="2024-07-01"),
    }  # fmt: skip
    from procmine.model import ColumnMapping

    mapping = ColumnMapping("hoken.csv", "csv", "utf-8", {"person": "被保険者個人番号"}, {}, (),
                            ("HOKEN",))  # fmt: skip
    dataset = Dataset(logs=logs, mappings=[mapping], accounting=[])
    table = linkage_quality(dataset).set_index("department")
    via = "person key via another system (SHIMIN: 個人番号)"
    assert table.loc["HOKEN", "linkage"] == table.loc["KAIGO", "linkage"] == via
    assert table.loc["HOKEN", "shared_persons"] == 150
    # HOKEN's key column is its own copy of 個人番号 (KAIGO's header is not known here)
    assert groups_of(match_fields(dataset))["個人番号"] == {
        ("SHIMIN", "個人番号"), ("HOKEN", "被保険者個人番号")
    }  # fmt: skip
    logs["SHIMIN"] = _log("SHIMIN", res, {"氏名": list(res["name"])}, start="2024-04-01")
    table = linkage_quality(Dataset(logs=logs, mappings=[], accounting=[])).set_index("department")
    assert set(table["linkage"]) == {"person key"}


def test_another_persons_column_never_joins_a_field_even_when_its_values_agree() -> None:
    """In this town a spouse's and a guardian's name are the head of household's, and the
    emergency contact is the home phone: the values agree, the headers say whose they
    are. 世帯主 of two systems is one field; 配偶者氏名, 保護者氏名 (beside 世帯主) and
    緊急連絡先 stay out; a guardian's name in a system keyed by the guardian is the name."""
    res = make_residents(200, seed=31)
    heads = [f"{n.split()[0]} 一郎" for n in res["name"]]
    logs = {
        "SHIMIN": _log("SHIMIN", res, {"氏名": list(res["name"]), "世帯主氏名": heads,
                                       "電話番号": list(res["home"])}, start="2024-04-01"),
        "HOKEN": _log("HOKEN", res, {"世帯主": heads, "電話": list(res["home"])},
                      start="2024-05-01"),
        "ZEIMU": _log("ZEIMU", res, {"配偶者氏名": heads, "緊急連絡先": list(res["home"])},
                      start="2024-06-01"),
        "GAKUMU": _log("GAKUMU", res, {"保護者氏名": heads}, start="2024-07-01"),
        "HOIKU": _log("HOIKU", res, {"保護者氏名": list(res["name"])}, start="2024-08-01"),
    }  # fmt: skip
    groups = groups_of(match_fields(Dataset(logs=logs, mappings=[], accounting=[])))
    field_of = {column: f for f, columns in groups.items() for column in columns}
    assert field_of[("SHIMIN", "世帯主氏名")] == field_of[("HOKEN", "世帯主")]
    assert field_of[("SHIMIN", "電話番号")] == field_of[("HOKEN", "電話")]
    resident = {field_of[("SHIMIN", c)] for c in ("氏名", "世帯主氏名", "電話番号")}
    for column in (("ZEIMU", "配偶者氏名"), ("ZEIMU", "緊急連絡先"), ("GAKUMU", "保護者氏名")):
        assert field_of.get(column) not in resident, column
    assert field_of[("HOIKU", "保護者氏名")] == field_of[("SHIMIN", "氏名")]


def test_numbers_the_register_does_not_keep_stay_the_departments_own_keys() -> None:
    """SHIMIN keeps the 個人番号 of half of the residents that HOKEN and KAIGO (keyed by
    個人番号) share: those are SHIMIN's residents, the others stay residents of their own,
    the same in both departments (not dropped)."""
    from procmine.fields import linkage_quality

    res = make_residents(300, seed=22)
    numbered = res.iloc[:200].assign(person=res["mynum"][:200])
    kept = [m if k < 100 else None for k, m in enumerate(res["mynum"])]
    logs = {
        "SHIMIN": _log("SHIMIN", res, {"氏名": list(res["name"]), "個人番号": kept},
                       start="2024-04-01"),
        "HOKEN": _log("HOKEN", numbered, {"電話": list(res["home"][:200])}, start="2024-06-01"),
        "KAIGO": _log("KAIGO", numbered, {"電話": list(res["home"][:200])}, start="2024-07-01"),
    }  # fmt: skip
    table = linkage_quality(Dataset(logs=logs, mappings=[], accounting=[])).set_index("department")
    assert table.loc["HOKEN", "linkage"] == "person key via another system (SHIMIN: 個人番号)"
    assert table.loc["HOKEN", "linked_events"] == len(logs["HOKEN"].events)
    assert table.loc["HOKEN", "persons"] == table.loc["HOKEN", "shared_persons"] == 200
    assert table.loc["SHIMIN", "shared_persons"] == 100  # the register, never "apart"


def test_a_serial_number_is_no_way_through_to_another_departments_residents() -> None:
    """FUKUSHI keeps residents of its own, keyed 1 … 100; SHIMIN's receipt serial 整理番号
    runs 1 … 200: a serial is not a person's number, so nothing is linked through it."""
    from procmine.fields import linkage_quality

    res = make_residents(300, seed=23)
    shimin, fukushi = res.iloc[:200], res.iloc[200:].assign(person=[str(i) for i in range(1, 101)])
    logs = {
        "SHIMIN": _log("SHIMIN", shimin, {"氏名": list(shimin["name"]),
                       "整理番号": [str(i) for i in range(1, 201)]}, start="2024-04-01"),
        "FUKUSHI": _log("FUKUSHI", fukushi, {"氏名": list(fukushi["name"])}, start="2024-05-01"),
    }  # fmt: skip
    table = linkage_quality(Dataset(logs=logs, mappings=[], accounting=[])).set_index("department")
    assert not table["linkage"].str.contains("via").any()


def test_a_registers_rows_are_no_cases_of_the_departments_log() -> None:
    """KAIGO's log numbers its cases 1 … 40 (the person key on the first step only) and its
    register is keyed by 宛名番号 1 … 60: register row 7 is not case 7, so every step of
    every case still gets its resident."""
    from procmine.fields import linkage_quality

    res = make_residents(60, seed=24).assign(person=[str(i) for i in range(61, 121)])
    log = _log("KAIGO", res.iloc[:40], {}, start="2024-05-01")
    events = log.events.assign(case=[str(1 + k // 2) for k in range(len(log.events))])
    events["person"] = events["person"].where(events["activity"] == "受付", None)
    register = _log("KAIGO", res.assign(person=[str(i) for i in range(1, 61)]),
                    {"氏名": list(res["name"])}, start="2024-04-01")  # fmt: skip
    reg_events = register.events[register.events["activity"] == "受付"].assign(
        case=lambda f: f["person"]
    )
    dataset = Dataset(
        logs={"KAIGO": EventLog("KAIGO", events, (), ("kaigo.csv",)),
              "SHIMIN": _log("SHIMIN", res, {"氏名": list(res["name"])}, start="2024-04-01")},
        mappings=[], accounting=[],
        registers={"KAIGO": EventLog("KAIGO", reg_events.reset_index(drop=True), ("氏名",),
                                     ("daicho.csv",))},
    )  # fmt: skip
    table = linkage_quality(dataset).set_index("department")
    assert table.loc["KAIGO", "linked_events"] == table.loc["KAIGO", "events"] == 80 + 60


def test_a_joined_column_never_takes_the_name_of_an_exported_one() -> None:
    """An export that has a column headed 姓＋名 already keeps it: 氏 and 名 are not joined
    over it, and the names are still one field."""
    logs = _split_city()
    events = logs["SHOGAI"].events.assign(**{"姓＋名": "x"})
    logs["SHOGAI"] = EventLog("SHOGAI", events, (*logs["SHOGAI"].data_columns, "姓＋名"),
                              ("SHOGAI.csv",))  # fmt: skip
    groups = groups_of(match_fields(Dataset(logs=logs, mappings=[], accounting=[])))
    assert ("SHIMIN", "氏名") in groups["氏名"] and ("SHOGAI", "住所1") in groups["住所"]


def test_the_group_keeping_the_others_numbers_keeps_its_numbering_whatever_its_size() -> None:
    """HOKEN and KAIGO (keyed by 個人番号) reach 200 residents, SHIMIN (its own numbers, 個人番号
    kept as data) only 150, 100 of them HOKEN's: SHIMIN's numbering is the one kept, and
    HOKEN's and KAIGO's residents are linked through its 個人番号 — not SHIMIN dropped."""
    from procmine.fields import linkage_quality

    res = make_residents(250, seed=25)
    numbered = res.iloc[:200].assign(person=res["mynum"][:200])
    shimin = res.iloc[100:250]
    logs = {
        "SHIMIN": _log("SHIMIN", shimin, {"氏名": list(shimin["name"]),
                       "個人番号": list(shimin["mynum"])}, start="2024-04-01"),
        "HOKEN": _log("HOKEN", numbered, {"電話": list(res["home"][:200])}, start="2024-06-01"),
        "KAIGO": _log("KAIGO", numbered, {"電話": list(res["home"][:200])}, start="2024-07-01"),
    }  # fmt: skip
    table = linkage_quality(Dataset(logs=logs, mappings=[], accounting=[])).set_index("department")
    assert table.loc["SHIMIN", "linkage"] == "person key"
    assert table.loc["SHIMIN", "shared_persons"] == 100
    assert table.loc["HOKEN", "linkage"] == "person key via another system (SHIMIN: 個人番号)"


def test_name_and_address_link_however_the_address_begins() -> None:
    """A water bureau writes its customers' addresses without the city (栄町1-2-3) where the
    register writes 光陽市栄町一丁目2番3号, with the building after a space: the two are one
    place, so the bureau is linked by name and address."""
    residents = make_residents(120)
    full = [_addr_kanji(r) for r in residents.itertuples(index=False)]
    short = [
        f"{r.town}{r.chome}-{r.ban}-{r.go}" + (f" {r.kata}" if r.kata else "")
        for r in residents.itertuples(index=False)
    ]
    names = residents["name"].tolist()
    tels = residents["home"].tolist()
    shimin = _log("SHIMIN", residents, {"氏名": names, "住所": full, "電話番号": tels},
                  start="2025-04-01")  # fmt: skip
    suido = _log("SUIDO", residents, {"使用者名": names, "使用場所": short, "連絡先電話": tels},
                 start="2025-05-01", with_person=False)  # fmt: skip
    silos = match_fields(Dataset(logs={"SHIMIN": shimin, "SUIDO": suido}, mappings=[],
                                 accounting=[]))  # fmt: skip
    water = silos[silos["department"] == "SUIDO"].set_index("column")
    assert set(water["linkage"]) == {"name+address"}
    assert water.loc["連絡先電話", "shared_persons"] >= 100
    assert silos.groupby("field")["department"].nunique().max() == 2


@pytest.mark.parametrize("shared", [18, 3])
def test_an_account_in_three_columns_joins_the_accounts_written_as_codes(shared: int) -> None:
    """One export keeps the bank's name, the branch and the number in three columns; the
    others write the account in 全銀 codes. The names say nothing against the codes, and
    the numbers of the residents they share agree: the three columns join the account
    group, also when they share only three residents (too few to group by, but three
    7-digit numbers agreeing is no chance)."""
    residents = make_residents(200)
    rng = random.Random(5)
    numbers = [f"{rng.randint(0, 9_999_999):07d}" for _ in range(200)]
    codes = [f"0005-{rng.randint(100, 999)}-{n}" for n in numbers]
    columns = {"振込口座": codes, "氏名": residents["name"].tolist()}
    tax = _log("ZEIMU", residents, {"口座": codes, "氏名": residents["name"].tolist()},
               start="2025-04-01")  # fmt: skip
    hoken = _log("HOKEN", residents, columns, start="2025-04-02")
    few = residents.iloc[:shared].reset_index(drop=True)
    banks = ["光陽銀行", "みずほ銀行", "ゆうちょ銀行", "光陽信用金庫", "浜風信用組合"]
    branches = ["本店", "駅前支店", "港南支店", "茜台支店"]
    kyoiku = _log(
        "KYOIKU",
        few,
        {"振込銀行": [banks[k % 5] for k in range(shared)],
         "振込支店": [branches[k % 4] for k in range(shared)], "口座番号": numbers[:shared],
         "保護者氏名": few["name"].tolist()},
        start="2025-04-03",
    )  # fmt: skip
    logs = {"ZEIMU": tax, "HOKEN": hoken, "KYOIKU": kyoiku}
    silos = match_fields(Dataset(logs=logs, mappings=[], accounting=[]))
    field = dict(zip(zip(silos["department"], silos["column"], strict=True), silos["field"],
                     strict=True))  # fmt: skip
    account = field[("ZEIMU", "口座")]
    assert field[("HOKEN", "振込口座")] == account
    for column in ("振込銀行", "振込支店", "口座番号"):
        assert field.get(("KYOIKU", column)) == account, column


def test_incomes_in_thousands_of_yen_are_compared_in_yen() -> None:
    """所得(千円) holds 1639 for 1,639,000 yen, 所得（万円） 379.2 for 3,792,000: read in yen,
    they agree with the copies in yen and join their group; a header noting how yen were
    rounded (千円未満切捨て) holds yen."""
    residents = make_residents(150)
    rng = random.Random(9)
    yen = [rng.randint(0, 8_000) * 1_000 for _ in range(150)]
    names = residents["name"].tolist()
    tax = _log("ZEIMU", residents, {"所得金額": [f"{v:,}" for v in yen], "氏名": names},
               start="2025-04-01")  # fmt: skip
    hoken = _log("HOKEN", residents, {"所得": [str(v) for v in yen], "氏名": names},
                 start="2025-04-02")  # fmt: skip
    kyoiku = _log("KYOIKU", residents, {"保護者所得(千円)": [str(v // 1000) for v in yen],
                                        "保護者氏名": names}, start="2025-04-03")  # fmt: skip
    # in ten thousands with a decimal (379.2 for 3,792,000), and in yen under a rounding note
    kaigo = _log("KAIGO", residents, {"所得（万円）": [f"{v / 10_000:g}" for v in yen],
                                      "氏名": names}, start="2025-04-04")  # fmt: skip
    fukushi = _log("FUKUSHI", residents, {"所得金額（千円未満切捨て）": [str(v) for v in yen],
                                          "氏名": names}, start="2025-04-05")  # fmt: skip
    logs = {"ZEIMU": tax, "HOKEN": hoken, "KYOIKU": kyoiku, "KAIGO": kaigo, "FUKUSHI": fukushi}
    silos = match_fields(Dataset(logs=logs, mappings=[], accounting=[]))
    field = dict(zip(zip(silos["department"], silos["column"], strict=True), silos["field"],
                     strict=True))  # fmt: skip
    income = field[("ZEIMU", "所得金額")]
    for dept, column in (("KYOIKU", "保護者所得(千円)"), ("KAIGO", "所得（万円）"),
                         ("FUKUSHI", "所得金額（千円未満切捨て）")):  # fmt: skip
        assert field.get((dept, column)) == income, column
        row = silos[silos["column"] == column].iloc[0]
        assert row["inconsistency_rate"] == 0.0, column


def test_an_address_of_the_city_alone_links_nobody_by_name() -> None:
    """光陽市 with no street places nobody: the name with it is no key (two 山田 太郎 of the
    city would be one resident)."""
    from procmine.fields._link import _name_birth_keys

    events = pd.DataFrame({"氏名": ["山田 太郎", "山田 太郎", "佐藤 花子"],
                           "住所": ["光陽市", "ゆうひ市北区", "光陽市本町1-2-3"]})  # fmt: skip
    keys = _name_birth_keys(events, "氏名", "住所", kind="address")
    assert keys.iloc[:2].isna().all() and keys.iloc[2] == "佐藤花子|@本町1-2-3"
