"""Consolidation candidates: which duplicated work to remove first, and what it is worth.

Savings model (stated in the report and in ``candidates.csv``)
----------------------------------------------------------------
For a duplicate cluster (the same work done in several departments):

* An execution is **redundant** when the same resident (the ``person`` key; without one,
  the same case) already had an execution of the same cluster, in any department, within
  ``window_days`` before it. The first execution is necessary; the rest could go.
* Each redundant execution counts the median **measured** handling time of its activity
  (``end - timestamp``, for a step most of whose executions have an end time). A step
  without one counts 0 minutes: the gap to the next event of the case is not a handling
  time (it includes the wait for the next step: seconds at a counter, hours or days in a
  back office, and no log without end times tells which), and a time borrowed from other
  departments is not this step's. Such executions are still counted as redundant, and the
  ``assumption`` says how many of them have no measured time, so the hours are a lower
  bound, like the workload. ``minutes_per_execution`` is the mean over the redundant
  executions, so ``hours = redundant executions × minutes_per_execution / 60`` holds
  exactly.
* The minutes saved on a step never exceed the measured handling time of all its
  executions (the median can exceed the mean; a cap that rarely binds, stated in the
  ``assumption`` when it does), so no candidate saves more than the workload of the steps
  it removes, and all candidates together no more than the workload measured.
* ``hours_saved_per_year = redundant executions × minutes / 60 × 365 / period_days``, where
  ``period_days`` is the span over which the cases started, plus one day (or the
  ``period_days`` option). It is split
  into ``staff_hours_per_year`` (steps staff perform, or an unknown performer: the staff
  hours of the report's workload) and ``resident_hours_per_year`` (steps residents perform
  themselves, such as writing a form, and the wait that follows a system step such as a
  queue ticket: the mean of the median waits on its outgoing edges, a measured wait, not
  a handling time). Steps of external bodies count in neither, as in the workload.
  Candidates are ranked by the sum.
* ``fte = staff_hours_per_year / hours_per_fte`` and ``cost_saved_per_year`` =
  ``staff_hours_per_year × hourly_rate``.

For a silo (the same field kept by several departments), every value captured by a
department that is not the field's authoritative source is a re-capture of data the
organisation already holds: ``minutes_per_field_entry`` (default 0.5 min) per value —
counting only values captured by steps outside every duplicate cluster, since the forms
and re-keying steps of a cluster are counted with the cluster, and only by steps with a
measured handling time, whose measured time also caps the minutes all silo candidates
take from them (staff or residents' time by who performs the step).

Each candidate is tied to one principle of フロントヤード改革 (``kakasenai`` 書かせない,
``matasenai`` 待たせない, ``mayowasenai`` 迷わせない, ``ikasenai`` 行かせない) by what its
activities are: resident-performed steps that capture data → 書かせない; guidance steps
→ 迷わせない; certificates the organisation issues to itself → 行かせない; other counter
and back-office steps (queue tickets, identity checks, re-keying, inquiries) → 待たせない.

Kinds and their redundancy rule
-------------------------------
The kind of a cluster follows from its members (labels read only for common words): a
**guidance** or **certificate** step, a resident's **form**, a system step followed by a
wait (**queue**) or not (**batch**), a check of a **My Number** (staff steps whose data
columns, at most two, hold a field of type ``my_number``), an **account** registration
(staff steps most of which fill a column of type ``bank_account``), an **inquiry** (most labels
name an inquiry or a look-up: 照会, 照合, 問合せ, inquiry, lookup, query), **re-keying**
(staff steps that fill three or more columns), an **identity** check (most labels name a
person and a check: 本人確認, 申請者確認, identity check …) or another **check**. Inquiries ask one
department for data another one holds: data linkage replaces every one of them, so
every execution of an inquiry cluster is redundant (not only the repeats within the
window). Re-keying is the same for the steps that key in data whose authoritative copy
another department keeps (more of their columns are copies of a silo field than its
authoritative copy): linkage replaces every such execution, however long after the
resident was first registered; the other re-keying steps (the first capture, at the
authoritative source, and a form the resident writes, which linkage does not remove) keep
the window rule. Every other kind keeps the first execution per resident and window.

Each kind maps to a priority theme (``dx_theme``) of the national 自治体DX推進計画
(:data:`DX_THEMES`).

Candidates are reforms
----------------------
The clusters one reform removes are one candidate (:data:`_REFORM_OF`), its figures summed
over them: one queue, one identity check at a one-stop counter (identity and My Number
checks together: the My Number Card proves both), one account register (which also takes
over the bank-account silo's re-captured values), one checklist, one rule against in-house
certificates, one form service, re-keying and inquiries replaced by data linkage. Other
checks and batch steps stay one candidate per cluster. ``clusters`` lists a candidate's
clusters, ``cluster`` is the one saving most.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections.abc import Collection
from dataclasses import dataclass
from typing import SupportsFloat

import pandas as pd

from procmine._memory import release_memory
from procmine.model import ACTIVITY, CASE, PERSON, TIMESTAMP, Dataset, ProcessMap

__all__ = ["CANDIDATE_COLUMNS", "DX_THEMES", "candidate_titles", "rank_candidates"]

CANDIDATE_COLUMNS = [
    "rank",
    "title",
    "principle",
    "departments",
    "activities",
    "hours_saved_per_year",
    "staff_hours_per_year",
    "resident_hours_per_year",
    "fte",
    "cost_saved_per_year",
    "redundant_executions_per_year",
    "executions_per_year",
    "minutes_per_execution",
    "kind",
    "dx_theme",
    "basis",
    "confidence",
    "effort",
    "assumption",
    "lead",
    "n_departments",
    "cluster",
    "clusters",
]

#: Default hourly staff cost in yen: a municipal employee's average monthly pay with
#: allowances (≈ 400,000 yen, 総務省 地方公務員給与実態調査) × 1.3 for employer costs,
#: over ≈ 155 working hours a month ≈ 3,400 yen/h. Override with ``hourly_rate``.
DEFAULT_HOURLY_RATE = 3400.0
DEFAULT_HOURS_PER_FTE = 1800.0

_GUIDE_WORDS = (
    "案内",
    "説明",
    "一覧",
    "チェックリスト",
    "guidance",
    "guide",
    "inform",
    "checklist",
)
_COPY_WORDS = ("証明書", "写し", "謄本", "抄本", "添付", "certificate", "copy", "attachment")
_INQUIRY_WORDS = ("照会", "照合", "問合", "問い合", "inquiry", "lookup", "look-up", "query")
#: An identity check: a label that checks who the person is — 本人確認, 身元確認, 身分証確認,
#: a person checked as such (申請者確認, 来庁者の確認, 届出人の本人確認), or in English the
#: identity / ID with a check, or a person as the whole object of one (applicant check,
#: verify the visitor). 申請者の所得確認 (the applicant's income) or "check the applicant's
#: income" check data, not the person.
_PERSONS_JA = (
    "申請者|申請人|届出人|届出者|申出人|申出者|来庁者|来所者|来訪者|保護者|請求者|代理人|相談者"
)
_IDENTITY_JA = re.compile(
    r"(本人|身元|身分証?|身分証明書?|id|運転免許証|免許証|旅券|パスポート|在留カード)(等)?(の|を)?"
    r"(確認|チェック|照合)"
    rf"|({_PERSONS_JA})(本人)?(の|を)?(確認|チェック)"
)
_PERSONS_EN = r"(applicant|visitor|claimant|caller)"
_CHECKS_EN = r"(check|verify|verification|confirm|confirmation|validate|validation)"
_IDENTITY_EN = re.compile(
    # identity / identification with a check anywhere in the label
    r"\b(identity|identification)\b.*\b(check|verif|confirm|validat|proof)"
    r"|\b(check|verif|confirm|validat|proof)\w*\b.*\b(identity|identification)\b"
    # an ID only as the object of the check, not "invoice ID" or "claim ID"
    rf"|\b{_CHECKS_EN}\s+(the\s+)?({_PERSONS_EN}'?s?\s+)?(photo\s+)?ids?\b(?!\s+(number|no)\b)"
    rf"|(^|\b{_PERSONS_EN}'?s?\s+)(photo\s+)?id\s+{_CHECKS_EN}\b"
    # a person as the whole object: "applicant check", "verify the visitor"
    rf"|\b{_PERSONS_EN}s?\s+(check|verification|confirmation)\b(?!-)"
    rf"|\b(check|verify|confirm)\s+(the\s+)?{_PERSONS_EN}s?$"
)
_EFFORT = {
    "batch": 2,
    "queue": 1,
    "guidance": 1,
    "certificate": 1,
    "check": 2,
    "identity": 2,
    "mynumber": 2,
    "account": 3,
    "inquiry": 3,
    "form": 2,
    "rekey": 3,
    "silo": 3,
}

#: Priority theme (重点取組事項) of the national 自治体DX推進計画 (総務省, 第2.3版 2024 / 第3.0版)
#: each kind of candidate serves: counter steps the resident meets (forms, queues, checks,
#: guidance, certificates) belong to the front-yard reform (書かない・ワンストップ窓口); My
#: Number checks to the use of the My Number Card; inquiries, re-keying, account
#: registers and copies of one field to the standardised, linked information systems;
#: batch steps to AI/RPA.
DX_THEMES: dict[str, str] = {
    "form": "frontyard",
    "queue": "frontyard",
    "guidance": "frontyard",
    "certificate": "frontyard",
    "check": "frontyard",
    "identity": "frontyard",
    "mynumber": "mynumber_card",
    "account": "standardization",
    "inquiry": "standardization",
    "rekey": "standardization",
    "silo": "standardization",
    "batch": "ai_rpa",
}


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _has(labels: list[str], words: tuple[str, ...]) -> bool:
    return sum(any(w in _norm(x) for w in words) for x in labels) * 2 > len(labels)


#: A label naming keying data in (入力, 登録, entry, input, keying).
_KEYING = re.compile(r"入力|登録|登載|\b(?:entry|input|key(?:ed|ing)?|regist\w*)\b")


def _names_writing(label: str) -> bool:
    """A label of the resident writing a form (記入, "form filled in"), as the matcher reads
    it (:data:`procmine.match._score.WRITING`)."""
    from procmine.match._score import WRITING
    from procmine.text.normalize import label_terms

    return bool(WRITING.intersection(label_terms(label).words))


def _names_identity(label: str) -> bool:
    text = _norm(label).strip()
    return bool(_IDENTITY_JA.search(text) or _IDENTITY_EN.search(text))


def _kind(members: pd.DataFrame) -> tuple[str, str]:
    """(kind, principle) of a duplicate cluster from its members' labels and statistics.

    ``members`` has ``activity, performer, nfields, wait_after``, ``my_number`` and
    ``account`` (does the activity fill a column holding a My Number, a bank account), and
    ``events`` (executions; the performer of most executions decides).
    """
    labels = members["activity"].tolist()
    # Who does the cluster's work: the performer of most of its executions (each member
    # counts once more, so that members without events — process models — still count).
    weight = members["events"].fillna(0).astype(float) + 1.0 if "events" in members else 1.0
    performers = (
        pd.Series(weight, index=members.index)
        .groupby(members["performer"].fillna("unknown"))
        .sum()
        .sort_index()
        .sort_values(ascending=False, kind="stable")
    )
    top = performers.index[0] if len(performers) else "unknown"
    nfields = members["nfields"].median() if len(members) else 0
    if _has(labels, _GUIDE_WORDS):
        return "guidance", "mayowasenai"
    if _has(labels, _COPY_WORDS):
        return "certificate", "ikasenai"
    if top == "resident" and nfields >= 1:
        return "form", "kakasenai"
    if top == "system":
        # A system step the resident waits after (a ticket) is a queue; other system steps
        # (batch notices) cost neither staff nor resident time.
        queued = members["wait_after"].notna().sum() * 2 > len(members)
        return ("queue", "matasenai") if queued else ("batch", "matasenai")
    # labels that say so decide over data a log writes on every row of a case (the record
    # beside an identity check is not what the check captures) — unless they also name
    # keying the data in (本人確認・転入届入力 is re-keying)
    if not any(_KEYING.search(_norm(label)) for label in labels):
        if sum(map(_names_identity, labels)) * 2 > len(labels):
            return "identity", "matasenai"
        if sum(map(_names_writing, labels)) * 2 > len(labels):
            return "form", "kakasenai"
    if nfields <= 2 and "my_number" in members and members["my_number"].sum() * 2 > len(members):
        return "mynumber", "matasenai"
    if "account" in members and members["account"].sum() * 2 > len(members):
        return "account", "kakasenai"
    if _has(labels, _INQUIRY_WORDS):
        return "inquiry", "matasenai"
    if nfields >= 3 or (nfields >= 1 and _keys_in(labels)):
        return "rekey", "kakasenai"
    return "check", "matasenai"


def _keys_in(labels: list[str]) -> bool:
    """Whether most ``labels`` name keying data into a register (入力, 登録, 更新, 補正;
    "enter", "update": :attr:`procmine.text.normalize.LabelTerms.action` ``entry``): one
    field keyed again (a new address into each ledger) is re-keying too, not a check."""
    from procmine.text.normalize import label_terms

    return sum(label_terms(x).action == "entry" for x in labels) * 2 > len(labels)


_TITLES = {
    "ja": {
        "form": "「{a}」など{n}課の記入を1回に（書かない窓口・事前記入）",
        "queue": "「{a}」を来庁1回につき1回に（発券・受付の一本化）",
        "guidance": "「{a}」をライフイベント別の案内1回に",
        "certificate": "「{a}」など庁内で発行する証明書の添付を不要に（公用請求・情報連携）",
        "check": "「{a}」など{n}課で繰り返す確認を1回に（ワンストップ）",
        "identity": "「{a}」など{n}課で繰り返す本人確認を1回に（ワンストップ窓口・マイナンバーカードで身元と番号を確認）",
        "mynumber": "「{a}」など{n}課の個人番号確認を1回に（マイナンバーカード・庁内連携）",
        "account": "「{a}」など{n}課の口座登録を1か所に（口座情報の一元管理・公金受取口座）",
        "inquiry": "「{a}」など{n}課の庁内照会を情報連携に置き換える（住所・所得などの照会をなくす）",
        "rekey": "「{a}」など{n}課の二重入力をなくす（庁内連携・統合宛名）",
        "silo": "「{a}」の保有元を1つに決め、各課は庁内連携で参照（{n}課が個別に保有）",
        "batch": "「{a}」など{n}課の自動処理を統合",
    },
    "en": {
        "form": "Write once instead of in {n} departments, starting with “{a}” (pre-filled forms)",
        "queue": "One “{a}” per visit (a single queue and reception)",
        "guidance": "One life-event checklist instead of “{a}” at every counter",
        "certificate": "Stop asking for in-house certificates such as “{a}” (internal data linkage)",
        "check": "Check once instead of in {n} departments, starting with “{a}” (one-stop counter)",
        "identity": "One identity check instead of one in each of {n} departments, starting with "
        "“{a}” (one-stop counter: the My Number Card proves identity and number at once)",
        "account": "One account register instead of “{a}” in {n} departments "
        "(shared account data, public-fund receiving account)",
        "mynumber": "Check the My Number once instead of in {n} departments, starting with “{a}” "
        "(My Number Card, internal linkage)",
        "inquiry": "Replace inquiries such as “{a}” in {n} departments with internal data linkage "
        "(no more address or income inquiries)",
        "rekey": "Stop re-keying in {n} departments, starting with “{a}” (data linkage, one person register)",
        "silo": "Decide one source for “{a}” and refer to it by internal data linkage instead of {n} separate copies",
        "batch": "Merge the batch step “{a}” of {n} departments",
    },
}


def candidate_titles(candidates: pd.DataFrame, lang: str) -> pd.Series:
    """The candidates' titles in ``lang`` ("ja" or "en"), from their kind and lead activity."""
    from procmine.fields._profile import field_label

    templates = _TITLES[lang]
    return pd.Series(
        [
            templates[k].format(a=field_label(str(a), lang) if k == "silo" else a, n=n)
            for k, a, n in zip(
                candidates["kind"], candidates["lead"], candidates["n_departments"], strict=True
            )
        ],
        index=candidates.index,
        dtype="object",
    )


