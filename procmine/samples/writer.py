"""Write the generated city: one export per system, procmine.toml, README.md and truth/.

A folder holds an earlier sample (:func:`is_sample`) when its ``procmine.toml`` starts with
the line :func:`write` writes (``# 光陽市 sample exports (procmine.samples, …``) or when it has
the scale city's marker :data:`MARKER` (:mod:`procmine.samples.large`). Writing a sample
first deletes the files of an earlier sample there — of any city, so that two cities never
mix — and otherwise only the files it is about to write; nothing else is touched.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from procmine.samples.journeys import COLUMNS as JOURNEY_COLUMNS
from procmine.samples.journeys import journeys as journey_rows
from procmine.samples.journeys import kpi_table
from procmine.samples.people import render_account, render_address, render_kana, render_name
from procmine.samples.timefmt import format_date, format_timestamp

if TYPE_CHECKING:  # pragma: no cover
    from procmine.samples.generator import Event, Result
    from procmine.samples.schema import City, System

#: File the scale city (:mod:`procmine.samples.large`) leaves in its folder; hidden and
#: without a log suffix, so the loader does not read it.
MARKER = ".procmine-sample"
#: First line of the procmine.toml :func:`write` writes (see :func:`_toml`).
_MADE_BY = re.compile(r"# .+ sample exports \(procmine\.samples, ")
TRUTH_FILES: tuple[str, ...] = (
    "duplicates.csv",
    "negatives.csv",
    "aliases.csv",
    "silos.csv",
    "decoys.csv",
    "activities.csv",
    "cases.csv",
    "journeys.csv",
    "persons.csv",
    "README.md",
)
CLUSTERS: tuple[str, ...] = (
    "ID",
    "NUM",
    "FORM",
    "ADDR",
    "KEY",
    "INCOME",
    "ACCT",
    "GUIDE",
    "COPY",
    "QUEUE",
    "INTERVIEW",
    "SIGN",
)
CONSISTENT = ("exact", "format_variant")

TRUTH_README = """\
# Ground truth of the sample city

Written by `procmine.samples.generate`; the analysis never reads this folder. All files are
UTF-8 CSV with a header row. `department` is the department name as in `procmine.toml` (or the
department column of a shared export), `activity` the activity's primary label exactly as
written in the export, and `column` a header exactly as written in the export.

- `duplicates.csv` — `cluster,department,activity`: one row per member activity of each planted
  cross-department duplicate cluster (koyo-city §3.6): ID 本人確認, NUM 個人番号確認, FORM
  resident writes basic data, ADDR 住所・世帯の再確認, KEY 二重入力, INCOME 課税照会, ACCT 口座登録,
  GUIDE 他課手続きの案内, COPY 市発行証明書の添付要求, QUEUE 番号札発券. Activities in one cluster
  are the same work; each activity is listed in one cluster only (its main one). Two members of
  a cluster may be in the same department.
- `negatives.csv` — `group,department,activity`: hard negatives. Two activities of one group
  look alike but are different work and must not be merged, unless both are also in one
  cluster of `duplicates.csv` (a group may list cluster members it must not be merged with).
- `aliases.csv` — `department,alias,activity`: every noisy label that occurs in an export
  (full/half-width and bracket variants, suffix `_窓口`, old-system labels) and the primary label
  it stands for. These are the same activity, not cross-department duplicates.
