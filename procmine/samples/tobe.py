"""The reformed city (To-Be, koyo-city §3.8): 書かない・ワンストップ窓口.

The To-Be city meets the same residents with the same life events on the same days as the
As-Is city of the same seed; only the counters work differently:

- one queue ticket per visit, at the one-stop counter of the city's front yard
  (:class:`~procmine.samples.schema.ToBe`), with waits 60 % shorter on every day (the
  As-Is waits × ``ToBe.wait_factor``);
- one identity check and one My Number check per visit;
- every form the resident wrote is replaced by the front-yard staff's interview
  (聞き取り・申請書作成, logged in the procedure's own system with the data the form
  captured) and the resident's signature (署名, 0.5 min). The interview takes
  :data:`INTERVIEW_MINUTES` (median 1.2, 0.8–2.0 min): the staff print the form from the
  data the city already holds and ask only what is missing, so that interview and
  signature together take the 2 minutes §3.8 calibrates for the form step (京都市 7 → 2
  min [S28]); §3.8's design note of 2–4 min per procedure would give a 3-minute step;
- the departments' own counter steps are done beside it (同席 / リモート), each department
  in parallel with the others, so the resident waits for the slowest one, not for all;
- re-keying (KEY), 住基 look-ups (ADDR) and paper hand-offs are done by the system in
  seconds; certificates the city issues to itself are no longer asked for (COPY, and the
  ping-pong to fetch them; a certificate for the resident's own use is still issued);
  guidance is given once, at the end;
- revisits for a missed procedure drop to 1 %, rework of an application to 1.5 %.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from procmine.samples.schema import Activity, City

if TYPE_CHECKING:  # pragma: no cover
    from procmine.samples.capture import CaseCtx
    from procmine.samples.generator import Generator
    from procmine.samples.people import Person
    from procmine.samples.steps import RBlock

#: Clusters whose steps the one-stop counter does once per visit (or not at all).
_ONCE = ("QUEUE", "ID", "NUM", "GUIDE")
#: Interview replacing a written form: median, 10th and 90th percentile minutes (see above).
INTERVIEW_MINUTES = (1.2, 0.8, 2.0)
#: Steps the system does in seconds in the To-Be city.
_AUTOMATED = ("KEY", "ADDR", "HANDOFF")


def interview_id(form: Activity) -> str:
    """Id of the interview that replaces ``form`` in its department's system."""
    return f"{form.dept}.{form.system}.聞取"


def signature_id(form: Activity) -> str:
    """Id of the signature that follows the interview."""
    return f"{form.dept}.{form.system}.署名"


def tobe_catalog(city: City) -> tuple[Activity, ...]:
    """The activity catalog of the reformed city.

    The As-Is catalog with re-keying, look-ups and hand-offs done by the system, the front
    yard's extra activities, and per department system that received a written form an
    interview (cluster ``INTERVIEW``) and a signature (cluster ``SIGN``).

    Examples
    --------
    >>> from procmine.samples.koyo import KOYO
    >>> cat = {a.id: a for a in tobe_catalog(KOYO)}
    >>> cat["Z07"].performer, cat["HOKEN.kokuho.聞取"].label, cat["HOKEN.kokuho.署名"].performer
    ('SYS', '聞き取り・申請書作成', 'R')
    """
    tb = city.tobe
    if tb is None:
        raise ValueError(f"city {city.name} has no To-Be definition")
    out: list[Activity] = []
    for a in city.activities:
        if a.gt in _AUTOMATED:
            a = replace(a, performer="SYS", role="", median=0.1, p10=None, p90=None, pool="")
        out.append(a)
    out.extend(tb.extra)
    seen: set[tuple[str, str]] = set()
    for a in city.activities:
        if a.cluster != "FORM" or (a.dept, a.system) in seen:
            continue
        seen.add((a.dept, a.system))
        out.append(
            Activity(
                interview_id(a),
                a.dept,
                a.system,
                tb.interview,
                "S",
                tb.role,
                (),
                "INTERVIEW",
                *INTERVIEW_MINUTES,
                pool=tb.front,
            )
        )
        out.append(
            Activity(signature_id(a), a.dept, a.system, tb.signature, "R", "", (), "SIGN", 0.5)
        )
    return tuple(out)