#: Performers whose handling time is staff time (the report's workload counts the same);
#: a step residents perform counts as their time; system and external steps as neither.
STAFF_PERFORMERS: tuple[str, ...] = ("staff", "unknown")
RESIDENT_PERFORMER = "resident"

_ACT_COLUMNS = [
    "department",
    "activity",
    "performer",
    "median_minutes",
    "measured_minutes",
    "measured_hours",
    "nfields",
    "events",
    "wait_after",
    "my_number",
    "account",
    "source",
    "copy",
]


def _typed_columns(silos: pd.DataFrame | None, field_type: str) -> set[tuple[str, str]]:
    """(department, column) of every column the silo stage gave ``field_type``."""
    if silos is None or silos.empty or "field_type" not in silos:
        return set()
    typed = silos[silos["field_type"].astype("string").eq(field_type).fillna(False)]
    return set(zip(typed["department"].astype(str), typed["column"].astype(str), strict=True))


def _silo_columns(silos: pd.DataFrame | None) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(department, column) of the authoritative copies of silo fields, and of the others."""
    if silos is None or silos.empty or "authoritative" not in silos:
        return set(), set()
    auth = silos["authoritative"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    cols = list(zip(silos["department"].astype(str), silos["column"].astype(str), strict=True))
    return (
        {c for c, a in zip(cols, auth, strict=True) if a},
        {c for c, a in zip(cols, auth, strict=True) if not a},
    )


def _activity_table(maps: dict[str, ProcessMap], silos: pd.DataFrame | None = None) -> pd.DataFrame:
    numbers = _typed_columns(silos, "my_number")
    accounts = _typed_columns(silos, "bank_account")
    sources, copies = _silo_columns(silos)
    from procmine.match._profile import department_wide_columns

    rows = []
    for dept, pm in maps.items():
        # columns nearly every step fills are the case's record carried on every row, not
        # data each step captures: only the resident's own steps (the form) write them
        wide = department_wide_columns(pm.graph)
        for act, attrs in pm.graph.nodes(data=True):
            fields = tuple(attrs.get("fields", ()) or ())
            if attrs.get("performer") != "resident":
                fields = tuple(f for f in fields if str(f) not in wide)
            measured = bool(attrs.get("duration_measured", False))
            rows.append(
                {
                    "department": dept,
                    "activity": act,
                    "performer": attrs.get("performer", "unknown"),
                    "median_minutes": attrs.get("median_minutes"),
                    # handling times from end columns only (see the savings model)
                    "measured_minutes": attrs.get("median_minutes") if measured else None,
                    "measured_hours": attrs.get("total_hours") if measured else None,
                    "nfields": len(fields),
                    "events": attrs.get("events", 0),
                    "wait_after": _wait_after(pm, act),
                    "my_number": any((dept, str(f)) in numbers for f in fields),
                    "account": any((dept, str(f)) in accounts for f in fields),
                    "source": sum((dept, str(f)) in sources for f in fields),
                    "copy": sum((dept, str(f)) in copies for f in fields),
                }
            )
    return pd.DataFrame(rows, columns=_ACT_COLUMNS)


def _cluster_kinds(clusters: pd.DataFrame, acts: pd.DataFrame) -> dict[object, tuple[str, str]]:
    """cluster → (kind, principle)."""
    if clusters.empty:
        return {}
    members = clusters.merge(acts, on=["department", "activity"], how="left")
    return {cid: _kind(mem) for cid, mem in members.groupby("cluster", sort=True)}


def _held_in(members: pd.DataFrame, maps: dict[str, ProcessMap], silos: pd.DataFrame | None) -> str:
    """``; silo 個人番号 (6 departments)``: the silo fields the members' columns belong to."""
    if silos is None or silos.empty:
        return ""
    column_field = {
        (str(d), str(c)): str(f)
        for f, d, c in zip(silos["field"], silos["department"], silos["column"], strict=True)
    }
    held = silos.groupby("field")["department"].nunique()
    found: set[str] = set()
    for dept, act in zip(members["department"], members["activity"], strict=True):
        pm = maps.get(dept)
        if pm is None or act not in pm.graph:
            continue
        for column in pm.graph.nodes[act].get("fields", ()) or ():
            field = column_field.get((str(dept), str(column)))
            if field is not None and held.get(field, 0) > 1:
                found.add(field)
    return "".join(f"; silo {f} ({int(held[f])} departments)" for f in sorted(found))