- `silos.csv` — `field,department,column,planted_inconsistency_rate`, then `format_variant_rate`,
  `missing_rate`, `persons`, `variants`, `part` and `file`. One row per export column holding a
  resident field (NAME, KANA, DOB, SEX, ADDR, KATA 方書, TEL, MYNUM, BANK, INCOME, HH 世帯主,
  REL 続柄, CARE 要介護度, DISAB 障害の種別・等級). Rates are over the distinct residents with a value
  in the column: `planted_inconsistency_rate` = share whose value differs from the resident's
  true value in substance (stale, typo, itaiji, old_surname — a surname from before a marriage
  in the last three years that never reached the department —, kana_variant, legit_diff,
  wrong_link, year_mismatch, kata_missing in an address that includes 方書 …; `legit_diff` is
  different but correct, e.g. a second phone or account); `format_variant_rate` = share
  written differently but meaning the same (丁目/番/号 vs hyphens, full-width digits, ヶ/ケ,
  漢数字, phone with/without hyphens); `missing_rate` = share of residents whose value was left
  empty although the step captures it (over all residents with a row). `variants` counts each
  planted label. The resident-records department is the authoritative source of the basic
  data, the care-insurance department of CARE and the disability department of DISAB (rates 0
  there); TEL and BANK have no master — the reference is the resident's main phone/account.
  BANK columns holding one part (`part` inst/branch/type/number/holder) are rated on that part;
  `all` is the whole account in one column. The resident key itself is exact in every system
  (no split or merged person ids).
- `decoys.csv` — `department,column,looks_like`: columns that look like a resident field but
  hold something else (a facility's address, a child's or notifier's name, an employer's phone);
  they must not be grouped with the resident's field.
- `activities.csv` — the activity master: department, file, id, label, performer (R resident,
  S staff, RS/SR both, X external, SYS system), cluster, negative group, fields captured.
- `cases.csv` — `file,department,case,life_event_case,life_event,person`: which department case
  belongs to which life-event case (one life event opens cases in several departments; the
  resident key is common to all systems).
- `journeys.csv` — one row per life-event case: the household (`household` persons,
  `children`, `school_children`, `procedures` = the branches the case took) and what the
  resident went through, counted from the generated events: `visits` (days at the office),
  `counters` (queue tickets = counters queued at), `departments` (distinct departments with a
  ticket), `form_writes` (forms on which the resident wrote name and address, rewrites
  included), `id_checks`, `num_checks`, `signatures` and `minutes_on_site` (per visit from the
  first to the last step the resident attends, waiting and walking included, summed).
- `persons.csv` — the true data of every resident who appears (住基 truth); `former_surname`
  is the surname before a marriage in the last three years.
"""

TOBE_TRUTH = """
## To-Be variant

