"""Route residents through the departments and produce every system's events.

One life-event case at a time: draw the case's branches (flags), its household and its
date, lay out the counter visits (queue tickets at every counter, waiting, form writing,
staff steps, walking, rework, ping-pong, shuffled order, postponed revisits) and the
back-office steps days later, and record every event with the data columns its activity
captures, written from the department's own copy of the resident's data.

Each case draws from two random streams of its own (set-up and routing), so the To-Be city
(:mod:`procmine.samples.tobe`) meets the same residents with the same life events on the
same days as the As-Is city of the same seed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TypeVar

import numpy as np

from procmine.samples.capture import RESIDENT_FIELDS, CaseCtx, field_value
from procmine.samples.people import Copies, Copy, Person, Population, render_address
from procmine.samples.schema import Activity, City, LifeEvent, System, Variant
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
    visit: int = 0  # counter visit of the case (0: back office, online, mail)
    on_site: bool = False  # the resident is at the counter while it happens


@dataclass
class CaseInfo:
    """What the journey truth needs to know about one life-event case."""

    name: str
    life_event: str
    person: str
    day: date
    peak: bool
    flags: tuple[str, ...]
    household: int
    children: int
    school_children: int
    channel: str


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
    activities: tuple[Activity, ...] = ()
    case_info: dict[int, CaseInfo] = field(default_factory=dict)
    variant: Variant = "asis"


def _behind_counter(act: Activity) -> bool:
    """Steps of a counter visit the resident does not wait for: re-keying from the paper
    form, change slips and system jobs are done behind the counter while the resident
    goes on to the next one."""
    return act.gt in ("KEY", "HANDOFF") or (act.performer == "SYS" and act.gt != "QUEUE")


def _kid_matches(each: str, kid: Person, ref: date) -> bool:
    age = (ref - kid.dob).days // 365
    if each == "school":
        return 6 <= age <= 14
    if each == "young":
        return age <= 12
    if each in ("small", "first_small"):
        return age <= 5
    return age < 18


class Generator:
    """Simulates one city for ``n_cases`` cases, As-Is or To-Be, from one seed."""

    def __init__(self, city: City, n_cases: int, seed: int, variant: Variant = "asis") -> None:
        if city.words is None:
            raise ValueError(f"city {city.name} has no word lists")
        self.city = city
        self.n_cases = n_cases
        self.seed = seed
        self.variant = variant
        self.tobe = city.tobe if variant == "tobe" else None
        if variant == "tobe" and self.tobe is None:
            raise ValueError(f"city {city.name} has no To-Be definition")
        self.rng = np.random.Generator(np.random.PCG64([seed, 0]))
        self.cal = Calendar(city.holidays)
        self.start = date.fromisoformat(city.start)
        self.depts = {d.code: d for d in city.departments}
        self.pools = {d.code: dict(d.pools) for d in city.departments}
        self.systems = {s.key: s for s in city.systems}
        self.pop = Population(self.rng, self.start, city.words)
        rates = city.silo_rates
        if self.tobe is not None:
            from procmine.samples.tobe import tobe_catalog

            rates = {k: r.linked() for k, r in rates.items()}
            self.catalog = tobe_catalog(city)
            self.pools[self.tobe.front][self.tobe.role] = self.tobe.staff
        else:
            self.catalog = city.activities
        self.acts = {a.id: a for a in self.catalog}
        self.copies = Copies(seed, rates, city.words)
        at_counter = self._counter_activities()
        self.variants = {
            a.id: label_variants(
                a, counter=a.id in at_counter, suffix=self.systems[a.system].label_suffix
            )
            for a in self.catalog
        }
        self._check_city()
        self._check_variants()
        self.events: list[Event] = []
        self.case_meta: dict[tuple[object, ...], tuple[str, str, str]] = {}
        self.case_info: dict[int, CaseInfo] = {}
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
        self.rework = self.tobe.rework if self.tobe is not None else city.rework

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
        if self.tobe is not None:
            out.update(a.id for a in self.catalog if a.pool == self.tobe.front)
            out.update(a.id for a in self.tobe.extra)
        return out

    def _check_city(self) -> None:
        """Fail early on a city whose tables do not fit together (a typo in a route …)."""
        city = self.city
        headers = {s.key: {c.header for c in s.columns} for s in city.systems}
        problems = [f"decoy {h!r} is not a column of {k}" for k, h, _ in city.decoys
                    if h not in headers.get(k, set())]  # fmt: skip
        ids = set(self.acts)
        refs = [*city.providers.values(), *(i for v in city.negative_extra.values() for i in v)]
        refs += [d.ticket for d in city.departments if d.ticket]
        for le in city.life_events:
            blocks = [*le.visit, *le.visit2, *le.back, *(b for d in le.detours for b in d.detour)]
            for b in blocks:
                for st in parse_steps(b.steps):
                    if st.aid in self.acts and self.acts[st.aid].dept != b.dept:
                        problems.append(f"{le.name}: {st.aid} is not an activity of {b.dept}")
                    refs.append(st.aid)
            refs += [s.aid for d in le.detours for s in parse_steps(d.resume)]
        problems += [f"unknown activity {r!r}" for r in refs if r not in ids]
        problems += [f"{a.id}: unknown system {a.system!r}" for a in self.catalog
                     if a.system not in self.systems]  # fmt: skip
        if problems:
            raise ValueError(f"city {city.name}: " + "; ".join(sorted(set(problems))))

    def _check_variants(self) -> None:
        by_dept: dict[str, set[str]] = {}
        for a in self.catalog:
            by_dept.setdefault(a.dept, set()).add(a.label)
        for a in self.catalog:
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

    def _wait(self, dept: str, d: date, desk: bool, counter: str = "") -> float:
        """Minutes from the ticket (or arrival at a desk) to being called."""
        dep = self.depts[dept]
        median = 4.0 if desk else dep.counter_wait.get(counter, dep.wait_median)
        tb = self.tobe
        if self._is_peak(d):
            peak = dep.counter_peak if counter in dep.counter_wait else dep.peak_wait
            median *= self._u(*peak)
        if tb is not None:
            median *= tb.wait_factor
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
            return self.city.resident_id
        if act.performer == "SYS":
            return self.city.system_id
        pool = act.pool or act.dept
        key = (case_key, pool, act.role, visit)
        found = self._staff.get(key)
        if found is None:
            if act.performer == "X":
                n = self.city.externals[act.role]
                found = self.city.external_id.format(role=act.role, n=self._i(1, n))
            else:
                roles = list(self.pools[pool])
                dept = self.depts[pool]
                found = self.city.staff_id.format(
                    dept=dept.code,
                    code=dept.staff_code,
                    role=act.role,
                    rn=roles.index(act.role) + 1,
                    n=self._i(1, self.pools[pool][act.role]),
                )
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
        capture: Activity | None = None,
        on_site: bool | None = None,
    ) -> datetime:
        """Record one event; ``capture`` is the activity whose fields it fills (default: act)."""
        start = start.replace(microsecond=0)
        sysm = self.systems[act.system]
        case_key: tuple[object, ...] = (ctx.idx, act.system, act.dept, subject.pid) + extra
        if case_key not in self.case_meta:
            self.case_meta[case_key] = (ctx.le.name, f"LE{ctx.idx + 1:06d}", subject.pid)
        dur = self._service(act) if minutes is None else minutes
        extra_min = self.city.per_person.get(act.id, 0.0) * max(ctx.household - 1, 0)
        end = start + timedelta(seconds=round((dur + extra_min) * 60))
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
                self._capture(sysm, capture or act, subject, ctx, purpose),
                self._seq,
                visit,
                visit > 0 if on_site is None else on_site,
            )
        )
        self._seq += 1
        return end

    # ------------------------------------------------------------------ case set-up
    def _flags(self, le: LifeEvent, coverage: str | None) -> set[str]:
        """Draw a case's branches; a coverage case (``coverage`` not None) sets them all.

        An exclusive option (household type …) is drawn first; a flag's probability is
        taken from ``flags_if`` of the first set flag that lists it, else from ``flags``.
        """
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
            for cond, table in le.flags_if.items():
                if cond in flags and name in table:
                    p = table[name]
                    break
            if coverage is not None or self._p(p):
                flags.add(name)
        return flags

    def _children(self, ctx: CaseCtx, flags: set[str]) -> None:
        """The household's children (<18): those the case's procedures need, then others."""
        main = ctx.main
        w = np.array(self.city.children, dtype=float)
        n = 1 + int(np.searchsorted(np.cumsum(w / w.sum()), self.rng.random()))
        school = "school" in flags or "school_change" in flags
        need: list[tuple[int, int]] = []
        if school:
            need.append((6, 14))
        if "preschool" in flags:
            need.append((5, 5))
        if "nursery" in flags:
            need.append((1, 4))
        oldest = min(17, (self.start - main.dob).days // 365 - 20)
        n = max(n, len(need))
        ranges = list(need)
        while len(ranges) < n:
            if school:
                ranges.append((0, max(0, oldest)))
            elif oldest >= 15 and self._p(0.3):
                ranges.append((15, oldest))
            else:
                ranges.append((0, 4))
        kids = [self.pop.child(main, (lo, max(lo, min(hi, max(oldest, lo))))) for lo, hi in ranges]
        kids.sort(key=lambda k: k.dob)
        ctx.children = kids
        ctx.child = next((k for k in kids if _kid_matches("school", k, self.start)), kids[0])

    def _case(self, idx: int, le: LifeEvent, flags: set[str]) -> CaseCtx:
        words = self.city.words
        assert words is not None
        u = self.rng.random()
        day = self.start + timedelta(days=int(np.searchsorted(self._day_cdf[le.name], u)))
        age = le.age
        for flag, rng_ in le.age_if.items():
            if flag in flags:
                age = rng_
                break
        name = le.name
        main = self.pop.person(age, sex="F" if name == "婚姻" and "name_change" in flags else None)
        channel = "代理" if self._p(le.proxy) else le.channel
        for flag, ch in le.flag_channel.items():
            if flag in flags:
                channel = ch
        ctx = CaseCtx(idx, le, flags, main, day, channel)
        ctx.iddoc = self._pick(words.id_docs) + ("（代理人）" if channel == "代理" else "")
        ctx.doctor = self._pick(words.doctors)
        ctx.school = self._pick(words.schools)
        ctx.move = day - timedelta(days=self._i(0, 10))
        ctx.prev = main.outside
        if "partner" in flags and "lone_parent" not in flags:
            self.pop.spouse(main)
            ctx.household += 1
            ctx.partner = True
        if "kids" in flags or "school_change" in flags:
            self._children(ctx, flags)
            ctx.household += len(ctx.children)
        if {"care", "care_cert", "care_loss"} & flags or name == "要介護認定申請":
            main.care, main.care_prev = self._level(words.care_levels)
            if "facility" in flags:
                main.facility = self._pick(words.facilities)
        if "disab" in flags or name == "障害福祉申請":
            main.disab, main.disab_prev = self._level(words.disabilities)
        if "kokuho" in flags:
            main.ins = "国民健康保険"
        if name == "転出":
            ctx.prev = ""
        elif name == "転居":
            main.moved = True
            ctx.prev = render_address(main.prev_addr, "kanji")
        elif name == "出生":
            ctx.newborn = self.pop.child(main, (0, 0), born=day - timedelta(days=self._i(1, 13)))
            ctx.child = ctx.newborn
            ctx.children = [ctx.newborn]
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
            partner = self.pop.person((age[0], age[1] + 4), sex="M" if main.sex == "F" else "F")
            if "name_change" in flags:
                self.pop.marry(main, partner)
            ctx.heir = partner
            ctx.notification = "婚姻届"
            main.moved = "move" in flags
            if "move_in" not in flags:
                ctx.prev = render_address(main.prev_addr, "kanji")
        elif name == "生活保護申請":
            main.income = int(main.income * 0.2) // 1000 * 1000
        return ctx

    def _level(self, levels: Sequence[str]) -> tuple[str, str]:
        """A care level or disability grade, and the one before the last re-assessment."""
        i = int(self.rng.integers(len(levels)))
        j = i - 1 if i > 0 else i + 1
        return levels[i], levels[min(j, len(levels) - 1)]

    # ------------------------------------------------------------------ routes
    def _blocks(self, ctx: CaseCtx, blocks: tuple) -> list[RBlock]:  # type: ignore[type-arg]
        out: list[RBlock] = []
        for b in blocks:
            if not holds(b.when, ctx.flags):
                continue
            steps = [s.aid for s in parse_steps(b.steps) if holds(s.cond, ctx.flags)]
            if not steps:
                continue
            kids: list[Person | None] = [None] * len(steps)
            if b.each:  # per child; the resident fills in every child's form first
                who = [k for k in ctx.children if _kid_matches(b.each, k, self.start)]
                who = who[:1] if b.each.startswith("first_") else who
                own = [aid for aid in steps if self.acts[aid].performer == "R"]
                staff = [aid for aid in steps if aid not in own]
                pairs = [(a, k) for k in who for a in own] + [(a, k) for k in who for a in staff]
                if not pairs:
                    continue
                steps = [a for a, _ in pairs]
                kids = [k for _, k in pairs]
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.dept == b.dept
                and prev.kind == b.kind
                and prev.subject == b.subject
                and prev.shuffle == b.shuffle
                and prev.counter == b.counter
            ):
                prev.steps.extend(steps)
                prev.kids.extend(kids)
            else:
                out.append(RBlock(b.dept, steps, b.kind, b.subject, b.shuffle, "", b.counter, kids))
        return out

    def _detours(self, ctx: CaseCtx, blocks: list[RBlock]) -> list[RBlock]:
        for d in ctx.le.detours:
            if d.flag not in ctx.flags:
                continue
            for i, b in enumerate(blocks):
                if d.after in b.steps:
                    k = b.steps.index(d.after) + 1
                    head = b.part(0, k)
                    rest = b.part(k)
                    resume = d.resume.split()
                    none: list[Person | None] = [None] * len(resume)
                    tail = RBlock(
                        b.dept,
                        resume + rest.steps,
                        b.kind,
                        b.subject,
                        b.shuffle,
                        b.purpose,
                        b.counter,
                        none + rest.kids,
                    )
                    middle = [
                        RBlock(
                            x.dept, x.steps.split(), x.kind, x.subject, False, d.purpose, x.counter
                        )
                        for x in d.detour
                    ]
                    blocks = blocks[:i] + [head] + middle + [tail] + blocks[i + 1 :]
                    break
        return blocks

    def _arrange(
        self, ctx: CaseCtx, blocks: list[RBlock], revisit: float
    ) -> tuple[list[RBlock], list[RBlock]]:
        """Shuffle the order of the departments the resident may visit in any order, and
        postpone one of them to a later visit (a procedure missed on the day)."""
        groups: list[list[RBlock]] = []
        for b in blocks:
            if groups and b.shuffle and groups[-1][0].shuffle and groups[-1][0].dept == b.dept:
                groups[-1].append(b)
            else:
                groups.append([b])
        movable = [i for i, g in enumerate(groups) if g[0].shuffle]
        if len(movable) > 1 and self._p(ctx.le.shuffle):
            order = [movable[int(j)] for j in self.rng.permutation(len(movable))]
            new = list(groups)
            for pos, src in zip(movable, order, strict=True):
                new[pos] = groups[src]
            groups = new
        later: list[RBlock] = []
        if movable and self._p(revisit):
            i = movable[int(self.rng.integers(len(movable)))]
            later = groups[i]
            groups = groups[:i] + groups[i + 1 :]
        return [b for g in groups for b in g], later

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
        if self.tobe is not None:
            from procmine.samples.tobe import one_stop_visit

            one_stop_visit(self, ctx, day, ctx.visits, counters)
            return
        self._counters(ctx, day, ctx.visits, counters)

    def _counters(self, ctx: CaseCtx, day: date, visit: int, counters: list[RBlock]) -> None:
        """The As-Is visit: a ticket, a wait and the steps at every counter in turn.

        A couple may split up after the first department: each partner queues at half of
        the remaining counters (``City.split``).
        """
        t = self._arrival(day)
        head = 0
        while head < len(counters) and not counters[head].shuffle:
            head += 1
        end, prev, left = self._stops(ctx, day, visit, counters[:head], t, None)
        rest = counters[head:]
        if not left and rest:
            groups: list[list[RBlock]] = []
            for b in rest:
                if groups and b.same_counter(groups[-1][-1]):
                    groups[-1].append(b)
                else:
                    groups.append([b])
            if ctx.partner and len(groups) >= 3 and self._p(self.city.split):
                lanes = [
                    [b for g in groups[0::2] for b in g],
                    [b for g in groups[1::2] for b in g],
                ]
                ends = []
                for lane in lanes:
                    e, _, rest_left = self._stops(ctx, day, visit, lane, end, prev)
                    ends.append(e)
                    left += rest_left
                end = max(ends)
            else:
                end, _, left = self._stops(ctx, day, visit, rest, end, prev)
        ctx.last = end if ctx.last is None else max(ctx.last, end)
        if left:  # closed: the rest on the next working day
            ctx.visits += 1
            self._counters(ctx, self.cal.add_days(day, 1), ctx.visits, left)

    def _stops(
        self,
        ctx: CaseCtx,
        day: date,
        visit: int,
        counters: list[RBlock],
        t: datetime,
        prev: RBlock | None,
    ) -> tuple[datetime, RBlock | None, list[RBlock]]:
        """Queue at each counter of ``counters`` in turn from ``t``.

        At each counter the resident fills in the forms while waiting to be called (the
        resident's clock starts at the ticket, the staff's at the call); a staff step starts
        after the forms listed before it. Re-keying and slips are done behind the counter.
        Returns the time the resident leaves, the last block and the blocks left for
        another day (the office closed).
        """
        r_t = s_t = t  # resident's and staff's clocks at the current counter
        base_child = ctx.child
        for bi, b in enumerate(counters):
            dept = self.depts[b.dept]
            same = b.same_counter(prev)
            subj = self._subject(ctx, b.subject)
            if not same:
                t = max(r_t, s_t)
                if prev is not None:
                    walk = dept.walk if prev.dept != b.dept else (0.3, 1.0)
                    t += timedelta(minutes=self._u(*walk))
                if prev is not None and t.hour * 60 + t.minute > CLOSE:
                    return max(r_t, s_t), prev, counters[bi:]
                if b.kind == "counter" and dept.ticket is not None:
                    t = self._emit(ctx, self.acts[dept.ticket], t, subj, visit, minutes=0.0)
                    t += timedelta(seconds=self._i(5, 40))
                r_t = t
                s_t = t + timedelta(minutes=self._wait(b.dept, day, b.kind != "counter", b.counter))
            rework_of: Activity | None = None
            last = max(r_t, t)
            behind = last  # staff work behind the counter (re-keying, slips, batch)
            for aid, kid in zip(b.steps, b.kids, strict=True):
                ctx.child = kid if kid is not None else base_child
                act = self.acts[aid]
                gap = timedelta(minutes=self._u(0.05, 0.5))
                if _behind_counter(act):  # the resident does not wait for it
                    behind = self._emit(
                        ctx, act, max(behind, last) + gap, subj, visit, on_site=False
                    )
                    continue
                if act.performer == "R" or act.role in dept.prequeue_roles:
                    last = r_t = self._emit(ctx, act, r_t + gap, subj, visit, purpose=b.purpose)
                elif act.performer in ("RS", "SR"):
                    start = max(s_t, r_t) + gap
                    last = r_t = s_t = self._emit(ctx, act, start, subj, visit, purpose=b.purpose)
                else:
                    start = max(s_t, r_t) + gap
                    last = s_t = self._emit(ctx, act, start, subj, visit, purpose=b.purpose)
                if rework_of is not None and act.performer != "R":  # 記入不備 → 再記入
                    last = r_t = s_t = self._emit(
                        ctx,
                        rework_of,
                        last + timedelta(minutes=self._u(0.3, 2)),
                        subj,
                        visit,
                        purpose=b.purpose,
                        minutes=self._service(rework_of) * 0.6,
                    )
                    rework_of = None
                if act.cluster == "FORM" and self._p(self.rework):
                    rework_of = act
            if rework_of is not None:
                r_t = s_t = self._emit(
                    ctx,
                    rework_of,
                    max(r_t, s_t) + timedelta(minutes=self._u(0.5, 3)),
                    subj,
                    visit,
                    purpose=b.purpose,
                    minutes=self._service(rework_of) * 0.6,
                )
            ctx.child = base_child
            prev = b
        return max(r_t, s_t), prev, []

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
            # the case's own streams: set-up (who, what, when) and routing (how)
            setup = np.random.Generator(np.random.PCG64([self.seed, idx, 1]))
            self.rng = self.pop.rng = setup
            if idx < len(coverage):
                le, opt = coverage[idx]
                flags = self._flags(le, opt)
            else:
                le = les[int(np.searchsorted(cdf, self.rng.random()))]
                flags = self._flags(le, None)
            counts[le.name] = counts.get(le.name, 0) + 1
            ctx = self._case(idx, le, flags)
            self.rng = np.random.Generator(np.random.PCG64([self.seed, idx, 2]))
            self._run_case(ctx)
            self.case_info[idx] = CaseInfo(
                f"LE{idx + 1:06d}",
                le.name,
                ctx.main.pid,
                ctx.date0,
                self._is_peak(ctx.date0),
                tuple(sorted(flags)),
                ctx.household,
                len(ctx.children),
                sum(1 for k in ctx.children if _kid_matches("school", k, self.start)),
                ctx.channel,
            )
        return Result(
            self.events,
            self.case_meta,
            self.silo,
            self.aliases,
            self.persons,
            self.n_cases,
            counts,
            self.catalog,
            self.case_info,
            self.variant,
        )

    def _revisit(self, le: LifeEvent) -> float:
        if self.tobe is not None and le.revisit > 0:
            return self.tobe.revisit
        return le.revisit

    def _run_case(self, ctx: CaseCtx) -> None:
        le = ctx.le
        day0 = ctx.date0
        blocks = self._blocks(ctx, le.visit)
        if self.tobe is None:
            blocks = self._detours(ctx, blocks)
        blocks, later = self._arrange(ctx, blocks, self._revisit(le))
        self._visit(ctx, ctx.date0, blocks)
        if le.visit2:
            day2 = ctx.date0 + timedelta(days=self._i(*(le.later_visit or (3, 30))))
            blocks2, later2 = self._arrange(ctx, self._blocks(ctx, le.visit2), self._revisit(le))
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
        ctx.date0 = day0