#: Kinds whose every execution is redundant (data linkage replaces each one).
_EVERY_EXECUTION = ("inquiry",)


def _every_execution(
    clusters: pd.DataFrame, acts: pd.DataFrame, kinds: dict[object, tuple[str, str]]
) -> set[tuple[str, str]]:
    """(department, activity) of the cluster members whose every execution is redundant:
    inquiries, and re-keying of data another department keeps the authoritative copy of
    (more of the step's columns are copies of silo fields than authoritative copies) by
    staff: a form the resident writes, even in a re-keying cluster, is not re-keying, and
    data linkage does not remove the filing (its repeats keep the window rule)."""
    members = clusters.merge(acts, on=["department", "activity"], how="left")
    kind = members["cluster"].map(lambda c: kinds[c][0])
    rekeys = (
        kind.eq("rekey")
        & (members["copy"].fillna(0) > members["source"].fillna(0))
        & members["performer"].ne(RESIDENT_PERFORMER)
    )
    every = kind.isin(_EVERY_EXECUTION) | rekeys
    chosen = members[every.to_numpy(dtype=bool)]
    return set(zip(chosen["department"].astype(str), chosen["activity"].astype(str), strict=True))


#: A wait after a system step longer than this is not a queue (it is a batch or a hand-over).
MAX_QUEUE_MINUTES = 240.0


