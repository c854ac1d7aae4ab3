#!/usr/bin/env python3
"""scripts/make-officers.py - writes data/officers.csv, the sample council's
officers, sized from rotaplan's own requirement for the demo week.

`rotaplan staff --model per-line` on the demo week's forecast (2026-W49,
docs/sample-council.md) asks for 2,819 officer-hours on the queues, 3,724 scheduled
hours with 24.3% shrinkage: 100.6 full-time equivalents of 37 hours.  The
teams below give 106 FTE (about 5% spare) in the shape of that
requirement: the scheduled FTE of each group of queues, and enough heads
at each site for the busiest interval of its desks (Monday morning).

    group of queues                       FTE needed   team
    council tax, benefits, their desk        34.5      revenues (A, D)
    environment, parking, general, email     22.2      customer services (B)
    housing options, tenancy, voicemail      13.1      housing (C)
    planning and its desk                    12.2      planning (E)
    library desk                              5.6      library (F)
    Amesbury and Mere desks                   5.6      rural (G)

Full-timers work 37h (35h to 40h, at most 5 days); part-timers 22h30m
(18h to 30h, at most 4 days).  Pay runs from 12.50 to 16.45 GBP an hour by
a fixed pattern.  About half the phone officers may work evenings, as
centre-extended.ini needs, and a third of the full-timers and every
part-timer Saturdays: a full-timer's 35h minimum does not fit in four
weekdays and a 4-hour Saturday shift, so Saturday lines rely on
part-timers.  Deterministic: run from the repository root.
"""

FIRST = ["Alice", "Ben", "Chloe", "David", "Emma", "Farid", "Grace", "Harry",
         "Isla", "Jack", "Kiran", "Laura", "Mohammed", "Nina", "Oliver",
         "Priya", "Quentin", "Rosa", "Sam", "Tara", "Umar", "Vicky", "Will",
         "Xena", "Yusuf", "Zoe", "Amir", "Bethan", "Callum", "Dana", "Ewan",
         "Fiona", "Gareth", "Hannah", "Imran", "Jess", "Kate"]
LAST = ["Archer", "Bell", "Carter", "Dixon", "Evans", "Fox", "Green",
        "Hughes", "Iqbal", "Jones", "Khan", "Lewis", "Morgan", "Nash", "Owen",
        "Patel", "Quinn", "Reid", "Shaw", "Turner", "Usman", "Vaughan",
        "Walsh", "Young", "Zaman", "Ahmed", "Baker", "Cole", "Davies", "Ellis",
        "Ford", "Grant", "Hall", "Irwin", "James", "Kelly", "Lane", "Moore",
        "North", "Oakes", "Price"]

# (team, home site, other sites, skills, full-timers, part-timers,
#  evenings share, Saturdays share)
TEAMS = [
    ("A", "pennyfarthing", "",
     "council_tax:1;benefits:1;reception_pennyfarthing:1;post:1", 28, 6,
     0.5, 0.35),
    ("D", "pennyfarthing", "",
     "council_tax:1;benefits:0.8;general:0.8;email:1;web:1", 8, 2, 0.5, 0.35),
    ("B", "pennyfarthing", "",
     "environment:1;parking:1;general:1;email:1;web:1", 21, 6, 0.5, 0.35),
    ("C", "pennyfarthing", "",
     "housing_options:1;housing_tenancy:1;general:0.8;voicemail:1", 12, 3,
     0.5, 0.35),
    ("E", "wyndham", "pennyfarthing",
     "planning:1;reception_wyndham:1;general:0.8;email:1", 10, 3, 0.4, 0.3),
    ("F", "library", "pennyfarthing",
     "reception_library:1;general:1;environment:0.8;parking:0.8", 8, 1, 0.0,
     1.0),
    ("G", "amesbury", "mere",
     "reception_amesbury:1;reception_mere:1;general:1;environment:1;"
     "parking:0.8", 6, 5, 0.0, 0.0),
]


# The library's shifts are at most 6h30m (6h paid), so its full-timers
# work a 30-hour week there, up to 33h so that in a week of five bank
# holidays (paid pro rata, 6h each) 3h are left for the Saturday desk.
LIBRARY_FULL_TIME = "30h,27h,33h,5"


def every(share, i):
    """Every officer i of a team for which the running share steps up."""
    return int((i + 1) * share) > int(i * share)


def main():
    rows = ["id,name,home_site,sites,skills,contract,min_hours,max_hours,"
            "days,hourly_cost,evenings,saturdays"]
    n = 0
    for team, home, sites, skills, ft, pt, eve, sat in TEAMS:
        for i in range(ft + pt):
            full = i < ft
            name = "%s %s" % (FIRST[n % len(FIRST)], LAST[(n * 7) % len(LAST)])
            pay = 12.50 + (n * 37 % 80) * 0.05
            contract = ("37h,35h,40h,5" if full else "22h30m,18h,30h,4")
            if full and team == "F":
                contract = LIBRARY_FULL_TIME
            rows.append("o%03d,%s,%s,%s,%s,%s,%.2f,%s,%s" % (
                n + 1, name, home, sites, skills, contract, pay,
                "yes" if every(eve, i) else "no",
                "yes" if every(sat, i) or (sat > 0 and not full) else "no"))
            n += 1
    with open("data/officers.csv", "w") as f:
        f.write("\n".join(rows) + "\n")


main()
