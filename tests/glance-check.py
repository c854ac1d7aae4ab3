# tests/glance-check.py PLAN CENTRE.ini OFFICERS.csv - the report's week at
# a glance against the plan's own files: each verdict cell is its
# queue-day of evaluation-days.csv, the simulated figures where the file
# has them, else the Erlang ones (the figure; green when the day meets
# its standard, amber when it misses by less than 5 points of its
# target, red otherwise; "closed" where the file has no row for that day);
# the cost and FTE beside the grid are roster-summary.csv's cost, a
# week's share of the centre's budget, the base scenario of compare.csv
# (priced by models/scenario.c, not by the report's code) and the
# officers' contracts over the centre's full-time week.  Exits 1 with the
# first difference.
import configparser
import csv
import html
import os
import re
import sys

plan, centre, officers = sys.argv[1], sys.argv[2], sys.argv[3]
page = open(os.path.join(plan, "report.html")).read()
config = configparser.ConfigParser(interpolation=None)
config.read(centre)
by_name = {config[g]["name"]: g.split(":", 1)[1]
           for g in config.sections() if g.startswith("queue:")}
days = list(csv.DictReader(open(os.path.join(plan, "evaluation-days.csv"))))
day = {(d["queue"], d["date"][5:]): d for d in days}

grid = page[page.index('<table class="verdict">'):]
grid = grid[:grid.index("</table>")]
dates = re.findall(r"<small>(\d\d-\d\d)</small>", grid)
cells = 0
for title, tds in re.findall(r'<tr><th title="([^"]*)">[^<]*</th>(.*?)</tr>',
                             grid):
    queue = by_name[html.unescape(title)]
    found = re.findall(r'<td class="(\w+)"[^>]*>([^<]*)</td>', tds)
    assert len(found) == len(dates), (queue, len(found), len(dates))
    for date, (cls, text) in zip(dates, found):
        d = day.get((queue, date))
        if d is None:
            assert cls == "closed", (queue, date, cls)
            continue
        simulated = d["simulated_service_level"] != ""
        sl = float(d["simulated_service_level" if simulated
                     else "service_level"])
        meets = d["simulated_meets" if simulated else "meets"]
        want = "%.0f%%" % (100 * sl)
        assert text == want, (queue, date, text, want)
        target = float(d["target"])
        want_cls = ("met" if meets == "1"
                    else "near" if sl >= target - 0.05 else "miss")
        assert cls == want_cls, (queue, date, cls, want_cls)
        cells += 1
assert cells == len(days), (cells, len(days))

facts = {html.unescape(k): v for k, v in re.findall(
    r'<tr><th>([^<]*)</th><td class="num">([^<]*)</td></tr>', page)}


def hours_of(text, fte=None):
    """'37h', '22h30m', '30m' -> hours; '0.6fte' -> 0.6 x `fte`"""
    if text.endswith("fte"):
        return float(text[:-3]) * fte
    m = re.fullmatch(r"(?:(\d+(?:\.\d+)?)h)?(?:(\d+)m)?", text)
    return float(m.group(1) or 0) + float(m.group(2) or 0) / 60


def money(x):
    return "\u00a3{:,.0f}".format(x)


summary = next(csv.DictReader(open(os.path.join(plan, "roster-summary.csv"))))
base = next(csv.DictReader(open(os.path.join(plan, "compare.csv"))))
budget = float(config["costs"]["budget"])
fte_hours = hours_of(config["centre"]["fte_hours"])
hours = sum(hours_of(o["contract"], fte_hours)
            for o in csv.DictReader(open(officers)))
checks = [("The rota", money(float(summary["cost"]))),
          ("Budget for a week", money(budget * 7 / 365.25)),
          ("Meeting every standard", money(float(base["weekly_cost"]))),
          ("In post", "%.1f" % (hours / fte_hours)),
          ("Needed for the standards", "%.1f" % float(base["fte"]))]
for what, want in checks:
    assert facts.get(what) == want, (what, facts.get(what), want)
print("verdict grid: %d queue-days as in evaluation-days.csv; cost and FTE "
      "as roster-summary.csv, compare.csv and the contracts give" % cells)
