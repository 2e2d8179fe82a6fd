"""データ保有マトリクス: fields × departments, the reference copy marked, rates per copy.

The copy holding the most residents (``authoritative`` in silos.csv; the candidates treat it
as the field's source) is not necessarily a master copy: the report calls it the reference
copy (基準の課) and gives every rate, its own too, with the number of residents it rests on
(``shared_persons``). Rates are measured against each resident's estimated true value
(:mod:`procmine.fields`), not against the reference copy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from procmine.fields._profile import field_label
from procmine.report import facts
from procmine.report.document import Block, Cell, Para, Section, Sub, Table
from procmine.report.sections.common import Strings, label, num, txt
from procmine.report.values import fmt_int, fmt_pct, number, text

if TYPE_CHECKING:  # pragma: no cover
    from procmine.analysis import Analysis

#: Detail columns: silo column, header key, format (None = text, "flag" = the reference copy,
#: "ftype" = a field type code shown in the report's language, "rate" = a rate that reads
#: "not comparable (n=0)" when no resident could be compared).
_DETAIL: tuple[tuple[str, str, Any], ...] = (
    ("field", "col_field", "field"),
    ("department", "col_department", None),
    ("column", "col_column", None),
    ("field_type", "col_field_type", "ftype"),
    ("values", "col_values", fmt_int),
    ("persons", "col_persons", fmt_int),
    ("coverage", "col_coverage", fmt_pct),
    ("agreement", "col_agreement", fmt_pct),
    ("inconsistency_rate", "col_inconsistency", "rate"),
    ("shared_persons", "col_shared_persons", fmt_int),
    ("format_only_rate", "col_format_only", fmt_pct),
    ("stale_rate", "col_stale", fmt_pct),
    ("conflict_rate", "col_conflict", fmt_pct),
    ("authoritative", "col_authoritative", "flag"),
)


def silos_section(analysis: Analysis, t: Strings, *, show_values: bool = False) -> Section:
    """The field × department matrix, the detail per copy and, with ``show_values``, examples."""
    blocks: list[Block] = [Para(t["silos_text"])]
    rows = facts.records(analysis.silos, facts.silo_columns(analysis.silos))
    if not rows:
        blocks.append(Para(t["no_silos"]))
        return Section("silos", t["h_silos"], blocks)
    if not facts.silo_summary(analysis)["fields"]:
        blocks.append(Para(t["no_silos"]))
    blocks += [Sub(t["h_silo_matrix"], "silo-matrix"), matrix_table(rows, t)]

    published = facts.silo_columns(analysis.silos)
    present = [s for s in _DETAIL if s[0] in published]
    detail = []
    for r in rows:
        line = []
        for key, _, fmt in present:
            value = r.get(key)
            if fmt == "flag":
                flag = t["authoritative_yes"] if value is True else "" if value is False else None
                line.append(Cell(text(value) if flag is None else flag))
            elif fmt == "ftype":
                line.append(Cell(label(t, "ftype", value)))
            elif fmt == "field":
                line.append(Cell(field_label(str(value), t["lang"])))
            elif fmt == "rate":
                line.append(_rate_cell(t, value, r.get("shared_persons")))
            elif fmt is None:
                line.append(txt(value))
            else:
                line.append(num(value, fmt))
        detail.append(line)
    blocks += [Sub(t["h_silo_detail"], "silo-detail"), Table([t[s[1]] for s in present], detail)]
    if show_values:
        blocks += _examples(analysis, t)
    return Section("silos", t["h_silos"], blocks)


def _rate_cell(t: Strings, rate: Any, shared: Any) -> Cell:
    """The inconsistency rate, or "not comparable (n=0)" when no resident was compared."""
    n = number(shared)
    if number(rate) is None and n is not None:
        return Cell(t["not_comparable"].format(n=fmt_int(n)), sort=None)
    return num(rate, fmt_pct)


def matrix_cell(
    t: Strings, column: str, rate: float | None, reference: bool, shared: float | None
) -> str:
    """One copy in a matrix cell: the column, its rate and the residents compared (n), or
    (reference) for the copy the others are compared against.

    Examples
    --------
    >>> from procmine.report.i18n import strings
    >>> t = strings("ja")
    >>> matrix_cell(t, "住所", 0.154, False, 13), matrix_cell(t, "住所", 0.0, True, 691)
    ('住所（15.4%、n=13）', '住所（基準、0.0%、n=691）')
    >>> matrix_cell(t, "個人番号", None, False, 0), matrix_cell(t, "本籍", None, False, None)
    ('個人番号：比較不可（n=0）', '本籍')
    """
    if shared is None:  # a silo table without shared_persons: no n to give
        if reference:
            return t["silo_cell_auth"].format(column=column)
        return column if rate is None else t["silo_cell"].format(column=column, rate=fmt_pct(rate))
    n = fmt_int(shared)
    if reference:
        if shared > 0 and rate is not None:
            return t["silo_cell_auth_rate_n"].format(column=column, rate=fmt_pct(rate), n=n)
        key = "silo_cell_auth_n" if shared > 0 else "silo_cell_auth_none_n"
        return t[key].format(column=column, n=n)
    if rate is None:
        return t["silo_cell_none_n"].format(column=column, n=n)
    return t["silo_cell_n"].format(column=column, rate=fmt_pct(rate), n=n)


def matrix_table(rows: list[dict[str, Any]], t: Strings) -> Table:
    """Fields × departments; a cell names the column, its inconsistency rate and the number
    of residents compared, the reference copy is marked (基準), and the cell is shaded by
    the rate."""
    depts = sorted({str(r["department"]) for r in rows if r["department"] is not None})
    fields: list[str] = []
    cells: dict[tuple[str, str], list[tuple[str, float | None, bool, float | None]]] = {}
    for r in rows:
        f, d = str(r["field"]), str(r["department"])
        if f not in fields:
            fields.append(f)
        cells.setdefault((f, d), []).append(
            (
                text(r["column"], none="?"),
                number(r.get("inconsistency_rate")),
                r.get("authoritative") is True,
                number(r.get("shared_persons")),
            )
        )
    matrix = []
    for f in fields:
        line = [Cell(field_label(f, t["lang"]))]
        for d in depts:
            parts = []
            worst: float | None = None
            for column, rate, authoritative, shared in cells.get((f, d), []):
                parts.append(matrix_cell(t, column, rate, authoritative, shared))
                if authoritative:
                    worst = worst or 0.0
                elif rate is not None:
                    worst = rate if worst is None else max(worst, rate)
            line.append(Cell(t["list_sep"].join(parts), heat=worst))
        matrix.append(line)
    return Table([t["col_field"], *depts], matrix, cls="matrix")


def _examples(analysis: Analysis, t: Strings) -> list[Block]:
    from procmine.report.personal import format_only_examples

    found = format_only_examples(analysis)
    blocks: list[Block] = [
        Sub(t["h_silo_examples"], "silo-examples"),
        Para(t["silo_examples_text"]),
    ]
    if not found:
        return [*blocks, Para(t["no_examples"])]
    rows = [
        [
            Cell(field_label(str(e["field"]), t["lang"])),
            txt(e["department"]),
            txt(e["column"]),
            txt(e["pattern"]),
            num(e["persons"]),
            Cell(f"{e['authoritative_value']} → {e['value']}"),
            txt(e["person"]),
        ]
        for e in found
    ]
    headers = [
        t["col_field"],
        t["col_department"],
        t["col_column"],
        t["col_pattern"],
        t["col_persons"],
        t["col_example"],
        t["col_person"],
    ]
    return [*blocks, Table(headers, rows, cls="examples")]


__all__ = ["matrix_cell", "matrix_table", "silos_section"]
