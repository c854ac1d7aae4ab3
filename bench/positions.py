#!/usr/bin/env python3
"""bench/positions.py PLAN_OR_FILES... - how a rota holds its positions.

Reads a rota's activities.csv and rota.csv (a plan folder, or the two
files) and prints, per officer-day worked: changes of position (two
quarter-hours in a row at work on different positions; and counting a
new position after a break too), blocks shorter than 30 minutes (all,
and those with a change at both ends, i.e. not next to a break or the
shift's start or end), and distinct start times per officer-week.
Phone lines count as one position where the file says `phones`."""
import csv
import sys
from collections import defaultdict
from datetime import datetime

NOT_POSITION = {"break", "lunch", "commitment"}


def measure(activities, rota):
    rows = defaultdict(list)  # (officer, date) -> [(time, activity)]
    with open(activities, newline="") as f:
        for r in csv.DictReader(f):
            t = datetime.fromisoformat(r["interval_start"][:16])
            rows[(r["officer"], t.date())].append((t, r["activity"]))
    step = None
    changes = across = short = short_inner = blocks = 0
    for key, seq in rows.items():
        seq.sort()
        if step is None and len(seq) > 1:
            step = (seq[1][0] - seq[0][0]).total_seconds() / 60
        stretches, cur, last_pos = [], [], None
        prev_t = None
        for t, a in seq:
            gap = prev_t is not None and (t - prev_t).total_seconds() / 60 > step
            prev_t = t
            if a in NOT_POSITION or gap:
                if cur:
                    stretches.append(cur)
                cur = []
                if gap:
                    last_pos = None
                if a in NOT_POSITION:
                    continue
            if last_pos is not None and a != last_pos:
                across += 1
            last_pos = a
            cur.append(a)
        if cur:
            stretches.append(cur)
        for s in stretches:
            runs = []
            for a in s:
                if runs and runs[-1][0] == a:
                    runs[-1][1] += 1
                else:
                    runs.append([a, 1])
            changes += len(runs) - 1
            blocks += len(runs)
            for k, (_, n) in enumerate(runs):
                if n * step < 30:
                    short += 1
                    if 0 < k < len(runs) - 1:
                        short_inner += 1
    starts = defaultdict(set)
    with open(rota, newline="") as f:
        for r in csv.DictReader(f):
            starts[r["officer"]].add(r["start"])
    days = len(rows)
    distinct = [len(v) for v in starts.values()]
    return {
        "officer_days": days,
        "changes": changes / days,
        "changes_across_breaks": across / days,
        "blocks": blocks,
        "short": short,
        "short_inner": short_inner,
        "starts_mean": sum(distinct) / len(distinct),
        "starts_max": max(distinct),
        "officers": len(distinct),
    }


def main():
    args = sys.argv[1:]
    if len(args) == 1:
        args = [args[0] + "/activities.csv", args[0] + "/rota.csv"]
    m = measure(*args)
    print(
        f"  {m['officer_days']} officer-days: {m['changes']:.2f} changes of "
        f"position per officer-day ({m['changes_across_breaks']:.2f} counting "
        f"a new position after a break); {m['short']} of {m['blocks']} blocks "
        f"under 30 min, {m['short_inner']} of them between two changes (not "
        f"next to a break or a shift's ends); start times per officer-week "
        f"{m['starts_mean']:.2f} on average, at most {m['starts_max']} "
        f"({m['officers']} officers)"
    )


if __name__ == "__main__":
    main()
