# tests/report-check.sh ROTAPLAN HISTORY - the weekly plan as a manager
# sees it: runs `rotaplan plan --format json` on the sample council and
# checks its one-object summary against rota.csv; opens report.html in
# headless Chromium at 1,280 px (scripts/check-report.sh: no console
# message, every chart drawn, no sideways overflow); finds every rostered
# officer in the rota grid of each site they work at; checks the week at
# a glance against the plan's files (tests/glance-check.py); prints the
# page to PDF as Chromium does and counts one A4 landscape page per site
# of the rota, each headed by its site (pdfinfo and pdftotext, Debian
# package poppler-utils); and reads the workbook with openpyxl
# (tests/xlsx-check.py).  Prints TAP.
#
# It plans the week `make demo` plans, with the same inputs and effort
# (the 119 officers of data/officers.csv, 90 of them at Pennyfarthing
# House, whose rota prints in the compact layout of docs/plan.md), so
# the report checked is the demo's.
rotaplan=${1:?usage: report-check.sh ROTAPLAN HISTORY}
history=${2:?usage: report-check.sh ROTAPLAN HISTORY}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# Debian's python3, which python3-openpyxl installs into (a python3 found
# first on PATH, such as pyenv's, may lack it)
python=/usr/bin/python3; [ -x "$python" ] || python=python3
plan=$tmp/plan
officers=data/officers.csv
echo "1..8"
n=0
result() {
    # result OK-STATUS DESCRIPTION [LOG]
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then echo "ok $n $2"
    else echo "not ok $n $2"; [ -n "${3:-}" ] && sed 's/^/# /' "$3"; fi
}

"$rotaplan" plan --config data/centre.ini --history "$history" \
    --events data/events.csv --officers $officers \
    --scenarios data/scenarios.ini --week 2026-W49 \
    --format json --out "$plan" >"$tmp/summary.json" 2>"$tmp/log"
result $? "rotaplan plan writes the sample council's plan" "$tmp/log"

"$python" - "$tmp/summary.json" "$plan/rota.csv" >"$tmp/json" 2>&1 <<'EOF'
import csv, json, sys
with open(sys.argv[1]) as f:
    text = f.read()
summary = json.loads(text)          # the whole output is one object
assert isinstance(summary, dict), "not one object"
rows = list(csv.DictReader(open(sys.argv[2])))
assert summary["shifts"] == len(rows), (summary["shifts"], len(rows))
paid = sum(float(r["paid_hours"]) for r in rows)
assert summary["week"] == "2026-W49"
assert summary["queue_days_missed"] >= 0 and summary["calls"] > 0
print("summary: %d shifts, %.1f paid hours" % (len(rows), paid))
EOF
result $? "plan --format json prints one object whose shifts are rota.csv's" "$tmp/json"

sh scripts/check-report.sh "$plan/report.html" 10 "$tmp/dom.html" >"$tmp/check" 2>&1
result $? "report.html loads at 1,280 px, fits, every chart drawn" "$tmp/check"

"$python" - "$tmp/dom.html" "$plan/rota.csv" "$plan/report.html" >"$tmp/grid" 2>&1 <<'EOF'
import csv, os, re, sys
dom = open(sys.argv[1]).read()
rows = list(csv.DictReader(open(sys.argv[2])))
# each site's section, and the officers with a row in its grid
sections = re.split(r'<section class="site[^"]*">', dom)[1:]
seen = {}
for s in sections:
    ids = set(re.findall(r'<tr data-officer="([^"]+)"', s))
    cells = len(re.findall(r'<span class="times">', s))
    seen[len(seen)] = (ids, cells)
want = {}
for r in rows:
    want.setdefault(r["site"], set()).add(r["officer"])
assert len(sections) == len(want), (len(sections), sorted(want))
# sets do not sort (< is "subset of"): compare sorted lists
grids = sorted(sorted(ids) for ids, _ in seen.values())
assert grids == sorted(sorted(v) for v in want.values()), "officers per site differ"
shifts = sum(cells for _, cells in seen.values())
assert shifts == len(rows), (shifts, len(rows))
size = os.path.getsize(sys.argv[3])
# the demo's report is about 464 KB (docs/development.md)
assert size < 550000, "report.html is %d bytes" % size
print("rota grid: %d sites, %d officers, %d shifts; report %d bytes" %
      (len(want), len({r["officer"] for r in rows}), shifts, size))
EOF
result $? "the rota grid has every rostered officer at each site, every shift" "$tmp/grid"

"$python" tests/glance-check.py "$plan" data/centre.ini $officers \
    >"$tmp/glance" 2>&1
result $? "the week at a glance shows the evaluation, the cost and the FTE" "$tmp/glance"

browser=$(command -v chromium || command -v chromium-browser)
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$tmp/profile" --no-pdf-header-footer \
    --print-to-pdf="$tmp/rota.pdf" "file://$(cd "$plan" && pwd)/report.html" \
    >"$tmp/pdf" 2>&1
pages=$(pdfinfo "$tmp/rota.pdf" 2>>"$tmp/pdf" | sed -n 's/^Pages: *//p')
size=$(pdfinfo "$tmp/rota.pdf" 2>/dev/null | sed -n 's/^Page size: *//p')
sites=$(tail -n +2 "$plan/rota.csv" | cut -d, -f4 | sort -u | wc -l)
# each page starts with its site's heading, "... rota for week", once
heads=0
for k in $(seq 1 "${pages:-0}"); do
    h=$(pdftotext -f "$k" -l "$k" "$tmp/rota.pdf" - 2>>"$tmp/pdf" |
        grep -c 'rota for week')
    echo "page $k: $h site heading(s)" >>"$tmp/pdf"
    [ "$h" -eq 1 ] && heads=$((heads + 1))
done
echo "pages $pages, sites $sites, page size $size" >>"$tmp/pdf"
[ "${pages:-0}" -eq "$sites" ] && [ "$heads" -eq "$sites" ] &&
    echo "$size" | grep -q '841.* x 59.* (A4)'
result $? "printed, the rota is one A4 landscape page per site" "$tmp/pdf"

"$python" tests/xlsx-check.py "$plan/rota.xlsx" "$plan" data/centre.ini >"$tmp/xlsx" 2>&1
result $? "plan's rota.xlsx holds rota.csv, activities, coverage and hours" "$tmp/xlsx"

# twice, a second apart: the same rota gives the same workbook, byte for byte
for k in 1 2; do
    "$rotaplan" roster --config data/centre.ini --officers $officers \
        --requirements "$plan/requirements.csv" --iterations 300 --no-bound --corrections 0 \
        -o "$tmp/rota.csv" --xlsx "$tmp/rota-$k.xlsx" >"$tmp/roster" 2>&1 || break
    sleep 1
done
"$python" tests/xlsx-check.py "$tmp/rota-1.xlsx" "$tmp" data/centre.ini rota-only \
    >>"$tmp/roster" 2>&1 && cmp "$tmp/rota-1.xlsx" "$tmp/rota-2.xlsx" >>"$tmp/roster" 2>&1
result $? "roster --xlsx writes the workbook of its rota, the same every run" "$tmp/roster"