def _wait_after(pm: ProcessMap, activity: str) -> float | None:
    """Mean of the median waits on the activity's outgoing edges, weighted by their counts;
    only waits of a queue (at most :data:`MAX_QUEUE_MINUTES`) count."""
    edges = [
        (d.get("count", 0), d.get("median_wait_minutes"))
        for _, _, d in pm.graph.out_edges(activity, data=True)
    ]
    edges = [(n, w) for n, w in edges if w is not None and n and w <= MAX_QUEUE_MINUTES]
    total = sum(n for n, _ in edges)
    return sum(n * w for n, w in edges) / total if total else None


def _all_events(
    dataset: Dataset, maps: dict[str, ProcessMap], clusters: pd.DataFrame
) -> pd.DataFrame:
    """The events of the members of ``clusters`` (labels merged as in the process maps),
    with their index in the department's log (``pos``), department and resident key
    (``who``); only those rows, so that the whole log is not copied."""
    wanted: dict[str, set[object]] = {}
    for dept, act in zip(clusters.get("department", []), clusters.get("activity", []), strict=True):
        wanted.setdefault(str(dept), set()).add(act)
    frames = []
    for dept, log in dataset.logs.items():
        activity = log.events[ACTIVITY]
        aliases = maps[dept].aliases if dept in maps else {}
        if aliases:
            from procmine.discover import apply_aliases

            activity = apply_aliases(activity, aliases)
        rows = activity.isin(list(wanted.get(dept, ()))).to_numpy(dtype=bool)
        ev = log.events.loc[rows, [CASE, TIMESTAMP, PERSON]].copy()
        ev.insert(1, ACTIVITY, activity[rows])
        ev["pos"] = log.events.index[rows]
        ev["department"] = dept
        who = ev[PERSON].astype("string")
        ev["who"] = who.where(who.notna() & who.ne(""), "case:" + dept + ":" + ev[CASE].astype(str))
        frames.append(ev)
    if not frames:
        return pd.DataFrame(columns=[CASE, ACTIVITY, TIMESTAMP, PERSON, "pos", "department", "who"])
    return pd.concat(frames, ignore_index=True)


def _assumption(kind: str, every: bool, window_days: float) -> str:
    """The redundancy rule a cluster candidate's hours rest on, in words."""
    window = f"repeat for the same resident within {window_days:g} days is redundant"
    if kind in _EVERY_EXECUTION:
        return "every inquiry is redundant (data linkage replaces it)"
    if kind == "rekey" and every:
        return (
            "every re-keying of data whose authoritative copy another department keeps is "
            f"redundant (data linkage replaces it); elsewhere a {window}"
        )
    return window