def _once(gen: Generator, blocks: list[RBlock], cluster: str, fallback: str) -> str | None:
    """The activity doing ``cluster`` once for the visit: the first one the As-Is visit
    had if it belongs to the front yard's department, else the front yard's own."""
    assert gen.tobe is not None
    for b in blocks:
        for aid in b.steps:
            act = gen.acts[aid]
            if act.cluster == cluster:
                return aid if act.dept == gen.tobe.front else fallback
    return None


def _subject_of(gen: Generator, ctx: CaseCtx, blocks: list[RBlock], aid: str) -> Person:
    for b in blocks:
        if aid in b.steps:
            return gen._subject(ctx, b.subject)
    return ctx.main


def one_stop_visit(
    gen: Generator, ctx: CaseCtx, day: date, visit: int, blocks: list[RBlock]
) -> None:
    """One visit of the To-Be city: every procedure of ``blocks`` at the one-stop counter."""
    tb = gen.tobe
    assert tb is not None
    acts = gen.acts
    front = gen.depts[tb.front]
    t = gen._arrival(day)
    base_child = ctx.child
    secs = lambda a, b: timedelta(seconds=gen._i(a, b))  # noqa: E731
    # 総合案内 first (before the queue), once
    triage = [
        aid
        for b in blocks
        if b.dept == tb.front
        for aid in b.steps
        if acts[aid].role in front.prequeue_roles
    ]
    if triage:
        t = gen._emit(ctx, acts[triage[0]], t, ctx.main, visit)
    counter = any(b.kind == "counter" for b in blocks)
    if counter:
        t = gen._emit(ctx, acts[tb.ticket], t + secs(5, 30), ctx.main, visit, minutes=0.0)
        t += secs(5, 40)
    wait = gen._wait(tb.front, day, not counter)
    t_front = t + timedelta(minutes=wait)
    for cluster, fallback in (("ID", tb.id_check), ("NUM", tb.num_check)):
        aid = _once(gen, blocks, cluster, fallback)
        if aid is not None:
            subj = _subject_of(gen, ctx, blocks, aid)
            t_front = gen._emit(ctx, acts[aid], t_front + secs(10, 60), subj, visit)
    lanes: dict[str, datetime] = {}
    for b in blocks:
        subj = gen._subject(ctx, b.subject)
        lane = max(lanes.get(b.dept, t_front), t_front)
        for aid, kid in zip(b.steps, b.kids, strict=True):
            ctx.child = kid if kid is not None else base_child
            act = acts[aid]
            if act.cluster in _ONCE or aid in triage:
                continue
            if act.cluster == "COPY" and (b.purpose or "PURPOSE" not in act.fields):
                continue  # no certificate for another department (a resident's own: still)
            if act.cluster == "FORM":  # the front staff interviews; the department goes on after
                start = t_front + secs(10, 60)
                iv, sg = acts[interview_id(act)], acts[signature_id(act)]
                end = gen._emit(ctx, iv, start, subj, visit, purpose=b.purpose, capture=act)
                if gen._p(gen.rework):  # a detail corrected on the printed form
                    end = gen._emit(
                        ctx, iv, end + secs(5, 30), subj, visit, purpose=b.purpose,
                        minutes=gen._service(iv) * 0.4, capture=act,
                    )  # fmt: skip
                end = gen._emit(ctx, sg, end + secs(5, 20), subj, visit, minutes=gen._u(0.3, 0.7))
                t_front = end
                lane = max(lane, end)
            elif act.performer == "SYS":
                lane = gen._emit(ctx, act, lane + secs(1, 10), subj, visit, purpose=b.purpose)
            else:
                lane = gen._emit(ctx, act, lane + secs(10, 60), subj, visit, purpose=b.purpose)
        lanes[b.dept] = lane
    ctx.child = base_child
    end = max([t_front, *lanes.values()])
    guide = _once(gen, blocks, "GUIDE", tb.guide)
    if guide is not None:
        subj = _subject_of(gen, ctx, blocks, guide)
        end = gen._emit(ctx, acts[guide], end + secs(10, 60), subj, visit)
    ctx.last = end if ctx.last is None else max(ctx.last, end)
