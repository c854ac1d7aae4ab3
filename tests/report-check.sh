# tests/report-check.sh ROTAPLAN HISTORY - the weekly plan's report in a
# browser: runs `rotaplan plan` on the sample council (a short roster time
# limit) and opens report.html in headless Chromium (scripts/
# check-report.sh): it must load with no console message and every chart
# drawn.  Prints TAP.
rotaplan=${1:?usage: report-check.sh ROTAPLAN HISTORY}
history=${2:?usage: report-check.sh ROTAPLAN HISTORY}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "1..2"
if "$rotaplan" plan --config data/centre.ini --history "$history" \
    --events data/events.csv --officers data/officers.csv \
    --scenarios data/scenarios.ini --week 2026-W49 --time-limit 5s \
    --out "$tmp/plan" >"$tmp/log" 2>&1; then
    echo "ok 1 rotaplan plan writes the sample council's plan"
else
    echo "not ok 1 rotaplan plan writes the sample council's plan"
    sed 's/^/# /' "$tmp/log"
fi
if sh scripts/check-report.sh "$tmp/plan/report.html" 10 >"$tmp/check" 2>&1; then
    echo "ok 2 report.html loads in headless Chromium, every chart drawn"
else
    echo "not ok 2 report.html loads in headless Chromium, every chart drawn"
    sed 's/^/# /' "$tmp/check"
fi