def _batches(kinds: dict[object, tuple[str, str]]) -> list[object]:
    """The clusters of batch steps (system steps no resident waits after)."""
    return [cid for cid, (kind, _) in kinds.items() if kind == "batch"]


def _flag_redundant(
    events: pd.DataFrame,
    clusters: pd.DataFrame,
    acts: pd.DataFrame,
    *,
    window_days: float,
    every: Collection[tuple[str, str]] = (),
    batch: Collection[object] = (),
) -> pd.DataFrame:
    """Events of duplicate clusters, each with its minutes, whether it is redundant (every
    execution of the ``(department, activity)`` members in ``every``; the system steps of
    the ``batch`` clusters count no one's time), whether it is a
    person's step without a measured handling time (``untimed``, 0 minutes) and, for the
    redundant ones, whether the step's measured total capped its minutes (``capped``)."""
    members = clusters[["cluster", "department", "activity"]]
    ev = events.merge(members, on=["department", "activity"])  # only members' events stay
    ev = ev.merge(
        acts[
            ["department", "activity", "measured_minutes", "measured_hours"]
            + ["performer", "wait_after"]
        ],
        on=["department", "activity"],
        how="left",
    )
    # Staff time for staff steps; the resident's time for steps they do themselves and
    # for the wait that follows a system step (a queue ticket); external bodies' steps
    # count in neither, as in the workload. Only measured handling times count: a step
    # without one counts 0 minutes (never the gap to the next event, never another
    # department's time) and is marked, so that the candidate says how many there are.
    performer = ev["performer"].fillna("unknown")
    # a wait after a system step is a resident's queue, except after a batch run
    system = performer.eq("system") & ~ev["cluster"].isin(list(batch))
    person = performer.isin(STAFF_PERFORMERS) | performer.eq(RESIDENT_PERFORMER)
    handling = pd.to_numeric(ev["measured_minutes"], errors="coerce").where(person)
    waits = pd.to_numeric(ev["wait_after"], errors="coerce")
    ev["minutes"] = waits.where(system, handling).astype(float).fillna(0.0)
    ev["untimed"] = (person & handling.isna()).to_numpy(dtype=bool)
    ev["resident"] = system | performer.eq(RESIDENT_PERFORMER)
    ev = ev.sort_values(["cluster", "who", TIMESTAMP, "department"], kind="stable")
    gap = ev.groupby(["cluster", "who"], sort=False)[TIMESTAMP].diff()
    ev["every"] = pd.MultiIndex.from_arrays([ev["department"], ev["activity"]]).isin(list(every))
    ev["redundant"] = (gap.notna() & (gap <= pd.Timedelta(days=window_days))) | ev["every"]
    return _cap_at_measured(ev, person)


def _cap_at_measured(ev: pd.DataFrame, person: pd.Series) -> pd.DataFrame:
    """Scale the minutes of a person's step's redundant executions down to the measured
    handling time of all its executions (``measured_hours``) where they would exceed it: a
    step cannot save more time than it takes. ``capped`` marks the scaled executions."""
    red = ev["redundant"].to_numpy(dtype=bool) & person.reindex(ev.index).to_numpy(dtype=bool)
    key = [ev["department"], ev["activity"]]
    saved = ev["minutes"].where(red, 0.0).groupby(key, sort=False).transform("sum")
    total = pd.to_numeric(ev["measured_hours"], errors="coerce").fillna(0.0) * 60.0
    over = red & (saved > total * (1.0 + 1e-9)).to_numpy(dtype=bool)
    ratio = (total / saved.where(saved > 0)).fillna(0.0)
    ev["minutes"] = ev["minutes"].where(~over, ev["minutes"] * ratio)
    ev["capped"] = over
    return ev


_REDUNDANT_COLUMNS = ["cluster", "department", "activity", "pos", "who", TIMESTAMP, "minutes"]

#: The redundant executions :func:`rank_candidates` found, by id of the candidates frame it
#: returned, until :func:`redundant_events` takes them for the same inputs (the what-if).
_HANDOVER: dict[int, tuple] = {}


def _redundant_table(ev: pd.DataFrame) -> pd.DataFrame:
    out = ev[ev["redundant"]][_REDUNDANT_COLUMNS]
    return out.sort_values(["cluster", "department", "pos"], ignore_index=True)