These files describe the reformed city (書かない・ワンストップ窓口): the same residents, life
events and days as the As-Is city of the same seed. Only the activities that still occur are
listed, and a cluster only when its members still occur in two or more departments: one
queue ticket, one identity check and one My Number check per visit at the one-stop counter
(so QUEUE, ID and NUM have no cross-department members any more), no certificates for other
departments (COPY), guidance once. Two new clusters: INTERVIEW (聞き取り・申請書作成, the front
yard's staff interviewing for each department's application, logged in that department's
system) and SIGN (署名, the resident signing the printed form) — the same work wherever they
are logged. Re-keying (KEY) and 住基 look-ups (ADDR) are still there but done by the system in
seconds. Department copies follow 住基 (統合宛名, 庁内連携): formats differ, substance does not,
except phones and legitimately different accounts.
"""

TOBE_README = """\
> **To-Be variant.** These exports show the same residents, life events and days as the As-Is
> city of the same seed, after a 書かない・ワンストップ窓口 reform: one queue ticket, one
> identity check and one My Number check per visit at the one-stop counter; staff interview
> and print each application (聞き取り・申請書作成) and the resident only signs (署名); the
> departments' staff serve at the same counter (同席 / リモート); re-keying and 住基 look-ups
> run in the system; no certificates for other departments; guidance once; queue waits 60 %
> shorter on every day. The export layouts and headers are the As-Is ones.
"""


def written_files(city: City) -> list[str]:
    """Relative paths of every file :func:`write` may create (for cleaning)."""
    return (
        [s.file for s in city.systems]
        + ["procmine.toml", "README.md"]
        + [f"truth/{f}" for f in TRUTH_FILES]
    )


def is_sample(out: Path) -> bool:
    """Whether the folder ``out`` holds a sample procmine wrote (see the module's doc)."""
    if (out / MARKER).is_file():
        return True
    toml = out / "procmine.toml"
    if not toml.is_file():  # also no pipe, which would block the read
        return False
    try:
        with open(toml, "rb") as fh:
            first = fh.readline(4096).decode("utf-8", errors="replace")
    except OSError:
        return False
    return _MADE_BY.match(first) is not None


def sample_files() -> list[str]:
    """Relative paths of every file a sample may hold: each city in cases, the scale city."""
    from procmine.samples import CITIES, _city
    from procmine.samples.large import written_files as scale_files

    names = {rel for name in CITIES for rel in written_files(_city(name))}
    return sorted(names | set(scale_files()))


def check_target(out: Path, *, force: bool) -> None:
    """Refuse ``out`` as the folder of a new sample before anything is generated.

    A missing or empty folder and an earlier sample (:func:`is_sample`) are fine; a file or
    a broken link never is (the messages of :mod:`procmine.report.writer`); any other
    folder only with ``force``, and then only the files a sample writes are replaced.

    Raises
    ------
    OutputError
        ``out`` is a file, a broken link, unreadable, or a folder with other files and
        ``force`` is false.
    """
    import os

    from procmine.report.writer import check_target

    check_target(
        Path(os.path.abspath(out)),
        force=force,
        ours=is_sample,
        what="procmine sample",
        replace="replace the files a sample writes there",
    )


def clean_files(out: Path, own: Iterable[str]) -> None:
    """Delete the files of an earlier sample in ``out`` (every city's, when ``out`` is one)
    and those in ``own`` (the files about to be written), and nothing else."""
    names = set(own)
    if is_sample(out):
        names.update(sample_files())
    for rel in sorted(names):
        p = out / rel
        if p.is_file() or p.is_symlink():
            p.unlink()
    truth = out / "truth"
    if truth.is_dir() and not any(truth.iterdir()):
        truth.rmdir()


def clean(out: Path, city: City) -> None:
    """Delete the files a previous run wrote, and nothing else (see :func:`clean_files`)."""
    clean_files(out, written_files(city))


def _write_text(path: Path, text: str, encoding: str = "utf-8", newline: str = "\n") -> int:
    data = text.replace("\n", newline).encode(encoding)
    path.write_bytes(data)
    return len(data)


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", delimiter=delimiter)
    w.writerows(rows)
    return buf.getvalue()


def _case_ids(result: Result, city: City) -> dict[tuple[object, ...], str]:
    """Number each system's cases in order of their first event, as the system would."""
    first: dict[tuple[object, ...], tuple[datetime, int]] = {}
    for e in result.events:
        k = (e.start, e.seq)
        if e.case_key not in first or k < first[e.case_key]:
            first[e.case_key] = k
    systems = {s.key: s for s in city.systems}
    counters: Counter[tuple[str, str]] = Counter()
    ids: dict[tuple[object, ...], str] = {}
    year = int(city.start[:4])
    for key in sorted(first, key=lambda k: first[k]):
        sysk, dept = str(key[1]), str(key[2])
        counters[(sysk, dept)] += 1
        ids[key] = systems[sysk].case_format.format(
            yy=f"{year % 100:02d}", yyyy=year, n=counters[(sysk, dept)], dept=dept
        )
    return ids


def _rows(
    sysm: System,
    events: list[Event],
    ids: dict[tuple[object, ...], str],
    dept_names: dict[str, str],
) -> list[list[str]]:
    role_header = {
        "case": sysm.case_col,
        "dept": sysm.dept_column,
        "activity": sysm.activity_col,
        "ts": sysm.ts_col,
        "end": sysm.end_col,
        "resource": sysm.resource_col,
        "person": sysm.person_col,
    }
    roles = [r for r in sysm.order if role_header.get(r)]
    header = [str(role_header[r]) for r in roles] + [c.header for c in sysm.columns]
    if sysm.sort == "time":
        events = sorted(events, key=lambda e: (e.start, ids[e.case_key], e.seq))
    elif sysm.sort == "time_desc":
        events = sorted(events, key=lambda e: (e.start, e.seq), reverse=True)
    elif sysm.sort == "person":
        events = sorted(events, key=lambda e: (e.pid, ids[e.case_key], e.seq))
    else:
        events = sorted(events, key=lambda e: (ids[e.case_key], e.seq))
    rows = [header]
    for e in events:
        role_value = {
            "case": ids[e.case_key],
            "dept": dept_names[e.dept],
            "activity": e.label,
            "ts": format_timestamp(e.start, sysm.ts_style),
            "end": format_timestamp(e.end, sysm.ts_style),
            "resource": e.resource,
            "person": e.pid,
        }
        rows.append(
            [role_value[r] for r in roles] + [e.values.get(c.header, "") for c in sysm.columns]
        )
    return rows


def _toml(city: City, seed: int, size: str, variant: str) -> str:
    names = {d.code: d.name for d in city.departments}
    what = f"size {size}, seed {seed}" + (", To-Be" if variant == "tobe" else "")
    lines = [
        f"# {city.name} sample exports (procmine.samples, {what}).",
        "# Department of each export file; files not in UTF-8 say their encoding.",
        "",
    ]
    for s in city.systems:
        keys = []
        if s.department is not None:
            keys.append(f'department = "{names[s.department]}"')
        if s.encoding != "utf-8":
            keys.append(f'encoding = "{s.encoding}"')
        if keys:
            lines += [f'[files."{s.file}"]', *keys]
        columns = dict(s.toml_columns)
        if s.department is None:
            columns["department"] = f"{s.dept_column}"
        if columns:
            lines.append(f'[files."{s.file}".columns]')
            for role, header in columns.items():
                note = "  # the department is in this column" if role == "department" else ""
                lines.append(f'{role} = "{header}"{note}')
        lines.append("")
    return "\n".join(lines)


_TS_NAMES = {
    "slash": "YYYY/MM/DD HH:MM:SS",
    "iso": "YYYY-MM-DD HH:MM:SS",
    "iso_t": "ISO 8601 (YYYY-MM-DDTHH:MM:SS)",
    "era": "和暦 (令和7年4月1日 9時30分)",
    "kanji": "YYYY年M月D日 H時MM分",
    "era_abbr": "和暦略記 (R7.4.1 9:30)",
    "slash_min": "YYYY/M/D H:MM",
}
_SORT_NAMES = {
    "time": "by time",
    "time_desc": "newest first",
    "person": "by resident, not by time",
    "case": "by case, not by time",
}
_ENC_NAMES = {"cp932": "Shift_JIS (CP932)", "utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM"}
_TAB = {"\t": ", tab-separated"}


def _readme(
    city: City,
    files: dict[str, dict[str, object]],
    result: Result,
    journeys: list[dict[str, object]],
) -> str:
    """The city's README, a table of the files actually written and the journeys' KPIs."""
    names = {d.code: d.name for d in city.departments}
    text = city.readme.rstrip()
    if result.variant == "tobe":
        title, _, rest = text.partition("\n")
        text = f"{title} — To-Be\n\n{TOBE_README}{rest}"
    lines = [
        text,
        "",
        f"## Files ({result.cases:,} life-event cases)",
        "",
        "| file | system | department | encoding | time stamps | end time | rows | order |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in city.systems:
        dept = names[s.department] if s.department else f"column {s.dept_column}"
        info = files[s.file]
        lines.append(
            f"| `{s.file}` | {s.system} | {dept} "
            f"| {_ENC_NAMES.get(s.encoding, s.encoding)}{_TAB.get(s.delimiter, '')} "
            f"| {_TS_NAMES[s.ts_style]} | {s.end_col or '—'} | {info['events']:,} "
            f"| {_SORT_NAMES[s.sort]} |"
        )
    lines += [
        "",
        "## What the residents went through (measured)",
        "",
        "Counted from the generated events (`truth/journeys.csv`, one row per life-event case;",
        "not from an analysis of the exports): median [25th–75th percentile] per case.",
        "*Counters* = queue tickets drawn (every counter queued at, also a department's second",
        "counter); *departments* = distinct departments with a ticket; *form writes* = forms on",
        "which the resident wrote name and address (rewrites after 記入不備 included); *minutes",
        "on site* = first to last step the resident attends, per visit, summed over visits",
        f"(waiting and walking included). The peak is {city.peak[0]}–{city.peak[1]}.",
        "",
        "| cases | n | counters | departments | form writes | identity checks | minutes on site |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, n, st in kpi_table(journeys):
        lines.append(
            f"| {name} | {n:,} | {st['counters']} | {st['departments']} | {st['form_writes']} "
            f"| {st['id_checks']} | {st['minutes_on_site']} |"
        )
    lines.append("")
    return "\n".join(lines)


def _silos(result: Result, city: City) -> list[list[str]]:
    names = {d.code: d.name for d in city.departments}
    systems = {s.key: s for s in city.systems}
    rows = [
        [
            "field",
            "department",
            "column",
            "planted_inconsistency_rate",
            "format_variant_rate",
            "missing_rate",
            "persons",
            "variants",
            "part",
            "file",
        ]
    ]
    order = {s.key: i for i, s in enumerate(city.systems)}
    dorder = {d.code: i for i, d in enumerate(city.departments)}
    for key in sorted(
        result.silo,
        key=lambda k: (
            dorder[k[1]],
            order[k[0]],
            [c.header for c in systems[k[0]].columns].index(k[2]),
        ),
    ):
        sysk, dept, header = key
        col = next(c for c in systems[sysk].columns if c.header == header)
        labels = result.silo[key]
        counts = Counter(labels.values())
        present = [lab for lab in labels.values() if lab != "missing"]
        n_all, n = len(labels), len(present)
        bad = sum(1 for lab in present if lab not in CONSISTENT)
        fmt = sum(1 for lab in present if lab == "format_variant")
        variants = ";".join(f"{k}={v}" for k, v in sorted(counts.items()) if k != "exact")
        rows.append(
            [
                col.field,
                names[dept],
                header,
                f"{bad / n:.4f}" if n else "0.0000",
                f"{fmt / n:.4f}" if n else "0.0000",
                f"{counts.get('missing', 0) / n_all:.4f}" if n_all else "0.0000",
                str(n_all),
                variants,
                col.part,
                systems[sysk].file,
            ]
        )
    return rows


def write(out: Path, city: City, result: Result, *, seed: int, size: str) -> dict[str, object]:
    """Write every file of the generated city into ``out`` and return the summary."""
    out.mkdir(parents=True, exist_ok=True)
    clean(out, city)
    names = {d.code: d.name for d in city.departments}
    ids = _case_ids(result, city)
    by_system: dict[str, list[Event]] = {s.key: [] for s in city.systems}
    for e in result.events:
        by_system[e.system].append(e)
    files: dict[str, dict[str, object]] = {}
    total = 0
    for s in city.systems:
        rows = _rows(s, by_system[s.key], ids, names)
        nbytes = _write_text(out / s.file, _csv(rows, s.delimiter), s.encoding, s.newline)
        total += nbytes
        depts = sorted({names[e.dept] for e in by_system[s.key]})
        files[s.file] = {
            "department": names[s.department] if s.department else depts,
            "encoding": s.encoding,
            "events": len(rows) - 1,
            "cases": len({e.case_key for e in by_system[s.key]}),
            "bytes": nbytes,
        }
    journeys = journey_rows(result)
    total += _write_text(out / "procmine.toml", _toml(city, seed, size, result.variant))
    total += _write_text(out / "README.md", _readme(city, files, result, journeys))
    truth = out / "truth"
    truth.mkdir(exist_ok=True)
    present = {(e.dept, e.label) for e in result.events}
    acts = list(result.activities)
    if result.variant == "tobe":  # only what still happens
        acts = [a for a in acts if (a.dept, a.label) in present]
    sysfile = {s.key: s.file for s in city.systems}
    dup = [["cluster", "department", "activity"]]
    missing: list[str] = []
    for cl in CLUSTERS:
        members = [a for a in acts if a.cluster == cl]
        if result.variant == "tobe" and len({a.dept for a in members}) < 2:
            continue
        for a in members:
            dup.append([cl, names[a.dept], a.label])
            if (a.dept, a.label) not in present:
                missing.append(a.id)
    neg = [["group", "department", "activity"]]
    groups: list[str] = []
    for a in acts:
        if a.negative_group and a.negative_group not in groups:
            groups.append(a.negative_group)
    by_id = {a.id: a for a in acts}
    for g in groups:
        members = [a for a in acts if a.negative_group == g]
        members += [by_id[i] for i in city.negative_extra.get(g, ()) if i in by_id]
        if len(members) >= 2:
            neg += [[g, names[a.dept], a.label] for a in members]
    ali = [["department", "alias", "activity"]] + [
        [names[d], alias, label]
        for (d, alias), label in sorted(
            result.aliases.items(),
            key=lambda kv: ([x.code for x in city.departments].index(kv[0][0]), kv[1], kv[0][1]),
        )
    ]
    dec = [["department", "column", "looks_like", "file"]]
    for sysk, header, looks in city.decoys:
        s = next(x for x in city.systems if x.key == sysk)
        depts = (
            [names[s.department]]
            if s.department
            else sorted({names[e.dept] for e in by_system[sysk] if e.values.get(header)})
        )
        for d in depts:
            dec.append([d, header, looks, s.file])
    act_rows = [
        [
            "department",
            "file",
            "activity_id",
            "activity",
            "performer",
            "cluster",
            "negative_group",
            "fields",
        ]
    ]
    for a in acts:
        if (a.dept, a.label) in present:
            act_rows.append(
                [
                    names[a.dept],
                    sysfile[a.system],
                    a.id,
                    a.label,
                    a.performer,
                    a.cluster,
                    a.negative_group,
                    " ".join(a.fields),
                ]
            )
    case_rows = [["file", "department", "case", "life_event_case", "life_event", "person"]]
    for key in sorted(ids, key=lambda k: (str(k[1]), ids[k])):
        le, lec, pid = result.case_meta[key]
        case_rows.append([sysfile[str(key[1])], names[str(key[2])], ids[key], lec, le, pid])
    per_rows = [
        [
            "person",
            "name",
            "kana",
            "dob",
            "sex",
            "address",
            "kata",
            "tel",
            "mynumber",
            "bank",
            "income",
            "former_surname",
        ]
    ]
    for pid in sorted(result.persons):
        p = result.persons[pid]
        per_rows.append(
            [
                pid,
                render_name(p.name, "space_full"),
                render_kana(p.kana, "kata_full"),
                format_date(p.dob, "iso"),
                p.sex,
                render_address(p.addr, "kanji", kata=""),
                p.addr.kata,
                p.tel,
                p.mynum,
                render_account(p.accounts[0], "space", "all") if p.accounts else "",
                str(p.income),
                p.maiden[0] if p.maiden else "",
            ]
        )
    tables = {
        "duplicates.csv": dup,
        "negatives.csv": neg,
        "aliases.csv": ali,
        "silos.csv": _silos(result, city),
        "decoys.csv": dec,
        "activities.csv": act_rows,
        "cases.csv": case_rows,
        "journeys.csv": [list(JOURNEY_COLUMNS)]
        + [[str(j[c]) for c in JOURNEY_COLUMNS] for j in journeys],
        "persons.csv": per_rows,
    }
    for fname, rows in tables.items():
        total += _write_text(truth / fname, _csv(rows))
    readme = TRUTH_README + (f"\n## {city.name}\n\n{city.truth_notes}" if city.truth_notes else "")
    if result.variant == "tobe":
        readme += TOBE_TRUTH
    total += _write_text(truth / "README.md", readme)
    events = sum(int(f["events"]) for f in files.values())  # type: ignore[call-overload]
    return {
        "out_dir": str(out),
        "size": size,
        "seed": seed,
        "city": city.name,
        "variant": result.variant,
        "cases": result.cases,
        "life_events": dict(sorted(result.life_events.items(), key=lambda kv: -kv[1])),
        "events": events,
        "files": files,
        "truth": [f"truth/{f}" for f in TRUTH_FILES],
        "bytes": total,
        "missing_activities": missing,
    }
