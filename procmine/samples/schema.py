"""The shape of a sample-city definition (data only, no logic beyond parsing).

A city is a set of plain tables: departments with their staff pools, an activity catalog,
the export files of the departments' systems, the data-quality rates planted in each
department's copy of a resident's data, and life-event routes. :mod:`procmine.samples.koyo`
fills these tables for the fictional city 光陽市; another city needs only other tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Variant = Literal["asis", "tobe"]

#: Performer codes of the activity catalog: R resident, S staff, RS resident + staff,
#: SR staff + resident, X external body, SYS system / batch.
PERFORMERS: tuple[str, ...] = ("R", "S", "RS", "SR", "X", "SYS")


@dataclass(frozen=True)
class Department:
    """One department: code, display name, staff pools and counter behaviour."""

    code: str
    name: str
    pools: dict[str, int]
    ticket: str | None = None  # activity id of the department's queue ticket
    wait_median: float = 10.0  # queue wait in minutes on a normal day
    walk: tuple[float, float] = (2.0, 5.0)  # minutes to walk to this counter
    prequeue_roles: tuple[str, ...] = ()  # roles serving before the queue (総合案内)
    staff_code: str = ""  # prefix of staff ids when the city's format uses one
    counter_wait: dict[str, float] = field(default_factory=dict)  # median wait per counter
    peak_wait: tuple[float, float] = (3.0, 4.0)  # wait factor in the peak season
    counter_peak: tuple[float, float] = (1.5, 2.5)  # … at the counters of ``counter_wait``


@dataclass(frozen=True)
class Activity:
    """One activity of the catalog (one row of the koyo-city §3.4 tables)."""

    id: str
    dept: str
    system: str
    label: str
    performer: str
    role: str  # staff pool, external body, or "" for R / SYS
    fields: tuple[str, ...]
    gt: str  # duplicate cluster id, "HN:<group>", "AUTH", "HANDOFF" or ""
    median: float  # service minutes
    p10: float | None = None
    p90: float | None = None
    aliases: tuple[str, ...] = ()
    pool: str = ""  # department whose staff pool serves (default: ``dept``)

    @property
    def cluster(self) -> str:
        return "" if self.gt.startswith("HN:") else self.gt

    @property
    def negative_group(self) -> str:
        return self.gt[3:] if self.gt.startswith("HN:") else ""


@dataclass(frozen=True)
class Column:
    """A data column of an export: header, the field it holds and how it is written.

    ``field`` is a field code (``NAME``, ``ADDR`` …), several codes joined by ``|``
    (the first one the activity captures wins), or ``@<attr>`` for a case attribute
    written on every row. ``part`` selects a part of a composite value (bank account,
    child, employer) and ``style`` the notation.
    """

    header: str
    field: str
    style: str = ""
    part: str = ""


@dataclass(frozen=True)
class System:
    """One export file written by one department system."""

    key: str
    file: str
    system: str
    department: str | None  # department code; None = taken from ``dept_column``
    encoding: str  # "utf-8", "utf-8-sig" or "cp932"
    newline: str
    ts_style: str  # "slash", "iso", "iso_t", "era"
    sort: str  # "time", "time_desc", "person", "case"
    case_col: str
    case_format: str
    activity_col: str
    ts_col: str
    resource_col: str
    person_col: str
    end_col: str | None = None
    dept_column: str | None = None
    columns: tuple[Column, ...] = ()
    #: order of the role columns (data columns follow)
    order: tuple[str, ...] = ("case", "dept", "activity", "ts", "end", "resource", "person")
    delimiter: str = ","
    label_suffix: str = "_窓口"  # what the system appends to counter steps in some labels
    #: role → header written into procmine.toml (headers procmine would not recognise)
    toml_columns: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Block:
    """A run of activities of one department inside a route.

    ``steps`` is a space-separated list of activity ids, each optionally followed by
    ``?flag`` (only when the flag is set) and, for back-office blocks, ``@a-b`` (delay in
    days after the previous step), ``@=MM/DD`` (next such date) or ``@m`` (next monthly
    batch). ``kind`` is ``counter`` (resident at a counter, with a queue ticket),
    ``desk`` (counter without ticket), ``online`` (resident, any hour) or ``back``.
    """

    dept: str
    steps: str
    when: str = ""  # flag that must be set ("" = always; "a&b" = all)
    kind: str = "counter"
    subject: str = "main"  # "main", "newborn", "heir"
    shuffle: bool = False  # may be reordered / postponed to a revisit
    own_case: bool = False  # the department opens a separate case for this block
    counter: str = ""  # counter (窓口) inside the department; another counter = another ticket
    #: repeat the steps per child: "kid" (<18), "school" (6–14), "young" (0–12), "small"
    #: (0–5); "first_small" once if there is such a child
    each: str = ""


@dataclass(frozen=True)
class Detour:
    """Ping-pong: after ``after`` the resident is sent to another counter and comes back."""

    flag: str
    after: str
    detour: tuple[Block, ...]
    resume: str  # steps done on return, before the rest of the interrupted block
    purpose: str = ""


@dataclass(frozen=True)
class LifeEvent:
    """A life event (or another trigger) and its As-Is route through the departments."""

    name: str
    weight: float
    age: tuple[int, int]
    flags: dict[str, float]  # independent flags with their probabilities
    requires: dict[str, str] = field(default_factory=dict)  # flag -> parent flag
    #: probabilities that replace ``flags`` when a household flag is set: {flag: {flag: p}}
    flags_if: dict[str, dict[str, float]] = field(default_factory=dict)
    one_of: dict[str, float] = field(default_factory=dict)  # exclusive options
    age_if: dict[str, tuple[int, int]] = field(default_factory=dict)
    visit: tuple[Block, ...] = ()
    back: tuple[Block, ...] = ()
    detours: tuple[Detour, ...] = ()
    peak: float = 1.0  # volume factor in the peak season
    winter: float = 1.0  # volume factor in December–February
    season: tuple[str, str] | None = None  # only between these MM/DD dates
    later_visit: tuple[int, int] | None = None  # days until the 2nd visit (blocks "visit2")
    visit2: tuple[Block, ...] = ()
    revisit: float = 0.06
    shuffle: float = 0.30
    proxy: float = 0.0  # share filed by a proxy (代理人 / 葬儀社)
    channel: str = "窓口"
    flag_channel: dict[str, str] = field(default_factory=dict)  # flag -> channel


@dataclass(frozen=True)
class SiloRates:
    """Planted inconsistency rates of one department's copy of resident data (§3.7)."""

    addr_format: float = 0.30
    kata_missing: float = 0.12
    addr_stale: float = 0.01
    itaiji: float = 0.04  # among names that have a variant character
    name_typo: float = 0.002
    kana_variant: float = 0.025
    kana_missing: float = 0.05
    dob_typo: float = 0.003
    sex_typo: float = 0.0005
    tel_legit: float = 0.20
    tel_stale: float = 0.05
    tel_format: float = 0.10
    mynum_missing: float = 0.10
    mynum_wrong: float = 0.0001
    bank_legit: float = 0.25
    bank_stale: float = 0.015
    bank_kana: float = 0.005
    bank_family: float = 0.0025
    income_stale: float = 0.0075
    income_year: float = 0.02
    hh_legit: float = 0.0
    hh_stale: float = 0.01
    old_surname: float = 0.0  # among residents married in the last three years
    care_stale: float = 0.0
    disab_stale: float = 0.0
    authoritative: bool = False

    def linked(self) -> SiloRates:
        """The rates after 庁内連携 / 統合宛名 (To-Be): copies follow 住基, formats stay.

        Phone numbers keep their drift (no master), accounts their legitimate differences.
        """
        return SiloRates(
            addr_format=self.addr_format,
            kata_missing=0.0,
            addr_stale=0.0,
            itaiji=0.0,
            name_typo=0.0,
            kana_variant=0.0,
            kana_missing=0.0,
            dob_typo=0.0,
            sex_typo=0.0,
            tel_legit=self.tel_legit,
            tel_stale=self.tel_stale,
            tel_format=self.tel_format,
            mynum_missing=0.0,
            mynum_wrong=0.0,
            bank_legit=self.bank_legit,
            bank_stale=0.0,
            bank_kana=0.0,
            bank_family=0.0,
            income_stale=0.0,
            income_year=0.0,
            hh_legit=self.hh_legit,
            hh_stale=0.0,
            authoritative=self.authoritative,
        )