def redundant_events(
    dataset: Dataset,
    maps: dict[str, ProcessMap],
    clusters: pd.DataFrame,
    *,
    window_days: float = 14.0,
    silos: pd.DataFrame | None = None,
    candidates: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The redundant executions of each duplicate cluster (see the savings model above).

    ``silos`` (the field types) tells My Number checks from other checks, as in
    :func:`rank_candidates`. ``candidates``: the frame :func:`rank_candidates` returned
    for these very inputs; the executions it found are then handed over instead of being
    found again (once; later calls find them again). Returns ``cluster, department,
    activity, pos`` (the event's index in its department's ``EventLog.events``), ``who``,
    ``timestamp`` and ``minutes``, sorted.
    """
    if candidates is not None:
        kept = _HANDOVER.pop(id(candidates), None)
        if kept is not None:
            ds, mp, cl, si, window, table = kept
            if (
                ds is dataset
                and mp is maps
                and cl is clusters
                and si is silos
                and window == window_days
            ):
                return table
    events = _all_events(dataset, maps, clusters)
    if clusters.empty or events.empty:
        return pd.DataFrame(columns=_REDUNDANT_COLUMNS)
    acts = _activity_table(maps, silos)
    kinds = _cluster_kinds(clusters, acts)
    every = _every_execution(clusters, acts, kinds)
    ev = _flag_redundant(
        events, clusters, acts, window_days=window_days, every=every, batch=_batches(kinds)
    )
    return _redundant_table(ev)


def observed_period_days(dataset: Dataset) -> float:
    """Days over which the cases of ``dataset`` started, plus one (365 without events).

    Back-office steps that run on after the last case started would otherwise stretch the
    period and shrink every yearly figure. The report's workload uses the same period.
    """
    starts = [
        log.events.groupby(CASE, sort=False)[TIMESTAMP].min()
        for log in dataset.logs.values()
        if len(log.events)
    ]
    if not starts:
        return 365.0
    first = min(s.min() for s in starts)
    last = max(s.max() for s in starts)
    return max((last - first).total_seconds() / 86400.0 + 1.0, 1.0)


#: Between the ids of a candidate's ``clusters``.
CLUSTER_SEP = " / "

#: Kinds whose clusters are one reform for the whole organisation: one queue, one identity
#: check at a one-stop counter (with the My Number Card, which proves identity and number
#: at once: 番号法 §16's 身元確認 and 番号確認), one account register, one life-event
#: checklist, one rule against in-house certificates, one form service, data linkage. A
#: reform's value is the sum over every cluster it removes, so it does not depend on how
#: finely the matcher split the work. Other checks and batch steps stay one per cluster.
_REFORM_OF = {
    "identity": "identity",
    "mynumber": "identity",
    "queue": "queue",
    "guidance": "guidance",
    "certificate": "certificate",
    "account": "account",
    "inquiry": "inquiry",
    "form": "form",
    "rekey": "rekey",
}


@dataclass(frozen=True)
class _Part:
    """One duplicate cluster's share of a candidate: its flagged executions summed."""

    cluster: object
    kind: str
    principle: str
    members: pd.DataFrame
    minutes: float
    resident_minutes: float
    redundant: int
    executions: int
    every: bool
    confidence: pd.Series
    untimed: int = 0
    capped: bool = False

    @classmethod
    def of(
        cls,
        cid: object,
        group: pd.DataFrame,
        members: pd.DataFrame,
        kind: tuple[str, str],
        clusters: pd.DataFrame,
    ) -> _Part:
        red = group[group["redundant"]]
        conf = (
            clusters.loc[clusters["cluster"] == cid, "confidence"]
            if "confidence" in clusters
            else None
        )
        return cls(
            cluster=cid,
            kind=kind[0],
            principle=kind[1],
            members=members,
            minutes=float(red["minutes"].sum()),
            resident_minutes=float(red.loc[red["resident"], "minutes"].sum()),
            redundant=len(red),
            executions=len(group),
            every=bool(group["every"].any()),
            confidence=conf if conf is not None else pd.Series(dtype=float),
            untimed=int(red["untimed"].sum()),
            capped=bool(red["capped"].any()),
        )


def _reforms(parts: list[_Part]) -> list[list[_Part]]:
    """The cluster parts grouped into reforms (:data:`_REFORM_OF`), each group's parts
    ordered by minutes saved (the first leads; then by redundant executions, so that a
    reform none of whose steps has a measured time is led by its most repeated one),
    groups in the order of their first cluster."""
    groups: dict[object, list[_Part]] = {}
    for part in parts:
        groups.setdefault(_REFORM_OF.get(part.kind, ("cluster", part.cluster)), []).append(part)
    return [
        sorted(g, key=lambda p: (-p.minutes, -p.redundant, _id_order(p.cluster)))
        for g in groups.values()
    ]


def _id_order(cluster: object) -> tuple[int, float, str]:
    """Sort key of a cluster id: numbers in numeric order, before other ids."""
    try:
        return (0, float(cluster), "")  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return (1, 0.0, str(cluster))


def _reform_row(
    parts: list[_Part],
    maps: dict[str, ProcessMap],
    silos: pd.DataFrame | None,
    per_year: float,
    period: float,
    window_days: float,
) -> dict[str, object]:
    """A candidate row for the clusters of one reform (see :data:`_REFORM_OF`)."""
    # identity checks and My Number checks together are one identity check at the counter
    kind = "identity" if any(p.kind == "identity" for p in parts) else parts[0].kind
    first = parts[0]
    mem = pd.concat([p.members for p in parts], ignore_index=True)
    total = sum(p.minutes for p in parts)
    resident = sum(p.resident_minutes for p in parts)
    n_red = sum(p.redundant for p in parts)
    lead = first.members.sort_values(["events", "department"], ascending=[False, True]).iloc[0]
    confidence = pd.concat([p.confidence for p in parts])
    rules = dict.fromkeys(_assumption(p.kind, p.every, window_days) for p in parts)
    timing = _timing(
        sum(p.untimed for p in parts) * per_year, n_red * per_year, any(p.capped for p in parts)
    )
    if len(parts) == 1:
        basis = f"duplicate cluster {first.cluster}"
    else:
        basis = "duplicate clusters " + ", ".join(
            f"{p.cluster} ({p.minutes / 60.0 * per_year:.1f} h)" for p in parts
        )
    named = [p.members for p in parts if p.kind in ("mynumber", "inquiry")]
    if named:
        basis += _held_in(pd.concat(named, ignore_index=True), maps, silos)
    return {
        "lead": lead["activity"],
        "n_departments": mem["department"].nunique(),
        "principle": first.principle,
        "departments": " / ".join(sorted(mem["department"].unique())),
        "activities": " / ".join(
            f"{d}:{a}" for d, a in sorted(set(zip(mem["department"], mem["activity"], strict=True)))
        ),
        "hours_saved_per_year": total / 60.0 * per_year,
        "staff_hours_per_year": (total - resident) / 60.0 * per_year,
        "resident_hours_per_year": resident / 60.0 * per_year,
        "redundant_executions_per_year": n_red * per_year,
        "executions_per_year": sum(p.executions for p in parts) * per_year,
        "minutes_per_execution": total / n_red if n_red else 0.0,
        "kind": kind,
        "dx_theme": DX_THEMES[kind],
        "basis": basis,
        "cluster": first.cluster,
        "clusters": CLUSTER_SEP.join(str(p.cluster) for p in parts),
        "confidence": float(confidence.mean()) if len(confidence) else None,
        "effort": _EFFORT[kind],
        "assumption": "; ".join(rules)
        + f"; median handling time{timing}; period {period:.0f} days extrapolated to a year",
    }


def _timing(
    untimed: float,
    redundant: float,
    capped: bool,
    *,
    what: str = "redundant executions a year have no measured handling time",
) -> str:
    """The parts of an assumption that say which redundant executions (or values: ``what``)
    count no time, and whether the steps' measured time capped the minutes; "" when neither.

    Examples
    --------
    >>> _timing(120.04, 300.0, False)
    '; 120.0 of 300.0 redundant executions a year have no measured handling time and count 0 h'
    >>> _timing(0.0, 300.0, True)
    "; capped at the steps' measured handling time"
    """
    out = ""
    if untimed > 0:
        out += f"; {untimed:.1f} of {redundant:.1f} {what} and count 0 h"
    if capped:
        out += "; capped at the steps' measured handling time"
    return out


def _field_type(group: pd.DataFrame) -> str | None:
    """The type most of a silo field's columns were given (None without types)."""
    if "field_type" not in group:
        return None
    types = group["field_type"].dropna().astype(str)
    return str(types.mode().sort_values().iloc[0]) if len(types) else None


def _figure(row: dict[str, object], key: str) -> float:
    """The number ``row[key]`` of a candidate row, as a float."""
    value = row[key]
    assert isinstance(value, SupportsFloat), key
    return float(value)


def _register_owns_accounts(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Fold the silo of a bank-account field into the account register's candidate.

    One account register *is* the single owner of the bank-account field: the two are one
    reform, so the values the silo re-captures outside every cluster join the register's
    redundant executions (at the silo's minutes per value) instead of being a candidate
    of their own. Without an account register candidate the silo stays as it is.
    """
    register = next((r for r in rows if r["kind"] == "account"), None)
    if register is None:
        return rows
    kept = []
    for row in rows:
        if row["kind"] != "silo" or row.get("_field_type") != "bank_account":
            kept.append(row)
            continue
        minutes = _figure(register, "minutes_per_execution") * _figure(
            register, "redundant_executions_per_year"
        ) + _figure(row, "minutes_per_execution") * _figure(row, "redundant_executions_per_year")
        for key in (
            "hours_saved_per_year",
            "staff_hours_per_year",
            "resident_hours_per_year",
            "redundant_executions_per_year",
            "executions_per_year",
        ):
            register[key] = _figure(register, key) + _figure(row, key)
        count = _figure(register, "redundant_executions_per_year")
        register["minutes_per_execution"] = minutes / count if count else 0.0
        register["basis"] = f"{register['basis']}; {row['basis']}"
        register["assumption"] = (
            f"{register['assumption']}; silo {row['lead']}: {row['assumption']}"
        )
        departments = set(str(register["departments"]).split(" / ")) | set(
            str(row["departments"]).split(" / ")
        )
        register["departments"] = " / ".join(sorted(departments))
        register["n_departments"] = len(departments)
    return kept


def _silo_captures(
    dataset: Dataset, maps: dict[str, ProcessMap], clusters: pd.DataFrame, silos: pd.DataFrame
) -> pd.DataFrame:
    """``field, department, activity, values``: the values of each silo field captured
    outside its authoritative copy, per step (labels merged as in the process maps), by
    steps outside every duplicate cluster — those of a cluster (forms, re-keying) are
    counted with the cluster."""
    clustered = set(zip(clusters.get("department", []), clusters.get("activity", []), strict=True))
    found: dict[tuple[str, str, str], int] = {}
    for field, group in silos.groupby("field", sort=True):
        auth = group[group["authoritative"]] if "authoritative" in group else group.iloc[:0]
        copies = group.drop(auth.index)
        for dept, column in zip(copies["department"], copies["column"], strict=True):
            log = dataset.logs.get(dept)
            if log is None or column not in log.events:
                continue
            col = log.events[column]
            aliases = maps[dept].aliases if dept in maps else {}
            filled = (col.notna() & col.astype("string").ne("")).to_numpy(dtype=bool)
            for raw, n in log.events.loc[filled, ACTIVITY].value_counts(sort=False).items():
                act = aliases.get(raw, raw)
                if (dept, act) not in clustered:
                    key = (str(field), str(dept), str(act))
                    found[key] = found.get(key, 0) + int(n)
    rows = [(f, d, a, n) for (f, d, a), n in sorted(found.items())]
    return pd.DataFrame(rows, columns=["field", "department", "activity", "values"])


def _silo_minutes(
    captures: pd.DataFrame, acts: pd.DataFrame, minutes_per_field_entry: float
) -> pd.DataFrame:
    """``captures`` with the minutes each step's values count (``staff``, ``resident``),
    whether the step has no measured handling time (``untimed``: 0 minutes) and whether its
    measured time capped them (``capped``): all silo candidates together take from a step
    at most the measured handling time of all its executions."""
    out = captures.merge(
        acts[["department", "activity", "performer", "measured_minutes", "measured_hours"]],
        on=["department", "activity"],
        how="left",
    )
    performer = out["performer"].fillna("unknown")
    person = performer.isin(STAFF_PERFORMERS) | performer.eq(RESIDENT_PERFORMER)
    measured = pd.to_numeric(out["measured_minutes"], errors="coerce").notna() & person
    budget = pd.to_numeric(out["measured_hours"], errors="coerce").fillna(0.0) * 60.0
    wanted = out["values"] * minutes_per_field_entry
    per_step = wanted.groupby([out["department"], out["activity"]]).transform("sum")
    scale = (budget / per_step.where(per_step > 0)).clip(upper=1.0).fillna(0.0)
    minutes = (wanted * scale).where(measured, 0.0)
    resident = performer.eq(RESIDENT_PERFORMER)
    out["staff"] = minutes.where(~resident, 0.0)
    out["resident"] = minutes.where(resident, 0.0)
    out["untimed"] = person & ~measured
    out["capped"] = measured & (per_step > budget * (1.0 + 1e-9))
    return out


def _silo_rows(
    dataset: Dataset,
    maps: dict[str, ProcessMap],
    clusters: pd.DataFrame,
    silos: pd.DataFrame,
    acts: pd.DataFrame,
    minutes_per_field_entry: float,
    per_year: float,
) -> list[dict[str, object]]:
    """One candidate per silo field: the values re-captured outside its authoritative copy
    (see the savings model), at ``minutes_per_field_entry`` each where the capturing step's
    handling time is measured, within that time."""
    captures = _silo_captures(dataset, maps, clusters, silos)
    steps = _silo_minutes(captures, acts, minutes_per_field_entry)
    rows: list[dict[str, object]] = []
    for field, group in silos.groupby("field", sort=True):
        mine = steps[steps["field"] == str(field)]
        captured = int(mine["values"].sum())
        staff, resident = float(mine["staff"].sum()), float(mine["resident"].sum())
        untimed = int(mine.loc[mine["untimed"], "values"].sum())
        rate = group["inconsistency_rate"].mean() if "inconsistency_rate" in group else None
        timing = _timing(
            untimed * per_year,
            captured * per_year,
            bool(mine["capped"].any()),
            what="values a year are captured by steps without a measured handling time",
        )
        rows.append(
            {
                "lead": field,
                "n_departments": group["department"].nunique(),
                "principle": "kakasenai",
                "departments": " / ".join(sorted(group["department"].unique())),
                "activities": "",
                "hours_saved_per_year": (staff + resident) / 60.0 * per_year,
                "staff_hours_per_year": staff / 60.0 * per_year,
                "resident_hours_per_year": resident / 60.0 * per_year,
                "redundant_executions_per_year": captured * per_year,
                "executions_per_year": captured * per_year,
                "minutes_per_execution": (staff + resident) / captured if captured else 0.0,
                "kind": "silo",
                "dx_theme": DX_THEMES["silo"],
                "cluster": None,
                "clusters": "",
                "basis": f"silo {field}: "
                + ", ".join(
                    f"{d}.{c}" for d, c in zip(group["department"], group["column"], strict=True)
                ),
                "confidence": None if rate is None or pd.isna(rate) else float(1.0 - rate),
                "effort": _EFFORT["silo"],
                "assumption": f"{minutes_per_field_entry:g} min per value re-captured outside the "
                "authoritative source by steps in no duplicate cluster (those are counted there)"
                f"{timing}; period extrapolated to a year",
                "_field_type": _field_type(group),
            }
        )
    return rows


def rank_candidates(
    dataset: Dataset,
    maps: dict[str, ProcessMap],
    clusters: pd.DataFrame,
    silos: pd.DataFrame,
    *,
    window_days: float = 14.0,
    period_days: float | None = None,
    hours_per_fte: float = DEFAULT_HOURS_PER_FTE,
    hourly_rate: float = DEFAULT_HOURLY_RATE,
    minutes_per_field_entry: float = 0.5,
    top: int | None = None,
    lang: str = "ja",
) -> pd.DataFrame:
    """Rank consolidation candidates by staff hours saved per year.

    Parameters
    ----------
    dataset, maps : the loaded logs and their process maps.
    clusters : DataFrame
        ``cluster, department, activity`` of the duplicate clusters.
    silos : DataFrame
        ``field, department, column, authoritative …`` from :func:`procmine.fields.match_fields`.
    window_days : float, default 14
        A repeat of the same work for the same resident within this many days is redundant.
    period_days : float, optional
        Length of the observed period; default: the days over which the cases started.
    hours_per_fte : float, default 1800
        Working hours of one full-time employee per year (人工).
    hourly_rate : float, default 3400
        Staff cost per hour in yen (see ``DEFAULT_HOURLY_RATE``).
    minutes_per_field_entry : float, default 0.5
        Minutes to capture one value of a field (silo candidates).
    top : int, optional
        Keep only the first ``top`` candidates.
    lang : {"ja", "en"}, default "ja"
        Language of the titles.

    Returns
    -------
    DataFrame with :data:`CANDIDATE_COLUMNS`, ranked by hours saved (redundant executions
    break ties, then effort, the kind, lead activity or field and departments, never the
    title: the ranking is the same in every ``lang``). Hours count measured handling times
    only (see the savings model): no candidate saves more than its steps take.
    """
    events = _all_events(dataset, maps, clusters)
    period = float(period_days) if period_days else observed_period_days(dataset)
    per_year = 365.0 / period
    acts = _activity_table(maps, silos)
    rows: list[dict[str, object]] = []
    redundant = pd.DataFrame(columns=_REDUNDANT_COLUMNS)

    if not clusters.empty and not events.empty:
        members = clusters.merge(acts, on=["department", "activity"], how="left")
        kinds = _cluster_kinds(clusters, acts)
        every = _every_execution(clusters, acts, kinds)
        ev = _flag_redundant(
            events, clusters, acts, window_days=window_days, every=every, batch=_batches(kinds)
        )
        redundant = _redundant_table(ev)
        parts = [
            _Part.of(cid, group, members[members["cluster"] == cid], kinds[cid], clusters)
            for cid, group in ev.groupby("cluster", sort=True)
        ]
        for reform in _reforms(parts):
            rows.append(_reform_row(reform, maps, silos, per_year, period, window_days))
        del ev  # the flagged events of every cluster: let go of before the silos

    if not silos.empty:
        rows += _silo_rows(dataset, maps, clusters, silos, acts, minutes_per_field_entry, per_year)
        rows = _register_owns_accounts(rows)

    frame = pd.DataFrame(
        rows,
        columns=[
            c for c in CANDIDATE_COLUMNS if c not in ("rank", "title", "fte", "cost_saved_per_year")
        ],
    )
    frame = frame.astype(
        {
            c: float
            for c in ("hours_saved_per_year", "staff_hours_per_year", "resident_hours_per_year")
        }
    )
    frame["title"] = candidate_titles(frame, lang) if len(frame) else pd.Series(dtype="object")
    frame["fte"] = frame["staff_hours_per_year"] / hours_per_fte
    frame["cost_saved_per_year"] = frame["staff_hours_per_year"] * hourly_rate
    # Ties broken by what the candidate is, not by its title: the order (and so the rank)
    # is the same in every language.
    # Equal hours (0 h, mostly): the candidate with more redundant executions first — those
    # of steps without a measured time are real repeats whose hours are unknown.
    frame = frame.sort_values(
        [
            "hours_saved_per_year",
            "redundant_executions_per_year",
            "effort",
            "kind",
            "lead",
            "n_departments",
            "departments",
        ],
        ascending=[False, False, True, True, True, True, True],
        kind="stable",
        ignore_index=True,
    )
    frame.insert(0, "rank", range(1, len(frame) + 1))
    frame = frame[CANDIDATE_COLUMNS]
    frame = frame.head(top) if top else frame
    _HANDOVER[id(frame)] = (dataset, maps, clusters, silos, window_days, redundant)
    weakref.finalize(frame, _HANDOVER.pop, id(frame), None)
    del events
    release_memory()
    return frame
