"""What an event writes into its data columns, from the department's copy of the resident."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from procmine.samples.people import (
    RECORD_FIELDS,
    Copy,
    Person,
    render_account,
    render_address,
    render_dob,
    render_income,
    render_kana,
    render_mynum,
    render_name,
    render_sex,
    render_tel,
)
from procmine.samples.schema import Column, LifeEvent
from procmine.samples.timefmt import format_date

#: Fields of the resident's own record (plus the care level and disability held by their
#: authoritative departments); their cells feed the silo ground truth.
RESIDENT_FIELDS = (*RECORD_FIELDS, "CARE", "DISAB")


@dataclass
class CaseCtx:
    """One life-event case: its branches, residents, dates and case-level attributes."""

    idx: int
    le: LifeEvent
    flags: set[str]
    main: Person
    date0: date
    channel: str
    notification: str = ""
    heir: Person | None = None
    newborn: Person | None = None
    child: Person | None = None
    prev: str = ""
    move: date | None = None
    death: date | None = None
    iddoc: str = ""
    doctor: str = ""
    school: str = ""
    last: datetime | None = None
    visits: int = 0
    children: list[Person] = field(default_factory=list)
    household: int = 1  # persons in the household the filing covers
    partner: bool = False  # a second adult comes along (and may queue elsewhere)


def field_value(
    col: Column, f: str, p: Person, c: Copy | None, ctx: CaseCtx, purpose: str
) -> tuple[str, str | None]:
    """One cell: field ``f`` of resident ``p`` written in ``col``'s notation.

    Resident fields come from the department's copy ``c`` and also return the planted
    variant label (for the silo truth); other fields return ``None`` as label.
    """
    s = col.style
    if c is not None:
        v = c.variant
        if f == "NAME":
            return render_name(c.name, s), v["NAME"]
        if f == "KANA":
            return ("", "missing") if c.kana is None else (render_kana(c.kana, s), v["KANA"])
        if f == "DOB":
            return render_dob(c.dob, s), v["DOB"]
        if f == "SEX":
            return render_sex(c.sex, s), v["SEX"]
        if f == "ADDR":
            label = v["ADDR"]
            if s == "kanji_kata" and v["KATA"] == "kata_missing" and label != "stale":
                label = "kata_missing"
            return render_address(c.addr, s, c.addr_fmt, kata=c.kata), label
        if f == "KATA":
            if not c.kata and not p.addr.kata:
                return "", "none"
            if c.kata == p.addr.kata:
                return c.kata, "exact"
            return c.kata, ("missing" if not c.kata else "stale")
        if f == "TEL":
            label = v["TEL"]
            if label == "exact" and c.tel_plain_alt:
                label = "format_variant"
            return render_tel(c.tel or "", s, c.tel_plain_alt), label
        if f == "MYNUM":
            return ("", "missing") if c.mynum is None else (render_mynum(c.mynum, s), v["MYNUM"])
        if f == "BANK":
            if c.bank is None:
                return "", "none"
            text = render_account(c.bank, s, col.part)
            truth = render_account(p.accounts[0], s, col.part) if p.accounts else ""
            return text, ("exact" if text == truth else v["BANK"])
        if f == "INCOME":
            return render_income(c.income, s), v["INCOME"]
        if f == "HH":
            return render_name(c.hh, s), v["HH"]
        if f == "REL":
            return p.rel, "exact"
        if f == "CARE":
            return (c.care, v["CARE"]) if c.care else ("", "none")
        if f == "DISAB":
            return (c.disab, v["DISAB"]) if c.disab else ("", "none")
    if f == "PREV":
        return ctx.prev, None
    if f == "INS":
        return p.ins, None
    if f == "EMP":
        return (p.emp_tel if col.part == "tel" else p.emp), None
    if f == "HONSEKI":
        return p.honseki, None
    if f == "CHILD":
        k = ctx.child
        if k is None:
            return "", None
        if col.part == "kana":
            return render_kana(k.kana, s), None
        if col.part == "dob":
            return render_dob(k.dob, s), None
        if col.part == "sex":
            return render_sex(k.sex, s), None
        return render_name(k.name, s), None
    if f == "SCHOOL":
        return ctx.school, None
    if f == "DISAB":
        return p.disab, None
    if f == "CARE":
        return p.care, None
    if f == "FACILITY":
        return p.facility, None
    if f == "DOCTOR":
        return ctx.doctor, None
    if f == "DEATH":
        return ("" if ctx.death is None else format_date(ctx.death, s or "slash")), None
    if f == "MOVE":
        return ("" if ctx.move is None else format_date(ctx.move, s or "slash")), None
    if f == "HEIR":
        return ("" if ctx.heir is None else render_name(ctx.heir.name, s)), None
    if f == "IDDOC":
        return ctx.iddoc, None
    if f == "PURPOSE":
        return purpose, None
    return "", None
