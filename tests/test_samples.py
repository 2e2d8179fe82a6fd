"""procmine.samples.generate: determinism, encodings, planted ground truth, cleaning, the
residents' journeys (koyo-city §3.11), the To-Be variant and the held-out town 湊川町."""

from __future__ import annotations

import csv
import io
import re
import statistics
import tomllib
from datetime import date, datetime
from pathlib import Path

import pytest

from procmine.errors import ConfigError
from procmine.samples import generate
from procmine.samples.generator import Generator
from procmine.samples.koyo import KOYO
from procmine.samples.people import mynumber_check_digit

CASE = ("受付番号", "申請番号", "ケース番号", "管理番号")
ACTIVITY = ("処理内容", "手続", "作業名", "処理名")
TIMESTAMP = ("処理日時", "日時", "受付日時", "実施日時")
RESOURCE = ("担当者", "担当", "処理者")
PERSON = ("宛名番号", "住民番号", "個人コード", "宛名コード")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    out = tmp_path_factory.mktemp("tiny")
    return out, generate(out, size="tiny", seed=7)


def _config(folder: Path) -> dict[str, dict[str, object]]:
    return tomllib.loads((folder / "procmine.toml").read_text(encoding="utf-8"))["files"]


def _read(folder: Path, name: str) -> list[dict[str, str]]:
    enc = str(_config(folder)[name].get("encoding", "utf-8"))
    text = (folder / name).read_bytes().decode(enc)
    return list(csv.DictReader(io.StringIO(text)))


def _truth(folder: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / "truth" / name).read_text("utf-8"))))


def _role(header: list[str], names: tuple[str, ...]) -> str:
    found = [h for h in header if h in names]
    assert len(found) == 1, f"expected one of {names} in {header}"
    return found[0]


def _by_department(folder: Path) -> dict[str, list[tuple[str, dict[str, str]]]]:
    """department -> (file, row) for every exported row, department from config or column."""
    out: dict[str, list[tuple[str, dict[str, str]]]] = {}
    for name, settings in _config(folder).items():
        rows = _read(folder, name)
        dept_col = settings.get("columns", {}).get("department")  # type: ignore[union-attr]
        for row in rows:
            dept = row[dept_col] if dept_col else str(settings["department"])
            out.setdefault(dept, []).append((name, row))
    return out