@dataclass(frozen=True)
class Words:
    """The word lists fictional residents of one city are made from."""

    city: str  # the city's name as written before a town in an address
    area_code: str  # telephone area code
    surnames: tuple[tuple[str, str], ...]  # (surname, kana)
    given_young: tuple[tuple[str, str, str], ...]  # (name, kana, sex), born after ~1980
    given_old: tuple[tuple[str, str, str], ...]
    itaiji: dict[str, str]  # plain → variant character
    name_typos: dict[str, str]
    towns: tuple[tuple[str, bool, int], ...]  # (town, has 丁目, max 丁目); "大字…" = 番地 only
    buildings: tuple[str, ...]
    other_places: tuple[str, ...]  # addresses outside the city (前住所, 転出先)
    banks: tuple[tuple[str, tuple[str, ...]], ...]  # (bank, branches)
    employers: tuple[str, ...]
    insurance: tuple[str, ...]  # the first three are employer schemes
    schools: tuple[str, ...]
    facilities: tuple[str, ...]
    doctors: tuple[str, ...]
    disabilities: tuple[str, ...]
    care_levels: tuple[str, ...]
    id_docs: tuple[str, ...]
    honseki_places: tuple[str, ...]
    pid_digits: int = 10  # digits of the common resident key


@dataclass(frozen=True)
class ToBe:
    """The reformed front yard (書かない・ワンストップ窓口, koyo-city §3.8 To-Be variant).

    Every counter visit starts at one counter of department ``front``: one queue ticket,
    one identity check, one My Number check; each resident-written form is replaced by the
    front-yard staff's interview (``interview``, 2–4 min per procedure, logged in the
    system of the procedure) and the resident's signature (``signature``, 0.5 min); the
    departments' own steps run beside it (同席 / リモート); re-keying and 住基 look-ups are
    done by the system in seconds; certificates the city issues to itself are no longer
    asked for; guidance is given once.
    """

    front: str  # department code of the one-stop counter
    role: str  # its staff pool
    staff: int  # pool size
    ticket: str  # activity ids of the front yard's own steps
    id_check: str
    num_check: str
    guide: str
    interview: str = "聞き取り・申請書作成"
    signature: str = "署名"
    extra: tuple[Activity, ...] = ()  # front-yard activities the As-Is catalog lacks
    # Waits at ``front`` are the As-Is ones × ``wait_factor`` on every day: 鹿児島's −60 %
    # (58 → 23 min [S30]) was measured in the peak, but its cause (a shorter service per
    # resident, no form to write) shortens the queue on ordinary days as well.
    wait_factor: float = 0.4
    revisit: float = 0.01
    rework: float = 0.015


