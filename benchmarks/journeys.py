"""Resident journeys of a sample city: our KPIs next to the ground truth and koyo-city §3.11.

Usage::

    .venv/bin/python benchmarks/journeys.py [FOLDER] [--scale N] [--truth-clusters]

FOLDER (default ``sample_logs``) holds the exports and ``truth/``. The script runs
:func:`procmine.analyze` and :func:`procmine.journeys.journeys` on the exports, then, for
every truth life event (``truth/journeys.csv``: one row per life-event case with its main
resident, date and what the resident went through), finds our journey of the same resident
that starts closest to its date (our tables hold pseudonyms only; the script pseudonymises
the truth's resident keys with the same salt) and prints, per life event, medians and
quartiles of

* counters (ours: queue tickets, a stop without a ticket counting one; truth: ``counters``,
  the queue tickets), departments (ours: distinct departments the resident stopped at;
  truth: distinct departments with a ticket), forms written (truth: ``form_writes``,
  forms with name and address), identity checks (truth: ``id_checks``), minutes on site
  and visits;
* koyo-city.md §3.11's As-Is range for 転入 with children (truth ``children`` > 0).

``--truth-clusters`` also runs journeys with the planted duplicate clusters instead of the
matcher's, to tell journey errors from matching errors. ``--scale N`` times journeys() on
the exports copied N times (new residents and cases each copy).

This is evaluation code: only it and the tests read ``truth/``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

import procmine
from procmine.fields import column_fields
from procmine.journeys import JourneyResult, journeys
from procmine.model import Dataset, EventLog
from procmine.privacy import pseudonymise

SALT = b"benchmark"
#: koyo-city.md §3.11, As-Is, per 転入 case with children.
EXPECTED = {
    "counters": (5, 8),
    "forms_written": (6, 9),
    "identity_checks": (4, 7),
    "minutes_on_site": (90, 180),
}


def _truth_figures(truth: Path) -> pd.DataFrame:
    """One row per life event (``truth/journeys.csv``), in our column names."""
    t = pd.read_csv(truth / "journeys.csv", dtype={"person": str, "life_event_case": str})
    return pd.DataFrame(
        {
            "life_event_case": t["life_event_case"],
            "life_event": t["life_event"],
            "person": t["person"],
            "start": pd.to_datetime(t["date"]),
            "with_children": t["children"].gt(0),
            "tickets": t["counters"],
            "n_departments": t["departments"],
            "forms_written": t["form_writes"],
            "identity_checks": t["id_checks"],
            "minutes_on_site": t["minutes_on_site"],
            "visits": t["visits"],
        }
    )


def _with_departments(result: JourneyResult) -> pd.DataFrame:
    """Our journeys with the number of distinct departments the resident stopped at."""
    visited = result.stops.groupby("journey")["department"].nunique()
    j = result.journeys
    return j.assign(visited_departments=j["journey"].map(visited).fillna(0))


def _match(truth: pd.DataFrame, ours: pd.DataFrame) -> pd.DataFrame:
    """Our journey of the same resident that starts closest to each truth life event."""
    t = truth.assign(pseudonym=pseudonymise(truth["person"], salt=SALT)).drop(columns=["person"])
    keep = {"pseudonym", "life_event_case", "life_event", "with_children"}
    t = t.rename(columns={c: f"{c}_truth" for c in t.columns if c not in keep})
    pairs = t.merge(ours.rename(columns={"life_event": "life_event_label"}), on="pseudonym")
    pairs["distance"] = (pairs["start"].dt.normalize() - pairs["start_truth"]).abs()
    pairs = pairs.sort_values("distance").drop_duplicates(["life_event_case", "pseudonym"])
    return pairs[pairs["distance"] <= pd.Timedelta(days=30)]


def _q(s: pd.Series) -> str:
    s = s.dropna().astype(float)
    if s.empty:
        return "—"
    return f"{s.median():6.1f} ({s.quantile(0.25):.1f}–{s.quantile(0.75):.1f})"


def _report(pairs: pd.DataFrame, title: str) -> None:
    print(f"\n== {title}")
    rows = [
        ("counters", "counters", "tickets"),
        ("departments", "visited_departments", "n_departments"),
        ("forms_written", "forms_written", "forms_written"),
        ("identity_checks", "identity_checks", "identity_checks"),
        ("minutes_on_site", "minutes_on_site", "minutes_on_site"),
        ("visits", "visits", "visits"),
    ]
    for event, group in [
        ("転入 with children", pairs[pairs["life_event"].eq("転入") & pairs["with_children"]]),
        *[(e, g) for e, g in pairs.groupby("life_event", sort=True)],
    ]:
        print(f"-- {event}: {len(group)} journeys matched; median (p25–p75)")
        print(f"   {'figure':<16} {'ours':>22} {'truth':>22}  §3.11")
        for name, ours_col, truth_col in rows:
            exp = EXPECTED.get(name) if event == "転入 with children" else None
            extra = f"{exp[0]}–{exp[1]}" if exp else ""
            print(
                f"   {name:<16} {_q(group[ours_col]):>22} {_q(group[truth_col + '_truth']):>22}  {extra}"
            )


def _scaled(dataset: Dataset, n: int) -> Dataset:
    logs = {}
    for dept, log in dataset.logs.items():
        copies = [
            log.events.assign(
                case=log.events["case"] + f"#{k}", person=log.events["person"] + f"#{k}"
            )
            for k in range(n)
        ]
        logs[dept] = EventLog(
            dept, pd.concat(copies, ignore_index=True), log.data_columns, log.sources
        )
    return Dataset(logs=logs, mappings=dataset.mappings, accounting=dataset.accounting)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", default="sample_logs")
    parser.add_argument(
        "--scale", type=int, default=0, help="time journeys() on N copies of the exports"
    )
    parser.add_argument(
        "--truth-clusters", action="store_true", help="also run with the planted clusters"
    )
    args = parser.parse_args()
    folder = Path(args.folder)

    analysis = procmine.analyze(folder)
    fields = column_fields(analysis.silos)
    t0 = time.perf_counter()
    result = journeys(
        analysis.dataset, analysis.maps, analysis.clusters, column_fields=fields, salt=SALT
    )
    took = time.perf_counter() - t0
    events = sum(len(log.events) for log in analysis.dataset.logs.values())
    print(
        f"{events:,} events → {len(result.visits):,} visits, {len(result.journeys):,} journeys in {took:.2f} s"
    )
    print(
        f"identity-like cluster: {result.identity_cluster} = "
        + ", ".join(f"{d}:{a}" for d, a in result.identity_members)
    )

    truth = _truth_figures(folder / "truth")
    pairs = _match(truth, _with_departments(result))
    print(
        f"truth: {len(truth):,} (life event, resident) pairs; matched to a journey: {len(pairs):,}"
    )
    _report(pairs, "matcher's clusters")
    print("\njourney types (ours) × life events (truth), matched journeys:")
    print(pd.crosstab(pairs["journey_type"], pairs["life_event"]).to_string())
    print("\nKPIs over all journeys (ours):")
    print(result.kpis[result.kpis["journey_type"].eq("all")].to_string(index=False))
    top = result.journeys["journey_type"].value_counts().index[0]
    print(f"\ntypical path of {top!r}:")
    print(result.typical_path(top).to_string(index=False))

    if args.truth_clusters:
        planted = pd.read_csv(folder / "truth" / "duplicates.csv", dtype=str)
        res2 = journeys(analysis.dataset, analysis.maps, planted, column_fields=fields, salt=SALT)
        print(f"\nidentity-like cluster with the planted clusters: {res2.identity_cluster}")
        _report(_match(truth, _with_departments(res2)), "planted clusters")

    if args.scale:
        big = _scaled(analysis.dataset, args.scale)
        n = sum(len(log.events) for log in big.logs.values())
        t0 = time.perf_counter()
        r = journeys(big, analysis.maps, analysis.clusters, column_fields=fields, salt=SALT)
        print(
            f"\nscale ×{args.scale}: {n:,} events → {len(r.visits):,} visits, "
            f"{len(r.journeys):,} journeys in {time.perf_counter() - t0:.1f} s"
        )


if __name__ == "__main__":
    main()
