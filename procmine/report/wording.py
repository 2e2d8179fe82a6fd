"""The English texts of the candidates table (assumption, basis, what-if) in the report's
language.

:mod:`procmine.candidates` writes ``assumption`` and ``basis`` and :mod:`procmine.analysis`
writes ``whatif`` as English text, which candidates.csv keeps as it is. The report shows
them in its own language: each text is split into its parts, and each part is matched
against the forms those modules write (``asm_…``, ``bas_…`` and ``wi_…`` templates in
:mod:`procmine.report.i18n`). A text with a part of a form not known here is shown in
English as it is, never half translated.

Examples
--------
>>> from procmine.report.i18n import strings
>>> assumption(strings("ja"), "repeat for the same resident within 14 days is redundant; "
...            "median handling time; period 549 days extrapolated to a year")
'同じ住民に14日以内の繰り返しを重複とみなす；1回当たり時間は処理時間の中央値；期間549日を年間に換算'
>>> assumption(strings("ja"), "median handling time; 2.5 of 10.0 redundant executions a year "
...            "have no measured handling time and count 0 h")
'1回当たり時間は処理時間の中央値；年10.0回の重複実行のうち2.5回は処理時間が計測されていない（終了時刻がない）ため0時間として計上'
>>> assumption(strings("ja"), "something new")
'something new'
>>> basis(strings("ja"), "duplicate clusters 2 (13.5 h), 1 (7.6 h); silo 住所 (8 departments)")
'重複クラスタ C2（13.5時間）、C1（7.6時間）；データ保有「住所」（8課）'
"""

from __future__ import annotations

import re
from collections.abc import Callable

from procmine.fields._profile import field_label
from procmine.report.values import plain

Strings = dict[str, str]

#: Between the parts of an assumption, a basis or a what-if text.
PART_SEP = "; "

_NUMBER = r"(?P<{}>\d+(?:\.\d+)?)"
_ASSUMPTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"repeat for the same resident within " + _NUMBER.format("days") + r" days is redundant"
        ),
        "asm_window",
    ),
    (re.compile(r"every inquiry is redundant \(data linkage replaces it\)"), "asm_inquiry"),
    (
        re.compile(
            r"every re-keying of data whose authoritative copy another department keeps is "
            r"redundant \(data linkage replaces it\)"
        ),
        "asm_rekey",
    ),
    (re.compile(r"median handling time"), "asm_median"),
    (
        re.compile(
            _NUMBER.format("untimed")
            + " of "
            + _NUMBER.format("redundant")
            + r" redundant executions a year have no measured handling time and count 0 h"
        ),
        "asm_untimed",
    ),
    (
        re.compile(
            _NUMBER.format("untimed")
            + " of "
            + _NUMBER.format("values")
            + r" values a year are captured by steps without a measured handling time and "
            r"count 0 h"
        ),
        "asm_silo_untimed",
    ),
    (re.compile(r"capped at the steps' measured handling time"), "asm_capped"),
    (
        re.compile(r"period " + _NUMBER.format("days") + r" days extrapolated to a year"),
        "asm_period_days",
    ),
    (re.compile(r"period extrapolated to a year"), "asm_period"),
    (
        re.compile(
            _NUMBER.format("minutes") + r" min per value re-captured outside the authoritative "
            r"source by steps in no duplicate cluster \(those are counted there\)"
        ),
        "asm_silo_minutes",
    ),
)
_ELSEWHERE = re.compile(r"elsewhere a (?P<rule>.+)")
_SILO_RULE = re.compile(r"silo (?P<field>[^:;]+?): (?P<rule>.+)")

_CLUSTER = re.compile(r"duplicate cluster (?P<cluster>\S+)")
_CLUSTERS = re.compile(r"duplicate clusters (?P<items>.+)")
_CLUSTER_HOURS = re.compile(r"(?P<cluster>\S+) \((?P<hours>\d+(?:\.\d+)?) h\)")
_SILO_HELD = re.compile(r"silo (?P<field>.+?) \((?P<n>\d+) departments\)")
_SILO_COLUMNS = re.compile(r"silo (?P<field>[^:]+?): (?P<columns>.+)")

_WHATIF = re.compile(
    r"(?P<code>[a-z_]+) (?P<before>-?\d+(?:\.\d+)?)→(?P<after>-?\d+(?:\.\d+)?)"
    r"(?: \((?P<pct>[+-]?\d+%)\))?"
)


def _translated(
    t: Strings, text: object, part: Callable[[Strings, str], str | None], sep: str
) -> str | None:
    """``text`` split at ``"; "``, each part translated by ``part`` and joined with
    ``t[sep]``; the text as it is when any part is of an unknown form; None when empty."""
    value = plain(text)
    if value is None or not str(value).strip():
        return None
    if not isinstance(value, str):
        return str(value)
    out = []
    for item in value.split(PART_SEP):
        done = part(t, item.strip())
        if done is None:
            return value
        out.append(done)
    return t[sep].join(out)


def _assumption_part(t: Strings, item: str) -> str | None:
    for pattern, key in _ASSUMPTIONS:
        m = pattern.fullmatch(item)
        if m:
            return t[key].format(**m.groupdict())
    m = _ELSEWHERE.fullmatch(item)
    if m:
        rule = _assumption_part(t, m["rule"])
        return None if rule is None else t["asm_elsewhere"].format(rule=rule)
    m = _SILO_RULE.fullmatch(item)
    if m:
        rule = _assumption_part(t, m["rule"])
        if rule is None:
            return None
        return t["asm_silo"].format(field=field_label(str(m["field"]), t["lang"]), rule=rule)
    return None


def assumption(t: Strings, text: object) -> str | None:
    """A candidate's ``assumption`` in the report's language (English as it is when any part
    of it is of an unknown form)."""
    return _translated(t, text, _assumption_part, "asm_sep")


def _basis_part(t: Strings, item: str) -> str | None:
    m = _CLUSTER.fullmatch(item)
    if m:
        return t["bas_cluster"].format(**m.groupdict())
    m = _CLUSTERS.fullmatch(item)
    if m:
        items = []
        for one in m["items"].split(", "):
            h = _CLUSTER_HOURS.fullmatch(one)
            if h is None:
                return None
            items.append(t["bas_cluster_hours"].format(**h.groupdict()))
        return t["bas_clusters"].format(items=t["bas_list_sep"].join(items))
    m = _SILO_HELD.fullmatch(item)
    if m:
        return t["bas_silo_held"].format(**m.groupdict())
    m = _SILO_COLUMNS.fullmatch(item)
    if m:
        columns = t["bas_list_sep"].join(m["columns"].split(", "))
        field = field_label(str(m["field"]), t["lang"])
        return t["bas_silo_columns"].format(field=field, columns=columns)
    return None


def basis(t: Strings, text: object) -> str | None:
    """A candidate's ``basis`` in the report's language (as it is when of an unknown form)."""
    return _translated(t, text, _basis_part, "bas_sep")


def _whatif_part(t: Strings, item: str) -> str | None:
    m = _WHATIF.fullmatch(item)
    if m is None:
        return None
    change = t["wi_change"].format(pct=m["pct"]) if m["pct"] else ""
    return t["wi_item"].format(
        kpi=t.get(f"kpi_{m['code']}", m["code"]),
        before=m["before"],
        after=m["after"],
        change=change,
    )


def whatif(t: Strings, text: object) -> str | None:
    """A candidate's simulated KPI changes with the KPIs named in the report's language."""
    return _translated(t, text, _whatif_part, "wi_sep")


__all__ = ["assumption", "basis", "whatif"]