#: Days a Japanese city office is closed in the simulated years besides weekends: national
#: holidays and the New Year closure.
NATIONAL_HOLIDAYS: tuple[str, ...] = (
    "2025-04-29",
    "2025-05-05",
    "2025-05-06",
    "2025-07-21",
    "2025-08-11",
    "2025-09-15",
    "2025-09-23",
    "2025-10-13",
    "2025-11-03",
    "2025-11-24",
    "2025-12-29",
    "2025-12-30",
    "2025-12-31",
    "2026-01-01",
    "2026-01-02",
    "2026-01-12",
    "2026-02-11",
    "2026-02-23",
    "2026-03-20",
    "2026-04-29",
    "2026-05-04",
    "2026-05-05",
    "2026-05-06",
    "2026-07-20",
    "2026-08-11",
    "2026-09-21",
    "2026-09-22",
    "2026-09-23",
    "2026-10-12",
    "2026-11-03",
    "2026-11-23",
    "2026-12-29",
    "2026-12-30",
    "2026-12-31",
    "2027-01-01",
    "2027-01-11",
)


@dataclass(frozen=True)
class City:
    """Everything that defines a sample city."""

    name: str
    start: str  # first day of the simulated year, YYYY-MM-DD
    days: int
    holidays: tuple[str, ...]
    peak: tuple[str, str]  # MM/DD .. MM/DD
    departments: tuple[Department, ...]
    externals: dict[str, int]
    activities: tuple[Activity, ...]
    systems: tuple[System, ...]
    silo_rates: dict[str, SiloRates]
    life_events: tuple[LifeEvent, ...]
    hourly: dict[int, float]
    rework: float = 0.10
    sizes: dict[str, int] = field(default_factory=dict)
    label_noise: float = 0.10
    decoys: tuple[tuple[str, str, str], ...] = ()  # (system key, header, looks like)
    providers: dict[str, str] = field(default_factory=dict)  # cluster -> answering activity
    #: activities listed with a hard-negative group although they belong to a cluster
    negative_extra: dict[str, tuple[str, ...]] = field(default_factory=dict)
    readme: str = ""
    truth_notes: str = ""  # city-specific notes appended to truth/README.md
    words: Words | None = None
    #: share of families with 1, 2, 3 … children
    children: tuple[float, ...] = (0.40, 0.45, 0.15)
    #: extra service minutes per further household member, by activity id (異動届, カード)
    per_person: dict[str, float] = field(default_factory=dict)
    tobe: ToBe | None = None
    #: share of couples who split up after the first department, each partner queueing
    #: at half of the remaining counters
    split: float = 0.0
    resident_id: str = "RESIDENT"  # resource of steps the resident performs
    system_id: str = "SYSTEM"  # resource of system and batch steps
    staff_id: str = "{dept}-{role}-{n:02d}"  # staff resource: dept, code, role, n
    external_id: str = "{role}-{n:02d}"  # external body: role, n

    def department(self, code: str) -> Department:
        for d in self.departments:
            if d.code == code:
                return d
        raise KeyError(code)


