"""Route residents through the departments and produce every system's events.

One life-event case at a time: draw the case's branches (flags), its resident(s) and its
date, lay out the counter visits (queue tickets, waiting, form writing, staff steps,
walking, rework, ping-pong, shuffled order, postponed revisits) and the back-office steps
days later, and record every event with the data columns its activity captures, written
from the department's own copy of the resident's data.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TypeVar

import numpy as np

from procmine.samples import vocab
from procmine.samples.capture import RESIDENT_FIELDS, CaseCtx, field_value
from procmine.samples.people import Copies, Copy, Person, Population, render_address
from procmine.samples.schema import Activity, City, LifeEvent, System
from procmine.samples.steps import RBlock, Step, holds, label_variants, parse_steps
from procmine.samples.timefmt import CLOSE, OPEN, Calendar

T = TypeVar("T")
RESIDENT = "RESIDENT"
SYSTEM = "SYSTEM"
_Z90 = 1.2815515655446004  # z-score of the 90th percentile


@dataclass(slots=True)
class Event:
    """One row of one export, before it is written."""

    system: str
    dept: str
    case_key: tuple[object, ...]
    act: Activity
    label: str
    start: datetime
    end: datetime
    resource: str
    pid: str
    values: dict[str, str]
    seq: int


@dataclass
class Result:
    """Everything the writer needs."""

    events: list[Event]
    case_meta: dict[tuple[object, ...], tuple[str, str, str]]
    silo: dict[tuple[str, str, str], dict[str, str]]
    aliases: dict[tuple[str, str], str]
    persons: dict[str, Person]
    cases: int
    life_events: dict[str, int] = field(default_factory=dict)


class Generator:
    """Simulates one city for ``n_cases`` cases with one seeded numpy Generator."""

    def __init__(self, city: City, n_cases: int, seed: int) -> None:
        self.city = city
        self.n_cases = n_cases
        self.rng = np.random.Generator(np.random.PCG64(seed))
        self.cal = Calendar(city.holidays)
        self.start = date.fromisoformat(city.start)
        self.acts = {a.id: a for a in city.activities}
        self.depts = {d.code: d for d in city.departments}
        self.systems = {s.key: s for s in city.systems}
        self.pop = Population(self.rng, self.start)
        self.copies = Copies(self.rng, city.silo_rates)
        at_counter = self._counter_activities()
        self.variants = {
            a.id: label_variants(a, counter=a.id in at_counter) for a in city.activities
        }
        self._check_variants()
        self.events: list[Event] = []
        self.case_meta: dict[tuple[object, ...], tuple[str, str, str]] = {}
        self.silo: dict[tuple[str, str, str], dict[str, str]] = {}
        self.aliases: dict[tuple[str, str], str] = {}
        self.persons: dict[str, Person] = {}
        self._staff: dict[tuple[object, ...], str] = {}
        self._labelled: set[str] = set()
        self._seq = 0
        self._inquiries = 0
        self.provider_of = {c: self.acts[a] for c, a in city.providers.items()}
        self._day_cdf = {le.name: self._date_cdf(le) for le in city.life_events}
        hours = sorted(city.hourly)
        w = np.array([city.hourly[h] for h in hours], dtype=float)
        self._hours = hours
        self._hour_cdf = np.cumsum(w / w.sum())

    # ------------------------------------------------------------------ set-up helpers
    def _counter_activities(self) -> set[str]:
        """Activities some route performs with the resident at a counter."""
        out: set[str] = set()
        for le in self.city.life_events:
            blocks = list(le.visit) + list(le.visit2)
            blocks += [b for d in le.detours for b in d.detour]
            for b in blocks:
                if b.kind in ("counter", "desk"):
                    out.update(s.aid for s in parse_steps(b.steps))
            out.update(s.aid for d in le.detours for s in parse_steps(d.resume))
        return out

    def _check_variants(self) -> None:
        by_dept: dict[str, set[str]] = {}
        for a in self.city.activities:
            by_dept.setdefault(a.dept, set()).add(a.label)
        for a in self.city.activities:
            for v in self.variants[a.id]:
                if v in by_dept[a.dept]:
                    raise ValueError(f"label variant {v!r} of {a.id} is another activity's label")

    def _date_cdf(self, le: LifeEvent) -> np.ndarray:
        w = np.zeros(self.city.days)
        p0, p1 = self.city.peak
        for i in range(self.city.days):
            d = self.start + timedelta(days=i)
            if not self.cal.is_open(d):
                continue
            md = f"{d.month:02d}/{d.day:02d}"
            if le.season and not (le.season[0] <= md <= le.season[1]):
                continue
            x = 1.0
            if p0 <= md <= p1:
                x *= le.peak
            if d.month in (12, 1, 2):
                x *= le.winter
            w[i] = x
        return np.cumsum(w / w.sum())

    # ------------------------------------------------------------------ random helpers
    def _u(self, a: float, b: float) -> float:
        return float(self.rng.uniform(a, b))

    def _i(self, a: int, b: int) -> int:
        return int(self.rng.integers(a, b + 1))

    def _p(self, p: float) -> bool:
        return bool(self.rng.random() < p)

    def _pick(self, seq: Sequence[T]) -> T:
        return seq[int(self.rng.integers(len(seq)))]

    def _service(self, act: Activity) -> float:
        if act.median <= 0:
            return 0.0
        sigma = 0.35
        if act.p10 and act.p90:
            sigma = math.log(act.p90 / act.p10) / (2 * _Z90)
        x = float(self.rng.lognormal(math.log(act.median), sigma))
        return min(max(x, 0.3 * act.median), 6 * act.median)

    def _is_peak(self, d: date) -> bool:
        md = f"{d.month:02d}/{d.day:02d}"
        return self.city.peak[0] <= md <= self.city.peak[1]

    def _wait(self, dept: str, d: date, desk: bool) -> float:
        median = 4.0 if desk else self.depts[dept].wait_median
        if self._is_peak(d):
            median *= self._u(3.0, 4.0)
        return min(float(self.rng.lognormal(math.log(median), 0.6)), 240.0)

    def _arrival(self, d: date) -> datetime:
        h = self._hours[int(np.searchsorted(self._hour_cdf, self.rng.random()))]
        m = h * 60 + self._u(0, 60)
        m = min(max(m, OPEN + self._u(0, 10)), CLOSE - self._u(5, 45))
        return datetime(d.year, d.month, d.day) + timedelta(minutes=m)

    def _office_time(self, d: date) -> datetime:
        m = self._u(OPEN + 5, CLOSE - 30)
        return datetime(d.year, d.month, d.day) + timedelta(minutes=m)

    # ------------------------------------------------------------------ resources
    def _resource(self, act: Activity, case_key: tuple[object, ...], visit: int) -> str:
        if act.performer == "R":
            return RESIDENT
        if act.performer == "SYS":
            return SYSTEM
        key = (case_key, act.role, visit)
        found = self._staff.get(key)
        if found is None:
            if act.performer == "X":
                n = self.city.externals[act.role]
                found = f"{act.role}-{self._i(1, n):02d}"
            else:
                n = self.depts[act.dept].pools[act.role]
                found = f"{act.dept}-{act.role}-{self._i(1, n):02d}"
            self._staff[key] = found
        return found

    def _label(self, act: Activity) -> str:
        variants = self.variants[act.id]
        if act.id not in self._labelled:  # the primary label occurs before any variant
            self._labelled.add(act.id)
            return act.label
        if act.performer == "SYS" or not variants or not self._p(self.city.label_noise):
            return act.label
        v = variants[int(self.rng.integers(len(variants)))]
        self.aliases[(act.dept, v)] = act.label
        return v

    # ------------------------------------------------------------------ data capture
    def _subject(self, ctx: CaseCtx, which: str) -> Person:
        if which == "newborn" and ctx.newborn is not None:
            return ctx.newborn
        if which == "heir" and ctx.heir is not None:
            return ctx.heir
        return ctx.main

    def _capture(
        self, sysm: System, act: Activity, subj: Person, ctx: CaseCtx, purpose: str
    ) -> dict[str, str]:
        values: dict[str, str] = {}
        copy: Copy | None = None
        for col in sysm.columns:
            if col.field.startswith("@"):
                values[col.header] = ctx.channel if col.field == "@channel" else ctx.notification
                continue
            f = next((x for x in col.field.split("|") if x in act.fields), None)
            if f is None:
                continue
            if f in RESIDENT_FIELDS and copy is None:
                copy = self.copies.get(act.dept, subj)
            value, label = field_value(col, f, subj, copy, ctx, purpose)
            values[col.header] = value
            if label is not None and label != "none":
                key = (sysm.key, act.dept, col.header)
                self.silo.setdefault(key, {}).setdefault(subj.pid, label)
        return values

    def _emit(
        self,
        ctx: CaseCtx,
        act: Activity,
        start: datetime,
        subject: Person,
        visit: int,
        *,
        purpose: str = "",
        extra: tuple[object, ...] = (),
        minutes: float | None = None,
    ) -> datetime:
        start = start.replace(microsecond=0)
        sysm = self.systems[act.system]
        case_key: tuple[object, ...] = (ctx.idx, act.system, act.dept, subject.pid) + extra
        if case_key not in self.case_meta:
            self.case_meta[case_key] = (ctx.le.name, f"LE{ctx.idx + 1:06d}", subject.pid)
        dur = self._service(act) if minutes is None else minutes
        end = start + timedelta(seconds=round(dur * 60))
        self.persons[subject.pid] = subject
        self.events.append(
            Event(
                act.system,
                act.dept,
                case_key,
                act,
                self._label(act),
                start,
                end,
                self._resource(act, case_key, visit),
                subject.pid,
                self._capture(sysm, act, subject, ctx, purpose),
                self._seq,
            )
        )
        self._seq += 1
        return end

    # ------------------------------------------------------------------ case set-up
    def _flags(self, le: LifeEvent, coverage: str | None) -> set[str]:
        """Draw a case's branches; a coverage case (``coverage`` not None) sets them all."""
        flags: set[str] = set()
        if coverage:
            flags.add(coverage)
        elif coverage is None and le.one_of:
            names = list(le.one_of)
            w = np.array([le.one_of[n] for n in names])
            flags.add(names[int(np.searchsorted(np.cumsum(w / w.sum()), self.rng.random()))])
        for name, p in le.flags.items():
            parent = le.requires.get(name)
            if parent is not None and parent not in flags:
                continue
            if coverage is not None or self._p(p):
                flags.add(name)
        return flags

    def _case(self, idx: int, le: LifeEvent, flags: set[str]) -> CaseCtx:
        u = self.rng.random()
        day = self.start + timedelta(days=int(np.searchsorted(self._day_cdf[le.name], u)))
        age = le.age
        for flag, rng_ in le.age_if.items():
            if flag in flags:
                age = rng_
                break
        main = self.pop.person(age)
        channel = "代理" if self._p(le.proxy) else le.channel
        for flag, ch in le.flag_channel.items():
            if flag in flags:
                channel = ch
        ctx = CaseCtx(idx, le, flags, main, day, channel)
        ctx.iddoc = self._pick(vocab.ID_DOCS) + ("（代理人）" if channel == "代理" else "")
        ctx.doctor = self._pick(vocab.DOCTORS)
        ctx.school = self._pick(vocab.SCHOOLS)
        ctx.move = day - timedelta(days=self._i(0, 10))
        ctx.prev = main.outside
        if "kids" in flags or "school_change" in flags:
            kid_age = (6, 14) if ("school" in flags or "school_change" in flags) else (0, 17)
            if "preschool" in flags:
                kid_age = (5, 5)
            elif "nursery" in flags:
                kid_age = (1, 4)
            ctx.child = self.pop.child(main, kid_age)
        if {"care", "care_cert", "care_loss"} & flags or le.name == "要介護認定申請":
            main.care = self._pick(vocab.CARE_LEVELS)
            if "facility" in flags:
                main.facility = self._pick(vocab.FACILITIES)
        if "disab" in flags or le.name == "障害福祉申請":
            main.disab = self._pick(vocab.DISABILITIES)
        if "kokuho" in flags:
            main.ins = "国民健康保険"
        name = le.name
        if name == "転出":
            ctx.prev = ""
        elif name == "転居":
            main.moved = True
            ctx.prev = render_address(main.prev_addr, "kanji")
        elif name == "出生":
            ctx.newborn = self.pop.child(main, (0, 0), born=day - timedelta(days=self._i(1, 13)))
            ctx.child = ctx.newborn
            ctx.heir = main
            ctx.notification = "出生届"
            ctx.prev = ""
        elif name == "死亡":
            ctx.death = day - timedelta(days=self._i(0, 2))
            ctx.heir = self.pop.spouse(main) if self._p(0.6) else self.pop.child(main, (35, 65))
            ctx.heir.rel = "世帯主"
            ctx.notification = "死亡届"
            ctx.prev = ""
        elif name == "婚姻":
            partner = self.pop.person((age[0], age[1]), sex="M" if main.sex == "F" else "F")
            ctx.heir = partner
            ctx.notification = "婚姻届"
            main.moved = "move" in flags
            if "move_in" not in flags:
                ctx.prev = render_address(main.prev_addr, "kanji")
        elif name == "生活保護申請":
            main.income = int(main.income * 0.2) // 1000 * 1000
        return ctx

    # ------------------------------------------------------------------ routes
    def _blocks(self, ctx: CaseCtx, blocks: tuple) -> list[RBlock]:  # type: ignore[type-arg]
        out: list[RBlock] = []
        for b in blocks:
            if not holds(b.when, ctx.flags):
                continue
            steps = [s.aid for s in parse_steps(b.steps) if holds(s.cond, ctx.flags)]
            if not steps:
                continue
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.dept == b.dept
                and prev.kind == b.kind
                and prev.subject == b.subject
                and prev.shuffle == b.shuffle
            ):
                prev.steps.extend(steps)
            else:
                out.append(RBlock(b.dept, steps, b.kind, b.subject, b.shuffle))
        return out

    def _detours(self, ctx: CaseCtx, blocks: list[RBlock]) -> list[RBlock]:
        for d in ctx.le.detours:
            if d.flag not in ctx.flags:
                continue
            for i, b in enumerate(blocks):
                if d.after in b.steps:
                    k = b.steps.index(d.after) + 1
                    head = RBlock(b.dept, b.steps[:k], b.kind, b.subject, b.shuffle)
                    tail = RBlock(
                        b.dept, d.resume.split() + b.steps[k:], b.kind, b.subject, b.shuffle
                    )
                    middle = [
                        RBlock(x.dept, x.steps.split(), x.kind, x.subject, False, d.purpose)
                        for x in d.detour
                    ]
                    blocks = blocks[:i] + [head] + middle + [tail] + blocks[i + 1 :]
                    break
        return blocks

    def _arrange(self, ctx: CaseCtx, blocks: list[RBlock]) -> tuple[list[RBlock], list[RBlock]]:
        movable = [i for i, b in enumerate(blocks) if b.shuffle]
        if len(movable) > 1 and self._p(ctx.le.shuffle):
            order = [movable[int(j)] for j in self.rng.permutation(len(movable))]
            new = list(blocks)
            for pos, src in zip(movable, order, strict=True):
                new[pos] = blocks[src]
            blocks = new
        later: list[RBlock] = []
        if movable and self._p(ctx.le.revisit):
            i = movable[int(self.rng.integers(len(movable)))]
            later = [blocks[i]]
            blocks = blocks[:i] + blocks[i + 1 :]
        return blocks, later

    def _visit(self, ctx: CaseCtx, day: date, blocks: list[RBlock]) -> None:
        online = [b for b in blocks if b.kind == "online"]
        counters = [b for b in blocks if b.kind != "online"]
        for b in online:
            t = datetime(day.year, day.month, day.day) + timedelta(
                minutes=self._u(7 * 60, 23.9 * 60)
            )
            for aid in b.steps:
                t = self._emit(ctx, self.acts[aid], t, self._subject(ctx, b.subject), 0)
            ctx.last = t
            day = day + timedelta(days=self._i(0, 7))
        if not counters:
            return
        day = self.cal.next_open(day)
        ctx.visits += 1
        visit = ctx.visits
        t = self._arrival(day)
        prev: RBlock | None = None
        for bi, b in enumerate(counters):
            dept = self.depts[b.dept]
            if prev is not None and prev.dept != b.dept:
                t += timedelta(minutes=self._u(*dept.walk))
            new_counter = prev is None or prev.dept != b.dept or prev.kind != b.kind
            ticket = b.kind == "counter" and dept.ticket is not None and new_counter
            minute = t.hour * 60 + t.minute
            if new_counter and minute > CLOSE:
                self._visit(ctx, self.cal.add_days(day, 1), counters[bi:])
                return
            subj = self._subject(ctx, b.subject)
            if ticket:
                assert dept.ticket is not None
                t = self._emit(ctx, self.acts[dept.ticket], t, subj, visit, minutes=0.0)
                t += timedelta(seconds=self._i(5, 40))
            ready = (
                t + timedelta(minutes=self._wait(b.dept, day, b.kind != "counter"))
                if new_counter
                else t
            )
            rework_of: Activity | None = None
            for aid in b.steps:
                act = self.acts[aid]
                gap = timedelta(minutes=self._u(0.2, 1.5))
                if act.performer in ("R", "SYS") or act.role in dept.prequeue_roles:
                    start = t + (gap if act.performer == "R" else timedelta(seconds=self._i(1, 20)))
                else:
                    start = max(t + gap, ready)
                    ready = start
                t = self._emit(ctx, act, start, subj, visit, purpose=b.purpose)
                if rework_of is not None:  # 記入不備 → 再記入
                    t = self._emit(
                        ctx,
                        rework_of,
                        t + timedelta(minutes=self._u(0.3, 2)),
                        subj,
                        visit,
                        purpose=b.purpose,
                        minutes=self._service(rework_of) * 0.6,
                    )
                    rework_of = None
                if act.cluster == "FORM" and self._p(self.city.rework):
                    rework_of = act
            if rework_of is not None:
                t = self._emit(
                    ctx,
                    rework_of,
                    t + timedelta(minutes=self._u(0.5, 3)),
                    subj,
                    visit,
                    purpose=b.purpose,
                    minutes=self._service(rework_of) * 0.6,
                )
            prev = b
        ctx.last = t if ctx.last is None else max(ctx.last, t)

    def _delay_day(self, prev: date, delay: str) -> date:
        if delay.startswith("="):
            month, dd = (int(x) for x in delay[1:].split("/"))
            cand = date(prev.year, month, dd)
            if cand <= prev:
                cand = date(prev.year + 1, month, dd)
            return self.cal.next_open(cand)
        if delay == "m":
            y, m = (prev.year + 1, 1) if prev.month == 12 else (prev.year, prev.month + 1)
            return self.cal.next_open(date(y, m, 5))
        a, _, b = delay.partition("-")
        n = self._i(int(a), int(b or a))
        return prev if n == 0 else self.cal.add_days(prev, n)

    def _back(self, ctx: CaseCtx, blocks: list[RBlock], steps_of: dict[int, list[Step]]) -> None:
        anchor = ctx.last or datetime(ctx.date0.year, ctx.date0.month, ctx.date0.day, 12)
        for bi, b in enumerate(blocks):
            t = anchor
            subj = self._subject(ctx, b.subject)
            for st in steps_of[bi]:
                act = self.acts[st.aid]
                day = self._delay_day(t.date(), st.delay or "0")
                if day == t.date():
                    start = t + timedelta(
                        minutes=self._u(1, 3) if act.performer == "SYS" else self._u(5, 90)
                    )
                    if act.performer != "SYS" and (
                        start.hour * 60 + start.minute > CLOSE - 10 or not self.cal.is_open(day)
                    ):
                        start = self._office_time(self.cal.add_days(day, 1))
                elif act.performer == "SYS":
                    start = datetime(day.year, day.month, day.day) + timedelta(
                        minutes=self._u(19 * 60, 22 * 60)
                    )
                else:
                    start = self._office_time(day)
                provider = self.provider_of.get(act.cluster)
                if provider is not None:
                    self._provide(ctx, provider, t, start, subj)
                t = self._emit(ctx, act, start, subj, 0)

    def _provide(
        self, ctx: CaseCtx, provider: Activity, after: datetime, before: datetime, subj: Person
    ) -> None:
        """Another department answers this step's inquiry (課税状況照会回答) just before it."""
        self._inquiries += 1
        lo = after + timedelta(minutes=1)
        day = before.date()
        for _ in range(self._i(0, 2)):
            day -= timedelta(days=1)
            while not self.cal.is_open(day):
                day -= timedelta(days=1)
        if lo.date() < day < before.date():
            when = self._office_time(day)
        else:
            gap = (before - lo).total_seconds() / 60
            when = before - timedelta(minutes=self._u(0.2, 0.8) * min(gap, 120)) if gap > 0 else lo
        self._emit(ctx, provider, when, subj, 0, extra=("inquiry", self._inquiries))

    # ------------------------------------------------------------------ main loop
    def _coverage(self) -> list[tuple[LifeEvent, str]]:
        """One case per life event (and per exclusive option) with every flag set."""
        out: list[tuple[LifeEvent, str]] = []
        for le in self.city.life_events:
            for opt in list(le.one_of) or [""]:
                out.append((le, opt))
        return out

    def run(self) -> Result:
        les = self.city.life_events
        w = np.array([le.weight for le in les], dtype=float)
        cdf = np.cumsum(w / w.sum())
        coverage = self._coverage() if self.n_cases >= len(les) * 3 else []
        counts: dict[str, int] = {}
        for idx in range(self.n_cases):
            if idx < len(coverage):
                le, opt = coverage[idx]
                flags = self._flags(le, opt)
            else:
                le = les[int(np.searchsorted(cdf, self.rng.random()))]
                flags = self._flags(le, None)
            counts[le.name] = counts.get(le.name, 0) + 1
            self._run_case(self._case(idx, le, flags))
        return Result(
            self.events,
            self.case_meta,
            self.silo,
            self.aliases,
            self.persons,
            self.n_cases,
            counts,
        )

    def _run_case(self, ctx: CaseCtx) -> None:
        le = ctx.le
        blocks = self._detours(ctx, self._blocks(ctx, le.visit))
        blocks, later = self._arrange(ctx, blocks)
        self._visit(ctx, ctx.date0, blocks)
        if le.visit2:
            day2 = ctx.date0 + timedelta(days=self._i(*(le.later_visit or (3, 30))))
            blocks2, later2 = self._arrange(ctx, self._blocks(ctx, le.visit2))
            self._visit(ctx, day2, blocks2)
            later += later2
            ctx.date0 = day2
        first_last = ctx.last
        if later:
            self._visit(ctx, ctx.date0 + timedelta(days=self._i(1, 30)), later)
        ctx.last = first_last
        back: list[RBlock] = []
        steps_of: dict[int, list[Step]] = {}
        for b in le.back:
            if not holds(b.when, ctx.flags):
                continue
            steps = [s for s in parse_steps(b.steps) if holds(s.cond, ctx.flags)]
            if steps:
                steps_of[len(back)] = steps
                back.append(RBlock(b.dept, [s.aid for s in steps], b.kind, b.subject, False))
        self._back(ctx, back, steps_of)
