#!/usr/bin/env python3
"""scripts/make-sample-week.py - writes data/volumes-week.csv, the demo's
forecast week for the sample council (data/centre.ini).

Expected contacts per 15-minute interval (rates, not noisy counts: a
forecast is an expected value), for Monday 11 to Sunday 17 January 2027,
from the annual volumes in docs/sample-council.md:

  phones 620,000 calls a year, shared by the 8 golden numbers;
  face to face 152,000 visits a year across the 5 desks;
  email 50,000, web forms 33,000, post 33,000, voicemail 12,000 items.

A working week carries 1/50.4 of a year (252 working days).  Each channel
has a day-of-week shape (Monday busiest) and an intraday shape (phones:
morning peak, lunch dip, afternoon bump; desks: late-morning peak).  Phone
calls also arrive in the hour either side of opening, and email, web forms
and voicemail around the clock, so the plan shows contacts arriving while
closed.  Handling times vary within the day (+6% first thing).

Deterministic: no random numbers.  Run from the repository root.
"""
import datetime as dt
import math

PHONE_YEAR = 620_000
PHONE_SHARE = {"environment": .17, "parking": .08, "housing_options": .06,
               "housing_tenancy": .09, "planning": .06, "general": .12,
               "benefits": .18, "council_tax": .24}
DESK_YEAR = 152_000
DESK_SHARE = {"reception_pennyfarthing": .45, "reception_library": .20,
              "reception_wyndham": .15, "reception_amesbury": .12,
              "reception_mere": .08}
DEFERRED_YEAR = {"email": 50_000, "web": 33_000, "post": 33_000,
                 "voicemail": 12_000}
AHT = {"environment": 200, "parking": 210, "housing_options": 360,
       "housing_tenancy": 240, "planning": 300, "general": 180,
       "benefits": 330, "council_tax": 270, "reception_pennyfarthing": 540,
       "reception_wyndham": 720, "reception_library": 480,
       "reception_amesbury": 480, "reception_mere": 480, "email": 360,
       "web": 300, "post": 600, "voicemail": 240}
# opening hours (minutes) per weekday for the desks, as in centre.ini
DESK_HOURS = {
    "reception_pennyfarthing": {d: [(540, 1020)] for d in range(5)},
    "reception_wyndham": {d: [(540, 1020)] for d in range(5)},
    "reception_library": {**{d: [(600, 960)] for d in range(5)}, 5: [(600, 720)]},
    "reception_amesbury": {d: [(540, 780), (840, 1020)] for d in range(5)},
    "reception_mere": {0: [(570, 780)], 2: [(570, 780)], 4: [(570, 780)]},
}
WEEKS_PER_YEAR = 252 / 5
DAY_PHONE = [1.25, 1.05, 0.95, 0.93, 0.82, 0.0, 0.0]
DAY_DESK = [1.20, 1.00, 0.95, 1.00, 0.85, 0.0, 0.0]
DAY_MAIL = [1.10, 1.05, 1.00, 1.00, 0.95, 0.45, 0.45]
START = dt.date(2027, 1, 11)


def bump(x, centre, width):
    return math.exp(-0.5 * ((x - centre) / width) ** 2)


def phone_shape(minute, weekday):
    """Relative call rate at `minute` after midnight (08:00-18:00)."""
    h = minute / 60.0 + 0.125
    peak = 1.0 + (0.35 if weekday == 0 else 0.15)
    return (0.25 + peak * bump(h, 10.0, 1.1) + 0.7 * bump(h, 14.5, 1.3)
            - 0.25 * bump(h, 13.0, 0.4) + 0.35 * bump(h, 12.0, 2.5))


def desk_shape(minute):
    h = minute / 60.0 + 0.125
    return 0.5 + bump(h, 11.5, 1.5) + 0.6 * bump(h, 14.5, 1.2)


def mail_shape(minute):
    h = minute / 60.0 + 0.125
    return 0.15 + bump(h, 10.5, 2.5) + 0.8 * bump(h, 15.0, 2.5) + 0.3 * bump(h, 20.5, 1.5)


def spread(total, weights):
    s = sum(weights)
    return [total * w / s for w in weights]


def open_at(spans, minute):
    return any(a <= minute < b for a, b in spans)


def main():
    rows = []  # (timestamp, queue, contacts, aht)
    for day in range(7):
        date = START + dt.timedelta(days=day)
        wd = date.weekday()
        # phones: rows 08:00-18:00 on weekdays; 3% of calls outside 9-17
        if DAY_PHONE[wd] > 0:
            minutes = list(range(8 * 60, 18 * 60, 15))
            w = [phone_shape(m, wd) * (1.0 if 540 <= m < 1020 else 0.06)
                 for m in minutes]
            for q, share in PHONE_SHARE.items():
                day_total = PHONE_YEAR * share / WEEKS_PER_YEAR / 5 * DAY_PHONE[wd]
                for m, c in zip(minutes, spread(day_total, w)):
                    rows.append((date, m, q, c, AHT[q] * (1.06 if m < 600 else 1.0)))
        for q, share in DESK_SHARE.items():
            spans = DESK_HOURS[q].get(wd, [])
            if not spans:
                continue
            minutes = [m for m in range(0, 1440, 15) if open_at(spans, m)]
            w = [desk_shape(m) for m in minutes]
            weekly_days = sum(DAY_DESK[d] for d in range(7) if DESK_HOURS[q].get(d))
            day_total = DESK_YEAR * share / WEEKS_PER_YEAR * (DAY_DESK[wd] or 0.6) / weekly_days
            for m, c in zip(minutes, spread(day_total, w)):
                rows.append((date, m, q, c, AHT[q]))
        for q, year in DEFERRED_YEAR.items():
            if q == "post" and wd >= 5:
                continue  # no post delivered at weekends
            minutes = list(range(0, 1440, 15))
            if q == "post":  # the morning delivery, opened at 09:00-10:00
                w = [1.0 if 540 <= m < 600 else 0.0 for m in minutes]
                day_total = year / WEEKS_PER_YEAR / 5
            else:
                w = [mail_shape(m) for m in minutes]
                day_total = year / WEEKS_PER_YEAR * DAY_MAIL[wd] / sum(DAY_MAIL)
            for m, c in zip(minutes, spread(day_total, w)):
                rows.append((date, m, q, c, AHT[q]))
    rows.sort(key=lambda r: (r[0], r[1]))
    with open("data/volumes-week.csv", "w") as f:
        f.write("interval_start,queue,contacts,aht_s\n")
        for date, m, q, c, aht in rows:
            f.write("%sT%02d:%02d,%s,%.3f,%.0f\n" % (date.isoformat(), m // 60, m % 60, q, c, aht))


if __name__ == "__main__":
    main()