def _labels(folder: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for dept, rows in _by_department(folder).items():
        for _, row in rows:
            act = _role(list(row), ACTIVITY)
            out.setdefault(dept, set()).add(row[act])
    return out


def test_two_runs_with_the_same_seed_are_byte_identical(tmp_path: Path, tiny) -> None:
    first, _ = tiny
    generate(tmp_path, size="tiny", seed=7)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (tmp_path / rel).read_bytes(), rel


def test_another_seed_gives_other_data(tmp_path: Path, tiny) -> None:
    first, _ = tiny
    generate(tmp_path, size="tiny", seed=8)
    assert (first / "juki.csv").read_bytes() != (tmp_path / "juki.csv").read_bytes()


def test_files_are_in_the_encodings_procmine_toml_declares(tiny) -> None:
    folder, summary = tiny
    config = _config(folder)
    encodings = {name: settings.get("encoding", "utf-8") for name, settings in config.items()}
    assert sorted(encodings) == sorted(summary["files"])  # type: ignore[call-overload]
    assert list(encodings.values()).count("cp932") >= 2
    assert "utf-8-sig" in encodings.values()
    for name, enc in encodings.items():
        data = (folder / name).read_bytes()
        if enc == "cp932":
            data.decode("cp932")
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
        elif enc == "utf-8-sig":
            assert data.startswith(b"\xef\xbb\xbf")
            data.decode("utf-8")
        else:
            assert enc == "utf-8" and not data.startswith(b"\xef\xbb\xbf")
            data.decode("utf-8")


def test_every_export_has_recognisable_role_headers_and_its_own_layout(tiny) -> None:
    folder, _ = tiny
    headers = {}
    for name in _config(folder):
        header = list(_read(folder, name)[0])
        for names in (CASE, ACTIVITY, TIMESTAMP, RESOURCE, PERSON):
            _role(header, names)
        headers[name] = tuple(header)
    assert len(set(headers.values())) == len(headers)
    assert sum(1 for h in headers.values() if {"処理終了日時", "完了日時"} & set(h)) >= 3


def test_the_resident_key_links_departments(tiny) -> None:
    folder, _ = tiny
    persons: dict[str, set[str]] = {}
    for dept, rows in _by_department(folder).items():
        for _, row in rows:
            persons.setdefault(row[_role(list(row), PERSON)], set()).add(dept)
    assert max(len(d) for d in persons.values()) >= 5
    assert all(re.fullmatch(r"\d{10}", p) for p in persons)


def test_every_truth_activity_occurs_in_its_departments_export(tiny) -> None:
    folder, summary = tiny
    labels = _labels(folder)
    assert len(labels) >= 8
    dup = _truth(folder, "duplicates.csv")
    assert {r["cluster"] for r in dup} >= {
        "ID", "NUM", "FORM", "ADDR", "KEY", "INCOME", "ACCT", "GUIDE", "COPY", "QUEUE"
    }  # fmt: skip
    for row in dup + _truth(folder, "negatives.csv"):
        assert row["activity"] in labels[row["department"]], row
    assert {r["group"] for r in _truth(folder, "negatives.csv")} == {
        "審査",
        "訪問",
        "住所",
        "通知",
        "交付",
    }
    assert summary["missing_activities"] == []
    activities = _truth(folder, "activities.csv")
    assert len(activities) >= 140
    for row in activities:
        assert row["activity"] in labels[row["department"]], row


def test_aliases_are_noisy_labels_that_occur_beside_their_primary_label(tiny) -> None:
    folder, _ = tiny
    labels = _labels(folder)
    aliases = _truth(folder, "aliases.csv")
    assert len(aliases) >= 20
    for row in aliases:
        assert row["alias"] != row["activity"]
        assert row["alias"] in labels[row["department"]], row
    old_system = {alias for a in KOYO.activities for alias in a.aliases}
    assert "国保加入届受付" in old_system
    assert any(r["alias"] in old_system for r in aliases)
    assert any(r["alias"].endswith("_窓口") for r in aliases)
    assert any("(" in r["alias"] for r in aliases)


def test_planted_decoys_exist_and_hold_values(tiny) -> None:
    folder, _ = tiny
    by_dept = _by_department(folder)
    decoys = _truth(folder, "decoys.csv")
    assert {(r["column"], r["looks_like"]) for r in decoys} >= {
        ("施設住所", "ADDR"), ("児童氏名", "NAME"), ("勤務先電話", "TEL")
    }  # fmt: skip
    for row in decoys:
        values = [r[row["column"]] for _, r in by_dept[row["department"]] if row["column"] in r]
        assert values, row
        assert any(values), row


def test_silo_truth_names_real_columns_with_rates(tiny) -> None:
    folder, _ = tiny
    by_dept = _by_department(folder)
    silos = _truth(folder, "silos.csv")
    fields = {r["field"] for r in silos}
    assert fields >= {"NAME", "KANA", "DOB", "ADDR", "TEL", "MYNUM", "BANK", "INCOME"}
    for row in silos:
        assert any(row["column"] in r for _, r in by_dept[row["department"]]), row
        assert 0.0 <= float(row["planted_inconsistency_rate"]) <= 1.0
        if row["department"] == "市民課":
            assert float(row["planted_inconsistency_rate"]) == 0.0
    assert any(float(r["planted_inconsistency_rate"]) > 0 for r in silos)
    assert any(float(r["format_variant_rate"]) > 0 for r in silos if r["field"] == "ADDR")


def test_each_row_fills_only_the_fields_its_activity_captures(tiny) -> None:
    folder, _ = tiny
    rows = _read(folder, "juki.csv")
    tickets = [r for r in rows if r["処理内容"] == "番号札発券"]
    assert tickets and all(r["氏名"] == "" and r["住所"] == "" for r in tickets)
    assert all(r["担当者"] == "SYSTEM" for r in tickets)
    entries = [r for r in rows if r["処理内容"] == "住民記録異動入力"]
    assert entries and all(r["氏名"] and r["住所"] for r in entries)


def test_my_numbers_carry_a_valid_check_digit(tiny) -> None:
    folder, _ = tiny
    numbers = [r["個人番号"] for r in _read(folder, "juki.csv") if r["個人番号"]]
    assert numbers
    for n in numbers:
        assert len(n) == 12 and int(n[-1]) == mynumber_check_digit(n[:11])


def test_time_stamps_follow_each_systems_habits(tiny) -> None:
    folder, _ = tiny
    kaigo = _read(folder, "kaigo.csv")
    assert all(re.fullmatch(r"令和\d+年\d+月\d+日 \d+時\d\d分", r["実施日時"]) for r in kaigo)
    assert any(re.match(r"(昭和|大正)\d+年", r["生年月日（和暦）"]) for r in kaigo)
    kokuho = [datetime.fromisoformat(r["日時"]) for r in _read(folder, "kokuho.csv")]
    assert kokuho != sorted(kokuho)
    juki = _read(folder, "juki.csv")
    staff = [datetime.strptime(r["処理日時"], "%Y/%m/%d %H:%M:%S") for r in juki
             if r["担当者"].startswith("SHIMIN-")]  # fmt: skip
    assert all(t.weekday() < 5 and (8, 30) <= (t.hour, t.minute) for t in staff)
    resources = {r["担当者"] for r in juki}
    assert {"RESIDENT", "SYSTEM"} <= resources
    assert any(re.fullmatch(r"SHIMIN-受付-\d\d", r) for r in resources)


def test_summary_counts_match_the_files(tiny) -> None:
    folder, summary = tiny
    assert summary["cases"] == 100
    files = summary["files"]
    assert isinstance(files, dict)
    for name, info in files.items():
        assert info["events"] == len(_read(folder, name))
    assert summary["events"] == sum(info["events"] for info in files.values())


def test_regenerating_replaces_own_files_and_keeps_others(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me")
    (tmp_path / "truth").mkdir()
    (tmp_path / "truth" / "mine.csv").write_text("keep me too")
    (tmp_path / "juki.csv").write_text("stale")
    summary = generate(tmp_path, size=40, seed=3)
    assert summary["cases"] == 40
    assert (tmp_path / "notes.txt").read_text() == "keep me"
    assert (tmp_path / "truth" / "mine.csv").read_text() == "keep me too"
    assert (tmp_path / "juki.csv").read_bytes() != b"stale"


@pytest.mark.parametrize("size", ["huge", 0, -5, 2.5, True])
def test_bad_sizes_are_refused(tmp_path: Path, size: object) -> None:
    with pytest.raises(ConfigError, match="size"):
        generate(tmp_path, size=size, seed=1)  # type: ignore[arg-type]


# ---------------------------------------------------------------- journeys, To-Be, other city

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample_logs"


def _city_exports(folder: Path, city: object) -> list[dict[str, str]]:
    """Every exported row as file, department, case, activity, person, day, purpose."""
    from procmine.samples.schema import City

    assert isinstance(city, City)
    names = {d.code: d.name for d in city.departments}
    config = _config(folder)
    out = []
    for s in city.systems:
        enc = str(config[s.file].get("encoding", "utf-8"))
        text = (folder / s.file).read_bytes().decode(enc)
        for row in csv.DictReader(io.StringIO(text), delimiter=s.delimiter):
            dept = row[s.dept_column] if s.dept_column else names[str(s.department)]
            out.append(
                {
                    "file": s.file,
                    "department": dept,
                    "case": row[s.case_col],
                    "activity": row[s.activity_col],
                    "person": row[s.person_col],
                    "ts": row[s.ts_col],
                    "purpose": row.get("交付用途", ""),
                }
            )
    return out


def _primary(folder: Path) -> dict[tuple[str, str], str]:
    """(department, label as exported) -> primary label."""
    out = {
        (r["department"], r["activity"]): r["activity"] for r in _truth(folder, "activities.csv")
    }
    for r in _truth(folder, "aliases.csv"):
        out[(r["department"], r["alias"])] = r["activity"]
    return out


def _per_case_counts(folder: Path, city: object) -> dict[str, dict[str, int]]:
    """Per life-event case, from the exports and the truth: tickets, NAME+ADDR forms, IDs."""
    acts = {(r["department"], r["activity"]): r for r in _truth(folder, "activities.csv")}
    primary = _primary(folder)
    le_of = {(r["file"], r["case"]): r["life_event_case"] for r in _truth(folder, "cases.csv")}
    counts: dict[str, dict[str, int]] = {}
    for row in _city_exports(folder, city):
        act = acts[(row["department"], primary[(row["department"], row["activity"])])]
        c = counts.setdefault(le_of[(row["file"], row["case"])], {"QUEUE": 0, "FORM": 0, "ID": 0})
        fields = set(act["fields"].split())
        if act["cluster"] == "FORM" and {"NAME", "ADDR"} <= fields:
            c["FORM"] += 1
        elif act["cluster"] in ("QUEUE", "ID"):
            c[act["cluster"]] += 1
    return counts


def _median(values: list[float] | list[int]) -> float:
    return float(statistics.median(values))


@pytest.fixture(scope="module")
def tiny_tobe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tiny_tobe")
    generate(out, size="tiny", seed=7, variant="tobe")
    return out


@pytest.fixture(scope="module")
def tiny_other(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tiny_other")
    generate(out, size="tiny", seed=7, city="other")
    return out


def test_the_committed_sample_is_the_generators_small_city(tmp_path: Path) -> None:
    generate(tmp_path, size="small", seed=7)
    files = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(SAMPLE) for p in SAMPLE.rglob("*") if p.is_file())
    for rel in files:
        assert (tmp_path / rel).read_bytes() == (SAMPLE / rel).read_bytes(), rel
    assert sum((SAMPLE / rel).stat().st_size for rel in files) <= 5_000_000


def test_journeys_truth_agrees_with_the_exports(tiny) -> None:
    folder, _ = tiny
    counts = _per_case_counts(folder, KOYO)
    journeys = _truth(folder, "journeys.csv")
    assert len(journeys) == 100
    for j in journeys:
        c = counts.get(j["life_event_case"], {"QUEUE": 0, "FORM": 0, "ID": 0})
        assert int(j["counters"]) == c["QUEUE"], j
        assert int(j["form_writes"]) == c["FORM"], j
        assert int(j["id_checks"]) == c["ID"], j
        assert int(j["departments"]) <= int(j["counters"])


def test_a_family_moving_in_meets_the_koyo_sanity_ranges() -> None:
    """koyo-city §3.11 (As-Is, 転入 with children), on the committed small city."""
    counts = _per_case_counts(SAMPLE, KOYO)
    family = [j for j in _truth(SAMPLE, "journeys.csv")
              if j["life_event"] == "転入" and int(j["children"]) > 0 and int(j["visits"]) > 0]  # fmt: skip
    assert len(family) >= 30
    tickets = [counts[j["life_event_case"]]["QUEUE"] for j in family]
    forms = [counts[j["life_event_case"]]["FORM"] for j in family]
    ids = [counts[j["life_event_case"]]["ID"] for j in family]
    assert 5 <= _median(tickets) <= 8 and sorted(tickets)[int(0.95 * len(tickets))] <= 12
    assert 6 <= _median(forms) <= 9
    assert 4 <= _median(ids) <= 7
    normal = [float(j["minutes_on_site"]) for j in family if j["peak"] == "0"]
    peak = [float(j["minutes_on_site"]) for j in family if j["peak"] == "1"]
    assert 90 <= _median(normal) <= 180  # §3.8: 90–180 min on a normal day
    assert 150 <= _median(peak) <= 300  # … and 150–300 min in the peak
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    assert "| 転入 with children |" in readme


def test_branch_shares_stay_those_of_koyo_3_1() -> None:
    moving_in = [set(j["procedures"].split(";")) for j in _truth(SAMPLE, "journeys.csv")
                 if j["life_event"] == "転入"]  # fmt: skip
    share = {f: sum(f in p for p in moving_in) / len(moving_in)
             for f in ("kokuho", "kids", "seal", "school", "nenkin", "card")}  # fmt: skip
    expected = {"kokuho": 0.25, "kids": 0.22, "seal": 0.20, "school": 0.12, "nenkin": 0.10,
                "card": 0.75}  # fmt: skip
    for f, p in expected.items():
        assert abs(share[f] - p) <= 0.07, (f, share[f])
    # …and they are correlated with the household: families need 国保 and 印鑑 more often
    kids = [p for p in moving_in if "kids" in p]
    alone = [p for p in moving_in if "alone" in p]
    assert sum("seal" in p for p in kids) / len(kids) > sum("seal" in p for p in alone) / len(alone)


def test_old_surnames_and_care_disability_copies_are_planted() -> None:
    silos = _truth(SAMPLE, "silos.csv")
    old = [r for r in silos if "old_surname" in r["variants"]]
    assert old and {r["department"] for r in old} <= {
        "障害福祉課", "教育委員会学校教育課", "こども家庭課"
    }  # fmt: skip
    assert any(r["former_surname"] for r in _truth(SAMPLE, "persons.csv"))
    by = {(r["field"], r["department"]): r for r in silos}
    assert float(by[("CARE", "介護保険課")]["planted_inconsistency_rate"]) == 0.0
    assert float(by[("DISAB", "障害福祉課")]["planted_inconsistency_rate"]) == 0.0
    assert ("DISAB", "税務課") in by and ("DISAB", "生活福祉課") in by
    copies = [r for r in silos if r["field"] in ("CARE", "DISAB")]
    assert any(float(r["planted_inconsistency_rate"]) > 0 for r in copies)


def test_the_resident_key_is_the_same_exact_number_in_every_system() -> None:
    cases = {(r["file"], r["case"]): r["person"] for r in _truth(SAMPLE, "cases.csv")}
    persons = {r["person"] for r in _truth(SAMPLE, "persons.csv")}
    seen: dict[tuple[str, str], set[str]] = {}
    for row in _city_exports(SAMPLE, KOYO):
        seen.setdefault((row["file"], row["case"]), set()).add(row["person"])
    assert seen.keys() == cases.keys()
    for key, pids in seen.items():
        assert pids == {cases[key]}, key  # no split or merged person ids
        assert cases[key] in persons


@pytest.mark.parametrize(
    ("variant", "city"), [("tobe", "koyo"), ("asis", "other"), ("tobe", "other")]
)
def test_every_variant_and_city_is_deterministic(tmp_path: Path, variant: str, city: str) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    generate(first, size=40, seed=5, variant=variant, city=city)  # type: ignore[arg-type]
    generate(second, size=40, seed=5, variant=variant, city=city)  # type: ignore[arg-type]
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert len(files) > 10
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_tobe_meets_the_same_residents_on_the_same_days(tiny, tiny_tobe: Path) -> None:
    asis, _ = tiny
    keys = ("life_event_case", "life_event", "person", "date", "procedures", "household")
    before = [[j[k] for k in keys] for j in _truth(asis, "journeys.csv")]
    after = [[j[k] for k in keys] for j in _truth(tiny_tobe, "journeys.csv")]
    assert before == after
    for name in _config(asis):  # same export layouts and headers
        assert list(_read(asis, name)[0]) == list(_read(tiny_tobe, name)[0]), name


def test_tobe_has_one_ticket_one_identity_check_and_no_certificates_per_visit(
    tiny, tiny_tobe: Path
) -> None:
    asis, _ = tiny
    acts = {(r["department"], r["activity"]): r for r in _truth(tiny_tobe, "activities.csv")}
    primary = _primary(tiny_tobe)
    le_of = {(r["file"], r["case"]): r["life_event_case"] for r in _truth(tiny_tobe, "cases.csv")}
    event_of = {r["life_event_case"]: r["life_event"] for r in _truth(tiny_tobe, "cases.csv")}
    per_visit: dict[tuple[str, str, str], int] = {}
    for row in _city_exports(tiny_tobe, KOYO):
        act = acts[(row["department"], primary[(row["department"], row["activity"])])]
        case = le_of[(row["file"], row["case"])]
        if act["cluster"] in ("QUEUE", "ID"):
            key = (act["cluster"], case, row["ts"][:10])
            per_visit[key] = per_visit.get(key, 0) + 1
        if act["cluster"] == "FORM":  # only the resident's own online 転出 (マイナポータル)
            assert event_of[case] == "転出" and row["file"] == "juki.csv", row
        assert row["purpose"] != "他課提出用", row
    assert per_visit and max(per_visit.values()) == 1
    copy_asis = {r["activity"] for r in _truth(asis, "activities.csv")
                 if r["cluster"] == "COPY" and "PURPOSE" not in r["fields"]}  # fmt: skip
    assert copy_asis and not copy_asis & {r["activity"] for r in _city_exports(tiny_tobe, KOYO)}
    journeys = [j for j in _truth(tiny_tobe, "journeys.csv") if int(j["visits"]) > 0]
    for j in journeys:
        assert int(j["counters"]) <= int(j["visits"]) and int(j["id_checks"]) <= int(j["visits"])
    assert all(int(j["form_writes"]) == 0 for j in journeys if j["life_event"] != "転出")
    assert all(int(j["signatures"]) > 0 for j in journeys if j["life_event"] == "転入")


def test_tobe_truth_lists_only_the_duplicates_that_remain(tiny_tobe: Path) -> None:
    dup = _truth(tiny_tobe, "duplicates.csv")
    clusters: dict[str, set[str]] = {}
    for r in dup:
        clusters.setdefault(r["cluster"], set()).add(r["department"])
    assert not {"ID", "QUEUE", "NUM", "FORM", "COPY"} & clusters.keys()
    assert {"INTERVIEW", "SIGN", "KEY", "INCOME"} <= clusters.keys()
    assert all(len(d) >= 2 for d in clusters.values())
    labels = _labels(tiny_tobe)
    for r in dup + _truth(tiny_tobe, "negatives.csv"):
        assert r["activity"] in labels[r["department"]], r
    keyed = [r for r in _truth(tiny_tobe, "activities.csv") if r["cluster"] in ("KEY", "ADDR")]
    assert keyed and all(r["performer"] == "SYS" for r in keyed)
    assert "To-Be" in (tiny_tobe / "README.md").read_text(encoding="utf-8").splitlines()[0]


def test_tobe_roughly_halves_the_time_on_site(tmp_path: Path) -> None:
    medians = {}
    for variant in ("asis", "tobe"):
        generate(tmp_path / variant, size=400, seed=11, variant=variant)  # type: ignore[arg-type]
        journeys = _truth(tmp_path / variant, "journeys.csv")
        for event in ("転入", "出生"):
            minutes = [float(j["minutes_on_site"]) for j in journeys
                       if j["life_event"] == event and int(j["visits"]) == 1
                       and int(j["children"]) > 0]  # fmt: skip
            medians[(variant, event)] = _median(minutes)
    for event in ("転入", "出生"):
        assert medians[("tobe", event)] <= 0.7 * medians[("asis", event)], medians
    assert 30 <= medians[("tobe", "転入")] <= 90 and medians[("tobe", "出生")] <= 50


def test_the_other_city_shares_no_duplicate_label_or_header_with_koyo(
    tiny, tiny_other: Path
) -> None:
    koyo, _ = tiny

    def dup_labels(folder: Path) -> set[str]:
        dup = {r["activity"] for r in _truth(folder, "duplicates.csv")}
        return dup | {r["alias"] for r in _truth(folder, "aliases.csv") if r["activity"] in dup}

    assert len(dup_labels(tiny_other)) >= 60
    assert not dup_labels(koyo) & dup_labels(tiny_other)
    assert not {r["activity"] for r in _truth(koyo, "activities.csv")} & {
        r["activity"] for r in _truth(tiny_other, "activities.csv")
        if r["cluster"] not in ("", "AUTH")
    }  # fmt: skip

    def headers(folder: Path) -> set[str]:
        out: set[str] = set()
        for name, settings in _config(folder).items():
            enc = str(settings.get("encoding", "utf-8"))
            first = (folder / name).read_bytes().decode(enc).splitlines()[0]
            out |= set(first.lstrip("\ufeff").split("\t" if name.endswith(".tsv") else ","))
        return out

    assert not headers(koyo) & headers(tiny_other)
    koyo_depts = {r["department"] for r in _truth(koyo, "activities.csv")}
    other_depts = {r["department"] for r in _truth(tiny_other, "activities.csv")}
    assert not koyo_depts & other_depts and "健康推進課" in other_depts
    assert len(other_depts) == 8


def test_the_other_city_follows_the_input_conventions(tiny_other: Path) -> None:
    from procmine.io.columns import HEADER_NAMES, header_key
    from procmine.samples.minato import MINATO

    config = _config(tiny_other)
    assert sorted(config) == sorted(s.file for s in MINATO.systems)
    known = {role: {header_key(n) for n in names} for role, names in HEADER_NAMES.items()}
    for s in MINATO.systems:
        mapped = dict(config[s.file].get("columns", {}))  # type: ignore[call-overload]
        roles = {"case": s.case_col, "activity": s.activity_col, "timestamp": s.ts_col,
                 "resource": s.resource_col, "person": s.person_col}  # fmt: skip
        for role, header in roles.items():
            key = header_key(header)
            recognised = key in known[role] or any(k in key for k in known[role] if len(k) >= 2)
            assert recognised or mapped.get(role) == header, (s.file, role, header)
        if s.department is None:
            assert mapped["department"] == s.dept_column
        else:
            assert config[s.file]["department"]
    assert any(s.delimiter == "\t" for s in MINATO.systems)
    assert {str(c.get("encoding", "utf-8")) for c in config.values()} >= {"cp932", "utf-8-sig"}


def test_the_other_city_has_complete_ground_truth(tiny_other: Path) -> None:
    from procmine.samples.minato import MINATO

    rows = _city_exports(tiny_other, MINATO)
    labels: dict[str, set[str]] = {}
    for r in rows:
        labels.setdefault(r["department"], set()).add(r["activity"])
    dup = _truth(tiny_other, "duplicates.csv")
    assert {r["cluster"] for r in dup} >= {
        "ID", "NUM", "FORM", "ADDR", "KEY", "INCOME", "ACCT", "GUIDE", "COPY", "QUEUE"
    }  # fmt: skip
    negatives = _truth(tiny_other, "negatives.csv")
    assert len({r["group"] for r in negatives}) == 5
    for r in dup + negatives:
        assert r["activity"] in labels[r["department"]], r
    for r in _truth(tiny_other, "aliases.csv"):
        assert r["alias"] in labels[r["department"]], r
    assert any(r["alias"].endswith(" (counter)") for r in _truth(tiny_other, "aliases.csv"))
    silos = _truth(tiny_other, "silos.csv")
    assert any(float(r["planted_inconsistency_rate"]) > 0 for r in silos if r["field"] == "ADDR")
    assert all(float(r["planted_inconsistency_rate"]) == 0 for r in silos
               if r["department"] == "住民窓口課")  # fmt: skip
    for r in _truth(tiny_other, "decoys.csv"):
        assert any(r["column"] in x for x in _read_all(tiny_other, r["file"])), r
    persons = {r["person"] for r in _truth(tiny_other, "persons.csv")}
    assert {r["person"] for r in rows} <= persons
    assert all(re.fullmatch(r"\d{9}", p) for p in persons)


def _read_all(folder: Path, name: str) -> list[dict[str, str]]:
    enc = str(_config(folder)[name].get("encoding", "utf-8"))
    text = (folder / name).read_bytes().decode(enc)
    return list(csv.DictReader(io.StringIO(text), delimiter="\t" if name.endswith(".tsv") else ","))


@pytest.mark.parametrize(
    ("option", "value", "match"),
    [("variant", "reformed", "variant"), ("city", "tokyo", "city")],
)
def test_unknown_variants_and_cities_are_refused(
    tmp_path: Path, option: str, value: str, match: str
) -> None:
    with pytest.raises(ConfigError, match=match):
        generate(tmp_path, size="tiny", **{option: value})  # type: ignore[arg-type]


@pytest.mark.parametrize("day", [date(2025, 6, 11), date(2026, 3, 25)], ids=["ordinary", "peak"])
def test_tobe_queue_waits_are_the_asis_ones_times_the_wait_factor_on_every_day(day: date) -> None:
    asis, tobe = Generator(KOYO, 10, 7), Generator(KOYO, 10, 7, "tobe")
    assert KOYO.tobe is not None and asis._is_peak(day) == (day.month == 3)
    before = [asis._wait(KOYO.tobe.front, day, desk=False) for _ in range(200)]
    after = [tobe._wait(KOYO.tobe.front, day, desk=False) for _ in range(200)]
    pairs = [(b, a) for b, a in zip(before, after, strict=True) if b < 240.0]
    assert len(pairs) > 150
    assert all(a == pytest.approx(b * KOYO.tobe.wait_factor, rel=1e-9) for b, a in pairs)