def parse_activities(dept: str, table: str) -> list[Activity]:
    """Parse one department's activity table.

    Each non-empty line is ``id | system | label | performer | role | fields | gt |
    duration [| aliases]``; ``-`` means empty, fields are space-separated, the duration is
    ``median`` or ``median/p10/p90`` minutes and aliases are separated by ``;``.

    Examples
    --------
    >>> a = parse_activities("X", "X01 | s | 受付 | S | 係 | NAME ADDR | ID | 2/1/3 | 旧受付")[0]
    >>> a.label, a.fields, a.p90, a.aliases
    ('受付', ('NAME', 'ADDR'), 3.0, ('旧受付',))
    """
    out: list[Activity] = []
    for raw in table.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split("|")]
        aid, system, label, perf, role, fields, gt, dur = parts[:8]
        aliases = tuple(a for a in parts[8].split(";") if a) if len(parts) > 8 else ()
        nums = [float(x) for x in dur.split("/")]
        out.append(
            Activity(
                id=aid,
                dept=dept,
                system=system,
                label=label,
                performer=perf,
                role="" if role == "-" else role,
                fields=() if fields == "-" else tuple(fields.split()),
                gt="" if gt == "-" else gt,
                median=nums[0],
                p10=nums[1] if len(nums) == 3 else None,
                p90=nums[2] if len(nums) == 3 else None,
                aliases=aliases,
            )
        )
    return out
